"""``aduan demo --years N``: a demo spread over years, whose reports carry deadline clocks, so that ``aduan
stats service`` on it shows real shares (met, breached, still running), not zeros. SQLite only: the SQL is
the generator's and the figures', tested on every engine in tests/store and tests/reports."""

from __future__ import annotations

from pathlib import Path

from tests.databases import throwaway_database
from tests.e2e.cli import ok_json


def test_a_demo_over_years_gives_the_service_levels_figures(tmp_path: Path) -> None:
    with throwaway_database("sqlite", tmp_path) as url:
        counts = ok_json(url, "demo", "--tickets", "400", "--seed", "3", "--years", "2")
        assert counts["tickets"] == 400
        service = ok_json(url, "stats", "service")  # as of now: the demo ends now
        volumes = ok_json(url, "stats", "volumes", "--by", "month")
    units = [r for r in service if r["officer"] is None]
    assert sum(r["received"] for r in units) == 400
    for clock in ("first_response", "resolution"):
        met = sum(r[clock]["met"] for r in units)
        breached = sum(r[clock]["breached"] for r in units)
        assert met > breached > 0, (clock, met, breached)
    assert len({r["period"][:4] for r in volumes}) >= 2  # reports in at least two calendar years
