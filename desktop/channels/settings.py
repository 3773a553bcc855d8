"""What a channel account may be configured with, in one place: each channel's settings (name, type,
meaning), the slots its secrets live in on the worker machine, and the rule that every server the worker
talks to for it is reached over TLS.

The same checks run when an admin adds an account (``accounts.add_account``) and every time the worker is
about to read an account's secret and connect (``accounts.account_secret``): a row written straight into the
central database must not make the worker read another environment variable or keyring entry, or send a
secret in the clear to another machine.

**Secret slots.** An account's secret is read only from its own slot, named after the account: the name
folded to ASCII, lower-cased, every run of other characters turned into ``_`` (``"Bot Humas"`` →
``bot_humas``). Its secret is ``env:ADUAN_SECRET_BOT_HUMAS`` or ``keyring:aduan-channel/bot_humas``; a
second secret named by a ``…_ref`` setting (WhatsApp's ``app_secret_ref``) is
``env:ADUAN_SECRET_BOT_HUMAS__APP_SECRET`` or ``keyring:aduan-channel/bot_humas/app_secret`` — two
underscores, because the account's part never holds two in a row. ``env`` or ``keyring`` alone stands for
the account's slot of that kind.

**TLS.** IMAP and SMTP use ``ssl`` or ``starttls``; API addresses are ``https://``. Plain connections
(``tls``/``smtp_tls`` ``none``, ``http://``) only to 127.0.0.1, localhost or ::1: the tests' fake servers
and a local Dovecot.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any, Literal, TypeAlias
from urllib.parse import urlsplit

from ..domain.errors import BadInput
from ..domain.inbound import check_acknowledgement
from ..domain.vocabulary import Channel, Kind
from .imap_fetch import TLS_MODES, TlsMode

SettingType = Literal[
    "text",  # any text
    "name",  # a query parameter or header name: letters, digits, _ . - [ ]
    "digits",  # a numeric id, as text or a whole number
    "count",  # a whole number, at least 1
    "seconds",  # a number above 0
    "port",  # 1-65535
    "tls",  # ssl, starttls or none
    "host",  # a server name or address
    "url",  # an http(s) address (https unless to the loopback)
    "reference",  # where a second secret is kept: the account's slot for it
    "texts",  # an object of texts (extra query parameters)
    "mapping",  # an object of Aduan field → JSON path (or null)
    "timezone",  # an IANA time zone
    "acknowledgement",  # false, true or the wording
    "kind",  # what the messages are filed as
]


class AccountRefused(BadInput):
    """The worker will not use an account as stored: a setting outside its schema, a secret reference
    outside its own slot, or a server without TLS (the row was changed in the database)."""


@dataclass(frozen=True, slots=True)
class Setting:
    type: SettingType
    meaning: str


COMMON: dict[str, Setting] = {
    "kind": Setting("kind", "what the messages are filed as (default pengaduan)"),
    "acknowledgement": Setting("acknowledgement", "false, true (the standard wording) or the wording with {nomor}"),
}

WEB_HOURLY_LIMIT = 30  # web reports a unit takes in per hour unless its web account says otherwise

SCHEMAS: dict[Channel, dict[str, Setting]] = {
    Channel.EMAIL: {
        "host": Setting("host", "IMAP server"),
        "port": Setting("port", "IMAP port (993)"),
        "user": Setting("text", "IMAP login"),
        "tls": Setting("tls", "IMAP: ssl (default) or starttls; none only to the loopback"),
        "mailbox": Setting("text", "folder read (INBOX)"),
        "batch": Setting("count", "mails read per round (200)"),
        "smtp_host": Setting("host", "SMTP server (default: host)"),
        "smtp_port": Setting("port", "SMTP port (465 ssl, 587 starttls)"),
        "smtp_tls": Setting("tls", "SMTP: ssl, starttls (default: tls); none only to the loopback"),
        "smtp_user": Setting("text", "SMTP login (default: user)"),
        "address": Setting("text", "sender address of the answers (default: the SMTP login)"),
        "from_name": Setting("text", "sender name of the answers"),
    },
    Channel.TELEGRAM: {
        "base_url": Setting("url", "Bot API address (https://api.telegram.org)"),
    },
    Channel.WHATSAPP: {
        "phone_number_id": Setting("digits", "the Cloud API's id of the number"),
        "base_url": Setting("url", "Graph API address (https://graph.facebook.com)"),
        # No longer used (the webhook is a route of aduan server); still accepted so that accounts made
        # before keep working.
        "webhook_port": Setting("port", "obsolete: the webhook is served by aduan server"),
        "webhook_host": Setting("host", "obsolete: the webhook is served by aduan server"),
        "app_secret_ref": Setting("reference", "slot of the app secret that signs notifications"),
        "verify_token_ref": Setting("reference", "slot of the token Meta's verification request carries"),
    },
    # Meta's Send API for a Page and an Instagram professional account (channels/meta/); the account's own
    # secret is the Page (or Instagram) access token.
    Channel.FACEBOOK: {
        "page_id": Setting("digits", "the Facebook Page's id"),
        "base_url": Setting("url", "Graph API address (https://graph.facebook.com)"),
        "app_secret_ref": Setting("reference", "slot of the app secret that signs notifications"),
        "verify_token_ref": Setting("reference", "slot of the token Meta's verification request carries"),
    },
    Channel.INSTAGRAM: {
        "ig_user_id": Setting("digits", "the Instagram professional account's id"),
        "page_id": Setting(
            "digits", "through Facebook Login: the connected Facebook Page's id (answers are sent through it)"
        ),
        "base_url": Setting("url", "Graph API address (https://graph.instagram.com; with page_id graph.facebook.com)"),
        "app_secret_ref": Setting("reference", "slot of the app secret that signs notifications"),
        "verify_token_ref": Setting("reference", "slot of the token Meta's verification request carries"),
    },
    # A unit's public web form (server/web_form.py): nothing to connect to, only how much it takes in.
    Channel.WEB: {
        "hourly_limit": Setting("count", "web reports the unit takes in per hour (30); beyond it: try again later"),
    },
    Channel.X: {
        "user_id": Setting("digits", "numeric id of the account's X user"),
        "base_url": Setting("url", "API address (https://api.x.com)"),
    },
    Channel.LAPOR: {
        "base_url": Setting("url", "API address, https://… (required)"),
        "list_path": Setting("text", "path of the list of reports (/api/v1/laporan)"),
        "items_path": Setting("text", "dotted JSON path of the list in the answer (data)"),
        "since_param": Setting("name", "query parameter carrying the cursor (since)"),
        "page_param": Setting("name", "query parameter carrying the page (page)"),
        "size_param": Setting("name", "query parameter carrying the page size (limit)"),
        "page_size": Setting("count", "reports per page (100)"),
        "max_pages": Setting("count", "pages per round (20)"),
        "timeout": Setting("seconds", "seconds to wait for an answer (15)"),
        "auth_header": Setting("name", "header carrying the token (Authorization)"),
        "auth_scheme": Setting("text", "word before the token in that header (Bearer)"),
        "token_param": Setting("name", "query parameter carrying the token instead of the header"),
        "query_auth_param": Setting("name", "older name of token_param"),
        "timezone": Setting("timezone", "zone of times written without one (Asia/Jakarta)"),
        "params": Setting("texts", 'extra query parameters, e.g. {"sort": "updated_at"}'),
        "mapping": Setting("mapping", "Aduan field → dotted JSON path, overriding the defaults"),
    },
    # The gateway's shape; the defaults are Zenziva's (sms.py names its documentation).
    Channel.SMS: {
        "provider": Setting("text", "zenziva (default: its paths and fields) or custom (every path and field set)"),
        "base_url": Setting("url", "gateway address (https://console.zenziva.net)"),
        "send_path": Setting("text", "path that sends an SMS (/reguler/api/sendsms/)"),
        "check_path": Setting("text", "path aduan channel test reads, sending nothing (/api/balance/)"),
        "user": Setting("text", "the gateway's user key, sent with the secret (not secret itself)"),
        "user_field": Setting("name", "form field carrying user (userkey)"),
        "key_field": Setting("name", "form field carrying the secret (passkey); or auth_header"),
        "auth_header": Setting("name", "header carrying the secret instead of key_field"),
        "auth_scheme": Setting("text", "word before the secret in that header (Bearer)"),
        "to_field": Setting("name", "form field of the number (to)"),
        "text_field": Setting("name", "form field of the text (message)"),
        "number_format": Setting("text", "e164 (+62812…), international (62812…) or national (0812…, default)"),
        "status_field": Setting("name", "answer's field saying whether it was sent (status)"),
        "ok_value": Setting("text", "that field's value when sent (1)"),
        "id_field": Setting("name", "answer's field of the message id (messageId)"),
        "error_field": Setting("name", "answer's field of the reason (text)"),
        "max_parts": Setting("count", "at most this many SMS parts per answer (4); a longer answer is refused"),
        "timeout": Setting("seconds", "seconds to wait for the gateway (15)"),
        "inbox_path": Setting("text", "path of the inbox to poll (none: inbound by webhook only)"),
        "page_param": Setting("name", "query parameter of the inbox page (page)"),
        "max_pages": Setting("count", "inbox pages per round (10)"),
        "items_field": Setting("name", "answer's field of the inbox list (data)"),
        "in_id_field": Setting("name", "inbound field of the gateway's message id (id)"),
        "in_from_field": Setting("name", "inbound field of the sender's number (from)"),
        "in_text_field": Setting("name", "inbound field of the text (message)"),
        "in_time_field": Setting("name", "inbound field of the time received (time)"),
        "webhook_secret_ref": Setting("reference", "slot of the shared secret the gateway's webhook calls carry"),
        "secret_param": Setting("name", "query parameter (or X-Aduan-Secret header) carrying it (secret)"),
    },
}

ENV_PREFIX = "ADUAN_SECRET_"
KEYRING_SERVICE = "aduan-channel"
SECRET_KINDS = ("env", "keyring")
LOOPBACK = frozenset({"127.0.0.1", "localhost", "::1"})
_SECRET_WORDS = ("password", "passwd", "pass", "pwd", "pw", "token", "secret", "key", "auth", "credential", "cookie")
_NAME = re.compile(r"[A-Za-z0-9_.\-\[\]]{1,64}")


SMTP_PORTS: dict[TlsMode, int] = {"ssl": 465, "starttls": 587, "none": 25}


# -- typed settings ----------------------------------------------------------------------------------------
# What the connectors are built from: an account's checked settings (``check_settings``), with their defaults.


@dataclass(frozen=True, slots=True)
class EmailSettings:
    host: str = ""
    port: int = 993
    user: str = ""
    tls: TlsMode = "ssl"
    mailbox: str = "INBOX"
    batch: int = 200
    smtp_host: str | None = None
    smtp_port: int | None = None
    smtp_tls: TlsMode | None = None
    smtp_user: str | None = None
    address: str | None = None
    from_name: str | None = None

    @property
    def sending_host(self) -> str:
        return self.host if self.smtp_host is None else self.smtp_host

    @property
    def sending_tls(self) -> TlsMode:
        return self.tls if self.smtp_tls is None else self.smtp_tls

    @property
    def sending_port(self) -> int:
        return SMTP_PORTS[self.sending_tls] if self.smtp_port is None else self.smtp_port

    @property
    def sending_user(self) -> str:
        return self.user if self.smtp_user is None else self.smtp_user

    @property
    def sender(self) -> str:
        """The address answers are sent from: ``address``, else the SMTP login."""
        return self.sending_user if self.address is None else self.address


@dataclass(frozen=True, slots=True)
class TelegramSettings:
    base_url: str = "https://api.telegram.org"


@dataclass(frozen=True, slots=True)
class WhatsAppSettings:
    phone_number_id: str = ""
    base_url: str = "https://graph.facebook.com"
    app_secret_ref: str | None = None
    verify_token_ref: str | None = None


@dataclass(frozen=True, slots=True)
class MetaSettings:
    """A Facebook Page (``account_id`` is its page_id) or an Instagram account (its ig_user_id)."""

    channel: Channel
    account_id: str = ""
    base_url: str | None = None  # None: the platform's Graph API address
    page_id: str | None = None  # Instagram through Facebook Login: the connected Page that sends its answers
    app_secret_ref: str | None = None
    verify_token_ref: str | None = None


@dataclass(frozen=True, slots=True)
class XSettings:
    user_id: str = ""
    base_url: str = "https://api.x.com"


@dataclass(frozen=True, slots=True)
class LaporSettings:
    """A LAPOR! account's REST options; see ``LaporPoller`` for what each does."""

    base_url: str
    list_path: str = "/api/v1/laporan"
    items_key: str = "data"
    since_param: str = "since"
    page_param: str = "page"
    size_param: str = "limit"
    page_size: int = 100
    max_pages: int = 20
    auth_header: str = "Authorization"
    auth_scheme: str = "Bearer"
    token_param: str | None = None
    timezone: str = "Asia/Jakarta"  # lapor.DEFAULT_TIMEZONE (the lapor package reads these settings: no import)
    timeout: float = 15.0
    params: tuple[tuple[str, str], ...] = ()  # extra query parameters
    mapping: tuple[tuple[str, str], ...] = ()  # Aduan field → dotted JSON path, the defaults overridden

    @classmethod
    def from_config(cls, config: Mapping[str, Any]) -> LaporSettings:
        """The options of a LAPOR! account's stored settings; BadInput names the setting that is wrong. Read
        on their own too (``poller_from_config``), so every value's type is checked here again."""
        from .lapor.mapping import DEFAULT_API_MAPPING, parse_mapping

        base_url = config.get("base_url")
        if not isinstance(base_url, str) or not base_url.startswith(("https://", "http://")):
            raise BadInput('a LAPOR! account needs "base_url": the address of the API, https://…')
        texts: dict[str, str] = {}
        for name, option in _LAPOR_TEXTS.items():
            if name in config:
                if not isinstance(config[name], str):
                    raise BadInput(f"the LAPOR! account's {name!r} must be text, not {config[name]!r}")
                texts[option] = config[name]
        numbers: dict[str, float] = {}
        for name in ("page_size", "max_pages", "timeout"):
            if name in config:
                value = config[name]
                if isinstance(value, bool) or not isinstance(value, int | float):
                    raise BadInput(f"the LAPOR! account's {name!r} must be a number, not {value!r}")
                numbers[name] = value
        extra = config.get("params", {})
        if not isinstance(extra, Mapping) or not all(isinstance(v, str) for v in extra.values()):
            raise BadInput('the LAPOR! account\'s "params" must be an object of texts, e.g. {"sort": "updated_at"}')
        mapping = parse_mapping(config.get("mapping"), DEFAULT_API_MAPPING)
        defaults = cls(base_url)
        return cls(
            base_url,
            **texts,
            page_size=int(numbers.get("page_size", defaults.page_size)),
            max_pages=int(numbers.get("max_pages", defaults.max_pages)),
            timeout=float(numbers.get("timeout", defaults.timeout)),
            params=tuple((str(k), v) for k, v in extra.items()),
            mapping=tuple(mapping.items()),
        )


# Setting → LaporSettings field; ``query_auth_param`` is the older name of ``token_param`` (which wins).
_LAPOR_TEXTS = {
    "list_path": "list_path",
    "items_path": "items_key",
    "since_param": "since_param",
    "page_param": "page_param",
    "size_param": "size_param",
    "auth_header": "auth_header",
    "auth_scheme": "auth_scheme",
    "query_auth_param": "token_param",
    "token_param": "token_param",
    "timezone": "timezone",
}


@dataclass(frozen=True, slots=True)
class SmsSettings:
    """An SMS gateway account's shape; the defaults are Zenziva's (``sms.py``)."""

    provider: str = "zenziva"
    base_url: str = "https://console.zenziva.net"
    send_path: str = "/reguler/api/sendsms/"
    check_path: str | None = "/api/balance/"
    user: str = ""
    user_field: str = "userkey"
    key_field: str | None = "passkey"
    auth_header: str | None = None
    auth_scheme: str = "Bearer"
    to_field: str = "to"
    text_field: str = "message"
    number_format: str = "national"
    status_field: str = "status"
    ok_value: str = "1"
    id_field: str = "messageId"
    error_field: str = "text"
    max_parts: int = 4
    timeout: float = 15.0
    inbox_path: str | None = None
    page_param: str = "page"
    max_pages: int = 10
    items_field: str = "data"
    in_id_field: str = "id"
    in_from_field: str = "from"
    in_text_field: str = "message"
    in_time_field: str = "time"
    webhook_secret_ref: str | None = None
    secret_param: str = "secret"

    @classmethod
    def from_config(cls, fields: Mapping[str, Any]) -> SmsSettings:
        provider = fields.get("provider", "zenziva")
        if provider not in SMS_PROVIDERS:
            raise BadInput(f"the SMS account's provider is one of {', '.join(SMS_PROVIDERS)}, not {provider!r}")
        kept = dict(fields)
        if provider == "custom":
            missing = [key for key in ("base_url", "send_path") if key not in fields]
            if missing:
                raise BadInput(f"a custom SMS gateway needs {' and '.join(missing)}")
            kept.setdefault("check_path", None)  # Zenziva's balance path is no other gateway's
        if fields.get("number_format", "national") not in NUMBER_FORMATS:
            raise BadInput(f"the SMS account's number_format is one of {', '.join(NUMBER_FORMATS)}")
        if "auth_header" in kept and "key_field" not in kept:
            kept["key_field"] = None  # the secret goes in the header only
        return cls(**kept)


SMS_PROVIDERS = ("zenziva", "custom")
NUMBER_FORMATS = ("e164", "international", "national")

ChannelSettings: TypeAlias = (
    EmailSettings | TelegramSettings | WhatsAppSettings | XSettings | LaporSettings | SmsSettings | MetaSettings
)


def read_settings(channel: Channel, account_name: str, settings: Mapping[str, Any]) -> ChannelSettings | None:
    """The typed settings of an account of ``channel`` (None for a channel no connector reads):
    ``check_settings`` first (BadInput names the setting), then each value as its field holds it."""
    checked = check_settings(channel, account_name, settings)
    if channel is Channel.LAPOR:
        return LaporSettings.from_config(checked)
    fields: dict[str, Any] = {key: value for key, value in checked.items() if key not in COMMON}
    if channel is Channel.EMAIL:
        return EmailSettings(**fields)
    if channel is Channel.TELEGRAM:
        return TelegramSettings(**fields)
    if channel is Channel.X:
        return XSettings(**{**fields, **({"user_id": str(fields["user_id"])} if "user_id" in fields else {})})
    if channel is Channel.SMS:
        return SmsSettings.from_config(fields)
    if channel is Channel.WHATSAPP:
        obsolete = ("webhook_port", "webhook_host")
        kept = {key: value for key, value in fields.items() if key not in obsolete}
        if "phone_number_id" in kept:
            kept["phone_number_id"] = str(kept["phone_number_id"])
        return WhatsAppSettings(**kept)
    if channel in (Channel.FACEBOOK, Channel.INSTAGRAM):
        id_key = "page_id" if channel is Channel.FACEBOOK else "ig_user_id"
        account_id = str(fields.pop(id_key, ""))
        if "page_id" in fields:  # an Instagram account's connected Page
            fields["page_id"] = str(fields["page_id"])
        return MetaSettings(channel, account_id, **fields)
    return None


def allowed(channel: Channel) -> dict[str, Setting]:
    """Every setting an account of ``channel`` may have."""
    return {**SCHEMAS.get(channel, {}), **COMMON}


# -- secret slots ------------------------------------------------------------------------------------------


def slot_id(account_name: str) -> str:
    """The account's part of its slots: ``"Bot Humas"`` → ``bot_humas`` (ASCII letters and digits, runs of
    anything else as one ``_``, none at either end); "" when the name has no letter or digit."""
    folded = unicodedata.normalize("NFKD", account_name).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "_", folded.lower()).strip("_")


def slots(account_name: str, setting: str | None = None) -> tuple[str, str]:
    """The two references the account's secret (or the second secret of its ``…_ref`` setting) may have:
    ``(env:ADUAN_SECRET_<ACCOUNT>[__<NAME>], keyring:aduan-channel/<account>[/<name>])``."""
    account = slot_id(account_name)
    if not account:
        raise BadInput(f"the account name {account_name!r} has no letter or digit (A-Z, 0-9) to name its secret's slot")
    env, ring = ENV_PREFIX + account.upper(), f"{KEYRING_SERVICE}/{account}"
    if setting is not None:
        second = slot_id(setting.removesuffix("_ref"))
        env, ring = f"{env}__{second.upper()}", f"{ring}/{second}"
    return f"env:{env}", f"keyring:{ring}"


def own_slot(account_name: str, reference: str, setting: str | None = None) -> str:
    """``reference`` when it is the account's own slot (``env`` or ``keyring`` alone: that slot, in full);
    BadInput naming both slots otherwise."""
    env, ring = slots(account_name, setting)
    given = reference.strip()
    if given in ("env", env):
        return env
    if given in ("keyring", ring):
        return ring
    what = (
        f"the {setting} of the channel account {account_name!r} names"
        if setting
        else (f"the secret of the channel account {account_name!r} is read from")
    )
    raise BadInput(f"{what} only its own slot: {env} or {ring} (or just env / keyring), not {reference!r}")


# -- the checks --------------------------------------------------------------------------------------------


def check_settings(channel: Channel, account_name: str, settings: Mapping[str, Any]) -> dict[str, Any]:
    """``settings`` as they may be stored for an account of ``channel`` named ``account_name`` (slot
    references written out in full); BadInput names the first setting that is unknown, of the wrong type,
    names another slot than the account's own, or points the worker at a server without TLS."""
    schema = allowed(channel)
    unknown = sorted(key for key in settings if key not in schema)
    if unknown:
        raise BadInput(_unknown(channel, account_name, unknown, schema))
    checked = {key: _value(account_name, key, schema[key], value) for key, value in settings.items()}
    _check_transport(channel, checked)
    return checked


def check_secret_ref(account_name: str, secret_ref: str | None) -> str | None:
    """The account's secret reference written out in full (None: the account has no secret)."""
    if secret_ref is None or not secret_ref.strip():
        return None
    return own_slot(account_name, secret_ref)


def is_loopback(host: str) -> bool:
    return host.strip().strip("[]").lower() in LOOPBACK


def _unknown(channel: Channel, account_name: str, unknown: list[str], schema: Mapping[str, Setting]) -> str:
    names = ", ".join(repr(k) for k in unknown)
    told = f"the {channel.value} account {account_name!r} has no setting {names}; its settings are {', '.join(schema)}"
    if any(word in key.lower() for key in unknown for word in _SECRET_WORDS):
        try:
            env, ring = slots(account_name)
            where = f"its own slot, {env} or {ring}"
        except BadInput:
            where = "its own slot (--secret-ref env or keyring)"
        told = f"secrets never go into the central configuration: the worker reads them from {where}; {told}"
    return told


def _value(account_name: str, key: str, setting: Setting, value: Any) -> Any:
    kind = setting.type

    def refuse(what: str) -> BadInput:
        return BadInput(f"the account's {key!r} must be {what}, not {value!r}")

    whole = isinstance(value, int) and not isinstance(value, bool)
    if kind == "text":
        if not isinstance(value, str):
            raise refuse("text")
    elif kind == "name":
        if not isinstance(value, str) or not _NAME.fullmatch(value):
            raise refuse("a name of letters, digits and _ . - [ ] (at most 64)")
    elif kind == "digits":
        if not ((isinstance(value, str) and value.isascii() and value.isdigit()) or (whole and value >= 0)):
            raise refuse("a numeric id")
    elif kind == "count":
        if not whole or value < 1:
            raise refuse("a whole number, at least 1")
    elif kind == "seconds":
        if isinstance(value, bool) or not isinstance(value, int | float) or not value > 0:
            raise refuse("a number of seconds above 0")
    elif kind == "port":
        if not whole or not 0 < value < 65536:
            raise refuse("a port, 1-65535")
    elif kind == "tls":
        if value not in TLS_MODES:
            raise refuse(f"one of {', '.join(TLS_MODES)}")
    elif kind == "host":
        if not isinstance(value, str) or not value or any(c.isspace() or c in "/@?#" for c in value):
            raise refuse("a server name or address")
    elif kind == "url":
        _check_url(key, value)
    elif kind == "reference":
        if not isinstance(value, str) or value.partition(":")[0].strip() not in SECRET_KINDS:
            env, ring = slots(account_name, key)
            raise BadInput(
                f"secrets never go into the central configuration ({key}): it names where the worker keeps "
                f"the secret, {env} or {ring}"
            )
        return own_slot(account_name, value, key)
    elif kind == "texts":
        if not isinstance(value, Mapping) or not all(isinstance(v, str) for v in value.values()):
            raise refuse('an object of texts, e.g. {"sort": "updated_at"}')
        secret = [str(k) for k in value if any(word in str(k).lower() for word in _SECRET_WORDS)]
        if secret:
            raise BadInput(
                f"secrets never go into the central configuration ({key}: {', '.join(secret)}): the token goes "
                "by auth_header or token_param, from the account's own slot"
            )
    elif kind == "mapping":
        from .lapor import DEFAULT_API_MAPPING, parse_mapping

        if not isinstance(value, Mapping):
            raise refuse('an object, e.g. {"subject": "laporan.judul"}')
        parse_mapping(value, DEFAULT_API_MAPPING)
    elif kind == "timezone":
        from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

        try:
            ZoneInfo(value if isinstance(value, str) else "")
        except (ZoneInfoNotFoundError, ValueError):
            raise refuse("a time zone such as Asia/Jakarta") from None
    elif kind == "acknowledgement":
        if not isinstance(value, bool | str):
            raise BadInput('"acknowledgement" is false (none), true (the standard wording) or the wording itself')
        if isinstance(value, str):
            check_acknowledgement(value)
    elif kind == "kind" and value not in [k.value for k in Kind]:
        raise BadInput(f"the account's kind is one of {', '.join(k.value for k in Kind)}, not {value!r}")
    return value


def _check_url(key: str, value: Any) -> None:
    host, parts = None, urlsplit(value) if isinstance(value, str) else None
    if parts is not None:
        try:
            host = parts.hostname if parts.port is None or parts.port > 0 else None  # a bad port raises
        except ValueError:
            host = None
    if parts is None or parts.scheme not in ("https", "http") or not host:
        raise BadInput(f"the account's {key!r} must be an address such as https://api.example.go.id, not {value!r}")
    if parts.username is not None or parts.password is not None:
        raise BadInput(f"secrets never go into the central configuration: the account's {key!r} carries a login")


def _check_transport(channel: Channel, settings: Mapping[str, Any]) -> None:
    """Every server the account points the worker at is reached over TLS, but the loopback."""
    for key, value in settings.items():
        if allowed(channel)[key].type == "url":
            parts = urlsplit(value)
            if parts.scheme != "https" and not is_loopback(parts.hostname or ""):
                raise BadInput(
                    f"the account's {key!r} {value!r} is not https://: secrets and messages go to another machine "
                    "only over TLS (http:// only to 127.0.0.1, localhost or ::1)"
                )
    if channel is Channel.EMAIL:
        imap_host, imap_tls = str(settings.get("host", "")), settings.get("tls", "ssl")
        smtp_host, smtp_tls = str(settings.get("smtp_host", imap_host)), settings.get("smtp_tls", imap_tls)
        for what, host, tls, key in (("IMAP", imap_host, imap_tls, "tls"), ("SMTP", smtp_host, smtp_tls, "smtp_tls")):
            if tls == "none" and not is_loopback(host):
                raise BadInput(
                    f"the e-mail account reaches its {what} server {host or '(no host)'} without TLS ({key} none): "
                    "use ssl or starttls (none only to 127.0.0.1, localhost or ::1)"
                )
