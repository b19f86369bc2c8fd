"""The `orgkg` command: one subcommand per module in `orgkg/commands/`.

Each command module defines HELP, `add_arguments(parser)` and `run(args) -> int`; adding a
command means adding its module and one line to COMMANDS.
"""

from __future__ import annotations

import argparse
import importlib
import sys
from collections.abc import Sequence

from orgkg.graph.store import StoreError

COMMANDS = [
    "load",
    "query",
    "serve",
    "stats",
    "extract",
    "schema",
    "export",
    "sync",
    "cypher",
    "synth",
    "bench",
    "explain",
    "judge",
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="orgkg",
        description="A graph knowledge base of Vietnamese public organizations.",
    )
    parser.add_argument(
        "--db", help="the embedded store's file (default: $ORGKG_DB or ./data/orgkg.db); "
        "ignored when NEO4J_URI is set")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name in COMMANDS:
        module = importlib.import_module(f"orgkg.commands.{name.replace('-', '_')}")
        cmd = sub.add_parser(name, help=module.HELP, description=module.HELP)
        module.add_arguments(cmd)
        cmd.set_defaults(run=module.run)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.run(args) or 0)
    except StoreError as exc:
        print(f"orgkg: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("orgkg: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
