"""orgkg cypher: every Cypher statement the Neo4j store can send, for review and linting."""

from __future__ import annotations

import argparse
import json

HELP = 'print every Cypher statement the Neo4j store can send, as JSON [{"name", "cypher", "parameters"}]'


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--names", action="store_true", help="print only the statements' names, one a line")


def run(args: argparse.Namespace) -> int:
    from orgkg.graph.cypher import catalog
    from orgkg.schema import load_model

    statements = catalog(load_model())
    if args.names:
        print("\n".join(s["name"] for s in statements))
    else:
        print(json.dumps(statements, ensure_ascii=False, indent=2))
    return 0
