"""Per-request batching: every GraphQL field that reads the store goes through these loaders.

All loads of one kind made while resolving one level of a query are answered by a single store
call, so a request costs at most one store round trip per level and relationship, whatever the
number of nodes (no N+1).
"""

from __future__ import annotations

from collections.abc import Awaitable, Sequence
from typing import Any

from strawberry.dataloader import DataLoader

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


class Loaders:
    """The DataLoaders of one request."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.nodes: DataLoader[str, Node | None] = DataLoader(load_fn=self._load_nodes, cache=True)
        self.sources: DataLoader[str, list[Source]] = DataLoader(load_fn=self._load_sources)
        self._edges: dict[tuple[str, str], DataLoader[str, list[Edge]]] = {}

    async def _call(self, fn: Any, *args: Any) -> Any:
        # Reads by id (one batch per level) run on the event loop's thread: they take a fraction of
        # a millisecond, about what handing them to a worker thread and back costs. Listings,
        # searches and path searches, which can take longer, still run in threads (api/graphql.py);
        # a read outliving its request's deadline is interrupted by the store either way.
        return fn(*args)

    async def _load_nodes(self, ids: Sequence[str]) -> list[Node | None]:
        found = await self._call(self.store.get_nodes, list(ids))
        return [found.get(i) for i in ids]

    async def _load_sources(self, ids: Sequence[str]) -> list[list[Source]]:
        found = await self._call(self.store.sources, list(ids))
        return [found.get(i, []) for i in ids]

    def edges(self, rel: str, direction: Direction) -> DataLoader[str, list[Edge]]:
        key = (rel, direction)
        if key not in self._edges:
            async def load(ids: Sequence[str]) -> list[list[Edge]]:
                # The far ends come in the same round trip and wait in the node cache.
                found = await self._call(self.store.neighbours, list(ids), rel, direction)
                for pairs in found.values():
                    for _, node in pairs:
                        self.nodes.prime(node.id, node)
                return [[edge for edge, _ in found.get(i, [])] for i in ids]

            self._edges[key] = DataLoader(load_fn=load)
        return self._edges[key]

    async def node(self, node_id: str | None) -> Node | None:
        return await self.nodes.load(node_id) if node_id else None

    def node_now(self, node_id: str) -> Node | Awaitable[Node | None] | None:
        """The node itself when already loaded (most far ends are: they come with their relationship),
        else an awaitable. Resolvers return it as is: graphql-core completes a plain value without
        scheduling a task, which is most of the cost of a large result."""
        cached = self.nodes.cache_map.get(node_id)
        if cached is not None and cached.done() and not cached.cancelled() and cached.exception() is None:
            return cached.result()
        return self.nodes.load(node_id)

    async def many(self, ids: Sequence[str]) -> list[Node]:
        out: list[Node] = []
        for nid in ids:  # primed far ends need no scheduling; a miss falls back to one batched load
            cached = self.nodes.cache_map.get(nid)
            if cached is None or not cached.done() or cached.cancelled() or cached.exception() is not None:
                found = await self.nodes.load_many(list(ids))
                return [n for n in found if n is not None]
            if cached.result() is not None:
                out.append(cached.result())
        return out
