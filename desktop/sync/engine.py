"""The sync engine: push the outbox in order, pull what changed, keep live claims renewed.

- Push sends each pending operation with its client-made id; the store applies it exactly once and
  answers with the outcome (a retry after a lost answer gets the stored one). A network failure stops the
  push with the operation still pending; a rejection is recorded and never retried.
- Pull reads one snapshot of the central database and applies it, with the new cursor, in one local
  transaction; a count/checksum of the officer's scope is compared afterwards and a mismatch re-snapshots.
  A first snapshot (an empty cache, a scope that changed) comes in pages of tickets by id, each page
  applied in its own local transaction with where it ended: a sync stopped half-way (the app closed, the
  link lost, the process killed) goes on with the next page instead of starting over. Once the last page is
  in, the cursor is the first page's, and the pull of what changed since then ends with the checksum.
- Every round starts with the schema handshake: a client and a central schema that do not match refuse
  to sync, and the outbox waits for the upgrade.
"""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from uuid import UUID

from sqlalchemy import Connection, Table, bindparam, delete, func, insert, select, update
from sqlalchemy.dialects.sqlite import insert as sqlite_insert

from ..cache import blobs, mirror_sum, search_index, similar
from ..cache import schema as s
from ..cache.database import SNAPSHOT_AFTER, SNAPSHOT_CURSOR, Cache, drop_mirror
from ..cache.officer import me
from ..cache.overlay import retire_overlay
from ..cache.scans import with_contents
from ..cache.state import get_state, server_time, set_state
from ..desk.operations import Desk
from ..domain.errors import AduanError, ClientOutdated, SchemaMismatch, Unreachable
from ..domain.operations import Op, OpKind, Outcome, OutcomeState
from ..store.feed import REMOVED, WITHHELD_CHILDREN
from ..store.service import Store
from .central import Central, DirectCentral, Pull
from .connectivity import Backoff


@dataclass
class PushReport:
    applied: int = 0
    rejected: int = 0
    handed_over: int = 0

    def count(self, outcome: Outcome) -> None:
        if outcome.state is OutcomeState.APPLIED:
            self.applied += 1
        elif outcome.state is OutcomeState.REJECTED:
            self.rejected += 1
        else:
            self.handed_over += 1


# Tickets per page of a first snapshot: 5,000 with their messages and notes are a few MB and a few seconds.
SNAPSHOT_PAGE = 5_000


@dataclass
class PullReport:
    rows: dict[str, int] = field(default_factory=dict)
    removed: int = 0
    resnapshot: bool = False
    initial: bool = False  # took a snapshot, or pages of one
    resumed: bool = False  # went on with a snapshot an earlier sync had begun
    pages: int = 0  # pages of a snapshot applied
    withheld: int = 0  # tickets whose content the officer may no longer read: their thread left the mirror

    def add(self, table: str, n: int) -> None:
        self.rows[table] = self.rows.get(table, 0) + n


@dataclass
class SyncReport:
    push: PushReport
    pull: PullReport
    renewed: int
    pending: int


class SyncEngine:
    snapshot_page: int | None = SNAPSHOT_PAGE  # tickets per page of a first snapshot; None: in one piece

    def __init__(self, cache: Cache, central: Central | Store) -> None:
        self.cache = cache
        self.central = DirectCentral(central) if isinstance(central, Store) else central
        cache.bind(self.central.identity)  # checked offline too: a cache never queues work for another database

    @property
    def store(self) -> Store:
        """The store of a direct link (the embedded database, the owner's tools)."""
        if not isinstance(self.central, DirectCentral):
            raise TypeError("this engine syncs through the Aduan server, not a database connection")
        return self.central.store

    @store.setter
    def store(self, store: Store) -> None:
        self.central = DirectCentral(store)

    # -- the whole round --------------------------------------------------------------------------------

    def sync(self) -> SyncReport:
        """Handshake, push, pull, heartbeat. Raises Unreachable (the cache notes it) or SchemaMismatch."""
        try:
            self.handshake()
            pushed = self.push()
            pulled = self.pull()
            renewed = self.heartbeat()
            if renewed:
                pushed_again = self.push()
                pushed.applied += pushed_again.applied
                pushed.rejected += pushed_again.rejected
                pushed.handed_over += pushed_again.handed_over
        except Unreachable as exc:
            self._note_connectivity(False, str(exc))
            raise
        except ClientOutdated as exc:
            # The server no longer accepts this version: nothing is pushed and nothing is dropped; the officer
            # is told how much waits for the update.
            outdated = exc.with_queued(self.pending())
            self._note_connectivity(True, str(outdated))
            raise outdated from None
        except SchemaMismatch as exc:
            self._note_connectivity(True, str(exc))
            raise
        self._note_connectivity(True, None)
        return SyncReport(pushed, pulled, renewed, self.pending())

    def pending(self) -> int:
        """Operations in the outbox still waiting to be sent."""
        with self.cache.read() as conn:
            return int(conn.execute(select(func.count()).where(s.outbox.c.state == "pending")).scalar_one())

    def watch(
        self,
        interval: float = 5.0,
        rounds: int | None = None,
        sleep: Callable[[float], None] = time.sleep,
        report: Callable[[SyncReport | AduanError], None] | None = None,
    ) -> None:
        """Sync every ``interval`` seconds (through the Aduan server: as soon as something changed, or after
        ``interval`` at the latest); while the server is unreachable, back off and resume by itself."""
        backoff = Backoff()
        done = 0
        # Where things stand before the first round: what changes during or after it ends the wait.
        known = self._newest_change()
        while rounds is None or done < rounds:
            done += 1
            try:
                result: SyncReport | AduanError = self.sync()
                backoff.reset()
                wait = interval
            except (Unreachable, SchemaMismatch) as exc:
                result = exc
                wait = backoff.next_wait()
            if report is not None:
                report(result)
            if rounds is not None and done >= rounds:
                break
            if isinstance(result, SyncReport) and known is not None:
                latest = self._until_changed(known, wait)
                if latest is not None:
                    known = latest  # seen before the next round starts: nothing after it is missed
                    continue
            sleep(wait)
            known = self._newest_change()

    def _until_changed(self, known: str, wait: float) -> str | None:
        """Wait until the server's newest change differs from ``known``, ``wait`` seconds at most (a long poll
        is shorter: ask again until then); None if the server is out of reach meanwhile."""
        deadline = time.monotonic() + wait
        latest: str | None = known
        while latest == known and (remaining := deadline - time.monotonic()) > 0:
            try:
                latest = self.central.next_change(known, remaining)
            except AduanError:
                return None  # the next round says so
        return latest

    def _newest_change(self) -> str | None:
        """The server's newest change now, where it can tell (through the Aduan server, reachable)."""
        if not self.central.waits_for_changes:
            return None
        try:
            return self.central.next_change(None, 0)
        except AduanError:
            return None

    def handshake(self) -> str:
        login = self.central.handshake()
        self.cache.bind(self.central.identity, login)
        return login

    def _note_connectivity(self, online: bool, error: str | None) -> None:
        with self.cache.write() as conn:
            set_state(conn, "online", "1" if online else "0")
            set_state(conn, "last_error", error)
            if online and error is None:
                set_state(conn, "last_sync_at", datetime.utcnow().isoformat())

    # -- push -------------------------------------------------------------------------------------------

    def push(self) -> PushReport:
        report = PushReport()
        while True:
            op = next_pending(self.cache)
            if op is None:
                return report
            try:
                outcome = self.central.push(op)
            except Unreachable as exc:
                with self.cache.write() as conn:
                    conn.execute(
                        update(s.outbox)
                        .where(s.outbox.c.op_id == op.op_id)
                        .values(attempts=s.outbox.c.attempts + 1, last_error=str(exc))
                    )
                raise
            self._record(op, outcome)
            report.count(outcome)

    def _record(self, op: Op, outcome: Outcome) -> None:
        with self.cache.write() as conn:
            conn.execute(
                update(s.outbox)
                .where(s.outbox.c.op_id == op.op_id)
                .values(
                    state=outcome.state.value,
                    outcome=outcome.to_json(),
                    finished_at=datetime.utcnow(),
                    attempts=s.outbox.c.attempts + 1,
                )
            )
            retire_overlay(conn, op.op_id)
            if outcome.accepted and "token" in outcome.result and op.ticket_id is not None:
                _write_through(conn, op.ticket_id, outcome.result)

    # -- pull -------------------------------------------------------------------------------------------

    def pull(self) -> PullReport:
        """Pull until the mirror is up to date: what changed since the cursor; without a cursor, a snapshot
        page by page, then what changed while the pages were read."""
        report = PullReport()
        while not self._pull_once(report):
            pass
        return report

    def _pull_once(self, report: PullReport) -> bool:
        """One pull in one local transaction; False when another follows (a snapshot's next page, or the
        changes since its first page)."""
        with self.cache.write() as local:
            # The local transaction stays open while the sections arrive: a pull cut half-way changes nothing.
            # The central side's transaction (a direct link's snapshot) is open only while they arrive: work on
            # the mirror that needs nothing more from it comes after, or a slow workstation outlives the
            # database's idle-transaction timeout (``store/engine.py``) on a large pull.
            while True:
                since, scope = get_state(local, "cursor"), get_state(local, "scope")
                after = _snapshot_under_way(local) if since is None else None
                paged, theirs = False, None
                with self.central.pull(since, scope, after, self.snapshot_page) as pulled:
                    restart = pulled.initial and pulled.after is None and (since is not None or after is not None)
                    if not restart:
                        if pulled.initial:
                            if pulled.after is None:  # a snapshot begins on an empty mirror
                                drop_mirror(local)
                            elif not report.initial:
                                report.resumed = True
                            report.initial = True
                        self._apply(local, pulled, report)
                        paged = pulled.initial and (pulled.after is not None or pulled.next_after is not None)
                        if not paged:
                            theirs = pulled.checksum()
                if not restart:
                    break
                # A snapshot begins again over a mirror (the scope changed, the database was restored): the
                # mirror goes first, with no central transaction waiting on it; then the snapshot's first page,
                # in this same local transaction.
                drop_mirror(local)
                report.initial = True
            if paged:
                done = _page_done(local, pulled, report)
            else:
                if mirror_sum.read(local) != theirs:  # kept by triggers: no count of the mirror
                    report.resnapshot = True
                    drop_mirror(local)
                    with self.central.pull(None, None) as again:  # whole, in this local transaction
                        self._apply(local, again, report)
                    pulled = again
                set_state(local, "cursor", pulled.cursor)
                set_state(local, "scope", pulled.scope)
                set_state(local, "clock_offset", pulled.clock_offset)
                set_state(local, "officer_id", pulled.officer_id)
                done = True
            similar.catch_up(local)  # index what this pull changed, in its transaction
            left = report.removed or report.withheld or report.resnapshot  # threads left the mirror
            if report.rows.get("attachment") or left or report.initial:
                blobs.drop_unreferenced(local)  # purged or out of scope: their bytes leave this disk too
        return done

    def _apply(self, local: Connection, pulled: Pull, report: PullReport) -> None:
        cleared: set[str] = set()  # directory tables come whole, perhaps in several batches
        new_ids: list[UUID] = []
        for name, rows in pulled.sections():
            if name in s.DIRECTORY:
                if name not in cleared:
                    local.execute(delete(s.DIRECTORY[name]))
                    cleared.add(name)
                _insert(local, s.DIRECTORY[name], rows, replace=False)
            elif name == REMOVED:
                _remove_tickets(local, [row[0] for row in rows])
                report.removed += len(rows)
            elif name == "ticket":
                withheld: list[UUID] = []
                if pulled.initial:  # an empty mirror: every row is new
                    _upsert_tickets(local, rows, {})
                else:
                    known = _mirrored_tickets(local, rows)
                    # New to the mirror, or readable again (shared with the officer, back in their unit): the
                    # thread's older rows come with the catch-up.
                    new_ids.extend(
                        r.id
                        for r in rows
                        if r.id not in known or (known[r.id].content_withheld and not r.content_withheld)
                    )
                    withheld = [r.id for r in rows if r.id in known and r.content_withheld]
                    _upsert_tickets(local, rows, known)
                # The server withholds what the officer may no longer read (a transfer, a share revoked, a claim
                # released): the thread goes from the mirror with the row that says so.
                _remove_content(local, withheld)
                report.withheld += len(withheld)
                report.add("ticket", len(rows))
            else:
                _insert(local, s.PULLED[name], rows)
                report.add(name, len(rows))
        if new_ids:
            for name, rows in pulled.catch_up(new_ids):
                _insert(local, s.PULLED[name], rows)
                report.add(name, len(rows))

    # -- heartbeat --------------------------------------------------------------------------------------

    def heartbeat(self) -> int:
        """Queue a renewal for each of my claims past half its lease, unless work on it is already queued
        (that work renews it)."""
        with self.cache.read() as conn:
            mine = me(conn)
            now = server_time(conn)
            held = conn.execute(
                select(s.ticket.c.id, s.ticket.c.claim_expires_at, s.unit.c.lease_seconds)
                .join(s.unit, s.unit.c.id == s.ticket.c.unit_id)
                .where(s.ticket.c.claimed_by == mine, s.ticket.c.claim_expires_at.is_not(None))
            ).all()
            busy = set(conn.execute(select(s.outbox.c.ticket_id).where(s.outbox.c.state == "pending")).scalars())
        due = [
            row.id
            for row in held
            if row.id not in busy and row.claim_expires_at - now < timedelta(seconds=row.lease_seconds / 2)
        ]
        desk = Desk(self.cache)
        for ticket_id in due:
            desk.renew(str(ticket_id))
        return len(due)

    # -- attachments ------------------------------------------------------------------------------------

    def attachment_content(self, sha256: str) -> bytes | None:
        """An attachment's bytes: from the cache, or fetched once from the server and kept by hash."""
        with self.cache.read() as conn:
            cached = conn.execute(select(s.blob_cache.c.content).where(s.blob_cache.c.sha256 == sha256)).scalar()
        if cached is not None:
            return bytes(cached)
        content = self.central.blob(sha256)
        if content is not None:
            with self.cache.write() as conn:
                conn.execute(insert(s.blob_cache).prefix_with("OR IGNORE").values(sha256=sha256, content=content))
        return content


def outcome_of(cache: Cache, op_id: UUID) -> Outcome | None:
    """What became of a queued operation; None while it is still pending."""
    with cache.read() as conn:
        row = conn.execute(select(s.outbox.c.state, s.outbox.c.outcome).where(s.outbox.c.op_id == op_id)).one()
    return None if row.state == "pending" else Outcome.from_json(op_id, row.state, row.outcome)


def next_pending(cache: Cache) -> Op | None:
    """The oldest operation still to push, with its claim token resolved."""
    with cache.read() as conn:
        row = conn.execute(
            select(s.outbox).where(s.outbox.c.state == "pending").order_by(s.outbox.c.seq).limit(1)
        ).first()
        return None if row is None else _op(conn, row)


def _op(conn: Connection, row: Any) -> Op:
    token = row.token
    if row.token_from is not None:
        # Made after a claim that was queued too: use the token that claim obtained, if it did.
        basis = conn.execute(
            select(s.outbox.c.state, s.outbox.c.outcome).where(s.outbox.c.op_id == row.token_from)
        ).first()
        token = None
        if basis is not None and basis.state == OutcomeState.APPLIED.value:
            token = json.loads(basis.outcome)["result"].get("token")
    payload = json.loads(row.payload)
    if row.kind == OpKind.CREATE.value and payload.get("attachments"):
        payload["attachments"] = with_contents(conn, payload["attachments"])  # the scans' bytes, from the cache
    return Op(
        op_id=UUID(str(row.op_id)),
        kind=OpKind(row.kind),
        ticket_id=None if row.ticket_id is None else UUID(str(row.ticket_id)),
        payload=payload,
        token=token,
        offline=bool(row.offline),
        made_at=row.created_at + timedelta(seconds=float(get_state(conn, "clock_offset") or 0.0)),
    )


def _write_through(conn: Connection, ticket_id: UUID, result: dict[str, Any]) -> None:
    """Show an accepted claim change before the next pull brings the row itself.

    The row version stays, so the pulled row (with a higher one) replaces this."""
    holder = result.get("holder")
    holder_id = None
    if holder is not None:
        holder_id = conn.execute(select(s.officer.c.id).where(s.officer.c.login == holder)).scalar()
    expires = result.get("expires_at")
    conn.execute(
        update(s.ticket)
        .where(s.ticket.c.id == ticket_id)
        .values(
            claimed_by=holder_id,
            claim_token=result["token"],
            claim_expires_at=datetime.fromisoformat(expires) if expires else None,
            status=result["status"],
        )
    )


def _snapshot_under_way(conn: Connection) -> UUID | None:
    """Where the next page of a snapshot begins, if an earlier sync stored some of its pages."""
    after = get_state(conn, SNAPSHOT_AFTER)
    if get_state(conn, SNAPSHOT_CURSOR) is None or after is None:
        return None
    return UUID(after)


def _page_done(conn: Connection, pulled: Pull, report: PullReport) -> bool:
    """After a page of a snapshot: note where the next page begins; after the last one, the first page's
    cursor. Returns False: a page is never the end of a pull."""
    report.pages += 1
    set_state(conn, "scope", pulled.scope)
    set_state(conn, "clock_offset", pulled.clock_offset)
    set_state(conn, "officer_id", pulled.officer_id)
    if pulled.after is None:
        set_state(conn, SNAPSHOT_CURSOR, pulled.cursor)
    if pulled.next_after is not None:
        set_state(conn, SNAPSHOT_AFTER, pulled.next_after)
        search_index.catch_up(conn)  # the pull's cursor does this at its end: searchable meanwhile
        return False
    # Every ticket is in, each page as of its own snapshot, none older than the first page's. The pull from
    # the first page's cursor, next, brings what changed since (upserts of newer rows; removals), ending with
    # the checksum of the scope like every pull; the first cursor is written last, indexing the words.
    first = get_state(conn, SNAPSHOT_CURSOR)
    for key in (SNAPSHOT_CURSOR, SNAPSHOT_AFTER):
        conn.execute(delete(s.sync_state).where(s.sync_state.c.key == key))
    set_state(conn, "cursor", first)  # None only if the state was tampered with: a fresh snapshot then
    return False


def _insert(conn: Connection, table: Table, rows: Sequence[Any], replace: bool = True) -> None:
    if rows:
        _send(conn, table, "insert or replace" if replace else "insert", rows)


def _mirrored_tickets(conn: Connection, rows: Sequence[Any]) -> dict[UUID, Any]:
    """The mirror's rows of the pulled tickets it already holds, in the pulled rows' columns."""
    if not rows:
        return {}
    columns = [s.ticket.c[name] for name in rows[0]._fields]
    ids = [row.id for row in rows]
    found: dict[UUID, Any] = {}
    for start in range(0, len(ids), 500):
        found.update(
            (row.id, row) for row in conn.execute(select(*columns).where(s.ticket.c.id.in_(ids[start : start + 500])))
        )
    return found


_CHANGE_TICKET: dict[frozenset[str], Any] = {}


def _upsert_tickets(conn: Connection, rows: Sequence[Any], mirrored: dict[UUID, Any] | None = None) -> None:
    """New tickets inserted; a mirrored one changed in the columns whose values changed, and only by a row at
    least as new (the write-through of an outcome keeps the old version). Only those columns: SQLite rewrites
    the entry of every index whose column an UPDATE sets, to the same value or not, and the mirror's ticket
    table has many indexes — setting every column made an incremental sync's COMMIT grow with the cache.
    ``mirrored``: the mirror's rows of these tickets when the caller read them already (``_mirrored_tickets``)."""
    if mirrored is None:
        mirrored = _mirrored_tickets(conn, rows)
    new = [row for row in rows if row.id not in mirrored]
    if new:
        _send(conn, s.ticket, "upsert", new)
    for row in rows:
        old = mirrored.get(row.id)
        if old is None or row.row_version < old.row_version:
            continue
        changed = {name: value for name, value in row._asdict().items() if getattr(old, name) != value}
        if not changed:
            continue
        key = frozenset(changed)
        statement = _CHANGE_TICKET.get(key)
        if statement is None:
            statement = _CHANGE_TICKET[key] = (
                update(s.ticket).where(s.ticket.c.id == bindparam("mirrored_id")).values({n: bindparam(n) for n in key})
            )
        conn.execute(statement, {**changed, "mirrored_id": row.id})


@dataclass(frozen=True)
class _Prepared:
    sql: str
    columns: tuple[int, ...]  # for each parameter of ``sql``, the position of its value in a pulled row
    processors: tuple[Callable[[Any], Any] | None, ...]  # the column type's bind processor, per parameter


_PREPARED: dict[tuple[str, str, tuple[str, ...]], _Prepared] = {}


def _send(conn: Connection, table: Table, how: str, rows: Sequence[Any]) -> None:
    """One executemany of positional tuples, each column converted in one pass by its type's processor.

    ``conn.execute(statement, [row._asdict() for row in rows])`` builds a dict per row and SQLAlchemy then
    builds each row's parameters again from it: half or more of an initial sync's client time
    (bench/sync.py). The statement is compiled once per table and column set.
    """
    names = tuple(rows[0]._fields)
    key = (table.name, how, names)
    prepared = _PREPARED.get(key)
    if prepared is None:
        prepared = _PREPARED[key] = _prepare(conn, table, how, names)
    by_column = list(zip(*rows, strict=True))
    converted = [
        by_column[i] if process is None else list(map(process, by_column[i]))
        for i, process in zip(prepared.columns, prepared.processors, strict=True)
    ]
    conn.exec_driver_sql(prepared.sql, list(zip(*converted, strict=True)))


def _prepare(conn: Connection, table: Table, how: str, names: tuple[str, ...]) -> _Prepared:
    statement: Any
    if how == "upsert":
        statement = sqlite_insert(table)
        columns = {c.name: statement.excluded[c.name] for c in table.c if c.name != "id"}
        statement = statement.on_conflict_do_update(
            index_elements=[table.c.id], set_=columns, where=statement.excluded.row_version >= table.c.row_version
        )
    else:
        statement = insert(table).prefix_with("OR REPLACE") if how == "insert or replace" else insert(table)
    compiled = statement.compile(dialect=conn.dialect, column_keys=list(names))
    order = list(compiled.positiontup or ())
    return _Prepared(
        sql=compiled.string,
        columns=tuple(names.index(name) for name in order),
        processors=tuple(table.c[name].type.dialect_impl(conn.dialect).bind_processor(conn.dialect) for name in order),
    )


def _remove_tickets(conn: Connection, ids: Iterable[UUID]) -> None:
    ids = list(ids)
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        _remove_children(conn, chunk, s.TICKET_CHILDREN.values())
        conn.execute(delete(s.ticket).where(s.ticket.c.id.in_(chunk)))


def _remove_content(conn: Connection, ids: Sequence[UUID]) -> None:
    """Forget the thread of tickets now withheld from the officer (``feed.WITHHELD_CHILDREN``)."""
    tables = [s.TICKET_CHILDREN[name] for name in sorted(WITHHELD_CHILDREN)]
    for start in range(0, len(ids), 500):
        _remove_children(conn, ids[start : start + 500], tables)


def _remove_children(conn: Connection, chunk: Sequence[UUID], tables: Iterable[Table]) -> None:
    notes = select(s.note.c.id).where(s.note.c.ticket_id.in_(chunk))
    conn.execute(delete(s.mention).where(s.mention.c.note_id.in_(notes)))
    for table in tables:
        conn.execute(delete(table).where(table.c.ticket_id.in_(chunk)))
