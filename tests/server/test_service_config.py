"""``aduan server --config FILE`` and ``aduan worker --config FILE`` as the services an admin runs.

The file's mistakes are each refused with the file and the key named (exit 2); the password is read from where
the file points, never from the URL; a real server process on a real PostgreSQL database, reached through the
fault tests' TCP proxy, answers ``/v1/ready`` with 200, with 503 within seconds of the database's link being
cut (and when the schema is not its own), and with 200 again once the link is back; its JSON log is one object
a line, with route templates and no token, password or query string; the worker runs a round from the same file.
"""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pytest
import requests
from sqlalchemy import text
from sqlalchemy.engine import make_url

from desktop.cli.main import main
from desktop.domain.errors import BadInput
from desktop.server.config import load_service_config
from desktop.store import migrate
from desktop.store.service import Store
from tests.server.live import PASSWORD, free_port, give_passwords
from tests.server.service_world import (
    SERVER_PASSWORD,
    config_file,
    database,
    logins_dropped_last,
    server_login,
    service_env,
    worker_config,
)
from tests.store.helpers import build_org
from tests.sync.proxy import Proxy, through

ROOT = Path(__file__).resolve().parents[2]
DB = '[database]\nurl = "postgresql://aduan_srv@db.example.go.id/aduan?sslmode=verify-full"\n'


# -- the file's mistakes ------------------------------------------------------------------------------------

MISTAKES = [
    ("", "[database] url", "missing"),
    ('[database]\nurl = "postgresql://srv:rahasia99@db/aduan"\n', "[database] url", "holds a password"),
    ('[database]\nurl = "postgresql://srv@db/aduan?password=rahasia99"\n', "[database] url", "holds a password"),
    ('[database]\nurl = "oracle://srv@db/aduan"\n', "[database] url", "unsupported database"),
    ('[database]\nurl = ""\n', "[database] url", "non-empty string"),
    ("[database]\nurl = 5432\n", "[database] url", "non-empty string"),
    (DB + 'password_file = "no-such-file"\n', "[database] password_file", "cannot read"),
    (DB + 'password_file = "${ADUAN_TEST_NO_SUCH_VARIABLE}/db"\n', "[database] password_file", "not set"),
    (DB + 'password_env = "ADUAN_TEST_NO_SUCH_VARIABLE"\n', "[database] password_env", "not set or empty"),
    (DB + 'password_env = "NOT A NAME"\n', "[database] password_env", "not an environment variable"),
    (DB + 'password_env = "X"\npassword_file = "pw"\n', "[database]", "not both"),
    (DB + 'pasword_file = "pw"\n', "[database] pasword_file", "unknown key"),
    (DB + '[listen]\naddress = "8443"\n', "[listen] address", "HOST:PORT"),
    (DB + '[listen]\naddress = "0.0.0.0:99999"\n', "[listen] address", "HOST:PORT"),
    (DB + '[listen]\nbehind_proxy = "yes"\n', "[listen] behind_proxy", "true or false"),
    (DB + '[listen]\ntrusted_proxies = ["proxy.example.go.id"]\n', "[listen] trusted_proxies", "not an IP"),
    (DB + "[listen]\ntrusted_proxies = []\n", "[listen] trusted_proxies", "list of addresses"),
    (DB + '[tls]\ncert = "server.crt"\n', "[tls]", "both cert and key"),
    (DB + '[tls]\ncert = "server.crt"\nkey = "server.key"\n', "[tls] cert", "cannot read"),
    (DB + '[log]\nformat = "xml"\n', "[log] format", "not one of text, json"),
    (DB + '[log]\nlevel = "verbose"\n', "[log] level", "not one of"),
    (DB + "[worker]\ninterval_seconds = 0\n", "[worker] interval_seconds", "from 1 to 86400"),
    (DB + "[worker]\nsend_lease_seconds = true\n", "[worker] send_lease_seconds", "from 1 to 86400"),
    (DB + '[lsiten]\naddress = "0.0.0.0:8443"\n', "[lsiten]", "unknown section"),
    (DB + 'listen = "0.0.0.0:8443"\n', "[database] listen", "unknown key"),
    ('listen = "0.0.0.0:8443"\n' + DB, "[listen]", "expected a table"),
    ("[database\n", "not valid TOML", ""),
]


@pytest.mark.parametrize(("body", "where", "problem"), MISTAKES)
def test_each_mistake_names_the_file_and_the_key(tmp_path: Path, body: str, where: str, problem: str) -> None:
    path = config_file(tmp_path, body)
    with pytest.raises(BadInput) as refused:
        load_service_config(path)
    message = refused.value.message
    assert message.startswith(f"{path}: {where}") and problem in message, message
    assert "rahasia99" not in message, "a password written in the URL is not repeated"


def test_a_file_that_is_not_there_or_not_utf8(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match="cannot read it"):
        load_service_config(tmp_path / "nowhere.toml")
    (tmp_path / "latin1.toml").write_bytes(b'[database]\nurl = "sqlite:///caf\xe9.db"\n')
    with pytest.raises(BadInput, match="not UTF-8"):
        load_service_config(tmp_path / "latin1.toml")


def test_the_password_is_read_from_the_file_or_the_environment_and_defaults_fill_the_rest(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    credentials = tmp_path / "credentials"
    credentials.mkdir()
    (credentials / "db-password").write_text(SERVER_PASSWORD + "\n", encoding="utf-8")  # as `echo` writes it
    monkeypatch.setenv("CREDENTIALS_DIRECTORY", str(credentials))
    by_file = load_service_config(
        config_file(tmp_path, DB + 'password_file = "${CREDENTIALS_DIRECTORY}/db-password"\n')
    )
    assert make_url(by_file.database_url).password == SERVER_PASSWORD
    assert make_url(by_file.database_url).query["sslmode"] == "verify-full"
    assert (by_file.listen, by_file.behind_proxy, by_file.trusted_proxies) == ("127.0.0.1:8443", False, "127.0.0.1")
    assert (by_file.cert, by_file.log_format, by_file.log_level) == (None, "text", "info")
    assert (by_file.interval_seconds, by_file.send_lease_seconds) == (30.0, 300.0)

    monkeypatch.setenv("ADUAN_TEST_DB_PASSWORD", SERVER_PASSWORD)
    by_env = load_service_config(config_file(tmp_path, DB + 'password_env = "ADUAN_TEST_DB_PASSWORD"\n'))
    assert make_url(by_env.database_url).password == SERVER_PASSWORD
    without = load_service_config(config_file(tmp_path, DB))
    assert make_url(without.database_url).password is None, "~/.pgpass or peer authentication"

    (credentials / "two-lines").write_text("satu\ndua\n", encoding="utf-8")
    with pytest.raises(BadInput, match="on one line"):
        load_service_config(config_file(tmp_path, DB + f'password_file = "{credentials / "two-lines"}"\n'))

    (tmp_path / "server.crt").write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    (tmp_path / "server.key").write_text("-----BEGIN PRIVATE KEY-----\n", encoding="utf-8")
    full = load_service_config(
        config_file(
            tmp_path,
            DB + '[listen]\naddress = "0.0.0.0:8443"\nbehind_proxy = true\ntrusted_proxies = ["10.0.0.5", '
            '"10.1.0.0/16"]\n[tls]\ncert = "server.crt"\nkey = "server.key"\n[log]\nformat = "json"\nlevel = '
            '"warning"\n[worker]\ninterval_seconds = 10\nsend_lease_seconds = 120.5\n',
        )
    )
    assert full.trusted_proxies == "10.0.0.5,10.1.0.0/16" and full.behind_proxy
    assert full.cert == str(tmp_path / "server.crt") and full.key == str(tmp_path / "server.key"), "beside the file"
    assert (full.log_format, full.log_level, full.interval_seconds, full.send_lease_seconds) == (
        "json",
        "warning",
        10.0,
        120.5,
    )


def test_the_file_is_the_whole_configuration_an_option_beside_it_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.delenv("ADUAN_DB", raising=False)
    monkeypatch.delenv("ADUAN_SERVER", raising=False)
    good = config_file(tmp_path, '[database]\nurl = "sqlite:///never-opened.db"\n')
    mixes = [
        (["server", "--config", str(good), "--listen", "0.0.0.0:8443"], "--listen"),
        (["server", "--config", str(good), "--behind-proxy"], "--behind-proxy"),
        (["--db", "sqlite:///other.db", "server", "--config", str(good)], "--db (or ADUAN_DB)"),
        (["worker", "--config", str(good), "--interval", "5"], "--interval"),
        (["worker", "--once", "--config", str(good), "--send-lease", "5"], "--send-lease"),
    ]
    for argv, named in mixes:
        assert main(argv) == 2, argv
        said = capsys.readouterr().err
        assert f"--config {good} is the whole configuration" in said and named in said, said
    bad = config_file(tmp_path, DB + '[log]\nformat = "xml"\n', "bad.toml")
    for program in ("server", "worker"):
        assert main([program, "--config", str(bad)]) == 2
        assert f"{bad}: [log] format" in capsys.readouterr().err
    assert not (tmp_path / "never-opened.db").exists() and not (ROOT / "never-opened.db").exists()


# -- a real server on PostgreSQL through a proxy ------------------------------------------------------------


@pytest.fixture
def postgres(tmp_path: Path) -> Iterator[tuple[str, str]]:
    """A migrated PostgreSQL database with the test organisation, and its server login: (owner URL, login)."""
    with ExitStack() as stack:
        dropped = logins_dropped_last(stack, "postgresql")
        owner_url = database(stack, "postgresql", tmp_path)
        build_org(owner_url).close()
        yield owner_url, server_login(dropped, owner_url)


def wait_for(url: str, status: int, seconds: float) -> tuple[float, requests.Response]:
    """Ask ``url`` every 0.2 s until it answers ``status``; how long that took, and the answer."""
    started = time.monotonic()
    while True:
        try:
            answer = requests.get(url, timeout=5)
            if answer.status_code == status:
                return time.monotonic() - started, answer
        except requests.RequestException:
            pass
        assert time.monotonic() - started < seconds, f"{url} did not answer {status} within {seconds} s"
        time.sleep(0.2)


def test_a_server_from_its_file_is_ready_not_ready_while_the_database_is_away_and_ready_again(
    postgres: tuple[str, str], tmp_path: Path
) -> None:
    owner_url, login = postgres
    owner = Store(owner_url)
    give_passwords(owner, "ani")
    proxy = Proxy.to(owner_url)
    (tmp_path / "db-password").write_text(SERVER_PASSWORD + "\n", encoding="utf-8")
    served = make_url(through(owner_url, proxy)).set(username=login, drivername="postgresql")
    port = free_port()
    config = config_file(
        tmp_path,
        f'[database]\nurl = "{served.render_as_string(hide_password=False)}"\npassword_file = "db-password"\n'
        f'[listen]\naddress = "127.0.0.1:{port}"\n[log]\nformat = "json"\nlevel = "info"\n',
    )
    log = tmp_path / "server.log"
    command = [sys.executable, "-m", "desktop.cli", "server", "--config", str(config)]
    with log.open("wb") as sink:
        process = subprocess.Popen(command, cwd=ROOT, stdout=sink, stderr=subprocess.STDOUT, env=service_env())
    base = f"http://127.0.0.1:{port}"
    try:
        waited, answer = wait_for(f"{base}/v1/ready", 200, 60)
        assert answer.json() == {"status": "ready"} and answer.headers["Cache-Control"] == "no-store"

        # An officer works: the log will show the route templates and her login, not her token.
        token = requests.post(
            f"{base}/v1/sessions", json={"login": "ani", "password": PASSWORD, "device": "ani-pc"}, timeout=30
        ).json()["token"]
        hello = requests.get(f"{base}/v1/hello", headers={"Authorization": f"Bearer {token}"}, timeout=30)
        assert hello.json()["login"] == "ani"
        pulled = requests.get(
            f"{base}/v1/changes?scope=rahasia-query", headers={"Authorization": f"Bearer {token}"}, timeout=30
        )
        assert pulled.status_code == 200
        assert requests.get(f"{base}/v1/attachments/{'0' * 64}", timeout=30).status_code == 401

        # The database's link is cut, and new connections are refused: not ready within seconds.
        proxy.refuse()
        proxy.cut()
        away, answer = wait_for(f"{base}/v1/ready", 503, 15)
        assert answer.json() == {"status": "not_ready", "reason": "the database is unreachable"}, answer.text
        assert requests.get(f"{base}/v1/health", timeout=5).json() == {"status": "ok"}, "the process still answers"
        proxy.accept()
        back, answer = wait_for(f"{base}/v1/ready", 200, 15)
        print(f"\nready after start {waited:.1f} s; not ready {away:.1f} s after the cut; ready {back:.1f} s after")

        # A stalled link (TCP up, nothing answers): the check gives up after its deadline, and the next asks
        # are answered at once while it still waits, instead of piling up on the database.
        proxy.stall()
        stalled, answer = wait_for(f"{base}/v1/ready", 503, 15)
        assert answer.json()["reason"] == "the database did not answer within 2 s", answer.text
        answer = requests.get(f"{base}/v1/ready", timeout=5)
        assert answer.json()["reason"] == "the previous check is still waiting for the database", answer.text
        proxy.resume()
        wait_for(f"{base}/v1/ready", 200, 20)
        print(f"not ready {stalled:.1f} s after the stall")

        # A database whose schema moved on (an upgrade for a newer server): not ready, both revisions named.
        owner.admin(lambda conn: conn.execute(text("UPDATE alembic_version SET version_num = '9999'")))
        _, answer = wait_for(f"{base}/v1/ready", 503, 15)
        reason = f"the database schema is 9999, this server runs {migrate.HEAD_REVISION}"
        assert answer.json() == {"status": "not_ready", "reason": reason}
        owner.admin(
            lambda conn: conn.execute(text(f"UPDATE alembic_version SET version_num = '{migrate.HEAD_REVISION}'"))
        )
        wait_for(f"{base}/v1/ready", 200, 15)
    finally:
        process.terminate()
        process.wait(15)
        proxy.close()
        owner.dispose()

    output = log.read_text(encoding="utf-8")
    lines: list[dict[str, Any]] = [json.loads(line) for line in output.splitlines()]  # each line is JSON
    assert all({"time", "level", "logger", "message"} <= line.keys() for line in lines)
    assert all(line["time"].endswith("+00:00") for line in lines), "UTC"
    requests_logged = [
        (line["method"], line["path"], line["status"], line.get("officer"))
        for line in lines
        if line["logger"] == "aduan.access"
    ]
    assert ("GET", "/v1/hello", 200, "ani") in requests_logged
    assert ("GET", "/v1/changes", 200, "ani") in requests_logged
    assert ("POST", "/v1/sessions", 200, None) in requests_logged
    assert ("GET", "/v1/attachments/{sha256}", 401, None) in requests_logged, "the template, not the path"
    assert ("GET", "/v1/ready", 503, None) in requests_logged, "a failed probe is logged; a good one at debug level"
    assert ("GET", "/v1/ready", 200, None) not in requests_logged
    assert all(isinstance(line["duration_ms"], float) for line in lines if line["logger"] == "aduan.access")
    changes = [line["message"] for line in lines if line["logger"] == "aduan.server.ready"]
    assert changes[0].startswith("ready") and "not ready: the database is unreachable" in changes
    for secret in (token, SERVER_PASSWORD, PASSWORD, "rahasia-query", "0" * 64):
        assert secret not in output, f"the log holds {secret!r}"


# -- the worker from the same file --------------------------------------------------------------------------


@pytest.mark.parametrize("kind", ["postgresql", "mariadb"])
def test_the_worker_runs_a_round_from_the_file_and_logs_it_as_json(kind: str, tmp_path: Path) -> None:
    with ExitStack() as stack:
        dropped = logins_dropped_last(stack, kind)
        owner_url = database(stack, kind, tmp_path)
        config = worker_config(tmp_path, owner_url, server_login(dropped, owner_url), SERVER_PASSWORD)
        done = worker_once(config)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "", "a service's round goes to its log, not to stdout"
    lines = [json.loads(line) for line in done.stderr.splitlines()]
    rounds = [line for line in lines if line["logger"] == "aduan.worker"]
    assert len(rounds) == 1 and rounds[0]["round"]["sent"] == 0 and rounds[0]["message"].startswith("round: ")
    assert SERVER_PASSWORD not in done.stderr


def test_a_wrong_password_in_the_file_is_refused_by_the_database(tmp_path: Path) -> None:
    """On MariaDB, which checks every login's password (the test machines' PostgreSQL trusts local
    connections): the password in the file is the one the worker connects with."""
    with ExitStack() as stack:
        dropped = logins_dropped_last(stack, "mariadb")
        owner_url = database(stack, "mariadb", tmp_path)
        config = worker_config(tmp_path, owner_url, server_login(dropped, owner_url), "not-the-password")
        done = worker_once(config)
    assert done.returncode == 5 and "the database refused" in done.stderr and "Access denied" in done.stderr
    assert "not-the-password" not in done.stderr


def worker_once(config: Path) -> subprocess.CompletedProcess[str]:
    """One round of `aduan worker --config CONFIG --once` in its own process."""
    command = [sys.executable, "-m", "desktop.cli", "worker", "--config", str(config), "--once"]
    return subprocess.run(command, cwd=ROOT, env=service_env(), capture_output=True, text=True, timeout=120)
