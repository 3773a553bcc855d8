"""Signing in to the unit's server, and resuming the last session when the client starts.

The server address in the settings carries no login and no password. Officers sign in to the Aduan server
(``https://…``) with their application account, and the keyring keeps the session the server gave this
computer, never the password. Officers have no database login: a PostgreSQL or MariaDB address is refused
here with the advice to give the server's address (the owner reaches the database directly with
``aduan --db URL``, whose URL carries its own credentials). An SQLite file (the embedded workspace, a
trial) has no logins: the officer is chosen by name.
"""

from __future__ import annotations

import socket
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy.engine import make_url

from ..domain.errors import AduanError, BadInput, NotFound, NotPermitted, NotSignedIn, Unreachable
from ..security.credentials import Credentials, KeyringUnavailable, session_entry
from ..settings import Settings, is_aduan_server
from ..settings import server_url as checked_server_url
from .session import Session, open_session


class DatabaseAddressRefused(BadInput):
    """An officer gave a database server's address: officers sign in to the Aduan server instead."""

    code = "database_address_refused"


@dataclass(frozen=True, slots=True)
class SignInResult:
    session: Session
    offline: bool  # the server could not be reached; the officer works from the filled cache
    problem: str | None = None  # why it is offline, or why the session could not be remembered


def is_database_server(url: str) -> bool:
    """A PostgreSQL or MariaDB address (not the Aduan server, not an SQLite file)."""
    return bool(url) and not is_aduan_server(url) and make_url(url).get_backend_name() != "sqlite"


def check_officer_address(url: str) -> str:
    """Refuse a database server's address for an officer's sign-in, naming what to give instead."""
    if is_database_server(url):
        raise DatabaseAddressRefused(
            f"{url!r} is a database address: officers sign in to the Aduan server — give its https:// address "
            "(e.g. https://aduan.unit.go.id:8443); a database address is only for the owner (aduan --db URL)"
        )
    return url


def sign_in(
    url: str,
    login: str,
    password: str,
    credentials: Credentials,
    remember: bool = True,
    cache_path: Path | None = None,
) -> SignInResult:
    """Sign in to the Aduan server as ``login`` and sync once, keeping (or forgetting) the session as asked;
    with an SQLite file, open it as the officer named ``login``.

    Raises NotPermitted (wrong login or password), Unreachable (and nothing cached to work from yet),
    DatabaseAddressRefused (a PostgreSQL/MariaDB address: officers have no database login), BadInput or
    SchemaMismatch; the session is closed then and nothing is stored.
    """
    url = str(checked_server_url(url))
    if not url:
        raise BadInput("a server address is required to sign in")
    if not login.strip():
        raise BadInput("an officer login is required to sign in")
    login = login.strip()
    if is_aduan_server(url):
        return _sign_in_to_server(url, login, password, credentials, remember, cache_path)
    check_officer_address(url)
    session = open_session(url, login, None, cache_path)  # an SQLite file: the officer chosen by name
    try:
        session.engine.sync()
    except (NotPermitted, NotFound) as exc:
        session.close()
        raise NotPermitted(f"the server refused login {login!r}: {exc.message}") from None
    except Unreachable as exc:
        if session.has_mirror:
            return SignInResult(session, offline=True, problem=exc.message)
        session.close()
        raise Unreachable(f"cannot reach {url} and nothing is cached on this computer yet: {exc.message}") from None
    except BaseException:
        session.close()
        raise
    return SignInResult(session, offline=False, problem=_remember(credentials, url, login, None, remember))


def _sign_in_to_server(
    address: str, login: str, password: str, credentials: Credentials, remember: bool, cache_path: Path | None
) -> SignInResult:
    """Through the Aduan server: a new session for this computer, kept in the keyring when asked (the
    password never is). With the server out of reach, a session kept from before opens the cache offline."""
    from . import http_central

    try:
        answer = http_central.sign_in(
            address, login, password, socket.gethostname(), http_central.trusted_certificates()
        )
    except NotSignedIn as exc:
        raise NotPermitted(f"the server refused login {login!r}: {exc.message}") from None
    except Unreachable as exc:
        kept = _kept_session(credentials, address, login)
        if kept is None:
            raise Unreachable(
                f"cannot reach {address} and this computer holds no session to work offline with: {exc.message}"
            ) from None
        session = open_session(address, login, kept, cache_path)
        if session.has_mirror:
            return SignInResult(session, offline=True, problem=exc.message)
        session.close()
        raise Unreachable(f"cannot reach {address} and nothing is cached on this computer yet: {exc.message}") from None
    session = open_session(address, login, str(answer["token"]), cache_path)
    try:
        session.engine.sync()
    except Unreachable as exc:
        if not session.has_mirror:
            session.close()
            raise
        return SignInResult(session, offline=True, problem=exc.message)
    except BaseException:
        session.close()
        raise
    entry = session_entry(login)
    return SignInResult(
        session, offline=False, problem=_remember(credentials, address, entry, answer["token"], remember)
    )


def _kept_session(credentials: Credentials, address: str, login: str) -> str | None:
    try:
        return credentials.get(address, session_entry(login))
    except KeyringUnavailable:
        return None


def _remember(credentials: Credentials, url: str, login: str, password: str | None, remember: bool) -> str | None:
    """Keep or forget the accepted password; a keyring failure does not undo the sign-in."""
    try:
        if remember and password is not None:
            credentials.set(url, login, password)
        else:
            credentials.delete(url, login)
    except AduanError as exc:
        return exc.message
    return None


def resume(settings: Settings, credentials: Credentials, cache_path: Path | None = None) -> Session | None:
    """The session to start with, without touching the network: the embedded demo when no server is
    configured, the configured Aduan server when this computer kept a session for it, an SQLite file as the
    configured officer, else None (ask to sign in). A database server's address, which earlier versions
    signed in to with the officer's own database login, asks too: the dialog says to give the Aduan
    server's address, and the password an earlier version kept for that login is forgotten."""
    url = str(settings.get("server_url"))
    login = str(settings.get("officer_login"))
    if not url:
        return open_session(None, None, cache_path=cache_path)
    if not login:
        return None
    if is_aduan_server(url):
        token = _kept_session(credentials, url, login)
        return None if token is None else open_session(url, login, token, cache_path)
    if is_database_server(url):
        _remember(credentials, url, login, None, remember=False)
        return None
    return open_session(url, login, cache_path=cache_path)


def change_password(session: Session, current: str, new: str) -> None:
    """The signed-in officer changes their own password on the Aduan server (``POST /v1/password``). The
    session it is made through stays, and with it the one this computer keeps; every other session of theirs
    (other computers) ends. A wrong current password is refused as ``not_permitted``, a weak new one as
    ``bad_input``; it reaches the network: call it off the GUI thread."""
    from .http_central import SIGN_IN_SECONDS

    central = session.server
    if central is None:
        raise BadInput("passwords are kept by the Aduan server: sign in to it to change yours")
    answer = central.request("POST", "/v1/password", SIGN_IN_SECONDS, json={"current": current, "new": new})
    answer.close()
