"""Team discussion and the resolution of hand-over items, on SQLite, PostgreSQL and MariaDB."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import Table, func, select
from uuid6 import uuid7

from desktop.domain.errors import BadInput, NotFound, NotPermitted
from desktop.domain.operations import Op, OpKind, OutcomeState
from desktop.domain.vocabulary import Role
from desktop.store import claims, discussions, handovers
from desktop.store.apply import apply_op
from desktop.store.schema import discussion, discussion_post, event, handover_item, mention, officer
from desktop.store.service import Store
from tests.store.helpers import Org, add_officer_without_login, build_org, expire_claim, new_ticket, snapshot


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def mentioned(org: Org, post_id: UUID) -> list[str]:
    with org.admin.engine.connect() as conn:
        return sorted(
            conn.execute(
                select(officer.c.login)
                .join(mention, mention.c.officer_id == officer.c.id)
                .where(mention.c.post_id == post_id)
            ).scalars()
        )


def rows(org: Org, table: Table) -> list[Any]:
    with org.admin.engine.connect() as conn:
        return list(conn.execute(select(table).order_by(*table.primary_key.columns)))


def start(store: Store, unit: str = "humas", body: str = "Rapat koordinasi besok jam 9.", **kwargs: object) -> UUID:
    discussion_id = uuid7()
    store.write(discussions.start_discussion, discussion_id, unit, "Koordinasi mingguan", body, uuid7(), **kwargs)
    return discussion_id


def test_a_thread_starts_with_its_first_post_and_takes_posts_with_mentions(org: Org) -> None:
    discussion_id, first_id = uuid7(), uuid7()
    first = org.ani.write(
        discussions.start_discussion,
        discussion_id,
        "humas",
        "  Koordinasi   mingguan ",
        "Mohon @budi siapkan data.",
        first_id,
    )
    assert first.author == "ani" and first.mentions == ("budi",) and first.discussion_id == discussion_id
    answer = org.budi.write(discussions.post, uuid7(), discussion_id, "Siap @ani, juga @tidakada dan @rudi.")
    assert answer.mentions == ("ani", "rudi")
    assert mentioned(org, first_id) == ["budi"] and mentioned(org, answer.id) == ["ani", "rudi"]
    with org.admin.engine.connect() as conn:
        thread = conn.execute(select(discussion).where(discussion.c.id == discussion_id)).one()
        posts = conn.execute(select(discussion_post).order_by(discussion_post.c.created_at)).all()
        audited = conn.execute(select(event.c.action).order_by(event.c.id)).scalars().all()
    assert thread.title == "Koordinasi mingguan" and thread.ticket_id is None and thread.change_seq > 0
    assert [p.body for p in posts] == ["Mohon @budi siapkan data.", "Siap @ani, juga @tidakada dan @rudi."]
    assert all(p.change_seq > 0 for p in posts)
    assert audited[-2:] == ["discuss", "post"]


def test_a_thread_may_link_a_ticket_the_officer_sees(org: Org) -> None:
    mine = new_ticket(org.ani)
    elsewhere = new_ticket(org.rudi, unit="kanreg-1")
    discussion_id = start(org.ani, ticket_id=mine.id)
    with org.admin.engine.connect() as conn:
        linked = conn.execute(select(discussion.c.ticket_id).where(discussion.c.id == discussion_id)).scalar_one()
        on_ticket = conn.execute(select(event.c.action).where(event.c.ticket_id == mine.id)).scalars().all()
    assert linked == mine.id and "discuss" in on_ticket
    before = snapshot(org.admin.engine)
    for ticket_id in (elsewhere.id, uuid7()):
        with pytest.raises(NotFound):
            start(org.ani, ticket_id=ticket_id)
    assert snapshot(org.admin.engine) == before


def test_only_units_the_officer_may_see_take_threads_and_posts(org: Org) -> None:
    kanreg_thread = start(org.sari, unit="kanreg")
    sub_unit_thread = start(org.sari, unit="kanreg-1")  # a supervisor's sub-unit
    before = snapshot(org.admin.engine)
    with pytest.raises(NotPermitted):
        start(org.ani, unit="kanreg")
    with pytest.raises(NotPermitted):
        start(org.rudi, unit="kanreg")  # the parent unit is not an officer's
    with pytest.raises(NotFound):
        start(org.ani, unit="tidak-ada")
    with pytest.raises(NotFound):
        org.rudi.write(discussions.post, uuid7(), kanreg_thread, "Boleh saya ikut?")
    with pytest.raises(NotFound):
        org.ani.write(discussions.post, uuid7(), uuid7(), "Thread yang tidak ada")
    for title, body in (("   ", "isi"), ("Judul", " \n "), ("Judul", "bel\x07")):
        with pytest.raises(BadInput):
            org.sari.write(discussions.start_discussion, uuid7(), "kanreg", title, body, uuid7())
    assert snapshot(org.admin.engine) == before
    assert org.rudi.write(discussions.post, uuid7(), sub_unit_thread, "Baik, Bu.").author == "rudi"


def test_the_same_operation_pushed_twice_applies_once(org: Org) -> None:
    discussion_id, post_id = uuid7(), uuid7()
    payload = {
        "discussion_id": str(discussion_id),
        "post_id": str(post_id),
        "unit": "humas",
        "title": "Libur nasional",
        "body": "@budi jadwal piket?",
        "ticket_id": None,
    }
    discuss = Op(uuid7(), OpKind.DISCUSS, None, payload, offline=True)
    reply = Op(uuid7(), OpKind.POST, None, {"discussion_id": str(discussion_id), "post_id": str(uuid7()), "body": "Ok"})
    first = org.ani.write(apply_op, discuss)
    assert first.state is OutcomeState.APPLIED and first.result["mentions"] == ["budi"]
    assert org.ani.write(apply_op, discuss) == first
    assert org.budi.write(apply_op, reply) == org.budi.write(apply_op, reply)
    with org.admin.engine.connect() as conn:
        assert conn.execute(select(func.count()).select_from(discussion)).scalar_one() == 1
        assert conn.execute(select(func.count()).select_from(discussion_post)).scalar_one() == 2
        assert conn.execute(select(func.count()).select_from(mention)).scalar_one() == 1
    # A new operation reusing a post id is refused as bad input, not left to fail on the key.
    reused = Op(uuid7(), OpKind.POST, None, {"discussion_id": str(discussion_id), "post_id": str(post_id), "body": "x"})
    assert org.ani.write(apply_op, reused).code == "bad_input"
    malformed = Op(uuid7(), OpKind.POST, None, {"body": "tanpa thread"})
    refused = org.ani.write(apply_op, malformed)
    assert refused.state is OutcomeState.REJECTED and refused.code == "bad_input"
    no_ticket = Op(uuid7(), OpKind.CLAIM, None)
    assert org.ani.write(apply_op, no_ticket).code == "bad_input"


def handed_over_to_budi(org: Org) -> tuple[UUID, UUID]:
    """Ani's reply under a claim she lost to Budi becomes a hand-over item for him: (ticket, item)."""
    made = new_ticket(org.ani)
    stale = org.ani.write(claims.claim, made.id).claim.token
    expire_claim(org.admin.engine, made.id)
    org.budi.write(claims.claim, made.id)
    late = Op(uuid7(), OpKind.REPLY, made.id, {"text": "Balasan yang terlambat"}, token=stale, offline=True)
    outcome = org.ani.write(apply_op, late)
    assert outcome.state is OutcomeState.HANDED_OVER
    return made.id, UUID(outcome.result["handover_id"])


def test_the_holder_resolves_a_hand_over_and_others_may_not(org: Org) -> None:
    ticket_id, item_id = handed_over_to_budi(org)
    with pytest.raises(NotPermitted):
        org.ani.write(handovers.resolve_handover, item_id, True)  # the sender sees the ticket, but it is not hers
    for outsider in (org.rudi, org.sari):  # not their unit
        with pytest.raises(NotFound):
            outsider.write(handovers.resolve_handover, item_id, False)
    rejected = org.ani.write(apply_op, Op(uuid7(), OpKind.RESOLVE_HANDOVER, None, {"item_id": str(item_id)}))
    assert rejected.state is OutcomeState.REJECTED and rejected.code == "not_permitted"
    with org.admin.engine.connect() as conn:
        stamp_before = conn.execute(
            select(handover_item.c.change_seq).where(handover_item.c.id == item_id)
        ).scalar_one()

    resolve = Op(uuid7(), OpKind.RESOLVE_HANDOVER, None, {"item_id": str(item_id), "accepted": True})
    done = org.budi.write(apply_op, resolve)
    assert done.state is OutcomeState.APPLIED and done.result["accepted"] is True and done.result["already"] is False
    assert org.budi.write(apply_op, resolve) == done
    with org.admin.engine.connect() as conn:
        item = conn.execute(select(handover_item).where(handover_item.c.id == item_id)).one()
        audited = conn.execute(select(event.c.action).where(event.c.ticket_id == ticket_id)).scalars().all()
    assert item.resolved_at is not None and item.change_seq != stamp_before
    assert audited.count("resolve_handover") == 1


def test_a_supervisor_of_the_unit_may_resolve_and_a_second_resolution_changes_nothing(org: Org) -> None:
    _ticket_id, item_id = handed_over_to_budi(org)
    org.admin.admin(add_officer_without_login, "hana", "Hana Pratiwi", ["humas"], Role.SUPERVISOR)
    hana = Store(org.url, "hana")
    try:
        first = hana.write(handovers.resolve_handover, item_id, False)
        assert first.accepted is False and not first.already
        before = rows(org, handover_item), rows(org, event)
        again = org.budi.write(handovers.resolve_handover, item_id, True)
        assert again.already and again.resolved_at == first.resolved_at
        assert (rows(org, handover_item), rows(org, event)) == before
    finally:
        hana.dispose()
