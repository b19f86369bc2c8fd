"""The store contract: every backend passes these (Neo4j where NEO4J_URI is set)."""

from __future__ import annotations

import pytest

from orgkg.graph.facts import Batch, EdgeFact, Evidence, NodeFact
from orgkg.graph.store import Store, StoreError

TEXT = "Ngày 5/1, Hội Nông dân tỉnh A tổ chức hội nghị. Ông Lê Văn B, Chủ tịch Hội, chủ trì."


def article(aid: str, **props: object) -> NodeFact:
    return NodeFact(f"art:{aid}", "Article", {"title": f"Bài {aid}", **props})


def batch(aid: str, orgs: dict[str, dict], edges: list[tuple] = (), digest: str | None = None,
          published: str = "2023-01-05") -> Batch:
    nodes = [NodeFact(oid, "Organization", props, [Evidence(10, 30, 0, 47)]) for oid, props in orgs.items()]
    efacts = [EdgeFact(f"rel:{aid}:{i}", t, s, d, p, [Evidence(0, 5, 0, 47)]) for i, (t, s, d, p) in enumerate(edges)]
    return Batch(article(aid, published=published), TEXT, nodes, efacts, digest or f"d-{aid}-{len(orgs)}-{len(edges)}")


def test_write_then_read_nodes_and_edges(store: Store) -> None:
    store.write(batch("a1", {"org:1": {"name": "Hội Nông dân tỉnh A"}, "org:2": {"name": "Tỉnh ủy A"}},
                         [("SUB_ORGANIZATION_OF", "org:1", "org:2", {})]))
    nodes = store.get_nodes(["org:1", "org:2", "org:missing"])
    assert set(nodes) == {"org:1", "org:2"}
    assert nodes["org:1"].props["name"] == "Hội Nông dân tỉnh A"
    out = store.edges(["org:1"], "SUB_ORGANIZATION_OF", "out")
    assert [e.target for e in out["org:1"]] == ["org:2"]
    back = store.edges(["org:2"], "SUB_ORGANIZATION_OF", "in")
    assert [e.source for e in back["org:2"]] == ["org:1"]
    assert store.check().ok


def test_claims_from_two_articles_merge_in_any_order(store: Store, tmp_path) -> None:
    b1 = batch("a1", {"org:1": {"name": "Sở KH&CN", "aliases": ["Sở KH&CN"]}})
    b2 = batch("a2", {"org:1": {"name": "Sở Khoa học và Công nghệ tỉnh A", "aliases": ["Sở KH và CN"]}})
    store.write(b1)
    store.write(b2)
    merged = store.get_nodes(["org:1"])["org:1"].props
    assert merged["name"] == "Sở Khoa học và Công nghệ tỉnh A"  # the longest form wins
    assert merged["aliases"] == ["Sở KH và CN", "Sở KH&CN"]


def test_reload_replaces_an_articles_claims_and_drops_orphans(store: Store) -> None:
    store.write(batch("a1", {"org:1": {"name": "X"}, "org:2": {"name": "Y"}},
                         [("SUB_ORGANIZATION_OF", "org:1", "org:2", {})]))
    store.write(batch("a2", {"org:1": {"name": "X mở rộng"}}))
    store.write(batch("a1", {"org:1": {"name": "X"}}))  # a1 no longer mentions Y
    assert set(store.get_nodes(["org:1", "org:2"])) == {"org:1"}
    assert store.edges(["org:1"], "SUB_ORGANIZATION_OF", "out") == {}
    assert store.get_nodes(["org:1"])["org:1"].props["name"] == "X mở rộng"
    assert store.check().ok


def test_unchanged_input_is_skipped(store: Store) -> None:
    assert store.write(batch("a1", {"org:1": {"name": "X"}}, digest="same")).status == "loaded"
    before = store.stats()
    assert store.write(batch("a1", {"org:1": {"name": "X"}}, digest="same")).status == "skipped"
    assert store.stats() == before


def test_delete_article_withdraws_only_its_claims(store: Store) -> None:
    store.write(batch("a1", {"org:1": {"name": "X"}, "org:2": {"name": "Y"}}))
    store.write(batch("a2", {"org:1": {"name": "X"}}))
    assert store.delete_article("art:a1")
    assert set(store.get_nodes(["org:1", "org:2", "art:a1"])) == {"org:1"}
    assert not store.delete_article("art:a1")
    assert store.check().ok


def test_sources_give_article_and_sentence(store: Store) -> None:
    store.write(batch("a1", {"org:1": {"name": "Hội Nông dân tỉnh A"}}))
    (src,) = store.sources(["org:1"])["org:1"]
    assert src.article_id == "art:a1"
    assert src.sentence == TEXT[0:47]
    assert (src.start, src.end) == (10, 30)


def test_articles_of_lists_each_facts_articles_once(store: Store) -> None:
    store.write(batch("a2", {"org:1": {"name": "Hội Nông dân tỉnh A"}, "org:2": {"name": "Tỉnh ủy A"}},
                         [("SUB_ORGANIZATION_OF", "org:1", "org:2", {})]))
    store.write(batch("a1", {"org:1": {"name": "Hội Nông dân tỉnh A"}}))
    found = store.articles_of(["org:1", "org:2", "rel:a2:0", "org:missing"])
    assert found == {"org:1": ["art:a1", "art:a2"], "org:2": ["art:a2"], "rel:a2:0": ["art:a2"]}


def _meetings(store: Store, n: int) -> None:
    for i in range(n):
        store.write(Batch(article(f"m{i}"), None, [NodeFact(
            f"mtg:{i:03d}", "Meeting", {"name": f"Hội nghị {i}", "date": f"202{i % 3}-0{1 + i % 9}-1{i % 10}"})],
            [], f"m{i}"))


def test_keyset_pagination_visits_every_node_once_in_order(store: Store) -> None:
    _meetings(store, 23)
    seen, after = [], None
    while True:
        page = store.list_nodes("Meeting", sort=[("date", "DESC")], first=5, after=after)
        assert page.total == 23
        seen.extend(page.nodes)
        if not page.has_next:
            break
        after = page.end_cursor
    assert len({n.id for n in seen}) == 23
    keys = [(n.props["date"], n.id) for n in seen]
    assert [k[0] for k in keys] == sorted((k[0] for k in keys), reverse=True)


def test_a_page_without_its_count_is_the_same_page(store: Store) -> None:
    _meetings(store, 12)
    counted = store.list_nodes("Meeting", {"date": {"gte": "2021"}}, sort=[("date", "ASC")], first=3)
    uncounted = store.list_nodes("Meeting", {"date": {"gte": "2021"}}, sort=[("date", "ASC")], first=3, total=False)
    assert counted.total == 8 and uncounted.total is None
    assert [n.id for n in uncounted.nodes] == [n.id for n in counted.nodes]
    assert (uncounted.cursors, uncounted.has_next) == (counted.cursors, counted.has_next)


def test_cursor_stays_valid_while_data_is_added(store: Store) -> None:
    _meetings(store, 10)
    first = store.list_nodes("Meeting", sort=[("name", "ASC")], first=4)
    store.write(Batch(article("late"), None, [NodeFact("mtg:aaa", "Meeting", {"name": "Hội nghị 0a"})], [], "late"))
    rest = store.list_nodes("Meeting", sort=[("name", "ASC")], first=50, after=first.end_cursor)
    names = [n.props["name"] for n in rest.nodes]
    assert names == sorted(names)
    assert all(name > first.nodes[-1].props["name"] for name in names)
    assert "Hội nghị 0a" not in [n.props["name"] for n in first.nodes]


def test_filters(store: Store) -> None:
    _meetings(store, 12)
    in_2021 = store.list_nodes("Meeting", {"date": {"gte": "2021", "lte": "2021"}}, first=50)
    assert in_2021.total == 4 and all(n.props["date"].startswith("2021") for n in in_2021.nodes)
    either = store.count("Meeting", {"OR": [{"name": {"eq": "Hội nghị 1"}}, {"name": {"eq": "Hội nghị 2"}}]})
    assert either == 2
    assert store.count("Meeting", {"NOT": {"name": {"startsWith": "Hội nghị 1"}}}) == 12 - 3
    assert store.count("Meeting", {"name": {"containsFold": "HOI NGHI 1"}}) == 3
    assert store.count("Meeting", {"id": {"in": ["mtg:000", "mtg:001", "nope"]}}) == 2


def test_relationship_filters(store: Store) -> None:
    store.write(Batch(article("r1"), None, [
        NodeFact("org:1", "Organization", {"name": "Tỉnh Đoàn A"}),
        NodeFact("org:2", "Organization", {"name": "Tỉnh Đoàn B"}),
        NodeFact("mtg:1", "Meeting", {"name": "Đại hội", "date": "2023-05-02"}),
        NodeFact("mtg:2", "Meeting", {"name": "Hội nghị", "date": "2022-12-02"}),
    ], [EdgeFact("rel:1", "HOSTS", "org:1", "mtg:1"), EdgeFact("rel:2", "HOSTS", "org:2", "mtg:2")], "r1"))
    hosts_2023 = store.list_nodes("Organization", {"meetings": {"some": {"date": {"gte": "2023"}}}})
    assert [n.id for n in hosts_2023.nodes] == ["org:1"]
    without = store.list_nodes("Organization", {"meetings": {"none": {"date": {"gte": "2023"}}}})
    assert [n.id for n in without.nodes] == ["org:2"]


def test_bad_filters_and_cursors_are_refused_clearly(store: Store) -> None:
    with pytest.raises(StoreError, match="no field"):
        store.list_nodes("Meeting", {"colour": {"eq": "x"}})
    with pytest.raises(StoreError, match="unknown operator"):
        store.list_nodes("Meeting", {"name": {"regex": "x"}})
    with pytest.raises(StoreError, match="cursor"):
        store.list_nodes("Meeting", first=5, after="not-a-cursor!")


def test_search_ignores_case_and_diacritics_and_is_safe(store: Store) -> None:
    store.write(Batch(article("s1"), None, [
        NodeFact("per:1", "Person", {"name": "Lê Tuấn An"}),
        NodeFact("org:1", "Organization", {"name": "Viện Khoa học Công nghệ và Môi trường",
                                           "aliases": ["Viện KHCN&MT"]}),
        NodeFact("per:2", "Person", {"name": "Đặng Thị Lan"}),
    ], [], "s1"))
    assert [h.node.id for h in store.search("le tuan an")] == ["per:1"]
    assert store.search("Viện KHCN&MT")[0].node.id == "org:1"
    assert [h.node.id for h in store.search("dang thi")] == ["per:2"]
    for nasty in ['"', "*", "NEAR(a b)", "' OR 1=1 --", "a AND OR", "\x00", ")"]:
        assert isinstance(store.search(nasty), list)


def test_iter_batches_rebuild_the_same_graph(store: Store, tmp_path) -> None:
    from orgkg.graph.sqlite import SQLiteStore

    store.write(batch("a1", {"org:1": {"name": "X"}, "org:2": {"name": "Y"}},
                         [("SUB_ORGANIZATION_OF", "org:1", "org:2", {})]))
    store.write(batch("a2", {"org:1": {"name": "X dài hơn"}}))
    copy = SQLiteStore(tmp_path / "copy.db")
    for b in store.iter_batches():
        copy.write(b)
    assert copy.stats() == store.stats()
    assert list(copy.iter_nodes()) == list(store.iter_nodes())
    copy.close()


def test_neighbours_bring_the_far_node(store: Store) -> None:
    store.write(batch("a1", {"org:1": {"name": "X"}, "org:2": {"name": "Y"}},
                         [("SUB_ORGANIZATION_OF", "org:1", "org:2", {})]))
    ((edge, node),) = store.neighbours(["org:1"], "SUB_ORGANIZATION_OF", "out")["org:1"]
    assert (edge.source, edge.target, node.id, node.props["name"]) == ("org:1", "org:2", "org:2", "Y")
    ((edge, node),) = store.neighbours(["org:2"], "SUB_ORGANIZATION_OF", "in")["org:2"]
    assert node.id == "org:1"


def test_group_count_per_node_and_year(store: Store) -> None:
    store.write(Batch(article("g1"), None, [
        NodeFact("org:1", "Organization", {"name": "Tỉnh Đoàn A", "locality": "A"}),
        NodeFact("org:2", "Organization", {"name": "Tỉnh Đoàn B", "locality": "B"}),
        NodeFact("mtg:1", "Meeting", {"name": "Đại hội", "date": "2023-05-02"}),
        NodeFact("mtg:2", "Meeting", {"name": "Hội nghị", "date": "2023-12-02"}),
        NodeFact("mtg:3", "Meeting", {"name": "Sơ kết", "date": "2022-06-30"}),
        NodeFact("mtg:4", "Meeting", {"name": "Tổng kết", "date": "2023-01-10"}),
    ], [EdgeFact("rel:1", "HOSTS", "org:1", "mtg:1"), EdgeFact("rel:2", "HOSTS", "org:1", "mtg:2"),
        EdgeFact("rel:3", "HOSTS", "org:1", "mtg:3"), EdgeFact("rel:4", "HOSTS", "org:2", "mtg:4")], "g1"))
    per_year = store.group_count("HOSTS", "out", by="date")
    assert [(g.node_id, g.key, g.count) for g in per_year] == [
        ("org:1", "2023", 2), ("org:1", "2022", 1), ("org:2", "2023", 1)]
    totals = store.group_count("HOSTS", "out", first=1)
    assert [(g.node_id, g.key, g.count) for g in totals] == [("org:1", None, 3)]
    only_b = store.group_count("HOSTS", "out", by="date", where={"locality": {"eq": "B"}})
    assert [(g.node_id, g.count) for g in only_b] == [("org:2", 1)]
    in_2022 = store.group_count("HOSTS", "out", far_where={"date": {"gte": "2022", "lte": "2022"}})
    assert [(g.node_id, g.count) for g in in_2022] == [("org:1", 1)]
    hosts = store.group_count("HOSTS", "in")
    assert {g.node_id for g in hosts} == {"mtg:1", "mtg:2", "mtg:3", "mtg:4"}
    with pytest.raises(StoreError, match="cannot be grouped"):
        store.group_count("HOSTS", "out", by="colour")


def test_resolutions_are_replaced_with_their_article_and_read_back_by_node(store: Store) -> None:
    from orgkg.graph.facts import Resolution

    b1 = batch("a1", {"org:1": {"name": "Viện KHCN&MT"}}, digest="r1")
    b1.resolutions = [Resolution("org:9", "org:1", "Organization", {"key": "viện x", "rule": "name"}),
                      Resolution("art:a1", "art:a1", "Article", {"annotation": {"people": []}})]
    store.write(b1)
    b2 = batch("a2", {"org:1": {"name": "Viện Khoa học"}}, digest="r2")
    b2.resolutions = [Resolution("org:1", "org:1", "Organization", {"key": "viện x", "rule": "name"})]
    store.write(b2)
    found = store.resolutions(["org:1", "org:nothing"])
    assert set(found) == {"org:1"}
    assert [(r.article, r.record, r.props["rule"]) for r in found["org:1"]] == [
        ("art:a1", "org:9", "name"), ("art:a2", "org:1", "name")]
    again = next(b for b in store.iter_batches() if b.article.id == "art:a1")
    assert {r.record: r.props for r in again.resolutions}["art:a1"] == {"annotation": {"people": []}}
    b1.digest, b1.resolutions = "r1b", []
    store.write(b1)
    assert [r.article for r in store.resolutions(["org:1"])["org:1"]] == ["art:a2"]
    store.delete_article("art:a2")
    assert store.resolutions(["org:1"]) == {}



def _scan_graph(store: Store) -> None:
    people = [NodeFact("per:1", "Person", {"name": "Lê Văn B"}), NodeFact("post:1", "Post", {"title": "Chủ tịch"}),
              NodeFact("mtg:1", "Meeting", {"name": "Hội nghị tổng kết", "date": "2023-01-05"})]
    b1 = batch("a1", {"org:1": {"name": "Hội Nông dân tỉnh A"}, "org:2": {"name": "Tỉnh ủy A"}},
               [("SUB_ORGANIZATION_OF", "org:1", "org:2", {}), ("HOSTS", "org:1", "mtg:1", {}),
                ("HOLDS", "per:1", "post:1", {"term": "2020-2025"}), ("BELONGS_TO", "post:1", "org:1", {})])
    b1.nodes.extend(people)
    store.write(b1)
    b2 = batch("a2", {"org:1": {"name": "Hội Nông dân tỉnh A"}, "org:3": {"name": "Sở Y tế tỉnh A"}},
               [("SUB_ORGANIZATION_OF", "org:3", "org:2", {}), ("HOSTS", "org:3", "mtg:1", {})])
    b2.nodes.append(people[2])
    store.write(b2)


def test_scan_reads_every_node_once_in_order_with_the_relationships_it_states(store: Store) -> None:
    _scan_graph(store)
    rels = {"SUB_ORGANIZATION_OF": "out", "HOSTS": "in", "HOLDS": "out"}  # BELONGS_TO not asked for
    for size in (1, 2, 3, 100):
        chunks = list(store.scan(rels, size))
        assert all(0 < len(c.nodes) <= size for c in chunks)
        nodes = [n for c in chunks for n in c.nodes]
        assert [n[0] for n in nodes] == sorted(n.id for n in store.iter_nodes())  # every node once, in id order
        seen_edges = []
        for c in chunks:
            here = {n[0] for n in c.nodes}
            near = [e[2] if rels[e[1]] == "out" else e[3] for e in c.edges]
            assert set(near) <= here  # each relationship comes with the node stating it
            keys = [(n, e[0]) for n, e in zip(near, c.edges, strict=True)]
            assert keys == sorted(keys)  # by the node stating it, then relationship id
            seen_edges += c.edges
        assert sorted(e[0] for e in seen_edges) == sorted(e.id for e in store.iter_edges() if e.type in rels)
    by_id = {n[0]: n for c in store.scan(rels, 100) for n in c.nodes}
    assert by_id["org:1"][1:] == ("Organization", {"name": "Hội Nông dân tỉnh A"}, ["art:a1", "art:a2"])
    assert by_id["mtg:1"][3] == ["art:a1", "art:a2"] and by_id["per:1"][2] == {"name": "Lê Văn B"}
    (chunk,) = list(store.scan(rels, 100))  # one chunk stating relationships both ways
    edges = {e[0]: e for e in chunk.edges}
    assert edges["rel:a1:2"][1:] == ("HOLDS", "per:1", "post:1", {"term": "2020-2025"}, ["art:a1"])
    assert edges["rel:a2:1"][1:] == ("HOSTS", "org:3", "mtg:1", {}, ["art:a2"])
    assert [e[0] for e in chunk.edges] == ["rel:a1:1", "rel:a2:1", "rel:a1:0", "rel:a2:0", "rel:a1:2"]
    (lean,) = list(store.scan(rels, 100, articles=("HOLDS",)))  # only the holdings' articles read
    assert {e[0]: e[5] for e in lean.edges} == {**{e: [] for e in edges}, "rel:a1:2": ["art:a1"]}
    assert lean.nodes == chunk.nodes  # nodes always come with theirs
    with pytest.raises(StoreError):
        list(store.scan({"NO_SUCH": "out"}))
    with pytest.raises(StoreError):
        list(store.scan({"HOSTS": "sideways"}))  # type: ignore[dict-item]


def test_get_edges_reads_relationships_by_their_own_id(store: Store) -> None:
    _scan_graph(store)
    found = store.get_edges(["rel:a1:2", "rel:a2:1", "rel:missing", "org:1"])
    assert set(found) == {"rel:a1:2", "rel:a2:1"}
    holds = found["rel:a1:2"]
    assert (holds.type, holds.source, holds.target, holds.props) == ("HOLDS", "per:1", "post:1", {"term": "2020-2025"})
    assert store.get_edges([]) == {}


def test_write_many_writes_like_write_and_keeps_whole_articles_on_error(store: Store) -> None:
    results = list(store.write_many([
        batch("a1", {"org:1": {"name": "X"}}, digest="d1"),
        batch("a2", {"org:1": {"name": "X mở rộng"}, "org:2": {"name": "Y"}},
              [("SUB_ORGANIZATION_OF", "org:1", "org:2", {})], digest="d2"),
        batch("a1", {"org:1": {"name": "X"}}, digest="d1"),  # unchanged: skipped
    ]))
    assert [(r.article_id, r.status) for r in results] == [
        ("art:a1", "loaded"), ("art:a2", "loaded"), ("art:a1", "skipped")]
    assert store.get_nodes(["org:1"])["org:1"].props["name"] == "X mở rộng"
    assert [e.target for e in store.edges(["org:1"], "SUB_ORGANIZATION_OF", "out")["org:1"]] == ["org:2"]

    def failing():
        yield batch("a3", {"org:3": {"name": "Z"}}, digest="d3")
        raise RuntimeError("input broke")

    with pytest.raises(RuntimeError, match="input broke"):
        list(store.write_many(failing()))
    assert set(store.get_nodes(["org:3"])) == {"org:3"}  # the article before the error is kept
    assert store.write(batch("a4", {"org:4": {"name": "W"}})).status == "loaded"  # no transaction left open
    assert store.check().ok
