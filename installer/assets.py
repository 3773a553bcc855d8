"""What the frozen program needs that is made at build time: the version (from pyproject.toml), the compiled
translations (.qm, from the .ts sources with the lrelease of the PySide6 wheel), the icon (.png and .ico from
the SVG) and the Windows version resource.

Used by ``aduan.spec`` (so that ``pyinstaller installer/aduan.spec`` alone works) and by ``build.py``.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import BadInput

ROOT = Path(__file__).resolve().parents[1]
RESOURCES = ROOT / "desktop" / "resources"
ICON_SVG = RESOURCES / "icons" / "aduan.svg"
ICON_SIZES = (16, 24, 32, 48, 64, 128, 256)
# PEP 440 release numbers with an optional pre/post/dev part; Windows wants four numbers of at most 65535.
VERSION = re.compile(r"^(\d+)\.(\d+)(?:\.(\d+))?(?:\.(\d+))?((?:a|b|rc|\.post|\.dev)\d+)?$")


@dataclass(frozen=True)
class Assets:
    version: str
    translations: list[Path]
    icon_png: Path
    icon_ico: Path
    version_file: Path


def project_version(pyproject: Path = ROOT / "pyproject.toml") -> str:
    """The version in pyproject.toml, checked to be a release number Windows can carry."""
    try:
        version = tomllib.loads(pyproject.read_text(encoding="utf-8"))["project"]["version"]
    except (OSError, tomllib.TOMLDecodeError, KeyError) as exc:
        raise BadInput(f"{pyproject}: no [project] version ({exc})") from None
    windows_numbers(str(version))
    return str(version)


def windows_numbers(version: str) -> tuple[int, int, int, int]:
    """``1.2.3`` -> (1, 2, 3, 0): the four numbers of a Windows file version."""
    found = VERSION.match(version)
    if found is None:
        raise BadInput(f"version {version!r}: expected a release number such as 1.2.3 (PEP 440)")
    numbers = tuple(int(part or 0) for part in found.groups()[:4])
    if any(number > 65535 for number in numbers):
        raise BadInput(f"version {version!r}: Windows allows at most 65535 in each part")
    return numbers[0], numbers[1], numbers[2], numbers[3]


def lrelease() -> Path:
    """Qt's lrelease as shipped inside the PySide6 wheel of this Python."""
    import PySide6

    folder = Path(PySide6.__file__).parent
    for name in ("lrelease", "lrelease.exe"):
        if (folder / name).exists():
            return folder / name
    raise BadInput(f"no lrelease in {folder}: install the PySide6 wheel")


def compile_translations(out: Path) -> list[Path]:
    """Every ``desktop/resources/translations/*.ts`` compiled to ``out/*.qm`` (the frozen app has no lrelease)."""
    out.mkdir(parents=True, exist_ok=True)
    compiled = []
    for source in sorted((RESOURCES / "translations").glob("*.ts")):
        target = out / f"{source.stem}.qm"
        subprocess.run([str(lrelease()), "-silent", str(source), "-qm", str(target)], check=True)
        compiled.append(target)
    if not compiled:
        raise BadInput(f"no translations (*.ts) in {RESOURCES / 'translations'}")
    return compiled


RENDER = """
import sys
from PySide6.QtCore import Qt
from PySide6.QtGui import QGuiApplication, QImage, QPainter
from PySide6.QtSvg import QSvgRenderer
app = QGuiApplication([])
image = QImage(256, 256, QImage.Format.Format_ARGB32)
image.fill(Qt.GlobalColor.transparent)
painter = QPainter(image)
QSvgRenderer(sys.argv[1]).render(painter)
painter.end()
sys.exit(0 if image.save(sys.argv[2]) else 1)
"""


def make_icon(out: Path) -> tuple[Path, Path]:
    """The SVG drawn at 256 px by Qt (in a child process: offscreen, away from PyInstaller's), then the
    Windows .ico with every size Explorer asks for (Pillow)."""
    from PIL import Image

    out.mkdir(parents=True, exist_ok=True)
    png, ico = out / "aduan.png", out / "aduan.ico"
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run([sys.executable, "-c", RENDER, str(ICON_SVG), str(png)], check=True, env=env)
    with Image.open(png) as image:
        image.save(ico, sizes=[(size, size) for size in ICON_SIZES])
    return png, ico


VERSION_INFO = """# Windows version resource of aduan.exe, written by installer/assets.py
VSVersionInfo(
  ffi=FixedFileInfo(filevers={numbers}, prodvers={numbers}, mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1,
                    subtype=0x0, date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'Aduan'),
      StringStruct('FileDescription', 'Aduan - complaint handling for public-complaint units'),
      StringStruct('FileVersion', '{version}'),
      StringStruct('InternalName', 'aduan'),
      StringStruct('LegalCopyright', 'Aduan'),
      StringStruct('OriginalFilename', 'aduan.exe'),
      StringStruct('ProductName', 'Aduan'),
      StringStruct('ProductVersion', '{version}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def version_file(out: Path, version: str) -> Path:
    out.mkdir(parents=True, exist_ok=True)
    target = out / "version_info.txt"
    target.write_text(VERSION_INFO.format(numbers=windows_numbers(version), version=version), encoding="utf-8")
    return target


def prepare(out: Path) -> Assets:
    """Everything above, made in ``out`` (the PyInstaller work folder)."""
    version = project_version()
    png, ico = make_icon(out / "icon")
    return Assets(version, compile_translations(out / "translations"), png, ico, version_file(out, version))
