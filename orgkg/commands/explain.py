"""orgkg explain ID: why a node is what it is (its names, their articles, the rule or judgement that joined them)."""

from __future__ import annotations

import argparse
import json
import sys

from orgkg.graph import open_store
from orgkg.loaders.resolve import explain

HELP = "say why an organization or person is one node: its names, their articles, the rule or judgement"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("node", metavar="ID", help="a node id (org:…, per:…), or text to search for")
    parser.add_argument("--json", action="store_true", help="print the explanation as JSON")


def run(args: argparse.Namespace) -> int:
    store = open_store(args.db, readonly=True)
    try:
        node_id = args.node
        if not store.get_nodes([node_id]):
            hits = store.search(node_id, 1, ("Organization", "Person"))
            if not hits:
                print(f"orgkg: no node {node_id!r}, and searching for it finds no organization or person",
                      file=sys.stderr)
                return 1
            node_id = hits[0].node.id
        found = explain(store, node_id)
        assert found is not None
        print(json.dumps(found, ensure_ascii=False, indent=2) if args.json else found["summary"])
        return 0
    finally:
        store.close()
