"""Build Aduan for officers' workstations: freeze, smoke-test the frozen program, package.

    python installer/build.py [--unit unit.toml] [--app-dir DIR] [--out DIR] [--installers nsis,msi|none]

1. reads the version from pyproject.toml;
2. freezes the app with PyInstaller (``installer/aduan.spec``) into ``OUT/dist/aduan`` (work files in
   ``OUT/build``; OUT is the repository by default), unless ``--app-dir`` names an already frozen folder;
3. runs the smoke test of the frozen program (``installer/smoke.py``); nothing is packaged if it fails;
4. builds the installers asked for (default: the NSIS setup and the MSI when the frozen folder is the Windows
   program, i.e. holds ``aduan.exe``; none for a Linux build), preconfigured with ``--unit``;
5. prints the size of the frozen folder and of each installer.

Exit codes: 0 built; 2 bad input (a missing or wrong unit.toml, a bad version, an unknown installer, a folder
that is not a frozen Aduan); 1 the build or the smoke test failed.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:  # run as a script: `python installer/build.py`
    sys.path.insert(0, str(ROOT))

from desktop.domain.errors import BadInput  # noqa: E402
from installer.assets import project_version  # noqa: E402
from installer.smoke import SmokeFailed, run_smoke  # noqa: E402

if TYPE_CHECKING:
    from installer.unit_config import UnitConfig

SPEC = ROOT / "installer" / "aduan.spec"
INSTALLERS = ("nsis", "msi")
MB = 1024 * 1024


class BuildFailed(Exception):
    """PyInstaller or a packaging tool failed (exit 1)."""


def parser() -> argparse.ArgumentParser:
    top = argparse.ArgumentParser(prog="installer/build.py", description=__doc__.split("\n\n")[0])
    top.add_argument("--unit", type=Path, metavar="unit.toml", help="preconfigure the installers for a unit")
    top.add_argument("--app-dir", type=Path, metavar="DIR", help="package this frozen folder instead of freezing")
    top.add_argument("--out", type=Path, metavar="DIR", default=ROOT, help="where build/ and dist/ go (the repo)")
    top.add_argument(
        "--installers",
        metavar="LIST",
        help="nsis,msi, nsis, msi or none (default: both for a Windows build, none for a Linux build)",
    )
    top.add_argument("--skip-smoke", action="store_true", help="package without the smoke test (not for releases)")
    return top


def requested_installers(raw: str | None) -> list[str] | None:
    """The installers named by ``--installers`` (checked before anything is built); None: the default."""
    if raw is None:
        return None
    names = [name.strip().lower() for name in raw.split(",") if name.strip()]
    if names == ["none"]:
        return []
    unknown = [name for name in names if name not in INSTALLERS]
    if unknown or not names:
        raise BadInput(f"--installers {raw!r}: expected nsis, msi, nsis,msi or none")
    return list(dict.fromkeys(names))


def default_installers(app_dir: Path) -> list[str]:
    """Both for the Windows program; none for a Linux build (the installers are for Windows)."""
    return list(INSTALLERS) if (app_dir / "aduan.exe").is_file() else []


def load_unit(path: Path | None) -> UnitConfig | None:
    if path is None:
        return None
    if not path.is_file():
        raise BadInput(f"--unit {path}: no such file (a unit.toml; see installer/unit.example.toml)")
    from installer.unit_config import load_unit_config

    return load_unit_config(path)


def freeze(out: Path) -> Path:
    """PyInstaller on the spec; returns the frozen folder ``out/dist/aduan``."""
    dist, work = out / "dist", out / "build" / "pyinstaller"
    command = [sys.executable, "-m", "PyInstaller", str(SPEC), "--noconfirm", "--clean"]
    command += ["--distpath", str(dist), "--workpath", str(work), "--log-level", "WARN"]
    print(f"build: freezing with PyInstaller into {dist / 'aduan'} (takes minutes)", flush=True)
    started = time.monotonic()
    done = subprocess.run(command, cwd=ROOT, check=False)
    if done.returncode != 0:
        raise BuildFailed(f"PyInstaller failed (exit {done.returncode}); its messages are above")
    print(f"build: frozen in {time.monotonic() - started:.0f} s", flush=True)
    return dist / "aduan"


def folder_size(folder: Path) -> int:
    return sum(path.stat().st_size for path in folder.rglob("*") if path.is_file() and not path.is_symlink())


def package(kind: str, app_dir: Path, out_dir: Path, version: str, unit: UnitConfig | None) -> Path:
    # Imported here: each packager needs its own tools (makensis, wixl), only when it is asked for.
    if kind == "nsis":
        from installer.nsis import build_nsis

        return build_nsis(app_dir, out_dir, version, unit)
    from installer.msi import build_msi

    return build_msi(app_dir, out_dir, version, unit)


def build(args: argparse.Namespace) -> list[tuple[str, Path, int]]:
    """Everything in order; returns (what, path, size in bytes) of the frozen folder and each installer."""
    version = project_version()
    unit = load_unit(args.unit)
    out = args.out.resolve()
    app_dir = out / "dist" / "aduan"
    if args.app_dir is not None:
        app_dir = args.app_dir.resolve()
        if not app_dir.is_dir():
            raise BadInput(f"--app-dir {args.app_dir}: no such folder")
        if not any((app_dir / name).is_file() for name in ("aduan.exe", "aduan")):
            raise BadInput(f"--app-dir {args.app_dir}: holds no aduan.exe or aduan (a frozen Aduan folder)")
    installers = requested_installers(args.installers)
    if args.app_dir is None:
        app_dir = freeze(out)
    if installers is None:
        installers = default_installers(app_dir)
    if args.skip_smoke:
        print("build: smoke test SKIPPED (--skip-smoke): do not ship this build", flush=True)
    else:
        run_smoke(app_dir, version, log=lambda line: print(line, flush=True))
    built = [("frozen folder", app_dir, folder_size(app_dir))]
    for kind in installers:
        made = package(kind, app_dir, out / "dist", version, unit)
        built.append((f"{kind} installer", made, made.stat().st_size))
    if not installers:
        print("build: no installer asked for (a Linux build packages nothing by default)", flush=True)
    return built


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    try:
        built = build(args)
    except BadInput as exc:
        print(f"build: {exc.message}", file=sys.stderr)
        return 2
    except (BuildFailed, SmokeFailed) as exc:
        print(f"build: FAILED: {exc}", file=sys.stderr)
        return 1
    for what, path, size in built:
        print(f"build: {what}: {path} {size / MB:.1f} MB")
    return 0


if __name__ == "__main__":
    os.environ.setdefault("PYTHONUTF8", "1")
    sys.exit(main())
