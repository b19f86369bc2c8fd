"""uvicorn's HTTP protocol with TCP_NODELAY on every connection it accepts, noting when each request began.

With `--workers` above 1, uvicorn's supervisor makes the listening socket itself (`socket.socket(family)`), so
the socket's protocol number reads 0 and asyncio, which sets TCP_NODELAY only on sockets it knows are TCP, leaves
Nagle's algorithm on for every connection. uvicorn writes a response as two pieces (head, then body): the body
then waits for the client to acknowledge the head, which a client delays by up to 40 ms. Every request over a
kept-alive connection took 40 ms more than its work (bench/api_latency.py: ~44 ms for any query, /health too,
with 2 workers; under 1 ms with 1).

Each request's scope also carries the moment its first bytes were parsed (`RECEIVED`), so that the server's own
time, reported in the `Server-Timing` header (api/http.py), starts where the server's work does: before
uvicorn's parsing and the event loop's turn, not when the application is called.
"""

from __future__ import annotations

import asyncio
import contextlib
import socket
import time

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol

RECEIVED = "orgkg.received"  # scope key: time.perf_counter() when the server began reading the request


def set_nodelay(transport: asyncio.BaseTransport) -> None:
    """Send small writes at once on this TCP connection (a no-op for other sockets)."""
    sock = transport.get_extra_info("socket")
    if sock is not None and sock.family in (socket.AF_INET, socket.AF_INET6):
        with contextlib.suppress(OSError):
            sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


class NoDelayHttpToolsProtocol(HttpToolsProtocol):
    def connection_made(self, transport: asyncio.Transport) -> None:  # type: ignore[override]
        set_nodelay(transport)
        super().connection_made(transport)

    def on_message_begin(self) -> None:
        super().on_message_begin()
        self.scope[RECEIVED] = time.perf_counter()  # type: ignore[literal-required]
