"""The client versions the server accepts: every request of the desktop and the command line names its version
(``X-Aduan-Client``), and sign-in and every authenticated route refuse one below the policy of the signed-in
officer's units (the strictest of them, ``store/client_policy.py``) with HTTP 426, naming the lowest accepted
version, the unit's installer and the admin's note. The client keeps its outbox and says so.

A request without the header comes from a client older than the header: version 0, refused once a policy
exists (the server log says which officer, so the admin can find the computers left behind). Health and
readiness are no officer's and are never refused.

``GET /v1/client-policy?unit=CODE`` answers without a session, so that a workstation can show the link before
its officer signs in. It tells only the version, the link and the note, which are not secret (every officer
of the unit is shown them); an unknown unit gets the policy for every unit, so the route tells nobody which
units exist.
"""

# No "from __future__ import annotations": FastAPI reads the route signature.

import logging
from typing import Annotated

from fastapi import APIRouter, Query
from sqlalchemy import Connection

from ..domain.client_release import NO_VERSION, client_version
from ..domain.errors import ClientOutdated
from ..store.client_policy import policy_for_unit, required_for
from ..store.identity import Actor
from ..store.service import Store
from . import wire

log = logging.getLogger("aduan.server")


def check_client(conn: Connection, actor: Actor, header: str | None) -> None:
    """Raise ClientOutdated when the client that sent ``header`` is older than the officer's policy allows."""
    policy = required_for(conn, actor.id)
    if policy is None:
        return
    version = client_version(header)
    if policy.accepts(version or NO_VERSION):
        return
    sent = header if version is not None else None
    said = repr(header) if header is not None else "no X-Aduan-Client header"
    log.warning(
        "refused a client of officer %s: %s (%s); their units' policy asks for %s or newer",
        actor.login,
        said,
        "treated as version 0: a client from before versions were sent" if version is None else "too old",
        policy.min_version,
    )
    raise ClientOutdated(sent or "0", policy.min_version, policy.installer, policy.note)


def client_policy_router(store: Store) -> APIRouter:
    router = APIRouter()

    @router.get("/v1/client-policy", response_model=wire.ClientPolicyBody)
    def client_policy(
        unit: Annotated[str | None, Query(min_length=1, max_length=40)] = None,
    ) -> wire.ClientPolicyBody:
        """The policy of ``unit`` (its own, a parent's, or the one for every unit); all null when every
        version is accepted. No session needed: a workstation asks before its officer signs in."""
        found = store.read(policy_for_unit, unit)
        if found is None:
            return wire.ClientPolicyBody()
        return wire.ClientPolicyBody(min_version=found.min_version, installer=found.installer, note=found.note)

    return router


def outdated_fields(exc: ClientOutdated) -> dict[str, str | None]:
    """What a 426 answer carries beside the message, for the client to show the link."""
    return {
        "client_version": exc.client_version,
        "min_version": exc.min_version,
        "installer": exc.installer,
        "note": exc.note,
    }
