"""A session the server ended while the window was open (an admin reset the officer's password): the next
round of sync makes the window ask her to sign in again, once, saying why; the work she queued meanwhile
stays in her cache's outbox and reaches the server once she signed in again."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.cache import schema as s
from desktop.cache.database import default_cache_path
from desktop.domain.errors import NotSignedIn
from desktop.security.credentials import MemoryCredentials
from desktop.settings import Settings, aduan_server_address
from desktop.store import accounts
from desktop.store.schema import discussion
from desktop.sync.session import Session
from desktop.ui.main_window import MainWindow
from desktop.ui.ops import Ops
from desktop.ui.sign_in import SignInDialog
from tests.ui.server_world import PASSWORD, Served, served_world, signed_in

TIMEOUT = 30_000
NEW_PASSWORD = "sandi-dari-admin-7"
TITLE = "Rekap laporan banjir pekan ini"


@pytest.fixture
def served(org_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Served]:
    # The sign-in dialog opens the officer's cache where the app keeps it: in this test's folder.
    monkeypatch.setattr("desktop.cache.database.platformdirs.user_data_dir", lambda *a, **k: str(tmp_path / "data"))
    yield from served_world(org_url, tmp_path)


def pending(session: Session) -> int:
    with session.cache.read() as conn:
        return int(conn.execute(select(func.count()).where(s.outbox.c.state == "pending")).scalar_one())


def threads_titled(served: Served, title: str) -> int:
    with served.owner.engine.connect() as conn:
        return int(conn.execute(select(func.count()).where(discussion.c.title == title)).scalar_one())


def test_an_ended_session_asks_to_sign_in_again_and_keeps_the_work(
    qtbot: QtBot, served: Served, tmp_path: Path
) -> None:
    where_the_app_keeps_it = default_cache_path(aduan_server_address(served.server.url), "ani")
    ani = signed_in(served, "ani", tmp_path, cache=where_the_app_keeps_it)
    settings = Settings(policy_path=tmp_path / "no-policy.json", user_path=tmp_path / "settings.json")
    settings.set("server_url", served.server.url)
    settings.set("officer_login", "ani")
    ops = Ops()
    window = MainWindow(ani, ops, settings, MemoryCredentials())
    qtbot.addWidget(window)
    switched: list[Session] = []
    window.session_switched.connect(switched.append)
    try:
        with qtbot.waitSignal(window.sync.finished, timeout=TIMEOUT):
            window.show()
        assert window.sign_in_again is None

        served.owner.admin(accounts.reset_password, "ani", NEW_PASSWORD)  # her sessions end
        ani.desk.start_discussion("humas", TITLE, "Mohon rekap per kecamatan.")  # work done meanwhile
        with qtbot.waitSignal(window.sync.session_ended, timeout=TIMEOUT):
            window.sync.run_round()
        dialog = window.sign_in_again
        assert isinstance(dialog, SignInDialog) and dialog.isVisible()
        assert dialog.message.isVisible() and dialog.message.text().startswith("Your session on the server has ended")
        assert dialog.server.text() == served.server.url and dialog.login.text() == "ani"
        assert window.status.connection.text() == "Signed out — sign in again to send your work"
        assert pending(ani) == 1 and threads_titled(served, TITLE) == 0  # kept, not lost, not sent

        with qtbot.waitSignal(window.sync.finished, timeout=TIMEOUT) as another:
            window.sync.run_round()  # still signed out: not asked a second time
        assert isinstance(another.args[0], NotSignedIn)
        assert window.findChildren(SignInDialog) == [dialog]

        dialog.password.setText(PASSWORD)  # the old one: refused, said in the dialog
        dialog.connect_button.click()
        qtbot.waitUntil(lambda: "refused this login or password" in dialog.message.text(), timeout=TIMEOUT)
        dialog.password.setText(NEW_PASSWORD)
        with qtbot.waitSignal(window.session_switched, timeout=TIMEOUT):
            dialog.connect_button.click()
        [again] = switched
        try:
            assert again.login == "ani" and again.cache.path == ani.cache.path  # the same cache, outbox and all
            assert threads_titled(served, TITLE) == 1 and pending(again) == 0  # sent on signing in
        finally:
            again.close()
    finally:
        window.sync.stop()
        window.close()
        ops.shutdown()
        ani.close()
