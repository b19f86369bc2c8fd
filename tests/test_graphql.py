"""The GraphQL fields of the foundation, over the dev gold set."""

from __future__ import annotations

import pytest
from conftest import graphql_data as q
from starlette.testclient import TestClient

from orgkg.api.app import create_app
from orgkg.api.dataloaders import CountingStore
from orgkg.api.graphql import execute
from orgkg.graph.store import Store


def test_person_positions(gold_store: Store) -> None:
    data = q(gold_store, """{ people(where: {name: {eq: "Lê Tuấn An"}}) {
        totalCount nodes { name honorifics positions { title term person { name } organization { name } } } } }""")
    (an,) = data["people"]["nodes"]
    assert an["honorifics"] == ["TS"]
    got = {(p["title"], p["organization"]["name"], p["term"]) for p in an["positions"]}
    assert ("Bí thư", "Chi bộ Viện Khoa học, Công nghệ & Môi trường", "2022-2025") in got
    assert ("Bí thư", "Chi bộ Viện Khoa học, Công nghệ & Môi trường", "2019-2021") in got
    assert any(t == "Viện trưởng" and o.startswith("Viện Khoa học") for t, o, _ in got)
    assert all(p["person"]["name"] == "Lê Tuấn An" for p in an["positions"])


def test_organization_structure_and_positions(gold_store: Store) -> None:
    data = q(gold_store, """{ organizations(where: {name: {eq: "Chi bộ Viện Khoa học, Công nghệ & Môi trường"}}) {
        nodes { name parent { name subOrganizations { name } } ancestors { name }
                positions { title person { name } } meetings { date kind } } } }""")
    (chi_bo,) = data["organizations"]["nodes"]
    assert chi_bo["parent"]["name"].startswith("Viện Khoa học")
    assert chi_bo["name"] in {o["name"] for o in chi_bo["parent"]["subOrganizations"]}
    assert chi_bo["ancestors"][-1]["name"] == "Liên minh Hợp tác xã Việt Nam"
    assert {(p["title"], p["person"]["name"]) for p in chi_bo["positions"]} >= {
        ("Bí thư", "Lê Tuấn An"), ("Phó Bí thư", "Nguyễn Tiến Dũng")}
    assert chi_bo["meetings"] == [{"date": "2022-08-19", "kind": "đại hội"}]


def test_meetings_in_a_year_with_host_participants_and_tasks(gold_store: Store) -> None:
    data = q(gold_store, """{ meetings(where: {date: {gte: "2023", lte: "2023"}}, sort: [{field: date}]) {
        totalCount nodes { name kind date location host { name }
                           participants { role person { name } } tasks { text period organization { name } } } } }""")
    meetings = data["meetings"]["nodes"]
    assert data["meetings"]["totalCount"] == 3
    assert [m["date"] for m in meetings] == ["2023-01-16", "2023-07-13", "2023-07-24"]
    bac_kan = meetings[1]
    assert bac_kan["host"]["name"] == "Liên hiệp các Hội Khoa học và Kỹ thuật tỉnh Bắc Kạn"
    assert {(p["person"]["name"], p["role"]) for p in bac_kan["participants"]} == {
        ("Nông Quang Nhất", "attended"), ("Nông Quang Nhất", "spoke")}
    assert len(bac_kan["tasks"]) == 7
    assert {t["period"] for t in bac_kan["tasks"]} == {"6 tháng cuối năm 2023", "thời gian tới"}


def test_filters_and_sorts_as_variables_or_literals_give_the_same_answer(gold_store: Store) -> None:
    # graphql-core coerces a literal and a variable by different paths (a null for every field left out, the
    # sort direction's default filled in); both reach the store as the same filter
    literal = q(gold_store, """{ meetings(where: {date: {gte: "2022"}, host: {some: {name: {containsFold: "hoi"}}}},
        sort: [{field: date, direction: DESC}, {field: name}]) { nodes { date name } } }""")["meetings"]["nodes"]
    variables = q(gold_store, """query($w: MeetingWhere, $s: [MeetingSort!]) { meetings(where: $w, sort: $s) {
        nodes { date name } } }""", w={"date": {"gte": "2022"}, "host": {"some": {"name": {"containsFold": "hoi"}}}},
                  s=[{"field": "date", "direction": "DESC"}, {"field": "name"}])["meetings"]["nodes"]
    assert literal == variables
    dates = [m["date"] for m in literal]
    assert len(dates) >= 2 and dates == sorted(dates, reverse=True) and all(d >= "2022" for d in dates)
    ascending = q(gold_store, """{ meetings(where: {date: {gte: "2022"}}, sort: [{field: date}]) {
        nodes { date } } }""")["meetings"]["nodes"]
    assert [m["date"] for m in ascending] == sorted(m["date"] for m in ascending)


def test_pagination_through_connection(gold_store: Store) -> None:
    query = """query($after: String) { organizations(first: 5, after: $after, sort: [{field: name}]) {
        totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id name } } nodes { id } } }"""
    names, after = [], None
    while True:
        conn = q(gold_store, query, after=after)["organizations"]
        assert [e["node"]["id"] for e in conn["edges"]] == [n["id"] for n in conn["nodes"]]
        names.extend(e["node"]["name"] for e in conn["edges"])
        if not conn["pageInfo"]["hasNextPage"]:
            break
        after = conn["pageInfo"]["endCursor"]
        assert after == conn["edges"][-1]["cursor"]
    assert len(names) == conn["totalCount"] == len(set(names))


def test_node_and_search(gold_store: Store) -> None:
    hit = q(gold_store, '{ search(text: "le tuan an") { __typename ... on Person { id name score } } }')["search"]
    assert hit[0]["__typename"] == "Person" and hit[0]["name"] == "Lê Tuấn An" and hit[0]["score"] > 0
    node = q(gold_store, 'query($id: ID!) { node(id: $id) { id ... on Person { name } } }', id=hit[0]["id"])
    assert node["node"] == {"id": hit[0]["id"], "name": "Lê Tuấn An"}


def test_provenance_on_facts(gold_store: Store) -> None:
    data = q(gold_store, """{ people(where: {name: {eq: "Nông Quang Nhất"}}) { nodes {
        sources { article { id } } positions { sources { article { id } } } } } }""")
    (p,) = data["people"]["nodes"]
    assert p["sources"][0]["article"]["id"] == "art:002_f129b53a6be23e6e"
    assert p["positions"][0]["sources"][0]["article"]["id"] == "art:002_f129b53a6be23e6e"


def test_round_trips_are_bounded_by_levels_not_nodes(gold_store: Store) -> None:
    counting = CountingStore(gold_store)
    execute(counting, """{ organizations(first: 50) { nodes { name meetings { participants { person {
        positions { title organization { name } } } } } } } }""")
    # six levels below the root field; a relationship's far nodes come with it
    assert len(counting.calls) <= 6, counting.calls
    assert counting.calls[0] == "list_nodes" and set(counting.calls[1:]) == {"neighbours"}


def test_total_count_is_computed_only_when_selected(gold_store: Store) -> None:
    asked: list[bool] = []

    class Recording(CountingStore):
        def list_nodes(self, *args: object) -> object:
            asked.append(bool(args[5]))
            return gold_store.list_nodes(*args)  # type: ignore[arg-type]

    store = Recording(gold_store)
    plain = execute(store, "{ people(first: 2) { nodes { name } pageInfo { hasNextPage } } }")
    counted = execute(store, "{ people(first: 2) { totalCount nodes { name } } }")
    by_fragment = execute(store, """{ people(first: 2) { ...counted } }
        fragment counted on PersonConnection { ... on PersonConnection { totalCount } }""")
    assert asked == [False, True, True]
    assert plain["data"]["people"]["nodes"] == counted["data"]["people"]["nodes"]
    assert counted["data"]["people"]["totalCount"] == by_fragment["data"]["people"]["totalCount"] > 2


def test_errors_are_clear_and_masked(gold_store: Store) -> None:
    result = execute(gold_store, "{ people(first: 100000) { totalCount } }")
    assert "must be between 0 and 100" in result["errors"][0]["message"]
    result = execute(gold_store, '{ people(where: {name: {eq: "x"}}, after: "garbage") { totalCount } }')
    assert "cursor" in result["errors"][0]["message"]
    result = execute(gold_store, "{ nope }")
    assert "Cannot query field 'nope'" in result["errors"][0]["message"]


def test_http_endpoint_and_graphiql(gold_store: Store) -> None:
    client = TestClient(create_app(gold_store))
    r = client.post("/graphql", json={"query": "{ meetings { totalCount } }"})
    assert r.status_code == 200 and r.json()["data"]["meetings"]["totalCount"] == 5
    page = client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200 and "graphiql" in page.text.lower()


def test_search_spells_out_abbreviations_no_article_used(gold_store: Store) -> None:
    lhh = "Liên hiệp các Hội Khoa học và Kỹ thuật thành phố Hải Phòng"
    (org,) = q(gold_store, "query($n: String!) { organizations(where: {name: {eq: $n}}) { nodes { aliases } } }",
               n=lhh)["organizations"]["nodes"]
    assert not any("KT" in a for a in org["aliases"])  # no article wrote it "Liên hiệp các Hội KH&KT"
    for text in ("Liên hiệp các Hội KH&KT Hải Phòng", "Liên hiệp các Hội KH và KT Hải Phòng"):
        hits = q(gold_store, "query($t: String!) { search(text: $t) { ... on Organization { name } } }", t=text)[
            "search"]
        assert hits and hits[0]["name"] == lhh, text


def test_every_resolver_answers_synchronously() -> None:
    # The schema is executed with nothing ever awaited (api/graphql.py, SyncExecutionContext): a coroutine
    # returned by a resolver would be sent to the client as a value.
    import inspect

    from strawberry.schema.schema_converter import GraphQLCoreConverter

    from orgkg.api.graphql import build_schema

    checked = 0
    for gtype in build_schema()._schema.type_map.values():
        for name, field in (getattr(gtype, "fields", None) or {}).items():
            if gtype.name.startswith("__") or not hasattr(field, "resolve"):
                continue
            sf = field.extensions.get(GraphQLCoreConverter.DEFINITION_BACKREF)
            fn = sf.base_resolver.wrapped_func if sf is not None and sf.base_resolver else field.resolve
            assert not inspect.iscoroutinefunction(fn) and not inspect.isasyncgenfunction(fn), f"{gtype}.{name}"
            checked += 1
    assert checked > 100


def test_a_timed_out_operation_reads_nothing_more(gold_store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    # Past its deadline an operation starts no more batches of reads: it stops working, it is not only
    # answered as a timeout (its running SQLite statement is interrupted: tests/test_http.py).
    import time

    counting = CountingStore(gold_store)
    real = gold_store.list_nodes

    def slow_page(*args: object) -> object:
        page = real(*args)  # type: ignore[arg-type]
        time.sleep(0.3)
        return page

    monkeypatch.setattr(gold_store, "list_nodes", slow_page)
    result = execute(counting, "{ organizations { nodes { name meetings { participants { role } } } } }",
                     timeout=0.1)
    assert result["errors"][0]["extensions"]["code"] == "TIMEOUT"
    assert counting.calls == ["list_nodes"]
    untimed = CountingStore(gold_store)
    execute(untimed, "{ organizations { nodes { name meetings { participants { role } } } } }")
    assert "neighbours" in untimed.calls  # what the timed-out operation did not read
