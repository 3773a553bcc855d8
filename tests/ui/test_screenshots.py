"""Screenshots of every screen under Xvfb (``screenshot_scenes.SCENES``: sign-in, inbox, a report with its
history, its dialogs and its printed disposition sheet, discussion, attention panel, …), in both languages
and once in the dark scheme.

The PNGs go to ``build/screenshots`` (``ADUAN_SCREENSHOTS`` overrides) for a person to look at; the test
checks that each was written and is a real picture, not an empty window. A scene that cannot be made fails
the run: the scenes stop at the first error.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.conftest import missing
from tests.e2e.cli import ROOT
from tests.ui.screenshot_scenes import SCENES

FOLDER = Path(os.environ.get("ADUAN_SCREENSHOTS", ROOT / "build" / "screenshots"))
SMALLEST = (400, 150)
# Dialogs small by design (three fields and their buttons), with the size they cannot be smaller than.
SMALL_SCENES = {"properties": (400, 110)}


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        missing("Xvfb is not installed (apt-get install xvfb)")
    if shutil.which("pdftoppm") is None:
        missing("pdftoppm is not installed (apt-get install poppler-utils): it draws the printed sheet")
    read, write = os.pipe()
    server = subprocess.Popen(
        ["Xvfb", "-displayfd", str(write), "-screen", "0", "1920x1200x24", "-nolisten", "tcp"], pass_fds=(write,)
    )
    os.close(write)
    with os.fdopen(read) as pipe:
        number = pipe.readline().strip()
    try:
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(timeout=10)


def distinct_colours(image: QImage) -> int:
    step = max(1, image.width() // 120)
    return len({image.pixel(x, y) for x in range(0, image.width(), step) for y in range(0, image.height(), step)})


@pytest.mark.parametrize("prefix", ["id", "en", "en-dark"])
def test_screenshots_of_every_view(display: str, prefix: str, tmp_path: Path) -> None:
    language = prefix.split("-")[0]
    env = {k: v for k, v in os.environ.items() if not k.startswith("ADUAN_")}
    env.update(DISPLAY=display, QT_QPA_PLATFORM="xcb", ADUAN_LANG=language, ADUAN_CONFIG_DIR=str(tmp_path))
    FOLDER.mkdir(parents=True, exist_ok=True)
    started = time.time() - 1  # a picture left by an earlier run is not this run's (mtimes may be coarse)
    done = subprocess.run(
        [sys.executable, "-m", "tests.ui.screenshot_scenes", str(FOLDER), prefix, str(tmp_path)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    for scene in SCENES:
        path = FOLDER / f"{prefix}-{scene}.png"
        assert path.is_file() and path.stat().st_mtime >= started, f"{scene}: no picture from this run"
        image = QImage(str(path))
        assert not image.isNull(), f"{scene}: not a picture"
        width, height = SMALL_SCENES.get(scene, SMALLEST)
        assert image.width() >= width and image.height() >= height, f"{scene}: {image.width()}x{image.height()}"
        assert distinct_colours(image) > 20, f"{scene}: looks empty"
