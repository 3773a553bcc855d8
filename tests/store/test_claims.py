"""The acquire of a claim, on SQLite, PostgreSQL and MariaDB: one statement where the engine allows it
(``claims.claim``), so every path it folds in is checked here on each engine — the audit row it writes, the
stamps it leaves for the rest of the transaction, and the refusals, which must change nothing."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import literal, select, update
from uuid6 import uuid7

from desktop.domain.entities import Ticket
from desktop.domain.errors import HeldByOther, LostClaim, NotFound, NotPermitted
from desktop.store import claims, handling
from desktop.store import engine as engines
from desktop.store.claims import StoredText
from desktop.store.schema import Timestamp, event, officer, ticket, unit
from desktop.store.work import Work
from tests.databases import ServerMissing, throwaway_database
from tests.security.confidential import record_confidential
from tests.store.helpers import Org, build_org, expire_claim, new_ticket, snapshot


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def claim_events(org: Org, ticket_id: UUID) -> list[Any]:
    with org.admin.engine.connect() as conn:
        return list(
            conn.execute(
                select(event, officer.c.login)
                .join(officer, officer.c.id == event.c.officer_id)
                .where(event.c.ticket_id == ticket_id, event.c.action == "claim")
                .order_by(event.c.id)
            )
        )


def stored_row(org: Org, ticket_id: UUID) -> Any:
    with org.admin.engine.connect() as conn:
        return conn.execute(select(ticket).where(ticket.c.id == ticket_id)).one()


def test_the_claim_audit_row_is_what_work_audit_writes(org: Org) -> None:
    made = new_ticket(org.ani)
    claimed = org.ani.write(claims.claim, made.id)
    row = stored_row(org, made.id)
    [audited] = claim_events(org, made.id)
    assert audited.login == "ani" and audited.claim_token == claimed.claim.token == 1
    assert audited.device == org.ani.device and bool(audited.online)
    # The detail text exactly as ``Work.audit`` serialises it, so that readers of the log see no difference.
    assert audited.detail == json.dumps({"expires_at": claimed.claim.expires_at}, ensure_ascii=False, default=str)
    assert audited.change_seq == row.change_seq and audited.created_at == row.updated_at == claimed.updated_at
    assert row.claim_expires_at == claimed.claim.expires_at
    assert claimed.claim.expires_at == claimed.updated_at + timedelta(hours=4), "the unit's default lease"


def test_the_lease_is_the_units_own_length(org: Org) -> None:
    with org.admin.engine.begin() as conn:
        conn.execute(update(unit).where(unit.c.code == "humas").values(lease_seconds=90))
    claimed = org.ani.write(claims.claim, new_ticket(org.ani).id)
    assert claimed.claim.expires_at == claimed.updated_at + timedelta(seconds=90)


def test_the_rest_of_the_transaction_shares_the_claims_clock_and_stamp(org: Org) -> None:
    made = new_ticket(org.ani)

    def claim_and_look(work: Work) -> tuple[Ticket, datetime, int]:
        return claims.claim(work, made.id), work.now, work.seq

    claimed, now, seq = org.ani.write(claim_and_look)
    assert now == claimed.updated_at and seq == stored_row(org, made.id).change_seq
    # A later write of the same transaction carries the same stamp (one change for a pull to bring).
    noted = org.ani.write(lambda work: (claims.claim(work, made.id), handling.add_note(work, made.id, "Dicek")))
    assert noted[0].claim.token == 2
    with org.admin.engine.connect() as conn:
        stamps = conn.execute(select(event.c.change_seq).where(event.c.ticket_id == made.id).order_by(event.c.id))
        assert len(set(list(stamps.scalars())[-2:])) == 1


def test_the_claim_returns_the_ticket_as_stored(org: Org) -> None:
    made = new_ticket(org.ani, reporter_name="Siti Aminah", reporter_contact="siti@example.id")
    claimed = org.ani.write(claims.claim, made.id)
    assert claimed == org.ani.view(claims.read_ticket, made.id)
    assert claimed.reporter is not None and claimed.reporter.name == "Siti Aminah"
    assert claimed.claim.holder == "ani" and claimed.claim.device == org.ani.device and claimed.unit == "humas"
    assert claimed.row_version == made.row_version + 1


def test_an_expired_lease_is_taken_over_and_the_token_rises(org: Org) -> None:
    made = new_ticket(org.ani)
    first = org.ani.write(claims.claim, made.id)
    again = org.ani.write(claims.claim, made.id)  # the holder's own claim is renewed, under a new token
    assert again.claim.token == first.claim.token + 1 and again.claim.expires_at is not None
    assert first.claim.expires_at is not None and again.claim.expires_at >= first.claim.expires_at
    expire_claim(org.admin.engine, made.id)
    taken = org.budi.write(claims.claim, made.id)
    assert taken.claim.holder == "budi" and taken.claim.token == again.claim.token + 1
    assert [(e.login, e.claim_token) for e in claim_events(org, made.id)] == [("ani", 1), ("ani", 2), ("budi", 3)]


def test_an_assignment_ends_with_the_claim_taken(org: Org) -> None:
    made = new_ticket(org.ani)
    with org.admin.engine.begin() as conn:
        sari = conn.execute(select(officer.c.id).where(officer.c.login == "sari")).scalar_one()
        conn.execute(update(ticket).where(ticket.c.id == made.id).values(assigned_by=sari, assigned_at=made.created_at))
    org.ani.write(claims.claim, made.id)
    row = stored_row(org, made.id)
    assert row.assigned_by is None and row.assigned_at is None


def test_refusals_change_nothing_and_say_why(org: Org) -> None:
    mine = new_ticket(org.ani)
    elsewhere = new_ticket(org.rudi, unit="kanreg-1")
    report = record_confidential(org.rudi)
    held = org.budi.write(claims.claim, mine.id)
    assert held.claim.expires_at is not None
    before = snapshot(org.admin.engine)

    with pytest.raises(HeldByOther) as refused:
        org.ani.write(claims.claim, mine.id)
    assert refused.value.holder == "budi" and refused.value.until == held.claim.expires_at
    with pytest.raises(NotFound, match=f"^no ticket {elsewhere.id} that you may see$"):
        org.ani.write(claims.claim, elsewhere.id)  # another unit's ticket: as if there were none
    missing = uuid7()
    with pytest.raises(NotFound, match=f"^no ticket {missing} that you may see$"):
        org.ani.write(claims.claim, missing)
    confidential = (
        f"ticket {report.id} is a confidential report: only its handling unit, or an officer it was shared with, "
        "may claim it"
    )
    with pytest.raises(NotPermitted) as withheld:
        org.sari.write(claims.claim, report.id)  # she sees it from above but may not read it
    assert str(withheld.value) == confidential
    assert snapshot(org.admin.engine) == before
    # From above, a report that is not confidential is claimed as usual.
    assert org.sari.write(claims.claim, elsewhere.id).claim.holder == "sari"


def test_a_deleted_ticket_cannot_be_claimed(org: Org) -> None:
    made = new_ticket(org.ani)
    with org.admin.engine.begin() as conn:
        conn.execute(update(ticket).where(ticket.c.id == made.id).values(deleted_at=made.created_at))
    before = snapshot(org.admin.engine)
    with pytest.raises(NotFound):
        org.ani.write(claims.claim, made.id)
    assert snapshot(org.admin.engine) == before


def test_renew_and_release_write_their_audit_rows_as_before(org: Org) -> None:
    made = new_ticket(org.ani)
    token = org.ani.write(claims.claim, made.id).claim.token
    renewed = org.ani.write(claims.renew, made.id, token)
    row = stored_row(org, made.id)
    assert renewed == org.ani.view(claims.read_ticket, made.id) and renewed.claim.token == token
    assert renewed.claim.expires_at == renewed.updated_at + timedelta(hours=4) == row.claim_expires_at
    released = org.ani.write(claims.release, made.id, token)
    assert released == org.ani.view(claims.read_ticket, made.id)
    assert released.claim.holder is None and released.claim.expires_at is None and released.claim.token == token + 1
    with org.admin.engine.connect() as conn:
        rows = conn.execute(
            select(event.c.action, event.c.claim_token, event.c.detail, event.c.device, event.c.change_seq)
            .where(event.c.ticket_id == made.id, event.c.action.in_(["renew", "release"]))
            .order_by(event.c.id)
        ).all()
    expiry = json.dumps({"expires_at": renewed.claim.expires_at}, ensure_ascii=False, default=str)
    assert [(r.action, r.claim_token, r.detail, r.device) for r in rows] == [
        ("renew", token, expiry, org.ani.device),
        ("release", token, None, org.ani.device),  # the token it was made under, not the one it left
    ]
    assert rows[-1].change_seq == stored_row(org, made.id).change_seq


def test_a_stale_renew_or_release_changes_nothing_and_says_why(org: Org) -> None:
    made = new_ticket(org.ani)
    elsewhere = new_ticket(org.rudi, unit="kanreg-1")
    stale = org.ani.write(claims.claim, made.id).claim.token
    expire_claim(org.admin.engine, made.id)
    taken = org.budi.write(claims.claim, made.id).claim.token
    rudis = org.rudi.write(claims.claim, elsewhere.id).claim.token
    before = snapshot(org.admin.engine)
    lost = f"claim token {stale} on {made.tracking_no} is no longer valid (now token {taken}, held by budi)"
    for operation in (claims.renew, claims.release):
        with pytest.raises(LostClaim) as refused:
            org.ani.write(operation, made.id, stale)
        assert str(refused.value) == lost
        with pytest.raises(NotFound, match=f"^no ticket {elsewhere.id} that you may see$"):
            org.ani.write(operation, elsewhere.id, rudis)
    assert snapshot(org.admin.engine) == before


@pytest.fixture
def pg_url(tmp_path: Path) -> Iterator[str]:
    try:
        with throwaway_database("postgresql", tmp_path) as url:
            yield url
    except ServerMissing as exc:
        if os.environ.get("CI"):
            pytest.fail(f"required in CI: {exc}")
        pytest.skip(str(exc))


@pytest.mark.parametrize(
    "at", [datetime(2026, 3, 4, 5, 6, 7, 890123), datetime(2026, 3, 4, 5, 6, 7), datetime(2026, 3, 4, 5, 6, 7, 10)]
)
def test_postgresql_writes_a_time_as_python_does(pg_url: str, at: datetime) -> None:
    """The one-statement claim formats the lease end of the audit detail in SQL: Python leaves out a zero
    fraction, and PostgreSQL must too."""
    engine = engines.create(pg_url)
    try:
        with engine.connect() as conn:
            assert conn.execute(select(StoredText(literal(at, Timestamp)))).scalar_one() == str(at)
    finally:
        engine.dispose()
