"""Forward-looking tasks: one per sentence, per ';' item or per numbered item, under a frame that looks ahead
("năm 2023, Viện ... tập trung thực hiện:", "đề nghị:", "sẽ tiếp tục", "phương hướng nhiệm kỳ 2022-2025"),
with their performer and period. Past results are not tasks."""

from __future__ import annotations

import dataclasses
import itertools
import re
from dataclasses import dataclass
from functools import cache

from orgkg.loaders import lexicon as lx
from orgkg.loaders.extract import patterns as pt
from orgkg.loaders.extract.orgs import Entity, Mention, MentionIndex
from orgkg.loaders.extract.people import PersonMention
from orgkg.loaders.extract.text import Sentence

_FUTURE = re.compile(
    r"(?<![\w])(?:(?<!được )giao(?:[ \t]+cho)?(?=[ \t]+(?-i:[A-ZĐ]))|(?-i:sẽ)|tiếp tục(?![ \t]+(?:được|là))|đề nghị|(?<!đáp ứng )(?<!theo )(?<!các )(?<!những )yêu cầu(?![ \t]+(?:ngày|của|đặt|đề))|"
    r"phương hướng|phấn đấu|(?-i:cần|phải)|thời gian tới|sắp tới|tới đây|nhiệm vụ trọng tâm|nhiệm vụ sau|"
    r"đề ra[^.:;]{0,20}(?:nhiệm vụ|chỉ tiêu|mục tiêu)|đặt[ \t]+(?:ra[ \t]+)?mục tiêu|tập trung(?:[ \t]+(?:thực hiện|triển khai|chỉ đạo|vào|lãnh đạo|hoàn thiện|nâng cao|đẩy mạnh|tuyên truyền|"
    r"hướng dẫn|xây dựng|phát triển|củng cố|kiện toàn|rà soát|chuẩn bị|tổ chức|đổi mới|tham mưu|hỗ trợ))|kế hoạch năm|"
    r"triển khai nhiệm vụ)(?![\w])",
    re.IGNORECASE,
)
# markers that look ahead only when a list follows them ("Đại hội thống nhất: (1) ...")
_FUTURE_WITH_LIST = re.compile(r"(?<![\w])(?:thống nhất|giải pháp|mục tiêu|chỉ tiêu|nhiệm vụ|chú trọng|định hướng|đột phá)(?![\w])",
                               re.IGNORECASE)
_PAST = re.compile(r"(?<![\w])(?:đã|vừa qua|đạt được|hoàn thành tốt các|tiếp tục được|được chú trọng|được giao[ \t]+(?:kế hoạch|chỉ tiêu|dự toán|vốn|tổng vốn))(?![\w])",
                   re.IGNORECASE)
# asking someone to act: "đề nghị X", "yêu cầu X", "giao (cho) X" (not "chuyển giao", "được giao")
_ASK = re.compile(r"(?<![\w])(?:[Đđ]ề nghị|[Yy]êu cầu|(?<!chuyển )(?<!bàn )(?<!được )(?<!trao )giao(?:[ \t]+cho)?"
                  r"(?=[ \t]+[A-ZĐ]))(?![\w])")
_SAME_TENSE = re.compile(r"(?:Đồng thời|Bên cạnh đó|Ngoài ra|Cùng với đó)[ \t]*,")
# a result stated of its subject: "Sở KH&CN đã hoàn thành ...", "Hiện Hội có 35 tổ chức thành viên"
_DONE = re.compile(r"[^,;:]{0,50}?(?<![\w])(?:đã|có[ \t]+\d)(?![\w])")
_ASIDE = re.compile(r"(?:Dịp này|Nhân dịp|Cũng tại|Trước đó|Quang cảnh|Toàn cảnh|Các đại biểu|Đại biểu dự|Ảnh)",
                    re.IGNORECASE)
# adopting a plan is told in the past, its items are still ahead: "Hội nghị đã thống nhất các nhiệm vụ năm 2024:"
_ADOPTED = re.compile(r"(?<![\w])đã[ \t]+(?:thống nhất|thông qua|đề ra|xác định|bàn và thống nhất|quyết nghị|biểu quyết)"
                      r"(?![\w])")
# (and an award proposed, "đề nghị tặng Cờ thi đua cho 25 tập thể", is no task)
_NEVER = re.compile(r"(?<![\w])(?:(?<!năng lực )(?<!công tác )(?<!làm tốt )(?<!, )(?<!và )dự báo(?![ \t]+sớm)|dự kiến sẽ gặp|"
                    r"ra mắt(?=[ \t]*(?:[Đđ]ại hội|[Hh]ội nghị|[.,;]|$))|dự kiến tổ chức|dự kiến diễn ra|được đề nghị|"
                    r"đề nghị[ \t]+(?:[^,.;]{0,40}?[ \t])?(?:tặng|truy tặng|xét tặng|khen thưởng|công nhận danh hiệu)|"
                    r"cử tri[^.;]{0,30}?(?:đề nghị|kiến nghị|phản ánh))"  # (voters' petitions are no task set)
                    r"(?![\w])", re.IGNORECASE)
# a sentence announcing the list that follows ("Trường xác định các nhiệm vụ trọng tâm.")
_ANNOUNCES = re.compile(r"(?:nhiệm vụ|giải pháp|nội dung|công tác)[^.;:]{0,25}(?:trọng tâm|chủ yếu|sau|như sau|sau đây|"
                        r"cụ thể)[ \t]*[.…]*$")
_SUBJECT_FIRST = re.compile(r"^(?:\d|Các[ \t]|Những[ \t]|Công tác|Hoạt động|Việc[ \t]|Kết quả|Đây|Điều|Nhiều|Toàn|"
                            r"Lãnh đạo|Ban[ \t]|Trong đó)")
_PERIOD = re.compile(
    r"(?:\d{1,2}|sáu|ba) tháng cuối năm(?:[ \t]+\d{4})?|những tháng cuối năm(?:[ \t]+\d{4})?|"
    r"(?:[Tt]ừ nay đến[ \t]+)?cuối năm(?:[ \t]+\d{4})?|"
    r"nhiệm kỳ tới|nhiệm kỳ[ \t]*\d{4}[ \t]*[-–—][ \t]*\d{4}|giai đoạn[ \t]*\d{4}[ \t]*[-–—][ \t]*\d{4}|"
    r"(?:năm học|Năm học)[ \t]+(?:\d{4}[ \t]*[-–—][ \t]*\d{4}|mới)|"
    r"(?:năm|Năm)[ \t]+\d{4}|thời gian tới|(?:quý|Quý)[ \t]+[IV1-4]+(?:[ \t]+năm[ \t]+\d{4}|/\d{4})?",
    re.IGNORECASE,
)
_YEAR = re.compile(r"\d{4}")
_NUMBERED = re.compile(r"(?:^|(?<=[\s;:.]))(?:\(\d{1,2}\)|\d{1,2}[.)/](?=\s)|[a-zđ]\)(?=\s)|[-+•–](?=\s)|"
                       r"Thứ[ \t]+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)(?=[ \t]*[,:])|"
                       r"(?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười)[ \t]+là(?=[ \t]*[,:]))")
_LEAD_JUNK = re.compile(r"^[\s\-+•–*“\"]*(?:\(\d{1,2}\)|\d{1,2}[.)/]|[a-zđ]\))?[\s,]*(?:(?:và|Và|đồng thời|Đồng thời)(?![\w]))?[\s,]*"
                        r"(?:(?:(?:Thứ|thứ)[ \t]+(?:nhất|hai|ba|tư|năm|sáu|bảy|tám|chín|mười)|"
                        r"(?:Một|Hai|Ba|Bốn|Năm|Sáu|Bảy|Tám|Chín|Mười)[ \t]+là)[ \t]*[,:][ \t]*)?")
_TRAIL_JUNK = re.compile(r"[\s.;,…:/]+$")
# a quotation's attribution after it: “... cơ sở” - Phó Chủ tịch X nhấn mạnh
_ATTRIBUTION = re.compile(r"(?:”[ \t]*(?:[-–—,][ \t]*)?|\"[ \t]*[-–—,][ \t]*)(?:[A-ZĐ]|ông|bà|đồng chí)")
_CONTINUATION = re.compile(r"^(?:đặc biệt|nhất là|trong đó|như|bao gồm|gồm|…|\.\.\.)", re.IGNORECASE)
_NARRATIVE = re.compile(r"^(?:Năm[ \t]+\d{4}|Trong năm|Qua|Kết quả|Bên cạnh|Tuy nhiên|Nhân dịp|Tại[ \t]|Theo(?! đó,)|"
                        r"Ngày[ \t]+\d|Sáng|Chiều|Tối|Phát biểu|Thay mặt|Dịp này|Cùng với)")
# the verbs that open a task's action ("tiếp tục", "tập trung", "sẽ ...")
_ACT_VERBS = (r"(?:sẽ[ \t]+)?(?:tiếp tục|cần|phải|tập trung|chủ động|phát huy|thực hiện|triển khai|đẩy mạnh|tăng cường|"
              r"nâng cao|thường xuyên|chú trọng|quan tâm|phấn đấu|tham mưu|sẽ")
_ACT = re.compile(rf"[ \t]*{_ACT_VERBS}|có)(?![\w])")  # right after a subject ("Hiện Hội có ..." states a fact)
_LEAD_VERB = re.compile(rf"{_ACT_VERBS})(?![\w])")
_COLLECTIVE = re.compile(
    r"[ \t]*((?:[A-ZĐ][^\s.;:,]*(?:[ \t]+[^\s.;:,]+){0,3}?[ \t]+(?:các|hai|ba)[ \t]+cấp(?![ \t]+ủy)|"
    r"(?:UBND|Ủy ban nhân dân|[Cc]ác|[Nn]hững)[^.;:]{0,40}?(?:huyện|xã|sở|ngành|đơn vị|địa phương|hội|"
    r"cấp(?:[ \t]+(?:ủy|Hội|Đoàn|Công đoàn|Mặt trận))?|cơ quan(?:[ \t]+báo chí)?|doanh nghiệp|tổ chức tín dụng|"
    r"chủ đầu tư))"
    r"(?:,[ \t]*(?:thành phố|thị xã|ngành|đoàn thể|đơn vị|địa phương|chính quyền))*)[ \t]+(?=\S)"
)
# a speech verb closing the head of a sentence before ':' (what follows is the speaker's own sentence)
_SPEECH = re.compile(r"(?<![\w])(?:cho biết|nhấn mạnh|khẳng định|nêu rõ|chia sẻ|phát biểu|thông tin|cho rằng|nói)"
                     r"[ \t]*$")
# the meeting's own agenda ("Kỳ họp sẽ xem xét, thông qua 25 nghị quyết"): not a task set for a body
_AGENDA = re.compile(r"(?:Kỳ họp|Hội nghị|Đại hội|Hội thảo|Phiên họp)(?:[ \t]+(?:lần này|này|lần thứ[ \t]+\w+))?[ \t]+"
                     r"(?:sẽ|dự kiến)[ \t]+(?:xem xét|thảo luận|thông qua|cho ý kiến|nghe|bầu|tiến hành|diễn ra|kéo dài|"
                     r"bế mạc|biểu quyết)")
_CAPTION_END = re.compile(r"[.!?…:;\"”)]\s*$")


@dataclass
class Task:
    text: str
    start: int
    end: int
    performer: Entity | None
    performer_text: str | None
    period: str | None
    sentence: Sentence


_QUARTER = re.compile(r"quý[ \t]+(IV|III|II|I|[1-4])", re.IGNORECASE)
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4}


def _future_period(period: str | None, meeting_year: int | None, meeting_month: int | None = None) -> bool:
    if not period:
        return False
    low = period.casefold()
    q = _QUARTER.match(low)
    if q and meeting_month:
        n = _ROMAN.get(q.group(1).casefold()) or int(q.group(1))
        years = [int(y) for y in _YEAR.findall(period)]
        if years and meeting_year and years[0] != meeting_year:
            return years[0] > meeting_year
        # (at a year-end meeting, "quý I" without a year is the coming one)
        return n >= (meeting_month - 1) // 3 + 1 or (meeting_month >= 10 and n <= 2 and not years)
    if "cuối năm" in low or "tới" in low or low.endswith("năm học mới"):
        return True
    years = [int(y) for y in _YEAR.findall(period)]
    if not years or meeting_year is None:
        return False
    if low.startswith("năm học") and len(years) >= 2:
        # a school year runs from September to May: "năm học 2023-2024" is behind a meeting of October 2024
        return meeting_year < years[1] or (meeting_year == years[1] and (meeting_month or 1) < 6)
    if ("nhiệm kỳ" in low or "giai đoạn" in low) and len(years) >= 2:
        return years[0] >= meeting_year  # the term opening at the meeting, not the one under review
    if len(years) == 1 and years[0] == meeting_year and (meeting_month or 0) >= 11 and re.fullmatch(r"năm \d{4}", low):
        return False  # at a review in November or December, "năm 2023" is the year under review
    return max(years) >= meeting_year


_FIRST_HALF = re.compile(r"tháng[ \t]+đầu[ \t]+$")
_AHEAD_WORD = re.compile(r"(?<![\w])(?:sẽ|đề nghị|yêu cầu)(?![\w])")
_STRONG_WORD = re.compile(r"(?<![\w])(?:sẽ|đề nghị|yêu cầu|cần)(?![\w])")
_UNDER_REVIEW = re.compile(r"6 tháng đầu năm|năm qua|thời gian qua|vừa qua")
_WITHIN_PERIOD = re.compile(r"[^,]{0,12}?(?:[Tt]rong|[Qq]ua)[ \t]+")
_HAS_COUNT = re.compile(r"(?<![\w])có[ \t]+\d")


def _is_frame(head: str, meeting_year: int | None, list_follows: bool = False,
              meeting_month: int | None = None) -> tuple[bool, str | None, int | None]:
    """Whether the head of a sentence looks ahead, the period it states, and where in head that period ends."""
    if _NEVER.search(head) or _ASIDE.match(head) or _AGENDA.match(head):
        return False, None, None
    # ("6 tháng đầu năm 2024" in July 2024 is the half-year under review, not the year ahead)
    ahead = next((m for m in _PERIOD.finditer(head) if _future_period(m.group(0), meeting_year, meeting_month) and
                  not _FIRST_HALF.search(head, max(0, m.start() - 12), m.start())), None)
    period = ahead.group(0) if ahead else None
    if _PAST.search(head) and not _AHEAD_WORD.search(head) and \
            not (list_follows and _ADOPTED.search(head)):
        return False, None, None
    strong = _STRONG_WORD.search(head)
    if _UNDER_REVIEW.search(head) and not period and not strong:
        return False, None, None
    # a sentence opening on a past period ("Năm 2023, Hội tiếp tục triển khai ..." in a review held in 2024)
    first = _PERIOD.match(head) or (_WITHIN_PERIOD.match(head) and _PERIOD.search(head[:40]))
    if first and not strong and not period:
        years = [int(y) for y in _YEAR.findall(first.group(0))]
        school_year = first.group(0).casefold().startswith("năm học")
        under_review = years == [meeting_year] and (meeting_month or 0) >= 11  # "Năm 2023, ..." in December 2023
        if years and meeting_year and (max(years) < meeting_year or school_year or under_review):
            return False, None, None  # (a school year ahead would have been the period)
    # a future period frames the sentence when it opens it ("Năm 2024, ...", "Trong 6 tháng cuối năm, ...")
    # ("Năm 2024, ...", "Theo X, năm 2024 ...", "Giám đốc X cho biết, năm 2024 ...": what was said of the year ahead)
    opening = bool(period) and bool(re.match(rf"(?:Theo[^,]{{0,40}},[ \t]*|[^.;]{{0,100}}?(?:cho biết|khẳng định|"
                                             rf"nhấn mạnh)[ \t,:]+(?:trong[ \t]+)?)?[^,]{{0,30}}{re.escape(period)}",
                                             head)) and \
        not _HAS_COUNT.search(head)  # "Năm 2019, hiện Sở có 27 tổ chức": a state, not a task
    if _FUTURE.search(head) or opening or (list_follows and _FUTURE_WITH_LIST.search(head)):
        if period:
            period = re.sub(r"[ \t]*[-–—][ \t]*", "-", " ".join(period.split()))
            period = re.sub(r"^[Nn]ăm[ \t]+", "", period) if re.fullmatch(r"[Nn]ăm \d{4}", period) else period
            if period.startswith(("Thời", "thời")):
                period = "thời gian tới"
            if period.startswith("Nhiệm kỳ"):
                period = "n" + period[1:]
            if period.startswith("Năm học"):
                period = "n" + period[1:]
        return True, period, ahead.end() if ahead else None
    return False, None, None


def _split_items(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """';' items and numbered items of a span (never split at commas; parentheses and quotes are kept whole)."""
    cuts = [start]
    depth = 0
    for i in range(start, end):
        c = text[i]
        if c in "(“":
            depth += 1
        elif c in ")”" and depth:
            depth -= 1
        elif c == ";" and depth == 0:
            cuts.append(i + 1)
    spans = []
    bounds = [*cuts, end + 1]
    for a, b in itertools.pairwise(bounds):
        seg_end = b - 1 if b - 1 <= end else end
        # numbered items inside a ';' item: "(1) ...; (2) ... (3) ..."
        marks = [m.start() for m in _NUMBERED.finditer(text, a, seg_end) if text[m.start()] == "(" or m.start() == a]
        inner = [a] + [m for m in marks if m > a]
        for x, y in zip(inner, [*inner[1:], seg_end], strict=False):
            spans.append((x, y))
    return spans


def _clean(text: str, s: int, e: int) -> tuple[int, int] | None:
    at = _ATTRIBUTION.search(text, s, e)
    if at:
        e = at.start()
    seg = text[s:e]
    lead = _LEAD_JUNK.match(seg)
    s2 = s + (lead.end() if lead else 0)
    tail = _TRAIL_JUNK.search(text[s2:e])
    e2 = s2 + tail.start() if tail else e
    while e2 > s2 and text[e2 - 1] in "”\"" and (text.count("\"", s2, e2) % 2 or text.count("“", s2, e2) <
                                                  text.count("”", s2, e2)):
        e2 -= 1  # the closing mark of a quotation whose opening one was left out
        tail = _TRAIL_JUNK.search(text[s2:e2])
        e2 = s2 + tail.start() if tail else e2
    if e2 - s2 < 8 or len(text[s2:e2].split()) < 3 or _CONTINUATION.match(text[s2:e2]):
        return None
    return s2, e2


# "đề nghị ngành thuế năm 2024 ...", "yêu cầu các đơn vị trong thời gian tới ..."
_OBJECT_PERIOD = re.compile(r"[ \t]*((?:[^\W\d_]+[ \t]+){1,4}?)(?:trong[ \t]+)?(?:năm[ \t]+\d{4}|thời gian tới|"
                            r"(?:6|sáu)[ \t]+tháng[ \t]+cuối[ \t]+năm(?:[ \t]+\d{4})?|nhiệm kỳ tới)[ \t]*,?[ \t]*(?=\w)")
_TOLD_AHEAD = re.compile(r"(?<![\w])(?:cho biết|khẳng định|cam kết|hứa)[ \t,:]+(?:[^\W\d_]+[ \t]+){0,3}?(?=sẽ(?![\w]))")
# "Theo đó, năm 2024 công ty tập trung ...": a connector, then the period (no comma needed) and the subject
_CONNECTED_PERIOD = re.compile(r"(?:Theo đó|Do đó|Vì vậy|Vì thế|Trên cơ sở đó),[ \t]*(?:(?:trong[ \t]+)?năm[ \t]+\d{4}[ \t,]*)?")
_ITEM_ASKS = re.compile(r"(?:đề nghị|yêu cầu|giao(?:[ \t]+cho)?)[ \t]+")
_AMONG = re.compile(r"[,:][ \t]*trong[ \t]+đó[ \t]*,?[ \t]*")
_WITHIN = re.compile(r"(?:trong|của|thuộc|ở|tại)[ \t]+")
_PLACE_SUBJECT = re.compile(r"(?:tỉnh|thành phố|huyện|thị xã|quận|xã|phường)(?:[ \t]+[A-ZĐ][^\W\d_]*){1,3}")
# the levels of a body asked to act together: "TAND hai cấp", "Hội các cấp"
_LEVELS = re.compile(r"[ \t]+(?:hai|ba|bốn|các)[ \t]+cấp(?![\w]|[ \t]+ủy)")
_PERIOD_AFTER = re.compile(r"[ \t]+(?:trong[ \t]+)?(?:nhiệm kỳ tới|thời gian tới|năm[ \t]+\d{4}|quý[ \t]+[IV1-4]+(?:[ \t]+năm[ \t]+\d{4}|/\d{4})?|"
                           r"(?:6|sáu)[ \t]+tháng[ \t]+cuối[ \t]+năm(?:[ \t]+\d{4})?)[ \t]*,?(?=[ \t]+\w)")


def _after_levels(text: str, pos: int) -> int:
    """Past the levels and the period written after a body asked to act ("TAND hai cấp", "Hội trong nhiệm kỳ tới")."""
    m = _LEVELS.match(text, pos)
    pos = m.end() if m else pos
    m = _PERIOD_AFTER.match(text, pos)
    return m.end() if m else pos


@cache
def _sector_object() -> re.Pattern[str]:
    """A sector asked to act, in lower case: "ngành thuế", "toàn ngành giáo dục"."""
    forms = {*lx.sector_words(), *(f for field, variants in lx.sectors() for f in (field, *variants))}
    words = "|".join(re.escape(w).replace(r"\ ", r"[ \t]+") for w in sorted(forms, key=len, reverse=True))
    return re.compile(rf"[ \t,]*(?:toàn[ \t]+)?ngành[ \t]+(?:{words})(?:[ \t]+(?:tỉnh|thành phố|huyện))?(?![\w])",
                      re.IGNORECASE)


def _subject_org(text: str, mentions: MentionIndex, lo: int, hi: int) -> Mention | None:
    """An organization standing as the subject of a clause: right before its verb ("Liên hiệp Hội tiếp tục ...")."""
    for m in mentions.between(lo, hi):
        if m.end <= hi and m.entity is not None and _ACT.match(text, m.end, hi):
            return m
    return None


def _verb_start(text: str, lo: int, hi: int) -> int | None:
    """Where the action begins after a lower-case, generic subject or object ("đề nghị bệnh viện tiếp tục ...",
    "6 tháng cuối năm, bệnh viện tập trung ..."): the body the text means is the one it is about. An object
    followed by the period asked for ends there, whatever the verb ("đề nghị ngành thuế năm 2024 bám sát ...")."""
    om = _OBJECT_PERIOD.match(text, lo, hi)
    if om and all(w.islower() and w.isalpha() for w in om.group(1).split()):
        return om.end()
    so = _sector_object().match(text, lo, hi)
    if so:  # "(năm 2024,) ngành Ngân hàng tỉnh phấn đấu ...": the sector, then what it is to do
        return _after_levels(text, so.end())
    m = _LEAD_VERB.search(text, lo, min(hi, lo + 60))
    if m is None:
        return None
    gap = text[lo:m.start()].strip(" \t,")
    words = gap.split()  # ("lực lượng quản lý thị trường tỉnh tăng cường ...": up to eight lower-case syllables)
    if _PLACE_SUBJECT.fullmatch(gap) or gap in pt.kind_by_form():
        return m.start()  # "Năm 2025, huyện Gia Bình phấn đấu ...", "Năm 2024, Ban phấn đấu ...": the body meant
    if len(words) > 8 or any(not w.islower() or not w.isalpha() for w in words):
        return None
    return m.start()


def find_tasks(text: str, sentences: list[Sentence], chrome: set[int], body_start: int,
               mentions: list[Mention], people: list[PersonMention], default: Entity | None,
               meeting_year: int | None, meeting_sentence: Sentence | None = None,
               meeting_month: int | None = None) -> list[Task]:
    """Tasks of the article, in order."""
    out: list[Task] = []
    body = [s for s in sentences if s.para >= body_start and s.para not in chrome]
    person_sents = {p.sentence.start for p in people}
    performer, performer_text = default, None
    period: str | None = None
    active = False
    carry = False  # a frame ended its paragraph with ':' — the next paragraphs are its items
    carry_started = False
    last_para = -1
    prev_forward = False
    index = MentionIndex(mentions)

    def org_before(pos: int, lo: int) -> Mention | None:
        cands = [m for m in index.between(lo, pos) if m.end <= pos and m.entity is not None]
        return cands[-1] if cands else None

    def add(s: int, e: int, sent: Sentence) -> None:
        nonlocal performer, performer_text
        span = _clean(text, s, e)
        if not span:
            return
        s, e = span
        # an item opening with its own subject: "UBND các huyện, thành phố phát huy ...", "Liên hiệp Hội tiếp tục"
        coll = _COLLECTIVE.match(text, s, e)
        subj = next((m for m in index.between(s, e) if m.entity is not None
                     and _ACT.match(text, _after_levels(text, m.end), e)
                     and re.fullmatch(r"[^;]{0,120}?,?[ \t]*", text[s:m.start])
                     and (m.start == s or text[s:m.start].rstrip().endswith(","))), None)
        asked = _ITEM_ASKS.match(text, s, e) if subj is None else None
        asked_org = next((m for m in index.between(asked.end(), e) if m.entity is not None and not m.plural
                          and m.start == asked.end()), None) if asked else None
        if subj is not None:
            performer, performer_text = subj.entity, None
            s = _after_levels(text, subj.end)
        elif asked_org is not None:  # "...; đề nghị Ngân hàng Chính sách xã hội huyện tạo điều kiện ...": asked of it
            performer, performer_text = asked_org.entity, None
            s = _verb_start(text, _after_levels(text, asked_org.end), e) or _after_levels(text, asked_org.end)
        elif coll:
            performer, performer_text = None, " ".join(coll.group(1).split())
            s = coll.end()
            within = _WITHIN.match(text, s, e)  # "các đơn vị trong Cụm thi đua tiếp tục ...": who, then the action
            verb = _LEAD_VERB.search(text, within.end(), min(e, within.end() + 40)) if within else None
            if verb and len(text[within.end():verb.start()].split()) <= 4:
                performer_text = " ".join(text[coll.start(1):verb.start()].split())
                s = verb.start()
        span = _clean(text, s, e)
        if span:
            out.append(Task(text[span[0]:span[1]], span[0], span[1], performer, performer_text, period, sent))

    for sent in body:
        st = text[sent.start:sent.end]
        if sent.para != last_para:
            new_para = True
            last_para = sent.para
        else:
            new_para = False
        if new_para:
            caption = not _CAPTION_END.search(st) and sent.first_in_para and len(st) < 160
            if carry:
                # a list may run over several paragraphs only when its items are marked ("- ", "1.", "(2)")
                if caption or _NARRATIVE.match(st) or sent.start in person_sents or \
                        (carry_started and not _NUMBERED.match(st)):
                    carry = False
                    active = False
                else:
                    active = True
                    carry_started = True
            else:
                active = False
            if caption:
                continue
        colon = None
        for m in re.finditer(r":(?!\d)", st):
            colon = m.start()
            break
        head = st[:colon] if colon is not None else st
        if meeting_sentence is not None and sent.start == meeting_sentence.start:
            continue
        if colon is not None and _SPEECH.search(head) and st[colon + 1:].strip():
            # "Bà X cho biết: Năm 2024, Hội phấn đấu ...; ...": what was said reads as a sentence of its own
            rest = st[colon + 1:]
            sent = dataclasses.replace(sent, start=sent.start + colon + 1 + len(rest) - len(rest.lstrip()),
                                       first_in_para=False)
            st = text[sent.start:sent.end]
            colon = next((m.start() for m in re.finditer(r":(?!\d)", st)), None)
            head = st[:colon] if colon is not None else st
        is_frame, fperiod, pe = _is_frame(head, meeting_year, colon is not None, meeting_month)
        # "Đồng thời, ..." goes on in the tense of the sentence before it
        if is_frame and _SAME_TENSE.match(st) and not new_para and not prev_forward:
            is_frame = False
        prev_forward = is_frame or (active and not new_para)
        # a sentence about a person is no task, unless they report the plan ahead ("X cho biết, 6 tháng cuối năm,
        # bệnh viện tập trung ...")
        if is_frame and sent.start in person_sents and colon is None and not _AHEAD_WORD.search(head) and \
                not _ASK.search(head) and (
                pe is None or (_verb_start(text, sent.start + pe, sent.start + len(head)) is None and
                               _subject_org(text, index, sent.start + pe, sent.start + len(head)) is None)):
            is_frame = False  # ("Theo TS. A, năm 2024, Liên hiệp hội tập trung ...": told of a body, a task)
        if is_frame and active and not fperiod and not _PERIOD.search(head) and not (
                sent.start in person_sents and _ASK.search(head)):  # (a new speaker's request starts afresh)
            fperiod = period  # "(3) Phấn đấu ..." goes on under the period of its list
        if is_frame and not (active and colon is None and not _AHEAD_WORD.search(head)
                             and not _ASK.search(head) and sent.start not in person_sents  # (a new speaker)
                             and not _subject_org(text, index, sent.start, sent.start + len(head))):
            period = fperiod
            # the performer: the object of "đề nghị/yêu cầu X", else the subject before the verb
            ask = _ASK.search(head)
            subj = None
            sector = None
            if ask:
                subj = next((m for m in index.between(sent.start + ask.end(), sent.start + len(head))
                             if m.entity is not None and not m.plural), None)
                sector = _sector_object().match(text, sent.start + ask.end(), sent.start + len(head))
                if sector and subj is not None and subj.start < sector.end():
                    sector = None
            asked_all = _COLLECTIVE.match(text, sent.start + ask.end(), sent.start + len(head)) \
                if ask and subj is None else None
            if sector is not None:
                # "đề nghị ngành thuế ...": the sector of the meeting's body, which the report is about
                performer, performer_text = default, None
            elif asked_all:  # "yêu cầu các chủ đầu tư tập trung ...": no one organization is asked
                performer, performer_text = None, " ".join(asked_all.group(1).split())
            elif subj is None and ask is None:
                fut = _FUTURE.search(head)
                semi = head.find(";")
                lim = sent.start + (fut.start() if fut else (semi if semi >= 0 else len(head)))
                subj = _subject_org(text, index, sent.start, lim + 40 if not fut else lim) or \
                    org_before(lim, sent.start)
            coll = re.search(r"(?:^|,[ \t]*)((?:các|những)[ \t]+(?:huyện|xã|sở|ngành|đơn vị|địa phương)[^.;:]{0,30}?)"
                             r"[ \t]+(?:tiếp tục|sẽ|cần|tập trung)", head)
            if subj is not None and subj.entity is not None:
                performer, performer_text = subj.entity, None
            elif coll:
                performer, performer_text = None, coll.group(1)
            if colon is None and _ANNOUNCES.search(head):
                carry, active, carry_started = True, True, False
                continue
            if colon is not None:
                items_start = sent.start + colon + 1
                if text[items_start:sent.end].strip(" .…"):
                    for a, b in _split_items(text, items_start, sent.end):
                        add(a, b, sent)
                    active, carry = True, False
                else:
                    carry, active, carry_started = True, False, False
            else:
                # the sentence is the task, from its verb: "Chi bộ sẽ tiếp tục ...", "yêu cầu Sở X thường xuyên ..."
                start = sent.start
                if subj is not None:
                    start = _after_levels(text, subj.end)
                else:
                    tm = re.match(r"[^,]{0,40}(?:[Nn]ăm(?: học)? \d{4}(?:[ \t]*[-–][ \t]*\d{4})?|tới|sau|"
                                  r"[Tt]háng \d{1,2}(?:/\d{4})?),[ \t]*", st) or \
                        _CONNECTED_PERIOD.match(st)
                    if tm:
                        start = sent.start + tm.end()
                        v = _verb_start(text, start, sent.start + len(head))
                        if v is not None:  # "Năm 2025, tỉnh phấn đấu ...": the place or bare head goes too
                            start = v
                among = _AMONG.search(text, start, sent.start + len(head))
                if among:  # "Đại hội đề ra 8 chỉ tiêu, trong đó phấn đấu ...": what is set is after "trong đó"
                    start = among.end()
                if sector is not None:
                    start = max(start, _after_levels(text, sector.end()))
                elif ask and sent.start + ask.end() > start:
                    # "X ghi nhận ... và yêu cầu trường tiếp tục ...": the task is what is asked
                    v = _verb_start(text, sent.start + ask.end(), sent.start + len(head))
                    if v is not None:
                        start = v
                    elif _COLLECTIVE.match(text, _after_levels(text, sent.start + ask.end()), sent.start + len(head)):
                        # "đề nghị (trong quý IV,) các địa phương rà soát ...": `add` reads who
                        start = _after_levels(text, sent.start + ask.end())
                told = _TOLD_AHEAD.search(text, start, sent.start + len(head))
                if told:  # "... tiếp thu ý kiến và cho biết sẽ tổng hợp ...": what is ahead is the task
                    start = told.end()
                if pe is not None and sent.start + pe > start:
                    v = _verb_start(text, sent.start + pe, sent.start + len(head))
                    if v is not None:
                        start = v
                for a, b in _split_items(text, start, sent.end):
                    add(a, b, sent)
                active = True
            continue
        if active and sent.start not in person_sents and not _NARRATIVE.match(st) and not _NEVER.search(st) and \
                not _ASIDE.match(st) and not _DONE.match(st) and (
                not _SUBJECT_FIRST.match(st) or _NUMBERED.match(st)
                or re.search(r"(?<![\w])(?:cần|sẽ|phải)(?![\w])", st)):
            start = sent.start
            cp = _CONNECTED_PERIOD.match(st)
            if cp:  # "Theo đó, năm 2024 công ty tập trung ...": the plan just adopted, from its verb
                start = _verb_start(text, sent.start + cp.end(), sent.end) or sent.start + cp.end()
            for a, b in _split_items(text, start, sent.end):
                add(a, b, sent)
    return out
