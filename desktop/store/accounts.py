"""Officers' application accounts for `aduan server`: passwords, sign-in, sessions, throttling.

- Passwords are stored as Argon2id hashes (argon2-cffi's ``PasswordHasher`` with its defaults, as a PHC
  string such as ``$argon2id$v=19$m=65536,t=3,p=4$…``). An officer whose ``password_hash`` is NULL cannot
  sign in to the server.
- A sign-in issues a random bearer token (``secrets.token_urlsafe(32)``) bound to a device. The token is
  handed out once; the database keeps only its SHA-256, so a copy of the table signs no one in.
- Every sign-in attempt is recorded in ``sign_in_attempt``. More than a few failures for one login, or
  many from one address, within a window refuse further attempts for a while — a correct password too —
  before any password is checked.
- A wrong login, a wrong password, an officer without a password and a deactivated officer all get the
  same answer (``NotSignedIn("wrong login or password")``), after the same work (an Argon2 verification),
  so neither the text nor the time tells whether a login exists.

Every function takes a ``Connection`` inside the caller's transaction and reads the time from the database
server (``clock.server_now``) unless a ``now`` (naive UTC) is given. Functions that write (all but
``check_session``/``authenticate`` once a minute) want a write transaction (``execution_options(write=True)``
on SQLite, as ``Store.admin`` opens).

A refused sign-in is recorded in the caller's transaction, so that transaction must commit even though the
sign-in was refused, or the throttle never counts the failure: ``attempt_sign_in`` returns the refusal
instead of raising it (``Store.admin(attempt_sign_in, …)`` commits it); ``sign_in`` raises it, for callers
that catch it inside their transaction.
"""

from __future__ import annotations

import hashlib
import math
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from functools import cache
from uuid import UUID

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import Connection, delete, func, insert, not_, or_, select, update
from uuid6 import uuid7

from ..domain.errors import AduanError, BadInput, NotFound, NotPermitted, NotSignedIn, Throttled
from ..domain.passwords import MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH
from .clock import server_now
from .schema import officer, officer_session, sign_in_attempt

# A session lasts this long from the moment it is issued, however much it is used (no sliding renewal): a
# working week, so a workstation that signed in on Monday keeps working — offline too — until the next
# Monday. Signing out, a password change or reset and deactivation end sessions earlier.
SESSION_LIFETIME = timedelta(days=7)
# ``last_seen_at`` is written at most this often per session, not on every request.
LAST_SEEN_RESOLUTION = timedelta(minutes=1)

# The throttle: once a login has this many failed attempts within THROTTLE_WINDOW (counted since its last
# successful sign-in or password change), or an address has MAX_FAILURES_PER_ADDRESS, the next attempts
# are refused until the window has passed over enough of them. Refused attempts are recorded as failures
# too, so trying on while refused keeps the door shut; the ``retry_after`` given counts the attempt made.
MAX_FAILURES_PER_LOGIN = 5
MAX_FAILURES_PER_ADDRESS = 20
THROTTLE_WINDOW = timedelta(minutes=15)
# Attempts older than this serve no throttle; ``prune_sign_in_attempts`` deletes them.
ATTEMPT_RETENTION = timedelta(days=1)

GENERATED_PASSWORD_BYTES = 12  # secrets.token_urlsafe(12): 16 characters

WRONG_LOGIN_OR_PASSWORD = "wrong login or password"
SESSION_ENDED = "the session has ended: sign in again"

# The widths of sign_in_attempt.login, .address and officer_session.device (schema.py).
_LOGIN_LENGTH = 63
_ADDRESS_LENGTH = 64
_DEVICE_LENGTH = 200

_hasher = PasswordHasher()  # Argon2id with argon2-cffi's defaults (RFC 9106's second recommendation)


# -- passwords ---------------------------------------------------------------------------------------------


def hash_password(password: str) -> str:
    """The Argon2id hash of ``password`` as a PHC string (salted: two hashes of one password differ)."""
    return _hasher.hash(password)


def verify_password(password_hash: str, password: str) -> bool:
    """Whether ``password`` matches ``password_hash``; False for a malformed or foreign hash too."""
    try:
        return _hasher.verify(password_hash, password)
    except (VerificationError, InvalidHashError):
        return False


def check_password_strength(password: str, login: str | None = None) -> str:
    """Refuse a password that is too easy to guess, with a message naming the rule; returns it unchanged."""
    if len(password) < MIN_PASSWORD_LENGTH:
        raise BadInput(f"the password is too short: at least {MIN_PASSWORD_LENGTH} characters, please")
    if len(password) > MAX_PASSWORD_LENGTH:
        raise BadInput(f"the password is too long: at most {MAX_PASSWORD_LENGTH} characters")
    if len(set(password)) == 1:
        raise BadInput("the password is one character repeated: choose another")
    if login is not None and password.strip().lower() == login.strip().lower():
        raise BadInput("the password is the login: choose another")
    return password


def generate_password() -> str:
    """A random password to hand to an officer once (16 URL-safe characters)."""
    return secrets.token_urlsafe(GENERATED_PASSWORD_BYTES)


@cache
def _dummy_hash() -> str:
    return hash_password(secrets.token_urlsafe(16))


def _spend_a_verification(password: str) -> None:
    """As much work as checking a real password, so an unknown login answers no faster than a known one."""
    verify_password(_dummy_hash(), password)


# -- sessions ----------------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class IssuedSession:
    """A new session: ``token`` is shown to the device once and stored nowhere."""

    token: str
    session_id: UUID
    officer_id: int
    login: str
    expires_at: datetime


@dataclass(frozen=True, slots=True)
class SignedIn:
    """A live session, as ``check_session`` finds it."""

    session_id: UUID
    officer_id: int
    login: str
    device: str
    expires_at: datetime


def hash_token(token: str) -> str:
    """What the database keeps of a session token: its SHA-256, in hex."""
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def _normal_login(login: str) -> str:
    return login.strip().lower()


def _clip(value: str, length: int) -> str:
    return value[:length]


def _seconds_until(moment: datetime, now: datetime) -> int:
    return max(1, math.ceil((moment - now).total_seconds()))


def _throttled_until(conn: Connection, login: str, address: str, now: datetime) -> datetime | None:
    """When attempts for ``login`` from ``address`` may resume if nothing else is tried; None: they may now.

    The one being made now is counted as a failure already: the moment given is when the window has
    passed over enough failures, this one included, to fall below the limit.
    """
    start = now - THROTTLE_WINDOW
    # Failures for a login before its last success or password change no longer count.
    last_success = conn.execute(
        select(func.max(sign_in_attempt.c.at)).where(
            sign_in_attempt.c.login == login, sign_in_attempt.c.succeeded, sign_in_attempt.c.at > start
        )
    ).scalar()
    changed = conn.execute(select(officer.c.password_changed_at).where(officer.c.login == login)).scalar()
    login_start = max(m for m in (start, last_success, changed) if m is not None)
    until: datetime | None = None
    for column, value, since, limit in (
        (sign_in_attempt.c.login, login, login_start, MAX_FAILURES_PER_LOGIN),
        (sign_in_attempt.c.address, address, start, MAX_FAILURES_PER_ADDRESS),
    ):
        recent = (
            conn.execute(
                select(sign_in_attempt.c.at)
                .where(column == value, not_(sign_in_attempt.c.succeeded), sign_in_attempt.c.at > since)
                .order_by(sign_in_attempt.c.at.desc())
                .limit(limit)
            )
            .scalars()
            .all()
        )
        if len(recent) >= limit:
            # Counting this attempt, the limit-th newest failure is the (limit - 1)-th newest recorded one:
            # once the window has passed over it, fewer than ``limit`` failures remain in it.
            moment = (recent[limit - 2] if limit > 1 else now) + THROTTLE_WINDOW
            until = moment if until is None else max(until, moment)
    return until


def _record_attempt(conn: Connection, login: str, address: str, now: datetime, succeeded: bool) -> None:
    conn.execute(
        insert(sign_in_attempt).values(
            login=_clip(login, _LOGIN_LENGTH), address=_clip(address, _ADDRESS_LENGTH), at=now, succeeded=succeeded
        )
    )


def attempt_sign_in(
    conn: Connection,
    login: str,
    password: str,
    device: str,
    address: str,
    now: datetime | None = None,
    lifetime: timedelta = SESSION_LIFETIME,
) -> IssuedSession | NotSignedIn | Throttled:
    """Sign in, returning the new session or the refusal (not raising it, so that the caller's transaction
    commits the record of the failed attempt). See ``sign_in``."""
    now = now or server_now(conn)
    login = _normal_login(login)
    address = address.strip() or "unknown"
    until = _throttled_until(conn, _clip(login, _LOGIN_LENGTH), _clip(address, _ADDRESS_LENGTH), now)
    if until is not None:
        _record_attempt(conn, login, address, now, succeeded=False)
        wait = _seconds_until(until, now)
        minutes = math.ceil(wait / 60)
        return Throttled(wait, f"too many failed sign-ins: try again in {minutes} minute{'s' if minutes != 1 else ''}")
    row = conn.execute(
        select(officer.c.id, officer.c.login, officer.c.active, officer.c.password_hash).where(officer.c.login == login)
    ).first()
    if row is None or row.password_hash is None:
        _spend_a_verification(password)
        matches = False
    else:
        matches = verify_password(row.password_hash, password)
    if row is None or not matches or not row.active:
        _record_attempt(conn, login, address, now, succeeded=False)
        return NotSignedIn(WRONG_LOGIN_OR_PASSWORD)
    _record_attempt(conn, login, address, now, succeeded=True)
    if _hasher.check_needs_rehash(row.password_hash):  # the hasher's defaults grew since: store a new hash
        conn.execute(update(officer).where(officer.c.id == row.id).values(password_hash=hash_password(password)))
    token = secrets.token_urlsafe(32)
    session_id = uuid7()
    expires_at = now + lifetime
    conn.execute(
        insert(officer_session).values(
            id=session_id,
            officer_id=row.id,
            token_hash=hash_token(token),
            device=_clip(device.strip() or "unknown device", _DEVICE_LENGTH),
            address=_clip(address, _ADDRESS_LENGTH),
            created_at=now,
            last_seen_at=now,
            expires_at=expires_at,
        )
    )
    return IssuedSession(
        token=token, session_id=session_id, officer_id=int(row.id), login=str(row.login), expires_at=expires_at
    )


def sign_in(
    conn: Connection,
    login: str,
    password: str,
    device: str,
    address: str,
    now: datetime | None = None,
    lifetime: timedelta = SESSION_LIFETIME,
) -> IssuedSession:
    """Issue a session for ``device`` (a name the officer recognises: "PC-HUMAS-03") signing in from
    ``address`` (the client's IP address), valid for ``lifetime`` from now.

    Raises ``Throttled`` (before the password is checked) after too many recent failures for the login or
    from the address, and ``NotSignedIn("wrong login or password")`` for a wrong login or password, an
    officer without a password or a deactivated one. Every attempt is recorded in the caller's transaction:
    commit it even when this raises (or use ``attempt_sign_in``, which returns the refusal).
    """
    outcome = attempt_sign_in(conn, login, password, device, address, now, lifetime)
    if isinstance(outcome, IssuedSession):
        return outcome
    raise outcome


def check_session(conn: Connection, token: str, now: datetime | None = None) -> SignedIn:
    """The live session a bearer token names; ``NotSignedIn`` when the token is unknown, expired or revoked,
    or its officer deactivated. Notes the time it was seen, at most once a minute."""
    now = now or server_now(conn)
    row = conn.execute(
        select(
            officer_session.c.id,
            officer_session.c.officer_id,
            officer_session.c.device,
            officer_session.c.last_seen_at,
            officer_session.c.expires_at,
            officer_session.c.revoked_at,
            officer.c.login,
            officer.c.active,
        )
        .join(officer, officer.c.id == officer_session.c.officer_id)
        .where(officer_session.c.token_hash == hash_token(token))
    ).first()
    if row is None or row.revoked_at is not None or row.expires_at <= now or not row.active:
        raise NotSignedIn(SESSION_ENDED)
    if now - row.last_seen_at >= LAST_SEEN_RESOLUTION:
        conn.execute(update(officer_session).where(officer_session.c.id == row.id).values(last_seen_at=now))
    return SignedIn(
        session_id=row.id,
        officer_id=int(row.officer_id),
        login=str(row.login),
        device=str(row.device),
        expires_at=row.expires_at,
    )


def authenticate(conn: Connection, token: str, now: datetime | None = None) -> int:
    """The id of the officer a bearer token signs in; ``NotSignedIn`` otherwise (see ``check_session``)."""
    return check_session(conn, token, now).officer_id


def sign_out(conn: Connection, token: str, now: datetime | None = None) -> None:
    """End the session of ``token``; an unknown or ended one is left as it is."""
    now = now or server_now(conn)
    conn.execute(
        update(officer_session)
        .where(officer_session.c.token_hash == hash_token(token), officer_session.c.revoked_at.is_(None))
        .values(revoked_at=now)
    )


def revoke_sessions(conn: Connection, officer_id: int, keep: UUID | None = None, now: datetime | None = None) -> int:
    """End every live session of an officer but ``keep``; returns how many ended."""
    now = now or server_now(conn)
    query = update(officer_session).where(
        officer_session.c.officer_id == officer_id,
        officer_session.c.revoked_at.is_(None),
        officer_session.c.expires_at > now,
    )
    if keep is not None:
        query = query.where(officer_session.c.id != keep)
    return int(conn.execute(query.values(revoked_at=now)).rowcount)


# -- managing passwords and officers -----------------------------------------------------------------------


def _set_password(conn: Connection, officer_id: int, password: str, now: datetime) -> None:
    conn.execute(
        update(officer)
        .where(officer.c.id == officer_id)
        .values(password_hash=hash_password(password), password_changed_at=now)
    )


def _officer_by_login(conn: Connection, login: str) -> tuple[int, str]:
    row = conn.execute(select(officer.c.id, officer.c.login).where(officer.c.login == login)).first()
    if row is None:
        raise NotFound(f"no officer with login {login!r}")
    return int(row.id), str(row.login)


def change_password(
    conn: Connection,
    officer_id: int,
    old: str,
    new: str,
    keep_session: UUID | None = None,
    now: datetime | None = None,
    address: str = "unknown",
) -> int:
    """An officer changes their own password: ``old`` must be the current one (else ``NotPermitted``), ``new``
    must pass ``check_password_strength``. Every other session ends (``keep_session``, the one the change
    was made through, stays); returns how many ended. See ``attempt_password_change``."""
    done = attempt_password_change(conn, officer_id, old, new, keep_session, now, address)
    if isinstance(done, AduanError):
        raise done
    return done


def attempt_password_change(
    conn: Connection,
    officer_id: int,
    old: str,
    new: str,
    keep_session: UUID | None = None,
    now: datetime | None = None,
    address: str = "unknown",
) -> int | NotPermitted | Throttled:
    """``change_password``, returning a wrong or throttled current password instead of raising it, so that
    the caller's transaction commits the failure: a session left open on an unattended desk must not become
    a way to guess the password, so wrong guesses count with the sign-in failures of the login and address."""
    now = now or server_now(conn)
    row = conn.execute(select(officer.c.login, officer.c.password_hash).where(officer.c.id == officer_id)).first()
    if row is None:
        raise NotFound(f"no officer with id {officer_id}")
    address = address.strip() or "unknown"
    until = _throttled_until(conn, _clip(row.login, _LOGIN_LENGTH), _clip(address, _ADDRESS_LENGTH), now)
    if until is not None:
        _record_attempt(conn, row.login, address, now, succeeded=False)
        minutes = math.ceil(_seconds_until(until, now) / 60)
        return Throttled(
            _seconds_until(until, now),
            f"too many wrong passwords: try again in {minutes} minute{'s' if minutes != 1 else ''}",
        )
    if row.password_hash is None:
        _spend_a_verification(old)
        matches = False
    else:
        matches = verify_password(row.password_hash, old)
    if not matches:
        _record_attempt(conn, row.login, address, now, succeeded=False)
        return NotPermitted("the current password is wrong")
    check_password_strength(new, row.login)
    _set_password(conn, officer_id, new, now)
    return revoke_sessions(conn, officer_id, keep=keep_session, now=now)


def reset_password(conn: Connection, login: str, new: str | None = None, now: datetime | None = None) -> str | None:
    """An admin sets an officer's password: ``new``, checked for strength, or when None a generated one,
    which is returned (to be handed over once; it is stored nowhere). Every session of the officer ends,
    and the failures that throttled the login before the reset no longer count."""
    now = now or server_now(conn)
    officer_id, login = _officer_by_login(conn, login)
    generated = None
    if new is None:
        new = generated = generate_password()
    else:
        check_password_strength(new, login)
    _set_password(conn, officer_id, new, now)
    revoke_sessions(conn, officer_id, now=now)
    return generated


def set_active(conn: Connection, login: str, active: bool, now: datetime | None = None) -> int:
    """Enable or disable an officer; disabling ends every session of theirs. Returns how many ended."""
    now = now or server_now(conn)
    officer_id, _ = _officer_by_login(conn, login)
    conn.execute(update(officer).where(officer.c.id == officer_id).values(active=active))
    return 0 if active else revoke_sessions(conn, officer_id, now=now)


def prune_sessions(conn: Connection, now: datetime | None = None, older_than: timedelta = ATTEMPT_RETENTION) -> int:
    """Delete the sessions that ended (expired or revoked) more than ``older_than`` ago; returns how many.
    An ended session's row only ever refuses its token, which an unknown token is refused as well."""
    now = now or server_now(conn)
    cutoff = now - older_than
    ended = or_(officer_session.c.expires_at < cutoff, officer_session.c.revoked_at < cutoff)
    return int(conn.execute(delete(officer_session).where(ended)).rowcount)


def prune_sign_in_attempts(
    conn: Connection, now: datetime | None = None, older_than: timedelta = ATTEMPT_RETENTION
) -> int:
    """Delete the attempts that no throttle looks at any more; returns how many. For a periodic sweep, not
    for each sign-in (range deletes beside concurrent inserts of the same login invite deadlocks)."""
    now = now or server_now(conn)
    cutoff = now - max(older_than, THROTTLE_WINDOW)
    return int(conn.execute(delete(sign_in_attempt).where(sign_in_attempt.c.at < cutoff)).rowcount)
