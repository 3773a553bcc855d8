"""LAPOR!'s export files (CSV, XLSX) read as reports: a bad row is rejected with its number and a reason,
the others are read. See the package's docstring."""

from __future__ import annotations

import codecs
import csv
import io
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from desktop.domain.errors import BadInput
from desktop.domain.inbound import InboundMessage
from desktop.domain.lapor_import import RejectedRow

from .mapping import (
    DEFAULT_EXPORT_MAPPING,
    DEFAULT_TIMEZONE,
    REQUIRED_FIELDS,
    lapor_id_of,
    report_message,
    text_of,
    zone_of,
)

HEADER_SEARCH_ROWS = 20  # an export may start with a title line or two above its header
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls (and .doc) container


@dataclass(frozen=True, slots=True)
class ReportRow:
    row: int  # as a spreadsheet shows it: the header is row 1 when it is the first line
    message: InboundMessage


@dataclass(frozen=True, slots=True)
class ImportResult:
    reports: tuple[ReportRow, ...]
    rejected: tuple[RejectedRow, ...]
    missing_columns: tuple[str, ...] = ()  # optional mapped columns the file does not have

    @property
    def messages(self) -> list[InboundMessage]:
        return [report.message for report in self.reports]


def read_export(
    source: bytes | str | os.PathLike[str],
    filename: str | None = None,
    mapping: Mapping[str, str] | None = None,
    timezone: str = DEFAULT_TIMEZONE,
) -> ImportResult:
    """The reports of a LAPOR! export: CSV (UTF-8 with or without BOM, UTF-16, or Windows-1252; ``,`` ``;``
    or tab) or XLSX. BadInput when the file is neither or lacks a required column; a bad row is rejected
    with its number and the rest are read."""
    zone = zone_of(timezone)
    columns = dict(DEFAULT_EXPORT_MAPPING if mapping is None else mapping)
    if isinstance(source, bytes):
        data, name = source, filename or "the file"
    else:
        path = Path(source)
        name = filename or path.name
        try:
            data = path.read_bytes()
        except OSError as exc:
            raise BadInput(f"cannot read {path}: {exc.strerror}") from None
    table, is_csv = _table(data, name)
    header_row, index, missing = _header(table, columns, name)
    width = len(table[header_row - 1][1])
    reports: list[ReportRow] = []
    rejected: list[RejectedRow] = []
    for number, cells in table[header_row:]:
        if isinstance(cells, str):
            rejected.append(RejectedRow(number, cells))
            continue
        if all(text_of(cell) == "" for cell in cells):
            continue  # a blank line is no report
        if is_csv and (len(cells) < width or any(text_of(cell) for cell in cells[width:])):
            # A line break or separator inside a text that lacks its quotes shifts every cell after it.
            reason = f"the row has {len(cells)} cells where the header has {width}: is a text missing its quotes?"
            rejected.append(RejectedRow(number, reason))
            continue
        values = {field: cells[at] if at < len(cells) else None for field, at in index.items()}
        try:
            reports.append(ReportRow(number, report_message(values, columns, zone)))
        except BadInput as exc:
            rejected.append(RejectedRow(number, exc.message, lapor_id_of(values.get("id")) or None))
    return ImportResult(tuple(reports), tuple(rejected), missing)


Table = list[tuple[int, "list[Any] | str"]]  # (row number, cells — or why the row could not be read)


def _table(data: bytes, name: str) -> tuple[Table, bool]:
    """The file's rows, and whether it is CSV (whose rows can be ragged)."""
    suffix = Path(name).suffix.lower()
    if data.startswith(_OLE2) or suffix == ".xls":
        raise BadInput(f"{name} is an old Excel .xls workbook: save it as .xlsx or CSV and import that")
    if data.startswith(b"PK\x03\x04") or suffix in (".xlsx", ".xlsm"):
        return _xlsx_table(data, name), False
    if suffix not in (".csv", ".txt", ""):
        raise BadInput(f"{name} is not a LAPOR! export: import a CSV or XLSX file")
    return _csv_table(data, name), True


def _csv_table(data: bytes, name: str) -> Table:
    text = _decode(data, name)
    if "\x00" in text:
        raise BadInput(f"{name} is not a CSV file (it holds binary data): import a CSV or XLSX file")
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=_delimiter(text))
    table: Table = []
    number = 0
    while True:
        try:
            cells = next(reader)
        except StopIteration:
            return table
        except csv.Error as exc:
            number += 1
            table.append((number, f"the row cannot be read as CSV: {exc}"))
            continue
        number += 1
        table.append((number, list(cells)))


def _decode(data: bytes, name: str) -> str:
    if data.startswith(codecs.BOM_UTF8):
        try:
            return data[len(codecs.BOM_UTF8) :].decode("utf-8")
        except UnicodeDecodeError as exc:
            raise BadInput(f"{name} says it is UTF-8 but byte {exc.start} is not: save it again as CSV UTF-8") from None
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            raise BadInput(f"{name} is not readable UTF-16 text: save it again as CSV UTF-8") from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")  # what Excel on Windows writes for "CSV (comma delimited)"
    except UnicodeDecodeError:
        raise BadInput(f"{name} is neither UTF-8 nor Windows-1252 text: save it again as CSV UTF-8") from None


def _delimiter(text: str) -> str:
    """The separator the header line uses most: Excel writes ``;`` where the decimal comma is the custom."""
    first = text.split("\n", 1)[0]
    counts = {separator: first.count(separator) for separator in (",", ";", "\t")}
    best = max(counts, key=lambda separator: counts[separator])
    return best if counts[best] else ","


def _xlsx_table(data: bytes, name: str) -> Table:
    from openpyxl import load_workbook  # only imports that read a workbook pay for loading openpyxl

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # zipfile, XML and openpyxl's own errors for a broken workbook
        raise BadInput(
            f"{name} is not a readable XLSX workbook ({type(exc).__name__}): import a CSV or XLSX file"
        ) from None
    try:
        sheet = workbook.worksheets[0]
        rows = getattr(sheet, "iter_rows", None)
        if rows is None:
            raise BadInput(f"the first sheet of {name} is a chart, not a table of reports")
        return [(number, list(cells)) for number, cells in enumerate(rows(values_only=True), start=1)]
    except BadInput:
        raise
    except Exception as exc:  # a damaged sheet part surfaces while its rows are read
        raise BadInput(f"the first sheet of {name} cannot be read ({type(exc).__name__})") from None
    finally:
        workbook.close()


def _header(table: Table, columns: Mapping[str, str], name: str) -> tuple[int, dict[str, int], tuple[str, ...]]:
    """(how many rows the header and what is above it take, field → cell index, optional columns missing)."""
    first_found: dict[str, int] | None = None
    for position, (_number, cells) in enumerate(table[:HEADER_SEARCH_ROWS]):
        if isinstance(cells, str) or all(text_of(cell) == "" for cell in cells):
            continue
        at: dict[str, int] = {}
        for index, cell in enumerate(cells):
            at.setdefault(_column_key(cell), index)
        found = {field: at[_column_key(column)] for field, column in columns.items() if _column_key(column) in at}
        if first_found is None:
            first_found = found
        if all(field in found for field in REQUIRED_FIELDS):
            missing = tuple(columns[field] for field in columns if field not in found)
            return position + 1, found, missing
    if first_found is None:
        raise BadInput(f"{name} holds no reports: it is empty")
    lacking = [columns[field] for field in REQUIRED_FIELDS if field not in first_found]
    raise BadInput(
        f"{name} has no column {' or '.join(repr(c) for c in lacking)}: a LAPOR! export needs "
        f"{', '.join(repr(columns[f]) for f in REQUIRED_FIELDS)} (name other columns with --mapping)"
    )


def _column_key(cell: Any) -> str:
    return " ".join(text_of(cell).replace("\ufeff", "").split()).casefold()
