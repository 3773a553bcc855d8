"""An officer's actions, offline-first: checked against the cache, queued, and shown at once.

Each action writes its outbox row and its overlay in one local transaction; the sync engine pushes it.
What the cache can already tell (an unknown ticket, a forbidden transition, a reply without a claim, a
claim someone else visibly holds) is refused here; everything else is decided by the central store.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, insert, select, update
from uuid6 import uuid7

from ..cache import schema as s
from ..cache.database import Cache
from ..cache.officer import me, my_unit_ids, postable_unit_ids, role_of
from ..cache.overlay import Seen, resolve, seen
from ..cache.scans import keep_scans
from ..cache.state import get_state, server_time
from ..domain.canned import check_canned_ref
from ..domain.claims import STEAL_REASON_MIN_CHARS, handover_is_for
from ..domain.errors import (
    AlreadyAnswered,
    BadInput,
    ForbiddenTransition,
    HeldByOther,
    NotFound,
    NotHolder,
    NotPermitted,
)
from ..domain.families import derived_id
from ..domain.operations import Op, OpKind
from ..domain.properties import clean_comment, property_change
from ..domain.scans import Scan, check_scans
from ..domain.status import Status, allowed_next, can_transition
from ..domain.text import clean_body, clean_name, clean_subject
from ..domain.vocabulary import Channel, Kind, Priority, Role
from ..views import families
from .closing import answered_since_last_message


def _now() -> datetime:
    return datetime.utcnow()  # naive UTC, as everywhere in the cache


class Desk:
    def __init__(self, cache: Cache) -> None:
        self.cache = cache

    # -- claims -----------------------------------------------------------------------------------------

    def claim(self, ref: str) -> Op:
        with self.cache.write() as conn:
            view = seen(conn, resolve(conn, ref))
            holder = view.holder_id
            if holder is not None and holder != me(conn) and view.expires_at and view.expires_at > server_time(conn):
                raise HeldByOther(_login(conn, holder), view.expires_at)
            return _queue(conn, OpKind.CLAIM, view, {}, claimed=True)

    def steal(self, ref: str, reason: str) -> Op:
        reason = " ".join(reason.split())
        if len(reason) < STEAL_REASON_MIN_CHARS:
            raise BadInput(f"a reason of at least {STEAL_REASON_MIN_CHARS} characters is required to take over")
        with self.cache.write() as conn:
            view = seen(conn, resolve(conn, ref))
            return _queue(conn, OpKind.STEAL, view, {"reason": reason}, claimed=True)

    def assign(self, ref: str, officer_login: str) -> Op:
        """A supervisor (of the ticket's unit or a unit above it) or an admin gives the ticket to an active
        officer of its unit: it lands claimed for them. Shown at once as theirs; the store decides."""
        with self.cache.write() as conn:
            return _assign(conn, seen(conn, resolve(conn, ref)), officer_login.strip())

    def renew(self, ref: str) -> Op:
        with self.cache.write() as conn:
            view = seen(conn, resolve(conn, ref))
            return _queue(conn, OpKind.RENEW, view, {}, fenced=True)

    def release(self, ref: str) -> Op:
        with self.cache.write() as conn:
            view = seen(conn, resolve(conn, ref))
            return _queue(conn, OpKind.RELEASE, view, {}, fenced=True, claimed=False)

    # -- handling ---------------------------------------------------------------------------------------

    def reply(self, ref: str, text: str, canned: str | None = None) -> Op:
        """``canned`` ("key@version"): the canned response the text was written from, for the audit log."""
        body = clean_body(text, "reply")
        if canned is not None:
            check_canned_ref(canned)
        with self.cache.write() as conn:
            return _reply(conn, seen(conn, resolve(conn, ref)), body, canned)

    def note(self, ref: str, text: str) -> Op:
        """Anyone who sees the ticket may note; a holder's note carries the claim (and renews it)."""
        body = clean_body(text, "note")
        with self.cache.write() as conn:
            view = seen(conn, resolve(conn, ref))
            note_id = uuid7()
            holds = _holds(conn, view)
            op = _queue(conn, OpKind.NOTE, view, {"text": body, "note_id": str(note_id)}, fenced=holds)
            conn.execute(
                insert(s.local_note).values(
                    id=note_id, op_id=op.op_id, ticket_id=view.ticket_id, body=body, created_at=_now()
                )
            )
            return op

    def status(self, ref: str, target: Status, comment: str | None = None) -> Op:
        """``comment``: why, in the officer's words; the history shows it beside the change."""
        with self.cache.write() as conn:
            return _status(conn, seen(conn, resolve(conn, ref)), target, comment)

    def close(self, ref: str, target: Status, answer: str | None = None, reason: str | None = None) -> list[Op]:
        """Close the ticket I hold (``target`` a closed status): the final answer to the citizen if given, the
        status change with the closing reason as its comment, then the release of my claim. All queued in one
        local transaction, in that order, so that it works offline too. Unless the reporter was answered after
        their last message, a closing needs the final answer or a reason (``desk/closing.py``)."""
        if not target.is_closed:
            raise BadInput(f"{target.value} does not close a ticket")
        body = clean_body(answer, "final answer") if answer is not None and answer.strip() else None
        reason = " ".join(reason.split()) if reason else None
        with self.cache.write() as conn:
            ticket_id = resolve(conn, ref)
            if body is None and not reason and not answered_since_last_message(conn, ticket_id):
                raise BadInput("closing needs the final answer to the reporter or a closing reason")
            done = [] if body is None else [_reply(conn, seen(conn, ticket_id), body)]
            done.append(_status(conn, seen(conn, ticket_id), target, reason))
            done.append(_queue(conn, OpKind.RELEASE, seen(conn, ticket_id), {}, fenced=True, claimed=False))
            return done

    def set_properties(
        self, ref: str, priority: Priority | None = None, kind: Kind | None = None, category: str | None = None
    ) -> Op:
        """Correct the priority, kind or category of the ticket I hold; ``category`` "" removes it."""
        change = property_change(priority, kind, category)
        with self.cache.write() as conn:
            return _queue(conn, OpKind.SET_PROPERTIES, seen(conn, resolve(conn, ref)), change.payload(), fenced=True)

    def transfer(self, ref: str, unit_code: str, reason: str | None = None) -> Op:
        with self.cache.write() as conn:
            return _transfer(conn, seen(conn, resolve(conn, ref)), unit_code, reason)

    def create(
        self,
        unit: str,
        kind: Kind,
        channel: Channel,
        subject: str,
        body: str,
        priority: Priority = Priority.SEDANG,
        category: str | None = None,
        reporter_name: str | None = None,
        reporter_contact: str | None = None,
        anonymous: bool = False,
        confidential: bool = False,
        attachments: Sequence[Scan] = (),
    ) -> Op:
        """A report taken by phone, at the desk or by letter; the server numbers it when it arrives.

        ``attachments``: scans checked with ``domain.scans`` (checked again here); their bytes wait in the
        cache and travel with the report when it is pushed (``sync/scans.py``)."""
        category, reporter_name, reporter_contact = _report_lines(category, reporter_name, reporter_contact)
        if anonymous and reporter_name:
            raise BadInput("an anonymous report cannot carry the reporter's name")
        scans = check_scans((scan.filename, scan.content) for scan in attachments)
        fields: dict[str, Any] = {
            "unit": unit,
            "kind": kind.value,
            "channel": channel.value,
            "subject": clean_subject(subject),
            "body": clean_body(body, "message"),
            "priority": int(priority),
            "category": category,
            "reporter_name": reporter_name,
            "reporter_contact": reporter_contact,
            "anonymous": anonymous,
            "confidential": confidential,
        }
        with self.cache.write() as conn:
            unit_id = conn.execute(select(s.unit.c.id).where(s.unit.c.code == unit)).scalar()
            if unit_id is None:
                raise NotFound(f"no unit with code {unit!r}")
            if scans:
                fields["attachments"] = keep_scans(conn, scans)
            ticket_id = uuid7()
            op = Op(op_id=uuid7(), kind=OpKind.CREATE, ticket_id=ticket_id, payload=fields, offline=_offline(conn))
            _insert_op(conn, op, None)
            conn.execute(
                insert(s.local_ticket).values(
                    ticket_id=ticket_id,
                    op_id=op.op_id,
                    status=Status.DITERIMA.value,
                    unit_code=unit,
                    new_ticket=json.dumps(fields, ensure_ascii=False),
                    claimed=True,
                )
            )
            # The officer who records a walk-in or a call handles it: the claim is queued right behind the
            # report (pushed in order), so replies and notes made before the server numbers it carry it.
            claim = Op(op_id=uuid7(), kind=OpKind.CLAIM, ticket_id=ticket_id, payload={}, offline=op.offline)
            _insert_op(conn, claim, None)
            return op

    # -- team discussion --------------------------------------------------------------------------------

    def start_discussion(self, unit_code: str, title: str, body: str, ticket_ref: str | None = None) -> Op:
        """A thread in one of my units with its first post; ``ticket_ref`` (id or tracking number) links a
        ticket. The ticket's id rides in the payload: the operation itself is not about the ticket."""
        fields: dict[str, Any] = {"title": clean_subject(title), "body": clean_body(body, "post")}
        with self.cache.write() as conn:
            unit_id = conn.execute(select(s.unit.c.id).where(s.unit.c.code == unit_code)).scalar()
            if unit_id is None:
                raise NotFound(f"no unit with code {unit_code!r}")
            if int(unit_id) not in postable_unit_ids(conn):
                raise NotPermitted(f"you may not start a thread in unit {unit_code!r}")
            ticket_id = resolve(conn, ticket_ref.strip()) if ticket_ref and ticket_ref.strip() else None
            discussion_id, post_id = uuid7(), uuid7()
            payload = {
                **fields,
                "discussion_id": str(discussion_id),
                "post_id": str(post_id),
                "unit": unit_code,
                "ticket_id": None if ticket_id is None else str(ticket_id),
            }
            op = Op(op_id=uuid7(), kind=OpKind.DISCUSS, ticket_id=None, payload=payload, offline=_offline(conn))
            _insert_op(conn, op, None)
            now = _now()
            conn.execute(
                insert(s.local_discussion).values(
                    id=discussion_id,
                    op_id=op.op_id,
                    unit_id=unit_id,
                    title=fields["title"],
                    ticket_id=ticket_id,
                    created_at=now,
                )
            )
            conn.execute(
                insert(s.local_post).values(
                    id=post_id, op_id=op.op_id, discussion_id=discussion_id, body=fields["body"], created_at=now
                )
            )
            return op

    def post(self, discussion_id: UUID, body: str) -> Op:
        text = clean_body(body, "post")
        with self.cache.write() as conn:
            known = conn.execute(select(s.discussion.c.id).where(s.discussion.c.id == discussion_id)).first()
            queued = conn.execute(select(s.local_discussion.c.id).where(s.local_discussion.c.id == discussion_id))
            if known is None and queued.first() is None:
                raise NotFound(f"no thread {discussion_id} in the local cache")
            post_id = uuid7()
            payload = {"discussion_id": str(discussion_id), "post_id": str(post_id), "body": text}
            op = Op(op_id=uuid7(), kind=OpKind.POST, ticket_id=None, payload=payload, offline=_offline(conn))
            _insert_op(conn, op, None)
            conn.execute(
                insert(s.local_post).values(
                    id=post_id, op_id=op.op_id, discussion_id=discussion_id, body=text, created_at=_now()
                )
            )
            return op

    # -- duplicates and work across units -------------------------------------------------------------------

    def link(self, ref: str, master_ref: str) -> Op:
        """Mark the ticket I hold as a duplicate of ``master_ref`` (of its master, when that is a duplicate)."""
        with self.cache.write() as conn:
            return _link(conn, seen(conn, resolve(conn, ref)), resolve(conn, master_ref), merge=False)

    def unlink(self, ref: str) -> Op:
        with self.cache.write() as conn:
            return _unlink(conn, seen(conn, resolve(conn, ref)))

    def merge(self, ref: str, master_ref: str) -> Op:
        """Link the ticket I hold to ``master_ref`` and archive it; my claim on it ends."""
        with self.cache.write() as conn:
            return _link(conn, seen(conn, resolve(conn, ref)), resolve(conn, master_ref), merge=True)

    def bulk_answer(self, master_ref: str, canned_key: str) -> Op:
        """Answer the master I hold and its open or merged duplicates with the newest version of canned
        response ``canned_key``, each citizen with their own rendering (``families.bulk_preview``)."""
        with self.cache.write() as conn:
            return _bulk_answer(conn, seen(conn, resolve(conn, master_ref)), canned_key)

    def return_for_disposition(self, ref: str, reason: str) -> Op:
        """Bukan wewenang: send the ticket I hold back to the unit that disposes of it anew; my claim ends."""
        with self.cache.write() as conn:
            return _return_for_disposition(conn, seen(conn, resolve(conn, ref)), reason)

    def refer(self, ref: str, unit_code: str, question: str) -> Op:
        """Ask unit ``unit_code`` about a ticket I see, without handing it over; a holder's question renews."""
        text = clean_body(question, "question")
        with self.cache.write() as conn:
            view = seen(conn, resolve(conn, ref))
            to_unit_id = conn.execute(select(s.unit.c.id).where(s.unit.c.code == unit_code)).scalar()
            if to_unit_id is None:
                raise NotFound(f"no unit with code {unit_code!r}")
            if unit_code == view.unit_code:
                name = view.tracking_no or view.ticket_id
                raise BadInput(f"{name} is in unit {unit_code!r} already: refer it to another unit")
            referral_id = uuid7()
            payload = {"referral_id": str(referral_id), "unit": unit_code, "question": text}
            op = _queue(conn, OpKind.REFER, view, payload, fenced=_holds(conn, view))
            conn.execute(
                insert(s.local_referral).values(
                    op_id=op.op_id,
                    referral_id=referral_id,
                    ticket_id=view.ticket_id,
                    to_unit_id=to_unit_id,
                    question=text,
                    created_at=_now(),
                )
            )
            return op

    def answer_referral(self, referral_id: UUID, text: str) -> Op:
        """Answer a referral to one of my units (or units below mine); it becomes a note on the ticket."""
        body = clean_body(text, "answer")
        with self.cache.write() as conn:
            row = conn.execute(select(s.referral).where(s.referral.c.id == referral_id)).first()
            if row is None:
                raise NotFound(f"no referral {referral_id} in the local cache")
            if row.answered_at is not None:
                who = _login(conn, row.answered_by) if row.answered_by is not None else "another officer"
                raise AlreadyAnswered(f"the referral on {row.ticket_tracking_no} was already answered by {who}")
            if int(row.to_unit_id) not in postable_unit_ids(conn):
                code = conn.execute(select(s.unit.c.code).where(s.unit.c.id == row.to_unit_id)).scalar()
                raise NotPermitted(f"only officers of unit {code!r} (or its supervisors) may answer this referral")
            answering = select(s.local_referral.c.op_id).where(
                s.local_referral.c.referral_id == referral_id, s.local_referral.c.answer.is_not(None)
            )
            if conn.execute(answering).first() is not None:
                raise BadInput(f"your answer to the referral on {row.ticket_tracking_no} is already queued")
            payload = {"referral_id": str(referral_id), "text": body}
            op = Op(op_id=uuid7(), kind=OpKind.ANSWER_REFERRAL, ticket_id=None, payload=payload, offline=_offline(conn))
            _insert_op(conn, op, None)
            conn.execute(
                insert(s.local_referral).values(op_id=op.op_id, referral_id=referral_id, answer=body, created_at=_now())
            )
            return op

    # -- attention ----------------------------------------------------------------------------------------

    def resolve_handover(self, item_id: UUID, accepted: bool) -> Op:
        """Mark work a colleague's lost claim handed over to me as taken over (``accepted``) or not needed.

        Accepting this way queues nothing else: see ``accept_handover`` to redo the work under my claim."""
        with self.cache.write() as conn:
            _open_handover(conn, item_id)
            return _queue_resolution(conn, item_id, accepted)

    def accept_handover(self, item_id: UUID) -> list[Op]:
        """Redo the handed-over reply, status change or transfer under my own claim, and resolve the item as
        accepted: both queued in one local transaction, the work first. A change the ticket no longer allows
        (another status by now) is refused here and nothing is queued."""
        with self.cache.write() as conn:
            item = _open_handover(conn, item_id)
            view = seen(conn, UUID(str(item.ticket_id)))
            payload = json.loads(item.payload)
            kind = OpKind(item.kind)
            if kind is OpKind.REPLY:
                canned = payload.get("canned")
                body = clean_body(str(payload.get("text", "")), "reply")
                work = _reply(conn, view, body, canned if isinstance(canned, str) else None)
            elif kind is OpKind.STATUS:
                try:
                    target = Status(payload.get("status"))
                except ValueError:
                    raise BadInput(f"hand-over item {item_id} names an unknown status") from None
                comment = payload.get("comment")
                work = _status(conn, view, target, comment if isinstance(comment, str) else None)
            elif kind is OpKind.TRANSFER:
                work = _transfer(conn, view, str(payload.get("unit", "")), payload.get("reason"))
            elif kind in (OpKind.LINK, OpKind.MERGE):
                try:
                    master_id = UUID(str(payload.get("master_id")))
                except ValueError:
                    raise BadInput(f"hand-over item {item_id} names no master ticket") from None
                work = _link(conn, view, master_id, merge=kind is OpKind.MERGE)
            elif kind is OpKind.UNLINK:
                work = _unlink(conn, view)
            elif kind is OpKind.RETURN_FOR_DISPOSITION:
                work = _return_for_disposition(conn, view, str(payload.get("reason", "")))
            elif kind is OpKind.BULK_ANSWER:
                work = _bulk_answer(conn, view, str(payload.get("canned_key", "")))
            else:
                raise BadInput(f"a handed-over {kind.value} cannot be redone")
            return [work, _queue_resolution(conn, item_id, accepted=True)]

    def dismiss(self, op_id: UUID) -> None:
        """Take a rejected or handed-over operation of mine off the attention list (this workstation only)."""
        with self.cache.write() as conn:
            row = conn.execute(select(s.outbox.c.state).where(s.outbox.c.op_id == op_id)).first()
            if row is None or row.state not in ("rejected", "handed_over"):
                raise NotFound(f"no rejected or handed-over operation {op_id} to dismiss")
            conn.execute(
                update(s.outbox)
                .where(s.outbox.c.op_id == op_id, s.outbox.c.dismissed_at.is_(None))
                .values(dismissed_at=_now())
            )


def _reply(conn: Connection, view: Seen, body: str, canned: str | None = None) -> Op:
    message_id = uuid7()
    payload = {"text": body, "message_id": str(message_id)} | ({"canned": canned} if canned else {})
    op = _queue(conn, OpKind.REPLY, view, payload, fenced=True)
    conn.execute(
        insert(s.local_message).values(
            id=message_id, op_id=op.op_id, ticket_id=view.ticket_id, body_text=body, created_at=_now()
        )
    )
    return op


def _assign(conn: Connection, view: Seen, officer_login: str) -> Op:
    name = view.tracking_no or str(view.ticket_id)
    if role_of(conn, me(conn)) not in (Role.SUPERVISOR, Role.ADMIN):
        raise NotPermitted("only supervisors and admins may assign a report")
    if view.status.is_closed:
        raise BadInput(f"{name} is closed ({view.status.value}): it cannot be assigned")
    assignee = conn.execute(
        select(s.officer.c.id, s.officer.c.name, s.officer.c.active).where(s.officer.c.login == officer_login)
    ).first()
    if assignee is None:
        raise NotFound(f"no officer with login {officer_login!r}")
    if not assignee.active:
        raise NotPermitted(f"officer {officer_login!r} is deactivated: a report cannot be assigned to them")
    unit_id = conn.execute(select(s.unit.c.id).where(s.unit.c.code == view.unit_code)).scalar()
    member = conn.execute(
        select(s.membership.c.officer_id).where(
            s.membership.c.officer_id == assignee.id, s.membership.c.unit_id == unit_id
        )
    ).first()
    if member is None:
        raise NotPermitted(f"{assignee.name} is not an officer of unit {view.unit_code!r}: assign it within the unit")
    op = _queue(conn, OpKind.ASSIGN, view, {"officer": officer_login})
    # The overlay shows the assignee as holder at once; a claim or release queued before it is superseded.
    shown = {"op_id": op.op_id, "assigned_to": int(assignee.id), "claimed": None}
    overlaid = update(s.local_ticket).where(s.local_ticket.c.ticket_id == view.ticket_id).values(**shown)
    if not conn.execute(overlaid).rowcount:
        conn.execute(insert(s.local_ticket).values(ticket_id=view.ticket_id, **shown))
    return op


def _status(conn: Connection, view: Seen, target: Status, comment: str | None = None) -> Op:
    if not can_transition(view.status, target):
        allowed = ", ".join(sorted(x.value for x in allowed_next(view.status)))
        name = view.tracking_no or str(view.ticket_id)
        message = f"{name} is {view.status.value}; it can go to: {allowed}, not {target.value}"
        raise ForbiddenTransition(message, current=view.status.value, target=target.value)
    comment = clean_comment(comment)
    payload = {"status": target.value} | ({"comment": comment} if comment else {})
    return _queue(conn, OpKind.STATUS, view, payload, fenced=True, status=target.value)


def _transfer(conn: Connection, view: Seen, unit_code: str, reason: str | None) -> Op:
    if conn.execute(select(s.unit.c.id).where(s.unit.c.code == unit_code)).scalar() is None:
        raise NotFound(f"no unit with code {unit_code!r}")
    if unit_code == view.unit_code:
        raise BadInput(f"{view.tracking_no or view.ticket_id} is already in unit {unit_code!r}")
    reason = " ".join(reason.split()) if reason else None
    op_payload = {"unit": unit_code, "reason": reason}
    return _queue(conn, OpKind.TRANSFER, view, op_payload, fenced=True, claimed=False, unit_code=unit_code)


def _link(conn: Connection, view: Seen, master_id: UUID, merge: bool) -> Op:
    families.checked_master(conn, view.ticket_id, master_id, merging=merge)
    payload = {"master_id": str(master_id)}  # as named: the store follows it to its master with fresher data
    if not merge:
        return _queue(conn, OpKind.LINK, view, payload, fenced=True)
    archived = Status.DIARSIPKAN.value
    return _queue(conn, OpKind.MERGE, view, payload, fenced=True, claimed=False, status=archived)


def _unlink(conn: Connection, view: Seen) -> Op:
    if families.master_of(conn, view.ticket_id) is None:
        raise BadInput(f"{view.tracking_no or view.ticket_id} is not linked to a master ticket")
    return _queue(conn, OpKind.UNLINK, view, {}, fenced=True)


def _bulk_answer(conn: Connection, view: Seen, canned_key: str) -> Op:
    """Queued with the version rendered here, so the store renders the same wording; each answer shows at
    once under the message id the store will give it (``domain/families.derived_id``)."""
    if not _holds(conn, view):
        raise NotHolder(f"you do not hold ticket {view.tracking_no or view.ticket_id}: claim it first")
    preview = families.bulk_preview(conn, view.ticket_id, canned_key)
    message_id = uuid7()
    payload = {"canned_key": canned_key, "canned_version": preview.canned_version, "message_id": str(message_id)}
    op = _queue(conn, OpKind.BULK_ANSWER, view, payload, fenced=True)
    now = _now()
    for member in preview.members:
        if member.handed_over:
            continue
        master = member.ticket_id == view.ticket_id
        shown_id = message_id if master else derived_id(op.op_id, member.ticket_id, "message")
        conn.execute(
            insert(s.local_message).values(
                id=shown_id, op_id=op.op_id, ticket_id=member.ticket_id, body_text=member.text, created_at=now
            )
        )
    return op


def _return_for_disposition(conn: Connection, view: Seen, reason: str) -> Op:
    reason = " ".join(reason.split())
    if not reason:
        raise BadInput("a reason is required to send a ticket back as not this unit's authority")
    target = Status.BUKAN_WEWENANG
    if not can_transition(view.status, target):
        allowed = ", ".join(sorted(x.value for x in allowed_next(view.status)))
        name = view.tracking_no or str(view.ticket_id)
        message = f"{name} is {view.status.value}; it can go to: {allowed}, not {target.value}"
        raise ForbiddenTransition(message, current=view.status.value, target=target.value)
    payload = {"reason": reason}
    kind = OpKind.RETURN_FOR_DISPOSITION
    return _queue(conn, kind, view, payload, fenced=True, claimed=False, status=target.value)


def _open_handover(conn: Connection, item_id: UUID) -> Any:
    """The mirrored hand-over item, if it is still open and mine (or I supervise) to resolve."""
    item = conn.execute(select(s.handover_item).where(s.handover_item.c.id == item_id)).first()
    if item is None:
        raise NotFound(f"no hand-over item {item_id} in the local cache")
    if item.resolved_at is not None:
        raise BadInput(f"hand-over item {item_id} is already resolved")
    mine = me(conn)
    unit_id = conn.execute(select(s.ticket.c.unit_id).where(s.ticket.c.id == item.ticket_id)).scalar()
    for_me = (
        mine is not None
        and unit_id is not None
        and handover_is_for(item.to_officer_id, unit_id, mine, my_unit_ids(conn))
    )
    if not for_me and role_of(conn, mine) not in (Role.SUPERVISOR, Role.ADMIN):
        raise NotPermitted(
            "only the officer it was handed to (the unit's officers, when nobody held the ticket), "
            "or a supervisor, may resolve a hand-over"
        )
    pending = conn.execute(
        select(s.outbox.c.payload).where(
            s.outbox.c.kind == OpKind.RESOLVE_HANDOVER.value, s.outbox.c.state == "pending"
        )
    ).scalars()
    if any(json.loads(payload).get("item_id") == str(item_id) for payload in pending):
        raise BadInput(f"hand-over item {item_id} is already being resolved")
    return item


def _queue_resolution(conn: Connection, item_id: UUID, accepted: bool) -> Op:
    payload = {"item_id": str(item_id), "accepted": accepted}
    op = Op(op_id=uuid7(), kind=OpKind.RESOLVE_HANDOVER, ticket_id=None, payload=payload, offline=_offline(conn))
    _insert_op(conn, op, None)
    return op


def _report_lines(category: str | None, name: str | None, contact: str | None) -> tuple[str | None, ...]:
    """Category, reporter name and contact cleaned as the server will clean them (``text.clean_name``): a
    value the server would refuse is refused now, while the officer can still mend it."""
    return (clean_name("category", category), clean_name("reporter name", name), clean_name("contact", contact))


def _offline(conn: Connection) -> bool:
    return get_state(conn, "online") != "1"


def _login(conn: Connection, officer_id: int) -> str:
    return str(conn.execute(select(s.officer.c.login).where(s.officer.c.id == officer_id)).scalar() or officer_id)


def _holds(conn: Connection, view: Seen) -> bool:
    if view.released:
        return False
    return view.pending_claim is not None or (view.holder_id is not None and view.holder_id == me(conn))


def _queue(
    conn: Connection,
    kind: OpKind,
    view: Seen,
    payload: dict[str, Any],
    fenced: bool = False,
    claimed: bool | None = None,
    status: str | None = None,
    unit_code: str | None = None,
) -> Op:
    token: int | None = None
    token_from: UUID | None = None
    if fenced:
        if not _holds(conn, view):
            raise NotHolder(f"you do not hold ticket {view.tracking_no or view.ticket_id}: claim it first")
        if view.pending_claim is not None:
            token_from = view.pending_claim
        else:
            token = view.token
    op = Op(op_id=uuid7(), kind=kind, ticket_id=view.ticket_id, payload=payload, token=token, offline=_offline(conn))
    _insert_op(conn, op, token_from)
    overlay: dict[str, object] = {"op_id": op.op_id}
    if claimed is not None:
        overlay["claimed"] = claimed
        overlay["assigned_to"] = None  # a claim or release queued after an assignment supersedes it
    if status is not None:
        overlay["status"] = status
    if unit_code is not None:
        overlay["unit_code"] = unit_code
    if len(overlay) > 1:
        updated = conn.execute(
            update(s.local_ticket).where(s.local_ticket.c.ticket_id == view.ticket_id).values(**overlay)
        ).rowcount
        if not updated:
            conn.execute(insert(s.local_ticket).values(ticket_id=view.ticket_id, **overlay))
    return op


def _insert_op(conn: Connection, op: Op, token_from: UUID | None) -> None:
    conn.execute(
        insert(s.outbox).values(
            op_id=op.op_id,
            kind=op.kind.value,
            ticket_id=op.ticket_id,
            payload=json.dumps(op.payload, ensure_ascii=False),
            token=op.token,
            token_from=token_from,
            offline=op.offline,
            created_at=_now(),
            state="pending",
            attempts=0,
        )
    )
