"""The Neo4j store: the same contract as the embedded store, over the official `neo4j` driver.

How the graph is laid out in Neo4j is described in graph/cypher.py, which holds every statement.
The semantics are the embedded store's (graph/sqlite.py): each article's claims are stored, the
merged value of a node or relationship is the join of its claims (graph/merge.py), reloading an
article replaces its claims and removes what no article states any more, and unchanged input
(same digest) is skipped.

Writes: one article is one transaction; rows go in `UNWIND $rows` statements of at most
`batch_rows` rows; a transaction that fails with an error the driver calls retryable (transient
errors, lost connections) is run again from the start after a growing pause. That is safe because
the work is a function of what it reads inside the transaction, and writing an article twice
leaves the graph as writing it once.
Reads: every call is one read transaction whose statements take all ids at once (`UNWIND $ids`),
so a GraphQL request costs the same number of round trips as on the embedded store.
"""

from __future__ import annotations

import heapq
import json
import os
import random
import re
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from typing import Any, TypeVar

from orgkg.graph import cypher as cy
from orgkg.graph.cursor import decode_cursor, encode_cursor
from orgkg.graph.facts import Batch, EdgeFact, Evidence, NodeFact, Resolution
from orgkg.graph.merge import merge_all, merge_props
from orgkg.graph.store import (
    Direction,
    Edge,
    GroupCount,
    Integrity,
    Node,
    Page,
    ScanChunk,
    SearchHit,
    Source,
    StoreError,
    WriteResult,
)
from orgkg.graph.where import validate
from orgkg.schema import Model, Property, load_model
from orgkg.schema.text import fold

T = TypeVar("T")
_WORD = re.compile(r"\w+")  # search terms: letters and digits only, so no input is ever Lucene syntax
PAGE = 1000  # rows per page when iterating the whole graph
CHECK_LIMIT = 1000  # problems reported per kind


def _dumps(value: Any) -> str:
    # The same spelling as the embedded store's claims, so claims compare equal across backends.
    return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _chunks(seq: Sequence[T], size: int) -> Iterator[Sequence[T]]:
    for i in range(0, len(seq), size):
        yield seq[i : i + size]


def _public(props: dict[str, Any]) -> dict[str, Any]:
    """A node's or relationship's properties without the id and the store's own (`_…`) keys."""
    return {k: v for k, v in props.items() if k != "id" and not k.startswith("_")}


def _storable(fact_id: str, key: str, value: Any) -> None:
    if key == "id" or key.startswith("_"):
        raise StoreError(f"{fact_id}: the property name {key!r} is reserved by the Neo4j store.")
    if isinstance(value, str | int | float | bool):
        return
    if isinstance(value, list) and len({type(v) for v in value}) == 1 and isinstance(value[0], str | int | float):
        return
    raise StoreError(f"{fact_id}.{key}: Neo4j stores strings, numbers and lists of one of them, not {value!r:.60}.")


def _retryable(exc: BaseException) -> bool:
    from neo4j.exceptions import DriverError, Neo4jError

    return isinstance(exc, Neo4jError | DriverError) and bool(exc.is_retryable())


@dataclass
class _Plan:
    """What one write transaction changes, grouped so each group is one statement per chunk."""

    node_rows: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    edge_rows: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))
    node_deletes: list[str] = field(default_factory=list)
    edge_deletes: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))


class Neo4jStore:
    """The Neo4j backend (see module docstring)."""

    def __init__(
        self,
        driver: Any,
        database: str | None = None,
        model: Model | None = None,
        *,
        batch_rows: int = 1000,
        max_retries: int = 6,
        retry_delay: float = 0.2,
        sleep: Callable[[float], None] = time.sleep,
        create_schema: bool = True,
    ) -> None:
        self._driver = driver
        self.database = database or None
        self.model = model or load_model()
        self.batch_rows = batch_rows
        self.max_retries = max_retries
        self.retry_delay = retry_delay
        self._sleep = sleep
        if create_schema:
            self.ensure_schema()

    @classmethod
    def from_env(cls) -> Neo4jStore:
        """The store at $NEO4J_URI, as $NEO4J_USER / $NEO4J_PASSWORD, in $NEO4J_DATABASE (or the default)."""
        from neo4j import GraphDatabase
        from neo4j.exceptions import DriverError, Neo4jError

        uri = os.environ.get("NEO4J_URI")
        if not uri:
            raise StoreError("NEO4J_URI is not set: give the Neo4j server's address, e.g. neo4j://localhost:7687.")
        password = os.environ.get("NEO4J_PASSWORD")
        auth = (os.environ.get("NEO4J_USER") or "neo4j", password) if password else None
        try:
            driver = GraphDatabase.driver(uri, auth=auth)
            driver.verify_connectivity()
        except (DriverError, Neo4jError, ValueError) as exc:
            raise StoreError(f"Cannot use Neo4j at {uri}: {exc}") from exc
        return cls(driver, database=os.environ.get("NEO4J_DATABASE") or None)

    # transactions ----------------------------------------------------------------------------

    def _transact(self, work: Callable[[Any], T], write: bool = False) -> T:
        """Run `work(tx)` in one transaction, again from the start on a retryable error."""
        from neo4j import READ_ACCESS, WRITE_ACCESS

        attempt = 0
        while True:
            attempt += 1
            try:
                with self._driver.session(
                    database=self.database, default_access_mode=WRITE_ACCESS if write else READ_ACCESS
                ) as session:
                    tx = session.begin_transaction()
                    try:
                        result = work(tx)
                        tx.commit()
                    except BaseException:
                        tx.close()  # rolls back what is not committed
                        raise
                    return result
            except StoreError:
                raise
            except Exception as exc:
                if not _retryable(exc):
                    if _is_driver_error(exc):
                        raise StoreError(f"Neo4j refused the operation: {exc}") from exc
                    raise
                if attempt > self.max_retries:
                    raise StoreError(f"Neo4j kept failing after {attempt} attempts: {exc}") from exc
                pause = self.retry_delay * 2 ** (attempt - 1)
                self._sleep(min(pause, 10.0) * random.uniform(0.8, 1.2))

    @staticmethod
    def _rows(tx: Any, cypher: str, params: dict[str, Any] | None = None) -> list[Any]:
        return list(tx.run(cypher, params or {}))

    def ensure_schema(self) -> None:
        """Constraints for every id and the indexes, each `IF NOT EXISTS` (safe on every start)."""
        for _, statement in cy.schema_statements(self.model):
            self._transact(lambda tx, s=statement: self._rows(tx, s), write=True)
        self._transact(lambda tx: self._rows(tx, cy.AWAIT_INDEXES, {"seconds": 300}))

    def close(self) -> None:
        self._driver.close()

    def clear(self) -> None:
        """Remove every node orgkg wrote (constraints and indexes stay); for tests and rebuilds."""
        while self._transact(lambda tx: self._rows(tx, cy.CLEAR, {"limit": 10000})[0]["deleted"], write=True):
            pass

    # writes ----------------------------------------------------------------------------------

    def _props_of(self, f: NodeFact | EdgeFact) -> dict[str, Property]:
        if isinstance(f, EdgeFact):
            if f.type not in self.model.relationships:
                raise StoreError(f"{f.id}: no relationship type {f.type!r}.")
            return self.model.relationships[f.type].properties
        if f.type not in self.model.nodes:
            raise StoreError(f"{f.id}: no node type {f.type!r}.")
        return self.model.nodes[f.type].properties

    def _facts(self, batch: Batch) -> dict[str, NodeFact | EdgeFact]:
        """The batch's facts by id, a fact stated twice joined into one claim (the batch is not changed)."""
        facts: dict[str, NodeFact | EdgeFact] = {batch.article.id: batch.article}
        for f in [*batch.nodes, *batch.edges]:
            self._props_of(f)
            prev = facts.get(f.id)
            if prev is None:
                facts[f.id] = f
            else:
                facts[f.id] = replace(prev, props=merge_props(self._props_of(prev), prev.props, f.props),
                                      evidence=[*prev.evidence, *f.evidence])
        return facts

    def write(self, batch: Batch) -> WriteResult:
        """Replace everything one article says, in one transaction; unchanged input is skipped."""
        facts = self._facts(batch)
        return self._transact(lambda tx: self._write_tx(tx, batch, facts), write=True)

    def write_many(self, batches: Iterable[Batch]) -> Iterator[WriteResult]:
        """write() for each batch, in order (one transaction per article here)."""
        for batch in batches:
            yield self.write(batch)

    def _write_tx(self, tx: Any, batch: Batch, facts: dict[str, NodeFact | EdgeFact]) -> WriteResult:
        art = batch.article.id
        self._rows(tx, cy.WRITE_LOCK, {"name": cy.WRITE_LOCK_NAME})
        rows = self._rows(tx, cy.ARTICLE_DIGEST, {"article": art})
        if rows and rows[0]["digest"] is not None and batch.digest and rows[0]["digest"] == batch.digest:
            return WriteResult(art, "skipped")
        old = {r["fact"]: r for r in self._rows(tx, cy.ARTICLE_CLAIMS, {"article": art})}
        claims = {fid: _dumps(f.props) for fid, f in facts.items()}
        # A claim withdrawn or changed means the merged value must be recomputed from the rest;
        # otherwise the new claim simply joins the stored value.
        dirty = {fid for fid, r in old.items() if fid not in facts or r["props"] != claims[fid]}
        plan = _Plan()
        clean = [f for fid, f in facts.items() if fid not in dirty]
        current = self._current(tx, clean)
        for f in clean:
            stored = current.get(f.id)
            merged = merge_props(self._props_of(f), stored or {}, f.props)
            if stored is None or merged != stored:
                self._plan_upsert(plan, f, merged)
        others = self._other_claims(tx, sorted(dirty), art)
        for fid in sorted(dirty):
            f = facts.get(fid) or self._fact_from_claim(old[fid])
            known = others.get(fid, []) + ([f.props] if fid in facts else [])
            if known:
                self._plan_upsert(plan, f, merge_all(self._props_of(f), known))
            else:
                self._plan_delete(plan, f)
        rows_out = [
            {"key": _dumps([fid, art]), "fact": fid, "article": art,
             "kind": "edge" if isinstance(f, EdgeFact) else "node", "type": f.type,
             "source": f.source if isinstance(f, EdgeFact) else None,
             "target": f.target if isinstance(f, EdgeFact) else None,
             "props": claims[fid], "evidence": _dumps([e.as_list() for e in f.evidence])}
            for fid, f in facts.items()
        ]
        self._run_chunks(tx, cy.CLAIMS_UPSERT, rows_out)
        self._rows(tx, cy.CLAIMS_DELETE_STALE, {"article": art, "keep": [r["key"] for r in rows_out]})
        self._apply(tx, plan)
        resolutions = {_dumps([art, r.record]): {"key": _dumps([art, r.record]), "article": art, "record": r.record,
                                                  "node": r.node, "type": r.type, "props": _dumps(r.props)}
                       for r in batch.resolutions}  # a record stated twice: the last one stands
        self._run_chunks(tx, cy.RESOLUTIONS_UPSERT, list(resolutions.values()))
        self._rows(tx, cy.RESOLUTIONS_DELETE_STALE, {"article": art, "keep": list(resolutions)})
        self._rows(tx, cy.TEXT_UPSERT, {"article": art, "body": batch.text, "digest": batch.digest})
        return WriteResult(art, "loaded", nodes=len(batch.nodes) + 1, edges=len(batch.edges))

    def _fact_from_claim(self, row: Any) -> NodeFact | EdgeFact:
        if row["kind"] == "edge":
            return EdgeFact(row["fact"], row["type"], row["source"], row["target"], {})
        return NodeFact(row["fact"], row["type"], {})

    def _current(self, tx: Any, facts: Sequence[NodeFact | EdgeFact]) -> dict[str, dict[str, Any]]:
        """The stored (merged) properties of these facts, for those that exist."""
        out: dict[str, dict[str, Any]] = {}
        node_ids = [f.id for f in facts if isinstance(f, NodeFact)]
        for chunk in _chunks(node_ids, self.batch_rows):
            for r in self._rows(tx, cy.NODE_PROPS, {"ids": list(chunk)}):
                out[r["id"]] = _public(r["props"])
        by_rel: dict[str, list[str]] = defaultdict(list)
        for f in facts:
            if isinstance(f, EdgeFact):
                by_rel[f.type].append(f.id)
        for rel, ids in sorted(by_rel.items()):
            for chunk in _chunks(ids, self.batch_rows):
                for r in self._rows(tx, cy.edge_props(self.model.relationships[rel]), {"ids": list(chunk)}):
                    out[r["id"]] = _public(r["props"])
        return out

    def _other_claims(self, tx: Any, fact_ids: Sequence[str], article: str) -> dict[str, list[dict]]:
        """What every other article says about these facts."""
        out: dict[str, list[dict]] = defaultdict(list)
        for chunk in _chunks(fact_ids, self.batch_rows):
            for r in self._rows(tx, cy.CLAIMS_OF_FACTS, {"ids": list(chunk), "article": article}):
                out[r["fact"]].append(json.loads(r["props"]))
        return out

    def _plan_upsert(self, plan: _Plan, f: NodeFact | EdgeFact, merged: dict[str, Any]) -> None:
        model_props = self._props_of(f)
        props: dict[str, Any] = {"id": f.id}
        for key, value in merged.items():
            _storable(f.id, key, value)
            props[key] = value
            if key in model_props:  # the folded form, for eqFold / containsFold / startsWithFold
                props[cy.fold_key(key)] = ([fold(str(v)) for v in value] if isinstance(value, list)
                                           else fold(str(value)))
        if isinstance(f, EdgeFact):
            plan.edge_rows[f.type].append({"id": f.id, "source": f.source, "target": f.target, "props": props})
            return
        props[cy.fold_key("id")] = fold(f.id)
        parts: list[str] = []
        for prop in self.model.nodes[f.type].searchable():
            value = merged.get(prop.name)
            if isinstance(value, list):
                parts.extend(str(v) for v in value)
            elif value:
                parts.append(str(value))
        if parts:
            props[cy.SEARCH_PROP] = " \n ".join(fold(p) for p in parts)
        plan.node_rows[f.type].append({"id": f.id, "props": props})

    def _plan_delete(self, plan: _Plan, f: NodeFact | EdgeFact) -> None:
        if isinstance(f, EdgeFact):
            plan.edge_deletes[f.type].append(f.id)
        else:
            plan.node_deletes.append(f.id)

    def _run_chunks(self, tx: Any, cypher: str, rows: Sequence[dict], key: str = "rows") -> None:
        for chunk in _chunks(rows, self.batch_rows):
            self._rows(tx, cypher, {key: list(chunk)})

    def _apply(self, tx: Any, plan: _Plan) -> None:
        # Relationships go before nodes and nodes come before relationships, so that deleting
        # never takes a relationship still stated and upserting finds both ends in place.
        for rel, ids in sorted(plan.edge_deletes.items()):
            self._run_chunks(tx, cy.edge_delete(self.model.relationships[rel]), ids, key="ids")
        self._run_chunks(tx, cy.NODE_DELETE, plan.node_deletes, key="ids")
        for label, rows in sorted(plan.node_rows.items()):
            self._run_chunks(tx, cy.node_upsert(label), rows)
        for rel, rows in sorted(plan.edge_rows.items()):
            self._run_chunks(tx, cy.edge_upsert(self.model.relationships[rel]), rows)

    def delete_article(self, article_id: str) -> bool:
        """Withdraw an article and every claim it made; facts no other article states go too."""
        return self._transact(lambda tx: self._delete_tx(tx, article_id), write=True)

    def _delete_tx(self, tx: Any, article_id: str) -> bool:
        self._rows(tx, cy.WRITE_LOCK, {"name": cy.WRITE_LOCK_NAME})
        old = {r["fact"]: r for r in self._rows(tx, cy.ARTICLE_CLAIMS, {"article": article_id})}
        if not old:
            return False
        others = self._other_claims(tx, sorted(old), article_id)
        plan = _Plan()
        for fid in sorted(old):
            f = self._fact_from_claim(old[fid])
            if others.get(fid):
                self._plan_upsert(plan, f, merge_all(self._props_of(f), others[fid]))
            else:
                self._plan_delete(plan, f)
        self._rows(tx, cy.CLAIMS_DELETE_STALE, {"article": article_id, "keep": []})
        self._rows(tx, cy.TEXT_DELETE, {"article": article_id})
        self._rows(tx, cy.RESOLUTIONS_DELETE_STALE, {"article": article_id, "keep": []})
        self._apply(tx, plan)
        return True

    # reads -----------------------------------------------------------------------------------

    def _type(self, labels: Sequence[str]) -> str:
        for label in labels:
            if label in self.model.nodes:
                return label
        return cy.ENTITY

    def _node(self, node_id: str, labels: Sequence[str], props: dict[str, Any]) -> Node:
        return Node(node_id, self._type(labels), _public(props))

    def _rel(self, rel: str) -> Any:
        if rel not in self.model.relationships:
            raise StoreError(f"No relationship type {rel!r}.")
        return self.model.relationships[rel]

    def get_nodes(self, ids: Sequence[str]) -> dict[str, Node]:
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        rows = self._transact(lambda tx: self._rows(tx, cy.GET_NODES, {"ids": ids}))
        return {r["id"]: self._node(r["id"], r["labels"], r["props"]) for r in rows}

    def edges(self, node_ids: Sequence[str], rel: str, direction: Direction) -> dict[str, list[Edge]]:
        rtype = self._rel(rel)
        ids = list(dict.fromkeys(node_ids))
        if not ids:
            return {}
        rows = self._transact(lambda tx: self._rows(tx, cy.edges_of(rtype, direction), {"ids": ids}))
        out: dict[str, list[Edge]] = defaultdict(list)
        for r in rows:
            out[r["near"]].append(Edge(r["id"], rel, r["source"], r["target"], _public(r["props"])))
        return dict(out)

    def get_edges(self, ids: Sequence[str]) -> dict[str, Edge]:
        """Relationships by their own id: one indexed lookup per relationship type, in one transaction."""
        ids = list(dict.fromkeys(ids))
        if not ids:
            return {}
        rels = list(self.model.relationships.values())

        def work(tx: Any) -> list[tuple[str, Any]]:
            return [(rel.name, r) for rel in rels for r in self._rows(tx, cy.edge_props(rel), {"ids": ids})]

        return {r["id"]: Edge(r["id"], name, r["source"], r["target"], _public(r["props"]))
                for name, r in self._transact(work)}

    def incident(self, node_ids: Sequence[str]) -> dict[str, list[Edge]]:
        """Every relationship of each node, of any type and either direction, in edge id order (the
        path search's fast path: one statement per level)."""
        ids = list(dict.fromkeys(node_ids))
        if not ids:
            return {}
        rows = self._transact(lambda tx: self._rows(tx, cy.incident(self.model), {"ids": ids}))
        out: dict[str, list[Edge]] = defaultdict(list)
        for r in rows:  # DISTINCT: a relationship from a node to itself comes once
            out[r["near"]].append(Edge(r["id"], r["type"], r["source"], r["target"], _public(r["props"])))
        return dict(out)

    def neighbours(
        self, node_ids: Sequence[str], rel: str, direction: Direction
    ) -> dict[str, list[tuple[Edge, Node]]]:
        """Each node's relationships of one type with the node at the far end, in one statement."""
        rtype = self._rel(rel)
        ids = list(dict.fromkeys(node_ids))
        if not ids:
            return {}
        rows = self._transact(lambda tx: self._rows(tx, cy.neighbours_of(rtype, direction), {"ids": ids}))
        out: dict[str, list[tuple[Edge, Node]]] = defaultdict(list)
        for r in rows:
            edge = Edge(r["id"], rel, r["source"], r["target"], _public(r["props"]))
            out[r["near"]].append((edge, self._node(r["far"], r["far_labels"], r["far_props"])))
        return dict(out)

    def sources(self, fact_ids: Sequence[str]) -> dict[str, list[Source]]:
        ids = list(dict.fromkeys(fact_ids))
        if not ids:
            return {}

        def work(tx: Any) -> tuple[list[Any], dict[str, str | None]]:
            claims = self._rows(tx, cy.CLAIMS_FOR_SOURCES, {"ids": ids})
            articles = sorted({r["article"] for r in claims})
            bodies = {r["article"]: r["body"] for r in self._rows(tx, cy.TEXT_BODIES, {"articles": articles})}
            return claims, bodies

        claims, bodies = self._transact(work)
        out: dict[str, list[Source]] = defaultdict(list)
        for r in claims:
            spans = [Evidence.from_list(e) for e in json.loads(r["evidence"])] or [Evidence()]
            body = bodies.get(r["article"])
            for ev in spans:
                sentence = None
                if body is not None and ev.sentence_start is not None and ev.sentence_end is not None:
                    sentence = body[ev.sentence_start : ev.sentence_end]
                out[r["fact"]].append(Source(r["article"], sentence, ev.start, ev.end))
        return dict(out)

    def articles_of(self, fact_ids: Sequence[str]) -> dict[str, list[str]]:
        """The ids of the articles stating each fact, sorted (no text read)."""
        ids = list(dict.fromkeys(fact_ids))
        if not ids:
            return {}
        out: dict[str, list[str]] = defaultdict(list)
        for r in self._transact(lambda tx: self._rows(tx, cy.ARTICLES_OF, {"ids": ids})):
            out[r["fact"]].append(r["article"])
        return dict(out)

    def article_text(self, article_id: str) -> str | None:
        rows = self._transact(lambda tx: self._rows(tx, cy.ARTICLE_TEXT, {"article": article_id}))
        return rows[0]["body"] if rows else None

    def resolutions(self, node_ids: Sequence[str]) -> dict[str, list[Resolution]]:
        """How each node came to be: one record per article mention that resolved to it."""
        ids = list(dict.fromkeys(node_ids))
        if not ids:
            return {}
        out: dict[str, list[Resolution]] = defaultdict(list)
        for r in self._transact(lambda tx: self._rows(tx, cy.RESOLUTIONS_OF_NODES, {"ids": ids})):
            out[r["node"]].append(Resolution(r["record"], r["node"], r["type"], json.loads(r["props"]), r["article"]))
        return dict(out)

    # listing ---------------------------------------------------------------------------------

    def list_nodes(
        self,
        node_type: str,
        where: dict[str, Any] | None = None,
        sort: Sequence[tuple[str, str]] = (),
        first: int = 20,
        after: str | None = None,
        total: bool = True,
    ) -> Page:
        if node_type not in self.model.nodes:
            raise StoreError(f"No node type {node_type!r}.")
        validate(self.model, node_type, where)
        width = len(cy.sort_keys(self.model, node_type, list(sort))) - 1
        values = decode_cursor(after, width) if after else None
        count_cypher, count_params = cy.count_query(self.model, node_type, where)
        page_cypher, page_params = cy.page_query(self.model, node_type, where, list(sort), values, first)

        def work(tx: Any) -> tuple[int | None, list[Any]]:
            count = self._rows(tx, count_cypher, count_params)[0]["total"] if total else None
            return count, self._rows(tx, page_cypher, page_params)

        count, rows = self._transact(work)
        has_next = len(rows) > first
        rows = rows[:first]
        nodes = [self._node(r["id"], r["labels"], r["props"]) for r in rows]
        return Page(nodes, [encode_cursor(list(r["keys"])) for r in rows], count, has_next)

    def count(self, node_type: str, where: dict[str, Any] | None = None) -> int:
        if node_type not in self.model.nodes:
            raise StoreError(f"No node type {node_type!r}.")
        validate(self.model, node_type, where)
        cypher, params = cy.count_query(self.model, node_type, where)
        return self._transact(lambda tx: self._rows(tx, cypher, params)[0]["total"])

    def search(self, text: str, first: int = 10, types: Sequence[str] = ()) -> list[SearchHit]:
        """Nodes whose searchable text holds every word of `text`, ignoring case and diacritics."""
        words = _WORD.findall(fold(text))[:32]
        if not words:
            return []
        params = {"index": cy.SEARCH_INDEX, "query": cy.lucene_query(words), "types": list(types),
                  "limit": max(first * 4, 20)}
        rows = self._transact(lambda tx: self._rows(tx, cy.SEARCH, params))
        target = fold(text)
        scored = []
        for r in rows:
            exact = any(line.strip() == target for line in (r["body"] or "").split("\n"))
            scored.append((r["id"], float(r["score"]) + (10.0 if exact else 0.0), r))
        scored.sort(key=lambda x: (-x[1], x[0]))
        return [SearchHit(self._node(r["id"], r["labels"], r["props"]), round(score, 4))
                for _, score, r in scored[:first]]

    def group_count(
        self,
        rel: str,
        direction: Direction,
        by: str | None = None,
        where: dict[str, Any] | None = None,
        far_where: dict[str, Any] | None = None,
        first: int = 20,
    ) -> list[GroupCount]:
        """Per node at the near end of `rel` (matching `where`), how many such relationships lead to
        far nodes matching `far_where`; with `by`, counted per value of that far-node property
        (a date property counts per year). Largest counts first, then by id and key."""
        rtype = self._rel(rel)
        near_type, far_type = (rtype.source, rtype.target) if direction == "out" else (rtype.target, rtype.source)
        validate(self.model, near_type, where)
        validate(self.model, far_type, far_where)
        cypher, params = cy.group_count_query(self.model, rtype, direction, by, where, far_where, first)
        rows = self._transact(lambda tx: self._rows(tx, cypher, params))
        return [GroupCount(r["node"], r["key"], int(r["count"])) for r in rows]

    # whole graph -----------------------------------------------------------------------------

    def _pages(self, cypher: str, key: str) -> Iterator[Any]:
        """Every row of a statement that pages by `key` (> $after, ordered, LIMIT $limit)."""
        after = ""
        while True:
            rows = self._transact(lambda tx, a=after: self._rows(tx, cypher, {"after": a, "limit": PAGE}))
            yield from rows
            if len(rows) < PAGE:
                return
            after = rows[-1][key]

    def iter_nodes(self, node_type: str | None = None) -> Iterator[Node]:
        if node_type and node_type not in self.model.nodes:
            raise StoreError(f"No node type {node_type!r}.")
        for r in self._pages(cy.nodes_page(node_type), "id"):
            yield self._node(r["id"], r["labels"], r["props"])

    def iter_edges(self, rel: str | None = None) -> Iterator[Edge]:
        rels = [self._rel(rel)] if rel else list(self.model.relationships.values())

        def of(rtype: Any) -> Iterator[Edge]:
            for r in self._pages(cy.edges_page(rtype), "id"):
                yield Edge(r["id"], rtype.name, r["source"], r["target"], _public(r["props"]))

        # One ordered stream per type, merged: every edge in id order, as the embedded store gives them.
        yield from heapq.merge(*(of(r) for r in rels), key=lambda e: e.id)

    def scan(self, rels: Mapping[str, Direction], size: int = 1000,
             articles: Collection[str] | None = None) -> Iterator[ScanChunk]:
        """See Store.scan: a page of nodes by id and the relationships they state, in one read
        transaction per page (one statement for the nodes, one per relationship type)."""
        plan = []
        for rel, direction in rels.items():
            if direction not in ("out", "in"):
                raise StoreError(f"Cannot scan relationship {rel!r} by direction {direction!r}.")
            plan.append((rel, cy.scan_edges(self._rel(rel), direction, articles is None or rel in articles)))
        after = ""
        while True:
            def work(tx: Any, a: str = after) -> tuple[list[Any], list[tuple[str, Any]]]:
                nodes = self._rows(tx, cy.SCAN_NODES, {"after": a, "limit": max(1, size)})
                ids = {"ids": [r["id"] for r in nodes]}
                return nodes, [(rel, r) for rel, cypher in plan if nodes for r in self._rows(tx, cypher, ids)]

            nodes, found = self._transact(work)
            if not nodes:
                return
            found.sort(key=lambda x: (x[1]["near"], x[1]["id"]))
            yield ScanChunk(
                [(r["id"], self._type(r["labels"]), _public(r["props"]), list(r["articles"])) for r in nodes],
                [(r["id"], rel, r["source"], r["target"], _public(r["props"]), list(r["articles"])) for rel, r in found])
            after = nodes[-1]["id"]

    def iter_batches(self) -> Iterator[Batch]:
        """Every article's claims, as the batch that would write them again (for sync and rebuilds)."""
        after = ""
        while True:
            def work(tx: Any, a: str = after) -> tuple[list[Any], list[Any], list[Any]]:
                texts = self._rows(tx, cy.ARTICLES_PAGE, {"after": a, "limit": PAGE})
                if not texts:
                    return texts, [], []
                articles = {"articles": [t["article"] for t in texts]}
                return texts, self._rows(tx, cy.PAGE_CLAIMS, articles), self._rows(tx, cy.PAGE_RESOLUTIONS, articles)

            texts, claims, resolved = self._transact(work)
            by_article: dict[str, list[Any]] = defaultdict(list)
            for c in claims:
                by_article[c["article"]].append(c)
            resolutions: dict[str, list[Resolution]] = defaultdict(list)
            for r in resolved:
                resolutions[r["article"]].append(
                    Resolution(r["record"], r["node"], r["type"], json.loads(r["props"]), r["article"]))
            for t in texts:
                art = t["article"]
                batch = Batch(article=NodeFact(art, "Article", {}), text=t["body"], digest=t["digest"],
                              resolutions=resolutions.get(art, []))
                for c in by_article.get(art, []):
                    ev = [Evidence.from_list(e) for e in json.loads(c["evidence"])]
                    props = json.loads(c["props"])
                    if c["kind"] == "edge":
                        batch.edges.append(EdgeFact(c["fact"], c["type"], c["source"], c["target"], props, ev))
                    elif c["fact"] == art:
                        batch.article = NodeFact(art, c["type"], props, ev)
                    else:
                        batch.nodes.append(NodeFact(c["fact"], c["type"], props, ev))
                yield batch
            if len(texts) < PAGE:
                return
            after = texts[-1]["article"]

    def stats(self) -> dict[str, int]:
        cypher, columns = cy.stats(self.model)
        (row,) = self._transact(lambda tx: self._rows(tx, cypher))
        counts = {key: row[column] for column, key in columns}
        out = {k: int(v) for k, v in counts.items() if k != "claims" and v}
        out["nodes"] = sum(v for k, v in out.items() if k.startswith("nodes."))
        out["edges"] = sum(v for k, v in out.items() if k.startswith("edges."))
        out["claims"] = int(counts["claims"])
        return out

    def check(self) -> Integrity:
        """Every fact has a source, every claim a fact and a stored article, every node a type and
        its searchable text in the full-text index, and the index is online."""

        def work(tx: Any) -> list[str]:
            problems: list[str] = []
            lim = {"limit": CHECK_LIMIT}
            ids = [r["id"] for r in self._rows(tx, cy.CHECK_NODES_WITHOUT_CLAIMS, lim)]
            for rel in self.model.relationships.values():
                ids += [r["id"] for r in self._rows(tx, cy.check_edges_without_claims(rel), lim)]
            problems += [f"fact {i} has no source" for i in ids]
            missing = [r["id"] for r in self._rows(tx, cy.CHECK_NODE_CLAIMS_WITHOUT_FACT, {**lim, "kind": "node"})]
            for rel in self.model.relationships.values():
                missing += [r["id"] for r in self._rows(
                    tx, cy.check_edge_claims_without_fact(rel), {**lim, "kind": "edge", "type": rel.name})]
            problems += [f"claim on {i}, which does not exist" for i in missing]
            problems += [f"claims from article {r['article']}, which is not stored"
                         for r in self._rows(tx, cy.CHECK_CLAIMS_WITHOUT_ARTICLE, lim)]
            problems += [f"node {r['id']} has no type label"
                         for r in self._rows(tx, cy.CHECK_NODES_WITHOUT_TYPE, lim)]
            for nt in self.model.nodes.values():
                if nt.searchable():
                    problems += [f"node {r['id']} is missing from the search index"
                                 for r in self._rows(tx, cy.check_unsearchable(self.model, nt.name), lim)]
            return problems

        problems = self._transact(work)
        # SHOW commands run in a transaction of their own.
        state = self._transact(lambda tx: self._rows(tx, cy.CHECK_SEARCH_INDEX, {"index": cy.SEARCH_INDEX}))
        if not state:
            problems.append(f"the full-text index {cy.SEARCH_INDEX} does not exist")
        elif state[0]["state"] != "ONLINE":
            problems.append(f"the full-text index {cy.SEARCH_INDEX} is {state[0]['state']}")
        return Integrity(problems)


def _is_driver_error(exc: BaseException) -> bool:
    from neo4j.exceptions import DriverError, Neo4jError

    return isinstance(exc, Neo4jError | DriverError)
