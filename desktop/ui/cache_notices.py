"""What the officer must know about their local cache when the window opens, in their language: a cache that
could not be read was set aside (and how much unsent work it held), or the cache is not encrypted. A strip
above the tabs, not a dialog: it must not stand between the officer and their work, and stays until closed."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHBoxLayout, QPushButton, QVBoxLayout, QWidget

from ..domain.cache_notice import CacheNotice, CacheNoticeKind, UnreadableBecause
from .plain import plain_label


class CacheNoticeBanner(QWidget):
    def __init__(self, notices: Sequence[CacheNotice]) -> None:
        super().__init__()
        self.setObjectName("cacheNoticeBanner")
        texts = QVBoxLayout()
        for notice in notices:
            line = plain_label(self.describe(notice))
            line.setObjectName("cacheNotice")
            line.setWordWrap(True)
            texts.addWidget(line)
        close = QPushButton(self.tr("Close"))
        close.setObjectName("cacheNoticeClose")
        close.clicked.connect(self.hide)
        row = QHBoxLayout(self)
        row.setContentsMargins(12, 6, 12, 6)
        row.addLayout(texts, 1)
        row.addWidget(close)
        self.setVisible(bool(notices))

    def describe(self, notice: CacheNotice) -> str:
        if notice.kind is CacheNoticeKind.NOT_ENCRYPTED:
            return self.tr(
                "The reports kept on this computer are not encrypted: no system keyring could keep their key (%1). "
                "Ask your administrator."
            ).replace("%1", notice.detail)
        if notice.kind is CacheNoticeKind.STILL_PLAIN:
            return self.tr(
                "The reports kept on this computer are not encrypted yet: another Aduan window or command has them "
                "open. Close it and start Aduan again."
            )
        why = (
            self.tr("its key is no longer in your keyring")
            if notice.because is UnreadableBecause.KEY_MISSING
            else self.tr("the key kept on this computer does not open it")
        )
        if notice.queued is None:
            held = self.tr("Whether it held work not yet sent is not known.")
        elif notice.queued:
            held = self.tr(
                "It held %n change(s) not yet sent, which could not be read: do them again.", "", notice.queued
            )
        else:
            held = self.tr("It held no work waiting to be sent.")
        return (
            self.tr(
                "The copy of your reports on this computer could not be read (%1). It was kept as %2 and a new one "
                "is being filled from the server."
            )
            .replace("%1", why)
            .replace("%2", notice.kept_as or "")
            + " "
            + held
        )
