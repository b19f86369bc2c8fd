"""One article's batch as the rows the SQLite store writes, made where the batch is made.

The store's writer is the serial part of a bulk load (one process, one transaction at a time), so
whatever follows from one article alone is computed before the batch reaches it, in the extraction
worker: the article's repeated facts joined, every JSON text the writer stores or compares, each node's
folded label and search text as the article states them. The writer then gets plain tuples of strings
(cheap to unpickle) and is left with what depends on the store: joining a claim with what other
articles said of the same node.

A fact row is a tuple, indexed by the constants below (a tuple pickles and unpickles several times
faster than a dataclass holding dicts and Evidence objects):
  ID, KIND (NODE or EDGE), TYPE, SRC, DST (edges only),
  CLAIM   the claim's properties as stored in `claims.props`,
  EVIDENCE its evidence as stored in `claims.evidence`,
  FRESH   the node's or edge's properties when no other article states it (the claim joined with nothing),
  IDEMPOTENT whether joining the claim into FRESH gives FRESH again (so a stored value equal to FRESH
          needs no work; false only for a list the claim holds unsorted or repeated),
  FOLD, BODY (nodes only) the folded label and the search text of FRESH.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson

from orgkg.graph.facts import Batch, EdgeFact, NodeFact
from orgkg.graph.merge import merge_props
from orgkg.schema import Model
from orgkg.schema.text import fold

ID, KIND, TYPE, SRC, DST, CLAIM, EVIDENCE, FRESH, IDEMPOTENT, FOLD, BODY = range(11)
NODE, EDGE = 0, 1


def dumps(value: Any) -> str:
    """The one JSON spelling of stored values: sorted keys, no spaces, characters as themselves.
    orjson writes it byte for byte as the json module does, several times faster; what orjson refuses
    (a lone surrogate, an integer past 64 bits) the json module still writes."""
    try:
        return orjson.dumps(value, option=orjson.OPT_SORT_KEYS).decode()
    except TypeError:  # orjson.JSONEncodeError is a TypeError
        return json.dumps(value, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


@dataclass(slots=True)
class ArticleRows:
    """What SQLiteStore writes for one article (see the module docstring)."""

    article_id: str
    digest: str
    text: str | None
    facts: list[tuple]
    resolutions: list[tuple[str, str, str, str]]  # (record, node, type, props as JSON)
    nodes: int  # the batch's counts, for WriteResult
    edges: int


def properties_of(model: Model, f: NodeFact | EdgeFact) -> dict:
    if isinstance(f, EdgeFact):
        return model.relationships[f.type].properties
    return model.nodes[f.type].properties


def node_label(model: Model, node_type: str, props: dict, folding: Callable[[str], str] = fold) -> str:
    """The folded label a node is found by (nodes.fold)."""
    label = props.get(model.nodes[node_type].label)
    return folding(label if isinstance(label, str) else "")


def search_body(model: Model, node_type: str, props: dict, folding: Callable[[str], str] = fold) -> str | None:
    """The folded text of a node's searchable properties (its search row), None when it has none."""
    parts: list[str] = []
    for prop in model.nodes[node_type].searchable():
        value = props.get(prop.name)
        if isinstance(value, list):
            parts.extend(str(v) for v in value)
        elif value:
            parts.append(str(value))
    return " \n ".join(folding(p) for p in parts) if parts else None


_RULES = {"union", "min", "first", "max", "longest"}


def _fresh(props: dict, claim: dict) -> tuple[dict, bool]:
    """merge_props(props, {}, claim) — the claim itself unless it holds an empty value or a single value
    for a list — and whether joining the claim into that again changes nothing: every join is
    idempotent except a union's, which sorts its list and drops repeats."""
    idempotent = True
    for key, value in claim.items():
        prop = props.get(key)
        rule = prop.merge if prop is not None else "first"
        if value is None or value == "" or value == [] or rule not in _RULES or (
                rule == "union" and not isinstance(value, list)):
            break
        if rule == "union" and idempotent:
            try:
                idempotent = value == sorted(set(value))
            except TypeError:
                break
    else:
        return claim, idempotent
    fresh = merge_props(props, {}, claim)
    try:
        return fresh, dumps(merge_props(props, fresh, claim)) == dumps(fresh)
    except TypeError:  # a list of values with no order between them ("một", 2): stored as claimed, never skipped
        return fresh, False


def article_rows(batch: Batch, model: Model) -> ArticleRows:
    """The rows of one article's batch. A fact the article states twice is one claim: its properties
    joined, its evidence concatenated (the batch's objects are updated in place, as the writer used to)."""
    facts: dict[str, NodeFact | EdgeFact] = {batch.article.id: batch.article}
    for f in [*batch.nodes, *batch.edges]:
        if f.id in facts:
            prev = facts[f.id]
            prev.props = merge_props(properties_of(model, prev), prev.props, f.props)
            prev.evidence = [*prev.evidence, *f.evidence]
        else:
            facts[f.id] = f
    folded: dict[str, str] = {}  # a label is also searchable, and a name also an alias: fold each once

    def folding(text: str) -> str:
        if text not in folded:
            folded[text] = fold(text)
        return folded[text]

    rows: list[tuple] = []
    for fid, f in facts.items():
        props = properties_of(model, f)  # an unknown type raises KeyError here, before anything is written
        claim = dumps(f.props)
        fresh_props, idempotent = _fresh(props, f.props)
        fresh = claim if fresh_props is f.props else dumps(fresh_props)  # one string to pickle, not two
        evidence = dumps([e.as_list() for e in f.evidence])
        if isinstance(f, EdgeFact):
            rows.append((fid, EDGE, f.type, f.source, f.target, claim, evidence, fresh, idempotent, None, None))
        else:
            rows.append((fid, NODE, f.type, None, None, claim, evidence, fresh, idempotent,
                         node_label(model, f.type, fresh_props, folding),
                         search_body(model, f.type, fresh_props, folding)))
    resolutions = [(r.record, r.node, r.type, dumps(r.props)) for r in batch.resolutions]
    return ArticleRows(batch.article.id, batch.digest, batch.text, rows, resolutions,
                       len(batch.nodes) + 1, len(batch.edges))


__all__ = ["EDGE", "NODE", "ArticleRows", "article_rows", "dumps", "node_label", "search_body"]
