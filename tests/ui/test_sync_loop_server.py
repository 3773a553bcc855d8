"""The window's sync loop through a real ``aduan server``: a report that arrives centrally shows without
waiting for the timed round (here ten minutes away)."""

from __future__ import annotations

from pathlib import Path

from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.cache import schema as s
from desktop.store import accounts
from desktop.store.service import Store
from desktop.sync.session import open_session
from desktop.ui.events import Events
from desktop.ui.ops import Ops
from desktop.ui.sync_loop import SyncLoop
from tests.server.live import PASSWORD, running_server
from tests.store.helpers import new_ticket


def mirrored(session: object) -> int:
    with session.cache.read() as conn:  # type: ignore[attr-defined]
        return int(conn.execute(select(func.count()).select_from(s.ticket)).scalar_one())


def test_a_new_report_shows_within_seconds_not_at_the_next_round(
    qtbot: QtBot, ops: Ops, org_url: str, tmp_path: Path
) -> None:
    owner = Store(org_url)
    owner.admin(accounts.reset_password, "ani", PASSWORD)
    with running_server(org_url, tmp_path) as server:
        session = open_session(server.url, "ani", server.sign_in("ani"), tmp_path / "ani.cache.db")
        events = Events()
        loop = SyncLoop(session, ops, events, interval=600)
        try:
            with qtbot.waitSignal(loop.finished, timeout=30_000):
                loop.start()
            before = mirrored(session)
            # The listener's first answer says where things stand; what changes after it starts a round.
            qtbot.waitUntil(lambda: loop.listener is not None and loop.listener.known is not None, timeout=10_000)
            ani = Store(org_url, officer="ani")
            new_ticket(ani, subject="Laporan baru lewat surel")  # as the intake worker writes it
            ani.dispose()
            qtbot.waitUntil(lambda: mirrored(session) == before + 1, timeout=20_000)
        finally:
            loop.stop()
            session.close()
    owner.dispose()
