"""The Starlette application: GraphQL at /graphql (GraphiQL for browsers), health at /health.

Routes are a plain list built in `routes()`: another service (RDF, ...) adds its own with one line.
`create_app_from_env` is the factory `orgkg serve` hands to uvicorn: each worker process calls it and opens the
store itself, read-only (connections must not cross into another process).
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import BaseRoute, Route

from orgkg.api import admission, http
from orgkg.api.admission import AdmissionMiddleware, Gate
from orgkg.api.graphiql import graphiql_html
from orgkg.api.graphql import run_operation_sync
from orgkg.api.linked_data import linked_data_routes
from orgkg.graph.store import Store


@dataclass(frozen=True)
class Settings:
    """What an operator may tune, from the environment."""

    cors_origins: tuple[str, ...] = ()  # ORGKG_CORS_ORIGINS="https://a.example,https://b.example"; none by default
    timeout: float = http.TIMEOUT  # ORGKG_QUERY_TIMEOUT seconds
    max_body: int = http.MAX_BODY  # ORGKG_MAX_BODY bytes
    # Admission, per worker process (api/admission.py): requests running at once, requests waiting for a turn,
    # and the longest wait before a 503. Operations execute one at a time, on the event loop's thread
    # (api/graphql.py); a slot spans a request from its turn to its response, sending included.
    concurrency: int = admission.CONCURRENCY  # ORGKG_CONCURRENCY
    queue: int = admission.QUEUE  # ORGKG_QUEUE
    max_wait: float = admission.MAX_WAIT  # ORGKG_MAX_WAIT seconds

    @classmethod
    def from_env(cls) -> Settings:
        """The settings, with ValueError naming the variable when one is not a number in its range."""
        origins = tuple(o.strip() for o in os.environ.get("ORGKG_CORS_ORIGINS", "").split(",") if o.strip())
        return cls(
            cors_origins=origins,
            timeout=_number("ORGKG_QUERY_TIMEOUT", float, http.TIMEOUT),
            max_body=_number("ORGKG_MAX_BODY", int, http.MAX_BODY),
            concurrency=_number("ORGKG_CONCURRENCY", int, cls.concurrency),
            queue=_number("ORGKG_QUEUE", int, cls.queue, minimum=0),
            max_wait=_number("ORGKG_MAX_WAIT", float, cls.max_wait),
        )


def _number(name: str, kind: type[Any], default: Any, minimum: float = 1e-9) -> Any:
    text = os.environ.get(name, "").strip()
    if not text:
        return default
    try:
        value = kind(text)
    except ValueError:
        value = None
    if value is None or not value >= minimum or value != value or value == float("inf"):
        raise ValueError(f"{name}={text!r} is not a {'whole ' if kind is int else ''}number"
                         f"{' above 0' if minimum > 0 else ' of 0 or more'}")
    return value


def graphql_endpoint(store: Store, settings: Settings) -> http.GraphQLEndpoint:
    def run(params: http.Params, request: Request) -> Any:
        return run_operation_sync(store, params.query, params.variables, params.operation, request=request)

    return http.GraphQLEndpoint(run, graphiql_html, settings.max_body, settings.timeout, settings.cors_origins)


def routes(store: Store, settings: Settings) -> list[BaseRoute]:
    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def home(request: Request) -> RedirectResponse:
        return RedirectResponse("/graphql")

    return [  # the router tries each in turn: the busiest first (no two match the same path)
        Route("/graphql", graphql_endpoint(store, settings), methods=["GET", "POST"]),
        Route("/", home),
        Route("/health", health),
        *linked_data_routes(store),
    ]


def create_app(store: Store, settings: Settings | None = None) -> Starlette:
    """The API over `store` (read-only)."""
    settings = settings or Settings.from_env()
    gate = Gate(settings.concurrency, settings.queue, settings.max_wait)
    # Outermost, so that a request refused as busy costs nothing else and CORS sees only admitted ones.
    middleware = [Middleware(AdmissionMiddleware, gate=gate, max_body=settings.max_body)]
    if settings.cors_origins:
        middleware.append(Middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
            allow_headers=["content-type", "accept"], max_age=600))
    app = Starlette(routes=routes(store, settings), middleware=middleware)
    app.state.store = store
    app.state.settings = settings
    app.state.gate = gate
    return app


def create_app_from_env() -> Starlette:
    """uvicorn's app factory for `orgkg serve`: the store named by ORGKG_DB (or NEO4J_URI), opened read-only in
    this process, the settings from the environment, the schema built before the first request."""
    from orgkg.api.graphql import build_schema
    from orgkg.graph import open_store

    parent = multiprocessing.parent_process()
    if parent is not None:
        _die_with_parent(parent.pid)
    build_schema()
    return create_app(open_store(readonly=True), Settings.from_env())


def _die_with_parent(parent: int | None) -> None:
    # A worker process must not outlive a killed `orgkg serve`, holding the port with nobody to stop it.
    if sys.platform.startswith("linux"):
        import contextlib
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
    if parent is not None and os.getppid() != parent:
        raise SystemExit("orgkg serve: the server process that started this worker is gone")
