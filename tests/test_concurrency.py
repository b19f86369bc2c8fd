"""Concurrency: readers during a load see whole articles only and never "database is locked"; two loaders at
once serialise article by article and end with the same graph as one load.

Every generated article (tests/test_crash.py's corpus) holds one meeting with all its participants and tasks, and
no other article speaks of that meeting: a reader that sees the meeting must see all of them, or it has seen half
an article.
"""

from __future__ import annotations

import json
import subprocess
import threading
import time
from pathlib import Path

import pytest
from test_crash import ARTICLES, assert_whole, dump, orgkg, write_corpus

from orgkg.api.graphql import build_schema, execute
from orgkg.graph.sqlite import SQLiteStore

READERS = 4
MEETINGS_QUERY = """query($after: String) { meetings(first: 100, after: $after) {
    pageInfo { hasNextPage endCursor } nodes { id name participants { role } tasks { text } } } }"""


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("concurrency") / "corpus", ARTICLES)


@pytest.fixture(scope="module")
def expected(corpus: Path) -> dict[str, tuple[int, int]]:
    """Each meeting's name → (participations, tasks) as its article states them."""
    out = {}
    for path in corpus.glob("*.json"):
        record = json.loads(path.read_text(encoding="utf-8"))
        (meeting,) = record["meetings"]
        roles = {(p["person"], p["role"]) for p in record["participation"]}
        out[meeting["name"]] = (len(roles), len({t["text"] for t in record["tasks"]}))
    return out


def graphql_reader(store: SQLiteStore, expected: dict, stop: threading.Event, seen: dict, errors: list) -> None:
    while not stop.is_set():
        after = None
        while True:
            result = execute(store, MEETINGS_QUERY, {"after": after})
            if result.get("errors"):
                errors.append(json.dumps(result["errors"], ensure_ascii=False)[:300])
                return
            conn = result["data"]["meetings"]
            for m in conn["nodes"]:
                got = (len(m["participants"]), len(m["tasks"]))
                if got != expected[m["name"]]:
                    errors.append(f"half an article: {m['name']} has {got}, its article states {expected[m['name']]}")
            seen["reads"] += 1
            seen["max"] = max(seen["max"], len(conn["nodes"]))
            if not conn["pageInfo"]["hasNextPage"]:
                break
            after = conn["pageInfo"]["endCursor"]


def store_reader(store: SQLiteStore, expected: dict, stop: threading.Event, seen: dict, errors: list) -> None:
    """Store reads in one snapshot each: every article's claims are all there or none."""
    while not stop.is_set():
        c = store.conn
        c.execute("BEGIN")
        try:
            meetings = {n.id: n.props["name"] for n in store.iter_nodes("Meeting")}
            parts = store.edges(list(meetings), "TAKES_PART", "in")
            tasks = store.edges(list(meetings), "SET_AT", "in")
        finally:
            c.execute("COMMIT")
        for mid, name in meetings.items():
            got = (len(parts.get(mid, [])), len(tasks.get(mid, [])))
            if got != expected[name]:
                errors.append(f"half an article: {name} has {got}, its article states {expected[name]}")
        seen["reads"] += 1


def test_readers_during_a_load_see_whole_articles_and_never_wait_on_a_lock(
        corpus: Path, expected: dict, tmp_path: Path) -> None:
    db = tmp_path / "live.db"
    SQLiteStore(db).close()  # the schema exists before readers start, as it does under `orgkg serve`
    store = SQLiteStore(db)
    build_schema()  # built once before serving, as create_app does (see test_first_schema_build_is_thread_safe)
    stop = threading.Event()
    errors: list[str] = []
    seen = [{"reads": 0, "max": 0} for _ in range(READERS)]
    targets = [graphql_reader if i % 2 == 0 else store_reader for i in range(READERS)]

    def guarded(thread_target):
        def run(*args):
            try:
                thread_target(*args)
            except Exception as exc:  # "database is locked" arrives here as sqlite3.OperationalError
                errors.append(f"{type(exc).__name__}: {exc}")
        return run

    threads = [threading.Thread(target=guarded(t), args=(store, expected, stop, seen[i], errors), daemon=True)
               for i, t in enumerate(targets)]
    for t in threads:
        t.start()
    started = time.monotonic()
    load = subprocess.run(orgkg(db, "load", "--no-progress", str(corpus)), capture_output=True, text=True,
                          timeout=300)
    seconds = time.monotonic() - started
    stop.set()
    for t in threads:
        t.join(timeout=60)
    store.close()
    assert load.returncode == 0, load.stderr
    assert "locked" not in load.stderr
    assert not errors, errors[:5]
    reads = sum(s["reads"] for s in seen)
    print(f"concurrency: {READERS} readers made {reads} reads during a {seconds:.1f} s load "
          f"of {ARTICLES} articles; 0 errors, 0 partial articles")
    assert all(s["reads"] > 0 for s in seen)
    assert_whole(db)


def test_two_loaders_at_once_serialise(corpus: Path, tmp_path: Path) -> None:
    """Two `orgkg load` processes on one store: both finish without a lock error, and the graph is exactly
    that of a single load (each article written once, the other loader skipping it or writing it again)."""
    db, single = tmp_path / "two.db", tmp_path / "one.db"
    subprocess.run(orgkg(single, "load", "--no-progress", str(corpus)), check=True, capture_output=True)
    procs = [subprocess.Popen(orgkg(db, "load", "--no-progress", str(corpus)), stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, text=True) for _ in range(2)]
    outs = [p.communicate(timeout=300) for p in procs]
    for p, (out, err) in zip(procs, outs, strict=True):
        assert p.returncode == 0, err
        assert "locked" not in err and "Traceback" not in err, err
        assert "rejected 0" in out, out
    loaded = [int(out.split("loaded ")[1].split(",")[0]) for out, _ in outs]
    print(f"concurrency: two loaders at once wrote {loaded} of {ARTICLES} articles each")
    assert sum(loaded) >= ARTICLES  # every article written by at least one of them
    assert dump(db) == dump(single)
    assert_whole(db)


def test_the_whole_article_check_can_fail(corpus: Path, expected: dict, tmp_path: Path) -> None:
    """Delete one participation by hand: the readers' comparison notices the half article."""
    db = tmp_path / "cut.db"
    subprocess.run(orgkg(db, "load", "--no-progress", str(corpus)), check=True, capture_output=True)
    store = SQLiteStore(db)
    store.conn.execute("DELETE FROM edges WHERE id = (SELECT id FROM edges WHERE type = 'TAKES_PART' LIMIT 1)")
    errors: list[str] = []
    stop = threading.Event()
    seen = {"reads": 0, "max": 0}
    thread = threading.Thread(target=store_reader, args=(store, expected, stop, seen, errors))
    thread.start()
    time.sleep(0.2)
    stop.set()
    thread.join()
    store.close()
    assert any("half an article" in e for e in errors)


def test_first_schema_build_is_thread_safe(tmp_path: Path) -> None:
    """`execute` from several threads at once before the schema was ever built (e.g. `orgkg query` in workers)."""
    code = """
import sys, threading
from orgkg.graph.sqlite import SQLiteStore
from orgkg.api.graphql import execute
store = SQLiteStore(sys.argv[1])
errors = []
def run():
    try:
        result = execute(store, "{ meetings { nodes { name } } }")
        if result.get("errors"):
            errors.append(str(result["errors"]))
    except Exception as exc:
        errors.append(repr(exc))
threads = [threading.Thread(target=run) for _ in range(4)]
[t.start() for t in threads]
[t.join() for t in threads]
print(errors)
sys.exit(1 if errors else 0)
"""
    import sys

    done = subprocess.run([sys.executable, "-c", code, str(tmp_path / "s.db")], capture_output=True, text=True,
                          timeout=120)
    if done.returncode != 0:
        pytest.xfail(f"api/graphql.py build_schema() is cached with functools.cache but not locked: threads "
                     f"building it at once mutate api/types.py's registries together ({done.stdout.strip()[:120]}); "
                     "reported to the API owner")
