"""Loading records: the dev gold set, reloads, and bad input named clearly."""

from __future__ import annotations

import json
from pathlib import Path

from orgkg.graph.store import Store
from orgkg.loaders.load import load_paths

GOOD = {
    "meetings": [{"name": "Hội nghị tổng kết năm 2023", "kind": "tổng kết", "date": "2024-01-10",
                  "host": "Hội Nông dân tỉnh Hà Giang", "location": None}],
    "organizations": [{"name": "Hội Nông dân tỉnh Hà Giang", "aliases": ["Hội Nông dân tỉnh"], "parent": None}],
    "people": [{"name": "Vàng Seo Cố", "honorific": "đồng chí",
                "positions": [{"title": "Chủ tịch", "organization": "Hội Nông dân tỉnh Hà Giang"}]}],
    "participation": [{"person": "Vàng Seo Cố", "meeting": "Hội nghị tổng kết năm 2023", "role": "chaired"}],
    "elections": [],
    "tasks": [{"text": "Phát triển hội viên", "organization": "Hội Nông dân tỉnh", "period": "2024",
               "meeting": "Hội nghị tổng kết năm 2023"}],
}


def test_dev_gold_loads_and_reload_changes_nothing(sqlite_store: Store, dev_gold: Path) -> None:
    report = load_paths(sqlite_store, [dev_gold], progress=False)
    assert (report.loaded, report.skipped, report.rejected) == (5, 0, [])
    counts = sqlite_store.stats()
    again = load_paths(sqlite_store, [dev_gold], progress=False)
    assert (again.loaded, again.skipped) == (0, 5)
    assert sqlite_store.stats() == counts
    assert sqlite_store.check().ok


def test_dev_gold_facts(sqlite_store: Store, dev_gold: Path) -> None:
    load_paths(sqlite_store, [dev_gold], progress=False)
    (an,) = [h.node for h in sqlite_store.search("Lê Tuấn An") if h.node.type == "Person"]
    holds = sqlite_store.edges([an.id], "HOLDS", "out")[an.id]
    posts = sqlite_store.get_nodes([e.target for e in holds])
    orgs = {e.source: e.target for e in sqlite_store.edges(list(posts), "BELONGS_TO", "out").values() for e in e}
    org_names = {k: v.props["name"] for k, v in sqlite_store.get_nodes(list(orgs.values())).items()}
    facts = {(posts[e.target].props["title"], org_names[orgs[e.target]], e.props.get("term")) for e in holds}
    assert ("Bí thư", "Chi bộ Viện Khoa học, Công nghệ & Môi trường", "2022-2025") in facts
    assert any(t == "Viện trưởng" and o.startswith("Viện Khoa học") for t, o, _ in facts)
    assert sqlite_store.count("Meeting", {"date": {"gte": "2023", "lte": "2023"}}) == 3
    # articles 000 and 001 name the institute in two spellings: one node
    assert sqlite_store.count("Organization", {"name": {"startsWith": "Viện Khoa học"}}) == 1


def test_a_broken_record_is_named_and_the_good_one_loads(sqlite_store: Store, tmp_path: Path) -> None:
    (tmp_path / "good.json").write_text(json.dumps(GOOD, ensure_ascii=False), encoding="utf-8")
    bad = dict(GOOD, meetings=[{"name": "Hội nghị", "date": "2023-02-31"}])
    (tmp_path / "bad.json").write_text(json.dumps(bad), encoding="utf-8")
    (tmp_path / "torn.json").write_text('{"people": [', encoding="utf-8")
    (tmp_path / "notes.md").write_text("ignored", encoding="utf-8")
    report = load_paths(sqlite_store, [tmp_path], progress=False)
    assert report.loaded == 1
    reasons = {Path(r.origin).name: r.reason for r in report.rejected}
    assert set(reasons) == {"bad.json", "torn.json"}
    assert "meetings.0.date" in reasons["bad.json"] and "day is out of range" in reasons["bad.json"]
    assert "not valid JSON" in reasons["torn.json"]
    assert sqlite_store.count("Person") == 1
    assert sqlite_store.check().ok


def test_jsonl_records_name_their_line(sqlite_store: Store, tmp_path: Path) -> None:
    lines = [
        json.dumps({"id": "r1", **GOOD}, ensure_ascii=False),
        "{not json",
        json.dumps({**GOOD}),  # no id
        json.dumps({"id": "r4", "people": [{"name": 42}]}),
        "",
        json.dumps({"id": "r6", "people": [{"name": "Hoàng Thị Hoa", "positions": []}]}, ensure_ascii=False),
    ]
    path = tmp_path / "batch.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")
    report = load_paths(sqlite_store, [path], progress=False)
    assert report.loaded == 2
    assert sorted(r.origin.rsplit(":", 1)[1] for r in report.rejected) == ["2", "3", "4"]
    assert any("people.0.name" in r.reason for r in report.rejected)


def test_nfd_input_is_stored_as_nfc(sqlite_store: Store, tmp_path: Path) -> None:
    import unicodedata

    nfd = json.dumps({"people": [{"name": unicodedata.normalize("NFD", "Nguyễn Văn Đức")}]}, ensure_ascii=False)
    (tmp_path / "nfd.json").write_text(nfd, encoding="utf-8")
    load_paths(sqlite_store, [tmp_path], progress=False)
    (person,) = sqlite_store.iter_nodes("Person")
    assert person.props["name"] == "Nguyễn Văn Đức"
    assert unicodedata.is_normalized("NFC", person.props["name"])


def test_missing_paths_and_unknown_types_are_refused(sqlite_store: Store, tmp_path: Path) -> None:
    (tmp_path / "x.csv").write_text("a,b", encoding="utf-8")
    report = load_paths(sqlite_store, [tmp_path / "nope", tmp_path / "x.csv"], progress=False)
    assert [r.reason.split(";")[0] for r in report.rejected] == ["no such file or folder", "unsupported file type .csv"]


def test_two_inputs_with_one_id_are_not_merged_silently(sqlite_store: Store, tmp_path: Path) -> None:
    (tmp_path / "a").mkdir()
    (tmp_path / "b").mkdir()
    (tmp_path / "a" / "same.json").write_text(json.dumps(GOOD, ensure_ascii=False), encoding="utf-8")
    other = dict(GOOD, people=[{"name": "Lò Văn Pấng", "positions": []}])
    (tmp_path / "b" / "same.json").write_text(json.dumps(other, ensure_ascii=False), encoding="utf-8")
    report = load_paths(sqlite_store, [tmp_path], progress=False)
    assert report.loaded == 1
    (rejected,) = report.rejected
    assert rejected.origin.endswith("b/same.json") and "already used by" in rejected.reason
    assert [p.props["name"] for p in sqlite_store.iter_nodes("Person")] == ["Vàng Seo Cố"]
