"""Canonical keys, and so ids, for the things an article names.

Ids come from keys, never from load order: the same facts give the same ids in any order.
"""

from __future__ import annotations

import re

from orgkg.graph.ids import make_id
from orgkg.schema.text import norm

_TERM = re.compile(r"(\d{4})\s*[-–—/]\s*(\d{4})")


def org_key(name: str) -> str:
    return norm(name)


def org_id(name: str) -> str:
    return make_id("org", org_key(name))


def person_id(name: str, anchor: str) -> str:
    """A person is a name within a context (a locality or the top organization they serve)."""
    return make_id("per", norm(name), anchor)


def post_id(title: str, organization_id: str) -> str:
    return make_id("post", norm(title), organization_id)


def meeting_id(host_id: str | None, date: str | None, name: str, article: str) -> str:
    # Two reports of one meeting share its host and day; without a day it is this article's own.
    if host_id and date and len(date) == 10:
        return make_id("mtg", host_id, date)
    return make_id("mtg", host_id or "", date or "", norm(name), article)


def task_id(text: str, meeting: str | None, article: str) -> str:
    return make_id("task", norm(text), meeting or article)


def edge_id(rel: str, source: str, target: str, *key: object) -> str:
    return make_id("rel", rel, source, target, *key)


def term_years(term: str | None) -> tuple[str | None, str | None]:
    """("2022", "2025") from "2022-2025" or "nhiệm kỳ 2022 – 2025"."""
    if not term:
        return None, None
    m = _TERM.search(term)
    return (m.group(1), m.group(2)) if m else (None, None)


def normalise_term(term: str | None) -> str | None:
    start, end = term_years(term)
    return f"{start}-{end}" if start else (term or None)
