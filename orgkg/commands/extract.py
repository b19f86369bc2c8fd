"""orgkg extract FILE...: what the extractor reads in articles, in the FORMAT.md shape."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

HELP = "extract articles (.txt/.html/.jsonl) and print one FORMAT.md object per article"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("paths", nargs="+", type=Path, metavar="FILE")
    parser.add_argument("--format", choices=["jsonl", "json"], default="jsonl")
    parser.add_argument("--no-evidence", action="store_true", help="leave out the evidence spans")
    parser.add_argument("--bench", action="store_true",
                        help="instead of printing facts, time the extractor beside underthesea's ner on the same "
                             "articles and print both rates and their ratio")


def _strip(value: object) -> object:
    if isinstance(value, dict):
        return {k: _strip(v) for k, v in value.items() if k != "evidence"}
    if isinstance(value, list):
        return [_strip(v) for v in value]
    return value


def run(args: argparse.Namespace) -> int:
    from orgkg.loaders.documents import DocumentError, read_documents
    from orgkg.loaders.extract import extract
    from orgkg.loaders.load import iter_files

    if args.bench:
        from orgkg.loaders.extract.bench import run as bench

        files = [p for p in iter_files(args.paths) if isinstance(p, Path)]
        result = bench(files)
        return 0 if result.get("articles") else 1

    failed = 0
    out = []
    for path in iter_files(args.paths):
        if not isinstance(path, Path):
            print(f"rejected {path}", file=sys.stderr)
            failed += 1
            continue
        for doc in read_documents(path):
            if isinstance(doc, DocumentError):
                print(f"rejected {doc.origin}: {doc.reason}", file=sys.stderr)
                failed += 1
                continue
            try:
                result = extract(doc)
            except Exception as exc:  # one article's failure must not stop the others
                print(f"rejected {doc.origin}: extraction failed ({type(exc).__name__}: {exc})", file=sys.stderr)
                failed += 1
                continue
            result = {"id": doc.id, **{k: v for k, v in result.items() if k != "id"}}
            if args.no_evidence:
                result = _strip(result)
            if args.format == "jsonl":
                print(json.dumps(result, ensure_ascii=False))
            else:
                out.append(result)
    if args.format == "json":
        print(json.dumps(out, ensure_ascii=False, indent=2))
    return 1 if failed and not out and args.format == "json" else 0
