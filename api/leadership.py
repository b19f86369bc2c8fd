"""Who leads an organization on a date: ranks read from titles, and holdings dated by term or sightings.

The titles are data (loaders/data/leadership.tsv); the rules here are the two the brief fixes:
- "Phó " + a head title (optionally "Thường trực" / "thứ nhất" after it) is a deputy;
- a holding counts on a date when its term (validFrom..validUntil) covers it, or, when no term
  is known, when firstSeen..lastSeen does; a year or month bound covers the whole year or month.
"""

from __future__ import annotations

import enum
import unicodedata
from functools import cache, lru_cache
from importlib import resources
from typing import Any

import strawberry

DEPUTY_PREFIX = "phó "
DEPUTY_SUFFIXES = (" thường trực", " thứ nhất")


@strawberry.enum(description="A leader's rank in the organization their post belongs to.")
class Leadership(enum.Enum):
    HEAD = "HEAD"
    DEPUTY = "DEPUTY"


def _key(title: str) -> str:
    return " ".join(unicodedata.normalize("NFC", title).casefold().split())


@cache
def _ranks() -> dict[str, Leadership]:
    text = resources.files("orgkg.loaders").joinpath("data/leadership.tsv").read_text(encoding="utf-8")
    ranks: dict[str, Leadership] = {}
    rows = [line for line in text.splitlines() if line.strip() and not line.startswith("#")]
    for line in rows[1:]:  # the first is the column header
        title, rank = line.split("\t")[:2]
        ranks[_key(title)] = Leadership[rank.strip().upper()]
    return ranks


@lru_cache(maxsize=4096)  # a graph holds a few hundred distinct titles, asked for again on every leader listed
def rank(title: str | None) -> Leadership | None:
    """HEAD, DEPUTY or None (not a leadership title) for a post's title."""
    if not title:
        return None
    key = _key(title)
    ranks = _ranks()
    if key in ranks:
        return ranks[key]
    if key.startswith(DEPUTY_PREFIX):
        rest = key[len(DEPUTY_PREFIX):]
        for suffix in DEPUTY_SUFFIXES:
            rest = rest.removesuffix(suffix)
        if ranks.get(rest) is Leadership.HEAD:
            return Leadership.DEPUTY
    return None


def _low(date: str) -> str:
    return date  # "2023" and "2023-06" sort before every day they contain


def _high(date: str) -> str:
    # "2023" → "2023-99": after every day of 2023 and before 2024; likewise for a month
    return date + "-99" if len(date) < 10 else date


def span(props: dict[str, Any]) -> tuple[str, str] | None:
    """The dates a holding covers, as (low, high) bounds comparable as strings; None when undated."""
    start, end = props.get("validFrom"), props.get("validUntil")
    if not (start or end):
        start, end = props.get("firstSeen"), props.get("lastSeen")
    if not (start or end):
        return None
    return (_low(start) if start else "", _high(end) if end else "9999")


def covers(props: dict[str, Any], on: str) -> bool:
    """Whether a holding with these properties counts on `on` (a date, month or year: any overlap)."""
    known = span(props)
    if known is None:
        return False
    low, high = known
    return low <= _high(on) and _low(on) <= high
