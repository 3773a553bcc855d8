"""``aduan stats recap``: the monthly recap written as PDF and XLSX by the command line in a child process
(which makes its own offscreen Qt application for the PDF), its summary printed; a supervisor asking for
another unit's recap is refused (exit 5) and no file is written. Reports are received at fixed moments."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.e2e.cli import run
from tests.reports.recap_data import MONTH, pdf_text, receive_around_march
from tests.store.helpers import Org, build_org

SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    receive_around_march(built)
    yield built
    built.close()


@SQLITE_ONLY
def test_the_recap_is_written_as_pdf_and_xlsx_and_refused_beyond_the_askers_units(org: Org, tmp_path: Path) -> None:
    pdf, xlsx = tmp_path / "rekap.pdf", tmp_path / "rekap.xlsx"
    done = run(org.url, "stats", "recap", "--unit", "humas", "--month", MONTH, "--pdf", str(pdf), "--xlsx", str(xlsx))
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    assert lines[-2:] == [f"XLSX written to {xlsx}", f"PDF written to {pdf}"]
    assert "Laporan diterima                4" in done.stdout
    words = pdf_text(pdf)
    for expected in ("Laporan bulanan pengelolaan pengaduan", "Biro Humas (humas)", "Maret 2025", "Cara menghitung"):
        assert expected in words, expected
    summary = {row[0].value: row[1].value for row in load_workbook(xlsx)["Ringkasan"].iter_rows() if len(row) > 1}
    assert summary["Laporan diterima"] == 4 and summary["Tunggakan pada akhir bulan"] == 5

    refused = run(
        org.url, "stats", "recap", "--unit", "humas", "--month", MONTH, "--pdf", str(tmp_path / "x.pdf"), officer="sari"
    )
    assert refused.returncode == 5 and "not yours to see" in refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir() if p.suffix in (".pdf", ".xlsx")) == ["rekap.pdf", "rekap.xlsx"]
