"""The Administration window on the embedded database (no server: the same commands run directly, after the
same authorization): an admin imports a LAPOR! export and reads the summary, rows refused with their reason."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QDate
from pytestqt.qtbot import QtBot
from sqlalchemy import func, select

from desktop.channels.lapor import DEFAULT_EXPORT_MAPPING
from desktop.domain.status import Status
from desktop.domain.vocabulary import Role
from desktop.security.credentials import MemoryCredentials
from desktop.settings import Settings
from desktop.store import claims, handling
from desktop.store.schema import ticket
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui.admin.window import AdminWindow, may_administer
from desktop.ui.main_window import MainWindow
from desktop.ui.ops import Ops
from tests.store.helpers import add_officer_without_login
from tests.ui.conftest import session_for

TIMEOUT = 20_000
# ID Laporan, Judul, Isi Laporan, Kategori, Nama Pelapor, Kontak, Tanggal, Jenis, Anonim, Rahasia; the last has no ID.
ROWS = [
    ["#1916449", "Jalan berlubang di Jl. Merdeka", "Lubang besar di depan pasar.", "Infrastruktur",
     "Siti Rahayu", "081234567890", "02/03/2026 09:30", "Pengaduan", "Tidak", "Tidak"],
    ["LAPOR-2000001", "Usul taman baca", "Mohon dibangun taman baca di kelurahan.", "Pendidikan",
     "Budi Santoso", "budi@example.id", "2026-03-03 10:00", "Aspirasi", "Ya", "Tidak"],
    ["", "Tanpa ID", "Isi", "", "", "", "2026-03-05 10:00", "", "", ""],
]  # fmt: skip


def csv_bytes(rows: list[list[str]]) -> bytes:
    out = io.StringIO(newline="")
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(DEFAULT_EXPORT_MAPPING.values())
    writer.writerows(rows)
    return out.getvalue().encode("utf-8-sig")


@pytest.fixture
def adi(org_url: str, tmp_path: Path) -> Iterator[Session]:
    owner = Store(org_url)
    owner.admin(add_officer_without_login, "adi", "Adi Nugroho", ["humas"], Role.ADMIN)
    owner.dispose()
    session = session_for(org_url, "adi", tmp_path)
    yield session
    session.close()


def test_only_supervisors_and_admins_are_offered_the_window() -> None:
    assert [may_administer(r) for r in (Role.OFFICER, Role.SUPERVISOR, Role.ADMIN, None)] == [False, True, True, False]


def test_an_admin_imports_a_lapor_export_and_reads_the_summary(
    qtbot: QtBot, adi: Session, ops: Ops, org_url: str, tmp_path: Path
) -> None:
    export = tmp_path / "laporan.csv"
    export.write_bytes(csv_bytes(ROWS))
    window = AdminWindow(adi, ops, Role.ADMIN)
    qtbot.addWidget(window)
    window.open()
    page = window.lapor
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.unit.count() > 0 or page.failed, timeout=TIMEOUT)
    assert not page.failed and not page.only_admins.isVisibleTo(window)
    page.unit.setCurrentIndex(page.unit.findData("kanreg-1"))
    page.path.setText(str(export))
    page.import_button.click()

    def summarised() -> None:
        assert page.status.text() == "2 created, 0 already present, 1 refused.", (page.status.text(), page.last_refusal)

    qtbot.waitUntil(summarised, timeout=TIMEOUT)
    lines = page.summary.toPlainText().splitlines()
    assert [line.split(" → ")[0] for line in lines[:2]] == ["Row 2: LAPOR! 1916449", "Row 3: LAPOR! LAPOR-2000001"]
    assert lines[2].startswith("Row 4: refused: ")
    assert page.import_button.isEnabled() and not page.progress.isVisible()
    owner = Store(org_url)
    try:
        with owner.engine.connect() as conn:
            assert (
                conn.execute(select(func.count()).select_from(ticket).where(ticket.c.channel == "lapor")).scalar() == 2
            )
    finally:
        owner.dispose()


def test_a_missing_file_is_said_in_the_page(qtbot: QtBot, adi: Session, ops: Ops, tmp_path: Path) -> None:
    window = AdminWindow(adi, ops, Role.ADMIN)
    qtbot.addWidget(window)
    window.open()
    page = window.lapor
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.unit.count() > 0, timeout=TIMEOUT)
    page.path.setText(str(tmp_path / "nowhere.csv"))
    page.import_button.click()
    qtbot.waitUntil(lambda: page.failed, timeout=TIMEOUT)
    assert "nowhere.csv" in page.status.text() and page.path.text().endswith("nowhere.csv")


def test_the_aduan_menu_opens_administration_for_admins_and_hides_it_from_officers(
    qtbot: QtBot, adi: Session, session: Session, tmp_path: Path
) -> None:
    settings = Settings(policy_path=tmp_path / "no-policy.json", user_path=tmp_path / "settings.json")
    for officer, may_see in ((adi, True), (session, False)):  # session: ani, an officer
        ops = Ops()
        window = MainWindow(officer, ops, settings, MemoryCredentials())
        qtbot.addWidget(window)
        try:
            checked = window._update_role_actions()
            qtbot.waitUntil(checked.done, timeout=TIMEOUT)
            assert window.administration_action.isVisible() is may_see
            window.administration_action.trigger()  # a shortcut reaching around the hidden entry opens nothing
            if may_see:
                qtbot.waitUntil(lambda: window.findChild(AdminWindow) is not None, timeout=TIMEOUT)  # noqa: B023
            else:
                qtbot.wait(300)
                assert window.findChild(AdminWindow) is None
        finally:
            window.sync.stop()
            window.close()
            ops.shutdown()


def test_the_follow_ups_of_a_units_lapor_reports_are_written_to_the_chosen_file(
    qtbot: QtBot, adi: Session, ops: Ops, org_url: str, tmp_path: Path
) -> None:
    export = tmp_path / "laporan.csv"
    export.write_bytes(csv_bytes(ROWS[:1]))
    window = AdminWindow(adi, ops, Role.ADMIN)
    qtbot.addWidget(window)
    window.open()
    page = window.lapor
    window.tabs.setCurrentWidget(page)
    qtbot.waitUntil(lambda: page.export_unit.count() > 0 or page.failed, timeout=TIMEOUT)
    page.unit.setCurrentIndex(page.unit.findData("kanreg-1"))
    page.path.setText(str(export))
    page.import_button.click()
    qtbot.waitUntil(lambda: page.status.text().startswith("1 created"), timeout=TIMEOUT)
    # rudi, of kanreg-1, takes the imported report and verifies it: one status change to enter into LAPOR!.
    rudi = Store(org_url, "rudi")
    with rudi.engine.connect() as conn:
        imported = conn.execute(select(ticket.c.id).where(ticket.c.channel == "lapor")).scalar_one()
    held = rudi.write(claims.claim, imported)
    rudi.write(handling.change_status, imported, held.claim.token, Status.DIVERIFIKASI)
    rudi.dispose()

    written = tmp_path / "tindak-lanjut.csv"
    page.export_unit.setCurrentIndex(page.export_unit.findData("kanreg-1"))
    page.export_to(str(written))
    qtbot.waitUntil(lambda: "written to" in page.status.text() or page.failed, timeout=TIMEOUT)
    assert page.status.text() == f"1 follow-ups (0 answers, 1 status changes) written to {written}."
    with written.open(encoding="utf-8-sig", newline="") as read:
        rows = list(csv.reader(read))
    assert len(rows) == 2 and "1916449" in rows[1] and "diverifikasi" in rows[1]

    page.only_since.setChecked(True)  # from tomorrow on this computer: after the change, whatever the hour now
    page.since.setDate(QDate.currentDate().addDays(1))
    page.export_to(str(tmp_path / "since-tomorrow.csv"))
    qtbot.waitUntil(lambda: "0 follow-ups" in page.status.text() or page.failed, timeout=TIMEOUT)
    assert page.status.text().startswith("0 follow-ups (0 answers, 0 status changes)")

    page.export_to(str(tmp_path / "no-such-folder" / "x.csv"))  # the file cannot be written there: said, not lost
    qtbot.waitUntil(lambda: page.failed, timeout=TIMEOUT)
    assert str(tmp_path / "no-such-folder" / "x.csv") in page.status.text() and page.export_button.isEnabled()
