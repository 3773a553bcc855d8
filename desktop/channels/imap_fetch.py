"""Incremental IMAP fetching by UID, so the intake worker reads each message once and never marks it read.

The worker keeps an opaque cursor per mailbox, ``"<UIDVALIDITY>:<last UID>"``. Each call fetches the
messages with a larger UID, oldest first, up to a limit, and returns the cursor to store after they were
taken in. The mailbox is opened read-only (EXAMINE) and bodies are fetched with ``BODY.PEEK[]``, so the
citizens' messages stay unseen for the people who also read that mailbox. When the server's UIDVALIDITY
changed (the mailbox was recreated or rebuilt), the old UIDs mean nothing any more: the fetch starts again
from the first message and says so; intake is idempotent by Message-ID, so repeats are harmless.
"""

from __future__ import annotations

import contextlib
import imaplib
import re
import ssl
from dataclasses import dataclass
from typing import Literal

from desktop.domain.errors import BadInput, NotFound, NotPermitted, Unreachable

TlsMode = Literal["none", "starttls", "ssl"]
TLS_MODES: tuple[TlsMode, ...] = ("none", "starttls", "ssl")
DEFAULT_LIMIT = 100

_UID = re.compile(rb"\bUID (\d+)")
_CURSOR = re.compile(r"^(\d+):(\d+)$")


@dataclass(frozen=True)
class FetchedMail:
    """One message as the server stores it: its UID and the raw RFC 5322 bytes."""

    uid: int
    raw: bytes


@dataclass(frozen=True)
class FetchBatch:
    """What one ``fetch_new`` call found.

    ``cursor`` is to be stored once ``mails`` were taken in; ``restarted`` says the mailbox's UIDVALIDITY
    changed and fetching began again from its first message; ``more`` says messages beyond the limit wait.
    """

    mails: list[FetchedMail]
    cursor: str
    restarted: bool
    more: bool


@dataclass(frozen=True)
class MailboxState:
    """What ``examine`` saw: the messages the mailbox holds, and how many of them a fetch from the cursor
    would take in (all of them without a cursor, or when ``restarted``: the UIDVALIDITY changed)."""

    messages: int
    waiting: int
    restarted: bool


def parse_cursor(cursor: str | None) -> tuple[int, int] | None:
    """``(uidvalidity, last_uid)`` of a cursor, None for no cursor; BadInput for anything else."""
    if cursor is None or cursor == "":
        return None
    match = _CURSOR.match(cursor.strip())
    if match is None:
        raise BadInput(f"IMAP cursor {cursor!r} is not of the form UIDVALIDITY:LAST_UID")
    return int(match.group(1)), int(match.group(2))


def format_cursor(uidvalidity: int, last_uid: int) -> str:
    return f"{uidvalidity}:{last_uid}"


class ImapMailbox:
    """One mailbox on one IMAP server, read incrementally. Each fetch opens and closes its own session."""

    def __init__(
        self,
        host: str,
        port: int,
        user: str,
        password: str,
        mailbox: str = "INBOX",
        tls: TlsMode = "ssl",
        timeout: float = 30.0,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        if tls not in TLS_MODES:
            raise BadInput(f"IMAP TLS mode {tls!r} is not one of {', '.join(TLS_MODES)}")
        if not host:
            raise BadInput("IMAP host is empty")
        if not 0 < port < 65536:
            raise BadInput(f"IMAP port {port} is not between 1 and 65535")
        self.host = host
        self.port = port
        self.user = user
        self._password = password
        self.mailbox = mailbox
        self.tls = tls
        self.timeout = timeout
        self._ssl_context = ssl_context

    def __repr__(self) -> str:
        return f"ImapMailbox({self.user}@{self.host}:{self.port}/{self.mailbox}, tls={self.tls})"

    @property
    def _where(self) -> str:
        return f"IMAP server {self.host}:{self.port}"

    def fetch_new(self, cursor: str | None, limit: int = DEFAULT_LIMIT) -> FetchBatch:
        """The messages after ``cursor`` (all of them for None), oldest first, at most ``limit``."""
        if limit < 1:
            raise BadInput(f"IMAP fetch limit must be at least 1, not {limit}")
        position = parse_cursor(cursor)
        conn = self._connect()
        try:
            self._login(conn)
            uidvalidity = self._examine(conn)
            restarted = position is not None and position[0] != uidvalidity
            last_uid = position[1] if position is not None and not restarted else 0
            waiting = self._uids_after(conn, last_uid)
            chosen = waiting[:limit]
            mails = self._fetch(conn, chosen) if chosen else []
            new_last = max((mail.uid for mail in mails), default=last_uid)
            return FetchBatch(mails, format_cursor(uidvalidity, new_last), restarted, len(waiting) > len(chosen))
        except imaplib.IMAP4.abort as exc:
            raise Unreachable(f"{self._where} dropped the connection: {exc}") from exc
        except (OSError, EOFError) as exc:
            raise Unreachable(f"{self._where} connection failed: {exc}") from exc
        finally:
            _close_quietly(conn)

    def examine(self, cursor: str | None = None) -> MailboxState:
        """Log in and open the mailbox read-only (EXAMINE, which changes no flag, not even \\Recent): how many
        messages it holds and how many a fetch from ``cursor`` would take in. Nothing is fetched or marked."""
        position = parse_cursor(cursor)
        conn = self._connect()
        try:
            self._login(conn)
            uidvalidity = self._examine(conn)
            _, exists = conn.response("EXISTS")
            restarted = position is not None and position[0] != uidvalidity
            last_uid = position[1] if position is not None and not restarted else 0
            waiting = len(self._uids_after(conn, last_uid))
            count = exists[-1] if exists else None
            if isinstance(count, bytes) and count.isdigit():
                messages = int(count)
            else:
                messages = waiting if last_uid == 0 else len(self._uids_after(conn, 0))
            return MailboxState(messages, waiting, restarted)
        except imaplib.IMAP4.abort as exc:
            raise Unreachable(f"{self._where} dropped the connection: {exc}") from exc
        except (OSError, EOFError) as exc:
            raise Unreachable(f"{self._where} connection failed: {exc}") from exc
        finally:
            _close_quietly(conn)

    def _connect(self) -> imaplib.IMAP4:
        try:
            if self.tls == "ssl":
                return imaplib.IMAP4_SSL(self.host, self.port, ssl_context=self._context(), timeout=self.timeout)
            conn = imaplib.IMAP4(self.host, self.port, timeout=self.timeout)
        except ssl.SSLCertVerificationError as exc:
            raise Unreachable(f"{self._where} presented a certificate that is not trusted: {exc}") from exc
        except (OSError, imaplib.IMAP4.error, EOFError) as exc:
            raise Unreachable(f"{self._where} is unreachable: {exc}") from exc
        if self.tls == "starttls":
            try:
                conn.starttls(ssl_context=self._context())
            except ssl.SSLCertVerificationError as exc:
                _close_quietly(conn)
                raise Unreachable(f"{self._where} presented a certificate that is not trusted: {exc}") from exc
            except (OSError, imaplib.IMAP4.error, EOFError) as exc:
                _close_quietly(conn)
                raise Unreachable(f"{self._where} could not start TLS (STARTTLS): {exc}") from exc
        return conn

    def _context(self) -> ssl.SSLContext:
        return self._ssl_context if self._ssl_context is not None else ssl.create_default_context()

    def _login(self, conn: imaplib.IMAP4) -> None:
        try:
            conn.login(self.user, self._password)
        except imaplib.IMAP4.abort:
            raise
        except imaplib.IMAP4.error as exc:
            reason = _text(exc.args[0]) if exc.args else "no reason given"
            raise NotPermitted(f"{self._where} refused the login of user {self.user!r}: {reason}") from exc

    def _examine(self, conn: imaplib.IMAP4) -> int:
        """Open the mailbox read-only and return its UIDVALIDITY."""
        typ, data = conn.select(_quoted(self.mailbox), readonly=True)
        if typ != "OK":
            raise NotFound(f"{self._where} has no mailbox {self.mailbox!r} for {self.user!r}: {_text(data)}")
        _, codes = conn.response("UIDVALIDITY")
        if codes and isinstance(codes[0], bytes) and codes[0].isdigit():
            return int(codes[0])
        typ, status = conn.status(_quoted(self.mailbox), "(UIDVALIDITY)")
        match = re.search(rb"UIDVALIDITY (\d+)", status[0]) if typ == "OK" and isinstance(status[0], bytes) else None
        if match is None:
            raise Unreachable(f"{self._where} did not report the UIDVALIDITY of {self.mailbox!r}")
        return int(match.group(1))

    def _uids_after(self, conn: imaplib.IMAP4, last_uid: int) -> list[int]:
        typ, data = conn.uid("SEARCH", f"UID {last_uid + 1}:*")
        if typ != "OK":
            raise Unreachable(f"{self._where} failed the UID search in {self.mailbox!r}: {_text(data)}")
        # "n:*" also matches the largest UID when it is below n, so keep only the newer ones.
        found = sorted({int(word) for chunk in data if chunk for word in chunk.split()})
        return [uid for uid in found if uid > last_uid]

    def _fetch(self, conn: imaplib.IMAP4, uids: list[int]) -> list[FetchedMail]:
        """The raw messages of ``uids`` (consecutive among the mailbox's UIDs), fetched as one UID range."""
        typ, data = conn.uid("FETCH", f"{uids[0]}:{uids[-1]}", "(UID BODY.PEEK[])")
        if typ != "OK":
            raise Unreachable(f"{self._where} failed to fetch messages from {self.mailbox!r}: {_text(data)}")
        wanted = set(uids)
        mails: dict[int, FetchedMail] = {}
        for index, item in enumerate(data):
            if not isinstance(item, tuple):
                continue
            head, raw = item
            match = _UID.search(head)
            after = data[index + 1] if index + 1 < len(data) else None
            if match is None and isinstance(after, bytes):
                match = _UID.search(after)
            if match is None:
                raise Unreachable(f"{self._where} sent a message without its UID: {head[:80]!r}")
            uid = int(match.group(1))
            if uid in wanted:
                mails[uid] = FetchedMail(uid, bytes(raw))
        return [mails[uid] for uid in sorted(mails)]


def _quoted(mailbox: str) -> str:
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _text(value: object) -> str:
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    if isinstance(value, list):
        return " ".join(_text(part) for part in value if part is not None)
    return str(value)


def _close_quietly(conn: imaplib.IMAP4) -> None:
    """Log out and close the socket; imaplib's logout closes it even when the LOGOUT command fails."""
    with contextlib.suppress(OSError, EOFError, imaplib.IMAP4.error):
        conn.logout()
