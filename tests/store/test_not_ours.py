"""Bukan wewenang (not our authority) on every engine: back to the unit that sent the ticket, or up to the parent."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from desktop.domain.entities import Event, Ticket
from desktop.domain.errors import BadInput, ForbiddenTransition, LostClaim
from desktop.domain.status import Status
from desktop.store import claims, disposition, handling
from desktop.store.rows import event_select, to_event
from desktop.store.schema import event
from desktop.store.service import Store
from tests.store.helpers import Org, build_org, new_ticket, snapshot


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def hold(store: Store, t: Ticket) -> Ticket:
    return store.write(claims.claim, t.id)


def last_event(org: Org, t: Ticket) -> Event:
    with org.admin.engine.connect() as conn:
        return to_event(
            conn.execute(event_select().where(event.c.ticket_id == t.id).order_by(event.c.id.desc())).first()
        )


def test_back_to_the_unit_it_was_transferred_from(org: Org) -> None:
    t = hold(org.ani, new_ticket(org.ani))
    org.ani.write(handling.transfer, t.id, t.claim.token, "kanreg-1", "lokasi di wilayah I")
    held = hold(org.rudi, t)
    back = org.rudi.write(disposition.return_for_disposition, t.id, held.claim.token, "  Bukan  jalan kabupaten ")
    assert (back.status, back.unit, back.claim.holder) == (Status.BUKAN_WEWENANG, "humas", None)
    assert back.claim.token == held.claim.token + 1
    event = last_event(org, t)
    assert (event.action, event.officer, event.claim_token) == ("return_for_disposition", "rudi", held.claim.token)
    assert event.detail == {
        "old": "diterima",
        "from_unit": "kanreg-1",
        "to_unit": "humas",
        "returned_to": "sender",
        "reason": "Bukan jalan kabupaten",
    }


def test_the_dispatchers_transfer_then_receives_it_anew(org: Org) -> None:
    t = hold(org.ani, new_ticket(org.ani))
    org.ani.write(handling.transfer, t.id, t.claim.token, "kanreg-1")
    held = hold(org.rudi, t)
    org.rudi.write(disposition.return_for_disposition, t.id, held.claim.token, "wilayah lain")
    dispatcher = hold(org.ani, t)
    moved = org.ani.write(handling.transfer, t.id, dispatcher.claim.token, "kanreg")
    assert (moved.status, moved.unit) == (Status.DITERIMA, "kanreg")


def test_to_the_parent_unit_when_it_was_never_transferred(org: Org) -> None:
    t = hold(org.rudi, new_ticket(org.rudi, unit="kanreg-1"))
    verified = org.rudi.write(handling.change_status, t.id, t.claim.token, Status.DIVERIFIKASI)
    back = org.rudi.write(disposition.return_for_disposition, t.id, verified.claim.token, "urusan kantor regional")
    assert (back.status, back.unit) == (Status.BUKAN_WEWENANG, "kanreg")
    assert last_event(org, t).detail["returned_to"] == "parent"


def test_a_unit_that_returned_it_is_not_sent_it_back_by_the_next_return(org: Org) -> None:
    t = hold(org.rudi, new_ticket(org.rudi, unit="kanreg-1"))
    org.rudi.write(handling.transfer, t.id, t.claim.token, "humas")
    back = org.ani.write(disposition.return_for_disposition, t.id, hold(org.ani, t).claim.token, "bukan humas")
    assert back.unit == "kanreg-1"
    sent_on = org.rudi.write(handling.transfer, t.id, hold(org.rudi, t).claim.token, "kanreg")
    assert sent_on.status is Status.DITERIMA
    again = org.sari.write(disposition.return_for_disposition, t.id, hold(org.sari, t).claim.token, "bukan kanreg")
    assert again.unit == "kanreg-1"  # sent by kanreg-1 last, not bounced to humas


def test_refused_with_neither_a_sender_nor_a_parent(org: Org) -> None:
    t = hold(org.ani, new_ticket(org.ani))
    before = snapshot(org.admin.engine)
    with pytest.raises(BadInput, match="nowhere to go back to"):
        org.ani.write(disposition.return_for_disposition, t.id, t.claim.token, "bukan wewenang kami")
    assert snapshot(org.admin.engine) == before


def test_other_refusals_change_nothing(org: Org) -> None:
    t = hold(org.rudi, new_ticket(org.rudi, unit="kanreg-1"))
    before = snapshot(org.admin.engine)
    with pytest.raises(BadInput, match="reason"):
        org.rudi.write(disposition.return_for_disposition, t.id, t.claim.token, "   ")
    with pytest.raises(LostClaim):
        org.rudi.write(disposition.return_for_disposition, t.id, t.claim.token + 5, "wilayah lain")
    assert snapshot(org.admin.engine) == before
    token = t.claim.token
    for step in (Status.DIVERIFIKASI, Status.DITINDAKLANJUTI):
        org.rudi.write(handling.change_status, t.id, token, step)
    with pytest.raises(ForbiddenTransition, match="bukan_wewenang"):  # too late: it is being followed up
        org.rudi.write(disposition.return_for_disposition, t.id, token, "wilayah lain")
