"""The search index of the embedded store is keyed by node rowid: writes stay cheap as the graph grows,
updates and deletions never leave a stale row, and stores made before are reindexed on open."""

from __future__ import annotations

from pathlib import Path

from orgkg.graph.facts import Batch, NodeFact
from orgkg.graph.sqlite import SQLiteStore


def _batch(article: str, org_name: str) -> Batch:
    art = NodeFact(f"art:{article}", "Article", {"title": article})
    org = NodeFact("org:1", "Organization", {"name": org_name})
    return Batch(article=art, nodes=[org], text=article, digest=article + org_name)


def test_renamed_and_withdrawn_nodes_leave_no_stale_search_row(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "s.db")
    store.write(_batch("a", "Sở Tài chính tỉnh Nam Định"))
    store.write(_batch("b", "Sở Tài chính tỉnh Nam Định (Nam Định)"))  # "longest" wins: the name changes
    hits = store.search("so tai chinh")
    assert [h.node.id for h in hits] == ["org:1"]
    assert hits[0].node.props["name"].endswith("(Nam Định)")
    assert store.conn.execute("SELECT count(*) FROM search WHERE id = 'org:1'").fetchone()[0] == 1
    store.delete_article("art:b")
    store.delete_article("art:a")
    assert store.search("so tai chinh") == []
    assert store.conn.execute("SELECT count(*) FROM search WHERE id = 'org:1'").fetchone()[0] == 0
    assert store.check().ok
    store.close()


def test_a_store_indexed_the_old_way_is_reindexed_on_open(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    store = SQLiteStore(db)
    store.write(_batch("a", "Hội Nông dân tỉnh Nghệ An"))
    # as before the fix: search rows with rowids unrelated to the nodes', and no marker
    store.conn.execute("DELETE FROM search")
    store.conn.execute("INSERT INTO search(rowid, id, type, body) VALUES (999, 'org:1', 'Organization', 'stale')")
    store.conn.execute("DELETE FROM meta WHERE key = 'search_rowids'")
    store.close()
    store = SQLiteStore(db)
    assert [h.node.id for h in store.search("hoi nong dan nghe an")] == ["org:1"]
    assert store.conn.execute("SELECT count(*) FROM search").fetchone()[0] == store.count("Organization") + 1
    store.write(_batch("b", "Hội Nông dân tỉnh Nghệ An, nhiệm kỳ mới"))
    assert store.check().ok
    store.close()
