"""An article's annotation (FORMAT.md shape) turned into graph facts with evidence.

Every id is computed from this article's content alone (keys in loaders/identity.py) and then
mapped through the analyst's judgements (loaders/resolve.py), so the graph never depends on the
order articles are loaded in. Each organization and person mention also leaves a Resolution:
the record id its key gave, the key, the rule, the judgement that mapped it; `orgkg explain`
reads them back.
"""

from __future__ import annotations

from collections import Counter

from orgkg.graph.facts import Batch, EdgeFact, Evidence, NodeFact, Resolution
from orgkg.graph.ids import digest as content_digest
from orgkg.loaders import identity as ids
from orgkg.loaders import lexicon as lx
from orgkg.loaders.records import Annotation, Evidenced
from orgkg.loaders.resolve import Resolver, active
from orgkg.schema.text import norm


def _evidence(item: Evidenced) -> list[Evidence]:
    return [
        Evidence(s.start, s.end, *(s.sentence if s.sentence else (None, None)))
        for s in item.evidence
    ]


class _Builder:
    def __init__(self, article: NodeFact, resolver: Resolver) -> None:
        self.article = article
        self.resolver = resolver
        self.nodes: dict[str, NodeFact] = {}
        self.edges: dict[str, EdgeFact] = {}
        self.resolutions: dict[str, Resolution] = {}

    def node(self, nid: str, ntype: str, props: dict, evidence: list[Evidence]) -> str:
        props = {k: v for k, v in props.items() if v not in (None, "", [])}
        if nid in self.nodes:
            known = self.nodes[nid]
            for k, v in props.items():
                if isinstance(v, list):
                    known.props[k] = sorted(set(known.props.get(k, [])) | set(v))
                else:
                    # two mentions of one node in one article: keep the value independent of their order
                    known.props[k] = min(known.props.get(k, v), v, key=lambda s: (-len(str(s)), str(s)))
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

    def resolve(self, ntype: str, record: str, name: str, aliases: list[str], key: str, rule: str,
                **extra: object) -> str:
        """The node a record resolves to, remembering how (one Resolution per record and article)."""
        node = self.resolver.canonical(record)
        known = self.resolutions.get(record)
        if known:
            known.props["aliases"] = sorted({*known.props["aliases"], *aliases, name} - {known.props["name"]})
            return node
        props = {"name": name, "aliases": sorted(set(aliases) - {name}), "key": key, "rule": rule,
                 **{k: v for k, v in extra.items() if v}}
        reasons = self.resolver.reasons(record)
        if reasons:
            props["judgements"] = reasons
        self.resolutions[record] = Resolution(record, node, ntype, props)
        return node


def _locality_of_article(ann: Annotation, article: NodeFact) -> str | None:
    stated = (ann.article.locality if ann.article else None) or article.props.get("locality")
    return lx.normalise_locality(stated) if stated else None


def annotation_to_batch(ann: Annotation, article: NodeFact, text: str | None, digest: str,
                        resolver: Resolver | None = None) -> Batch:
    """The facts of one article: organizations, people and their posts, meetings, roles, tasks."""
    resolver = resolver if resolver is not None else active()
    b = _Builder(article, resolver)
    art = article.id
    art_loc = _locality_of_article(ann, article)

    # Organizations first: every other fact refers to them by name or alias (within this article).
    local: dict[str, int] = {}
    for i, org in enumerate(ann.organizations):
        local.setdefault(ids.name_key(org.name), i)
    for i, org in enumerate(ann.organizations):
        for alias in org.aliases:
            local.setdefault(ids.name_key(alias), i)

    org_node: dict[int, str] = {}
    org_loc: dict[str, str | None] = {}
    parents: dict[str, str] = {}
    unlisted: dict[str, str] = {}
    national: set[str] = set()

    def listed(i: int, stack: frozenset[int] = frozenset()) -> str:
        if i in org_node:
            return org_node[i]
        org = ann.organizations[i]
        parent = None
        if org.parent and ids.name_key(org.parent):
            j = local.get(ids.name_key(org.parent))
            if j is None:
                parent = unlisted_ref(org.parent)
            elif j != i and j not in stack:
                parent = listed(j, stack | {i})
        ident = ids.org_identity(org.name, locality=org.locality, context_locality=art_loc,
                                 parent_id=parent, article=art)
        record = resolver.mention("Organization", org.name, art) or ident.id
        rule = "mention" if record != ident.id else ident.rule
        node = b.resolve("Organization", record, org.name, list(org.aliases), ident.key, rule,
                         locality=ident.locality, parent=parent)
        kind, _ = ids.org_kind_of(ids.name_key(org.name))
        b.node(node, "Organization", {
            "name": org.name, "aliases": sorted({org.name, *org.aliases}),
            "kind": org.kind or (kind.kind if kind else None), "locality": ident.locality},
            _evidence(org))
        org_node[i] = node
        org_loc[node] = ident.locality
        if ident.national:
            national.add(node)
        if parent and parent != node:
            parents[node] = parent
            b.edge("SUB_ORGANIZATION_OF", node, parent, {}, _evidence(org))
        return node

    def unlisted_ref(name: str) -> str:
        key = ids.name_key(name)
        if key not in unlisted:  # named in a position or a task but not listed: still an organization
            ident = ids.org_identity(name, context_locality=art_loc, article=art)
            record = resolver.mention("Organization", name, art) or ident.id
            node = b.resolve("Organization", record, name, [], ident.key,
                             "mention" if record != ident.id else ident.rule, locality=ident.locality)
            b.node(node, "Organization", {"name": name, "aliases": [name], "locality": ident.locality}, [])
            org_loc[node] = ident.locality
            if ident.national:
                national.add(node)
            unlisted[key] = node
        return unlisted[key]

    for i in range(len(ann.organizations)):
        listed(i)

    def org_ref(name: str | None) -> str | None:
        if not name or not ids.name_key(name):
            return None
        i = local.get(ids.name_key(name))
        return listed(i) if i is not None else unlisted_ref(name)

    def chain(oid: str) -> list[str]:
        out, seen = [oid], {oid}
        while oid in parents and parents[oid] not in seen:
            oid = parents[oid]
            seen.add(oid)
            out.append(oid)
        return out

    def located(oid: str) -> str | None:
        return next((org_loc[o] for o in chain(oid) if org_loc.get(o)), None)

    # The article's place for anchoring people: stated, else where its meetings' hosts are, else
    # the place most of its organizations are in (ties: first in code-point order).
    hosts = sorted({loc for m in ann.meetings if (h := org_ref(m.host)) and (loc := located(h))})
    counts = Counter(loc for o in org_node.values() if (loc := located(o)))
    context = art_loc or (hosts[0] if hosts else None) or (
        min(counts, key=lambda k: (-counts[k], k)) if counts else None)

    # Meetings; a holding is seen on the article's date, else its meetings' first date.
    meetings: dict[str, str] = {}
    dates = sorted(m.date for m in ann.meetings if m.date)
    seen_on: str | None = article.props.get("published") or (dates[0] if dates else None)
    for m in ann.meetings:
        host = org_ref(m.host)
        mid = ids.meeting_id(host, m.date, m.name, art)
        b.node(mid, "Meeting", {"name": m.name, "kind": m.kind, "date": m.date, "location": m.location},
               _evidence(m))
        meetings.setdefault(norm(m.name), mid)
        if host:
            b.edge("HOSTS", host, mid, {}, _evidence(m))
    only_meeting = next(iter(meetings.values())) if len(set(meetings.values())) == 1 else None

    def meeting_ref(name: str | None) -> str | None:
        return meetings.get(norm(name), only_meeting) if name else only_meeting

    # People, anchored from this article alone (identity.person_anchor), so that namesakes in
    # unrelated places stay apart and the same person in related ones is one.
    people: dict[str, str] = {}

    def person(name: str, orgs: list[str], honorifics: list[str], evidence: list[Evidence]) -> str:
        clean, found = ids.clean_person_name(name)
        key = ids.person_key(clean)
        if key in people and not orgs:
            b.node(people[key], "Person", {"name": clean, "honorifics": honorifics + found}, evidence)
            return people[key]
        # a body without a stated place that is not national is taken to be of the article's place
        places = {o: located(o) or (None if chain(o)[-1] in national else context) for o in orgs}
        locs = {loc for loc in places.values() if loc}
        roots = {chain(o)[-1] for o, loc in places.items() if not loc}
        anchor = ids.person_anchor(locs, roots, context, art)
        auto = ids.person_id(clean, anchor)
        record = resolver.mention("Person", clean, art) or auto
        rule = "mention" if record != auto else {"loc": "person+locality", "org": "person+organization",
                                                 "art": "person+article"}[anchor.split(":", 1)[0]]
        aliases = [name] if name != clean else []
        node = b.resolve("Person", record, clean, aliases, f"{key} @ {anchor}", rule, anchor=anchor)
        b.node(node, "Person", {"name": clean, "honorifics": honorifics + found}, evidence)
        people[key] = node
        return node

    for p in ann.people:
        if p.boilerplate:
            continue
        orgs = [o for pos in p.positions if (o := org_ref(pos.organization))]
        written = [p.honorific] if p.honorific else []
        written += [h for h in p.honorifics if h != p.honorific]
        pid = person(p.name, orgs, [(h.canonical if (h := lx.normalise_honorific(w)) else w) for w in written],
                     _evidence(p))
        for pos in p.positions:
            _holding(b, pid, pos.title, org_ref(pos.organization), pos.term, seen_on, _evidence(pos))

    def person_ref(name: str) -> str:
        key = ids.person_key(name)
        return people[key] if key in people else person(name, [], [], [])

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
        # only a listed organization performs a task ("các huyện, thành phố" is not one)
        i = local.get(ids.name_key(task.organization)) if task.organization else None
        performer = listed(i) if i is not None else None
        if performer:
            b.edge("ASSIGNED_TO", tid, performer, {}, _evidence(task))
        if mid:
            b.edge("SET_AT", tid, mid, {}, _evidence(task))

    # The annotation itself, so that `orgkg judge` can resolve the article again under new judgements.
    source = Resolution(art, art, "Article", {"annotation": ann.model_dump(mode="json", exclude_defaults=True),
                                              "digest": digest})
    return Batch(article=article, text=text, nodes=list(b.nodes.values()), edges=list(b.edges.values()),
                 digest=content_digest(digest, ids.IDENTITY_VERSION, resolver.fingerprint),
                 resolutions=[source, *sorted(b.resolutions.values(), key=lambda r: r.record)])


def _holding(b: _Builder, pid: str, title: str, oid: str | None, term: str | None, seen: str | None,
             evidence: list[Evidence]) -> str:
    title = lx.normalise_title(title) or title
    post = ids.post_id(title, oid or pid)  # a post with no organization is the person's own
    b.node(post, "Post", {"title": title}, evidence)
    if oid:
        b.edge("BELONGS_TO", post, oid, {}, evidence)
    term = ids.normalise_term(term)
    start, end = ids.term_years(term)
    b.edge("HOLDS", pid, post, {"term": term, "validFrom": start, "validUntil": end,
                                "firstSeen": seen, "lastSeen": seen}, evidence, term or "")
    return post


def rebuild(batch: Batch, resolver: Resolver) -> Batch | None:
    """A stored article's batch resolved again under `resolver` (None if it kept no annotation)."""
    from orgkg.loaders.records import parse_annotation

    source = next((r for r in batch.resolutions if r.type == "Article" and "annotation" in r.props), None)
    if source is None:
        return None
    ann = parse_annotation(source.props["annotation"])
    return annotation_to_batch(ann, batch.article, batch.text, source.props.get("digest", ""), resolver)
