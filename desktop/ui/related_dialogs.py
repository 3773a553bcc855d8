"""Dialogs for duplicates and work across units: choose a master, answer a family, send a ticket back as
not our authority, refer it to a unit, answer a referral.

They stay open until the desk has taken the work: the view that opened one hears ``submitted``, queues
the action, and then either closes the dialog (``succeeded``) or shows the desk's refusal inside it
(``refused``). A refusal therefore never loses what the officer typed or chose.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from uuid import UUID

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QWidget,
)

from ..domain.duplicates import Reason, SimilarTicket
from ..views.canned import CannedResponse
from ..views.families import BulkPreview
from ..views.referrals import CachedReferral
from .labels import status_label
from .plain import SafeBrowser, plain_label, plain_to_html
from .ticket_dialogs import CheckedDialog, normalised


def similar_reason(ticket: SimilarTicket) -> str:
    """Why a ticket is offered as similar, in words, with how alike the texts are."""
    score = str(round(ticket.score * 100))
    if ticket.reason is Reason.SAME_REPORTER:
        return QCoreApplication.translate("Related", "Same reporter (text %1% alike)").replace("%1", score)
    return QCoreApplication.translate("Related", "Similar text (%1% alike)").replace("%1", score)


def _intro(text: str) -> QLabel:
    return plain_label(text, wrap=True)


class ActingDialog(CheckedDialog):
    """OK checks the input (``problem()``), then asks the opening view to act; it closes only on success."""

    submitted = Signal()

    def __init__(self, parent: QWidget | None) -> None:
        super().__init__(parent)
        self.busy = False

    @property
    def ok_button(self) -> QPushButton:
        return self.buttons.button(QDialogButtonBox.StandardButton.Ok)

    def accept(self) -> None:
        if self.busy:
            return  # the desk is still deciding about the last OK
        problem = self.problem()
        if problem:
            self.refused(problem)
            return
        self.busy = True
        self.ok_button.setEnabled(False)
        self.submitted.emit()

    def refused(self, text: str) -> None:
        self.busy = False
        self.ok_button.setEnabled(True)
        self.show_problem(text)

    def succeeded(self) -> None:
        self.busy = False
        QDialog.accept(self)  # past the check: the desk has accepted the work


@dataclass(frozen=True, slots=True)
class Candidate:
    """A ticket offered as master: its id, a first line (tracking number and subject), a line on why."""

    ticket_id: UUID
    title: str
    why: str


def similar_candidate(ticket: SimilarTicket) -> Candidate:
    extra = [status_label(ticket.status), similar_reason(ticket)]
    if ticket.master_id is not None:
        extra.append(QCoreApplication.translate("Related", "a duplicate: its master is used"))
    return Candidate(
        ticket.ticket_id, f"{ticket.tracking_no or ticket.ticket_id} — {ticket.subject}", " · ".join(extra)
    )


class MasterDialog(ActingDialog):
    """The master for "mark as duplicate" or "merge": one of the offered tickets, or a typed tracking number."""

    def __init__(
        self,
        candidates: Sequence[Candidate],
        merging: bool,
        preselected: UUID | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.merging = merging
        self.setObjectName("mergeDialog" if merging else "linkDialog")
        if merging:
            self.setWindowTitle(self.tr("Merge into another report"))
            intro = self.tr(
                "This report becomes a duplicate of the report you choose and is archived; your claim on it "
                "ends. The citizen is answered with the master's family."
            )
        else:
            self.setWindowTitle(self.tr("Mark as duplicate"))
            intro = self.tr(
                "This report becomes a duplicate of the report you choose; it stays open and is answered "
                "with the master's family. A duplicate chosen as master stands for its own master."
            )
        self.body.addWidget(_intro(intro))
        self.choices = QListWidget()
        self.choices.setObjectName("masterChoices")
        self.choices.setAccessibleName(self.tr("Reports to choose from"))
        for candidate in candidates:
            item = QListWidgetItem(f"{candidate.title}\n{candidate.why}")
            item.setData(Qt.ItemDataRole.UserRole, str(candidate.ticket_id))
            self.choices.addItem(item)
            if candidate.ticket_id == preselected:
                self.choices.setCurrentItem(item)
        self.choices.itemDoubleClicked.connect(lambda _item: self.accept())
        self.empty = plain_label(self.tr("No similar reports were found on this computer: type the tracking number."))
        self.empty.setVisible(not candidates)
        self.choices.setVisible(bool(candidates))
        self.tracking = QLineEdit()
        self.tracking.setObjectName("masterTracking")
        self.tracking.setAccessibleName(self.tr("Tracking number of the master report"))
        self.tracking.setPlaceholderText("ADU-2026-000123")
        self.tracking.textEdited.connect(lambda text: self.choices.clearSelection() if text.strip() else None)
        self.choices.itemClicked.connect(lambda _item: self.tracking.clear())
        self.body.addWidget(self.choices)
        self.body.addWidget(self.empty)
        form = QFormLayout()
        form.addRow(self.tr("Or tracking number:"), self.tracking)
        self.body.addLayout(form)
        self.finish_layout()
        self.resize(560, 380)

    def chosen(self) -> str:
        """The master as the desk takes it: a typed tracking number wins over the list."""
        typed = self.tracking.text().strip()
        if typed:
            return typed
        selected = self.choices.selectedItems()
        return str(selected[0].data(Qt.ItemDataRole.UserRole)) if selected else ""

    def problem(self) -> str:
        return "" if self.chosen() else self.tr("Choose the master report from the list or type its tracking number.")


class BulkAnswerDialog(ActingDialog):
    """One canned answer to the master and every open or merged duplicate, each citizen's own text shown
    before anything is queued."""

    preview_wanted = Signal(str)  # the canned response's key

    def __init__(self, responses: Sequence[CannedResponse], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Answer all linked reports"))
        self.setObjectName("bulkAnswerDialog")
        self.preview: BulkPreview | None = None
        self.body.addWidget(
            _intro(
                self.tr(
                    "Each citizen of this family gets the canned response filled in for their own report. "
                    "A duplicate another officer holds is handed over to them instead."
                )
            )
        )
        self.canned = QComboBox()
        self.canned.setObjectName("bulkCanned")
        self.canned.setAccessibleName(self.tr("Canned response"))
        self.canned.addItem(self.tr("Choose a canned response…"), "")
        for response in responses:
            self.canned.addItem(response.title, response.key)
        self.canned.currentIndexChanged.connect(self._canned_changed)
        self.summary = plain_label(name="bulkSummary", wrap=True)
        self.texts = SafeBrowser()
        self.texts.setObjectName("bulkPreview")
        self.texts.setAccessibleName(self.tr("What each citizen receives"))
        form = QFormLayout()
        form.addRow(self.tr("Answer with:"), self.canned)
        self.body.addLayout(form)
        self.body.addWidget(self.summary)
        self.body.addWidget(self.texts, 1)
        self.finish_layout()
        self.ok_button.setText(self.tr("Send to all"))
        self.ok_button.setEnabled(False)
        if not responses:
            self.summary.setText(
                self.tr("There are no canned responses for this unit yet: a supervisor adds them first.")
            )
        self.resize(640, 520)

    def key(self) -> str:
        return str(self.canned.currentData() or "")

    def _canned_changed(self, _index: int) -> None:
        self.preview = None
        self.texts.clear()
        self.summary.clear()
        self.refused("")
        self.ok_button.setEnabled(False)
        if self.key():
            self.summary.setText(self.tr("Preparing the answers…"))
            self.preview_wanted.emit(self.key())

    def show_preview(self, preview: BulkPreview) -> None:
        if preview.canned_key != self.key():
            return  # the officer chose another response meanwhile
        self.preview = preview
        sent = [m for m in preview.members if not m.handed_over]
        handed = [m for m in preview.members if m.handed_over]
        summary = self.tr("%1 citizen(s) get this answer now.").replace("%1", str(len(sent)))
        if handed:
            summary += " " + self.tr("%1 handed over to the officers who hold them.").replace("%1", str(len(handed)))
        self.summary.setText(summary)
        parts = []
        for member in preview.members:
            if member.handed_over:
                fate = self.tr("handed over to %1, who holds it").replace("%1", member.holder_login or "?")
            else:
                fate = self.tr("sent to the citizen")
            heading = f"<b>{plain_to_html(member.tracking_no)}</b> — {plain_to_html(fate)}"
            text = plain_to_html(member.text)
            parts.append(f"<p>{heading}</p><blockquote>{text}</blockquote>")
        self.texts.setHtml("".join(parts))
        self.ok_button.setEnabled(True)

    def preview_failed(self, key: str, text: str) -> None:
        if key != self.key():
            return
        self.summary.clear()
        self.refused(text)
        self.ok_button.setEnabled(False)

    def problem(self) -> str:
        if not self.key():
            return self.tr("Choose the canned response to answer with.")
        if self.preview is None:
            return self.tr("Wait until each citizen's answer is shown.")
        return ""


class NotOursDialog(ActingDialog):
    """Bukan wewenang: the ticket goes back to disposition with the reason; the claim ends."""

    def __init__(self, tracking_no: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Not our authority"))
        self.setObjectName("notOursDialog")
        explain = self.tr(
            '%1 goes back to the unit that disposes of reports, marked "Not our authority", so that it can '
            "be sent to the right unit. Your claim on it ends."
        )
        self.body.addWidget(_intro(explain.replace("%1", tracking_no)))
        self.reason = QPlainTextEdit()
        self.reason.setObjectName("notOursReason")
        self.reason.setAccessibleName(self.tr("Why this is not our authority"))
        self.reason.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow(self.tr("Reason:"), self.reason)
        self.body.addLayout(form)
        self.finish_layout()
        self.resize(480, 300)

    def chosen(self) -> str:
        return normalised(self.reason.toPlainText())

    def problem(self) -> str:
        return "" if self.chosen() else self.tr("Give the reason: the unit that receives the report back reads it.")


class ReferDialog(ActingDialog):
    """Ask another unit about the ticket; it stays here, the answer comes back as a note."""

    def __init__(self, units: Sequence[tuple[str, str]], current_code: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Refer to another unit"))
        self.setObjectName("referDialog")
        self.body.addWidget(
            _intro(
                self.tr(
                    "The unit sees your question with the report's subject and first message, not the report "
                    "itself. The report stays with you; the answer arrives as an internal note."
                )
            )
        )
        self.unit = QComboBox()
        self.unit.setObjectName("referUnit")
        self.unit.setAccessibleName(self.tr("Unit to ask"))
        self.unit.addItem(self.tr("Choose a unit…"), "")
        for code, name in units:
            if code != current_code:
                self.unit.addItem(f"{name} ({code})", code)
        self.question = QPlainTextEdit()
        self.question.setObjectName("referQuestion")
        self.question.setAccessibleName(self.tr("Question to the unit"))
        self.question.setTabChangesFocus(True)
        form = QFormLayout()
        form.addRow(self.tr("Unit:"), self.unit)
        form.addRow(self.tr("Question:"), self.question)
        self.body.addLayout(form)
        self.finish_layout()
        self.resize(520, 360)

    def chosen(self) -> tuple[str, str]:
        return str(self.unit.currentData() or ""), self.question.toPlainText().strip()

    def problem(self) -> str:
        code, question = self.chosen()
        if not code:
            return self.tr("Choose the unit to ask.")
        if not question:
            return self.tr("Write the question for the unit.")
        return ""


class AnswerReferralDialog(ActingDialog):
    """The referred unit's answer; it becomes an internal note on the ticket, for the officer who asked."""

    def __init__(self, referral: CachedReferral, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.referral_id = referral.id
        self.setWindowTitle(self.tr("Answer a referral"))
        self.setObjectName("answerReferralDialog")
        asked = self.tr("%1 (%2) asks about %3:")
        asked = asked.replace("%1", referral.asked_by or "?").replace("%2", referral.from_unit or "?")
        asked = asked.replace("%3", referral.tracking_no or str(referral.ticket_id))
        question = plain_label(f"{asked}\n{referral.question}", "answerQuestion", wrap=True, selectable=True)
        self.body.addWidget(question)
        self.answer = QPlainTextEdit()
        self.answer.setObjectName("referralAnswer")
        self.answer.setAccessibleName(self.tr("Your answer"))
        self.answer.setTabChangesFocus(True)
        self.body.addWidget(self.answer, 1)
        self.finish_layout()
        self.resize(520, 320)

    def chosen(self) -> str:
        return self.answer.toPlainText().strip()

    def problem(self) -> str:
        return "" if self.chosen() else self.tr("Write the answer: it becomes a note on the report.")
