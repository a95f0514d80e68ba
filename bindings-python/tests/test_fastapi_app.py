"""examples/fastapi_app.py served by uvicorn on 127.0.0.1, driven over HTTP."""

from __future__ import annotations

import socket
import threading
import time
from typing import Iterator

import pytest
import uvicorn
from receivers import run_scenarios

import fastapi_app  # examples/fastapi_app.py, imported after receivers set the secret


@pytest.fixture(scope="module")
def port() -> Iterator[int]:
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    config = uvicorn.Config(fastapi_app.app, log_level="warning", lifespan="off")
    server = uvicorn.Server(config)
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


def test_fastapi_receiver_over_http(port: int) -> None:
    run_scenarios(port, error_of=lambda payload: payload["detail"])
