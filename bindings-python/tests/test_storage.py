"""Events as data to store and queue: pickle and copy, the verified body
(``raw``), ``to_dict``/``from_dict``, unmodelled fields (``extra``), read-only
``UnknownEvent.data``, the ``to_dict`` TypedDicts."""

from __future__ import annotations

import copy
import datetime as dt
import json
import pickle
import re
import subprocess
import sys
import typing
from decimal import Decimal
from types import MappingProxyType
from typing import Any

import pytest
from vectors import FIXTURES, SAMPLE, body_of, exact_json, load

import bookto_verify
from bookto_verify import (
    Amount,
    Buyer,
    InvalidPayload,
    OrderPaid,
    OrderPaidDict,
    Product,
    Seller,
    UnknownEvent,
    Webhook,
    parse_event,
    sign,
)

BODY = SAMPLE.read_bytes()
UNKNOWN_BODY = (FIXTURES / "events" / "unknown-event.json").read_bytes()
SECRET = "whsec_storage_test_0123456789"
NOW = 1_764_201_600
PROTOCOLS = range(pickle.HIGHEST_PROTOCOL + 1)
# The sample with fields this version does not model, at every level.
EXTENDED = (
    BODY.replace(b'"is_test_order":false', b'"is_test_order":false,"coupon":{"code":"BF25","pct":12.5,'
                 b'"tags":["a",{"b":1e400}]},"huge":' + b"9" * 5000 + b',"n":-0.0')
    .replace(b'"currency":"EUR"', b'"currency":"EUR","fx":1.0842')
    .replace(b'"country":"BE"', b'"country":"BE","vat_id":"BE0123456789"')
    .replace(b'"entity":null', b'"entity":null,"rating":4')
)


def order(body: bytes = BODY) -> OrderPaid:
    event = parse_event(body)
    assert isinstance(event, OrderPaid)
    return event


def unknown(body: bytes = UNKNOWN_BODY) -> UnknownEvent:
    event = parse_event(body)
    assert isinstance(event, UnknownEvent)
    return event


def verified(body: Any) -> Any:
    raw = body.encode() if isinstance(body, str) else bytes(body)
    return Webhook(SECRET).verify(body, sign(SECRET, raw, timestamp=NOW), now=NOW)


# --- pickle and copy -----------------------------------------------------------------


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_events_pickle_to_an_equal_event_with_the_same_body(protocol: int) -> None:
    for event in (verified(EXTENDED), verified(UNKNOWN_BODY), order(), unknown()):
        back = pickle.loads(pickle.dumps(event, protocol))
        assert type(back) is type(event)
        assert back == event and hash(back) == hash(event)
        assert back.raw == event.raw
        assert back.to_dict() == event.to_dict()
    back = pickle.loads(pickle.dumps(verified(EXTENDED), protocol))
    assert back.extra == order(EXTENDED).extra and back.buyer.extra == {"vat_id": "BE0123456789"}


@pytest.mark.parametrize("protocol", PROTOCOLS)
def test_nested_objects_pickle_on_their_own(protocol: int) -> None:
    event = order(EXTENDED)
    for part in (event.amount, event.product, event.buyer, event.seller):
        back = pickle.loads(pickle.dumps(part, protocol))
        assert type(back) is type(part)
        assert back == part and back.to_dict() == part.to_dict()
        assert back.extra == part.extra
    assert pickle.loads(pickle.dumps(event.amount, protocol)).extra == {"fx": Decimal("1.0842")}
    # Several parts of one event, as a task's arguments would be.
    parts = pickle.loads(pickle.dumps([event, event.amount, event.buyer], protocol))
    assert parts == [event, event.amount, event.buyer]


def test_a_pickle_holds_the_body_and_unpickling_re_parses_it() -> None:
    event = order()
    data = pickle.dumps(event)
    assert BODY in data  # the exact verified bytes, not a re-serialisation
    assert b"Decimal" not in data and b"datetime" not in data
    # A body changed inside the pickle goes through the core's parser again.
    broken = data.replace(b'"total_incl":1.21', b'"total_incl":"x!"')
    assert len(broken) == len(data) and broken != data
    with pytest.raises(InvalidPayload, match=r"amount\.total_incl"):
        pickle.loads(broken)


def test_a_pickle_loads_in_another_process() -> None:
    data = pickle.dumps([order(EXTENDED), unknown(), order().amount])
    script = (
        "import pickle, sys\n"
        "event, other, amount = pickle.loads(sys.stdin.buffer.read())\n"
        "print(event.order_number, event.amount.total_incl, event.extra['coupon']['code'], "
        "other.event, amount.vat)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], input=data, capture_output=True, check=True)
    assert out.stdout.split() == [b"ORD-2025-11-004817", b"1.21", b"BF25", b"order.refunded", b"0.21"]


def test_copy_and_deepcopy_give_an_equal_event() -> None:
    for value in (order(EXTENDED), unknown(), order().amount, order().buyer, order().product, order().seller):
        assert copy.copy(value) == value
        assert copy.deepcopy(value) == value
    event = order()
    nested = copy.deepcopy({"events": [event], "amount": event.amount})
    assert nested == {"events": [event], "amount": event.amount}
    # Immutable, so a copy may be (and is) the object itself, like a tuple's.
    assert copy.deepcopy(event) is event


# --- raw -------------------------------------------------------------------------------


def test_raw_is_the_verified_body_itself_for_bytes() -> None:
    event = verified(BODY)
    assert event.raw is BODY  # kept by reference: no copy
    assert unknown(UNKNOWN_BODY).raw is UNKNOWN_BODY


@pytest.mark.parametrize("form", [str, bytearray, memoryview, lambda b: memoryview(b"xx" + b)[2:]])
def test_raw_is_bytes_for_every_body_type(form: Any) -> None:
    body = form(BODY.decode()) if form is str else form(BODY)
    for event in (verified(body), parse_event(body)):
        assert type(event.raw) is bytes and event.raw == BODY
        assert event.raw is event.raw


def test_raw_does_not_change_with_the_buffer_it_came_from() -> None:
    buffer = bytearray(BODY)
    event = parse_event(buffer)
    buffer[:] = b"x" * len(buffer)
    assert event.raw == BODY


def test_raw_is_read_only_and_reparses_to_the_same_event() -> None:
    event = order()
    with pytest.raises(AttributeError):
        event.raw = b"{}"  # type: ignore[misc]
    assert parse_event(event.raw) == event
    other = unknown()
    with pytest.raises(AttributeError):
        other.raw = b"{}"  # type: ignore[misc]


# --- to_dict / from_dict ---------------------------------------------------------------


def test_from_dict_rebuilds_an_equal_event() -> None:
    event = order()
    data = event.to_dict()
    back = OrderPaid.from_dict(data)
    assert type(back) is OrderPaid
    assert back == event and hash(back) == hash(event)
    assert back.to_dict() == data
    # It wrote the JSON bookto sends: times as sent ("Z", milliseconds).
    assert back.raw == json.dumps(json.loads(BODY), separators=(",", ":"), ensure_ascii=False).encode()
    assert parse_event(back.raw) == event


def test_from_dict_keeps_exact_money_digits() -> None:
    event = order(BODY.replace(b'"total_incl":1.21', b'"total_incl":1.210'))
    back = OrderPaid.from_dict(event.to_dict())
    assert str(back.amount.total_incl) == "1.210"
    assert b'"total_incl":1.210,' in back.raw


@pytest.mark.parametrize("name", ["order-paid.json", "order-paid-company-null.json", "order-paid-test-mode.json",
                                  "order-paid-unicode.json", "unknown-event.json"])
def test_from_dict_round_trips_every_sample(name: str) -> None:
    event = parse_event((FIXTURES / "events" / name).read_bytes())
    back = type(event).from_dict(event.to_dict())
    assert type(back) is type(event) and back == event and back.to_dict() == event.to_dict()


def valid_vectors() -> list[Any]:
    return [pytest.param(t, id=f"parse_event-{t['id']}") for t in load("parse_event.json")["tests"]
            if t["result"] == "valid"]


@pytest.mark.parametrize("vector", valid_vectors())
def test_from_dict_round_trips_every_valid_vector(vector: dict[str, Any]) -> None:
    event = parse_event(body_of(vector))
    back = type(event).from_dict(event.to_dict())
    assert type(back) is type(event)
    assert back.to_dict() == event.to_dict()
    if isinstance(event, OrderPaid) and any(
        _fraction_digits(vector["event"][name]) > 6 for name in ("created_at", "paid_at")
    ):
        # A datetime holds microseconds: a time sent with more digits comes
        # back truncated, a different instant for the core.
        assert back != event
    else:
        assert back == event and hash(back) == hash(event)


def _fraction_digits(text: str) -> int:
    time = text.split("T", 1)[-1].split("t", 1)[-1]
    if "." not in time:
        return 0
    fraction = time.split(".", 1)[1]
    return len(fraction) - len(fraction.lstrip("0123456789"))


def test_from_dict_accepts_what_json_encoders_make_of_decimal_and_datetime() -> None:
    from django.core.serializers.json import DjangoJSONEncoder

    event = order()

    def iso(value: Any) -> Any:  # as Celery/kombu and most encoders write them
        return value.isoformat() if isinstance(value, dt.datetime) else str(value)

    for text in (json.dumps(event.to_dict(), default=iso), json.dumps(event.to_dict(), cls=DjangoJSONEncoder)):
        data = json.loads(text)
        assert data["amount"]["total_incl"] == "1.21"  # money as a numeric string
        assert OrderPaid.from_dict(data) == event
    # The body as Python reads it with exact numbers also works, unknown fields kept.
    extended = order(EXTENDED)
    back = OrderPaid.from_dict(exact_json(EXTENDED))
    assert back == extended and back.extra == extended.extra


def test_from_dict_takes_int_money_and_datetimes_in_any_offset() -> None:
    data: Any = order().to_dict()
    data["amount"] = {**data["amount"], "excl_vat": 1, "vat_rate": 21}
    data["paid_at"] = dt.datetime(2025, 11, 27, 0, 59, 48, 907000, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    back = OrderPaid.from_dict(data)
    assert back == order()
    assert b'"paid_at":"2025-11-27T00:59:48.907+01:00"' in back.raw
    assert back.paid_at.utcoffset() == dt.timedelta(hours=1)


def test_from_dict_checks_with_the_core_parser() -> None:
    good = order().to_dict()

    def changed(**fields: Any) -> Any:
        data: Any = copy.deepcopy(good)
        for path, value in fields.items():
            *parents, name = path.split("__")
            target = data
            for parent in parents:
                target = target[parent]
            if value is KeyError:
                del target[name]
            else:
                target[name] = value
        return data

    cases = {
        "order_id: missing field": changed(order_id=KeyError),
        "amount.total_incl: expected a number": changed(amount__total_incl="1,21"),
        "amount.vat: expected a number": changed(amount__vat=True),
        "created_at: expected an RFC 3339": changed(created_at=good["created_at"].replace(tzinfo=None)),
        "paid_at: expected an RFC 3339": changed(paid_at="2025-11-26 23:59:48Z"),
        "buyer.email: expected a string": changed(buyer__email=None),
        "is_test_order: expected a bool": changed(is_test_order=0),
        "seller: expected an object": changed(seller=["b5d0"]),
    }
    for message, data in cases.items():
        with pytest.raises(InvalidPayload, match=message.replace(".", r"\.")) as caught:
            OrderPaid.from_dict(data)
        assert caught.value.code == "invalid_payload"
    # A string that is not one JSON number cannot be smuggled into the JSON.
    with pytest.raises(InvalidPayload, match=r"amount\.total_incl: expected a number"):
        OrderPaid.from_dict(changed(amount__total_incl='1,"vat":2'))
    # The core's money rules: exponents beyond 15 digits refused.
    with pytest.raises(InvalidPayload, match=r"amount\.vat"):
        OrderPaid.from_dict(changed(amount__vat=Decimal("1E+1000000000000000")))


def test_from_dict_refuses_floats_and_other_types() -> None:
    good: Any = order().to_dict()
    with pytest.raises(TypeError, match=r"amount\.vat: a float cannot hold"):
        OrderPaid.from_dict({**good, "amount": {**good["amount"], "vat": 0.21}})
    with pytest.raises(TypeError, match="a float cannot hold"):
        UnknownEvent.from_dict({"event": "x", "n": 1.5})
    with pytest.raises(TypeError, match=r"product\.name: cannot write a set"):
        OrderPaid.from_dict({**good, "product": {"name": {"x"}}})
    with pytest.raises(TypeError, match="keys must be str"):
        UnknownEvent.from_dict({"event": "x", "m": {1: 2}})
    with pytest.raises(TypeError, match="parse_event"):
        OrderPaid.from_dict(BODY)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match=r"amount\.vat: NaN is not a finite number"):
        OrderPaid.from_dict({**good, "amount": {**good["amount"], "vat": Decimal("NaN")}})
    loop: Any = {"event": "x"}
    loop["self"] = loop
    with pytest.raises(ValueError, match="nested more than"):
        UnknownEvent.from_dict(loop)


def test_from_dict_of_the_other_kind_says_which_to_use() -> None:
    with pytest.raises(ValueError, match=r"'ping'.*UnknownEvent\.from_dict"):
        OrderPaid.from_dict({"event": "ping"})
    with pytest.raises(ValueError, match=r"'order\.paid'.*OrderPaid\.from_dict"):
        UnknownEvent.from_dict(dict(order().to_dict()))
    with pytest.raises(InvalidPayload, match="event: missing field"):
        UnknownEvent.from_dict({})


def test_unknown_event_from_dict_keeps_exact_numbers_and_text() -> None:
    body = (b'{"event":"payout.sent","big":' + b"1" * 5000 + b',"huge":1e400,"tiny":-1e-400,"wide":1e1000000000000000,'
            b'"lone":"\\ud800","s":"\\"\\\\\\n\\u0001\xc3\xa9","list":[1,2.50,[]],"o":{}}')
    event = unknown(body)
    back = UnknownEvent.from_dict(event.to_dict())
    assert back == event
    assert back.data["lone"] == "\ud800" and back.data["list"] == (1, Decimal("2.50"), ())
    assert str(back.data["list"][1]) == "2.50"
    # The read-only data is accepted too.
    assert UnknownEvent.from_dict(event.data) == event


# --- extra -----------------------------------------------------------------------------


def test_extra_holds_the_unmodelled_fields_at_every_level() -> None:
    event = order(EXTENDED)
    assert set(event.extra) == {"coupon", "huge", "n"}
    assert event.extra["coupon"] == {"code": "BF25", "pct": Decimal("12.5"), "tags": ("a", {"b": Decimal("1E+400")})}
    assert event.extra["huge"] == Decimal("9" * 5000)
    assert str(event.extra["n"]) == "-0.0"
    assert event.amount.extra == {"fx": Decimal("1.0842")}
    assert event.buyer.extra == {"vat_id": "BE0123456789"}
    assert event.seller.extra == {"rating": 4}
    assert event.product.extra == {}
    assert order().extra == {} and order().buyer.extra == {}
    # The modelled fields are unchanged by the extra ones.
    assert event == order()


def test_extra_is_read_only_all_the_way_down_and_never_float() -> None:
    event = order(EXTENDED)
    extra = event.extra
    assert isinstance(extra, MappingProxyType)
    with pytest.raises(TypeError):
        extra["coupon"] = None  # type: ignore[index]
    with pytest.raises(TypeError):
        extra["coupon"]["code"] = "FREE"
    assert type(extra["coupon"]["tags"]) is tuple
    with pytest.raises(TypeError):
        event.amount.extra["fx"] = 1  # type: ignore[index]

    def numbers(value: Any) -> list[Any]:
        if isinstance(value, MappingProxyType):
            return [n for item in value.values() for n in numbers(item)]
        if isinstance(value, tuple):
            return [n for item in value for n in numbers(item)]
        assert not isinstance(value, (dict, list, float)), value
        return [value] if isinstance(value, (int, Decimal)) else []

    assert numbers(extra) and all(type(n) in (int, Decimal) for n in numbers(extra))
    with pytest.raises(AttributeError):
        event.extra = {}  # type: ignore[misc]


def test_extra_is_built_once() -> None:
    event = order(EXTENDED)
    assert event.extra is event.extra
    assert event.buyer.extra is event.buyer.extra


def test_extra_of_numbers_no_decimal_holds() -> None:
    body = BODY.replace(b'"is_test_order":false', b'"is_test_order":false,"big":1e99999999999999999999,'
                        b'"small":-1e-99999999999999999999')
    event = order(body)
    assert event.extra["big"] == Decimal("Infinity")  # saturated: no Decimal holds it
    assert event.extra["small"] == 0 and event.extra["small"].is_signed()


def test_extra_with_duplicate_unmodelled_keys_reads_the_last() -> None:
    body = BODY.replace(b'"is_test_order":false', b'"is_test_order":false,"x":1,"x":2')
    assert order(body).extra == {"x": 2}


# --- UnknownEvent.data -----------------------------------------------------------------


def test_unknown_data_is_exact_and_read_only() -> None:
    event = unknown(b'{"event":"payout.sent","amount":12.30,"n":3,"big":' + b"7" * 5000
                    + b',"list":[0.1,{"a":[]}]}')
    data = event.data
    assert isinstance(data, MappingProxyType)
    assert str(data["amount"]) == "12.30" and type(data["amount"]) is Decimal
    assert type(data["n"]) is int and data["big"] == Decimal("7" * 5000)
    assert data["list"] == (Decimal("0.1"), {"a": ()})
    with pytest.raises(TypeError):
        data["list"][1]["a"] = ()
    with pytest.raises(AttributeError):
        event.data = {}  # type: ignore[misc]


# --- TypedDicts ------------------------------------------------------------------------


def test_typed_dicts_match_to_dict_at_runtime() -> None:
    event = order()
    data = event.to_dict()
    hints = typing.get_type_hints(OrderPaidDict)
    assert list(hints) == list(data)
    for name, value in data.items():
        hint = hints[name]
        if typing.get_origin(hint) is None and not typing.is_typeddict(hint):
            assert isinstance(value, hint), name
    parts = {"amount": bookto_verify.AmountDict, "product": bookto_verify.ProductDict,
             "buyer": bookto_verify.BuyerDict, "seller": bookto_verify.SellerDict}
    for name, typed in parts.items():
        assert hints[name] is typed
        assert list(typing.get_type_hints(typed)) == list(getattr(event, name).to_dict())
        assert list(typing.get_type_hints(typed)) == list(data[name])
    assert typing.get_type_hints(bookto_verify.AmountDict)["total_incl"] is Decimal
    assert hints["paid_at"] is dt.datetime


def test_type_checkers_see_the_typed_dicts(tmp_path: Any) -> None:
    from mypy import api

    source = tmp_path / "typed.py"
    source.write_text(
        "from decimal import Decimal\n"
        "import datetime\n"
        "from bookto_verify import OrderPaid, OrderPaidDict, UnknownEvent, parse_event\n"
        "def use(event: OrderPaid, other: UnknownEvent) -> None:\n"
        "    data: OrderPaidDict = event.to_dict()\n"
        "    total: Decimal = data['amount']['total_incl']\n"
        "    when: datetime.datetime = data['paid_at']\n"
        "    company: str | None = data['buyer']['company']\n"
        "    again: OrderPaid = OrderPaid.from_dict(data)\n"
        "    raw: bytes = event.raw\n"
        "    other_raw: bytes = other.raw\n"
        "    wrong: str = data['amount']['total_incl']\n"
        "    missing = data['amount']['nope']\n",
        encoding="utf-8",
    )
    out, err, status = api.run([str(source), "--strict", "--no-incremental", "--python-version", "3.10"])
    errors = [line for line in out.splitlines() if ": error:" in line]
    assert status == 1, (out, err)
    assert len(errors) == 2, out
    assert ":12: error" in errors[0] and "Decimal" in errors[0]
    assert ":13: error" in errors[1] and "nope" in errors[1]


# --- the README ------------------------------------------------------------------------


def readme_block(first_line: str) -> str:
    readme = (SAMPLE.parents[2] / "bindings-python" / "README.md").read_text(encoding="utf-8")
    blocks = [b for b in re.findall(r"```python\n(.*?)```", readme, flags=re.S) if b.startswith(first_line)]
    assert len(blocks) == 1, first_line
    return blocks[0]


def test_readme_storing_block_runs_on_both_event_kinds() -> None:
    block = readme_block("import json\nimport pickle\n")
    for event in (verified(BODY), verified(UNKNOWN_BODY), order(EXTENDED)):
        exec(compile(block, "README storing", "exec"), {"event": event})


def test_readme_pydantic_block_runs() -> None:
    namespace: dict[str, Any] = {"event": order()}
    exec(compile(readme_block("from decimal import Decimal\n"), "README pydantic", "exec"), namespace)
    row = namespace["row"]
    assert row.amount.total_incl == Decimal("1.21") and row.paid_at == order().paid_at
