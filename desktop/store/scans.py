"""The scans that come with a report an officer recorded (phone, walk-in, letter), stored with its ticket.

A queued report carries its scans as ``{filename, content_type, size, sha256, content}`` with the content
in base64 (``sync/scans.py`` lays it in at push). They are checked again here with the same rules as on
the workstation (``domain/scans.py``), must match the sha256 the workstation computed, and are stored by
intake's own ``store_attachments``: the content once per sha256, an attachment row on the report's first
message. Anything wrong refuses the whole report, so no ticket is ever stored without the scans it came with.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
from typing import Any
from uuid import UUID

from sqlalchemy import select

from ..domain.errors import BadInput
from ..domain.inbound import InboundAttachment
from ..domain.scans import Scan, check_scans, mib
from .intake import store_attachments
from .packet import statement_limit, statement_size
from .schema import message
from .work import Work


def decode_scans(raw: Any) -> tuple[Scan, ...]:
    """The scans of a new-ticket operation, decoded and checked; BadInput (or ScanRefused) naming the file."""
    if raw is None:
        return ()
    if not isinstance(raw, list) or not all(isinstance(item, dict) for item in raw):
        raise BadInput("malformed new-ticket operation: attachments must be a list of files")
    files = []
    for item in raw:
        name = str(item.get("filename") or "scan")
        encoded = item.get("content")
        if not isinstance(encoded, str):
            raise BadInput(f"{name}: the file's content did not arrive with the report")
        try:
            content = base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            raise BadInput(f"{name}: the file's content arrived damaged (not base64)") from None
        if item.get("sha256") is not None and hashlib.sha256(content).hexdigest() != item["sha256"]:
            raise BadInput(f"{name}: the file's content arrived damaged (its sha256 does not match)")
        files.append((name, content))
    return check_scans(files)


def attach_scans(work: Work, ticket_id: UUID, scans: tuple[Scan, ...]) -> None:
    """The scans on the ticket's first message, the citizen's report."""
    if not scans:
        return
    _check_packet_size(work, scans)
    first = work.conn.execute(
        select(message.c.id).where(message.c.ticket_id == ticket_id).order_by(message.c.created_at, message.c.id)
    ).scalar()
    if first is None:
        raise BadInput(f"ticket {ticket_id} has no message to attach the scans to")
    files = tuple(InboundAttachment(scan.filename, scan.content_type, scan.content) for scan in scans)
    store_attachments(work, ticket_id, UUID(str(first)), files)
    work.audit("scans_attached", ticket_id, files=[s.filename for s in scans], bytes=sum(s.size for s in scans))


def _check_packet_size(work: Work, scans: tuple[Scan, ...]) -> None:
    """A scan too large for one statement is refused with what the admin can change (``packet.py``)."""
    limit = statement_limit(work.conn)
    if limit is None:
        return
    for scan in scans:
        sent = statement_size(scan.content)
        if sent > limit:
            raise BadInput(
                f"{scan.filename}: the central database (MariaDB) takes at most {mib(limit)} in one statement "
                f"and this scan needs {mib(sent)}; ask the admin to raise max_allowed_packet, or scan it smaller"
            )
