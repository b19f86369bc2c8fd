"""The orgkg command line, end to end on a temporary store."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from orgkg.cli import main

DEV_ARTICLES = Path(__file__).resolve().parents[2] / "shared" / "corpus" / "dev" / "articles"


def test_load_query_and_stats(tmp_path: Path, dev_gold: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "kg.db")
    assert main(["--db", db, "load", "--no-progress", str(dev_gold)]) == 0
    assert capsys.readouterr().out.strip() == "loaded 5, skipped 0 (unchanged), rejected 0"

    assert main(["--db", db, "query", '{ meetings(where: {date: {gte: "2023", lte: "2023"}}) { totalCount } }']) == 0
    assert json.loads(capsys.readouterr().out) == {"data": {"meetings": {"totalCount": 3}}}

    query = "query($n: String!) { people(where: {name: {eqFold: $n}}) { nodes { name } } }"
    assert main(["--db", db, "query", query, "--variables", '{"n": "nong quang nhat"}']) == 0
    assert json.loads(capsys.readouterr().out)["data"]["people"]["nodes"] == [{"name": "Nông Quang Nhất"}]

    assert main(["--db", db, "stats", "--check"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["problems"] == [] and out["counts"]["nodes.Article"] == 5

    assert main(["--db", db, "load", "--no-progress", str(dev_gold)]) == 0
    assert "loaded 0, skipped 5" in capsys.readouterr().out


def test_errors_are_one_line_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "kg.db")
    bad = tmp_path / "bad.json"
    bad.write_text('{"people": [{"name": ""}]}', encoding="utf-8")
    assert main(["--db", db, "load", "--no-progress", str(bad)]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"rejected {bad}: people.0.name") and "Traceback" not in err

    assert main(["--db", db, "query", "{ people { totalCount } }", "--variables", "[1]"]) == 2
    assert "must be a JSON object" in capsys.readouterr().err

    assert main(["--db", str(tmp_path / "none.db"), "query", "{ people { totalCount } }"]) == 2
    assert "No store at" in capsys.readouterr().err


def test_schema_prints_sdl(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["schema"]) == 0
    sdl = capsys.readouterr().out
    assert "type Query" in sdl and "people(" in sdl and "union SearchHit" in sdl


def test_extract_bench_prints_both_rates_and_the_ratio(capsys: pytest.CaptureFixture[str]) -> None:
    if not DEV_ARTICLES.is_dir():
        pytest.skip(f"the dev set is not beside the repository ({DEV_ARTICLES})")
    assert main(["extract", "--bench", str(DEV_ARTICLES / "002_f129b53a6be23e6e.txt")]) == 0
    out = capsys.readouterr().out
    assert "orgkg extract" in out and "underthesea ner" in out and "ratio" in out
