"""Extraction in worker processes, writes in one: the parallel half of `orgkg load`.

Extraction is pure CPU work on one article at a time, so it spreads over processes; the store takes one
writer (SQLite allows one write transaction at a time), so the batches come back to the calling process,
which writes them exactly as the single-process loop does, in the same order. The report, the rejected
lines and the graph are the same; only the wall time changes.

A worker also turns each batch into the rows the store writes, when the store says how (SQLite's
`preparer()`, graph/rows.py): serialising the facts is work that parallelises, and the writer, the one
serial part of a load, then unpickles plain tuples of strings instead of fact objects.

Work is sent in chunks (a chunk of article files, or of documents read from a .jsonl feed) and at most a
few chunks per worker are in flight, so memory stays flat however large the load is.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

CHUNK = 16  # articles per task: enough to amortise the pickling round trip, small enough to balance
IN_FLIGHT = 8  # chunks queued per worker: room to extract ahead while the writer waits on the disk
# The writer runs ahead of its workers: two nice steps (it weighs ~1.6 workers). A load runs one more
# process than there are cores, the writer beside a worker per core. At equal priority the writer got
# two thirds of a core, less than its share of the work, so the chunks in flight were finished ones
# waiting for it, and whenever it waited (a WAL copy before the WAL starts over, a page from disk) the
# workers had nothing to do: at 100k articles all three slept 5% of the time, two thirds of it while the
# writer waited for a WAL copy. Ahead of them, the writer keeps up and waits for the workers, who have
# chunks in hand when it stops. The writer raises its own priority for the load where it may (root, or
# RLIMIT_NICE), so that the workers keep theirs beside other programs; elsewhere the workers lower theirs.
WRITER_LEAD = 2

Item = Any  # a Path, or a Rejected standing for an input that could not be opened
Result = Any  # a Batch, a Rejected, or FILE_END
FILE_END = None  # the value that closes each input in the stream (for progress)
_PENDING = object()  # marks an entry whose results a worker computes
_prepare: Callable[[Any], Any] | None = None  # in a worker: the store's batch → rows, set by _start_worker


def _run(job: tuple[str, list[Any]]) -> list[list[Result]]:
    """One list of results per entry of the job: all of a file's batches then FILE_END, or one
    document's batch."""
    from orgkg.loaders.load import _guard, document_batch, iter_batches

    kind, payload = job
    if kind == "files":
        return [[*map(_prepared, iter_batches(path)), FILE_END] for path in payload]
    return [[_prepared(_guard(origin, lambda d=doc: document_batch(d)))] for origin, doc in payload]


def _prepared(result: Result) -> Result:
    """A batch as the store's rows when this is a worker that knows how; anything else as it is."""
    from orgkg.graph.facts import Batch

    if _prepare is None or not isinstance(result, Batch):
        return result
    try:
        return _prepare(result)
    except Exception:  # the writer meets the same problem in the batch, and reports it as it always has
        return result


def _context() -> multiprocessing.context.BaseContext:
    # fork shares the parent's compiled lexicons and loaded judgements with no start-up cost; elsewhere
    # the platform default (spawn) re-imports them in each worker.
    if sys.platform.startswith("linux"):
        return multiprocessing.get_context("fork")
    return multiprocessing.get_context()


def _start_worker(parent: int, prepare: Callable[[Any], Any] | None, nice: int) -> None:
    """Worker initializer: remember how the store wants its batches, die with the parent, and run
    `nice` steps below the process that forked it."""
    global _prepare
    _prepare = prepare
    _die_with_parent(parent)
    if nice:
        with contextlib.suppress(OSError, AttributeError):
            os.nice(nice)


def _raise_priority(lead: int) -> int | None:
    """Raise this thread's priority `lead` steps, if it may: its niceness before, or None if unchanged."""
    try:
        before = os.getpriority(os.PRIO_PROCESS, 0)
        os.setpriority(os.PRIO_PROCESS, 0, before - lead)
    except (OSError, AttributeError):  # not permitted, or no priorities here (Windows)
        return None
    return before


def _die_with_parent(parent: int) -> None:
    """A worker must not outlive a killed load, where it would wait on its queue forever. Linux ends
    it with the parent (PR_SET_PDEATHSIG); a parent already gone ends it now."""
    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    if os.getppid() != parent:
        os._exit(1)


def _read_ahead(paths: list[Any]) -> None:
    """Ask the kernel to start reading a chunk's files now, while the chunks before it are extracted.
    At 100k articles the corpus is not all in the page cache, and the disk is busy with the store's
    writes: a worker that opened a file to find it on disk waited for it, and both workers waiting so
    left the cores idle (all processes of the load asleep ~5% of the time, workers in page waits). The
    hint costs an open per file here and changes nothing else."""
    advise = getattr(os, "posix_fadvise", None)
    if advise is None:
        return
    for path in paths:
        try:
            fd = os.open(path, os.O_RDONLY)
        except OSError:
            continue  # the worker meets the same problem and reports it
        try:
            advise(fd, 0, 0, os.POSIX_FADV_WILLNEED)
        except OSError:
            pass
        finally:
            os.close(fd)


class _Pipeline:
    """Jobs submitted in input order and collected in the same order, a bounded number in flight."""

    def __init__(self, workers: int, prepare: Callable[[Any], Any] | None) -> None:
        # Workers fork from this thread: raised, they step back down to where it was; otherwise they step down.
        self.priority = _raise_priority(WRITER_LEAD)
        self.pool: ProcessPoolExecutor | None = ProcessPoolExecutor(
            workers, mp_context=_context(), initializer=_start_worker,
            initargs=(os.getpid(), prepare, WRITER_LEAD))
        self.limit = workers * IN_FLIGHT
        self.pending: deque[tuple[Future | None, tuple[str, list[Any]], list[tuple[Item, Any]]]] = deque()

    def submit(self, job: tuple[str, list[Any]], entries: list[tuple[Item, Any]]) -> Iterator[tuple[Item, Result]]:
        future = None
        if self.pool is not None and job[1]:
            if job[0] == "files":
                _read_ahead(job[1])
            try:
                future = self.pool.submit(_run, job)
            except Exception:  # a broken pool: the rest runs here, slower but complete
                self.pool = None
        self.pending.append((future, job, entries))
        while len(self.pending) > self.limit:
            yield from self.collect_one()

    def collect_one(self) -> Iterator[tuple[Item, Result]]:
        future, job, entries = self.pending.popleft()
        try:
            results = future.result() if future is not None else _run(job)
        except Exception:  # a worker died (killed, out of memory): redo its chunk in this process
            self.pool = None
            results = _run(job)
        computed = iter(results)
        for item, payload in entries:
            for r in next(computed) if payload is _PENDING else payload:
                yield item, r

    def drain(self) -> Iterator[tuple[Item, Result]]:
        while self.pending:
            yield from self.collect_one()

    def close(self) -> None:
        try:
            if self.pool is not None:
                self.pool.shutdown(wait=True, cancel_futures=True)
        finally:
            if self.priority is not None:  # back to where it was: lowering one's priority is always allowed
                with contextlib.suppress(OSError):
                    os.setpriority(os.PRIO_PROCESS, 0, self.priority)


def extracted(files: Iterable[Item], workers: int,
              prepare: Callable[[Any], Any] | None = None) -> Iterator[tuple[Item, Result]]:
    """(input, batch or rejection) for every input of `files`, in order, each input closed by
    (input, FILE_END); article files and the articles of .jsonl feeds are extracted by `workers`
    processes, records are read here. With `prepare`, the workers hand back prepare(batch) instead of
    each batch (a chunk redone in this process hands back batches: the store takes both)."""
    from orgkg.loaders.load import ARTICLE_SUFFIXES, Rejected, iter_inputs

    pipe = _Pipeline(workers, prepare)
    jobs: list[Any] = []  # the job being filled: article paths, or (origin, document) pairs
    entries: list[tuple[Item, Any]] = []
    kind = "files"

    def flush() -> Iterator[tuple[Item, Result]]:
        nonlocal jobs, entries
        if entries:
            job, got = (kind, jobs), entries
            jobs, entries = [], []
            yield from pipe.submit(job, got)

    try:
        for item in files:
            if isinstance(item, Rejected):
                entries.append((item, [item, FILE_END]))
            elif item.suffix.lower() in ARTICLE_SUFFIXES:
                if kind != "files":
                    yield from flush()
                    kind = "files"
                jobs.append(item)
                entries.append((item, _PENDING))
            else:  # a record file or a .jsonl feed: read here; its articles go to the workers
                for x in iter_inputs(item):
                    if isinstance(x, tuple):  # (origin, Document): an article to extract
                        if kind != "docs":
                            yield from flush()
                            kind = "docs"
                        jobs.append(x)
                        entries.append((item, _PENDING))
                    else:
                        entries.append((item, [x]))
                    if len(jobs) >= CHUNK:
                        yield from flush()
                entries.append((item, [FILE_END]))
            if len(jobs) >= CHUNK:
                yield from flush()
        yield from flush()
        yield from pipe.drain()
    finally:
        pipe.close()


__all__ = ["FILE_END", "extracted"]
