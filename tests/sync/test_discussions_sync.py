"""Team discussion and hand-over resolution through the desk, the outbox and the pull, on every engine."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import select
from uuid6 import uuid7

from desktop.cache import schema as s
from desktop.cache.outbox import ops_needing_attention
from desktop.domain.entities import Ticket
from desktop.domain.errors import BadInput, NotFound, NotPermitted
from desktop.domain.operations import Op, OpKind
from desktop.store import schema as central
from desktop.store.handovers import resolve_handover
from desktop.views import discussions as board
from desktop.views.attention import handed_to_me
from tests.store.helpers import Org, build_org, expire_claim, new_ticket
from tests.sync.helpers import Client, client, holding, overlay_agrees
from tests.sync.offline import go_offline


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def synced(org: Org, login: str, folder: Path) -> Client:
    c = client(org.url, login, folder)
    c.sync()
    return c


def test_an_offline_thread_is_shown_queued_then_reaches_a_colleague_unread_with_the_mention(
    org: Org, tmp_path: Path
) -> None:
    t = new_ticket(org.ani)
    ani, budi = synced(org, "ani", tmp_path), synced(org, "budi", tmp_path)
    online = go_offline(ani, tmp_path)
    op = ani.desk.start_discussion("humas", "Piket 17 Agustus", "Siapa piket? @budi", ticket_ref=t.tracking_no)
    assert op.offline and op.ticket_id is None and op.payload["ticket_id"] == str(t.id)
    follow_up = ani.desk.post(UUID(op.payload["discussion_id"]), "Mohon dijawab hari ini.")
    with ani.cache.read() as conn:
        [thread] = board.threads(conn)
        posts = board.posts(conn, thread.id)
    assert thread.queued and thread.title == "Piket 17 Agustus" and thread.tracking_no == t.tracking_no
    assert [(p.body, p.queued, p.author_login) for p in posts] == [
        ("Siapa piket? @budi", True, "ani"),
        ("Mohon dijawab hari ini.", True, "ani"),
    ]
    assert overlay_agrees(ani.cache)

    ani.engine.store = online
    report = ani.sync()
    assert (report.push.applied, report.pending) == (2, 0)
    assert ani.outcome(follow_up.op_id)[0] == "applied"
    with ani.cache.read() as conn:
        [thread] = board.threads(conn)
        assert not thread.queued and thread.unread == 0, "my own posts are never unread"
        assert [p.queued for p in board.posts(conn, thread.id)] == [False, False]
        assert conn.execute(select(s.local_post)).first() is None

    budi.sync()
    with budi.cache.read() as conn:
        [seen] = board.threads(conn)
        [mention] = board.mentions(conn)
        assert board.unread_total(conn) == 2 and board.unseen_mentions(conn) == 1
    assert seen.id == thread.id and seen.unread == 2 and seen.started_by == "Ani Wijaya"
    assert mention.discussion_id == thread.id and mention.discussion_title == "Piket 17 Agustus" and mention.unseen
    assert mention.tracking_no == t.tracking_no and mention.note_id is None and mention.author_name == "Ani Wijaya"
    with budi.cache.write() as conn:
        board.mark_read(conn, thread.id)
        board.mark_mentions_seen(conn)
    budi.desk.post(thread.id, "Saya saja, @ani.")
    budi.desk.note(t.tracking_no, "@ani pelapor minta ditelepon sore.")
    budi.sync()
    with budi.cache.read() as conn:
        assert board.unread_total(conn) == 0 and board.unseen_mentions(conn) == 0

    ani.sync()
    with ani.cache.read() as conn:
        [thread] = board.threads(conn)
        mentions = board.mentions(conn)
    assert thread.unread == 1
    assert [(m.note_id is not None, m.tracking_no, m.unseen) for m in mentions] == [
        (True, t.tracking_no, True),
        (False, t.tracking_no, True),
    ], "newest first: the note, then the post"
    assert mentions[0].ticket_id == t.id
    ani.close()
    budi.close()


def test_what_the_cache_can_tell_is_refused_at_the_desk(org: Org, tmp_path: Path) -> None:
    ani = synced(org, "ani", tmp_path)
    kanreg_ticket = new_ticket(org.rudi, unit="kanreg-1")
    with pytest.raises(NotFound):
        ani.desk.start_discussion("tidak-ada", "Judul", "Isi")
    with pytest.raises(NotPermitted):
        ani.desk.start_discussion("kanreg", "Judul", "Isi")
    with pytest.raises(NotFound):
        ani.desk.start_discussion("humas", "Judul", "Isi", ticket_ref=str(kanreg_ticket.id))
    with pytest.raises(BadInput):
        ani.desk.start_discussion("humas", "  ", "Isi")
    with pytest.raises(BadInput):
        ani.desk.post(uuid7(), "  ")
    with pytest.raises(NotFound):
        ani.desk.post(uuid7(), "Thread yang tidak ada")
    with pytest.raises(NotFound):
        ani.desk.resolve_handover(uuid7(), True)
    assert ani.outbox() == []
    ani.close()


def handed_over(org: Org, folder: Path) -> tuple[Ticket, Client, Client, Op, Any]:
    """Ani replies offline under a claim whose lease runs out while Budi claims the ticket: her reply becomes a
    hand-over item for him. Returns the ticket, both clients, her reply and the item as Budi's cache has it."""
    t = new_ticket(org.ani)
    # Budi's first sync comes after the lease ran out (a lease running out is not a change clients pull).
    ani, budi = holding(org, "ani", folder, t.tracking_no), client(org.url, "budi", folder)
    online = go_offline(ani, folder)
    reply = ani.desk.reply(t.tracking_no, "Laporan Anda sedang kami proses.")
    expire_claim(org.admin.engine, t.id)
    budi.sync()
    budi.desk.claim(t.tracking_no)
    budi.sync()
    ani.engine.store = online
    ani.sync()
    assert ani.outcome(reply.op_id)[0] == "handed_over"
    budi.sync()
    with budi.cache.read() as conn:
        [item] = conn.execute(select(s.handover_item)).all()
    assert item.resolved_at is None and item.kind == "reply"
    return t, ani, budi, reply, item


def test_a_hand_over_is_resolved_by_its_holder_end_to_end(org: Org, tmp_path: Path) -> None:
    _t, ani, budi, reply, item = handed_over(org, tmp_path)
    with pytest.raises(NotPermitted):
        ani.desk.resolve_handover(item.id, True)  # ani sees the item, but it was handed to budi
    op = budi.desk.resolve_handover(item.id, accepted=True)
    assert op.ticket_id is None and op.payload == {"item_id": str(item.id), "accepted": True}
    with pytest.raises(BadInput):
        budi.desk.resolve_handover(item.id, accepted=False)  # already queued
    budi.sync()
    assert budi.outcome(op.op_id)[0] == "applied"
    with org.admin.engine.connect() as conn:
        resolved_at = conn.execute(
            select(central.handover_item.c.resolved_at).where(central.handover_item.c.id == item.id)
        ).scalar_one()
    assert resolved_at is not None
    for c in (budi, ani):
        c.sync()
        with c.cache.read() as conn:
            assert conn.execute(select(s.handover_item.c.resolved_at)).scalar_one() is not None
    with pytest.raises(BadInput):
        budi.desk.resolve_handover(item.id, accepted=False)  # resolved: nothing left to do

    with ani.cache.read() as conn:
        assert [row.op_id for row in ops_needing_attention(conn)] == [reply.op_id]
    ani.desk.dismiss(reply.op_id)
    with ani.cache.read() as conn:
        assert ops_needing_attention(conn) == []
    ani.close()
    budi.close()


def test_dismiss_takes_a_rejected_operation_off_the_attention_list(org: Org, tmp_path: Path) -> None:
    t = new_ticket(org.ani)
    ani, budi = synced(org, "ani", tmp_path), synced(org, "budi", tmp_path)
    online = go_offline(ani, tmp_path)
    claim = ani.desk.claim(t.tracking_no)
    budi.desk.claim(t.tracking_no)
    budi.sync()
    with pytest.raises(NotFound):
        ani.desk.dismiss(claim.op_id)  # still pending: nothing to dismiss yet
    ani.engine.store = online
    ani.sync()
    assert ani.outcome(claim.op_id)[0] == "rejected"
    with ani.cache.read() as conn:
        assert [row.op_id for row in ops_needing_attention(conn)] == [claim.op_id]
    ani.desk.dismiss(claim.op_id)
    with ani.cache.read() as conn:
        assert ops_needing_attention(conn) == []
        assert conn.execute(select(s.outbox.c.dismissed_at)).scalar_one() is not None
    ani.close()
    budi.close()


def test_accepting_a_hand_over_redoes_the_work_under_the_holders_claim(org: Org, tmp_path: Path) -> None:
    t, ani, budi, _reply, item = handed_over(org, tmp_path)
    work, resolution = budi.desk.accept_handover(item.id)
    assert (work.kind, work.ticket_id, work.payload["text"]) == (OpKind.REPLY, t.id, "Laporan Anda sedang kami proses.")
    assert resolution.payload == {"item_id": str(item.id), "accepted": True}
    with pytest.raises(BadInput):
        budi.desk.accept_handover(item.id)  # already being resolved: nothing more is queued
    assert len([row for row in budi.outbox() if row.state == "pending"]) == 2
    budi.sync()
    assert budi.outcome(work.op_id)[0] == budi.outcome(resolution.op_id)[0] == "applied"
    with org.admin.engine.connect() as conn:
        sent = (
            conn.execute(
                select(central.officer.c.login)
                .join(central.message, central.message.c.author_id == central.officer.c.id)
                .where(central.message.c.direction == "outbound")
            )
            .scalars()
            .all()
        )
        queued = conn.execute(select(central.outbound_message.c.op_id)).scalars().all()
    assert sent == ["budi"] and queued == [work.op_id], "sent once, by the holder, never from Ani's lost claim"
    ani.close()
    budi.close()


def test_work_lost_on_a_ticket_nobody_holds_is_handed_to_the_units_officers(org: Org, tmp_path: Path) -> None:
    t = new_ticket(org.ani)
    ani, budi = holding(org, "ani", tmp_path, t.tracking_no), client(org.url, "budi", tmp_path)
    online = go_offline(ani, tmp_path)
    reply = ani.desk.reply(t.tracking_no, "Laporan Anda sedang kami proses.")
    expire_claim(org.admin.engine, t.id)
    budi.sync()
    budi.desk.claim(t.tracking_no)
    budi.desk.release(t.tracking_no)  # taken and given back: nobody holds it when ani's reply arrives
    budi.sync()
    ani.engine.store = online
    ani.sync()
    assert ani.outcome(reply.op_id)[0] == "handed_over"
    budi.sync()
    with budi.cache.read() as conn:
        [item] = conn.execute(select(s.handover_item)).all()
        assert item.to_officer_id is None
        assert [found.ref for found in handed_to_me(conn)] == [item.id]  # budi is an officer of the unit
    rudi = client(org.url, "rudi", tmp_path)  # kanreg-1: not his unit's ticket, he does not even see the item
    with pytest.raises(NotFound):
        rudi.store.write(resolve_handover, item.id, True)
    budi.desk.resolve_handover(item.id, accepted=True)
    budi.sync()
    with budi.cache.read() as conn:
        assert conn.execute(select(s.handover_item.c.resolved_at)).scalar_one() is not None
    for c in (ani, budi, rudi):
        c.close()
