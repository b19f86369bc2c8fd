"""Connections accepted by `orgkg serve`'s worker processes send small writes at once (TCP_NODELAY): without it
every response over a kept-alive connection waited for the client's delayed acknowledgement (40 ms)."""

from __future__ import annotations

import asyncio
import contextlib
import http.client
import socket
import threading
from collections.abc import Iterator
from typing import Any

import pytest
import uvicorn
from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

from orgkg.api.nodelay import NoDelayHttpToolsProtocol
from orgkg.commands import serve


async def ok(scope: dict[str, Any], receive: Any, send: Any) -> None:
    await send({"type": "http.response.start", "status": 200, "headers": [(b"content-type", b"text/plain")]})
    await send({"type": "http.response.body", "body": b"ok"})


@contextlib.contextmanager
def _serving(app: Any, protocol: type[asyncio.Protocol]) -> Iterator[tuple[uvicorn.Server, int]]:
    """uvicorn serving `app` with `protocol` on a thread, from a socket made with socket.socket(family) as its worker
    processes' are (its protocol number reads 0): the server and its port, once it has started."""
    listener = socket.socket(socket.AF_INET)
    listener.bind(("127.0.0.1", 0))
    server = uvicorn.Server(uvicorn.Config(app, http=protocol, log_level="warning", lifespan="off"))
    thread = threading.Thread(target=server.run, kwargs={"sockets": [listener]}, daemon=True)
    thread.start()
    try:
        for _ in range(200):
            if server.started:
                break
            threading.Event().wait(0.05)
        yield server, listener.getsockname()[1]
    finally:
        server.should_exit = True
        thread.join(10)
        listener.close()


def nodelay_of_accepted_connection(protocol: type[asyncio.Protocol]) -> int:
    """TCP_NODELAY on the server's side of a connection accepted the way uvicorn's worker processes accept them."""
    with _serving(ok, protocol) as (server, port):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        conn.request("GET", "/")
        assert conn.getresponse().read() == b"ok"
        (accepted,) = server.server_state.connections  # the connection is kept alive
        value = accepted.transport.get_extra_info("socket").getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY)
        conn.close()
        return value


def test_worker_connections_have_nodelay() -> None:
    assert nodelay_of_accepted_connection(NoDelayHttpToolsProtocol) != 0


def test_uvicorn_alone_leaves_nagle_on_there() -> None:
    # what the protocol is for: should uvicorn ever set the option itself, this fails and api/nodelay.py can go
    assert nodelay_of_accepted_connection(HttpToolsProtocol) == 0


def test_serve_runs_uvicorn_with_the_protocol(monkeypatch: pytest.MonkeyPatch, tmp_path: Any) -> None:
    from orgkg.cli import build_parser
    from orgkg.graph.sqlite import SQLiteStore

    SQLiteStore(tmp_path / "store.db").close()
    seen: dict[str, Any] = {}
    monkeypatch.setattr(uvicorn, "run", lambda *args, **kwargs: seen.update(kwargs))
    monkeypatch.delenv("NEO4J_URI", raising=False)
    monkeypatch.setenv("ORGKG_DB", str(tmp_path / "store.db"))  # serve sets it; restored after the test
    args = build_parser().parse_args(["--db", str(tmp_path / "store.db"), "serve", "--workers", "2"])
    assert serve.run(args) == 0
    assert uvicorn.config.import_from_string(seen["http"]) is NoDelayHttpToolsProtocol


def test_the_protocol_notes_when_each_request_began() -> None:
    # the server's time (Server-Timing, api/http.py) starts there, before uvicorn's parsing and the app's turn
    import time

    from orgkg.api.nodelay import RECEIVED

    seen: list[tuple[float | None, float]] = []

    async def app(scope: dict[str, Any], receive: Any, send: Any) -> None:
        seen.append((scope.get(RECEIVED), time.perf_counter()))
        await ok(scope, receive, send)

    with _serving(app, NoDelayHttpToolsProtocol) as (_server, port):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        before = time.perf_counter()
        for _ in range(2):  # two requests on one connection: each has its own start
            conn.request("GET", "/")
            assert conn.getresponse().read() == b"ok"
        conn.close()
    assert len(seen) == 2
    (first, called_first), (second, called_second) = seen
    assert first is not None and second is not None
    assert before <= first <= called_first < second <= called_second
