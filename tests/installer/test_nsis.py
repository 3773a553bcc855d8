"""The NSIS installer, compiled by makensis (warnings are errors) and run under Wine (64-bit prefix).

The payload is a stand-in for the frozen program, because PyInstaller cannot make a Windows program on
Linux: ``aduan.exe`` is a real 64-bit Windows program taken from Wine itself (``hostname.exe``) and
``_internal/`` holds a few files. What the installer does with files, shortcuts, the registry and the unit
policy does not depend on what the program is; the frozen Aduan itself is installed by the Windows CI job.

Each prefix is made with ``wineboot -i`` (WINEARCH=win64) in the test's temporary folder; the per-user and
the per-machine installs do not touch each other and share one prefix, the upgrade has its own. The
Debian packages are ``nsis`` and ``wine`` (+ ``wine64``).
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path, PureWindowsPath

import pytest

from desktop.domain.errors import BadInput
from installer.nsis import build_nsis
from installer.unit_config import load_unit_config
from tests.conftest import missing
from tests.installer.certificates import throwaway_ca

EXAMPLE = Path(__file__).resolve().parents[2] / "installer" / "unit.example.toml"
UNINSTALL_KEY = r"Software\Microsoft\Windows\CurrentVersion\Uninstall\Aduan"
WINE_PROGRAMS = Path("/usr/lib/x86_64-linux-gnu/wine/x86_64-windows")
WAIT_SECONDS = 120  # an upper bound for the uninstaller's copy in %TEMP% to finish; never a measured figure


def payload(folder: Path, version: str, old_file: bool) -> Path:
    """A stand-in frozen folder: a real Windows program as aduan.exe and an _internal/ of a few files."""
    app = folder / f"app-{version}"
    (app / "_internal" / "PySide6").mkdir(parents=True)
    shutil.copy(WINE_PROGRAMS / "hostname.exe", app / "aduan.exe")
    (app / "_internal" / "version.txt").write_text(version, encoding="utf-8")
    (app / "_internal" / "PySide6" / "qt.conf").write_text("[Paths]\n", encoding="utf-8")
    if old_file:
        (app / "_internal" / "dropped-in-the-next-version.txt").write_text("old", encoding="utf-8")
    return app


@dataclass
class Installers:
    v1: Path  # 0.1.0, the example unit
    v2: Path  # 0.2.0, the example unit with a CA certificate
    ca: bytes


@pytest.fixture(scope="module")
def installers(tmp_path_factory: pytest.TempPathFactory) -> Installers:
    if shutil.which("makensis") is None:
        missing("makensis is not installed (Debian package nsis)")
    if not (WINE_PROGRAMS / "hostname.exe").exists():
        missing("64-bit Wine is not installed (Debian packages wine, wine64)")
    folder = tmp_path_factory.mktemp("nsis")
    unit = folder / "unit"
    unit.mkdir()
    throwaway_ca(unit / "kanreg-ca.pem")
    text = EXAMPLE.read_text(encoding="utf-8").replace(
        '# ca_certificate = "kanreg-ca.pem"', 'ca_certificate = "kanreg-ca.pem"'
    )
    (unit / "unit.toml").write_text(text, encoding="utf-8")
    with_ca = load_unit_config(unit / "unit.toml")
    assert with_ca.ca_certificate is not None
    # zlib: the same script, compressed faster than lzma for the tests
    v1 = build_nsis(payload(folder, "0.1.0", True), folder / "out", "0.1.0", load_unit_config(EXAMPLE), "zlib")
    v2 = build_nsis(payload(folder, "0.2.0", False), folder / "out", "0.2.0", with_ca, "zlib")
    return Installers(v1, v2, with_ca.ca_certificate)


class Wine:
    """One 64-bit Wine prefix: runs Windows programs, reads its registry, maps Windows paths to files."""

    def __init__(self, prefix: Path) -> None:
        self.prefix = prefix
        self.env = {**os.environ, "WINEPREFIX": str(prefix), "WINEARCH": "win64", "WINEDEBUG": "-all"}
        self.env.pop("DISPLAY", None)  # silent installs need no window; nothing may pop up
        self.run("wineboot", "-i")
        users = [p.name for p in (prefix / "drive_c" / "users").iterdir() if p.name != "Public"]
        assert len(users) == 1, users
        self.user = users[0]

    def run(self, *command: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            ["wine", *command], env=self.env, capture_output=True, text=True, errors="replace", timeout=300
        )

    def file(self, windows_path: str) -> Path:
        """The Linux path of a C:\\ path in this prefix."""
        parts = PureWindowsPath(windows_path).parts
        assert parts[0].upper() == "C:\\", windows_path
        return self.prefix.joinpath("drive_c", *parts[1:])

    def registry(self, key: str) -> dict[str, str] | None:
        """The values of a key (name -> data as reg prints it), None when the key does not exist."""
        done = self.run("reg", "query", key)
        if done.returncode != 0:
            return None
        values = {}
        for line in done.stdout.splitlines():
            fields = line.strip().split(None, 2)
            if len(fields) >= 2 and fields[1].startswith("REG_"):
                values[fields[0]] = fields[2] if len(fields) == 3 else ""
        return values

    def local_appdata(self) -> str:
        return f"C:\\users\\{self.user}\\AppData\\Local"

    def per_user_folder(self) -> str:
        return f"{self.local_appdata()}\\Programs\\Aduan"

    def uninstall(self, entry: dict[str, str]) -> None:
        """Run the entry's QuietUninstallString as Windows would, and wait until its copy in %TEMP% finished
        (an NSIS uninstaller copies itself there and returns at once): until the key is gone."""
        command = entry["QuietUninstallString"]
        assert command.endswith(" /S") and command.startswith('"')
        program = command[1 : command.index('"', 1)]
        root = "HKCU" if program.lower().startswith(self.local_appdata().lower()) else "HKLM"
        assert self.run(program, "/S").returncode == 0
        deadline = time.monotonic() + WAIT_SECONDS
        while self.registry(f"{root}\\{UNINSTALL_KEY}") is not None or self.file(program).exists():
            assert time.monotonic() < deadline, f"the uninstaller did not finish within {WAIT_SECONDS} s"
            time.sleep(0.5)

    def close(self) -> None:
        subprocess.run(["wineserver", "-k"], env=self.env, capture_output=True, check=False)


def make_prefix(folder: Path) -> Iterator[Wine]:
    if shutil.which("wine") is None:
        missing("Wine is not installed (Debian packages wine, wine64)")
    wine = Wine(folder / "prefix")
    try:
        yield wine
    finally:
        wine.close()


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wine]:
    yield from make_prefix(tmp_path_factory.mktemp("wine"))


@pytest.fixture
def own(tmp_path: Path) -> Iterator[Wine]:
    yield from make_prefix(tmp_path)


def user_data(wine: Wine) -> dict[Path, bytes]:
    """The officer's own files, as the app keeps them in %LOCALAPPDATA%\\Aduan."""
    folder = wine.file(f"{wine.local_appdata()}\\Aduan")
    files = {
        folder / "settings.json": b'{"theme": "dark"}\n',
        folder / "cache" / "ani.sqlite": b"SQLite format 3\x00 the officer's queued work",
    }
    for path, content in files.items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(content)
    return files


def test_makensis_compiles_the_script_with_warnings_as_errors(installers: Installers, tmp_path: Path) -> None:
    for setup in (installers.v1, installers.v2):
        assert setup.read_bytes()[:2] == b"MZ", "a Windows program"
    assert installers.v1.name == "aduan-0.1.0-setup.exe"
    with pytest.raises(BadInput, match="holds no aduan.exe"):
        build_nsis(tmp_path, tmp_path / "out", "0.1.0", None)
    with pytest.raises(BadInput, match="version 'latest'"):
        build_nsis(installers.v1.parent.parent / "app-0.1.0", tmp_path / "out", "latest", None)


def test_a_silent_per_user_install_and_its_uninstall(installers: Installers, shared: Wine) -> None:
    wine = shared
    done = wine.run(str(installers.v1), "/S", "/CurrentUser")
    assert done.returncode == 0, done.stderr
    folder = wine.per_user_folder()
    assert wine.file(f"{folder}\\aduan.exe").read_bytes() == (WINE_PROGRAMS / "hostname.exe").read_bytes()
    assert wine.file(f"{folder}\\_internal\\version.txt").read_text() == "0.1.0"
    assert wine.file(f"{folder}\\_internal\\PySide6\\qt.conf").exists()
    policy = json.loads(wine.file(f"{folder}\\unit-policy.json").read_text(encoding="utf-8"))
    assert policy == load_unit_config(EXAMPLE).policy()
    assert not wine.file(f"{folder}\\unit-ca.pem").exists(), "the example unit has no CA certificate"
    shortcut = wine.file(
        f"C:\\users\\{wine.user}\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Aduan.lnk"
    )
    assert f"{folder}\\aduan.exe".encode() in shortcut.read_bytes()
    entry = wine.registry(f"HKCU\\{UNINSTALL_KEY}")
    assert entry is not None
    assert {k: entry[k] for k in ("DisplayName", "DisplayVersion", "Publisher", "InstallLocation")} == {
        "DisplayName": "Aduan",
        "DisplayVersion": "0.1.0",
        "Publisher": "Aduan",
        "InstallLocation": folder,
    }
    assert entry["UninstallString"] == f'"{folder}\\uninstall.exe"'
    assert entry["QuietUninstallString"] == f'"{folder}\\uninstall.exe" /S'
    assert wine.registry(f"HKLM\\{UNINSTALL_KEY}") is None or "Program Files" in str(
        wine.registry(f"HKLM\\{UNINSTALL_KEY}")
    ), "a per-user install writes nothing per machine"

    kept = user_data(wine)
    wine.uninstall(entry)
    assert not wine.file(folder).exists(), "the program folder is removed"
    assert not shortcut.exists()
    assert wine.registry(f"HKCU\\{UNINSTALL_KEY}") is None
    assert all(path.read_bytes() == content for path, content in kept.items()), "the officer's data stays"


def test_a_silent_per_machine_install_and_its_uninstall(installers: Installers, shared: Wine) -> None:
    wine = shared
    done = wine.run(str(installers.v2), "/S", "/AllUsers")
    assert done.returncode == 0, done.stderr
    folder = "C:\\Program Files\\Aduan"
    assert wine.file(f"{folder}\\_internal\\version.txt").read_text() == "0.2.0"
    policy = json.loads(wine.file(f"{folder}\\unit-policy.json").read_text(encoding="utf-8"))
    assert policy["ca_certificate"] == "unit-ca.pem" and policy["unit"] == "kanreg-1"
    assert wine.file(f"{folder}\\unit-ca.pem").read_bytes() == installers.ca
    shortcut = wine.file("C:\\ProgramData\\Microsoft\\Windows\\Start Menu\\Programs\\Aduan.lnk")
    assert f"{folder}\\aduan.exe".encode() in shortcut.read_bytes()
    entry = wine.registry(f"HKLM\\{UNINSTALL_KEY}")
    assert entry is not None and entry["InstallLocation"] == folder and entry["DisplayVersion"] == "0.2.0"
    hkcu = wine.registry(f"HKCU\\{UNINSTALL_KEY}")
    assert hkcu is None or hkcu["InstallLocation"] != folder, "a per-machine install writes nothing per user"

    wine.uninstall(entry)
    assert not wine.file(folder).exists() and not shortcut.exists()
    assert wine.registry(f"HKLM\\{UNINSTALL_KEY}") is None


def test_the_officers_data_folder_is_refused_as_the_install_folder(installers: Installers, shared: Wine) -> None:
    wine = shared
    kept = user_data(wine)
    data_folder = f"{wine.local_appdata()}\\Aduan"
    done = wine.run(str(installers.v1), "/S", "/CurrentUser", f"/D={data_folder}")
    assert done.returncode == 2
    assert not wine.file(f"{data_folder}\\aduan.exe").exists()
    assert all(path.read_bytes() == content for path, content in kept.items())


def test_an_upgrade_replaces_the_program_and_keeps_the_officers_data(installers: Installers, own: Wine) -> None:
    wine = own
    assert wine.run(str(installers.v1), "/S", "/CurrentUser").returncode == 0
    folder = wine.per_user_folder()
    assert wine.file(f"{folder}\\_internal\\dropped-in-the-next-version.txt").exists()
    kept = user_data(wine)

    assert wine.run(str(installers.v2), "/S", "/CurrentUser").returncode == 0
    entry = wine.registry(f"HKCU\\{UNINSTALL_KEY}")
    assert entry is not None and entry["DisplayVersion"] == "0.2.0" and entry["InstallLocation"] == folder
    assert wine.file(f"{folder}\\_internal\\version.txt").read_text() == "0.2.0"
    assert not wine.file(f"{folder}\\_internal\\dropped-in-the-next-version.txt").exists(), "files replaced"
    assert wine.file(f"{folder}\\unit-ca.pem").read_bytes() == installers.ca
    assert json.loads(wine.file(f"{folder}\\unit-policy.json").read_text())["ca_certificate"] == "unit-ca.pem"
    assert all(path.read_bytes() == content for path, content in kept.items()), "the officer's data untouched"
    programs = wine.file(f"{wine.local_appdata()}\\Programs")
    assert [p.name for p in programs.iterdir()] == ["Aduan"], "one install, in place"
    uninstall_keys = wine.run("reg", "query", f"HKCU\\{UNINSTALL_KEY.rsplit(chr(92), 1)[0]}").stdout
    assert uninstall_keys.lower().count("\\uninstall\\aduan") == 1, "one uninstall entry"
