"""Entities as frozen dataclasses: what the store hands out and the UI shows. Times are UTC."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from .status import Status
from .vocabulary import Channel, Direction, Kind, Priority, Role


@dataclass(frozen=True, slots=True)
class Unit:
    id: int
    code: str
    name: str
    parent_id: int | None
    lease_seconds: int
    # Retention (UU PDP, ``store/retention.py``): days after a report closed; None keeps the data.
    identity_retention_days: int | None = None
    attachment_retention_days: int | None = None


@dataclass(frozen=True, slots=True)
class Officer:
    id: int
    login: str
    name: str
    role: Role
    unit_codes: tuple[str, ...]
    active: bool = True


@dataclass(frozen=True, slots=True)
class Reporter:
    id: UUID
    name: str | None  # None when the reporter is anonymous: the identity is never handed out
    anonymous: bool
    confidential: bool


@dataclass(frozen=True, slots=True)
class Claim:
    holder: str | None
    device: str | None
    token: int
    expires_at: datetime | None

    def held_at(self, server_now: datetime) -> bool:
        return self.holder is not None and self.expires_at is not None and self.expires_at > server_now


@dataclass(frozen=True, slots=True)
class Ticket:
    id: UUID
    tracking_no: str
    kind: Kind
    category: str | None
    priority: Priority
    status: Status
    unit: str
    channel: Channel
    subject: str
    reporter: Reporter | None
    claim: Claim
    first_response_due_at: datetime | None
    due_at: datetime | None
    master_id: UUID | None
    row_version: int
    created_at: datetime
    updated_at: datetime
    # A confidential report read by someone outside its handling unit (``store/confidentiality.py``): the
    # subject is empty, the reporter's name None, and the thread is not there to show.
    content_withheld: bool = False


@dataclass(frozen=True, slots=True)
class Message:
    id: UUID
    ticket_id: UUID
    direction: Direction
    channel: Channel
    author: str | None
    body_text: str
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Note:
    id: UUID
    ticket_id: UUID
    author: str
    body: str
    mentions: tuple[str, ...]
    added_offline: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class Event:
    id: int
    ticket_id: UUID | None
    officer: str | None
    action: str
    claim_token: int | None
    detail: dict[str, Any]
    created_at: datetime


@dataclass(frozen=True, slots=True)
class TicketDetail:
    ticket: Ticket
    messages: tuple[Message, ...]
    notes: tuple[Note, ...]
    events: tuple[Event, ...]


@dataclass(frozen=True, slots=True)
class AccountHealth:
    """A channel account as admins and supervisors watch it."""

    id: int
    name: str
    channel: Channel
    unit: str
    enabled: bool
    last_poll_at: datetime | None
    last_error: str | None
    backlog: int  # answers still waiting to be sent through it
    held: int  # answers it could not send, waiting for an admin (failed or in doubt)
    intake_errors: int  # messages that came through it and could not be stored, not yet resolved
