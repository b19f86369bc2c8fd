"""Text normalisation shared by identity keys, search and comparison."""

from __future__ import annotations

import re
import unicodedata

_PUNCT = re.compile(r"[\"'“”‘’`,.;:!?()\[\]{}<>«»–—\-_/\\|*+=#@%^~…]")
_SPACE = re.compile(r"\s+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


def nfc(text: str) -> str:
    """NFC form with control characters (other than tab and newline) removed."""
    return _CONTROL.sub("", unicodedata.normalize("NFC", text))


def strip_diacritics(text: str) -> str:
    """Vietnamese letters without tone and vowel marks; đ becomes d."""
    decomposed = unicodedata.normalize("NFD", text)
    bare = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return bare.replace("đ", "d").replace("Đ", "D")


def norm(text: str | None) -> str:
    """Case, spacing, punctuation and '&'/'và' differences removed; diacritics kept."""
    if not text:
        return ""
    s = unicodedata.normalize("NFC", text).casefold()
    s = s.replace("&", " và ")
    s = _PUNCT.sub(" ", s)
    return " ".join(s.split())


def fold(text: str | None) -> str:
    """`norm` without diacritics: the form search and diacritic-insensitive filters compare."""
    return strip_diacritics(norm(text))


def squash(text: str) -> str:
    """Collapse runs of whitespace to one space and trim."""
    return _SPACE.sub(" ", text).strip()
