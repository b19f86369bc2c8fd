"""Annotations to graph facts: cross-article resolution, order independence, idempotence, posts over time."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from orgkg.graph.sqlite import SQLiteStore
from orgkg.graph.store import Store
from orgkg.loaders import resolve
from orgkg.loaders.load import load_paths
from orgkg.loaders.resolve import Resolver, explain

OWN_GOLD = Path(__file__).parent / "articles" / "gold"


@pytest.fixture(autouse=True)
def no_judgements() -> None:
    resolve.use(Resolver())  # a stray judgements.yaml beside a developer's database must not change results
    yield
    resolve.use(None)


def dump(store: Store) -> tuple[list, list]:
    nodes = [(n.id, n.type, json.dumps(n.props, sort_keys=True, ensure_ascii=False)) for n in store.iter_nodes()]
    edges = [(e.id, e.type, e.source, e.target, json.dumps(e.props, sort_keys=True)) for e in store.iter_edges()]
    return nodes, edges


def orgs_named(store: Store, start: str) -> list:
    return [n for n in store.iter_nodes("Organization") if n.props["name"].startswith(start)]


def people_named(store: Store, name: str) -> list:
    return [n for n in store.iter_nodes("Person") if n.props["name"] == name]


def test_dev_gold_resolves_across_articles(sqlite_store: Store, dev_gold: Path) -> None:
    load_paths(sqlite_store, [dev_gold], progress=False)
    institute = [n for n in orgs_named(sqlite_store, "Viện Khoa học")]
    assert len(institute) == 1
    assert {"Viện KHCN&MT", "Viện Khoa học Công nghệ và Môi trường",
            "Viện Khoa học, Công nghệ & Môi trường"} <= set(institute[0].props["aliases"])
    assert len(orgs_named(sqlite_store, "Liên minh Hợp tác xã Việt Nam")) == 1
    unions = orgs_named(sqlite_store, "Liên hiệp các Hội Khoa học và Kỹ thuật")
    assert sorted(u.props["locality"] for u in unions) == ["thành phố Hải Phòng", "tỉnh Bắc Kạn"]
    for text, name in [("le tuan an", "Lê Tuấn An"), ("Viện KHCN&MT", "Viện Khoa học Công nghệ và Môi trường"),
                       ("lien minh hop tac xa", "Liên minh Hợp tác xã Việt Nam")]:
        hit = sqlite_store.search(text, 1, ("Organization", "Person"))[0].node
        assert hit.props["name"] == name
    # the Chi bộ belongs to the same institute node both articles name
    (cell,) = orgs_named(sqlite_store, "Chi bộ Viện")
    (parent,) = sqlite_store.edges([cell.id], "SUB_ORGANIZATION_OF", "out")[cell.id]
    assert parent.target == institute[0].id
    counts = sqlite_store.stats()
    again = load_paths(sqlite_store, [dev_gold], progress=False)
    assert (again.loaded, again.skipped) == (0, 5) and sqlite_store.stats() == counts


def _load_in_order(path: Path, files: list[Path], times: int = 1) -> tuple[list, list]:
    store = SQLiteStore(path)
    try:
        for _ in range(times):
            for f in files:
                load_paths(store, [f], progress=False)
        assert store.check().ok
        return dump(store)
    finally:
        store.close()


def test_load_order_and_repetition_never_change_the_graph(tmp_path: Path, dev_gold: Path) -> None:
    files = sorted(dev_gold.glob("*.json")) + sorted(OWN_GOLD.glob("*.json"))
    reference = _load_in_order(tmp_path / "ref.db", files)
    rng = random.Random(4)
    for n in range(3):
        shuffled = files[:]
        rng.shuffle(shuffled)
        assert _load_in_order(tmp_path / f"s{n}.db", shuffled, times=1 + n % 2) == reference
    assert len(reference[0]) > 100


def test_a_withdrawn_article_leaves_the_graph_as_if_never_loaded(tmp_path: Path, dev_gold: Path) -> None:
    files = sorted(OWN_GOLD.glob("*.json"))
    without = _load_in_order(tmp_path / "a.db", files[1:])
    store = SQLiteStore(tmp_path / "b.db")
    for f in reversed(files):
        load_paths(store, [f], progress=False)
    store.delete_article(f"art:{files[0].stem}")
    assert dump(store) == without
    store.close()


def test_people_of_one_province_merge_across_articles(sqlite_store: Store) -> None:
    load_paths(sqlite_store, [OWN_GOLD], progress=False)
    # a provincial official in three Hà Tĩnh articles, a director in three: one node each
    for name in ("Nguyễn Hồng Lĩnh", "Đặng Quốc Hưng", "Phan Văn Thắng"):
        assert len(people_named(sqlite_store, name)) == 1, name
    (linh,) = people_named(sqlite_store, "Nguyễn Hồng Lĩnh")
    assert len({s.article_id for s in sqlite_store.sources([linh.id])[linh.id]}) >= 3
    assert len(orgs_named(sqlite_store, "Viện Nghiên cứu Ứng dụng Khoa học và Công nghệ Hồng Lam")) == 1
    assert len(orgs_named(sqlite_store, "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Hà Tĩnh")) == 1
    # five provinces' unions, five nodes
    unions = {n.props.get("locality") for n in orgs_named(sqlite_store, "Liên hiệp các Hội Khoa học và Kỹ thuật")}
    assert {"tỉnh Hà Tĩnh", "tỉnh Quảng Nam", "tỉnh Thái Bình"} <= unions
    # generic units of different parents stay apart: each university's "Hội đồng trường" is its own
    councils = orgs_named(sqlite_store, "Hội đồng Trường")
    assert len(councils) >= 2 and all("Hội đồng trường" in c.props["aliases"] for c in councils)


def _record(path: Path, name: str, data: dict) -> Path:
    base = {"meetings": [], "organizations": [], "people": [], "participation": [], "elections": [], "tasks": []}
    (path / f"{name}.json").write_text(json.dumps({**base, **data}, ensure_ascii=False), encoding="utf-8")
    return path / f"{name}.json"


def _holder(name: str, title: str, org: str, term: str | None = None) -> dict:
    return {"name": name, "positions": [{"title": title, "organization": org, "term": term}]}


def test_namesakes_in_unrelated_places_stay_two(sqlite_store: Store, tmp_path: Path) -> None:
    _record(tmp_path, "na", {"organizations": [{"name": "Hội Nông dân tỉnh Nghệ An"}],
                             "people": [_holder("Nguyễn Văn An", "Chủ tịch", "Hội Nông dân tỉnh Nghệ An")]})
    _record(tmp_path, "hg", {"organizations": [{"name": "Hội Nông dân tỉnh Hà Giang"}],
                             "people": [_holder("Nguyễn Văn An", "Chủ tịch", "Hội Nông dân tỉnh Hà Giang")]})
    # named without a post or place, in two articles: nothing joins them
    for a in ("x1", "x2"):
        _record(tmp_path, a, {"meetings": [{"name": "Hội nghị", "date": "2023-01-0" + a[1]}],
                              "people": [{"name": "Trần Thị Bình"}],
                              "participation": [{"person": "Trần Thị Bình", "role": "attended"}]})
    # same name, a national body's post in one article and a province's in another: kept apart
    _record(tmp_path, "vn", {"organizations": [{"name": "Trung ương Hội Nông dân Việt Nam"}],
                             "people": [_holder("Lê Minh", "Phó Chủ tịch", "Trung ương Hội Nông dân Việt Nam")]})
    _record(tmp_path, "qn", {"organizations": [{"name": "Sở Tài chính tỉnh Quảng Nam"}],
                             "people": [_holder("Lê Minh", "Giám đốc", "Sở Tài chính tỉnh Quảng Nam")]})
    load_paths(sqlite_store, [tmp_path], progress=False)
    assert len(people_named(sqlite_store, "Nguyễn Văn An")) == 2
    assert len(people_named(sqlite_store, "Trần Thị Bình")) == 2
    assert len(people_named(sqlite_store, "Lê Minh")) == 2


def test_related_organizations_make_one_person(sqlite_store: Store, tmp_path: Path) -> None:
    # the institute's director in one article, its party cell's secretary in another: same root, one person
    _record(tmp_path, "a", {"organizations": [{"name": "Viện Khoa học, Công nghệ & Môi trường",
                                               "parent": "Liên minh Hợp tác xã Việt Nam"},
                                              {"name": "Liên minh Hợp tác xã Việt Nam"}],
                            "people": [_holder("TS. Lê Tuấn An", "Viện trưởng", "Viện Khoa học, Công nghệ & Môi trường")]})
    _record(tmp_path, "b", {"organizations": [{"name": "Chi bộ Viện KHCN&MT", "parent": "Viện KHCN&MT"},
                                              {"name": "Viện KHCN&MT", "parent": "Liên minh HTX Việt Nam"},
                                              {"name": "Liên minh HTX Việt Nam"}],
                            "people": [{"name": "Lê Tuấn An", "honorific": "Tiến sĩ",
                                        "positions": [{"title": "Bí thư", "organization": "Chi bộ Viện KHCN&MT"}]}]})
    load_paths(sqlite_store, [tmp_path], progress=False)
    (an,) = people_named(sqlite_store, "Lê Tuấn An")
    assert an.props["honorifics"] == ["TS"]
    assert len(sqlite_store.edges([an.id], "HOLDS", "out")[an.id]) == 2


def test_a_persons_rank_and_other_honorifics_are_kept_beside_the_annotated_one(sqlite_store: Store,
                                                                               tmp_path: Path) -> None:
    _record(tmp_path, "a", {"organizations": [{"name": "Công an tỉnh Lào Cai"}],
                            "people": [{"name": "Nguyễn Hồng Thái", "honorific": "đồng chí",
                                        "honorifics": ["Đại tá", "đồng chí", "Thạc sĩ"],
                                        "positions": [{"title": "Giám đốc", "organization": "Công an tỉnh Lào Cai"}]}]})
    load_paths(sqlite_store, [tmp_path], progress=False)
    (thai,) = people_named(sqlite_store, "Nguyễn Hồng Thái")
    assert thai.props["honorifics"] == ["đồng chí", "Đại tá", "ThS"]


def test_a_post_has_one_node_and_a_timeline_of_holders(sqlite_store: Store, tmp_path: Path) -> None:
    for name, (who, published, term) in {
        "p1": ("Phan Văn Thắng", "2020-03-01", None), "p2": ("Phan Văn Thắng", "2023-05-02", None),
        "p3": ("Đặng Quốc Hưng", "2024-10-20", "nhiệm kỳ 2024 – 2029"),
    }.items():
        _record(tmp_path, name, {"article": {"published": published},
                                 "organizations": [{"name": "Liên hiệp các Hội KH&KT tỉnh", "locality": "Hà Tĩnh"}],
                                 "people": [_holder(who, "Chủ tịch", "Liên hiệp các Hội KH&KT tỉnh", term)]})
    load_paths(sqlite_store, [tmp_path], progress=False)
    (union,) = orgs_named(sqlite_store, "Liên hiệp các Hội")
    (post,) = [e.source for e in sqlite_store.edges([union.id], "BELONGS_TO", "in")[union.id]]
    holds = sqlite_store.edges([post], "HOLDS", "in")[post]
    seen = {(sqlite_store.get_nodes([e.source])[e.source].props["name"], e.props.get("term"),
             e.props.get("firstSeen"), e.props.get("lastSeen")) for e in holds}
    assert seen == {("Phan Văn Thắng", None, "2020-03-01", "2023-05-02"),
                    ("Đặng Quốc Hưng", "2024-2029", "2024-10-20", "2024-10-20")}
    assert union.props["name"] == "Liên hiệp các Hội KH&KT tỉnh" and union.props["locality"] == "tỉnh Hà Tĩnh"


def test_every_merged_node_explains_itself(sqlite_store: Store, dev_gold: Path) -> None:
    load_paths(sqlite_store, [dev_gold], progress=False)
    (institute,) = orgs_named(sqlite_store, "Viện Khoa học")
    why = explain(sqlite_store, institute.id)
    assert why is not None
    assert len(why["articles"]) == 2 and why["records"] == [institute.id]
    assert {m["rule"] for m in why["mentions"]} == {"name"}
    assert {m["key"] for m in why["mentions"]} == {"viện khoa học công nghệ và môi trường"}
    assert "Viện KHCN&MT" in why["names"] and "same key" in why["summary"]
    (union,) = [u for u in orgs_named(sqlite_store, "Liên hiệp các Hội") if u.props["locality"] == "tỉnh Bắc Kạn"]
    (m,) = explain(sqlite_store, union.id)["mentions"]
    assert m["rule"] == "name+locality" and "Liên hiệp các Hội KH&KT tỉnh" in m["aliases"]
    assert explain(sqlite_store, "org:nothing") is None


def test_extracted_dev_articles_resolve_like_the_gold(sqlite_store: Store, dev_gold: Path) -> None:
    articles = dev_gold.parent / "articles"
    pytest.importorskip("orgkg.loaders.extract")
    report = load_paths(sqlite_store, [articles], progress=False)
    if report.rejected:
        pytest.skip(f"the extractor refuses a dev article: {report.rejected[0]}")
    assert len(orgs_named(sqlite_store, "Viện Khoa học")) == 1
    assert len(orgs_named(sqlite_store, "Liên minh Hợp tác xã Việt Nam")) == 1
    unions = orgs_named(sqlite_store, "Liên hiệp các Hội Khoa học và Kỹ thuật")
    assert sorted(u.props.get("locality") for u in unions) == ["thành phố Hải Phòng", "tỉnh Bắc Kạn"]
    assert sqlite_store.search("le tuan an", 1, ("Person",))[0].node.props["name"] == "Lê Tuấn An"
    assert sqlite_store.search("Viện KHCN&MT", 1, ("Organization",))[0].node.id == orgs_named(
        sqlite_store, "Viện Khoa học")[0].id
    counts = sqlite_store.stats()
    assert load_paths(sqlite_store, [articles], progress=False).skipped == 5 and sqlite_store.stats() == counts
