"""Small builders shared by the store tests: an organisation, tickets, and a snapshot of the database."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from uuid import UUID

from sqlalchemy import Connection, Engine, insert, select, text, update

from desktop.domain.entities import Ticket
from desktop.domain.vocabulary import Channel, Kind, Role
from desktop.store import directory, tickets
from desktop.store.clock import server_now
from desktop.store.identity import unit_id_by_code
from desktop.store.schema import membership, metadata, officer, ticket
from desktop.store.service import Store
from desktop.store.work import begin


@dataclass
class Org:
    url: str
    admin: Store
    ani: Store  # officer in humas
    budi: Store  # officer in humas
    sari: Store  # supervisor of kanreg (parent of kanreg-1)
    rudi: Store  # officer in kanreg-1

    def close(self) -> None:
        for store in (self.admin, self.ani, self.budi, self.sari, self.rudi):
            store.dispose()


def build_org(url: str) -> Org:
    admin = Store(url)
    admin.admin(directory.add_unit, "humas", "Biro Humas")
    admin.admin(directory.add_unit, "kanreg", "Kantor Regional")
    admin.admin(directory.add_unit, "kanreg-1", "Kantor Regional I", "kanreg")
    for login, name, unit, role in (
        ("ani", "Ani Wijaya", "humas", Role.OFFICER),
        ("budi", "Budi Santoso", "humas", Role.OFFICER),
        ("sari", "Sari Lestari", "kanreg", Role.SUPERVISOR),
        ("rudi", "Rudi Hartono", "kanreg-1", Role.OFFICER),
    ):
        admin.admin(add_officer_without_login, login, name, [unit], role)
    return Org(url, admin, Store(url, "ani"), Store(url, "budi"), Store(url, "sari"), Store(url, "rudi"))


def add_officer_without_login(conn: Connection, login: str, name: str, units: list[str], role: Role) -> int:
    """Officer rows only: tests and benchmarks act through the owner connection, so no server logins are made."""
    officer_id = int(
        conn.execute(
            insert(officer).values(login=login, name=name, role=role.value, created_at=server_now(conn))
        ).inserted_primary_key[0]
    )
    for code in units:
        conn.execute(insert(membership).values(officer_id=officer_id, unit_id=unit_id_by_code(conn, code)))
    return officer_id


def new_ticket(store: Store, unit: str = "humas", subject: str = "Jalan berlubang", **kwargs: object) -> Ticket:
    spec = tickets.NewTicket(
        unit=unit,
        kind=Kind.PENGADUAN,
        channel=kwargs.pop("channel", Channel.EMAIL),
        subject=subject,
        body=str(kwargs.pop("body", "Jalan di depan pasar berlubang besar dan membahayakan pengendara.")),
        **kwargs,  # type: ignore[arg-type]
    )
    return store.write(tickets.create_ticket, spec)


def expire_claim(engine: Engine, ticket_id: UUID) -> None:
    """Let the lease run out: move its expiry into the past by the server's own clock."""
    move_lease_end(engine, ticket_id, minutes=-1)


def move_lease_end(engine: Engine, ticket_id: UUID, minutes: int, stamped: bool = False) -> None:
    """Set the lease to end ``minutes`` from the server's now; ``stamped`` makes it a change that clients
    pull (a lease running out by itself is not a change of the row)."""
    with engine.connect() as conn, conn.execution_options(write=True).begin():
        sign = "+" if minutes >= 0 else "-"
        moved = {
            "postgresql": f"timezone('UTC', clock_timestamp()) {sign} interval '{abs(minutes)} minutes'",
            "mariadb": f"UTC_TIMESTAMP(6) {sign} INTERVAL {abs(minutes)} MINUTE",
            "sqlite": f"strftime('%Y-%m-%d %H:%M:%f', 'now', '{sign}{abs(minutes)} minutes')",
        }[conn.dialect.name]
        values: dict[str, object] = {"claim_expires_at": text(moved)}
        if stamped:
            values.update(row_version=ticket.c.row_version + 1, change_seq=begin(conn, None).seq)
        conn.execute(update(ticket).where(ticket.c.id == ticket_id).values(**values))


def snapshot(engine: Engine) -> str:
    """A digest of every row of every table: equal digests mean the database did not change."""
    digest = hashlib.sha256()
    with engine.connect() as conn:
        for name in sorted(metadata.tables):
            table = metadata.tables[name]
            rows = conn.execute(select(table).order_by(*table.primary_key.columns)).all()
            digest.update(f"{name}:{len(rows)}:{sorted(map(repr, rows))}".encode())
    return digest.hexdigest()
