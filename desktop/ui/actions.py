"""Every command of the window in one registry: its text, its shortcut, its accessible name.

Views ask for their actions here (``actions.create(self, "claim", self.claim)``) so that shortcuts never
clash and the settings dialog can list them all.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtGui import QAction, QKeySequence

from ..domain.translatable import QT_TRANSLATE_NOOP
from . import icons

Key = QKeySequence.StandardKey | str


@dataclass(frozen=True, slots=True)
class ActionSpec:
    text: str  # English source text, translated in context "Actions"
    shortcut: Key | None = None


REGISTRY: dict[str, ActionSpec] = {
    # Window
    "sync_now": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Sync now"), QKeySequence.StandardKey.Refresh),
    # A report taken by phone, at the desk or by letter: the window's one "new" (so not New thread's).
    "new_report": ActionSpec(QT_TRANSLATE_NOOP("Actions", "New report…"), QKeySequence.StandardKey.New),
    "go_inbox": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Inbox"), "Ctrl+1"),
    "go_discussions": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Team discussion"), "Ctrl+2"),
    "go_attention": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Needs attention"), "Ctrl+3"),
    "go_referrals": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Referrals"), "Ctrl+4"),
    "sign_in": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Connect to server…")),
    "change_password": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Change password…")),
    "reset_password": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Reset an officer's password…")),
    "settings": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Settings…"), QKeySequence.StandardKey.Preferences),
    "manage_canned": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Manage canned responses…")),
    "channels": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Channels…")),
    "audit_log": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Audit log…")),
    "workload": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Officers' workload…")),
    "administration": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Administration…")),
    "statistics": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Statistics…")),
    "quit": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Quit"), QKeySequence.StandardKey.Quit),
    "tour": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Tour"), QKeySequence.StandardKey.HelpContents),
    # Inbox
    "search": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Search"), QKeySequence.StandardKey.Find),
    "clear_filters": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Clear filters"), "Ctrl+Shift+L"),
    # Ticket
    "claim": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Claim"), "Ctrl+K"),
    "release": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Release"), "Ctrl+Shift+K"),
    "steal": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Take over…")),
    "next_ticket": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Take the next one"), "Ctrl+J"),
    "send_reply": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Send reply"), "Ctrl+Return"),
    "add_note": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Add internal note"), "Ctrl+Shift+Return"),
    "change_status": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Change status…"), "Ctrl+Shift+S"),
    "transfer": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Transfer to unit…"), "Ctrl+Shift+T"),
    "assign": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Assign to officer…")),
    "edit_properties": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Priority, category, kind…"), "Ctrl+Shift+P"),
    "insert_canned": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Insert canned response…"), "Ctrl+Shift+R"),
    "print": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Print…"), QKeySequence.StandardKey.Print),
    "save_pdf": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Save as PDF…")),
    # Related tickets and work across units
    "mark_duplicate": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Mark as duplicate of…"), "Ctrl+Shift+D"),
    "merge_into": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Merge into…")),
    "unlink": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Unlink")),
    "answer_linked": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Answer all linked…")),
    "not_ours": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Not our authority…")),
    "refer": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Refer to unit…")),
    "answer_referral": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Answer…")),
    # Team discussion
    "new_discussion": ActionSpec(QT_TRANSLATE_NOOP("Actions", "New thread…"), "Ctrl+Shift+N"),
    "send_post": ActionSpec(QT_TRANSLATE_NOOP("Actions", "Post"), "Ctrl+Return"),
}


# Each action's picture from the icon set (icons.NAMES), by the action's name; an action not listed has none.
ICONS = {
    "sync_now": "sync",
    "new_report": "new-report",
    "go_inbox": "inbox",
    "go_discussions": "discussion",
    "go_attention": "attention",
    "go_referrals": "referral",
    "sign_in": "sign-in",
    "change_password": "password",
    "reset_password": "password",
    "settings": "settings",
    "manage_canned": "canned",
    "channels": "channel",
    "audit_log": "audit",
    "administration": "settings",
    "statistics": "statistics",
    "quit": "quit",
    "search": "search",
    "clear_filters": "clear",
    "claim": "claim",
    "release": "release",
    "steal": "take-over",
    "next_ticket": "next",
    "send_reply": "reply",
    "add_note": "note",
    "change_status": "status",
    "transfer": "transfer",
    "insert_canned": "canned",
    "mark_duplicate": "duplicate",
    "merge_into": "link",
    "unlink": "unlink",
    "answer_linked": "reply",
    "not_ours": "release",
    "refer": "referral",
    "answer_referral": "reply",
    "new_discussion": "discussion",
    "send_post": "send",
    "assign": "assign",
    "print": "print",
    "save_pdf": "print",
    "history": "history",
}


def text(name: str) -> str:
    return QCoreApplication.translate("Actions", REGISTRY[name].text)


def create(parent: QObject, name: str, slot: Callable[[], object] | None = None) -> QAction:
    """The registry's action ``name``, owned by ``parent``, triggering ``slot``."""
    spec = REGISTRY[name]
    action = QAction(text(name), parent)
    action.setObjectName(f"action_{name}")
    if name in ICONS:
        action.setIcon(icons.icon(ICONS[name]))
    if spec.shortcut is not None:
        action.setShortcut(QKeySequence(spec.shortcut))
        action.setToolTip(f"{text(name)} ({action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)})")
    if slot is not None:
        action.triggered.connect(slot)
    return action
