"""GraphQL latency of the analyst query mix on a large store, over HTTP, beside bare graphql-core.

    .venv/bin/python bench/api_latency.py --nodes 1000000 --rounds 30

1. Builds (once; reused while --db exists) a synthetic store of about --nodes nodes with the shape of the
   real graph: provinces' organizations with sub-organizations, their posts and holders with terms,
   meetings with participants, tasks set at them (about 2.5 relationships per node).
2. Serves it with `orgkg serve` in a child process and sends the analyst mix below, one request at a
   time, over HTTP: leaders of an organization on a date, a career, a province's meetings in a year,
   colleagues, a shortest path between two people, search, aggregations, a lookup by id.
3. The baseline: the same documents executed by bare graphql-core over a schema built from the same SDL
   whose resolvers only read the answers out of dicts (the result shapes the server returned), with the
   document parsed and validated once. It is what producing those shapes costs in GraphQL itself, with no
   store, no batching and no HTTP; the difference is orgkg's cost.
4. A second baseline that pays for the data too: the store calls the server makes for each query
   (recorded once, in process) replayed straight on the store, one after the other in one thread, then
   the same bare graphql-core execution. The difference to it is what orgkg adds around its reads:
   HTTP, the GraphQL layer (strawberry, batching, the thread an operation runs in) and turning rows into objects.
Also prints the same operations executed in process (the server's code without HTTP), and CPU time; and, beside
the latency the client observes over HTTP, the server's own time for each of those requests, as the server reports
it in its `Server-Timing` header (api/http.py): `total`, from the moment the server began reading the request to
the response's body encoded, and `graphql`, the operation alone. What the client observes is that plus sending
the response, the loopback, and the client's own work (http.client parsing the response, json.loads).
Prints p50/p99 per query and over the mix. Not a test: the figures depend on the machine. No result
cache is involved anywhere: every request runs its store reads.
"""

from __future__ import annotations

import argparse
import http.client
import json
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

from orgkg.bench.serving import free_port, wait_for_health
from orgkg.graph.facts import Batch, EdgeFact, NodeFact
from orgkg.graph.sqlite import SQLiteStore

HEAD_TITLES = ["Chủ tịch", "Giám đốc", "Bí thư", "Viện trưởng", "Hiệu trưởng", "Trưởng ban"]
OTHER_TITLES = ["Ủy viên Ban Chấp hành", "Ủy viên Ban Thường vụ", "Chánh Văn phòng"]
KINDS = ["Ủy ban nhân dân", "Sở Khoa học và Công nghệ", "Hội Nông dân", "Liên hiệp các Hội Khoa học và Kỹ thuật",
         "Tỉnh Đoàn", "Hội Cựu chiến binh", "Ủy ban Mặt trận Tổ quốc", "Sở Tài chính", "Trường Đại học", "Viện"]
PROVINCES = ["Hà Tĩnh", "Nghệ An", "Bắc Kạn", "Quảng Nam", "Tuyên Quang", "Hậu Giang", "Đồng Tháp", "Quảng Ngãi",
             "Nam Định", "Hải Phòng", "Thừa Thiên Huế", "Lào Cai", "Cà Mau", "Gia Lai", "Thanh Hóa", "Bình Định"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Phan", "Vũ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô"]
MIDDLE = ["Văn", "Thị", "Hữu", "Đức", "Minh", "Quang", "Thanh", "Ngọc", "Xuân", "Tiến"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Giang", "Hà", "Hùng", "Lan", "Long", "Mai", "Nam", "Nhất", "Phong",
         "Quân", "Sơn", "Tâm", "Thảo", "Trung", "Tuấn", "Vinh"]
KINDS_OF_MEETING = ["tổng kết", "sơ kết", "đại hội", "hội thảo", "giao ban"]


# ------------------------------------------------------------------------------------- the store


def build_store(db: Path, nodes: int, seed: int = 7, batch_size: int = 5000) -> None:
    """A synthetic graph of about `nodes` nodes (see the module docstring), written article by article."""
    rng = random.Random(seed)
    n_orgs = max(20, nodes // 50)
    n_people = max(50, nodes * 3 // 10)
    n_meetings = max(20, nodes * 3 // 20)
    store = SQLiteStore(db)
    pending: list[NodeFact | EdgeFact] = []
    written = [0]

    def flush(force: bool = False) -> None:
        if len(pending) < batch_size and not (force and pending):
            return
        i = written[0]
        written[0] += 1
        art = NodeFact(f"art:bench{i:06d}", "Article", {"title": f"Bài {i}", "published": "2023-01-01"})
        store.write(Batch(art, None, [f for f in pending if isinstance(f, NodeFact)],
                          [f for f in pending if isinstance(f, EdgeFact)], f"bench-{seed}-{i}"))
        pending.clear()

    province_of_org: list[int] = []
    orgs_in: dict[int, list[int]] = {p: [] for p in range(len(PROVINCES))}
    for o in range(n_orgs):
        p = o % len(PROVINCES)
        province_of_org.append(p)
        kind = KINDS[(o // len(PROVINCES)) % len(KINDS)]
        pending.append(NodeFact(f"org:{o}", "Organization", {
            "name": f"{kind} {PROVINCES[p]} {o}", "kind": kind, "locality": PROVINCES[p]}))
        if orgs_in[p] and rng.random() < 0.6:
            pending.append(EdgeFact(f"rel:sub{o}", "SUB_ORGANIZATION_OF", f"org:{o}", f"org:{rng.choice(orgs_in[p][:20])}"))
        orgs_in[p].append(o)
        flush()
    posts_of: dict[int, list[str]] = {}
    for o in range(n_orgs):
        head = HEAD_TITLES[o % len(HEAD_TITLES)]
        titles = [head, f"Phó {head}", f"Phó {head} Thường trực", *OTHER_TITLES[: 1 + o % 2]]
        posts_of[o] = []
        for t, title in enumerate(titles):
            pid = f"post:{o}.{t}"
            posts_of[o].append(pid)
            pending.append(NodeFact(pid, "Post", {"title": title}))
            pending.append(EdgeFact(f"rel:bt{o}.{t}", "BELONGS_TO", pid, f"org:{o}"))
        flush()
    people_in: dict[int, list[int]] = {p: [] for p in range(len(PROVINCES))}
    for i in range(n_people):
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        pending.append(NodeFact(f"per:{i}", "Person", {"name": name}))
        o = rng.randrange(n_orgs)
        people_in[province_of_org[o]].append(i)
        for h in range(1 + (rng.random() < 0.4)):
            post = rng.choice(posts_of[o if h == 0 else rng.choice(orgs_in[province_of_org[o]])])
            start = rng.choice([2015, 2017, 2019, 2020, 2022])
            term = f"{start}-{start + 5}" if rng.random() < 0.7 else None
            seen = f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
            pending.append(EdgeFact(f"rel:h{i}.{h}", "HOLDS", f"per:{i}", post, {
                "term": term, "validFrom": str(start) if term else None,
                "validUntil": str(start + 5) if term else None, "firstSeen": seen, "lastSeen": seen}))
        flush()
    task_budget = max(0, nodes - n_orgs - n_people - n_meetings - sum(len(v) for v in posts_of.values()))
    tasks_per_meeting = task_budget / max(1, n_meetings)
    t = 0
    for m in range(n_meetings):
        o = rng.randrange(n_orgs)
        p = province_of_org[o]
        date = f"{rng.randint(2019, 2025)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        kind = rng.choice(KINDS_OF_MEETING)
        pending.append(NodeFact(f"mtg:{m}", "Meeting", {
            "name": f"Hội nghị {kind} {m}", "kind": kind, "date": date, "location": PROVINCES[p]}))
        pending.append(EdgeFact(f"rel:ho{m}", "HOSTS", f"org:{o}", f"mtg:{m}"))
        local = people_in[p] or [0]
        for k, person in enumerate(sorted({rng.choice(local) for _ in range(6)})):
            role = "chaired" if k == 0 else "attended"
            pending.append(EdgeFact(f"rel:tp{m}.{k}", "TAKES_PART", f"per:{person}", f"mtg:{m}", {"role": role}))
        for _ in range(int(tasks_per_meeting) + (rng.random() < tasks_per_meeting % 1)):
            pending.append(NodeFact(f"task:{t}", "Task", {"text": f"Tiếp tục triển khai nhiệm vụ {t}",
                                                          "period": date[:4]}))
            pending.append(EdgeFact(f"rel:sa{t}", "SET_AT", f"task:{t}", f"mtg:{m}"))
            pending.append(EdgeFact(f"rel:as{t}", "ASSIGNED_TO", f"task:{t}", f"org:{o}"))
            t += 1
        flush()
    flush(force=True)
    store.close()


# --------------------------------------------------------------------------------------- the mix


def analyst_mix(db: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """(name, document, variables), with arguments drawn from the store so every query finds something."""
    store = SQLiteStore(db, readonly=True)
    try:
        org = store.list_nodes("Organization", {"posts": {"some": {"holders": {"some": {}}}}}, first=1).nodes[0]
        person = store.list_nodes("Person", {"participations": {"some": {}}, "holdings": {"some": {}}},
                                  first=1).nodes[0]
        # someone the person is linked to through another meeting of the same host: a path of 4 or so
        meetings = [e.target for e in store.edges([person.id], "TAKES_PART", "out").get(person.id, [])]
        hosts = [e.source for es in store.edges(meetings, "HOSTS", "in").values() for e in es]
        others = [e.target for es in store.edges(hosts, "HOSTS", "out").values() for e in es
                  if e.target not in meetings]
        people = [e.source for es in store.edges(others, "TAKES_PART", "in").values() for e in es
                  if e.source != person.id]
        other = store.get_nodes([people[0]])[people[0]] if people else person
    finally:
        store.close()
    province = org.props.get("locality") or ""
    return [
        ("leaders on a date", """query($id: ID!, $on: Date!) { node(id: $id) { __typename ... on Organization {
            name leaders(on: $on) { leadership title term person { name } } } } }""",
         {"id": org.id, "on": "2023-06-30"}),
        ("career", """query($id: ID!) { node(id: $id) { __typename ... on Person { name positions {
            title term validFrom validUntil organization { name parent { name } }
            sources { sentence article { title published } } } } } }""", {"id": person.id}),
        ("province meetings in a year", """query($p: String!) { meetings(where: {date: {gte: "2023", lte: "2023"},
            host: {some: {locality: {eq: $p}}}}, sort: [{field: date}], first: 20) { totalCount
            pageInfo { hasNextPage endCursor } nodes { name date kind host { name }
            participants { role person { name } } } } }""", {"p": province}),
        ("colleagues", """query($id: ID!) { node(id: $id) { __typename ... on Person { name colleagues(first: 10) {
            person { name } sharedMeetings { date } sharedOrganizations { name } } } } }""", {"id": person.id}),
        ("shortest path", """query($a: ID!, $b: ID!) { shortestPath(from: $a, to: $b, maxHops: 6) { length
            nodes { __typename id } relationships { type } } }""", {"a": person.id, "b": other.id}),
        ("search", """query($t: String!) { search(text: $t, first: 10) { __typename ... on Person { name score }
            ... on Organization { name score } ... on Meeting { name score } ... on Task { text score } } }""",
         {"t": org.props["name"].split()[0] + " " + province}),
        ("people by name, folded", """query { people(where: {name: {startsWithFold: "nguyen van a"}}, first: 20) {
            totalCount nodes { name positions { title organization { name } } } } }""", {}),
        ("organization tree", """query($id: ID!) { node(id: $id) { __typename ... on Organization { name
            ancestors { name } subOrganizations { name meetingsPerYear { year count } postCount } } } }""",
         {"id": org.id}),
    ]


# ----------------------------------------------------------------------------------- measurements


def _percentiles(ms: list[float]) -> str:
    s = sorted(ms)
    p99 = s[min(len(s) - 1, int(0.99 * len(s)))]
    return f"p50 {statistics.median(s):8.2f} ms   p99 {p99:8.2f} ms"


def server_timing(header: str | None) -> dict[str, float]:
    """A Server-Timing header's metrics (name → ms)."""
    metrics = {}
    for metric in (header or "").split(","):
        name, _, duration = metric.strip().partition(";dur=")
        if duration:
            metrics[name] = float(duration)
    return metrics


def over_http(db: Path, mix: list[tuple[str, str, dict[str, Any]]], rounds: int
              ) -> tuple[dict[str, list[float]], dict[str, Any]]:
    """Client-observed latency per query (request sent to JSON answer parsed, ms), and the answers."""
    times, answers, _ = over_http_timed(db, mix, rounds)
    return times, answers


def over_http_timed(db: Path, mix: list[tuple[str, str, dict[str, Any]]], rounds: int
                    ) -> tuple[dict[str, list[float]], dict[str, Any], dict[str, dict[str, list[float]]]]:
    """Client-observed latency per query (request sent to JSON answer parsed), the answers, and more figures
    of the same requests (ms): "received", to the response's last byte read (the client's JSON parsing left
    out), and the server's own times as its Server-Timing header reports them ("total", "graphql")."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "orgkg.cli", "--db", str(db), "serve", "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    url = f"http://127.0.0.1:{port}"
    times: dict[str, list[float]] = {name: [] for name, _, _ in mix}
    reported: dict[str, dict[str, list[float]]] = {metric: {name: [] for name, _, _ in mix}
                                                   for metric in ("received", "total", "graphql")}
    answers: dict[str, Any] = {}
    try:
        why = wait_for_health(url, server, 120)
        if why is not None:
            raise SystemExit("orgkg serve did not start: " + why)
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)  # one kept-alive connection
        for r in range(rounds + 2):  # two warm-up rounds fill the document caches and SQLite's page cache
            for name, query, variables in mix:
                body = json.dumps({"query": query, "variables": variables}).encode()
                start = time.perf_counter()
                conn.request("POST", "/graphql", body=body, headers={
                    "content-type": "application/json", "accept": "application/graphql-response+json"})
                response = conn.getresponse()
                body = response.read()
                received = (time.perf_counter() - start) * 1000
                payload = json.loads(body)
                took = (time.perf_counter() - start) * 1000
                if payload.get("errors"):
                    raise SystemExit(f"{name}: {payload['errors'][0]}")
                answers[name] = payload["data"]
                if r >= 2:
                    times[name].append(took)
                    timing = server_timing(response.getheader("server-timing"))
                    reported["received"][name].append(received)
                    for metric in ("total", "graphql"):
                        reported[metric][name].append(timing[metric])
        conn.close()
    finally:
        server.terminate()
        server.wait(timeout=10)
    return times, answers, reported


def bare_graphql_core(mix: list[tuple[str, str, dict[str, Any]]], answers: dict[str, Any], rounds: int
                      ) -> dict[str, list[float]]:
    """The same documents and shapes through graphql-core alone: dict-reading resolvers, parsed once."""
    from graphql import build_schema, execute, parse, validate

    from orgkg.api.graphql import build_schema as orgkg_schema

    schema = build_schema(orgkg_schema().as_str())
    times: dict[str, list[float]] = {name: [] for name, _, _ in mix}
    for name, query, variables in mix:
        document = parse(query)
        assert not validate(schema, document)
        for r in range(rounds + 2):
            start = time.perf_counter()
            result = execute(schema, document, root_value=answers[name], variable_values=variables)
            took = (time.perf_counter() - start) * 1000
            assert not result.errors, result.errors
            if r >= 2:
                times[name].append(took)
    return times


class _Recorder:
    """A store wrapper that notes every call (name, arguments), to replay the reads of a query."""

    def __init__(self, store: Any) -> None:
        self._store = store
        self.calls: list[tuple[str, tuple, dict]] = []

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._store, name)
        if not callable(attr):
            return attr

        def record(*args: Any, **kwargs: Any) -> Any:
            self.calls.append((name, args, kwargs))
            return attr(*args, **kwargs)
        return record


def in_process(db: Path, mix: list[tuple[str, str, dict[str, Any]]], rounds: int
               ) -> tuple[dict[str, list[float]], dict[str, list[float]], dict[str, list[tuple[str, tuple, dict]]],
                          float]:
    """The server's code without HTTP (what its request handler runs: the operation, synchronously): the
    operations in the mix's order, as over HTTP; again each one repeated, in the order the baselines are timed
    (a query run again and again finds the processor's caches warm: the two orders differ by 10-25 %); each
    one's store calls; and the CPU time per operation (ms, this process's threads included)."""
    from orgkg.api.graphql import run_operation_sync

    store = SQLiteStore(db, readonly=True)
    times: dict[str, list[float]] = {name: [] for name, _, _ in mix}
    repeated: dict[str, list[float]] = {name: [] for name, _, _ in mix}
    reads: dict[str, list[tuple[str, tuple, dict]]] = {}
    try:
        for name, query, variables in mix:
            recorder = _Recorder(store)
            result = run_operation_sync(recorder, query, variables)  # type: ignore[arg-type]
            assert not result.errors, result.errors
            reads[name] = recorder.calls
        cpu = 0.0
        for r in range(rounds + 2):
            for name, query, variables in mix:
                start, started_cpu = time.perf_counter(), time.process_time()
                run_operation_sync(store, query, variables)
                if r >= 2:
                    times[name].append((time.perf_counter() - start) * 1000)
                    cpu += time.process_time() - started_cpu
        for name, query, variables in mix:
            for r in range(rounds + 2):
                start = time.perf_counter()
                run_operation_sync(store, query, variables)
                if r >= 2:
                    repeated[name].append((time.perf_counter() - start) * 1000)
    finally:
        store.close()
    return times, repeated, reads, cpu * 1000 / max(1, rounds * len(mix))


def bare_with_reads(db: Path, mix: list[tuple[str, str, dict[str, Any]]], answers: dict[str, Any],
                    reads: dict[str, list[tuple[str, tuple, dict]]], rounds: int
                    ) -> tuple[dict[str, list[float]], dict[str, list[float]], float]:
    """Baseline 2: the query's store calls replayed in order on the store, then bare graphql-core. Timed in the
    mix's order, as the server is (round after round of the whole mix), and again each query repeated (which
    finds the processor's caches warm: faster by 10-25 % on the small lookups); and the CPU time per operation
    (ms) of the mix's order."""
    from graphql import build_schema, execute, parse

    from orgkg.api.graphql import build_schema as orgkg_schema

    schema = build_schema(orgkg_schema().as_str())
    store = SQLiteStore(db, readonly=True)
    documents = {name: parse(query) for name, query, _ in mix}
    mixed: dict[str, list[float]] = {name: [] for name, _, _ in mix}
    repeated: dict[str, list[float]] = {name: [] for name, _, _ in mix}
    cpu = 0.0

    def once(name: str, variables: dict[str, Any]) -> float:
        start = time.perf_counter()
        for method, args, kwargs in reads[name]:
            getattr(store, method)(*args, **kwargs)
        result = execute(schema, documents[name], root_value=answers[name], variable_values=variables)
        took = (time.perf_counter() - start) * 1000
        assert not result.errors, result.errors
        return took

    try:
        for r in range(rounds + 2):
            for name, _, variables in mix:
                started_cpu = time.process_time()
                took = once(name, variables)
                if r >= 2:
                    mixed[name].append(took)
                    cpu += time.process_time() - started_cpu
        for name, _, variables in mix:
            for r in range(rounds + 2):
                took = once(name, variables)
                if r >= 2:
                    repeated[name].append(took)
    finally:
        store.close()
    return mixed, repeated, cpu * 1000 / max(1, rounds * len(mix))


def _p50(ms: list[float]) -> float:
    return statistics.median(ms)


def _geomean(ratios: list[float]) -> float:
    return statistics.geometric_mean(ratios)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--nodes", type=int, default=100_000, help="size of the synthetic store (default 100000)")
    parser.add_argument("--db", type=Path, default=None, help="store file (default bench/results/graphql-N.db)")
    parser.add_argument("--rounds", type=int, default=30, help="measured rounds of the mix (default 30)")
    args = parser.parse_args()
    db = args.db or Path(__file__).with_name("results") / f"graphql-{args.nodes}.db"
    if not db.exists():
        db.parent.mkdir(parents=True, exist_ok=True)
        started = time.monotonic()
        build_store(db, args.nodes)
        print(f"built {db} in {time.monotonic() - started:.0f} s")
    store = SQLiteStore(db, readonly=True)
    stats = store.stats()
    store.close()
    print(f"store: {stats['nodes']} nodes, {stats['edges']} relationships ({db})")
    mix = analyst_mix(db)
    http, answers, reported = over_http_timed(db, mix, args.rounds)
    inproc, repeated, reads, inproc_cpu = in_process(db, mix, args.rounds)
    bare = bare_graphql_core(mix, answers, args.rounds)
    bare_reads, bare_reads_repeated, reads_cpu = bare_with_reads(db, mix, answers, reads, args.rounds)
    width = max(len(name) for name, _, _ in mix)
    columns = [("over HTTP (orgkg serve), as the client observes it (request sent to JSON answer parsed)", http),
               ("the same HTTP requests, to the response's last byte read (the client's JSON parsing left out)",
                reported["received"]),
               ("the same HTTP requests, the server's own time (Server-Timing total: request read to response "
                "encoded)", reported["total"]),
               ("the same HTTP requests, their GraphQL operation (Server-Timing graphql)", reported["graphql"]),
               ("in process, no HTTP", inproc),
               ("baseline 1: bare graphql-core, answers from dicts", bare),
               ("baseline 2: the same store reads + bare graphql-core, in the mix's order (as the server is timed)",
                bare_reads),
               ("in process, each query repeated", repeated),
               ("baseline 2, each query repeated", bare_reads_repeated)]
    for title, times in columns:
        print(f"\n{title}")
        for name, _, _ in mix:
            print(f"  {name:<{width}}   {_percentiles(times[name])}")
        print(f"  {'whole mix':<{width}}   {_percentiles([t for v in times.values() for t in v])}")
    whole = {title: [t for v in times.values() for t in v] for title, times in columns}
    mixed = {key: _p50(whole[title]) for key, (title, _) in zip(
        ("http", "received", "server", "operation", "inproc", "bare", "reads", "repeated", "reads_repeated"),
        columns, strict=True)}
    print(f"\nratio of p50s over the whole mix: HTTP / baseline 1 = {mixed['http'] / mixed['bare']:.1f}x, "
          f"HTTP / baseline 2 = {mixed['http'] / mixed['reads']:.1f}x, "
          f"server's time / baseline 1 = {mixed['server'] / mixed['bare']:.1f}x, "
          f"server's time / baseline 2 = {mixed['server'] / mixed['reads']:.2f}x, "
          f"in process / baseline 2 = {mixed['inproc'] / mixed['reads']:.2f}x, "
          f"each query repeated, in process / baseline 2 = {mixed['repeated'] / mixed['reads_repeated']:.2f}x")
    print(f"whole mix p50: HTTP {mixed['http']:.3f} ms, of which the server's own time {mixed['server']:.3f} ms "
          f"(its GraphQL operation {mixed['operation']:.3f} ms); the rest, {mixed['http'] - mixed['server']:.3f} ms, "
          "is sending, the loopback and the client")
    # The whole mix's p50 falls between the fast shapes' slowest times and the slow shapes' fastest: one
    # outlier moves it. The geometric mean of the shapes' own ratios weighs every shape alike.
    print("geometric mean over the shapes of their p50 ratios: " + ", ".join(
        f"{label} {_geomean([_p50(num[n]) / _p50(den[n]) for n, _, _ in mix]):.2f}x" for label, num, den in [
            ("HTTP / baseline 1", http, bare), ("HTTP / baseline 2", http, bare_reads),
            ("server's time / baseline 1", reported["total"], bare),
            ("server's time / baseline 2", reported["total"], bare_reads),
            ("server's time / baseline 2 each query repeated", reported["total"], bare_reads_repeated),
            ("in process / baseline 2", inproc, bare_reads),
            ("each query repeated, in process / baseline 2", repeated, bare_reads_repeated)]))
    print("per query, p50 HTTP / baseline 2: " + ", ".join(
        f"{name} {_p50(http[name]) / _p50(bare_reads[name]):.1f}x" for name, _, _ in mix))
    print("per query, p50 server's time / baseline 2: " + ", ".join(
        f"{name} {_p50(reported['total'][name]) / _p50(bare_reads[name]):.2f}x" for name, _, _ in mix))
    print("per query, median of HTTP − server's time per request (sending, loopback, client), ms: " + ", ".join(
        f"{name} {_p50([h - t for h, t in zip(http[name], reported['total'][name], strict=True)]):.3f}"
        for name, _, _ in mix))
    print("per query, p50 each query repeated, in process / baseline 2: " + ", ".join(
        f"{name} {_p50(repeated[name]) / _p50(bare_reads_repeated[name]):.2f}x" for name, _, _ in mix))
    print(f"mean CPU per query (store threads included): in process {inproc_cpu:.2f} ms, "
          f"baseline 2 {reads_cpu:.2f} ms ({inproc_cpu / max(reads_cpu, 1e-9):.1f}x)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
