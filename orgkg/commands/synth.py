"""orgkg synth: a synthetic corpus of meeting reports with their gold annotations."""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

HELP = "write N synthetic meeting reports (.txt) and their gold annotations (FORMAT.md) for scale tests"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--articles", type=int, required=True, metavar="N", help="how many articles")
    parser.add_argument("--seed", type=int, default=0, metavar="S", help="the same seed gives the same corpus")
    parser.add_argument("--out", type=Path, required=True, metavar="DIR",
                        help="writes DIR/articles/<id>.txt, DIR/gold/<id>.json and DIR/world.json")
    parser.add_argument("--provinces", type=int, default=None, metavar="K",
                        help="only the first K provinces of the world (denser recurrence in small corpora)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, metavar="W",
                        help="processes writing the corpus (default: one per core)")


def run(args: argparse.Namespace) -> int:
    from orgkg.bench.synth import write_corpus

    if args.articles < 0:
        print("orgkg synth: --articles must be 0 or more", file=sys.stderr)
        return 2
    if args.out.exists() and not args.out.is_dir():
        print(f"orgkg synth: {args.out}: exists and is not a folder", file=sys.stderr)
        return 2
    start = time.perf_counter()
    summary = write_corpus(args.out, args.articles, seed=args.seed, workers=max(1, args.workers),
                           provinces=args.provinces)
    took = time.perf_counter() - start
    print(f"wrote {args.articles} articles (seed {args.seed}) to {args.out}/articles, their gold to "
          f"{args.out}/gold, the world ({len(summary['provinces'])} provinces, {summary['spells']} officials' "
          f"terms) to {args.out}/world.json in {took:.1f}s")
    return 0
