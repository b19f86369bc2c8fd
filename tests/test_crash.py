"""Crashes: `orgkg load` killed with SIGKILL at random moments loses at most the article in flight.

Each run starts a real load in a subprocess, kills it when a seeded random number of articles has been
committed plus a random few milliseconds (so the kill lands anywhere in the write cycle: mid-transaction,
mid-commit, mid-checkpoint), then checks that the store opens, passes the integrity check, holds each
article whole or not at all (its claim count equals that of a clean load), and that loading again converges
to exactly the graph of an uninterrupted load (full dumps compared).
"""

from __future__ import annotations

import contextlib
import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from orgkg.graph.sqlite import SQLiteStore
from orgkg.loaders.load import load_paths

SEED = int(os.environ.get("ORGKG_CRASH_SEED", "20260122"))  # set it to replay or vary the kill moments
KILLS = 20
ARTICLES = 100  # --slow: 240 articles, 100 kills

PROVINCES = ["Hà Giang", "Bắc Kạn", "Nghệ An", "Hậu Giang", "Quảng Nam", "Tuyên Quang"]
KINDS = ["Hội Nông dân", "Tỉnh Đoàn", "Sở Khoa học và Công nghệ", "Liên hiệp các Hội Khoa học và Kỹ thuật"]
SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Vũ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Đức", "Minh", "Thanh", "Quang"]
GIVEN = ["An", "Bình", "Cường", "Dũng", "Hoa", "Lan", "Nhất", "Sơn", "Tuấn", "Yến"]
TITLES = ["Chủ tịch", "Phó Chủ tịch", "Bí thư", "Giám đốc", "Phó Giám đốc", "Trưởng ban"]


def make_record(i: int, rng: random.Random) -> dict:
    """A small record; organizations and people recur across records, so facts merge from many articles."""
    province = PROVINCES[i % len(PROVINCES)]
    host = f"{KINDS[i % len(KINDS)]} tỉnh {province}"
    parent = f"Ủy ban nhân dân tỉnh {province}"
    meeting = f"Hội nghị tổng kết công tác năm {2020 + i % 5} lần {i}"
    date = f"{2021 + i % 5}-{1 + i % 12:02d}-{1 + i % 28:02d}"
    people = []
    for _ in range(rng.randint(1, 5)):
        name = f"{rng.choice(SURNAMES)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
        people.append({"name": name, "honorific": rng.choice([None, "đồng chí", "TS"]),
                       "positions": [{"title": rng.choice(TITLES), "organization": rng.choice([host, parent]),
                                      "term": rng.choice([None, "2020-2025", "2025-2030"])}]})
    return {
        "article": {"title": meeting, "published": date, "locality": province},
        "meetings": [{"name": meeting, "kind": "tổng kết", "date": date, "host": host, "location": None}],
        "organizations": [{"name": host, "aliases": [], "parent": parent}, {"name": parent, "aliases": ["UBND tỉnh"]}],
        "people": people,
        "participation": [{"person": p["name"], "meeting": meeting, "role": rng.choice(["attended", "chaired", "spoke"])}
                          for p in people],
        "elections": [],
        "tasks": [{"text": f"Nhiệm vụ {k} của năm {2021 + i % 5}: {rng.choice(GIVEN)} {i}",
                   "organization": host, "period": str(2021 + i % 5), "meeting": meeting}
                  for k in range(rng.randint(0, 6))],
    }


def write_corpus(folder: Path, n: int, seed: int = SEED) -> Path:
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"bai-{i:04d}.json").write_text(json.dumps(make_record(i, rng), ensure_ascii=False),
                                                  encoding="utf-8")
    return folder


def orgkg(db: Path, *args: str) -> list[str]:
    return [sys.executable, "-m", "orgkg.cli", "--db", str(db), *args]


def dump(db: Path) -> dict[str, list]:
    """Everything the store holds, in a canonical order: two equal dumps are the same graph."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return {
            "nodes": conn.execute("SELECT id, type, fold, props FROM nodes ORDER BY id").fetchall(),
            "edges": conn.execute("SELECT id, type, src, dst, props FROM edges ORDER BY id").fetchall(),
            "claims": conn.execute("SELECT fact, article, props, evidence FROM claims ORDER BY fact, article").fetchall(),
            "texts": conn.execute("SELECT article, body, digest FROM texts ORDER BY article").fetchall(),
            "search": conn.execute("SELECT id, type, body FROM search ORDER BY id").fetchall(),
        }
    finally:
        conn.close()


def claims_per_article(db: Path) -> dict[str, int]:
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        return dict(conn.execute("SELECT article, count(*) FROM claims GROUP BY article").fetchall())
    finally:
        conn.close()


def stored_articles(db: Path) -> int:
    if not db.exists():
        return 0
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
        try:
            return conn.execute("SELECT count(*) FROM texts").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.Error:  # not created yet, or mid-creation
        return 0


def assert_whole(db: Path) -> None:
    store = SQLiteStore(db)  # opening recovers the WAL, as any later process would
    try:
        integrity = store.check()
        assert integrity.ok, integrity.problems[:5]
        c = store.conn
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        articles = c.execute("SELECT count(*) FROM nodes WHERE type = 'Article'").fetchone()[0]
        assert articles == c.execute("SELECT count(*) FROM texts").fetchone()[0]
    finally:
        store.close()


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("crash") / "corpus", ARTICLES)


@pytest.fixture(scope="module")
def big_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("crash") / "big", 240)


@pytest.fixture(scope="module")
def clean(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, float]:
    db = tmp_path_factory.mktemp("clean") / "clean.db"
    seconds = clean_load(corpus, db)
    assert len(claims_per_article(db)) == ARTICLES
    return db, seconds


def kill_and_recover(corpus: Path, clean_db: Path, db: Path, rng: random.Random) -> dict:
    want = claims_per_article(clean_db)
    target = rng.randint(1, len(want) - 1)
    extra = rng.uniform(0, 0.02)
    proc = subprocess.Popen(orgkg(db, "load", "--no-progress", str(corpus)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        deadline = time.monotonic() + 120
        while stored_articles(db) < target and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.002)
        time.sleep(extra)
        finished_first = proc.poll() is not None
        proc.send_signal(signal.SIGKILL)
    finally:
        proc.wait(timeout=30)
    assert_whole(db)
    got = claims_per_article(db)
    partial = {a: (n, want.get(a)) for a, n in got.items() if n != want.get(a)}
    assert not partial, f"articles stored in part (claims, clean claims): {list(partial.items())[:5]}"
    outcome = {"target": target, "stored": len(got), "finished": finished_first}
    store = SQLiteStore(db)  # load again in this process: the same load_paths as `orgkg load`, without start-up
    try:
        again = load_paths(store, [corpus], progress=False)
    finally:
        store.close()
    assert again.skipped == len(got) and not again.rejected, again.summary()  # what was stored is whole
    assert dump(db) == dump(clean_db), "the resumed load differs from an uninterrupted one"
    assert_whole(db)
    return outcome


def clean_load(corpus: Path, db: Path) -> float:
    started = time.monotonic()
    done = subprocess.run(orgkg(db, "load", "--no-progress", str(corpus)), capture_output=True, text=True,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    assert "rejected 0" in done.stdout, done.stdout
    return time.monotonic() - started


def run_kills(corpus: Path, clean_db: Path, tmp_path: Path, kills: int, seed: int) -> list[dict]:
    rng = random.Random(seed)
    outcomes = []
    for k in range(kills):
        outcomes.append(kill_and_recover(corpus, clean_db, tmp_path / f"killed-{k}.db", rng))
    return outcomes


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs POSIX signals")
def test_sigkill_during_load_loses_at_most_the_article_in_flight(corpus: Path, clean, tmp_path: Path) -> None:
    clean_db, seconds = clean
    outcomes = run_kills(corpus, clean_db, tmp_path, KILLS, SEED)
    mid = [o for o in outcomes if 0 < o["stored"] < ARTICLES and not o["finished"]]
    print(f"crash: {len(outcomes)} SIGKILLs into a {ARTICLES}-article load ({seconds:.1f} s clean); "
          f"{len(mid)} landed mid-load, articles stored at the kill: {sorted(o['stored'] for o in outcomes)}")
    # The kills are aimed by article count, so nearly all must land while the load is running.
    assert len(mid) >= KILLS // 2


@pytest.mark.slow
def test_sigkill_many_more_times(big_corpus: Path, tmp_path: Path) -> None:
    clean_db = tmp_path / "clean.db"
    seconds = clean_load(big_corpus, clean_db)
    outcomes = run_kills(big_corpus, clean_db, tmp_path, 100, SEED + 1)
    mid = sum(0 < o["stored"] < 240 and not o["finished"] for o in outcomes)
    print(f"crash: 100 SIGKILLs into a 240-article load ({seconds:.1f} s clean); {mid} landed mid-load")
    assert mid >= 50


def test_sigkill_during_a_reload_keeps_old_or_new_claims(tmp_path: Path) -> None:
    """An article loaded again with different facts is replaced whole: a kill leaves the old claims or the new."""
    n = 60
    old_corpus = write_corpus(tmp_path / "old", n, seed=1)
    new_corpus = write_corpus(tmp_path / "new", n, seed=2)  # the same files, other facts
    old_db, new_db = tmp_path / "old.db", tmp_path / "new.db"
    clean_load(old_corpus, old_db)
    clean_load(old_corpus, new_db)
    clean_load(new_corpus, new_db)
    old, new = claims_per_article(old_db), claims_per_article(new_db)
    old_digest = {a: d for a, _, d in dump(old_db)["texts"]}
    new_digests = {d for _, _, d in dump(new_db)["texts"]}
    rng = random.Random(SEED + 2)
    for k in range(3):
        db = tmp_path / f"reload-{k}.db"
        db.write_bytes(old_db.read_bytes())
        target = rng.randint(1, n - 1)
        proc = subprocess.Popen(orgkg(db, "load", "--no-progress", str(new_corpus)),
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 120
        while proc.poll() is None and time.monotonic() < deadline and _replaced(db, new_digests) < target:
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.02))
        proc.send_signal(signal.SIGKILL)
        proc.wait(timeout=30)
        assert_whole(db)
        digest = {a: d for a, _, d in dump(db)["texts"]}
        for article, count in claims_per_article(db).items():
            expected = old[article] if digest[article] == old_digest[article] else new[article]
            assert count == expected, (article, count, old[article], new[article])
        store = SQLiteStore(db)
        try:
            load_paths(store, [new_corpus], progress=False)
        finally:
            store.close()
        assert dump(db) == dump(new_db)


def _replaced(db: Path, new_digests: set[str]) -> int:
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.05)
        try:
            return sum(d in new_digests for (d,) in conn.execute("SELECT digest FROM texts"))
        finally:
            conn.close()
    except sqlite3.Error:
        return 0


def test_the_partial_article_check_can_fail(corpus: Path, clean, tmp_path: Path) -> None:
    """Remove one claim by hand: the comparison with the clean load must notice."""
    clean_db, _ = clean
    db = tmp_path / "damaged.db"
    db.write_bytes(clean_db.read_bytes())
    conn = sqlite3.connect(db)
    with conn:
        conn.execute("DELETE FROM claims WHERE fact = (SELECT fact FROM claims WHERE fact LIKE 'rel:%' LIMIT 1)")
    conn.close()
    assert claims_per_article(db) != claims_per_article(clean_db)
    assert dump(db) != dump(clean_db)



def _extractor_ready() -> bool:
    try:
        from orgkg.loaders.extract import EXTRACTOR_VERSION, extract  # noqa: F401
    except ImportError:
        return False
    return True


def _processes_holding(marker: str) -> list[int]:
    found = []
    for proc in Path("/proc").iterdir():
        if proc.name.isdigit():
            try:
                if marker in (proc / "cmdline").read_bytes().decode("utf-8", "replace"):
                    found.append(int(proc.name))
            except OSError:
                continue
    return found


def _article_corpus(tmp_path: Path) -> Path:
    articles = Path(__file__).resolve().parent / "articles"
    corpus = tmp_path / "articles"
    corpus.mkdir()
    for k in range(2):  # two copies under other names: enough work for the kill to land mid-load
        for src in sorted(articles.glob("*.txt")):
            (corpus / f"{src.stem}-{k}.txt").write_bytes(src.read_bytes())
    return corpus


def _kill_parallel_load(corpus: Path, db: Path, target: int) -> list[int]:
    """SIGKILL a 2-worker load once `target` articles are stored; the pids of its processes still alive 5 s later
    (all of them are then killed, so that no test leaves processes behind)."""
    proc = subprocess.Popen(orgkg(db, "load", "--no-progress", "--workers", "2", str(corpus)),
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 120
    while proc.poll() is None and time.monotonic() < deadline and stored_articles(db) < target:
        time.sleep(0.002)
    proc.send_signal(signal.SIGKILL)
    proc.wait(timeout=30)
    left: list[int] = []
    for _ in range(50):  # workers should notice their parent is gone within moments
        left = _processes_holding(str(db))
        if not left:
            break
        time.sleep(0.1)
    for pid in left:
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    return left


extractor_needed = pytest.mark.skipif(not _extractor_ready(), reason="the extractor is not importable yet")
proc_needed = pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc to find the load's processes")


@extractor_needed
@proc_needed
def test_sigkill_during_a_parallel_article_load(tmp_path: Path) -> None:
    """Articles are extracted in worker processes and written by the parent: killing the parent mid-load leaves
    whole articles, and a reload converges to the uninterrupted graph."""
    corpus = _article_corpus(tmp_path)
    clean_db = tmp_path / "clean.db"
    clean_load(corpus, clean_db)
    want = claims_per_article(clean_db)
    rng = random.Random(SEED + 3)
    for k in range(2):
        db = tmp_path / f"par-{k}.db"
        _kill_parallel_load(corpus, db, rng.randint(1, len(want) - 1))
        assert_whole(db)
        got = claims_per_article(db)
        assert all(n == want[a] for a, n in got.items()), "an article was stored in part"
        store = SQLiteStore(db)
        try:
            load_paths(store, [corpus], progress=False, workers=1)
        finally:
            store.close()
        assert dump(db) == dump(clean_db)


@extractor_needed
@proc_needed
def test_no_worker_outlives_a_killed_load(tmp_path: Path) -> None:
    corpus = _article_corpus(tmp_path)
    left = _kill_parallel_load(corpus, tmp_path / "orphans.db", 10)
    assert not left, f"worker processes outlived the killed load: {left}"
