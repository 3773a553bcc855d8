"""The one authorization function every request of ``aduan server`` passes.

A request reaches a route only with an authenticated session (``app.principal``); the route then asks
``authorize`` whether this officer may do this action, before any store call. The store below applies the
same officer's unit scope and claim rules to each ticket it touches (an officer acts only as themselves:
the server names the actor, never the request), so a refusal here is the first of two, not the only one.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from uuid import UUID

from ..domain.errors import NotPermitted
from ..domain.operations import OpKind
from ..domain.vocabulary import Role
from ..store.identity import Actor


class Action(StrEnum):
    HELLO = "hello"
    SIGN_OUT = "sign_out"
    CHANGE_PASSWORD = "change_password"
    PUSH = "push"  # one operation: see ``_MAY_PUSH``
    PULL = "pull"
    READ_ATTACHMENT = "read_attachment"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is asking: an officer, through one of their signed-in sessions (one per device)."""

    actor: Actor
    session_id: UUID
    device: str


# Roles that may push each kind of operation; a kind missing here is refused to everyone.
_EVERY_ROLE = frozenset(Role)
_SUPERVISORS = frozenset({Role.SUPERVISOR, Role.ADMIN})
_MAY_PUSH: dict[OpKind, frozenset[Role]] = {kind: _EVERY_ROLE for kind in OpKind} | {OpKind.STEAL: _SUPERVISORS}


def authorize(principal: Principal, action: Action, kind: OpKind | None = None) -> None:
    """Raise NotPermitted unless ``principal`` may do ``action`` (for PUSH: an operation of ``kind``)."""
    officer = principal.actor.officer
    if not officer.active:
        raise NotPermitted(f"officer {officer.login!r} is deactivated")
    if action is Action.PUSH and (kind is None or officer.role not in _MAY_PUSH.get(kind, frozenset())):
        raise NotPermitted(f"a {officer.role.value} may not {kind.value if kind else 'push that'}")
