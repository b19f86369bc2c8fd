"""RDF export throughput: orgkg's export end to end from the store, beside rdflib's Graph.serialize of the same triples.

    .venv/bin/python bench/rdf.py [--articles N] [--db PATH] [--sample N]

Builds (or reuses) a synthetic store of N articles (an existing --db with at least N articles is opened
read-only and left alone: e.g. `--db copy-of-store-100000.db --articles 0`); then, in this process:
1. orgkg's N-Triples and Turtle export of the whole store, end to end, each chunk of text dropped as a
   file or socket would take it: as `orgkg export` runs it (SQLite writes the text: graph/rdf_sql.py),
   and by the Python path it replaced (Store.scan, Describer, rdf_formats.write), with that path's
   scan alone, the floor under its mapping and writers;
2. rdflib: a sample of the same triples (every k-th subject's, spread over the whole export), parsed
   into an rdflib Graph beforehand (untimed: rdflib gets the triples in memory), then Graph.serialize
   to Turtle and N-Triples (timed); orgkg's writers alone on the same sample;
3. memory: the peak of Python's traced memory as a whole Turtle export goes (tracemalloc), with the
   process's private RSS (which counts SQLite's own memory too), and the peak RSS after the exports.
Rates are triples per CPU second (the machine is shared: CPU time is what others' load spares), wall
time beside; the ratios compare rates measured in this run.
"""

from __future__ import annotations

import argparse
import gc
import os
import resource
import sys
import time
import tracemalloc
from pathlib import Path

from orgkg.graph import rdf_sql
from orgkg.graph.facts import Batch, EdgeFact, NodeFact
from orgkg.graph.ids import make_id
from orgkg.graph.rdf import Block, Describer, Mapping
from orgkg.graph.rdf_formats import FORMATS, Counter, write
from orgkg.graph.sqlite import SQLiteStore

PROVINCES = ["Hà Tĩnh", "Nghệ An", "Quảng Nam", "Bắc Kạn", "Tuyên Quang", "Hậu Giang", "Đồng Tháp", "Nam Định"]
TITLES = ["Chủ tịch", "Phó Chủ tịch", "Bí thư", "Phó Bí thư", "Giám đốc", "Phó Giám đốc", "Ủy viên"]
ROLES = ["attended", "chaired", "spoke", "reported"]


def synthetic_batch(i: int) -> Batch:
    """One article's facts: 3 organizations, 6 people with posts, a meeting, roles and 4 tasks."""
    prov = PROVINCES[i % len(PROVINCES)]
    art = NodeFact(f"art:bench{i:07d}", "Article", {
        "title": f"Hội nghị tổng kết công tác năm {2015 + i % 10} số {i}", "url": f"https://example.vn/bai/{i}",
        "published": f"{2016 + i % 9}-{1 + i % 12:02d}-{1 + i % 28:02d}", "site": "Báo mẫu"})
    nodes, edges = [], []

    def edge(rel: str, src: str, dst: str, props: dict | None = None) -> None:
        edges.append(EdgeFact(make_id("rel", rel, src, dst, *(props or {}).values()), rel, src, dst, props or {}))

    parent = make_id("org", "ubnd", prov)
    nodes.append(NodeFact(parent, "Organization", {"name": f"Ủy ban nhân dân tỉnh {prov}", "kind": "ủy ban"}))
    orgs = []
    for k in range(2):
        oid = make_id("org", i, k)
        orgs.append(oid)
        nodes.append(NodeFact(oid, "Organization", {
            "name": f"Hội số {i}-{k} tỉnh {prov}", "aliases": [f"Hội {i}-{k}"], "kind": "hội", "locality": prov}))
        edge("SUB_ORGANIZATION_OF", oid, parent)
    mtg = make_id("mtg", i)
    nodes.append(NodeFact(mtg, "Meeting", {"name": f"Hội nghị tổng kết năm {2015 + i % 10}", "kind": "tổng kết",
                                           "date": art.props["published"], "location": f"thành phố {prov}"}))
    edge("HOSTS", orgs[0], mtg)
    for k in range(6):
        pid = make_id("per", i, k)
        nodes.append(NodeFact(pid, "Person", {"name": f"Nguyễn Văn {i}-{k}", "honorifics": ["đồng chí"]}))
        title = TITLES[(i + k) % len(TITLES)]
        post = make_id("post", title, orgs[k % 2])
        nodes.append(NodeFact(post, "Post", {"title": title}))
        edge("BELONGS_TO", post, orgs[k % 2])
        edge("HOLDS", pid, post, {"term": "2020-2025", "validFrom": "2020", "validUntil": "2025"})
        edge("TAKES_PART", pid, mtg, {"role": ROLES[k % len(ROLES)]})
    for k in range(4):
        tid = make_id("task", i, k)
        nodes.append(NodeFact(tid, "Task", {"text": f"Tiếp tục đẩy mạnh nhiệm vụ số {k} của năm", "period": "2024"}))
        edge("ASSIGNED_TO", tid, orgs[k % 2])
        edge("SET_AT", tid, mtg)
    return Batch(art, None, nodes, edges, f"bench-{i}")


def build(path: Path, articles: int) -> SQLiteStore:
    """The store at `path` with at least `articles` articles: opened read-only if it has them already."""
    if path.exists():
        store = SQLiteStore(path, readonly=True)
        if store.stats().get("nodes.Article", 0) >= articles:
            return store
        store.close()
    store = SQLiteStore(path)
    have = store.stats().get("nodes.Article", 0)
    for i in range(have, articles):
        store.write(synthetic_batch(i))
    return store


def timed(run) -> tuple[int, float, float]:
    """(statements, wall seconds, CPU seconds) of `run()`; CPU time is what a shared machine's noise spares."""
    wall, cpu = time.perf_counter(), time.process_time()
    n = run()
    # at least a microsecond: a tiny store's run can take less than the clock's resolution
    return n, max(time.perf_counter() - wall, 1e-6), max(time.process_time() - cpu, 1e-6)


def export_run(store: SQLiteStore, mapping: Mapping, fmt: str, python: bool = False):
    """The whole store as `fmt`, as `orgkg export` writes it (by SQLite), or by Describer (`python`)."""
    def run() -> int:
        counter = Counter()
        chunks = write(Describer(store, mapping, graphs=FORMATS[fmt][2]).graph(), fmt, mapping, counter) \
            if python else rdf_sql.export(store, mapping, fmt, counter)
        for _ in chunks:
            pass  # written and dropped: a file or a socket would take it here
        return counter.statements
    return run


def scan_run(store: SQLiteStore, mapping: Mapping):
    """The store's scan alone, as the triple formats' export asks for it: rows read and decoded, no RDF."""
    def run() -> int:
        rows = 0
        for chunk in store.scan(Describer(store, mapping).stated_by, 1000, ("HOLDS", "ELECTED", "TAKES_PART")):
            rows += len(chunk.nodes) + len(chunk.edges)
        return rows
    return run


def sample_blocks(store: SQLiteStore, mapping: Mapping, total: int, sample: int) -> tuple[list[Block], int]:
    """Every k-th subject's triples over the whole export (about `sample` triples), so the sample has
    the whole graph's mix of types rather than the first ids' (all articles)."""
    share = min(1.0, sample / max(total, 1))
    blocks, kept, seen = [], 0, 0
    for b in Describer(store, mapping, graphs=False).graph():
        size = sum(1 for _ in b.triples())
        seen += size
        if kept < seen * share:  # keep pace with the share: subjects spread evenly over the export
            blocks.append(b)
            kept += size
    return blocks, kept


def anon_rss() -> float | None:
    """This process's private resident memory in MiB (Linux): RSS without file-backed pages, i.e.
    without the store's memory-mapped file, which the OS counts in RSS but can drop at will."""
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("RssAnon:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return None


def memory_profile(store: SQLiteStore, mapping: Mapping) -> list[tuple[int, float, float | None]]:
    """The peak of traced memory within each stretch of a Turtle export (chunks 16-31, 32-63, ...: the
    peak is reset at each mark, so a later stretch shows only its own), and private RSS at each mark
    (tracemalloc's own bookkeeping included): flat if the export streams."""
    counter = Counter()
    marks = []
    tracemalloc.start()
    for i, _chunk in enumerate(rdf_sql.export(store, mapping, "turtle", counter)):
        if i & (i - 1) == 0 and i >= 16:  # chunks 16, 32, 64, ...: as many marks as doublings of the graph
            marks.append((i, tracemalloc.get_traced_memory()[1] / 2**20, anon_rss()))
            tracemalloc.reset_peak()
    marks.append((-1, tracemalloc.get_traced_memory()[1] / 2**20, anon_rss()))
    tracemalloc.stop()
    return marks


def rate(n: int, secs: float) -> str:
    return f"{n / secs:>10,.0f}/s" if secs else "         -"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5_000)
    parser.add_argument("--db", default="data/bench-rdf.db")
    parser.add_argument("--sample", type=int, default=150_000,
                        help="triples given to rdflib (it holds them all in memory) and to orgkg's writers")
    parser.add_argument("--no-memory", action="store_true", help="skip the traced-memory pass (the slowest)")
    args = parser.parse_args(argv)
    mapping = Mapping()
    t0 = time.perf_counter()
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    store = build(Path(args.db), args.articles)
    stats = store.stats()
    print(f"store {args.db}: {stats['nodes.Article']:,d} articles, {stats['nodes']:,d} nodes, {stats['edges']:,d} "
          f"edges, {stats['claims']:,d} claims (built or reused in {time.perf_counter() - t0:.0f}s); "
          f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())}, {os.cpu_count()} CPUs")

    from orgkg.graph import rdf_sql
    print(f"\n1. end to end: store -> text (orgkg export: SQLite {rdf_sql.sqlite3.sqlite_version} writes the text)")
    e2e: dict[str, float] = {}
    old: dict[str, float] = {}
    total = 0
    for fmt in ("nt", "turtle"):
        n, wall, cpu = timed(export_run(store, mapping, fmt))
        e2e[fmt], total = n / cpu, n
        print(f"   orgkg  {fmt:7s} {n:>10,d} triples  wall {wall:6.2f}s {rate(n, wall)}  cpu {cpu:6.2f}s {rate(n, cpu)}")
    print("   the Python path it replaced (Store.scan -> Describer -> rdf_formats.write):")
    for fmt in ("nt", "turtle"):
        n, wall, cpu = timed(export_run(store, mapping, fmt, python=True))
        old[fmt] = n / cpu
        print(f"   python {fmt:7s} {n:>10,d} triples  wall {wall:6.2f}s {rate(n, wall)}  cpu {cpu:6.2f}s {rate(n, cpu)}")
    rows, wall, cpu = timed(scan_run(store, mapping))
    print(f"   the Python path's scan alone: {rows:,d} rows, cpu {cpu:.2f}s = {total / cpu:,.0f} triples/s "
          f"(its ceiling)")
    scan_rate = total / cpu
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    anon = anon_rss()
    print(f"   peak RSS of this process so far: {rss:,.0f} MiB (counting the store's memory-mapped file: the "
          f"export maps all of it, the store's connection up to 2 GiB); private (anonymous) RSS now: {anon:,.0f} MiB" if anon is not None else
          f"   peak RSS of this process so far: {rss:,.0f} MiB")

    print(f"\n2. rdflib Graph.serialize on a {args.sample:,d}-triple sample of the same export (every k-th subject)")
    blocks, n = sample_blocks(store, mapping, total, args.sample)
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data="".join(write(blocks, "nt", mapping)), format="nt")
    for prefix, ns in mapping.namespaces().items():
        graph.bind(prefix, ns)
    print(f"   ({n:,d} triples from {len(blocks):,d} subjects, {len(graph):,d} distinct in rdflib's Graph)")
    theirs: dict[str, float] = {}
    for fmt in ("nt", "turtle"):
        n_rdflib, wall, cpu = timed(lambda fmt=fmt: (graph.serialize(format=fmt), len(graph))[1])
        theirs[fmt] = n_rdflib / cpu
        print(f"   rdflib {fmt:7s} {n_rdflib:>10,d} triples  wall {wall:6.2f}s {rate(n_rdflib, wall)}  "
              f"cpu {cpu:6.2f}s {rate(n_rdflib, cpu)}")
    for fmt in ("nt", "turtle"):
        def run(fmt: str = fmt) -> int:
            counter = Counter()
            for _ in write(blocks, fmt, mapping, counter):
                pass
            return counter.statements
        n_ours, wall, cpu = timed(run)
        print(f"   orgkg writer alone {fmt:7s} {n_ours:>10,d} triples  cpu {cpu:6.2f}s {rate(n_ours, cpu)}  "
              f"= {n_ours / cpu / theirs[fmt]:5.1f}x rdflib's {fmt}")

    print("\n   ratios (triples per CPU second, this run):")
    print(f"   orgkg Turtle export end to end    vs rdflib Turtle serialize:    {e2e['turtle'] / theirs['turtle']:5.1f}x")
    print(f"   orgkg N-Triples export end to end vs rdflib N-Triples serialize: {e2e['nt'] / theirs['nt']:5.1f}x")
    print(f"   orgkg N-Triples export end to end vs rdflib Turtle serialize:    {e2e['nt'] / theirs['turtle']:5.1f}x")
    print(f"   Python path: Turtle end to end    vs rdflib Turtle serialize:    {old['turtle'] / theirs['turtle']:5.1f}x")
    print(f"   Python path: N-Triples end to end vs rdflib Turtle serialize:    {old['nt'] / theirs['turtle']:5.1f}x")
    print(f"   Python path's scan alone          vs rdflib Turtle serialize:    {scan_rate / theirs['turtle']:5.1f}x")

    blocks.clear()  # rdflib and its sample out of the way of the memory figures
    graph.remove((None, None, None))
    gc.collect()
    if not args.no_memory:
        print("\n3. memory during a Turtle export of the whole store: peak traced Python memory in each stretch "
              "up to the chunk named (private RSS there)")
        marks = memory_profile(store, mapping)
        print("   " + ", ".join(f"{f'after chunk {i:,d}' if i >= 0 else 'end'}: {mb:.1f} MiB"
                                + (f" ({anon:,.0f})" if anon is not None else "") for i, mb, anon in marks))
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
