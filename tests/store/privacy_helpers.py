"""A reporter with personal data in every place the central database can hold it, and a dump of every table to
look for it: shared by the erasure, retention and export tests."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import timedelta
from uuid import UUID

from sqlalchemy import Connection, insert, select, update

from desktop.domain.inbound import InboundAttachment, InboundMessage, to_json
from desktop.domain.vocabulary import Channel
from desktop.store import handling, intake, outbox
from desktop.store.clock import server_now
from desktop.store.identity import unit_id_by_code
from desktop.store.schema import channel_account, intake_error, metadata, outbound_message, ticket
from desktop.store.service import Store
from desktop.store.work import begin
from tests.store.helpers import Org

KTP = b"\xff\xd8\xff\xe0KTP-BUDI-DARMAWAN-3174" + bytes(range(256)) * 8


@dataclass(frozen=True)
class Citizen:
    name: str
    email: str
    subject: str
    text: str
    filename: str
    content: bytes

    @property
    def values(self) -> dict[str, str]:
        """What must be gone after an erasure, by what it is."""
        return {
            "name": self.name,
            "email": self.email,
            "subject": self.subject,
            "text": self.text,
            "filename": self.filename,
            "content hash": hashlib.sha256(self.content).hexdigest(),
            "external id": f"<{self.email}-1@mail>",
        }


BUDI = Citizen(
    name="Budi Darmawan Kusumo",
    email="budi.darmawan77@contoh.id",
    subject="Pungutan liar di kelurahan Sukamaju",
    text="Saya dimintai uang dua ratus ribu oleh petugas loket untuk surat domisili.",
    filename="KTP_Budi_Darmawan.jpg",
    content=KTP,
)
SITI = Citizen(
    name="Siti Rahmawati Lubis",
    email="siti.rahma.lubis@contoh.id",
    subject="Lampu penerangan jalan mati di Gang Mawar",
    text="Sudah dua minggu lampu jalan di Gang Mawar mati dan rawan kejahatan.",
    filename="foto_gang_mawar_siti.jpg",
    content=b"\xff\xd8\xff\xe0GANG-MAWAR" + bytes(range(255, -1, -1)) * 8,
)


def inbound(citizen: Citizen, n: int = 1, subject: str | None = None) -> InboundMessage:
    return InboundMessage(
        channel=Channel.EMAIL,
        external_id=f"<{citizen.email}-{n}@mail>",
        sender_address=citizen.email,
        sender_name=citizen.name,
        subject=subject or citizen.subject,
        text=citizen.text if n == 1 else f"{citizen.text} (surat ke-{n})",
        html=f"<p>{citizen.text}</p><p>Salam, {citizen.name}</p>",
        attachments=(InboundAttachment(citizen.filename, "image/jpeg", citizen.content),) if n == 1 else (),
    )


def write_in(org: Org, citizen: Citizen, n: int = 1, subject: str | None = None, unit: str = "humas") -> UUID:
    """A mail from the citizen, received into a new ticket of ``unit``; returns the ticket's id."""
    received = org.admin.admin(lambda conn: intake.receive(begin(conn, None), inbound(citizen, n, subject), unit))
    return received.ticket_id


def spread_everywhere(org: Org, citizen: Citizen, ticket_id: UUID) -> None:
    """The citizen's data where the agency quotes it: a note, an answer waiting in the dispatch queue with a
    refusal naming the address, an intake error keeping a mail whole."""
    org.ani.write(handling.add_note, ticket_id, f"Sudah ditelepon {citizen.name}, minta salinan KTP.")

    def answer_and_error(conn: Connection) -> None:
        work = begin(conn, None)
        queued = outbox.queue(work, ticket_id, Channel.EMAIL, f"Yth. {citizen.name}, laporan Anda kami terima.")
        conn.execute(
            update(outbound_message)
            .where(outbound_message.c.message_id == queued)
            .values(last_error=f"550 mailbox {citizen.email} is full")
        )
        account = conn.execute(
            insert(channel_account).values(
                unit_id=unit_id_by_code(conn, "humas"), channel="email", name="Surel humas", config="{}"
            )
        ).inserted_primary_key
        assert account is not None
        conn.execute(
            insert(intake_error).values(
                account_id=account[0],
                external_id=f"<{citizen.email}-9@mail>",
                summary=f"{citizen.name} <{citizen.email}>: {citizen.subject}",
                error="invalid charset",
                payload=to_json(inbound(citizen, 9)),
                first_at=server_now(conn),
                last_at=server_now(conn),
            )
        )

    org.admin.admin(answer_and_error)


def close(store: Store, ticket_id: UUID, days_ago: float) -> None:
    """Closed ``days_ago`` days before the database server's now."""

    def closing(conn: Connection) -> None:
        at = server_now(conn) - timedelta(days=days_ago)
        conn.execute(update(ticket).where(ticket.c.id == ticket_id).values(status="selesai", closed_at=at))

    store.admin(closing)


def dump(store: Store) -> str:
    """Every row of every table of the central database, as text (bytes as text and as hex)."""

    def every_row(conn: Connection) -> str:
        parts = []
        for table in metadata.sorted_tables:
            for row in conn.execute(select(table)):
                for value in row:
                    if isinstance(value, bytes | memoryview):
                        data = bytes(value)
                        parts.append(data.decode("utf-8", "replace"))
                        parts.append(data.hex())
                    else:
                        parts.append(str(value))
        return "\n".join(parts)

    return store.admin(every_row)


def found_in(text: str, citizen: Citizen) -> set[str]:
    """Which of the citizen's values ``text`` holds (case-insensitively; the content by its bytes too)."""
    folded = text.lower()
    found = {what for what, value in citizen.values.items() if value.lower() in folded}
    if citizen.content.hex() in folded:
        found.add("content")
    return found
