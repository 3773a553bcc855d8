"""LAPOR! reports into the store, many to a transaction, each in a savepoint of its own."""

from __future__ import annotations

from sqlalchemy import Connection

from desktop.domain.errors import BadInput
from desktop.domain.inbound import Received
from desktop.domain.lapor_import import ImportReport, RejectedRow, StoredRow
from desktop.store import intake
from desktop.store.identity import unit_id_by_code
from desktop.store.service import Store
from desktop.store.work import begin

from .files import ImportResult, ReportRow

# Reports per transaction: a year of a unit's export (100,000 rows) is not 100,000 commits, and a transaction
# holding the year's tracking-number counter stays short for the officers filing reports meanwhile.
BATCH = 100


def store_reports(store: Store, result: ImportResult, unit_code: str) -> ImportReport:
    """Receive each report into ``unit_code``: one refused report is rejected with its row (its savepoint
    rolled back) and the others are stored. A lost database connection stops the import (run it again: what
    was stored is recognised)."""
    store.read(unit_id_by_code, unit_code)  # NotFound before anything is stored
    created: list[StoredRow] = []
    present: list[StoredRow] = []
    rejected = list(result.rejected)
    reports = result.reports
    for start in range(0, len(reports), BATCH):
        batch = reports[start : start + BATCH]
        for report, done in zip(batch, store.admin(_receive_all, batch, unit_code), strict=True):
            if isinstance(done, str):
                rejected.append(RejectedRow(report.row, done, report.message.external_id))
                continue
            stored = StoredRow(report.row, report.message.external_id, done.tracking_no)
            (present if done.duplicate else created).append(stored)
    rejected.sort(key=lambda r: r.row)
    return ImportReport(tuple(created), tuple(present), tuple(rejected))


def _receive_all(conn: Connection, reports: tuple[ReportRow, ...], unit_code: str) -> list[Received | str]:
    """Each report's reception, or why the store refused it."""
    work = begin(conn, None)
    work.prime(work.now, work.seq)  # the transaction's time and stamp, before a savepoint could roll them back
    outcomes: list[Received | str] = []
    for report in reports:
        savepoint = conn.begin_nested()
        try:
            outcomes.append(intake.receive(work, report.message, unit_code))
        except BadInput as exc:
            savepoint.rollback()
            outcomes.append(exc.message)
            continue
        savepoint.commit()
    return outcomes
