"""The time by which the current request must be answered, for stores that can stop a statement.

The API sets it around each operation (api/http.py, api/graphql.py). Operations run on the event loop's
thread, and the context also travels into the threads that count (asyncio.to_thread copies it), so the
embedded store's progress handler can interrupt a statement that outlives its request instead of letting
it run on unseen.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar

_DEADLINE: ContextVar[float | None] = ContextVar("orgkg_deadline", default=None)


def expired() -> bool:
    """Whether the current request's time is up (never, outside a request with a timeout)."""
    deadline = _DEADLINE.get()
    return deadline is not None and time.monotonic() > deadline


@contextmanager
def deadline_in(seconds: float | None) -> Iterator[None]:
    """Give the code run inside (and the tasks and threads it starts) `seconds` to finish."""
    token = _DEADLINE.set(None if seconds is None else time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)
