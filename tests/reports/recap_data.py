"""Reports of March 2025 (and either side of it) received at fixed moments, for the monthly recap's tests."""

from __future__ import annotations

import os
import shutil
import subprocess
import unicodedata
from datetime import datetime
from pathlib import Path
from uuid import UUID

import pytest

from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Kind
from desktop.store import claims, handling
from desktop.store.work import Work
from tests.reports.helpers import received_at
from tests.store.helpers import Org

MONTH = "2025-03"
FORMULA_CATEGORY = "=SUM(A1:A9)"  # a category a citizen's form could carry: text in the workbook, never a formula


def receive_around_march(org: Org) -> None:
    """humas: four reports in March (one at 00.30 WIB on 1 March, received 17.30 UTC on 28 February), one in
    February still open at the end of March, one at 00.30 WIB on 1 April; kanreg-1: two in March, the first
    finished on 12 March; kanreg: one in March."""
    for at, channel, kind, category in (
        (datetime(2025, 2, 20, 2, 0), Channel.WEB, Kind.PENGADUAN, "jalan"),
        (datetime(2025, 2, 28, 17, 30), Channel.EMAIL, Kind.PENGADUAN, "jalan"),
        (datetime(2025, 3, 3, 2, 0), Channel.EMAIL, Kind.PENGADUAN, "jalan"),
        (datetime(2025, 3, 5, 2, 0), Channel.WHATSAPP, Kind.ASPIRASI, FORMULA_CATEGORY),
        (datetime(2025, 3, 20, 2, 0), Channel.EMAIL, Kind.PERMINTAAN_INFORMASI, None),
        (datetime(2025, 3, 31, 17, 30), Channel.WHATSAPP, Kind.PENGADUAN, "jalan"),
    ):
        received_at(org.ani, at, "humas", channel=channel, kind=kind, category=category)
    finished = received_at(
        org.rudi, datetime(2025, 3, 10, 2, 0), "kanreg-1", channel=Channel.WEB, kind=Kind.PENGADUAN, category="jalan"
    )

    def finish(work: Work, ticket_id: UUID) -> None:
        work.prime(datetime(2025, 3, 12, 2, 0), None)
        token = int(claims.claim(work, ticket_id).claim.token)
        for status in (Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.SELESAI):
            handling.change_status(work, ticket_id, token, status)

    org.rudi.write(finish, finished.id)
    received_at(org.rudi, datetime(2025, 3, 25, 2, 0), "kanreg-1", channel=Channel.LAPOR, kind=Kind.PENGADUAN)
    received_at(org.sari, datetime(2025, 3, 18, 2, 0), "kanreg", channel=Channel.PHONE, kind=Kind.ASPIRASI)


def pdf_text(path: Path) -> str:
    """The PDF's words in reading order, as a person reads them (pdftotext from poppler-utils, without -layout:
    a table's line stays together), spaces and compatibility forms folded."""
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext (poppler-utils) is missing")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    shown = subprocess.run(["pdftotext", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return " ".join(unicodedata.normalize("NFKC", shown).split())
