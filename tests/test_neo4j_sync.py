"""`orgkg sync` and the round trip of the dev gold set through the store interface.

Without a server, Neo4jStore runs here over `StatementGraph`: an in-memory graph that carries out the
catalogued write, read-by-id, iteration, stats and check statements, looked up by their exact text,
with the meaning each statement is written to have. That exercises all of the store's own logic
(claims, merges, withdrawal, orphan removal, digests, decoding, paging) end to end; it cannot show
that Neo4j gives the Cypher that meaning (the linter checks the statements, a server run checks the
rest). Filters, listing, search and group counts are Cypher-heavy and are not modelled.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import test_store_contract as contract
from test_neo4j import FakeDriver

from orgkg.cli import main
from orgkg.commands.sync import copy_store
from orgkg.graph import cypher as cy
from orgkg.graph.neo4j import Neo4jStore
from orgkg.graph.sqlite import SQLiteStore
from orgkg.loaders.load import load_paths
from orgkg.schema import load_model

MODEL = load_model()
Rows = list[dict[str, Any]]


class StatementGraph:
    """Nodes, relationships, claims, texts and resolutions in dicts, changed by the store's statements."""

    def __init__(self) -> None:
        self.nodes: dict[str, dict[str, Any]] = {}  # id -> {"labels": set, "props": dict}
        self.rels: dict[str, dict[str, Any]] = {}  # id -> {"type", "source", "target", "props"}
        self.claims: dict[str, dict[str, Any]] = {}  # key -> row
        self.texts: dict[str, dict[str, Any]] = {}  # article -> {"body", "digest"}
        self.resolutions: dict[str, dict[str, Any]] = {}  # key -> row
        self.handlers: dict[str, Callable[[dict[str, Any]], Rows]] = {
            cy.AWAIT_INDEXES: lambda p: [],
            cy.WRITE_LOCK: lambda p: [],
            cy.ARTICLE_DIGEST: lambda p: [{"digest": self.texts.get(p["article"], {}).get("digest")}],
            cy.ARTICLE_CLAIMS: self.article_claims,
            cy.NODE_PROPS: self.node_props,
            cy.CLAIMS_OF_FACTS: lambda p: sorted(
                ({"fact": c["fact"], "article": c["article"], "props": c["props"]} for c in self.claims.values()
                 if c["fact"] in p["ids"] and c["article"] != p["article"]),
                key=lambda r: (r["fact"], r["article"])),
            cy.CLAIMS_UPSERT: lambda p: self.merge_rows(self.claims, p["rows"]),
            cy.CLAIMS_DELETE_STALE: lambda p: self.delete_stale(self.claims, p),
            cy.RESOLUTIONS_UPSERT: lambda p: self.merge_rows(self.resolutions, p["rows"]),
            cy.RESOLUTIONS_DELETE_STALE: lambda p: self.delete_stale(self.resolutions, p),
            cy.TEXT_UPSERT: self.text_upsert,
            cy.TEXT_DELETE: lambda p: self.texts.pop(p["article"], None) and [],
            cy.NODE_DELETE: self.node_delete,
            cy.CLAIMS_FOR_SOURCES: lambda p: sorted(
                ({"fact": c["fact"], "article": c["article"], "evidence": c["evidence"]}
                 for c in self.claims.values() if c["fact"] in p["ids"]), key=lambda r: (r["fact"], r["article"])),
            cy.ARTICLES_OF: lambda p: sorted(
                ({"fact": c["fact"], "article": c["article"]} for c in self.claims.values() if c["fact"] in p["ids"]),
                key=lambda r: (r["fact"], r["article"])),
            cy.RESOLUTIONS_OF_NODES: lambda p: sorted(
                (self.resolution_row(r) for r in self.resolutions.values() if r["node"] in p["ids"]),
                key=lambda r: (r["node"], r["article"], r["record"])),
            cy.TEXT_BODIES: lambda p: [{"article": a, "body": self.texts[a].get("body")}
                                       for a in p["articles"] if a in self.texts],
            cy.ARTICLE_TEXT: lambda p: [{"body": self.texts[p["article"]].get("body")}]
            if p["article"] in self.texts else [],
            cy.ARTICLES_PAGE: lambda p: [{"article": a, "body": t.get("body"), "digest": t.get("digest")}
                                         for a, t in sorted(self.texts.items()) if a > p["after"]][: p["limit"]],
            cy.PAGE_CLAIMS: lambda p: sorted(
                ({k: c.get(k) for k in ("article", "fact", "props", "evidence", "kind", "type", "source", "target")}
                 for c in self.claims.values() if c["article"] in p["articles"]),
                key=lambda r: (r["article"], r["fact"])),
            cy.PAGE_RESOLUTIONS: lambda p: sorted(
                (self.resolution_row(r) for r in self.resolutions.values() if r["article"] in p["articles"]),
                key=lambda r: (r["article"], r["record"])),
            cy.stats(MODEL)[0]: self.stats,
            cy.CHECK_NODES_WITHOUT_CLAIMS: lambda p: [
                {"id": i} for i in sorted(self.nodes) if i not in {c["fact"] for c in self.claims.values()}],
            cy.CHECK_NODE_CLAIMS_WITHOUT_FACT: lambda p: [
                {"id": f} for f in sorted({c["fact"] for c in self.claims.values() if c["kind"] == "node"})
                if f not in self.nodes],
            cy.CHECK_CLAIMS_WITHOUT_ARTICLE: lambda p: [
                {"article": a} for a in sorted({c["article"] for c in self.claims.values()}) if a not in self.texts],
            cy.CHECK_NODES_WITHOUT_TYPE: lambda p: [
                {"id": i} for i, n in sorted(self.nodes.items()) if len(n["labels"]) < 2],
            cy.CHECK_SEARCH_INDEX: lambda p: [{"state": "ONLINE"}],
            cy.CLEAR: self.clear,
            cy.nodes_page(None): lambda p: self.nodes_page(None, p),
            cy.incident(MODEL): self.incident,
        }
        for _, statement in cy.schema_statements(MODEL):
            self.handlers[statement] = lambda p: []
        for nt in MODEL.nodes.values():
            self.handlers[cy.node_upsert(nt.name)] = lambda p, label=nt.name: self.node_upsert(label, p)
            self.handlers[cy.nodes_page(nt.name)] = lambda p, label=nt.name: self.nodes_page(label, p)
            if nt.searchable():
                self.handlers[cy.check_unsearchable(MODEL, nt.name)] = lambda p, nt=nt: [
                    {"id": i} for i, n in sorted(self.nodes.items()) if nt.name in n["labels"]
                    and cy.SEARCH_PROP not in n["props"] and any(s.name in n["props"] for s in nt.searchable())]
        for rel in MODEL.relationships.values():
            self.handlers[cy.edge_upsert(rel)] = lambda p, rel=rel: self.edge_upsert(rel, p)
            self.handlers[cy.edge_props(rel)] = lambda p, rel=rel: [
                {"id": i, "source": self.rels[i]["source"], "target": self.rels[i]["target"],
                 "props": dict(self.rels[i]["props"])} for i in p["ids"] if self.of_type(i, rel.name)]
            self.handlers[cy.edge_delete(rel)] = lambda p, rel=rel: [
                self.rels.pop(i) for i in p["ids"] if self.of_type(i, rel.name)] and []
            self.handlers[cy.edges_page(rel)] = lambda p, rel=rel: [
                {"id": i, "source": r["source"], "target": r["target"], "props": dict(r["props"])}
                for i, r in sorted(self.rels.items()) if r["type"] == rel.name and i > p["after"]][: p["limit"]]
            self.handlers[cy.check_edges_without_claims(rel)] = lambda p, rel=rel: [
                {"id": i} for i, r in sorted(self.rels.items())
                if r["type"] == rel.name and i not in {c["fact"] for c in self.claims.values()}]
            self.handlers[cy.check_edge_claims_without_fact(rel)] = lambda p, rel=rel: [
                {"id": f} for f in sorted({c["fact"] for c in self.claims.values()
                                           if c["kind"] == "edge" and c["type"] == rel.name})
                if not self.of_type(f, rel.name)]
            for direction in ("out", "in"):
                self.handlers[cy.edges_of(rel, direction)] = lambda p, r=rel, d=direction: self.around(r, d, p, False)
                self.handlers[cy.neighbours_of(rel, direction)] = lambda p, r=rel, d=direction: self.around(
                    r, d, p, True)

    def __call__(self, query: str, params: dict[str, Any]) -> Rows:
        if query not in self.handlers:
            raise AssertionError(f"StatementGraph does not model: {query[:120]}")
        return self.handlers[query](params)

    # helpers
    def of_type(self, rid: str, rtype: str) -> bool:
        return rid in self.rels and self.rels[rid]["type"] == rtype

    @staticmethod
    def merge_rows(table: dict[str, dict[str, Any]], rows: Rows) -> Rows:
        for row in rows:  # MERGE (x {key}) SET x = row: a null value leaves no property
            table[row["key"]] = {k: v for k, v in row.items() if v is not None}
        return []

    @staticmethod
    def delete_stale(table: dict[str, dict[str, Any]], p: dict[str, Any]) -> Rows:
        for key in [k for k, r in table.items() if r["article"] == p["article"] and k not in p["keep"]]:
            del table[key]
        return []

    @staticmethod
    def resolution_row(r: dict[str, Any]) -> dict[str, Any]:
        return {k: r.get(k) for k in ("article", "record", "node", "type", "props")}

    def article_claims(self, p: dict[str, Any]) -> Rows:
        return sorted(({k: c.get(k) for k in ("fact", "props", "evidence", "kind", "type", "source", "target")}
                       for c in self.claims.values() if c["article"] == p["article"]), key=lambda r: r["fact"])

    def node_props(self, p: dict[str, Any]) -> Rows:
        return [{"id": i, "labels": sorted(self.nodes[i]["labels"]), "props": dict(self.nodes[i]["props"])}
                for i in p["ids"] if i in self.nodes]

    def text_upsert(self, p: dict[str, Any]) -> Rows:
        self.texts[p["article"]] = {k: p[k] for k in ("body", "digest") if p[k] is not None}
        return []

    def node_delete(self, p: dict[str, Any]) -> Rows:
        for i in p["ids"]:
            if self.nodes.pop(i, None) is not None:  # DETACH DELETE
                for rid in [r for r, e in self.rels.items() if i in (e["source"], e["target"])]:
                    del self.rels[rid]
        return []

    def node_upsert(self, label: str, p: dict[str, Any]) -> Rows:
        for row in p["rows"]:
            node = self.nodes.setdefault(row["id"], {"labels": {cy.ENTITY}, "props": {}})
            node["props"] = dict(row["props"])
            node["labels"].add(label)
        return []

    def edge_upsert(self, rel: Any, p: dict[str, Any]) -> Rows:
        for row in p["rows"]:
            for end, label in ((row["source"], rel.source), (row["target"], rel.target)):
                if end not in self.nodes:  # MERGE … ON CREATE SET label
                    self.nodes[end] = {"labels": {cy.ENTITY, label}, "props": {"id": end}}
            self.rels[row["id"]] = {"type": rel.name, "source": row["source"], "target": row["target"],
                                    "props": dict(row["props"])}
        return []

    def around(self, rel: Any, direction: str, p: dict[str, Any], far: bool) -> Rows:
        out = []
        for nid in p["ids"]:
            if nid not in self.nodes:
                continue
            for rid, e in self.rels.items():
                near, other = (e["source"], e["target"]) if direction == "out" else (e["target"], e["source"])
                far_type = rel.target if direction == "out" else rel.source
                if e["type"] != rel.name or near != nid or far_type not in self.nodes[other]["labels"]:
                    continue
                row = {"near": nid, "id": rid, "source": e["source"], "target": e["target"], "props": dict(e["props"])}
                if far:
                    row.update(far=other, far_labels=sorted(self.nodes[other]["labels"]),
                               far_props=dict(self.nodes[other]["props"]))
                out.append(row)
        return sorted(out, key=lambda r: (r["near"], r["id"]))

    def incident(self, p: dict[str, Any]) -> Rows:
        return sorted(({"near": nid, "id": rid, "type": e["type"], "source": e["source"], "target": e["target"],
                        "props": dict(e["props"])} for nid in set(p["ids"]) if nid in self.nodes
                       for rid, e in self.rels.items() if nid in (e["source"], e["target"])),
                      key=lambda r: (r["id"], r["near"]))

    def nodes_page(self, label: str | None, p: dict[str, Any]) -> Rows:
        return [{"id": i, "labels": sorted(n["labels"]), "props": dict(n["props"])}
                for i, n in sorted(self.nodes.items()) if (label or cy.ENTITY) in n["labels"] and i > p["after"]][
            : p["limit"]]

    def stats(self, p: dict[str, Any]) -> Rows:
        row: dict[str, Any] = {}
        for column, key in cy.stats(MODEL)[1]:
            kind, _, name = key.partition(".")
            if kind == "nodes":
                row[column] = sum(name in n["labels"] for n in self.nodes.values())
            elif kind == "edges":
                row[column] = sum(e["type"] == name for e in self.rels.values())
            else:
                row[column] = len(self.claims)
        return [row]

    def clear(self, p: dict[str, Any]) -> Rows:
        n = len(self.nodes) + len(self.claims) + len(self.texts) + len(self.resolutions)
        self.__init__()  # type: ignore[misc]
        return [{"deleted": n}]


def graph_store() -> tuple[Neo4jStore, StatementGraph]:
    graph = StatementGraph()
    return Neo4jStore(FakeDriver(graph), sleep=lambda _: None), graph


def snapshot(store: Any) -> dict[str, Any]:
    return {"stats": store.stats(), "nodes": list(store.iter_nodes()), "edges": list(store.iter_edges()),
            "batches": [(b.article, b.text, b.digest, b.nodes, b.edges, b.resolutions) for b in store.iter_batches()]}


@pytest.fixture
def gold_db(tmp_path: Path, dev_gold: Path) -> SQLiteStore:
    store = SQLiteStore(tmp_path / "gold.db")
    report = load_paths(store, [dev_gold], progress=False, workers=1)
    assert report.loaded >= 5 and not report.rejected
    return store


def test_sync_round_trips_the_dev_set_sqlite_to_sqlite(gold_db: SQLiteStore, tmp_path: Path) -> None:
    middle, back = SQLiteStore(tmp_path / "middle.db"), SQLiteStore(tmp_path / "back.db")
    report = copy_store(gold_db, middle)
    assert report.same and report.loaded == gold_db.stats()["nodes.Article"] and report.skipped == 0
    assert copy_store(middle, back).same
    assert snapshot(back) == snapshot(gold_db)
    again = copy_store(gold_db, middle)  # unchanged articles are skipped
    assert (again.loaded, again.skipped) == (0, report.loaded)
    assert back.check().ok


def test_sync_round_trips_the_dev_set_through_the_neo4j_store(gold_db: SQLiteStore, tmp_path: Path) -> None:
    neo, graph = graph_store()
    there = copy_store(gold_db, neo)
    assert there.same, (there.source, there.target)
    assert neo.check().ok, neo.check().problems
    # what the Neo4j store gives back through the interface is what the embedded store holds
    original = snapshot(gold_db)
    assert snapshot(neo) == original
    back = SQLiteStore(tmp_path / "back.db")
    assert copy_store(neo, back).same
    assert snapshot(back) == original
    ids = [n.id for n in gold_db.iter_nodes()]
    assert neo.get_nodes(ids) == gold_db.get_nodes(ids)
    assert neo.sources(ids) == gold_db.sources(ids)
    for rel in MODEL.relationships:
        for direction in ("out", "in"):
            assert neo.neighbours(ids, rel, direction) == gold_db.neighbours(ids, rel, direction)
    assert neo.incident(ids) == gold_db.incident(ids) and len(neo.incident(ids)) > 50
    # every searchable node carries its folded text for the full-text index
    searchable = [n for n in graph.nodes.values() if cy.SEARCH_PROP in n["props"]]
    assert len(searchable) >= original["stats"]["nodes.Person"]


def test_orgkg_sync_command_both_ways(gold_db: SQLiteStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                      capsys: pytest.CaptureFixture[str]) -> None:
    neo, _ = graph_store()
    neo.close = lambda: None  # type: ignore[method-assign]  # one fake server for both runs
    monkeypatch.setattr(Neo4jStore, "from_env", classmethod(lambda cls: neo))
    gold_path = gold_db.path
    gold_db.close()
    assert main(["--db", gold_path, "sync", "--to", "neo4j"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["same"] and out["to"] == "neo4j" and out["loaded"] >= 5
    copy = tmp_path / "copy.db"
    assert main(["--db", str(copy), "sync", "--to", "sqlite"]) == 0
    assert json.loads(capsys.readouterr().out)["same"]
    assert SQLiteStore(copy).stats() == SQLiteStore(gold_path, readonly=True).stats()
    missing = tmp_path / "none.db"
    assert main(["--db", str(missing), "sync", "--to", "neo4j"]) == 2
    assert "No embedded store" in capsys.readouterr().err


def test_prune_withdraws_articles_the_source_lacks(gold_db: SQLiteStore, tmp_path: Path) -> None:
    target = SQLiteStore(tmp_path / "t.db")
    target.write(contract.batch("extra", {"org:x": {"name": "Chỉ ở đích"}}))
    kept = copy_store(gold_db, target)
    assert not kept.same and "org:x" in target.get_nodes(["org:x"])
    pruned = copy_store(gold_db, target, prune=True)
    assert pruned.pruned == 1 and pruned.same and target.get_nodes(["org:x"]) == {}


# the contract tests this model can carry (no filters, listing or search) -----------------------

CONTRACT = [
    contract.test_write_then_read_nodes_and_edges,
    contract.test_claims_from_two_articles_merge_in_any_order,
    contract.test_reload_replaces_an_articles_claims_and_drops_orphans,
    contract.test_unchanged_input_is_skipped,
    contract.test_delete_article_withdraws_only_its_claims,
    contract.test_sources_give_article_and_sentence,
    contract.test_articles_of_lists_each_facts_articles_once,
    contract.test_iter_batches_rebuild_the_same_graph,
    contract.test_neighbours_bring_the_far_node,
    contract.test_resolutions_are_replaced_with_their_article_and_read_back_by_node,
]


@pytest.mark.parametrize("case", CONTRACT, ids=lambda f: f.__name__)
def test_store_contract_through_the_statement_model(case: Callable[..., None], tmp_path: Path) -> None:
    store, _ = graph_store()
    params = case.__code__.co_varnames[: case.__code__.co_argcount]
    case(*[store if p == "store" else tmp_path for p in params])


def _random_batch(rng: Any, aid: str, version: int) -> Any:
    from orgkg.graph.facts import Batch, EdgeFact, Evidence, NodeFact

    names = ["Sở KH", "Sở KH&CN", "Sở Khoa học và Công nghệ", "Tỉnh ủy", "Hội Nông dân tỉnh"]
    orgs = rng.sample(range(6), rng.randint(1, 4))
    nodes = [NodeFact(f"org:{i}", "Organization",
                      {"name": rng.choice(names), **({"aliases": rng.sample(names, 2)} if rng.random() < 0.5 else {}),
                       **({"kind": rng.choice(["sở", "hội"])} if rng.random() < 0.5 else {})},
                      [Evidence(0, 4, 0, 10)]) for i in orgs]
    edges = [EdgeFact(f"rel:{a}-{b}", "SUB_ORGANIZATION_OF", f"org:{a}", f"org:{b}", {}, [Evidence(1, 2, 0, 10)])
             for a, b in itertools.pairwise(orgs) if rng.random() < 0.7]
    return Batch(NodeFact(f"art:{aid}", "Article", {"title": f"Bài {aid}", "published": f"2023-0{version % 9 + 1}"}),
                 "Một câu đủ dài.", nodes, edges, f"{aid}-{version}")


def test_random_writes_and_deletes_leave_both_stores_alike(tmp_path: Path) -> None:
    """The same random history of loads, reloads and withdrawals on the embedded store and on the Neo4j
    store (over the statement model) leaves the same graph, claims and sources after every step."""
    import random

    rng = random.Random(11)
    sqlite = SQLiteStore(tmp_path / "ref.db")
    neo, _ = graph_store()
    ids = [f"org:{i}" for i in range(6)] + [f"art:a{i}" for i in range(4)]
    for step in range(60):
        aid = f"a{rng.randrange(4)}"
        if rng.random() < 0.2:
            assert neo.delete_article(f"art:{aid}") == sqlite.delete_article(f"art:{aid}")
        else:
            b = _random_batch(rng, aid, step if rng.random() < 0.8 else 0)
            assert neo.write(b).status == sqlite.write(b).status
        assert snapshot(neo) == snapshot(sqlite), step
        assert neo.sources(ids) == sqlite.sources(ids)
        assert neo.check().ok, neo.check().problems
