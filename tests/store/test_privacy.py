"""A reporter's data on request (UU PDP), on SQLite, PostgreSQL and MariaDB: an erasure leaves none of their
values in any table of the central database (each was there before), the tickets keep their numbers and
history, the audit says that it happened and not what was erased; an export holds the reporter's data and
nothing of anyone else's."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime

import pytest
from sqlalchemy import Connection, insert, select
from uuid6 import uuid7

from desktop.domain.errors import BadInput, NotFound
from desktop.store import privacy
from desktop.store.privacy import ReporterRef
from desktop.store.schema import attachment, blob, event, reporter, reporter_contact, ticket
from desktop.store.service import Store
from desktop.store.work import begin
from tests.store.helpers import Org, build_org
from tests.store.privacy_helpers import BUDI, SITI, dump, found_in, spread_everywhere, write_in


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def as_owner(store: Store, task, *args):  # type: ignore[no-untyped-def]
    return store.admin(lambda conn: task(begin(conn, None), *args))


def test_an_erased_reporter_leaves_no_value_in_any_table_and_the_tickets_keep_their_history(org: Org) -> None:
    first = write_in(org, BUDI)
    second = write_in(org, BUDI, 2, subject="Pungutan liar lagi di kelurahan")
    spread_everywhere(org, BUDI, first)
    other = write_in(org, SITI)
    before = dump(org.admin)
    assert found_in(before, BUDI) == set(BUDI.values) | {"content"}, "every value is there before: the test can fail"
    numbers = dict(org.admin.read(lambda c: c.execute(select(ticket.c.id, ticket.c.tracking_no)).all()))
    events_before = org.admin.read(lambda c: c.execute(select(event.c.id, event.c.action)).all())

    done = as_owner(
        org.admin, privacy.erase_reporter, ReporterRef(contact=f"email:{BUDI.email.upper()}"), "Surat 12/PDP"
    )

    after = dump(org.admin)
    assert found_in(after, BUDI) == set()
    assert found_in(after, SITI) == set(SITI.values) | {"content"}, "another reporter's data is untouched"
    assert done.tickets == tuple(sorted((numbers[first], numbers[second])))
    assert (done.messages, done.attachments, done.contacts, done.intake_errors, done.answers_stopped) == (2, 1, 1, 1, 1)
    kept = org.admin.read(lambda c: dict(c.execute(select(ticket.c.id, ticket.c.tracking_no)).all()))
    assert kept == numbers, "the tickets keep their numbers"
    events_after = org.admin.read(lambda c: c.execute(select(event.c.id, event.c.action)).all())
    assert set(events_before) <= set(events_after), "no event is lost"
    erased = org.admin.read(
        lambda c: c.execute(select(event.c.ticket_id, event.c.detail).where(event.c.action == "reporter_erased")).all()
    )
    assert {row.ticket_id for row in erased} == {first, second}
    detail = json.loads(erased[0].detail)
    assert detail["reason"] == "Surat 12/PDP" and detail["messages"] == 2 and detail["attachments"] == 1
    row = org.admin.read(lambda c: c.execute(select(reporter).where(reporter.c.id == done.reporter_id)).one())
    assert row.name is None and row.erased_at is not None
    purged = org.admin.read(lambda c: c.execute(select(attachment).where(attachment.c.ticket_id == first)).one())
    assert purged.filename == "lampiran-dihapus.jpg" and purged.purged_at is not None and purged.size == 0
    blobs = org.admin.read(lambda c: c.execute(select(blob.c.sha256)).scalars().all())
    assert BUDI.values["content hash"] not in blobs and SITI.values["content hash"] in blobs
    assert other not in {row.ticket_id for row in erased}


def test_a_reason_quoting_the_reporter_is_audited_without_the_quote(org: Org) -> None:
    write_in(org, BUDI)
    as_owner(org.admin, privacy.erase_reporter, ReporterRef(contact=f"email:{BUDI.email}"), f"permintaan {BUDI.name}")
    assert found_in(dump(org.admin), BUDI) == set()


def test_erasing_twice_changes_nothing_more_and_what_does_not_exist_is_not_found(org: Org) -> None:
    first = write_in(org, BUDI)
    tracking = org.admin.read(lambda c: c.execute(select(ticket.c.tracking_no).where(ticket.c.id == first)).scalar())
    done = as_owner(org.admin, privacy.erase_reporter, ReporterRef(tracking_no=tracking), "Surat 12/PDP")
    again = as_owner(org.admin, privacy.erase_reporter, ReporterRef(reporter_id=done.reporter_id), "Surat 12/PDP")
    assert again.already_erased and (again.messages, again.attachments, again.contacts) == (0, 0, 0)
    for ref in (ReporterRef(contact=f"email:{BUDI.email}"), ReporterRef(tracking_no="ADU-1999-000001")):
        with pytest.raises(NotFound) as missing:
            as_owner(org.admin, privacy.erase_reporter, ref, "Surat 12/PDP")
        assert BUDI.email not in missing.value.message and "ADU-1999" not in missing.value.message
    for ref, reason in (
        (ReporterRef(contact="budi"), "x"),
        (ReporterRef(), "x"),
        (ReporterRef(tracking_no=tracking), " "),
    ):
        with pytest.raises(BadInput):
            as_owner(org.admin, privacy.erase_reporter, ref, reason)


def test_an_export_holds_the_reporter_and_nothing_of_another(org: Org) -> None:
    first = write_in(org, BUDI)
    write_in(org, BUDI, 2)
    spread_everywhere(org, BUDI, first)
    write_in(org, SITI)
    data = org.admin.read(privacy.export_reporter, ReporterRef(contact=f"email:{BUDI.email}"), True)
    text = json.dumps(data, ensure_ascii=False)
    assert data["reporter"]["name"] == BUDI.name
    assert data["contacts"] == [{"channel": "email", "address": BUDI.email}]
    assert len(data["tickets"]) == 2 and BUDI.text in text and BUDI.filename in text
    assert found_in(text, SITI) == set()
    assert "Sudah ditelepon" not in text, "internal notes are the agency's working papers"
    contents = [a["content_base64"] for t in data["tickets"] for a in t["attachments"] if "content_base64" in a]
    assert len(contents) == 1
    without = org.admin.read(privacy.export_reporter, ReporterRef(contact=f"email:{BUDI.email}"))
    assert all("content_base64" not in a for t in without["tickets"] for a in t["attachments"])


def test_a_contact_held_by_two_reporters_is_refused_with_their_ids_and_each_is_erased_by_id(org: Org) -> None:
    write_in(org, BUDI)
    holder = org.admin.read(
        lambda c: c.execute(select(reporter_contact.c.reporter_id).where(reporter_contact.c.address == BUDI.email))
    ).scalar_one()
    twin = uuid7()  # another unit's reporter with the same contact: units match contacts only to their own

    def add_twin(conn: Connection) -> None:
        conn.execute(insert(reporter).values(id=twin, name=BUDI.name, created_at=datetime(2026, 1, 1)))
        conn.execute(insert(reporter_contact).values(reporter_id=twin, channel="email", address=BUDI.email))

    org.admin.admin(add_twin)
    with pytest.raises(BadInput) as several:
        as_owner(org.admin, privacy.erase_reporter, ReporterRef(contact=f"email:{BUDI.email}"), "Surat 12/PDP")
    assert str(holder) in several.value.message and str(twin) in several.value.message
    assert BUDI.email not in several.value.message, "the refusal names ids, never the contact"
    assert (
        org.admin.read(lambda c: c.execute(select(reporter.c.erased_at).where(reporter.c.id == twin)).scalar()) is None
    )
    for reporter_id in (holder, twin):
        assert (
            as_owner(org.admin, privacy.erase_reporter, ReporterRef(reporter_id=reporter_id), "Surat 12/PDP").contacts
            == 1
        )
