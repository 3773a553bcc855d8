"""The worker stores what one poll brought many messages to a transaction, together in one savepoint with one
lookup of the messages stored before: a message the store refuses rolls that back, and the batch is stored
again one message at a time, each in a savepoint, so that the refused one is rolled back alone (the rows it had
written too) and kept as an intake error. A failure that is not a message's — the worst moment, between two
messages of a batch — leaves the cursor where it was, so that the next round stores every message exactly once.
On every engine."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from uuid import UUID

import pytest
from sqlalchemy import event, func, select, update

from desktop.channels import intake_errors
from desktop.channels.accounts import account_by_id, add_account
from desktop.channels.worker import run_round
from desktop.domain.errors import Unreachable
from desktop.domain.inbound import InboundAttachment, InboundMessage
from desktop.domain.vocabulary import Channel
from desktop.store import directory
from desktop.store import intake as store_intake
from desktop.store.schema import (
    attachment,
    blob,
    channel_account,
    counter,
    intake_error,
    message,
    outbound_message,
    reporter,
    reporter_contact,
    sla_clock,
    ticket,
)
from desktop.store.service import Store
from desktop.store.tickets import ContactReporters
from desktop.store.work import Work

ACCOUNT = "pengaduan@humas"


def mail(n: int) -> InboundMessage:
    return InboundMessage(
        channel=Channel.EMAIL,
        external_id=f"<batch-{n}@example.id>",
        sender_address=f"warga{n}@example.id",
        sender_name=f"Warga {n}",
        subject=f"Laporan {n}",
        text=f"Saluran di gang {n} tersumbat.",
        attachments=(InboundAttachment("foto.jpg", "image/jpeg", f"foto {n}".encode()),),
    )


class Mailbox:
    """A source holding ``count`` mails; the cursor is the number of mails read, as an IMAP UID would be."""

    def __init__(self, count: int) -> None:
        self.mails = [mail(n) for n in range(1, count + 1)]

    def poll(self, cursor: str | None) -> tuple[list[InboundMessage], str | None]:
        start = int(cursor or 0)
        return self.mails[start:], str(len(self.mails))


@pytest.fixture
def store(migrated_url: str) -> Iterator[Store]:
    admin = Store(migrated_url)
    admin.admin(directory.add_unit, "humas", "Biro Humas")
    admin.admin(add_account, Channel.EMAIL, ACCOUNT, "humas", '{"host": "127.0.0.1", "acknowledgement": false}', None)
    yield admin
    admin.dispose()


def count(store: Store, table: object, *where: object) -> int:
    query = select(func.count()).select_from(table).where(*where)  # type: ignore[arg-type]
    return int(store.read(lambda conn: conn.execute(query).scalar_one()))


def cursor(store: Store) -> str | None:
    return store.read(lambda conn: conn.execute(select(channel_account.c.cursor)).scalar_one())  # type: ignore[no-any-return]


REAL_STORE_ATTACHMENTS = store_intake.store_attachments


def fail_on(monkeypatch: pytest.MonkeyPatch, n: int, error: Exception) -> None:
    """Storing the attachment of mail ``n`` fails: after its reporter, ticket, message and clocks were written."""

    def failing(
        work: Work,
        ticket_id: UUID,
        message_id: UUID,
        attachments: tuple[InboundAttachment, ...],
        batch: store_intake.IntakeBatch | None = None,
    ) -> None:
        work.flush()  # a batch keeps its rows back: written here, they must be rolled back
        written = work.conn.execute(select(func.count()).select_from(message).where(message.c.id == message_id))
        assert written.scalar_one() == 1  # the failure comes after the message's own rows
        if attachments == mail(n).attachments:
            raise error
        REAL_STORE_ATTACHMENTS(work, ticket_id, message_id, attachments, batch)

    monkeypatch.setattr(store_intake, "store_attachments", failing)


def test_a_refused_mail_is_rolled_back_alone_and_its_batch_is_stored(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    box = Mailbox(3)
    fail_on(monkeypatch, 2, RuntimeError("disk says no"))
    report = run_round(store, lambda account, secret: box)
    assert (report.received, report.refused, report.errors) == ({ACCOUNT: 2}, {ACCOUNT: 1}, {})
    assert count(store, ticket) == 2 and count(store, reporter) == 2  # nothing left of the refused one
    stored = store.read(lambda conn: set(conn.execute(select(message.c.external_id)).scalars()))
    assert stored == {"<batch-1@example.id>", "<batch-3@example.id>"}
    numbers = store.read(lambda conn: sorted(conn.execute(select(ticket.c.tracking_no)).scalars()))
    assert [n[-6:] for n in numbers] == ["000001", "000002"]  # its tracking number was rolled back with it
    [kept] = store.read(intake_errors.open_errors)
    assert kept.external_id == "<batch-2@example.id>" and "disk says no" in kept.error
    assert cursor(store) == "3"  # kept whole as an intake error: the cursor passes it
    monkeypatch.setattr(store_intake, "store_attachments", REAL_STORE_ATTACHMENTS)
    assert run_round(store, lambda account, secret: box).received == {ACCOUNT: 0}


@pytest.mark.parametrize("batch", [100, 2])  # one transaction; or three, the failure in the second
def test_a_failure_between_mails_of_a_batch_keeps_the_cursor_and_the_next_round_stores_each_once(
    store: Store, monkeypatch: pytest.MonkeyPatch, batch: int
) -> None:
    monkeypatch.setattr(intake_errors, "BATCH", batch)
    box = Mailbox(5)
    fail_on(monkeypatch, 4, Unreachable("lost the connection to the central database"))
    report = run_round(store, lambda account, secret: box)
    assert report.errors == {ACCOUNT: "lost the connection to the central database"}
    committed = 0 if batch == 100 else 2  # the transactions before the failing one are in
    assert count(store, message) == committed and count(store, intake_error) == 0
    assert cursor(store) is None  # it never passes a mail that is not stored
    monkeypatch.setattr(store_intake, "store_attachments", REAL_STORE_ATTACHMENTS)
    again = run_round(store, lambda account, secret: box)
    assert (again.received, again.duplicates, again.errors) == ({ACCOUNT: 5 - committed}, {ACCOUNT: committed}, {})
    assert count(store, message) == 5 and count(store, ticket) == 5 and cursor(store) == "5"
    year_counter = select(counter.c.value).where(counter.c.name.like("tracking:%"))
    assert store.read(lambda conn: conn.execute(year_counter).scalar_one()) == 5  # no number lost either


def statements_of_a_round(store: Store, box: Mailbox) -> list[str]:
    sent: list[str] = []

    def keep(_conn: object, _cursor: object, statement: str, *_args: object) -> None:
        sent.append(" ".join(statement.split()))

    event.listen(store.engine, "before_cursor_execute", keep)
    try:
        run_round(store, lambda account, secret: box)
    finally:
        event.remove(store.engine, "before_cursor_execute", keep)
    return sent


def test_a_poll_is_stored_together_in_one_savepoint_with_one_lookup_of_what_was_stored_before(store: Store) -> None:
    box = Mailbox(1)
    run_round(store, lambda account, secret: box)  # the year's tracking counter exists from here on
    box.mails += [mail(n) for n in range(2, 7)]

    sent = statements_of_a_round(store, box)

    assert count(store, ticket) == 6
    assert sum(s.upper().startswith("SAVEPOINT") for s in sent) == 1, sent
    lookups = [s for s in sent if s.upper().startswith("SELECT") and "message.external_id" in s]
    assert len(lookups) == 1, lookups  # the five mails' ids in one query, not one query a mail


def test_a_message_twice_in_one_poll_is_stored_once(store: Store) -> None:
    box = Mailbox(3)
    box.mails.append(mail(2))  # re-delivered within the same poll

    report = run_round(store, lambda account, secret: box)

    assert (report.received, report.duplicates, report.refused) == ({ACCOUNT: 3}, {ACCOUNT: 1}, {ACCOUNT: 0})
    assert count(store, message) == 3 and count(store, intake_error) == 0


def test_a_message_another_delivery_stored_after_the_lookup_is_a_duplicate_and_the_rest_is_stored(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    first = Mailbox(1)
    run_round(store, lambda account, secret: first)  # mail 1 is in, by another delivery
    store.admin(lambda conn: conn.execute(update(channel_account).values(cursor=None)))  # all three come again
    # The batch looked before that delivery committed: it does not know mail 1, and storing it clashes on its id.
    monkeypatch.setattr(
        store_intake.IntakeBatch, "among", classmethod(lambda cls, work, inbounds: cls({}, ContactReporters({})))
    )
    box = Mailbox(3)

    report = run_round(store, lambda account, secret: box)

    assert (report.received, report.duplicates, report.refused) == ({ACCOUNT: 2}, {ACCOUNT: 1}, {ACCOUNT: 0})
    assert count(store, message) == 3 and count(store, ticket) == 3 and count(store, intake_error) == 0
    numbers = store.read(lambda conn: sorted(conn.execute(select(ticket.c.tracking_no)).scalars()))
    assert [n[-6:] for n in numbers] == ["000001", "000002", "000003"]


def inserts_into(sent: list[str], table: str) -> int:
    return sum(s.upper().startswith(f"INSERT INTO {table.upper()} ") for s in sent)


def test_a_poll_writes_each_table_in_one_statement(store: Store) -> None:
    box = Mailbox(1)
    run_round(store, lambda account, secret: box)
    box.mails += [mail(n) for n in range(2, 7)]

    sent = statements_of_a_round(store, box)

    for table in ("reporter", "reporter_contact", "ticket", "message", "sla_clock", "attachment", "event"):
        assert inserts_into(sent, table) == 1, (table, [s for s in sent if s.upper().startswith("INSERT")])
    # the five tracking numbers in one move of the year's counter (and the change stamp's, but on PostgreSQL)
    counter_moves = [s for s in sent if s.upper().startswith("UPDATE COUNTER")]
    assert len(counter_moves) == (1 if store.engine.dialect.name == "postgresql" else 2), counter_moves
    # and the rows are all there: each mail its reporter, ticket, message, clocks and attachment
    assert count(store, ticket) == count(store, reporter) == count(store, message) == 6
    assert count(store, attachment) == 6 and count(store, blob) == 6
    clocks_of_one = count(store, sla_clock) // 6
    assert clocks_of_one >= 1 and count(store, sla_clock) == 6 * clocks_of_one
    opened = store.read(lambda conn: conn.execute(select(ticket.c.first_response_due_at, ticket.c.due_at)).all())
    assert all(row.due_at is not None for row in opened)


def answer(n: int, to: tuple[int, ...], sender: str) -> InboundMessage:
    return InboundMessage(
        channel=Channel.EMAIL,
        external_id=f"<answer-{n}@example.id>",
        sender_address=sender,
        sender_name="Warga",
        subject="Re: Laporan",
        text=f"Tambahan keterangan {n}.",
        references=tuple(f"<batch-{m}@example.id>" for m in to),
    )


def tickets_of(store: Store, *external_ids: str) -> list[UUID]:
    query = select(message.c.external_id, message.c.ticket_id).where(message.c.external_id.in_(external_ids))
    found = dict(store.read(lambda conn: conn.execute(query).all()))
    return [UUID(str(found[external_id])) for external_id in external_ids]


def test_an_answer_joins_the_ticket_of_the_latest_mail_it_answers_started_earlier_in_the_same_poll(
    store: Store,
) -> None:
    box = Mailbox(1)
    run_round(store, lambda account, secret: box)  # mail 1's ticket is in the database
    box.mails += [mail(2), answer(1, (2,), "warga2@example.id"), answer(2, (1, 2), "warga2@example.id")]

    report = run_round(store, lambda account, secret: box)

    assert report.received == {ACCOUNT: 3} and count(store, intake_error) == 0
    first, second, answer_1, answer_2 = tickets_of(
        store, "<batch-1@example.id>", "<batch-2@example.id>", "<answer-1@example.id>", "<answer-2@example.id>"
    )
    assert answer_1 == second and answer_2 == second != first  # mail 2 is the latest either answers
    assert count(store, ticket) == 2 and count(store, message, message.c.ticket_id == second) == 3
    # three numbers were taken for the three mails, two given back: the next report is number 3
    box.mails.append(mail(3))
    assert run_round(store, lambda account, secret: box).received == {ACCOUNT: 1}
    numbers = store.read(lambda conn: sorted(conn.execute(select(ticket.c.tracking_no)).scalars()))
    assert [n[-6:] for n in numbers] == ["000001", "000002", "000003"]


def test_reports_of_one_contact_in_one_poll_share_the_reporter_the_database_would_find(store: Store) -> None:
    first = mail(1)
    same = replace(mail(2), sender_address="warga1@example.id")
    # MariaDB's collations compare ignoring case: there it is the same contact, elsewhere another one.
    other_case = replace(mail(3), sender_address="WARGA1@Example.ID")
    box = Mailbox(0)
    box.mails = [first, same, other_case]

    assert run_round(store, lambda account, secret: box).received == {ACCOUNT: 3}

    by_ticket = tickets_of(store, first.external_id, same.external_id, other_case.external_id)
    reporters = store.read(
        lambda conn: dict(conn.execute(select(ticket.c.id, ticket.c.reporter_id)).all())  # type: ignore[arg-type]
    )
    reporter_1, reporter_2, reporter_3 = (UUID(str(reporters[t])) for t in by_ticket)
    assert reporter_1 == reporter_2
    database_finds = store.read(
        lambda conn: conn.execute(
            select(reporter_contact.c.reporter_id)
            .where(reporter_contact.c.channel == "email", reporter_contact.c.address == "WARGA1@Example.ID")
            .order_by(reporter_contact.c.id)
            .limit(1)
        ).scalar_one()
    )
    assert reporter_3 == UUID(str(database_finds))  # what one report at a time would have found
    dialect = store.engine.dialect.name
    assert count(store, reporter) == (1 if dialect == "mariadb" else 2), dialect


def chat(n: int, text: str, chat_id: str = "7001") -> InboundMessage:
    return InboundMessage(
        channel=Channel.TELEGRAM,
        external_id=f"tg-{chat_id}-{n}",
        sender_address=chat_id,
        sender_name="Warga Telegram",
        subject="",
        text=text,
    )


def test_a_chat_in_one_poll_is_one_report_and_its_status_request_names_it(store: Store) -> None:
    account = store.read(lambda conn: account_by_id(conn, conn.execute(select(channel_account.c.id)).scalar_one()))
    messages = [chat(1, "Lampu jalan di depan sekolah mati."), chat(2, "Sudah tiga malam."), chat(3, "cek status")]

    outcomes = intake_errors.take_in_all(store, account, messages, "3")

    assert outcomes == [intake_errors.Outcome.STORED] * 3
    assert count(store, ticket) == 1
    number = store.read(lambda conn: conn.execute(select(ticket.c.tracking_no)).scalar_one())
    inbound = count(store, message, message.c.direction == "inbound")
    [status_answer] = store.read(
        lambda conn: conn.execute(select(message.c.body_text).where(message.c.direction == "outbound")).scalars().all()
    )
    assert inbound == 2 and number in status_answer  # the request is answered with the report it made


def test_a_poll_of_new_reports_queues_each_acknowledgement_through_the_account(store: Store) -> None:
    store.admin(
        lambda conn: conn.execute(
            update(channel_account).values(config='{"host": "127.0.0.1", "acknowledgement": "Nomor {nomor}"}')
        )
    )
    box = Mailbox(3)

    assert run_round(store, lambda account, secret: box).received == {ACCOUNT: 3}

    account_id = store.read(lambda conn: conn.execute(select(channel_account.c.id)).scalar_one())
    queued = store.read(
        lambda conn: conn.execute(
            select(outbound_message.c.account_id, message.c.body_text).join(
                message, message.c.id == outbound_message.c.message_id
            )
        ).all()
    )
    numbers = store.read(lambda conn: set(conn.execute(select(ticket.c.tracking_no)).scalars()))
    assert {row.account_id for row in queued} == {account_id} and len(queued) == 3
    assert {row.body_text.removeprefix("Nomor ") for row in queued} == numbers


@pytest.mark.parametrize("contacts", [1, 11, 150])  # the lookup's sizes: 10, 100, and two lookups
def test_the_reporters_of_a_batchs_contacts_are_what_one_lookup_each_finds(store: Store, contacts: int) -> None:
    box = Mailbox(3)
    run_round(store, lambda account, secret: box)  # warga1..3 have reporters
    asked = [("email", f"warga{n}@example.id") for n in range(contacts, 0, -1)] + [("telegram", "warga1@example.id")]

    found = store.read(lambda conn: ContactReporters.among(conn, asked).of)

    def one_lookup(channel: str, address: str) -> UUID | None:
        query = (
            select(reporter_contact.c.reporter_id)
            .where(reporter_contact.c.channel == channel, reporter_contact.c.address == address)
            .order_by(reporter_contact.c.id)
            .limit(1)
        )
        known = store.read(lambda conn: conn.execute(query).scalar())
        return None if known is None else UUID(str(known))

    assert found == {contact: one_lookup(*contact) for contact in asked}
    assert sum(reporter_id is not None for reporter_id in found.values()) == min(contacts, 3)


def test_an_answer_joins_the_live_ticket_of_the_latest_earlier_mail_it_answers(store: Store) -> None:
    box = Mailbox(2)
    run_round(store, lambda account, secret: box)  # mails 1 and 2 in one batch: 2 is the later
    first, second = tickets_of(store, "<batch-1@example.id>", "<batch-2@example.id>")
    box.mails.append(answer(1, (1, 2), "warga1@example.id"))
    run_round(store, lambda account, secret: box)
    store.admin(lambda conn: conn.execute(update(ticket).where(ticket.c.id == second).values(deleted_at=func.now())))
    box.mails += [answer(2, (2, 1), "warga1@example.id"), answer(3, (2,), "warga1@example.id")]

    report = run_round(store, lambda account, secret: box)

    assert report.received == {ACCOUNT: 2} and count(store, intake_error) == 0
    to_both, to_both_again, to_deleted = tickets_of(
        store, "<answer-1@example.id>", "<answer-2@example.id>", "<answer-3@example.id>"
    )
    assert to_both == second  # the latest it answers
    assert to_both_again == first  # the latest is deleted: the live one before it
    assert to_deleted not in (first, second) and count(store, ticket) == 3  # nothing live to join: a report
