"""The inbox's filters from the statistics (issue 18): a category and a period of receipt [from, to) in naive
UTC, on a small cache written by SQL. Each narrows every view and sort the same way, its edges are half-open,
count and position agree with the pages, the overlay is judged the same way, and an inbox that does not ask
for them reads exactly the SQL it read before."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from uuid import UUID, uuid4

import pytest
from sqlalchemy import insert

from desktop.cache import schema as s
from desktop.cache import search_index
from desktop.cache.database import Cache
from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Kind
from desktop.views import inbox
from desktop.views.inbox import Column, InboxQuery, View
from tests.sync.inbox_cache import fill_directory

FROM = datetime(2026, 3, 1, 17, 0)  # 2 March 2026, 00.00 WIB
TO = datetime(2026, 3, 2, 17, 0)  # 3 March 2026, 00.00 WIB
# (subject, created_at, category, status): around both edges, with and without a category.
TICKETS = [
    ("before", FROM - timedelta(microseconds=1), "jalan", "diterima"),
    ("first moment", FROM, "jalan", "diterima"),
    ("midday", FROM + timedelta(hours=5), "jalan", "selesai"),
    ("other category", FROM + timedelta(hours=6), "sampah", "diterima"),
    ("no category", FROM + timedelta(hours=7), None, "diverifikasi"),
    ("last moment", TO - timedelta(microseconds=1), "jalan", "diverifikasi"),
    ("next day", TO, "jalan", "diterima"),
]


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    opened = Cache(tmp_path / "received.cache.db")
    with opened.write() as conn:
        fill_directory(conn)
        conn.execute(
            insert(s.ticket),
            [
                dict(
                    id=uuid4(),
                    tracking_no=f"ADU-2026-{n:06d}",
                    kind=Kind.PENGADUAN.value,
                    category=category,
                    priority=2,
                    status=status,
                    unit_id=1 + n % 2,
                    channel=Channel.EMAIL.value,
                    subject=subject,
                    reporter_anonymous=False,
                    reporter_confidential=False,
                    due_at=None if n % 3 == 0 else TO + timedelta(days=n),
                    claim_token=0,
                    row_version=1,
                    change_seq=n,
                    created_at=created_at,
                    updated_at=created_at,
                )
                for n, (subject, created_at, category, status) in enumerate(TICKETS)
            ],
        )
        search_index.catch_up(conn)
    yield opened
    opened.dispose()


def subjects(cache: Cache, query: InboxQuery) -> set[str]:
    with cache.read() as conn:
        rows = inbox.page(conn, query, None, 1000)
        assert inbox.count(conn, query) == len(rows)
        assert [inbox.position(conn, query, r.ticket_id) for r in rows] == list(range(len(rows)))
        return {r.subject for r in rows}


def test_the_period_is_half_open_and_the_category_exact_in_every_sort(cache: Cache) -> None:
    received = InboxQuery(received_from=FROM, received_to=TO)
    within = {"first moment", "midday", "other category", "no category", "last moment"}
    for column in Column:
        for descending in (False, True):
            query = InboxQuery(received_from=FROM, received_to=TO, sort=column, descending=descending)
            assert subjects(cache, query) == within, (column, descending)
    assert subjects(cache, InboxQuery(received_from=FROM)) == within | {"next day"}
    assert subjects(cache, InboxQuery(received_to=TO)) == within | {"before"}
    assert subjects(cache, InboxQuery(category="jalan", received_from=FROM, received_to=TO)) == {
        "first moment",
        "midday",
        "last moment",
    }
    assert subjects(cache, InboxQuery(category="jalan")) == {
        "before",
        "first moment",
        "midday",
        "last moment",
        "next day",
    }
    assert subjects(cache, InboxQuery(category="no such category")) == set()
    # With the other filters, views and a search.
    assert subjects(cache, InboxQuery(status=Status.DITERIMA, received_from=FROM, received_to=TO)) == {
        "first moment",
        "other category",
    }
    assert subjects(cache, InboxQuery(View.MY_UNIT, received_from=FROM, received_to=TO)) == {"no category"}
    assert subjects(cache, InboxQuery(search="moment", sort=None, received_from=FROM, received_to=TO)) == {
        "first moment",
        "last moment",
    }
    assert subjects(cache, InboxQuery(search="moment", received_from=FROM, received_to=TO, category="jalan")) == {
        "first moment",
        "last moment",
    }
    assert subjects(cache, received) == within


def test_an_inbox_without_them_reads_the_sql_it_read_before(cache: Cache) -> None:
    with cache.read() as conn:
        for query in (InboxQuery(), InboxQuery(View.MY_UNIT, sort=Column.UPDATED), InboxQuery(search="moment")):
            ctx = inbox._context(conn, query)
            for walk in (True, False):
                written = " ".join(str(c) for c in inbox._conditions(query, ctx, walk))
                assert "category" not in written and "created_at" not in written
            narrowed = InboxQuery(query.view, category="jalan", received_from=FROM, received_to=TO)
            written = " ".join(str(c) for c in inbox._conditions(narrowed, inbox._context(conn, narrowed)))
            assert "ticket.category =" in written and "ticket.created_at >=" in written
            assert "ticket.created_at <" in written


def test_pending_changes_and_reports_recorded_here_are_judged_the_same_way(cache: Cache) -> None:
    with cache.write() as conn:
        ids = {r.subject: r.ticket_id for r in inbox.page(conn, InboxQuery(), None, 1000)}
        # A queued status change over two mirrored tickets, one inside the period and one after it.
        for subject in ("midday", "next day"):
            conn.execute(
                insert(s.local_ticket).values(
                    ticket_id=ids[subject], op_id=uuid4(), status=Status.DITINDAKLANJUTI.value
                )
            )
        # A report recorded here, not yet sent: the server has not received it.
        written = dict(subject="queued here", body="", channel="phone", kind="pengaduan", unit="humas")
        conn.execute(
            insert(s.local_ticket).values(
                ticket_id=UUID(int=1),
                op_id=uuid4(),
                status=Status.DITERIMA.value,
                unit_code="humas",
                new_ticket=json.dumps({**written, "category": "jalan"}),
            )
        )
    following = InboxQuery(status=Status.DITINDAKLANJUTI, received_from=FROM, received_to=TO)
    assert subjects(cache, following) == {"midday"}
    assert subjects(cache, InboxQuery(status=Status.DITINDAKLANJUTI)) == {"midday", "next day"}
    assert "queued here" in subjects(cache, InboxQuery())
    assert "queued here" not in subjects(cache, InboxQuery(received_from=FROM, received_to=TO))
    assert "queued here" not in subjects(cache, InboxQuery(received_from=FROM))
    assert "queued here" in subjects(cache, InboxQuery(category="jalan"))
    assert "queued here" not in subjects(cache, InboxQuery(category="sampah"))
