"""Status self-service's counter rows are purged once they guard nothing, on every engine at fixed times: a
contact's count after its clock hour, a request's row ``REQUEST_KEPT`` after it was handled — and a request
delivered again after that is still not answered twice. The worker's hourly pruning runs the purge."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import insert, select

from desktop.domain.inbound import InboundMessage, Received
from desktop.domain.vocabulary import Channel
from desktop.store import intake, self_service
from desktop.store.schema import counter, message, outbound_message
from desktop.store.work import begin
from tests.e2e.cli import ROOT
from tests.store.helpers import Org, build_org

T0 = datetime(2026, 3, 2, 3, 15)  # naive UTC
SITI = "6281100000001"


@pytest.fixture
def org(migrated_url: str) -> Iterator[Org]:
    built = build_org(migrated_url)
    yield built
    built.close()


def wa(external_id: str, text: str) -> InboundMessage:
    return InboundMessage(Channel.WHATSAPP, external_id, SITI, "Siti", "", text)


def receive(org: Org, inbound: InboundMessage, at: datetime) -> Received:
    def run(conn: Any) -> Received:
        work = begin(conn, None)
        work.prime(at, None)
        return intake.receive(work, inbound, "humas")

    return org.admin.admin(run)


def purge(org: Org, at: datetime) -> int:
    def run(conn: Any) -> int:
        work = begin(conn, None)
        work.prime(at, None)
        return self_service.purge_counters(work)

    return org.admin.admin(run)


def counters(org: Org) -> dict[str, int]:
    return {r.name: r.value for r in org.admin.read(lambda conn: conn.execute(select(counter)).all())}


def status_rows(org: Org, prefix: str) -> list[str]:
    return sorted(name for name in counters(org) if name.startswith(prefix))


def status_answers(org: Org) -> int:
    query = select(outbound_message.c.id).join(message, message.c.id == outbound_message.c.message_id)
    return len(org.admin.read(lambda conn: conn.execute(query.where(message.c.author_id.is_(None))).all()))


def test_an_hours_count_goes_after_its_hour_and_a_request_after_the_redelivery_window(org: Org) -> None:
    receive(org, wa("w1", "Air PDAM tidak mengalir sejak Senin."), T0)
    acknowledged = status_answers(org)
    asked = receive(org, wa("ask-1", "cek"), T0 + timedelta(minutes=10))
    assert not asked.duplicate and status_answers(org) == acknowledged + 1
    [rate] = status_rows(org, self_service.RATE_PREFIX)
    [request] = status_rows(org, self_service.REQUEST_PREFIX)
    assert rate.endswith(":2026030203")
    others = {name: value for name, value in counters(org).items() if not name.startswith("status-")}
    assert others, "the change and tracking-number counters are there to be left alone"

    assert purge(org, T0 + timedelta(minutes=44, seconds=59)) == 0  # 03:59:59: the hour is still counting
    assert status_rows(org, self_service.RATE_PREFIX) == [rate]
    assert purge(org, datetime(2026, 3, 2, 4, 0)) == 1  # the next hour began: its count guards nothing
    assert status_rows(org, self_service.RATE_PREFIX) == [] and status_rows(org, self_service.REQUEST_PREFIX) == [
        request
    ]

    # Within the window the request's row says it was handled (a duplicate counts against no hour).
    assert receive(org, wa("ask-1", "cek"), T0 + timedelta(days=1)).duplicate
    handled = T0 + timedelta(minutes=10)
    assert purge(org, handled + self_service.REQUEST_KEPT - timedelta(seconds=1)) == 0
    assert status_rows(org, self_service.REQUEST_PREFIX) == [request]
    assert purge(org, handled + self_service.REQUEST_KEPT + timedelta(seconds=1)) == 1
    assert status_rows(org, "status-") == []

    # A re-delivery later still (a mailbox read again from the start) finds the answer queued under the
    # request's operation id: not answered twice, and no row comes back to be kept.
    again = receive(org, wa("ask-1", "cek"), T0 + timedelta(days=400))
    assert again.duplicate and status_answers(org) == acknowledged + 1
    assert status_rows(org, "status-") == []
    assert {name: value for name, value in counters(org).items() if not name.startswith("status-")} == others


def test_a_contacts_count_of_the_current_hour_stays_and_keeps_limiting(org: Org) -> None:
    receive(org, wa("w1", "Lampu jalan mati di Jl. Melati."), T0)
    for n in range(self_service.ANSWERS_PER_HOUR):
        receive(org, wa(f"ask-{n}", "status"), T0 + timedelta(minutes=n))
    answered = status_answers(org)
    assert purge(org, T0 + timedelta(minutes=30)) == 0
    receive(org, wa("ask-over", "status"), T0 + timedelta(minutes=31))
    assert status_answers(org) == answered  # the purge did not reset the hour's count


@pytest.mark.parametrize("db_url", ["sqlite"], indirect=True)
def test_the_workers_hourly_pruning_purges_them(migrated_url: str) -> None:
    """Whatever day the test runs: rows of the year 2000 are gone, rows of the far future are kept."""
    gone_rate, kept_rate = "status-rate:" + "a" * 32 + ":2000010100", "status-rate:" + "b" * 32 + ":9999123123"
    gone_request, kept_request = "status-req:" + "c" * 40, "status-req:" + "d" * 40
    rows = {gone_rate: 3, kept_rate: 1, gone_request: 1, kept_request: 10**12}  # value 1: a row of before
    built = build_org(migrated_url)
    try:
        built.admin.admin(
            lambda conn: conn.execute(insert(counter), [{"name": n, "value": v} for n, v in rows.items()])
        )
        env = {k: v for k, v in os.environ.items() if not k.startswith("ADUAN_")}
        done = subprocess.run(
            [sys.executable, str(ROOT / "main.py"), "worker", "--once", "--json"],
            env={**env, "ADUAN_DB": migrated_url},
            cwd=ROOT,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        assert json.loads(done.stdout)["pruned"] == 2
        assert sorted(name for name in counters(built) if name.startswith("status-")) == sorted(
            [kept_rate, kept_request]
        )
    finally:
        built.close()
