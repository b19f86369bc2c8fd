"""Every Cypher statement the Neo4j store sends, built from the model.

The graph in Neo4j
- every node carries its type's label and the shared label `Entity` (one id space, so a batch of
  ids of mixed types is read in one `UNWIND $ids`); its merged properties are native properties;
- every relationship has its model type (HOLDS, HOSTS, ...) and an `id`;
- what each article said about each node or relationship is a `(:Claim {key, fact, article, kind,
  type, source, target, props, evidence})` node (props and evidence as JSON), not linked to the
  fact: a claim must be able to name a relationship, and claims are read by `fact` or `article`
  (both indexed) exactly like the embedded store's claims table;
- each article's text and input digest are an `(:ArticleText {article, body, digest})` node;
- how each mention of an article resolved to a node is a `(:Resolution {key, article, record, node,
  type, props})` node (props as JSON), replaced with the article's claims;
- one `(:WriteLock {name: "writes"})` node, updated first by every write transaction: writers take turns
  as on the embedded store, so two loads at once cannot both merge into a value read before the other wrote;
- internal properties start with `_`: `_search` (folded searchable text, behind the full-text
  index) and `_fold_<prop>` (the folded form of each model property, for the *Fold filters).

Labels, relationship types and property keys come from schema/model.yaml and are checked to be
plain names before they are written into a statement; every value is a parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from orgkg.graph.store import StoreError
from orgkg.graph.where import relationship_fields
from orgkg.schema import Model, Property, RelType
from orgkg.schema.text import fold

ENTITY = "Entity"
CLAIM = "Claim"
TEXT = "ArticleText"
RESOLUTION = "Resolution"
WRITE_LOCK_LABEL = "WriteLock"
SEARCH_INDEX = "orgkg_search"
SEARCH_PROP = "_search"
FOLD_PREFIX = "_fold_"
SEARCH_ANALYZER = "standard-no-stop-words"  # our text is folded before it is indexed

_IDENT = re.compile(r"^[A-Za-z][A-Za-z0-9_]*$")


def ident(name: str) -> str:
    """A label, type or property key from the model, refused unless it is a plain name."""
    if not _IDENT.match(name):
        raise StoreError(f"{name!r} is not a name the Neo4j store can use as a label or property key.")
    return name


def fold_key(prop: str) -> str:
    return FOLD_PREFIX + ident(prop)


def _snake(name: str) -> str:
    return re.sub(r"(?<!^)(?=[A-Z])", "_", name).lower()


# schema -----------------------------------------------------------------------------------------


def schema_statements(model: Model) -> tuple[tuple[str, str], ...]:
    """(name, statement) for every constraint and index, each idempotent."""
    out: list[tuple[str, str]] = [
        ("constraint.entity_id",
         f"CREATE CONSTRAINT orgkg_entity_id IF NOT EXISTS FOR (n:{ENTITY}) REQUIRE n.id IS UNIQUE"),
    ]
    for nt in model.nodes.values():
        label = ident(nt.name)
        out.append((f"constraint.{label}.id",
                    f"CREATE CONSTRAINT orgkg_{_snake(label)}_id IF NOT EXISTS "
                    f"FOR (n:{label}) REQUIRE n.id IS UNIQUE"))
    for rel in model.relationships.values():
        rtype = ident(rel.name)
        out.append((f"constraint.{rtype}.id",
                    f"CREATE CONSTRAINT orgkg_{rtype.lower()}_id IF NOT EXISTS "
                    f"FOR ()-[r:{rtype}]-() REQUIRE r.id IS UNIQUE"))
    out += [
        ("constraint.claim_key",
         f"CREATE CONSTRAINT orgkg_claim_key IF NOT EXISTS FOR (c:{CLAIM}) REQUIRE c.key IS UNIQUE"),
        ("constraint.article_text",
         f"CREATE CONSTRAINT orgkg_article_text IF NOT EXISTS FOR (t:{TEXT}) REQUIRE t.article IS UNIQUE"),
        ("constraint.resolution_key",
         f"CREATE CONSTRAINT orgkg_resolution_key IF NOT EXISTS FOR (r:{RESOLUTION}) REQUIRE r.key IS UNIQUE"),
        ("index.resolution_node",
         f"CREATE INDEX orgkg_resolution_node IF NOT EXISTS FOR (r:{RESOLUTION}) ON (r.node)"),
        ("index.resolution_article",
         f"CREATE INDEX orgkg_resolution_article IF NOT EXISTS FOR (r:{RESOLUTION}) ON (r.article)"),
        ("constraint.write_lock",
         f"CREATE CONSTRAINT orgkg_write_lock IF NOT EXISTS FOR (l:{WRITE_LOCK_LABEL}) REQUIRE l.name IS UNIQUE"),
        ("index.claim_fact", f"CREATE INDEX orgkg_claim_fact IF NOT EXISTS FOR (c:{CLAIM}) ON (c.fact)"),
        ("index.claim_article", f"CREATE INDEX orgkg_claim_article IF NOT EXISTS FOR (c:{CLAIM}) ON (c.article)"),
    ]
    for nt in model.nodes.values():
        label = ident(nt.name)
        for prop in nt.properties.values():
            if (prop.filter or prop.sort) and not prop.is_list:
                key = ident(prop.name)
                out.append((f"index.{label}.{key}",
                            f"CREATE INDEX orgkg_{_snake(label)}_{_snake(key)} IF NOT EXISTS "
                            f"FOR (n:{label}) ON (n.{key})"))
    out.append(("index.search",
                f"CREATE FULLTEXT INDEX {SEARCH_INDEX} IF NOT EXISTS FOR (n:{ENTITY}) ON EACH [n.{SEARCH_PROP}] "
                f"OPTIONS {{indexConfig: {{`fulltext.analyzer`: '{SEARCH_ANALYZER}', "
                f"`fulltext.eventually_consistent`: false}}}}"))
    return tuple(out)


AWAIT_INDEXES = "CALL db.awaitIndexes($seconds)"

# writes -----------------------------------------------------------------------------------------

# Updating the one lock node holds its write lock until commit: write transactions run one at a time.
WRITE_LOCK = f"MERGE (l:{WRITE_LOCK_LABEL} {{name: $name}}) SET l.writes = coalesce(l.writes, 0) + 1"
WRITE_LOCK_NAME = "writes"

ARTICLE_DIGEST = f"OPTIONAL MATCH (t:{TEXT} {{article: $article}}) RETURN t.digest AS digest"

ARTICLE_CLAIMS = (
    f"MATCH (c:{CLAIM} {{article: $article}}) "
    "RETURN c.fact AS fact, c.props AS props, c.evidence AS evidence, c.kind AS kind, c.type AS type, "
    "c.source AS source, c.target AS target ORDER BY fact"
)

NODE_PROPS = (
    f"UNWIND $ids AS nid MATCH (n:{ENTITY} {{id: nid}}) "
    "RETURN n.id AS id, labels(n) AS labels, properties(n) AS props"
)

CLAIMS_OF_FACTS = (
    f"UNWIND $ids AS fid MATCH (c:{CLAIM} {{fact: fid}}) WHERE c.article <> $article "
    "RETURN c.fact AS fact, c.article AS article, c.props AS props ORDER BY fact, article"
)

CLAIMS_UPSERT = f"UNWIND $rows AS row MERGE (c:{CLAIM} {{key: row.key}}) SET c = row"

CLAIMS_DELETE_STALE = f"MATCH (c:{CLAIM} {{article: $article}}) WHERE NOT c.key IN $keep DELETE c"

RESOLUTIONS_UPSERT = f"UNWIND $rows AS row MERGE (r:{RESOLUTION} {{key: row.key}}) SET r = row"

RESOLUTIONS_DELETE_STALE = f"MATCH (r:{RESOLUTION} {{article: $article}}) WHERE NOT r.key IN $keep DELETE r"

TEXT_UPSERT = f"MERGE (t:{TEXT} {{article: $article}}) SET t.body = $body, t.digest = $digest"

TEXT_DELETE = f"MATCH (t:{TEXT} {{article: $article}}) DELETE t"

NODE_DELETE = f"UNWIND $ids AS nid MATCH (n:{ENTITY} {{id: nid}}) DETACH DELETE n"


def node_upsert(label: str) -> str:
    # MERGE on the shared label: its constraint makes the id unique across types.
    return f"UNWIND $rows AS row MERGE (n:{ENTITY} {{id: row.id}}) SET n = row.props, n:{ident(label)}"


def edge_upsert(rel: RelType) -> str:
    # An end no article states yet is created bare (no claim), so check() reports it.
    return (
        f"UNWIND $rows AS row "
        f"MERGE (s:{ENTITY} {{id: row.source}}) ON CREATE SET s:{ident(rel.source)} "
        f"MERGE (t:{ENTITY} {{id: row.target}}) ON CREATE SET t:{ident(rel.target)} "
        f"MERGE (s)-[r:{ident(rel.name)} {{id: row.id}}]->(t) SET r = row.props"
    )


def edge_props(rel: RelType) -> str:
    return (
        f"UNWIND $ids AS rid MATCH (s)-[r:{ident(rel.name)} {{id: rid}}]->(t) "
        "RETURN r.id AS id, s.id AS source, t.id AS target, properties(r) AS props"
    )


def edge_delete(rel: RelType) -> str:
    return f"UNWIND $ids AS rid MATCH ()-[r:{ident(rel.name)} {{id: rid}}]->() DELETE r"


# reads by id ------------------------------------------------------------------------------------

GET_NODES = NODE_PROPS

CLAIMS_FOR_SOURCES = (
    f"UNWIND $ids AS fid MATCH (c:{CLAIM} {{fact: fid}}) "
    "RETURN c.fact AS fact, c.article AS article, c.evidence AS evidence ORDER BY fact, article"
)

ARTICLES_OF = (
    f"UNWIND $ids AS fid MATCH (c:{CLAIM} {{fact: fid}}) "
    "RETURN c.fact AS fact, c.article AS article ORDER BY fact, article"
)

RESOLUTIONS_OF_NODES = (
    f"UNWIND $ids AS nid MATCH (r:{RESOLUTION} {{node: nid}}) "
    "RETURN r.article AS article, r.record AS record, r.node AS node, r.type AS type, r.props AS props "
    "ORDER BY node, article, record"
)

TEXT_BODIES = f"UNWIND $articles AS aid MATCH (t:{TEXT} {{article: aid}}) RETURN t.article AS article, t.body AS body"

ARTICLE_TEXT = f"MATCH (t:{TEXT} {{article: $article}}) RETURN t.body AS body"


def _pattern(rel: RelType, direction: str) -> str:
    rtype = ident(rel.name)
    far = ident(rel.target if direction == "out" else rel.source)
    arrow = f"-[r:{rtype}]->" if direction == "out" else f"<-[r:{rtype}]-"
    return f"UNWIND $ids AS nid MATCH (a:{ENTITY} {{id: nid}}){arrow}(b:{far})"


def edges_of(rel: RelType, direction: str) -> str:
    src, dst = ("a", "b") if direction == "out" else ("b", "a")
    return (
        f"{_pattern(rel, direction)} "
        f"RETURN nid AS near, r.id AS id, {src}.id AS source, {dst}.id AS target, properties(r) AS props "
        "ORDER BY near, id"
    )


def neighbours_of(rel: RelType, direction: str) -> str:
    src, dst = ("a", "b") if direction == "out" else ("b", "a")
    return (
        f"{_pattern(rel, direction)} "
        f"RETURN nid AS near, r.id AS id, {src}.id AS source, {dst}.id AS target, properties(r) AS props, "
        "b.id AS far, labels(b) AS far_labels, properties(b) AS far_props "
        "ORDER BY near, id"
    )


def incident(model: Model) -> str:
    """Every relationship of the model's types at each node, either direction (path searches)."""
    types = "|".join(ident(r) for r in model.relationships)
    return (
        f"UNWIND $ids AS nid MATCH (a:{ENTITY} {{id: nid}})-[r:{types}]-() "
        "RETURN DISTINCT nid AS near, r.id AS id, type(r) AS type, startNode(r).id AS source, "
        "endNode(r).id AS target, properties(r) AS props ORDER BY id, near"
    )


# filters ----------------------------------------------------------------------------------------


@dataclass
class Params:
    """The parameters of one statement being built: every value goes here, never into the text."""

    values: dict[str, Any] = field(default_factory=dict)

    def add(self, value: Any, prefix: str = "p") -> str:
        name = f"{prefix}{len(self.values)}"
        self.values[name] = value
        return f"${name}"


def _value(expr: str) -> str:
    # Missing properties compare as '' exactly as in the embedded store.
    return f"coalesce({expr}, '')"


def _ops(expr: str, fexpr: str, ops: dict[str, Any], params: Params) -> str:
    """One property's operators; `expr` is its value, `fexpr` its folded form (both '' when missing)."""
    parts = []
    for op, value in ops.items():
        if op == "eq":
            parts.append(f"{expr} = {params.add(value)}")
        elif op == "ne":
            parts.append(f"{expr} <> {params.add(value)}")
        elif op == "in":
            parts.append(f"{expr} IN {params.add(list(value))}")
        elif op == "contains":
            parts.append(f"{expr} CONTAINS {params.add(str(value))}")
        elif op == "startsWith":
            parts.append(f"{expr} STARTS WITH {params.add(value)}")
        elif op == "endsWith":
            parts.append(f"{expr} ENDS WITH {params.add(value)}")
        elif op == "eqFold":
            parts.append(f"{fexpr} = {params.add(fold(str(value)))}")
        elif op == "containsFold":
            parts.append(f"{fexpr} CONTAINS {params.add(fold(str(value)))}")
        elif op == "startsWithFold":
            parts.append(f"{fexpr} STARTS WITH {params.add(fold(str(value)))}")
        elif op in ("gt", "gte", "lt", "lte"):
            sym = {"gt": ">", "gte": ">=", "lt": "<", "lte": "<="}[op]
            # Dates are partial ISO strings: "2023" must not sort before "2023-05-01" for lte.
            if op in ("lte", "gt") and isinstance(value, str) and len(value) in (4, 7):
                value = value + "\uffff"
            parts.append(f"{expr} <> '' AND {expr} {sym} {params.add(value)}")
        elif op == "isNull":
            parts.append(f"{expr} = ''" if value else f"{expr} <> ''")
    return "(" + " AND ".join(parts) + ")" if parts else "true"


def _prop_test(var: str, key: str, is_list: bool, ops: dict[str, Any], params: Params) -> str:
    key = ident(key)
    if is_list:  # a list property matches when any one of its values does
        values, folded = f"coalesce({var}.{key}, [])", f"coalesce({var}.{fold_key(key)}, [])"
        inner = _ops(f"{values}[i]", f"coalesce({folded}[i], '')", ops, params)
        return f"any(i IN range(0, size({values}) - 1) WHERE {inner})"
    return _ops(_value(f"{var}.{key}"), _value(f"{var}.{fold_key(key)}"), ops, params)


def compile_where(model: Model, node_type: str, where: dict[str, Any] | None, var: str, params: Params,
                  depth: int = 0) -> str:
    """A Cypher predicate on `var` for a filter already checked by `graph.where.validate`."""
    if not where:
        return "true"
    nt = model.nodes[node_type]
    rels = relationship_fields(model, node_type)
    parts: list[str] = []
    for key, value in where.items():
        if key == "AND":
            subs = [compile_where(model, node_type, w, var, params, depth) for w in value]
            parts.append("(" + " AND ".join(subs) + ")" if subs else "true")
        elif key == "OR":
            subs = [compile_where(model, node_type, w, var, params, depth) for w in value]
            parts.append("(" + " OR ".join(subs) + ")" if subs else "false")
        elif key == "NOT":
            parts.append(f"NOT ({compile_where(model, node_type, value, var, params, depth)})")
        elif key == "id":
            parts.append(_ops(f"{var}.id", _value(f"{var}.{fold_key('id')}"), value, params))
        elif key in nt.properties:
            parts.append(_prop_test(var, key, nt.properties[key].is_list, value, params))
        else:
            rel, direction = rels[key]
            far_type = rel.target if direction == "out" else rel.source
            e, m = f"e{depth}", f"m{depth}"
            arrow = f"-[{e}:{ident(rel.name)}]->" if direction == "out" else f"<-[{e}:{ident(rel.name)}]-"
            head = f"MATCH ({var}){arrow}({m}:{ident(far_type)})"
            for op, sub in value.items():
                conds = [_prop_test(e, k, rel.properties[k].is_list, v, params)
                         for k, v in sub.items() if k in rel.properties]
                node_part = {k: v for k, v in sub.items() if k not in rel.properties}
                inner = compile_where(model, far_type, node_part, m, params, depth + 1)
                test = " AND ".join([*conds, inner])
                if op == "some":
                    parts.append(f"EXISTS {{ {head} WHERE {test} }}")
                elif op == "none":
                    parts.append(f"NOT EXISTS {{ {head} WHERE {test} }}")
                else:  # all
                    parts.append(f"NOT EXISTS {{ {head} WHERE NOT ({test}) }}")
    return " AND ".join(parts) or "true"


def sort_keys(model: Model, node_type: str, sort: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """(expression, ASC|DESC) for each sort key, then the id: a total order."""
    nt = model.nodes[node_type]
    keys = []
    for prop, direction in sort:
        if prop not in nt.properties or not nt.properties[prop].sort:
            raise StoreError(f"{node_type} cannot be sorted by {prop!r}.")
        keys.append((_value(f"n.{ident(prop)}"), "DESC" if direction.upper() == "DESC" else "ASC"))
    keys.append(("n.id", "ASC"))
    return keys


def count_query(model: Model, node_type: str, where: dict[str, Any] | None) -> tuple[str, dict[str, Any]]:
    params = Params()
    cond = compile_where(model, node_type, where, "n", params)
    return f"MATCH (n:{ident(node_type)}) WHERE {cond} RETURN count(n) AS total", params.values


def page_query(model: Model, node_type: str, where: dict[str, Any] | None, sort: list[tuple[str, str]],
               after: list[Any] | None, first: int) -> tuple[str, dict[str, Any]]:
    """One page of `node_type` in the sort order, strictly after the cursor's values (keyset)."""
    params = Params()
    cond = compile_where(model, node_type, where, "n", params)
    keys = sort_keys(model, node_type, sort)
    if after is not None:
        ors = []
        for i, (expr, direction) in enumerate(keys):
            eqs = [f"{keys[j][0]} = {params.add(after[j], 'c')}" for j in range(i)]
            cmp = f"{expr} {'<' if direction == 'DESC' else '>'} {params.add(after[i], 'c')}"
            ors.append("(" + " AND ".join([*eqs, cmp]) + ")")
        cond = f"{cond} AND (" + " OR ".join(ors) + ")"
    params.values["limit"] = first + 1
    order = ", ".join(f"{expr} {direction}" for expr, direction in keys)
    cypher = (
        f"MATCH (n:{ident(node_type)}) WHERE {cond} "
        f"WITH n ORDER BY {order} LIMIT $limit "
        f"RETURN n.id AS id, labels(n) AS labels, properties(n) AS props, [{', '.join(e for e, _ in keys)}] AS keys"
    )
    return cypher, params.values


def group_count_query(model: Model, rel: RelType, direction: str, by: str | None,
                      where: dict[str, Any] | None, far_where: dict[str, Any] | None,
                      first: int) -> tuple[str, dict[str, Any]]:
    """Per near node (matching `where`), its `rel` relationships to far nodes matching `far_where`,
    counted (per value of the far node's `by`, a date per year); largest first, then id and key."""
    near_type, far_type = (rel.source, rel.target) if direction == "out" else (rel.target, rel.source)
    params = Params()
    near_cond = compile_where(model, near_type, where, "n", params)
    far_cond = compile_where(model, far_type, far_where, "f", params)
    key = "null"
    if by is not None:
        prop = model.nodes[far_type].properties.get(by)
        if prop is None or prop.is_list:
            raise StoreError(f"{far_type} cannot be grouped by {by!r}.")
        key = f"substring(f.{ident(by)}, 0, 4)" if prop.type == "date" else f"f.{ident(by)}"
    arrow = f"-[e:{ident(rel.name)}]->" if direction == "out" else f"<-[e:{ident(rel.name)}]-"
    params.values["limit"] = first
    cypher = (
        f"MATCH (n:{ident(near_type)}){arrow}(f:{ident(far_type)}) WHERE {near_cond} AND {far_cond} "
        f"WITH n.id AS node, {key} AS key, count(e) AS count "
        # A missing key sorts first, as in the embedded store.
        "RETURN node, key, count ORDER BY count DESC, node, key IS NOT NULL, key LIMIT $limit"
    )
    return cypher, params.values


# search -----------------------------------------------------------------------------------------

SEARCH = (
    "CALL db.index.fulltext.queryNodes($index, $query) YIELD node, score "
    "WHERE size($types) = 0 OR any(label IN labels(node) WHERE label IN $types) "
    f"RETURN node.id AS id, labels(node) AS labels, properties(node) AS props, score, node.{SEARCH_PROP} AS body "
    "ORDER BY score DESC, id LIMIT $limit"
)


def lucene_query(words: list[str]) -> str:
    """Every word required, the last one as a prefix; words are letters and digits only."""
    terms = [f'+"{w}"' for w in words[:-1]] + [f"+{words[-1]}*"]
    return " ".join(terms)


# whole graph ------------------------------------------------------------------------------------


def nodes_page(label: str | None) -> str:
    label = ident(label) if label else ENTITY
    return (
        f"MATCH (n:{label}) WHERE n.id > $after "
        "WITH n ORDER BY n.id LIMIT $limit "
        "RETURN n.id AS id, labels(n) AS labels, properties(n) AS props"
    )


def edges_page(rel: RelType) -> str:
    return (
        f"MATCH (s)-[r:{ident(rel.name)}]->(t) WHERE r.id > $after "
        "WITH s, r, t ORDER BY r.id LIMIT $limit "
        "RETURN r.id AS id, s.id AS source, t.id AS target, properties(r) AS props"
    )


# export scan: pages of nodes by id with their articles, then the relationships they state with theirs
SCAN_NODES = (
    f"MATCH (n:{ENTITY}) WHERE n.id > $after "
    "WITH n ORDER BY n.id LIMIT $limit "
    f"OPTIONAL MATCH (c:{CLAIM} {{fact: n.id}}) "
    "WITH n, c ORDER BY n.id, c.article "
    "WITH n, collect(c.article) AS articles "
    "RETURN n.id AS id, labels(n) AS labels, properties(n) AS props, articles ORDER BY id"
)


def scan_edges(rel: RelType, direction: str, articles: bool = True) -> str:
    src, dst = ("a", "b") if direction == "out" else ("b", "a")
    if not articles:
        return (
            f"{_pattern(rel, direction)} "
            f"RETURN nid AS near, r.id AS id, {src}.id AS source, {dst}.id AS target, properties(r) AS props, "
            "[] AS articles ORDER BY near, id"
        )
    return (
        f"{_pattern(rel, direction)} "
        f"OPTIONAL MATCH (c:{CLAIM} {{fact: r.id}}) "
        f"WITH nid, r, {src}.id AS source, {dst}.id AS target, c ORDER BY nid, r.id, c.article "
        "WITH nid, r, source, target, collect(c.article) AS articles "
        "RETURN nid AS near, r.id AS id, source, target, properties(r) AS props, articles ORDER BY near, id"
    )


PAGE_CLAIMS = (
    f"UNWIND $articles AS aid MATCH (c:{CLAIM} {{article: aid}}) "
    "RETURN c.article AS article, c.fact AS fact, c.props AS props, c.evidence AS evidence, c.kind AS kind, "
    "c.type AS type, c.source AS source, c.target AS target ORDER BY article, fact"
)

PAGE_RESOLUTIONS = (
    f"UNWIND $articles AS aid MATCH (r:{RESOLUTION} {{article: aid}}) "
    "RETURN r.article AS article, r.record AS record, r.node AS node, r.type AS type, r.props AS props "
    "ORDER BY article, record"
)

ARTICLES_PAGE = (
    f"MATCH (t:{TEXT}) WHERE t.article > $after "
    "WITH t ORDER BY t.article LIMIT $limit "
    "RETURN t.article AS article, t.body AS body, t.digest AS digest"
)


def stats(model: Model) -> tuple[str, list[tuple[str, str]]]:
    """One statement counting nodes and relationships by type, and claims; with (column, key) pairs."""
    items, columns = [], []
    for i, nt in enumerate(model.nodes.values()):
        items.append(f"COUNT {{ (:{ident(nt.name)}) }} AS n{i}")
        columns.append((f"n{i}", f"nodes.{nt.name}"))
    for i, rel in enumerate(model.relationships.values()):
        items.append(f"COUNT {{ ()-[:{ident(rel.name)}]->() }} AS r{i}")
        columns.append((f"r{i}", f"edges.{rel.name}"))
    items.append(f"COUNT {{ (:{CLAIM}) }} AS claims")
    columns.append(("claims", "claims"))
    return "RETURN " + ", ".join(items), columns


CHECK_NODES_WITHOUT_CLAIMS = (
    f"MATCH (n:{ENTITY}) WHERE NOT EXISTS {{ MATCH (c:{CLAIM} {{fact: n.id}}) }} "
    "RETURN n.id AS id ORDER BY id LIMIT $limit"
)


def check_edges_without_claims(rel: RelType) -> str:
    return (
        f"MATCH ()-[r:{ident(rel.name)}]->() WHERE NOT EXISTS {{ MATCH (c:{CLAIM} {{fact: r.id}}) }} "
        "RETURN r.id AS id ORDER BY id LIMIT $limit"
    )


CHECK_NODE_CLAIMS_WITHOUT_FACT = (
    f"MATCH (c:{CLAIM} {{kind: $kind}}) WHERE NOT EXISTS {{ MATCH (n:{ENTITY} {{id: c.fact}}) }} "
    "RETURN DISTINCT c.fact AS id ORDER BY id LIMIT $limit"
)


def check_edge_claims_without_fact(rel: RelType) -> str:
    return (
        f"MATCH (c:{CLAIM} {{kind: $kind, type: $type}}) "
        f"WHERE NOT EXISTS {{ MATCH ()-[r:{ident(rel.name)} {{id: c.fact}}]->() }} "
        "RETURN DISTINCT c.fact AS id ORDER BY id LIMIT $limit"
    )


CHECK_CLAIMS_WITHOUT_ARTICLE = (
    f"MATCH (c:{CLAIM}) WHERE NOT EXISTS {{ MATCH (t:{TEXT} {{article: c.article}}) }} "
    "RETURN DISTINCT c.article AS article ORDER BY article LIMIT $limit"
)

CHECK_NODES_WITHOUT_TYPE = (
    f"MATCH (n:{ENTITY}) WHERE size(labels(n)) < 2 RETURN n.id AS id ORDER BY id LIMIT $limit"
)


def check_unsearchable(model: Model, label: str) -> str:
    """Nodes with searchable text that the full-text index cannot see."""
    props = [p.name for p in model.nodes[label].searchable()]
    has_text = " OR ".join(f"n.{ident(p)} IS NOT NULL" for p in props)
    return (
        f"MATCH (n:{ident(label)}) WHERE n.{SEARCH_PROP} IS NULL AND ({has_text}) "
        "RETURN n.id AS id ORDER BY id LIMIT $limit"
    )


CHECK_SEARCH_INDEX = "SHOW FULLTEXT INDEXES YIELD name, state WHERE name = $index RETURN state"

# Only orgkg's own labels: a shared database keeps everything else.
CLEAR = (
    f"MATCH (n) WHERE n:{ENTITY} OR n:{CLAIM} OR n:{TEXT} OR n:{RESOLUTION} WITH n LIMIT $limit DETACH DELETE n "
    "RETURN count(*) AS deleted"
)


# the catalog ------------------------------------------------------------------------------------

# Filters in the shapes the GraphQL layer sends: every operator, list properties, AND/OR/NOT,
# relationship filters in both directions with relationship properties, nested two deep.
FILTER_EXAMPLES: list[tuple[str, str, dict[str, Any]]] = [
    ("date_range", "Meeting", {"date": {"gte": "2023", "lte": "2023"}}),
    ("name_eq", "Person", {"name": {"eq": "Lê Tuấn An"}}),
    ("name_contains", "Person", {"name": {"contains": "Tuấn"}}),
    ("name_starts_with", "Person", {"name": {"startsWith": "Lê"}}),
    ("string_ops", "Organization", {"name": {
        "ne": "Tỉnh ủy", "in": ["Sở Khoa học và Công nghệ", "Tỉnh Đoàn"], "contains": "Sở", "startsWith": "Sở",
        "endsWith": "Công nghệ", "eqFold": "so khoa hoc va cong nghe", "containsFold": "KHOA HOC",
        "startsWithFold": "so"}}),
    ("range_and_null", "Meeting", {"date": {"gt": "2022-06", "lt": "2024-01-01", "isNull": False},
                                   "location": {"isNull": True}}),
    ("list_property", "Organization", {"aliases": {"containsFold": "khcn", "ne": "Sở KH&CN"}}),
    ("list_in", "Person", {"honorifics": {"in": ["TS", "PGS.TS"]}}),
    ("id_in", "Meeting", {"id": {"in": ["mtg:0011223344556677", "mtg:8899aabbccddeeff"]}}),
    ("boolean", "Meeting", {"OR": [{"kind": {"eq": "hội nghị"}}, {"kind": {"eq": "đại hội"}}],
                            "NOT": {"name": {"startsWithFold": "so ket"}}, "AND": [{"date": {"gte": "2022"}}]}),
    ("empty_boolean", "Task", {"AND": [], "OR": []}),
    ("relationship_some", "Organization", {"meetings": {"some": {"date": {"gte": "2023"}}}}),
    ("relationship_none_all", "Organization", {"meetings": {"none": {"kind": {"eq": "đại hội"}},
                                                            "all": {"date": {"lte": "2024"}}}}),
    ("reverse_relationship", "Meeting", {"host": {"some": {"name": {"containsFold": "hoi nong dan"}}}}),
    ("relationship_property", "Meeting", {"participants": {"some": {"role": {"in": ["chaired", "spoke"]},
                                                                     "name": {"eqFold": "le tuan an"}}}}),
    ("nested_relationships", "Person", {"holdings": {"some": {
        "term": {"eq": "2022-2025"}, "title": {"eq": "Bí thư"},
        "organization": {"some": {"name": {"startsWithFold": "chi bo"}}}}}}),
]


def _example(prop: Property) -> Any:
    if prop.is_list:
        return ["Ví dụ"]
    return "2023-01-16" if prop.type == "date" else "Ví dụ"


def _example_props(node_id: str, properties: dict[str, Property], node: bool) -> dict[str, Any]:
    props: dict[str, Any] = {"id": node_id}
    for p in properties.values():
        props[p.name] = _example(p)
        props[fold_key(p.name)] = [fold(v) for v in props[p.name]] if p.is_list else fold(props[p.name])
    if node:
        props[fold_key("id")] = fold(node_id)
        props[SEARCH_PROP] = "vi du"
    return props


def catalog(model: Model) -> list[dict[str, Any]]:
    """Every statement the Neo4j store sends, each with parameters holding example values."""
    out: list[dict[str, Any]] = []

    def add(name: str, statement: str, parameters: dict[str, Any] | None = None) -> None:
        out.append({"name": name, "cypher": statement, "parameters": parameters or {}})

    for name, statement in schema_statements(model):
        add(f"schema.{name}", statement)
    add("schema.await_indexes", AWAIT_INDEXES, {"seconds": 300})

    art, fact = "art:example-article", "org:0011223344556677"
    ids = {"ids": [fact, "per:8899aabbccddeeff"]}
    add("write.lock", WRITE_LOCK, {"name": WRITE_LOCK_NAME})
    add("write.article_digest", ARTICLE_DIGEST, {"article": art})
    add("write.article_claims", ARTICLE_CLAIMS, {"article": art})
    add("write.node_props", NODE_PROPS, ids)
    add("write.claims_of_facts", CLAIMS_OF_FACTS, {**ids, "article": art})
    add("write.claims_upsert", CLAIMS_UPSERT, {"rows": [{
        "key": f'["{fact}","{art}"]', "fact": fact, "article": art, "kind": "node", "type": "Organization",
        "source": None, "target": None, "props": '{"name":"Ví dụ"}', "evidence": "[[10,30,0,47]]"}]})
    add("write.claims_delete_stale", CLAIMS_DELETE_STALE, {"article": art, "keep": [f'["{fact}","{art}"]']})
    add("write.resolutions_upsert", RESOLUTIONS_UPSERT, {"rows": [{
        "key": f'["{art}","per:8899aabbccddeeff"]', "article": art, "record": "per:8899aabbccddeeff",
        "node": "per:0011223344556677", "type": "Person", "props": '{"name":"Lê Tuấn An","rule":"name+org"}'}]})
    add("write.resolutions_delete_stale", RESOLUTIONS_DELETE_STALE, {"article": art, "keep": []})
    add("write.text_upsert", TEXT_UPSERT, {"article": art, "body": "Ngày 5/1, ...", "digest": "3f2a9c"})
    add("write.text_delete", TEXT_DELETE, {"article": art})
    add("write.node_delete", NODE_DELETE, ids)
    for nt in model.nodes.values():
        nid = f"{nt.id_prefix}:0011223344556677"
        add(f"write.node_upsert.{nt.name}", node_upsert(nt.name),
            {"rows": [{"id": nid, "props": _example_props(nid, nt.properties, node=True)}]})
    for rel in model.relationships.values():
        rid = "rel:0011223344556677"
        src = f"{model.nodes[rel.source].id_prefix}:0011223344556677"
        dst = f"{model.nodes[rel.target].id_prefix}:8899aabbccddeeff"
        add(f"write.edge_upsert.{rel.name}", edge_upsert(rel), {"rows": [
            {"id": rid, "source": src, "target": dst, "props": _example_props(rid, rel.properties, node=False)}]})
        add(f"write.edge_props.{rel.name}", edge_props(rel), {"ids": [rid]})
        add(f"write.edge_delete.{rel.name}", edge_delete(rel), {"ids": [rid]})

    add("read.get_nodes", GET_NODES, ids)
    for rel in model.relationships.values():
        for direction in ("out", "in"):
            add(f"read.edges.{rel.name}.{direction}", edges_of(rel, direction), ids)
            add(f"read.neighbours.{rel.name}.{direction}", neighbours_of(rel, direction), ids)
    add("read.incident", incident(model), ids)
    add("read.sources.claims", CLAIMS_FOR_SOURCES, ids)
    add("read.articles_of", ARTICLES_OF, ids)
    add("read.resolutions", RESOLUTIONS_OF_NODES, ids)
    add("read.sources.texts", TEXT_BODIES, {"articles": [art]})
    add("read.article_text", ARTICLE_TEXT, {"article": art})
    for nt in model.nodes.values():
        statement, params = count_query(model, nt.name, None)
        add(f"read.count.{nt.name}", statement, params)
        statement, params = page_query(model, nt.name, None, [], None, 20)
        add(f"read.list.{nt.name}", statement, params)
        sortable = [p.name for p in nt.properties.values() if p.sort]
        if sortable:
            statement, params = page_query(model, nt.name, None, [(sortable[0], "DESC")],
                                           ["Ví dụ", f"{nt.id_prefix}:0011223344556677"], 20)
            add(f"read.list.{nt.name}.sorted_after_cursor", statement, params)
    for name, node_type, where in FILTER_EXAMPLES:
        statement, params = count_query(model, node_type, where)
        add(f"read.count.{node_type}.where.{name}", statement, params)
        statement, params = page_query(model, node_type, where, [], None, 20)
        add(f"read.list.{node_type}.where.{name}", statement, params)
    for rel in model.relationships.values():
        for direction in ("out", "in"):
            statement, params = group_count_query(model, rel, direction, None, None, None, 20)
            add(f"read.group_count.{rel.name}.{direction}", statement, params)
    hosts = model.relationships["HOSTS"]
    for by in ("date", "kind"):
        statement, params = group_count_query(model, hosts, "out", by, {"locality": {"eq": "Hà Tĩnh"}},
                                              {"date": {"gte": "2022", "lte": "2023"}}, 20)
        add(f"read.group_count.HOSTS.out.by_{by}.where", statement, params)
    statement, params = group_count_query(model, hosts, "in", "name",
                                          {"participants": {"some": {"role": {"eq": "chaired"}}}}, None, 20)
    add("read.group_count.HOSTS.in.by_name.where_relationship", statement, params)
    add("read.search", SEARCH, {"index": SEARCH_INDEX, "query": lucene_query(["le", "tuan", "an"]),
                                "types": ["Person"], "limit": 40})

    page = {"after": "", "limit": 1000}
    add("iter.nodes", nodes_page(None), page)
    for nt in model.nodes.values():
        add(f"iter.nodes.{nt.name}", nodes_page(nt.name), page)
    for rel in model.relationships.values():
        add(f"iter.edges.{rel.name}", edges_page(rel), page)
    add("iter.articles", ARTICLES_PAGE, page)
    add("scan.nodes", SCAN_NODES, page)
    for rel in model.relationships.values():
        for direction in ("out", "in"):
            add(f"scan.edges.{rel.name}.{direction}", scan_edges(rel, direction), ids)
            add(f"scan.edges.{rel.name}.{direction}.without_articles", scan_edges(rel, direction, False), ids)
    add("iter.article_claims", PAGE_CLAIMS, {"articles": [art]})
    add("iter.article_resolutions", PAGE_RESOLUTIONS, {"articles": [art]})

    statement, _ = stats(model)
    add("stats", statement)
    lim = {"limit": 1000}
    add("check.nodes_without_claims", CHECK_NODES_WITHOUT_CLAIMS, lim)
    add("check.node_claims_without_fact", CHECK_NODE_CLAIMS_WITHOUT_FACT, {**lim, "kind": "node"})
    for rel in model.relationships.values():
        add(f"check.edges_without_claims.{rel.name}", check_edges_without_claims(rel), lim)
        add(f"check.edge_claims_without_fact.{rel.name}", check_edge_claims_without_fact(rel),
            {**lim, "kind": "edge", "type": rel.name})
    add("check.claims_without_article", CHECK_CLAIMS_WITHOUT_ARTICLE, lim)
    add("check.nodes_without_type", CHECK_NODES_WITHOUT_TYPE, lim)
    for nt in model.nodes.values():
        if nt.searchable():
            add(f"check.unsearchable.{nt.name}", check_unsearchable(model, nt.name), lim)
    add("check.search_index", CHECK_SEARCH_INDEX, {"index": SEARCH_INDEX})
    add("clear", CLEAR, {"limit": 10000})
    return out
