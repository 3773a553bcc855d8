"""Claims per second and p50/p99 latency of the real claim path, beside a raw single-row UPDATE.

    python bench/claims.py [--engines sqlite,postgresql,mariadb] [--seconds 5] [--clients 1,8,32]
                           [--tickets 20000] [--quick]

For every engine and client count, that many OS processes (spawned once for the whole benchmark, so
they share nothing but the database) each act as their own officer and, started together behind a
barrier, for a fixed time:
  1. run the baseline: ``UPDATE ticket SET row_version = row_version + 1 WHERE id = ?`` in autocommit on
     the raw driver connection, one row after another;
  2. run the claim path: ``Store.write(claims.claim, ticket_id)``, one transaction per claim, exactly as
     the app does it (pool checkout; on PostgreSQL one statement doing the conditional UPDATE with the server
     clock and change stamp, the audit row and returning the ticket; on SQLite the change counter bump, an
     ``UPDATE … RETURNING`` and the audit row; on MariaDB the bump, the UPDATE, a re-read and the audit row);
  3. on PostgreSQL, the claim's own statement (the data-modifying CTE of 2., prepared) sent on the bare psycopg
     connection between BEGIN and COMMIT, nothing else: what a claim in a transaction costs the database and
     the driver with no application around it: the ceiling of a claim in its own transaction from Python;
  4. on PostgreSQL at 8 clients, the raw UPDATE and the claim's statement (alone, and between BEGIN and COMMIT)
     from PostgreSQL's own C client, ``pgbench`` (prepared statements, each client on its own slice, the ticket
     found by its tracking number inside both statements): what a claim costs the database itself, with a client
     that costs next to nothing. Each claim run is checked: as many claims audited as transactions counted.
Each process works on its own slice of the tickets, so no two processes ever touch the same ticket row:
the figures are the cost of the claim path, not of waiting for another claimer's lock.

The aim checked (from the issue): the claim path reaches at least 50 % of the raw UPDATE's throughput at
8 clients on PostgreSQL. A missed aim is printed, never an exit status: this is a benchmark, not a test.
The summary at the end gives, per engine, that ratio at 8 clients and the p99 latency at 32 clients beside
the raw UPDATE's of the same run.
A server that is not there is reported as "skipped: <reason>" and the other engines still run.
``--quick`` is the smoke run the test suite makes: every phase and the aim's check on tiny data (200 tickets,
0.3 s per phase, 1 and 8 clients), its figures meaningless.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import os
import platform
import queue
import re
import sqlite3
import sys
import tempfile
import time
import traceback
from array import array
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from multiprocessing.queues import Queue
from multiprocessing.synchronize import Barrier
from pathlib import Path
from typing import Any
from uuid import UUID

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    # Run as a script, Python puts bench/ on the path, not the repository root holding desktop/ and tests/.
    # Spawned children re-run this module, so they get the same path.
    sys.path.insert(0, str(REPO_ROOT))

from psycopg.sql import Literal  # noqa: E402
from sqlalchemy import Connection, func, insert, select, text, update  # noqa: E402
from sqlalchemy.event import listen  # noqa: E402
from uuid6 import uuid7  # noqa: E402

from bench.support import pgbench  # noqa: E402
from desktop.domain.vocabulary import Channel, Kind, Priority, Role  # noqa: E402
from desktop.store import directory  # noqa: E402
from desktop.store import engine as engines  # noqa: E402
from desktop.store.claims import _ACQUIRE, claim, visible_units  # noqa: E402
from desktop.store.clock import server_now  # noqa: E402
from desktop.store.confidentiality import viewer  # noqa: E402
from desktop.store.identity import unit_id_by_code  # noqa: E402
from desktop.store.schema import event, ticket  # noqa: E402
from desktop.store.service import Store  # noqa: E402
from tests.databases import ENGINES, ServerMissing, throwaway_database  # noqa: E402
from tests.store.helpers import add_officer_without_login  # noqa: E402

UNIT = "bench"
CLAIM, RAW, BARE = "claim", "raw UPDATE", "claim SQL, bare driver"
# The same two statements from PostgreSQL's own C client (``pgbench``): what they cost the database.
C_RAW, C_CLAIM, C_CLAIM_IN_TRANSACTION = "pgbench raw UPDATE", "pgbench claim SQL", "pgbench claim SQL in BEGIN/COMMIT"
AIM_ENGINE, AIM_CLIENTS, AIM_RATIO = "postgresql", 8, 0.50
# Untimed operations per process before the barrier: the first one pays for connecting and SQLAlchemy's
# statement compilation, which a long-running client pays once. Few, since at 32 clients they queue too.
WARMUP_OPS = 3
# The processes are warm when a run starts, but on a small, busy machine 32 of them still take a while.
BARRIER_TIMEOUT_SECONDS = 120
STARTUP_TIMEOUT_SECONDS = 300
INSERT_BATCH = 2000
RAW_UPDATE = "UPDATE ticket SET row_version = row_version + 1 WHERE id = {param}"
SLICE = "SELECT id FROM ticket WHERE tracking_no >= {param} AND tracking_no < {param}"
PRETTY = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "mariadb": "MariaDB"}

# One process's timed phase: how long it ran (s) and the latency of every operation in it (s).
Sample = tuple[float, array]


@dataclass(frozen=True)
class Job:
    """What one claimer process needs; small and picklable, since it crosses into a spawned process."""

    url: str
    index: int
    clients: int
    seconds: float
    tickets: int


@dataclass(frozen=True)
class Figures:
    ops: int
    ops_per_second: float
    p50_ms: float
    p99_ms: float


# --- the database: one unit, one officer per client, many tickets -------------------------------------


def officer_login(index: int) -> str:
    return f"bench{index:02d}"


def tracking_no(number: int) -> str:
    return f"BENCH-{number:07d}"


def populate(url: str, tickets: int, officers: int) -> None:
    store = Store(url)
    try:
        store.upgrade()
        store.admin(directory.add_unit, UNIT, "Benchmark")
        store.admin(_add_officers, officers)
        store.admin(_add_tickets, tickets)
    finally:
        store.dispose()


def _add_officers(conn: Connection, count: int) -> None:
    """Officer and membership rows only: the bench connects as the owner, so no server logins are made."""
    for index in range(count):
        add_officer_without_login(conn, officer_login(index), f"Bench {index}", [UNIT], Role.OFFICER)


def _add_tickets(conn: Connection, count: int) -> None:
    now = server_now(conn)
    due = now.replace(year=now.year + 1)
    unit_id = unit_id_by_code(conn, UNIT)
    for start in range(0, count, INSERT_BATCH):
        rows = [_ticket_row(number, unit_id, now, due) for number in range(start, min(count, start + INSERT_BATCH))]
        conn.execute(insert(ticket), rows)


def _ticket_row(number: int, unit_id: int, now: Any, due: Any) -> dict[str, Any]:
    return {
        "id": uuid7(),  # the app's own id kind, so the primary key index grows the way it does in use
        "tracking_no": tracking_no(number),
        "kind": Kind.PENGADUAN.value,
        "priority": int(Priority.SEDANG),
        "status": "diterima",
        "unit_id": unit_id,
        "channel": Channel.EMAIL.value,
        "subject": f"Benchmark ticket {number}",
        "created_at": now,
        "updated_at": now,
        "due_at": due,
    }


def server_version(url: str) -> str:
    dialect = engines.normalise_url(url).get_backend_name()
    if dialect == "sqlite":
        return f"SQLite {sqlite3.sqlite_version}"
    engine = engines.create(url)
    try:
        with engine.connect() as conn:
            version = str(conn.execute(text("SELECT version()")).scalar_one())
    finally:
        engine.dispose()
    # PostgreSQL's banner names the compiler too; the first two words are what matters.
    return " ".join(version.split()[:2]) if dialect == "postgresql" else f"MariaDB {version}"


# --- inside a claimer process --------------------------------------------------------------------------


def claimer_main(index: int, inbox: Queue[Any], outbox: Queue[Any], barriers: dict[int, Barrier]) -> None:
    """Process body: run the jobs the parent sends until it sends None.

    The processes live for the whole benchmark: importing SQLAlchemy and the store costs about a second
    of CPU each, which would otherwise be paid again for every engine and client count.
    """
    outbox.put(("ready", index, None))  # imported: the parent starts no run while others still import
    while (job := inbox.get()) is not None:
        barrier = barriers[job.clients]
        try:
            samples = {RAW: measure_raw(job, barrier), CLAIM: measure_claim(job, barrier)}
            if engines.normalise_url(job.url).get_backend_name() == "postgresql":
                samples[BARE] = measure_bare_claim(job, barrier)
        except Exception:
            barrier.abort()  # nobody waits for a claimer that has given up
            outbox.put(("error", index, traceback.format_exc()))
        else:
            outbox.put(("ok", index, samples))


def my_slice(job: Job) -> tuple[str, str]:
    """A contiguous block of tracking numbers per process: distinct rows, and mostly distinct pages too.

    Each process reads only its own block: 32 processes each reading all 20 000 ids cost seconds a run.
    """
    size = job.tickets // job.clients
    return tracking_no(job.index * size), tracking_no((job.index + 1) * size)


def timed_loop(op: Callable[[Any], object], ids: list[Any], seconds: float, barrier: Barrier) -> Sample:
    for n in range(WARMUP_OPS):
        op(ids[n % len(ids)])
    barrier.wait(BARRIER_TIMEOUT_SECONDS)
    latencies = array("d")
    start = time.perf_counter()
    deadline = start + seconds
    n = 0
    while True:
        # Walking the slice round and round re-claims tickets this officer already holds; the
        # conditional UPDATE accepts the holder again, so every round costs the same as the first.
        before = time.perf_counter()
        op(ids[n % len(ids)])
        after = time.perf_counter()
        latencies.append(after - before)
        n += 1
        if after >= deadline:
            return after - start, latencies


def measure_raw(job: Job, barrier: Barrier) -> Sample:
    # engines.create gives the same driver and connect settings as the Store (SQLite's WAL and
    # synchronous=FULL), so the baseline differs from the claim path only in what it sends.
    engine = engines.create(job.url)
    pooled = engine.raw_connection()
    try:
        driver = pooled.driver_connection
        dialect = engine.dialect.name
        _autocommit(driver, dialect)
        cursor = driver.cursor()
        param = "?" if dialect == "sqlite" else "%s"
        # The ids as the driver itself returns them, so they bind back without any conversion.
        cursor.execute(f"{SLICE.format(param=param)} ORDER BY tracking_no", my_slice(job))
        ids = [row[0] for row in cursor.fetchall()]
        sql = RAW_UPDATE.format(param=param)
        return timed_loop(lambda ticket_id: cursor.execute(sql, (ticket_id,)), ids, job.seconds, barrier)
    finally:
        pooled.close()
        engine.dispose()  # give the server its connection back before the claim phase opens another


def _autocommit(driver: Any, dialect: str) -> None:
    driver.rollback()  # a transaction may be open on a pooled connection; autocommit cannot be set inside one
    if dialect == "postgresql":
        driver.autocommit = True
    elif dialect == "mariadb":
        driver.autocommit(True)
    else:
        driver.isolation_level = None  # sqlite3: no implicit BEGIN, every statement commits on its own


def measure_claim(job: Job, barrier: Barrier) -> Sample:
    store = Store(job.url, officer=officer_login(job.index), device=f"bench-{job.index}")
    try:
        store.actor()  # schema check and officer lookup happen once per client, as in the app
        ids = store.read(_ticket_ids, *my_slice(job))
        return timed_loop(lambda ticket_id: store.write(claim, ticket_id), ids, job.seconds, barrier)
    finally:
        store.dispose()


def measure_bare_claim(job: Job, barrier: Barrier) -> Sample:
    """PostgreSQL: the statement ``Store.write(claim)`` sends, on the bare driver, one transaction per claim."""
    store = Store(job.url, officer=officer_login(job.index), device=f"bench-{job.index}")
    try:
        actor = store.actor()
        ids = store.read(_ticket_ids, *my_slice(job))
        values: dict[str, Any] = {"me": actor.id, "device": store.device, "online": True, "token": None}
        values |= viewer(actor) | visible_units(actor) | {"ticket_id": ids[0]}
        # The unit lists are spelled out in the text, as SQLAlchemy does for every claim; the rest are parameters.
        claiming = _ACQUIRE.audited.compile(dialect=store.engine.dialect).construct_expanded_state(values)
        sql, params = claiming.statement, claiming.parameters
        pooled = store.engine.raw_connection()
        try:
            driver = pooled.driver_connection
            _autocommit(driver, "postgresql")  # psycopg's transaction block below sends BEGIN and COMMIT

            def bare_claim(ticket_id: UUID) -> None:
                with driver.transaction():
                    if driver.execute(sql, params | {"ticket_id": ticket_id}, prepare=True).fetchone() is None:
                        raise RuntimeError(f"the bare claim of {ticket_id} changed nothing")

            return timed_loop(bare_claim, ids, job.seconds, barrier)
        finally:
            pooled.close()
    finally:
        store.dispose()


def _ticket_ids(conn: Connection, first: str, end: str) -> list[UUID]:
    """Ids of the tickets with ``first <= tracking_no < end``, in tracking number order."""
    chosen = select(ticket.c.id).where(ticket.c.tracking_no >= first, ticket.c.tracking_no < end)
    return list(conn.execute(chosen.order_by(ticket.c.tracking_no)).scalars())


# --- in the parent: the pool of claimers, one run, the summary ----------------------------------------------


class Claimers:
    """As many claimer processes as the largest client count; a run of ``n`` clients uses the first n.

    A barrier per client count is handed over at spawn, the only way a process can inherit one. The
    processes start with the first run, and again after a run that timed out (its processes are killed:
    their late replies would be taken for the next run's).
    """

    def __init__(self, counts: list[int]):
        self.counts = counts
        self.processes: list[Any] = []

    def _start(self) -> None:
        ctx = mp.get_context("spawn")
        self.barriers = {n: ctx.Barrier(n) for n in set(self.counts)}
        self.outbox: Queue[Any] = ctx.Queue()
        self.inboxes: list[Queue[Any]] = [ctx.Queue() for _ in range(max(self.counts))]
        self.processes = [
            ctx.Process(target=claimer_main, args=(i, inbox, self.outbox, self.barriers), daemon=True)
            for i, inbox in enumerate(self.inboxes)
        ]
        for process in self.processes:
            process.start()
        for _ in self.processes:
            self.outbox.get(timeout=STARTUP_TIMEOUT_SECONDS)

    def run(self, url: str, clients: int, seconds: float, tickets: int) -> dict[str, Figures]:
        if not self.processes:
            self._start()
        for index in range(clients):
            self.inboxes[index].put(Job(url, index, clients, seconds, tickets))
        timeout = BARRIER_TIMEOUT_SECONDS + 4 * seconds + 60
        try:
            replies = [self.outbox.get(timeout=timeout) for _ in range(clients)]
        except queue.Empty:
            self.close(wait=0)
            raise RuntimeError(f"the claimers did not answer within {timeout:.0f} s") from None
        self.barriers[clients].reset()  # usable again after a failed run broke it
        failures = [reply[2] for reply in replies if reply[0] == "error"]
        if failures:
            # The first real failure, not the BrokenBarrierError it caused in the others.
            raise RuntimeError(next((f for f in failures if "BrokenBarrierError" not in f), failures[0]))
        return {path: summarise([reply[2][path] for reply in replies]) for path in replies[0][2]}

    def close(self, wait: float = 30) -> None:
        for inbox in self.inboxes if self.processes else []:
            inbox.put(None)
        for process in self.processes:
            process.join(timeout=wait)
            if process.is_alive():  # one of ours, stuck: stop it by its own handle
                process.kill()
                process.join()
        self.processes = []


def release_all(url: str) -> None:
    """Free every ticket, so a run never meets a lease an officer took in the run before (4 h long)."""
    engine = engines.create(url)
    try:
        with engine.begin() as conn:
            conn.execute(update(ticket).values(claimed_by=None, claim_device=None, claim_expires_at=None))
    finally:
        engine.dispose()


def statements_per_claim(url: str) -> list[str]:
    """The SQL one claim sends through SQLAlchemy (the driver adds BEGIN/COMMIT and the pool's ping)."""
    store = Store(url, officer=officer_login(0))
    sent: list[str] = []
    try:
        first, second = store.read(_ticket_ids, tracking_no(0), tracking_no(2))
        store.write(claim, first)  # warm: the officer lookup and schema check are not per claim
        listen(store.engine, "before_cursor_execute", lambda *args: sent.append(describe(args[2])))
        store.write(claim, second)
    finally:
        store.dispose()
    return sent


def describe(sql: str) -> str:
    """``SELECT ticket``, ``UPDATE counter``, ``INSERT event``: the verb and the table it works on (the FROM
    outside any subquery); for a statement with data-modifying CTEs, what each of them changes
    (``WITH UPDATE ticket + INSERT event``)."""
    depth, words = 0, []
    for token in re.findall(r"[()]|[^\s(),]+", sql):
        depth += {"(": 1, ")": -1}.get(token, 0)
        if token not in "()":
            words.append((depth, token.upper(), token))
    verb = words[0][1]
    after = {word: words[i + 1][2] for i, (level, word, _) in reversed(list(enumerate(words[:-1]))) if level == 0}
    if verb == "WITH":
        changes = [
            f"{word} {words[i + 2][2] if word in ('INSERT', 'DELETE') else words[i + 1][2]}"
            for i, (_, word, _) in enumerate(words[:-2])
            if (word, words[i + 1][1]) in (("INSERT", "INTO"), ("DELETE", "FROM")) or word == "UPDATE"
        ]
        return "WITH " + " + ".join(changes)
    if verb == "BEGIN":
        return " ".join(token for _, _, token in words[:2])
    keyword = {"UPDATE": "UPDATE", "INSERT": "INTO"}.get(verb, "FROM")
    return f"{verb} {after[keyword]}" if keyword in after else f"{verb} (no table)"


# --- the database's own cost: the same statements from PostgreSQL's C client ---------------------------------

# Both pgbench statements find their ticket by tracking number inside the statement: the same lookup in each.
FIND_BY_NUMBER = "(SELECT id FROM ticket WHERE tracking_no = 'BENCH-' || lpad(:n::text, 7, '0'))"


def measure_with_pgbench(url: str, clients: int, seconds: float, tickets: int) -> dict[str, Figures]:
    """The raw UPDATE and the claim's statement (alone, and in BEGIN/COMMIT as ``Store.write`` sends it) from
    pgbench: what a claim costs the database when the client costs next to nothing. Each run is checked: as
    many claims audited as pgbench counted transactions."""
    program = pgbench.find()
    if program is None:
        print("  pgbench: skipped: not installed (it comes with the PostgreSQL server packages)")
        return {}
    figures: dict[str, Figures] = {}
    for path, script in pgbench_scripts(url, clients, tickets).items():
        release_all(url)  # every ticket claimable by officer 0, who runs the claims
        before = audited_claims(url)
        done = pgbench.run(program, url, script, clients, max(1, round(seconds)))
        claimed = audited_claims(url) - before
        if path != C_RAW and claimed != done.transactions:
            raise RuntimeError(f"{path}: pgbench ran {done.transactions} transactions, {claimed} claims were audited")
        figures[path] = Figures(done.transactions, done.per_second, math.nan, math.nan)
    alone, in_transaction = (
        f"{figures[path].ops_per_second:,.0f}/s ({ratio(figures, path, C_RAW):.2f})"
        for path in (C_CLAIM, C_CLAIM_IN_TRANSACTION)
    )
    print(
        f"  from PostgreSQL's C client (pgbench, prepared), {clients} clients: raw UPDATE "
        f"{figures[C_RAW].ops_per_second:,.0f}/s; claim SQL alone {alone}; in BEGIN/COMMIT {in_transaction}",
        flush=True,
    )
    return figures


def pgbench_scripts(url: str, clients: int, tickets: int) -> dict[str, str]:
    """pgbench scripts of the raw UPDATE and of the claim's statement with officer 0's values spelled out,
    each client on its own slice of tickets, as the Python clients."""
    size = tickets // clients
    pick = f"\\set n :client_id * {size} + random(0, {size - 1})\n"
    store = Store(url, officer=officer_login(0), device="pgbench")
    try:
        actor = store.actor()
        values: dict[str, Any] = {"me": actor.id, "device": store.device, "online": True, "token": None}
        values |= viewer(actor) | visible_units(actor) | {"ticket_id": None}
        claiming = _ACQUIRE.audited.compile(dialect=store.engine.dialect).construct_expanded_state(values)
        with store.engine.connect() as conn:
            driver = conn.connection.driver_connection

            def spelled_out(name: str) -> str:
                return FIND_BY_NUMBER if name == "ticket_id" else Literal(claiming.parameters[name]).as_string(driver)

            claim_sql = re.sub(r"%\((\w+)\)s", lambda found: spelled_out(found.group(1)), claiming.statement)
    finally:
        store.dispose()
    # The time format's colons quoted: the same text to to_char, and no variables to pgbench.
    claim_sql = " ".join(claim_sql.replace("%%", "%").replace("HH24:MI:SS", 'HH24":"MI":"SS').split())
    if pgbench.variables_in(claim_sql) != {"n"}:
        raise RuntimeError(f"the claim's statement holds text pgbench takes for variables: {claim_sql}")
    raw_sql = f"UPDATE ticket SET row_version = row_version + 1 WHERE id = {FIND_BY_NUMBER}"
    return {
        C_RAW: f"{pick}{raw_sql};\n",
        C_CLAIM: f"{pick}{claim_sql};\n",
        C_CLAIM_IN_TRANSACTION: f"{pick}BEGIN;\n{claim_sql};\nCOMMIT;\n",
    }


def audited_claims(url: str) -> int:
    engine = engines.create(url)
    try:
        with engine.connect() as conn:
            return int(conn.execute(select(func.count()).where(event.c.action == "claim")).scalar_one())
    finally:
        engine.dispose()


def summarise(samples: Iterable[Sample]) -> Figures:
    samples = list(samples)
    latencies = sorted(value for _, lat in samples for value in lat)
    # Conservative throughput: every operation of the run over the longest process's window.
    window = max(elapsed for elapsed, _ in samples)
    return Figures(
        ops=len(latencies),
        ops_per_second=len(latencies) / window,
        p50_ms=percentile(latencies, 0.50) * 1000,
        p99_ms=percentile(latencies, 0.99) * 1000,
    )


def percentile(ordered: list[float], q: float) -> float:
    """Nearest-rank percentile of an ascending list."""
    return ordered[max(0, min(len(ordered) - 1, math.ceil(q * len(ordered)) - 1))]


# --- printing ------------------------------------------------------------------------------------------


HEADER = (
    f"{'clients':>7}  {'claim ops/s':>11} {'p50 ms':>7} {'p99 ms':>7}   "
    f"{'raw UPDATE ops/s':>16} {'p50 ms':>7} {'p99 ms':>7}   {'claim/raw':>9}   "
    f"{'bare claim SQL ops/s':>20} {'bare/raw':>8}"
)


def row(clients: int, figures: dict[str, Figures]) -> str:
    c, r = figures[CLAIM], figures[RAW]
    return (
        f"{clients:>7}  {c.ops_per_second:>11.1f} {c.p50_ms:>7.2f} {c.p99_ms:>7.2f}   "
        f"{r.ops_per_second:>16.1f} {r.p50_ms:>7.2f} {r.p99_ms:>7.2f}   {ratio(figures):>9.2f}   {bare(figures)}"
    )


def bare(figures: dict[str, Figures]) -> str:
    if BARE not in figures:
        return f"{'—':>20} {'—':>8}"
    return f"{figures[BARE].ops_per_second:>20.1f} {ratio(figures, BARE):>8.2f}"


def ratio(figures: dict[str, Figures], path: str = CLAIM, baseline: str = RAW) -> float:
    return figures[path].ops_per_second / figures[baseline].ops_per_second


def print_machine(args: argparse.Namespace) -> None:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print("Claim path vs raw single-row UPDATE")
    print(f"machine: {os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}")
    print(f"load average (1, 5, 15 min) at start: {load}")
    print(f"settings: {args.seconds:g} s per phase, {args.tickets} tickets, clients {args.clients}")
    print(
        "Each client is its own process and officer working on its own slice of tickets: no two clients\n"
        "touch the same row, so this measures the cost of the claim path, not lock contention.\n"
        "claim = Store.write(claims.claim): one transaction with server clock, change stamp, conditional\n"
        "UPDATE and audit INSERT, returning the ticket (one statement on PostgreSQL, the SQL listed below\n"
        "per engine). raw UPDATE = one autocommit UPDATE on the raw driver connection.\n"
        "bare claim SQL (PostgreSQL) = the claim's statement alone, prepared, on the bare driver in BEGIN/COMMIT:\n"
        "the ceiling of a claim made in a transaction from Python.\n"
        "pgbench (PostgreSQL, 8 clients) = the raw UPDATE and the claim's statement from PostgreSQL's C client.\n"
        "On MariaDB and SQLite every write transaction also bumps the shared change counter row, so claims\n"
        "there queue on that one row by design (SQLite serialises all writers anyway)."
    )


def run_engine(kind: str, args: argparse.Namespace, workdir: Path, claimers: Claimers) -> dict[int, dict[str, Figures]]:
    """Print one engine's table; returns its figures by client count (empty when skipped or failed)."""
    print()
    by_clients: dict[int, dict[str, Figures]] = {}
    try:
        with throwaway_database(kind, workdir) as url:
            populate(url, args.tickets, max(args.clients))
            print(f"{PRETTY[kind]} — {server_version(url)}")
            sent = statements_per_claim(url)
            print(f"SQL per claim via SQLAlchemy: {len(sent)} ({', '.join(sent)})")
            print("  plus BEGIN (where the driver sends one) and COMMIT; raw UPDATE: 1 statement")
            print(HEADER, flush=True)
            for clients in args.clients:
                release_all(url)
                by_clients[clients] = claimers.run(url, clients, args.seconds, args.tickets)
                print(row(clients, by_clients[clients]), flush=True)
                if kind == "postgresql" and clients == AIM_CLIENTS:
                    by_clients[clients] |= measure_with_pgbench(url, clients, args.seconds, args.tickets)
    except ServerMissing as missing:
        print(f"{PRETTY[kind]}: skipped: {missing}")
    except Exception:  # one engine failing must not hide the others' figures
        print(f"{PRETTY[kind]}: failed:\n{traceback.format_exc()}")
    return by_clients


def print_summary(results: dict[str, dict[int, dict[str, Figures]]]) -> None:
    """Per engine: the ratio at the aim's client count, and the tail latency at the most clients run."""
    print()
    print("Summary (claim beside raw UPDATE, same run):")
    for kind, by_clients in results.items():
        if not by_clients:
            print(f"  {PRETTY[kind]}: not run")
            continue
        parts = []
        if AIM_CLIENTS in by_clients:
            at_aim = by_clients[AIM_CLIENTS]
            parts.append(f"ratio at {AIM_CLIENTS} clients {ratio(at_aim):.2f}")
            if BARE in at_aim:
                parts.append(f"its statement alone on the bare driver {ratio(at_aim, BARE):.2f}")
            if C_CLAIM in at_aim:
                parts.append(
                    f"from a C client (pgbench) {ratio(at_aim, C_CLAIM, C_RAW):.2f} alone, "
                    f"{ratio(at_aim, C_CLAIM_IN_TRANSACTION, C_RAW):.2f} in BEGIN/COMMIT"
                )
        most = max(by_clients)
        tail = by_clients[most]
        parts.append(f"p99 at {most} clients {tail[CLAIM].p99_ms:.1f} ms (raw UPDATE {tail[RAW].p99_ms:.1f} ms)")
        print(f"  {PRETTY[kind]}: {'; '.join(parts)}")


def print_aim(results: dict[str, dict[int, dict[str, Figures]]]) -> None:
    aim = f"Aim: claim path >= {AIM_RATIO:.0%} of raw UPDATE throughput at {AIM_CLIENTS} clients on PostgreSQL"
    figures = results.get(AIM_ENGINE, {}).get(AIM_CLIENTS)
    print()
    if figures is None:
        print(f"{aim}: not checked (PostgreSQL at {AIM_CLIENTS} clients was not run)")
        return
    verdict = "aim met" if ratio(figures) >= AIM_RATIO else "aim NOT met"
    print(f"{aim}: ratio {ratio(figures):.2f} -> {verdict}")


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--engines", default=",".join(ENGINES), type=engine_list)
    parser.add_argument("--seconds", default=5.0, type=float, help="timed seconds per phase (default 5)")
    parser.add_argument("--clients", default="1,8,32", type=_counts, help="concurrent claimers (default 1,8,32)")
    parser.add_argument("--tickets", default=20000, type=int, help="tickets to create (default 20000)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 200 tickets, 0.3 s per phase, 1,8 clients")
    args = parser.parse_args(argv)
    if args.quick:
        args.tickets, args.seconds, args.clients = 200, 0.3, [1, AIM_CLIENTS]
    if args.tickets < max(args.clients):
        parser.error("--tickets must be at least the largest client count: every client needs its own tickets")
    return args


def engine_list(raw: str) -> list[str]:
    chosen = [name.strip() for name in raw.split(",") if name.strip()]
    unknown = set(chosen) - set(ENGINES)
    if unknown or not chosen:
        raise argparse.ArgumentTypeError(f"choose from {', '.join(ENGINES)}")
    return chosen


def _counts(raw: str) -> list[int]:
    counts = [int(part) for part in raw.split(",") if part.strip()]
    if not counts or min(counts) < 1:
        raise argparse.ArgumentTypeError("client counts are positive integers, e.g. 1,8,32")
    return counts


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print_machine(args)
    started = time.monotonic()
    claimers = Claimers(args.clients)
    try:
        with tempfile.TemporaryDirectory(prefix="aduan-bench-") as tmp:
            results = {kind: run_engine(kind, args, Path(tmp), claimers) for kind in args.engines}
    finally:
        claimers.close()
    print_summary(results)
    print_aim(results)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average at end: {load}; total time {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
