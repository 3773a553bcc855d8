"""The settings dialog: the officer's values are saved, the unit's locked ones cannot be touched."""

from __future__ import annotations

import json
from pathlib import Path

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QCheckBox, QLabel
from pytestqt.qtbot import QtBot

from desktop.settings import Settings
from desktop.ui import actions
from desktop.ui.settings_dialog import NOTIFICATION_SETTINGS, SettingsDialog


def settings_in(folder: Path, policy: dict[str, object] | None = None) -> Settings:
    policy_path = folder / "unit-policy.json"
    if policy is not None:
        policy_path.write_text(json.dumps(policy), encoding="utf-8")
    return Settings(policy_path, folder / "settings.json")


def test_changes_are_saved_and_reported(qtbot: QtBot, tmp_path: Path) -> None:
    settings = settings_in(tmp_path)
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert dialog.language.currentData() == "auto" and dialog.theme.currentData() == "system"
    assert dialog.interval.value() == 15 and dialog.interval.minimum() == 5
    dialog.language.setCurrentIndex(dialog.language.findData("id"))
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    with qtbot.waitSignal(dialog.accepted):
        dialog.save()
    assert dialog.changed == {"language", "theme"}
    assert json.loads(settings.user_path.read_text()) == {"language": "id", "theme": "dark"}
    reopened = SettingsDialog(settings_in(tmp_path))
    qtbot.addWidget(reopened)
    assert reopened.language.currentData() == "id" and reopened.theme.currentData() == "dark"


def test_keys_locked_by_the_unit_are_disabled_and_say_so(qtbot: QtBot, tmp_path: Path) -> None:
    settings = settings_in(tmp_path, policy={"sync_interval_seconds": 60, "language": "id"})
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    assert not dialog.interval.isEnabled() and dialog.interval.value() == 60
    assert not dialog.language.isEnabled() and dialog.language.currentData() == "id"
    assert dialog.theme.isEnabled()
    assert dialog.findChild(QLabel, "locked_sync_interval_seconds").text() == "Set by your unit"
    assert dialog.findChild(QLabel, "locked_theme") is None
    dialog.theme.setCurrentIndex(dialog.theme.findData("light"))
    dialog.save()
    assert dialog.changed == {"theme"}
    assert settings.get("sync_interval_seconds") == 60
    assert json.loads(settings.user_path.read_text()) == {"theme": "light"}


def test_a_save_that_fails_is_explained_and_the_dialog_stays(qtbot: QtBot, tmp_path: Path) -> None:
    folder = tmp_path / "not-a-folder"
    folder.write_text("a file where the settings folder should be", encoding="utf-8")
    dialog = SettingsDialog(Settings(tmp_path / "none.json", folder / "settings.json"))
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    dialog.save()
    assert dialog.isVisible() and dialog.message.isVisible() and dialog.message.text()
    assert dialog.theme.currentData() == "dark", "what the officer chose stays in the dialog"


def test_the_shortcut_table_lists_the_registry(qtbot: QtBot, tmp_path: Path) -> None:
    dialog = SettingsDialog(settings_in(tmp_path))
    qtbot.addWidget(dialog)
    table = dialog.shortcuts
    rows = {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}
    with_keys = [name for name, spec in actions.REGISTRY.items() if spec.shortcut is not None]
    assert len(rows) == len(with_keys)
    assert rows["Claim"] == QKeySequence("Ctrl+K").toString(QKeySequence.SequenceFormat.NativeText)
    assert rows["Take the next one"] == QKeySequence("Ctrl+J").toString(QKeySequence.SequenceFormat.NativeText)
    assert table.editTriggers() == table.EditTrigger.NoEditTriggers
    assert all(editor.accessibleName() for editor in dialog.editors.values())


def test_each_desktop_notification_can_be_turned_off(qtbot: QtBot, tmp_path: Path) -> None:
    settings = settings_in(tmp_path, policy={"notify_deadlines": "on"})
    dialog = SettingsDialog(settings)
    qtbot.addWidget(dialog)
    switches = {name: dialog.findChild(QCheckBox, name) for name in NOTIFICATION_SETTINGS}
    assert all(switch is not None and switch.isChecked() for switch in switches.values())
    assert not switches["notify_deadlines"].isEnabled(), "the unit keeps deadline warnings on"
    switches["notify_mentioned"].setChecked(False)
    dialog.save()
    assert dialog.changed == {"notify_mentioned"}
    assert json.loads(settings.user_path.read_text()) == {"notify_mentioned": "off"}
    assert settings.get("notify_mentioned") == "off" and settings.get("notify_assigned") == "on"
