"""GraphQL fields that answer analysts' questions rather than mirror the model one to one."""

from __future__ import annotations

from typing import Any, Optional

import strawberry
from strawberry.types import Info

from orgkg.api import types
from orgkg.api.explanations import explanation_field
from orgkg.api.types import wrap, wrap_edge
from orgkg.graph.store import Edge


def _holding_order(h: Any) -> tuple:
    p = h.edge.props
    return (p.get("validFrom") or p.get("firstSeen") or "", p.get("term") or "", h.edge.id)


# Holding ------------------------------------------------------------------------------------


async def holding_title(self: Any, info: Info) -> Optional[str]:  # noqa: UP045
    post = await info.context["loaders"].node(self.edge.target)
    return post.get("title") if post else None


async def holding_organization(self: Any, info: Info) -> Optional[Organization]:  # type: ignore[name-defined]  # noqa: F821, UP045
    loaders = info.context["loaders"]
    edges: list[Edge] = await loaders.edges("BELONGS_TO", "out").load(self.edge.target)
    return wrap(await loaders.node(edges[0].target)) if edges else None


# Person, Organization, Post -------------------------------------------------------------------


async def person_positions(self: Any, info: Info) -> list[Holding]:  # type: ignore[name-defined]  # noqa: F821
    edges = await info.context["loaders"].edges("HOLDS", "out").load(self.id)
    return sorted((wrap_edge(e) for e in edges), key=_holding_order)


async def organization_positions(self: Any, info: Info) -> list[Holding]:  # type: ignore[name-defined]  # noqa: F821
    loaders = info.context["loaders"]
    posts = await loaders.edges("BELONGS_TO", "in").load(self.id)
    per_post = await loaders.edges("HOLDS", "in").load_many([e.source for e in posts])
    return sorted((wrap_edge(e) for edges in per_post for e in edges), key=_holding_order)


async def organization_ancestors(self: Any, info: Info) -> list[Organization]:  # type: ignore[name-defined]  # noqa: F821
    loaders = info.context["loaders"]
    chain, seen, current = [], {self.id}, self.id
    while True:
        edges = await loaders.edges("SUB_ORGANIZATION_OF", "out").load(current)
        if not edges or edges[0].target in seen:
            return chain
        current = edges[0].target
        seen.add(current)
        node = wrap(await loaders.node(current))
        if node is None:
            return chain
        chain.append(node)


async def post_holders(self: Any, info: Info) -> list[Holding]:  # type: ignore[name-defined]  # noqa: F821
    edges = await info.context["loaders"].edges("HOLDS", "in").load(self.id)
    return sorted((wrap_edge(e) for e in edges), key=_holding_order)


def _field(fn: Any, description: str) -> Any:
    # String annotations name generated types: resolve them in the generated types' module.
    fn.__module__ = types.__name__
    return strawberry.field(resolver=fn, description=description)


NODE_EXTRAS: dict[str, dict[str, Any]] = {
    "Person": {"positions": _field(person_positions, "Every post the person holds or held, oldest first."),
               "explanation": explanation_field()},
    "Organization": {
        "positions": _field(organization_positions,
                            "Everyone who holds or held a post in this organization, oldest first."),
        "ancestors": _field(organization_ancestors, "The chain of parent organizations, nearest first."),
        "explanation": explanation_field(),
    },
    "Post": {"holders": _field(post_holders, "The post's holders over time (its timeline), oldest first.")},
}
EDGE_EXTRAS: dict[str, dict[str, Any]] = {
    "Holding": {
        "title": _field(holding_title, "The post's title, e.g. 'Phó Chủ tịch'."),
        "organization": _field(holding_organization, "The organization the post belongs to."),
    },
}
