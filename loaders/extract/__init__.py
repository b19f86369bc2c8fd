"""The extractor: a Vietnamese news article in, the facts a careful reader takes from it out (the shape of
../shared/eval/FORMAT.md), each with the character span and sentence it came from.

Rules and lexicons only (compiled once); no model is loaded, so extraction runs in milliseconds per article."""

from __future__ import annotations

import bisect
import hashlib
import re
import unicodedata
from collections.abc import Sequence

from orgkg.loaders import lexicon as lx
from orgkg.loaders.document import Document
from orgkg.loaders.extract.context import Context, read_context
from orgkg.loaders.extract.meetings import Meeting, find_meeting, other_meetings, participation
from orgkg.loaders.extract.orgs import (
    GENERIC_NAMES,
    Entity,
    Mention,
    MentionIndex,
    Registry,
    abbreviations_defined,
    canonical,
    define_abbreviations,
    defined_abbreviations,
    find_mentions,
    norm_key,
)
from orgkg.loaders.extract.people import PersonMention, Pos, read_people
from orgkg.loaders.extract.tasks import find_tasks
from orgkg.loaders.extract.text import Sentence, paragraphs, sentences

__all__ = ["EXTRACTOR_VERSION", "extract"]


def _version() -> str:
    """Rules release + a digest of the lexicons: a stored extraction is stale when either changes."""
    digest = hashlib.sha256()
    for name in _LEXICONS:
        f = lx.DATA / name
        digest.update(name.encode() + b"\0" + (f.read_bytes() if f.is_file() else b""))
    return f"{_RULES}+{digest.hexdigest()[:12]}"


_RULES = "1"
_LEXICONS = ("abbreviations.tsv", "districts.tsv", "honorifics.tsv", "name_stopwords.txt", "newspapers.tsv", "org_kinds.tsv",
             "provinces.tsv", "roles.tsv", "sector_words.txt", "sectors.tsv", "surnames.txt", "titles.tsv")
_MAX_EVIDENCE = 20  # spans kept per organization: enough to trace it, bounded on runaway pages
EXTRACTOR_VERSION = _version()
"""Changes whenever the extraction rules or lexicons do (loaders re-extract stored articles then)."""

_ATTEND_BODY = re.compile(r"(?:lãnh đạo|đại diện|Lãnh đạo|Đại diện|đại diện lãnh đạo)[ \t]+$")
_ATTEND = re.compile(r"(?<![\w])(?:dự|tham dự|tới dự|đến dự|có mặt)(?![\w])(?![ \t]+(?:án|thảo|báo|kiến|toán))",
                     re.IGNORECASE)


class _Spans:
    """Evidence spans: a mention and the sentence it is in."""

    def __init__(self, sents: list[Sentence], n: int) -> None:
        self.sents = sents
        self.starts = [s.start for s in sents]
        self.n = n

    def span(self, start: int, end: int) -> dict:
        i = bisect.bisect_right(self.starts, start) - 1
        if 0 <= i < len(self.sents) and self.sents[i].start <= start <= self.sents[i].end:
            s = self.sents[i]
            sent = [s.start, s.end]
        else:
            sent = [start, end]
        return {"start": start, "end": end, "sentence": sent}


def extract(doc: Document) -> dict:
    """Facts of one article: {"id", "article", "meetings", "organizations", "people", "participation",
    "elections", "tasks"}, every record with "evidence" spans (character offsets into doc.text)."""
    with abbreviations_defined({}):  # the article's own abbreviations hold while it is read
        return _extract(doc)


def _extract(doc: Document) -> dict:
    text = doc.text or ""
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    # the working copy: new-style tone marks and plain spaces, same length, so offsets hold for the original
    ft = lx.fold_tone_placement(text).replace("\u00a0", " ").replace("\u202f", " ")
    sents = sentences(ft)
    spans = _Spans(sents, len(text))
    ctx = read_context(ft, ft, doc.title, doc.published, doc.site, doc.url)
    chrome_ranges = _chrome_ranges(sents, ctx)
    all_mentions = [m for m in find_mentions(ft) if not _covered(chrome_ranges, m.start)]
    defined = defined_abbreviations(all_mentions)
    if defined:  # "Tập đoàn Điện lực Việt Nam (EVN)": later, "EVN" alone names it
        define_abbreviations(defined)
        all_mentions = [m for m in find_mentions(ft) if not _covered(chrome_ranges, m.start)]
    # (a bare head of two words or more, "Đoàn Khối", is a body's, never a person's "Đoàn" and "Khối")
    people_m = read_people(ft, sents, ctx.chrome, [(m.start, m.end) for m in all_mentions
                                                   if not m.generic or len(m.head.split()) > 1])
    name_spans = sorted((p.start, p.end) for p in people_m)
    mentions = [m for m in all_mentions if not _covered(name_spans, m.start)]
    index = MentionIndex(mentions)
    paras = paragraphs(ft)
    reg = Registry(text, ctx.locality, paras[ctx.body_start][0] if ctx.body_start < len(paras) else 0)
    meeting = find_meeting(ft, sents, ctx.body_start, ctx.chrome, mentions, ctx.published)
    if meeting and meeting.host and not meeting.host.generic:
        reg.main = reg.resolve(meeting.host)  # first, so that bare heads ("Hội", "Viện") can stand for it
    reg.resolve_all(mentions)
    reg.main = reg.resolve(meeting.host) if meeting and meeting.host else _most_mentioned(reg)
    if meeting:
        # names and texts are copied from the original (the working copy folds tone placement)
        written = " ".join(text[meeting.start:meeting.end].split())
        prefix = meeting.name[:len(meeting.name) - len(written)]
        meeting.name = prefix + (written[:1].upper() + written[1:] if not prefix else written)
    host = reg.resolve(meeting.host) if meeting and meeting.host else None
    others = other_meetings(ft, sents, ctx.body_start, ctx.chrome, mentions, ctx.published, meeting) if meeting else []
    used: dict[int, Entity] = {}
    evidence: dict[int, list[dict]] = {}

    def use(e: Entity | None, start: int | None = None, end: int | None = None) -> Entity | None:
        if e is None:
            return None
        used.setdefault(id(e), e)
        if start is not None and end is not None:
            ev = evidence.setdefault(id(e), [])
            sp = spans.span(start, end)
            if len(ev) < _MAX_EVIDENCE and sp not in ev:
                ev.append(sp)
        return e

    if host is not None and meeting is not None:
        use(host, meeting.host.start, meeting.host.end)
        for co in meeting.cohosts:
            use(reg.resolve(co), co.start, co.end)
    for other in others:
        if other.host is not None:
            use(reg.resolve(other.host), other.host.start, other.host.end)
    main = host or _most_mentioned(reg)

    # people and their positions
    people_out: dict[str, dict] = {}
    elections = []
    roles = participation(ft, people_m) if meeting else {}
    for pm in people_m:
        if any(p.media for p in pm.positions) and not (roles.get(pm.name) or any(p.elected for p in pm.positions)):
            continue  # a byline or masthead; an editor who attends, speaks or is elected is a person of the report
        rec = people_out.setdefault(pm.name, {"name": pm.name, "honorific": None, "_rank": 0, "honorifics": [],
                                              "positions": [], "evidence": []})
        for h in pm.honorifics:
            if h.kind in lx.ANNOTATED_HONORIFIC_KINDS and h.rank > rec["_rank"]:
                rec["honorific"], rec["_rank"] = h.canonical, h.rank
            if h.canonical not in rec["honorifics"]:
                rec["honorifics"].append(h.canonical)
        if pm.by_title:
            continue
        rec["evidence"].append(spans.span(pm.start, pm.end))
        for pos in pm.positions:
            org = _position_org(pos, pm, reg, ctx, main, index, people_m)
            use(org, *(pos.org.start, pos.org.end) if pos.org else (pos.start, pos.end))
            term = pos.term or (meeting.term if pos.elected and meeting else None)
            prec = {"title": pos.title, "organization": org.name if org else None, "term": term,
                    "evidence": [spans.span(pos.start, pos.end)]}
            if not any(x["title"] == prec["title"] and x["organization"] == prec["organization"]
                       and x["term"] == term for x in rec["positions"]):
                rec["positions"].append(prec)
            if pos.elected:
                el = {"person": pm.name, "title": pos.title, "organization": org.name if org else None, "term": term,
                      "meeting": meeting.name if meeting else None, "evidence": [spans.span(pos.start, pos.end)]}
                if not any(x["person"] == el["person"] and x["title"] == el["title"] and
                           x["organization"] == el["organization"] for x in elections):
                    elections.append(el)
    people = []
    for rec in people_out.values():
        # a position without a term is the same post as one with a term
        termed = {(x["title"], x["organization"]) for x in rec["positions"] if x["term"]}
        placed = {x["title"] for x in rec["positions"] if x["organization"]}
        rec["positions"] = [x for x in rec["positions"]
                            if (x["term"] or (x["title"], x["organization"]) not in termed)
                            and (x["organization"] or x["title"] not in placed)]
        if not rec["positions"] and not roles.get(rec["name"]):
            continue
        rec.pop("_rank")
        people.append(rec)
    kept = {p["name"] for p in people}

    participation_out = []
    if meeting:
        order = ("attended", "chaired", "spoke", "reported", "elected")
        for pm in people_m:
            if pm.name not in kept:
                continue
            for role in order:
                if role in roles.get(pm.name, set()) and not any(
                        x["person"] == pm.name and x["role"] == role for x in participation_out):
                    participation_out.append({"person": pm.name, "meeting": meeting.name, "role": role,
                                              "evidence": [spans.span(pm.sentence.start, pm.sentence.end)]})

    # bodies attending as such: "lãnh đạo Viện Nghiên cứu và Phát triển vùng (Bộ KH và CN) ... tới dự",
    # "đại diện Ban Tuyên giáo Tỉnh ủy, Sở KH&CN và lãnh đạo 32 hội thành viên"
    prev_attending: Mention | None = None
    for m in mentions:
        sent = _sentence_of(sents, m.start)
        if m.entity is None or m.plural or sent is None or sent.para in ctx.chrome or \
                not _ATTEND.search(ft, sent.start, sent.end):
            prev_attending = None
            continue
        listed = prev_attending is not None and re.fullmatch(r"[ \t]*(?:,|và)[ \t]*", ft[prev_attending.end:m.start])
        if _ATTEND_BODY.search(ft[max(sent.start, m.start - 25):m.start]) or listed:
            use(m.entity, m.start, m.end)
            prev_attending = m
        else:
            prev_attending = None

    tasks = find_tasks(ft, sents, ctx.chrome, ctx.body_start, mentions, people_m, main,
                       int(meeting.date[:4]) if meeting and meeting.date else None,
                       meeting.sentence if meeting else None,
                       int(meeting.date[5:7]) if meeting and meeting.date else None)
    tasks_out = []
    for t in tasks:
        org = use(t.performer)
        # (a collective, "các sở, ngành", is the performer as FORMAT.md writes it; the loader links no node to it)
        tasks_out.append({"text": text[t.start:t.end], "organization": org.name if org else t.performer_text,
                          "performer": org.name if org else t.performer_text, "period": t.period,
                          "meeting": meeting.name if meeting else None,
                          "evidence": [spans.span(t.start, t.end)]})

    if ctx.masthead and ctx.newspaper:
        paper = _paper_entity(text, ctx, reg)
        if paper:
            use(paper)

    # parents of every listed organization are listed too
    frontier = list(used.values())
    while frontier:
        e = frontier.pop()
        if e.parent is not None and id(e.parent) not in used:
            use(e.parent)
            frontier.append(e.parent)
    orgs_out = []
    for e in reg.order:
        if id(e) not in used:
            continue
        ev = evidence.get(id(e)) or [spans.span(m.start, m.end) for m in e.mentions[:3]]
        orgs_out.append({"name": e.name, "aliases": [a for a in e.aliases if norm_key(a) != norm_key(e.name)],
                         "parent": e.parent.name if e.parent else None, "kind": e.kind.kind,
                         "locality": e.locality, "evidence": ev})

    meetings_out = []
    if meeting:
        meetings_out.append({"name": meeting.name, "kind": meeting.kind, "date": meeting.date,
                             "host": host.name if host else None, "location": meeting.location,
                             "evidence": [spans.span(meeting.start, meeting.end)]})
    for other in others:  # reported in passing: no participants or tasks of their own
        out = _other_meeting(other, text, reg, spans)
        # (one organiser's two meetings of one day are one Meeting node of the graph: the first is kept)
        if all((m["date"], m["host"]) != (out["date"], out["host"]) for m in meetings_out):
            meetings_out.append(out)
    result = {
        "id": doc.id,
        "article": {"title": _original(text, ft, ctx.title), "published": ctx.published, "site": ctx.site_name,
                    "locality": ctx.locality.text},
        "meetings": meetings_out,
        "organizations": orgs_out,
        "people": people,
        "participation": participation_out,
        "elections": elections,
        "tasks": tasks_out,
    }
    return _as_written(result, text, people_m)


def _as_written(result: dict, text: str, people_m: list[PersonMention]) -> dict:
    """Names the way the page writes them: people's names from the text itself, and organization names in the
    page's tone placement ("Uỷ ban", "Thanh Hoá") when it uses the old one (the work was done on new-style text)."""
    written: dict[str, str] = {}
    for pm in people_m:
        if not pm.by_title:
            written.setdefault(pm.name, " ".join(text[pm.start:pm.end].split()))
    for p in result["people"]:
        p["name"] = written.get(p["name"], p["name"])
    for key in ("participation", "elections"):
        for x in result[key]:
            x["person"] = written.get(x["person"], x["person"])
    if not lx.uses_old_tone_placement(text):
        return result
    old = lx.old_tone_placement
    for o in result["organizations"]:
        o["name"] = old(o["name"])
        o["parent"] = old(o["parent"]) if o["parent"] else None
        o["locality"] = old(o["locality"]) if o["locality"] else None
    for m in result["meetings"]:
        m["host"] = old(m["host"]) if m["host"] else None
    for p in result["people"]:
        for pos in p["positions"]:
            pos["organization"] = old(pos["organization"]) if pos["organization"] else None
    for x in (*result["elections"], *result["tasks"]):
        x["organization"] = old(x["organization"]) if x["organization"] else None
    for t in result["tasks"]:
        t["performer"] = old(t["performer"]) if t["performer"] else None
    result["article"]["locality"] = old(result["article"]["locality"]) if result["article"]["locality"] else None
    return result


def _other_meeting(m: Meeting, text: str, reg: Registry, spans: _Spans) -> dict:
    written = " ".join(text[m.start:m.end].split())
    prefix = m.name[:len(m.name) - len(written)]
    name = prefix + (written[:1].upper() + written[1:] if not prefix else written)
    host = reg.resolve(m.host) if m.host else None
    return {"name": name, "kind": m.kind, "date": m.date, "host": host.name if host else None,
            "location": m.location, "evidence": [spans.span(m.start, m.end)]}


def _original(text: str, ft: str, piece: str | None) -> str | None:
    """The original spelling of a piece of the working copy."""
    if not piece:
        return piece
    i = ft.find(piece)
    return text[i:i + len(piece)] if i >= 0 else piece


def _chrome_ranges(sents: list[Sentence], ctx: Context) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in sents if s.para in ctx.chrome]


def _covered(spans: list[tuple[int, int]], pos: int) -> bool:
    """Whether pos falls in one of the sorted, non-overlapping spans."""
    i = bisect.bisect_right(spans, (pos, float("inf"))) - 1
    return i >= 0 and spans[i][0] <= pos < spans[i][1]


def _sentence_of(sents: list[Sentence], pos: int) -> Sentence | None:
    i = bisect.bisect_right(sents, pos, key=lambda s: s.start) - 1
    return sents[i] if i >= 0 and sents[i].start <= pos < sents[i].end else None


def _most_mentioned(reg: Registry) -> Entity | None:
    # (a body named only above the report, the paper of the masthead, is no organiser)
    cands = [e for e in reg.order if any(m.start >= reg.body_from for m in e.mentions)]
    return max(cands, key=lambda e: len(e.mentions)) if cands else None


def _position_org(pos: Pos, pm: PersonMention, reg: Registry, ctx: Context, main: Entity | None,
                  mentions: MentionIndex, others: Sequence[PersonMention] = ()) -> Entity | None:
    """The organization of a position: as written, the article's one of its kind for a bare head, the one a
    title implies ("Tỉnh ủy viên" -> Tỉnh ủy of the article's province), or that of the next title in the chain."""
    if pos.org is not None and pos.org.generic and pos.org.kind.kind in ("Ban cán sự đảng", "Đảng đoàn"):
        # "Bí thư Ban cán sự đảng, Chủ tịch UBND tỉnh": the party group of the body whose title comes next
        nxt = next((o for o in pm.positions[pm.positions.index(pos) + 1:] if o.org is not None), None)
        oe = reg.resolve(nxt.org) if nxt is not None else None
        if oe is not None:
            group = reg.add_named(f"{pos.org.kind.kind} {oe.name}", pos.org.kind.kind, oe.locality)
            group.parent = group.parent or oe
            return group
    e = _written_org(pos, pm, reg, ctx, main)
    if e is not None or (pos.org is not None and not pos.org.generic):
        return e
    title = lx.title_forms().get(pos.title.casefold())
    # a title embedding its head ("Hiệu trưởng" of the Trường, "Viện trưởng" of the Viện): the article's one
    if title is not None and title.org_head in lx.COMPANY_ORGANS and main is not None:
        return main  # "Chủ tịch Hội đồng thành viên X" in the company's report: the company's
    if title is not None and title.org_head:
        for host in (main, main.parent if main is not None else None):
            if host is not None and host.kind.kind.startswith(title.org_head):
                return host  # the host (or the unit it serves) when of that kind, before others named in passing
        kinds = [k for k in lx.org_kinds() if k.kind.startswith(title.org_head)]
        for k in kinds:
            same = reg.same_kind(k)
            if same is not None:
                return same
    # a bare title shares the organization of the next title in the chain ("Phó Chủ tịch, Tổng Thư ký Hội X");
    # a party title before a unit's office belongs to the unit's party committee's owner
    i = pm.positions.index(pos)
    for other in pm.positions[i + 1:]:
        if other.org is not None and not other.elected:
            oe = reg.resolve(other.org)
            if oe is not None and other.org.owner is not None and other.org.kind.kind in (
                    "Ban", "Văn phòng", "Ban cán sự đảng", "Đảng đoàn"):
                return oe.parent or oe  # ("Bộ trưởng, Bí thư Ban Cán sự đảng Bộ X": the minister of Bộ X)
            return oe
    # "... có 3 Phó Giám đốc gồm: ..." / "bầu Ủy ban Kiểm tra ..., X giữ chức Chủ nhiệm": the organization named
    # before in the clause, outside the person's own titles
    clause_start = max(pm.sentence.start, ctx_semicolon(reg.text, pm.sentence.start, pos.start))
    # (for a post won here, outside anyone's titles: "các nhà báo A, Giám đốc Đài PT-TH tỉnh và B giữ chức Phó Chủ
    # tịch" makes B deputy of the association, not of A's station)
    chains = [(o.chain_start, o.chain_end) for o in others] if pos.elected else [(pm.chain_start, pm.chain_end)]
    before = [m for m in mentions.between(clause_start, pos.start) if m.end <= pos.start and m.entity is not None
              and not m.plural and not any(a <= m.start < b for a, b in chains)]
    if before:
        return before[-1].entity
    if pos.elected or (main is not None and title is not None and _LEADS_A_UNIT.match(pos.title)):
        return main  # (a unit's leader named bare in the host's report: "các Phó Giám đốc A, B")
    return None


_LEADS_A_UNIT = re.compile(r"(?:Phó[ \t]+)?Giám đốc$")


def ctx_semicolon(text: str, lo: int, hi: int) -> int:
    """Start of the clause (after the last ';') that position hi is in."""
    i = text.rfind(";", lo, hi)
    return i + 1 if i >= 0 else lo


# the party committee of a place, by the place's level ("tỉnh Hà Tĩnh" -> "Tỉnh ủy Hà Tĩnh"); others are "Đảng ủy xã X"
_PARTY_COMMITTEE = {"tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy", "huyện": "Huyện ủy", "quận": "Quận ủy", "thị xã": "Thị ủy"}


def _written_org(pos: Pos, pm: PersonMention, reg: Registry, ctx: Context, main: Entity | None) -> Entity | None:
    if pos.org is not None:
        e = reg.resolve(pos.org)
        # "Bí thư Đảng ủy, Tổng Biên tập Báo X": the bare party committee is the one of the unit the next title
        # names, before any other party committee of the article
        i = pm.positions.index(pos)
        serves_next = pos.org.generic and pos.org.kind.tail == "party" and any(
            o.org is not None and not o.org.generic and o.org.kind.tail != "party" and o.org.start > pos.org.end
            for o in pm.positions[i + 1:i + 2])
        if e is not None and not serves_next:
            return e
        if pos.org.generic and pos.org.kind.tail == "party":
            # "Phó Bí thư Đảng ủy, Trưởng ban Tổ chức cán bộ Liên minh HTX": the unit the other titles serve
            owner = None
            for other in pm.positions:
                if other is not pos and other.org is not None and other.org is not pos.org:
                    oe = reg.resolve(other.org)
                    if oe is not None and pos.org.kind.kind == "Đảng ủy" and oe.locality and \
                            other.org.kind.kind in ("Hội đồng nhân dân", "Ủy ban nhân dân"):
                        # "Bí thư Đảng ủy, Chủ tịch HĐND xã": the place's party committee, not the council's
                        level, _, place = oe.locality.partition(" ")
                        committee = _PARTY_COMMITTEE.get(level)
                        return reg.add_named(f"{committee} {place}" if committee else f"Đảng ủy {oe.locality}",
                                             "Đảng ủy", oe.locality)
                    if oe is not None:
                        # the unit itself ("Hiệu trưởng Nhà trường"), or the unit a sub-body serves
                        sub = other.org.kind.tail == "party" or other.org.kind.kind in ("Ban", "Văn phòng", "Phòng")
                        owner = (oe.parent or oe) if sub else oe
                        break
            kind = pos.org.kind.kind
            if owner is None and kind.endswith("trường"):
                owner = next((x for x in reg.order if x.kind.kind.startswith("Trường") and x.mentions), None)
            if owner is None and main is not None:
                # a party or union body serves a unit, not another such body: the host's unit
                owner = main.parent if main.kind.tail == "party" and main.parent is not None else main
            if owner is not None:
                oname = owner.name
                base = GENERIC_NAMES.get(kind, kind)
                if base.endswith("trường") and oname.startswith("Trường "):
                    oname = oname[len("Trường "):]  # "Hội đồng trường Đại học X"
                e = reg.add_named(f"{base} {oname}", kind, owner.locality)
                e.parent = e.parent or owner
                return e
        return e
    if pos.implied:
        kind = lx.org_kind(pos.implied)
        if kind is not None:
            fake = Mention(pos.start, pos.end, kind, kind.kind, level=kind.level or None)
            name, locality = canonical(fake, ctx.locality)
            return reg.add_named(name, kind.kind, locality)
        return reg.add_named(pos.implied, pos.implied)
    return None


def _paper_entity(text: str, ctx: Context, reg: Registry) -> Entity | None:
    paper = ctx.newspaper
    if paper is None:
        return None
    forms = (paper.name, *paper.variants)
    for line in text.splitlines():
        t = " ".join(line.split())
        for f in forms:
            if t.casefold() == f.casefold():
                e = reg.add_named(f, "Báo")
                if t != f and t not in e.aliases:
                    e.aliases.append(t)
                return e
    return reg.add_named(paper.name, "Báo")


