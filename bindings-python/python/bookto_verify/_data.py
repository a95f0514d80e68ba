"""How an unknown event's body becomes Python data."""

import json
from decimal import Decimal


def _parse_int(text: str) -> "int | Decimal":
    # Python refuses to read integers of more than 4300 digits (its
    # int_max_str_digits guard); such a number still arrives exact, as Decimal.
    try:
        return int(text)
    except ValueError:
        return Decimal(text)


def loads(text: str) -> object:
    """``json.loads`` that reads integers of any length."""
    return json.loads(text, parse_int=_parse_int)
