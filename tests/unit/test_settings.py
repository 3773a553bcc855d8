"""Settings in three layers: built-in default, the unit's locked policy, the officer's own file."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from desktop.domain.errors import BadInput
from desktop.settings import DECLARED, Settings, default_policy_path


def make(tmp_path: Path, policy: dict[str, object] | None = None, user: str | None = None) -> Settings:
    policy_path = tmp_path / "unit-policy.json"
    if policy is not None:
        policy_path.write_text(json.dumps(policy), encoding="utf-8")
    user_path = tmp_path / "config" / "settings.json"
    if user is not None:
        user_path.parent.mkdir(parents=True, exist_ok=True)
        user_path.write_text(user, encoding="utf-8")
    return Settings(policy_path, user_path)


def test_defaults_apply_without_any_file(tmp_path: Path) -> None:
    settings = make(tmp_path)
    assert settings.values() == {
        "language": "auto",
        "server_url": "",
        "officer_login": "",
        "sync_interval_seconds": 15,
        "cache_encryption": "auto",
        "theme": "system",
        "unit": "",
        "ca_certificate": "",
        "notify_assigned": "on",
        "notify_mentioned": "on",
        "notify_citizen_reply": "on",
        "notify_deadlines": "on",
        "notify_spikes": "on",
    }
    assert not any(settings.locked(name) for name in DECLARED)
    assert settings.problems == []


def test_the_user_value_wins_over_the_default_and_survives_a_restart(tmp_path: Path) -> None:
    settings = make(tmp_path)
    settings.set("language", "id")
    settings.set("sync_interval_seconds", 30)
    settings.set("server_url", "postgresql://db.humas.go.id:5432/aduan")
    settings.set("officer_login", "ani")
    settings.save()
    again = make(tmp_path)
    assert again.get("language") == "id"
    assert again.get("sync_interval_seconds") == 30
    assert again.get("server_url") == "postgresql://db.humas.go.id:5432/aduan"
    assert again.get("officer_login") == "ani"
    assert again.get("theme") == "system"


def test_the_unit_policy_wins_and_locks_its_keys(tmp_path: Path) -> None:
    user = json.dumps({"server_url": "postgresql://elsewhere/aduan", "theme": "dark"})
    settings = make(tmp_path, policy={"server_url": "postgresql://db.unit.go.id/aduan"}, user=user)
    assert settings.get("server_url") == "postgresql://db.unit.go.id/aduan"
    assert settings.locked("server_url") and not settings.locked("theme")
    assert settings.get("theme") == "dark", "unlocked keys keep the officer's value"
    with pytest.raises(BadInput, match="unit's policy"):
        settings.set("server_url", "postgresql://mine/aduan")
    assert settings.get("server_url") == "postgresql://db.unit.go.id/aduan"


def test_the_policy_path_and_the_config_folder_come_from_the_environment(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    policy = tmp_path / "policy.json"
    policy.write_text(json.dumps({"sync_interval_seconds": 60}), encoding="utf-8")
    monkeypatch.setenv("ADUAN_POLICY", str(policy))
    monkeypatch.setenv("ADUAN_CONFIG_DIR", str(tmp_path / "cfg"))
    settings = Settings()
    settings.set("theme", "light")
    settings.save()
    assert settings.get("sync_interval_seconds") == 60 and settings.locked("sync_interval_seconds")
    assert json.loads((tmp_path / "cfg" / "settings.json").read_text()) == {"theme": "light"}


@pytest.mark.parametrize(
    ("name", "value", "message"),
    [
        ("language", "fr", "not one of auto, id, en"),
        ("theme", "pink", "not one of system, light, dark"),
        ("sync_interval_seconds", 2, "too short: at least 5"),
        ("sync_interval_seconds", "15", "not a whole number"),
        ("sync_interval_seconds", True, "not a whole number"),
        ("officer_login", "Ani Wijaya", "not a valid login"),
        ("server_url", "not a url", "not a database address"),
        ("server_url", "oracle://db/aduan", "unsupported database"),
        ("colour", "red", "no setting named 'colour'"),
        ("unit", "Kanreg 1", "invalid unit code"),
        ("unit", "1-kanreg", "invalid unit code"),
        ("unit", "k" * 41, "unit code is 41 characters long"),
        ("unit", 7, "not a unit code"),
        ("ca_certificate", 7, "not a file path"),
    ],
)
def test_bad_values_are_refused_clearly(tmp_path: Path, name: str, value: object, message: str) -> None:
    settings = make(tmp_path)
    with pytest.raises(BadInput, match=message):
        settings.set(name, value)
    if name in DECLARED:
        assert settings.get(name) == DECLARED[name].default


@pytest.mark.parametrize(
    "url", ["postgresql://ani:rahasia@db.unit.go.id/aduan", "postgresql://db.unit.go.id/aduan?password=rahasia"]
)
def test_a_server_address_with_a_password_is_refused(tmp_path: Path, url: str) -> None:
    settings = make(tmp_path)
    with pytest.raises(BadInput, match="keyring"):
        settings.set("server_url", url)
    settings.save()
    assert "rahasia" not in settings.user_path.read_text()


def test_a_password_written_into_the_file_by_hand_is_removed_not_kept(tmp_path: Path) -> None:
    user = json.dumps({"server_url": "postgresql://ani:rahasia@db/aduan", "theme": "dark"})
    settings = make(tmp_path, user=user)
    assert settings.get("server_url") == "" and settings.get("theme") == "dark"
    assert any("server_url" in problem for problem in settings.problems)
    written = [p.read_text() for p in settings.user_path.parent.iterdir()]
    assert written and not any("rahasia" in text for text in written)


def test_a_corrupt_user_file_is_kept_aside_and_reported(tmp_path: Path) -> None:
    settings = make(tmp_path, user='{"theme": "dark",')
    assert settings.get("theme") == "system"
    kept = settings.user_path.with_name("settings.json.broken")
    assert kept.read_text() == '{"theme": "dark",', "the officer's file is never silently lost"
    assert len(settings.problems) == 1 and str(kept) in settings.problems[0]
    again = make(tmp_path, user="[1, 2]")
    assert again.user_path.with_name("settings.json.broken.1").read_text() == "[1, 2]"
    assert kept.read_text() == '{"theme": "dark",', "an earlier copy is not overwritten"


def test_an_invalid_value_keeps_the_file_aside_and_the_valid_values(tmp_path: Path) -> None:
    settings = make(tmp_path, user=json.dumps({"theme": "dark", "sync_interval_seconds": 1}))
    assert settings.get("theme") == "dark" and settings.get("sync_interval_seconds") == 15
    assert "sync_interval_seconds" in settings.problems[0]
    assert json.loads(settings.user_path.with_name("settings.json.broken").read_text())["sync_interval_seconds"] == 1
    assert json.loads(settings.user_path.read_text()) == {"theme": "dark"}


def test_unknown_keys_in_the_user_file_are_kept_for_the_version_that_wrote_them(tmp_path: Path) -> None:
    settings = make(tmp_path, user=json.dumps({"theme": "dark", "future_option": [1, 2]}))
    settings.set("language", "en")
    settings.save()
    assert json.loads(settings.user_path.read_text()) == {"future_option": [1, 2], "language": "en", "theme": "dark"}


def test_a_broken_unit_policy_is_refused_naming_the_file(tmp_path: Path) -> None:
    with pytest.raises(BadInput, match=r"unit-policy\.json.*sync_interval_seconds"):
        make(tmp_path, policy={"sync_interval_seconds": 0})
    with pytest.raises(BadInput, match="keyring"):
        make(tmp_path, policy={"server_url": "mariadb://root:secret@db/aduan"})
    (tmp_path / "unit-policy.json").write_text("not json", encoding="utf-8")
    with pytest.raises(BadInput, match=r"unit-policy\.json cannot be read"):
        Settings(tmp_path / "unit-policy.json", tmp_path / "settings.json")


def test_unknown_policy_keys_are_reported_not_fatal(tmp_path: Path) -> None:
    settings = make(tmp_path, policy={"theme": "dark", "colour": "red"})
    assert settings.get("theme") == "dark" and settings.locked("theme")
    assert any("colour" in problem for problem in settings.problems)


def test_the_unit_policy_sits_in_one_aduan_folder_on_windows(monkeypatch: pytest.MonkeyPatch) -> None:
    """platformdirs on Windows adds the app author as a folder unless told not to: the installer writes
    C:\\ProgramData\\Aduan\\policy.json, never C:\\ProgramData\\Aduan\\Aduan\\policy.json."""
    import platformdirs
    from platformdirs import windows

    monkeypatch.delenv("ADUAN_POLICY", raising=False)
    monkeypatch.setattr(windows, "get_win_folder", lambda csidl: "C:\\ProgramData")
    monkeypatch.setattr(platformdirs, "PlatformDirs", windows.Windows)
    folders = default_policy_path().parent.as_posix().replace("\\", "/").split("/")
    assert folders == ["C:", "ProgramData", "Aduan"]


def test_the_installers_policy_beside_the_frozen_program_is_found(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The order: ADUAN_POLICY, else unit-policy.json beside the frozen aduan.exe (the installer's), else the
    machine's config folder."""
    import platformdirs

    program = tmp_path / "Programs" / "Aduan"
    program.mkdir(parents=True)
    monkeypatch.delenv("ADUAN_POLICY", raising=False)
    monkeypatch.setattr(platformdirs, "site_config_dir", lambda *a, **k: str(tmp_path / "ProgramData" / "Aduan"))
    machine = tmp_path / "ProgramData" / "Aduan" / "unit-policy.json"
    monkeypatch.setattr(sys, "executable", str(program / "aduan.exe"))
    monkeypatch.setattr(sys, "frozen", True, raising=False)
    assert default_policy_path() == machine, "no file beside the program: the machine's folder"
    (program / "unit-policy.json").write_text(json.dumps({"unit": "kanreg-1"}), encoding="utf-8")
    assert default_policy_path() == program / "unit-policy.json"
    monkeypatch.setenv("ADUAN_POLICY", str(tmp_path / "elsewhere.json"))
    assert default_policy_path() == tmp_path / "elsewhere.json", "the environment wins"
    monkeypatch.delenv("ADUAN_POLICY")
    monkeypatch.setattr(sys, "frozen", False)
    assert default_policy_path() == machine, "run from source, the program folder is Python's: not looked at"


def test_a_relative_ca_certificate_in_a_policy_is_relative_to_the_policy_file(tmp_path: Path) -> None:
    settings = make(tmp_path, policy={"ca_certificate": "unit-ca.pem", "unit": "kanreg-1"})
    assert settings.get("ca_certificate") == str(tmp_path / "unit-ca.pem")
    assert settings.locked("ca_certificate") and settings.get("unit") == "kanreg-1" and settings.locked("unit")
    absolute = tmp_path / "pki" / "ca.pem"
    assert make(tmp_path, policy={"ca_certificate": str(absolute)}).get("ca_certificate") == str(absolute)
    assert make(tmp_path, policy={"ca_certificate": ""}).get("ca_certificate") == ""


def test_the_https_client_trusts_the_policy_certificate_unless_the_environment_names_one(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from desktop.sync.http_central import trusted_certificates

    monkeypatch.delenv("ADUAN_CA_CERT", raising=False)
    assert trusted_certificates(make(tmp_path)) is True, "nothing named: the bundled/system store"
    settings = make(tmp_path, policy={"ca_certificate": "unit-ca.pem"})
    with pytest.raises(BadInput, match=r"unit-ca\.pem does not exist"):
        trusted_certificates(settings)
    (tmp_path / "unit-ca.pem").write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    assert trusted_certificates(settings) == str(tmp_path / "unit-ca.pem")
    own = tmp_path / "test-ca.pem"
    own.write_text("-----BEGIN CERTIFICATE-----\n", encoding="utf-8")
    monkeypatch.setenv("ADUAN_CA_CERT", str(own))
    assert trusted_certificates(settings) == str(own)
