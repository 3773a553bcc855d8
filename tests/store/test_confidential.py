"""Confidential reports in the central store, on each engine: who reads the content, who gets the summary, who
may share it, and a contact that belongs to another unit's reporter."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import select

from desktop.domain.errors import BadInput, NotFound, NotPermitted
from desktop.domain.vocabulary import Role
from desktop.store import claims, handling, sharing, tickets
from desktop.store.schema import event, reporter_contact, ticket
from desktop.store.service import Store
from tests.security.confidential import CONTACT, MESSAGE, NOTE, REPORTER, SUBJECT, record_confidential
from tests.store.helpers import Org, add_officer_without_login, build_org, new_ticket


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    # rina: a plain officer of kanreg-1 beside rudi; adi: an IT admin, member of no unit of the report.
    built.admin.admin(add_officer_without_login, "rina", "Rina Marlina", ["kanreg-1"], Role.OFFICER)
    built.admin.admin(add_officer_without_login, "adi", "Adi Nugroho", ["humas"], Role.ADMIN)
    yield built
    built.close()


def as_officer(org: Org, login: str) -> Store:
    return Store(org.url, login)


def test_outside_the_handling_unit_only_the_summary_is_read(org: Org) -> None:
    report = record_confidential(org.rudi)
    rina, adi = as_officer(org, "rina"), as_officer(org, "adi")
    try:
        for member in (org.rudi, rina):  # the handling unit reads everything
            detail = member.view(tickets.ticket_detail, report.id)
            assert (detail.ticket.subject, detail.ticket.content_withheld) == (SUBJECT, False)
            assert detail.ticket.reporter is not None and detail.ticket.reporter.name == REPORTER
            assert [m.body_text for m in detail.messages] == [MESSAGE] and [n.body for n in detail.notes] == [NOTE]
        for outsider in (org.sari, adi):  # the supervisor above, the admin: the summary
            detail = outsider.view(tickets.ticket_detail, report.id)
            summary = detail.ticket
            assert summary.content_withheld and summary.subject == "" and detail.messages == () and detail.notes == ()
            assert summary.reporter is not None and summary.reporter.name is None and summary.reporter.confidential
            assert (summary.tracking_no, summary.unit, summary.due_at) == (
                report.tracking_no,
                "kanreg-1",
                summary.due_at,
            )
            assert summary.due_at is not None and detail.events  # deadlines and history stay
            listed = {t.id: t for t in outsider.read(tickets.list_tickets, outsider.actor())}
            assert listed[report.id].content_withheld and listed[report.id].subject == ""
            assert listed[report.id].reporter is not None and listed[report.id].reporter.name is None
        # A plain report of the same unit is read in full from above.
        plain = new_ticket(org.rudi, unit="kanreg-1", subject="Antrean loket lama", reporter_name="Budi Warga")
        seen = org.sari.view(tickets.ticket_detail, plain.id)
        assert not seen.ticket.content_withheld and seen.ticket.subject == "Antrean loket lama" and seen.messages
    finally:
        rina.dispose()
        adi.dispose()


def test_a_parent_supervisor_cannot_read_the_report_by_claiming_it(org: Org) -> None:
    report = record_confidential(org.rudi)
    with pytest.raises(NotPermitted, match="confidential"):
        org.sari.write(claims.claim, report.id)
    with pytest.raises(NotPermitted, match="confidential"):
        org.sari.write(handling.take_over, report.id, "rudi sedang cuti panjang")
    held = org.admin.read(
        lambda conn: conn.execute(select(ticket.c.claimed_by).where(ticket.c.id == report.id)).scalar()
    )
    assert held is None
    # A note may still be added from above (it reveals nothing of the report), and is withheld like the rest.
    org.sari.write(handling.add_note, report.id, "Mohon segera ditindaklanjuti")
    assert org.sari.view(tickets.ticket_detail, report.id).notes == ()
    taken = org.rudi.write(claims.claim, report.id)  # the handling unit claims as always
    assert taken.claim.holder == "rudi"


def test_sharing_is_the_handling_units_decision_and_audited(org: Org) -> None:
    report = record_confidential(org.rudi)
    rina = as_officer(org, "rina")
    try:
        # Not answerable for it: the supervisor above, a plain member who does not hold it, another unit's officer.
        with pytest.raises(NotPermitted):
            org.sari.write(sharing.share_ticket, report.id, "ani")
        with pytest.raises(NotPermitted):
            rina.write(sharing.share_ticket, report.id, "ani")
        with pytest.raises(NotFound):
            org.ani.write(sharing.share_ticket, report.id, "ani")
        with pytest.raises(NotFound):
            org.ani.view(tickets.ticket_detail, report.id)

        token = org.rudi.write(claims.claim, report.id).claim.token
        with pytest.raises(BadInput, match="member"):
            org.rudi.write(sharing.share_ticket, report.id, "rina")  # she reads it already
        with pytest.raises(NotFound):
            org.rudi.write(sharing.share_ticket, report.id, "nobody")
        done = org.rudi.write(sharing.share_ticket, report.id, "ani")
        assert (done.officer, done.shared_by, done.tracking_no) == ("ani", "rudi", report.tracking_no)
        assert org.rudi.write(sharing.share_ticket, report.id, "ani") == done  # again: the same share
        shared = org.ani.view(tickets.ticket_detail, report.id)
        assert shared.ticket.subject == SUBJECT and [m.body_text for m in shared.messages] == [MESSAGE]
        org.ani.write(handling.add_note, report.id, "Hasil pemeriksaan: saksi konsisten")
        with pytest.raises(NotFound):  # a share is for reading, not for handling
            org.ani.write(claims.claim, report.id)
        # The shared officer may not pass it on, nor end another share.
        with pytest.raises(NotPermitted):
            org.ani.write(sharing.share_ticket, report.id, "budi")
        with pytest.raises(NotPermitted):
            org.ani.write(sharing.unshare_ticket, report.id, "ani")
        assert [s.officer for s in org.sari.view(sharing.list_shares, report.id)] == ["ani"]

        org.rudi.write(claims.release, report.id, token)
        with pytest.raises(NotPermitted):  # no longer the holder
            org.rudi.write(sharing.unshare_ticket, report.id, "ani")
        org.admin.admin(add_officer_without_login, "kiki", "Kiki Supervisor", ["kanreg-1"], Role.SUPERVISOR)
        kiki = as_officer(org, "kiki")
        try:
            assert kiki.write(sharing.unshare_ticket, report.id, "ani").officer == "ani"
            with pytest.raises(NotFound):
                kiki.write(sharing.unshare_ticket, report.id, "ani")
        finally:
            kiki.dispose()
        with pytest.raises(NotFound):
            org.ani.view(tickets.ticket_detail, report.id)
        actions = org.admin.read(
            lambda conn: conn.execute(
                select(event.c.action, event.c.detail).where(
                    event.c.ticket_id == report.id, event.c.action.in_(["share", "unshare"])
                )
            ).all()
        )
        assert [(a, '"ani"' in (d or "")) for a, d in actions] == [("share", True), ("unshare", True)]
        plain = new_ticket(org.rudi, unit="kanreg-1")
        org.rudi.write(claims.claim, plain.id)
        with pytest.raises(BadInput, match="not confidential"):
            org.rudi.write(sharing.share_ticket, plain.id, "ani")
    finally:
        rina.dispose()


def test_a_contact_of_another_units_reporter_neither_names_nor_ties_the_new_report(org: Org) -> None:
    report = record_confidential(org.rudi)
    original = org.rudi.view(tickets.ticket_detail, report.id).ticket.reporter
    assert original is not None

    # ani (humas) records a report from the same address: a reporter of its own, and no name lent to it.
    made = new_ticket(org.ani, unit="humas", subject="Pertanyaan", reporter_contact=CONTACT)
    assert made.reporter is not None and made.reporter.id != original.id
    assert made.reporter.name is None and not made.reporter.confidential
    # Not even a supervisor above who sees the ticket (but not its content) is matched to the reporter.
    from_above = new_ticket(org.sari, unit="kanreg", subject="Laporan susulan", reporter_contact=CONTACT)
    assert from_above.reporter is not None and from_above.reporter.id not in (original.id, made.reporter.id)
    assert from_above.reporter.name is None

    # Within the officer's reach the contact still finds the reporter: one person, one reporter.
    again = new_ticket(org.rudi, unit="kanreg-1", subject="Lanjutan", reporter_contact=CONTACT)
    assert again.reporter is not None and again.reporter.id == original.id and again.reporter.name == REPORTER
    same_humas = new_ticket(org.budi, unit="humas", subject="Lagi", reporter_contact=CONTACT)
    assert same_humas.reporter is not None and same_humas.reporter.id == made.reporter.id
    contacts = org.admin.read(
        lambda conn: (
            conn.execute(select(reporter_contact.c.reporter_id).where(reporter_contact.c.address == CONTACT))
            .scalars()
            .all()
        )
    )
    assert sorted(map(str, contacts)) == sorted(map(str, {original.id, made.reporter.id, from_above.reporter.id}))
