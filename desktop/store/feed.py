"""The change feed a client pulls: rows changed since its cursor, scoped to what its officer may see.

A pull reads inside one repeatable-read snapshot, so every row it returns and the new cursor belong to
the same moment, and a count taken in it can be compared with the client's mirror exactly.

Cursors (see ``changes.py`` for the stamps):
- ``n:H`` on MariaDB and SQLite: the ``change`` counter's value in the snapshot; every row with a stamp up
  to H is committed and visible, no other row is;
- ``pg:<pg_snapshot>@<system>.<database>`` on PostgreSQL: the snapshot itself. The next pull reads rows whose
  stamp (the writer's transaction id) was not visible in it: ``stamp >= xmin`` narrows by the index, and
  ``pg_visible_in_snapshot`` drops those already seen. A transaction that was still running then and
  committed since is picked up, however small its id. After the ``@``, the database's incarnation: the
  cluster's system identifier and the database's oid, which a streaming replica shares with its primary
  (a failover keeps every cursor) and a database restored from a dump never has.

A cursor of another incarnation, or one from the database's future (a snapshot past the current one, a counter
value above the counter's), was handed out by a database this one replaced: restored from a backup, the
client's mirror holds changes the restore lost and its cursor would skip changes made since. Such a pull is a
fresh snapshot, as for a changed scope, and the client rebuilds its mirror (``sync/engine.py``).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from sqlalchemy import (
    Column,
    ColumnElement,
    Connection,
    Select,
    Table,
    Text,
    and_,
    case,
    cast,
    false,
    func,
    literal,
    literal_column,
    not_,
    or_,
    select,
    text,
    true,
    union_all,
)
from sqlalchemy.types import UserDefinedType

from .changes import CHANGE_COUNTER, uses_transaction_ids
from .clock import server_now
from .confidentiality import content_visible, shared_with
from .identity import Actor
from .schema import (
    attachment,
    blob,
    calendar,
    calendar_day_off,
    canned_response,
    counter,
    discussion,
    discussion_post,
    handover_item,
    membership,
    mention,
    message,
    note,
    officer,
    referral,
    reporter,
    sla_clock,
    sla_policy,
    ticket,
    ticket_share,
    unit,
)

BATCH = 2000
ID_CHUNK = 500

# What a client mirrors of each table. The reporter's name rides on the ticket row and is never sent
# for an anonymous reporter; contacts are not sent at all. A confidential report's content reaches only
# those who may read it (``confidentiality.py``); the others get the ticket row as its summary
# (``content_withheld``, subject empty, no reporter's name) and none of the rows of ``WITHHELD_CHILDREN``.
TICKET_COLUMNS = [c for c in ticket.c if c.name not in ("deleted_at", "created_by", "left_unit_id")]
MESSAGE_COLUMNS = [c for c in message.c if c.name not in ("external_id", "account_id")]
NOTE_COLUMNS = list(note.c)
ATTACHMENT_COLUMNS = list(attachment.c)
HANDOVER_COLUMNS = list(handover_item.c)
DISCUSSION_COLUMNS = list(discussion.c)
POST_COLUMNS = list(discussion_post.c)
CANNED_COLUMNS = list(canned_response.c)
SLA_CLOCK_COLUMNS = list(sla_clock.c)
CALENDAR_COLUMNS = list(calendar.c)
DAY_OFF_COLUMNS = list(calendar_day_off.c)
POLICY_COLUMNS = list(sla_policy.c)
REFERRAL_COLUMNS = list(referral.c)  # with the ticket's summary (``referral_summary``)
CHILD_TABLES: dict[str, tuple[Table, list[Column[Any]]]] = {
    "message": (message, MESSAGE_COLUMNS),
    "note": (note, NOTE_COLUMNS),
    "attachment": (attachment, ATTACHMENT_COLUMNS),
    "handover_item": (handover_item, HANDOVER_COLUMNS),
    "sla_clock": (sla_clock, SLA_CLOCK_COLUMNS),
}
# The content of a report (a hand-over item carries the text of a reply); the service-level clocks are its
# deadlines, part of the summary.
WITHHELD_CHILDREN = frozenset({"message", "note", "attachment", "handover_item"})


@dataclass(frozen=True, slots=True)
class Checksum:
    tickets: int
    versions: int


# The cluster's system identifier (kept by a replica made with pg_basebackup) and the database's oid (new for
# every CREATE DATABASE: a restore into a new database, or into one dropped and created again).
_PG_INCARNATION = text(
    "SELECT (SELECT system_identifier FROM pg_control_system())::text || '.' || "
    "(SELECT oid FROM pg_database WHERE datname = current_database())::text"
)


def _replaced(since: str, cursor: str) -> bool:
    """Whether the client's cursor ``since`` comes from a database that this one (now at ``cursor``) replaced.
    A cursor of another engine is left to ``Feed.changed``, which refuses it."""
    kind, _, value = since.partition(":")
    now_kind, _, now = cursor.partition(":")
    if kind != now_kind:
        return False
    if kind == "n":
        return int(value) > int(now)
    snapshot, _, incarnation = value.partition("@")
    current_snapshot, _, current_incarnation = now.partition("@")
    if incarnation and incarnation != current_incarnation:
        return True
    # A cursor from before incarnations were named: only a snapshot from the future gives the restore away.
    return int(snapshot.split(":", 1)[0]) > int(current_snapshot.split(":", 2)[1])


class _PgType(UserDefinedType[Any]):
    """A PostgreSQL type named only to cast to it (xid8, pg_snapshot)."""

    cache_ok = True

    def __init__(self, name: str) -> None:
        self.name = name

    def get_col_spec(self, **_kw: Any) -> str:
        return self.name


def ticket_scope(actor: Actor) -> ColumnElement[bool]:
    """The live tickets an officer may see: their units' (sub-units' for supervisors), those they hold, and
    the confidential reports shared with them (``sharing.py``)."""
    live = ticket.c.deleted_at.is_(None)
    if actor.visible_unit_ids is None:
        return live
    units = sorted(actor.visible_unit_ids)
    # Never NULL, so that NOT(scope) finds the tickets that left it: "claimed_by = me" alone is NULL on an
    # unclaimed ticket, and NOT NULL selects nothing.
    held = and_(ticket.c.claimed_by.is_not(None), ticket.c.claimed_by == actor.id)
    return and_(live, or_(ticket.c.unit_id.in_(units) if units else false(), held, shared_with(actor)))


def checksum_parts(actor: Actor) -> list[ColumnElement[bool]]:
    """``ticket_scope(actor)`` as disjoint conditions whose union is the scope (``Feed.checksum``)."""
    live = ticket.c.deleted_at.is_(None)
    if actor.visible_unit_ids is None:
        return [live]
    units = sorted(actor.visible_unit_ids)
    elsewhere = ticket.c.unit_id.not_in(units) if units else true()
    held = and_(ticket.c.claimed_by.is_not(None), ticket.c.claimed_by == actor.id)
    not_held = or_(ticket.c.claimed_by.is_(None), ticket.c.claimed_by != actor.id)
    # Driven by the officer's shares, not tested on every ticket (``shared_with`` is the same test, correlated).
    shared = ticket.c.id.in_(select(ticket_share.c.ticket_id).where(ticket_share.c.officer_id == actor.id))
    parts = [and_(live, elsewhere, held), and_(live, elsewhere, not_held, shared)]
    return [and_(live, ticket.c.unit_id.in_(units)), *parts] if units else parts


def referral_scope(actor: Actor, ticket_in_scope: ColumnElement[bool]) -> ColumnElement[bool]:
    """Referrals an officer sees: those on tickets in their scope, and those to their units (supervisors:
    and the units below), whose tickets they may not see (``store/referrals.py``)."""
    if actor.visible_unit_ids is None:
        return true()
    units = sorted(actor.visible_unit_ids)
    return or_(ticket_in_scope, referral.c.to_unit_id.in_(units) if units else false())


def referral_summary() -> list[Any]:
    """What a referral carries of its ticket for a unit that may not see the ticket: the query joins
    ``ticket`` and outer-joins ``reporter``. An anonymous reporter's name is never sent; a confidential
    reporter's subject, message and name are restricted to the handling unit and not sent either."""
    first = message.alias("first_message")
    first_text = (
        select(first.c.body_text)
        .where(first.c.ticket_id == ticket.c.id, first.c.direction == "inbound")
        .order_by(first.c.created_at, first.c.id)
        .limit(1)
        .correlate(ticket)
        .scalar_subquery()
    )
    confidential = func.coalesce(reporter.c.confidential, false())
    anonymous = func.coalesce(reporter.c.anonymous, false())
    return [
        ticket.c.tracking_no.label("ticket_tracking_no"),
        case((confidential, None), else_=ticket.c.subject).label("ticket_subject"),
        case((confidential, None), else_=first_text).label("first_message"),
        case((or_(confidential, anonymous), None), else_=reporter.c.name).label("reporter_name"),
        anonymous.label("reporter_anonymous"),
        confidential.label("reporter_confidential"),
    ]


def scope_key(actor: Actor) -> str:
    """Names the officer's scope; a client whose scope changed takes a fresh snapshot. The units they are a
    member of count too: they decide which confidential reports' content they read."""
    units = "*" if actor.visible_unit_ids is None else ",".join(map(str, sorted(actor.visible_unit_ids)))
    return f"{actor.id}:{units}:{','.join(map(str, sorted(actor.unit_ids)))}"


# The sections of a pull, in the order a client applies them (see ``Feed.sections``).
DIRECTORY_SECTIONS = ("calendar", "calendar_day_off", "sla_policy", "unit", "officer", "membership")
REMOVED = "removed"  # rows of (id,): tickets that left the officer's scope


Section = tuple[str, Sequence[Any]]


class Feed:
    """One pull: open it on a connection in a repeatable-read transaction, read, then let it go.

    ``scope`` is the scope the client's mirror was built for: when the officer's scope has changed since,
    the pull starts over from a snapshot (``since`` becomes None).

    A snapshot may be taken in pages of ``limit`` tickets in the order of their ids, each page in its own
    snapshot: ``after`` is the last ticket id of the page before (honoured only for a snapshot of the same
    scope; otherwise the snapshot starts over and ``after`` is None). A page holds the tickets with an id
    in ``(after, next_after]`` (``next_after`` None: to the end, the snapshot's last page) with their rows
    in the other sections; the first page also carries what belongs to no ticket (team discussions,
    templates). The client keeps the first page's cursor: once the last page is in, its next pull from that
    cursor brings whatever changed while the pages were read (``sync/engine.py``).
    """

    def __init__(
        self,
        conn: Connection,
        actor: Actor,
        since: str | None,
        scope: str | None = None,
        after: UUID | None = None,
        limit: int | None = None,
    ) -> None:
        self.conn = conn
        self.actor = actor
        if since is not None and scope is not None and scope != scope_key(actor):
            since = None  # the officer's units changed: start over from a snapshot
        self.since = since
        self.scope = scope_key(actor)
        # A page after the first continues a snapshot of this same scope; else the snapshot starts over.
        self.after = after if since is None and scope == self.scope else None
        self.pg = uses_transaction_ids(conn)
        # The first statement fixes the snapshot; the cursor is read in it.
        if self.pg:
            snapshot = str(conn.execute(select(literal_column("pg_current_snapshot()::text"))).scalar_one())
            self.cursor = f"pg:{snapshot}@{conn.execute(_PG_INCARNATION).scalar_one()}"
        else:
            value = conn.execute(select(counter.c.value).where(counter.c.name == CHANGE_COUNTER)).scalar_one()
            self.cursor = f"n:{int(value)}"
        if self.since is not None and _replaced(self.since, self.cursor):
            self.since = since = None  # a restored database: start over from a snapshot
        self.now: datetime = server_now(conn)
        self.next_after = self._page_end(limit) if since is None and limit is not None else None

    def _page_end(self, limit: int) -> UUID | None:
        """The id of the page's last ticket: the ``limit``-th in scope after ``after``; None when no more
        follow it (this page is the snapshot's last)."""
        query = select(ticket.c.id).where(self.in_scope())
        if self.after is not None:
            query = query.where(ticket.c.id > self.after)
        found = list(self.conn.execute(query.order_by(ticket.c.id).offset(max(1, limit) - 1).limit(2)).scalars())
        return UUID(str(found[0])) if len(found) == 2 else None

    @property
    def first_page(self) -> bool:
        """Whether this pull carries the rows that belong to no ticket: every pull but a snapshot's later pages."""
        return self.after is None

    def in_page(self) -> ColumnElement[bool]:
        """The tickets of this page of a snapshot (every ticket for a pull that is not paged)."""
        bounds = []
        if self.after is not None:
            bounds.append(ticket.c.id > self.after)
        if self.next_after is not None:
            bounds.append(ticket.c.id <= self.next_after)
        return and_(true(), *bounds)

    # -- conditions -------------------------------------------------------------------------------------

    def changed(self, stamp: ColumnElement[int]) -> ColumnElement[bool]:
        if self.since is None:
            return true()
        kind, _, value = self.since.partition(":")
        value = value.partition("@")[0]
        if kind == "n" and not self.pg:
            return stamp > int(value)
        if kind == "pg" and self.pg:
            xmin = int(value.split(":", 1)[0])
            visible = func.pg_visible_in_snapshot(
                cast(cast(stamp, Text), _PgType("xid8")), cast(value, _PgType("pg_snapshot"))
            )
            return and_(stamp >= xmin, not_(visible))
        raise ValueError(f"cursor {self.since!r} does not belong to this database")

    def in_scope(self) -> ColumnElement[bool]:
        return ticket_scope(self.actor)

    # -- reads ------------------------------------------------------------------------------------------

    def tickets(self) -> Iterator[Sequence[Any]]:
        readable = content_visible(self.actor)
        columns = [
            case((readable, c), else_=literal("")).label("subject") if c.name == "subject" else c
            for c in TICKET_COLUMNS
        ]
        masked_name = case((or_(reporter.c.anonymous, not_(readable)), None), else_=reporter.c.name)
        query = (
            select(
                *columns,
                masked_name.label("reporter_name"),
                func.coalesce(reporter.c.anonymous, false()).label("reporter_anonymous"),
                func.coalesce(reporter.c.confidential, false()).label("reporter_confidential"),
                not_(readable).label("content_withheld"),
            )
            .outerjoin(reporter, reporter.c.id == ticket.c.reporter_id)
            .where(self.changed(ticket.c.change_seq), self.in_scope(), self.in_page())
        )
        yield from self._stream(query)

    def removed_tickets(self) -> list[UUID]:
        """Tickets that changed and are no longer the officer's to see: transferred away from one of their
        units, or deleted in one. Only those: the id of a ticket that was never in the officer's scope is not
        theirs to learn. A ticket that left in a way this does not name (moved on again by a second transfer
        before this pull, or held in a unit the officer does not see and released) stays in the mirror
        until the checksum after the pull disagrees and the client takes a fresh snapshot."""
        if self.since is None:
            return []
        query = select(ticket.c.id).where(self.changed(ticket.c.change_seq), not_(self.in_scope()))
        if self.actor.visible_unit_ids is not None:
            units = sorted(self.actor.visible_unit_ids)
            if not units:
                return []
            query = query.where(or_(ticket.c.left_unit_id.in_(units), ticket.c.unit_id.in_(units)))
        return list(self.conn.execute(query).scalars())

    def readable(self, name: str) -> ColumnElement[bool]:
        """The tickets whose rows of child table ``name`` the officer may read."""
        return content_visible(self.actor) if name in WITHHELD_CHILDREN else true()

    def children(self, name: str) -> Iterator[Sequence[Any]]:
        """Changed rows of a ticket's child table."""
        table, columns = CHILD_TABLES[name]
        owner = table.c.ticket_id
        yield from self._stream(
            select(*columns)
            .join(ticket, ticket.c.id == owner)
            .where(self.changed(table.c.change_seq), self.in_scope(), self.in_page(), self.readable(name))
        )

    def _older_children(self, name: str, new_ticket_ids: Iterable[UUID]) -> Iterator[Sequence[Any]]:
        table, columns = CHILD_TABLES[name]
        owner = table.c.ticket_id
        for chunk in _chunks(list(new_ticket_ids)):
            # Already-seen rows of a ticket that came into scope (a transfer in) carry old stamps; the
            # ticket must still be in scope now (it may have left it since the main part of the pull).
            yield from self._stream(
                select(*columns)
                .join(ticket, ticket.c.id == owner)
                .where(owner.in_(chunk), not_(self.changed(table.c.change_seq)), self.in_scope(), self.readable(name))
            )

    def mentions(self) -> Iterator[Sequence[Any]]:
        """Mentions ride with their note or post (inserted in the same transaction)."""
        by_note = (
            select(mention.c.id, mention.c.officer_id, mention.c.note_id, mention.c.post_id)
            .join(note, note.c.id == mention.c.note_id)
            .join(ticket, ticket.c.id == note.c.ticket_id)
            .where(self.changed(note.c.change_seq), self.in_scope(), self.in_page(), self.readable("note"))
        )
        by_post = (
            select(mention.c.id, mention.c.officer_id, mention.c.note_id, mention.c.post_id)
            .join(discussion_post, discussion_post.c.id == mention.c.post_id)
            .join(discussion, discussion.c.id == discussion_post.c.discussion_id)
            .where(self.changed(discussion_post.c.change_seq), self._discussion_scope())
        )
        yield from self._stream(by_note)
        if self.first_page:
            yield from self._stream(by_post)

    def _discussion_scope(self) -> ColumnElement[bool]:
        if self.actor.visible_unit_ids is None:
            return true()
        return discussion.c.unit_id.in_(sorted(self.actor.visible_unit_ids))

    def discussions(self) -> Iterator[Sequence[Any]]:
        yield from self._stream(
            select(*DISCUSSION_COLUMNS).where(self.changed(discussion.c.change_seq), self._discussion_scope())
        )

    def posts(self) -> Iterator[Sequence[Any]]:
        yield from self._stream(
            select(*POST_COLUMNS)
            .join(discussion, discussion.c.id == discussion_post.c.discussion_id)
            .where(self.changed(discussion_post.c.change_seq), self._discussion_scope())
        )

    def _referral_query(self) -> Select[Any]:
        return (
            select(*REFERRAL_COLUMNS, *referral_summary())
            .join(ticket, ticket.c.id == referral.c.ticket_id)
            .outerjoin(reporter, reporter.c.id == ticket.c.reporter_id)
            .where(ticket.c.deleted_at.is_(None))
        )

    def referrals(self) -> Iterator[Sequence[Any]]:
        """Changed referrals the officer sees, with their ticket's summary. Rows are upserted; one whose
        ticket left the scope and that is not to the officer's units stays until the next snapshot."""
        seen = referral_scope(self.actor, self.in_scope())
        yield from self._stream(self._referral_query().where(self.changed(referral.c.change_seq), seen, self.in_page()))

    def _older_referrals(self, new_ticket_ids: Iterable[UUID]) -> Iterator[Sequence[Any]]:
        """Every referral of tickets new to the mirror (a transfer in)."""
        query = self._referral_query()
        for chunk in _chunks(list(new_ticket_ids)):
            yield from self._stream(
                query.where(referral.c.ticket_id.in_(chunk), not_(self.changed(referral.c.change_seq)), self.in_scope())
            )

    def canned_responses(self) -> Iterator[Sequence[Any]]:
        """Every version of the global templates and of those of the officer's units (inactive ones too:
        a template switched off must disappear from the composer)."""
        units = self.actor.visible_unit_ids
        owner = canned_response.c.unit_id
        mine = true() if units is None else or_(owner.is_(None), owner.in_(sorted(units)))
        yield from self._stream(select(*CANNED_COLUMNS).where(self.changed(canned_response.c.change_seq), mine))

    def directory(self) -> dict[str, list[Sequence[Any]]]:
        """Units, officers, memberships, working calendars and service-level policies: small, sent whole on
        every pull, so that deadlines are computed offline from the rules in force."""
        return {
            "calendar": list(self.conn.execute(select(*CALENDAR_COLUMNS))),
            "calendar_day_off": list(self.conn.execute(select(*DAY_OFF_COLUMNS))),
            "sla_policy": list(self.conn.execute(select(*POLICY_COLUMNS))),
            "unit": list(
                self.conn.execute(select(unit.c.id, unit.c.code, unit.c.name, unit.c.parent_id, unit.c.lease_seconds))
            ),
            "officer": list(
                self.conn.execute(
                    select(officer.c.id, officer.c.login, officer.c.name, officer.c.role, officer.c.active)
                )
            ),
            "membership": list(self.conn.execute(select(membership.c.officer_id, membership.c.unit_id))),
        }

    def sections(self) -> Iterator[Section]:
        """Everything this pull sends, section by section (a section may come in several batches)."""
        for name, rows in self.directory().items():
            yield name, rows
        removed = self.removed_tickets()
        if removed:
            yield REMOVED, [(ticket_id,) for ticket_id in removed]
        for batch in self.tickets():
            yield "ticket", batch
        for name in CHILD_TABLES:
            for batch in self.children(name):
                yield name, batch
        for batch in self.referrals():
            yield "referral", batch
        for name, source in (
            ("discussion", self.discussions),
            ("discussion_post", self.posts),
            ("mention", self.mentions),
            ("canned_response", self.canned_responses),
        ):
            if name in ("discussion", "discussion_post", "canned_response") and not self.first_page:
                continue  # they belong to no ticket: a paged snapshot sends them with its first page
            for batch in source():
                yield name, batch

    def catch_up(self, new_ticket_ids: Sequence[UUID]) -> Iterator[Section]:
        """The rows of tickets new to the client's mirror (a transfer in) that carry old stamps. The client
        learns which tickets are new only from ``sections``, so it asks for these afterwards."""
        if self.since is None:
            return
        for name in CHILD_TABLES:
            for batch in self._older_children(name, new_ticket_ids):
                yield name, batch
        for batch in self._older_referrals(new_ticket_ids):
            yield "referral", batch

    def checksum(self) -> Checksum:
        """The count and row versions of the officer's scope, taken after every pull: its cost grows with
        the scope, so it is read from an index (``ix_ticket_row_version_deleted_at_unit_id_claimed_by``, or
        the unit's) rather than the table. ``ticket_scope`` as one condition would make the engines read every
        ticket row (its share test needs each row's id): the scope is summed instead as three disjoint parts —
        the live tickets of the officer's units, those they hold in other units, those shared with them in
        others (few, found from the shares)."""
        parts = [
            select(
                func.count().label("tickets"), func.coalesce(func.sum(ticket.c.row_version), 0).label("versions")
            ).where(part)
            for part in checksum_parts(self.actor)
        ]
        if len(parts) == 1:
            row = self.conn.execute(parts[0]).one()
        else:
            summed = union_all(*parts).subquery()
            row = self.conn.execute(select(func.sum(summed.c.tickets), func.sum(summed.c.versions))).one()
        return Checksum(int(row[0]), int(row[1]))

    def _stream(self, query: Select[Any]) -> Iterator[Sequence[Any]]:
        result = self.conn.execution_options(stream_results=True, yield_per=BATCH).execute(query)
        yield from result.partitions()


def _chunks(ids: list[UUID]) -> Iterator[list[UUID]]:
    for start in range(0, len(ids), ID_CHUNK):
        yield ids[start : start + ID_CHUNK]


def blob_content(conn: Connection, actor: Actor, sha256: str) -> bytes | None:
    """An attachment's content, if the officer may see a ticket that carries it and read its content."""
    row = conn.execute(
        select(blob.c.content)
        .join(attachment, attachment.c.sha256 == blob.c.sha256)
        .join(ticket, ticket.c.id == attachment.c.ticket_id)
        .where(blob.c.sha256 == sha256, ticket_scope(actor), content_visible(actor))
        .limit(1)
    ).first()
    return None if row is None else bytes(row[0])
