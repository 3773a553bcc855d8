"""``aduan server``, and ``aduan signin|signout|password`` of an officer who works through it.

An officer's session token is kept in the OS keyring (Windows Credential Manager) under the server's
address and their login; nothing secret is written to a file or printed.
"""

from __future__ import annotations

import getpass
import socket
import sys

from ..domain.errors import BadInput
from ..security.credentials import session_entry
from ..settings import aduan_server_address
from .core import Cli, Commands, command, credentials, signed_in_central, with_json
from .service import service_config


def register(top: Commands) -> None:
    server = command(top, "server", serve, "serve officers' desktops over HTTPS (the admin runs it)")
    server.add_argument(
        "--config", metavar="FILE", help="the service's configuration file (TOML); then no other option is given"
    )
    # Defaults of None: what was given on the command line is told apart from the defaults (see SERVICE_FLAGS).
    server.add_argument("--listen", help="HOST:PORT (default 127.0.0.1:8443)")
    server.add_argument("--cert", help="the server's certificate (PEM)")
    server.add_argument("--key", help="the certificate's private key (PEM)")
    server.add_argument(
        "--behind-proxy", action="store_true", default=None, help="plain HTTP behind a reverse proxy serving HTTPS"
    )
    server.add_argument("--trusted-proxies", help="proxy addresses trusted for X-Forwarded-For (default 127.0.0.1)")

    signin = with_json(command(top, "signin", sign_in, "sign in to the Aduan server (--server, --officer)"))
    signin.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    signin.add_argument("--device", help="this computer's name as the server shows it (default: the host name)")
    with_json(command(top, "signout", sign_out, "end this computer's session on the Aduan server"))
    password = with_json(command(top, "password", change_password, "change your password on the server"))
    password.add_argument(
        "--password-stdin", action="store_true", help="read the current and the new password, a line each"
    )


def _secret(cli: Cli, prompt: str) -> str:
    line = sys.stdin.readline().rstrip("\n") if cli.args.password_stdin else getpass.getpass(prompt)
    if not line:
        raise BadInput("no password given")
    return line


def _login(cli: Cli) -> str:
    login: str | None = cli.args.officer
    if not login:
        raise BadInput("name the officer signing in: --officer LOGIN or ADUAN_OFFICER")
    return login


def sign_in(cli: Cli) -> None:
    from ..sync import http_central

    address = aduan_server_address(cli.server_address())
    login = _login(cli)
    password = _secret(cli, f"password for {login} at {address}: ")
    device = cli.args.device or socket.gethostname()
    answer = http_central.sign_in(address, login, password, device, http_central.trusted_certificates())
    credentials().set(address, session_entry(login), answer["token"])
    cli.emit(
        {key: answer[key] for key in ("login", "name", "role", "expires_at")},
        f"signed in to {address} as {answer['name']} ({answer['role']}) until {answer['expires_at']}Z",
    )


def sign_out(cli: Cli) -> None:
    from ..sync import http_central

    address = aduan_server_address(cli.server_address())
    login = _login(cli)
    if credentials().get(address, session_entry(login)) is not None:
        central = signed_in_central(address, login)
        try:
            http_central.sign_out(central)
        finally:
            central.close()
        credentials().delete(address, session_entry(login))
    cli.emit({"login": login, "signed_in": False}, f"signed out of {address}")


def change_password(cli: Cli) -> None:
    login = _login(cli)
    current = _secret(cli, "current password: ")
    new = _secret(cli, "new password: ")
    central = signed_in_central(cli.server_address(), login)
    try:
        central.request("POST", "/v1/password", 15.0, json={"current": current, "new": new})
    finally:
        central.close()
    cli.emit({"login": login, "changed": True}, "password changed; your sessions on other devices ended")


def serve(cli: Cli) -> None:
    from ..server.config import DEFAULT_LISTEN, DEFAULT_TRUSTED_PROXIES
    from ..server.run import serve as run

    if cli.args.server:
        raise BadInput("aduan server connects to the database: give --db (or ADUAN_DB), not --server")
    args = cli.args
    config = service_config(cli, ("--listen", "--cert", "--key", "--behind-proxy", "--trusted-proxies"))
    if config is None:
        listen, proxies = args.listen or DEFAULT_LISTEN, args.trusted_proxies or DEFAULT_TRUSTED_PROXIES
        run(cli.store, listen, args.cert, args.key, bool(args.behind_proxy), proxies)
        return
    run(
        cli.store,
        config.listen,
        config.cert,
        config.key,
        config.behind_proxy,
        config.trusted_proxies,
        config.log_format,
        config.log_level,
    )
