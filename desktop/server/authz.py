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
    # The commands beside sync (``commands.py``); the store below checks units and claims again.
    READ_UNITS = "read_units"
    MANAGE_UNITS = "manage_units"
    READ_OFFICERS = "read_officers"
    MANAGE_OFFICERS = "manage_officers"
    READ_RULES = "read_rules"
    MANAGE_RULES = "manage_rules"  # service-level policies, calendars, days off: a supervisor's units
    RUN_SWEEP = "run_sweep"
    READ_CANNED = "read_canned"
    MANAGE_CANNED = "manage_canned"  # a supervisor's units; global ones are the admins'
    WATCH_CHANNELS = "watch_channels"  # a supervisor sees the health of their units' accounts
    MANAGE_CHANNELS = "manage_channels"
    HANDLE_INTAKE_ERRORS = "handle_intake_errors"  # they hold citizens' messages of every unit
    HANDLE_DISPATCH = "handle_dispatch"
    # Comments under a unit's Facebook/Instagram posts: a supervisor's units (commands.py checks the unit).
    HANDLE_COMMENTS = "handle_comments"
    IMPORT_LAPOR = "import_lapor"
    EXPORT_LAPOR = "export_lapor"  # a supervisor: their units
    # Sharing a confidential report: the store lets the handling unit's supervisors and the claim holder
    # (store/sharing.py); anyone who sees the ticket may read whom it is shared with.
    SHARE_TICKET = "share_ticket"
    READ_SHARES = "read_shares"
    # Citizens' data (UU PDP): the agency's policy and a data subject's request, across every unit.
    MANAGE_RETENTION = "manage_retention"
    EXPORT_PERSONAL_DATA = "export_personal_data"
    ERASE_PERSONAL_DATA = "erase_personal_data"
    READ_HISTORY = "read_history"  # a ticket's audit history: whoever may read the ticket (store/audit.py)
    SEARCH_AUDIT = "search_audit"  # the audit log across tickets: admins all, a supervisor their units'
    # Which client versions the server accepts (store/client_policy.py): admins set it, every officer reads
    # the one that applies to them.
    MANAGE_CLIENT_POLICY = "manage_client_policy"
    READ_CLIENT_POLICY = "read_client_policy"
    # Statistics (reports/figures.py): every active officer; the figures' scope narrows to what they may see.
    READ_STATS = "read_stats"


@dataclass(frozen=True, slots=True)
class Principal:
    """Who is asking: an officer, through one of their signed-in sessions (one per device)."""

    actor: Actor
    session_id: UUID | None  # None: on this process's own connection (the embedded database, the owner's tools)
    device: str


# Roles that may push each kind of operation; a kind missing here is refused to everyone.
_EVERY_ROLE = frozenset(Role)
_SUPERVISORS = frozenset({Role.SUPERVISOR, Role.ADMIN})
_ADMINS = frozenset({Role.ADMIN})
_MAY_PUSH: dict[OpKind, frozenset[Role]] = {kind: _EVERY_ROLE for kind in OpKind} | {
    OpKind.STEAL: _SUPERVISORS,
    OpKind.ASSIGN: _SUPERVISORS,  # the store checks the ticket's unit and the assignee (store/assignment.py)
}
# Who may do each action, and what it is, for the refusal; an action missing here is every signed-in,
# active officer's.
_RESTRICTED: dict[Action, tuple[frozenset[Role], str]] = {
    Action.MANAGE_UNITS: (_ADMINS, "manage units"),
    Action.READ_OFFICERS: (_SUPERVISORS, "list officers"),
    Action.MANAGE_OFFICERS: (_ADMINS, "manage officers and their passwords"),
    Action.MANAGE_RULES: (_SUPERVISORS, "change service levels and working calendars"),
    Action.RUN_SWEEP: (_ADMINS, "run the service-level sweep"),
    Action.MANAGE_CANNED: (_SUPERVISORS, "manage canned responses"),
    Action.WATCH_CHANNELS: (_SUPERVISORS, "see the channel accounts"),
    Action.MANAGE_CHANNELS: (_ADMINS, "manage channel accounts"),
    Action.HANDLE_INTAKE_ERRORS: (_ADMINS, "see, retry or dismiss intake errors"),
    Action.HANDLE_DISPATCH: (_ADMINS, "see, resend or confirm answers being dispatched"),
    Action.HANDLE_COMMENTS: (_SUPERVISORS, "see comments on social media or make tickets of them"),
    Action.IMPORT_LAPOR: (_ADMINS, "import SP4N-LAPOR! reports"),
    Action.EXPORT_LAPOR: (_SUPERVISORS, "export SP4N-LAPOR! follow-ups"),
    Action.MANAGE_RETENTION: (_ADMINS, "set or apply the retention of citizens' data"),
    Action.EXPORT_PERSONAL_DATA: (_ADMINS, "export a reporter's personal data"),
    Action.ERASE_PERSONAL_DATA: (_ADMINS, "erase a reporter's personal data"),
    Action.SEARCH_AUDIT: (_SUPERVISORS, "search the audit log"),
    Action.MANAGE_CLIENT_POLICY: (_ADMINS, "set which Aduan versions the server accepts"),
}


def authorize(principal: Principal, action: Action, kind: OpKind | None = None) -> None:
    """Raise NotPermitted unless ``principal`` may do ``action`` (for PUSH: an operation of ``kind``)."""
    officer = principal.actor.officer
    if not officer.active:
        raise NotPermitted(f"officer {officer.login!r} is deactivated")
    if action is Action.PUSH and (kind is None or officer.role not in _MAY_PUSH.get(kind, frozenset())):
        raise NotPermitted(f"a {officer.role.value} may not {kind.value if kind else 'push that'}")
    if action in _RESTRICTED:
        roles, what = _RESTRICTED[action]
        if officer.role not in roles:
            raise NotPermitted(f"only {'admins' if roles == _ADMINS else 'supervisors and admins'} may {what}")
