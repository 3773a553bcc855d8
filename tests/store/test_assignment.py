"""A supervisor assigns a report to a named officer of its unit, on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

import json
from collections.abc import Iterator
from uuid import UUID

import pytest
from sqlalchemy import select, update
from uuid6 import uuid7

from desktop.domain.errors import BadInput, NotFound, NotPermitted
from desktop.domain.operations import Op, OpKind, OutcomeState
from desktop.domain.status import Status
from desktop.domain.vocabulary import Role
from desktop.store import assignment, claims, handling
from desktop.store.apply import apply_op
from desktop.store.schema import event, handover_item, note, officer, ticket
from desktop.store.service import Store
from tests.store.helpers import Org, add_officer_without_login, build_org, new_ticket


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


@pytest.fixture
def adi(org: Org) -> Iterator[Store]:
    """An admin, member of humas."""
    org.admin.admin(add_officer_without_login, "adi", "Adi Nugroho", ["humas"], Role.ADMIN)
    store = Store(org.url, "adi")
    yield store
    store.dispose()


def assigned_columns(org: Org, ticket_id: UUID) -> tuple[int | None, object]:
    with org.admin.engine.connect() as conn:
        row = conn.execute(select(ticket.c.assigned_by, ticket.c.assigned_at).where(ticket.c.id == ticket_id)).one()
    return row.assigned_by, row.assigned_at


def officer_id(org: Org, login: str) -> int:
    with org.admin.engine.connect() as conn:
        return int(conn.execute(select(officer.c.id).where(officer.c.login == login)).scalar_one())


def test_supervisor_assigns_a_sub_unit_report_and_it_lands_claimed(org: Org) -> None:
    made = new_ticket(org.rudi, unit="kanreg-1")
    done = org.sari.write(assignment.assign, made.id, "rudi")
    assert done.ticket.claim.holder == "rudi" and done.assignee_name == "Rudi Hartono"
    assert done.ticket.claim.token == made.claim.token + 1 and done.ticket.claim.expires_at is not None
    assert done.previous_holder is None
    assert assigned_columns(org, made.id)[0] == officer_id(org, "sari")
    with org.admin.engine.connect() as conn:
        audit = conn.execute(
            select(event.c.action, event.c.officer_id, event.c.claim_token, event.c.detail)
            .where(event.c.ticket_id == made.id)
            .order_by(event.c.id.desc())
        ).first()
    assert audit is not None and audit.action == "assign" and audit.officer_id == officer_id(org, "sari")
    assert audit.claim_token == done.ticket.claim.token
    detail = json.loads(audit.detail)
    assert detail["assignee"] == "rudi" and detail["assigned_by"] == "sari"
    # The assignee works under the token the assignment gave them.
    org.rudi.write(handling.reply, made.id, done.ticket.claim.token, "Laporan Anda sedang kami tindak lanjuti.")


def test_previous_holders_queued_work_is_handed_over_to_the_assignee(org: Org, adi: Store) -> None:
    made = new_ticket(org.ani)
    held = org.ani.write(claims.claim, made.id)
    done = adi.write(assignment.assign, made.id, "budi")
    assert done.previous_holder == "ani" and done.ticket.claim.holder == "budi"
    late_reply = Op(uuid7(), OpKind.REPLY, made.id, {"text": "Balasan yang ditulis di luar jaringan"}, held.claim.token)
    outcome = org.ani.write(apply_op, late_reply)
    assert outcome.state is OutcomeState.HANDED_OVER and outcome.code == "lost_claim"
    with org.admin.engine.connect() as conn:
        item = conn.execute(select(handover_item).where(handover_item.c.ticket_id == made.id)).one()
        told = conn.execute(select(note.c.body).where(note.c.ticket_id == made.id)).scalars().all()
    assert item.to_officer_id == officer_id(org, "budi") and item.kind == "reply"
    assert any("@ani" in body and "Budi Santoso" in body for body in told), told


def test_assignment_through_the_ledger_is_applied_once(org: Org) -> None:
    made = new_ticket(org.rudi, unit="kanreg-1")
    op = Op(uuid7(), OpKind.ASSIGN, made.id, {"officer": "rudi"})
    first = org.sari.write(apply_op, op)
    again = org.sari.write(apply_op, op)
    assert first.state is OutcomeState.APPLIED and first.result["holder"] == "rudi"
    assert again == first
    assert org.sari.view(claims.read_ticket, made.id).claim.token == made.claim.token + 1


def test_an_officer_may_not_assign(org: Org) -> None:
    made = new_ticket(org.ani)
    with pytest.raises(NotPermitted, match="supervisors and admins"):
        org.ani.write(assignment.assign, made.id, "budi")
    outcome = org.ani.write(apply_op, Op(uuid7(), OpKind.ASSIGN, made.id, {"officer": "ani"}))
    assert outcome.state is OutcomeState.REJECTED and outcome.code == "not_permitted"
    assert org.ani.view(claims.read_ticket, made.id).claim.holder is None


def test_a_supervisor_may_not_assign_another_units_report(org: Org) -> None:
    made = new_ticket(org.ani, unit="humas")
    with pytest.raises(NotFound):
        org.sari.write(assignment.assign, made.id, "ani")


def test_the_assignee_must_be_an_active_officer_of_the_tickets_unit(org: Org) -> None:
    made = new_ticket(org.rudi, unit="kanreg-1")
    with pytest.raises(NotPermitted, match="not an officer of unit 'kanreg-1'"):
        org.sari.write(assignment.assign, made.id, "ani")
    with pytest.raises(NotPermitted, match="not an officer of unit 'kanreg-1'"):
        org.sari.write(assignment.assign, made.id, "sari")  # a member of the unit above is not one of it
    with pytest.raises(NotFound):
        org.sari.write(assignment.assign, made.id, "nobody")
    with org.admin.engine.begin() as conn:
        conn.execute(update(officer).where(officer.c.login == "rudi").values(active=False))
    with pytest.raises(NotPermitted, match="deactivated"):
        org.sari.write(assignment.assign, made.id, "rudi")
    assert org.sari.view(claims.read_ticket, made.id).claim.holder is None


def test_a_closed_report_cannot_be_assigned(org: Org) -> None:
    made = new_ticket(org.rudi, unit="kanreg-1")
    token = org.rudi.write(claims.claim, made.id).claim.token
    org.rudi.write(handling.change_status, made.id, token, Status.DIARSIPKAN)
    with pytest.raises(BadInput, match="closed"):
        org.sari.write(assignment.assign, made.id, "rudi")


def test_the_assignment_shows_until_the_assignee_acts_and_a_renewal_is_not_acting(org: Org) -> None:
    made = new_ticket(org.rudi, unit="kanreg-1")
    token = org.sari.write(assignment.assign, made.id, "rudi").ticket.claim.token
    org.rudi.write(claims.renew, made.id, token)
    assert assigned_columns(org, made.id)[0] == officer_id(org, "sari"), "the heartbeat is not acting"
    org.rudi.write(handling.add_note, made.id, "Saya cek ke lapangan besok", token)
    assert assigned_columns(org, made.id) == (None, None)


def test_a_release_ends_the_assignment(org: Org) -> None:
    made = new_ticket(org.rudi, unit="kanreg-1")
    token = org.sari.write(assignment.assign, made.id, "rudi").ticket.claim.token
    released = org.rudi.write(claims.release, made.id, token)
    assert released.claim.holder is None and assigned_columns(org, made.id) == (None, None)
