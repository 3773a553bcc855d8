"""The main window: inbox beside the open ticket, team discussion, what needs attention, the status bar.

Every part reads the local cache through ``ops.db`` and refreshes itself on ``events.cache_changed``; the
sync loop keeps the cache in step with the central database in the background.
"""

from __future__ import annotations

import functools
from uuid import UUID

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QCloseEvent, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QHBoxLayout,
    QLabel,
    QMainWindow,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from qasync import asyncSlot

from ..domain.errors import ClientOutdated
from ..domain.operations import Op
from ..security.credentials import Credentials
from ..settings import Settings
from ..sync.central import central_identity
from ..sync.engine import SyncReport
from ..sync.session import Session
from ..views.roles import load_my_role, load_role_menus
from . import actions, theme, tour
from .admin.window import AdminWindow, may_administer
from .attention_panel import AttentionPanel
from .audit_dialog import AuditDialog
from .cache_notices import CacheNoticeBanner
from .canned_dialog import CannedDialog
from .channels_dialog import ChannelsDialog
from .discussion_view import DiscussionView
from .events import Events
from .from_statistics import FromStatistics
from .inbox_view import InboxView
from .layout_memory import LayoutMemory
from .new_report_dialog import NewReportDialog
from .ops import Ops
from .password_dialogs import ChangePasswordDialog, ResetPasswordDialog
from .referrals_view import ReferralsView
from .settings_dialog import SettingsDialog
from .sign_in import SignInDialog
from .spike_watch import SpikeWatch
from .status_bar import StatusBar
from .sync_loop import SyncLoop
from .ticket_view import TicketView
from .tray import Notifier
from .update_notice import UpdateRequiredBanner
from .workload_view import WorkloadView

INBOX_TAB, DISCUSSION_TAB, ATTENTION_TAB, REFERRALS_TAB = range(4)
# The window's splitters an officer arranges and finds again (by object name, which keys them in layout.ini).
REMEMBERED_SPLITTERS = frozenset(
    {"inboxSplitter", "threadSplitter", "discussionSplitter", "attentionSplitter", "referralsSplitter"}
)
# The window's size on a screen with room for it; a smaller screen's free area bounds it (see _fit_default_size).
DEFAULT_SIZE = QSize(1360, 820)


def default_size(free: QSize) -> QSize:
    """The window's first size on a screen whose free area (task bar excluded) is ``free``: the default where it
    fits, else most of the free area, leaving room for the title bar and the frame."""
    return DEFAULT_SIZE.boundedTo(QSize(int(free.width() * 0.95), int(free.height() * 0.92)))


class MainWindow(QMainWindow):
    # The officer signed in to another server (or back to the demo) from this window.
    session_switched = Signal(object)

    def __init__(self, session: Session, ops: Ops, settings: Settings, credentials: Credentials) -> None:
        super().__init__()
        self.session = session
        self.ops = ops
        self.settings = settings
        self.credentials = credentials
        self.events = Events(self)
        self.setObjectName("mainWindow")
        self._fit_default_size()

        self.banner = self._demo_banner()
        self.cache_notices = CacheNoticeBanner(session.cache.notices)
        self.update_notice = UpdateRequiredBanner()  # shown while the server refuses this version
        self.inbox = InboxView(session, ops, self.events)
        self.ticket = TicketView(session, ops, self.events)
        self.discussion = DiscussionView(session, ops, self.events)
        self.attention = AttentionPanel(session, ops, self.events)
        self.referrals = ReferralsView(session, ops, self.events)

        work = QSplitter(Qt.Orientation.Horizontal)
        self.work_splitter = work
        work.setObjectName("inboxSplitter")
        work.addWidget(self.inbox)
        work.addWidget(self.ticket)
        work.setStretchFactor(0, 3)
        work.setStretchFactor(1, 2)
        work.setSizes([780, 580])
        self.tabs = QTabWidget()
        self.tabs.setObjectName("mainTabs")
        self.tabs.setDocumentMode(True)
        self.tabs.addTab(work, actions.text("go_inbox"))
        self.tabs.addTab(self.discussion, actions.text("go_discussions"))
        self.tabs.addTab(self.attention, actions.text("go_attention"))
        self.tabs.addTab(self.referrals, actions.text("go_referrals"))
        self.referrals.counted.connect(lambda _waiting: self.tabs.setTabText(REFERRALS_TAB, self.referrals.tab_title()))

        body = QWidget()
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.banner)
        layout.addWidget(self.cache_notices)
        layout.addWidget(self.update_notice)
        layout.addWidget(self.tabs)
        self.setCentralWidget(body)

        self.status = StatusBar(session, ops, self.events)
        self.status.attention_requested.connect(lambda: self.tabs.setCurrentIndex(ATTENTION_TAB))
        self.setStatusBar(self.status)
        self.sync = SyncLoop(session, ops, self.events, float(settings.get("sync_interval_seconds")))
        self.sync.finished.connect(lambda _outcome: self._update_titles())
        self.sync.finished.connect(self._sync_finished)
        self.sync.session_ended.connect(self.ask_to_sign_in_again)
        self.notifier = Notifier(session, ops, settings, self)
        self.sync.finished.connect(lambda _outcome: self.notifier.check())
        self.notifier.opened.connect(self._open_from_notification)
        self.notifier.discussion_wanted.connect(self._open_thread_from_notification)
        self.notifier.topics_wanted.connect(self.open_topics)
        self.spike_watch = SpikeWatch(session, ops, parent=self)  # asks only for supervisors and admins
        self.spike_watch.rising.connect(self.notifier.announce_spikes)
        self.events.open_ticket.connect(self.ticket.open_ticket)
        self.events.open_ticket.connect(lambda _ticket_id: self.tabs.setCurrentIndex(INBOX_TAB))
        self.events.cache_changed.connect(self._update_titles)
        self.events.cache_changed.connect(self._update_role_actions)
        self.discussion.unread_changed.connect(lambda _unread, _mentions: self._update_titles())
        self.started = False
        self.new_report_dialog: NewReportDialog | None = None
        self.sign_in_again: SignInDialog | None = None  # asked when the server ended the session
        self._build_menu()
        self._update_titles()
        self.layout_memory = LayoutMemory.beside(settings, session.login, self._server_identity())
        self._restore_layout()

    # -- layout -----------------------------------------------------------------------------------------

    def _fit_default_size(self) -> None:
        """Most of the screen's free area (a 1366×768 laptop's too, task bar excluded), centred on it; a
        remembered geometry replaces this."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            self.resize(DEFAULT_SIZE)
            return
        free = screen.availableGeometry()
        self.resize(default_size(free.size()))
        self.move(free.center() - self.rect().center())

    def _server_identity(self) -> str:
        """The place the work comes from, for remembering a layout per officer and server."""
        if self.session.demo:
            return "demo"
        server = self.session.server
        if server is not None:
            return str(server.identity)
        return central_identity(str(self.session.store.url)) if self.session.store is not None else ""

    def _restore_layout(self) -> None:
        memory = self.layout_memory
        geometry = memory.state("window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        for splitter in self._remembered_splitters():
            state = memory.state(f"window/{splitter.objectName()}")
            if state is not None:
                splitter.restoreState(state)
        tab = memory.get_str("window/tab")
        if tab.isdigit() and int(tab) < self.tabs.count():
            self.tabs.setCurrentIndex(int(tab))
        self.inbox.remember(memory)

    def _remembered_splitters(self) -> list[QSplitter]:
        return [s for s in self.findChildren(QSplitter) if s.objectName() in REMEMBERED_SPLITTERS]

    def save_layout(self) -> None:
        memory = self.layout_memory
        memory.put_state("window/geometry", self.saveGeometry())
        for splitter in self._remembered_splitters():
            memory.put_state(f"window/{splitter.objectName()}", splitter.saveState())
        memory.put("window/tab", str(self.tabs.currentIndex()))
        memory.sync()

    def _demo_banner(self) -> QWidget:
        banner = QWidget()
        banner.setObjectName("demoBanner")
        text = QLabel(
            self.tr(
                "Demo workspace: sample data on this computer only, signed in as a demo officer. "
                "Nothing here reaches your unit's server."
            )
        )
        text.setWordWrap(True)
        connect = QPushButton(actions.text("sign_in"))
        connect.setObjectName("connectButton")
        connect.clicked.connect(self.sign_in)
        row = QHBoxLayout(banner)
        row.setContentsMargins(12, 6, 12, 6)
        row.addWidget(text, 1)
        row.addWidget(connect)
        banner.setVisible(self.session.demo)
        return banner

    def _build_menu(self) -> None:
        menu = self.menuBar().addMenu(self.tr("&Aduan"))
        made = {}
        for name, slot in (
            ("new_report", self.open_new_report),
            ("sync_now", self.sync.run_round),
            ("sign_in", self.sign_in),
            ("change_password", self.open_change_password),
            ("reset_password", self.open_reset_password),
            ("manage_canned", self.open_canned),
            ("channels", self.open_channels),
            ("audit_log", self.open_audit),
            ("workload", self.open_workload),
            ("statistics", self.open_statistics),
            ("administration", self.open_administration),
            ("settings", self.open_settings),
            ("quit", self.close),
        ):
            made[name] = actions.create(self, name, slot)
            menu.addAction(made[name])
        self.canned_action = made["manage_canned"]
        self.canned_action.setVisible(False)  # supervisors and admins only: shown once the cache tells the role
        self.channels_action = made["channels"]
        self.channels_action.setVisible(False)  # likewise
        self.audit_action = made["audit_log"]
        self.audit_action.setVisible(False)  # likewise
        self.workload_action = made["workload"]
        self.workload_action.setVisible(False)  # supervisors (their units) and admins, like the audit log
        self.workload_view: WorkloadView | None = None
        self.statistics_action = made["statistics"]  # every officer: the server narrows the figures to theirs
        self.stats_window: QDialog | None = None  # stats.window.StatsWindow, loaded (with QtCharts) on first use
        self.administration_action = made["administration"]
        self.administration_action.setVisible(False)  # supervisors (their units) and admins
        # Passwords are the Aduan server's: an officer signed in to it changes theirs (SQLite has none).
        self.change_password_action = made["change_password"]
        self.change_password_action.setVisible(self.session.server is not None)
        self.reset_password_action = made["reset_password"]
        self.reset_password_action.setVisible(False)  # admins only, through the server or directly
        new_report = QToolButton()
        new_report.setObjectName("newReportButton")
        new_report.setDefaultAction(made["new_report"])
        new_report.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        self.tabs.setCornerWidget(new_report, Qt.Corner.TopRightCorner)  # in sight: reports come in all day
        go = self.menuBar().addMenu(self.tr("&Go"))
        for name, tab in (
            ("go_inbox", INBOX_TAB),
            ("go_discussions", DISCUSSION_TAB),
            ("go_attention", ATTENTION_TAB),
            ("go_referrals", REFERRALS_TAB),
        ):
            go.addAction(actions.create(self, name, functools.partial(self.tabs.setCurrentIndex, tab)))
        help_menu = self.menuBar().addMenu(self.tr("&Help"))
        self.tour_action = actions.create(self, "tour", self.open_tour)  # ui/tour.py: five steps over the desk
        help_menu.addAction(self.tour_action)

    def open_tour(self) -> None:
        tour.open_tour(self, self.layout_memory)

    def showEvent(self, event: QShowEvent) -> None:  # Qt's name
        super().showEvent(event)
        if not self.started:  # the first time only, not on every restore from the task bar
            self.start()

    def start(self) -> None:
        """Show what the cache holds at once, then sync in the background."""
        self.started = True
        self.inbox.reload()
        self.discussion.refresh()
        self.attention.reload()
        self.referrals.reload()
        self.status.refresh()
        self._update_role_actions()
        self.notifier.check()  # the first mark: what the cache holds now is not news
        self.sync.start()
        self.spike_watch.start()

    @asyncSlot()
    async def _update_titles(self) -> None:
        name = await self.ops.db(self.session.officer_name)
        suffix = self.tr(" (demo)") if self.session.demo else ""
        self.setWindowTitle(f"Aduan — {name}{suffix}")
        status = self.status.status
        attention = status.attention if status is not None else 0
        label = actions.text("go_attention")
        self.tabs.setTabText(ATTENTION_TAB, f"{label} ({attention})" if attention else label)
        unread = self.discussion.unread_total()
        label = actions.text("go_discussions")
        if unread:
            label = self.tr("%1 (%2 unread)").replace("%1", label).replace("%2", str(unread))
        self.tabs.setTabText(DISCUSSION_TAB, label)

    @asyncSlot()
    async def _update_role_actions(self) -> None:
        menus = await self.ops.db(load_role_menus, self.session.cache)
        self.canned_action.setVisible(menus.manages_canned)
        self.canned_action.setEnabled(menus.manages_canned)
        self.channels_action.setVisible(menus.watches_channels)
        self.channels_action.setEnabled(menus.watches_channels)
        # The audit log's searchers are the same roles: supervisors (their units) and admins.
        self.audit_action.setVisible(menus.watches_channels)
        self.audit_action.setEnabled(menus.watches_channels)
        self.workload_action.setVisible(menus.watches_channels)
        self.workload_action.setEnabled(menus.watches_channels)
        self.reset_password_action.setVisible(menus.admin)
        self.reset_password_action.setEnabled(menus.admin)
        self.administration_action.setVisible(menus.watches_channels)
        self.administration_action.setEnabled(menus.watches_channels)

    # -- the session ------------------------------------------------------------------------------------

    def _sync_finished(self, outcome: object) -> None:
        if isinstance(outcome, SyncReport):
            self.status.set_signed_out(False)
            self.update_notice.clear()
        elif isinstance(outcome, ClientOutdated):
            self.update_notice.show_outdated(outcome)

    def ask_to_sign_in_again(self, _message: str = "") -> None:
        """The server ended the session: the sign-in dialog, saying why. Signing in opens the window again on
        the same cache, with the work still waiting in its outbox; cancelling keeps working offline."""
        self.status.set_signed_out(True)
        if self.sign_in_again is not None:
            return
        dialog = SignInDialog(self.settings, self.credentials, self.ops, self)
        dialog.setObjectName("signInAgainDialog")
        dialog.message.setText(
            self.tr(
                "Your session on the server has ended: an admin may have reset your password or disabled your "
                "login, or it expired. Sign in again to send your work; until then it is kept on this computer."
            )
        )
        dialog.message.show()
        dialog.accepted.connect(lambda: self.session_switched.emit(dialog.session))
        dialog.finished.connect(self._sign_in_again_closed)
        self.sign_in_again = dialog
        dialog.open()

    def _sign_in_again_closed(self) -> None:
        if self.sign_in_again is not None:
            self.sign_in_again.deleteLater()
            self.sign_in_again = None

    # -- commands ---------------------------------------------------------------------------------------

    def sign_in(self) -> None:
        dialog = SignInDialog(self.settings, self.credentials, self.ops, self)
        dialog.accepted.connect(lambda: self.session_switched.emit(dialog.session))
        dialog.open()

    def open_change_password(self) -> None:
        dialog = ChangePasswordDialog(self.session, self.ops, self)
        dialog.accepted.connect(self._password_changed)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _password_changed(self) -> None:
        box = QMessageBox(
            QMessageBox.Icon.Information,
            "Aduan",
            self.tr("Your password was changed. Your sessions on other computers ended; this one stays signed in."),
            QMessageBox.StandardButton.Ok,
            self,
        )
        box.setObjectName("passwordChangedBox")
        box.finished.connect(box.deleteLater)
        box.open()

    def open_reset_password(self) -> None:
        dialog = ResetPasswordDialog(self.session, self.ops, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def open_audit(self) -> None:
        dialog = AuditDialog(self.session, self.ops, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    @asyncSlot()
    async def open_administration(self) -> None:
        role = await self.ops.db(load_my_role, self.session.cache)
        if not may_administer(role):  # the menu entry hides itself; a shortcut must not reach around it
            return
        dialog = AdminWindow(self.session, self.ops, role, self)
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def open_workload(self) -> None:
        """One window beside this one, brought back if it is open already."""
        if self.workload_view is None:
            self.workload_view = WorkloadView(self.session, self.ops, self.events, self)
            self.workload_view.finished.connect(self._workload_closed)
        self.workload_view.show()
        self.workload_view.raise_()
        self.workload_view.activateWindow()
        self.workload_view.reload()

    def open_statistics(self) -> None:
        """One window beside this one, brought back if it is open already (with its filters as they were)."""
        if self.stats_window is None:
            from .stats.window import StatsWindow

            window = StatsWindow(self.session, self.ops, self)
            window.finished.connect(self._statistics_closed)
            window.show_in_inbox.connect(self.show_from_statistics)
            window.start()
            self.stats_window = window
        self.stats_window.show()
        self.stats_window.raise_()
        self.stats_window.activateWindow()

    def open_topics(self) -> None:
        """The statistics window on its Topics tab: where a rising topic told in the tray is shown."""
        from .stats.window import StatsWindow

        self.open_statistics()
        if isinstance(self.stats_window, StatsWindow):
            self.stats_window.tables.setCurrentWidget(self.stats_window.topics)

    def show_from_statistics(self, shown: FromStatistics) -> None:
        """The reports behind a figure the officer clicked in the statistics window, in the inbox."""
        self.tabs.setCurrentIndex(INBOX_TAB)
        self.inbox.show_from_statistics(shown)
        self.raise_()
        self.activateWindow()

    def _statistics_closed(self) -> None:
        if self.stats_window is not None:
            self.stats_window.deleteLater()
            self.stats_window = None

    def _workload_closed(self) -> None:
        if self.workload_view is not None:
            self.workload_view.deleteLater()
            self.workload_view = None

    def open_canned(self) -> None:
        dialog = CannedDialog(self.session, self.ops, self)
        dialog.changed.connect(self.events.queued.emit)  # sync now: the composer offers the new wording
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def open_new_report(self) -> None:
        if self.new_report_dialog is not None:  # one at a time: a second Ctrl+N brings it back
            self.new_report_dialog.raise_()
            self.new_report_dialog.activateWindow()
            return
        dialog = NewReportDialog(self.session, self.ops, self, preferred_unit=str(self.settings.get("unit")))
        dialog.created.connect(self._report_recorded)
        dialog.finished.connect(self._new_report_closed)
        self.new_report_dialog = dialog
        dialog.open()

    def _new_report_closed(self) -> None:
        if self.new_report_dialog is not None:
            self.new_report_dialog.deleteLater()
            self.new_report_dialog = None

    def _report_recorded(self, op: Op) -> None:
        self.events.work_queued()  # shown in the inbox at once, pushed when online
        self.events.open_ticket.emit(str(op.ticket_id))

    def open_channels(self) -> None:
        dialog = ChannelsDialog(self.session, self.ops, self)
        dialog.changed.connect(self.events.queued.emit)  # sync now: a retried message's ticket shows
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def open_settings(self) -> None:
        dialog = SettingsDialog(self.settings, self)
        dialog.accepted.connect(lambda: self._settings_changed(dialog.changed))
        dialog.open()

    def _settings_changed(self, changed: set[str]) -> None:
        app = QApplication.instance()
        if isinstance(app, QApplication) and "theme" in changed:
            theme.apply(app, str(self.settings.get("theme")))
        if "sync_interval_seconds" in changed:
            self.sync.interval = float(self.settings.get("sync_interval_seconds"))

    def _open_from_notification(self, ticket_id: object, tab: int = INBOX_TAB) -> None:
        """A notification was clicked: the window comes forward, on the report it was about."""
        self.showNormal() if self.isMinimized() else self.show()
        self.raise_()
        self.activateWindow()
        if ticket_id is not None:
            self.events.open_ticket.emit(str(ticket_id))
        else:
            self.tabs.setCurrentIndex(tab)

    def _open_thread_from_notification(self, discussion_id: UUID) -> None:
        self._open_from_notification(None, DISCUSSION_TAB)
        self.discussion.select_thread(discussion_id)

    def closeEvent(self, event: QCloseEvent) -> None:  # Qt's name
        self.notifier.close()
        self.spike_watch.stop()
        self.save_layout()
        self.sync.stop()
        super().closeEvent(event)
