"""`explanation` on Organization and Person: why a node is one node (loaders/resolve.py explains)."""

from __future__ import annotations

from typing import Any, Optional

import strawberry
from strawberry.types import Info

from orgkg.api.dataloaders import Cohort, batch
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


def node_explanation(self: Any, info: Info) -> Optional[Explanation]:  # noqa: UP045
    # for the node's whole cohort at once, so that a list of nodes costs two store calls, not two per node
    return batch(self, "explanation", lambda cohort: _explain(info, cohort))


def _explain(info: Info, cohort: Cohort) -> dict[str, Explanation]:
    out = {}
    for node_id, found in explain_many(info.context["store"], list(dict.fromkeys(cohort.ids))).items():
        if found is not None:
            out[node_id] = Explanation(
                names=found["names"], articles=found["articles"], records=found["records"],
                summary=found["summary"],
                mentions=[Mention(article_id=m["article"], name=m["name"], aliases=m["aliases"],
                                  record=m["record"], key=m["key"], rule=m["rule"],
                                  rule_description=RULES.get(m["rule"] or ""), judgements=m["judgements"])
                          for m in found["mentions"]])
    return out


def explanation_field() -> Any:
    return strawberry.field(resolver=node_explanation,
                            description="Why this is one node: its names, their articles, the rule or judgement.")
