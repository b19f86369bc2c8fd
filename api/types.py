"""GraphQL types generated from schema/model.yaml.

For every node type: an object type with its properties, one field per relationship end
(`Organization.meetings`, `Meeting.host`, ...), `sources` (provenance), a `Where` filter input,
a `Sort` input and a Relay-style connection. A relationship with properties (HOLDS, TAKES_PART,
ELECTED) is an object of its own (Holding, Participation, Election). Fields that answer domain
questions rather than mirror the model (`Holding.title`, `Person.positions`, ...) are in
`api/extras.py`.

Generated classes are placed in this module's namespace so that string annotations between
them resolve when the schema is built.
"""

from __future__ import annotations

import enum
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from typing import Any, NewType, Optional

import strawberry
from graphql import GraphQLInputObjectType, GraphQLList, GraphQLNonNull
from strawberry.schema.schema_converter import GraphQLCoreConverter
from strawberry.types import Info
from strawberry.types.unset import UNSET

from orgkg.api.dataloaders import Cohort, batch
from orgkg.graph.store import Edge, Node, StoreError
from orgkg.graph.where import relationship_fields
from orgkg.schema import Model, NodeType, Property, RelType

MODULE = sys.modules[__name__]
NODE_CLASSES: dict[str, type] = {}
EDGE_CLASSES: dict[str, type] = {}


def _register(cls: type) -> type:
    setattr(MODULE, cls.__name__, cls)
    return cls


# Shared types -------------------------------------------------------------------------------

_DATE = re.compile(r"^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$")


def parse_date(value: Any) -> str:
    """A partial ISO 8601 date as given ("2023", "2023-06", "2023-06-30"), or a clear refusal."""
    if not isinstance(value, str) or not _DATE.match(value):
        raise StoreError(f"{str(value)[:40]!r} is not a date: use YYYY-MM-DD, YYYY-MM or YYYY.")
    return value


Date = NewType("Date", str)
DATE_SCALAR = strawberry.scalar(
    name="Date", serialize=str, parse_value=parse_date,
    description="An ISO 8601 date, year-month or year (\"2023-06-30\", \"2023-06\", \"2023\"); "
    "a year or month stands for all its days.")

# Labels every node of a type has (the loaders refuse records without them); a page saved without
# a title still makes an Article, so its title stays optional.
OPTIONAL_LABELS = {"Article"}


@strawberry.interface(name="Node", description="Anything with a stable id.")
class NodeInterface:
    id: strawberry.ID


@strawberry.type(description="Where a fact was read: the article and, where known, the sentence and span.")
class Source:
    sentence: Optional[str]  # noqa: UP045
    start: Optional[int]  # noqa: UP045
    end: Optional[int]  # noqa: UP045
    article_id: strawberry.Private[str]
    cohort: strawberry.Private[Cohort]  # its ids are the articles of the sources resolved beside this one

    @strawberry.field(description="The article the fact came from.")
    def article(self, info: Info) -> Optional[Article]:  # type: ignore[name-defined]  # noqa: F821, UP045
        return batch(self, "article", lambda c: wrap_ids(info.context["loaders"].nodes(c.ids), c.ids),
                     at=self.article_id)


@strawberry.type
class PageInfo:
    has_next_page: bool
    end_cursor: Optional[str]  # noqa: UP045


@strawberry.enum
class SortDirection(enum.Enum):
    ASC = "ASC"
    DESC = "DESC"


@strawberry.input(description="Tests on a text property. The *Fold tests ignore case and diacritics.")
class StringFilter:
    eq: Optional[str] = None  # noqa: UP045
    ne: Optional[str] = None  # noqa: UP045
    in_: Optional[list[str]] = strawberry.field(default=None, name="in")  # noqa: UP045
    contains: Optional[str] = None  # noqa: UP045
    startsWith: Optional[str] = None  # noqa: UP045
    endsWith: Optional[str] = None  # noqa: UP045
    eqFold: Optional[str] = None  # noqa: UP045
    containsFold: Optional[str] = None  # noqa: UP045
    startsWithFold: Optional[str] = None  # noqa: UP045
    isNull: Optional[bool] = None  # noqa: UP045


@strawberry.input(description="Tests on a date: ISO 8601 (YYYY-MM-DD, YYYY-MM or YYYY); a year covers all its days.")
class DateFilter:
    eq: Optional[Date] = None  # noqa: UP045
    in_: Optional[list[Date]] = strawberry.field(default=None, name="in")  # noqa: UP045
    gt: Optional[Date] = None  # noqa: UP045
    gte: Optional[Date] = None  # noqa: UP045
    lt: Optional[Date] = None  # noqa: UP045
    lte: Optional[Date] = None  # noqa: UP045
    isNull: Optional[bool] = None  # noqa: UP045


@strawberry.input
class IDFilter:
    eq: Optional[strawberry.ID] = None  # noqa: UP045
    in_: Optional[list[strawberry.ID]] = strawberry.field(default=None, name="in")  # noqa: UP045


def wrap(node: Node | None, score: float | None = None) -> Any:
    """The GraphQL object for a store node resolved on its own."""
    if node is None:
        return None
    return NODE_CLASSES[node.type](id=node.id, node=node, score=score, cohort=Cohort([node.id], (node,)))


def wrap_all(nodes: Sequence[Node], scores: Sequence[float | None] | None = None) -> list[Any]:
    """The GraphQL objects for nodes resolved side by side: one cohort per node type (a field of one type is
    read for the nodes of that type only)."""
    cohorts: dict[str, Cohort] = {}
    for node in nodes:
        cohort = cohorts.get(node.type)
        if cohort is None:
            cohort = cohorts[node.type] = Cohort([], [])
        cohort.ids.append(node.id)
        cohort.items.append(node)  # type: ignore[attr-defined]
    if scores is None:
        return [NODE_CLASSES[n.type](id=n.id, node=n, score=None, cohort=cohorts[n.type]) for n in nodes]
    return [NODE_CLASSES[n.type](id=n.id, node=n, score=s, cohort=cohorts[n.type])
            for n, s in zip(nodes, scores, strict=True)]


def wrap_ids(known: dict[str, Node | None], ids: Iterable[str]) -> dict[str, Any]:
    """The GraphQL objects of the known nodes among `ids` (one cohort), by id."""
    nodes = [n for i in dict.fromkeys(ids) if (n := known.get(i)) is not None]
    return {obj.id: obj for obj in wrap_all(nodes)}


def wrap_groups(groups: dict[str, list[Node]]) -> dict[str, list[Any]]:
    """For each key, the GraphQL objects of its nodes; all of them one cohort."""
    objects = iter(wrap_all([n for nodes in groups.values() for n in nodes]))
    return {key: [next(objects) for _ in nodes] for key, nodes in groups.items()}


def wrap_edge_groups(groups: dict[str, list[Edge]]) -> dict[str, list[Any]]:
    """For each key, the GraphQL objects of its relationships; all of them one cohort."""
    edges = [e for group in groups.values() for e in group]
    cohort = Cohort([e.id for e in edges], edges)
    objects = iter([EDGE_CLASSES[e.type](id=e.id, edge=e, cohort=cohort) for e in edges])
    return {key: [next(objects) for _ in group] for key, group in groups.items()}


# Converting filter inputs to the store's filter dicts -----------------------------------------


def to_where(value: Any, gtype: Any) -> Any:
    """A filter or sort argument as graphql-core coerced it (dicts by GraphQL field name, a null for every
    field left out) as the plain dict `graph/where.py` describes: nulls dropped, enums by value, and an edge
    filter's `node` merged into it ({node: {...}, role: {...}} → one flat dict)."""
    if value is None or value is UNSET:
        return None
    while isinstance(gtype, GraphQLNonNull):
        gtype = gtype.of_type
    if isinstance(gtype, GraphQLList):
        return [to_where(v, gtype.of_type) for v in value]
    if isinstance(gtype, GraphQLInputObjectType):
        fields = gtype.fields
        out = {k: to_where(v, fields[k].type) for k, v in value.items() if v is not None and v is not UNSET}
        if _is_edge_where(gtype):
            out.update(out.pop("node", None) or {})
        return out
    return value.value if isinstance(value, enum.Enum) else value


def _is_edge_where(gtype: GraphQLInputObjectType) -> bool:
    definition = gtype.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
    return bool(getattr(getattr(definition, "origin", None), "_edge_where", False))


# Generation ---------------------------------------------------------------------------------

_PY_TYPES = {"string": "Optional[str]", "text": "Optional[str]", "date": "Optional[Date]", "list": "list[str]"}
_FILTERS = {"string": "StringFilter", "text": "StringFilter", "date": "DateFilter", "list": "StringFilter"}


def _fn(name: str, fn: Callable[..., Any], annotations: dict[str, str]) -> Callable[..., Any]:
    fn.__name__ = name
    fn.__qualname__ = name
    fn.__module__ = __name__
    fn.__annotations__ = annotations
    return fn


def _prop_field(prop: Property, attr: str, required: bool = False) -> Any:
    def resolve(self: Any) -> Any:
        value = getattr(self, attr).props.get(prop.name)
        return value if value is not None else ([] if prop.is_list else None)

    ret = _PY_TYPES[prop.type]
    if required and ret.startswith("Optional["):
        ret = ret[len("Optional["):-1]
    return strawberry.field(resolver=_fn(prop.name, resolve, {"return": ret}), description=_describe(prop))


def _describe(prop: Property) -> str | None:
    if prop.type == "date":
        return "ISO 8601 date, year-month or year."
    return None


def _sources(info: Info, cohort: Cohort) -> dict[str, list[Source]]:
    found = info.context["loaders"].sources(cohort.ids)
    ids = list(dict.fromkeys(cohort.ids))
    articles = Cohort([s.article_id for i in ids for s in found[i]])
    return {i: [Source(sentence=s.sentence, start=s.start, end=s.end, article_id=s.article_id, cohort=articles)
                for s in found[i]] for i in ids}


def _sources_field(attr: str) -> Any:
    def sources(self: Any, info: Info) -> Any:
        return batch(self, "sources", lambda cohort: _sources(info, cohort), ())

    return strawberry.field(resolver=_fn("sources", sources, {"info": "Info", "return": "list[Source]"}),
                            description="The articles (and sentences) this fact was read from.")


def _edge_end_field(rel: RelType, end: str) -> Any:
    target_type = rel.source if end == "source" else rel.target

    def ends(info: Info, cohort: Cohort) -> dict[str, Any]:
        ids = [e.source if end == "source" else e.target for e in cohort.items]
        objects = wrap_ids(info.context["loaders"].nodes(ids), ids)
        return {e.id: objects.get(i) for e, i in zip(cohort.items, ids, strict=True)}

    def resolve(self: Any, info: Info) -> Any:
        return batch(self, ("end", end), lambda cohort: ends(info, cohort))

    return strawberry.field(resolver=_fn(rel.graphql[end], resolve,
                                         {"info": "Info", "return": target_type}))


def _relationship_field(rel: RelType, direction: str) -> tuple[str, Any]:
    name = rel.field if direction == "out" else rel.reverse
    far_type = rel.target if direction == "out" else rel.source
    one = (rel.cardinality if direction == "out" else rel.reverse_cardinality) == "one"
    item = rel.graphql["type"] if rel.graphql else far_type

    def load(info: Info, cohort: Cohort) -> dict[str, Any]:
        loaders = info.context["loaders"]
        found = loaders.edges(rel.name, direction, cohort.ids)
        ids = dict.fromkeys(cohort.ids)
        if rel.graphql:
            items = wrap_edge_groups({i: found[i] for i in ids})
        else:
            known = loaders.nodes(())  # the far nodes came with their relationships
            items = wrap_groups({i: [n for e in found[i]
                                     if (n := known.get(e.target if direction == "out" else e.source))]
                                 for i in ids})
        if one:
            return {i: (objects[0] if objects else None) for i, objects in items.items()}
        return items

    def resolve(self: Any, info: Info) -> Any:
        return batch(self, name, lambda cohort: load(info, cohort), None if one else ())

    ret = f"Optional[{item}]" if one else f"list[{item}]"
    label = rel.label if direction == "out" else f"(reverse of '{rel.label}')"
    return name, strawberry.field(resolver=_fn(name, resolve, {"info": "Info", "return": ret}),
                                  description=f"{rel.name}: {label}")


def _node_type(model: Model, nt: NodeType, extras: dict[str, Any]) -> type:
    namespace: dict[str, Any] = {
        "__annotations__": {"node": strawberry.Private[Node], "score": "Optional[float]",
                            "cohort": strawberry.Private[Cohort]},
        "__module__": __name__,
        "score": strawberry.field(default=None, description="Search relevance, when reached through `search`."),
        "cohort": None,
    }
    for prop in nt.properties.values():
        required = prop.name == nt.label and nt.name not in OPTIONAL_LABELS
        namespace[prop.name] = _prop_field(prop, "node", required)
    for rel, direction in model.relationships_of(nt.name):
        name, field = _relationship_field(rel, direction)
        namespace[name] = field
    namespace["sources"] = _sources_field("node")
    namespace.update(extras.get(nt.name, {}))
    cls = type(nt.name, (NodeInterface,), namespace)
    return _register(strawberry.type(cls, description=f"{nt.name} ({nt.rdf})"))


def _edge_type(rel: RelType, extras: dict[str, Any]) -> type:
    name = rel.graphql["type"]
    namespace: dict[str, Any] = {
        "__annotations__": {"id": strawberry.ID, "edge": strawberry.Private[Edge],
                            "cohort": strawberry.Private[Cohort]},
        "__module__": __name__,
    }
    namespace[rel.graphql["source"]] = _edge_end_field(rel, "source")
    namespace[rel.graphql["target"]] = _edge_end_field(rel, "target")
    for prop in rel.properties.values():
        namespace[prop.name] = _prop_field(prop, "edge")
    namespace["sources"] = _sources_field("edge")
    namespace.update(extras.get(name, {}))
    return _register(strawberry.type(type(name, (), namespace), description=f"{rel.name} ({rel.rdf})"))


def _where_type(model: Model, nt: NodeType) -> type:
    name = f"{nt.name}Where"
    ann: dict[str, str] = {
        "AND": f"Optional[list[{name}]]", "OR": f"Optional[list[{name}]]", "NOT": f"Optional[{name}]",
        "id": "Optional[IDFilter]",
    }
    for prop in nt.properties.values():
        if prop.filter:
            ann[prop.name] = f"Optional[{_FILTERS[prop.type]}]"
    for field_name, (rel, direction) in relationship_fields(model, nt.name).items():
        far = rel.target if direction == "out" else rel.source
        inner = f"{far}Where"
        if rel.properties:
            inner = _register(_edge_where_type(nt.name, field_name, rel, far)).__name__
        filt = f"{nt.name}{field_name[0].upper()}{field_name[1:]}Filter"
        _register(strawberry.input(type(filt, (), {
            "__annotations__": {"some": f"Optional[{inner}]", "none": f"Optional[{inner}]",
                                "all": f"Optional[{inner}]"},
            "__module__": __name__, "some": None, "none": None, "all": None,
        }), description=f"{field_name}: some / none / all of them match."))
        ann[field_name] = f"Optional[{filt}]"
    namespace: dict[str, Any] = {"__annotations__": ann, "__module__": __name__, **dict.fromkeys(ann)}
    return _register(strawberry.input(type(name, (), namespace), description=f"A filter on {nt.plural}."))


def _edge_where_type(owner: str, field_name: str, rel: RelType, far: str) -> type:
    name = f"{owner}{field_name[0].upper()}{field_name[1:]}Where"
    ann = {"node": f"Optional[{far}Where]"}
    for prop in rel.properties.values():
        if prop.filter:
            ann[prop.name] = f"Optional[{_FILTERS[prop.type]}]"
    namespace: dict[str, Any] = {"__annotations__": ann, "__module__": __name__, "_edge_where": True,
                                 **dict.fromkeys(ann)}
    return strawberry.input(type(name, (), namespace),
                            description=f"Tests on the {rel.name} relationship and the node at its far end.")


def _sort_type(nt: NodeType) -> type:
    fields = [p.name for p in nt.properties.values() if p.sort]
    sort_enum = _register(strawberry.enum(enum.Enum(f"{nt.name}SortField", {f: f for f in fields})))
    namespace = {
        "__annotations__": {"field": sort_enum.__name__, "direction": "SortDirection"},
        "__module__": __name__,
        "direction": SortDirection.ASC,
    }
    return _register(strawberry.input(type(f"{nt.name}Sort", (), namespace)))


def _connection_types(nt: NodeType) -> type:
    edge = _register(strawberry.type(type(f"{nt.name}Edge", (), {
        "__annotations__": {"cursor": "str", "node": nt.name}, "__module__": __name__})))
    return _register(strawberry.type(type(f"{nt.name}Connection", (), {
        "__annotations__": {"total_count": "int", "page_info": "PageInfo",
                            "edges": f"list[{edge.__name__}]", "nodes": f"list[{nt.name}]"},
        "__module__": __name__})))


def generate(model: Model, node_extras: dict[str, Any], edge_extras: dict[str, Any]) -> None:
    """Create every generated type (idempotent per model)."""
    if NODE_CLASSES:
        return
    for nt in model.nodes.values():
        NODE_CLASSES[nt.name] = _node_type(model, nt, node_extras)
    for rel in model.relationships.values():
        if rel.graphql:
            EDGE_CLASSES[rel.name] = _edge_type(rel, edge_extras)
    for nt in model.nodes.values():
        _where_type(model, nt)
        _sort_type(nt)
        _connection_types(nt)
