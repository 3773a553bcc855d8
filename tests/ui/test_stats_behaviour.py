"""The statistics window's behaviour tab (desktop/ui/stats/behaviour.py) on the embedded database: the heat map,
flows, reopened and returning figures it shows are those ``desktop.reports.behaviour`` counts for the same
filter and asker; the heat map's cells are shaded from the palette (light and dark) and follow the channel
picked; an officer asking for another unit is refused in words.

No figure here depends on today: the reports are received at fixed moments of March 2025 and the window is
asked for that month."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from uuid import UUID

import pytest
from PySide6.QtGui import QPalette
from pytestqt.qtbot import QtBot
from sqlalchemy import Connection

from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Role
from desktop.reports import behaviour, figures
from desktop.store import claims, handling
from desktop.store.identity import load_actor
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui import theme
from desktop.ui.errors import describe
from desktop.ui.ops import Ops
from desktop.ui.stats.behaviour import Behaviour, BehaviourView, shade
from desktop.ui.stats.requests import Wanted
from desktop.ui.stats.tables import shown_rows
from desktop.ui.stats.window import StatsWindow
from tests.reports.helpers import received_at
from tests.store.helpers import add_officer_without_login
from tests.ui.conftest import session_for

TIMEOUT = 20_000
MARCH = (date(2025, 3, 1), date(2025, 3, 31))


def march_reports(url: str) -> None:
    """In humas: three e-mails on Monday 3 March 09.xx WIB (one finished and reopened, one transferred to
    kanreg-1), a web report on Saturday 8 March 23.59 WIB; in kanreg-1 a WhatsApp report on Tuesday 4 March
    13.00 WIB."""
    ani, rudi = Store(url, "ani"), Store(url, "rudi")
    try:
        made: list[UUID] = []
        for store, at, unit_code, channel in (
            (ani, datetime(2025, 3, 3, 2, 0), "humas", Channel.EMAIL),
            (ani, datetime(2025, 3, 3, 2, 10), "humas", Channel.EMAIL),
            (ani, datetime(2025, 3, 3, 2, 20), "humas", Channel.EMAIL),
            (ani, datetime(2025, 3, 8, 16, 59), "humas", Channel.WEB),
            (rudi, datetime(2025, 3, 4, 6, 0), "kanreg-1", Channel.WHATSAPP),
        ):
            made.append(received_at(store, at, unit_code, channel=channel, anonymous=False, confidential=False).id)
        token = int(ani.write(claims.claim, made[0]).claim.token)
        for status in (Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.SELESAI, Status.DITINDAKLANJUTI):
            ani.write(handling.change_status, made[0], token, status)
        ani.write(handling.transfer, made[1], int(ani.write(claims.claim, made[1]).claim.token), "kanreg-1")
    finally:
        ani.dispose()
        rudi.dispose()


def reference(url: str, login: str, wanted: Wanted) -> Behaviour:
    store = Store(url)

    def read(conn: Connection) -> Behaviour:
        asked = figures.StatsFilter(wanted.since, wanted.until, wanted.units, wanted.channel, wanted.kind)
        scope = figures.scope_for(conn, load_actor(conn, login), asked)
        return Behaviour(
            behaviour.heatmap(conn, scope),
            behaviour.flows(conn, scope),
            behaviour.reopen_rate(conn, scope),
            behaviour.returning_reporters(conn, scope),
        )

    try:
        return store.read(read)
    finally:
        store.dispose()


@pytest.fixture
def world(org_url: str) -> str:
    owner = Store(org_url)
    owner.admin(add_officer_without_login, "adi", "Adi Nugroho", ["humas"], Role.ADMIN)
    owner.dispose()
    march_reports(org_url)
    return org_url


@pytest.fixture
def adi(world: str, tmp_path: Path) -> Iterator[Session]:
    session = session_for(world, "adi", tmp_path)
    yield session
    session.close()


def shown_for_march(qtbot: QtBot, session: Session, ops: Ops) -> StatsWindow:
    window = StatsWindow(session, ops, today=date(2025, 4, 15))
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: window.answered > 0 or window.failed, timeout=TIMEOUT)
    assert window.behaviour.asked == 0  # a tab not shown asks nothing: its figures are the costly ones
    window.tables.setCurrentWidget(window.behaviour)
    qtbot.waitUntil(lambda: window.behaviour.answered > 0 or window.behaviour.failed, timeout=TIMEOUT)
    window.filters.set_period(*MARCH)
    panel = window.behaviour
    qtbot.waitUntil(
        lambda: panel.shown_for is not None and (panel.shown_for.since, panel.shown_for.until) == MARCH,
        timeout=TIMEOUT,
    )
    assert not panel.failed, panel.status.text()
    return window


def cells(panel: BehaviourView) -> list[list[str]]:
    table = panel.heatmap
    return [[table.item(day, hour).text() for hour in range(24)] for day in range(7)]  # type: ignore[union-attr]


def test_the_behaviour_tab_shows_what_the_query_layer_counts(qtbot: QtBot, adi: Session, ops: Ops, world: str) -> None:
    window = shown_for_march(qtbot, adi, ops)
    panel = window.behaviour
    assert panel.shown_for is not None
    expected = reference(world, "adi", panel.shown_for)
    assert panel.found == expected
    # The heat map: every channel together, then one channel at a time (Monday 09.00 WIB: three e-mails).
    every = [["" for _ in range(24)] for _ in range(7)]
    every[0][9], every[1][13], every[5][23] = "3", "1", "1"
    assert cells(panel) == every
    email = panel.channel.findData("email")
    assert email > 0 and panel.channel.findData("web") > 0 and panel.channel.findData("whatsapp") > 0
    panel.channel.setCurrentIndex(panel.channel.findData("web"))
    only_web = [["" for _ in range(24)] for _ in range(7)]
    only_web[5][23] = "1"
    assert cells(panel) == only_web
    # Flows, reopened and returning, as the server counted them, by unit name.
    assert shown_rows(panel.flows_table)[1:] == [["Transfer", "Biro Humas", "Kantor Regional I", "1"]]
    assert shown_rows(panel.reopen_table)[1:] == [["Biro Humas", "1", "1", "100 %"], ["Total", "1", "1", "100 %"]]
    returning = {row[0]: row[1:] for row in shown_rows(panel.returning_table)[1:]}
    assert returning["Every channel"] == ["5", "0", "0", "5", "0 %"]  # no reporter identities: each one-off
    assert [r.reporters for r in expected.returning if r.channel is None] == [5]


def test_the_heat_map_is_shaded_from_the_palette_in_light_and_dark(qtbot: QtBot, adi: Session, ops: Ops) -> None:
    window = shown_for_march(qtbot, adi, ops)
    heat = window.behaviour.heatmap
    for palette in (heat.palette(), theme.dark_palette()):
        heat.setPalette(palette)
        base = palette.color(QPalette.ColorRole.Base)
        strong = palette.color(QPalette.ColorRole.Highlight)
        busiest, once, empty = heat.item(0, 9), heat.item(1, 13), heat.item(0, 0)
        assert busiest is not None and once is not None and empty is not None
        assert busiest.background().color() == strong and empty.background().color() == base
        assert once.background().color() == shade(palette, 1, 3)[0] not in (base, strong)  # a third of the way
        texts = (palette.color(QPalette.ColorRole.Text), palette.color(QPalette.ColorRole.HighlightedText))
        for item in (busiest, once, empty):  # the text colour that stands out more from the cell's
            shown, cell = item.foreground().color(), item.background().color().lightness()
            assert shown in texts
            assert abs(shown.lightness() - cell) == max(abs(t.lightness() - cell) for t in texts)
        assert "3" in busiest.toolTip()


def test_an_officer_asking_for_another_unit_is_refused_in_words(
    qtbot: QtBot, world: str, ops: Ops, tmp_path: Path
) -> None:
    ani = session_for(world, "ani", tmp_path)
    try:
        panel = BehaviourView(ani, ops, lambda code: code, lambda table, _name, _stem: table)
        qtbot.addWidget(panel)
        panel.ask(Wanted(since=MARCH[0], until=MARCH[1]))
        qtbot.waitUntil(lambda: panel.answered > 0 or panel.failed, timeout=TIMEOUT)
        assert not panel.failed
        assert panel.found == reference(world, "ani", Wanted(since=MARCH[0], until=MARCH[1]))
        assert panel.found is not None and panel.found.flows  # she transferred one
        panel.ask(Wanted(since=MARCH[0], until=MARCH[1], units=("kanreg-1",)))
        qtbot.waitUntil(lambda: panel.failed, timeout=TIMEOUT)
        assert panel.last_refusal is not None and panel.last_refusal.code == "not_permitted"
        assert not panel.status.isHidden() and panel.status.text() == describe(panel.last_refusal)
        assert panel.found is not None and panel.found.flows  # the last answer stays
    finally:
        ani.close()
