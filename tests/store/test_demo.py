"""The demo generator fills an empty database with consistent, realistic and reproducible data."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import Connection, func, select, text

from desktop.demo import generator as demo
from desktop.domain.errors import BadInput
from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Direction, Kind, Role
from desktop.store import tickets
from desktop.store.clock import server_now
from desktop.store.directory import LOGIN_PATTERN, add_unit
from desktop.store.schema import (
    counter,
    event,
    membership,
    message,
    note,
    officer,
    reporter,
    reporter_contact,
    ticket,
    unit,
)
from desktop.store.service import Store
from tests.databases import throwaway_database

TICKETS = 400  # enough for every channel, kind and status to turn up with seed 7
CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")


@pytest.fixture
def store(migrated_url: str) -> Iterator[Store]:
    store = Store(migrated_url)
    yield store
    store.dispose()


def count(conn: Connection, table: Any) -> int:
    return int(conn.execute(select(func.count()).select_from(table)).scalar_one())


def test_summary_counts_what_is_in_the_database(store: Store) -> None:
    summary = store.admin(demo.fill, TICKETS, 7)
    with store.engine.connect() as conn:
        assert summary == demo.DemoSummary(
            units=count(conn, unit),
            officers=count(conn, officer),
            reporters=count(conn, reporter),
            tickets=count(conn, ticket),
            messages=count(conn, message),
            notes=count(conn, note),
            events=count(conn, event),
        )
    assert summary.tickets == TICKETS and summary.events > TICKETS  # a create per ticket, and the scenes'
    assert summary.notes > 0 and summary.reporters > 0


def test_organisation_has_staffed_units_under_parents(store: Store) -> None:
    store.admin(demo.fill, 0, 7)
    with store.engine.connect() as conn:
        codes = {id_: code for id_, code in conn.execute(select(unit.c.id, unit.c.code))}
        parents = {codes[u]: codes.get(p) for u, p in conn.execute(select(unit.c.id, unit.c.parent_id))}
        roles = {id_: role for id_, role in conn.execute(select(officer.c.id, officer.c.role))}
        logins = conn.execute(select(officer.c.login)).scalars().all()
        members = conn.execute(select(membership.c.officer_id, membership.c.unit_id)).all()
    assert {"humas", "pengadaan", "inspektorat"} <= set(parents)
    assert all(parents[f"kanreg-{n}"] == "kanreg" for n in range(1, 15))
    assert all(LOGIN_PATTERN.match(login) for login in logins)
    assert {Role(r) for r in roles.values()} == set(Role)
    units_of = Counter(officer_id for officer_id, _ in members)
    assert set(units_of) == set(roles) and set(units_of.values()) <= {1, 2}
    staff: dict[str, Counter[str]] = defaultdict(Counter)
    for officer_id, unit_id in members:
        staff[codes[unit_id]][roles[officer_id]] += 1
    assert set(staff) == set(codes.values())
    for code, by_role in staff.items():
        assert by_role[Role.OFFICER] >= 2 and by_role[Role.SUPERVISOR] >= 1, code


def test_tickets_cover_every_channel_kind_and_status(store: Store) -> None:
    store.admin(demo.fill, TICKETS, 7)
    with store.engine.connect() as conn:
        rows = conn.execute(select(ticket)).all()
        now = server_now(conn)
    assert {r.channel for r in rows} == {c.value for c in Channel}
    assert {r.kind for r in rows} == {k.value for k in Kind}
    assert {r.priority for r in rows} == {1, 2, 3, 4}
    statuses = Counter(Status(r.status) for r in rows)
    assert set(statuses) == set(Status)
    assert sum(n for s, n in statuses.items() if not s.is_closed) > len(rows) / 2
    for r in rows:
        assert now - timedelta(days=121) < r.created_at <= r.updated_at <= now
        if Status(r.status).is_closed:
            assert r.first_response_due_at - r.created_at == demo.DEMO_RESPONSE_WITHIN
            assert r.due_at - r.created_at == demo.DEMO_RESOLVE_WITHIN
        else:
            assert r.first_response_due_at == min(r.created_at + demo.DEMO_RESPONSE_WITHIN, r.due_at)
        assert (r.closed_at is not None) == Status(r.status).is_closed
        assert r.subject and not CONTROL.search(r.subject)
    claimed = [r for r in rows if r.claimed_by is not None]
    assert claimed
    for r in claimed:
        assert r.claim_token >= 1 and r.claim_device and r.claim_expires_at > now


def test_anonymous_reporters_have_no_name_and_no_contact(store: Store) -> None:
    store.admin(demo.fill, TICKETS, 7)
    with store.engine.connect() as conn:
        people = conn.execute(select(reporter)).all()
        contacts = conn.execute(select(reporter_contact)).all()
    reachable = {c.reporter_id for c in contacts}
    anonymous = [p for p in people if p.anonymous]
    named = [p for p in people if not p.anonymous]
    assert anonymous and named and any(p.confidential for p in named)
    assert all(p.name is None and p.id not in reachable and not p.confidential for p in anonymous)
    assert all(p.name and p.id in reachable for p in named)
    assert {c.channel for c in contacts} <= {ch.value for ch in Channel}
    assert len({(c.channel, c.address) for c in contacts}) == len(contacts)


def test_threads_start_with_the_citizen_and_alternate(store: Store) -> None:
    store.admin(demo.fill, TICKETS, 7)
    with store.engine.connect() as conn:
        created, unit_of = {}, {}
        for id_, created_at, unit_id in conn.execute(select(ticket.c.id, ticket.c.created_at, ticket.c.unit_id)):
            created[id_], unit_of[id_] = created_at, unit_id
        members = {(o, u) for o, u in conn.execute(select(membership.c.officer_id, membership.c.unit_id))}
        threads: dict[Any, list[Any]] = defaultdict(list)
        for m in conn.execute(select(message).order_by(message.c.created_at, message.c.id)):
            threads[m.ticket_id].append(m)
        notes = conn.execute(select(note.c.body)).scalars().all()
    assert set(threads) == set(created)
    for ticket_id, thread in threads.items():
        assert 1 <= len(thread) <= 6
        assert thread[0].created_at == created[ticket_id]
        for position, m in enumerate(thread):
            inbound = position % 2 == 0
            assert m.direction == (Direction.INBOUND if inbound else Direction.OUTBOUND).value
            assert (m.author_id is None) == inbound
            if not inbound:
                assert (m.author_id, unit_of[ticket_id]) in members
            assert m.body_text.strip() and not CONTROL.search(m.body_text)
    assert notes and not any(CONTROL.search(body) for body in notes)


def test_one_change_stamp_for_all_demo_rows(store: Store) -> None:
    store.admin(demo.fill, TICKETS, 7)
    with store.engine.connect() as conn:
        stamps = {
            stamp for table in (ticket, message, note, event) for stamp in conn.scalars(select(table.c.change_seq))
        }
        change = conn.execute(select(counter.c.value).where(counter.c.name == "change")).scalar_one()
        dialect = conn.dialect.name
    assert len(stamps) == 1
    (only,) = stamps
    assert only > 0
    if dialect != "postgresql":  # PostgreSQL stamps with the transaction id instead of the counter
        assert only == change == 1


def test_tracking_numbers_are_unique_and_real_tickets_continue_after_them(migrated_url: str) -> None:
    admin = Store(migrated_url)
    admin.admin(demo.fill, TICKETS, 7)
    with admin.engine.connect() as conn:
        numbers = conn.execute(select(ticket.c.tracking_no)).scalars().all()
        login = conn.execute(select(officer.c.login).where(officer.c.role == Role.ADMIN.value)).scalars().first()
        year = server_now(conn).year
    admin.dispose()
    assert len(set(numbers)) == len(numbers) == TICKETS
    per_year: dict[str, list[int]] = defaultdict(list)
    for number in numbers:
        prefix, _, serial = number.rpartition("-")
        per_year[prefix].append(int(serial))
    for serials in per_year.values():  # sequential from 1 within each year
        assert sorted(serials) == list(range(1, len(serials) + 1))
    assert login is not None
    officer_store = Store(migrated_url, officer=login)
    new = tickets.NewTicket(
        unit="humas",
        kind=Kind.PENGADUAN,
        channel=Channel.EMAIL,
        subject="Laporan sesudah data demo",
        body="Nomor laporan ini harus melanjutkan nomor data demo.",
    )
    created = officer_store.write(tickets.create_ticket, new)
    officer_store.dispose()
    this_year = f"ADU-{year}"
    assert created.tracking_no == f"{this_year}-{len(per_year[this_year]) + 1:06d}"


def fill_fresh(tmp_path: Path, seed: int) -> dict[str, list[tuple[Any, ...]]]:
    """Demo rows that do not depend on when the demo ran: times as offsets from the organisation's start."""
    with throwaway_database("sqlite", tmp_path) as url:
        store = Store(url)
        store.upgrade()
        store.admin(demo.fill, 200, seed)
        with store.engine.connect() as conn:
            start = conn.execute(select(func.min(unit.c.created_at))).scalar_one()
            rows: dict[str, list[tuple[Any, ...]]] = {
                "tickets": [
                    (r.id, r.tracking_no.rpartition("-")[2], r.subject, r.status, r.channel, r.created_at - start)
                    for r in conn.execute(select(ticket).order_by(ticket.c.created_at))
                ],
                "messages": [
                    (r.id, r.ticket_id, r.direction, r.body_text, r.created_at - start)
                    for r in conn.execute(select(message).order_by(message.c.id))
                ],
                "reporters": [tuple(r) for r in conn.execute(select(reporter.c.id, reporter.c.name))],
                "contacts": [tuple(r) for r in conn.execute(text("SELECT channel, address FROM reporter_contact"))],
                "notes": [(r.id, r.body) for r in conn.execute(select(note).order_by(note.c.id))],
                "officers": [tuple(r) for r in conn.execute(select(officer.c.login, officer.c.role))],
            }
        store.dispose()
    return rows


def test_same_seed_gives_the_same_rows_and_another_seed_others(tmp_path: Path) -> None:
    first, again, other = fill_fresh(tmp_path, 11), fill_fresh(tmp_path, 11), fill_fresh(tmp_path, 12)
    assert first == again
    for table in ("tickets", "messages", "reporters", "officers"):
        assert first[table] != other[table], table
    assert not {r[0] for r in first["tickets"]} & {r[0] for r in other["tickets"]}


def test_sqlite_timestamps_have_the_text_sqlalchemy_writes(tmp_path: Path) -> None:
    """The demo formats SQLite timestamps itself, for speed; they must compare with everyone else's."""
    with throwaway_database("sqlite", tmp_path) as url:
        store = Store(url)
        store.upgrade()
        store.admin(demo.fill, 50, 3)
        with store.engine.connect() as conn:
            stored = conn.exec_driver_sql(
                "SELECT created_at FROM ticket UNION ALL SELECT due_at FROM ticket "
                "UNION ALL SELECT created_at FROM message UNION ALL SELECT created_at FROM reporter"
            ).scalars()
            as_sqlalchemy_writes = ticket.c.created_at.type.dialect_impl(conn.dialect).bind_processor(conn.dialect)
            assert as_sqlalchemy_writes is not None
            for value in stored:
                assert as_sqlalchemy_writes(datetime.fromisoformat(value)) == value
            whole_second = datetime(2026, 1, 1, 8, 0)  # rare in the demo, so checked directly
            assert demo._sqlite_timestamp(whole_second) == as_sqlalchemy_writes(whole_second)
        store.dispose()


def table_counts(store: Store) -> dict[str, int]:
    with store.engine.connect() as conn:
        return {t.name: count(conn, t) for t in (unit, officer, reporter, ticket, message, event, counter)}


def test_refuses_a_database_that_is_not_empty(store: Store) -> None:
    store.admin(add_unit, "humas", "Biro Hubungan Masyarakat")
    before = table_counts(store)
    with pytest.raises(BadInput, match="already holds units"):
        store.admin(demo.fill, 10, 1)
    assert table_counts(store) == before


def test_refuses_a_second_demo(store: Store) -> None:
    store.admin(demo.fill, 20, 1)
    before = table_counts(store)
    with pytest.raises(BadInput, match="already holds units and officers and tickets"):
        store.admin(demo.fill, 20, 2)
    assert table_counts(store) == before


def test_refuses_an_impossible_number_of_tickets(store: Store) -> None:
    for wrong in (-1, demo.MAX_TICKETS + 1):
        with pytest.raises(BadInput, match="between 0 and 5,000,000"):
            store.admin(demo.fill, wrong, 1)
    assert table_counts(store)["unit"] == 0


def test_open_reports_show_the_same_mix_of_urgency_whenever_the_demo_runs(store: Store) -> None:
    """Deadlines are banded relative to "now": a few overdue by hours or days, some due today or soon,
    most on time — not half the desk two months late, as when every deadline was creation + 60 days."""
    store.admin(demo.fill, TICKETS, 7)
    with store.engine.connect() as conn:
        now = server_now(conn)
        due = [
            r.due_at - now
            for r in conn.execute(select(ticket.c.status, ticket.c.due_at))
            if not Status(r.status).is_closed
        ]
    bands = Counter(
        "overdue" if d < timedelta(0) else "today" if d <= timedelta(hours=1) else "soon" if d <= timedelta(days=2)
        else "on time"
        for d in due
    )  # fmt: skip
    cycle = len(demo.DEADLINE_BANDS)
    assert bands["overdue"] == -(-len(due) // cycle)  # one in every cycle, the first of each
    assert bands["today"] == len(due) // cycle + (len(due) % cycle > 6)
    assert bands["soon"] >= 3 * (len(due) // cycle)
    assert bands["on time"] > 0.75 * len(due)
    assert all(d > -timedelta(days=4) for d in due), "nobody is weeks late on the demo desk"


def test_the_demo_officer_finds_every_screen_filled(store: Store) -> None:
    """Team threads (one mentioning the demo officer), referrals both ways, a hand-over for them, an
    account whose intake failed: the screens a newcomer should learn are not empty."""
    from desktop.demo.workspace import busiest_supervisor
    from desktop.store.schema import (
        channel_account,
        discussion,
        discussion_post,
        handover_item,
        intake_error,
        mention,
        referral,
    )

    store.admin(demo.fill, TICKETS, 7)
    with store.engine.connect() as conn:
        login = busiest_supervisor(conn)
        me = conn.execute(select(officer.c.id).where(officer.c.login == login)).scalar_one()
        my_units = set(conn.scalars(select(membership.c.unit_id).where(membership.c.officer_id == me)))
        threads = conn.execute(select(discussion)).all()
        posts = conn.execute(select(discussion_post)).all()
        mentions = conn.execute(select(mention)).all()
        referrals = conn.execute(select(referral)).all()
        items = conn.execute(select(handover_item)).all()
        held_by = {r.id: r.claimed_by for r in conn.execute(select(ticket.c.id, ticket.c.claimed_by))}
        accounts = conn.execute(select(channel_account)).all()
        errors = conn.execute(select(intake_error)).all()
    assert len(threads) >= 2 and {t.unit_id for t in threads} <= my_units
    assert any(t.ticket_id is not None for t in threads)
    assert len(posts) > len(threads) and all(p.author_id != me for p in posts)
    assert [(m.officer_id, m.seen_at) for m in mentions] == [(me, None)]
    assert any(f"@{login}" in p.body for p in posts if p.id == mentions[0].post_id)
    assert {r.from_unit_id in my_units for r in referrals} == {True, False}  # asked by us, and of us
    assert all(r.answer is None and (r.from_unit_id in my_units) != (r.to_unit_id in my_units) for r in referrals)
    (item,) = items
    assert item.to_officer_id == me and held_by[item.ticket_id] == me and item.resolved_at is None
    assert [a.unit_id in my_units for a in accounts] == [True]
    assert [(e.account_id, e.resolved_at) for e in errors] == [(accounts[0].id, None)]


def test_a_demo_too_small_for_the_scenes_still_fills(store: Store) -> None:
    summary = store.admin(demo.fill, 3, 7)
    assert summary.tickets == 3 and summary.events == 3
