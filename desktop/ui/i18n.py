"""Translations: Indonesian on Indonesian systems, English otherwise (``ADUAN_LANG`` overrides).

The ``.ts`` sources live in resources/translations; the compiled ``.qm`` files are built, not committed:
on first use they are compiled with Qt's lrelease into the user's cache folder.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import platformdirs
import PySide6
from PySide6.QtCore import QCoreApplication, QLocale, QTranslator

SOURCES = Path(__file__).resolve().parents[2] / "resources" / "translations"
LANGUAGES = ("id", "en")


def chosen_language() -> str:
    wanted = os.environ.get("ADUAN_LANG") or QLocale.system().name().split("_")[0]
    return wanted if wanted in LANGUAGES else "en"


def _compiled(language: str) -> Path | None:
    source = SOURCES / f"aduan_{language}.ts"
    if not source.exists():
        return None
    target = Path(platformdirs.user_cache_dir("Aduan", appauthor=False)) / "translations" / f"aduan_{language}.qm"
    if not target.exists() or target.stat().st_mtime < source.stat().st_mtime:
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run([str(_lrelease()), "-silent", str(source), "-qm", str(target)], check=True)
    return target


def _lrelease() -> Path:
    """Qt's lrelease as shipped inside the PySide6 wheel."""
    folder = Path(PySide6.__file__).parent
    return next(p for p in (folder / "lrelease", folder / "lrelease.exe") if p.exists())


def install(app: QCoreApplication, language: str | None = None) -> QTranslator | None:
    """Install the translation for ``language`` (default: the system's); returns it, or None if missing."""
    # English is the source language; its file only carries plural forms.
    compiled = _compiled(language or chosen_language())
    translator = QTranslator(app)
    if compiled is None or not translator.load(str(compiled)):
        return None
    app.installTranslator(translator)
    return translator
