"""``aduan diagnose [--json] [--window]``: what this installation of Aduan found on this computer, for the admin
who installed it and for the build's smoke test of the frozen program.

It reports the version (and whether this is the installed, frozen program), the keyring backend, the data and
settings folders, the unit policy and the settings it locks, the CA store the app trusts; with the global
``--server URL`` an HTTPS request to the server's ``/v1/health`` made exactly as the app makes it; with
``--window`` the window opened on a throwaway database and closed. Exit 0 when every check passed, 1 naming the
ones that failed.
"""

from __future__ import annotations

import os
import ssl
import sys
import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import platformdirs

from .. import __version__
from ..domain.errors import AduanError, BadInput
from ..settings import APP_NAME, DECLARED, Settings, aduan_server_address
from .core import Cli, Commands, command, with_json

# Opens the window on (database URL, officer, cache file), waits until it is shown, closes it; returns its title.
WindowCheck = Callable[[str, str, Path], str]
HEALTH_SECONDS = 15.0
WINDOW_DEMO_TICKETS = 30
# Backends that store nothing: a keyring that "works" this way forgets every password and the cache key.
USELESS_KEYRINGS = ("keyring.backends.fail.", "keyring.backends.null.")


@dataclass
class Check:
    name: str
    ok: bool
    detail: str
    data: dict[str, Any] = field(default_factory=dict)

    def as_json(self) -> dict[str, Any]:
        return {"name": self.name, "ok": self.ok, "detail": self.detail, **self.data}


def register(top: Commands, window_check: WindowCheck) -> None:
    sub = with_json(command(top, "diagnose", diagnose, "check this installation: keyring, folders, policy, TLS"))
    sub.add_argument("--window", action="store_true", help="also open the window on a throwaway database, then close")
    sub.set_defaults(window_check=window_check)


def diagnose(cli: Cli) -> None:
    checks = [version_check(), keyring_check(), folders_check()]
    settings, policy = policy_check()
    checks += [policy, certificates_check(settings)]
    if cli.args.server:
        checks.append(server_check(cli.args.server, settings))
    if cli.args.window:
        checks.append(window_run(cli.args.window_check))
    failed = [check.name for check in checks if not check.ok]
    cli.emit(
        {"ok": not failed, "failed": failed, "checks": [check.as_json() for check in checks]},
        "\n".join(f"{'ok  ' if check.ok else 'FAIL'} {check.name}: {check.detail}" for check in checks),
    )
    if failed:
        raise DiagnoseFailed(f"diagnose: failed: {', '.join(failed)}")


class DiagnoseFailed(AduanError):
    code = "diagnose_failed"
    exit_code = 1


# -- the checks ----------------------------------------------------------------------------------------------


def version_check() -> Check:
    frozen = bool(getattr(sys, "frozen", False))
    where = f"installed program {sys.executable}" if frozen else f"from source, Python {sys.executable}"
    return Check(
        "version",
        True,
        f"aduan {__version__} ({where})",
        {"version": __version__, "frozen": frozen, "executable": sys.executable},
    )


def keyring_check() -> Check:
    """The backend keyring chose, and every one it could use here (a missing one in a frozen program means
    its module or entry point was not bundled)."""
    import keyring
    from keyring.backend import get_all_keyring

    chosen = keyring.get_keyring()
    name = _qualified(chosen)
    usable = sorted({_qualified(backend) for backend in get_all_keyring()})
    parts = [_qualified(backend) for backend in getattr(chosen, "backends", [])] or [name]
    ok = not all(part.startswith(USELESS_KEYRINGS) for part in parts)
    detail = f"{name} ({', '.join(parts)})" if parts != [name] else name
    if not ok:
        detail += ": no system keyring found — passwords and the cache key cannot be kept on this computer"
    return Check("keyring", ok, detail, {"backend": name, "backends": parts, "usable": usable})


def _qualified(backend: object) -> str:
    return f"{type(backend).__module__}.{type(backend).__name__}"


def folders_check() -> Check:
    from ..cache.database import default_cache_folder
    from ..logs import log_file
    from ..settings import default_user_path
    from ..store.engine import default_database_path

    data = Path(platformdirs.user_data_dir(APP_NAME, appauthor=False))
    folders = {
        "data": str(data),
        "embedded_database": str(default_database_path()),
        "cache": str(default_cache_folder()),
        "settings": str(default_user_path()),
        # Where the window writes its log (what to read when an officer says "it stopped syncing").
        "log": str(log_file()),
    }
    detail = f"data {data}, settings {folders['settings']}, log {folders['log']}"
    return Check("folders", True, detail, folders)


def policy_check() -> tuple[Settings | None, Check]:
    try:
        settings = Settings()
    except AduanError as exc:  # a broken unit policy: the app refuses to start, and so does this check
        return None, Check("policy", False, exc.message)
    locked = {name: settings.get(name) for name in DECLARED if settings.locked(name)}
    found = settings.policy_path.exists()
    detail = (
        f"{settings.policy_path} locks {', '.join(sorted(locked)) or 'nothing'}"
        if found
        else f"no unit policy ({settings.policy_path} does not exist): every setting is the officer's"
    )
    if locked and not found:
        detail = f"locked by the unit's policy: {', '.join(sorted(locked))}"
    data = {"path": str(settings.policy_path), "found": found, "locked": locked, "problems": settings.problems}
    return settings, Check("policy", not settings.problems, detail + "".join(f"; {p}" for p in settings.problems), data)


def certificates_check(settings: Settings | None) -> Check:
    """The CA store the app's HTTPS uses: the unit's certificate when one is set, else the bundled store."""
    import requests.utils

    from ..sync.http_central import trusted_certificates

    try:
        chosen = trusted_certificates(settings)
    except AduanError as exc:
        return Check("certificates", False, exc.message)
    source = "the bundled CA store (certifi)" if chosen is True else "the unit's CA certificate"
    path = requests.utils.DEFAULT_CA_BUNDLE_PATH if chosen is True else str(chosen)
    try:
        context = ssl.create_default_context(cafile=path)
    except (OSError, ssl.SSLError) as exc:
        return Check("certificates", False, f"{source} {path} cannot be loaded: {exc}", {"path": path})
    count = context.cert_store_stats()["x509_ca"]
    ok = count > 0
    detail = f"{source}: {path} ({count} CA certificates)" if ok else f"{source} {path} holds no CA certificate"
    return Check("certificates", ok, detail, {"path": path, "bundled": chosen is True, "certificates": count})


def server_check(raw: str, settings: Settings | None) -> Check:
    """``GET /v1/health`` with the app's own verify setting: the request an officer's first sync makes."""
    import requests

    from ..sync.http_central import trusted_certificates

    try:
        address = aduan_server_address(raw)
        verify = trusted_certificates(settings)
    except AduanError as exc:
        return Check("server", False, exc.message)
    url = f"{address}/v1/health"
    data: dict[str, Any] = {"url": url, "verify": verify}
    try:
        answer = requests.get(url, verify=verify, timeout=HEALTH_SECONDS)
    except requests.exceptions.SSLError as exc:
        return Check("server", False, f"{url}: the server's certificate was not accepted ({_reason(exc)})", data)
    except requests.exceptions.Timeout:
        return Check("server", False, f"{url}: no answer within {HEALTH_SECONDS:.0f} s", data)
    except requests.exceptions.ConnectionError as exc:
        return Check("server", False, f"{url}: cannot connect ({_reason(exc)})", data)
    data["status"] = answer.status_code
    if answer.status_code != 200:
        return Check("server", False, f"{url} answered HTTP {answer.status_code}", data)
    return Check("server", True, f"{url} answered {answer.text.strip()[:80]}", data)


def _reason(exc: Exception) -> str:
    """The innermost cause's words (urllib3 wraps the TLS error twice)."""
    seen = exc
    while seen.args and isinstance(seen.args[0], Exception):
        seen = seen.args[0]
    reason = getattr(seen, "reason", None)
    return str(reason if isinstance(reason, Exception | str) else seen)


def window_run(window_check: WindowCheck) -> Check:
    """The window on a throwaway embedded database (demo data), shown and closed."""
    from ..demo.generator import fill
    from ..demo.workspace import busiest_supervisor
    from ..store.service import Store

    with tempfile.TemporaryDirectory(prefix="aduan-diagnose-") as folder:
        url = f"sqlite:///{Path(folder) / 'diagnose.db'}"
        try:
            store = Store(url)
            try:
                store.upgrade()
                store.admin(fill, WINDOW_DEMO_TICKETS, 1)
                officer = store.read(busiest_supervisor)
            finally:
                store.dispose()
            if officer is None:
                raise BadInput("the demo data has no supervisor")
            title = window_check(url, officer, Path(folder) / "cache.db")
        except Exception as exc:  # the check reports what went wrong instead of ending the whole diagnosis
            return Check("window", False, f"the window did not open: {type(exc).__name__}: {exc}")
    platform = os.environ.get("QT_QPA_PLATFORM", "the default platform")
    return Check("window", True, f"opened and closed on {platform}: {title!r}", {"title": title})
