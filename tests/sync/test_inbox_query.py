"""The inbox query over a real cache: views, filters, every sort in both directions with NULLs, keyset
paging against one ordered read, the overlay laid over the mirror, and full-text search kept right by the
sync engine's own writes."""

from __future__ import annotations

from collections import namedtuple
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

import pytest
from sqlalchemy import Connection, delete, insert, select, text

from desktop.cache import schema as s
from desktop.cache import search_index
from desktop.cache.database import Cache, drop_mirror
from desktop.cache.state import set_state
from desktop.domain.errors import BadInput
from desktop.domain.status import CLOSED, Status
from desktop.domain.vocabulary import Channel, Kind
from desktop.store.service import Store
from desktop.sync.engine import _insert, _remove_tickets, _upsert_tickets
from desktop.views import inbox
from desktop.views.deadlines import DUE_SOON
from desktop.views.inbox import Column, InboxQuery, Key, View
from tests.store.helpers import build_org, new_ticket
from tests.sync.helpers import Client, client
from tests.sync.inbox_cache import ME, MY_UNITS, NOW, OFFICERS, SUPERVISED_UNITS, UNITS, fill_cache


@pytest.fixture
def cache(tmp_path: Path) -> Iterator[Cache]:
    opened = Cache(tmp_path / "inbox.cache.db")
    with opened.write() as conn:
        fill_cache(conn, 260)
    yield opened
    opened.dispose()


# -- an independent reading of what the inbox must show -----------------------------------------------


def everything(conn: Connection) -> list[dict[str, Any]]:
    rows = conn.execute(
        text(
            "SELECT ticket.rowid AS rowid, ticket.*, unit.code AS unit_code, officer.login AS holder_login, "
            "officer.name AS holder_name FROM ticket LEFT JOIN unit ON unit.id = ticket.unit_id "
            "LEFT JOIN officer ON officer.id = ticket.claimed_by"
        )
    )
    found = []
    for row in rows:
        r = dict(row._mapping)
        for moment in ("due_at", "claim_expires_at", "updated_at"):
            r[moment] = None if r[moment] is None else datetime.fromisoformat(r[moment])
        r["id"] = UUID(r["id"])
        found.append(r)
    return found


def shown(r: dict[str, Any], q: InboxQuery) -> bool:
    is_open = r["status"] not in {x.value for x in CLOSED}
    mine = r["unit_id"] in MY_UNITS
    free = r["claimed_by"] is None or r["claim_expires_at"] < NOW
    view = {
        View.UNCLAIMED: mine and is_open and free,
        View.MINE: r["claimed_by"] == ME,
        View.MY_UNIT: mine and is_open,
        View.SUPERVISED: r["unit_id"] in SUPERVISED_UNITS and is_open,
        View.DUE: is_open and r["due_at"] is not None and r["due_at"] <= NOW + DUE_SOON,
        View.EVERYTHING: True,
    }[q.view]
    return (
        view
        and (q.status is None or r["status"] == q.status.value)
        and (q.channel is None or r["channel"] == q.channel.value)
        and (q.kind is None or r["kind"] == q.kind.value)
        and (q.unit is None or r["unit_code"] == q.unit)
        and (q.holder is None or r["holder_login"] == q.holder)
    )


def expected(conn: Connection, q: InboxQuery) -> list[UUID]:
    """Sorted the slow way: group order, then the value (NULLs last either way), then insertion order."""
    rows = [r for r in everything(conn) if shown(r, q)]
    units = sorted(UNITS, key=lambda i: UNITS[i])
    officers = sorted(OFFICERS, key=lambda i: OFFICERS[i][1].lower())

    def group(ids: list[int], value: int | None) -> tuple[int, int]:
        if value is None:
            return (2, 0)
        if value in ids:
            return (0, ids.index(value) * (-1 if q.descending else 1))
        return (1, value * (-1 if q.descending else 1))

    def nocase(value: str | None) -> str | None:
        return None if value is None else "".join(c.lower() if c.isascii() else c for c in value)

    def key(r: dict[str, Any]) -> tuple[Any, ...]:
        sign = -1 if q.descending else 1
        if q.sort is Column.STATUS:
            return (list(Status).index(Status(r["status"])) * sign, r["rowid"] * sign)
        if q.sort is Column.UNIT:
            return (*group(units, r["unit_id"]), r["rowid"] * sign)
        if q.sort is Column.HOLDER:
            return (*group(officers, r["claimed_by"]), r["rowid"] * sign)
        if q.sort is Column.DEADLINE:  # most urgent first: open by deadline, open without one, finished last
            is_open = r["status"] not in {x.value for x in CLOSED}
            urgency_group = 0 if is_open and r["due_at"] is not None else 1 if is_open else 2
            return (urgency_group, Flip(r["due_at"] if urgency_group == 0 else None, q.descending), r["rowid"] * sign)
        column, fold = {
            Column.TRACKING_NO: ("tracking_no", False),
            Column.SUBJECT: ("subject", True),
            Column.REPORTER: ("reporter_name", True),
            Column.CHANNEL: ("channel", False),
            Column.KIND: ("kind", False),
            Column.UPDATED: ("updated_at", False),
        }[q.sort]
        value = nocase(r[column]) if fold else r[column]
        return (value is None, Flip(value, q.descending), r["rowid"] * sign)

    return [r["id"] for r in sorted(rows, key=key)]


class Flip:
    def __init__(self, value: Any, descending: bool) -> None:
        self.value, self.descending = value, descending

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Flip) and self.value == other.value

    def __lt__(self, other: Flip) -> bool:
        if self.value is None or other.value is None:
            return False
        return bool(other.value < self.value) if self.descending else bool(self.value < other.value)


def paged(conn: Connection, q: InboxQuery, size: int) -> list[UUID]:
    found: list[UUID] = []
    after: Key | None = None
    while True:
        rows = inbox.page(conn, q, after, size)
        found.extend(r.ticket_id for r in rows)
        assert len(found) < 10_000, "paging does not end"
        if len(rows) < size:
            return found
        after = rows[-1].key


# -- order and paging ----------------------------------------------------------------------------------


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("column", list(Column))
def test_keyset_pages_equal_one_ordered_read_on_every_column(cache: Cache, column: Column, descending: bool) -> None:
    q = InboxQuery(View.EVERYTHING, sort=column, descending=descending)
    with cache.read() as conn:
        want = expected(conn, q)
        assert len(want) == 260
        assert paged(conn, q, 17) == want
        assert [r.ticket_id for r in inbox.page(conn, q, None, 1000)] == want
        assert inbox.count(conn, q) == 260
        for row in (0, 16, 17, 130, 259):
            assert inbox.position(conn, q, want[row]) == row


@pytest.mark.parametrize("view", list(View))
def test_each_view_shows_its_tickets(cache: Cache, view: View) -> None:
    with cache.read() as conn:
        for column in (Column.DEADLINE, Column.HOLDER):
            q = InboxQuery(view, sort=column)
            want = expected(conn, q)
            assert want, f"the sample has no ticket for {view}"
            assert paged(conn, q, 13) == want
            assert inbox.count(conn, q) == len(want)


@pytest.mark.parametrize(
    "q",
    [
        InboxQuery(status=Status.DITINDAKLANJUTI),
        InboxQuery(channel=Channel.WHATSAPP),
        InboxQuery(kind=Kind.ASPIRASI, sort=Column.SUBJECT, descending=True),
        InboxQuery(unit="kanreg"),
        InboxQuery(holder="budi", sort=Column.UNIT),
        InboxQuery(View.MY_UNIT, status=Status.DITERIMA, unit="humas", sort=Column.REPORTER),
        InboxQuery(View.UNCLAIMED, channel=Channel.EMAIL),
        # An open status by deadline walks the open tickets' partial index (the condition is implied).
        InboxQuery(status=Status.DITERIMA, descending=True),
        InboxQuery(View.MINE, status=Status.DITUNDA),
        InboxQuery(View.MY_UNIT, descending=True),
    ],
)
def test_filters_narrow_the_view(cache: Cache, q: InboxQuery) -> None:
    with cache.read() as conn:
        want = expected(conn, q)
        assert 0 < len(want) < 260
        assert paged(conn, q, 11) == want
        assert inbox.count(conn, q) == len(want)


def test_the_open_condition_names_every_closed_status() -> None:
    """The partial index and the inbox share one WHERE text: it must be the domain's closed statuses."""
    closed = ", ".join(f"'{x}'" for x in sorted(x.value for x in CLOSED))
    expected_condition = f"status NOT IN ({closed})"
    assert expected_condition == s.OPEN_CONDITION


def test_unknown_unit_or_holder_shows_nothing(cache: Cache) -> None:
    with cache.read() as conn:
        assert inbox.page(conn, InboxQuery(unit="nowhere")) == []
        assert inbox.page(conn, InboxQuery(holder="nobody")) == []


def test_rows_carry_what_the_columns_show_and_mask_anonymous_reporters(cache: Cache) -> None:
    with cache.write() as conn:
        conn.execute(s.ticket.update().values(reporter_name="Should Not Show").where(s.ticket.c.reporter_anonymous))
    with cache.read() as conn:
        rows = inbox.page(conn, InboxQuery(), None, 1000)
        held = next(r for r in rows if r.holder_login == "sari")
    assert held.holder_name == "Sari Lestari" and held.claim_expires_at is not None
    anonymous = [r for r in rows if r.reporter_anonymous]
    assert anonymous and all(r.reporter_name is None for r in anonymous)
    assert {r.unit_code for r in rows} == {*UNITS.values(), None}


# -- full-text search ----------------------------------------------------------------------------------


def searched(conn: Connection, words: str, view: View = View.EVERYTHING) -> set[str]:
    return {r.subject for r in inbox.page(conn, InboxQuery(view, search=words), None, 1000)}


def test_search_finds_subject_and_message_words_with_or_without_diacritics(cache: Cache) -> None:
    with cache.read() as conn:
        assert searched(conn, "jalan") == {"Jalan berlubang", "jalan rusak"}
        assert searched(conn, "JAL berlu") == {"Jalan berlubang"}
        assert searched(conn, "abaca") == {"Ábaca"} == searched(conn, "ábaca")
        by_message = inbox.page(conn, InboxQuery(search="kelurahan"), None, 1000)
        about = select(s.message.c.ticket_id).where(s.message.c.body_text.like("%kelurahan%"))
        ids = set(conn.execute(about).scalars())
        assert {r.ticket_id for r in by_message} == ids and ids
        assert inbox.count(conn, InboxQuery(search="kelurahan")) == len(ids)
        tracking = conn.execute(select(s.ticket.c.tracking_no).where(s.ticket.c.tracking_no.is_not(None))).scalar()
        assert [r.tracking_no for r in inbox.page(conn, InboxQuery(search=tracking))] == [tracking]


@pytest.mark.parametrize(
    ("hostile", "found"),
    [
        ('"a" OR x*', set()),
        ('jalan"', {"Jalan berlubang", "jalan rusak"}),
        ("NEAR(jalan lampu)", set()),
        ("subject:jalan", set()),
        ("jalan -rusak", {"jalan rusak"}),
        ("(banjir", {"Banjir", "banjir"}),
    ],
)
def test_hostile_search_strings_are_plain_words(cache: Cache, hostile: str, found: set[str]) -> None:
    with cache.read() as conn:
        assert searched(conn, hostile) == found


@pytest.mark.parametrize("nothing", ['"', "*", " - ^ "])
def test_a_search_without_a_word_is_refused_clearly(cache: Cache, nothing: str) -> None:
    with cache.read() as conn, pytest.raises(BadInput, match="letter or digit"):
        inbox.page(conn, InboxQuery(search=nothing))


def test_search_refuses_an_overlong_text_clearly(cache: Cache) -> None:
    with cache.read() as conn, pytest.raises(BadInput, match="at most"):
        inbox.page(conn, InboxQuery(search="jalan " * 60))


def test_the_index_replaces_an_earlier_builds_when_a_filled_cache_first_gets_it(cache: Cache) -> None:
    with cache.write() as conn:
        names = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'search%'")
        for trigger in list(names.scalars()):
            conn.exec_driver_sql(f"DROP TRIGGER {trigger}")
        for table in (search_index.INDEX, search_index.DOCS, "search_pending"):
            conn.exec_driver_sql(f"DROP TABLE {table}")
        # The earlier build's layout: an index per table and pending rows keyed by (table, rowid).
        conn.exec_driver_sql("CREATE VIRTUAL TABLE ticket_text USING fts5(subject, content='ticket')")
        conn.exec_driver_sql("CREATE TRIGGER ticket_text_insert AFTER INSERT ON ticket BEGIN SELECT 1; END")
        conn.exec_driver_sql("CREATE TABLE search_pending (source TEXT, row INTEGER, PRIMARY KEY (source, row))")
    reopened = Cache(cache.path)
    with reopened.read() as conn:
        assert searched(conn, "rusak") == {"jalan rusak"}
        assert index_intact(conn)
        left = conn.exec_driver_sql("SELECT name FROM sqlite_master WHERE name LIKE 'ticket_text%'").all()
        assert left == []
    reopened.dispose()


def index_intact(conn: Connection) -> bool:
    """FTS5's own check of the index against its documents, and one document per ticket, by ticket id."""
    index = search_index.INDEX
    try:
        conn.exec_driver_sql(f"INSERT INTO {index}({index}, rank) VALUES ('integrity-check', 1)")
    except Exception:  # SQLite reports a corrupt index as an error
        return False
    documents = conn.exec_driver_sql(f"SELECT ticket_id FROM {search_index.DOCS} ORDER BY ticket_id").scalars()
    tickets = conn.exec_driver_sql("SELECT id FROM ticket ORDER BY id").scalars()
    return list(documents) == list(tickets)


def pulled(row: Any) -> Any:
    """A row shaped like the feed's (a named tuple), for the engine's own write functions."""
    return namedtuple("Pulled", row._fields)(*row)  # type: ignore[misc]


def test_the_engines_own_writes_keep_the_index_right(cache: Cache) -> None:
    """Upsert (new, newer, older version), INSERT OR REPLACE of a message, removal and drop_mirror."""
    with cache.write() as conn:
        row = pulled(conn.execute(select(s.ticket).where(s.ticket.c.subject == "Sampah").limit(1)).one())
        newer = row._replace(subject="Trotoar retak", row_version=5)
        older = row._replace(subject="Versi lama", row_version=0)
        fresh = row._replace(id=uuid4(), subject="Pohon tumbang", tracking_no="ADU-NEW")
        _upsert_tickets(conn, [newer, fresh])
        _upsert_tickets(conn, [older])
        message = pulled(conn.execute(select(s.message).where(s.message.c.body_text.like("Mohon%")).limit(1)).one())
        _insert(conn, s.message, [message._replace(body_text="Kabel listrik putus")])
        gone = fresh._replace(id=uuid4(), subject="Dihapus sebelum diindeks")
        _upsert_tickets(conn, [gone])
        _remove_tickets(conn, [gone.id])  # still pending: never indexed, so nothing to take out
        assert searched(conn, "pohon") == set(), "indexed at the pull's end, not row by row"
        set_state(conn, "cursor", "after-the-pull")
        assert index_intact(conn)
        assert searched(conn, "trotoar") == {"Trotoar retak"} and searched(conn, "versi") == set()
        assert searched(conn, "pohon") == {"Pohon tumbang"} and searched(conn, "dihapus") == set()
        assert row.id in {r.ticket_id for r in inbox.page(conn, InboxQuery(search="retak"))}
        assert {r.ticket_id for r in inbox.page(conn, InboxQuery(search="kabel"))} == {message.ticket_id}
        _remove_tickets(conn, [row.id, message.ticket_id])
        assert searched(conn, "trotoar") == set() and searched(conn, "kabel") == set(), "gone at once"
        set_state(conn, "cursor", "after-the-next-pull")
        assert index_intact(conn)
        drop_mirror(conn)
        assert searched(conn, "jalan") == set()
        set_state(conn, "cursor", "after-a-snapshot-of-nothing")
        assert index_intact(conn) and conn.exec_driver_sql(f"SELECT count(*) FROM {search_index.DOCS}").scalar() == 0


# -- the overlay, through the real sync engine --------------------------------------------------------


@pytest.fixture
def ani(tmp_path: Path) -> Iterator[Client]:
    url = f"sqlite:///{tmp_path}/central.db"
    Store(url).upgrade()
    org = build_org(url)
    for subject in ("Jalan berlubang", "Lampu jalan mati", "Sampah menumpuk"):
        new_ticket(org.ani, subject=subject, body="Mohon ditindaklanjuti segera")
    new_ticket(org.rudi, unit="kanreg-1", subject="Pelayanan KTP lambat")
    org.close()
    opened = client(url, "ani", tmp_path)
    opened.sync()
    yield opened
    opened.close()


def ids(c: Client, q: InboxQuery) -> list[UUID]:
    with c.cache.read() as conn:
        return [r.ticket_id for r in inbox.page(conn, q)]


def all_orders_page_right(c: Client, q: InboxQuery) -> bool:
    """With overlay rows in it, every order pages the same as one read, and position agrees."""
    with c.cache.read() as conn:
        for column in Column:
            for descending in (False, True):
                sorted_q = InboxQuery(q.view, q.status, search=q.search, sort=column, descending=descending)
                whole = [r.ticket_id for r in inbox.page(conn, sorted_q, None, 1000)]
                if paged(conn, sorted_q, 1) != whole or inbox.count(conn, sorted_q) != len(whole):
                    return False
                if [inbox.position(conn, sorted_q, i) for i in whole] != list(range(len(whole))):
                    return False
    return True


def test_a_ticket_created_here_shows_before_the_server_numbers_it(ani: Client) -> None:
    op = ani.desk.create(
        "humas", Kind.PENGADUAN, Channel.PHONE, "Got mampet di pasar", "Air meluap ke jalan", anonymous=True
    )
    # Held by the officer who recorded it (the claim is queued behind the report).
    for view in (View.EVERYTHING, View.MY_UNIT, View.MINE):
        assert op.ticket_id in ids(ani, InboxQuery(view))
    assert op.ticket_id not in ids(ani, InboxQuery(View.UNCLAIMED))
    with ani.cache.read() as conn:
        (row,) = inbox.page(conn, InboxQuery(search="mampet"))
        assert inbox.page(conn, InboxQuery(search="meluap"))[0].ticket_id == op.ticket_id
    assert row.ticket_id == op.ticket_id and row.tracking_no is None and row.pending
    assert row.reporter_anonymous and row.reporter_name is None and row.channel is Channel.PHONE
    assert op.ticket_id not in ids(ani, InboxQuery(channel=Channel.EMAIL))
    assert all_orders_page_right(ani, InboxQuery())
    ani.sync()
    with ani.cache.read() as conn:
        (pushed,) = inbox.page(conn, InboxQuery(search="mampet"))
    assert pushed.ticket_id == op.ticket_id and pushed.tracking_no is not None and not pushed.pending


def test_queued_claim_and_status_move_a_ticket_between_views_and_filters(ani: Client) -> None:
    first = ids(ani, InboxQuery(View.UNCLAIMED))[0]
    ani.desk.claim(str(first))
    assert first in ids(ani, InboxQuery(View.MINE))
    assert first not in ids(ani, InboxQuery(View.UNCLAIMED))
    assert first in ids(ani, InboxQuery(holder="ani"))
    with ani.cache.read() as conn:
        (mine,) = inbox.page(conn, InboxQuery(View.MINE))
    assert mine.claim_queued and mine.holder_name == "Ani Wijaya"
    ani.desk.status(str(first), Status.DIVERIFIKASI)
    assert first in ids(ani, InboxQuery(status=Status.DIVERIFIKASI))
    assert first not in ids(ani, InboxQuery(status=Status.DITERIMA))
    assert all_orders_page_right(ani, InboxQuery(status=Status.DITERIMA))
    assert all_orders_page_right(ani, InboxQuery(View.MINE))
    ani.sync()
    assert first in ids(ani, InboxQuery(status=Status.DIVERIFIKASI))
    assert ids(ani, InboxQuery(View.MINE)) == [first]
    ani.desk.release(str(first))
    assert first in ids(ani, InboxQuery(View.UNCLAIMED)) and ids(ani, InboxQuery(View.MINE)) == []


def test_a_sync_that_removes_and_adds_keeps_search_right(ani: Client) -> None:
    (lamp,) = ids(ani, InboxQuery(search="lampu"))
    ani.desk.claim(str(lamp))
    ani.desk.reply(str(lamp), "Petugas PLN sudah dihubungi")
    ani.sync()
    assert ids(ani, InboxQuery(search="dihubungi PLN")) == [lamp]
    ani.desk.transfer(str(lamp), "kanreg-1", "wilayah kanreg")
    ani.sync()
    assert ids(ani, InboxQuery(search="lampu")) == [] and ids(ani, InboxQuery(search="PLN")) == []
    with ani.cache.read() as conn:
        assert index_intact(conn)
        assert conn.execute(select(s.ticket.c.id).where(s.ticket.c.id == lamp)).first() is None


def test_overlay_rows_for_tickets_gone_from_the_mirror_are_not_shown(ani: Client) -> None:
    first = ids(ani, InboxQuery())[0]
    ani.desk.claim(str(first))
    with ani.cache.write() as conn:
        conn.execute(delete(s.ticket).where(s.ticket.c.id == first))
    assert first not in ids(ani, InboxQuery())
    assert len(ids(ani, InboxQuery())) == 2


# -- a search in the index's own order ----------------------------------------------------------------


def documents(conn: Connection) -> dict[UUID, int]:
    rows = conn.exec_driver_sql(f"SELECT ticket_id, docid FROM {search_index.DOCS}")
    return {UUID(ticket_id): int(docid) for ticket_id, docid in rows}


def test_a_search_pages_newest_document_first_with_filters_on_each_page(cache: Cache) -> None:
    q = InboxQuery(View.EVERYTHING, search="jalan", sort=None, unit="humas")
    with cache.read() as conn:
        docids = documents(conn)
        by_hand = [r for r in everything(conn) if r["unit_id"] == 1 and "jalan" in r["subject"].lower()]
        want = [r["id"] for r in sorted(by_hand, key=lambda r: -docids[r["id"]])]
        assert want and paged(conn, q, 3) == want
        assert inbox.count(conn, q) == len(want) and inbox.count(conn, q, cap=2) == 3
        assert [inbox.position(conn, q, i) for i in want] == list(range(len(want)))
        assert inbox.position(conn, q, uuid4()) is None


def test_a_searched_tracking_number_comes_first_then_the_words(cache: Cache) -> None:
    with cache.read() as conn:
        number = conn.execute(select(s.ticket.c.tracking_no).where(s.ticket.c.tracking_no.is_not(None))).scalar()
        assert number is not None
        rows = inbox.page(conn, InboxQuery(search=number, sort=None))
        assert rows[0].tracking_no == number and rows[0].key.segment == 0


def test_a_ticket_rewritten_with_a_new_rowid_keeps_one_document_and_moves_to_the_top(cache: Cache) -> None:
    """The document is keyed by ticket id: a ticket row replaced (delete + insert, a new rowid) is found."""
    with cache.write() as conn:
        row = conn.execute(select(s.ticket).where(s.ticket.c.subject == "Sampah").limit(1)).one()
        old_rowid = conn.exec_driver_sql("SELECT rowid FROM ticket WHERE id = ?", (row.id.hex,)).scalar()
        conn.execute(delete(s.ticket).where(s.ticket.c.id == row.id))
        conn.execute(insert(s.ticket).values({**row._asdict(), "subject": "Sampah di selokan"}))
        new_rowid = conn.exec_driver_sql("SELECT rowid FROM ticket WHERE id = ?", (row.id.hex,)).scalar()
        assert new_rowid != old_rowid
        set_state(conn, "cursor", "after-the-pull")
        assert index_intact(conn)
        (found,) = inbox.page(conn, InboxQuery(search="selokan", sort=None))
        assert found.ticket_id == row.id
        newest = inbox.page(conn, InboxQuery(search="sampah", sort=None), None, 1)
        assert newest[0].ticket_id == row.id, "a ticket whose text changed is the newest document"
