"""People named in an article with the honorifics and titles the text gives them, before or after the name:
"Phó Chủ tịch UBND tỉnh Nông Quang Nhất", "TS Lê Tuấn An, Viện trưởng Viện KHCN&MT", "các đồng chí: A, B"."""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field

from orgkg.loaders import lexicon as lx
from orgkg.loaders.extract import patterns as pt
from orgkg.loaders.extract.orgs import Mention, lower_reference, parse_at
from orgkg.loaders.extract.text import Sentence

_SPACES = re.compile(r"[ \t\u00a0]*")
_SEP = re.compile(r"[ \t\u00a0]*(?:,|;)?[ \t\u00a0]*(?:kiêm[ \t]+)?")
_TERM = re.compile(r"[ \t,]*(?:\(?[ \t]*khóa[ \t]+[IVXLC]+\)?[ \t,]*)?(?:\(?\s*nhiệm kỳ|NK|giai đoạn)\s*(\d{4})\s*[-–—]\s*"
                   r"(\d{4})\)?")
# a later sentence about the last person named: "Ông từng giữ chức Phó Giám đốc Sở X giai đoạn 2019-2025"
_PRONOUN_POST = re.compile(r"(?<![\w])(?:[Ôô]ng|[Bb]à|[Đđ]ồng chí)[ \t]+(?:đã[ \t]+|hiện[ \t]+|đang[ \t]+)*(?:từng[ \t]+)?"
                           r"(?:giữ chức(?:[ \t]+vụ)?|là|làm|đảm nhiệm)[ \t]+(?=[A-ZĐ])")
# "ông Giang", "bà Oanh": a form of address and a single given name, after the full name was written
_GIVEN_REF = re.compile(r"(?<![\w])((?:[Ôô]ng|[Bb]à|[Đđ]ồng chí)[ \t]+)(\w+)(?![\w'’&])(?:[ \t]+(\w))?")
_APPOINT_SENTENCE = re.compile(r"\b(?:bổ nhiệm|điều động|phân công|giao|chỉ định|giữ chức)\b", re.IGNORECASE)
_ELECT = re.compile(
    r"[ \t,]*(?:\((?:tái[ \t]+cử|tái[ \t]+đắc[ \t]+cử|bầu[ \t]+mới)\)[ \t]*)?(?:(?:được[ \t]+)?(?:tín[ \t]+nhiệm[ \t]+)?(?:tiếp[ \t]+tục[ \t]+được[ \t]+(?:tín[ \t]+nhiệm[ \t]+)?bầu|bầu[ \t]+(?:tái[ \t]+cử|lại)|bầu[ \t]+bổ[ \t]+sung|tái[ \t]+đắc[ \t]+cử|đắc[ \t]+cử|"
    r"tái[ \t]+cử|trúng[ \t]+cử|bầu|tiếp[ \t]+tục|(?:hiệp[ \t]+thương[ \t]+)?cử(?:[ \t]+bổ[ \t]+sung)?)[ \t]*)?"
    r"(?:(?:giữ|vào)[ \t]+(?:chức(?:[ \t]+vụ)?|vị[ \t]+trí)|làm|là|chức)?[ \t]+(?=\S)"
)
_PREV_WORD = re.compile(r"(\S+)[ \t]+$")
# an honorific said of everyone listed after it: "các đồng chí: ...", "các ông ..."
_PLURAL_HONORIFIC = re.compile(r"(?<![\w])(?:[Cc]ác|[Nn]hững)[ \t]+(đồng chí|đ/c|ông|bà|nhà báo|luật sư|bác sĩ)(?![\w])")
_ELECTION_SENTENCE = re.compile(r"\b(?:bầu|tái cử|trúng cử|đắc cử|tiếp tục giữ chức|bầu bổ sung|hiệp thương|cử bổ sung|"
                                r"được cử)\b", re.IGNORECASE)
# joining a body: "bầu bổ sung đồng chí X vào Ban Thường vụ Đảng ủy Trường" -> Ủy viên Ban Thường vụ of the Đảng ủy
_JOIN_BODY = re.compile(r"[ \t,]*(?:được[ \t]+)?(?:(?:bầu|cử|hiệp thương cử)[ \t]+(?:bổ[ \t]+sung[ \t]+)?)?vào[ \t]+"
                        r"(Ban Thường vụ|Ban thường vụ|BTV|Ban Chấp hành|Ban chấp hành|BCH|Ban Kiểm tra|Ủy ban Kiểm tra|"
                        r"Ủy ban|Đoàn Chủ tịch)[ \t]+")
# a body elected with its members named: "bầu HĐQT nhiệm kỳ 2025-2030 gồm 5 thành viên: ông A, bà B và ông C"
_MEMBER_LIST = re.compile(r"(?<![\w])bầu[ \t]+(?:bổ[ \t]+sung[ \t]+)?("
                          + "|".join(map(re.escape, lx.name_words()["member_list_bodies"])) +
                          r")(?![\w])([^.:;]{0,80}?)[ \t]+gồm[ \t]+(?:\d{1,3}|[a-zà-ỹ]+)[ \t]+"
                          r"(?:thành viên|đồng chí|ủy viên|người)[ \t]*:")
_AND_THEN_POST = re.compile(r"và[ \t]+(?:được[ \t]+)?(?:bầu[ \t]+)?(?:giữ[ \t]+chức(?:[ \t]+vụ)?|làm)[ \t]+(?=[A-ZĐ])")
# middle syllables of personal names: a run after "huyện"/"xã" is a person when it has one ("huyện Lâm Thị Bé Ba")
_MIDDLE = frozenset(lx.name_words()["middle_syllables"])
_NOT_BEFORE_NAME = re.compile(
    r"(?<![\w])(?:đường|(?<!thành )(?<!Thành )phố|Trường|(?<![Mm]ôi )trường|tư tưởng|Bác|Lăng|lăng|Quảng trường|giải|Giải thưởng|Giải|xã|huyện|phường|thôn|"
    r"bản|buôn|Buôn|plei|Plei|quận|Hội thi|Cúp|Khu|khu|ấp|(?<![Gg]ià )làng|cầu|Cầu|sông|núi|Đền|đền|chùa|Chùa|di tích|THPT|THCS|"
    r"Tiểu học|Mầm non|mang tên|Đoàn TNCS|Thanh niên Cộng sản|Tư tưởng)[ \t]*$"
)


@dataclass
class Pos:
    title: str
    org: Mention | None
    implied: str  # organization kind implied by the title when no org is written ("Tỉnh ủy")
    term: str | None
    start: int
    end: int
    elected: bool = False
    media: bool = False


@dataclass
class PersonMention:
    start: int
    end: int
    name: str
    sentence: Sentence
    honorifics: list[lx.Honorific] = field(default_factory=list)
    positions: list[Pos] = field(default_factory=list)
    chain_start: int = 0
    chain_end: int = 0
    has_pre: bool = False
    has_post: bool = False
    # named only by a reference to someone named earlier: a title they were given ("Phó Chủ tịch UBND tỉnh nhấn
    # mạnh") or a form of address with their given name ("bà Oanh cho biết")
    by_title: bool = False


def _opens_title_or_org(ft: str, pos: int) -> bool:
    tm = pt.title_re().match(ft, pos) if pt.may_start(ft, pos, pt.title_first_words()) else None
    if tm and not re.match(r"[ \t]*(?:[,;:.)]|$)", ft[tm.end():tm.end() + 2]):
        return True  # (a title word that ends the clause, "Trịnh Xuân Trưởng, Bí thư …", is the name's last syllable)
    if tm:
        return False
    if not pt.may_start(ft, pos, pt.head_first_words()) or not pt.head_re().match(ft, pos):
        return False
    m = parse_at(ft, pos, depth=3)
    return m is not None and not m.generic


def _near(spans: list[tuple[int, int]], start: int, end: int) -> list[tuple[int, int]]:
    """The spans (sorted by start) that overlap [start, end): organization names cover no more than 300 characters."""
    i = bisect.bisect_left(spans, (start - 300, 0))
    out = []
    while i < len(spans) and spans[i][0] < end:
        if spans[i][1] > start:
            out.append(spans[i])
        i += 1
    return out


_ONE_SPACE = (" ", "\u00a0")


def _in_spans(spans: list[tuple[int, int]], pos: int) -> bool:
    return any(a <= pos < b for a, b in spans)


# a foreign dignitary addressed as "ngài", whose name may carry Vietnamese letters: "ngài Bun Thoong Phôm Ma Chăn, …"
_EXCELLENCY_NAME = re.compile(r"(?<=[Nn]gài )[A-ZĐ][^\W\d_]+(?:[ -][A-ZĐ][^\W\d_]+){1,5}(?=,[ \t]*\S|[ \t]*\()")
_FOREIGN_NAME = re.compile(r"(?:(?<=[Ôô]ng )|(?<=[Bb]à )|(?<=[Nn]gài ))[A-Z][a-z]+(?:[ -][A-Z][a-z]+){1,3}(?=,[ \t]*\S|[ \t]*\()")


def find_names(ft: str, start: int, end: int, blocked: list[tuple[int, int]] | None = None) -> list[tuple[int, int]]:
    """Spans of Vietnamese personal names: 2-4 capitalised syllables opening with a known surname (up to 5 for
    Ê Đê/Jrai/K'Ho names opening with "Y", "H'", "K", "Ksor", ...). Words inside organization names (blocked) and
    words that open a title ("Đoàn Chủ tịch") are not names."""
    out: list[tuple[int, int]] = []
    blocked = _near(blocked or [], start, end)
    pos = start
    for cand in pt.name_start_re().finditer(ft, start, end):
        s = cand.start()
        if s < pos or (blocked and _in_spans(blocked, s)):
            continue
        words = _words_from(ft, s, end, 6)
        if not words:
            continue
        tok = words[0][0]
        before = _PREV_WORD.search(ft, max(start, s - 12), s)
        if before and f"{before.group(1)} {tok}" in pt.place_names_folded():
            continue  # "Thuế tỉnh Bắc Ninh Nguyễn Văn Phong": "Ninh" ends the province, the name starts after it
        if "'" in tok or "’" in tok:
            # K'Ho/Ê Đê names written as one word: "K'Brôl", "H'Hen"
            j = 1
            while j < len(words) and j < 3 and pt.is_name_syllable(words[j][0]):
                j += 1
            out.append((s, words[j - 1][2]))
            pos = words[j - 1][2]
            continue
        if not (pt.is_name_syllable(tok) or tok in ("Ksor", "Siu", "Nay")):
            continue
        limit = 5 if tok in ("Y", "H", "K", "A", "Ksor", "Siu", "Nay", "Rơ") else 4
        if tok == "Tôn" and len(words) > 1 and words[1][0] in ("Nữ", "Thất"):
            # the royal family's surnames: "Tôn Nữ Thị Thu Hà", "Tôn Thất Hùng", "Công Tôn Nữ Diệu Hiền"
            limit = 6
            royal = re.search(r"Công(?:[ \t]+Huyền)?[ \t]+$", ft[max(start, s - 12):s])
            if royal:
                s = s - len(royal.group(0))
                words = _words_from(ft, s, end, 7)
                limit += len(royal.group(0).split())
        j = 1
        # (after an Ê Đê/Jrai/Ba Na marker the next word is the name's, whatever else it may open: "Y Khoa Ktla")
        marker = tok in ("Y", "H", "A", "K", "Ksor", "Siu", "Nay", "Rơ")
        while j < len(words) and j < limit and pt.is_name_syllable(words[j][0]) and \
                not (_opens_title_or_org(ft, words[j][1]) and not (marker and j == 1)) and \
                not (blocked and _in_spans(blocked, words[j][1])):
            j += 1
        if j < 2 or (tok == "A" and len(words[1][0]) < 2):
            continue  # (Ba Na's "A Vương" is a name; a font bar's "A- A A+" is not)
        e = words[j - 1][2]
        name = ft[s:e]
        sylls = name.split()
        if j > 2 and " ".join(sylls[:2]) in lx.district_names_folded() and sylls[2] in pt.surname_set():
            pos = words[1][2]  # "HTX Nông nghiệp Lê Chân Nguyễn Văn An": a district, then the person
            continue
        place = any(" ".join(sylls[:k]) in pt.place_names_folded() for k in range(2, len(sylls) + 1)) or \
            name in lx.district_names_folded()
        placed = _NOT_BEFORE_NAME.search(ft[max(0, s - 20):s]) and not (
            len(sylls) >= 3 and sylls[1] in _MIDDLE and not re.search(r"(?:đường|phố|Trường|trường)[ \t]*$",
                                                                      ft[max(0, s - 20):s]))
        # (a hero's name is a school's or a street's, unless someone is addressed by it: "ông Lê Hồng Phong")
        famous = name in lx.famous_names() and not _ADDRESSED.search(ft, max(0, s - 12), s)
        if not place and not famous and not placed:
            out.append((s, e))
        pos = e
    # a foreign guest, addressed and followed by a title: "ông Choi Joo Ho, Tổng Giám đốc …"
    for m in _FOREIGN_NAME.finditer(ft, start, end):
        if not any(a < m.end() and m.start() < b for a, b in out) and not (blocked and _in_spans(blocked, m.start())):
            out.append(m.span())
    for m in _EXCELLENCY_NAME.finditer(ft, start, end):
        if not (blocked and _in_spans(blocked, m.start())):
            # the whole name after "ngài", over any Vietnamese-looking part of it ("… Phôm Ma Chăn")
            out = [(a, b) for a, b in out if not (m.start() <= a and b <= m.end())]
            if not any(a < m.end() and m.start() < b for a, b in out):
                out.append(m.span())
    return sorted(out)


_ADDRESSED = re.compile(r"(?<![\w])(?:[Ôô]ng|[Bb]à|[Đđ]ồng chí|đ/c)[ \t]+$")


def _words_from(ft: str, p: int, end: int, n: int) -> list[tuple[str, int, int]]:
    """Up to n words from p, each separated from the one before by a single space."""
    out: list[tuple[str, int, int]] = []
    while len(out) < n and p < end:
        m = pt.WORD.match(ft, p, end)
        if not m:
            break
        out.append((m.group(0), m.start(), m.end()))
        p = m.end()
        if ft[p:p + 1] not in _ONE_SPACE:
            break
        p += 1
    return out


def _title_at(ft: str, p: int, elected_ok: bool = False) -> tuple[lx.Title, re.Match[str]] | None:
    if not pt.may_start(ft, p, pt.title_first_words()):
        return None
    m = pt.title_re().match(ft, p)
    if not m:
        return None
    if not ft[p].isupper() and not elected_ok:
        return None
    t = lx.title_forms().get(" ".join(m.group(0).split()).casefold())
    return (t, m) if t else None


_MEETING_ROLE = re.compile(
    r"[ \t]*(?:(?:[Bb]an[ \t]+)?(?:[Tt]ổ chức|[Gg]iám khảo|[Cc]hỉ đạo)[ \t]+|đoàn[ \t]+)?"
    r"(?:hội nghị|hội thảo|đại hội|cuộc thi|hội thi|giải|lễ|chương trình|diễn đàn|tọa đàm)(?![\w])")
_IN_CHARGE = re.compile(r"[ \t]+(?:phụ trách|kiêm nhiệm|kiêm)(?=[ \t]+[A-ZĐ])")


def parse_chain(ft: str, p: int, limit: int, elected_ok: bool = False) -> tuple[list[Pos], int]:
    """Titles with their organizations from p: "Phó Bí thư Đảng ủy, Trưởng ban Tổ chức cán bộ Liên minh HTX
    Việt Nam", "TUV, Phó Chủ tịch UBND tỉnh". Returns the positions and where the chain ends."""
    out: list[Pos] = []
    end = p
    after_former = False  # the title after a former post may be in lower case: "nguyên Giám đốc X, thành viên Hội đồng"
    while True:
        sp = _SPACES.match(ft, p)
        q = sp.end()
        former = re.match(r"(?:nguyên|Nguyên|từng là)[ \t]+", ft[q:q + 12])
        if former:  # "nguyên Phó Hiệu trưởng Trường X": a former post without a term is not kept, the chain goes on
            q += former.end()
        hit = _title_at(ft, q, elected_ok or after_former)
        if hit is None or q >= limit:
            break
        title, m = hit
        e = m.end()
        org = None
        head = title.org_head
        written = m.group(0)
        at = e - len(head) if head and written.casefold().endswith(head.casefold()) else e
        if _MEETING_ROLE.match(ft, at):
            # "Trưởng Ban Tổ chức hội thảo", "Thư ký hội nghị": a part in the meeting, not a post
            mr = _MEETING_ROLE.match(ft, at)
            end = p = mr.end()
            sep = _SEP.match(ft, p)
            if sep.end() > p and ft[p:sep.end()].strip() in (",", "kiêm", ", kiêm") and \
                    _title_at(ft, _SPACES.match(ft, sep.end()).end(), elected_ok):
                p = sep.end()
                continue
            break
        ic = _IN_CHARGE.match(ft, e)
        if ic:
            e = ic.end()
        sp2 = _SPACES.match(ft, e)
        if sp2.end() > e:
            org = parse_at(ft, sp2.end())
        if org is not None and head and written.casefold().endswith(head.casefold()) and \
                head not in lx.COMPANY_ORGANS and not org.kind.kind.casefold().startswith(head.casefold()):
            # "Trưởng Ban Thanh tra nhân dân", "Chánh Văn phòng Đảng ủy X": read from the title's head noun, the
            # name runs as far as the words after the title alone, or further ("Thanh tra", another body; the
            # Đảng ủy the office serves): the body is the head's ("Trưởng khoa Khoa X" names it itself)
            whole = parse_at(ft, e - len(head), force=True)
            if whole is not None and whole.end >= org.end:
                org = whole
        if org is None and head and written.casefold().endswith(head.casefold()) and head not in lx.COMPANY_ORGANS:
            org = parse_at(ft, e - len(head), force=True)  # (a company's organ named bare is the company's: below)
        if org is None and sp2.end() > e:
            org = lower_reference(ft, sp2.end())
        if org is not None and org.end <= limit + 200:
            e = max(e, org.end)
        term = None
        tm = _TERM.match(ft, e)
        if tm:
            term, e = f"{tm.group(1)}-{tm.group(2)}", tm.end()
            if org is not None and org.paren_parent is None:
                pass
        if org is not None and org.paren_parent is not None:
            pm = re.match(r"[ \t]*\([^()]*\)", ft[e:])
            if pm:
                e += pm.end()
        if not former or term:
            out.append(Pos(title.title, org, title.implied, term, q, e, media=title.media))
        end = e
        sep = _SEP.match(ft, e)
        nxt = _SPACES.match(ft, sep.end()).end()
        after_former = bool(former) and not term
        if sep.end() > e and _title_at(ft, nxt, elected_ok or after_former) and \
                ft[e:sep.end()].strip() in (",", "", "kiêm", ", kiêm"):
            p = sep.end()
            continue
        break
    return out, end


def _honorifics_before(ft: str, s: int, floor: int) -> tuple[list[lx.Honorific], int]:
    """Honorifics written just before position s ("các đồng chí", "PGS. TS.", "Đại tá, TS")."""
    seg_start = max(floor, s - 40)
    m = pt.honorific_re().search(ft[seg_start:s].rstrip())
    if not m:
        return [], s
    run = m.group(1)
    combined = lx.normalise_honorific(run)
    if combined:
        return [combined], seg_start + m.start(1)
    found = [h for h in (lx.normalise_honorific(x.group(0)) for x in pt.honorific_one_re().finditer(run)) if h]
    return found, seg_start + m.start(1)


def read_people(ft: str, sentences: list[Sentence], chrome_paras: set[int],
                blocked: list[tuple[int, int]] | None = None) -> list[PersonMention]:
    """Every person mention in the report (page chrome excluded), with titles from around the name."""
    out: list[PersonMention] = []
    known: dict[tuple[str, str], set[str]] = {}  # (title, organization as written) -> people given it so far
    known_titles: set[str] = set()
    names_seen: dict[str, PersonMention] = {}
    for sent in sentences:
        if sent.para in chrome_paras:
            continue
        names = find_names(ft, sent.start, sent.end, blocked)
        if not names and out:
            pr = _PRONOUN_POST.search(ft, sent.start, sent.end)
            if pr:
                chain, cend = parse_chain(ft, pr.end(), sent.end)
                if chain:
                    last = out[-1]
                    pm = PersonMention(last.start, last.end, last.name, sent, list(last.honorifics), chain,
                                       pr.start(), cend)
                    out.append(pm)
                    continue
        prev_end = sent.start
        sent_people: list[PersonMention] = []
        tstarts = _title_starts(ft, sent.start, sent.end)
        election = bool(names) and bool(_ELECTION_SENTENCE.search(ft, sent.start, sent.end))
        plural = _PLURAL_HONORIFIC.search(ft, sent.start, sent.end) if names else None
        appointment = bool(names) and bool(_APPOINT_SENTENCE.search(ft, sent.start, sent.end))
        members = _MEMBER_LIST.search(ft, sent.start, sent.end) if election else None
        for s, e in names:
            pm = PersonMention(s, e, ft[s:e], sent, chain_start=s, chain_end=e)
            # titles before the name
            floor = prev_end
            seg = ft[floor:s]
            cut = max(seg.rfind(";"), seg.rfind("("), seg.rfind("“"), seg.rfind("\""))
            if cut >= 0:
                floor += cut + 1
            hons, hstart = _honorifics_before(ft, s, floor)
            if hons and any(a <= hstart < b for a, b in _near(blocked or [], hstart, hstart + 1)):
                hons, hstart = [], s  # letters of an organization's name ("Bộ KH&CN"), not an honorific
            pre_end = hstart if hons else s
            pre = ft[floor:pre_end]
            best = None
            for ts in (t for t in tstarts if floor <= t < pre_end):
                if any(a < ts < b for a, b in blocked or []) or \
                        re.search(r"(?:Ban|Đoàn|Hội đồng|Tổ)[ \t]+$", ft[max(floor, ts - 10):ts]):
                    continue  # a title word inside a body's name ("Ban Thường trực", "Đoàn Chủ tịch")
                chain, cend = parse_chain(ft, ts, pre_end)
                if chain and _PRE_GAP.fullmatch(ft, cend, pre_end):
                    best = (ts, chain)
                    break
            if best:
                pm.positions.extend(best[1])
                pm.chain_start = best[0]
                pm.has_pre = True
                more, hs2 = _honorifics_before(ft, best[0], floor)
                hons = more + hons
                if more:
                    pm.chain_start = hs2
            elif hons:
                pm.chain_start = hstart
            if plural is not None and plural.end() <= s and not any(
                    h.kind in lx.ANNOTATED_HONORIFIC_KINDS for h in hons):
                # "Dự có các đồng chí: A - ...; Đại tá B, ...", "các đồng chí A và B được bầu ...": each of them
                one = lx.normalise_honorific(plural.group(1))
                hons = [*hons, one] if one else hons
            pm.honorifics = hons
            del pre
            # titles after the name: ", Title Org, Title Org", " - Title Org", " (Title Org)"
            after = re.match(r"[ \t]*(?:,|–|-|—|\()[ \t]*", ft[e:sent.end])
            if after:
                chain, cend = parse_chain(ft, e + after.end(), sent.end)
                if chain:
                    pm.positions.extend(chain)
                    pm.chain_end = cend + (1 if ft[e + after.end() - 1:e + after.end()] == "(" and
                                           ft[cend:cend + 1] == ")" else 0)
                    pm.has_post = True
                elif cend > e + after.end():
                    pm.chain_end = cend  # only former posts ("A, nguyên Chủ tịch Hội X"): not kept, still A's words
            # elections: "... tái cử giữ chức Bí thư Chi bộ", "được bầu làm Chủ tịch"; appointments: "giữ chức"
            if election or appointment:
                em = _ELECT.match(ft, pm.chain_end, sent.end)
                if em and em.end() > pm.chain_end + 1 and (election or re.search(r"giữ|làm", em.group(0))):
                    chain, cend = parse_chain(ft, em.end(), sent.end, elected_ok=True)
                    if chain:
                        for ps in chain:
                            ps.elected = election
                        pm.positions.extend(chain)
                        pm.chain_end = cend
            jm = _JOIN_BODY.match(ft, pm.chain_end, sent.end) if election else None
            if jm:
                body = {"BTV": "Ban Thường vụ", "BCH": "Ban Chấp hành"}.get(jm.group(1), jm.group(1))
                title = lx.normalise_title(f"Ủy viên {body}") or f"Ủy viên {body}"
                org = parse_at(ft, jm.end())
                if org is not None:
                    tm = _TERM.match(ft, org.end)
                    term = f"{tm.group(1)}-{tm.group(2)}" if tm else None
                    pm.positions.append(Pos(title, org, "", term, jm.start(1), tm.end() if tm else org.end,
                                            elected=True))
                    pm.chain_end = tm.end() if tm else org.end
                elif then_post := _AND_THEN_POST.match(ft, jm.end()):
                    # "hiệp thương cử bổ sung bà X vào Ban Chấp hành và giữ chức Phó Chủ tịch Hội": the body of the
                    # organization of the post that follows
                    chain, cend = parse_chain(ft, then_post.end(), sent.end, elected_ok=True)
                    if chain:
                        for ps in chain:
                            ps.elected = True
                        tm = _TERM.match(ft, cend)
                        term = f"{tm.group(1)}-{tm.group(2)}" if tm else chain[-1].term
                        pm.positions.append(Pos(title, chain[-1].org, chain[-1].implied, term, jm.start(1), jm.end(1),
                                                elected=True))
                        pm.positions.extend(chain)
                        pm.chain_end = cend
            # a list sharing the title before it: "các đồng chí Phó Chủ tịch UBND tỉnh: A, B và C"
            if not pm.positions and sent_people:
                last = sent_people[-1]
                gap = ft[last.chain_end:pm.chain_start]
                if re.fullmatch(r"[ \t]*(?:,|và|;)?[ \t]*", gap) and last.has_pre and not last.has_post:
                    pm.positions = [Pos(p.title, p.org, p.implied, p.term, p.start, p.end, p.elected, p.media)
                                    for p in last.positions]
                    pm.has_pre = True
                    if not pm.honorifics:
                        pm.honorifics = list(last.honorifics)
            if members is not None and members.end() <= s and not pm.positions and \
                    not re.search(r"[.;]", ft[members.end():s]):
                # one of the members listed: a member of the body elected (of the host, where no owner is named)
                body = members.group(1)
                # a member of a company's board is its "Thành viên", of a party or association's committee "Ủy viên"
                title = lx.normalise_title(f"Thành viên {body}") or lx.normalise_title(f"Ủy viên {body}") or \
                    f"Ủy viên {body}"
                tm = _TERM.search(members.group(2))
                pm.positions = [Pos(title, None, "", f"{tm.group(1)}-{tm.group(2)}" if tm else None, members.start(1),
                                    members.end(1), elected=True)]
            # "các đồng chí A, B được bầu giữ chức Phó Bí thư": the people listed before share the post
            if any(p.elected for p in pm.positions) or (pm.has_post and appointment and not pm.has_pre):
                shared = [p for p in pm.positions if p.elected] or pm.positions
                k = len(sent_people) - 1
                nxt = pm
                while k >= 0:
                    prev = sent_people[k]
                    if not re.fullmatch(r"[ \t]*(?:,|và)[ \t]*", ft[prev.chain_end:nxt.chain_start]):
                        break
                    copies = [Pos(p.title, p.org, p.implied, p.term, p.start, p.end, p.elected, p.media) for p in shared]
                    if prev.positions:
                        # "Các đồng chí A, Ủy viên BTV Thành ủy và B, Thành ủy viên được bầu giữ chức Phó Chủ tịch":
                        # the people listed after "các đồng chí" each with their own posts share the one elected
                        if plural is None or plural.end() > prev.start or any(p.elected for p in prev.positions) \
                                or not any(p.elected for p in shared):
                            break
                        copies = prev.positions + copies
                    prev.positions = copies
                    nxt = prev
                    k -= 1
            sent_people.append(pm)
            prev_end = pm.chain_end
        for p in sent_people:
            for pos in p.positions:
                known.setdefault(_post_key(pos, ft), set()).add(p.name)
                known_titles.add(pos.title.casefold())
            names_seen.setdefault(p.name, p)
        if known:
            sent_people.extend(_title_references(ft, sent, sent_people, known, known_titles, names_seen,
                                                 blocked or [], tstarts))
        sent_people.extend(_given_name_references(ft, sent, sent_people, names_seen))
        sent_people.sort(key=lambda p: p.chain_start)
        out.extend(sent_people)
    return out


def _title_starts(ft: str, lo: int, hi: int) -> list[int]:
    """Positions in [lo, hi) where a capitalised title begins ("Phó Chủ tịch", "TUV")."""
    out = []
    for w in pt.title_first_re().finditer(ft, lo, hi):
        if ft[w.start()].isupper() and pt.title_re().match(ft, w.start()):
            out.append(w.start())
    return out


_PRE_GAP = re.compile(r"[\s,:]*(?:(?:gồm|là|có)[\s:]*)?")


def _post_key(pos: Pos, ft: str) -> tuple[str, str]:
    org = lx.expand_abbreviations(ft[pos.org.start:pos.org.end]).casefold() if pos.org is not None else ""
    return pos.title, org


def _title_references(ft: str, sent: Sentence, here: list[PersonMention], known: dict[tuple[str, str], set[str]],
                      known_titles: set[str], seen: dict[str, PersonMention],
                      blocked: list[tuple[int, int]], tstarts: list[int]) -> list[PersonMention]:
    """People referred to by a title alone that one named person was given (here or earlier): "Phát biểu tại hội
    nghị, Phó Chủ tịch UBND tỉnh đề nghị ..." """
    out: list[PersonMention] = []
    taken = [(p.chain_start, p.chain_end) for p in here]
    low = ft[sent.start:sent.end].casefold()
    if not any(t in low for t in known_titles):
        return out
    for s in tstarts:
        if any(a <= s < b for a, b in taken) or \
                any(a < s < b for a, b in _near(blocked, s, s + 1)) or \
                re.search(r"(?:Ban|Đoàn|Hội đồng|Tổ|các|Các|những)[ \t]+$", ft[max(sent.start, s - 10):s]):
            continue
        chain, cend = parse_chain(ft, s, sent.end)
        if not chain:
            continue
        names = set.intersection(*(known.get(_post_key(c, ft), set()) for c in chain))
        if len(names) == 1:
            name = names.pop()
            src = next((p for p in here if p.name == name), None) or seen.get(name)
            if src is None:
                continue
            out.append(PersonMention(src.start, src.end, name, sent, [], [], s, cend, by_title=True))
            taken.append((s, cend))
    return out


def _given_name_references(ft: str, sent: Sentence, here: list[PersonMention],
                           seen: dict[str, PersonMention]) -> list[PersonMention]:
    """People referred to by a form of address and their given name alone, when exactly one person named so far
    has that given name: "Theo bà Oanh, ..." after "Giám đốc BHXH tỉnh Trần Thị Kim Oanh"."""
    out: list[PersonMention] = []
    taken = [(p.chain_start, p.chain_end) for p in here]
    for m in _GIVEN_REF.finditer(ft, sent.start, sent.end):
        if any(a <= m.start(2) < b for a, b in taken):
            continue
        given = m.group(2)
        if not given[:1].isupper() or (m.group(3) or "a").isupper():
            continue  # a lower-case word, or the start of a full name ("ông Lâm Hải Giang")
        names = [n for n in seen if n != given and n.split()[-1] == given]
        if len(names) != 1:
            continue
        src = seen[names[0]]
        hons, _ = _honorifics_before(ft, m.start(2), m.start())
        out.append(PersonMention(src.start, src.end, src.name, sent, hons, [], m.start(), m.end(2), by_title=True))
    return out
