"""The audit log as people read it: one entry per event the store wrote (``Work.audit``), its action code
and the detail fields that may be shown.

The domain carries codes, never words: the command line and the window each turn an entry into a sentence
(in English, or translated). Only the fields listed for an action leave the server, so that nothing a
future caller of ``Work.audit`` adds (a text, an address) is shown or exported without a decision here;
no action records the text of a message or a note, only its id and length.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import IO, Any
from uuid import UUID
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from .errors import BadInput
from .spreadsheet import spreadsheet_safe
from .translatable import QT_TRANSLATE_NOOP

# Every action the store writes, with the detail fields shown for it (the rest of the stored detail stays
# in the database). A test reads ``desktop/store`` and ``desktop/channels`` and fails on an action missing here.
AUDIT_FIELDS: Mapping[str, tuple[str, ...]] = {
    # a report and its claim
    "create": ("channel", "unit"),
    "claim": ("expires_at",),
    "renew": ("expires_at",),
    "release": (),
    "steal": ("previous_holder", "reason"),
    "assign": ("assignee", "previous_holder"),  # a supervisor's assignment (store/assignment.py)
    # handling
    "reply": ("message_id", "chars", "canned"),
    "note": ("note_id", "mentions"),
    "status": ("old", "new", "comment"),
    "set_priority": ("old_priority", "new_priority"),
    "set_category": ("old_category", "new_category"),
    "set_kind": ("old_kind", "new_kind"),
    "transfer": ("from_unit", "to_unit", "reason"),
    "return_for_disposition": ("old", "from_unit", "to_unit", "reason"),
    "scans_attached": ("files", "bytes"),
    "auto_close": ("reason",),
    "escalate": ("clock",),
    # the citizen's side and dispatch
    "message_in": ("channel", "message_id"),
    "acknowledged": ("message_id",),
    "reporter_answered": ("message_id",),
    "status_request": ("channel", "asked", "outcome", "message_id"),  # store/self_service.py
    "intake_repaired": ("problems",),
    "intake_retried": ("intake_error",),
    "send_failed": ("message_id", "error"),
    "send_again": ("message_id",),
    "send_confirmed": ("message_id",),
    # work across units
    "refer": ("to_unit", "referral_id", "chars"),
    "answer_referral": ("referral_id", "chars"),
    "discuss": ("unit", "discussion_id"),
    "post": ("discussion_id",),
    "handover": ("kind", "item_id", "reason"),
    "resolve_handover": ("kind", "item_id", "accepted"),
    # duplicates
    "link": ("master",),
    "unlink": (),
    "merged": ("master", "old"),
    "duplicate_linked": ("duplicate",),
    "duplicate_unlinked": ("duplicate",),
    "duplicate_merged": ("duplicate",),
    "bulk_answer": ("canned_key", "canned_version", "replies", "handed_over"),
    # the unit's rules (no ticket)
    "canned_retire": ("key", "version"),
    "canned_restore": ("key", "version"),
    "calendar": ("unit", "timezone"),
    "day_off": ("unit", "day", "name"),
    "sla_policy": ("unit", "policy_id"),
    "sla_policy_removed": ("policy_id",),
    "retention_set": ("unit", "identity_days", "attachment_days"),
    # the organisation (no ticket; the claims a change ends are on their tickets): new values of what changed
    "unit_changed": ("unit", "name", "parent", "top", "lease_seconds", "claims_ended"),
    "officer_changed": ("officer", "name", "role", "units", "claims_ended"),
    "holder_left": ("previous_holder", "unit"),
    # deployment: which client versions the server accepts ("*": every unit)
    "client_policy_set": ("unit", "min_version", "installer"),
    "client_policy_cleared": ("unit",),
    # citizens' data (UU PDP): counts and the officer's reason (scrubbed of the reporter's values), never a value
    "reporter_exported": ("attachments",),
    "reporter_erased": (
        "reason",
        "messages",
        "attachments",
        "contacts",
        "quotes",
        "intake_errors",
        "answers_stopped",
        "comments",
    ),
    "identity_anonymised": ("contacts", "external_ids", "quotes", "intake_errors"),
    "attachments_purged": ("attachments",),
    "comments_deleted": ("comments",),
    "comment_replied": ("comment_id", "account", "length"),
    "comment_reply_settled": ("comment_id", "posted"),
    # confidential reports: the officer (a login) let in or out
    "share": ("officer",),
    "unshare": ("officer",),
}
AUDIT_ACTIONS = tuple(sorted(AUDIT_FIELDS))

DEFAULT_TIMEZONE = "Asia/Jakarta"  # WIB, the calendars' default: a period's days are read in it unless told
MAX_PAGE = 500


@dataclass(frozen=True, slots=True)
class AuditEntry:
    id: int
    ticket_id: UUID | None  # None: a change to a unit's rules
    tracking_no: str | None
    officer: str | None  # login; None: the intake worker or dispatch, acting for a channel
    action: str
    claim_token: int | None  # the claim the change was made under
    online: bool  # False: made offline on ``device`` and pushed by sync later
    device: str | None
    detail: dict[str, Any]  # only the fields of ``AUDIT_FIELDS[action]``
    created_at: datetime  # naive UTC, the database server's clock


@dataclass(frozen=True, slots=True)
class AuditPage:
    """Newest first; ``next_before`` continues with older entries (keyset on the id), None at the end."""

    entries: tuple[AuditEntry, ...]
    next_before: int | None


# Fields a person typed or that came from outside (a reason, a file's name, a channel's error): on a
# confidential report they are content, withheld from whoever may not read it.
TEXT_FIELDS = frozenset({"reason", "files", "problems", "error", "comment", "old_category", "new_category"})


def shown_detail(action: str, stored: Mapping[str, Any], with_text: bool = True) -> dict[str, Any]:
    """The fields of an event's stored detail that may be shown (none for an action not listed), without
    ``TEXT_FIELDS`` unless ``with_text``."""
    return {
        name: stored[name]
        for name in AUDIT_FIELDS.get(action, ())
        if stored.get(name) is not None and (with_text or name not in TEXT_FIELDS)
    }


def checked_action(action: str) -> str:
    if action not in AUDIT_FIELDS:
        raise BadInput(f"unknown kind of event {action!r}; known: {', '.join(AUDIT_ACTIONS)}")
    return action


def period_bounds(since: date | None, until: date | None, timezone: str) -> tuple[datetime | None, datetime | None]:
    """The period from ``since`` to ``until``, both days included, as naive-UTC bounds [start, end): the days
    are calendar days in ``timezone`` (an IANA name such as Asia/Jakarta or UTC)."""
    try:
        zone = ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise BadInput(f"unknown time zone {timezone!r} (give an IANA name such as Asia/Jakarta or UTC)") from None
    if since is not None and until is not None and until < since:
        raise BadInput(f"the period ends ({until}) before it starts ({since})")

    def utc_midnight(day: date) -> datetime:
        local = datetime.combine(day, time(0), tzinfo=zone)
        return local.astimezone(ZoneInfo("UTC")).replace(tzinfo=None)

    start = None if since is None else utc_midnight(since)
    end = None if until is None else utc_midnight(until + timedelta(days=1))
    return start, end


# -- in words ---------------------------------------------------------------------------------------------

# Shown after the sentence when present, each in its own words, unless the sentence already names it.
SUFFIX_FIELDS = ("reason", "mentions", "canned", "comment")
_PLACEHOLDER = re.compile(r"\{([a-z_]+)\}")


def plain_value(_field: str, value: Any) -> str:
    """A detail value as text: a list joined by commas, anything else as written."""
    if _field in ("old_category", "new_category") and not value:
        return "(none)"  # recorded as "" when the report had no category
    if isinstance(value, list | tuple):
        return ", ".join(str(v) for v in value)
    return str(value)


def describe(
    entry: AuditEntry,
    sentences: Mapping[str, str],
    suffixes: Mapping[str, str],
    unknown: str,
    value_text: Callable[[str, Any], str] = plain_value,
) -> str:
    """An entry in words: ``sentences[action]`` with its ``{field}`` placeholders filled from the detail
    (a missing one as "?"), then the ``suffixes`` of the optional fields it has; an action with no sentence
    reads ``unknown`` with ``{action}``. The caller gives the words (English, or translated) and how values
    read (a status code as its name); the text is filled by name only, so no translation can run code."""
    values = {name: value_text(name, value) for name, value in entry.detail.items()}
    values.setdefault("action", entry.action)
    template = sentences.get(entry.action, unknown)
    text = _fill(template, values)
    for name in SUFFIX_FIELDS:
        if values.get(name) and "{" + name + "}" not in template:
            text += _fill(suffixes[name], values)
    return text


def _fill(template: str, values: Mapping[str, str]) -> str:
    return _PLACEHOLDER.sub(lambda m: values.get(m.group(1), "?"), template)


# -- export -----------------------------------------------------------------------------------------------

CSV_COLUMNS = ("id", "time_utc", "ticket", "officer", "action", "description", "claim_token", "online", "device")


def entry_json(entry: AuditEntry, description: str) -> dict[str, Any]:
    """The stable keys of an entry in JSON (the command line's ``--json`` and the exports)."""
    return {
        "id": entry.id,
        "time": entry.created_at.isoformat(timespec="seconds") + "Z",
        "ticket_id": None if entry.ticket_id is None else str(entry.ticket_id),
        "ticket": entry.tracking_no,
        "officer": entry.officer,
        "action": entry.action,
        "description": description,
        "claim_token": entry.claim_token,
        "online": entry.online,
        "device": entry.device,
        "detail": entry.detail,
    }


def write_csv(entries: Iterable[AuditEntry], describe: Callable[[AuditEntry], str], out: IO[str]) -> int:
    """Write ``entries`` as CSV (a header, then one row each), no text cell a formula; returns the rows."""
    writer = csv.writer(out)
    writer.writerow(CSV_COLUMNS)
    count = 0
    for e in entries:
        cells = (
            str(e.id),
            e.created_at.isoformat(timespec="seconds") + "Z",
            e.tracking_no or "",
            e.officer or "",
            e.action,
            describe(e),
            "" if e.claim_token is None else str(e.claim_token),
            "online" if e.online else "offline",
            e.device or "",
        )
        writer.writerow([spreadsheet_safe(cell) for cell in cells])
        count += 1
    return count


def write_json(entries: Iterable[AuditEntry], describe: Callable[[AuditEntry], str], out: IO[str]) -> int:
    rows = [entry_json(e, describe(e)) for e in entries]
    json.dump(rows, out, ensure_ascii=False, indent=2, default=str)
    return len(rows)


# What each action did, in words (``describe`` fills the fields): the command line prints them as they are,
# the window translates them (context "AuditAction", marked for lupdate).
SENTENCES = {
    "create": QT_TRANSLATE_NOOP("AuditAction", "recorded the report (channel {channel}, unit {unit})"),
    "claim": QT_TRANSLATE_NOOP("AuditAction", "claimed it until {expires_at}"),
    "renew": QT_TRANSLATE_NOOP("AuditAction", "renewed the claim until {expires_at}"),
    "release": QT_TRANSLATE_NOOP("AuditAction", "released the claim"),
    "steal": QT_TRANSLATE_NOOP("AuditAction", "took over the claim from {previous_holder}"),
    "assign": QT_TRANSLATE_NOOP("AuditAction", "assigned it to {assignee}"),
    "reply": QT_TRANSLATE_NOOP("AuditAction", "replied to the reporter ({chars} characters)"),
    "note": QT_TRANSLATE_NOOP("AuditAction", "added an internal note"),
    "status": QT_TRANSLATE_NOOP("AuditAction", "changed the status from {old} to {new}"),
    "set_priority": QT_TRANSLATE_NOOP("AuditAction", "changed the priority from {old_priority} to {new_priority}"),
    "set_category": QT_TRANSLATE_NOOP("AuditAction", "changed the category from {old_category} to {new_category}"),
    "set_kind": QT_TRANSLATE_NOOP("AuditAction", "changed the kind from {old_kind} to {new_kind}"),
    "transfer": QT_TRANSLATE_NOOP("AuditAction", "transferred it from {from_unit} to {to_unit}"),
    "return_for_disposition": QT_TRANSLATE_NOOP(
        "AuditAction", "returned it as not their authority, from {from_unit} to {to_unit}"
    ),
    "scans_attached": QT_TRANSLATE_NOOP("AuditAction", "attached scanned letters: {files}"),
    "auto_close": QT_TRANSLATE_NOOP("AuditAction", "closed it automatically (the reporter did not answer)"),
    "escalate": QT_TRANSLATE_NOOP("AuditAction", "escalated it to the supervisors (deadline {clock})"),
    "message_in": QT_TRANSLATE_NOOP("AuditAction", "received a message from the reporter ({channel})"),
    "acknowledged": QT_TRANSLATE_NOOP("AuditAction", "sent the reporter an acknowledgement"),
    "reporter_answered": QT_TRANSLATE_NOOP("AuditAction", "noted the reporter's answer"),
    "status_request": QT_TRANSLATE_NOOP("AuditAction", "received a status request by {channel} ({outcome})"),
    "intake_repaired": QT_TRANSLATE_NOOP("AuditAction", "recorded a message that needed repair: {problems}"),
    "intake_retried": QT_TRANSLATE_NOOP("AuditAction", "recorded a message again after an intake error"),
    "send_failed": QT_TRANSLATE_NOOP("AuditAction", "could not send an answer: {error}"),
    "send_again": QT_TRANSLATE_NOOP("AuditAction", "sent a failed answer again"),
    "send_confirmed": QT_TRANSLATE_NOOP("AuditAction", "confirmed an answer as sent"),
    "refer": QT_TRANSLATE_NOOP("AuditAction", "asked unit {to_unit} about it"),
    "answer_referral": QT_TRANSLATE_NOOP("AuditAction", "answered a question from another unit"),
    "discuss": QT_TRANSLATE_NOOP("AuditAction", "opened a team discussion about it in {unit}"),
    "post": QT_TRANSLATE_NOOP("AuditAction", "posted in a team discussion"),
    "handover": QT_TRANSLATE_NOOP("AuditAction", "handed work over to the current holder ({kind})"),
    "resolve_handover": QT_TRANSLATE_NOOP("AuditAction", "settled handed-over work ({kind})"),
    "link": QT_TRANSLATE_NOOP("AuditAction", "linked it as a duplicate of {master}"),
    "unlink": QT_TRANSLATE_NOOP("AuditAction", "unlinked it from its master"),
    "merged": QT_TRANSLATE_NOOP("AuditAction", "merged it into {master}"),
    "duplicate_linked": QT_TRANSLATE_NOOP("AuditAction", "linked {duplicate} to it as a duplicate"),
    "duplicate_unlinked": QT_TRANSLATE_NOOP("AuditAction", "{duplicate} is no longer its duplicate"),
    "duplicate_merged": QT_TRANSLATE_NOOP("AuditAction", "merged {duplicate} into it"),
    "bulk_answer": QT_TRANSLATE_NOOP("AuditAction", "answered the linked reports together ({replies} replies)"),
    "canned_retire": QT_TRANSLATE_NOOP("AuditAction", "retired the canned response {key}"),
    "canned_restore": QT_TRANSLATE_NOOP("AuditAction", "restored the canned response {key}"),
    "calendar": QT_TRANSLATE_NOOP("AuditAction", "changed the working calendar of {unit}"),
    "day_off": QT_TRANSLATE_NOOP("AuditAction", "changed a day off of {unit}: {day}"),
    "sla_policy": QT_TRANSLATE_NOOP("AuditAction", "set a service-level policy"),
    "sla_policy_removed": QT_TRANSLATE_NOOP("AuditAction", "removed a service-level policy"),
    "retention_set": QT_TRANSLATE_NOOP("AuditAction", "changed the retention periods of {unit}"),
    "unit_changed": QT_TRANSLATE_NOOP("AuditAction", "changed the unit {unit}"),
    "officer_changed": QT_TRANSLATE_NOOP("AuditAction", "changed the officer {officer}"),
    "holder_left": QT_TRANSLATE_NOOP(
        "AuditAction", "ended the claim of {previous_holder}, who no longer works in unit {unit}"
    ),
    "client_policy_set": QT_TRANSLATE_NOOP(
        "AuditAction", "required Aduan {min_version} or newer for {unit}, installed from {installer}"
    ),
    "client_policy_cleared": QT_TRANSLATE_NOOP("AuditAction", "removed the client version policy of {unit}"),
    "reporter_exported": QT_TRANSLATE_NOOP("AuditAction", "exported the reporter's data on their request"),
    "reporter_erased": QT_TRANSLATE_NOOP("AuditAction", "erased the reporter's personal data on their request"),
    "identity_anonymised": QT_TRANSLATE_NOOP("AuditAction", "anonymised the reporter: the retention period had passed"),
    "attachments_purged": QT_TRANSLATE_NOOP(
        "AuditAction", "purged the content of {attachments} attachment(s): the retention period had passed"
    ),
    "comments_deleted": QT_TRANSLATE_NOOP(
        "AuditAction",
        "deleted {comments} public comment(s) never made reports: the retention period had passed",
    ),
    "comment_replied": QT_TRANSLATE_NOOP(
        "AuditAction", "answered public comment {comment_id} on {account} in public ({length} characters)"
    ),
    "comment_reply_settled": QT_TRANSLATE_NOOP(
        "AuditAction", "looked under public comment {comment_id} for the reply in doubt (posted: {posted})"
    ),
    "share": QT_TRANSLATE_NOOP("AuditAction", "let {officer} read this confidential report"),
    "unshare": QT_TRANSLATE_NOOP("AuditAction", "ended {officer}'s access to this confidential report"),
}
SUFFIXES = {
    "reason": QT_TRANSLATE_NOOP("AuditAction", "; reason: {reason}"),
    "mentions": QT_TRANSLATE_NOOP("AuditAction", "; mentioning {mentions}"),
    "canned": QT_TRANSLATE_NOOP("AuditAction", "; from {canned}"),
    "comment": QT_TRANSLATE_NOOP("AuditAction", "; comment: {comment}"),
}
UNKNOWN = QT_TRANSLATE_NOOP("AuditAction", "did something recorded as {action}")
