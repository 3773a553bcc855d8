"""Officers' clients learn within seconds that something changed, by a long poll on the server (one watcher
per server process), instead of pulling on a timer."""

from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from uuid import uuid4

from desktop.cache.database import Cache
from desktop.domain.operations import Op, OpKind
from desktop.store.service import Store
from desktop.sync.central import DirectCentral
from desktop.sync.engine import SyncEngine, SyncReport
from desktop.sync.listening import ChangeListener
from tests.server.conftest import World
from tests.store.helpers import new_ticket


def test_a_waiting_client_is_answered_when_a_colleague_works_or_a_report_arrives(world: World) -> None:
    t = new_ticket(world.org.ani)
    ani, budi = world.server.central("ani"), world.server.central("budi")
    try:
        known = ani.next_change(None, 0)
        assert known is not None
        # The watcher reads twice a second: the ticket made just now may arrive after the first answer.
        while (settled := ani.next_change(known, 2)) != known:
            known = settled
        assert ani.next_change(known, 0.5) == known  # nothing changed: the poll ends with what it knew

        with ThreadPoolExecutor(1) as pool:
            waiting = pool.submit(ani.next_change, known, 50)
            note = Op(uuid4(), OpKind.NOTE, t.id, {"text": "sudah dicek"})
            assert budi.push(note).accepted  # through the server: the watcher is told at once
            after_note = waiting.result(timeout=45)
        assert after_note is not None and after_note != known

        with ThreadPoolExecutor(1) as pool:
            waiting = pool.submit(ani.next_change, after_note, 50)
            new_ticket(world.org.rudi, unit="kanreg-1")  # written straight to the database, as intake does
            after_report = waiting.result(timeout=45)
        assert after_report is not None and after_report != after_note
    finally:
        ani.close()
        budi.close()


def test_the_listener_calls_back_when_something_changed(world: World) -> None:
    ani = world.server.central("ani")
    heard = threading.Event()
    listener = ChangeListener(ani, heard.set, wait=2)
    try:
        assert listener.start()
        # The first answer only tells the listener where things stand; keep changing until it calls back.
        for attempt in range(20):
            new_ticket(world.org.ani, subject=f"Laporan {attempt}")
            if heard.wait(3):
                break
        assert heard.is_set()
    finally:
        listener.stop()
        ani.close()


def test_a_direct_link_is_not_listened_to(tmp_path: Path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'central.db'}", officer="ani")
    assert not ChangeListener(DirectCentral(store), lambda: None).start()  # it syncs on its timer
    store.dispose()


def test_sync_watch_through_the_server_pulls_when_something_changed(world: World, tmp_path: Path) -> None:
    """``aduan sync --watch`` waits on the server between rounds: a change ends the wait (the timed round
    here is three minutes away)."""
    cache = Cache(tmp_path / "ani.cache.db")
    engine = SyncEngine(cache, world.server.central("ani"))
    reports: list[object] = []
    watching = threading.Thread(target=engine.watch, kwargs={"interval": 180, "rounds": 2, "report": reports.append})
    watching.start()
    try:
        for _ in range(120):  # until the first round is done (its report is in)
            if reports:
                break
            threading.Event().wait(0.5)
        new_ticket(world.org.ani, subject="Laporan yang ditunggu")
        watching.join(timeout=60)
        assert not watching.is_alive(), "the watch waited for its timer instead of the change"
        assert isinstance(reports[-1], SyncReport) and reports[-1].pull.rows.get("ticket") == 1
    finally:
        watching.join(timeout=240)
        engine.central.close()
        cache.dispose()
