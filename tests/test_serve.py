"""`orgkg serve`: worker processes sharing the port, each with the store opened read-only, none outliving the
server; a missing store or a bad --workers is one clear error before anything starts."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest

from orgkg.bench.serving import free_port
from orgkg.cli import build_parser
from orgkg.commands.serve import default_workers
from orgkg.graph.facts import Batch, NodeFact
from orgkg.graph.sqlite import SQLiteStore

sys.path.insert(0, str(Path(__file__).parent / "load"))
from analyst_load import process_tree
from conftest import wait_until_healthy


def running(pid: int) -> bool:
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return False


def test_workers_default_to_the_cores_and_must_be_positive(capsys: pytest.CaptureFixture[str]) -> None:
    assert default_workers() == len(os.sched_getaffinity(0))
    assert build_parser().parse_args(["serve", "--workers", "3"]).workers == 3
    with pytest.raises(SystemExit):
        build_parser().parse_args(["serve", "--workers", "0"])
    assert "must be at least 1" in capsys.readouterr().err


def test_a_missing_store_is_one_error_before_any_worker_starts(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NEO4J_URI"}
    out = subprocess.run([sys.executable, "-m", "orgkg.cli", "--db", str(tmp_path / "none.db"), "serve",
                          "--port", str(free_port()), "--workers", "2"],
                         capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == [f"orgkg: No store at {tmp_path / 'none.db'}: load something first "
                                               "(orgkg load PATH) or pass --db."]


def test_a_bad_setting_in_the_environment_is_one_error(tmp_path: Path) -> None:
    SQLiteStore(tmp_path / "store.db").close()
    env = {**{k: v for k, v in os.environ.items() if k != "NEO4J_URI"}, "ORGKG_MAX_WAIT": "soon"}
    out = subprocess.run([sys.executable, "-m", "orgkg.cli", "--db", str(tmp_path / "store.db"), "serve",
                          "--port", str(free_port())], capture_output=True, text=True, timeout=60, env=env)
    assert out.returncode == 2
    assert out.stderr.strip().splitlines() == ["orgkg: ORGKG_MAX_WAIT='soon' is not a number above 0"]


def test_workers_serve_the_store_read_only_and_die_with_a_killed_server(tmp_path: Path) -> None:
    db = tmp_path / "store.db"
    store = SQLiteStore(db)
    store.write(Batch(NodeFact("art:a", "Article", {"title": "A"}), None,
                      [NodeFact("per:1", "Person", {"name": "Lê Tuấn An"})], [], "a"))
    store.close()
    before = db.read_bytes()
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in ("NEO4J_URI", "ORGKG_DB")}
    proc = subprocess.Popen([sys.executable, "-m", "orgkg.cli", "--db", str(db), "serve", "--port", str(port),
                             "--workers", "2"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    workers: list[int] = []
    try:
        url = f"http://127.0.0.1:{port}"
        wait_until_healthy(url, proc)
        workers = [p for p in process_tree(proc.pid)
                   if b"spawn_main" in Path(f"/proc/{p}/cmdline").read_bytes()]
        assert len(workers) == 2
        answer = httpx.post(f"{url}/graphql", json={"query": "{ people { nodes { name } } }"}, timeout=30)
        assert answer.json() == {"data": {"people": {"nodes": [{"name": "Lê Tuấn An"}]}}}
        proc.kill()  # no chance to stop its workers: Linux must (PR_SET_PDEATHSIG)
        proc.wait()
        deadline = time.monotonic() + 10
        while any(running(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not [w for w in workers if running(w)], "worker processes outlived a killed `orgkg serve`"
        with pytest.raises(httpx.ConnectError):
            httpx.get(f"{url}/health", timeout=2)
        assert db.read_bytes() == before  # the workers opened the store read-only
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for w in workers:
            if running(w):
                os.kill(w, signal.SIGKILL)
