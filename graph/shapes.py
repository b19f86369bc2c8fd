"""SHACL shapes for orgkg's RDF, derived from schema/model.yaml and the mapping in graph/rdf.py.

One node shape per class the export writes: each model property becomes a property shape (its
datatype or class, `@vi` where the model says so, at most one value unless it is a list), each
relationship a shape on the class whose triples state it, plus the reified memberships and
participations. Every export (`orgkg export`) conforms; the tests validate them with pyshacl.
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.collection import Collection
from rdflib.namespace import RDF, SH, XSD

from orgkg.graph import rdf as m
from orgkg.graph.rdf import Mapping, expand

SHAPES = Namespace("https://w3id.org/orgkg/shapes#")
DATES = (XSD.date, XSD.gYearMonth, XSD.gYear)


def _list(g: Graph, items: list) -> BNode:
    head = BNode()
    Collection(g, head, items)
    return head


class _Builder:
    def __init__(self, g: Graph) -> None:
        self.g = g

    def node(self, name: str, cls: str) -> URIRef:
        shape = SHAPES[name]
        self.g.add((shape, RDF.type, SH.NodeShape))
        self.g.add((shape, SH.targetClass, URIRef(cls)))
        return shape

    def prop(self, shape: URIRef, path: str, *, datatype: URIRef | None = None, cls: str | None = None,
             lang: bool = False, dates: bool = False, min_count: int = 0, max_count: int | None = None,
             values: list[str] | None = None, disjoint: str | None = None) -> None:
        p = BNode()
        g = self.g
        g.add((shape, SH.property, p))
        g.add((p, SH.path, URIRef(path)))
        if lang:
            g.add((p, SH.datatype, RDF.langString))
            g.add((p, SH.languageIn, _list(g, [Literal("vi")])))
        elif dates:
            g.add((p, SH["or"], _list(g, [self._datatype(d) for d in DATES])))
        elif datatype is not None:
            g.add((p, SH.datatype, datatype))
        if cls:
            g.add((p, SH.nodeKind, SH.IRI))
            g.add((p, SH["class"], URIRef(cls)))
        if values:
            g.add((p, SH["in"], _list(g, [Literal(v) for v in values])))
        if disjoint:
            g.add((p, SH.disjoint, URIRef(disjoint)))
        if min_count:
            g.add((p, SH.minCount, Literal(min_count)))
        if max_count is not None:
            g.add((p, SH.maxCount, Literal(max_count)))

    def _datatype(self, dt: URIRef) -> BNode:
        b = BNode()
        self.g.add((b, SH.datatype, dt))
        return b


def shapes_graph(mapping: Mapping | None = None) -> Graph:
    """The SHACL shapes every orgkg export conforms to."""
    mapping = mapping or Mapping()
    model = mapping.model
    g = Graph()
    g.bind("sh", SH)
    g.bind("shapes", SHAPES)
    for prefix, ns in m.NAMESPACES.items():
        g.bind(prefix, ns)
    b = _Builder(g)

    def props(shape: URIRef, owner: str) -> None:
        spec = model.nodes[owner].properties if owner in model.nodes else model.relationships[owner].properties
        label = model.nodes[owner].label if owner in model.nodes else None
        for name, pred, how, _scheme in mapping.plans[owner]:
            prop = spec[name]
            many = None if prop.is_list else 1
            # Every node but an article has its label: articles may arrive without metadata.
            least = 1 if name == label and owner != "Article" else 0
            if how == "concept":
                b.prop(shape, pred, cls=m.SKOS_CONCEPT, max_count=many, min_count=least)
            elif how == "date":
                b.prop(shape, pred, dates=True, max_count=many, min_count=least)
            elif how == "url":
                b.prop(shape, pred, datatype=XSD.anyURI, max_count=many, min_count=least)
            elif how == "vi":
                b.prop(shape, pred, lang=True, max_count=many, min_count=least,
                       disjoint=m.SKOS_PREF_LABEL if pred == m.SKOS_ALT_LABEL else None)
            else:
                b.prop(shape, pred, datatype=XSD.string, max_count=many, min_count=least,
                       values=list(prop.enum) or None)

    shapes = {}
    for nt in model.nodes.values():
        shape = shapes[nt.name] = b.node(nt.name, m.expand(nt.rdf))
        for extra in m.EXTRA_CLASSES.get(nt.name, ()):
            b.g.add((shape, SH["class"], URIRef(extra)))
        props(shape, nt.name)
        if nt.name != "Article":
            b.prop(shape, m.PROV_DERIVED, cls=m.PROV_ENTITY, min_count=1)
    b.prop(shapes["Post"], m.ORG_ROLE, cls=m.ORG_ROLE_CLASS, max_count=1)

    for rel in model.relationships.values():
        if rel.name in m.MEMBERSHIP_RELS or rel.name == "TAKES_PART":
            continue
        on_target = rel.name in m.STATED_ON_TARGET
        subject, obj = (rel.target, rel.source) if on_target else (rel.source, rel.target)
        one = (rel.reverse_cardinality if on_target else rel.cardinality) == "one"
        b.prop(shapes[subject], expand(rel.rdf), cls=m.expand(model.nodes[obj].rdf), max_count=1 if one else None)
    meeting, person = shapes["Meeting"], m.expand(model.nodes["Person"].rdf)
    b.prop(meeting, expand(model.relationships["TAKES_PART"].rdf), cls=person)
    b.prop(meeting, m.PROV_QUALIFIED_ASSOCIATION, cls=m.PROV_ASSOCIATION)

    membership = b.node("Membership", m.ORG_MEMBERSHIP)
    b.prop(membership, m.ORG_MEMBER, cls=person, min_count=1, max_count=1)
    b.prop(membership, m.ORG_POST, cls=m.expand(model.nodes["Post"].rdf), min_count=1, max_count=1)
    b.prop(membership, m.ORG_ORGANIZATION, cls=m.expand(model.nodes["Organization"].rdf), max_count=1)
    b.prop(membership, m.ORG_ROLE, cls=m.ORG_ROLE_CLASS, max_count=1)
    b.prop(membership, m.PROV_GENERATED_BY, cls=m.expand(model.nodes["Meeting"].rdf))
    b.prop(membership, m.PROV_DERIVED, cls=m.PROV_ENTITY, min_count=1)
    props(membership, "HOLDS")

    association = b.node("Participation", m.PROV_ASSOCIATION)
    b.prop(association, m.PROV_AGENT, cls=person, min_count=1, max_count=1)
    b.prop(association, m.PROV_HAD_ROLE, cls=m.PROV_ROLE, min_count=1, max_count=1)
    b.prop(association, m.PROV_DERIVED, cls=m.PROV_ENTITY, min_count=1)
    props(association, "TAKES_PART")

    role = b.node("Role", m.ORG_ROLE_CLASS)
    b.prop(role, m.SKOS_PREF_LABEL, lang=True, min_count=1, max_count=1)
    concept = b.node("Concept", m.SKOS_CONCEPT)
    b.prop(concept, m.SKOS_PREF_LABEL, datatype=RDF.langString, min_count=1, max_count=1)
    return g


def shapes_turtle(mapping: Mapping | None = None) -> str:
    return shapes_graph(mapping).serialize(format="turtle")
