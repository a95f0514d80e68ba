"""How a verified body becomes Python data: numbers exact, read-only on request.

``loads`` is ``json.loads`` with integers as ``int`` (of any length) and every
other number as ``Decimal`` (never ``float``); ``frozen`` makes the result
deep read-only (``MappingProxyType`` for objects, tuples for arrays). The
bodies come from the core's parser, so they are valid RFC 8259 JSON at most
128 levels deep.
"""

from __future__ import annotations

import decimal
import json
from decimal import Decimal
from types import MappingProxyType
from typing import Any, Mapping, Optional, Tuple, Union

# Decimal(text) is exact, but refuses exponents beyond what any Decimal holds
# (about 10**18); an unknown field may still send one. Those saturate to
# Infinity or zero through this context instead of raising.
_SATURATING = decimal.Context(
    prec=decimal.MAX_PREC, Emax=decimal.MAX_EMAX, Emin=decimal.MIN_EMIN, traps=[]
)


def _parse_int(text: str) -> Union[int, Decimal]:
    # Python refuses to read integers of more than 4300 digits (its
    # int_max_str_digits guard); such a number still arrives exact, as Decimal.
    try:
        return int(text)
    except ValueError:
        return Decimal(text)


def _parse_float(text: str) -> Decimal:
    try:
        return Decimal(text)
    except decimal.InvalidOperation:
        return _SATURATING.create_decimal(text)


def loads(text: Union[str, bytes]) -> Any:
    """``json.loads`` with exact numbers: ``int``, else ``Decimal``."""
    return json.loads(text, parse_int=_parse_int, parse_float=_parse_float)


def freeze(value: Any) -> Any:
    """A deep read-only view of ``loads`` output: objects become
    ``MappingProxyType`` of fresh dicts, arrays tuples."""
    if type(value) is dict:
        return MappingProxyType({key: freeze(item) for key, item in value.items()})
    if type(value) is list:
        return tuple(freeze(item) for item in value)
    return value


def frozen(text: Union[str, bytes]) -> Any:
    """``UnknownEvent.data``: the body, exact and read-only."""
    return freeze(loads(text))


def extra(raw: bytes, part: Optional[str], known: Tuple[str, ...]) -> Mapping[str, Any]:
    """``.extra``: the fields of the body (or of its object ``part``) that
    are not in ``known``, exact and read-only."""
    data = loads(raw)
    if part is not None:
        data = data[part]
    return MappingProxyType({key: freeze(item) for key, item in data.items() if key not in known})


_SCALARS = (str, int, bool, Decimal, type(None))


def data_hash(name: str, data: Mapping[str, Any]) -> int:
    """``hash(UnknownEvent)``: agrees with its ``==`` (equal data has equal
    top-level scalars, and numbers hash by value)."""
    scalars = frozenset((key, value) for key, value in data.items() if type(value) in _SCALARS)
    return hash((name, scalars))
