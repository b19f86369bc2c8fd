"""A metamorphic check of the extractor: our own articles with their province swapped for another one (in the text,
the paper's dateline code and site name, and the gold alike) must score as the articles do. A rule or lexicon entry
fitted to the provinces our articles happen to cover would fail here; one such bug was found this way (a province
whose name opens with a surname, "Ninh Thuận", was read as a person closing a body's name)."""

from __future__ import annotations

import json
import random
import re
import unicodedata
from pathlib import Path

import pytest
from test_extract_dev import OWN, SCORER, _scorer

from orgkg.loaders import lexicon as lx
from orgkg.loaders.document import Document
from orgkg.loaders.extract import extract


def _site_word(province: str) -> str:
    """The province as paper sites spell it in their names: "Hà Tĩnh" -> "hatinh" ("Baohatinh.vn")."""
    s = unicodedata.normalize("NFD", province.replace("Đ", "D").replace("đ", "d"))
    return "".join(c for c in s if not unicodedata.combining(c)).replace(" ", "").lower()


def _codes() -> dict[str, list[str]]:
    """Each province's papers' dateline codes."""
    codes: dict[str, list[str]] = {}
    for paper in lx.newspapers():
        codes.setdefault(paper.place, []).extend(c for c in paper.codes if c)
    return codes


def _swap(text: str, gold: str, old: str, new: str) -> tuple[str, str]:
    codes = _codes()
    word = re.compile(rf"\b{re.escape(old)}\b")
    text, gold = word.sub(new, text), word.sub(new, gold)
    text, gold = text.replace(old.upper(), new.upper()), gold.replace(old.upper(), new.upper())
    for code in codes.get(old, []):
        text = re.sub(rf"(?<!\w){re.escape(code)}(?!\w)", codes[new][0], text)
    return re.sub(_site_word(old), _site_word(new), text, flags=re.IGNORECASE), gold


def _swapped_corpus(out: Path, seed: int) -> Path:
    """Each of our articles naming a province (the one it names most), with that province swapped for another."""
    provinces = [p.name for p in lx.provinces() if p.level == "tỉnh" and "-" not in p.name]
    with_codes = {place for place, codes in _codes().items() if codes}
    rnd = random.Random(seed)
    (out / "gold").mkdir(parents=True)
    for article in sorted(OWN.glob("[0-9]*.txt")):
        text = article.read_text(encoding="utf-8")
        gold = (OWN / "gold" / f"{article.stem}.json").read_text(encoding="utf-8")
        named = [p for p in provinces if re.search(rf"\b{re.escape(p)}\b", text)]
        if not named:
            continue
        old = max(named, key=text.count)
        new = rnd.choice([p for p in provinces if p not in text and p in with_codes])
        text, gold = _swap(text, gold, old, new)
        (out / article.name).write_text(text, encoding="utf-8")
        (out / "gold" / f"{article.stem}.json").write_text(gold, encoding="utf-8")
    return out


def _f1(articles: Path, gold: Path, pred: Path) -> float:
    ids = {g.stem for g in gold.glob("*.json")}
    with pred.open("w", encoding="utf-8") as f:
        for a in sorted(articles.glob("*.txt")):
            if a.stem in ids:
                f.write(json.dumps(extract(Document(id=a.stem, text=a.read_text(encoding="utf-8"))),
                                   ensure_ascii=False) + "\n")
    return _scorer().score(gold, pred)["all"]["f1"]


@pytest.mark.skipif(not (SCORER.exists() and (OWN / "gold").exists()),
                    reason="needs ../shared/eval/score.py and tests/articles/gold")
def test_swapping_the_province_leaves_the_score_as_it_was(tmp_path: Path) -> None:
    swapped = _swapped_corpus(tmp_path / "swapped", seed=1)
    gold = tmp_path / "gold"
    gold.mkdir()
    for g in (swapped / "gold").glob("*.json"):  # the same articles, unswapped
        (gold / g.name).write_text((OWN / "gold" / g.name).read_text(encoding="utf-8"), encoding="utf-8")
    assert len(list(gold.glob("*.json"))) >= 200
    as_written = _f1(OWN, gold, tmp_path / "pred.jsonl")
    after_swap = _f1(swapped, swapped / "gold", tmp_path / "pred_swapped.jsonl")
    print(f"\nall F1: {as_written:.3f} as written, {after_swap:.3f} with the province swapped")
    assert after_swap >= as_written - 0.01
