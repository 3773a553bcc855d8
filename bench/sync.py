"""Initial and incremental sync of the real sync engine, beside a raw copy of the same rows.

    python bench/sync.py [--engines sqlite,postgresql,mariadb] [--tickets 100000] [--small 1000]
                         [--changes 100] [--rounds 3] [--quick] [--profile DIR] [--tracemalloc] [--no-server]

For every engine, two central databases are filled with the demo generator (``demo.fill``, seed 1, about
3.5 messages per ticket): a large one (``--tickets``) and a small one (``--small``). Against them:
  1. baseline: a raw streaming SELECT of the rows an initial sync pulls (same tables, columns, join and
     scope; a server-side cursor on PostgreSQL and MariaDB) on the driver connection, written by a raw
     ``sqlite3`` executemany into a fresh file with the cache's own tables and indexes (WAL,
     synchronous=FULL, one transaction). It runs before and after the initial sync; its mean is used.
  2. initial sync: ``SyncEngine(Cache(new file), Store(url, officer=<demo admin>)).sync()`` into an empty
     cache, as an admin, who sees every ticket. rows/s = rows pulled (PullReport) / seconds.
  3. incremental sync: after one untimed warm-up sync, ``--rounds`` times: an idle ``sync()`` with nothing
     changed, then ``--changes`` writes by another officer through ``Store.write`` (claim, reply, note,
     status change on a quarter as many tickets, spread over the database), then the timed ``sync()`` that
     pulls them. The same on the small database; the medians are compared.
  4. through the server: a real ``aduan server`` process (``bench/support/serving.py``, as the server tests
     start it) on the same database, the admin given a server password and signed in; then 2. and 3. again with
     ``SyncEngine(Cache(new file), HttpCentral(server, token))``. The server's CPU time and peak RSS
     (``/proc/<pid>/stat`` and ``VmHWM``) are read before and after each phase. The cache it fills is
     checked byte for byte against the baseline's copy too.
  5. encrypted cache: the initial sync of 2. again into an SQLCipher cache (``Cache(new file, key)``, the key as
     a workspace gets it from ``security/cache_keys.py``), compared with the plain cache's sync of the same run.
Every phase runs in its own spawned process (except with --quick), so its peak RSS (``getrusage``
maxrss) is its own; growth is the peak minus the RSS the process had before the phase (imports, engine).
``--tracemalloc`` adds the Python heap peak of the initial sync (and slows it down).

The aims checked (from the issue): initial sync at least 1/3 of the baseline's rows/s, directly and through
the server; incremental sync on the large database at most 2x the small one's; the encrypted cache's initial
sync costing at most 15 % more time than the plain one's. A missed aim is printed,
never an exit status: this is a benchmark, not a test. A server that is not there is reported as "skipped: <reason>".
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import math
import multiprocessing as mp
import os
import platform
import pstats
import resource
import sqlite3
import statistics
import sys
import tempfile
import time
import traceback
import tracemalloc
import uuid
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, TypeVar

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    # Run as a script, Python puts bench/ on the path, not the repository root holding desktop/ and tests/.
    # Spawned children re-run this module, so they get the same path.
    sys.path.insert(0, str(REPO_ROOT))

from sqlalchemy import Column, Connection, Table, Uuid, insert, select, text  # noqa: E402
from sqlalchemy.dialects import sqlite as sqlite_dialect  # noqa: E402
from sqlalchemy.schema import CreateIndex, CreateTable  # noqa: E402

from bench.claims import engine_list, server_version  # noqa: E402
from bench.support.serving import LiveServer, give_password, process_stats, serving  # noqa: E402
from desktop.cache import schema as cache_schema  # noqa: E402
from desktop.cache.database import Cache  # noqa: E402
from desktop.demo import generator as demo  # noqa: E402
from desktop.domain.status import Status  # noqa: E402
from desktop.domain.vocabulary import Role  # noqa: E402
from desktop.security.cache_keys import CacheKeys  # noqa: E402
from desktop.security.credentials import MemoryCredentials  # noqa: E402
from desktop.store import engine as engines  # noqa: E402
from desktop.store import handling  # noqa: E402
from desktop.store.claims import claim  # noqa: E402
from desktop.store.feed import CHILD_TABLES, TICKET_COLUMNS  # noqa: E402
from desktop.store.schema import membership, officer, ticket, unit  # noqa: E402
from desktop.store.service import Store  # noqa: E402
from desktop.sync.engine import SyncEngine, SyncReport  # noqa: E402
from desktop.sync.http_central import HttpCentral  # noqa: E402
from tests.databases import ServerMissing, throwaway_database  # noqa: E402
from tests.store.helpers import add_officer_without_login  # noqa: E402

T = TypeVar("T")

DEFAULT_ENGINES = ("sqlite", "postgresql")
BATCH = 2000  # rows per fetch and executemany in the baseline: the feed's own batch size
AIM_INITIAL_RATIO = 1 / 3  # initial sync rows/s at least this share of the baseline's
AIM_INCREMENTAL_RATIO = 2.0  # incremental sync on the large database at most this many times the small one's
AIM_ENCRYPTED_RATIO = 1 / 1.15  # the encrypted cache's initial sync rows/s at least this share of the plain one's
CHANGER = "bench.changer"  # the other officer, whose writes the incremental sync pulls
OPS_PER_TICKET = 4  # claim, reply, note, status change
PRETTY = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "mariadb": "MariaDB"}
# A forward step from every status, all allowed by domain/status.py, so a change is what an officer does.
NEXT_STATUS = {
    Status.DITERIMA: Status.DIVERIFIKASI,
    Status.DIVERIFIKASI: Status.DITINDAKLANJUTI,
    Status.DITINDAKLANJUTI: Status.MENUNGGU_PELAPOR,
    Status.MENUNGGU_PELAPOR: Status.SELESAI,
    Status.DITUNDA: Status.DITINDAKLANJUTI,
    Status.BUKAN_WEWENANG: Status.DITERIMA,
    Status.SELESAI: Status.DITINDAKLANJUTI,
    Status.DIARSIPKAN: Status.DITERIMA,
}


@dataclass(frozen=True)
class Central:
    """A filled central database: what the phases need to know about it."""

    url: str
    tickets: int
    messages: int
    notes: int
    admin: str
    fill_seconds: float


@dataclass
class Measured:
    """One timed phase."""

    rows: int
    seconds: float
    cpu_seconds: float  # this process's user + system time: the rest is the server's and waiting
    rss_start_mib: float
    rss_peak_mib: float
    heap_peak_mib: float | None = None
    by_table: dict[str, int] = field(default_factory=dict)
    server_cpu_seconds: float | None = None  # through the server: its process's CPU time during the phase
    server_peak_mib: float | None = None  # and its peak RSS (VmHWM) at the end of the phase

    @property
    def rows_per_second(self) -> float:
        return self.rows / self.seconds if self.seconds else math.inf


@dataclass
class Incremental:
    """The idle and incremental syncs of all rounds on one database."""

    idle: list[Measured]
    changed: list[Measured]

    @staticmethod
    def median_seconds(runs: list[Measured]) -> float:
        return statistics.median(run.seconds for run in runs)


# --- in a child: measuring --------------------------------------------------------------------------------


def run_in_child(task: Callable[..., T], *args: Any) -> T:
    """Run ``task`` in a fresh spawned process: its peak RSS and imports are its own, not the last phase's."""
    with ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn"), max_tasks_per_child=1) as pool:
        return pool.submit(task, *args).result()


def run_here(task: Callable[..., T], *args: Any) -> T:
    """--quick: spawning a process per phase costs 2-3 s each, more than a smoke run's phases themselves."""
    return task(*args)


def runner(args: argparse.Namespace) -> Callable[..., Any]:
    return run_here if args.quick else run_in_child


def peak_rss_mib() -> float:
    """Peak resident set size of this process so far (Linux reports KiB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


@contextmanager
def profiled(path: str | None) -> Iterator[None]:
    """cProfile the block into ``path`` when one is given; the figures of a profiled run are slower."""
    if path is None:
        yield
        return
    profile = cProfile.Profile()
    profile.enable()
    try:
        yield
    finally:
        profile.disable()
        profile.dump_stats(path)


def measure(
    work: Callable[[], int | dict[str, int]],
    profile: str | None = None,
    trace: bool = False,
    server_pid: int | None = None,
) -> Measured:
    """Time ``work`` (which returns its row count, or counts by table) with CPU, RSS and optionally heap;
    with ``server_pid``, also that server process's CPU time over the same span and its peak RSS after."""
    rss_start = peak_rss_mib()  # the peak so far: imports, engine, cache schema
    if trace:
        tracemalloc.start()
    server_before = process_stats(server_pid) if server_pid is not None else None
    cpu_before = cpu_seconds()
    with profiled(profile):
        start = time.perf_counter()
        counts = work()
        seconds = time.perf_counter() - start
    cpu = cpu_seconds() - cpu_before
    server_after = process_stats(server_pid) if server_pid is not None else None
    heap = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
    if trace:
        tracemalloc.stop()
    by_table = counts if isinstance(counts, dict) else {}
    rows = sum(counts.values()) if isinstance(counts, dict) else counts
    measured = Measured(rows, seconds, cpu, rss_start, peak_rss_mib(), heap, by_table)
    if server_before is not None and server_after is not None:
        measured.server_cpu_seconds = server_after.cpu_since(server_before)
        measured.server_peak_mib = server_after.peak_rss_mib
    return measured


# --- in a child: the central database ---------------------------------------------------------------------


def build_central(url: str, tickets: int) -> Central:
    store = Store(url)
    try:
        store.upgrade()
        start = time.perf_counter()
        summary = store.admin(demo.fill, tickets, 1)
        fill_seconds = time.perf_counter() - start
        store.admin(_add_changer)
        admin = store.read(_first_admin)
    finally:
        store.dispose()
    _analyze(url)
    return Central(url, summary.tickets, summary.messages, summary.notes, admin, fill_seconds)


def _add_changer(conn: Connection) -> None:
    """An officer in every unit, so every ticket is theirs to claim; no server login, like the bench's owner."""
    codes = list(conn.execute(select(unit.c.code).order_by(unit.c.id)).scalars())
    add_officer_without_login(conn, CHANGER, "Bench Changer", codes, Role.OFFICER)
    # The admin the bench syncs as is made a member of every unit: a confidential report's content is read by
    # its handling unit alone (store/confidentiality.py), and the baseline moves every row.
    admin_id = conn.execute(select(officer.c.id).where(officer.c.login == _first_admin(conn))).scalar_one()
    joined = select(membership.c.unit_id).where(membership.c.officer_id == admin_id)
    for unit_id in conn.execute(select(unit.c.id).where(unit.c.id.not_in(joined))).scalars().all():
        conn.execute(insert(membership).values(officer_id=admin_id, unit_id=unit_id))


def _first_admin(conn: Connection) -> str:
    query = select(officer.c.login).where(officer.c.role == Role.ADMIN.value).order_by(officer.c.id).limit(1)
    return str(conn.execute(query).scalar_one())


def _analyze(url: str) -> None:
    """Give PostgreSQL's planner the statistics autovacuum would gather a minute after the load anyway, so
    the figures do not depend on whether it ran yet. MariaDB recalculates InnoDB statistics by itself; the
    app never runs ANALYZE on SQLite, so the bench does not either."""
    if engines.normalise_url(url).get_backend_name() != "postgresql":
        return
    engine = engines.create(url, isolation_level="AUTOCOMMIT")
    try:
        with engine.connect() as conn:
            conn.execute(text("VACUUM ANALYZE"))
    finally:
        engine.dispose()


# --- in a child: the baseline -----------------------------------------------------------------------------


def raw_copy(url: str, target: str) -> Measured:
    """Stream the rows of an initial sync off the driver connection into a fresh SQLite file, raw."""
    _register_sqlite_adapters()
    engine = engines.create(url)  # the same driver and connect settings as the Store
    pooled = engine.raw_connection()
    out = _fresh_sqlite(target)
    try:
        driver = pooled.driver_connection
        dialect = engine.dialect.name
        quote = engine.dialect.identifier_preparer.quote
        return measure(lambda: _copy_all(driver, dialect, quote, out))
    finally:
        out.close()
        pooled.close()
        engine.dispose()


def _register_sqlite_adapters() -> None:
    """Store ids and times as SQLAlchemy stores them in the cache: 32 hex digits, and text with microseconds.

    Adapters run inside sqlite3's C code, the cheapest conversion Python offers. They are global, but the
    only other user of sqlite3 in the process is SQLAlchemy, which converts ids and times to text itself.
    """
    sqlite3.register_adapter(uuid.UUID, lambda value: value.hex)
    sqlite3.register_adapter(datetime, lambda value: value.isoformat(" ", "microseconds"))


def _fresh_sqlite(path: str) -> sqlite3.Connection:
    out = sqlite3.connect(path, isolation_level=None)
    out.execute("PRAGMA journal_mode=WAL")
    out.execute("PRAGMA synchronous=FULL")
    for table in _baseline_tables():
        # The cache's own DDL, indexes included: the baseline pays the same index maintenance.
        out.execute(str(CreateTable(table).compile(dialect=sqlite_dialect.dialect())))
        for index in table.indexes:
            out.execute(str(CreateIndex(index).compile(dialect=sqlite_dialect.dialect())))
    return out


def _baseline_tables() -> list[Table]:
    return [cache_schema.ticket, *(cache_schema.TICKET_CHILDREN[name] for name in CHILD_TABLES)]


def _copy_all(driver: Any, dialect: str, quote: Callable[[str], str], out: sqlite3.Connection) -> dict[str, int]:
    counts: dict[str, int] = {}
    out.execute("BEGIN")
    for name, select_sql, columns in _baseline_selects(quote, dialect):
        marks = ", ".join("?" * len(columns))
        insert_sql = f"INSERT INTO {name} ({', '.join(columns)}) VALUES ({marks})"
        cursor = _streaming_cursor(driver, dialect)
        cursor.execute(select_sql)
        counts[name] = 0
        while batch := cursor.fetchmany(BATCH):
            out.executemany(insert_sql, batch)
            counts[name] += len(batch)
        cursor.close()
    out.execute("COMMIT")
    driver.rollback()  # end the read transaction (a server-side cursor needs one on PostgreSQL)
    return {name: n for name, n in counts.items() if n}


def _baseline_selects(quote: Callable[[str], str], dialect: str) -> list[tuple[str, str, list[str]]]:
    """(table, SELECT, column names): the feed's columns, join and scope for an officer who sees everything.

    Built from the same column lists as the feed (``feed.TICKET_COLUMNS``, ``feed.CHILD_TABLES``), so the
    baseline moves the same values; discussions are left out, since the demo writes none.
    """

    def column(prefix: str, c: Column[Any]) -> str:
        if dialect == "mariadb" and isinstance(c.type, Uuid):
            # MariaDB's native UUID reaches the client as text with dashes; the cache holds 32 hex digits.
            return f"REPLACE({prefix}.{quote(c.name)}, '-', '')"
        return f"{prefix}.{quote(c.name)}"

    def cols(prefix: str, columns: list[Column[Any]]) -> str:
        return ", ".join(column(prefix, c) for c in columns)

    live = f"t.{quote('deleted_at')} IS NULL"
    ticket_sql = (
        f"SELECT {cols('t', TICKET_COLUMNS)}, CASE WHEN r.anonymous THEN NULL ELSE r.name END, "
        "COALESCE(r.anonymous, FALSE), COALESCE(r.confidential, FALSE), FALSE "
        f"FROM {quote('ticket')} t LEFT JOIN reporter r ON r.id = t.reporter_id WHERE {live}"
    )
    extra = ["reporter_name", "reporter_anonymous", "reporter_confidential", "content_withheld"]
    selects = [("ticket", ticket_sql, [c.name for c in TICKET_COLUMNS] + extra)]
    for name, (table, columns) in CHILD_TABLES.items():
        sql = f"SELECT {cols('c', columns)} FROM {quote(table.name)} c JOIN ticket t ON t.id = c.ticket_id WHERE {live}"
        selects.append((name, sql, [c.name for c in columns]))
    return selects


def tables_that_differ(cache_path: str, copy_path: str) -> list[str]:
    """The baseline tables whose rows are not byte for byte those of the synced cache (none, when it is fair).

    Checked untimed after each large initial sync, so the baseline cannot drift into moving other data.
    """
    differing = []
    for table in _baseline_tables():
        digests = set()
        for path in (cache_path, copy_path):
            with closing(sqlite3.connect(path)) as conn:
                digest = hashlib.sha256()
                order = ", ".join(c.name for c in table.primary_key)  # sla_clock has no id column
                for found in conn.execute(f"SELECT * FROM {table.name} ORDER BY {order}"):
                    digest.update(repr(found).encode())
                digests.add(digest.hexdigest())
        if len(digests) > 1:
            differing.append(table.name)
    return differing


def _streaming_cursor(driver: Any, dialect: str) -> Any:
    """A cursor that does not load the whole result first, as SQLAlchemy's ``stream_results`` gives the feed."""
    if dialect == "postgresql":
        return driver.cursor(name=f"bench_{uuid.uuid4().hex[:8]}")  # a server-side cursor (DECLARE/FETCH)
    if dialect == "mariadb":
        import pymysql.cursors

        return driver.cursor(pymysql.cursors.SSCursor)
    return driver.cursor()  # sqlite3 steps through the result as it is fetched


# --- in a child: the syncs --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Through:
    """A signed-in session on an ``aduan server``: sync through it instead of a database connection."""

    address: str
    token: str
    pid: int  # the server process, whose CPU time and peak RSS each measured sync reads


def _server_pid(through: Through | None) -> int | None:
    return None if through is None else through.pid


def _link(central: Central, through: Through | None) -> Store | HttpCentral:
    """The admin's link to the central database: direct (a Store) or through the server."""
    if through is None:
        return Store(central.url, officer=central.admin, device="bench-desk")
    return HttpCentral(through.address, through.token)


def _close(link: Store | HttpCentral) -> None:
    if isinstance(link, Store):
        link.dispose()
    else:
        link.close()


def initial_sync(
    central: Central,
    cache_path: str,
    profile: str | None,
    trace: bool,
    through: Through | None = None,
    encrypted: bool = False,
) -> Measured:
    cache = Cache(cache_path, CacheKeys(MemoryCredentials()).new() if encrypted else None)
    link = _link(central, through)
    try:
        engine = SyncEngine(cache, link)
        result = measure(lambda: _pulled(engine.sync()), profile, trace, _server_pid(through))
    finally:
        _close(link)
        cache.dispose()
    if result.by_table.get("ticket") != central.tickets:
        raise RuntimeError(f"the initial sync pulled {result.by_table}, not all {central.tickets} tickets")
    return result


def _pulled(report: SyncReport) -> dict[str, int]:
    return dict(report.pull.rows)


def incremental_syncs(
    central: Central, cache_path: str, changes: int, rounds: int, profile: str | None, through: Through | None = None
) -> Incremental:
    """On a synced cache: per round an idle sync, ``changes`` writes by another officer, the sync pulling them.
    The other officer writes directly (``Store.write``) either way: only the admin's link differs."""
    cache = Cache(cache_path)
    link = _link(central, through)
    changer = Store(central.url, officer=CHANGER, device="bench-changer")
    try:
        engine = SyncEngine(cache, link)
        # Warm, as a running app is: the pool holds a connection and SQLAlchemy has compiled the statements.
        engine.sync()
        changer.actor()
        found = Incremental(idle=[], changed=[])
        for number in range(rounds):
            found.idle.append(measure(lambda: _pulled(engine.sync()), server_pid=_server_pid(through)))
            make_changes(changer, changes)
            # Only the last round is profiled: one round is what the figures are made of.
            last = profile if number == rounds - 1 else None
            found.changed.append(measure(lambda: _pulled(engine.sync()), last, server_pid=_server_pid(through)))
            pulled = found.changed[-1].by_table.get("ticket", 0)
            if pulled != math.ceil(changes / OPS_PER_TICKET):
                raise RuntimeError(f"the incremental sync pulled {pulled} tickets after {changes} changes")
    finally:
        changer.dispose()
        _close(link)
        cache.dispose()
    return found


def make_changes(changer: Store, count: int) -> None:
    """``count`` writes, each its own transaction: claim, reply, note and status change, ticket after ticket.

    The tickets are unclaimed ones spread evenly over the tracking numbers, so old and new rows both change;
    tickets changed in an earlier round stay claimed by the changer and are not picked again.
    """
    wanted = math.ceil(count / OPS_PER_TICKET)
    free = changer.read(_unclaimed_ids)
    if len(free) < wanted:
        raise RuntimeError(f"only {len(free)} unclaimed tickets left for {wanted} to change: use a larger --small")
    for number, ticket_id in enumerate(free[:: len(free) // wanted][:wanted]):
        _work_on(changer, ticket_id, min(OPS_PER_TICKET, count - number * OPS_PER_TICKET))


def _work_on(changer: Store, ticket_id: uuid.UUID, writes: int) -> None:
    """The first ``writes`` of: claim, reply, note, status change — what an officer does with a new ticket."""
    taken = changer.write(claim, ticket_id)
    token = taken.claim.token
    if writes > 1:
        changer.write(handling.reply, ticket_id, token, "Terima kasih, laporan Anda sedang kami tindak lanjuti.")
    if writes > 2:
        changer.write(handling.add_note, ticket_id, "Sudah dikoordinasikan dengan unit terkait.", token=token)
    if writes > 3:
        changer.write(handling.change_status, ticket_id, token, NEXT_STATUS[taken.status])


def _unclaimed_ids(conn: Connection) -> list[uuid.UUID]:
    query = select(ticket.c.id).where(ticket.c.claimed_by.is_(None), ticket.c.deleted_at.is_(None))
    return list(conn.execute(query.order_by(ticket.c.tracking_no)).scalars())


# --- in the parent: one engine ----------------------------------------------------------------------------


@dataclass
class EngineResult:
    initial: Measured | None = None
    baselines: list[Measured] = field(default_factory=list)
    large: Incremental | None = None
    small: Incremental | None = None
    # Through the server: its initial sync is compared with the baselines run just before and after it.
    server_initial: Measured | None = None
    server_baselines: list[Measured] = field(default_factory=list)
    server_large: Incremental | None = None
    server_small: Incremental | None = None
    encrypted_initial: Measured | None = None  # the initial sync into an SQLCipher cache

    def encrypted_ratio(self) -> float | None:
        if self.encrypted_initial is None or self.initial is None:
            return None
        return self.encrypted_initial.rows_per_second / self.initial.rows_per_second

    @property
    def baseline_rows_per_second(self) -> float:
        return statistics.mean(b.rows_per_second for b in self.baselines)

    def server_baseline_rows_per_second(self) -> float | None:
        if not self.server_baselines:
            return None
        return statistics.mean(b.rows_per_second for b in self.server_baselines)

    def server_initial_ratio(self) -> float | None:
        baseline = self.server_baseline_rows_per_second()
        if self.server_initial is None or baseline is None:
            return None
        return self.server_initial.rows_per_second / baseline

    def server_to_direct(self) -> float | None:
        if self.server_initial is None or self.initial is None:
            return None
        return self.server_initial.rows_per_second / self.initial.rows_per_second

    def server_incremental_ratio(self) -> float | None:
        if self.server_large is None or self.server_small is None:
            return None
        large = Incremental.median_seconds(self.server_large.changed)
        return large / Incremental.median_seconds(self.server_small.changed)

    def initial_ratio(self) -> float | None:
        if self.initial is None or not self.baselines:
            return None
        return self.initial.rows_per_second / self.baseline_rows_per_second

    def incremental_ratio(self) -> float | None:
        if self.large is None or self.small is None:
            return None
        return Incremental.median_seconds(self.large.changed) / Incremental.median_seconds(self.small.changed)


def run_engine(kind: str, args: argparse.Namespace, workdir: Path) -> EngineResult:
    """Print one engine's table; returns its figures (partial when it failed, empty when skipped)."""
    print()
    result = EngineResult()
    run = runner(args)
    try:
        with throwaway_database(kind, workdir) as large_url, throwaway_database(kind, workdir) as small_url:
            large = run(build_central, large_url, args.tickets)
            small = run(build_central, small_url, args.small)
            print(f"{PRETTY[kind]} — {server_version(large_url)}")
            print(
                f"central: {large.tickets:,} tickets, {large.messages:,} messages, {large.notes:,} notes "
                f"(filled in {large.fill_seconds:.0f} s); small: {small.tickets:,} tickets "
                f"(filled in {small.fill_seconds:.1f} s); syncing as {large.admin} (admin)",
                flush=True,
            )
            print(HEADER, flush=True)
            measure_large(kind, large, args, workdir, result)
            measure_small(kind, small, args, workdir, result)
            print_engine_notes(result)
    except ServerMissing as missing:
        print(f"{PRETTY[kind]}: skipped: {missing}")
    except Exception:  # one engine failing must not hide the others' figures
        print(f"{PRETTY[kind]}: failed:\n{traceback.format_exc()}")
    return result


def measure_large(kind: str, central: Central, args: argparse.Namespace, workdir: Path, result: EngineResult) -> None:
    cache_path = str(workdir / f"{kind}-large.cache.db")
    run = runner(args)
    # Baseline before and after the sync: on a shared machine the load drifts, and the mean of both sides
    # is fairer to the sync than either one.
    result.baselines.append(run(raw_copy, central.url, str(workdir / f"{kind}-raw-1.db")))
    print(row("raw copy (baseline) 1", central.tickets, result.baselines[-1]), flush=True)
    profile = _profile_path(args, kind, "initial")
    result.initial = run(initial_sync, central, cache_path, profile, args.tracemalloc)
    result.baselines.append(run(raw_copy, central.url, str(workdir / f"{kind}-raw-2.db")))
    differing = tables_that_differ(cache_path, str(workdir / f"{kind}-raw-2.db"))
    if differing:
        print(f"  NOTE: the baseline's copy differs from the synced cache in: {', '.join(differing)}")
    aim = verdict(result.initial_ratio(), AIM_INITIAL_RATIO, at_least=True)
    print(
        row(
            "initial sync",
            central.tickets,
            result.initial,
            result.baseline_rows_per_second,
            result.initial_ratio(),
            aim,
        )
    )
    print(row("raw copy (baseline) 2", central.tickets, result.baselines[-1]), flush=True)
    result.encrypted_initial = run(
        initial_sync, central, str(workdir / f"{kind}-large.encrypted.cache.db"), None, False, None, True
    )
    ratio = result.encrypted_ratio()
    plain = result.initial.rows_per_second if result.initial is not None else None
    aim = verdict(ratio, AIM_ENCRYPTED_RATIO, at_least=True)
    print(row("initial sync, encrypted", central.tickets, result.encrypted_initial, plain, ratio, aim), flush=True)
    profile = _profile_path(args, kind, "incremental-large")
    result.large = run(incremental_syncs, central, cache_path, args.changes, args.rounds, profile)
    print_incremental(central.tickets, result.large, args.changes)
    if not args.server:
        return
    with server_session(central, workdir) as (server, through):
        print_server_heading(server)
        server_cache = str(workdir / f"{kind}-large.server.cache.db")
        profile = _profile_path(args, kind, "initial-server")
        result.server_baselines.append(result.baselines[-1])  # the one run just before (after the direct sync)
        result.server_initial = run(initial_sync, central, server_cache, profile, False, through)
        result.server_baselines.append(run(raw_copy, central.url, str(workdir / f"{kind}-raw-3.db")))
        differing = tables_that_differ(server_cache, str(workdir / f"{kind}-raw-3.db"))
        if differing:
            print(f"  NOTE: the baseline's copy differs from the cache synced through the server in: {differing}")
        ratio = result.server_initial_ratio()
        print(
            row(
                "initial sync",
                central.tickets,
                result.server_initial,
                result.server_baseline_rows_per_second(),
                ratio,
                verdict(ratio, AIM_INITIAL_RATIO, at_least=True),
            )
        )
        print(row("raw copy (baseline) 3", central.tickets, result.server_baselines[-1]), flush=True)
        profile = _profile_path(args, kind, "incremental-large-server")
        result.server_large = run(incremental_syncs, central, server_cache, args.changes, args.rounds, profile, through)
        print_incremental(central.tickets, result.server_large, args.changes)


def measure_small(kind: str, central: Central, args: argparse.Namespace, workdir: Path, result: EngineResult) -> None:
    cache_path = str(workdir / f"{kind}-small.cache.db")
    run = runner(args)
    initial = run(initial_sync, central, cache_path, None, False)
    print(row("initial sync", central.tickets, initial))
    profile = _profile_path(args, kind, "incremental-small")
    result.small = run(incremental_syncs, central, cache_path, args.changes, args.rounds, profile)
    aim = verdict(result.incremental_ratio(), AIM_INCREMENTAL_RATIO, at_least=False)
    print_incremental(central.tickets, result.small, args.changes, result.incremental_ratio(), aim)
    if not args.server:
        return
    with server_session(central, workdir) as (server, through):
        print_server_heading(server)
        server_cache = str(workdir / f"{kind}-small.server.cache.db")
        print(row("initial sync", central.tickets, run(initial_sync, central, server_cache, None, False, through)))
        profile = _profile_path(args, kind, "incremental-small-server")
        result.server_small = run(incremental_syncs, central, server_cache, args.changes, args.rounds, profile, through)
        ratio = result.server_incremental_ratio()
        aim = verdict(ratio, AIM_INCREMENTAL_RATIO, at_least=False)
        print_incremental(central.tickets, result.server_small, args.changes, ratio, aim)


@contextmanager
def server_session(central: Central, workdir: Path) -> Iterator[tuple[LiveServer, Through]]:
    """A real ``aduan server`` on the central database, with the admin given a server password and signed in.

    Started here in the parent; the measured syncs run in their own processes and read its /proc files."""
    give_password(central.url, central.admin)
    with serving(central.url, workdir) as server:
        token = server.sign_in(central.admin, device="bench-desk")
        yield server, Through(server.url, token, server.process.pid)


def _profile_path(args: argparse.Namespace, kind: str, phase: str) -> str | None:
    return None if args.profile is None else str(args.profile / f"{kind}-{phase}.prof")


# --- printing ----------------------------------------------------------------------------------------------

HEADER = (
    f"{'phase':<24} {'tickets':>8} {'rows':>8} {'seconds':>8} {'rows/s':>9} {'baseline rows/s':>15} "
    f"{'ratio':>6}  {'aim':<18} {'cpu s':>6} {'peak RSS MiB':>13} {'growth':>7}"
)


def row(
    phase: str,
    tickets: int,
    m: Measured,
    baseline: float | None = None,
    ratio: float | None = None,
    aim: str = "",
    seconds: float | None = None,
) -> str:
    """One table line; rows/s only for bulk phases (an incremental sync's time is mostly fixed cost)."""
    seconds = m.seconds if seconds is None else seconds
    rate = f"{m.rows / seconds:>9,.0f}" if m.rows > 1000 and seconds else f"{'':>9}"
    base = f"{baseline:>15,.0f}" if baseline is not None else f"{'':>15}"
    shown_ratio = f"{ratio:>6.2f}" if ratio is not None else f"{'':>6}"
    heap = f"  (Python heap peak {m.heap_peak_mib:,.0f} MiB, traced)" if m.heap_peak_mib is not None else ""
    return (
        f"{phase:<24} {tickets:>8,} {m.rows:>8,} {seconds:>8.3f} {rate} {base} {shown_ratio}  {aim:<18} "
        f"{m.cpu_seconds:>6.2f} {m.rss_peak_mib:>13,.0f} {m.rss_peak_mib - m.rss_start_mib:>+7,.0f}{heap}"
        f"{server_part(m)}"
    )


def server_part(m: Measured) -> str:
    """Through the server: its process's CPU time over the phase and its peak RSS so far."""
    if m.server_cpu_seconds is None and m.server_peak_mib is None:
        return ""
    cpu = "?" if m.server_cpu_seconds is None else f"{m.server_cpu_seconds:.2f}"
    peak = "?" if m.server_peak_mib is None else f"{m.server_peak_mib:,.0f}"
    return f"  server: cpu {cpu} s, peak RSS {peak} MiB"


def print_server_heading(server: LiveServer) -> None:
    stats = process_stats(server.process.pid)
    rss = "?" if stats.rss_mib is None else f"{stats.rss_mib:,.0f}"
    print(
        f"through aduan server at {server.url} (pid {server.process.pid}, RSS {rss} MiB after start), "
        "same database, admin signed in:",
        flush=True,
    )


def print_incremental(tickets: int, runs: Incremental, changes: int, ratio: float | None = None, aim: str = "") -> None:
    """Median rows; the seconds column is the median over the rounds, every round's time follows."""
    for label, measured, shown_ratio, shown_aim in (
        ("idle sync (no changes)", runs.idle, None, ""),
        (f"incremental, {changes} changes", runs.changed, ratio, aim),
    ):
        median = Incremental.median_seconds(measured)
        middle = min(measured, key=lambda m: abs(m.seconds - median))
        rounds = ", ".join(f"{m.seconds:.3f}" for m in measured)
        line = row(label, tickets, middle, ratio=shown_ratio, aim=shown_aim, seconds=median)
        print(f"{line}  rounds: {rounds}", flush=True)
    pulled = runs.changed[-1].by_table
    if pulled:
        print(f"{'':<24}   rows pulled per incremental sync: {', '.join(f'{k} {v}' for k, v in pulled.items())}")


def verdict(ratio: float | None, aim: float, at_least: bool) -> str:
    if ratio is None:
        return ""
    met = ratio >= aim if at_least else ratio <= aim
    return f"{'>=' if at_least else '<='} {aim:.2f}: {'met' if met else 'NOT met'}"


def print_engine_notes(result: EngineResult) -> None:
    rates = ", ".join(f"{b.rows_per_second:,.0f}" for b in result.baselines)
    print(f"{'':<24}   baseline rows/s before and after the sync: {rates}")
    if result.server_initial is not None:
        rates = ", ".join(f"{b.rows_per_second:,.0f}" for b in result.server_baselines)
        to_direct = result.server_to_direct()
        shown = f"; through the server / direct: {to_direct:.2f}" if to_direct is not None else ""
        print(f"{'':<24}   baseline rows/s before and after the sync through the server: {rates}{shown}")


def print_machine(args: argparse.Namespace) -> None:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print("Sync engine: initial and incremental sync vs a raw copy of the same rows")
    print(f"machine: {os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}")
    print(f"load average (1, 5, 15 min) at start: {load}")
    print(
        f"settings: {args.tickets:,} tickets (small: {args.small:,}), {args.changes} changes per round, "
        f"{args.rounds} rounds{', PROFILED (slower)' if args.profile else ''}"
        f"{', tracemalloc on (initial sync slower)' if args.tracemalloc else ''}"
    )
    print(
        "Server and client share the machine's cores. rows = rows pulled (tickets, messages, notes, ...);\n"
        "baseline = raw streaming SELECT of the same rows into a raw sqlite3 executemany (mean of two runs);\n"
        "incremental = the sync() pulling the changes of another officer (median of the rounds);\n"
        "'initial sync, encrypted': into an SQLCipher cache; its baseline is the plain cache's initial sync;\n"
        "ratio = initial sync rows/s / baseline rows/s, and incremental seconds large / small database;\n"
        "cpu s = the client process's CPU time (the server's is not counted); peak RSS of the phase's own\n"
        "process, growth = how far the phase raised that peak above what the process had before it.\n"
        "Through the server: the same phases with HttpCentral to a real `aduan server` process on the same\n"
        "database (HTTP on 127.0.0.1); 'server: cpu' is that process's CPU time during the phase (from\n"
        "/proc/<pid>/stat), 'peak RSS' its VmHWM so far; its ratio uses the baselines just before and after it."
    )
    if args.quick:
        print("--quick: all phases run in this one process, so peak RSS is cumulative; a smoke run, not figures")


def print_aims(results: dict[str, EngineResult]) -> None:
    print()
    for kind, result in results.items():
        initial, incremental = result.initial_ratio(), result.incremental_ratio()
        first = (
            f"initial sync {initial:.2f} of the baseline's rows/s "
            f"({verdict(initial, AIM_INITIAL_RATIO, at_least=True)})"
            if initial is not None
            else "initial sync not measured"
        )
        second = (
            f"incremental large/small {incremental:.2f} ({verdict(incremental, AIM_INCREMENTAL_RATIO, at_least=False)})"
            if incremental is not None
            else "incremental not measured"
        )
        print(f"Aims on {PRETTY[kind]}: {first}; {second}")
        encrypted = result.encrypted_ratio()
        if encrypted is not None:
            print(
                f"  encrypted cache: initial sync {encrypted:.2f} of the plain cache's rows/s, "
                f"{1 / encrypted - 1:+.0%} time ({verdict(encrypted, AIM_ENCRYPTED_RATIO, at_least=True)})"
            )
        through, through_incremental = result.server_initial_ratio(), result.server_incremental_ratio()
        if through is not None or through_incremental is not None:
            parts = []
            if through is not None:
                parts.append(
                    f"initial sync {through:.2f} of the baseline's rows/s "
                    f"({verdict(through, AIM_INITIAL_RATIO, at_least=True)})"
                )
            if through_incremental is not None:
                parts.append(
                    f"incremental large/small {through_incremental:.2f} "
                    f"({verdict(through_incremental, AIM_INCREMENTAL_RATIO, at_least=False)})"
                )
            print(f"  through the server: {'; '.join(parts)}")


def print_profile_tops(directory: Path) -> None:
    for path in sorted(directory.glob("*.prof")):
        print(f"\n--- {path} (top 15 by own time) ---")
        pstats.Stats(str(path), stream=sys.stdout).sort_stats("tottime").print_stats(15)


# --- options -----------------------------------------------------------------------------------------------


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--engines", default=",".join(DEFAULT_ENGINES), type=engine_list, help="default sqlite,postgresql"
    )
    parser.add_argument("--tickets", default=100_000, type=int, help="tickets in the large database (default 100000)")
    parser.add_argument("--small", default=1000, type=int, help="tickets in the small database (default 1000)")
    parser.add_argument("--changes", default=100, type=int, help="central writes per incremental round (default 100)")
    parser.add_argument("--rounds", default=3, type=int, help="incremental rounds per database (default 3)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 2000 and 500 tickets, one round")
    parser.add_argument("--profile", type=Path, help="write cProfile stats of the timed syncs into this folder")
    parser.add_argument("--tracemalloc", action="store_true", help="also trace the initial sync's Python heap peak")
    parser.add_argument(
        "--no-server", dest="server", action="store_false", help="leave out the phases through `aduan server`"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.tickets, args.small, args.rounds = 2000, 500, 1
    if min(args.tickets, args.small, args.changes, args.rounds) < 1:
        parser.error("--tickets, --small, --changes and --rounds must be positive")
    if args.profile is not None:
        args.profile.mkdir(parents=True, exist_ok=True)
    return args


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print_machine(args)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="aduan-bench-sync-") as tmp:
        results = {kind: run_engine(kind, args, Path(tmp)) for kind in args.engines}
    print_aims(results)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average at end: {load}; total time {time.monotonic() - started:.0f} s")
    if args.profile is not None:
        print_profile_tops(args.profile)
    return 0


if __name__ == "__main__":
    sys.exit(main())
