"""The trie alternation that the extractor's largest patterns use matches what the flat alternation matches."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from orgkg.loaders.extract import patterns as pt

# few letters and spaces, so that forms share prefixes and texts hold them often
_WORD = st.text(alphabet="abĐđ ", min_size=1, max_size=6).filter(lambda s: s.strip() == s and "  " not in s)


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORD, min_size=1, max_size=12), st.text(alphabet="abĐđ  x.", max_size=40))
def test_the_trie_finds_what_the_flat_alternation_finds(forms: list[str], text: str) -> None:
    flat = re.compile(rf"(?<![\w])(?:{pt.alternation(forms)})(?![\w])")
    trie = re.compile(rf"(?<![\w])(?:{pt.trie_alternation(forms)})(?![\w])")
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]


def test_the_organization_heads_match_as_before() -> None:
    heads = list(pt.kind_by_form())
    flat = re.compile(rf"(?<![\w&])(?:{pt.alternation(heads)})(?![\w&])")
    text = ("UBND tỉnh, Ủy ban nhân dân huyện, Sở Nông nghiệp và Môi trường, Liên hiệp các Hội KH&KT, Đảng ủy các cơ "
            "quan Đảng tỉnh, Ban Chấp hành, Chi bộ, Hội Nông dân, Trường Đại học Y Hà Nội, Công ty TNHH MTV Xổ số kiến thiết")
    assert [m.span() for m in pt.head_re().finditer(text)] == [m.span() for m in flat.finditer(text)]


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet="aAbĐđ ", min_size=1, max_size=6).filter(lambda s: s.strip() == s and "  " not in s),
                min_size=1, max_size=12), st.text(alphabet="aAbBĐđ  x.", max_size=40))
def test_the_case_insensitive_trie_finds_what_the_flat_alternation_finds(forms: list[str], text: str) -> None:
    flat = re.compile(rf"(?<![\w])(?:{pt.alternation(forms)})(?![\w])", re.IGNORECASE)
    trie = re.compile(rf"(?<![\w])(?:{pt.trie_alternation(pt._folded(forms))})(?![\w])", re.IGNORECASE)
    assert [m.span() for m in trie.finditer(text)] == [m.span() for m in flat.finditer(text)]
