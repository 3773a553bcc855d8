"""Families of linked duplicates as the cache sees them, and a bulk answer rendered before it is queued.

The mirror's ``master_id`` with this officer's queued link, unlink and merge operations laid over it, in
the order they were made: the family the officer sees is the one their queued work will make. The central
store decides again when the operations arrive; what is rendered here uses the same rules
(``domain/canned_values.py``), so a template that cannot be filled is refused before anything is queued.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, select

from ..cache import schema as s
from ..cache.database import Cache
from ..cache.officer import me
from ..cache.state import server_time
from ..domain.canned import render
from ..domain.canned_values import ticket_values
from ..domain.errors import BadInput, NotFound
from ..domain.families import answered_in_bulk
from ..domain.operations import OpKind
from ..domain.status import Status
from ..store.sla import read_rules
from .deadlines import CACHE_RULES

_FAMILY_OPS = (OpKind.LINK.value, OpKind.MERGE.value, OpKind.UNLINK.value)


@dataclass(frozen=True, slots=True)
class FamilyMember:
    ticket_id: UUID
    tracking_no: str
    subject: str
    status: Status  # with a queued status change or merge laid over
    unit_code: str | None
    holder_login: str | None  # as last pulled
    pending: bool  # a link, unlink or merge of this ticket is still queued


@dataclass(frozen=True, slots=True)
class CachedFamily:
    master: FamilyMember
    duplicates: tuple[FamilyMember, ...]  # oldest first; empty when the ticket has no family


@dataclass(frozen=True, slots=True)
class PreviewMember:
    """What one citizen of the family will get from a bulk answer."""

    ticket_id: UUID
    tracking_no: str
    text: str  # rendered for this ticket
    handed_over: bool  # another officer holds it (as last pulled): it becomes a hand-over item for them
    holder_login: str | None


@dataclass(frozen=True, slots=True)
class BulkPreview:
    canned_key: str
    canned_version: int
    title: str
    members: tuple[PreviewMember, ...]  # the master first


def pending_masters(conn: Connection) -> dict[UUID, UUID | None]:
    """The master each ticket will have once my queued link, unlink and merge operations are applied."""
    rows = conn.execute(
        select(s.outbox.c.kind, s.outbox.c.ticket_id, s.outbox.c.payload)
        .where(s.outbox.c.state == "pending", s.outbox.c.kind.in_(_FAMILY_OPS))
        .order_by(s.outbox.c.seq)
    ).all()
    found: dict[UUID, UUID | None] = {}
    for row in rows:
        if row.kind == OpKind.UNLINK.value:
            found[UUID(str(row.ticket_id))] = None
            continue
        named = UUID(str(json.loads(row.payload)["master_id"]))
        above = found[named] if named in found else _mirrored_master(conn, named)
        found[UUID(str(row.ticket_id))] = above or named
    return found


def master_of(conn: Connection, ticket_id: UUID, pending: dict[UUID, UUID | None] | None = None) -> UUID | None:
    pending = pending_masters(conn) if pending is None else pending
    return pending[ticket_id] if ticket_id in pending else _mirrored_master(conn, ticket_id)


def checked_master(conn: Connection, ticket_id: UUID, wanted_id: UUID, merging: bool = False) -> UUID:
    """The master ``ticket_id`` would go under when the officer names ``wanted_id`` (its master when it is
    a duplicate); BadInput for what the store would refuse: itself, a cycle, a master of others, and
    linking (not merging) a ticket under the master it has."""
    pending = pending_masters(conn)
    name = _name(conn, ticket_id)
    if wanted_id == ticket_id:
        raise BadInput(f"{name} cannot be a duplicate of itself")
    master = master_of(conn, wanted_id, pending) or wanted_id
    if master == ticket_id:
        raise BadInput(f"{_name(conn, wanted_id)} is a duplicate of {name}: linking back would make a cycle")
    if not merging and master_of(conn, ticket_id, pending) == master:
        raise BadInput(f"{name} is already a duplicate of {_name(conn, master)}")
    members = _member_ids(conn, ticket_id, pending)
    if members:
        raise BadInput(
            f"{name} is the master of {len(members)} duplicate(s): unlink them, or link them to the new master, first"
        )
    return master


def family(conn: Connection, ticket_id: UUID) -> CachedFamily:
    """The family ``ticket_id`` belongs to (as master or duplicate), with my queued changes laid over."""
    pending = pending_masters(conn)
    master_id = master_of(conn, ticket_id, pending) or ticket_id
    rows = _rows(conn, [master_id, *_member_ids(conn, master_id, pending)])
    if master_id not in rows:
        raise NotFound(f"no ticket {master_id} in the local cache")
    statuses = {r.ticket_id: r.status for r in conn.execute(select(s.local_ticket)) if r.status}
    members = [_member(rows[i], statuses, pending) for i in rows]
    duplicates = sorted((m for m in members if m.ticket_id != master_id), key=lambda m: _age(rows[m.ticket_id]))
    return CachedFamily(next(m for m in members if m.ticket_id == master_id), tuple(duplicates))


def bulk_preview(conn: Connection, master_id: UUID, canned_key: str) -> BulkPreview:
    """Each citizen's answer from the newest version of ``canned_key`` in the cache: the master's and its
    open or merged duplicates'. MissingVariable (naming the ticket) when one cannot be rendered."""
    pending = pending_masters(conn)
    if master_of(conn, master_id, pending) is not None:
        raise BadInput(f"{_name(conn, master_id)} is a duplicate itself: answer its master's family instead")
    version, title, template = _template(conn, canned_key)
    rows = _rows(conn, [master_id, *_member_ids(conn, master_id, pending)])
    if master_id not in rows:
        raise NotFound(f"no ticket {master_id} in the local cache")
    statuses = {r.ticket_id: r.status for r in conn.execute(select(s.local_ticket)) if r.status}
    mine, now = me(conn), server_time(conn)
    rules = read_rules(conn, CACHE_RULES)
    members = []
    ordered = [rows[master_id], *sorted((r for i, r in rows.items() if i != master_id), key=_age)]
    for row in ordered:
        status = Status(statuses.get(row.id) or row.status)
        if row.id != master_id and not answered_in_bulk(status):
            continue
        zone = rules.calendar_for(row.unit_id).timezone
        values = ticket_values(
            row.reporter_name, bool(row.reporter_anonymous), row.tracking_no, row.unit_name, row.due_at, zone
        )
        try:
            text = render(template, values, title)
        except BadInput as exc:
            exc.message = f"{row.tracking_no}: {exc.message}"
            exc.args = (exc.message,)
            raise
        other = row.claimed_by is not None and row.claimed_by != mine and row.claim_expires_at is not None
        held_by_other = row.id != master_id and other and row.claim_expires_at > now
        members.append(PreviewMember(row.id, row.tracking_no, text, held_by_other, row.holder_login))
    return BulkPreview(canned_key, version, title, tuple(members))


def load_bulk_preview(cache: Cache, master_id: UUID, canned_key: str) -> BulkPreview:
    with cache.read() as conn:
        return bulk_preview(conn, master_id, canned_key)


# -- helpers ----------------------------------------------------------------------------------------------

_holder = s.officer.alias("holder")


def _mirrored_master(conn: Connection, ticket_id: UUID) -> UUID | None:
    found = conn.execute(select(s.ticket.c.master_id).where(s.ticket.c.id == ticket_id)).scalar()
    return None if found is None else UUID(str(found))


def _member_ids(conn: Connection, master_id: UUID, pending: dict[UUID, UUID | None]) -> list[UUID]:
    mirrored = conn.execute(select(s.ticket.c.id).where(s.ticket.c.master_id == master_id)).scalars()
    candidates = {UUID(str(i)) for i in mirrored} | set(pending)
    return [i for i in candidates if master_of(conn, i, pending) == master_id]


def _rows(conn: Connection, ids: list[UUID]) -> dict[UUID, Any]:
    query = (
        select(
            s.ticket,
            s.unit.c.code.label("unit_code"),
            s.unit.c.name.label("unit_name"),
            _holder.c.login.label("holder_login"),
        )
        .outerjoin(s.unit, s.unit.c.id == s.ticket.c.unit_id)
        .outerjoin(_holder, _holder.c.id == s.ticket.c.claimed_by)
        .where(s.ticket.c.id.in_(ids))
    )
    return {UUID(str(row.id)): row for row in conn.execute(query)}


def _member(row: Any, statuses: dict[Any, str], pending: dict[UUID, UUID | None]) -> FamilyMember:
    return FamilyMember(
        ticket_id=row.id,
        tracking_no=row.tracking_no,
        subject=row.subject,
        status=Status(statuses.get(row.id) or row.status),
        unit_code=row.unit_code,
        holder_login=row.holder_login,
        pending=row.id in pending,
    )


def _age(row: Any) -> tuple[Any, str]:
    return (row.created_at, str(row.id))


def _name(conn: Connection, ticket_id: UUID) -> str:
    tracking = conn.execute(select(s.ticket.c.tracking_no).where(s.ticket.c.id == ticket_id)).scalar()
    return str(tracking or ticket_id)


def _template(conn: Connection, key: str) -> tuple[int, str, str]:
    """(version, title, wording) of the newest version of ``key`` in the cache, unless retired."""
    c = s.canned_response.c
    row = conn.execute(
        select(c.version, c.title, c.body, c.active).where(c.key == key).order_by(c.version.desc()).limit(1)
    ).first()
    if row is None:
        raise NotFound(f"no canned response {key!r} in the local cache")
    if not row.active:
        raise BadInput(f"canned response {key!r} is retired")
    return int(row.version), str(row.title), str(row.body)
