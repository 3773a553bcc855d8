"""SP4N-LAPOR!: export files (CSV, XLSX) into tickets exactly once on every engine, the REST poller against a
real HTTP server, and the follow-ups exported and pushed back with the LAPOR! tracking ID."""

from __future__ import annotations

import csv
import io
import json
import socket
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest
from openpyxl import Workbook, load_workbook
from sqlalchemy import func, select

from desktop.channels.accounts import add_account, enabled_accounts
from desktop.channels.lapor import (
    DEFAULT_API_MAPPING,
    DEFAULT_EXPORT_MAPPING,
    LaporPoller,
    moment_of,
    parse_mapping,
    poller_from_config,
    read_export,
    retry_after_seconds,
    store_reports,
)
from desktop.channels.lapor_followups import (
    ANSWER,
    COLUMNS,
    STATUS,
    export_followups,
    push_followups,
    write_followups,
)
from desktop.domain.errors import BadInput, NotFound, NotPermitted, RateLimited, Unreachable
from desktop.domain.inbound import InboundMessage
from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Kind
from desktop.store import claims, handling, tickets
from desktop.store import intake as store_intake
from desktop.store.schema import message, reporter, reporter_contact, ticket
from tests.channels.fake_lapor import FOLLOW_UP_PATH, FakeLapor
from tests.store.helpers import Org, build_org

HEADER = list(DEFAULT_EXPORT_MAPPING.values())
# ID Laporan, Judul, Isi Laporan, Kategori, Nama Pelapor, Kontak, Tanggal, Jenis, Anonim, Rahasia
ROWS: list[list[Any]] = [
    ["#1916449", "Jalan berlubang di Jl. Merdeka", "Lubang besar di depan pasar.\nSudah dua bulan.", "Infrastruktur",
     "Siti Rahayu", "081234567890", "02/03/2026 09:30", "Pengaduan", "Tidak", "Tidak"],
    ["LAPOR-2000001", "Usul taman baca", "Mohon dibangun taman baca di kelurahan.", "Pendidikan",
     "Budi Santoso", "budi@example.id", "2026-03-03 10:00", "Aspirasi", "Ya", "Tidak"],
    ["2000002", "Jadwal vaksinasi", "Kapan jadwal vaksinasi anak di puskesmas?", "Kesehatan",
     "Ani", "0811111111", "2026-03-04T08:00:00+08:00", "Permintaan Informasi", "Tidak", "Ya"],
]  # fmt: skip


def csv_bytes(rows: list[list[Any]], delimiter: str = ",", encoding: str = "utf-8-sig", header: Any = None) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow(HEADER if header is None else header)
    writer.writerows(rows)
    return out.getvalue().encode(encoding)


def xlsx_bytes(rows: list[list[Any]], header: Any = None, above: list[list[Any]] | None = None) -> bytes:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for line in above or []:
        sheet.append(line)
    sheet.append(HEADER if header is None else header)
    for row in rows:
        sheet.append(row)
    out = io.BytesIO()
    workbook.save(out)
    return out.getvalue()


# -- reading export files -----------------------------------------------------------------------------


def test_a_csv_export_becomes_reports_that_keep_the_lapor_id() -> None:
    result = read_export(csv_bytes(ROWS), "laporan.csv")

    assert result.rejected == () and result.missing_columns == ()
    assert [r.row for r in result.reports] == [2, 3, 4]
    first, aspiration, question = result.messages
    assert first.channel is Channel.LAPOR
    assert first.external_id == "1916449"  # the site's "#" is no part of the ID
    assert first.subject == "Jalan berlubang di Jl. Merdeka"
    assert first.text == (
        "[SP4N-LAPOR! 1916449, 2026-03-02 09:30 Asia/Jakarta]\n\nLubang besar di depan pasar.\nSudah dua bulan."
    )
    assert (first.sender_name, first.sender_address) == ("Siti Rahayu", "081234567890")
    assert first.category == "Infrastruktur"
    assert first.kind is Kind.PENGADUAN
    assert first.received_at == datetime(2026, 3, 2, 2, 30)  # 09:30 WIB is 02:30 UTC
    assert not first.anonymous and not first.confidential
    assert aspiration.external_id == "LAPOR-2000001"
    assert aspiration.kind is Kind.ASPIRASI
    assert question.kind is Kind.PERMINTAAN_INFORMASI
    assert question.received_at == datetime(2026, 3, 4, 0, 0)  # the offset written wins over WIB
    assert question.confidential and not question.anonymous


def test_an_anonymous_report_is_read_without_name_or_contact() -> None:
    [_, aspiration, _] = read_export(csv_bytes(ROWS), "laporan.csv").messages

    assert aspiration.anonymous
    assert aspiration.sender_name is None and aspiration.sender_address is None
    assert "Budi" not in aspiration.text and "budi@example.id" not in aspiration.text


@pytest.mark.parametrize(
    ("delimiter", "encoding"),
    [(",", "utf-8-sig"), (";", "utf-8"), (";", "cp1252"), ("\t", "utf-16"), (",", "cp1252")],
)
def test_encodings_and_delimiters_are_recognised(delimiter: str, encoding: str) -> None:
    rows = [[*ROWS[0][:2], "Trotoar rusak – café “Kopi” tutup; bahaya, kata warga.", *ROWS[0][3:]]]

    [report] = read_export(csv_bytes(rows, delimiter, encoding), "ekspor.csv").messages

    assert report.text.endswith("\n\nTrotoar rusak – café “Kopi” tutup; bahaya, kata warga.")
    assert report.sender_name == "Siti Rahayu"


def test_bad_rows_are_rejected_with_their_numbers_and_the_rest_is_read() -> None:
    rows = [
        ROWS[0],
        ["", "Tanpa nomor", "Isi", "", "", "", "", "", "Tidak", "Tidak"],  # row 3
        [],  # row 4: blank, skipped
        ["2000009", "", "", "", "", "", "", "", "Tidak", "Tidak"],  # row 5: no text at all
        ["2000010", "Ragu", "Isi", "", "", "", "", "", "mungkin", "Tidak"],  # row 6
        ["2000011", "Pendek", "Baris ini kehilangan kolomnya"],  # row 7
        ["2000012", "Waktu aneh", "Isi", "", "", "", "kemarin sore", "Whistle Blowing", "Tidak", "Tidak"],  # row 8
        ROWS[1],  # row 9
    ]

    result = read_export(csv_bytes(rows), "laporan.csv")

    assert [(r.row, r.lapor_id) for r in result.rejected] == [(3, None), (5, "2000009"), (6, "2000010"), (7, None)]
    reasons = [r.reason for r in result.rejected]
    assert "ID Laporan" in reasons[0] and "empty" in reasons[0]
    assert "no text" in reasons[1]
    assert "Anonim" in reasons[2] and "'mungkin'" in reasons[2] and "Ya or Tidak" in reasons[2]
    assert "3 cells where the header has 10" in reasons[3]
    assert [r.row for r in result.reports] == [2, 8, 9]
    doubtful = result.messages[1]
    assert doubtful.received_at is None and doubtful.kind is None
    assert any("'kemarin sore'" in p for p in doubtful.problems)
    assert any("'Whistle Blowing'" in p for p in doubtful.problems)


def test_a_text_with_a_line_break_in_quotes_is_one_row() -> None:
    result = read_export(csv_bytes([ROWS[0], ROWS[1]]), "laporan.csv")

    assert [r.row for r in result.reports] == [2, 3]  # ROWS[0]'s text holds a line break
    assert result.messages[0].text.endswith("Lubang besar di depan pasar.\nSudah dua bulan.")


def test_missing_required_columns_are_named() -> None:
    header = ["Nomor", "Judul", "Isi", "Kategori"]

    with pytest.raises(BadInput) as refused:
        read_export(csv_bytes([["1", "a", "b", "c"]], header=header), "laporan.csv")

    assert "'ID Laporan' or 'Isi Laporan'" in refused.value.message
    assert "--mapping" in refused.value.message


def test_a_mapping_reads_other_column_names_and_optional_columns_may_be_missing() -> None:
    header = ["No. Tracking", "Judul", "Uraian", "Nama Pelapor"]
    mapping = parse_mapping('{"id": "No. Tracking", "text": "uraian", "kind": null}', DEFAULT_EXPORT_MAPPING)

    result = read_export(csv_bytes([["3000001", "Judul", "Uraian laporan", "Dewi"]], header=header), "x.csv", mapping)

    [report] = result.messages
    assert (report.external_id, report.sender_name) == ("3000001", "Dewi")
    assert report.text.endswith("Uraian laporan")  # header names match without regard to case
    assert set(result.missing_columns) == {"Kategori", "Kontak", "Tanggal", "Anonim", "Rahasia"}


@pytest.mark.parametrize(
    ("overrides", "says"),
    [
        ("{oops", "not JSON"),
        ("[1]", "JSON object"),
        ('{"nomor": "No"}', "unknown fields nomor"),
        ('{"id": null}', "cannot leave out 'id'"),
        ('{"text": 3}', "column name or JSON path"),
    ],
)
def test_a_bad_mapping_is_refused_clearly(overrides: str, says: str) -> None:
    with pytest.raises(BadInput, match=says):
        parse_mapping(overrides, DEFAULT_EXPORT_MAPPING)


def test_an_xlsx_export_is_read_with_its_cell_types_and_row_numbers() -> None:
    rows: list[list[Any]] = [
        [1916449, "Jalan berlubang", "Lubang besar.", "Infrastruktur", "Siti", "0812", datetime(2026, 3, 2, 9, 30),
         "Pengaduan", False, False],
        [None, None, None, None, None, None, None, None, None, None],  # row 5: blank
        [2000001.0, "Usul", "Taman baca.", None, "Budi", "0813", None, "aspirasi", True, "Ya"],
        ["2000002", "Ragu", "Isi.", None, None, None, None, None, "entah", None],  # row 7
    ]  # fmt: skip

    result = read_export(xlsx_bytes(rows, above=[["Ekspor LAPOR! Maret 2026"], []]), "ekspor.xlsx")

    assert [r.row for r in result.reports] == [4, 6]  # a title and an empty line above the header
    first, second = result.messages
    assert first.external_id == "1916449" and first.received_at == datetime(2026, 3, 2, 2, 30)
    assert second.external_id == "2000001"  # a number cell, not "2000001.0"
    assert second.anonymous and second.confidential and second.sender_name is None
    assert second.kind is Kind.ASPIRASI
    assert [(r.row, "Anonim" in r.reason) for r in result.rejected] == [(7, True)]


@pytest.mark.parametrize(
    ("data", "name", "says"),
    [
        (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj", "laporan.pdf", "not a LAPOR! export"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 64, "laporan.xls", "old Excel .xls"),
        (b"PK\x03\x04 not really a zip", "laporan.xlsx", "not a readable XLSX workbook"),
        (b"ID Laporan,Isi\x00Laporan\n1,2", "laporan.csv", "binary data"),
        (b"", "laporan.csv", "empty"),
        (b"ID Laporan;Isi Laporan\n\x81\x8d\x8f;x", "laporan.csv", "neither UTF-8 nor Windows-1252"),
    ],
)
def test_a_file_that_is_no_export_is_refused(data: bytes, name: str, says: str) -> None:
    with pytest.raises(BadInput, match=says):
        read_export(data, name)


@pytest.mark.parametrize(
    ("written", "utc"),
    [
        ("2026-03-02 09:30", datetime(2026, 3, 2, 2, 30)),
        ("2026-03-02T09:30:00Z", datetime(2026, 3, 2, 9, 30)),
        ("02-03-2026 09:30:15", datetime(2026, 3, 2, 2, 30, 15)),
        ("02/03/2026", datetime(2026, 3, 1, 17, 0)),
        (1772409600, datetime(2026, 3, 2, 0, 0)),  # Unix seconds
        (1772409600000, datetime(2026, 3, 2, 0, 0)),  # Unix milliseconds
        (46083.5, datetime(2026, 3, 2, 5, 0)),  # a spreadsheet's day number: noon WIB
        (5, None),
        ("31/02/2026", None),
    ],
)
def test_lapor_times_become_naive_utc(written: Any, utc: datetime | None) -> None:
    assert moment_of(written, ZoneInfo("Asia/Jakarta")) == utc


def test_an_unreadable_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="cannot read"):
        read_export(tmp_path / "tidak-ada.csv")


# -- into the store, on every engine --------------------------------------------------------------------


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def count(org: Org, table: Any) -> int:
    return int(org.admin.read(lambda conn: conn.execute(select(func.count()).select_from(table)).scalar_one()))


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_importing_twice_stores_each_report_once(org: Org, form: str) -> None:
    data = csv_bytes(ROWS, ";", "cp1252") if form == "csv" else xlsx_bytes(ROWS)
    result = read_export(data, f"laporan.{form}")

    first = store_reports(org.admin, result, "humas")
    again = store_reports(org.admin, read_export(data, f"laporan.{form}"), "humas")

    assert [(r.row, r.lapor_id) for r in first.created] == [(2, "1916449"), (3, "LAPOR-2000001"), (4, "2000002")]
    assert first.present == () and first.rejected == ()
    assert again.created == () and again.rejected == ()
    assert [(r.lapor_id, r.tracking_no) for r in again.present] == [(r.lapor_id, r.tracking_no) for r in first.created]
    assert count(org, ticket) == 3 and count(org, message) == 3
    stored = org.admin.read(
        lambda conn: conn.execute(
            select(message.c.external_id, ticket.c.kind, ticket.c.category, ticket.c.channel, ticket.c.tracking_no)
            .join(ticket, ticket.c.id == message.c.ticket_id)
            .order_by(ticket.c.tracking_no)
        ).all()
    )
    assert [tuple(r[:4]) for r in stored] == [
        ("1916449", "pengaduan", "Infrastruktur", "lapor"),
        ("LAPOR-2000001", "aspirasi", "Pendidikan", "lapor"),
        ("2000002", "permintaan_informasi", "Kesehatan", "lapor"),
    ]
    # The officers see the LAPOR! ID in the report's thread.
    ticket_id = org.admin.read(tickets.resolve_ticket_id, first.created[0].tracking_no)
    detail = org.ani.view(tickets.ticket_detail, ticket_id)
    assert detail.messages[0].body_text.startswith("[SP4N-LAPOR! 1916449, 2026-03-02 09:30 Asia/Jakarta]")
    assert detail.ticket.channel is Channel.LAPOR


def test_anonymous_and_confidential_reports_stay_so_in_the_store(org: Org) -> None:
    done = store_reports(org.admin, read_export(csv_bytes(ROWS), "laporan.csv"), "humas")

    by_id = {r.lapor_id: r.tracking_no for r in done.created}
    seen = {
        lapor_id: org.ani.view(tickets.ticket_detail, org.admin.read(tickets.resolve_ticket_id, no)).ticket.reporter
        for lapor_id, no in by_id.items()
    }
    anonymous = seen["LAPOR-2000001"]
    assert anonymous is not None and anonymous.anonymous and anonymous.name is None
    assert seen["2000002"] is not None and seen["2000002"].confidential and seen["2000002"].name == "Ani"
    names = org.admin.read(lambda conn: conn.execute(select(reporter.c.name)).scalars().all())
    contacts = org.admin.read(lambda conn: conn.execute(select(reporter_contact.c.address)).scalars().all())
    assert "Budi Santoso" not in names and "budi@example.id" not in contacts
    assert sorted(contacts) == ["0811111111", "081234567890"]


def test_a_very_long_report_is_kept_and_the_unit_must_exist(org: Org) -> None:
    long_text = "x" * 100_001  # longer than a message may be: kept whole as an attachment, not refused
    rows = [ROWS[0], ["2000020", "Panjang", long_text, "", "", "", "", "", "Tidak", "Tidak"]]

    done = store_reports(org.admin, read_export(csv_bytes(rows), "laporan.csv"), "humas")

    assert [r.row for r in done.created] == [2, 3] and done.rejected == ()
    with pytest.raises(NotFound):
        store_reports(org.admin, read_export(csv_bytes(ROWS), "laporan.csv"), "tidak-ada")
    assert count(org, ticket) == 2


def test_a_report_the_store_refuses_is_rejected_alone_and_the_rest_of_its_batch_is_stored(
    org: Org, monkeypatch: pytest.MonkeyPatch
) -> None:
    real_check = store_intake.checked_report

    def refusing(new: Any) -> Any:
        if new.external_id == "LAPOR-2000001":
            raise BadInput("the store says no to this one")
        return real_check(new)

    monkeypatch.setattr(store_intake, "checked_report", refusing)
    # The batch is stored together first; refused, it is rolled back and stored one report at a time.
    done = store_reports(org.admin, read_export(csv_bytes(ROWS), "laporan.csv"), "humas")

    assert [(r.row, r.lapor_id) for r in done.created] == [(2, "1916449"), (4, "2000002")]
    assert [(r.row, r.lapor_id, r.reason) for r in done.rejected] == [
        (3, "LAPOR-2000001", "the store says no to this one")
    ]
    assert [r.tracking_no[-6:] for r in done.created] == ["000001", "000002"]  # no number lost to the rollback
    assert count(org, ticket) == 2 and count(org, message) == 2


# -- follow-ups back to LAPOR! --------------------------------------------------------------------------


def imported(org: Org) -> dict[str, Any]:
    done = store_reports(org.admin, read_export(csv_bytes(ROWS), "laporan.csv"), "humas")
    return {r.lapor_id: org.admin.read(tickets.resolve_ticket_id, r.tracking_no) for r in done.created}


def test_answers_and_status_changes_are_exported_with_the_lapor_id(org: Org, tmp_path: Path) -> None:
    ids = imported(org)
    held = org.ani.write(claims.claim, ids["1916449"])
    org.ani.write(handling.change_status, held.id, held.claim.token, Status.DIVERIFIKASI)
    reply_id = org.ani.write(
        handling.reply, held.id, held.claim.token, "=Terima kasih, jalan akan diperbaiki pekan ini."
    )
    org.ani.write(handling.change_status, held.id, held.claim.token, Status.DITINDAKLANJUTI)
    org.ani.write(handling.add_note, held.id, "Catatan internal: tidak diekspor.", held.claim.token)

    rows = org.admin.read(export_followups, "humas", None)

    assert [(r.kind, r.lapor_id, r.status, r.previous_status) for r in rows] == [
        (STATUS, "1916449", "diverifikasi", "diterima"),
        (ANSWER, "1916449", None, None),
        (STATUS, "1916449", "ditindaklanjuti", "diverifikasi"),
    ]
    answer = rows[1]
    assert answer.text == "=Terima kasih, jalan akan diperbaiki pekan ini."
    assert answer.key == f"aduan-message-{reply_id}" and answer.officer == "Ani Wijaya"
    assert all(r.tracking_no == held.tracking_no for r in rows)
    assert org.admin.read(export_followups, "humas", rows[-1].at + timedelta(seconds=1)) == []
    assert [r.key for r in org.admin.read(export_followups, "humas", rows[1].at)] == [r.key for r in rows[1:]]
    assert org.admin.read(export_followups, "kanreg", None) == []  # another unit's LAPOR! tickets only

    write_followups(rows, tmp_path / "tl.csv", "csv")
    raw = (tmp_path / "tl.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads the BOM as UTF-8
    table = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline="")))
    assert table[0] == list(COLUMNS)
    assert [(t[0], t[1], t[2], t[4]) for t in table[1:]] == [
        ("1916449", held.tracking_no, "status", "diverifikasi"),
        ("1916449", held.tracking_no, "tindak_lanjut", ""),
        ("1916449", held.tracking_no, "status", "ditindaklanjuti"),
    ]
    # A spreadsheet would take the answer for a formula: the cell starts with the quote that says "text".
    assert table[2][6] == "'" + answer.text and table[2][3] == answer.at.isoformat(timespec="seconds") + "Z"

    write_followups(rows, tmp_path / "tl.xlsx", "xlsx")
    sheet = load_workbook(tmp_path / "tl.xlsx", read_only=True).worksheets[0]
    cells = [list(r) for r in sheet.iter_rows(values_only=True)]  # type: ignore[union-attr]
    assert cells[0] == list(COLUMNS)
    assert cells[2][0] == "1916449" and cells[2][6] == answer.text  # text, not a formula
    assert abs(cells[2][3] - answer.at) < timedelta(seconds=1)  # a real date-time cell


def test_a_status_change_made_by_intake_counts_too(org: Org) -> None:
    ids = imported(org)
    held = org.ani.write(claims.claim, ids["2000002"])
    for target in (Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.MENUNGGU_PELAPOR):
        org.ani.write(handling.change_status, held.id, held.claim.token, target)
    answer = InboundMessage(
        Channel.LAPOR, "2000002:komentar:1", None, None, f"Re: {held.tracking_no}", "Anak saya 4 th."
    )
    store_reports_direct(org, answer)

    statuses = [(r.status, r.officer) for r in org.admin.read(export_followups, "humas", None) if r.kind == STATUS]

    assert statuses == [
        ("diverifikasi", "Ani Wijaya"),
        ("ditindaklanjuti", "Ani Wijaya"),
        ("menunggu_pelapor", "Ani Wijaya"),
        ("ditindaklanjuti", None),  # the reporter answered: intake moved it back to follow-up
    ]


def store_reports_direct(org: Org, inbound: Any) -> None:
    from desktop.store import intake
    from desktop.store.work import begin

    org.admin.admin(lambda conn: intake.receive(begin(conn, None), inbound, "humas"))


def test_an_export_file_cannot_be_written_where_there_is_no_folder(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="cannot write"):
        write_followups([], tmp_path / "tidak-ada" / "tl.csv", "csv")
    with pytest.raises(BadInput, match="csv or xlsx"):
        write_followups([], tmp_path / "tl.ods", "ods")
    assert list(tmp_path.iterdir()) == []


# -- the REST poller --------------------------------------------------------------------------------------


@pytest.fixture
def fake() -> Iterator[FakeLapor]:
    server = FakeLapor().start()
    yield server
    server.stop()


def poller(fake: FakeLapor, **options: Any) -> LaporPoller:
    return LaporPoller(
        fake.base_url, fake.token, DEFAULT_API_MAPPING, "/api/v1/laporan", "data", "since", timeout=3, **options
    )


def test_the_poller_pages_through_reports_and_keeps_a_cursor(fake: FakeLapor) -> None:
    for n in range(5):
        fake.add_report(f"500000{n}", f"2026-03-0{n + 1}T08:00:00+07:00")
    fake.add_report("5000009", "2026-03-05T08:00:00+07:00", is_anonymous=True, classification="Aspirasi")

    messages, cursor = poller(fake, page_size=2).poll(None)

    assert [m.external_id for m in messages] == ["5000000", "5000001", "5000002", "5000003", "5000004", "5000009"]
    assert [r.params.get("page") for r in fake.list_requests()] == ["1", "2", "3", "4"]
    assert all("since" not in r.params for r in fake.list_requests())
    assert cursor == "2026-03-05T08:00:00+07:00"
    first, anonymous = messages[0], messages[-1]
    assert (first.subject, first.sender_name, first.category) == ("Laporan 5000000", "Siti Rahayu", "Infrastruktur")
    assert first.received_at == datetime(2026, 3, 1, 1, 0)
    assert anonymous.anonymous and anonymous.sender_name is None and anonymous.sender_address is None
    assert anonymous.kind is Kind.ASPIRASI

    fake.add_report("5000010", "2026-03-06T09:00:00+07:00")
    again, next_cursor = poller(fake, page_size=2).poll(cursor)

    # The boundary comes again (the store recognises it by its ID); nothing older does.
    assert [m.external_id for m in again] == ["5000004", "5000009", "5000010"]
    assert fake.list_requests()[-1].params["since"] == cursor
    assert next_cursor == "2026-03-06T09:00:00+07:00"
    assert poller(fake).poll(next_cursor)[1] == next_cursor  # nothing new: the cursor stays


def test_a_report_the_poller_cannot_read_is_kept_on_the_safe_side(fake: FakeLapor) -> None:
    fake.add_report("", "2026-03-01T08:00:00+07:00", title="Tanpa nomor", is_anonymous="entah", is_secret="?")

    [kept], _ = poller(fake).poll(None)

    assert kept.external_id.startswith("tanpa-id:")
    assert kept.anonymous and kept.confidential and kept.sender_name is None
    assert len(kept.problems) == 3
    assert poller(fake).poll(None)[0][0].external_id == kept.external_id  # the same report, the same id


def test_a_wrong_token_is_not_permitted_and_never_shown(fake: FakeLapor) -> None:
    wrong = "lapor-WRONG-1234567890"
    with pytest.raises(NotPermitted) as refused:
        LaporPoller(fake.base_url, wrong, timeout=3).poll(None)
    assert "HTTP 401" in refused.value.message and "Unauthenticated" in refused.value.message
    assert wrong not in refused.value.message


def test_a_token_in_the_query_is_kept_out_of_errors() -> None:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]  # closed again: nothing listens there
    token = "lapor-SECRET-in-query-42"
    with pytest.raises(Unreachable) as failed:
        LaporPoller(f"http://127.0.0.1:{port}", token, token_param="KEYTOKEN", timeout=2).poll(None)
    assert token not in failed.value.message and "<token>" in failed.value.message


def test_rate_limits_server_errors_and_pages_that_are_not_json_are_unreachable(fake: FakeLapor) -> None:
    fake.add_report("6000001", "2026-03-01T08:00:00+07:00")
    fake.rate_limit(retry_after=42)
    with pytest.raises(RateLimited) as limited:
        poller(fake).poll(None)
    assert limited.value.retry_after == 42 and isinstance(limited.value, Unreachable)

    fake.fail(503)
    with pytest.raises(Unreachable, match="HTTP 503"):
        poller(fake).poll(None)

    fake.maintenance()
    with pytest.raises(Unreachable, match="not JSON"):
        poller(fake).poll(None)

    assert [m.external_id for m in poller(fake).poll(None)[0]] == ["6000001"]  # and then it works again


def test_a_slow_server_times_out_as_unreachable(fake: FakeLapor) -> None:
    fake.delay = 2.0
    with pytest.raises(Unreachable, match="in time"):
        LaporPoller(fake.base_url, fake.token, timeout=0.5).poll(None)


def test_a_wrong_list_path_is_not_found(fake: FakeLapor) -> None:
    with pytest.raises(NotFound, match="list_path"):
        LaporPoller(fake.base_url, fake.token, list_path="/api/v2/pengaduan", timeout=3).poll(None)


def test_an_answer_without_the_list_is_unreachable(fake: FakeLapor) -> None:
    with pytest.raises(Unreachable, match="'reports'"):
        LaporPoller(fake.base_url, fake.token, items_key="reports", timeout=3).poll(None)


def test_retry_after_reads_seconds_and_dates() -> None:
    assert retry_after_seconds("120") == 120
    assert retry_after_seconds(None) == 60
    assert retry_after_seconds("Wed, 21 Oct 2015 07:28:00 GMT") == 0  # in the past
    assert retry_after_seconds("soon") == 60


def test_polled_reports_enter_the_store_once(org: Org, fake: FakeLapor) -> None:
    fake.add_report("7000001", "2026-03-01T08:00:00+07:00")
    fake.add_report("7000002", "2026-03-02T08:00:00+07:00", is_secret=True)
    source = poller(fake)
    messages, cursor = source.poll(None)
    again, _ = source.poll(cursor)

    for inbound in [*messages, *again]:
        store_reports_direct(org, inbound)

    assert count(org, ticket) == 2 and count(org, message) == 2


def test_a_channel_account_configures_the_poller(org: Org, fake: FakeLapor) -> None:
    fake.add_report("7100001", "2026-03-01T08:00:00+07:00", laporan={"judul": "Judul lain"})
    config = {
        "base_url": fake.base_url,
        "list_path": "/api/v1/laporan",
        "items_path": "data",
        "since_param": "since",
        "page_size": 50,
        "params": {"sort": "updated_at"},
        "mapping": {"subject": "laporan.judul"},
        "timeout": 3,
    }
    org.admin.admin(add_account, Channel.LAPOR, "LAPOR! Humas", "humas", json.dumps(config), "env")
    [account] = org.admin.admin(enabled_accounts)

    [report], _ = poller_from_config(account.config, fake.token).poll(None)

    assert report.subject == "Judul lain"
    assert fake.list_requests()[-1].params == {"sort": "updated_at", "page": "1", "limit": "50"}
    for bad, says in (
        ({}, "base_url"),
        ({**config, "page_size": "banyak"}, "'page_size' must be a number"),
        ({**config, "items_path": 3}, "'items_path' must be text"),
        ({**config, "params": ["x"]}, "params"),
        ({**config, "mapping": {"nomor": "x"}}, "unknown fields"),
    ):
        with pytest.raises(BadInput, match=says):
            poller_from_config(bad, fake.token)
    with pytest.raises(BadInput, match="secret"):
        poller_from_config(config, None)


def test_follow_ups_are_pushed_once_per_key(org: Org, fake: FakeLapor) -> None:
    ids = imported(org)
    held = org.ani.write(claims.claim, ids["LAPOR-2000001"])
    org.ani.write(handling.reply, held.id, held.claim.token, "Usulan Anda kami teruskan ke dinas pendidikan.")
    rows = org.admin.read(export_followups, "humas", None)
    url = fake.base_url + FOLLOW_UP_PATH

    first = push_followups(rows, url, fake.token, timeout=3)
    second = push_followups(rows, url, fake.token, timeout=3)

    assert first == second == [r.key for r in rows]
    assert list(fake.follow_ups) == [r.key for r in rows]  # a repeat stored nothing new
    posted = [r for r in fake.requests if r.path == FOLLOW_UP_PATH]
    assert [r.headers["idempotency-key"] for r in posted] == [r.key for r in rows] * 2
    body = fake.follow_ups[rows[0].key]
    assert body["tracking_id"] == "LAPOR-2000001" and body["type"] == "tindak_lanjut"
    assert body["content"] == "Usulan Anda kami teruskan ke dinas pendidikan."
    with pytest.raises(NotPermitted) as refused:
        push_followups(rows, url, "salah-token-123", timeout=3)
    assert "salah-token-123" not in refused.value.message
