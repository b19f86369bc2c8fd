"""orgkg serve: the HTTP API (GraphQL at /graphql, GraphiQL in a browser), in several worker processes.

GraphQL execution is Python, so one process uses one core at most: `--workers` processes share the port (uvicorn's
supervisor restarts one that dies). Each worker runs a few requests at once and queues the rest (api/admission.py).
"""

from __future__ import annotations

import argparse
import os
import sys

from orgkg.api import admission

HELP = "serve the API: GraphQL at http://HOST:PORT/graphql (GraphiQL in a browser)"
APP_FACTORY = "orgkg.api.app:create_app_from_env"
NODELAY_PROTOCOL = "orgkg.api.nodelay:NoDelayHttpToolsProtocol"


def default_workers() -> int:
    """One worker per core this process may run on."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not Linux
        return max(1, os.cpu_count() or 1)


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--host", default="127.0.0.1")
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--workers", type=_positive, default=None,
                        help=f"server processes sharing the port (default: one per core, here {default_workers()})")
    parser.add_argument("--concurrency", type=_positive, default=None,
                        help="requests each worker runs at once; the others wait their turn "
                        f"(default: $ORGKG_CONCURRENCY or {admission.CONCURRENCY})")
    parser.add_argument("--queue", type=_positive, default=None,
                        help="requests each worker keeps waiting before it answers 503 busy "
                        f"(default: $ORGKG_QUEUE or {admission.QUEUE})")


def _positive(text: str) -> int:
    value = int(text)
    if value < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, not {value}")
    return value


def run(args: argparse.Namespace) -> int:
    import uvicorn

    from orgkg.api.app import Settings
    from orgkg.graph import db_path, open_store

    if not os.environ.get("NEO4J_URI"):
        # The workers find the store through the environment; open it here once so a missing or foreign
        # file is one clear error, not one per worker.
        os.environ["ORGKG_DB"] = str(db_path(args.db).resolve())
    open_store(args.db, readonly=True).close()
    if args.concurrency:
        os.environ["ORGKG_CONCURRENCY"] = str(args.concurrency)
    if args.queue:
        os.environ["ORGKG_QUEUE"] = str(args.queue)
    try:
        settings = Settings.from_env()  # checked once here, rather than failing in every worker
    except ValueError as exc:
        print(f"orgkg: {exc}", file=sys.stderr)
        return 2
    workers = args.workers or default_workers()
    print(f"orgkg: GraphQL at http://{args.host}:{args.port}/graphql ({workers} worker process{'es' if workers > 1 else ''})",
          flush=True)
    # Shutdown lets admitted and queued requests finish, but no longer than a query may run plus a margin.
    # http: uvicorn's own protocol, with TCP_NODELAY set on each connection (api/nodelay.py says why)
    uvicorn.run(APP_FACTORY, factory=True, host=args.host, port=args.port, workers=workers, log_level="warning",
                timeout_graceful_shutdown=int(settings.timeout) + 5, http=NODELAY_PROTOCOL)
    return 0
