"""Assignment and workload in the window, headless, on a real central database (SQLite) and real caches: sari
(supervisor of kanreg, above kanreg-1) sees each officer's load by name, gives one of rudi's reports to dewi
(kanreg-1) from the workload window, and after one sync round dewi finds it in "Mine", told who assigned it."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from uuid import UUID

import pytest
from pytestqt.qtbot import QtBot
from sqlalchemy import update

from desktop.domain.status import Status
from desktop.domain.vocabulary import Role
from desktop.store import claims, handling
from desktop.store import schema as central
from desktop.store.clock import server_now
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui.assign_dialog import AssignDialog
from desktop.ui.events import Events
from desktop.ui.ops import Ops
from desktop.ui.workload_view import WorkloadView
from desktop.views import assignments
from desktop.views.tickets import list_tickets
from tests.store.helpers import add_officer_without_login, new_ticket
from tests.ui.conftest import session_for
from tests.ui.ticket_views import closed, open_view, shown_dialog

TIMEOUT = 10_000


@pytest.fixture
def kanreg(org_url: str) -> Iterator[dict[str, UUID]]:
    """dewi joins kanreg-1; rudi holds its report, overdue by an hour; a closed report and one of kanreg."""
    owner = Store(org_url)
    owner.admin(add_officer_without_login, "dewi", "Dewi Kusuma", ["kanreg-1"], Role.OFFICER)
    rudi, sari = Store(org_url, "rudi"), Store(org_url, "sari")
    held = new_ticket(rudi, unit="kanreg-1", subject="Antrean KTP sampai sore")
    token = rudi.write(claims.claim, held.id).claim.token
    done = new_ticket(rudi, unit="kanreg-1", subject="Sudah selesai")
    done_token = rudi.write(claims.claim, done.id).claim.token
    rudi.write(handling.change_status, done.id, done_token, Status.DIARSIPKAN)
    own = new_ticket(sari, unit="kanreg", subject="Surat untuk kepala kantor")
    with owner.engine.begin() as conn:
        late = server_now(conn) - timedelta(hours=1)
        conn.execute(update(central.ticket).where(central.ticket.c.id == held.id).values(due_at=late))
    assert token
    yield {"held": held.id, "done": done.id, "own": own.id}
    for store in (owner, rudi, sari):
        store.dispose()


@pytest.fixture
def sari(org_url: str, tmp_path: Path, kanreg: dict[str, UUID]) -> Iterator[Session]:
    opened = session_for(org_url, "sari", tmp_path)
    yield opened
    opened.close()


def officer_rows(view: WorkloadView) -> list[tuple[str, ...]]:
    rows = []
    for row in range(view.officers.topLevelItemCount()):
        item = view.officers.topLevelItem(row)
        assert item is not None
        rows.append(tuple(item.text(column) for column in range(4)))
    return rows


def listed(dialog: AssignDialog) -> list[str]:
    return [
        dialog.officers.item(row).text()
        for row in range(dialog.officers.count())
        if not dialog.officers.item(row).isHidden()
    ]


def test_the_workload_shows_names_and_loads_and_a_report_is_rebalanced_to_another_officer(
    qtbot: QtBot, sari: Session, ops: Ops, org_url: str, tmp_path: Path, kanreg: dict[str, UUID]
) -> None:
    view = WorkloadView(sari, ops, Events())
    qtbot.addWidget(view)
    view.show()
    view.reload()
    qtbot.waitUntil(lambda: view.officers.topLevelItemCount() == 3, timeout=TIMEOUT)
    assert officer_rows(view) == [
        ("Dewi Kusuma", "Kantor Regional I", "0", "0"),
        ("Rudi Hartono", "Kantor Regional I", "1", "1"),
        ("Sari Lestari", "Kantor Regional", "0", "0"),
    ]
    view.choose_officer("Rudi Hartono")
    qtbot.waitUntil(lambda: view.held.topLevelItemCount() == 1, timeout=TIMEOUT)
    report = view.held.topLevelItem(0)
    assert report is not None and report.text(1) == "Antrean KTP sampai sore" and report.text(3).endswith("(overdue)")
    assert not view.assign_button.isEnabled(), "nothing selected yet"
    report.setSelected(True)
    view.assign_button.click()

    dialog = shown_dialog(qtbot, view, AssignDialog)
    qtbot.waitUntil(lambda: len(listed(dialog)) == 2, timeout=TIMEOUT)
    assert listed(dialog) == ["Dewi Kusuma — 0 open", "Rudi Hartono — 1 open, 1 overdue"], "kanreg-1's officers"
    dialog.search.setText("dew")
    assert listed(dialog) == ["Dewi Kusuma — 0 open"]
    assert dialog.chosen() is not None and dialog.chosen().name == "Dewi Kusuma"  # type: ignore[union-attr]
    with qtbot.waitSignal(dialog.assigned, timeout=TIMEOUT):
        dialog.assign_button.click()
    qtbot.waitUntil(lambda: closed(dialog), timeout=TIMEOUT)
    # At once, before the server heard of it.
    qtbot.waitUntil(lambda: officer_rows(view)[0][2:] == ("1", "1"), timeout=TIMEOUT)
    assert officer_rows(view)[1][2:] == ("0", "0")

    sari.engine.sync()
    dewi = session_for(org_url, "dewi", tmp_path)
    try:
        with dewi.cache.read() as conn:
            mine = [t.subject for t in list_tickets(conn, mine=True)]
            told = assignments.assigned_to_me_since(conn, None)
        assert mine == ["Antrean KTP sampai sore"]
        assert [a.assigned_by for a in told] == ["Sari Lestari"]
        pane = open_view(qtbot, dewi, ops, kanreg["held"])
        assert pane.banner.text().startswith("Assigned to you by Sari Lestari; you hold it until ")
        pane.close()
    finally:
        dewi.close()


def test_reports_the_officer_may_not_take_are_summarised_and_the_rest_assigned(
    qtbot: QtBot, sari: Session, ops: Ops, kanreg: dict[str, UUID]
) -> None:
    ids = [kanreg["held"], kanreg["done"], kanreg["own"]]
    dialog = AssignDialog(sari, ops, ids)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitUntil(lambda: len(listed(dialog)) == 3, timeout=TIMEOUT)
    assert [line.split(" — ")[0] for line in listed(dialog)] == ["Dewi Kusuma", "Rudi Hartono", "Sari Lestari"]
    dialog.choose("Dewi Kusuma")
    with qtbot.waitSignal(dialog.assigned, timeout=TIMEOUT):
        dialog.assign_button.click()
    qtbot.waitUntil(dialog.summary.isVisible, timeout=TIMEOUT)
    lines = dialog.summary.text().splitlines()
    assert lines[0] == "1 of 3 assigned to Dewi Kusuma."
    assert lines[1] == "Not assigned:"
    assert lines[2].endswith(": it is closed")
    assert lines[3].endswith(": Dewi Kusuma is not an officer of Kantor Regional")
    assert dialog.isVisible() and dialog.done_ids == [kanreg["held"]]
    # The refused ones stay to be given to someone else: sari's own report to sari.
    dialog.choose("Sari Lestari")
    dialog.assign_button.click()
    qtbot.waitUntil(lambda: kanreg["own"] in dialog.done_ids, timeout=TIMEOUT)
    with sari.cache.read() as conn:
        holders = {t.id: t.claim.holder for t in list_tickets(conn)}
    assert holders[kanreg["held"]] == "dewi" and holders[kanreg["own"]] == "sari"
