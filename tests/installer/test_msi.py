"""The MSI, built by wixl and installed by Wine's msiexec: properties into the Group Policy key, files, the
Start-menu shortcut, the unit's policy file, upgrade in place, uninstall — and the officer's data never touched.

PyInstaller cannot make a Windows program on Linux, so the package here holds a stand-in frozen folder: a real
Windows program from Wine (``hostname.exe``) copied as ``aduan.exe``, and a few files under ``_internal/``. The
real frozen program is packaged, installed and run in the Windows workflow (.github/workflows/windows.yml), which
also builds the same .wxs with WiX 3. Wine puts a per-machine shortcut in the user's Start menu where Windows
puts it in ProgramData's: the test accepts either, the Windows workflow checks Windows' place.

One Wine prefix for the module (``wineboot`` takes seconds); the tests run in order in it, each leaving
nothing of Aduan installed.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from desktop.settings import Settings
from installer.msi import POLICY_PROPERTIES, UPGRADE_CODE, build_msi
from installer.unit_config import load_unit_config
from tests.conftest import missing
from tests.installer.certificates import throwaway_ca

WINE_PROGRAM = Path("/usr/lib/x86_64-linux-gnu/wine/x86_64-windows/hostname.exe")
POLICY_KEY = r"HKLM\SOFTWARE\Policies\Aduan"
UNINSTALL_KEY = r"HKLM\Software\Microsoft\Windows\CurrentVersion\Uninstall"
SERVER = "https://aduan.example.go.id"


@dataclass
class Wine:
    prefix: Path
    env: dict[str, str]

    def run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        result = subprocess.run(["wine", *args], env=self.env, capture_output=True, text=True, timeout=120)
        if check:
            assert result.returncode == 0, f"wine {' '.join(args)}: {result.returncode}\n{result.stdout}{result.stderr}"
        return result

    def msiexec(self, *args: str) -> int:
        return self.run("msiexec", *args, "/qn", check=False).returncode

    def registry(self, key: str) -> dict[str, str] | None:
        """The REG_SZ values under ``key``; None when the key does not exist."""
        result = self.run("reg", "query", key, check=False)
        if result.returncode != 0:
            return None
        values = {}
        for line in result.stdout.splitlines():
            parts = line.strip().split(maxsplit=2)
            if len(parts) >= 2 and parts[1] == "REG_SZ":
                values[parts[0]] = parts[2] if len(parts) == 3 else ""
        return values

    def installed_products(self) -> list[str]:
        result = self.run("reg", "query", UNINSTALL_KEY, "/s", "/v", "DisplayName", check=False)
        return [line for line in result.stdout.splitlines() if line.strip().split()[-1:] == ["Aduan"]]

    @property
    def program_folder(self) -> Path:
        return self.prefix / "drive_c" / "Program Files" / "Aduan"

    @property
    def user_folder(self) -> Path:
        users = self.prefix / "drive_c" / "users"
        return next(p for p in users.iterdir() if p.name != "Public")

    @property
    def officer_data(self) -> Path:
        return self.user_folder / "AppData" / "Local" / "Aduan"

    def shortcuts(self) -> list[Path]:
        """Aduan.lnk in the all-users Start menu (Windows' place) or the user's (Wine's)."""
        places = [
            self.prefix / "drive_c" / "ProgramData" / "Microsoft" / "Windows" / "Start Menu" / "Programs",
            self.user_folder / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs",
        ]
        return [place / "Aduan.lnk" for place in places if (place / "Aduan.lnk").exists()]


@pytest.fixture(scope="module")
def wine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Wine]:
    for tool, package in (("wine", "wine"), ("wixl", "wixl"), ("msiinfo", "msitools"), ("msibuild", "msitools")):
        if shutil.which(tool) is None:
            missing(f"{tool} is not installed (Debian package {package})")
    if not WINE_PROGRAM.exists():
        missing(f"{WINE_PROGRAM} is missing (Debian package wine64)")
    prefix = tmp_path_factory.mktemp("wine")
    env = {**os.environ, "WINEPREFIX": str(prefix), "WINEARCH": "win64", "WINEDEBUG": "-all", "DISPLAY": ""}
    subprocess.run(["wine", "wineboot", "-i"], env=env, capture_output=True, check=True, timeout=180)
    try:
        yield Wine(prefix, env)
    finally:
        subprocess.run(["wineserver", "-k"], env=env, capture_output=True, check=False, timeout=60)


def stand_in_app(folder: Path, version: str) -> Path:
    """A frozen folder's shape: aduan.exe (a real Windows program) and PyInstaller's _internal/."""
    (folder / "_internal" / "PySide6").mkdir(parents=True)
    shutil.copyfile(WINE_PROGRAM, folder / "aduan.exe")
    (folder / "_internal" / "base_library.zip").write_bytes(b"stand-in")
    (folder / "_internal" / "version.txt").write_text(version, encoding="utf-8")
    (folder / "_internal" / "PySide6" / "qt.conf").write_text("[Paths]\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def packages(tmp_path_factory: pytest.TempPathFactory, wine: Wine) -> dict[str, Path]:
    root = tmp_path_factory.mktemp("msi")
    return {
        version: build_msi(stand_in_app(root / f"app-{version}", version), root / f"out-{version}", version, None)
        for version in ("0.1.0", "0.2.0")
    }


@pytest.fixture(scope="module")
def unit_package(tmp_path_factory: pytest.TempPathFactory, wine: Wine) -> tuple[Path, Path]:
    """An MSI built with a unit.toml (and its CA certificate, made by openssl); the unit.toml."""
    root = tmp_path_factory.mktemp("unit")
    throwaway_ca(root / "kanreg-ca.pem")
    unit_toml = root / "unit.toml"
    unit_toml.write_text(
        '[server]\nurl = "https://aduan.kanreg1.example.go.id:8443"\nca_certificate = "kanreg-ca.pem"\n'
        '[unit]\ncode = "kanreg-1"\n'
        '[settings]\nlanguage = "id"\nsync_interval_seconds = 30\ncache_encryption = "required"\n',
        encoding="utf-8",
    )
    unit = load_unit_config(unit_toml)
    return build_msi(stand_in_app(root / "app", "0.3.0"), root / "out", "0.3.0", unit), unit_toml


def msi_table(msi: Path, table: str) -> list[list[str]]:
    """The rows of an MSI table (msiinfo export: three header lines, then tab-separated rows)."""
    exported = subprocess.run(["msiinfo", "export", str(msi), table], capture_output=True, text=True, check=True)
    return [line.split("\t") for line in exported.stdout.splitlines()[3:]]


def test_the_package_tables_hold_the_properties_registry_shortcut_and_upgrade(unit_package: tuple[Path, Path]) -> None:
    msi, _ = unit_package
    properties = {row[0]: row[1] for row in msi_table(msi, "Property")}
    assert properties["ALLUSERS"] == "1"  # per machine
    assert properties["UpgradeCode"] == "{" + UPGRADE_CODE + "}"
    assert properties["ProductVersion"] == "0.3.0"
    # The unit's values are the properties' defaults.
    assert properties["SERVER_URL"] == "https://aduan.kanreg1.example.go.id:8443"
    assert properties["UNIT"] == "kanreg-1"
    assert properties["SYNC_INTERVAL"] == "30"
    assert set(properties["SecureCustomProperties"].split(";")) >= {p.property for p in POLICY_PROPERTIES}

    registry = {row[3]: row for row in msi_table(msi, "Registry")}
    for prop in POLICY_PROPERTIES:
        _, root, key, _, value, _ = registry[prop.setting]
        assert (root, key, value) == ("2", r"SOFTWARE\Policies\Aduan", f"[{prop.property}]")  # 2: HKLM

    [shortcut] = msi_table(msi, "Shortcut")
    assert shortcut[1:5] == ["ProgramMenuFolder", "Aduan", "MainExecutable", "[#AduanExe]"]

    upgrades = {row[6]: row for row in msi_table(msi, "Upgrade")}
    assert upgrades["WIX_UPGRADE_DETECTED"][:3] == ["{" + UPGRADE_CODE + "}", "", "0.3.0"]  # every older version
    assert upgrades["WIX_DOWNGRADE_DETECTED"][:2] == ["{" + UPGRADE_CODE + "}", "0.3.0"]

    files = {row[2].split("|")[-1] for row in msi_table(msi, "File")}
    assert files == {"aduan.exe", "base_library.zip", "version.txt", "qt.conf", "unit-policy.json", "unit-ca.pem"}


def test_install_with_properties_upgrade_keeps_settings_and_data_uninstall_removes_what_it_installed(
    wine: Wine, packages: dict[str, Path]
) -> None:
    assert wine.msiexec("/i", str(packages["0.1.0"]), f"SERVER_URL={SERVER}", "UNIT=kanreg-1") == 0
    assert (wine.program_folder / "aduan.exe").read_bytes() == WINE_PROGRAM.read_bytes()
    assert (wine.program_folder / "_internal" / "version.txt").read_text(encoding="utf-8") == "0.1.0"
    assert (wine.program_folder / "_internal" / "PySide6" / "qt.conf").exists()
    [shortcut] = wine.shortcuts()
    assert b"C:\\Program Files\\Aduan\\aduan.exe" in shortcut.read_bytes()
    policy = wine.registry(POLICY_KEY)
    assert policy is not None
    assert policy["server_url"] == SERVER and policy["unit"] == "kanreg-1"
    assert policy["language"] == "" and policy["sync_interval_seconds"] == ""  # not given: empty, i.e. not set
    assert len(wine.installed_products()) == 1

    # The officer works: settings and cache in %LOCALAPPDATA%\Aduan, which no install touches.
    wine.officer_data.mkdir(parents=True)
    (wine.officer_data / "settings.json").write_text('{"theme": "dark"}', encoding="utf-8")
    (wine.officer_data / "cache.sqlite").write_bytes(b"queued work")

    # The upgrade is started without properties (as a GPO assignment of the new version would be).
    assert wine.msiexec("/i", str(packages["0.2.0"])) == 0
    assert (wine.program_folder / "_internal" / "version.txt").read_text(encoding="utf-8") == "0.2.0"
    assert len(wine.installed_products()) == 1
    assert wine.registry(POLICY_KEY) == policy  # remembered from the install it replaced
    assert len(wine.shortcuts()) == 1
    assert (wine.officer_data / "settings.json").read_text(encoding="utf-8") == '{"theme": "dark"}'
    assert (wine.officer_data / "cache.sqlite").read_bytes() == b"queued work"

    # An older package does not replace a newer one.
    assert wine.msiexec("/i", str(packages["0.1.0"])) != 0
    assert (wine.program_folder / "_internal" / "version.txt").read_text(encoding="utf-8") == "0.2.0"

    assert wine.msiexec("/x", str(packages["0.2.0"])) == 0
    assert not wine.program_folder.exists()
    assert wine.shortcuts() == []
    assert wine.registry(POLICY_KEY) is None
    assert wine.installed_products() == []
    assert (wine.officer_data / "settings.json").read_text(encoding="utf-8") == '{"theme": "dark"}'
    assert (wine.officer_data / "cache.sqlite").read_bytes() == b"queued work"


def test_a_unit_package_puts_the_policy_beside_the_program_and_the_command_line_still_wins(
    wine: Wine, unit_package: tuple[Path, Path], tmp_path: Path
) -> None:
    msi, unit_toml = unit_package
    assert wine.msiexec("/i", str(msi), "SERVER_URL=https://cadangan.kanreg1.example.go.id") == 0
    installed_policy = wine.program_folder / "unit-policy.json"
    assert json.loads(installed_policy.read_text(encoding="utf-8")) == load_unit_config(unit_toml).policy()
    assert (wine.program_folder / "unit-ca.pem").read_bytes() == (unit_toml.parent / "kanreg-ca.pem").read_bytes()
    registry = wine.registry(POLICY_KEY)
    assert registry is not None
    assert registry["server_url"] == "https://cadangan.kanreg1.example.go.id"  # given: wins over the unit's
    assert registry["unit"] == "kanreg-1"  # the unit's default
    assert registry["sync_interval_seconds"] == "30"

    # What the app makes of it: the registry above the policy file, both locking.
    settings = Settings(installed_policy, tmp_path / "settings.json", policy_registry=lambda: registry)
    assert settings.get("server_url") == "https://cadangan.kanreg1.example.go.id"
    assert settings.get("sync_interval_seconds") == 30
    assert settings.get("theme") == "system" and not settings.locked("theme")
    assert settings.get("ca_certificate") == str(wine.program_folder / "unit-ca.pem")
    assert all(settings.locked(name) for name in ("server_url", "unit", "language", "cache_encryption"))

    assert wine.msiexec("/x", str(msi)) == 0
    assert not wine.program_folder.exists()
    assert wine.registry(POLICY_KEY) is None
