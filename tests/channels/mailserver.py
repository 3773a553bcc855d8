"""A throwaway Dovecot IMAP server for channel tests, so the e-mail intake is tested against a real server.

Each server lives in its own temporary folder with its own minimal configuration: a passwd-file with two
test users (the unit's mailbox and a citizen's), maildir storage, a plain IMAP port (STARTTLS offered) and
an IMAPS port, both on 127.0.0.1, with
a self-signed certificate made for the test. Dovecot runs in the foreground as a child of the test and is
stopped afterwards. Where Dovecot is missing the test skips, except in CI (``CI`` set), where it fails.
The Debian package is ``dovecot-imapd`` (it brings ``dovecot-core`` and ``openssl``).
"""

from __future__ import annotations

import imaplib
import os
import pwd
import shutil
import signal
import socket
import ssl
import subprocess
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

DOVECOT = shutil.which("dovecot") or ("/usr/sbin/dovecot" if Path("/usr/sbin/dovecot").exists() else None)
OPENSSL = shutil.which("openssl")
STARTUP_SECONDS = 20.0
CITIZEN, CITIZEN_PASSWORD = "warga", "rahasia-warga"


@dataclass(frozen=True)
class MailServer:
    """A running test IMAP server: the unit's mailbox (``user``) and a citizen's (``citizen``)."""

    host: str
    port: int
    ssl_port: int
    user: str
    password: str
    cafile: Path
    root: Path
    citizen: str = CITIZEN
    citizen_password: str = CITIZEN_PASSWORD

    def client_context(self) -> ssl.SSLContext:
        """A TLS context that trusts this server's self-signed certificate."""
        return ssl.create_default_context(cafile=str(self.cafile))

    def admin(self, user: str | None = None) -> imaplib.IMAP4:
        """A logged-in plain IMAP session as the unit's user (or the citizen); the caller logs out."""
        conn = imaplib.IMAP4(self.host, self.port, timeout=10)
        conn.login(*((self.citizen, self.citizen_password) if user == self.citizen else (self.user, self.password)))
        return conn

    def deliver(self, raw: bytes, mailbox: str = "INBOX", user: str | None = None) -> int:
        """Append ``raw`` to ``mailbox`` (unseen) of the unit's user (or the citizen) and return its UID."""
        conn = self.admin(user)
        try:
            typ, data = conn.append(_quoted(mailbox), "", None, raw)
            if typ != "OK":
                raise RuntimeError(f"APPEND failed: {data!r}")
            # Dovecot answers "[APPENDUID <uidvalidity> <uid>] Append completed."
            code = data[0].decode() if isinstance(data[0], bytes) else str(data[0])
            return int(code.split("APPENDUID", 1)[1].split("]", 1)[0].split()[1])
        finally:
            conn.logout()

    def create_mailbox(self, mailbox: str) -> None:
        self._command("create", mailbox)

    def delete_mailbox(self, mailbox: str) -> None:
        self._command("delete", mailbox)

    def flags(self, mailbox: str = "INBOX") -> dict[int, str]:
        """The flags of every message in ``mailbox`` by UID, read without changing them."""
        conn = self.admin()
        try:
            conn.select(_quoted(mailbox), readonly=True)
            typ, data = conn.uid("FETCH", "1:*", "(UID FLAGS)")
            found: dict[int, str] = {}
            for item in data:
                if not isinstance(item, bytes):
                    continue
                text = item.decode()
                uid = int(text.split("UID ", 1)[1].split()[0].rstrip(")"))
                found[uid] = text.split("FLAGS (", 1)[1].split(")", 1)[0]
            return found
        finally:
            conn.logout()

    def _command(self, name: str, mailbox: str) -> None:
        conn = self.admin()
        try:
            typ, data = getattr(conn, name)(_quoted(mailbox))
            if typ != "OK":
                raise RuntimeError(f"{name.upper()} {mailbox} failed: {data!r}")
        finally:
            conn.logout()


def _quoted(mailbox: str) -> str:
    return '"' + mailbox.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _missing(reason: str) -> None:
    if os.environ.get("CI"):
        pytest.fail(f"required in CI: {reason}")
    pytest.skip(reason)


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _service_user() -> pwd.struct_passwd:
    """Who Dovecot's unprivileged processes and mail storage run as: ``nobody`` as root, else ourselves."""
    if os.geteuid() != 0:
        return pwd.getpwuid(os.geteuid())
    for name in ("dovenull", "nobody"):
        try:
            return pwd.getpwnam(name)
        except KeyError:
            continue
    raise RuntimeError("no unprivileged user (dovenull or nobody) to run Dovecot's processes as")


def _make_certificate(folder: Path) -> tuple[Path, Path]:
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            str(OPENSSL),
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=IP:127.0.0.1,DNS:localhost",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def _config(root: Path, port: int, ssl_port: int, user: pwd.struct_passwd, cert: Path, key: Path) -> str:
    return f"""
protocols = imap
listen = 127.0.0.1
base_dir = {root}/run
state_dir = {root}/state
log_path = {root}/dovecot.log
info_log_path = {root}/dovecot.log
default_login_user = {user.pw_name}
default_internal_user = {user.pw_name}
first_valid_uid = 1
first_valid_gid = 0
ssl = yes
ssl_cert = <{cert}
ssl_key = <{key}
disable_plaintext_auth = no
auth_mechanisms = plain login
auth_failure_delay = 0
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={user.pw_uid} gid={user.pw_gid} home={root}/home/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    port = {port}
  }}
  inet_listener imaps {{
    port = {ssl_port}
    ssl = yes
  }}
}}
service anvil {{
  chroot =
}}
"""


def _wait_ready(process: subprocess.Popen[bytes], port: int, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if process.poll() is not None:
            break
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                if sock.recv(64).startswith(b"* OK"):
                    return
        except OSError:
            time.sleep(0.05)
    detail = log.read_text(errors="replace") if log.exists() else "(no log)"
    raise RuntimeError(f"Dovecot did not start (exit {process.poll()}): {detail}")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        process.send_signal(signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def run_mail_server(user: str = "petugas", password: str = "rahasia-uji") -> Iterator[MailServer]:
    """Start a Dovecot server in a fresh temporary folder, yield it, stop it and remove the folder."""
    if DOVECOT is None:
        _missing("Dovecot is not installed (apt-get install dovecot-imapd)")
    if OPENSSL is None:
        _missing("openssl is not installed (it comes with dovecot-core)")
    service_user = _service_user()
    # Not under pytest's tmp_path: its parent is private to us and Dovecot's processes run as another user.
    root = Path(tempfile.mkdtemp(prefix="aduan-imap-"))
    process: subprocess.Popen[bytes] | None = None
    try:
        root.chmod(0o755)
        for sub in ("mail", "home", "state"):
            (root / sub).mkdir()
            os.chown(root / sub, service_user.pw_uid, service_user.pw_gid)
        (root / "users").write_text(f"{user}:{{PLAIN}}{password}::::::\n{CITIZEN}:{{PLAIN}}{CITIZEN_PASSWORD}::::::\n")
        cert, key = _make_certificate(root)
        config, log = root / "dovecot.conf", root / "dovecot.log"
        for attempt in range(3):
            # A free port can be taken by someone else before Dovecot binds it: then try other ports.
            port, ssl_port = free_port(), free_port()
            config.write_text(_config(root, port, ssl_port, service_user, cert, key))
            log.unlink(missing_ok=True)
            with open(root / "stderr.log", "wb") as stderr:
                process = subprocess.Popen([str(DOVECOT), "-c", str(config), "-F"], stdout=stderr, stderr=stderr)
            try:
                _wait_ready(process, port, log)
                break
            except RuntimeError as exc:
                _stop(process)
                process = None
                if attempt == 2 or "in use" not in str(exc):
                    raise
        yield MailServer("127.0.0.1", port, ssl_port, user, password, cert, root)
    finally:
        if process is not None:
            _stop(process)
        shutil.rmtree(root, ignore_errors=True)


@pytest.fixture
def imap_server() -> Iterator[MailServer]:
    """A fresh Dovecot IMAP server with two users (the unit's mailbox, a citizen's) and empty INBOXes."""
    yield from run_mail_server()
