"""GraphQL over HTTP: status codes, media types, limits, CORS, and graphql-http's server audit."""

from __future__ import annotations

import json
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from starlette.testclient import TestClient

from orgkg.api.app import Settings, create_app
from orgkg.api.http import GRAPHQL_RESPONSE, response_type
from orgkg.graph.facts import Batch, NodeFact
from orgkg.graph.store import Store

JS = Path(__file__).parent / "js"
GRAPHQL = {"content-type": "application/json", "accept": GRAPHQL_RESPONSE}
LEGACY = {"content-type": "application/json", "accept": "application/json"}


@pytest.fixture
def small_store(sqlite_store: Store) -> Store:
    sqlite_store.write(Batch(NodeFact("art:a", "Article", {"title": "A"}), None, [
        NodeFact("per:1", "Person", {"name": "Lê Tuấn An"})], [], "a"))
    return sqlite_store


@pytest.fixture
def client(small_store: Store) -> TestClient:
    return TestClient(create_app(small_store, Settings()))


def test_accept_header_picks_the_media_type() -> None:
    assert response_type(None) == "application/json"
    assert response_type("*/*") == "application/json"
    assert response_type(f"{GRAPHQL_RESPONSE}, application/json;q=0.9") == GRAPHQL_RESPONSE
    assert response_type(f"application/json, {GRAPHQL_RESPONSE};q=0.5") == "application/json"
    assert response_type("text/csv") is None


def test_post_and_get_answer_queries(client: TestClient) -> None:
    r = client.post("/graphql", json={"query": "{ people { totalCount } }"}, headers=GRAPHQL)
    assert r.status_code == 200 and r.headers["content-type"].startswith(GRAPHQL_RESPONSE)
    assert r.json() == {"data": {"people": {"totalCount": 1}}}
    r = client.get("/graphql", params={"query": 'query($n: String!) { people(where: {name: {eqFold: $n}}) '
                                                 "{ nodes { name } } }", "variables": '{"n": "le tuan an"}'})
    assert r.status_code == 200 and r.headers["content-type"].startswith("application/json")
    assert r.json()["data"]["people"]["nodes"] == [{"name": "Lê Tuấn An"}]


def test_request_errors_are_400_for_graphql_response_json_and_200_for_json(client: TestClient) -> None:
    for doc in ["{", "{ nope }", "query($id: ID!) { node(id: $id) { id } }"]:
        r = client.post("/graphql", json={"query": doc}, headers=GRAPHQL)
        assert r.status_code == 400 and "data" not in r.json() and r.json()["errors"], doc
        r = client.post("/graphql", json={"query": doc}, headers=LEGACY)
        assert r.status_code == 200 and "data" not in r.json() and r.json()["errors"], doc
    # a field error is not a request error: data is there (null) and the status 200
    r = client.post("/graphql", json={"query": "{ people(first: 1000) { totalCount } }"}, headers=GRAPHQL)
    assert r.status_code == 200 and r.json()["data"] is None
    assert "must be between 0 and 100" in r.json()["errors"][0]["message"]


def test_malformed_requests_are_refused_clearly(client: TestClient) -> None:
    assert client.post("/graphql", content=b'{"query": "{ people { totalCount } }"}').status_code == 415
    assert client.post("/graphql", content=b"{ not json", headers=LEGACY).status_code == 400
    assert client.post("/graphql", json={"qeury": "{ __typename }"}, headers=LEGACY).status_code == 400
    assert client.post("/graphql", json={"query": "{ __typename }", "variables": "x"}).status_code == 400
    r = client.get("/graphql", params={"query": "mutation { __typename }"})
    assert r.status_code == 405 and "read-only" in r.json()["errors"][0]["message"]
    assert client.post("/graphql", json={"query": "{ __typename }"}, headers={"accept": "text/csv"}).status_code == 406


def test_body_size_limit(small_store: Store) -> None:
    client = TestClient(create_app(small_store, Settings(max_body=1000)))
    big = {"query": "{ __typename }", "variables": {"pad": "x" * 2000}}
    r = client.post("/graphql", json=big, headers=LEGACY)
    assert r.status_code == 413 and "larger than 1000 bytes" in r.json()["errors"][0]["message"]


def test_internal_errors_are_masked_and_not_leaked(small_store: Store, monkeypatch: pytest.MonkeyPatch,
                                                   caplog: pytest.LogCaptureFixture) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError("SELECT secret FROM nodes -- /srv/orgkg/data.db")

    monkeypatch.setattr(small_store, "list_nodes", broken)
    client = TestClient(create_app(small_store, Settings()))
    r = client.post("/graphql", json={"query": "{ people { totalCount } }"}, headers=LEGACY)
    body = r.text
    assert r.status_code == 200 and "Unexpected error" in body
    assert "SELECT" not in body and "Traceback" not in body and "data.db" not in body
    assert any("SELECT secret" in str(rec.exc_info[1]) for rec in caplog.records if rec.exc_info)  # logged


def test_user_errors_are_not_logged_as_failures(client: TestClient, caplog: pytest.LogCaptureFixture) -> None:
    client.post("/graphql", json={"query": "{ people(first: 1000) { totalCount } }"}, headers=LEGACY)
    client.post("/graphql", json={"query": "{ nope }"}, headers=LEGACY)
    assert not [r for r in caplog.records if r.levelname == "ERROR"]


def test_query_timeout(small_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    def slow(*args: object, **kwargs: object) -> None:
        time.sleep(1.0)

    monkeypatch.setattr(small_store, "list_nodes", slow)
    client = TestClient(create_app(small_store, Settings(timeout=0.2)))
    r = client.post("/graphql", json={"query": "{ people { totalCount } }"}, headers=GRAPHQL)
    assert r.status_code == 504 and r.json()["errors"][0]["extensions"]["code"] == "TIMEOUT"


def test_query_timeout_interrupts_the_running_statement(small_store: Store, monkeypatch: pytest.MonkeyPatch
                                                         ) -> None:
    import sqlite3
    import threading

    outcome: list[str] = []
    finished = threading.Event()

    def endless(*args: object, **kwargs: object) -> None:
        try:  # counts to 10^9 (minutes of work) unless interrupted
            small_store.conn.execute("WITH RECURSIVE c(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM c "
                                     "WHERE i < 1000000000) SELECT count(*) FROM c").fetchone()
            outcome.append("ran to the end")
        except sqlite3.OperationalError as exc:
            outcome.append(str(exc))
        finally:
            finished.set()

    monkeypatch.setattr(small_store, "list_nodes", endless)
    client = TestClient(create_app(small_store, Settings(timeout=0.2)))
    r = client.post("/graphql", json={"query": "{ people { totalCount } }"}, headers=GRAPHQL)
    assert r.status_code == 504
    assert finished.wait(60) and outcome == ["interrupted"]


def test_cors_only_for_configured_origins(small_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    preflight = {"origin": "https://analyst.example", "access-control-request-method": "POST"}
    closed = TestClient(create_app(small_store, Settings()))
    assert "access-control-allow-origin" not in closed.options("/graphql", headers=preflight).headers
    monkeypatch.setenv("ORGKG_CORS_ORIGINS", "https://analyst.example, https://other.example")
    assert Settings.from_env().cors_origins == ("https://analyst.example", "https://other.example")
    opened = TestClient(create_app(small_store))
    r = opened.options("/graphql", headers=preflight)
    assert r.headers["access-control-allow-origin"] == "https://analyst.example"
    r = opened.options("/graphql", headers={**preflight, "origin": "https://evil.example"})
    assert "access-control-allow-origin" not in r.headers
    # the allowed origins' pages may read what a request cost (Server-Timing); without CORS no page may
    asked = {"origin": "https://analyst.example"}
    answer = opened.post("/graphql", json={"query": "{ __typename }"}, headers=asked)
    assert answer.headers["timing-allow-origin"] == "https://analyst.example, https://other.example"
    assert "server-timing" in answer.headers
    assert "timing-allow-origin" not in closed.post("/graphql", json={"query": "{ __typename }"}, headers=asked).headers


def test_graphiql_opens_on_the_examples(client: TestClient) -> None:
    page = client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "graphiql" in page.text.lower() and "defaultTabs" in page.text
    for words in ("leaders(on: $on)", "shortestPath", "positions", "meetings("):
        assert words in page.text


@pytest.fixture
def server(small_store: Store) -> Iterator[str]:
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()
    config = uvicorn.Config(create_app(small_store, Settings()), host="127.0.0.1", port=port, log_level="error")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not srv.started:
        if time.monotonic() > deadline:
            pytest.fail("the server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/graphql"
    srv.should_exit = True
    thread.join(timeout=10)


def test_graphql_http_server_audit_passes(server: str) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: the graphql-http audit needs it")
    if not (JS / "node_modules" / "graphql-http").is_dir():
        pytest.skip("tests/js/node_modules is missing: run `make test` (npm ci in tests/js)")
    out = subprocess.run([node, str(JS / "graphql-http-audit.mjs"), server], capture_output=True, text=True,
                         timeout=120, check=True)
    results = json.loads(out.stdout)
    assert len(results) > 40
    failures = [r for r in results if r["status"] != "ok" and r["name"].startswith(("MUST", "SHOULD"))]
    assert failures == [], failures
    # and every optional (MAY) behaviour too
    assert [r for r in results if r["status"] != "ok"] == []


def test_unknown_operation_and_deep_nesting_are_request_errors(client: TestClient) -> None:
    r = client.post("/graphql", json={"query": "{ people { totalCount } }", "operationName": "Nope"},
                    headers=GRAPHQL)
    assert r.status_code == 400 and "no operation named 'Nope'" in r.json()["errors"][0]["message"]
    r = client.post("/graphql", content=b"[" * 50_000, headers=LEGACY)
    assert r.status_code == 400 and "not valid JSON" in r.json()["errors"][0]["message"]
    r = client.get("/graphql", params={"query": "{ __typename }", "variables": "[" * 5_000})
    assert r.status_code == 400


def test_graphiql_script_is_valid_javascript(client: TestClient, tmp_path: Path) -> None:
    node = shutil.which("node")
    if node is None:
        pytest.skip("node is not installed: cannot check the GraphiQL page's script")
    page = client.get("/graphql", headers={"accept": "text/html"}).text
    script = page[page.rindex("<script>") + len("<script>"):page.rindex("</script>")]
    (tmp_path / "graphiql.js").write_text(script, encoding="utf-8")
    subprocess.run([node, "--check", str(tmp_path / "graphiql.js")], check=True, capture_output=True, timeout=60)
    assert "createFetcher" in script and script.count('"query":') == 6


def server_timing(response: object) -> dict[str, float]:
    """The Server-Timing header's metrics: name → milliseconds."""
    header = response.headers["server-timing"]  # type: ignore[attr-defined]
    metrics = {}
    for metric in header.split(","):
        name, duration = metric.strip().split(";dur=")
        metrics[name] = float(duration)
    return metrics


def test_every_answer_says_the_servers_time(client: TestClient) -> None:
    r = client.post("/graphql", json={"query": '{ people { nodes { name } } }'}, headers=GRAPHQL)
    assert r.status_code == 200 and r.json()["data"]["people"]["nodes"] == [{"name": "Lê Tuấn An"}]
    timing = server_timing(r)
    assert list(timing) == ["graphql", "total"] and 0 < timing["graphql"] <= timing["total"]
    # answers without an operation say the request's time alone
    for r in (client.post("/graphql", content=b"{", headers=GRAPHQL),
              client.get("/graphql", headers={"accept": "text/html"}),
              client.get("/graphql?query={__typename}", headers={"accept": "text/plain"})):
        assert r.status_code in (200, 400, 406) and list(server_timing(r)) == ["total"], r.status_code
    # a failed operation ran too
    r = client.post("/graphql", json={"query": "{ nope }"}, headers=GRAPHQL)
    assert r.status_code == 400 and list(server_timing(r)) == ["graphql", "total"]


def test_server_timing_measures_the_operation_and_the_request(small_store: Store,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    list_nodes = small_store.list_nodes

    def slow(*args: object, **kwargs: object) -> object:
        time.sleep(0.05)
        return list_nodes(*args, **kwargs)

    monkeypatch.setattr(small_store, "list_nodes", slow)
    client = TestClient(create_app(small_store, Settings()))
    started = time.perf_counter()
    r = client.post("/graphql", json={"query": "{ people { nodes { name } } }"}, headers=GRAPHQL)
    elapsed = (time.perf_counter() - started) * 1000
    timing = server_timing(r)
    assert r.status_code == 200 and 50 <= timing["graphql"] <= timing["total"] <= elapsed
    # a timed-out operation says so too (its read fails, as one stopped at the deadline does)
    monkeypatch.setattr(small_store, "list_nodes", lambda *args, **kwargs: time.sleep(0.05))
    client = TestClient(create_app(small_store, Settings(timeout=0.01)))
    r = client.post("/graphql", json={"query": "{ people { nodes { name } } }"}, headers=GRAPHQL)
    assert r.status_code == 504 and 50 <= server_timing(r)["graphql"] <= server_timing(r)["total"]
