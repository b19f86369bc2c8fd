"""Paths: the bounded bidirectional search over the store agrees with networkx on the projection."""

from __future__ import annotations

import random
from pathlib import Path

import networkx as nx
import pytest
import test_store_contract as contract

from orgkg.graph.facts import Batch, EdgeFact, NodeFact
from orgkg.graph.projection import graph_expander, project, shortest_path, store_expander
from orgkg.graph.store import Store, StoreError
from orgkg.loaders.load import load_paths


def random_graph(store: Store, seed: int, people: int = 60, meetings: int = 25, orgs: int = 12) -> None:
    rng = random.Random(seed)
    nodes = [NodeFact(f"per:{i}", "Person", {"name": f"Người {i}"}) for i in range(people)]
    nodes += [NodeFact(f"mtg:{i}", "Meeting", {"name": f"Hội nghị {i}"}) for i in range(meetings)]
    nodes += [NodeFact(f"org:{i}", "Organization", {"name": f"Tổ chức {i}"}) for i in range(orgs)]
    edges = [EdgeFact(f"rel:tp{i}", "TAKES_PART", f"per:{rng.randrange(people)}", f"mtg:{rng.randrange(meetings)}",
                      {"role": "attended"}) for i in range(people)]
    edges += [EdgeFact(f"rel:h{i}", "HOSTS", f"org:{rng.randrange(orgs)}", f"mtg:{i}") for i in range(meetings)]
    edges += [EdgeFact(f"rel:s{i}", "SUB_ORGANIZATION_OF", f"org:{i}", f"org:{rng.randrange(i)}")
              for i in range(1, orgs) if rng.random() < 0.5]
    store.write(Batch(NodeFact("art:r", "Article", {"title": "r"}), None, nodes, edges, f"r{seed}"))


def check_path(path, source: str, target: str) -> None:
    assert path.nodes[0] == source and path.nodes[-1] == target
    for i, edge in enumerate(path.edges):
        assert {edge.source, edge.target} == {path.nodes[i], path.nodes[i + 1]}


@pytest.mark.parametrize("seed", range(5))
def test_search_over_the_store_matches_networkx(sqlite_store: Store, seed: int) -> None:
    random_graph(sqlite_store, seed)
    graph = project(sqlite_store)
    expand = store_expander(sqlite_store)
    rng = random.Random(seed)
    ids = sorted(graph.nodes)
    for _ in range(25):
        a, b = rng.choice(ids), rng.choice(ids)
        try:
            want = nx.shortest_path_length(graph, a, b)
        except nx.NetworkXNoPath:
            want = None
        got = shortest_path(expand, a, b, max_hops=10)
        if want is None or want > 10:
            assert got is None
        else:
            assert got is not None and got.length == want, (a, b)
            check_path(got, a, b)
            # the same answer from the in-memory projection
            assert shortest_path(graph_expander(graph), a, b, max_hops=10).length == want


def test_path_is_deterministic_and_bounded(sqlite_store: Store, dev_gold: Path) -> None:
    load_paths(sqlite_store, [dev_gold], progress=False)
    graph = project(sqlite_store)
    people = sorted(n for n, t in graph.nodes(data="type") if t == "Person")
    a, b = people[0], people[-1]
    expand = store_expander(sqlite_store)
    first = shortest_path(expand, a, b, max_hops=10)
    if first is None:
        assert not nx.has_path(graph, a, b) or nx.shortest_path_length(graph, a, b) > 10
    else:
        assert [e.id for e in shortest_path(expand, a, b, max_hops=10).edges] == [e.id for e in first.edges]
        assert shortest_path(expand, a, b, max_hops=first.length - 1) is None
    assert shortest_path(expand, a, a).length == 0
    with pytest.raises(StoreError, match="maxHops"):
        shortest_path(expand, a, b, max_hops=11)


def test_search_gives_up_when_the_neighbourhoods_grow_too_large(sqlite_store: Store) -> None:
    # a hub meeting with 300 participants and no way to the target
    nodes = [NodeFact("mtg:hub", "Meeting", {"name": "Hub"}), NodeFact("per:far", "Person", {"name": "Xa"})]
    nodes += [NodeFact(f"per:{i}", "Person", {"name": f"P{i}"}) for i in range(300)]
    edges = [EdgeFact(f"rel:{i}", "TAKES_PART", f"per:{i}", "mtg:hub", {"role": "attended"}) for i in range(300)]
    sqlite_store.write(Batch(NodeFact("art:h", "Article", {"title": "h"}), None, nodes, edges, "h"))
    expand = store_expander(sqlite_store)
    with pytest.raises(StoreError, match="without finding a path"):
        shortest_path(expand, "per:0", "per:far", max_hops=4, max_visited=100)
    assert shortest_path(expand, "per:0", "per:far", max_hops=4) is None  # the default cap is larger


def test_incident_gives_every_relationship_of_each_node(sqlite_store: Store) -> None:
    store = sqlite_store
    store.write(contract.batch("a1", {"org:1": {"name": "X"}, "org:2": {"name": "Y"}, "org:3": {"name": "Z"}},
                         [("SUB_ORGANIZATION_OF", "org:1", "org:2", {}), ("SUB_ORGANIZATION_OF", "org:2", "org:3", {})]))
    store.write(Batch(contract.article("a2"), None, [NodeFact("mtg:1", "Meeting", {"name": "Hội nghị"})],
                      [EdgeFact("rel:h", "HOSTS", "org:2", "mtg:1")], "a2"))
    found = store.incident(["org:2", "org:3", "org:missing"])
    assert sorted((e.type, e.source, e.target) for e in found["org:2"]) == [
        ("HOSTS", "org:2", "mtg:1"), ("SUB_ORGANIZATION_OF", "org:1", "org:2"),
        ("SUB_ORGANIZATION_OF", "org:2", "org:3")]
    assert [(e.source, e.target) for e in found["org:3"]] == [("org:2", "org:3")]
    assert "org:missing" not in found


def test_search_without_incident_uses_the_store_interface(sqlite_store: Store) -> None:
    random_graph(sqlite_store, 11)

    class Plain:  # a store offering only the interface's methods, as the Neo4j store does
        def __init__(self, store: Store) -> None:
            self.edges = store.edges

    graph = project(sqlite_store)
    for a, b in [("per:1", "per:30"), ("per:2", "org:5"), ("mtg:3", "org:9")]:
        fast = shortest_path(store_expander(sqlite_store), a, b, max_hops=10)
        plain = shortest_path(store_expander(Plain(sqlite_store)), a, b, max_hops=10)
        want = nx.shortest_path_length(graph, a, b) if nx.has_path(graph, a, b) else None
        assert (fast and fast.length) == (plain and plain.length) == (want if want is None or want <= 10 else None)
