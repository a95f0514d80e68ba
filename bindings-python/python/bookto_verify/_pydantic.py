"""pydantic v2 support: the events as field types and FastAPI return types.

Every event class's ``__get_pydantic_core_schema__`` returns
:func:`core_schema` (pydantic is imported only then, so it stays optional)::

    @app.post("/webhooks/bookto")
    async def receive(event: BooktoEvent) -> OrderPaid | UnknownEvent:
        return event     # JSON: money as exact strings ("1.21"), times as sent

Serialising (JSON mode: FastAPI responses, ``model_dump_json``) writes the
event's JSON form: wire names, money as its exact text (a JSON number would
go through a float in most clients), date-times as sent, an unknown event's
non-integer numbers as exact strings (pydantic's ``Decimal`` form). Python
mode (``model_dump()``) keeps the event object.

Validating accepts only an existing event object. JSON or a dict is refused:
an event comes from a verified body (``Webhook.verify``), and a model or
endpoint that turned unsigned JSON into an ``OrderPaid`` would let anyone
forge one. To copy an event into your own pydantic model, validate it with
``from_attributes=True`` (see the README).
"""

from __future__ import annotations

from typing import Any, Callable

__all__ = ["core_schema"]


def core_schema(cls: type, source: Any, handler: Any) -> Any:
    """The pydantic-core schema of an event class (``OrderPaid``, ``Amount``, ...)."""
    from pydantic_core import core_schema as cs

    wire = _wire_schema(cls.__name__)
    name = cls.__name__

    def instance(value: Any) -> Any:
        if isinstance(value, cls):
            return value
        raise ValueError(
            f"expected {name} (an event object), got {type(value).__name__}: events come from "
            f"a verified body (Webhook.verify, parse_event or {name}.from_dict), never from "
            "unverified data"
        )

    if name == "UnknownEvent":
        serialize: Callable[[Any], Any] = lambda event: event.to_dict()  # noqa: E731
    else:
        serialize = lambda event: event._json_dict()  # noqa: E731
    from_json: Any
    try:
        # The JSON schema (OpenAPI) is the JSON form's; the value is refused.
        from_json = cs.no_info_plain_validator_function(instance, json_schema_input_schema=wire)
    except TypeError:  # an older pydantic-core, without json_schema_input_schema
        from_json = cs.chain_schema([wire, cs.no_info_plain_validator_function(instance)])
    return cs.json_or_python_schema(
        json_schema=from_json,
        python_schema=cs.no_info_plain_validator_function(instance),
        serialization=cs.plain_serializer_function_ser_schema(
            serialize, return_schema=wire, when_used="json"
        ),
    )


def _wire_schema(name: str) -> Any:
    """The JSON form's schema (what ``_json_dict`` returns), from the event model."""
    from pydantic_core import core_schema as cs

    from ._model import FIELDS

    if name not in FIELDS:  # UnknownEvent: its body as a dict
        return cs.dict_schema(keys_schema=cs.str_schema(), values_schema=cs.any_schema())

    def text(description: str, format: str = "") -> Any:
        extra = {"description": description}
        if format:
            extra["format"] = format
        return cs.str_schema(metadata={"pydantic_js_updates": extra})

    def field(kind: str, description: str) -> Any:
        if kind == "money":
            return text(description + ' An exact decimal number, as sent ("1.21").')
        if kind == "date_time":
            return text(description + " RFC 3339, as sent.", "date-time")
        if kind == "optional_text":
            return cs.nullable_schema(cs.str_schema(), metadata={"pydantic_js_updates": {"description": description}})
        if kind == "bool":
            return cs.bool_schema(metadata={"pydantic_js_updates": {"description": description}})
        if kind in FIELDS:
            return _wire_schema(kind)
        return text(description)

    return cs.typed_dict_schema(
        {key: cs.typed_dict_field(field(kind, description)) for key, kind, description in FIELDS[name]}
    )
