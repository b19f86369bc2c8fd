"""GraphQL fields that answer analysts' questions rather than mirror the model one to one."""

from __future__ import annotations

from collections import defaultdict
from typing import Annotated, Any, Optional

import strawberry
from strawberry.types import Info

from orgkg.api import leadership, types
from orgkg.api.dataloaders import Cohort, batch
from orgkg.api.explanations import explanation_field
from orgkg.api.leadership import Leadership
from orgkg.api.types import Date, parse_date, wrap_edge_groups, wrap_groups, wrap_ids
from orgkg.graph.store import Edge, Node, StoreError

MAX_COLLEAGUES = 100


def _holding_order(e: Edge) -> tuple:
    p = e.props
    return (p.get("validFrom") or p.get("firstSeen") or "", p.get("term") or "", e.id)


def _sorted_holdings(groups: dict[str, list[Edge]]) -> dict[str, list[Any]]:
    return wrap_edge_groups({k: sorted(edges, key=_holding_order) for k, edges in groups.items()})


def _unique(cohort: Cohort) -> list[str]:
    return list(dict.fromkeys(cohort.ids))


# Holding ------------------------------------------------------------------------------------


def _post(self: Any, info: Info) -> Node | None:
    # The post nearly always came with the holding; when not, the cohort's posts are read together.
    return info.context["loaders"].node(self.edge.target, (e.target for e in self.cohort.items))


def holding_title(self: Any, info: Info) -> str:
    post = _post(self, info)
    return post.get("title") if post else None


def holding_organization(self: Any, info: Info) -> Optional[Organization]:  # type: ignore[name-defined]  # noqa: F821, UP045
    def compute(cohort: Cohort) -> dict[str, Any]:
        loaders = info.context["loaders"]
        posts = [e.target for e in cohort.items]
        belongs = loaders.edges("BELONGS_TO", "out", posts)
        orgs = {p: belongs[p][0].target for p in posts if belongs[p]}
        objects = wrap_ids(loaders.nodes(orgs.values()), orgs.values())
        return {e.id: objects.get(orgs.get(e.target)) for e in cohort.items}

    return batch(self, "organization", compute)


def holding_leadership(self: Any, info: Info) -> Optional[Leadership]:  # noqa: UP045
    post = _post(self, info)
    return leadership.rank(post.get("title")) if post else None


# Person, Organization, Post -------------------------------------------------------------------


def person_positions(self: Any, info: Info) -> list[Holding]:  # type: ignore[name-defined]  # noqa: F821
    def compute(cohort: Cohort) -> dict[str, Any]:
        found = info.context["loaders"].edges("HOLDS", "out", cohort.ids)
        return _sorted_holdings({i: found[i] for i in _unique(cohort)})

    return batch(self, "positions", compute, ())


def organization_positions(self: Any, info: Info) -> list[Holding]:  # type: ignore[name-defined]  # noqa: F821
    def compute(cohort: Cohort) -> dict[str, Any]:
        loaders = info.context["loaders"]
        ids = _unique(cohort)
        posts = loaders.edges("BELONGS_TO", "in", ids)
        holds = loaders.edges("HOLDS", "in", [e.source for i in ids for e in posts[i]])
        return _sorted_holdings({i: [h for e in posts[i] for h in holds[e.source]] for i in ids})

    return batch(self, "positions", compute, ())


def organization_ancestors(self: Any, info: Info) -> list[Organization]:  # type: ignore[name-defined]  # noqa: F821
    def compute(cohort: Cohort) -> dict[str, Any]:
        # every chain climbs one level per store call, all of the cohort's chains at once
        loaders = info.context["loaders"]
        ids = _unique(cohort)
        chains: dict[str, list[Node]] = {i: [] for i in ids}
        seen = {i: {i} for i in ids}
        current = {i: i for i in ids}
        climbing = ids
        while climbing:
            parents = loaders.edges("SUB_ORGANIZATION_OF", "out", [current[i] for i in climbing])
            still = []
            for i in climbing:
                edges = parents[current[i]]
                if not edges or edges[0].target in seen[i]:
                    continue
                current[i] = edges[0].target
                seen[i].add(current[i])
                node = loaders.node(current[i])
                if node is not None:
                    chains[i].append(node)
                    still.append(i)
            climbing = still
        return wrap_groups(chains)

    return batch(self, "ancestors", compute, ())


def post_holders(self: Any, info: Info) -> list[Holding]:  # type: ignore[name-defined]  # noqa: F821
    def compute(cohort: Cohort) -> dict[str, Any]:
        found = info.context["loaders"].edges("HOLDS", "in", cohort.ids)
        return _sorted_holdings({i: found[i] for i in _unique(cohort)})

    return batch(self, "holders", compute, ())


def organization_leaders(self: Any, info: Info, on: Optional[Date] = None  # noqa: UP045
                         ) -> list[Holding]:  # type: ignore[name-defined]  # noqa: F821
    if on is not None:
        parse_date(on)

    def compute(cohort: Cohort) -> dict[str, Any]:
        loaders = info.context["loaders"]
        ids = _unique(cohort)
        posts = loaders.edges("BELONGS_TO", "in", ids)
        known = loaders.nodes(e.source for i in ids for e in posts[i])
        ranked: dict[str, Leadership] = {}
        for i in ids:
            for e in posts[i]:
                post = known.get(e.source)
                r = leadership.rank(post.get("title")) if post else None
                if r is not None:
                    ranked[e.source] = r
        holds = loaders.edges("HOLDS", "in", list(ranked))
        order = {Leadership.HEAD: 0, Leadership.DEPUTY: 1}
        leaders: dict[str, list[Edge]] = {}
        for i in ids:
            held = [h for e in posts[i] if e.source in ranked for h in holds[e.source]
                    if on is None or leadership.covers(h.props, on)]
            if on is None:
                # every leader known, each once per post: their latest term (the history is in `positions`)
                latest = {(e.source, e.target): e for e in sorted(held, key=_holding_order)}
                held = list(latest.values())
            held.sort(key=lambda e: (order[ranked[e.target]], *_holding_order(e)))
            leaders[i] = held
        return wrap_edge_groups(leaders)

    return batch(self, ("leaders", on), compute, ())


def organization_meetings_per_year(self: Any, info: Info) -> list[YearCount]:  # type: ignore[name-defined]
    def compute(cohort: Cohort) -> dict[str, Any]:
        loaders = info.context["loaders"]
        hosted = loaders.edges("HOSTS", "out", cohort.ids)
        known = loaders.nodes(())  # the meetings came with their relationships
        out = {}
        for i in _unique(cohort):
            counts: dict[str | None, int] = defaultdict(int)
            for e in hosted[i]:
                meeting = known.get(e.target)
                if meeting is not None:
                    date = meeting.get("date")
                    counts[date[:4] if date else None] += 1
            out[i] = [YearCount(year=y, count=n)
                      for y, n in sorted(counts.items(), key=lambda x: (x[0] is None, x[0]))]
        return out

    return batch(self, "meetingsPerYear", compute, ())


def organization_post_count(self: Any, info: Info) -> int:
    def compute(cohort: Cohort) -> dict[str, Any]:
        found = info.context["loaders"].edges("BELONGS_TO", "in", cohort.ids)
        return {i: len(found[i]) for i in _unique(cohort)}

    return batch(self, "postCount", compute, 0)


def person_colleagues(self: Any, info: Info, first: int = 20) -> list[Colleague]:  # type: ignore[name-defined]
    if first < 0 or first > MAX_COLLEAGUES:
        raise StoreError(f"`first` must be between 0 and {MAX_COLLEAGUES}.")

    def compute(cohort: Cohort) -> dict[str, Any]:
        # the cohort's people at once, one store call per hop: meetings → participants, and
        # posts → organizations → their posts → holders
        loaders = info.context["loaders"]
        ids = _unique(cohort)
        mine = loaders.edges("TAKES_PART", "out", ids)
        takes_part = loaders.edges("TAKES_PART", "in", sorted({e.target for i in ids for e in mine[i]}))
        holds = loaders.edges("HOLDS", "out", ids)
        belongs = loaders.edges("BELONGS_TO", "out", sorted({e.target for i in ids for e in holds[i]}))
        org_posts = loaders.edges("BELONGS_TO", "in", sorted(
            {e.target for i in ids for h in holds[i] for e in belongs[h.target]}))
        holders = loaders.edges("HOLDS", "in", [e.source for posts in list(org_posts.values()) for e in posts])
        found: dict[str, list[Colleague]] = {}
        together = Cohort([], [])
        for i in ids:
            meetings: dict[str, set[str]] = defaultdict(set)
            for meeting in sorted({e.target for e in mine[i]}):
                for e in takes_part[meeting]:
                    meetings[e.source].add(meeting)
            posts = sorted({e.target for e in holds[i]})
            orgs = sorted({e.target for post in posts for e in belongs[post]})
            post_org = {e.source: org for org in orgs for e in org_posts[org]}
            shared: dict[str, set[str]] = defaultdict(set)
            for post, org in post_org.items():
                for e in holders[post]:
                    shared[e.source].add(org)
            people = (set(meetings) | set(shared)) - {i}
            ranked = sorted(people, key=lambda p: (-(len(meetings.get(p, ())) + len(shared.get(p, ()))), p))
            found[i] = [Colleague(person_id=p, meeting_ids=sorted(meetings.get(p, ())),
                                  organization_ids=sorted(shared.get(p, ())), cohort=together)
                        for p in ranked[:first]]
            together.ids.extend(c.person_id for c in found[i])
            together.items.extend(found[i])  # type: ignore[attr-defined]
        return found

    return batch(self, ("colleagues", first), compute, ())


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
    cohort: strawberry.Private[Cohort]  # the colleagues found beside this one (its ids: their people)

    @strawberry.field(description="The colleague.")
    def person(self, info: Info) -> Annotated[Person, strawberry.lazy("orgkg.api.types")]:  # type: ignore[name-defined]  # noqa: F821
        return batch(self, "person", lambda c: wrap_ids(info.context["loaders"].nodes(c.ids), c.ids),
                     at=self.person_id)

    @strawberry.field(description="Meetings both took part in, by date.")
    def shared_meetings(self, info: Info) -> list[Annotated[Meeting, strawberry.lazy("orgkg.api.types")]]:  # type: ignore[name-defined]  # noqa: F821
        def compute(cohort: Cohort) -> dict[int, list[Any]]:
            ids = [m for c in cohort.items for m in c.meeting_ids]
            objects = wrap_ids(info.context["loaders"].nodes(ids), ids)
            return {id(c): sorted((objects[m] for m in c.meeting_ids if m in objects),
                                  key=lambda m: (m.node.get("date") or "", m.id)) for c in cohort.items}

        return batch(self, "sharedMeetings", compute, (), at=id(self))

    @strawberry.field(description="Organizations in which both hold or held a post.")
    def shared_organizations(self, info: Info) -> list[Annotated[Organization, strawberry.lazy("orgkg.api.types")]]:  # type: ignore[name-defined]  # noqa: F821
        def compute(cohort: Cohort) -> dict[int, list[Any]]:
            ids = [o for c in cohort.items for o in c.organization_ids]
            objects = wrap_ids(info.context["loaders"].nodes(ids), ids)
            return {id(c): [objects[o] for o in c.organization_ids if o in objects] for c in cohort.items}

        return batch(self, "sharedOrganizations", compute, (), at=id(self))


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
