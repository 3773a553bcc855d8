"""The smoke test of the frozen program, run before anything is packaged (``build.py``) and by
tests/installer/test_frozen.py. It runs the program an officer would get, not the sources:

1. ``aduan --version`` prints the version of pyproject.toml;
2. ``aduan --db sqlite:///TMP/x.db db upgrade`` migrates a throwaway database (Alembic's files are bundled);
3. ``aduan diagnose --json --window`` offscreen: a real keyring backend is found (Windows Credential Manager; on
   Linux the Secret Service, which this module starts in a private D-Bus session when none is running), the
   window opens on a throwaway database and closes, the bundled CA store loads;
4. the frozen ``aduan server`` serves HTTPS with a certificate of a throwaway CA, and
   ``aduan --server https://127.0.0.1:PORT diagnose --json`` succeeds with ``ADUAN_CA_CERT`` naming that CA,
   and fails cleanly (the certificate not accepted, in words; exit 1) with only the bundled store — so the
   bundled store is what the program uses.

``python installer/smoke.py DIST/aduan`` runs it on a frozen folder.
"""

from __future__ import annotations

import contextlib
import datetime
import ipaddress
import json
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

COMMAND_SECONDS = 300  # the first start of a frozen Qt program on a cold disk is slow
SERVER_SECONDS = 60


class SmokeFailed(Exception):
    """A step of the smoke test failed; the message names it and holds what the program printed."""


def executable(app_dir: Path) -> Path:
    for name in ("aduan.exe", "aduan"):
        if (app_dir / name).is_file():
            return app_dir / name
    raise SmokeFailed(f"{app_dir} holds no aduan.exe or aduan: not a frozen Aduan folder")


def run_smoke(app_dir: Path, version: str, log: Any = print) -> list[str]:
    """Every step above on the frozen folder ``app_dir``; returns one line per step passed, raises
    SmokeFailed at the first that fails."""
    program = executable(app_dir)
    passed: list[str] = []

    def step(line: str) -> None:
        passed.append(line)
        log(f"smoke: ok  {line}")

    with tempfile.TemporaryDirectory(prefix="aduan-smoke-") as tmp, secret_service() as bus_env:
        work = Path(tmp)
        env = isolated_env(work) | bus_env
        out = _run(program, ["--version"], env)
        if out.strip() != f"aduan {version}":
            raise SmokeFailed(f"`aduan --version` printed {out.strip()!r}, expected 'aduan {version}'")
        step(f"--version: {out.strip()}")

        database = work / "smoke.db"
        out = _run(program, ["--db", f"sqlite:///{database.as_posix()}", "db", "upgrade"], env)
        step(f"db upgrade on {database.name}: {out.strip().splitlines()[-1] if out.strip() else 'done'}")

        report = _diagnose(program, ["diagnose", "--json", "--window"], env | {"QT_QPA_PLATFORM": "offscreen"})
        checks = {check["name"]: check for check in report["checks"]}
        if not report["ok"]:
            failed = "; ".join(f"{name}: {checks[name]['detail']}" for name in report["failed"])
            raise SmokeFailed(f"`aduan diagnose --window` failed: {failed}")
        if not checks["version"]["frozen"]:
            raise SmokeFailed("`aduan diagnose` does not run frozen: the wrong program was started")
        bundled = Path(checks["certificates"]["path"])
        if not bundled.resolve().is_relative_to(app_dir.resolve()):
            raise SmokeFailed(f"the CA store in use is {bundled}, not the one bundled in {app_dir}")
        step(f"keyring: {checks['keyring']['backend']}")
        step(f"window: {checks['window']['detail']}")
        step(f"certificates: {checks['certificates']['detail']}")

        ca, cert, key = make_certificates(work / "tls")
        with https_server(program, database, cert, key, ca, env) as url:
            trusted = _diagnose(program, ["--server", url, "diagnose", "--json"], env | {"ADUAN_CA_CERT": str(ca)})
            server = {check["name"]: check for check in trusted["checks"]}["server"]
            if not trusted["ok"] or not server["ok"]:
                raise SmokeFailed(f"HTTPS with the unit's CA failed: {server['detail']}")
            step(f"HTTPS with the unit's CA: {server['detail']}")
            refused = _diagnose(program, ["--server", url, "diagnose", "--json"], env, expect_failure=True)
            server = {check["name"]: check for check in refused["checks"]}["server"]
            if server["ok"] or "certificate" not in server["detail"]:
                raise SmokeFailed(f"with only the bundled store the throwaway CA was not refused: {server['detail']}")
            step(f"HTTPS with only the bundled store refused: {server['detail']}")
    return passed


def isolated_env(work: Path) -> dict[str, str]:
    """The program's settings, data and policy in ``work``: no machine policy, no officer's settings, no
    ADUAN_CA_CERT of the caller."""
    env = {key: value for key, value in os.environ.items() if not key.startswith("ADUAN_")}
    env |= {
        "ADUAN_CONFIG_DIR": str(work / "config"),
        "ADUAN_POLICY": str(work / "no-policy" / "unit-policy.json"),
        "ADUAN_LANG": "en",
        "XDG_DATA_HOME": str(work / "data"),
        "XDG_CACHE_HOME": str(work / "cache"),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    return env


def _run(program: Path, args: list[str], env: dict[str, str], expect_failure: bool = False) -> str:
    try:
        done = subprocess.run(
            [str(program), *args], env=env, capture_output=True, text=True, timeout=COMMAND_SECONDS, check=False
        )
    except subprocess.TimeoutExpired:
        raise SmokeFailed(f"`aduan {' '.join(args)}` did not finish within {COMMAND_SECONDS} s") from None
    if (done.returncode != 0) != expect_failure:
        raise SmokeFailed(
            f"`aduan {' '.join(args)}` exited with {done.returncode}:\n{done.stdout}\n{done.stderr}".rstrip()
        )
    return done.stdout


def _diagnose(program: Path, args: list[str], env: dict[str, str], expect_failure: bool = False) -> dict[str, Any]:
    out = _run(program, args, env, expect_failure)
    try:
        report: dict[str, Any] = json.loads(out)
    except json.JSONDecodeError:
        raise SmokeFailed(f"`aduan {' '.join(args)}` printed no JSON report:\n{out}") from None
    return report


# -- the keyring on Linux ------------------------------------------------------------------------------------


@contextlib.contextmanager
def secret_service() -> Iterator[dict[str, str]]:
    """On Linux without a session bus: a private D-Bus session with gnome-keyring's Secret Service (unlocked
    with a throwaway password), so that the frozen keyring finds the backend officers' Linux desktops have.
    Elsewhere (Windows: Credential Manager; a desktop session) nothing is started."""
    if not sys.platform.startswith("linux") or os.environ.get("DBUS_SESSION_BUS_ADDRESS"):
        yield {}
        return
    daemon, keyring_daemon = shutil.which("dbus-daemon"), shutil.which("gnome-keyring-daemon")
    if daemon is None or keyring_daemon is None:
        raise SmokeFailed(
            "no D-Bus session and no dbus-daemon/gnome-keyring-daemon to start one: the keyring check needs a "
            "Secret Service (apt-get install dbus-daemon gnome-keyring)"
        )
    bus = subprocess.Popen([daemon, "--session", "--nofork", "--print-address=1"], stdout=subprocess.PIPE, text=True)
    keyring_process: subprocess.Popen[str] | None = None
    try:
        assert bus.stdout is not None
        address = bus.stdout.readline().strip()
        env = {"DBUS_SESSION_BUS_ADDRESS": address}
        keyring_process = subprocess.Popen(
            [keyring_daemon, "--foreground", "--unlock", "--components=secrets"],
            stdin=subprocess.PIPE,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env={**os.environ, **env},
            text=True,
        )
        assert keyring_process.stdin is not None
        keyring_process.stdin.write("smoke-test")
        keyring_process.stdin.close()
        _wait_for_secret_service(address)
        yield env
    finally:
        for process in (keyring_process, bus):
            if process is not None and process.poll() is None:
                process.terminate()
                process.wait(10)


def _wait_for_secret_service(address: str) -> None:
    """gnome-keyring claims org.freedesktop.secrets on the bus once it is ready."""
    from jeepney import DBusAddress, new_method_call
    from jeepney.io.blocking import open_dbus_connection

    deadline = time.monotonic() + 20
    bus_object = DBusAddress("/org/freedesktop/DBus", bus_name="org.freedesktop.DBus", interface="org.freedesktop.DBus")
    with open_dbus_connection(address) as connection:
        while time.monotonic() < deadline:
            reply = connection.send_and_get_reply(
                new_method_call(bus_object, "NameHasOwner", "s", ("org.freedesktop.secrets",))
            )
            if reply.body[0]:
                return
            time.sleep(0.1)
    raise SmokeFailed("gnome-keyring-daemon did not offer the Secret Service within 20 s")


# -- HTTPS with a throwaway CA -------------------------------------------------------------------------------


def make_certificates(folder: Path) -> tuple[Path, Path, Path]:
    """A throwaway CA and a certificate it signed for 127.0.0.1 and localhost: (ca.pem, server.pem, server.key)."""
    from cryptography import x509
    from cryptography.hazmat.primitives import hashes, serialization
    from cryptography.hazmat.primitives.asymmetric import ec
    from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

    folder.mkdir(parents=True, exist_ok=True)
    now = datetime.datetime.now(datetime.UTC)
    ca_key, server_key = ec.generate_private_key(ec.SECP256R1()), ec.generate_private_key(ec.SECP256R1())
    ca_name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "Aduan smoke-test CA")])
    ca = (
        x509.CertificateBuilder()
        .subject_name(ca_name)
        .issuer_name(ca_name)
        .public_key(ca_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(x509.KeyUsage(False, False, False, False, False, True, True, False, False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    server = (
        x509.CertificateBuilder()
        .subject_name(x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")]))
        .issuer_name(ca_name)
        .public_key(server_key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(
            x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1")), x509.DNSName("localhost")]),
            critical=False,
        )
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.SERVER_AUTH]), critical=False)
        .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    paths = folder / "ca.pem", folder / "server.pem", folder / "server.key"
    paths[0].write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    paths[1].write_bytes(server.public_bytes(serialization.Encoding.PEM))
    paths[2].write_bytes(
        server_key.private_bytes(
            serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
        )
    )
    return paths


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@contextlib.contextmanager
def https_server(program: Path, database: Path, cert: Path, key: Path, ca: Path, env: dict[str, str]) -> Iterator[str]:
    """The frozen ``aduan server`` on the migrated throwaway database, over HTTPS; yields its address."""
    import requests

    port = free_port()
    url = f"https://127.0.0.1:{port}"
    log = database.with_name("server.log")
    args = ["--db", f"sqlite:///{database.as_posix()}", "server", "--listen", f"127.0.0.1:{port}"]
    with log.open("wb") as sink:
        process = subprocess.Popen(
            [str(program), *args, "--cert", str(cert), "--key", str(key)], env=env, stdout=sink, stderr=sink
        )
    try:
        deadline = time.monotonic() + SERVER_SECONDS
        while True:
            if process.poll() is not None:
                raise SmokeFailed(f"the frozen aduan server exited with {process.returncode}:\n{log.read_text()}")
            try:
                if requests.get(f"{url}/v1/health", verify=str(ca), timeout=2).ok:
                    break
            except requests.RequestException:
                pass
            if time.monotonic() > deadline:
                raise SmokeFailed(f"the frozen aduan server did not answer within {SERVER_SECONDS} s")
            time.sleep(0.2)
        yield url
    finally:
        if process.poll() is None:
            process.terminate()
            try:
                process.wait(15)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def main(argv: list[str] | None = None) -> int:
    sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
    from installer.assets import project_version

    args = argv if argv is not None else sys.argv[1:]
    if len(args) != 1:
        print("usage: python installer/smoke.py FROZEN_FOLDER", file=sys.stderr)
        return 2
    try:
        run_smoke(Path(args[0]), project_version())
    except SmokeFailed as exc:
        print(f"smoke: FAILED {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
