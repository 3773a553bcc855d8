"""What an admin installs to run the server side: the systemd units, the example configurations, the container
image's definition and its CI workflow.

systemd-analyze checks the units as systemd would load them and scores their hardening; the worker runs a real
round under the kernel rule behind ``MemoryDenyWriteExecute=yes`` (no writable code: CPython, psycopg's binary
build and argon2-cffi must not need it). The image itself is built in CI (.github/workflows/container.yml): no
container engine runs here, so here its files are only read.
"""

from __future__ import annotations

import ctypes
import re
import shutil
import subprocess
import sys
import tomllib
from contextlib import ExitStack
from pathlib import Path

import pytest
import yaml

from desktop.server.config import load_service_config
from tests.conftest import missing
from tests.server.service_world import (
    SERVER_PASSWORD,
    database,
    logins_dropped_last,
    server_login,
    service_env,
    worker_config,
)

ROOT = Path(__file__).resolve().parents[2]
SERVER = ROOT / "installer" / "server"
UNITS = ("aduan-server.service", "aduan-worker.service")
INSTALLED_ADUAN = "/opt/aduan/venv/bin/aduan"
# systemd-analyze security's scale: 0 (locked down) to 10 (exposed); "OK" ends below 4.5. Ours scored 1.2.
EXPOSURE_LIMIT = 2.0
PR_GET_MDWE = 66  # whether the kernel knows the rule (PR_SET_MDWE = 65 sets it: UNDER_MDWE)


def systemd_analyze() -> str:
    found = shutil.which("systemd-analyze")
    if found is None:
        missing("systemd-analyze (Debian package systemd) checks the unit files")
    assert found is not None
    return found


def runnable_copies(folder: Path) -> list[Path]:
    """The units with ExecStart pointing at this checkout's ``aduan`` (verify wants the program to exist)."""
    aduan = Path(sys.executable).with_name("aduan")
    assert aduan.is_file(), "the project is installed in the venv (pip install -e .)"
    copies = []
    for unit in UNITS:
        text = (SERVER / unit).read_text(encoding="utf-8")
        assert INSTALLED_ADUAN in text
        copy = folder / unit
        copy.write_text(text.replace(INSTALLED_ADUAN, str(aduan)), encoding="utf-8")
        copies.append(copy)
    return copies


def service_section(unit: str) -> dict[str, list[str]]:
    """The [Service] settings as systemd reads them: a key given twice keeps both values, in order."""
    values: dict[str, list[str]] = {}
    section = ""
    for line in (SERVER / unit).read_text(encoding="utf-8").splitlines():
        if line.startswith("["):
            section = line.strip("[]")
        elif section == "Service" and "=" in line and not line.startswith("#"):
            key, _, value = line.partition("=")
            values.setdefault(key, []).append(value)
    return values


def test_the_units_verify_and_their_exposure_is_low(tmp_path: Path) -> None:
    analyze = systemd_analyze()
    copies = runnable_copies(tmp_path)
    verified = subprocess.run([analyze, "verify", "--man=no", *map(str, copies)], capture_output=True, text=True)
    assert verified.returncode == 0 and verified.stderr == "", verified.stderr
    for copy in copies:
        scored = subprocess.run(
            [analyze, "security", "--offline=yes", "--no-pager", str(copy)], capture_output=True, text=True
        )
        found = re.search(r"Overall exposure level for \S+: ([0-9.]+)", scored.stdout + scored.stderr)
        assert found is not None, scored.stdout + scored.stderr
        print(f"\n{copy.name}: exposure {found[1]} (limit {EXPOSURE_LIMIT})")
        assert float(found[1]) < EXPOSURE_LIMIT, scored.stdout


def test_the_units_run_the_configured_program_as_aduan_with_the_password_as_a_credential() -> None:
    for unit, command in zip(UNITS, ("server", "worker"), strict=True):
        service = service_section(unit)
        assert service["ExecStart"] == [f"{INSTALLED_ADUAN} {command} --config /etc/aduan/aduan.toml"], unit
        assert service["User"] == ["aduan"] and service["Restart"] == ["on-failure"], unit
        assert service["LoadCredential"] == ["db-password:/etc/aduan/db-password"], unit
        assert service["CapabilityBoundingSet"] == [""] and service["AmbientCapabilities"] == [""], unit
        for setting in ("NoNewPrivileges", "ProtectHome", "PrivateTmp", "PrivateDevices", "MemoryDenyWriteExecute"):
            assert service[setting] == ["yes"], (unit, setting)
        assert service["ProtectSystem"] == ["strict"] and "ReadWritePaths" not in service, "it writes nothing"
        assert service["SystemCallFilter"][0] == "@system-service", unit


def test_the_example_configurations_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The examples an admin copies are valid as written, once the files they point at exist."""
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(tmp_path))
    (tmp_path / "db-password").write_text("sandi\n", encoding="utf-8")
    for name in ("server.crt", "server.key"):
        (tmp_path / name).write_text("PEM\n", encoding="utf-8")
    text = (SERVER / "server.example.toml").read_text(encoding="utf-8").replace("/etc/aduan/tls/", f"{tmp_path}/")
    config = load_service_config(_written(tmp_path / "server.toml", text))
    assert (config.listen, config.log_format, config.cert) == ("0.0.0.0:8443", "json", str(tmp_path / "server.crt"))
    text = (SERVER / "container.example.toml").read_text(encoding="utf-8").replace("/run/secrets/", f"{tmp_path}/")
    container = load_service_config(_written(tmp_path / "container.toml", text))
    assert container.behind_proxy and container.listen == "0.0.0.0:8080"


def _written(path: Path, text: str) -> Path:
    path.write_text(text, encoding="utf-8")
    return path


def test_the_container_files_say_what_the_image_does() -> None:
    """YAML that parses, and the pieces that make the image a service: a non-root user, the readiness check
    with Python (no curl in the slim image), the server and the worker from one configuration file."""
    containerfile = (SERVER / "Containerfile").read_text(encoding="utf-8")
    assert re.search(r"^FROM python:3\.11-slim$", containerfile, re.M)
    assert re.search(r"^USER aduan$", containerfile, re.M)
    assert (
        "HEALTHCHECK" in containerfile
        and "/v1/ready" in containerfile
        and "curl" not in containerfile.split("HEALTHCHECK")[1].split("\n")[0]
    )
    compose = yaml.safe_load((SERVER / "compose.example.yaml").read_text(encoding="utf-8"))
    services = compose["services"]
    assert {"db", "server", "worker"} <= set(services)
    assert services["server"]["command"] == ["server", "--config", "/etc/aduan/aduan.toml"]
    assert services["worker"]["command"] == ["worker", "--config", "/etc/aduan/aduan.toml"]
    assert "db-owner-password" not in services["server"]["secrets"] + services["worker"]["secrets"]
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "container.yml").read_text(encoding="utf-8"))
    job = workflow["jobs"]["image"]
    assert job["runs-on"].startswith("ubuntu") and "postgres" in job["services"]
    steps = "\n".join(step.get("run", "") for step in job["steps"])
    assert "docker build -f installer/server/Containerfile" in steps and "/v1/ready" in steps
    assert tomllib.loads((SERVER / "container.example.toml").read_text(encoding="utf-8"))["log"]["format"] == "json"


# -- MemoryDenyWriteExecute=yes does not break the Python runtime --------------------------------------------

UNDER_MDWE = """
import ctypes, mmap, sys
libc = ctypes.CDLL(None, use_errno=True)
if libc.prctl(65, 1, 0, 0, 0) != 0:  # PR_SET_MDWE, PR_MDWE_REFUSE_EXEC_GAIN: what systemd sets
    sys.exit(f"prctl failed: errno {ctypes.get_errno()}")
try:
    mmap.mmap(-1, 4096, prot=mmap.PROT_READ | mmap.PROT_WRITE | mmap.PROT_EXEC)
    sys.exit("the rule is not in force: a writable and executable mapping was made")
except PermissionError:
    pass
from desktop.store.accounts import hash_password, verify_password  # argon2-cffi
assert verify_password(hash_password("kata-sandi-1"), "kata-sandi-1")
from desktop.cli.main import main
sys.exit(main(sys.argv[1:]))
"""


def test_the_worker_runs_under_memory_deny_write_execute(tmp_path: Path) -> None:
    if ctypes.CDLL(None).prctl(PR_GET_MDWE, 0, 0, 0, 0) < 0:
        missing("the kernel's PR_SET_MDWE (Linux 6.3 or later) tries what MemoryDenyWriteExecute=yes forbids")
    with ExitStack() as stack:
        dropped = logins_dropped_last(stack, "postgresql")
        owner_url = database(stack, "postgresql", tmp_path)
        config = worker_config(tmp_path, owner_url, server_login(dropped, owner_url), SERVER_PASSWORD)
        done = subprocess.run(
            [sys.executable, "-c", UNDER_MDWE, "worker", "--config", str(config), "--once"],
            cwd=ROOT,
            env=service_env(),
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert done.returncode == 0, done.stderr
    assert '"logger": "aduan.worker"' in done.stderr, "a round ran: psycopg connected and the worker worked"
