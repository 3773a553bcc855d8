"""*Test connection* on the Administration window's channel accounts: the admin chooses an account and the
button tests it off the window's thread — busy while it runs, the result in words after it, in Indonesian
too — on the embedded database (the test runs here) and through a real ``aduan server`` (it runs there, and
says where to run it when the server does not hold the secret). Supervisors are not offered the button."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.domain.probe import ProbeResult, Problem
from desktop.domain.vocabulary import Channel, Role
from desktop.server import commands
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui import i18n
from desktop.ui.admin.channels_page import ChannelsPage, probe_text
from desktop.ui.admin.window import AdminWindow
from desktop.ui.ops import Ops
from tests.channels.fake_lapor import FakeLapor
from tests.channels.fake_telegram import FakeTelegram
from tests.store.helpers import add_officer_without_login
from tests.ui.conftest import session_for
from tests.ui.server_world import Served, served_world, signed_in

TIMEOUT = 20_000
BOT_SECRET, LAPOR_SECRET = "ADUAN_SECRET_BOT_HUMAS", "ADUAN_SECRET_LAPOR_HUMAS"


@pytest.fixture
def telegram() -> Iterator[FakeTelegram]:
    server = FakeTelegram().start()
    yield server
    server.stop()


@pytest.fixture
def lapor() -> Iterator[FakeLapor]:
    server = FakeLapor().start()
    server.add_report("1916449", "2026-03-02T09:30:00+07:00")
    yield server
    server.stop()


def add_accounts(owner: Store, telegram: FakeTelegram, lapor: FakeLapor) -> None:
    for channel, name, config in (
        (Channel.TELEGRAM, "Bot Humas", {"base_url": telegram.base_url}),
        (Channel.LAPOR, "LAPOR Humas", {"base_url": lapor.base_url}),
    ):
        request = commands.ChannelAdd(
            channel=channel, name=name, unit="humas", config=json.dumps(config), secret_ref="env"
        )
        commands.run_direct(commands.channel_add, owner, None, request)


@pytest.fixture
def adi(org_url: str, tmp_path: Path, telegram: FakeTelegram, lapor: FakeLapor) -> Iterator[Session]:
    """adi, an admin, on the embedded database: the test runs in this process."""
    owner = Store(org_url)
    owner.admin(add_officer_without_login, "adi", "Adi Nugroho", ["humas"], Role.ADMIN)
    add_accounts(owner, telegram, lapor)
    owner.dispose()
    session = session_for(org_url, "adi", tmp_path)
    yield session
    session.close()


def channels_page(qtbot: QtBot, session: Session, ops: Ops, role: Role) -> tuple[AdminWindow, ChannelsPage]:
    """The window (kept by the caller: the page lives in it) on its channel accounts, listed."""
    window = AdminWindow(session, ops, role)
    qtbot.addWidget(window)
    window.open()
    page = window.channels
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.table.rowCount() == 2 or page.failed, timeout=TIMEOUT)
    assert not page.failed, page.status.text()
    return window, page


def test_testing_shows_busy_then_says_what_the_channel_answered(
    qtbot: QtBot, adi: Session, ops: Ops, lapor: FakeLapor, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(LAPOR_SECRET, lapor.token)
    _window, page = channels_page(qtbot, adi, ops, Role.ADMIN)
    assert page.test_button.isVisibleTo(page) and not page.test_button.isEnabled()  # nothing chosen yet
    page.table.selectRow(1)
    assert page.test_button.isEnabled()
    lapor.delay = 1.0  # LAPOR! takes its time: the page is seen waiting
    page.test_button.click()
    qtbot.waitUntil(lambda: page.testing, timeout=TIMEOUT)
    assert not page.test_button.isEnabled() and page.test_button.text() == "Testing…"
    assert page.status.text() == "Testing the connection of LAPOR Humas…"

    def answered() -> None:
        assert not page.testing and page.last_probe is not None, page.status.text()

    qtbot.waitUntil(answered, timeout=TIMEOUT)
    assert page.status.text() == (
        "LAPOR Humas: the connection works: the list /api/v1/laporan answers; its first report 1916449 reads."
    )
    assert page.test_button.isEnabled() and page.test_button.text() == "&Test connection"
    assert not page.failed and "LAPOR! answers at" in page.status.toolTip()


def test_a_refused_token_is_said_and_shows_on_the_accounts_state(
    qtbot: QtBot, adi: Session, ops: Ops, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(BOT_SECRET, "999999:WRONG-token_xyz")
    _window, page = channels_page(qtbot, adi, ops, Role.ADMIN)
    page.table.selectRow(0)
    page.test_button.click()
    qtbot.waitUntil(lambda: page.last_probe is not None and not page.testing, timeout=TIMEOUT)
    assert page.status.text().startswith(
        "Bot Humas: the channel refused the login or the token: Telegram refused getMe: Unauthorized;"
    )
    assert "WRONG-token" not in page.status.text() + page.status.toolTip()
    assert page.table.item(0, 3).text() == "Failing"  # the outcome went on the account's health
    page.say("")
    assert page.status.toolTip() == ""  # the test's details leave with its words


def test_the_result_reads_in_indonesian(qapp: QApplication) -> None:
    works = ProbeResult(1, "Bot Humas", Channel.TELEGRAM, True, "…", facts=(("bot", "@aduan_test_bot"),))
    secret = ProbeResult(
        2,
        "Surel Humas",
        Channel.EMAIL,
        False,
        "…",
        Problem.SECRET,
        host="srv-aduan",
        run_instead="aduan channel test 2",
    )
    webhook = ProbeResult(4, "WA Humas", Channel.WHATSAPP, False, "ADUAN_SECRET_WA_HUMAS__APP_SECRET", Problem.SECRET)
    refused = ProbeResult(3, "X Humas", Channel.X, False, "X refused GET /2/users/me (HTTP 401) %2F", Problem.AUTH)
    english = [probe_text(result) for result in (works, secret, refused, webhook)]
    assert refused.message in english[2]  # a "%2" in the channel's words is not filled in again
    locale = QLocale()
    i18n.install(qapp, "id")
    try:
        indonesian = [probe_text(result) for result in (works, secret, refused, webhook)]
    finally:
        i18n.install(qapp, "en")
        QLocale.setDefault(locale)
    assert all(a != b for a, b in zip(english, indonesian, strict=True)), indonesian
    assert "@aduan_test_bot" in indonesian[0] and "srv-aduan" in indonesian[1]
    assert "“aduan channel test 2”" in indonesian[1] and refused.message in indonesian[2]
    # A webhook's secret is aduan server's: no command to run where the worker runs, the variable named.
    assert "aduan channel test" not in english[3] and webhook.message in indonesian[3]


# -- through aduan server -----------------------------------------------------------------------------------


@pytest.fixture
def served(
    org_url: str, tmp_path: Path, telegram: FakeTelegram, lapor: FakeLapor, monkeypatch: pytest.MonkeyPatch
) -> Iterator[Served]:
    monkeypatch.delenv(BOT_SECRET, raising=False)  # the server holds no secret of the accounts: the worker does
    yield from served_world(org_url, tmp_path, lambda owner: add_accounts(owner, telegram, lapor))


def test_through_the_server_without_the_secret_the_page_says_where_to_run_the_test(
    qtbot: QtBot, served: Served, ops: Ops, tmp_path: Path, telegram: FakeTelegram
) -> None:
    adi = signed_in(served, "adi", tmp_path)
    try:
        _window, page = channels_page(qtbot, adi, ops, Role.ADMIN)
        page.table.selectRow(0)
        page.test_button.click()
        qtbot.waitUntil(lambda: page.last_probe is not None and not page.testing, timeout=TIMEOUT)
        result = page.last_probe
        assert result is not None and result.problem is Problem.SECRET
        assert page.status.text() == (
            f"Bot Humas: its secret cannot be read on {result.host}, where the test ran. The worker keeps the "
            "secrets where it runs: run “aduan channel test 1” there, with the worker's environment."
        )
        assert BOT_SECRET in page.status.toolTip() and telegram.requests == []
    finally:
        adi.close()


def test_a_supervisor_is_not_offered_the_test(qtbot: QtBot, served: Served, ops: Ops, tmp_path: Path) -> None:
    sari = signed_in(served, "sari", tmp_path)
    try:
        window = AdminWindow(sari, ops, Role.SUPERVISOR)
        qtbot.addWidget(window)
        assert not window.channels.test_button.isVisibleTo(window)
    finally:
        sari.close()
