"""An article's annotation (FORMAT.md shape) turned into graph facts with evidence."""

from __future__ import annotations

from orgkg.graph.facts import Batch, EdgeFact, Evidence, NodeFact
from orgkg.loaders import identity as ids
from orgkg.loaders.records import Annotation, Evidenced
from orgkg.schema.text import norm


def _evidence(item: Evidenced) -> list[Evidence]:
    return [
        Evidence(s.start, s.end, *(s.sentence if s.sentence else (None, None)))
        for s in item.evidence
    ]


class _Builder:
    def __init__(self, article: NodeFact) -> None:
        self.article = article
        self.nodes: dict[str, NodeFact] = {}
        self.edges: dict[str, EdgeFact] = {}

    def node(self, nid: str, ntype: str, props: dict, evidence: list[Evidence]) -> str:
        props = {k: v for k, v in props.items() if v not in (None, "", [])}
        if nid in self.nodes:
            known = self.nodes[nid]
            for k, v in props.items():
                known.props.setdefault(k, v)
            known.evidence.extend(evidence)
        else:
            self.nodes[nid] = NodeFact(nid, ntype, props, list(evidence))
        return nid

    def edge(self, rel: str, src: str, dst: str, props: dict, evidence: list[Evidence], *key: object) -> None:
        eid = ids.edge_id(rel, src, dst, *key)
        props = {k: v for k, v in props.items() if v not in (None, "", [])}
        if eid in self.edges:
            self.edges[eid].evidence.extend(evidence)
        else:
            self.edges[eid] = EdgeFact(eid, rel, src, dst, props, list(evidence))


def annotation_to_batch(ann: Annotation, article: NodeFact, text: str | None, digest: str) -> Batch:
    """The facts of one article: organizations, people and their posts, meetings, roles, tasks."""
    b = _Builder(article)
    art = article.id

    # Organizations first: every other fact refers to them by name or alias.
    orgs: dict[str, str] = {}
    for org in ann.organizations:
        oid = ids.org_id(org.name)
        b.node(oid, "Organization", {
            "name": org.name, "aliases": sorted(set(org.aliases)), "kind": org.kind,
            "locality": org.locality}, _evidence(org))
        orgs.setdefault(norm(org.name), oid)
    for org in ann.organizations:
        for alias in org.aliases:
            orgs.setdefault(norm(alias), ids.org_id(org.name))

    def org_ref(name: str | None) -> str | None:
        if not name or not norm(name):
            return None
        key = norm(name)
        if key not in orgs:  # named in a position or a task but not listed: still an organization
            orgs[key] = b.node(ids.org_id(name), "Organization", {"name": name}, [])
        return orgs[key]

    parents: dict[str, str] = {}
    for org in ann.organizations:
        parent = org_ref(org.parent)
        child = orgs[norm(org.name)]
        if parent and parent != child:
            parents[child] = parent
            b.edge("SUB_ORGANIZATION_OF", child, parent, {}, _evidence(org))

    def root(oid: str) -> str:
        seen = {oid}
        while oid in parents and parents[oid] not in seen:
            oid = parents[oid]
            seen.add(oid)
        return oid

    locality = (ann.article.locality if ann.article else None) or article.props.get("locality")

    # Meetings
    meetings: dict[str, str] = {}
    seen_on: str | None = article.props.get("published")
    for m in ann.meetings:
        host = org_ref(m.host)
        mid = ids.meeting_id(host, m.date, m.name, art)
        b.node(mid, "Meeting", {"name": m.name, "kind": m.kind, "date": m.date, "location": m.location},
               _evidence(m))
        meetings.setdefault(norm(m.name), mid)
        if host:
            b.edge("HOSTS", host, mid, {}, _evidence(m))
        seen_on = seen_on or m.date
    only_meeting = next(iter(meetings.values())) if len(meetings) == 1 else None

    def meeting_ref(name: str | None) -> str | None:
        return meetings.get(norm(name), only_meeting) if name else only_meeting

    # People: anchored to a locality or the top organization they serve, so that namesakes in
    # unrelated places stay apart (loaders/identity.py).
    people: dict[str, str] = {}
    for person in ann.people:
        if person.boilerplate:
            continue
        roots = sorted({root(o) for p in person.positions if (o := org_ref(p.organization))})
        anchor = locality or (roots[0] if roots else "") or art
        pid = ids.person_id(person.name, anchor)
        people[norm(person.name)] = pid
        b.node(pid, "Person", {"name": person.name,
                               "honorifics": [person.honorific] if person.honorific else []},
               _evidence(person))
        for pos in person.positions:
            _holding(b, pid, pos.title, org_ref(pos.organization), pos.term, seen_on, _evidence(pos))

    def person_ref(name: str) -> str:
        key = norm(name)
        if key not in people:
            people[key] = b.node(ids.person_id(name, locality or art), "Person", {"name": name}, [])
        return people[key]

    for part in ann.participation:
        mid = meeting_ref(part.meeting)
        if mid:
            b.edge("TAKES_PART", person_ref(part.person), mid, {"role": part.role}, _evidence(part), part.role)

    for el in ann.elections:
        pid = person_ref(el.person)
        post = _holding(b, pid, el.title, org_ref(el.organization), el.term, seen_on, _evidence(el))
        term = ids.normalise_term(el.term)
        b.edge("ELECTED", pid, post, {"term": term, "meeting": meeting_ref(el.meeting)}, _evidence(el), term)

    for task in ann.tasks:
        mid = meeting_ref(task.meeting)
        tid = ids.task_id(task.text, mid, art)
        b.node(tid, "Task", {"text": task.text, "period": task.period, "performer": task.organization},
               _evidence(task))
        performer = orgs.get(norm(task.organization)) if task.organization else None
        if performer:
            b.edge("ASSIGNED_TO", tid, performer, {}, _evidence(task))
        if mid:
            b.edge("SET_AT", tid, mid, {}, _evidence(task))

    return Batch(article=article, text=text, nodes=list(b.nodes.values()), edges=list(b.edges.values()),
                 digest=digest)


def _holding(b: _Builder, pid: str, title: str, oid: str | None, term: str | None, seen: str | None,
             evidence: list[Evidence]) -> str:
    post = ids.post_id(title, oid or pid)  # a post with no organization is the person's own
    b.node(post, "Post", {"title": title}, evidence)
    if oid:
        b.edge("BELONGS_TO", post, oid, {}, evidence)
    term = ids.normalise_term(term)
    start, end = ids.term_years(term)
    b.edge("HOLDS", pid, post, {"term": term, "validFrom": start, "validUntil": end,
                                "firstSeen": seen, "lastSeen": seen}, evidence, term or "")
    return post
