"""The statistics' tables (backlog, service levels, the volumes behind the chart) and their export.

Every count in a cell is one the server sent; the window adds only what reads off those counts at a glance:
the totals of the backlog (sums of its cells) and a clock's "met %" (met ÷ (met + breached)), both the
way ``aduan stats`` writes them. A table is exported as it is shown, to CSV in UTF-8 with a byte-order
mark, so that Excel opens the Indonesian words right."""

from __future__ import annotations

import csv
from pathlib import Path

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableWidget, QTableWidgetItem

from ..plain import plain_tooltip

NUMBER = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter


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
    """The table as it reads: its header, then each row's texts."""
    headers = []
    for c in range(table.columnCount()):
        item = table.horizontalHeaderItem(c)
        headers.append("" if item is None else item.text().replace("\n", " "))
    body = []
    for r in range(table.rowCount()):
        cells = [table.item(r, c) for c in range(len(headers))]
        body.append(["" if cell is None else cell.text() for cell in cells])
    return [headers, *body]


def write_csv(table: QTableWidget, path: Path) -> int:
    """The table, header first, to ``path``; returns how many rows of figures were written."""
    rows = shown_rows(table)
    with path.open("w", encoding="utf-8-sig", newline="") as out:
        csv.writer(out, lineterminator="\r\n").writerows(rows)
    return len(rows) - 1


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
