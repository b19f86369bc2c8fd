"""What the article says about itself: title, date line, newspaper, locality, and which lines are page chrome
(bylines, mastheads, footers) rather than report."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import cache

from orgkg.loaders import lexicon as lx
from orgkg.loaders.extract import patterns as pt
from orgkg.loaders.extract.orgs import Locality
from orgkg.loaders.extract.text import paragraphs

_DATE_LINE = re.compile(r"(?<!\d)(\d{1,2})\s*[/.-]\s*(\d{1,2})\s*[/.-]\s*(\d{4})(?!\d)")
_DATE_WORDS = re.compile(r"(?:tháng|Tháng)\s+(\d{1,2})\s*(?:năm|,)?\s*(\d{4})")
_BYLINE = re.compile(
    r"^\s*[(\[]?\s*(?:Tin|Ảnh|Bài|Tin và ảnh|Tin, ảnh|Tin - ảnh|Bài, ảnh|Bài và ảnh|Bài - ảnh|Video|Clip|Nguồn|"
    r"Theo|Thực hiện|Nhóm phóng viên|Nhóm PV|PV|CTV|Đồ họa|Trình bày|Biên tập|Lược ghi|Ghi chép|Tác giả)\s*[:：]",
    re.IGNORECASE,
)
_FOOTER_START = re.compile(
    r"^\s*(?:Tin khác|Tin liên quan|Bài liên quan|Các tin khác|Xem thêm|Tiện ích thông tin|Giấy phép|Bản quyền|"
    r"©|Copyright|Chúng tôi trên|Đọc thêm|Từ khóa|Tags?\s*:|Chia sẻ|Bình luận|Ý kiến bạn đọc|Tin cùng chuyên mục)",
    re.IGNORECASE,
)
_MASTHEAD = re.compile(
    r"^\s*(?:Tổng biên tập|Phó Tổng biên tập|Thư ký tòa soạn|Thư ký toà soạn|Tòa soạn|Toà soạn|Cơ quan chủ quản|"
    r"Chịu trách nhiệm|Điện thoại|Email|E-mail|Fax|Địa chỉ|Hotline|Giấy phép|Trụ sở)\b",
    re.IGNORECASE,
)
_CODE = re.compile(r"\s*(?:\(([^()\n]{2,30})\)|([A-ZĐ][A-ZĐa-z&.\-]{1,11}))\s*[-–—]\s*\S")
_SITE = re.compile(r"(?i)(?<![\w.])bao[a-z]+\.(?:com\.vn|org\.vn|gov\.vn|vn)(?![\w])")
_PAPER_IN_LINE = re.compile(r"(?i)(?<![\w])báo[ \t]+(?:điện[ \t]+tử[ \t]+)?[^\W\d_]+(?:[ \t]+[^\W\d_]+){0,3}")
_FOOT_DATE = re.compile(r"(?i)(?:cập nhật|ngày đăng|đăng ngày|đăng lúc|xuất bản|ngày xuất bản|thời gian đăng)[^\n\d]{0,25}"
                        r"(?:\d{1,2}:\d{2}[^\n\d]{0,10})?(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})")
_MEDIA_NAME = re.compile(r"(?i)(?<![\w])báo\s+(?:điện\s+tử\s+)?")


@dataclass
class Context:
    title: str | None
    published: str | None
    newspaper: lx.Newspaper | None
    site_name: str | None
    locality: Locality
    chrome: set[int] = field(default_factory=set)  # paragraph indexes that are page chrome
    masthead: bool = False  # the page names its editors (their paper holds a stated position)
    body_start: int = 0  # paragraph index where the report begins (after title/date lines)


def _iso(d: int, m: int, y: int) -> str | None:
    if 1 <= d <= 31 and 1 <= m <= 12 and 1900 < y < 2100:
        return f"{y:04d}-{m:02d}-{d:02d}"
    return None


def _find_newspaper(text: str, ft: str, paras: list[tuple[int, int]], site: str | None,
                    url: str | None) -> lx.Newspaper | None:
    if site:
        n = lx.newspaper_by_name(site) or lx.newspaper_by_name("Báo " + site)
        if n:
            return n
    # dateline code opening the first paragraphs: "BBK - Chiều 13/7, ...", "(QNO) - Sáng nay ..."
    for s, e in paras[:8]:
        m = _CODE.match(text, s, e)
        if m:
            n = lx.newspaper_by_code(m.group(1) or m.group(2))
            if n:
                return n
    # the paper's name anywhere: masthead, footer ("BÁO NAM ĐỊNH ĐIỆN TỬ"), "Cổng tin tức Thành phố Hải Phòng"
    for s, e in paras:
        line = ft[s:e]
        if len(line) > 120:
            continue
        n = lx.newspaper_by_name(line.strip(" .:|"))
        if n:
            return n
    if url:
        host = re.sub(r"^https?://(?:www\.)?", "", url).split("/")[0]
        n = lx.newspaper_by_code(host)
        if n:
            return n
    # a short line naming the paper among other words ("© Báo Nghệ An điện tử", "Bản quyền thuộc Báo Hà Tĩnh"),
    # or its site's address ("Nguồn: baoquangninh.vn")
    for s, e in paras:
        line = ft[s:e]
        if len(line) <= 150:
            for m in _PAPER_IN_LINE.finditer(line):
                words = m.group(0).split()
                for k in range(len(words), 1, -1):  # "Báo Hà Tĩnh đưa tin": the longest prefix that is a paper
                    n = lx.newspaper_by_name(" ".join(words[:k]))
                    if n:
                        return n
    for m in _SITE.finditer(ft):
        n = lx.newspaper_by_code(m.group(0))
        if n:
            return n
    return None


@cache
def _district_re() -> re.Pattern[str]:
    names = sorted(lx.district_names_folded(), key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:huyện|Huyện|quận|Quận|thị xã|Thị xã|thành phố|Thành phố|TP\.?)[ \t]+("
                      + "|".join(re.escape(n) for n in names) + r")(?![\w])")


def _masthead_titled(ft: str, headline_end: int) -> str:
    """The text with each capitalised line above the report in title case ("CỔNG THÔNG TIN ĐIỆN TỬ SỞ CÔNG THƯƠNG
    HẢI DƯƠNG"), so that the province a portal's masthead names is read; offsets are kept. Navigation bars
    ("THỜI SỰ | HÀ NỘI | …") are left as they are."""
    out, pos = [], 0
    for m in re.finditer(r"[^\n]+", ft[:headline_end]):
        line = m.group(0)
        titled = line.title()
        if line.isupper() and "|" not in line and len(titled) == len(line):
            out.append(ft[pos:m.start()])
            out.append(titled)
            pos = m.end()
    return "".join(out) + ft[pos:] if out else ft


_BARE_PROVINCIAL = re.compile(r"(?<![\w])(?:UBND|HĐND|Ủy ban nhân dân|Hội đồng nhân dân)[ \t]+tỉnh(?![ \t]+[A-ZĐ])|"
                              r"(?<![\w])(?:Tỉnh ủy|Tỉnh uỷ|Tỉnh Đoàn)(?![ \t]+[A-ZĐ])")


def _text_province(ft: str, headline_end: int = 0, lead_end: int | None = None,
                   provincial: bool = False) -> lx.Province | None:
    """The province the text names most, counting "tỉnh X"/"thành phố X" twice and a bare "X" once. With
    `lead_end` (a national paper), only a province the headline or lead names: a national report quotes
    provinces in passing ("Chủ tịch UBND tỉnh Sóc Trăng chia sẻ ...") that are not its place."""
    counts: Counter[str] = Counter()
    keep: dict[str, lx.Province] = {}
    in_lead: set[str] = set()
    for m in pt.province_re().finditer(_masthead_titled(ft, headline_end)):
        p = lx.find_province(m.group(1))
        if not p:
            continue
        before = ft[max(0, m.start() - 12):m.start()].casefold()
        if p.name == "Hồ Chí Minh" and not re.search(r"(?:thành phố|tp\.?)\s*$", before):
            continue  # a name honouring him ("Đoàn TNCS Hồ Chí Minh"), not the city, unless the city is said
        # a level word before it, or the headline, makes a mention count double
        # and so does the party committee or youth union of the province ("Tỉnh ủy Thanh Hóa")
        w = 2 if re.search(r"(?:tỉnh|thành phố|tp\.?|tỉnh (?:ủy|uỷ)|thành (?:ủy|uỷ)|tỉnh đoàn|thành đoàn)\s*$", before) or \
            m.start() < headline_end else 1
        counts[p.name] += w
        keep[p.name] = p
        if lead_end is not None and m.start() < lead_end:
            in_lead.add(p.name)
    # a district only one province has, after its level word ("huyện Thọ Xuân" is in Thanh Hóa)
    for m in _district_re().finditer(ft):
        p = lx.district_province().get(m.group(1).casefold())
        if p:
            counts[p.name] += 2
            keep[p.name] = p
    if lead_end is not None:
        counts = Counter({k: v for k, v in counts.items() if k in in_lead})
    if not counts:
        return None
    name, score = counts.most_common(1)[0]
    # one bare mention in passing ("hợp tác với Bắc Ninh") does not make a national report a provincial one; in a
    # provincial report (`provincial`) that names only one province, it is that province
    return keep[name] if score >= 2 or (provincial and len(counts) == 1) else None


_DIGITS_ONLY = re.compile(r"[\d:/ .]+")
_PUNCT = re.compile(r"[.:;,!?]")


def read_context(text: str, ft: str, title: str | None, published: str | None, site: str | None,
                 url: str | None) -> Context:
    paras = paragraphs(text)
    # date line: a short line near the top carrying a full date ("18:11, 24/07/2023", "Thứ Ba, 27/12/2022 11:25")
    date = None
    # the first line is the title unless it already reads as the report (long, or opening with a dateline)
    # the report begins at the first paragraph that reads as one (navigation, headline and date line come before)
    body_start = next((i for i, (s, e) in enumerate(paras) if _reads_as_body(text[s:e])), 1 if paras else 0)
    for i, (s, e) in enumerate(paras[:max(6, body_start + 1)]):
        line = text[s:e]
        m = _DATE_LINE.search(line)
        # (a sentence of the report citing a date, "Đến ngày 15/12/2023, toàn tỉnh ...", is no date line)
        if m and len(line) < 90 and not (i > body_start and re.search(r"[.!?…]\s*$", line) and
                                         len(line.split()) > 8):
            date = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
            if date:
                break
    if date is None:
        # a date line at the foot of the page ("Cập nhật lúc 15:30 ngày 12/01/2024")
        m = _FOOT_DATE.search(text)
        if m:
            date = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    if date is None and published:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
        date = m.group(0) if m else None
    paper = _find_newspaper(text, ft, paras, site, url)
    province = None
    if paper and paper.place != "national":
        province = lx.find_province(paper.place)
    if province is None:
        head_end, lead_end = paras[body_start] if body_start < len(paras) else (0, 0)
        # (a report of no known paper that speaks of "UBND tỉnh", "Tỉnh ủy" is a provincial one: the one province
        # it names, once is enough)
        alone = paper is None and bool(_BARE_PROVINCIAL.search(ft))
        province = _text_province(ft, head_end, lead_end if paper else None, alone)
    places = _level_places(ft, province)
    chrome: set[int] = set()
    masthead = False
    footer = False
    n = len(paras)
    # navigation above the report ("Chia sẻ: Facebook | Zalo") is not its footer: a footer follows the body
    first_long = next((i for i, (s, e) in enumerate(paras) if e - s > 150), n)
    for i, (s, e) in enumerate(paras):
        line = text[s:e]
        if i > first_long and _FOOTER_START.match(line):
            footer = True
        if footer or _BYLINE.match(line):
            chrome.add(i)
        if _MASTHEAD.match(line) and i > 0:
            chrome.add(i)
            if re.search(r"(?:^|[.;|]\s*)(?:Phó\s+)?Tổng biên tập\s*:", line, re.IGNORECASE):
                masthead = True
        if i > 0 and (_media_line(ft[s:e]) or _DIGITS_ONLY.fullmatch(line) or line.startswith("QR")):
            chrome.add(i)
    # a line that is only a name is a byline ("Vân Khánh", "Nguyễn Hải")
    for i in range(1, n):
        s, e = paras[i]
        words = [w for w in text[s:e].strip(" .()").split() if w not in ("-", "–")]  # "Hoàng Gia - Minh Thuận"
        if 1 < len(words) <= 5 and all(w[:1].isupper() for w in words) and not _PUNCT.search(text[s:e].strip(" .")):
            chrome.add(i)
    if title and (_is_nav_bar(title) or lx.newspaper_by_name(title.strip(" .:|")) is not None):
        title = None  # breadcrumbs ("Trang chủ > Kinh tế > Doanh nghiệp"), a menu, or the paper's own name
    if title and "|" in title:
        # "Headline | Site" keeps its headline; a navigation bar ("Trang chủ | Thời sự | ...") is no title
        head = title.split("|", 1)[0].strip()
        title = head if len(head.split()) > 3 else None
    if title and body_start > 1 and (_section_like(title) or title.isupper()):
        # a section name above the headline ("Giáo dục", "Thời sự"), or the site's masthead in capitals
        title = None
    if not title and paras and body_start > 0:
        # the headline: the last line before the report that is neither a date line nor a navigation bar
        for i, (s, e) in reversed(list(enumerate(paras[:body_start]))):
            line = text[s:e].strip()
            if i in chrome:
                continue  # a byline
            if not (_DATE_LINE.search(line) and len(line) < 90) and "|" not in line and not _is_nav_bar(line) \
                    and len(line.split()) > 3 and lx.newspaper_by_name(line.strip(" .:|")) is None:
                title = line
                break
    return Context(title, date, paper,
                   paper.name if paper else site, Locality(province, places), chrome, masthead, body_start)


def _section_like(line: str) -> bool:
    """A section name ("Giáo dục", "Quốc phòng - An ninh", "Giáo dục - Đào tạo"): a few words and no number."""
    words = [w for w in line.split() if w not in ("-", "–", "/", "&")]
    return len(words) <= 3 or (len(words) <= 4 and not re.search(r"\d", line) and bool(re.search(r" [-–/&] ", line)))


_NAV_SEP = re.compile(r"[ \t]*(?:\||[ \t][>›»/][ \t])[ \t]*")


def _is_nav_bar(line: str) -> bool:
    """A menu or breadcrumb trail: short items between separators ("Trang chủ > Xã hội > Giáo dục")."""
    items = [i for i in _NAV_SEP.split(line.strip()) if i.strip()]
    return len(items) >= 2 and all(len(i.split()) <= 4 for i in items)


_LEVEL_PLACE = re.compile(r"(?<![\w])(thành phố|Thành phố|TP\.?|huyện|thị xã|quận|xã|phường)[ \t]+"
                          r"([A-ZĐ][^\W\d_]*(?:[ \t]+[A-ZĐ][^\W\d_]*){0,2})")


def _level_places(ft: str, province: lx.Province | None) -> dict[str, str]:
    """For each level word, the place of that level the text names most ("thành phố" -> "thành phố Bảo Lộc")."""
    counts: dict[str, Counter[str]] = {}
    for m in _LEVEL_PLACE.finditer(ft):
        level = m.group(1).lower()
        level = "thành phố" if level.startswith("tp") else level
        place = m.group(2)
        found = lx.find_province(place) if level == "thành phố" else None
        if found is not None and not (province is not None and province.level == "tỉnh" and (
                found.name == province.name or province.name.endswith(f" {place}"))):
            continue  # (the city a province is named after, "thành phố Huế" in Thừa Thiên Huế, is a place in it)
        if pt.is_name_syllable(place.split()[0]) and len(place.split()) >= 3 and place.split()[0] in pt.surname_set() \
                and " ".join(place.split()[:3]) not in lx.famous_names():
            continue  # "UBND huyện Nguyễn Văn A": an officer, not a place (but "phường Phan Đình Phùng" is one)
        counts.setdefault(level, Counter())[place] += 1
    return {lv: f"{lv} {c.most_common(1)[0][0]}" for lv, c in counts.items()}


_OPENING = re.compile(r"(?:\(?[A-ZĐ][\w.&-]{1,14}\)?\s*[-–—]\s*)?(?:Sáng|Chiều|Tối|Trưa|Ngày|Hôm)\b[^.]{0,30}\d")


def _reads_as_body(line: str) -> bool:
    return (len(line) > 160 and "|" not in line) or bool(_OPENING.match(line))


def _media_line(line: str) -> bool:
    return bool(_MEDIA_NAME.match(line) and len(line) < 60 and lx.newspaper_by_name(line.strip(" .:|")))
