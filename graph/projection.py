"""The graph as path algorithms see it: undirected, every relationship type, no properties.

Two ways to walk it, one algorithm:
- `shortest_path` is a bidirectional breadth-first search that asks the store for one level of
  neighbours at a time (one batched call per level on the embedded store). It
  needs no warm-up and no copy of the graph, so it stays fast at a million nodes: its cost follows
  the size of the two searched neighbourhoods (capped by `max_visited`), not of the graph. This is
  what the API uses, so answers are never stale while articles are being loaded.
- `project` copies a whole store into a networkx MultiGraph for offline analysis (centrality,
  components) on stores that fit in memory; the tests use it as the oracle the search must agree
  with.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import networkx as nx

from orgkg.graph.store import Edge, Store, StoreError
from orgkg.schema import Model, load_model

MAX_HOPS = 10
MAX_VISITED = 20_000  # nodes seen on both sides together before the search gives up

Expand = Callable[[Sequence[str]], dict[str, list[Edge]]]


@dataclass(frozen=True)
class Path:
    nodes: list[str]  # ids, from the source to the target
    edges: list[Edge]  # edges[i] joins nodes[i] and nodes[i + 1], in its own stored direction

    @property
    def length(self) -> int:
        return len(self.edges)


def store_expander(store: Store, model: Model | None = None) -> Expand:
    """Every relationship of each given node, both directions: one `incident` call per level where the
    store has that method (the embedded store), else one `edges` call per relationship end."""
    incident = getattr(store, "incident", None)
    if incident is not None:
        return incident
    model = model or load_model()

    def expand(ids: Sequence[str]) -> dict[str, list[Edge]]:
        by_type: dict[str, list[str]] = defaultdict(list)
        for nid in ids:
            nt = model.node_type_of(nid)
            if nt is not None:
                by_type[nt.name].append(nid)
        out: dict[str, list[Edge]] = defaultdict(list)
        for type_name, group in by_type.items():
            for rel, direction in model.relationships_of(type_name):
                for nid, edges in store.edges(group, rel.name, direction).items():
                    out[nid].extend(edges)
        return out

    return expand


def graph_expander(graph: nx.MultiGraph) -> Expand:
    """The same walk over a networkx projection made by `project`."""

    def expand(ids: Sequence[str]) -> dict[str, list[Edge]]:
        out: dict[str, list[Edge]] = {}
        for nid in ids:
            if nid in graph:
                out[nid] = [data["edge"] for _, _, data in graph.edges(nid, data=True)]
        return out

    return expand


def shortest_path(expand: Expand, source: str, target: str, max_hops: int = 6,
                  max_visited: int = MAX_VISITED) -> Path | None:
    """A shortest path of at most `max_hops` relationships, or None when there is none that short.

    Ties are broken by id, so the same graph always gives the same path. StoreError when the two
    neighbourhoods grow past `max_visited` nodes before meeting (the caller should lower max_hops).
    """
    if max_hops < 0 or max_hops > MAX_HOPS:
        raise StoreError(f"maxHops must be between 0 and {MAX_HOPS}.")
    if source == target:
        return Path([source], [])
    # parent[side][node] = (edge it was reached by, previous node); the roots map to None
    parents: tuple[dict[str, tuple[Edge, str] | None], dict[str, tuple[Edge, str] | None]] = (
        {source: None}, {target: None})
    frontiers: tuple[list[str], list[str]] = ([source], [target])
    depths = [0, 0]
    while frontiers[0] and frontiers[1] and depths[0] + depths[1] < max_hops:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        mine, theirs = parents[side], parents[1 - side]
        adjacency = expand(frontiers[side])
        nxt: list[str] = []
        best: tuple[int, str] | None = None
        for nid in frontiers[side]:
            for edge in sorted(adjacency.get(nid, []), key=lambda e: e.id):
                far = edge.other(nid)
                if far in mine:
                    continue
                mine[far] = (edge, nid)
                nxt.append(far)
                if far in theirs:
                    cost = _depth(theirs, far)
                    if best is None or (cost, far) < best:
                        best = (cost, far)
        depths[side] += 1
        if best is not None:
            return _join(parents, best[1])
        frontiers = (sorted(nxt), frontiers[1]) if side == 0 else (frontiers[0], sorted(nxt))
        if len(parents[0]) + len(parents[1]) > max_visited:
            raise StoreError(
                f"The search reached {max_visited} nodes without finding a path; try a smaller maxHops.")
    return None


def _depth(parents: dict[str, tuple[Edge, str] | None], node: str) -> int:
    depth = 0
    step = parents[node]
    while step is not None:
        depth += 1
        step = parents[step[1]]
    return depth


def _walk(parents: dict[str, tuple[Edge, str] | None], node: str) -> tuple[list[str], list[Edge]]:
    nodes, edges = [node], []
    step = parents[node]
    while step is not None:
        edge, prev = step
        edges.append(edge)
        nodes.append(prev)
        step = parents[prev]
    return nodes, edges


def _join(parents: tuple[dict, dict], meet: str) -> Path:
    to_source_nodes, to_source_edges = _walk(parents[0], meet)  # meet … source
    to_target_nodes, to_target_edges = _walk(parents[1], meet)  # meet … target
    nodes = list(reversed(to_source_nodes)) + to_target_nodes[1:]
    edges = list(reversed(to_source_edges)) + to_target_edges
    return Path(nodes, edges)


def project(store: Store, rels: Iterable[str] | None = None) -> nx.MultiGraph:
    """The whole store as an undirected networkx MultiGraph: nodes carry `type`, edges `edge` (the Edge)."""
    graph = nx.MultiGraph()
    for node in store.iter_nodes():
        if node.type != "Article":
            graph.add_node(node.id, type=node.type)
    wanted = set(rels) if rels is not None else None
    for edge in store.iter_edges():
        if wanted is None or edge.type in wanted:
            graph.add_edge(edge.source, edge.target, key=edge.id, edge=edge)
    return graph
