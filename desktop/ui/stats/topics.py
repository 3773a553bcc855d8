"""The statistics window's topics: what the open and recent reports are about, and which topic rises this week.

Every topic and count is the server's (``stats topics``, ``reports/topics.py``), narrowed to what the officer may
see like every figure. The widget asks for the week of the filter's last day (now, when that is today), for the
filter's units, channel and kind; a topic is named by words, never by a report's subject, and the widget says
how a topic was found so that no one takes it for a fact.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

import shiboken6
from PySide6.QtCore import QCoreApplication, QDate, QLocale
from PySide6.QtWidgets import QVBoxLayout, QWidget
from qasync import asyncSlot

from ...domain.errors import AduanError
from ...sync.session import Session
from ..errors import describe
from ..ops import Ops
from ..plain import plain_label
from .requests import Wanted, ask_topics
from .tables import Exported, figure_table, fill, number

if TYPE_CHECKING:
    from ...reports.topics import TopicFigures, TopicRow


def topic_name(row: TopicRow) -> str:
    return ", ".join(row.terms) if row.terms else QCoreApplication.translate("TopicsView", "(words withheld)")


def spike_alert(row: TopicRow) -> str:
    """The sentence that tells a rising topic, in the window and in the desktop notification."""
    # A rising topic has at least SPIKE_MIN_REPORTS (5) reports this week: "reports" is always plural.
    if row.ratio is None:
        text = QCoreApplication.translate("TopicsView", "%1 reports about “%2” since Monday, none in the weeks before")
    else:
        text = QCoreApplication.translate("TopicsView", "%1 reports about “%2” since Monday, %3× the usual")
        text = text.replace("%3", number(row.ratio))
    return text.replace("%1", number(row.this_week)).replace("%2", topic_name(row))


class TopicsView(QWidget):
    def __init__(
        self, session: Session, ops: Ops, today: date, exported: Exported, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.today = today
        self.setObjectName("statsTopics")
        self.found: TopicFigures | None = None  # the last answer shown
        self.shown_for: tuple[Wanted, date | None] | None = None  # the filter and as-of day it answered
        self.pending: tuple[Wanted, date | None] | None = None
        self.asked = 0
        self.answered = 0  # answers shown (tests wait on it)
        self.failed = False

        self.how = plain_label(
            self.tr(
                "Grouped by shared words after normalising slang and word forms; a topic is a guess, open the "
                "reports to check. A word names a topic only when at least three of its reports that are not "
                "confidential contain it."
            ),
            name="statsTopicsHow",
            wrap=True,
        )
        self.week = plain_label(name="statsTopicsWeek", wrap=True)
        self.alerts = plain_label(name="statsTopicsAlerts", wrap=True)
        font = self.alerts.font()
        font.setBold(True)
        self.alerts.setFont(font)
        self.alerts.setVisible(False)
        self.status = plain_label(name="statsTopicsStatus", wrap=True)
        self.status.setVisible(False)
        self.table = figure_table("statsTopicsTable", self.tr("Topics of the reports, this week and usually"))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 4, 0, 0)
        layout.addWidget(self.how)
        layout.addWidget(self.week)
        layout.addWidget(self.alerts)
        layout.addWidget(self.status)
        layout.addWidget(exported(self.table, "statsTopicsExport", "topics"), 1)

    # -- asking -----------------------------------------------------------------------------------------

    def as_of(self, wanted: Wanted) -> date | None:
        """The day whose week is "this week": the filter's last day, or now when that is today or later."""
        if wanted.until is None or wanted.until >= self.today:
            return None
        return wanted.until

    def ask(self, wanted: Wanted) -> None:
        self.pending = (wanted, self.as_of(wanted))
        self._load()

    @asyncSlot()
    async def _load(self) -> None:
        if self.pending is None:
            return
        wanted, as_of = self.pending
        self.asked += 1
        asked = self.asked
        self.table.setEnabled(False)
        try:
            found = await self.ops.net(ask_topics, self.session, wanted, as_of)
        except AduanError as exc:
            if shiboken6.isValid(self) and asked == self.asked:
                self.table.setEnabled(True)
                self.status.setText(describe(exc))
                self.status.setVisible(True)
                self.failed = True
            return
        if not shiboken6.isValid(self) or asked != self.asked:
            return  # closed, or asked again meanwhile: the newer answer counts
        self.table.setEnabled(True)
        self.show_topics((wanted, as_of), found)

    # -- showing ----------------------------------------------------------------------------------------

    def show_topics(self, asked: tuple[Wanted, date | None], found: TopicFigures) -> None:
        self.found = found
        self.shown_for = asked
        self.failed = False
        self.status.setVisible(False)
        locale = QLocale()
        self.week.setText(
            self.tr("This week: %1 – %2. Usual: the average week of the %3 weeks before. %4 reports looked at.")
            .replace("%1", locale.toString(_qdate(found.week_start), "d MMM yyyy"))
            .replace("%2", locale.toString(_qdate(found.as_of), "d MMM yyyy"))
            .replace("%3", number(found.baseline_weeks))
            .replace("%4", number(found.reports))
        )
        rising = [row for row in found.rows if row.spike]
        self.alerts.setText("\n".join("▲ " + spike_alert(row) for row in rising))
        self.alerts.setVisible(bool(rising))
        headers = [
            self.tr("Topic"),
            self.tr("This week"),
            self.tr("Usual per week"),
            self.tr("Ratio"),
            self.tr("Open now"),
            self.tr("Rising"),
        ]
        rows = [
            [
                topic_name(row),
                number(row.this_week),
                number(row.usual),
                self.tr("new") if row.ratio is None and row.this_week else number(row.ratio),
                number(row.open_now),
                "▲ " + self.tr("rising") if row.spike else "",
            ]
            for row in found.rows
        ]
        fill(self.table, headers, rows, 1, {i for i, row in enumerate(found.rows) if row.spike}, stretch=True)
        self.table.setToolTip(
            self.tr("Rising: at least %1 reports since Monday and at least %2 times the usual week.")
            .replace("%1", number(_spike_minimum()))
            .replace("%2", number(_spike_ratio()))
        )
        if not found.rows:
            self.status.setText(self.tr("No topics: too few reports share their words."))
            self.status.setVisible(True)
        self.answered += 1


def _spike_minimum() -> int:
    from ...reports.topics import SPIKE_MIN_REPORTS

    return SPIKE_MIN_REPORTS


def _spike_ratio() -> float:
    from ...reports.topics import SPIKE_RATIO

    return SPIKE_RATIO


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)
