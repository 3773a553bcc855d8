"""The window's icons: one set of 24×24 stroke SVGs (``resources/icons``), drawn in the theme's colours.

``icon("claim")`` gives a QIcon whose colour is chosen when it is painted, not when it is made: the text
colour of the palette in force (the highlighted text's on a selected row, the disabled text's when greyed
out), so an icon made before the officer switched to the dark theme reads right after it. The urgency
badges (overdue, due today, due soon, on time) carry their own tone, a light and a dark variant of it,
each readable as text on the theme's base colour; ``tone(name)`` gives it for the badge's words.
The icons never carry meaning alone: every place that shows one says it in words too.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from PySide6.QtCore import QByteArray, QPoint, QRect, QSize, Qt
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QIconEngine, QPainter, QPalette, QPixmap
from PySide6.QtSvg import QSvgRenderer

FOLDER = files("desktop") / "resources" / "icons"  # installed with the package; collected by installer/aduan.spec

# name: (light theme, dark theme). Contrast with the base colour is at least 4.5:1 in each.
TONES = {
    "overdue": ("#c62828", "#ff7a7a"),
    "due-today": ("#b34700", "#ffa64d"),
    "due-soon": ("#7a6200", "#e6c84d"),
    "on-time": ("#2e7d32", "#7ccf80"),
}
ALIASES = {"refresh": "sync"}
NAMES = (
    "overdue",
    "due-today",
    "due-soon",
    "on-time",
    "claim",
    "release",
    "take-over",
    "next",
    "reply",
    "send",
    "note",
    "status",
    "transfer",
    "assign",
    "print",
    "history",
    "search",
    "clear",
    "sync",
    "new-report",
    "discussion",
    "attention",
    "referral",
    "channel",
    "settings",
    "warning",
    "offline",
    "online",
    "duplicate",
    "link",
    "unlink",
    "canned",
    "inbox",
    "password",
    "sign-in",
    "quit",
    "audit",
    "statistics",
)


@cache
def _svg(name: str) -> bytes:
    return (FOLDER / f"{ALIASES.get(name, name)}.svg").read_bytes()


def _dark(palette: QPalette) -> bool:
    return palette.color(QPalette.ColorRole.Base).lightness() < palette.color(QPalette.ColorRole.Text).lightness()


def tone(name: str, palette: QPalette | None = None) -> QColor | None:
    """The badge's own colour in the current theme; None for an icon drawn in the text's colour."""
    variants = TONES.get(name)
    if variants is None:
        return None
    shown = palette if palette is not None else QGuiApplication.palette()
    return QColor(variants[1] if _dark(shown) else variants[0])


def _colour(name: str, mode: QIcon.Mode) -> QColor:
    palette = QGuiApplication.palette()
    if mode is QIcon.Mode.Disabled:
        return palette.color(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText)
    if mode is QIcon.Mode.Selected:
        return palette.color(QPalette.ColorRole.HighlightedText)
    return tone(name, palette) or palette.color(QPalette.ColorRole.WindowText)


@cache
def _pixmap(name: str, width: int, height: int, colour: str) -> QPixmap:
    renderer = QSvgRenderer(QByteArray(_svg(name).replace(b"currentColor", colour.encode("ascii"))))
    pixmap = QPixmap(width, height)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    side = min(width, height)
    renderer.render(painter, QRect((width - side) // 2, (height - side) // 2, side, side))
    painter.end()
    return pixmap


class _ThemedEngine(QIconEngine):
    """Renders the SVG with the colour of the moment (see the module's docstring)."""

    def __init__(self, name: str) -> None:
        super().__init__()
        self.name = name

    def paint(self, painter: QPainter, rect: QRect, mode: QIcon.Mode, _state: QIcon.State) -> None:
        ratio = painter.device().devicePixelRatioF() if painter.device() is not None else 1.0
        pixmap = self.pixmap(QSize(round(rect.width() * ratio), round(rect.height() * ratio)), mode, _state)
        pixmap.setDevicePixelRatio(ratio)
        painter.drawPixmap(QPoint(rect.x(), rect.y()), pixmap)

    def pixmap(self, size: QSize, mode: QIcon.Mode, _state: QIcon.State) -> QPixmap:
        colour = _colour(self.name, mode).name(QColor.NameFormat.HexRgb)
        return QPixmap(_pixmap(self.name, max(size.width(), 1), max(size.height(), 1), colour))

    def actualSize(self, size: QSize, _mode: QIcon.Mode, _state: QIcon.State) -> QSize:
        return size

    def clone(self) -> QIconEngine:
        return _ThemedEngine(self.name)

    def key(self) -> str:
        return "aduan-themed-svg"

    def iconName(self) -> str:
        return self.name


def icon(name: str) -> QIcon:
    """The set's icon ``name`` (see ``NAMES``), drawn in the theme's colours when painted."""
    _svg(name)  # a misspelt name fails here, where it is asked for, not in a paint event
    return QIcon(_ThemedEngine(name))
