"""Attachments' bytes the cache keeps (``blob_cache``) only while something here still names them.

A purged attachment (retention, or a reporter's data erased on request: ``store/privacy.py``) arrives with
the empty content's hash in place of its own: the bytes fetched before must not outlive it on the officer's
disk. Nor must those of a ticket that left the officer's scope. Kept: what a mirrored attachment names, and
the scans of reports still waiting in the outbox (``scans.py``).
"""

from __future__ import annotations

import json
from collections.abc import Iterator

from sqlalchemy import Connection, delete, select

from . import schema as s

_CHUNK = 500


def drop_unreferenced(conn: Connection) -> int:
    """Delete the bytes nothing names any more; returns how many."""
    cached = sorted(conn.execute(select(s.blob_cache.c.sha256)).scalars())
    named: set[str] = set()
    for chunk in _chunks(cached):
        named.update(conn.execute(select(s.attachment.c.sha256).where(s.attachment.c.sha256.in_(chunk))).scalars())
    for payload in conn.execute(select(s.outbox.c.payload).where(s.outbox.c.state == "pending")).scalars():
        try:
            named.update(str(item.get("sha256")) for item in json.loads(payload).get("attachments") or ())
        except (ValueError, AttributeError):
            continue  # not a report with scans
    gone = [sha256 for sha256 in cached if sha256 not in named]
    for chunk in _chunks(gone):
        conn.execute(delete(s.blob_cache).where(s.blob_cache.c.sha256.in_(chunk)))
    return len(gone)


def _chunks(values: list[str]) -> Iterator[list[str]]:
    for start in range(0, len(values), _CHUNK):
        yield values[start : start + _CHUNK]
