"""orgkg's stores: SQLite embedded by default, Neo4j when NEO4J_URI is set."""

from __future__ import annotations

import os
from pathlib import Path

from orgkg.graph.store import Store, StoreError

DEFAULT_DB = Path("data") / "orgkg.db"


def db_path(explicit: str | os.PathLike[str] | None = None) -> Path:
    """The embedded store's file: --db, else $ORGKG_DB, else ./data/orgkg.db."""
    return Path(explicit or os.environ.get("ORGKG_DB") or DEFAULT_DB)


def open_store(db: str | os.PathLike[str] | None = None, readonly: bool = False) -> Store:
    """Neo4j when NEO4J_URI is set, else the embedded SQLite store at `db_path(db)`."""
    if os.environ.get("NEO4J_URI"):
        from orgkg.graph.neo4j import Neo4jStore

        return Neo4jStore.from_env()
    from orgkg.graph.sqlite import SQLiteStore

    path = db_path(db)
    if readonly and not path.exists():
        raise StoreError(f"No store at {path}: load something first (orgkg load PATH) or pass --db.")
    return SQLiteStore(path, readonly=readonly)


__all__ = ["Store", "StoreError", "db_path", "open_store"]
