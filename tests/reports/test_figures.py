"""The statistics (desktop/reports/figures.py) on every engine: volumes and backlog equal a count made in
Python from the ticket rows themselves, on seeded random data that has been through transfers, closings and
reopenings; the service levels on hand-made clocks; and the scope of each asker.

No figure here depends on today: tickets are received at fixed moments (``Work.prime``) and every figure
is asked for a fixed period and as of a fixed moment."""

from __future__ import annotations

import random
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any
from uuid import UUID
from zoneinfo import ZoneInfo

import pytest
from sqlalchemy import Connection, delete, select, update

from desktop.domain.calendar import WITA
from desktop.domain.errors import BadInput, NotPermitted
from desktop.domain.properties import PropertyChange
from desktop.domain.status import CLOSED, Status
from desktop.domain.vocabulary import Channel, Kind, Priority
from desktop.reports import figures, rollup
from desktop.reports.figures import AGE_BANDS, PERIODS, SPLITS, Period, Scope, Split, StatsFilter
from desktop.store import claims, handling, linking, properties, sla
from desktop.store.changes import stamp, uses_transaction_ids
from desktop.store.identity import load_actor
from desktop.store.schema import event, officer, sla_clock, stats_counted, stats_rollup, ticket, unit
from desktop.store.service import Store
from desktop.store.work import begin
from tests.reports.helpers import received_at, walk
from tests.store.helpers import Org, build_org

WIB = ZoneInfo("Asia/Jakarta")
START = datetime(2025, 1, 1, 0, 0)  # naive UTC, as the store keeps times
AS_OF = datetime(2025, 6, 1, 5, 0)


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


@dataclass
class Dataset:
    rows: list[Any]  # every ticket row
    handled: dict[int, set[UUID]]  # officer id: the tickets with an action of theirs recorded
    codes: dict[int, str]  # unit id: code
    logins: dict[str, int]


def random_dataset(org: Org, seed: int) -> Dataset:
    rng = random.Random(seed)
    makers = {"humas": [org.ani, org.budi], "kanreg": [org.sari], "kanreg-1": [org.rudi]}
    made: list[tuple[Store, UUID, str]] = []
    for _ in range(36):
        unit_code = rng.choice(list(makers))
        store = rng.choice(makers[unit_code])
        at = START + timedelta(minutes=rng.randrange(150 * 24 * 60))
        made.append((store, received_at(store, at, unit_code, rng).id, unit_code))
    for store, ticket_id, unit_code in made:
        fate = rng.random()
        if fate < 0.15:
            walk(store, ticket_id, Status.DIVERIFIKASI)
        elif fate < 0.3:
            walk(store, ticket_id, Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.SELESAI)
        elif fate < 0.4:  # finished, then reopened
            walk(store, ticket_id, Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.SELESAI)
            walk(store, ticket_id, Status.DITINDAKLANJUTI)
        elif fate < 0.5:
            walk(store, ticket_id, Status.DIARSIPKAN)
        elif fate < 0.6 and unit_code == "humas":  # transferred to a sub-unit of kanreg
            token = int(store.write(claims.claim, ticket_id).claim.token)
            store.write(handling.transfer, ticket_id, token, "kanreg-1")
        elif fate < 0.65:
            walk(store, ticket_id, Status.DITUNDA)
        elif fate < 0.7:  # not this unit's authority, then received anew
            walk(store, ticket_id, Status.BUKAN_WEWENANG, Status.DITERIMA)

    def read(conn: Connection) -> Dataset:
        handled: dict[int, set[UUID]] = {}
        for row in conn.execute(select(event.c.officer_id, event.c.ticket_id).where(event.c.ticket_id.is_not(None))):
            if row.officer_id is not None:
                handled.setdefault(row.officer_id, set()).add(row.ticket_id)
        return Dataset(
            list(conn.execute(select(ticket)).all()),
            handled,
            {r.id: r.code for r in conn.execute(select(unit.c.id, unit.c.code))},
            {r.login: r.id for r in conn.execute(select(officer.c.login, officer.c.id))},
        )

    return org.admin.read(read)


def local_day(moment: datetime) -> date:
    return moment.replace(tzinfo=UTC).astimezone(WIB).date()


def in_scope(data: Dataset, row: Any, f: StatsFilter, unit_ids: set[int] | None, officer_id: int | None) -> bool:
    day = local_day(row.created_at)
    return (
        row.deleted_at is None
        and (f.since is None or day >= f.since)
        and (f.until is None or day <= f.until)
        and (unit_ids is None or row.unit_id in unit_ids)
        and (f.channel is None or row.channel == f.channel)
        and (f.kind is None or row.kind == f.kind)
        and (f.category is None or row.category == f.category)
        and (officer_id is None or row.id in data.handled.get(officer_id, set()))
    )


def period_of(day: date, by: str) -> date:
    return {"day": day, "week": day - timedelta(days=day.weekday()), "month": day.replace(day=1)}[by]


def key_of(data: Dataset, row: Any, split: str | None) -> str | None:
    if split is None:
        return None
    value = data.codes[row.unit_id] if split == "unit" else getattr(row, split)
    return None if value is None else str(value)


def subtree(data: Dataset, codes: tuple[str, ...]) -> set[int] | None:
    """The unit ids under the codes, by the codes' own hierarchy in build_org (kanreg holds kanreg-1)."""
    if not codes:
        return None
    names = set(codes) | ({"kanreg-1"} if "kanreg" in codes else set())
    return {uid for uid, code in data.codes.items() if code in names}


def random_filter(rng: random.Random) -> StatsFilter:
    since = date(2025, 1, 1) + timedelta(days=rng.randrange(120))
    return StatsFilter(
        since=rng.choice([None, since]),
        until=rng.choice([None, since + timedelta(days=rng.randrange(1, 90))]),
        units=rng.choice([(), ("humas",), ("kanreg",), ("kanreg-1",), ("humas", "kanreg-1")]),
        channel=rng.choice([None, Channel.EMAIL.value, Channel.WEB.value]),
        kind=rng.choice([None, Kind.PENGADUAN.value]),
        category=rng.choice([None, None, "jalan"]),
    )


def test_volumes_and_backlog_equal_a_direct_count_after_transfers_and_reopenings(org: Org) -> None:
    data = random_dataset(org, seed=18)
    statuses = Counter(row.status for row in data.rows)
    assert statuses[Status.SELESAI.value] and statuses[Status.DITINDAKLANJUTI.value]  # the walks happened
    assert any(row.left_unit_id is not None for row in data.rows)  # and at least one transfer
    rng = random.Random(1818)
    admin = org.admin
    for round_no in range(12):
        f = random_filter(rng) if round_no else StatsFilter()
        unit_ids = subtree(data, f.units)
        for officer_id in (None, data.logins["ani"]):
            scope = Scope(f, None if unit_ids is None else frozenset(unit_ids), officer_id)
            chosen = [row for row in data.rows if in_scope(data, row, f, unit_ids, officer_id)]
            for by in PERIODS:
                for split in (None, *SPLITS):
                    expected = Counter((period_of(local_day(r.created_at), by), key_of(data, r, split)) for r in chosen)
                    got = admin.read(figures.volumes, scope, by, split)
                    assert {(v.period, v.key): v.count for v in got} == dict(expected), (f, by, split)
            expected_backlog = Counter(
                (r.status, figures.age_band((local_day(AS_OF) - local_day(r.created_at)).days))
                for r in chosen
                if Status(r.status) not in CLOSED and r.created_at <= AS_OF
            )
            got_backlog = admin.read(figures.backlog, scope, AS_OF)
            assert {(b.status, b.band): b.count for b in got_backlog} == dict(expected_backlog), f
    everything = admin.read(figures.volumes, Scope(StatsFilter(), None), "month", None)
    assert sum(v.count for v in everything) == len(data.rows)  # anonymous and confidential ones too
    served = admin.read(figures.service_levels, Scope(StatsFilter(), None), AS_OF)
    assert sum(r.received for r in served if r.officer is None) == len(data.rows)


def test_age_bands_have_their_edges_where_the_readme_says() -> None:
    assert [figures.age_band(d) for d in (0, 3, 4, 10, 11, 30, 31, 60, 61, 400)] == [
        "0-3", "0-3", "4-10", "4-10", "11-30", "11-30", "31-60", "31-60", ">60", ">60",
    ]  # fmt: skip
    assert [label for label, _, _ in AGE_BANDS] == ["0-3", "4-10", "11-30", "31-60", ">60"]


def test_a_day_is_the_local_day_of_receipt(org: Org) -> None:
    """17.30 UTC on 31 January is 00.30 WIB on 1 February: it counts in February."""
    received_at(org.ani, datetime(2025, 1, 31, 17, 30), "humas")
    received_at(org.ani, datetime(2025, 1, 31, 16, 30), "humas")  # 23.30 WIB: still January
    months = org.admin.read(figures.volumes, Scope(StatsFilter(), None), "month", None)
    assert [(v.period, v.count) for v in months] == [(date(2025, 1, 1), 1), (date(2025, 2, 1), 1)]
    february = Scope(StatsFilter(since=date(2025, 2, 1), until=date(2025, 2, 1)), None)
    assert [v.count for v in org.admin.read(figures.volumes, february, "day", None)] == [1]


def set_clock(conn: Connection, ticket_id: UUID, clock: str, **values: Any) -> None:
    conn.execute(
        update(sla_clock).where(sla_clock.c.ticket_id == ticket_id, sla_clock.c.clock == clock).values(**values)
    )


def test_service_levels_on_hand_made_clocks(org: Org) -> None:
    """Default targets: respond within 3 working days (3 × 480 working minutes of WIB 08-16), resolve
    within 60 calendar days. As of Monday 3 March 2025, 12.00 WIB:
    - A answered after 10 working hours and resolved in 10 days: both met;
    - B answered after 2000 working minutes (past 1440): breached; unresolved for 90 days: breached;
    - C received three working hours ago: both running."""
    as_of = datetime(2025, 3, 3, 5, 0)
    a = received_at(org.ani, datetime(2025, 2, 3, 2, 0), "humas").id
    b = received_at(org.ani, as_of - timedelta(days=90), "humas").id
    received_at(org.ani, datetime(2025, 3, 3, 2, 0), "humas")  # C: 09.00 WIB that Monday
    ani = org.admin.read(lambda conn: conn.execute(select(officer.c.id).where(officer.c.login == "ani")).scalar_one())

    def shape(conn: Connection) -> None:
        stopped = datetime(2025, 2, 20)
        set_clock(conn, a, "response", used_minutes=600, running_since=None, stopped_at=stopped, due_at=None)
        set_clock(conn, a, "resolution", used_minutes=10 * 1440, running_since=None, stopped_at=stopped, due_at=None)
        set_clock(conn, b, "response", used_minutes=2000, running_since=None, stopped_at=stopped, due_at=None)
        conn.execute(update(ticket).where(ticket.c.id == a).values(claimed_by=ani))

    org.admin.admin(shape)
    rows = org.admin.read(figures.service_levels, Scope(StatsFilter(), None), as_of)
    by = {(r.unit, r.officer): r for r in rows}
    assert set(by) == {("humas", None), ("humas", "ani")}
    whole = by[("humas", None)]
    assert whole.received == 3
    assert whole.first_response == figures.ClockFigures(1, 1, 1, round((10 + 2000 / 60) / 2, 2), round(2000 / 60, 2))
    assert whole.resolution == figures.ClockFigures(1, 1, 1, 10.0, 10.0)
    mine = by[("humas", "ani")]
    assert (mine.received, mine.first_response.met, mine.resolution.met) == (1, 1, 1)
    # A day later (Tuesday 12.00 WIB) C's response has run 11 working hours: still within 24.
    later = org.admin.read(figures.service_levels, Scope(StatsFilter(), None), as_of + timedelta(days=1))
    assert next(r for r in later if r.officer is None).first_response.running == 1
    # Four working days later it is breached, though nobody touched it.
    breached = org.admin.read(figures.service_levels, Scope(StatsFilter(), None), as_of + timedelta(days=4))
    assert next(r for r in breached if r.officer is None).first_response.breached == 2


def test_percentiles_are_nearest_rank() -> None:
    assert figures.percentile([], 0.9) is None
    assert figures.percentile([5.0], 0.9) == 5.0
    assert figures.percentile([float(v) for v in range(1, 11)], 0.9) == 9.0
    assert figures.percentile([float(v) for v in range(1, 12)], 0.9) == 10.0


def test_each_asker_sees_their_own_scope(org: Org) -> None:
    received_at(org.budi, datetime(2025, 3, 3, 2, 0), "humas")
    received_at(org.ani, datetime(2025, 3, 4, 2, 0), "humas")
    received_at(org.rudi, datetime(2025, 3, 5, 2, 0), "kanreg-1")
    received_at(org.sari, datetime(2025, 3, 6, 2, 0), "kanreg")

    def counted(login: str | None, wanted: StatsFilter | None = None) -> dict[str | None, int]:
        def read(conn: Connection) -> dict[str | None, int]:
            actor = None if login is None else load_actor(conn, login)
            rows = figures.volumes(conn, figures.scope_for(conn, actor, wanted or StatsFilter()), "month", "unit")
            return {r.key: r.count for r in rows}

        return org.admin.read(read)

    assert counted(None) == {"humas": 2, "kanreg": 1, "kanreg-1": 1}  # the owner
    assert counted("sari") == {"kanreg": 1, "kanreg-1": 1}  # a supervisor: their unit and its sub-unit
    assert counted("sari", StatsFilter(units=("kanreg-1",))) == {"kanreg-1": 1}
    assert counted("ani") == {"humas": 1}  # an officer: the reports they handled
    assert counted("rudi") == {"kanreg-1": 1}
    for login, asked in (("sari", "humas"), ("ani", "kanreg"), ("rudi", "kanreg")):
        with pytest.raises(NotPermitted):
            counted(login, StatsFilter(units=(asked,)))
    with pytest.raises(BadInput):
        counted(None, StatsFilter(units=("tidak-ada",)))
    with pytest.raises(BadInput):
        counted(None, StatsFilter(since=date(2025, 3, 2), until=date(2025, 3, 1)))


def volumes_both_ways(store: Store, scope: Scope, by: Period, split: Split | None) -> tuple[Any, Any]:
    """The figures read from the roll-up (refreshed first, as the server does) and counted from the tickets."""

    def rolled(conn: Connection) -> Any:
        rollup.refresh(conn)
        return figures.volumes(conn, scope, by, split, rolled_up=True)

    return store.admin(rolled), store.read(figures.volumes, scope, by, split)


def service_both_ways(store: Store, scope: Scope, as_of: datetime) -> tuple[Any, Any]:
    """The service levels with the stopped clocks' verdicts read from the roll-up, and judged from every clock."""

    def rolled(conn: Connection) -> Any:
        rollup.refresh(conn)
        return figures.service_levels(conn, scope, as_of, rolled_up=True)

    return store.admin(rolled), store.read(figures.service_levels, scope, as_of)


def kept_services_are_the_clocks(conn: Connection) -> set[str | None]:
    """Each counted ticket's handler and clock verdicts, as the roll-up keeps them, equal what its rows say now;
    returns the verdicts seen."""
    last_status: dict[UUID, int] = {}
    for row in conn.execute(select(event).where(event.c.action == "status").order_by(event.c.id)):
        if row.officer_id is not None:
            last_status[row.ticket_id] = row.officer_id
    clocks = {(r.ticket_id, r.clock): r for r in conn.execute(select(sla_clock))}

    def verdict(ticket_id: UUID, name: str) -> tuple[str | None, int | None]:
        clock = clocks.get((ticket_id, name))
        if clock is None:
            return None, None
        if clock.stopped_at is None or clock.running_since is not None:
            return "open", None
        return ("met" if clock.used_minutes <= clock.target_minutes else "breached"), clock.used_minutes

    expected = {
        row.id: (
            row.claimed_by if row.claimed_by is not None else last_status.get(row.id),
            *verdict(row.id, "response"),
            *verdict(row.id, "resolution"),
        )
        for row in conn.execute(select(ticket).where(ticket.c.deleted_at.is_(None)))
    }
    kept = {
        row.ticket_id: (row.handler_id, row.response, row.response_minutes, row.resolution, row.resolution_minutes)
        for row in conn.execute(select(stats_counted).where(stats_counted.c.day_id.is_not(None)))
    }
    assert kept == expected
    return {v[1] for v in kept.values()} | {v[3] for v in kept.values()}


def held_back(conn: Connection) -> set[UUID]:
    """The tickets a refresh counts again though they did not change since the last one: on PostgreSQL those
    stamped at or after the oldest transaction then running anywhere on the server (the refresh cannot know
    them committed; another test process's transaction in another database holds that cursor back too); none
    on SQLite and MariaDB, whose cursor is the change counter."""
    if not uses_transaction_ids(conn):
        return set()
    through = conn.execute(select(stats_rollup.c.through).where(stats_rollup.c.id == 1)).scalar_one()
    stamped = select(ticket.c.id).where(ticket.c.change_seq >= through)
    clocked = select(sla_clock.c.ticket_id).where(sla_clock.c.change_seq >= through)
    return set(conn.execute(stamped).scalars()) | set(conn.execute(clocked).scalars())


def test_the_roll_up_equals_a_direct_count_after_transfers_edits_merges_and_deletions(org: Org) -> None:
    data = random_dataset(org, seed=19)
    assert org.admin.admin(rollup.refresh) == len(data.rows)  # the first refresh builds it all
    held = org.admin.read(held_back)
    assert org.admin.admin(rollup.refresh) == len(held)  # nothing changed since (0 on a server left alone)
    assert {"breached", "open"} <= org.admin.read(kept_services_are_the_clocks)
    rng = random.Random(1919)
    ani = org.ani
    held = org.admin.read(held_back)
    ids = [received_at(ani, START + timedelta(days=day, hours=15), "humas", rng).id for day in range(10)]
    assert org.admin.admin(rollup.refresh) == len(ids) + len(held)
    held = org.admin.read(held_back)
    changed = set()
    for ticket_id, edit in zip(
        ids[:3],
        [
            PropertyChange(category="banjir"),
            PropertyChange(priority=Priority.TINGGI),
            PropertyChange(kind=Kind.ASPIRASI),
        ],
        strict=True,
    ):
        token = int(ani.write(claims.claim, ticket_id).claim.token)
        ani.write(properties.set_properties, ticket_id, token, edit)
        changed.add(ticket_id)
    for ticket_id in ids[3:5]:  # transferred
        token = int(ani.write(claims.claim, ticket_id).claim.token)
        ani.write(handling.transfer, ticket_id, token, "kanreg")
        changed.add(ticket_id)
    for ticket_id in ids[6:8]:  # merged into another
        token = int(ani.write(claims.claim, ticket_id).claim.token)
        ani.write(linking.merge, ticket_id, token, ids[5])
        changed.add(ticket_id)
    walk(ani, ids[8], Status.DIVERIFIKASI, Status.DITINDAKLANJUTI, Status.SELESAI)  # finished, then reopened
    walk(ani, ids[8], Status.DITINDAKLANJUTI)
    changed.add(ids[8])

    def delete_one(conn: Connection) -> None:  # as erasure would: the row stays, marked deleted
        conn.execute(update(ticket).where(ticket.c.id == ids[9]).values(deleted_at=START, change_seq=stamp(conn)))

    org.admin.admin(delete_one)
    changed.add(ids[9])
    finished_early, unclocked = data.rows[0].id, data.rows[1].id

    def shape_clocks(conn: Connection) -> None:  # one clock changed alone; one removed, its ticket stamped
        conn.execute(
            update(sla_clock)
            .where(sla_clock.c.ticket_id == finished_early, sla_clock.c.clock == "response")
            .values(used_minutes=30, running_since=None, stopped_at=START, due_at=None, change_seq=stamp(conn))
        )
        conn.execute(delete(sla_clock).where(sla_clock.c.ticket_id == unclocked, sla_clock.c.clock == "resolution"))
        conn.execute(update(ticket).where(ticket.c.id == unclocked).values(change_seq=stamp(conn)))

    org.admin.admin(shape_clocks)
    changed |= {finished_early, unclocked}
    new = received_at(org.sari, START + timedelta(days=3), "kanreg", rng)
    changed.add(new.id)
    recounted = org.admin.admin(rollup.refresh) - len(held - changed)
    assert len(changed) <= recounted < len(data.rows)  # what changed (and what it touched) is counted again
    assert {"met", "breached", "open", None} <= org.admin.read(kept_services_are_the_clocks)
    filters = [StatsFilter()] + [random_filter(rng) for _ in range(5)]
    for f in filters:
        unit_ids = subtree(data, f.units)
        scope = Scope(f, None if unit_ids is None else frozenset(unit_ids))
        for by in PERIODS:
            for split in (None, *SPLITS):
                rolled, direct = volumes_both_ways(org.admin, scope, by, split)
                assert rolled == direct, (f, by, split)
        for as_of in (AS_OF, datetime(2025, 1, 20, 3, 0)):
            rolled_service, direct_service = service_both_ways(org.admin, scope, as_of)
            assert rolled_service == direct_service, (f, as_of)
    everything, _ = volumes_both_ways(org.admin, Scope(StatsFilter(), None), "month", None)
    assert sum(v.count for v in everything) == len(data.rows) + len(ids)  # one more received, one deleted

    org.admin.admin(
        lambda conn: sla.set_calendar(begin(conn, None), None, WITA, 8 * 60, 16 * 60, frozenset({5, 6}))
    )  # the agency moves zone
    for split in (None, "unit"):
        rolled, direct = volumes_both_ways(org.admin, Scope(StatsFilter(), None), "day", split)
        assert rolled == direct
