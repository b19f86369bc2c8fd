"""The filter language every store understands, checked against the model before it runs.

A filter is a dict:
    {"AND": [f, ...]}  {"OR": [f, ...]}  {"NOT": f}
    {"<property>": {"<op>": value, ...}}          ops below; "id" is a property of every type
    {"<relationship field>": {"some": f} | {"none": f} | {"all": f}}
Inside a relationship filter, keys naming a property of the relationship (e.g. `role`) test the
relationship; the other keys test the node at its far end.
"""

from __future__ import annotations

from typing import Any

from orgkg.graph.store import StoreError
from orgkg.schema import Model, NodeType, RelType

STRING_OPS = {"eq", "ne", "in", "contains", "startsWith", "endsWith"}
FOLD_OPS = {"eqFold", "containsFold", "startsWithFold"}  # case- and diacritic-insensitive
RANGE_OPS = {"gt", "gte", "lt", "lte"}
NULL_OPS = {"isNull"}
ALL_OPS = STRING_OPS | FOLD_OPS | RANGE_OPS | NULL_OPS
REL_OPS = {"some", "none", "all"}
MAX_DEPTH = 8


def relationship_fields(model: Model, node_type: str) -> dict[str, tuple[RelType, str]]:
    """The relationship names a node type can filter and traverse by, with their direction."""
    fields: dict[str, tuple[RelType, str]] = {}
    for rel, direction in model.relationships_of(node_type):
        name = rel.field if direction == "out" else rel.reverse
        fields[name] = (rel, direction)
    return fields


def validate(model: Model, node_type: str, where: dict[str, Any] | None, depth: int = 0) -> None:
    """Raise StoreError naming the first unknown field or operator in `where`."""
    if where is None:
        return
    if depth > MAX_DEPTH:
        raise StoreError(f"Filters may nest at most {MAX_DEPTH} levels deep.")
    if not isinstance(where, dict):
        raise StoreError("A filter must be an object.")
    nt: NodeType = model.nodes[node_type]
    rels = relationship_fields(model, node_type)
    for key, value in where.items():
        if key in ("AND", "OR"):
            if not isinstance(value, list):
                raise StoreError(f"{key} takes a list of filters.")
            for sub in value:
                validate(model, node_type, sub, depth + 1)
        elif key == "NOT":
            validate(model, node_type, value, depth + 1)
        elif key == "id" or key in nt.properties:
            _check_ops(f"{node_type}.{key}", value)
        elif key in rels:
            rel, direction = rels[key]
            far = rel.target if direction == "out" else rel.source
            if not isinstance(value, dict) or not value or set(value) - REL_OPS:
                raise StoreError(f"{node_type}.{key} takes one of {sorted(REL_OPS)}.")
            for sub in value.values():
                if not isinstance(sub, dict):
                    raise StoreError(f"{node_type}.{key}: a relationship filter must be an object.")
                edge_part = {k: v for k, v in sub.items() if k in rel.properties}
                for k, v in edge_part.items():
                    _check_ops(f"{rel.name}.{k}", v)
                node_part = {k: v for k, v in sub.items() if k not in rel.properties}
                validate(model, far, node_part, depth + 1)
        else:
            raise StoreError(f"{node_type} has no field {key!r} to filter on.")


def _check_ops(where: str, ops: Any) -> None:
    if not isinstance(ops, dict) or not ops:
        raise StoreError(f"{where}: give an operator such as eq, contains or gte.")
    for op, value in ops.items():
        if op not in ALL_OPS:
            raise StoreError(f"{where}: unknown operator {op!r}.")
        if op == "in" and not isinstance(value, list):
            raise StoreError(f"{where}: 'in' takes a list.")
        if op == "isNull" and not isinstance(value, bool):
            raise StoreError(f"{where}: 'isNull' takes true or false.")
        if op not in ("in", "isNull") and not isinstance(value, str | int | float):
            raise StoreError(f"{where}: {op!r} takes a string.")
