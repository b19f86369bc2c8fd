"""The analysts' query surface beyond the foundation: leadership, colleagues, paths, aggregations,
relationship filters, cursors under concurrent loading, and the round-trip bound on all of it."""

from __future__ import annotations

from conftest import graphql_data as q

from orgkg.api.dataloaders import CountingStore
from orgkg.api.examples import EXAMPLES
from orgkg.api.graphql import execute
from orgkg.graph.facts import Batch, NodeFact
from orgkg.graph.store import Store

CHI_BO = "Chi bộ Viện Khoa học, Công nghệ & Môi trường"



def person_id(store: Store, name: str) -> str:
    data = q(store, "query($n: String!) { people(where: {name: {eq: $n}}) { nodes { id } } }", n=name)
    (node,) = data["people"]["nodes"]
    return node["id"]


LEADERS = """query($name: String!, $on: Date) { organizations(where: {name: {eq: $name}}) { nodes {
    leaders(on: $on) { leadership title term person { name } } } } }"""


def leaders(store: Store, name: str, on: str | None) -> list[tuple[str, str, str | None, str]]:
    (org,) = q(store, LEADERS, name=name, on=on)["organizations"]["nodes"]
    return [(h["leadership"], h["title"], h["term"], h["person"]["name"]) for h in org["leaders"]]


def test_leaders_follow_the_term_on_a_date(gold_store: Store) -> None:
    assert leaders(gold_store, CHI_BO, "2020-06-30") == [("HEAD", "Bí thư", "2019-2021", "Lê Tuấn An")]
    assert leaders(gold_store, CHI_BO, "2023-06-30") == [
        ("HEAD", "Bí thư", "2022-2025", "Lê Tuấn An"), ("DEPUTY", "Phó Bí thư", "2022-2025", "Nguyễn Tiến Dũng")]
    # a year covers the whole year: 2021 still sees the old term, 2022 the new one and the old one's end
    assert {t for _, _, t, _ in leaders(gold_store, CHI_BO, "2021")} == {"2019-2021"}
    assert {t for _, _, t, _ in leaders(gold_store, CHI_BO, "2026")} == set()
    # without a date: every leader known, once per post, with the latest term (not once per term)
    assert leaders(gold_store, CHI_BO, None) == [
        ("HEAD", "Bí thư", "2022-2025", "Lê Tuấn An"), ("DEPUTY", "Phó Bí thư", "2022-2025", "Nguyễn Tiến Dũng")]


def test_leaders_without_a_term_count_from_first_to_last_sighting(gold_store: Store) -> None:
    org = "Liên hiệp các Hội Khoa học và Kỹ thuật thành phố Hải Phòng"
    assert leaders(gold_store, org, "2022-12-27") == [
        ("HEAD", "Chủ tịch", None, "Bùi Thanh Tùng"), ("DEPUTY", "Phó Chủ tịch", None, "Phạm Hữu Thư")]
    assert len(leaders(gold_store, org, "2022-12")) == 2  # the month holds the sighting
    assert leaders(gold_store, org, "2023-06-30") == []  # seen once, in December 2022


def test_leaders_refuse_a_malformed_date(gold_store: Store) -> None:
    result = execute(gold_store, LEADERS, {"name": CHI_BO, "on": "30/06/2023"})
    assert "is not a date" in result["errors"][0]["message"]


def test_relationship_filters_two_hops_and_meetings_in_a_year(gold_store: Store) -> None:
    # people holding any post in a given organization: Person.holdings → Post.organization
    data = q(gold_store, """query($org: String!) { people(where: {holdings: {some: {node: {organization: {some:
        {name: {eq: $org}}}}}}}, sort: [{field: name}]) { nodes { name } } }""", org=CHI_BO)
    assert [p["name"] for p in data["people"]["nodes"]] == ["Lê Tuấn An", "Nguyễn Tiến Dũng"]
    # …narrowed by a property of the holding itself
    data = q(gold_store, """query($org: String!) { people(where: {holdings: {some: {term: {eq: "2019-2021"},
        node: {organization: {some: {name: {eq: $org}}}}}}}) { nodes { name } } }""", org=CHI_BO)
    assert [p["name"] for p in data["people"]["nodes"]] == ["Lê Tuấn An"]
    # organizations having a meeting in 2023, and those having none
    having = q(gold_store, """{ organizations(where: {meetings: {some: {date: {gte: "2023", lte: "2023"}}}})
        { totalCount nodes { meetings { date } } } }""")["organizations"]
    assert having["totalCount"] == 3
    assert all(any(m["date"].startswith("2023") for m in o["meetings"]) for o in having["nodes"])
    total = q(gold_store, "{ organizations { totalCount } }")["organizations"]["totalCount"]
    none = q(gold_store, """{ organizations(where: {meetings: {none: {date: {gte: "2023", lte: "2023"}}}})
        { totalCount } }""")["organizations"]["totalCount"]
    assert none == total - 3


def test_names_match_without_case_or_diacritics(gold_store: Store) -> None:
    for op, value in [("eqFold", "LE TUAN AN"), ("containsFold", "tuan an"), ("startsWithFold", "lê tuan")]:
        data = q(gold_store, f'{{ people(where: {{name: {{{op}: "{value}"}}}}) {{ nodes {{ name }} }} }}')
        assert [p["name"] for p in data["people"]["nodes"]] == ["Lê Tuấn An"], op
    data = q(gold_store, '{ people(where: {NOT: {name: {containsFold: "an"}}, name: {startsWithFold: "le"}}) '
                         "{ nodes { name } } }")
    assert all("an" not in p["name"].lower() for p in data["people"]["nodes"])


def test_cursor_stays_valid_while_data_is_added_through_graphql(sqlite_store: Store) -> None:
    def add(aid: str, names: list[str]) -> None:
        sqlite_store.write(Batch(NodeFact(f"art:{aid}", "Article", {"title": aid}), None, [
            NodeFact(f"per:{aid}{i}", "Person", {"name": n}) for i, n in enumerate(names)], [], aid))

    add("a", ["An", "Bình", "Chi", "Dũng", "Giang", "Hà"])
    query = """query($after: String) { people(first: 3, after: $after, sort: [{field: name}]) {
        totalCount pageInfo { hasNextPage endCursor } nodes { name } } }"""
    first = q(sqlite_store, query)["people"]
    assert [p["name"] for p in first["nodes"]] == ["An", "Bình", "Chi"]
    add("b", ["Ánh", "Bảo", "Cường", "Đào", "Yến"])  # before and after the cursor's position
    rest = q(sqlite_store, query, after=first["pageInfo"]["endCursor"])["people"]
    assert rest["totalCount"] == 11
    # the next page starts right after "Chi", whatever was inserted before it
    assert [p["name"] for p in rest["nodes"]] == ["Cường", "Dũng", "Giang"]


def test_colleagues_share_meetings_or_organizations(gold_store: Store) -> None:
    data = q(gold_store, """{ people(where: {name: {eq: "Lê Tuấn An"}}) { nodes { colleagues(first: 50) {
        person { name } sharedMeetings { date } sharedOrganizations { name } } } } }""")
    (an,) = data["people"]["nodes"]
    by_name = {c["person"]["name"]: c for c in an["colleagues"]}
    assert "Lê Tuấn An" not in by_name
    dung = by_name["Nguyễn Tiến Dũng"]
    assert CHI_BO in {o["name"] for o in dung["sharedOrganizations"]}
    assert [m["date"] for m in dung["sharedMeetings"]] == ["2022-08-19"]
    counts = [len(c["sharedMeetings"]) + len(c["sharedOrganizations"]) for c in an["colleagues"]]
    assert counts == sorted(counts, reverse=True) and counts[0] >= 2


def test_shortest_path_between_two_people(gold_store: Store) -> None:
    an, dung = person_id(gold_store, "Lê Tuấn An"), person_id(gold_store, "Nguyễn Tiến Dũng")
    query = """query($a: ID!, $b: ID!, $hops: Int!) { shortestPath(from: $a, to: $b, maxHops: $hops) { length
        nodes { id __typename } relationships { type label source { id } target { id } } } }"""
    path = q(gold_store, query, a=an, b=dung, hops=6)["shortestPath"]
    assert path["length"] == 2 == len(path["relationships"]) == len(path["nodes"]) - 1
    assert path["nodes"][0]["id"] == an and path["nodes"][-1]["id"] == dung
    assert path["nodes"][1]["__typename"] == "Meeting"
    for i, rel in enumerate(path["relationships"]):  # each relationship joins consecutive nodes
        assert {rel["source"]["id"], rel["target"]["id"]} == {path["nodes"][i]["id"], path["nodes"][i + 1]["id"]}
    assert q(gold_store, query, a=an, b=dung, hops=1)["shortestPath"] is None
    assert q(gold_store, query, a=an, b="per:nobody", hops=6)["shortestPath"] is None
    refused = execute(gold_store, query, {"a": an, "b": dung, "hops": 50})
    assert "maxHops must be between 0 and 10" in refused["errors"][0]["message"]


def test_aggregations(gold_store: Store) -> None:
    data = q(gold_store, """{ statistics { nodes { type count } relationships { type count } }
        meetingsPerOrganizationYear(first: 50) { organization { name } year count }
        in2023: meetingsPerOrganizationYear(year: "2023") { year count }
        postsPerOrganization(first: 3) { organization { name postCount } count }
        chiBo: organizations(where: {name: {eq: "Chi bộ Viện Khoa học, Công nghệ & Môi trường"}}) {
            nodes { meetingsPerYear { year count } postCount } } }""")
    nodes = {t["type"]: t["count"] for t in data["statistics"]["nodes"]}
    assert nodes["Meeting"] == q(gold_store, "{ meetings { totalCount } }")["meetings"]["totalCount"] == 5
    assert set(nodes) == {"Organization", "Person", "Post", "Meeting", "Task", "Article"}
    per_year = data["meetingsPerOrganizationYear"]
    assert sum(g["count"] for g in per_year) == 5
    assert sum(g["count"] for g in data["in2023"]) == 3 and {g["year"] for g in data["in2023"]} == {"2023"}
    posts = data["postsPerOrganization"]
    assert [p["count"] for p in posts] == sorted((p["count"] for p in posts), reverse=True)
    assert all(p["count"] == p["organization"]["postCount"] for p in posts)
    (chi_bo,) = data["chiBo"]["nodes"]
    assert chi_bo["meetingsPerYear"] == [{"year": "2022", "count": 1}]


def test_holding_fields_and_post_timeline(gold_store: Store) -> None:
    data = q(gold_store, """{ posts(where: {title: {eq: "Bí thư"}, organization: {some: {name: {eq:
        "Chi bộ Viện Khoa học, Công nghệ & Môi trường"}}}}) { nodes { title holders {
        title term validFrom validUntil firstSeen lastSeen leadership person { name } organization { name }
        sources { sentence article { title url published } } } } } }""")
    (post,) = data["posts"]["nodes"]
    holders = post["holders"]
    assert [(h["term"], h["validFrom"], h["validUntil"]) for h in holders] == [
        ("2019-2021", "2019", "2021"), ("2022-2025", "2022", "2025")]  # the timeline, oldest first
    assert all(h["leadership"] == "HEAD" and h["person"]["name"] == "Lê Tuấn An" for h in holders)
    assert holders[0]["sources"][0]["article"] is not None


def test_round_trips_stay_bounded_on_the_new_fields(gold_store: Store) -> None:
    query = """query($where: OrganizationWhere) { organizations(first: 50, where: $where) { nodes {
        leaders(on: "2023") { title person { name colleagues { person { name } sharedMeetings { date } } } }
        positions { leadership sources { article { title } } } meetingsPerYear { count } postCount } } }"""
    runs = []
    for where in ({"name": {"eq": CHI_BO}}, None):
        counting = CountingStore(gold_store)
        result = execute(counting, query, {"where": where})
        assert "errors" not in result, result["errors"]
        orgs = result["data"]["organizations"]["nodes"]
        runs.append((len(counting.calls), sum(len(o["positions"]) for o in orgs)))
    (one_calls, one_positions), (all_calls, all_positions) = runs
    assert all_positions > 4 * one_positions  # far more nodes resolved…
    # …for a number of store calls fixed by the query's shape: the seven levels of the query plus
    # colleagues' four hops (meetings → participants, posts → organizations → posts → holders)
    assert one_calls <= 14 and all_calls <= 14, runs


def test_examples_run_and_find_something(gold_store: Store) -> None:
    for example in EXAMPLES:
        variables = dict(example.variables)
        if "from" in variables and "to" in variables and example.title.endswith("by id"):
            variables = {"from": person_id(gold_store, "Lê Tuấn An"), "to": person_id(gold_store, "Nguyễn Tiến Dũng")}
        data = q(gold_store, example.query, **variables)
        assert any(v for v in data.values()), example.title
    leaders_example = q(gold_store, EXAMPLES[0].query, **EXAMPLES[0].variables)
    assert any(o["leaders"] for o in leaders_example["organizations"]["nodes"])


def test_documents_are_parsed_and_validated_once(gold_store: Store) -> None:
    from strawberry.extensions.parser_cache import _get_parse_cache

    from orgkg.api.graphql import PARSE_CACHE_SIZE, validated

    parse_cache, validate_cache = _get_parse_cache(PARSE_CACHE_SIZE), validated
    query = '{ people(where: {name: {eqFold: "le tuan an"}}) { nodes { name colleagues { person { id } } } } }'
    q(gold_store, query)
    parsed, validated = parse_cache.cache_info(), validate_cache.cache_info()
    for _ in range(3):
        q(gold_store, query)
    assert parse_cache.cache_info().hits == parsed.hits + 3 and parse_cache.cache_info().misses == parsed.misses
    assert validate_cache.cache_info().hits == validated.hits + 3
    assert validate_cache.cache_info().misses == validated.misses
    # the limits still apply to cached documents
    deep = "{ organizations { nodes { " + "parent { " * 14 + "name" + " }" * 14 + " } } }"
    for _ in range(2):
        assert "exceeds maximum operation depth" in execute(gold_store, deep)["errors"][0]["message"]


def test_leadership_ranks_and_date_coverage() -> None:
    from orgkg.api.leadership import Leadership, covers, rank

    assert rank("Chủ tịch") is Leadership.HEAD and rank("Viện trưởng") is Leadership.HEAD
    assert rank("phó  chủ tịch thường trực") is Leadership.DEPUTY  # case and spacing do not matter
    assert rank("Phó Bí thư thứ nhất") is Leadership.DEPUTY and rank("Thứ trưởng") is Leadership.DEPUTY
    assert rank("Trưởng ban Tuyên giáo") is None  # heads a department of the body, not the body
    assert rank("Ủy viên Ban Thường vụ") is None and rank("Phó Ủy viên") is None and rank(None) is None
    term = {"validFrom": "2020", "validUntil": "2025", "firstSeen": "2023-01-16"}
    assert covers(term, "2020-01-01") and covers(term, "2025-12-31") and not covers(term, "2026-01-01")
    seen = {"firstSeen": "2023-01-16", "lastSeen": "2023-03-02"}
    assert covers(seen, "2023-02") and covers(seen, "2023") and not covers(seen, "2023-03-03")
    assert covers({"validFrom": "2021"}, "2030") and not covers({}, "2023")
