"""The meeting an article reports: its name, kind, date (year from the date line or the period under review),
host and location; and the part each person took in it."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise

from orgkg.loaders import lexicon as lx
from orgkg.loaders.extract import patterns as pt
from orgkg.loaders.extract.orgs import Mention
from orgkg.loaders.extract.people import PersonMention
from orgkg.loaders.extract.text import Sentence

_NOUN = re.compile(r"(?<![\w])(Hội nghị|hội nghị|Đại hội|đại hội|Hội thảo|hội thảo|Tọa đàm|tọa đàm|Diễn đàn|Lễ|"
                   r"Phiên họp|phiên họp|Kỳ họp|kỳ họp|Hội thi|[Bb]uổi tiếp xúc cử tri|[Hh]ội nghị tiếp xúc cử tri|"
                   r"[Bb]uổi giám sát|[Bb]uổi khảo sát|[Bb]uổi làm việc)(?![\w])")
_HELD = re.compile(r"(?<![\w])(?:tổ chức|tiến hành|khai mạc|diễn ra|(?<![Kk]ỳ )(?<![Pp]hiên )(?<![Cc]uộc )họp|bế mạc|"
                   r"có buổi)(?![\w])")
# a meeting held, said right before its name ("đã tổ chức hội nghị", "tiến hành Đại hội")
_HELD_STRICT = re.compile(r"(?<![\w])(?:tổ chức|tiến hành|khai mạc|bế mạc)[ \t]*$")
_HELD_NOUN = re.compile(r"(?<![\w])(?:tổ chức|tiến hành|khai mạc|bế mạc)[ \t]+(?:[Hh]ội nghị|[Đđ]ại hội|[Hh]ội thảo|"
                        r"[Tt]ọa đàm|[Pp]hiên họp|[Kk]ỳ họp|[Ll]ễ)(?![\w])")
_SAME_DAY = re.compile(r"(?<![\w])(?:[Cc]ùng ngày|[Cc]ùng buổi|[Cc]ũng trong (?:ngày|buổi)|[Nn]gay sau (?:đó|phiên))(?![\w])")
_PLANNED = re.compile(r"(?<![\w])(?:sẽ|dự kiến|chuẩn bị|kế hoạch|tiến tới)(?![\w])")
# a meeting named as a time or an aim, not as the one held: "trước Kỳ họp thứ 7", "tiến tới Đại hội XIV"
_CITED_BEFORE = re.compile(r"(?:trước|chuẩn bị(?:[ \t]+cho)?|tiến tới|hướng tới|sau)[ \t]+$")


def _noun_in(seg: str, lo: int = 0, hi: int | None = None) -> re.Match[str] | None:
    for m in _NOUN.finditer(seg, lo, len(seg) if hi is None else hi):
        if not _CITED_BEFORE.search(seg, max(0, m.start() - 20), m.start()):
            return m
    return None
_BARE_REVIEW = re.compile(r"(?<![\w])(?:tổ chức|tiến hành)[ \t]+((?:tổng kết|sơ kết|giao ban|đại hội)[^.;\n]*)")
# "Ngày 16/1", "Chiều 24-7", "Sáng thứ Năm (12/12)", "Sáng nay (5/7)", "Trong 2 ngày 14 và 15/9" or "11 và 12-8-2022"
# (the first day)
_DAY = re.compile(
    r"(?<![\w/])(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa|[Nn]gày|[Hh]ôm nay|[Hh]ôm qua)(?![\w])[^\d\n.;]{0,22}?"
    r"(\d{1,2})(?:[ \t]*(?:(?:và|,|-|–|đến)[ \t]*\d{1,2}(?=[ \t]*/)|(?:và|đến)[ \t]*\d{1,2}(?=[ \t]*[.-][ \t]*\d)))?"
    r"[ \t]*[/.-][ \t]*(\d{1,2})"
    r"(?:[ \t]*[/.-][ \t]*(\d{4}))?(?![\d/]|\.\d)"
)
_DATED_REVIEW = re.compile(r"(?<![\w])((?:tổng kết|sơ kết|giao ban)[ \t]+(?:công tác|hoạt động|năm|nhiệm kỳ|\d)[^.;\n]*)")
_TODAY = re.compile(r"(?<![\w])(?:[Ss]áng|[Cc]hiều|[Tt]ối|[Tt]rưa)[ \t]+nay(?![\w])|(?<![\w])[Hh]ôm[ \t]+nay(?![\w])")
_DAY_WORDS = re.compile(r"(?<![\w])[Nn]gày[ \t]+(\d{1,2})[ \t]+tháng[ \t]+(\d{1,2})(?:[ \t]+năm[ \t]+(\d{4}))?")
_LOCATION = re.compile(r"(?<![\w])tại[ \t]+((?:Hội trường|hội trường|Trung tâm|trụ sở|Trụ sở|Nhà văn hóa|Khách sạn|"
                       r"phòng họp|Phòng họp|điểm cầu|Cung|Nhà|xã|phường|huyện|thị trấn|thành phố|TP\.?[ \t]?)[^,.;\n()]{0,60})")
_END_NAME = re.compile(r"[ \t]*(?:[.;]|$|\n|,[ \t]*(?:với sự|dưới sự|có sự|bầu|thông qua|biểu quyết|nhân dịp|nhân kỷ niệm)|[ \t]+(?:tại|với sự|dưới sự|do|để|nhằm)[ \t]|[ \t]+(?:đã[ \t]+)?(?:(?:long trọng|trọng thể|chính thức)[ \t]+)?(?:diễn ra|được tổ chức)(?![\w]))")
_YEAR_REVIEW = re.compile(r"(?:tổng kết|sơ kết|đánh giá)[^.;]{0,60}?năm[ \t]+(\d{4})")
_YEAR_AHEAD = re.compile(r"(?:nhiệm vụ|phương hướng|kế hoạch)[^.;]{0,40}?năm[ \t]+(\d{4})")
_TERM = re.compile(r"nhiệm kỳ[ \t]*(\d{4})[ \t]*[-–—][ \t]*(\d{4})")
_HALF = re.compile(r"6 tháng (?:đầu|cuối) năm[ \t]+(\d{4})")

# (a seminar, "tọa đàm", or a forum is the workshop kind FORMAT.md has)
KINDS = (("tổng kết", "tổng kết"), ("sơ kết", "sơ kết"), ("đại hội", "đại hội"), ("hội thảo", "hội thảo"),
         ("tọa đàm", "hội thảo"), ("diễn đàn", "hội thảo"), ("giao ban", "giao ban"),
         ("ban chấp hành", "hội nghị ban chấp hành"))


@dataclass
class Meeting:
    name: str
    kind: str
    date: str | None
    host: Mention | None
    location: str | None
    sentence: Sentence
    start: int
    end: int
    term: str | None
    cohosts: list[Mention] = field(default_factory=list)  # "X phối hợp với Y tổ chức": Y co-organises


def _kind(name: str) -> str:
    low = name.casefold()
    for key, kind in KINDS:
        if key in low:
            return kind
    return "hội nghị"


_SCHOOL_YEAR = re.compile(r"(?:(tổng kết|sơ kết)[^.;\n]{0,30}?)?năm[ \t]+học[ \t]+(\d{4})[ \t]*[-–][ \t]*(\d{4})",
                          re.IGNORECASE)


def _year_for(day: int, month: int, name: str, published: str | None, text: str) -> int | None:
    """The meeting's year: the date line's (a month after it means the year before), else the period under review
    ("tổng kết năm 2022" held in January is 2023), the term opened ("nhiệm kỳ 2022-2025"), a half-year reviewed."""
    if published:
        py, pm = int(published[:4]), int(published[5:7])
        return py - 1 if month > pm + 1 else py
    for src in (name, text):
        m = _SCHOOL_YEAR.search(src)
        if m:  # a school year runs from September to May: its review falls in its second year
            first, second = int(m.group(2)), int(m.group(3))
            return second if m.group(1) or month < 8 else first
        m = _YEAR_REVIEW.search(src)
        if m:
            y = int(m.group(1))
            return y + 1 if month <= 6 and "6 tháng" not in src[m.start():m.end()] else y
        m = _HALF.search(src)
        if m:
            return int(m.group(1))
        m = _YEAR_AHEAD.search(src)
        if m:
            y = int(m.group(1))
            return y - 1 if month >= 10 else y
        m = _TERM.search(src)
        if m:
            return int(m.group(1))
    # failing all that, the year the report speaks of most ("đến cuối năm 2024", "năm 2024")
    years = [int(y) for y in re.findall(r"(?<![\w/-])năm[ \t]+(\d{4})(?![\d-])", text)]
    if years:
        return max(set(years), key=lambda y: (years.count(y), y))
    return None


def find_meeting(text: str, sentences: list[Sentence], body_start_para: int, chrome: set[int],
                 org_mentions: list[Mention], published: str | None) -> Meeting | None:
    """The first meeting the body reports as held."""
    return next(_meetings(text, sentences, body_start_para, chrome, org_mentions, published), None)


def other_meetings(text: str, sentences: list[Sentence], body_start_para: int, chrome: set[int],
                   org_mentions: list[Mention], published: str | None, first: Meeting) -> list[Meeting]:
    """Further meetings the body reports as held, each told with its own date and organiser ("Trước đó, ngày 10.1,
    Đảng đoàn Hội Nông dân tỉnh đã tổ chức hội nghị ..."); none planned, none without both."""
    out: list[Meeting] = []
    # (only sentences that hold a meeting by name are read again: this runs on every article)
    later = [s for s in sentences if s.start > first.sentence.start and _HELD_NOUN.search(text, s.start, s.end)]
    for m in _meetings(text, later, body_start_para, chrome, org_mentions, published):
        if m.date is None and _SAME_DAY.search(text, m.sentence.start, m.start):
            m.date = first.date  # "Cùng ngày, Ban Thường vụ ... tổ chức hội nghị ..."
        if m.sentence.start <= first.sentence.start or m.date is None or m.host is None:
            continue
        seg = text[m.sentence.start:m.start]
        if not _HELD_STRICT.search(seg) or _PLANNED.search(text, m.sentence.start, m.sentence.end):
            continue
        out.append(m)
    return out


_VOTERS_MET = re.compile(r"(?<![\w])tiếp xúc cử tri(?![\w])")


def _meetings(text: str, sentences: list[Sentence], body_start_para: int, chrome: set[int],
              org_mentions: list[Mention], published: str | None) -> Iterator[Meeting]:
    """Every meeting the body reports, in order, the way the first is read."""
    body = [s for s in sentences if s.para >= body_start_para and s.para not in chrome]
    noun_used = None
    for s in body:
        nm = _noun_in(text, s.start, s.end)
        if nm and nm.group(1)[0].isupper():
            noun_used = nm.group(1)
            break
    for s in body:
        seg = text[s.start:s.end]
        held = _HELD.search(seg)
        nm = _noun_in(seg)
        if held and nm and nm.start() < held.start():
            # "Thực hiện kết luận tại Hội nghị tổng kết năm 2023 ..., ngày 5/7, Sở tổ chức hội nghị sơ kết ...":
            # the meeting held is the one the verb governs, not one cited before it
            after = _noun_in(seg, held.end(), held.end() + 20)
            if after and re.fullmatch(r"[ \t]*(?:thành công[ \t]+)?", seg[held.end():after.start()]):
                nm = after
        bare = _BARE_REVIEW.search(seg)
        if bare is None and _DAY.search(seg[:40]):
            # "Ngày 16/1, Liên minh HTX Việt Nam tổng kết công tác năm 2022": a review held, told without a noun
            bare = _DATED_REVIEW.search(seg)
        # "Đoàn ĐBQH tỉnh tiếp xúc cử tri huyện X": a voters' meeting told by its verb
        voters = _VOTERS_MET.search(seg) if nm is None and _DAY.search(seg) else None
        if not held and not (nm and _DAY.search(seg)) and not (bare and _DAY.search(seg)) and not voters:
            continue
        if nm and (not bare or nm.start() <= bare.start(1)):
            if nm.group(1) in ("Lễ", "Hội thi") and not held:
                continue
            name_start = s.start + nm.start()
            prefix = ""
        elif bare:
            name_start = s.start + bare.start(1)
            prefix = (noun_used or "Hội nghị").capitalize() + " " if not bare.group(1).startswith("đại hội") else ""
        elif voters:
            name_start, prefix = s.start + voters.start(), "Buổi "
        else:
            continue
        em = _END_NAME.search(text, name_start + 3, s.end + 1)
        name_end = em.start() if em else s.end
        name = prefix + " ".join(text[name_start:name_end].split())
        name = name[:1].upper() + name[1:]
        dm = _DAY.search(text, s.start, s.end) or _DAY_WORDS.search(text, s.start, s.end)
        date = None
        if dm:
            d, mo = int(dm.group(1)), int(dm.group(2))
            y = int(dm.group(3)) if dm.group(3) else _year_for(d, mo, name, published, text)
            if y and 1 <= d <= 31 and 1 <= mo <= 12:
                date = f"{y:04d}-{mo:02d}-{d:02d}"
        elif published and len(published) == 10 and _TODAY.search(text, s.start, s.end):
            date = published  # "Chiều nay, Sở … tổ chức …": the day the report was dated
        host = _host(text, s, name_start, org_mentions)
        lm = _LOCATION.search(text, s.start, s.end) or _city_location_re().search(text, s.start, s.end)
        tm = _TERM.search(name)
        term = f"{tm.group(1)}-{tm.group(2)}" if tm else None
        cohosts = []
        if host is not None:
            # "X phối hợp với Y (và Z) tổ chức ...": the partners between the host and the meeting co-organise it
            for m in org_mentions:
                if host.end <= m.start < name_start and not m.plural and re.search(
                        r"(?:phối hợp với|phối hợp cùng|cùng với|cùng|với|và|,)[ \t]*$",
                        text[max(host.end, m.start - 20):m.start]) and \
                        re.search(r"phối hợp|cùng", text[host.end:m.start]):
                    cohosts.append(m)
        yield Meeting(name, _kind(name), date, host, lm.group(1).strip() if lm else None, s, name_start,
                      name_end, term, cohosts)


@cache
def _city_location_re() -> re.Pattern[str]:
    """ "tại Cần Thơ," / "tại TP Hồ Chí Minh": a province or city named alone as the place."""
    return re.compile(rf"(?<![\w])tại[ \t]+((?:(?:tỉnh|thành phố|TP\.?)[ \t]+)?(?:{pt.province_alt()}))(?![\w])")


_IN_MEETING_NAME = re.compile(r"(?<![\w])(?:[Đđ]ại hội(?:[ \t]+đại biểu)?|[Hh]ội nghị)[ \t]+$")


def _host(text: str, s: Sentence, name_start: int, mentions: list[Mention]) -> Mention | None:
    """X in "X tổ chức ...", "X phối hợp với Y tổ chức ...", "... do X tổ chức"."""
    # organizations inside the place phrase ("tại Hội trường Tỉnh ủy, ...") are where, not who
    places = [(s.start + x.start(), s.start + x.end()) for x in
              re.finditer(r"(?<![\w])tại[ \t]+[^,.;]*", text[s.start:s.end])]
    inside = [m for m in mentions if s.start <= m.start < s.end and not m.plural
              and not any(a <= m.start < b for a, b in places)]
    do = re.search(r"(?<![\w])do[ \t]+", text[name_start:s.end])
    if do:
        after = [m for m in inside if m.start >= name_start + do.end()]
        if after:
            return after[0]
    # (one named inside another meeting's name, "Hướng tới Đại hội Đảng bộ tỉnh, ...", hosts that one)
    before = [m for m in inside if m.end <= name_start and not _IN_MEETING_NAME.search(text, s.start, m.start)]
    if before:
        # the subject is the first organization of the clause, not a partner after "phối hợp với"
        for m in before:
            if not re.search(r"(?:phối hợp với|cùng với|với)[ \t]*$", text[max(s.start, m.start - 20):m.start]):
                return m
        return before[0]
    return inside[0] if inside else None


# A role phrase followed by one of these words is another word ("dự án", "dự thảo", "trao đổi", "nói chung").
_NOT_AFTER = {"dự": {"án", "thảo", "báo", "kiến", "toán", "trữ", "phòng", "thi", "định", "bị", "đoán", "khuyết", "luật"},
              "nói": {"chung", "riêng", "về"}, "trao": {"đổi"}}
_WORDS = re.compile(r"[^\W_]+")


def roles_in(text: str) -> set[str]:
    """Participation roles stated by the phrases of a clause; a longer phrase hides the shorter ones inside it
    ("trình bày tham luận" is a speech, not a report)."""
    table = _role_table()
    firsts = _role_firsts()
    words = _WORDS.findall(text.casefold())
    found: set[str] = set()
    i = 0
    while i < len(words):
        if words[i] not in firsts:
            i += 1
            continue
        for n in (4, 3, 2, 1):
            phrase = " ".join(words[i:i + n])
            role = table.get(phrase) if i + n <= len(words) else None
            if role and not (n == 1 and i + 1 < len(words) and words[i + 1] in _NOT_AFTER.get(phrase, ())):
                found.add(role)
                i += n
                break
        else:
            i += 1
    return found


_ROLE_TABLE: dict[str, str] = {}
_ROLE_FIRSTS: set[str] = set()


def _role_firsts() -> set[str]:
    if not _ROLE_FIRSTS:
        _ROLE_FIRSTS.update(p.split()[0] for p in _role_table())
    return _ROLE_FIRSTS


def _role_table() -> dict[str, str]:
    if not _ROLE_TABLE:
        _ROLE_TABLE.update({phrase.casefold(): role for phrase, role in lx.roles()})
    return _ROLE_TABLE


_MEETING_WORDS = re.compile(r"(?<![\w])(?:hội nghị|đại hội|hội thảo|tọa đàm|phiên họp|kỳ họp|dự|tham dự|chủ trì)(?![\w])",
                            re.IGNORECASE)


_GIFTS = re.compile(r"(?<![\w])(?:trao|tặng|chúc mừng)(?![\w])")
_FRAME_END = re.compile(r"(?:,|có|:|của|do|cho)[ \t]*$")  # ("... trao Huy hiệu cho đồng chí X": X is there)
_REMOTE = re.compile(r"(?:điểm cầu|hội trường|phía)[^.;]*\bcó[ \t:]*$", re.IGNORECASE)
_ASKING = re.compile(r"(?<![\w])(?:đề nghị|yêu cầu|giao cho|giao)(?![\w])")
_JOINED = re.compile(r"[ \t]*(?:,|;|và)?[ \t]*")  # "Cùng chủ trì có các đồng chí: A, ...; B, ..."
# (a place in parentheses after a name may come between: "già làng Y Kô Byă (buôn Kô Siêr) và bà B, … tham luận")
_COORDINATED = re.compile(r"[ \t]*(?:\([^()\n]{1,60}\)[ \t]*)?(?:,|và)?[ \t]*(?:các|cùng)?[ \t]*")
_QUOTE_BEFORE = re.compile(r"[”\"][ \t]*[-–—]?[ \t]*$")
_LIST_INTRO = re.compile(r"(?<![\w])gồm(?:[ \t]+có)?(?:[ \t]+các[ \t]+(?:đồng chí|ông, bà|ông|bà))?[ \t]*:?[ \t]*$")
_LIST_GAP = re.compile(r"[ \t]*[;,][ \t]*(?:và[ \t]+)?|[ \t]+và[ \t]+")
_WEAK_SPEECH = re.compile(r"(?<![\w])(?:cho biết|chia sẻ|nói)(?![\w])", re.IGNORECASE)


ABSENT = "absent"  # roles.tsv's mark for phrases that say a person was not there


def participation(text: str, people: list[PersonMention]) -> dict[str, set[str]]:
    """Roles per person name: what the clause after (or the leading phrase before) each mention says they did.
    Any role entails attended; "cho biết" by the person who presented the report is the report, not a speech."""
    out: dict[str, set[str]] = {}
    strong_speech: dict[str, bool] = {}
    by_sent: dict[int, list[PersonMention]] = {}
    for p in people:
        by_sent.setdefault(p.sentence.start, []).append(p)
    for plist in by_sent.values():
        sent = plist[0].sentence
        stext = text[sent.start:sent.end]
        attend_all = "attended" in roles_in(_GIFTS.sub("", stext))  # (a clause saying "absent" opts its person out)
        frame = text[sent.start:plist[0].chain_start]
        frame_roles = roles_in(frame) if _FRAME_END.search(frame) else set()
        if _REMOTE.search(frame):
            frame_roles.add("attended")  # "Tại điểm cầu thị xã X có đồng chí A, ..."
        # "Theo Giám đốc Sở X, ...": what the person told the meeting; weak, like "cho biết" (the reporter's words
        # are the report)
        told = bool(re.fullmatch(r"\s*Theo[ \t]+", frame))
        for i, p in enumerate(plist):
            nxt = plist[i + 1].chain_start if i + 1 < len(plist) else sent.end
            clause = text[p.chain_end:max(p.chain_end, nxt)].split(";")[0]
            # what follows "đề nghị/yêu cầu/giao X" is what X is to do, not what the speaker did
            ask = _ASKING.search(clause)
            if ask:
                clause = clause[:ask.end()]
            r = roles_in(clause)
            if ABSENT in r:  # "Đồng chí X vắng mặt", "X gửi lẵng hoa chúc mừng": not at the meeting
                continue
            strong = "spoke" in roles_in(_WEAK_SPEECH.sub("", clause))
            if i > 0 and _REMOTE.search(text[plist[i - 1].chain_end:p.chain_start]):
                r.add("attended")  # "...; tại điểm cầu huyện Y có bà B, ...": each remote site its own frame
            if i == 0 or _JOINED.fullmatch(text[plist[i - 1].chain_end:p.chain_start]):
                r |= frame_roles
                strong = strong or "spoke" in frame_roles
                if told:
                    r.add("spoke")
            r.discard("elected")
            if any(ps.elected for ps in p.positions):
                r.add("elected")
            # a quoted statement attributed to the person: “...” - TS X cho biết
            if _QUOTE_BEFORE.search(text[max(sent.start, p.chain_start - 8):p.chain_start]):
                r.add("spoke")
                strong = True
            if attend_all or r or _MEETING_WORDS.search(clause):
                r.add("attended")
            out.setdefault(p.name, set()).update(r)
            strong_speech[p.name] = strong_speech.get(p.name, False) or strong
            # "A và B đồng chủ trì": the verb after the last of coordinated people is said of each of them
            j = i
            while j > 0 and _COORDINATED.fullmatch(text[plist[j - 1].chain_end:plist[j].chain_start]):
                j -= 1
                out.setdefault(plist[j].name, set()).update(r - {"elected"})
                if strong:
                    strong_speech[plist[j].name] = True
        # "Đoàn Chủ tịch gồm các đồng chí: A, Title; B, Title; C, Title điều hành đại hội": the verb after the last
        # of a list introduced by "gồm" is said of each of them
        if len(plist) > 1 and _LIST_INTRO.search(frame) and all(
                _LIST_GAP.fullmatch(text[a.chain_end:b.chain_start]) for a, b in pairwise(plist)):
            last = out.get(plist[-1].name, set()) - {"elected"}
            for p in plist[:-1]:
                out.setdefault(p.name, set()).update(last)
    for name, roles in out.items():
        if "reported" in roles and "spoke" in roles and not strong_speech.get(name):
            roles.discard("spoke")
    return out
