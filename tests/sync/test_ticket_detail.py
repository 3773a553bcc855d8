"""What the ticket view reads from the cache: drafts, canned responses, the next ticket to take, the
state of each reply and the claim facts — on a real central database (SQLite) and real caches."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from uuid import UUID

import pytest
from sqlalchemy import insert, update

from desktop.cache.database import Cache
from desktop.channels.dispatch import dispatch_round
from desktop.channels.sources import make_sender
from desktop.desk.drafts import clear_draft, load_draft, save_draft
from desktop.desk.picking import next_candidate, take_next
from desktop.domain.errors import BadInput, NotFound
from desktop.domain.status import Status
from desktop.domain.vocabulary import Priority
from desktop.store import schema as central
from desktop.store.canned import add_canned_response
from desktop.store.claims import claim
from desktop.store.clock import server_now
from desktop.store.service import Store
from desktop.store.work import begin
from desktop.views.canned import MASKED_REPORTER, canned_for_ticket
from desktop.views.tickets import ReplyState, ticket_detail
from tests.store.canned_helpers import as_owner
from tests.store.helpers import Org, build_org, expire_claim, new_ticket
from tests.sync.helpers import Client, client


@pytest.fixture
def org(tmp_path: Path) -> Iterator[Org]:
    url = f"sqlite:///{tmp_path}/central.db"
    Store(url).upgrade()
    built = build_org(url)
    yield built
    built.close()


def detail(c: Client, ticket_id: UUID):  # type: ignore[no-untyped-def]
    with c.cache.read() as conn:
        return ticket_detail(conn, ticket_id)


def test_drafts_survive_reopening_the_cache_and_go_when_cleared(org: Org, tmp_path: Path) -> None:
    t = new_ticket(org.ani)
    path = tmp_path / "ani.cache.db"
    cache = Cache(path)
    save_draft(cache, t.id, "reply", "Yth. Bapak, laporan Anda")
    save_draft(cache, t.id, "note", "cek dulu ke @budi")
    cache.dispose()  # as if the window (or the computer) went down

    reopened = Cache(path)
    assert load_draft(reopened, t.id, "reply") == "Yth. Bapak, laporan Anda"
    assert load_draft(reopened, t.id, "note") == "cek dulu ke @budi"
    save_draft(reopened, t.id, "reply", "Yth. Ibu, laporan Anda")  # the newest text replaces the draft
    assert load_draft(reopened, t.id, "reply") == "Yth. Ibu, laporan Anda"
    clear_draft(reopened, t.id, "reply")
    save_draft(reopened, t.id, "note", "   ")  # blank: nothing worth restoring
    assert load_draft(reopened, t.id, "reply") == load_draft(reopened, t.id, "note") == ""
    with pytest.raises(BadInput, match="draft kind"):
        save_draft(reopened, t.id, "email", "x")
    reopened.dispose()


def test_canned_responses_are_the_newest_active_versions_for_the_tickets_unit(org: Org, tmp_path: Path) -> None:
    as_owner(org.admin, add_canned_response, "terima", "Laporan diterima", "Lama.")
    as_owner(
        org.admin,
        add_canned_response,
        "terima",
        "Laporan diterima",
        "Yth. {nama_pelapor}, laporan {nomor_tiket} diterima oleh {unit}.",
    )
    as_owner(org.admin, add_canned_response, "jadwal", "Jadwal layanan", "Buka Senin-Jumat.", "humas")
    as_owner(org.admin, add_canned_response, "kanreg", "Info kanreg", "Khusus Kantor Regional I.", "kanreg-1")
    as_owner(org.admin, add_canned_response, "lama", "Dihapus", "Versi pertama.")
    with org.admin.engine.connect() as conn, conn.execution_options(write=True).begin():
        work = begin(conn, None)  # switched off: a newest version that is not active
        conn.execute(
            insert(central.canned_response).values(
                key="lama", version=2, title="Dihapus", body="-", active=False, change_seq=work.seq, created_at=work.now
            )
        )
    named = new_ticket(org.ani, reporter_name="Siti Aminah")
    anonymous = new_ticket(org.ani, anonymous=True)
    regional = new_ticket(org.rudi, unit="kanreg-1")
    ani, rudi = client(org.url, "ani", tmp_path), client(org.url, "rudi", tmp_path)
    ani.sync()
    rudi.sync()

    with ani.cache.read() as conn:
        for_named = canned_for_ticket(conn, named.id)
        for_anonymous = canned_for_ticket(conn, anonymous.id)
    assert [(c.key, c.version) for c in for_named.responses] == [("jadwal", 1), ("terima", 2)]
    assert for_named.responses[1].body == "Yth. {nama_pelapor}, laporan {nomor_tiket} diterima oleh {unit}."
    assert for_named.render(for_named.responses[1]) == (
        f"Yth. Siti Aminah, laporan {named.tracking_no} diterima oleh Biro Humas."
    )
    assert for_anonymous.render(for_anonymous.responses[1]).startswith(
        f"Yth. {MASKED_REPORTER}, laporan {anonymous.tracking_no}"
    )
    with rudi.cache.read() as conn:
        offered = canned_for_ticket(conn, regional.id)
    assert [(c.key, c.version) for c in offered.responses] == [("kanreg", 1), ("terima", 2)]
    ani.close()
    rudi.close()


def _set(org: Org, ticket_id: UUID, **values: object) -> None:
    """Change a ticket centrally as a pulled change (stamped), like the store's own writes."""
    with org.admin.engine.connect() as conn, conn.execution_options(write=True).begin():
        work = begin(conn, None)
        conn.execute(
            update(central.ticket)
            .where(central.ticket.c.id == ticket_id)
            .values(**values, row_version=central.ticket.c.row_version + 1, change_seq=work.seq)
        )


def test_take_the_next_one_follows_the_central_order_offline(org: Org, tmp_path: Path) -> None:
    with org.admin.engine.connect() as conn:
        now = server_now(conn)
    soon, later = now + timedelta(hours=2), now + timedelta(days=3)
    due_later_low = new_ticket(org.ani, subject="Nanti, rendah")
    due_later_high = new_ticket(org.ani, subject="Nanti, tinggi")
    due_soon = new_ticket(org.ani, subject="Segera")
    no_deadline = new_ticket(org.ani, subject="Tanpa tenggat")
    held = new_ticket(org.ani, subject="Dipegang Budi")
    lapsed = new_ticket(org.ani, subject="Klaim Budi habis")
    closed = new_ticket(org.ani, subject="Selesai")
    other_unit = new_ticket(org.rudi, unit="kanreg-1")
    _set(org, due_later_low.id, due_at=later, priority=Priority.RENDAH.value)
    _set(org, due_later_high.id, due_at=later, priority=Priority.TINGGI.value)
    _set(org, due_soon.id, due_at=soon, priority=Priority.RENDAH.value)
    _set(org, no_deadline.id, due_at=None, priority=Priority.DARURAT.value)
    _set(org, lapsed.id, due_at=soon + timedelta(minutes=1))
    _set(org, held.id, due_at=now)
    _set(org, closed.id, due_at=now, status=Status.SELESAI.value)
    org.budi.write(claim, held.id)
    org.budi.write(claim, lapsed.id)
    expire_claim(org.admin.engine, lapsed.id)
    _set(org, lapsed.id)  # pulled as a change, with its lease already over
    ani = client(org.url, "ani", tmp_path)
    ani.sync()

    taken = []
    while True:
        try:
            taken.append(take_next(ani.cache, ani.desk))  # each queued claim takes it off the candidates
        except NotFound:
            break
    assert taken == [due_soon.id, lapsed.id, due_later_high.id, due_later_low.id, no_deadline.id]
    assert other_unit.id not in taken and held.id not in taken and closed.id not in taken
    ani.sync()
    with ani.cache.read() as conn:
        assert all(ticket_detail(conn, t).claim.holder_login == "ani" for t in taken)
        with pytest.raises(NotFound, match="nothing to pick"):
            next_candidate(conn)
    ani.close()


def test_a_reply_is_queued_then_sent_and_the_claim_facts_follow(org: Org, tmp_path: Path) -> None:
    t = new_ticket(org.ani)
    ani, budi = client(org.url, "ani", tmp_path), client(org.url, "budi", tmp_path)
    ani.sync()
    free = detail(ani, t.id).claim
    assert (free.holder_login, free.mine, free.live, free.pending_claim) == (None, False, False, False)

    ani.desk.claim(t.tracking_no)
    op = ani.desk.reply(t.tracking_no, "Laporan Anda sedang kami verifikasi.")
    queued = detail(ani, t.id)
    message_id = UUID(op.payload["message_id"])
    assert queued.claim.pending_claim and queued.claim.mine and queued.claim.holder_login is None
    assert queued.reply_states[message_id] is ReplyState.QUEUED

    ani.sync()
    sent = detail(ani, t.id)
    assert sent.reply_states[message_id] is ReplyState.WAITING and sent.outbox_replies == ()  # for the worker
    assert [m.body_text for m in sent.detail.messages if m.id == message_id] == ["Laporan Anda sedang kami verifikasi."]
    assert (sent.claim.holder_login, sent.claim.mine, sent.claim.live) == ("ani", True, True)
    assert sent.my_login == "ani" and sent.unit_name == "Biro Humas"
    # The worker finds no e-mail account to send it through: the officer sees that it failed.
    assert dispatch_round(org.admin, make_sender).failed == 1
    ani.sync()
    assert detail(ani, t.id).reply_states[message_id] is ReplyState.FAILED
    budi.sync()
    seen_by_budi = detail(budi, t.id).claim
    assert (seen_by_budi.holder_name, seen_by_budi.mine, seen_by_budi.live) == ("Ani Wijaya", False, True)
    assert seen_by_budi.expires_at == sent.claim.expires_at
    ani.close()
    budi.close()


def test_a_reply_on_a_lost_claim_shows_as_handed_over_with_its_text(org: Org, tmp_path: Path) -> None:
    """Ani's lease ran out and Budi claimed the ticket before her reply was pushed."""
    t = new_ticket(org.ani)
    ani, budi = client(org.url, "ani", tmp_path), client(org.url, "budi", tmp_path)
    ani.sync()
    ani.desk.claim(t.tracking_no)
    ani.sync()
    expire_claim(org.admin.engine, t.id)
    budi.sync()
    budi.desk.claim(t.tracking_no)
    budi.sync()
    op = ani.desk.reply(t.tracking_no, "Mohon kirimkan foto lokasi.")  # ani's cache still says she holds it
    ani.sync()

    after = detail(ani, t.id)
    (unsent,) = after.outbox_replies
    assert (unsent.state, unsent.code, unsent.message.body_text) == (
        ReplyState.HANDED_OVER,
        "lost_claim",
        "Mohon kirimkan foto lokasi.",
    )
    assert after.reply_states[UUID(op.payload["message_id"])] is ReplyState.HANDED_OVER
    assert not any(m.id == unsent.message.id for m in after.detail.messages)  # never shown as sent
    assert (after.claim.holder_login, after.claim.mine) == ("budi", False)
    budi.sync()
    (item,) = detail(budi, t.id).handovers
    assert (item.kind, item.from_login, item.to_login, item.payload["text"]) == (
        "reply",
        "ani",
        "budi",
        "Mohon kirimkan foto lokasi.",
    )
    ani.close()
    budi.close()


def test_a_reply_the_store_refuses_shows_as_rejected(org: Org, tmp_path: Path) -> None:
    """Budi took the ticket after Ani's lease ran out and transferred it to a unit Ani cannot see."""
    t = new_ticket(org.ani)
    ani, budi = client(org.url, "ani", tmp_path), client(org.url, "budi", tmp_path)
    ani.sync()
    ani.desk.claim(t.tracking_no)
    ani.sync()
    expire_claim(org.admin.engine, t.id)
    budi.sync()
    budi.desk.claim(t.tracking_no)
    budi.desk.transfer(t.tracking_no, "kanreg-1", "Wewenang kantor regional")
    budi.sync()
    ani.desk.reply(t.tracking_no, "Kami sedang memeriksa laporan Anda.")
    ani.engine.push()  # the pull that follows would drop the ticket from her cache

    (unsent,) = detail(ani, t.id).outbox_replies
    assert (unsent.state, unsent.code) == (ReplyState.REJECTED, "not_found")
    assert unsent.message.body_text == "Kami sedang memeriksa laporan Anda."
    ani.close()
    budi.close()
