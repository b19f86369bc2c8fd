"""Shared fixtures: stores of every backend, the dev gold set, helpers to build facts."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest

from orgkg.graph.store import Store

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
DEV_GOLD = SHARED / "corpus" / "dev" / "gold"
DEV_ARTICLES = SHARED / "corpus" / "dev" / "articles"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--slow", action="store_true", help="also run the long versions of tests")


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    if config.getoption("--slow"):
        return
    skip = pytest.mark.skip(reason="long version: run with --slow")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def _neo4j_store() -> Store:
    from orgkg.graph.neo4j import Neo4jStore

    store = Neo4jStore.from_env()
    store.clear()
    return store


BACKENDS = ["sqlite", pytest.param("neo4j", marks=pytest.mark.neo4j)]


@pytest.fixture(params=BACKENDS)
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    """An empty store of each backend (Neo4j only where NEO4J_URI points at a server)."""
    if request.param == "neo4j":
        if not os.environ.get("NEO4J_URI"):
            pytest.skip("Neo4j contract run skipped: NEO4J_URI is not set (see README, 'Neo4j')")
        s = _neo4j_store()
    else:
        from orgkg.graph.sqlite import SQLiteStore

        s = SQLiteStore(tmp_path / "store.db")
    yield s
    s.close()


@pytest.fixture
def sqlite_store(tmp_path: Path) -> Iterator[Store]:
    from orgkg.graph.sqlite import SQLiteStore

    s = SQLiteStore(tmp_path / "store.db")
    yield s
    s.close()


@pytest.fixture
def dev_gold() -> Path:
    if not DEV_GOLD.is_dir():
        pytest.skip(f"the dev set is not beside the repository ({DEV_GOLD})")
    return DEV_GOLD


@pytest.fixture
def gold_store(sqlite_store: Store, dev_gold: Path) -> Store:
    """An embedded store holding the dev gold set."""
    from orgkg.loaders.load import load_paths

    load_paths(sqlite_store, [dev_gold], progress=False)
    return sqlite_store


def graphql_data(store: Store, query: str, **variables: object) -> dict:
    """The data of a GraphQL query that must succeed (tests import it from conftest)."""
    from orgkg.api.graphql import execute

    result = execute(store, query, variables or None)
    assert "errors" not in result, result.get("errors")
    return result["data"]


def wait_until_healthy(base_url: str, proc: subprocess.Popen, log: Path | None = None, timeout: float = 60) -> None:
    """Wait for a started `orgkg serve` to answer /health; fail with its log if it exits or takes too long."""
    from orgkg.bench.serving import wait_for_health

    why = wait_for_health(base_url, proc, timeout)
    assert why is None, log.read_text(errors="replace") if log else f"orgkg serve did not start within {timeout:.0f} s"
