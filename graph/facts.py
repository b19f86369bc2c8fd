"""What loaders hand to a store: the facts of one article, each with its evidence."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Evidence:
    """Where in an article a fact was read: the mention's span and its sentence's span."""

    start: int | None = None
    end: int | None = None
    sentence_start: int | None = None
    sentence_end: int | None = None

    def as_list(self) -> list[int | None]:
        return [self.start, self.end, self.sentence_start, self.sentence_end]

    @classmethod
    def from_list(cls, values: list[int | None]) -> Evidence:
        return cls(*values)


@dataclass
class NodeFact:
    id: str
    type: str
    props: dict[str, Any]
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class EdgeFact:
    id: str
    type: str
    source: str
    target: str
    props: dict[str, Any] = field(default_factory=dict)
    evidence: list[Evidence] = field(default_factory=list)


@dataclass
class Resolution:
    """How one mention of an article became a node: the id its key gave (`record`), the node it
    resolved to after judgements, and why (`props`: name as written, key, rule, judgement...)."""

    record: str
    node: str
    type: str
    props: dict[str, Any] = field(default_factory=dict)
    article: str = ""  # set when read back from a store


@dataclass
class Batch:
    """One article's facts: written to a store atomically, replacing what the article said before."""

    article: NodeFact
    text: str | None = None
    nodes: list[NodeFact] = field(default_factory=list)
    edges: list[EdgeFact] = field(default_factory=list)
    digest: str = ""  # content hash of the input: an unchanged article is skipped on reload
    resolutions: list[Resolution] = field(default_factory=list)  # replaced with the article's claims
