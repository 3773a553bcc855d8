"""qasync drives whichever Qt binding it finds first (PyQt5 before PySide6); Aduan's must be PySide6."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("left_for_another_tool", [None, "pyqt5"])
def test_the_app_binds_qasync_to_pyside6_even_with_pyqt_installed(
    tmp_path: Path, left_for_another_tool: str | None
) -> None:
    (tmp_path / "PyQt5").mkdir()
    (tmp_path / "PyQt5" / "__init__.py").write_text("")  # found first, but no QtCore: qasync fails on it
    env = {key: value for key, value in os.environ.items() if key != "QT_API"}
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(tmp_path), env.get("PYTHONPATH")]))
    env["QT_QPA_PLATFORM"] = "offscreen"
    if left_for_another_tool is not None:
        env["QT_API"] = left_for_another_tool
    done = subprocess.run(
        [sys.executable, "-c", "import desktop.ui.app, qasync; print(qasync.QtModuleName)"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "PySide6"
