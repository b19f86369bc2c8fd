"""The SDL kept in the repository (api/schema.graphql) is the one the code serves."""

from __future__ import annotations

from pathlib import Path

from orgkg.cli import main

SDL = Path(__file__).resolve().parent.parent / "api" / "schema.graphql"


def test_schema_graphql_is_in_sync(capsys) -> None:
    assert main(["schema"]) == 0
    printed = capsys.readouterr().out
    assert printed == SDL.read_text(encoding="utf-8"), (
        "api/schema.graphql is out of date: run `orgkg schema > api/schema.graphql` and commit it")
    for field in ("leaders(on: Date = null): [Holding!]!", "shortestPath(", "colleagues(first: Int! = 20)",
                  "union SearchHit = Organization | Person | Meeting | Task", "name: String!"):
        assert field in printed
    assert "type Mutation" not in printed  # read-only
