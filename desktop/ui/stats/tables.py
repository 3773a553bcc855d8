"""The statistics' tables (backlog, service levels, the volumes behind the chart) and their export.

Every count in a cell is one the server sent; the window adds only what reads off those counts at a glance:
the totals of the backlog (sums of its cells) and a clock's "met %" (met ÷ (met + breached)), both the
way ``aduan stats`` writes them. A table is exported as it is shown: to CSV in UTF-8 with a byte-order mark,
so that Excel opens the Indonesian words right, or to an Excel workbook whose figures are numbers a spreadsheet
adds up. Either way a text that a spreadsheet would take for a formula stays text (``domain/spreadsheet.py``)."""

from __future__ import annotations

import csv
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem, QWidget

from ...domain.spreadsheet import spreadsheet_safe
from ...reports.recap import Cell, RecapTable
from ...reports.recap_xlsx import write_table_xlsx
from ..plain import plain_tooltip

NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
# A table, the object name of its save button and the start of the file's suggested name: the table with the
# button below it (``StatsWindow.with_export``).
Exported = Callable[[QTableWidget, str, str], QWidget]
NUMERIC_FROM = "aduanNumericFrom"  # the table's property: its first column of figures, as ``shown_rows`` reads it
BOLD_ROWS = "aduanBoldRows"  # the table's property: its rows of sums


def figure_table(name: str, accessible: str) -> QTableWidget:
    table = QTableWidget(0, 0)
    table.setObjectName(name)
    table.setAccessibleName(accessible)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.setAlternatingRowColors(True)
    table.setWordWrap(False)
    return table


def fill(
    table: QTableWidget,
    headers: list[str],
    rows: list[list[str]],
    numeric_from: int,
    bold: set[int],
    stretch: bool = False,
) -> None:
    """``rows`` of texts; columns from ``numeric_from`` on are numbers (right-aligned); rows in ``bold`` are
    sums or a unit's whole line. ``stretch``: the columns share the table's width (a table of few columns)."""
    table.clear()
    table.setProperty(NUMERIC_FROM, numeric_from)
    table.setProperty(BOLD_ROWS, sorted(bold))
    table.setColumnCount(len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.setRowCount(len(rows))
    for r, cells in enumerate(rows):
        for c, text in enumerate(cells):
            item = QTableWidgetItem(text)
            item.setToolTip(plain_tooltip(text))
            if c >= numeric_from:
                item.setTextAlignment(NUMBER)
            if r in bold:
                font = item.font()
                font.setBold(True)
                item.setFont(font)
            table.setItem(r, c, item)
    table.resizeColumnsToContents()
    header = table.horizontalHeader()
    header.setDefaultAlignment(Qt.AlignmentFlag.AlignCenter)
    header.setSectionResizeMode(QHeaderView.ResizeMode.Stretch if stretch else QHeaderView.ResizeMode.Interactive)
    if stretch and headers:
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)  # the names, whole
    header.setStretchLastSection(False)


def shown_rows(table: QTableWidget) -> list[list[str]]:
    """The table as it reads: its header, then each row's texts (after its row's label, where rows have one:
    the heat map's weekdays)."""
    labelled = not table.verticalHeader().isHidden()

    def label(item: QTableWidgetItem | None) -> str:
        return "" if item is None else item.text().replace("\n", " ")

    headers = [label(table.horizontalHeaderItem(c)) for c in range(table.columnCount())]
    body = []
    for r in range(table.rowCount()):
        cells = [label(table.item(r, c)) for c in range(len(headers))]
        body.append([label(table.verticalHeaderItem(r)), *cells] if labelled else cells)
    return [[""] + headers if labelled else headers, *body]


def write_csv(table: QTableWidget, path: Path) -> int:
    """The table, header first, to ``path``; returns how many rows of figures were written."""
    rows = shown_rows(table)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out, lineterminator="\r\n").writerows([[spreadsheet_safe(c) for c in row] for row in rows])
    return len(rows) - 1


def save_table(table: QTableWidget, path: Path) -> int:
    """The table to ``path``: an Excel workbook for a name ending in .xlsx, else CSV; returns how many rows of
    figures were written."""
    if path.suffix.lower() == ".xlsx":
        return write_xlsx(table, path, table.accessibleName() or table.objectName())
    return write_csv(table, path)


def write_xlsx(table: QTableWidget, path: Path, title: str) -> int:
    """The table under ``title`` to an Excel workbook at ``path``, its figures as numbers; returns how many
    rows of figures were written."""
    headers, *body = shown_rows(table)
    numeric_from = int(table.property(NUMERIC_FROM) or len(headers))
    rows = tuple(tuple(figure(text) if c >= numeric_from else text for c, text in enumerate(cells)) for cells in body)
    bold = tuple(int(r) for r in table.property(BOLD_ROWS) or ())
    write_table_xlsx(RecapTable(title, title, tuple(headers), rows, bold), path)
    return len(rows)


def figure(text: str) -> Cell:
    """A figure as ``number`` or ``share`` wrote it, read back: "1.234" 1234, "12,5" 12.5, "75 %" 75, "–" none.
    A cell that is not a figure stays its text."""
    if text in ("", "–"):
        return None
    locale = QLocale()
    plain = text.removesuffix("%").strip()
    whole, ok = locale.toLongLong(plain)
    if ok:
        return int(whole)
    value, ok = locale.toDouble(plain)
    return value if ok else text


def number(value: float | int | None) -> str:
    """A figure in the UI's language ("12,5" in Indonesian); "–" where there is none."""
    if value is None:
        return "–"
    if isinstance(value, int) or float(value).is_integer():
        return QLocale().toString(int(value))
    return QLocale().toString(float(value), "f", 2).rstrip("0").rstrip(QLocale().decimalPoint())


def share(met: int, breached: int) -> str:
    judged = met + breached
    return "–" if not judged else f"{QLocale().toString(round(100 * met / judged))} %"
