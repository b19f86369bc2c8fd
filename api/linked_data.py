"""Linked-data routes: entity IRIs that dereference, the streamed export, shapes, VoID, the @context.

- GET <base path><type>/<id> (e.g. /id/organization/36bf5c0616d1e0db): the entity's description as
  Turtle, JSON-LD, N-Triples, RDF/XML, TriG or N-Quads by the Accept header (or ?format=), and an
  HTML page for browsers; memberships (`membership/<id>`) and qualified participations
  (`participation/<id>`) dereference the same way;
- GET /export?format=…[&entity=ID&hops=N]: the whole graph (or a neighbourhood), streamed;
- GET /shapes (SHACL), GET /.well-known/void and <base path>dataset (VoID/DCAT), GET /context.jsonld.
"""

from __future__ import annotations

import html
import queue
import threading
from collections.abc import AsyncIterator, Callable, Iterable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import anyio
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, PlainTextResponse, Response, StreamingResponse
from starlette.routing import Route

from orgkg.graph import rdf_sql
from orgkg.graph.rdf import RDF_TYPE, Block, Describer, Lit, Mapping
from orgkg.graph.rdf_formats import FORMATS, Counter, write
from orgkg.graph.store import Store, StoreError

CONTEXT_FILE = Path(__file__).with_name("static") / "context.jsonld"
MEDIA_TYPES = {media: fmt for fmt, (media, _s, _q) in FORMATS.items()}
MEDIA_TYPES.update({"application/json": "jsonld", "text/n3": "turtle", "application/x-turtle": "turtle",
                    "text/plain": "nt", "application/xml": "xml", "text/xml": "xml"})
HTML_TYPES = {"text/html", "application/xhtml+xml"}
LABELS = ("skos:prefLabel", "foaf:name", "schema:name", "dcterms:title", "schema:description")


def negotiate(accept: str) -> str | None:
    """The format to answer an Accept header with: an RDF format name, "html", or None (406)."""
    offers: list[tuple[float, int, str]] = []
    for i, item in enumerate(accept.split(",")):
        media, *params = [p.strip() for p in item.split(";")]
        q = 1.0
        for p in params:
            if p.startswith("q="):
                try:
                    q = float(p[2:])
                except ValueError:
                    q = 0.0
        media = media.lower()
        if q <= 0:
            continue
        if media in HTML_TYPES:
            offers.append((q, -i, "html"))
        elif media in MEDIA_TYPES:
            offers.append((q, -i, MEDIA_TYPES[media]))
        elif media in ("*/*", "text/*", "application/*", ""):
            offers.append((q - 0.001, -i, "turtle"))  # a wildcard loses to anything named at equal q
    return max(offers)[2] if offers else None


def _threaded(produce: Callable[[], Iterable[str]]) -> AsyncIterator[bytes]:
    """Run a blocking chunk producer in its own thread (the store's connection stays in one thread),
    handing chunks over through a small queue, so memory stays bounded and the event loop free."""
    chunks: queue.Queue[object] = queue.Queue(maxsize=8)
    stop = threading.Event()
    done = object()

    def hand_over(item: object) -> bool:
        while not stop.is_set():  # the client may be gone: then give up rather than block for ever
            try:
                chunks.put(item, timeout=0.5)
                return True
            except queue.Full:
                continue
        return False

    def work() -> None:
        try:
            for chunk in produce():
                if not hand_over(chunk.encode("utf-8")):
                    return
            hand_over(done)
        except BaseException as exc:  # handed to the response, which ends the stream
            hand_over(exc)

    threading.Thread(target=work, daemon=True, name="orgkg-export").start()

    async def stream() -> AsyncIterator[bytes]:
        try:
            while True:
                item = await anyio.to_thread.run_sync(chunks.get)
                if item is done:
                    return
                if isinstance(item, BaseException):
                    raise item
                yield item  # type: ignore[misc]
        finally:
            stop.set()

    return stream()


def _label_map(blocks: list[Block]) -> dict[str, str]:
    from orgkg.graph.rdf_formats import _curie

    out: dict[str, str] = {}
    for b in blocks:
        for p, o in b.triples():
            if isinstance(o, Lit) and _curie(p) in LABELS and b.subject not in out:
                out[b.subject] = o.value
    return out


def _html_page(iri: str, blocks: list[Block], mapping: Mapping) -> str:
    from orgkg.graph.rdf_formats import _curie

    labels = _label_map(blocks)
    base_path = urlsplit(mapping.base).path
    esc = html.escape

    types = {b.subject: _curie(str(o)) for b in blocks for p, o in b.triples() if p == RDF_TYPE}

    def link(target: str) -> str:
        text = labels.get(target) or (f"{types[target]} {target.rsplit('/', 1)[-1]}" if target in types
                                      else _curie(target))
        if target.startswith(mapping.base):
            if mapping.node_id_of_iri(target) is None and mapping.relationship_id_of_iri(target) is None:
                return esc(text)  # roles and concepts: described on the pages that use them
            return f'<a href="{esc(base_path + target[len(mapping.base):])}">{esc(text)}</a>'
        return f'<a href="{esc(target)}">{esc(text)}</a>'

    def value(o: object) -> str:
        if isinstance(o, Lit):
            extra = f' <small>@{esc(o.lang)}</small>' if o.lang else (
                f" <small>{esc(_curie(o.datatype))}</small>" if o.datatype else "")
            return esc(o.value) + extra
        return link(str(o))

    def table(b: Block) -> str:
        rows = "".join(
            f"<tr><th>{esc(_curie(p))}</th><td>{value(o)}</td></tr>" for p, o in b.triples())
        return f"<table>{rows}</table>"

    own = [b for b in blocks if b.subject == iri]
    others = [b for b in blocks if b.subject != iri]
    title = labels.get(iri, iri)
    kinds = ", ".join(sorted({_curie(str(o)) for b in own for p, o in b.triples() if p == RDF_TYPE}))
    alternates = " · ".join(f'<a href="?format={f}">{f}</a>' for f in FORMATS)
    parts = [
        "<!doctype html><html lang=\"vi\"><head><meta charset=\"utf-8\">",
        f"<title>{esc(title)}</title><style>body{{font-family:sans-serif;max-width:60em;margin:2em auto}}"
        "th{text-align:left;padding-right:1em;vertical-align:top;font-weight:normal;color:#555}"
        "section{border-top:1px solid #ddd;margin-top:1em}</style></head><body>",
        f"<h1>{esc(title)}</h1><p><code>{esc(iri)}</code> · {esc(kinds)}</p>",
        *(table(b) for b in own),
        f"<p>Also as: {alternates}</p>",
    ]
    for b in others:
        parts.append(f"<section><h3>{link(b.subject)}</h3>{table(b)}</section>")
    parts.append("</body></html>")
    return "".join(parts)


def linked_data_routes(store: Store, mapping: Mapping | None = None) -> list[Route]:
    """The routes above, for `create_app` to mount."""
    mapping = mapping or Mapping()
    base_path = urlsplit(mapping.base).path

    def choose(request: Request, default: str) -> str | None:
        fmt = request.query_params.get("format")
        if fmt:
            return fmt if fmt in FORMATS or fmt == "html" else None
        return negotiate(request.headers.get("accept", "")) if request.headers.get("accept") else default

    def rdf_response(blocks: Iterable[Block], fmt: str) -> Response:
        media = FORMATS[fmt][0]
        text = "".join(write(blocks, fmt, mapping, Counter()))
        return Response(text, media_type=f"{media}; charset=utf-8", headers={"Vary": "Accept"})

    async def entity(request: Request) -> Response:
        kind, local = request.path_params["kind"], request.path_params["local"]
        node_id = mapping.node_id(kind, local)
        edge_id = None if node_id else mapping.relationship_id(kind, local)
        fmt = choose(request, "turtle")
        if fmt is None:
            return PlainTextResponse(
                "Not acceptable: ask for text/html, " + ", ".join(m for m, _s, _q in FORMATS.values()) + ".",
                status_code=406)
        if node_id is None and edge_id is None:
            return PlainTextResponse(f"No entity type {kind!r}.", status_code=404)

        def describe() -> list[Block] | None:
            describer = Describer(store, mapping)
            try:
                if node_id is not None:
                    return list(describer.entity(node_id, hops=0))
                blocks = list(describer.relationship(edge_id or ""))
            except StoreError:
                return None
            # A membership of the other kind (membership/ naming a participation, or the reverse) is unknown here.
            return blocks if blocks and blocks[0].subject == f"{mapping.base}{kind}/{local}" else None

        blocks = await anyio.to_thread.run_sync(describe)
        if blocks is None:
            return PlainTextResponse(f"No {kind} {local!r} here.", status_code=404)
        iri = mapping.iri(node_id) if node_id else f"{mapping.base}{kind}/{local}"
        if fmt == "html":
            return HTMLResponse(_html_page(iri, blocks, mapping), headers={"Vary": "Accept"})
        return rdf_response(blocks, fmt)

    async def export(request: Request) -> Response:
        fmt = request.query_params.get("format") or negotiate(request.headers.get("accept", "")) or "turtle"
        if fmt not in FORMATS:
            return PlainTextResponse(f"Unknown format {fmt!r}: choose one of {', '.join(FORMATS)}.", status_code=400)
        entity_id = request.query_params.get("entity")
        try:
            hops = int(request.query_params.get("hops", "1"))
        except ValueError:
            return PlainTextResponse("hops must be a whole number.", status_code=400)
        if entity_id and not store.get_nodes([entity_id]):
            return PlainTextResponse(f"No entity {entity_id!r} here.", status_code=404)

        def produce() -> Iterator[str]:
            if not entity_id and rdf_sql.supports(store, fmt):  # the whole graph, written by SQLite
                return rdf_sql.export(store, mapping, fmt)  # type: ignore[arg-type]
            describer = Describer(store, mapping, graphs=FORMATS[fmt][2])
            blocks = describer.entity(entity_id, hops) if entity_id else describer.graph()
            return write(blocks, fmt, mapping)

        media, suffix, _quads = FORMATS[fmt]
        return StreamingResponse(_threaded(produce), media_type=f"{media}; charset=utf-8", headers={
            "Content-Disposition": f'inline; filename="orgkg{suffix}"'})

    async def shapes(request: Request) -> Response:
        from orgkg.graph.shapes import shapes_turtle

        return Response(shapes_turtle(mapping), media_type="text/turtle; charset=utf-8")

    async def void(request: Request) -> Response:
        from orgkg.graph.void import void_graph

        fmt = choose(request, "turtle")
        fmt = fmt if fmt in ("turtle", "nt", "jsonld", "xml") else "turtle"
        name = {"nt": "nt", "jsonld": "json-ld", "xml": "xml"}.get(fmt, "turtle")
        text = await anyio.to_thread.run_sync(lambda: void_graph(store, mapping).serialize(format=name))
        return Response(text, media_type=f"{FORMATS[fmt][0]}; charset=utf-8", headers={"Vary": "Accept"})

    async def context(request: Request) -> Response:
        return FileResponse(CONTEXT_FILE, media_type="application/ld+json")

    return [
        Route(f"{base_path}dataset", void),
        Route(f"{base_path}{{kind}}/{{local}}", entity),
        Route("/export", export),
        Route("/shapes", shapes),
        Route("/.well-known/void", void),
        Route("/context.jsonld", context),
    ]
