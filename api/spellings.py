"""Search by every spelling of a name: "Sở KH&CN Hà Tĩnh" also looks for "Sở Khoa học và Công nghệ Hà Tĩnh", so an
abbreviation finds an organization even when no loaded article wrote it that way (the store indexes the forms the
articles used, and canonical names are written out)."""

from __future__ import annotations

from collections.abc import Sequence

from orgkg.graph.store import SearchHit, Store
from orgkg.loaders.lexicon import expand_abbreviations


def spellings(text: str) -> list[str]:
    """The text as written, then with its abbreviations (loaders/data/abbreviations.tsv) written out."""
    expanded = expand_abbreviations(text)
    return [text] if expanded == " ".join(text.split()) else [text, expanded]


def search_spellings(store: Store, text: str, first: int, types: Sequence[str]) -> list[SearchHit]:
    """store.search over every spelling, each node once with its best score, best first."""
    best: dict[str, SearchHit] = {}
    for spelling in spellings(text):
        for hit in store.search(spelling, first, types):
            if hit.node.id not in best or hit.score > best[hit.node.id].score:
                best[hit.node.id] = hit
    return sorted(best.values(), key=lambda h: (-h.score, h.node.id))[:first]
