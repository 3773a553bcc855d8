"""What the officer reads when something is refused or fails: the domain's error codes, translated.

The domain's messages are English and technical (they go to the CLI and logs); the window shows these. An
error carries its code and ``fields`` (who holds a report and until when, the statuses of a refused change, the
field and limit of a refused input); the server sends both (``ErrorBody``), so a refusal reads the same in the
UI's language whether it was made on this computer or by the server. The English message is shown only inside
the text of a code this module does not know, or of an input refusal that names no field.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import datetime

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.errors import AduanError
from ..domain.status import Status
from ..domain.translatable import QT_TRANSLATE_NOOP
from .labels import local_time, status_label, time_left
from .plain import plain_message_box

# Texts whose only blank is the English detail: codes whose fields this module does not word (yet).
_WITH_DETAIL = {
    "bad_input": QT_TRANSLATE_NOOP("Errors", "This input cannot be used: %1"),
    "unexpected": QT_TRANSLATE_NOOP("Errors", "Something went wrong: %1"),
}
# Texts that say all an officer can act on; the English detail would add nothing they could read.
_COMPLETE = {
    # Where the fields are missing (an older server; a refusal kept in the attention list):
    "forbidden_transition": QT_TRANSLATE_NOOP("Errors", "This status change is not allowed for this report now."),
    "held_by_other": QT_TRANSLATE_NOOP("Errors", "Another officer holds this report."),
    "client_outdated": QT_TRANSLATE_NOOP(
        "Errors", "This version of Aduan is no longer accepted by the server. Ask your admin for the new version."
    ),
    "not_holder": QT_TRANSLATE_NOOP("Errors", "You do not hold this report. Take it first."),
    "lost_claim": QT_TRANSLATE_NOOP(
        "Errors", "Your claim on this report ended: another officer holds it now. Your work was handed over."
    ),
    "already_answered": QT_TRANSLATE_NOOP("Errors", "Another officer of your unit has answered this referral already."),
    "unreachable": QT_TRANSLATE_NOOP(
        "Errors", "The server cannot be reached. Your work is kept on this computer and sent when it can be."
    ),
    "not_found": QT_TRANSLATE_NOOP(
        "Errors", "This is not on this computer or no longer yours to see: it may have moved to another unit."
    ),
    "not_permitted": QT_TRANSLATE_NOOP("Errors", "Your role does not allow this. Ask your supervisor."),
    "schema_mismatch": QT_TRANSLATE_NOOP(
        "Errors", "The server runs another version of Aduan. Ask your admin to update; your work is kept."
    ),
    "not_signed_in": QT_TRANSLATE_NOOP(
        "Errors", "Your session on the server has ended. Sign in again; your work is kept on this computer."
    ),
    "missing_variable": QT_TRANSLATE_NOOP(
        "Errors", "This canned response cannot be filled in for this report. Ask a supervisor to correct it."
    ),
    "keyring_unavailable": QT_TRANSLATE_NOOP(
        "Errors", "This computer's credential store cannot be used, so the password is not remembered."
    ),
    "secret_unavailable": QT_TRANSLATE_NOOP(
        "Errors", "A password this computer keeps cannot be read from its credential store. Ask your admin."
    ),
    "cache_key_unavailable": QT_TRANSLATE_NOOP(
        "Errors", "The key that protects the reports on this computer cannot be read from the credential store."
    ),
    "cache_unreadable": QT_TRANSLATE_NOOP(
        "Errors", "The copy of your reports on this computer cannot be opened. Ask your admin; nothing was sent."
    ),
    "cache_in_use": QT_TRANSLATE_NOOP(
        "Errors", "Another Aduan window has the reports on this computer open. Close it and try again."
    ),
    "not_private": QT_TRANSLATE_NOOP(
        "Errors", "A file of Aduan on this computer cannot be made private. Ask your admin to check the folder."
    ),
    "database_address_refused": QT_TRANSLATE_NOOP(
        "Errors", "This is the address of a database, not of your unit's Aduan server. Ask your admin for it."
    ),
    "unreadable_mail": QT_TRANSLATE_NOOP("Errors", "This message is not an e-mail Aduan can read."),
    "duplicate_content": QT_TRANSLATE_NOOP(
        "Errors", "The channel refused the reply: the same text was posted from this account before."
    ),
    "needs_connection": QT_TRANSLATE_NOOP(
        "Errors", "No free report is known on this computer while offline. Try again once connected."
    ),
    "conflict": QT_TRANSLATE_NOOP("Errors", "Someone else saved this at the same moment. Try again."),
    "reply_window_closed": QT_TRANSLATE_NOOP(
        "Errors",
        "WhatsApp no longer takes a free reply: the citizen last wrote more than 24 hours ago. "
        "Answer through another channel.",
    ),
    "messaging_window_closed": QT_TRANSLATE_NOOP(
        "Errors",
        "Facebook or Instagram no longer takes this answer: the citizen last wrote more than 24 hours ago, or the "
        "comment was already answered privately. Answer through another channel.",
    ),
    "diagnose_failed": QT_TRANSLATE_NOOP("Errors", "The check of this installation found a problem."),
}
# The fields of a refused input, by the names the domain gives them (``domain/text.py``'s FIELD_LIMITS and the
# bodies' names), in the officer's words.
_FIELDS = {
    "subject": QT_TRANSLATE_NOOP("Fields", "The subject"),
    "category": QT_TRANSLATE_NOOP("Fields", "The category"),
    "external reference": QT_TRANSLATE_NOOP("Fields", "The external reference"),
    "reporter name": QT_TRANSLATE_NOOP("Fields", "The reporter's name"),
    "contact": QT_TRANSLATE_NOOP("Fields", "The contact"),
    "unit code": QT_TRANSLATE_NOOP("Fields", "The unit code"),
    "unit name": QT_TRANSLATE_NOOP("Fields", "The unit name"),
    "login": QT_TRANSLATE_NOOP("Fields", "The login"),
    "officer name": QT_TRANSLATE_NOOP("Fields", "The officer's name"),
    "canned key": QT_TRANSLATE_NOOP("Fields", "The canned response's key"),
    "canned title": QT_TRANSLATE_NOOP("Fields", "The canned response's title"),
    "canned response": QT_TRANSLATE_NOOP("Fields", "The canned response's text"),
    "discussion title": QT_TRANSLATE_NOOP("Fields", "The discussion's title"),
    "attachment filename": QT_TRANSLATE_NOOP("Fields", "The attachment's file name"),
    "account name": QT_TRANSLATE_NOOP("Fields", "The account name"),
    "day-off name": QT_TRANSLATE_NOOP("Fields", "The day off's name"),
    "answer": QT_TRANSLATE_NOOP("Fields", "The answer"),
    "final answer": QT_TRANSLATE_NOOP("Fields", "The final answer"),
    "message": QT_TRANSLATE_NOOP("Fields", "The message"),
    "note": QT_TRANSLATE_NOOP("Fields", "The note"),
    "post": QT_TRANSLATE_NOOP("Fields", "The post"),
    "question": QT_TRANSLATE_NOOP("Fields", "The question"),
    "reply": QT_TRANSLATE_NOOP("Fields", "The reply"),
    "comment": QT_TRANSLATE_NOOP("Fields", "The comment"),
    "text": QT_TRANSLATE_NOOP("Fields", "The text"),
}
_INPUT = {
    "empty": QT_TRANSLATE_NOOP("Errors", "%1 is empty. Fill it in and try again."),
    "too_long": QT_TRANSLATE_NOOP("Errors", "%1 is too long: at most %2 characters."),
    "control_character": QT_TRANSLATE_NOOP("Errors", "%1 contains a character that cannot be sent. Remove it."),
    "out_of_range": QT_TRANSLATE_NOOP("Errors", "%1 must be between %2 and %3."),
}


# Refusals of a whole change rather than of one value's length or range (``store/directory.py``), by field
# and reason; %1 is the officer's login where there is one.
_CHANGE_REFUSED = {
    ("parent", "cycle"): QT_TRANSLATE_NOOP(
        "Errors", "A unit cannot become part of itself or of one of its own sub-units. Choose another unit."
    ),
    ("units", "empty"): QT_TRANSLATE_NOOP("Errors", "An officer belongs to at least one unit. Choose one."),
    ("role", "last_admin"): QT_TRANSLATE_NOOP(
        "Errors", "%1 is the last active admin. Make another officer an admin first."
    ),
    ("role", "own_role"): QT_TRANSLATE_NOOP("Errors", "You cannot change your own role. Ask another admin."),
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("Errors", text)


def _number(text: str | None) -> str:
    return f"{int(text):,}" if text and text.isdigit() else (text or "?")


def _bad_input(fields: Mapping[str, str]) -> str | None:
    field, reason = fields.get("field"), fields.get("reason")
    change = _CHANGE_REFUSED.get((field or "", reason or ""))
    if change is not None:
        return _tr(change).replace("%1", fields.get("login", ""))
    if field not in _FIELDS or reason not in _INPUT:
        return None
    what = QCoreApplication.translate("Fields", _FIELDS[field])
    text = _tr(_INPUT[reason]).replace("%1", what).replace("%2", _number(fields.get("limit") or fields.get("low")))
    return text.replace("%3", _number(fields.get("high")))


def _status_name(value: str | None) -> str | None:
    known = {status.value: status for status in Status}
    return status_label(known[value]) if value in known else None


def _forbidden_transition(fields: Mapping[str, str]) -> str | None:
    current, target = _status_name(fields.get("current")), _status_name(fields.get("target"))
    if current is None or target is None:
        return None
    text = QCoreApplication.translate("Errors", "A report that is “%1” cannot be changed to “%2”.")
    return text.replace("%1", current).replace("%2", target)


def _held_by_other(fields: Mapping[str, str]) -> str | None:
    holder, until = fields.get("holder"), fields.get("until")
    if not holder or not until:
        return None
    try:
        moment = datetime.fromisoformat(until)
    except ValueError:
        return None
    return (
        QCoreApplication.translate("Errors", "%1 holds this report until %2.")
        .replace("%1", holder)
        .replace("%2", local_time(moment))
    )


def _not_found(fields: Mapping[str, str]) -> str | None:
    reference = fields.get("reference")
    if not reference:
        return None
    text = QCoreApplication.translate(
        "Errors", "%1 is not on this computer or no longer yours to see: it may have moved to another unit."
    )
    return text.replace("%1", reference)


def _wait(fields: Mapping[str, str]) -> str:
    seconds = fields.get("retry_after", "")
    return time_left(int(seconds)) if seconds.isdigit() else "?"


def _throttled(fields: Mapping[str, str]) -> str:
    return QCoreApplication.translate("Errors", "Too many failed sign-ins. Try again in %1.").replace(
        "%1", _wait(fields)
    )


def _rate_limited(fields: Mapping[str, str]) -> str:
    return QCoreApplication.translate("Errors", "The channel asks Aduan to slow down; it tries again in %1.").replace(
        "%1", _wait(fields)
    )


def _client_outdated(fields: Mapping[str, str]) -> str | None:
    if not {"client_version", "min_version", "installer"} <= fields.keys():
        return None
    text = QCoreApplication.translate(
        "Errors",
        "This version of Aduan (%1) is no longer accepted by the server. Install version %2 from %3. "
        "Your work is kept on this computer.",
    )
    return (
        text.replace("%1", fields["client_version"])
        .replace("%2", fields["min_version"])
        .replace("%3", fields["installer"])
    )


def _sms_too_long(fields: Mapping[str, str]) -> str | None:
    if not all(fields.get(name) for name in ("parts", "max_parts", "over")):
        return None
    text = QCoreApplication.translate(
        "Errors",
        "This answer needs %1 SMS messages; this account sends at most %2. Shorten it by about %3 characters. "
        "Your text is kept.",
    )
    return text.replace("%1", fields["parts"]).replace("%2", fields["max_parts"]).replace("%3", fields["over"])


_WITH_FIELDS: dict[str, Callable[[Mapping[str, str]], str | None]] = {
    "bad_input": _bad_input,
    "forbidden_transition": _forbidden_transition,
    "held_by_other": _held_by_other,
    "not_found": _not_found,
    "throttled": _throttled,  # always worded: its wait is known or shown as "?"
    "rate_limited": _rate_limited,
    "client_outdated": _client_outdated,
    "sms_too_long": _sms_too_long,
}


def describe_code(code: str | None, detail: str, fields: Mapping[str, str] | None = None) -> str:
    """The text of an error code, its fields filled in; ``detail`` (English) only where nothing better is known."""
    code = code or "unexpected"
    worded = _WITH_FIELDS.get(code)
    text = worded(fields or {}) if worded is not None else None
    if text is not None:
        return text
    if code in _COMPLETE:
        return _tr(_COMPLETE[code])
    return _tr(_WITH_DETAIL.get(code, _WITH_DETAIL["unexpected"])).replace("%1", detail)


def describe(exc: BaseException) -> str:
    if isinstance(exc, AduanError):
        return describe_code(exc.code, exc.message, exc.fields)
    return describe_code("unexpected", f"{type(exc).__name__}: {exc}")


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    box = plain_message_box(parent, QMessageBox.Icon.Warning, describe(exc))
    box.setObjectName("errorBox")
    box.open()
