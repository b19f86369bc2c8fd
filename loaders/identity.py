"""Canonical keys, and so ids, for the things an article names.

Ids come from keys, never from load order: the same facts give the same ids in any order.

An organization's key is its name with abbreviations expanded (loaders/lexicon.py) and case,
spacing, punctuation and '&'/'và' removed, plus what else its identity needs:
- its locality, taken out of the name ("... tỉnh Bắc Kạn" and "... Bắc Kạn" are one) or, for a
  name that needs one and does not say it ("UBND tỉnh", "Liên hiệp các Hội KH&KT"), from the
  organization's stated `locality` or the article's;
- its parent, for a generic unit ("Chi bộ Viện", "Ban Tổ chức", "Văn phòng", "Đảng ủy");
- the article itself when neither can be made certain: such a name never merges across articles.
A person's key is the name without honorifics or titles, plus an anchor (see `person_anchor`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache, lru_cache

from orgkg.graph.ids import make_id
from orgkg.loaders import lexicon as lx
from orgkg.schema.text import norm

IDENTITY_VERSION = "2"  # part of every batch digest: a change of rules reloads unchanged input

_TERM = re.compile(r"(\d{4})\s*[-–—/]\s*(\d{4})")

# Place levels, unit heads, national marks and collective heads: loaders/data/identity_words.yaml.
_WORDS = lx.identity_words()
PROVINCE_LEVELS = _WORDS["province_levels"]
SUB_LEVELS = _WORDS["sub_levels"]
_UNIT_HEADS = _WORDS["unit_heads"]
_NATIONAL_MARKS = _WORDS["national_marks"]
_PLURAL = re.compile(r"các (?:" + "|".join(map(re.escape, _WORDS["collective_heads"])) + r")(?:\s|$)")


def _tokens(s: str) -> list[str]:
    return s.split()


def _has_words(hay: str, needle: str) -> bool:
    return f" {needle} " in f" {hay} "


@cache
def _province_forms() -> tuple[tuple[str, lx.Province], ...]:
    """Normalised written forms of province names, longest first."""
    out: dict[str, lx.Province] = {}
    for form in lx.province_names():
        p = lx.find_province(form)
        if p:
            out.setdefault(norm(lx.fold_tone_placement(form)), p)
    return tuple(sorted(out.items(), key=lambda kv: (-len(kv[0]), kv[0])))


def _find_province(n: str) -> tuple[lx.Province, int, int] | None:
    """The first province named in a normalised name, with the word span to cut (level word included)."""
    padded = f" {n} "
    best: tuple[int, int, lx.Province] | None = None
    for form, prov in _province_forms():
        i = padded.find(f" {form} ")
        if i < 0:
            continue
        start, end = i, i + len(form) + 1  # offsets in `n` (the pad shifts by one)
        if best is None or start < best[0]:
            best = (start, end, prov)
    if best is None:
        return None
    start, end, prov = best
    before = n[:start].rstrip()
    for level in ("thành phố", "tỉnh", "tp"):
        if before == level or before.endswith(" " + level):
            start = len(before) - len(level)
            break
    return prov, start, end


@cache
def _kind_forms() -> tuple[tuple[str, lx.OrgKind], ...]:
    out: dict[str, lx.OrgKind] = {}
    for k in lx.org_kinds():
        for form in (k.kind, *k.variants):
            out.setdefault(norm(lx.expand_abbreviations(form)), k)
    return tuple(sorted(out.items(), key=lambda kv: (-len(kv[0]), kv[0])))


@cache
def _kinds_by_form() -> dict[str, lx.OrgKind]:
    return dict(_kind_forms())


def org_kind_of(n: str) -> tuple[lx.OrgKind | None, str]:
    """The kind a normalised, expanded name opens with (longest form) and the rest of the name.

    A form opens the name when the name is the form or goes on after it with a space, so the
    candidates are the name cut at each space and the name whole: looked up longest first, they give
    what a scan of every form, longest first, gives, without the scan (a few hundred forms, asked
    several times per organization mention: a tenth of a worker's time went there)."""
    kinds = _kinds_by_form()
    end = len(n)
    while end >= 0:
        kind = kinds.get(n[:end])
        if kind is not None:
            return kind, n[end:].strip()
        end = n.rfind(" ", 0, end)
    return None, n


def _unit_head(n: str) -> str | None:
    kind, rest = org_kind_of(n)
    if kind and kind.tail == "party":
        return rest
    for head in sorted(_UNIT_HEADS, key=len, reverse=True):
        if n == head or n.startswith(head + " "):
            return n[len(head):].strip()
    return None


def _is_specific(rest: str) -> bool:
    """Does what follows a unit's head name a particular organization ("Viện X", "phường Y")?"""
    if not rest:
        return False
    words = _tokens(rest)
    i = 0
    while i < len(words):
        tail = " ".join(words[i:])
        if any(tail.startswith(level + " ") for level in (*PROVINCE_LEVELS, *SUB_LEVELS)):
            return True
        kind, after = org_kind_of(tail)
        if kind and after:
            return True
        # a whole kind form with nothing after it ("Văn phòng LHH") is still generic: skip over it
        i += len(_tokens(tail)) - len(_tokens(after)) if kind else 1
    return any(_has_words(rest, m) for m in _NATIONAL_MARKS)


@lru_cache(maxsize=1 << 16)  # a name recurs within an article and across a load; the lexicons never change
def name_key(name: str) -> str:
    """A name compared the way identity compares names: abbreviations expanded, then `norm`."""
    n = norm(lx.expand_abbreviations(name))
    if n == "đảng bộ" or n.startswith("đảng bộ "):  # FORMAT.md: "Đảng ủy X" and "Đảng bộ X" are one
        n = "đảng ủy" + n[len("đảng bộ"):]
    return n


@dataclass(frozen=True)
class OrgIdentity:
    """What identifies an organization mention: its id, the key it came from, and the rule applied."""

    id: str
    key: str
    rule: str  # name | name+locality | name+parent | article
    locality: str | None  # "tỉnh Bắc Kạn", as lexicon.normalise_locality writes it
    national: bool = False  # a body of the whole country ("... Việt Nam", "Trung ương ...", a ministry)


def _needs_locality(n: str, kind: lx.OrgKind | None) -> str | None:
    """'tỉnh' / 'thành phố' / 'province' / 'sub' when the name needs a place it does not spell out."""
    dangling = _dangling(n)
    if dangling:
        return dangling
    if kind and kind.scope == "local":
        return "province"
    return None


def _dangling(n: str) -> str | None:
    """The level a name ends on without naming the place ("UBND tỉnh", "Ban Tuyên giáo Tỉnh ủy")."""
    for level in SUB_LEVELS:
        if n.endswith(" " + level):
            return "sub"
    for level in PROVINCE_LEVELS:
        if n.endswith(" " + level):
            return level
    for k in lx.org_kinds():  # "Tỉnh ủy", "Ban Tuyên giáo Tỉnh ủy": a bare kind of its place
        if k.naming == "bare":
            form = norm(k.kind)
            if n == form or n.endswith(" " + form):
                return k.level if k.level in PROVINCE_LEVELS else "sub"
    return None


def org_identity(name: str, locality: str | None = None, context_locality: str | None = None,
                 parent_id: str | None = None, article: str | None = None) -> OrgIdentity:
    """The identity of an organization named `name` in an article.

    `locality` is what the source says of the organization itself, `context_locality` the
    article's place, `parent_id` the (resolved) parent's id where the article links one, `article`
    the article's id (used only when nothing else makes the name certain)."""
    n = name_key(name)
    kind, after_kind = org_kind_of(n)
    if _PLURAL.match(n) or (kind and _PLURAL.match(after_kind)):
        # "UBND các huyện", "các sở, ngành": a collective, never one organization
        return _org(n, None, None, article or "", "article")
    found = _find_province(n)
    if found:  # the name says where: that is the locality, whatever the context says
        prov, start, end = found
        base = " ".join(f"{n[:start]} {n[end:]}".split())
        return _org(base, prov.locality, None, None, "name+locality")
    dangling = _dangling(n)
    # "Việt Nam" inside a local kind's own name ("Ủy ban MTTQ Việt Nam tỉnh") does not make it national
    national = dangling is None and (
        any(_has_words(after_kind if kind else n, m) for m in _NATIONAL_MARKS)
        or (kind is not None and kind.scope == "national"))
    rest = _unit_head(n)
    if rest is not None and not national and not _is_specific(rest):
        # A generic unit is the one of its parent; without a parent it is only this article's.
        if parent_id:
            return _org(n, None, parent_id, None, "name+parent")
        return _org(n, None, None, article or "", "article")
    if national:
        return _org(n, None, None, None, "name", national=True)
    need = _needs_locality(n, kind)
    stated = lx.normalise_locality(locality) if locality else None
    if need is None:
        # Names that carry their own identity ("Viện X"); a locality stated by the source still
        # tells namesakes apart ("Trường THCS Lê Lợi" of two provinces).
        return _org(n, stated, None, None, "name+locality" if stated else "name")
    place = stated or (lx.normalise_locality(context_locality) if context_locality else None)
    if need == "sub" or place is None:
        # "UBND huyện" in a provincial paper: which district is not certain.
        return _org(n, None, None, article or "", "article")
    prov = lx.find_province(place)
    assert prov is not None
    if need in PROVINCE_LEVELS and need != prov.level:
        # "UBND thành phố" in a province's paper names a city inside it, not the province
        return _org(n, None, None, article or "", "article")
    for level in PROVINCE_LEVELS:
        if n.endswith(" " + level) and level == prov.level:
            n = n[: -len(level)].strip()
    return _org(n, prov.locality, None, None, "name+locality")


def _org(base: str, locality: str | None, parent: str | None, article: str | None, rule: str,
         national: bool = False) -> OrgIdentity:
    parts = [base]
    if locality:
        parts.append(f"@ {norm(locality)}")
    if parent:
        parts.append(f"< {parent}")
    if article is not None:
        parts.append(f"# {article}")
    key = " ".join(parts)
    return OrgIdentity(make_id("org", key), key, rule, locality, national)


def org_key(name: str) -> str:
    return org_identity(name).key


def org_id(name: str, **context: str | None) -> str:
    return org_identity(name, **context).id


# People ---------------------------------------------------------------------------------------


def clean_person_name(name: str) -> tuple[str, list[str]]:
    """The name without honorifics or titles ("TS. Lê Tuấn An" -> "Lê Tuấn An", ["TS"];
    "Lê Văn Nghị, Phó Chủ tịch" -> "Lê Văn Nghị"): a name never holds a comma."""
    found: list[str] = []
    for part in name.split(","):
        clean, hons = _strip_leading(part)
        found.extend(hons)
        hon = lx.normalise_honorific(clean) if clean else None
        if hon:
            found.append(hon.canonical)
        elif clean and not lx.normalise_title(clean):
            return clean, found
    return name.strip(), found


def _strip_leading(name: str) -> tuple[str, list[str]]:
    words = name.split()
    found: list[str] = []
    changed = True
    while changed and len(words) > 1:
        changed = False
        for size in range(min(5, len(words) - 1), 0, -1):
            head = " ".join(words[:size]).strip(" ,")
            hon = lx.normalise_honorific(head)
            if hon or lx.normalise_title(head):
                if hon:
                    found.append(hon.canonical)
                words = words[size:]
                changed = True
                break
    return " ".join(words), found


@lru_cache(maxsize=1 << 16)
def person_key(name: str) -> str:
    return norm(clean_person_name(name)[0])


def person_id(name: str, anchor: str) -> str:
    """A person is a name within a context: "loc:<locality>", "org:<top organization id>" or "art:<article>"."""
    return make_id("per", person_key(name), anchor)


def person_anchor(localities: set[str], roots: set[str], article_locality: str | None, article: str) -> str:
    """Where a person of one article is anchored, from that article alone (so load order never matters).

    1. Holding a post in an organization with a locality (its own, its parent chain's, or, for a
       body that is not national, the article's): that locality; the article's when it is among
       them, else the first in code-point order.
    2. Else holding posts only in national bodies: the top organization of the chain, the
       smallest id when there are several.
    3. Else, named without a post: the article's locality when it is known.
    4. Else the article: the name stays apart until a judgement joins it."""
    if localities:
        if article_locality and article_locality in localities:
            return f"loc:{article_locality}"
        return f"loc:{min(localities)}"
    if roots:
        return f"org:{min(roots)}"
    if article_locality:
        return f"loc:{article_locality}"
    return f"art:{article}"


# Posts, meetings, tasks, relationships -------------------------------------------------------


def title_key(title: str) -> str:
    return norm(lx.normalise_title(title) or title)


def post_id(title: str, organization_id: str) -> str:
    return make_id("post", title_key(title), organization_id)


def meeting_id(host_id: str | None, date: str | None, name: str, article: str) -> str:
    # Two reports of one meeting share its host and day; without a day it is this article's own.
    if host_id and date and len(date) == 10:
        return make_id("mtg", host_id, date)
    return make_id("mtg", host_id or "", date or "", norm(name), article)


def task_id(text: str, meeting: str | None, article: str) -> str:
    return make_id("task", norm(text), meeting or article)


def edge_id(rel: str, source: str, target: str, *key: object) -> str:
    return make_id("rel", rel, source, target, *key)


def term_years(term: str | None) -> tuple[str | None, str | None]:
    """("2022", "2025") from "2022-2025" or "nhiệm kỳ 2022 – 2025"."""
    if not term:
        return None, None
    m = _TERM.search(term)
    return (m.group(1), m.group(2)) if m else (None, None)


def normalise_term(term: str | None) -> str | None:
    start, end = term_years(term)
    return f"{start}-{end}" if start else (term or None)
