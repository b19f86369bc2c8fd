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


class _Bare(dict):
    """str.translate's table for strip_diacritics: a nonspacing mark (category Mn) goes, đ and Đ become
    d and D, anything else stays. Filled as characters are met (the Basic Multilingual Plane's are
    remembered), so each text is one pass of C code rather than a Python test per character."""

    def __missing__(self, code: int) -> int | str | None:
        value = None if unicodedata.category(chr(code)) == "Mn" else code
        if code < 0x10000:
            self[code] = value
        return value


_BARE = _Bare({ord("đ"): "d", ord("Đ"): "D"})


def strip_diacritics(text: str) -> str:
    """Vietnamese letters without tone and vowel marks; đ becomes d."""
    return unicodedata.normalize("NFD", text).translate(_BARE)


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
