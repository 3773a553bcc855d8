"""``aduan lapor import`` and ``aduan lapor export`` as real processes: a LAPOR! export becomes tickets once,
bad rows are listed without failing the import, an unreadable file changes nothing, and an officer's answer
comes back out with its LAPOR! tracking ID."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from desktop.domain.vocabulary import Role
from desktop.store import directory
from desktop.store.service import Store
from tests.e2e.cli import ok_json, run
from tests.store.helpers import add_officer_without_login, snapshot

HEADER = ["ID Laporan", "Judul", "Isi Laporan", "Kategori", "Nama Pelapor", "Kontak", "Tanggal", "Jenis", "Anonim",
          "Rahasia"]  # fmt: skip
ROWS = [
    ["1916449", "Lampu jalan mati", "Lampu di Jl. Merdeka mati seminggu.", "Infrastruktur", "Siti Rahayu",
     "081234567890", "02/03/2026 09:30", "Pengaduan", "Tidak", "Tidak"],
    ["", "Tanpa nomor", "Laporan tanpa ID.", "", "", "", "", "", "Tidak", "Tidak"],
    ["2000001", "Usul taman", "Mohon taman baca.", "Pendidikan", "Budi Santoso", "0813", "", "Aspirasi", "Ya",
     "Tidak"],
]  # fmt: skip


@pytest.fixture
def url(migrated_url: str) -> str:
    store = Store(migrated_url)
    store.admin(directory.add_unit, "humas", "Biro Humas")
    store.admin(add_officer_without_login, "ani", "Ani Wijaya", ["humas"], Role.OFFICER)
    store.dispose()
    return migrated_url


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";")
    writer.writerow(HEADER)
    writer.writerows(rows)
    path.write_bytes(out.getvalue().encode("cp1252"))
    return path


def test_an_export_is_imported_once_with_its_bad_rows_listed(url: str, tmp_path: Path) -> None:
    export = write_csv(tmp_path / "lapor.csv", ROWS)

    first = ok_json(url, "lapor", "import", str(export), "--unit", "humas")
    again = ok_json(url, "lapor", "import", str(export), "--unit", "humas")
    text = run(url, "lapor", "import", str(export), "--unit", "humas")

    assert [(r["row"], r["lapor_id"]) for r in first["created"]] == [(2, "1916449"), (4, "2000001")]
    assert [(r["row"], "ID Laporan" in r["reason"]) for r in first["rejected"]] == [(3, True)]
    assert again["created"] == [] and [r["tracking_no"] for r in again["present"]] == [
        r["tracking_no"] for r in first["created"]
    ]
    assert text.returncode == 0
    assert "row 3: rejected:" in text.stdout and "0 created, 2 already present, 1 rejected" in text.stdout
    shown = ok_json(url, "ticket", "show", first["created"][0]["tracking_no"], officer="ani")
    assert shown["channel"] == "lapor" and shown["category"] == "Infrastruktur"
    assert shown["messages"][0]["text"].startswith("[SP4N-LAPOR! 1916449, 2026-03-02 09:30 Asia/Jakarta]")
    anonymous = ok_json(url, "ticket", "show", first["created"][1]["tracking_no"], officer="ani")
    assert anonymous["kind"] == "aspirasi"
    assert anonymous["reporter"] == {"name": None, "anonymous": True, "confidential": False}
    assert "Budi" not in json.dumps(anonymous)


def test_an_xlsx_export_with_its_own_column_names(url: str, tmp_path: Path) -> None:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    sheet.append(["No. Tracking", "Judul", "Uraian"])
    sheet.append([3000001, "Sampah menumpuk", "Sampah di pasar belum diangkut."])
    workbook.save(tmp_path / "lapor.xlsx")
    mapping = json.dumps({"id": "No. Tracking", "text": "Uraian"})

    done = ok_json(url, "lapor", "import", str(tmp_path / "lapor.xlsx"), "--unit", "humas", "--mapping", mapping)

    assert [r["lapor_id"] for r in done["created"]] == ["3000001"]
    assert "Anonim" in done["missing_columns"]


def test_a_file_that_cannot_be_read_changes_nothing(url: str, tmp_path: Path) -> None:
    before = snapshot(Store(url).engine)
    (tmp_path / "lain.csv").write_text("Nomor;Isi\n1;x\n", encoding="utf-8")
    (tmp_path / "laporan.pdf").write_bytes(b"%PDF-1.7")
    write_csv(tmp_path / "lapor.csv", ROWS)
    for args, code, says in (
        ((str(tmp_path / "lain.csv"), "--unit", "humas"), 2, "no column 'ID Laporan' or 'Isi Laporan'"),
        ((str(tmp_path / "laporan.pdf"), "--unit", "humas"), 2, "not a LAPOR! export"),
        ((str(tmp_path / "hilang.csv"), "--unit", "humas"), 2, "cannot read"),
        ((str(tmp_path / "lapor.csv"), "--unit", "humas", "--mapping", '{"nomor": "x"}'), 2, "unknown fields"),
        ((str(tmp_path / "lapor.csv"), "--unit", "tidak-ada"), 5, "no unit"),
    ):
        done = run(url, "lapor", "import", *args)
        assert done.returncode == code and says in done.stderr, (args, done.stderr)
    assert snapshot(Store(url).engine) == before


def test_an_answer_is_exported_with_the_lapor_id(url: str, tmp_path: Path) -> None:
    created = ok_json(url, "lapor", "import", str(write_csv(tmp_path / "lapor.csv", ROWS)), "--unit", "humas")
    number = created["created"][0]["tracking_no"]
    ok_json(url, "ticket", "claim", number, officer="ani")
    ok_json(url, "ticket", "status", number, "diverifikasi", officer="ani")
    ok_json(url, "ticket", "reply", number, "--text", "Lampu sudah kami perbaiki. Terima kasih.", officer="ani")

    as_csv = ok_json(url, "lapor", "export", "--unit", "humas", "--format", "csv", "--output", str(tmp_path / "tl.csv"))
    as_xlsx = ok_json(
        url, "lapor", "export", "--unit", "humas", "--format", "xlsx", "--output", str(tmp_path / "tl.xlsx")
    )
    later = ok_json(
        url, "lapor", "export", "--unit", "humas", "--since", "2999-01-01T00:00:00+07:00",
        "--format", "csv", "--output", str(tmp_path / "kosong.csv"),
    )  # fmt: skip

    assert as_csv["rows"] == as_xlsx["rows"] == 2 and as_csv["answers"] == 1 and later["rows"] == 0
    table = list(csv.DictReader(io.StringIO((tmp_path / "tl.csv").read_text(encoding="utf-8-sig"), newline="")))
    assert [(r["ID Laporan"], r["Nomor Aduan"], r["Jenis"], r["Status"]) for r in table] == [
        ("1916449", number, "status", "diverifikasi"),
        ("1916449", number, "tindak_lanjut", ""),
    ]
    assert (
        table[1]["Tindak Lanjut"] == "Lampu sudah kami perbaiki. Terima kasih." and table[1]["Petugas"] == "Ani Wijaya"
    )
    rows = list(load_workbook(tmp_path / "tl.xlsx").worksheets[0].iter_rows(values_only=True))
    assert rows[2][0] == "1916449" and rows[2][6] == "Lampu sudah kami perbaiki. Terima kasih."
    bad = run(url, "lapor", "export", "--unit", "humas", "--since", "kemarin", "--format", "csv", "--output", "x.csv")
    assert bad.returncode == 2 and "--since 'kemarin' is not a time" in bad.stderr
