"""Small dialogs of the ticket view: new status, transfer to a unit, taking over a claim.

Each checks its input before closing: a missing choice or a too-short reason is explained inside the
dialog and what was typed stays.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from ..domain.claims import STEAL_REASON_MIN_CHARS
from ..domain.properties import STATUS_COMMENT_MAX_CHARS, PropertyChange
from ..domain.status import Status, allowed_next
from ..domain.vocabulary import Kind, Priority
from ..views.unit_tree import UnitNode
from .labels import kind_label, priority_label, status_label
from .plain import plain_label
from .unit_picker import UnitPicker


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
        # Why, in the officer's words: kept with the change and shown in the history.
        self.comment = QLineEdit()
        self.comment.setObjectName("statusComment")
        self.comment.setAccessibleName(self.tr("Comment for the history"))
        self.comment.setPlaceholderText(self.tr("Optional: why (shown in the history)"))
        self.comment.setMaxLength(STATUS_COMMENT_MAX_CHARS)
        form = QFormLayout()
        form.addRow(self.tr("&Comment:"), self.comment)
        self.body.addLayout(form)
        self.finish_layout()

    def chosen(self) -> Status | None:
        item = self.choices.currentItem()
        return None if item is None else Status(item.data(Qt.ItemDataRole.UserRole))

    def chosen_comment(self) -> str:
        return normalised(self.comment.text())

    def problem(self) -> str:
        return "" if self.chosen() is not None else self.tr("Choose the new status.")


class TransferDialog(CheckedDialog):
    """Another unit and the reason, which the receiving unit reads."""

    def __init__(
        self,
        units: list[tuple[str, str]],
        current_code: str,
        parent: QWidget | None = None,
        nodes: Sequence[UnitNode] = (),
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Transfer to another unit"))
        self.setObjectName("transferDialog")
        # A searchable tree in natural order (ui/unit_picker.py); ``nodes`` place the units under their parents.
        self.unit = UnitPicker(placeholder=True)
        self.unit.setObjectName("transferUnit")
        self.unit.setAccessibleName(self.tr("Unit"))
        self.unit.set_units(units, nodes, not_choosable=[current_code])
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
            return self.tr("Choose the unit that should handle this report.")
        if not reason:
            return self.tr("Give the reason for the transfer: the receiving unit reads it.")
        return ""


class StealDialog(CheckedDialog):
    """A supervisor takes over another officer's claim; the reason is recorded and the holder is told."""

    def __init__(self, holder: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Take over the report"))
        self.setObjectName("stealDialog")
        explain = self.tr("%1 holds this report. Taking it over ends their claim; they are told why.")
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


class CloseDialog(CheckedDialog):
    """Closing a report: the final answer to the reporter (unless one was sent after their last message) or the
    reason it closes without one, and a confirmation that the claim is released."""

    def __init__(self, target: Status, answered: bool, comment: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.target = target
        self.answered = answered
        self.setWindowTitle(self.tr("Close the report"))
        self.setObjectName("closeDialog")
        self.setMinimumWidth(520)  # the final answer is a letter to the reporter: lines of a readable length
        if answered:
            explain = self.tr("The reporter has had an answer. Close the report as “%1”? You let go of it then.")
        else:
            explain = self.tr(
                "The reporter has not had an answer since their last message. Write the final answer, or give "
                "the reason the report closes without one. Closing as “%1” lets go of the report."
            )
        self.body.addWidget(plain_label(explain.replace("%1", status_label(target)), wrap=True))
        form = QFormLayout()
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("closeAnswer")
        self.answer.setAccessibleName(self.tr("Final answer to the reporter"))
        self.answer.setTabChangesFocus(True)
        self.answer.setVisible(not answered)
        if not answered:
            form.addRow(self.tr("Final &answer:"), self.answer)
        self.reason = QLineEdit(comment)
        self.reason.setObjectName("closeReason")
        self.reason.setAccessibleName(self.tr("Reason for closing"))
        self.reason.setMaxLength(STATUS_COMMENT_MAX_CHARS)
        form.addRow(self.tr("&Reason:"), self.reason)
        self.body.addLayout(form)
        self.finish_layout()
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setText(self.tr("Close the report"))
        (self.reason if answered else self.answer).setFocus()

    def chosen(self) -> tuple[str | None, str | None]:
        """The final answer (None: none) and the reason (None: none)."""
        answer = "" if self.answered else self.answer.toPlainText().strip()
        return answer or None, normalised(self.reason.text()) or None

    def problem(self) -> str:
        answer, reason = self.chosen()
        if not self.answered and answer is None and reason is None:
            return self.tr("Write the final answer to the reporter, or give the reason for closing without one.")
        return ""


class PropertiesDialog(CheckedDialog):
    """Priority, kind and category of a report, corrected after intake."""

    def __init__(
        self,
        priority: Priority,
        kind: Kind,
        category: str | None,
        categories: list[str],
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.was = (priority, kind, category or "")
        self.setWindowTitle(self.tr("Priority, category and kind"))
        self.setObjectName("propertiesDialog")
        self.setMinimumWidth(400)  # room for the longer kinds and the unit's own category names
        self.priority = QComboBox()
        self.priority.setObjectName("propertiesPriority")
        self.priority.setAccessibleName(self.tr("Priority"))
        for value in Priority:
            self.priority.addItem(priority_label(value), int(value))
        self.priority.setCurrentIndex(self.priority.findData(int(priority)))
        self.kind = QComboBox()
        self.kind.setObjectName("propertiesKind")
        self.kind.setAccessibleName(self.tr("Kind"))
        for each_kind in Kind:
            self.kind.addItem(kind_label(each_kind), each_kind.value)
        self.kind.setCurrentIndex(self.kind.findData(kind.value))
        # The unit's own words: the categories in use are offered, a new one may be typed.
        self.category = QComboBox()
        self.category.setObjectName("propertiesCategory")
        self.category.setAccessibleName(self.tr("Category"))
        self.category.setEditable(True)
        self.category.setInsertPolicy(QComboBox.InsertPolicy.NoInsert)
        self.category.addItems(sorted({c for c in categories if c} | ({category} if category else set())))
        self.category.setEditText(category or "")
        form = QFormLayout()
        form.addRow(self.tr("&Priority:"), self.priority)
        form.addRow(self.tr("&Kind:"), self.kind)
        form.addRow(self.tr("&Category:"), self.category)
        self.body.addLayout(form)
        self.finish_layout()

    def chosen(self) -> PropertyChange:
        """Only what differs from the report as it was."""
        priority = Priority(int(self.priority.currentData()))
        kind = Kind(str(self.kind.currentData()))
        category = normalised(self.category.currentText())
        was_priority, was_kind, was_category = self.was
        return PropertyChange(
            priority if priority != was_priority else None,
            kind if kind != was_kind else None,
            category if category != was_category else None,
        )

    def problem(self) -> str:
        return "" if self.chosen().payload() else self.tr("Nothing was changed.")
