"""The model-based test of offline work and sync (tests/sync/test_model.py) through a real ``aduan server``.

The same machine — three clients (two officers and their supervisor) claiming, renewing, releasing, taking
over, replying, noting and changing status on a handful of tickets, with crashes, lost acknowledgements and
leases running out — and the same checks after every step that reached the server (the audit log replayed
against the tickets: one holder per ticket, work only from the holder under the current token; the ledger
against the outboxes: nothing lost, nothing applied twice, every finished op with the server's outcome) and
at every sync barrier (each mirror equal to the server, nothing pending). What changes is the link: each
client syncs with ``HttpCentral`` through a TCP proxy of its own (tests/sync/proxy.py) in front of one server
process, and the link's faults are real ones of that proxy:

- offline: the client's proxy refuses new connections and cuts the open ones;
- crash: the cache is dropped and the app opened again on the same file and the same session;
- lost acknowledgement: the proxy forwards the client's next ``POST /v1/ops`` and drops the server's answer;
- link cut before the push: the proxy swallows the ``POST /v1/ops`` and closes the link (nothing applied).

``SyncModelThroughServer`` subclasses the direct machine (``sync_model.model_for``) and overrides the rules
that touch the link; its ``__init__`` sets the same attributes as the direct machine's.
"""

from __future__ import annotations

import itertools
from collections import Counter, defaultdict
from collections.abc import Iterator
from pathlib import Path
from uuid import UUID

import pytest
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, rule
from sqlalchemy.engine import make_url

from desktop.cache.database import Cache
from desktop.desk.operations import Desk
from desktop.domain.errors import Unreachable
from desktop.domain.vocabulary import Role
from desktop.store import claims
from desktop.store.directory import add_unit
from desktop.store.service import Store
from desktop.sync.engine import SyncEngine, next_pending
from desktop.sync.http_central import HttpCentral
from tests.server.conftest import World as ServerWorld
from tests.server.live import LiveServer, give_passwords, running_server
from tests.server.proxied_clients import PUSH_REQUEST, Link, through_server
from tests.store.helpers import add_officer_without_login, new_ticket
from tests.sync.helpers import Client, overlay_agrees
from tests.sync.proxy import Proxy
from tests.sync.sync_checks import ExpiryMarks
from tests.sync.sync_model import LOGINS, OFFICERS, SUPERVISOR, TICKETS, World, model_for, run_and_report

# Examples per engine: each step goes through HTTP and the proxy, so fewer than the direct machine's; together
# with test_crash_through_server.py well under three minutes on two workers (printed by --durations).
EXAMPLES = {"sqlite": 4, "postgresql": 3, "mariadb": 3}
STEPS = 30


_example_numbers = itertools.count(1)


def build_world(url: str, admin: Store, server: LiveServer, root: Path) -> tuple[World, dict[str, Link]]:
    """As sync_model.build_world, with server passwords and a proxied link to the server for each client."""
    n = next(_example_numbers)
    unit = f"humas-{n}"
    admin.admin(add_unit, unit, f"Biro Humas {n}")
    roles = {**{name: Role.OFFICER for name in OFFICERS}, SUPERVISOR: Role.SUPERVISOR}
    officer_ids = {
        name: admin.admin(add_officer_without_login, f"{name}-{n}", name.title(), [unit], role)
        for name, role in roles.items()
    }
    give_passwords(admin, *(f"{name}-{n}" for name in LOGINS))
    folder = root / f"example-{n}"
    folder.mkdir()
    port = int(server.url.rsplit(":", 1)[1])
    links = {
        name: Link(Proxy("127.0.0.1", port), server.sign_in(f"{name}-{n}", device=f"{name}-{n}-pc")) for name in LOGINS
    }
    clients = {name: through_server(url, f"{name}-{n}", folder, links[name]) for name in LOGINS}
    ticket_ids = [new_ticket(clients["ani"].store, unit=unit, subject=f"Aduan {n}.{i}").id for i in range(TICKETS)]
    for c in clients.values():
        c.sync()  # the officers have opened the app before: their caches know the unit's tickets
    # No offline store: going offline is the proxy's doing here (a rule that still used it would fail).
    return World(url, admin, None, folder, clients, officer_ids, ticket_ids), links  # type: ignore[arg-type]


def server_model_for(
    url: str, admin: Store, server: LiveServer, root: Path, seen_outcomes: Counter[str]
) -> type[RuleBasedStateMachine]:
    direct = model_for(url, admin, None, root, seen_outcomes)  # type: ignore[arg-type]

    class SyncModelThroughServer(direct):  # type: ignore[misc,valid-type]
        def __init__(self) -> None:
            RuleBasedStateMachine.__init__(self)  # not the direct machine's: it would build a direct world
            self.world, self.links = build_world(url, admin, server, root)
            self.offline: set[str] = set()
            self.lost_acks: set[UUID] = set()
            self.expiries = ExpiryMarks()
            self.refusals: Counter[str] = Counter()
            self.made: dict[str, set[UUID]] = defaultdict(set)
            self.steps_since_heal = 0
            self.server_touched = True

        # -- claims ----------------------------------------------------------------------------------

        # -- the link --------------------------------------------------------------------------------

        @rule(name=st.sampled_from(LOGINS))
        def go_offline(self, name: str) -> None:
            self.links[name].down()
            self.offline.add(name)
            with pytest.raises(Unreachable):
                self.c(name).engine.sync()

        @rule(name=st.sampled_from(LOGINS))
        def go_online(self, name: str) -> None:
            self.links[name].up()
            self.offline.discard(name)

        # -- faults ----------------------------------------------------------------------------------

        @rule(name=st.sampled_from(LOGINS))
        def crash(self, name: str) -> None:
            """The app dies and starts again on the same cache file, with the session it had saved."""
            c, link = self.c(name), self.links[name]
            path = c.cache.path
            c.cache.dispose()
            c.engine.central.close()
            c.cache = Cache(path)
            c.desk = Desk(c.cache)
            c.engine = SyncEngine(c.cache, HttpCentral(link.address, link.token))
            assert overlay_agrees(c.cache), f"{name}'s cache after reopening: overlay and outbox disagree"

        def _fault_on_next_push(self, name: str, fault: str) -> UUID | None:
            """Arm ``fault`` on the proxy for the client's next op and push: the push must fail on it. An
            offline client's link comes back for just this request (the link drops with the request sent)."""
            c, link = self.c(name), self.links[name]
            op = next_pending(c.cache)
            if op is None:
                return None
            self.server_touched = True
            fired = len(link.proxy.fired)
            if name in self.offline:
                link.up()
            try:
                arm = {"lose_ack": link.proxy.lose_ack_after, "cut_before": link.proxy.cut_before}[fault]
                arm(PUSH_REQUEST)
                with pytest.raises(Unreachable):
                    c.engine.push()
            finally:
                if name in self.offline:
                    link.down()
            assert link.proxy.fired[fired:] == [fault], f"the proxy's {fault} did not fire: {link.proxy.fired}"
            pending = next_pending(c.cache)
            assert pending is not None and pending.op_id == op.op_id, "the failed op is no longer the next one pending"
            return op.op_id

        @rule(name=st.sampled_from(LOGINS))
        def lost_ack(self, name: str) -> None:
            op_id = self._fault_on_next_push(name, "lose_ack")
            if op_id is not None:
                self.lost_acks.add(op_id)

        @rule(name=st.sampled_from(LOGINS))
        def cut_before_push(self, name: str) -> None:
            """The request never arrives: the ledger check then requires the server not to know the op."""
            self._fault_on_next_push(name, "cut_before")

        def teardown(self) -> None:
            try:
                super().teardown()
            finally:
                for name, link in self.links.items():
                    self.c(name).engine.central.close()
                    link.proxy.close()

    return SyncModelThroughServer


@pytest.fixture
def served(migrated_url: str, tmp_path: Path) -> Iterator[tuple[str, Store, LiveServer]]:
    admin = Store(migrated_url)
    try:
        with running_server(migrated_url, tmp_path) as server:
            yield migrated_url, admin, server
    finally:
        admin.dispose()


def test_sync_model_through_the_server(served: tuple[str, Store, LiveServer], tmp_path: Path) -> None:
    url, admin, server = served
    engine = make_url(url).get_backend_name()
    exercised: Counter[str] = Counter()
    machine = server_model_for(url, admin, server, tmp_path, exercised)
    run_and_report(machine, engine, EXAMPLES[engine], exercised, " through the server", STEPS)
    assert exercised, "the machine ran no example"


# -- found by the machine ----------------------------------------------------------------------------------


@pytest.mark.parametrize("world", ["sqlite"], indirect=True)  # the server's refusal, on any engine
def test_an_officers_refused_take_over_does_not_block_the_outbox_through_the_server(
    world: ServerWorld, tmp_path: Path
) -> None:
    """On the direct path the store records an officer's take-over as rejected (``not_permitted``) and the
    ops queued after it go on; through the server it must be the same."""
    t = new_ticket(world.org.ani)
    world.org.budi.write(claims.claim, t.id)
    cache = Cache(tmp_path / "ani.cache.db")
    central = world.server.central("ani")
    ani = Client("ani", world.org.ani, cache, Desk(cache), SyncEngine(cache, central))
    try:
        ani.sync()
        steal = ani.desk.steal(str(t.id), "Petugas sedang cuti, diambil alih")
        later = ani.desk.note(str(t.id), "Sudah dicek di lapangan.")
        report = ani.sync()
        assert report.pending == 0
        assert ani.outcome(steal.op_id)[0] == "rejected"
        assert ani.outcome(steal.op_id)[1].get("code") == "not_permitted"
        assert ani.outcome(later.op_id)[0] == "applied"
    finally:
        central.close()
        cache.dispose()
