"""Start the desktop client: Qt application, qasync event loop, workspace, main window."""

from __future__ import annotations

import asyncio
import sys

import qasync
from PySide6.QtWidgets import QApplication, QMessageBox

from ..domain.errors import AduanError
from ..store.workspace import open_workspace
from . import i18n
from .main_window import MainWindow
from .ops import Ops


async def _main(app: QApplication, url: str | None, officer: str | None) -> int:
    ops = Ops()
    closed = asyncio.Event()
    app.aboutToQuit.connect(closed.set)
    try:
        workspace = await ops.db(open_workspace, url, officer)
    except AduanError as exc:
        QMessageBox.critical(None, "Aduan", exc.message)
        ops.shutdown()
        return exc.exit_code
    window = MainWindow(workspace, ops)
    window.show()
    window.refresh()
    await closed.wait()
    # Cleanup after the window closed (not in an async close handler; see CONVENTIONS.md).
    ops.shutdown()
    workspace.store.dispose()
    return 0


def run(url: str | None = None, officer: str | None = None) -> int:
    """Open the window on ``url`` (default: the embedded database) as ``officer``."""
    app = QApplication.instance() or QApplication(sys.argv)
    assert isinstance(app, QApplication)
    app.setApplicationName("Aduan")
    i18n.install(app)
    return int(qasync.run(_main(app, url, officer)))
