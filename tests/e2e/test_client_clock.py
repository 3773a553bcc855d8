"""A client whose clock is hours off decides nothing: leases run on the database server's clock.

The command line runs under libfaketime, which shifts the clock of that process only. SQLite is not
covered: embedded, its "server" clock is the workstation's own.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import timedelta

import pytest
from sqlalchemy import select

from desktop.domain.vocabulary import Role
from desktop.store import claims, directory
from desktop.store.clock import server_now
from desktop.store.schema import ticket
from desktop.store.service import Store
from tests.conftest import missing
from tests.e2e.cli import ok_json, run
from tests.store.helpers import add_officer_without_login, expire_claim, new_ticket

AHEAD = ("faketime", "+6 hours")
BEHIND = ("faketime", "-6 hours")


@pytest.fixture
def stores(server_url: str) -> Iterator[tuple[Store, Store]]:
    if shutil.which("faketime") is None:
        missing("faketime (Debian package faketime) is not installed")
    admin = Store(server_url)
    admin.admin(directory.add_unit, "humas", "Biro Humas")
    for login in ("ani", "budi"):
        admin.admin(add_officer_without_login, login, login.title(), ["humas"], Role.OFFICER)
    ani = Store(server_url, officer="ani")
    yield admin, ani
    admin.dispose()
    ani.dispose()


def test_the_fake_clock_really_is_off() -> None:
    if shutil.which("faketime") is None:
        missing("faketime (Debian package faketime) is not installed")
    shifted = subprocess.run(
        [*AHEAD, sys.executable, "-c", "import time; print(time.time())"], capture_output=True, text=True, check=True
    )
    assert float(shifted.stdout) - time.time() > 5 * 3600


def test_a_clock_ahead_does_not_see_a_live_lease_as_expired(stores: tuple[Store, Store], server_url: str) -> None:
    _admin, ani = stores
    made = new_ticket(ani)
    ani.write(claims.claim, made.id)
    refused = run(server_url, "ticket", "claim", str(made.id), officer="budi", prefix=AHEAD)
    assert refused.returncode == 3, refused.stderr
    assert "held by ani" in refused.stderr
    assert ani.view(claims.read_ticket, made.id).claim.holder == "ani"


def test_a_clock_behind_does_not_keep_an_expired_lease_alive(stores: tuple[Store, Store], server_url: str) -> None:
    admin, ani = stores
    made = new_ticket(ani)
    ani.write(claims.claim, made.id)
    expire_claim(admin.engine, made.id)
    taken = ok_json(server_url, "ticket", "claim", str(made.id), officer="budi", prefix=BEHIND)
    assert taken["holder"] == "budi"
    with admin.engine.connect() as conn:
        expires_at = conn.execute(select(ticket.c.claim_expires_at).where(ticket.c.id == made.id)).scalar_one()
        remaining = expires_at - server_now(conn)
    # Four hours from the server's now, not from the client's clock six hours behind.
    assert timedelta(hours=3, minutes=55) < remaining <= timedelta(hours=4)
