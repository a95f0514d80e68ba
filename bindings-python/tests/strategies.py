"""Hypothesis strategies for the property tests (test_properties.py,
test_redaction.py): bodies, header maps, secrets, timestamps and
``now``/``tolerance`` values in every shape the public API accepts, plus the
shapes it must refuse.

A refused shape is drawn as an ``Arg`` carrying the exception the API must
raise for it (``TypeError`` for a wrong type, ``ValueError`` for an int out of
range, as ``test_conversions.py`` pins), so a test can say exactly what may
come out. A ``str`` body holding a lone surrogate is valid (its bytes are its
WTF-8 form, DECISIONS A4).
The oracles here (``secret_error``, ``matched_index``, ``window_error``) are
written from fixtures/DECISIONS.md, not from the binding's code.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any, Optional

from hypothesis import strategies as st
from vectors import SAMPLE

from bookto_verify import WebhookConfigError

NAMES = ("x-bookto-timestamp", "x-bookto-signature", "content-length")
TRIM = b" \t\n\r\x0c"  # what secrets lose at both ends (DECISIONS K1)
MAX_U64 = 2**64 - 1
# Largest timestamp the x-bookto-timestamp grammar reads (1 to 19 digits).
# sign() accepts up to MAX_U64: see test_sign_and_verify_agree_past_19_digits.
MAX_TIMESTAMP = 10**19 - 1
NOW = 1_764_201_600
SAMPLE_BYTES = SAMPLE.read_bytes()
SAMPLE_JSON: dict[str, Any] = json.loads(SAMPLE_BYTES)


@dataclass(frozen=True)
class Arg:
    """An argument, and the exception the API must raise for it (None: valid)."""

    value: Any
    error: Optional[type[BaseException]] = None


def one_in(draw: Any, n: int) -> bool:
    """True about once in ``n`` draws. Hypothesis favours the ends of an
    integer range, so the middle value is the rare one."""
    return bool(draw(st.integers(min_value=0, max_value=n - 1)) == n // 2)


def has_lone_surrogate(text: str) -> bool:
    return any(0xD800 <= ord(c) <= 0xDFFF for c in text)


# --- secrets ------------------------------------------------------------------


def trimmed(secret: Any) -> bytes:
    if secret is None:
        return b""
    raw = secret.encode("utf-8") if isinstance(secret, str) else bytes(secret)
    return raw.strip(TRIM)


def secret_error(secret: Any) -> tuple[Optional[type[BaseException]], Optional[int]]:
    """What ``Webhook(secret)`` must raise, and the position it names:
    a wrong type is a TypeError; a str with a lone surrogate, an empty list,
    a secret empty after trimming (None: unset, so empty) or starting with
    ``bk_`` is a WebhookConfigError (DECISIONS K1, K2, A1, A5)."""
    if secret is None or isinstance(secret, (str, bytes)):
        items = [secret]
    elif isinstance(secret, (list, tuple)):
        items = list(secret)
    else:
        return (TypeError, None)
    for index, item in enumerate(items):
        if isinstance(item, str):
            if has_lone_surrogate(item):
                return (WebhookConfigError, index)
        elif item is not None and not isinstance(item, bytes):
            return (TypeError, index)
    if not items:
        return (WebhookConfigError, None)
    for index, item in enumerate(items):
        key = trimmed(item)
        if not key or key.startswith(b"bk_"):
            return (WebhookConfigError, index)
    return (None, None)


def matched_index(secrets: list[Any], signer: Any) -> Optional[int]:
    """The index verify_signature must report for a signature made with
    ``signer``: the first secret with the same trimmed bytes."""
    key = trimmed(signer)
    return next((i for i, s in enumerate(secrets) if trimmed(s) == key), None)


def window_error(timestamp: int, now: int, tolerance: Optional[int]) -> Optional[str]:
    if tolerance is None:
        return None
    if now > timestamp and now - timestamp > tolerance:
        return "timestamp_too_old"
    if timestamp > now and timestamp - now > tolerance:
        return "timestamp_too_new"
    return None


_ws = st.text(alphabet=" \t\n\r\x0c", max_size=3)
secret_texts = st.one_of(
    st.text(max_size=40),  # anything, lone surrogates included
    st.text(alphabet=" \t\n\r\x0c\x0b\xa0\u2028", max_size=6),  # whitespace only (\x0b, U+00A0 are kept)
    st.tuples(_ws, st.sampled_from(["bk_", "BK_", "bk", "bk-", "bk_live_", "Bk_"]), st.text(max_size=20), _ws).map("".join),
    st.tuples(_ws, st.text(min_size=1, max_size=30), _ws).map("".join),
)
one_secret = st.one_of(
    secret_texts,
    secret_texts.filter(lambda s: not has_lone_surrogate(s)).map(str.encode),
    st.binary(max_size=40),
)
# Every shape Webhook(...) is given in: valid or refused.
secret_args = st.one_of(
    one_secret,
    st.lists(one_secret, max_size=4),
    st.lists(one_secret, max_size=4).map(tuple),
    st.none(),
    st.integers(),
    st.floats(),
    st.lists(st.one_of(one_secret, st.integers(), st.none()), min_size=1, max_size=3),
)
def _usable(secret: Any) -> bool:
    return secret_error(secret) == (None, None)


# A secret sign() may use and Webhook accepts (not empty, no bk_, no lone surrogate).
usable_secrets = st.one_of(
    st.tuples(_ws, st.text(alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=30), _ws).map("".join),
    st.binary(min_size=1, max_size=40),
    one_secret,
).filter(_usable)
valid_secret_lists = st.lists(usable_secrets, min_size=1, max_size=4)


# --- whole seconds: timestamps, now=, tolerance= -------------------------------

valid_seconds = st.one_of(
    st.integers(min_value=0, max_value=MAX_U64),
    st.integers(min_value=0, max_value=1000),
    st.integers(min_value=NOW - 1000, max_value=NOW + 1000),
    st.sampled_from([0, 1, 299, 300, 301, MAX_TIMESTAMP, MAX_U64 - 1, MAX_U64]),
)
bad_seconds = st.one_of(
    st.integers(max_value=-1).map(lambda v: Arg(v, ValueError)),
    st.integers(min_value=MAX_U64 + 1).map(lambda v: Arg(v, ValueError)),
    st.floats().map(lambda v: Arg(v, TypeError)),
    st.text(max_size=5).map(lambda v: Arg(v, TypeError)),
    st.sampled_from([b"1", [1], object()]).map(lambda v: Arg(v, TypeError)),
    st.booleans().map(lambda v: Arg(v, TypeError)),  # an int in Python, never seconds (A3)
)
now_args = st.one_of(st.none().map(Arg), valid_seconds.map(Arg), valid_seconds.map(Arg), valid_seconds.map(Arg), bad_seconds)
# sign()'s timestamp is also bounded by what x-bookto-timestamp holds (19 digits).
sign_timestamp_args = st.one_of(
    st.none().map(Arg),
    valid_seconds.map(lambda v: Arg(v, ValueError) if v > MAX_TIMESTAMP else Arg(v)),
    bad_seconds,
)
tolerance_args = now_args


# --- bodies ---------------------------------------------------------------------

json_leaves = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(10**30), max_value=10**30),
    st.floats(allow_nan=False, allow_infinity=False),
    st.text(max_size=20),
)
json_values = st.recursive(
    json_leaves,
    lambda children: st.lists(children, max_size=4) | st.dictionaries(st.text(max_size=10), children, max_size=4),
    max_leaves=12,
)
# JSON number texts with exponents inside decimal.Decimal's range (beyond it:
# see test_every_attribute_of_a_verified_event_reads).
number_texts = st.builds(
    lambda minus, digits, frac, exp: f"{minus}{digits}{frac}{exp}",
    st.sampled_from(["", "-"]),
    st.one_of(st.just("0"), st.integers(min_value=1, max_value=10**40).map(str)),
    st.one_of(st.just(""), st.text(alphabet="0123456789", min_size=1, max_size=12).map(lambda d: "." + d)),
    st.one_of(
        st.just(""),
        st.builds(lambda e, s, n: f"{e}{s}{n}", st.sampled_from("eE"), st.sampled_from(["", "+", "-"]),
                  st.integers(min_value=0, max_value=10**17)),
    ),
)
datetime_texts = st.one_of(
    st.datetimes().map(lambda d: d.isoformat() + "Z"),
    st.text(alphabet="0123456789-:TtZz+. ", max_size=30),
)

_RAW = "\x00raw\x00"  # placeholder for a raw JSON number text


def _paths(value: Any, prefix: tuple[str, ...] = ()) -> list[tuple[str, ...]]:
    out = [prefix] if prefix else []
    if isinstance(value, dict):
        for key, child in value.items():
            out.extend(_paths(child, prefix + (key,)))
    return out


SAMPLE_PATHS = _paths(SAMPLE_JSON)


@st.composite
def order_paid_mutations(draw: Any) -> bytes:
    """The sample order.paid with one field replaced, deleted or duplicated."""
    doc = json.loads(SAMPLE_BYTES)
    path = draw(st.sampled_from(SAMPLE_PATHS))
    parent = doc
    for key in path[:-1]:
        parent = parent[key]
    action = draw(st.sampled_from(["replace", "number", "datetime", "delete", "nothing"]))
    raw = None
    if action == "replace":
        parent[path[-1]] = draw(json_values)
    elif action == "number":
        raw = draw(number_texts)
        parent[path[-1]] = _RAW
    elif action == "datetime":
        parent[path[-1]] = draw(datetime_texts)
    elif action == "delete":
        del parent[path[-1]]
    text = json.dumps(doc, ensure_ascii=draw(st.booleans()), separators=draw(st.sampled_from([(",", ":"), (", ", ": ")])))
    if raw is not None:
        text = text.replace(json.dumps(_RAW), raw)
    return text.encode("utf-8", "surrogatepass")


@st.composite
def event_bodies(draw: Any) -> bytes:
    """JSON bodies that reach the payload checks: events, near-events, deep nesting."""
    kind = draw(st.sampled_from(["sample", "order", "order", "unknown", "unknown", "json", "nested"]))
    if kind == "sample":
        return SAMPLE_BYTES
    if kind == "order":
        return draw(order_paid_mutations())
    if kind == "unknown":
        data = draw(st.dictionaries(st.text(max_size=10), json_values, max_size=4))
        data["event"] = draw(st.one_of(st.text(max_size=20), st.sampled_from(["order.paid", "ORDER.PAID", ""]), json_values))
        return json.dumps(data, ensure_ascii=draw(st.booleans())).encode("utf-8", "surrogatepass")
    if kind == "json":
        return json.dumps(draw(json_values)).encode("utf-8", "surrogatepass")
    depth = draw(st.integers(min_value=120, max_value=140))
    return b'{"event":"deep","d":' + b"[" * depth + b"]" * depth + b"}"


raw_bodies = st.one_of(st.binary(max_size=2000), event_bodies())


def body_forms(data: bytes) -> list[Any]:
    """The same bytes as every body type the API accepts."""
    forms: list[Any] = [data, bytearray(data), memoryview(data), memoryview(b"\x00" + data)[1:]]
    try:
        forms.append(data.decode("utf-8", "surrogatepass"))  # lone surrogates: their 3-byte form (A4)
    except UnicodeDecodeError:
        pass
    return forms


@st.composite
def body_args(draw: Any) -> Arg:
    """A body in any accepted form (a str with lone surrogates too), or a wrong type."""
    kind = "bad" if one_in(draw, 10) else draw(st.sampled_from(["bytes", "bytes", "bytes", "str"]))
    if kind == "bytes":
        return Arg(draw(st.sampled_from(body_forms(draw(raw_bodies)))))
    if kind == "str":
        text = draw(st.text(max_size=300))
        return Arg(text)
    bad = draw(st.one_of(st.none(), st.integers(), st.floats(), st.just(SAMPLE_JSON), st.lists(st.integers(), max_size=2), st.just(object())))
    return Arg(bad, TypeError)


# --- headers ---------------------------------------------------------------------


def random_case(name: str) -> st.SearchStrategy[str]:
    return st.lists(st.booleans(), min_size=len(name), max_size=len(name)).map(
        lambda upper: "".join(c.upper() if u else c for c, u in zip(name, upper))
    )


bookto_names = st.sampled_from(NAMES).flatmap(random_case)
hex64 = st.text(alphabet="0123456789abcdefABCDEF", min_size=64, max_size=64)
interesting_values = st.one_of(
    st.integers(min_value=0, max_value=MAX_U64).map(str),
    st.integers(min_value=NOW - 400, max_value=NOW + 400).map(str),
    hex64.map(lambda h: "sha256=" + h),
    st.lists(st.one_of(hex64.map(lambda h: "sha256=" + h), st.sampled_from(["v1=abc", "", " ", "sha256", "=x"])), max_size=18).map(",".join),
    st.tuples(st.sampled_from(["", " ", "\t", "\n"]), st.integers(min_value=0, max_value=10**20).map(str), st.sampled_from(["", " ", "\t", "\r\n"])).map("".join),
)
single_values = st.one_of(
    st.text(max_size=80), st.binary(max_size=80), interesting_values, interesting_values.map(str.encode),
    st.none(),  # absent (A2)
)
header_values = st.one_of(single_values, st.lists(single_values, max_size=3), st.lists(single_values, max_size=3).map(tuple))
header_names = st.one_of(bookto_names, bookto_names.map(str.encode), st.text(max_size=30), st.binary(max_size=30))
# Headers the verifier never reads, whatever their value's type. Names of 14 or
# 18 characters are left out: see test_irrelevant_header_values_are_ignored_whatever_the_name_length.
junk_headers = st.tuples(
    st.text(max_size=30).filter(lambda n: len(n) not in (14, 18)),
    st.one_of(st.none(), st.integers(), st.floats(), st.lists(st.integers(), max_size=2), st.text(max_size=20), st.binary(max_size=20)),
)


def as_container(pairs: list[tuple[Any, Any]], container: str) -> Any:
    if container == "dict":
        return dict(pairs)
    if container == "tuple":
        return tuple(pairs)
    return list(pairs)


@st.composite
def header_args(draw: Any, pairs: Optional[list[tuple[Any, Any]]] = None) -> Arg:
    """A header map (dict, list or tuple of pairs) holding ``pairs`` (else
    random bookto headers) among junk headers, or a wrong shape."""
    if pairs is None and one_in(draw, 10):
        bad = draw(st.sampled_from([
            None, 42, "x-bookto-timestamp: 1", [("x-bookto-timestamp",)], {1: "x"},
            {"x-bookto-timestamp": 1764201600}, {"X-Bookto-Signature": True}, {"content-length": [1]},
            [("x-bookto-signature", ["sha256=x", 2])],
        ]))
        return Arg(bad, TypeError)
    if pairs is None:
        pairs = draw(st.lists(st.tuples(header_names, header_values), max_size=5))
    junk = draw(st.lists(junk_headers, max_size=4))
    mixed = draw(st.permutations(list(pairs) + junk))
    return Arg(as_container(mixed, draw(st.sampled_from(["dict", "list", "tuple"]))))


def signed_pairs(draw: Any, headers: dict[str, str]) -> list[tuple[Any, Any]]:
    """sign()'s two headers with names in random case, values as str or
    bytes, sometimes wrapped in a one-item list (a repeated header)."""
    pairs: list[tuple[Any, Any]] = []
    for name, value in headers.items():
        cased = draw(random_case(name))
        out_name: Any = cased.encode() if draw(st.booleans()) else cased
        out_value: Any = value.encode() if draw(st.booleans()) else value
        if one_in(draw, 4):
            out_value = [out_value] if draw(st.booleans()) else (out_value,)
        pairs.append((out_name, out_value))
    return pairs
