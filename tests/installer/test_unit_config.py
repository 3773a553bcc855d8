"""unit.toml, the unit's preconfiguration: the example loads; every kind of mistake is refused naming the file
and the key; the documented schema (installer/unit-config.schema.json) and the code accept the same keys and
agree on what is valid; the policy it produces is one the app reads."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from desktop.domain.errors import BadInput
from desktop.settings import DECLARED, Settings
from installer.unit_config import CA_FILE, SECTIONS, load_unit_config
from tests.installer.certificates import throwaway_ca

INSTALLER = Path(__file__).resolve().parents[2] / "installer"
SCHEMA = json.loads((INSTALLER / "unit-config.schema.json").read_text(encoding="utf-8"))
EXAMPLE = INSTALLER / "unit.example.toml"


@pytest.fixture(scope="module")
def ca_pem(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A real CA certificate (and its key, kept apart), made by openssl for these tests."""
    return throwaway_ca(tmp_path_factory.mktemp("ca") / "ca.pem")


def write(folder: Path, text: str) -> Path:
    path = folder / "unit.toml"
    path.write_text(text, encoding="utf-8")
    return path


def test_the_example_loads_and_locks_what_it_names(tmp_path: Path) -> None:
    config = load_unit_config(EXAMPLE)
    assert config.policy() == {
        "server_url": "https://aduan.kanreg1.example.go.id:8443",
        "unit": "kanreg-1",
        "language": "id",
        "sync_interval_seconds": 30,
        "cache_encryption": "required",
        "theme": "system",
    }
    assert config.ca_certificate is None
    jsonschema.validate(_toml(EXAMPLE), SCHEMA)
    # The app reads the policy the installers write from it, and locks each key.
    policy = tmp_path / "unit-policy.json"
    policy.write_text(json.dumps(config.policy()), encoding="utf-8")
    settings = Settings(policy, tmp_path / "settings.json")
    assert settings.problems == []
    assert all(settings.locked(name) and settings.get(name) == value for name, value in config.policy().items())
    assert not settings.locked("officer_login")


def test_a_ca_certificate_is_read_and_named_relative_to_the_policy(tmp_path: Path, ca_pem: Path) -> None:
    shutil.copy(ca_pem, tmp_path / "kanreg-ca.pem")
    config = load_unit_config(write(tmp_path, '[server]\nca_certificate = "kanreg-ca.pem"\n'))
    assert config.ca_certificate == ca_pem.read_bytes()
    assert config.policy() == {"ca_certificate": CA_FILE}
    installed = tmp_path / "Program Files" / "Aduan"
    installed.mkdir(parents=True)
    (installed / "unit-policy.json").write_text(json.dumps(config.policy()), encoding="utf-8")
    settings = Settings(installed / "unit-policy.json", tmp_path / "settings.json")
    assert settings.get("ca_certificate") == str(installed / CA_FILE)


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ('[serverr]\nurl = "https://a.go.id"\n', r"unknown section \[serverr\] \(expected server, unit, settings\)"),
        ('[server]\nadres = "https://a.go.id"\n', r"\[server\] unknown key 'adres'"),
        ('[settings]\nofficer_login = "ani"\n', r"\[settings\] unknown key 'officer_login'"),
        ('[settings]\nsync_interval_seconds = "30"\n', r"\[settings\] sync_interval_seconds: '30' is not a whole"),
        ("[settings]\nsync_interval_seconds = 2\n", r"\[settings\] sync_interval_seconds: 2 seconds is too short"),
        ('[settings]\nlanguage = "fr"\n', r"\[settings\] language: 'fr' is not one of auto, id, en"),
        ("[settings]\ncache_encryption = true\n", r"\[settings\] cache_encryption: True is not one of"),
        ('[server]\nurl = "aduan.kanreg1.go.id"\n', r"\[server\] url: 'aduan.kanreg1.go.id' is not an https://"),
        ('[server]\nurl = "https://"\n', r"\[server\] url: not a server address"),
        ('[server]\nurl = "http://aduan.kanreg1.go.id"\n', r"\[server\] url: 'http://aduan.kanreg1.go.id' is not an"),
        ('[server]\nurl = "https://ani:rahasia@aduan.go.id"\n', r"\[server\] url: .*password.*keyring"),
        ('[server]\nurl = "https://aduan.go.id/?unit=1"\n', r"\[server\] url: .*without a login, query"),
        ('[server]\nurl = "postgresql://db/aduan"\n', r"\[server\] url: .*not an https://"),
        ('[unit]\ncode = "Kanreg 1"\n', r"\[unit\] code: invalid unit code 'Kanreg 1'"),
        ("[unit]\ncode = 1\n", r"\[unit\] code: 1 is not a unit code"),
        ('[unit]\ncode = ""\n', r"\[unit\] code: empty"),
        ('unit = "kanreg-1"\n', r"unit must be a section \(\[unit\]\)"),
        ('[server]\nca_certificate = "absent.pem"\n', r"\[server\] ca_certificate: .*absent\.pem cannot be read"),
        ('[settings]\nlanguage = "id"\nlanguage = "en"\n', r"not valid TOML: .*line 3"),
        ("[settings]\ntheme = dark\n", r"not valid TOML: .*line 2"),
    ],
)
def test_each_mistake_is_refused_naming_the_file_and_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = write(tmp_path, text)
    with pytest.raises(BadInput, match=message) as refused:
        load_unit_config(path)
    assert str(path) in refused.value.message
    assert "rahasia" not in refused.value.message or "password" in refused.value.message


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"just some text\n", "holds no PEM certificate"),
        (b"0\x82\x01\x00\xff\xfe binary DER", "is not a PEM file"),
        (b"-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n", "is not a valid PEM"),
    ],
)
def test_a_ca_file_that_is_not_a_pem_certificate_is_refused(tmp_path: Path, content: bytes, message: str) -> None:
    (tmp_path / "ca.pem").write_bytes(content)
    path = write(tmp_path, '[server]\nca_certificate = "ca.pem"\n')
    with pytest.raises(BadInput, match=rf"{tmp_path}.*\[server\] ca_certificate: .*ca\.pem {message}"):
        load_unit_config(path)


def test_a_ca_file_with_a_private_key_is_refused(tmp_path: Path, ca_pem: Path) -> None:
    """The file travels to every workstation: a key bundled by mistake must not."""
    key = ca_pem.with_name("ca.key").read_bytes()
    (tmp_path / "ca.pem").write_bytes(ca_pem.read_bytes() + key)
    with pytest.raises(BadInput, match="holds a private key"):
        load_unit_config(write(tmp_path, '[server]\nca_certificate = "ca.pem"\n'))


def test_the_schema_documents_exactly_the_keys_the_code_accepts() -> None:
    documented = {section: set(table["properties"]) for section, table in SCHEMA["properties"].items()}
    assert documented == {section: set(keys) for section, keys in SECTIONS.items()}
    assert SCHEMA["additionalProperties"] is False
    assert all(table["additionalProperties"] is False for table in SCHEMA["properties"].values())
    for section, table in SCHEMA["properties"].items():
        assert table.get("description"), section
        for key, entry in table["properties"].items():
            assert len(entry.get("description", "")) > 20, f"[{section}] {key} is not documented"
            assert SECTIONS[section][key] in DECLARED


def _schema_cases() -> list[tuple[str, str, object]]:
    """(section, key, value): each enum value, each bound and one beyond it, taken from the schema itself,
    plus values where the pattern must agree with the code."""
    cases: list[tuple[str, str, object]] = []
    for section, table in SCHEMA["properties"].items():
        for key, entry in table["properties"].items():
            for value in entry.get("enum", []):
                cases += [(section, key, value), (section, key, value.upper() + "x")]
            if "minimum" in entry:
                cases += [(section, key, entry["minimum"]), (section, key, entry["minimum"] - 1)]
            cases += [(section, key, example) for example in entry.get("examples", [])]
    cases += [("server", "url", url) for url in URLS] + [("unit", "code", code) for code in CODES]
    return [case for case in cases if case[1] != "ca_certificate"]  # a file: the schema cannot see it


URLS = [
    "https://aduan.go.id",
    "https://aduan.go.id:8443/aduan/",
    "https://10.1.2.3:8443",
    "http://aduan.go.id",
    "https://u:p@aduan.go.id",
    "https://aduan.go.id/?x=1",
    "https://aduan.go.id/#top",
    "https://",
    "ftp://aduan.go.id",
]
CODES = ["kanreg-1", "k", "humas", "Kanreg-1", "1kanreg", "kanreg_1", "k" * 40, "k" * 41, "kanreg 1"]


@pytest.mark.parametrize(("section", "key", "value"), _schema_cases())
def test_the_schema_and_the_code_agree_on_each_value(tmp_path: Path, section: str, key: str, value: object) -> None:
    document: dict[str, Any] = {section: {key: value}}
    schema_accepts = jsonschema.Draft202012Validator(SCHEMA).is_valid(document)
    path = write(tmp_path, f"[{section}]\n{key} = {json.dumps(value)}\n")
    try:
        load_unit_config(path)
        code_accepts = True
    except BadInput:
        code_accepts = False
    assert schema_accepts == code_accepts, (
        f"[{section}] {key} = {value!r}: schema {schema_accepts}, code {code_accepts}"
    )


def test_the_schema_is_valid_draft_2020_12() -> None:
    assert SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def _toml(path: Path) -> dict[str, Any]:
    import tomllib

    return tomllib.loads(path.read_text(encoding="utf-8"))
