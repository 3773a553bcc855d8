"""The monthly recap (*Laporan bulanan pengelolaan pengaduan*): one month of one unit and its sub-units, put
together from the figures of ``reports/figures.py`` and laid out as tables in Indonesian.

The recap computes no figure of its own: every number is what ``figures.volumes``, ``figures.backlog`` and
``figures.service_levels`` answer for the month's filter and the same asker (``figures.scope_for``), so the
recap, the ``stats`` commands and the statistics window agree. ``recap_tables`` turns it into the tables that
the XLSX (``recap_xlsx.py``) and the PDF (``desktop/ui/stats/recap_pdf.py``) writers lay out, always in
Indonesian: the recap is filed and sent on, whatever language the officer's window speaks.

Days are the local days of the figures' time zone (the unit's calendar when one unit is asked). The backlog is
the one at the month's end: the open reports received up to its last day, aged as of that day, by the status
they have now (as ``figures.backlog`` defines it). Service levels are judged as of the month's end, or now
while the month runs.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import Connection, select

from ..domain.canned_values import MONTHS
from ..domain.errors import BadInput
from ..domain.status import INDONESIAN_NAMES, Status
from ..domain.vocabulary import Channel, Kind
from ..store.clock import server_now
from ..store.identity import Actor
from ..store.schema import unit
from ..store.sla import read_rules
from . import behaviour, figures
from .figures import AGE_BANDS, BacklogRow, ClockFigures, Scope, ServiceRow, StatsFilter, VolumeRow

TITLE = "Laporan bulanan pengelolaan pengaduan"
MONTH_PATTERN = re.compile(r"^(\d{4})-(\d{2})$")
Cell = str | int | float | None

# Indonesian names of the codes (the same words as the Indonesian catalogue of the window).
CHANNEL_NAMES = {
    Channel.EMAIL: "Email",
    Channel.TELEGRAM: "Telegram",
    Channel.WHATSAPP: "WhatsApp",
    Channel.X: "X",
    Channel.FACEBOOK: "Facebook",
    Channel.INSTAGRAM: "Instagram",
    Channel.LAPOR: "SP4N-LAPOR!",
    Channel.SMS: "SMS",
    Channel.WEB: "Formulir web",
    Channel.PHONE: "Telepon",
    Channel.WALK_IN: "Datang langsung",
    Channel.LETTER: "Surat",
}
KIND_NAMES = {
    Kind.ASPIRASI: "Aspirasi",
    Kind.PENGADUAN: "Pengaduan",
    Kind.PERMINTAAN_INFORMASI: "Permintaan informasi",
}
SPLIT_NAMES = {"channel": "kanal", "kind": "jenis", "category": "kategori"}
METHOD = (
    "Cara menghitung: laporan dihitung menurut hari diterimanya (hari kalender setempat, zona {zone}), di unit "
    "yang memegangnya sekarang beserta sub-unitnya; minggu dimulai hari Senin. Tunggakan: laporan yang belum "
    "selesai atau diarsipkan, diterima sampai akhir bulan, menurut status saat ini dan umur dalam hari sampai "
    "akhir bulan. Tingkat layanan dinilai per {as_of}: tanggapan pertama dalam jam kerja menurut kalender unit, "
    "penyelesaian dalam hari kalender tanpa waktu menunggu pelapor; median dan p90 (peringkat terdekat) dari "
    "tenggat yang sudah berhenti; % tercapai dari tenggat yang sudah jelas hasilnya. Laporan anonim dan rahasia "
    "ikut dihitung, tidak pernah disebutkan."
)


@dataclass(frozen=True, slots=True)
class RecapTable:
    """One table of the recap, in Indonesian: a sheet of the workbook, a table of the PDF."""

    sheet: str  # the workbook's sheet name: at most 31 characters, none of []:*?/\
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Cell, ...], ...]
    total_rows: tuple[int, ...] = ()  # indexes of the rows that are totals (shown bold)


@dataclass(frozen=True, slots=True)
class MonthlyRecap:
    """One month of the figures of the units asked (each with its sub-units; () every unit in the asker's
    scope). Volumes per week (from Monday; the first and last week cut at the month's edges) and per day."""

    units: tuple[str, ...]  # the codes asked
    unit_names: dict[str, str]  # code: name, of the units asked and of every unit in the service levels
    month: date  # its first day
    made_at: datetime  # naive UTC, the database server's clock
    as_of: datetime  # naive UTC: the end of the month's last day, or ``made_at`` while the month runs
    timezone: str  # the zone the days are counted in
    by_channel: list[VolumeRow]  # figures.volumes(by="week", split="channel")
    by_kind: list[VolumeRow]  # by="week", split="kind"
    by_category: list[VolumeRow]  # by="week", split="category"
    daily: list[VolumeRow]  # by="day", no split
    backlog: list[BacklogRow]  # figures.backlog as of the month's end, of the reports received until then
    service: list[ServiceRow]  # figures.service_levels of the month's reports, as of ``as_of``
    # Tables of later figures (desktop/reports/behaviour.py, desktop/reports/topics.py): see ``further_tables``.
    further: tuple[RecapTable, ...] = ()

    @property
    def last_day(self) -> date:
        return last_day_of(self.month)

    @property
    def received(self) -> int:
        return sum(r.count for r in self.daily)


def parse_month(text: str) -> date:
    """``YYYY-MM`` as the month's first day; anything else is refused in words."""
    found = MONTH_PATTERN.match(text.strip())
    if found is None or not 1 <= int(found.group(2)) <= 12 or int(found.group(1)) < 1:
        raise BadInput(f"the month {text!r} is not a month: write it as YYYY-MM, e.g. 2026-03")
    return date(int(found.group(1)), int(found.group(2)), 1)


def last_day_of(month: date) -> date:
    return (month.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)


def month_name(month: date) -> str:
    """ "Maret 2026"."""
    return f"{MONTHS[month.month - 1]} {month.year}"


def previous_month(today: date) -> date:
    return (today.replace(day=1) - timedelta(days=1)).replace(day=1)


# -- putting it together ---------------------------------------------------------------------------------


def monthly_recap(conn: Connection, actor: Actor | None, units: Sequence[str], month: date) -> MonthlyRecap:
    """The recap of ``month`` for ``units`` as ``actor`` may see it (``figures.scope_for``: a unit outside
    their scope is refused, never silently left out). A month that has not begun is refused."""
    first, last = month.replace(day=1), last_day_of(month)
    scope = figures.scope_for(conn, actor, StatsFilter(since=first, until=last, units=tuple(units)))
    zone = figures.zone_of(read_rules(conn), scope, conn).zone
    now = server_now(conn)
    if first > now.replace(tzinfo=UTC).astimezone(zone).date():
        raise BadInput(f"the month {first:%Y-%m} has not begun yet")
    as_of = min(figures.end_of_day(conn, scope, last), now)
    # The backlog at the month's end counts the reports received before the month too.
    until_end = replace(scope, filter=replace(scope.filter, since=None))
    names = {r.code: r.name for r in conn.execute(select(unit.c.code, unit.c.name))}
    service = figures.service_levels(conn, scope, as_of)
    shown = {*units, *(r.unit for r in service)}
    return MonthlyRecap(
        units=tuple(units),
        unit_names={code: names.get(code, code) for code in sorted(shown)},
        month=first,
        made_at=now,
        as_of=as_of,
        timezone=zone.key,
        by_channel=figures.volumes(conn, scope, "week", "channel"),
        by_kind=figures.volumes(conn, scope, "week", "kind"),
        by_category=figures.volumes(conn, scope, "week", "category"),
        daily=figures.volumes(conn, scope, "day", None),
        backlog=figures.backlog(conn, until_end, as_of),
        service=service,
        further=tuple(further_tables(conn, scope, first)),
    )


FLOW_NAMES = {"transfer": "Dialihkan", "not_ours": "Bukan wewenang", "referral": "Dirujuk (dimintai masukan)"}


def further_tables(conn: Connection, scope: Scope, month: date) -> list[RecapTable]:
    """The behaviour of the month's reports (``behaviour.py``): who sent what to whom, how many were reopened,
    how many reporters came back. The same rows as ``aduan stats flows|reopen|returning``."""
    flows = behaviour.flows(conn, scope)
    reopened = behaviour.reopen_rate(conn, scope)
    returning = behaviour.returning_reporters(conn, scope)
    return [
        RecapTable(
            "Perpindahan antarunit",
            "Perpindahan laporan antarunit (dialihkan, bukan wewenang, dirujuk)",
            ("Jenis", "Dari unit", "Ke unit", "Laporan"),
            tuple((FLOW_NAMES.get(r.kind, r.kind), r.from_unit, r.to_unit, r.count) for r in flows),
        ),
        RecapTable(
            "Dibuka kembali",
            "Laporan selesai yang dibuka kembali",
            ("Unit", "Selesai", "Dibuka kembali", "Persentase"),
            tuple((r.unit or "Jumlah", r.finished, r.reopened, _percent(r.share)) for r in reopened),
            tuple(i for i, r in enumerate(reopened) if r.unit is None),
        ),
        RecapTable(
            "Pelapor kembali",
            "Pelapor yang melapor lebih dari sekali",
            ("Kanal", "Pelapor", "Kembali", "Sebelum bulan ini", "Anonim", "Persentase"),
            tuple(
                (
                    CHANNEL_NAMES.get(Channel(r.channel), r.channel) if r.channel else "Semua kanal",
                    r.reporters,
                    r.returning,
                    r.earlier,
                    r.anonymous,
                    _percent(r.share),
                )
                for r in returning
            ),
            tuple(i for i, r in enumerate(returning) if r.channel is None),
        ),
    ]


def _percent(share: float | None) -> float | None:
    return None if share is None else round(100 * share, 1)


# -- the tables, in Indonesian ---------------------------------------------------------------------------


def unit_label(recap: MonthlyRecap) -> str:
    if not recap.units:
        return "Semua unit dalam cakupan Anda"
    names = [(code, recap.unit_names.get(code, code)) for code in recap.units]
    named = [name if name == code else f"{name} ({code})" for code, name in names]
    return ", ".join(named) + " beserta sub-unitnya"


def local_moment(recap: MonthlyRecap, moment: datetime) -> str:
    """A naive-UTC moment in the recap's zone, Indonesian style: "1 April 2026 00.00"."""
    local = moment.replace(tzinfo=UTC).astimezone(ZoneInfo(recap.timezone))
    return f"{local.day} {MONTHS[local.month - 1]} {local.year} {local:%H.%M}"


def method_text(recap: MonthlyRecap) -> str:
    return METHOD.format(zone=recap.timezone, as_of=local_moment(recap, recap.as_of))


def week_label(recap: MonthlyRecap, monday: date) -> str:
    """The week within the month: "1–2 Mar" for a week that began in February."""
    begin, end = max(monday, recap.month), min(monday + timedelta(days=6), recap.last_day)
    short = MONTHS[recap.month.month - 1][:3]
    return f"{begin.day} {short}" if begin == end else f"{begin.day}–{end.day} {short}"


def weeks_of(recap: MonthlyRecap) -> list[date]:
    """The Mondays of every week that touches the month, in order."""
    monday = recap.month - timedelta(days=recap.month.weekday())
    weeks = []
    while monday <= recap.last_day:
        weeks.append(monday)
        monday += timedelta(days=7)
    return weeks


def key_name(split: str, key: str | None) -> str:
    if key is None:
        return "(tanpa kategori)" if split == "category" else "–"
    try:
        if split == "channel":
            return CHANNEL_NAMES[Channel(key)]
        if split == "kind":
            return KIND_NAMES[Kind(key)]
    except (ValueError, KeyError):
        pass
    return key


def status_name(status: str) -> str:
    try:
        return INDONESIAN_NAMES[Status(status)]
    except (ValueError, KeyError):
        return status


def weekly_counts(recap: MonthlyRecap, rows: list[VolumeRow], split: str) -> tuple[list[str], list[list[int]]]:
    """The columns (the split's values, by name) and, per week of ``weeks_of``, a count per column."""
    names = sorted({key_name(split, r.key) for r in rows}, key=lambda n: (n.startswith("("), n.casefold()))
    at = {week: i for i, week in enumerate(weeks_of(recap))}
    counts = [[0] * len(names) for _ in at]
    for r in rows:
        counts[at[r.period]][names.index(key_name(split, r.key))] += r.count
    return names, counts


def _weekly_table(recap: MonthlyRecap, rows: list[VolumeRow], split: str) -> RecapTable:
    """A line per channel (kind, category) and a column per week: a month has at most six weeks, while a unit
    may have a dozen channels or categories, which as columns would not fit a portrait page."""
    names, counts = weekly_counts(recap, rows, split)
    body: list[tuple[Cell, ...]] = []
    for column, name in enumerate(names):
        line = [week[column] for week in counts]
        body.append((name, *line, sum(line)))
    per_week = [sum(week) for week in counts]
    body.append(("Jumlah", *per_week, sum(per_week)))
    word = SPLIT_NAMES[split]
    return RecapTable(
        f"Per minggu, {word}",
        f"Laporan diterima per minggu menurut {word}",
        (word.capitalize(), *(week_label(recap, week) for week in weeks_of(recap)), "Jumlah"),
        tuple(body),
        (len(body) - 1,),
    )


def _daily_table(recap: MonthlyRecap) -> RecapTable:
    counts = {r.period: r.count for r in recap.daily}
    body: list[tuple[Cell, ...]] = []
    day = recap.month
    while day <= recap.last_day:
        body.append((f"{day.day} {MONTHS[day.month - 1]} {day.year}", counts.get(day, 0)))
        day += timedelta(days=1)
    body.append(("Jumlah", recap.received))
    return RecapTable("Per hari", "Laporan diterima per hari", ("Tanggal", "Diterima"), tuple(body), (len(body) - 1,))


def backlog_counts(recap: MonthlyRecap) -> dict[str, list[int]]:
    """Per status (in the order of the workflow), a count per age band of ``AGE_BANDS``."""
    bands = [label for label, _first, _last in AGE_BANDS]
    counts: dict[str, list[int]] = defaultdict(lambda: [0] * len(bands))
    for r in recap.backlog:
        counts[r.status][bands.index(r.band)] += r.count
    order = {s.value: i for i, s in enumerate(Status)}
    return {status: counts[status] for status in sorted(counts, key=lambda s: order.get(s, len(order)))}


def _backlog_table(recap: MonthlyRecap) -> RecapTable:
    counts = backlog_counts(recap)
    body: list[tuple[Cell, ...]] = [(status_name(s), *line, sum(line)) for s, line in counts.items()]
    totals = [sum(line[i] for line in counts.values()) for i in range(len(AGE_BANDS))]
    body.append(("Jumlah", *totals, sum(totals)))
    headers = ("Status \\ hari terbuka", *(f"{label} hari" for label, _f, _l in AGE_BANDS), "Jumlah")
    title = f"Tunggakan pada akhir bulan ({local_moment(recap, recap.as_of)})"
    return RecapTable("Tunggakan", title, headers, tuple(body), (len(body) - 1,))


def met_share(c: ClockFigures) -> float | None:
    """The share met of the deadlines already decided, in percent (one decimal); None with none decided."""
    judged = c.met + c.breached
    return round(100 * c.met / judged, 1) if judged else None


def _service_tables(recap: MonthlyRecap) -> list[RecapTable]:
    """Two tables (a page is not wide enough for one): first response, and resolution."""
    tables = []
    for clock, sheet, per in (
        ("first_response", "Tanggapan pertama", "jam kerja"),
        ("resolution", "Penyelesaian", "hari"),
    ):
        headers = ("Unit", "Petugas", "Diterima", "Tercapai", "Terlewat", "Berjalan", "% tercapai", f"Median ({per})",
                   f"P90 ({per})")  # fmt: skip
        body: list[tuple[Cell, ...]] = []
        totals = []
        for r in recap.service:
            if r.officer is None:
                totals.append(len(body))
            c: ClockFigures = getattr(r, clock)
            body.append(
                (recap.unit_names.get(r.unit, r.unit), r.officer or "(jumlah unit)", r.received)
                + (c.met, c.breached, c.running, met_share(c), c.median, c.p90)
            )
        title = f"Tingkat layanan per unit dan petugas: {sheet.lower()}"
        tables.append(RecapTable(sheet, title, headers, tuple(body), tuple(totals)))
    return tables


def _all_units(clocks: list[ClockFigures]) -> ClockFigures:
    """The units' lines added up (counts only: medians do not add)."""
    return ClockFigures(
        sum(c.met for c in clocks), sum(c.breached for c in clocks), sum(c.running for c in clocks), None, None
    )


def summary_rows(recap: MonthlyRecap) -> list[tuple[str, Cell]]:
    whole = [r for r in recap.service if r.officer is None]
    response = _all_units([r.first_response for r in whole])
    resolution = _all_units([r.resolution for r in whole])
    return [
        ("Unit", unit_label(recap)),
        ("Bulan", month_name(recap.month)),
        ("Laporan diterima", recap.received),
        ("Tunggakan pada akhir bulan", sum(r.count for r in recap.backlog)),
        ("Tanggapan pertama tercapai (%)", met_share(response)),
        ("Penyelesaian tercapai (%)", met_share(resolution)),
        ("Dinilai per", local_moment(recap, recap.as_of)),
        ("Dibuat pada", local_moment(recap, recap.made_at)),
    ]


def recap_tables(recap: MonthlyRecap) -> list[RecapTable]:
    """Every table of the recap, in the order the PDF shows them: summary, received per week by channel,
    kind and category, per day, the backlog, service levels (first response, resolution), then the further
    tables."""
    summary = RecapTable("Ringkasan", "Ringkasan", ("Uraian", "Nilai"), tuple(summary_rows(recap)))
    return [
        summary,
        _weekly_table(recap, recap.by_channel, "channel"),
        _weekly_table(recap, recap.by_kind, "kind"),
        _weekly_table(recap, recap.by_category, "category"),
        _daily_table(recap),
        _backlog_table(recap),
        *_service_tables(recap),
        *recap.further,
    ]
