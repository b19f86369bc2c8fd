"""Admission control: at most `concurrency` requests run at once in a server process; the others wait their turn
in a bounded first-come-first-served queue, and only a full queue (or a wait past `max_wait`) is refused, with a
503 and Retry-After.

Why: an asyncio server runs every request it has read at once, interleaved on one core (the GIL), so with 100
requests in flight each one's wall time is its own CPU time multiplied by the number it shares the loop with. The
query timeout, meant to stop one expensive query, then fired on cheap queries that were only waiting for their
turn (README, "Load"). Behind this gate a request runs with a few others at most, so the timeout measures its
execution, and the waiting happens here, where it costs nothing but its (bounded) body.

The body is read before the request queues, so a slow uploader holds a place in the queue, never a running slot;
a client that disconnects while waiting leaves the line, and its request never runs.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import math
import time
from collections import deque
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from orgkg.api.nodelay import RECEIVED

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]


# Defaults, per server process; Settings (api/app.py) reads overrides from the environment.
CONCURRENCY = 4
QUEUE = 500
MAX_WAIT = 30.0


class Busy(Exception):
    """The queue is full, or the request waited longer than the gate allows: answer 503."""

    def __init__(self, reason: str, retry_after: int) -> None:
        super().__init__(reason)
        self.retry_after = retry_after


@dataclass
class Gate:
    """The running slots and the waiting line of one process (one event loop)."""

    concurrency: int = CONCURRENCY
    queue: int = QUEUE
    max_wait: float = MAX_WAIT
    running: int = 0
    admitted: int = 0
    refused: int = 0
    left: int = 0  # clients that gave up while waiting: their requests never ran
    longest_queue: int = 0
    mean_seconds: float = 0.1  # moving average of a request's time in a slot, for Retry-After
    _waiting: deque[asyncio.Future[None]] = field(default_factory=deque, repr=False)

    def __post_init__(self) -> None:
        if self.concurrency < 1 or self.queue < 0 or self.max_wait <= 0:
            raise ValueError("the gate needs concurrency >= 1, queue >= 0 and max_wait > 0")

    @property
    def queued(self) -> int:
        return len(self._waiting)

    def retry_after(self) -> int:
        """Seconds until the line ahead has likely drained: at least 1, at most 60."""
        return max(1, min(60, math.ceil(self.queued * self.mean_seconds / self.concurrency)))

    def try_enter(self) -> bool:
        """Take a running slot if one is free and nobody is waiting for it."""
        if self.running < self.concurrency and not self._waiting:
            self.running += 1
            self.admitted += 1
            return True
        return False

    async def enter(self) -> None:
        """Take a running slot, waiting in line for one; Busy when the line is full or the wait too long."""
        if self.try_enter():
            return
        if len(self._waiting) >= self.queue:
            self.refused += 1
            raise Busy(f"{self.queued} requests are already waiting", self.retry_after())
        turn: asyncio.Future[None] = asyncio.get_running_loop().create_future()
        self._waiting.append(turn)
        self.longest_queue = max(self.longest_queue, len(self._waiting))
        try:
            # shield: the timeout must not cancel `turn` itself, which `leave` may complete at the same moment
            await asyncio.wait_for(asyncio.shield(turn), self.max_wait)
        except TimeoutError:
            if turn.done():  # handed a slot just as the wait ran out: take it
                self.admitted += 1
                return
            self._drop(turn)
            self.refused += 1
            raise Busy(f"the request waited {self.max_wait:g} s for a turn", self.retry_after()) from None
        except asyncio.CancelledError:
            if turn.done() and not turn.cancelled():
                self.leave()  # the slot we were handed goes to the next in line
            else:
                self._drop(turn)
            raise
        self.admitted += 1

    def leave(self, seconds: float | None = None) -> None:
        """Give the slot back: straight to the first one waiting, else free it."""
        if seconds is not None:
            self.mean_seconds += 0.05 * (seconds - self.mean_seconds)
        while self._waiting:
            turn = self._waiting.popleft()
            if not turn.done():
                turn.set_result(None)
                return
        self.running -= 1

    def _drop(self, turn: asyncio.Future[None]) -> None:
        turn.cancel()
        with contextlib.suppress(ValueError):
            self._waiting.remove(turn)


async def _read_body(receive: Receive, limit: int) -> tuple[list[Message], bool]:
    """The request's body messages up to just past `limit` bytes (the app refuses larger bodies itself), and
    whether the client disconnected meanwhile."""
    messages: list[Message] = []
    size = 0
    while size <= limit:
        message = await receive()
        if message["type"] == "http.disconnect":
            return messages, True
        messages.append(message)
        size += len(message.get("body", b""))
        if not message.get("more_body", False):
            break
    return messages, False


def _replay(messages: list[Message], receive: Receive, next_message: asyncio.Future[Message] | None) -> Receive:
    """`receive` as the app expects it: the body read ahead, then the message already being waited for."""
    pending = deque(messages)

    async def replayed() -> Message:
        nonlocal next_message
        if pending:
            return pending.popleft()
        if next_message is not None:
            waited, next_message = next_message, None
            return await waited
        return await receive()

    return replayed


async def busy_response(send: Send, busy: Busy, received: float) -> None:
    """A 503, saying (Server-Timing `total`, as every GraphQL answer does) how long the request waited since
    `received` (time.perf_counter()) before it was refused."""
    message = (f"The server is busy ({busy}); retry after {busy.retry_after} s.")
    body = json.dumps({"errors": [{"message": message, "extensions": {"code": "BUSY"}}]}).encode()
    timing = f"total;dur={(time.perf_counter() - received) * 1000:.3f}"
    await send({"type": "http.response.start", "status": 503, "headers": [
        (b"content-type", b"application/json; charset=utf-8"), (b"content-length", str(len(body)).encode()),
        (b"retry-after", str(busy.retry_after).encode()), (b"server-timing", timing.encode())]})
    await send({"type": "http.response.body", "body": body})


class AdmissionMiddleware:
    """ASGI middleware putting every HTTP request but `exempt` paths (health checks) through a Gate."""

    def __init__(self, app: ASGIApp, gate: Gate, max_body: int, exempt: tuple[str, ...] = ("/health",)) -> None:
        self.app = app
        self.gate = gate
        self.max_body = max_body
        self.exempt = exempt

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["path"] in self.exempt:
            await self.app(scope, receive, send)
            return
        # the server's time (Server-Timing, api/http.py) counts the wait in line; uvicorn's protocol in
        # api/nodelay.py notes an earlier start, when the request's first bytes were read
        scope.setdefault(RECEIVED, time.perf_counter())
        messages, gone = await _read_body(receive, self.max_body)
        if gone:
            return  # nobody is left to answer
        next_message = None
        if not self.gate.try_enter():  # a free slot is taken at once; otherwise the request waits in line
            # With the whole body read, the next message can only be the client leaving (or, later, the response
            # being complete): a client that gives up while in line leaves the line instead of being served.
            whole = bool(messages) and not messages[-1].get("more_body", False)
            next_message = asyncio.ensure_future(receive()) if whole else None
            try:
                admitted = await self._enter(next_message)
            except Busy as busy:
                _cancel(next_message)
                await busy_response(send, busy, scope[RECEIVED])
                return
            if not admitted:
                return
        loop = asyncio.get_running_loop()
        began = loop.time()
        try:
            await self.app(scope, _replay(messages, receive, next_message), send)
        finally:
            self.gate.leave(loop.time() - began)
            _cancel(next_message)

    async def _enter(self, next_message: asyncio.Future[Message] | None) -> bool:
        """Take a slot in the gate; False when the client left while waiting (then no slot is held)."""
        if next_message is None:
            await self.gate.enter()
            return True
        entering = asyncio.ensure_future(self.gate.enter())
        try:
            await asyncio.wait({entering, next_message}, return_when=asyncio.FIRST_COMPLETED)
        except asyncio.CancelledError:
            await self._abandon(entering)
            raise
        if entering.done():
            entering.result()  # Busy propagates
            return True
        if next_message.result()["type"] != "http.disconnect":
            await entering  # not a departure after all: the message is replayed to the app
            return True
        self.gate.left += 1
        await self._abandon(entering)
        return False

    async def _abandon(self, entering: asyncio.Future[None]) -> None:
        entering.cancel()
        try:
            await entering
        except (asyncio.CancelledError, Busy):
            return
        self.gate.leave()  # the slot came just as the client left: pass it on


def _cancel(future: asyncio.Future[Any] | None) -> None:
    if future is not None and not future.done():
        future.cancel()
