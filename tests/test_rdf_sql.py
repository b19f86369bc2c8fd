"""The whole-graph export written by SQLite (graph/rdf_sql.py) is the same RDF as Describer's: both
paths export varied stores (loaded records, awkward literals, dangling and odd relationships, the
benchmark's synthetic articles) and two engines find exactly the same statements."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from rdflib.compare import isomorphic

from orgkg.bench.rdf import synthetic_batch
from orgkg.cli import main
from orgkg.graph import rdf_sql
from orgkg.graph.facts import Batch, EdgeFact, NodeFact
from orgkg.graph.rdf import Describer, Mapping
from orgkg.graph.rdf_formats import Counter, write
from orgkg.graph.shapes import shapes_graph
from orgkg.graph.sqlite import SQLiteStore
from orgkg.graph.store import StoreError
from tests.test_rdf import RECORD, _load

OX = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES}
ODD = 'Hội "Nông dân" \\ A & B <C> ]]> {x}\nD\tE\r F \'G\' @vi ^^ # . ; \x01\x0b end'

# A second article: every participation role, an election without a holding (another term), dates of
# each precision, aliases, awkward and Vietnamese text.
SECOND = {
    "article": {"title": "Đại hội Chi bộ \"Xã\" nhiệm kỳ 2025-2030\\", "url": "https://example.vn/dai-hoi?a=1&b=2",
                "published": "2025-03"},
    "meetings": [
        {"name": "Đại hội Chi bộ xã Đông Hà", "kind": "đại hội", "date": "2025",
         "host": "Đảng ủy xã Đông Hà", "location": "Hội trường\nxã"},
    ],
    "organizations": [
        {"name": "Đảng ủy xã Đông Hà", "aliases": ["Đảng ủy xã", "ĐU xã Đông Hà"], "parent": "Huyện ủy Gio Linh"},
        {"name": "Hội Nông dân tỉnh Hà Giang", "aliases": ["Hội ND tỉnh"]},
    ],
    "people": [
        {"name": "Trần Văn Bình", "honorific": "ông",
         "positions": [{"title": "Bí thư", "organization": "Đảng ủy xã Đông Hà", "term": "2020-2025"},
                       {"title": "Phó Chủ tịch", "organization": "Hội Nông dân tỉnh Hà Giang"}]},
        {"name": "Nguyễn Thị Hoa", "honorific": "bà", "positions": []},
        {"name": "Vàng Seo Cố", "honorific": "đồng chí",
         "positions": [{"title": "Chủ tịch", "organization": "Hội Nông dân tỉnh Hà Giang", "term": "2023-2028"}]},
    ],
    "participation": [
        {"person": "Trần Văn Bình", "meeting": "Đại hội Chi bộ xã Đông Hà", "role": role}
        for role in ("attended", "chaired", "spoke", "reported", "elected")
    ] + [{"person": "Nguyễn Thị Hoa", "meeting": "Đại hội Chi bộ xã Đông Hà", "role": "spoke"}],
    "elections": [
        {"person": "Trần Văn Bình", "title": "Bí thư", "organization": "Đảng ủy xã Đông Hà", "term": "2025-2030",
         "meeting": "Đại hội Chi bộ xã Đông Hà"},
        {"person": "Vàng Seo Cố", "title": "Chủ tịch", "organization": "Hội Nông dân tỉnh Hà Giang",
         "term": "2023-2028", "meeting": "Đại hội Chi bộ xã Đông Hà"},
    ],
    "tasks": [{"text": "Nâng cao \"chất lượng\" sinh hoạt\tchi bộ", "organization": "Đảng ủy xã Đông Hà",
               "period": "2025-2030", "meeting": "Đại hội Chi bộ xã Đông Hà"}],
}


def _odd_batch() -> Batch:
    """Facts the loaders would not write but a store may hold: what Describer does with them, the SQL must too."""
    art = NodeFact("art:odd.one", "Article", {"title": "Bài\u000b lạ", "published": "2024-02"})
    nodes = [
        NodeFact("org:odd", "Organization", {"name": ODD, "aliases": [ODD, "a.b.", "x"], "kind": "Sở \"lạ\""}),
        NodeFact("org:numbers", "Organization", {"name": "Số", "aliases": ["một", 2, None], "locality": 7}),
        NodeFact("per:odd", "Person", {"name": "Người\r\nlạ", "honorifics": ["ông", "đồng chí"]}),
        NodeFact("post:odd", "Post", {"title": ODD}),
        NodeFact("post:untitled", "Post", {}),
        NodeFact("mtg:odd", "Meeting", {"name": "Họp", "date": "2024-02-29", "kind": "họp"}),
        NodeFact("task:.", "Task", {"text": "dot id", "performer": "các huyện, thành phố"}),
    ]
    edges = [
        EdgeFact("rel:h1", "HOLDS", "per:odd", "post:odd", {"term": "2024", "validFrom": "2024-01"}),
        EdgeFact("rel:h2", "HOLDS", "per:odd", "post:untitled", {}),
        EdgeFact("rel:h3", "HOLDS", "per:odd", "post:missing", {"term": "x"}),  # the post is not in the store
        EdgeFact("rel:e1", "ELECTED", "per:odd", "post:odd", {"term": "2024", "meeting": "mtg:odd"}),  # annotates h1
        EdgeFact("rel:e2", "ELECTED", "per:odd", "post:untitled", {"term": "2030"}),  # a membership of its own
        EdgeFact("rel:e3", "ELECTED", "per:ghost", "post:odd", {"meeting": "mtg:odd"}),  # nobody states it
        EdgeFact("rel:b1", "BELONGS_TO", "post:odd", "org:odd"),
        EdgeFact("rel:b0", "BELONGS_TO", "post:odd", "org:numbers"),  # the first by id is the post's organization
        EdgeFact("rel:b2", "BELONGS_TO", "post:missing", "org:odd"),
        EdgeFact("rel:s1", "SUB_ORGANIZATION_OF", "org:odd", "org:elsewhere"),  # a dangling far end
        EdgeFact("rel:s2", "SUB_ORGANIZATION_OF", "org:nowhere", "org:odd"),  # a dangling near end: not stated
        EdgeFact("rel:t1", "TAKES_PART", "per:odd", "mtg:odd", {"role": "chaired"}),
        EdgeFact("rel:t2", "TAKES_PART", "per:odd", "mtg:odd", {}),  # no role: attended
        EdgeFact("rel:t3", "TAKES_PART", "per:ghost", "mtg:odd", {"role": "spoke"}),
        EdgeFact("rel:t4", "TAKES_PART", "per:odd", "mtg:none", {"role": "spoke"}),  # no meeting: not stated
        EdgeFact("rel:o1", "HOSTS", "org:odd", "mtg:odd"),
        EdgeFact("rel:a1", "ASSIGNED_TO", "task:.", "org:odd"),
        EdgeFact("rel:a2", "SET_AT", "task:.", "mtg:odd"),
        EdgeFact("rel:x1", "HOSTS", "per:odd", "task:."),  # ends of unexpected types
    ]
    return Batch(art, None, nodes, edges, "odd")


@pytest.fixture(scope="module")
def varied(tmp_path_factory: pytest.TempPathFactory) -> SQLiteStore:
    path = tmp_path_factory.mktemp("rdf_sql") / "varied.db"
    store = _load(path, {"hnd-ha-giang": RECORD, "dong-ha": SECOND})
    store.write(_odd_batch())
    for i in range(6):
        store.write(synthetic_batch(i))
    return store


def _both(store: SQLiteStore, fmt: str, mapping: Mapping | None = None) -> tuple[str, str, Counter]:
    mapping = mapping or Mapping()
    old = "".join(write(Describer(store, mapping, graphs=False).graph(), fmt, mapping))
    counter = Counter()
    new = "".join(rdf_sql.export(store, mapping, fmt, counter))
    return old, new, counter


def _ox(text: str, fmt: str) -> set[str]:
    return {str(t) for t in ox.parse(text.encode("utf-8"), OX[fmt])}


@pytest.mark.parametrize("fmt", ["turtle", "nt"])
def test_sqlite_writes_exactly_the_statements_describer_gives(varied: SQLiteStore, fmt: str) -> None:
    old, new, counter = _both(varied, fmt)
    theirs, ours = _ox(old, fmt), _ox(new, fmt)
    assert ours == theirs, (sorted(theirs - ours)[:5], sorted(ours - theirs)[:5])
    assert counter.statements == len(ours) > 1000  # every statement once, and counted
    assert isomorphic(rdflib.Graph().parse(data=old, format=fmt), rdflib.Graph().parse(data=new, format=fmt))
    # what the store holds shows up: the odd literal, the annotated holding, the roles
    values = {t.object.value for t in ox.parse(new.encode("utf-8"), OX[fmt]) if isinstance(t.object, ox.Literal)}
    assert ODD in values and "Người\r\nlạ" in values and "2" in values and "None" in values
    assert {t for t in ours if "/membership/h1>" in t and "wasGeneratedBy" in t}
    assert not {t for t in ours if "/membership/e1>" in t or "/membership/e3>" in t or "/participation/t4>" in t}
    assert {t for t in ours if "/concept/meeting-role/elected>" in t and "prefLabel" in t}


def test_turtle_is_one_block_per_subject_with_prefixes(varied: SQLiteStore) -> None:
    _old, new, _counter = _both(varied, "turtle")
    assert new.startswith(f"@base <{Mapping().base}> .\n@prefix org: <http://www.w3.org/ns/org#> .")
    subjects = [line.split(" ", 1)[0] for line in new.split("\n\n")[1:] if line.strip()]
    assert len(subjects) == len(set(subjects))  # each subject's statements in one block
    assert "\n    org:member <person/" in new and " a org:Membership ;\n" in new


def test_the_sqlite_export_conforms_to_the_shapes_and_answers_sparql(varied: SQLiteStore, tmp_path: Path) -> None:
    import pyshacl

    store = _load(tmp_path / "clean.db", {"hnd-ha-giang": RECORD, "dong-ha": SECOND})
    _old, new, _counter = _both(store, "turtle")
    graph = rdflib.Graph().parse(data=new, format="turtle")
    ok, _g, report = pyshacl.validate(graph, shacl_graph=shapes_graph())
    assert ok, report
    rows = {tuple(str(v) for v in r) for r in graph.query("""
        PREFIX org: <http://www.w3.org/ns/org#> PREFIX foaf: <http://xmlns.com/foaf/0.1/>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#> PREFIX prov: <http://www.w3.org/ns/prov#>
        SELECT ?name ?title ?meeting WHERE {
          ?m a org:Membership ; org:member/foaf:name ?name ; org:role/skos:prefLabel ?title ;
             prov:wasGeneratedBy/<https://schema.org/name> ?meeting }""")}
    # the two articles' elections of Vàng Seo Cố are one fact (same person, post and term)
    assert ("Trần Văn Bình", "Bí thư", "Đại hội Chi bộ xã Đông Hà") in rows
    assert sorted(r[0] for r in rows) == ["Trần Văn Bình", "Vàng Seo Cố"]
    store.close()


def test_the_base_iri_is_followed(varied: SQLiteStore) -> None:
    mapping = Mapping(base="https://data.example.org/o'kg/id")
    for fmt in ("turtle", "nt"):
        old, new, _counter = _both(varied, fmt, mapping)
        assert _ox(new, fmt) == _ox(old, fmt)
        assert "https://data.example.org/o'kg/id/person/" in "".join(_ox(new, fmt))


def test_an_id_no_type_owns_stops_the_export_with_a_clear_message(tmp_path: Path) -> None:
    store = SQLiteStore(tmp_path / "bad.db")
    store.write(Batch(NodeFact("art:a", "Article", {"title": "A"}), None,
                      [NodeFact("org:a", "Organization", {"name": "A"})],
                      [EdgeFact("rel:x", "SUB_ORGANIZATION_OF", "org:a", "zzz:b")], "d"))
    for fmt in ("turtle", "nt"):
        with pytest.raises(StoreError, match="'zzz:b' is not an entity id"):
            "".join(rdf_sql.export(store, Mapping(), fmt))
        with pytest.raises(StoreError, match="'zzz:b' is not an entity id"):
            "".join(write(Describer(store, Mapping(), graphs=False).graph(), fmt, Mapping()))
    store.close()


def test_only_file_stores_and_triple_formats_take_the_sql_path(varied: SQLiteStore) -> None:
    assert rdf_sql.supports(varied, "turtle") and rdf_sql.supports(varied, "nt")
    assert not rdf_sql.supports(varied, "nquads") and not rdf_sql.supports(varied, "jsonld")
    assert not rdf_sql.supports(SQLiteStore(":memory:"), "nt")
    with pytest.raises(ValueError, match="SQLite writes only"):
        rdf_sql.export(varied, Mapping(), "xml")


def test_the_cli_and_the_api_export_the_whole_graph_through_sql(varied: SQLiteStore, tmp_path: Path) -> None:
    from starlette.applications import Starlette
    from starlette.testclient import TestClient

    from orgkg.api.linked_data import linked_data_routes

    out = tmp_path / "graph.ttl"
    assert main(["--db", varied.path, "export", "-o", str(out)]) == 0
    text = out.read_text(encoding="utf-8")
    _old, new, _counter = _both(varied, "turtle")
    assert text.startswith("@base ") and _ox(text, "turtle") == _ox(new, "turtle")
    client = TestClient(Starlette(routes=linked_data_routes(varied, Mapping())))
    answer = client.get("/export?format=nt")
    assert answer.status_code == 200 and _ox(answer.text, "nt") == _ox(new, "turtle")
    entity = client.get("/export?format=turtle&entity=org:odd&hops=0").text  # still Describer
    assert not entity.startswith("@base ") and "organization:odd" in entity


def test_edge_ranges_are_skipped_only_where_no_edge_has_that_end(varied: SQLiteStore) -> None:
    conn = rdf_sql.sqlite3.connect(varied.path)
    bare = rdf_sql.bare_ends(conn, rdf_sql._Compiler(Mapping(), "nt"))
    conn.close()
    # meetings state no relationship as sources and articles none at all: their nodes skip the ranges
    assert {("mtg", "src"), ("art", "src"), ("art", "dst")} <= bare
    # an odd HOSTS edge ends at task:. (rel:x1): tasks must still look, and the task states it
    assert ("task", "dst") not in bare and ("mtg", "dst") not in bare and ("task", "src") not in bare
    _old, new, _counter = _both(varied, "nt")
    task = f"<{Mapping().base}task/.>"
    assert f"{task} <https://schema.org/organizer> <{Mapping().base}person/odd> ." in new


@pytest.mark.parametrize("fmt", ["turtle", "nt"])
def test_an_sqlite_without_concat_writes_the_same(varied: SQLiteStore, fmt: str,
                                                 monkeypatch: pytest.MonkeyPatch) -> None:
    """SQLite before 3.44 (the interpreter's own where pysqlite3 has no wheel) joins a block with `||`."""
    _old, new, counter = _both(varied, fmt)
    monkeypatch.setattr(rdf_sql.sqlite3, "sqlite_version_info", (3, 40, 0))
    assert not rdf_sql._Compiler(Mapping(), fmt).concat
    _old, older, older_counter = _both(varied, fmt)
    assert older == new and older_counter.statements == counter.statements
