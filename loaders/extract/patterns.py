"""Regular expressions and word sets built once from the lexicons; shared by the extractor's modules."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache

from orgkg.loaders import lexicon as lx

# A word of running text: letters/digits with inner & . - ' (so "KH&CN", "KHCN&MT", "P.Giám", "H'Hen" stay whole),
# and a slash between capitals ("HIV/AIDS"), never between digits ("12/7", "quý I/2026" stay apart).
WORD = re.compile(r"[^\W_](?:[\w&'’]|[.](?=\w)|(?<=[A-ZĐ])/(?=[A-ZĐ]))*|&")

# Lower-case words that never continue an organization's proper name (verbs, function words, time words).
STOP_WORDS = lx.name_stop_words()

# Two-syllable words that open with a stop syllable but belong inside names ("Viện Nghiên cứu và phát triển vùng").
NAME_COMPOUNDS = frozenset(lx.name_words()["name_compounds"])

LEVEL_WORDS = ("thành phố", "thị trấn", "thị xã", "tỉnh", "huyện", "quận", "xã", "phường", "thôn", "bản", "ấp",
               "TP.", "TP")
PLACE_LEVEL = {"TP": "thành phố", "TP.": "thành phố"}

SCHOOL_WORDS = frozenset({"THPT", "THCS", "TH", "Tiểu", "Mầm", "MN", "PTDTNT", "PTDTBT", "DTNT", "PTDT", "Trung",
                          "Phổ", "học", "sở", "thông", "non"})


def alternation(forms: list[str] | set[str] | tuple[str, ...]) -> str:
    """Regex alternation of literal forms, longest first, spaces matching any run of spaces."""
    uniq = sorted({f for f in forms if f}, key=len, reverse=True)
    return "|".join(re.escape(f).replace(r"\ ", r"\s+") for f in uniq)


def trie_alternation(forms: list[str] | set[str] | tuple[str, ...]) -> str:
    """The same language as alternation(forms), longest first, as a trie: alternatives sharing a prefix share its
    match, so the engine tries one branch per character instead of every form at every position (the organization
    heads are several hundred forms, tried wherever a name may start). A space matches any run of spaces."""
    trie: dict = {}
    for f in {f for f in forms if f}:
        node = trie
        for tok in re.findall(r" |[^ ]", f):
            node = node.setdefault(tok, {})
        node[""] = {}

    def emit(node: dict) -> str:
        # a longer continuation before ending here, as longest-first alternation does
        branches = [(r"\s+" if tok == " " else re.escape(tok)) + emit(child) for tok, child in node.items() if tok]
        ends = "" in node
        if not branches:
            return ""
        body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
        return f"(?:{body})?" if ends else body

    return emit(trie)


def _folded(forms: Iterable[str]) -> list[str]:
    """Forms in one case, for a case-insensitive trie (two cases of one form would be two branches, and the first
    to match would win where the longest should)."""
    return sorted({f.casefold() for f in forms})


@cache
def kind_by_form() -> dict[str, lx.OrgKind]:
    """Written head form (tone placement folded) -> organization kind. Each form of three words or more is also
    known in sentence case, as reports often write it ("Trung tâm y tế", "Phòng Cảnh sát phòng cháy, …"), proper
    nouns kept ("Ủy ban mặt trận Tổ quốc Việt Nam" stays capitalised where it names the country)."""
    out: dict[str, lx.OrgKind] = {}
    for k in lx.org_kinds():
        for f in (k.kind, *k.variants):
            out.setdefault(lx.fold_tone_placement(f), k)
    for f, k in list(out.items()):
        words = f.split(" ")
        if len(words) >= 3 and not any(w.isupper() and len(w) > 1 for w in words):
            lowered = " ".join([words[0], *(w if w in _PROPER_IN_KINDS else w.lower() for w in words[1:])])
            out.setdefault(lowered, k)
    return out


# words that stay capitalised inside a name written in sentence case
_PROPER_IN_KINDS = frozenset(lx.name_words()["proper_in_kinds"])


@cache
def kind_by_form_ci() -> dict[str, lx.OrgKind]:
    out: dict[str, lx.OrgKind] = {}
    for f, k in kind_by_form().items():
        out.setdefault(f.casefold(), k)
    return out


@cache
def head_re() -> re.Pattern[str]:
    """Heads of organization names ("Ủy ban nhân dân", "UBND", "Sở", "Liên hiệp các Hội KH&KT", ...)."""
    return re.compile(rf"(?<![\w&])(?:{trie_alternation(list(kind_by_form()))})(?![\w&])")


@cache
def head_re_ci() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w&])(?:{trie_alternation(_folded(kind_by_form()))})(?![\w&])", re.IGNORECASE)


@cache
def sector_by_form() -> dict[str, str]:
    out: dict[str, str] = {}
    for field, variants in lx.sectors():
        for f in (field, *variants):
            out.setdefault(lx.fold_tone_placement(f).casefold(), field)
    return out


@cache
def sector_re() -> re.Pattern[str]:
    return re.compile(rf"\s+({trie_alternation(_folded(sector_by_form()))})(?![\w&])", re.IGNORECASE)


@cache
def province_alt() -> str:
    """Alternation of every written province name (tone placement folded)."""
    return trie_alternation([lx.fold_tone_placement(f) for f in lx.province_names()])


@cache
def province_re() -> re.Pattern[str]:
    return re.compile(rf"(?<![\w])({province_alt()})(?![\w])")


@cache
def title_re() -> re.Pattern[str]:
    """Every written title form, case-insensitive, longest first, as whole words."""
    return re.compile(rf"(?<![\w.])(?:{trie_alternation(_folded(lx.title_forms()))})(?![\w])", re.IGNORECASE)


@cache
def honorific_re() -> re.Pattern[str]:
    """A run of honorifics ("PGS. TS.", "Đồng chí", "Thiếu tướng", "ông") just before a name."""
    return re.compile(rf"(?<![\w&])({_one_honorific()}(?:\s*[.,]?\s*{_one_honorific()})*)\s*$")


@cache
def _one_honorific() -> str:
    forms = []
    for h in lx.honorifics():
        for f in (h.canonical, *h.variants):
            forms.append(f)
            if "." in f:
                forms.append(f.replace(".", ". "))
    return rf"(?:{alternation(forms)})(?![\w])\.?"


@cache
def honorific_one_re() -> re.Pattern[str]:
    """One honorific of a run."""
    return re.compile(_one_honorific())


def _first_word(form: str) -> str:
    m = WORD.match(lx.fold_tone_placement(form).strip())
    return m.group(0) if m else ""


@cache
def title_first_words() -> frozenset[str]:
    """First words of all title forms, case-folded: a cheap test before the title alternation."""
    return frozenset(_first_word(f).casefold() for f in lx.title_forms())


@cache
def head_first_words() -> frozenset[str]:
    """First words of all organization heads, case-folded."""
    return frozenset(_first_word(f).casefold() for f in kind_by_form())


@cache
def title_first_re() -> re.Pattern[str]:
    """A word that may open a title (its first word), as a whole word."""
    return re.compile(rf"(?<![\w.])(?:{trie_alternation(_folded(title_first_words()))})(?![\w])", re.IGNORECASE)


def may_start(ft: str, pos: int, firsts: frozenset[str]) -> bool:
    """Whether the word at pos is the first word of one of the forms (so the big alternation is worth trying)."""
    m = WORD.match(ft, pos)
    return bool(m) and m.group(0).casefold() in firsts


@cache
def name_start_re() -> re.Pattern[str]:
    """Where a personal name may start: a known surname as a whole word (followed by a space), or a one-word
    K'Ho/Ê Đê name ("K'Brôl", "H'Hen")."""
    alts = trie_alternation(sorted(surname_set()))
    weak = trie_alternation(sorted(lx.weak_surnames()))
    return re.compile(rf"(?<![\w&'’.])(?:(?:{alts})(?=[ \u00a0])|(?:{weak})(?=[ \u00a0](?:Văn|Thị)[ \u00a0])"
                      rf"|(?:K|H|Y|Ka|Kơ|Ma|Rơ)['’](?=[A-ZĐ]))")


@cache
def surname_set() -> frozenset[str]:
    return lx.surnames()


@cache
def place_names_folded() -> frozenset[str]:
    return frozenset(lx.fold_tone_placement(f) for p in lx.provinces() for f in (p.name, *p.variants))


def is_name_syllable(w: str) -> bool:
    """A capitalised Vietnamese syllable ("Nghị", "Đoài"), or an Ê Đê marker like "H'Hen" (or "H'leo", as the
    district "Ea H'leo" is often written)."""
    if not w or not w[0].isupper() or len(w) > 8:
        return False
    rest = w[1:]
    if rest.startswith(("'", "’")):
        rest = rest[1:]
        return rest[:1].isalpha() and (rest[1:].islower() or not rest[1:])
    return rest == "" or (rest.isalpha() and rest.islower())
