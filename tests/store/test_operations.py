"""Every fenced operation, on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

from collections.abc import Iterator
from uuid import UUID

import pytest
from sqlalchemy import func, select, update

from desktop.domain.errors import (
    BadInput,
    ForbiddenTransition,
    HeldByOther,
    LostClaim,
    NotFound,
    NotHolder,
    NotPermitted,
)
from desktop.domain.status import Status
from desktop.domain.vocabulary import Priority
from desktop.store import claims, handling, tickets
from desktop.store.schema import event, mention, message, officer, outbound_message, ticket
from tests.store.helpers import Org, build_org, expire_claim, new_ticket, snapshot


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def actions(org: Org, ticket_id: UUID) -> list[tuple[str, str | None, int | None]]:
    with org.admin.engine.connect() as conn:
        rows = conn.execute(
            select(event.c.action, officer.c.login, event.c.claim_token)
            .outerjoin(officer, officer.c.id == event.c.officer_id)
            .where(event.c.ticket_id == ticket_id)
            .order_by(event.c.id)
        ).all()
    return [(r[0], r[1], r[2]) for r in rows]


def test_create_numbers_tickets_and_stores_first_message(org: Org) -> None:
    first = new_ticket(org.ani, reporter_name="Siti Aminah", reporter_contact="siti@example.id")
    second = new_ticket(org.ani, subject="Lampu jalan mati")
    year = first.created_at.year
    assert first.tracking_no == f"ADU-{year}-000001" and second.tracking_no == f"ADU-{year}-000002"
    assert first.status is Status.DITERIMA and first.unit == "humas" and first.claim.holder is None
    assert first.reporter is not None and first.reporter.name == "Siti Aminah"
    assert first.due_at is not None and first.due_at > first.created_at
    detail = org.ani.view(tickets.ticket_detail, first.id)
    assert [m.direction.value for m in detail.messages] == ["inbound"]
    assert [e.action for e in detail.events] == ["create"]


def test_intake_of_the_same_outside_message_is_idempotent(org: Org) -> None:
    one = new_ticket(org.ani, external_id="<abc@mail.example>")
    again = new_ticket(org.ani, external_id="<abc@mail.example>")
    assert one.id == again.id
    with org.admin.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(ticket)).scalar_one() == 1


def test_anonymous_reporter_is_never_handed_out(org: Org) -> None:
    made = new_ticket(org.ani, anonymous=True)
    assert made.reporter is not None and made.reporter.anonymous and made.reporter.name is None
    with pytest.raises(BadInput):
        new_ticket(org.ani, anonymous=True, reporter_name="Siti")


def test_claim_then_others_are_refused_with_holder_and_expiry(org: Org) -> None:
    made = new_ticket(org.ani)
    claimed = org.ani.write(claims.claim, made.id)
    assert claimed.claim.holder == "ani" and claimed.claim.token == 1
    assert claimed.claim.expires_at is not None and claimed.claim.expires_at > claimed.updated_at
    with pytest.raises(HeldByOther) as refused:
        org.budi.write(claims.claim, made.id)
    assert refused.value.holder == "ani" and refused.value.until == claimed.claim.expires_at
    assert "ani" in str(refused.value)
    again = org.ani.write(claims.claim, made.id)
    assert again.claim.token == 2, "every acquire raises the fencing token"


def test_fencing_rejects_the_stale_holder_and_keeps_the_new_state(org: Org) -> None:
    made = new_ticket(org.ani)
    stale = org.ani.write(claims.claim, made.id).claim.token
    expire_claim(org.admin.engine, made.id)
    taken = org.budi.write(claims.claim, made.id)
    org.budi.write(handling.change_status, made.id, taken.claim.token, Status.DIVERIFIKASI)
    before = snapshot(org.admin.engine)
    with pytest.raises(LostClaim):
        org.ani.write(handling.change_status, made.id, stale, Status.DIARSIPKAN)
    with pytest.raises(LostClaim):
        org.ani.write(handling.reply, made.id, stale, "Balasan terlambat")
    assert snapshot(org.admin.engine) == before
    now = org.budi.view(claims.read_ticket, made.id)
    assert now.status is Status.DIVERIFIKASI and now.claim.holder == "budi"


def test_expired_claim_nobody_took_still_accepts_the_holders_work(org: Org) -> None:
    made = new_ticket(org.ani)
    token = org.ani.write(claims.claim, made.id).claim.token
    expire_claim(org.admin.engine, made.id)
    org.ani.write(handling.change_status, made.id, token, Status.DIVERIFIKASI)
    renewed = org.ani.view(claims.read_ticket, made.id)
    assert renewed.claim.holder == "ani" and renewed.claim.token == token
    assert renewed.claim.expires_at is not None and renewed.claim.expires_at > renewed.updated_at


def test_renew_and_release(org: Org) -> None:
    made = new_ticket(org.ani)
    token = org.ani.write(claims.claim, made.id).claim.token
    renewed = org.ani.write(claims.renew, made.id, token)
    assert renewed.claim.token == token
    released = org.ani.write(claims.release, made.id, token)
    assert released.claim.holder is None and released.claim.token == token + 1
    with pytest.raises(LostClaim):
        org.ani.write(claims.renew, made.id, token)
    assert [a for a, _, _ in actions(org, made.id)] == ["create", "claim", "renew", "release"]


def test_held_token_explains_who_holds_it(org: Org) -> None:
    made = new_ticket(org.ani)
    with pytest.raises(NotHolder):
        org.ani.write(claims.held_token, made.id)
    org.budi.write(claims.claim, made.id)
    with pytest.raises(HeldByOther):
        org.ani.write(claims.held_token, made.id)


def test_only_supervisors_take_over_with_a_reason_and_the_holder_is_told(org: Org) -> None:
    made = new_ticket(org.rudi, unit="kanreg-1")
    token = org.rudi.write(claims.claim, made.id).claim.token
    before = snapshot(org.admin.engine)
    with pytest.raises(NotPermitted):
        org.ani.write(handling.take_over, made.id, "saya ambil alih")
    with pytest.raises(BadInput):
        org.sari.write(handling.take_over, made.id, "  ok ")
    assert snapshot(org.admin.engine) == before
    taken = org.sari.write(handling.take_over, made.id, "Rudi sedang dinas luar")
    assert taken.claim.holder == "sari" and taken.claim.token == token + 1
    detail = org.sari.view(tickets.ticket_detail, made.id)
    assert detail.notes[-1].mentions == ("rudi",)
    assert ("steal", "sari", token + 1) in actions(org, made.id)
    with pytest.raises(LostClaim):
        org.rudi.write(handling.reply, made.id, token, "Sudah kami tindak lanjuti")


def test_officers_cannot_take_over_even_in_their_own_unit(org: Org) -> None:
    made = new_ticket(org.ani)
    org.budi.write(claims.claim, made.id)
    before = snapshot(org.admin.engine)
    with pytest.raises(NotPermitted):
        org.ani.write(handling.take_over, made.id, "Budi tidak masuk hari ini")
    assert snapshot(org.admin.engine) == before


def test_pick_next_orders_by_deadline_then_priority_then_age(org: Org) -> None:
    late_low = new_ticket(org.ani, subject="a", priority=Priority.RENDAH)
    late_high = new_ticket(org.ani, subject="b", priority=Priority.TINGGI)
    urgent_deadline = new_ticket(org.ani, subject="c", priority=Priority.RENDAH)
    new_ticket(org.rudi, unit="kanreg-1", subject="other unit")
    with org.admin.engine.begin() as conn:
        due = conn.execute(select(ticket.c.due_at).where(ticket.c.id == late_low.id)).scalar_one()
        conn.execute(update(ticket).where(ticket.c.id == late_high.id).values(due_at=due))
        conn.execute(update(ticket).where(ticket.c.id == urgent_deadline.id).values(due_at=due.replace(year=2020)))
    order = [org.ani.write(claims.pick_next).id for _ in range(3)]
    assert order == [urgent_deadline.id, late_high.id, late_low.id]
    with pytest.raises(NotFound):
        org.ani.write(claims.pick_next)


def test_pick_next_takes_over_expired_claims_but_not_live_ones(org: Org) -> None:
    made = new_ticket(org.ani)
    org.budi.write(claims.claim, made.id)
    with pytest.raises(NotFound):
        org.ani.write(claims.pick_next)
    expire_claim(org.admin.engine, made.id)
    assert org.ani.write(claims.pick_next).claim.holder == "ani"


def test_reply_is_queued_for_dispatch_never_sent_here(org: Org) -> None:
    made = new_ticket(org.ani)
    token = org.ani.write(claims.claim, made.id).claim.token
    message_id = org.ani.write(handling.reply, made.id, token, "Terima kasih, laporan Anda kami proses.")
    with org.admin.engine.connect() as conn:
        queued = conn.execute(select(outbound_message).where(outbound_message.c.message_id == message_id)).one()
        stored = conn.execute(select(message).where(message.c.id == message_id)).one()
    assert queued.state == "queued" and queued.channel == "email" and queued.sent_at is None
    assert stored.direction == "outbound" and stored.claim_token == token


def test_replies_need_the_claim(org: Org) -> None:
    made = new_ticket(org.ani)
    with pytest.raises(LostClaim):
        org.ani.write(handling.reply, made.id, 0, "Tanpa klaim")


@pytest.mark.parametrize(
    "body",
    ["", "   \n\t ", "x" * 10_000_001, "ada\x00nol"],
    ids=["empty", "blank", "10MB", "nul"],
)
def test_bad_reply_bodies_are_refused_and_change_nothing(org: Org, body: str) -> None:
    made = new_ticket(org.ani)
    token = org.ani.write(claims.claim, made.id).claim.token
    before = snapshot(org.admin.engine)
    with pytest.raises(BadInput):
        org.ani.write(handling.reply, made.id, token, body)
    assert snapshot(org.admin.engine) == before


def test_sql_metacharacters_are_stored_verbatim(org: Org) -> None:
    hostile = "Robert'); DROP TABLE ticket;-- \\ % _ \" ` $$ ; /* */ 😀 ñ"
    made = new_ticket(org.ani, subject=hostile, body=hostile)
    token = org.ani.write(claims.claim, made.id).claim.token
    org.ani.write(handling.reply, made.id, token, hostile)
    detail = org.ani.view(tickets.ticket_detail, made.id)
    assert detail.ticket.subject == hostile
    assert [m.body_text for m in detail.messages] == [hostile, hostile]


def test_notes_need_no_claim_and_record_mentions(org: Org) -> None:
    made = new_ticket(org.ani)
    org.budi.write(claims.claim, made.id)
    note = org.ani.write(handling.add_note, made.id, "Mohon dicek @budi dan @tidakada, cc ani@example.id")
    assert note.mentions == ("budi",)
    with org.admin.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(mention)).scalar_one() == 1


def test_status_follows_only_allowed_transitions(org: Org) -> None:
    made = new_ticket(org.ani)
    token = org.ani.write(claims.claim, made.id).claim.token
    before = snapshot(org.admin.engine)
    with pytest.raises(ForbiddenTransition) as refused:
        org.ani.write(handling.change_status, made.id, token, Status.SELESAI)
    assert "diverifikasi" in str(refused.value)
    assert snapshot(org.admin.engine) == before
    for step in (Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.MENUNGGU_PELAPOR, Status.SELESAI):
        org.ani.write(handling.change_status, made.id, token, step)
    with org.admin.engine.connect() as conn:
        closed_at = conn.execute(select(ticket.c.closed_at).where(ticket.c.id == made.id)).scalar_one()
    assert closed_at is not None
    reopened = org.ani.write(handling.change_status, made.id, token, Status.DITINDAKLANJUTI)
    assert reopened.status is Status.DITINDAKLANJUTI


def test_transfer_moves_the_ticket_and_ends_the_claim(org: Org) -> None:
    made = new_ticket(org.ani)
    token = org.ani.write(claims.claim, made.id).claim.token
    org.ani.write(handling.change_status, made.id, token, Status.BUKAN_WEWENANG)
    moved = org.ani.write(handling.transfer, made.id, token, "kanreg-1", "wilayah Kanreg I")
    assert moved.unit == "kanreg-1" and moved.claim.holder is None and moved.claim.token == token + 1
    assert moved.status is Status.DITERIMA, "a report outside our authority is received anew"
    with pytest.raises(NotFound):
        org.ani.view(claims.read_ticket, made.id)
    assert org.rudi.write(claims.pick_next).id == made.id
    with pytest.raises(NotFound):
        org.rudi.write(handling.transfer, made.id, token + 2, "tidak-ada")


def test_supervisors_see_sub_units_and_officers_only_their_own(org: Org) -> None:
    kanreg_1 = new_ticket(org.rudi, unit="kanreg-1")
    humas = new_ticket(org.ani)
    seen_by_sari = {t.id for t in org.sari.read(tickets.list_tickets, org.sari.actor())}
    seen_by_rudi = {t.id for t in org.rudi.read(tickets.list_tickets, org.rudi.actor())}
    assert seen_by_sari == seen_by_rudi == {kanreg_1.id}
    assert {t.id for t in org.ani.read(tickets.list_tickets, org.ani.actor())} == {humas.id}
    with pytest.raises(NotFound):
        org.ani.write(claims.claim, kanreg_1.id)


def test_every_change_is_in_the_audit_log_with_its_token(org: Org) -> None:
    made = new_ticket(org.ani)
    token = org.ani.write(claims.claim, made.id).claim.token
    org.ani.write(handling.reply, made.id, token, "Balasan")
    org.ani.write(handling.add_note, made.id, "Catatan", token)
    org.ani.write(handling.change_status, made.id, token, Status.DIVERIFIKASI)
    assert actions(org, made.id) == [
        ("create", "ani", None),
        ("claim", "ani", 1),
        ("reply", "ani", 1),
        ("note", "ani", 1),
        ("status", "ani", 1),
    ]
    with org.admin.engine.connect() as conn:
        stamps = conn.execute(select(event.c.change_seq).where(event.c.ticket_id == made.id)).scalars().all()
    assert all(s > 0 for s in stamps) and len(set(stamps)) == len(stamps), "one stamp per transaction"


def test_create_checks_its_input(org: Org) -> None:
    before = snapshot(org.admin.engine)
    for bad in ({"subject": " "}, {"body": ""}, {"unit": "tidak-ada"}):
        with pytest.raises((BadInput, NotFound)):
            new_ticket(org.ani, **bad)  # type: ignore[arg-type]
    with pytest.raises(BadInput):
        new_ticket(org.ani, unit="kanreg-1")  # ani is not in kanreg-1
    assert snapshot(org.admin.engine) == before
