"""A backlog is read page after page within one round, not one page a round, up to ``MAX_POLLS_PER_ROUND`` polls
of an account so that the others still get their turn; an account failing in the middle keeps what it took in
and its cursor. On every engine."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from desktop.channels.accounts import add_account
from desktop.channels.worker import MAX_POLLS_PER_ROUND, run_round
from desktop.domain.errors import Unreachable
from desktop.domain.inbound import InboundMessage
from desktop.domain.vocabulary import Channel
from desktop.store import directory
from desktop.store.schema import channel_account, ticket
from desktop.store.service import Store

PAGE = 3
BUSY, QUIET = "pengaduan@humas", "info@humas"


class PagedMailbox:
    """``count`` mails, at most ``PAGE`` a poll, as an IMAP fetch of a batch; the cursor is the number read.
    ``fails_at``: the poll from that cursor is refused as by an unreachable server."""

    def __init__(self, name: str, count: int, fails_at: int | None = None) -> None:
        self.mails = [mail(name, n) for n in range(1, count + 1)]
        self.fails_at = fails_at
        self.polls = 0

    def poll(self, cursor: str | None) -> tuple[list[InboundMessage], str | None]:
        self.polls += 1
        start = int(cursor or 0)
        if start == self.fails_at:
            raise Unreachable("the mail server stopped answering")
        page = self.mails[start : start + PAGE]
        return page, str(start + len(page))


def mail(name: str, n: int) -> InboundMessage:
    return InboundMessage(
        channel=Channel.EMAIL,
        external_id=f"<{n}.{name}@example.id>",
        sender_address=f"warga{n}@example.id",
        sender_name=f"Warga {n}",
        subject=f"Laporan {n} ke {name}",
        text=f"Saluran di gang {n} tersumbat.",
    )


@pytest.fixture
def store(migrated_url: str) -> Iterator[Store]:
    admin = Store(migrated_url)
    admin.admin(directory.add_unit, "humas", "Biro Humas")
    for name in (BUSY, QUIET):
        admin.admin(add_account, Channel.EMAIL, name, "humas", '{"host": "127.0.0.1", "acknowledgement": false}', None)
    yield admin
    admin.dispose()


def tickets(store: Store) -> int:
    return int(store.read(lambda conn: conn.execute(select(func.count()).select_from(ticket)).scalar_one()))


def cursors(store: Store) -> dict[str, str | None]:
    rows = store.read(lambda conn: conn.execute(select(channel_account.c.name, channel_account.c.cursor)).all())
    return {row.name: row.cursor for row in rows}


def test_a_backlog_is_read_in_one_round_up_to_the_limit_and_the_other_account_gets_its_turn(store: Store) -> None:
    pages = MAX_POLLS_PER_ROUND + 5
    sources = {BUSY: PagedMailbox(BUSY, PAGE * pages), QUIET: PagedMailbox(QUIET, 2)}

    first = run_round(store, lambda account, secret: sources[account.name])
    taken = PAGE * MAX_POLLS_PER_ROUND
    assert (first.received, first.errors) == ({BUSY: taken, QUIET: 2}, {})
    assert sources[BUSY].polls == MAX_POLLS_PER_ROUND  # the limit, not the whole backlog
    assert sources[QUIET].polls == 2  # its page, then the poll that found nothing more
    assert cursors(store) == {BUSY: str(taken), QUIET: "2"} and tickets(store) == taken + 2

    second = run_round(store, lambda account, secret: sources[account.name])
    assert (second.received, second.duplicates) == ({BUSY: PAGE * 5, QUIET: 0}, {BUSY: 0, QUIET: 0})
    assert sources[BUSY].polls == MAX_POLLS_PER_ROUND + 6  # five pages and the empty poll
    assert cursors(store) == {BUSY: str(PAGE * pages), QUIET: "2"} and tickets(store) == PAGE * pages + 2


def test_an_account_failing_in_the_middle_of_its_backlog_keeps_what_it_took_in_and_its_cursor(store: Store) -> None:
    failing = {BUSY: PagedMailbox(BUSY, 12, fails_at=2 * PAGE), QUIET: PagedMailbox(QUIET, 1)}

    report = run_round(store, lambda account, secret: failing[account.name])
    assert report.received == {BUSY: 2 * PAGE, QUIET: 1}
    assert report.errors == {BUSY: "the mail server stopped answering"}
    assert cursors(store) == {BUSY: str(2 * PAGE), QUIET: "1"} and tickets(store) == 2 * PAGE + 1

    healed = {BUSY: PagedMailbox(BUSY, 12), QUIET: PagedMailbox(QUIET, 1)}
    again = run_round(store, lambda account, secret: healed[account.name])
    assert (again.received, again.errors) == ({BUSY: 12 - 2 * PAGE, QUIET: 0}, {})
    assert again.duplicates == {BUSY: 0, QUIET: 0}
    assert cursors(store) == {BUSY: "12", QUIET: "1"} and tickets(store) == 13
