"""A cache filled straight by SQL for the inbox tests, and the facts they reason from: the officer it belongs to
(``ME``), the directory (units, their parents, the officer's and the supervised units, the officers), and
``tickets`` mirror rows with NULLs, ties, unknown ids and a few messages."""

from __future__ import annotations

import random
from datetime import datetime, timedelta
from uuid import uuid4

from sqlalchemy import Connection, insert

from desktop.cache import schema as s
from desktop.cache import search_index
from desktop.cache.state import set_state
from desktop.domain.status import Status
from desktop.domain.vocabulary import Channel, Kind

ME = 1
UNITS = {1: "humas", 2: "kanreg", 3: "kanreg-1", 4: "arsip"}
MY_UNITS = {1, 3}
PARENTS = {4: 3}  # arsip sits below kanreg-1
SUPERVISED_UNITS = {1, 3, 4}
OFFICERS = {1: ("ani", "Ani Wijaya"), 2: ("budi", "budi Santoso"), 3: ("sari", "Sari Lestari"), 4: ("zed", "Zed")}
SUBJECTS = ["Jalan berlubang", "jalan rusak", "Lampu mati", "Sampah", "Pungutan liar", "Ábaca", "Banjir", "banjir"]
NOW = datetime.utcnow()  # naive UTC like the cache


def fill_directory(conn: Connection) -> None:
    """The units and officers of these caches, signed in as ``ME``."""
    conn.execute(
        insert(s.unit),
        [dict(id=i, code=c, name=c.title(), parent_id=PARENTS.get(i), lease_seconds=1800) for i, c in UNITS.items()],
    )
    conn.execute(
        insert(s.officer),
        [dict(id=i, login=login, name=name, role="officer", active=True) for i, (login, name) in OFFICERS.items()],
    )
    conn.execute(insert(s.membership), [dict(officer_id=ME, unit_id=u) for u in sorted(MY_UNITS)])
    set_state(conn, "officer_id", ME)


def fill_cache(conn: Connection, tickets: int, seed: int = 7) -> None:
    """A directory and ``tickets`` mirror rows written straight by SQL, with NULLs, ties, unknown ids."""
    rng = random.Random(seed)
    fill_directory(conn)
    rows = []
    messages = []
    for n in range(tickets):
        anonymous = rng.random() < 0.2
        claimed = rng.choice([None, None, 1, 2, 3, 99])  # 99: an officer the directory does not list
        ticket_id = uuid4()
        rows.append(
            dict(
                id=ticket_id,
                tracking_no=None if n % 97 == 5 else f"ADU-2024-{rng.randrange(10**6):06d}",
                kind=rng.choice(list(Kind)).value,
                priority=2,
                status=rng.choice(list(Status)).value,
                unit_id=rng.choice([1, 1, 2, 3, 4, 77]),  # 77: a unit the directory does not list
                channel=rng.choice(list(Channel)).value,
                subject=rng.choice(SUBJECTS),
                reporter_name=None if anonymous or rng.random() < 0.2 else rng.choice(["Dewi", "agus", "Budi", "Ñoño"]),
                reporter_anonymous=anonymous,
                reporter_confidential=False,
                due_at=None if rng.random() < 0.3 else NOW + timedelta(hours=rng.choice([-30, -1, 5, 40, 60, 200])),
                claimed_by=claimed,
                claim_token=1,
                # A live lease runs for a day past NOW (taken when the module loads): a slow run under
                # load must not see it lapse between the expected list and the paged one.
                claim_expires_at=None if claimed is None else NOW + timedelta(minutes=rng.choice([-10, 24 * 60])),
                row_version=1,
                change_seq=n,
                created_at=NOW,
                updated_at=NOW - timedelta(minutes=rng.randrange(50)),
            )
        )
        if n % 3 == 0:
            body = rng.choice(["Mohon segera diperbaiki", "Sudah dilaporkan ke kelurahan", "Terima kasih atas layanan"])
            messages.append(
                dict(
                    id=uuid4(),
                    ticket_id=ticket_id,
                    direction="inbound",
                    channel="email",
                    body_text=body,
                    claim_token=None,
                    change_seq=n,
                    created_at=NOW,
                )
            )
    conn.execute(insert(s.ticket), rows)
    conn.execute(insert(s.message), messages)
    search_index.catch_up(conn)  # written outside a pull: index them like the pull's end would
