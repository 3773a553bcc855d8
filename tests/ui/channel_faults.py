"""What goes wrong with a channel, for the Channels view tests: an account whose last poll failed, and a
message intake could not store."""

from __future__ import annotations

from sqlalchemy import Connection, update

from desktop.domain.inbound import InboundMessage
from desktop.domain.vocabulary import Channel
from desktop.store.clock import server_now
from desktop.store.schema import channel_account

REVOKED = "401 Unauthorized: the bot token was revoked"


def broken(conn: Connection, name: str, error: str) -> None:
    """The worker's last poll of the account failed."""
    conn.execute(
        update(channel_account)
        .where(channel_account.c.name == name)
        .values(last_poll_at=server_now(conn), last_error=error)
    )


def kept(external_id: str, subject: str) -> InboundMessage:
    return InboundMessage(
        Channel.EMAIL, external_id, "warga@example.id", "Warga", subject, "Isi pesan warga yang tidak tersimpan."
    )
