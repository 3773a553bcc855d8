"""The look: Fusion on every platform, the system's light or dark scheme (or the officer's choice), and
one small stylesheet that only uses palette roles, so it reads well in both schemes.

``apply(app, settings.get("theme"))`` at start and again when the setting changes.
"""

from __future__ import annotations

from importlib.resources import files

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication

STYLESHEET = files("desktop") / "resources" / "styles" / "aduan.qss"  # installed with the package
SCHEMES = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}


def apply(app: QApplication, choice: str) -> None:
    """Follow the system ("system") or force "light" / "dark"."""
    app.setStyle("Fusion")
    hints = QGuiApplication.styleHints()
    wanted = SCHEMES.get(choice)
    if wanted is None:
        hints.unsetColorScheme()
    else:
        hints.setColorScheme(wanted)
    # Where the platform cannot switch schemes (offscreen, some Linux desktops) the palette does it.
    if wanted is not None and hints.colorScheme() != wanted:
        app.setPalette(dark_palette() if wanted is Qt.ColorScheme.Dark else app.style().standardPalette())
    else:
        app.setPalette(QPalette())  # the platform's palette for its current scheme
    app.setStyleSheet(STYLESHEET.read_text(encoding="utf-8"))
    if not app.property("aduanFollowsScheme"):
        # The stylesheet resolves palette(...) when it is set: set it again when the system switches.
        hints.colorSchemeChanged.connect(lambda _scheme: app.setStyleSheet(app.styleSheet()))
        app.setProperty("aduanFollowsScheme", True)


def is_dark(app: QApplication) -> bool:
    """Whether the application's palette is dark: window darker than its text."""
    window = app.palette().color(QPalette.ColorRole.Window)
    return window.lightness() < app.palette().color(QPalette.ColorRole.WindowText).lightness()


def dark_palette() -> QPalette:
    """A dark palette for Fusion, for platforms that do not provide one."""
    palette = QPalette()
    colours = {
        QPalette.ColorRole.Window: "#2b2b2b",
        QPalette.ColorRole.WindowText: "#e6e6e6",
        QPalette.ColorRole.Base: "#1f1f1f",
        QPalette.ColorRole.AlternateBase: "#333333",
        QPalette.ColorRole.ToolTipBase: "#3a3a2a",
        QPalette.ColorRole.ToolTipText: "#f0f0e0",
        QPalette.ColorRole.PlaceholderText: "#8c8c8c",
        QPalette.ColorRole.Text: "#e6e6e6",
        QPalette.ColorRole.Button: "#353535",
        QPalette.ColorRole.ButtonText: "#e6e6e6",
        QPalette.ColorRole.BrightText: "#ff6b6b",
        QPalette.ColorRole.Light: "#505050",
        QPalette.ColorRole.Midlight: "#404040",
        QPalette.ColorRole.Mid: "#5a5a5a",
        QPalette.ColorRole.Dark: "#1a1a1a",
        QPalette.ColorRole.Shadow: "#000000",
        QPalette.ColorRole.Highlight: "#3d7bd9",
        QPalette.ColorRole.HighlightedText: "#ffffff",
        QPalette.ColorRole.Link: "#7fb0ff",
        QPalette.ColorRole.LinkVisited: "#c49bff",
    }
    for role, colour in colours.items():
        palette.setColor(role, QColor(colour))
    for role in (QPalette.ColorRole.WindowText, QPalette.ColorRole.Text, QPalette.ColorRole.ButtonText):
        palette.setColor(QPalette.ColorGroup.Disabled, role, QColor("#7a7a7a"))
    return palette
