"""High availability: officers keep working through a load balancer while one ``aduan server`` process is killed
and the PostgreSQL primary is lost and its synchronous replica promoted (``ha_world.py``).

Asserted: every operation the officers queued was applied exactly once (the ``applied_op`` ledger, and each
reply's message and each note counted against the outboxes), none was refused on the way (a database that is
away is "out of reach", never a rejection), nothing an officer was told was applied is missing on the promoted
replica, and every client's mirror agrees with it afterwards. How long the officers took to get through again
is printed, never asserted.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import psycopg
import pytest
from sqlalchemy import text

from desktop.domain.errors import Unreachable
from desktop.store.service import Store
from tests.conftest import missing
from tests.deploy.ha_world import HaWorld, ha_world, median_ms
from tests.deploy.pgcluster import BIN, ClusterMissing, primary_and_replica
from tests.sync.sync_checks import converged_problems, ledger_problems


@pytest.fixture
def world(tmp_path: Path) -> HaWorld:  # type: ignore[misc]
    try:
        with ha_world(tmp_path) as built:
            yield built
    except ClusterMissing as exc:
        missing(str(exc))


@pytest.mark.timeout(180)
def test_officers_lose_nothing_and_double_nothing_when_a_server_dies_and_the_replica_is_promoted(
    world: HaWorld,
) -> None:
    marks = world.failover(before=3, between=3, after=5)
    settled = world.settle()

    assert not world.pair.primary.running()
    assert world.pair.replica.psql("SELECT pg_is_in_recovery()") == "f", "the replica was not promoted"
    assert world.servers[0].process.poll() is not None and world.servers[1].process.poll() is None

    errors = {o.login: o.errors for o in world.officers if o.errors}
    assert not errors, f"the officers met errors other than 'out of reach': {errors}"
    outboxes = world.outboxes()
    states = {login: {row.state for row in rows} for login, rows in outboxes.items()}
    assert all(found == {"applied"} for found in states.values()), f"not every operation was applied: {states}"
    queued = {login: sorted(str(op) for op in o.queued) for login, o in ((o.login, o) for o in world.officers)}
    assert {login: sorted(str(row.op_id) for row in rows) for login, rows in outboxes.items()} == queued
    for o in world.officers:  # the checks' own connections, pooled before the primary was lost
        o.client.store.engine.dispose()
    with world.officers[0].client.store.connect() as conn:  # the promoted replica: the one host taking writes
        problems = ledger_problems(conn, outboxes, world.officer_ids, world.ticket_ids, set())
    assert problems == []
    assert converged_problems([o.client for o in world.officers]) == []

    # The load went on through both faults: operations were applied after the kill and after the promotion.
    applied_after = {
        name: sum(a.applied for o in world.officers for a in o.attempts if a.started >= moment)
        for name, moment in (("kill", marks.server_killed), ("promotion", marks.promoted))
    }
    assert all(applied_after.values()), applied_after

    baseline = world.baseline(marks.server_killed)
    print(f"\nops queued: {sum(len(o.queued) for o in world.officers)}; normal op round trip {median_ms(baseline)}")
    for o in world.officers:
        after_kill = o.first_ok_after(marks.server_killed, applying=True)
        after_promotion = o.first_ok_after(marks.promoted, applying=True)
        print(
            f"{o.login}: first op through after the kill {_seconds(after_kill)}, after the promotion "
            f"{_seconds(after_promotion)} (primary stopped → promoted {marks.promoted - marks.primary_stopped:.1f} s)"
        )
    print(f"every client synced {settled - marks.load_stopped:.1f} s after the load stopped")


def _seconds(value: float | None) -> str:
    return "never" if value is None else f"{value:.2f} s"


def test_a_database_shutting_down_or_ending_sessions_is_out_of_reach_never_a_refusal() -> None:
    """A switchover stops the primary while sessions are open: new connections are answered "FATAL: the database
    system is shutting down", pooled ones are ended by the server. Both are waited out like a network failure;
    read as "the database refused", the Aduan server would answer an operation with a rejection that its client
    records and never sends again."""
    try:
        cluster = primary_and_replica()
        pair = cluster.__enter__()
    except ClusterMissing as exc:
        missing(str(exc))
    try:
        store = Store(pair.primary.url("postgres"))
        with store.connect() as pooled:
            pid = pooled.execute(text("SELECT pg_backend_pid()")).scalar_one()
        # Ended by the server while in the pool (pg_terminate_backend: SQLSTATE 57P01, "FATAL: terminating …").
        assert pair.primary.psql(f"SELECT pg_terminate_backend({pid})") == "t"
        with pytest.raises(Unreachable, match="lost the connection"), store.connect() as pooled:
            pooled.execute(text("SELECT 1"))
        holder = psycopg.connect(f"host=127.0.0.1 port={pair.primary.port} user=postgres dbname=postgres")
        try:
            # A smart shutdown waits for open sessions and refuses new ones meanwhile.
            runuser = ["runuser", "-u", "postgres", "--", str(BIN / "pg_ctl"), "-D", str(pair.primary.data)]
            subprocess.run([*runuser, "-m", "smart", "--no-wait", "stop"], check=True, capture_output=True)
            store.dispose()
            with pytest.raises(Unreachable, match="shutting down"), store.connect():
                pass
        finally:
            holder.close()
        store.dispose()
    finally:
        cluster.__exit__(None, None, None)
