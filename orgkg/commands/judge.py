"""orgkg judge: re-apply the judgements file to a loaded store, article by article."""

from __future__ import annotations

import argparse
import sys

from orgkg.graph import open_store
from orgkg.loaders.facts import rebuild
from orgkg.loaders.resolve import JudgementError, judgements_path, load_judgements

HELP = "re-apply the judgements file (same / not same) to the loaded store; --check only validates it"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--judgements", metavar="PATH",
                        help="the judgements file (default: $ORGKG_JUDGEMENTS or judgements.yaml next to the db)")
    parser.add_argument("--check", action="store_true", help="validate the file and list its clusters only")


def run(args: argparse.Namespace) -> int:
    path = judgements_path(args.judgements, args.db)
    try:
        resolver = load_judgements(path)
    except JudgementError as exc:
        print(f"orgkg: {exc}", file=sys.stderr)
        return 2
    print(f"{path}: {len(resolver.judgements)} judgement(s)" + ("" if path.exists() else " (no such file)"))
    for conflict in resolver.conflicts:
        print(f"warning: {conflict}", file=sys.stderr)
    if args.check:
        for cluster in resolver.clusters():
            print(" = ".join(cluster))
        return 1 if resolver.conflicts else 0
    store = open_store(args.db)
    try:
        rewritten = unchanged = kept = 0
        for batch in list(store.iter_batches()):
            again = rebuild(batch, resolver)
            if again is None:
                kept += 1
                continue
            if store.write(again).status == "skipped":
                unchanged += 1
            else:
                rewritten += 1
    finally:
        store.close()
    print(f"re-resolved {rewritten} article(s), {unchanged} unchanged"
          + (f", {kept} loaded before judgements were kept (reload them to apply)" if kept else ""))
    return 0
