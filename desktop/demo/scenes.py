"""Scenes that teach: the work around the reports that a newcomer should find on the demo desk.

Generated tickets fill the inbox; these few rows fill the other screens for the officer the demo signs in
as (the busiest supervisor, ``workspace.busiest_supervisor``): team threads in their unit, one of them
mentioning them and unread; a referral their unit asked another unit and one another unit asked them, both
waiting for an answer; a colleague's reply handed over to them (*Needs attention*); a channel account of
their unit whose intake failed (*Channels*). Everything is drawn from the demo's seed, at times counted back
from "now", so the scenes are the same in every run.
"""

from __future__ import annotations

import json
import random
import uuid
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, insert, select, update

from ..domain.inbound import InboundMessage, to_json
from ..domain.status import CLOSED
from ..domain.vocabulary import Channel, Role
from ..store.schema import (
    channel_account,
    discussion,
    discussion_post,
    event,
    handover_item,
    intake_error,
    membership,
    mention,
    officer,
    referral,
    ticket,
    unit,
)
from .workspace import busiest_supervisor

OPEN_TICKETS_NEEDED = 4  # the supervisor's unit needs this many open reports for the scenes
HANDOVER_DEVICE = "DEMO-PC"  # where the demo officer took the report that was handed over to them


@dataclass(frozen=True, slots=True)
class _Person:
    id: int
    login: str
    name: str


@dataclass(frozen=True, slots=True)
class _Desk:
    """The demo officer and what the scenes need around them."""

    me: _Person
    unit_id: int
    unit_name: str
    colleagues: tuple[_Person, ...]  # officers of the same unit
    tickets: tuple[Any, ...]  # open, unclaimed reports of the unit, oldest first
    other_unit_id: int
    other_unit_name: str
    other_officer: _Person
    other_ticket: Any  # an open report of the other unit


def add_scenes(conn: Connection, seed: int, now: datetime, change_seq: int) -> int:
    """Add the scenes inside the demo's transaction; returns the number of audit events written."""
    desk = _find_desk(conn)
    if desk is None:  # a demo with (almost) no tickets: nothing to teach with
        return 0
    scene = _Scene(conn, random.Random(seed), now, change_seq)
    scene.discussions(desk)
    scene.referrals(desk)
    scene.handover(desk)
    scene.failing_channel(desk)
    return scene.events


def _find_desk(conn: Connection) -> _Desk | None:
    login = busiest_supervisor(conn)
    if login is None:
        return None
    me = _person(conn, login)
    unit_id = conn.execute(
        select(membership.c.unit_id).where(membership.c.officer_id == me.id).order_by(membership.c.unit_id)
    ).scalar_one()
    colleagues = _members(conn, unit_id, exclude=me.id)
    tickets = _open_tickets(conn, unit_id)
    other_unit_id = conn.execute(
        select(unit.c.id).where(unit.c.id != unit_id, unit.c.code.in_(("inspektorat", "humas"))).order_by(unit.c.code)
    ).scalar()
    if len(colleagues) < 2 or len(tickets) < OPEN_TICKETS_NEEDED or other_unit_id is None:
        return None
    other_officers = _members(conn, other_unit_id, exclude=None)
    other_tickets = _open_tickets(conn, other_unit_id)
    if not other_officers or not other_tickets:
        return None
    return _Desk(
        me=me,
        unit_id=unit_id,
        unit_name=_unit_name(conn, unit_id),
        colleagues=colleagues,
        tickets=tickets,
        other_unit_id=other_unit_id,
        other_unit_name=_unit_name(conn, other_unit_id),
        other_officer=other_officers[0],
        other_ticket=other_tickets[0],
    )


def _person(conn: Connection, login: str) -> _Person:
    row = conn.execute(select(officer.c.id, officer.c.login, officer.c.name).where(officer.c.login == login)).one()
    return _Person(int(row.id), row.login, row.name)


def _members(conn: Connection, unit_id: int, exclude: int | None) -> tuple[_Person, ...]:
    rows = conn.execute(
        select(officer.c.id, officer.c.login, officer.c.name)
        .join(membership, membership.c.officer_id == officer.c.id)
        .where(membership.c.unit_id == unit_id, officer.c.role == Role.OFFICER.value)
        .order_by(officer.c.id)
    )
    return tuple(_Person(int(r.id), r.login, r.name) for r in rows if r.id != exclude)


def _open_tickets(conn: Connection, unit_id: int) -> tuple[Any, ...]:
    return tuple(
        conn.execute(
            select(ticket.c.id, ticket.c.tracking_no, ticket.c.subject, ticket.c.claim_token)
            .where(
                ticket.c.unit_id == unit_id,
                ticket.c.status.not_in(sorted(s.value for s in CLOSED)),
                ticket.c.claimed_by.is_(None),
            )
            .order_by(ticket.c.created_at, ticket.c.id)
            .limit(8)
        )
    )


def _unit_name(conn: Connection, unit_id: int) -> str:
    return str(conn.execute(select(unit.c.name).where(unit.c.id == unit_id)).scalar_one())


class _Scene:
    def __init__(self, conn: Connection, rng: random.Random, now: datetime, change_seq: int) -> None:
        self.conn, self.rng, self.now, self.change_seq = conn, rng, now, change_seq
        self.events = 0

    def id(self) -> uuid.UUID:
        return uuid.UUID(int=self.rng.getrandbits(128), version=4)

    def ago(self, **delta: float) -> datetime:
        return self.now - timedelta(**delta)

    def audit(self, action: str, ticket_id: uuid.UUID | None, by: _Person, at: datetime, **detail: Any) -> None:
        self.conn.execute(
            insert(event).values(
                ticket_id=ticket_id,
                officer_id=by.id,
                action=action,
                claim_token=None,
                online=True,
                device=None,
                detail=json.dumps(detail, ensure_ascii=False, default=str),
                change_seq=self.change_seq,
                created_at=at,
            )
        )
        self.events += 1

    # --- team discussion -----------------------------------------------------------------------------

    def discussions(self, desk: _Desk) -> None:
        first, second = desk.colleagues[0], desk.colleagues[1]
        linked = desk.tickets[0]
        self.thread(
            desk,
            f"Arahan untuk laporan {linked.tracking_no}",
            linked.id,
            [
                (
                    first,
                    {"hours": 26},
                    f"Laporan {linked.tracking_no} ({linked.subject}) menyangkut dua bidang. "
                    "Apakah kita jawab sendiri atau kita minta masukan unit lain dulu?",
                ),
                (
                    second,
                    {"hours": 5},
                    "Menurut saya perlu masukan dulu, supaya jawaban kita tidak berbeda dengan penjelasan mereka.",
                ),
                (
                    first,
                    {"minutes": 40},
                    f"@{desk.me.login} mohon arahan Bapak/Ibu: kita teruskan atau kita "
                    "jawab hari ini? Tenggatnya sudah dekat.",
                ),
            ],
        )
        self.thread(
            desk,
            "Jadwal piket layanan tatap muka minggu depan",
            None,
            [
                (
                    second,
                    {"days": 2, "hours": 3},
                    "Teman-teman, mohon isi jadwal piket loket pengaduan minggu depan. Senin dan Jumat masih kosong.",
                ),
                (first, {"days": 1, "hours": 20}, "Saya ambil hari Senin."),
            ],
        )

    def thread(
        self,
        desk: _Desk,
        title: str,
        ticket_id: uuid.UUID | None,
        posts: list[tuple[_Person, dict[str, float], str]],
    ) -> None:
        discussion_id = self.id()
        starter, started, _body = posts[0]
        self.conn.execute(
            insert(discussion).values(
                id=discussion_id,
                unit_id=desk.unit_id,
                title=title,
                ticket_id=ticket_id,
                created_by=starter.id,
                change_seq=self.change_seq,
                created_at=self.ago(**started),
            )
        )
        for author, when, body in posts:
            post_id = self.id()
            at = self.ago(**when)
            self.conn.execute(
                insert(discussion_post).values(
                    id=post_id,
                    discussion_id=discussion_id,
                    author_id=author.id,
                    body=body,
                    change_seq=self.change_seq,
                    created_at=at,
                )
            )
            mentioned = [desk.me.login] if f"@{desk.me.login}" in body else []
            if mentioned:  # unseen: the mention waits for the demo officer
                self.conn.execute(insert(mention).values(officer_id=desk.me.id, post_id=post_id))
            action = "discuss" if author is starter and when is started else "post"
            self.audit(action, ticket_id, author, at, discussion_id=discussion_id, post_id=post_id, mentions=mentioned)

    # --- referrals -----------------------------------------------------------------------------------

    def referrals(self, desk: _Desk) -> None:
        asked = desk.tickets[1]
        self.referral(
            asked.id,
            desk.unit_id,
            desk.other_unit_id,
            desk.colleagues[1],
            f"Mohon masukan {desk.other_unit_name}: apakah laporan ini pernah ditangani oleh unit Bapak/Ibu? "
            "Kami perlu memastikan sebelum menjawab pelapor.",
            self.ago(hours=20),
        )
        waiting = desk.other_ticket
        self.referral(
            waiting.id,
            desk.other_unit_id,
            desk.unit_id,
            desk.other_officer,
            f"Mohon informasi dari {desk.unit_name}: bagaimana prosedur yang berlaku untuk hal yang dilaporkan ini, "
            "dan berapa lama biasanya prosesnya? Jawaban Bapak/Ibu akan kami sampaikan kepada pelapor.",
            self.ago(hours=30),
        )

    def referral(
        self, ticket_id: uuid.UUID, from_unit: int, to_unit: int, by: _Person, question: str, at: datetime
    ) -> None:
        referral_id = self.id()
        self.conn.execute(
            insert(referral).values(
                id=referral_id,
                ticket_id=ticket_id,
                from_unit_id=from_unit,
                to_unit_id=to_unit,
                question=question,
                asked_by=by.id,
                change_seq=self.change_seq,
                created_at=at,
            )
        )
        to_code = self.conn.execute(select(unit.c.code).where(unit.c.id == to_unit)).scalar_one()
        self.audit("refer", ticket_id, by, at, referral_id=referral_id, to_unit=to_code, chars=len(question))

    # --- a hand-over ---------------------------------------------------------------------------------

    def handover(self, desk: _Desk) -> None:
        """A colleague answered offline while their claim ran out; the demo officer holds the report now."""
        held = desk.tickets[2]
        colleague = desk.colleagues[0]
        token = int(held.claim_token) + 1 + int(held.claim_token) % 2  # the next acquire: odd, held
        self.conn.execute(
            update(ticket)
            .where(ticket.c.id == held.id)
            .values(
                claimed_by=desk.me.id,
                claim_device=HANDOVER_DEVICE,
                claim_token=token,
                claim_expires_at=self.now + timedelta(hours=3),
            )
        )
        at = self.ago(hours=2)
        item_id = self.id()
        text = (
            "Yth. Pelapor,\n\nTerima kasih atas kesabaran Anda. Kami sudah meminta klarifikasi dari petugas yang "
            "bersangkutan dan akan menyampaikan hasilnya dalam dua hari kerja.\n\nHormat kami,\n"
            f"{colleague.name}\n{desk.unit_name}"
        )
        self.conn.execute(
            insert(handover_item).values(
                id=item_id,
                ticket_id=held.id,
                from_officer_id=colleague.id,
                to_officer_id=desk.me.id,
                op_id=self.id(),
                kind="reply",
                payload=json.dumps({"text": text, "message_id": str(self.id())}, ensure_ascii=False),
                change_seq=self.change_seq,
                created_at=at,
            )
        )
        self.audit("handover", held.id, colleague, at, kind="reply", item_id=item_id, reason="lost_claim")

    # --- a channel account whose intake failed -------------------------------------------------------

    def failing_channel(self, desk: _Desk) -> None:
        inserted = self.conn.execute(
            insert(channel_account).values(
                unit_id=desk.unit_id,
                channel=Channel.EMAIL.value,
                name="Surel pengaduan (demo)",
                config=json.dumps({"host": "imap.pengaduan.example.go.id", "user": "pengaduan"}),
                secret_ref=None,
                enabled=True,
                last_poll_at=self.ago(minutes=12),
                last_error=None,
            )
        ).inserted_primary_key
        assert inserted is not None
        first_at, last_at = self.ago(hours=6), self.ago(minutes=12)
        message = InboundMessage(
            channel=Channel.EMAIL,
            external_id="<demo-lampiran-besar@mail.example.com>",
            sender_address="warga.pelapor@example.com",
            sender_name="Warga Pelapor",
            subject="Bukti pungutan tanpa kuitansi",
            text="Berikut saya kirimkan rekaman dan foto sebagai bukti.",
            received_at=first_at,
        )
        self.conn.execute(
            insert(intake_error).values(
                account_id=int(inserted[0]),
                external_id=message.external_id,
                summary=f"{message.sender_name} <{message.sender_address}>: {message.subject}",
                error="an attachment is too large: rekaman.mp4 is 48 MB and the limit is 25 MB",
                payload=to_json(message),
                attempts=3,
                first_at=first_at,
                last_at=last_at,
            )
        )
