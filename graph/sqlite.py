"""The embedded store: one SQLite file, WAL mode, one transaction per article.

Tables
- nodes(id, type, props) and edges(id, type, src, dst, props): the merged graph;
- claims(fact, article, props, evidence): what each article said about each node or edge; the
  merged props are the join of the claims (graph/merge.py), so reloading an article replaces its
  claims and nothing else;
- texts(article, body, digest): each article's text, for sentences, and its input's hash;
- resolutions(article, record, node, type, props): how each mention of an article became a node
  (the key and rule that made its id, the judgement that mapped it), for explanations and rebuilds;
- search: FTS5 over the folded (diacritic-free) searchable properties.
Indexes follow from schema/model.yaml: every `filter`/`sort` property gets an expression index.
Each relationship index holds both ends (src, type, dst) and (dst, type, src), so a relationship
filter finds the far ends from the index alone; a store made with the older two-column indexes
gets the new ones when next opened for writing (a read-only open uses the old ones, more slowly).
"""

from __future__ import annotations

import contextlib
import contextvars
import functools
import json
import os
import re
import sqlite3
import threading
import time
from collections import defaultdict
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from json.scanner import make_scanner
from pathlib import Path
from typing import Any

import orjson

from orgkg.graph import rows as R
from orgkg.graph.cursor import decode_cursor, encode_cursor
from orgkg.graph.deadline import expired
from orgkg.graph.facts import Batch, EdgeFact, Evidence, NodeFact, Resolution
from orgkg.graph.merge import merge_all, merge_props
from orgkg.graph.rows import ArticleRows, article_rows, dumps, node_label, search_body
from orgkg.graph.store import (
    Direction,
    Edge,
    GroupCount,
    Integrity,
    Node,
    Page,
    ScanChunk,
    SearchHit,
    Source,
    StoreError,
    WriteResult,
)
from orgkg.graph.where import relationship_fields, validate
from orgkg.schema import Model, load_model
from orgkg.schema.text import fold

SCHEMA_VERSION = "1"
_WORD = re.compile(r"\w+")  # FTS terms: letters and digits only, so no input is ever FTS syntax
CHUNK = 500  # ids per IN (...) list: well under SQLite's variable limit
MMAP_SIZE = 2_147_418_112  # SQLite's default ceiling for memory-mapped I/O
PROGRESS_STEPS = 20_000  # virtual-machine steps between two looks at the request's deadline (~0.1-1 ms)


_loads = orjson.loads  # stored properties are written by graph/rows.py's dumps: plain JSON, read many times faster


_scan_json = make_scanner(json.JSONDecoder())  # (text, 0) → (value, end)

GROUP_ARTICLES = 256  # write_many: whole articles per transaction at most...
GROUP_SECONDS = 1.0  # ...at most this long between commits, so readers see a load progress...
GROUP_SHARE = 0.1  # ...and at most this share of the time written so far: a short load commits often
WRITE_CACHE_KIB = 262_144  # write_many's page cache
CHECKPOINT_EVERY = 3  # write_many's commits per WAL copy: a page several groups write is copied once
WAL_RESTART_BYTES = 512 << 20  # write_many lets the WAL grow this long before it waits for a checkpoint


class _Checkpointer:
    """Copies committed pages from the WAL into the database file on a thread of its own while
    write_many writes on. SQLite would otherwise do it inside a COMMIT every 1000 pages, and a bulk
    load's commit would wait for the copy and its fsyncs (two thirds of the writer's time on a 3 GB
    store). The copy is PASSIVE: it never blocks the writer or a reader.

    It is asked for every CHECKPOINT_EVERY commits (a third less copying than after every commit at
    100k articles: index pages that several groups write are copied once).

    The WAL starts over from its beginning only when a write transaction begins after a copy has
    caught up; the writer begins its next group right after a commit, before the copy it asked for is
    done, so the WAL would grow without end. Once the WAL holds more than WAL_RESTART_BYTES the writer
    has the copy finished (a few groups' pages: the earlier ones are copied already) before it begins,
    once every few groups (at 100k articles a group adds ~100 MB to the WAL). The WAL's length is the
    copy's count of its frames: its file keeps its largest size when it starts over."""

    def __init__(self, path: str, page_size: int) -> None:
        self.path = path
        self.page_size = page_size
        self._wake = threading.Event()
        self._idle = threading.Event()
        self._idle.set()
        self._stop = False
        self._frames = 0  # in the WAL at the last copy
        self._thread = threading.Thread(target=self._run, name="orgkg-checkpoint", daemon=True)
        self._thread.start()

    def wake(self) -> None:
        self._idle.clear()
        self._wake.set()

    def settle(self) -> None:
        """Before a write transaction begins: if the WAL is long, have everything committed copied and
        wait for it, so that the transaction starts the WAL over."""
        if self._frames * self.page_size > WAL_RESTART_BYTES:
            self.wake()
            self._idle.wait()
            self._frames = 0

    def close(self) -> None:
        self._stop = True
        self.wake()
        self._thread.join()

    def _run(self) -> None:
        conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
        try:
            conn.execute("PRAGMA synchronous = NORMAL")
            while True:
                self._wake.wait()
                self._wake.clear()
                with contextlib.suppress(sqlite3.Error):  # busy or failed: the next commit asks again
                    _, frames, _ = conn.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchone()
                    self._frames = max(frames, 0)
                if not self._wake.is_set():
                    self._idle.set()
                if self._stop:
                    return
        finally:
            self._idle.set()
            conn.close()


def _wal_mode(conn: sqlite3.Connection, wait: float = 30.0) -> None:
    """PRAGMA journal_mode = WAL, waiting as the busy timeout would. While another process turns a new
    store to WAL, the pragma fails at once with "database is locked" (SQLite does not call the busy
    handler there): two `orgkg load` started together on a new store failed one time in three."""
    deadline = time.monotonic() + wait
    while True:
        try:
            conn.execute("PRAGMA journal_mode = WAL")
            return
        except sqlite3.OperationalError as exc:
            if "locked" not in str(exc) or time.monotonic() > deadline:
                raise
            time.sleep(0.02)


def _chunks(seq: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(seq), CHUNK):
        yield seq[i : i + CHUNK]


def _prop_expr(alias: str | None, prop: str) -> str:
    # One spelling for every use, so that the expression indexes below serve filters and sorts.
    column = f"{alias}.props" if alias else "props"
    return f"coalesce(json_extract({column}, '$.{prop}'), '')"


class _SameThread(ThreadPoolExecutor):
    """An executor that runs each call at once, in the caller's thread."""

    def __init__(self) -> None:
        super().__init__(max_workers=1)

    def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Future:
        done: Future = Future()
        done.set_result(fn(*args, **kwargs))
        return done


class SQLiteStore:
    """The embedded default store (see module docstring)."""

    def __init__(self, path: str | Path, model: Model | None = None, readonly: bool = False) -> None:
        self.path = str(path)
        self.model = model or load_model()
        self.readonly = readonly
        self._local = threading.local()
        self._all: list[sqlite3.Connection] = []
        self._lock = threading.Lock()
        self._count_pool: ThreadPoolExecutor | None = None
        self._count_pid = 0
        if self.path != ":memory:" and not readonly:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
        if not readonly:
            self._create()

    # connections -----------------------------------------------------------------------------

    @property
    def conn(self) -> sqlite3.Connection:
        """This thread's connection (SQLite connections must not be shared across threads)."""
        conn = getattr(self._local, "conn", None)
        if conn is None:
            if self.readonly:
                uri = f"file:{self.path}?mode=ro"
                conn = sqlite3.connect(uri, uri=True, check_same_thread=False, isolation_level=None)
            else:
                conn = sqlite3.connect(self.path, check_same_thread=False, isolation_level=None)
            conn.execute("PRAGMA busy_timeout = 30000")
            conn.execute("PRAGMA foreign_keys = OFF")
            # Reads through the OS page cache, shared by every connection, instead of copying pages into
            # each connection's small private cache; relationship filters build their sets in memory.
            # Together they halve the cost of filtered listings on a 1 GB store (bench/api_latency.py).
            conn.execute(f"PRAGMA mmap_size = {MMAP_SIZE}")
            conn.execute("PRAGMA temp_store = MEMORY")
            if not self.readonly:
                _wal_mode(conn)
                conn.execute("PRAGMA synchronous = NORMAL")
            conn.create_function("fold", 1, fold, deterministic=True)
            # A statement still running when its request's time is up is interrupted (OperationalError
            # "interrupted") rather than left to finish for an answer nobody waits for.
            conn.set_progress_handler(expired, PROGRESS_STEPS)
            self._local.conn = conn
            with self._lock:
                self._all.append(conn)
        return conn

    def close(self) -> None:
        pool, self._count_pool = self._count_pool, None
        if pool is not None:  # before taking the lock: its threads take it to open their connections
            pool.shutdown(wait=True)
        with self._lock:
            for conn in self._all:
                conn.close()
            self._all.clear()
        self._local = threading.local()

    def _create(self) -> None:
        c = self.conn
        c.executescript(
            """
            CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS nodes(
                id TEXT PRIMARY KEY, type TEXT NOT NULL, fold TEXT NOT NULL DEFAULT '', props TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS edges(
                id TEXT PRIMARY KEY, type TEXT NOT NULL, src TEXT NOT NULL, dst TEXT NOT NULL,
                props TEXT NOT NULL);
            CREATE TABLE IF NOT EXISTS claims(
                fact TEXT NOT NULL, article TEXT NOT NULL, props TEXT NOT NULL, evidence TEXT NOT NULL,
                PRIMARY KEY(fact, article)) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS texts(
                article TEXT PRIMARY KEY, body TEXT, digest TEXT NOT NULL) WITHOUT ROWID;
            CREATE TABLE IF NOT EXISTS resolutions(
                article TEXT NOT NULL, record TEXT NOT NULL, node TEXT NOT NULL, type TEXT NOT NULL,
                props TEXT NOT NULL, PRIMARY KEY(article, record)) WITHOUT ROWID;
            CREATE INDEX IF NOT EXISTS resolutions_node ON resolutions(node);
            CREATE INDEX IF NOT EXISTS claims_article ON claims(article);
            CREATE INDEX IF NOT EXISTS nodes_type_fold ON nodes(type, fold, id);
            CREATE INDEX IF NOT EXISTS edges_src_far ON edges(src, type, dst);
            CREATE INDEX IF NOT EXISTS edges_dst_far ON edges(dst, type, src);
            DROP INDEX IF EXISTS edges_src;
            DROP INDEX IF EXISTS edges_dst;
            CREATE VIRTUAL TABLE IF NOT EXISTS search USING fts5(
                id UNINDEXED, type UNINDEXED, body, tokenize = 'unicode61 remove_diacritics 2');
            """
        )
        for nt in self.model.nodes.values():
            for prop in nt.properties.values():
                if (prop.filter or prop.sort) and not prop.is_list:
                    c.execute(
                        f"CREATE INDEX IF NOT EXISTS nodes_{nt.name}_{prop.name} "
                        f"ON nodes(type, {_prop_expr(None, prop.name)}, id) WHERE type = '{nt.name}'"
                    )
        c.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)", (SCHEMA_VERSION,))
        if not c.execute("SELECT 1 FROM meta WHERE key = 'search_rowids'").fetchone():
            self._reindex_search(c)

    def _reindex_search(self, c: sqlite3.Connection) -> None:
        """Key every search row by its node's rowid. FTS5 finds a row fast only by rowid: a delete by
        the `id` column scans the whole index, which made each write cost O(graph size). Stores made
        before rows were keyed so are reindexed once, here."""
        c.execute("BEGIN IMMEDIATE")
        try:
            c.execute("DELETE FROM search")
            for rowid, nid, ntype, props in c.execute("SELECT rowid, id, type, props FROM nodes").fetchall():
                if ntype in self.model.nodes:
                    self._index(c, nid, ntype, json.loads(props), rowid)
            c.execute("INSERT OR REPLACE INTO meta VALUES ('search_rowids', '1')")
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise

    # writes ----------------------------------------------------------------------------------

    def write(self, batch: Batch | ArticleRows) -> WriteResult:
        """Replace everything one article says, atomically; unchanged input is skipped."""
        if self.readonly:
            raise StoreError("This store was opened read-only.")
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            result = self._write_one(c, batch)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return result

    def preparer(self) -> Callable[[Batch], ArticleRows]:
        """What turns a batch into the rows write_many takes, anywhere (graph/rows.py): a bulk load runs
        it in its extraction workers, so that this process only writes. A plain partial, so that it
        travels to a worker process."""
        return functools.partial(article_rows, model=self.model)

    def write_many(self, batches: Iterable[Batch | ArticleRows]) -> Iterator[WriteResult]:
        """write() for each batch (or its rows, made by preparer()), in order, with several whole articles
        per transaction: a commit every GROUP_ARTICLES articles or GROUP_SECONDS seconds (sooner early in a
        load: at most GROUP_SHARE of the time spent so far), and at the end. Each article dirties pages of
        a dozen indexes, which a group's articles share. No part of an article is ever stored without
        the rest: each is written under a savepoint, and an error or a stop keeps the whole articles
        before it and none of the one under way. Committed pages are copied from the WAL into the
        database file by a thread of their own (_Checkpointer), so the writer never waits for that copy
        and its fsyncs."""
        if self.readonly:
            raise StoreError("This store was opened read-only.")
        c = self.conn
        # A group's dirty index pages stay in memory rather than spilling to the WAL mid-transaction, and a
        # large store's index pages stay cached between groups (a ceiling, not an allocation). Memory-mapped
        # reads are off meanwhile: a bulk load touches pages all over the file, and each mapped page would stay
        # in the writer's resident memory (up to MMAP_SIZE), where a page read lands in this bounded cache.
        (cache,) = c.execute("PRAGMA cache_size").fetchone()
        (autocheckpoint,) = c.execute("PRAGMA wal_autocheckpoint").fetchone()
        c.execute(f"PRAGMA cache_size = {-WRITE_CACHE_KIB}")
        c.execute("PRAGMA mmap_size = 0")
        checkpoints = None
        if self.path != ":memory:" and c.execute("PRAGMA journal_mode").fetchone()[0] == "wal":
            checkpoints = _Checkpointer(self.path, c.execute("PRAGMA page_size").fetchone()[0])
            c.execute("PRAGMA wal_autocheckpoint = 0")
        pending = 0  # articles written in the open transaction
        commits = 0
        began = started = time.monotonic()
        try:
            for batch in batches:
                if not pending:
                    if checkpoints:
                        checkpoints.settle()
                    c.execute("BEGIN IMMEDIATE")
                    started = time.monotonic()
                c.execute("SAVEPOINT article")
                try:
                    result = self._write_one(c, batch)
                except BaseException:
                    c.execute("ROLLBACK TO article")
                    raise
                finally:
                    c.execute("RELEASE article")
                pending += 1
                now = time.monotonic()
                if pending >= GROUP_ARTICLES or now - started >= min(GROUP_SECONDS, GROUP_SHARE * (now - began)):
                    c.execute("COMMIT")
                    pending = 0
                    commits += 1
                    if checkpoints and commits % CHECKPOINT_EVERY == 0:
                        checkpoints.wake()
                yield result
        finally:
            try:
                if c.in_transaction:  # an error or a stop: keep the whole articles already written
                    try:
                        c.execute("COMMIT")
                    except sqlite3.Error:
                        c.execute("ROLLBACK")
                        raise
            finally:
                if checkpoints:
                    checkpoints.close()  # after one last copy of what is committed
                    c.execute(f"PRAGMA wal_autocheckpoint = {autocheckpoint}")
                c.execute(f"PRAGMA cache_size = {cache}")
                c.execute(f"PRAGMA mmap_size = {MMAP_SIZE}")

    def _write_one(self, c: sqlite3.Connection, batch: Batch | ArticleRows) -> WriteResult:
        rows = batch if isinstance(batch, ArticleRows) else article_rows(batch, self.model)
        art = rows.article_id
        row = c.execute("SELECT digest FROM texts WHERE article = ?", (art,)).fetchone()
        if row and rows.digest and row[0] == rows.digest:
            return WriteResult(art, "skipped")
        self._write(c, rows)
        return WriteResult(art, "loaded", nodes=rows.nodes, edges=rows.edges)

    def _write(self, c: sqlite3.Connection, rows: ArticleRows) -> None:
        art = rows.article_id
        old = dict(c.execute("SELECT fact, props FROM claims WHERE article = ?", (art,)).fetchall())
        if old:
            c.execute("DELETE FROM claims WHERE article = ?", (art,))
        c.executemany("INSERT INTO claims(fact, article, props, evidence) VALUES (?, ?, ?, ?)",
                      [(f[R.ID], art, f[R.CLAIM], f[R.EVIDENCE]) for f in rows.facts])
        # A claim withdrawn or changed means the merged value must be recomputed from the rest;
        # otherwise the new claim simply joins the stored value.
        claims = {f[R.ID]: f for f in rows.facts}
        dirty = {fid for fid, props in old.items() if fid not in claims or props != claims[fid][R.CLAIM]}
        node_ids = [f[R.ID] for f in rows.facts if f[R.KIND] == R.NODE and f[R.ID] not in dirty]
        edge_ids = [f[R.ID] for f in rows.facts if f[R.KIND] == R.EDGE and f[R.ID] not in dirty]
        nodes = {r[0]: r for r in c.execute(
            "SELECT id, rowid, type, fold, props FROM nodes WHERE id IN (SELECT value FROM json_each(?))",
            (dumps(node_ids),))} if node_ids else {}
        edges = {r[0]: r for r in c.execute(
            "SELECT id, type, src, dst, props FROM edges WHERE id IN (SELECT value FROM json_each(?))",
            (dumps(edge_ids),))} if edge_ids else {}
        new_edges = []
        for f in rows.facts:
            fid = f[R.ID]
            if fid in dirty:
                continue
            if f[R.KIND] == R.EDGE:
                stored = edges.get(fid)
                if stored is None:
                    new_edges.append((fid, f[R.TYPE], f[R.SRC], f[R.DST], f[R.FRESH]))
                elif stored[1:4] != (f[R.TYPE], f[R.SRC], f[R.DST]):  # one id, other ends: replace it whole
                    merged = merge_props(self._rel_props(f[R.TYPE]), _loads(stored[4]), _loads(f[R.CLAIM]))
                    c.execute("INSERT OR REPLACE INTO edges(id, type, src, dst, props) VALUES (?, ?, ?, ?, ?)",
                              (fid, f[R.TYPE], f[R.SRC], f[R.DST], dumps(merged)))
                elif not (f[R.IDEMPOTENT] and stored[4] == f[R.FRESH]):
                    merged = dumps(merge_props(self._rel_props(f[R.TYPE]), _loads(stored[4]), _loads(f[R.CLAIM])))
                    if merged != stored[4]:  # only props change: no index holds them
                        c.execute("UPDATE edges SET props = ? WHERE id = ?", (merged, fid))
                continue
            stored = nodes.get(fid)
            if stored is None:
                (rowid,) = c.execute("INSERT INTO nodes(id, type, fold, props) VALUES (?, ?, ?, ?) RETURNING rowid",
                                     (fid, f[R.TYPE], f[R.FOLD], f[R.FRESH])).fetchone()
                # A new rowid has no search row: a node's row goes with it (_recompute), so none is left over.
                if f[R.BODY] is not None:
                    c.execute("INSERT INTO search(rowid, id, type, body) VALUES (?, ?, ?, ?)",
                              (rowid, fid, f[R.TYPE], f[R.BODY]))
            elif stored[2] != f[R.TYPE]:  # a node of another type under this id: stored again whole
                current = _loads(stored[4])
                self._store(c, NodeFact(fid, f[R.TYPE], {}),
                            merge_props(self.model.nodes[f[R.TYPE]].properties, current, _loads(f[R.CLAIM])),
                            exists=True)
            elif not (f[R.IDEMPOTENT] and stored[4] == f[R.FRESH]):
                self._update_node(c, stored, f[R.TYPE], _loads(f[R.CLAIM]))
        if new_edges:
            c.executemany("INSERT INTO edges(id, type, src, dst, props) VALUES (?, ?, ?, ?, ?)", new_edges)
        for fid in dirty:
            f = claims.get(fid)
            self._recompute(c, fid, None if f is None else (
                EdgeFact(fid, f[R.TYPE], f[R.SRC], f[R.DST]) if f[R.KIND] == R.EDGE else NodeFact(fid, f[R.TYPE], {})))
        c.execute("INSERT OR REPLACE INTO texts(article, body, digest) VALUES (?, ?, ?)", (art, rows.text, rows.digest))
        if old:
            c.execute("DELETE FROM resolutions WHERE article = ?", (art,))
        c.executemany(
            "INSERT OR REPLACE INTO resolutions(article, record, node, type, props) VALUES (?, ?, ?, ?, ?)",
            [(art, *r) for r in rows.resolutions],
        )

    def _update_node(self, c: sqlite3.Connection, stored: tuple, node_type: str, claim: dict) -> None:
        """A stored node joined with one more claim. Only what changes is written: an index whose
        columns an UPDATE assigns is rewritten even when their value stays, and a page written is a page
        the commit must copy."""
        fid, rowid, _, old_fold, old_json = stored
        current = _loads(old_json)
        merged = merge_props(self.model.nodes[node_type].properties, current, claim)
        new_json = dumps(merged)
        if new_json == old_json:
            return
        new_fold = node_label(self.model, node_type, merged)
        if new_fold == old_fold:
            c.execute("UPDATE nodes SET props = ? WHERE rowid = ?", (new_json, rowid))
        else:
            c.execute("UPDATE nodes SET fold = ?, props = ? WHERE rowid = ?", (new_fold, new_json, rowid))
        body = search_body(self.model, node_type, merged)
        if body != search_body(self.model, node_type, current):
            c.execute("DELETE FROM search WHERE rowid = ?", (rowid,))
            if body is not None:
                c.execute("INSERT INTO search(rowid, id, type, body) VALUES (?, ?, ?, ?)",
                          (rowid, fid, node_type, body))

    def _rel_props(self, rel: str) -> dict:
        return self.model.relationships[rel].properties

    def _props_of(self, f: NodeFact | EdgeFact) -> dict:
        if isinstance(f, EdgeFact):
            return self.model.relationships[f.type].properties
        return self.model.nodes[f.type].properties

    def _store(self, c: sqlite3.Connection, f: NodeFact | EdgeFact, merged: dict, exists: bool) -> None:
        if isinstance(f, EdgeFact):
            c.execute(
                "INSERT OR REPLACE INTO edges(id, type, src, dst, props) VALUES (?, ?, ?, ?, ?)",
                (f.id, f.type, f.source, f.target, dumps(merged)),
            )
            return
        # An upsert, not INSERT OR REPLACE: the node keeps its rowid, which keys its search row.
        (rowid,) = c.execute(
            "INSERT INTO nodes(id, type, fold, props) VALUES (?, ?, ?, ?) ON CONFLICT(id) DO UPDATE SET "
            "type = excluded.type, fold = excluded.fold, props = excluded.props RETURNING rowid",
            (f.id, f.type, node_label(self.model, f.type, merged), dumps(merged)),
        ).fetchone()
        self._index(c, f.id, f.type, merged, rowid)

    def _index(self, c: sqlite3.Connection, node_id: str, node_type: str, props: dict, rowid: int) -> None:
        c.execute("DELETE FROM search WHERE rowid = ?", (rowid,))
        body = search_body(self.model, node_type, props)
        if body is not None:
            c.execute("INSERT INTO search(rowid, id, type, body) VALUES (?, ?, ?, ?)",
                      (rowid, node_id, node_type, body))

    def _recompute(self, c: sqlite3.Connection, fid: str, f: NodeFact | EdgeFact | None) -> None:
        claims = [json.loads(p) for (p,) in c.execute(
            "SELECT props FROM claims WHERE fact = ? ORDER BY article", (fid,))]
        node = c.execute("SELECT type FROM nodes WHERE id = ?", (fid,)).fetchone()
        edge = None if node else c.execute(
            "SELECT type, src, dst FROM edges WHERE id = ?", (fid,)).fetchone()
        if f is None:  # a fact this article no longer states: rebuild it from what is known of it
            if node:
                f = NodeFact(fid, node[0], {})
            elif edge:
                f = EdgeFact(fid, edge[0], edge[1], edge[2], {})
            else:
                return
        if not claims:
            if isinstance(f, EdgeFact):
                c.execute("DELETE FROM edges WHERE id = ?", (fid,))
            else:
                c.execute("DELETE FROM search WHERE rowid = (SELECT rowid FROM nodes WHERE id = ?)", (fid,))
                c.execute("DELETE FROM nodes WHERE id = ?", (fid,))
            return
        self._store(c, f, merge_all(self._props_of(f), claims), exists=bool(node or edge))

    def delete_article(self, article_id: str) -> bool:
        """Withdraw an article and every claim it made; facts no other article states go too."""
        c = self.conn
        c.execute("BEGIN IMMEDIATE")
        try:
            facts = [f for (f,) in c.execute("SELECT fact FROM claims WHERE article = ?", (article_id,))]
            if not facts:
                c.execute("COMMIT")
                return False
            c.execute("DELETE FROM claims WHERE article = ?", (article_id,))
            c.execute("DELETE FROM texts WHERE article = ?", (article_id,))
            c.execute("DELETE FROM resolutions WHERE article = ?", (article_id,))
            for fid in facts:
                self._recompute(c, fid, None)
            c.execute("COMMIT")
        except BaseException:
            c.execute("ROLLBACK")
            raise
        return True

    # reads -----------------------------------------------------------------------------------

    def get_nodes(self, ids: Sequence[str]) -> dict[str, Node]:
        out: dict[str, Node] = {}
        ids = list(dict.fromkeys(ids))
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for nid, ntype, props in self.conn.execute(
                f"SELECT id, type, props FROM nodes WHERE id IN ({marks})", chunk
            ):
                out[nid] = Node(nid, ntype, _loads(props))
        return out

    def edges(self, node_ids: Sequence[str], rel: str, direction: Direction) -> dict[str, list[Edge]]:
        if rel not in self.model.relationships:
            raise StoreError(f"No relationship type {rel!r}.")
        near = "src" if direction == "out" else "dst"
        out: dict[str, list[Edge]] = defaultdict(list)
        ids = list(dict.fromkeys(node_ids))
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for eid, etype, src, dst, props in self.conn.execute(
                f"SELECT id, type, src, dst, props FROM edges WHERE {near} IN ({marks}) AND type = ? "
                f"ORDER BY {near}, id",
                [*chunk, rel],
            ):
                out[src if direction == "out" else dst].append(Edge(eid, etype, src, dst, _loads(props)))
        return dict(out)

    def incident(self, node_ids: Sequence[str]) -> dict[str, list[Edge]]:
        """Every relationship of each node, of any type and either direction (for path searches)."""
        out: dict[str, list[Edge]] = defaultdict(list)
        ids = list(dict.fromkeys(node_ids))
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            wanted = set(chunk)
            for eid, etype, src, dst, props in self.conn.execute(
                f"SELECT id, type, src, dst, props FROM edges WHERE src IN ({marks}) "
                f"UNION SELECT id, type, src, dst, props FROM edges WHERE dst IN ({marks}) ORDER BY id",
                [*chunk, *chunk],
            ):
                edge = Edge(eid, etype, src, dst, _loads(props))
                if src in wanted:
                    out[src].append(edge)
                if dst in wanted and dst != src:
                    out[dst].append(edge)
        return dict(out)

    def neighbours(
        self, node_ids: Sequence[str], rel: str, direction: Direction
    ) -> dict[str, list[tuple[Edge, Node]]]:
        """Each node's relationships of one type with the node at the far end, in one query."""
        if rel not in self.model.relationships:
            raise StoreError(f"No relationship type {rel!r}.")
        near, far = ("src", "dst") if direction == "out" else ("dst", "src")
        out: dict[str, list[tuple[Edge, Node]]] = defaultdict(list)
        ids = list(dict.fromkeys(node_ids))
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for eid, etype, src, dst, props, nid, ntype, nprops in self.conn.execute(
                f"SELECT e.id, e.type, e.src, e.dst, e.props, n.id, n.type, n.props FROM edges e "
                f"JOIN nodes n ON n.id = e.{far} WHERE e.{near} IN ({marks}) AND e.type = ? "
                f"ORDER BY e.{near}, e.id",
                [*chunk, rel],
            ):
                edge = Edge(eid, etype, src, dst, _loads(props))
                out[src if direction == "out" else dst].append((edge, Node(nid, ntype, _loads(nprops))))
        return dict(out)

    def sources(self, fact_ids: Sequence[str]) -> dict[str, list[Source]]:
        out: dict[str, list[Source]] = defaultdict(list)
        bodies: dict[str, str | None] = {}
        ids = list(dict.fromkeys(fact_ids))
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            rows = self.conn.execute(
                f"SELECT fact, article, evidence FROM claims WHERE fact IN ({marks}) ORDER BY fact, article",
                chunk,
            ).fetchall()
            need = {a for _, a, _ in rows} - set(bodies)
            for part in _chunks(sorted(need)):
                marks2 = ",".join("?" * len(part))
                bodies.update(self.conn.execute(
                    f"SELECT article, body FROM texts WHERE article IN ({marks2})", part).fetchall())
            for fact, article, evidence in rows:
                spans = [Evidence.from_list(e) for e in json.loads(evidence)] or [Evidence()]
                body = bodies.get(article)
                for ev in spans:
                    sentence = None
                    if body is not None and ev.sentence_start is not None and ev.sentence_end is not None:
                        sentence = body[ev.sentence_start : ev.sentence_end]
                    out[fact].append(Source(article, sentence, ev.start, ev.end))
        return dict(out)

    def articles_of(self, fact_ids: Sequence[str]) -> dict[str, list[str]]:
        """The ids of the articles stating each fact, sorted (no text read: cheap enough for export)."""
        out: dict[str, list[str]] = defaultdict(list)
        ids = list(dict.fromkeys(fact_ids))
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for fact, article in self.conn.execute(
                f"SELECT fact, article FROM claims WHERE fact IN ({marks}) ORDER BY fact, article", chunk
            ):
                out[fact].append(article)
        return dict(out)

    def article_text(self, article_id: str) -> str | None:
        row = self.conn.execute("SELECT body FROM texts WHERE article = ?", (article_id,)).fetchone()
        return row[0] if row else None

    def _has_resolutions(self) -> bool:
        # a store written before resolutions were recorded and opened read-only has no such table
        return not self.readonly or bool(self.conn.execute(
            "SELECT 1 FROM sqlite_master WHERE name = 'resolutions'").fetchone())

    def resolutions(self, node_ids: Sequence[str]) -> dict[str, list[Resolution]]:
        """How each node came to be: one record per article mention that resolved to it."""
        out: dict[str, list[Resolution]] = defaultdict(list)
        ids = list(dict.fromkeys(node_ids))
        if not self._has_resolutions():
            return {}
        for chunk in _chunks(ids):
            marks = ",".join("?" * len(chunk))
            for art, record, node, rtype, props in self.conn.execute(
                f"SELECT article, record, node, type, props FROM resolutions WHERE node IN ({marks}) "
                f"ORDER BY node, article, record",
                chunk,
            ):
                out[node].append(Resolution(record, node, rtype, json.loads(props), art))
        return dict(out)

    # listing ---------------------------------------------------------------------------------

    def _compile(self, node_type: str, where: dict[str, Any] | None, alias: str, args: list[Any],
                 depth: int = 0) -> str:
        if not where:
            return "1"
        nt = self.model.nodes[node_type]
        rels = relationship_fields(self.model, node_type)
        parts: list[str] = []
        for key, value in where.items():
            if key == "AND":
                parts.append("(" + " AND ".join(
                    self._compile(node_type, w, alias, args, depth) for w in value) + ")" if value else "1")
            elif key == "OR":
                parts.append("(" + " OR ".join(
                    self._compile(node_type, w, alias, args, depth) for w in value) + ")" if value else "0")
            elif key == "NOT":
                parts.append(f"NOT ({self._compile(node_type, value, alias, args, depth)})")
            elif key == "id":
                parts.append(self._ops(f"{alias}.id", None, value, args))
            elif key in nt.properties:
                prop = nt.properties[key]
                # the label's folded form is stored in its own indexed column: *Fold tests on it need
                # neither a call per row nor a scan
                folded = f"{alias}.fold" if key == nt.label else None
                parts.append(self._ops(_prop_expr(alias, key), alias if prop.is_list else None, value, args,
                                       list_prop=key if prop.is_list else None, folded=folded))
            else:
                rel, direction = rels[key]
                near, far = ("src", "dst") if direction == "out" else ("dst", "src")
                far_type = rel.target if direction == "out" else rel.source
                e, m = f"e{depth}", f"m{depth}"
                for op, sub in value.items():
                    edge_part = {k: v for k, v in sub.items() if k in rel.properties}
                    node_part = {k: v for k, v in sub.items() if k not in rel.properties}
                    conds = [self._ops(_prop_expr(e, k), None, v, args) for k, v in edge_part.items()]
                    inner = self._compile(far_type, node_part, m, args, depth + 1)
                    test = " AND ".join([*conds, inner]) or "1"
                    head = (f"SELECT {e}.{near} FROM edges {e} JOIN nodes {m} ON {m}.id = {e}.{far} "
                            f"WHERE {e}.type = '{rel.name}' AND {m}.type = '{far_type}'")
                    if node_part:
                        # A test on the far nodes is usually selective: let SQLite compute the set of
                        # near ends once, driven by the far side's indexes.
                        member = f"{alias}.id IN ({head} AND ({{}}))"
                    else:
                        # Only the relationship itself (or nothing) is tested: probing per row is
                        # cheaper than building the set of every node that has such a relationship.
                        member = f"EXISTS ({head} AND {e}.{near} = {alias}.id AND ({{}}))"
                    if op == "some":
                        parts.append(member.format(test))
                    elif op == "none":
                        parts.append("NOT " + member.format(test))
                    else:  # all
                        parts.append("NOT " + member.format(f"NOT ({test})"))
        return " AND ".join(parts) or "1"

    def _ops(self, expr: str, alias: str | None, ops: dict[str, Any], args: list[Any],
             list_prop: str | None = None, folded: str | None = None) -> str:
        if list_prop:  # a list property matches when any of its values does
            inner = self._ops("je.value", None, ops, args)
            return f"EXISTS (SELECT 1 FROM json_each({alias}.props, '$.{list_prop}') je WHERE {inner})"
        parts = []
        for op, value in ops.items():
            if op == "eq":
                parts.append(f"{expr} = ?")
                args.append(value)
            elif op == "ne":
                parts.append(f"{expr} != ?")
                args.append(value)
            elif op == "in":
                parts.append(f"{expr} IN ({','.join('?' * len(value))})" if value else "0")
                args.extend(value)
            elif op == "contains":
                parts.append(f"instr({expr}, ?) > 0")
                args.append(value)
            elif op == "startsWith":
                parts.append(f"substr({expr}, 1, ?) = ?")
                args.extend([len(str(value)), value])
            elif op == "endsWith":
                parts.append(f"substr({expr}, -?) = ?")
                args.extend([len(str(value)), value])
            elif op == "eqFold":
                parts.append(f"{folded or f'fold({expr})'} = ?")
                args.append(fold(str(value)))
            elif op == "containsFold":
                parts.append(f"instr({folded or f'fold({expr})'}, ?) > 0")
                args.append(fold(str(value)))
            elif op == "startsWithFold" and folded:  # a range the (type, fold, id) index serves
                prefix = fold(str(value))
                parts.append(f"{folded} >= ? AND {folded} < ?")
                args.extend([prefix, prefix + "\U0010ffff"])
            elif op == "startsWithFold":
                prefix = fold(str(value))
                parts.append(f"substr(fold({expr}), 1, ?) = ?")
                args.extend([len(prefix), prefix])
            elif op in ("gt", "gte", "lt", "lte"):
                sym = {"gt": ">", "gte": ">=", "lt": "<", "lte": "<="}[op]
                # Dates are partial ISO strings: "2023" must not sort before "2023-05-01" for lte.
                if op in ("lte", "gt") and isinstance(value, str) and len(value) in (4, 7):
                    value = value + "\uffff"
                parts.append(f"{expr} != '' AND {expr} {sym} ?")
                args.append(value)
            elif op == "isNull":
                parts.append(f"{expr} = ''" if value else f"{expr} != ''")
        return "(" + " AND ".join(parts) + ")" if parts else "1"

    def list_nodes(
        self,
        node_type: str,
        where: dict[str, Any] | None = None,
        sort: Sequence[tuple[str, str]] = (),
        first: int = 20,
        after: str | None = None,
        total: bool = True,
    ) -> Page:
        if node_type not in self.model.nodes:
            raise StoreError(f"No node type {node_type!r}.")
        validate(self.model, node_type, where)
        nt = self.model.nodes[node_type]
        keys: list[tuple[str, str]] = []
        for prop, direction in sort:
            if prop not in nt.properties or not nt.properties[prop].sort:
                raise StoreError(f"{node_type} cannot be sorted by {prop!r}.")
            keys.append((_prop_expr("n", prop), "DESC" if direction.upper() == "DESC" else "ASC"))
        keys.append(("n.id", "ASC"))
        args: list[Any] = [node_type]
        cond = self._compile(node_type, where, "n", args)
        # Counting may cost more than the page (every match of a broad filter): only when asked for,
        # and on another connection while this one reads the page (SQLite runs both without the GIL).
        counting: Future[int] | None = None
        if total:
            counting = self._counter().submit(
                contextvars.copy_context().run, self._count_rows, f"n.type = ? AND {cond}", list(args))
        page_args = list(args)
        keyset = "1"
        if after:
            values = decode_cursor(after, len(keys) - 1)
            # (k1, k2, ..., id) strictly after the cursor in the sort order, direction by direction
            ors = []
            for i, (expr, direction) in enumerate(keys):
                eqs = [f"{keys[j][0]} = ?" for j in range(i)]
                page_args.extend(values[:i])
                ors.append("(" + " AND ".join([*eqs, f"{expr} {'<' if direction == 'DESC' else '>'} ?"]) + ")")
                page_args.append(values[i])
            keyset = "(" + " OR ".join(ors) + ")"
        order = ", ".join(f"{expr} {direction}" for expr, direction in keys)
        select = ", ".join(expr for expr, _ in keys)
        rows = self.conn.execute(
            f"SELECT n.id, n.type, n.props, {select} FROM nodes n WHERE n.type = ? AND {cond} AND {keyset} "
            f"ORDER BY {order} LIMIT ?",
            [*page_args, first + 1],
        ).fetchall()
        has_next = len(rows) > first
        rows = rows[:first]
        nodes = [Node(r[0], r[1], _loads(r[2])) for r in rows]
        cursors = [encode_cursor(list(r[3:])) for r in rows]
        return Page(nodes, cursors, counting.result() if counting else None, has_next)

    def _count_rows(self, cond: str, args: list[Any]) -> int:
        return self.conn.execute(f"SELECT count(*) FROM nodes n WHERE {cond}", args).fetchone()[0]

    def _counter(self) -> ThreadPoolExecutor:
        if self.path == ":memory:":  # every connection to ":memory:" is a database of its own
            return _SameThread()
        with self._lock:
            # a pool inherited through fork() has no threads in the child: make the child its own
            if self._count_pool is None or self._count_pid != os.getpid():
                self._count_pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="orgkg-count")
                self._count_pid = os.getpid()
            return self._count_pool

    def count(self, node_type: str, where: dict[str, Any] | None = None) -> int:
        validate(self.model, node_type, where)
        args: list[Any] = [node_type]
        cond = self._compile(node_type, where, "n", args)
        return self.conn.execute(f"SELECT count(*) FROM nodes n WHERE n.type = ? AND {cond}", args).fetchone()[0]

    def search(self, text: str, first: int = 10, types: Sequence[str] = ()) -> list[SearchHit]:
        """Nodes whose searchable text holds every word of `text`, ignoring case and diacritics."""
        words = _WORD.findall(fold(text))[:32]
        if not words:
            return []
        # Each word quoted, so FTS syntax in the input is only ever text; the last one is a prefix.
        query = " ".join(f'"{w}"' for w in words[:-1]) + (" " if len(words) > 1 else "") + f'"{words[-1]}" *'
        args: list[Any] = [query]
        type_cond = ""
        if types:
            type_cond = f" AND type IN ({','.join('?' * len(types))})"
            args.extend(types)
        target = fold(text)
        rows = self.conn.execute(
            f"SELECT id, bm25(search) AS rank, body FROM search WHERE search MATCH ?{type_cond} "
            f"ORDER BY rank LIMIT ?",
            [*args, max(first * 4, 20)],
        ).fetchall()
        scored = []
        for nid, rank, body in rows:
            exact = any(line.strip() == target for line in body.split("\n"))
            scored.append((nid, -rank + (10.0 if exact else 0.0)))
        scored.sort(key=lambda x: (-x[1], x[0]))
        nodes = self.get_nodes([nid for nid, _ in scored[:first]])
        return [SearchHit(nodes[nid], round(score, 4)) for nid, score in scored[:first] if nid in nodes]

    def group_count(
        self,
        rel: str,
        direction: Direction,
        by: str | None = None,
        where: dict[str, Any] | None = None,
        far_where: dict[str, Any] | None = None,
        first: int = 20,
    ) -> list[GroupCount]:
        """Per node at the near end of `rel` (matching `where`), how many such relationships lead to
        far nodes matching `far_where`; with `by`, counted per value of that far-node property
        (a date property counts per year). Largest counts first, then by id and key."""
        if rel not in self.model.relationships:
            raise StoreError(f"No relationship type {rel!r}.")
        rt = self.model.relationships[rel]
        near_type, far_type = (rt.source, rt.target) if direction == "out" else (rt.target, rt.source)
        near, far = ("src", "dst") if direction == "out" else ("dst", "src")
        validate(self.model, near_type, where)
        validate(self.model, far_type, far_where)
        key = "NULL"
        if by is not None:
            prop = self.model.nodes[far_type].properties.get(by)
            if prop is None or prop.is_list:
                raise StoreError(f"{far_type} cannot be grouped by {by!r}.")
            expr = f"json_extract(f.props, '$.{by}')"
            key = f"substr({expr}, 1, 4)" if prop.type == "date" else expr
        args: list[Any] = [rel]
        near_cond = self._compile(near_type, where, "n", args)
        far_cond = self._compile(far_type, far_where, "f", args)
        rows = self.conn.execute(
            f"SELECT e.{near}, {key} AS k, count(*) AS c FROM edges e "
            f"JOIN nodes n ON n.id = e.{near} JOIN nodes f ON f.id = e.{far} "
            f"WHERE e.type = ? AND {near_cond} AND {far_cond} "
            f"GROUP BY e.{near}, k ORDER BY c DESC, e.{near}, k LIMIT ?",
            [*args, first],
        ).fetchall()
        return [GroupCount(nid, k, c) for nid, k, c in rows]

    # whole graph -----------------------------------------------------------------------------

    def iter_nodes(self, node_type: str | None = None) -> Iterator[Node]:
        sql, args = "SELECT id, type, props FROM nodes", []
        if node_type:
            sql, args = sql + " WHERE type = ?", [node_type]
        for nid, ntype, props in self.conn.execute(sql + " ORDER BY id", args):
            yield Node(nid, ntype, json.loads(props))

    def iter_edges(self, rel: str | None = None) -> Iterator[Edge]:
        sql, args = "SELECT id, type, src, dst, props FROM edges", []
        if rel:
            sql, args = sql + " WHERE type = ?", [rel]
        for eid, etype, src, dst, props in self.conn.execute(sql + " ORDER BY id", args):
            yield Edge(eid, etype, src, dst, json.loads(props))

    def get_edges(self, ids: Sequence[str]) -> dict[str, Edge]:
        """Relationships by their own id (e.g. the membership an IRI names); unknown ids are absent."""
        out: dict[str, Edge] = {}
        for chunk in _chunks(list(dict.fromkeys(ids))):
            marks = ",".join("?" * len(chunk))
            for eid, etype, src, dst, props in self.conn.execute(
                f"SELECT id, type, src, dst, props FROM edges WHERE id IN ({marks})", chunk
            ):
                out[eid] = Edge(eid, etype, src, dst, json.loads(props))
        return out

    def scan(self, rels: Mapping[str, Direction], size: int = 1000,
             articles: Collection[str] | None = None) -> Iterator[ScanChunk]:
        """See Store.scan. Pages of nodes by primary key (keyset, so memory and SQLite's sorter stay
        small); their relationships by a range of the src/dst index between the page's first and last
        id (cheaper than an IN list: one descent, not one per id); articles by the claims primary key,
        all in the SQL. One statement per page and direction; each row's JSON decoded once, by the
        json module's C scanner without its Python wrapper (the whole graph passes through here)."""
        for rel, direction in rels.items():
            if rel not in self.model.relationships or direction not in ("out", "in"):
                raise StoreError(f"Cannot scan relationship {rel!r} by direction {direction!r}.")
        arts = "(SELECT group_concat(article, char(31)) FROM claims WHERE fact = {}.id)"  # claims PK order
        page_sql = f"SELECT id, type, props, {arts.format('n')} FROM nodes n WHERE id > ? ORDER BY id LIMIT ?"
        edge_arts = arts.format("e")
        if articles is not None:  # types are model names, checked above or here: safe to quote
            wanted = [r for r in rels if r in articles]
            edge_arts = f"CASE WHEN type IN ({','.join(repr(r) for r in wanted)}) THEN {edge_arts} END" \
                if wanted else "NULL"
        by_near = []
        for near, direction in (("src", "out"), ("dst", "in")):
            types = [r for r, d in rels.items() if d == direction]
            if types:
                by_near.append((near, types, (
                    f"SELECT id, type, src, dst, props, {edge_arts} FROM edges e WHERE {near} BETWEEN ? AND ? "
                    f"AND type IN ({','.join('?' * len(types))}) ORDER BY {near}, id")))
        decode = _scan_json
        c, after, size = self.conn, "", max(1, size)
        while True:
            rows = c.execute(page_sql, (after, size)).fetchall()
            if not rows:
                return
            nodes = [(nid, ntype, decode(props, 0)[0], a.split("\x1f") if a else [])
                     for nid, ntype, props, a in rows]
            first, last = rows[0][0], rows[-1][0]
            ids = {r[0] for r in rows}
            edges: list[tuple[str, str, str, str, dict[str, Any], list[str]]] = []
            directions = 0
            for near, types, sql in by_near:
                found = c.execute(sql, [first, last, *types]).fetchall()
                end = 2 if near == "src" else 3
                directions += bool(found)
                edges.extend([(eid, etype, src, dst, {} if props == "{}" else decode(props, 0)[0],
                               a.split("\x1f") if a else [])
                              for eid, etype, src, dst, props, a in found
                              if (src if end == 2 else dst) in ids])  # a dangling end is nobody's
            if directions > 1:  # a page holding nodes that state relationships both ways (rare): one order
                out_types = set(by_near[0][1])
                edges.sort(key=lambda e: (e[2] if e[1] in out_types else e[3], e[0]))
            yield ScanChunk(nodes, edges)
            after = last

    def iter_batches(self) -> Iterator[Batch]:
        """Every article's claims, as the batch that would write them again (for sync and rebuilds)."""
        articles = [a for (a,) in self.conn.execute("SELECT article FROM texts ORDER BY article")]
        for art in articles:
            text, digest = self.conn.execute(
                "SELECT body, digest FROM texts WHERE article = ?", (art,)).fetchone()
            batch = Batch(article=NodeFact(art, "Article", {}), text=text, digest=digest)
            batch.resolutions = [
                Resolution(record, node, rtype, json.loads(props), art)
                for record, node, rtype, props in self.conn.execute(
                    "SELECT record, node, type, props FROM resolutions WHERE article = ? ORDER BY record", (art,))
            ] if self._has_resolutions() else []
            for fact, props, evidence in self.conn.execute(
                "SELECT fact, props, evidence FROM claims WHERE article = ? ORDER BY fact", (art,)
            ).fetchall():
                ev = [Evidence.from_list(e) for e in json.loads(evidence)]
                node = self.conn.execute("SELECT type FROM nodes WHERE id = ?", (fact,)).fetchone()
                if node:
                    nf = NodeFact(fact, node[0], json.loads(props), ev)
                    if fact == art:
                        batch.article = nf
                    else:
                        batch.nodes.append(nf)
                    continue
                edge = self.conn.execute("SELECT type, src, dst FROM edges WHERE id = ?", (fact,)).fetchone()
                if edge:
                    batch.edges.append(EdgeFact(fact, edge[0], edge[1], edge[2], json.loads(props), ev))
            yield batch

    def stats(self) -> dict[str, int]:
        out = {f"nodes.{t}": n for t, n in self.conn.execute("SELECT type, count(*) FROM nodes GROUP BY type")}
        out.update({f"edges.{t}": n for t, n in self.conn.execute("SELECT type, count(*) FROM edges GROUP BY type")})
        out["nodes"] = sum(v for k, v in out.items() if k.startswith("nodes."))
        out["edges"] = sum(v for k, v in out.items() if k.startswith("edges."))
        out["claims"] = self.conn.execute("SELECT count(*) FROM claims").fetchone()[0]
        return out

    def check(self) -> Integrity:
        """Every relationship's ends exist, every fact has a source, every claim a fact, search matches."""
        c = self.conn
        problems = []
        for (eid,) in c.execute(
            "SELECT id FROM edges WHERE src NOT IN (SELECT id FROM nodes) OR dst NOT IN (SELECT id FROM nodes)"
        ):
            problems.append(f"edge {eid} has a missing end")
        for (fid,) in c.execute(
            "SELECT id FROM nodes WHERE id NOT IN (SELECT fact FROM claims) "
            "UNION ALL SELECT id FROM edges WHERE id NOT IN (SELECT fact FROM claims)"
        ):
            problems.append(f"fact {fid} has no source")
        for (fid,) in c.execute(
            "SELECT fact FROM claims WHERE fact NOT IN (SELECT id FROM nodes) AND fact NOT IN (SELECT id FROM edges)"
        ):
            problems.append(f"claim on {fid}, which does not exist")
        for (art,) in c.execute(
            "SELECT DISTINCT article FROM claims WHERE article NOT IN (SELECT article FROM texts)"
        ):
            problems.append(f"claims from article {art}, which is not stored")
        n_search = c.execute("SELECT count(*) FROM search").fetchone()[0]
        n_searchable = c.execute(
            "SELECT count(*) FROM nodes WHERE id IN (SELECT id FROM search)").fetchone()[0]
        if n_search != n_searchable:
            problems.append(f"search index holds {n_search} rows for {n_searchable} nodes")
        return Integrity(problems)
