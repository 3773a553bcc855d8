"""Retention per unit (UU PDP), on SQLite, PostgreSQL and MariaDB, with closing times set relative to the
database server's clock: a reporter all of whose reports are past their unit's period is anonymised, one with
a report still open (or in a unit that keeps identities) is not; attachments are purged after their own
period; each ticket touched is audited once, and a second run changes nothing."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy import func, select

from desktop.store import retention
from desktop.store.schema import attachment, event, reporter, ticket
from desktop.store.work import begin
from tests.store.helpers import Org, build_org, snapshot
from tests.store.privacy_helpers import BUDI, SITI, close, dump, found_in, write_in


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def apply(org: Org, dry_run: bool = False) -> retention.RetentionReport:
    return org.admin.admin(lambda conn: retention.apply_retention(begin(conn, None), dry_run=dry_run))


def set_periods(org: Org, unit: str, identity: int | str | None, attachments: int | str | None) -> None:
    org.admin.admin(lambda conn: retention.set_unit_retention(begin(conn, None), unit, identity, attachments))


def test_retention_anonymises_only_reporters_all_of_whose_reports_are_past_and_runs_once(org: Org) -> None:
    set_periods(org, "humas", 30, 10)
    budi_old = write_in(org, BUDI)
    budi_open = write_in(org, BUDI, 2, subject="Pungutan liar lagi")
    siti = write_in(org, SITI)
    close(org.admin, budi_old, days_ago=40)
    close(org.admin, siti, days_ago=40)

    dry = apply(org, dry_run=True)
    assert (dry.identities, dry.attachments) == (1, 2) and snapshot(org.admin.engine) == snapshot(org.admin.engine)
    assert found_in(dump(org.admin), SITI) >= {"name", "email"}, "a dry run changes nothing"

    done = apply(org)
    assert done.identities == 1, "Siti is past; Budi has a report still open"
    text = dump(org.admin)
    assert {"name", "email", "external id"} & found_in(text, SITI) == set()
    assert {"name", "email"} <= found_in(text, BUDI)
    assert done.attachments == 2, "both closed reports' attachments, Budi's too (their own period)"
    purged = org.admin.read(lambda c: c.execute(select(attachment.c.ticket_id, attachment.c.purged_at)).all())
    assert {row.ticket_id for row in purged if row.purged_at is not None} == {budi_old, siti}
    audited = org.admin.read(
        lambda c: c.execute(
            select(event.c.action, func.count())
            .where(event.c.action.in_(["identity_anonymised", "attachments_purged"]))
            .group_by(event.c.action)
        ).all()
    )
    assert dict(audited) == {"identity_anonymised": 1, "attachments_purged": 2}

    before = snapshot(org.admin.engine)
    again = apply(org)
    assert (again.identities, again.attachments) == (0, 0) and snapshot(org.admin.engine) == before

    close(org.admin, budi_open, days_ago=5)
    assert apply(org).identities == 0, "Budi's last report closed 5 days ago: not past 30"
    close(org.admin, budi_open, days_ago=31)
    assert apply(org).identities == 1
    assert {"name", "email"} & found_in(dump(org.admin), BUDI) == set()


def test_a_unit_that_keeps_identities_keeps_a_reporter_who_wrote_to_it_too(org: Org) -> None:
    set_periods(org, "humas", 30, "keep")
    set_periods(org, "kanreg", "keep", "keep")
    in_humas = write_in(org, BUDI)
    in_kanreg = write_in(org, BUDI, 2, subject="Pungutan liar lagi", unit="kanreg")
    close(org.admin, in_humas, days_ago=400)
    close(org.admin, in_kanreg, days_ago=400)
    assert apply(org).identities == 0
    set_periods(org, "kanreg", 365, None)
    done = apply(org)
    assert done.identities == 1 and done.attachments == 0
    erased = org.admin.read(lambda c: c.execute(select(reporter.c.erased_at)).scalars().all())
    assert all(e is not None for e in erased)
    assert org.admin.read(lambda c: c.execute(select(func.count()).select_from(ticket)).scalar()) == 2
