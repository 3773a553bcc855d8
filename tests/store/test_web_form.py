"""The web form's store part on every engine: the unit's hourly limit holds when many servers' threads file at
the same moment (the account row is locked before the count), a form sent twice is stored once, a contact
typed into the form never ties the report to an earlier reporter, and a status link finds its report only."""

from __future__ import annotations

import hashlib
from concurrent.futures import ThreadPoolExecutor

from sqlalchemy import func, select

from desktop.channels.accounts import add_account
from desktop.domain.inbound import InboundMessage
from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Kind
from desktop.store import directory
from desktop.store.schema import reporter, ticket, web_report
from desktop.store.service import Store
from desktop.store.web_form import Filed, file_report, filed_before, public_status

LIMIT = 4


def form(n: int, contact: str | None = "siti@example.id", confidential: bool = False) -> InboundMessage:
    return InboundMessage(
        channel=Channel.WEB,
        external_id=f"web-{n}",
        sender_address=contact,
        sender_name=f"Pelapor {n}",
        subject=f"Laporan {n}",
        text="Isi laporan.",
        confidential=confidential,
    )


def digest(n: int) -> str:
    return hashlib.sha256(f"rahasia-{n}".encode()).hexdigest()


def test_the_hourly_limit_holds_under_concurrent_filings_and_a_form_is_stored_once(migrated_url: str) -> None:
    store = Store(migrated_url)
    try:
        store.admin(directory.add_unit, "humas", "Biro Humas")
        account = store.admin(add_account, Channel.WEB, "Web Humas", "humas", "{}", None)

        def one(n: int) -> Filed | None:
            filer = Store(migrated_url)  # a server process of its own
            try:
                return filer.admin(file_report, form(n), "humas", Kind.PENGADUAN, account, LIMIT, digest(n))
            finally:
                filer.dispose()

        with ThreadPoolExecutor(6) as pool:
            outcomes = list(pool.map(one, range(12)))
        filed = [o for o in outcomes if o is not None]
        assert len(filed) == LIMIT and all(o.new for o in filed)
        assert store.read(lambda c: c.execute(select(func.count()).select_from(web_report)).scalar_one()) == LIMIT
        first = next(n for n, o in enumerate(outcomes) if o is not None)
        again = store.admin(file_report, form(first), "humas", Kind.PENGADUAN, account, LIMIT, digest(first))
        assert again == Filed(filed_tracking := outcomes[first].tracking_no, new=False)  # type: ignore[union-attr]
        assert store.read(filed_before, f"web-{first}") == filed_tracking

        found = store.read(public_status, digest(first))
        assert found is not None and found.tracking_no == filed_tracking and found.status is Status.DITERIMA
        assert found.last_answer is None
        assert store.read(public_status, digest(999)) is None
        # Each form its own reporter, with the name typed into it, though the contact is the same.
        names = store.read(
            lambda c: sorted(c.execute(select(reporter.c.name).join(ticket, ticket.c.reporter_id == reporter.c.id)))
        )
        assert len({name for (name,) in names}) == LIMIT
    finally:
        store.dispose()
