"""The typed events: immutable, comparable, readable, JSON-ready."""

from __future__ import annotations

import datetime as dt
import json
from decimal import Decimal
from typing import Any

import pytest
from vectors import SAMPLE

import bookto_verify
from bookto_verify import (
    Amount,
    Buyer,
    OrderPaid,
    Product,
    Seller,
    UnknownEvent,
    parse_event,
)

BODY = SAMPLE.read_bytes()


def order(body: bytes = BODY) -> OrderPaid:
    event = parse_event(body)
    assert isinstance(event, OrderPaid)
    return event


def test_classes_are_exported_under_the_package_name() -> None:
    for cls in (OrderPaid, Amount, Product, Buyer, Seller, UnknownEvent, bookto_verify.Webhook):
        assert cls.__module__ == "bookto_verify"
        assert getattr(bookto_verify, cls.__name__) is cls


@pytest.mark.parametrize(
    "path",
    ["order_id", "amount", "amount.total_incl", "buyer.email", "seller.entity", "product.name", "is_test_order"],
)
def test_events_are_immutable(path: str) -> None:
    event = order()
    *parents, name = path.split(".")
    target: Any = event
    for parent in parents:
        target = getattr(target, parent)
    before = getattr(target, name)
    with pytest.raises(AttributeError):
        setattr(target, name, "changed")
    with pytest.raises(AttributeError):
        delattr(target, name)
    assert getattr(target, name) == before
    with pytest.raises(AttributeError):
        target.new_attribute = 1


def test_cannot_be_built_or_subclassed_from_python() -> None:
    with pytest.raises(TypeError):
        OrderPaid()  # type: ignore[call-arg]
    with pytest.raises(TypeError):

        class Sub(OrderPaid):  # type: ignore[misc]
            pass


def test_nested_values_are_cached() -> None:
    event = order()
    assert event.amount is event.amount
    assert event.amount.total_incl is event.amount.total_incl
    assert event.paid_at is event.paid_at
    assert event.buyer is event.buyer


def test_equality_and_hash() -> None:
    a, b = order(), order()
    assert a == b and not a != b
    assert hash(a) == hash(b)
    assert len({a, b}) == 1
    assert a.amount == b.amount and hash(a.amount) == hash(b.amount)
    assert a.buyer == b.buyer and a.seller == b.seller and a.product == b.product
    other = order(BODY.replace(b"ORD-2025-11-004817", b"ORD-2025-11-004818"))
    assert a != other
    assert a != a.to_dict()
    assert (a == "order") is False
    # equality is by value, as the core compares: money by amount (1.21 is
    # 1.210), date-times by instant (Z is +00:00 and 01:59:48+02:00)
    trailing = order(BODY.replace(b'"total_incl":1.21', b'"total_incl":1.210'))
    assert trailing.amount.total_incl == a.amount.total_incl
    assert trailing == a and trailing.amount == a.amount
    assert hash(trailing) == hash(a) and hash(trailing.amount) == hash(a.amount)
    assert str(trailing.amount.total_incl) == "1.210"  # the text as sent is kept
    shifted = order(BODY.replace(b'"2025-11-26T23:59:48.907Z"', b'"2025-11-27T01:59:48.907+02:00"'))
    assert shifted.paid_at.utcoffset() == dt.timedelta(hours=2)
    assert shifted == a and hash(shifted) == hash(a)
    later = order(BODY.replace(b'"2025-11-26T23:59:48.907Z"', b'"2025-11-26T23:59:48.908Z"'))
    assert later != a
    more = order(BODY.replace(b'"total_incl":1.21', b'"total_incl":1.22'))
    assert more != a and more.amount != a.amount


def test_unknown_event_equality_and_data() -> None:
    body = b'{"event":"order.refunded","order_id":"42","amount":{"total_incl":1.21},"lines":[1,{"q":2}]}'
    a, b = parse_event(body), parse_event(body)
    assert isinstance(a, UnknownEvent)
    assert a == b and hash(a) == hash(b)
    assert a.event == "order.refunded"
    assert a.data == {"event": "order.refunded", "order_id": "42", "amount": {"total_incl": Decimal("1.21")},
                      "lines": (1, {"q": 2})}
    assert type(a.data["amount"]["total_incl"]) is Decimal  # never a float
    assert a.data is a.data  # parsed once
    fresh = a.to_dict()
    assert fresh == {"event": "order.refunded", "order_id": "42", "amount": {"total_incl": Decimal("1.21")},
                     "lines": [1, {"q": 2}]}
    assert type(fresh) is dict and type(fresh["lines"]) is list and fresh is not a.to_dict()
    assert a != parse_event(b'{"event":"order.refunded"}')
    assert a != order()


def test_unknown_event_data_is_read_only_all_the_way_down() -> None:
    event = parse_event(b'{"event":"x","a":{"b":[{"c":1.5}]}}')
    assert isinstance(event, UnknownEvent)
    data = event.data
    with pytest.raises(TypeError):
        data["event"] = "y"  # type: ignore[index]
    with pytest.raises(TypeError):
        data["a"]["b"] = []
    assert data["a"]["b"] == ({"c": Decimal("1.5")},)
    with pytest.raises(TypeError):
        data["a"]["b"][0]["c"] = 2
    with pytest.raises(AttributeError):
        data["a"]["b"].append(1)
    assert event.data == data and event.to_dict()["a"]["b"][0]["c"] == Decimal("1.5")
    # to_dict() is the caller's own copy
    mine = event.to_dict()
    mine["a"]["b"].append(1)
    assert event.to_dict()["a"]["b"] == [{"c": Decimal("1.5")}]


def test_unknown_events_compare_by_value_not_layout() -> None:
    compact = parse_event(b'{"event":"x","a":[1,2],"b":"\\u00e9"}')
    spaced = parse_event(b'{ "b" : "\\u00e9" , "event" : "x" , "a" : [ 1 , 2 ] }')
    assert compact == spaced and hash(compact) == hash(spaced)
    assert compact.raw != spaced.raw
    assert compact != parse_event(b'{"event":"x","a":[1,3],"b":"\\u00e9"}')
    assert compact != parse_event(b'{"event":"y","a":[1,2],"b":"\\u00e9"}')
    # numbers by value, like the core's money: 1.5 is 1.50
    assert parse_event(b'{"event":"x","n":1.5}') == parse_event(b'{"event":"x","n":1.50}')
    assert hash(parse_event(b'{"event":"x","n":1.5}')) == hash(parse_event(b'{"event":"x","n":1.50}'))
    # the hash spreads events of one name (a set of deliveries stays fast)
    many = [parse_event(b'{"event":"x","id":%d}' % i) for i in range(200)]
    assert len(set(many)) == 200 and len({hash(e) for e in many}) > 190


def test_repr_is_helpful_and_leaves_buyer_out() -> None:
    event = order()
    text = repr(event)
    assert text.startswith("OrderPaid(order_number='ORD-2025-11-004817', order_id='7c1e9a4b-")
    assert "Decimal('1.21')" in text and "currency='EUR'" in text
    assert "paid_at='2025-11-26T23:59:48.907Z'" in text
    assert "is_test_order=False" in text
    assert "annelies" not in text.lower()  # personal data stays out of logs
    assert repr(event.amount) == (
        "Amount(total_incl=Decimal('1.21'), excl_vat=Decimal('1'), vat=Decimal('0.21'), "
        "vat_rate=Decimal('21'), currency='EUR')"
    )
    assert repr(event.seller) == "Seller(id='b5d0c7e2-94a1-4f3b-8e6d-1c2a7f9e0b34', entity=None)"
    assert repr(event.buyer).startswith("Buyer(first_name='Annelies', last_name=")
    assert repr(parse_event(b'{"event":"it\'s"}')) == 'UnknownEvent(event="it\'s", ...)'


def test_repr_uses_python_quoting() -> None:
    body = BODY.replace(b'"ORD-2025-11-004817"', b'"ORD-\\"x\'\\n"')
    assert "order_number='ORD-\"x\\'\\n'" in repr(order(body))


def test_to_dict_has_wire_names_and_the_attribute_types() -> None:
    event = order()
    data = event.to_dict()
    original = json.loads(BODY)
    assert list(data) == list(original)  # wire names, wire order
    assert data["amount"] == {"total_incl": Decimal("1.21"), "excl_vat": Decimal("1"), "vat": Decimal("0.21"),
                              "vat_rate": Decimal("21"), "currency": "EUR"}
    assert all(type(data["amount"][k]) is Decimal for k in ("total_incl", "excl_vat", "vat", "vat_rate"))
    assert data["created_at"] == dt.datetime(2025, 11, 26, 23, 58, 41, 512000, tzinfo=dt.timezone.utc)
    assert data["created_at"] is event.created_at and data["paid_at"] is event.paid_at
    assert data["seller"] == {"id": "b5d0c7e2-94a1-4f3b-8e6d-1c2a7f9e0b34", "entity": None}
    assert {k: v for k, v in data.items() if k not in ("created_at", "paid_at", "amount")} == {
        k: v for k, v in original.items() if k not in ("created_at", "paid_at", "amount")
    }
    assert event.amount.to_dict() == data["amount"]
    assert event.buyer.to_dict() == data["buyer"]
    assert event.product.to_dict() == data["product"]
    assert event.seller.to_dict() == data["seller"]
    # JSON with the standard library: Decimal and datetime need a default
    text = json.dumps(data, default=str)
    assert '"total_incl": "1.21"' in text and "1.2099" not in text


def test_to_dict_is_a_copy() -> None:
    event = order()
    event.to_dict()["order_id"] = "changed"
    assert event.order_id == "7c1e9a4b-3f52-4d8e-a6b0-2e9f51c8d473"


def test_decimal_arithmetic_is_exact() -> None:
    amount = order().amount
    assert amount.excl_vat * amount.vat_rate / 100 == amount.vat
    assert sum([amount.total_incl] * 3, Decimal(0)) == Decimal("3.63")
