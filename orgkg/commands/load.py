"""orgkg load PATH...: records and articles into the store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from orgkg.graph import open_store
from orgkg.loaders.load import Rejected, load_paths

HELP = "load .json/.jsonl records and .txt/.html/.jsonl articles (files or folders) into the store"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument("--no-progress", action="store_true", help="never show a progress bar")


def run(args: argparse.Namespace) -> int:
    store = open_store(args.db)

    def say(rejected: Rejected) -> None:
        print(f"rejected {rejected}", file=sys.stderr)

    try:
        report = load_paths(store, args.paths, progress=False if args.no_progress else None, on_error=say)
    finally:
        store.close()
    print(report.summary())
    return 1 if report.rejected and not (report.loaded or report.skipped) else 0
