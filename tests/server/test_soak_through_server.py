"""A short soak through ``aduan server``: a dozen clients queue a couple of hundred operations through proxy outages,
then heal and agree (the long soak of the direct path is tests/sync/test_soak.py; both take their turns and checks
from tests/sync/soak_world.py).

Each client syncs with ``HttpCentral`` through a TCP proxy of its own in front of one server process; its
faults are the proxy's: an outage refuses new connections and cuts the open ones, a lost acknowledgement
forwards the client's next ``POST /v1/ops`` and drops the answer; a crash reopens the cache with the saved
session. After healing: every mirror equals the server and nothing is pending, every op queued is in its
outbox with the server's outcome, every applied reply and note exists once, and the audit log replays.
"""

from __future__ import annotations

import random
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from desktop.cache.database import Cache
from desktop.desk.operations import Desk
from desktop.domain.errors import Unreachable
from desktop.domain.vocabulary import Role
from desktop.store.directory import add_unit
from desktop.store.service import Store
from desktop.sync.engine import SyncEngine, next_pending
from desktop.sync.http_central import HttpCentral
from tests.server.live import LiveServer, give_passwords, running_server
from tests.server.proxied_clients import PUSH_REQUEST, Link, through_server
from tests.store.helpers import add_officer_without_login, new_ticket
from tests.sync.helpers import Client
from tests.sync.proxy import Proxy
from tests.sync.soak_world import REGIONS, Odds, Soak, reckon  # transfers go to another of these REGIONS
from tests.sync.sync_checks import heal

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py

SEED = 20260301
OPS = 200
OFFICERS_PER_REGION = 2
TICKETS_PER_REGION = 4
HEAL_ROUNDS = 8
# Per turn of a client: a few hundred ops need outages more often than the long soak's thousands.
ODDS = Odds(sync=0.06, go_offline=0.03, come_back=0.12, crash=0.01, lost_ack=0.015, expire=0.01)


@dataclass
class ServerSoak(Soak):
    links: dict[str, Link] = field(default_factory=dict)

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
    return ServerSoak(url, admin, None, clients, roles, officer_ids, ticket_ids, rng, odds=ODDS, links=links)  # type: ignore[arg-type]


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

    done = reckon(soak)

    print(
        f"{engine}: {len(soak.clients)} clients through the server, {soak.queued} ops queued in {turns} turns,"
        f" {worked:.1f} s; healed in {rounds} rounds; lost acks: {len(soak.lost_acks)}"
    )
    for what, count in sorted((soak.counts + done.kinds).items()):
        print(f"  {count:6d}  {what}")

    done.check()
    assert soak.counts["outages"] > 0, "the soak went through no outage"
