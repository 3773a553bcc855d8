"""Signing in to the unit's server, and resuming the last session when the client starts.

The server address in the settings carries no login and no password. Through the Aduan server
(``https://…``) the officer signs in with their application account and the keyring keeps the session the
server gave this computer, never the password. With a database address (the owner's direct access, and
earlier installations) the officer's login is their database user and the keyring keeps the password,
remembered only after the server accepted it.
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


@dataclass(frozen=True, slots=True)
class SignInResult:
    session: Session
    offline: bool  # the server could not be reached; the officer works from the filled cache
    problem: str | None = None  # why it is offline, or why the password could not be remembered


def uses_passwords(url: str) -> bool:
    """SQLite has no logins: the officer is chosen by name and there is no password to keep."""
    return is_aduan_server(url) or make_url(url).get_backend_name() != "sqlite"


def officer_url(url: str, login: str) -> str:
    """The address to connect with: on a database server the officer's own database login is the user."""
    if is_aduan_server(url) or not uses_passwords(url):
        return url
    return make_url(url).set(username=login).render_as_string(hide_password=False)


def sign_in(
    url: str,
    login: str,
    password: str,
    credentials: Credentials,
    remember: bool = True,
    cache_path: Path | None = None,
) -> SignInResult:
    """Connect as ``login`` and sync once; on success remember (or forget) the password as asked.

    Raises NotPermitted (wrong login or password), Unreachable (and nothing cached to work from yet),
    BadInput or SchemaMismatch; the session is closed then and the password is not stored.
    """
    url = str(checked_server_url(url))
    if not url:
        raise BadInput("a server address is required to sign in")
    if not login.strip():
        raise BadInput("an officer login is required to sign in")
    login = login.strip()
    if is_aduan_server(url):
        return _sign_in_to_server(url, login, password, credentials, remember, cache_path)
    secret = password if uses_passwords(url) else None
    session = open_session(officer_url(url, login), login, secret, cache_path)
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
    return SignInResult(session, offline=False, problem=_remember(credentials, url, login, secret, remember))


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
    configured, the configured server when its password is remembered, else None (ask to sign in)."""
    url = str(settings.get("server_url"))
    login = str(settings.get("officer_login"))
    if not url:
        return open_session(None, None, cache_path=cache_path)
    if not login:
        return None
    if not uses_passwords(url):
        return open_session(url, login, cache_path=cache_path)
    if is_aduan_server(url):
        token = _kept_session(credentials, url, login)
        return None if token is None else open_session(url, login, token, cache_path)
    try:
        password = credentials.get(url, login)
    except KeyringUnavailable:
        return None  # the sign-in dialog asks, and says why the password cannot be remembered
    if password is None:
        return None
    return open_session(officer_url(url, login), login, password, cache_path)
