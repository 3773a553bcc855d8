"""The strip shown when the server no longer accepts this version of Aduan: which version to install, from
where (a link to click for an https:// address, a share path to copy for \\\\server\\share), the admin's note,
and that the work waiting on this computer is kept and sent after the update. Like the cache notices, a strip
above the tabs rather than a dialog: the officer keeps reading and queuing work from the cache meanwhile.

The address and the note are the admin's words and are shown as plain text; the one link is built here, its
target the https:// address itself (``domain.client_release`` accepted nothing else as a web link).
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from ..domain.client_release import is_web_link
from ..domain.errors import ClientOutdated
from .plain import plain_label, plain_to_html


class UpdateRequiredBanner(QWidget):
    def __init__(self) -> None:
        super().__init__()
        self.setObjectName("updateRequiredBanner")
        self.installer = ""
        self.message = plain_label("")
        self.message.setObjectName("updateMessage")
        self.message.setWordWrap(True)
        self.note = plain_label("")
        self.note.setObjectName("updateNote")
        self.note.setWordWrap(True)
        self.link = QLabel()  # rich text built here from an https:// address only (``_show_link``)
        self.link.setObjectName("updateLink")
        self.link.setTextFormat(Qt.TextFormat.RichText)
        self.link.setOpenExternalLinks(True)
        self.link.setTextInteractionFlags(Qt.TextInteractionFlag.TextBrowserInteraction)
        self.copy = QPushButton(self.tr("Copy address"))
        self.copy.setObjectName("updateCopy")
        self.copy.clicked.connect(self.copy_address)
        texts = QVBoxLayout()
        for widget in (self.message, self.link, self.note):
            texts.addWidget(widget)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.addLayout(texts, 1)
        row.addWidget(self.copy)
        self.setVisible(False)

    def show_outdated(self, outdated: ClientOutdated) -> None:
        """Say what to install and from where; shown until a round of sync succeeds (``clear``)."""
        self.installer = outdated.installer
        queued = outdated.queued or 0
        sentence = (
            self.tr("This version of Aduan (%1) is no longer accepted by the server. Install version %2 from %3.")
            .replace("%1", outdated.client_version)
            .replace("%2", outdated.min_version)
            .replace("%3", outdated.installer)
        )
        if queued:
            kept = self.tr("%n queued item(s) stay saved and will be sent after the update.", "", queued)
        else:
            kept = self.tr("Nothing is waiting to be sent.")
        self.message.setText(f"{sentence} {kept}")
        self._show_link(outdated.installer)
        self.note.setText(self.tr("From your admin: %1").replace("%1", outdated.note) if outdated.note else "")
        self.note.setVisible(bool(outdated.note))
        self.setVisible(True)

    def _show_link(self, installer: str) -> None:
        if is_web_link(installer):
            escaped = plain_to_html(installer)
            self.link.setText(f'<a href="{escaped}">{escaped}</a>')
            self.link.setToolTip(self.tr("Opens the download in your browser"))
            self.link.setVisible(True)
        else:
            # A share path: Windows opens it from Explorer's address bar, which a copy puts it in reach of.
            self.link.clear()
            self.link.setVisible(False)
        self.copy.setToolTip(
            self.tr("Copy the address, then paste it into your browser or into Explorer's address bar")
        )

    def copy_address(self) -> None:
        QApplication.clipboard().setText(self.installer)

    def clear(self) -> None:
        self.setVisible(False)
