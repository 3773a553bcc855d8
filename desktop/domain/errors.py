"""Domain errors. Each carries a stable code and the CLI exit code it maps to; its ``fields`` are what the UI fills
into the translated text of its code (``desktop/ui/errors.py``) and what the server sends with the code, so that
an officer reads the refusal in the UI's language, never the English ``message`` (which is for the CLI and logs).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime


class AduanError(Exception):
    code = "unexpected"
    exit_code = 1

    def __init__(self, message: str, **fields: str) -> None:
        super().__init__(message)
        self.message = message
        # Words and numbers for the translated text (a field's name, a status, a login, a moment in ISO form):
        # never a value the officer typed, which may be personal data.
        self.fields: dict[str, str] = dict(fields)


class BadInput(AduanError):
    code = "bad_input"
    exit_code = 2


class ForbiddenTransition(BadInput):
    """A status change the workflow does not allow; fields ``current`` and ``target`` are status values."""

    code = "forbidden_transition"


class Conflict(AduanError):
    code = "conflict"
    exit_code = 3


class HeldByOther(Conflict):
    """The ticket is claimed by someone else whose lease has not run out."""

    code = "held_by_other"

    def __init__(self, holder: str, until: datetime) -> None:
        message = f"held by {holder} until {until:%Y-%m-%d %H:%M:%S} UTC"
        super().__init__(message, holder=holder, until=until.isoformat())
        self.holder = holder
        self.until = until


class NotHolder(Conflict):
    """A write that needs the claim was attempted by an officer who does not hold it."""

    code = "not_holder"


class LostClaim(Conflict):
    """The claim token the write was made under is no longer the ticket's token."""

    code = "lost_claim"


class AlreadyAnswered(Conflict):
    """A referral that another officer of the referred unit has answered already."""

    code = "already_answered"


class Unreachable(AduanError):
    code = "unreachable"
    exit_code = 4


class RateLimited(Unreachable):
    """A channel asked us to slow down: try again no sooner than ``retry_after`` seconds from now."""

    code = "rate_limited"

    def __init__(self, retry_after: int, message: str) -> None:
        super().__init__(message, retry_after=str(retry_after))
        self.retry_after = retry_after


class NotFound(AduanError):
    code = "not_found"
    exit_code = 5


class NotPermitted(AduanError):
    code = "not_permitted"
    exit_code = 5


class NotSignedIn(AduanError):
    """No valid sign-in: a wrong login or password (never saying which), or a session that has ended."""

    code = "not_signed_in"
    exit_code = 5


class Throttled(AduanError):
    """Too many failed sign-ins for a login or from an address: try again in ``retry_after`` seconds."""

    code = "throttled"
    exit_code = 5

    def __init__(self, retry_after: int, message: str) -> None:
        super().__init__(message, retry_after=str(retry_after))
        self.retry_after = retry_after


class SchemaMismatch(AduanError):
    code = "schema_mismatch"
    exit_code = 1


class ClientOutdated(SchemaMismatch):
    """The Aduan server no longer accepts this client's version (HTTP 426): the admin's policy names the lowest
    version it accepts and where the unit's installer is. Like a schema mismatch, nothing queued is dropped:
    the outbox waits for the update."""

    code = "client_outdated"

    def __init__(
        self, client_version: str, min_version: str, installer: str, note: str | None = None, queued: int | None = None
    ) -> None:
        words = (
            f"this version of Aduan ({client_version}) is no longer accepted by the server: install {min_version} "
            f"or newer from {installer}"
        ) + (f" ({note})" if note else "")
        if queued is not None:
            words += f"; {queued} operation(s) waiting in the outbox are kept and sent after the update"
        super().__init__(words, client_version=client_version, min_version=min_version, installer=installer)
        self.client_version = client_version
        self.min_version = min_version
        self.installer = installer
        self.note = note
        self.queued = queued  # operations waiting on this computer, where the client counted them

    def with_queued(self, queued: int) -> ClientOutdated:
        return ClientOutdated(self.client_version, self.min_version, self.installer, self.note, queued)


class Rejected(AduanError):
    """The central store refused a queued operation; carries the refusal's code, fields and exit code."""

    def __init__(self, code: str | None, message: str, fields: Mapping[str, str] | None = None) -> None:
        super().__init__(message, **(fields or {}))
        self.code = code or "unexpected"
        self.exit_code = exit_code_of(self.code)


def exit_code_of(code: str) -> int:
    """The CLI exit code of an error code, as its error type defines it."""
    pending: list[type[AduanError]] = [AduanError]
    while pending:
        cls = pending.pop()
        if cls.code == code and cls is not Rejected:
            return cls.exit_code
        pending.extend(cls.__subclasses__())
    return AduanError.exit_code
