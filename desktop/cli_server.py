"""Commands of ``aduan server`` and of an officer who works through it: serve, sign in and out, password.

An officer's session token is kept in the OS keyring (Windows Credential Manager) under the server's
address and their login; nothing secret is written to a file or printed.
"""

from __future__ import annotations

import argparse
import getpass
import socket
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from .domain.errors import BadInput, NotSignedIn
from .security.credentials import session_entry
from .settings import aduan_server_address

if TYPE_CHECKING:
    from .cli import Cli
    from .security.credentials import Credentials
    from .sync.http_central import HttpCentral

Handler = Callable[["Cli"], None]

# The commands that work through ``--server`` (the others need the owner's --db for now).
THROUGH_SERVER = frozenset(
    {"signin", "signout", "password", "sync", "outbox"}
    | {f"ticket {name}" for name in ("list", "show", "create", "claim", "renew", "release", "steal", "next")}
    | {f"ticket {name}" for name in ("reply", "note", "status", "transfer", "link", "unlink", "merge")}
    | {f"ticket {name}" for name in ("answer-all", "not-ours", "refer")}
    | {"referral list", "referral answer"}
    # The commands beside sync (server/commands.py), as the command line names them.
    | {f"unit {name}" for name in ("add", "list")}
    | {f"officer {name}" for name in ("add", "list", "reset-password", "disable", "enable")}
    | {"sla sweep", "sla policy set", "sla policy list", "sla policy remove", "sla calendar set"}
    | {"sla day-off add", "sla day-off remove"}
    | {f"canned {name}" for name in ("list", "show", "add", "edit", "retire", "restore")}
    | {f"channel {name}" for name in ("add", "list", "errors", "retry", "dismiss")}
    | {f"dispatch {name}" for name in ("list", "resend", "confirm")}
    | {"lapor import", "lapor export"}
)


def credentials() -> Credentials:
    from .security.credentials import KeyringCredentials

    return KeyringCredentials()


def signed_in_central(server: str, login: str) -> HttpCentral:
    """The officer's link to the server, with the session kept in the keyring at sign-in."""
    from .sync.http_central import HttpCentral, trusted_certificates

    address = aduan_server_address(server)
    token = credentials().get(address, session_entry(login))
    if token is None:
        raise NotSignedIn(f"not signed in to {address} as {login}: run `aduan --server {address} signin`")
    return HttpCentral(address, token, verify=trusted_certificates())


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
    from .sync import http_central

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
    from .sync import http_central

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
    from .server.run import serve as run

    if cli.args.server:
        raise BadInput("aduan server connects to the database: give --db (or ADUAN_DB), not --server")
    args = cli.args
    run(cli.store, args.listen, args.cert, args.key, args.behind_proxy, args.trusted_proxies)


def add_commands(
    commands: Any,
    command: Callable[[Any, str, Handler, str], argparse.ArgumentParser],
    with_json: Callable[[argparse.ArgumentParser], argparse.ArgumentParser],
) -> None:
    server = command(commands, "server", serve, "serve officers' desktops over HTTPS (the admin runs it)")
    server.add_argument("--listen", default="127.0.0.1:8443", help="HOST:PORT (default 127.0.0.1:8443)")
    server.add_argument("--cert", help="the server's certificate (PEM)")
    server.add_argument("--key", help="the certificate's private key (PEM)")
    server.add_argument("--behind-proxy", action="store_true", help="plain HTTP behind a reverse proxy serving HTTPS")
    server.add_argument("--trusted-proxies", default="127.0.0.1", help="proxy addresses trusted for X-Forwarded-For")

    signin = with_json(command(commands, "signin", sign_in, "sign in to the Aduan server (--server, --officer)"))
    signin.add_argument("--password-stdin", action="store_true", help="read the password from stdin")
    signin.add_argument("--device", help="this computer's name as the server shows it (default: the host name)")
    with_json(command(commands, "signout", sign_out, "end this computer's session on the Aduan server"))
    password = with_json(command(commands, "password", change_password, "change your password on the server"))
    password.add_argument(
        "--password-stdin", action="store_true", help="read the current and the new password, a line each"
    )
