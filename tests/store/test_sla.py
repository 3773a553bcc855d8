"""Service-level clocks in the central store, on every engine: started at receipt on the unit's calendar
and policy, moved by answers, status changes and transfers, escalated and auto-closed by the sweep."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime, timedelta
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import Connection, select, update
from uuid6 import uuid7

from desktop.domain.calendar import WIT, WITA, WorkingCalendar, add_working_days
from desktop.domain.clocks import ClockName
from desktop.domain.errors import BadInput, LostClaim, NotPermitted
from desktop.domain.operations import Op, OpKind
from desktop.domain.sla import SlaPolicy
from desktop.domain.status import Status
from desktop.domain.vocabulary import Priority
from desktop.store import canned, claims, disposition, handling, linking, sla
from desktop.store.apply import apply_op
from desktop.store.schema import event, message, sla_clock, ticket
from desktop.store.work import Work, begin
from tests.store.helpers import Org, build_org, new_ticket


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def as_admin(org: Org, task: Any, *args: Any) -> Any:
    return org.admin.admin(lambda conn: task(begin(conn, None), *args))


def clocks(org: Org, ticket_id: UUID) -> dict[ClockName, Any]:
    def read(conn: Connection) -> dict[ClockName, Any]:
        rows = conn.execute(select(sla_clock).where(sla_clock.c.ticket_id == ticket_id))
        return {ClockName(r.clock): r for r in rows}

    return org.admin.read(read)


def ticket_row(org: Org, ticket_id: UUID) -> Any:
    return org.admin.read(lambda conn: conn.execute(select(ticket).where(ticket.c.id == ticket_id)).one())


def run_out(org: Org, ticket_id: UUID, name: ClockName) -> None:
    """Use up a running clock's whole target, as if its working days had passed."""

    def spend(conn: Connection) -> None:
        row = conn.execute(
            select(sla_clock).where(sla_clock.c.ticket_id == ticket_id, sla_clock.c.clock == name.value)
        ).one()
        conn.execute(
            update(sla_clock)
            .where(sla_clock.c.ticket_id == ticket_id, sla_clock.c.clock == name.value)
            .values(used_minutes=row.target_minutes, due_at=row.running_since)
        )

    org.admin.admin(spend)


def claimed(org: Org, store: Any, ticket_id: UUID) -> int:
    return int(store.write(claims.claim, ticket_id).claim.token)


def walk(store: Any, ticket_id: UUID, token: int, *statuses: Status) -> None:
    for status in statuses:
        store.write(handling.change_status, ticket_id, token, status)


def test_receipt_starts_the_clocks_on_the_units_own_calendar(org: Org) -> None:
    as_admin(org, sla.set_calendar, "humas", WITA, 7 * 60 + 30, 15 * 60 + 30, frozenset({5, 6}))
    t = new_ticket(org.ani)
    row = ticket_row(org, t.id)
    found = clocks(org, t.id)
    assert set(found) == {ClockName.RESPONSE, ClockName.RESOLUTION}
    calendar = WorkingCalendar(WITA, 7 * 60 + 30, 15 * 60 + 30)
    response, resolution = found[ClockName.RESPONSE], found[ClockName.RESOLUTION]
    assert response.running_since == row.created_at and response.target_minutes == 3 * 480
    assert response.due_at == add_working_days(calendar, row.created_at, 3)
    assert resolution.due_at == row.created_at + timedelta(days=60)
    assert row.first_response_due_at == response.due_at
    assert row.due_at == resolution.due_at


def test_the_most_specific_policy_sets_the_targets(org: Org) -> None:
    urgent = sla.PolicyScope(unit_code="humas", priority=Priority.DARURAT)
    as_admin(org, sla.set_policy, urgent, SlaPolicy(verify_working_days=1, resolution_days=14))
    hurried = new_ticket(org.ani, priority=Priority.DARURAT)
    usual = new_ticket(org.ani)
    assert clocks(org, hurried.id)[ClockName.RESPONSE].target_minutes == 480
    assert clocks(org, hurried.id)[ClockName.RESOLUTION].target_minutes == 14 * 24 * 60
    assert clocks(org, usual.id)[ClockName.RESPONSE].target_minutes == 3 * 480


def test_status_changes_move_the_clocks_and_waiting_pauses_resolution(org: Org) -> None:
    t = new_ticket(org.ani)
    token = claimed(org, org.ani, t.id)
    walk(org.ani, t.id, token, Status.DIVERIFIKASI)
    found = clocks(org, t.id)
    assert found[ClockName.RESPONSE].stopped_at is not None
    assert found[ClockName.FOLLOW_UP].running_since is not None
    assert ticket_row(org, t.id).first_response_due_at == found[ClockName.FOLLOW_UP].due_at
    resolution_due = ticket_row(org, t.id).due_at
    walk(org.ani, t.id, token, Status.DITINDAKLANJUTI, Status.MENUNGGU_PELAPOR)
    found = clocks(org, t.id)
    assert found[ClockName.FOLLOW_UP].stopped_at is not None
    assert found[ClockName.RESOLUTION].running_since is None and found[ClockName.RESOLUTION].stopped_at is None
    assert found[ClockName.REPORTER_WAIT].running_since is not None
    assert ticket_row(org, t.id).first_response_due_at is None  # no answer is due while the reporter is asked
    assert ticket_row(org, t.id).due_at == resolution_due  # the promised deadline stays while paused
    walk(org.ani, t.id, token, Status.DITINDAKLANJUTI)  # the reporter answered
    assert clocks(org, t.id)[ClockName.RESOLUTION].running_since is not None


def test_the_first_answer_meets_the_response_clock(org: Org) -> None:
    t = new_ticket(org.ani)
    token = claimed(org, org.ani, t.id)
    org.ani.write(handling.reply, t.id, token, "Terima kasih, laporan Anda kami terima dan sedang kami periksa.")
    assert clocks(org, t.id)[ClockName.RESPONSE].stopped_at is not None


def test_a_silent_reporter_is_closed_as_finished_after_the_waiting_time(org: Org) -> None:
    t = new_ticket(org.ani)
    token = claimed(org, org.ani, t.id)
    walk(org.ani, t.id, token, Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.MENUNGGU_PELAPOR)
    assert as_admin(org, sla.sweep).closed == []  # not yet
    run_out(org, t.id, ClockName.REPORTER_WAIT)
    report = as_admin(org, sla.sweep)
    assert report.closed == [t.tracking_no]
    row = ticket_row(org, t.id)
    assert (row.status, row.claimed_by, row.closed_at is not None) == (Status.SELESAI.value, None, True)
    assert all(r.stopped_at is not None for r in clocks(org, t.id).values())
    actions = org.admin.read(
        lambda conn: list(conn.execute(select(event.c.action).where(event.c.ticket_id == t.id)).scalars())
    )
    assert actions.count("auto_close") == 1
    assert as_admin(org, sla.sweep).closed == []  # once
    with pytest.raises(LostClaim):  # the former holder's late change is refused, not merged
        org.ani.write(handling.change_status, t.id, token, Status.DITINDAKLANJUTI)


def test_a_breach_is_escalated_once_to_the_supervisors_above_the_unit(org: Org) -> None:
    t = new_ticket(org.rudi, unit="kanreg-1")
    run_out(org, t.id, ClockName.RESPONSE)
    report = as_admin(org, sla.sweep)
    assert report.escalated == [(t.tracking_no, "response")]
    assert clocks(org, t.id)[ClockName.RESPONSE].escalated_at is not None
    detail = org.admin.read(
        lambda conn: conn.execute(
            select(event.c.detail).where(event.c.ticket_id == t.id, event.c.action == "escalate")
        ).scalar_one()
    )
    assert '"supervisors": ["sari"]' in detail
    assert as_admin(org, sla.sweep).escalated == []


def test_a_transfer_keeps_the_minutes_used_or_restarts_as_the_receiving_policy_says(org: Org) -> None:
    as_admin(org, sla.set_policy, sla.PolicyScope(unit_code="kanreg-1"), SlaPolicy(verify_working_days=2))
    kept = new_ticket(org.ani)
    org.admin.admin(
        lambda conn: conn.execute(update(sla_clock).where(sla_clock.c.ticket_id == kept.id).values(used_minutes=100))
    )
    token = claimed(org, org.ani, kept.id)
    org.ani.write(handling.transfer, kept.id, token, "kanreg-1", "wilayah kanreg-1")
    response = clocks(org, kept.id)[ClockName.RESPONSE]
    assert (response.used_minutes >= 100, response.target_minutes) == (True, 2 * 480)

    restart = SlaPolicy(verify_working_days=2, restart_on_transfer=True)
    as_admin(org, sla.set_policy, sla.PolicyScope(unit_code="kanreg-1"), restart)
    moved = new_ticket(org.ani)
    org.admin.admin(
        lambda conn: conn.execute(update(sla_clock).where(sla_clock.c.ticket_id == moved.id).values(used_minutes=100))
    )
    token = claimed(org, org.ani, moved.id)
    org.ani.write(handling.transfer, moved.id, token, "kanreg-1", "wilayah kanreg-1")
    response = clocks(org, moved.id)[ClockName.RESPONSE]
    assert response.used_minutes == 0 and response.running_since == ticket_row(org, moved.id).updated_at


def test_work_that_waited_offline_records_the_minutes_it_waited(org: Org) -> None:
    t = new_ticket(org.ani)
    created = ticket_row(org, t.id).created_at
    org.admin.admin(  # received a day ago
        lambda conn: conn.execute(
            update(sla_clock).where(sla_clock.c.ticket_id == t.id).values(running_since=created - timedelta(days=1))
        )
    )
    token = claimed(org, org.ani, t.id)
    walk(org.ani, t.id, token, Status.DIVERIFIKASI, Status.DITINDAKLANJUTI)

    def closing_made_offline(work: Work) -> None:
        op = Op(uuid7(), OpKind.STATUS, t.id, {"status": "selesai"}, token, offline=True)
        two_hours_ago = work.now - timedelta(hours=2)
        outcome = apply_op(work, Op(op.op_id, op.kind, op.ticket_id, op.payload, token, True, two_hours_ago))
        assert outcome.accepted, outcome

    org.ani.write(closing_made_offline)
    resolution = clocks(org, t.id)[ClockName.RESOLUTION]
    assert resolution.stopped_at is not None
    assert 119 <= resolution.offline_minutes <= 121  # resolution runs round the clock: two hours


def test_rules_are_changed_by_admins_and_by_supervisors_for_their_own_units(org: Org) -> None:
    policy = SlaPolicy(verify_working_days=2)
    with pytest.raises(NotPermitted):
        org.ani.write(sla.set_policy, sla.PolicyScope(unit_code="humas"), policy)
    org.sari.write(sla.set_policy, sla.PolicyScope(unit_code="kanreg-1"), policy)  # a sub-unit of hers
    for scope in (sla.PolicyScope(unit_code="humas"), sla.PolicyScope()):
        with pytest.raises(NotPermitted):
            org.sari.write(sla.set_policy, scope, policy)
    with pytest.raises(BadInput, match="start before they end"):
        as_admin(org, sla.set_calendar, "humas", WITA, 16 * 60, 8 * 60, frozenset({5, 6}))
    with pytest.raises(BadInput, match="time zone"):
        as_admin(org, sla.set_calendar, "humas", "Mars/Olympus", 8 * 60, 16 * 60, frozenset({5, 6}))
    rules = org.admin.read(sla.read_rules)
    assert len(rules.policies) == 1 and not rules.calendars  # only the supervisor's policy was stored


def test_a_new_day_off_moves_the_open_deadlines(org: Org) -> None:
    t = new_ticket(org.ani)
    row = ticket_row(org, t.id)
    calendar = org.admin.read(sla.read_rules).calendar_for(row.unit_id)
    day = calendar.local_day(row.created_at) + timedelta(days=1)
    while calendar.day_off(day) is not None:  # the next working day after receipt
        day += timedelta(days=1)
    as_admin(org, sla.set_day_off, "humas", day, "HUT Biro Humas")
    shifted = WorkingCalendar(extra_days_off={day: "HUT Biro Humas"})
    expected = add_working_days(shifted, row.created_at, 3)
    assert expected != row.first_response_due_at
    assert ticket_row(org, t.id).first_response_due_at == expected
    assert clocks(org, t.id)[ClockName.RESPONSE].due_at == expected
    as_admin(org, sla.set_day_off, "humas", day, None)  # removed again
    assert ticket_row(org, t.id).first_response_due_at == row.first_response_due_at
    with pytest.raises(BadInput, match="needs a name"):
        as_admin(org, sla.set_day_off, "humas", date(2026, 12, 1), "  ")


def test_a_merged_duplicate_stops_its_clocks_and_the_master_keeps_running(org: Org) -> None:
    master = new_ticket(org.ani, subject="Lampu PJU mati di Jl. Sudirman")
    duplicate = new_ticket(org.ani, subject="PJU Jl Sudirman mati")
    token = claimed(org, org.ani, duplicate.id)
    org.ani.write(linking.merge, duplicate.id, token, master.id)
    assert all(r.stopped_at is not None for r in clocks(org, duplicate.id).values())
    assert ticket_row(org, duplicate.id).first_response_due_at is None
    assert clocks(org, master.id)[ClockName.RESPONSE].running_since is not None


def test_not_our_authority_moves_the_clocks_under_the_receiving_units_policy(org: Org) -> None:
    as_admin(org, sla.set_policy, sla.PolicyScope(unit_code="kanreg"), SlaPolicy(verify_working_days=4))
    t = new_ticket(org.rudi, unit="kanreg-1")
    token = claimed(org, org.rudi, t.id)
    org.rudi.write(disposition.return_for_disposition, t.id, token, "urusan pemerintah kota, bukan kami")
    assert ticket_row(org, t.id).status == Status.BUKAN_WEWENANG.value
    assert clocks(org, t.id)[ClockName.RESPONSE].target_minutes == 4 * 480  # now kanreg's, minutes kept


def test_a_bulk_answer_dates_the_deadline_in_the_units_time_zone(org: Org) -> None:
    as_admin(org, sla.set_calendar, "humas", WIT, 8 * 60, 16 * 60, frozenset({5, 6}))
    as_admin(org, canned.add_canned_response, "tenggat", "Tenggat", "Selesai paling lambat {tenggat}.")
    t = new_ticket(org.ani)
    late_evening = datetime(2026, 3, 27, 16, 30)  # UTC: already Saturday 28 March in Jayapura
    org.admin.admin(lambda conn: conn.execute(update(ticket).where(ticket.c.id == t.id).values(due_at=late_evening)))
    token = claimed(org, org.ani, t.id)
    org.ani.write(linking.bulk_answer, t.id, token, "tenggat", None, uuid7())
    sent = org.admin.read(
        lambda conn: conn.execute(
            select(message.c.body_text).where(message.c.ticket_id == t.id, message.c.direction == "outbound")
        ).scalar_one()
    )
    assert sent == "Selesai paling lambat 28 Maret 2026."
