"""orgkg bench: extraction, load, store, GraphQL and RDF figures at growing sizes, beside baselines."""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

HELP = "benchmark orgkg on synthetic corpora of growing size, beside underthesea, graphql execution and rdflib"


def _sizes(text: str) -> list[int]:
    try:
        sizes = [int(x.replace("_", "")) for x in text.split(",") if x.strip()]
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r} is not a list of article counts such as 1000,10000") from None
    if not sizes or min(sizes) < 1:
        raise argparse.ArgumentTypeError("sizes must be positive article counts")
    return sizes


def _parts(text: str) -> frozenset[str]:
    from orgkg.bench.harness import PARTS

    parts = frozenset(x.strip() for x in text.split(",") if x.strip())
    if not parts or parts - PARTS:
        raise argparse.ArgumentTypeError(f"{text!r}: parts are {', '.join(sorted(PARTS))}")
    return parts


def add_arguments(parser: argparse.ArgumentParser) -> None:
    from orgkg.bench.harness import RESULTS

    parser.add_argument("--sizes", type=_sizes, default=[1000, 10000, 100000], metavar="N,N,...",
                        help="corpus sizes in articles (default: 1000,10000,100000)")
    parser.add_argument("--seed", type=int, default=0, help="the synthetic corpus's seed")
    parser.add_argument("--work", type=Path, default=Path("data/bench"), metavar="DIR",
                        help="where corpora and stores are made (default: data/bench; reused when present)")
    parser.add_argument("--results", type=Path, default=RESULTS, metavar="DIR",
                        help=f"where <date>-<size>.json and .md go (default: {RESULTS})")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1, help="extraction processes for the load")
    parser.add_argument("--rounds", type=int, default=30, help="rounds of the GraphQL analyst mix")
    parser.add_argument("--ner-sample", type=int, default=100,
                        help="articles timed with underthesea ner beside the extractor (it is slow)")
    parser.add_argument("--parts", type=_parts, default=None, metavar="PART,...",
                        help="only these parts: extraction, load, graphql, rdf (default: all; a partial run's "
                        "results go to <date>-<size>-<parts>.json and .md)")
    parser.add_argument("--rdf-sample", type=int, default=50_000, help="triples given to rdflib's serializer")


def run(args: argparse.Namespace) -> int:
    from orgkg.bench.harness import PARTS, run_size

    failed = False
    for n in args.sizes:
        r = run_size(n, args.seed, args.work, args.results, args.workers, args.rounds, args.ner_sample,
                     args.rdf_sample, echo=lambda s: print(s, flush=True), parts=args.parts or PARTS)
        if "load" in r and (r["load"].get("exit") not in (0, None) or not r["store"].get("integrity_ok")):
            print(f"orgkg bench: the load of {n} articles failed: {r['load'].get('first_errors')}", file=sys.stderr)
            failed = True
    return 1 if failed else 0
