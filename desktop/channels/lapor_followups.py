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
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID

import requests
from sqlalchemy import Connection, select

from ..domain.errors import BadInput, Conflict
from ..domain.status import Status
from ..domain.vocabulary import Channel, Direction
from ..store.identity import unit_id_by_code
from ..store.schema import event, message, officer, ticket
from .lapor import JsonClient

ANSWER = "tindak_lanjut"  # a follow-up: an answer to the citizen
STATUS = "status"  # a change of status

# Event actions that change a ticket's status, and how to read the new (and old) status from each.
_STATUS_EVENTS: Mapping[str, Callable[[Mapping[str, Any]], tuple[str | None, str | None]]] = {
    "status": lambda d: (d.get("new"), d.get("old")),
    "reporter_answered": lambda d: (Status.DITINDAKLANJUTI.value, Status.MENUNGGU_PELAPOR.value),
    "auto_close": lambda d: (Status.SELESAI.value, Status.MENUNGGU_PELAPOR.value),
    "return_for_disposition": lambda d: (Status.BUKAN_WEWENANG.value, d.get("old")),
    "merged": lambda d: (Status.DIARSIPKAN.value, d.get("old")),
}

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


@dataclass(frozen=True, slots=True)
class FollowUp:
    key: str  # stable and unique: the idempotency key
    lapor_id: str  # "" for a LAPOR! ticket entered by hand without its tracking ID
    tracking_no: str
    kind: str  # ANSWER or STATUS
    at: datetime  # naive UTC
    status: str | None  # STATUS: the status it went to
    previous_status: str | None  # STATUS: the status it came from, when known
    text: str  # ANSWER: the answer as sent to the citizen
    officer: str | None  # who did it; None for the system (the sweep, intake)


def export_followups(conn: Connection, unit_code: str, since: datetime | None = None) -> list[FollowUp]:
    """The answers and status changes of the unit's LAPOR! tickets at or after ``since`` (naive UTC),
    oldest first."""
    unit_id = unit_id_by_code(conn, unit_code)
    lapor_tickets = (
        select(ticket.c.id)
        .where(ticket.c.unit_id == unit_id, ticket.c.channel == Channel.LAPOR.value, ticket.c.deleted_at.is_(None))
        .scalar_subquery()
    )
    answers = (
        select(message.c.id, message.c.ticket_id, message.c.body_text, message.c.created_at, officer.c.name)
        .outerjoin(officer, officer.c.id == message.c.author_id)
        .where(message.c.ticket_id.in_(lapor_tickets), message.c.direction == Direction.OUTBOUND.value)
    )
    changes = (
        select(event.c.id, event.c.ticket_id, event.c.action, event.c.detail, event.c.created_at, officer.c.name)
        .outerjoin(officer, officer.c.id == event.c.officer_id)
        .where(event.c.ticket_id.in_(lapor_tickets), event.c.action.in_(list(_STATUS_EVENTS)))
    )
    if since is not None:
        answers = answers.where(message.c.created_at >= since)
        changes = changes.where(event.c.created_at >= since)
    answer_rows = conn.execute(answers).all()
    change_rows = conn.execute(changes).all()
    ticket_ids = {r.ticket_id for r in answer_rows} | {r.ticket_id for r in change_rows}
    refs = _lapor_refs(conn, ticket_ids)
    found: list[FollowUp] = []
    for a in answer_rows:
        lapor_id, tracking_no = refs[a.ticket_id]
        key = f"aduan-message-{a.id}"
        found.append(FollowUp(key, lapor_id, tracking_no, ANSWER, a.created_at, None, None, a.body_text, a.name))
    for c in change_rows:
        lapor_id, tracking_no = refs[c.ticket_id]
        detail = json.loads(c.detail) if c.detail else {}
        new, old = _STATUS_EVENTS[c.action](detail if isinstance(detail, Mapping) else {})
        key = f"aduan-event-{c.id}"
        found.append(FollowUp(key, lapor_id, tracking_no, STATUS, c.created_at, new, old, "", c.name))
    found.sort(key=lambda f: (f.at, f.key))
    return found


def _lapor_refs(conn: Connection, ticket_ids: set[UUID]) -> dict[UUID, tuple[str, str]]:
    """Ticket id → (LAPOR! ID, Aduan tracking number)."""
    if not ticket_ids:
        return {}
    ids = sorted(ticket_ids)
    refs: dict[UUID, tuple[str, str]] = {}
    first_lapor: dict[UUID, str] = {}
    for m in conn.execute(
        select(message.c.ticket_id, message.c.external_id)
        .where(
            message.c.ticket_id.in_(ids),
            message.c.channel == Channel.LAPOR.value,
            message.c.direction == Direction.INBOUND.value,
            message.c.external_id.is_not(None),
        )
        .order_by(message.c.created_at, message.c.id)
    ):
        first_lapor.setdefault(m.ticket_id, m.external_id)
    for r in conn.execute(select(ticket.c.id, ticket.c.tracking_no, ticket.c.external_ref).where(ticket.c.id.in_(ids))):
        refs[r.id] = (r.external_ref or first_lapor.get(r.id) or "", r.tracking_no)
    return refs


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
    target = Path(path)
    try:
        handle, temporary = tempfile.mkstemp(prefix=".aduan-lapor-", dir=target.parent if str(target.parent) else ".")
    except OSError as exc:
        raise BadInput(f"cannot write {target}: {exc.strerror}") from None
    try:
        with os.fdopen(handle, "wb") as out:
            if file_format == "csv":
                _write_csv(rows, out)
            else:
                _write_xlsx(rows, out)
        os.replace(temporary, target)
    except OSError as exc:
        raise BadInput(f"cannot write {target}: {exc.strerror}") from None
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)


def _write_csv(rows: Sequence[FollowUp], out: Any) -> None:
    text = io.TextIOWrapper(out, encoding="utf-8-sig", newline="")
    writer = csv.writer(text)
    writer.writerow(COLUMNS)
    writer.writerows(row_values(f) for f in rows)
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
                cell = WriteOnlyCell(sheet, value=value)
                cell.data_type = "s"  # text stays text: a reply starting with "=" is no formula
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
