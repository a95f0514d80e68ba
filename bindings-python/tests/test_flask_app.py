"""examples/flask_app.py served by Werkzeug on 127.0.0.1, driven over HTTP."""

from __future__ import annotations

import threading
from typing import Iterator

import pytest
from receivers import run_scenarios
from werkzeug.serving import make_server

import flask_app  # examples/flask_app.py, imported after receivers set the secret


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    server = make_server("127.0.0.1", 0, flask_app.app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        thread.join(10)


def test_flask_receiver_over_http(port: int) -> None:
    run_scenarios(port, error_of=lambda payload: payload)
