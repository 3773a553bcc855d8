"""``aduan client-policy set|clear|show``: which Aduan versions the server accepts, and where the installer is.

Admins set it (for every unit, or for one unit and the units under it); every officer can see the one that
applies to them. An officer whose client is older is refused by the server with the link, and their queued
work waits on their computer until they update.
"""

from __future__ import annotations

from typing import Any

from ..domain.client_release import ClientPolicy
from ..server import commands
from .core import Cli, Commands, command, with_json


def register(top: Commands) -> None:
    policy = top.add_parser("client-policy", help="which Aduan versions the server accepts (admins set it)")
    actions = policy.add_subparsers(dest="action", required=True)
    set_ = with_json(command(actions, "set", client_policy_set, "set the lowest accepted version and the installer"))
    set_.add_argument("--unit", help="the unit (and the units under it) it applies to; default: every unit")
    set_.add_argument("--min-version", required=True, help="the lowest version accepted, e.g. 0.2.0")
    set_.add_argument(
        "--installer",
        required=True,
        metavar="URL|PATH",
        help=r"where officers get it: https://… or a share path such as \\fileserver\aduan\aduan-0.2.0.exe",
    )
    set_.add_argument("--note", help="a line officers are shown with the link (e.g. who to call)")
    clear = with_json(command(actions, "clear", client_policy_clear, "remove a policy (a unit follows its parent's)"))
    clear.add_argument("--unit", help="the unit whose own policy to remove; default: the one for every unit")
    with_json(command(actions, "show", client_policy_show, "the policy that applies to you (admins: every one)"))


def policy_json(p: ClientPolicy | None) -> dict[str, Any] | None:
    if p is None:
        return None
    return {"unit": p.unit, "min_version": p.min_version, "installer": p.installer, "note": p.note}


def _line(p: ClientPolicy) -> str:
    where = p.unit if p.unit is not None else "every unit"
    return f"{where}: {p.min_version} or newer, from {p.installer}" + (f" ({p.note})" if p.note else "")


def client_policy_set(cli: Cli) -> None:
    a = cli.args
    request = commands.ClientPolicySet(unit=a.unit, min_version=a.min_version, installer=a.installer, note=a.note)
    done = cli.call(commands.client_policy_set, request)
    cli.emit(policy_json(done), f"client policy set: {_line(done)}")


def client_policy_clear(cli: Cli) -> None:
    unit = cli.args.unit
    removed = cli.call(commands.client_policy_clear, commands.UnitCodeOnly(unit=unit))
    where = f"unit {unit}" if unit else "every unit"
    text = f"client policy of {where} removed" if removed else f"{where} had no client policy of its own"
    cli.emit({"unit": unit, "removed": removed}, text)


def client_policy_show(cli: Cli) -> None:
    shown = cli.call(commands.client_policy_show, commands.Nothing())
    lines = [f"applies to you: {_line(shown.applies)}"] if shown.applies else []
    lines += [_line(p) for p in shown.policies] or ([] if lines else ["every version of Aduan is accepted"])
    data = {"applies": policy_json(shown.applies), "policies": [policy_json(p) for p in shown.policies]}
    cli.emit(data, "\n".join(lines))
