"""The Neo4j store's driver-facing code, without a server: a fake driver records every statement.

What these tests show: how statements are batched and grouped into transactions, that transient
errors are retried, that values only ever travel as parameters, and that results are decoded into
the store's types. What they cannot show is that Neo4j executes the statements as intended: that
is what the contract tests do when NEO4J_URI points at a server (tests/test_store_contract.py).
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from typing import Any

import pytest
from neo4j.exceptions import ClientError, ServiceUnavailable, TransientError

from orgkg.graph import cypher as cy
from orgkg.graph.cursor import encode_cursor
from orgkg.graph.facts import Batch, EdgeFact, Evidence, NodeFact
from orgkg.graph.neo4j import Neo4jStore
from orgkg.graph.sqlite import SQLiteStore
from orgkg.graph.store import Store, StoreError
from orgkg.schema import load_model

MODEL = load_model()

Responder = Callable[[str, dict[str, Any]], list[dict[str, Any]]]


def default_responder(query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Answers a read the way an empty database would."""
    if query == cy.ARTICLE_DIGEST:
        return [{"digest": None}]
    if query.startswith("MATCH (n:") and "RETURN count(n) AS total" in query:
        return [{"total": 0}]
    if query == cy.stats(MODEL)[0]:
        return [{column: 0 for column, _ in cy.stats(MODEL)[1]}]
    if query == cy.CLEAR:
        return [{"deleted": 0}]
    if query == cy.CHECK_SEARCH_INDEX:
        return [{"state": "ONLINE"}]
    return []


class FakeTx:
    def __init__(self, driver: FakeDriver, mode: str) -> None:
        self.driver = driver
        self.mode = mode
        self.runs: list[tuple[str, dict[str, Any]]] = []
        self.committed = False
        self.rolled_back = False

    def run(self, query: str, parameters: dict[str, Any] | None = None) -> list[dict[str, Any]]:
        params = parameters or {}
        self.runs.append((query, params))
        if self.driver.failures:
            fail = self.driver.failures[0]
            if fail[0](query):
                self.driver.failures.pop(0)
                raise fail[1]
        return list(self.driver.responder(query, params))

    def commit(self) -> None:
        self.committed = True

    def close(self) -> None:
        if not self.committed:
            self.rolled_back = True


class FakeSession:
    def __init__(self, driver: FakeDriver, kwargs: dict[str, Any]) -> None:
        self.driver = driver
        self.kwargs = kwargs

    def __enter__(self) -> FakeSession:
        return self

    def __exit__(self, *exc: object) -> None:
        pass

    def begin_transaction(self) -> FakeTx:
        tx = FakeTx(self.driver, self.kwargs.get("default_access_mode", "WRITE"))
        self.driver.transactions.append(tx)
        return tx


class FakeDriver:
    """Records sessions, transactions and statements; `failures` raise on matching statements."""

    def __init__(self, responder: Responder = default_responder) -> None:
        self.responder = responder
        self.transactions: list[FakeTx] = []
        self.sessions: list[dict[str, Any]] = []
        self.failures: list[tuple[Callable[[str], bool], Exception]] = []
        self.closed = False

    def session(self, **kwargs: Any) -> FakeSession:
        self.sessions.append(kwargs)
        return FakeSession(self, kwargs)

    def close(self) -> None:
        self.closed = True

    @property
    def runs(self) -> list[tuple[str, dict[str, Any]]]:
        return [run for tx in self.transactions for run in tx.runs]


def make_store(driver: FakeDriver | None = None, **kwargs: Any) -> tuple[Neo4jStore, FakeDriver, list[float]]:
    driver = driver or FakeDriver()
    pauses: list[float] = []
    store = Neo4jStore(driver, database="orgkg", sleep=pauses.append, **kwargs)
    driver.transactions.clear()  # forget the schema set-up
    return store, driver, pauses


def article_batch(n_orgs: int = 3, aid: str = "a1") -> Batch:
    orgs = [NodeFact(f"org:{i:04d}", "Organization", {"name": f"Tổ chức {i}", "aliases": [f"TC{i}"]},
                     [Evidence(0, 5, 0, 10)]) for i in range(n_orgs)]
    edges = [EdgeFact(f"rel:{i:04d}", "SUB_ORGANIZATION_OF", f"org:{i:04d}", "org:0000")
             for i in range(1, n_orgs)]
    return Batch(NodeFact(f"art:{aid}", "Article", {"title": "Bài"}), "Văn bản bài báo.", orgs, edges, f"d-{aid}")


# the interface -----------------------------------------------------------------------------------


def test_neo4j_store_defines_every_store_method_with_the_same_parameters() -> None:
    methods = {n: v for n, v in vars(Store).items() if callable(v) and not n.startswith("_")}
    assert {"write", "list_nodes", "search", "iter_batches", "check"} <= set(methods)
    for name, proto in methods.items():
        assert callable(getattr(Neo4jStore, name, None)), f"Neo4jStore lacks {name}"
        want = list(inspect.signature(proto).parameters)
        got = list(inspect.signature(getattr(Neo4jStore, name)).parameters)
        assert got == want, f"Neo4jStore.{name}{got} differs from Store.{name}{want}"
        sqlite_params = list(inspect.signature(getattr(SQLiteStore, name)).parameters)
        assert got == sqlite_params
    # optional fast paths the embedded store offers outside the interface keep its signature here
    for name in ("incident",):
        assert inspect.signature(getattr(Neo4jStore, name)) == inspect.signature(getattr(SQLiteStore, name))


# schema ------------------------------------------------------------------------------------------


def test_constraints_and_indexes_are_created_idempotently_at_start() -> None:
    driver = FakeDriver()
    Neo4jStore(driver, sleep=lambda _: None)
    sent = [q for q, _ in driver.runs]
    schema = [q for q in sent if q.startswith("CREATE")]
    assert schema and all(" IF NOT EXISTS " in q for q in schema)
    # each schema statement in a transaction of its own (Neo4j refuses schema and data together)
    assert all(len(tx.runs) == 1 and tx.committed for tx in driver.transactions)
    for label in [cy.ENTITY, *MODEL.nodes]:
        assert f"CREATE CONSTRAINT orgkg_{cy._snake(label)}_id IF NOT EXISTS FOR (n:{label}) REQUIRE n.id IS UNIQUE" in sent
    for rel in MODEL.relationships:
        assert any(f"FOR ()-[r:{rel}]-() REQUIRE r.id IS UNIQUE" in q for q in schema)
    assert any(q.startswith(f"CREATE FULLTEXT INDEX {cy.SEARCH_INDEX} IF NOT EXISTS") for q in schema)
    assert sent[-1] == cy.AWAIT_INDEXES


# writes: transactions and batching ------------------------------------------------------------


def test_one_article_is_one_write_transaction() -> None:
    store, driver, _ = make_store()
    result = store.write(article_batch(5))
    assert (result.status, result.nodes, result.edges) == ("loaded", 6, 4)
    (tx,) = driver.transactions
    assert tx.committed and tx.mode == "WRITE"
    assert driver.sessions[-1]["database"] == "orgkg"
    sent = [q for q, _ in tx.runs]
    assert sent[:2] == [cy.WRITE_LOCK, cy.ARTICLE_DIGEST]  # writers take turns, then the digest is read
    assert sent[-1] == cy.TEXT_UPSERT
    assert sent.count(cy.node_upsert("Organization")) == 1
    assert sent.count(cy.edge_upsert(MODEL.relationships["SUB_ORGANIZATION_OF"])) == 1
    # every data statement takes its rows or ids as a list
    for q, params in tx.runs:
        if q.startswith("UNWIND $rows"):
            assert isinstance(params["rows"], list) and params["rows"]


def test_rows_are_sent_in_unwind_chunks_of_at_most_batch_rows() -> None:
    store, driver, _ = make_store(batch_rows=100)
    store.write(article_batch(250))
    (tx,) = driver.transactions
    org_chunks = [len(p["rows"]) for q, p in tx.runs if q == cy.node_upsert("Organization")]
    edge_chunks = [len(p["rows"]) for q, p in tx.runs
                   if q == cy.edge_upsert(MODEL.relationships["SUB_ORGANIZATION_OF"])]
    claim_chunks = [len(p["rows"]) for q, p in tx.runs if q == cy.CLAIMS_UPSERT]
    assert org_chunks == [100, 100, 50]
    assert edge_chunks == [100, 100, 49]
    assert claim_chunks == [100, 100, 100, 100, 100]  # 1 article + 250 orgs + 249 edges
    assert all(len(p.get("ids", [])) <= 100 for _, p in tx.runs)


def test_an_unchanged_article_is_skipped_after_reading_its_digest() -> None:
    def responder(query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        if query == cy.ARTICLE_DIGEST:
            return [{"digest": "d-a1"}]
        return default_responder(query, params)

    store, driver, _ = make_store(FakeDriver(responder))
    assert store.write(article_batch(3)).status == "skipped"
    (tx,) = driver.transactions
    assert [q for q, _ in tx.runs] == [cy.WRITE_LOCK, cy.ARTICLE_DIGEST]


def test_written_rows_carry_merged_props_folded_forms_and_search_text() -> None:
    stored = {"org:0000": {"id": "org:0000", "name": "Sở KH&CN", "aliases": ["Sở KH&CN"], "_fold_name": "x"}}

    def responder(query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        if query == cy.NODE_PROPS:
            return [{"id": i, "labels": ["Entity", "Organization"], "props": stored[i]}
                    for i in params["ids"] if i in stored]
        return default_responder(query, params)

    store, driver, _ = make_store(FakeDriver(responder))
    store.write(Batch(NodeFact("art:a2", "Article", {"title": "Bài"}), None, [
        NodeFact("org:0000", "Organization", {"name": "Sở Khoa học và Công nghệ", "aliases": ["Sở KH và CN"]})],
        [], "d"))
    rows = [r for q, p in driver.runs if q == cy.node_upsert("Organization") for r in p["rows"]]
    (row,) = rows
    assert row["props"]["name"] == "Sở Khoa học và Công nghệ"  # longest wins over the stored value
    assert row["props"]["aliases"] == ["Sở KH và CN", "Sở KH&CN"]
    assert row["props"]["_fold_name"] == "so khoa hoc va cong nghe"
    assert row["props"]["_fold_aliases"] == ["so kh va cn", "so kh va cn"]
    assert row["props"][cy.SEARCH_PROP].split(" \n ") == ["so khoa hoc va cong nghe", "so kh va cn", "so kh va cn"]
    claims = [r for q, p in driver.runs if q == cy.CLAIMS_UPSERT for r in p["rows"]]
    org_claim = next(c for c in claims if c["fact"] == "org:0000")
    assert json.loads(org_claim["props"]) == {"name": "Sở Khoa học và Công nghệ", "aliases": ["Sở KH và CN"]}
    assert (org_claim["kind"], org_claim["type"], org_claim["article"]) == ("node", "Organization", "art:a2")


def test_a_withdrawn_claim_is_recomputed_from_the_others_or_removed() -> None:
    old = [
        {"fact": "art:a1", "props": '{"title":"Bài"}', "kind": "node", "type": "Article", "source": None,
         "target": None, "evidence": "[]"},
        {"fact": "org:1", "props": '{"name":"X"}', "kind": "node", "type": "Organization", "source": None,
         "target": None, "evidence": "[]"},
        {"fact": "org:2", "props": '{"name":"Y"}', "kind": "node", "type": "Organization", "source": None,
         "target": None, "evidence": "[]"},
        {"fact": "rel:1", "props": "{}", "kind": "edge", "type": "SUB_ORGANIZATION_OF", "source": "org:1",
         "target": "org:2", "evidence": "[]"},
    ]

    def responder(query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        if query == cy.ARTICLE_CLAIMS:
            return old
        if query == cy.CLAIMS_OF_FACTS:  # another article still says org:1 is "X mở rộng"
            return [{"fact": "org:1", "article": "art:a2", "props": '{"name":"X mở rộng"}'}]
        return default_responder(query, params)

    store, driver, _ = make_store(FakeDriver(responder))
    store.write(Batch(NodeFact("art:a1", "Article", {"title": "Bài"}), None,
                      [NodeFact("org:1", "Organization", {"name": "X khác"})], [], "d2"))
    runs = driver.runs
    sent = [q for q, _ in runs]
    (dirty,) = [p for q, p in runs if q == cy.CLAIMS_OF_FACTS]
    assert dirty == {"ids": ["org:1", "org:2", "rel:1"], "article": "art:a1"}
    (deleted_edges,) = [p["ids"] for q, p in runs if q == cy.edge_delete(MODEL.relationships["SUB_ORGANIZATION_OF"])]
    (deleted_nodes,) = [p["ids"] for q, p in runs if q == cy.NODE_DELETE]
    assert (deleted_edges, deleted_nodes) == (["rel:1"], ["org:2"])
    (upsert,) = [p["rows"] for q, p in runs if q == cy.node_upsert("Organization")]
    assert upsert[0]["props"]["name"] == "X mở rộng"  # the join of "X khác" and the other article's claim
    # deletes go before upserts, relationships before nodes
    assert sent.index(cy.edge_delete(MODEL.relationships["SUB_ORGANIZATION_OF"])) < sent.index(cy.NODE_DELETE)
    assert sent.index(cy.NODE_DELETE) < sent.index(cy.node_upsert("Organization"))
    (stale,) = [p for q, p in runs if q == cy.CLAIMS_DELETE_STALE]
    assert sorted(json.loads(k)[0] for k in stale["keep"]) == ["art:a1", "org:1"]


def test_delete_article_is_one_transaction_and_reports_absent_articles() -> None:
    store, driver, _ = make_store()
    assert store.delete_article("art:none") is False
    (tx,) = driver.transactions
    assert [q for q, _ in tx.runs] == [cy.WRITE_LOCK, cy.ARTICLE_CLAIMS] and tx.committed


def test_bad_facts_are_refused_before_anything_is_sent() -> None:
    store, driver, _ = make_store()
    with pytest.raises(StoreError, match="no node type"):
        store.write(Batch(NodeFact("art:a", "Article", {}), None, [NodeFact("x:1", "Planet", {})], [], "d"))
    assert driver.transactions == []
    with pytest.raises(StoreError, match="reserved"):
        store.write(Batch(NodeFact("art:a", "Article", {}), None,
                          [NodeFact("org:1", "Organization", {"_search": "x"})], [], "d"))
    assert all(tx.rolled_back for tx in driver.transactions)
    with pytest.raises(StoreError, match="Neo4j stores"):
        store.write(Batch(NodeFact("art:a", "Article", {}), None,
                          [NodeFact("org:1", "Organization", {"name": {"nested": 1}})], [], "d"))


# retries --------------------------------------------------------------------------------------


def test_transient_errors_are_retried_from_the_start_with_growing_pauses() -> None:
    store, driver, pauses = make_store()
    driver.failures = [(lambda q: q == cy.CLAIMS_UPSERT, TransientError("deadlock detected")),
                       (lambda q: q == cy.TEXT_UPSERT, ServiceUnavailable("connection lost"))]
    assert store.write(article_batch(3)).status == "loaded"
    assert len(driver.transactions) == 3
    first, second, third = driver.transactions
    assert first.rolled_back and not first.committed
    assert second.rolled_back and not second.committed
    assert third.committed and not third.rolled_back
    # every attempt starts again from the digest read: nothing of a failed attempt is kept
    assert all([q for q, _ in tx.runs[:2]] == [cy.WRITE_LOCK, cy.ARTICLE_DIGEST] for tx in driver.transactions)
    assert len(pauses) == 2 and pauses[1] > pauses[0] > 0


def test_reads_are_retried_too() -> None:
    store, driver, pauses = make_store()
    driver.failures = [(lambda q: q == cy.GET_NODES, TransientError("leader switch"))]
    assert store.get_nodes(["org:1"]) == {}
    assert len(driver.transactions) == 2 and driver.sessions[-1]["default_access_mode"] == "READ"
    assert len(pauses) == 1


def test_retries_stop_after_max_retries_with_a_clear_error() -> None:
    store, driver, pauses = make_store(max_retries=3)
    driver.failures = [(lambda q: True, TransientError("deadlock"))] * 10
    with pytest.raises(StoreError, match="after 4 attempts") as info:
        store.write(article_batch(2))
    assert isinstance(info.value.__cause__, TransientError)
    assert len(driver.transactions) == 4 and not any(tx.committed for tx in driver.transactions)
    assert len(pauses) == 3


def test_errors_that_are_not_transient_are_not_retried() -> None:
    store, driver, pauses = make_store()
    driver.failures = [(lambda q: q == cy.CLAIMS_UPSERT, ClientError("constraint violated"))]
    with pytest.raises(StoreError, match="refused"):
        store.write(article_batch(2))
    assert len(driver.transactions) == 1 and driver.transactions[0].rolled_back
    assert pauses == []


# parameters ----------------------------------------------------------------------------------

HOSTILE = [
    "x' OR 1=1 //",
    '"}) DETACH DELETE n //',
    "`}) MATCH (m) DETACH DELETE m //",
    "$ids}) SET n.owned = true //",
    "\\u0027; CALL dbms.killQueries([]) //",
    "Lê Tuấn An\n} RETURN 1 UNION MATCH (n) RETURN n //",
]


def _values(obj: Any) -> list[str]:
    if isinstance(obj, dict):
        return [v for x in obj.values() for v in _values(x)] + [k for k in obj if isinstance(k, str)]
    if isinstance(obj, list):
        return [v for x in obj for v in _values(x)]
    return [obj] if isinstance(obj, str) else []


def test_no_value_is_ever_formatted_into_cypher() -> None:
    def responder(query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        if query == cy.CLAIMS_FOR_SOURCES:
            return [{"fact": i, "article": HOSTILE[0], "evidence": "[[0,1,0,2]]"} for i in params["ids"]]
        return default_responder(query, params)

    store, driver, _ = make_store(FakeDriver(responder))
    for i, bad in enumerate(HOSTILE):
        store.write(Batch(NodeFact(f"art:{bad}", "Article", {"title": bad, "url": bad}), bad, [
            NodeFact(f"org:{bad}", "Organization", {"name": bad, "aliases": [bad], "kind": bad}),
            NodeFact(f"per:{i}", "Person", {"name": bad, bad: bad}),
        ], [EdgeFact(f"rel:{bad}", "SUB_ORGANIZATION_OF", f"org:{bad}", f"org:{bad}", {}),
            EdgeFact(f"rel:h{i}", "HOLDS", f"per:{i}", f"post:{bad}", {"term": bad})], digest=bad))
        store.delete_article(f"art:{bad}")
        store.get_nodes([bad])
        store.sources([bad])
        store.articles_of([bad])
        store.article_text(bad)
        for rel in MODEL.relationships:
            store.neighbours([bad], rel, "in")
        store.search(bad, types=["Person"])
        for op in ["eq", "ne", "contains", "startsWith", "endsWith", "eqFold", "containsFold", "startsWithFold",
                   "gt", "gte", "lt", "lte"]:
            store.count("Organization", {"name": {op: bad}, "aliases": {op: bad}})
        store.list_nodes("Person", {"OR": [{"id": {"in": [bad]}}, {"holdings": {"some": {"term": {"eq": bad},
                         "title": {"eq": bad}}}}]}, sort=[("name", "ASC")], after=encode_cursor([bad, bad]))
        store.group_count("HOSTS", "out", by="kind", where={"name": {"eq": bad}}, far_where={"kind": {"eq": bad}})
    sent = driver.runs
    assert len(sent) > 100
    for query, _ in sent:
        for bad in HOSTILE:
            assert bad not in query
        for marker in ("1=1", "killQueries", "UNION", "DELETE m", "Tuấn", "\\u0027"):
            assert marker not in query
    passed = {v for _, params in sent for v in _values(params)}
    for bad in HOSTILE:
        assert bad in passed or any(bad in v for v in passed)
    search = [p for q, p in sent if q == cy.SEARCH]
    assert search and all(set(p["query"]) <= set("abcdefghijklmnopqrstuvwxyz0123456789 +\"*_") for p in search)


def test_identifiers_from_outside_the_model_are_refused() -> None:
    store, _, _ = make_store()
    with pytest.raises(StoreError, match="No relationship type"):
        store.edges(["org:1"], "HOSTS]->() DETACH DELETE n //", "out")
    with pytest.raises(StoreError, match="no field"):
        store.list_nodes("Organization", {"name`) DETACH DELETE n //": {"eq": "x"}})
    with pytest.raises(StoreError, match="cannot be sorted"):
        store.list_nodes("Organization", sort=[("name) DESC //", "ASC")])
    with pytest.raises(StoreError, match="No node type"):
        store.count("Organization) DETACH DELETE n //")
    with pytest.raises(StoreError):
        cy.ident("a`b")


# reads: batching and decoding ---------------------------------------------------------------


def test_reads_by_id_are_one_statement_for_all_ids() -> None:
    def responder(query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        if query == cy.GET_NODES:
            return [{"id": i, "labels": ["Entity", "Person"], "props": {"id": i, "name": i, "_fold_name": "x",
                                                                        "_search": "x"}} for i in params["ids"]]
        if query == cy.neighbours_of(MODEL.relationships["HOLDS"], "out"):
            return [{"near": i, "id": f"rel:{i}", "source": i, "target": "post:1", "props": {
                "id": f"rel:{i}", "term": "2020-2025", "_fold_term": "2020 2025"}, "far": "post:1",
                "far_labels": ["Post", "Entity"], "far_props": {"id": "post:1", "title": "Bí thư"}}
                for i in params["ids"]]
        if query == cy.CLAIMS_FOR_SOURCES:
            return [{"fact": i, "article": "art:1", "evidence": "[[3,5,0,8],[null,null,null,null]]"}
                    for i in params["ids"]]
        if query == cy.TEXT_BODIES:
            return [{"article": "art:1", "body": "Câu một. Câu hai."}]
        return default_responder(query, params)

    store, driver, _ = make_store(FakeDriver(responder))
    ids = [f"per:{i}" for i in range(600)] + ["per:0"]
    nodes = store.get_nodes(ids)
    assert len(nodes) == 600 and nodes["per:7"].type == "Person"
    assert nodes["per:7"].props == {"name": "per:7"}  # the id and the store's own keys are not props
    pairs = store.neighbours(ids, "HOLDS", "out")
    edge, post = pairs["per:3"][0]
    assert (edge.type, edge.source, edge.target, edge.props) == ("HOLDS", "per:3", "post:1", {"term": "2020-2025"})
    assert (post.id, post.type, post.props) == ("post:1", "Post", {"title": "Bí thư"})
    sources = store.sources(ids)
    assert [(s.article_id, s.sentence, s.start) for s in sources["per:1"]] == [
        ("art:1", "Câu một.", 3), ("art:1", None, None)]
    assert len(driver.transactions) == 3
    assert [len(tx.runs) for tx in driver.transactions] == [1, 1, 2]
    assert all(len(tx.runs[0][1]["ids"]) == 600 for tx in driver.transactions)
    assert store.get_nodes([]) == {} and len(driver.transactions) == 3  # nothing asked, nothing sent


def test_list_nodes_counts_and_pages_in_one_read_transaction() -> None:
    def responder(query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        if "RETURN count(n) AS total" in query:
            return [{"total": 7}]
        if "AS keys" in query:
            return [{"id": f"mtg:{i}", "labels": ["Meeting", "Entity"], "props": {"id": f"mtg:{i}", "date": "2023"},
                     "keys": ["2023", f"mtg:{i}"]} for i in range(params["limit"])]
        return default_responder(query, params)

    store, driver, _ = make_store(FakeDriver(responder))
    page = store.list_nodes("Meeting", {"date": {"gte": "2023"}}, sort=[("date", "DESC")], first=3,
                            after=encode_cursor(["2024", "mtg:x"]))
    assert (page.total, page.has_next, [n.id for n in page.nodes]) == (7, True, ["mtg:0", "mtg:1", "mtg:2"])
    assert page.end_cursor == encode_cursor(["2023", "mtg:2"])  # the same cursor format as the embedded store
    (tx,) = driver.transactions
    _, (_, page_params) = tx.runs
    assert page_params["limit"] == 4 and "2024" in page_params.values() and "mtg:x" in page_params.values()
    with pytest.raises(StoreError, match="different sort order"):
        store.list_nodes("Meeting", sort=[("date", "DESC")], after=encode_cursor(["mtg:x"]))


def test_search_sends_a_safe_lucene_query_and_prefers_exact_names() -> None:
    def responder(query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        if query == cy.SEARCH:
            return [
                {"id": "per:2", "labels": ["Person", "Entity"], "props": {"id": "per:2", "name": "Lê Tuấn Anh"},
                 "score": 3.0, "body": "le tuan anh"},
                {"id": "per:1", "labels": ["Person", "Entity"], "props": {"id": "per:1", "name": "Lê Tuấn An"},
                 "score": 2.5, "body": "le tuan an"},
            ]
        return default_responder(query, params)

    store, driver, _ = make_store(FakeDriver(responder))
    hits = store.search("LÊ TUẤN AN", first=5, types=["Person"])
    assert [h.node.id for h in hits] == ["per:1", "per:2"]
    assert hits[0].score == 12.5
    (_, params), = driver.runs
    assert params == {"index": cy.SEARCH_INDEX, "query": '+"le" +"tuan" +an*', "types": ["Person"], "limit": 20}
    assert store.search('"*)( -~') == [] and len(driver.transactions) == 1  # no words: nothing sent


def test_stats_and_check_decode_counts_and_problems() -> None:
    columns = cy.stats(MODEL)[1]

    def responder(query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        if query == cy.stats(MODEL)[0]:
            values = {"nodes.Organization": 2, "nodes.Article": 1, "edges.HOSTS": 3, "claims": 9}
            return [{column: values.get(key, 0) for column, key in columns}]
        if query == cy.CHECK_NODES_WITHOUT_CLAIMS:
            return [{"id": "org:9"}]
        if query == cy.CHECK_SEARCH_INDEX:
            return [{"state": "POPULATING"}]
        return default_responder(query, params)

    store, _, _ = make_store(FakeDriver(responder))
    assert store.stats() == {"nodes.Organization": 2, "nodes.Article": 1, "edges.HOSTS": 3,
                             "nodes": 3, "edges": 3, "claims": 9}
    problems = store.check().problems
    assert problems == ["fact org:9 has no source", f"the full-text index {cy.SEARCH_INDEX} is POPULATING"]


def test_iteration_pages_by_id_and_merges_relationship_types_in_id_order() -> None:
    def responder(query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        for rel, ids in (("HOSTS", ["rel:b", "rel:d"]), ("HOLDS", ["rel:a", "rel:c"])):
            if query == cy.edges_page(MODEL.relationships[rel]):
                return [{"id": i, "source": "s", "target": "t", "props": {"id": i}}
                        for i in ids if i > params["after"]][: params["limit"]]
        if query == cy.nodes_page("Meeting"):
            ids = [f"mtg:{i:05d}" for i in range(2500)]
            return [{"id": i, "labels": ["Meeting"], "props": {"id": i}} for i in ids if i > params["after"]][
                : params["limit"]]
        return default_responder(query, params)

    store, driver, _ = make_store(FakeDriver(responder))
    assert [e.id for e in store.iter_edges()] == ["rel:a", "rel:b", "rel:c", "rel:d"]
    driver.transactions.clear()
    nodes = list(store.iter_nodes("Meeting"))
    assert len(nodes) == 2500 and len({n.id for n in nodes}) == 2500
    assert [tx.runs[0][1]["after"] for tx in driver.transactions] == ["", "mtg:00999", "mtg:01999"]


def test_clear_deletes_in_bounded_chunks_until_nothing_is_left() -> None:
    left = [25000]

    def responder(query: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        if query == cy.CLEAR:
            n = min(left[0], params["limit"])
            left[0] -= n
            return [{"deleted": n}]
        return default_responder(query, params)

    store, driver, _ = make_store(FakeDriver(responder))
    store.clear()
    assert left[0] == 0 and len(driver.transactions) == 4 and all(tx.committed for tx in driver.transactions)


def test_from_env_refuses_clearly_without_a_uri(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("NEO4J_URI", raising=False)
    with pytest.raises(StoreError, match="NEO4J_URI is not set"):
        Neo4jStore.from_env()


def test_from_env_names_the_server_it_cannot_reach(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:9")  # the discard port: nothing listens
    monkeypatch.setenv("NEO4J_PASSWORD", "secret")
    with pytest.raises(StoreError, match=r"Cannot use Neo4j at bolt://127\.0\.0\.1:9"):
        Neo4jStore.from_env()
