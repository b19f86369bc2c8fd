"""The graph as RDF: IRIs, classes and predicates derived from schema/model.yaml, produced as a stream.

Every class and predicate comes from an `rdf:` entry of the model. This module adds only what the YAML
cannot say, each a choice of the W3C Organization Ontology (https://www.w3.org/TR/vocab-org/) as Popolo
(https://www.popoloproject.com/specs/) applies it, or of PROV-O (https://www.w3.org/TR/prov-o/):

- HOLDS is reified as an `org:Membership` (org:member the person, org:post the post, org:organization
  the post's `org:postIn`, org:role an `org:Role` whose skos:prefLabel is the title); its term is
  `schema:validFrom` / `schema:validThrough` (typed years or dates) with the term as written in
  `dcterms:temporal`. We chose these flat dates over `org:memberDuring` + `time:Interval` because
  they are what Popolo uses and are one triple pattern away in SPARQL.
- ELECTED marks the membership the election produced: `prov:wasGeneratedBy` the meeting.
- TAKES_PART: every participant is a `schema:attendee` of the `schema:Event`; each role beyond
  attendance (chaired, spoke, reported, elected) is also a qualified participation, PROV's pattern:
  the meeting (also a `prov:Activity`) `prov:qualifiedAssociation` a `prov:Association` with
  `prov:agent` the person, `prov:hadRole` a concept for the role and `schema:roleName` its code.
- HOSTS is stated on the event (`schema:organizer`), since that is schema.org's direction.
- Kinds (`org:classification`, `schema:additionalType`) are `skos:Concept`s: ORG gives
  org:classification the range skos:Concept.
- Provenance: every node and reified relationship is `prov:wasDerivedFrom` each article stating it
  (`schema:NewsArticle`, `prov:Entity`); in quad formats each fact's triples are in the named graph of
  each article stating it (the graph's name is the article's IRI); article descriptions, roles and
  concepts are in the default graph.

IRIs: `<base><type>/<local id>` with the base from $ORGKG_BASE_IRI (default DEFAULT_BASE) and the
local id the store's (hash of the canonical key), so a rebuild from the same data gives the same IRIs.
"""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Iterable, Iterator, Sequence
from typing import NamedTuple
from urllib.parse import urlsplit

from orgkg.graph.store import Direction, Edge, Node, Store, StoreError
from orgkg.schema import Model, load_model
from orgkg.schema.model import PREFIXES, NodeType, Property

BASE_ENV = "ORGKG_BASE_IRI"
# Where `orgkg serve` answers by default, so that IRIs dereference out of the box.
DEFAULT_BASE = "http://127.0.0.1:8000/id/"

NAMESPACES: dict[str, str] = {
    **PREFIXES,
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
RDF_TYPE = NAMESPACES["rdf"] + "type"
XSD = NAMESPACES["xsd"]


def expand(curie: str) -> str:
    """The full IRI of a prefixed name such as `org:Membership`."""
    prefix, _, local = curie.partition(":")
    if prefix not in NAMESPACES:
        raise ValueError(f"{curie!r}: unknown prefix {prefix!r} (known: {', '.join(NAMESPACES)})")
    return NAMESPACES[prefix] + local


# The vocabulary this module adds to the model's (see the module docstring for the reasons).
ORG_MEMBERSHIP = expand("org:Membership")
ORG_MEMBER = expand("org:member")
ORG_POST = expand("org:post")
ORG_ORGANIZATION = expand("org:organization")
ORG_ROLE = expand("org:role")
ORG_ROLE_CLASS = expand("org:Role")
SKOS_CONCEPT = expand("skos:Concept")
SKOS_PREF_LABEL = expand("skos:prefLabel")
SKOS_IN_SCHEME = expand("skos:inScheme")
SKOS_ALT_LABEL = expand("skos:altLabel")
PROV_ENTITY = expand("prov:Entity")
PROV_ACTIVITY = expand("prov:Activity")
PROV_ASSOCIATION = expand("prov:Association")
PROV_QUALIFIED_ASSOCIATION = expand("prov:qualifiedAssociation")
PROV_AGENT = expand("prov:agent")
PROV_HAD_ROLE = expand("prov:hadRole")
PROV_ROLE = expand("prov:Role")
PROV_DERIVED = expand("prov:wasDerivedFrom")
PROV_GENERATED_BY = expand("prov:wasGeneratedBy")

EXTRA_CLASSES = {"Article": [PROV_ENTITY], "Meeting": [PROV_ACTIVITY]}
CONCEPT_PROPERTIES = {("Organization", "kind"): "organization-kind", ("Meeting", "kind"): "meeting-kind"}
STATED_ON_TARGET = {"HOSTS", "TAKES_PART"}  # the triple's subject is the relationship's target
MEMBERSHIP_RELS = ("HOLDS", "ELECTED")
ATTENDED = "attended"
PARTICIPATION_SCHEME = "meeting-role"
MEMBERSHIP_SLUG, PARTICIPATION_SLUG = "membership", "participation"
EDGE_ID_PREFIX = "rel"

_BAD_IRI_CHARS = re.compile(r"[\s<>\"{}|^`\\]")


class Lit(NamedTuple):
    """An RDF literal: its lexical form with a language tag or a datatype IRI (or neither)."""

    value: str
    lang: str | None = None
    datatype: str | None = None


Term = str | Lit  # a str is an IRI
# A Lit, Part or Block without NamedTuple's Python-level __new__: these run once per literal or fact exported.
_new = _lit = tuple.__new__
Triple = tuple[str, Term]  # predicate, object: the subject is the block's


class Part(NamedTuple):
    """Triples about one subject that share their provenance: the named graphs (article IRIs) they
    belong in; with `derived`, the subject is also `prov:wasDerivedFrom` each of those articles (kept
    as the graph list, not as triples, so that writers can state them in one go)."""

    triples: list[Triple]
    graphs: tuple[str, ...] = ()
    derived: bool = False


class Block(NamedTuple):
    subject: str
    parts: list[Part]

    def triples(self) -> Iterator[Triple]:
        for triples, graphs, derived in self.parts:
            yield from triples
            if derived:
                for g in graphs:
                    yield (PROV_DERIVED, g)


# A node and a relationship as the export reads them (Store.scan's rows): the articles stating them included.
NodeRow = tuple[str, str, dict, list[str]]  # id, type, props, articles
EdgeRow = tuple[str, str, str, str, dict, list[str]]  # id, type, source, target, props, articles


_DATE_TYPES = {4: XSD + "gYear", 7: XSD + "gYearMonth"}


def date_literal(value: str) -> Lit:
    """A partial ISO date typed by its precision: xsd:gYear, xsd:gYearMonth or xsd:date."""
    return _lit(Lit, (value, None, _DATE_TYPES.get(len(value), XSD + "date")))


def base_iri(explicit: str | None = None) -> str:
    """The base of every entity IRI: `explicit`, else $ORGKG_BASE_IRI, else DEFAULT_BASE (ends with '/')."""
    base = explicit or os.environ.get(BASE_ENV) or DEFAULT_BASE
    parts = urlsplit(base)
    if parts.scheme not in ("http", "https") or not parts.netloc or _BAD_IRI_CHARS.search(base) \
            or parts.query or parts.fragment:
        raise StoreError(f"{BASE_ENV}={base!r} is not a base IRI: use an http(s) address such as {DEFAULT_BASE}")
    return base if base.endswith("/") else base + "/"


def _hash(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:16]


class Mapping:
    """IRIs and terms for one model and base IRI."""

    def __init__(self, model: Model | None = None, base: str | None = None) -> None:
        self.model = model or load_model()
        self.base = base_iri(base)
        self.slugs = {nt.name: nt.name.lower() for nt in self.model.nodes.values()}
        self._ns_of_prefix = {nt.id_prefix: f"{self.base}{self.slugs[nt.name]}/" for nt in self.model.nodes.values()}
        self._type_of_slug = {slug: name for name, slug in self.slugs.items()}
        self.membership_ns = f"{self.base}{MEMBERSHIP_SLUG}/"
        self.participation_ns = f"{self.base}{PARTICIPATION_SLUG}/"
        self.role_ns = self.base + "role/"
        self.concept_ns = self.base + "concept/"
        self.dataset = self.base + "dataset"
        # (property, predicate IRI, how its values become terms) per node or relationship type, once
        self.plans: dict[str, list[tuple[str, str, str, str | None]]] = {}
        for nt in self.model.nodes.values():
            self.plans[nt.name] = self._plan(nt.name, nt.properties.values())
        for rel in self.model.relationships.values():
            self.plans[rel.name] = self._plan(rel.name, rel.properties.values())

    def _plan(self, owner: str, props: Iterable[Property]) -> list[tuple[str, str, str, str | None]]:
        plan = []
        for p in props:
            if not p.rdf or (owner == "ELECTED" and p.name == "meeting"):
                continue  # the electing meeting is an IRI, written with the membership
            scheme = CONCEPT_PROPERTIES.get((owner, p.name))
            how = "concept" if scheme else "date" if p.type == "date" else "url" if p.name == "url" \
                else "vi" if p.lang else "plain"
            plan.append((p.name, expand(p.rdf), how, scheme))
        return plan

    # IRIs --------------------------------------------------------------------------------------

    def iri(self, node_id: str) -> str:
        prefix, _, local = node_id.partition(":")
        try:
            if local:
                return self._ns_of_prefix[prefix] + local
        except KeyError:
            pass
        raise StoreError(f"{node_id!r} is not an entity id (known prefixes: {', '.join(self._ns_of_prefix)})")

    def node_id(self, type_slug: str, local: str) -> str | None:
        """The store id an IRI path `<type_slug>/<local>` names, or None."""
        name = self._type_of_slug.get(type_slug)
        if name is None or not local or "/" in local:
            return None
        return f"{self.model.nodes[name].id_prefix}:{local}"

    def node_id_of_iri(self, iri: str) -> str | None:
        if not iri.startswith(self.base):
            return None
        slug, _, local = iri[len(self.base):].partition("/")
        return self.node_id(slug, local)

    def relationship_id(self, kind: str, local: str) -> str | None:
        """The store id of the relationship an IRI path `membership/<local>` or `participation/<local>`
        names (relationship ids are `rel:<hex>`, loaders/identity.py; their IRIs keep the hex), or None."""
        if kind not in (MEMBERSHIP_SLUG, PARTICIPATION_SLUG) or not local or "/" in local:
            return None
        return f"{EDGE_ID_PREFIX}:{local}"

    def relationship_id_of_iri(self, iri: str) -> str | None:
        if not iri.startswith(self.base):
            return None
        kind, _, local = iri[len(self.base):].partition("/")
        return self.relationship_id(kind, local)

    def membership_iri(self, edge_id: str) -> str:
        return self.membership_ns + edge_id.partition(":")[2]

    def participation_iri(self, edge_id: str) -> str:
        return self.participation_ns + edge_id.partition(":")[2]

    def role_iri(self, title: str) -> str:
        return self.role_ns + _hash(title)

    def concept_iri(self, scheme: str, text: str) -> str:
        if scheme == PARTICIPATION_SCHEME:
            return f"{self.concept_ns}{scheme}/{text}"  # a closed set of ASCII codes
        return f"{self.concept_ns}{scheme}/{_hash(text)}"

    def namespaces(self) -> dict[str, str]:
        """Prefixes for every namespace an export uses: vocabularies, then entity types."""
        out = dict(NAMESPACES)
        for slug in self.slugs.values():
            out[slug] = f"{self.base}{slug}/"
        out.update({"membership": self.membership_ns, "participation": self.participation_ns,
                    "role": self.role_ns})
        for scheme in (*CONCEPT_PROPERTIES.values(), PARTICIPATION_SCHEME):
            out[scheme.replace("-", "")] = f"{self.concept_ns}{scheme}/"
        return out

    # terms -------------------------------------------------------------------------------------

    def classes(self, node_type: str) -> list[str]:
        return [expand(self.model.nodes[node_type].rdf), *EXTRA_CLASSES.get(node_type, ())]


class Describer:
    """Turns store nodes and edges into blocks of triples, a bounded chunk at a time."""

    def __init__(self, store: Store, mapping: Mapping, chunk: int = 1000, graphs: bool = True) -> None:
        """`graphs`: whether the output carries named graphs (the quad formats). Without them, a
        relationship stated on a node needs no provenance, so the whole-graph export does not read
        its articles (the costliest part of reading the store), and its triple joins the node's own
        (a quad writer given such blocks would put it in the node's graphs)."""
        self.store = store
        self.graphs = graphs
        self.m = mapping
        self.model = mapping.model
        self.chunk = chunk
        self._seen_terms: set[str] = set()  # roles and concepts already described (few: titles, kinds)
        self._cited: set[str] | None = None  # articles cited, while describing one entity
        self._cited_last: set[str] = set()
        self._art_iris: dict[str, str] = {}
        self._has_alt = {name for name, plan in mapping.plans.items() if any(p == SKOS_ALT_LABEL for _, p, _, _ in plan)}
        self._labels = {nt.name: nt.label for nt in self.model.nodes.values()}
        self._rel_pred = {rel.name: expand(rel.rdf) for rel in self.model.relationships.values()}
        self._classes = {nt: [(RDF_TYPE, c) for c in mapping.classes(nt)] for nt in self.model.nodes}
        # relationship → the end whose node states it in the export (its triples' subject, mostly)
        self.stated_by: dict[str, Direction] = {
            rel.name: "in" if rel.name in STATED_ON_TARGET else "out" for rel in self.model.relationships.values()}

    # the whole graph ---------------------------------------------------------------------------

    def graph(self) -> Iterator[Block]:
        """Every node with the relationships it states, in id order: one pass over the store."""
        # Memberships and participations are prov:wasDerivedFrom their articles in every format.
        articles = None if self.graphs else (*MEMBERSHIP_RELS, "TAKES_PART")
        for chunk in self.store.scan(self.stated_by, self.chunk, articles):
            yield from self.render(chunk.nodes, chunk.edges)

    # one entity and its neighbourhood ----------------------------------------------------------

    def entity(self, node_id: str, hops: int = 1) -> Iterator[Block]:
        """The nodes within `hops` of `node_id`, every relationship touching them, and a typed,
        labelled stub for each node they refer to outside that set."""
        found = self.store.get_nodes([node_id])
        if node_id not in found:
            raise StoreError(f"No entity {node_id!r} in the store.")
        inside: dict[str, Node] = dict(found)
        frontier = [node_id]
        for _ in range(max(hops, 0)):
            nxt: set[str] = set()
            for rel in self.model.relationships:
                for direction in ("out", "in"):
                    for edges in self.store.edges(frontier, rel, direction).values():
                        nxt.update(e.target if direction == "out" else e.source for e in edges)
            nxt -= set(inside)
            inside.update(self.store.get_nodes(sorted(nxt)))
            frontier = sorted(nxt)
            if not frontier:
                break
        ids = list(inside)
        seen_edges: dict[str, Edge] = {}
        for rel in self.model.relationships.values():
            for direction in ("out", "in"):
                for edges in self.store.edges(ids, rel.name, direction).values():
                    for e in edges:
                        seen_edges.setdefault(e.id, e)
        edges = [seen_edges[k] for k in sorted(seen_edges)]
        nodes = sorted(inside.values(), key=lambda n: (n.type, n.id))
        yield from self._described(nodes, edges)
        # Everything the description points at is typed and labelled, so that it reads (and
        # validates against the shapes) on its own.
        yield from self._stubs(edges, set(inside))

    def relationship(self, edge_id: str) -> Iterator[Block]:
        """A membership (`membership/…`) or a qualified participation (`participation/…`) on its own:
        its triples, the triples of the event pointing at a participation, the role or concept it
        names, and typed, labelled stubs for the people, posts, organizations, meetings and articles
        it refers to. A StoreError if `edge_id` names neither (an attendance, or an election that
        annotates a holding's membership rather than making one of its own)."""
        edge = self.store.get_edges([edge_id]).get(edge_id)
        if edge is None:
            raise StoreError(f"No relationship {edge_id!r} in the store.")
        if edge.type == "TAKES_PART" and (edge.props.get("role") or ATTENDED) != ATTENDED:
            own, edges = self.m.participation_iri(edge.id), [edge]
        elif edge.type in MEMBERSHIP_RELS:
            term = edge.props.get("term") or ""
            other = "ELECTED" if edge.type == "HOLDS" else "HOLDS"
            siblings = [e for e in self.store.edges([edge.source], other, "out").get(edge.source, [])
                        if e.target == edge.target and (e.props.get("term") or "") == term]
            if edge.type == "ELECTED" and siblings:
                raise StoreError(f"Relationship {edge_id!r} is described by the membership "
                                 f"{self.m.membership_iri(siblings[0].id)}.")
            own, edges = self.m.membership_iri(edge.id), [edge, *siblings]
        else:
            raise StoreError(f"Relationship {edge_id!r} is not a membership or a qualified participation.")
        blocks = list(self._described([], edges))
        mine = [Block(own, [p for b in blocks if b.subject == own for p in b.parts])]
        pointing = [Block(b.subject, [Part(found, p.graphs)]) for b in blocks if b.subject != own for p in b.parts
                    if (found := [t for t in p.triples if t[1] == own])]
        named = {o for _p, o in mine[0].triples() if type(o) is str}
        yield from mine
        yield from pointing
        yield from (b for b in blocks if b.subject in named and b.subject.startswith(self.m.base)
                    and self.m.node_id_of_iri(b.subject) is None)  # the role or concept
        yield from self._stubs(edges, set())

    def _described(self, nodes: Sequence[Node], edges: Sequence[Edge]) -> Iterator[Block]:
        """`render` for nodes and edges read by id; the articles they cite are kept for `_stubs`."""
        arts = self.store.articles_of([n.id for n in nodes] + [e.id for e in edges])
        self._cited = set()
        try:
            yield from self.render([(n.id, n.type, n.props, arts.get(n.id, [])) for n in nodes],
                                   [(e.id, e.type, e.source, e.target, e.props, arts.get(e.id, [])) for e in edges])
        finally:
            self._cited_last, self._cited = self._cited, None

    def _stubs(self, edges: Sequence[Edge], inside: set[str]) -> Iterator[Block]:
        """Stubs for the nodes `edges` refer to outside `inside` (posts' organizations and electing
        meetings included), then for the articles cited by the description just rendered."""
        cited = self._cited_last
        referenced = {end for e in edges for end in (e.source, e.target)}
        referenced |= {e.props["meeting"] for e in edges if e.type == "ELECTED" and e.props.get("meeting")}
        posts = [e.target for e in edges if e.type in MEMBERSHIP_RELS]
        referenced |= {e.target for es in self.store.edges(posts, "BELONGS_TO", "out").values() for e in es}
        stubs = self.store.get_nodes(sorted(referenced - inside))
        stub_arts = self.store.articles_of(sorted(stubs))
        for node in sorted(stubs.values(), key=lambda n: n.id):
            yield self._stub(node, stub_arts.get(node.id, []))
        cited |= {a for arts in stub_arts.values() for a in arts}
        for node in sorted(self.store.get_nodes(sorted(cited - inside - set(stubs))).values(), key=lambda n: n.id):
            yield self._stub(node, [])

    def _stub(self, node: Node, articles: list[str]) -> Block:
        nt = self.model.nodes[node.type]
        triples: list[Triple] = [(RDF_TYPE, c) for c in self.m.classes(node.type)]
        label = node.props.get(nt.label)
        prop = nt.properties[nt.label]
        if label and prop.rdf:
            triples.append((expand(prop.rdf), Lit(label, "vi") if prop.lang else Lit(label)))
        triples.extend((PROV_DERIVED, self.m.iri(a)) for a in articles)
        return Block(self.m.iri(node.id), [Part(triples)])

    # rendering ---------------------------------------------------------------------------------

    def render(self, nodes: Sequence[NodeRow], edges: Sequence[EdgeRow]) -> Iterator[Block]:
        """Blocks for `nodes` and `edges`: each node's own triples plus the relationships it states;
        then memberships, participations, and the roles and concepts not described yet.
        This runs once per fact of the graph: it is written for speed (no per-term objects
        beyond the triple tuples, IRIs of articles cached, no sorting)."""
        m = self.m
        iri, graphs_of = m.iri, self._graphs
        if self._cited is not None:
            self._cited.update(a for row in nodes for a in row[3])
            self._cited.update(a for row in edges for a in row[5])
        by_id: dict[str, Block] = {}
        blocks: dict[str, Block] = {}
        extra: dict[str, Block] = {}
        terms: list[Block] = []

        def block(subject: str, into: dict[str, Block]) -> Block:
            b = into.get(subject)
            if b is None:
                b = into[subject] = _new(Block, (subject, []))
            return b

        node_part = self._node_part
        for nid, ntype, props, arts in nodes:
            subject = iri(nid)
            blocks[subject] = by_id[nid] = _new(Block, (subject, [node_part(ntype, props, arts, terms)]))

        posts: dict[str, tuple[str | None, str | None]] | None = None
        attendees: set[tuple[str, str]] = set()
        elected: list[EdgeRow] = []
        rel_pred = self._rel_pred
        participation_role = self._participation_role
        for row in edges:
            eid, etype, src, dst, props, arts = row
            if etype == "TAKES_PART":
                b = by_id.get(dst) or block(iri(dst), blocks)
                person = iri(src)
                triples: list[Triple] = []
                if (dst, src) not in attendees:
                    attendees.add((dst, src))
                    triples.append((rel_pred["TAKES_PART"], person))
                role = props.get("role") or ATTENDED
                graphs = graphs_of(arts)
                if role != ATTENDED:
                    part_iri = m.participation_iri(eid)
                    triples.append((PROV_QUALIFIED_ASSOCIATION, part_iri))
                    block(part_iri, extra).parts.append(Part([
                        (RDF_TYPE, PROV_ASSOCIATION), (PROV_AGENT, person),
                        (PROV_HAD_ROLE, participation_role(role, terms)),
                        *self._props(etype, props, terms)], graphs, True))
                b.parts.append(_new(Part, (triples, graphs, False)))
            elif etype == "HOLDS" or etype == "ELECTED":
                if etype == "ELECTED":
                    elected.append(row)  # after the holdings, which it may annotate
                    continue
                if posts is None:
                    posts = self._posts([e[3] for e in edges if e[1] in MEMBERSHIP_RELS])
                self._membership(row, posts, extra, terms)
            else:
                near, far = (dst, src) if etype in STATED_ON_TARGET else (src, dst)
                b = by_id.get(near)
                if b is not None and not self.graphs:  # no named graphs: one more triple of the node's own part
                    b.parts[0].triples.append((rel_pred[etype], iri(far)))
                    continue
                b = b or block(iri(near), blocks)
                b.parts.append(_new(Part, ([(rel_pred[etype], iri(far))], graphs_of(arts), False)))
        if elected:
            holdings = {(e[2], e[3], e[4].get("term") or ""): e for e in edges if e[1] == "HOLDS"}
            if posts is None:
                posts = self._posts([e[3] for e in elected])
            for row in elected:
                eid, etype, src, dst, props, arts = row
                held = holdings.get((src, dst, props.get("term") or ""))
                if held is None:
                    self._membership(row, posts, extra, terms)
                    continue
                # the election produced this membership
                meeting = props.get("meeting")
                triples = [(PROV_GENERATED_BY, iri(meeting))] if meeting else []
                block(m.membership_iri(held[0]), extra).parts.append(Part(triples, graphs_of(arts), True))
        yield from blocks.values()
        yield from extra.values()
        yield from terms

    def _membership(self, row: EdgeRow, posts: dict[str, tuple[str | None, str | None]],
                    extra: dict[str, Block], terms: list[Block]) -> None:
        eid, etype, src, dst, props, arts = row
        m = self.m
        title, org = posts.get(dst, (None, None))
        triples: list[Triple] = [(RDF_TYPE, ORG_MEMBERSHIP), (ORG_MEMBER, m.iri(src)), (ORG_POST, m.iri(dst))]
        if org:
            triples.append((ORG_ORGANIZATION, m.iri(org)))
        if title:
            triples.append((ORG_ROLE, self._role(title, terms)))
        triples.extend(self._props(etype, props, terms))
        if etype == "ELECTED" and props.get("meeting"):
            triples.append((PROV_GENERATED_BY, m.iri(props["meeting"])))
        subject = m.membership_iri(eid)
        b = extra.get(subject)
        if b is None:
            b = extra[subject] = Block(subject, [])
        b.parts.append(Part(triples, self._graphs(arts), True))

    def _graphs(self, found: list[str]) -> tuple[str, ...]:
        """The IRIs of the articles `found` (ids): the named graphs, and what a fact is derived from."""
        if not found:
            return ()
        cache = self._art_iris
        try:
            if len(found) == 1:  # most facts: one article
                return (cache[found[0]],)
            return tuple([cache[a] for a in found])
        except KeyError:
            if len(cache) > 50_000:  # bounded: a cache, not an index of the whole graph
                cache.clear()
            for a in found:
                cache[a] = self.m.iri(a)
            return tuple([cache[a] for a in found])

    def _posts(self, post_ids: list[str]) -> dict[str, tuple[str | None, str | None]]:
        """Each post's title and organization, for the memberships that point at it."""
        ids = sorted(set(post_ids))
        if not ids:
            return {}
        nodes = self.store.get_nodes(ids)
        orgs = {pid: es[0].target for pid, es in self.store.edges(ids, "BELONGS_TO", "out").items() if es}
        return {pid: (nodes[pid].props.get("title") if pid in nodes else None, orgs.get(pid)) for pid in ids}

    def _node_part(self, node_type: str, props: dict, arts: list[str], terms: list[Block]) -> Part:
        triples: list[Triple] = [*self._classes[node_type], *self._props(node_type, props, terms)]
        if node_type in self._has_alt:  # SKOS: a label is preferred or alternative, not both
            label = props.get(self._labels[node_type])
            triples = [t for t in triples if t[0] != SKOS_ALT_LABEL or t[1][0] != label]  # type: ignore[index]
        if node_type == "Article":  # sources are described in the default graph
            return _new(Part, (triples, (), False))
        if node_type == "Post" and props.get("title"):
            triples.append((ORG_ROLE, self._role(props["title"], terms)))
        return _new(Part, (triples, self._graphs(arts), True))

    def _props(self, owner: str, props: dict, terms: list[Block]) -> list[Triple]:
        out: list[Triple] = []
        for name, pred, how, scheme in self.m.plans[owner]:
            value = props.get(name)
            if not value:
                continue
            for v in value if type(value) is list else (value,):
                v = v if type(v) is str else str(v)
                if how == "vi":
                    out.append((pred, _lit(Lit, (v, "vi", None))))
                elif how == "date":
                    out.append((pred, date_literal(v)))
                elif how == "concept":
                    out.append((pred, self._concept(scheme or "", v, terms)))
                elif how == "url":
                    out.append((pred, _lit(Lit, (v, None, XSD + "anyURI"))))
                else:
                    out.append((pred, _lit(Lit, (v, None, None))))
        return out

    def _role(self, title: str, terms: list[Block]) -> str:
        iri = self.m.role_iri(title)
        if iri not in self._seen_terms:
            self._seen_terms.add(iri)
            terms.append(Block(iri, [Part([(RDF_TYPE, ORG_ROLE_CLASS), (RDF_TYPE, SKOS_CONCEPT),
                                           (SKOS_PREF_LABEL, Lit(title, "vi"))])]))
        return iri

    def _participation_role(self, role: str, terms: list[Block]) -> str:
        return self._concept(PARTICIPATION_SCHEME, role, terms, lang=None)

    def _concept(self, scheme: str, text: str, terms: list[Block], lang: str | None = "vi") -> str:
        iri = self.m.concept_iri(scheme, text)
        if iri not in self._seen_terms:
            self._seen_terms.add(iri)
            triples: list[Triple] = [(RDF_TYPE, SKOS_CONCEPT), (SKOS_PREF_LABEL, Lit(text, lang or "en")),
                                     (SKOS_IN_SCHEME, f"{self.m.concept_ns}{scheme}")]
            if scheme == PARTICIPATION_SCHEME:
                triples.insert(1, (RDF_TYPE, PROV_ROLE))
            terms.append(Block(iri, [Part(triples)]))
        return iri


def node_label(node: Node, model: Model | None = None) -> str:
    model = model or load_model()
    nt: NodeType = model.nodes[node.type]
    return str(node.props.get(nt.label) or node.id)
