"""GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/), read-only.

Written against the spec rather than through strawberry's view so that every status code is ours:
- GET (query string) and POST (`application/json` body); a browser asking for HTML gets GraphiQL;
- the response type follows `Accept`: `application/graphql-response+json` when asked for first,
  else `application/json` (also for `*/*` and a missing header);
- with `application/graphql-response+json`, a request error (unparsable body, bad parameters, a
  document that does not parse or validate, variables that do not coerce) is 400 with no `data`;
  with `application/json` it is 200, as the spec asks for that legacy type;
- GET may not run mutations (405); the schema has none anyway: the API never writes;
- bodies larger than `max_body` are refused (413) before they are read whole, and an operation
  running longer than `timeout` seconds is stopped (504 / 200 with an error): its running store
  statement is interrupted and no further reads start;
- every answer says what it cost the server in a `Server-Timing` header (https://www.w3.org/TR/server-timing/):
  `total` from the moment the server began reading the request (api/nodelay.py notes it; else when the app
  was called) to the response's body encoded, ready to send; `graphql`, when an operation ran, the operation
  itself (parse and validation caches, execution, the store's reads). Milliseconds, to the microsecond.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import orjson
from graphql import OperationType, parse
from graphql.error import GraphQLError, GraphQLSyntaxError
from starlette.datastructures import QueryParams
from starlette.requests import ClientDisconnect, Request
from starlette.responses import HTMLResponse, Response
from starlette.types import Receive, Scope, Send

from orgkg.api.nodelay import RECEIVED
from orgkg.graph.deadline import deadline_in

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
MAX_BODY = 64 * 1024
TIMEOUT = 10.0


class RequestError(Exception):
    """A request that is not a well-formed GraphQL-over-HTTP request: `status` says why."""

    def __init__(self, message: str, status: int = 400, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.headers = headers or {}


@dataclass(frozen=True)
class Params:
    query: str
    variables: dict[str, Any] | None
    operation: str | None
    extensions: dict[str, Any] | None


@lru_cache(maxsize=256)  # clients send the same few Accept headers again and again
def response_type(accept: str | None) -> str | None:
    """The media type to answer with, or None when the client accepts neither JSON type."""
    if not accept:
        return JSON
    ranked = []
    for i, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media, q = fields[0].lower(), 1.0
        for f in fields[1:]:
            if f.startswith("q="):
                try:
                    q = float(f[2:])
                except ValueError:
                    q = 0.0
        ranked.append((-q, i, media))
    for _, _, media in sorted(ranked):
        if media == GRAPHQL_RESPONSE:
            return GRAPHQL_RESPONSE
        if media in (JSON, "application/*", "*/*"):
            return JSON
    return None


def header(scope: Scope, name: bytes) -> str | None:
    """The request's first header called `name` (lower case, as ASGI gives them), as Starlette reads it."""
    for key, value in scope["headers"]:
        if key == name:
            return value.decode("latin-1")
    return None


def wants_html(scope: Scope, accept: str | None) -> bool:
    return (scope["method"] == "GET" and "text/html" in (accept or "")
            and "query" not in QueryParams(scope["query_string"]))


def _object_param(data: dict, name: str, from_get: bool) -> dict | None:
    """`variables` or `extensions`: an object, or (in a GET query string) JSON text of one."""
    value = data.get(name)
    if from_get and isinstance(value, str) and value:
        try:
            value = json.loads(value)
        except (json.JSONDecodeError, RecursionError) as exc:
            raise RequestError(f"`{name}` is not valid JSON (or nests too deeply).") from exc
    if value is not None and not isinstance(value, dict):
        raise RequestError(f"`{name}` must be an object.")
    return value


def _params(data: Any, from_get: bool) -> Params:
    if not isinstance(data, dict):
        raise RequestError("The request must be a JSON object with a `query`.")
    query = data.get("query")
    if not isinstance(query, str) or not query.strip():
        raise RequestError("The request has no `query` string.")
    variables = _object_param(data, "variables", from_get)
    extensions = _object_param(data, "extensions", from_get)
    operation = data.get("operationName")
    if from_get and operation == "":
        operation = None
    if operation is not None and not isinstance(operation, str):
        raise RequestError("`operationName` must be a string.")
    return Params(query, variables or None, operation, extensions or None)


async def read_params(scope: Scope, receive: Receive, max_body: int = MAX_BODY) -> Params:
    """The GraphQL parameters of a request, or RequestError saying what is wrong with it."""
    if scope["method"] == "GET":
        params = _params(dict(QueryParams(scope["query_string"])), from_get=True)
        if _is_mutation(params):
            raise RequestError("GET requests may only run queries; the API is read-only.", 405,
                               {"allow": "GET, POST"})
        return params
    ctype = (header(scope, b"content-type") or "").split(";")[0].strip().lower()
    if not ctype:
        raise RequestError("POST requests need a Content-Type: application/json.", 415)
    if ctype != JSON:
        raise RequestError(f"Content-Type {ctype} is not supported; send application/json.", 415)
    declared = header(scope, b"content-length")
    if declared and declared.isdigit() and int(declared) > max_body:
        raise RequestError(f"The request body is larger than {max_body} bytes.", 413)
    body = bytearray()
    more = True
    while more:
        message = await receive()
        if message["type"] == "http.disconnect":
            raise ClientDisconnect()  # as Starlette's Request.stream() does
        if message["type"] != "http.request":
            continue
        body.extend(message.get("body", b""))
        more = message.get("more_body", False)
        if len(body) > max_body:
            raise RequestError(f"The request body is larger than {max_body} bytes.", 413)
    if not body:
        raise RequestError("The POST request has no body.")
    try:
        data = orjson.loads(body)  # refuses invalid UTF-8 and nesting past 1024 levels too
    except (orjson.JSONDecodeError, RecursionError) as exc:
        # RecursionError: "[[[[…" nested past Python's limit is as unreadable as broken JSON
        raise RequestError("The request body is not valid JSON (or nests too deeply).") from exc
    return _params(data, from_get=False)


def _is_mutation(params: Params) -> bool:
    try:
        document = parse(params.query)
    except GraphQLSyntaxError:
        return False  # reported as a parse error by the normal path
    ops = [d for d in document.definitions if hasattr(d, "operation")]
    if params.operation:
        ops = [d for d in ops if d.name and d.name.value == params.operation]
    return len(ops) == 1 and ops[0].operation != OperationType.QUERY


# An answer: status, headers, body.
Answer = tuple[int, list[tuple[bytes, bytes]], bytes]


def json_response(payload: dict[str, Any], status: int, media: str, headers: dict[str, str] | None = None
                  ) -> Answer:
    """The answer Starlette's Response(body, status, media_type, headers) sends, headers in its order."""
    body = orjson.dumps(payload)  # UTF-8, compact: what json.dumps(ensure_ascii=False) gave, faster
    raw = [(k.lower().encode("latin-1"), v.encode("latin-1")) for k, v in (headers or {}).items()]
    raw.append((b"content-length", str(len(body)).encode()))
    raw.append((b"content-type", b"%s; charset=utf-8" % media.encode()))
    return status, raw, body


def _answer_of(response: Response) -> Answer:
    return response.status_code, response.raw_headers, response.body


def result_payload(data: Any, errors: list[GraphQLError] | None) -> tuple[dict[str, Any], bool]:
    """The response body and whether it answers a request error (no `data` entry).

    graphql-core returns `data: None` both when the request failed before execution (parse,
    validation, variable coercion: errors without a path) and when a field error nulled the root;
    only the former is a request error.
    """
    formatted = [e.formatted for e in errors or []]
    request_error = data is None and bool(errors) and all(e.path is None for e in errors)
    if request_error:
        return {"errors": formatted}, True
    payload: dict[str, Any] = {"data": data}
    if formatted:
        payload["errors"] = formatted
    return payload, False


Executor = Callable[[Params, Request], Any]


class GraphQLEndpoint:
    """The /graphql endpoint, an ASGI app: `run` executes the operation, synchronously, within the deadline it
    finds set (graph/deadline.py), which stops its store reads when it passes.

    It reads the request's scope and body messages itself and sends its answer as two ASGI messages, rather
    than through Starlette's Request, its request-response wrapper and Response objects: these cost ~40 µs a
    request (profiled), as much as executing a small operation; the answers are the ones they gave, byte for
    byte, headers in the same order."""

    def __init__(self, run: Executor, graphiql: Callable[[], str], max_body: int = MAX_BODY,
                 timeout: float = TIMEOUT, timing_origins: tuple[str, ...] = ()) -> None:
        self.run = run
        self.graphiql = graphiql
        self.max_body = max_body
        self.timeout = timeout
        # the origins whose pages may read Server-Timing (the CORS ones): a browser hides it cross-origin otherwise
        self.timing_allow = [(b"timing-allow-origin", ", ".join(timing_origins).encode())] if timing_origins else []

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        received = scope.get(RECEIVED) or time.perf_counter()
        (status, headers, body), operation = await self.answer(scope, receive)
        timing = f"total;dur={(time.perf_counter() - received) * 1000:.3f}"
        if operation is not None:
            timing = f"graphql;dur={operation * 1000:.3f}, {timing}"
        await send({"type": "http.response.start", "status": status,
                    "headers": [*headers, (b"server-timing", timing.encode()), *self.timing_allow]})
        await send({"type": "http.response.body", "body": body})

    async def answer(self, scope: Scope, receive: Receive) -> tuple[Answer, float | None]:
        """The answer, and how long the operation ran (seconds; None when none ran)."""
        accept = header(scope, b"accept")
        if wants_html(scope, accept):
            return _answer_of(HTMLResponse(self.graphiql())), None
        media = response_type(accept)
        if media is None:
            return _answer_of(Response(f"Accept {JSON} or {GRAPHQL_RESPONSE}.", status_code=406,
                                       media_type="text/plain")), None
        try:
            params = await read_params(scope, receive, self.max_body)
        except RequestError as exc:
            return json_response({"errors": [{"message": str(exc)}]}, exc.status, media, exc.headers), None
        timeout = self.timeout
        started = time.perf_counter()
        # The deadline goes with the operation into the store, which stops its statements when it passes, and
        # into the batches of reads, which refuse to start: a timed-out query stops working.
        with deadline_in(timeout):
            result = self.run(params, Request(scope, receive))
        ran = time.perf_counter() - started
        # Fields failed by the deadline (an interrupted statement, a refused batch): the operation timed out.
        if result.errors and ran >= timeout:
            message = f"The query ran longer than {timeout:g} s and was stopped; ask for less (smaller `first`)."
            payload = {"data": None, "errors": [{"message": message, "extensions": {"code": "TIMEOUT"}}]}
            return json_response(payload, 504 if media == GRAPHQL_RESPONSE else 200, media), ran
        payload, request_error = result_payload(result.data, result.errors)
        status = 400 if request_error and media == GRAPHQL_RESPONSE else 200
        return json_response(payload, status, media), ran
