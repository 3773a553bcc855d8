"""Translations: the language chosen in the settings ("auto": Indonesian on Indonesian systems, English
otherwise); ``ADUAN_LANG`` overrides everything, for tests and screenshots.

Aduan's ``.ts`` sources live in desktop/resources/translations, installed with the package; the compiled
``.qm`` files are built, not committed: on first use they are compiled with Qt's lrelease into the user's
cache folder (the installed, frozen program ships them compiled beside the sources). Qt's own ``qtbase``
translations (standard buttons, context menus) are installed too where PySide6 ships the language.
"""

from __future__ import annotations

import os
import subprocess
import sys
from importlib.resources import files
from pathlib import Path

import platformdirs
import PySide6
from PySide6.QtCore import QCoreApplication, QLibraryInfo, QLocale, QTranslator

from ..domain.translatable import QT_TRANSLATE_NOOP

SOURCES = Path(str(files("desktop") / "resources" / "translations"))  # lrelease needs a real path
LANGUAGES = ("id", "en")
LOCALES = {"id": QLocale.Language.Indonesian, "en": QLocale.Language.English}
_INSTALLED: list[QTranslator] = []

# Qt ships no Indonesian catalogue for its standard dialog buttons: listed here so that lupdate puts them
# into aduan_id.ts, whose translator Qt then asks like any other.
QT_BUTTONS = (
    QT_TRANSLATE_NOOP("QPlatformTheme", "OK"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Cancel"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Close"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Save"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Yes"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "No"),
    QT_TRANSLATE_NOOP("QPlatformTheme", "Apply"),
)


def chosen_language(setting: str | None = None) -> str:
    """The language to show, "id" or "en": ``ADUAN_LANG``, else the setting, else the system's ("auto")."""
    wanted = os.environ.get("ADUAN_LANG") or (setting if setting not in (None, "auto") else None)
    wanted = wanted or QLocale.system().name().split("_")[0]
    return wanted if wanted in LANGUAGES else "en"


def _compiled(language: str) -> Path | None:
    source = SOURCES / f"aduan_{language}.ts"
    shipped = source.with_suffix(".qm")
    if getattr(sys, "frozen", False) and shipped.exists():
        return shipped  # the installed program: compiled by the build (installer/assets.py), no lrelease there
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


def qt_translations(language: str) -> Path | None:
    """Qt's own ``qtbase`` catalogue for ``language``, if this Qt ships one (6.12 has none for Indonesian)."""
    found = Path(QLibraryInfo.path(QLibraryInfo.LibraryPath.TranslationsPath)) / f"qtbase_{language}.qm"
    return found if found.exists() else None


def install(app: QCoreApplication, language: str | None = None) -> QTranslator | None:
    """Install the translations for ``language`` (the "language" setting: "auto", "id", "en", or None for
    the system's), replacing any installed before; returns Aduan's translator, or None if it is missing."""
    remove(app)
    chosen = chosen_language(language)
    QLocale.setDefault(QLocale(LOCALES[chosen]))  # numbers and sizes written the language's way
    qt_catalogue = qt_translations(chosen)
    if qt_catalogue is not None:
        qt_translator = QTranslator(app)
        if qt_translator.load(str(qt_catalogue)):
            app.installTranslator(qt_translator)
            _INSTALLED.append(qt_translator)
    # English is the source language; its file only carries plural forms.
    compiled = _compiled(chosen)
    translator = QTranslator(app)
    if compiled is None or not translator.load(str(compiled)):
        return None
    app.installTranslator(translator)
    _INSTALLED.append(translator)
    return translator


def remove(app: QCoreApplication) -> None:
    """Remove every translator ``install`` put in (tests switch languages within one application)."""
    while _INSTALLED:
        app.removeTranslator(_INSTALLED.pop())
