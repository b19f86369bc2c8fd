"""orgkg stats: what the store holds, and whether it is consistent."""

from __future__ import annotations

import argparse
import json

from orgkg.graph import open_store

HELP = "print counts of nodes and relationships by type, and run the integrity check"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--check", action="store_true", help="also check integrity (exit 1 on a problem)")


def run(args: argparse.Namespace) -> int:
    store = open_store(args.db, readonly=not args.check)
    try:
        out: dict = {"counts": store.stats()}
        if args.check:
            integrity = store.check()
            out["problems"] = integrity.problems
        print(json.dumps(out, ensure_ascii=False, indent=2))
        return 1 if args.check and out["problems"] else 0
    finally:
        store.close()
