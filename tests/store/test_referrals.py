"""Referrals on every engine: asking another unit, what that unit sees, and its answer as a note."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from uuid6 import uuid7

from desktop.domain.entities import Ticket
from desktop.domain.errors import AlreadyAnswered, BadInput, NotFound, NotPermitted
from desktop.domain.operations import Op, OpKind, OutcomeState
from desktop.store import claims, referrals, tickets
from desktop.store.apply import apply_op
from desktop.store.feed import Feed
from desktop.store.identity import resolve_actor
from desktop.store.service import Store
from tests.store.helpers import Org, build_org, new_ticket, snapshot

FIRST_MESSAGE = "Jembatan di Desa Sukamaju retak sejak banjir minggu lalu."


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def ask(org: Org, t: Ticket, unit: str = "kanreg-1", question: str = "Apakah jembatan ini wewenang Anda?") -> Any:
    return org.ani.write(referrals.refer, uuid7(), t.id, unit, question)


def pulled(store: Store) -> tuple[set[Any], list[Any]]:
    """What a first pull sends the officer of ``store``: ticket ids, and referral rows."""
    with store.connect() as conn, conn.begin():
        feed = Feed(conn, resolve_actor(conn, store.requested_officer), None)
        ticket_ids = {row.id for batch in feed.tickets() for row in batch}
        return ticket_ids, [row for batch in feed.referrals() for row in batch]


def test_refer_records_who_asked_whom(org: Org) -> None:
    t = new_ticket(org.ani, reporter_name="Siti Aminah", body=FIRST_MESSAGE)
    made = ask(org, t)
    assert (made.ticket_id, made.tracking_no, made.from_unit, made.to_unit, made.asked_by) == (
        t.id,
        t.tracking_no,
        "humas",
        "kanreg-1",
        "ani",
    )
    assert (made.answer, made.answered_by, made.note_id) == (None, None, None)
    events = [e.action for e in org.ani.view(tickets.ticket_detail, t.id).events]
    assert events[-1] == "refer"


def test_the_referred_unit_sees_the_summary_but_not_the_ticket(org: Org) -> None:
    t = new_ticket(org.ani, subject="Jembatan retak", reporter_name="Siti Aminah", body=FIRST_MESSAGE)
    made = ask(org, t)
    listed = org.rudi.view(referrals.list_referrals)
    assert [(r.id, r.subject, r.first_message, r.reporter_name) for r in listed] == [
        (made.id, "Jembatan retak", FIRST_MESSAGE, "Siti Aminah")
    ]
    with pytest.raises(NotFound):
        org.rudi.view(claims.read_ticket, t.id)
    ticket_ids, rows = pulled(org.rudi)
    assert t.id not in ticket_ids
    assert [(r.id, r.ticket_tracking_no, r.first_message) for r in rows] == [(made.id, t.tracking_no, FIRST_MESSAGE)]
    ani_tickets, ani_rows = pulled(org.ani)
    assert t.id in ani_tickets and [r.id for r in ani_rows] == [made.id]
    assert pulled(org.budi)[1] and not org.rudi.view(referrals.list_referrals, unanswered_only=False)[0].answer


def test_the_summary_masks_anonymous_and_confidential_reporters(org: Org) -> None:
    hidden = ask(org, new_ticket(org.ani, anonymous=True, body=FIRST_MESSAGE))
    secret = ask(org, new_ticket(org.ani, reporter_name="Rahasia", confidential=True, body=FIRST_MESSAGE))
    seen = {r.id: r for r in org.rudi.view(referrals.list_referrals)}
    anonymous, confidential = seen[hidden.id], seen[secret.id]
    assert (anonymous.reporter_name, anonymous.reporter_anonymous, anonymous.first_message) == (
        None,
        True,
        FIRST_MESSAGE,
    )
    assert (confidential.reporter_name, confidential.subject, confidential.first_message) == (None, None, None)
    assert confidential.reporter_confidential and confidential.question
    _, rows = pulled(org.rudi)
    assert {r.reporter_name for r in rows} == {None} and "Rahasia" not in repr(rows)


def test_the_answer_becomes_a_note_mentioning_the_asker(org: Org) -> None:
    t = new_ticket(org.ani)
    made = ask(org, t)
    answered = org.rudi.write(referrals.answer_referral, made.id, "Bukan, itu jalan provinsi.")
    assert (answered.answer, answered.answered_by) == ("Bukan, itu jalan provinsi.", "rudi")
    assert answered.answered_at is not None and answered.note_id is not None
    notes = org.ani.view(tickets.ticket_detail, t.id).notes
    assert [(n.id, n.author, n.mentions) for n in notes] == [(answered.note_id, "rudi", ("ani",))]
    assert notes[0].body.startswith("@ani ") and notes[0].body.endswith("Bukan, itu jalan provinsi.")
    assert org.ani.view(referrals.list_referrals, unanswered_only=True) == []


def test_answering_twice_is_refused_and_changes_nothing(org: Org) -> None:
    made = ask(org, new_ticket(org.ani))
    org.sari.write(referrals.answer_referral, made.id, "Supervisor kanreg menjawab.")  # above kanreg-1: may answer
    before = snapshot(org.admin.engine)
    with pytest.raises(AlreadyAnswered, match="already answered by sari"):
        org.rudi.write(referrals.answer_referral, made.id, "Jawaban kedua.")
    assert snapshot(org.admin.engine) == before


def test_a_unit_outside_may_not_answer(org: Org) -> None:
    made = ask(org, new_ticket(org.ani))
    with pytest.raises(NotPermitted, match="kanreg-1"):  # budi sees the ticket, but was not asked
        org.budi.write(referrals.answer_referral, made.id, "Saya dari humas.")
    upward = ask(org, new_ticket(org.ani), unit="kanreg")
    with pytest.raises(NotFound):  # rudi sees neither the ticket nor kanreg's referrals
        org.rudi.write(referrals.answer_referral, upward.id, "Saya dari kanreg-1.")
    with pytest.raises(NotFound):
        org.rudi.view(referrals.read_referral, upward.id)


def test_refusals_when_asking(org: Org) -> None:
    t = new_ticket(org.ani)
    before = snapshot(org.admin.engine)
    with pytest.raises(BadInput, match="already"):
        ask(org, t, unit="humas")
    with pytest.raises(BadInput, match="question is empty"):
        ask(org, t, question="   ")
    with pytest.raises(NotFound):
        ask(org, t, unit="tidak-ada")
    with pytest.raises(NotFound):  # rudi may not see the ticket, so he may not refer it
        org.rudi.write(referrals.refer, uuid7(), t.id, "kanreg", "Pertanyaan?")
    assert snapshot(org.admin.engine) == before


def test_a_holder_renews_and_a_stale_token_does_not_block_asking(org: Org) -> None:
    t = org.ani.write(claims.claim, new_ticket(org.ani).id)
    org.ani.write(referrals.refer, uuid7(), t.id, "kanreg-1", "Mohon masukan.", t.claim.token)
    renewed = org.ani.view(claims.read_ticket, t.id)
    assert renewed.claim.expires_at is not None and t.claim.expires_at is not None
    assert renewed.row_version == t.row_version + 1
    org.ani.write(claims.release, t.id, t.claim.token)
    again = org.ani.write(referrals.refer, uuid7(), t.id, "kanreg-1", "Masih perlu masukan.", t.claim.token)
    assert again.question == "Masih perlu masukan."


def test_operations_are_applied_once(org: Org) -> None:
    t = new_ticket(org.ani)
    referral_id = uuid7()
    refer = Op(uuid7(), OpKind.REFER, t.id, {"referral_id": str(referral_id), "unit": "kanreg-1", "question": "Q?"})
    first = org.ani.write(apply_op, refer)
    assert first.state is OutcomeState.APPLIED and first.result["referral_id"] == str(referral_id)
    assert org.ani.write(apply_op, refer) == first
    answer = Op(uuid7(), OpKind.ANSWER_REFERRAL, None, {"referral_id": str(referral_id), "text": "A."}, offline=True)
    done = org.rudi.write(apply_op, answer)
    assert done.state is OutcomeState.APPLIED and done.result["answered_by"] == "rudi"
    assert org.rudi.write(apply_op, answer) == done
    notes = org.ani.view(tickets.ticket_detail, t.id).notes
    assert [n.added_offline for n in notes] == [True]
    late = Op(uuid7(), OpKind.ANSWER_REFERRAL, None, {"referral_id": str(referral_id), "text": "B."})
    refused = org.sari.write(apply_op, late)
    assert (refused.state, refused.code) == (OutcomeState.REJECTED, "already_answered")
