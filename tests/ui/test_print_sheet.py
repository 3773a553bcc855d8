"""The disposition sheet as a PDF: the report's number, subject, thread and history are on it; a confidential
reporter's name is not. Read back with pdftotext (poppler-utils), as a person would see the page."""

from __future__ import annotations

import asyncio
import os
import shutil
import subprocess
import unicodedata
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from pytestqt.qtbot import QtBot

from desktop.domain.errors import Unreachable
from desktop.store.service import Store
from desktop.sync.session import Session
from desktop.ui import print_sheet
from desktop.ui.ops import Ops
from desktop.views.disposition_sheet import ReporterShown, load_disposition_sheet
from tests.store.helpers import new_ticket
from tests.ui.ticket_views import open_view

TIMEOUT = 20_000
SECRET_NAME = "Rahasia Sekaliwati"
OPEN_NAME = "Terbuka Namanya"


def pdf_text(path: Path) -> str:
    if shutil.which("pdftotext") is None:
        if os.environ.get("CI"):
            pytest.fail("pdftotext (poppler-utils) is missing")
        pytest.skip("pdftotext (poppler-utils) is not installed")
    shown = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return unicodedata.normalize("NFKC", shown)  # the typesetter's ligatures ("ﬁ") as letters


def reported(org_url: str, subject: str, **reporter: Any) -> UUID:
    ani = Store(org_url, officer="ani")
    made = new_ticket(ani, subject=subject, body=f"Isi laporan tentang {subject.lower()}.", **reporter)
    ani.dispose()
    return made.id


def saved_pdf(qtbot: QtBot, session: Session, ops: Ops, ticket_id: UUID, path: Path) -> Path:
    view = open_view(qtbot, session, ops, ticket_id)
    task = asyncio.ensure_future(print_sheet.save_ticket_pdf(view, session, ops, ticket_id, path))
    qtbot.waitUntil(task.done, timeout=TIMEOUT)
    assert task.result() == path and path.stat().st_size > 0
    return path


def test_the_sheet_carries_the_report_and_its_thread_but_not_a_confidential_name(
    qtbot: QtBot, session: Session, ops: Ops, org_url: str, tmp_path: Path
) -> None:
    secret = reported(org_url, "Pungutan di loket arsip", reporter_name=SECRET_NAME, confidential=True)
    session.engine.sync()
    session.desk.claim(str(secret))
    session.desk.note(str(secret), "Sudah dicek ke bagian arsip, menunggu jawaban.")
    session.engine.sync()
    path = saved_pdf(qtbot, session, ops, secret, tmp_path / "secret.pdf")
    text = pdf_text(path)
    flat = " ".join(text.split())
    assert SECRET_NAME not in flat and "Sekaliwati" not in flat
    for expected in (
        "DISPOSITION SHEET",
        "Pungutan di loket arsip",
        "Isi laporan tentang pungutan di loket arsip.",
        "Sudah dicek ke bagian arsip, menunggu jawaban.",
        "Confidential (the name is not printed)",
        "Ani Wijaya",  # the note's author, by name
        "Signature",
    ):
        assert expected in flat, expected
    with session.cache.read() as conn:
        from desktop.views.tickets import ticket_detail

        tracking_no = ticket_detail(conn, secret).detail.ticket.tracking_no
    assert tracking_no in flat
    assert "History" in flat and "recorded the report" in flat  # from the server's audit log
    history = flat[flat.index("History") : flat.index("Disposition")]
    assert "Ani Wijaya" in history and " ani " not in history  # who, by name


def test_a_named_reporter_is_printed_and_an_unreachable_history_is_said(
    qtbot: QtBot, session: Session, ops: Ops, org_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    named = reported(org_url, "Lampu taman padam", reporter_name=OPEN_NAME)
    session.engine.sync()
    sheet = load_disposition_sheet(session.cache, named)
    assert sheet.reporter is ReporterShown.NAMED and sheet.reporter_name == OPEN_NAME

    def unreachable(*_args: object) -> None:
        raise Unreachable("the server cannot be reached")

    monkeypatch.setattr(print_sheet, "load_history", unreachable)
    flat = " ".join(pdf_text(saved_pdf(qtbot, session, ops, named, tmp_path / "named.pdf")).split())
    assert OPEN_NAME in flat and "Lampu taman padam" in flat
    assert "The history is kept on the server, which cannot be reached now." in flat


def test_anonymous_and_confidential_reporters_are_never_named_on_the_sheet(session: Session, org_url: str) -> None:
    anonymous = reported(org_url, "Laporan tanpa nama", anonymous=True)
    secret = reported(org_url, "Laporan rahasia", reporter_name=SECRET_NAME, confidential=True)
    session.engine.sync()
    assert load_disposition_sheet(session.cache, anonymous).reporter is ReporterShown.ANONYMOUS
    confidential = load_disposition_sheet(session.cache, secret)
    assert confidential.reporter is ReporterShown.CONFIDENTIAL and confidential.reporter_name is None
    assert SECRET_NAME not in repr(confidential)
