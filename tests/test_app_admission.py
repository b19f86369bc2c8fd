"""Admission control (api/admission.py): a few requests run at once, the rest wait in line, a full line is a 503
with Retry-After, and the query timeout counts execution only, never the wait."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import httpx
import pytest

from orgkg.api.admission import AdmissionMiddleware, Busy, Gate
from orgkg.api.app import Settings, create_app
from orgkg.graph.facts import Batch, NodeFact
from orgkg.graph.store import Store

QUERY = {"query": "{ people { totalCount } }"}


@pytest.fixture
def small_store(sqlite_store: Store) -> Store:
    sqlite_store.write(Batch(NodeFact("art:a", "Article", {"title": "A"}), None, [
        NodeFact("per:1", "Person", {"name": "Lê Tuấn An"})], [], "a"))
    return sqlite_store


def client_of(app: object) -> httpx.AsyncClient:
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://test")  # type: ignore[arg-type]


async def until(condition: object, limit: int = 2000) -> None:
    """Let the event loop run until `condition()` holds (the other tasks reach their point)."""
    for _ in range(limit):
        if condition():  # type: ignore[operator]
            return
        await asyncio.sleep(0.005)
    raise AssertionError("the condition never held")


def test_the_gate_admits_a_few_queues_in_order_and_refuses_a_full_line() -> None:
    async def scenario() -> None:
        gate = Gate(concurrency=2, queue=2, max_wait=60)
        await gate.enter()
        await gate.enter()
        order: list[str] = []

        async def wait(name: str) -> None:
            await gate.enter()
            order.append(name)

        first, second = asyncio.create_task(wait("first")), asyncio.create_task(wait("second"))
        await until(lambda: gate.queued == 2)
        with pytest.raises(Busy) as refused:
            await gate.enter()
        assert refused.value.retry_after >= 1 and gate.refused == 1
        assert order == [] and gate.running == 2
        gate.leave()
        await first
        assert order == ["first"] and gate.running == 2 and gate.queued == 1
        gate.leave()
        await second
        assert order == ["first", "second"] and gate.queued == 0
        gate.leave()
        gate.leave()
        assert gate.running == 0 and gate.admitted == 4 and gate.longest_queue == 2

    asyncio.run(scenario())


def test_a_wait_longer_than_max_wait_is_refused_and_leaves_the_line() -> None:
    async def scenario() -> None:
        gate = Gate(concurrency=1, queue=5, max_wait=0.05)
        await gate.enter()
        with pytest.raises(Busy, match="waited"):
            await gate.enter()
        assert gate.queued == 0
        gate.leave()
        assert gate.running == 0

    asyncio.run(scenario())


def test_a_cancelled_waiter_gives_up_its_place_or_its_slot() -> None:
    async def scenario() -> None:
        gate = Gate(concurrency=1, queue=5, max_wait=60)
        await gate.enter()
        waiting = asyncio.create_task(gate.enter())
        await until(lambda: gate.queued == 1)
        waiting.cancel()
        await asyncio.gather(waiting, return_exceptions=True)
        assert gate.queued == 0 and gate.running == 1
        # cancelled after being handed the slot (before it ran): the slot goes on, not lost
        handed = asyncio.create_task(gate.enter())
        after = asyncio.create_task(gate.enter())
        await until(lambda: gate.queued == 2)
        gate.leave()
        handed.cancel()
        (outcome,) = await asyncio.gather(handed, return_exceptions=True)
        if not isinstance(outcome, asyncio.CancelledError):
            gate.leave()  # Python 3.11's wait_for keeps a result that came before the cancellation: it ran
        await asyncio.wait_for(after, 5)
        assert gate.running == 1 and gate.queued == 0
        gate.leave()
        assert gate.running == 0

    asyncio.run(scenario())


def test_a_full_line_is_a_503_with_retry_after_and_health_still_answers(small_store: Store) -> None:
    async def scenario() -> None:
        app = create_app(small_store, Settings(concurrency=1, queue=1))
        gate: Gate = app.state.gate
        async with client_of(app) as client:
            await gate.enter()  # the one running slot is taken
            queued = asyncio.create_task(client.post("/graphql", json=QUERY))
            await until(lambda: gate.queued == 1)
            refused = await client.post("/graphql", json=QUERY)
            assert refused.status_code == 503
            assert int(refused.headers["retry-after"]) >= 1
            waited = refused.headers["server-timing"]  # what the refusal cost, as every answer says
            assert waited.startswith("total;dur=") and float(waited.removeprefix("total;dur=")) >= 0
            error = refused.json()["errors"][0]
            assert error["extensions"]["code"] == "BUSY" and "retry after" in error["message"]
            assert (await client.get("/health")).status_code == 200
            gate.leave()
            answered = await queued
            assert answered.status_code == 200 and answered.json() == {"data": {"people": {"totalCount": 1}}}
        assert gate.running == 0

    asyncio.run(scenario())


def test_the_query_timeout_counts_execution_not_the_wait(small_store: Store) -> None:
    async def scenario() -> None:
        app = create_app(small_store, Settings(timeout=0.2, concurrency=1))
        gate: Gate = app.state.gate
        async with client_of(app) as client:
            await gate.enter()
            queued = asyncio.create_task(client.post("/graphql", json=QUERY))
            await until(lambda: gate.queued == 1)
            await asyncio.sleep(0.6)  # three timeouts' worth of waiting in line
            gate.leave()
            answered = (await queued).json()
        assert answered == {"data": {"people": {"totalCount": 1}}}

    asyncio.run(scenario())


def test_a_slow_upload_waits_without_holding_a_running_slot(small_store: Store) -> None:
    async def scenario() -> None:
        app = create_app(small_store, Settings(concurrency=1))
        gate: Gate = app.state.gate
        finish = asyncio.Event()

        async def dribble() -> AsyncIterator[bytes]:
            yield b'{"query": "{ people '
            await finish.wait()
            yield b'{ totalCount } }"}'

        async with client_of(app) as client:
            slow = asyncio.create_task(client.post("/graphql", content=dribble(),
                                                   headers={"content-type": "application/json"}))
            await asyncio.sleep(0.05)
            assert gate.running == 0
            fast = await client.post("/graphql", json=QUERY)
            assert fast.json() == {"data": {"people": {"totalCount": 1}}}
            finish.set()
            assert (await slow).json() == {"data": {"people": {"totalCount": 1}}}

    asyncio.run(scenario())


def test_a_body_too_large_is_still_refused_by_the_endpoint(small_store: Store) -> None:
    async def scenario() -> None:
        app = create_app(small_store, Settings(max_body=1000))
        async with client_of(app) as client:
            big = {"query": "{ people { totalCount } }", "variables": {"x": "a" * 5000}}
            assert (await client.post("/graphql", json=big)).status_code == 413
            assert (await client.post("/graphql", json=QUERY)).status_code == 200
        assert app.state.gate.running == 0

    asyncio.run(scenario())


def test_settings_come_from_the_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ORGKG_CONCURRENCY", "3")
    monkeypatch.setenv("ORGKG_QUEUE", "7")
    monkeypatch.setenv("ORGKG_MAX_WAIT", "2.5")
    settings = Settings.from_env()
    assert (settings.concurrency, settings.queue, settings.max_wait) == (3, 7, 2.5)
    with pytest.raises(ValueError):
        Gate(concurrency=0)
    for name, text in [("ORGKG_CONCURRENCY", "many"), ("ORGKG_CONCURRENCY", "0"), ("ORGKG_QUEUE", "-1"),
                       ("ORGKG_MAX_WAIT", "nan"), ("ORGKG_QUERY_TIMEOUT", "inf"), ("ORGKG_MAX_BODY", "1.5")]:
        monkeypatch.setenv(name, text)
        with pytest.raises(ValueError, match=f"^{name}='{text}' is not a"):
            Settings.from_env()
        monkeypatch.delenv(name)
    monkeypatch.setenv("ORGKG_QUEUE", "0")
    assert Settings.from_env().queue == 0


def test_a_client_that_leaves_the_line_is_never_served() -> None:
    async def scenario() -> None:
        ran: list[str] = []

        async def app(scope: dict, receive: object, send: object) -> None:
            ran.append(scope["path"])
            await send({"type": "http.response.start", "status": 200, "headers": []})  # type: ignore[operator]
            await send({"type": "http.response.body", "body": b"{}"})  # type: ignore[operator]

        gate = Gate(concurrency=1, queue=5, max_wait=60)
        middleware = AdmissionMiddleware(app, gate, max_body=1000)

        def client(name: str, goes: asyncio.Event) -> tuple[object, object, list[dict]]:
            scope = {"type": "http", "path": f"/{name}", "method": "POST", "headers": []}
            read, sent = [False], []

            async def receive() -> dict:
                if not read[0]:
                    read[0] = True
                    return {"type": "http.request", "body": b"{}", "more_body": False}
                await goes.wait()
                return {"type": "http.disconnect"}

            async def send(message: dict) -> None:
                sent.append(message)

            return middleware(scope, receive, send), sent  # type: ignore[return-value]

        await gate.enter()  # the one running slot is taken
        leaves, stays = asyncio.Event(), asyncio.Event()
        (gone, gone_sent), (kept, kept_sent) = client("gone", leaves), client("kept", stays)
        gone_task, kept_task = asyncio.create_task(gone), asyncio.create_task(kept)
        await until(lambda: gate.queued == 2)
        leaves.set()
        await asyncio.wait_for(gone_task, 5)
        assert gate.queued == 1 and gate.left == 1 and gone_sent == []
        gate.leave()
        await asyncio.wait_for(kept_task, 5)
        assert ran == ["/kept"] and kept_sent[0]["status"] == 200
        assert gate.running == 0 and gate.queued == 0

    asyncio.run(scenario())
