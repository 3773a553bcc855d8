"""The sign-in dialog against a real ``aduan server`` in front of real central databases: refusals are
explained in the dialog, typing is kept; a database's address is refused, since officers have none."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtWidgets import QDialog, QLineEdit
from pytestqt.qtbot import QtBot

from desktop.domain.vocabulary import Role
from desktop.security.credentials import MemoryCredentials, session_entry
from desktop.settings import Settings
from desktop.store import accounts, directory
from desktop.store.service import Store
from desktop.ui.ops import Ops
from desktop.ui.sign_in import SignInDialog
from tests.conftest import missing
from tests.databases import ServerMissing, throwaway_database
from tests.server.live import running_server
from tests.sync.proxy import Proxy

PASSWORD = "rahasia-123"
SERVER_PASSWORD = "kata-sandi-uji-1"


def settings_in(folder: Path, policy: dict[str, object] | None = None) -> Settings:
    policy_path = folder / "unit-policy.json"
    if policy is not None:
        policy_path.write_text(json.dumps(policy), encoding="utf-8")
    return Settings(policy_path, folder / "config" / "settings.json")


@pytest.fixture
def mariadb_officer(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """(the Aduan server's address, officer login): a real server on a real MariaDB, the officer made by
    ``officer add`` with their password for the server."""
    try:
        with throwaway_database("mariadb", tmp_path) as url:
            owner = Store(url)
            owner.upgrade()
            login = f"petugas_{uuid.uuid4().hex[:8]}"
            owner.admin(directory.add_unit, "humas", "Biro Humas")
            owner.admin(directory.add_officer, login, "Dewi Anggraini", ["humas"], Role.OFFICER, PASSWORD)
            owner.dispose()
            with running_server(url, tmp_path) as server:
                yield server.url, login
    except ServerMissing as exc:
        missing(str(exc))


def connect(qtbot: QtBot, dialog: SignInDialog, url: str, login: str, password: str) -> None:
    dialog.show()
    dialog.server.setText(url)
    dialog.login.setText(login)
    dialog.password.setText(password)
    dialog.connect_button.click()


def test_a_wrong_password_is_explained_and_what_was_typed_is_kept(
    qtbot: QtBot, tmp_path: Path, ops: Ops, mariadb_officer: tuple[str, str]
) -> None:
    address, login = mariadb_officer
    credentials = MemoryCredentials()
    dialog = SignInDialog(settings_in(tmp_path), credentials, ops)
    qtbot.addWidget(dialog)
    dialog.show()
    connect(qtbot, dialog, address, login, "wrong-password")
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=15_000)
    assert "refused this login or password" in dialog.message.text()
    assert dialog.login.text() == login and dialog.server.text() == address
    assert dialog.connect_button.isEnabled() and dialog.connect_button.text() == "Connect"
    assert dialog.session is None and dialog.result() == 0 and credentials.stored == {}

    dialog.password.setText(PASSWORD)
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        dialog.connect_button.click()
    assert dialog.session is not None and not dialog.offline and dialog.session.login == login
    assert list(credentials.stored) == [(address, session_entry(login))]
    assert PASSWORD not in credentials.stored.values()
    again = settings_in(tmp_path)
    assert again.get("server_url") == address and again.get("officer_login") == login
    assert PASSWORD not in again.user_path.read_text(), "the password is never in the settings file"
    dialog.session.close()


def test_an_unknown_officer_on_sqlite_is_refused_and_a_known_one_signs_in(
    qtbot: QtBot, tmp_path: Path, ops: Ops, org_url: str
) -> None:
    credentials = MemoryCredentials()
    dialog = SignInDialog(settings_in(tmp_path), credentials, ops)
    qtbot.addWidget(dialog)
    connect(qtbot, dialog, org_url, "nobody", "")
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=15_000)
    assert "refused" in dialog.message.text() and dialog.login.text() == "nobody"
    dialog.login.setText("ani")
    with qtbot.waitSignal(dialog.accepted, timeout=15_000):
        dialog.connect_button.click()
    assert dialog.session is not None and dialog.session.login == "ani" and dialog.session.has_mirror
    assert credentials.stored == {}, "SQLite has no passwords to remember"
    dialog.session.close()


def test_connecting_shows_a_busy_state_and_an_unreachable_server_is_explained(
    qtbot: QtBot, tmp_path: Path, ops: Ops
) -> None:
    """A link that accepts but never answers: the dialog stays responsive, busy, then explains."""
    proxy = Proxy("127.0.0.1", 5432)  # anything listening: the proxy accepts and then forwards nothing
    proxy.stall()
    try:
        dialog = SignInDialog(settings_in(tmp_path), MemoryCredentials(), ops)
        qtbot.addWidget(dialog)
        connect(qtbot, dialog, f"http://127.0.0.1:{proxy.port}", "ani", PASSWORD)
        qtbot.waitUntil(lambda: dialog.connect_button.text() == "Connecting…", timeout=5_000)
        assert not dialog.connect_button.isEnabled() and not dialog.login.isEnabled()
        qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=40_000)  # the sign-in waits 15 s
    finally:
        proxy.close()
    assert "cannot be reached" in dialog.message.text()
    assert dialog.connect_button.isEnabled() and dialog.connect_button.text() == "Connect"
    assert dialog.password.text() == PASSWORD and dialog.session is None


def test_an_address_with_a_password_is_refused_before_connecting(qtbot: QtBot, tmp_path: Path, ops: Ops) -> None:
    settings = settings_in(tmp_path)
    dialog = SignInDialog(settings, MemoryCredentials(), ops)
    qtbot.addWidget(dialog)
    connect(qtbot, dialog, "https://ani:rahasia@aduan.unit.go.id", "ani", "")
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=5_000)
    assert "must not contain a password" in dialog.message.text()
    assert dialog.connect_button.isEnabled(), "nothing was sent"
    assert dialog.server.text() == "https://ani:rahasia@aduan.unit.go.id"
    assert not settings.user_path.exists()


@pytest.mark.parametrize(
    "address", ["postgresql://127.0.0.1:1/aduan", "mariadb://db.unit.go.id/aduan", "postgresql+psycopg:///aduan"]
)
def test_a_database_address_is_refused_saying_to_give_the_aduan_servers(
    qtbot: QtBot, tmp_path: Path, ops: Ops, address: str
) -> None:
    """Officers have no database login: the dialog says so in its own words, at once, and sends nothing
    (a closed port would otherwise take a while and say "cannot be reached")."""
    settings = settings_in(tmp_path)
    credentials = MemoryCredentials()
    dialog = SignInDialog(settings, credentials, ops)
    qtbot.addWidget(dialog)
    connect(qtbot, dialog, address, "ani", PASSWORD)
    qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=5_000)
    assert "address of a database" in dialog.message.text() and "https://" in dialog.message.text()
    assert dialog.connect_button.isEnabled() and dialog.connect_button.text() == "Connect"
    assert dialog.server.text() == address and dialog.password.text() == PASSWORD
    assert dialog.session is None and credentials.stored == {} and not settings.user_path.exists()


def test_the_refusal_of_a_database_address_is_translated() -> None:
    """The Indonesian text exists (the .ts source the build turns into .qm), finished."""
    translations = Path(__file__).resolve().parents[2] / "desktop" / "resources" / "translations"
    source = (translations / "aduan_id.ts").read_text("utf-8")
    entry = source[source.index("This is the address of a database") :]
    entry = entry[: entry.index("</message>")]
    assert "Ini alamat basis data" in entry and 'type="unfinished"' not in entry


def test_a_server_locked_by_the_unit_is_read_only_and_offers_no_demo(qtbot: QtBot, tmp_path: Path, ops: Ops) -> None:
    settings = settings_in(tmp_path, policy={"server_url": "https://aduan.unit.go.id"})
    dialog = SignInDialog(settings, MemoryCredentials(), ops)
    qtbot.addWidget(dialog)
    assert dialog.server.isReadOnly() and dialog.server.text() == "https://aduan.unit.go.id"
    assert not dialog.login.isReadOnly()
    assert not dialog.demo_button.isEnabled()
    unlocked = SignInDialog(settings_in(tmp_path / "free"), MemoryCredentials(), ops)
    qtbot.addWidget(unlocked)
    assert not unlocked.server.isReadOnly() and unlocked.demo_button.isEnabled()


def test_every_field_has_an_accessible_name_and_the_password_is_hidden(qtbot: QtBot, tmp_path: Path, ops: Ops) -> None:
    dialog = SignInDialog(settings_in(tmp_path), MemoryCredentials(), ops)
    qtbot.addWidget(dialog)
    assert all(edit.accessibleName() for edit in dialog.findChildren(QLineEdit))
    assert dialog.remember.accessibleName()
    assert dialog.password.echoMode() is QLineEdit.EchoMode.Password


def test_the_demo_button_opens_the_embedded_demo_and_forgets_the_server(
    qtbot: QtBot, tmp_path: Path, ops: Ops, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("desktop.store.engine.default_database_path", lambda: tmp_path / "embedded" / "aduan.db")
    monkeypatch.setattr("desktop.cache.database.platformdirs.user_data_dir", lambda *a, **k: str(tmp_path / "data"))
    settings = settings_in(tmp_path)
    settings.set("server_url", "https://aduan.unit.go.id")
    dialog = SignInDialog(settings, MemoryCredentials(), ops)
    qtbot.addWidget(dialog)
    dialog.show()
    with qtbot.waitSignal(dialog.accepted, timeout=30_000):
        dialog.demo_button.click()
    assert dialog.session is not None and dialog.session.demo and not dialog.offline
    assert settings_in(tmp_path).get("server_url") == "", "the next start opens the demo again"
    dialog.session.close()


def test_cancelling_while_connecting_leaves_no_session(qtbot: QtBot, tmp_path: Path, ops: Ops, org_url: str) -> None:
    dialog = SignInDialog(settings_in(tmp_path), MemoryCredentials(), ops)
    qtbot.addWidget(dialog)
    connect(qtbot, dialog, org_url, "ani", "")
    qtbot.waitUntil(lambda: dialog.connect_button.text() == "Connecting…", timeout=5_000)
    dialog.reject()
    qtbot.waitUntil(lambda: dialog.connect_button.text() == "Connect", timeout=15_000)
    assert dialog.session is None and dialog.result() == QDialog.DialogCode.Rejected


def test_an_officer_signs_in_to_the_aduan_server_and_only_its_session_is_kept(
    qtbot: QtBot, tmp_path: Path, ops: Ops, org_url: str
) -> None:
    """Through ``aduan server`` (a real process): the dialog explains a wrong password, then opens an online
    session whose keyring entry is the server's session for this computer, never the password."""
    owner = Store(org_url)
    owner.admin(accounts.reset_password, "ani", SERVER_PASSWORD)
    owner.dispose()
    credentials = MemoryCredentials()
    with running_server(org_url, tmp_path) as server:
        dialog = SignInDialog(settings_in(tmp_path), credentials, ops)
        qtbot.addWidget(dialog)
        connect(qtbot, dialog, server.url, "ani", "bukan-sandinya-1")
        qtbot.waitUntil(lambda: dialog.message.isVisible(), timeout=30_000)
        assert "refused this login or password" in dialog.message.text() and credentials.stored == {}
        dialog.password.setText(SERVER_PASSWORD)
        with qtbot.waitSignal(dialog.accepted, timeout=30_000):
            dialog.connect_button.click()
        session = dialog.session
        assert session is not None and not dialog.offline and session.store is None and session.has_mirror
        assert list(credentials.stored) == [(server.url, session_entry("ani"))]
        assert SERVER_PASSWORD not in credentials.stored.values()
        assert settings_in(tmp_path).get("server_url") == server.url
        session.close()


def test_a_refusal_makes_the_dialog_grow_and_never_squashes_the_fields(qtbot: QtBot, tmp_path: Path, ops: Ops) -> None:
    """Issue 17: after an error the fields were squashed to make room for the message."""
    dialog = SignInDialog(settings_in(tmp_path), MemoryCredentials(), ops)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    heights = [field.height() for field in (dialog.server, dialog.login, dialog.password)]
    before = dialog.height()
    dialog.server.setText("https://petugas:rahasia@aduan.unit.go.id")
    dialog.connect_button.click()
    qtbot.waitUntil(dialog.message.isVisible)
    qtbot.wait(50)  # the layout settles
    assert [field.height() for field in (dialog.server, dialog.login, dialog.password)] == heights
    assert all(field.height() >= field.sizeHint().height() for field in (dialog.server, dialog.login))
    assert dialog.height() > before
    message = dialog.message
    assert message.height() >= message.heightForWidth(message.width())  # the whole message shows
