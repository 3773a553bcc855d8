"""Duplicates, referrals and "bukan wewenang" queued offline in one officer's cache and seen in another's."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest
from sqlalchemy import func, select

from desktop.cache import schema as s
from desktop.domain.errors import AlreadyAnswered, BadInput, NotHolder, NotPermitted
from desktop.domain.families import derived_id
from desktop.domain.status import Status
from desktop.store import schema as central
from desktop.store.canned import add_canned_response
from desktop.views import families
from desktop.views.referrals import ReferralState, list_referrals
from tests.store.canned_helpers import as_owner
from tests.store.helpers import Org, build_org, new_ticket
from tests.sync.helpers import Client, client, mirror_matches, overlay_agrees
from tests.sync.offline import go_offline

FIRST_MESSAGE = "Jembatan gantung di Desa Sukamaju putus, warga tidak bisa ke sekolah."


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def synced(org: Org, login: str, folder: Path, *claim: str) -> Client:
    c = client(org.url, login, folder)
    c.sync()
    for tracking_no in claim:
        c.desk.claim(tracking_no)
    c.sync()
    return c


def back_online(c: Client, online: object) -> None:
    c.engine.store = online  # type: ignore[assignment]
    c.sync()


def mirrored(c: Client, ticket_id: UUID) -> tuple[UUID | None, str] | None:
    with c.cache.read() as conn:
        row = conn.execute(select(s.ticket.c.master_id, s.ticket.c.status).where(s.ticket.c.id == ticket_id)).first()
    return None if row is None else (row.master_id, row.status)


def test_links_and_merges_made_offline_reach_a_colleagues_cache(org: Org, tmp_path: Path) -> None:
    master, dup, merged = new_ticket(org.ani), new_ticket(org.ani), new_ticket(org.ani)
    ani = synced(org, "ani", tmp_path, dup.tracking_no, merged.tracking_no)
    budi = synced(org, "budi", tmp_path)
    online = go_offline(ani, tmp_path)
    link = ani.desk.link(dup.tracking_no, master.tracking_no)
    merge = ani.desk.merge(merged.tracking_no, master.tracking_no)
    assert link.offline and merge.offline
    with ani.cache.read() as conn:
        family = families.family(conn, master.id)
        local = {r.ticket_id: r for r in conn.execute(select(s.local_ticket))}
    assert {m.ticket_id for m in family.duplicates} == {dup.id, merged.id}
    assert all(m.pending for m in family.duplicates)
    assert (local[merged.id].status, local[merged.id].claimed) == (Status.DIARSIPKAN.value, False)
    assert overlay_agrees(ani.cache)

    back_online(ani, online)
    assert [ani.outcome(op.op_id)[0] for op in (link, merge)] == ["applied", "applied"]
    budi.sync()
    assert mirrored(budi, dup.id) == (master.id, "diterima")
    assert mirrored(budi, merged.id) == (master.id, "diarsipkan")
    with budi.cache.read() as conn:
        notes = conn.execute(select(s.note.c.body).where(s.note.c.ticket_id == master.id)).scalars().all()
    assert len(notes) == 1 and merged.tracking_no in notes[0]
    assert mirror_matches(budi) and mirror_matches(ani) and overlay_agrees(ani.cache)


def test_a_link_after_a_queued_claim_uses_that_claims_token(org: Org, tmp_path: Path) -> None:
    master, dup = new_ticket(org.ani), new_ticket(org.ani)
    ani = synced(org, "ani", tmp_path)
    online = go_offline(ani, tmp_path)
    ani.desk.claim(dup.tracking_no)
    link = ani.desk.link(dup.tracking_no, master.tracking_no)
    back_online(ani, online)
    assert ani.outcome(link.op_id)[0] == "applied"
    assert mirrored(ani, dup.id) == (master.id, "diterima")


def test_refusals_the_cache_can_tell_queue_nothing(org: Org, tmp_path: Path) -> None:
    master, dup, other = new_ticket(org.ani), new_ticket(org.ani), new_ticket(org.ani)
    ani = synced(org, "ani", tmp_path, dup.tracking_no, master.tracking_no)
    ani.desk.link(dup.tracking_no, master.tracking_no)
    ani.sync()
    before = len(ani.outbox())
    with pytest.raises(BadInput, match="itself"):
        ani.desk.link(dup.tracking_no, dup.tracking_no)
    with pytest.raises(BadInput, match="cycle"):
        ani.desk.link(master.tracking_no, dup.tracking_no)
    with pytest.raises(BadInput, match="already a duplicate"):
        ani.desk.link(dup.tracking_no, master.tracking_no)
    with pytest.raises(BadInput, match="not linked"):
        ani.desk.unlink(master.tracking_no)
    with pytest.raises(NotHolder):
        ani.desk.link(other.tracking_no, master.tracking_no)
    with pytest.raises(BadInput, match="duplicate itself"):
        ani.desk.bulk_answer(dup.tracking_no, "apa-saja")
    with pytest.raises(BadInput, match="already"):
        ani.desk.refer(master.tracking_no, "humas", "Pertanyaan?")
    with pytest.raises(BadInput, match="reason"):
        ani.desk.return_for_disposition(master.tracking_no, "  ")
    assert len(ani.outbox()) == before


def test_a_bulk_answer_made_offline_shows_at_once_and_is_sent_once_per_citizen(org: Org, tmp_path: Path) -> None:
    as_owner(org.admin, add_canned_response, "jembatan", "Jembatan", "Yth. {nama_pelapor}, laporan {nomor_tiket}.")
    master = new_ticket(org.ani, reporter_name="Siti Aminah")
    dup = new_ticket(org.ani, anonymous=True)
    ani = synced(org, "ani", tmp_path, master.tracking_no, dup.tracking_no)
    ani.desk.link(dup.tracking_no, master.tracking_no)
    ani.desk.release(dup.tracking_no)
    ani.sync()
    online = go_offline(ani, tmp_path)
    with ani.cache.read() as conn:
        preview = families.bulk_preview(conn, master.id, "jembatan")
    assert [(m.ticket_id, m.text, m.handed_over) for m in preview.members] == [
        (master.id, f"Yth. Siti Aminah, laporan {master.tracking_no}.", False),
        (dup.id, f"Yth. Pelapor, laporan {dup.tracking_no}.", False),
    ]
    op = ani.desk.bulk_answer(master.tracking_no, "jembatan")
    assert op.payload["canned_version"] == 1
    with ani.cache.read() as conn:
        shown = {r.ticket_id: r.id for r in conn.execute(select(s.local_message))}
    assert shown == {master.id: UUID(op.payload["message_id"]), dup.id: derived_id(op.op_id, dup.id, "message")}

    back_online(ani, online)
    state, outcome = ani.outcome(op.op_id)
    assert state == "applied" and [r["claimed"] for r in outcome["result"]["replies"]] == [False, True]
    with ani.cache.read() as conn:
        pulled = {r.ticket_id: r.id for r in conn.execute(select(s.message).where(s.message.c.direction == "outbound"))}
    assert pulled == shown, "the answers keep the ids they were shown under"
    with org.admin.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(central.outbound_message)).scalar_one() == 2
    assert overlay_agrees(ani.cache) and mirror_matches(ani)


def test_a_referral_asked_offline_is_answered_by_the_other_unit_from_its_cache(org: Org, tmp_path: Path) -> None:
    t = new_ticket(org.ani, subject="Jembatan putus", reporter_name="Siti Aminah", body=FIRST_MESSAGE)
    ani, rudi, budi = synced(org, "ani", tmp_path), synced(org, "rudi", tmp_path), synced(org, "budi", tmp_path)
    online = go_offline(ani, tmp_path)
    ani.desk.refer(t.tracking_no, "kanreg-1", "Apakah jembatan ini aset provinsi?")
    with ani.cache.read() as conn:
        queued = list_referrals(conn)
    assert [(r.state, r.tracking_no, r.from_unit, r.to_unit) for r in queued] == [
        (ReferralState.QUEUED, t.tracking_no, "humas", "kanreg-1")
    ]
    assert overlay_agrees(ani.cache)
    back_online(ani, online)

    rudi.sync()
    with rudi.cache.read() as conn:
        seen = list_referrals(conn)
        assert conn.execute(select(s.ticket.c.id).where(s.ticket.c.id == t.id)).first() is None
    [asked] = seen
    assert (asked.state, asked.may_answer, asked.sees_ticket) == (ReferralState.OPEN, True, False)
    assert (asked.tracking_no, asked.subject, asked.first_message) == (t.tracking_no, "Jembatan putus", FIRST_MESSAGE)
    assert (asked.asked_by, asked.question) == ("ani", "Apakah jembatan ini aset provinsi?")

    budi.sync()
    with budi.cache.read() as conn:
        [for_budi] = list_referrals(conn)
    assert for_budi.sees_ticket and not for_budi.may_answer
    with pytest.raises(NotPermitted):
        budi.desk.answer_referral(asked.id, "Saya bukan kanreg-1.")

    offline = go_offline(rudi, tmp_path)
    rudi.desk.answer_referral(asked.id, "Ya, aset provinsi; kami tangani.")
    with rudi.cache.read() as conn:
        assert list_referrals(conn)[0].state is ReferralState.ANSWER_QUEUED
    with pytest.raises(BadInput, match="already queued"):
        rudi.desk.answer_referral(asked.id, "Jawaban kedua.")
    back_online(rudi, offline)
    with rudi.cache.read() as conn:
        answered = list_referrals(conn)[0]
    assert (answered.state, answered.answered_by) == (ReferralState.ANSWERED, "rudi")
    with pytest.raises(AlreadyAnswered):
        rudi.desk.answer_referral(asked.id, "Jawaban ketiga.")

    ani.sync()
    with ani.cache.read() as conn:
        note = conn.execute(select(s.note).where(s.note.c.ticket_id == t.id)).one()
        mentioned = conn.execute(select(s.mention.c.officer_id).where(s.mention.c.note_id == note.id)).scalars().all()
        ani_id = conn.execute(select(s.officer.c.id).where(s.officer.c.login == "ani")).scalar_one()
        mine = list_referrals(conn, t.id)
    assert note.body.endswith("Ya, aset provinsi; kami tangani.") and note.added_offline and mentioned == [ani_id]
    assert [(r.state, r.note_id) for r in mine] == [(ReferralState.ANSWERED, note.id)]
    assert mirror_matches(ani) and mirror_matches(rudi)


def test_not_ours_leaves_the_cache_and_arrives_at_the_sending_unit(org: Org, tmp_path: Path) -> None:
    t = new_ticket(org.ani)
    ani = synced(org, "ani", tmp_path, t.tracking_no)
    ani.desk.transfer(t.tracking_no, "kanreg-1", "wilayah I")
    ani.sync()
    rudi = synced(org, "rudi", tmp_path, t.tracking_no)
    online = go_offline(rudi, tmp_path)
    op = rudi.desk.return_for_disposition(t.tracking_no, "Bukan wilayah kami")
    with rudi.cache.read() as conn:
        local = conn.execute(select(s.local_ticket).where(s.local_ticket.c.ticket_id == t.id)).one()
    assert (local.status, local.claimed) == ("bukan_wewenang", False)
    back_online(rudi, online)
    assert rudi.outcome(op.op_id)[0] == "applied"
    assert mirrored(rudi, t.id) is None, "back in humas: no longer rudi's to see"
    ani.sync()
    assert mirrored(ani, t.id) == (None, "bukan_wewenang")
    assert mirror_matches(ani) and mirror_matches(rudi)
