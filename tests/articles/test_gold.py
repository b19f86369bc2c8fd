"""Our own gold annotations are a measuring stick: check they say only what their article says, in FORMAT.md's shape."""

from __future__ import annotations

import importlib.util
import json
import re
import unicodedata
from pathlib import Path

import pytest

from orgkg.loaders.document import Document
from orgkg.loaders.documents import read_documents

HERE = Path(__file__).resolve().parent
ARTICLES = sorted(HERE.glob("*.txt"))
SCORER = HERE.parents[2] / "shared" / "eval" / "score.py"

KINDS = {"tổng kết", "sơ kết", "đại hội", "hội thảo", "giao ban", "hội nghị ban chấp hành", "hội nghị"}
ROLES = {"attended", "chaired", "spoke", "reported", "elected"}
HONORIFICS = {None, "đồng chí", "ông", "bà", "TS", "ThS", "PGS.TS", "GS.TS"}
# Task performers that are plural collectives ("các hội thành viên", "hai tỉnh") are not organizations of the article.
COLLECTIVE = re.compile(r"(^|\s)(các|những|hai|ba)\s")


def gold_of(article: Path) -> dict:
    return json.loads((HERE / "gold" / f"{article.stem}.json").read_text(encoding="utf-8"))


def text_of(article: Path) -> str:
    return unicodedata.normalize("NFC", article.read_text(encoding="utf-8"))


def test_every_article_has_gold_and_the_set_is_varied():
    golds = sorted(p.stem for p in (HERE / "gold").glob("*.json"))
    assert golds == [a.stem for a in ARTICLES]
    assert len(ARTICLES) >= 16
    kinds = {m["kind"] for a in ARTICLES for m in gold_of(a)["meetings"]}
    assert kinds >= {"tổng kết", "sơ kết", "đại hội", "hội thảo", "giao ban", "hội nghị ban chấp hành"}
    assert any(not gold_of(a)["meetings"] for a in ARTICLES), "one article reports no meeting"


def test_articles_read_as_documents():
    docs = list(read_documents(HERE))
    assert all(isinstance(d, Document) for d in docs), [str(d) for d in docs if not isinstance(d, Document)]
    assert sorted(d.id for d in docs) == [a.stem for a in ARTICLES]


@pytest.mark.parametrize("article", ARTICLES, ids=lambda p: p.stem)
def test_gold_says_only_what_the_article_says(article):
    gold, text = gold_of(article), text_of(article)
    low = text.casefold()
    orgs: set[str] = set()
    for org in gold["organizations"]:
        orgs.add(org["name"].casefold())
        for alias in org["aliases"]:
            assert alias.casefold() in low, f"alias {alias!r} is not in the text"
            orgs.add(alias.casefold())

    def listed(name: str | None) -> bool:
        return name is None or name.casefold() in orgs

    assert all(listed(org["parent"]) for org in gold["organizations"])
    meetings = {m["name"] for m in gold["meetings"]}
    for m in gold["meetings"]:
        assert m["kind"] in KINDS and listed(m["host"])
        assert re.fullmatch(r"\d{4}-\d\d-\d\d", m["date"])
    people = {p["name"] for p in gold["people"]}
    for person in gold["people"]:
        assert person["name"] in text and person["honorific"] in HONORIFICS
        for position in person["positions"]:
            assert listed(position["organization"]), position
    for p in gold["participation"]:
        assert p["person"] in people and p["meeting"] in meetings and p["role"] in ROLES
    roles = {(p["person"], p["role"]) for p in gold["participation"]}
    assert all((person, "attended") in roles for person, _ in roles), "every participant attended"
    for e in gold["elections"]:
        assert (e["person"], "elected") in roles
        person = next(p for p in gold["people"] if p["name"] == e["person"])
        # (an election with no term matches a position written without one)
        assert any((p["title"], p["organization"], p.get("term")) == (e["title"], e["organization"], e.get("term"))
                   for p in person["positions"]), e
    for task in gold["tasks"]:
        assert task["text"] in text, f"task is not copied from the text: {task['text'][:60]!r}"
        assert task["text"][-1] not in ".;:,", task["text"]
        assert listed(task["organization"]) or COLLECTIVE.search(task["organization"]), task["organization"]
        assert task["meeting"] is None or task["meeting"] in meetings


@pytest.mark.skipif(not SCORER.is_file(), reason="the shared scorer is not beside this checkout")
def test_gold_scores_perfectly_against_itself():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    score = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(score)
    result = score.score(HERE / "gold", HERE / "gold")
    assert all(result[k]["f1"] == 1.0 for k in (*score.KINDS, "all") if result[k]["gold"])
    assert result["missing_articles"] == []
