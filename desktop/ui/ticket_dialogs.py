"""Small dialogs of the ticket view: new status, transfer to a unit, taking over a claim.

Each checks its input before closing: a missing choice or a too-short reason is explained inside the
dialog and what was typed stays.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.claims import STEAL_REASON_MIN_CHARS
from ..domain.status import Status, allowed_next
from .labels import status_label
from .plain import plain_label


def normalised(text: str) -> str:
    return " ".join(text.split())


class CheckedDialog(QDialog):
    """OK closes only when ``problem()`` finds nothing; otherwise the problem shows in the dialog."""

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setModal(True)
        self.error = plain_label(name="dialogError", wrap=True)  # refusals may quote what came from outside
        self.error.setVisible(False)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.body = QVBoxLayout(self)

    def finish_layout(self) -> None:
        self.body.addWidget(self.error)
        self.body.addWidget(self.buttons)

    def problem(self) -> str:
        raise NotImplementedError

    def show_problem(self, text: str) -> None:
        self.error.setText(text)
        self.error.setVisible(bool(text))

    def accept(self) -> None:
        problem = self.problem()
        if problem:
            self.show_problem(problem)
            return
        super().accept()


class StatusDialog(CheckedDialog):
    """Offers only the statuses the current one may go to."""

    def __init__(self, current: Status, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Change status"))
        self.setObjectName("statusDialog")
        self.body.addWidget(plain_label(self.tr("Now: %1. Change to:").replace("%1", status_label(current))))
        self.choices = QListWidget()
        self.choices.setObjectName("statusChoices")
        self.choices.setAccessibleName(self.tr("New status"))
        order = list(Status)
        for target in sorted(allowed_next(current), key=order.index):
            item = QListWidgetItem(status_label(target))
            item.setData(Qt.ItemDataRole.UserRole, target.value)
            self.choices.addItem(item)
        self.choices.itemDoubleClicked.connect(self.accept)
        self.body.addWidget(self.choices)
        self.finish_layout()

    def chosen(self) -> Status | None:
        item = self.choices.currentItem()
        return None if item is None else Status(item.data(Qt.ItemDataRole.UserRole))

    def problem(self) -> str:
        return "" if self.chosen() is not None else self.tr("Choose the new status.")


class TransferDialog(CheckedDialog):
    """Another unit and the reason, which the receiving unit reads."""

    def __init__(self, units: list[tuple[str, str]], current_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transfer to another unit"))
        self.setObjectName("transferDialog")
        self.unit = QComboBox()
        self.unit.setObjectName("transferUnit")
        self.unit.setAccessibleName(self.tr("Unit"))
        self.unit.addItem(self.tr("Choose a unit…"), "")
        for code, name in units:
            if code != current_code:
                self.unit.addItem(f"{name} ({code})", code)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("transferReason")
        self.reason.setAccessibleName(self.tr("Reason for the transfer"))
        self.reason.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow(self.tr("Unit:"), self.unit)
        form.addRow(self.tr("Reason:"), self.reason)
        self.body.addLayout(form)
        self.finish_layout()

    def chosen(self) -> tuple[str, str]:
        return str(self.unit.currentData() or ""), normalised(self.reason.toPlainText())

    def problem(self) -> str:
        code, reason = self.chosen()
        if not code:
            return self.tr("Choose the unit that should handle this ticket.")
        if not reason:
            return self.tr("Give the reason for the transfer: the receiving unit reads it.")
        return ""


class StealDialog(CheckedDialog):
    """A supervisor takes over another officer's claim; the reason is recorded and the holder is told."""

    def __init__(self, holder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Take over the ticket"))
        self.setObjectName("stealDialog")
        explain = self.tr("%1 holds this ticket. Taking it over ends their claim; they are told why.")
        intro = plain_label(explain.replace("%1", holder), wrap=True)  # the holder's name is an officer's
        self.body.addWidget(intro)
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("stealReason")
        self.reason.setAccessibleName(self.tr("Reason for taking over"))
        self.reason.setTabChangesFocus(True)
        self.body.addWidget(self.reason)
        self.finish_layout()

    def chosen(self) -> str:
        return normalised(self.reason.toPlainText())

    def problem(self) -> str:
        if len(self.chosen()) < STEAL_REASON_MIN_CHARS:
            text = self.tr("Give a reason of at least %1 characters.")
            return text.replace("%1", str(STEAL_REASON_MIN_CHARS))
        return ""
