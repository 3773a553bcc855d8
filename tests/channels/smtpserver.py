"""A real SMTP server for the dispatch tests (aiosmtpd on 127.0.0.1) that delivers into the test Dovecot.

Mail to a known address is appended to that user's INBOX on the IMAP server, so a test reads what the
citizen's mail program would see; an unknown address is refused at RCPT (550), as a real server does.
The server asks for a login (PLAIN, allowed without TLS on the loopback) with the unit mailbox's
password, and can be told to answer 421 (try again later) for the next messages.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from tests.channels.mailserver import MailServer, free_port

CITIZEN_ADDRESS = "siti@example.id"
UNIT_ADDRESS = "pengaduan@humas.example.go.id"


@dataclass
class _Delivery:
    mail: MailServer
    mailboxes: dict[str, str]  # address → IMAP user
    received: list[bytes] = field(default_factory=list)
    busy: int = 0  # answer 421 to this many messages

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address.lower() not in self.mailboxes:
            return f"550 5.1.1 <{address}>: Recipient address rejected: User unknown"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        if self.busy:
            self.busy -= 1
            return "421 4.3.2 Service not available, try again later"
        raw = envelope.original_content or envelope.content
        for address in envelope.rcpt_tos:
            self.mail.deliver(raw, user=self.mailboxes[address.lower()])
        self.received.append(raw)
        return "250 2.0.0 Ok: queued"


class _Login:
    def __init__(self, user: str, password: str) -> None:
        self.user, self.password = user, password

    def __call__(self, server: Any, session: Any, envelope: Any, mechanism: str, data: Any) -> AuthResult:
        ok = (
            isinstance(data, LoginPassword)
            and data.login.decode() == self.user
            and data.password.decode() == self.password
        )
        return AuthResult(success=ok, handled=False)  # handled=False: aiosmtpd answers 535 itself


@dataclass
class SmtpServer:
    host: str
    port: int
    user: str
    password: str
    delivery: _Delivery

    @property
    def received(self) -> list[bytes]:
        return self.delivery.received

    def refuse_next(self, count: int) -> None:
        """Answer ``421`` (a temporary refusal) to the next ``count`` messages."""
        self.delivery.busy = count


def run_smtp_server(mail: MailServer) -> Iterator[SmtpServer]:
    delivery = _Delivery(mail, {CITIZEN_ADDRESS: mail.citizen, UNIT_ADDRESS: mail.user})
    port = free_port()
    controller = Controller(
        delivery,
        hostname="127.0.0.1",
        port=port,
        authenticator=_Login(mail.user, mail.password),
        auth_require_tls=False,
        auth_required=True,
        auth_exclude_mechanism=["LOGIN"],  # PLAIN only: one refusal, not a second mechanism tried
    )
    controller.start()
    try:
        yield SmtpServer("127.0.0.1", port, mail.user, mail.password, delivery)
    finally:
        controller.stop()


@pytest.fixture
def smtp_server(imap_server: MailServer) -> Iterator[SmtpServer]:
    """An SMTP server that delivers into ``imap_server``'s mailboxes."""
    yield from run_smtp_server(imap_server)
