"""``aduan sla sweep|policy|calendar|day-off``: working calendars, service levels and escalation."""

from __future__ import annotations

from datetime import date

from ..domain.errors import BadInput
from ..domain.vocabulary import Kind
from ..server import commands
from ..store.sla import policy_line
from .core import Cli, Commands, command, with_json


def register(top: Commands) -> None:
    service = top.add_parser("sla", help="working calendars, service levels, escalation")
    service_commands = service.add_subparsers(dest="group", required=True)
    with_json(command(service_commands, "sweep", sla_sweep, "escalate breaches; close silent reporters' reports"))
    policy = service_commands.add_parser("policy", help="service-level policies").add_subparsers(
        dest="action", required=True
    )
    setting = with_json(command(policy, "set", sla_policy_set, "create or replace the policy for a scope"))
    setting.add_argument("--unit", help="unit code (default: every unit)")
    setting.add_argument("--kind", choices=[k.value for k in Kind])
    setting.add_argument("--category")
    setting.add_argument("--priority", help="rendah, sedang, tinggi, darurat or 1-4")
    for flag, default in (("--verify", 3), ("--follow-up", 5), ("--reporter-wait", 10)):
        setting.add_argument(flag, type=int, default=default, metavar="WORKING_DAYS")
    setting.add_argument("--resolution", type=int, default=60, metavar="DAYS")
    setting.add_argument("--warn-percent", type=int, default=75)
    setting.add_argument("--restart-on-transfer", action="store_true")
    with_json(command(policy, "list", sla_policy_list, "list the policies"))
    command(policy, "remove", sla_policy_remove, "remove a policy").add_argument("id", type=int)
    calendar_cmd = service_commands.add_parser("calendar", help="working calendars").add_subparsers(
        dest="action", required=True
    )
    cal = with_json(command(calendar_cmd, "set", sla_calendar_set, "set a unit's working hours and weekend"))
    cal.add_argument("--unit", help="unit code (default: every unit without its own)")
    cal.add_argument("--timezone", default="Asia/Jakarta", help="Asia/Jakarta (WIB), Asia/Makassar, Asia/Jayapura")
    cal.add_argument("--hours", default="08:00-16:00")
    cal.add_argument("--weekend", default="5,6", help="days off each week, 0 = Monday … 6 = Sunday")
    cal.add_argument("--no-national-holidays", action="store_true")
    day_off = service_commands.add_parser("day-off", help="a unit's own days off").add_subparsers(
        dest="action", required=True
    )
    for name, help_text in (("add", "add a day off"), ("remove", "work on a day again")):
        sub = with_json(command(day_off, name, sla_day_off, help_text))
        sub.add_argument("day", help="YYYY-MM-DD")
        if name == "add":
            sub.add_argument("name", help="e.g. 'HUT Kabupaten'")
        sub.add_argument("--unit", help="unit code (default: every unit)")


def sla_sweep(cli: Cli) -> None:
    done = cli.call(commands.sla_sweep, commands.Nothing())
    lines = [f"escalated {no} ({clock})" for no, clock in done.escalated]
    lines += [f"closed {no}: the reporter did not answer in time" for no in done.closed]
    cli.emit(
        {"escalated": [{"tracking_no": n, "clock": c} for n, c in done.escalated], "closed": done.closed},
        "\n".join(lines) or "nothing due",
    )


def sla_policy_set(cli: Cli) -> None:
    a = cli.args
    request = commands.PolicySet(
        unit=a.unit,
        kind=Kind(a.kind) if a.kind else None,
        category=a.category,
        priority=a.priority,
        verify=a.verify,
        follow_up=a.follow_up,
        reporter_wait=a.reporter_wait,
        resolution=a.resolution,
        warn_percent=a.warn_percent,
        restart_on_transfer=a.restart_on_transfer,
    )
    policy_id = cli.call(commands.sla_policy_set, request)
    cli.emit({"id": policy_id}, f"service-level policy {policy_id} saved")


def sla_policy_list(cli: Cli) -> None:
    rows = cli.call(commands.sla_policy_list, commands.Nothing())
    cli.emit(rows, "\n".join(policy_line(r) for r in rows) or "no policies: SP4N-LAPOR! defaults apply")


def sla_policy_remove(cli: Cli) -> None:
    cli.call(commands.sla_policy_remove, commands.PolicyId(id=cli.args.id))
    cli.emit({"id": cli.args.id}, f"service-level policy {cli.args.id} removed")


def sla_calendar_set(cli: Cli) -> None:
    a = cli.args
    request = commands.CalendarSet(
        unit=a.unit,
        timezone=a.timezone,
        hours=a.hours,
        weekend=a.weekend,
        national_holidays=not a.no_national_holidays,
    )
    calendar_id = cli.call(commands.sla_calendar_set, request)
    cli.emit({"id": calendar_id}, f"working calendar of {a.unit or 'every unit'} saved")


def sla_day_off(cli: Cli) -> None:
    a = cli.args
    try:
        day = date.fromisoformat(a.day)
    except ValueError:
        raise BadInput(f"{a.day!r} is not a date: write it as YYYY-MM-DD") from None
    name = a.name if a.action == "add" else None
    cli.call(commands.sla_day_off, commands.DayOff(day=day, name=name, unit=a.unit))
    said = "is a day off" if name else "is worked"
    cli.emit({"day": day.isoformat(), "name": name}, f"{day.isoformat()} {said}")
