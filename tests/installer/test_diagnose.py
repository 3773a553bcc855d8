"""``aduan diagnose`` from the sources (the frozen program's run is tests/installer/test_frozen.py): each check
passes where it should and fails, named, where it should — the keyring that keeps nothing, a CA file that is
missing, a server whose certificate the app does not trust, a server that is not there."""

from __future__ import annotations

import contextlib
import http.server
import json
import os
import ssl
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keyring
import pytest
from keyring.backends import fail

from desktop.cli.main import main
from installer.smoke import free_port, make_certificates

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(autouse=True)
def own_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """No machine policy, no officer's settings, no CA of the caller's environment."""
    for name in ("ADUAN_CA_CERT", "ADUAN_SERVER", "ADUAN_DB", "ADUAN_CACHE", "ADUAN_OFFICER"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("ADUAN_CONFIG_DIR", str(tmp_path / "config"))
    monkeypatch.setenv("ADUAN_POLICY", str(tmp_path / "policy" / "unit-policy.json"))


def diagnose(capsys: pytest.CaptureFixture[str], *args: str) -> tuple[int, dict[str, Any]]:
    code = main([*args, "diagnose", "--json"])
    out = capsys.readouterr().out
    report: dict[str, Any] = json.loads(out)
    return code, report


def checks(report: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {check["name"]: check for check in report["checks"]}


def test_every_check_passes_on_a_usable_setup(capsys: pytest.CaptureFixture[str]) -> None:
    code, report = diagnose(capsys)
    found = checks(report)
    assert code == 0 and report["ok"] and report["failed"] == []
    assert list(found) == ["version", "keyring", "folders", "policy", "certificates"]
    assert found["version"]["frozen"] is False
    assert found["keyring"]["backend"] == "tests.file_keyring.MemoryKeyring"  # the tests' own (conftest)
    assert found["certificates"]["bundled"] is True and found["certificates"]["certificates"] > 50
    assert Path(found["certificates"]["path"]).name == "cacert.pem"
    assert found["policy"]["found"] is False and found["policy"]["locked"] == {}


def test_a_keyring_that_keeps_nothing_fails_by_name(capsys: pytest.CaptureFixture[str]) -> None:
    keyring.set_keyring(fail.Keyring())
    code, report = diagnose(capsys)
    assert code == 1
    assert report["failed"] == ["keyring"]
    assert "no system keyring" in checks(report)["keyring"]["detail"]


def test_the_text_report_names_the_failing_check(capsys: pytest.CaptureFixture[str]) -> None:
    keyring.set_keyring(fail.Keyring())
    code = main(["diagnose"])
    captured = capsys.readouterr()
    assert code == 1
    assert "FAIL keyring: keyring.backends.fail.Keyring" in captured.out
    assert "ok   certificates: the bundled CA store" in captured.out
    assert "diagnose: failed: keyring" in captured.err


def test_the_policy_and_what_it_locks(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    policy = tmp_path / "policy" / "unit-policy.json"
    policy.parent.mkdir()
    policy.write_text(json.dumps({"language": "id", "sync_interval_seconds": 30}), encoding="utf-8")
    code, report = diagnose(capsys)
    found = checks(report)["policy"]
    assert code == 0
    assert found["found"] is True and found["locked"] == {"language": "id", "sync_interval_seconds": 30}
    assert "locks language, sync_interval_seconds" in found["detail"]


def test_a_broken_policy_fails_the_policy_check(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    policy = tmp_path / "policy" / "unit-policy.json"
    policy.parent.mkdir()
    policy.write_text(json.dumps({"sync_interval_seconds": "often"}), encoding="utf-8")
    code, report = diagnose(capsys)
    assert code == 1 and "policy" in report["failed"]
    assert "sync_interval_seconds" in checks(report)["policy"]["detail"]


def test_a_missing_unit_certificate_fails_the_certificates_check(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADUAN_CA_CERT", str(tmp_path / "gone.pem"))
    code, report = diagnose(capsys)
    assert code == 1 and report["failed"] == ["certificates"]
    assert "gone.pem does not exist" in checks(report)["certificates"]["detail"]


class Health(http.server.BaseHTTPRequestHandler):
    def do_GET(self) -> None:  # http.server's name
        body = b'{"status":"ok"}' if self.path == "/v1/health" else b"{}"
        self.send_response(200 if self.path == "/v1/health" else 404)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:  # http.server's signature: quiet
        pass


@contextlib.contextmanager
def https_health(cert: Path, key: Path) -> Iterator[str]:
    """A tiny HTTPS server answering /v1/health like aduan server, with a throwaway CA's certificate."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", free_port()), Health)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, key)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"https://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def test_the_server_is_reached_with_the_units_ca_and_refused_with_the_bundled_store(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    ca, cert, key = make_certificates(tmp_path / "tls")
    with https_health(cert, key) as url:
        code, refused = diagnose(capsys, "--server", url)
        monkeypatch.setenv("ADUAN_CA_CERT", str(ca))
        trusted_code, trusted = diagnose(capsys, "--server", url)
    assert code == 1 and refused["failed"] == ["server"]
    assert "certificate was not accepted" in checks(refused)["server"]["detail"]
    assert "CERTIFICATE_VERIFY_FAILED" in checks(refused)["server"]["detail"]
    assert trusted_code == 0 and checks(trusted)["server"]["status"] == 200
    assert checks(trusted)["certificates"]["path"] == str(ca)
    assert checks(trusted)["certificates"]["bundled"] is False


def test_a_server_that_is_not_there_is_named(capsys: pytest.CaptureFixture[str]) -> None:
    url = f"https://127.0.0.1:{free_port()}"
    code, report = diagnose(capsys, "--server", url)
    assert code == 1 and report["failed"] == ["server"]
    assert "cannot connect" in checks(report)["server"]["detail"]


def test_the_window_opens_and_closes_offscreen(tmp_path: Path) -> None:
    """In a child process, as an admin runs it: Qt gets its own application there."""
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "ADUAN_LANG": "id",
        "PYTHON_KEYRING_BACKEND": "tests.file_keyring.FileKeyring",
        "ADUAN_TEST_KEYRING": str(tmp_path / "keyring.json"),
        "XDG_DATA_HOME": str(tmp_path / "data"),
        "XDG_CACHE_HOME": str(tmp_path / "cache"),
    }
    done = subprocess.run(
        [sys.executable, "-m", "desktop.cli", "diagnose", "--json", "--window"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    window = checks(json.loads(done.stdout))["window"]
    assert window["ok"] and "offscreen" in window["detail"]
    assert window["title"].startswith("Aduan")
    assert "Traceback" not in done.stderr and "Task was destroyed" not in done.stderr


def test_the_log_folder_is_reported(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ADUAN_LOG_DIR", str(tmp_path / "logs"))
    code, report = diagnose(capsys)
    assert code == 0 and checks(report)["folders"]["log"] == str(tmp_path / "logs" / "aduan.log")
