"""Admins change units and officers after adding them (``directory.update_unit``/``update_officer``), on SQLite,
PostgreSQL and MariaDB: what changes and what stays, every refusal (a loop in the unit tree, the last active admin,
a name left empty…) changing nothing, the claims a change takes out of their holders' reach ending, and the audit
log naming who changed what."""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterator
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import Connection, select
from uuid6 import uuid7

from desktop.domain.errors import BadInput, NotFound
from desktop.domain.operations import Op, OpKind, OutcomeState
from desktop.domain.vocabulary import Role
from desktop.store import audit, claims, handling
from desktop.store.apply import apply_op
from desktop.store.directory import UNCHANGED, add_unit, list_officers, list_units, update_officer, update_unit
from desktop.store.identity import load_actor
from desktop.store.schema import event, message, ticket
from desktop.store.service import Store
from desktop.store.work import Work, begin
from tests.store.helpers import Org, add_officer_without_login, build_org, new_ticket, snapshot


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


@pytest.fixture
def adi(org: Org) -> Iterator[Store]:
    """An admin, member of humas: the only admin of the organisation."""
    org.admin.admin(add_officer_without_login, "adi", "Adi Nugroho", ["humas"], Role.ADMIN)
    store = Store(org.url, "adi")
    yield store
    store.dispose()


def as_owner(org: Org, task: Callable[..., Any], *args: Any, **kwargs: Any) -> Any:
    """The owner's tools: no officer acting (as ``commands.as_officer`` runs a command for the owner)."""
    return org.admin.admin(lambda conn: task(begin(conn, None, device="owner"), *args, **kwargs))


def units_by_code(org: Org) -> dict[str, tuple[str, str | None, int]]:
    """code → (name, parent code, lease seconds)."""
    units = org.admin.admin(list_units)
    codes = {u.id: u.code for u in units}
    return {u.code: (u.name, codes.get(u.parent_id) if u.parent_id else None, u.lease_seconds) for u in units}


def holder(org: Org, ticket_id: UUID) -> tuple[int | None, int]:
    with org.admin.engine.connect() as conn:
        row = conn.execute(select(ticket.c.claimed_by, ticket.c.claim_token).where(ticket.c.id == ticket_id)).one()
    return row.claimed_by, int(row.claim_token)


def events(org: Org, action: str) -> list[tuple[UUID | None, str | None, int | None, dict[str, Any]]]:
    """(ticket, acting officer's login, claim token, stored detail) of each event of ``action``, oldest first."""
    logins = {o.id: o.login for o in org.admin.admin(list_officers)}
    with org.admin.engine.connect() as conn:
        rows = conn.execute(
            select(event.c.ticket_id, event.c.officer_id, event.c.claim_token, event.c.detail)
            .where(event.c.action == action)
            .order_by(event.c.id)
        ).all()
    return [
        (r.ticket_id, logins.get(r.officer_id), r.claim_token, json.loads(r.detail) if r.detail else {}) for r in rows
    ]


def refused(org: Org, store: Store, task: Callable[..., Any], *args: Any, **kwargs: Any) -> BadInput | NotFound:
    """The refusal of ``task`` run as ``store``'s officer; asserts that nothing in the database changed."""
    before = snapshot(org.admin.engine)
    with pytest.raises((BadInput, NotFound)) as caught:
        store.write(task, *args, **kwargs)
    assert snapshot(org.admin.engine) == before, "a refusal changes nothing"
    assert isinstance(caught.value, BadInput | NotFound)
    return caught.value


# -- units -------------------------------------------------------------------------------------------------


def test_a_unit_is_renamed_and_given_another_lease_and_keeps_its_code_and_place(org: Org, adi: Store) -> None:
    changed, ended = adi.write(update_unit, "kanreg-1", name="  Kantor Regional I  Medan ", lease_seconds=7200)
    assert (changed.code, changed.name, changed.lease_seconds) == ("kanreg-1", "Kantor Regional I Medan", 7200)
    assert ended == ()
    assert units_by_code(org)["kanreg-1"] == ("Kantor Regional I Medan", "kanreg", 7200)
    assert units_by_code(org)["humas"] == ("Biro Humas", None, 4 * 3600), "the other units are left alone"
    only_lease, _ = adi.write(update_unit, "kanreg-1", lease_seconds=60)
    assert (only_lease.name, only_lease.lease_seconds) == ("Kantor Regional I Medan", 60), "what is not given stays"
    # The new lease is what the next claim gets: a minute, by the database's clock.
    made = new_ticket(org.rudi, unit="kanreg-1")
    held = org.rudi.write(claims.claim, made.id)
    assert held.claim.expires_at is not None
    with org.admin.engine.connect() as conn:
        claimed_at = conn.execute(
            select(event.c.created_at).where(event.c.ticket_id == made.id, event.c.action == "claim")
        ).scalar_one()
    assert (held.claim.expires_at - claimed_at).total_seconds() == pytest.approx(60, abs=1)


def test_a_unit_moves_under_another_unit_and_to_the_top(org: Org, adi: Store) -> None:
    moved, _ = adi.write(update_unit, "kanreg-1", parent="humas")
    assert units_by_code(org)["kanreg-1"][1] == "humas" and moved.parent_id is not None
    top, _ = adi.write(update_unit, "kanreg-1", parent=None)
    assert top.parent_id is None and units_by_code(org)["kanreg-1"] == ("Kantor Regional I", None, 4 * 3600)
    adi.write(update_unit, "humas", parent="kanreg")  # a unit with no sub-units goes under any other
    adi.write(update_unit, "kanreg-1", parent="humas")  # …and takes its own sub-units along when it moves
    assert {code: parent for code, (_n, parent, _l) in units_by_code(org).items()} == {
        "humas": "kanreg",
        "kanreg": None,
        "kanreg-1": "humas",
    }
    # A supervisor of kanreg sees what is below it now, two levels down.
    with org.admin.engine.connect() as conn:
        sari = load_actor(conn, "sari")
    assert sari.visible_unit_ids == frozenset(u.id for u in org.admin.admin(list_units))


def test_a_unit_cannot_become_part_of_itself_or_of_a_unit_below_it(org: Org, adi: Store) -> None:
    org.admin.admin(add_unit, "kanreg-1a", "Pos Pelayanan I-A", "kanreg-1")  # kanreg > kanreg-1 > kanreg-1a
    for code, parent in (
        ("kanreg", "kanreg"),
        ("kanreg", "kanreg-1"),
        ("kanreg", "kanreg-1a"),
        ("kanreg-1", "kanreg-1a"),
    ):
        loop = refused(org, adi, update_unit, code, parent=parent)
        assert isinstance(loop, BadInput) and loop.fields == {
            "field": "parent",
            "reason": "cycle",
            "unit": code,
            "parent": parent,
        }
    # Owner's tools too: the store refuses, whoever asks.
    with pytest.raises(BadInput, match="cannot become part of"):
        as_owner(org, update_unit, "kanreg", parent="kanreg-1a")
    # Sideways is fine: kanreg-1a under humas.
    adi.write(update_unit, "kanreg-1a", parent="humas")
    assert units_by_code(org)["kanreg-1a"][1] == "humas"


def test_what_a_unit_cannot_be_changed_to_is_refused_and_changes_nothing(org: Org, adi: Store) -> None:
    assert isinstance(refused(org, adi, update_unit, "tidak-ada", name="Unit"), NotFound)
    assert isinstance(refused(org, adi, update_unit, "humas", parent="tidak-ada"), NotFound)
    for blank in ("", "   ", "\u200b"):
        empty = refused(org, adi, update_unit, "humas", name=blank)
        assert empty.fields == {"field": "unit name", "reason": "empty"}, blank
    assert refused(org, adi, update_unit, "humas", name="x" * 201).fields["reason"] == "too_long"
    for seconds in (59, 0, -1, 7 * 24 * 3600 + 1):
        lease = refused(org, adi, update_unit, "humas", lease_seconds=seconds)
        assert lease.fields == {"field": "lease_seconds", "reason": "out_of_range", "low": "60", "high": "604800"}
    nothing = refused(org, adi, update_unit, "humas")
    assert "nothing to change" in nothing.message
    # A refused field refuses the whole change: the name given beside a bad lease is not kept.
    refused(org, adi, update_unit, "humas", name="Biro Baru", lease_seconds=10)
    assert units_by_code(org)["humas"][0] == "Biro Humas"


# -- officers ----------------------------------------------------------------------------------------------


def test_an_officer_is_renamed_given_another_role_and_other_units(org: Org, adi: Store) -> None:
    changed, ended = adi.write(
        update_officer, "rudi", name="Rudi Hartono, S.H.", role=Role.SUPERVISOR, unit_codes=["humas", "kanreg-1"]
    )
    assert (changed.login, changed.name, changed.role) == ("rudi", "Rudi Hartono, S.H.", Role.SUPERVISOR)
    assert changed.unit_codes == ("humas", "kanreg-1") and ended == ()
    with org.admin.engine.connect() as conn:
        rudi = load_actor(conn, "rudi")
    assert rudi.officer == changed and {u.code for u in org.admin.admin(list_units) if u.id in rudi.unit_ids} == {
        "humas",
        "kanreg-1",
    }
    kept, _ = adi.write(update_officer, "rudi", unit_codes=["kanreg", "kanreg", "kanreg"])
    assert (kept.name, kept.role, kept.unit_codes) == ("Rudi Hartono, S.H.", Role.SUPERVISOR, ("kanreg",))
    # The new membership works at once: rudi records a report in kanreg and no longer in humas.
    rudi_now = Store(org.url, "rudi")
    try:
        assert new_ticket(rudi_now, unit="kanreg").unit == "kanreg"
        with pytest.raises(BadInput, match="humas"):
            new_ticket(rudi_now, unit="humas")
    finally:
        rudi_now.dispose()


def test_what_an_officer_cannot_be_changed_to_is_refused_and_changes_nothing(org: Org, adi: Store) -> None:
    assert isinstance(refused(org, adi, update_officer, "tidak.ada", name="Siapa"), NotFound)
    assert isinstance(refused(org, adi, update_officer, "ani", unit_codes=["humas", "tidak-ada"]), NotFound)
    no_unit = refused(org, adi, update_officer, "ani", unit_codes=[])
    assert no_unit.fields == {"field": "units", "reason": "empty"}
    assert refused(org, adi, update_officer, "ani", name=" ").fields == {"field": "officer name", "reason": "empty"}
    assert "nothing to change" in refused(org, adi, update_officer, "ani").message
    refused(org, adi, update_officer, "ani", name="Ani Baru", unit_codes=[])
    ani = next(o for o in org.admin.admin(list_officers) if o.login == "ani")
    assert (ani.name, ani.unit_codes) == ("Ani Wijaya", ("humas",))


def test_the_last_active_admin_stays_an_admin(org: Org, adi: Store) -> None:
    for role in (Role.SUPERVISOR, Role.OFFICER):
        last = refused(org, adi, update_officer, "adi", role=role)
        assert last.fields == {"field": "role", "reason": "last_admin", "login": "adi"}
    with pytest.raises(BadInput, match="last active admin"):
        as_owner(org, update_officer, "adi", role=Role.OFFICER)  # the owner's tools keep one admin too
    adi.write(update_officer, "adi", role=Role.ADMIN, name="Adi N.")  # staying an admin is no demotion

    # A deactivated admin is no admin to hand over to.
    org.admin.admin(add_officer_without_login, "dedi", "Dedi", ["kanreg"], Role.ADMIN)
    from desktop.store import accounts

    org.admin.admin(accounts.set_active, "dedi", False)
    refused(org, adi, update_officer, "adi", role=Role.OFFICER)
    org.admin.admin(accounts.set_active, "dedi", True)
    demoted, _ = adi.write(update_officer, "adi", role=Role.OFFICER)
    assert demoted.role is Role.OFFICER
    dedi = Store(org.url, "dedi")
    try:
        refused(org, dedi, update_officer, "dedi", role=Role.SUPERVISOR)
        dedi.write(update_officer, "adi", role=Role.ADMIN)  # promoting needs no other admin
    finally:
        dedi.dispose()
    # A deactivated admin may be demoted: they are not what keeps the organisation administered.
    org.admin.admin(accounts.set_active, "dedi", False)
    assert adi.write(update_officer, "dedi", role=Role.OFFICER)[0].role is Role.OFFICER


def test_two_admins_demoting_each_other_at_once_leave_one_admin(org: Org, adi: Store) -> None:
    """The first holds its transaction open; the second must wait for it and then see that it would leave no
    admin. Without the lock on the admins' rows both would read two admins and both would succeed."""
    org.admin.admin(add_officer_without_login, "dedi", "Dedi", ["kanreg"], Role.ADMIN)
    dedi = Store(org.url, "dedi")
    dedi.actor()  # resolved before the race: only the change itself waits
    outcome: list[object] = []

    def second() -> None:
        try:
            outcome.append(dedi.write(update_officer, "adi", role=Role.OFFICER))
        except BadInput as exc:
            outcome.append(exc)

    racer = threading.Thread(target=second)
    try:
        with adi.connect() as conn:
            conn.execution_options(write=True)
            with conn.begin():
                update_officer(begin(conn, adi.actor()), "dedi", role=Role.OFFICER)
                racer.start()
                racer.join(timeout=2)
                assert racer.is_alive(), f"the second demotion did not wait for the first: {outcome}"
        racer.join(timeout=60)
        assert not racer.is_alive()
    finally:
        racer.join()
        dedi.dispose()
    assert len(outcome) == 1 and isinstance(outcome[0], BadInput) and outcome[0].fields["reason"] == "last_admin"
    admins = [o.login for o in org.admin.admin(list_officers) if o.role is Role.ADMIN and o.active]
    assert admins == ["adi"]


# -- the claims a change puts out of reach ------------------------------------------------------------------


def test_leaving_a_unit_ends_the_claims_held_there_and_keeps_the_others(org: Org, adi: Store) -> None:
    adi.write(update_officer, "ani", unit_codes=["humas", "kanreg-1"])
    org.ani.actor(refresh=True)
    in_humas, in_kanreg = new_ticket(org.ani), new_ticket(org.ani, unit="kanreg-1", subject="KTP lambat")
    held = org.ani.write(claims.claim, in_humas.id)
    org.ani.write(claims.claim, in_kanreg.id)
    ani_id = org.ani.actor().id

    changed, ended = adi.write(update_officer, "ani", unit_codes=["kanreg-1"])
    assert changed.unit_codes == ("kanreg-1",) and ended == (in_humas.tracking_no,)
    assert holder(org, in_humas.id) == (None, held.claim.token + 1), "free again for humas, the old token dead"
    assert holder(org, in_kanreg.id)[0] == ani_id, "a report of a unit she stays in stays hers"
    assert events(org, "holder_left") == [
        (in_humas.id, "adi", held.claim.token, {"previous_holder": "ani", "unit": "humas"})
    ]
    assert events(org, "officer_changed")[-1][1:] == (
        "adi",
        None,
        {"officer": "ani", "units": ["kanreg-1"], "claims_ended": 1},
    )
    # humas takes it over at once; the lease that ani had does not have to run out first.
    assert org.budi.write(claims.claim, in_humas.id).claim.holder == "budi"

    # ani's reply queued on her computer under the old claim is refused as for any report out of her reach,
    # and nothing is written on the report.
    org.ani.actor(refresh=True)
    late = Op(uuid7(), OpKind.REPLY, in_humas.id, {"text": "Balasan yang ditulis di luar jaringan"}, held.claim.token)
    outcome = org.ani.write(apply_op, late)
    assert outcome.state is OutcomeState.REJECTED and outcome.code == NotFound.code
    with org.admin.engine.connect() as conn:
        assert conn.execute(select(message.c.id).where(message.c.direction == "outbound")).first() is None


def test_a_supervisor_made_an_officer_lets_go_of_the_reports_below_her_unit(org: Org, adi: Store) -> None:
    below = new_ticket(org.rudi, unit="kanreg-1")
    own = new_ticket(org.sari, unit="kanreg", subject="Antrean panjang")
    org.sari.write(claims.claim, below.id)
    org.sari.write(claims.claim, own.id)
    _, ended = adi.write(update_officer, "sari", role=Role.OFFICER)
    assert ended == (below.tracking_no,)
    assert holder(org, below.id)[0] is None and holder(org, own.id)[0] is not None
    _, again = adi.write(update_officer, "sari", role=Role.SUPERVISOR)
    assert again == () and holder(org, below.id)[0] is None, "a claim that ended is not given back"


def test_an_admin_made_an_officer_keeps_only_the_claims_in_their_units(org: Org, adi: Store) -> None:
    elsewhere, at_home = new_ticket(org.rudi, unit="kanreg-1"), new_ticket(org.ani)
    adi.write(claims.claim, elsewhere.id)
    adi.write(claims.claim, at_home.id)
    org.admin.admin(add_officer_without_login, "dedi", "Dedi", ["kanreg"], Role.ADMIN)
    _, ended = as_owner(org, update_officer, "adi", role=Role.OFFICER)
    assert ended == (elsewhere.tracking_no,)
    assert holder(org, elsewhere.id)[0] is None and holder(org, at_home.id)[0] is not None
    assert events(org, "holder_left")[0][1] is None, "the owner's tools act as nobody"


def test_a_change_that_keeps_the_reach_ends_no_claim(org: Org, adi: Store) -> None:
    made = new_ticket(org.ani)
    held = org.ani.write(claims.claim, made.id)
    _, ended = adi.write(update_officer, "ani", name="Ani W.", role=Role.SUPERVISOR, unit_codes=["humas", "kanreg"])
    assert ended == () and holder(org, made.id)[1] == held.claim.token
    org.ani.actor(refresh=True)
    org.ani.write(handling.add_note, made.id, "Masih saya tangani.")  # the claim works on
    org.ani.write(claims.renew, made.id, held.claim.token)
    assert events(org, "holder_left") == []


def test_moving_a_unit_away_ends_the_claims_of_the_supervisor_above_its_old_place(org: Org, adi: Store) -> None:
    by_sari, by_rudi = new_ticket(org.rudi, unit="kanreg-1"), new_ticket(org.rudi, unit="kanreg-1", subject="Lain")
    org.sari.write(claims.claim, by_sari.id)
    rudi_held = org.rudi.write(claims.claim, by_rudi.id)
    moved, ended = adi.write(update_unit, "kanreg-1", parent=None)
    assert moved.parent_id is None and ended == (by_sari.tracking_no,)
    assert holder(org, by_sari.id)[0] is None
    assert holder(org, by_rudi.id)[1] == rudi_held.claim.token, "its own officers keep theirs"
    assert events(org, "holder_left")[0][3] == {"previous_holder": "sari", "unit": "kanreg-1"}
    assert events(org, "unit_changed")[-1][3] == {"unit": "kanreg-1", "top": True, "claims_ended": 1}
    # A rename or a new lease moves nothing and ends nothing.
    org.sari.write(claims.claim, new_ticket(org.sari, unit="kanreg").id)
    assert adi.write(update_unit, "kanreg", name="Kanreg", lease_seconds=3600)[1] == ()


def test_the_changes_read_in_the_audit_log_with_their_fields(org: Org, adi: Store) -> None:
    adi.write(update_unit, "kanreg-1", name="Kanreg I", parent="humas", lease_seconds=3600)
    adi.write(update_officer, "rudi", role=Role.SUPERVISOR, unit_codes=["kanreg-1"])
    found = as_owner(org, audit.search_events, audit.AuditQuery(action="unit_changed")).entries
    assert [(e.officer, e.ticket_id, e.detail) for e in found] == [
        (
            "adi",
            None,
            {"unit": "kanreg-1", "name": "Kanreg I", "parent": "humas", "lease_seconds": 3600, "claims_ended": 0},
        )
    ]
    people = adi.view(audit.search_events, audit.AuditQuery(action="officer_changed")).entries
    assert [e.detail for e in people] == [
        {"officer": "rudi", "role": "supervisor", "units": ["kanreg-1"], "claims_ended": 0}
    ]
    # A supervisor's search covers tickets only: the organisation's changes are the admins'.
    assert org.sari.view(audit.search_events, audit.AuditQuery(action="officer_changed")).entries == ()


def test_unchanged_is_the_default_and_none_is_the_top(org: Org) -> None:
    """The keyword's two meanings, as the server's command passes them."""

    def move(conn: Connection, parent: Any) -> Any:
        return update_unit(Work(conn, None), "kanreg-1", parent=parent, lease_seconds=600)

    unit_now, _ = org.admin.admin(move, UNCHANGED)
    assert units_by_code(org)["kanreg-1"][1] == "kanreg" and unit_now.lease_seconds == 600
    org.admin.admin(move, None)
    assert units_by_code(org)["kanreg-1"][1] is None
