"""The command line refuses over-long fields and out-of-range numbers before any SQL, by name and without the
value (it may be a citizen's personal data); names and subjects lose invisible characters; a database error is
never printed with its statement. On every engine, through the real command line."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from sqlalchemy.exc import DataError

from desktop.cli import tickets as cli_tickets
from desktop.cli.main import main
from desktop.store.service import Store
from tests.e2e.cli import ok_json, run
from tests.e2e.small_org import small_org
from tests.store.helpers import snapshot

# A value no one would write by chance: if an error message echoes it, the test sees it.
SECRET = "NikRahasia3171"


@pytest.fixture
def org_url(migrated_url: str) -> Iterator[str]:
    small_org(migrated_url)
    yield migrated_url


def create_args(**options: str) -> list[str]:
    given = {"--unit": "humas", "--subject": "Lampu jalan mati", "--text": "Sejak seminggu.", **options}
    return ["ticket", "create", *(part for pair in given.items() for part in pair)]


OVER_LONG = [
    ("--reporter", "reporter name", 200),
    ("--contact", "contact", 320),
    ("--category", "category", 100),
    ("--subject", "subject", 300),
]


def test_over_long_fields_and_huge_numbers_are_refused_by_name_and_nothing_is_written(org_url: str) -> None:
    store = Store(org_url)
    before = snapshot(store.engine)
    attempts = [
        (f"{option} of {limit + 1}", create_args(**{option: (SECRET * 40)[: limit + 1]}), f"{field} is {limit + 1}")
        for option, field, limit in OVER_LONG
    ]
    attempts += [
        ("a limit past any integer", ["ticket", "list", "--limit", "99999999999999999999"], "--limit"),
        ("a limit past the page", ["ticket", "list", "--limit", "10001"], "between 1 and 10,000"),
        ("a token past BIGINT", ["ticket", "release", "ADU-2026-000001", "--token", "9223372036854775808"], "--token"),
    ]
    problems = []
    for what, args, says in attempts:
        done = run(org_url, *args, officer="ani")
        if done.returncode != 2 or says not in done.stderr:
            problems.append(f"{what}: exit {done.returncode}: {done.stderr[-300:]}")
        for leak in (SECRET, "INSERT", "[SQL", "Traceback"):
            if leak in done.stderr or leak in done.stdout:
                problems.append(f"{what}: the output shows {leak!r}")
    assert not problems, "\n".join(problems)
    assert snapshot(store.engine) == before  # nothing was written
    # Exactly the limits are taken: the check is the schema's length, no stricter.
    made = ok_json(
        org_url,
        *create_args(**{option: (SECRET * 40)[:limit] for option, _field, limit in OVER_LONG}),
        officer="ani",
    )
    assert made["subject"] == (SECRET * 40)[:300] and made["reporter"]["name"] == (SECRET * 40)[:200]
    store.dispose()


def test_names_and_subjects_lose_invisible_characters_bodies_keep_them_shown_marked(org_url: str) -> None:
    made = ok_json(
        org_url,
        *create_args(
            **{
                "--subject": "Foto bukti \u202egpj.exe",
                "--reporter": "Si\u200bti\u2066 Aminah\u2069",
                "--category": "\ufeffInfrastruktur",
                "--text": "Terlampir \u202egpj.exe dari warga.",
            }
        ),
        officer="ani",
    )
    assert made["subject"] == "Foto bukti gpj.exe"
    assert made["reporter"]["name"] == "Siti Aminah"
    shown = ok_json(org_url, "ticket", "show", str(made["id"]), officer="ani")
    assert shown["messages"][0]["text"] == "Terlampir \u202egpj.exe dari warga."  # stored as written: evidence
    read = run(org_url, "ticket", "show", str(made["id"]), officer="ani")
    assert read.returncode == 0, read.stderr
    assert "Terlampir \u27e6U+202E\u27e7gpj.exe dari warga." in read.stdout and "\u202e" not in read.stdout


def test_a_database_error_is_never_printed_with_its_statement(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    """What reaches the last line of defence: SQLAlchemy's text carries the statement and its parameters."""

    def refused(_cli: object) -> None:
        raise DataError("INSERT INTO reporter (name) VALUES (%(name)s)", {"name": SECRET}, Exception("too long"))

    monkeypatch.setattr(cli_tickets, "ticket_list", refused)
    code = main(["--db", "sqlite://", "ticket", "list"])
    err = capsys.readouterr().err
    assert code == 1 and "DataError" in err
    assert SECRET not in err and "INSERT" not in err and "[SQL" not in err
