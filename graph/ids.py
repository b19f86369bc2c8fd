"""Deterministic ids: the same canonical key always gives the same id, on any machine."""

from __future__ import annotations

import hashlib
import re

_SAFE = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.\-]{0,99}$")


def make_id(prefix: str, *key: object) -> str:
    """`prefix:` and 16 hex digits of the SHA-1 of the key parts."""
    raw = "\x1f".join("" if k is None else str(k) for k in key)
    return f"{prefix}:{hashlib.sha1(raw.encode('utf-8')).hexdigest()[:16]}"


def article_id(source_id: str) -> str:
    """An article keeps its own id when it is URL-safe, else a hash of it."""
    return f"art:{source_id}" if _SAFE.match(source_id) else make_id("art", source_id)


def local_part(node_id: str) -> str:
    return node_id.split(":", 1)[1]


def digest(*parts: str) -> str:
    """A content hash of several strings (lone surrogates included), for skipping unchanged input."""
    h = hashlib.sha1()
    for p in parts:
        h.update(p.encode("utf-8", "surrogatepass"))
        h.update(b"\x1f")
    return h.hexdigest()
