"""What the officer arranged, remembered per officer: window geometry, splitters, columns, the chosen view and
filters.

Kept in ``layout.ini`` beside the officer's ``settings.json`` (a test's ``Settings(user_path=…)`` isolates both),
not in ``settings.json`` itself: these are Qt's own opaque states (``saveGeometry``/``saveState``), rewritten on
every close, and a broken or foreign value must cost only the arrangement — every reader falls back to the default
on anything it cannot use. Groups are per officer login *and* server, so two officers sharing a workstation (or
one officer on the demo and the unit's server) each find their own layout.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from PySide6.QtCore import QByteArray, QSettings

from ..settings import Settings

LAYOUT_FILE = "layout.ini"


class LayoutMemory:
    """One officer's remembered layout: ``get``/``put`` plain values, ``state``/``put_state`` Qt byte states."""

    def __init__(self, path: Path, officer: str, server: str) -> None:
        self.path = path
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._store = QSettings(str(self.path), QSettings.Format.IniFormat)
        # A hash, not the login and address themselves: the group name must be a valid INI key on every
        # platform, and the file then names nobody.
        self._group = hashlib.sha256(f"{officer}\n{server}".encode()).hexdigest()[:16]

    @classmethod
    def beside(cls, settings: Settings, officer: str, server: str) -> LayoutMemory:
        return cls(settings.user_path.with_name(LAYOUT_FILE), officer, server)

    def _key(self, name: str) -> str:
        return f"{self._group}/{name}"

    def get(self, name: str, default: Any = None) -> Any:
        value = self._store.value(self._key(name), default)
        return default if value is None else value

    def get_str(self, name: str, default: str = "") -> str:
        value = self.get(name, default)
        return value if isinstance(value, str) else default

    def get_list(self, name: str) -> list[str]:
        value = self.get(name, [])
        if isinstance(value, str):  # QSettings gives a one-element list back as a plain string
            return [value] if value else []
        return [str(item) for item in value] if isinstance(value, list) else []

    def put(self, name: str, value: Any) -> None:
        self._store.setValue(self._key(name), value)

    def state(self, name: str) -> QByteArray | None:
        value = self.get(name)
        return value if isinstance(value, QByteArray) and not value.isEmpty() else None

    def put_state(self, name: str, value: QByteArray) -> None:
        self.put(name, value)

    def sync(self) -> None:
        """Write to disk now (QSettings also writes on its own, at the latest when the application quits)."""
        self._store.sync()
