"""bench/api_latency.py on a small store: its mix runs, and its second baseline replays the server's reads."""

from __future__ import annotations

from pathlib import Path

from orgkg.api.graphql import run_operation_sync
from orgkg.bench import api_latency as bench
from orgkg.graph.sqlite import SQLiteStore


def test_both_baselines_run_the_mix_with_the_servers_store_reads(tmp_path: Path) -> None:
    db = tmp_path / "bench.db"
    bench.build_store(db, 3000)
    mix = bench.analyst_mix(db)
    times, repeated, reads, cpu = bench.in_process(db, mix, rounds=1)
    assert set(times) == set(repeated) == {name for name, _, _ in mix}
    assert all(len(t) == 1 for t in times.values()) and all(len(t) == 1 for t in repeated.values())
    assert cpu > 0
    # every shape reads the store, within the per-level bound, and the listing is one call with its count
    assert all(0 < len(calls) <= 8 for calls in reads.values()), {k: len(v) for k, v in reads.items()}
    listing = [c for c in reads["province meetings in a year"] if c[0] == "list_nodes"]
    assert len(listing) == 1 and listing[0][1][5] is True  # totalCount is selected: counted
    store = SQLiteStore(db, readonly=True)
    answers = {name: run_operation_sync(store, q, v).data for name, q, v in mix}
    store.close()
    bare = bench.bare_graphql_core(mix, answers, rounds=1)
    with_reads, with_reads_repeated, reads_cpu = bench.bare_with_reads(db, mix, answers, reads, rounds=1)
    assert set(bare) == set(with_reads) == set(with_reads_repeated) == set(times) and reads_cpu > 0
    assert all(len(t) == 1 for t in with_reads.values()) and all(len(t) == 1 for t in with_reads_repeated.values())


def test_over_http_reads_the_servers_own_time_beside_the_clients(tmp_path: Path) -> None:
    db = tmp_path / "bench.db"
    bench.build_store(db, 3000)
    mix = bench.analyst_mix(db)
    times, answers, reported = bench.over_http_timed(db, mix, rounds=2)
    names = {name for name, _, _ in mix}
    assert set(answers) == names and all(answers[name] for name in names)
    assert set(reported) == {"received", "total", "graphql"}
    for name in names:
        figures = zip(times[name], reported["received"][name], reported["total"][name], reported["graphql"][name],
                      strict=True)
        assert len(times[name]) == 2
        for client, received, total, operation in figures:
            # the server's time is part of what the client waited for, and the operation part of the server's
            assert 0 < operation <= total < received <= client, (name, operation, total, received, client)
    assert bench.server_timing("graphql;dur=0.812, total;dur=1.250") == {"graphql": 0.812, "total": 1.25}
    # what `orgkg bench` (bench/harness.py) calls: latency and answers, as before
    times, answers = bench.over_http(db, mix, rounds=1)
    assert set(times) == set(answers) == names and all(len(t) == 1 for t in times.values())
