"""Judgements: same / not same, transitive, applied at load time, surviving reloads, re-applied by `orgkg judge`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from test_facts import dump, orgs_named, people_named  # tests/ is on the path (rootdir conftest)

from orgkg.cli import main
from orgkg.graph.sqlite import SQLiteStore
from orgkg.loaders import resolve
from orgkg.loaders.identity import org_identity, person_id
from orgkg.loaders.resolve import JudgementError, Resolver, load_judgements, parse_judgements


@pytest.fixture(autouse=True)
def no_judgements() -> None:
    resolve.use(Resolver())
    yield
    resolve.use(None)


def resolver(data: list) -> Resolver:
    return Resolver(parse_judgements(data, "j.yaml"))


def test_same_is_transitive_and_the_smallest_id_represents_the_cluster() -> None:
    r = resolver([{"same": ["org:c", "org:b"]}, {"same": ["org:b", "org:a"]}, {"same": ["org:x", "org:y"]}])
    assert {r.canonical(x) for x in ("org:a", "org:b", "org:c")} == {"org:a"}
    assert r.canonical("org:y") == "org:x" and r.canonical("org:zzz") == "org:zzz"
    assert r.clusters() == [["org:a", "org:b", "org:c"], ["org:x", "org:y"]]
    assert r.reasons("org:c") == ["j.yaml#1"]


def test_not_same_forbids_joins_transitively() -> None:
    # A = B and B ≠ C: then A = C is refused, and so is anything joining C's cluster to A's
    r = resolver([{"not_same": ["org:b", "org:c"]}, {"same": ["org:a", "org:b"]},
                  {"same": ["org:c", "org:d"]}, {"same": ["org:a", "org:d"]}])
    assert r.canonical("org:b") == "org:a" and r.canonical("org:d") == "org:c"
    assert r.canonical("org:a") != r.canonical("org:c")
    assert len(r.conflicts) == 1 and "j.yaml#4" in r.conflicts[0]


def test_references_by_name_and_context_give_the_automatic_ids() -> None:
    r = resolver([
        {"same": [{"name": "Viện KHCN&MT"}, "org:0000000000000001"]},
        {"same": [{"type": "Person", "name": "Lê Văn Nghị", "organization": "Liên minh HTX Việt Nam"},
                  {"type": "Person", "name": "Lê Văn Nghị", "locality": "Bắc Kạn"}]},
    ])
    assert r.canonical(org_identity("Viện Khoa học, Công nghệ & Môi trường").id) == "org:0000000000000001"
    a = person_id("Lê Văn Nghị", f"org:{org_identity('Liên minh Hợp tác xã Việt Nam').id}")
    b = person_id("Lê Văn Nghị", "loc:tỉnh Bắc Kạn")
    assert r.canonical(a) == r.canonical(b) == min(a, b)


@pytest.mark.parametrize(("data", "message"), [
    ([{"same": ["org:a"]}], "at least two"),
    ({"same": ["org:a", "org:b"]}, "must be a list"),
    ([{"same": ["org:a", "org:b"], "not_same": ["org:a", "org:c"]}], "exactly one"),
    ([{"same": ["org:a", "per:b"]}], "of one type"),
    ([{"same": ["org:a", {"nam": "x"}]}], "unknown key"),
    ([{"same": ["org:a", {"type": "Person", "name": "Lê Văn A"}]}], "with a context"),
    ([{"same": ["org:a", {"name": "Sở Tài chính", "locality": "Atlantis"}]}], "not a province"),
    ([{"same": ["org:a", "Viện X"]}], "not an organization or person id"),
])
def test_a_bad_judgement_is_named_with_its_reason(data: object, message: str) -> None:
    with pytest.raises(JudgementError) as err:
        parse_judgements(data, "j.yaml")
    assert message in str(err.value) and "\n" not in str(err.value)


def test_a_file_that_is_not_yaml_is_refused_in_one_line(tmp_path: Path) -> None:
    (tmp_path / "j.yaml").write_text("- same: [org:a, org:b\n- x", encoding="utf-8")
    with pytest.raises(JudgementError, match=r"j.yaml: line \d+ is not valid YAML"):
        load_judgements(tmp_path / "j.yaml")
    assert load_judgements(tmp_path / "missing.yaml").judgements == []


def _records(tmp_path: Path) -> Path:
    src = tmp_path / "records"
    src.mkdir()
    base = {"meetings": [], "participation": [], "elections": [], "tasks": []}
    for name, org, place in [("a1", "Hội Nông dân tỉnh Nghệ An", "Nghệ An"), ("a2", "Hội Nông dân tỉnh Nghệ An", None),
                             ("a3", "Hội Nông dân tỉnh Hà Tĩnh", None)]:
        data = {**base, "organizations": [{"name": org}, {"name": "Hội ND Nghệ An"}] if place else
                [{"name": org}],
                "people": [{"name": "Nguyễn Văn Hùng", "positions": [{"title": "Chủ tịch", "organization": org}]}]}
        (src / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return src


JUDGEMENTS = [
    # the Hùng of a2 is a namesake of a1's, although both chair the same association
    {"not_same": [{"type": "Person", "name": "Nguyễn Văn Hùng", "article": "a2"},
                  {"type": "Person", "name": "Nguyễn Văn Hùng", "locality": "Nghệ An"}]},
    # ... and the same man as the Hùng of Hà Tĩnh
    {"same": [{"type": "Person", "name": "Nguyễn Văn Hùng", "article": "a2"},
              {"type": "Person", "name": "Nguyễn Văn Hùng", "locality": "Hà Tĩnh"}], "note": "moved"},
]


def test_judgements_split_and_join_at_load_time_and_survive_reloads(tmp_path: Path) -> None:
    src = _records(tmp_path)
    r = resolver(JUDGEMENTS)
    assert r.conflicts == []
    resolve.use(r)
    store = SQLiteStore(tmp_path / "j.db")
    from orgkg.loaders.load import load_paths

    load_paths(store, [src], progress=False)
    hung = people_named(store, "Nguyễn Văn Hùng")
    assert len(hung) == 2
    arts = sorted(sorted({s.article_id for s in store.sources([h.id])[h.id]}) for h in hung)
    assert arts == [["art:a1"], ["art:a2", "art:a3"]]
    joined = next(h for h in hung if len(store.sources([h.id])[h.id]) > 1)
    why = resolve.explain(store, joined.id)
    assert len(why["records"]) == 2 and "j.yaml#2 (moved)" in why["summary"]
    before = dump(store)
    again = load_paths(store, [src], progress=False)
    assert again.skipped == 3 and dump(store) == before
    store.close()


def test_judge_re_applies_a_changed_file_as_a_fresh_load_would(tmp_path: Path, capsys: pytest.CaptureFixture[str],
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ORGKG_JUDGEMENTS", raising=False)
    src = _records(tmp_path)
    jfile = tmp_path / "judgements.yaml"
    db = tmp_path / "store.db"
    resolve.use(None)  # the CLI sets what it reads
    assert main(["--db", str(db), "load", "--no-progress", "--judgements", str(tmp_path / "none.yaml"),
                 str(src)]) == 0
    store = SQLiteStore(db)
    assert len(people_named(store, "Nguyễn Văn Hùng")) == 2  # a1+a2 (Nghệ An), a3 (Hà Tĩnh)
    store.close()
    import yaml

    jfile.write_text(yaml.safe_dump(JUDGEMENTS, allow_unicode=True), encoding="utf-8")
    assert main(["--db", str(db), "judge", "--judgements", str(jfile)]) == 0
    fresh = tmp_path / "fresh.db"
    assert main(["--db", str(fresh), "load", "--no-progress", "--judgements", str(jfile), str(src)]) == 0
    a, b = SQLiteStore(db), SQLiteStore(fresh)
    assert dump(a) == dump(b) and a.check().ok
    a.close()
    b.close()
    # without --judgements, the file next to the database is the one read
    capsys.readouterr()
    assert main(["--db", str(db), "judge", "--check"]) == 0
    assert f"{jfile}: 2 judgement(s)" in capsys.readouterr().out


def test_organization_judgements_carry_to_their_posts_and_people(tmp_path: Path) -> None:
    src = tmp_path / "o"
    src.mkdir()
    for name, org in [("b1", "Trung tâm Khuyến nông Quốc gia"), ("b2", "Trung tâm Khuyến nông")]:
        data = {"organizations": [{"name": org}],
                "people": [{"name": "Trần Văn Lâm", "positions": [{"title": "Giám đốc", "organization": org}]}]}
        (src / f"{name}.json").write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    from orgkg.loaders.load import load_paths

    plain = SQLiteStore(tmp_path / "plain.db")
    load_paths(plain, [src], progress=False)
    assert len(orgs_named(plain, "Trung tâm Khuyến nông")) == 2
    plain.close()
    resolve.use(resolver([{"same": [{"name": "Trung tâm Khuyến nông Quốc gia"},
                                    {"name": "Trung tâm Khuyến nông", "article": "b2"}]}]))
    judged = SQLiteStore(tmp_path / "judged.db")
    load_paths(judged, [src], progress=False)
    assert len(orgs_named(judged, "Trung tâm Khuyến nông")) == 1
    assert judged.count("Post") == 1 and len(people_named(judged, "Trần Văn Lâm")) == 1
    judged.close()


def test_explain_command_prints_names_articles_and_rule(tmp_path: Path, dev_gold: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "e.db")
    assert main(["--db", db, "load", "--no-progress", "--judgements", str(tmp_path / "none.yaml"),
                 str(dev_gold)]) == 0
    capsys.readouterr()
    assert main(["--db", db, "explain", "Viện KHCN&MT"]) == 0
    out = capsys.readouterr().out
    assert "2 mention(s) in 2 article(s)" in out and "Viện KHCN&MT" in out and "[name]" in out
    assert main(["--db", db, "explain", "--json", "nothing like this"]) == 1


def test_a_store_from_before_resolutions_still_explains_read_only(tmp_path: Path, dev_gold: Path) -> None:
    from orgkg.loaders.load import load_paths

    store = SQLiteStore(tmp_path / "old.db")
    load_paths(store, [dev_gold], progress=False)
    store.conn.execute("DROP TABLE resolutions")
    (institute,) = orgs_named(store, "Viện Khoa học")
    store.close()
    old = SQLiteStore(tmp_path / "old.db", readonly=True)
    why = resolve.explain(old, institute.id)
    assert why is not None and why["mentions"] == [] and why["records"] == []
    assert all(b.resolutions == [] for b in old.iter_batches())
    old.close()
