"""The tests run against the installed wheel, not the source tree."""

from __future__ import annotations

import sys
from pathlib import Path

import bookto_verify
from bookto_verify import _native

SOURCE = Path(__file__).resolve().parents[1] / "python"


def test_package_comes_from_site_packages() -> None:
    package = Path(bookto_verify.__file__).resolve()
    assert "site-packages" in package.parts
    assert SOURCE not in package.parents
    assert str(SOURCE) not in sys.path


def test_native_module_is_abi3_inside_the_package() -> None:
    native = Path(_native.__file__)
    assert native.parent == Path(bookto_verify.__file__).parent
    assert native.name == "_native.abi3.so"


def test_typed_package_ships_stub_and_marker() -> None:
    package = Path(bookto_verify.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "_native.pyi").is_file()


def test_version_comes_from_cargo() -> None:
    cargo = (Path(__file__).resolve().parents[2] / "Cargo.toml").read_text()
    assert f'version = "{bookto_verify.__version__}"' in cargo
