"""orgkg sync --to neo4j|sqlite: copy the embedded store into Neo4j, or Neo4j into the embedded store."""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass, field

from orgkg.graph.store import Store, StoreError

HELP = "copy the embedded store into Neo4j (--to neo4j) or Neo4j into the embedded store (--to sqlite)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--to", required=True, choices=["neo4j", "sqlite"],
                        help="the store to copy into; the other one is read (Neo4j from NEO4J_URI, "
                        "the embedded store from --db / $ORGKG_DB)")
    parser.add_argument("--prune", action="store_true",
                        help="also withdraw articles the target holds and the source does not")


@dataclass
class SyncReport:
    loaded: int = 0
    skipped: int = 0
    pruned: int = 0
    source: dict[str, int] = field(default_factory=dict)
    target: dict[str, int] = field(default_factory=dict)

    @property
    def same(self) -> bool:
        return self.source == self.target


def copy_store(source: Store, target: Store, prune: bool = False) -> SyncReport:
    """Write every article of `source` into `target`, one transaction each (unchanged ones skipped)."""
    report = SyncReport()
    seen: set[str] = set()
    for batch in source.iter_batches():
        seen.add(batch.article.id)
        if target.write(batch).status == "loaded":
            report.loaded += 1
        else:
            report.skipped += 1
    if prune:
        stale = [n.id for n in target.iter_nodes("Article") if n.id not in seen]
        report.pruned = sum(target.delete_article(a) for a in stale)
    report.source, report.target = source.stats(), target.stats()
    return report


def _stores(args: argparse.Namespace) -> tuple[Store, Store]:
    from orgkg.graph import db_path
    from orgkg.graph.neo4j import Neo4jStore
    from orgkg.graph.sqlite import SQLiteStore

    path = db_path(args.db)
    if args.to == "neo4j":
        if not path.exists():
            raise StoreError(f"No embedded store at {path} to copy: load something first or pass --db.")
        source = SQLiteStore(path, readonly=True)
        try:
            return source, Neo4jStore.from_env()
        except BaseException:
            source.close()
            raise
    neo = Neo4jStore.from_env()
    try:
        return neo, SQLiteStore(path)
    except BaseException:
        neo.close()
        raise


def run(args: argparse.Namespace) -> int:
    source, target = _stores(args)
    try:
        report = copy_store(source, target, prune=args.prune)
    finally:
        source.close()
        target.close()
    print(json.dumps({"to": args.to, **asdict(report), "same": report.same}, ensure_ascii=False, indent=2))
    if not report.same:
        print("orgkg: the target's counts differ from the source's (it held other articles: see --prune)",
              file=sys.stderr)
    return 0 if report.same else 1
