"""RDF export throughput: orgkg's streaming writers beside rdflib's Graph.serialize of the same triples.

    .venv/bin/python bench/rdf.py [--articles N] [--db PATH]

Builds (or reuses) a synthetic store of N articles, each with organizations, people holding posts, a
meeting with participants and tasks; then times, in this process:
- orgkg's Turtle and N-Triples export, end to end from the store (reads included);
- rdflib: the same triples parsed into a Graph beforehand (not timed), then Graph.serialize to
  Turtle and N-Triples (timed);
and prints triples/s, the ratio, and peak memory (tracemalloc) of the streaming export.
"""

from __future__ import annotations

import argparse
import sys
import time
import tracemalloc
from pathlib import Path

from orgkg.graph.facts import Batch, EdgeFact, NodeFact
from orgkg.graph.ids import make_id
from orgkg.graph.rdf import Describer, Mapping
from orgkg.graph.rdf_formats import Counter, write
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
    store = SQLiteStore(path)
    have = store.stats().get("nodes.Article", 0)
    for i in range(have, articles):
        store.write(synthetic_batch(i))
    return store


def timed(run) -> tuple[int, float, float]:
    """(statements, wall seconds, CPU seconds) of `run()`; CPU time is what a shared machine's noise spares."""
    wall, cpu = time.perf_counter(), time.process_time()
    n = run()
    return n, time.perf_counter() - wall, time.process_time() - cpu


def drain(chunks) -> None:
    for _ in chunks:  # written and dropped: a file or a socket would take it here
        pass


def export_run(store: SQLiteStore, mapping: Mapping, fmt: str):
    def run() -> int:
        counter = Counter()
        drain(write(Describer(store, mapping).graph(), fmt, mapping, counter))
        return counter.statements
    return run


def memory_profile(store: SQLiteStore, mapping: Mapping) -> list[tuple[int, float]]:
    """Peak traced memory of a Turtle export, sampled as it goes: flat if the export streams."""
    counter = Counter()
    marks = []
    tracemalloc.start()
    for i, _chunk in enumerate(write(Describer(store, mapping).graph(), "turtle", mapping, counter)):
        if i % 50 == 0:
            marks.append((i, tracemalloc.get_traced_memory()[1] / 2**20))
    marks.append((-1, tracemalloc.get_traced_memory()[1] / 2**20))
    tracemalloc.stop()
    return marks


def rate(n: int, secs: float) -> str:
    return f"{n / secs:>10,.0f}/s"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=5_000)
    parser.add_argument("--db", default="data/bench-rdf.db")
    parser.add_argument("--sample", type=int, default=150_000,
                        help="triples given to rdflib (it holds them all in memory) and to orgkg's writers")
    args = parser.parse_args(argv)
    mapping = Mapping()
    t0 = time.perf_counter()
    Path(args.db).parent.mkdir(parents=True, exist_ok=True)
    store = build(Path(args.db), args.articles)
    stats = store.stats()
    print(f"store {args.db}: {stats['nodes.Article']} articles, {stats['nodes']} nodes, {stats['edges']} edges "
          f"(built or reused in {time.perf_counter() - t0:.0f}s)")

    print("\n1. end to end: store -> text (orgkg export)")
    for fmt in ("nt", "turtle"):
        n, wall, cpu = timed(export_run(store, mapping, fmt))
        print(f"   orgkg  {fmt:7s} {n:>9,d} triples  wall {wall:6.2f}s {rate(n, wall)}  cpu {cpu:6.2f}s {rate(n, cpu)}")
        end_to_end = n / cpu

    print(f"\n2. writers alone, on the same {args.sample:,d}-triple sample (blocks already in memory)")
    blocks, n = [], 0
    for b in Describer(store, mapping).graph():
        blocks.append(b)
        n += sum(len(p.triples) for p in b.parts)
        if n >= args.sample:
            break
    import rdflib

    graph = rdflib.Graph()
    graph.parse(data="".join(write(blocks, "nt", mapping)), format="nt")
    for prefix, ns in mapping.namespaces().items():
        graph.bind(prefix, ns)
    print(f"   ({n:,d} triples written, {len(graph):,d} distinct in rdflib's Graph)")
    ours = {}
    for fmt in ("nt", "turtle"):
        def run(fmt: str = fmt) -> int:
            counter = Counter()
            drain(write(blocks, fmt, mapping, counter))
            return counter.statements
        n_ours, wall, cpu = timed(run)
        ours[fmt] = n_ours / cpu
        print(f"   orgkg  {fmt:7s} {n_ours:>9,d} triples  wall {wall:6.2f}s {rate(n_ours, wall)}  "
              f"cpu {cpu:6.2f}s {rate(n_ours, cpu)}")
    for fmt in ("nt", "turtle"):
        n_rdflib, wall, cpu = timed(lambda fmt=fmt: (graph.serialize(format=fmt), len(graph))[1])
        theirs = n_rdflib / cpu
        print(f"   rdflib {fmt:7s} {n_rdflib:>9,d} triples  wall {wall:6.2f}s {rate(n_rdflib, wall)}  "
              f"cpu {cpu:6.2f}s {rate(n_rdflib, cpu)}   orgkg writer {ours[fmt] / theirs:5.1f}x")
        if fmt == "turtle":
            print(f"   orgkg end-to-end Turtle export vs rdflib Turtle serialize: {end_to_end / theirs:5.1f}x")

    print("\n3. memory: peak traced memory during a Turtle export of the whole store")
    marks = memory_profile(store, mapping)
    print("   " + ", ".join(f"after chunk {i}: {mb:.1f} MiB" if i >= 0 else f"end: {mb:.1f} MiB" for i, mb in marks))
    store.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
