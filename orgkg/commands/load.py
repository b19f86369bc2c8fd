"""orgkg load PATH...: records and articles into the store."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from orgkg.graph import open_store
from orgkg.loaders import resolve
from orgkg.loaders.load import Rejected, load_paths

HELP = "load .json/.jsonl records and .txt/.html/.jsonl articles (files or folders) into the store"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="PATH")
    parser.add_argument("--no-progress", action="store_true", help="never show a progress bar")
    parser.add_argument("--workers", type=int, default=None, metavar="N",
                        help="processes extracting articles (default: one per core; 1: no extra process); "
                        "one process writes, so the result does not depend on N")
    parser.add_argument("--judgements", metavar="PATH", help="same / not-same judgements to apply (default: "
                        "$ORGKG_JUDGEMENTS or judgements.yaml next to the db)")


def run(args: argparse.Namespace) -> int:
    try:
        resolver = resolve.load_judgements(resolve.judgements_path(args.judgements, args.db))
    except resolve.JudgementError as exc:
        print(f"orgkg: {exc}", file=sys.stderr)
        return 2
    for conflict in resolver.conflicts:
        print(f"warning: {conflict}", file=sys.stderr)
    resolve.use(resolver)
    store = open_store(args.db)

    def say(rejected: Rejected) -> None:
        print(f"rejected {rejected}", file=sys.stderr)

    try:
        report = load_paths(store, args.paths, progress=False if args.no_progress else None, on_error=say,
                            workers=args.workers)
    finally:
        store.close()
    print(report.summary())
    return 1 if report.rejected and not (report.loaded or report.skipped) else 0
