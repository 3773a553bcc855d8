"""Words the window translates, kept where they are defined without importing Qt."""

from __future__ import annotations


def QT_TRANSLATE_NOOP(context: str, text: str) -> str:  # the name pyside6-lupdate looks for
    """Mark ``text`` for translation in ``context``; the UI translates it when shown
    (``QCoreApplication.translate``), the command line prints it as it is."""
    return text
