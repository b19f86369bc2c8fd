"""Per-request batching without waiting: a field asked of one object is read for all the objects beside it.

GraphQL resolves a list's items one after the other, depth first, and here synchronously (api/graphql.py): no
resolver waits, so nothing like a DataLoader can gather the loads of one level while they are made. Instead
every object the API hands to GraphQL knows its *cohort*: the objects resolved side by side at the same level
of the result (the meetings of a page; the participants of all those meetings; all their people). The first
member asked for a field computes it for the whole cohort, with one store call per relationship, and the others
find their answer made. So a request costs at most one store call per level and relationship, whatever the
number of nodes (no N+1), as with DataLoaders, without a future per load or a task per field.

What the store returned is also kept for the rest of the request (nodes by id, relationships by node), so a
node reached twice is read once.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from orgkg.graph.deadline import expired
from orgkg.graph.store import Direction, Edge, Node, Source, Store


class CountingStore:
    """A store wrapper that counts calls: tests use it to prove the round-trip bound."""

    def __init__(self, store: Store) -> None:
        self._store = store
        self.calls: list[str] = []

    def __getattr__(self, name: str) -> Any:
        attr = getattr(self._store, name)
        if callable(attr):
            def counted(*args: Any, **kwargs: Any) -> Any:
                self.calls.append(name)
                return attr(*args, **kwargs)
            return counted
        return attr


class Cohort:
    """Objects resolved side by side: `ids` are their ids (node ids, relationship ids, ...), `items` what they
    wrap (the store's Nodes or Edges, or the objects themselves), `memo` each field's answers for all of them."""

    __slots__ = ("ids", "items", "memo")

    def __init__(self, ids: list[str], items: Sequence[Any] = ()) -> None:
        self.ids = ids
        self.items = items
        self.memo: dict[Any, dict[str, Any]] = {}


def batch(obj: Any, key: Any, compute: Callable[[Cohort], dict[Any, Any]], default: Any = None,
          at: Any = None) -> Any:
    """`obj`'s answer for field `key` (its name and arguments): compute(cohort) answers every member of obj's
    cohort at once (a dict by id, or by what `at` names), the first time one of them asks."""
    cohort: Cohort = obj.cohort
    answers = cohort.memo.get(key)
    if answers is None:
        if expired():  # the request's time is up: no new reads (those running are interrupted by the store)
            raise TimeoutError("The operation ran past its deadline.")
        answers = cohort.memo[key] = compute(cohort)
    return answers.get(obj.id if at is None else at, default)


class Loaders:
    """The store reads of one request, each kept for the rest of it."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self._nodes: dict[str, Node | None] = {}
        self._edges: dict[tuple[str, str], dict[str, list[Edge]]] = {}
        self._sources: dict[str, list[Source]] = {}

    def nodes(self, ids: Iterable[str]) -> dict[str, Node | None]:
        """The nodes of `ids` read (those not read yet, in one call); look them up in the returned dict."""
        known = self._nodes
        missing = [i for i in dict.fromkeys(ids) if i not in known]
        if missing:
            found = self.store.get_nodes(missing)
            for i in missing:
                known[i] = found.get(i)
        return known

    def node(self, node_id: str | None, among: Iterable[str] = ()) -> Node | None:
        """One node; when it must be read, the nodes `among` (its cohort's, say) are read in the same call."""
        if not node_id:
            return None
        if node_id in self._nodes:
            return self._nodes[node_id]
        return self.nodes((node_id, *among))[node_id]

    def edges(self, rel: str, direction: Direction, ids: Iterable[str]) -> dict[str, list[Edge]]:
        """Each node's relationships of one type (those not read yet, in one call, with their far nodes, which
        wait in the node cache); look them up in the returned dict."""
        known = self._edges.setdefault((rel, direction), {})
        missing = [i for i in dict.fromkeys(ids) if i not in known]
        if missing:
            found = self.store.neighbours(missing, rel, direction)
            nodes = self._nodes
            for i in missing:
                pairs = found.get(i, ())
                known[i] = [edge for edge, _ in pairs]
                for _, node in pairs:
                    nodes[node.id] = node
        return known

    def sources(self, ids: Iterable[str]) -> dict[str, list[Source]]:
        known = self._sources
        missing = [i for i in dict.fromkeys(ids) if i not in known]
        if missing:
            found = self.store.sources(missing)
            for i in missing:
                known[i] = found.get(i, [])
        return known
