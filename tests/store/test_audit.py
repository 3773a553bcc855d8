"""The audit log read back (``desktop/store/audit.py``) on SQLite, PostgreSQL and MariaDB: a ticket's history
after real operations (one of them made offline and pushed by sync), who may read it, and the search's
filters, pages, period bounds and exports."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from uuid import uuid4

import pytest
from sqlalchemy import select, update

from desktop.cli.audit import in_words
from desktop.domain.audit import AuditEntry, write_csv
from desktop.domain.errors import NotFound
from desktop.domain.status import Status
from desktop.store import audit, claims, handling
from desktop.store.schema import event
from desktop.store.service import Store
from desktop.store.work import begin
from tests.store.helpers import Org, build_org, new_ticket
from tests.sync.helpers import client
from tests.sync.offline import go_offline


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    made = build_org(migrated_url)
    yield made
    made.close()


def as_owner(store: Store, query: audit.AuditQuery) -> list[AuditEntry]:
    return list(store.read(lambda conn: audit.search_events(begin(conn, None), query)).entries)


def history(store: Store, reference: str) -> list[AuditEntry]:
    return store.view(audit.ticket_history, reference)


def test_a_tickets_history_tells_who_did_what_under_which_claim_online_or_offline(org: Org, tmp_path: Path) -> None:
    t = new_ticket(org.ani, body="Isi laporan yang tidak boleh muncul di riwayat.")
    token = org.ani.write(claims.claim, t.id).claim.token
    org.ani.write(handling.reply, t.id, token, "Balasan rahasia untuk pelapor.")
    org.ani.write(handling.add_note, t.id, "Catatan internal @budi", token)
    org.ani.write(handling.change_status, t.id, token, Status.DIVERIFIKASI)
    # Offline: budi notes on the ticket ani holds, from his own computer, pushed when the link is back.
    budi = client(org.url, "budi", tmp_path)
    budi.sync()
    online = go_offline(budi, tmp_path)
    budi.desk.note(t.tracking_no, "Catatan luring dari budi")
    budi.engine.store = online
    budi.sync()
    budi.close()
    org.ani.write(handling.transfer, t.id, token, "kanreg-1", "wilayah kanreg")

    found = history(org.sari, t.tracking_no)  # sari supervises kanreg-1, where it is now
    actions = [(e.action, e.officer, e.online) for e in found]
    assert actions == [
        ("create", "ani", True),
        ("claim", "ani", True),
        ("reply", "ani", True),
        ("note", "ani", True),
        ("status", "ani", True),
        ("note", "budi", False),
        ("transfer", "ani", True),
    ]
    assert [e.claim_token for e in found] == [None, token, token, token, token, None, token]
    assert found[5].device == "budi-pc", "an offline change names the computer it was made on"
    assert [e.id for e in found] == sorted(e.id for e in found), "oldest first"
    assert found[4].detail == {"old": "diterima", "new": "diverifikasi"}
    assert in_words(found[4]) == "changed the status from diterima to diverifikasi"
    assert in_words(found[6]) == "transferred it from humas to kanreg-1; reason: wilayah kanreg"
    assert in_words(found[3]) == "added an internal note; mentioning budi"
    shown = json.dumps([e.detail for e in found])
    for secret in ("tidak boleh", "Balasan rahasia", "Catatan internal", "luring"):
        assert secret not in shown, "a history never carries a message's or a note's text"


def test_the_history_of_a_ticket_out_of_scope_is_not_found_like_one_that_does_not_exist(org: Org) -> None:
    humas = new_ticket(org.ani)
    assert [e.action for e in history(org.budi, humas.tracking_no)] == ["create"]  # same unit
    for attempt in (humas.tracking_no, str(humas.id), "ADU-2020-999999", str(uuid4()), "' OR 1=1 --"):
        with pytest.raises(NotFound) as refused:
            history(org.rudi, attempt)  # rudi is in kanreg-1
        assert "that you may see" in refused.value.message
    with pytest.raises(NotFound):
        history(org.sari, humas.tracking_no)  # a supervisor of other units


def test_a_confidential_reports_history_is_read_only_where_its_content_is(org: Org) -> None:
    secret = new_ticket(org.rudi, unit="kanreg-1", reporter_name="Pelapor Rahasia", confidential=True)
    assert [e.action for e in history(org.rudi, secret.tracking_no)] == ["create"]  # the handling unit
    with pytest.raises(NotFound):
        history(org.sari, secret.tracking_no)  # supervises kanreg-1 but is no member of it
    plain = new_ticket(org.rudi, unit="kanreg-1")
    assert [e.action for e in history(org.sari, plain.tracking_no)] == ["create"]
    assert {e.tracking_no for e in org.sari.view(audit.search_events, audit.AuditQuery()).entries} == {
        plain.tracking_no
    }


def test_a_deactivated_officer_reads_nothing(org: Org) -> None:
    t = new_ticket(org.ani)
    from desktop.store import accounts

    org.admin.admin(accounts.set_active, "budi", False)
    fresh = Store(org.url, "budi")
    try:
        with pytest.raises(Exception) as refused:
            history(fresh, t.tracking_no)
        assert getattr(refused.value, "code", None) == "not_permitted"
    finally:
        fresh.dispose()


def test_the_search_filters_each_narrow_and_pages_newest_first(org: Org) -> None:
    first, second = new_ticket(org.ani, subject="Satu"), new_ticket(org.budi, subject="Dua")
    token = org.ani.write(claims.claim, first.id).claim.token
    org.ani.write(handling.change_status, first.id, token, Status.DIVERIFIKASI)
    org.budi.write(claims.claim, second.id)
    everything = as_owner(org.admin, audit.AuditQuery(limit=500))
    assert [e.id for e in everything] == sorted((e.id for e in everything), reverse=True)
    by_budi = as_owner(org.admin, audit.AuditQuery(officer="budi"))
    assert {e.officer for e in by_budi} == {"budi"} and len(by_budi) == 2
    of_first = as_owner(org.admin, audit.AuditQuery(ticket=first.tracking_no.lower()))
    assert [e.action for e in of_first] == ["status", "claim", "create"]
    claims_only = as_owner(org.admin, audit.AuditQuery(action="claim"))
    assert {e.tracking_no for e in claims_only} == {first.tracking_no, second.tracking_no}
    combined = as_owner(org.admin, audit.AuditQuery(officer="ani", action="claim", ticket=str(first.id)))
    assert [(e.action, e.tracking_no) for e in combined] == [("claim", first.tracking_no)]
    # Pages: keyset on the id, no entry twice and none missed.
    seen: list[int] = []
    before = None
    while True:
        page = org.admin.read(
            lambda conn, b=before: audit.search_events(begin(conn, None), audit.AuditQuery(limit=2, before_id=b))
        )
        seen += [e.id for e in page.entries]
        if page.next_before is None:
            break
        before = page.next_before
    assert seen == [e.id for e in everything]
    with pytest.raises(NotFound):
        as_owner(org.admin, audit.AuditQuery(officer="tidak-ada"))


def test_the_period_includes_both_days_in_the_time_zone_given(org: Org) -> None:
    t = new_ticket(org.ani)
    with org.admin.engine.begin() as conn:
        created = conn.execute(select(event.c.id, event.c.created_at).where(event.c.ticket_id == t.id)).one()
        # Put the event at 23:59:59 WIB on a fixed day: 16:59:59 UTC.
        moment = created.created_at.replace(year=2026, month=3, day=10, hour=16, minute=59, second=59, microsecond=0)
        conn.execute(update(event).where(event.c.id == created.id).values(created_at=moment))
    day = moment.date()

    def found(since: object, until: object, zone: str = "Asia/Jakarta") -> bool:
        query = audit.AuditQuery(ticket=t.tracking_no, since=since, until=until, timezone=zone)  # type: ignore[arg-type]
        return bool(as_owner(org.admin, query))

    assert found(day, day), "the last second of the day is in it"
    assert found(None, day) and found(day, None)
    assert not found(day + timedelta(days=1), None)
    assert not found(None, day - timedelta(days=1))
    assert found(day, day, "UTC") and not found(day + timedelta(days=1), None, "UTC")
    assert not found(day, day, "Asia/Jayapura"), "in WIT (UTC+9) it was already the next day"


def test_officers_have_no_search_and_supervisors_see_their_units_tickets(org: Org) -> None:
    humas, kanreg = new_ticket(org.ani), new_ticket(org.rudi, unit="kanreg-1")
    found = org.sari.view(audit.search_events, audit.AuditQuery())
    assert {e.tracking_no for e in found.entries} == {kanreg.tracking_no}
    with pytest.raises(NotFound):
        org.sari.view(audit.search_events, audit.AuditQuery(ticket=humas.tracking_no))


def test_the_csv_export_escapes_formulas_and_reads_back(org: Org) -> None:
    t = new_ticket(org.ani)
    token = org.ani.write(claims.claim, t.id).claim.token
    org.ani.write(handling.transfer, t.id, token, "kanreg-1", '=HYPERLINK("http://x.example/"&A2)')
    entries = as_owner(org.admin, audit.AuditQuery(ticket=t.tracking_no))
    out = io.StringIO()
    assert write_csv(entries, lambda e: "@SUM(1)" if e.action == "claim" else in_words(e), out) == 3
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert [r["action"] for r in rows] == ["transfer", "claim", "create"]
    assert rows[1]["description"] == "'@SUM(1)"
    assert rows[0]["description"].startswith("transferred it from humas to kanreg-1; reason: =HYPERLINK")
    assert rows[0]["claim_token"] == str(token) and rows[0]["online"] == "online"
    for row in rows:
        assert not row["description"].startswith(("=", "+", "-", "@"))


def test_a_confidential_reports_typed_texts_are_withheld_from_an_admin_who_may_not_read_it(org: Org) -> None:
    from desktop.domain.vocabulary import Role
    from tests.store.helpers import add_officer_without_login

    org.admin.admin(add_officer_without_login, "adi", "Adi", ["humas"], Role.ADMIN)
    secret = new_ticket(org.rudi, unit="kanreg-1", confidential=True, reporter_name="Rahasia")
    token = org.rudi.write(claims.claim, secret.id).claim.token
    org.rudi.write(handling.transfer, secret.id, token, "kanreg", "nama pelapor ada di sini")
    adi = Store(org.url, "adi")
    try:
        found = adi.view(audit.search_events, audit.AuditQuery(action="transfer")).entries
    finally:
        adi.dispose()
    assert [e.detail for e in found] == [{"from_unit": "kanreg-1", "to_unit": "kanreg"}]
    owner = as_owner(org.admin, audit.AuditQuery(action="transfer"))
    assert owner[0].detail["reason"] == "nama pelapor ada di sini", "the owner's tools read everything"


def test_every_action_the_store_writes_has_a_code_and_words() -> None:
    """Reads the code: each literal ``audit("action"`` (or ``audit("a" if … else "b"``) in the store, the server's
    commands and the connectors, and the actions passed on by name (outbox decisions, the master's side of a
    family change)."""
    import re

    from desktop.domain.audit import AUDIT_FIELDS, SENTENCES

    root = Path(__file__).resolve().parents[2] / "desktop"
    written = {"send_again", "send_confirmed", "duplicate_linked", "duplicate_unlinked", "duplicate_merged"}
    audited = re.compile(r"audit\(\s*\"([a-z_]+)\"(?:\s+if\s[^\"]+\selse\s+\"([a-z_]+)\")?")
    for folder in ("store", "server", "channels"):
        for source in (root / folder).rglob("*.py"):
            for found in audited.findall(source.read_text()):
                written |= {action for action in found if action}
    assert {"canned_restore", "canned_retire", "reporter_erased", "share"} <= written, "the reading still works"
    assert written - set(AUDIT_FIELDS) == set()
    assert set(SENTENCES) == set(AUDIT_FIELDS)
