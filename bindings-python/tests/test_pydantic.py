"""pydantic v2 and FastAPI: events as return types and field types, and
copied into the user's own models with ``from_attributes=True``."""

from __future__ import annotations

import datetime as dt
import http.client
import json
import socket
import threading
import time
from decimal import Decimal
from typing import Annotated, Any, Iterator, Optional, Union

import pytest
import uvicorn
from fastapi import Body, FastAPI, Request
from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError
from vectors import FIXTURES, SAMPLE

import bookto_verify
from bookto_verify import Event, OrderPaid, UnknownEvent, Webhook, parse_event, sign

BODY = SAMPLE.read_bytes()
UNKNOWN_BODY = b'{"event":"payout.sent","amount":12.30,"ids":[1,2]}'
SECRET = "whsec_pydantic_test_0123456789"
# What an OrderPaid becomes in JSON: the body's fields, money as exact text.
WIRE = json.loads(BODY)
WIRE["amount"] = {k: (v if k == "currency" else str(v)) for k, v in WIRE["amount"].items()}


def order(body: bytes = BODY) -> OrderPaid:
    event = parse_event(body)
    assert isinstance(event, OrderPaid)
    return event


# --- the user's own models, from_attributes ----------------------------------------------


class AmountModel(BaseModel):
    total_incl: Decimal
    excl_vat: Decimal
    vat: Decimal
    vat_rate: Decimal
    currency: str


class BuyerModel(BaseModel):
    first_name: str
    last_name: str
    email: str
    company: Optional[str]
    country: str
    extra: dict[str, Any]


class SellerModel(BaseModel):
    id: str
    entity: Optional[str]


class ProductModel(BaseModel):
    name: str


class OrderModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    event: str
    order_id: str
    order_number: str
    status: str
    payment_provider: str
    created_at: dt.datetime
    paid_at: dt.datetime
    amount: AmountModel
    vat_treatment: str
    product: ProductModel
    buyer: BuyerModel
    seller: SellerModel
    is_test_order: bool
    extra: dict[str, Any]


def test_model_validate_from_attributes_copies_an_event() -> None:
    body = BODY.replace(b'"country":"BE"', b'"country":"BE","vat_id":"BE0123"')
    event = order(body)
    model = OrderModel.model_validate(event, from_attributes=True)
    assert model.order_number == "ORD-2025-11-004817"
    assert model.amount.total_incl == Decimal("1.21") and type(model.amount.total_incl) is Decimal
    assert model.paid_at == event.paid_at and model.paid_at.tzinfo is not None
    assert model.buyer.company == event.buyer.company and model.seller.entity is None
    assert model.buyer.extra == {"vat_id": "BE0123"} and model.extra == {}
    assert model.model_dump(exclude={"extra"}, mode="python") == {
        **{k: v for k, v in event.to_dict().items()},
        "buyer": {**event.to_dict()["buyer"], "extra": {"vat_id": "BE0123"}},
    }
    # The model is the user's own, mutable copy.
    model.status = "refunded"
    assert event.status == "paid"


def test_a_nested_model_alone_from_attributes() -> None:
    amount = AmountModel.model_validate(order().amount, from_attributes=True)
    assert amount == AmountModel(total_incl=Decimal("1.21"), excl_vat=Decimal(1), vat=Decimal("0.21"),
                                 vat_rate=Decimal(21), currency="EUR")


# --- events as pydantic field types ------------------------------------------------------


class Delivery(BaseModel):
    received_at: dt.datetime
    event: Event


def test_events_as_field_types_keep_the_object_and_write_exact_json() -> None:
    event = order()
    delivery = Delivery(received_at=dt.datetime(2025, 11, 27, tzinfo=dt.timezone.utc), event=event)
    assert delivery.event is event
    assert delivery.model_dump()["event"] is event  # python mode keeps the object
    data = json.loads(delivery.model_dump_json())
    assert data["event"] == WIRE
    assert data["event"]["amount"]["total_incl"] == "1.21"  # exact text, not 1.21 the float
    assert data["event"]["paid_at"] == "2025-11-26T23:59:48.907Z"  # as sent
    other = Delivery(received_at=delivery.received_at, event=parse_event(UNKNOWN_BODY))
    assert json.loads(other.model_dump_json())["event"] == {"event": "payout.sent", "amount": "12.30", "ids": [1, 2]}


@pytest.mark.parametrize("cls", [OrderPaid, UnknownEvent, bookto_verify.Amount, bookto_verify.Buyer,
                                 bookto_verify.Seller, bookto_verify.Product])
def test_every_event_class_dumps_to_its_json_form(cls: type) -> None:
    event = order()
    value = {OrderPaid: event, UnknownEvent: parse_event(UNKNOWN_BODY), bookto_verify.Amount: event.amount,
             bookto_verify.Buyer: event.buyer, bookto_verify.Seller: event.seller,
             bookto_verify.Product: event.product}[cls]
    adapter: TypeAdapter[Any] = TypeAdapter(cls)
    assert adapter.validate_python(value) is value
    expected = {OrderPaid: WIRE, UnknownEvent: {"event": "payout.sent", "amount": "12.30", "ids": [1, 2]},
                bookto_verify.Amount: WIRE["amount"], bookto_verify.Buyer: WIRE["buyer"],
                bookto_verify.Seller: WIRE["seller"], bookto_verify.Product: WIRE["product"]}[cls]
    assert json.loads(adapter.dump_json(value)) == expected
    assert adapter.dump_python(value, mode="json") == expected
    adapter.json_schema(mode="serialization")
    adapter.json_schema(mode="validation")


def test_events_are_never_validated_from_data() -> None:
    # An endpoint or model that turned unsigned JSON into an OrderPaid would
    # let anyone forge one: only event objects pass.
    adapter: TypeAdapter[Any] = TypeAdapter(OrderPaid)
    for data in (json.loads(BODY), order().to_dict()):
        with pytest.raises(ValidationError, match="never from unverified data"):
            adapter.validate_python(data)
    with pytest.raises(ValidationError, match="never from unverified data"):
        adapter.validate_json(BODY)
    with pytest.raises(ValidationError):
        TypeAdapter(Event).validate_json(BODY)
    with pytest.raises(ValidationError):
        adapter.validate_python(parse_event(UNKNOWN_BODY))


def amount_schema(schema: dict) -> dict:
    """The amount object's schema, inline or through a $ref."""
    amount = schema["properties"]["amount"]
    if "$ref" in amount:
        return schema["$defs"][amount["$ref"].rsplit("/", 1)[-1]]
    return amount


def test_json_schema_describes_the_json_form() -> None:
    schema = TypeAdapter(OrderPaid).json_schema(mode="serialization")
    assert schema["properties"]["paid_at"] == {"type": "string", "format": "date-time",
                                               "description": "When it was paid. RFC 3339, as sent.",
                                               "title": "Paid At"}
    assert "exact decimal number" in amount_schema(schema)["properties"]["vat"]["description"]
    amount = amount_schema(schema)
    assert amount["properties"]["total_incl"]["type"] == "string"
    assert set(schema["required"]) == set(WIRE)
    assert schema["properties"]["buyer"]["properties"]["company"]["anyOf"] == [{"type": "string"}, {"type": "null"}]


# --- FastAPI ---------------------------------------------------------------------------


def make_app() -> FastAPI:
    app = FastAPI()
    webhook = Webhook(SECRET)

    @app.post("/order")
    async def typed(request: Request) -> OrderPaid:
        event = webhook.verify(await request.body(), request.headers)
        assert isinstance(event, OrderPaid)
        return event

    @app.post("/event")
    async def either(request: Request) -> Union[OrderPaid, UnknownEvent]:
        return webhook.verify(await request.body(), request.headers)

    @app.post("/model", response_model=Event)
    async def by_response_model(request: Request) -> Any:
        return webhook.verify(await request.body(), request.headers)

    @app.post("/nested")
    async def nested(request: Request) -> Delivery:
        event = webhook.verify(await request.body(), request.headers)
        return Delivery(received_at=dt.datetime(2025, 11, 27, tzinfo=dt.timezone.utc), event=event)

    @app.post("/forged")
    async def forged(event: Annotated[OrderPaid, Body()]) -> OrderPaid:  # pragma: no cover - never reached
        return event

    return app


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(make_app(), log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [sock]}, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert thread.is_alive() and time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.02)
    try:
        yield sock.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def call(port: int, path: str, body: bytes = b"", signed: bool = True, method: str = "POST") -> tuple[int, Any]:
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        headers = {"content-type": "application/json", **(sign(SECRET, body) if signed else {})}
        conn.request(method, path, body=body if method == "POST" else None, headers=headers)
        response = conn.getresponse()
        return response.status, json.loads(response.read())
    finally:
        conn.close()


def test_fastapi_returns_events_as_exact_json(port: int) -> None:
    for path in ("/order", "/event", "/model"):
        status, data = call(port, path, BODY)
        assert (status, data) == (200, WIRE), path
        assert data["amount"]["total_incl"] == "1.21"
    for path in ("/event", "/model"):
        assert call(port, path, UNKNOWN_BODY) == (200, {"event": "payout.sent", "amount": "12.30", "ids": [1, 2]})
    status, data = call(port, "/nested", BODY)
    assert status == 200 and data["event"] == WIRE
    unicode = (FIXTURES / "events" / "order-paid-unicode.json").read_bytes()
    assert call(port, "/order", unicode)[1]["buyer"] == json.loads(unicode)["buyer"]


def test_fastapi_refuses_an_event_as_a_request_body(port: int) -> None:
    status, data = call(port, "/forged", BODY, signed=False)
    assert status == 422
    assert "never from unverified data" in json.dumps(data)


def test_fastapi_openapi_documents_the_json_form(port: int) -> None:
    status, schema = call(port, "/openapi.json", method="GET")
    assert status == 200
    text = json.dumps(schema)
    assert '"total_incl"' in text and '"date-time"' in text
