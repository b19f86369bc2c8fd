"""The Starlette application: GraphQL at /graphql (GraphiQL for browsers), health at /health."""

from __future__ import annotations

from typing import Any

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Mount, Route
from strawberry.asgi import GraphQL

from orgkg.api.graphql import build_schema, make_context
from orgkg.graph.store import Store


class GraphQLApp(GraphQL):
    """Strawberry's ASGI app with the store and fresh DataLoaders in every request's context."""

    def __init__(self, store: Store, **kwargs: Any) -> None:
        super().__init__(build_schema(), graphql_ide="graphiql", allow_queries_via_get=True, **kwargs)
        self.store = store

    async def get_context(self, request: Any, response: Any) -> dict[str, Any]:
        return make_context(self.store, request=request, response=response)


def create_app(store: Store) -> Starlette:
    """The API over `store` (read-only)."""

    async def health(request: Request) -> JSONResponse:
        return JSONResponse({"status": "ok"})

    async def home(request: Request) -> RedirectResponse:
        return RedirectResponse("/graphql")

    graphql = GraphQLApp(store)
    app = Starlette(routes=[
        Route("/", home),
        Route("/health", health),
        Route("/graphql", graphql, methods=["GET", "POST"]),
        Mount("/graphql/", graphql),
    ])
    app.state.store = store
    return app
