"""A fleet of officers' desktops syncing through ONE ``aduan server`` process: what each costs the server.

    python bench/fleet.py [--engines sqlite,postgresql,mariadb] [--officers 200] [--units 4] [--working 20]
                          [--interval 5] [--think 1] [--seconds 30] [--scopes 1000,10000,100000]
                          [--fleet-tickets 50] [--rounds 20] [--clients 2] [--quick]

For every engine, one central database is filled with the demo generator (``demo.fill``, seed 1) up to the
largest ``--scopes``; then units are added for the fleet (``--units``, each with ``--fleet-tickets`` new
tickets made through the store) and for the smaller scopes (``scope-N``: N demo tickets moved there by
one UPDATE before any client has synced). ``--officers`` officers are spread over the fleet units, each
with its own server session (signed in through ``POST /v1/sessions``) and its own cache file; one real
``aduan server`` process (``bench/support/serving.py``) serves them all. The phases:

  1. initial sync of every officer (``--clients`` client processes, four syncs at a time in each);
  2. quiet baseline: one officer's idle ``sync()`` (nothing changed), ``--rounds`` times in a row, through
     the server, then the same rounds through ``DirectCentral(Store)`` on a copy of the same cache (the
     mirror and the cursor are the same; only the cache's binding is changed to the database);
  3. idle fleet: every officer runs an idle round every ``--interval`` seconds (spread evenly) for
     ``--seconds``: server CPU seconds per idle round, p50/p99 of the round and of its pull;
  4. working fleet: the same, but ``--working`` officers work instead (per cycle: claim a free ticket of
     their unit and sync; reply and note and sync; release and sync; ``--think`` seconds between steps):
     p50/p99 of claims (the push of a claim, ``POST /v1/ops``) and of pulls; server CPU per operation =
     (server CPU − rounds × the idle round's cost from 3) / operations;
  5. scope: for each of ``--scopes``, an observer who sees that many tickets (an officer of
     ``scope-N``; the admin for the largest, who sees every ticket) syncs once through the server, then
     runs ``--rounds`` idle rounds through the server and through ``DirectCentral`` (the baseline):
     server CPU per idle round and its growth from the smallest scope to the largest (the aim: flat).

The server's CPU time is read from ``/proc/<pid>/stat`` (utime + stime) before and after each phase; the
ticks are 10 ms, so a cost per round is always a phase's total divided by its rounds. Clients run as
``--clients`` processes with a thread per officer, on the same cores as the server and the database:
client CPU competes with the server, so the latencies are upper bounds (the output says how much CPU the
clients used). A missed aim is printed, never an exit status: this is a benchmark, not a test.
"""

from __future__ import annotations

import argparse
import math
import multiprocessing as mp
import os
import platform
import random
import resource
import shutil
import sys
import tempfile
import threading
import time
import traceback
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    sys.path.insert(0, str(REPO_ROOT))  # run as a script: the repository root holds desktop/ and tests/

import requests  # noqa: E402
from sqlalchemy import Connection, func, select, update  # noqa: E402

from bench.claims import engine_list, server_version  # noqa: E402
from bench.support.serving import PASSWORD, LiveServer, ProcessStats, process_stats, serving  # noqa: E402
from desktop.cache import schema as s  # noqa: E402
from desktop.cache.database import Cache  # noqa: E402
from desktop.cache.officer import me  # noqa: E402
from desktop.cache.state import get_state, set_state  # noqa: E402
from desktop.demo import generator as demo  # noqa: E402
from desktop.desk.operations import Desk  # noqa: E402
from desktop.domain.operations import Op, Outcome  # noqa: E402
from desktop.domain.vocabulary import Role  # noqa: E402
from desktop.store import accounts, directory  # noqa: E402
from desktop.store.clock import server_now  # noqa: E402
from desktop.store.schema import officer, ticket, unit  # noqa: E402
from desktop.store.service import Store  # noqa: E402
from desktop.sync.central import DirectCentral  # noqa: E402
from desktop.sync.engine import SyncEngine, SyncReport  # noqa: E402
from desktop.sync.http_central import HttpCentral  # noqa: E402
from tests.databases import ServerMissing, throwaway_database  # noqa: E402
from tests.store.helpers import add_officer_without_login, new_ticket  # noqa: E402

DEFAULT_ENGINES = ("sqlite", "postgresql")
PRETTY = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "mariadb": "MariaDB"}
AIM_SCOPE_GROWTH = 2.0  # the idle round's server CPU at the largest scope at most this many times the smallest's
SIGN_IN_THREADS = 2  # Argon2 on a loaded 2-core machine: four at a time ran past 30 s on SQLite
SIGN_IN_SECONDS = 300
INITIAL_THREADS = 4  # initial syncs at a time in each client process
REPLY = "Terima kasih, laporan Anda sedang kami tindak lanjuti."
NOTE = "Sudah dikoordinasikan dengan unit terkait."


@dataclass(frozen=True)
class Officer:
    login: str
    unit: str
    cache_path: str
    token: str = ""
    working: bool = False
    slot: int = 0  # this working officer's share of the unit's tickets: those at index % slots == slot
    slots: int = 1


@dataclass(frozen=True)
class Plan:
    """What a client process runs: a phase, its officers, and the server."""

    phase: str  # "initial", "idle" or "mixed"
    address: str
    officers: tuple[Officer, ...]
    interval: float
    think: float
    seed: int


@dataclass
class Tally:
    """What client processes measured; merged over processes."""

    rounds: int = 0  # idle rounds (sync() with no local work) completed inside the window
    work_syncs: int = 0  # syncs of working officers
    ops: int = 0  # operations pushed and answered (applied or rejected)
    rejected: int = 0
    failures: int = 0  # syncs that raised (Unreachable, ...)
    errors: list[str] = field(default_factory=list)
    round_seconds: list[float] = field(default_factory=list)
    pull_seconds: list[float] = field(default_factory=list)
    claim_seconds: list[float] = field(default_factory=list)
    push_seconds: list[float] = field(default_factory=list)  # every push, claims included
    client_cpu: float = 0.0
    rows: int = 0
    tickets: int = 0

    def merge(self, other: Tally) -> None:
        for name in ("rounds", "work_syncs", "ops", "rejected", "failures", "client_cpu", "rows", "tickets"):
            setattr(self, name, getattr(self, name) + getattr(other, name))
        self.errors += other.errors
        for name in ("round_seconds", "pull_seconds", "claim_seconds", "push_seconds"):
            getattr(self, name).extend(getattr(other, name))


# --- the central side, timed ---------------------------------------------------------------------------------


class Timed:
    """A Central that notes how long each push and each pull took (a pull: from the request until its last
    section is applied in the cache, as the engine holds it open)."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.identity = inner.identity
        self.pushes: list[tuple[str, float]] = []
        self.pulls: list[float] = []

    def handshake(self) -> str:
        return str(self.inner.handshake())

    def push(self, op: Op) -> Outcome:
        start = time.perf_counter()
        outcome = self.inner.push(op)
        self.pushes.append((op.kind.value, time.perf_counter() - start))
        return outcome  # type: ignore[no-any-return]

    @contextmanager
    def pull(self, since: str | None, scope: str | None, *paging: Any) -> Iterator[Any]:
        start = time.perf_counter()
        with self.inner.pull(since, scope, *paging) as pulled:
            yield pulled
        self.pulls.append(time.perf_counter() - start)

    def blob(self, sha256: str) -> bytes | None:
        return self.inner.blob(sha256)  # type: ignore[no-any-return]


def cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


# --- in a client process ---------------------------------------------------------------------------------------


def client_main(plan: Plan, ready: Any, go: Any, stop: Any, results: Any) -> None:
    """One client process: a thread per officer; waits for ``go``, runs until ``stop``, sends its Tally."""
    tally = Tally()
    try:
        desks = [_Desktop(o, plan.address) for o in plan.officers]
    except Exception:  # reported to the parent, which prints it
        ready.put(traceback.format_exc())
        return
    ready.put("ready")
    go.wait()
    cpu = cpu_seconds()
    if plan.phase == "initial":
        with ThreadPoolExecutor(INITIAL_THREADS) as pool:
            for found in pool.map(lambda d: d.initial(), desks):
                tally.merge(found)
    else:
        lock = threading.Lock()
        rng = random.Random(plan.seed)
        offsets = [rng.uniform(0, plan.interval) for _ in desks]

        def officer_thread(desk: _Desktop, offset: float) -> None:
            found = desk.run(plan, offset, stop)
            with lock:
                tally.merge(found)

        threads = [
            threading.Thread(target=officer_thread, args=pair, daemon=True) for pair in zip(desks, offsets, strict=True)
        ]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    tally.client_cpu = cpu_seconds() - cpu
    for desk in desks:
        desk.close()
    results.put(tally)


class _Desktop:
    """One officer's desktop: their cache, their signed-in link, the engine and the desk."""

    def __init__(self, who: Officer, address: str) -> None:
        self.who = who
        self.cache = Cache(who.cache_path)
        self.link = Timed(HttpCentral(address, who.token))
        self.engine = SyncEngine(self.cache, self.link)
        self.desk = Desk(self.cache)
        self.turn = 0

    def close(self) -> None:
        self.link.inner.close()
        self.cache.dispose()

    def initial(self) -> Tally:
        tally = Tally()
        start = time.perf_counter()
        report = self.engine.sync()
        tally.round_seconds.append(time.perf_counter() - start)
        tally.rows += sum(report.pull.rows.values())
        tally.tickets += report.pull.rows.get("ticket", 0)
        return tally

    def run(self, plan: Plan, offset: float, stop: Any) -> Tally:
        """Idle rounds every ``interval`` (or, working, claim-reply-note-release cycles) until ``stop``."""
        tally = Tally()
        if stop.wait(offset):
            return tally
        working = self.who.working and plan.phase == "mixed"
        next_at = time.monotonic()
        while not stop.is_set():
            if working:
                self._cycle(plan.think, stop, tally)
                continue
            start = time.perf_counter()
            pulls = len(self.link.pulls)
            try:
                self.engine.sync()
            except Exception as exc:  # counted and shown, the fleet goes on
                tally.failures += 1
                tally.errors.append(f"{self.who.login}: {type(exc).__name__}: {exc}")
            else:
                if not stop.is_set():  # only rounds that ended inside the measured window
                    tally.rounds += 1
                    tally.round_seconds.append(time.perf_counter() - start)
                    tally.pull_seconds.extend(self.link.pulls[pulls:])
            next_at = max(next_at + plan.interval, time.monotonic())
            stop.wait(max(0.0, next_at - time.monotonic()))
        return tally

    def _cycle(self, think: float, stop: Any, tally: Tally) -> None:
        ticket_id = self._next_ticket()
        if ticket_id is None:
            tally.errors.append(f"{self.who.login}: no free ticket of {self.who.unit} in the cache")
            stop.wait(think)
            return
        steps: list[Callable[[], object]] = [
            lambda: self.desk.claim(ticket_id),
            lambda: (self.desk.reply(ticket_id, REPLY), self.desk.note(ticket_id, NOTE)),
            lambda: self.desk.release(ticket_id),
        ]
        for step in steps:
            if stop.is_set():
                return
            try:
                step()
                self._work_sync(tally, stop)
            except Exception as exc:  # a refusal (the ticket was taken) ends the cycle
                tally.errors.append(f"{self.who.login}: {type(exc).__name__}: {exc}")
                self._work_sync(tally, stop)
                return
            if stop.wait(think):
                return

    def _work_sync(self, tally: Tally, stop: Any) -> None:
        pushes, pulls = len(self.link.pushes), len(self.link.pulls)
        try:
            report: SyncReport = self.engine.sync()
        except Exception as exc:
            tally.failures += 1
            tally.errors.append(f"{self.who.login}: {type(exc).__name__}: {exc}")
            return
        if stop.is_set():
            return
        tally.work_syncs += 1
        tally.ops += report.push.applied + report.push.rejected + report.push.handed_over
        tally.rejected += report.push.rejected
        tally.pull_seconds.extend(self.link.pulls[pulls:])
        for kind, seconds in self.link.pushes[pushes:]:
            tally.push_seconds.append(seconds)
            if kind == "claim":
                tally.claim_seconds.append(seconds)

    def _next_ticket(self) -> str | None:
        """A free ticket of the unit, taking turns over this officer's share (so colleagues rarely collide)."""
        with self.cache.read() as conn:
            mine = me(conn)
            free = [
                str(found)
                for found in conn.execute(
                    select(s.ticket.c.id)
                    .where((s.ticket.c.claimed_by.is_(None)) | (s.ticket.c.claimed_by == mine))
                    .order_by(s.ticket.c.tracking_no)
                ).scalars()
            ]
        share = free[self.who.slot :: self.who.slots] or free
        if not share:
            return None
        self.turn += 1
        return share[self.turn % len(share)]


def run_clients(plan: Plan, processes: int, seconds: float | None, pid: int) -> tuple[Tally, float | None, float]:
    """Run ``plan`` in ``processes`` client processes; returns the merged Tally, the server's CPU seconds in
    the measured window and the window's length. With ``seconds`` None the window is until all are done."""
    ctx = mp.get_context("spawn")
    ready, results = ctx.Queue(), ctx.Queue()
    go, stop = ctx.Event(), ctx.Event()
    shares = [plan.officers[n::processes] for n in range(processes)]
    children = [
        ctx.Process(target=client_main, args=(_share(plan, share, n), ready, go, stop, results), daemon=True)
        for n, share in enumerate(shares)
        if share
    ]
    for child in children:
        child.start()
    try:
        for _ in children:
            message = ready.get(timeout=600)
            if message != "ready":
                raise RuntimeError(f"a client process failed to start:\n{message}")
        before = process_stats(pid)
        start = time.perf_counter()
        go.set()
        if seconds is not None:
            time.sleep(seconds)
            stop.set()
            after = process_stats(pid)
            window = time.perf_counter() - start
        tally = Tally()
        for _ in children:
            tally.merge(results.get(timeout=900))
        if seconds is None:
            after = process_stats(pid)
            window = time.perf_counter() - start
    finally:
        stop.set()
        for child in children:
            child.join(30)
            if child.is_alive():
                child.terminate()
    return tally, after.cpu_since(before), window


def _share(plan: Plan, officers: Sequence[Officer], number: int) -> Plan:
    return Plan(plan.phase, plan.address, tuple(officers), plan.interval, plan.think, plan.seed + number)


# --- in a client process: quiet rounds, one officer --------------------------------------------------------------


@dataclass
class Quiet:
    """``rounds`` idle rounds of one officer in a row, with nothing else running."""

    rounds: int
    seconds: list[float]
    client_cpu: float
    server_cpu: float | None  # None: direct (no server), or /proc unreadable
    tickets: int = 0
    initial_seconds: float | None = None
    initial_rows: int = 0

    def per_round_ms(self, cpu: float | None) -> float | None:
        return None if cpu is None else 1000 * cpu / self.rounds


def quiet_rounds(
    who: Officer, address: str | None, url: str, rounds: int, pid: int | None, initial: bool = False
) -> Quiet:
    """Through the server (``address``) or, with ``address`` None, directly (``DirectCentral``) on ``url``."""
    cache = Cache(who.cache_path)
    link: Any = HttpCentral(address, who.token) if address else DirectCentral(Store(url, officer=who.login))
    engine = SyncEngine(cache, link)
    initial_seconds, initial_rows = None, 0
    try:
        if initial:
            start = time.perf_counter()
            report = engine.sync()
            initial_seconds = time.perf_counter() - start
            initial_rows = sum(report.pull.rows.values())
        engine.sync()  # warm: connections, compiled statements
        with cache.read() as conn:
            tickets = int(conn.execute(select(func.count()).select_from(s.ticket)).scalar_one())
        seconds = []
        before = process_stats(pid) if pid else None
        cpu = cpu_seconds()
        for _ in range(rounds):
            start = time.perf_counter()
            engine.sync()
            seconds.append(time.perf_counter() - start)
        client_cpu = cpu_seconds() - cpu
        server_cpu = process_stats(pid).cpu_since(before) if pid and before else None
    finally:
        if isinstance(link, DirectCentral):
            link.store.dispose()
        else:
            link.close()
        cache.dispose()
    return Quiet(rounds, seconds, client_cpu, server_cpu, tickets, initial_seconds, initial_rows)


def in_child(task: Callable[..., Any], *args: Any) -> Any:
    """Run ``task`` in a fresh spawned process (off the parent's GIL and memory)."""
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=1, mp_context=mp.get_context("spawn")) as pool:
        return pool.submit(task, *args).result()


def direct_copy(who: Officer, url: str, suffix: str = "direct") -> Officer:
    """A copy of ``who``'s cache bound to the database instead of the server: the same mirror and cursor
    (the server hands out the database's own cursors), so the direct rounds start from the same place."""
    target = f"{who.cache_path}.{suffix}.db"
    for extension in ("", "-wal", "-shm"):
        if Path(who.cache_path + extension).exists():
            shutil.copyfile(who.cache_path + extension, target + extension)
    cache = Cache(target)
    try:
        with cache.write() as conn:
            set_state(conn, "central", DirectCentral(Store(url, officer=who.login)).identity)
            assert get_state(conn, "officer") in (None, who.login)
    finally:
        cache.dispose()
    return Officer(who.login, who.unit, target)


# --- in the parent: the central database ---------------------------------------------------------------------------


@dataclass
class World:
    url: str
    fleet: list[Officer]
    observers: list[tuple[int, Officer]]  # (tickets meant to be in scope, observer)
    total_tickets: int
    fill_seconds: float


def build_world(url: str, args: argparse.Namespace, workdir: Path, kind: str) -> World:
    store = Store(url)
    try:
        store.upgrade()
        start = time.perf_counter()
        summary = store.admin(demo.fill, max(args.scopes), 1)
        fill_seconds = time.perf_counter() - start
        units = [f"fleet-{n}" for n in range(1, args.units + 1)]
        for code in units:
            store.admin(directory.add_unit, code, f"Unit Armada {code[6:]}")
        admin = store.read(_first_admin)
        creator = Store(url, officer=admin, device="bench-intake")  # tickets made as the admin would
        try:
            for number in range(args.fleet_tickets * len(units)):
                new_ticket(creator, unit=units[number % len(units)], subject=f"Laporan armada {number + 1}")
        finally:
            creator.dispose()
        fleet = plan_fleet(args, units, workdir, kind)
        for who in fleet:
            store.admin(
                add_officer_without_login, who.login, who.login.replace(".", " ").title(), [who.unit], Role.OFFICER
            )
        observers = store.admin(lambda conn: _scope_units(conn, sorted(args.scopes), summary.tickets, workdir, kind))
        store.admin(_same_password, [who.login for who in fleet] + [o.login for _, o in observers])
    finally:
        store.dispose()
    _analyze(url)
    return World(url, fleet, observers, summary.tickets + args.fleet_tickets * len(units), fill_seconds)


def plan_fleet(args: argparse.Namespace, units: list[str], workdir: Path, kind: str) -> list[Officer]:
    """Officers dealt round the units; the first ``--working`` of them (so spread over the units) work."""
    fleet = []
    working_per_unit: dict[str, int] = {}
    for number in range(args.officers):
        code = units[number % len(units)]
        working = number < args.working
        slot = working_per_unit.get(code, 0)
        if working:
            working_per_unit[code] = slot + 1
        path = str(workdir / f"{kind}-fleet-{number:03d}.cache.db")
        fleet.append(Officer(f"armada.{number:03d}", code, path, working=working, slot=slot))
    return [
        Officer(
            o.login, o.unit, o.cache_path, working=o.working, slot=o.slot, slots=max(1, working_per_unit.get(o.unit, 1))
        )
        for o in fleet
    ]


def _scope_units(
    conn: Connection, scopes: list[int], total: int, workdir: Path, kind: str
) -> list[tuple[int, Officer]]:
    """An observer per scope: below the largest, an officer of a unit ``scope-N`` holding N demo tickets
    (moved there before any client synced: one UPDATE, as a reorganisation would); the largest, the admin."""
    observers = []
    ids = list(conn.execute(select(ticket.c.id).order_by(ticket.c.tracking_no)).scalars())
    taken = 0
    for scope in scopes[:-1]:
        code = f"scope-{scope}"
        created = directory.add_unit(conn, code, f"Unit Cakupan {scope}")
        unit_id = (
            getattr(created, "id", None) or conn.execute(select(unit.c.id).where(unit.c.code == code)).scalar_one()
        )
        moving = ids[taken : taken + scope]
        taken += scope
        for start in range(0, len(moving), 1000):
            conn.execute(update(ticket).where(ticket.c.id.in_(moving[start : start + 1000])).values(unit_id=unit_id))
        login = f"pengamat.{scope}"
        add_officer_without_login(conn, login, f"Pengamat {scope}", [code], Role.OFFICER)
        observers.append((scope, Officer(login, code, str(workdir / f"{kind}-scope-{scope}.cache.db"))))
    observers.append((total, Officer(_first_admin(conn), "*", str(workdir / f"{kind}-scope-all.cache.db"))))
    return observers


def _first_admin(conn: Connection) -> str:
    query = select(officer.c.login).where(officer.c.role == Role.ADMIN.value).order_by(officer.c.id).limit(1)
    return str(conn.execute(query).scalar_one())


def _same_password(conn: Connection, logins: list[str]) -> None:
    """The bench's server password for every officer: one Argon2 hash, copied (an admin's reset_password
    would hash it anew for each officer: 0.1 s apiece)."""
    hashed = accounts.hash_password(PASSWORD)
    for start in range(0, len(logins), 500):
        conn.execute(
            update(officer)
            .where(officer.c.login.in_(logins[start : start + 500]))
            .values(password_hash=hashed, password_changed_at=server_now(conn))
        )


def _analyze(url: str) -> None:
    from bench.sync import _analyze as analyze

    analyze(url)


def signed_in(server: LiveServer, officers: Sequence[Officer]) -> list[Officer]:
    """Each officer with a session token of their own (``POST /v1/sessions``, a few at a time)."""

    def sign(who: Officer) -> Officer:
        form = {"login": who.login, "password": PASSWORD, "device": f"{who.login}-pc"}
        answer = requests.post(f"{server.url}/v1/sessions", json=form, timeout=SIGN_IN_SECONDS)
        answer.raise_for_status()
        token = str(answer.json()["token"])
        return Officer(who.login, who.unit, who.cache_path, token, who.working, who.slot, who.slots)

    with ThreadPoolExecutor(SIGN_IN_THREADS) as pool:
        return list(pool.map(sign, officers))


# --- in the parent: one engine ----------------------------------------------------------------------------------


def percentile(values: Sequence[float], share: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, math.ceil(share * len(ordered)) - 1)]


def spread(values: Sequence[float]) -> str:
    return f"p50 {ms(percentile(values, 0.5))} ms, p99 {ms(percentile(values, 0.99))} ms"


def ms(value: float | None) -> str:
    return "—" if value is None else f"{1000 * value:,.1f}"


@dataclass
class EngineResult:
    idle_cpu_ms: float | None = None  # server CPU per idle round, fleet
    op_cpu_ms: float | None = None
    scope: list[tuple[int, Quiet, Quiet]] = field(default_factory=list)  # (tickets, via server, direct)

    def scope_growth(self) -> float | None:
        costs = [(q.tickets, q.per_round_ms(q.server_cpu)) for _, q, _ in self.scope]
        if len(costs) < 2 or costs[0][1] is None or costs[-1][1] is None or not costs[0][1]:
            return None
        return costs[-1][1] / costs[0][1]


def run_engine(kind: str, args: argparse.Namespace, workdir: Path) -> EngineResult:
    print()
    result = EngineResult()
    try:
        with throwaway_database(kind, workdir) as url:
            world = build_world(url, args, workdir, kind)
            print(f"{PRETTY[kind]} — {server_version(url)}")
            print(
                f"central: {world.total_tickets:,} tickets (demo fill of {max(args.scopes):,} in "
                f"{world.fill_seconds:.0f} s); fleet: {len(world.fleet)} officers in {args.units} units of "
                f"{args.fleet_tickets} tickets, {args.working} of them working in phase 4",
                flush=True,
            )
            with serving(url, workdir) as server:
                measure_engine(server, world, args, result)
    except ServerMissing as missing:
        print(f"{PRETTY[kind]}: skipped: {missing}")
    except Exception:  # one engine failing must not hide the others' figures
        print(f"{PRETTY[kind]}: failed:\n{traceback.format_exc()}")
    return result


def measure_engine(server: LiveServer, world: World, args: argparse.Namespace, result: EngineResult) -> None:
    pid = server.process.pid
    started = process_stats(pid)
    print(f"aduan server pid {pid}: RSS {_mib(started.rss_mib)} MiB after start", flush=True)
    start = time.perf_counter()
    fleet = signed_in(server, world.fleet)
    print(f"signed in {len(fleet)} officers in {time.perf_counter() - start:.1f} s", flush=True)

    # 1. initial sync
    plan = Plan("initial", server.url, tuple(fleet), args.interval, args.think, 1)
    tally, cpu, window = run_clients(plan, args.clients, None, pid)
    check(tally, "initial sync")
    print(
        f"1. initial sync of {len(fleet)} officers: {window:.1f} s, {tally.rows:,} rows ({tally.tickets:,} tickets); "
        f"per officer {spread(tally.round_seconds)}; "
        f"server cpu {_s(cpu)} s, clients' cpu {tally.client_cpu:.1f} s",
        flush=True,
    )

    # 2. quiet baseline: one officer, through the server and directly
    who = fleet[-1]
    via = in_child(quiet_rounds, who, server.url, world.url, args.rounds, pid)
    direct = in_child(quiet_rounds, direct_copy(who, world.url), None, world.url, args.rounds, None)
    print(f"2. quiet idle rounds of one officer ({via.tickets} tickets in scope), {args.rounds} in a row:")
    print(f"   {'path':<28} {'p50 ms':>8} {'p99 ms':>8} {'client cpu ms/round':>20} {'server cpu ms/round':>20}")
    for label, quiet in (("through the server", via), ("direct (DirectCentral)", direct)):
        print(
            f"   {label:<28} {ms(percentile(quiet.seconds, 0.5)):>8} {ms(percentile(quiet.seconds, 0.99)):>8} "
            f"{_f(quiet.per_round_ms(quiet.client_cpu)):>20} {_f(quiet.per_round_ms(quiet.server_cpu)):>20}",
            flush=True,
        )

    # 3. idle fleet
    plan = Plan("idle", server.url, tuple(fleet), args.interval, args.think, 2)
    idle, cpu, window = run_clients(plan, args.clients, args.seconds, pid)
    check(idle, "idle fleet")
    result.idle_cpu_ms = 1000 * cpu / idle.rounds if cpu is not None and idle.rounds else None
    target = len(fleet) / args.interval
    print(
        f"3. idle fleet, {len(fleet)} officers, a round every {args.interval:g} s each, {window:.0f} s: "
        f"{idle.rounds:,} rounds ({idle.rounds / window:.1f}/s, target {target:.1f}/s), {idle.failures} failed"
    )
    print(
        f"   server cpu {_s(cpu)} s = {_f(result.idle_cpu_ms)} ms per idle round "
        f"({_pct(cpu, window)} of one core); clients' cpu {idle.client_cpu:.1f} s "
        f"({1000 * idle.client_cpu / max(1, idle.rounds):.1f} ms per round)"
    )
    print(
        f"   idle round {spread(idle.round_seconds)}; its pull {spread(idle.pull_seconds)}",
        flush=True,
    )

    # 4. working fleet
    plan = Plan("mixed", server.url, tuple(fleet), args.interval, args.think, 3)
    mixed, cpu, window = run_clients(plan, args.clients, args.seconds, pid)
    check(mixed, "working fleet")
    syncs = mixed.rounds + mixed.work_syncs
    if cpu is not None and result.idle_cpu_ms is not None and mixed.ops:
        result.op_cpu_ms = (1000 * cpu - syncs * result.idle_cpu_ms) / mixed.ops
    print(
        f"4. working fleet, {args.working} working + {len(fleet) - args.working} idle, {window:.0f} s: "
        f"{mixed.ops:,} operations ({mixed.ops / window:.1f}/s, {mixed.rejected} rejected), "
        f"{mixed.rounds:,} idle rounds + {mixed.work_syncs:,} working syncs, {mixed.failures} failed"
    )
    print(
        f"   server cpu {_s(cpu)} s ({_pct(cpu, window)} of one core) = {_f(result.op_cpu_ms)} ms per operation "
        f"beyond the {syncs:,} rounds at the idle round's cost; clients' cpu {mixed.client_cpu:.1f} s"
    )
    print(
        f"   claim (push) {spread(mixed.claim_seconds)} ({len(mixed.claim_seconds)} claims); "
        f"every push {spread(mixed.push_seconds)}; pull {spread(mixed.pull_seconds)}",
        flush=True,
    )

    # 5. scope
    observers = signed_in(server, [o for _, o in world.observers])
    print(f"5. idle round vs tickets in scope, {args.rounds} quiet rounds each (observer alone):")
    print(
        f"   {'tickets':>8} {'initial s':>9} {'rows/s':>8} {'p50 ms':>8} {'server cpu ms/round':>20} "
        f"{'client cpu ms/round':>20} {'direct p50 ms':>14} {'direct cpu ms/round':>20}"
    )
    for who in observers:
        via = in_child(quiet_rounds, who, server.url, world.url, args.rounds, pid, True)
        direct = in_child(quiet_rounds, direct_copy(who, world.url), None, world.url, args.rounds, None)
        result.scope.append((via.tickets, via, direct))
        rate = via.initial_rows / via.initial_seconds if via.initial_seconds else 0
        print(
            f"   {via.tickets:>8,} {via.initial_seconds or 0:>9.1f} {rate:>8,.0f} "
            f"{ms(percentile(via.seconds, 0.5)):>8} "
            f"{_f(via.per_round_ms(via.server_cpu)):>20} {_f(via.per_round_ms(via.client_cpu)):>20} "
            f"{ms(percentile(direct.seconds, 0.5)):>14} {_f(direct.per_round_ms(direct.client_cpu)):>20}",
            flush=True,
        )
    growth = result.scope_growth()
    if growth is not None:
        met = "met" if growth <= AIM_SCOPE_GROWTH else "NOT met"
        print(
            f"   server cpu per idle round, largest / smallest scope: {growth:.2f} "
            f"(aim: flat, <= {AIM_SCOPE_GROWTH:.1f}: {met})"
        )
    peak = process_stats(pid)
    total = peak.cpu_since(ProcessStats(0.0, None, None))
    print(f"aduan server peak RSS (VmHWM) {_mib(peak.peak_rss_mib)} MiB, total cpu {_s(total)} s")


def check(tally: Tally, phase: str) -> None:
    if tally.errors:
        shown = "; ".join(sorted(set(tally.errors))[:5])
        print(f"   NOTE ({phase}): {len(tally.errors)} errors, e.g. {shown}")


def _s(value: float | None) -> str:
    return "?" if value is None else f"{value:.2f}"


def _f(value: float | None) -> str:
    return "?" if value is None else f"{value:,.2f}"


def _mib(value: float | None) -> str:
    return "?" if value is None else f"{value:,.0f}"


def _pct(cpu: float | None, window: float) -> str:
    return "?" if cpu is None or not window else f"{100 * cpu / window:.0f}%"


# --- options ------------------------------------------------------------------------------------------------------


def _scopes(raw: str) -> list[int]:
    scopes = sorted({int(part) for part in raw.split(",") if part.strip()})
    if not scopes or scopes[0] < 1:
        raise argparse.ArgumentTypeError("scopes are positive ticket counts, e.g. 1000,10000,100000")
    return scopes


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--engines", default=",".join(DEFAULT_ENGINES), type=engine_list, help="default sqlite,postgresql"
    )
    parser.add_argument("--officers", default=200, type=int, help="officers in the fleet (default 200)")
    parser.add_argument("--units", default=4, type=int, help="units the fleet is spread over (default 4)")
    parser.add_argument("--working", default=20, type=int, help="officers working in phase 4 (default 20)")
    parser.add_argument("--interval", default=5.0, type=float, help="seconds between an officer's rounds (default 5)")
    parser.add_argument("--think", default=1.0, type=float, help="seconds between a worker's steps (default 1)")
    parser.add_argument("--seconds", default=30.0, type=float, help="length of phases 3 and 4 (default 30)")
    parser.add_argument("--scopes", default="1000,10000,100000", type=_scopes, help="tickets in scope, phase 5")
    parser.add_argument("--fleet-tickets", default=50, type=int, help="tickets per fleet unit (default 50)")
    parser.add_argument("--rounds", default=20, type=int, help="quiet idle rounds in phases 2 and 5 (default 20)")
    parser.add_argument("--clients", default=2, type=int, help="client processes (default 2)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 8 officers, tiny scopes, 3 s phases")
    args = parser.parse_args(argv)
    if args.quick:
        args.officers, args.units, args.working, args.fleet_tickets = 8, 2, 2, 6
        args.interval, args.think, args.seconds, args.rounds = 0.5, 0.1, 3.0, 3
        args.scopes = [20, 60, 200]
    if min(args.officers, args.units, args.fleet_tickets, args.rounds, args.clients) < 1 or args.seconds <= 0:
        parser.error("--officers, --units, --fleet-tickets, --rounds, --clients and --seconds must be positive")
    if not 0 <= args.working <= args.officers:
        parser.error("--working must be between 0 and --officers")
    if sum(args.scopes[:-1]) > args.scopes[-1]:
        parser.error("the smaller --scopes must fit in the largest (their tickets are moved out of it)")
    return args


def print_machine(args: argparse.Namespace) -> None:
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print("Fleet: many officers' desktops syncing through one `aduan server` process")
    print(f"machine: {os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}")
    print(f"load average (1, 5, 15 min) at start: {load}")
    print(
        f"settings: {args.officers} officers in {args.units} units ({args.fleet_tickets} tickets each), "
        f"{args.working} working, a round every {args.interval:g} s, think {args.think:g} s, phases of "
        f"{args.seconds:g} s, scopes {', '.join(f'{n:,}' for n in args.scopes)}, {args.rounds} quiet rounds, "
        f"{args.clients} client processes"
    )
    print(
        "The clients (a thread per officer), the server and the database share this machine's cores: client\n"
        "CPU competes with the server, so latencies under load are upper bounds. Server CPU is the `aduan\n"
        "server` process's utime + stime from /proc (10 ms ticks: always a phase total / its rounds); the\n"
        "database server's own CPU (PostgreSQL backends) is not in it. An idle round = sync() with nothing\n"
        "queued: GET /v1/hello, GET /v1/changes (an empty pull with the scope's checksum), local bookkeeping."
    )
    if args.quick:
        print("--quick: a smoke run of every phase and check on tiny data; the figures mean nothing")


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    print_machine(args)
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="aduan-bench-fleet-") as tmp:
        results = {kind: run_engine(kind, args, Path(tmp)) for kind in args.engines}
    print()
    for kind, result in results.items():
        growth = result.scope_growth()
        print(
            f"{PRETTY[kind]}: server cpu {_f(result.idle_cpu_ms)} ms per idle round, {_f(result.op_cpu_ms)} ms per "
            f"operation; idle round cost largest/smallest scope "
            f"{'?' if growth is None else f'{growth:.2f}'} (aim <= {AIM_SCOPE_GROWTH:.1f})"
        )
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average at end: {load}; total time {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
