"""SP4N-LAPOR! intake: reports from LAPOR!'s export files (CSV, XLSX) or from a REST/JSON endpoint, as
InboundMessages that keep LAPOR!'s tracking ID.

Why it looks the way it does:

* **The tracking ID is the message's external id** (``"1916449"`` or ``"LAPOR-1234567"``, as LAPOR! gives it;
  a leading ``#`` is dropped, so ``#1916449`` and ``1916449`` are one report). The store keeps one message
  per channel and external id, so importing the same export twice, or polling a report again, stores nothing
  new. The ID is also written at the top of the report's text, so officers see it in the thread and find it
  by search, and it is what the follow-up export (``lapor_followups.py``) reports back with.
* **A field mapping, not fixed columns.** LAPOR!'s export columns and its integration API are documented
  only to the units' registered developer accounts, so nothing here claims their exact names. A mapping
  says, for each Aduan field, which column (files) or dotted JSON path (API) holds it; the defaults below are
  clear Indonesian column names and a plain JSON shape, and a unit overrides what differs (``--mapping``).
  Header names are matched without regard to case or repeated spaces.
* **Anonymous stays anonymous.** LAPOR! marks a report ``anonim`` (the reporter's identity is withheld from
  the agency) and ``rahasia`` (the report is not published). An anonymous report is read without name and
  contact, whatever the file holds; ``rahasia`` becomes Aduan's confidential flag.
* **A bad row never stops an import.** A file row that cannot be read is rejected with its row number (as a
  spreadsheet shows it: the header is row 1) and a reason; the admin fixes it and imports the file again
  (rows already imported are recognised). A report from the API has nobody to fix it, so it is kept
  instead: an unreadable flag counts as set (anonymous, confidential — the safe side), a missing ID is
  replaced by a digest of the report, and what was doubtful is listed in the message's ``problems``.
* **Times.** LAPOR! writes local times; naive times are read in ``timezone`` (default WIB, Asia/Jakarta)
  and kept as naive UTC like every time in Aduan. A time with an offset is converted as written.

REST errors map like the Telegram connector's: 401/403 → NotPermitted; 429 → RateLimited (an Unreachable)
with the server's Retry-After; 404 → NotFound (the list path is wrong); 409 → Conflict; other 4xx → BadInput;
5xx, timeouts, refused connections and answers that are not JSON → Unreachable. The token is never part of
an error.
"""

from __future__ import annotations

import codecs
import csv
import hashlib
import io
import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import requests
from sqlalchemy import Connection

from ..domain.errors import BadInput, Conflict, NotFound, NotPermitted, RateLimited, Unreachable
from ..domain.inbound import InboundMessage
from ..domain.vocabulary import Channel, Kind
from ..store import intake
from ..store.identity import unit_id_by_code
from ..store.service import Store
from ..store.work import begin

DEFAULT_TIMEZONE = "Asia/Jakarta"  # WIB: LAPOR!'s exports and its site show Jakarta time
MAX_LAPOR_ID_CHARS = 100  # ticket.external_ref holds at most 100 characters
SUBJECT_LENGTH = 120
HEADER_SEARCH_ROWS = 20  # an export may start with a title line or two above its header

# Aduan's fields, in the order they are documented and shown.
FIELDS: tuple[str, ...] = (
    "id",  # LAPOR!'s tracking ID (required)
    "subject",  # the report's title; when there is none, the first line of its text
    "text",  # the report's content (required)
    "category",
    "reporter_name",
    "contact",  # phone number or e-mail address of the reporter
    "received_at",  # when the report was made on LAPOR!
    "kind",  # Aspirasi / Pengaduan / Permintaan Informasi
    "anonymous",  # LAPOR!'s "anonim" flag
    "confidential",  # LAPOR!'s "rahasia" flag
    "updated_at",  # API only: when LAPOR! last changed the report; the poller's cursor
)
REQUIRED_FIELDS: tuple[str, ...] = ("id", "text")

# The default columns of a LAPOR! export file (CSV or XLSX), by Aduan field.
DEFAULT_EXPORT_MAPPING: Mapping[str, str] = {
    "id": "ID Laporan",
    "subject": "Judul",
    "text": "Isi Laporan",
    "category": "Kategori",
    "reporter_name": "Nama Pelapor",
    "contact": "Kontak",
    "received_at": "Tanggal",
    "kind": "Jenis",
    "anonymous": "Anonim",
    "confidential": "Rahasia",
}

# The default dotted JSON paths of one report in a REST answer, by Aduan field.
DEFAULT_API_MAPPING: Mapping[str, str] = {
    "id": "tracking_id",
    "subject": "title",
    "text": "content",
    "category": "category.name",
    "reporter_name": "reporter.name",
    "contact": "reporter.phone",
    "received_at": "created_at",
    "kind": "classification",
    "anonymous": "is_anonymous",
    "confidential": "is_secret",
    "updated_at": "updated_at",
}

_KINDS = {
    "aspirasi": Kind.ASPIRASI,
    "pengaduan": Kind.PENGADUAN,
    "permintaan informasi": Kind.PERMINTAAN_INFORMASI,
    "informasi": Kind.PERMINTAAN_INFORMASI,
}
_YES = frozenset({"ya", "y", "yes", "true", "1", "benar", "anonim", "rahasia", "x", "v", "✓", "✔"})
_NO = frozenset({"", "tidak", "tdk", "no", "n", "false", "0", "bukan", "-"})
_DAY_FIRST_FORMATS = (
    "%d/%m/%Y %H:%M:%S",
    "%d/%m/%Y %H:%M",
    "%d/%m/%Y",
    "%d-%m-%Y %H:%M:%S",
    "%d-%m-%Y %H:%M",
    "%d-%m-%Y",
)
_SPREADSHEET_EPOCH = datetime(1899, 12, 30)  # day 0 of Excel's (and LibreOffice's) day numbers
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # the old binary .xls (and .doc) container


# -- the mapping ------------------------------------------------------------------------------------------


def parse_mapping(overrides: str | Mapping[str, Any] | None, base: Mapping[str, str]) -> dict[str, str]:
    """``base`` with ``overrides`` (a JSON object or a dict: Aduan field → column name or JSON path; ``null``
    unmaps an optional field). BadInput names unknown fields and what is wrong with a value."""
    mapping = dict(base)
    if overrides is None:
        return mapping
    if isinstance(overrides, str):
        try:
            overrides = json.loads(overrides)
        except json.JSONDecodeError as exc:
            raise BadInput(f"the LAPOR! mapping is not JSON: {exc.msg} at character {exc.pos}") from None
    if not isinstance(overrides, Mapping):
        raise BadInput('the LAPOR! mapping must be a JSON object, e.g. {"id": "No. Tracking"}')
    unknown = sorted(str(key) for key in overrides if key not in FIELDS)
    if unknown:
        raise BadInput(
            f"the LAPOR! mapping names unknown fields {', '.join(unknown)}; the fields are {', '.join(FIELDS)}"
        )
    for field, source in overrides.items():
        if source is None:
            if field in REQUIRED_FIELDS:
                raise BadInput(f"the LAPOR! mapping cannot leave out {field!r}: it is required")
            mapping.pop(field, None)
        elif isinstance(source, str) and source.strip():
            mapping[field] = source.strip()
        else:
            raise BadInput(f"the LAPOR! mapping of {field!r} must be a column name or JSON path, not {source!r}")
    return mapping


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadInput(f"unknown time zone {name!r}: use e.g. Asia/Jakarta, Asia/Makassar or Asia/Jayapura") from None


# -- one report -------------------------------------------------------------------------------------------


def report_message(
    values: Mapping[str, Any], labels: Mapping[str, str], zone: ZoneInfo, strict: bool = True
) -> InboundMessage:
    """The InboundMessage of one report, from its raw ``values`` by Aduan field; ``labels`` name the source
    of each field (column or path) in messages. ``strict``: a doubtful value raises BadInput (a file row,
    which the admin can fix); otherwise it is kept on the safe side and listed in ``problems``."""
    problems: list[str] = []

    def doubt(reason: str) -> None:
        if strict:
            raise BadInput(reason)
        problems.append(reason)

    def label(field: str) -> str:
        return labels.get(field, field)

    lapor_id = lapor_id_of(values.get("id"))
    body = _text(values.get("text"))
    subject = " ".join(_text(values.get("subject")).split())
    if not lapor_id:
        doubt(f"the {label('id')} (LAPOR! tracking ID) is empty")
        lapor_id = "tanpa-id:" + _digest(values)
    elif len(lapor_id) > MAX_LAPOR_ID_CHARS:
        doubt(
            f"the {label('id')} has {len(lapor_id)} characters: a LAPOR! tracking ID has {MAX_LAPOR_ID_CHARS} at most"
        )
        lapor_id = "panjang:" + hashlib.sha256(lapor_id.encode("utf-8")).hexdigest()
    if not body and not subject:
        doubt(f"the report has no text: {label('text')} and {label('subject')} are empty")
    anonymous = _flag(values.get("anonymous"), label("anonymous"), doubt)
    confidential = _flag(values.get("confidential"), label("confidential"), doubt)
    kind_text = " ".join(_text(values.get("kind")).replace("_", " ").replace("-", " ").split()).casefold()
    kind = _KINDS.get(kind_text)
    if kind_text and kind is None:
        problems.append(f"LAPOR! kind {_text(values.get('kind'))!r} is not an Aduan kind: received as the default")
    received_at = None
    raw_moment = values.get("received_at")
    if _text(raw_moment):
        received_at = moment_of(raw_moment, zone)
        if received_at is None:
            problems.append(f"the {label('received_at')} {_text(raw_moment)!r} is not a date and time Aduan reads")
    category = " ".join(_text(values.get("category")).split()) or None
    if category and len(category) > 100:
        problems.append(f"the category was cut to 100 characters (it had {len(category)})")
        category = category[:99] + "…"
    name = None if anonymous else " ".join(_text(values.get("reporter_name")).split()) or None
    contact = None if anonymous else " ".join(_text(values.get("contact")).split()) or None
    return InboundMessage(
        channel=Channel.LAPOR,
        external_id=lapor_id,
        sender_address=contact,
        sender_name=name,
        subject=subject or _first_line(body) or "(laporan LAPOR! tanpa judul)",
        text=_with_header(lapor_id, received_at, zone, body or subject),
        received_at=received_at,
        kind=kind,
        category=category,
        anonymous=anonymous,
        confidential=confidential,
        problems=tuple(problems),
    )


def lapor_id_of(value: Any) -> str:
    """A tracking ID as text: spreadsheets give numbers (``1916449.0``), the site writes ``#1916449``."""
    return _text(value).strip().lstrip("#").strip()


def moment_of(value: Any, zone: ZoneInfo) -> datetime | None:
    """Naive UTC of a LAPOR! time: a datetime or date cell, ISO 8601, ``dd/mm/yyyy [hh:mm[:ss]]``,
    ``dd-mm-yyyy …``, Unix seconds or milliseconds, or a spreadsheet's day number. Naive times are local
    to ``zone``. None when it is none of those."""
    if isinstance(value, datetime):
        found: datetime | None = value
    elif isinstance(value, date):
        found = datetime.combine(value, time())
    elif isinstance(value, int | float) and not isinstance(value, bool):
        if 10**8 <= value < 10**11:  # Unix seconds (an API)
            return datetime.fromtimestamp(float(value), UTC).replace(tzinfo=None)
        if 10**11 <= value < 10**14:  # Unix milliseconds (an API written in JavaScript)
            return datetime.fromtimestamp(value / 1000, UTC).replace(tzinfo=None)
        if 20_000 <= value < 100_000:  # a spreadsheet's day number (1954-2173), in a cell not formatted as date
            found = _SPREADSHEET_EPOCH + timedelta(days=float(value))
        else:
            return None
    else:
        text = _text(value)
        found = None
        try:
            found = datetime.fromisoformat(text)
        except ValueError:
            for pattern in _DAY_FIRST_FORMATS:
                try:
                    found = datetime.strptime(text, pattern)
                    break
                except ValueError:
                    continue
    if found is None:
        return None
    if found.tzinfo is None:
        found = found.replace(tzinfo=zone)
    return found.astimezone(UTC).replace(tzinfo=None)


def _flag(value: Any, label: str, doubt: Callable[[str], None]) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    text = _text(value).casefold()
    if text in _YES:
        return True
    if text in _NO:
        return False
    doubt(f"the {label} is {_text(value)!r}: write Ya or Tidak")
    return True  # kept on the safe side: withheld, restricted


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date):
        return value.isoformat()
    if isinstance(value, str):
        return value.replace("\r\n", "\n").strip()
    return str(value).strip()


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return " ".join(line.split())[:SUBJECT_LENGTH]
    return ""


def _with_header(lapor_id: str, received_at: datetime | None, zone: ZoneInfo, body: str) -> str:
    """The report's text under one line naming its LAPOR! ID (and when it was made), so officers see it."""
    header = f"[SP4N-LAPOR! {lapor_id}"
    if received_at is not None:
        local = received_at.replace(tzinfo=UTC).astimezone(zone)
        header += f", {local:%Y-%m-%d %H:%M} {zone.key}"
    return f"{header}]\n\n{body}"


def _digest(values: Mapping[str, Any]) -> str:
    canonical = json.dumps({k: _text(v) for k, v in sorted(values.items())}, ensure_ascii=False)
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:32]


# -- export files -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ReportRow:
    row: int  # as a spreadsheet shows it: the header is row 1 when it is the first line
    message: InboundMessage


@dataclass(frozen=True, slots=True)
class RejectedRow:
    row: int
    reason: str
    lapor_id: str | None = None


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
    zone = _zone(timezone)
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
        if all(_text(cell) == "" for cell in cells):
            continue  # a blank line is no report
        if is_csv and (len(cells) < width or any(_text(cell) for cell in cells[width:])):
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
    except Exception as exc:  # noqa: BLE001 - zipfile, XML and openpyxl's own errors for a broken workbook
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
    except Exception as exc:  # noqa: BLE001 - a damaged sheet part surfaces while its rows are read
        raise BadInput(f"the first sheet of {name} cannot be read ({type(exc).__name__})") from None
    finally:
        workbook.close()


def _header(table: Table, columns: Mapping[str, str], name: str) -> tuple[int, dict[str, int], tuple[str, ...]]:
    """(how many rows the header and what is above it take, field → cell index, optional columns missing)."""
    first_found: dict[str, int] | None = None
    for position, (_number, cells) in enumerate(table[:HEADER_SEARCH_ROWS]):
        if isinstance(cells, str) or all(_text(cell) == "" for cell in cells):
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
    return " ".join(_text(cell).replace("\ufeff", "").split()).casefold()


# -- into the store ---------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class StoredRow:
    row: int
    lapor_id: str
    tracking_no: str


@dataclass(frozen=True, slots=True)
class ImportReport:
    created: tuple[StoredRow, ...]
    present: tuple[StoredRow, ...]  # imported before: nothing new was stored
    rejected: tuple[RejectedRow, ...]  # the file's rejected rows and the reports the store refused


def store_reports(store: Store, result: ImportResult, unit_code: str) -> ImportReport:
    """Receive each report into ``unit_code``, each in its own transaction: one refused report is rejected
    with its row and the others are stored. A lost database connection stops the import (run it again:
    what was stored is recognised)."""
    store.read(unit_id_by_code, unit_code)  # NotFound before anything is stored
    created: list[StoredRow] = []
    present: list[StoredRow] = []
    rejected = list(result.rejected)
    for report in result.reports:
        try:
            done = store.admin(_receive, report.message, unit_code)
        except BadInput as exc:
            rejected.append(RejectedRow(report.row, exc.message, report.message.external_id))
            continue
        stored = StoredRow(report.row, report.message.external_id, done.tracking_no)
        (present if done.duplicate else created).append(stored)
    rejected.sort(key=lambda r: r.row)
    return ImportReport(tuple(created), tuple(present), tuple(rejected))


def _receive(conn: Connection, inbound: InboundMessage, unit_code: str) -> intake.Received:
    return intake.receive(begin(conn, None), inbound, unit_code)


# -- the REST poller --------------------------------------------------------------------------------------


class LaporPoller:
    """Reports from a REST/JSON endpoint, page by page: ``poll(cursor) -> (messages, cursor)``.

    A request is ``GET base_url + list_path`` with ``since_param`` = the cursor (left out on the first poll),
    ``page_param`` = 1, 2, … and ``size_param`` = ``page_size``, plus ``extra_params`` (e.g. a sort order),
    and the token in ``auth_header`` (``Authorization: Bearer …`` by default) or, when ``token_param`` is
    set, as that query parameter. The reports are the list at ``items_key`` (a dotted path; "" when the
    answer is the list itself). Paging stops at a page shorter than ``page_size`` or after ``max_pages``.

    The cursor is the largest ``updated_at`` seen (or, when the mapping has no ``updated_at``, the largest
    tracking ID), exactly as the API wrote it, so the API reads its own format back. The endpoint is expected
    to return the reports changed at or after ``since`` (oldest first when it pages), so a report on the
    boundary comes again: the store recognises it by its tracking ID. The cursor never goes backwards.
    """

    def __init__(
        self,
        base_url: str,
        token: str,
        mapping: Mapping[str, str] | None = None,
        list_path: str = "/api/v1/laporan",
        items_key: str = "data",
        since_param: str = "since",
        session: requests.Session | None = None,
        *,
        page_param: str = "page",
        size_param: str = "limit",
        page_size: int = 100,
        max_pages: int = 20,
        extra_params: Mapping[str, str] | None = None,
        auth_header: str = "Authorization",
        auth_scheme: str = "Bearer",
        token_param: str | None = None,
        timezone: str = DEFAULT_TIMEZONE,
        timeout: float = 15.0,
    ) -> None:
        if not token:
            raise BadInput("the LAPOR! token is empty")
        if page_size < 1 or max_pages < 1:
            raise BadInput("the LAPOR! page size and page count must be at least 1")
        self.mapping = dict(DEFAULT_API_MAPPING if mapping is None else mapping)
        missing = [field for field in REQUIRED_FIELDS if field not in self.mapping]
        if missing:
            raise BadInput(f"the LAPOR! mapping lacks {', '.join(missing)}")
        self._url = base_url.rstrip("/") + "/" + list_path.lstrip("/")
        self._client = JsonClient(token, session, timeout, auth_header, auth_scheme, token_param)
        self._items_key = items_key
        self._since_param = since_param
        self._page_param = page_param
        self._size_param = size_param
        self._page_size = page_size
        self._max_pages = max_pages
        self._extra = dict(extra_params or {})
        self._zone = _zone(timezone)
        self._cursor_field = "updated_at" if "updated_at" in self.mapping else "id"

    def poll(self, cursor: str | None) -> tuple[list[InboundMessage], str | None]:
        messages: list[InboundMessage] = []
        newest = cursor
        for page in range(1, self._max_pages + 1):
            params = {**self._extra, self._page_param: str(page), self._size_param: str(self._page_size)}
            if cursor:
                params[self._since_param] = cursor
            answer = self._client.get(self._url, params)
            items = json_path(answer, self._items_key) if self._items_key else answer
            if not isinstance(items, list):
                raise Unreachable(f"LAPOR! answered without a list of reports at {self._items_key or 'the top'!r}")
            for item in items:
                if not isinstance(item, Mapping):
                    raise Unreachable("LAPOR! sent a report that is not a JSON object")
                messages.append(self.message_of(item))
                newest = _later(newest, _text(json_path(item, self.mapping[self._cursor_field])) or None, self._zone)
            if len(items) < self._page_size:
                break
        return messages, newest

    def message_of(self, item: Mapping[str, Any]) -> InboundMessage:
        values = {field: json_path(item, path) for field, path in self.mapping.items()}
        return report_message(values, self.mapping, self._zone, strict=False)


# A channel account's settings (central, never secret; their schema is in settings.py) → LaporPoller's
# options. ``query_auth_param`` is the older name of ``token_param``.
_CONFIG_TEXT = {
    "list_path": "list_path",
    "items_path": "items_key",
    "since_param": "since_param",
    "page_param": "page_param",
    "size_param": "size_param",
    "auth_header": "auth_header",
    "auth_scheme": "auth_scheme",
    "query_auth_param": "token_param",
    "token_param": "token_param",
    "timezone": "timezone",
}
_CONFIG_NUMBERS = {"page_size": int, "max_pages": int, "timeout": float}


def poller_from_config(
    config: Mapping[str, Any], secret: str | None, session: requests.Session | None = None
) -> LaporPoller:
    """The poller of a LAPOR! channel account: ``base_url`` (required), ``mapping`` (an object overriding
    DEFAULT_API_MAPPING), ``params`` (extra query parameters), and the option names above."""
    if not secret:
        raise BadInput("a LAPOR! account needs its API token as its secret (--secret-ref)")
    base_url = config.get("base_url")
    if not isinstance(base_url, str) or not base_url.startswith(("https://", "http://")):
        raise BadInput('a LAPOR! account needs "base_url": the address of the API, https://…')
    options: dict[str, Any] = {}
    for name, option in _CONFIG_TEXT.items():
        if name in config:
            if not isinstance(config[name], str):
                raise BadInput(f"the LAPOR! account's {name!r} must be text, not {config[name]!r}")
            options[option] = config[name]
    for name, kind in _CONFIG_NUMBERS.items():
        if name in config:
            value = config[name]
            if isinstance(value, bool) or not isinstance(value, int | float):
                raise BadInput(f"the LAPOR! account's {name!r} must be a number, not {value!r}")
            options[name] = kind(value)
    extra = config.get("params", {})
    if not isinstance(extra, Mapping) or not all(isinstance(v, str) for v in extra.values()):
        raise BadInput('the LAPOR! account\'s "params" must be an object of texts, e.g. {"sort": "updated_at"}')
    mapping = parse_mapping(config.get("mapping"), DEFAULT_API_MAPPING)
    return LaporPoller(base_url, secret, mapping, session=session, extra_params=dict(extra), **options)


def json_path(data: Any, path: str) -> Any:
    """The value at a dotted path (``reporter.name``; a number steps into a list); None when absent."""
    for step in path.split("."):
        if isinstance(data, Mapping):
            data = data.get(step)
        elif isinstance(data, list) and step.isdigit() and int(step) < len(data):
            data = data[int(step)]
        else:
            return None
    return data


def _later(current: str | None, candidate: str | None, zone: ZoneInfo) -> str | None:
    """The later of two cursor values: by number when both are whole numbers, by time when both read as
    times, else by text."""
    if candidate is None:
        return current
    if current is None:
        return candidate
    if current.isdigit() and candidate.isdigit():  # ids, or Unix seconds
        return candidate if int(candidate) > int(current) else current
    times = moment_of(current, zone), moment_of(candidate, zone)
    if times[0] is not None and times[1] is not None:
        return candidate if times[1] > times[0] else current
    return max(current, candidate)


class JsonClient:
    """JSON over HTTPS with a secret token and the error mapping described in the module's docstring."""

    def __init__(
        self,
        token: str,
        session: requests.Session | None = None,
        timeout: float = 15.0,
        auth_header: str = "Authorization",
        auth_scheme: str = "Bearer",
        token_param: str | None = None,
    ) -> None:
        self._token = token
        self._session = session or requests.Session()
        self._timeout = timeout
        self._token_param = token_param
        self._headers = {"Accept": "application/json"}
        if token_param is None:
            self._headers[auth_header] = f"{auth_scheme} {token}".strip()

    def get(self, url: str, params: Mapping[str, str]) -> Any:
        return self._request("GET", url, params=params)

    def post(self, url: str, payload: Any, headers: Mapping[str, str]) -> Any:
        return self._request("POST", url, payload=payload, extra_headers=headers)

    def _request(
        self,
        method: str,
        url: str,
        params: Mapping[str, str] | None = None,
        payload: Any = None,
        extra_headers: Mapping[str, str] | None = None,
    ) -> Any:
        query = dict(params or {})
        if self._token_param is not None:
            query[self._token_param] = self._token
        headers = {**self._headers, **(extra_headers or {})}
        try:
            response = self._session.request(
                method, url, params=query, json=payload, headers=headers, timeout=(self._timeout, self._timeout)
            )
        except requests.Timeout as exc:
            raise Unreachable(f"LAPOR! did not answer in time: {self._redact(exc)}") from None
        except requests.RequestException as exc:
            raise Unreachable(f"cannot reach LAPOR!: {self._redact(exc)}") from None
        status = response.status_code
        if status >= 400:
            raise self._error_of(status, response)
        if status == 204 or not response.content:
            return None
        try:
            return response.json()
        except ValueError:
            raise Unreachable(f"LAPOR! answered with HTTP {status} and something that is not JSON") from None

    def _error_of(self, status: int, response: requests.Response) -> Exception:
        said = self._redact(_what_it_said(response))
        where = self._redact(response.url.split("?", 1)[0])
        if status in (401, 403):
            return NotPermitted(
                f"LAPOR! refused the token (HTTP {status}{': ' + said if said else ''}): "
                "check the account's secret and that the token is still valid"
            )
        if status == 429:
            retry_after = retry_after_seconds(response.headers.get("Retry-After"))
            return RateLimited(retry_after, f"LAPOR! rate limit (HTTP 429): retry after {retry_after} s")
        if status == 409:
            return Conflict(f"LAPOR! reports a conflict (HTTP {status}{': ' + said if said else ''})")
        if status == 404:
            return NotFound(f"LAPOR! has nothing at {where} (HTTP 404): check the account's base_url and list_path")
        if status >= 500:
            return Unreachable(f"LAPOR! failed (HTTP {status}{': ' + said if said else ''})")
        return BadInput(f"LAPOR! refused the request (HTTP {status}{': ' + said if said else ''})")

    def _redact(self, what: object) -> str:
        return str(what).replace(self._token, "<token>")


def retry_after_seconds(header: str | None, default: int = 60) -> int:
    """Retry-After in whole seconds (a number of seconds or an HTTP date); ``default`` when absent."""
    if not header:
        return default
    header = header.strip()
    if header.isdigit():
        return int(header)
    try:
        when = parsedate_to_datetime(header)
    except (TypeError, ValueError):
        return default
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return max(0, int((when - datetime.now(UTC)).total_seconds() + 0.999))


def _what_it_said(response: requests.Response) -> str:
    """A short message from an error answer: its JSON ``message``/``error``, or the start of its text."""
    try:
        body = response.json()
    except ValueError:
        body = None
    if isinstance(body, Mapping):
        for key in ("message", "error", "detail"):
            value = body.get(key)
            if isinstance(value, str) and value.strip():
                return " ".join(value.split())[:200]
    kind = response.headers.get("Content-Type", "")
    if "json" in kind or "html" in kind:  # JSON without a message, or an error page: nothing short to quote
        return ""
    return " ".join(response.text.split())[:200]
