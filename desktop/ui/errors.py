"""What the officer reads when something is refused or fails: the domain's error codes, translated.

The domain's messages are English and technical (they go to the CLI and logs); the window shows these.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ..domain.errors import AduanError, ClientOutdated, HeldByOther
from ..domain.translatable import QT_TRANSLATE_NOOP
from .labels import local_time
from .plain import plain_message_box

_BY_CODE = {
    "bad_input": QT_TRANSLATE_NOOP("Errors", "This input cannot be used: %1"),
    "forbidden_transition": QT_TRANSLATE_NOOP("Errors", "This status change is not allowed: %1"),
    "missing_variable": QT_TRANSLATE_NOOP("Errors", "This canned response cannot be used: %1"),
    "held_by_other": QT_TRANSLATE_NOOP("Errors", "Another officer holds this ticket (%1)."),
    "keyring_unavailable": QT_TRANSLATE_NOOP(
        "Errors", "This computer's credential store cannot be used, so the password is not remembered: %1"
    ),
    "not_holder": QT_TRANSLATE_NOOP("Errors", "You do not hold this ticket. Claim it first."),
    "lost_claim": QT_TRANSLATE_NOOP(
        "Errors", "Your claim on this ticket ended: another officer holds it now. Your work was handed over."
    ),
    "unreachable": QT_TRANSLATE_NOOP(
        "Errors", "The server cannot be reached. Your work is kept on this computer and sent when it can be."
    ),
    "not_found": QT_TRANSLATE_NOOP("Errors", "Not found, or not yours to see: %1"),
    "not_permitted": QT_TRANSLATE_NOOP("Errors", "Not permitted: %1"),
    "already_answered": QT_TRANSLATE_NOOP("Errors", "Already answered: %1"),
    "schema_mismatch": QT_TRANSLATE_NOOP(
        "Errors", "The server runs another version of Aduan. Ask your admin to update; your work is kept."
    ),
    "not_signed_in": QT_TRANSLATE_NOOP(
        "Errors", "Your session on the server has ended. Sign in again; your work is kept on this computer."
    ),
    "throttled": QT_TRANSLATE_NOOP("Errors", "Too many failed sign-ins. Wait a while and try again: %1"),
    "unexpected": QT_TRANSLATE_NOOP("Errors", "Something went wrong: %1"),
}


def describe_code(code: str | None, detail: str) -> str:
    template = _BY_CODE.get(code or "unexpected", _BY_CODE["unexpected"])
    return QCoreApplication.translate("Errors", template).replace("%1", detail)


def describe(exc: BaseException) -> str:
    if isinstance(exc, HeldByOther):
        text = QCoreApplication.translate("Errors", "%1 holds this ticket until %2.")
        return text.replace("%1", exc.holder).replace("%2", local_time(exc.until))
    if isinstance(exc, ClientOutdated):
        text = QCoreApplication.translate(
            "Errors",
            "This version of Aduan (%1) is no longer accepted by the server. Install version %2 from %3. "
            "Your work is kept on this computer.",
        )
        return text.replace("%1", exc.client_version).replace("%2", exc.min_version).replace("%3", exc.installer)
    if isinstance(exc, AduanError):
        return describe_code(exc.code, exc.message)
    return describe_code("unexpected", f"{type(exc).__name__}: {exc}")


def show_error(parent: QWidget | None, exc: BaseException) -> None:
    box = plain_message_box(parent, QMessageBox.Icon.Warning, describe(exc))
    box.setObjectName("errorBox")
    box.open()
