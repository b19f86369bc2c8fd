"""Load: 100 concurrent connections of the analyst query mix against a real `orgkg serve --workers 2` on loopback.

The default run lasts a few seconds (LOAD_SECONDS); --slow runs the full 60 s. Both require 0 errors (every request
answered with data: no TIMEOUT, no 503, no dropped connection) and a flat memory (the server processes' total RSS
in the last 10 s within a margin of the first 10 s), and print requests/s, p50/p95/p99, RSS, the server's CPU
per request and the machine's load average.
"""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from analyst_load import DEFAULT_MIX, process_tree, run_load
from conftest import wait_until_healthy
from test_crash import write_corpus

from orgkg.bench.serving import free_port
from orgkg.graph.sqlite import SQLiteStore
from orgkg.loaders.load import load_paths

CONNECTIONS = 100
WORKERS = 2  # CI's core count; the default (one per core) would make the test depend on the machine
LOAD_SECONDS = 6
DEV_GOLD = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "dev" / "gold"
# Memory is flat when the server's RSS grows by less than this from the first 10 s to the last 10 s of a run
# (after the warm-up: allocator noise and caches filling stay under it; a leak of 1 kB a request over 60 s does not).
GROWTH_MB, GROWTH_SHARE = 25, 0.15


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int, list[dict]]]:
    base = tmp_path_factory.mktemp("serve")
    db = base / "serve.db"
    store = SQLiteStore(db)
    sources = [write_corpus(base / "corpus", 150)] + ([DEV_GOLD] if DEV_GOLD.is_dir() else [])
    load_paths(store, sources, progress=False)
    store.close()
    port = free_port()
    env = {**os.environ, "ORGKG_DB": str(db)}
    env.pop("NEO4J_URI", None)
    log = base / "serve.log"
    proc = subprocess.Popen([sys.executable, "-m", "orgkg.cli", "--db", str(db), "serve", "--port", str(port),
                             "--workers", str(WORKERS)],
                            stdout=subprocess.DEVNULL, stderr=log.open("wb"), env=env)
    url = f"http://127.0.0.1:{port}/graphql"
    try:
        wait_until_healthy(f"http://127.0.0.1:{port}", proc, log)
        mix = analyst_mix(url)
        warm_up(url, mix)
        yield url, proc.pid, mix
    finally:
        tree = process_tree(proc.pid)
        proc.terminate()
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        left = still_running(tree)
        for p in left:
            os.kill(p, signal.SIGKILL)
        assert not left, f"server processes outlived `orgkg serve`: {left}"


def still_running(pids: list[int], grace: float = 5.0) -> list[str]:
    """Those of `pids` still running after `grace` seconds (zombies waiting to be reaped do not count)."""
    deadline = time.monotonic() + grace
    while True:
        left = []
        for pid in pids:
            try:
                stat = Path(f"/proc/{pid}/stat").read_text()
            except OSError:
                continue
            if stat.rsplit(")", 1)[1].split()[0] != "Z":
                left.append(stat[:80])
        if not left or time.monotonic() > deadline:
            return left
        time.sleep(0.1)


def analyst_mix(url: str) -> list[dict]:
    """The README/GraphiQL examples (api/examples.py) that run as written, plus the default mix."""
    mix = list(DEFAULT_MIX)
    try:
        from orgkg.api.examples import EXAMPLES
    except ImportError:
        return mix
    for example in EXAMPLES:
        payload = {"query": example.query, "variables": example.variables}
        body = httpx.post(url, json=payload, timeout=30).json()
        if not body.get("errors"):
            mix.append(payload)
    return mix


def timeouts(result) -> list[str]:
    return [e for e in result.errors if '"TIMEOUT"' in e]


def check(result, label: str) -> None:
    print(f"\nload ({label}): {result.summary()}")
    assert not result.errors, f"{len(result.errors)} errors, {len(timeouts(result))} TIMEOUT: {result.errors[:5]}"
    assert result.requests >= result.connections
    # every server process was followed: the supervisor and its WORKERS workers
    assert min(s.processes for s in result.samples) >= 1 + WORKERS
    start, end = result.memory_growth()
    assert start > 0
    assert end - start < max(GROWTH_MB * 1024, GROWTH_SHARE * start), f"RSS grew from {start} kB to {end} kB"


def warm_up(url: str, mix: list[dict]) -> None:
    """Fill the server's caches and reach its high-water mark of requests in flight before memory is followed."""
    asyncio.run(run_load(url, CONNECTIONS, 3, mix))


def test_100_connections_of_the_analyst_mix_without_an_error(server) -> None:
    url, pid, mix = server
    assert len(mix) >= len(DEFAULT_MIX)
    check(asyncio.run(run_load(url, CONNECTIONS, LOAD_SECONDS, mix, pid)), f"{len(mix)} queries")


@pytest.mark.slow
def test_100_connections_for_60_seconds_without_an_error(server) -> None:
    url, pid, mix = server
    check(asyncio.run(run_load(url, CONNECTIONS, 60, mix, pid)), f"{len(mix)} queries, 60 s")


def test_the_load_tool_counts_errors(server) -> None:
    """A mix with a broken query must come back with errors: the 0 above is measured, not assumed."""
    url, pid, _ = server
    bad = [{"query": "{ people { noSuchField } }"}, {"query": json.dumps("not a query")}]
    result = asyncio.run(run_load(url, 5, 1, bad, pid))
    assert result.errors and len(result.errors) == result.requests
    missing = asyncio.run(run_load(url.replace("/graphql", "/no-such-page"), 2, 0.5, None, pid))
    assert missing.errors and all(e.startswith("HTTP 404") for e in missing.errors)
    closed = asyncio.run(run_load(f"http://127.0.0.1:{free_port()}/graphql", 2, 0.2))
    assert closed.errors and all("Connect" in e or "refused" in e for e in closed.errors), closed.errors[:2]
