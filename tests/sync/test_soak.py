"""Soak: twenty-two clients queue thousands of operations through random outages, then heal and agree.

Officers in three regional units and their supervisors (``pusat`` sees every region) claim, reply, note,
change status, renew, release, transfer and take over on a shared set of tickets, going offline for
random stretches (a Store whose database cannot be reached: see ``offline.unreachable_store``), with
the occasional crash (the cache reopened), lost acknowledgement and lease running out. Then everyone comes
back online and syncs until nothing moves, and:

- every client's mirror equals the server for its scope, and nothing is pending (convergence);
- every op any client queued is still in its outbox and finished — applied, rejected with a reason, or
  handed over — and the server's ledger holds exactly those ops with the same outcomes (zero lost ops);
- every applied reply and note exists centrally exactly once, with one dispatch row per reply, and the
  server holds no reply or note that no applied op made (zero duplicates);
- the audit log replays to the tickets' claim holders, tokens and statuses, and no non-holder's work was
  accepted (see ``sync_checks.audit_problems``).

The clients take turns in one thread, in an order drawn from a seeded ``random.Random``: real concurrency
on the central database (racing processes, dropped links) is covered by tests/store/test_contention.py and
the proxy tests, and what this test is after — the interleaving of thousands of queued ops with outages,
stale caches, steals and expiries — needs no parallelism, but does need to be reproducible from its seed
when it fails. On a 2-core machine threads would also only add GIL and lock waits, not more interleavings.
"""

from __future__ import annotations

import random
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy.engine import make_url

from desktop.domain.vocabulary import Role
from desktop.store.directory import add_unit
from desktop.store.service import Store
from tests.store.helpers import add_officer_without_login, new_ticket
from tests.sync.helpers import client
from tests.sync.offline import unreachable_store
from tests.sync.soak_world import REGIONS, Soak, reckon
from tests.sync.sync_checks import heal

pytestmark = pytest.mark.slow

SEED = 20260117
OPS = 5_000  # operations queued through the desks, in total
OFFICERS_PER_REGION = 6
TICKETS_PER_REGION = 10
HEAL_ROUNDS = 8


def build(url: str, admin: Store, offline_store: Store, folder: Path, seed: int) -> Soak:
    admin.admin(add_unit, "pusat", "Kantor Pusat")
    roles: dict[str, Role] = {}
    officer_ids: dict[str, int] = {}
    members: dict[str, list[str]] = {}
    for region in REGIONS:
        admin.admin(add_unit, region, f"Kantor Wilayah {region[-1]}", "pusat")
        for i in range(1, OFFICERS_PER_REGION + 1):
            members[f"petugas-{region}-{i}"] = [region]
        members[f"kepala-{region}"] = [region]
    members["kepala-pusat"] = ["pusat"]
    for login, units in members.items():
        role = Role.SUPERVISOR if login.startswith("kepala-") else Role.OFFICER
        officer_ids[login] = admin.admin(add_officer_without_login, login, login.title(), units, role)
        roles[login] = role
    clients = [client(url, login, folder) for login in members]  # 3 x 6 officers, 3 regional heads, head office
    by_login = {c.login: c for c in clients}
    ticket_ids = [
        new_ticket(by_login[f"petugas-{region}-1"].store, unit=region, subject=f"Aduan {region} no. {n}").id
        for region in REGIONS
        for n in range(TICKETS_PER_REGION)
    ]
    for c in clients:
        c.sync()
    return Soak(url, admin, offline_store, clients, roles, officer_ids, ticket_ids, random.Random(seed))


@pytest.fixture
def cache_folder(tmp_path: Path) -> Iterator[Path]:
    """The clients' caches, in memory where the system offers it: a cache commits (and syncs to disk) on
    every queued op and every outcome, and this test reopens caches but never cuts the power, so the disk
    adds only time here. Durability across a real kill is tested in tests/sync/test_crash.py."""
    shm = Path("/dev/shm")
    if not shm.is_dir():
        yield tmp_path
        return
    folder = Path(tempfile.mkdtemp(prefix="aduan-soak-", dir=shm))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture
def soak(migrated_url: str, tmp_path: Path, cache_folder: Path) -> Iterator[Soak]:
    admin = Store(migrated_url)
    offline_store = unreachable_store(migrated_url, tmp_path)
    built = build(migrated_url, admin, offline_store, cache_folder, SEED)
    yield built
    for c in built.clients:
        c.close()
    admin.dispose()
    offline_store.dispose()


@pytest.mark.parametrize("db_url", ["sqlite", "postgresql", "mariadb"], indirect=True)
def test_soak_converges_without_losing_or_doubling_an_op(soak: Soak) -> None:
    engine = make_url(soak.url).get_backend_name()
    started = time.perf_counter()
    turns = 0
    while soak.queued < OPS:
        soak.turn(soak.rng.choice(soak.clients))
        turns += 1
    worked = time.perf_counter() - started
    for c in soak.clients:
        soak.go_online(c)
    rounds = heal(soak.clients, HEAL_ROUNDS)
    healed = time.perf_counter() - started - worked

    done = reckon(soak)
    finished, kinds, total, ledger_rows = done.finished, done.kinds, done.total, done.ledger_rows
    replies, dispatch = done.replies, done.dispatch

    print(
        f"\n{engine}: {len(soak.clients)} clients, {soak.queued} ops queued in {turns} turns, {worked:.1f} s"
        f" ({soak.queued / worked:.0f} ops/s); healed in {rounds} rounds, {healed:.1f} s"
    )
    print(f"  outbox: {total} ops ({total - soak.queued} heartbeat renewals) {dict(finished)}; ledger: {ledger_rows}")
    print(f"  replies stored: {replies}, dispatch rows: {dispatch}; lost acks: {len(soak.lost_acks)}")
    for what, count in sorted((soak.counts + kinds).items()):
        print(f"  {count:6d}  {what}")

    done.check()
    assert soak.queued >= OPS and len(soak.clients) >= 20
