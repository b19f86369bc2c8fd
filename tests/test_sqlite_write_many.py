"""SQLite's grouped writes: several whole articles per transaction, never part of one."""

from __future__ import annotations

import sqlite3

import pytest

from orgkg.graph import sqlite as sq
from orgkg.graph.facts import Batch, NodeFact
from orgkg.graph.sqlite import SQLiteStore


def _batch(aid: str, nodes: list[NodeFact]) -> Batch:
    return Batch(NodeFact(f"art:{aid}", "Article", {"title": aid}), "text", nodes, [], f"d-{aid}")


def _org(oid: str) -> NodeFact:
    return NodeFact(oid, "Organization", {"name": oid})


def test_an_article_that_fails_midway_leaves_nothing_and_its_group_is_kept(tmp_path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    # the second node of a2 has a type the model does not know: the write fails after a2's first node
    bad = _batch("a2", [_org("org:2"), NodeFact("x:1", "NoSuchType", {"name": "x"})])
    with pytest.raises(KeyError):
        list(store.write_many([_batch("a1", [_org("org:1")]), bad]))
    assert set(store.get_nodes(["org:1", "org:2"])) == {"org:1"}
    assert store.conn.execute("SELECT count(*) FROM claims WHERE article = 'art:a2'").fetchone() == (0,)
    assert store.check().ok
    store.close()


def test_articles_are_committed_in_groups(tmp_path, monkeypatch) -> None:
    monkeypatch.setattr(sq, "GROUP_ARTICLES", 3)
    monkeypatch.setattr(sq, "GROUP_SECONDS", 3600.0)
    monkeypatch.setattr(sq, "GROUP_SHARE", 3600.0)
    path = tmp_path / "s.db"
    store = SQLiteStore(path)
    reader = sqlite3.connect(path)
    seen = []
    for result in store.write_many(_batch(f"a{i}", [_org(f"org:{i}")]) for i in range(7)):
        # what another connection sees while the load goes on: whole groups of 3 only
        seen.append(reader.execute("SELECT count(*) FROM texts").fetchone()[0])
        assert result.status == "loaded"
    assert seen == [0, 0, 3, 3, 3, 6, 6]
    assert reader.execute("SELECT count(*) FROM texts").fetchone()[0] == 7
    reader.close()
    store.close()
