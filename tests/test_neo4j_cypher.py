"""`orgkg cypher` lists every statement the Neo4j store sends, and Neo4j's own Cypher 5 linter
(@neo4j-cypher/language-support, driven by tests/js/lint_cypher.mjs) finds nothing wrong in them."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import random
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from test_neo4j import HOSTILE, FakeDriver, default_responder, make_store

from orgkg.cli import main
from orgkg.graph import cypher as cy
from orgkg.graph.cursor import encode_cursor
from orgkg.graph.facts import Batch, EdgeFact, NodeFact
from orgkg.graph.where import relationship_fields, validate
from orgkg.schema import load_model

JS = Path(__file__).resolve().parent / "js"
LINTER = JS / "node_modules" / "@neo4j-cypher" / "language-support"
MODEL = load_model()


def _need_linter() -> None:
    if shutil.which("node") is None:
        pytest.skip("Cypher lint skipped: `node` is not installed (Node.js 18+ runs tests/js/lint_cypher.mjs)")
    if not LINTER.is_dir():
        pytest.skip(f"Cypher lint skipped: {LINTER} is missing (run `npm ci` in tests/js)")


def _names(tmp_path: Path) -> Path:
    """Every label, relationship type and property key the store uses: anything else is reported."""
    keys = {"id", cy.SEARCH_PROP, cy.fold_key("id"), "key", "fact", "article", "kind", "type", "source", "target",
            "props", "evidence", "body", "digest", "record", "node", "name", "writes"}
    for t in [*MODEL.nodes.values(), *MODEL.relationships.values()]:
        for p in t.properties:
            keys |= {p, cy.fold_key(p)}
    path = tmp_path / "names.json"
    path.write_text(json.dumps({
        "labels": [cy.ENTITY, cy.CLAIM, cy.TEXT, cy.RESOLUTION, cy.WRITE_LOCK_LABEL, *MODEL.nodes],
        "relationshipTypes": list(MODEL.relationships),
        "propertyKeys": sorted(keys),
    }))
    return path


def lint(statements: list[dict[str, Any]], tmp_path: Path, cache: Any = None) -> dict[str, list[dict[str, Any]]]:
    """Diagnostics by statement name. The linter costs ~0.1 s of CPU a statement, so results are kept in
    pytest's cache under a hash of everything that decides them (statements, names, linter, script)."""
    _need_linter()
    names = _names(tmp_path)
    digest = hashlib.sha256()
    for part in (json.dumps(statements, sort_keys=True), names.read_text(), (JS / "lint_cypher.mjs").read_text(),
                 (LINTER / "package.json").read_text()):
        digest.update(part.encode("utf-8"))
    key = f"orgkg/cypher-lint/{digest.hexdigest()[:32]}"
    if cache is not None and (hit := cache.get(key, None)) is not None:
        return hit
    done = subprocess.run(
        ["node", str(JS / "lint_cypher.mjs"), str(names)],
        input=json.dumps(statements), capture_output=True, text=True, cwd=JS, timeout=900, check=False,
    )
    assert done.returncode == 0, done.stderr
    results = {r["name"]: r["diagnostics"] for r in json.loads(done.stdout)}
    if cache is not None:
        cache.set(key, results)
    return results


def cli_catalog(capsys: pytest.CaptureFixture[str]) -> list[dict[str, Any]]:
    assert main(["cypher"]) == 0
    return json.loads(capsys.readouterr().out)


def test_the_catalog_names_every_kind_of_statement(capsys: pytest.CaptureFixture[str]) -> None:
    statements = cli_catalog(capsys)
    names = [s["name"] for s in statements]
    assert len(names) == len(set(names))
    assert all(set(s) == {"name", "cypher", "parameters"} for s in statements)
    for label in MODEL.nodes:
        assert f"schema.constraint.{label}.id" in names
        assert f"write.node_upsert.{label}" in names
        assert f"read.list.{label}" in names and f"read.count.{label}" in names
    for rel in MODEL.relationships:
        assert f"schema.constraint.{rel}.id" in names
        assert f"write.edge_upsert.{rel}" in names
        for direction in ("out", "in"):
            assert f"read.neighbours.{rel}.{direction}" in names
    for name in ("schema.index.search", "read.get_nodes", "read.sources.claims", "read.search", "stats",
                 "iter.articles", "write.claims_upsert", "clear"):
        assert name in names
    assert sum(n.startswith("read.list.") and ".where." in n for n in names) == len(cy.FILTER_EXAMPLES)
    # every $parameter a statement uses has an example value
    for s in statements:
        for param in set(re.findall(r"\$(\w+)", s["cypher"])):
            assert param in s["parameters"], (s["name"], param)


BROKEN = [
    {"name": "broken.undefined_parameter", "cypher": cy.GET_NODES.replace("$ids", "$idz"),
     "parameters": {"ids": []}},
    {"name": "broken.syntax", "cypher": cy.NODE_DELETE.replace("DETACH DELETE", "DETACH"), "parameters": {"ids": []}},
    {"name": "broken.unknown_variable", "cypher": cy.ARTICLE_TEXT.replace("t.body", "u.body"),
     "parameters": {"article": "a"}},
    {"name": "broken.unknown_procedure", "cypher": cy.SEARCH.replace("queryNodes", "queryNode"),
     "parameters": {"index": "i", "query": "q", "types": [], "limit": 1}},
    {"name": "broken.cypher_25_only", "cypher": "MATCH (n:Entity) FILTER n.id = $id RETURN n", "parameters": {"id": 1}},
    {"name": "broken.unknown_label", "cypher": cy.nodes_page("Person").replace("Person", "Persn"),
     "parameters": {"after": "", "limit": 1}},
]


@pytest.fixture(scope="module")
def linted(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """The catalog as `orgkg cypher` prints it, broken statements and random filters, linted in one run."""
    _need_linter()
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        assert main(["cypher"]) == 0
    catalog = json.loads(out.getvalue())
    randoms = random_filters(300 if request.config.getoption("--slow") else 30)
    results = lint([*catalog, *BROKEN, *randoms], tmp_path_factory.mktemp("lint"),
                   getattr(request.config, "cache", None))
    return {"catalog": catalog, "randoms": randoms, "results": results}


def test_every_statement_passes_neos_cypher_5_linter(linted: dict[str, Any]) -> None:
    names = [s["name"] for s in linted["catalog"]]
    assert len(names) > 150 and set(names) <= set(linted["results"])
    problems = {name: linted["results"][name] for name in names if linted["results"][name]}
    assert problems == {}  # not even a warning (unknown label, property, function or procedure)


def test_the_linter_does_report_broken_statements(linted: dict[str, Any]) -> None:
    """The zero above means something: the same harness reports each kind of mistake."""
    for s in BROKEN:
        severities = {d["severity"] for d in linted["results"][s["name"]]}
        expected = "warning" if s["name"] == "broken.unknown_label" else "error"
        assert expected in severities, (s["name"], linted["results"][s["name"]])


def test_random_filters_compile_to_cypher_the_linter_accepts(linted: dict[str, Any]) -> None:
    names = [s["name"] for s in linted["randoms"]]
    assert len(names) >= 30
    assert {n: linted["results"][n] for n in names if linted["results"][n]} == {}


def _scenario(store: Any) -> None:
    """Every store method, with the catalog's filter shapes."""
    b = Batch(NodeFact("art:1", "Article", {"title": "Bài"}), "Văn bản.", [
        NodeFact("org:1", "Organization", {"name": "Hội Nông dân"}),
        NodeFact("per:1", "Person", {"name": "Lê Văn B"}),
        NodeFact("post:1", "Post", {"title": "Chủ tịch"}),
        NodeFact("mtg:1", "Meeting", {"name": "Hội nghị", "date": "2023-01-05"}),
        NodeFact("task:1", "Task", {"text": "Làm tốt"}),
    ], [EdgeFact(f"rel:{r.name}", r.name, f"{MODEL.nodes[r.source].id_prefix}:1",
                 f"{MODEL.nodes[r.target].id_prefix}:1", {}) for r in MODEL.relationships.values()], "d")
    store.write(b)
    store.delete_article("art:1")
    store.get_nodes(["org:1"])
    for rel in MODEL.relationships:
        for direction in ("out", "in"):
            store.edges(["org:1"], rel, direction)
            store.neighbours(["org:1"], rel, direction)
            store.group_count(rel, direction)
    store.sources(["org:1"])
    store.incident(["org:1", "mtg:1"])
    store.articles_of(["org:1"])
    store.resolutions(["org:1"])
    store.article_text("art:1")
    for nt in MODEL.nodes.values():
        store.list_nodes(nt.name)
        store.count(nt.name)
        sortable = [p.name for p in nt.properties.values() if p.sort]
        if sortable:
            store.list_nodes(nt.name, sort=[(sortable[0], "DESC")], after=encode_cursor(["x", "y"]))
    for _, node_type, where in cy.FILTER_EXAMPLES:
        store.list_nodes(node_type, where)
    store.search("le van b", types=["Person"])
    for nt in [None, *MODEL.nodes]:
        list(store.iter_nodes(nt))
    list(store.iter_edges())
    list(store.iter_batches())
    store.stats()
    store.check()
    store.clear()


def test_the_store_sends_only_catalogued_statements(capsys: pytest.CaptureFixture[str]) -> None:
    old_claims = [{"fact": f, "props": "{}", "kind": k, "type": t, "source": s, "target": d, "evidence": "[]"}
                  for f, k, t, s, d in [("org:1", "node", "Organization", None, None),
                                        ("rel:x", "edge", "HOSTS", "org:1", "mtg:1")]]

    def responder(query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        if query == cy.ARTICLE_CLAIMS:  # so that withdrawal, recomputation and deletion all run
            return old_claims
        if query == cy.CLAIMS_OF_FACTS:
            return [{"fact": "org:1", "article": "art:2", "props": '{"name":"X"}'}]
        return default_responder(query, params)

    driver = FakeDriver(responder)
    store, driver, _ = make_store(driver)
    _scenario(store)
    catalogued = {s["cypher"] for s in cli_catalog(capsys)}
    sent = {q for q, _ in driver.runs}
    assert len(sent) > 100
    assert sent - catalogued == set()
    # and the set-up statements too
    setup = FakeDriver()
    make_store(setup)
    assert {q for q, _ in setup.runs} <= catalogued


def _random_ops(rng: random.Random, is_list: bool) -> dict[str, Any]:
    ops = ["eq", "ne", "in", "contains", "startsWith", "endsWith", "eqFold", "containsFold", "startsWithFold",
           "gt", "gte", "lt", "lte", "isNull"]
    out: dict[str, Any] = {}
    for op in rng.sample(ops, rng.randint(1, 3)):
        out[op] = (rng.random() < 0.5) if op == "isNull" else [rng.choice(HOSTILE)] if op == "in" else rng.choice(
            [*HOSTILE, "2023", "2023-07"])
    return out


def _random_where(rng: random.Random, node_type: str, depth: int = 0) -> dict[str, Any]:
    nt = MODEL.nodes[node_type]
    rels = relationship_fields(MODEL, node_type)
    where: dict[str, Any] = {}
    for _ in range(rng.randint(1, 3)):
        roll = rng.random()
        if roll < 0.4 or depth >= 2:
            prop = rng.choice(["id", *nt.properties])
            where[prop] = _random_ops(rng, prop != "id" and nt.properties[prop].is_list)
        elif roll < 0.6:
            where[rng.choice(["AND", "OR"])] = [_random_where(rng, node_type, depth + 1)
                                                 for _ in range(rng.randint(0, 2))]
        elif roll < 0.7:
            where["NOT"] = _random_where(rng, node_type, depth + 1)
        elif rels:
            field = rng.choice(sorted(rels))
            rel, direction = rels[field]
            far = rel.target if direction == "out" else rel.source
            sub = _random_where(rng, far, depth + 1)
            for p in rel.properties:
                if rng.random() < 0.5:
                    sub[p] = _random_ops(rng, False)
            where[field] = {rng.choice(["some", "none", "all"]): sub}
    return where


def random_filters(n: int) -> list[dict[str, Any]]:
    """`n` page statements for random valid filters, sorts and cursors (hostile strings as values)."""
    rng = random.Random(7)
    statements = []
    for i in range(n):
        node_type = rng.choice(sorted(MODEL.nodes))
        where = _random_where(rng, node_type)
        validate(MODEL, node_type, where)
        sortable = [p.name for p in MODEL.nodes[node_type].properties.values() if p.sort]
        sort = [(rng.choice(sortable), rng.choice(["ASC", "DESC"]))] if sortable and rng.random() < 0.5 else []
        after = [rng.choice(HOSTILE) for _ in range(len(sort))] + ["x:1"] if rng.random() < 0.5 else None
        cypher, params = cy.page_query(MODEL, node_type, where, sort, after, 10)
        assert not any(h in cypher for h in HOSTILE)
        statements.append({"name": f"random.{i}", "cypher": cypher, "parameters": params})
    return statements
