"""`orgkg bench`: how orgkg's cost grows with its work, beside a baseline measured in the same run.

For each size N it synthesises N articles (bench/synth.py) and measures:
- extraction articles/s beside underthesea `ner` on a sample of the same articles
  (loaders/extract/bench.py, the extractor's own benchmark);
- the end-to-end load (`orgkg load --workers W`, in a child process): articles/s, and peak resident memory
  of the whole process tree, sampled from /proc (a sum of RSS: shared pages count once per process, so
  this bounds the truth from above);
- the store's size on disk, its node and edge counts, and its integrity check;
- GraphQL latency over HTTP (`orgkg serve` in a child process) for a mix of analyst queries, beside the
  same operations executed in-process by the same schema with no HTTP in between;
- RDF export triples/s beside rdflib's serializer (bench/rdf.py, the RDF exporter's own benchmark).
Figures go to bench/results/<date>-<N>.json and .md with the machine they were taken on.
"""

from __future__ import annotations

import asyncio
import datetime as dt
import json
import os
import platform
import sqlite3
import statistics
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path
from typing import Any

from orgkg.bench.serving import free_port, wait_for_health

RESULTS = Path(__file__).with_name("results")


# ------------------------------------------------------------------------------------------ machine


def machine() -> dict[str, Any]:
    cpu = next((line.split(":", 1)[1].strip() for line in _read("/proc/cpuinfo").splitlines()
                if line.startswith("model name")), platform.processor() or platform.machine())
    mem = next((int(line.split()[1]) for line in _read("/proc/meminfo").splitlines()
                if line.startswith("MemTotal:")), 0)
    return {"cpu": cpu, "cores": os.cpu_count(), "ram_gib": round(mem / 2**20, 1),
            "python": platform.python_version(), "sqlite": sqlite3.sqlite_version,
            "os": f"{platform.system()} {platform.release()}", "load_average": list(os.getloadavg())}


def _read(path: str) -> str:
    try:
        return Path(path).read_text()
    except OSError:
        return ""


def _tree_rss_kib(pid: int) -> tuple[int, int, int]:
    """(sum of RSS over the process and its descendants, its own RSS, the largest descendant's)."""
    def rss(p: int) -> int:
        for line in _read(f"/proc/{p}/status").splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
        return 0

    def children(p: int) -> list[int]:
        out = []
        for task in Path(f"/proc/{p}/task").glob("*"):
            out += [int(c) for c in _read(str(task / "children")).split()]
        return out

    own = rss(pid)
    kids, todo = [], children(pid)
    while todo:
        c = todo.pop()
        kids.append(rss(c))
        todo += children(c)
    return own + sum(kids), own, max(kids, default=0)


def _ticks(pid: int) -> int:
    """CPU time (user + system) a process has used so far, in clock ticks."""
    fields = _read(f"/proc/{pid}/stat").rsplit(")", 1)[-1].split()
    return int(fields[11]) + int(fields[12]) if len(fields) > 12 else 0


class _Sampler(threading.Thread):
    """Peak RSS of a process tree, and the CPU time of each of its processes, sampled 4 times a second."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid, self.peak, self.own, self.child = pid, 0, 0, 0
        self.cpu: dict[int, int] = {}
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            total, own, child = _tree_rss_kib(self.pid)
            self.peak, self.own, self.child = max(self.peak, total), max(self.own, own), max(self.child, child)
            for p in [self.pid, *(int(c) for t in Path(f"/proc/{self.pid}/task").glob("*")
                                  for c in _read(str(t / "children")).split())]:
                self.cpu[p] = max(self.cpu.get(p, 0), _ticks(p))
            self.stop.wait(0.25)


def _orgkg(*args: str) -> list[str]:
    return [sys.executable, "-m", "orgkg.cli", *args]


# --------------------------------------------------------------------------------------------- steps


def synthesise(n: int, seed: int, work: Path) -> tuple[Path, dict[str, Any]]:
    from orgkg.bench.synth import write_corpus

    out = work / f"corpus-{n}-seed{seed}"
    done = out / "world.json"
    if done.exists() and json.loads(done.read_text(encoding="utf-8")).get("articles") == n:
        return out, {"reused": True}
    start = time.perf_counter()
    write_corpus(out, n, seed=seed, workers=os.cpu_count() or 1)
    secs = time.perf_counter() - start
    return out, {"seconds": round(secs, 2), "articles_per_s": round(n / secs, 1)}


def extraction(corpus: Path, sample: int) -> dict[str, Any]:
    from orgkg.loaders.extract.bench import run

    paths = sorted((corpus / "articles").iterdir())[:sample]
    result = run(paths, echo=False)
    result.pop("refused", None)
    result["sample"] = len(paths)
    return result


def load(corpus: Path, db: Path, workers: int) -> dict[str, Any]:
    for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")):
        p.unlink(missing_ok=True)
    cmd = _orgkg("--db", str(db), "load", str(corpus / "articles"), "--no-progress", "--workers", str(workers))
    import resource

    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    sampler = _Sampler(proc.pid)
    sampler.start()
    out, err = proc.communicate()
    secs = time.perf_counter() - start
    sampler.stop.set()
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    hz = os.sysconf("SC_CLK_TCK")
    writer_cpu = sampler.cpu.get(proc.pid, 0) / hz
    summary = out.strip().splitlines()[-1] if out.strip() else ""
    words = summary.replace(",", "").split()
    loaded = int(words[1]) if len(words) > 1 and words[1].isdigit() else 0
    rejected = int(words[-1]) if words and words[-1].isdigit() else None
    return {"workers": workers, "seconds": round(secs, 1), "loaded": loaded, "rejected": rejected,
            "articles_per_s": round(loaded / secs, 1) if secs else None,
            "peak_rss_mib": round(sampler.peak / 1024, 1), "peak_rss_writer_mib": round(sampler.own / 1024, 1),
            "peak_rss_worker_mib": round(sampler.child / 1024, 1), "exit": proc.returncode,
            # The machine is shared: CPU time is what the noise spares. What the load would do on this many
            # idle cores follows from it (the writer's share bounds it as well: one process writes).
            "cpu_seconds": round(cpu, 1), "cpu_ms_per_article": round(1000 * cpu / loaded, 2) if loaded else None,
            "writer_cpu_ms_per_article": round(1000 * writer_cpu / loaded, 2) if loaded else None,
            "idle_rate_estimate": round(min((os.cpu_count() or 1) * loaded / cpu, loaded / writer_cpu))
            if loaded and cpu and writer_cpu else None,
            "summary": summary, "first_errors": err.splitlines()[:3]}


def store_figures(db: Path) -> dict[str, Any]:
    from orgkg.graph.sqlite import SQLiteStore

    store = SQLiteStore(db)
    try:
        store.conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        stats = store.stats()
        start = time.perf_counter()
        integrity = store.check()
        check_s = time.perf_counter() - start
    finally:
        store.close()
    size = sum(p.stat().st_size for p in (db, Path(f"{db}-wal")) if p.exists())
    return {"bytes": size, "mib": round(size / 2**20, 1), "nodes": stats.get("nodes", 0),
            "edges": stats.get("edges", 0), "claims": stats.get("claims", 0),
            "by_type": {k: v for k, v in stats.items() if "." in k},
            "integrity_ok": integrity.ok, "integrity_problems": integrity.problems[:5],
            "integrity_check_s": round(check_s, 1)}


def resolution(corpus: Path, db: Path) -> dict[str, Any]:
    """People the gold names in two or more articles, whose name only one province's officials bear in the
    synthetic world (so they are one person), and how many Person nodes the store holds for each: 1 when
    resolution works."""
    from orgkg.graph.sqlite import SQLiteStore

    world = json.loads((corpus / "world.json").read_text(encoding="utf-8"))
    provinces: dict[str, set[str]] = {}
    for prov in world["provinces"]:
        for unit in prov["units"]:
            for post in unit["posts"]:
                for name, *_ in post["holders"]:
                    provinces.setdefault(name, set()).add(prov["name"])
    seen: dict[str, set[str]] = {}
    for path in sorted((corpus / "gold").iterdir()):
        gold = json.loads(path.read_text(encoding="utf-8"))
        for person in gold["people"]:
            if not person.get("boilerplate"):
                seen.setdefault(person["name"], set()).add(path.stem)
    recurring = sorted(n for n, arts in seen.items() if len(arts) >= 2 and len(provinces.get(n, ())) == 1)
    store = SQLiteStore(db, readonly=True)
    try:
        nodes = {name: store.count("Person", {"name": {"eq": name}}) for name in recurring[:2000]}
    finally:
        store.close()
    found = [n for n in nodes.values() if n]
    return {"gold_people": len(seen), "recurring_people": len(recurring), "checked": len(nodes),
            "found": len(found), "one_node_each": sum(1 for n in found if n == 1),
            "nodes_per_found_person": round(sum(found) / len(found), 2) if found else None}


# --------------------------------------------------------------------------------------------- GraphQL


def analyst_mix(db: Path) -> list[tuple[str, str, dict[str, Any]]]:
    """(shape, query, variables): lookups, 2-3 hop traversals, search, filtered connections and a shortest
    path, with arguments taken from the store so that every query has something to find."""
    from orgkg.graph.sqlite import SQLiteStore

    store = SQLiteStore(db, readonly=True)
    try:
        people = store.list_nodes("Person", first=200).nodes
        orgs = store.list_nodes("Organization", where={"name": {"startsWith": "Sở"}}, first=50).nodes or \
            store.list_nodes("Organization", first=50).nodes
        years = [m.props.get("date", "")[:4] for m in store.list_nodes("Meeting", first=50).nodes]
    finally:
        store.close()
    if not people or not orgs:
        return []
    a, b = people[len(people) // 3], people[2 * len(people) // 3]
    year = next((y for y in years if y), "2023")
    word = orgs[0].props["name"].split()[-1]
    return [
        ("lookup", "query($n: String!) { people(where: {name: {eq: $n}}) { nodes { name honorifics "
                   "positions { title term organization { name } } } } }", {"n": a.props["name"]}),
        ("node", "query($id: ID!) { node(id: $id) { ... on Person { name } } }", {"id": b.id}),
        ("2-hop", "query($id: ID!) { node(id: $id) { ... on Person { name participations { role "
                  "meeting { name date host { name } } } } } }", {"id": a.id}),
        ("3-hop", "query($n: String!) { organizations(where: {name: {eq: $n}}, first: 1) { nodes { name "
                  "meetings { name date participants { role person { name positions { title "
                  "organization { name } } } } } } } }", {"n": orgs[0].props["name"]}),
        ("search", "query($t: String!) { search(text: $t, first: 10) { __typename ... on Person { name } "
                   "... on Organization { name } } }", {"t": word}),
        ("filtered", "query($y: Date!) { meetings(where: {date: {gte: $y, lte: $y}}, first: 20) { totalCount "
                     "pageInfo { hasNextPage endCursor } nodes { name date kind host { name } } } }", {"y": year}),
        ("path", "query($a: ID!, $b: ID!) { shortestPath(from: $a, to: $b, maxHops: 6) { length "
                 "nodes { id } } }", {"a": a.id, "b": b.id}),
    ]


def _percentiles(ms: list[float]) -> dict[str, float]:
    if not ms:
        return {}
    s = sorted(ms)
    return {"p50_ms": round(statistics.median(s), 2), "p99_ms": round(s[min(len(s) - 1, int(0.99 * len(s)))], 2),
            "mean_ms": round(statistics.fmean(s), 2), "n": len(s)}


def _own_graphql(db: Path, rounds: int) -> dict[str, Any]:
    mix = analyst_mix(db)
    if not mix:
        return {"skipped": "the store holds no people or organizations"}
    # in-process: the same schema executing the same operations, no HTTP
    from orgkg.api.graphql import build_schema, make_context
    from orgkg.graph.sqlite import SQLiteStore

    store = SQLiteStore(db, readonly=True)
    schema = build_schema()
    inproc: dict[str, list[float]] = {shape: [] for shape, _, _ in mix}
    errors: list[str] = []

    async def once(q: str, v: dict[str, Any]) -> float:
        start = time.perf_counter()
        result = await schema.execute(q, variable_values=v, context_value=make_context(store))
        took = (time.perf_counter() - start) * 1000
        if result.errors:
            errors.append(str(result.errors[0])[:200])
        return took

    async def all_inproc() -> None:
        for r in range(rounds + 2):
            for shape, q, v in mix:
                took = await once(q, v)
                if r >= 2:  # two warm-up rounds
                    inproc[shape].append(took)

    asyncio.run(all_inproc())
    store.close()

    port = free_port()
    server = subprocess.Popen(_orgkg("--db", str(db), "serve", "--host", "127.0.0.1", "--port", str(port)),
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    http: dict[str, list[float]] = {shape: [] for shape, _, _ in mix}
    try:
        url = f"http://127.0.0.1:{port}"
        why = wait_for_health(url, server, 60)
        if why is not None:
            return {"skipped": "orgkg serve did not start: " + why[:300]}
        for r in range(rounds + 2):
            for shape, q, v in mix:
                body = json.dumps({"query": q, "variables": v}).encode()
                req = urllib.request.Request(f"{url}/graphql", data=body, method="POST",
                                             headers={"Content-Type": "application/json",
                                                      "Accept": "application/json"})
                start = time.perf_counter()
                payload = json.loads(urllib.request.urlopen(req, timeout=60).read())
                took = (time.perf_counter() - start) * 1000
                if payload.get("errors"):
                    errors.append(str(payload["errors"][0])[:200])
                if r >= 2:
                    http[shape].append(took)
    finally:
        server.terminate()
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
    out = _summary(http, inproc, "the same schema executing the same operations in process, no HTTP",
                   "bench/harness.py")
    out["errors"] = sorted(set(errors))[:5]
    return out


def _summary(http: dict[str, list[float]], base: dict[str, list[float]], kind: str, source: str) -> dict[str, Any]:
    out: dict[str, Any] = {
        "source": source, "baseline_kind": kind,
        "http": _percentiles([x for v in http.values() for x in v]),
        "baseline": _percentiles([x for v in base.values() for x in v]),
        "per_shape": {s: {"http": _percentiles(http[s]), "baseline": _percentiles(base.get(s, []))} for s in http},
    }
    if out["http"] and out["baseline"]:
        out["http_over_baseline_p50"] = round(out["http"]["p50_ms"] / max(out["baseline"]["p50_ms"], 1e-6), 1)
    return out


def graphql(db: Path, rounds: int) -> dict[str, Any]:
    """The GraphQL engineer's benchmark (bench/api_latency.py: analyst mix over HTTP beside bare graphql-core
    producing the same result shapes) when it runs on this store; else this module's own mix, beside the
    same schema executing in process."""
    try:
        import importlib

        gb = importlib.import_module("orgkg.bench.api_latency")

        mix = gb.analyst_mix(db)
        http, answers, reported = gb.over_http_timed(db, mix, rounds)
        bare = gb.bare_graphql_core(mix, answers, rounds)
        out = _summary(http, bare, "bare graphql-core: the same documents over the same SDL, resolvers reading "
                                   "the server's answers from dicts (no store, no HTTP)", "bench/api_latency.py")
        # the fair peer too: the same store reads replayed, then the same bare execution
        _, _, reads, _ = gb.in_process(db, mix, 1)
        with_reads, _, _ = gb.bare_with_reads(db, mix, answers, reads, rounds)
        out["baseline2_kind"] = ("the same store reads replayed, then the same bare graphql-core execution, in "
                                 "the mix's order")
        out["baseline2"] = _percentiles([x for v in with_reads.values() for x in v])
        # the server's own time (its Server-Timing header: request read to response encoded), which issue 8's
        # goal compares with baseline 2
        out["server"] = _percentiles([x for v in reported["total"].values() for x in v])
        for shape in out["per_shape"]:
            out["per_shape"][shape]["baseline2"] = _percentiles(with_reads.get(shape, []))
            out["per_shape"][shape]["server"] = _percentiles(reported["total"].get(shape, []))
        if out["http"] and out["baseline2"]:
            out["http_over_baseline2_p50"] = round(out["http"]["p50_ms"] / max(out["baseline2"]["p50_ms"], 1e-6), 1)
            out["server_over_baseline2_p50"] = round(
                out["server"]["p50_ms"] / max(out["baseline2"]["p50_ms"], 1e-6), 2)
        return out
    except (Exception, SystemExit) as exc:  # absent, or not fitting this store: measure our own way
        out = _own_graphql(db, rounds)
        out["note"] = f"bench/api_latency.py not used ({type(exc).__name__}: {str(exc)[:120]})"
        return out


# ------------------------------------------------------------------------------------------------- RDF


def _export(store: Any, mapping: Any, fmt: str, limit: int) -> tuple[int, float, float]:
    """(statements, seconds, growth of peak RSS in MiB) of a streaming export, every chunk dropped as
    written, stopped after `limit` statements."""
    import resource

    from orgkg.graph.rdf import Describer
    from orgkg.graph.rdf_formats import Counter, write

    counter = Counter()
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    start = time.perf_counter()
    for _chunk in write(Describer(store, mapping).graph(), fmt, mapping, counter):
        if counter.statements >= limit:  # a file or a socket would take each chunk here
            break
    secs = time.perf_counter() - start
    grown = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - before
    return counter.statements, secs, grown / 1024


def rdf(db: Path, sample: int, limit: int = 2_000_000) -> dict[str, Any]:
    """orgkg's streaming Turtle and N-Triples export of the store (its first `limit` statements), beside
    rdflib serialising a sample of the same triples (parsed into its Graph beforehand, untimed)."""
    try:
        from orgkg.graph.rdf import Describer, Mapping
        from orgkg.graph.rdf_formats import write
    except ImportError as exc:
        return {"skipped": f"the RDF export is not available ({exc})"}
    import rdflib

    from orgkg.graph.sqlite import SQLiteStore

    store = SQLiteStore(db, readonly=True)
    mapping = Mapping()
    out: dict[str, Any] = {}
    try:
        for fmt in ("nt", "turtle"):
            n, secs, grown = _export(store, mapping, fmt, limit)
            out[fmt] = {"triples": n, "seconds": round(secs, 2), "triples_per_s": round(n / secs) if secs else None,
                        "peak_rss_growth_mib": round(grown, 1), "stopped_at_limit": n >= limit}
        chunks, lines = [], 0
        for chunk in write(Describer(store, mapping).graph(), "nt", mapping):
            chunks.append(chunk)
            lines += chunk.count("\n")
            if lines >= sample:
                break
    finally:
        store.close()
    graph = rdflib.Graph()
    graph.parse(data="".join(chunks), format="nt")
    for p, ns in mapping.namespaces().items():
        graph.bind(p, ns)
    for fmt in ("nt", "turtle"):
        start = time.perf_counter()
        graph.serialize(format=fmt)
        secs = time.perf_counter() - start
        rate = len(graph) / secs if secs else None
        out[f"rdflib_{fmt}"] = {"triples": len(graph), "seconds": round(secs, 2),
                                "triples_per_s": round(rate) if rate else None}
        if rate and out[fmt]["triples_per_s"]:
            out[f"{fmt}_ratio"] = round(out[fmt]["triples_per_s"] / rate, 1)
    return out


# --------------------------------------------------------------------------------------------- report


GOALS = {
    "load_100k_within_10_min": "100k articles loaded end to end in ≤ 10 min (≥ 166.7 articles/s)",
    "load_peak_rss_within_2_gib": "peak RSS of the load ≤ 2 GiB",
    "extraction_30x_ner": "extraction ≥ 30× underthesea ner",
    "graphql_p50_10ms": "GraphQL p50 ≤ 10 ms over HTTP",
    "graphql_p99_50ms": "GraphQL p99 ≤ 50 ms over HTTP",
    "graphql_server_1_5x_bare": "the GraphQL server's own time ≤ 1.5× baseline 2 (same reads, bare graphql-core), p50",
    "rdf_turtle_25x_rdflib": "RDF Turtle export ≥ 25× rdflib",
}


def goals(r: dict[str, Any]) -> dict[str, bool | None]:
    load_r, ex, gq, rd = r.get("load", {}), r.get("extraction", {}), r.get("graphql", {}), r.get("rdf", {})
    rate = load_r.get("articles_per_s")
    return {
        "load_100k_within_10_min": (rate * 600 >= 100_000) if rate else None,
        "load_peak_rss_within_2_gib": (load_r["peak_rss_mib"] <= 2048) if load_r.get("peak_rss_mib") else None,
        "extraction_30x_ner": (ex["ratio"] >= 30) if ex.get("ratio") else None,
        "graphql_p50_10ms": (gq["http"]["p50_ms"] <= 10) if gq.get("http") else None,
        "graphql_p99_50ms": (gq["http"]["p99_ms"] <= 50) if gq.get("http") else None,
        "graphql_server_1_5x_bare": (gq["server_over_baseline2_p50"] <= 1.5) if gq.get("server_over_baseline2_p50")
        else None,
        "rdf_turtle_25x_rdflib": (rd["turtle_ratio"] >= 25) if rd.get("turtle_ratio") else None,
    }


def markdown(r: dict[str, Any]) -> str:
    m, ex, ld, st, gq, rd = (r.get(k, {}) for k in ("machine", "extraction", "load", "store", "graphql", "rdf"))
    res = r.get("resolution", {})
    lines = [
        f"# orgkg bench: {r['size']:,} articles ({r['date']})", "",
        f"Machine: {m.get('cpu')}, {m.get('cores')} cores, {m.get('ram_gib')} GiB RAM, Python {m.get('python')}, "
        f"SQLite {m.get('sqlite')}, {m.get('os')}; load average at start "
        f"{', '.join(f'{x:.1f}' for x in m.get('load_average', []))} (shared machine).", "",
        "| measure | orgkg | baseline (same run) | ratio |", "|---|---|---|---|",
    ]
    if ex.get("ours_per_s"):
        lines.append(f"| extraction, articles/s ({ex['sample']} articles) | {ex['ours_per_s']:.1f} | "
                     f"underthesea ner {ex['ner_per_s']:.2f} | {ex['ratio']:.1f}× |")
    if ld:
        lines.append(f"| load end to end, articles/s ({ld['workers']} workers) | {ld['articles_per_s']} | | |")
        lines.append(f"| load wall time | {ld['seconds']:.0f} s | | |")
        if ld.get("cpu_ms_per_article"):
            lines.append(f"| load CPU per article, all processes (writer alone) | {ld['cpu_ms_per_article']} ms "
                         f"({ld.get('writer_cpu_ms_per_article', 'not sampled')}) | | |")
            lines.append(f"| load rate on {m.get('cores')} idle cores, from CPU time | ~{ld['idle_rate_estimate']} "
                         f"articles/s | | |")
        lines.append(f"| load peak RSS, process tree (writer / largest worker) | {ld['peak_rss_mib']:.0f} MiB "
                     f"({ld['peak_rss_writer_mib']:.0f} / {ld['peak_rss_worker_mib']:.0f}) | | |")
    if st:
        lines.append(f"| store on disk | {st['mib']} MiB ({st['nodes']:,} nodes, {st['edges']:,} edges) | | |")
        lines.append(f"| integrity check | {'ok' if st['integrity_ok'] else 'FAILED'} "
                     f"({st['integrity_check_s']} s) | | |")
    if res.get("checked"):
        lines.append(f"| recurring people resolved to one node | {res['one_node_each']}/{res['checked']} "
                     f"(found {res['found']}) | | |")
    if gq.get("http"):
        lines.append(f"| GraphQL analyst mix p50 / p99, ms ({gq['source']}) | {gq['http']['p50_ms']} / "
                     f"{gq['http']['p99_ms']} (HTTP) | {gq['baseline']['p50_ms']} / {gq['baseline']['p99_ms']} "
                     f"({gq['baseline_kind']}) | {gq.get('http_over_baseline_p50')}× |")
        if gq.get("baseline2"):
            lines.append(f"| GraphQL analyst mix p50 / p99, ms, beside baseline 2 | {gq['http']['p50_ms']} / "
                         f"{gq['http']['p99_ms']} (HTTP) | {gq['baseline2']['p50_ms']} / {gq['baseline2']['p99_ms']} "
                         f"({gq['baseline2_kind']}) | {gq.get('http_over_baseline2_p50')}× |")
            lines.append(f"| GraphQL server's own time p50 / p99, ms (Server-Timing), beside baseline 2 | "
                         f"{gq['server']['p50_ms']} / {gq['server']['p99_ms']} | {gq['baseline2']['p50_ms']} / "
                         f"{gq['baseline2']['p99_ms']} | {gq.get('server_over_baseline2_p50')}× |")
    for fmt in ("nt", "turtle"):
        if rd.get(fmt) and rd.get(f"rdflib_{fmt}"):
            lines.append(f"| RDF {fmt} export, triples/s | {rd[fmt]['triples_per_s']:,} | rdflib "
                         f"{rd[f'rdflib_{fmt}']['triples_per_s']:,} | {rd.get(f'{fmt}_ratio')}× |")
    if gq.get("per_shape"):
        lines += ["", "GraphQL per query shape (ms, p50 / p99):", "",
                  "| shape | HTTP | server's own time | baseline | baseline 2 |", "|---|---|---|---|---|"]
        for shape, v in gq["per_shape"].items():
            b2, sv = v.get("baseline2", {}), v.get("server", {})
            lines.append(f"| {shape} | {v['http'].get('p50_ms')} / {v['http'].get('p99_ms')} | "
                         f"{sv.get('p50_ms', '')} / {sv.get('p99_ms', '')} | "
                         f"{v['baseline'].get('p50_ms')} / {v['baseline'].get('p99_ms')} | "
                         f"{b2.get('p50_ms', '')} / {b2.get('p99_ms', '')} |")
    lines += ["", "Goals (issue 8; a size below 100k only indicates the rate):", ""]
    for key, met in r.get("goals", {}).items():
        lines.append(f"- {GOALS[key]}: {'met' if met else 'not met' if met is False else 'not measured'}")
    return "\n".join(lines) + "\n"


PARTS = frozenset({"extraction", "load", "graphql", "rdf"})


def run_size(n: int, seed: int, work: Path, results: Path, workers: int, rounds: int,
             ner_sample: int, rdf_sample: int, rdf_limit: int = 2_000_000, echo=print,
             parts: frozenset[str] = PARTS) -> dict[str, Any]:
    """Every part of the benchmark at one size (or only `parts`: their results then go to a file of their own,
    <date>-<size>-<parts>, so that a partial run never overwrites a whole one)."""
    r: dict[str, Any] = {"size": n, "seed": seed, "date": dt.date.today().isoformat(), "machine": machine(),
                         "parts": sorted(parts)}
    work.mkdir(parents=True, exist_ok=True)
    echo(f"[{n}] synthesising {n} articles (seed {seed})")
    corpus, r["synth"] = synthesise(n, seed, work)
    if "extraction" in parts:
        echo(f"[{n}] extraction beside underthesea ner on {min(n, ner_sample)} articles")
        r["extraction"] = extraction(corpus, min(n, ner_sample))
        echo(f"[{n}]   {r['extraction'].get('ours_per_s')} vs {r['extraction'].get('ner_per_s')} articles/s: "
             f"{r['extraction'].get('ratio')}x")
    db = work / f"store-{n}.db"
    if "load" in parts:
        echo(f"[{n}] loading end to end with {workers} workers")
        r["load"] = load(corpus, db, workers)
        echo(f"[{n}]   {r['load']['summary']} in {r['load']['seconds']}s = {r['load']['articles_per_s']} "
             f"articles/s, peak RSS {r['load']['peak_rss_mib']} MiB, CPU {r['load']['cpu_ms_per_article']} "
             f"ms/article (writer {r['load']['writer_cpu_ms_per_article']})")
        r["store"] = store_figures(db)
        echo(f"[{n}]   store {r['store']['mib']} MiB, {r['store']['nodes']} nodes, {r['store']['edges']} edges, "
             f"integrity {'ok' if r['store']['integrity_ok'] else 'FAILED'}")
        r["resolution"] = resolution(corpus, db)
    if "graphql" in parts:
        echo(f"[{n}] GraphQL analyst mix, {rounds} rounds")
        r["graphql"] = graphql(db, rounds)
        if r["graphql"].get("http"):
            echo(f"[{n}]   HTTP p50 {r['graphql']['http']['p50_ms']} ms p99 {r['graphql']['http']['p99_ms']} ms; "
                 f"baseline p50 {r['graphql']['baseline']['p50_ms']} ms ({r['graphql']['source']})")
    if "rdf" in parts:
        echo(f"[{n}] RDF export beside rdflib")
        r["rdf"] = rdf(db, rdf_sample, rdf_limit)
        if r["rdf"].get("turtle"):
            echo(f"[{n}]   turtle {r['rdf']['turtle']['triples_per_s']} triples/s, "
                 f"{r['rdf'].get('turtle_ratio')}x rdflib")
    r["machine"]["load_average_end"] = list(os.getloadavg())
    r["goals"] = goals(r)
    results.mkdir(parents=True, exist_ok=True)
    stem = results / (f"{r['date']}-{n}" if parts == PARTS else f"{r['date']}-{n}-{'-'.join(sorted(parts))}")
    stem.with_suffix(".json").write_text(json.dumps(r, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    stem.with_suffix(".md").write_text(markdown(r), encoding="utf-8")
    echo(f"[{n}] wrote {stem}.json and {stem}.md")
    return r
