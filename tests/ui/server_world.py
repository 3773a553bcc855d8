"""The window's views through a real ``aduan server`` process: the test organisation of ``tests/ui/conftest``
(ani and budi in humas, sari supervising kanreg, rudi in kanreg-1) plus adi, an admin of humas, each with the
server password ``PASSWORD``; officers' sessions are signed in to the server, with a cache filled by one
round of sync."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select

from desktop.domain.vocabulary import Role
from desktop.store import accounts
from desktop.store.schema import officer
from desktop.store.service import Store
from desktop.sync.session import Session, open_session
from tests.server.live import PASSWORD, LiveServer, give_passwords, running_server
from tests.store.helpers import add_officer_without_login

__all__ = ["PASSWORD", "Served", "served_world", "signed_in"]


@dataclass
class Served:
    db_url: str
    server: LiveServer
    owner: Store

    def password_works(self, login: str, password: str) -> bool:
        """Whether ``password`` is ``login``'s, as the central database holds it (no sign-in is spent)."""
        with self.owner.engine.connect() as conn:
            hashed = conn.execute(select(officer.c.password_hash).where(officer.c.login == login)).scalar_one()
        return hashed is not None and accounts.verify_password(hashed, password)


def served_world(org_url: str, folder: Path, prepare: Callable[[Store], None] | None = None) -> Iterator[Served]:
    """The organisation with adi and everyone's server password, ``prepare``d by the owner, and a server."""
    owner = Store(org_url)
    owner.admin(add_officer_without_login, "adi", "Adi Nugroho", ["humas"], Role.ADMIN)
    give_passwords(owner, "ani", "budi", "sari", "rudi", "adi")
    if prepare is not None:
        prepare(owner)
    try:
        with running_server(org_url, folder) as server:
            yield Served(org_url, server, owner)
    finally:
        owner.dispose()


def signed_in(served: Served, login: str, folder: Path, cache: Path | None = None) -> Session:
    """``login``'s session through the server, its cache filled by one round."""
    token = served.server.sign_in(login)
    session = open_session(served.server.url, login, token, cache or folder / f"{login}.server-cache.db")
    try:
        session.engine.sync()
    except BaseException:
        session.close()
        raise
    assert session.store is None, "through the server: no database connection on the desktop"
    return session
