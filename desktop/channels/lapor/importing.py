"""LAPOR! reports into the store, many to a transaction: together, or each in a savepoint of its own when the
store refuses one of them."""

from __future__ import annotations

from sqlalchemy import Connection

from desktop.domain.errors import BadInput
from desktop.domain.inbound import Received
from desktop.domain.lapor_import import ImportReport, RejectedRow, StoredRow
from desktop.store import intake
from desktop.store.identity import unit_id_by_code
from desktop.store.service import Store
from desktop.store.work import Work, begin

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
    together = _receive_together(work, reports, unit_code)
    if together is not None:
        return together
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


def _receive_together(work: Work, reports: tuple[ReportRow, ...], unit_code: str) -> list[Received | str] | None:
    """The reports in one savepoint, those imported before found in one query; None when one was refused (the
    savepoint is rolled back: they are received again one at a time)."""
    savepoint = work.conn.begin_nested()
    try:
        batch = intake.IntakeBatch.among(work, [report.message for report in reports])
        with work.deferring():
            done: list[Received | str] = [intake.receive(work, r.message, unit_code, batch=batch) for r in reports]
            batch.finish(work)
    except BadInput:
        savepoint.rollback()
        return None
    savepoint.commit()
    return done
