"""Batches as the SQLite writer's rows (graph/rows.py), and the writer's short cuts over them: whatever
order articles come in, and however often they are reloaded, every stored value is the join of its
claims, and the search row and folded label follow it."""

from __future__ import annotations

import itertools
import json
import os

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from orgkg.graph import sqlite as sq
from orgkg.graph.facts import Batch, EdgeFact, Evidence, NodeFact
from orgkg.graph.merge import merge_all, merge_props
from orgkg.graph.rows import ArticleRows, _fresh, article_rows, dumps, node_label, search_body
from orgkg.graph.sqlite import SQLiteStore
from orgkg.schema import load_model

MODEL = load_model()
ORG = MODEL.nodes["Organization"].properties

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(2**70), 2**70) | st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=12)


@given(json_values)
def test_dumps_spells_json_as_the_json_module_does(value) -> None:
    assert dumps(value) == json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


names = st.sampled_from(["Sở Y tế", "Sở Y Tế", "sở y tế tỉnh", "", "Sở Nội vụ", "Ban Tổ chức"])
org_claims = st.fixed_dictionaries({}, optional={
    "name": names,
    "aliases": st.lists(names, max_size=4) | names,  # unsorted, repeated, or one value for a list
    "kind": st.sampled_from(["Sở", "Ban", "", None]),
    "locality": st.sampled_from(["Hà Nội", "Huế"]),
})
# As the loaders make them: a list property's value sorted without repeats (see the test after the next)
sorted_claims = st.fixed_dictionaries({}, optional={
    "name": names,
    "aliases": st.lists(names, max_size=4, unique=True).map(sorted) | names,
    "kind": st.sampled_from(["Sở", "Ban", "", None]),
    "locality": st.sampled_from(["Hà Nội", "Huế"]),
})


@given(org_claims)
def test_fresh_is_the_claim_joined_with_nothing(claim) -> None:
    fresh, idempotent = _fresh(ORG, claim)
    assert fresh == merge_props(ORG, {}, claim)
    assert idempotent == (merge_props(ORG, fresh, claim) == fresh)


def test_a_list_with_no_order_between_its_values_is_stored_as_claimed(tmp_path) -> None:
    # A store may be handed such a list (a record file, a test): the old writer stored it as claimed,
    # and so must the rows; joining it again cannot sort it, so it is never "unchanged".
    claim = {"name": "Số", "aliases": ["một", 2, None]}
    assert _fresh(ORG, claim) == (claim, False)
    store = SQLiteStore(tmp_path / "s.db", MODEL)
    rows = article_rows(Batch(NodeFact("art:x", "Article", {"title": "x"}), None,
                              [NodeFact("org:n", "Organization", dict(claim))], [], "x"), MODEL)
    assert [r.status for r in store.write_many([rows])] == ["loaded"]
    assert store.get_nodes(["org:n"])["org:n"].props["aliases"] == ["một", 2, None]


def _article(aid: str, claims: list[tuple[str, dict]], version: int) -> Batch:
    nodes = [NodeFact(oid, "Organization", dict(props), [Evidence(i, i + 1)]) for i, (oid, props) in enumerate(claims)]
    ids = sorted({oid for oid, _ in claims})
    edges = [EdgeFact(f"sub:{a}:{b}", "SUB_ORGANIZATION_OF", a, b, {}) for a, b in itertools.pairwise(ids)]
    return Batch(NodeFact(f"art:{aid}", "Article", {"title": aid}), f"text {version}", nodes, edges,
                 f"{aid}-{version}")


articles = st.lists(st.tuples(
    st.sampled_from(["a1", "a2", "a3", "a4"]),
    st.lists(st.tuples(st.sampled_from(["org:1", "org:2", "org:3"]), sorted_claims), max_size=4),
    st.booleans(),  # hand the store its rows (as a worker does) or the batch
), min_size=1, max_size=8)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(articles)
def test_every_stored_value_is_the_join_of_its_claims(tmp_path, loads) -> None:
    path = tmp_path / f"s-{os.getpid()}-{abs(hash(repr(loads)))}.db"
    store = SQLiteStore(path)
    try:
        written = [article_rows(b, MODEL) if as_rows else b
                   for n, (aid, claims, as_rows) in enumerate(loads) for b in [_article(aid, claims, n)]]
        list(store.write_many(written))
        c = store.conn
        for rowid, nid, ntype, folded, props in c.execute("SELECT rowid, id, type, fold, props FROM nodes"):
            claims = [json.loads(p) for (p,) in c.execute(
                "SELECT props FROM claims WHERE fact = ? ORDER BY article", (nid,))]
            merged = merge_all(MODEL.nodes[ntype].properties, claims)
            assert json.loads(props) == merged
            assert folded == node_label(MODEL, ntype, merged)
            body = c.execute("SELECT body FROM search WHERE rowid = ?", (rowid,)).fetchone()
            assert (body[0] if body else None) == search_body(MODEL, ntype, merged)
        for eid, props in c.execute("SELECT id, props FROM edges"):
            assert c.execute("SELECT count(*) FROM claims WHERE fact = ?", (eid,)).fetchone()[0] > 0
            assert json.loads(props) == {}
        assert store.check().ok, store.check().problems
    finally:
        store.close()
        for suffix in ("", "-wal", "-shm"):
            if os.path.exists(f"{path}{suffix}"):
                os.remove(f"{path}{suffix}")


def test_a_list_claimed_unsorted_is_joined_again_when_stated_again(tmp_path) -> None:
    # The first claim of a node is stored as it is ("b", "a": joined with nothing); the same claim from
    # another article joins it (sorted): the writer's short cut for a claim equal to the stored value
    # must not skip that join.
    store = SQLiteStore(tmp_path / "s.db")
    claim = {"name": "Sở Y tế", "aliases": ["b", "a", "b"]}
    (org,) = [f for f in article_rows(_article("a1", [("org:1", claim)], 0), MODEL).facts if f[0] == "org:1"]
    assert org[8] is False  # not idempotent
    list(store.write_many([article_rows(_article("a1", [("org:1", claim)], 0), MODEL)]))
    assert store.get_nodes(["org:1"])["org:1"].props["aliases"] == ["b", "a", "b"]
    list(store.write_many([article_rows(_article("a2", [("org:1", claim)], 0), MODEL)]))
    assert store.get_nodes(["org:1"])["org:1"].props["aliases"] == ["a", "b"]
    store.close()


def test_a_fact_stated_twice_in_an_article_is_one_claim() -> None:
    batch = Batch(NodeFact("art:a", "Article", {}), None, [
        NodeFact("org:1", "Organization", {"name": "Sở Y tế", "aliases": ["b"]}, [Evidence(1, 2)]),
        NodeFact("org:1", "Organization", {"name": "Sở Y tế tỉnh", "aliases": ["a"]}, [Evidence(5, 6)]),
    ])
    rows = article_rows(batch, MODEL)
    assert isinstance(rows, ArticleRows) and (rows.nodes, rows.edges) == (3, 0)
    (org,) = [f for f in rows.facts if f[0] == "org:1"]
    assert json.loads(org[5]) == {"name": "Sở Y tế tỉnh", "aliases": ["a", "b"]}
    assert json.loads(org[6]) == [[1, 2, None, None], [5, 6, None, None]]
    assert org[9] == "so y te tinh"


def _wal_after(tmp_path, name: str, monkeypatch, restart_bytes: int) -> int:
    monkeypatch.setattr(sq, "GROUP_ARTICLES", 2)
    monkeypatch.setattr(sq, "WAL_RESTART_BYTES", restart_bytes)
    store = SQLiteStore(tmp_path / name)
    try:
        batches = [_article(f"a{i}", [(f"org:{i}", {"name": f"Sở số {i}", "aliases": [f"S{i}"]})], 0)
                   for i in range(300)]
        assert all(r.status == "loaded" for r in store.write_many(batches))
        assert store.conn.execute("PRAGMA wal_autocheckpoint").fetchone() == (1000,)  # SQLite's again
        assert store.check().ok
        return os.path.getsize(tmp_path / f"{name}-wal")  # before the last connection's close removes it
    finally:
        store.close()


def test_the_wal_starts_over_once_long(tmp_path, monkeypatch) -> None:
    # Groups of 2 articles, 150 commits: a writer that never waits for the copying thread keeps beginning
    # before a copy catches up, and the WAL holds every group; one that waits once the WAL is long
    # starts it over, and it stays a few groups long.
    endless = _wal_after(tmp_path, "endless.db", monkeypatch, 1 << 40)
    bounded = _wal_after(tmp_path, "bounded.db", monkeypatch, 0)
    assert bounded * 3 < endless, (bounded, endless)
