"""Combining what several articles say about one node or relationship.

Every rule is a join in a semilattice (commutative, associative, idempotent), so the merged
value does not depend on the order articles are loaded in, and a new claim can be folded into
the stored value without re-reading the others.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from orgkg.schema import Property


def _join(rule: str, a: Any, b: Any) -> Any:
    if a is None or a == [] or a == "":
        return b
    if b is None or b == [] or b == "":
        return a
    if rule == "union":
        return sorted(set(a) | set(b))
    if rule == "min" or rule == "first":
        return min(a, b)
    if rule == "max":
        return max(a, b)
    if rule == "longest":
        # Ties go to the spelling with more capitals ("Viện Khoa học Công nghệ" over "Viện Khoa học
        # công nghệ": standard capitalisation of a name), then by code point: still a total order.
        return min(a, b, key=lambda s: (-len(s), -sum(c.isupper() for c in s), s))
    raise ValueError(f"unknown merge rule {rule!r}")


def merge_props(properties: dict[str, Property], current: dict[str, Any], claim: dict[str, Any]) -> dict[str, Any]:
    """`current` joined with one more claim, property by property (unknown keys join as 'first')."""
    out = dict(current)
    for key, value in claim.items():
        rule = properties[key].merge if key in properties else "first"
        if rule == "union" and value is not None and not isinstance(value, list):
            value = [value]
        joined = _join(rule, out.get(key), value)
        if joined is None or joined == [] or joined == "":
            out.pop(key, None)
        else:
            out[key] = joined
    return out


def merge_all(properties: dict[str, Property], claims: Iterable[dict[str, Any]]) -> dict[str, Any]:
    merged: dict[str, Any] = {}
    for claim in claims:
        merged = merge_props(properties, merged, claim)
    return merged
