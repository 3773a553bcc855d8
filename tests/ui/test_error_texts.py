"""Every refusal an officer can meet reads in the UI's language, its fields filled in (desktop/ui/errors.py), also
when the refusal was made by the server and crossed the wire as a code with fields."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from datetime import datetime
from typing import Any

import pytest
import requests
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

import desktop
from desktop.domain.errors import AduanError, BadInput, ForbiddenTransition, HeldByOther, Rejected, Unreachable
from desktop.domain.scans import Problem
from desktop.domain.status import INDONESIAN_NAMES, Status
from desktop.server.app import error_response
from desktop.sync.http_central import error_of
from desktop.ui import i18n
from desktop.ui.errors import describe, describe_code
from desktop.ui.labels import local_time, status_label

DETAIL = "english detail from the store"
UNTIL = datetime(2026, 12, 4, 14, 29)  # naive UTC, as the store keeps it

# Errors whose window text may carry the English detail, and why.
ENGLISH_DETAIL_ALLOWED = {
    "BadInput": "a refusal naming no field (the admins' and CLI's many checks) follows its Indonesian lead-in with "
    "the detail; the fields officers fill in are worded (test_a_refused_input_names_the_field_and_the_limit)",
    "AduanError": "the unexpected: the detail is what an admin needs from the officer's report",
    "Rejected": "its text is that of the code it carries, tested code by code below",
    "SecretRefused": "refused when writing a settings file, an admin's command-line work",
    "AccountRefused": "the intake worker's refusal of a stored account, shown to admins in the channels screen",
    "ScanRefused": "the new-report dialog words it itself from its problem, size and limit",
    "AlreadySent": "caught inside the channel dispatcher, never shown",
    "SentInDoubt": "caught inside the channel dispatcher, never shown",
}


@pytest.fixture
def indonesian(qapp: QApplication) -> Iterator[None]:
    before = QLocale()
    i18n.install(qapp, "id")
    yield
    i18n.install(qapp, "en")
    QLocale.setDefault(before)


def every_error_class() -> list[type[AduanError]]:
    for module in pkgutil.walk_packages(desktop.__path__, "desktop."):
        importlib.import_module(module.name)  # every subclass defined anywhere is registered
    found, pending = [], [AduanError]
    while pending:
        cls = pending.pop()
        found.append(cls)
        pending.extend(cls.__subclasses__())
    return sorted(found, key=lambda cls: (cls.__module__, cls.__name__))


SAMPLES: dict[str, Any] = {
    "message": DETAIL,
    "holder": "budi",
    "until": UNTIL,
    "retry_after": 120,
    "reset_at": None,
    "client_version": "0.1.0",
    "min_version": "0.3.0",
    "installer": "https://aduan.unit.go.id/aduan.msi",
    "missing": ["tenggat"],
    "unknown": [],
    "filename": "scan.pdf",
    "problem": next(iter(Problem)),
    "code": None,
    "parts": 7,
    "max_parts": 4,
    "over": 412,
    "per_part": 153,
}


def sample(cls: type[AduanError]) -> AduanError:
    """One instance as the code that raises it makes it: the required arguments from SAMPLES."""
    wanted = [
        parameter
        for parameter in inspect.signature(cls.__init__).parameters.values()
        if parameter.name != "self"
        and parameter.default is inspect.Parameter.empty
        and parameter.kind not in (inspect.Parameter.VAR_KEYWORD, inspect.Parameter.VAR_POSITIONAL)
    ]
    return cls(*(SAMPLES[parameter.name] for parameter in wanted))


@pytest.mark.parametrize("cls", every_error_class(), ids=lambda cls: cls.__name__)
def test_every_error_reads_in_indonesian(indonesian: None, cls: type[AduanError]) -> None:
    error = sample(cls)
    text = describe(error)
    assert text and text != error.message
    i18n.install(QApplication.instance(), "en")  # type: ignore[arg-type]
    english = describe(error)
    i18n.install(QApplication.instance(), "id")  # type: ignore[arg-type]
    assert text != english, f"{cls.__name__}: the Indonesian catalogue has no text for {error.code!r}"
    if cls.__name__ not in ENGLISH_DETAIL_ALLOWED:
        assert DETAIL not in text, f"{cls.__name__} ({error.code!r}) shows the store's English words: {text!r}"


@pytest.mark.parametrize("cls", every_error_class(), ids=lambda cls: cls.__name__)
def test_every_code_is_worded_when_it_arrives_from_the_server(indonesian: None, cls: type[AduanError]) -> None:
    """What the client rebuilds from the server's answer (Rejected with the code and fields) reads like the
    error itself: nothing is lost on the wire."""
    error = sample(cls)
    answer = error_response(error)
    response = requests.Response()
    response.status_code = answer.status_code
    response._content = bytes(answer.body)
    arrived = error_of(response)
    if isinstance(error, Unreachable):  # a 503 is "try later" whatever the body says, and the client reads it so
        assert isinstance(arrived, Unreachable)
        return
    assert arrived.code == error.code
    if isinstance(arrived, Rejected):
        assert describe(arrived) == describe(error)


def test_held_by_other_names_the_holder_and_the_time_in_the_uis_way(indonesian: None) -> None:
    assert describe(HeldByOther("budi", UNTIL)) == f"Laporan ini dipegang budi sampai {local_time(UNTIL)}."
    assert " Des 2026 " in local_time(UNTIL)


def test_a_refused_status_change_names_both_statuses(indonesian: None) -> None:
    refused = ForbiddenTransition(DETAIL, current="selesai", target="ditindaklanjuti")
    assert describe(refused) == "Laporan berstatus “Selesai” tidak dapat diubah menjadi “Ditindaklanjuti”."


def test_a_refused_input_names_the_field_and_the_limit(indonesian: None) -> None:
    from desktop.domain.text import check_length, clean_subject

    with pytest.raises(BadInput) as empty:
        clean_subject("   ")
    assert describe(empty.value) == "Perihal kosong. Isi lalu coba lagi."
    with pytest.raises(BadInput) as long:
        check_length("reporter name", "x" * 201)
    assert describe(long.value) == "Nama pelapor terlalu panjang: paling banyak 200 karakter."


def test_a_refused_change_of_units_and_officers_reads_in_indonesian(indonesian: None) -> None:
    cycle = BadInput(DETAIL, field="parent", reason="cycle", unit="humas", parent="humas-sub")
    assert describe(cycle).startswith("Unit tidak dapat menjadi bagian dari dirinya sendiri")
    last = BadInput(DETAIL, field="role", reason="last_admin", login="sari")
    assert describe(last) == "sari adalah admin aktif terakhir. Jadikan petugas lain admin terlebih dahulu."
    assert DETAIL not in describe(BadInput(DETAIL, field="units", reason="empty"))
    assert DETAIL not in describe(BadInput(DETAIL, field="role", reason="own_role"))


def test_a_code_without_its_fields_still_reads_in_indonesian(indonesian: None) -> None:
    """A refusal kept in the attention list has its code and the English detail only."""
    assert describe_code("held_by_other", DETAIL) == "Laporan ini dipegang petugas lain."
    assert DETAIL in describe_code("some_future_code", DETAIL), "an unknown code falls back to the English words"


def test_the_indonesian_status_names_outside_the_window_are_the_windows(indonesian: None) -> None:
    """The monthly recap and the citizens' status page speak Indonesian whatever the window's language, from
    ``INDONESIAN_NAMES``: the same words the window shows in Indonesian."""
    assert {status: status_label(status) for status in Status} == INDONESIAN_NAMES
