"""The organisation of the command line's contract tests: two units, made through the command line, and three
officers of the first."""

from __future__ import annotations

from desktop.domain.vocabulary import Role
from desktop.store.service import Store
from tests.e2e.cli import ok_json, run
from tests.store.helpers import add_officer_without_login


def small_org(url: str) -> None:
    """Two units (made through the CLI) and three officers (rows only, so no server logins are involved)."""
    for args in (
        ("unit", "add", "humas", "--name", "Biro Humas"),
        ("unit", "add", "kanreg-1", "--name", "Kantor Regional I"),
    ):
        assert run(url, *args).returncode == 0
    store = Store(url)
    for login, role in (("ani", Role.OFFICER), ("budi", Role.OFFICER), ("sari", Role.SUPERVISOR)):
        store.admin(add_officer_without_login, login, login.title(), ["humas"], role)
    store.dispose()


def create(url: str, subject: str = "Lampu jalan mati") -> dict[str, object]:
    """A report ani records by phone."""
    return ok_json(
        url,
        "ticket",
        "create",
        "--unit",
        "humas",
        "--subject",
        subject,
        "--text",
        "Lampu jalan di Jl. Merdeka mati sejak seminggu.",
        "--reporter",
        "Siti",
        officer="ani",
    )
