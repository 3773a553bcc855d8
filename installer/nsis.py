"""The NSIS installer (``aduan-VERSION-setup.exe``): per user or per machine, silent with ``/S``.

``build_nsis`` compiles ``aduan.nsi`` with ``makensis`` (NSIS 3; Debian's ``nsis`` package or NSIS on
Windows), warnings treated as errors. It writes into a staging folder beside the output what the script
installs besides the frozen folder: the unit's ``unit-policy.json`` and ``unit-ca.pem`` when built with a
unit, and the list of the program's top-level files and folders (what an upgrade replaces and the
uninstaller removes — by name, so that a folder chosen by hand is never emptied wholesale).
"""

from __future__ import annotations

import json
import shutil
import subprocess
import tempfile
from pathlib import Path

from desktop.domain.errors import BadInput

from .assets import windows_numbers
from .unit_config import CA_FILE, POLICY_FILE, UnitConfig

SCRIPT = Path(__file__).resolve().with_name("aduan.nsi")
EXECUTABLE = "aduan.exe"
COMPRESSIONS = ("lzma", "zlib", "bzip2")
# Installed by the script itself, never part of the frozen folder's list.
OWN_FILES = {POLICY_FILE.lower(), CA_FILE.lower(), "uninstall.exe"}


def build_nsis(app_dir: Path, out_dir: Path, version: str, unit: UnitConfig | None, compression: str = "lzma") -> Path:
    """Compile the installer for the frozen folder ``app_dir``; returns the path of the setup program."""
    makensis = shutil.which("makensis")
    if makensis is None:
        raise BadInput("makensis is not installed (Debian: apt-get install nsis; Windows: NSIS 3 from nsis.sf.net)")
    if not (app_dir / EXECUTABLE).is_file():
        raise BadInput(f"{app_dir} holds no {EXECUTABLE}: build the Windows program first (installer/build.py)")
    if compression not in COMPRESSIONS:
        raise BadInput(f"compression {compression!r}: expected one of {', '.join(COMPRESSIONS)}")
    numbers = ".".join(str(n) for n in windows_numbers(version))
    out_dir.mkdir(parents=True, exist_ok=True)
    out_file = (out_dir / f"aduan-{version}-setup.exe").resolve()
    with tempfile.TemporaryDirectory(prefix="nsis-", dir=out_dir) as staging_name:
        staging = Path(staging_name).resolve()
        files_nsh = staging / "files.nsh"
        files_nsh.write_text(_removal_list(app_dir), encoding="utf-8")
        defines = {
            "VERSION": version,
            "VERSION_NUMBERS": numbers,
            "APP_DIR": str(app_dir.resolve()),
            "FILES_NSH": str(files_nsh),
            "OUT_FILE": str(out_file),
            "COMPRESSION": compression,
        }
        if unit is not None:
            unit_dir = staging / "unit"
            unit_dir.mkdir()
            policy = json.dumps(unit.policy(), indent=2, ensure_ascii=False) + "\n"
            (unit_dir / POLICY_FILE).write_text(policy, encoding="utf-8")
            if unit.ca_certificate is not None:
                (unit_dir / CA_FILE).write_bytes(unit.ca_certificate)
            defines["UNIT_DIR"] = str(unit_dir)
        command = [makensis, "-V2", "-WX", *(f"-D{name}={value}" for name, value in defines.items()), str(SCRIPT)]
        done = subprocess.run(command, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise BadInput(f"makensis failed (exit {done.returncode}):\n{done.stdout}{done.stderr}".rstrip())
    return out_file


def _removal_list(app_dir: Path) -> str:
    """NSIS lines removing each top-level entry of the frozen folder from $INSTDIR."""
    lines = ["; written by installer/nsis.py: the program's top-level files and folders"]
    for entry in sorted(app_dir.iterdir(), key=lambda p: p.name.lower()):
        if entry.name.lower() in OWN_FILES:
            raise BadInput(f"{entry}: the frozen folder must not hold {entry.name} (the installer writes it)")
        if '"' in entry.name or "$" in entry.name:
            raise BadInput(f"{entry}: a file name with '\"' or '$' cannot be installed by NSIS")
        command = 'RMDir /r "$INSTDIR\\{}"' if entry.is_dir() else 'Delete "$INSTDIR\\{}"'
        lines.append(command.format(entry.name))
    return "\n".join(lines) + "\n"
