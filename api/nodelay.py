"""uvicorn's HTTP protocol with TCP_NODELAY on every connection it accepts.

With `--workers` above 1, uvicorn's supervisor makes the listening socket itself (`socket.socket(family)`), so
the socket's protocol number reads 0 and asyncio, which sets TCP_NODELAY only on sockets it knows are TCP, leaves
Nagle's algorithm on for every connection. uvicorn writes a response as two pieces (head, then body): the body
then waits for the client to acknowledge the head, which a client delays by up to 40 ms. Every request over a
kept-alive connection took 40 ms more than its work (bench/api_latency.py: ~44 ms for any query, /health too,
with 2 workers; under 1 ms with 1).
"""

from __future__ import annotations

import asyncio
import contextlib
import socket

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


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
