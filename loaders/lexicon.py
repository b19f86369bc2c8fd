"""Vietnamese domain lexicons (titles, honorifics, organization kinds, abbreviations, provinces, newspapers,
surnames) loaded once from the data files in ``loaders/data/``, with the lookups other modules reuse:
abbreviation expansion, province/locality normalisation and newspaper -> place."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache, lru_cache
from pathlib import Path

import yaml

DATA = Path(__file__).with_name("data")


def _rows(name: str) -> list[list[str]]:
    """Rows of a TSV data file: comment lines (#) and the column header row are skipped."""
    rows: list[list[str]] = []
    header_seen = False
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        if not header_seen:
            header_seen = True
            continue
        rows.append([c.strip() for c in line.split("\t")])
    return rows


def _split(cell: str) -> list[str]:
    return [v.strip() for v in cell.split("|") if v.strip()]


def _col(row: list[str], i: int) -> str:
    return row[i] if i < len(row) else ""


# Old-style tone placement ("hoà", "uỷ") and new style ("hòa", "ủy") are both common; the swap keeps the string's
# length so offsets found on the folded text are offsets into the original.
_TONED = "àáảãạèéẻẽẹỳýỷỹỵÀÁẢÃẠÈÉẺẼẸỲÝỶỸỴ"
_OLD_TONE = re.compile(rf"(?<![qQ])([oO][{_TONED[:10]}{_TONED[15:25]}]|[uU][{_TONED[10:15]}{_TONED[25:]}])(?![^\W\d_])")


def _move_tone(m: re.Match[str]) -> str:
    first, second = m.group(1)[0], m.group(1)[1]
    dec = unicodedata.normalize("NFD", second)
    base, marks = dec[0], dec[1:]
    return unicodedata.normalize("NFC", first + marks) + base


def fold_tone_placement(text: str) -> str:
    """Text with old-style tone placement ("hoà", "Uỷ") rewritten to the new style ("hòa", "Ủy"), same length."""
    folded = _OLD_TONE.sub(_move_tone, text)
    return folded if len(folded) == len(text) else text


_NEW_TONE = re.compile(r"(?<![qQ])([òóỏõọÒÓỎÕỌ][aeAE]|[ùúủũụÙÚỦŨỤ][yY])(?![^\W\d_])")


def _unmove_tone(m: re.Match[str]) -> str:
    first, second = m.group(1)[0], m.group(1)[1]
    dec = unicodedata.normalize("NFD", first)
    return dec[0] + unicodedata.normalize("NFC", second + dec[1:])


def old_tone_placement(text: str) -> str:
    """The inverse of fold_tone_placement: "hòa" -> "hoà", "Ủy" -> "Uỷ" (for writing names the way a page does)."""
    out = _NEW_TONE.sub(_unmove_tone, text)
    return out if len(out) == len(text) else text


def uses_old_tone_placement(text: str) -> bool:
    """Whether a text writes "hoà"/"uỷ" more often than "hòa"/"ủy"."""
    return len(_OLD_TONE.findall(text)) > len(_NEW_TONE.findall(text))


def ascii_fold(text: str) -> str:
    """Lower-case ASCII skeleton of a Vietnamese string ("Đắk Lắk" -> "dak lak"), for site names and codes."""
    s = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    return "".join(c for c in s if not unicodedata.combining(c)).lower()


# ---------------------------------------------------------------- people

def _entries(name: str) -> list[str]:
    """The entries of a one-per-line data file: its lines, stripped, without blanks and '#' comments."""
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [x.strip() for x in lines if x.strip() and not x.startswith("#")]


@cache
def sector_words() -> tuple[str, ...]:
    """Sectors as written in lower case after "ngành" ("ngành thuế", "ngành giáo dục")."""
    return tuple(_entries("sector_words.txt"))


@cache
def surnames() -> frozenset[str]:
    """Vietnamese family names (and ethnic-minority name markers such as "Y", "H'") that open a person's name."""
    return frozenset(_entries("surnames.txt"))


@cache
def cooperative_trades() -> tuple[str, ...]:
    """Trades naming a cooperative in lower case before its place (cooperative_trades.txt)."""
    return tuple(_entries("cooperative_trades.txt"))


@cache
def weak_surnames() -> frozenset[str]:
    """Family names that open a person's name only before "Văn" or "Thị" (weak_surnames.txt): they are also
    given names or place words ("Quảng Văn Tựu" but "Quảng Ninh")."""
    return frozenset(_entries("weak_surnames.txt")) - surnames()


@cache
def famous_names() -> frozenset[str]:
    """Historical figures places and schools are named after (famous_names.txt): "phường Phan Đình Phùng"."""
    return frozenset(_entries("famous_names.txt"))


@cache
def name_stop_words() -> frozenset[str]:
    """Lower-case syllables that end an organization's proper name in running text ("tổ chức", "giữ", "đã")."""
    return frozenset(_entries("name_stopwords.txt"))


@cache
def name_words() -> dict[str, tuple[str, ...]]:
    """The word lists the extractor reads to tell where a name runs (name_words.yaml): compounds kept inside
    names, kinds named after people or places, company organs, personal names' middle syllables, ..."""
    data = yaml.safe_load((DATA / "name_words.yaml").read_text(encoding="utf-8"))
    return {key: tuple(str(w) for w in words) for key, words in data.items()}


# A company's organs, which titles name ("Chủ tịch Hội đồng quản trị"): a post in one is the company's.
COMPANY_ORGANS = frozenset(name_words()["company_organs"])


@cache
def identity_words() -> dict[str, tuple[str, ...]]:
    """The word lists entity resolution reads (identity_words.yaml): place levels, unit heads,
    national marks and collective heads, each lower-case."""
    data = yaml.safe_load((DATA / "identity_words.yaml").read_text(encoding="utf-8"))
    return {key: tuple(str(w) for w in words) for key, words in data.items()}


@dataclass(frozen=True)
class Title:
    title: str
    variants: tuple[str, ...]
    org_head: str  # head noun of the organization the title embeds ("Ban" in "Trưởng ban"), or ""
    implied: str  # organization kind implied when none is named ("Tỉnh ủy" for "Tỉnh ủy viên"), or ""
    media: bool  # newsroom title: the person is page chrome


@cache
def titles() -> tuple[Title, ...]:
    """All titles, each with its written variants."""
    return tuple(
        Title(r[0], tuple(_split(_col(r, 1))), _col(r, 2), _col(r, 3), _col(r, 4) == "media") for r in _rows("titles.tsv")
    )


@cache
def title_forms() -> dict[str, Title]:
    """Every written form of a title (case-folded, tone placement folded) -> its Title."""
    out: dict[str, Title] = {}
    for t in titles():
        for form in (t.title, *t.variants):
            out.setdefault(fold_tone_placement(form).casefold(), t)
    return out


def normalise_title(text: str) -> str | None:
    """The normalised title for a written form ("TUV" -> "Tỉnh ủy viên", "P.Giám đốc" -> "Phó Giám đốc")."""
    t = title_forms().get(fold_tone_placement(" ".join(text.split())).casefold())
    return t.title if t else None


@dataclass(frozen=True)
class Honorific:
    canonical: str
    variants: tuple[str, ...]
    kind: str  # academic | honour | rank | address
    rank: int


# the kinds of honorific FORMAT.md's one "honorific" names (an academic degree wins over a form of address); a
# person's other honorifics (ranks, honours, professions, familiar forms) are kept beside it
ANNOTATED_HONORIFIC_KINDS = frozenset({"academic", "address"})


@cache
def honorifics() -> tuple[Honorific, ...]:
    """Academic titles, state honours, ranks and forms of address."""
    return tuple(Honorific(r[0], tuple(_split(r[1])), r[2], int(r[3])) for r in _rows("honorifics.tsv"))


def _honorific_key(text: str) -> str:
    return re.sub(r"[\s.,]+", ".", text.strip(" .,")).casefold()


@cache
def honorific_forms() -> dict[str, Honorific]:
    """Written honorific (dots/spaces normalised, case-folded) -> Honorific ("PGS. TS." and "PGS.TS" are one)."""
    out: dict[str, Honorific] = {}
    for h in honorifics():
        for form in (h.canonical, *h.variants):
            out.setdefault(_honorific_key(form), h)
    return out


def normalise_honorific(text: str) -> Honorific | None:
    """The honorific for a written form ("Tiến sĩ" -> TS, "PGS. TS." -> PGS.TS, "Đồng chí" -> đồng chí)."""
    return honorific_forms().get(_honorific_key(text))


# ---------------------------------------------------------------- organizations

@dataclass(frozen=True)
class OrgKind:
    kind: str
    variants: tuple[str, ...]
    tail: str  # fixed | placed | numbered | sector | open | party
    scope: str  # local | national | any
    naming: str  # level | bare
    level: str  # level word of a bare kind's place


@cache
def org_kinds() -> tuple[OrgKind, ...]:
    """Organization kinds (heads of organization names) with how their names continue."""
    return tuple(
        OrgKind(r[0], tuple(_split(r[1])), r[2], r[3], r[4], _col(r, 5)) for r in _rows("org_kinds.tsv")
    )


@cache
def org_kind(kind: str) -> OrgKind | None:
    """The OrgKind with this canonical head."""
    return next((k for k in org_kinds() if k.kind == kind), None)


@cache
def sectors() -> tuple[tuple[str, tuple[str, ...]], ...]:
    """Fields naming ministries and departments ("Khoa học và Công nghệ", with "KH&CN", "KH và CN", ...)."""
    return tuple((r[0], tuple(_split(_col(r, 1)))) for r in _rows("sectors.tsv"))


@cache
def abbreviations() -> dict[str, tuple[str, bool]]:
    """Abbreviation -> (expansion, whether canonical names expand it)."""
    return {r[0]: (r[1], _col(r, 2) != "no") for r in _rows("abbreviations.tsv")}


@cache
def _abbr_pattern() -> re.Pattern[str]:
    keys = sorted((k for k, (_, on) in abbreviations().items() if on), key=len, reverse=True)
    alts = "|".join(re.escape(k).replace(r"\ ", r"\s*") for k in keys)
    return re.compile(rf"(?<![\w&])(?:{alts})(?![\w&])")


@cache
def _abbr_table() -> dict[str, str]:
    return {re.sub(r"\s+", "", k): v for k, (v, on) in abbreviations().items() if on}


@cache
def _all_abbr() -> tuple[re.Pattern[str], dict[str, str]]:
    keys = sorted(abbreviations(), key=len, reverse=True)
    alts = "|".join(re.escape(k).replace(r"\ ", r"\s*") for k in keys)
    table = {re.sub(r"\s+", "", k): v for k, (v, _) in abbreviations().items()}
    return re.compile(rf"(?<![\w&])(?:{alts})(?![\w&])"), table


def expand_all_abbreviations(name: str) -> str:
    """Every abbreviation written out, school levels included ("Trường PTDTNT THPT" -> "Trường Phổ thông Dân tộc nội
    trú Trung học phổ thông"): a comparison key for names, not a display form."""
    rx, table = _all_abbr()
    name = fold_tone_placement(" ".join(name.split()))
    return " ".join(rx.sub(lambda m: table.get(re.sub(r"\s+", "", m.group(0)), m.group(0)), name).split())


def expand_abbreviations(name: str) -> str:
    """A name with its government abbreviations written out ("UBND tỉnh" -> "Ủy ban nhân dân tỉnh",
    "Sở KH và CN" -> "Sở Khoa học và Công nghệ", "Viện KHCN&MT" -> "Viện Khoa học Công nghệ và Môi trường").
    School-level abbreviations (THPT, THCS) are kept, being the usual names. Tone placement is normalised."""
    table = _abbr_table()
    name = fold_tone_placement(" ".join(name.split()))
    out = _abbr_pattern().sub(lambda m: table.get(re.sub(r"\s+", "", m.group(0)), m.group(0)), name)
    return " ".join(out.split())


# ---------------------------------------------------------------- places

@dataclass(frozen=True)
class Province:
    name: str
    level: str  # "tỉnh" | "thành phố"
    variants: tuple[str, ...]
    era: str  # both | pre2025 | post2025
    merged_into: str

    @property
    def locality(self) -> str:
        """The name with its level word, as organization names carry it ("tỉnh Nam Định")."""
        return f"{self.level} {self.name}"


@cache
def provinces() -> tuple[Province, ...]:
    """The 63 provinces/cities before the 2025 merger and the 34 after (era tells which)."""
    return tuple(Province(r[0], r[1], tuple(_split(_col(r, 2))), r[3], _col(r, 4)) for r in _rows("provinces.tsv"))


@cache
def _province_index() -> dict[str, Province]:
    idx: dict[str, Province] = {}
    # pre-2025 units first so that "Thừa Thiên Huế" names the province it was when articles were written
    for p in sorted(provinces(), key=lambda p: p.era == "post2025"):
        for form in (p.name, *p.variants):
            idx.setdefault(fold_tone_placement(form).casefold(), p)
            idx.setdefault(ascii_fold(form).replace(" ", ""), p)
    return idx


@lru_cache(maxsize=8192)  # (called for every place word of every article, with few distinct names)
def find_province(name: str) -> Province | None:
    """The province or centrally-run city a name denotes, with or without its level word
    ("Nam Định", "tỉnh Nam Định", "TP. Hồ Chí Minh", "Thành phố Hải Phòng", "Bac Kan"); None if not one."""
    s = fold_tone_placement(" ".join(name.split())).strip(" .,")
    s = re.sub(r"^(?:tỉnh|thành phố|tp\.?)\s*", "", s, flags=re.IGNORECASE)
    idx = _province_index()
    return idx.get(s.casefold()) or idx.get(ascii_fold(s).replace(" ", ""))


@dataclass(frozen=True)
class District:
    name: str  # "Thọ Xuân", "Quận 1"
    level: str  # quận | huyện | thị xã | thành phố
    province: str  # as in provinces.tsv


@cache
def districts() -> tuple[District, ...]:
    """District-level units before the July 2025 reform (districts.tsv)."""
    return tuple(District(r[0], r[1], r[2]) for r in _rows("districts.tsv"))


@cache
def district_province() -> dict[str, Province]:
    """Folded district name -> its province, for names that only one province has ("Thọ Xuân", not "Châu Thành")."""
    seen: dict[str, set[str]] = {}
    for d in districts():
        seen.setdefault(fold_tone_placement(d.name).casefold(), set()).add(d.province)
    return {name: p for name, ps in seen.items() if len(ps) == 1 and (p := find_province(next(iter(ps))))}


@cache
def district_names_folded() -> frozenset[str]:
    """Every district's name (tone placement folded, case kept): "Triệu Phong", "Lê Chân"."""
    return frozenset(fold_tone_placement(d.name) for d in districts())


def normalise_locality(text: str) -> str | None:
    """"tỉnh Nam Định" / "thành phố Hải Phòng" for any way of naming a province or centrally-run city, else None."""
    p = find_province(text)
    return p.locality if p else None


@cache
def province_names() -> tuple[str, ...]:
    """All written forms of province names, longest first (for building matchers)."""
    forms = {f for p in provinces() for f in (p.name, *p.variants) if len(f) >= 3 and not f.isupper()}
    return tuple(sorted(forms, key=len, reverse=True))


@dataclass(frozen=True)
class Newspaper:
    name: str
    variants: tuple[str, ...]
    place: str  # a province name, or "national"
    codes: tuple[str, ...]


@cache
def newspapers() -> tuple[Newspaper, ...]:
    """Newspapers with the place they cover and their dateline codes."""
    return tuple(Newspaper(r[0], tuple(_split(_col(r, 1))), r[2], tuple(_split(_col(r, 3)))) for r in _rows("newspapers.tsv"))


def newspaper_by_code(code: str) -> Newspaper | None:
    """The newspaper a dateline code denotes ("BBK" -> Báo Bắc Kạn, "QNO" -> Báo Quảng Nam,
    "Baonghean.vn" -> Báo Nghệ An)."""
    c = code.strip(" ()-–").casefold()
    n = _papers_by_code().get(c)
    if n is not None:
        return n
    m = re.fullmatch(r"(?:www\.)?bao([a-z]+)\.(?:vn|com\.vn|org\.vn|gov\.vn)", ascii_fold(c))
    if m:
        return _papers_by_ascii_place().get(m.group(1))
    return None


@cache
def _papers_by_code() -> dict[str, Newspaper]:
    out: dict[str, Newspaper] = {}
    for n in newspapers():
        for x in n.codes:
            out.setdefault(x.casefold(), n)
    return out


@cache
def _papers_by_ascii_place() -> dict[str, Newspaper]:
    out: dict[str, Newspaper] = {}
    for n in newspapers():
        if n.place != "national":
            out.setdefault(ascii_fold(n.place).replace(" ", ""), n)
    return out


@cache
def _newspaper_names() -> dict[str, Newspaper]:
    out: dict[str, Newspaper] = {}
    for n in newspapers():
        for f in (n.name, *n.variants):
            out.setdefault(fold_tone_placement(f).casefold(), n)
    return out


@lru_cache(maxsize=8192)
def newspaper_by_name(text: str) -> Newspaper | None:
    """The newspaper whose name (or a variant) is the given text, ignoring case ("BÁO NAM ĐỊNH ĐIỆN TỬ"), also
    with its site's suffix ("Báo Tây Ninh Online", "Báo Hòa Bình điện tử")."""
    key = fold_tone_placement(" ".join(text.split())).casefold()
    names = _newspaper_names()
    bare = re.sub(r"[ \t]+(?:online|điện tử|đt)$", "", key)
    # ("Gia Lai điện tử": a site's name with its suffix and without "Báo")
    return names.get(key) or names.get(bare) or (names.get("báo " + bare) if bare != key else None)


@cache
def roles() -> tuple[tuple[str, str], ...]:
    """(phrase, participation role) pairs, longest phrase first ("phát biểu chỉ đạo" -> spoke, "tới dự" -> attended)."""
    return tuple(sorted(((r[0], r[1]) for r in _rows("roles.tsv")), key=lambda x: len(x[0]), reverse=True))
