"""Canned responses: reusable answers, versioned per key so that a changed wording never rewrites history.

A new wording is a new row (version = last + 1); clients take the newest active version of each key.
"""

from __future__ import annotations

import re

from sqlalchemy import func, insert, select

from ..domain.errors import BadInput
from ..domain.text import clean_body
from .identity import unit_id_by_code
from .schema import canned_response
from .work import Work

_KEY = re.compile(r"[a-z][a-z0-9_.-]{0,99}")
MAX_TITLE_CHARS = 300


def add_canned_response(work: Work, key: str, title: str, body: str, unit_code: str | None = None) -> int:
    """Store a new version of the canned response ``key`` (global when ``unit_code`` is None); returns it.

    A key keeps its owner: a unit's template cannot become another unit's or a global one by a new
    version, which would leave the old owner's officers with a stale wording.
    """
    if not _KEY.fullmatch(key):
        raise BadInput(f"invalid canned response key {key!r}: lower-case letters, digits, '_', '.', '-'")
    title = " ".join(title.split())
    if not title or len(title) > MAX_TITLE_CHARS:
        raise BadInput(f"a canned response needs a title of 1 to {MAX_TITLE_CHARS} characters")
    body = clean_body(body, "canned response")
    unit_id = unit_id_by_code(work.conn, unit_code) if unit_code is not None else None
    last = work.conn.execute(
        select(func.max(canned_response.c.version), func.max(canned_response.c.unit_id), func.count()).where(
            canned_response.c.key == key
        )
    ).one()
    if last[2] and last[1] != unit_id:
        raise BadInput(f"canned response {key!r} belongs to another unit; choose another key")
    version = int(last[0] or 0) + 1
    work.conn.execute(
        insert(canned_response).values(
            key=key,
            version=version,
            unit_id=unit_id,
            title=title,
            body=body,
            active=True,
            created_by=work.actor.id if work.actor else None,
            change_seq=work.seq,
            created_at=work.now,
        )
    )
    return version
