"""A demo over years: reports follow the seasons of a complaint desk and carry deadline clocks that the
service levels count (desktop/demo/timeline.py, desktop/demo/clocks.py). Fixed seed and fixed "now"."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from sqlalchemy import func, select

from desktop.demo import generator as demo
from desktop.demo.timeline import WorkTime, idul_fitri
from desktop.domain.calendar import WIB, WIT, WorkingCalendar, add_working_minutes, working_minutes_between
from desktop.domain.errors import BadInput
from desktop.domain.status import Status
from desktop.domain.vocabulary import Direction
from desktop.server import commands
from desktop.store.schema import message, sla_clock, ticket
from desktop.store.service import Store
from tests.databases import throwaway_database

NOW = datetime(2025, 6, 30, 5, 0)  # naive UTC: noon in Jakarta, three months after Lebaran 2025
TICKETS = 3000
ZONE = WorkingCalendar(timezone=WIB).zone


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    with throwaway_database("sqlite", tmp_path_factory.mktemp("seasons")) as url:
        store = Store(url)
        store.upgrade()
        store.admin(lambda conn: demo.fill(conn, TICKETS, 7, years=1, now=NOW))
        yield store
        store.dispose()


def local_days(store: Store) -> list[date]:
    with store.engine.connect() as conn:
        return [at.replace(tzinfo=UTC).astimezone(ZONE).date() for at in conn.scalars(select(ticket.c.created_at))]


def test_reports_span_the_years_asked_and_end_at_now(store: Store) -> None:
    with store.engine.connect() as conn:
        first, last = conn.execute(select(func.min(ticket.c.created_at), func.max(ticket.c.created_at))).one()
    assert NOW - timedelta(days=366) <= first < NOW - timedelta(days=360)
    assert NOW - timedelta(days=2) < last <= NOW


def test_a_lebaran_week_has_fewer_reports_than_the_weeks_around_it(store: Store) -> None:
    lebaran = idul_fitri(2025)
    assert lebaran == date(2025, 3, 31)  # the holidays package's Indonesian calendar
    monday = lebaran - timedelta(days=lebaran.weekday())
    weeks = Counter((day - monday).days // 7 for day in local_days(store))
    around = [weeks[n] for n in (-2, -1, 1, 2)]
    assert min(around) > 0
    assert weeks[0] < 0.5 * min(around), (weeks[0], around)


def test_weekdays_and_office_hours_get_most_reports(store: Store) -> None:
    with store.engine.connect() as conn:
        local = [at.replace(tzinfo=UTC).astimezone(ZONE) for at in conn.scalars(select(ticket.c.created_at))]
    per_day = Counter(at.weekday() for at in local)
    assert min(per_day[d] for d in range(5)) > 2 * max(per_day[5], per_day[6])
    assert per_day[0] > per_day[4]  # Monday busier than Friday
    office = sum(1 for at in local if 8 <= at.hour < 16)
    night = sum(1 for at in local if at.hour < 6)
    assert office > 0.5 * len(local) and night < 0.05 * len(local)


def test_service_levels_on_the_demo_are_neither_empty_nor_all_met(store: Store) -> None:
    rows = commands.run_direct(commands.stats_service, store, None, commands.StatsQuery(as_of=NOW.date()))
    units = [r for r in rows if r.officer is None]
    assert sum(r.received for r in units) == TICKETS
    for clock in ("first_response", "resolution"):
        met = sum(getattr(r, clock).met for r in units)
        breached = sum(getattr(r, clock).breached for r in units)
        running = sum(getattr(r, clock).running for r in units)
        assert met > 2 * breached > 0, (clock, met, breached)
        assert met + breached + running == TICKETS, clock  # every report has both clocks
    assert sum(r.resolution.running for r in units) > 0  # the open backlog


def test_clocks_stop_at_the_first_answer_and_at_the_finish(store: Store) -> None:
    with store.engine.connect() as conn:
        first_answer = dict(
            conn.execute(
                select(message.c.ticket_id, func.min(message.c.created_at))
                .where(message.c.direction == Direction.OUTBOUND.value)
                .group_by(message.c.ticket_id)
            ).all()
        )
        tickets = {r.id: r for r in conn.execute(select(ticket))}
        clocks = conn.execute(select(sla_clock)).all()
    assert len(clocks) == 2 * TICKETS
    for clock in clocks:
        row = tickets[clock.ticket_id]
        if clock.clock == "response" and clock.ticket_id in first_answer:
            assert clock.stopped_at == first_answer[clock.ticket_id] and clock.running_since is None
        elif clock.clock == "resolution" and Status(row.status).is_closed:
            assert clock.stopped_at == row.closed_at
            assert clock.used_minutes == int((row.closed_at - row.created_at).total_seconds() // 60)
        elif clock.clock == "resolution" and row.status != Status.MENUNGGU_PELAPOR.value:
            # an open report's running clock falls due when the inbox says it does
            assert clock.running_since <= NOW and abs(clock.due_at - row.due_at) < timedelta(minutes=1)


def test_the_same_seed_and_now_give_the_same_reports(tmp_path: Path) -> None:
    made = []
    for n in range(2):
        with throwaway_database("sqlite", tmp_path / str(n)) as url:
            store = Store(url)
            store.upgrade()
            store.admin(lambda conn: demo.fill(conn, 100, 3, years=2, now=NOW))
            with store.engine.connect() as conn:
                made.append(conn.execute(select(ticket.c.id, ticket.c.created_at).order_by(ticket.c.id)).all())
            store.dispose()
    assert made[0] == made[1] and len(made[0]) == 100


def test_refuses_a_span_of_no_years_or_too_many(tmp_path: Path) -> None:
    with throwaway_database("sqlite", tmp_path) as url:
        store = Store(url)
        store.upgrade()
        for wrong in (0.0, demo.MAX_YEARS + 1.0):
            with pytest.raises(BadInput, match="years"):
                store.admin(demo.fill, 10, 1, years=wrong)
        store.dispose()


@pytest.mark.parametrize("zone", [WIB, WIT])
def test_work_time_counts_as_the_calendar_does(zone: str) -> None:
    calendar = WorkingCalendar(timezone=zone, start_minute=7 * 60 + 30, end_minute=16 * 60)
    start = datetime(2024, 3, 20, 3, 17, 5, 123456)  # across Lebaran 2024 and its cuti bersama
    work = WorkTime(calendar, start, 120)
    rng = random.Random(5)
    for _ in range(300):
        a = rng.randrange(0, 90 * 86_400_000_000)
        b = a + rng.randrange(0, 20 * 86_400_000_000)
        at, until = start + timedelta(microseconds=a), start + timedelta(microseconds=b)
        assert work.minutes_between(a, b) == working_minutes_between(calendar, at, until)
        minutes = rng.randrange(0, 4000)
        assert start + timedelta(microseconds=work.after(a, minutes)) == add_working_minutes(calendar, at, minutes)
