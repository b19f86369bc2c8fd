"""Streaming RDF writers: blocks of triples (graph/rdf.py) in, text out, one subject at a time.

Each writer yields strings as it goes and holds nothing but the block in hand and a few caches of
prefixed names, so memory stays flat however large the graph. The formats are written directly
(no RDF library in the loop): rdflib's serializers build the whole graph in memory first and
manage tens of thousands of triples a second; the tests parse every format back with rdflib and
pyoxigraph to keep these writers honest.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from orgkg.graph.rdf import NAMESPACES, PROV_DERIVED, RDF_TYPE, XSD, Block, Lit, Mapping, Part, Term, expand

FORMATS = {
    # name: (media type, file suffix, carries named graphs)
    "turtle": ("text/turtle", ".ttl", False),
    "nt": ("application/n-triples", ".nt", False),
    "jsonld": ("application/ld+json", ".jsonld", False),
    "trig": ("application/trig", ".trig", True),
    "nquads": ("application/n-quads", ".nq", True),
    "xml": ("application/rdf+xml", ".rdf", False),
}
FLUSH = 1 << 16  # characters gathered before a chunk is handed on

_PN_LOCAL = re.compile(r"^[A-Za-z0-9_]([A-Za-z0-9_\-.]*[A-Za-z0-9_\-])?$")
_NCNAME = re.compile(r"^[A-Za-z_][A-Za-z0-9_\-.]*$")


@dataclass
class Counter:
    """How many statements a writer produced (triples, or quads for the quad formats)."""

    statements: int = 0


def _escape(value: str) -> str:
    if "\\" in value or '"' in value or "\n" in value or "\r" in value:
        value = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    return value


def nt_term(term: Term) -> str:
    if type(term) is str:
        return f"<{term}>"
    value, lang, datatype = term  # type: ignore[misc]
    if lang:
        return f'"{_escape(value)}"@{lang}'
    if datatype:
        return f'"{_escape(value)}"^^<{datatype}>'
    return f'"{_escape(value)}"'


def _chunks(pieces: Iterable[str]) -> Iterator[str]:
    buf: list[str] = []
    size = 0
    for piece in pieces:
        buf.append(piece)
        size += len(piece)
        if size >= FLUSH:
            yield "".join(buf)
            buf, size = [], 0
    if buf:
        yield "".join(buf)


def write(blocks: Iterable[Block], fmt: str, mapping: Mapping, counter: Counter | None = None,
          header: bool = True) -> Iterator[str]:
    """`blocks` serialised as `fmt` (a key of FORMATS), as a stream of text chunks. Without `header`,
    Turtle's prefixes are left out (the text continues a document that declared them)."""
    counter = counter if counter is not None else Counter()
    writers = {"nt": _ntriples, "nquads": _nquads, "turtle": _turtle, "trig": _trig, "jsonld": _jsonld,
               "xml": _rdfxml}
    if fmt not in writers:
        raise ValueError(f"unknown format {fmt!r}: choose one of {', '.join(FORMATS)}")
    if fmt == "turtle" and not header:
        return _chunks(_turtle(blocks, mapping, counter, header=False))
    return _chunks(writers[fmt](blocks, mapping, counter))


# N-Triples and N-Quads ---------------------------------------------------------------------------


def _ntriples(blocks: Iterable[Block], mapping: Mapping, counter: Counter) -> Iterator[str]:
    preds: dict[str, str] = {}
    derived = f"<{PROV_DERIVED}> <"
    n = 0
    for b in blocks:
        s = f"<{b.subject}> "
        lines = []
        for triples, graphs, is_derived in b.parts:
            for p, o in triples:
                pp = preds.get(p) or preds.setdefault(p, f"<{p}> ")
                lines.append(f"{s}{pp}<{o}> .\n" if type(o) is str else f"{s}{pp}{nt_term(o)} .\n")
            if is_derived:
                lines.extend([f"{s}{derived}{g}> .\n" for g in graphs])
        n += len(lines)
        yield "".join(lines)
    counter.statements += n


def _nquads(blocks: Iterable[Block], mapping: Mapping, counter: Counter) -> Iterator[str]:
    preds: dict[str, str] = {}
    derived = f"<{PROV_DERIVED}> "
    n = 0
    for b in blocks:
        s = f"<{b.subject}> "
        lines = []
        for triples, graphs, is_derived in b.parts:
            ends = [f" <{g}> .\n" for g in graphs] or [" .\n"]
            heads = [f"{s}{preds.get(p) or preds.setdefault(p, f'<{p}> ')}"
                     f"{f'<{o}>' if type(o) is str else nt_term(o)}" for p, o in triples]
            if is_derived:
                heads.extend([f"{s}{derived}<{g}>" for g in graphs])
            lines.extend([head + end for head in heads for end in ends])
        n += len(lines)
        yield "".join(lines)
    counter.statements += n


# Turtle and TriG ----------------------------------------------------------------------------------


class _Names:
    """Prefixed names for IRIs in the mapping's namespaces.

    Vocabulary terms are cached for good (a bounded set); entity IRIs in a cache that is emptied when
    it grows large, so memory does not grow with the graph while objects that recur (articles,
    organizations, meetings) are shortened once."""

    CACHE = 50_000  # entries: about 10 MiB at most

    def __init__(self, mapping: Mapping) -> None:
        self.prefixes = mapping.namespaces()
        self._by_ns = {ns: p for p, ns in self.prefixes.items()}
        self._entity_ns = {ns: p for p, ns in self.prefixes.items() if ns.startswith(mapping.base)}
        self._vocab: dict[str, str] = {}
        self._seen: dict[str, str] = {}
        self.derived = self.pred(PROV_DERIVED) + " "

    def header(self) -> str:
        return "".join(f"@prefix {p}: <{ns}> .\n" for p, ns in self.prefixes.items()) + "\n"

    def name(self, iri: str) -> str:
        """`iri` as an object: through the cache (which holds vocabulary terms too, so a hit is one lookup)."""
        name = self._seen.get(iri)
        if name is None:
            if len(self._seen) >= self.CACHE:
                self._seen.clear()
            name = self._seen[iri] = self.iri(iri)
        return name

    def iri(self, iri: str) -> str:
        name = self._vocab.get(iri)
        if name is not None:
            return name
        cut = iri.rfind("/") + 1
        prefix = self._entity_ns.get(iri[:cut])
        if prefix is not None:
            local = iri[cut:]
            # Entity local ids are hex digests or URL-safe article ids: only a final '.' needs care.
            if local and local[-1] != "." and _PN_LOCAL.match(local):
                return f"{prefix}:{local}"
            return f"<{iri}>"
        cut = max(cut, iri.rfind("#") + 1)
        prefix = self._by_ns.get(iri[:cut])
        local = iri[cut:]
        if prefix is not None and _PN_LOCAL.match(local):
            name = f"{prefix}:{local}"
            if prefix in NAMESPACES:  # a vocabulary term: few, worth keeping
                self._vocab[iri] = name
            return name
        return f"<{iri}>"

    def pred(self, iri: str) -> str:
        name = self._vocab.get(iri)
        if name is None:
            name = self._vocab[iri] = "a" if iri == RDF_TYPE else self.iri(iri)
        return name

    def statements(self, subject: str, parts: Iterable[Part], indent: str) -> tuple[str, int]:
        """One subject's triples as a Turtle statement (`;`-separated predicate lists, the articles it
        is derived from as one object list), and how many triples that is."""
        vocab, seen, name = self._vocab, self._seen, self.name
        out = []
        derived: list[str] = []
        for triples, graphs, is_derived in parts:
            for p, o in triples:
                pn = vocab.get(p) or self.pred(p)
                if type(o) is str:
                    out.append(f"{pn} {seen.get(o) or name(o)}")
                    continue
                value, lang, datatype = o  # type: ignore[misc]
                if "\\" in value or '"' in value or "\n" in value or "\r" in value:
                    value = _escape(value)
                if lang:
                    out.append(f'{pn} "{value}"@{lang}')
                elif datatype:
                    out.append(f'{pn} "{value}"^^{vocab.get(datatype) or self.pred(datatype)}')
                else:
                    out.append(f'{pn} "{value}"')
            if is_derived:
                derived.extend(graphs)
        n = len(out)
        if derived:
            if len(derived) > 1:
                derived = list(dict.fromkeys(derived))
            out.append(self.derived + ", ".join([seen.get(g) or name(g) for g in derived]))
            n += len(derived)
        if not out:
            return "", 0
        return f"{indent}{subject} " + f" ;\n{indent}    ".join(out) + " .\n", n


def _turtle(blocks: Iterable[Block], mapping: Mapping, counter: Counter, header: bool = True) -> Iterator[str]:
    names = _Names(mapping)
    if header:
        yield names.header()
    total = 0
    for subject, parts in blocks:
        text, n = names.statements(names.iri(subject), parts, "")
        if n:
            total += n
            yield text + "\n"
    counter.statements += total


def _trig(blocks: Iterable[Block], mapping: Mapping, counter: Counter) -> Iterator[str]:
    names = _Names(mapping)
    yield names.header()
    total = 0
    for b in blocks:
        by_graph: dict[str | None, list[Part]] = {}
        for part in b.parts:
            for g in part.graphs or (None,):
                by_graph.setdefault(g, []).append(part)
        subject = names.iri(b.subject)
        out = []
        for g, parts in by_graph.items():
            if g is None:
                text, n = names.statements(subject, parts, "")
                out.append(text)
            else:
                text, n = names.statements(subject, parts, "    ")
                if n:
                    out.append(f"{names.name(g)} {{\n{text}}}\n")
            total += n
        yield "".join(out) + "\n"
    counter.statements += total


# JSON-LD ------------------------------------------------------------------------------------------


def _curie(iri: str) -> str:
    for prefix, ns in NAMESPACES.items():
        if iri.startswith(ns) and _NCNAME.match(iri[len(ns):]):
            return f"{prefix}:{iri[len(ns):]}"
    return iri


def jsonld_context(mapping: Mapping) -> dict:
    """The published @context: the vocabularies' prefixes and, for each predicate the mapping uses,
    a term (its prefixed name) saying whether its values are IRIs or Vietnamese text.
    It names no entity IRI, so one file serves every base IRI."""
    ctx: dict[str, object] = {p: ns for p, ns in NAMESPACES.items()}
    for _owner, plan in sorted(mapping.plans.items()):
        for _name, pred, how, _scheme in plan:
            key = _curie(pred)
            if how == "concept":
                ctx[key] = {"@id": key, "@type": "@id"}
            elif how == "vi":
                ctx.setdefault(key, {"@id": key, "@language": "vi"})
    for rel in mapping.model.relationships.values():
        if rel.name not in ("HOLDS", "ELECTED"):
            key = _curie(expand(rel.rdf))
            ctx[key] = {"@id": key, "@type": "@id"}
    for curie in ("org:member", "org:post", "org:organization", "org:role", "skos:inScheme",
                  "prov:wasDerivedFrom", "prov:wasGeneratedBy", "prov:qualifiedAssociation", "prov:agent",
                  "prov:hadRole"):
        ctx[curie] = {"@id": curie, "@type": "@id"}
    ctx["skos:prefLabel"] = {"@id": "skos:prefLabel", "@language": "vi"}
    return {"@context": ctx}


def _jsonld(blocks: Iterable[Block], mapping: Mapping, counter: Counter) -> Iterator[str]:
    ctx = jsonld_context(mapping)["@context"]
    coerce: dict[str, tuple[str, str | None, bool]] = {}  # predicate → (key, default language, IRI-valued)

    def key_of(p: str) -> tuple[str, str | None, bool]:
        if p not in coerce:
            key = _curie(p)
            d = ctx.get(key)
            d = d if isinstance(d, dict) else {}
            coerce[p] = (key, d.get("@language"), d.get("@type") == "@id")
        return coerce[p]

    yield '{"@context": ' + json.dumps(ctx, ensure_ascii=False) + ',\n "@graph": [\n'
    n = 0
    first = True
    for b in blocks:
        obj: dict[str, object] = {"@id": b.subject}
        for p, o in b.triples():
            n += 1
            if p == RDF_TYPE:
                obj.setdefault("@type", []).append(_curie(o))  # type: ignore[union-attr, arg-type]
                continue
            key, lang, is_iri = key_of(p)
            if type(o) is str:
                value: object = o if is_iri else {"@id": o}
            else:
                v, vlang, dt = o  # type: ignore[misc]
                if vlang:
                    value = v if vlang == lang else {"@value": v, "@language": vlang}
                elif dt:
                    value = {"@value": v, "@type": _curie(dt)}
                else:
                    value = {"@value": v} if lang or is_iri else v
            obj.setdefault(key, []).append(value)  # type: ignore[union-attr]
        text = json.dumps(obj, ensure_ascii=False)
        yield ("  " if first else ",\n  ") + text
        first = False
    yield "\n]}\n"
    counter.statements += n


# RDF/XML ------------------------------------------------------------------------------------------


_XML_ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_text(value: str) -> str:
    # XML 1.0 cannot carry these characters at all, not even as references: they are dropped.
    if _XML_ILLEGAL.search(value):
        value = _XML_ILLEGAL.sub("", value)
    return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\r", "&#13;")


def _xml_attr(value: str) -> str:
    return _xml_text(value).replace('"', "&quot;")


def _rdfxml(blocks: Iterable[Block], mapping: Mapping, counter: Counter) -> Iterator[str]:
    by_ns = {ns: p for p, ns in NAMESPACES.items()}
    qnames: dict[str, tuple[str, str]] = {}  # predicate → (open tag head, close tag)

    def tag(p: str) -> tuple[str, str]:
        if p not in qnames:
            cut = max(p.rfind("/"), p.rfind("#")) + 1
            prefix, local = by_ns.get(p[:cut]), p[cut:]
            if prefix and _NCNAME.match(local):
                qnames[p] = (f"<{prefix}:{local}", f"</{prefix}:{local}>")
            else:  # a namespace the root does not declare: declare it on the element
                qnames[p] = (f'<ns0:{local} xmlns:ns0="{_xml_attr(p[:cut])}"', f"</ns0:{local}>")
        return qnames[p]

    decls = "".join(f'\n    xmlns:{p}="{ns}"' for p, ns in NAMESPACES.items())
    yield f'<?xml version="1.0" encoding="utf-8"?>\n<rdf:RDF{decls}>\n'
    n = 0
    for b in blocks:
        lines = [f'  <rdf:Description rdf:about="{_xml_attr(b.subject)}">\n']
        for p, o in b.triples():
            n += 1
            head, close = tag(p)
            if type(o) is str:
                lines.append(f'    {head} rdf:resource="{_xml_attr(o)}"/>\n')
                continue
            v, lang, dt = o  # type: ignore[misc]
            attr = f' xml:lang="{lang}"' if lang else f' rdf:datatype="{_xml_attr(dt)}"' if dt else ""
            lines.append(f"    {head}{attr}>{_xml_text(v)}{close}\n")
        lines.append("  </rdf:Description>\n")
        yield "".join(lines)
    yield "</rdf:RDF>\n"
    counter.statements += n


__all__ = ["FORMATS", "XSD", "Counter", "Lit", "jsonld_context", "nt_term", "write"]
