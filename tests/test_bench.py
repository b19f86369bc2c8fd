"""The benchmark at a CI size, so it never rots: a small synthetic corpus loads with workers into a sound
graph where recurring people are one node, and `orgkg bench --sizes 50` writes its figures."""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path

import pytest

from orgkg.bench.synth import write_corpus
from orgkg.cli import main
from orgkg.graph.sqlite import SQLiteStore
from orgkg.loaders.load import load_paths


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("bench")
    write_corpus(root / "corpus", 50, seed=3, workers=1, provinces=2)  # two provinces: people meet often
    store = SQLiteStore(root / "store.db")
    try:
        report = load_paths(store, [root / "corpus" / "articles"], progress=False, workers=2)
    finally:
        store.close()
    assert report.loaded == 50 and not report.rejected
    return root / "corpus", root / "store.db"


def test_recurring_people_are_resolved_to_one_node(loaded: tuple[Path, Path]) -> None:
    corpus, db = loaded
    articles: dict[str, set[str]] = defaultdict(set)
    for path in (corpus / "gold").iterdir():
        for person in json.loads(path.read_text(encoding="utf-8"))["people"]:
            if not person.get("boilerplate"):
                articles[person["name"]].add(path.stem)
    recurring = [name for name, arts in articles.items() if len(arts) >= 3]
    assert len(recurring) >= 10
    store = SQLiteStore(db, readonly=True)
    try:
        resolved = 0
        for name in recurring:
            nodes = store.list_nodes("Person", where={"name": {"eq": name}}).nodes
            if len(nodes) == 1:
                meetings = store.edges([nodes[0].id], "TAKES_PART", "out").get(nodes[0].id, [])
                resolved += len({e.target for e in meetings}) >= 2
        assert resolved >= 0.8 * len(recurring), (resolved, len(recurring))
        assert store.check().ok, store.check().problems
    finally:
        store.close()


def test_bench_command_writes_its_figures(tmp_path: Path, capsys) -> None:
    work, results = tmp_path / "work", tmp_path / "results"
    assert main(["bench", "--sizes", "50", "--work", str(work), "--results", str(results), "--rounds", "2",
                 "--ner-sample", "3", "--rdf-sample", "2000"]) == 0
    out = capsys.readouterr().out
    assert "[50] loading end to end with" in out
    (json_path,) = results.glob("*-50.json")
    r = json.loads(json_path.read_text(encoding="utf-8"))
    assert r["machine"]["cores"] >= 1 and r["machine"]["python"]
    assert r["load"]["loaded"] == 50 and r["load"]["exit"] == 0 and r["load"]["peak_rss_mib"] > 0
    assert r["load"]["cpu_ms_per_article"] > r["load"]["writer_cpu_ms_per_article"] > 0
    assert r["resolution"]["checked"] >= r["resolution"]["one_node_each"]
    assert r["store"]["integrity_ok"] and r["store"]["nodes"] > 50 and r["store"]["bytes"] > 0
    assert r["extraction"]["ours_per_s"] > 0 and r["extraction"]["ner_per_s"] > 0
    assert r["graphql"]["http"]["n"] > 0 and r["graphql"]["baseline"]["n"] > 0 and not r["graphql"].get("errors")
    if r["graphql"]["source"] == "bench/api_latency.py":  # its mix fits the store: the second baseline too
        assert r["graphql"]["baseline2"]["n"] == r["graphql"]["baseline"]["n"] == r["graphql"]["server"]["n"]
        assert r["graphql"]["server"]["p50_ms"] <= r["graphql"]["http"]["p50_ms"]  # the server's part of the wait
        assert r["goals"]["graphql_server_1_5x_bare"] is not None
    assert r["rdf"]["turtle"]["triples"] > 0 and r["rdf"]["rdflib_turtle"]["triples"] > 0
    assert set(r["goals"]) >= {"load_100k_within_10_min", "extraction_30x_ner", "graphql_p99_50ms"}
    md = json_path.with_suffix(".md").read_text(encoding="utf-8")
    assert "| extraction, articles/s" in md and "Machine:" in md and "underthesea ner" in md
    # a second run reuses the corpus instead of writing it again
    assert main(["bench", "--sizes", "50", "--work", str(work), "--results", str(results), "--rounds", "1",
                 "--ner-sample", "2", "--rdf-sample", "1000"]) == 0
    assert json.loads(json_path.read_text(encoding="utf-8"))["synth"] == {"reused": True}


def test_sizes_must_be_article_counts(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["bench", "--sizes", "ten"])
    assert "not a list of article counts" in capsys.readouterr().err


def test_a_partial_run_measures_only_its_parts_and_keeps_whole_results(tmp_path: Path) -> None:
    work, results = tmp_path / "work", tmp_path / "results"
    assert main(["bench", "--sizes", "30", "--parts", "load", "--work", str(work), "--results", str(results)]) == 0
    (json_path,) = results.glob("*-30-load.json")  # its own file: never over a whole run's figures
    r = json.loads(json_path.read_text(encoding="utf-8"))
    assert r["parts"] == ["load"] and r["load"]["loaded"] == 30 and r["store"]["integrity_ok"]
    assert "extraction" not in r and "graphql" not in r and "rdf" not in r
    assert r["goals"]["load_peak_rss_within_2_gib"] is True and r["goals"]["extraction_30x_ner"] is None
    with pytest.raises(SystemExit):
        main(["bench", "--parts", "load,speed"])
