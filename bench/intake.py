"""E-mail intake through a real IMAP server into the central database, beside a raw IMAP fetch of the same mails.

    python bench/intake.py [--mails 10000] [--engines postgresql] [--batch 200] [--seed 1] [--mixed 1000]
                           [--lapor 10000] [--burst 2000] [--acknowledgements] [--analyze auto|never]
                           [--tracemalloc]
                           [--profile DIR] [--quick]

A throwaway Dovecot (``tests.channels.mailserver``) is started and its INBOX filled with ``--mails``
citizens' mails generated from ``--seed`` (the demo data's Indonesian vocabulary): new complaints, answers
to earlier ones (In-Reply-To / References), multipart and HTML-only mails, small attachments, auto-replies
and a few malformed ones (no Message-ID, raw 8-bit headers, a wrong charset, a cut MIME boundary, a bad
Date, bytes that are no e-mail at all). The fill is one IMAP connection sending MULTIAPPEND commands with
non-synchronising literals; its time is printed but is no part of the figures. Then:
  1. baseline: ``ImapMailbox.fetch_new(cursor, --batch)`` in a loop until the mailbox is read — the worker's
     own UID-incremental fetch (a session per batch, EXAMINE, UID SEARCH, UID FETCH BODY.PEEK[]) and nothing
     else. It runs before and after the intakes; their mean is the baseline. Beside it the second baseline,
     also before and after: the worker's own ``EmailSource.poll`` (the same fetch, and each mail parsed into
     the message the store takes) until the mailbox is read, nothing stored — intake at half its rate spends
     no more on storing than on reading.
  2. intake, per engine: a migrated throwaway database with one unit and one e-mail account that points at
     the Dovecot (``tls`` none, the password by ``env:`` reference, ``"acknowledgement": false``), then
     ``run_round(store, source_factory)`` until every mail is stored — the real worker round, with the real
     ``make_source`` whose ``EmailSource`` fetches ``--batch`` mails a round. With ``--acknowledgements``,
     once more on a second database with acknowledgements on (each new ticket queues one). On a PostgreSQL
     server with autovacuum off, the bench runs ANALYZE when autovacuum would (``StandInAutovacuum``;
     ``--analyze never`` shows what happens without statistics).
  3. verification: every mail is an inbound message, every answer joined its thread's ticket and every other
     mail started its own; nothing was refused; another round stores nothing; and with the cursor cleared
     (a crash before it was saved) all mails are fetched again and recognised as duplicates (timed too).
  4. mixed channels (``--mixed``, messages per channel): e-mail, Telegram and SMS polled by the worker's rounds
     while WhatsApp webhook calls and web-form reports are stored beside them, as ``aduan server``'s routes
     store them, into one database per engine; beside the baseline of the same run, every source read and
     parsed with nothing stored (``bench/support/mixed_intake.py``), and checked: each message once, each its
     own ticket, nothing refused, everything sent again recognised.
  5. LAPOR! import (``--lapor``, rows; ``bench/support/lapor_import.py``): an export of that many reports read
     and stored as ``aduan lapor import`` does, per engine, beside one executemany INSERT of the same rows into
     a table of their own on the same database; checked: every row a ticket, the file again stores nothing.
  6. webhook burst (``--burst``, calls; ``bench/support/webhook_burst.py``): that many WhatsApp notifications sent
     16 calls at once through the account's webhook endpoint, per engine, once grouped as ``aduan server`` stores
     them (``channels/pushed.py``) and once a transaction a call, beside the same notifications checked, parsed
     and their messages sent by one raw INSERT; checked: every call 200, every message one ticket, nothing
     refused, the burst again stores nothing.
``--quick`` is the smoke run the test suite makes: every phase and check on 200 mails fetched 50 a round, all
in one process, its figures meaningless. Otherwise every phase runs in its own spawned process, and the
high-water mark of its RSS is
reset when it begins (Linux ``/proc/self/clear_refs``), so its peak RSS (``VmHWM``) is its own:
"growth" is that peak minus the RSS the process had when the phase began (imports, the database engine and
its first connection already there). ``--tracemalloc`` adds the Python heap peak and slows everything.
Where the intake's time goes is measured with timers around the phases of a round: the IMAP fetch inside
``EmailSource.poll``, the parsing (the rest of ``poll``), and storing (the rest of the round); SQL
statements are counted and timed with SQLAlchemy's cursor events (a few microseconds each).

This is a benchmark, not a test: a failed verification is printed, never an exit status. A server that is
not there is reported as "skipped: <reason>".
"""

from __future__ import annotations

import argparse
import base64
import functools
import json
import multiprocessing as mp
import os
import platform
import random
import socket
import statistics
import sys
import tempfile
import time
import traceback
import tracemalloc
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta, timezone
from email import policy
from email.message import EmailMessage
from email.utils import format_datetime
from pathlib import Path
from typing import Any, TypeVar

import pytest

REPO_ROOT = Path(__file__).resolve().parent.parent
if str(REPO_ROOT) not in sys.path:
    # Run as a script, Python puts bench/ on the path, not the repository root holding desktop/ and tests/.
    sys.path.insert(0, str(REPO_ROOT))

from sqlalchemy import Connection, event, func, select, text, update  # noqa: E402

from bench.claims import describe as describe_statement  # noqa: E402
from bench.claims import engine_list, server_version  # noqa: E402
from bench.support import lapor_import, mixed_intake, webhook_burst  # noqa: E402
from bench.sync import cpu_seconds, profiled, run_here, run_in_child  # noqa: E402
from bench.sync import peak_rss_mib as sync_peak_rss_mib  # noqa: E402
from desktop.channels.accounts import Account, add_account, enabled_accounts  # noqa: E402
from desktop.channels.email_message import UnreadableMail, parse_email  # noqa: E402
from desktop.channels.imap_fetch import ImapMailbox  # noqa: E402
from desktop.channels.intake_errors import receive_through  # noqa: E402
from desktop.channels.settings import slots  # noqa: E402
from desktop.channels.sources import EmailSource, make_source  # noqa: E402
from desktop.channels.worker import RoundReport, Source, run_round  # noqa: E402
from desktop.demo import generator as demo  # noqa: E402
from desktop.domain.vocabulary import Channel  # noqa: E402
from desktop.store import directory  # noqa: E402
from desktop.store import engine as engines  # noqa: E402
from desktop.store.schema import channel_account, intake_error, message, ticket  # noqa: E402
from desktop.store.service import Store  # noqa: E402
from tests.channels.mailserver import MailServer, run_mail_server  # noqa: E402
from tests.databases import ServerMissing, throwaway_database  # noqa: E402

T = TypeVar("T")

# The counting listener names every statement the intake sends: remembered per statement text (SQLAlchemy
# sends the same few texts again and again), so that counting costs the measured intake next to nothing.
describe = functools.lru_cache(maxsize=4096)(describe_statement)

ACCOUNT = "pengaduan@humas"
# The account's secret is read from its own environment slot (the only one the store accepts besides the
# keyring): the password never enters the database.
SECRET_REF = slots(ACCOUNT)[0]
SECRET_ENV = SECRET_REF.removeprefix("env:")
UNIT = "humas"
APPEND_CHUNK = 250  # mails per MULTIAPPEND command
PRETTY = {"sqlite": "SQLite", "postgresql": "PostgreSQL", "mariadb": "MariaDB"}
WIB = timezone(timedelta(hours=7), "WIB")  # the citizens' mailers write local time
MAX_ROUNDS_FACTOR = 3  # a round stores at least one mail; give up after 3x the rounds that should be needed

# The demo generator's vocabulary, so that mails read like the demo's tickets (and stay in one place).
_OFFICES = ("kantor pusat", *(f"Kantor Regional {roman} {seat}" for roman, seat, _ in demo._REGIONS))
_CITIES = (*demo._CENTRAL_CITIES, *(city for _, _, cities in demo._REGIONS for city in cities))
_ANSWERS = (
    "Terima kasih atas tanggapannya. Berikut saya kirimkan keterangan tambahan: kejadiannya {waktu} di {lokasi}.",
    "Sampai hari ini belum ada perubahan. Mohon kabar perkembangan laporan saya.",
    "Foto kondisi terbaru saya lampirkan. Mohon segera ditindaklanjuti.",
    "Baik, Pak/Bu. Nomor telepon saya yang bisa dihubungi 0812-{nomor}.",
    "Maaf, saya lupa menyebutkan bahwa lokasinya tepat di depan {kantor}.",
)
_AUTO_REPLIES = (
    ("Balasan otomatis: Sedang cuti", "Saya sedang cuti sampai {waktu}. Surel Anda akan saya baca setelah kembali."),
    ("Out of Office", "Terima kasih atas surel Anda. Saya sedang di luar kantor dan akan membalas secepatnya."),
)
_HTML_FRAME = (
    "<html><head><meta charset='utf-8'></head><body><div style='font-family:Arial'>{paragraphs}"
    "<p>Salam,<br><b>{name}</b></p><p style='color:#888;font-size:small'>Dikirim dari ponsel saya</p>"
    "</div></body></html>"
)
# Shares of the mails by kind; a reply needs an earlier mail, so the first mail is always a new one.
_KINDS = demo._weighted(
    [
        ("plain", 520),
        ("reply", 220),
        ("alternative", 90),
        ("html_only", 60),
        ("attachment", 60),
        ("auto_reply", 15),
        ("no_message_id", 8),
        ("eight_bit_header", 6),
        ("wrong_charset", 6),
        ("cut_boundary", 5),
        ("bad_date", 5),
        ("not_an_email", 4),
        ("long_text", 1),
    ]
)
_MALFORMED = frozenset(
    {"no_message_id", "eight_bit_header", "wrong_charset", "cut_boundary", "bad_date", "not_an_email"}
)


# --- the mails -------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Citizen:
    name: str
    address: str


@dataclass(frozen=True, slots=True)
class Draft:
    """A new mail before it is written out."""

    index: int
    when: datetime
    who: Citizen
    mail_id: str | None
    subject: str
    text: str


@dataclass(frozen=True, slots=True)
class Mail:
    """One generated mail and what it should become: ``root`` is the Message-ID of its thread's first mail
    (its own for a new mail), None for a mail without a Message-ID (which always starts a ticket)."""

    raw: bytes
    kind: str
    message_id: str | None
    root: str | None

    @property
    def starts_ticket(self) -> bool:
        return self.root is None or self.root == self.message_id


def generate(count: int, seed: int) -> list[Mail]:
    """``count`` mails from ``seed``: the same seed always gives the same bytes (MIME boundaries included)."""
    rng = random.Random(seed)
    start = datetime(2026, 11, 2, 7, 0, tzinfo=UTC)
    citizens: list[Citizen] = []
    threads: list[tuple[str, str, str, Citizen]] = []  # (root id, last id, subject, citizen) of recent mails
    mails: list[Mail] = []
    for index in range(count):
        when = start + timedelta(seconds=index * 37 + rng.randrange(30))
        kind = rng.choice(_KINDS) if threads else "plain"
        if kind == "reply":
            root, parent, subject, who = threads[-1 - int(rng.random() ** 2 * min(len(threads), 2000))]
            mail_id = _message_id(rng, index, who.address)
            raw = _reply(rng, index, when, who, mail_id, root, parent, subject)
            mails.append(Mail(raw, "reply", mail_id, root))
            threads.append((root, mail_id, subject, who))
            continue
        who = _citizen(rng, citizens)
        fills = _fills(rng)
        subject, text = fills["subjek"], rng.choice(demo._FORMAL).format_map(fills) + f"\n\n{who.name}"
        mail_id = None if kind in ("no_message_id", "not_an_email") else _message_id(rng, index, who.address)
        raw = _new_mail(rng, kind, Draft(index, when, who, mail_id, subject, text))
        mails.append(Mail(raw, kind, mail_id, mail_id))
        if mail_id is not None and kind not in ("auto_reply", "cut_boundary", "eight_bit_header"):
            threads.append((mail_id, mail_id, subject, who))
    return mails


def _citizen(rng: random.Random, citizens: list[Citizen]) -> Citizen:
    """Mostly someone new; one in seven writes again (the store finds them by their address)."""
    if citizens and rng.random() < 1 / 7:
        return rng.choice(citizens)
    first, last = rng.choice(demo._FIRST_NAMES), rng.choice(demo._LAST_NAMES)
    local = f"{first}.{last}{rng.randrange(10, 999)}".lower() if rng.random() < 0.7 else f"{first}{last}".lower()
    citizen = Citizen(f"{first} {last}", f"{local}{len(citizens)}@{rng.choice(demo._EMAIL_DOMAINS)}")
    citizens.append(citizen)
    return citizen


def _fills(rng: random.Random) -> dict[str, str]:
    topic = rng.choice(demo._TOPIC_POOL)
    city = rng.choice(_CITIES)
    fills = {
        "kantor": rng.choice(_OFFICES),
        "kota": city,
        "lokasi": f"{rng.choice(demo._STREETS)}, {city}",
        "layanan": rng.choice(demo._SERVICES),
        "jumlah": rng.choice(demo._AMOUNTS),
        "waktu": rng.choice(demo._WHEN),
        "paket": rng.choice(demo._PROCUREMENTS),
        "nomor": f"{rng.randrange(1000, 9999)}-{rng.randrange(1000, 9999)}",
    }
    report = rng.randrange(len(topic.subjects))
    fills["subjek"] = topic.subjects[report].format_map(fills)
    fills["isi"] = topic.bodies[report].format_map(fills)
    return fills


def _message_id(rng: random.Random, index: int, address: str) -> str:
    return f"{rng.getrandbits(64):016x}.{index}@mail.{address.rsplit('@', 1)[1]}"


def _headers(m: EmailMessage, when: datetime, who: Citizen, mail_id: str | None, subject: str) -> None:
    m["From"] = f"{who.name} <{who.address}>"
    m["To"] = "Pengaduan Biro Humas <pengaduan@humas.example.go.id>"
    m["Subject"] = subject
    m["Date"] = format_datetime(when.astimezone(WIB))
    if mail_id is not None:
        m["Message-ID"] = f"<{mail_id}>"
    m["MIME-Version"] = "1.0"


def _html(text: str, name: str) -> str:
    paragraphs = "".join(f"<p>{line}</p>" for line in text.split("\n\n"))
    return _HTML_FRAME.format(paragraphs=paragraphs, name=name)


def _photo(rng: random.Random) -> tuple[bytes, str, str, str]:
    """A small attachment: (content, maintype, subtype, filename); random bytes behind a real file header."""
    size = rng.randrange(4 * 1024, 48 * 1024)
    if rng.random() < 0.75:
        jpeg = b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + rng.randbytes(size)
        return jpeg, "image", "jpeg", f"IMG_{rng.randrange(10**6)}.jpg"
    return b"%PDF-1.4\n" + rng.randbytes(size), "application", "pdf", f"bukti-{rng.randrange(1000)}.pdf"


def _serialised(m: EmailMessage, index: int) -> bytes:
    """CRLF bytes as a mail arrives; boundaries are set here, since the email package would draw them from
    the global random generator."""
    for number, part in enumerate(m.walk()):
        if part.is_multipart():
            part.set_boundary(f"----=_Part_{index}_{number}.aduan")
    return m.as_bytes(policy=policy.SMTP)


def _new_mail(rng: random.Random, kind: str, draft: Draft) -> bytes:
    if kind == "not_an_email":
        return f"\x00\x01 rusak {draft.index} ".encode() + rng.randbytes(rng.randrange(50, 400))
    if kind in ("eight_bit_header", "wrong_charset", "cut_boundary", "bad_date"):
        return _malformed(rng, kind, draft)
    index, when, who, mail_id, subject, text = (
        draft.index,
        draft.when,
        draft.who,
        draft.mail_id,
        draft.subject,
        draft.text,
    )
    m = EmailMessage()
    if kind == "auto_reply":
        subject, body = rng.choice(_AUTO_REPLIES)
        text = body.format(waktu=rng.choice(demo._WHEN))
        m["Auto-Submitted"] = "auto-replied"
    if kind == "long_text":
        text = "\n\n".join([text] * (110_000 // len(text) + 1))  # a pasted document, over the store's limit
    _headers(m, when, who, mail_id, subject)
    if kind == "html_only":
        m.set_content(_html(text, who.name), subtype="html")
    else:
        m.set_content(text)
    if kind == "alternative":
        m.add_alternative(_html(text, who.name), subtype="html")
    if kind == "attachment":
        content, maintype, subtype, filename = _photo(rng)
        m.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    return _serialised(m, index)


def _reply(
    rng: random.Random, index: int, when: datetime, who: Citizen, mail_id: str, root: str, parent: str, subject: str
) -> bytes:
    m = EmailMessage()
    _headers(m, when, who, mail_id, subject if subject.startswith("Re: ") else f"Re: {subject}")
    m["In-Reply-To"] = f"<{parent}>"
    m["References"] = f"<{root}>" if root == parent else f"<{root}> <{parent}>"
    fills = _fills(rng)
    text = rng.choice(_ANSWERS).format_map(fills) + f"\n\n{who.name}"
    if rng.random() < 0.5:
        text += f"\n\nPada {format_datetime(when - timedelta(days=2))}, Pengaduan Biro Humas menulis:\n> {subject}"
    m.set_content(text)
    if rng.random() < 0.15:
        content, maintype, subtype, filename = _photo(rng)
        m.add_attachment(content, maintype=maintype, subtype=subtype, filename=filename)
    return _serialised(m, index)


def _malformed(rng: random.Random, kind: str, draft: Draft) -> bytes:
    """Mails broken the ways old mailers and gateways break them, written byte by byte."""
    index, when, who, mail_id, subject, text = (
        draft.index,
        draft.when,
        draft.who,
        draft.mail_id,
        draft.subject,
        draft.text,
    )
    date = "kemarin sore" if kind == "bad_date" else format_datetime(when)
    head = [f"From: {who.name} <{who.address}>", "To: pengaduan@humas.example.go.id", f"Date: {date}"]
    if mail_id is not None:
        head.append(f"Message-ID: <{mail_id}>")
    body = text.encode()
    subject_bytes = subject.encode()
    if kind == "eight_bit_header":  # an unencoded Latin-1 subject and sender name
        subject_bytes = f"{subject} – mohon dibantu, Pak Andrés".encode("latin-1", "replace")
        head[0] = f"From: {who.name} Müller <{who.address}>"
        raw_head = [line.encode("latin-1") for line in head]
    else:
        raw_head = [line.encode() for line in head]
    raw_head.append(b"Subject: " + subject_bytes)
    raw_head.append(b"MIME-Version: 1.0")
    if kind == "wrong_charset":  # says UTF-8, is Windows-1252
        raw_head.append(b'Content-Type: text/plain; charset="utf-8"')
        raw_head.append(b"Content-Transfer-Encoding: 8bit")
        body = (text + "\n\nSalam hormat – “terima kasih”").encode("cp1252", "replace")
    elif kind == "cut_boundary":  # the last part and the closing boundary never arrived
        raw_head.append(b'Content-Type: multipart/mixed; boundary="potong' + str(index).encode() + b'"')
        content, _, _, filename = _photo(rng)
        encoded = _base64_lines(content)
        body = (
            f"--potong{index}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n{text}\r\n"
            f"--potong{index}\r\nContent-Type: image/jpeg; name={filename}\r\n"
            f"Content-Transfer-Encoding: base64\r\n\r\n"
        ).encode() + encoded[: len(encoded) // 2]
    else:
        raw_head.append(b"Content-Type: text/plain; charset=utf-8")
        raw_head.append(b"Content-Transfer-Encoding: 8bit")
    return b"\r\n".join(raw_head) + b"\r\n\r\n" + body.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n") + b"\r\n"


def _base64_lines(content: bytes) -> bytes:
    return base64.encodebytes(content).replace(b"\n", b"\r\n")


def summary_of(mails: list[Mail]) -> str:
    kinds = Counter(mail.kind for mail in mails)
    malformed = sum(kinds[k] for k in _MALFORMED)
    size = sum(len(mail.raw) for mail in mails)
    return (
        f"{len(mails):,} mails, {size / 2**20:.1f} MiB: {kinds['reply']:,} answers to earlier mails, "
        f"{kinds['alternative']:,} text+HTML, {kinds['html_only']:,} HTML only, {kinds['attachment']:,} with an "
        f"attachment (plus some answers), {kinds['auto_reply']:,} auto-replies, {kinds['long_text']:,} over the "
        f"length limit, {malformed:,} malformed ({', '.join(f'{k} {kinds[k]}' for k in sorted(_MALFORMED))})"
    )


# --- filling the mailbox ---------------------------------------------------------------------------------


def fill_mailbox(server: MailServer, mails: list[Mail]) -> float:
    """Append every mail to the unit's INBOX over one connection: MULTIAPPEND (RFC 3502) with LITERAL+
    (RFC 7888), so a chunk of mails is one command and one reply. Returns the seconds it took."""
    return append_mails(server, [mail.raw for mail in mails], server.user, server.password)


def append_mails(server: MailServer, raws: list[bytes], user: str, password: str) -> float:
    """``fill_mailbox`` for any user's INBOX and any mails."""
    start = time.perf_counter()
    with socket.create_connection((server.host, server.port), timeout=60) as sock:
        reader = sock.makefile("rb")
        reader.readline()  # greeting
        _command(sock, reader, b"L", f'LOGIN "{user}" "{password}"'.encode())
        capabilities = _command(sock, reader, b"C", b"CAPABILITY")
        if b"MULTIAPPEND" not in capabilities or b"LITERAL+" not in capabilities:
            raise RuntimeError(f"the IMAP server lacks MULTIAPPEND or LITERAL+: {capabilities!r}")
        for number, first in enumerate(range(0, len(raws), APPEND_CHUNK)):
            parts = [b'APPEND "INBOX"']
            for raw in raws[first : first + APPEND_CHUNK]:
                parts.append(b" {%d+}\r\n" % len(raw) + raw)
            _command(sock, reader, b"A%d" % number, b"".join(parts))
        _command(sock, reader, b"Z", b"LOGOUT")
    return time.perf_counter() - start


def _command(sock: socket.socket, reader: Any, tag: bytes, command: bytes) -> bytes:
    sock.sendall(tag + b" " + command + b"\r\n")
    lines = []
    while True:
        line = reader.readline()
        if not line:
            raise RuntimeError(f"the IMAP server closed the connection during {command[:40]!r}")
        lines.append(line)
        if line.startswith(tag + b" "):
            if not line.startswith(tag + b" OK"):
                raise RuntimeError(f"IMAP {command[:40]!r} failed: {line!r}")
            return b"".join(lines)


# --- measuring (in a child) ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Imap:
    """How a child reaches the Dovecot (the password travels in the environment, as the account's does)."""

    host: str
    port: int
    user: str


@dataclass
class Measured:
    mails: int
    seconds: float
    cpu_seconds: float  # this process's user + system time: the rest is Dovecot's, the database's and waiting
    rss_start_mib: float
    rss_peak_mib: float
    heap_peak_mib: float | None = None

    @property
    def per_second(self) -> float:
        return self.mails / self.seconds if self.seconds else float("inf")

    @property
    def growth_mib(self) -> float:
        return self.rss_peak_mib - self.rss_start_mib


def peak_rss_mib() -> float:
    """This process's peak RSS: Linux's ``VmHWM``, since ``getrusage``'s maxrss in a spawned child starts at
    the RSS its parent had when it started the child (measured: 314 MiB for a 15 MiB child of a 300 MiB
    parent); elsewhere maxrss."""
    try:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) / 1024
    except OSError:
        pass
    return sync_peak_rss_mib()


def reset_peak_rss() -> None:
    """Start the peak RSS afresh from the current RSS (Linux 4.0+: ``clear_refs`` 5 resets the high-water
    mark), so a phase's peak is its own and not the imports' transient peak. Elsewhere the peak so far
    stays, and a phase that stays below it shows no growth."""
    try:
        with open("/proc/self/clear_refs", "w") as control:
            control.write("5")
    except OSError:
        pass


@contextmanager
def measuring(trace: bool) -> Iterator[Callable[[int], Measured]]:
    """Time, CPU and memory of the block; the block calls the yielded function with its mail count."""
    reset_peak_rss()
    rss_start = peak_rss_mib()
    if trace:
        tracemalloc.start()
    cpu_before = cpu_seconds()
    start = time.perf_counter()
    result: list[Measured] = []

    def done(mails: int) -> Measured:
        seconds = time.perf_counter() - start
        heap = tracemalloc.get_traced_memory()[1] / 2**20 if trace else None
        result.append(Measured(mails, seconds, cpu_seconds() - cpu_before, rss_start, peak_rss_mib(), heap))
        return result[-1]

    try:
        yield done
    finally:
        if trace:
            tracemalloc.stop()


def raw_fetch(imap: Imap, batch: int, trace: bool) -> tuple[Measured, int]:
    """The baseline: the worker's fetch of every mail in batches, nothing kept. Returns the bytes read too."""
    mailbox = ImapMailbox(imap.host, imap.port, imap.user, os.environ[SECRET_ENV], tls="none")
    fetched = size = 0
    with measuring(trace) as done:
        cursor: str | None = None
        while True:
            got = mailbox.fetch_new(cursor, batch)
            fetched += len(got.mails)
            size += sum(len(mail.raw) for mail in got.mails)
            cursor = got.cursor
            if not got.more:
                break
        measured = done(fetched)
    return measured, size


def fetch_and_parse(imap: Imap, batch: int, trace: bool) -> Measured:
    """The second baseline: the worker's own source (``EmailSource.poll``: the same fetch, then each mail
    parsed into the message the store would take) polled until the mailbox is read, nothing stored. Intake
    that keeps up with it spends no more on storing than on reading."""
    source = EmailSource(ImapMailbox(imap.host, imap.port, imap.user, os.environ[SECRET_ENV], tls="none"), batch)
    parsed = 0
    with measuring(trace) as done:
        cursor: str | None = None
        while True:
            messages, cursor = source.poll(cursor)
            if not messages:
                break
            parsed += len(messages)
        return done(parsed)


@dataclass
class Split:
    """Where a worker round's time goes."""

    rounds: int = 0
    round_seconds: float = 0.0
    fetch_seconds: float = 0.0
    poll_seconds: float = 0.0  # fetch + parse
    sql_seconds: float = 0.0  # driver round trips (cursor execute), inside storing
    commit_seconds: float = 0.0  # COMMITs (the server's flush to disk), inside storing
    statements: Counter[str] = field(default_factory=Counter)
    sql_seconds_by: Counter[str] = field(default_factory=Counter)

    @property
    def parse_seconds(self) -> float:
        return self.poll_seconds - self.fetch_seconds

    @property
    def store_seconds(self) -> float:
        return self.round_seconds - self.poll_seconds


class TimedSource:
    """The real ``EmailSource`` from the real ``make_source``, with ``--batch`` as its limit and a stopwatch
    around its IMAP fetch and around the whole poll."""

    def __init__(self, source: EmailSource, split: Split) -> None:
        self.source = source
        self.split = split
        fetch = source.mailbox.fetch_new

        def timed_fetch(cursor: str | None, limit: int = 100) -> Any:
            started = time.perf_counter()
            try:
                return fetch(cursor, limit)
            finally:
                split.fetch_seconds += time.perf_counter() - started

        source.mailbox.fetch_new = timed_fetch  # type: ignore[method-assign]

    def poll(self, cursor: str | None) -> Any:
        started = time.perf_counter()
        try:
            return self.source.poll(cursor)
        finally:
            self.split.poll_seconds += time.perf_counter() - started


def source_factory(batch: int, split: Split | None) -> Callable[[Account, str | None], Source]:
    def make(account: Account, secret: str | None) -> Source:
        source = make_source(account, secret)
        if not isinstance(source, EmailSource):
            raise RuntimeError(f"make_source gave a {type(source).__name__} for an e-mail account")
        source.limit = batch
        return source if split is None else TimedSource(source, split)

    return make


@contextmanager
def counting_statements(store: Store, split: Split) -> Iterator[None]:
    """Count the block's SQL statements by verb and table, and time their round trips and the COMMITs."""
    started: list[tuple[float, str]] = []
    dialect = store.engine.dialect
    commit = dialect.do_commit

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        name = describe(statement)
        split.statements[name] += 1
        started.append((time.perf_counter(), name))

    def after(*args: Any) -> None:
        began, name = started.pop()
        seconds = time.perf_counter() - began
        split.sql_seconds += seconds
        split.sql_seconds_by[name] += seconds

    def timed_commit(dbapi_connection: Any) -> None:
        began = time.perf_counter()
        try:
            commit(dbapi_connection)
        finally:
            split.commit_seconds += time.perf_counter() - began

    event.listen(store.engine, "before_cursor_execute", before)
    event.listen(store.engine, "after_cursor_execute", after)
    dialect.do_commit = timed_commit  # type: ignore[method-assign]
    try:
        yield
    finally:
        event.remove(store.engine, "before_cursor_execute", before)
        event.remove(store.engine, "after_cursor_execute", after)
        del dialect.do_commit  # the class's own again


@dataclass
class Pass:
    """Rounds until the mailbox is read: what they stored, recognised and refused."""

    rounds: int = 0
    stored: int = 0
    duplicates: int = 0
    refused: int = 0
    errors: list[str] = field(default_factory=list)


def rounds_until_read(
    store: Store,
    factory: Callable[[Account, str | None], Source],
    mails: int,
    batch: int,
    after_round: Callable[[int], None] = lambda rows: None,
) -> Pass:
    done = Pass()
    limit = MAX_ROUNDS_FACTOR * (mails // batch + 2)
    while done.stored + done.duplicates + done.refused < mails and done.rounds < limit:
        report = run_round(store, factory)
        done.rounds += 1
        done.stored += report.received.get(ACCOUNT, 0)
        done.duplicates += report.duplicates.get(ACCOUNT, 0)
        done.refused += report.refused.get(ACCOUNT, 0)
        done.errors += [f"{name}: {error}" for name, error in report.errors.items()]
        if report.errors:
            break
        after_round(done.stored)
    return done


class StandInAutovacuum:
    """ANALYZE the tables intake writes when autovacuum's default thresholds would (50 rows + 10 % of the
    table since the last time), on a PostgreSQL server whose autovacuum is off (this machine's test server
    has it off). Without statistics the planner keeps the plans it made for empty tables, and psycopg's
    prepared statements keep them for the connection's life: the join that finds an answer's ticket then
    reads every e-mail message once per ticket, and intake slows down quadratically (see the README). Its
    time is part of the figures, although autovacuum would run beside the worker rather than inside it."""

    TABLES = "ticket, message, sla_clock, event, reporter, reporter_contact, attachment, blob, outbound_message"

    def __init__(self, url: str, mode: str) -> None:
        self.url = url
        self.runs = 0
        self.seconds = 0.0
        self.analyzed_rows = 0
        self.active = mode == "auto" and self._autovacuum_off()

    def _autovacuum_off(self) -> bool:
        if engines.normalise_url(self.url).get_backend_name() != "postgresql":
            return False
        engine = engines.create(self.url)
        try:
            with engine.connect() as conn:
                return str(conn.execute(text("SHOW autovacuum")).scalar_one()) == "off"
        finally:
            engine.dispose()

    def after_round(self, rows: int) -> None:
        if not self.active or rows < 50 + 1.1 * self.analyzed_rows:
            return
        started = time.perf_counter()
        engine = engines.create(self.url)  # not the store's engine: its statements are not the intake's
        try:
            with engine.begin() as conn:
                conn.execute(text(f"ANALYZE {self.TABLES}"))
        finally:
            engine.dispose()
        self.runs += 1
        self.analyzed_rows = rows
        self.seconds += time.perf_counter() - started


@dataclass
class Stored:
    """What the database holds afterwards."""

    tickets: int
    inbound: int
    outbound: int
    intake_errors: int
    ticket_of: dict[str, str]  # external id → ticket id, for the thread check


@dataclass
class IntakeResult:
    measured: Measured
    first: Pass
    split: Split
    stored: Stored
    again: RoundReport  # one more round with the cursor kept
    refetch: Pass  # with the cursor cleared: everything fetched again
    refetch_measured: Measured
    after_refetch_inbound: int
    sql_per_path: dict[str, list[str]]
    analyzed: tuple[int, float] | None  # ANALYZE runs and seconds standing in for autovacuum


def intake(url: str, imap: Imap, mails: int, args: argparse.Namespace, profile: str | None) -> IntakeResult:
    store = Store(url)
    split = Split()
    batch = args.batch
    autovacuum = StandInAutovacuum(url, args.analyze)
    try:
        store.read(lambda conn: None)  # the schema check and first connection, as a running worker has them
        factory = source_factory(batch, split)
        with counting_statements(store, split), profiled(profile), measuring(args.tracemalloc) as done:
            first = rounds_until_read(store, factory, mails, batch, autovacuum.after_round)
            measured = done(first.stored)
        split.rounds, split.round_seconds = first.rounds, measured.seconds
        stored = store.read(_stored)
        plain = source_factory(batch, None)
        again = run_round(store, plain)  # the cursor is kept: nothing new should come
        store.admin(lambda conn: conn.execute(update(channel_account).values(cursor=None)))
        with measuring(False) as done:
            refetch = rounds_until_read(store, plain, mails, batch)
            refetch_measured = done(refetch.duplicates)
        after = store.read(_inbound_count)
        sql_per_path = statements_per_path(store)
    finally:
        store.dispose()
    analyzed = (autovacuum.runs, autovacuum.seconds) if autovacuum.active else None
    return IntakeResult(measured, first, split, stored, again, refetch, refetch_measured, after, sql_per_path, analyzed)


def statements_per_path(store: Store) -> dict[str, list[str]]:
    """The SQL that one new ticket and one answer to it send through SQLAlchemy (the driver adds BEGIN and
    COMMIT), received as the worker receives them; run after the checks, so it changes no counts there."""
    account = store.admin(enabled_accounts)[0]
    rng = random.Random(0)
    who = Citizen("Warga Uji", "warga.uji@example.id")
    when = datetime(2026, 12, 1, 9, tzinfo=UTC)
    first, second = "uji-baru@mail.example.id", "uji-jawaban@mail.example.id"
    new = _new_mail(rng, "plain", Draft(-1, when, who, first, "Lampu jalan mati", "Sudah seminggu mati."))
    answer = _reply(rng, -2, when, who, second, first, first, "Lampu jalan mati")
    sent: dict[str, list[str]] = {}
    for path, raw in (("new ticket", new), ("answer", answer)):
        log: list[str] = []

        def note(conn: Any, cursor: Any, statement: str, *args: Any, log: list[str] = log) -> None:
            log.append(describe(statement))

        event.listen(store.engine, "before_cursor_execute", note)
        try:
            store.admin(receive_through, account, parse_email(raw))
        finally:
            event.remove(store.engine, "before_cursor_execute", note)
        sent[path] = log
    return sent


def _stored(conn: Connection) -> Stored:
    def count(table: Any, *where: Any) -> int:
        return int(conn.execute(select(func.count()).select_from(table).where(*where)).scalar_one())

    rows = conn.execute(
        select(message.c.external_id, message.c.ticket_id).where(message.c.direction == "inbound")
    ).all()
    return Stored(
        tickets=count(ticket),
        inbound=len(rows),
        outbound=count(message, message.c.direction == "outbound"),
        intake_errors=count(intake_error),
        ticket_of={str(r.external_id): str(r.ticket_id) for r in rows},
    )


def _inbound_count(conn: Connection) -> int:
    query = select(func.count()).select_from(message).where(message.c.direction == "inbound")
    return int(conn.execute(query).scalar_one())


# --- in the parent ---------------------------------------------------------------------------------------


def prepare(url: str, imap: Imap, acknowledgement: bool) -> None:
    """Migrate, add the unit and its e-mail account through the admin path (``aduan channel add``'s)."""
    store = Store(url)
    try:
        store.upgrade()
        store.admin(directory.add_unit, UNIT, "Biro Hubungan Masyarakat")
        config = {"host": imap.host, "port": imap.port, "user": imap.user, "tls": "none"}
        if not acknowledgement:
            config["acknowledgement"] = False
        store.admin(add_account, Channel.EMAIL, ACCOUNT, UNIT, json.dumps(config), SECRET_REF)
    finally:
        store.dispose()


def verify(mails: list[Mail], result: IntakeResult, acknowledgement: bool) -> list[str]:
    """What the store should hold after the intake, checked; each line says OK or what is wrong."""
    n = len(mails)
    stored = result.stored
    roots = sum(mail.starts_ticket for mail in mails)
    with_id = {mail.message_id for mail in mails if mail.message_id is not None}
    missing_ids = with_id - stored.ticket_of.keys()
    made_up = sum(1 for key in stored.ticket_of if key.startswith("sha256:"))
    wrong_thread = [
        mail.message_id
        for mail in mails
        if not mail.starts_ticket
        and mail.message_id is not None
        and stored.ticket_of.get(mail.message_id) != stored.ticket_of.get(str(mail.root))
    ]
    lines = [
        _check(f"inbound messages = mails ({n:,})", stored.inbound == n, stored.inbound),
        _check(
            f"every Message-ID stored ({len(with_id):,}); the {n - len(with_id)} without one got a content id",
            not missing_ids and made_up == n - len(with_id),
            f"{len(missing_ids)} missing, {made_up} content ids",
        ),
        _check(f"tickets = mails that start a thread ({roots:,})", stored.tickets == roots, stored.tickets),
        _check(f"answers joined their thread's ticket ({n - roots:,})", not wrong_thread, f"{len(wrong_thread)} not"),
        _check(
            "nothing refused (no intake errors)",
            stored.intake_errors == 0 and result.first.refused == 0,
            f"{stored.intake_errors} intake errors",
        ),
        _check(
            "another round stores nothing",
            not any(result.again.received.values()) and not result.again.errors,
            f"{result.again.received} {result.again.errors}",
        ),
        _check(
            f"cursor cleared: all {n:,} fetched again, recognised as duplicates, none stored",
            result.refetch.duplicates == n and result.refetch.stored == 0 and result.after_refetch_inbound == n,
            f"{result.refetch.duplicates} duplicates, {result.refetch.stored} stored",
        ),
    ]
    expected_acks = _expected_acknowledgements(mails) if acknowledgement else 0
    lines.append(
        _check(f"acknowledgements queued = {expected_acks:,}", stored.outbound == expected_acks, stored.outbound)
    )
    if result.first.errors:
        lines.append(f"  FAILED  account errors: {'; '.join(result.first.errors)}")
    return lines


def _expected_acknowledgements(mails: list[Mail]) -> int:
    """New tickets from a mail that names someone to answer and is no auto-reply (read as the worker does)."""
    expected = 0
    for mail in mails:
        if not mail.starts_ticket:
            continue
        try:
            parsed = parse_email(mail.raw)
        except UnreadableMail:
            continue
        expected += bool(parsed.sender_address) and not parsed.automatic
    return expected


def _check(what: str, ok: bool, found: object) -> str:
    return f"  ok      {what}" if ok else f"  FAILED  {what}: found {found}"


def run_engine(kind: str, url: str, imap: Imap, mails: list[Mail], args: argparse.Namespace, ack: bool) -> Measured:
    run = run_here if args.quick else run_in_child
    prepare(url, imap, ack)
    label = f"{PRETTY[kind]}, acknowledgements {'on' if ack else 'off'}"
    print(f"\nintake: {label} — {server_version(url)}", flush=True)
    profile = None if args.profile is None else str(args.profile / f"intake-{kind}{'-ack' if ack else ''}.prof")
    result: IntakeResult = run(intake, url, imap, len(mails), args, profile)
    for line in verify(mails, result, ack):
        print(line)
    m, split = result.measured, result.split
    print(row(f"intake ({label})", m))
    print(row("re-read, all duplicates", result.refetch_measured))
    per_mail = sum(split.statements.values()) / max(m.mails, 1)
    print(
        f"  where the time goes over {split.rounds} rounds: IMAP fetch {_share(split.fetch_seconds, m.seconds)}, "
        f"parse {_share(split.parse_seconds, m.seconds)}, store {_share(split.store_seconds, m.seconds)} "
        f"(SQL round trips {_share(split.sql_seconds, m.seconds)}; {per_mail:.1f} statements per mail)"
    )
    if result.analyzed is not None:
        runs, seconds = result.analyzed
        print(f"  autovacuum is off on this server: ANALYZE run {runs} times as it would, {seconds:.1f} s (included)")
    commits = split.commit_seconds
    print(f"  COMMITs: {_share(commits, m.seconds)}; the rest of storing is Python (SQLAlchemy, the store's code)")
    by_time = sorted(split.statements, key=lambda name: -split.sql_seconds_by[name])
    mails = max(m.mails, 1)
    per_mail_ms = [
        f"{name} {split.statements[name] / mails:.2f}x {split.sql_seconds_by[name] / mails * 1000:.2f} ms"
        for name in by_time
    ]
    print(f"  statements per mail (count, round-trip time), slowest first: {', '.join(per_mail_ms)}")
    for path, sent in result.sql_per_path.items():
        print(f"  SQL per {path} stored alone (as a webhook call is): {len(sent)} ({_runs(sent)})")
    return m


def _runs(names: list[str]) -> str:
    """``SELECT message, INSERT sla_clock x2, …``: consecutive repeats folded."""
    folded: list[str] = []
    for name in names:
        if folded and folded[-1].split(" x")[0] == name:
            count = int(folded[-1].split(" x")[1]) if " x" in folded[-1] else 1
            folded[-1] = f"{name} x{count + 1}"
        else:
            folded.append(name)
    return ", ".join(folded)


def _share(seconds: float, total: float) -> str:
    return f"{seconds:.1f} s ({seconds / total:.0%})" if total else f"{seconds:.1f} s"


HEADER = (
    f"{'phase':<44} {'mails':>7} {'seconds':>8} {'mails/s':>8} {'cpu s':>6} {'peak RSS MiB':>12} {'growth':>7} "
    f"{'heap':>6}"
)


def row(phase: str, m: Measured) -> str:
    heap = f"{m.heap_peak_mib:6.1f}" if m.heap_peak_mib is not None else f"{'-':>6}"
    return (
        f"{phase:<44} {m.mails:>7,} {m.seconds:>8.1f} {m.per_second:>8.0f} {m.cpu_seconds:>6.1f} "
        f"{m.rss_peak_mib:>12.1f} {m.growth_mib:>7.1f} {heap}"
    )


def print_summary(baselines: list[Measured], parsed: list[Measured], intakes: dict[str, Measured]) -> None:
    base_rate = statistics.mean(b.per_second for b in baselines)
    base_seconds = statistics.mean(b.seconds for b in baselines)
    base_growth = max(b.growth_mib for b in baselines)
    parse_rate = statistics.mean(b.per_second for b in parsed)
    parse_seconds = statistics.mean(b.seconds for b in parsed)
    parse_growth = max(b.growth_mib for b in parsed)
    print(
        "\nSummary (baselines: mean of the raw fetches, mean of the fetches with parsing; growth: peak RSS minus RSS"
        " at the phase's start)"
    )
    print(f"{'':<44} {'mails/s':>8} {'wall s':>7} {'RSS growth MiB':>15} {'vs raw fetch':>13} {'vs fetch+parse':>15}")
    print(
        f"{'raw IMAP fetch (baseline)':<44} {base_rate:>8.0f} {base_seconds:>7.1f} {base_growth:>15.1f} {'1':>13} "
        f"{'':>15}"
    )
    print(
        f"{'fetch and parse, nothing stored (baseline)':<44} {parse_rate:>8.0f} {parse_seconds:>7.1f} "
        f"{parse_growth:>15.1f} {parse_rate / base_rate:>13.3f} {'1':>15}"
    )
    for label, m in intakes.items():
        print(
            f"{label:<44} {m.per_second:>8.0f} {m.seconds:>7.1f} {m.growth_mib:>15.1f} "
            f"{m.per_second / base_rate:>13.3f} {m.per_second / parse_rate:>15.2f}"
        )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mails", type=int, default=10_000, help="mails to generate (default 10000)")
    parser.add_argument("--engines", "--engine", default="postgresql", type=engine_list, help="default postgresql")
    parser.add_argument("--batch", type=int, default=200, help="mails per fetch and worker round (default 200)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--acknowledgements", action="store_true", help="also run with acknowledgements on")
    parser.add_argument("--tracemalloc", action="store_true", help="also the Python heap peak (slower)")
    parser.add_argument("--mixed", type=int, default=1_000, help="messages per channel of the mixed run (0: none)")
    parser.add_argument("--lapor", type=int, default=10_000, help="rows of the LAPOR! import phase (0: none)")
    parser.add_argument("--burst", type=int, default=2_000, help="webhook calls of the burst phase (0: none)")
    parser.add_argument("--quick", action="store_true", help="smoke run: 200 mails, 50 a round, phases in this process")
    parser.add_argument("--profile", type=Path, help="write a cProfile of each intake pass into this folder")
    parser.add_argument(
        "--analyze",
        choices=("auto", "never"),
        default="auto",
        help="auto: on a PostgreSQL server with autovacuum off, ANALYZE as autovacuum would (default)",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.mails, args.batch, args.mixed, args.lapor, args.burst = 200, 50, 20, 150, 40
    if args.mails < 1 or args.batch < 1 or min(args.mixed, args.lapor, args.burst) < 0:
        parser.error("--mails and --batch are at least 1, --mixed, --lapor and --burst at least 0")
    return args


def measure_all(mails: list[Mail], imap: Imap, args: argparse.Namespace) -> None:
    """Baseline, each engine's intake, baseline again; then the summary."""
    run = run_here if args.quick else run_in_child
    print(HEADER)
    baselines: list[Measured] = []
    measured, size = run(raw_fetch, imap, args.batch, args.tracemalloc)
    baselines.append(measured)
    print(row("raw IMAP fetch (baseline) 1", measured), f"  {size / 2**20:.1f} MiB read", flush=True)
    parsed: list[Measured] = [run(fetch_and_parse, imap, args.batch, args.tracemalloc)]
    print(row("fetch and parse, nothing stored 1", parsed[0]), flush=True)
    intakes: dict[str, Measured] = {}
    with tempfile.TemporaryDirectory(prefix="aduan-bench-") as tmp:
        for kind in args.engines:
            for ack in (False, True) if args.acknowledgements else (False,):
                try:
                    with throwaway_database(kind, Path(tmp)) as url:
                        intakes[f"intake {PRETTY[kind]}{', acknowledged' if ack else ''}"] = run_engine(
                            kind, url, imap, mails, args, ack
                        )
                except ServerMissing as missing:
                    print(f"{PRETTY[kind]}: skipped: {missing}")
                except Exception:  # one engine failing must not hide the others' figures
                    print(f"{PRETTY[kind]}: failed:\n{traceback.format_exc()}")
    print()
    print(HEADER)
    measured, _ = run(raw_fetch, imap, args.batch, args.tracemalloc)
    baselines.append(measured)
    print(row("raw IMAP fetch (baseline) 2", measured), flush=True)
    parsed.append(run(fetch_and_parse, imap, args.batch, args.tracemalloc))
    print(row("fetch and parse, nothing stored 2", parsed[-1]), flush=True)
    print_summary(baselines, parsed, intakes)


# --- the mixed-channel run -------------------------------------------------------------------------------

MIXED_HEADER = HEADER.replace("  mails", "   msgs").replace("mails/s", " msgs/s")


def mixed_texts(count: int, seed: int) -> tuple[tuple[str, str], ...]:
    """(subject, text) of ``count`` citizens' messages in the demo's vocabulary."""
    rng = random.Random(seed)
    texts = []
    for _ in range(count):
        fills = _fills(rng)
        texts.append((fills["subjek"], rng.choice(demo._FORMAL).format_map(fills)))
    return tuple(texts)


def mixed_baseline(feeds: mixed_intake.Feeds, batch: int, trace: bool) -> tuple[Measured, Counter[str]]:
    with measuring(trace) as done:
        read = mixed_intake.read_everything(feeds, batch)
        return done(sum(read.values())), read


def mixed_phase(url: str, feeds: mixed_intake.Feeds, batch: int, trace: bool) -> tuple[Measured, Any]:
    with measuring(trace) as done:
        taken = mixed_intake.take_everything(url, feeds, batch)
        return done(sum(taken.stored.values())), taken


def _per_channel(counts: Any) -> str:
    return ", ".join(f"{mixed_intake.PRETTY[c]} {counts.get(c, 0):,}" for c in mixed_intake.CHANNELS)


def measure_mixed(server: MailServer, args: argparse.Namespace) -> None:
    """Phase 4: every channel at once, per engine, beside every source read with nothing stored."""
    run = run_here if args.quick else run_in_child
    n = args.mixed
    texts = mixed_texts(n, args.seed)
    imap = (server.host, server.port, server.citizen, server.citizen_password)

    def fill(raws: list[bytes]) -> float:
        return append_mails(server, raws, server.citizen, server.citizen_password)

    print(
        f"\nMixed channels: {len(mixed_intake.CHANNELS)} × {n:,} messages, each from a sender of its own — e-mail, "
        "Telegram and SMS polled by the worker's rounds; WhatsApp webhook calls and web-form reports stored beside "
        "them on a thread, as aduan server's routes store them",
        flush=True,
    )
    print(MIXED_HEADER)
    baseline: Measured | None = None
    results: dict[str, Measured] = {}
    with tempfile.TemporaryDirectory(prefix="aduan-bench-") as tmp:
        for index, kind in enumerate(args.engines):
            with mixed_intake.feeds(n, texts, imap, fill if index == 0 else None) as feeds:
                if baseline is None:
                    baseline, read = run(mixed_baseline, feeds, args.batch, args.tracemalloc)
                    print(row("every source read, nothing stored (baseline)", baseline), flush=True)
                    print(f"  read: {_per_channel(read)}")
                try:
                    with throwaway_database(kind, Path(tmp)) as url:
                        mixed_intake.prepare(url, feeds)
                        measured, taken = run(mixed_phase, url, feeds, args.batch, args.tracemalloc)
                        print(f"mixed intake: {PRETTY[kind]} — {server_version(url)}")
                        for what, held, found in mixed_intake.checks(url, feeds, taken):
                            print(_check(what, held, found))
                        print(row(f"mixed intake ({PRETTY[kind]})", measured))
                        finished = ", ".join(
                            f"{mixed_intake.PRETTY[c]} {taken.finished.get(c, float('nan')):.1f} s"
                            for c in mixed_intake.CHANNELS
                        )
                        print(f"  each channel's last message stored after: {finished} (worker rounds: {taken.rounds})")
                        results[kind] = measured
                except ServerMissing as missing:
                    print(f"{PRETTY[kind]}: skipped: {missing}")
                except Exception:  # one engine failing must not hide the others' figures
                    print(f"{PRETTY[kind]}: failed:\n{traceback.format_exc()}")
    if baseline is None:
        return
    print("\nMixed summary (baseline: every source read and parsed, nothing stored)")
    print(f"{'':<44} {'msgs/s':>8} {'wall s':>7} {'RSS growth MiB':>15} {'msgs/s vs baseline':>20}")
    print(f"{'every source read (baseline)':<44} {baseline.per_second:>8.0f} {baseline.seconds:>7.1f} "
          f"{baseline.growth_mib:>15.1f} {'1':>20}")  # fmt: skip
    for kind, m in results.items():
        ratio = m.per_second / baseline.per_second
        print(f"{f'mixed intake {PRETTY[kind]}':<44} {m.per_second:>8.0f} {m.seconds:>7.1f} {m.growth_mib:>15.1f} "
              f"{ratio:>20.3f}")  # fmt: skip


# --- the LAPOR! import ----------------------------------------------------------------------------------


def on_new_database(
    kind: str, folder: Path, prepare: Callable[[str], object], run: Any, phase: Callable[..., T], *args: Any
) -> T | None:
    """``phase(url, *args)`` run by ``run`` on a new database of ``kind`` made ready by ``prepare``, then dropped;
    None, said why, when the server is missing or the phase failed: one engine must not hide the others' figures."""
    try:
        with throwaway_database(kind, folder) as url:
            prepare(url)
            return run(phase, url, *args)  # type: ignore[no-any-return]
    except ServerMissing as missing:
        print(f"{PRETTY[kind]}: skipped: {missing}")
    except Exception:
        print(f"{PRETTY[kind]}: failed:\n{traceback.format_exc()}")
    return None


def measure_lapor(args: argparse.Namespace) -> None:
    """Phase 5: a LAPOR! export imported per engine, beside the raw INSERT of the same rows."""
    run = run_here if args.quick else run_in_child
    data = lapor_import.export_bytes(args.lapor, args.seed)
    print(
        f"\nLAPOR! import: an export of {args.lapor:,} reports ({len(data) / 2**20:.1f} MiB CSV), read and stored "
        "as tickets (aduan lapor import), beside one executemany INSERT of the same rows into a table of their own"
    )
    print(
        f"{'engine':<12} {'rows':>7} {'read s':>7} {'raw INSERT rows/s':>18} {'import rows/s':>14} "
        f"{'vs raw INSERT':>14} {'vs read + INSERT':>17} {'again rows/s':>13}"
    )
    with tempfile.TemporaryDirectory(prefix="aduan-bench-") as tmp:
        for kind in args.engines:
            result: lapor_import.LaporResult | None = on_new_database(
                kind, Path(tmp), lapor_import.prepare, run, lapor_import.run, data
            )
            if result is None:
                continue
            raw_rate = result.rows / result.raw_seconds
            rate = result.rows / result.import_seconds
            both = result.rows / (result.read_seconds + result.raw_seconds)
            print(
                f"{PRETTY[kind]:<12} {result.rows:>7,} {result.read_seconds:>7.1f} {raw_rate:>18,.0f} {rate:>14,.0f} "
                f"{rate / raw_rate:>14.3f} {rate / both:>17.2f} {result.rows / result.again_seconds:>13,.0f}"
            )
            for what, held, found in result.checks():
                print(_check(what, held, found))


# --- the webhook burst -------------------------------------------------------------------------------------


def measure_burst(args: argparse.Namespace) -> None:
    """Phase 6: a burst of WhatsApp webhook calls per engine, grouped and a transaction a call, beside the raw
    INSERT of the same messages."""
    run = run_here if args.quick else run_in_child
    calls = mixed_intake.signed_notifications(args.burst, mixed_texts(args.burst, args.seed))
    webhook_burst.secrets_in_environment()
    print(
        f"\nWebhook burst: {args.burst:,} WhatsApp notifications of one message each, {webhook_burst.CALLERS} calls "
        "at once through the account's webhook endpoint (as aduan server lets them in), beside the same "
        "notifications checked and parsed and their messages sent by one raw INSERT (baseline)"
    )
    print(
        f"{'engine':<12} {'way':<21} {'baseline msgs/s':>16} {'msgs/s':>8} {'vs baseline':>12} "
        f"{'transactions':>13} {'again msgs/s':>13}"
    )
    with tempfile.TemporaryDirectory(prefix="aduan-bench-") as tmp:
        for kind in args.engines:
            for grouped in (True, False):
                result: webhook_burst.BurstResult | None = on_new_database(
                    kind, Path(tmp), webhook_burst.prepare, run, webhook_burst.run, calls, grouped
                )
                if result is None:
                    continue
                baseline, rate = result.calls / result.raw_seconds, result.calls / result.seconds
                print(
                    f"{PRETTY[kind]:<12} {result.way:<21} {baseline:>16,.0f} {rate:>8,.0f} {rate / baseline:>12.3f} "
                    f"{result.groups:>13,} {result.calls / result.again_seconds:>13,.0f}"
                )
                for what, held, found in result.checks():
                    print(_check(what, held, found))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print("E-mail intake through IMAP into the central database, beside a raw IMAP fetch")
    print(f"machine: {os.cpu_count()} cores, {platform.platform()}, Python {platform.python_version()}")
    print(f"load average (1, 5, 15 min) at start: {load}")
    started = time.monotonic()
    begun = time.perf_counter()
    mails = generate(args.mails, args.seed)
    print(f"generated in {time.perf_counter() - begun:.1f} s (seed {args.seed}): {summary_of(mails)}")
    with ExitStack() as stack:
        try:
            server = stack.enter_context(contextmanager(run_mail_server)())
        except pytest.skip.Exception as missing:  # what tests.channels.mailserver raises without Dovecot
            print(f"skipped: {missing}")
            return 0
        os.environ[SECRET_ENV] = server.password  # spawned children inherit it, as the worker's process would
        imap = Imap(server.host, server.port, server.user)
        filled = fill_mailbox(server, mails)
        print(
            f"Dovecot {server.host}:{server.port}: INBOX filled in {filled:.1f} s ({len(mails) / filled:.0f} "
            f"mails/s, MULTIAPPEND of {APPEND_CHUNK} mails a command; not part of the figures)",
            flush=True,
        )
        measure_all(mails, imap, args)
        if args.mixed:
            measure_mixed(server, args)
    if args.lapor:
        measure_lapor(args)
    if args.burst:
        measure_burst(args)
    load = ", ".join(f"{value:.2f}" for value in os.getloadavg())
    print(f"load average at end: {load}; total time {time.monotonic() - started:.0f} s")
    return 0


if __name__ == "__main__":
    mp.set_start_method("spawn", force=True)
    sys.exit(main())
