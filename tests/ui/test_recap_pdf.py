"""The monthly recap as a PDF (desktop/ui/stats/recap_pdf.py): read back with pdftotext (poppler-utils), as a
person would see the page, it names the unit and the month in Indonesian, carries the figures of the recap and
its chart; the statistics window's "Monthly recap…" offers last month and writes PDF or XLSX by the suffix.

No figure here depends on today: the reports are received at fixed moments of 2025 (tests/reports/recap_data.py),
and the window is told which day it is."""

from __future__ import annotations

import asyncio
import shutil
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from desktop.reports.recap import MonthlyRecap, monthly_recap
from desktop.sync.session import Session
from desktop.ui.ops import Ops
from desktop.ui.stats.recap_pdf import write_recap_pdf
from desktop.ui.stats.window import StatsWindow
from tests.reports.recap_data import pdf_text, receive_around_march
from tests.store.helpers import Org, build_org

TIMEOUT = 20_000


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    receive_around_march(built)
    yield built
    built.close()


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_pdf_names_the_unit_and_month_and_carries_the_figures(qapp: QApplication, org: Org, tmp_path: Path) -> None:
    recap: MonthlyRecap = org.admin.read(monthly_recap, None, ["kanreg"], date(2025, 3, 1))
    path = tmp_path / "rekap.pdf"
    write_recap_pdf(recap, path)
    text = pdf_text(path)
    assert recap.received == 3
    for expected in (
        "Laporan bulanan pengelolaan pengaduan",
        "Kantor Regional (kanreg) beserta sub-unitnya",
        "Bulan Maret 2025",
        "Laporan diterima 3",  # the summary
        "Tunggakan pada akhir bulan 2",
        "Kanal 1–2 Mar 3–9 Mar 10–16 Mar 17–23 Mar 24–30 Mar 31 Mar Jumlah",  # a column per week of the month
        "Formulir web 0 0 1 0 0 0 1",  # the channels of the month, by their names; the finished report by web form
        "Jumlah 0 0 1 1 1 0 3",
        "Kantor Regional I (jumlah unit) 2 1 0 1 100,0 16,0 16,0",  # first response: one met in 16 working hours
        "rudi",
        "Cara menghitung",
    ):
        assert expected in text, expected
    assert "March" not in text and "Received" not in text  # Indonesian, whatever the UI's language
    if shutil.which("pdfimages"):  # the chart is an image on the page
        listed = subprocess.run(["pdfimages", "-list", str(path)], check=True, capture_output=True, text=True)
        assert len(listed.stdout.splitlines()) == 3  # two header lines, one image


def test_the_window_saves_last_months_recap_as_pdf_or_xlsx(
    qtbot: QtBot, session: Session, ops: Ops, tmp_path: Path
) -> None:
    window = StatsWindow(session, ops, today=date(2026, 4, 15))
    qtbot.addWidget(window)
    saver = window.recap_saver
    saver.ask()
    assert saver.dialog is not None and saver.dialog.month() == date(2026, 3, 1)  # last month by default
    saver.dialog.reject()
    for name in ("rekap.pdf", "rekap.xlsx", "rekap.txt"):
        task = asyncio.ensure_future(saver.save(date(2026, 3, 1), tmp_path / name))
        qtbot.waitUntil(task.done, timeout=TIMEOUT)
        assert task.result() == (None if name.endswith(".txt") else tmp_path / name)
    assert "Maret 2026" in pdf_text(tmp_path / "rekap.pdf")
    assert load_workbook(tmp_path / "rekap.xlsx").sheetnames[0] == "Ringkasan"
    assert window.failed and not (tmp_path / "rekap.txt").exists()  # a suffix that is neither is refused
