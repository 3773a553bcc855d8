"""The desktop client's settings, declared once, read in three layers.

1. the built-in default declared below;
2. the unit policy the admin installed (read-only JSON; every key it sets is locked): ``ADUAN_POLICY``, else
   ``unit-policy.json`` beside the frozen program (where the installer puts it), else the machine's config
   folder (``C:\\ProgramData\\Aduan``);
3. the officer's own value (``settings.json`` in the user's config folder).

Secrets never live here: a server address that carries a password is refused, and the password goes to
the keyring (``desktop.security.credentials``). Nothing here imports Qt; the titles are English source
text that the settings dialog translates in the context "Settings".
"""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import platformdirs
from sqlalchemy.engine import make_url
from sqlalchemy.exc import ArgumentError

from .domain.errors import BadInput
from .domain.text import check_length
from .domain.translatable import QT_TRANSLATE_NOOP
from .store.directory import LOGIN_PATTERN, UNIT_CODE_CHARS

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
SWITCH = ("on", "off")


class SecretRefused(BadInput):
    """A value that would put a password into a settings file."""


def _choice(*allowed: str) -> Callable[[object], Value]:
    def check(value: object) -> Value:
        if value not in allowed:
            raise BadInput(f"{value!r} is not one of {', '.join(allowed)}")
        assert isinstance(value, str)
        return value

    return check


_switch = _choice(*SWITCH)


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


def _unit_code(value: object) -> Value:
    """The unit this workstation records reports for (``kanreg-1``); "" = not set."""
    if not isinstance(value, str):
        raise BadInput(f"{value!r} is not a unit code")
    code = check_length("unit code", value.strip())
    if code and (not set(code) <= UNIT_CODE_CHARS or not code[0].isalpha()):
        raise BadInput(f"invalid unit code {code!r}: lower-case letters, digits and '-', e.g. kanreg-1")
    return code


def _file_path(value: object) -> Value:
    """A file's path (the unit's CA certificate); "" = none. Whether the file is there is checked where it
    is used: a policy names it relative to its own folder."""
    if not isinstance(value, str) or "\0" in value or "\n" in value:
        raise BadInput(f"{value!r} is not a file path")
    return value.strip()


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
        Setting("unit", QT_TRANSLATE_NOOP("Settings", "Unit of this workstation"), "", _unit_code),
        Setting("ca_certificate", QT_TRANSLATE_NOOP("Settings", "CA certificate of the server"), "", _file_path),
        # Desktop notifications (the tray), each of which the officer (or the unit) may turn off.
        Setting("notify_assigned", QT_TRANSLATE_NOOP("Settings", "A report is assigned to me"), "on", _switch),
        Setting("notify_mentioned", QT_TRANSLATE_NOOP("Settings", "I am mentioned"), "on", _switch),
        Setting(
            "notify_citizen_reply",
            QT_TRANSLATE_NOOP("Settings", "The reporter writes on a report I hold"),
            "on",
            _switch,
        ),
        Setting(
            "notify_deadlines",
            QT_TRANSLATE_NOOP("Settings", "A report I hold is overdue or due within the hour"),
            "on",
            _switch,
        ),
        Setting(
            "notify_spikes",
            QT_TRANSLATE_NOOP("Settings", "A topic rises this week (supervisors and admins)"),
            "on",
            _switch,
        ),
    )
}
# Settings whose value is a file: a relative path in a policy file is relative to that file's folder.
FILE_SETTINGS = ("ca_certificate",)


def _declared(name: str) -> Setting:
    try:
        return DECLARED[name]
    except KeyError:
        raise BadInput(f"no setting named {name!r}") from None


def default_policy_path() -> Path:
    """``ADUAN_POLICY``; else the installer's file beside the frozen program; else the machine's folder."""
    if os.environ.get(POLICY_ENV):
        return Path(os.environ[POLICY_ENV])
    if getattr(sys, "frozen", False):
        beside = Path(sys.executable).parent / POLICY_FILE
        if beside.exists():
            return beside
    # appauthor=False: on Windows the folder is C:\ProgramData\Aduan, not C:\ProgramData\Aduan\Aduan.
    return Path(platformdirs.site_config_dir(APP_NAME, appauthor=False)) / POLICY_FILE


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


PolicyRegistry = Callable[[], Mapping[str, object]]
POLICY_REGISTRY_KEY = r"SOFTWARE\Policies\Aduan"
POLICY_REGISTRY_PLACE = "HKLM\\" + POLICY_REGISTRY_KEY


def read_policy_registry(hive: str = "HKLM", key: str = POLICY_REGISTRY_KEY) -> dict[str, object]:
    """The values under ``HKLM\\SOFTWARE\\Policies\\Aduan`` (Windows; nothing elsewhere or without the key):
    REG_SZ as text, REG_DWORD as a number, REG_EXPAND_SZ with its %VARIABLES% expanded; other kinds as they
    come (the check refuses them). ``hive`` and ``key`` name another place (tests: HKCU, a throwaway key)."""
    if sys.platform != "win32":
        return {}
    import winreg

    root = {"HKLM": winreg.HKEY_LOCAL_MACHINE, "HKCU": winreg.HKEY_CURRENT_USER}[hive]
    # The 64-bit view, where the 64-bit MSI and Group Policy write, whatever this build's bitness.
    try:
        opened = winreg.OpenKey(root, key, 0, winreg.KEY_READ | winreg.KEY_WOW64_64KEY)
    except FileNotFoundError:
        return {}
    values: dict[str, object] = {}
    with opened:
        for index in range(winreg.QueryInfoKey(opened)[1]):
            name, data, kind = winreg.EnumValue(opened, index)
            values[name] = winreg.ExpandEnvironmentStrings(data) if kind == winreg.REG_EXPAND_SZ else data
    return values


def _registry_value(setting: Setting, value: object) -> object:
    """A registry value as the setting's check takes it: a whole-number setting also from a string of digits
    (the MSI writes every property as REG_SZ); text stripped; binary or multi-string data refused."""
    if isinstance(value, str):
        value = value.strip()
        if isinstance(setting.default, int) and value.isascii() and value.isdigit():
            return int(value)
        return value
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    raise BadInput(f"{value!r} is neither text (REG_SZ) nor a number (REG_DWORD)")


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

    def __init__(
        self,
        policy_path: Path | None = None,
        user_path: Path | None = None,
        policy_registry: PolicyRegistry | None = None,
    ) -> None:
        """``policy_registry`` reads the Group Policy values (Windows' registry by default; tests give a mapping)."""
        self.policy_path = policy_path or default_policy_path()
        self.user_path = user_path or default_user_path()
        self.problems: list[str] = []
        # The registry wins over the file: it is where Group Policy, Intune and the MSI's properties put values.
        self._policy = self._load_policy() | self._load_policy_registry(policy_registry or read_policy_registry)
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
        return self._files_resolved(policy)

    def _load_policy_registry(self, read: PolicyRegistry) -> dict[str, Value]:
        policy: dict[str, Value] = {}
        for name, value in read().items():
            if value in ("", None):
                continue  # an empty value is "not set": the MSI writes every property, given or not
            if name not in DECLARED:
                self.problems.append(f"{POLICY_REGISTRY_PLACE}: unknown value {name!r} ignored")
                continue
            try:
                policy[name] = DECLARED[name].check(_registry_value(DECLARED[name], value))
            except BadInput as exc:
                raise BadInput(f"registry policy {POLICY_REGISTRY_PLACE}, value {name!r}: {exc.message}") from None
        return self._files_resolved(policy)

    def _files_resolved(self, policy: dict[str, Value]) -> dict[str, Value]:
        """A policy's file settings as absolute paths: a relative one is relative to the policy file's folder (an
        absolute one stays as it is)."""
        for name in FILE_SETTINGS:
            if policy.get(name):
                policy[name] = str(self.policy_path.parent / str(policy[name]))
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
