"""Extraction quality on the five dev articles (../shared) and on our own test articles (tests/articles), scored
with the shared scorer. Prints the per-kind table; asserts a floor a little below the figures reached."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from orgkg.loaders.document import Document
from orgkg.loaders.extract import extract

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
DEV = SHARED / "corpus" / "dev"
OWN = REPO / "tests" / "articles"


def _scorer():
    spec = importlib.util.spec_from_file_location("orgkg_shared_score", SCORER)
    assert spec and spec.loader
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def _score(articles: Path, gold: Path, tmp_path: Path) -> dict:
    pred = tmp_path / "pred.jsonl"
    with pred.open("w", encoding="utf-8") as f:
        for a in sorted(articles.glob("*.txt")):
            doc = Document(id=a.stem, text=a.read_text(encoding="utf-8"), origin=str(a))
            f.write(json.dumps(extract(doc), ensure_ascii=False) + "\n")
    result = _scorer().score(gold, pred)
    print(f"\n{'kind':<15}{'P':>8}{'R':>8}{'F1':>8}{'tp':>6}{'pred':>6}{'gold':>6}")
    for k in (*_scorer().KINDS, "all"):
        r = result[k]
        print(f"{k:<15}{r['precision']:>8.3f}{r['recall']:>8.3f}{r['f1']:>8.3f}{r['tp']:>6}{r['predicted']:>6}"
              f"{r['gold']:>6}")
    assert not result["missing_articles"]
    return result


@pytest.mark.skipif(not (SCORER.exists() and (DEV / "gold").exists()),
                    reason="../shared (dev corpus and scorer) is not checked out beside the repo")
def test_dev_articles_score(tmp_path: Path) -> None:
    result = _score(DEV / "articles", DEV / "gold", tmp_path)
    assert result["all"]["f1"] >= 0.98
    assert result["people"]["f1"] >= 0.98
    assert result["organizations"]["f1"] >= 0.97


@pytest.mark.skipif(not (SCORER.exists() and (OWN / "gold").exists()),
                    reason="needs ../shared/eval/score.py and tests/articles/gold")
def test_own_articles_score(tmp_path: Path) -> None:
    result = _score(OWN, OWN / "gold", tmp_path)
    # (floors just below what is reached; articles 216-275, written by colleagues who had not seen the rules,
    # still hold misses listed in the README's known weaknesses)
    assert result["all"]["f1"] >= 0.98
    assert result["people"]["f1"] >= 0.99
    assert all(result[kind]["f1"] >= 0.965 for kind in ("organizations", "positions", "meetings", "tasks"))
