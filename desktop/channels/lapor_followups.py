"""SP4N-LAPOR! follow-ups: what a unit did with its LAPOR! reports, to report back to LAPOR!.

A unit handles a LAPOR! report in Aduan and must enter its follow-ups (*tindak lanjut*: the answers to the
citizen) and its status changes in LAPOR! too. ``export_followups`` lists them since a moment, each with
the report's LAPOR! tracking ID, for a CSV or XLSX file (``write_followups``) that an admin uploads or
copies into LAPOR!, or for ``push_followups`` to a REST endpoint.

* **Which reports**: tickets of the LAPOR! channel that are in the unit now (a report transferred away
  is reported by the unit that holds it). The LAPOR! ID is the ticket's ``external_ref`` when set, else the
  external id of its first LAPOR! message — the tracking ID the report was imported or polled with.
* **What counts**: every answer to the citizen (an outbound message) and every change of status, whichever
  way it came: an officer's change, the reporter answering while the unit waited (back to follow-up), the
  silent reporter's report closed by the service-level sweep, a return for disposition, a merge into a
  master report. A transfer that reopens a report as received anew is a change of unit, not listed.
* **Since** is inclusive: a row at exactly ``since`` is listed again. Each row has a stable ``key``
  (``aduan-message-<uuid>`` or ``aduan-event-<id>``), so an export that overlaps the previous one is
  deduplicated by it, and ``push_followups`` sends it as the ``Idempotency-Key`` header: an endpoint that
  honours the header (the common IETF draft convention) stores a re-sent row once.
* Times are naive UTC, written ISO 8601 with ``Z`` in CSV and as UTC date-times in XLSX.
* No cell is a formula: a CSV cell that a spreadsheet would read as one starts with ``'``
  (``domain.spreadsheet``); XLSX cells are typed, text as text.
"""

from __future__ import annotations

import contextlib
import csv
import io
import os
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import requests

from ..domain.errors import BadInput, Conflict
from ..domain.spreadsheet import spreadsheet_safe
from ..domain.whole_files import write_whole
from ..store.channel_lapor import ANSWER, STATUS, FollowUp, export_followups
from .lapor import JsonClient

__all__ = ["ANSWER", "COLUMNS", "FORMATS", "STATUS", "FollowUp", "export_followups", "push_followups"]

# The export's columns: Indonesian, like LAPOR!'s own screens, in this order.
COLUMNS: tuple[str, ...] = (
    "ID Laporan",
    "Nomor Aduan",
    "Jenis",
    "Waktu (UTC)",
    "Status",
    "Status Sebelumnya",
    "Tindak Lanjut",
    "Petugas",
    "Kunci",
)


# -- files ------------------------------------------------------------------------------------------------

FORMATS = ("csv", "xlsx")


def iso_z(moment: datetime) -> str:
    return moment.isoformat(timespec="seconds") + "Z"


def row_values(f: FollowUp) -> list[str]:
    """One follow-up as the export's text cells, in COLUMNS order."""
    return [
        f.lapor_id,
        f.tracking_no,
        f.kind,
        iso_z(f.at),
        f.status or "",
        f.previous_status or "",
        f.text,
        f.officer or "",
        f.key,
    ]


def write_followups(rows: Sequence[FollowUp], path: str | os.PathLike[str], file_format: str) -> None:
    """Write the rows as CSV (UTF-8 with BOM, so Excel shows the letters right; comma-separated) or XLSX.
    The file appears whole or not at all: it is written beside the target and renamed into place."""
    if file_format not in FORMATS:
        raise BadInput(f"the export format is csv or xlsx, not {file_format!r}")

    def write(name: str) -> None:
        with open(name, "wb") as out:
            if file_format == "csv":
                _write_csv(rows, out)
            else:
                _write_xlsx(rows, out)

    write_whole(Path(path), write, ".aduan-lapor-")


def _write_csv(rows: Sequence[FollowUp], out: Any) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    writer.writerows([spreadsheet_safe(value) for value in row_values(f)] for f in rows)
    text.flush()
    text.detach()


def _write_xlsx(rows: Sequence[FollowUp], out: Any) -> None:
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Tindak Lanjut")
    sheet.append(list(COLUMNS))
    at_column = COLUMNS.index("Waktu (UTC)")
    for f in rows:
        cells: list[Any] = []
        for index, value in enumerate(row_values(f)):
            if index == at_column:
                cell = WriteOnlyCell(sheet, value=f.at)
                cell.number_format = "yyyy-mm-dd hh:mm:ss"
            else:
                # Text stays text, written as it is: a reply starting with "=" is a string cell, no formula, and
                # marked so that Excel keeps it text when someone edits the cell (the quote of a CSV, unseen).
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"
                cell.quotePrefix = spreadsheet_safe(value) != value
            cells.append(cell)
        sheet.append(cells)
    workbook.save(out)


# -- REST -------------------------------------------------------------------------------------------------


def followup_json(f: FollowUp) -> dict[str, Any]:
    """The JSON body ``push_followups`` sends for one row."""
    return {
        "tracking_id": f.lapor_id,
        "aduan_tracking_no": f.tracking_no,
        "type": f.kind,
        "created_at": iso_z(f.at),
        "status": f.status,
        "previous_status": f.previous_status,
        "content": f.text,
        "officer": f.officer,
        "key": f.key,
    }


def push_followups(
    rows: Sequence[FollowUp],
    url: str,
    token: str,
    session: requests.Session | None = None,
    *,
    auth_header: str = "Authorization",
    auth_scheme: str = "Bearer",
    timeout: float = 15.0,
) -> list[str]:
    """POST each row (``followup_json``) to ``url``, in order, with its ``key`` as the ``Idempotency-Key``
    header; the keys sent. Rows without a LAPOR! ID are skipped (LAPOR! could not place them). A 409 answer
    is taken as "already received under that key". The first other failure stops the push with its error
    (see lapor.py for the mapping): pushing the same rows again is safe."""
    if not token:
        raise BadInput("the LAPOR! token is empty")
    client = JsonClient(token, session, timeout, auth_header, auth_scheme)
    sent: list[str] = []
    for f in rows:
        if not f.lapor_id:
            continue
        with contextlib.suppress(Conflict):  # 409: received before under this key
            client.post(url, followup_json(f), {"Idempotency-Key": f.key})
        sent.append(f.key)
    return sent
