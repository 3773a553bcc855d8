"""Passwords from the window, through a real ``aduan server``: an officer changes hers (the old one no longer
signs in, the new one does, and her session here stays); mistakes are said in the dialog; an admin resets an
officer's password to a generated one, shown once with a copy button, or to one he types — through the
server or directly on the database. The menu offers each to whom it is for."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
import requests
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QLabel
from pytestqt.qtbot import QtBot

from desktop.security.credentials import MemoryCredentials
from desktop.settings import Settings
from desktop.sync.session import Session
from desktop.ui.main_window import MainWindow
from desktop.ui.ops import Ops
from desktop.ui.password_dialogs import ChangePasswordDialog, ResetPasswordDialog
from tests.ui.conftest import session_for
from tests.ui.server_world import PASSWORD, Served, served_world, signed_in

TIMEOUT = 20_000
NEW_PASSWORD = "sandi-baru-ani-2026"


@pytest.fixture
def served(org_url: str, tmp_path: Path) -> Iterator[Served]:
    yield from served_world(org_url, tmp_path)


def signs_in(served: Served, login: str, password: str) -> bool:
    answer = requests.post(
        f"{served.server.url}/v1/sessions",
        json={"login": login, "password": password, "device": f"{login}-laptop"},
        timeout=30,
    )
    if answer.status_code == 401:
        return False
    answer.raise_for_status()
    return True


def change_dialog(qtbot: QtBot, session: Session, ops: Ops) -> ChangePasswordDialog:
    dialog = ChangePasswordDialog(session, ops)
    qtbot.addWidget(dialog)
    dialog.open()
    return dialog


def fill(dialog: ChangePasswordDialog, current: str, new: str, repeat: str) -> None:
    dialog.current.setText(current)
    dialog.new.setText(new)
    dialog.repeat.setText(repeat)
    dialog.change_button.click()


def test_an_officer_changes_her_password_through_the_server(
    qtbot: QtBot, served: Served, ops: Ops, tmp_path: Path
) -> None:
    ani = signed_in(served, "ani", tmp_path)
    try:
        dialog = change_dialog(qtbot, ani, ops)
        # Said at once, in words, without asking the server; what was typed stays.
        for new, repeat, said in (
            ("pendek", "pendek", "The new password is too short: use at least 10 characters."),
            ("aaaaaaaaaaaa", "aaaaaaaaaaaa", "The new password is one character repeated: choose another."),
            ("ANI", "ANI", "The new password is too short: use at least 10 characters."),
            (NEW_PASSWORD, NEW_PASSWORD + "x", "The two new passwords differ: type the same one twice."),
        ):
            fill(dialog, PASSWORD, new, repeat)
            assert dialog.error.isVisible() and dialog.error.text() == said
            assert dialog.isVisible() and dialog.new.text() == new
        fill(dialog, "bukan-sandi-lama", NEW_PASSWORD, NEW_PASSWORD)  # the server decides on this one
        qtbot.waitUntil(dialog.error.isVisible, timeout=TIMEOUT)
        assert dialog.error.text() == "The current password is wrong. Nothing was changed."
        assert dialog.isVisible() and dialog.change_button.isEnabled()
        assert served.password_works("ani", PASSWORD)

        with qtbot.waitSignal(dialog.accepted, timeout=TIMEOUT):
            fill(dialog, PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
        assert not signs_in(served, "ani", PASSWORD)
        assert signs_in(served, "ani", NEW_PASSWORD)
        ani.engine.sync()  # the session the change was made through stays signed in
    finally:
        ani.close()


def test_out_of_reach_the_dialog_says_nothing_was_changed(
    qtbot: QtBot, served: Served, ops: Ops, tmp_path: Path
) -> None:
    ani = signed_in(served, "ani", tmp_path)
    try:
        served.server.stop()
        dialog = change_dialog(qtbot, ani, ops)
        fill(dialog, PASSWORD, NEW_PASSWORD, NEW_PASSWORD)
        qtbot.waitUntil(dialog.error.isVisible, timeout=TIMEOUT)
        said = "The server cannot be reached, so the password was not changed. Try again when connected."
        assert dialog.error.text() == said
        assert dialog.isVisible() and dialog.new.text() == NEW_PASSWORD and dialog.change_button.isEnabled()
        assert served.password_works("ani", PASSWORD)
    finally:
        ani.close()


def test_the_login_as_password_is_refused_in_the_dialog(qtbot: QtBot, org_url: str, ops: Ops, tmp_path: Path) -> None:
    budi = session_for(org_url, "budi", tmp_path)  # the check is the dialog's own: no server needed
    try:
        dialog = change_dialog(qtbot, budi, ops)
        fill(dialog, PASSWORD, "Budi", "Budi")
        assert dialog.error.text() == "The new password is too short: use at least 10 characters."
        budi.login = "budisantoso"
        fill(dialog, PASSWORD, "BudiSantoso", "BudiSantoso")
        assert dialog.error.text() == "The new password is the login: choose another."
        fill(dialog, "", NEW_PASSWORD, NEW_PASSWORD)
        assert dialog.error.text() == "Type your current password."
    finally:
        budi.login = "budi"
        budi.close()


def reset_dialog(qtbot: QtBot, session: Session, ops: Ops) -> ResetPasswordDialog:
    dialog = ResetPasswordDialog(session, ops)
    qtbot.addWidget(dialog)
    dialog.open()
    qtbot.waitUntil(lambda: dialog.officers is not None or dialog.error.isVisible(), timeout=TIMEOUT)
    assert dialog.officers is not None, dialog.error.text()
    return dialog


def choose(dialog: ResetPasswordDialog, login: str) -> None:
    dialog.officer.setCurrentIndex(dialog.officer.findData(login))


def test_an_admin_resets_a_password_and_the_generated_one_is_shown_once(
    qtbot: QtBot, served: Served, ops: Ops, tmp_path: Path
) -> None:
    adi = signed_in(served, "adi", tmp_path)
    try:
        dialog = reset_dialog(qtbot, adi, ops)
        offered = [dialog.officer.itemData(i) for i in range(dialog.officer.count())]
        assert sorted(offered) == ["ani", "budi", "rudi", "sari"]  # his own is changed, not reset
        assert dialog.officer.itemText(offered.index("sari")) == "Sari Lestari (sari) — Supervisor"
        choose(dialog, "ani")
        assert dialog.generate.isChecked() and not dialog.password.isEnabled()
        assert not dialog.shown_password.isVisibleTo(dialog)
        dialog.reset_button.click()
        qtbot.waitUntil(lambda: dialog.generated is not None, timeout=TIMEOUT)

        generated = dialog.generated
        assert generated is not None and len(generated) >= 16
        assert dialog.shown_password.isVisibleTo(dialog) and dialog.shown_password.text() == generated
        assert dialog.shown_password.isReadOnly()
        assert dialog.done_text.text() == "The password of Ani Wijaya (ani) was reset to:"
        assert dialog.warning.isVisibleTo(dialog)
        assert "shown only once" in dialog.findChild(QLabel, "onlyOnceWarning").text()
        assert not dialog.reset_button.isVisibleTo(dialog)  # done: it cannot be reset again from here
        dialog.copy_button.click()
        assert QGuiApplication.clipboard().text() == generated
        assert not signs_in(served, "ani", PASSWORD)
        assert signs_in(served, "ani", generated)

        dialog.close_buttons.rejected.emit()
        assert dialog.shown_password.text() == "" and dialog.generated is None  # kept nowhere
        again = reset_dialog(qtbot, adi, ops)
        assert not again.done_page.isVisibleTo(again) and again.shown_password.text() == ""
    finally:
        QGuiApplication.clipboard().clear()
        adi.close()


def test_an_admin_sets_a_typed_password_directly_on_the_database(
    qtbot: QtBot, served: Served, ops: Ops, tmp_path: Path
) -> None:
    adi = session_for(served.db_url, "adi", tmp_path)  # the embedded way: commands run on the database
    try:
        dialog = reset_dialog(qtbot, adi, ops)
        choose(dialog, "budi")
        dialog.typed.setChecked(True)
        assert dialog.password.isEnabled() and dialog.repeat.isEnabled()
        dialog.password.setText("pendek")
        dialog.repeat.setText("pendek")
        dialog.reset_button.click()
        assert dialog.error.text() == "The new password is too short: use at least 10 characters."
        dialog.password.setText("sandi-baru-budi-1")
        dialog.repeat.setText("sandi-baru-budi-1")
        dialog.reset_button.click()
        qtbot.waitUntil(lambda: dialog.done_page.isVisibleTo(dialog), timeout=TIMEOUT)
        assert dialog.done_text.text().startswith("The password of Budi Santoso (budi) was reset.")
        assert not dialog.shown_password.isVisibleTo(dialog) and dialog.generated is None
        assert served.password_works("budi", "sandi-baru-budi-1")
        assert not served.password_works("budi", PASSWORD)
    finally:
        adi.close()


def test_a_refusal_is_said_in_the_reset_dialog(qtbot: QtBot, served: Served, ops: Ops, tmp_path: Path) -> None:
    sari = signed_in(served, "sari", tmp_path)  # a supervisor lists officers, but only admins reset
    try:
        dialog = reset_dialog(qtbot, sari, ops)
        choose(dialog, "rudi")
        dialog.reset_button.click()
        qtbot.waitUntil(dialog.error.isVisible, timeout=TIMEOUT)
        assert dialog.error.text() == "Your role does not allow this. Ask your supervisor."
        assert not dialog.done_page.isVisibleTo(dialog) and dialog.reset_button.isEnabled()
        assert served.password_works("rudi", PASSWORD)
    finally:
        sari.close()


def window_for(qtbot: QtBot, session: Session, tmp_path: Path) -> tuple[MainWindow, Ops]:
    settings = Settings(policy_path=tmp_path / "no-policy.json", user_path=tmp_path / "settings.json")
    ops = Ops()
    window = MainWindow(session, ops, settings, MemoryCredentials())
    qtbot.addWidget(window)
    return window, ops


def test_the_menu_offers_the_change_through_the_server_and_the_reset_to_admins(
    qtbot: QtBot, served: Served, tmp_path: Path
) -> None:
    for login, through_server, change, reset in (
        ("ani", True, True, False),
        ("adi", True, True, True),
        ("adi", False, False, True),  # directly: no password of his own to change, officers' to reset
    ):
        folder = tmp_path / f"{login}-{through_server}"
        folder.mkdir()
        session = signed_in(served, login, folder) if through_server else session_for(served.db_url, login, folder)
        window, ops = window_for(qtbot, session, folder)
        try:
            with qtbot.waitSignal(window.sync.finished, timeout=TIMEOUT):
                window.show()
            checked = window._update_role_actions()
            qtbot.waitUntil(checked.done, timeout=TIMEOUT)
            assert window.change_password_action.isVisible() is change, login
            assert window.reset_password_action.isVisible() is reset, login
            if change:
                window.change_password_action.trigger()
                qtbot.waitUntil(lambda: window.findChild(ChangePasswordDialog) is not None, timeout=TIMEOUT)  # noqa: B023
            if reset:
                window.reset_password_action.trigger()
                qtbot.waitUntil(lambda: window.findChild(ResetPasswordDialog) is not None, timeout=TIMEOUT)  # noqa: B023
        finally:
            window.sync.stop()
            window.close()
            ops.shutdown()
            session.close()
