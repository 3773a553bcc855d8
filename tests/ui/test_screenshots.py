"""Screenshots of sign-in, inbox, ticket, discussion and attention panel under Xvfb, in both languages
(and once in the dark scheme).

The PNGs go to ``build/screenshots`` (``ADUAN_SCREENSHOTS`` overrides) for a person to look at; the test
checks that each was written and is a real picture, not an empty window.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from tests.conftest import missing
from tests.e2e.cli import ROOT
from tests.ui.screenshot_scenes import SCENES

FOLDER = Path(os.environ.get("ADUAN_SCREENSHOTS", ROOT / "build" / "screenshots"))


@pytest.fixture(scope="module")
def display() -> Iterator[str]:
    if shutil.which("Xvfb") is None:
        missing("Xvfb is not installed (apt-get install xvfb)")
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
        image = QImage(str(FOLDER / f"{prefix}-{scene}.png"))
        assert not image.isNull(), f"{scene}: no picture"
        assert image.width() >= 400 and image.height() >= 150, f"{scene}: {image.width()}x{image.height()}"
        assert distinct_colours(image) > 20, f"{scene}: looks empty"
