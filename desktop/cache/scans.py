"""Scans of a report made on this workstation, on their way to the central store.

The bytes are kept once per sha256 in the cache's ``blob_cache`` (where fetched attachments live too), and
the queued report names them: ``{filename, content_type, size, sha256}``. Outbox rows are kept after they
are pushed, so carrying megabytes in them would grow the cache with every letter; and when the server's
copy of the ticket arrives, its attachments open from the cache without a download.

Only at push time are the bytes laid into the operation (base64, so the operation stays JSON): the store
applies the report with its scans in one transaction, exactly once.
"""

from __future__ import annotations

import base64
from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, insert, select

from ..domain.scans import Scan
from . import schema as s


def keep_scans(conn: Connection, scans: Iterable[Scan]) -> list[dict[str, Any]]:
    """Store the bytes in the cache (once per content) and return how the queued report names them."""
    named = []
    for scan in scans:
        conn.execute(insert(s.blob_cache).prefix_with("OR IGNORE").values(sha256=scan.sha256, content=scan.content))
        named.append(
            {"filename": scan.filename, "content_type": scan.content_type, "size": scan.size, "sha256": scan.sha256}
        )
    return named


def with_contents(conn: Connection, named: Iterable[dict[str, Any]]) -> list[dict[str, Any]]:
    """The scans a queued report names, each with its bytes from the cache as ``content`` (base64).

    A scan whose bytes the cache lost goes without ``content``: the store refuses the report and says
    which file is missing, rather than storing the ticket without it."""
    laid = []
    for item in named:
        content = conn.execute(select(s.blob_cache.c.content).where(s.blob_cache.c.sha256 == item.get("sha256")))
        found = content.scalar()
        laid.append(item if found is None else {**item, "content": base64.b64encode(bytes(found)).decode("ascii")})
    return laid
