"""`explanation` on Organization and Person: why a node is one node (loaders/resolve.py explains)."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, Optional

import strawberry
from strawberry.dataloader import DataLoader
from strawberry.types import Info

from orgkg.loaders.resolve import RULES, explain_many


@strawberry.type(description="One mention of the node in one article, and how it was resolved.")
class Mention:
    article_id: str
    name: Optional[str]  # noqa: UP045
    aliases: list[str]
    record: str = strawberry.field(description="The id the mention's key gave before judgements.")
    key: Optional[str] = strawberry.field(description="The canonical key the id comes from.")  # noqa: UP045
    rule: Optional[str] = strawberry.field(description="The rule that made the key.")  # noqa: UP045
    rule_description: Optional[str]  # noqa: UP045
    judgements: list[str] = strawberry.field(description="Judgements (file#entry) that joined this record.")


@strawberry.type(description="Why this node is one node: its names, the articles each came from, the rule or "
                             "judgement that joined them.")
class Explanation:
    names: list[str]
    articles: list[str]
    records: list[str]
    mentions: list[Mention]
    summary: str


def _loader(info: Info) -> DataLoader[str, dict | None]:
    # one per request, so that a list of nodes costs two store calls, not two per node
    if "explanations" not in info.context:
        store = info.context["store"]

        async def load(ids: Sequence[str]) -> list[dict | None]:
            found = await asyncio.to_thread(explain_many, store, list(ids))
            return [found.get(i) for i in ids]

        info.context["explanations"] = DataLoader(load_fn=load)
    return info.context["explanations"]


async def node_explanation(self: Any, info: Info) -> Optional[Explanation]:  # noqa: UP045
    found = await _loader(info).load(self.id)
    if found is None:
        return None
    return Explanation(
        names=found["names"], articles=found["articles"], records=found["records"], summary=found["summary"],
        mentions=[Mention(article_id=m["article"], name=m["name"], aliases=m["aliases"], record=m["record"],
                          key=m["key"], rule=m["rule"], rule_description=RULES.get(m["rule"] or ""),
                          judgements=m["judgements"]) for m in found["mentions"]])


def explanation_field() -> Any:
    return strawberry.field(resolver=node_explanation,
                            description="Why this is one node: its names, their articles, the rule or judgement.")
