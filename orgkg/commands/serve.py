"""orgkg serve: the HTTP API (GraphQL at /graphql, GraphiQL in a browser)."""

from __future__ import annotations

import argparse

HELP = "serve the API: GraphQL at http://HOST:PORT/graphql (GraphiQL in a browser)"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from orgkg.api.app import create_app
    from orgkg.graph import open_store

    # The API only reads: a read-only connection makes writes impossible, not merely absent.
    store = open_store(args.db, readonly=True)
    app = create_app(store)
    print(f"orgkg: GraphQL at http://{args.host}:{args.port}/graphql")
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0
