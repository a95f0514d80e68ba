"""examples/django_app.py served by a WSGI server on 127.0.0.1, driven over
HTTP, with Django's CSRF middleware on (the decorator makes the view exempt)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any, Iterator
from wsgiref.simple_server import WSGIRequestHandler, make_server

import pytest
from receivers import BODY, SECRET, run_scenarios, signed

import django_app  # examples/django_app.py, imported after receivers set the secret


class QuietHandler(WSGIRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    server = make_server("127.0.0.1", 0, django_app.application, handler_class=QuietHandler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_port
    finally:
        server.shutdown()
        thread.join(10)


def test_django_receiver_over_http(port: int) -> None:
    run_scenarios(port, error_of=lambda payload: payload)


def test_view_is_csrf_exempt() -> None:
    assert getattr(django_app.receive, "csrf_exempt", False) is True


def test_async_view_is_supported() -> None:
    from django.http import JsonResponse
    from django.test import AsyncRequestFactory

    from bookto_verify import Webhook
    from bookto_verify.django import bookto_webhook

    @bookto_webhook(Webhook(SECRET))
    async def receive(request: Any, event: Any) -> JsonResponse:
        await asyncio.sleep(0)
        return JsonResponse({"received": event.event})

    factory = AsyncRequestFactory()
    headers = dict(signed(BODY))
    ok = asyncio.run(receive(factory.post("/", BODY, content_type="application/json", headers=headers)))
    assert ok.status_code == 200, ok.content
    assert ok.content == b'{"received": "order.paid"}'
    bad = asyncio.run(receive(factory.post("/", BODY + b" ", content_type="application/json", headers=headers)))
    assert bad.status_code == 400
    assert b'"signature_mismatch"' in bad.content
