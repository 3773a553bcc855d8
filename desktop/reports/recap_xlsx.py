"""The monthly recap (``recap.py``) as an Excel workbook, and any one table of the statistics window: one sheet
per table, headings in Indonesian, counts and shares as numbers (a spreadsheet adds them up), text as text
(``spreadsheet_safe``: a unit name or a category that starts with "=" stays a string, never a formula).

The file appears whole or not at all: it is written beside the target and renamed into place.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ..domain.spreadsheet import spreadsheet_safe
from ..domain.whole_files import write_whole
from .recap import TITLE, MonthlyRecap, RecapTable, method_text, month_name, recap_tables


def write_recap_xlsx(recap: MonthlyRecap, path: str | os.PathLike[str]) -> None:
    title = f"{TITLE} — {month_name(recap.month)}"
    # The summary, first, says what the workbook is and how its figures were counted.
    sheets = [
        (table, (title, "") if index == 0 else (), ("", method_text(recap)) if index == 0 else ())
        for index, table in enumerate(recap_tables(recap))
    ]
    write_whole(Path(path), lambda name: _write(name, title, sheets), ".aduan-recap-")


def write_table_xlsx(table: RecapTable, path: str | os.PathLike[str]) -> None:
    """One table of the statistics window as it is shown, on one sheet: its title, its header, its rows."""
    write_whole(Path(path), lambda name: _write(name, table.title, [(table, (table.title,), ())]), ".aduan-table-")


# A table with the lines of text above it (bold; "" an empty line) and below it.
Sheet = tuple[RecapTable, Sequence[str], Sequence[str]]


def _write(name: str, title: str, sheets: Sequence[Sheet]) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    bold = Font(bold=True)
    workbook = Workbook(write_only=True)
    workbook.properties.title = title
    workbook.properties.creator = "Aduan"
    used: set[str] = set()
    for table, above, below in sheets:
        sheet = workbook.create_sheet(_sheet_name(table.sheet, used))
        for column, width in enumerate(_widths(table)):
            sheet.column_dimensions[_letter(column)].width = width
        for line in above:
            sheet.append([_cell(sheet, line, WriteOnlyCell, bold)] if line else [])
        sheet.append([_cell(sheet, h, WriteOnlyCell, bold) for h in table.headers])
        for number, row in enumerate(table.rows):
            font = bold if number in table.total_rows else None
            sheet.append([_cell(sheet, value, WriteOnlyCell, font) for value in row])
        for line in below:
            sheet.append([_cell(sheet, line, WriteOnlyCell, None)] if line else [])
    with open(name, "wb") as out:
        workbook.save(out)


def _cell(sheet: Any, value: object, make: Any, font: Any) -> Any:
    cell = make(sheet, value=value)
    if isinstance(value, str):
        # Text stays text as written, marked so that Excel keeps it text when someone edits it.
        cell.data_type = "s"
        cell.quotePrefix = spreadsheet_safe(value) != value
    elif isinstance(value, float):
        cell.number_format = "0.0#"
    if font is not None:
        cell.font = font
    return cell


def _sheet_name(wanted: str, used: set[str]) -> str:
    """At most 31 characters, none that Excel refuses, and unique (a further table may repeat a name)."""
    name = "".join("-" if c in "[]:*?/\\" else c for c in wanted)[:31].strip() or "Tabel"
    number = 1
    while name.casefold() in used:
        number += 1
        name = f"{name[:26].strip()} ({number})"
    used.add(name.casefold())
    return name


def _widths(table: RecapTable) -> list[float]:
    widths = []
    for column, header in enumerate(table.headers):
        cells = [len(str(row[column])) for row in table.rows if column < len(row) and row[column] is not None]
        widths.append(min(max([len(header) * 0.8, 8.0, *(n + 2.0 for n in cells)]), 48.0))
    return widths


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(column + 1))
