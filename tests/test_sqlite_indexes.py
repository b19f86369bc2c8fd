"""The embedded store's relationship indexes: stores made with the older ones migrate when opened for writing."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from orgkg.graph.facts import Batch, EdgeFact, NodeFact
from orgkg.graph.sqlite import SQLiteStore


def _indexes(path: Path) -> set[str]:
    with sqlite3.connect(path) as c:
        return {name for (name,) in c.execute("SELECT name FROM sqlite_master WHERE type = 'index'")}


def _old_store(path: Path) -> None:
    store = SQLiteStore(path)
    store.write(Batch(NodeFact("art:1", "Article", {"title": "T"}), None,
                      [NodeFact("org:a", "Organization", {"name": "A", "locality": "Hà Tĩnh"}),
                       NodeFact("mtg:1", "Meeting", {"name": "Hội nghị", "date": "2023-01-05"})],
                      [EdgeFact("rel:h", "HOSTS", "org:a", "mtg:1")], "d1"))
    store.close()
    with sqlite3.connect(path) as c:  # the indexes as the previous version made them
        c.executescript("DROP INDEX edges_src_far; DROP INDEX edges_dst_far; "
                        "CREATE INDEX edges_src ON edges(src, type); CREATE INDEX edges_dst ON edges(dst, type);")


def test_old_relationship_indexes_are_replaced_on_a_writable_open(tmp_path: Path) -> None:
    path = tmp_path / "old.db"
    _old_store(path)
    hosted = {"host": {"some": {"locality": {"eq": "Hà Tĩnh"}}}}
    readonly = SQLiteStore(path, readonly=True)  # still answers, through the old indexes
    assert [n.id for n in readonly.list_nodes("Meeting", hosted).nodes] == ["mtg:1"]
    readonly.close()
    assert {"edges_src", "edges_dst"} <= _indexes(path)
    SQLiteStore(path).close()
    assert {"edges_src_far", "edges_dst_far"} <= _indexes(path)
    assert not {"edges_src", "edges_dst"} & _indexes(path)
    store = SQLiteStore(path, readonly=True)
    assert [n.id for n in store.list_nodes("Meeting", hosted).nodes] == ["mtg:1"]
    plan = " ".join(str(r) for r in store.conn.execute(
        "EXPLAIN QUERY PLAN SELECT dst FROM edges WHERE src = 'org:a' AND type = 'HOSTS'"))
    assert "COVERING INDEX edges_src_far" in plan
    store.close()
