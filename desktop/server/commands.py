"""The commands beside sync: units, officers, service levels, canned responses, channel accounts, intake
errors, dispatch, LAPOR! and citizens' data (retention, a reporter's export and erasure). Each has one
implementation, run where the data is:

- through the server, ``POST /v1/commands/<name>`` runs it as the signed-in officer, after ``authorize``;
- directly (the embedded database, the owner's ``--db``), the CLI and the app run the same function, after
  the same ``authorize`` when an officer is named. The owner, with the database's own credentials and no
  officer named, may run every command.

A command's request is a struct the server validates; its result is a domain value, carried as JSON by
pydantic and rebuilt as the same value on the client, so that the CLI and the views show it one way.
"""

from __future__ import annotations

import base64
import binascii
import functools
import getpass
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Annotated, Any, Generic, Literal, TypeVar
from uuid import UUID

from pydantic import AfterValidator, Field, StringConstraints, TypeAdapter, ValidationError
from sqlalchemy import Connection

from ..domain.audit import DEFAULT_TIMEZONE as AUDIT_TIMEZONE
from ..domain.audit import MAX_PAGE as AUDIT_PAGE
from ..domain.audit import AuditEntry, AuditPage
from ..domain.calendar import WIB
from ..domain.canned import CannedTemplate, ManageScope
from ..domain.client_release import ClientPolicy
from ..domain.entities import AccountHealth, Officer, Unit
from ..domain.errors import BadInput, NotFound, NotPermitted
from ..domain.inbound import IntakeError, Received
from ..domain.lapor_import import ImportReport
from ..domain.probe import ProbeResult
from ..domain.sla import SlaPolicy
from ..domain.social import SocialComment
from ..domain.text import FIELD_LIMITS
from ..domain.vocabulary import Channel, Kind, Priority, Role
from ..reports.behaviour import FlowRow, HeatRow, ReopenRow, ReturningRow
from ..reports.channels import ChannelOverview
from ..reports.figures import BacklogRow, ServiceRow, VolumeRow
from ..reports.recap import MonthlyRecap
from ..reports.topics import TopicFigures
from ..store.channel_lapor import FollowUp
from ..store.identity import Actor
from ..store.outbox import OutboxRow
from ..store.privacy import ErasureReport, ReporterRef
from ..store.retention import RetentionReport, UnitRetention
from ..store.service import Store
from ..store.sharing import Share
from ..store.sla import SweepReport
from ..store.work import Work, begin
from .authz import Action, Principal, authorize
from .wire import Category, Line, NaiveUtc, Strict, Text, naive_utc

R = TypeVar("R", bound=Strict)
T = TypeVar("T")

PREFIX = "/v1/commands/"
LAPOR_FILE_BYTES = 32 * 1024 * 1024  # a LAPOR! export of many thousand rows; base64 fits the server's body cap
Login = Annotated[str, StringConstraints(min_length=1, max_length=63)]
UnitCode = Annotated[str, StringConstraints(min_length=1, max_length=40)]
Password = Annotated[str, StringConstraints(min_length=1, max_length=1024)]
Key = Annotated[str, StringConstraints(min_length=1, max_length=100)]
WorkingDays = Annotated[int, Field(ge=0, le=365)]
# Names and titles no longer than their central columns (``domain.text.FIELD_LIMITS``).
UnitName = Annotated[str, StringConstraints(max_length=FIELD_LIMITS["unit name"])]
OfficerName = Annotated[str, StringConstraints(max_length=FIELD_LIMITS["officer name"])]
CannedTitle = Annotated[str, StringConstraints(max_length=FIELD_LIMITS["canned title"])]
AccountName = Annotated[str, StringConstraints(max_length=FIELD_LIMITS["account name"])]
DayOffName = Annotated[str, StringConstraints(max_length=FIELD_LIMITS["day-off name"])]


@dataclass(frozen=True, slots=True)
class Command(Generic[R, T]):
    name: str  # as the command line says it: "canned add"
    action: Action
    request: type[R]
    result: Any  # the type of its result
    run: Callable[[Store, Actor | None, R], T]
    # Kept in the ledger (its answer answers a retry with the same idempotency key): the writes that a retry
    # would do twice or answer differently. Not reads, not writes that set a state (a retry changes nothing),
    # and not answers with a generated password (the ledger keeps no secret).
    ledger: bool

    @property
    def path(self) -> str:
        return PREFIX + self.name.replace(" ", "/")

    def encode(self, value: T) -> Any:
        return _adapter(self.result).dump_python(value, mode="json")

    def decode(self, data: Any) -> T:
        result: T = _adapter(self.result).validate_python(data)
        return result


@functools.cache
def _adapter(result: Any) -> TypeAdapter[Any]:
    """Built on first use: a command line run builds one, not forty."""
    return TypeAdapter(result)


COMMANDS: dict[str, Command[Any, Any]] = {}


def command(
    name: str, action: Action, request: type[R], result: Any, ledger: bool = False
) -> Callable[[Callable[[Store, Actor | None, R], T]], Command[R, T]]:
    def register(run: Callable[[Store, Actor | None, R], T]) -> Command[R, T]:
        registered: Command[R, T] = Command(name, action, request, result, run, ledger)
        COMMANDS[name] = registered
        return registered

    return register


def refused_field(exc: ValidationError) -> BadInput:
    """What an officer typed that a request refuses (a title too long, a day that is no date), as BadInput
    naming the field: built on the officer's computer, a request is checked before anything is sent."""
    errors = exc.errors()
    if not errors:
        return BadInput(str(exc))
    where = ".".join(str(part) for part in errors[0]["loc"])
    message = errors[0]["msg"]
    return BadInput(f"{where}: {message}" if where else message)


def run_direct(cmd: Command[R, T], store: Store, actor: Actor | None, request: R) -> T:
    """Run ``cmd`` on this process's own connection: as ``actor`` (checked as the server would check them),
    or as the owner when ``actor`` is None."""
    if actor is not None:
        authorize(Principal(actor, None, store.device), cmd.action)
    return cmd.run(store, actor, request)


def as_officer(store: Store, actor: Actor | None, task: Callable[..., T], *args: Any) -> T:
    """A store task that works as someone (``Work``): as the officer, whose units and role the store checks
    again and whom the audit log names, or, with no officer, as the owner."""
    if actor is not None:
        return store.write(task, *args)
    return store.admin(lambda conn: task(begin(conn, None, device=store.device), *args))


def _visible_unit_codes(store: Store, actor: Actor | None) -> set[str] | None:
    """The codes of the units a supervisor sees; None for the owner and admins, who see every unit."""
    from ..store.directory import list_units

    if actor is None or actor.visible_unit_ids is None:
        return None
    return {u.code for u in store.admin(list_units) if u.id in actor.visible_unit_ids}


class Nothing(Strict):
    pass


# -- units and officers ---------------------------------------------------------------------------------


class UnitAdd(Strict):
    code: UnitCode
    name: UnitName
    parent: UnitCode | None = None
    lease_seconds: Annotated[int, Field(ge=60, le=7 * 24 * 3600)] | None = None


@command("unit add", Action.MANAGE_UNITS, UnitAdd, Unit, ledger=True)
def unit_add(store: Store, _actor: Actor | None, r: UnitAdd) -> Unit:
    from ..store.directory import add_unit

    return store.admin(add_unit, r.code, r.name, r.parent, r.lease_seconds)


class UnitSet(Strict):
    """Only the fields given change; the code stays (it is the key the command line and settings use)."""

    code: UnitCode
    name: UnitName | None = None
    parent: UnitCode | None = None
    top: bool = False  # no parent any more: a top-level unit
    lease_seconds: Annotated[int, Field(ge=60, le=7 * 24 * 3600)] | None = None


@dataclass(frozen=True, slots=True)
class ChangedUnit:
    unit: Unit
    claims_ended: tuple[str, ...]  # the reports (tracking numbers) the move took out of their holders' reach


# Kept in the ledger, like ``officer set``: a retry would find the claims ended already and answer without them.
@command("unit set", Action.MANAGE_UNITS, UnitSet, ChangedUnit, ledger=True)
def unit_set(store: Store, actor: Actor | None, r: UnitSet) -> ChangedUnit:
    from ..store.directory import UNCHANGED, update_unit

    if r.top and r.parent is not None:
        raise BadInput("give a parent or the top, not both")
    parent = None if r.top else (UNCHANGED if r.parent is None else r.parent)
    changed, ended = as_officer(store, actor, update_unit, r.code, r.name, parent, r.lease_seconds)
    return ChangedUnit(changed, ended)


@command("unit list", Action.READ_UNITS, Nothing, list[Unit])
def unit_list(store: Store, _actor: Actor | None, _r: Nothing) -> list[Unit]:
    from ..store.directory import list_units

    return store.admin(list_units)


class OfficerAdd(Strict):
    login: Login
    name: OfficerName
    units: Annotated[list[UnitCode], Field(min_length=1, max_length=100)]
    role: Role = Role.OFFICER
    password: Password | None = None


@dataclass(frozen=True, slots=True)
class AddedOfficer:
    officer: Officer
    password: str | None  # generated: shown once, stored nowhere


@command("officer add", Action.MANAGE_OFFICERS, OfficerAdd, AddedOfficer)
def officer_add(store: Store, _actor: Actor | None, r: OfficerAdd) -> AddedOfficer:
    from ..store.directory import add_officer

    added, generated = store.admin(add_officer, r.login, r.name, list(r.units), r.role, r.password)
    return AddedOfficer(added, generated)


class OfficerSet(Strict):
    """Only the fields given change; the login stays. ``units`` replaces the officer's units."""

    login: Login
    name: OfficerName | None = None
    role: Role | None = None
    units: Annotated[list[UnitCode], Field(min_length=1, max_length=100)] | None = None


@dataclass(frozen=True, slots=True)
class ChangedOfficer:
    officer: Officer
    claims_ended: tuple[str, ...]  # the reports (tracking numbers) they held that are out of their reach now


# Kept in the ledger: a retry would find the claims ended already and answer without them.
@command("officer set", Action.MANAGE_OFFICERS, OfficerSet, ChangedOfficer, ledger=True)
def officer_set(store: Store, actor: Actor | None, r: OfficerSet) -> ChangedOfficer:
    from ..store.directory import update_officer

    if actor is not None and actor.login == r.login and r.role not in (None, actor.officer.role):
        raise BadInput("you cannot change your own role: ask another admin", field="role", reason="own_role")
    changed, ended = as_officer(store, actor, update_officer, r.login, r.name, r.role, r.units)
    return ChangedOfficer(changed, ended)


@command("officer list", Action.READ_OFFICERS, Nothing, list[Officer])
def officer_list(store: Store, actor: Actor | None, _r: Nothing) -> list[Officer]:
    """Admins see every officer; a supervisor those who share a unit they supervise."""
    from ..store.directory import list_officers

    officers = store.admin(list_officers)
    codes = _visible_unit_codes(store, actor)
    return officers if codes is None else [o for o in officers if codes.intersection(o.unit_codes)]


class OfficerPassword(Strict):
    login: Login
    password: Password | None = None  # None: a generated one


@command("officer reset-password", Action.MANAGE_OFFICERS, OfficerPassword, str | None)
def officer_reset_password(store: Store, _actor: Actor | None, r: OfficerPassword) -> str | None:
    from ..store import accounts  # Argon2 is loaded only by the commands that hash

    return store.admin(accounts.reset_password, r.login, r.password)


class OfficerLogin(Strict):
    login: Login


@dataclass(frozen=True, slots=True)
class OfficerState:
    officer: Officer
    sessions_ended: int


def _set_active(store: Store, actor: Actor | None, login: str, active: bool) -> OfficerState:
    from ..store import accounts
    from ..store.directory import list_officers

    if actor is not None and actor.login == login and not active:
        raise BadInput("you cannot disable yourself: ask another admin")

    def change(conn: Any) -> OfficerState:
        ended = accounts.set_active(conn, login, active)
        return OfficerState(next(o for o in list_officers(conn) if o.login == login), ended)

    return store.admin(change)


@command("officer disable", Action.MANAGE_OFFICERS, OfficerLogin, OfficerState)
def officer_disable(store: Store, actor: Actor | None, r: OfficerLogin) -> OfficerState:
    return _set_active(store, actor, r.login, False)


@command("officer enable", Action.MANAGE_OFFICERS, OfficerLogin, OfficerState)
def officer_enable(store: Store, actor: Actor | None, r: OfficerLogin) -> OfficerState:
    return _set_active(store, actor, r.login, True)


# -- service levels -------------------------------------------------------------------------------------


@command("sla sweep", Action.RUN_SWEEP, Nothing, SweepReport)
def sla_sweep(store: Store, actor: Actor | None, _r: Nothing) -> SweepReport:
    from ..store import sla

    return as_officer(store, actor, sla.sweep)


class PolicySet(Strict):
    unit: UnitCode | None = None
    kind: Kind | None = None
    category: Category | None = None
    priority: Annotated[str, StringConstraints(max_length=20)] | None = None
    verify: WorkingDays = 3
    follow_up: WorkingDays = 5
    reporter_wait: WorkingDays = 10
    resolution: Annotated[int, Field(ge=1, le=3650)] = 60
    warn_percent: Annotated[int, Field(ge=1, le=100)] = 75
    restart_on_transfer: bool = False


@command("sla policy set", Action.MANAGE_RULES, PolicySet, int)
def sla_policy_set(store: Store, actor: Actor | None, r: PolicySet) -> int:
    from ..store import sla

    scope = sla.PolicyScope(r.unit, r.kind, r.category, Priority.parse(r.priority) if r.priority else None)
    targets = SlaPolicy(
        verify_working_days=r.verify,
        follow_up_working_days=r.follow_up,
        reporter_wait_working_days=r.reporter_wait,
        resolution_days=r.resolution,
        warn_at=r.warn_percent / 100,
        restart_on_transfer=r.restart_on_transfer,
    )
    return as_officer(store, actor, sla.set_policy, scope, targets)


@command("sla policy list", Action.READ_RULES, Nothing, list[dict[str, Any]])
def sla_policy_list(store: Store, _actor: Actor | None, _r: Nothing) -> list[dict[str, Any]]:
    from ..store import sla

    return store.read(sla.list_policies)


class PolicyId(Strict):
    id: Annotated[int, Field(ge=1, le=2**31 - 1)]


@command("sla policy remove", Action.MANAGE_RULES, PolicyId, None, ledger=True)
def sla_policy_remove(store: Store, actor: Actor | None, r: PolicyId) -> None:
    from ..store import sla

    as_officer(store, actor, sla.remove_policy, r.id)


class CalendarSet(Strict):
    unit: UnitCode | None = None
    timezone: Annotated[str, StringConstraints(max_length=64)] = "Asia/Jakarta"
    hours: Annotated[str, StringConstraints(max_length=20)] = "08:00-16:00"
    weekend: Annotated[str, StringConstraints(max_length=20)] = "5,6"
    national_holidays: bool = True


@command("sla calendar set", Action.MANAGE_RULES, CalendarSet, int)
def sla_calendar_set(store: Store, actor: Actor | None, r: CalendarSet) -> int:
    from ..store import sla

    start, end = sla.parse_hours(r.hours)
    weekend = sla.parse_weekend(r.weekend)
    return as_officer(store, actor, sla.set_calendar, r.unit, r.timezone, start, end, weekend, r.national_holidays)


class DayOff(Strict):
    day: date
    name: DayOffName | None = None  # None: the day is worked again
    unit: UnitCode | None = None


@command("sla day-off", Action.MANAGE_RULES, DayOff, None)
def sla_day_off(store: Store, actor: Actor | None, r: DayOff) -> None:
    from ..store import sla

    as_officer(store, actor, sla.set_day_off, r.unit, r.day, r.name)


# -- canned responses -----------------------------------------------------------------------------------


class CannedList(Strict):
    all: bool = False  # retired ones too


@command("canned list", Action.READ_CANNED, CannedList, list[CannedTemplate])
def canned_list(store: Store, actor: Actor | None, r: CannedList) -> list[CannedTemplate]:
    from ..store.canned import list_canned_responses

    return store.read(list_canned_responses, actor, r.all)


class CannedKey(Strict):
    key: Key


@command("canned show", Action.READ_CANNED, CannedKey, list[CannedTemplate])
def canned_show(store: Store, actor: Actor | None, r: CannedKey) -> list[CannedTemplate]:
    from ..store.canned import canned_history

    return store.read(canned_history, actor, r.key)


@command("canned scope", Action.READ_CANNED, Nothing, ManageScope)
def canned_scope(store: Store, actor: Actor | None, _r: Nothing) -> ManageScope:
    """Where the officer may add canned responses (the app's manager offers those units)."""
    from ..store.canned import manage_scope

    return store.read(manage_scope, actor)


class CannedAdd(Strict):
    key: Key
    title: CannedTitle
    text: Text
    unit: UnitCode | None = None  # None: global (admins)


@command("canned add", Action.MANAGE_CANNED, CannedAdd, int, ledger=True)
def canned_add(store: Store, actor: Actor | None, r: CannedAdd) -> int:
    from ..store.canned import add_canned_response

    def add(work: Work) -> int:
        return add_canned_response(work, r.key, r.title, r.text, r.unit, new_key=True)

    return as_officer(store, actor, add)


class CannedEdit(Strict):
    key: Key
    title: CannedTitle | None = None  # None: keep it
    text: Text


@command("canned edit", Action.MANAGE_CANNED, CannedEdit, int, ledger=True)
def canned_edit(store: Store, actor: Actor | None, r: CannedEdit) -> int:
    from ..store.canned import edit_canned_response

    return as_officer(store, actor, edit_canned_response, r.key, r.title, r.text)


@command("canned retire", Action.MANAGE_CANNED, CannedKey, CannedTemplate)
def canned_retire(store: Store, actor: Actor | None, r: CannedKey) -> CannedTemplate:
    from ..store.canned import set_canned_active

    return as_officer(store, actor, set_canned_active, r.key, False)


@command("canned restore", Action.MANAGE_CANNED, CannedKey, CannedTemplate)
def canned_restore(store: Store, actor: Actor | None, r: CannedKey) -> CannedTemplate:
    from ..store.canned import set_canned_active

    return as_officer(store, actor, set_canned_active, r.key, True)


# -- channel accounts, intake errors, dispatch ----------------------------------------------------------


class ChannelAdd(Strict):
    channel: Channel
    name: AccountName
    unit: UnitCode
    config: Annotated[str, StringConstraints(max_length=20_000)] = "{}"  # JSON, checked against the schema
    secret_ref: Line | None = None


@command("channel add", Action.MANAGE_CHANNELS, ChannelAdd, int, ledger=True)
def channel_add(store: Store, _actor: Actor | None, r: ChannelAdd) -> int:
    from ..channels.accounts import add_account

    return store.admin(add_account, r.channel, r.name, r.unit, r.config, r.secret_ref)


@command("channel list", Action.WATCH_CHANNELS, Nothing, list[AccountHealth])
def channel_list(store: Store, actor: Actor | None, _r: Nothing) -> list[AccountHealth]:
    """Every account with its health; a supervisor sees the accounts of their units."""
    from ..channels.accounts import account_health

    found = store.read(account_health)
    codes = _visible_unit_codes(store, actor)
    return found if codes is None else [a for a in found if a.unit in codes]


# A moment the figures may be read at: within the years a complaint unit's records span, checked before it is
# turned into UTC, so that no date arithmetic on it (the offset, a week before, the local day) leaves the calendar.
FiguresMoment = Annotated[datetime, Field(ge=datetime(2000, 1, 1), le=datetime(2100, 1, 1)), AfterValidator(naive_utc)]


class OverviewQuery(Strict):
    as_of: FiguresMoment | None = None  # None: the database server's now; a fixed moment for tests and look-backs


@command("channel overview", Action.WATCH_CHANNELS, OverviewQuery, ChannelOverview)
def channel_overview(store: Store, actor: Actor | None, r: OverviewQuery) -> ChannelOverview:
    """Every account's health beside its traffic today, the citizens waiting on it and its response times
    this week (``reports/channels.py``); a supervisor sees the accounts of their units, as ``channel list``."""
    from ..reports.channels import channel_overview as overview
    from ..store.clock import server_now

    def read(conn: Connection) -> ChannelOverview:
        now = server_now(conn) if r.as_of is None else r.as_of
        return overview(conn, now, None if actor is None else actor.visible_unit_ids)

    return store.read(read)


class AccountId(Strict):
    account_id: Annotated[int, Field(ge=1, le=2**63 - 1)]


def _set_enabled(store: Store, r: AccountId, enabled: bool) -> AccountHealth:
    from ..channels.accounts import account_health
    from ..store.channel_accounts import set_enabled

    def change(conn: Any) -> AccountHealth:
        set_enabled(conn, r.account_id, enabled)
        return next(a for a in account_health(conn) if a.id == r.account_id)

    return store.admin(change)


@command("channel disable", Action.MANAGE_CHANNELS, AccountId, AccountHealth, ledger=True)
def channel_disable(store: Store, _actor: Actor | None, r: AccountId) -> AccountHealth:
    """Stop polling the account and sending through it; its waiting answers stay queued, nothing is dropped."""
    return _set_enabled(store, r, False)


@command("channel enable", Action.MANAGE_CHANNELS, AccountId, AccountHealth, ledger=True)
def channel_enable(store: Store, _actor: Actor | None, r: AccountId) -> AccountHealth:
    return _set_enabled(store, r, True)


@command("channel test", Action.MANAGE_CHANNELS, AccountId, ProbeResult)
def channel_test(store: Store, _actor: Actor | None, r: AccountId) -> ProbeResult:
    """Test the account's connection from this process — ``aduan server``, or where the command line runs — with
    the secrets it holds; the outcome goes on the account's health (``channels/probe.py``)."""
    from ..channels.probe import probe_and_record

    return probe_and_record(store, r.account_id)


class ErrorList(Strict):
    all: bool = False  # resolved ones too


@command("channel errors", Action.HANDLE_INTAKE_ERRORS, ErrorList, list[IntakeError])
def channel_errors(store: Store, _actor: Actor | None, r: ErrorList) -> list[IntakeError]:
    from ..channels.intake_errors import open_errors

    return store.read(open_errors, r.all)


class ErrorId(Strict):
    error_id: Annotated[int, Field(ge=1, le=2**63 - 1)]


@command("channel retry", Action.HANDLE_INTAKE_ERRORS, ErrorId, Received, ledger=True)
def channel_retry(store: Store, _actor: Actor | None, r: ErrorId) -> Received:
    from ..channels.intake_errors import retry_error

    return retry_error(store, r.error_id)


@command("channel dismiss", Action.HANDLE_INTAKE_ERRORS, ErrorId, None, ledger=True)
def channel_dismiss(store: Store, actor: Actor | None, r: ErrorId) -> None:
    from ..channels.intake_errors import dismiss_error

    # Recorded as the officer who decided; the owner's own tools, as the account they run under.
    dismiss_error(store, r.error_id, actor.login if actor is not None else getpass.getuser())


DispatchState = Annotated[str, StringConstraints(pattern="^(queued|sending|failed|in_doubt)$")]


class DispatchList(Strict):
    states: Annotated[list[DispatchState], Field(max_length=4)] | None = None  # None: every state not yet sent


@command("dispatch list", Action.HANDLE_DISPATCH, DispatchList, list[OutboxRow])
def dispatch_list(store: Store, _actor: Actor | None, r: DispatchList) -> list[OutboxRow]:
    from ..store.outbox import outbox_rows

    return store.read(outbox_rows, tuple(r.states)) if r.states else store.read(outbox_rows)


class OutboundId(Strict):
    outbound_id: UUID


@command("dispatch resend", Action.HANDLE_DISPATCH, OutboundId, None, ledger=True)
def dispatch_resend(store: Store, actor: Actor | None, r: OutboundId) -> None:
    from ..store.outbox import send_again

    as_officer(store, actor, send_again, r.outbound_id)


@command("dispatch confirm", Action.HANDLE_DISPATCH, OutboundId, None, ledger=True)
def dispatch_confirm(store: Store, actor: Actor | None, r: OutboundId) -> None:
    from ..store.outbox import confirm_sent

    as_officer(store, actor, confirm_sent, r.outbound_id)


# -- comments on social media (channels/meta/) -----------------------------------------------------------


class CommentList(Strict):
    limit: Annotated[int, Field(ge=1, le=500)] = 100


@command("comment list", Action.HANDLE_COMMENTS, CommentList, list[SocialComment])
def comment_list(store: Store, actor: Actor | None, r: CommentList) -> list[SocialComment]:
    """The comments not yet made tickets, newest first, flagged when they show personal data; a supervisor
    sees those of their units' accounts."""
    from ..store.social_comments import open_comments

    codes = _visible_unit_codes(store, actor)
    return store.read(open_comments, None if codes is None else frozenset(codes), r.limit)


class CommentId(Strict):
    comment_id: Annotated[int, Field(ge=1, le=2**63 - 1)]


@command("comment ticket", Action.HANDLE_COMMENTS, CommentId, Received, ledger=True)
def comment_ticket(store: Store, actor: Actor | None, r: CommentId) -> Received:
    """Make a ticket of the comment in one step (its text is the first message); a second call answers the
    same ticket. A comment of another unit's account is answered as one that does not exist."""
    from ..store.social_comments import comment_by_id, ticket_from_comment

    comment = store.read(comment_by_id, r.comment_id)
    codes = _visible_unit_codes(store, actor)
    if codes is not None and comment.unit not in codes:
        raise NotFound(f"there is no comment {r.comment_id}")
    return as_officer(store, actor, ticket_from_comment, r.comment_id)


class CommentReply(Strict):
    comment_id: Annotated[int, Field(ge=1, le=2**63 - 1)]
    text: Text  # the store gives the exact limit in words
    despite_personal_data: bool = False


@command("comment reply", Action.HANDLE_COMMENTS, CommentReply, SocialComment, ledger=True)
def comment_reply(store: Store, actor: Actor | None, r: CommentReply) -> SocialComment:
    """Answer the comment in public, under it, as the Page or account (the worker posts it once). A comment
    flagged for personal data needs ``despite_personal_data``; a comment of another unit's account is answered
    as one that does not exist."""
    from ..store.social_comments import comment_by_id, reply_in_public

    comment = store.read(comment_by_id, r.comment_id)
    codes = _visible_unit_codes(store, actor)
    if codes is not None and comment.unit not in codes:
        raise NotFound(f"there is no comment {r.comment_id}")
    return as_officer(store, actor, reply_in_public, r.comment_id, r.text, r.despite_personal_data)


class ReplySettled(Strict):
    comment_id: Annotated[int, Field(ge=1, le=2**63 - 1)]
    posted: bool


@command("comment settle", Action.HANDLE_COMMENTS, ReplySettled, SocialComment, ledger=True)
def comment_settle(store: Store, actor: Actor | None, r: ReplySettled) -> SocialComment:
    """Say whether a public reply left perhaps posted is under the comment (posted) or not (written again then)."""
    from ..store.social_comments import comment_by_id, settle_reply

    comment = store.read(comment_by_id, r.comment_id)
    codes = _visible_unit_codes(store, actor)
    if codes is not None and comment.unit not in codes:
        raise NotFound(f"there is no comment {r.comment_id}")
    return as_officer(store, actor, settle_reply, r.comment_id, r.posted)


# -- SP4N-LAPOR! ----------------------------------------------------------------------------------------


class LaporImport(Strict):
    unit: UnitCode
    filename: Line  # its extension says CSV or XLSX
    content: Annotated[str, StringConstraints(max_length=LAPOR_FILE_BYTES * 4 // 3 + 4)]  # base64
    mapping: dict[Annotated[str, StringConstraints(max_length=40)], Line] | None = None
    timezone: Annotated[str, StringConstraints(max_length=64)] = WIB  # LAPOR!'s exports show Jakarta time

    @classmethod
    def of_file(cls, unit: str, path: str, mapping: dict[str, str] | None, timezone: str) -> LaporImport:
        from pathlib import Path

        try:
            data = Path(path).read_bytes()
        except OSError as exc:
            raise BadInput(f"cannot read {path}: {exc.strerror}") from None
        if len(data) > LAPOR_FILE_BYTES:
            raise BadInput(f"{path} is larger than {LAPOR_FILE_BYTES // 2**20} MiB: split the export")
        content = base64.b64encode(data).decode("ascii")
        return cls(unit=unit, filename=Path(path).name, content=content, mapping=mapping, timezone=timezone)


@dataclass(frozen=True, slots=True)
class LaporImported:
    report: ImportReport
    missing_columns: tuple[str, ...]  # optional mapped columns the file does not have


@command("lapor import", Action.IMPORT_LAPOR, LaporImport, LaporImported)
def lapor_import(store: Store, _actor: Actor | None, r: LaporImport) -> LaporImported:
    """The file is read where the data is: the server parses what a desktop sent like any other input."""
    from ..channels.lapor import DEFAULT_EXPORT_MAPPING, parse_mapping, read_export, store_reports

    try:
        data = base64.b64decode(r.content, validate=True)
    except binascii.Error:
        raise BadInput("the LAPOR! file did not arrive whole (not base64)") from None
    mapping = parse_mapping(r.mapping, DEFAULT_EXPORT_MAPPING)
    result = read_export(data, r.filename, mapping=mapping, timezone=r.timezone)
    return LaporImported(store_reports(store, result, r.unit), result.missing_columns)


class LaporExport(Strict):
    unit: UnitCode
    since: NaiveUtc | None = None


@command("lapor export", Action.EXPORT_LAPOR, LaporExport, list[FollowUp])
def lapor_export(store: Store, actor: Actor | None, r: LaporExport) -> list[FollowUp]:
    """The follow-ups of a unit the officer sees (a supervisor: their units); the file is written locally."""
    from ..channels.lapor_followups import export_followups
    from ..store.identity import unit_id_by_code

    if actor is not None and not actor.may_see(store.read(unit_id_by_code, r.unit)):
        raise NotPermitted(f"unit {r.unit} is not one of yours")
    return store.read(export_followups, r.unit, r.since)


# -- sharing a confidential report ----------------------------------------------------------------------


class TicketShare(Strict):
    ticket: Annotated[str, StringConstraints(min_length=1, max_length=64)]  # id or tracking number
    login: Login


class TicketShares(Strict):
    ticket: Annotated[str, StringConstraints(min_length=1, max_length=64)]


def _on_ticket(reference: str, task: Callable[..., T], *args: Any) -> Callable[[Work], T]:
    """``task`` on the ticket named by id or tracking number, resolved in the same transaction."""
    from ..store.tickets import resolve_ticket_id

    return lambda work: task(work, resolve_ticket_id(work.conn, reference), *args)


@command("ticket share", Action.SHARE_TICKET, TicketShare, Share)
def ticket_share(store: Store, actor: Actor | None, r: TicketShare) -> Share:
    from ..store.sharing import share_ticket

    return as_officer(store, actor, _on_ticket(r.ticket, share_ticket, r.login))


@command("ticket unshare", Action.SHARE_TICKET, TicketShare, Share, ledger=True)
def ticket_unshare(store: Store, actor: Actor | None, r: TicketShare) -> Share:
    from ..store.sharing import unshare_ticket

    return as_officer(store, actor, _on_ticket(r.ticket, unshare_ticket, r.login))


@command("ticket shares", Action.READ_SHARES, TicketShares, list[Share])
def ticket_shares(store: Store, actor: Actor | None, r: TicketShares) -> list[Share]:
    from ..store.sharing import list_shares

    return as_officer(store, actor, _on_ticket(r.ticket, list_shares))


# -- the audit log --------------------------------------------------------------------------------------


def _read_as(store: Store, actor: Actor | None, task: Callable[..., T], *args: Any) -> T:
    """A store read that works as someone: as the officer (the store applies their scope), or as the owner."""
    if actor is not None:
        return store.view(task, *args)
    return store.read(lambda conn: task(begin(conn, None, device=store.device), *args))


TicketReference = Annotated[str, StringConstraints(min_length=1, max_length=64)]


class TicketHistory(Strict):
    ticket: TicketReference  # id or tracking number


@command("ticket history", Action.READ_HISTORY, TicketHistory, list[AuditEntry])
def ticket_history(store: Store, actor: Actor | None, r: TicketHistory) -> list[AuditEntry]:
    from ..store import audit

    return _read_as(store, actor, audit.ticket_history, r.ticket)


class AuditSearch(Strict):
    officer: Login | None = None
    ticket: TicketReference | None = None
    action: Annotated[str, StringConstraints(pattern="^[a-z_]{1,40}$")] | None = None
    since: date | None = None  # both days included, calendar days in ``timezone``
    until: date | None = None
    timezone: Annotated[str, StringConstraints(min_length=1, max_length=64)] = AUDIT_TIMEZONE
    before_id: Annotated[int, Field(ge=1, le=2**63 - 1)] | None = None
    limit: Annotated[int, Field(ge=1, le=AUDIT_PAGE)] = 50


@command("audit search", Action.SEARCH_AUDIT, AuditSearch, AuditPage)
def audit_search(store: Store, actor: Actor | None, r: AuditSearch) -> AuditPage:
    from ..store import audit

    query = audit.AuditQuery(r.officer, r.ticket, r.action, r.since, r.until, r.timezone, r.before_id, r.limit)
    return _read_as(store, actor, audit.search_events, query)


# -- citizens' data (UU PDP) ----------------------------------------------------------------------------

RetentionDays = Annotated[int, Field(ge=0, le=36_500)]


class UnitRetentionSet(Strict):
    unit: UnitCode
    identity_days: RetentionDays | Literal["keep"] | None = None  # None: unchanged; keep: no limit
    attachment_days: RetentionDays | Literal["keep"] | None = None


class UnitCodeOnly(Strict):
    unit: UnitCode | None = None  # None: every unit


@command("unit retention", Action.MANAGE_RETENTION, UnitRetentionSet, UnitRetention)
def unit_retention_set(store: Store, actor: Actor | None, r: UnitRetentionSet) -> UnitRetention:
    from ..store.retention import set_unit_retention

    return as_officer(store, actor, set_unit_retention, r.unit, r.identity_days, r.attachment_days)


@command("unit retention show", Action.READ_UNITS, UnitCodeOnly, list[UnitRetention])
def unit_retention_show(store: Store, _actor: Actor | None, r: UnitCodeOnly) -> list[UnitRetention]:
    from ..store.retention import unit_retention

    return store.read(unit_retention, r.unit)


class RetentionRun(Strict):
    dry_run: bool = False


@command("privacy apply-retention", Action.MANAGE_RETENTION, RetentionRun, RetentionReport)
def privacy_apply_retention(store: Store, actor: Actor | None, r: RetentionRun) -> RetentionReport:
    from ..store.retention import apply_retention

    return as_officer(store, actor, lambda work: apply_retention(work, dry_run=r.dry_run))


Contact = Annotated[str, StringConstraints(min_length=3, max_length=341)]  # channel ':' address (320)
TrackingNo = Annotated[str, StringConstraints(min_length=1, max_length=32)]


class ReporterNamed(Strict):
    """One of the three; the store refuses none or several."""

    contact: Contact | None = None
    reporter_id: UUID | None = None
    tracking_no: TrackingNo | None = None

    def ref(self) -> ReporterRef:
        return ReporterRef(self.contact, self.reporter_id, self.tracking_no)


class PrivacyExport(ReporterNamed):
    attachments: bool = False  # their content too (base64), for a zip


@command("privacy export", Action.EXPORT_PERSONAL_DATA, PrivacyExport, dict[str, Any])
def privacy_export(store: Store, actor: Actor | None, r: PrivacyExport) -> dict[str, Any]:
    """Read as the admin (or the owner), and audited on each ticket: a copy of a person's data left the system."""
    from ..store.privacy import export_reporter, reporter_ticket_ids

    def export(work: Work) -> dict[str, Any]:
        data = export_reporter(work.conn, r.ref(), r.attachments)
        reporter_id = UUID(data["reporter"]["id"])
        audited: list[UUID | None] = [*reporter_ticket_ids(work.conn, reporter_id)] or [None]
        for ticket_id in audited:
            work.audit("reporter_exported", ticket_id, attachments=r.attachments)
        return data

    return as_officer(store, actor, export)


class PrivacyErase(ReporterNamed):
    reason: Annotated[str, StringConstraints(min_length=1, max_length=500)]


@command("privacy erase", Action.ERASE_PERSONAL_DATA, PrivacyErase, ErasureReport, ledger=True)
def privacy_erase(store: Store, actor: Actor | None, r: PrivacyErase) -> ErasureReport:
    from ..store.privacy import erase_reporter

    return as_officer(store, actor, erase_reporter, r.ref(), r.reason)


# -- which client versions the server accepts -----------------------------------------------------------


class ClientPolicySet(Strict):
    unit: UnitCode | None = None  # None: every unit without a policy of its own
    min_version: Annotated[str, StringConstraints(min_length=1, max_length=40)]
    installer: Annotated[str, StringConstraints(min_length=1, max_length=500)]
    note: Annotated[str, StringConstraints(max_length=500)] | None = None


@command("client-policy set", Action.MANAGE_CLIENT_POLICY, ClientPolicySet, ClientPolicy)
def client_policy_set(store: Store, actor: Actor | None, r: ClientPolicySet) -> ClientPolicy:
    from ..store.client_policy import set_policy

    return as_officer(store, actor, set_policy, r.unit, r.min_version, r.installer, r.note)


@command("client-policy clear", Action.MANAGE_CLIENT_POLICY, UnitCodeOnly, bool)
def client_policy_clear(store: Store, actor: Actor | None, r: UnitCodeOnly) -> bool:
    from ..store.client_policy import clear_policy

    return as_officer(store, actor, clear_policy, r.unit)


@dataclass(frozen=True, slots=True)
class ClientPolicies:
    applies: ClientPolicy | None  # the one the asking officer's client must satisfy (None: any version)
    policies: list[ClientPolicy]  # every policy set: for admins and the owner; empty for the others


@command("client-policy show", Action.READ_CLIENT_POLICY, Nothing, ClientPolicies)
def client_policy_show(store: Store, actor: Actor | None, _r: Nothing) -> ClientPolicies:
    from ..store.client_policy import list_policies, required_for

    if actor is None:
        return ClientPolicies(None, store.read(list_policies))
    applies = store.read(required_for, actor.id)
    everything = store.read(list_policies) if actor.officer.role is Role.ADMIN else []
    return ClientPolicies(applies, everything)


# -- statistics (reports/figures.py) --------------------------------------------------------------------


class StatsQuery(Strict):
    since: date | None = None  # days of receipt, both included, local days (reports/figures.py)
    until: date | None = None
    units: Annotated[list[UnitCode], Field(max_length=50)] = []  # each with its sub-units; [] all in scope
    channel: Channel | None = None
    kind: Kind | None = None
    category: Category | None = None
    by: Literal["day", "week", "month"] = "day"  # volumes only
    split: Literal["channel", "kind", "category", "unit", "priority"] | None = None  # volumes only
    as_of: date | None = None  # backlog and service levels: as at the end of this local day; None: now


def _figures(store: Store, actor: Actor | None, r: StatsQuery, figure: Callable[..., T], rolled_up: bool = False) -> T:
    """``figure`` on the query narrowed to what the officer may see (``figures.scope_for``), in one read;
    ``rolled_up``: after bringing the daily roll-up up to date (``reports/rollup.py``)."""
    from ..reports import figures, rollup
    from ..store.clock import server_now

    wanted = figures.StatsFilter(
        r.since,
        r.until,
        tuple(r.units),
        r.channel.value if r.channel else None,
        r.kind.value if r.kind else None,
        r.category,
    )

    def read(conn: Connection) -> T:
        scope = figures.scope_for(conn, actor, wanted)
        as_of = server_now(conn) if r.as_of is None else figures.end_of_day(conn, scope, r.as_of)
        return figure(conn, scope, as_of)

    if rolled_up:
        # A short write of its own: the figure's read that follows does not hold the refreshers' turn, so the
        # window's asks on its two threads are read side by side.
        store.admin(rollup.refresh)
    return store.read(read)


@command("stats volumes", Action.READ_STATS, StatsQuery, list[VolumeRow])
def stats_volumes(store: Store, actor: Actor | None, r: StatsQuery) -> list[VolumeRow]:
    from ..reports import figures

    return _figures(
        store, actor, r, lambda conn, scope, _as_of: figures.volumes(conn, scope, r.by, r.split, True), rolled_up=True
    )


@command("stats backlog", Action.READ_STATS, StatsQuery, list[BacklogRow])
def stats_backlog(store: Store, actor: Actor | None, r: StatsQuery) -> list[BacklogRow]:
    from ..reports import figures

    return _figures(store, actor, r, figures.backlog)


@command("stats service", Action.READ_STATS, StatsQuery, list[ServiceRow])
def stats_service(store: Store, actor: Actor | None, r: StatsQuery) -> list[ServiceRow]:
    from ..reports import figures

    return _figures(
        store, actor, r, lambda conn, scope, as_of: figures.service_levels(conn, scope, as_of, True), rolled_up=True
    )


# The behaviour figures (reports/behaviour.py): the same query, the same scope; ``by``, ``split``, ``as_of`` unused.


@command("stats flows", Action.READ_STATS, StatsQuery, list[FlowRow])
def stats_flows(store: Store, actor: Actor | None, r: StatsQuery) -> list[FlowRow]:
    from ..reports import behaviour

    return _figures(store, actor, r, lambda conn, scope, _as_of: behaviour.flows(conn, scope))


@command("stats reopen", Action.READ_STATS, StatsQuery, list[ReopenRow])
def stats_reopen(store: Store, actor: Actor | None, r: StatsQuery) -> list[ReopenRow]:
    from ..reports import behaviour

    return _figures(store, actor, r, lambda conn, scope, _as_of: behaviour.reopen_rate(conn, scope))


@command("stats returning", Action.READ_STATS, StatsQuery, list[ReturningRow])
def stats_returning(store: Store, actor: Actor | None, r: StatsQuery) -> list[ReturningRow]:
    from ..reports import behaviour

    return _figures(store, actor, r, lambda conn, scope, _as_of: behaviour.returning_reporters(conn, scope))


@command("stats heatmap", Action.READ_STATS, StatsQuery, list[HeatRow])
def stats_heatmap(store: Store, actor: Actor | None, r: StatsQuery) -> list[HeatRow]:
    from ..reports import behaviour

    return _figures(store, actor, r, lambda conn, scope, _as_of: behaviour.heatmap(conn, scope))


@command("stats topics", Action.READ_STATS, StatsQuery, TopicFigures)
def stats_topics(store: Store, actor: Actor | None, r: StatsQuery) -> TopicFigures:
    """Recurring and rising topics (reports/topics.py) as of ``as_of``: this week and the eight before it,
    so ``since``/``until`` are refused there."""
    from ..reports import topics

    return _figures(store, actor, r, topics.topics)


class RecapQuery(Strict):
    units: Annotated[list[UnitCode], Field(max_length=50)] = []  # each with its sub-units; [] all in scope
    month: Annotated[str, StringConstraints(max_length=20)]  # YYYY-MM, checked by reports/recap.py parse_month


@command("stats recap", Action.READ_STATS, RecapQuery, MonthlyRecap)
def stats_recap(store: Store, actor: Actor | None, r: RecapQuery) -> MonthlyRecap:
    """The monthly recap (reports/recap.py) of the units asked, narrowed as every figure is (``scope_for``)."""
    from ..reports.recap import monthly_recap, parse_month

    return store.read(monthly_recap, actor, r.units, parse_month(r.month))
