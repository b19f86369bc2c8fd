"""orgkg schema: the GraphQL schema in SDL (kept in the repo as api/schema.graphql)."""

from __future__ import annotations

import argparse

HELP = "print the GraphQL schema (SDL)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    pass


def run(args: argparse.Namespace) -> int:
    from orgkg.api.graphql import build_schema

    print(build_schema().as_str())
    return 0
