"""A unit's preconfiguration (``unit.toml``): read, checked, and turned into the policy file the app reads.

The admin writes one TOML file per unit (documented by ``unit-config.schema.json``, example in
``unit.example.toml``); the installers write its policy (``unit-policy.json``) and its CA certificate
(``unit-ca.pem``) beside ``aduan.exe``. Every value is checked by the same function the app applies to
its settings (``desktop.settings.DECLARED``), so a file that builds is a file the app accepts. Every key
present is locked for officers.
"""

from __future__ import annotations

import ssl
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from desktop.domain.errors import BadInput
from desktop.settings import DECLARED, Value, is_aduan_server

POLICY_FILE = "unit-policy.json"
CA_FILE = "unit-ca.pem"
# Settings that follow the officer, not the workstation: never in a unit's file.
PERSONAL = ("officer_login",)
# [section] key -> the app's setting. [settings] takes every other declared setting under its own name: a
# setting added to the app is refused here until the schema documents it (tests/installer compare the two).
NAMED_ELSEWHERE: dict[str, dict[str, str]] = {
    "server": {"url": "server_url", "ca_certificate": "ca_certificate"},
    "unit": {"code": "unit"},
}
SECTIONS: dict[str, dict[str, str]] = {
    **NAMED_ELSEWHERE,
    "settings": {
        name: name
        for name in DECLARED
        if name not in PERSONAL and all(name not in keys.values() for keys in NAMED_ELSEWHERE.values())
    },
}
MAX_CA_BYTES = 1024 * 1024


@dataclass(frozen=True)
class UnitConfig:
    """A checked unit.toml: the settings it locks and the CA certificate (PEM) it brings, if any."""

    path: Path
    settings: Mapping[str, Value]  # declared setting name -> checked value; ca_certificate excluded
    ca_certificate: bytes | None

    def policy(self) -> dict[str, object]:
        """The JSON object the installers write as ``unit-policy.json`` beside the program."""
        policy: dict[str, object] = dict(self.settings)
        if self.ca_certificate is not None:
            policy["ca_certificate"] = CA_FILE  # relative to the policy file's folder
        return policy


def load_unit_config(path: Path) -> UnitConfig:
    """Read and check ``path``; BadInput naming the file and the key on any mistake."""
    try:
        document = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as exc:
        raise BadInput(f"{path}: cannot be read: {exc}") from None
    except tomllib.TOMLDecodeError as exc:
        raise BadInput(f"{path}: not valid TOML: {exc}") from None
    settings: dict[str, Value] = {}
    ca_certificate: bytes | None = None
    for section, table in document.items():
        if section not in SECTIONS:
            raise BadInput(f"{path}: unknown section [{section}] (expected {_listed(SECTIONS)})")
        if not isinstance(table, dict):
            raise BadInput(f"{path}: {section} must be a section ([{section}]), not a value")
        for key, value in table.items():
            where = f"{path}: [{section}] {key}"
            name = SECTIONS[section].get(key)
            if name is None:
                raise BadInput(f"{path}: [{section}] unknown key {key!r} (expected {_listed(SECTIONS[section])})")
            if value == "":
                raise BadInput(f"{where}: empty; give a value or leave the key out")
            if name == "ca_certificate":
                ca_certificate = _ca_certificate(where, path.parent, value)
                continue
            if name == "server_url" and not (isinstance(value, str) and value.strip().startswith("https://")):
                raise BadInput(f"{where}: {value!r} is not an https:// address of an Aduan server")
            try:
                settings[name] = DECLARED[name].check(value)
            except BadInput as exc:
                raise BadInput(f"{where}: {exc.message}") from None
            if name == "server_url" and not is_aduan_server(str(settings[name])):
                raise BadInput(f"{where}: {value!r} is not the address of an Aduan server")
    return UnitConfig(path, settings, ca_certificate)


def _listed(names: Mapping[str, object]) -> str:
    return ", ".join(names)


def _ca_certificate(where: str, folder: Path, value: object) -> bytes:
    """The PEM file named (relative to unit.toml's folder), holding certificates and nothing else."""
    if not isinstance(value, str):
        raise BadInput(f"{where}: {value!r} is not a file name")
    file = folder / value
    try:
        if file.stat().st_size > MAX_CA_BYTES:
            raise BadInput(f"{where}: {file} is larger than {MAX_CA_BYTES:,} bytes: not a CA certificate")
        data = file.read_bytes()
    except OSError as exc:
        raise BadInput(f"{where}: {file} cannot be read: {exc.strerror or exc}") from None
    try:
        text = data.decode("ascii")
    except UnicodeDecodeError:
        raise BadInput(f"{where}: {file} is not a PEM file (a DER certificate? convert it with openssl x509)") from None
    if "PRIVATE KEY-----" in text:
        # The file is copied to every workstation: a server's private key must never travel with it.
        raise BadInput(f"{where}: {file} holds a private key; give only the CA's certificate")
    if "-----BEGIN CERTIFICATE-----" not in text:
        raise BadInput(f"{where}: {file} holds no PEM certificate (-----BEGIN CERTIFICATE-----)")
    try:
        # OpenSSL reads it exactly as the app's HTTPS client (requests) will.
        ssl.create_default_context(cafile=None, capath=None, cadata=text)
    except ssl.SSLError as exc:
        raise BadInput(f"{where}: {file} is not a valid PEM certificate: {exc.reason or exc}") from None
    return data
