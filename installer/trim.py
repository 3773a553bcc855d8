"""What the frozen folder leaves out of what PyInstaller's hooks collect: Qt's translations for languages and
tools Aduan does not ship, and Qt libraries and plugins of modules it does not use. The installer should stay
near 100 MB (issue 16: ≤ 120 MB) while PySide6-Addons alone is several hundred.

A plain function of the destination path, so that the spec (``a.binaries``, ``a.datas``) and the test (which
checks the frozen folder) share one list.
"""

from __future__ import annotations

import re

# Qt libraries (Linux ``libQt6Pdf.so.6``, Windows ``Qt6Pdf.dll``) and the plugins that would pull them in.
UNUSED_QT = re.compile(
    r"qt6(webengine\w*|webchannel\w*|websockets|webview\w*|qml\w*|quick\w*|3d\w*|multimedia\w*|spatialaudio"
    r"|texttospeech|pdf\w*|designer\w*|help|location|positioning\w*|bluetooth|nfc|sensors\w*|serialport|serialbus"
    r"|remoteobjects\w*|scxml\w*|datavisualization\w*|graphs\w*|httpserver|networkauth|sql|test|canvaspainter"
    r"|virtualkeyboard\w*|shadertools|labs\w*|statemachine\w*)\b"
)
UNUSED_PLUGIN_FOLDERS = (
    "multimedia", "sqldrivers", "qmltooling", "position", "sensors", "canbus", "texttospeech", "designer",
    "geoservices", "renderers", "sceneparsers", "geometryloaders", "renderplugins", "assetimporters",
    "webview", "qmllint", "qmlls", "scxmldatamodel", "virtualkeyboard",
)  # fmt: skip
# The GTK theme plugin drags GTK, Cairo and Pango along (10 MB); Aduan draws with Fusion on every platform.
UNUSED_PLUGINS = re.compile(
    r"/plugins/(imageformats/(lib)?qpdf|platforminputcontexts/(lib)?qtvirtualkeyboard|platformthemes/(lib)?qgtk3)"
)
# The system libraries (Linux) that only the GTK theme plugin loads.
GTK_ONLY = re.compile(
    r"lib(gtk-3|gdk-3|gdk_pixbuf-2\.0|cairo|cairo-gobject|pango-1\.0|pangocairo-1\.0|pangoft2-1\.0|atk-1\.0"
    r"|atk-bridge-2\.0|atspi|epoxy|pixman-1)\.so"
)
# Qt's own catalogues: only the languages Aduan speaks (Qt ships none for Indonesian yet).
QT_TRANSLATION = re.compile(r"/translations/(?P<name>[a-z_]+?)_(?P<lang>[a-z]{2}(_[a-z]{2})?)\.qm$")
KEPT_QT_CATALOGUES = {("qtbase", "en"), ("qtbase", "id"), ("qt", "en"), ("qt", "id")}


def keep(destination: str) -> bool:
    """Whether the file PyInstaller would put at ``destination`` (relative to ``_internal``) is kept."""
    path = "/" + destination.replace("\\", "/").lower()
    name = path.rsplit("/", 1)[-1]
    if GTK_ONLY.match(name):
        return False
    if not path.startswith("/pyside6/"):
        return True
    if UNUSED_QT.search(name.removeprefix("lib")) or UNUSED_PLUGINS.search(path):
        return False
    if any(f"/plugins/{folder}/" in path for folder in UNUSED_PLUGIN_FOLDERS) or "/qml/" in path:
        return False
    catalogue = QT_TRANSLATION.search(path)
    if catalogue is not None:
        return (catalogue["name"], catalogue["lang"]) in KEPT_QT_CATALOGUES
    return True
