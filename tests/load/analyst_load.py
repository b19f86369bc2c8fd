"""A bounded, self-stopping load generator for orgkg's GraphQL API: N connections, each sending the analyst query
mix back to back for a fixed time, with latency percentiles, errors, and the server's memory and CPU over time.

    python tests/load/analyst_load.py --url http://127.0.0.1:8000/graphql --connections 100 --duration 60 --pid PID

It stops by itself after --duration seconds (plus the requests in flight, each bounded by --timeout). An error
is any transport failure, non-200 status or GraphQL `errors` entry. With --pid, the resident memory of that
process and its descendants (uvicorn's worker processes) is read from /proc once a second.

The client speaks HTTP/1.1 over asyncio streams rather than through httpx: on the 2-core machine it shares with
the server, httpx spent more CPU per request (11 ms) than the server did (8 ms), so its figures measured the
client as much as the server. This one costs well under 1 ms a request.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import json
import os
import statistics
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

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
CLK_TCK = os.sysconf("SC_CLK_TCK")


@dataclass
class Sample:
    """The server's processes at one moment: seconds since the start, total RSS (kB), total CPU seconds."""

    at: float
    rss_kb: int
    cpu: float
    processes: int


@dataclass
class Result:
    duration: float
    connections: int
    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    samples: list[Sample] = field(default_factory=list)
    load_average: tuple[float, float] = (0.0, 0.0)  # 1-minute load average at the start and at the end

    @property
    def requests(self) -> int:
        return len(self.latencies)

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        ordered = sorted(self.latencies)
        return ordered[min(len(ordered) - 1, int(p / 100 * len(ordered)))]

    def memory_growth(self, window: float = 10.0) -> tuple[int, int]:
        """(RSS at the start, RSS at the end) in kB: medians of the samples in the first and the last `window`
        seconds (a quarter of the run when that is shorter), so one sample's noise does not count."""
        if not self.samples:
            return 0, 0
        end = self.samples[-1].at
        window = min(window, max(end / 4, 1.0))
        first = [s.rss_kb for s in self.samples if s.at <= window] or [self.samples[0].rss_kb]
        last = [s.rss_kb for s in self.samples if s.at >= end - window] or [self.samples[-1].rss_kb]
        return int(statistics.median(first)), int(statistics.median(last))

    def server_cpu(self) -> float:
        """CPU seconds the server's processes spent during the run."""
        return self.samples[-1].cpu - self.samples[0].cpu if len(self.samples) > 1 else 0.0

    def summary(self) -> str:
        text = (f"{self.connections} connections for {self.duration:.0f} s: {self.requests} requests "
                f"({self.requests / self.duration:.0f}/s), {len(self.errors)} errors; latency p50 "
                f"{self.percentile(50) * 1000:.0f} ms, p95 {self.percentile(95) * 1000:.0f} ms, p99 "
                f"{self.percentile(99) * 1000:.0f} ms, max {max(self.latencies, default=0) * 1000:.0f} ms")
        if self.samples:
            start, end = self.memory_growth()
            cpu = self.server_cpu()
            text += (f"; server ({self.samples[-1].processes} processes) RSS {start / 1024:.0f} MB first "
                     f"10 s, {end / 1024:.0f} MB last 10 s; server CPU {cpu:.1f} s "
                     f"({cpu / max(1, self.requests) * 1000:.1f} ms a request)")
        return text + f"; load average {self.load_average[0]:.2f} -> {self.load_average[1]:.2f}"


def process_tree(pid: int) -> list[int]:
    """`pid` and its descendants (Linux /proc)."""
    found, todo = [], [pid]
    while todo:
        p = todo.pop()
        found.append(p)
        try:
            for task in Path(f"/proc/{p}/task").iterdir():
                todo.extend(int(c) for c in (task / "children").read_text().split())
        except OSError:
            continue
    return found


def _status_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


def _cpu_seconds(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLK_TCK  # utime, stime


def sample(pid: int, at: float) -> Sample:
    rss = cpu = 0.0
    count = 0
    for p in process_tree(pid):
        try:
            rss += _status_kb(p)
            cpu += _cpu_seconds(p)
            count += 1
        except OSError:  # ended meanwhile
            continue
    return Sample(at, int(rss), cpu, count)


def rss_kb(pid: int) -> int:
    """Resident memory of `pid` and its descendants, in kB."""
    return sample(pid, 0.0).rss_kb


def _request(host: str, path: str, payload: dict) -> bytes:
    body = json.dumps(payload, ensure_ascii=False).encode("utf-8")
    head = (f"POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
            f"Accept: application/json\r\nContent-Length: {len(body)}\r\n\r\n")
    return head.encode("ascii") + body


async def _response(reader: asyncio.StreamReader) -> tuple[int, dict[str, str], bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    status = int(lines[0].split(" ", 2)[1])
    headers = {}
    for line in lines[1:]:
        if ":" in line:
            name, value = line.split(":", 1)
            headers[name.strip().lower()] = value.strip()
    if "content-length" in headers:
        return status, headers, await reader.readexactly(int(headers["content-length"]))
    if headers.get("transfer-encoding", "").lower() == "chunked":
        body = bytearray()
        while size := int((await reader.readuntil(b"\r\n")).split(b";")[0], 16):
            body.extend((await reader.readexactly(size + 2))[:size])
        await reader.readuntil(b"\r\n")
        return status, headers, bytes(body)
    return status, headers, await reader.read()


async def _connection(address: tuple[str, int], requests: list[bytes], start: int, deadline: float,
                      timeout: float, result: Result) -> None:
    """One client on one keep-alive connection, reconnecting only after the server closed it or a failure."""
    stream: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None
    try:
        for request in itertools.islice(itertools.cycle(requests), start, None):
            if time.monotonic() >= deadline:
                return
            began = time.perf_counter()
            try:
                if stream is None:
                    stream = await asyncio.wait_for(asyncio.open_connection(*address), timeout)
                reader, writer = stream
                writer.write(request)
                status, headers, body = await asyncio.wait_for(_response(reader), timeout)
                if status != 200:
                    result.errors.append(f"HTTP {status}: {body[:120].decode('utf-8', 'replace')}")
                elif (errors := json.loads(body).get("errors")):
                    result.errors.append(json.dumps(errors, ensure_ascii=False)[:200])
                if headers.get("connection", "").lower() == "close":
                    writer.close()
                    stream = None
            except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, TimeoutError, ValueError
                    ) as exc:
                result.errors.append(f"{type(exc).__name__}: {exc}")
                if stream is not None:
                    stream[1].close()
                    stream = None
            result.latencies.append(time.perf_counter() - began)
    finally:
        if stream is not None:
            stream[1].close()


async def _follow(pid: int, started: float, deadline: float, result: Result) -> None:
    while time.monotonic() < deadline:
        result.samples.append(sample(pid, time.monotonic() - started))
        await asyncio.sleep(1.0)


async def run_load(url: str, connections: int = 100, duration: float = 60.0, mix: list[dict] | None = None,
                   pid: int | None = None, timeout: float = 60.0) -> Result:
    """`connections` clients, each on its own keep-alive connection, sending `mix` round-robin until `duration`."""
    parts = urlsplit(url)
    address = (parts.hostname or "127.0.0.1", parts.port or 80)
    requests = [_request(parts.netloc, parts.path or "/", payload) for payload in mix or DEFAULT_MIX]
    result = Result(duration, connections)
    load_before = os.getloadavg()[0]
    started = time.monotonic()
    deadline = started + duration
    tasks = [_connection(address, requests, i, deadline, timeout, result) for i in range(connections)]
    if pid:
        tasks.append(_follow(pid, started, deadline, result))
    await asyncio.gather(*tasks)
    result.duration = time.monotonic() - started
    if pid:
        result.samples.append(sample(pid, result.duration))
    result.load_average = (load_before, os.getloadavg()[0])
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", default="http://127.0.0.1:8000/graphql")
    parser.add_argument("--connections", type=int, default=100)
    parser.add_argument("--duration", type=float, default=60.0)
    parser.add_argument("--pid", type=int, help="the server's process id, to follow its memory and CPU")
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
