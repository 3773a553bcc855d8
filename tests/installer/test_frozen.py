"""The frozen program: the Linux one-folder build made by PyInstaller from installer/aduan.spec (once per test
run: it takes minutes) passes the smoke test build.py runs before packaging, leaves out the Qt parts Aduan does
not use, and build.py packages an already frozen folder and refuses bad input with exit 2.

The Windows build is frozen and smoke-tested the same way by .github/workflows/windows.yml (PyInstaller cannot
build a Windows program on Linux)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from installer.assets import project_version, windows_numbers
from installer.build import MB, folder_size, freeze
from installer.smoke import run_smoke
from installer.trim import keep
from tests.conftest import missing

pytestmark = pytest.mark.slow  # run first: see tests/conftest.py

ROOT = Path(__file__).resolve().parents[2]
BUILD = [sys.executable, str(ROOT / "installer" / "build.py")]


@pytest.fixture(scope="module")
def frozen(tmp_path_factory: pytest.TempPathFactory) -> Path:
    try:
        import PyInstaller  # noqa: F401
    except ImportError:
        missing("PyInstaller is not installed (pip install -e .[test])")
    if sys.platform.startswith("linux") and not (shutil.which("dbus-daemon") and shutil.which("gnome-keyring-daemon")):
        missing("the keyring check needs a Secret Service: apt-get install dbus-daemon gnome-keyring")
    return freeze(tmp_path_factory.mktemp("frozen"))


def test_the_frozen_program_passes_the_smoke_test(frozen: Path) -> None:
    passed = run_smoke(frozen, project_version())
    assert [line.split(":")[0] for line in passed] == [
        "--version",
        "db upgrade on smoke.db",
        "keyring",
        "window",
        "certificates",
        "HTTPS with the unit's CA",
        "HTTPS with only the bundled store refused",
    ]
    assert "SecretService" in passed[2]
    assert "CERTIFICATE_VERIFY_FAILED" in passed[-1]


def test_the_frozen_folder_leaves_out_what_aduan_does_not_use(frozen: Path) -> None:
    internal = frozen / "_internal"
    files = [path.relative_to(internal).as_posix() for path in internal.rglob("*") if path.is_file()]
    size = folder_size(frozen) / MB
    print(f"\nfrozen folder {frozen}: {size:.1f} MB in {len(files)} files")
    names = " ".join(files).lower()
    for unused in ("qtwebengine", "qt6quick", "qt6qml", "qt6pdf", "qt63d", "qt6multimedia", "libgtk-3", "/qml/"):
        assert unused not in names, unused
    assert [name for name in files if not keep(name)] == []
    # What the app needs: the offscreen and desktop platforms, SVG images, Qt Charts for the statistics, the
    # compiled translations, the migrations as files, certifi's store, Indonesia's holiday names.
    for needed in (
        "plugins/platforms/libqoffscreen.so",
        "plugins/platforms/libqxcb.so",
        "plugins/imageformats/libqsvg.so",
        "libQt6Charts.so.6",
        "desktop/resources/translations/aduan_id.qm",
        "desktop/resources/styles/aduan.qss",
        "desktop/resources/icons/aduan.png",
        "desktop/resources/icons/overdue.svg",  # the window's icon set (desktop/ui/icons.py)
        "desktop/store/migrations/env.py",
        "desktop/store/migrations/versions/0001_initial_schema.py",
        "certifi/cacert.pem",
        "holidays/locale/id/LC_MESSAGES/ID.mo",
        "tzdata/zoneinfo/Asia/Jakarta",
    ):
        assert any(name.endswith(needed) for name in files), needed
    qt_catalogues = sorted(name.rsplit("/", 1)[-1] for name in files if "/translations/qt" in name)
    assert qt_catalogues == ["qt_en.qm", "qtbase_en.qm"]
    assert size < 300  # measured 230 MB on Linux (ICU alone is 38 MB there; Windows uses its own)


def test_build_packages_a_frozen_folder_and_prints_its_size(frozen: Path, tmp_path: Path) -> None:
    done = subprocess.run(
        [*BUILD, "--app-dir", str(frozen), "--out", str(tmp_path), "--installers", "none", "--skip-smoke"],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert f"build: frozen folder: {frozen} " in done.stdout and done.stdout.rstrip().endswith("MB")
    assert "no installer asked for" in done.stdout


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["--unit", "missing-unit.toml"], "missing-unit.toml: no such file"),
        (["--installers", "zip"], "--installers 'zip'"),
        (["--app-dir", "installer"], "holds no aduan.exe or aduan"),
        (["--app-dir", "no-such-folder"], "no-such-folder: no such folder"),
    ],
)
def test_build_refuses_bad_input_with_exit_2(args: list[str], named: str, tmp_path: Path) -> None:
    done = subprocess.run(
        [*BUILD, *args, "--out", str(tmp_path)], cwd=ROOT, capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert named in done.stderr
    assert not (tmp_path / "dist").exists()  # refused before anything was built


def test_a_bad_unit_file_is_refused_before_freezing(tmp_path: Path) -> None:
    unit = tmp_path / "unit.toml"
    unit.write_text('[settings]\nsync_interval_seconds = "often"\n', encoding="utf-8")
    done = subprocess.run(
        [*BUILD, "--unit", str(unit), "--out", str(tmp_path)], capture_output=True, text=True, timeout=120, check=False
    )
    assert done.returncode == 2, done.stdout + done.stderr
    assert "sync_interval_seconds" in done.stderr and "freezing" not in done.stdout


def test_the_version_must_be_one_windows_can_carry(tmp_path: Path) -> None:
    from desktop.domain.errors import BadInput

    assert windows_numbers("1.2.3") == (1, 2, 3, 0)
    assert windows_numbers("2.0rc1") == (2, 0, 0, 0)
    for bad in ("1.x", "70000.1", "v1.2"):
        with pytest.raises(BadInput, match="version"):
            windows_numbers(bad)
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[project]\nname = "aduan"\nversion = "next"\n', encoding="utf-8")
    with pytest.raises(BadInput, match="'next'"):
        project_version(pyproject)
