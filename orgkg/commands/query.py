"""orgkg query 'GRAPHQL': run a GraphQL query against the store, without a server."""

from __future__ import annotations

import argparse
import json
import sys

from orgkg.graph import open_store

HELP = "run a GraphQL query against the store and print {data, errors} as JSON"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("query", help="the GraphQL document, or - to read it from standard input")
    parser.add_argument("--variables", default=None, help="variables as a JSON object")
    parser.add_argument("--operation", default=None, help="the operation to run, if the document has several")


def run(args: argparse.Namespace) -> int:
    from orgkg.api.graphql import execute

    document = sys.stdin.read() if args.query == "-" else args.query
    try:
        variables = json.loads(args.variables) if args.variables else None
    except json.JSONDecodeError as exc:
        print(f"orgkg: --variables is not valid JSON ({exc})", file=sys.stderr)
        return 2
    if variables is not None and not isinstance(variables, dict):
        print("orgkg: --variables must be a JSON object", file=sys.stderr)
        return 2
    store = open_store(args.db, readonly=True)
    try:
        result = execute(store, document, variables, args.operation)
    finally:
        store.close()
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 1 if result.get("errors") else 0
