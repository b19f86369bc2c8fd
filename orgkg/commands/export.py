"""orgkg export: the graph as RDF (W3C ORG, FOAF, schema.org, PROV-O), streamed; its SHACL shapes; VoID."""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from collections.abc import Iterable
from pathlib import Path

from orgkg.graph.store import StoreError

HELP = "export the graph as RDF (turtle, nt, jsonld, trig, nquads, xml), its SHACL shapes or a VoID description"
SUFFIXES = {".ttl": "turtle", ".nt": "nt", ".jsonld": "jsonld", ".json": "jsonld", ".trig": "trig",
            ".nq": "nquads", ".rdf": "xml", ".xml": "xml", ".owl": "xml"}


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", "-f", choices=["turtle", "nt", "jsonld", "trig", "nquads", "xml"],
                        help="default: from the -o file's suffix, else turtle (trig and nquads carry one "
                        "named graph per source article)")
    parser.add_argument("-o", "--output", help="file to write (default: standard output)")
    parser.add_argument("--entity", help="only this entity (a store id such as org:… or its IRI) and its neighbourhood; "
                        "a membership or participation IRI gives that relationship on its own")
    parser.add_argument("--hops", type=int, default=1, help="with --entity: how far the neighbourhood reaches (default 1)")
    what = parser.add_mutually_exclusive_group()
    what.add_argument("--shapes", action="store_true", help="print the SHACL shapes every export conforms to")
    what.add_argument("--void", action="store_true", help="print a VoID/DCAT description of the dataset")
    what.add_argument("--context", action="store_true", help="print the JSON-LD @context the jsonld format uses")
    parser.add_argument("--base", help="base of entity IRIs (default: $ORGKG_BASE_IRI or http://127.0.0.1:8000/id/)")


def _format(args: argparse.Namespace) -> str:
    if args.format:
        return args.format
    if args.output:
        return SUFFIXES.get(Path(args.output).suffix.lower(), "turtle")
    return "turtle"


def _emit(chunks: Iterable[str], output: str | None) -> None:
    if not output:
        for chunk in chunks:
            sys.stdout.write(chunk)
        sys.stdout.flush()
        return
    # Written beside the target and renamed at the end: a failed export never leaves half a file.
    target = Path(output)
    fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=f".{target.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for chunk in chunks:
                fh.write(chunk)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def run(args: argparse.Namespace) -> int:
    from orgkg.graph.rdf import Mapping

    mapping = Mapping(base=args.base)
    fmt = _format(args)
    if args.shapes or args.context:
        from orgkg.graph.rdf_formats import jsonld_context
        from orgkg.graph.shapes import shapes_graph

        if args.shapes:
            text = shapes_graph(mapping).serialize(format={"nt": "nt", "jsonld": "json-ld", "xml": "xml"}.get(
                fmt, "turtle"))
        else:
            text = json.dumps(jsonld_context(mapping), ensure_ascii=False, indent=2) + "\n"
        _emit([text], args.output)
        return 0

    from orgkg.graph import open_store, rdf_sql
    from orgkg.graph.rdf import Describer
    from orgkg.graph.rdf_formats import FORMATS, Counter, write

    if args.output and not Path(args.output).parent.is_dir():
        print(f"orgkg: cannot write {args.output}: no such folder", file=sys.stderr)
        return 2
    store = open_store(args.db, readonly=True)
    try:
        if args.void:
            from orgkg.graph.void import void_graph

            text = void_graph(store, mapping).serialize(format={"nt": "nt", "jsonld": "json-ld", "xml": "xml"}.get(
                fmt, "turtle"))
            _emit([text], args.output)
            return 0
        describer = Describer(store, mapping, graphs=FORMATS[fmt][2])
        if args.entity:
            is_iri = "://" in args.entity
            node_id = mapping.node_id_of_iri(args.entity) if is_iri else args.entity
            edge_id = mapping.relationship_id_of_iri(args.entity) if is_iri else None
            if node_id is None and edge_id is None:
                raise StoreError(f"{args.entity!r} is not an entity IRI under {mapping.base}")
            # A membership or participation IRI: that relationship on its own, as the API serves it.
            blocks = describer.relationship(edge_id) if edge_id else describer.entity(node_id or "", hops=args.hops)
        else:
            blocks = describer.graph()
        counter = Counter()
        if not args.entity and rdf_sql.supports(store, fmt):  # the whole graph, written by SQLite
            _emit(rdf_sql.export(store, mapping, fmt, counter), args.output)  # type: ignore[arg-type]
        else:
            _emit(write(blocks, fmt, mapping, counter), args.output)
        if args.output:
            print(f"orgkg: wrote {counter.statements} statements as {fmt} to {args.output}", file=sys.stderr)
        return 0
    finally:
        store.close()
