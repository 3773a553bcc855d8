"""The Channels view: every channel account on one screen — its health, what came in and went out through it today,
the citizens waiting for an answer on it and how fast they were answered this week (the ``channel overview``
command, ``reports/channels.py``) — and the messages intake could not store.

Admins see every account and the intake errors, and retry or dismiss them; supervisors see their units' accounts,
read only. The public comments on the unit's Facebook pages and Instagram accounts that are not reports yet are
listed in a tab of their own (``comment list``), flagged where they show personal data, and one becomes a report in
one step (``comment ticket``; its answer then goes back as a private reply), or is answered in public under it
(``comment reply``, ``public_reply_dialog.py``). Everything is read with the commands
beside sync (``server/commands.py``), run as the signed-in officer on the network pool — through the Aduan server,
or on the embedded database directly — since channel health is not mirrored in the cache; without a connection the
dialog says so and shows nothing stale. The server decides again on every request; the dialog only leaves out what
would not be offered (the officer's role, as the cache knows it, says whether to ask for the intake errors).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtGui import QBrush, QColor
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QDialog,
    QDialogButtonBox,
    QGroupBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ..domain.entities import AccountHealth
from ..domain.errors import AduanError, Unreachable
from ..domain.inbound import IntakeError, Received
from ..domain.social import ReplyState, SocialComment
from ..domain.vocabulary import Role
from ..sync.session import Session
from ..views.roles import load_my_role
from . import icons, theme
from .command_requests import request
from .errors import describe
from .labels import channel_label, local_time
from .ops import Ops
from .plain import plain_label, plain_message_box, plain_tooltip
from .public_reply_dialog import PublicReplyDialog

if TYPE_CHECKING:
    from ..reports.channels import AccountFigures

ACCOUNT_COLUMNS = 11
# The columns of the accounts' table; numbers sort as numbers (SORT_ROLE), the rest as text. An account's last
# error is read whole under the table (``problems``), not cut off in a column too narrow beside ten others.
CHANNEL, ACCOUNT, UNIT, STATE, IN_TODAY, OUT_TODAY, AWAITING, RESPONSE, QUEUED, FAILED, INTAKE = range(ACCOUNT_COLUMNS)
SORT_ROLE = Qt.ItemDataRole.UserRole + 1
NO_FIGURE = "–"  # nothing to measure (no answer this week)


@dataclass(frozen=True, slots=True)
class ChannelsOverview:
    accounts: list[AccountFigures]
    errors: list[IntakeError] | None  # None: not shown to this officer (only admins handle intake errors)
    admin: bool
    watcher: bool  # a supervisor or an admin: someone the view is for
    as_of: datetime | None = None  # naive UTC: the moment the server read the figures at
    timezone: str = ""  # of the agency's calendar, whose day "today" is
    comments: list[SocialComment] = field(default_factory=list)  # public comments not yet reports, newest first


# The commands are loaded on first use (pydantic and the server's schemas), on the network pool: opening
# the window does not wait for them.


def load_overview(session: Session, role: Role | None, as_of: datetime | None = None) -> ChannelsOverview:
    """What the officer may see of the channels (network pool): the accounts with their figures — a
    supervisor's units' only, as the server answers — and for an admin the intake errors. ``as_of`` (naive
    UTC): the figures at that moment rather than the server's now."""
    from ..server import commands

    admin = role is Role.ADMIN
    watcher = role in (Role.SUPERVISOR, Role.ADMIN)
    if not watcher:
        return ChannelsOverview([], None, admin, watcher)
    figures = session.command(commands.channel_overview, commands.OverviewQuery(as_of=as_of))
    errors = session.command(commands.channel_errors, commands.ErrorList()) if admin else None
    comments = session.command(commands.comment_list, commands.CommentList())
    return ChannelsOverview(figures.accounts, errors, admin, watcher, figures.as_of, figures.timezone, comments)


def ticket_from_comment(session: Session, comment_id: int) -> Received:
    """The report made of a public comment (the same one when it was made before)."""
    from ..server import commands

    return session.command(commands.comment_ticket, request(commands.CommentId, comment_id=comment_id))


def reply_in_public(session: Session, comment_id: int, text: str, despite_personal_data: bool) -> SocialComment:
    """Queue the unit's public answer under the comment (the worker posts it)."""
    from ..server import commands

    return session.command(
        commands.comment_reply,
        request(commands.CommentReply, comment_id=comment_id, text=text, despite_personal_data=despite_personal_data),
    )


def settle_public_reply(session: Session, comment_id: int, posted: bool) -> SocialComment:
    """An officer looked under the comment for a reply that was perhaps posted."""
    from ..server import commands

    return session.command(
        commands.comment_settle, request(commands.ReplySettled, comment_id=comment_id, posted=posted)
    )


def retry_intake_error(session: Session, error_id: int) -> Received:
    from ..server import commands

    return session.command(commands.channel_retry, request(commands.ErrorId, error_id=error_id))


def dismiss_intake_error(session: Session, error_id: int) -> None:
    """Recorded as dismissed by the signed-in officer."""
    from ..server import commands

    session.command(commands.channel_dismiss, request(commands.ErrorId, error_id=error_id))


def account_state(account: AccountHealth) -> str:
    """The account's state in words (the error's colour is never the only sign)."""

    if not account.enabled:
        return QCoreApplication.translate("Channels", "Disabled")
    if account.last_error:
        return QCoreApplication.translate("Channels", "Failing")
    if account.last_poll_at is None:
        return QCoreApplication.translate("Channels", "Not polled yet")
    return QCoreApplication.translate("Channels", "Working")


def waiting_text(account: AccountHealth) -> str:
    if not account.held:
        return str(account.backlog)
    held = QCoreApplication.translate("Channels", "%1 (%2 held)")
    return held.replace("%1", str(account.backlog)).replace("%2", str(account.held))


def duration_text(minutes: float | None) -> str:
    """A response time as an officer reads it: minutes, hours and minutes, or days and hours."""
    if minutes is None:
        return NO_FIGURE
    whole = round(minutes)
    if whole < 60:
        return QCoreApplication.translate("Channels", "%1 min").replace("%1", str(whole))
    if whole < 24 * 60:
        text = QCoreApplication.translate("Channels", "%1 h %2 min")
        return text.replace("%1", str(whole // 60)).replace("%2", f"{whole % 60:02d}")
    text = QCoreApplication.translate("Channels", "%1 d %2 h")
    return text.replace("%1", str(whole // (24 * 60))).replace("%2", str(whole % (24 * 60) // 60))


def response_text(figures: AccountFigures) -> str:
    if figures.median_minutes is None:
        return NO_FIGURE
    return f"{duration_text(figures.median_minutes)} / {duration_text(figures.p90_minutes)}"


def response_tooltip(figures: AccountFigures) -> str:
    if figures.median_minutes is None:
        return QCoreApplication.translate("Channels", "No citizen was answered on this account in the last 7 days.")
    text = QCoreApplication.translate(
        "Channels",
        "Over the last 7 days, %1 answered: half within %2 minutes, nine in ten within %3 minutes (from the "
        "citizen's first unanswered message to the officer's answer).",
    )
    return (
        text.replace("%1", str(figures.answered))
        .replace("%2", f"{figures.median_minutes:g}")
        .replace("%3", f"{figures.p90_minutes or 0:g}")
    )


def state_tooltip(account: AccountHealth) -> str:
    polled = QCoreApplication.translate("Channels", "Last poll: %1").replace(
        "%1", local_time(account.last_poll_at) or QCoreApplication.translate("Channels", "never")
    )
    error = " ".join((account.last_error or "").split())
    return f"{polled}\n{error}" if error else polled


class FigureItem(QTableWidgetItem):
    """A cell that sorts by its SORT_ROLE value (a count, minutes) when it has one, else by its text."""

    def __lt__(self, other: QTableWidgetItem) -> bool:
        mine, theirs = self.data(SORT_ROLE), other.data(SORT_ROLE)
        if mine is None or theirs is None:
            return bool(self.text().casefold() < other.text().casefold())
        return bool(mine < theirs)


def error_colour() -> QColor:
    """A red that reads on the light and the dark scheme alike."""
    app = QApplication.instance()
    dark = isinstance(app, QApplication) and theme.is_dark(app)
    return QColor("#ff6b6b" if dark else "#b00020")


def _offline_text() -> str:
    return QCoreApplication.translate(
        "Channels",
        "The channels view needs a connection to the server, and it cannot be reached now. The intake worker "
        "keeps running on its own machine; nothing here was changed.",
    )


def _failure_text(exc: AduanError) -> str:
    return _offline_text() if isinstance(exc, Unreachable) else describe(exc)


def _fit(table: QTableWidget, caps: dict[int, int]) -> None:
    """Columns as wide as their contents (some capped); the last, the error, takes the rest and wraps."""
    last = table.columnCount() - 1
    for column in range(last):
        table.resizeColumnToContents(column)
        if column in caps:
            table.setColumnWidth(column, min(table.columnWidth(column), caps[column]))
    table.horizontalHeader().setSectionResizeMode(last, QHeaderView.ResizeMode.Stretch)
    table.resizeRowsToContents()


class ChannelsDialog(QDialog):
    # A retried message became (or joined) a ticket: the window may sync so it shows.
    changed = Signal()

    def __init__(self, session: Session, ops: Ops, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.ops = ops
        self.overview: ChannelsOverview | None = None
        self.setObjectName("channelsDialog")
        self.setWindowTitle(self.tr("Channels"))
        self.resize(1240, 680)  # eleven columns, the figures' headers on two lines
        self.as_of: datetime | None = None  # the figures at this moment (naive UTC); None: the server's now

        self.status = plain_label(name="channelsStatus", wrap=True)
        self.status.setVisible(False)
        self.refreshed = QLabel()
        self.refreshed.setObjectName("channelsRefreshed")

        self.accounts = self._table(
            "channelAccounts",
            self.tr("Channel accounts"),
            [
                self.tr("Channel"),
                self.tr("Account"),
                self.tr("Unit"),
                self.tr("State"),
                self.tr("In\ntoday"),
                self.tr("Out\ntoday"),
                self.tr("Awaiting\nanswer"),
                self.tr("Response\nmedian / 90%"),
                self.tr("Answers\nqueued"),
                self.tr("Answers\nfailed"),
                self.tr("Intake\nerrors"),
            ],
        )
        for column, tip in (
            (IN_TODAY, self.tr("Messages from citizens that came through the account today")),
            (OUT_TODAY, self.tr("Answers and acknowledgements that went out through the account today")),
            (
                AWAITING,
                self.tr("Open reports whose citizen wrote last through this account and has no answer after it"),
            ),
            (
                RESPONSE,
                self.tr(
                    "Time from a citizen's message to the officer's answer, over the last 7 days: the median "
                    "and the time within which nine in ten were answered"
                ),
            ),
            (QUEUED, self.tr("Answers still waiting to be sent through the account")),
            (FAILED, self.tr("Answers the account could not send, or may not have sent: an admin looks at them")),
            (INTAKE, self.tr("Messages that came through the account and could not be stored")),
        ):
            header = self.accounts.horizontalHeaderItem(column)
            assert header is not None  # set with the labels above
            header.setToolTip(tip)
        # The account's name takes the room left (whole in its tooltip); the figures keep their widths.
        self.accounts.horizontalHeader().setStretchLastSection(False)
        self.accounts.horizontalHeader().setSectionResizeMode(ACCOUNT, QHeaderView.ResizeMode.Stretch)
        self.accounts.setWordWrap(False)
        self.accounts.setSortingEnabled(True)
        # No column sorted until the officer asks: the server's order (by account) first.
        self.accounts.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.period = plain_label(name="channelsPeriod", wrap=True)
        self.problems = plain_label(name="channelsProblems", wrap=True, selectable=True)
        self.problems.setVisible(False)
        self.errors = self._table(
            "intakeErrors",
            self.tr("Intake errors"),
            [
                self.tr("Account"),
                self.tr("Message"),
                self.tr("Attempts"),
                self.tr("First seen"),
                self.tr("Last seen"),
                self.tr("Error"),
            ],
        )
        self.errors.itemSelectionChanged.connect(self._enable)

        self.refresh_button = self._button("channelsRefresh", self.tr("&Refresh"), self.reload)
        self.retry_button = self._button("intakeRetry", self.tr("Re&try"), self.retry)
        self.retry_button.setToolTip(self.tr("Store the message again, after the cause was fixed"))
        self.dismiss_button = self._button("intakeDismiss", self.tr("&Dismiss"), self.dismiss)
        self.dismiss_button.setToolTip(self.tr("The message needs no report (spam, a test); it stays on record"))

        accounts_box = QGroupBox(self.tr("Channel accounts"))
        accounts_layout = QVBoxLayout(accounts_box)
        accounts_layout.addWidget(self.accounts, 1)
        accounts_layout.addWidget(self.problems)
        accounts_layout.addWidget(self.period)
        self.errors_box = QWidget()
        self.errors_box.setObjectName("intakeErrorsPage")
        self.errors_box.setAccessibleName(self.tr("Intake errors: messages that arrived but could not be stored"))
        error_layout = QVBoxLayout(self.errors_box)
        error_layout.addWidget(
            plain_label(self.tr("Messages that arrived but could not be stored:"), name="intakeErrorsCaption")
        )
        error_layout.addWidget(self.errors, 1)
        error_buttons = QHBoxLayout()
        error_buttons.addWidget(self.retry_button)
        error_buttons.addWidget(self.dismiss_button)
        error_buttons.addStretch(1)
        error_layout.addLayout(error_buttons)
        self.comments_box = self._comments_page()
        self.tabs = QTabWidget()
        self.tabs.setObjectName("channelsTabs")
        self.errors_tab = self.tabs.addTab(self.errors_box, self.tr("Intake errors"))
        self.comments_tab = self.tabs.addTab(self.comments_box, self.tr("Public comments"))
        split = QSplitter(Qt.Orientation.Vertical)
        split.setObjectName("channelsSplitter")
        split.addWidget(accounts_box)
        split.addWidget(self.tabs)
        split.setChildrenCollapsible(False)
        split.setSizes([360, 240])

        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(self.reject)
        row = QHBoxLayout()
        row.addWidget(self.refresh_button)
        row.addWidget(self.refreshed, 1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.status)
        layout.addWidget(split, 1)
        layout.addLayout(row)
        self._enable()

    def _comments_page(self) -> QWidget:
        """The public comments on the Facebook pages and Instagram accounts that are not reports yet."""
        page = QWidget()
        page.setObjectName("publicCommentsPage")
        self.comments_layout = QVBoxLayout(page)
        self.comments_note = plain_label(
            self.tr(
                "Public comments on the unit's Facebook pages and Instagram accounts that are not reports yet. "
                "Make a report of one to answer it in private (the answer goes back as a private reply), or reply "
                "in public under it when the answer may be read by everyone."
            ),
            name="publicCommentsNote",
            wrap=True,
        )
        self.comments = self._table(
            "publicComments",
            self.tr("Public comments"),
            [
                self.tr("Channel"),
                self.tr("Account"),
                self.tr("Written"),
                self.tr("Author"),
                self.tr("Comment"),
                self.tr("Public reply"),
            ],
        )
        self.shown_comments: dict[int, SocialComment] = {}
        self.comments.itemSelectionChanged.connect(self._enable)
        self.make_report_button = self._button("commentMakeReport", self.tr("&Make a report"), self.make_report)
        self.make_report_button.setToolTip(self.tr("Take the comment in as a report, answered in private"))
        self.public_reply_button = self._button("commentReplyPublic", self.tr("Reply in &public…"), self.reply_public)
        self.public_reply_button.setToolTip(self.tr("Answer under the comment, where everyone can read it"))
        self.settle_button = self._button("commentSettleReply", self.tr("Was it &posted?…"), self.ask_posted)
        self.settle_button.setToolTip(self.tr("Say whether a reply that was perhaps posted is under the comment"))
        buttons = QHBoxLayout()
        buttons.addWidget(self.make_report_button)
        buttons.addWidget(self.public_reply_button)
        buttons.addWidget(self.settle_button)
        buttons.addStretch(1)
        self.comments_layout.addWidget(self.comments_note)
        self.comments_layout.addWidget(self.comments, 1)
        self.comments_layout.addLayout(buttons)
        return page

    def _table(self, name: str, accessible: str, headers: list[str]) -> QTableWidget:
        table = QTableWidget(0, len(headers))
        table.setObjectName(name)
        table.setAccessibleName(accessible)
        table.setHorizontalHeaderLabels(headers)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        # The error, last, takes the room left and wraps: read whole, not cut off.
        table.setWordWrap(True)
        table.verticalHeader().setVisible(False)
        table.verticalHeader().setMinimumSectionSize(table.fontMetrics().height() + 10)  # rows fit to their text
        table.horizontalHeader().setStretchLastSection(True)
        table.horizontalHeader().sectionResized.connect(lambda *_: table.resizeRowsToContents())  # wrap anew
        return table

    def _button(self, name: str, text: str, slot: object) -> QPushButton:
        button = QPushButton(text)
        button.setObjectName(name)
        button.clicked.connect(slot)
        return button

    # -- loading -----------------------------------------------------------------------------------------

    def open(self) -> None:
        super().open()
        self.reload()

    @asyncSlot()
    async def reload(self) -> None:
        await self.refresh()

    async def refresh(self) -> None:
        self.refresh_button.setEnabled(False)
        try:
            role = await self.ops.db(load_my_role, self.session.cache)
            overview = await self.ops.net(load_overview, self.session, role, self.as_of)
        except AduanError as exc:
            self.overview = None
            self.accounts.setRowCount(0)
            self.errors.setRowCount(0)
            self.refreshed.clear()
            self.period.clear()
            self.problems.setVisible(False)
            self.show_status(_failure_text(exc))
            return
        finally:
            self.refresh_button.setEnabled(True)
            self._enable()
        self.overview = overview
        self.show_status("" if overview.watcher else self.tr("Only supervisors and admins see the channels."))
        self.fill_accounts(overview.accounts)
        self.fill_errors(overview.errors)
        self.fill_comments(overview.comments if overview.watcher else None)
        self.fill_period(overview)
        self._enable()

    def fill_accounts(self, accounts: list[AccountFigures]) -> None:
        # Filled unsorted, then sorted again by the officer's column (a sorting table moves rows as they fill).
        self.accounts.setSortingEnabled(False)
        self.accounts.setRowCount(len(accounts))
        red = QBrush(error_colour())
        for row, figures in enumerate(accounts):
            account = figures.health
            failing = bool(account.last_error) and account.enabled
            median = figures.median_minutes
            cells: tuple[tuple[str, float | None, str | None], ...] = (
                (channel_label(account.channel), None, None),
                (account.name, None, None),
                (account.unit, None, None),
                (account_state(account), None, state_tooltip(account)),
                (str(figures.received_today), figures.received_today, None),
                (str(figures.sent_today), figures.sent_today, None),
                (str(figures.waiting), figures.waiting, None),
                (response_text(figures), float("inf") if median is None else median, response_tooltip(figures)),
                (str(account.backlog), account.backlog, None),
                (str(account.held), account.held, None),
                (str(account.intake_errors), account.intake_errors, None),
            )
            for column, (text, sort_key, tip) in enumerate(cells):
                item = FigureItem(text)
                item.setData(Qt.ItemDataRole.UserRole, account.id)
                if sort_key is not None:
                    item.setData(SORT_ROLE, sort_key)
                    item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                item.setToolTip(plain_tooltip(tip if tip is not None else text))
                if (column == STATE and failing) or (column == FAILED and account.held):
                    item.setForeground(red)
                if column == STATE and failing:
                    item.setIcon(icons.icon("warning"))  # not by colour alone
                self.accounts.setItem(row, column, item)
        self.accounts.setSortingEnabled(True)
        for column in range(ACCOUNT_COLUMNS):
            self.accounts.resizeColumnToContents(column)
        self.accounts.resizeRowsToContents()
        self.fill_problems(accounts)

    def fill_problems(self, accounts: list[AccountFigures]) -> None:
        """Each failing account's last error, whole and in words (red too, never by colour alone)."""
        failing = [f.health for f in accounts if f.health.enabled and f.health.last_error]
        line = self.tr("%1 is failing: %2")
        text = "\n".join(
            line.replace("%1", a.name).replace("%2", " ".join((a.last_error or "").split())) for a in failing
        )
        self.problems.setText(text)
        palette = self.problems.palette()
        palette.setColor(self.problems.foregroundRole(), error_colour())
        self.problems.setPalette(palette)
        self.problems.setVisible(bool(failing))

    def fill_period(self, overview: ChannelsOverview) -> None:
        """What "today" and "this week" mean for the figures, and when they were read."""
        if overview.as_of is None:
            self.refreshed.clear()
            self.period.clear()
            return
        self.refreshed.setText(self.tr("As of %1").replace("%1", local_time(overview.as_of, with_date=False)))
        text = self.tr("Today: the day in the agency's time zone (%1). Response times: the last 7 days.")
        self.period.setText(text.replace("%1", overview.timezone))

    def fill_errors(self, errors: list[IntakeError] | None) -> None:
        """The second table; its tab hidden for supervisors, who only read the accounts of their units."""
        self.tabs.setTabVisible(self.errors_tab, errors is not None)
        errors = errors or []
        self.errors.setRowCount(len(errors))
        for row, kept in enumerate(errors):
            cells = (
                kept.account_name,
                kept.summary,
                str(kept.attempts),
                local_time(kept.first_at),
                local_time(kept.last_at),
                " ".join(kept.error.split()),
            )
            for column, text in enumerate(cells):
                item = QTableWidgetItem(text)
                item.setData(Qt.ItemDataRole.UserRole, kept.id)
                tip = f"{text}\n{channel_label(kept.channel)}: {kept.external_id}" if column < 2 else text
                item.setToolTip(plain_tooltip(tip))
                self.errors.setItem(row, column, item)
        _fit(self.errors, {0: 240, 1: 340})  # long names and subjects: whole in their tooltips

    def fill_comments(self, comments: list[SocialComment] | None) -> None:
        """The comments not yet reports; the tab hidden for officers, and counted in its title."""
        self.tabs.setTabVisible(self.comments_tab, comments is not None)
        comments = comments or []
        self.shown_comments = {comment.id: comment for comment in comments}
        self.tabs.setTabText(self.comments_tab, self.tr("Public comments (%1)").replace("%1", str(len(comments))))
        self.comments.setRowCount(len(comments))
        red = QBrush(error_colour())
        flagged = self.tr(
            "The comment shows personal data (an NIK, a phone number or an e-mail address): answer it only in private."
        )
        for row, comment in enumerate(comments):
            text = " ".join(comment.text.split())
            said = self.tr("Personal data: %1").replace("%1", text) if comment.personal_data else text
            cells = (
                (channel_label(comment.channel), None),
                (comment.account, None),
                (local_time(comment.created_at), None),
                (comment.author_name or comment.author_id or "", None),
                (said, f"{flagged}\n\n{text}" if comment.personal_data else None),
                (self._reply_shown(comment), None),
            )
            for column, (shown, tip) in enumerate(cells):
                item = QTableWidgetItem(shown)
                item.setData(Qt.ItemDataRole.UserRole, comment.id)
                item.setToolTip(plain_tooltip(tip or shown))
                if tip is not None:  # said in words and with an icon, red too: never by colour alone
                    item.setIcon(icons.icon("warning"))
                    item.setForeground(red)
                self.comments.setItem(row, column, item)
        _fit(self.comments, {1: 200, 3: 200, 4: 420})

    def _reply_shown(self, comment: SocialComment) -> str:
        reply = comment.reply
        if reply is None:
            return ""
        shown = {
            ReplyState.QUEUED: self.tr("Waiting to be posted"),
            ReplyState.SENDING: self.tr("Perhaps posted: look under the comment"),
            ReplyState.SENT: self.tr("Posted"),
            ReplyState.FAILED: self.tr("Refused: %1"),
        }[reply.state]
        return shown.replace("%1", reply.error or "")

    def show_status(self, text: str) -> None:
        self.status.setText(text)
        self.status.setVisible(bool(text))

    # -- intake errors -----------------------------------------------------------------------------------

    def selected_error(self) -> int | None:
        items = self.errors.selectedItems()
        return int(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    def _enable(self) -> None:
        may = self.overview is not None and self.overview.admin and self.selected_error() is not None
        self.retry_button.setEnabled(may)
        self.dismiss_button.setEnabled(may)
        comment = self.shown_comments.get(self.selected_comment() or 0)
        self.make_report_button.setEnabled(comment is not None)
        self.public_reply_button.setEnabled(
            comment is not None and (comment.reply is None or comment.reply.state is ReplyState.FAILED)
        )
        self.settle_button.setEnabled(
            comment is not None and comment.reply is not None and comment.reply.state is ReplyState.SENDING
        )

    def selected_comment(self) -> int | None:
        items = self.comments.selectedItems()
        return int(items[0].data(Qt.ItemDataRole.UserRole)) if items else None

    @asyncSlot()
    async def make_report(self) -> None:
        comment_id = self.selected_comment()
        if comment_id is None:
            return
        try:
            received = await self.ops.net(ticket_from_comment, self.session, comment_id)
        except AduanError as exc:
            self.show_status(_failure_text(exc))
            return
        self.changed.emit()
        await self.refresh()
        self.show_status(self.tr("Report %1 was made of the comment.").replace("%1", received.tracking_no))

    def reply_public(self) -> None:
        comment = self.shown_comments.get(self.selected_comment() or 0)
        if comment is None:
            return
        dialog = PublicReplyDialog(comment, self)
        dialog.accepted.connect(
            lambda: self.post_public_reply(comment.id, dialog.reply_text(), dialog.despite.isChecked())
        )
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def ask_posted(self) -> None:
        comment = self.shown_comments.get(self.selected_comment() or 0)
        if comment is None:
            return
        box = plain_message_box(
            self,
            QMessageBox.Icon.Question,
            self.tr("Look under the comment on %1. Is the reply there? If it is not, it can be written again.").replace(
                "%1", comment.account
            ),
            QMessageBox.StandardButton.Cancel,
        )
        posted = box.addButton(self.tr("It is &there"), QMessageBox.ButtonRole.YesRole)
        missing = box.addButton(self.tr("It is &not there"), QMessageBox.ButtonRole.NoRole)
        box.buttonClicked.connect(
            lambda button: self.settle_reply(comment.id, button is posted) if button in (posted, missing) else None
        )
        box.finished.connect(box.deleteLater)
        box.open()

    @asyncSlot()
    async def settle_reply(self, comment_id: int, posted: bool) -> None:
        try:
            await self.ops.net(settle_public_reply, self.session, comment_id, posted)
        except AduanError as exc:
            self.show_status(_failure_text(exc))
            return
        await self.refresh()
        done = self.tr("The reply is marked posted.") if posted else self.tr("The reply can be written again.")
        self.show_status(done)

    @asyncSlot()
    async def post_public_reply(self, comment_id: int, text: str, despite_personal_data: bool) -> None:
        try:
            await self.ops.net(reply_in_public, self.session, comment_id, text, despite_personal_data)
        except AduanError as exc:
            self.show_status(_failure_text(exc))
            return
        await self.refresh()
        self.show_status(self.tr("The public reply waits for the worker to post it under the comment."))

    @asyncSlot()
    async def retry(self) -> None:
        error_id = self.selected_error()
        if error_id is None:
            return
        try:
            received = await self.ops.net(retry_intake_error, self.session, error_id)
        except AduanError as exc:
            await self.refresh()  # the attempt was counted
            self.show_status(_failure_text(exc))
            return
        self.changed.emit()
        await self.refresh()
        done = self.tr("Stored: it started %1.") if received.new_ticket else self.tr("Stored: it joined %1.")
        self.show_status(done.replace("%1", received.tracking_no))

    @asyncSlot()
    async def dismiss(self) -> None:
        error_id = self.selected_error()
        if error_id is None or self.overview is None:
            return
        try:
            await self.ops.net(dismiss_intake_error, self.session, error_id)
        except AduanError as exc:
            self.show_status(_failure_text(exc))
            return
        await self.refresh()
        self.show_status(self.tr("Dismissed: the message stays on record, without a report."))
