"""The desktop client's settings, declared once, read in three layers.

1. the built-in default declared below;
2. the unit policy the admin installed (read-only JSON; every key it sets is locked);
3. the officer's own value (``settings.json`` in the user's config folder).

Secrets never live here: a server address that carries a password is refused, and the password goes to
the keyring (``desktop.security.credentials``). Nothing here imports Qt; the titles are English source
text that the settings dialog translates in the context "Settings".
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from .domain.errors import BadInput
from .domain.translatable import QT_TRANSLATE_NOOP
from .store.directory import LOGIN_PATTERN

APP_NAME = "Aduan"
POLICY_ENV = "ADUAN_POLICY"
CONFIG_DIR_ENV = "ADUAN_CONFIG_DIR"
POLICY_FILE = "unit-policy.json"
USER_FILE = "settings.json"
SUPPORTED_DATABASES = ("postgresql", "postgres", "mariadb", "mysql", "sqlite")

Value = str | int
MIN_SYNC_INTERVAL = 5
LANGUAGES = ("auto", "id", "en")
THEMES = ("system", "light", "dark")
# "auto": the cache of work through the Aduan server is encrypted when the keyring can keep its key;
# "required" (a unit policy): every cache is, and a computer whose keyring cannot keep a key is refused.
CACHE_ENCRYPTION = ("auto", "required")


class SecretRefused(BadInput):
    """A value that would put a password into a settings file."""


def _choice(*allowed: str) -> Callable[[object], Value]:
    def check(value: object) -> Value:
        if value not in allowed:
            raise BadInput(f"{value!r} is not one of {', '.join(allowed)}")
        assert isinstance(value, str)
        return value

    return check


def _interval(value: object) -> Value:
    if isinstance(value, bool) or not isinstance(value, int):
        raise BadInput(f"{value!r} is not a whole number of seconds")
    if value < MIN_SYNC_INTERVAL:
        raise BadInput(f"{value} seconds is too short: at least {MIN_SYNC_INTERVAL}")
    return value


def _login(value: object) -> Value:
    if not isinstance(value, str):
        raise BadInput(f"{value!r} is not a login")
    login = value.strip()
    if login and not LOGIN_PATTERN.match(login):
        raise BadInput(
            f"{login!r} is not a valid login: lower-case letters, digits, '.', '_' or '-', starting with a letter"
        )
    return login


def is_aduan_server(raw: str) -> bool:
    """Whether an address names an Aduan server (https://…), not a database."""
    return urlsplit(raw.strip()).scheme in ("https", "http")


def aduan_server_address(raw: str) -> str:
    """An Aduan server's base address as an admin writes it (``https://aduan.example.go.id:8443``), checked:
    HTTPS (plain HTTP only on this computer), no login, password, query or fragment."""
    parts = urlsplit(raw.strip())
    if parts.scheme not in ("https", "http") or not parts.hostname:
        raise BadInput(f"not a server address: {raw!r} (expected e.g. https://aduan.example.go.id:8443)")
    if parts.password:
        raise SecretRefused(
            "the server address contains a password; remove it — passwords are kept only in the system keyring"
        )
    if parts.scheme == "http" and parts.hostname not in ("127.0.0.1", "localhost", "::1"):
        raise BadInput(f"{raw!r}: the server must be reached over https (plain http only on this computer)")
    if parts.username or parts.query or parts.fragment:
        raise BadInput(f"{raw!r}: give only the server's address, without a login, query or fragment")
    return f"{parts.scheme}://{parts.netloc}{parts.path.rstrip('/')}"


def server_url(value: object) -> Value:
    """An Aduan server's address, or a database address without a password: an SQLite file, or a PostgreSQL
    or MariaDB address kept from earlier versions (the sign-in refuses it and asks for the Aduan server's
    address: officers have no database login); empty means the embedded demo workspace."""
    if not isinstance(value, str):
        raise BadInput(f"{value!r} is not a server address")
    raw = value.strip()
    if not raw:
        return ""
    if is_aduan_server(raw):
        return aduan_server_address(raw)
    try:
        url = make_url(raw)
    except ArgumentError:
        raise BadInput(f"{raw!r} is not a database address (expected e.g. postgresql://server/aduan)") from None
    if url.get_backend_name() not in SUPPORTED_DATABASES:
        raise BadInput(f"unsupported database {url.get_backend_name()!r}: use postgresql, mariadb or sqlite")
    if url.password or "password" in url.query:
        raise SecretRefused(
            "the server address contains a password; remove it — passwords are kept only in the system keyring"
        )
    return raw


@dataclass(frozen=True, slots=True)
class Setting:
    name: str
    title: str  # English source text; translated in context "Settings"
    default: Value
    check: Callable[[object], Value]


DECLARED: dict[str, Setting] = {
    s.name: s
    for s in (
        Setting("language", QT_TRANSLATE_NOOP("Settings", "Language"), "auto", _choice(*LANGUAGES)),
        Setting("server_url", QT_TRANSLATE_NOOP("Settings", "Server address"), "", server_url),
        Setting("officer_login", QT_TRANSLATE_NOOP("Settings", "Officer login"), "", _login),
        Setting("sync_interval_seconds", QT_TRANSLATE_NOOP("Settings", "Sync every (seconds)"), 15, _interval),
        Setting("theme", QT_TRANSLATE_NOOP("Settings", "Theme"), "system", _choice(*THEMES)),
        Setting(
            "cache_encryption",
            QT_TRANSLATE_NOOP("Settings", "Encrypt the local cache"),
            "auto",
            _choice(*CACHE_ENCRYPTION),
        ),
    )
}


def _declared(name: str) -> Setting:
    try:
        return DECLARED[name]
    except KeyError:
        raise BadInput(f"no setting named {name!r}") from None


def default_policy_path() -> Path:
    # appauthor=False: on Windows the folder is C:\ProgramData\Aduan, not C:\ProgramData\Aduan\Aduan.
    machine_folder = platformdirs.site_config_dir(APP_NAME, appauthor=False)
    return Path(os.environ.get(POLICY_ENV) or Path(machine_folder) / POLICY_FILE)


def default_user_path() -> Path:
    folder = os.environ.get(CONFIG_DIR_ENV) or platformdirs.user_config_dir(APP_NAME, appauthor=False)
    return Path(folder) / USER_FILE


def _read_json_object(path: Path) -> dict[str, object]:
    """The JSON object in ``path``; BadInput naming the file if it is not one."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise BadInput(f"{path} cannot be read as settings: {exc}") from None
    if not isinstance(data, dict):
        raise BadInput(f"{path} does not hold a JSON object of settings")
    return data


def _keep_aside(path: Path) -> Path:
    """Rename a file that cannot be used, under a name that overwrites nothing."""
    target = path.with_name(path.name + ".broken")
    n = 1
    while target.exists():
        target = path.with_name(f"{path.name}.broken.{n}")
        n += 1
    path.replace(target)
    return target


class Settings:
    """The effective settings. ``problems`` lists what was wrong with the files (shown to the officer)."""

    def __init__(self, policy_path: Path | None = None, user_path: Path | None = None) -> None:
        self.policy_path = policy_path or default_policy_path()
        self.user_path = user_path or default_user_path()
        self.problems: list[str] = []
        self._policy = self._load_policy()
        self._user: dict[str, object] = {}  # unknown keys included: a newer version may have written them
        self._load_user()

    def _load_policy(self) -> dict[str, Value]:
        if not self.policy_path.exists():
            return {}
        policy: dict[str, Value] = {}
        # A broken policy is the admin's mistake: refuse loudly rather than run with the unit unlocked.
        for name, value in _read_json_object(self.policy_path).items():
            if name not in DECLARED:
                self.problems.append(f"{self.policy_path}: unknown setting {name!r} ignored")
                continue
            try:
                policy[name] = DECLARED[name].check(value)
            except BadInput as exc:
                raise BadInput(f"unit policy {self.policy_path}, setting {name!r}: {exc.message}") from None
        return policy

    def _load_user(self) -> None:
        if not self.user_path.exists():
            return
        try:
            stored = _read_json_object(self.user_path)
        except BadInput as exc:
            kept = _keep_aside(self.user_path)
            self.problems.append(f"{exc.message}; it was kept as {kept} and the defaults are used")
            return
        invalid: list[str] = []
        secret = False
        for name, value in stored.items():
            if name not in DECLARED:
                self._user[name] = value
                continue
            try:
                self._user[name] = DECLARED[name].check(value)
            except BadInput as exc:
                invalid.append(f"{name}: {exc.message}")
                secret = secret or isinstance(exc, SecretRefused)
        if not invalid:
            return
        if secret:
            # A copy kept aside would keep the password on disk: the file is rewritten without it.
            self.problems.append(f"{self.user_path}: {'; '.join(invalid)} — the value was removed")
        else:
            kept = _keep_aside(self.user_path)
            self.problems.append(f"{self.user_path}: {'; '.join(invalid)} — the file was kept as {kept}")
        self.save()

    def get(self, name: str) -> Value:
        setting = _declared(name)
        if name in self._policy:
            return self._policy[name]
        value = self._user.get(name, setting.default)
        assert isinstance(value, str | int)
        return value

    def locked(self, name: str) -> bool:
        _declared(name)
        return name in self._policy

    def set(self, name: str, value: object) -> None:
        """Validate and keep the officer's value (``save`` writes it); refused for keys the unit locked."""
        setting = _declared(name)
        if self.locked(name):
            raise BadInput(f"the setting {name!r} is set by your unit's policy and cannot be changed")
        self._user[name] = setting.check(value)

    def save(self) -> None:
        """Write the officer's values atomically: a crash mid-write leaves the previous file intact."""
        self.user_path.parent.mkdir(parents=True, exist_ok=True)
        partial = self.user_path.with_name(self.user_path.name + ".tmp")
        partial.write_text(json.dumps(self._user, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        partial.replace(self.user_path)

    def values(self) -> Mapping[str, Value]:
        return {name: self.get(name) for name in DECLARED}
