"""The one way data reaches a widget: as plain text, whatever markup it holds.

Officers and citizens write subjects, names, notes, titles and file names; shown as rich text, a
``<img src="\\\\host\\share\\x.png">`` would make Windows reach out over SMB (and hand the officer's NTLM
hash to the host), a ``<a>`` would become a link and ``&lt;`` would change what the officer reads. Qt
guesses: a QLabel, a tooltip and a message box render rich text when the text merely looks like HTML. So:

- labels and message boxes made here show plain text (``Qt.TextFormat.PlainText``), always, with bidi and
  zero-width characters as visible marks (``reveal_invisible``), so one value cannot disguise a line;
- a tooltip is rich when it looks like HTML and there is no switch for it: ``plain_tooltip`` turns text
  that looks like HTML into HTML that shows exactly that text;
- where HTML is built (the thread, the referral, the answer preview) every value goes through
  ``plain_to_html`` / ``fill_html``; and the documents show in a ``SafeBrowser``, which loads nothing.
"""

from __future__ import annotations

import html
from typing import Any

from PySide6.QtCore import QUrl
from PySide6.QtGui import Qt  # QtGui's Qt adds mightBeRichText and convertFromPlainText
from PySide6.QtWidgets import QLabel, QMessageBox, QTextBrowser, QWidget

from ..domain.text import reveal_invisible


def plain_to_html(text: str) -> str:
    """``text`` as HTML that shows it as written, line breaks kept."""
    return html.escape(text).replace("\n", "<br>")


def fill_html(template: str, *values: str) -> str:
    """A translated template with %1, %2… filled in, the template and every value escaped for HTML."""
    filled = plain_to_html(template)
    for number, value in enumerate(values, start=1):
        filled = filled.replace(f"%{number}", plain_to_html(value))
    return filled


class PlainLabel(QLabel):
    """A label whose text is plain and shows each bidi or zero-width character as a visible mark: a label
    joins several values in one line (the facts of a ticket: status · unit · reporter …), and a right-to-left
    override inside one value would otherwise turn the rest of the line around."""

    def setText(self, text: str) -> None:  # Qt's name
        super().setText(reveal_invisible(text))


def plain_label(
    text: str = "", name: str = "", *, wrap: bool = False, selectable: bool = False, parent: QWidget | None = None
) -> QLabel:
    """A label that shows its text as written, whatever it is set to later."""
    label = PlainLabel(parent)
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setText(text)
    if name:
        label.setObjectName(name)
    label.setWordWrap(wrap)
    if selectable:
        label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
    return label


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as written: Qt renders a tooltip as rich text when it looks like HTML,
    so such text is handed over as HTML that says exactly it (escaped, line breaks kept)."""
    text = reveal_invisible(text)
    if not Qt.mightBeRichText(text):
        return text
    return Qt.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def plain_message_box(
    parent: QWidget | None,
    icon: QMessageBox.Icon,
    text: str,
    buttons: QMessageBox.StandardButton = QMessageBox.StandardButton.Ok,
    title: str = "Aduan",
) -> QMessageBox:
    """A message box whose text is shown as written (a box guesses rich text otherwise)."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setTextFormat(Qt.TextFormat.PlainText)
    box.setText(reveal_invisible(text))
    box.setStandardButtons(buttons)
    return box


class SafeBrowser(QTextBrowser):
    """A read-only HTML view that loads nothing: no remote or local images or style sheets, and links are
    only reported (``anchorClicked``), never followed.

    Qt asks ``loadResource`` for every ``<img>``, style sheet or followed link the document names; a
    ``file://host/…`` or UNC name would be fetched over the network by the system. What the app itself wants
    to show it puts into the document with ``document().addResource``, which Qt consults before asking here,
    so refusing every request here refuses only what came with the data.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setReadOnly(True)
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)

    def loadResource(self, kind: int, name: QUrl | str) -> Any:  # Qt's name
        return None
