"""Priority, category and kind after intake, and the comment of a status change, on every engine: fenced by the
claim, audited one line per property, the service-level clocks retargeted, applied once through ``apply_op``."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import select
from uuid6 import uuid7

from desktop.domain.clocks import ClockName
from desktop.domain.errors import BadInput, LostClaim, NotFound
from desktop.domain.operations import Op, OpKind, OutcomeState
from desktop.domain.properties import property_change
from desktop.domain.sla import SlaPolicy
from desktop.domain.status import Status
from desktop.domain.vocabulary import Kind, Priority
from desktop.store import audit, claims, handling, sla
from desktop.store.apply import apply_op
from desktop.store.properties import set_properties
from desktop.store.schema import sla_clock
from desktop.store.work import begin
from tests.store.helpers import Org, build_org, new_ticket


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def history(org: Org, ticket_id: UUID) -> list[tuple[str, dict[str, Any]]]:
    return [(e.action, e.detail) for e in org.ani.view(audit.ticket_history, str(ticket_id))]


def test_the_holder_changes_priority_category_and_kind_with_one_audit_line_each(org: Org) -> None:
    made = new_ticket(org.ani, category="Jalan")
    token = org.ani.write(claims.claim, made.id).claim.token
    change = property_change(Priority.TINGGI, Kind.ASPIRASI, "Jembatan")
    changed = org.ani.write(set_properties, made.id, token, change)
    assert (changed.priority, changed.kind, changed.category) == (Priority.TINGGI, Kind.ASPIRASI, "Jembatan")
    assert changed.claim.holder == "ani" and changed.claim.token == token  # the claim stays, renewed
    assert history(org, made.id)[-3:] == [
        ("set_priority", {"old_priority": "sedang", "new_priority": "tinggi"}),
        ("set_kind", {"old_kind": "pengaduan", "new_kind": "aspirasi"}),
        ("set_category", {"old_category": "Jalan", "new_category": "Jembatan"}),
    ]
    # Only what differs is written and told; "" removes the category.
    again = org.ani.write(set_properties, made.id, token, property_change(Priority.TINGGI, category=""))
    assert again.category is None and again.priority is Priority.TINGGI
    assert history(org, made.id)[-1] == ("set_category", {"old_category": "Jembatan", "new_category": ""})


def test_a_new_priority_takes_the_targets_of_its_policy(org: Org) -> None:
    urgent = sla.PolicyScope(unit_code="humas", priority=Priority.DARURAT)
    org.admin.admin(lambda conn: sla.set_policy(begin(conn, None), urgent, SlaPolicy(verify_working_days=1)))
    made = new_ticket(org.ani)
    token = org.ani.write(claims.claim, made.id).claim.token

    def response_target() -> int:
        query = select(sla_clock.c.target_minutes).where(
            sla_clock.c.ticket_id == made.id, sla_clock.c.clock == ClockName.RESPONSE.value
        )
        return int(org.admin.read(lambda conn: conn.execute(query).scalar_one()))

    assert response_target() == 3 * 480
    org.ani.write(set_properties, made.id, token, property_change(Priority.DARURAT))
    assert response_target() == 480


def test_a_non_holder_and_an_officer_outside_the_unit_are_refused(org: Org) -> None:
    made = new_ticket(org.ani)
    token = org.ani.write(claims.claim, made.id).claim.token
    with pytest.raises(LostClaim):
        org.budi.write(set_properties, made.id, token, property_change(Priority.DARURAT))
    with pytest.raises(NotFound):
        org.rudi.write(set_properties, made.id, token, property_change(Priority.DARURAT))
    op = Op(uuid7(), OpKind.SET_PROPERTIES, made.id, {"priority": 4}, token=token)
    refused = org.budi.write(apply_op, op)
    assert refused.state is OutcomeState.REJECTED and refused.code == LostClaim.code
    assert org.ani.view(lambda work: claims.read_ticket(work, made.id)).priority is Priority.SEDANG
    assert [action for action, _ in history(org, made.id)] == ["create", "claim"]


def test_the_operation_is_applied_once(org: Org) -> None:
    made = new_ticket(org.ani)
    token = org.ani.write(claims.claim, made.id).claim.token
    op = Op(uuid7(), OpKind.SET_PROPERTIES, made.id, {"kind": "aspirasi", "category": "Air"}, token=token)
    first, again = org.ani.write(apply_op, op), org.ani.write(apply_op, op)
    assert first.accepted and again == first
    assert [action for action, _ in history(org, made.id)].count("set_kind") == 1


def test_nothing_named_or_unknown_values_are_refused_before_the_store() -> None:
    with pytest.raises(BadInput):
        property_change()
    with pytest.raises(BadInput):
        property_change(kind="keluhan")
    with pytest.raises(BadInput):
        property_change(priority="genting")


def test_a_status_change_keeps_its_comment_for_the_history(org: Org) -> None:
    made = new_ticket(org.ani)
    token = org.ani.write(claims.claim, made.id).claim.token
    org.ani.write(handling.change_status, made.id, token, Status.DIVERIFIKASI, "  identitas   pelapor dicek ")
    op = Op(
        uuid7(), OpKind.STATUS, made.id, {"status": "ditindaklanjuti", "comment": "diteruskan ke dinas"}, token=token
    )
    assert org.ani.write(apply_op, op).accepted
    org.ani.write(handling.change_status, made.id, token, Status.SELESAI)
    statuses = [detail for action, detail in history(org, made.id) if action == "status"]
    assert statuses == [
        {"old": "diterima", "new": "diverifikasi", "comment": "identitas pelapor dicek"},
        {"old": "diverifikasi", "new": "ditindaklanjuti", "comment": "diteruskan ke dinas"},
        {"old": "ditindaklanjuti", "new": "selesai"},
    ]
