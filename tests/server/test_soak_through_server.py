"""A short soak through ``aduan server``: a dozen clients queue a couple of hundred operations through proxy outages,
then heal and agree (the long soak of the direct path is tests/sync/test_soak.py, whose turns and checks these
are).

Each client syncs with ``HttpCentral`` through a TCP proxy of its own in front of one server process; its
faults are the proxy's: an outage refuses new connections and cuts the open ones, a lost acknowledgement
forwards the client's next ``POST /v1/ops`` and drops the answer; a crash reopens the cache with the saved
session. After healing: every mirror equals the server and nothing is pending, every op queued is in its
outbox with the server's outcome, every applied reply and note exists once, and the audit log replays.
"""

from __future__ import annotations

import random
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.engine import make_url

from desktop.domain.errors import Unreachable
from desktop.domain.vocabulary import Role
from desktop.store.directory import add_unit
from desktop.store.schema import applied_op, message, outbound_message
from desktop.store.service import Store
from desktop.sync.cache import Cache
from desktop.sync.desk import Desk
from desktop.sync.engine import SyncEngine, next_pending
from desktop.sync.http_central import HttpCentral
from tests.server.live import LiveServer, give_passwords, running_server
from tests.server.test_model_through_server import PUSH_REQUEST, Link, through_server
from tests.store.helpers import add_officer_without_login, new_ticket
from tests.sync.helpers import Client
from tests.sync.proxy import Proxy
from tests.sync.test_model import audit_problems, converged_problems, heal, ledger_problems
from tests.sync.test_soak import REGIONS, Soak, _code  # transfers go to another of these REGIONS

SEED = 20260301
OPS = 200
OFFICERS_PER_REGION = 2
TICKETS_PER_REGION = 4
HEAL_ROUNDS = 8
# Per turn of a client: a few hundred ops need outages more often than the long soak's thousands.
P_SYNC = 0.06
P_GO_OFFLINE = 0.03
P_COME_BACK = 0.12
P_CRASH = 0.01
P_LOST_ACK = 0.015
P_EXPIRE = 0.01


@dataclass
class ServerSoak(Soak):
    links: dict[str, Link] = field(default_factory=dict)

    def turn(self, c: Client) -> None:
        """As ``Soak.turn``, with this file's probabilities and the proxy's lost acknowledgement."""
        if self.rng.random() < P_CRASH:
            self.crash(c)
            return
        r = self.rng.random()
        if c.login in self.offline:
            if r < P_COME_BACK:
                self.go_online(c)
            else:
                self.work(c)
            return
        if r < P_GO_OFFLINE:
            self.go_offline(c)
        elif r < P_GO_OFFLINE + P_SYNC:
            c.sync()
            self.counts["syncs"] += 1
        elif r < P_GO_OFFLINE + P_SYNC + P_LOST_ACK:
            self.lose_ack(c)
        elif r < P_GO_OFFLINE + P_SYNC + P_LOST_ACK + P_EXPIRE:
            self.counts["leases run out"] += self.expiries.expire(self.admin.engine, self.rng.choice(self.ticket_ids))
        else:
            self.work(c)

    def go_offline(self, c: Client) -> None:
        self.links[c.login].down()
        self.offline.add(c.login)
        self.counts["outages"] += 1
        with pytest.raises(Unreachable):
            c.engine.sync()

    def go_online(self, c: Client) -> None:
        self.links[c.login].up()
        self.offline.discard(c.login)

    def crash(self, c: Client) -> None:
        link = self.links[c.login]
        path = c.cache.path
        c.cache.dispose()
        c.engine.central.close()
        c.cache = Cache(path)
        c.desk = Desk(c.cache)
        c.engine = SyncEngine(c.cache, HttpCentral(link.address, link.token))
        self.counts["crashes"] += 1

    def lose_ack(self, c: Client) -> None:
        op = next_pending(c.cache)
        if op is None:
            return
        proxy = self.links[c.login].proxy
        fired = len(proxy.fired)
        proxy.lose_ack_after(PUSH_REQUEST)
        with pytest.raises(Unreachable):
            c.engine.push()
        assert proxy.fired[fired:] == ["lose_ack"], f"the lost acknowledgement did not fire: {proxy.fired}"
        self.lost_acks.add(op.op_id)

    def close(self) -> None:
        for c in self.clients:
            c.engine.central.close()
            c.close()
        for link in self.links.values():
            link.proxy.close()


def build(url: str, admin: Store, server: LiveServer, folder: Path, seed: int) -> ServerSoak:
    admin.admin(add_unit, "pusat", "Kantor Pusat")
    members: dict[str, list[str]] = {}
    for region in REGIONS:
        admin.admin(add_unit, region, f"Kantor Wilayah {region[-1]}", "pusat")
        for i in range(1, OFFICERS_PER_REGION + 1):
            members[f"petugas-{region}-{i}"] = [region]
        members[f"kepala-{region}"] = [region]
    members["kepala-pusat"] = ["pusat"]
    roles = {login: Role.SUPERVISOR if login.startswith("kepala-") else Role.OFFICER for login in members}
    officer_ids = {
        login: admin.admin(add_officer_without_login, login, login.title(), units, roles[login])
        for login, units in members.items()
    }
    give_passwords(admin, *members)
    port = int(server.url.rsplit(":", 1)[1])
    links = {login: Link(Proxy("127.0.0.1", port), server.sign_in(login)) for login in members}
    clients = [through_server(url, login, folder, links[login]) for login in members]
    by_login = {c.login: c for c in clients}
    ticket_ids = [
        new_ticket(by_login[f"petugas-{region}-1"].store, unit=region, subject=f"Aduan {region} no. {n}").id
        for region in REGIONS
        for n in range(TICKETS_PER_REGION)
    ]
    for c in clients:
        c.sync()
    rng = random.Random(seed)
    return ServerSoak(url, admin, None, clients, roles, officer_ids, ticket_ids, rng, links=links)  # type: ignore[arg-type]


@pytest.fixture
def soak(migrated_url: str, tmp_path: Path) -> Iterator[ServerSoak]:
    admin = Store(migrated_url)
    try:
        with running_server(migrated_url, tmp_path) as server:
            built = build(migrated_url, admin, server, tmp_path, SEED)
            try:
                yield built
            finally:
                built.close()
    finally:
        admin.dispose()


def test_a_soak_through_the_server_converges_without_losing_or_doubling_an_op(soak: ServerSoak) -> None:
    engine = make_url(soak.url).get_backend_name()
    print(f"\nsoak seed {SEED}")
    started = time.perf_counter()
    turns = 0
    while soak.queued < OPS:
        soak.turn(soak.rng.choice(soak.clients))
        turns += 1
    worked = time.perf_counter() - started
    for c in soak.clients:
        soak.go_online(c)
    rounds = heal(soak.clients, HEAL_ROUNDS)

    problems = converged_problems(soak.clients)
    outboxes = {c.login: c.outbox() for c in soak.clients}
    with soak.admin.engine.connect() as conn:
        problems += audit_problems(conn, soak.ticket_ids, soak.expiries)
        problems += ledger_problems(conn, outboxes, soak.officer_ids, soak.ticket_ids, soak.lost_acks)
        ledger_rows = conn.execute(
            select(func.count()).where(applied_op.c.officer_id.in_(list(soak.officer_ids.values())))
        ).scalar_one()
        replies = conn.execute(select(func.count()).where(message.c.direction == "outbound")).scalar_one()
        dispatch = conn.execute(select(func.count()).select_from(outbound_message)).scalar_one()
    kept = {(login, row.op_id) for login, rows in outboxes.items() for row in rows}
    problems += [f"{login}'s op {op_id} is gone" for op_id, login in soak.made.items() if (login, op_id) not in kept]
    finished = Counter(row.state for rows in outboxes.values() for row in rows)
    kinds = Counter(f"{row.kind} {row.state}{_code(row)}" for rows in outboxes.values() for row in rows)
    total = sum(finished.values())

    print(
        f"{engine}: {len(soak.clients)} clients through the server, {soak.queued} ops queued in {turns} turns,"
        f" {worked:.1f} s; healed in {rounds} rounds; lost acks: {len(soak.lost_acks)}"
    )
    for what, count in sorted((soak.counts + kinds).items()):
        print(f"  {count:6d}  {what}")

    assert not problems, "\n".join(problems[:50])
    assert finished["pending"] == 0
    assert ledger_rows == total, f"{ledger_rows} ops in the server's ledger, {total} finished in the outboxes"
    assert replies == dispatch == sum(n for what, n in kinds.items() if what.startswith("reply applied"))
    assert soak.counts["outages"] > 0, "the soak went through no outage"
