"""High availability on this computer, for tests/deploy/test_failover.py and bench/failover.py: a PostgreSQL primary
with a synchronous streaming replica (``pgcluster.py``), two ``aduan server`` processes on the multi-host URL
``…?host=primary&host=replica&target_session_attrs=read-write``, a round-robin balancer in front of them
(``balancer.py``), and officers working through it with the real cache, outbox and sync engine, each in its
own thread: claiming their tickets, replying, noting, syncing after every operation.

``failover()`` runs the load while it kills one server process (SIGKILL), then stops the primary hard
(``pg_ctl stop -m immediate``) and promotes the replica (``pg_ctl promote``), and notes when each happened;
every officer records when each of its syncs ended and whether it got through, so that the time to recover
can be read afterwards.
"""

from __future__ import annotations

import statistics
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from uuid import UUID

from sqlalchemy import select

from desktop.cache import schema as s
from desktop.cache.database import Cache
from desktop.desk.operations import Desk
from desktop.domain.errors import AduanError
from desktop.store.service import Store
from desktop.sync.engine import SyncEngine
from desktop.sync.http_central import HttpCentral
from tests.deploy.balancer import Balancer
from tests.deploy.pgcluster import Pair, primary_and_replica
from tests.server.live import LiveServer, give_passwords, running_server
from tests.store.helpers import build_org, new_ticket
from tests.sync.helpers import Client

WORKERS = {"ani": "humas", "budi": "humas", "rudi": "kanreg-1"}  # each works on tickets of its own
TICKETS_EACH = 2
PAUSE = 0.05  # between an officer's operations
RETRY = 0.1  # after a sync that did not get through


@dataclass
class Attempt:
    started: float
    ended: float
    ok: bool
    applied: int  # operations the server applied in this sync


@dataclass
class Officer:
    """One officer's client and what happened to its syncs."""

    client: Client
    tickets: list[str]
    attempts: list[Attempt] = field(default_factory=list)
    queued: list[UUID] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)  # anything but "out of reach", for the test to show

    @property
    def login(self) -> str:
        return self.client.login

    def work(self, stop: threading.Event) -> None:
        n = 0
        claimed: set[str] = set()
        while not stop.is_set():
            ref = self.tickets[n % len(self.tickets)]
            desk = self.client.desk
            if ref not in claimed:
                op = desk.claim(ref)
                claimed.add(ref)
            elif n % 2:
                op = desk.reply(ref, f"Balasan {self.login} nomor {n}: laporan Anda sedang kami tindak lanjuti.")
            else:
                op = desk.note(ref, f"Catatan {self.login} nomor {n}")
            self.queued.append(op.op_id)
            n += 1
            if not self.sync_once():
                time.sleep(RETRY)
            time.sleep(PAUSE)

    def sync_once(self) -> bool:
        started = time.monotonic()
        try:
            report = self.client.engine.sync()
        except AduanError as exc:
            if exc.code != "unreachable":
                self.errors.append(f"{type(exc).__name__}: {exc}")
            self.attempts.append(Attempt(started, time.monotonic(), False, 0))
            return False
        self.attempts.append(Attempt(started, time.monotonic(), True, report.push.applied))
        return True

    def pending(self) -> int:
        with self.client.cache.read() as conn:
            return len(conn.execute(select(s.outbox.c.op_id).where(s.outbox.c.state == "pending")).all())

    def first_ok_after(self, moment: float, applying: bool = False) -> float | None:
        """Seconds from ``moment`` to the end of the first sync that started after it and got through (and
        applied an operation, with ``applying``)."""
        for attempt in self.attempts:
            if attempt.started >= moment and attempt.ok and (attempt.applied or not applying):
                return attempt.ended - moment
        return None

    def round_trips(self, until: float) -> list[float]:
        """The times of the syncs that pushed operations and got through before ``until``: the baseline."""
        return [a.ended - a.started for a in self.attempts if a.ok and a.applied >= 1 and a.ended < until]


@dataclass
class Marks:
    load_started: float = 0.0
    server_killed: float = 0.0
    primary_stopped: float = 0.0
    promoted: float = 0.0  # when ``pg_ctl promote`` returned: the replica takes writes
    load_stopped: float = 0.0


@dataclass
class HaWorld:
    pair: Pair
    url: str  # the servers' multi-host URL
    servers: list[LiveServer]
    balancer: Balancer
    officers: list[Officer]
    officer_ids: dict[str, int]
    ticket_ids: list[UUID]

    def failover(self, before: float, between: float, after: float) -> Marks:
        """The load for ``before`` seconds, then a server killed; ``between`` seconds later the primary stopped
        and the replica promoted; the load goes on for ``after`` seconds more."""
        stop = threading.Event()
        threads = [threading.Thread(target=o.work, args=(stop,), name=f"officer-{o.login}") for o in self.officers]
        marks = Marks(load_started=time.monotonic())
        for thread in threads:
            thread.start()
        try:
            time.sleep(before)
            marks.server_killed = time.monotonic()
            self.servers[0].process.kill()  # SIGKILL: no goodbye to its clients or its database connections
            time.sleep(between)
            marks.primary_stopped = time.monotonic()
            self.pair.primary.stop_hard()
            self.pair.replica.promote()
            marks.promoted = time.monotonic()
            time.sleep(after)
        finally:
            stop.set()
            for thread in threads:
                thread.join(60)
            marks.load_stopped = time.monotonic()
        return marks

    def settle(self, seconds: float = 60) -> float:
        """Sync every officer until nothing is pending and a whole round applied nothing; returns when, by the
        monotonic clock, every officer had synced all its work."""
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            quiet = True
            for officer in self.officers:
                if not officer.sync_once():
                    quiet = False
                    time.sleep(RETRY)
                    continue
                quiet = quiet and officer.attempts[-1].applied == 0 and officer.pending() == 0
            if quiet:
                return time.monotonic()
        raise AssertionError(f"the officers did not settle in {seconds} s: {[o.pending() for o in self.officers]}")

    def baseline(self, until: float) -> list[float]:
        return sorted(t for o in self.officers for t in o.round_trips(until))

    def outboxes(self) -> dict[str, list[Any]]:
        return {o.login: o.client.outbox() for o in self.officers}


def median_ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms" if values else "n/a"


@contextmanager
def ha_world(folder: Path) -> Iterator[HaWorld]:
    """Raises ``pgcluster.ClusterMissing`` where PostgreSQL's server programs are not installed."""
    with primary_and_replica() as pair, ExitStack() as stack:
        url = pair.multi_host_url()
        owner = Store(url)
        stack.callback(owner.dispose)
        owner.upgrade()
        org = build_org(url)
        stack.callback(org.close)
        give_passwords(org.admin, *WORKERS)
        refs: dict[str, list[str]] = {}
        ticket_ids: list[UUID] = []
        for login, unit in WORKERS.items():
            made = [
                new_ticket(getattr(org, login), unit=unit, subject=f"Aduan {login} {i}") for i in range(TICKETS_EACH)
            ]
            refs[login] = [t.tracking_no for t in made]
            ticket_ids += [t.id for t in made]
        servers = [stack.enter_context(running_server(url, folder)) for _ in range(2)]
        balancer = Balancer([("127.0.0.1", int(server.url.rsplit(":", 1)[1])) for server in servers])
        stack.callback(balancer.close)
        officers = []
        for login in WORKERS:
            store = Store(url, officer=login, device=f"{login}-pc")
            cache = Cache(folder / f"{login}.cache.db")
            engine = SyncEngine(cache, HttpCentral(balancer.url, servers[1].sign_in(login)))
            client = Client(login, store, cache, Desk(cache), engine)
            stack.callback(client.close)
            stack.callback(engine.central.close)
            client.sync()
            officers.append(Officer(client, refs[login]))
        officer_ids = {o.login: o.client.store.actor().id for o in officers}
        yield HaWorld(pair, url, servers, balancer, officers, officer_ids, ticket_ids)
