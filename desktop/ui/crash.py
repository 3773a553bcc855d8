"""The crash path: an exception nobody caught — in a Qt slot, an async slot, the asyncio loop or another thread —
is written to the log and shown in one dialog, where the officer can copy a report for the admin and continue
or quit.

One dialog, not one per exception: a burst (a broken slot on a timer, a loop of failing rounds) adds to the
dialog that is open and counts, instead of burying the window under boxes. The report holds the version, the
system, the exceptions' types and where they happened, and the log file's path — no personal data: the
exceptions' messages (which may quote what the officer typed) stay in the log, where ``redact`` still guards it.
"""

from __future__ import annotations

import asyncio
import logging
import platform
import sys
import threading
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal, qVersion
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from .. import __version__

log = logging.getLogger("aduan.crash")

ExcInfo = tuple[type[BaseException], BaseException, TracebackType | None]


def describe_exception(kind: type[BaseException], tb: TracebackType | None) -> str:
    """Where it happened and what kind of error it was, without the message (it may hold what was typed)."""
    frames = "".join(traceback.format_tb(tb)) if tb is not None else "  (no traceback)\n"
    return f"Traceback (most recent call last):\n{frames}{kind.__module__}.{kind.__qualname__}"


def system_lines(log_path: Path | None) -> list[str]:
    return [
        f"Aduan {__version__}",
        f"{platform.system()} {platform.release()} ({platform.machine()}), Python {platform.python_version()}, "
        f"Qt {qVersion()}",
        f"Log file: {log_path if log_path is not None else '(none)'}",
    ]


class CrashDialog(QDialog):
    """What went wrong, the report to copy, and Continue / Quit."""

    def __init__(self, log_path: Path | None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("crashDialog")
        self.setWindowTitle(self.tr("Aduan ran into a problem"))
        self.log_path = log_path
        self.problems: list[str] = []
        intro = QLabel(
            self.tr(
                "Something went wrong inside Aduan. What you were doing may not have been finished: check it "
                "before you go on. The details were written to the log file. If it happens again, copy this "
                "report and send it to your admin; it holds no names and no report texts."
            )
        )
        intro.setWordWrap(True)
        self.count = QLabel()
        self.count.setObjectName("crashCount")
        self.report_text = QPlainTextEdit()
        self.report_text.setObjectName("crashReport")
        self.report_text.setReadOnly(True)
        self.report_text.setAccessibleName(self.tr("Problem report"))
        self.report_text.setLineWrapMode(QPlainTextEdit.LineWrapMode.NoWrap)
        buttons = QDialogButtonBox()
        self.copy_button = QPushButton(self.tr("&Copy report"))
        self.copy_button.setObjectName("crashCopy")
        self.copy_button.clicked.connect(self.copy_report)
        self.continue_button = QPushButton(self.tr("C&ontinue"))
        self.continue_button.setObjectName("crashContinue")
        self.continue_button.setDefault(True)
        self.quit_button = QPushButton(self.tr("&Quit Aduan"))
        self.quit_button.setObjectName("crashQuit")
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.continue_button, QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(self.quit_button, QDialogButtonBox.ButtonRole.DestructiveRole)
        self.continue_button.clicked.connect(self.accept)
        self.quit_button.clicked.connect(self.quit_app)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.count)
        layout.addWidget(self.report_text, 1)
        layout.addWidget(buttons)
        self.resize(640, 420)

    def add(self, problem: str) -> None:
        self.problems.append(problem)
        self.report_text.setPlainText(self.report())
        many = len(self.problems) > 1
        self.count.setVisible(many)
        if many:
            self.count.setText(self.tr("%n problem(s) since this window opened.", "", len(self.problems)))

    def report(self) -> str:
        return "\n".join(system_lines(self.log_path)) + "\n\n" + "\n\n".join(self.problems) + "\n"

    def copy_report(self) -> None:
        QGuiApplication.clipboard().setText(self.report())

    def quit_app(self) -> None:
        self.accept()
        app = QApplication.instance()
        if app is not None:
            app.quit()


class CrashReporter(QObject):
    """Installs the hooks; every uncaught exception is logged, then shown in the one dialog."""

    # From any thread: the problem's report text; delivered on the GUI thread (queued across threads).
    problem = Signal(str)

    def __init__(self, log_path: Path | None, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.log_path = log_path
        self.dialog: CrashDialog | None = None
        self.dialogs_opened = 0
        self.window: Callable[[], QWidget | None] = QApplication.activeWindow
        self._previous_excepthook: Callable[..., Any] | None = None
        self._previous_thread_hook: Callable[[threading.ExceptHookArgs], Any] | None = None
        self.problem.connect(self._show, Qt.ConnectionType.QueuedConnection)

    # -- hooks ------------------------------------------------------------------------------------------

    def install(self, loop: asyncio.AbstractEventLoop | None = None) -> None:
        """``sys.excepthook`` (Qt slots; qasync hands async slots' exceptions to it too), ``threading.excepthook``,
        and the asyncio loop's exception handler when a loop is given."""
        self._previous_excepthook = sys.excepthook
        self._previous_thread_hook = threading.excepthook
        sys.excepthook = self.excepthook
        threading.excepthook = self.thread_excepthook
        if loop is not None:
            self.watch_loop(loop)

    def uninstall(self) -> None:
        if self._previous_excepthook is not None:
            sys.excepthook = self._previous_excepthook
        if self._previous_thread_hook is not None:
            threading.excepthook = self._previous_thread_hook

    def watch_loop(self, loop: asyncio.AbstractEventLoop) -> None:
        loop.set_exception_handler(self.loop_exception)

    def excepthook(self, kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
        if issubclass(kind, KeyboardInterrupt):
            if self._previous_excepthook is not None:
                self._previous_excepthook(kind, value, tb)
            return
        self.report((kind, value, tb), "uncaught exception")

    def thread_excepthook(self, args: threading.ExceptHookArgs) -> None:
        if args.exc_value is None or issubclass(args.exc_type, SystemExit):
            return
        name = args.thread.name if args.thread is not None else "?"
        self.report((args.exc_type, args.exc_value, args.exc_traceback), f"uncaught exception in thread {name}")

    def loop_exception(self, _loop: asyncio.AbstractEventLoop, context: dict[str, Any]) -> None:
        exc = context.get("exception")
        what = str(context.get("message") or "error in the event loop")
        if isinstance(exc, BaseException):
            self.report((type(exc), exc, exc.__traceback__), f"event loop: {what}")
        else:
            log.error("event loop: %s", what)

    # -- reporting --------------------------------------------------------------------------------------

    def report(self, info: ExcInfo, where: str) -> None:
        """Log it (with the message: the log is the admin's) and show it (without)."""
        log.error("%s", where, exc_info=info)
        self.problem.emit(f"{where}\n{describe_exception(info[0], info[2])}")

    def _show(self, problem: str) -> None:
        try:
            self._add(problem)
        except Exception:  # the crash path must never raise into the hook that called it
            log.exception("the problem dialog could not be shown")

    def _add(self, problem: str) -> None:
        if self.dialog is None:
            self.dialog = CrashDialog(self.log_path, self.window())
            self.dialog.finished.connect(self._closed)
            self.dialogs_opened += 1
            self.dialog.add(problem)
            self.dialog.open()
        else:
            self.dialog.add(problem)

    def _closed(self) -> None:
        if self.dialog is not None:
            self.dialog.deleteLater()
            self.dialog = None
