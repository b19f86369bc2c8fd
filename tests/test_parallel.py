"""Extraction in worker processes changes the wall time of a load, nothing else."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from orgkg.bench.synth import write_corpus
from orgkg.cli import main
from orgkg.graph.sqlite import SQLiteStore
from orgkg.loaders import load as load_mod
from orgkg.loaders.load import load_paths


@pytest.fixture(scope="module")
def mixed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Articles (.txt), a feed of articles (.jsonl), a record (.json), and bad inputs among them."""
    root = tmp_path_factory.mktemp("mixed")
    write_corpus(root / "synth", 24, seed=5, workers=1)
    inputs = root / "in"
    inputs.mkdir()
    for p in sorted((root / "synth" / "articles").iterdir())[:20]:
        (inputs / p.name).write_bytes(p.read_bytes())
    feed = [{"id": f"feed-{p.stem}", "title": None, "url": None, "published": None,
             "text": p.read_text(encoding="utf-8")} for p in sorted((root / "synth" / "articles").iterdir())[20:]]
    (inputs / "feed.jsonl").write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in feed) + "\n",
                                       encoding="utf-8")
    gold = sorted((root / "synth" / "gold").iterdir())[0]
    (inputs / "record.json").write_bytes(gold.read_bytes())
    (inputs / "empty.txt").write_text("", encoding="utf-8")
    (inputs / "broken.json").write_text("{not json", encoding="utf-8")
    (inputs / "binary.txt").write_bytes(bytes(range(256)) * 8)
    dup = inputs / "again"
    dup.mkdir()
    first = sorted(inputs.glob("synth-*.txt"))[0]
    (dup / first.name).write_bytes(first.read_bytes())  # the same article id twice in one load
    return inputs


def _graph(db: Path) -> tuple:
    store = SQLiteStore(db)
    try:
        nodes = [(n.id, n.type, json.dumps(n.props, sort_keys=True)) for n in store.iter_nodes()]
        edges = [(e.id, e.type, e.source, e.target, json.dumps(e.props, sort_keys=True)) for e in store.iter_edges()]
        claims = store.conn.execute("SELECT fact, article, props, evidence FROM claims ORDER BY fact, article").fetchall()
        assert store.check().ok, store.check().problems
        return nodes, edges, claims
    finally:
        store.close()


def _load(inputs: Path, db: Path, workers: int) -> tuple[str, list[str]]:
    store = SQLiteStore(db)
    try:
        report = load_paths(store, [inputs], progress=False, workers=workers)
    finally:
        store.close()
    return report.summary(), [str(r) for r in report.rejected]


def test_workers_give_the_same_report_and_the_same_graph(mixed: Path, tmp_path: Path) -> None:
    one = _load(mixed, tmp_path / "one.db", workers=1)
    two = _load(mixed, tmp_path / "two.db", workers=2)
    assert one == two
    summary, rejected = two
    assert summary.startswith("loaded 25,")  # 20 files + 4 feed articles + 1 record
    assert len(rejected) == 4 and any("already used" in r for r in rejected)
    assert _graph(tmp_path / "one.db") == _graph(tmp_path / "two.db")
    # a second load skips everything, whatever the number of workers
    assert _load(mixed, tmp_path / "one.db", workers=2)[0].startswith("loaded 0, skipped 25")


def test_a_worker_that_dies_costs_time_not_articles(mixed: Path, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch) -> None:
    parent = os.getpid()
    real = load_mod.document_batch

    def dies_in_a_worker(doc):
        if os.getpid() != parent and doc.id.endswith("3"):
            os._exit(1)  # as if killed: the pool breaks, the parent redoes the work
        return real(doc)

    monkeypatch.setattr(load_mod, "document_batch", dies_in_a_worker)
    assert _load(mixed, tmp_path / "crash.db", workers=2) == _load(mixed, tmp_path / "calm.db", workers=1)
    assert _graph(tmp_path / "crash.db") == _graph(tmp_path / "calm.db")


def test_the_load_command_takes_workers(mixed: Path, tmp_path: Path, capsys) -> None:
    db = tmp_path / "cli.db"
    assert main(["--db", str(db), "load", str(mixed), "--workers", "2", "--no-progress"]) == 0
    out = capsys.readouterr()
    assert "loaded 25, skipped 0 (unchanged), rejected 4" in out.out
    assert "broken.json: not valid JSON" in out.err


def test_records_only_never_start_a_worker(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import orgkg.loaders.parallel as parallel

    write_corpus(tmp_path / "c", 3, seed=2, workers=1)
    monkeypatch.setattr(parallel, "extracted", lambda *a, **k: pytest.fail("a pool for records"))
    store = SQLiteStore(tmp_path / "r.db")
    try:
        report = load_paths(store, [tmp_path / "c" / "gold"], progress=False)
    finally:
        store.close()
    assert report.loaded == 3


def test_no_worker_outlives_a_killed_load(mixed: Path, tmp_path: Path) -> None:
    import signal
    import subprocess
    import sys
    import time

    write_corpus(tmp_path / "big", 300, seed=9, workers=1)
    db = tmp_path / "killed.db"
    proc = subprocess.Popen([sys.executable, "-m", "orgkg.cli", "--db", str(db), "load", str(tmp_path / "big"),
                             "--workers", "2", "--no-progress"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)

    def workers() -> list[int]:
        found = []
        for stat in Path("/proc").glob("[0-9]*/cmdline"):
            try:
                if str(db) in stat.read_bytes().decode(errors="replace") and int(stat.parent.name) != proc.pid:
                    found.append(int(stat.parent.name))
            except OSError:
                continue
        return found

    deadline = time.time() + 60
    while not workers() and time.time() < deadline and proc.poll() is None:
        time.sleep(0.1)
    assert workers(), "the load never started its workers"
    proc.send_signal(signal.SIGKILL)
    proc.wait()
    deadline = time.time() + 10
    while workers() and time.time() < deadline:
        time.sleep(0.1)
    assert not workers()


@pytest.mark.parametrize("may_raise", [True, False])
def test_workers_run_below_the_writer(may_raise: bool, monkeypatch: pytest.MonkeyPatch) -> None:
    """The writer, the one serial step, runs ahead of its workers so that it keeps up with them: it raises
    its own priority where it may (and only for the load), or the workers lower theirs."""
    from orgkg.loaders import parallel

    if not may_raise:  # as for a user without the right to raise a priority
        monkeypatch.setattr(parallel, "_raise_priority", lambda lead: None)

    if not hasattr(os, "getpriority"):
        pytest.skip("no process priorities on this platform")
    before = os.getpriority(os.PRIO_PROCESS, 0)
    if before + parallel.WRITER_LEAD > 19:
        pytest.skip("this test already runs at the lowest priority")
    pipe = parallel._Pipeline(1, None)
    try:
        assert pipe.pool is not None
        worker = pipe.pool.submit(os.getpriority, os.PRIO_PROCESS, 0).result()
        writer = os.getpriority(os.PRIO_PROCESS, 0)
    finally:
        pipe.close()
    assert worker - writer == parallel.WRITER_LEAD
    assert worker in (before, before + parallel.WRITER_LEAD)  # nobody outranks what started the load
    if not may_raise:
        assert writer == before
    assert os.getpriority(os.PRIO_PROCESS, 0) == before  # the writer's priority is its own again


def test_reading_ahead_passes_over_what_cannot_be_opened(tmp_path: Path) -> None:
    """The read-ahead hint never fails a load: a missing file or a folder is left for the worker to report."""
    from orgkg.loaders import parallel

    (tmp_path / "a.txt").write_text("x", encoding="utf-8")
    parallel._read_ahead([tmp_path / "a.txt", tmp_path / "missing.txt", tmp_path])
    store_db = tmp_path / "s.db"
    report = _load_list([tmp_path / "a.txt", tmp_path / "missing.txt"], store_db)
    assert any("missing.txt" in line and "no such file" in line for line in report)


def _load_list(paths: list[Path], db: Path) -> list[str]:
    store = SQLiteStore(db)
    try:
        return [str(r) for r in load_paths(store, paths, progress=False, workers=2).rejected]
    finally:
        store.close()
