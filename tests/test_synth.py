"""The synthetic corpus: deterministic, varied like real reports, and its gold true to its text."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from orgkg.bench import synth
from orgkg.cli import main
from orgkg.loaders.records import parse_annotation
from orgkg.schema.text import norm

N = 300


@pytest.fixture(scope="module")
def corpus() -> list[tuple[str, str, dict]]:
    return list(synth.iter_corpus(seed=11, n=N))


def test_same_seed_same_bytes_and_article_i_does_not_depend_on_n(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    assert main(["synth", "--articles", "40", "--seed", "3", "--out", str(a), "--workers", "1"]) == 0
    assert main(["synth", "--articles", "60", "--seed", "3", "--out", str(b), "--workers", "2"]) == 0
    for name in sorted(p.name for p in (a / "articles").iterdir()):
        assert (a / "articles" / name).read_bytes() == (b / "articles" / name).read_bytes()
        gold = name.replace(".txt", ".json")
        assert (a / "gold" / gold).read_bytes() == (b / "gold" / gold).read_bytes()
    assert len(list((a / "articles").iterdir())) == 40 and len(list((b / "gold").iterdir())) == 60
    other = next(synth.iter_corpus(seed=4, n=1))
    assert other[1] != (a / "articles" / "synth-000000.txt").read_text(encoding="utf-8")


def test_gold_is_valid_format_and_true_to_the_text(corpus) -> None:
    for art_id, text, gold in corpus:
        parse_annotation(gold)  # the loader's own validator accepts every record
        folded = norm(text)
        for person in gold["people"]:
            assert person["name"] in text, (art_id, person["name"])
        for org in gold["organizations"]:
            for alias in org["aliases"]:
                assert alias in text, (art_id, alias)
            implied = org["name"].startswith(("Tỉnh ủy", "Thành ủy")) and re.search(r"TUV|ủy viên", text)
            assert org["name"] in text or org["aliases"] or implied, (art_id, org["name"])
        for task in gold["tasks"]:
            assert norm(task["text"]) in folded, (art_id, task["text"])
        names = {p["name"] for p in gold["people"]}
        assert {p["person"] for p in gold["participation"]} <= names
        for e in gold["elections"]:
            assert e["person"] in names and e["term"]
            assert any(p["title"] == e["title"] and p.get("term") == e["term"]
                       for person in gold["people"] if person["name"] == e["person"]
                       for p in person["positions"]), (art_id, e)
        assert len(gold["meetings"]) == 1 and gold["meetings"][0]["date"]


def test_every_article_shows_its_province(corpus) -> None:
    """Gold names carry the province, so the text must show it: the host's full name, a dateline code or
    the newspaper's footer (FORMAT.md: the locality whenever the article names it anywhere)."""
    for art_id, text, gold in corpus:
        host = gold["meetings"][0]["host"]
        shown = host in text or re.search(r"^\(?[A-ZĐ][A-ZĐa-zđ-]*\)? - ", text, re.M) or "ĐIỆN TỬ" in text
        assert shown, art_id


def test_meeting_date_year_is_in_the_text_or_follows_from_it(corpus) -> None:
    for art_id, text, gold in corpus:
        meeting = gold["meetings"][0]
        y, m, d = (int(x) for x in meeting["date"].split("-"))
        assert re.search(rf"\b{d}[/-]0?{m}\b", text), (art_id, meeting["date"])
        assert str(y) in text or str(y - 1) in text, art_id


def test_the_variety_of_real_reports(corpus) -> None:
    texts = [t for _, t, _ in corpus]
    golds = [g for _, _, g in corpus]

    def share(pred) -> float:
        return sum(1 for t in texts if pred(t)) / len(texts)

    assert share(lambda t: "UBND" in t or "MTTQ" in t or "KH&" in t or "HĐND" in t) > 0.3  # abbreviations
    assert share(lambda t: "Tổng biên tập:" in t) > 0.1  # mastheads and footers
    assert share(lambda t: re.search(r"^\(?[A-ZĐ][A-ZĐa-z-]+\)? - ", t, re.M)) > 0.1  # dateline codes
    assert share(lambda t: re.search(r"(Ngày|Sáng|Chiều) \d{1,2}[/-]\d{1,2}[,.]", t)) > 0.3  # days without years
    assert share(lambda t: "(1) " in t) > 0.15  # numbered task lists
    assert share(lambda t: "; " in t) > 0.5  # ';' lists
    assert share(lambda t: "Quang cảnh" in t or "Các đại biểu" in t) > 0.2  # photo captions
    assert share(lambda t: re.search(r"^(Tin, ảnh|Bài và ảnh|Tin):", t, re.M)) > 0.2  # bylines
    assert share(lambda t: "TUV" in t or "P." in t) > 0.02  # abbreviated titles
    kinds = Counter(g["meetings"][0]["kind"] for g in golds)
    assert set(kinds) >= {"tổng kết", "sơ kết", "đại hội", "hội thảo", "giao ban", "hội nghị ban chấp hành"}
    assert sum(1 for g in golds if g["elections"]) > 0.03 * N
    # a past post with its term, held by someone not elected this time
    assert any(pos.get("term") and person["name"] not in {e["person"] for e in g["elections"]}
               for g in golds for person in g["people"] for pos in person["positions"])
    # titles before the name ("Phó Chủ tịch UBND tỉnh X") and after it ("X, Phó Chủ tịch UBND tỉnh")
    before = after = 0
    for t, g in zip(texts, golds, strict=True):
        for p in g["people"]:
            for pos in p["positions"]:
                before += f"{pos['title']} " in t and re.search(rf"{re.escape(pos['title'])} [^,.;]* {p['name']}", t) \
                    is not None
                after += f"{p['name']}, " in t
    assert before > 50 and after > 50


def test_people_and_organizations_recur_across_articles(corpus) -> None:
    seen: Counter[tuple[str, str]] = Counter()
    orgs: Counter[str] = Counter()
    for _, _, gold in corpus:
        host = gold["meetings"][0]["host"]
        orgs[host] += 1
        for person in gold["people"]:
            if not person.get("boilerplate"):
                # a person is a name within a province: the province closes every local body's name
                seen[(person["name"], host.split(" tỉnh ")[-1].split(" thành phố ")[-1])] += 1
    recurring = [k for k, n in seen.items() if n >= 2]
    assert len(recurring) > 0.15 * len(seen)
    assert max(orgs.values()) >= 3


def test_careers_change_posts_over_the_years() -> None:
    world = synth.build_world(11)
    promoted = 0
    for prov in world.provinces:
        for unit in prov.units.values():
            heads = {s.person.name for s in unit.head.spells}
            deputies = {s.person.name for p in unit.deputies for s in p.spells}
            promoted += len(heads & deputies)
    assert promoted > 20
    names = [s.person.name for prov in world.provinces[:1] for u in prov.units.values() for p in u.posts
             for s in p.spells]
    people = {id(s.person) for prov in world.provinces[:1] for u in prov.units.values() for p in u.posts
              for s in p.spells}
    assert len(set(names)) == len(people)  # within a province a name is one person


def test_refuses_a_file_as_the_output_folder(tmp_path: Path, capsys) -> None:
    target = tmp_path / "file"
    target.write_text("x")
    assert main(["synth", "--articles", "1", "--out", str(target)]) == 2
    assert "not a folder" in capsys.readouterr().err


def test_world_json_lists_every_officials_term(tmp_path: Path) -> None:
    main(["synth", "--articles", "3", "--seed", "1", "--out", str(tmp_path), "--workers", "1"])
    world = json.loads((tmp_path / "world.json").read_text(encoding="utf-8"))
    assert world["articles"] == 3 and len(world["provinces"]) == 63
    assert world["spells"] == sum(len(p["holders"]) for prov in world["provinces"] for u in prov["units"]
                                  for p in u["posts"])
