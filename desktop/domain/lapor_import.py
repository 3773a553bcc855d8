"""What an import of SP4N-LAPOR! reports tells the admin: which rows were stored, which were there before,
which were rejected and why. Plain data, so that the server's commands can name it without loading the
connector (``channels/lapor``) and its HTTP client."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class RejectedRow:
    row: int
    reason: str
    lapor_id: str | None = None


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
