"""Answers to citizens by e-mail, sent over SMTP with the headers that keep them in the citizen's thread.

* **Threading**: ``In-Reply-To`` names the citizen's latest mail, ``References`` the conversation so far,
  and the subject carries the tracking number (``Re: [ADU-2026-000123] …``), so the citizen's mail program
  shows one conversation and their answer joins the ticket even if it drops the headers.
* **A Message-ID chosen before sending** (``aduan.<outbox row>@<the account's domain>``): the dispatcher
  records it first, so an answer to this mail threads even if the worker stops right after sending, and a
  mail sent again after such a stop carries the same Message-ID — mail programs show it once.
* **No mail loops**: an acknowledgement is marked ``Auto-Submitted: auto-replied`` (RFC 3834) and asks
  Exchange not to auto-answer it; intake ignores auto-replies (``email_message``), so two robots never
  answer each other.

SMTP refusals map to the errors the dispatcher understands: a 4xx reply or a lost connection is
temporary (Unreachable: try again later), a refused login is NotPermitted (the account needs an admin),
a 5xx refusal of this recipient or message is BadInput (held as failed).
"""

from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage
from email.utils import formataddr, formatdate

from ..domain.errors import BadInput, NotPermitted, Unreachable
from ..store.outbox import Outgoing
from .imap_fetch import TLS_MODES, TlsMode

# Our own ids and the citizens' ids as the intake keeps them (without angle brackets); a made-up
# ``sha256:`` id of a mail that had none is no Message-ID to refer to.
_INVENTED = "sha256:"


def message_id_for(outgoing: Outgoing, from_address: str) -> str:
    domain = from_address.rpartition("@")[2] or "aduan.invalid"
    return f"aduan.{outgoing.id.hex}@{domain}"


def subject_for(outgoing: Outgoing) -> str:
    subject = outgoing.subject
    if outgoing.tracking_no.lower() not in subject.lower():
        subject = f"[{outgoing.tracking_no}] {subject}"
    return subject if subject.lower().startswith("re:") else f"Re: {subject}"


def compose(outgoing: Outgoing, from_address: str, from_name: str | None, message_id: str) -> EmailMessage:
    if not outgoing.to or "@" not in outgoing.to:
        raise BadInput(f"ticket {outgoing.tracking_no} has no e-mail address to answer")
    mail = EmailMessage()
    mail["From"] = formataddr((from_name or "", from_address))
    mail["To"] = outgoing.to
    mail["Subject"] = subject_for(outgoing)
    mail["Date"] = formatdate(localtime=False, usegmt=True)
    mail["Message-ID"] = f"<{message_id}>"
    thread = [i for i in outgoing.thread if not i.startswith(_INVENTED)]
    if outgoing.replying_to and not outgoing.replying_to.startswith(_INVENTED):
        mail["In-Reply-To"] = f"<{outgoing.replying_to}>"
    if thread:
        mail["References"] = " ".join(f"<{i}>" for i in thread)
    if outgoing.automatic:
        mail["Auto-Submitted"] = "auto-replied"
        mail["X-Auto-Response-Suppress"] = "All"
    mail.set_content(outgoing.text)
    return mail


class SmtpMailer:
    """Sends through one account's SMTP server; a connection per answer (answers are few and far between,
    and a long-lived connection would be dropped by the server anyway)."""

    def __init__(
        self,
        host: str,
        port: int,
        user: str | None,
        password: str | None,
        from_address: str,
        from_name: str | None = None,
        tls: TlsMode = "ssl",
        timeout: float = 30.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        if tls not in TLS_MODES:
            raise BadInput(f"SMTP tls must be one of {', '.join(TLS_MODES)}, not {tls!r}")
        if not host:
            raise BadInput("the e-mail account has no SMTP host")
        if "@" not in from_address:
            raise BadInput(f"the e-mail account's sender address {from_address!r} is not an e-mail address")
        self.host, self.port, self.user, self.password = host, port, user, password
        self.from_address, self.from_name = from_address, from_name
        self.tls, self.timeout = tls, timeout
        self.ssl_context = ssl_context or ssl.create_default_context()

    def planned_id(self, outgoing: Outgoing) -> str:
        return message_id_for(outgoing, self.from_address)

    def send(self, outgoing: Outgoing) -> str:
        message_id = self.planned_id(outgoing)
        mail = compose(outgoing, self.from_address, self.from_name, message_id)
        try:
            with self._connect() as smtp:
                if self.user:
                    smtp.login(self.user, self.password or "")
                smtp.send_message(mail, from_addr=self.from_address, to_addrs=[str(mail["To"])])
        except smtplib.SMTPAuthenticationError as exc:
            detail = _reply(exc.smtp_code, exc.smtp_error)
            raise NotPermitted(f"the SMTP server {self.host} refused the login: {detail}") from None
        except smtplib.SMTPRecipientsRefused as exc:
            code, text = next(iter(exc.recipients.values()))
            raise _refused(f"the SMTP server refused the address {outgoing.to}", code, text) from None
        except (smtplib.SMTPSenderRefused, smtplib.SMTPDataError) as exc:
            what = f"the SMTP server refused the mail from {self.from_address}"
            raise _refused(what, exc.smtp_code, exc.smtp_error) from None
        except smtplib.SMTPResponseException as exc:
            raise _refused("the SMTP server refused", exc.smtp_code, exc.smtp_error) from None
        except (smtplib.SMTPException, OSError) as exc:  # refused connection, timeout, dropped link, TLS
            raise Unreachable(f"cannot send through the SMTP server {self.host}:{self.port}: {exc}") from None
        return message_id

    def check(self) -> str:
        """Connect, greet (EHLO) and log in as an answer would be sent, then QUIT without sending anything:
        the name the server greeted with."""
        try:
            with self._connect() as smtp:
                smtp.ehlo_or_helo_if_needed()
                if self.user:
                    smtp.login(self.user, self.password or "")
                greeting = smtp.ehlo_resp or smtp.helo_resp or b""
        except smtplib.SMTPAuthenticationError as exc:
            detail = _reply(exc.smtp_code, exc.smtp_error)
            raise NotPermitted(f"the SMTP server {self.host} refused the login: {detail}") from exc
        except smtplib.SMTPNotSupportedError as exc:
            raise BadInput(f"the SMTP server {self.host}:{self.port} offers no login (AUTH): {exc}") from exc
        except smtplib.SMTPResponseException as exc:
            raise _refused(f"the SMTP server {self.host} refused", exc.smtp_code, exc.smtp_error) from exc
        except (smtplib.SMTPException, OSError) as exc:  # refused connection, timeout, dropped link, TLS
            raise Unreachable(f"cannot reach the SMTP server {self.host}:{self.port}: {exc}") from exc
        first = greeting.decode("utf-8", "replace").splitlines()[0:1]
        return first[0].split()[0] if first and first[0].split() else self.host

    def _connect(self) -> smtplib.SMTP:
        if self.tls == "ssl":
            return smtplib.SMTP_SSL(self.host, self.port, timeout=self.timeout, context=self.ssl_context)
        smtp = smtplib.SMTP(self.host, self.port, timeout=self.timeout)
        if self.tls == "starttls":
            smtp.starttls(context=self.ssl_context)
        return smtp


def _reply(code: int, text: bytes | str) -> str:
    words = text.decode("utf-8", "replace") if isinstance(text, bytes) else str(text)
    return f"{code} {' '.join(words.split())}"


def _refused(what: str, code: int, text: bytes | str) -> Exception:
    """4xx: try again later; 5xx: this mail will not go as it is."""
    detail = f"{what}: {_reply(code, text)}"
    return Unreachable(detail) if 400 <= code < 500 else BadInput(detail)
