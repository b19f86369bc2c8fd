"""`orgkg load`: files and folders in, each article stored whole or not at all, a report out.

.json is one annotation record (FORMAT.md); .jsonl holds one record or one article per line;
.txt and .html are articles, extracted on the way in. A bad input is named with its reason
and skipped; everything else still loads.
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from orgkg.graph.facts import Batch, NodeFact
from orgkg.graph.ids import article_id, digest
from orgkg.graph.store import Store
from orgkg.loaders.document import Document
from orgkg.loaders.facts import annotation_to_batch
from orgkg.loaders.records import parse_annotation

RECORD_SUFFIXES = {".json"}
ARTICLE_SUFFIXES = {".txt", ".html", ".htm"}
LINE_SUFFIXES = {".jsonl"}
ALL_SUFFIXES = RECORD_SUFFIXES | ARTICLE_SUFFIXES | LINE_SUFFIXES
ANNOTATION_KEYS = {"meetings", "organizations", "people", "participation", "elections", "tasks"}


@dataclass
class Rejected:
    origin: str
    reason: str

    def __str__(self) -> str:
        return f"{self.origin}: {self.reason}"


@dataclass
class LoadReport:
    loaded: int = 0
    skipped: int = 0
    rejected: list[Rejected] = field(default_factory=list)

    def summary(self) -> str:
        return f"loaded {self.loaded}, skipped {self.skipped} (unchanged), rejected {len(self.rejected)}"


def iter_files(paths: Iterable[Path]) -> Iterator[Path | Rejected]:
    """Every loadable file under `paths`, in a stable order."""
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in ALL_SUFFIXES)
            if not found:
                yield Rejected(str(path), "no .json, .jsonl, .txt or .html files in this folder")
            yield from found
        elif path.is_file():
            if path.suffix.lower() in ALL_SUFFIXES:
                yield path
            else:
                yield Rejected(str(path), f"unsupported file type {path.suffix or '(none)'}; "
                                          "use .json, .jsonl, .txt or .html")
        else:
            yield Rejected(str(path), "no such file or folder")


def record_batch(data: object, source_id: str) -> Batch:
    """A FORMAT.md record as one article's batch (ValueError says what is wrong)."""
    ann = parse_annotation(data)
    meta = ann.article
    art = NodeFact(article_id(source_id), "Article", {
        k: v for k, v in {
            "title": meta.title if meta else None, "url": meta.url if meta else None,
            "published": meta.published if meta else None, "site": meta.site if meta else None,
            "locality": meta.locality if meta else None,
        }.items() if v})
    raw = json.dumps(data, ensure_ascii=False, sort_keys=True)
    return annotation_to_batch(ann, art, None, digest("record", raw))


def document_batch(doc: Document) -> Batch:
    """An article's text extracted into one batch."""
    from orgkg.loaders.extract import EXTRACTOR_VERSION, extract

    result = extract(doc)
    meta = result.get("article") or {}
    props = {
        "title": doc.title or meta.get("title"),
        "url": doc.url,
        "published": meta.get("published") or doc.published,
        "site": meta.get("site") or doc.site,
        "locality": meta.get("locality"),
    }
    art = NodeFact(article_id(doc.id), "Article", {k: v for k, v in props.items() if v})
    ann = parse_annotation(result, extracted=True)
    return annotation_to_batch(ann, art, doc.text, digest("article", EXTRACTOR_VERSION, doc.text,
                                                           json.dumps(props, sort_keys=True)))


def iter_batches(path: Path) -> Iterator[Batch | Rejected]:
    """The batches one file holds, or why each part of it could not be read."""
    for x in iter_inputs(path):
        if isinstance(x, tuple):
            origin, doc = x
            yield _guard(origin, lambda d=doc: document_batch(d))
        else:
            yield x


def iter_inputs(path: Path) -> Iterator[Batch | Rejected | tuple[str, Document]]:
    """What one file holds, in order: record batches, rejections, and articles still to extract
    as (origin, Document) — extraction is the costly step, which loaders/parallel.py spreads."""
    suffix = path.suffix.lower()
    if suffix in RECORD_SUFFIXES:
        try:
            data = _json(path.read_bytes().decode("utf-8-sig"))
        except (UnicodeDecodeError, json.JSONDecodeError) as exc:
            yield Rejected(str(path), f"not valid JSON ({_why(exc)})")
            return
        yield _guard(str(path), lambda: record_batch(data, path.stem))
    elif suffix in LINE_SUFFIXES:
        yield from _jsonl(path)
    else:
        yield from _articles(path)


def _jsonl(path: Path) -> Iterator[Batch | Rejected | tuple[str, Document]]:
    try:
        raw = path.read_bytes().decode("utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        yield Rejected(str(path), f"cannot be read as UTF-8 ({_why(exc)})")
        return
    lines = raw.split("\n")  # JSON Lines ends lines with \n only: U+2028 and friends may sit inside a string
    if any(_is_article(line) for line in lines[:50]):
        yield from _articles(path)  # a file of articles: the documents reader handles it
        return
    for n, line in enumerate(lines, 1):
        if not line.strip():
            continue
        origin = f"{path}:{n}"
        try:
            data = _json(line)
        except json.JSONDecodeError as exc:
            yield Rejected(origin, f"not valid JSON ({_why(exc)})")
            continue
        if not isinstance(data, dict) or not isinstance(data.get("id"), str) or not data["id"].strip():
            yield Rejected(origin, 'a record in a .jsonl file needs a string "id"')
            continue
        yield _guard(origin, lambda d=data: record_batch(d, d["id"].strip()))


def _json(text: str) -> object:
    """json.loads, with nesting too deep for Python's parser reported as bad JSON, not raised."""
    try:
        return json.loads(text)
    except RecursionError:
        raise json.JSONDecodeError("nested too deeply to read", text, 0) from None


def _is_article(line: str) -> bool:
    try:
        data = _json(line)
    except json.JSONDecodeError:
        return False
    return isinstance(data, dict) and "text" in data and not (ANNOTATION_KEYS & set(data))


def _articles(path: Path) -> Iterator[Rejected | tuple[str, Document]]:
    from orgkg.loaders.documents import DocumentError, read_documents

    try:
        for item in read_documents(path):
            if isinstance(item, DocumentError):
                yield Rejected(item.origin, item.reason)
            else:
                yield item.origin or str(path), item
    except Exception as exc:  # a reader bug costs the rest of this file, never the load
        yield Rejected(str(path), f"could not be read past this point ({type(exc).__name__}: {_why(exc)}); "
                                  "the rest of this file was skipped")


def _guard(origin: str, make) -> Batch | Rejected:
    try:
        return make()
    except ValueError as exc:
        return Rejected(origin, str(exc))
    except Exception as exc:  # a bug must cost one input, never the load: say so plainly
        return Rejected(origin, f"could not be processed ({type(exc).__name__}: {_why(exc)})")


def _why(exc: BaseException) -> str:
    return str(exc).splitlines()[0][:200] if str(exc) else type(exc).__name__


def _sequential(files: list[Path | Rejected]) -> Iterator[tuple[Path | Rejected, Batch | Rejected | None]]:
    """Every input's batches in order, each input closed by (input, None): the single-process path."""
    for item in files:
        for batch in [item] if isinstance(item, Rejected) else iter_batches(item):
            yield item, batch
        yield item, None


def load_paths(store: Store, paths: Iterable[Path], progress: bool | None = None,
               on_error=None, workers: int | None = None) -> LoadReport:
    """Load every input under `paths` into `store`, each article whole or not at all.

    Articles are extracted by `workers` processes (default: one per core when there are articles;
    1 keeps everything in this process); this process writes every batch, in input order, so the
    report and the graph do not depend on `workers`."""
    report = LoadReport()
    files = list(iter_files(paths))
    if workers is None:
        has_articles = any(isinstance(f, Path) and f.suffix.lower() in ARTICLE_SUFFIXES | LINE_SUFFIXES
                           for f in files)
        workers = (os.cpu_count() or 1) if has_articles else 1
    if workers > 1:
        from orgkg.loaders.parallel import extracted

        # A store that can turn batches into its rows has the workers do it (graph/rows.py).
        preparer = getattr(store, "preparer", None)
        stream = extracted(files, workers, preparer() if preparer else None)
    else:
        stream = _sequential(files)
    show = sys.stderr.isatty() if progress is None else progress
    bar = None
    if show:
        from tqdm import tqdm

        bar = tqdm(total=len(files), unit="file", file=sys.stderr)
    seen: dict[str, str] = {}  # article id → the file it came from, in this load

    def to_write() -> Iterator[Batch]:
        for item, batch in stream:
            if batch is None:  # the end of one input
                if bar:
                    bar.update(1)
                continue
            aid = None if isinstance(batch, Rejected) else \
                batch.article.id if isinstance(batch, Batch) else batch.article_id  # or the store's rows
            if aid in seen:
                # Two inputs with one id would silently replace each other's facts.
                batch = Rejected(str(item), f"article id {aid.split(':', 1)[1]!r} is already used "
                                            f"by {seen[aid]} in this load; ids must be unique")
            if isinstance(batch, Rejected):
                report.rejected.append(batch)
                if on_error:
                    on_error(batch)
                continue
            seen[aid] = str(item)
            yield batch

    # Several whole articles per transaction (Store.write_many): a commit costs about as much as an article.
    for result in store.write_many(to_write()):
        if result.status == "skipped":
            report.skipped += 1
        else:
            report.loaded += 1
    if bar:
        bar.close()
    return report
