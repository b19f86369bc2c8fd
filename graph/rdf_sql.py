"""The whole graph as Turtle or N-Triples text written by SQLite itself: the mapping compiled into SQL.

`Describer.graph` + `rdf_formats.write` turn every fact into Python tuples and then into text: at
seven million triples that is tens of seconds of CPU, most of it per-triple Python work. Here the
same mapping (graph/rdf.py: `Mapping.plans`, classes, the reified memberships and participations,
IRIs) is compiled once into two SELECT statements whose rows are finished text, one subject's
block per row, so SQLite's C code does the per-triple work and Python only joins rows into chunks:

1. the nodes, in id order: classes, properties (a text property's JSON token is its literal; other
   shapes through `json_each`), the relationships each node states (a range of the `src` or `dst`
   index) and the articles it is `prov:wasDerivedFrom` (a range of the claims' primary key);
2. the memberships (HOLDS, and ELECTED unless it annotates a holding) and qualified
   participations (TAKES_PART beyond attendance), one pass over the edges table;
3. the roles and concepts used, rendered by the Python writers (a handful): the SQL records each
   one through the `rdf_term` function that also computes its IRI's hash.

Nothing is materialised: each statement streams in index or table order (no sorter), so memory
stays flat. Rows come as UTF-8 bytes, decoded once per chunk. A node skips the range of an edge
index when no edge has that end among the ids of its prefix (bare_ends: one seek per prefix and end
at the start, so edges of unexpected end types are still found). Turtle's entity IRIs are relative to its @base (see _Compiler.in_ns).
Only SQLite stores have this path; other stores and formats use Describer. The equality of the two
paths' RDF is tested (tests/test_rdf_sql.py), on every kind of fact the mapping produces.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import orjson

try:  # a recent SQLite where the wheel exists (Linux x86-64): its JSON functions parse several times faster
    import pysqlite3.dbapi2 as sqlite3  # (SQLite 3.51 for 3.40: this module's CPU time 15.0 -> 12.2 s at 100k)
except ImportError:  # elsewhere the interpreter's own SQLite writes the same text, more slowly
    import sqlite3  # type: ignore[no-redef]

from orgkg.graph.rdf import (
    ATTENDED,
    MEMBERSHIP_RELS,
    ORG_MEMBER,
    ORG_MEMBERSHIP,
    ORG_ORGANIZATION,
    ORG_POST,
    ORG_ROLE,
    PARTICIPATION_SCHEME,
    PROV_AGENT,
    PROV_ASSOCIATION,
    PROV_DERIVED,
    PROV_GENERATED_BY,
    PROV_HAD_ROLE,
    PROV_QUALIFIED_ASSOCIATION,
    RDF_TYPE,
    SKOS_ALT_LABEL,
    STATED_ON_TARGET,
    XSD,
    Block,
    Describer,
    Mapping,
    date_literal,
    expand,
)
from orgkg.graph.rdf_formats import Counter, _chunks, _Names, write
from orgkg.graph.sqlite import SQLiteStore
from orgkg.graph.store import StoreError

FORMATS = ("turtle", "nt")
ROLE_SCHEME = "role"  # rdf_term's name for org:Role (a title); other schemes are the mapping's concept schemes
FETCH = 500  # rows per fetchmany: a row is one subject's block


def supports(store: object, fmt: str) -> bool:
    """Whether the whole-graph export of `store` as `fmt` can be written by SQLite (this module): a
    SQLite store in a file (the export reads it through a connection of its own)."""
    return isinstance(store, SQLiteStore) and store.path != ":memory:" and fmt in FORMATS


def q(text: str) -> str:
    """`text` as an SQL string literal."""
    return "'" + text.replace("'", "''") + "'"


def _py_str(kind: str, value: Any) -> str | None:
    """A JSON value that is not text, as Describer renders it (`str()` of the decoded value); None if
    it is falsy (Describer skips a falsy property). Called only for such values: stores hold text."""
    if kind in ("array", "object"):
        value = orjson.loads(value)
    elif kind in ("true", "false"):
        value = kind == "true"
    return str(value) if value else None


def _py_item(kind: str, value: Any) -> str:
    """An item of a list property that is not text, as Describer renders it (items are never skipped)."""
    if kind in ("array", "object"):
        value = orjson.loads(value)
    elif kind in ("true", "false"):
        value = kind == "true"
    return str(value)


class _Compiler:
    """SQL expressions producing the text of terms and blocks, for one format and mapping."""

    def __init__(self, mapping: Mapping, fmt: str, bare: frozenset[tuple[str, str]] = frozenset()) -> None:
        self.m = mapping
        # concat() (SQLite 3.44) builds a block in one allocation where `||` copies the growing text
        # once per piece, and skips NULLs without a coalesce() each.
        self.concat = sqlite3.sqlite_version_info >= (3, 44, 0)
        # (id prefix, "src" or "dst"): no edge of the store has that end among the prefix's ids
        # (bare_ends), so the nodes there need not look for the relationships they state.
        self.bare = bare
        self.turtle = fmt == "turtle"
        self.names = _Names(mapping)
        # A block is `subject first-pair (SEP pair)* END`; N-Triples repeats the subject: it is
        # written as char(1) and replaced by the subject once per row (see block()).
        self.sep = " ;\n    " if self.turtle else " .\n\x01 "
        self.end = " .\n\n" if self.turtle else " .\n"
        self.prefix_ns = {nt.id_prefix: (slug, f"{mapping.base}{slug}/")
                          for nt in mapping.model.nodes.values() for slug in [mapping.slugs[nt.name]]}

    # terms -------------------------------------------------------------------------------------

    def vocab(self, iri: str) -> str:
        """A vocabulary IRI (predicate, class, datatype) as text: fixed, so a Python string."""
        return self.names.pred(iri) if self.turtle else f"<{iri}>"

    def in_ns(self, ns: str, local: str, whole: str | None = None) -> str:
        """The IRI `ns` + `local` (`ns` under the base; `local` an SQL expression). Turtle writes it
        relative to the document's @base (`<organization/…>`): testing whether a local name may be a
        prefixed name costs more than all the rest of a term. A local name with a '.' is written
        whole, since a relative IRI's dot segments would be resolved away."""
        if not self.turtle:
            return f"{q('<' + ns)} || {local} || '>'"
        rel = ns[len(self.m.base):]
        # `whole`: the id the local name is cut from; a '.' anywhere in it also gives the full IRI,
        # which is always right, and saves cutting the local name twice.
        return f"CASE WHEN instr({whole or local}, '.') THEN {q('<' + ns)} ELSE {q('<' + rel)} END || {local} || '>'"

    def entity(self, id_expr: str, expect: str | None = None) -> str:
        """The IRI of a store id (Mapping.iri): by the id's prefix; an id no type owns, or with an empty
        local part, stops the export (rdf_bad_id raises), as Mapping.iri does. `expect`: the node type
        the model puts there, tried first with comparisons only (no function call to find the prefix:
        an id is `prefix:local`, so it starts with `prefix:` and a character iff it sorts between
        'prefix:' and 'prefix;')."""
        cut = f"instr({id_expr}, ':')"
        key = f"substr({id_expr}, 1, {cut}) || (length({id_expr}) > {cut})"
        local = f"substr({id_expr}, {cut} + 1)"
        whens = " ".join(f"WHEN {q(p + ':1')} THEN {self.in_ns(ns, local, id_expr)}"
                         for p, (_slug, ns) in self.prefix_ns.items())
        general = f"CASE {key} {whens} ELSE rdf_bad_id({id_expr}) END"
        if expect is None:
            return general
        prefix = self.m.model.nodes[expect].id_prefix
        ns = self.prefix_ns[prefix][1]
        fast = self.in_ns(ns, f"substr({id_expr}, {len(prefix) + 2})", id_expr)
        return f"CASE WHEN {id_expr} > {q(prefix + ':')} AND {id_expr} < {q(prefix + ';')} THEN {fast} ELSE {general} END"

    def edge_iri(self, ns: str, id_expr: str) -> str:
        """A membership's or participation's IRI: the relationship id's local part (Mapping.membership_iri)."""
        return self.in_ns(ns, f"substr({id_expr}, instr({id_expr}, ':') + 1)", id_expr)

    def term_iri(self, scheme: str, text_expr: str) -> str:
        """A role's or concept's IRI, written by rdf_term (_Terms), which also records the term so that
        it is described once at the end."""
        return f"rdf_term({q(scheme)}, {text_expr})"

    def literal(self, how: str, scheme: str | None, v: str) -> str:
        """A property value `v` (SQL text expression) as Describer._props renders it."""
        if how == "concept":
            return self.term_iri(scheme or "", v)
        # json_quote: the string in double quotes, with '"', '\\' and control characters escaped as
        # JSON escapes them (\\n, \\t, \\u0001, ...): each is also an escape of Turtle and N-Triples, and
        # the characters they must escape are all among them. One C call, where replace() costs four.
        return self.typed(how, f"json_quote({v})", v)

    def typed(self, how: str, quoted: str, text: str) -> str:
        """A quoted string literal `quoted` with the language tag or datatype `how` asks for (a date's datatype
        from the length of its text `text`); both are SQL expressions."""
        if how == "vi":
            return f"{quoted} || '@vi'"
        if how == "url":
            return f"{quoted} || '^^' || {q(self.vocab(XSD + 'anyURI'))}"
        if how == "date":
            types = {n: self.vocab(date_literal("0" * n).datatype or "") for n in (4, 7, 10)}
            return (f"{quoted} || '^^' || CASE length({text}) WHEN 4 THEN {q(types[4])} WHEN 7 THEN {q(types[7])} "
                    f"ELSE {q(types[10])} END")
        return quoted

    def pair(self, pred: str, obj: str) -> str:
        """One more predicate-object pair of a block (SQL expression: NULL if `obj` is NULL)."""
        return f"{q(self.sep + self.vocab(pred) + ' ')} || {obj}"

    def block(self, subject: str, first: str, rest: list[str]) -> str:
        """A whole block: `first` the first pair's text (a Python string: the class), `rest` optional
        SQL expressions (NULL when absent)."""
        if self.concat:
            body = f"concat({', '.join([q(' ' + first), *rest, q(self.end)])})"
        else:
            body = " || ".join([q(" " + first), *(f"coalesce({r}, '')" for r in rest), q(self.end)])
        if self.turtle:
            return f"{subject} || {body}"
        return f"replace({q(chr(1))} || {body}, char(1), {subject})"

    # properties --------------------------------------------------------------------------------

    def props(self, owner: str, props_col: str, label: str | None = None, post_role: bool = False) -> list[str]:
        """Every property of `owner`'s plan, as pieces of a block (none without a plan). `label`: the label property (an
        alternative label equal to it is dropped, as Describer does); `post_role`: the title also gives
        org:role its org:Role (a Post).

        A text property is read with `->`, which gives the value's JSON token: the string in quotes
        with JSON's escapes, as json.dumps wrote it into the store (graph/sqlite.py: `\\"`, `\\\\`,
        `\\n`, `\\uXXXX`, ...), each also an escape of Turtle and N-Triples, so the token is the literal
        as it stands. A value of any other shape (a list, a number: never written by the loaders),
        and the list properties, go through one json_each pass over the properties, as Describer
        renders them."""
        plan = self.m.plans[owner]
        if not plan:
            return []
        spec = self.m.model.nodes.get(owner) or self.m.model.relationships[owner]
        generic_whens: dict[str, str] = {}
        fast: list[str] = []
        for name, pred, how, scheme in plan:
            keep = ""
            if label is not None and pred == SKOS_ALT_LABEL:
                keep = " AND {} IS NOT " + f"json_extract({props_col}, {q('$.' + label)})"

            def piece(v: str, pred: str = pred, how: str = how, scheme: str | None = scheme) -> str:
                return self.pair(pred, self.literal(how, scheme, v))
            # Plain CASEs, no subquery per property: a subquery costs more than the text it writes.
            text = f"CASE WHEN j.value <> ''{keep.format('j.value')} THEN {piece('j.value')} END"
            item = "CASE k.type WHEN 'text' THEN k.value ELSE rdf_py_item(k.type, k.value) END"
            items = (f"(SELECT group_concat({piece(item)}, '') FROM json_each(j.value) k "
                     f"WHERE 1{keep.format(item)})")
            other = f"CASE WHEN rdf_py_str(j.type, j.value) IS NOT NULL{keep.format('rdf_py_str(j.type, j.value)')} " \
                f"THEN {piece('rdf_py_str(j.type, j.value)')} END"
            expr = f"CASE j.type WHEN 'text' THEN {text} WHEN 'array' THEN {items} ELSE {other} END"
            role = ""
            if post_role and name == "title":
                role = self.pair(ORG_ROLE, self.term_iri(ROLE_SCHEME, "j.value"))
                expr = f"{expr} || CASE WHEN j.type = 'text' AND j.value <> '' THEN {role} ELSE '' END"
            generic_whens[name] = f"WHEN {q(name)} THEN {expr}"
            if spec.properties[name].is_list or keep:
                continue
            raw = f"({props_col} -> {q('$.' + name)})"
            text_of = f"({props_col} ->> {q('$.' + name)})"
            token = self.pair(pred, self.token(how, scheme, raw, text_of))
            if role:
                token += " || " + self.pair(ORG_ROLE, self.term_iri(ROLE_SCHEME, text_of))
            generic = f"(SELECT group_concat(CASE j.key {generic_whens[name]} END, '') FROM json_each({props_col}) j)"
            fast.append(f"CASE WHEN {raw} GLOB '\"?*' THEN {token} WHEN {raw} IS NULL OR {raw} = '\"\"' THEN '' "
                        f"ELSE coalesce({generic}, '') END")
            del generic_whens[name]
        if generic_whens:
            fast.append(f"coalesce((SELECT group_concat(CASE j.key {' '.join(generic_whens.values())} END, '') "
                        f"FROM json_each({props_col}) j), '')")
        return fast

    def token(self, how: str, scheme: str | None, raw: str, text: str) -> str:
        """A text property's value as `literal` renders it, from its JSON token `raw` (quoted and
        escaped) and its text `text` (both SQL expressions)."""
        if how == "concept":
            return self.term_iri(scheme or "", text)
        return self.typed(how, raw, text)

    def derived(self, fact: str) -> str:
        """`prov:wasDerivedFrom` each article stating `fact` (the claims' primary key, in order)."""
        art = self.entity("c.article", "Article")
        if self.turtle:
            return (f"(SELECT {q(self.sep + self.vocab(PROV_DERIVED) + ' ')} || group_concat({art}, ' ,\n        ') "
                    f"FROM claims c WHERE c.fact = {fact})")
        return f"(SELECT group_concat({self.pair(PROV_DERIVED, art)}, '') FROM claims c WHERE c.fact = {fact})"


def _text(value: str) -> str:
    """`value` as its JSON property's text when it is text and not empty, else NULL (a falsy value is no value)."""
    return f"CASE WHEN json_type({value}) = 'text' THEN nullif(json_extract({value}), '') END"


def node_sql(c: _Compiler) -> str:
    """One row per node (id order): its block, with what it states and what it is derived from."""
    m, model = c.m, c.m.model
    rel_pred = {r.name: r.rdf for r in model.relationships.values()}
    plain_out = [r for r in model.relationships if r not in STATED_ON_TARGET and r not in MEMBERSHIP_RELS]
    plain_in = [r for r in model.relationships if r in STATED_ON_TARGET and r != "TAKES_PART"]
    def rel_pieces(types: list[str], far: str) -> str:
        ends = {t: getattr(model.relationships[t], "target" if far == "dst" else "source") for t in types}
        return "CASE e.type " + " ".join(
            f"WHEN {q(t)} THEN {c.pair(expand(rel_pred[t]), c.entity('e.' + far, ends[t]))}" for t in types) + " END"

    out_rels = (f"(SELECT group_concat({rel_pieces(plain_out, 'dst')}, '') FROM edges e "
                f"WHERE e.src = n.id)")  # other types: the CASE gives NULL, which group_concat skips
    # Every participant is an attendee once (Describer keeps the first of each person's edges to the
    # meeting: here the one with the least rowid), and each role beyond attendance is a qualified
    # participation. One range of the dst index per node, no GROUP BY: its set-up for every node
    # cost more than all the meetings' attendees.
    role = "coalesce(nullif(json_extract(e.props, '$.role'), ''), " + q(ATTENDED) + ")"
    first = ("NOT EXISTS (SELECT 1 FROM edges f WHERE f.dst = e.dst AND f.type = 'TAKES_PART' AND f.src = e.src "
             "AND f.rowid < e.rowid)")
    attendee = c.pair(expand(rel_pred["TAKES_PART"]), c.entity("e.src", "Person"))
    qualified = c.pair(PROV_QUALIFIED_ASSOCIATION, c.edge_iri(m.participation_ns, "e.id"))
    src_of = {t: model.relationships[t].source for t in plain_in}
    in_rels = (
        "(SELECT group_concat(CASE e.type "
        + " ".join(f"WHEN {q(t)} THEN {c.pair(expand(rel_pred[t]), c.entity('e.src', src_of[t]))}" for t in plain_in)
        + f" WHEN 'TAKES_PART' THEN CASE WHEN {first} THEN {attendee} ELSE '' END || "
        f"CASE WHEN {role} <> {q(ATTENDED)} THEN {qualified} ELSE '' END END, '') "
        f"FROM edges e WHERE e.dst = n.id)")
    whens = []
    for nt in model.nodes.values():
        classes = m.classes(nt.name)
        first = f"{c.vocab(RDF_TYPE)} {c.vocab(classes[0])}"
        rest = [q(c.sep + f"{c.vocab(RDF_TYPE)} {c.vocab(k)}") for k in classes[1:]]
        has_alt = any(p == SKOS_ALT_LABEL for _, p, _, _ in m.plans[nt.name])
        rest += c.props(nt.name, "n.props", nt.label if has_alt else None, post_role=nt.name == "Post")
        # A range of an edge index per node costs about as much as a property: skipped where no edge
        # has that end among the ids of the node's own prefix (a check per node: two comparisons).
        prefix = model.nodes[nt.name].id_prefix
        mine = f"n.id > {q(prefix + ':')} AND n.id < {q(prefix + ';')}"
        for rels, end in ((out_rels, "src"), (in_rels, "dst")):
            rest.append(f"CASE WHEN NOT ({mine}) THEN {rels} END" if (prefix, end) in c.bare else rels)
        if nt.name != "Article":  # sources are not derived from themselves (Describer._node_part)
            rest.append(c.derived("n.id"))
        whens.append(f"WHEN {q(nt.name)} THEN {c.block(c.entity('n.id', nt.name), first, rest)}")
    # In id order (the primary key's index): the ranges each node reads in the claims and edge indexes
    # then come one after the other, instead of at random across a store larger than memory maps.
    return f"SELECT CASE n.type {' '.join(whens)} ELSE rdf_bad_type(n.type) END FROM nodes n ORDER BY n.id"


def edge_sql(c: _Compiler) -> str:
    """One row per membership or qualified participation (edges table order)."""
    m = c.m

    def term(alias: str) -> str:
        return f"coalesce(json_extract({alias}.props, '$.term'), '')"

    # Describer keeps, per (person, post, term), the holding with the greatest id; an election with
    # that key annotates it instead of making a membership of its own.
    same = "x.src = e.src AND x.dst = e.dst AND {} = {}"
    last_holding = (f"e.id = (SELECT max(h.id) FROM edges h WHERE h.src = e.src AND h.type = 'HOLDS' "
                    f"AND h.dst = e.dst AND {term('h')} = {term('e')})")
    elections = f"FROM edges x WHERE x.src = e.src AND x.type = 'ELECTED' AND {same.format(term('x'), term('e'))}"
    meeting = _text("x.props, '$.meeting'")
    annotated = (f"(SELECT group_concat({c.pair(PROV_GENERATED_BY, c.entity(meeting, 'Meeting'))}, '') {elections} "
                 f"AND {last_holding})")
    held = (f"EXISTS (SELECT 1 FROM edges x WHERE x.src = e.src AND x.type = 'HOLDS' "
            f"AND {same.format(term('x'), term('e'))})")
    if c.turtle:
        arts = c.entity("a.article", "Article")
        derived_both = (f"(SELECT {q(c.sep + c.vocab(PROV_DERIVED) + ' ')} || group_concat({arts}, ' ,\n        ') "
                        f"FROM (SELECT c.article FROM claims c WHERE c.fact = e.id UNION SELECT c.article FROM claims c "
                        f"WHERE c.fact IN (SELECT x.id {elections} AND {last_holding})) a)")
    else:
        arts = c.entity("a.article", "Article")
        derived_both = (f"(SELECT group_concat({c.pair(PROV_DERIVED, arts)}, '') "
                        f"FROM (SELECT c.article FROM claims c WHERE c.fact = e.id UNION SELECT c.article FROM claims c "
                        f"WHERE c.fact IN (SELECT x.id {elections} AND {last_holding})) a)")
    title = _text("p.props, '$.title'")
    # Describer._posts: the post's first BELONGS_TO by id
    post_org = "FROM edges b WHERE b.src = e.dst AND b.type = 'BELONGS_TO' ORDER BY b.id LIMIT 1"

    def membership(etype: str) -> str:
        rest = [
            c.pair(ORG_MEMBER, c.entity("e.src", "Person")),
            c.pair(ORG_POST, c.entity("e.dst", "Post")),
            f"(SELECT {c.pair(ORG_ORGANIZATION, c.entity('b.dst', 'Organization'))} {post_org})",
            f"(SELECT {c.pair(ORG_ROLE, c.term_iri(ROLE_SCHEME, title))} FROM nodes p WHERE p.id = e.dst "
            f"AND {title} IS NOT NULL)",
        ]
        rest += c.props(etype, "e.props")
        if etype == "ELECTED":
            own = _text("e.props, '$.meeting'")
            rest += [f"(SELECT {c.pair(PROV_GENERATED_BY, c.entity('mt', 'Meeting'))} FROM (SELECT {own} AS mt) "
                     f"WHERE mt IS NOT NULL)", c.derived("e.id")]
        else:
            rest += [annotated, derived_both]
        return c.block(c.edge_iri(m.membership_ns, "e.id"), f"{c.vocab(RDF_TYPE)} "
                       f"{c.vocab(ORG_MEMBERSHIP)}", rest)

    role = f"coalesce(nullif(json_extract(e.props, '$.role'), ''), {q(ATTENDED)})"
    participation = c.block(c.edge_iri(m.participation_ns, "e.id"),
                            f"{c.vocab(RDF_TYPE)} {c.vocab(PROV_ASSOCIATION)}", [
        c.pair(PROV_AGENT, c.entity("e.src", "Person")),
        c.pair(PROV_HAD_ROLE, c.term_iri(PARTICIPATION_SCHEME, role)),
        *c.props("TAKES_PART", "e.props"),
        c.derived("e.id")])
    return (f"SELECT CASE e.type WHEN 'HOLDS' THEN {membership('HOLDS')} "
            f"WHEN 'ELECTED' THEN CASE WHEN NOT {held} THEN {membership('ELECTED')} END "
            f"WHEN 'TAKES_PART' THEN CASE WHEN {role} <> {q(ATTENDED)} THEN {participation} END END "
            f"FROM edges e WHERE e.type IN ('HOLDS', 'ELECTED', 'TAKES_PART') "
            # attendances first: they are half the edges read and give no row, so they skip the node lookup
            f"AND (e.type <> 'TAKES_PART' OR {role} <> {q(ATTENDED)}) "
            f"AND EXISTS (SELECT 1 FROM nodes n WHERE n.id = CASE e.type WHEN 'TAKES_PART' THEN e.dst ELSE e.src END)")


def bare_ends(conn: sqlite3.Connection, c: _Compiler) -> frozenset[tuple[str, str]]:
    """(id prefix, end) where no edge has that end (`src` or `dst`) among the ids of the prefix: one
    seek of the end's index each. Nodes there state no relationship on that side whatever their type
    (the store does not promise its edges' end types), so node_sql skips looking."""
    return frozenset((prefix, end) for prefix in c.prefix_ns for end in ("src", "dst")
                     if not conn.execute(f"SELECT EXISTS (SELECT 1 FROM edges WHERE {end} > ? AND {end} < ?)",
                                         (prefix + ":", prefix + ";")).fetchone()[0])


class _Terms:
    """rdf_term(scheme, text): the IRI of a role (a post's title) or concept as the format writes it;
    each term used is kept, to be described once at the end (few: titles, kinds, roles)."""

    def __init__(self, mapping: Mapping, names: _Names | None) -> None:
        self.m = mapping
        self.names = names  # Turtle's prefixed names; None: N-Triples
        self.used: dict[tuple[str, str], str] = {}

    def __call__(self, scheme: str, text: object) -> str:
        key = (scheme, text if type(text) is str else str(text))
        term = self.used.get(key)
        if term is None:
            iri = self.m.role_iri(key[1]) if scheme == ROLE_SCHEME else self.m.concept_iri(scheme, key[1])
            term = self.used[key] = self.names.iri(iri) if self.names else f"<{iri}>"
        return term

    def blocks(self, describer: Describer) -> list[Block]:
        out: list[Block] = []
        for scheme, text in self.used:
            if scheme == ROLE_SCHEME:
                describer._role(text, out)
            elif scheme == PARTICIPATION_SCHEME:
                describer._participation_role(text, out)
            else:
                describer._concept(scheme, text, out)
        return out


def export(store: SQLiteStore, mapping: Mapping, fmt: str, counter: Counter | None = None) -> Iterator[str]:
    """The whole graph as `fmt` ("turtle" or "nt"), the same RDF as Describer.graph() written by
    rdf_formats.write, as a stream of text chunks."""
    if fmt not in FORMATS:
        raise ValueError(f"{fmt!r}: SQLite writes only {', '.join(FORMATS)}")
    counter = counter if counter is not None else Counter()
    return _chunks(_export(store, mapping, fmt, counter))


def _export(store: SQLiteStore, mapping: Mapping, fmt: str, counter: Counter) -> Iterator[str]:
    c = _Compiler(mapping, fmt)
    terms = _Terms(mapping, c.names if c.turtle else None)
    bad: list[str] = []

    def bad_id(value: object) -> None:
        bad.append(f"{value!r} is not an entity id (known prefixes: {', '.join(c.prefix_ns)})")
        raise ValueError(bad[-1])

    def bad_type(value: object) -> None:
        bad.append(f"node type {value!r} is not in the model")
        raise ValueError(bad[-1])

    # A connection of its own: the functions below are not the store's, and a long read must not
    # hold the store's connection (nor its progress handler, meant for API requests).
    uri = f"file:{store.path}?mode=ro"
    conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
    try:
        # The whole file mapped (where SQLite allows it: up to 1 TiB in pysqlite3's build, 2 GiB by default):
        # a page read through the map is not copied, and the export reads every page of the store.
        conn.execute("PRAGMA mmap_size = 1099511627776")
        conn.text_factory = bytes  # rows as UTF-8 bytes: a chunk is decoded once, not row by row
        conn.create_function("rdf_term", 2, terms, deterministic=True)
        conn.create_function("rdf_py_str", 2, _py_str, deterministic=True)
        conn.create_function("rdf_py_item", 2, _py_item, deterministic=True)
        conn.create_function("rdf_bad_id", 1, bad_id)
        conn.create_function("rdf_bad_type", 1, bad_type)
        if c.turtle:
            yield f"@base <{mapping.base}> .\n" + c.names.header()  # entity IRIs are relative (in_ns)
        # One read transaction: the statements (and bare_ends) see one state of the store.
        conn.execute("BEGIN")
        c.bare = bare_ends(conn, c)
        total = 0
        for sql in (node_sql(c), edge_sql(c)):
            cur = conn.execute(sql)
            try:
                while rows := cur.fetchmany(FETCH):
                    blocks = [r for (r,) in rows if r]
                    data = b"".join(blocks)
                    # Every triple ends its line (literals' line breaks are escaped); a Turtle block also
                    # ends with a blank line.
                    total += data.count(b"\n") - (len(blocks) if c.turtle else 0)
                    yield data.decode()
            except sqlite3.OperationalError as exc:
                if bad:
                    raise StoreError(f"Cannot export the graph: {bad[-1]}.") from exc
                raise
        counter.statements += total
        conn.execute("COMMIT")
        describer = Describer(store, mapping, graphs=False)
        blocks = terms.blocks(describer)
        if blocks:
            text = "".join(write(blocks, fmt, mapping, counter, header=False))
            yield text
    finally:
        conn.close()


__all__ = ["FORMATS", "export", "supports"]
