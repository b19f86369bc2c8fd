"""The extractor's output is checked for NFC whole (records.is_clean) instead of normalised string by string:
what the check accepts, the string-by-string walk would leave as it is."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from orgkg.loaders.records import is_clean, nfc_tree, parse_annotation

# Letters with and without marks, decomposed marks, control characters, \r, lone surrogates, escapes.
pieces = st.sampled_from(["Hà Nội", "Ha\u0300 No\u0323i", "\u0301", "x", "\r\n", "\r", "\t", "\n", "\x07",
                          "\x7f", "\x1f", "\ud800", "\\", '"', "\\b", "đ", "\u2028", "😀"])
texts = st.lists(pieces, max_size=6).map("".join)
values = st.recursive(st.none() | st.booleans() | st.integers() | texts,
                      lambda inner: st.lists(inner, max_size=3) | st.dictionaries(texts, inner, max_size=3),
                      max_leaves=10)


@given(values)
def test_what_is_clean_is_left_as_it_is(value) -> None:
    if is_clean(value):
        assert nfc_tree(value) == value


def test_unclean_text_is_still_normalised() -> None:
    for raw in ["Ha\u0300 No\u0323i", "a\rb", "a\x07b", "a\x7fb"]:
        assert not is_clean({"meetings": [{"name": raw}]})
        ann = parse_annotation({"meetings": [{"name": raw}]}, extracted=True)
        assert ann.meetings[0].name == nfc_tree(raw)
    assert is_clean({"meetings": [{"name": "Hội nghị tổng kết\tnăm 2023\n"}]})
