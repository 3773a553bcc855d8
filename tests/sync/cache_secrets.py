"""A cache holding what a thief must not read (a report's text, a reporter's name, officers' logins, an internal
note, a draft), with queued work in its outbox and overlay; and how to look at one from the outside."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import insert, select

from desktop.cache import schema as s
from desktop.cache.database import Cache
from desktop.desk.drafts import save_draft
from desktop.desk.operations import Desk
from desktop.domain.status import Status
from tests.sync.inbox_cache import NOW, fill_cache

TRACKING_NO = "ADU-2026-777001"
REPORT_TEXT = "Pungutan liar di loket kelurahan Cempaka Baru"
REPORTER = "Sutrisno Wibowohadi"
OFFICER_LOGIN = "pratiwi.handayani"
NOTE = "Catatan internal: saksi bersedia dihubungi"
DRAFT = "Draf balasan untuk pelapor yang belum dikirim"
SECRETS = (REPORT_TEXT, REPORTER, OFFICER_LOGIN, NOTE, DRAFT)


def fill_with_secrets(cache: Cache) -> UUID:
    """Mirror rows, then queued work made as the officer would (a claim, a note, a draft): two outbox rows."""
    ticket_id = uuid4()
    with cache.write() as conn:
        fill_cache(conn, 30)
        conn.execute(insert(s.officer).values(id=50, login=OFFICER_LOGIN, name="Pratiwi", role="officer", active=True))
        conn.execute(
            insert(s.ticket).values(
                id=ticket_id,
                tracking_no=TRACKING_NO,
                kind="pengaduan",
                priority=2,
                status=Status.DITERIMA.value,
                unit_id=1,
                channel="email",
                subject="Pungli",
                reporter_name=REPORTER,
                reporter_anonymous=False,
                reporter_confidential=False,
                claim_token=0,
                row_version=1,
                change_seq=1000,
                created_at=NOW,
                updated_at=NOW,
            )
        )
        conn.execute(
            insert(s.message).values(
                id=uuid4(),
                ticket_id=ticket_id,
                direction="inbound",
                channel="email",
                body_text=REPORT_TEXT,
                change_seq=1000,
                created_at=NOW,
            )
        )
    desk = Desk(cache)
    desk.claim(TRACKING_NO)
    desk.note(TRACKING_NO, NOTE)
    save_draft(cache, ticket_id, "reply", DRAFT)
    return ticket_id


def every_row(cache: Cache) -> dict[str, list[tuple[Any, ...]]]:
    """Every row of every table of the cache's schema, in a stable order."""
    with cache.read() as conn:
        return {
            table.name: sorted((tuple(row) for row in conn.execute(select(table))), key=repr)
            for table in s.metadata.sorted_tables
        }


def queued(cache: Cache) -> int:
    with cache.read() as conn:
        return len(list(conn.execute(select(s.outbox.c.seq).where(s.outbox.c.state == "pending"))))


def readable_secrets(*files: Path) -> set[str]:
    """What the real ``strings`` binary (binutils) finds of SECRETS in the files, as a thief would look."""
    strings = shutil.which("strings")
    assert strings is not None, "binutils' strings is needed"
    found: set[str] = set()
    for file in files:
        if not file.exists():
            continue
        for encoding in ("s", "S"):  # 7-bit and 8-bit characters
            out = subprocess.run([strings, "-a", "-n", "6", "-e", encoding, str(file)], capture_output=True)
            assert out.returncode == 0, out.stderr
            text = out.stdout.decode("utf-8", errors="replace")
            found |= {secret for secret in SECRETS if secret in text}
    return found
