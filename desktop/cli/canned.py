"""``aduan canned list|show|add|edit|retire|restore``: canned responses (supervisors and admins manage them)."""

from __future__ import annotations

from typing import Any

from ..domain.canned import CannedTemplate
from ..server import commands
from ..server.commands import Command
from .answers import iso
from .core import Cli, Commands, command, with_json, with_text


def register(top: Commands) -> None:
    templates = top.add_parser("canned", help="canned responses (supervisors and admins manage them)")
    template = templates.add_subparsers(dest="action", required=True)
    listing = with_json(command(template, "list", canned_list, "the newest version of each canned response"))
    listing.add_argument("--all", action="store_true", help="retired ones too")
    with_json(command(template, "show", canned_show, "every version of a canned response")).add_argument("key")
    add = with_json(command(template, "add", canned_add, "add a canned response"))
    add.add_argument("key", help="lower-case letters, digits, '_', '.', '-'")
    add.add_argument("--title", required=True)
    add.add_argument("--unit", help="code of the unit it belongs to (default: global, admins only)")
    with_text(add)
    change = with_json(command(template, "edit", canned_edit, "a new wording (a new version)"))
    change.add_argument("key")
    change.add_argument("--title", help="a new title (default: keep it)")
    with_text(change)
    for name, handler, help_text in (
        ("retire", canned_retire, "stop offering a canned response"),
        ("restore", canned_restore, "offer a retired canned response again"),
    ):
        with_json(command(template, name, handler, help_text)).add_argument("key")


def canned_json(t: CannedTemplate) -> dict[str, Any]:
    """The stable keys of one version of a canned response in ``--json`` output."""
    return {
        "key": t.key,
        "version": t.version,
        "unit": t.unit_code,  # None: global
        "title": t.title,
        "text": t.body,
        "active": t.active,
        "author": t.author,
        "created_at": iso(t.created_at),
    }


def canned_line(t: CannedTemplate) -> str:
    state = "active" if t.active else "retired"
    return f"{t.key:<28} v{t.version:<4} {t.unit_code or 'global':<12} {state:<8} {t.title}"


def canned_list(cli: Cli) -> None:
    found = cli.call(commands.canned_list, commands.CannedList(all=cli.args.all))
    cli.emit([canned_json(t) for t in found], "\n".join(canned_line(t) for t in found) or "no canned responses")


def canned_show(cli: Cli) -> None:
    versions = cli.call(commands.canned_show, commands.CannedKey(key=cli.args.key))
    newest = versions[-1]
    lines = [canned_line(newest)]
    for v in reversed(versions):
        lines.append(f"  v{v.version} {iso(v.created_at)} {v.author or 'admin'}: {v.title}")
        lines += [f"    {line}" for line in v.body.splitlines()]
    data = {
        "key": newest.key,
        "unit": newest.unit_code,
        "active": newest.active,
        "version": newest.version,
        "versions": [canned_json(v) for v in versions],
    }
    cli.emit(data, "\n".join(lines))


def canned_add(cli: Cli) -> None:
    key = cli.args.key
    request = commands.CannedAdd(key=key, title=cli.args.title, text=cli.text(), unit=cli.args.unit)
    version = cli.call(commands.canned_add, request)
    cli.emit({"key": key, "version": version}, f"canned response {key} added (version {version})")


def canned_edit(cli: Cli) -> None:
    key = cli.args.key
    version = cli.call(commands.canned_edit, commands.CannedEdit(key=key, title=cli.args.title, text=cli.text()))
    cli.emit({"key": key, "version": version}, f"canned response {key} is now version {version}")


def canned_retire(cli: Cli) -> None:
    _set_active(cli, commands.canned_retire)


def canned_restore(cli: Cli) -> None:
    _set_active(cli, commands.canned_restore)


def _set_active(cli: Cli, cmd: Command[commands.CannedKey, CannedTemplate]) -> None:
    newest = cli.call(cmd, commands.CannedKey(key=cli.args.key))
    state = "restored: offered again" if newest.active else "retired: no longer offered"
    cli.emit(canned_json(newest), f"canned response {newest.key} (version {newest.version}) {state}")
