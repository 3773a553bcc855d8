"""The Group Policy layer of the settings: values under ``HKLM\\SOFTWARE\\Policies\\Aduan`` (written by the MSI's
properties, by Group Policy or by Intune) lock settings above the unit's policy file.

The merge and the checks run here with a plain mapping in place of the registry; the reading of the real
registry (``winreg``) runs in the Windows workflow (.github/workflows/windows.yml), where the last test writes a
throwaway key and reads it back. Off Windows, the same test shows that nothing is read.
"""

from __future__ import annotations

import contextlib
import json
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest

from desktop.domain.errors import BadInput
from desktop.settings import POLICY_REGISTRY_KEY, Settings, read_policy_registry

# What the MSI writes when it is given SERVER_URL and UNIT only: every property, the others empty.
MSI_WRITES: dict[str, object] = {
    "server_url": "https://aduan.example.go.id",
    "unit": "kanreg-1",
    "language": "",
    "sync_interval_seconds": "",
    "cache_encryption": "",
    "ca_certificate": "",
}


def make(tmp_path: Path, registry: dict[str, object], policy: dict[str, object] | None = None) -> Settings:
    policy_path = tmp_path / "unit-policy.json"
    if policy is not None:
        policy_path.write_text(json.dumps(policy), encoding="utf-8")
    return Settings(policy_path, tmp_path / "config" / "settings.json", policy_registry=lambda: registry)


def test_the_msis_values_lock_their_settings_and_empty_values_mean_not_set(tmp_path: Path) -> None:
    settings = make(tmp_path, MSI_WRITES)
    assert settings.get("server_url") == "https://aduan.example.go.id"
    assert settings.get("unit") == "kanreg-1"
    assert settings.locked("server_url") and settings.locked("unit")
    assert not settings.locked("language") and not settings.locked("sync_interval_seconds")
    settings.set("language", "en")  # not locked: the officer may choose
    assert settings.get("language") == "en"
    with pytest.raises(BadInput, match="set by your unit's policy"):
        settings.set("server_url", "https://elsewhere.example.go.id")
    assert settings.problems == []


def test_the_registry_wins_over_the_policy_file_which_keeps_what_the_registry_leaves_empty(tmp_path: Path) -> None:
    policy: dict[str, object] = {"server_url": "https://file.example.go.id", "language": "en", "theme": "dark"}
    settings = make(tmp_path, {**MSI_WRITES, "language": "id"}, policy=policy)
    assert settings.get("server_url") == "https://aduan.example.go.id"
    assert settings.get("language") == "id"
    assert settings.get("theme") == "dark"  # the file's, the registry does not name it
    assert settings.locked("theme")


def test_whole_numbers_come_as_reg_dword_or_as_a_string_of_digits(tmp_path: Path) -> None:
    assert make(tmp_path, {"sync_interval_seconds": 45}).get("sync_interval_seconds") == 45
    assert make(tmp_path, {"sync_interval_seconds": " 60 "}).get("sync_interval_seconds") == 60


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("sync_interval_seconds", "30s", "'30s' is not a whole number of seconds"),
        ("sync_interval_seconds", "2", "too short"),
        ("language", "fr", "not one of"),
        ("cache_encryption", 1, "not one of"),
        ("server_url", "https://ani:rahasia@aduan.example.go.id", "password"),
        ("unit", "Kanreg 1", "invalid unit code"),
        ("server_url", b"\x01\x02", "neither text"),  # REG_BINARY
        ("language", ["id", "en"], "neither text"),  # REG_MULTI_SZ
    ],
)
def test_a_bad_value_is_refused_naming_the_registry_key_and_the_value(
    tmp_path: Path, name: str, value: object, message: str
) -> None:
    with pytest.raises(BadInput, match=message) as refused:
        make(tmp_path, {name: value})
    assert "HKLM\\SOFTWARE\\Policies\\Aduan" in refused.value.message
    assert repr(name) in refused.value.message


def test_an_unknown_value_is_reported_not_fatal(tmp_path: Path) -> None:
    settings = make(tmp_path, {"server_url": "https://aduan.example.go.id", "colour": "blue"})
    assert settings.get("server_url") == "https://aduan.example.go.id"
    assert any("'colour'" in problem and "ignored" in problem for problem in settings.problems)


def test_a_relative_ca_certificate_is_relative_to_the_policy_folder_an_absolute_one_stays(tmp_path: Path) -> None:
    assert make(tmp_path, {"ca_certificate": "unit-ca.pem"}).get("ca_certificate") == str(tmp_path / "unit-ca.pem")
    absolute = tmp_path / "elsewhere" / "agency-ca.pem"
    assert make(tmp_path, {"ca_certificate": str(absolute)}).get("ca_certificate") == str(absolute)


@pytest.fixture
def throwaway_key() -> Iterator[str]:
    """A key under HKCU\\Software that no one else uses (Windows), removed afterwards; a name elsewhere."""
    key = rf"Software\AduanTest\{uuid.uuid4().hex}"
    yield key
    if sys.platform == "win32":
        import winreg

        winreg.DeleteKey(winreg.HKEY_CURRENT_USER, key)
        with contextlib.suppress(OSError):  # another run's key may still be under it
            winreg.DeleteKey(winreg.HKEY_CURRENT_USER, r"Software\AduanTest")


def test_the_real_registry_is_read_on_windows_and_nothing_is_read_elsewhere(throwaway_key: str) -> None:
    if sys.platform != "win32":
        assert read_policy_registry() == {}
        assert read_policy_registry("HKCU", throwaway_key) == {}
        return
    import winreg

    assert read_policy_registry("HKCU", throwaway_key) == {}  # no key: no values
    with winreg.CreateKeyEx(winreg.HKEY_CURRENT_USER, throwaway_key, 0, winreg.KEY_WRITE) as key:
        winreg.SetValueEx(key, "server_url", 0, winreg.REG_SZ, "https://aduan.example.go.id")
        winreg.SetValueEx(key, "sync_interval_seconds", 0, winreg.REG_DWORD, 45)
        winreg.SetValueEx(key, "ca_certificate", 0, winreg.REG_EXPAND_SZ, r"%SystemDrive%\Aduan\ca.pem")
        winreg.SetValueEx(key, "language", 0, winreg.REG_SZ, "")
    values = read_policy_registry("HKCU", throwaway_key)
    assert values["server_url"] == "https://aduan.example.go.id"
    assert values["sync_interval_seconds"] == 45
    assert str(values["ca_certificate"]).lower().endswith(r":\aduan\ca.pem")
    assert "%" not in str(values["ca_certificate"])
    assert values["language"] == ""
    assert POLICY_REGISTRY_KEY == r"SOFTWARE\Policies\Aduan"
