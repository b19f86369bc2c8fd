"""GraphQL `explanation` on Organization and Person: names, articles, rule; batched per request."""

from __future__ import annotations

from pathlib import Path

import pytest

from orgkg.api.dataloaders import CountingStore
from orgkg.api.graphql import execute
from orgkg.graph.store import Store
from orgkg.loaders import resolve
from orgkg.loaders.load import load_paths
from orgkg.loaders.resolve import Resolver

QUERY = """
query {
  organizations(first: 50) { nodes { id name explanation { names articles records summary
    mentions { articleId name aliases key rule ruleDescription judgements } } } }
  people(where: {name: {eq: "Lê Tuấn An"}}) { nodes { explanation { articles mentions { key rule } } } }
}"""


@pytest.fixture
def gold(sqlite_store: Store, dev_gold: Path) -> Store:
    resolve.use(Resolver())
    load_paths(sqlite_store, [dev_gold], progress=False)
    yield sqlite_store
    resolve.use(None)


def test_explanation_names_articles_and_rule(gold: Store) -> None:
    result = execute(gold, QUERY)
    assert result.get("errors") is None
    orgs = {o["name"]: o for o in result["data"]["organizations"]["nodes"]}
    institute = next(o for n, o in orgs.items() if n.startswith("Viện Khoa học"))
    why = institute["explanation"]
    assert len(why["articles"]) == 2 and why["records"] == [institute["id"]]
    assert {m["rule"] for m in why["mentions"]} == {"name"}
    assert {"Viện KHCN&MT", "Viện KHCN & MT"} <= set(why["names"])
    assert all("abbreviations are expanded" in m["ruleDescription"] for m in why["mentions"])
    (an,) = result["data"]["people"]["nodes"]
    assert [m["rule"] for m in an["explanation"]["mentions"]] == ["person+organization"]


def test_explanations_of_a_list_cost_one_resolutions_call(gold: Store) -> None:
    counting = CountingStore(gold)
    result = execute(counting, QUERY)  # type: ignore[arg-type]
    assert result.get("errors") is None and len(result["data"]["organizations"]["nodes"]) > 10
    assert counting.calls.count("resolutions") <= 2  # one per list at most (organizations, people), never per node
