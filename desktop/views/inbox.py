"""The inbox read from the cache, a page at a time: views, filters, full-text search and keyset paging.

A page never reads more than it shows. Every sort is a walk over an index of the ticket table: SQLite
ends each index entry with the rowid, which is the tie-break, so a page continues "after (value, rowid)"
without any second column. A sort is a list of *segments*, each one index range walked in order:
- a plain column: its non-NULL values, then the NULL ones (last in either direction);
- status, unit, holder: one segment per status (in workflow order), unit (by code) or officer (by name),
  so that the order is the one the officer reads, still walked on an index; a unit or officer missing
  from the directory gets a catch-all segment, and tickets nobody holds come last.
The key of a row is (segment, value, rowid).

A search with no sort chosen (``sort=None``) is read in the search index's own order, newest document
first, in two segments: tickets whose tracking number starts with the text (newest number first), then the
full-text matches by docid, descending (``search_index``); the view and filters are tested on each
candidate as the index hands it over, so a page costs about as many candidates as it takes to fill it.
A search sorted by a column reads every match first (an ``IN`` of the index's matches) and walks the
column's index: it costs more on a large cache.

The overlay (a handful of rows: tickets created here, queued status/claim/transfer changes) is laid over
the mirror in Python: those tickets are left out of the SQL, their effective rows are built as the
officer sees them (like ``views._overlaid``), filtered and keyed the same way, and merged into the page.
"""

from __future__ import annotations

import heapq
import itertools
import json
import string
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from enum import Enum, IntEnum
from functools import total_ordering
from typing import Any
from uuid import UUID

from sqlalchemy import (
    Connection,
    FromClause,
    Integer,
    Select,
    and_,
    column,
    false,
    func,
    literal,
    literal_column,
    or_,
    select,
    table,
    tuple_,
)
from sqlalchemy.sql.elements import ColumnElement
from sqlalchemy.types import Uuid

from ..cache import schema as s
from ..cache import search_index
from ..cache.database import Cache, ReadAbandoned
from ..cache.officer import me
from ..cache.state import server_time
from ..domain.status import CLOSED, Status
from ..domain.vocabulary import Channel, Kind
from ..store.identity import descendants
from .deadlines import DUE_SOON
from .tickets import unit_choices

PAGE_SIZE = 200
_QUEUED_rowid = 2**62  # tickets created here have no rowid yet: they sort after every mirror row of equal value
_CLOSED = sorted(x.value for x in CLOSED)
_ASCII_FOLD = str.maketrans(string.ascii_uppercase, string.ascii_lowercase)  # what COLLATE NOCASE folds


class View(Enum):
    UNCLAIMED = "unclaimed"  # no live claim, in my units, open
    MINE = "mine"  # claimed by me (a lapsed lease included: the holder column says so)
    MY_UNIT = "my_unit"  # open, in my units
    SUPERVISED = "supervised"  # open, in my units and every unit below them: a supervisor's overview
    DUE = "due"  # open, overdue or due within deadlines.DUE_SOON (the badges overdue, due today, due soon)
    EVERYTHING = "everything"  # every ticket in the cache


class Column(IntEnum):
    """The inbox's columns, in display order; each one sorts. What an officer decides by comes first, so
    that it fits a laptop's pane without scrolling sideways: the number, the deadline's badge, the subject,
    the status and who holds it."""

    TRACKING_NO = 0
    DEADLINE = 1  # the urgency badge (``deadlines.urgency``); sorted most urgent first, finished reports last
    SUBJECT = 2
    STATUS = 3
    HOLDER = 4
    UNIT = 5
    REPORTER = 6
    CHANNEL = 7
    KIND = 8
    UPDATED = 9


@dataclass(frozen=True, slots=True)
class WeeklyHour:
    """One hour of one weekday, local to a zone of fixed offset: a cell of the statistics' heat map."""

    weekday: int  # 0 Monday .. 6 Sunday
    hour: int  # 0..23
    offset_minutes: int  # the zone's offset from UTC


@dataclass(frozen=True, slots=True)
class InboxQuery:
    view: View = View.EVERYTHING
    status: Status | None = None
    channel: Channel | None = None
    unit: str | None = None  # unit code
    kind: Kind | None = None
    holder: str | None = None  # officer login
    # From the statistics (``stats_drill``): a category and a period of receipt, [from, to) in naive UTC. Their
    # columns have no index in the cache: they narrow whatever walk the sort chose and never choose one.
    category: str | None = None
    received_from: datetime | None = None
    received_to: datetime | None = None
    received_weekly: WeeklyHour | None = None  # received on that weekday in that hour, local
    search: str = ""
    sort: Column | None = Column.DEADLINE  # None: a search in the index's order, newest first
    descending: bool = False

    @property
    def in_search_order(self) -> bool:
        return self.sort is None and bool(self.search.strip())


@dataclass(frozen=True, slots=True)
class Key:
    """Where a row stands in its query's order; a page continues after one."""

    segment: int
    value: str | int | datetime | None  # None in segments where every row has the same value
    rowid: int  # in the search index's order: the docid


@dataclass(frozen=True, slots=True)
class InboxRow:
    key: Key
    ticket_id: UUID
    tracking_no: str | None  # None for a ticket created here that the server has not numbered yet
    subject: str
    reporter_name: str | None  # never set for an anonymous reporter
    reporter_anonymous: bool
    channel: Channel
    kind: Kind
    status: Status
    unit_code: str | None
    holder_login: str | None
    holder_name: str | None
    claim_expires_at: datetime | None
    claim_queued: bool  # a claim by me is queued: the lease is the server's to give
    due_at: datetime | None
    updated_at: datetime | None
    pending: bool  # a change made here is still in the outbox
    # A confidential report whose content the server withheld from me (store/confidentiality.py): the
    # subject is empty and the view says why instead.
    content_withheld: bool = False


# -- the rows as the officer sees them ----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Fields:
    """One ticket's columns as stored (codes, ids), before the overlay is laid over it or after."""

    rowid: int
    id: UUID
    tracking_no: str | None
    subject: str
    reporter_name: str | None
    reporter_anonymous: bool
    channel: str
    kind: str
    status: str
    unit_id: int | None
    unit_code: str | None
    claimed_by: int | None
    holder_login: str | None
    holder_name: str | None
    claim_expires_at: datetime | None
    due_at: datetime | None
    updated_at: datetime | None
    claim_queued: bool = False
    pending: bool = False
    content_withheld: bool = False
    text: str = ""  # a queued ticket's words for search (the index only holds synced ones)
    docid: int | None = None  # its search document, when read in the search index's order


_holder = s.officer.alias("holder")
_rowid: ColumnElement[int] = literal_column("ticket.rowid", Integer)
t = s.ticket.c
_fts = table(search_index.INDEX, column("rowid", Integer))
_docs = table(search_index.DOCS, column("docid", Integer), column("ticket_id", Uuid()))
_docid: ColumnElement[int] = _fts.c.rowid
_COLUMNS = select(
    _rowid.label("rowid"),
    t.id,
    t.tracking_no,
    t.subject,
    t.reporter_name,
    t.reporter_anonymous,
    t.channel,
    t.kind,
    t.status,
    t.unit_id,
    s.unit.c.code.label("unit_code"),
    t.claimed_by,
    _holder.c.login.label("holder_login"),
    _holder.c.name.label("holder_name"),
    t.claim_expires_at,
    t.due_at,
    t.updated_at,
    t.content_withheld,
)


def _with_names(tickets: FromClause) -> FromClause:
    return tickets.outerjoin(s.unit, s.unit.c.id == t.unit_id).outerjoin(_holder, _holder.c.id == t.claimed_by)


_SELECT = _COLUMNS.select_from(_with_names(s.ticket))
# The search index walked newest document first, each document's ticket joined by id (never by rowid:
# the ticket table's rowids are not the index's business).
_SEARCHED = _fts.join(_docs, _docs.c.docid == _docid).join(s.ticket, t.id == _docs.c.ticket_id)
_SELECT_SEARCHED = _COLUMNS.add_columns(_docid.label("docid")).select_from(_with_names(_SEARCHED))


def _fields(row: Any) -> _Fields:
    m = row._mapping
    return _Fields(
        rowid=int(m["rowid"]),
        id=m["id"],
        tracking_no=m["tracking_no"],
        subject=m["subject"],
        reporter_name=None if m["reporter_anonymous"] else m["reporter_name"],
        reporter_anonymous=bool(m["reporter_anonymous"]),
        channel=m["channel"],
        kind=m["kind"],
        status=m["status"],
        unit_id=m["unit_id"],
        unit_code=m["unit_code"],
        claimed_by=m["claimed_by"],
        holder_login=m["holder_login"],
        holder_name=m["holder_name"],
        claim_expires_at=m["claim_expires_at"],
        due_at=m["due_at"],
        updated_at=m["updated_at"],
        content_withheld=bool(m["content_withheld"]),
        docid=m.get("docid"),
    )


@dataclass
class _Context:
    """What one read needs to know besides the query: who I am, my units, the clock, the overlay."""

    me: int | None
    my_units: frozenset[int]
    now: datetime
    unit_ids: dict[str, int]
    overlay: list[_Fields] = field(default_factory=list)
    search_words: list[str] = field(default_factory=list)
    found_in_overlay: frozenset[UUID] = frozenset()  # overlaid mirror tickets the search finds
    supervised: frozenset[int] = frozenset()  # my units and the units below them
    outside_received: frozenset[UUID] = frozenset()  # overlaid tickets the category or period leaves out

    @property
    def overlay_ids(self) -> list[UUID]:
        return [f.id for f in self.overlay]


def _context(conn: Connection, query: InboxQuery) -> _Context:
    mine = me(conn)
    units = {code: int(i) for code, i in conn.execute(select(s.unit.c.code, s.unit.c.id))}
    my_units = frozenset(
        int(u) for u in conn.execute(select(s.membership.c.unit_id).where(s.membership.c.officer_id == mine)).scalars()
    )
    ctx = _Context(mine, my_units, server_time(conn), units, search_words=search_index.search_words(query.search))
    if query.view is View.SUPERVISED:
        ctx.supervised = my_units | descendants(conn.execute(select(s.unit.c.id, s.unit.c.parent_id)).all(), my_units)
    ctx.overlay = _overlay(conn, ctx)
    if ctx.search_words and ctx.overlay:
        matched = select(t.id).where(t.id.in_(ctx.overlay_ids), _search_condition(ctx.search_words, query.search))
        ctx.found_in_overlay = frozenset(conn.execute(matched).scalars())
    if ctx.overlay and _narrowed_by_receipt(query):
        ctx.outside_received = _outside_received(conn, query, ctx.overlay)
    if query.in_search_order and ctx.overlay:
        documents = select(_docs.c.ticket_id, _docs.c.docid).where(_docs.c.ticket_id.in_(ctx.overlay_ids))
        docids = {ticket_id: int(docid) for ticket_id, docid in conn.execute(documents)}
        # A ticket queued here has no document yet: it is the newest of all (its rowid is beyond any docid).
        ctx.overlay = [replace(f, docid=docids.get(f.id, f.rowid)) for f in ctx.overlay]
    return ctx


def _narrowed_by_receipt(query: InboxQuery) -> bool:
    return (
        query.category is not None
        or query.received_from is not None
        or query.received_to is not None
        or query.received_weekly is not None
    )


def _receipt_conditions(query: InboxQuery) -> list[ColumnElement[bool]]:
    found = []
    if query.category is not None:
        found.append(t.category == query.category)
    if query.received_from is not None:
        found.append(t.created_at >= query.received_from)
    if query.received_to is not None:
        found.append(t.created_at < query.received_to)
    if query.received_weekly is not None:  # the cache is SQLite: its strftime reads the stored naive UTC
        weekly = query.received_weekly
        shift = f"{weekly.offset_minutes:+d} minutes"
        found.append(func.strftime("%w", t.created_at, shift) == str((weekly.weekday + 1) % 7))  # %w: 0 Sunday
        found.append(func.strftime("%H", t.created_at, shift) == f"{weekly.hour:02d}")
    return found


def _outside_received(conn: Connection, query: InboxQuery, overlay: list[_Fields]) -> frozenset[UUID]:
    """The overlaid tickets that the category or period leaves out: a mirror ticket by its mirrored row (a
    pending change alters neither); a ticket created here and not yet sent is no report the server received,
    so a period leaves it out, and a category reads the one it was written with."""
    ids = [f.id for f in overlay]
    inside = set(conn.execute(select(t.id).where(t.id.in_(ids), *_receipt_conditions(query))).scalars())
    mirrored = set(conn.execute(select(t.id).where(t.id.in_(ids))).scalars())
    queued = {f.id: f for f in overlay if f.id not in mirrored}
    if queued and query.received_from is None and query.received_to is None and query.received_weekly is None:
        written = conn.execute(
            select(s.local_ticket.c.ticket_id, s.local_ticket.c.new_ticket).where(
                s.local_ticket.c.ticket_id.in_(list(queued))
            )
        )
        for ticket_id, new_ticket in written:
            if new_ticket is not None and json.loads(new_ticket).get("category") == query.category:
                inside.add(ticket_id)
    return frozenset(i for i in ids if i not in inside)


def _overlay(conn: Connection, ctx: _Context) -> list[_Fields]:
    """The tickets with pending changes, as the officer sees them (see ``views._overlaid``)."""
    locals_ = list(
        conn.execute(
            select(s.local_ticket, s.outbox.c.created_at)
            .outerjoin(s.outbox, s.outbox.c.op_id == s.local_ticket.c.op_id)
            .order_by(s.local_ticket.c.ticket_id)
        )
    )
    if not locals_:
        return []
    mirrored = {f.id: f for f in map(_fields, conn.execute(_SELECT.where(t.id.in_([r.ticket_id for r in locals_]))))}
    me_row = conn.execute(select(s.officer.c.login, s.officer.c.name).where(s.officer.c.id == ctx.me)).first()
    found = []
    for ordinal, local in enumerate(locals_):
        base = mirrored.get(local.ticket_id)
        if base is None:
            if local.new_ticket is None:
                continue  # a change to a ticket that has left the mirror: nothing to show it on
            base = _queued_ticket(local, _QUEUED_rowid + ordinal)
        unit_code = local.unit_code or base.unit_code
        effective = replace(
            base,
            status=local.status or base.status,
            unit_code=unit_code,
            unit_id=ctx.unit_ids.get(unit_code or "", base.unit_id),
            pending=True,
        )
        if local.claimed is True:
            login, name = (me_row.login, me_row.name) if me_row is not None else (None, None)
            effective = replace(
                effective,
                claimed_by=ctx.me,
                holder_login=login,
                holder_name=name,
                claim_expires_at=None,
                claim_queued=True,
            )
        elif local.claimed is False:
            effective = replace(effective, claimed_by=None, holder_login=None, holder_name=None, claim_expires_at=None)
        if local.assigned_to is not None:  # a queued assignment (Desk.assign): the assignee's at once
            who = conn.execute(
                select(s.officer.c.login, s.officer.c.name).where(s.officer.c.id == local.assigned_to)
            ).first()
            effective = replace(
                effective,
                claimed_by=local.assigned_to,
                holder_login=who.login if who is not None else None,
                holder_name=who.name if who is not None else None,
                claim_expires_at=None,
                claim_queued=True,
            )
        found.append(effective)
    return found


def _queued_ticket(local: Any, rowid: int) -> _Fields:
    fields = json.loads(local.new_ticket)
    anonymous = bool(fields.get("anonymous"))
    return _Fields(
        rowid=rowid,
        id=local.ticket_id,
        tracking_no=None,
        subject=fields["subject"],
        reporter_name=None if anonymous else fields.get("reporter_name"),
        reporter_anonymous=anonymous,
        channel=fields["channel"],
        kind=fields["kind"],
        status=Status.DITERIMA.value,
        unit_id=None,
        unit_code=fields["unit"],
        claimed_by=None,
        holder_login=None,
        holder_name=None,
        claim_expires_at=None,
        due_at=None,
        updated_at=local.created_at,  # when it was queued: stable from one page to the next
        text=f"{fields['subject']} {fields.get('body') or ''}",
    )


# -- which tickets: the view, the filters, the search ------------------------------------------------


def _matching(words: list[str]) -> ColumnElement[bool]:
    """The full-text condition on the search index (``_SEARCHED`` or a join of it)."""
    return literal_column(search_index.INDEX).bool_op("MATCH")(search_index.match_expression(words))


def _tracking_prefix(typed: str) -> ColumnElement[bool]:
    """A tracking number typed as it is printed ("ADU-2024-000123", or its start) finds it by its index."""
    tracking = typed.strip()
    return and_(t.tracking_no >= tracking, t.tracking_no < tracking + "\uffff")


def _search_condition(words: list[str], typed: str) -> ColumnElement[bool]:
    """Every match as one condition on the ticket table: for a search sorted by a column."""
    documents = select(_docs.c.ticket_id).select_from(_fts.join(_docs, _docs.c.docid == _docid)).where(_matching(words))
    return or_(t.id.in_(documents), _tracking_prefix(typed))


def _open() -> ColumnElement[bool]:
    """Word for word the WHERE of ix_ticket_open_due: SQLite uses a partial index only for a query that contains
    its condition. Untyped on purpose: a Boolean column would be written "(status NOT IN (…)) = 1"."""
    return literal_column(f"ticket.{s.OPEN_CONDITION}")


def _filter_only(column: ColumnElement[Any]) -> ColumnElement[Any]:
    """The column without its index (SQLite's unary +): a status, channel or kind matches a large share of
    the tickets, so walking the sort's index and skipping non-matches fills a page sooner than reading
    every match through the filter's index and sorting them all (the planner has no statistics here)."""
    return literal_column(f"+ticket.{column.name}", column.type)


def _conditions(query: InboxQuery, ctx: _Context, walk: bool = True) -> list[ColumnElement[bool]]:
    """The SQL for the mirror; ``_passes`` below is the same test in Python for the overlay. ``walk``: for a
    page, read in the sort's order (False: for a count, whichever index finds the rows soonest)."""
    status, channel, kind = (_filter_only(c) for c in (t.status, t.channel, t.kind))
    # Word for word the WHERE of ix_ticket_open_due, so that SQLite may walk that index.
    is_open = _open()
    # By deadline, the open tickets' index is walked and other units' tickets skipped: the officer's units
    # hold most of the open tickets in their cache. In other orders a few units of many: their index, then
    # a sort.
    by_deadline = walk and query.sort is Column.DEADLINE
    # In the search index's order, the index is the walk, for a count too: no ticket index may tempt SQLite
    # to start there and ask FTS5 about each ticket (a prefix query per row: minutes on a million tickets).
    searching = query.in_search_order
    unit_id = _filter_only(t.unit_id) if by_deadline or searching else t.unit_id
    claimed_by = _filter_only(t.claimed_by) if searching else t.claimed_by
    in_my_units = unit_id.in_(sorted(ctx.my_units))
    mine = claimed_by == ctx.me if ctx.me is not None else false()
    by_view: dict[View, list[ColumnElement[bool]]] = {
        View.UNCLAIMED: [in_my_units, is_open, or_(claimed_by.is_(None), t.claim_expires_at < ctx.now)],
        View.MINE: [mine],
        View.MY_UNIT: [in_my_units, is_open],
        View.SUPERVISED: [unit_id.in_(sorted(ctx.supervised)), is_open],
        View.DUE: [is_open, t.due_at <= ctx.now + DUE_SOON],
        View.EVERYTHING: [],
    }
    found = by_view[query.view]
    if query.status is not None:
        found.append(status == query.status.value)
        if query.status not in CLOSED and query.view in (View.MINE, View.EVERYTHING):
            found.append(is_open)  # implied; lets SQLite walk the open tickets' index
    if query.channel is not None:
        found.append(channel == query.channel.value)
    if query.kind is not None:
        found.append(kind == query.kind.value)
    if query.unit is not None:
        chosen_unit = ctx.unit_ids.get(query.unit)
        found.append(false() if chosen_unit is None else unit_id == chosen_unit)
    if query.holder is not None:
        found.append(claimed_by.in_(select(s.officer.c.id).where(s.officer.c.login == query.holder)))
    if ctx.search_words and not query.in_search_order:  # in its order, the search is the segments' walk
        found.append(_search_condition(ctx.search_words, query.search))
    found.extend(_receipt_conditions(query))  # none unless the statistics asked
    if ctx.overlay:
        found.append(t.id.not_in(ctx.overlay_ids))  # laid over in Python
    return found


def _passes(f: _Fields, query: InboxQuery, ctx: _Context) -> bool:
    is_open = f.status not in _CLOSED
    live = f.claimed_by is None or (f.claim_expires_at is not None and f.claim_expires_at < ctx.now)
    in_view = {
        View.UNCLAIMED: f.unit_id in ctx.my_units and is_open and live,
        View.MINE: ctx.me is not None and f.claimed_by == ctx.me,
        View.MY_UNIT: f.unit_id in ctx.my_units and is_open,
        View.SUPERVISED: f.unit_id in ctx.supervised and is_open,
        View.DUE: is_open and f.due_at is not None and f.due_at <= ctx.now + DUE_SOON,
        View.EVERYTHING: True,
    }[query.view]
    if f.id in ctx.found_in_overlay:
        found = True
    elif f.tracking_no is None:
        found = search_index.matches(ctx.search_words, f.text)
    else:
        found = not ctx.search_words
    return (
        in_view
        and found
        and (query.status is None or f.status == query.status.value)
        and (query.channel is None or f.channel == query.channel.value)
        and (query.kind is None or f.kind == query.kind.value)
        and (query.unit is None or f.unit_code == query.unit)
        and (query.holder is None or (f.holder_login is not None and f.holder_login == query.holder))
        and f.id not in ctx.outside_received
    )


# -- the order: segments of index walks ---------------------------------------------------------------


@dataclass(frozen=True)
class _Segment:
    where: ColumnElement[bool]
    holds: Callable[[_Fields], bool]
    column: ColumnElement[Any] | None = None  # None: one value throughout the segment
    attr: str = ""  # the column's field in _Fields
    nocase: bool = False
    searched: bool = False  # a walk of the search index: its docid is the tie-break, not the ticket's rowid

    @property
    def source(self) -> FromClause:
        return _SEARCHED if self.searched else s.ticket

    @property
    def tiebreak(self) -> ColumnElement[int]:
        return _docid if self.searched else _rowid

    def tiebreak_of(self, f: _Fields) -> int:
        return (f.docid or 0) if self.searched else f.rowid

    @property
    def value(self) -> ColumnElement[Any] | None:
        """What the segment is ordered by (its index's expression)."""
        if self.column is None:
            return None
        return self.column.collate("NOCASE") if self.nocase else self.column

    def key_value(self, raw: Any) -> Any:
        return _nocase(raw) if self.nocase else raw

    def value_of(self, f: _Fields) -> Any:
        return self.key_value(getattr(f, self.attr)) if self.column is not None else None


def _equals(attr: str, value: object) -> Callable[[_Fields], bool]:
    return lambda f: bool(getattr(f, attr) == value)


def _nocase(value: str | None) -> str | None:
    return None if value is None else value.translate(_ASCII_FOLD)


def _plain(column: ColumnElement[Any], attr: str, nocase: bool = False) -> list[_Segment]:
    return [
        _Segment(column.is_not(None), lambda f: getattr(f, attr) is not None, column, attr, nocase),
        _Segment(column.is_(None), lambda f: getattr(f, attr) is None),
    ]


def _groups(
    column: ColumnElement[Any], attr: str, ids: Sequence[int], known: Select[Any], descending: bool
) -> list[_Segment]:
    """One segment per group id in display order, then ids the directory does not know, then NULL."""
    in_order = list(reversed(ids)) if descending else list(ids)
    segments = [_Segment(column == i, _equals(attr, i)) for i in in_order]
    known_ids = frozenset(ids)
    segments.append(
        _Segment(
            and_(column.is_not(None), column.not_in(known)),
            lambda f: getattr(f, attr) is not None and getattr(f, attr) not in known_ids,
            column,
            attr,
        )
    )
    segments.append(_Segment(column.is_(None), lambda f: getattr(f, attr) is None))
    return segments


def _search_segments(typed: str, words: list[str]) -> list[_Segment]:
    """A search in the index's order (walked descending): tracking numbers that start with the text, then
    the other matches, newest document first."""
    tracking = typed.strip()

    def numbered(f: _Fields) -> bool:
        return f.tracking_no is not None and tracking <= f.tracking_no < tracking + "\uffff"

    return [
        _Segment(_tracking_prefix(typed), numbered, t.tracking_no, "tracking_no"),
        _Segment(
            and_(_matching(words), or_(t.tracking_no.is_(None), ~_tracking_prefix(typed))),
            lambda f: not numbered(f),
            searched=True,
        ),
    ]


def _segments(conn: Connection, query: InboxQuery, words: list[str]) -> list[_Segment]:
    if query.in_search_order:
        return _search_segments(query.search, words)
    column = Column.DEADLINE if query.sort is None else query.sort
    if column is Column.STATUS:
        statuses = list(reversed(Status)) if query.descending else list(Status)
        return [_Segment(t.status == x.value, _equals("status", x.value)) for x in statuses]
    if column is Column.UNIT:
        units = conn.execute(select(s.unit.c.id).order_by(s.unit.c.code, s.unit.c.id)).scalars()
        return _groups(t.unit_id, "unit_id", list(units), select(s.unit.c.id), query.descending)
    if column is Column.HOLDER:
        officers = conn.execute(select(s.officer.c.id).order_by(func.lower(s.officer.c.name), s.officer.c.id))
        return _groups(t.claimed_by, "claimed_by", list(officers.scalars()), select(s.officer.c.id), query.descending)
    if column is Column.DEADLINE:
        return _by_urgency()
    plain = {
        Column.TRACKING_NO: (t.tracking_no, "tracking_no", False),
        Column.SUBJECT: (t.subject, "subject", True),
        Column.REPORTER: (t.reporter_name, "reporter_name", True),
        Column.CHANNEL: (t.channel, "channel", False),
        Column.KIND: (t.kind, "kind", False),
        Column.UPDATED: (t.updated_at, "updated_at", False),
    }
    sql_column, attr, nocase = plain[column]
    return _plain(sql_column, attr, nocase)


def _by_urgency() -> list[_Segment]:
    """Most urgent first (``deadlines.Urgency`` follows the deadline): the open tickets by deadline, walking
    ix_ticket_open_due (its WHERE word for word); then open tickets without one; then the finished ones,
    whose deadline no longer matters, in the order they came. Descending reverses each walk, not the
    segments: finished reports stay last either way."""
    is_open = _open()

    def open_(f: _Fields) -> bool:
        return f.status not in _CLOSED

    return [
        _Segment(and_(is_open, t.due_at.is_not(None)), lambda f: open_(f) and f.due_at is not None, t.due_at, "due_at"),
        _Segment(and_(is_open, t.due_at.is_(None)), lambda f: open_(f) and f.due_at is None),
        # Walked in rowid order, not through ix_ticket_status: SQLite reads both closed statuses from that index
        # and sorts every match before it can return the first 200 (0.3–0.5 s a page at 700,000 finished
        # reports); `status || ''` keeps the index out of the plan, as SQLite's unary + would.
        _Segment(t.status.concat("").in_(_CLOSED), lambda f: not open_(f)),
    ]


@total_ordering
class _Reversed:
    __slots__ = ("value",)

    def __init__(self, value: Any) -> None:
        self.value = value

    def __eq__(self, other: object) -> bool:
        return isinstance(other, _Reversed) and self.value == other.value

    def __lt__(self, other: _Reversed) -> bool:
        return bool(other.value < self.value)

    def __hash__(self) -> int:
        return hash(self.value)


def _order(key: Key, descending: bool) -> tuple[Any, ...]:
    """A key as Python compares it, the way the segment walks its index."""
    if descending:
        return (key.segment, _Reversed(key.value), _Reversed(key.rowid))
    return (key.segment, key.value, key.rowid)


def _key(f: _Fields, segments: list[_Segment]) -> Key | None:
    for number, segment in enumerate(segments):
        if segment.holds(f):
            return Key(number, segment.value_of(f), segment.tiebreak_of(f))
    return None


def _walk(segment: _Segment, after: Key | None, descending: bool, before: bool = False) -> list[ColumnElement[Any]]:
    """The keyset condition inside one segment: after ``after`` (or before it, to count what precedes)."""
    if after is None:
        return []
    smaller = descending != before  # a descending walk goes on to smaller keys
    if segment.value is None:
        return [segment.tiebreak < after.rowid if smaller else segment.tiebreak > after.rowid]
    here = tuple_(segment.value, _rowid)
    there = tuple_(literal(after.value, segment.value.type), literal(after.rowid))
    return [here < there if smaller else here > there]


def _ordered(segment: _Segment, descending: bool) -> list[ColumnElement[Any]]:
    columns: list[ColumnElement[Any]] = [] if segment.value is None else [segment.value]
    columns.append(segment.tiebreak)
    return [c.desc() for c in columns] if descending else [c.asc() for c in columns]


# -- reading ------------------------------------------------------------------------------------------


def _descending(query: InboxQuery) -> bool:
    return True if query.in_search_order else query.descending


def _walk_in_order(
    conn: Connection, query: InboxQuery, after: Key | None, limit: int, full: bool
) -> Iterator[tuple[Key, _Fields | None]]:
    """Up to ``limit`` rows after ``after``, streamed in order: the mirror's segment by segment, merged
    with the overlay's. ``full`` reads every column; otherwise only keys (the fields are None)."""
    ctx = _context(conn, query)
    segments = _segments(conn, query, ctx.search_words)
    conditions = _conditions(query, ctx)
    descending = _descending(query)
    overlaid = []
    for f in ctx.overlay:
        key = _key(f, segments)
        later = key is not None and (after is None or _order(after, descending) < _order(key, descending))
        if key is not None and later and _passes(f, query, ctx):
            overlaid.append((key, f))
    overlaid.sort(key=lambda pair: _order(pair[0], descending))

    def mirrored() -> Iterator[tuple[Key, _Fields | None]]:
        walked = 0
        for number in range(after.segment if after is not None else 0, len(segments)):
            if walked >= limit:
                return
            segment = segments[number]
            continued = after if after is not None and after.segment == number else None
            value = segment.column if segment.column is not None else literal(None)
            if full:
                columns = _SELECT_SEARCHED if segment.searched else _SELECT
            else:
                columns = select(segment.tiebreak, value).select_from(segment.source)
            statement = (
                columns.where(*conditions, segment.where, *_walk(segment, continued, descending))
                .order_by(*_ordered(segment, descending))
                .limit(limit - walked)
            )
            for row in conn.execute(statement):
                walked += 1
                if full:
                    f = _fields(row)
                    yield Key(number, segment.value_of(f), segment.tiebreak_of(f)), f
                else:
                    yield Key(number, segment.key_value(row[1]), int(row[0])), None

    merged = heapq.merge(mirrored(), overlaid, key=lambda pair: _order(pair[0], descending))
    return itertools.islice(merged, limit)


def page(conn: Connection, query: InboxQuery, after: Key | None = None, limit: int = PAGE_SIZE) -> list[InboxRow]:
    """Up to ``limit`` rows following ``after`` (from the start when None), in the query's order."""
    return [_row(key, f) for key, f in _walk_in_order(conn, query, after, limit, full=True) if f is not None]


@dataclass(frozen=True, slots=True)
class Skim:
    """What lies after a key, read from the indexes alone: how many rows (up to the limit asked), where
    each full page of them ends, and the last key (to skim on from)."""

    rows: int
    page_ends: tuple[Key, ...]
    last: Key | None


def skim(conn: Connection, query: InboxQuery, after: Key | None, rows: int, page_size: int = PAGE_SIZE) -> Skim:
    """Lets a model know the keys that start its pages without reading or keeping the rows."""
    count = 0
    ends = []
    last = None
    for key, _fields_not_read in _walk_in_order(conn, query, after, rows, full=False):
        count += 1
        last = key
        if count % page_size == 0:
            ends.append(key)
    return Skim(count, tuple(ends), last)


def officer_choices(conn: Connection) -> list[tuple[str, str]]:
    """Every officer as (login, name), by name: whom the holder filter offers."""
    query = select(s.officer.c.login, s.officer.c.name).order_by(s.officer.c.name, s.officer.c.login)
    return [(r.login, r.name) for r in conn.execute(query)]


def _row(key: Key, f: _Fields) -> InboxRow:
    return InboxRow(
        key=key,
        ticket_id=f.id,
        tracking_no=f.tracking_no,
        subject=f.subject,
        reporter_name=None if f.reporter_anonymous else f.reporter_name,
        reporter_anonymous=f.reporter_anonymous,
        channel=Channel(f.channel),
        kind=Kind(f.kind),
        status=Status(f.status),
        unit_code=f.unit_code,
        holder_login=f.holder_login,
        holder_name=f.holder_name,
        claim_expires_at=f.claim_expires_at,
        claim_queued=f.claim_queued,
        due_at=f.due_at,
        updated_at=f.updated_at,
        pending=f.pending,
        content_withheld=f.content_withheld,
    )


def count(conn: Connection, query: InboxQuery, cap: int | None = None) -> int:
    """How many tickets the query shows; with ``cap``, counting stops a little past it (a big inbox)."""
    ctx = _context(conn, query)
    conditions = _conditions(query, ctx, walk=False)
    overlaid = sum(1 for f in ctx.overlay if _passes(f, query, ctx))
    if not query.in_search_order:
        return overlaid + _count_rows(conn, select(literal(1)).select_from(s.ticket).where(*conditions), cap)
    found = overlaid
    for segment in _segments(conn, query, ctx.search_words):
        rest = None if cap is None else max(cap - found, 0)
        rows = select(literal(1)).select_from(segment.source).where(*conditions, segment.where)
        found += _count_rows(conn, rows, rest)
    return found


VIEW_COUNT_CAP = 999  # a tab says "999+" beyond it: each view's count reads at most this many index entries


def view_counts(conn: Connection, cap: int = VIEW_COUNT_CAP) -> dict[View, int]:
    """Every view's tickets (no filter, no search), each counted up to ``cap`` + 1: the tabs' numbers."""
    return {view: count(conn, InboxQuery(view), cap) for view in View}


def _count_rows(conn: Connection, rows: Select[Any], cap: int | None) -> int:
    if cap is not None:
        rows = rows.limit(cap + 1)
    return int(conn.execute(select(func.count()).select_from(rows.subquery())).scalar_one())


def position(conn: Connection, query: InboxQuery, ticket_id: UUID) -> int | None:
    """The row of a ticket in the query's order, or None when the query does not show it."""
    ctx = _context(conn, query)
    segments = _segments(conn, query, ctx.search_words)
    descending = _descending(query)
    conditions = _conditions(query, ctx, walk=False)
    overlaid = {f.id: f for f in ctx.overlay}
    target = overlaid.get(ticket_id)
    if target is None:
        target = _shown_in_mirror(conn, query, ctx, segments, ticket_id)
        if target is None:
            return None
    elif not _passes(target, query, ctx):
        return None
    key = _key(target, segments)
    if key is None:
        return None
    before = 0
    for number, segment in enumerate(segments[: key.segment + 1]):
        inside = _walk(segment, key, descending, before=True) if number == key.segment else []
        statement = select(func.count()).select_from(segment.source).where(*conditions, segment.where, *inside)
        before += int(conn.execute(statement).scalar_one())
    own = _order(key, descending)
    for f in ctx.overlay:
        other = _key(f, segments)
        if other is not None and f.id != ticket_id and _passes(f, query, ctx):
            before += _order(other, descending) < own
    return before


def _shown_in_mirror(
    conn: Connection, query: InboxQuery, ctx: _Context, segments: list[_Segment], ticket_id: UUID
) -> _Fields | None:
    conditions = [t.id == ticket_id, *_conditions(query, ctx, walk=False)]
    if not query.in_search_order:
        row = conn.execute(_SELECT.where(*conditions)).first()
        return None if row is None else _fields(row)
    for segment in segments:  # MATCH cannot stand inside an OR: one segment at a time
        row = conn.execute(_SELECT_SEARCHED.where(*conditions, segment.where)).first()
        if row is not None:
            return _fields(row)
    return None


# -- what the inbox model reads, each in a read of its own on the cache thread ------------------------------


def load_skim(cache: Cache, query: InboxQuery, after: Key | None, rows: int, page_size: int = PAGE_SIZE) -> Skim:
    with cache.read() as conn:
        return skim(conn, query, after, rows, page_size)


def load_pages(
    cache: Cache, query: InboxQuery, starts: Mapping[int, Key | None], limit: int = PAGE_SIZE
) -> tuple[dict[int, list[InboxRow]], datetime]:
    """The page after each start key, by page number, with the server time they were read at."""
    with cache.read() as conn:
        return {number: page(conn, query, after, limit) for number, after in starts.items()}, server_time(conn)


def load_position(cache: Cache, query: InboxQuery, ticket_id: UUID) -> int | None:
    with cache.read() as conn:
        return position(conn, query, ticket_id)


def load_count(cache: Cache, query: InboxQuery, wanted: Callable[[], bool], cap: int | None = None) -> int | None:
    """``count``; None when ``wanted`` says a newer query made it moot, before or while it runs."""
    try:
        with cache.read_interruptible(wanted) as conn:
            return count(conn, query, cap=cap)
    except ReadAbandoned:
        return None


def load_view_counts(cache: Cache, cap: int = VIEW_COUNT_CAP) -> dict[View, int]:
    with cache.read() as conn:
        return view_counts(conn, cap)


def load_filter_choices(cache: Cache) -> tuple[list[tuple[str, str]], list[tuple[str, str]]]:
    """Units (code, name) and officers (login, name) for the filter bar."""
    with cache.read() as conn:
        return unit_choices(conn), officer_choices(conn)
