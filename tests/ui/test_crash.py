"""The log file and the crash path: an exception in a slot, an async slot, the event loop or a thread lands in the
log and in one dialog; secrets are redacted; the file rotates; the sync loop logs its failures."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import qasync
from PySide6.QtWidgets import QApplication, QPushButton
from pytestqt.qtbot import QtBot
from qasync import asyncSlot

from desktop.domain.errors import Unreachable
from desktop.logs import LOG_FILE, configure_desktop_logging, stop_desktop_logging
from desktop.sync.engine import SyncReport
from desktop.sync.session import Session
from desktop.ui.crash import CrashDialog, CrashReporter
from desktop.ui.events import Events
from desktop.ui.ops import Ops
from desktop.ui.sync_loop import SyncLoop

TIMEOUT = 5_000


@pytest.fixture
def log_path(tmp_path: Path) -> Iterator[Path]:
    path = configure_desktop_logging(tmp_path / "logs")
    yield path
    stop_desktop_logging()


@pytest.fixture
def reporter(qapp: QApplication, log_path: Path, qasync_loop: qasync.QEventLoop) -> Iterator[CrashReporter]:
    installed = CrashReporter(log_path)
    installed.install(qasync_loop)
    yield installed
    installed.uninstall()
    qasync_loop.set_exception_handler(None)
    if installed.dialog is not None:
        installed.dialog.close()


def logged(path: Path) -> str:
    for handler in logging.getLogger("aduan").handlers:
        handler.flush()
    return path.read_text(encoding="utf-8") if path.exists() else ""


class Broken(QPushButton):
    """A button whose slots fail, as a bug in a view would."""

    @asyncSlot()
    async def fail_later(self) -> None:
        await asyncio.sleep(0)
        raise LookupError("async slot went wrong")

    def fail_now(self) -> None:
        raise RuntimeError("slot went wrong")


@pytest.mark.qt_no_exception_capture
def test_exceptions_in_slots_go_to_the_log_and_to_one_dialog(
    qtbot: QtBot, reporter: CrashReporter, log_path: Path
) -> None:
    button = Broken("Simpan")
    qtbot.addWidget(button)
    button.clicked.connect(button.fail_now)
    button.clicked.connect(button.fail_later)
    button.click()
    button.click()  # a burst: still one dialog
    qtbot.waitUntil(lambda: reporter.dialog is not None and len(reporter.dialog.problems) == 4, timeout=TIMEOUT)
    text = logged(log_path)
    assert text.count("RuntimeError: slot went wrong") == 2
    assert text.count("LookupError: async slot went wrong") == 2
    assert " error aduan.crash: uncaught exception" in text
    assert reporter.dialogs_opened == 1
    dialogs = [w for w in QApplication.topLevelWidgets() if isinstance(w, CrashDialog) and w.isVisible()]
    assert dialogs == [reporter.dialog]
    report = reporter.dialog.report()
    # The report says where and what kind, and where the log is; the messages (which may quote what the officer
    # typed) stay in the log.
    assert "builtins.RuntimeError" in report and "builtins.LookupError" in report and str(log_path) in report
    assert "RuntimeError: slot went wrong" not in report and "LookupError: async slot" not in report
    reporter.dialog.copy_button.click()
    assert QApplication.clipboard().text() == report
    reporter.dialog.continue_button.click()
    qtbot.waitUntil(lambda: reporter.dialog is None, timeout=TIMEOUT)
    button.click()  # after Continue, the next problem opens a dialog again
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=TIMEOUT)
    assert reporter.dialogs_opened == 2


@pytest.mark.qt_no_exception_capture
def test_the_event_loop_and_threads_are_covered_too(
    qtbot: QtBot, reporter: CrashReporter, log_path: Path, qasync_loop: qasync.QEventLoop
) -> None:
    def fail_in_loop() -> None:
        raise ValueError("callback went wrong")

    qasync_loop.call_soon(fail_in_loop)

    def fail_in_thread() -> None:
        raise OSError("thread went wrong")

    worker = threading.Thread(target=fail_in_thread, name="pekerja")
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: reporter.dialog is not None and len(reporter.dialog.problems) == 2, timeout=TIMEOUT)
    text = logged(log_path)
    assert "ValueError: callback went wrong" in text and "OSError: thread went wrong" in text
    assert "uncaught exception in thread pekerja" in text
    assert reporter.dialogs_opened == 1


def test_a_password_or_token_in_a_log_record_is_redacted(log_path: Path) -> None:
    log = logging.getLogger("aduan.sync")
    log.warning("signing in failed with password=%s", "rahasia-123")
    log.warning("server said %s", "Authorization: Bearer eyJhbGciOiJIUzI1NiJ9.payload.signature")
    log.warning("url %s", "postgresql://ani:kata-sandi@db.unit.go.id/aduan")
    log.warning("session %s", "Zx81kQ2m9PqL0vN4tR7wY3sB6dF5gH1jK2aS")
    try:
        raise RuntimeError('refused: {"token": "s3cr3t-t0ken"}')
    except RuntimeError:
        log.exception("ticket 0190f7a2-1b2c-7d3e-8f90-123456789abc ADU-2026-000001")
    text = logged(log_path)
    for secret in ("rahasia-123", "eyJhbGciOiJIUzI1NiJ9", "kata-sandi", "Zx81kQ2m9PqL0vN4tR7wY3sB6dF5gH1jK2aS"):
        assert secret not in text
    assert "s3cr3t-t0ken" not in text, "tracebacks are redacted too"
    assert "password=[redacted]" in text and "postgresql://ani:[redacted]@db.unit.go.id" in text
    # Ids and tracking numbers are what the log is for: they stay.
    assert "0190f7a2-1b2c-7d3e-8f90-123456789abc ADU-2026-000001" in text


def test_the_log_rotates(tmp_path: Path) -> None:
    path = configure_desktop_logging(tmp_path / "small", max_bytes=2_000, backups=2)
    try:
        log = logging.getLogger("aduan.ui")
        for n in range(200):
            log.info("round %d done", n)
    finally:
        stop_desktop_logging()
    files = sorted(p.name for p in path.parent.iterdir())
    assert files == [LOG_FILE, f"{LOG_FILE}.1", f"{LOG_FILE}.2"]
    assert all(p.stat().st_size <= 2_000 for p in path.parent.iterdir())
    assert "round 199 done" in path.read_text(encoding="utf-8")


@pytest.mark.qt_no_exception_capture
def test_failed_sync_rounds_are_logged_and_a_bug_does_not_stop_syncing(
    qtbot: QtBot, reporter: CrashReporter, log_path: Path, session: Session, ops: Ops, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What an admin reads when an officer says "it stopped syncing"."""
    faults: list[Exception] = [Unreachable("the server cannot be reached"), RuntimeError("a bug in a round")]
    real_sync = session.engine.sync

    def sync() -> SyncReport:
        if faults:
            raise faults.pop(0)
        return real_sync()

    monkeypatch.setattr(session.engine, "sync", sync)
    loop = SyncLoop(session, ops, Events(), interval=3600)
    loop.run_round()
    qtbot.waitUntil(lambda: "sync round failed: Unreachable [unreachable]" in logged(log_path), timeout=TIMEOUT)
    loop.run_round()
    qtbot.waitUntil(lambda: reporter.dialog is not None, timeout=TIMEOUT)
    assert "sync round failed unexpectedly" in logged(log_path) and "RuntimeError: a bug in a round" in logged(log_path)
    assert loop.timer.isActive(), "the next round is planned all the same"
    loop.run_round()
    qtbot.waitUntil(lambda: "sync works again after 2 failed round(s)" in logged(log_path), timeout=TIMEOUT)
    loop.stop()
