"""Linked duplicates: mark a ticket as a duplicate of a master, merge it, and answer a whole family.

Many citizens report the same broken bridge. One ticket becomes the master and the others its
duplicates (``ticket.master_id``); a master is never a duplicate itself, so a family is one level deep
and cannot form a cycle. Naming a duplicate as the master links to its master instead.

Two officers linking crossways at once (A under B while B goes under C) cannot build a chain: linking
writes the duplicate under its claim first and then touches the master with a conditional UPDATE that
holds only while the master is no duplicate; whoever comes second sees the first one's commit
(READ COMMITTED on the server engines, one writer at a time on SQLite) and is refused.

A bulk answer writes one reply per citizen, each rendered with that ticket's own variables, under a
claim on each ticket: the officer's own, or one taken for the answer. A family member held by another
officer is not answered over their head: the answer becomes a hand-over item for them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import func, select, update

from ..domain.canned import MissingVariable, canned_ref, render
from ..domain.canned_values import ticket_values
from ..domain.entities import Ticket
from ..domain.errors import BadInput, HeldByOther, LostClaim, NotFound
from ..domain.families import answered_in_bulk, derived_id
from ..domain.status import Status
from . import claims, handling, handovers, sla
from .claims import fenced_update, read_ticket, released
from .rows import ticket_select
from .schema import canned_response, officer, ticket, unit
from .work import Work


@dataclass(frozen=True, slots=True)
class Linked:
    """The outcome of linking, merging or unlinking: the duplicate as it is now, and its master."""

    ticket: Ticket
    master_id: UUID | None  # None after unlinking
    master_tracking_no: str | None
    previous_master_id: UUID | None  # the master it had before, if any


@dataclass(frozen=True, slots=True)
class FamilyReply:
    ticket_id: UUID
    tracking_no: str
    message_id: UUID
    claimed: bool  # the answer claimed the ticket (it was free); the officer keeps an open one
    released: bool  # ... and gave a closed (merged) one back at once


@dataclass(frozen=True, slots=True)
class FamilyHandover:
    ticket_id: UUID
    tracking_no: str
    holder: str | None
    handover_id: UUID


@dataclass(frozen=True, slots=True)
class BulkAnswer:
    master: Ticket
    canned_key: str
    canned_version: int
    replies: tuple[FamilyReply, ...]  # the master's first
    handed_over: tuple[FamilyHandover, ...]  # members held by another officer: not answered, handed over
    skipped: tuple[UUID, ...]  # members in units the officer may not see


# -- linking ----------------------------------------------------------------------------------------------


def link(work: Work, ticket_id: UUID, token: int, master_id: UUID) -> Linked:
    """Mark ``ticket_id`` (held under ``token``) as a duplicate of ``master_id`` (or of its master)."""
    current = read_ticket(work, ticket_id)
    master = _master_for(work, current, master_id)
    if current.master_id == master.id:
        raise BadInput(f"{current.tracking_no} is already a duplicate of {master.tracking_no}")
    fenced_update(work, ticket_id, token, {"master_id": master.id})
    _refuse_if_master(work, current)
    _hold_as_master(work, master)
    work.audit(
        "link",
        ticket_id,
        token,
        master_id=master.id,
        master=master.tracking_no,
        previous_master_id=current.master_id,
    )
    _audit_family_change(work, current, master.id, "duplicate_linked")
    return Linked(read_ticket(work, ticket_id), master.id, master.tracking_no, current.master_id)


def unlink(work: Work, ticket_id: UUID, token: int) -> Linked:
    """The ticket is no duplicate after all. A merged one stays archived (reopening is a status change)."""
    current = read_ticket(work, ticket_id)
    if current.master_id is None:
        raise BadInput(f"{current.tracking_no} is not linked to a master ticket")
    fenced_update(work, ticket_id, token, {"master_id": None})
    work.audit("unlink", ticket_id, token, master_id=current.master_id)
    _audit_family_change(work, current, None, "duplicate_unlinked")
    return Linked(read_ticket(work, ticket_id), None, None, current.master_id)


def merge(work: Work, ticket_id: UUID, token: int, master_id: UUID) -> Linked:
    """Link the ticket to the master and archive it, whatever its status: the master's handling answers
    for it (its citizen still gets the family's bulk answers). The claim ends; the master gets a note."""
    current = read_ticket(work, ticket_id)
    master = _master_for(work, current, master_id)
    if current.master_id == master.id and current.status is Status.DIARSIPKAN:
        raise BadInput(f"{current.tracking_no} is already merged into {master.tracking_no}")
    # Merging archives the duplicate directly, outside the transitions of change_status; its clocks stop.
    values: dict[str, object] = {
        "master_id": master.id,
        "status": Status.DIARSIPKAN.value,
        "closed_at": work.now,
        **released(),
    }
    fenced_update(work, ticket_id, token, values, renew=False)
    sla.status_changed(work, ticket_id, current.status, Status.DIARSIPKAN)
    _refuse_if_master(work, current)
    _hold_as_master(work, master)
    work.audit(
        "merged",
        ticket_id,
        token,
        master_id=master.id,
        master=master.tracking_no,
        old=current.status.value,
        previous_master_id=current.master_id,
    )
    _audit_family_change(work, current, master.id, "duplicate_merged")
    handling.add_note(
        work,
        master.id,
        f"Tiket {current.tracking_no} digabungkan ke tiket ini sebagai duplikat / "
        f"{current.tracking_no} was merged into this ticket as a duplicate.",
    )
    return Linked(read_ticket(work, ticket_id), master.id, master.tracking_no, current.master_id)


def _master_for(work: Work, duplicate: Ticket, wanted_id: UUID) -> Ticket:
    """The ticket ``duplicate`` goes under when the officer names ``wanted_id``: that ticket, or its master
    when it is a duplicate itself. Both must be tickets the officer may see."""
    if wanted_id == duplicate.id:
        raise BadInput(f"{duplicate.tracking_no} cannot be a duplicate of itself")
    wanted = read_ticket(work, wanted_id)
    if wanted.master_id is None:
        return wanted
    if wanted.master_id == duplicate.id:
        raise BadInput(
            f"{wanted.tracking_no} is a duplicate of {duplicate.tracking_no}: linking back would make a cycle"
        )
    try:
        return read_ticket(work, wanted.master_id)
    except NotFound:
        raise NotFound(
            f"{wanted.tracking_no} is a duplicate of a ticket you may not see; link to that master instead"
        ) from None


def _refuse_if_master(work: Work, current: Ticket) -> None:
    """A master cannot become a duplicate: its family would hang two levels deep. Read after the
    duplicate's row was written, so a duplicate linked to it meanwhile is seen."""
    members = work.conn.execute(
        select(func.count()).where(ticket.c.master_id == current.id, ticket.c.deleted_at.is_(None))
    ).scalar_one()
    if members:
        raise BadInput(
            f"{current.tracking_no} is the master of {members} duplicate(s): unlink them, or link them "
            "to the new master, first"
        )


def _hold_as_master(work: Work, master: Ticket) -> None:
    """Touch the master only while it is no duplicate (see the module's note on crossways links)."""
    held = work.conn.execute(
        update(ticket)
        .where(ticket.c.id == master.id, ticket.c.master_id.is_(None), ticket.c.deleted_at.is_(None))
        .values(row_version=ticket.c.row_version + 1, change_seq=work.seq, updated_at=work.now)
    ).rowcount
    if held != 1:
        raise BadInput(f"{master.tracking_no} was just linked as a duplicate itself: link to its master instead")


def _audit_family_change(work: Work, duplicate: Ticket, new_master: UUID | None, action: str) -> None:
    """The event on the master's side; relinking also tells the master it left."""
    if duplicate.master_id is not None and duplicate.master_id != new_master:
        work.audit(
            "duplicate_unlinked", duplicate.master_id, duplicate_id=duplicate.id, duplicate=duplicate.tracking_no
        )
    if new_master is not None:
        work.audit(action, new_master, duplicate_id=duplicate.id, duplicate=duplicate.tracking_no)


# -- answering a family -----------------------------------------------------------------------------------


def bulk_answer(
    work: Work,
    master_id: UUID,
    token: int,
    canned_key: str,
    canned_version: int | None,
    op_id: UUID,
    message_id: UUID | None = None,
) -> BulkAnswer:
    """Answer the master (held under ``token``) and each of its open or merged duplicates with canned
    response ``canned_key`` (``canned_version``; None: the newest), each citizen with their own rendering.

    Every rendering is checked before anything is written: one that cannot be filled refuses the whole
    answer. The ids of what is written are derived from ``op_id`` (``domain/families.py``).
    """
    assert work.actor is not None
    master = read_ticket(work, master_id)
    if master.master_id is not None:
        raise BadInput(f"{master.tracking_no} is a duplicate itself: answer its master's family instead")
    version, title, template = _canned(work, canned_key, canned_version)
    ref = canned_ref(canned_key, version)
    members, skipped = _family(work, master_id)
    rules = sla.read_rules(work.conn)
    texts = {row.id: _rendered(template, title, row, rules.calendar_for(row.unit_id).timezone) for row in members}

    replies = [
        FamilyReply(
            master_id,
            master.tracking_no,
            handling.reply(work, master_id, token, texts[master_id], op_id=op_id, message_id=message_id, canned=ref),
            claimed=False,
            released=False,
        )
    ]
    handed: list[FamilyHandover] = []
    for row in members:
        if row.id == master_id:
            continue
        answered = _answer_member(work, row, texts[row.id], op_id, ref)
        if isinstance(answered, FamilyReply):
            replies.append(answered)
        else:
            extra = {"bulk_answer_of": master.tracking_no, "canned": ref}
            handed.append(_hand_over(work, row, texts[row.id], op_id, extra))
    work.audit(
        "bulk_answer",
        master_id,
        token,
        canned_key=canned_key,
        canned_version=version,
        replies=len(replies),
        handed_over=len(handed),
    )
    return BulkAnswer(read_ticket(work, master_id), canned_key, version, tuple(replies), tuple(handed), skipped)


def _canned(work: Work, key: str, version: int | None) -> tuple[int, str, str]:
    """(version, title, wording) of canned response ``key`` at ``version`` (None: the newest), if the
    officer may use it and it is not retired (retiring switches its newest version off)."""
    assert work.actor is not None
    versions = work.conn.execute(
        select(canned_response).where(canned_response.c.key == key).order_by(canned_response.c.version.desc())
    ).all()
    row = next((v for v in versions if version is None or v.version == version), None)
    if row is None or (row.unit_id is not None and not work.actor.may_see(row.unit_id)):
        named = key if version is None else canned_ref(key, version)
        raise NotFound(f"no canned response {named!r} that you may use")
    if not versions[0].active:
        raise BadInput(f"canned response {key!r} is retired")
    return int(row.version), str(row.title), str(row.body)


def _family(work: Work, master_id: UUID) -> tuple[list[Any], tuple[UUID, ...]]:
    """The members a bulk answer goes to (the master first, then its duplicates by age), and the ids of
    duplicates in units the officer may not see."""
    assert work.actor is not None
    rows = work.conn.execute(
        ticket_select()
        .add_columns(unit.c.name.label("unit_name"))
        .where(
            (ticket.c.id == master_id) | (ticket.c.master_id == master_id),
            ticket.c.deleted_at.is_(None),
        )
        .order_by((ticket.c.id != master_id), ticket.c.created_at, ticket.c.id)
    ).all()
    members = [
        row
        for row in rows
        if row.id == master_id or (answered_in_bulk(Status(row.status)) and work.actor.may_see(row.unit_id))
    ]
    skipped = tuple(row.id for row in rows if row.id != master_id and not work.actor.may_see(row.unit_id))
    return members, skipped


def _rendered(template: str, title: str, row: Any, timezone: str) -> str:
    values = ticket_values(
        row.reporter_name, bool(row.reporter_anonymous), row.tracking_no, row.unit_name, row.due_at, timezone
    )
    try:
        return render(template, values, title)
    except MissingVariable as exc:
        exc.message = f"{row.tracking_no}: {exc.message}"
        exc.args = (exc.message,)
        raise


def _answer_member(work: Work, row: Any, text: str, op_id: UUID, ref: str) -> FamilyReply | None:
    """Reply to one duplicate under the officer's claim, taking a free one; None when another officer
    holds it (the caller hands the answer over)."""
    assert work.actor is not None
    claimed = row.claimed_by != work.actor.id
    if claimed:
        try:
            token = claims.claim(work, row.id).claim.token
        except HeldByOther:
            return None
    else:
        token = int(row.claim_token)  # the officer's own: its token stays, so their queued work stays valid
    try:
        message_id = handling.reply(
            work,
            row.id,
            token,
            text,
            op_id=derived_id(op_id, row.id, "reply"),
            message_id=derived_id(op_id, row.id, "message"),
            canned=ref,
        )
    except LostClaim:  # taken from the officer since the family was read: nothing was written
        return None
    give_back = claimed and Status(row.status).is_closed
    if give_back:
        claims.release(work, row.id, token)
    return FamilyReply(row.id, row.tracking_no, message_id, claimed=claimed, released=give_back)


def _hand_over(work: Work, row: Any, text: str, op_id: UUID, extra: dict[str, Any]) -> FamilyHandover:
    holder = work.conn.execute(
        select(ticket.c.claimed_by, officer.c.login)
        .outerjoin(officer, officer.c.id == ticket.c.claimed_by)
        .where(ticket.c.id == row.id)
    ).one()
    payload = {"text": text, "message_id": str(derived_id(op_id, row.id, "message")), **extra}
    item_id = handovers.record_handover(
        work, row.id, holder.claimed_by, derived_id(op_id, row.id, "handover"), "reply", payload, HeldByOther.code
    )
    return FamilyHandover(row.id, row.tracking_no, holder.login, item_id)
