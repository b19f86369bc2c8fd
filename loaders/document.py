"""One source article as the loaders see it, whatever file it came from."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Document:
    """An article's main text (NFC) and the metadata its container gave."""

    id: str
    text: str
    title: str | None = None
    url: str | None = None
    published: str | None = None  # ISO date from the page's metadata, if any
    site: str | None = None  # newspaper or site name from the page's metadata, if any
    origin: str = ""  # "path" or "path:line", for messages
