"""Dates and durations in the UI's language (labels.local_time, labels.time_left), not the system's locale."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication

from desktop.ui import i18n
from desktop.ui.labels import local_time, time_left

# Naive UTC, as the cache holds it: 4 December 2026 at noon, a day whatever the workstation's time zone.
NOON = datetime(2026, 12, 4, 12, 0)
SHOWN = NOON.replace(tzinfo=UTC).astimezone()


@pytest.fixture
def language(qapp: QApplication) -> Iterator[None]:
    """Leaves the application in English (the tests' language) and its default locale as it was."""
    before = QLocale()
    yield
    i18n.install(qapp, "en")
    QLocale.setDefault(before)


@pytest.mark.parametrize(
    ("ui_language", "system", "dated", "clock"),
    [
        ("en", QLocale.Language.Indonesian, f"{SHOWN.day} Dec 2026 {SHOWN:%H:%M}", f"{SHOWN:%H:%M}"),
        ("id", QLocale.Language.English, f"{SHOWN.day} Des 2026 {SHOWN:%H.%M}", f"{SHOWN:%H.%M}"),
    ],
)
def test_dates_are_written_the_way_of_the_ui_language_not_the_systems(
    qapp: QApplication, language: None, ui_language: str, system: QLocale.Language, dated: str, clock: str
) -> None:
    QLocale.setDefault(QLocale(system))  # an Indonesian Windows running the English UI, and the other way round
    i18n.install(qapp, ui_language)
    assert local_time(NOON) == dated
    assert local_time(NOON, with_date=False) == clock


@pytest.mark.parametrize(
    ("seconds", "english", "indonesian"),
    [
        (59 * 86_400 + 20 * 3_600, "59 days", "59 hari"),
        (-(59 * 86_400 + 20 * 3_600), "overdue 59 days", "terlambat 59 hari"),
        (86_400, "1 day", "1 hari"),
        (86_400 + 5 * 3_600, "1 day 5 h", "1 hari 5 jam"),
        (3 * 3_600 + 20 * 60, "3 h 20 min", "3 jam 20 menit"),
        (45 * 60, "45 min", "45 menit"),
        (-3 * 3_600, "overdue 3 h 0 min", "terlambat 3 jam 0 menit"),
    ],
)
def test_durations_read_as_words_in_both_languages(
    qapp: QApplication, language: None, seconds: int, english: str, indonesian: str
) -> None:
    i18n.install(qapp, "en")
    assert time_left(seconds) == english
    i18n.install(qapp, "id")
    assert time_left(seconds) == indonesian


def test_a_deadline_two_months_off_fits_a_narrow_column(qapp: QApplication, language: None) -> None:
    i18n.install(qapp, "id")
    assert len(time_left(-timedelta(days=59, hours=20).total_seconds())) <= len("terlambat 59 hari")
