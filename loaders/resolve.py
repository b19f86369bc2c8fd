"""Judgements that overrule automatic resolution, and explanations of every merge.

In nomenklatura's spirit (../shared/STYLE.md): an analyst's curated file of judgements, each
saying that some records are the *same* or *not the same*. Records are the ids automatic rules
give (loaders/identity.py), or a name with its context. Judgements are applied as a union-find:
"same" joins clusters, "not same" forbids a join, transitively (if A = B and B ≠ C, then A ≠ C),
and every record maps to its cluster's representative, the smallest id, whatever the order of
loading. The file is read at load time (`orgkg load --judgements`, $ORGKG_JUDGEMENTS, or
`judgements.yaml` next to the database) and `orgkg judge` re-applies it to a loaded store.

File format (YAML, a list; see examples/judgements.yaml):

    - same: [org:7a4f9a5be9df9dea, {name: "Viện KHCN&MT"}]
      note: why
    - not_same:
        - {type: Person, name: Nguyễn Văn Hùng, article: 003_x}   # his mention in one article only
        - {type: Person, name: Nguyễn Văn Hùng, locality: Nghệ An}

A reference is an id, or a mapping with `type` (Organization, the default, or Person), `name` and
context: `locality` and `parent` (organizations), `locality` or `organization` (people: the top
organization they serve), or `article` (that name's mention in one article: the way to split what
the automatic rules joined).
"""

from __future__ import annotations

import hashlib
import itertools
import json
import os
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from orgkg.graph.ids import article_id, make_id
from orgkg.loaders import identity as ids
from orgkg.loaders import lexicon as lx

VERDICTS = ("same", "not_same")
TYPES = {"Organization": "org", "Person": "per"}
_PREFIX_TYPES = {v: k for k, v in TYPES.items()}
REF_KEYS = {"id", "type", "name", "locality", "parent", "organization", "article"}


class JudgementError(ValueError):
    """A judgements file that cannot be used, with the place and the reason."""


@dataclass(frozen=True)
class Ref:
    id: str | None = None
    type: str = "Organization"
    name: str | None = None
    locality: str | None = None
    parent: str | None = None
    organization: str | None = None
    article: str | None = None

    def describe(self) -> str:
        if self.id:
            return self.id
        ctx = ", ".join(f"{k}: {v}" for k, v in (("locality", self.locality), ("parent", self.parent),
                                                  ("organization", self.organization),
                                                  ("article", self.article)) if v)
        return f"{self.type} {self.name!r}" + (f" ({ctx})" if ctx else "")


@dataclass(frozen=True)
class Judgement:
    verdict: str
    refs: tuple[Ref, ...]
    origin: str  # "judgements.yaml#3": the file and the judgement's position in it
    note: str | None = None


def _article(value: str) -> str:
    return value if value.startswith("art:") else article_id(value)


def mention_record(type_: str, name: str, article: str) -> str:
    """The record id of one name's mention in one article, as a judgement names it."""
    key = ids.person_key(name) if type_ == "Person" else ids.name_key(name)
    return make_id(TYPES[type_], "mention", key, _article(article))


@dataclass
class Resolver:
    """Judgements applied: every record id mapped to its cluster's representative."""

    judgements: list[Judgement] = field(default_factory=list)
    conflicts: list[str] = field(default_factory=list)
    _parent: dict[str, str] = field(default_factory=dict)
    _apart: set[tuple[str, str]] = field(default_factory=set)
    _why: dict[str, list[str]] = field(default_factory=dict)
    _mentions: set[tuple[str, str, str]] = field(default_factory=set)

    def __post_init__(self) -> None:
        for j in self.judgements:  # mention selectors first: they change which record a mention is
            for r in j.refs:
                if r.article and r.name:
                    key = ids.person_key(r.name) if r.type == "Person" else ids.name_key(r.name)
                    self._mentions.add((r.type, key, _article(r.article)))
        # Organizations before people: a person's record depends on the organization they serve.
        for kind in ("Organization", "Person"):
            group = [j for j in self.judgements if j.refs and j.refs[0].type == kind]
            for j in (j for j in group if j.verdict == "not_same"):
                records = [self._record(r) for r in j.refs]
                for i, a in enumerate(records):
                    for b in records[i + 1:]:
                        if a == b:
                            self.conflicts.append(
                                f"{j.origin}: {j.refs[0].describe()} and {j.refs[1].describe()} are one record "
                                "already; name one of them with `article:` to split it off")
                        self._apart.add((a, b))
                        self._apart.add((b, a))
            for j in (j for j in group if j.verdict == "same"):
                records = [self._record(r) for r in j.refs]
                for a, b in itertools.pairwise(records):
                    self._union(a, b, j)

    # union-find ----------------------------------------------------------------------------

    def _find(self, x: str) -> str:
        root = x
        while self._parent.get(root, root) != root:
            root = self._parent[root]
        while self._parent.get(x, x) != root:  # path compression
            self._parent[x], x = root, self._parent[x]
        return root

    def _members(self, root: str) -> set[str]:
        return {x for x in self._parent if self._find(x) == root} | {root}

    def _union(self, a: str, b: str, j: Judgement) -> None:
        ra, rb = self._find(a), self._find(b)
        if ra == rb:
            return
        ma, mb = self._members(ra), self._members(rb)
        if any((x, y) in self._apart for x in ma for y in mb):
            self.conflicts.append(f"{j.origin}: not applied, it would join {a} and {b}, "
                                  "which a 'not_same' judgement keeps apart")
            return
        keep, drop = min(ra, rb), max(ra, rb)  # the smallest id represents the cluster
        self._parent[drop] = keep
        self._parent.setdefault(keep, keep)
        for x in (a, b):
            self._why.setdefault(x, []).append(j.origin + (f" ({j.note})" if j.note else ""))

    # references ----------------------------------------------------------------------------

    def _record(self, ref: Ref) -> str:
        if ref.id:
            return ref.id
        assert ref.name
        if ref.article:
            return mention_record(ref.type, ref.name, ref.article)
        if ref.type == "Person":
            if ref.organization:
                org = self.canonical(ids.org_identity(ref.organization, locality=ref.locality).id)
                return ids.person_id(ref.name, f"org:{org}")
            loc = lx.normalise_locality(ref.locality or "")
            return ids.person_id(ref.name, f"loc:{loc}")
        parent = self.canonical(ids.org_identity(ref.parent).id) if ref.parent else None
        return ids.org_identity(ref.name, locality=ref.locality, parent_id=parent).id

    # what loading asks -----------------------------------------------------------------------

    def canonical(self, record: str) -> str:
        """The id a record resolves to: its cluster's smallest id (itself when no judgement names it)."""
        return self._find(record) if record in self._parent else record

    def mention(self, type_: str, name: str, article: str) -> str | None:
        """The record a judgement gives this name's mention in this article, if one names it."""
        key = ids.person_key(name) if type_ == "Person" else ids.name_key(name)
        if (type_, key, _article(article)) in self._mentions:
            return mention_record(type_, name, article)
        return None

    def reasons(self, record: str) -> list[str]:
        """The judgements that joined this record to others."""
        return list(self._why.get(record, []))

    @property
    def fingerprint(self) -> str:
        """Changes whenever the judgements do (part of every batch digest: reloads re-resolve)."""
        if not self.judgements:
            return ""
        # the origin and note too: they are what explanations quote
        raw = json.dumps([[j.verdict, [r.__dict__ for r in j.refs], j.origin, j.note] for j in self.judgements],
                         ensure_ascii=False, sort_keys=True)
        return hashlib.sha1(raw.encode("utf-8")).hexdigest()

    def clusters(self) -> list[list[str]]:
        """Every cluster judgements made, each sorted, representative first."""
        roots: dict[str, list[str]] = {}
        for x in self._parent:
            roots.setdefault(self._find(x), []).append(x)
        return sorted(sorted(m) for m in roots.values() if len(m) > 1)


# reading the file ---------------------------------------------------------------------------


def _ref(value: Any, where: str) -> Ref:
    if isinstance(value, str) and value.strip():
        v = value.strip()
        prefix = v.split(":", 1)[0]
        if ":" not in v or prefix not in _PREFIX_TYPES:
            raise JudgementError(f"{where}: {v!r} is not an organization or person id (org:… or per:…); "
                                 "to name one, write {name: …}")
        return Ref(id=v, type=_PREFIX_TYPES[prefix])
    if not isinstance(value, dict):
        raise JudgementError(f"{where}: a reference is an id or a mapping with a name, not {type(value).__name__}")
    unknown = set(value) - REF_KEYS
    if unknown:
        raise JudgementError(f"{where}: unknown key(s) {', '.join(sorted(unknown))}; use {', '.join(sorted(REF_KEYS))}")
    vals = {k: str(v).strip() for k, v in value.items() if v is not None and str(v).strip()}
    if "id" in vals:
        return _ref(vals["id"], where)
    type_ = vals.get("type", "Person" if "organization" in vals else "Organization")
    if type_ not in TYPES:
        raise JudgementError(f"{where}: type must be Organization or Person, not {type_!r}")
    if "name" not in vals:
        raise JudgementError(f"{where}: a reference without an id needs a name")
    if type_ == "Organization" and "organization" in vals:
        raise JudgementError(f"{where}: `organization` is context for a Person; an organization takes `parent`")
    if type_ == "Person" and "parent" in vals:
        raise JudgementError(f"{where}: `parent` is context for an Organization; a person takes `organization`")
    if "locality" in vals and not lx.normalise_locality(vals["locality"]):
        raise JudgementError(f"{where}: {vals['locality']!r} is not a province or centrally-run city")
    if type_ == "Person" and not ({"locality", "organization", "article"} & set(vals)):
        raise JudgementError(f"{where}: a person is named with a context: locality, organization or article")
    return Ref(type=type_, **{k: v for k, v in vals.items() if k != "type"})


def parse_judgements(data: Any, origin: str) -> list[Judgement]:
    """Judgements from the parsed YAML, or JudgementError naming the entry and the problem."""
    if data is None:
        return []
    if not isinstance(data, list):
        raise JudgementError(f"{origin}: the file must be a list of judgements (- same: [...])")
    out: list[Judgement] = []
    for n, item in enumerate(data, 1):
        where = f"{origin}#{n}"
        if not isinstance(item, dict):
            raise JudgementError(f"{where}: a judgement is a mapping such as 'same: [id, id]'")
        verdicts = [v for v in VERDICTS if v in item]
        extra = set(item) - {*VERDICTS, "note"}
        if len(verdicts) != 1 or extra:
            raise JudgementError(f"{where}: a judgement has exactly one of 'same' or 'not_same' (and an optional note)")
        refs_raw = item[verdicts[0]]
        if not isinstance(refs_raw, list) or len(refs_raw) < 2:
            raise JudgementError(f"{where}: '{verdicts[0]}' needs a list of at least two references")
        refs = tuple(_ref(r, where) for r in refs_raw)
        if len({r.type for r in refs}) > 1:
            raise JudgementError(f"{where}: an organization and a person are never the same; "
                                 "a judgement's references are of one type")
        note = item.get("note")
        out.append(Judgement(verdicts[0], refs, where, str(note) if note else None))
    return out


def load_judgements(path: str | os.PathLike[str] | None) -> Resolver:
    """The judgements in `path` (no file: none); JudgementError if the file cannot be used."""
    if path is None or not Path(path).exists():
        return Resolver()
    p = Path(path)
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise JudgementError(f"{p}: cannot be read ({exc})") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = f" line {mark.line + 1}" if mark else ""
        raise JudgementError(f"{p}:{line} is not valid YAML ({getattr(exc, 'problem', None) or exc})") from None
    return Resolver(parse_judgements(data, p.name))


def judgements_path(explicit: str | os.PathLike[str] | None = None,
                    db: str | os.PathLike[str] | None = None) -> Path:
    """--judgements, else $ORGKG_JUDGEMENTS, else judgements.yaml next to the database."""
    from orgkg.graph import db_path

    if explicit:
        return Path(explicit)
    if os.environ.get("ORGKG_JUDGEMENTS"):
        return Path(os.environ["ORGKG_JUDGEMENTS"])
    return db_path(db).with_name("judgements.yaml")


_active: Resolver | None = None


def use(resolver: Resolver | None) -> None:
    """Make `resolver` the one loading applies when none is passed (the CLI sets it from --judgements)."""
    global _active
    _active = resolver


_default: tuple[tuple[str, float], Resolver] | None = None


def active() -> Resolver:
    """The resolver set by `use`, else the judgements at the default place (read again when it changes)."""
    global _default
    if _active is not None:
        return _active
    path = judgements_path()
    stamp = (str(path), path.stat().st_mtime if path.exists() else -1.0)
    if _default is None or _default[0] != stamp:
        _default = (stamp, load_judgements(path))
    return _default[1]


# explanations -------------------------------------------------------------------------------

RULES = {
    "name": "the same name once abbreviations are expanded and case, spacing, punctuation and &/và "
            "are ignored",
    "name+locality": "the same name in the same locality (a locality written in the name, stated for the "
                     "organization, or certain from the article)",
    "name+parent": "a generic unit's name under the same parent organization",
    "article": "a name whose place or parent is not certain: kept to its own article",
    "person+locality": "the same name (honorifics and titles aside) of a person anchored in the same locality",
    "person+organization": "the same name (honorifics and titles aside) serving the same top organization",
    "person+article": "a name with no post or place to anchor it: kept to its own article",
    "mention": "a mention a judgement singles out by name and article",
}


def explain(store: Any, node_id: str) -> dict[str, Any] | None:
    """Why a node is what it is: its names, the articles each came from, and what joined them."""
    return explain_many(store, [node_id]).get(node_id)


def explain_many(store: Any, node_ids: list[str]) -> dict[str, dict[str, Any]]:
    """`explain` for many nodes in two store calls (absent ids are left out)."""
    nodes = store.get_nodes(node_ids)
    resolutions = store.resolutions(list(nodes))
    return {nid: _explain(node, resolutions.get(nid, [])) for nid, node in nodes.items()}


def _explain(node: Any, res: list[Any]) -> dict[str, Any]:
    node_id = node.id
    mentions = [{
        "article": r.article, "name": r.props.get("name"), "aliases": r.props.get("aliases", []),
        "record": r.record, "key": r.props.get("key"), "rule": r.props.get("rule"),
        "judgements": r.props.get("judgements", []),
    } for r in res]
    articles = sorted({m["article"] for m in mentions})
    names = sorted({n for m in mentions for n in [m["name"], *m["aliases"]] if n})
    lines = [f"{node.type} {node_id} '{node.get(store_label(node.type), '')}': "
             f"{len(mentions)} mention(s) in {len(articles)} article(s)."]
    for m in mentions:
        also = f" (also: {', '.join(m['aliases'])})" if m["aliases"] else ""
        lines.append(f"- {m['article']}: '{m['name']}'{also} -> key '{m['key']}' [{m['rule']}]")
    records = sorted({m["record"] for m in mentions})
    for rule in sorted({m["rule"] for m in mentions if m["rule"]}):
        keys = sorted({m["key"] for m in mentions if m["rule"] == rule})
        lines.append(f"Rule {rule}: {RULES.get(rule, rule)}; key(s): " + "; ".join(f"'{k}'" for k in keys))
    if len(records) > 1:
        why = sorted({j for m in mentions for j in m["judgements"]})
        lines.append(f"Joined by judgement ({', '.join(why) or 'judgements file'}): records "
                     f"{', '.join(records)} are one; the smallest id represents them.")
    elif len(articles) > 1:
        lines.append("Joined because every mention gives the same key.")
    return {"id": node_id, "type": node.type, "names": names, "articles": articles, "records": records,
            "mentions": mentions, "summary": "\n".join(lines)}


def store_label(node_type: str) -> str:
    return "title" if node_type == "Post" else "name"


def describe_conflicts(resolver: Resolver) -> Iterable[str]:
    return list(resolver.conflicts)
