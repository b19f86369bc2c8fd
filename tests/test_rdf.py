"""The RDF export: every format parses back in two engines, SPARQL finds the model's facts, the shipped
shapes validate it, IRIs are stable, and the export streams."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pyshacl
import pytest
import rdflib

from orgkg.cli import main
from orgkg.graph import rdf_sql
from orgkg.graph.rdf import Block, Describer, Mapping, base_iri
from orgkg.graph.rdf_formats import FORMATS, Counter, jsonld_context, write
from orgkg.graph.shapes import shapes_graph
from orgkg.graph.sqlite import SQLiteStore
from orgkg.graph.store import StoreError
from orgkg.loaders.load import load_paths
from orgkg.schema import load_model

RECORD = {
    "article": {"title": "Hội Nông dân tỉnh Hà Giang tổng kết năm 2023", "url": "https://example.vn/hnd-ha-giang",
                "published": "2024-01-11"},
    "meetings": [
        {"name": "Hội nghị tổng kết năm 2023", "kind": "tổng kết", "date": "2024-01-10",
         "host": "Hội Nông dân tỉnh Hà Giang", "location": "thành phố Hà Giang"},
        {"name": "Hội nghị Ban Chấp hành", "kind": "hội nghị ban chấp hành", "date": "2023-12",
         "host": "Hội Nông dân tỉnh Hà Giang"},
    ],
    "organizations": [
        {"name": "Hội Nông dân tỉnh Hà Giang", "aliases": ["Hội Nông dân tỉnh"],
         "parent": "Tỉnh ủy Hà Giang"},
        {"name": "Tỉnh ủy Hà Giang", "aliases": []},
    ],
    "people": [
        {"name": "Vàng Seo Cố", "honorific": "đồng chí",
         "positions": [{"title": "Chủ tịch", "organization": "Hội Nông dân tỉnh Hà Giang", "term": "2023-2028"}]},
        {"name": "Lý Thị Mai", "honorific": "bà", "positions": []},
    ],
    "participation": [
        {"person": "Vàng Seo Cố", "meeting": "Hội nghị tổng kết năm 2023", "role": "attended"},
        {"person": "Vàng Seo Cố", "meeting": "Hội nghị tổng kết năm 2023", "role": "chaired"},
        {"person": "Lý Thị Mai", "meeting": "Hội nghị tổng kết năm 2023", "role": "attended"},
    ],
    "elections": [{"person": "Vàng Seo Cố", "title": "Chủ tịch", "organization": "Hội Nông dân tỉnh Hà Giang",
                   "term": "2023-2028", "meeting": "Hội nghị Ban Chấp hành"}],
    "tasks": [{"text": "Phát triển hội viên mới", "organization": "Hội Nông dân tỉnh", "period": "2024",
               "meeting": "Hội nghị tổng kết năm 2023"}],
}

PREFIXES = """
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX schema: <https://schema.org/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
RDFLIB_FORMAT = {"turtle": "turtle", "nt": "nt", "jsonld": "json-ld", "trig": "trig", "nquads": "nquads",
                 "xml": "xml"}
OX_FORMAT = {"turtle": ox.RdfFormat.TURTLE, "nt": ox.RdfFormat.N_TRIPLES, "jsonld": ox.RdfFormat.JSON_LD,
             "trig": ox.RdfFormat.TRIG, "nquads": ox.RdfFormat.N_QUADS, "xml": ox.RdfFormat.RDF_XML}


def _load(path: Path, records: dict[str, dict]) -> SQLiteStore:
    folder = path.parent / f"{path.stem}-records"
    folder.mkdir()
    for name, record in records.items():
        (folder / f"{name}.json").write_text(json.dumps(record, ensure_ascii=False), encoding="utf-8")
    store = SQLiteStore(path)
    report = load_paths(store, [folder], progress=False)
    assert not report.rejected, report.rejected
    return store


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    store = _load(tmp_path_factory.mktemp("rdf") / "small.db", {"hnd-ha-giang": RECORD})
    yield store
    store.close()


def export(store: SQLiteStore, fmt: str, mapping: Mapping | None = None, entity: str | None = None,
           hops: int = 1) -> str:
    """As `orgkg export` writes it: the whole graph as Turtle or N-Triples by SQLite (graph/rdf_sql.py,
    whose statements tests/test_rdf_sql.py checks against Describer's), the rest by Describer."""
    mapping = mapping or Mapping()
    if entity is None and rdf_sql.supports(store, fmt):
        return "".join(rdf_sql.export(store, mapping, fmt))
    d = Describer(store, mapping, graphs=FORMATS[fmt][2])
    return "".join(write(d.entity(entity, hops) if entity else d.graph(), fmt, mapping))


def ox_quads(text: str, fmt: str) -> set[str]:
    return {str(q) for q in ox.parse(text.encode("utf-8"), OX_FORMAT[fmt])}


def rdflib_dataset(text: str, fmt: str) -> rdflib.Dataset:
    ds = rdflib.Dataset()
    ds.parse(data=text, format=RDFLIB_FORMAT[fmt])
    return ds


def as_graph(ds: rdflib.Dataset) -> rdflib.Graph:
    g = rdflib.Graph()
    for s, p, o, _ in ds.quads((None, None, None, None)):
        g.add((s, p, o))
    return g


def one(rows: object) -> tuple:
    (row,) = list(rows)  # type: ignore[call-overload]
    return tuple(str(v) for v in row)


# every format, two engines ------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_parses_back_identically_in_rdflib_and_pyoxigraph(small: SQLiteStore, fmt: str) -> None:
    quads = FORMATS[fmt][2]
    reference = ox_quads(export(small, "nquads" if quads else "nt"), "nquads" if quads else "nt")
    text = export(small, fmt)
    assert ox_quads(text, fmt) == reference
    ds = rdflib_dataset(text, fmt)
    assert len(list(ds.quads((None, None, None, None)))) == len(reference)
    triples = {str(t) for t in ox.parse(export(small, "nt").encode(), ox.RdfFormat.N_TRIPLES)}
    assert len(as_graph(ds)) == len(triples)


def test_triple_formats_skip_unused_provenance_without_losing_a_triple(tmp_path: Path) -> None:
    """A triple format reads no articles for relationships that only named graphs would use: the
    triples are exactly the quads' (with every article read), and every fact keeps its derivation."""
    store = _load(tmp_path / "two.db", {"a": RECORD, "b": {**RECORD, "article": {
        **RECORD["article"], "url": "https://example.vn/b", "title": "Bài thứ hai"}}})
    mapping = Mapping()
    lean = "".join(write(Describer(store, mapping, graphs=False).graph(), "nt", mapping))
    full = "".join(write(Describer(store, mapping, graphs=True).graph(), "nquads", mapping))
    assert {str(t) for t in ox.parse(lean.encode(), ox.RdfFormat.N_TRIPLES)} == {
        str(ox.Triple(q.subject, q.predicate, q.object)) for q in ox.parse(full.encode(), ox.RdfFormat.N_QUADS)}
    assert lean.count("wasDerivedFrom") > 20 and "/article/b>" in lean
    store.close()


def test_quad_formats_put_each_fact_in_its_articles_graph(small: SQLiteStore) -> None:
    store = ox.Store()
    store.load(export(small, "trig").encode(), ox.RdfFormat.TRIG)
    rows = list(store.query(PREFIXES + """
        SELECT ?g ?title WHERE {
          GRAPH ?g { ?m a org:Membership ; org:member/foaf:name "Vàng Seo Cố"@vi }
          ?g a schema:NewsArticle, prov:Entity ; dcterms:title ?title .
        }"""))
    assert {(r["g"].value, r["title"].value) for r in rows} == {
        (Mapping().base + "article/hnd-ha-giang", RECORD["article"]["title"])}
    graphs = {q.graph_name for q in store}
    assert ox.DefaultGraph() in graphs and len(graphs) == 2  # sources in the default graph, one per article


# SPARQL over the result --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def graph(small: SQLiteStore) -> rdflib.Graph:
    return as_graph(rdflib_dataset(export(small, "turtle"), "turtle"))


def test_sparql_finds_memberships_with_roles_posts_and_terms(graph: rdflib.Graph) -> None:
    rows = graph.query(PREFIXES + """
        SELECT ?person ?title ?orgname ?from ?through ?post_org_name ?election WHERE {
          ?m a org:Membership ; org:member ?p ; org:organization ?o ; org:role ?r ; org:post ?post ;
             schema:validFrom ?from ; schema:validThrough ?through ; prov:wasGeneratedBy ?election .
          ?p a foaf:Person ; foaf:name ?person .
          ?r a org:Role ; skos:prefLabel ?title .
          ?o skos:prefLabel ?orgname .
          ?post a org:Post ; org:postIn/skos:prefLabel ?post_org_name ; org:role ?r .
        }""")
    person, title, orgname, start, end, post_org, election = one(rows)
    assert (person, title, orgname, start, end) == ("Vàng Seo Cố", "Chủ tịch", "Hội Nông dân tỉnh Hà Giang",
                                                   "2023", "2028")
    assert post_org == orgname
    (named,) = graph.objects(rdflib.URIRef(election), rdflib.URIRef("https://schema.org/name"))
    assert str(named) == "Hội nghị Ban Chấp hành"
    (dt,) = {o.datatype for o in graph.objects(None, rdflib.URIRef("https://schema.org/validFrom"))}
    assert str(dt).endswith("#gYear")


def test_sparql_finds_sub_organizations_aliases_and_vietnamese_literals(graph: rdflib.Graph) -> None:
    rows = graph.query(PREFIXES + """
        SELECT ?child ?parent (LANG(?child) AS ?lang) WHERE {
          ?c a org:Organization ; skos:prefLabel ?child ; skos:altLabel "Hội Nông dân tỉnh"@vi ;
             org:subOrganizationOf/skos:prefLabel ?parent .
        }""")
    assert one(rows) == ("Hội Nông dân tỉnh Hà Giang", "Tỉnh ủy Hà Giang", "vi")
    same = graph.query(PREFIXES + "ASK { ?x skos:prefLabel ?l ; skos:altLabel ?l }")
    assert not same.askAnswer  # SKOS keeps preferred and alternative labels apart


def test_sparql_finds_events_with_organizers_typed_dates_roles_and_tasks(graph: rdflib.Graph) -> None:
    rows = graph.query(PREFIXES + """
        SELECT ?name ?date (DATATYPE(?date) AS ?type) ?host WHERE {
          ?e a schema:Event ; schema:name ?name ; schema:startDate ?date ; schema:organizer/skos:prefLabel ?host .
        } ORDER BY ?date""")
    got = {(n, d, t.rsplit("#", 1)[1], h) for n, d, t, h in (tuple(str(v) for v in r) for r in rows)}
    assert got == {("Hội nghị Ban Chấp hành", "2023-12", "gYearMonth", "Hội Nông dân tỉnh Hà Giang"),
                   ("Hội nghị tổng kết năm 2023", "2024-01-10", "date", "Hội Nông dân tỉnh Hà Giang")}
    attendees = graph.query(PREFIXES + """
        SELECT ?name WHERE { ?e schema:name "Hội nghị tổng kết năm 2023"@vi ; schema:attendee/foaf:name ?name }""")
    assert sorted(str(r[0]) for r in attendees) == ["Lý Thị Mai", "Vàng Seo Cố"]
    chair = graph.query(PREFIXES + """
        SELECT ?name ?code WHERE {
          ?e a prov:Activity ; prov:qualifiedAssociation ?a .
          ?a a prov:Association ; prov:agent/foaf:name ?name ; prov:hadRole ?role ; schema:roleName ?code .
          ?role a prov:Role .
        }""")
    assert one(chair) == ("Vàng Seo Cố", "chaired")  # attendance alone needs no qualified node
    task = graph.query(PREFIXES + """
        SELECT ?text ?agent ?meeting WHERE {
          ?t a schema:PlanAction ; schema:description ?text ; schema:agent/skos:prefLabel ?agent ;
             prov:wasGeneratedBy/schema:name ?meeting .
        }""")
    assert one(task) == ("Phát triển hội viên mới", "Hội Nông dân tỉnh Hà Giang", "Hội nghị tổng kết năm 2023")


def test_sparql_traces_every_fact_to_its_article(graph: rdflib.Graph) -> None:
    rows = graph.query(PREFIXES + """
        SELECT ?url ?published (DATATYPE(?published) AS ?t) WHERE {
          ?a a schema:NewsArticle ; schema:url ?url ; dcterms:issued ?published .
        }""")
    assert one(rows) == ("https://example.vn/hnd-ha-giang", "2024-01-11", str(rdflib.XSD.date))
    untraced = graph.query(PREFIXES + """
        SELECT ?x WHERE {
          ?x a ?c . FILTER(?c IN (org:Organization, foaf:Person, org:Post, schema:Event, schema:PlanAction,
                                  org:Membership, prov:Association))
          FILTER NOT EXISTS { ?x prov:wasDerivedFrom ?a . ?a a prov:Entity }
        }""")
    assert list(untraced) == []


# shapes ------------------------------------------------------------------------------------------


def _conforms(data: rdflib.Graph) -> tuple[bool, str]:
    ok, _graph, text = pyshacl.validate(data, shacl_graph=shapes_graph())
    return ok, text


def test_exports_conform_to_the_shipped_shapes_and_the_shapes_bite(small: SQLiteStore, graph: rdflib.Graph) -> None:
    ok, report = _conforms(graph)
    assert ok, report
    for node in small.iter_nodes():  # every entity's description, as dereferenced and as exported
        for hops in (0, 1):
            ok, report = _conforms(rdflib.Graph().parse(data=export(small, "nt", entity=node.id, hops=hops),
                                                        format="nt"))
            assert ok, (node.id, hops, report)
    broken = rdflib.Graph()
    for t in graph:
        broken.add(t)
    org = rdflib.URIRef("http://www.w3.org/ns/org#")
    some_org = next(graph.subjects(rdflib.RDF.type, org + "Organization"))
    broken.remove((some_org, rdflib.SKOS.prefLabel, None))  # an organization without its name
    membership = next(graph.subjects(rdflib.RDF.type, org + "Membership"))
    broken.add((membership, org + "member", rdflib.Literal("not a person")))
    ok, report = _conforms(broken)
    assert not ok
    assert "prefLabel" in report and "member" in report


def test_shapes_are_derived_from_the_model() -> None:
    shapes = shapes_graph()
    sh = rdflib.SH
    targets = set(shapes.objects(None, sh.targetClass))
    mapping = Mapping()
    for nt in load_model().nodes.values():
        assert rdflib.URIRef(mapping.classes(nt.name)[0]) in targets
    paths = {str(p) for p in shapes.objects(None, sh.path)}
    for nt in load_model().nodes.values():
        for prop in nt.properties.values():
            if prop.rdf:
                assert mapping.plans[nt.name] and any(str(p).endswith(prop.rdf.split(":")[1]) for p in paths)


# IRIs --------------------------------------------------------------------------------------------


def test_iris_are_stable_across_rebuilds_and_follow_the_configured_base(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    a = _load(tmp_path / "a.db", {"hnd-ha-giang": RECORD})
    b = _load(tmp_path / "b.db", {"hnd-ha-giang": RECORD})
    assert export(a, "nquads") == export(b, "nquads")
    monkeypatch.setenv("ORGKG_BASE_IRI", "https://data.example.org/orgkg/id")
    mapping = Mapping()
    assert mapping.base == "https://data.example.org/orgkg/id/"
    person = next(a.iter_nodes("Person"))
    assert mapping.iri(person.id) == f"https://data.example.org/orgkg/id/person/{person.id.split(':')[1]}"
    assert mapping.node_id_of_iri(mapping.iri(person.id)) == person.id
    assert f"<https://data.example.org/orgkg/id/person/{person.id.split(':')[1]}>" in export(a, "nt", mapping)
    for bad in ("ftp://x.org/", "http://x.org/a b/", "not an iri"):
        with pytest.raises(StoreError, match="ORGKG_BASE_IRI"):
            base_iri(bad)
    a.close()
    b.close()


# streaming ---------------------------------------------------------------------------------------


class CountingStore:
    """A store whose scan counts the nodes read, to see that the export reads lazily."""

    def __init__(self, store: SQLiteStore) -> None:
        self.store = store
        self.read = 0

    def scan(self, rels: dict, size: int = 1000, articles: object = None) -> Iterator:
        for chunk in self.store.scan(rels, size, articles):  # type: ignore[arg-type]
            self.read += len(chunk.nodes)
            yield chunk

    def __getattr__(self, name: str) -> object:
        return getattr(self.store, name)


def test_the_export_streams_a_chunk_at_a_time(tmp_path: Path) -> None:
    records = {}
    for i in range(30):
        record = json.loads(json.dumps(RECORD, ensure_ascii=False).replace("Hà Giang", f"Hà Giang {i}"))
        records[f"r{i:02d}"] = record
    store = _load(tmp_path / "many.db", records)
    counting = CountingStore(store)
    mapping = Mapping()
    blocks = Describer(counting, mapping, chunk=10).graph()  # type: ignore[arg-type]
    first = next(blocks)
    assert first.subject and counting.read == 10  # one chunk of nodes read, not the store
    pulled = 0

    def endless() -> Iterator[Block]:
        nonlocal pulled
        while True:
            pulled += 1
            yield first

    for fmt in FORMATS:
        pulled = 0
        assert next(write(endless(), fmt, mapping))  # writers hand text on as they go
        assert pulled < 5_000
    counter = Counter()
    rest = "".join(write(Describer(counting, mapping, chunk=10).graph(), "nt", mapping, counter))
    assert counter.statements == rest.count("\n") and store.count("Organization") == 60
    store.close()


# CLI, @context -----------------------------------------------------------------------------------


def test_cli_exports_formats_an_entity_shapes_and_void(small: SQLiteStore, tmp_path: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    db = small.path
    out = tmp_path / "graph.trig"
    assert main(["--db", db, "export", "-o", str(out)]) == 0
    assert ox_quads(out.read_text(encoding="utf-8"), "trig") == ox_quads(export(small, "trig"), "trig")
    person = next(n for n in small.iter_nodes("Person") if n.props["name"] == "Vàng Seo Cố")
    capsys.readouterr()
    assert main(["--db", db, "export", "--format", "nt", "--entity", Mapping().iri(person.id), "--hops", "0"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert f'<{Mapping().iri(person.id)}> <http://xmlns.com/foaf/0.1/name> "Vàng Seo Cố"@vi .' in lines
    assert not any("PlanAction" in line for line in lines)  # tasks are two hops away
    holding = small.edges([person.id], "HOLDS", "out")[person.id][0]
    assert main(["--db", db, "export", "--format", "nt", "--entity", Mapping().membership_iri(holding.id)]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert f'<{Mapping().membership_iri(holding.id)}> <http://www.w3.org/ns/org#member> <{Mapping().iri(person.id)}> .' \
        in lines and not any(line.startswith(f"<{Mapping().iri(person.id)}> <http://www.w3.org/ns/org#") for line in lines)
    assert main(["--db", db, "export", "--shapes"]) == 0
    shapes = rdflib.Graph().parse(data=capsys.readouterr().out, format="turtle")
    assert len(shapes) == len(shapes_graph())
    assert main(["--db", db, "export", "--void"]) == 0
    void = rdflib.Graph().parse(data=capsys.readouterr().out, format="turtle")
    rows = void.query("""PREFIX void: <http://rdfs.org/ns/void#> PREFIX org: <http://www.w3.org/ns/org#>
        SELECT ?n WHERE { ?d a void:Dataset ; void:classPartition [ void:class org:Organization ; void:entities ?n ] }""")
    assert one(rows) == ("2",)
    assert main(["--db", db, "export", "--entity", "org:nope"]) == 2
    assert "No entity 'org:nope'" in capsys.readouterr().err


def test_the_published_context_is_the_one_exports_use() -> None:
    shipped = json.loads((Path(__file__).parents[1] / "api" / "static" / "context.jsonld").read_text("utf-8"))
    assert shipped == jsonld_context(Mapping())
    assert shipped["@context"]["skos:prefLabel"] == {"@id": "skos:prefLabel", "@language": "vi"}


# the dev set -------------------------------------------------------------------------------------


def test_dev_gold_export_finds_le_tuan_an_in_both_engines_and_conforms(tmp_path: Path, dev_gold: Path) -> None:
    store = SQLiteStore(tmp_path / "dev.db")
    load_paths(store, [dev_gold], progress=False)
    text = export(store, "trig")
    query = PREFIXES + """
        SELECT DISTINCT ?title ?org ?from WHERE {
          GRAPH ?g { ?m org:member ?p ; org:role ?role ; org:organization ?o .
                     OPTIONAL { ?m schema:validFrom ?from } }
          ?role skos:prefLabel ?title .  # roles are in the default graph, facts in their articles' graphs
          GRAPH ?g2 { ?p foaf:name "Lê Tuấn An"@vi }
          GRAPH ?g3 { ?o skos:prefLabel ?org }
        }"""
    oxs = ox.Store()
    oxs.load(text.encode(), ox.RdfFormat.TRIG)
    found_ox = {(r["title"].value, r["org"].value, r["from"].value if r["from"] else None) for r in oxs.query(query)}
    ds = rdflib_dataset(text, "trig")
    found_rdflib = {tuple(str(v) if v is not None else None for v in r) for r in ds.query(query)}
    assert found_ox == found_rdflib
    assert ("Bí thư", "Chi bộ Viện Khoa học, Công nghệ & Môi trường", "2022") in found_ox
    ok, report = _conforms(as_graph(ds))
    assert ok, report
    store.close()


# awkward text ------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_awkward_literals_survive_every_format(tmp_path: Path, fmt: str) -> None:
    from orgkg.graph.facts import Batch, NodeFact

    name = 'Hội "Nông dân" \\ A & B <C> ]]> {x}\nD\tE\r F \'G\' @vi ^^ # . ;'
    store = SQLiteStore(tmp_path / "odd.db")
    store.write(Batch(NodeFact("art:odd.", "Article", {"title": "Bài\u000b lạ"}), None,
                      [NodeFact("org:odd", "Organization", {"name": name, "aliases": ["a.b."]})], [], "d"))
    text = export(store, fmt)
    found = {q.object.value for q in ox.parse(text.encode(), OX_FORMAT[fmt])
             if q.predicate.value.endswith(("prefLabel", "altLabel", "title"))}
    title = "Bài lạ" if fmt == "xml" else "Bài\u000b lạ"  # XML 1.0 cannot carry a vertical tab at all
    assert found == {name, "a.b.", title}
    ds = rdflib_dataset(text, fmt)
    assert {str(o) for o in as_graph(ds).objects(None, rdflib.SKOS.prefLabel)} == {name}
    store.close()


def test_the_benchmark_runs_and_compares_like_with_like(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from orgkg.bench.rdf import main as bench

    assert bench(["--db", str(tmp_path / "bench.db"), "--articles", "4", "--sample", "300"]) == 0
    out = capsys.readouterr().out
    def counts(prefix: str) -> list[int]:
        return [int(line.split()[2].replace(",", "")) for line in out.splitlines() if line.startswith(prefix)]

    end_to_end, rdflib_sample = counts("   orgkg  "), counts("   rdflib ")
    assert len(end_to_end) == 2 and min(end_to_end) > 300  # N-Triples and Turtle, the whole store
    assert len(rdflib_sample) == 2 and rdflib_sample[0] == rdflib_sample[1] >= 300  # the same sample for both
    assert "orgkg Turtle export end to end    vs rdflib Turtle serialize:" in out and "end: " in out

