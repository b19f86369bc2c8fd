"""Merge rules: order-independent joins of what several articles claim."""

from __future__ import annotations

import itertools

from orgkg.graph.merge import merge_all
from orgkg.schema import load_model

ORG = load_model().nodes["Organization"].properties


def test_every_order_gives_the_same_merge() -> None:
    claims = [
        {"name": "Viện Khoa học công nghệ và môi trường", "aliases": ["Viện KHCN&MT"]},
        {"name": "Viện Khoa học Công nghệ và Môi trường", "aliases": ["Viện KHCN & MT"], "kind": "Viện"},
        {"name": "Viện KHCN&MT", "aliases": []},
    ]
    results = {repr(merge_all(ORG, order)) for order in itertools.permutations(claims)}
    assert len(results) == 1


def test_longest_name_wins_and_ties_go_to_standard_capitalisation() -> None:
    merged = merge_all(ORG, [{"name": "Viện Khoa học công nghệ và môi trường"},
                             {"name": "Viện Khoa học Công nghệ và Môi trường"},
                             {"name": "Viện KHCN&MT"}])
    assert merged["name"] == "Viện Khoa học Công nghệ và Môi trường"


def test_lists_union_and_empty_values_do_not_erase() -> None:
    merged = merge_all(ORG, [{"aliases": ["b", "a"]}, {"aliases": ["c", "a"], "kind": None}, {"kind": "Sở"}])
    assert merged == {"aliases": ["a", "b", "c"], "kind": "Sở"}


def test_min_and_max_for_dates() -> None:
    holds = load_model().relationships["HOLDS"].properties
    merged = merge_all(holds, [{"firstSeen": "2023-05-01", "lastSeen": "2023-05-01"},
                               {"firstSeen": "2022-01-09", "lastSeen": "2022-01-09"},
                               {"firstSeen": "2024-02-02", "lastSeen": "2024-02-02"}])
    assert (merged["firstSeen"], merged["lastSeen"]) == ("2022-01-09", "2024-02-02")
