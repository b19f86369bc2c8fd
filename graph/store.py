"""The store interface every backend implements (SQLite embedded, Neo4j).

`where` filters are plain dicts (see `graph/where.py`), so the GraphQL layer, the CLI and tests
speak to every backend the same way. Calls take and return batches of ids: one call per level of
a GraphQL query, never one per node.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol

from orgkg.graph.facts import Batch, Resolution

Direction = Literal["out", "in"]


@dataclass(frozen=True)
class Node:
    id: str
    type: str
    props: dict[str, Any]

    def get(self, key: str, default: Any = None) -> Any:
        return self.props.get(key, default)


@dataclass(frozen=True)
class Edge:
    id: str
    type: str
    source: str
    target: str
    props: dict[str, Any]

    def other(self, node_id: str) -> str:
        return self.target if node_id == self.source else self.source


@dataclass(frozen=True)
class Source:
    """One place a fact was read: the article and, where known, the sentence and the mention's span."""

    article_id: str
    sentence: str | None = None
    start: int | None = None
    end: int | None = None


@dataclass
class Page:
    nodes: list[Node]
    cursors: list[str]
    total: int | None  # None when list_nodes was asked not to count (total=False)
    has_next: bool

    @property
    def end_cursor(self) -> str | None:
        return self.cursors[-1] if self.cursors else None


@dataclass
class WriteResult:
    article_id: str
    status: Literal["loaded", "skipped"]
    nodes: int = 0
    edges: int = 0


@dataclass
class SearchHit:
    node: Node
    score: float


@dataclass(frozen=True)
class GroupCount:
    """How many relationships one node has (with `key`: of those whose far node has that value)."""

    node_id: str
    key: str | None
    count: int


@dataclass
class Integrity:
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class ScanChunk:
    """One slice of `Store.scan`: nodes in id order, the relationships they state, and the ids of the
    articles stating each (sorted). Rows are plain tuples, decoded once: the whole graph passes
    through here, and an object per row would cost more than the export's writing.

    nodes: (id, type, props, articles); edges: (id, type, source, target, props, articles), ordered
    by the id of the end in the chunk, then edge id."""

    nodes: list[tuple[str, str, dict[str, Any], list[str]]]
    edges: list[tuple[str, str, str, str, dict[str, Any], list[str]]]


class StoreError(Exception):
    """A store refused an operation for a reason the user can act on."""


class Store(Protocol):
    # writes
    def write(self, batch: Batch) -> WriteResult: ...
    def write_many(self, batches: Iterable[Batch]) -> Iterator[WriteResult]: ...
    def delete_article(self, article_id: str) -> bool: ...

    # reads by id, batched
    def get_nodes(self, ids: Sequence[str]) -> dict[str, Node]: ...
    def edges(self, node_ids: Sequence[str], rel: str, direction: Direction) -> dict[str, list[Edge]]: ...
    def get_edges(self, ids: Sequence[str]) -> dict[str, Edge]: ...  # relationships by their own id
    def neighbours(
        self, node_ids: Sequence[str], rel: str, direction: Direction
    ) -> dict[str, list[tuple[Edge, Node]]]: ...
    def sources(self, fact_ids: Sequence[str]) -> dict[str, list[Source]]: ...
    def articles_of(self, fact_ids: Sequence[str]) -> dict[str, list[str]]: ...
    def article_text(self, article_id: str) -> str | None: ...
    def resolutions(self, node_ids: Sequence[str]) -> dict[str, list[Resolution]]: ...

    # listing, counting, search
    def list_nodes(
        self,
        node_type: str,
        where: dict[str, Any] | None = None,
        sort: Sequence[tuple[str, str]] = (),
        first: int = 20,
        after: str | None = None,
        total: bool = True,
    ) -> Page: ...
    def count(self, node_type: str, where: dict[str, Any] | None = None) -> int: ...
    def search(self, text: str, first: int = 10, types: Sequence[str] = ()) -> list[SearchHit]: ...
    def group_count(
        self,
        rel: str,
        direction: Direction,
        by: str | None = None,
        where: dict[str, Any] | None = None,
        far_where: dict[str, Any] | None = None,
        first: int = 20,
    ) -> list[GroupCount]: ...

    # whole-graph access for export, projection, sync and checks
    def iter_nodes(self, node_type: str | None = None) -> Iterator[Node]: ...
    def iter_edges(self, rel: str | None = None) -> Iterator[Edge]: ...
    def iter_batches(self) -> Iterator[Batch]: ...
    def scan(self, rels: Mapping[str, Direction], size: int = 1000,
             articles: Collection[str] | None = None) -> Iterator[ScanChunk]:
        """Every node in id order, `size` at a time, with its articles; with each chunk, every
        relationship of a type in `rels` whose end on that side ("out": the source, "in": the
        target) is in the chunk, with its articles if its type is in `articles` (None: every type;
        reading them is the costly part, and a triple format needs them only for some types),
        else with none. One ordered pass, no lookup per id: for export."""
        ...
    def stats(self) -> dict[str, int]: ...
    def check(self) -> Integrity: ...
    def close(self) -> None: ...
