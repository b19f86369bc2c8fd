"""The Starlette application: GraphQL at /graphql (GraphiQL for browsers), health at /health.

Routes are a plain list built in `routes()`: another service (RDF, ...) adds its own with one line.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any

from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse, Response
from starlette.routing import BaseRoute, Route

from orgkg.api import http
from orgkg.api.graphiql import graphiql_html
from orgkg.api.graphql import run_operation
from orgkg.api.linked_data import linked_data_routes
from orgkg.graph.store import Store


@dataclass(frozen=True)
class Settings:
    """What an operator may tune, from the environment."""

    cors_origins: tuple[str, ...] = ()  # ORGKG_CORS_ORIGINS="https://a.example,https://b.example"; none by default
    timeout: float = http.TIMEOUT  # ORGKG_QUERY_TIMEOUT seconds
    max_body: int = http.MAX_BODY  # ORGKG_MAX_BODY bytes

    @classmethod
    def from_env(cls) -> Settings:
        origins = tuple(o.strip() for o in os.environ.get("ORGKG_CORS_ORIGINS", "").split(",") if o.strip())
        return cls(
            cors_origins=origins,
            timeout=float(os.environ.get("ORGKG_QUERY_TIMEOUT") or http.TIMEOUT),
            max_body=int(os.environ.get("ORGKG_MAX_BODY") or http.MAX_BODY),
        )


def graphql_endpoint(store: Store, settings: Settings) -> Any:
    async def run(params: http.Params, request: Request) -> Any:
        return await run_operation(store, params.query, params.variables, params.operation, request=request)

    async def endpoint(request: Request) -> Response:
        return await http.handle(request, run, graphiql_html, settings.max_body, settings.timeout)

    return endpoint


def routes(store: Store, settings: Settings) -> list[BaseRoute]:
    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def home(request: Request) -> RedirectResponse:
        return RedirectResponse("/graphql")

    return [
        Route("/", home),
        Route("/health", health),
        Route("/graphql", graphql_endpoint(store, settings), methods=["GET", "POST"]),
        *linked_data_routes(store),
    ]


def create_app(store: Store, settings: Settings | None = None) -> Starlette:
    """The API over `store` (read-only)."""
    settings = settings or Settings.from_env()
    middleware = []
    if settings.cors_origins:
        middleware.append(Middleware(
            CORSMiddleware, allow_origins=list(settings.cors_origins), allow_methods=["GET", "POST"],
            allow_headers=["content-type", "accept"], max_age=600))
    app = Starlette(routes=routes(store, settings), middleware=middleware)
    app.state.store = store
    app.state.settings = settings
    return app
