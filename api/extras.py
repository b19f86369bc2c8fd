"""GraphQL fields that answer analysts' questions rather than mirror the model one to one."""

from __future__ import annotations

import asyncio
from collections import defaultdict
from typing import Annotated, Any, Optional

import strawberry
from strawberry.types import Info

from orgkg.api import leadership, types
from orgkg.api.explanations import explanation_field
from orgkg.api.leadership import Leadership
from orgkg.api.types import Date, parse_date, wrap, wrap_edge
from orgkg.graph.store import Edge, Node, StoreError

MAX_COLLEAGUES = 100


def _holding_order(h: Any) -> tuple:
    p = h.edge.props
    return (p.get("validFrom") or p.get("firstSeen") or "", p.get("term") or "", h.edge.id)


# Holding ------------------------------------------------------------------------------------


def _with_post(self: Any, info: Info, then: Any) -> Any:
    # The post is nearly always loaded already (it came with the holding): answer without a task.
    post = info.context["loaders"].node_now(self.edge.target)
    if post is None or isinstance(post, Node):
        return then(post)

    async def later() -> Any:
        return then(await post)

    return later()


def holding_title(self: Any, info: Info) -> str:
    return _with_post(self, info, lambda post: post.get("title") if post else None)


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


def holding_leadership(self: Any, info: Info) -> Optional[Leadership]:  # noqa: UP045
    return _with_post(self, info, lambda post: leadership.rank(post.get("title")) if post else None)


async def organization_leaders(self: Any, info: Info, on: Optional[Date] = None  # noqa: UP045
                               ) -> list[Holding]:  # type: ignore[name-defined]  # noqa: F821
    if on is not None:
        parse_date(on)
    loaders = info.context["loaders"]
    posts = await loaders.edges("BELONGS_TO", "in").load(self.id)
    ranked = {}
    for post in await loaders.many([e.source for e in posts]):
        r = leadership.rank(post.get("title"))
        if r is not None:
            ranked[post.id] = r
    per_post = await loaders.edges("HOLDS", "in").load_many(list(ranked))
    held = [e for edges in per_post for e in edges if on is None or leadership.covers(e.props, on)]
    if on is None:
        # every leader known, each once per post: their latest term (the history is in `positions`)
        latest = {(e.source, e.target): e for e in sorted(held, key=lambda e: _holding_order(wrap_edge(e)))}
        held = list(latest.values())
    order = {Leadership.HEAD: 0, Leadership.DEPUTY: 1}
    held.sort(key=lambda e: (order[ranked[e.target]], *_holding_order(wrap_edge(e))))
    return [wrap_edge(e) for e in held]


async def organization_meetings_per_year(self: Any, info: Info) -> list[YearCount]:  # type: ignore[name-defined]
    loaders = info.context["loaders"]
    edges = await loaders.edges("HOSTS", "out").load(self.id)
    counts: dict[str | None, int] = defaultdict(int)
    for meeting in await loaders.many([e.target for e in edges]):
        date = meeting.get("date")
        counts[date[:4] if date else None] += 1
    return [YearCount(year=y, count=n) for y, n in sorted(counts.items(), key=lambda x: (x[0] is None, x[0]))]


async def organization_post_count(self: Any, info: Info) -> int:
    return len(await info.context["loaders"].edges("BELONGS_TO", "in").load(self.id))


async def person_colleagues(self: Any, info: Info, first: int = 20) -> list[Colleague]:  # type: ignore[name-defined]
    if first < 0 or first > MAX_COLLEAGUES:
        raise StoreError(f"`first` must be between 0 and {MAX_COLLEAGUES}.")
    loaders = info.context["loaders"]

    async def by_meeting() -> dict[str, set[str]]:
        mine = await loaders.edges("TAKES_PART", "out").load(self.id)
        meetings = sorted({e.target for e in mine})
        shared: dict[str, set[str]] = defaultdict(set)
        for meeting, edges in zip(meetings, await loaders.edges("TAKES_PART", "in").load_many(meetings),
                                  strict=True):
            for e in edges:
                shared[e.source].add(meeting)
        return shared

    async def by_organization() -> dict[str, set[str]]:
        mine = await loaders.edges("HOLDS", "out").load(self.id)
        posts = sorted({e.target for e in mine})
        orgs = sorted({e.target for edges in await loaders.edges("BELONGS_TO", "out").load_many(posts)
                       for e in edges})
        org_posts = await loaders.edges("BELONGS_TO", "in").load_many(orgs)
        post_org = {e.source: org for org, edges in zip(orgs, org_posts, strict=True) for e in edges}
        holders = await loaders.edges("HOLDS", "in").load_many(list(post_org))
        shared: dict[str, set[str]] = defaultdict(set)
        for post, edges in zip(post_org, holders, strict=True):
            for e in edges:
                shared[e.source].add(post_org[post])
        return shared

    meetings, orgs = await asyncio.gather(by_meeting(), by_organization())
    people = (set(meetings) | set(orgs)) - {self.id}
    ranked = sorted(people, key=lambda p: (-(len(meetings.get(p, ())) + len(orgs.get(p, ()))), p))[:first]
    return [Colleague(person_id=p, meeting_ids=sorted(meetings.get(p, ())), organization_ids=sorted(orgs.get(p, ())))
            for p in ranked]


# Types of the fields above -----------------------------------------------------------------


@strawberry.type(description="How many of something fall in one year (year null: undated).")
class YearCount:
    year: Optional[str]  # noqa: UP045
    count: int


@strawberry.type(description="Someone who sat in the same meetings or holds a post in the same organization.")
class Colleague:
    person_id: strawberry.Private[str]
    meeting_ids: strawberry.Private[list[str]]
    organization_ids: strawberry.Private[list[str]]

    @strawberry.field(description="The colleague.")
    async def person(self, info: Info) -> Annotated[Person, strawberry.lazy("orgkg.api.types")]:  # type: ignore[name-defined]  # noqa: F821
        return wrap(await info.context["loaders"].node(self.person_id))

    @strawberry.field(description="Meetings both took part in, by date.")
    async def shared_meetings(self, info: Info) -> list[Annotated[Meeting, strawberry.lazy("orgkg.api.types")]]:  # type: ignore[name-defined]  # noqa: F821
        found = await info.context["loaders"].many(self.meeting_ids)
        return [wrap(m) for m in sorted(found, key=lambda m: (m.get("date") or "", m.id))]

    @strawberry.field(description="Organizations in which both hold or held a post.")
    async def shared_organizations(self, info: Info) -> list[Annotated[Organization, strawberry.lazy("orgkg.api.types")]]:  # type: ignore[name-defined]  # noqa: F821
        return [wrap(o) for o in await info.context["loaders"].many(self.organization_ids)]


def _field(fn: Any, description: str) -> Any:
    # String annotations name generated types: resolve them in the generated types' module.
    fn.__module__ = types.__name__
    return strawberry.field(resolver=fn, description=description)


NODE_EXTRAS: dict[str, dict[str, Any]] = {
    "Person": {
        "positions": _field(person_positions, "Every post the person holds or held, oldest first."),
        "colleagues": _field(person_colleagues,
                             "People who took part in the same meetings or hold a post in the same "
                             "organization, most shared first."),
        "explanation": explanation_field(),
    },
    "Organization": {
        "positions": _field(organization_positions,
                            "Everyone who holds or held a post in this organization, oldest first."),
        "ancestors": _field(organization_ancestors, "The chain of parent organizations, nearest first."),
        "leaders": _field(organization_leaders,
                          "Heads (Chủ tịch, Giám đốc, Bí thư, Viện trưởng, …) and deputies (their 'Phó …' "
                          "forms), heads first. Without `on`, everyone known, once per post with their latest "
                          "term (the full history is in `positions`). With `on`, only those in office then: by term "
                          "when known, else between the first and last time an article saw them in the post."),
        "meetingsPerYear": _field(organization_meetings_per_year,
                                  "How many meetings the organization hosted, per year."),
        "postCount": _field(organization_post_count, "How many posts the organization has."),
        "explanation": explanation_field(),
    },
    "Post": {"holders": _field(post_holders, "The post's holders over time (its timeline), oldest first.")},
}
EDGE_EXTRAS: dict[str, dict[str, Any]] = {
    "Holding": {
        "title": _field(holding_title, "The post's title, e.g. 'Phó Chủ tịch'."),
        "organization": _field(holding_organization, "The organization the post belongs to."),
        "leadership": _field(holding_leadership,
                             "HEAD or DEPUTY when the title leads the post's organization, else null."),
    },
}

# The resolvers above name these types in string annotations resolved in the generated module.
for _cls in (YearCount, Colleague, Leadership):
    setattr(types, _cls.__name__, _cls)
