"""``aduan unit add|list`` and ``aduan officer add|list|reset-password|disable|enable``: the organisation."""

from __future__ import annotations

from typing import Any

from ..domain.entities import Officer, Unit
from ..domain.vocabulary import Role
from ..server import commands
from ..server.commands import Command
from .core import Cli, Commands, command, with_json


def register(top: Commands) -> None:
    units = top.add_parser("unit", help="units").add_subparsers(dest="action", required=True)
    add = with_json(command(units, "add", unit_add, "add a unit"))
    add.add_argument("code")
    add.add_argument("--name", required=True)
    add.add_argument("--parent", help="code of the parent unit")
    add.add_argument("--lease-hours", type=float, help="claim lease length (default 4)")
    with_json(command(units, "list", unit_list, "list units"))

    officers = top.add_parser("officer", help="officers").add_subparsers(dest="action", required=True)
    add = with_json(command(officers, "add", officer_add, "add an officer (and their password for the Aduan server)"))
    add.add_argument("login")
    add.add_argument("--name", required=True)
    add.add_argument("--unit", action="append", required=True, help="unit code; repeat for several units")
    add.add_argument("--role", choices=[r.value for r in Role], default=Role.OFFICER.value)
    add.add_argument("--password-stdin", action="store_true", help="read the password for the Aduan server from stdin")
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
    return {"code": u.code, "name": u.name, "parent_id": u.parent_id, "lease_seconds": u.lease_seconds}


def unit_add(cli: Cli) -> None:
    lease = None if cli.args.lease_hours is None else int(cli.args.lease_hours * 3600)
    a = cli.args
    request = commands.UnitAdd(code=a.code, name=a.name, parent=a.parent, lease_seconds=lease)
    added = cli.call(commands.unit_add, request)
    cli.emit(unit_json(added), f"unit {added.code} added")


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
