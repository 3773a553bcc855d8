"""``aduan privacy export|erase|apply-retention`` (admins): a citizen's data request, and the retention periods
applied now. The retention periods themselves are set per unit: ``aduan unit retention`` (people.py)."""

from __future__ import annotations

import argparse
import base64
import json
import zipfile
from pathlib import Path
from typing import Any
from uuid import UUID

from ..domain.errors import BadInput
from ..server import commands
from .core import Cli, Commands, command, with_json


def register(top: Commands) -> None:
    privacy = top.add_parser("privacy", help="citizens' data (UU PDP)").add_subparsers(dest="action", required=True)
    export = with_json(command(privacy, "export", privacy_export, "export everything held about one reporter"))
    _reporter_named(export)
    export.add_argument("--out", required=True, metavar="FILE", help="FILE.json, or FILE.zip with --attachments")
    export.add_argument("--attachments", action="store_true", help="the attachments' content too, as files in a zip")
    erase = with_json(command(privacy, "erase", privacy_erase, "erase one reporter's personal data on request"))
    _reporter_named(erase)
    erase.add_argument("--reason", required=True, help="why (e.g. the request's letter number); audited")
    retention = with_json(
        command(privacy, "apply-retention", privacy_apply_retention, "apply the units' retention periods now")
    )
    retention.add_argument("--dry-run", action="store_true", help="only say what would be done")


def _reporter_named(sub: argparse.ArgumentParser) -> None:
    which = sub.add_mutually_exclusive_group(required=True)
    which.add_argument("--contact", metavar="CHANNEL:ADDRESS", help="e.g. email:warga@example.com")
    which.add_argument("--reporter", type=UUID, metavar="ID", help="the reporter's id")
    which.add_argument("--ticket", metavar="TRACKING_NO", help="a ticket of the reporter")


def _named(cli: Cli) -> dict[str, Any]:
    a = cli.args
    return {"contact": a.contact, "reporter_id": a.reporter, "tracking_no": a.ticket}


def privacy_export(cli: Cli) -> None:
    out = Path(cli.args.out)
    zipped = out.suffix.lower() == ".zip"
    if cli.args.attachments != zipped:
        raise BadInput("--attachments writes a .zip (the data and the files); without it, --out is a .json file")
    data = cli.call(commands.privacy_export, commands.PrivacyExport(attachments=zipped, **_named(cli)))
    files = _take_contents(data) if zipped else {}
    try:
        if zipped:
            with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
                archive.writestr("data.json", json.dumps(data, ensure_ascii=False, indent=2))
                for name, content in files.items():
                    archive.writestr(name, content)
        else:
            out.write_text(json.dumps(data, ensure_ascii=False, indent=2), "utf-8")
    except OSError as exc:
        raise BadInput(f"cannot write {out}: {exc.strerror}") from None
    tickets = len(data["tickets"])
    summary = {"out": str(out), "reporter_id": data["reporter"]["id"], "tickets": tickets, "files": len(files)}
    cli.emit(summary, f"exported {tickets} report(s) of reporter {data['reporter']['id']} to {out}")


def _take_contents(data: dict[str, Any]) -> dict[str, bytes]:
    """The attachments' bytes out of the JSON, as files named by the attachment's id (never by a name the
    citizen chose, which may hold a path); the JSON says which file each one is."""
    files: dict[str, bytes] = {}
    for ticket in data["tickets"]:
        for item in ticket["attachments"]:
            content = item.pop("content_base64", None)
            if content is not None:
                suffix = Path(str(item["filename"])).suffix
                name = f"attachments/{item['id']}{suffix if suffix.isascii() and len(suffix) <= 9 else ''}"
                files[name] = base64.b64decode(content)
                item["file"] = name
    return files


def privacy_erase(cli: Cli) -> None:
    done = cli.call(commands.privacy_erase, commands.PrivacyErase(reason=cli.args.reason, **_named(cli)))
    data = {
        "reporter_id": str(done.reporter_id),
        "tickets": list(done.tickets),
        "messages": done.messages,
        "attachments": done.attachments,
        "contacts": done.contacts,
        "quotes": done.quotes,
        "intake_errors": done.intake_errors,
        "answers_stopped": done.answers_stopped,
        "comments": done.comments,
        "already_erased": done.already_erased,
    }
    cli.emit(
        data,
        f"reporter {done.reporter_id} erased: {len(done.tickets)} report(s) keep their numbers and history; "
        f"{done.messages} message(s), {done.attachments} attachment(s), {done.contacts} contact(s) erased",
    )


def privacy_apply_retention(cli: Cli) -> None:
    done = cli.call(commands.privacy_apply_retention, commands.RetentionRun(dry_run=cli.args.dry_run))
    data = {
        "dry_run": done.dry_run,
        "identities": done.identities,
        "identity_tickets": list(done.identity_tickets),
        "attachments": done.attachments,
        "attachment_tickets": list(done.attachment_tickets),
        "comments": done.comments,
    }
    verb = "would anonymise" if done.dry_run else "anonymised"
    purge = "would purge" if done.dry_run else "purged"
    cli.emit(data, f"{verb} {done.identities} reporter(s); {purge} {done.attachments} attachment(s)")
