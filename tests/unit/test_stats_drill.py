"""From a figure of the statistics to the inbox's filters (``views/stats_drill.py``), without a cache: a bar's
day, week or month in the figures' zone as naive UTC, cut to the window's days; a backlog cell's age band;
the split's value as the inbox's filter, and what the inbox cannot filter named."""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Kind
from desktop.views.inbox import WeeklyHour
from desktop.views.stats_drill import (
    DrillContext,
    NotFiltered,
    StatsFilters,
    backlog_drill,
    bar_drill,
    heat_drill,
    period_end,
    service_drill,
)

WIB = DrillContext(ZoneInfo("Asia/Jakarta"), date(2026, 3, 20))
WITA = DrillContext(ZoneInfo("Asia/Makassar"), date(2026, 3, 20))
MARCH = StatsFilters(since=date(2026, 3, 1), until=date(2026, 3, 31))


def test_a_period_ends_where_the_next_begins() -> None:
    assert period_end(date(2026, 2, 28), "day") == date(2026, 3, 1)
    assert period_end(date(2026, 3, 2), "week") == date(2026, 3, 9)
    assert period_end(date(2026, 2, 1), "month") == date(2026, 3, 1)
    assert period_end(date(2026, 12, 1), "month") == date(2027, 1, 1)


def test_a_bar_is_its_local_period_in_utc_cut_to_the_windows_days() -> None:
    day = bar_drill(MARCH, WIB, "day", date(2026, 3, 2), "channel", "whatsapp")
    assert (day.received_from, day.received_to) == (datetime(2026, 3, 1, 17), datetime(2026, 3, 2, 17))
    assert day.channel is Channel.WHATSAPP and day.not_filtered == frozenset() and day.zone == "Asia/Jakarta"
    central = bar_drill(MARCH, WITA, "day", date(2026, 3, 2), None, None)
    assert (central.received_from, central.received_to) == (datetime(2026, 3, 1, 16), datetime(2026, 3, 2, 16))
    # The week of Monday 23 February counts from 1 March only; March's month ends with the 31st.
    week = bar_drill(MARCH, WIB, "week", date(2026, 2, 23), "kind", "aspirasi")
    assert (week.first_day, week.last_day) == (date(2026, 3, 1), date(2026, 3, 1))
    assert week.received_from == datetime(2026, 2, 28, 17) and week.kind is Kind.ASPIRASI
    month = bar_drill(StatsFilters(since=date(2026, 3, 10)), WIB, "month", date(2026, 3, 1), "unit", "kanreg")
    assert (month.first_day, month.last_day) == (date(2026, 3, 10), date(2026, 3, 31))
    assert month.received_to == datetime(2026, 3, 31, 17) and month.unit == "kanreg"


def test_the_windows_filters_stay_and_what_the_inbox_cannot_filter_is_named() -> None:
    narrowed = StatsFilters(
        since=date(2026, 3, 1), until=date(2026, 3, 31), unit="kanreg", channel="email", kind="aspirasi"
    )
    with_sub_units = DrillContext(WIB.zone, WIB.today, sub_units=True)
    drill = bar_drill(narrowed, with_sub_units, "day", date(2026, 3, 5), "category", "jalan")
    assert (drill.unit, drill.channel, drill.kind, drill.category) == ("kanreg", Channel.EMAIL, Kind.ASPIRASI, "jalan")
    assert drill.not_filtered == {NotFiltered.SUB_UNITS}
    assert bar_drill(MARCH, WIB, "day", date(2026, 3, 5), "category", None).not_filtered == {NotFiltered.NO_CATEGORY}
    assert bar_drill(MARCH, WIB, "day", date(2026, 3, 5), "priority", "3").not_filtered == {NotFiltered.PRIORITY}
    # A part of the unit split is that unit's own reports: no units below it to leave out.
    own = bar_drill(narrowed, with_sub_units, "day", date(2026, 3, 5), "unit", "kanreg-1")
    assert own.unit == "kanreg-1" and own.not_filtered == frozenset()


def test_a_backlog_cell_is_its_status_and_the_days_its_age_band_covers() -> None:
    young = backlog_drill(StatsFilters(), WIB, "diterima", 0, 3)  # received 17-20 March, today included
    assert young.status is Status.DITERIMA
    assert (young.first_day, young.last_day) == (date(2026, 3, 17), date(2026, 3, 20))
    assert (young.received_from, young.received_to) == (datetime(2026, 3, 16, 17), datetime(2026, 3, 20, 17))
    middle = backlog_drill(StatsFilters(), WIB, "diverifikasi", 4, 10)
    assert (middle.first_day, middle.last_day) == (date(2026, 3, 10), date(2026, 3, 16))
    oldest = backlog_drill(MARCH, WIB, "diterima", 61, None)  # older than 60 days, but within the window's days
    assert (oldest.first_day, oldest.last_day) == (date(2026, 3, 1), date(2026, 1, 18))  # nothing can match
    every_age = backlog_drill(StatsFilters(), WIB, "diterima", 0, None)
    assert every_age.received_from is None and every_age.received_to == datetime(2026, 3, 20, 17)


def test_a_line_of_the_service_levels_is_its_units_own_reports_and_its_officers_held_ones() -> None:
    kanreg = DrillContext(WIB.zone, WIB.today, sub_units=True)  # a unit with units below it, chosen in the window
    whole = service_drill(StatsFilters(since=MARCH.since, until=MARCH.until, unit="kanreg"), kanreg, "kanreg", None)
    assert (whole.unit, whole.holder, whole.not_filtered) == ("kanreg", None, frozenset())  # its own line: itself
    assert (whole.first_day, whole.last_day) == (date(2026, 3, 1), date(2026, 3, 31))
    assert (whole.received_from, whole.received_to) == (datetime(2026, 2, 28, 17), datetime(2026, 3, 31, 17))
    officer = service_drill(MARCH, WIB, "kanreg-1", "rudi")
    assert (officer.unit, officer.holder) == ("kanreg-1", "rudi")
    assert officer.not_filtered == frozenset({NotFiltered.HOLDER_NOW})


def test_a_cell_of_the_heat_map_is_its_weekday_and_hour_in_the_figures_zone() -> None:
    cell = heat_drill(MARCH, WIB, 0, 5, "whatsapp")  # Mondays, 05.00-05.59 WIB
    assert cell.weekly == WeeklyHour(0, 5, 7 * 60) and cell.channel is Channel.WHATSAPP
    assert (cell.first_day, cell.last_day) == (date(2026, 3, 1), date(2026, 3, 31))
    assert heat_drill(StatsFilters(), WITA, 6, 23, None).weekly == WeeklyHour(6, 23, 8 * 60)
    assert heat_drill(StatsFilters(), WITA, 6, 23, None).channel is None
