"""Linked duplicates on every engine: link, unlink and merge rules, and answering a whole family at once."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from sqlalchemy import func, select, update
from uuid6 import uuid7

from desktop.domain.canned import MissingVariable
from desktop.domain.entities import Ticket
from desktop.domain.errors import BadInput, LostClaim, NotFound
from desktop.domain.operations import Op, OpKind, OutcomeState
from desktop.domain.status import Status
from desktop.store import claims, handling, linking, tickets
from desktop.store.apply import apply_op
from desktop.store.canned import add_canned_response, set_canned_active
from desktop.store.schema import event, handover_item, message, officer, outbound_message, ticket
from tests.store.canned_helpers import as_owner
from tests.store.helpers import Org, build_org, new_ticket, snapshot

MONTHS = ("Januari", "Februari", "Maret", "April", "Mei", "Juni", "Juli", "Agustus", "September", "Oktober",
          "November", "Desember")  # fmt: skip
TEMPLATE = "Yth. {nama_pelapor}, laporan {nomor_tiket} ditangani {unit} paling lambat {tenggat}."


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def held(org: Org, subject: str = "Jembatan rusak", **kwargs: object) -> Ticket:
    """A new humas ticket that ani holds."""
    return org.ani.write(claims.claim, new_ticket(org.ani, subject=subject, **kwargs).id)


def actions(org: Org, ticket_id: UUID) -> list[tuple[str, dict[str, object]]]:
    with org.admin.engine.connect() as conn:
        rows = conn.execute(
            select(event.c.action, event.c.detail).where(event.c.ticket_id == ticket_id).order_by(event.c.id)
        )
        return [(r.action, json.loads(r.detail) if r.detail else {}) for r in rows]


def master_of(org: Org, ticket_id: UUID) -> UUID | None:
    with org.admin.engine.connect() as conn:
        return conn.execute(select(ticket.c.master_id).where(ticket.c.id == ticket_id)).scalar()


# -- link, unlink, merge ----------------------------------------------------------------------------------


def test_link_marks_a_duplicate_and_audits_both_tickets(org: Org) -> None:
    master = new_ticket(org.ani, subject="Jembatan Cikapundung rusak")
    dup = held(org)
    done = org.ani.write(linking.link, dup.id, dup.claim.token, master.id)
    assert (done.master_id, done.master_tracking_no, done.previous_master_id) == (master.id, master.tracking_no, None)
    assert done.ticket.master_id == master.id and done.ticket.claim.holder == "ani"
    assert [a for a, _ in actions(org, dup.id)][-1] == "link"
    assert actions(org, master.id)[-1] == (
        "duplicate_linked",
        {"duplicate_id": str(dup.id), "duplicate": dup.tracking_no},
    )


def test_linking_needs_the_claim_on_the_duplicate_but_not_on_the_master(org: Org) -> None:
    master = held(org)  # ani holds the master; budi links his own ticket under it
    dup = org.budi.write(claims.claim, new_ticket(org.budi).id)
    assert org.budi.write(linking.link, dup.id, dup.claim.token, master.id).master_id == master.id
    other = new_ticket(org.ani)
    before = snapshot(org.admin.engine)
    with pytest.raises(LostClaim):
        org.budi.write(linking.link, other.id, 0, master.id)
    assert snapshot(org.admin.engine) == before


def test_refusals_change_nothing(org: Org) -> None:
    one, two = held(org), held(org)
    kanreg = org.rudi.write(claims.claim, new_ticket(org.rudi, unit="kanreg-1").id)
    before = snapshot(org.admin.engine)
    with pytest.raises(BadInput, match="itself"):
        org.ani.write(linking.link, one.id, one.claim.token, one.id)
    with pytest.raises(NotFound):  # a master in a unit rudi may not see
        org.rudi.write(linking.link, kanreg.id, kanreg.claim.token, one.id)
    with pytest.raises(BadInput, match="not linked"):
        org.ani.write(linking.unlink, two.id, two.claim.token)
    assert snapshot(org.admin.engine) == before


def test_naming_a_duplicate_as_master_links_to_its_master(org: Org) -> None:
    master, middle, late = held(org), held(org), held(org)
    org.ani.write(linking.link, middle.id, middle.claim.token, master.id)
    done = org.ani.write(linking.link, late.id, late.claim.token, middle.id)
    assert done.master_id == master.id and master_of(org, late.id) == master.id


def test_no_cycles_and_no_two_level_families(org: Org) -> None:
    master, dup, other = held(org), held(org), held(org)
    org.ani.write(linking.link, dup.id, dup.claim.token, master.id)
    with pytest.raises(BadInput, match="cycle"):  # the master under its own duplicate
        org.ani.write(linking.link, master.id, master.claim.token, dup.id)
    with pytest.raises(BadInput, match="master of 1 duplicate"):  # a master under another ticket
        org.ani.write(linking.link, master.id, master.claim.token, other.id)
    with pytest.raises(BadInput, match="already a duplicate"):
        org.ani.write(linking.link, dup.id, dup.claim.token, master.id)
    assert (master_of(org, master.id), master_of(org, dup.id)) == (None, master.id)


def test_relinking_and_unlinking_tell_both_masters(org: Org) -> None:
    first, second, dup = held(org), held(org), held(org)
    org.ani.write(linking.link, dup.id, dup.claim.token, first.id)
    moved = org.ani.write(linking.link, dup.id, dup.claim.token, second.id)
    assert (moved.master_id, moved.previous_master_id) == (second.id, first.id)
    assert actions(org, first.id)[-1][0] == "duplicate_unlinked"
    undone = org.ani.write(linking.unlink, dup.id, dup.claim.token)
    assert (undone.master_id, undone.previous_master_id, undone.ticket.master_id) == (None, second.id, None)
    assert [a for a, _ in actions(org, second.id)][-2:] == ["duplicate_linked", "duplicate_unlinked"]


def test_merge_archives_from_any_status_releases_and_notes_the_master(org: Org) -> None:
    master = new_ticket(org.ani, subject="Banjir di Jl. Merdeka")
    dup = held(org)
    token = dup.claim.token
    for step in (Status.DIVERIFIKASI, Status.DITINDAKLANJUTI):  # from here archiving is no allowed transition
        org.ani.write(handling.change_status, dup.id, token, step)
    done = org.ani.write(linking.merge, dup.id, token, master.id)
    assert done.ticket.status is Status.DIARSIPKAN and done.ticket.master_id == master.id
    assert done.ticket.claim.holder is None and done.ticket.claim.token == token + 1
    merged = actions(org, dup.id)[-1]
    assert merged[0] == "merged" and merged[1]["master"] == master.tracking_no and merged[1]["old"] == "ditindaklanjuti"
    notes = org.ani.view(tickets.ticket_detail, master.id).notes
    assert len(notes) == 1 and dup.tracking_no in notes[0].body
    with pytest.raises(BadInput, match="already merged"):
        org.ani.write(linking.merge, dup.id, token, master.id)
    with pytest.raises(LostClaim):  # the claim ended with the merge
        org.ani.write(linking.merge, dup.id, token, new_ticket(org.ani).id)


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=st.lists(st.tuples(st.booleans(), st.integers(0, 3), st.integers(0, 3)), min_size=1, max_size=8))
def test_any_sequence_of_links_keeps_families_one_level_deep(org: Org, steps: list[tuple[bool, int, int]]) -> None:
    made = [held(org, subject=f"Tiket {i}") for i in range(4)]
    model: dict[int, int | None] = dict.fromkeys(range(4))
    for linking_step, a, b in steps:
        if linking_step:
            target = b if model[b] is None else model[b]
            expect_ok = a != b and target != a and model[a] != target and a not in model.values()
        else:
            expect_ok = model[a] is not None
        try:
            if linking_step:
                org.ani.write(linking.link, made[a].id, made[a].claim.token, made[b].id)
            else:
                org.ani.write(linking.unlink, made[a].id, made[a].claim.token)
        except BadInput:
            assert not expect_ok
        else:
            assert expect_ok
            model[a] = target if linking_step else None
    masters = {i: master_of(org, made[i].id) for i in range(4)}
    assert masters == {i: None if m is None else made[m].id for i, m in model.items()}
    for dup_master in masters.values():
        assert dup_master is None or master_of(org, dup_master) is None


# -- bulk answer ------------------------------------------------------------------------------------------


def local_date(t: Ticket) -> str:
    assert t.due_at is not None
    day = t.due_at.replace(tzinfo=UTC).astimezone(ZoneInfo("Asia/Jakarta")).date()
    return f"{day.day} {MONTHS[day.month - 1]} {day.year}"


def bulk_op(master: Ticket, key: str = "jembatan", version: int | None = 1) -> Op:
    payload = {"canned_key": key, "canned_version": version, "message_id": str(uuid7())}
    return Op(uuid7(), OpKind.BULK_ANSWER, master.id, payload, token=master.claim.token)


def outbound(org: Org) -> dict[UUID, list[str]]:
    with org.admin.engine.connect() as conn:
        rows = conn.execute(
            select(message.c.ticket_id, message.c.body_text).join(
                outbound_message, outbound_message.c.message_id == message.c.id
            )
        )
        found: dict[UUID, list[str]] = {}
        for ticket_id, body in rows:
            found.setdefault(ticket_id, []).append(body)
        return found


def family(org: Org) -> dict[str, Ticket]:
    """A master held by ani and its duplicates in every situation a bulk answer meets."""
    as_owner(org.admin, add_canned_response, "jembatan", "Jembatan", TEMPLATE)
    made = {
        "master": held(org, reporter_name="Siti Aminah"),
        "mine": held(org, reporter_name="Bambang Irawan"),
        "free": new_ticket(org.ani, reporter_name="Dewi Lestari"),
        "anonymous": new_ticket(org.ani, anonymous=True),
        "budis": new_ticket(org.ani, reporter_name="Joko Susilo"),
        "merged": held(org, reporter_name="Rina Wati"),
        "finished": held(org, reporter_name="Agus Salim"),
    }
    master = made["master"]
    for name in ("free", "anonymous", "budis"):
        t = made[name] = org.ani.write(claims.claim, made[name].id)
        org.ani.write(linking.link, t.id, t.claim.token, master.id)
        org.ani.write(claims.release, t.id, t.claim.token)
    org.budi.write(claims.claim, made["budis"].id)
    org.ani.write(linking.link, made["mine"].id, made["mine"].claim.token, master.id)
    org.ani.write(linking.merge, made["merged"].id, made["merged"].claim.token, master.id)
    fin = made["finished"]
    for step in (Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.SELESAI):
        org.ani.write(handling.change_status, fin.id, fin.claim.token, step)
    org.ani.write(linking.link, fin.id, fin.claim.token, master.id)
    return {name: org.ani.view(claims.read_ticket, t.id) for name, t in made.items()}


def test_each_citizen_gets_their_own_answer(org: Org) -> None:
    f = family(org)
    op = bulk_op(f["master"])
    outcome = org.ani.write(apply_op, op)
    assert outcome.state is OutcomeState.APPLIED, outcome.message
    sent = outbound(org)
    expected = {
        "master": "Siti Aminah",
        "mine": "Bambang Irawan",
        "free": "Dewi Lestari",
        "anonymous": "Pelapor",
        "merged": "Rina Wati",
    }
    assert set(sent) == {f[name].id for name in expected}
    for name, greeting in expected.items():
        t = f[name]
        assert sent[t.id] == [
            f"Yth. {greeting}, laporan {t.tracking_no} ditangani Biro Humas paling lambat {local_date(t)}."
        ]
    result = outcome.result
    assert [r["tracking_no"] for r in result["replies"]][0] == f["master"].tracking_no
    assert result["message_id"] == op.payload["message_id"] == result["replies"][0]["message_id"]
    assert (result["canned_key"], result["canned_version"], result["skipped"]) == ("jembatan", 1, [])


def test_claims_taken_for_the_answer(org: Org) -> None:
    f = family(org)
    org.ani.write(apply_op, bulk_op(f["master"]))
    now = {name: org.ani.view(claims.read_ticket, t.id) for name, t in f.items()}
    assert now["mine"].claim.token == f["mine"].claim.token, "my own claim is used, not taken again"
    assert now["free"].claim.holder == "ani" and now["anonymous"].claim.holder == "ani"
    assert now["merged"].claim.holder is None, "a merged ticket is answered and let go"
    assert now["budis"].claim.holder == "budi" and now["finished"].claim.token == f["finished"].claim.token


def test_a_member_held_by_another_officer_gets_a_handover_not_a_reply(org: Org) -> None:
    f = family(org)
    outcome = org.ani.write(apply_op, bulk_op(f["master"]))
    budis = f["budis"]
    assert outcome.result["handed_over"] == [
        {
            "ticket_id": str(budis.id),
            "tracking_no": budis.tracking_no,
            "holder": "budi",
            "handover_id": outcome.result["handed_over"][0]["handover_id"],
        }
    ]
    with org.admin.engine.connect() as conn:
        item = conn.execute(
            select(handover_item, officer.c.login).join(officer, officer.c.id == handover_item.c.to_officer_id)
        ).one()
    assert (item.ticket_id, item.login, item.kind) == (budis.id, "budi", "reply")
    assert json.loads(item.payload)["text"].startswith("Yth. Joko Susilo, laporan " + budis.tracking_no)
    assert budis.id not in outbound(org)


def test_replaying_the_operation_gives_the_stored_outcome_and_sends_nothing_twice(org: Org) -> None:
    f = family(org)
    op = bulk_op(f["master"])
    first = org.ani.write(apply_op, op)
    again = org.ani.write(apply_op, op)
    assert again == first
    assert sum(len(v) for v in outbound(org).values()) == 5
    with org.admin.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(handover_item)).scalar_one() == 1


def test_a_member_that_cannot_be_rendered_refuses_everything(org: Org) -> None:
    f = family(org)
    with org.admin.engine.connect() as conn, conn.execution_options(write=True).begin():
        conn.execute(update(ticket).where(ticket.c.id == f["free"].id).values(due_at=None))
    before = snapshot(org.admin.engine)
    with pytest.raises(MissingVariable, match=f["free"].tracking_no + ".*tenggat"):
        org.ani.write(linking.bulk_answer, f["master"].id, f["master"].claim.token, "jembatan", 1, uuid7())
    assert snapshot(org.admin.engine) == before
    outcome = org.ani.write(apply_op, bulk_op(f["master"]))
    assert (outcome.state, outcome.code) == (OutcomeState.REJECTED, "missing_variable")
    assert outbound(org) == {}


def test_an_unknown_retired_or_foreign_template_is_refused(org: Org) -> None:
    f = family(org)
    as_owner(org.admin, add_canned_response, "wilayah", "Wilayah", "Yth. {nama_pelapor}.", "kanreg-1")
    outcome = org.ani.write(apply_op, bulk_op(f["master"], "wilayah"))  # another unit's template
    assert (outcome.state, outcome.code) == (OutcomeState.REJECTED, "not_found")
    as_owner(org.admin, add_canned_response, "jembatan", "Jembatan", "Versi baru: {nomor_tiket}.")
    as_owner(org.admin, set_canned_active, "jembatan", False)
    outcome = org.ani.write(apply_op, bulk_op(f["master"], "jembatan", 1))  # an older version of a retired one
    assert (outcome.state, outcome.code) == (OutcomeState.REJECTED, "bad_input") and "retired" in str(outcome.message)
    outcome = org.ani.write(apply_op, bulk_op(f["master"], "tidak-ada"))
    assert (outcome.state, outcome.code) == (OutcomeState.REJECTED, "not_found")
    assert outbound(org) == {}


def test_only_a_master_held_by_me_is_answered(org: Org) -> None:
    f = family(org)
    outcome = org.ani.write(apply_op, bulk_op(f["mine"]))  # a duplicate, not a master
    assert outcome.state is OutcomeState.REJECTED and "duplicate itself" in (outcome.message or "")
    stale = Op(uuid7(), OpKind.BULK_ANSWER, f["master"].id, {"canned_key": "jembatan"}, token=None)
    assert org.budi.write(apply_op, stale).state is OutcomeState.HANDED_OVER  # budi does not hold it
    assert outbound(org) == {}
