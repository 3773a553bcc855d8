"""The client release policy in the central store, on each engine: set, show and clear through the one command
implementation, a unit's own policy before its parent's before the one for every unit, the strictest of an
officer's units, and bad input refused with nothing stored."""

from __future__ import annotations

import pytest
from packaging.version import Version
from sqlalchemy import func, select

from desktop.domain.client_release import ClientPolicy, checked_installer, client_version, parse_version
from desktop.domain.errors import BadInput, NotFound, NotPermitted
from desktop.domain.vocabulary import Role
from desktop.server import commands
from desktop.server.commands import run_direct
from desktop.store.client_policy import policy_for_unit, required_for
from desktop.store.identity import load_actor
from desktop.store.schema import client_policy, event
from desktop.store.service import Store
from tests.store.helpers import add_officer_without_login, build_org

SHARE = r"\\fileserver\aduan\aduan-0.2.0.exe"


def set_policy(store: Store, unit: str | None, version: str, installer: str = SHARE, note: str | None = None) -> None:
    request = commands.ClientPolicySet(unit=unit, min_version=version, installer=installer, note=note)
    run_direct(commands.client_policy_set, store, None, request)


def officer_id(store: Store, login: str) -> int:
    return store.admin(load_actor, login).id


def rows(store: Store) -> int:
    return int(store.read(lambda conn: conn.execute(select(func.count()).select_from(client_policy)).scalar_one()))


def test_a_unit_follows_its_own_then_its_parents_then_the_global_policy(migrated_url: str) -> None:
    org = build_org(migrated_url)  # humas; kanreg with kanreg-1 under it
    try:
        owner = org.admin
        assert owner.read(policy_for_unit, "kanreg-1") is None  # nothing set: every version is accepted
        set_policy(owner, None, "0.2.0", note="Hubungi TI di ext. 123")
        assert owner.read(policy_for_unit, "kanreg-1") == ClientPolicy(None, "0.2.0", SHARE, "Hubungi TI di ext. 123")
        set_policy(owner, "kanreg", "0.3.0", "https://unduh.kanreg.example.go.id/aduan-0.3.0.exe")
        assert owner.read(policy_for_unit, "kanreg-1").unit == "kanreg"  # the parent's
        assert owner.read(policy_for_unit, "humas").unit is None  # the global one
        assert owner.read(policy_for_unit, "no-such-unit").unit is None  # unknown: the global one, nothing told
        set_policy(owner, "kanreg-1", "0.2.5")
        assert owner.read(policy_for_unit, "kanreg-1").min_version == "0.2.5"  # its own, even if less strict
        # Setting again replaces the unit's row: one row per unit, one for every unit.
        set_policy(owner, None, "0.2.1")
        assert rows(owner) == 3 and owner.read(policy_for_unit, "humas").min_version == "0.2.1"

        # An officer of several units must satisfy the strictest of them.
        owner.admin(add_officer_without_login, "dewi", "Dewi", ["humas", "kanreg"], Role.OFFICER)
        assert owner.read(required_for, officer_id(owner, "dewi")).min_version == "0.3.0"
        assert owner.read(required_for, officer_id(owner, "rudi")).min_version == "0.2.5"
        assert owner.read(required_for, officer_id(owner, "ani")).min_version == "0.2.1"

        shown = run_direct(commands.client_policy_show, owner, None, commands.Nothing())
        assert [p.unit for p in shown.policies] == [None, "kanreg", "kanreg-1"]

        # Clearing a unit's own policy: it follows its parent's again; a second clear changes nothing.
        clear = commands.UnitCodeOnly(unit="kanreg-1")
        assert run_direct(commands.client_policy_clear, owner, None, clear) is True
        assert run_direct(commands.client_policy_clear, owner, None, clear) is False
        assert owner.read(policy_for_unit, "kanreg-1").unit == "kanreg"
        assert run_direct(commands.client_policy_clear, owner, None, commands.UnitCodeOnly()) is True
        assert owner.read(policy_for_unit, "humas") is None
        audited = owner.read(
            lambda conn: conn.execute(select(event.c.action).where(event.c.action.like("client_policy%"))).scalars()
        )
        assert sorted(set(audited)) == ["client_policy_cleared", "client_policy_set"]
    finally:
        org.close()


def test_only_admins_set_a_policy_and_every_officer_reads_their_own(migrated_url: str) -> None:
    org = build_org(migrated_url)
    try:
        owner = org.admin
        set_policy(owner, "humas", "0.2.0")
        owner.admin(add_officer_without_login, "adi", "Adi", ["kanreg"], Role.ADMIN)
        request = commands.ClientPolicySet(min_version="0.1.0", installer=SHARE)
        for login in ("ani", "sari"):  # an officer, a supervisor
            actor = owner.admin(load_actor, login)
            with pytest.raises(NotPermitted, match="only admins may set which Aduan versions"):
                run_direct(commands.client_policy_set, Store(migrated_url, login), actor, request)
            with pytest.raises(NotPermitted):
                run_direct(commands.client_policy_clear, Store(migrated_url, login), actor, commands.UnitCodeOnly())
        assert owner.read(policy_for_unit, "kanreg") is None and rows(owner) == 1

        ani = owner.admin(load_actor, "ani")
        mine = run_direct(commands.client_policy_show, org.ani, ani, commands.Nothing())
        assert mine.applies == ClientPolicy("humas", "0.2.0", SHARE) and mine.policies == []  # not the others'
        rudi = run_direct(commands.client_policy_show, org.rudi, owner.admin(load_actor, "rudi"), commands.Nothing())
        assert rudi.applies is None  # kanreg-1 has none, nor its parent, nor every unit

        adi_store = Store(migrated_url, "adi")
        try:
            adi = owner.admin(load_actor, "adi")
            run_direct(commands.client_policy_set, adi_store, adi, request)
            assert [
                p.unit for p in run_direct(commands.client_policy_show, adi_store, adi, commands.Nothing()).policies
            ] == [
                None,
                "humas",
            ]
        finally:
            adi_store.dispose()
    finally:
        org.close()


@pytest.mark.parametrize(
    ("version", "installer", "note", "says"),
    [
        ("abc", SHARE, None, "--min-version 'abc' is not a version like 0.2.0"),
        ("0.2.0", "http://unduh.example.go.id/aduan.exe", None, "must use https://, not http://"),
        ("0.2.0", r"C:\Installers\aduan.exe", None, "neither an https:// URL nor a \\\\server\\share path"),
        ("0.2.0", "file:///srv/aduan.exe", None, "neither an https:// URL"),
        ("0.2.0", r"\\fileserver", None, "is not a share path"),
        ("0.2.0", r"\\fileserver\aduan\..\..\x.exe", None, "is not a share path"),
        ("0.2.0", "https://", None, "is not a whole https:// URL"),
        ("0.2.0", "https://unduh.example.go.id/a.exe\nX", None, "control character"),
        ("0.2.0", SHARE, "baris\x07bel", "--note holds a control character"),
    ],
)
def test_bad_input_is_refused_with_the_reason_and_nothing_is_stored(
    migrated_url: str, version: str, installer: str, note: str | None, says: str
) -> None:
    owner = Store(migrated_url)
    try:
        with pytest.raises(BadInput) as refused:
            set_policy(owner, None, version, installer, note)
        assert says in refused.value.message
        assert rows(owner) == 0
        with pytest.raises(NotFound, match="no unit with code 'tidak-ada'"):
            set_policy(owner, "tidak-ada", "0.2.0")
        assert rows(owner) == 0
    finally:
        owner.dispose()


def test_versions_compare_as_pypa_does_and_a_missing_or_broken_header_is_version_zero() -> None:
    policy = ClientPolicy(None, "0.2.0", SHARE)
    assert policy.accepts(Version("0.10.0")) and policy.accepts(Version("0.2.0"))
    assert not policy.accepts(Version("0.2.0rc1")) and not policy.accepts(Version("0.1.9"))
    assert client_version(None) is None and client_version("not a version") is None
    assert client_version(" 0.2.0 ") == Version("0.2.0")
    assert str(parse_version("0.2")) == "0.2"
    assert (
        checked_installer("  https://unduh.example.go.id/aduan-0.2.0.exe ")
        == "https://unduh.example.go.id/aduan-0.2.0.exe"
    )
    assert checked_installer(r"\\10.1.2.3\Aplikasi Kantor$\Aduan\aduan-0.2.0.exe").startswith("\\\\10.1.2.3")
