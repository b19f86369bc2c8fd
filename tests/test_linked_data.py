"""Linked data over HTTP: entity IRIs dereference by Accept, the export streams, shapes/VoID/@context."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
import rdflib
from starlette.applications import Starlette
from starlette.testclient import TestClient
from test_rdf import RECORD

from orgkg.api.linked_data import linked_data_routes, negotiate
from orgkg.graph.rdf import Mapping
from orgkg.graph.rdf_formats import jsonld_context
from orgkg.graph.sqlite import SQLiteStore
from orgkg.loaders.load import load_paths

FOAF_NAME = rdflib.URIRef("http://xmlns.com/foaf/0.1/name")
ORG = rdflib.Namespace("http://www.w3.org/ns/org#")


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[SQLiteStore]:
    folder = tmp_path_factory.mktemp("ld")
    (folder / "hnd.json").write_text(json.dumps(RECORD, ensure_ascii=False), encoding="utf-8")
    s = SQLiteStore(folder / "ld.db")
    load_paths(s, [folder / "hnd.json"], progress=False)
    yield s
    s.close()


@pytest.fixture(scope="module")
def client(store: SQLiteStore) -> Iterator[TestClient]:
    with TestClient(Starlette(routes=linked_data_routes(store))) as c:
        yield c


@pytest.fixture(scope="module")
def person(store: SQLiteStore) -> str:
    return next(n.id for n in store.iter_nodes("Person") if n.props["name"] == "Vàng Seo Cố")


def _path(node_id: str) -> tuple[str, str]:
    iri = Mapping().iri(node_id)
    return iri, "/" + iri.split("/", 3)[3]


@pytest.mark.parametrize(("accept", "rdflib_format", "media"), [
    ("text/turtle", "turtle", "text/turtle"),
    ("application/ld+json", "json-ld", "application/ld+json"),
    ("application/n-triples", "nt", "application/n-triples"),
    ("application/rdf+xml", "xml", "application/rdf+xml"),
    ("application/rdf+xml;q=0.5, text/turtle;q=0.9", "turtle", "text/turtle"),
])
def test_an_entity_iri_dereferences_by_accept(client: TestClient, person: str, accept: str, rdflib_format: str,
                                              media: str) -> None:
    iri, path = _path(person)
    assert path.startswith("/id/person/")
    r = client.get(path, headers={"Accept": accept})
    assert r.status_code == 200
    assert r.headers["content-type"].startswith(media) and "Accept" in r.headers["vary"]
    g = rdflib.Graph().parse(data=r.text, format=rdflib_format)
    assert (rdflib.URIRef(iri), FOAF_NAME, rdflib.Literal("Vàng Seo Cố", lang="vi")) in g
    memberships = set(g.subjects(ORG.member, rdflib.URIRef(iri)))
    assert len(memberships) == 1
    (org,) = g.objects(next(iter(memberships)), ORG.organization)
    assert (org, rdflib.SKOS.prefLabel, rdflib.Literal("Hội Nông dân tỉnh Hà Giang", lang="vi")) in g  # labelled stub
    second = {str(t) for t in ox.parse(r.content, {"turtle": ox.RdfFormat.TURTLE, "json-ld": ox.RdfFormat.JSON_LD,
                                                   "nt": ox.RdfFormat.N_TRIPLES, "xml": ox.RdfFormat.RDF_XML}[
                                                       rdflib_format])}
    assert len(second) == len(g)


def test_a_browser_gets_a_readable_page(client: TestClient, person: str) -> None:
    _iri, path = _path(person)
    r = client.get(path, headers={"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"})
    assert r.status_code == 200 and r.headers["content-type"].startswith("text/html")
    assert "<h1>Vàng Seo Cố</h1>" in r.text
    assert "Hội Nông dân tỉnh Hà Giang</a>" in r.text  # links carry their targets' labels
    assert 'href="/id/organization/' in r.text


def test_unknown_entities_and_unacceptable_types_are_refused(client: TestClient, person: str) -> None:
    _iri, path = _path(person)
    assert client.get(path[:-3] + "zzz", headers={"Accept": "text/turtle"}).status_code == 404
    assert client.get("/id/spaceship/1", headers={"Accept": "text/turtle"}).status_code == 404
    r = client.get(path, headers={"Accept": "image/png"})
    assert r.status_code == 406 and "text/turtle" in r.text
    assert client.get(path + "?format=nt").headers["content-type"].startswith("application/n-triples")


def test_the_export_endpoint_streams_the_whole_graph(client: TestClient, store: SQLiteStore) -> None:
    with client.stream("GET", "/export?format=nquads") as r:
        assert r.status_code == 200 and r.headers["content-type"].startswith("application/n-quads")
        body = b"".join(r.iter_bytes())
    quads = list(ox.parse(body, ox.RdfFormat.N_QUADS))
    names = {q.object.value for q in quads if q.predicate.value == str(FOAF_NAME)}
    assert names == {"Vàng Seo Cố", "Lý Thị Mai"}
    assert len({q.graph_name for q in quads}) == 2
    r = client.get("/export", headers={"Accept": "text/turtle"})
    assert len(rdflib.Graph().parse(data=r.text, format="turtle")) == len({(q.subject, q.predicate, q.object)
                                                                            for q in quads})
    assert client.get("/export?format=yaml").status_code == 400


def test_shapes_void_and_context_are_published(client: TestClient) -> None:
    shapes = rdflib.Graph().parse(data=client.get("/shapes").text, format="turtle")
    assert (None, rdflib.SH.targetClass, ORG.Membership) in shapes
    for path in ("/.well-known/void", "/id/dataset"):
        void = rdflib.Graph().parse(data=client.get(path).text, format="turtle")
        rows = void.query("""PREFIX void: <http://rdfs.org/ns/void#> PREFIX dcat: <http://www.w3.org/ns/dcat#>
            SELECT ?space ?url WHERE { ?d a void:Dataset, dcat:Dataset ; void:uriSpace ?space ;
                                       dcat:distribution/dcat:downloadURL ?url }""")
        got = {(str(s), str(u)) for s, u in rows}
        assert (Mapping().base, "http://127.0.0.1:8000/export?format=trig") in got
    r = client.get("/context.jsonld")
    assert r.headers["content-type"].startswith("application/ld+json")
    assert r.json() == jsonld_context(Mapping())


def test_accept_negotiation_prefers_quality_then_order() -> None:
    assert negotiate("text/turtle") == "turtle"
    assert negotiate("application/n-triples;q=0.4, application/ld+json") == "jsonld"
    assert negotiate("*/*") == "turtle"
    assert negotiate("text/html, */*;q=0.8") == "html"
    assert negotiate("application/trig;q=0.9, */*") == "turtle"  # a wildcard at q=1 beats an explicit 0.9
    assert negotiate("image/png, text/turtle;q=0") is None


def test_the_app_mounts_the_routes(store: SQLiteStore, person: str) -> None:
    from orgkg.api.app import create_app

    _iri, path = _path(person)
    with TestClient(create_app(store)) as c:
        assert c.get(path, headers={"Accept": "text/turtle"}).status_code == 200


def test_the_shipped_context_file_is_in_the_package() -> None:
    assert (Path(__file__).parents[1] / "api" / "static" / "context.jsonld").is_file()


PROV = rdflib.Namespace("http://www.w3.org/ns/prov#")
SCHEMA = rdflib.Namespace("https://schema.org/")
OX_FORMATS = {"turtle": ox.RdfFormat.TURTLE, "json-ld": ox.RdfFormat.JSON_LD, "nt": ox.RdfFormat.N_TRIPLES,
              "xml": ox.RdfFormat.RDF_XML}


def _relationships(store: SQLiteStore, person: str) -> dict[str, str]:
    """The person's holding, election, chairing and attendance relationship ids."""
    out = {"holding": store.edges([person], "HOLDS", "out")[person][0].id,
           "election": store.edges([person], "ELECTED", "out")[person][0].id}
    for e in store.edges([person], "TAKES_PART", "out")[person]:
        out[e.props["role"]] = e.id
    return out


@pytest.mark.parametrize(("accept", "rdflib_format"), [
    ("text/turtle", "turtle"), ("application/ld+json", "json-ld"), ("application/n-triples", "nt"),
    ("application/rdf+xml", "xml")])
def test_a_membership_iri_dereferences_by_accept(client: TestClient, store: SQLiteStore, person: str,
                                                 accept: str, rdflib_format: str) -> None:
    m = Mapping()
    iri = m.membership_iri(_relationships(store, person)["holding"])
    r = client.get("/" + iri.split("/", 3)[3], headers={"Accept": accept})
    assert r.status_code == 200 and "Accept" in r.headers["vary"]
    g = rdflib.Graph().parse(data=r.text, format=rdflib_format)
    ms = rdflib.URIRef(iri)
    assert (ms, rdflib.RDF.type, ORG.Membership) in g
    assert (ms, ORG.member, rdflib.URIRef(m.iri(person))) in g
    assert (rdflib.URIRef(m.iri(person)), FOAF_NAME, rdflib.Literal("Vàng Seo Cố", lang="vi")) in g  # stub
    (org,) = g.objects(ms, ORG.organization)
    assert (org, rdflib.SKOS.prefLabel, rdflib.Literal("Hội Nông dân tỉnh Hà Giang", lang="vi")) in g
    (role,) = g.objects(ms, ORG.role)
    assert (role, rdflib.SKOS.prefLabel, rdflib.Literal("Chủ tịch", lang="vi")) in g
    (meeting,) = g.objects(ms, PROV.wasGeneratedBy)  # the election that produced it
    assert (meeting, SCHEMA.name, rdflib.Literal("Hội nghị Ban Chấp hành", lang="vi")) in g
    (article,) = g.objects(ms, PROV.wasDerivedFrom)
    assert (article, rdflib.RDF.type, SCHEMA.NewsArticle) in g
    assert len({str(t) for t in ox.parse(r.content, OX_FORMATS[rdflib_format])}) == len(g)


def test_a_participation_iri_dereferences_and_pages_link_to_it(client: TestClient, store: SQLiteStore,
                                                              person: str) -> None:
    m = Mapping()
    iri = m.participation_iri(_relationships(store, person)["chaired"])
    path = "/" + iri.split("/", 3)[3]
    g = rdflib.Graph().parse(data=client.get(path, headers={"Accept": "text/turtle"}).text, format="turtle")
    part = rdflib.URIRef(iri)
    assert (part, rdflib.RDF.type, PROV.Association) in g
    assert (part, PROV.agent, rdflib.URIRef(m.iri(person))) in g
    assert (part, SCHEMA.roleName, rdflib.Literal("chaired")) in g
    (role,) = g.objects(part, PROV.hadRole)
    assert (role, rdflib.RDF.type, PROV.Role) in g
    (meeting,) = g.subjects(PROV.qualifiedAssociation, part)  # which event it qualifies
    assert (meeting, SCHEMA.name, rdflib.Literal("Hội nghị tổng kết năm 2023", lang="vi")) in g
    assert client.get(path + "?format=nt").headers["content-type"].startswith("application/n-triples")
    page = client.get(path, headers={"Accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert f'href="{_path(person)[1]}"' in page.text and "Vàng Seo Cố</a>" in page.text
    person_page = client.get(_path(person)[1], headers={"Accept": "text/html"}).text
    assert 'href="/id/membership/' in person_page  # memberships are links now that they dereference
    meeting_page = client.get("/" + str(meeting).split("/", 3)[3], headers={"Accept": "text/html"}).text
    assert f'href="{path}"' in meeting_page


def test_memberships_and_participations_conform_to_the_shapes(client: TestClient, store: SQLiteStore,
                                                              person: str) -> None:
    import pyshacl

    from orgkg.graph.shapes import shapes_graph

    m = Mapping()
    rels = _relationships(store, person)
    for iri in (m.membership_iri(rels["holding"]), m.participation_iri(rels["chaired"])):
        data = rdflib.Graph().parse(data=client.get("/" + iri.split("/", 3)[3]).text, format="turtle")
        ok, _g, text = pyshacl.validate(data, shacl_graph=shapes_graph())
        assert ok, text


def test_unknown_memberships_and_participations_are_404(client: TestClient, store: SQLiteStore,
                                                        person: str) -> None:
    m = Mapping()
    rels = _relationships(store, person)

    def status(iri: str) -> int:
        return client.get("/" + iri.split("/", 3)[3], headers={"Accept": "text/turtle"}).status_code

    assert status(m.membership_iri(rels["holding"])) == 200
    assert status(m.membership_iri("rel:0000000000000000")) == 404
    assert status(m.participation_iri(rels["holding"])) == 404  # a holding is no participation
    assert status(m.membership_iri(rels["chaired"])) == 404  # and a chairing no membership
    assert status(m.participation_iri(rels["attended"])) == 404  # attendance is not qualified
    assert status(m.membership_iri(rels["election"])) == 404  # its membership is the holding's
    assert client.get("/id/membership/", headers={"Accept": "text/turtle"}).status_code == 404
