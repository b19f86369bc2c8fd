"""A bounded, self-stopping load generator for orgkg's GraphQL API: N connections, each sending the analyst query
mix back to back for a fixed time, with latency percentiles, errors, and the server's memory over time.

    python tests/load/analyst_load.py --url http://127.0.0.1:8000/graphql --connections 100 --duration 60 --pid PID

It stops by itself after --duration seconds (plus the requests in flight, each bounded by --timeout). An error
is any transport failure, non-200 status or GraphQL `errors` entry. With --pid, the server's resident memory is
read from /proc once a second.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx

# The analyst mix when no query file is given: listing with filters, a person's career, a meeting with its
# participants and tasks, search, an organization's structure, and counting.
DEFAULT_MIX: list[dict[str, Any]] = [
    {"query": "query($n: String!) { people(where: {name: {containsFold: $n}}, first: 20) { totalCount "
              "nodes { name honorifics positions { title term organization { name } } } } }",
     "variables": {"n": "nguyen"}},
    {"query": "query { meetings(where: {date: {gte: \"2023\", lte: \"2023\"}}, first: 20) { totalCount nodes { "
              "name date kind host { name } participants { role person { name } } tasks { text period } } } }"},
    {"query": "query($t: String!) { search(text: $t, first: 10) { __typename ... on Person { name } "
              "... on Organization { name } } }", "variables": {"t": "hoi nong dan"}},
    {"query": "query { organizations(first: 20, sort: [{field: name}]) { pageInfo { hasNextPage endCursor } "
              "nodes { name kind parent { name } subOrganizations { name } meetings { name date } } } }"},
    {"query": "query($n: String!) { organizations(where: {name: {containsFold: $n}}, first: 5) { nodes { name "
              "positions { title person { name } } } } }", "variables": {"n": "uy ban nhan dan"}},
    {"query": "query { people(first: 50) { edges { cursor node { id name } } } }"},
]


@dataclass
class Result:
    duration: float
    connections: int
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    rss_kb: list[int] = field(default_factory=list)

    @property
    def requests(self) -> int:
        return len(self.latencies)

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    def memory_growth(self) -> tuple[int, int]:
        """(RSS after warm-up, RSS at the end) in kB: medians of the second and last quarter of the samples."""
        n = len(self.rss_kb)
        if n < 4:
            return (self.rss_kb[0], self.rss_kb[-1]) if self.rss_kb else (0, 0)
        q = n // 4
        return int(statistics.median(self.rss_kb[q: 2 * q])), int(statistics.median(self.rss_kb[-q:]))

    def summary(self) -> str:
        warm, end = self.memory_growth()
        memory = f"; server RSS {warm / 1024:.0f} MB after warm-up, {end / 1024:.0f} MB at the end" if warm else ""
        return (f"{self.connections} connections for {self.duration:.0f} s: {self.requests} requests "
                f"({self.requests / self.duration:.0f}/s), {len(self.errors)} errors; latency p50 "
                f"{self.percentile(50) * 1000:.0f} ms, p95 {self.percentile(95) * 1000:.0f} ms, p99 "
                f"{self.percentile(99) * 1000:.0f} ms, max {max(self.latencies, default=0) * 1000:.0f} ms{memory}")


def rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


async def _worker(client: httpx.AsyncClient, url: str, mix: list[dict], start: int, deadline: float,
                  result: Result) -> None:
    for payload in itertools.islice(itertools.cycle(mix), start, None):
        if time.monotonic() >= deadline:
            return
        began = time.perf_counter()
        try:
            response = await client.post(url, json=payload)
            body = response.json()
            if response.status_code != 200:
                result.errors.append(f"HTTP {response.status_code}: {response.text[:120]}")
            elif body.get("errors"):
                result.errors.append(json.dumps(body["errors"], ensure_ascii=False)[:200])
        except (httpx.HTTPError, ValueError) as exc:
            result.errors.append(f"{type(exc).__name__}: {exc}")
        result.latencies.append(time.perf_counter() - began)


async def _sample(pid: int, deadline: float, result: Result) -> None:
    while time.monotonic() < deadline:
        result.rss_kb.append(rss_kb(pid))
        await asyncio.sleep(1.0)


async def run_load(url: str, connections: int = 100, duration: float = 60.0, mix: list[dict] | None = None,
                   pid: int | None = None, timeout: float = 30.0) -> Result:
    """`connections` clients, each on its own keep-alive connection, sending `mix` round-robin until `duration`."""
    mix = mix or DEFAULT_MIX
    result = Result(duration, connections)
    limits = httpx.Limits(max_connections=connections, max_keepalive_connections=connections)
    started = time.monotonic()
    deadline = started + duration
    async with httpx.AsyncClient(limits=limits, timeout=timeout) as client:
        tasks = [_worker(client, url, mix, i, deadline, result) for i in range(connections)]
        if pid:
            tasks.append(_sample(pid, deadline, result))
        await asyncio.gather(*tasks)
    result.duration = time.monotonic() - started
    if pid:
        result.rss_kb.append(rss_kb(pid))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000/graphql")
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--pid", type=int, help="the server's process id, to follow its memory")
    parser.add_argument("--queries", type=Path, help="a JSON file: a list of {query, variables}")
    args = parser.parse_args()
    mix = json.loads(args.queries.read_text(encoding="utf-8")) if args.queries else None
    result = asyncio.run(run_load(args.url, args.connections, args.duration, mix, args.pid))
    print(result.summary())
    for error in result.errors[:10]:
        print("error:", error)
    raise SystemExit(1 if result.errors else 0)


if __name__ == "__main__":
    main()
