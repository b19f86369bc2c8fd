"""A VoID and DCAT description of the dataset: what it holds, its IRI space, vocabularies and dumps."""

from __future__ import annotations

from urllib.parse import urlsplit

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, RDF, VOID, XSD

from orgkg.graph import rdf as m
from orgkg.graph.rdf import Mapping
from orgkg.graph.rdf_formats import FORMATS
from orgkg.graph.store import Store

FORMATS_NS = Namespace("http://www.w3.org/ns/formats/")
FEATURES = {"turtle": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD", "trig": "TriG", "nquads": "N-Quads",
            "xml": "RDF_XML"}
MEDIA = "https://www.iana.org/assignments/media-types/"


def server_root(mapping: Mapping) -> str:
    """Where the API answers, assuming the base IRI's host is the API's (as with the default)."""
    parts = urlsplit(mapping.base)
    return f"{parts.scheme}://{parts.netloc}/"


def void_graph(store: Store, mapping: Mapping | None = None) -> Graph:
    mapping = mapping or Mapping()
    root = server_root(mapping)
    ds = URIRef(mapping.dataset)
    g = Graph()
    for prefix, ns in m.NAMESPACES.items():
        g.bind(prefix, ns)
    g.bind("void", VOID)
    g.bind("dcat", DCAT)
    g.add((ds, RDF.type, VOID.Dataset))
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, DCTERMS.title, Literal("orgkg: Vietnamese public organizations, their people and meetings", lang="en")))
    g.add((ds, DCTERMS.description, Literal(
        "Organizations, people, posts, meetings and tasks read from news reports of organizations' meetings; "
        "every fact is traced to its source article (prov:wasDerivedFrom, and one named graph per article "
        "in TriG and N-Quads).", lang="en")))
    g.add((ds, VOID.uriSpace, Literal(mapping.base)))
    g.add((ds, DCTERMS.conformsTo, URIRef(root + "shapes")))
    for prefix in ("org", "foaf", "schema", "skos", "prov", "dcterms"):
        g.add((ds, VOID.vocabulary, URIRef(m.NAMESPACES[prefix])))
    stats = store.stats()
    g.add((ds, VOID.entities, Literal(stats.get("nodes", 0), datatype=XSD.integer)))
    for nt in mapping.model.nodes.values():
        part = BNode()
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], URIRef(m.expand(nt.rdf))))
        g.add((part, VOID.entities, Literal(stats.get(f"nodes.{nt.name}", 0), datatype=XSD.integer)))
    for nt in mapping.model.nodes.values():
        example = next(iter(store.list_nodes(nt.name, first=1).nodes), None)
        if example is not None:
            g.add((ds, VOID.exampleResource, URIRef(mapping.iri(example.id))))
    for fmt, (media, _suffix, _quads) in FORMATS.items():
        url = URIRef(f"{root}export?format={fmt}")
        g.add((ds, VOID.dataDump, url))
        g.add((ds, VOID.feature, FORMATS_NS[FEATURES[fmt]]))
        dist = BNode()
        g.add((ds, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCAT.downloadURL, url))
        g.add((dist, DCAT.mediaType, URIRef(MEDIA + media)))
        g.add((dist, DCTERMS["format"], Literal(media)))
    return g
