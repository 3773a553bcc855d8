"""Start the desktop client: Qt application, qasync event loop, settings, sign-in, main window.

Start-up never waits for the network: with a saved server and password the window opens on the local
cache at once and syncs in the background; the first run with nothing configured opens the embedded
demo workspace; a configured server without a saved password asks for it.
"""

from __future__ import annotations

import asyncio
import logging
import sys
from pathlib import Path

import qasync
from PySide6.QtWidgets import QApplication, QMessageBox

from .. import __version__
from ..domain.errors import AduanError
from ..logs import configure_desktop_logging, enable_faulthandler, log_file
from ..security.credentials import Credentials, KeyringCredentials, KeyringUnavailable, session_entry
from ..settings import Settings, is_aduan_server
from ..sync.session import Session, open_session
from ..sync.signin import resume
from . import i18n, theme, tour
from .crash import CrashReporter
from .errors import describe
from .main_window import MainWindow
from .ops import Ops
from .plain import plain_message_box
from .sign_in import SignInDialog

log = logging.getLogger("aduan.ui")


class Shell:
    """Owns the window and the sessions it was opened on; signing in elsewhere swaps the window."""

    def __init__(self, ops: Ops, settings: Settings, credentials: Credentials) -> None:
        self.ops = ops
        self.settings = settings
        self.credentials = credentials
        self.window: MainWindow | None = None
        self.sessions: list[Session] = []

    def show(self, session: Session) -> MainWindow:
        previous = self.window
        self.sessions.append(session)
        self.window = MainWindow(session, self.ops, self.settings, self.credentials)
        self.window.session_switched.connect(self.show)
        self.window.show()
        tour.offer_first_run_tour(self.window, self.window.layout_memory)  # once per officer and server
        if previous is not None:  # after the new one is shown, so that closing it does not quit the app
            previous.close()
            previous.deleteLater()
        return self.window

    def close_sessions(self) -> None:
        for session in self.sessions:
            session.close()


def _remembered_password(credentials: Credentials, url: str, officer: str | None) -> str | None:
    """For an Aduan server, the session this computer kept; a database URL (the owner's) carries its own."""
    if officer is None or not is_aduan_server(url):
        return None
    try:
        return credentials.get(url, session_entry(officer))
    except KeyringUnavailable:
        return None  # then the server asks, and the status bar says why the sync failed


async def _first_session(
    ops: Ops, settings: Settings, credentials: Credentials, url: str | None, officer: str | None, cache: Path | None
) -> Session | None:
    if url is not None:  # given on the command line: that database, without touching the network yet
        password = await ops.db(_remembered_password, credentials, url, officer)
        return await ops.net(open_session, url, officer, password, cache)
    session = await ops.db(resume, settings, credentials)
    if session is not None:
        return session
    dialog = SignInDialog(settings, credentials, ops)
    done: asyncio.Future[int] = asyncio.get_running_loop().create_future()

    def finish(result: int) -> None:
        if not done.done():
            done.set_result(result)

    dialog.finished.connect(finish)
    dialog.open()
    if not await done:
        return None
    return dialog.session


async def open_shell(
    settings: Settings,
    url: str | None,
    officer: str | None,
    cache: Path | None,
    credentials: Credentials | None = None,
) -> Shell | int:
    """The window on its first session, or the exit code when there is none (an error was shown)."""
    ops = Ops()
    credentials = credentials or KeyringCredentials()
    shell = Shell(ops, settings, credentials)
    try:
        session = await _first_session(ops, settings, credentials, url, officer, cache)
    except AduanError as exc:
        plain_message_box(None, QMessageBox.Icon.Critical, describe(exc)).exec()
        ops.shutdown()
        return exc.exit_code
    if session is None:
        ops.shutdown()
        return 0
    shell.show(session)
    return shell


async def _main(app: QApplication, settings: Settings, url: str | None, officer: str | None, cache: Path | None) -> int:
    reporter = CrashReporter(log_file(), app)
    reporter.install(asyncio.get_running_loop())
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    shell = await open_shell(settings, url, officer, cache)
    if isinstance(shell, int):
        return shell
    ops = shell.ops
    await closed.wait()
    # Cleanup after the window closed (not in an async close handler; see CONVENTIONS.md).
    ops.shutdown()
    shell.close_sessions()
    return 0


def start_app(settings: Settings) -> QApplication:
    """The Qt application in the officer's language and theme."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Aduan")
    i18n.install(app, str(settings.get("language")))
    theme.apply(app, str(settings.get("theme")))
    return app


def run(url: str | None = None, officer: str | None = None, cache: str | None = None) -> int:
    """Open the window (on ``url`` as ``officer`` when given, else as configured)."""
    try:
        settings = Settings()
    except AduanError as exc:  # a broken unit policy: the admin must fix it
        print(f"aduan: {exc.message}", file=sys.stderr)
        return exc.exit_code
    start_logging()
    app = start_app(settings)
    return int(qasync.run(_main(app, settings, url, officer, Path(cache) if cache else None)))


def start_logging() -> None:
    """The log file and faulthandler; a folder that cannot be written costs the log, never the start."""
    try:
        path = configure_desktop_logging()
        enable_faulthandler()
    except OSError as exc:
        print(f"aduan: no log file ({exc})", file=sys.stderr)
        return
    log.info("Aduan %s started; log file %s", __version__, path)


def show_and_close(url: str, officer: str, cache: Path, seconds: float = 60.0) -> str:
    """Open the window on ``url`` as ``officer``, wait until it is shown, close it; its title (``aduan diagnose
    --window``, the smoke test of the installed program). Raises instead of showing a message box: nobody is
    there to close one (offscreen)."""
    settings = Settings()
    app = start_app(settings)
    app.setQuitOnLastWindowClosed(False)  # the check ends the loop itself, after the window's tasks

    async def once() -> str:
        ops = Ops()
        shell = Shell(ops, settings, KeyringCredentials())
        try:
            session = await _first_session(ops, settings, shell.credentials, url, officer, cache)
            if session is None:
                raise RuntimeError("no session was opened")
            window = shell.show(session)
            loop = asyncio.get_running_loop()
            deadline = loop.time() + seconds
            # Shown, and titled: the title comes from the cache through ops, so the window's work ran too.
            while not (window.isVisible() and window.windowTitle()):
                if loop.time() > deadline:
                    raise RuntimeError(f"the window was not shown within {seconds:.0f} s")
                await asyncio.sleep(0.05)
            title = window.windowTitle()
            window.close()
            # What the window started (inbox load, titles) finishes before the loop stops under it.
            settle = loop.time() + 10
            while [task for task in asyncio.all_tasks() if task is not asyncio.current_task()]:
                if loop.time() > settle:
                    break
                await asyncio.sleep(0.05)
            return title
        finally:
            ops.shutdown()
            shell.close_sessions()

    return str(qasync.run(once()))
