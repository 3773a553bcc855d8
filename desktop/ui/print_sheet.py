"""Printing a report as a disposition sheet (*lembar disposisi*), on paper or to PDF.

The content is the view's (``views/disposition_sheet.py``) and the history the server's (read as the History
tab reads it); here they become HTML for a ``QTextDocument``, which prints through ``QPrinter`` — the system's
print dialog for paper, ``PdfFormat`` for a file. Everything written by people (subjects, messages, names) is
escaped: it is shown as written, never as markup.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from uuid import UUID

from PySide6.QtCore import QCoreApplication, QMarginsF, QObject
from PySide6.QtGui import QPageLayout, QPageSize, QTextDocument
from PySide6.QtPrintSupport import QPrintDialog, QPrinter
from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from ..domain.audit import AuditEntry
from ..domain.errors import AduanError, Unreachable
from ..sync.session import Session
from ..views.disposition_sheet import DispositionSheet, EntryKind, ReporterShown, SheetEntry, load_disposition_sheet
from .errors import describe
from .history_view import entry_where, entry_who, entry_words, load_history, offline_text
from .labels import channel_label, kind_label, local_time, priority_label, status_label
from .ops import Ops
from .plain import plain_to_html

BLANK_LINE = "_" * 40  # a line to write on, short enough not to wrap on A4


def _table(padding: int) -> str:
    """A ruled table across the page: a form to fill in, as on the paper sheets units file."""
    return f"<table width='100%' border='1' cellspacing='0' cellpadding='{padding}' style='border-collapse: collapse'>"


def _heading(text: str) -> str:
    return f"<h3>{_text(text)}</h3>"


def _aside(text: str) -> str:
    return f"<p><i>{_text(text)}</i></p>"


def _text(value: str) -> str:
    """Plain text as HTML that keeps its line breaks."""
    return plain_to_html(value)


class SheetWriter(QObject):
    """The sheet in the window's language (its ``tr`` context is "SheetWriter")."""

    def html(self, sheet: DispositionSheet, history: list[AuditEntry] | None, history_problem: str = "") -> str:
        parts = [
            self._header(sheet),
            self._facts(sheet),
            self._thread(sheet),
            self._history(history, history_problem, sheet.names),
            self._disposition_box(),
            self._footer(sheet),
        ]
        return "<html><body style='font-size: 10pt'>" + "".join(parts) + "</body></html>"

    def _header(self, sheet: DispositionSheet) -> str:
        lines = [sheet.agency, sheet.unit_name] if sheet.agency else [sheet.unit_name]
        heads = "".join(f"<div align='center' style='font-size: 12pt'><b>{_text(line)}</b></div>" for line in lines)
        title = self.tr("DISPOSITION SHEET")
        return f"{heads}<hr/><h2 align='center'>{_text(title)}</h2>"

    def _facts(self, sheet: DispositionSheet) -> str:
        rows = [
            (self.tr("Report no."), sheet.tracking_no),
            (self.tr("Received"), local_time(sheet.created_at)),
            (self.tr("Channel"), channel_label(sheet.channel)),
            (self.tr("Reporter"), self._reporter(sheet)),
            (self.tr("Subject"), sheet.subject if not sheet.content_withheld else self.tr("(confidential)")),
            (self.tr("Kind"), kind_label(sheet.kind)),
            (self.tr("Category"), sheet.category or "—"),
            (self.tr("Priority"), priority_label(sheet.priority)),
            (self.tr("Status"), status_label(sheet.status)),
            (
                self.tr("First answer due"),
                local_time(sheet.first_response_due_at) if sheet.first_response_due_at else "—",
            ),
            (self.tr("Deadline"), local_time(sheet.due_at) if sheet.due_at else "—"),
            (self.tr("Handled by"), sheet.handler or "—"),
        ]
        cells = "".join(
            f"<tr><td width='28%'><b>{_text(label)}</b></td><td>{_text(value)}</td></tr>" for label, value in rows
        )
        return f"{_table(4)}{cells}</table>"

    def _reporter(self, sheet: DispositionSheet) -> str:
        if sheet.reporter is ReporterShown.NAMED and sheet.reporter_name:
            return sheet.reporter_name
        return {
            ReporterShown.CONFIDENTIAL: self.tr("Confidential (the name is not printed)"),
            ReporterShown.ANONYMOUS: self.tr("Anonymous"),
        }.get(sheet.reporter, self.tr("Not known"))

    def _thread(self, sheet: DispositionSheet) -> str:
        heading = _heading(self.tr("Conversation"))
        if sheet.content_withheld:
            why = self.tr("This report is confidential: its conversation is printed only for its handling unit.")
            return heading + f"<p><i>{_text(why)}</i></p>"
        if not sheet.entries:
            return heading + _aside(self.tr("No messages yet."))
        return heading + "".join(self._entry(e) for e in sheet.entries)

    def _entry(self, entry: SheetEntry) -> str:
        when = local_time(entry.at)
        if entry.kind is EntryKind.CITIZEN:
            title = self.tr("Reporter — %1, via %2").replace("%2", channel_label(entry.channel))
        elif entry.kind is EntryKind.REPLY:
            title = self.tr("Reply by %2 — %1").replace("%2", entry.author or "?")
        else:
            title = self.tr("Internal note by %2 — %1").replace("%2", entry.author or "?")
        title = title.replace("%1", when)
        body = _text(entry.text)
        if entry.kind is EntryKind.NOTE:
            body = f"<i>{body}</i>"
        return f"<p><b>{_text(title)}</b><br/>{body}</p>"

    def _history(self, history: list[AuditEntry] | None, problem: str, names: Mapping[str, str]) -> str:
        heading = _heading(self.tr("History"))
        if history is None:
            return heading + _aside(problem or self.tr("The history is not available."))
        if not history:
            return heading + _aside(self.tr("Nothing has been recorded for this report yet."))
        head = "".join(f"<th align='left'>{_text(h)}</th>" for h in (self.tr("When"), self.tr("Who"), self.tr("What")))
        rows = "".join(
            "<tr>"
            f"<td>{_text(local_time(e.created_at))}</td><td>{_text(names.get(e.officer or '', entry_who(e)))}</td>"
            f"<td>{_text(entry_words(e, dict(names)))} ({_text(entry_where(e))})</td>"
            "</tr>"
            for e in sorted(history, key=lambda e: (e.created_at, e.id))
        )
        return heading + f"{_table(3)}<tr>{head}</tr>{rows}</table>"

    def _disposition_box(self) -> str:
        choices = (
            self.tr("Follow up"),
            self.tr("Answer the reporter"),
            self.tr("Coordinate with"),
            self.tr("For information"),
            self.tr("File"),
        )
        ticks = " &nbsp; ".join("☐&nbsp;" + _text(c).replace(" ", "&nbsp;") for c in choices)  # a choice stays whole
        rows = [
            (self.tr("To"), BLANK_LINE),
            (self.tr("Instructions"), ticks + "<br/><br/>" + BLANK_LINE + "<br/><br/>" + BLANK_LINE),
            (self.tr("Date"), BLANK_LINE),
            (self.tr("Signature"), "<br/><br/><br/>" + BLANK_LINE),
        ]
        cells = "".join(f"<tr><td width='24%'><b>{_text(label)}</b></td><td>{value}</td></tr>" for label, value in rows)
        title = _text(self.tr("Disposition"))
        return f"<h3>{title}</h3>{_table(6)}{cells}</table>"

    def _footer(self, sheet: DispositionSheet) -> str:
        text = self.tr("Printed %1 by %2 from Aduan.").replace("%1", local_time(sheet.printed_at))
        text = text.replace("%2", sheet.printed_by or "?")
        return f"<p style='font-size: 8pt'><i>{_text(text)}</i></p>"


def sheet_document(html: str) -> QTextDocument:
    document = QTextDocument()
    document.setHtml(html)
    return document


def _a4(printer: QPrinter) -> None:
    printer.setPageLayout(
        QPageLayout(
            QPageSize(QPageSize.PageSizeId.A4),
            QPageLayout.Orientation.Portrait,
            QMarginsF(18, 15, 18, 15),
            QPageLayout.Unit.Millimeter,
        )
    )


def write_pdf(html: str, path: Path, title: str) -> None:
    """The sheet as a PDF file at ``path`` (A4)."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printer.setOutputFileName(str(path))
    printer.setDocName(title)
    printer.setCreator("Aduan")
    _a4(printer)
    sheet_document(html).print_(printer)


def print_with_dialog(parent: QWidget, html: str, title: str) -> QPrintDialog:
    """The system's print dialog (printer, copies, or "print to PDF" where the system offers it); prints
    when accepted. Returned open, non-modal for the event loop, so callers and tests can follow it."""
    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setDocName(title)
    _a4(printer)
    dialog = QPrintDialog(printer, parent)
    dialog.setObjectName("printDialog")
    dialog.setWindowTitle(QCoreApplication.translate("SheetWriter", "Print report %1").replace("%1", title))

    def finished(result: int) -> None:
        if result == QDialog.DialogCode.Accepted:
            sheet_document(html).print_(printer)
        dialog.deleteLater()

    dialog.finished.connect(finished)
    dialog.setModal(True)
    dialog.show()  # modal for the window, without a nested event loop (qasync's runs the window)
    return dialog


async def sheet_html(session: Session, ops: Ops, ticket_id: UUID) -> tuple[str, str]:
    """The sheet of ``ticket_id`` as HTML, with its history when the server answers; and its title."""
    sheet = await ops.db(load_disposition_sheet, session.cache, ticket_id)
    history: list[AuditEntry] | None = None
    problem = ""
    try:
        history = await ops.net(load_history, session, str(ticket_id))
    except Unreachable:
        problem = offline_text()
    except AduanError as exc:
        problem = describe(exc)
    return SheetWriter().html(sheet, history, problem), sheet.tracking_no


async def print_ticket(parent: QWidget, session: Session, ops: Ops, ticket_id: UUID) -> QPrintDialog:
    html, title = await sheet_html(session, ops, ticket_id)
    return print_with_dialog(parent, html, title)


async def save_ticket_pdf(
    parent: QWidget, session: Session, ops: Ops, ticket_id: UUID, path: Path | None = None
) -> Path | None:
    """Ask where (unless ``path`` is given), then write the sheet there; the file written, or None."""
    html, title = await sheet_html(session, ops, ticket_id)
    if path is None:
        caption = QCoreApplication.translate("SheetWriter", "Save report %1 as PDF").replace("%1", title)
        chosen, _filter = QFileDialog.getSaveFileName(parent, caption, f"{title}.pdf", "PDF (*.pdf)")
        if not chosen:
            return None
        path = Path(chosen)
    write_pdf(html, path, title)
    return path
