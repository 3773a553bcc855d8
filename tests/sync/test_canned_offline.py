"""Canned responses rendered from the cache alone, on SQLite, PostgreSQL and MariaDB: every variable
filled for the ticket (the deadline as a local date in the unit's time zone), or a clear refusal — and a
reply written from one records which version it came from."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from uuid import UUID

import pytest
from sqlalchemy import insert, select, update

from desktop.cache import schema as s
from desktop.domain.canned import MissingVariable
from desktop.domain.errors import NotFound
from desktop.domain.vocabulary import Channel, Kind
from desktop.store import schema as central
from desktop.store.canned import add_canned_response, edit_canned_response, set_canned_active
from desktop.store.identity import unit_id_by_code
from desktop.store.work import begin
from desktop.views.canned import canned_for_ticket, render_for_ticket
from tests.store.canned_helpers import as_owner
from tests.store.helpers import Org, build_org, new_ticket
from tests.sync.helpers import Client, client

DEADLINE = "Yth. {nama_pelapor}, laporan {nomor_tiket} akan diselesaikan {unit} paling lambat {tenggat}."
# 16.30 UTC is 23.30 WIB on the 27th and already 00.30 WITA on the 28th.
DUE = datetime(2026, 3, 27, 16, 30)


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def set_calendar(org: Org, unit_code: str | None, timezone: str) -> None:
    """A working calendar row, written as the store writes changes (stamped)."""
    with org.admin.engine.connect() as conn, conn.execution_options(write=True).begin():
        work = begin(conn, None)
        unit_id = unit_id_by_code(conn, unit_code) if unit_code else None
        conn.execute(insert(central.calendar).values(unit_id=unit_id, timezone=timezone, change_seq=work.seq))


def set_due(org: Org, ticket_id: UUID, due_at: datetime) -> None:
    with org.admin.engine.connect() as conn, conn.execution_options(write=True).begin():
        work = begin(conn, None)
        conn.execute(
            update(central.ticket)
            .where(central.ticket.c.id == ticket_id)
            .values(due_at=due_at, row_version=central.ticket.c.row_version + 1, change_seq=work.seq)
        )


def rendered(c: Client, ticket_id: UUID, key: str) -> str:
    with c.cache.read() as conn:
        return render_for_ticket(conn, ticket_id, key)


def test_the_deadline_is_a_local_date_in_the_units_time_zone(org: Org, tmp_path: Path) -> None:
    as_owner(org.admin, add_canned_response, "tenggat", "Tenggat penyelesaian", DEADLINE)
    set_calendar(org, "kanreg-1", "Asia/Makassar")  # WITA
    regional = new_ticket(org.rudi, unit="kanreg-1", reporter_name="Made Sutama")
    central_office = new_ticket(org.ani, reporter_name="Siti Aminah")
    for ticket in (regional, central_office):
        set_due(org, ticket.id, DUE)
    sari = client(org.url, "sari", tmp_path)
    ani = client(org.url, "ani", tmp_path)
    sari.sync()
    ani.sync()

    assert rendered(sari, regional.id, "tenggat") == (
        f"Yth. Made Sutama, laporan {regional.tracking_no} akan diselesaikan Kantor Regional I "
        "paling lambat 28 Maret 2026."
    )
    # No calendar of its own and no default calendar: Jakarta time (WIB).
    assert rendered(ani, central_office.id, "tenggat").endswith("paling lambat 27 Maret 2026.")
    set_calendar(org, None, "Asia/Jayapura")  # a default calendar for every unit without one (WIT)
    ani.sync()
    sari.sync()
    assert rendered(ani, central_office.id, "tenggat").endswith("paling lambat 28 Maret 2026.")
    assert rendered(sari, regional.id, "tenggat").endswith("paling lambat 28 Maret 2026.")
    with ani.cache.read() as conn:
        values = canned_for_ticket(conn, central_office.id).values
    assert values == {
        "nama_pelapor": "Siti Aminah",
        "nomor_tiket": central_office.tracking_no,
        "unit": "Biro Humas",
        "tenggat": "28 Maret 2026",
    }
    sari.close()
    ani.close()


def test_a_ticket_made_offline_is_refused_a_template_that_needs_its_number(org: Org, tmp_path: Path) -> None:
    as_owner(org.admin, add_canned_response, "tenggat", "Tenggat penyelesaian", DEADLINE)
    as_owner(org.admin, add_canned_response, "sapa", "Sapaan", "Yth. {nama_pelapor}, terima kasih.")
    ani = client(org.url, "ani", tmp_path)
    ani.sync()
    made = ani.desk.create("humas", Kind.PENGADUAN, Channel.PHONE, "Lampu mati", "Lampu jalan mati.", anonymous=True)
    assert made.ticket_id is not None

    assert rendered(ani, made.ticket_id, "sapa") == "Yth. Pelapor, terima kasih."  # an anonymous reporter
    with pytest.raises(MissingVariable) as refused:
        rendered(ani, made.ticket_id, "tenggat")
    assert refused.value.missing == ("nomor_tiket", "tenggat") and refused.value.unknown == ()
    assert refused.value.message == (
        "the canned response 'Tenggat penyelesaian' cannot be used: no value for {nomor_tiket}, {tenggat}"
    )
    with pytest.raises(NotFound, match="no canned response 'tidak-ada'"):
        rendered(ani, made.ticket_id, "tidak-ada")

    ani.sync()  # the server numbers the ticket and sets its deadline
    with ani.cache.read() as conn:
        number = conn.execute(select(s.ticket.c.tracking_no).where(s.ticket.c.id == made.ticket_id)).scalar_one()
    assert f"laporan {number} akan diselesaikan Biro Humas paling lambat " in rendered(ani, made.ticket_id, "tenggat")
    ani.close()


def test_a_reply_written_from_a_template_records_its_version_and_keeps_its_text(org: Org, tmp_path: Path) -> None:
    as_owner(org.admin, add_canned_response, "sapa", "Sapaan", "Yth. {nama_pelapor}, laporan Anda kami proses.")
    as_owner(org.admin, edit_canned_response, "sapa", None, "Yth. {nama_pelapor}, laporan {nomor_tiket} kami proses.")
    ticket = new_ticket(org.ani, reporter_name="Siti Aminah")
    ani = client(org.url, "ani", tmp_path)
    ani.sync()
    ani.desk.claim(str(ticket.id))
    ani.sync()
    with ani.cache.read() as conn:
        offered = canned_for_ticket(conn, ticket.id)
    response = offered.find("sapa")
    text = offered.render(response)
    op = ani.desk.reply(str(ticket.id), text, canned=response.ref)
    assert op.payload["canned"] == "sapa@2"
    ani.sync()
    assert ani.outcome(op.op_id)[0] == "applied"

    as_owner(org.admin, edit_canned_response, "sapa", None, "Yth. {nama_pelapor}, wording baru.")
    as_owner(org.admin, set_canned_active, "sapa", False)
    ani.sync()
    with org.admin.engine.connect() as conn:
        detail = conn.execute(
            select(central.event.c.detail).where(
                central.event.c.action == "reply", central.event.c.ticket_id == ticket.id
            )
        ).scalar_one()
        sent = conn.execute(
            select(central.message.c.body_text).where(central.message.c.id == UUID(op.payload["message_id"]))
        ).scalar_one()
    assert json.loads(detail)["canned"] == "sapa@2"
    assert sent == f"Yth. Siti Aminah, laporan {ticket.tracking_no} kami proses."
    with ani.cache.read() as conn:
        assert canned_for_ticket(conn, ticket.id).responses == ()  # retired: no longer offered
    ani.close()
