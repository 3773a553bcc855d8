"""Countdowns offline: the cache mirrors each ticket's clocks with the calendars and policies in force, and
work still in the outbox moves the clocks the way the store will; supervisors see their sub-units."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import Connection, select, update

from desktop.domain.calendar import WIT
from desktop.domain.clocks import ClockName
from desktop.domain.sla import Phase, SlaPolicy
from desktop.domain.status import Status
from desktop.store import sla
from desktop.store.schema import sla_clock, ticket
from desktop.store.work import begin
from desktop.views import inbox
from desktop.views.attention import AttentionKind, attention_items
from desktop.views.deadlines import ticket_clocks
from tests.store.helpers import Org, build_org, new_ticket
from tests.sync.helpers import client
from tests.sync.offline import go_offline


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def test_the_cache_computes_the_stores_countdowns_and_moves_them_offline(org: Org, tmp_path: Path) -> None:
    org.admin.admin(lambda conn: sla.set_calendar(begin(conn, None), "humas", WIT, 8 * 60, 16 * 60, frozenset({6})))
    policy = SlaPolicy(verify_working_days=2)
    org.admin.admin(lambda conn: sla.set_policy(begin(conn, None), sla.PolicyScope(unit_code="humas"), policy))
    t = new_ticket(org.ani)
    ani = client(org.url, "ani", tmp_path)
    ani.sync()
    ani.desk.claim(t.tracking_no)
    ani.sync()
    central = org.admin.read(
        lambda conn: {r.clock: r.due_at for r in conn.execute(select(sla_clock).where(sla_clock.c.ticket_id == t.id))}
    )
    created = org.admin.read(lambda conn: conn.execute(select(ticket.c.created_at).where(ticket.c.id == t.id)).scalar())
    with ani.cache.read() as conn:
        seen = {c.name: c for c in ticket_clocks(conn, t.id, now=created + timedelta(minutes=1))}
    assert set(seen) == {ClockName.RESPONSE, ClockName.RESOLUTION}
    response = seen[ClockName.RESPONSE].state
    assert response.target_minutes == 2 * 480  # the unit's policy, mirrored
    # The unit works Sunday to Friday in WIT: the cache's calendar gives the store's due moment, one minute on.
    assert response.due_at is not None and abs(response.due_at - central["response"]) <= timedelta(minutes=1)
    with ani.cache.read() as conn:
        exact = ticket_clocks(conn, t.id, now=central["response"] - timedelta(minutes=1))
    assert exact[0].state.left_minutes == 1 and exact[0].state.phase is Phase.WARNING
    assert response.phase in (Phase.RUNNING, Phase.WARNING, Phase.BREACHED)

    go_offline(ani, tmp_path)
    ani.desk.status(t.tracking_no, Status.DIVERIFIKASI)
    with ani.cache.read() as conn:
        offline = {c.name: c.state for c in ticket_clocks(conn, t.id)}
    assert offline[ClockName.RESPONSE].phase in (Phase.MET, Phase.MISSED)
    assert offline[ClockName.FOLLOW_UP].phase in (Phase.RUNNING, Phase.WARNING, Phase.BREACHED)
    ani.close()


def test_a_supervisor_sees_the_open_tickets_of_the_units_below(org: Org, tmp_path: Path) -> None:
    below = new_ticket(org.rudi, unit="kanreg-1")
    elsewhere = new_ticket(org.ani)
    sari = client(org.url, "sari", tmp_path)
    sari.sync()
    with sari.cache.read() as conn:
        supervised = {r.ticket_id for r in inbox.page(conn, inbox.InboxQuery(view=inbox.View.SUPERVISED))}
        own_unit = {r.ticket_id for r in inbox.page(conn, inbox.InboxQuery(view=inbox.View.MY_UNIT))}
    assert below.id in supervised and elsewhere.id not in supervised
    assert below.id not in own_unit  # "my unit" is the units she belongs to
    sari.close()


def test_an_escalated_breach_needs_the_supervisors_and_the_holders_attention(org: Org, tmp_path: Path) -> None:
    t = new_ticket(org.rudi, unit="kanreg-1")
    rudi, sari = client(org.url, "rudi", tmp_path), client(org.url, "sari", tmp_path)
    rudi.sync()
    rudi.desk.claim(t.tracking_no)
    rudi.sync()

    def spend(conn: Connection) -> None:
        conn.execute(
            update(sla_clock)
            .where(sla_clock.c.ticket_id == t.id, sla_clock.c.clock == "response")
            .values(used_minutes=sla_clock.c.target_minutes, due_at=sla_clock.c.running_since)
        )

    org.admin.admin(spend)
    org.admin.admin(lambda conn: sla.sweep(begin(conn, None)))
    for c in (rudi, sari):
        c.sync()
        with c.cache.read() as conn:
            escalated = [i for i in attention_items(conn) if i.kind is AttentionKind.ESCALATED]
        assert [(i.ticket_id, i.payload) for i in escalated] == [(t.id, {"clock": "response"})], c.login
    rudi.desk.status(t.tracking_no, Status.DIVERIFIKASI)  # the work is done: the response clock stops
    rudi.sync()
    sari.sync()
    with sari.cache.read() as conn:
        assert not [i for i in attention_items(conn) if i.kind is AttentionKind.ESCALATED]
    rudi.close()
    sari.close()
