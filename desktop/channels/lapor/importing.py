"""LAPOR! reports into the store, each in its own transaction."""

from __future__ import annotations

from sqlalchemy import Connection

from desktop.domain.errors import BadInput
from desktop.domain.inbound import InboundMessage, Received
from desktop.domain.lapor_import import ImportReport, RejectedRow, StoredRow
from desktop.store import intake
from desktop.store.identity import unit_id_by_code
from desktop.store.service import Store
from desktop.store.work import begin

from .files import ImportResult


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


def _receive(conn: Connection, inbound: InboundMessage, unit_code: str) -> Received:
    return intake.receive(begin(conn, None), inbound, unit_code)
