"""A cache with one ticket in each urgency state (``views/deadlines.urgency``), for the badge's tests.

The clock is fixed where it can be: the deadlines are hours from ``now`` (the moment the cache is filled),
and the "today" the badges count in is a fixed-offset zone in which ``now`` is six in the morning, so that
"due today" (5 h ahead) and "due soon" (20 h ahead, tomorrow there) are what they are at any hour the
tests run.
"""

from __future__ import annotations

from datetime import datetime, timedelta, timezone
from uuid import UUID, uuid4

from sqlalchemy import Connection, insert

from desktop.cache import schema as s
from desktop.domain.status import Status
from desktop.views.deadlines import Urgency
from tests.sync.inbox_cache import ME, fill_directory

# state: (hours from now to the deadline or None, status, held by me)
STATES = {
    "overdue_long": (-30.0, Status.DIVERIFIKASI, False),
    "overdue": (-1.0, Status.DITERIMA, True),
    "due_today": (5.0, Status.DITERIMA, False),
    "due_soon": (20.0, Status.DITINDAKLANJUTI, True),
    "on_time": (60.0, Status.DITERIMA, False),
    "no_deadline": (None, Status.DITERIMA, False),
    "finished": (-10.0, Status.SELESAI, False),
}
EXPECTED = {
    "overdue_long": Urgency.OVERDUE,
    "overdue": Urgency.OVERDUE,
    "due_today": Urgency.DUE_TODAY,
    "due_soon": Urgency.DUE_SOON,
    "on_time": Urgency.ON_TIME,
    "no_deadline": Urgency.NONE,
    "finished": Urgency.NONE,
}


def six_in_the_morning(now: datetime) -> timezone:
    """A zone in which the naive-UTC ``now`` is 06:xx."""
    return timezone(timedelta(hours=(6 - now.hour) % 24 - (24 if (6 - now.hour) % 24 > 14 else 0)))


def fill_urgencies(conn: Connection, now: datetime) -> dict[str, UUID]:
    """The directory of ``inbox_cache`` and one ticket per state in ``STATES``, in my unit (humas)."""
    fill_directory(conn)
    ids = {name: uuid4() for name in STATES}
    rows = []
    for n, (name, (hours, status, mine)) in enumerate(STATES.items()):
        rows.append(
            dict(
                id=ids[name],
                tracking_no=f"ADU-2026-{n + 1:06d}",
                kind="pengaduan",
                priority=2,
                status=status.value,
                unit_id=1,
                channel="email",
                subject=f"Laporan {name}",
                reporter_name="Dewi",
                reporter_anonymous=False,
                reporter_confidential=False,
                due_at=None if hours is None else now + timedelta(hours=hours),
                claimed_by=ME if mine else None,
                claim_token=1,
                claim_expires_at=now + timedelta(days=1) if mine else None,
                row_version=1,
                change_seq=n,
                created_at=now,
                updated_at=now,
            )
        )
    conn.execute(insert(s.ticket), rows)
    return ids
