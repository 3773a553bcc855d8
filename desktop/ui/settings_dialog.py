"""The settings dialog: language, theme, sync interval, and the list of keyboard shortcuts.

Keys the unit's policy locks are shown, disabled, with "Set by your unit". After ``accept`` the caller
reads ``changed`` (the names whose value changed) to apply a new theme or sync interval at once.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QSpinBox,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from ..domain.errors import BadInput
from ..settings import DECLARED, MIN_SYNC_INTERVAL, Settings, Value
from . import actions
from .errors import describe
from .plain import plain_label

MAX_SYNC_INTERVAL = 3600
NOTIFICATION_SETTINGS = (
    "notify_assigned",
    "notify_mentioned",
    "notify_citizen_reply",
    "notify_deadlines",
    "notify_spikes",
)
Editor = QComboBox | QSpinBox | QCheckBox


class SettingsDialog(QDialog):
    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.settings = settings
        self.changed: set[str] = set()
        self.setObjectName("settingsDialog")
        self.setWindowTitle(self.tr("Settings"))

        self.language = QComboBox()
        # Language names are written in their own language, so an officer can find theirs in either.
        for label, value in (
            (self.tr("Automatic (system language)"), "auto"),
            ("Bahasa Indonesia", "id"),
            ("English", "en"),
        ):
            self.language.addItem(label, value)
        self.theme = QComboBox()
        for label, value in (
            (self.tr("Follow the system"), "system"),
            (self.tr("Light"), "light"),
            (self.tr("Dark"), "dark"),
        ):
            self.theme.addItem(label, value)
        self.interval = QSpinBox()
        self.interval.setRange(MIN_SYNC_INTERVAL, MAX_SYNC_INTERVAL)
        self.interval.setSuffix(self.tr(" s"))
        self.editors: dict[str, Editor] = {
            "language": self.language,
            "theme": self.theme,
            "sync_interval_seconds": self.interval,
        }
        # Desktop notifications: one switch each (the titles are the settings' own, in context "Settings").
        self.notifications = QGroupBox(self.tr("Desktop notifications"))
        self.notifications.setObjectName("notificationSettings")
        switches = QVBoxLayout(self.notifications)
        for name in NOTIFICATION_SETTINGS:
            title = QCoreApplication.translate("Settings", DECLARED[name].title)
            switch = QCheckBox(title)
            switch.setObjectName(name)
            switch.setAccessibleName(title)
            self.editors[name] = switch
            self._show_value(switch, settings.get(name))
            switches.addWidget(self._with_lock_note(name, switch))

        form = QFormLayout()
        for name, editor in self.editors.items():
            if isinstance(editor, QCheckBox):
                continue  # in their own group
            title = QCoreApplication.translate("Settings", DECLARED[name].title)
            editor.setAccessibleName(title)
            self._show_value(editor, settings.get(name))
            form.addRow(title + ":", self._with_lock_note(name, editor))
        restart = QLabel(self.tr("A new language takes effect when Aduan is started again."))
        restart.setWordWrap(True)
        form.addRow("", restart)

        self.shortcuts = self._shortcut_table()
        self.message = plain_label(name="settingsMessage", wrap=True)
        self.message.hide()
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self.save)
        buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(self.notifications)
        layout.addWidget(QLabel(self.tr("Keyboard shortcuts")))
        layout.addWidget(self.shortcuts)
        layout.addWidget(self.message)
        layout.addWidget(buttons)

    def _with_lock_note(self, name: str, editor: QWidget) -> QWidget:
        if not self.settings.locked(name):
            return editor
        editor.setEnabled(False)
        row = QWidget()
        box = QHBoxLayout(row)
        box.setContentsMargins(0, 0, 0, 0)
        box.addWidget(editor)
        note = QLabel(self.tr("Set by your unit"))
        note.setObjectName(f"locked_{name}")
        box.addWidget(note)
        return row

    def _shortcut_table(self) -> QTableWidget:
        specs = [(name, spec) for name, spec in actions.REGISTRY.items() if spec.shortcut is not None]
        table = QTableWidget(len(specs), 2)
        table.setObjectName("shortcutTable")
        table.setAccessibleName(self.tr("Keyboard shortcuts"))
        table.setHorizontalHeaderLabels([self.tr("Command"), self.tr("Shortcut")])
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.verticalHeader().hide()
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for row, (name, spec) in enumerate(specs):
            assert spec.shortcut is not None
            keys = QKeySequence(spec.shortcut).toString(QKeySequence.SequenceFormat.NativeText)
            table.setItem(row, 0, QTableWidgetItem(actions.text(name).replace("…", "")))
            table.setItem(row, 1, QTableWidgetItem(keys))
        return table

    @staticmethod
    def _show_value(editor: Editor, value: Value) -> None:
        if isinstance(editor, QCheckBox):
            editor.setChecked(value == "on")
        elif isinstance(editor, QSpinBox):
            editor.setValue(int(value))
        else:
            editor.setCurrentIndex(max(0, editor.findData(value)))

    @staticmethod
    def _value(editor: Editor) -> Value:
        if isinstance(editor, QCheckBox):
            return "on" if editor.isChecked() else "off"
        if isinstance(editor, QSpinBox):
            return editor.value()
        return str(editor.currentData())

    def save(self) -> None:
        """Keep the new values (unlocked keys only) and close; a refused value is explained and kept."""
        changed = set()
        try:
            for name, editor in self.editors.items():
                value = self._value(editor)
                if self.settings.locked(name) or value == self.settings.get(name):
                    continue
                self.settings.set(name, value)
                changed.add(name)
            self.settings.save()
        except (BadInput, OSError) as exc:
            self.message.setText(describe(exc))
            self.message.show()
            return
        self.changed = changed
        self.accept()
