"""The public answer under a Facebook or Instagram comment: what the officer writes is posted as the Page or
account, for everyone to read. A comment flagged for personal data asks the officer to say they saw the flag
first (the usual answer to it is a report and a private reply); the server checks the same and more."""

from __future__ import annotations

from PySide6.QtWidgets import QCheckBox, QPlainTextEdit, QWidget

from ..domain.personal_data import public_reply_problem
from ..domain.social import MAX_PUBLIC_REPLY_CHARS, SocialComment
from .labels import channel_label
from .plain import plain_label
from .ticket_dialogs import CheckedDialog


class PublicReplyDialog(CheckedDialog):
    def __init__(self, comment: SocialComment, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.comment = comment
        self.setWindowTitle(self.tr("Reply in public"))
        self.setObjectName("publicReplyDialog")
        self.resize(520, 360)
        where = channel_label(comment.channel)
        self.body.addWidget(
            plain_label(
                self.tr("%1 wrote on %2 (%3):")
                .replace("%1", comment.author_name or comment.author_id or "?")
                .replace("%2", comment.account)
                .replace("%3", where),
                name="publicReplyWho",
            )
        )
        self.body.addWidget(plain_label(" ".join(comment.text.split()), name="publicReplyComment", wrap=True))
        self.body.addWidget(
            plain_label(
                self.tr("Your reply is posted under the comment as the account, where everyone can read it."),
                name="publicReplyNote",
                wrap=True,
            )
        )
        self.text = QPlainTextEdit()
        self.text.setObjectName("publicReplyText")
        self.text.setAccessibleName(self.tr("Public reply"))
        self.text.setTabChangesFocus(True)
        self.text.textChanged.connect(self._count)
        self.body.addWidget(self.text, 1)
        self.counter = plain_label(name="publicReplyCounter")
        self.body.addWidget(self.counter)
        self.despite = QCheckBox(
            self.tr(
                "I saw that this comment shows personal data (an NIK, a phone number or an e-mail address) and "
                "answer it in public anyway"
            )
        )
        self.despite.setObjectName("publicReplyDespite")
        self.despite.setVisible(comment.personal_data)
        self.body.addWidget(self.despite)
        self.finish_layout()
        self._count()

    def _count(self) -> None:
        self.counter.setText(
            self.tr("%1 of %2 characters")
            .replace("%1", str(len(self.reply_text())))
            .replace("%2", str(MAX_PUBLIC_REPLY_CHARS))
        )

    def reply_text(self) -> str:
        return self.text.toPlainText().strip()

    def problem(self) -> str:
        text = self.reply_text()
        if not text:
            return self.tr("Write the reply first.")
        if len(text) > MAX_PUBLIC_REPLY_CHARS:
            return self.tr("A public reply is at most %1 characters.").replace("%1", str(MAX_PUBLIC_REPLY_CHARS))
        if public_reply_problem(text, self.comment.text) is not None:
            return self.tr(
                "The reply shows an NIK, or repeats the phone number or e-mail address the citizen wrote: leave it "
                "out, or answer privately by making a report of the comment."
            )
        if self.comment.personal_data and not self.despite.isChecked():
            return self.tr(
                "This comment shows personal data: make a report of it to answer in private, or tick the box to "
                "answer in public anyway."
            )
        return ""
