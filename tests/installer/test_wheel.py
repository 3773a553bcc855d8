"""The package as it is installed, not as it lies in the repository: a wheel built with ``pip wheel .``,
installed into a fresh virtualenv, opens the window offscreen in Indonesian with its stylesheet.

Only Aduan comes from the wheel. Its dependencies (PySide6 alone is some 300 MB) come from this test run's
own environment through a ``.pth`` line, so the test does not download them again; the editable install of
the checkout is not activated by that line (a ``.pth`` inside an added folder is not read).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import sysconfig
import venv
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import asyncio, json, sys
from pathlib import Path

import desktop
from desktop.security.credentials import MemoryCredentials
from desktop.settings import Settings
from desktop.ui.app import open_shell, start_app
from PySide6.QtWidgets import QLabel
import qasync

settings = Settings()
app = start_app(settings)


async def main() -> dict:
    shell = await open_shell(settings, None, None, None, MemoryCredentials())
    window = shell.window
    shown = {
        "package": desktop.__file__,
        "visible": window.isVisible(),
        "stylesheet": app.styleSheet(),
        "labels": [label.text() for label in window.findChildren(QLabel)],
    }
    window.close()
    shell.ops.shutdown()
    shell.close_sessions()
    return shown


print(json.dumps(qasync.run(main())))
"""


@pytest.mark.timeout(300)
def test_a_wheel_installed_in_a_fresh_venv_opens_the_window_with_its_translations_and_styles(tmp_path: Path) -> None:
    # From a copy: building in the checkout would reuse a build/ folder an earlier build left behind.
    source = tmp_path / "source"
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".*", "build", "*.egg-info", "__pycache__", "tests"))
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path / "dist"), str(source)],
        capture_output=True,
        text=True,
    )
    assert built.returncode == 0, built.stdout + built.stderr
    (wheel,) = (tmp_path / "dist").glob("aduan-*.whl")

    fresh = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(fresh)
    python = fresh / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    site = Path(
        subprocess.run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_path('purelib'))"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    )
    (site / "dependencies.pth").write_text(sysconfig.get_path("purelib") + "\n", encoding="utf-8")
    installed = subprocess.run(
        [str(python), "-m", "pip", "install", "--no-deps", "--no-index", "-q", str(wheel)],
        capture_output=True,
        text=True,
    )
    assert installed.returncode == 0, installed.stdout + installed.stderr

    home = tmp_path / "home"
    env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "ADUAN_POLICY", "VIRTUAL_ENV")}
    env.update(
        QT_QPA_PLATFORM="offscreen",
        ADUAN_LANG="id",
        ADUAN_CONFIG_DIR=str(home / "config"),
        XDG_DATA_HOME=str(home / "data"),
        XDG_CACHE_HOME=str(home / "cache"),
        XDG_CONFIG_HOME=str(home / "config"),
    )
    (tmp_path / "probe.py").write_text(PROBE, encoding="utf-8")
    ran = subprocess.run(
        [str(python), str(tmp_path / "probe.py")], cwd=tmp_path, env=env, capture_output=True, text=True, timeout=240
    )
    assert ran.returncode == 0, ran.stdout + ran.stderr
    shown = json.loads(ran.stdout.strip().splitlines()[-1])

    assert Path(shown["package"]).is_relative_to(fresh), shown["package"]  # the wheel's, not the checkout's
    assert shown["visible"]
    packaged = (ROOT / "desktop" / "resources" / "styles" / "aduan.qss").read_text(encoding="utf-8")
    assert shown["stylesheet"] == packaged
    assert any(text.startswith("Ruang kerja demo") for text in shown["labels"]), shown["labels"]
