"""Organization mentions in an article, and their resolution to canonical organizations.

A mention is a head from the organization-kind lexicon ("UBND", "Sở", "Viện") and what the kind allows after it: a
place ("tỉnh Bắc Kạn"), a field ("Khoa học và Công nghệ"), a proper name, or the unit a party cell serves ("Chi bộ
Viện X"). Canonical names expand abbreviations and make the locality explicit from the article's context."""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache

from orgkg.loaders import lexicon as lx
from orgkg.loaders.extract import patterns as pt
from orgkg.schema.text import strip_diacritics

_SP = re.compile(r"[ \t]+")
_LEVEL_RE = re.compile(
    r"[ \t]+(thành phố|Thành phố|thị trấn|thị xã|tỉnh|Tỉnh|huyện|Huyện|quận|Quận|xã|phường|thôn|bản|ấp|TP\.?)"
    r"(?:(?<=\.)(?=[A-ZĐ])|(?![\w]))"  # ("TP.Thủ Dầu Một": a city's name right after the dot)
)
_NATIONAL_RE = re.compile(r"[ \t]+(Việt Nam|VN|Trung ương|TƯ|TW)(?![\w])")
_PLACE_ONLY_RE = re.compile(
    rf"(?i:({'|'.join(re.escape(w) for w in pt.LEVEL_WORDS)}))(?:[ \t]+|(?<=\.))\w[\w'’.-]*(?:[ \t]+\w[\w'’.-]*){{0,3}}")
# a parenthesis after a name: its parent, its short name or its place ("(trực thuộc Sở Y tế)" names the parent)
_PAREN_RE = re.compile(r"[ \t]*\((?:(?:trực[ \t]+)?thuộc[ \t]+)?([^()\n]{1,80})\)")
_ABBR_AFTER_HEAD = re.compile(r"[ \t]*\(([A-ZĐ][A-ZĐa-z&.\-]{0,11}(?:[ \t][A-ZĐ]{2,4})?)\)(?=[ \t]+(?:tỉnh|thành phố|TP|huyện|quận|thị xã|"
                              r"xã|phường|thị trấn|[Cc]hi nhánh|[A-ZĐ]))")
_REGION_WORDS = r"khu[ \t]+vực[ \t]+(?:[IVX]{1,5}|\d{1,2})"  # "khu vực V", "khu vực 3"
_REGION = re.compile(rf"[ \t]+({_REGION_WORDS})(?![\w])")
_PROGRAMME_NUMBER = re.compile(r"(?!19\d\d|20\d\d)\d{2,4}")
_PLACE_LEVELS = "tỉnh|huyện|thành phố|quận|thị xã|xã|phường"  # the level words a place named after a body opens with
_LEVEL_OR_STOP = re.compile(rf"[ \t]+(?:{_PLACE_LEVELS})(?![\w])|[ \t]*(?:[,.;:)]|$)")
# lower-case words that make a bare head into another noun ("Hội nghị", "Hội trường", "Hội viên", "Đoàn viên")
_COMMON_NOUN_AFTER_HEAD = re.compile(r"[ \t]+(?:nghị|thảo|thi|diễn|chợ|trường|viên|phí|nhập|ý|tụ|họp|kiểm tra|"
                                     r"công tác|đại biểu)(?![\w])")
# the fields after a comma inside a name, up to the next punctuation or to the place that follows the name
_FIELDS_TO_STOP = re.compile(r",[ \t]+([A-ZĐ][^,.;:()\n]{0,50})(?=[,.;:()\n]|$)")
_FIELDS_TO_PLACE = re.compile(rf",[ \t]+([A-ZĐ][^,.;:()\n]{{0,50}}?)(?=[ \t]+(?:{_PLACE_LEVELS})(?![\w]))")
_REGION_AT_END = re.compile(rf"(?<![\w]){_REGION_WORDS}$")
_NUMBER_NAME = re.compile(r"[ \t]+(\d{1,3}|[IVX]{1,5})(?![\w])")
_PROVINCE_SAID = re.compile(rf"(?<![\w])(?:tỉnh|thành phố|TP\.?)[ \t]+({pt.province_alt()})(?![\w])")
_TW_OF_BODY = re.compile(r"[ \t]+(?:Hội|Đoàn|Liên hiệp|Liên minh|Tổng Liên đoàn|Mặt trận|Công đoàn)(?![\w])")
_SECTOR_BEFORE = re.compile(r"(?<![\w])[Nn]gành[ \t]+$")
_SITE_SAID = re.compile(r"điểm[ \t]+cầu[ \t]+(huyện|quận|thị xã|thành phố|xã|phường)[ \t]+"
                        r"((?:[A-ZĐ][^\W\d_]*|\d+)(?:[ \t]+(?:[A-ZĐ][^\W\d_]*|\d+)){0,2})")
_NATIONAL_HEAD = re.compile(r"(?<![\w])(?:Phó[ \t]+)?Tổng[ \t]+(?:Giám[ \t]+đốc|giám[ \t]+đốc|Cục[ \t]+trưởng|"
                            r"cục[ \t]+trưởng)[ \t]+$")
_PLURAL_BEFORE = re.compile(r"(?:các|những|Các)[ \t]+$")
# ("Sở, ngành", "xã, huyện" are collectives; "HTX Tiến Thành, huyện Mộc Châu" names its district)
_PLURAL_AFTER = re.compile(r"[ \t]+(?:các|những)\b|,[ \t]*(?:ban|ngành|đoàn thể|đơn vị|hội)\b|"
                           r",[ \t]*(?:huyện|thành phố)\b(?![ \t]+[A-ZĐ])")
_COMMITTEE_AFTER = re.compile(r"[ \t]+(?:Tỉnh|Thành|Huyện|Quận|Thị)[ \t]+(?:ủy|uỷ|Ủy|Đoàn|đoàn)")
_PLACES_LISTED = re.compile(r",[ \t]*(?:thành phố|Thành phố|tỉnh|Tỉnh)\b")
_DASH_GAP = re.compile(r"[ \t]+[-–][ \t]+")
_COMMA_GAP = re.compile(r"[ \t]*,[ \t]*")
_LIST_GOES_ON = re.compile(r"[ \t]*(?:,|và)[ \t]")
# Since 2025 the provinces' tax, customs and statistics offices are units of one national department ("Thuế tỉnh X",
# "Chi cục Hải quan khu vực XII", "Thống kê tỉnh X"): where the text shows the new units, the bare department is national.
_NEW_NATIONAL_UNIT = {
    "Cục Thuế": re.compile(r"(?<![\w])Thuế[ \t]+(?:tỉnh|thành phố|TP\.?)[ \t]+[A-ZĐ]"),
    "Cục Hải quan": re.compile(rf"(?<![\w])(?:Chi[ \t]+cục[ \t]+)?Hải[ \t]+quan[ \t]+{_REGION_WORDS}(?![\w])"),
    "Cục Thống kê": re.compile(r"(?<![\w])(?:Thống[ \t]+kê[ \t]+(?:tỉnh|thành phố|TP\.?)[ \t]+[A-ZĐ]|"
                               r"Chi[ \t]+cục[ \t]+Thống[ \t]+kê[ \t]+khu[ \t]+vực)"),
}
_THUOC_RE = re.compile(r"[ \t]+(?:trực[ \t]+)?thuộc[ \t]+")
# Kinds whose bare head ("Viện", "Chi bộ", "Sở") stands for the article's one organization of that kind.
GENERIC_OK = frozenset({"Viện", "Học viện", "Trung tâm", "Trường", "Trường Đại học", "Sở", "Chi bộ", "Đảng ủy",
                        "Chi đoàn", "Công đoàn", "Ban Chấp hành", "Ban Thường vụ", "Chi ủy", "Bệnh viện",
                        "Đoàn Thanh niên Cộng sản Hồ Chí Minh", "Hợp tác xã", "Công ty", "Liên đoàn",
                        "Hội đồng trường", "Chi nhánh", "Thường trực", "Ban Giám đốc", "Ban Giám hiệu", "Ban Chi ủy",
                        "Văn phòng", "Đoàn Chủ tịch", "Đoàn trường", "Công đoàn trường", "Hội đồng", "Hội",
                        "Tổng công ty", "Tập đoàn", "Ngân hàng", "Đài", "Ban Quản lý",
                        "Ban Quản lý dự án", "Hiệp hội", "Đoàn Khối", "Đồn", "Ban cán sự đảng", "Đảng đoàn", "Chi hội",
                        "Hạt Kiểm lâm"})
# The name a bare party/union body takes before the unit it serves ("Đoàn trường" is the school's Đoàn Thanh niên).
GENERIC_NAMES = {"Đoàn trường": "Đoàn Thanh niên", "Công đoàn trường": "Công đoàn", "Hội đồng trường": "Hội đồng trường"}
# Collective bodies of an organization (its executive committee, standing board, presidium of a school): a
# mention of them stands for the organization itself ("Ban Chấp hành Tỉnh Đoàn tổ chức" is hosted by the Tỉnh Đoàn).
BODY_KINDS = frozenset({"Ban Chấp hành", "Ban Thường vụ", "Thường trực", "Ban Giám đốc", "Ban Giám hiệu", "Ban Chi ủy",
                        "Chi ủy", "Đoàn Chủ tịch"})
# Kinds that take the unit they serve as part of their name ("Chi bộ Viện X", "Văn phòng UBND tỉnh").
PARENT_OF_LIST = frozenset({"Liên minh Hợp tác xã", "Bộ", "Đại học", "Tổng cục", "Tập đoàn", "Ủy ban nhân dân",
                            "Liên hiệp các Hội Khoa học và Kỹ thuật", "Học viện", "Viện", "Trường Đại học", "Trường",
                            "Sở", "Trường Cao đẳng"})


@dataclass
class Mention:
    start: int
    end: int
    kind: lx.OrgKind
    head: str  # as written
    tail: str = ""  # proper name / field as written
    level: str | None = None  # "tỉnh", "thành phố", "huyện", ...
    place: str | None = None  # written place name
    national: bool = False
    bare_place: bool = False  # the province named without its level word ("Sở Y tế Nghệ An")
    qualifier: str = ""  # "Việt Nam", "VN", "Trung ương" as written
    owner: Mention | None = None  # embedded unit: "Liên minh HTX Việt Nam" in "Ban Tổ chức cán bộ Liên minh ..."
    paren_parent: Mention | None = None
    paren_alias: str | None = None
    alias_of: Mention | None = None  # an abbreviation the article defined ("EVN" after "Tập đoàn ... (EVN)")
    plural: bool = False
    entity: Entity | None = None

    @property
    def generic(self) -> bool:
        return (not self.tail and not self.place and not self.level and not self.national and self.owner is None
                and self.kind.tail not in ("fixed", "placed"))


@dataclass
class Entity:
    name: str
    kind: lx.OrgKind
    locality: str | None
    mentions: list[Mention] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    parent: Entity | None = None
    rank: tuple[int, ...] = ()  # how good a source its current name is (in the report, as written, length)


def _word_at(ft: str, pos: int) -> tuple[str, int, int] | None:
    """The next word after spaces/tabs only (never across punctuation or a line break)."""
    m = _SP.match(ft, pos)
    p = m.end() if m else pos
    w = pt.WORD.match(ft, p)
    if not w or (p == pos and pos > 0 and ft[pos - 1].isalnum()):
        return None
    return w.group(0), w.start(), w.end()


def _starts_person(ft: str, pos: int) -> bool:
    w = _word_at(ft, pos)
    if not w or w[0] not in pt.surname_set():
        return False
    nxt = _word_at(ft, w[2])
    if not (nxt and pt.is_name_syllable(nxt[0])):
        return False
    # a district reading like a person ("Hợp tác xã Nông nghiệp Triệu Phong", "quận Lê Chân") is a place
    if f"{w[0]} {nxt[0]}" not in lx.district_names_folded():
        return True
    third = _word_at(ft, nxt[2])
    return bool(third and pt.is_name_syllable(third[0])) and not _starts_person(ft, nxt[2])


def _starts_head(ft: str, pos: int) -> bool:
    """Whether an organization mention (not merely a head word, as "Khoa" in "Khoa học") starts at pos."""
    m = _SP.match(ft, pos)
    p = m.end() if m else pos
    if not pt.may_start(ft, p, pt.head_first_words()) or not pt.head_re().match(ft, p):
        return False
    return parse_at(ft, p, depth=3) is not None


def _starts_title(ft: str, pos: int) -> bool:
    m = _SP.match(ft, pos)
    p = m.end() if m else pos
    if p >= len(ft) or not ft[p].isupper() or not pt.may_start(ft, p, pt.title_first_words()):
        return False
    return bool(pt.title_re().match(ft, p))


# kinds whose proper name may read as a person's: schools and academies named after people, national parks after
# mountains ("Vườn quốc gia Bạch Mã"), people's credit funds after their commune ("Quỹ tín dụng nhân dân Vũ Hội")
_NAMED_AFTER = frozenset(lx.name_words()["named_after_kinds"])


_TRADE_FIRST = frozenset(lx.name_words()["trade_first_kinds"])


@lru_cache(maxsize=1)
def _trade_then_name() -> re.Pattern[str]:
    """A cooperative's trade in lower case (cooperative_trades.txt), up to four more lower-case words, then a name."""
    return re.compile(rf"(?:{pt.alternation(list(lx.cooperative_trades()))})(?:[ \t]+(?:và[ \t]+)?[a-zà-ỹđ]+){{0,4}}?"
                      r"[ \t]+[A-ZĐ]")


_NUMBER_CLOSES = re.compile(r"[ \t]*(?:[,.;:(]|$)")  # a unit's number ends its name: "Phát điện 1 (EVNGENCO1)"
_SCHOOL_HEADS = lx.name_words()["school_heads"]  # units whose own Đoàn, Hội, Công đoàn are named after them
_GEO_WORDS = frozenset(lx.name_words()["geo_words"])
_NAMED_AREA = re.compile(r"[ \t]*khu[ \t]+vực[ \t]+[A-ZĐ]")


@lru_cache(maxsize=1)
def _province_at_end() -> re.Pattern[str]:
    """A province's name closing a text (built once: the lexicon is read lazily)."""
    return re.compile(rf"[ \t]+({pt.province_alt()})$")


def _open_tail(ft: str, pos: int, kind: lx.OrgKind, shallow: bool = False) -> int:
    """End of the proper-name part of an organization name starting at pos (pos itself when there is none).
    shallow: only whether there is one (the first word), for lookahead checks."""
    first = _word_at(ft, pos)
    # ("Ban Quản lý rừng phòng hộ sông Đà", "… hồ Núi Cốc": a river, lake or mountain in lower case, then its name)
    geo = bool(first) and first[0] in _GEO_WORDS and bool(re.match(r"[ \t]+[A-ZĐ]", ft[first[2]:first[2] + 3]))
    # ("Bệnh viện Đa khoa khu vực Tân Châu", "Trung tâm Y tế khu vực Mường Tè": a named area the unit serves)
    geo = geo or bool(_NAMED_AREA.match(ft, pos))
    # ("HTX dịch vụ nông nghiệp Tân Phú Tây": a cooperative's trade in lower case, then its place)
    geo = geo or (kind.kind in _TRADE_FIRST and bool(first) and bool(_trade_then_name().match(ft, first[1])))
    if not first or not (first[0][0].isupper() or geo) or (_starts_person(ft, pos) and kind.kind not in _NAMED_AFTER
                                                            and not pt.province_re().match(ft, first[1])):
        return pos  # a person's name, not the body's ("Báo Ninh Thuận" names a province, not a Mr Ninh)
    if _starts_title(ft, pos) or first[0] in ("Tỉnh", "Thành", "Huyện", "Quận", "TP", "TP.", "Việt"):
        return pos
    end = first[2]
    if shallow:
        return end
    prev = first[0]
    n_words, lower_run = 1, 0
    while n_words < 12:
        w = _word_at(ft, end)
        hy = re.match(r"[ \t]*[-–][ \t]*(?=[A-ZĐ])", ft[end:end + 6])
        if w is None and hy and not _starts_head(ft, end + hy.end()) and not _starts_person(ft, end + hy.end()):
            # a hyphen inside a name: "Ban Dân chủ - Pháp luật", "Tập đoàn Công nghiệp Than - Khoáng sản"
            nxt = _word_at(ft, end + hy.end())
            if nxt:
                end, prev, n_words = nxt[2], nxt[0], n_words + 1
                continue
        if w is None:
            # a comma inside a name: "Viện Khoa học, Công nghệ & Môi trường"
            # (a short run of field words joined by "&"/"và", up to the next punctuation, as the fields of a name are)
            # (or up to the place that follows the name: "Trung tâm Văn hóa, Thể thao và Du lịch tỉnh ...")
            runs = (_FIELDS_TO_STOP.match(ft, end, end + 60), _FIELDS_TO_PLACE.match(ft, end, end + 60))
            m = next((r for r in runs if r and 2 <= len(r.group(1).split()) <= 6), None)
            seg = m.group(1).split() if m else []
            if m and ("&" in seg or "và" in seg) and \
                    not any(x in pt.STOP_WORDS for x in seg if x != "và") and \
                    not _starts_head(ft, end + 1) and not _starts_title(ft, end + 1) and \
                    not _starts_person(ft, end + 1) and not pt.honorific_one_re().match(ft, m.start(1)):
                end = m.end(1)
                n_words += len(seg)
                continue
            break
        word, ws, we = w
        if word in ("và", "&"):
            nxt = _word_at(ft, we)
            if nxt and nxt[0][0].isupper() and not _starts_head(ft, we) and not _starts_person(ft, we) \
                    and not _starts_title(ft, we) and not pt.honorific_one_re().match(ft, nxt[1]):
                end, prev, n_words = nxt[2], nxt[0], n_words + 2
                lower_run = 0
                continue
            if nxt and nxt[0].islower() and nxt[0] not in pt.STOP_WORDS and lower_run < 5:
                # "Viện Khoa học công nghệ và môi trường": the field's words, in lower case
                end, prev, n_words = nxt[2], nxt[0], n_words + 2
                lower_run += 1
                continue
            break
        if (_starts_head(ft, end) and not (prev.casefold() == "khoa" and word == "Trung")) or _starts_title(ft, end):
            break  # (but "Bệnh viện Đa khoa Trung tâm An Giang": a central hospital, no "Trung tâm" inside it)
        if word[0].isupper():
            if word in ("Tỉnh", "Huyện", "Quận", "TP", "TP.") or (word == "Thành" and re.match(
                    r"[ \t]+(?:phố|Phố|ủy|uỷ|Ủy|Đoàn|đoàn)(?![\w])", ft[we:we + 8])):
                break  # (a place or a party committee; "Thành" alone ends a name: "HTX Nông nghiệp Tiến Thành")
            if ft.startswith("Hồ Chí Minh", ws) and not ft[ws + 11:ws + 12].isalnum():
                end, prev, n_words = ws + 11, "Minh", n_words + 3  # "Học viện Chính trị quốc gia Hồ Chí Minh"
                continue
            if _starts_person(ft, end) and prev not in pt.SCHOOL_WORDS and not kind.kind.startswith("Trường") and \
                    not pt.province_re().match(ft, ws):
                break  # (a province closing the name is no person: "Công ty Điện lực Ninh Thuận", not a Mr Ninh)
            end, prev, n_words, lower_run = we, word, n_words + 1, 0
            continue
        if word[0].isdigit():
            if prev.casefold() in ("số", "thcs", "thpt", "th", "vực") or prev.isupper() or (
                    _PROGRAMME_NUMBER.fullmatch(word) and _LEVEL_OR_STOP.match(ft, we)) or (
                    len(word) <= 2 and _NUMBER_CLOSES.match(ft, we)):  # "Tổng công ty Phát điện 1 (EVNGENCO1)"
                end, prev, n_words = we, word, n_words + 1  # (and "Ban Chỉ đạo 389 tỉnh": a programme's number)
                continue
            break
        # a lower-case word
        if word == "số":
            num = _word_at(ft, we)
            if num and num[0].isdigit():  # "Đội Quản lý thị trường số 3", "Trường Tiểu học số 2"
                end, prev, n_words = num[2], num[0], n_words + 2
                break
        two = ft[ws:we] + " " + (_word_at(ft, we) or ("", 0, 0))[0]
        back = (prev + " " + word).casefold()
        if (word in pt.STOP_WORDS or two.casefold() in pt.STOP_WORDS) and two not in pt.NAME_COMPOUNDS and \
                back not in pt.NAME_COMPOUNDS:
            break  # (a stop word, or two: "Phòng Tổ chức cán bộ công bố …")
        if two.casefold() not in pt.NAME_COMPOUNDS and back not in pt.NAME_COMPOUNDS and any(
                ft.startswith(lv, ws) and not ft[ws + len(lv):ws + len(lv) + 1].isalpha() for lv in pt.LEVEL_WORDS):
            break  # a place ("... huyện X"), not "khoa học xã hội"
        lower_run += 1
        if lower_run > 6:
            break
        end, prev, n_words = we, word, n_words + 1
    # do not end on a connector
    tail = ft[pos:end]
    m = re.search(r"[ \t,]+(?:và|&|của)$", tail)
    if m:
        end = pos + m.start()
    return end


def _locality(ft: str, pos: int, kind: lx.OrgKind, mention: Mention) -> int:
    """Read "tỉnh Bắc Kạn" / "thành phố" / "huyện Tiên Lãng" / (bare kinds) "Nam Định" after a name."""
    if kind.scope == "national" and kind.tail == "fixed":
        return pos  # one in the country: "Quốc hội" before "tỉnh" is not a province's ("đại biểu Quốc hội tỉnh")
    if _COMMITTEE_AFTER.match(ft, pos, pos + 14):
        return pos  # "Ban Tuyên giáo Tỉnh ủy": the party committee owns the unit, it is not a place
    m = _LEVEL_RE.match(ft, pos)
    if m:
        level = pt.PLACE_LEVEL.get(m.group(1), m.group(1).lower())
        after = m.end()
        # "các tỉnh, thành phố" and "tỉnh, thành phố" are collectives, not a place
        if _PLACES_LISTED.match(ft, after, after + 14):
            mention.plural = True
            return pos
        sp = _SP.match(ft, after)
        p2 = sp.end() if sp else after
        if level in ("tỉnh", "thành phố"):
            pm = pt.province_re().match(ft, p2)
            if pm:
                mention.level, mention.place = level, pm.group(1)
                return pm.end()
            if level == "thành phố" or m.group(1).startswith("TP"):
                nm = _capitalised_run(ft, after)
                if nm:
                    mention.level, mention.place = level, ft[p2:nm]
                    return nm
        else:
            nm = _capitalised_run(ft, after)
            if nm:
                mention.level, mention.place = level, ft[p2:nm]
                return nm
            num = re.match(r"\d{1,2}(?![\d/,:-]|\.\d)", ft[p2:p2 + 4]) if level in ("quận", "phường") else None
            if num and p2 > after:  # "UBND quận 1", "phường 5": districts and wards numbered in cities
                mention.level, mention.place = level, num.group(0)
                return p2 + num.end()
        mention.level = level
        return m.end()
    if kind.naming == "bare":
        sp = _SP.match(ft, pos)
        p2 = sp.end() if sp else pos
        pm = pt.province_re().match(ft, p2)
        if pm and p2 > pos:
            mention.level, mention.place = kind.level, pm.group(1)
            return pm.end()
        if kind.level not in ("tỉnh", "thành phố") and p2 > pos:
            nm = _capitalised_run(ft, pos)  # "Huyện ủy Trà Cú", "Huyện Đoàn Sông Hinh"
            if nm:
                mention.level, mention.place = kind.level, ft[p2:nm]
                return nm
    elif kind.scope in ("local", "any") and kind.tail != "party":
        # "Sở Giáo dục và Đào tạo Nghệ An", "Liên hiệp các Hội KH&KT Hà Tĩnh": the province without "tỉnh"
        sp = _SP.match(ft, pos)
        p2 = sp.end() if sp else pos
        pm = pt.province_re().match(ft, p2) if p2 > pos else None
        if pm and not _starts_person(ft, p2):
            mention.place, mention.bare_place = pm.group(1), True
            return pm.end()
    return pos


def _opens_another_name(ft: str, at: int, word_end: int) -> bool:
    """Whether the kind's word at `at` opens another organization's name: a kind of several words does ("Hội Nông
    dân"); a lone kind word among a place's capitalised syllables is the place's ("xã Lịch Hội Thượng", "xã Vũ Hội")."""
    m = pt.head_re().match(ft, at)
    return m is not None and m.end() > word_end


def _capitalised_run(ft: str, pos: int, limit: int = 3) -> int | None:
    """End of a place name (1-3 capitalised syllables); None when there is none or it reads as a person's name
    ("UBND thành phố Hoàng Minh Cường" names the city's officer, not a city)."""
    ends: list[int] = []  # the end of each capitalised syllable after pos, a person's name after the place included
    end = pos
    while len(ends) < limit + 4:
        w = _word_at(ft, end)
        if not w or not pt.is_name_syllable(w[0]) or (ends and _starts_head(ft, end) and _opens_another_name(ft, w[1], w[2])):
            break  # (a lone kind's word in a place is the place's: "Đảng ủy xã Vũ Hội cùng …")
        end = w[2]
        ends.append(end)
    n = min(len(ends), limit)
    split = False
    if len(ends) >= 4:
        # "huyện Hải Lăng Hoàng Văn Định": the place ends where a 2-4 syllable personal name begins
        for k in (3, 2):
            if k <= limit and 2 <= len(ends) - k <= 4 and _starts_person(ft, ends[k - 1]):
                n, split = k, True
                break
    if n >= 3 and not split and _starts_person(ft, pos) and \
            " ".join(ft[pos:ends[n - 1]].split()) not in lx.famous_names():
        return None  # (but "phường Phan Đình Phùng": a ward named after a hero)
    return ends[n - 1] if n else None


# Abbreviations the article being read defines for its organizations, by text ("EVN" -> the mention of "Tập đoàn
# Điện lực Việt Nam (EVN)"): a context of the extraction, read wherever a name may start.
_DEFINED: ContextVar[dict[str, Mention] | None] = ContextVar("defined_abbreviations", default=None)
_ABBR_TOKEN = re.compile(r"[A-ZĐ][A-ZĐa-z0-9&]{1,11}")
_TICKER = re.compile(r"(?:HOSE|HNX|UPCoM|UPCOM|HSX|Mã CK|mã CK|MCK)[ \t]*:")  # "(HOSE: TBC)": a listing, no name
# a company's brand in parentheses, in plain Latin letters: "(Vinafood 2)", "(Petrolimex)", "(Sabeco)", or a
# capitals-and-digits code ("EVNGENCO1", "LA34")
_BRAND = re.compile(r"[A-Z][a-z]{3,14}(?: \d{1,2})?|[A-ZĐ]{2,12}\d{1,2}")


def defined_abbreviations(mentions: list[Mention]) -> dict[str, Mention]:
    """The abbreviations written in parentheses after a name ("Tập đoàn Điện lực Việt Nam (EVN)") that no kind of
    organization already reads: later, alone, they name that organization."""
    out: dict[str, Mention] = {}
    for m in mentions:
        a = m.paren_alias
        if a and ((_ABBR_TOKEN.fullmatch(a) and sum(c.isupper() for c in a) >= 2) or _BRAND.fullmatch(a)) and \
                a not in pt.kind_by_form():
            out.setdefault(a, m)
    return out


@contextmanager
def abbreviations_defined(defined: dict[str, Mention]) -> Iterator[None]:
    token = _DEFINED.set(defined)
    try:
        yield
    finally:
        _DEFINED.reset(token)


def define_abbreviations(defined: dict[str, Mention]) -> None:
    """Add to the abbreviations of the article being read (inside `abbreviations_defined`)."""
    current = _DEFINED.get()
    if current is not None:
        current.update(defined)


def _defined_at(ft: str, pos: int) -> Mention | None:
    defined = _DEFINED.get()
    if not defined:
        return None
    key = max((k for k in defined if ft.startswith(k, pos)), key=len, default=None)  # ("Vinafood 2": with its number)
    stop = pos + len(key) if key else pos
    after = ft[stop:stop + 2]
    # (a full stop may end the sentence after it; "KH&CN", "KH.CN" go on)
    glued = after[:1].isalnum() or after[:1] == "&" or (after[:1] == "." and after[1:2].isalnum())
    if key is None or (pos and (ft[pos - 1].isalnum() or ft[pos - 1] == "&")) or glued:
        return None
    of = defined[key]
    men = Mention(pos, stop, of.kind, key, tail=key, alias_of=of)
    men.end = _locality(ft, stop, of.kind, Mention(pos, stop, of.kind, ""))  # "TTYT huyện (Ba Tơ)": its place
    return men


def _initials(words: str) -> str:
    return "".join(strip_diacritics(w[0]).upper() for w in words.split() if w[0].isalpha() and w != "và")


def _abbreviates_a_part(abbr: str, head: str) -> bool:
    """Whether a capitalised abbreviation after a name stands for its last words only: "Hội Người cao tuổi (NCT)",
    "Ban đại diện Hội đồng quản trị Ngân hàng Chính sách xã hội (NHCSXH)" abbreviate the field or the bank, so
    they are no short name of the whole body."""
    if not re.fullmatch(r"[A-ZĐ&]{2,12}(?: [A-ZĐ]{2,4})?", abbr):
        return False
    letters = strip_diacritics(abbr.replace("&", "").replace(" ", ""))
    words = head.split()
    return any(_initials(" ".join(words[i:])) == letters for i in range(1, len(words) - 1))


def _open_alias(abbr: str, head: str, tail: str) -> str | None:
    """The short name an abbreviation after an open name gives: the kind with the abbreviated field ("Phòng
    Giáo dục và Đào tạo (GD&ĐT)" is "Phòng GD&ĐT"), the abbreviation itself when it stands for the whole
    name, none when it stands for a part."""
    if re.fullmatch(r"[A-ZĐ&]{2,12}(?: [A-ZĐ]{2,4})?", abbr) and \
            _initials(tail) == strip_diacritics(abbr.replace("&", "").replace(" ", "")):
        return f"{' '.join(head.split())} {abbr}"
    return None if _abbreviates_a_part(abbr, f"{head} {tail}") else abbr


def parse_at(ft: str, pos: int, force: bool = False, depth: int = 0) -> Mention | None:
    """The organization mention whose head starts at pos, or None. force: the head may be lower-case (a title's
    embedded head, "Trưởng ban Tổ chức")."""
    alias = _defined_at(ft, pos)
    if alias is not None:
        return alias
    if not pt.may_start(ft, pos, pt.head_first_words()):
        return None
    m = (pt.head_re_ci() if force else pt.head_re()).match(ft, pos)
    if not m or _SECTOR_BEFORE.search(ft, max(0, pos - 8), pos):
        return None  # (a sector, "ngành Ngân hàng tỉnh", is no body)
    ab = _ABBR_AFTER_HEAD.match(ft, m.end())
    if ab and sum(c.isupper() for c in ab.group(1)) >= 2:
        # "Ngân hàng Nhà nước (NHNN) chi nhánh tỉnh X", "Ủy ban nhân dân (UBND) huyện Y": the name goes on after
        # its abbreviation; read it with the parenthesis blanked out (same offsets), the abbreviation an alias
        blanked = ft[:ab.start()] + " " * (ab.end() - ab.start()) + ft[ab.end():]
        men = parse_at(blanked, pos, force, depth)
        if men is not None and men.paren_alias is None:
            first, _, rest = " ".join(m.group(0).split()).partition(" ")
            men.paren_alias = _open_alias(ab.group(1), first, rest) if rest else ab.group(1)
        return men
    if " ".join(m.group(0).split()) == "Ban Chấp hành Trung ương" and _TW_OF_BODY.match(ft, m.end()):
        # "Ban Chấp hành Trung ương Hội Nông dân Việt Nam": that body's central committee, not the Party's
        inner = parse_at(ft, pos + len("Ban Chấp hành "), force, depth)
        if inner is not None:
            inner.start = pos
            return inner
    table = pt.kind_by_form_ci() if force else pt.kind_by_form()
    key = " ".join(m.group(0).split())
    kind = table.get(key.casefold() if force else key)
    if kind is None:
        return None
    men = Mention(pos, m.end(), kind, m.group(0))
    end = m.end()
    if kind.tail == "sector":
        sm = pt.sector_re().match(ft, end)
        if sm and (sm.group(1)[0].isupper()):
            ab = _ABBR_AFTER_HEAD.match(ft, sm.end())
            if ab and sum(c.isupper() for c in ab.group(1)) >= 2:  # "Sở Giáo dục và Đào tạo (GD&ĐT) tỉnh X"
                blanked = ft[:ab.start()] + " " * (ab.end() - ab.start()) + ft[ab.end():]
                inner = parse_at(blanked, pos, force, depth)
                if inner is not None and inner.paren_alias is None:
                    inner.paren_alias = ab.group(1)
                return inner
            men.tail = sm.group(1)
            end = sm.end()
        else:
            e2 = _open_tail(ft, end, kind)
            men.tail, end = ft[end:e2].strip(), e2
    elif kind.tail == "open":
        e2 = _open_tail(ft, end, kind, shallow=depth >= 3)
        inner = parse_at(ft, pos + len("Trung ương "), depth=depth + 1) \
            if kind.kind == "Trung ương Hội" and depth < 3 else None
        if inner is not None and inner.kind.kind.startswith("Hội ") and inner.end > e2:
            # "Trung ương Hội Nạn nhân chất độc da cam/dioxin Việt Nam": the association's own name, whole
            vn = re.match(r"[ \t]+Việt[ \t]+Nam(?![\w])", ft[inner.end:inner.end + 12])
            e2 = inner.end + (vn.end() if vn else 0)
        ab = _ABBR_AFTER_HEAD.match(ft, e2) if e2 > end else None
        # "Cục Thi hành án dân sự (THADS) tỉnh X", "Ngân hàng Nông nghiệp … (Agribank) chi nhánh tỉnh Y"
        if ab and (sum(c.isupper() for c in ab.group(1)) >= 2 or ab.group(1) in pt.kind_by_form()):
            blanked = ft[:ab.start()] + " " * (ab.end() - ab.start()) + ft[ab.end():]
            inner = parse_at(blanked, pos, force, depth)
            if inner is not None and inner.paren_alias is None and ab.group(1) not in pt.kind_by_form():
                inner.paren_alias = _open_alias(ab.group(1), m.group(0), ft[end:e2])  # (a brand names its owner)
            return inner
        men.tail, end = ft[end:e2].strip(), e2
        if _REGION_AT_END.search(men.tail):
            men.national = True  # "Chi cục Hải quan khu vực XII": a region of the national body, no province's
        pl = _province_at_end().search(men.tail)
        if pl and pl.start() > 0 and kind.scope == "local" and lx.find_province(pl.group(1)) is not None:
            # "Chi cục Chăn nuôi và Thú y Thanh Hóa": the province closes the name; it is its place, said once
            men.tail, men.place, men.bare_place = men.tail[:pl.start()], pl.group(1), True
    elif kind.tail == "placed" and not _LEVEL_RE.match(ft, end) and not (
            kind.naming == "bare" and pt.province_re().match(ft, end + 1) and ft[end:end + 1] == " "):
        return None  # "Thuế tỉnh X" is a body, "thuế" alone a tax; "Viettel Bình Thuận" names its province
    elif kind.tail == "numbered":
        nm = _NUMBER_NAME.match(ft, end)
        if nm is None:
            return None  # "quân khu" in passing names no unit
        men.tail, end = nm.group(1), nm.end()
    elif kind.tail == "party" and depth < 3:
        sp = _SP.match(ft, end)
        p2 = sp.end() if sp else end
        if p2 > end:
            inner = parse_at(ft, p2, depth=depth + 1)
            if inner:
                men.owner, end = inner, inner.end
                pp = inner.paren_parent
                if pp is not None and pp.kind.tail == "party" and pp.kind.kind != kind.kind:
                    # "Chi bộ Trường X (Đảng bộ phường Y)": the party body above is the cell's, not the school's
                    men.paren_parent, inner.paren_parent = pp, None
            else:
                e2 = _open_tail(ft, end, kind)
                men.tail, end = ft[end:e2].strip(), e2
    region = _REGION.match(ft, end)
    if region and men.owner is None and not men.tail:
        # "Kho bạc Nhà nước khu vực V", "Chi cục Thuế khu vực 3": a region of its own, not the article's province
        men.tail, end = " ".join(region.group(1).split()), region.end()
        men.national = True  # (named in full: no locality is added)
    nm = _NATIONAL_RE.match(ft, end)
    if nm and men.owner is None:
        men.national, men.qualifier, end = True, nm.group(1), nm.end()
    if men.owner is None and not men.national:
        end = _locality(ft, end, kind, men)
    if kind.tail in ("open", "sector", "fixed") and men.owner is None and depth < 3 and \
            not (kind.tail == "fixed" and (men.level or men.place or men.national)):
        sp = _SP.match(ft, end)
        p2 = sp.end() if sp else end
        if p2 > end:
            inner = parse_at(ft, p2, depth=depth + 1)
            # (a fixed kind only as a school's branch: "Hội Sinh viên Việt Nam Trường Đại học Cần Thơ")
            if inner and not inner.plural and inner.kind.kind != kind.kind and (
                    kind.tail != "fixed" or inner.kind.kind.startswith(_SCHOOL_HEADS)):
                men.owner, end = inner, inner.end
    men.end = end
    if men.generic and kind.kind not in GENERIC_OK:
        return None
    if kind.kind in ("Ban", "Tổ") and re.match(r"[ \t]+(?:hội nghị|hội thảo|đại hội|cuộc thi|hội thi|giải|lễ|chương trình|"
                                               r"diễn đàn|tọa đàm)\b", ft[end:end + 14]):
        return None  # "Ban Tổ chức hội thảo": a meeting's own committee, not an organization
    if men.generic and _COMMON_NOUN_AFTER_HEAD.match(ft, end):
        return None  # "Hội nghị", "Hội trường", "Đoàn viên": a word the head opens, not the body it stands for
    # collectives: "các Sở, ngành", "UBND các huyện", "Liên minh HTX các tỉnh"
    before = ft[max(0, pos - 6):pos]
    after = ft[end:end + 12]
    if _PLURAL_BEFORE.search(before) or _PLURAL_AFTER.match(after):
        men.plural = True
    pm = _PAREN_RE.match(ft, end)
    if pm:
        inner_text = pm.group(1).strip()
        inner = parse_at(ft, pm.start(1) + (len(pm.group(1)) - len(pm.group(1).lstrip())), depth=depth + 1)
        if inner and inner.end - inner.start >= len(inner_text) - 2:
            men.paren_parent = inner
            if men.level is None and men.place is None and men.owner is None and not men.national:
                # "Ban Tôn giáo (Sở Nội vụ) tỉnh Sóc Trăng": the name's place comes after its parent
                after = _locality(ft, pm.end(), kind, men)
                if after > pm.end():
                    men.end = after
        elif _place_only(inner_text):
            pass  # "Đảng bộ xã Tân Phú (huyện Đồng Phú)": where the body is, neither its short name nor its parent
        elif len(inner_text) <= 25 and any(c.isupper() for c in inner_text) and not _TICKER.match(inner_text) and (
                not re.search(r"\d", inner_text) or _BRAND.fullmatch(inner_text)) and \
                "thuộc" not in ft[pm.start():pm.start(1)]:  # ("(thuộc Chi cục)" names no short form)
            men.paren_alias = inner_text
    return men


# a body referred back to by its kind in lower case, after a title: "Phó Giám đốc công ty Trần Hữu Hạnh"
_LOWER_REFERENCE = re.compile(r"(tổng công ty|công ty|bệnh viện|nhà trường|trường|học viện|viện|trung tâm|hội|sở|"
                              r"ngân hàng|tập đoàn|hợp tác xã)(?=[ \t]+[A-ZĐ]|[ \t]*(?:[,.;:)]|$))")


def lower_reference(ft: str, pos: int) -> Mention | None:
    """A generic mention of a kind written in lower case at `pos`, when a name or punctuation follows (not a
    lower-case phrase such as "trường học"): the registry resolves it to the article's body of that kind."""
    m = _LOWER_REFERENCE.match(ft, pos)
    if not m:
        return None
    kind = pt.kind_by_form_ci().get(m.group(1))
    if kind is None or kind.kind not in GENERIC_OK:
        return None
    return Mention(pos, m.end(), kind, m.group(1))


def _place_only(text: str) -> bool:
    """A level word and a proper name and nothing else: "huyện Đồng Phú", "TP. Hồ Chí Minh"; or a district's
    name alone ("Hội CCB xã Hải Hà (Hải Hậu)")."""
    if lx.fold_tone_placement(" ".join(text.split())) in lx.district_names_folded() or \
            lx.find_province(" ".join(text.split())) is not None:  # ("UBND quận 1 (TPHCM)", "(Quảng Nam)")
        return True
    m = _PLACE_ONLY_RE.fullmatch(text)
    return bool(m) and all(w[:1].isupper() for w in text[m.end(1):].split())


class MentionIndex:
    """Mentions sorted by start, for the ones starting in a range without scanning them all."""

    def __init__(self, mentions: list[Mention]) -> None:
        self.mentions = sorted(mentions, key=lambda m: m.start)
        self.starts = [m.start for m in self.mentions]

    def between(self, lo: int, hi: int) -> list[Mention]:
        return self.mentions[bisect.bisect_left(self.starts, lo):bisect.bisect_left(self.starts, hi)]


# an Ê Đê/Jrai marker opening a person's name: what follows is the name, not a kind ("đồng chí Y Khoa Ktla")
_NAME_MARKER_BEFORE = re.compile(r"(?<![\w.'’])(?:Y|Ksor|Siu|Nay)[ \t]")


def find_mentions(ft: str, start: int = 0, end: int | None = None) -> list[Mention]:
    """All organization mentions, left to right, not overlapping."""
    end = len(ft) if end is None else end
    out: list[Mention] = []
    pos = start
    markers = {m.end() for m in _NAME_MARKER_BEFORE.finditer(ft, start, end)}  # (few: found once, not per start)
    defined = _DEFINED.get()
    if defined:  # and the article's own abbreviations, in text order
        alias_re = re.compile(rf"(?<![\w&])(?:{pt.alternation(list(defined))})(?![\w&.])")
        starts = sorted({m.start() for m in pt.head_re().finditer(ft, start, end)} |
                        {m.start() for m in alias_re.finditer(ft, start, end)})
        for at in starts:
            if at >= pos and at not in markers and (men := parse_at(ft, at)):
                out.append(men)
                pos = men.end
        return out
    for m in pt.head_re().finditer(ft, start, end):
        if m.start() >= pos and m.start() not in markers and (men := parse_at(ft, m.start())):
            out.append(men)
            pos = men.end
    return out


# ---------------------------------------------------------------- canonical names


def _expand_tail(kind: lx.OrgKind, tail: str) -> str:
    if kind.tail == "sector":
        f = pt.sector_by_form().get(lx.fold_tone_placement(" ".join(tail.split())).casefold())
        if f:
            return f
    return lx.expand_abbreviations(tail)


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:] if s else s


@dataclass
class Locality:
    """The article's own place: the province/city the paper covers or the text is about."""

    province: lx.Province | None
    # the place of each level the text names most ("thành phố" -> "thành phố Bảo Lộc" in a Lâm Đồng paper)
    places: dict[str, str] = field(default_factory=dict)

    @property
    def text(self) -> str | None:
        return self.province.locality if self.province else None


def canonical(men: Mention, loc: Locality, resolve_owner: bool = True) -> tuple[str, str | None]:
    """(canonical name, locality) of a mention, before resolution of bare heads to the article's organizations."""
    kind = men.kind
    name = kind.kind
    if kind.kind == "Liên hiệp" and men.tail:
        name = "Liên hiệp"
    if men.tail:
        name = f"{name} {_expand_tail(kind, men.tail)}"
    if men.national and not name.endswith("Việt Nam") and not name.endswith("Trung ương"):
        name = f"{name} {lx.expand_abbreviations(men.qualifier)}"
    locality = None
    if men.owner is not None and resolve_owner:
        oname = men.owner.entity.name if men.owner.entity else canonical(men.owner, loc)[0]
        # (an owner that is itself the branch, merged with it: "Chi nhánh NHCSXH tỉnh" once more)
        name = oname if oname.startswith(f"{name} ") and kind.kind == "Chi nhánh" else f"{name} {oname}"
    elif men.place:
        prov = lx.find_province(men.place) if men.level in ("tỉnh", "thành phố") or men.bare_place else None
        if men.bare_place and prov is not None:
            locality = prov.locality
            name = f"{name} {men.place}"
        elif kind.naming == "bare":
            # ("Quận ủy quận 1": a numbered place keeps its level word)
            name = f"{name} {prov.name if prov else men.place}" if not men.place.isdigit() else \
                f"{name} {men.level} {men.place}"
            locality = prov.locality if prov else f"{men.level} {men.place}"
        else:
            locality = prov.locality if prov else f"{men.level} {men.place}"
            name = f"{name} {locality}"
    elif men.level:
        if loc.province and (men.level == loc.province.level or (kind.naming == "bare" and
                             kind.level == loc.province.level)):
            locality = loc.province.locality
            name = f"{name} {loc.province.name}" if kind.naming == "bare" else f"{name} {locality}"
        elif loc.places.get(men.level):
            locality = loc.places[men.level]
            name = f"{name} {locality}" if kind.naming != "bare" else f"{name} {locality.split(' ', 1)[-1]}"
        else:
            name = f"{name} {men.level}"
    elif not men.national and kind.scope == "local" and loc.province and not men.generic and \
            not (kind.kind.startswith("Hội ") and kind.kind.endswith(" Việt Nam") and  # the national association
                 re.search(r"(?:Việt Nam|VN)$", " ".join(men.head.split()))) and \
            (kind.naming != "bare" or not kind.level or kind.level == loc.province.level):
        # (a bare-named body of another level, "Thành ủy" in a province's paper, is its city's: below)
        locality = loc.province.locality
        name = f"{name} {loc.province.name}" if kind.naming == "bare" else f"{name} {locality}"
    elif kind.naming == "bare" and kind.level and loc.places.get(kind.level):
        # "Huyện ủy" in a report about one district: that district's
        locality = loc.places[kind.level]
        name = f"{name} {locality[len(kind.level) + 1:]}"
    elif men.generic and kind.scope == "local" and loc.province and kind.tail != "open":
        locality = loc.province.locality
    committee = _COMMITTEE_OF_LEVEL.get(men.level or "") \
        if kind.kind == "Đảng ủy" and men.owner is None and not men.tail else None
    if committee and men.place:
        # the Đảng bộ (Đảng ủy) of a province, city or district is its Tỉnh ủy / Thành ủy / Huyện ủy
        name = f"{committee} {prov.name if (prov := lx.find_province(men.place)) else men.place}"
    elif committee and locality and locality.startswith(f"{men.level} "):
        # ("Đảng bộ tỉnh" in the province's paper: its Tỉnh ủy)
        name = f"{committee} {locality[len(men.level) + 1:]}"
    return _cap(" ".join(name.split())), locality


# the party committee of each level, by its own name ("Đảng bộ huyện Văn Lãng" is "Huyện ủy Văn Lãng")
_COMMITTEE_OF_LEVEL = {"tỉnh": "Tỉnh ủy", "thành phố": "Thành ủy", "huyện": "Huyện ủy", "quận": "Quận ủy",
                       "thị xã": "Thị ủy"}


@lru_cache(maxsize=8192)
def norm_key(name: str) -> str:
    """Comparison key of a name: case, punctuation and '&'/'và' do not count (as the scorer)."""
    s = lx.fold_tone_placement(name).casefold().replace("&", " và ")
    s = re.sub(r"[\"'“”‘’,.;:()\[\]–—-]", " ", s)
    return " ".join(s.split())


class Registry:
    """The article's organizations: mentions resolved to entities with canonical names, aliases and parents."""

    def __init__(self, text: str, loc: Locality, body_from: int = 0) -> None:
        self.text = text
        self.loc = loc
        self.body_from = body_from  # names written before the report (headline, navigation) do not name
        self.entities: dict[str, Entity] = {}
        self.order: list[Entity] = []
        self.main: Entity | None = None  # the article's main organization, once known

    def _only_longer(self, name: str, kind: lx.OrgKind) -> Entity | None:
        """The one body of this kind already named in full whose name this one shortens ("Đảng ủy Khối" after
        "Đảng ủy Khối Doanh nghiệp thành phố Hải Phòng"), if there is exactly one."""
        key = norm_key(name) + " "
        if key.count(" ") < 2:
            return None  # (one word names nothing on its own)
        found = [e for e in self.order if norm_key(e.name).startswith(key)]
        return found[0] if len(found) == 1 else None

    def _entity(self, name: str, kind: lx.OrgKind, locality: str | None,
                rank: tuple[int, ...] = (0, 0)) -> Entity:
        key = self._key(name)
        e = self.entities.get(key)
        if e is None:
            e = Entity(name, kind, locality)
            e.rank = (*rank, len(name))
            self.entities[key] = e
            self.order.append(e)
        elif (*rank, len(name)) > e.rank:
            e.rank = (*rank, len(name))
            # the fullest form names it ("Ủy ban MTTQ tỉnh" and "Ủy ban MTTQ Việt Nam tỉnh" are one)
            if norm_key(e.name) not in (norm_key(a) for a in e.aliases):
                e.aliases.append(e.name)
            e.name = name
        return e

    @staticmethod
    @lru_cache(maxsize=8192)
    def _key(name: str) -> str:
        # "tỉnh Nghệ An" and "Nghệ An" after a name are one place
        name = re.sub(rf"(?:tỉnh|thành phố|Thành phố|TP\.?)[ \t]+(?=(?:{pt.province_alt()})(?![\w]))", "",
                      lx.fold_tone_placement(name))
        key = norm_key(lx.expand_all_abbreviations(name))
        if key.startswith(("ủy ban mặt trận tổ quốc", "mặt trận tổ quốc")):
            key = key.replace(" việt nam", "", 1)
        # "Đoàn Thanh niên X" is the usual short name of "Đoàn TNCS Hồ Chí Minh X"
        return key.replace("đoàn thanh niên cộng sản hồ chí minh", "đoàn thanh niên", 1)

    def by_name(self, name: str) -> Entity | None:
        return self.entities.get(self._key(name))

    def add_named(self, name: str, kind_name: str, locality: str | None = None) -> Entity:
        kind = lx.org_kind(kind_name) or lx.org_kinds()[0]
        return self._entity(name, kind, locality)

    def same_kind(self, kind: lx.OrgKind, exclude: Entity | None = None) -> Entity | None:
        """The article's organization of a kind that a bare head stands for ("Viện", "Chi bộ", "Hội"): the main one
        if it is of that kind, else the most mentioned."""
        def fits(e: Entity, exact: bool) -> bool:
            k = e.kind.kind
            if exact:
                return k == kind.kind
            # "Hội" stands for "Hội Nông dân", "Hội Cựu chiến binh", ... but not for "Hội đồng nhân dân"
            return k.startswith(kind.kind) and not (kind.kind == "Hội" and k.startswith("Hội đồng"))

        main = self.main
        if main is not None and main is not exclude and (fits(main, True) or fits(main, False)):
            return main
        cands = [e for e in self.order if fits(e, True) and e is not exclude and e.mentions] or \
            [e for e in self.order if fits(e, False) and e is not exclude and e.mentions]
        if not cands:
            return None
        return max(cands, key=lambda e: (len(e.mentions), -self.order.index(e)))

    def resolve(self, men: Mention) -> Entity | None:
        """Attach a mention (and its embedded/parenthesised organizations) to an entity; None for collectives
        and for bare heads with nothing to stand for."""
        if men.entity is not None:
            return men.entity
        if men.plural:
            return None
        if men.alias_of is not None:
            e = self.resolve(men.alias_of)
            if e is not None:
                men.entity = e
                e.mentions.append(men)
            return e
        if men.owner is not None:
            self.resolve(men.owner)
        if men.kind.kind in BODY_KINDS:
            if men.owner is not None:
                e = men.owner.entity
            elif men.kind.kind in ("Ban Chi ủy", "Chi ủy"):
                e = self.same_kind(lx.org_kind("Chi bộ"))  # type: ignore[arg-type]
            else:
                e = self.main
            if e is not None:
                men.entity = e
                e.mentions.append(men)
            return e
        if men.generic:
            e = self.same_kind(men.kind)
            if e is None:
                return None
        else:
            if men.place is None and men.level is None and men.kind.scope == "local" and \
                    _NATIONAL_HEAD.search(self.text, max(0, men.start - 30), men.start):
                men.national = True  # "Phó Tổng Giám đốc KBNN": the head of the national body, not the province's
            elif men.place is None and men.level is None and men.kind.kind in _NEW_NATIONAL_UNIT and \
                    _NEW_NATIONAL_UNIT[men.kind.kind].search(self.text):
                men.national = True  # since 2025 a province's tax office is "Thuế tỉnh X"; "Cục Thuế" is national
            if men.level in ("tỉnh", "thành phố") and men.place is None and self.loc.province is None:
                # "Tại điểm cầu tỉnh Thanh Hóa có đồng chí A, Phó Chủ tịch UBND tỉnh": the province just named
                said = _PROVINCE_SAID.findall(self.text, self.text.rfind(".", 0, men.start) + 1, men.start)
                if said:
                    men.place = said[-1]
            elif men.level and men.place is None:
                # "...; tại điểm cầu huyện Kon Plông có bà B, Phó Chủ tịch UBND huyện": the site's own district
                clause = max(self.text.rfind(".", 0, men.start), self.text.rfind(";", 0, men.start)) + 1
                site = [m for m in _SITE_SAID.finditer(self.text, clause, men.start) if m.group(1) == men.level]
                if site:
                    men.place = site[-1].group(2)
            name, locality = canonical(men, self.loc)
            # a name as written in the report wins over one this code completed, and over the headline's
            rank = (int(men.start >= self.body_from), int(men.place is not None or men.national))
            # (a fixed kind's bare name is its own body, national or the province's: canonical decided which)
            shortened = None if men.place or men.level or men.kind.tail in ("fixed", "placed", "numbered") or \
                self.by_name(name) else self._only_longer(name, men.kind)
            e = shortened or self._entity(name, men.kind, locality, rank)
        men.entity = e
        e.mentions.append(men)
        written = " ".join(self.text[men.start:men.end].split())
        if norm_key(written) != norm_key(e.name) and written not in e.aliases and "(" not in written:
            # (a name cut by its abbreviation, "Hội Cựu chiến binh (CCB) tỉnh", is no short form)
            e.aliases.append(written)
        short = (f"{men.head} {men.paren_alias}" if men.kind.tail == "sector" else men.paren_alias) \
            if men.paren_alias else None
        if short and short not in e.aliases:
            e.aliases.append(short)
        if men.owner is not None and men.owner.entity not in (None, e) and e.parent is None and not men.generic:
            e.parent = men.owner.entity
        if men.paren_parent is not None:
            p = self.resolve(men.paren_parent)
            if p is not None and p is not e and e.parent is None:
                e.parent = p
        return e

    def resolve_all(self, mentions: list[Mention]) -> None:
        """Resolve specific mentions first so that bare heads find what they stand for."""
        for men in mentions:
            if not men.generic:
                self.resolve(men)
        for men in mentions:
            if men.generic:
                self.resolve(men)
        for e in list(self.order):
            p = e.parent
            # "NHCSXH tỉnh" and "Chi nhánh NHCSXH tỉnh": a national body's unit in a province is its branch there
            if e.kind.kind == "Chi nhánh" and p is not None and p.kind.scope == "local" and p.locality and \
                    norm_key(e.name) == norm_key(f"Chi nhánh {p.name}"):
                self._merge(p, e)
        # apposition and "thuộc": "Viện X, Liên minh HTX Việt Nam", "Trung tâm Y thuộc Sở Z"
        for i, (a, b) in enumerate(itertools.pairwise(mentions)):
            if a.entity is None or b.entity is None or a.entity is b.entity:
                continue
            if a.entity.parent is not None:
                inner = a.owner
                # "Hội đồng trường Trường Đại học Nông Lâm, Đại học Huế": the university is the school's parent
                if inner is not None and inner.entity is not None and inner.entity.parent is None and \
                        a.entity.parent is inner.entity and b.kind.kind in PARENT_OF_LIST and \
                        b.entity is not inner.entity and _COMMA_GAP.fullmatch(self.text, a.end, b.start) and \
                        b.kind.kind != inner.kind.kind and not b.plural:
                    inner.entity.parent = b.entity
                continue
            gap = self.text[a.end:b.start]
            after_b = self.text[b.end:b.end + 6]
            # ("Trường Đại học Bách khoa - Đại học Đà Nẵng": a dash joins a member university to its university)
            # ("Chi nhánh Viettel X - Tập đoàn Công nghiệp - Viễn thông Quân đội": a branch joined to its group)
            dash = _DASH_GAP.fullmatch(gap) and b.kind.kind in ("Đại học", "Tập đoàn", "Tổng công ty")
            # "…, Hội Nhà báo tỉnh, Báo X, Đài Y": a list, where no body is the parent of the next
            listed = i > 0 and _COMMA_GAP.fullmatch(self.text, mentions[i - 1].end, a.start)
            if dash or (_COMMA_GAP.fullmatch(gap) and not listed and a.kind.tail in ("open", "party") and \
                    b.kind.kind != a.kind.kind and not b.plural and not _LIST_GOES_ON.match(after_b) and \
                    (b.kind.kind in PARENT_OF_LIST or b.kind.tail in ("open", "sector", "fixed") or
                     (a.kind.kind == "Chi bộ" and b.kind.kind == "Đảng ủy")) and \
                    b.kind.kind not in BODY_KINDS) or _THUOC_RE.fullmatch(gap):
                a.entity.parent = b.entity

    def _merge(self, gone: Entity, into: Entity) -> None:
        """One organization named two ways: `gone`'s mentions, names and children go to `into`."""
        for men in gone.mentions:
            men.entity = into
        into.mentions.extend(gone.mentions)
        for a in (gone.name, *gone.aliases):
            if norm_key(a) != norm_key(into.name) and a not in into.aliases:
                into.aliases.append(a)
        into.parent = gone.parent if gone.parent is not into else None
        for e in self.order:
            if e.parent is gone:
                e.parent = into if e is not into else None
        for key, e in self.entities.items():
            if e is gone:
                self.entities[key] = into
        self.order.remove(gone)
        if self.main is gone:
            self.main = into
