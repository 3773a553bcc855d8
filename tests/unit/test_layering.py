"""Only desktop/ui imports Qt: everything else must load without PySide6."""

from __future__ import annotations

import pkgutil
import subprocess
import sys

import desktop


def test_nothing_outside_ui_loads_pyside6() -> None:
    modules = [
        m.name
        for m in pkgutil.walk_packages(desktop.__path__, "desktop.")
        if not m.name.startswith(("desktop.ui", "desktop.store.migrations"))
    ]
    assert "desktop.store.claims" in modules and "desktop.cli" in modules
    probe = "; ".join(f"import {name}" for name in modules)
    probe += "; import sys; loaded = [m for m in sys.modules if m.startswith('PySide6')]; print(loaded)"
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]"
