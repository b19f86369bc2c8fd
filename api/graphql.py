"""The GraphQL schema: generated types (api/types.py) plus the root Query."""

from __future__ import annotations

import asyncio
from functools import cache
from typing import Annotated, Any, Optional, Union

import strawberry
from graphql import GraphQLError
from strawberry.extensions import (
    MaskErrors,
    MaxAliasesLimiter,
    MaxTokensLimiter,
    ParserCache,
    QueryDepthLimiter,
    ValidationCache,
)
from strawberry.types import Info

from orgkg.api import types as gen
from orgkg.api.dataloaders import Loaders
from orgkg.api.extras import EDGE_EXTRAS, NODE_EXTRAS
from orgkg.graph.store import Store, StoreError
from orgkg.schema import Model, NodeType, load_model

MAX_PAGE = 100
MAX_DEPTH = 12
MAX_ALIASES = 50
MAX_TOKENS = 4000
SEARCH_TYPES = ("Organization", "Person", "Meeting", "Task")


def check_first(first: int) -> None:
    if first < 0 or first > MAX_PAGE:
        raise StoreError(f"`first` must be between 0 and {MAX_PAGE}; page through larger results with `after`.")


def _connection_field(nt: NodeType) -> Any:
    async def resolve(self: Any, info: Info, where: Any = None, sort: Any = None, first: int = 20,
                      after: Optional[str] = None) -> Any:  # noqa: UP045
        check_first(first)
        store: Store = info.context["store"]
        keys = [(s.field.value, s.direction.value) for s in (sort or [])]
        page = await asyncio.to_thread(store.list_nodes, nt.name, gen.to_where(where), keys, first, after)
        nodes = [gen.wrap(n) for n in page.nodes]
        edge_cls = getattr(gen, f"{nt.name}Edge")
        conn_cls = getattr(gen, f"{nt.name}Connection")
        return conn_cls(
            total_count=page.total,
            page_info=gen.PageInfo(has_next_page=page.has_next, end_cursor=page.end_cursor),
            edges=[edge_cls(cursor=c, node=n) for c, n in zip(page.cursors, nodes, strict=True)],
            nodes=nodes,
        )

    resolve.__name__ = nt.plural
    resolve.__module__ = gen.__name__
    resolve.__annotations__ = {
        "info": "Info", "where": f"Optional[{nt.name}Where]", "sort": f"Optional[list[{nt.name}Sort]]",
        "first": "int", "after": "Optional[str]", "return": f"{nt.name}Connection",
    }
    return strawberry.field(resolver=resolve, description=f"All {nt.plural}, filtered, sorted and paged.")


async def _node(self: Any, info: Info, id: strawberry.ID) -> Optional[gen.NodeInterface]:  # noqa: UP045
    """Any entity by its id."""
    return gen.wrap(await info.context["loaders"].node(str(id)))


def _build(model: Model) -> strawberry.Schema:
    gen.generate(model, NODE_EXTRAS, EDGE_EXTRAS)
    members = tuple(gen.NODE_CLASSES[t] for t in SEARCH_TYPES)
    gen.SearchHit = Annotated[Union[members], strawberry.union("SearchHit")]  # type: ignore[attr-defined]  # noqa: UP007

    async def search(self: Any, info: Info, text: str, first: int = 10) -> Any:
        check_first(first)
        hits = await asyncio.to_thread(info.context["store"].search, text, first, SEARCH_TYPES)
        return [gen.wrap(h.node, h.score) for h in hits]

    search.__module__ = gen.__name__
    search.__annotations__ = {"info": "Info", "text": "str", "first": "int", "return": "list[SearchHit]"}

    namespace: dict[str, Any] = {"__annotations__": {}, "__module__": gen.__name__}
    for nt in model.nodes.values():
        namespace[nt.plural] = _connection_field(nt)
    namespace["node"] = strawberry.field(resolver=_node, description="Any entity by its id.")
    namespace["search"] = strawberry.field(
        resolver=search,
        description="Organizations, people, meetings and tasks matching every word of `text`, best first; "
        "case and diacritics are ignored ('le tuan an' finds 'Lê Tuấn An').")
    query = strawberry.type(type("Query", (), namespace))
    return strawberry.Schema(
        query=query,
        types=[*gen.NODE_CLASSES.values(), *gen.EDGE_CLASSES.values()],
        extensions=[
            QueryDepthLimiter(max_depth=MAX_DEPTH),
            MaxAliasesLimiter(max_alias_count=MAX_ALIASES),
            MaxTokensLimiter(max_token_count=MAX_TOKENS),
            ParserCache(maxsize=256),
            ValidationCache(maxsize=256),
            MaskErrors(should_mask_error=_should_mask),
        ],
    )


def _should_mask(error: GraphQLError) -> bool:
    original = error.original_error
    # Our own refusals and GraphQL's validation messages help the caller; anything else is a bug
    # whose details (SQL, paths) must not leak.
    return original is not None and not isinstance(original, StoreError | GraphQLError)


@cache
def build_schema() -> strawberry.Schema:
    return _build(load_model())


def make_context(store: Store, **extra: Any) -> dict[str, Any]:
    return {"store": store, "loaders": Loaders(store), **extra}


def execute(store: Store, query: str, variables: dict[str, Any] | None = None,
            operation: str | None = None) -> dict[str, Any]:
    """Run one GraphQL operation against `store`: {"data": ..., "errors": [...]} as plain JSON."""
    result = asyncio.run(build_schema().execute(
        query, variable_values=variables, operation_name=operation, context_value=make_context(store)))
    out: dict[str, Any] = {"data": result.data}
    if result.errors:
        out["errors"] = [e.formatted for e in result.errors]
    return out
