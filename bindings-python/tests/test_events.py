"""The typed events: immutable, comparable, readable, JSON-ready."""

from __future__ import annotations

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
    # equality is on the data as sent: 1.21 and 1.210 are different deliveries
    trailing = order(BODY.replace(b'"total_incl":1.21', b'"total_incl":1.210'))
    assert trailing.amount.total_incl == a.amount.total_incl
    assert trailing != a and trailing.amount != a.amount


def test_unknown_event_equality_and_data() -> None:
    body = b'{"event":"order.refunded","order_id":"42","amount":{"total_incl":1.21}}'
    a, b = parse_event(body), parse_event(body)
    assert isinstance(a, UnknownEvent)
    assert a == b and hash(a) == hash(b)
    assert a.event == "order.refunded"
    assert a.data == {"event": "order.refunded", "order_id": "42", "amount": {"total_incl": 1.21}}
    assert a.data is a.data  # parsed once
    fresh = a.to_dict()
    assert fresh == a.data and fresh is not a.data
    assert a != parse_event(b'{"event":"order.refunded"}')
    assert a != order()


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


def test_to_dict_is_json_round_trippable() -> None:
    data = order().to_dict()
    assert data == json.loads(json.dumps(data))
    assert data["amount"] == {"total_incl": "1.21", "excl_vat": "1", "vat": "0.21", "vat_rate": "21", "currency": "EUR"}
    assert data["created_at"] == "2025-11-26T23:58:41.512Z"
    assert data["seller"] == {"id": "b5d0c7e2-94a1-4f3b-8e6d-1c2a7f9e0b34", "entity": None}
    original = json.loads(BODY)
    assert {k for k in data} == set(original)
    assert order().amount.to_dict() == data["amount"]
    assert order().buyer.to_dict() == data["buyer"]
    assert order().product.to_dict() == data["product"]
    assert order().seller.to_dict() == data["seller"]


def test_to_dict_is_a_copy() -> None:
    event = order()
    event.to_dict()["order_id"] = "changed"
    assert event.order_id == "7c1e9a4b-3f52-4d8e-a6b0-2e9f51c8d473"


def test_decimal_arithmetic_is_exact() -> None:
    amount = order().amount
    assert amount.excl_vat * amount.vat_rate / 100 == amount.vat
    assert sum([amount.total_incl] * 3, Decimal(0)) == Decimal("3.63")
