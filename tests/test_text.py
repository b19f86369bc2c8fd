"""Text normalisation helpers (schema/text.py)."""

from __future__ import annotations

import unicodedata

from orgkg.schema.text import fold, strip_diacritics


def _reference(text: str) -> str:
    """The definition: NFD, nonspacing marks (Mn) dropped, đ → d."""
    bare = "".join(c for c in unicodedata.normalize("NFD", text) if unicodedata.category(c) != "Mn")
    return bare.replace("đ", "d").replace("Đ", "D")


def test_strip_diacritics_is_its_definition_on_every_character() -> None:
    chars = [chr(i) for i in range(0x110000) if not 0xD800 <= i < 0xE000]
    for i in range(0, len(chars), 64):
        chunk = "".join(chars[i:i + 64])
        assert strip_diacritics(chunk) == _reference(chunk), hex(ord(chars[i]))


def test_fold_of_vietnamese() -> None:
    assert fold("Ủy ban nhân dân tỉnh Đắk Lắk") == "uy ban nhan dan tinh dak lak"
