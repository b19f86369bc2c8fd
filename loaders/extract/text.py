"""Paragraphs and sentences of an article, as character spans of its text."""

from __future__ import annotations

import re
from dataclasses import dataclass

# A sentence ends at . ! ? … followed by space and a capital, quote or opening bracket; abbreviations such as
# "TS." or "TP." (a short all-capital token) do not end one.
_END = re.compile(r"(?<=[.!?…])[\"”’)]?\s+(?=[\"“‘(\[]?(\w))")
_ITEM_NUMBER = re.compile(r"(?:^|[.:;][ \t]+)\d{1,2}\.$")  # "2. Lãnh đạo ...": an item's number, not a sentence's end


@dataclass(frozen=True)
class Sentence:
    start: int
    end: int
    para: int  # index of the paragraph (line) it belongs to
    first_in_para: bool

    def text(self, doc: str) -> str:
        return doc[self.start:self.end]


def paragraphs(text: str) -> list[tuple[int, int]]:
    """Non-empty lines as (start, end) spans, without their surrounding spaces."""
    out = []
    for m in re.finditer(r"[^\n]+", text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            out.append((s, e))
    return out


def sentences(text: str) -> list[Sentence]:
    """Sentences of every paragraph, in order."""
    out: list[Sentence] = []
    for pi, (ps, pe) in enumerate(paragraphs(text)):
        cut = ps
        first = True
        for m in _END.finditer(text, ps, pe):
            head = text[cut:m.start()].rstrip("\"”’)")
            nxt = m.group(1)
            if not (nxt.isupper() or nxt.isdigit()) or _abbreviation(head) or _ITEM_NUMBER.search(head[-7:]):
                continue
            out.append(Sentence(cut, _trim_end(text, cut, m.start() + _closing(m.group(0))), pi, first))
            first = False
            cut = m.end()
        if cut < pe:
            out.append(Sentence(cut, pe, pi, first))
    return out


_LAST_TOKEN = re.compile(r"(?:^|[\s(])([^\s(]{1,8})\.$")
_TITLE_ABBR = frozenset({"ThS", "Ths", "TS", "TSKH", "GS", "PGS", "BS", "KS", "Tp", "TP", "St", "Th.S", "PGS.TS", "GS.TS"})


def _abbreviation(head: str) -> bool:
    """Whether the text before a period ends with an abbreviation ("NGƯT.", "PGS.TS.", "TP.") rather than a sentence."""
    m = _LAST_TOKEN.search(head[-10:])
    if not m:
        return False
    tok = m.group(1)
    if re.fullmatch(r"[IVXLC]+", tok):
        return False  # a Roman numeral ends its sentence: "... Quốc hội khóa XV. Đồng chí ..."
    return tok in _TITLE_ABBR or (tok.replace(".", "").isupper() and len(tok.replace(".", "")) <= 6
                                  and not tok.isdigit())


def _closing(sep: str) -> int:
    """Length of the closing quotes/brackets that belong to the sentence before a separator."""
    n = 0
    for ch in sep:
        if ch in "\"”’)":
            n += 1
        else:
            break
    return n


def _trim_end(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
