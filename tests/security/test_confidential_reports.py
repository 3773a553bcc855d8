"""A confidential report's content in the officers' caches after real syncs, directly and through ``aduan server``:
the handling unit's cache holds it (so that a search that finds nothing could have found it), the cache of a
supervisor of the unit above holds none of it, a share brings it and its end takes it away, and a transfer takes
it from the unit that lost the report. Then the requests an attacker would try against the server."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import select

from desktop.cache import schema as s
from desktop.cache.database import Cache
from desktop.domain.vocabulary import Role
from desktop.store import accounts, claims, handling, sharing
from desktop.store.schema import ticket_share
from desktop.sync.engine import SyncEngine
from tests.security.confidential import CONTENT, SCAN, SUBJECT, found_in_cache, record_confidential
from tests.security.refusals import refusal
from tests.server.conftest import World
from tests.server.live import PASSWORD, call
from tests.store.helpers import Org, add_officer_without_login, build_org
from tests.sync.helpers import Client, client

EVERYTHING = set(CONTENT)


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def cached_ticket(c: Client, ticket_id: object) -> tuple[str, bool] | None:
    with c.cache.read() as conn:
        row = conn.execute(
            select(s.ticket.c.subject, s.ticket.c.content_withheld).where(s.ticket.c.id == ticket_id)
        ).first()
    return None if row is None else (row.subject, bool(row.content_withheld))


def test_a_direct_sync_gives_the_unit_above_the_summary_and_shares_come_and_go(org: Org, tmp_path: Path) -> None:
    report = record_confidential(org.rudi)
    rudi, sari, ani = (client(org.url, login, tmp_path) for login in ("rudi", "sari", "ani"))
    for c in (rudi, sari, ani):
        c.sync()
    rudi.engine.attachment_content(report.sha256)  # fetched once: kept in the cache by hash
    assert found_in_cache(rudi.cache.path) == EVERYTHING
    assert found_in_cache(sari.cache.path) == set()
    assert cached_ticket(sari, report.id) == ("", True)
    assert cached_ticket(ani, report.id) is None
    assert sari.engine.attachment_content(report.sha256) is None  # nor fetched on demand

    token = org.rudi.write(claims.claim, report.id).claim.token
    org.rudi.write(sharing.share_ticket, report.id, "ani")
    org.rudi.write(sharing.share_ticket, report.id, "sari")
    ani.sync()
    sari.sync()
    assert ani.engine.attachment_content(report.sha256) == SCAN
    assert sari.engine.attachment_content(report.sha256) == SCAN
    assert found_in_cache(ani.cache.path) == EVERYTHING
    assert found_in_cache(sari.cache.path) == EVERYTHING  # readable again: the older thread caught up
    assert cached_ticket(sari, report.id) == (SUBJECT, False)

    org.rudi.write(sharing.unshare_ticket, report.id, "ani")
    org.rudi.write(sharing.unshare_ticket, report.id, "sari")
    ani.sync()
    sari.sync()
    assert found_in_cache(ani.cache.path) == set() and cached_ticket(ani, report.id) is None
    assert found_in_cache(sari.cache.path) == set() and cached_ticket(sari, report.id) == ("", True)
    org.rudi.write(claims.release, report.id, token)
    for c in (rudi, sari, ani):
        c.close()


def test_a_transfer_takes_the_content_from_the_unit_that_lost_the_report(org: Org, tmp_path: Path) -> None:
    # sari supervises kanreg and is a member of it: a report of kanreg is hers to read.
    report = record_confidential(org.sari, unit="kanreg")
    sari, rudi = client(org.url, "sari", tmp_path), client(org.url, "rudi", tmp_path)
    sari.sync()
    rudi.sync()
    sari.engine.attachment_content(report.sha256)
    assert found_in_cache(sari.cache.path) == EVERYTHING and found_in_cache(rudi.cache.path) == set()

    token = org.sari.write(claims.claim, report.id).claim.token
    org.sari.write(handling.transfer, report.id, token, "kanreg-1", "wewenang kantor regional I")
    sari.sync()
    rudi.sync()
    # Still below her: she keeps the summary, and nothing of the content.
    assert cached_ticket(sari, report.id) == ("", True)
    assert found_in_cache(sari.cache.path) == set()
    assert found_in_cache(rudi.cache.path) == EVERYTHING - {"attachment"}  # the scan is fetched on demand
    rudi.engine.attachment_content(report.sha256)

    token = org.rudi.write(claims.claim, report.id).claim.token
    org.rudi.write(handling.transfer, report.id, token, "humas", "bukan wewenang kanreg")
    rudi.sync()
    assert cached_ticket(rudi, report.id) is None and found_in_cache(rudi.cache.path) == set()
    sari.close()
    rudi.close()


# -- through the server ---------------------------------------------------------------------------------------


def server_client(world: World, login: str, folder: Path) -> tuple[Cache, SyncEngine]:
    cache = Cache(folder / f"{login}.server-cache.db")
    return cache, SyncEngine(cache, world.server.central(login))


def command(world: World, token: str, name: str, **body: object) -> tuple[int, str | None]:
    return refusal(call(world.server, "POST", f"/v1/commands/ticket/{name}", token, json=body))


def test_through_the_server_the_unit_above_syncs_no_content_and_shares_are_refused_to_others(
    world: World, tmp_path: Path
) -> None:
    org = world.org
    report = record_confidential(org.rudi)
    org.admin.admin(add_officer_without_login, "rina", "Rina Marlina", ["kanreg-1"], Role.OFFICER)
    org.admin.admin(accounts.reset_password, "rina", PASSWORD)
    rudi_cache, rudi_engine = server_client(world, "rudi", tmp_path)
    sari_cache, sari_engine = server_client(world, "sari", tmp_path)
    ani_cache, ani_engine = server_client(world, "ani", tmp_path)
    for engine in (rudi_engine, sari_engine, ani_engine):
        engine.sync()
    assert rudi_engine.attachment_content(report.sha256) == SCAN
    assert found_in_cache(rudi_cache.path) == EVERYTHING
    assert found_in_cache(sari_cache.path) == set()
    tokens = {login: world.server.sign_in(login) for login in ("rudi", "sari", "ani", "budi", "rina")}
    # The attachment route: the handling unit reads the scan, the supervisor above is not told it exists.
    path = f"/v1/attachments/{report.sha256}"
    assert call(world.server, "GET", path, tokens["rudi"]).content == SCAN
    for login in ("sari", "ani"):
        assert refusal(call(world.server, "GET", path, tokens[login])) == (404, "not_found")

    # Sharing, as an attacker tries it: a ticket the caller may not see, from above, as a plain member, with
    # a forged body; nothing is shared.
    ref = report.tracking_no
    assert command(world, tokens["budi"], "share", ticket=ref, login="budi") == (404, "not_found")
    assert command(world, tokens["sari"], "share", ticket=ref, login="sari") == (403, "not_permitted")
    assert command(world, tokens["rina"], "share", ticket=ref, login="ani") == (403, "not_permitted")
    assert command(world, tokens["sari"], "share", ticket=ref, login="ani", shared_by="rudi")[0] == 422
    assert command(world, tokens["ani"], "shares", ticket=ref) == (404, "not_found")
    assert world.owner.read(lambda conn: conn.execute(select(ticket_share)).all()) == []

    org.rudi.write(claims.claim, report.id)
    answer = call(
        world.server, "POST", "/v1/commands/ticket/share", tokens["rudi"], json={"ticket": ref, "login": "ani"}
    )
    assert answer.status_code == 200 and answer.json()["officer"] == "ani", answer.text
    ani_engine.sync()
    assert ani_engine.attachment_content(report.sha256) == SCAN
    assert found_in_cache(ani_cache.path) == EVERYTHING
    # The shared officer may neither end shares nor pass the report on; the supervisor above may not end one.
    assert command(world, tokens["ani"], "unshare", ticket=ref, login="ani") == (403, "not_permitted")
    assert command(world, tokens["ani"], "share", ticket=ref, login="budi") == (403, "not_permitted")
    assert command(world, tokens["sari"], "unshare", ticket=ref, login="ani") == (403, "not_permitted")

    assert command(world, tokens["rudi"], "unshare", ticket=ref, login="ani")[0] == 200
    ani_engine.sync()
    sari_engine.sync()
    assert found_in_cache(ani_cache.path) == set()
    assert found_in_cache(sari_cache.path) == set()
    assert refusal(call(world.server, "GET", path, tokens["ani"])) == (404, "not_found")
    for cache, engine in ((rudi_cache, rudi_engine), (sari_cache, sari_engine), (ani_cache, ani_engine)):
        engine.central.close()
        cache.dispose()


def test_a_desk_of_the_unit_above_shows_the_summary(org: Org, tmp_path: Path) -> None:
    """The read model the window shows: the flag, an empty subject, no thread."""
    from desktop.views.tickets import ticket_detail

    report = record_confidential(org.rudi)
    sari = client(org.url, "sari", tmp_path)
    sari.sync()
    with sari.cache.read() as conn:
        cached = ticket_detail(conn, report.id)
    assert cached.detail.ticket.content_withheld and cached.detail.ticket.subject == ""
    assert cached.detail.messages == () and cached.detail.notes == () and cached.attachments == ()
    sari.close()
