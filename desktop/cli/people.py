"""``aduan unit add|set|list|retention`` and ``aduan officer add|set|list|reset-password|disable|enable``: the
organisation."""

from __future__ import annotations

import argparse
from typing import Any, Literal

from ..domain.entities import Officer, Unit
from ..domain.errors import BadInput
from ..domain.vocabulary import Role
from ..server import commands
from ..server.commands import Command
from ..store.retention import UnitRetention
from .core import Cli, Commands, command, with_json


def register(top: Commands) -> None:
    units = top.add_parser("unit", help="units").add_subparsers(dest="action", required=True)
    add = with_json(command(units, "add", unit_add, "add a unit"))
    add.add_argument("code")
    add.add_argument("--name", required=True)
    add.add_argument("--parent", help="code of the parent unit")
    add.add_argument("--lease-hours", type=float, help="claim lease length (default 4)")
    change = with_json(command(units, "set", unit_set, "rename a unit, move it or change its claim lease"))
    change.add_argument("code", help="the unit (its code stays)")
    change.add_argument("--name", help="its new name")
    place = change.add_mutually_exclusive_group()
    place.add_argument("--parent", help="code of the unit it becomes part of")
    place.add_argument("--top", action="store_true", help="make it a top-level unit (part of no other)")
    change.add_argument("--lease-hours", type=float, help="claim lease length (1 minute to 168 hours)")
    with_json(command(units, "list", unit_list, "list units"))
    retention = with_json(
        command(units, "retention", unit_retention, "show or set how long a unit keeps citizens' data (UU PDP)")
    )
    retention.add_argument("code", nargs="?", help="the unit (to show: omit for every unit)")
    retention.add_argument("--identity-days", type=_period, metavar="N|keep", help="anonymise reporters N days after")
    retention.add_argument("--attachment-days", type=_period, metavar="M|keep", help="purge attachments M days after")
    retention.add_argument("--keep", action="store_true", help="keep both (no limit)")

    officers = top.add_parser("officer", help="officers").add_subparsers(dest="action", required=True)
    add = with_json(command(officers, "add", officer_add, "add an officer (and their password for the Aduan server)"))
    add.add_argument("login")
    add.add_argument("--name", required=True)
    add.add_argument("--unit", action="append", required=True, help="unit code; repeat for several units")
    add.add_argument("--role", choices=[r.value for r in Role], default=Role.OFFICER.value)
    add.add_argument("--password-stdin", action="store_true", help="read the password for the Aduan server from stdin")
    change = with_json(command(officers, "set", officer_set, "rename an officer, change their role or their units"))
    change.add_argument("login", help="the officer (their login stays)")
    change.add_argument("--name", help="their new name")
    change.add_argument("--role", choices=[r.value for r in Role], help="their new role")
    change.add_argument(
        "--unit", action="extend", nargs="+", metavar="U", help="their units from now on (replaces them all)"
    )
    with_json(command(officers, "list", officer_list, "list officers"))
    reset = with_json(command(officers, "reset-password", officer_reset_password, "set an officer's server password"))
    reset.add_argument("login")
    reset.add_argument("--password-stdin", action="store_true", help="read the password from stdin (default: generate)")
    for name, handler, help_text in (
        ("disable", officer_disable, "deactivate an officer and end their sessions"),
        ("enable", officer_enable, "activate an officer again"),
    ):
        with_json(command(officers, name, handler, help_text)).add_argument("login")


def officer_json(o: Officer) -> dict[str, Any]:
    return {"login": o.login, "name": o.name, "role": o.role.value, "units": list(o.unit_codes), "active": o.active}


def unit_json(u: Unit) -> dict[str, Any]:
    return {
        "code": u.code,
        "name": u.name,
        "parent_id": u.parent_id,
        "lease_seconds": u.lease_seconds,
        "identity_retention_days": u.identity_retention_days,  # None: kept
        "attachment_retention_days": u.attachment_retention_days,
    }


def _period(value: str) -> int | str:
    if value == "keep":
        return value
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError("a number of days or keep") from None


def retention_json(r: UnitRetention) -> dict[str, Any]:
    return {"unit": r.unit, "identity_days": r.identity_days, "attachment_days": r.attachment_days}


def unit_retention(cli: Cli) -> None:
    """After a report closed: N days until its reporter is anonymised (once all their reports are past their
    unit's period), M days until its attachments' content is purged; keep: no limit."""
    a = cli.args
    identity: int | Literal["keep"] | None = "keep" if a.keep else a.identity_days
    attachments: int | Literal["keep"] | None = "keep" if a.keep else a.attachment_days
    if a.keep and (a.identity_days is not None or a.attachment_days is not None):
        raise BadInput("--keep keeps both: give it alone")
    if identity is None and attachments is None:
        shown = cli.call(commands.unit_retention_show, commands.UnitCodeOnly(unit=a.code))
        lines = [
            f"{r.unit:<14} identity {_days(r.identity_days)}, attachments {_days(r.attachment_days)}" for r in shown
        ]
        cli.emit([retention_json(r) for r in shown], "\n".join(lines))
        return
    if a.code is None:
        raise BadInput("name the unit whose retention to set")
    request = commands.UnitRetentionSet(unit=a.code, identity_days=identity, attachment_days=attachments)
    done = cli.call(commands.unit_retention_set, request)
    text = f"unit {done.unit}: identity {_days(done.identity_days)}, attachments {_days(done.attachment_days)}"
    cli.emit(retention_json(done), text)


def _days(days: int | None) -> str:
    return "kept" if days is None else f"{days} days after closing"


def unit_add(cli: Cli) -> None:
    lease = None if cli.args.lease_hours is None else int(cli.args.lease_hours * 3600)
    a = cli.args
    request = commands.UnitAdd(code=a.code, name=a.name, parent=a.parent, lease_seconds=lease)
    added = cli.call(commands.unit_add, request)
    cli.emit(unit_json(added), f"unit {added.code} added")


def unit_set(cli: Cli) -> None:
    """Only what is given changes. Claims that a move takes out of their holders' reach (a supervisor above the
    unit's old place) end, and are named."""
    a = cli.args
    if a.name is None and a.parent is None and not a.top and a.lease_hours is None:
        raise BadInput("nothing to change: give --name, --parent or --top, or --lease-hours")
    lease = None if a.lease_hours is None else round(a.lease_hours * 3600)
    request = commands.UnitSet(code=a.code, name=a.name, parent=a.parent, top=a.top, lease_seconds=lease)
    changed = cli.call(commands.unit_set, request)
    text = f"unit {changed.unit.code} changed" + _claims_ended(changed.claims_ended)
    cli.emit(unit_json(changed.unit) | {"claims_ended": list(changed.claims_ended)}, text)


def _claims_ended(tracking_nos: tuple[str, ...]) -> str:
    if not tracking_nos:
        return ""
    return f"; the claim on {len(tracking_nos)} report(s) out of the holder's reach ended: {', '.join(tracking_nos)}"


def unit_list(cli: Cli) -> None:
    units = cli.call(commands.unit_list, commands.Nothing())
    cli.emit([unit_json(u) for u in units], "\n".join(f"{u.code:<14} {u.name}" for u in units))


def officer_add(cli: Cli) -> None:
    a = cli.args
    request = commands.OfficerAdd(
        login=a.login, name=a.name, units=a.unit, role=Role(a.role), password=cli.password_from_stdin()
    )
    added = cli.call(commands.officer_add, request)
    officer, generated = added.officer, added.password
    data = officer_json(officer) | ({"password": generated} if generated else {})
    text = f"officer {officer.login} added ({officer.role.value}; units {', '.join(officer.unit_codes)})"
    if generated:
        text += f"\npassword for the Aduan server for {officer.login}, shown once: {generated}"
    cli.emit(data, text)


def officer_set(cli: Cli) -> None:
    """Only what is given changes; ``--unit`` replaces the officer's units. Their claims on reports they can no
    longer reach (in a unit they left, or below one they no longer supervise) end, and are named."""
    a = cli.args
    if a.name is None and a.role is None and a.unit is None:
        raise BadInput("nothing to change: give --name, --role or --unit")
    role = None if a.role is None else Role(a.role)
    request = commands.OfficerSet(login=a.login, name=a.name, role=role, units=a.unit)
    changed = cli.call(commands.officer_set, request)
    officer = changed.officer
    text = f"officer {officer.login} changed ({officer.role.value}; units {', '.join(officer.unit_codes)})"
    cli.emit(
        officer_json(officer) | {"claims_ended": list(changed.claims_ended)}, text + _claims_ended(changed.claims_ended)
    )


def officer_reset_password(cli: Cli) -> None:
    """An admin sets an officer's password for `aduan server` (generated unless read from stdin); every
    session of the officer ends."""
    login = cli.args.login
    request = commands.OfficerPassword(login=login, password=cli.password_from_stdin())
    generated = cli.call(commands.officer_reset_password, request)
    data: dict[str, Any] = {"login": login} | ({"password": generated} if generated else {})
    text = f"server password of {login} reset; their sessions ended"
    if generated:
        text += f"\npassword for {login}, shown once: {generated}"
    cli.emit(data, text)


def _set_active(cli: Cli, cmd: Command[commands.OfficerLogin, commands.OfficerState]) -> None:
    changed = cli.call(cmd, commands.OfficerLogin(login=cli.args.login))
    officer, ended = changed.officer, changed.sessions_ended
    text = f"officer {officer.login} {'enabled' if officer.active else 'disabled'}"
    if not officer.active:
        text += f" ({ended} session{'' if ended == 1 else 's'} ended)"
    cli.emit(officer_json(officer) | {"sessions_ended": ended}, text)


def officer_disable(cli: Cli) -> None:
    _set_active(cli, commands.officer_disable)


def officer_enable(cli: Cli) -> None:
    _set_active(cli, commands.officer_enable)


def officer_list(cli: Cli) -> None:
    officers = cli.call(commands.officer_list, commands.Nothing())
    cli.emit(
        [officer_json(o) for o in officers],
        "\n".join(f"{o.login:<24} {o.role.value:<11} {','.join(o.unit_codes):<20} {o.name}" for o in officers),
    )
