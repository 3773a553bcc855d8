"""The monthly recap (desktop/reports/recap.py, the ``stats recap`` command, recap_xlsx.py): its numbers are
the figures layer's for the same unit and month; the workbook read back holds them as numbers; a supervisor
gets their own units and is refused another's; a month that is no month, or has not begun, is refused.

The recap adds no SQL of its own to the figures (tested on every engine in test_figures.py): SQLite only.
No figure here depends on today: the reports are received at fixed moments of 2025 (recap_data.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import date, datetime
from pathlib import Path

import pytest
from openpyxl import load_workbook
from sqlalchemy import Connection

from desktop.domain.errors import BadInput, NotPermitted
from desktop.reports import behaviour, figures, recap
from desktop.reports.recap import MonthlyRecap
from desktop.reports.recap_xlsx import write_recap_xlsx
from desktop.server import commands
from desktop.store.identity import load_actor
from tests.reports.recap_data import FORMULA_CATEGORY, MONTH, receive_around_march
from tests.store.helpers import Org, build_org

MARCH = (date(2025, 3, 1), date(2025, 3, 31))
SQLITE_ONLY = pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    receive_around_march(built)
    yield built
    built.close()


def asked(org: Org, login: str | None, units: list[str], month: str = MONTH) -> MonthlyRecap:
    def read(conn: Connection) -> MonthlyRecap:
        actor = None if login is None else load_actor(conn, login)
        return commands.run_direct(
            commands.stats_recap, org.admin, actor, commands.RecapQuery(units=units, month=month)
        )

    return org.admin.read(read)


@SQLITE_ONLY
def test_the_recap_holds_the_figures_of_the_unit_and_month(org: Org) -> None:
    made = asked(org, None, ["humas"])

    def reference(conn: Connection) -> dict[str, object]:
        scope = figures.scope_for(conn, None, figures.StatsFilter(*MARCH, units=("humas",)))
        end = figures.end_of_day(conn, scope, MARCH[1])
        until_end = replace(scope, filter=replace(scope.filter, since=None))
        return {
            "by_channel": figures.volumes(conn, scope, "week", "channel"),
            "by_kind": figures.volumes(conn, scope, "week", "kind"),
            "by_category": figures.volumes(conn, scope, "week", "category"),
            "daily": figures.volumes(conn, scope, "day", None),
            "backlog": figures.backlog(conn, until_end, end),
            "service": figures.service_levels(conn, scope, end),
            "as_of": end,
            "behaviour": (
                behaviour.flows(conn, scope),
                behaviour.reopen_rate(conn, scope),
                behaviour.returning_reporters(conn, scope),
            ),  # fmt: skip
        }

    expected_figures = org.admin.read(reference)
    flows, reopened, returning = expected_figures.pop("behaviour")  # type: ignore[misc]
    for name, expected in expected_figures.items():
        assert getattr(made, name) == expected, name
    further = {t.sheet: t for t in made.further}
    assert [row[3] for row in further["Perpindahan antarunit"].rows] == [r.count for r in flows]
    assert [row[1:3] for row in further["Dibuka kembali"].rows] == [(r.finished, r.reopened) for r in reopened]
    assert [row[1:3] for row in further["Pelapor kembali"].rows] == [(r.reporters, r.returning) for r in returning]
    assert returning and returning[-1].reporters > 0  # there is something to compare
    assert (made.units, made.unit_names, made.month) == (("humas",), {"humas": "Biro Humas"}, MARCH[0])
    assert made.as_of == datetime(2025, 3, 31, 16, 59, 59, 999999)  # the end of 31 March, WIB
    # By hand: 1 March 00.30 WIB counts in March (its week is the one of Monday 24 February), 1 April does not.
    assert made.received == 4
    assert {(v.period, v.key): v.count for v in made.by_channel} == {
        (date(2025, 2, 24), "email"): 1,
        (date(2025, 3, 3), "email"): 1,
        (date(2025, 3, 3), "whatsapp"): 1,
        (date(2025, 3, 17), "email"): 1,
    }
    assert sum(b.count for b in made.backlog) == 5  # February's report is still open at the end of March
    assert [(s.unit, s.officer, s.received) for s in made.service if s.officer is None] == [("humas", None, 4)]
    # The tables say the same, in Indonesian.
    tables = {t.sheet: t for t in recap.recap_tables(made)}
    weeks = tables["Per minggu, kanal"]  # a line per channel, a column per week (a month has at most six)
    assert weeks.headers == ("Kanal", "1–2 Mar", "3–9 Mar", "10–16 Mar", "17–23 Mar", "24–30 Mar", "31 Mar", "Jumlah")
    assert weeks.rows == (
        ("Email", 1, 1, 0, 1, 0, 0, 3),
        ("WhatsApp", 0, 1, 0, 0, 0, 0, 1),
        ("Jumlah", 1, 2, 0, 1, 0, 0, 4),
    )
    assert tables["Per hari"].rows[0] == ("1 Maret 2025", 1) and len(tables["Per hari"].rows) == 32
    assert tables["Tunggakan"].rows[-1][-1] == 5
    summary = dict(tables["Ringkasan"].rows)
    assert summary["Bulan"] == "Maret 2025" and summary["Laporan diterima"] == 4
    assert summary["Unit"] == "Biro Humas (humas) beserta sub-unitnya"


@SQLITE_ONLY
def test_the_workbook_read_back_holds_the_numbers(org: Org, tmp_path: Path) -> None:
    made = asked(org, None, ["kanreg"])
    path = tmp_path / "rekap.xlsx"
    write_recap_xlsx(made, path)
    book = load_workbook(path)
    tables = recap.recap_tables(made)
    assert book.sheetnames == [t.sheet for t in tables]
    for table in tables[1:]:
        sheet = book[table.sheet]
        rows = [tuple(c.value for c in row) for row in sheet.iter_rows()]
        assert rows[0] == table.headers
        assert rows[1:] == [tuple(v for v in row) for row in table.rows], table.sheet
    response = {(row[0], row[1]): row for row in book["Tanggapan pertama"].iter_rows(min_row=2, values_only=True)}
    resolution = {(row[0], row[1]): row for row in book["Penyelesaian"].iter_rows(min_row=2, values_only=True)}
    kanreg_1 = ("Kantor Regional I", "(jumlah unit)")
    assert response[kanreg_1][2:7] == (2, 1, 0, 1, 100.0)  # received 2; one first response met, one running
    finished = next(s for s in made.service if s.unit == "kanreg-1" and s.officer is None)
    assert resolution[kanreg_1][7] == finished.resolution.median == 2.0  # finished two days after receipt
    summary = {row[0].value: row[1].value for row in book["Ringkasan"].iter_rows() if len(row) > 1}
    assert summary["Laporan diterima"] == 3 and isinstance(summary["Laporan diterima"], int)
    assert summary["Tunggakan pada akhir bulan"] == 2
    # All units: the formula a category carries is a text cell, as written.
    everything = asked(org, None, [])
    write_recap_xlsx(everything, path)
    categories = [row[0] for row in load_workbook(path)["Per minggu, kategori"].iter_rows()]
    cell = next(c for c in categories if c.value == FORMULA_CATEGORY)
    assert cell.data_type == "s" and cell.quotePrefix


@SQLITE_ONLY
def test_a_supervisor_gets_her_units_and_is_refused_another(org: Org, tmp_path: Path) -> None:
    with pytest.raises(NotPermitted):
        asked(org, "sari", ["humas"])
    with pytest.raises(NotPermitted):
        asked(org, "sari", ["kanreg", "humas"])
    own = asked(org, "sari", [])  # every unit in her scope: kanreg and kanreg-1
    assert {s.unit for s in own.service} == {"kanreg", "kanreg-1"} and own.received == 3
    assert asked(org, "sari", ["kanreg"]).by_channel == own.by_channel
    for month in ("2025-3", "2025-13", "March", "2025-03-01"):
        with pytest.raises(BadInput):
            asked(org, None, ["humas"], month)
    with pytest.raises(BadInput, match="has not begun"):
        asked(org, None, ["humas"], "2999-01")
    # The answer travels the wire whole.
    assert commands.stats_recap.decode(commands.stats_recap.encode(own)) == own


def test_a_file_that_cannot_be_written_is_refused_and_nothing_is_left(tmp_path: Path) -> None:
    empty = MonthlyRecap(
        ("humas",), {"humas": "Biro Humas"}, date(2025, 3, 1), datetime(2025, 4, 2), datetime(2025, 3, 31, 17),
        "Asia/Jakarta", [], [], [], [], [], [],
    )  # fmt: skip
    with pytest.raises(BadInput, match="cannot write"):
        write_recap_xlsx(empty, tmp_path / "no-such-folder" / "rekap.xlsx")
    target = tmp_path / "rekap.xlsx"
    target.mkdir()  # a folder where the file should go: the rename fails, the folder stays as it was
    with pytest.raises(BadInput, match="cannot write"):
        write_recap_xlsx(empty, target)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["rekap.xlsx"] and not any(target.iterdir())
