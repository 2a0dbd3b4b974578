"""The desk's main window: worklists with counts, search, and the dossiers of the list.

It only navigates: each dossier opens in its own window; every query runs in the pool.
"""

from __future__ import annotations

import gc
from collections.abc import Callable

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QApplication,
    QLabel,
    QLineEdit,
    QListView,
    QMainWindow,
    QSplitter,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from counter_app.services.dossiers.workflow import Action
from counter_app.services.worklists.worklist_kinds import Worklist
from counter_app.ui.app import AppContext
from counter_app.ui.citizen.opening import CitizenScreen
from counter_app.ui.desk import after_start, desk_keys, preload, quitting
from counter_app.ui.desk.calls import CallStrip
from counter_app.ui.desk.hidden_pages import HiddenPages
from counter_app.ui.desk.lists import ONLINE_POLL_MS, Lists
from counter_app.ui.desk.screens import Screens
from counter_app.ui.desk.signing import Signing
from counter_app.ui.desk.sync_runner import SyncRunner
from counter_app.ui.desk.worklist_model import WorklistModel
from counter_app.ui.dossiers.dossier_table import DossierTableModel
from counter_app.ui.i18n import tr
from counter_app.ui.preferences import Preferences
from counter_app.ui.screen_fit import fit
from counter_app.ui.table_base import TableView
from counter_app.ui.tasks import alive


class MainWindow(HiddenPages, Lists, Screens, Signing, CitizenScreen, QMainWindow):
    worklist_shown = Signal(int)  # rows on screen, once the first list is shown
    settled = Signal()  # once, when the first answer came: a list shown or an error told
    dossier_opened = Signal(object)  # the DossierDialog
    started = Signal()  # once the full start is over (services loaded, or a login asked)
    after_started = Signal()  # once the work it left for later is done (after_start.py)
    after_start_done = False

    def __init__(self, context: AppContext, preferences: Preferences | None = None) -> None:
        super().__init__()
        self._context = context
        self._preferences = preferences
        self._shown = self._settled = False  # worklist_shown and settled are sent once
        self.full_started = False  # True once `started` was sent
        self._current: Worklist | None = Worklist.TODAY  # None: search results shown
        self._query = ""
        self._title = tr("Bộ phận một cửa — Tiếp nhận và trả kết quả")
        self.setWindowTitle(self._title)
        fit(self, 1200, 700)
        self.lists = WorklistModel(self)
        self.list_view = QListView()
        self.list_view.setModel(self.lists)
        self.search = QLineEdit(
            placeholderText=tr(
                "Tìm theo mã hồ sơ, tên (không cần dấu), số giấy tờ, điện thoại — Enter"
            )
        )
        self.model = DossierTableModel(self)  # sorts itself (see DossierTableModel.sort)
        self.table = TableView(sortingEnabled=True)
        self.table.setModel(self.model)
        self.table.setSelectionBehavior(TableView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        # Columns fit the rows on screen, not the first 1,000 (Qt's default): with 10,000
        # rows that sampling took ~80 ms of the GUI thread at every list shown.
        self.table.horizontalHeader().setResizeContentsPrecision(0)
        self.table.sortByColumn(DossierTableModel.RECEIVED, Qt.SortOrder.DescendingOrder)
        self.setCentralWidget(self._layout())
        self._connect()
        # once the first list is painted (or the error told): what it did not need
        self.settled.connect(lambda: QTimer.singleShot(0, self, self.build_pages))
        self._generation = 0  # answers to older requests are dropped
        if preferences is not None:
            preferences.restore("main", self, self.splitter)
        self.row_count = QLabel(tr("Đang mở cơ sở dữ liệu…"))  # progress and row count
        self.statusBar().addPermanentWidget(self.row_count)  # messages go on its left
        self.sync_label = QLabel()  # online / offline and what waits to be sent
        self.statusBar().addPermanentWidget(self.sync_label)
        self.syncing = SyncRunner(context, self.sync_label, self)
        self.syncing.pulled.connect(lambda _: self.refresh())
        self.syncing.login_required.connect(self.login_became_required)
        context.tasks.watch(self._on_any_failure)
        self.online_poll = QTimer(self, interval=ONLINE_POLL_MS)
        self.online_poll.timeout.connect(self.poll_online)
        self.online_poll.start()

    def _on_any_failure(self, error: Exception) -> None:
        """Whatever window's work found that a login is now needed: the desk locks."""
        from counter_app.errors import LoginNeeded

        if isinstance(error, LoginNeeded) and alive(self):
            self.login_became_required()

    def _layout(self) -> QWidget:
        right = QWidget()
        column = QVBoxLayout(right)
        self.calls = CallStrip(self._context, self.tell)  # the counter's queue: F12…
        column.addWidget(self.calls)
        column.addWidget(self.search)
        self.right = QStackedWidget()
        self.right.addWidget(self.table)  # the online page beside it (hidden_pages.py)
        column.addWidget(self.right)
        self.splitter = splitter = QSplitter()
        splitter.addWidget(self.list_view)
        splitter.addWidget(right)
        splitter.setSizes([230, 970])
        self.pages = QStackedWidget()
        self.pages.addWidget(splitter)  # the desk
        # the login and the locked desk beside it (hidden_pages.py)
        return self.pages

    def closeEvent(self, event) -> None:  # type: ignore[no-untyped-def]  # noqa: N802
        """The desk ends as a whole, once the windows holding work agree (quitting.py)."""
        if not quitting.may_quit(self):
            event.ignore()
            return
        self.syncing.stop()
        self.calls.close_line()
        self._context.digitisation.close_token()
        if self._preferences is not None:
            self._preferences.save("main", self, self.splitter)
        super().closeEvent(event)

    def _connect(self) -> None:
        self.search.returnPressed.connect(self._on_search)
        # Arrow keys in the list of worklists load the list, as a click does.
        self.list_view.selectionModel().currentChanged.connect(self._on_list_chosen)
        self.table.doubleClicked.connect(self._on_row_activated)
        self.table.activated.connect(self._on_row_activated)
        self.table.setTabKeyNavigation(False)  # Tab leaves the table
        self.actions = desk_keys.install(
            self,
            {
                "reception": self.new_reception,
                "handoff": lambda: self.open_batch(Action.HANDOFF),
                "results": lambda: self.open_batch(Action.RESULT),
                "find": self.focus_search,
                "refresh": self.refresh,
                "online": self.show_online,
                "register": self.open_register,
                "cashup": self.open_cashup,
                "quit": self.close,
                "catalog": self.open_catalog,
                "settings": self.open_settings,
                "help": self.open_help,
                "lock": self.lock,
                "officers": self.open_officers,
                "audit": self.open_audit,
                "conflicts": self.open_conflicts,
                "backup": self.open_backup,
                "dashboard": self.open_dashboard,
                "call_next": self.calls.call_next,
                "recall": self.calls.recall,
                "skip": self.calls.skip,
                "transfer": self.calls.transfer,
                "rate": self.invite_rating,
                "citizen_screen": self.open_citizen_screen,
                "complaints": self.open_complaints,
            },
        )
        self.offer_screens()

    def _on_online_answered(self, said: str) -> None:
        self.tell(said)
        self.recorded()  # the list read again: the next dossier comes up

    def focus_search(self) -> None:
        """Ctrl+F from any window: back to the main window, in the search field."""
        self.raise_()
        self.activateWindow()
        self.search.setFocus()
        self.search.selectAll()

    def start(self, then_full: bool = True) -> None:
        """First the snapshot (plain sqlite3, when it can answer), then the full services
        load and refresh everything; all off the GUI thread. `then_full=False` (the
        start-up check) stops after the snapshot when it answered."""
        c, path = self._context, self._context.sqlite_file()
        worklist = self._current or Worklist.TODAY
        generation = self._next()

        def first():  # type: ignore[no-untyped-def]
            if path is None:
                return None
            from counter_app.services.worklists.snapshot import first_screen

            now = c.now()
            found = first_screen(path, worklist, now)
            return None if found is None else (*found, now)

        def loaded(got) -> None:  # type: ignore[no-untyped-def]
            if got is None:  # the database needs a login before any name is shown
                self.ask_login()
                self._settle()
                ahead()
                return
            self._answer(generation)(got)
            self.read_desk_name(then=lambda: ahead(counted=True))  # the schema is there now
            self.syncing.start()  # with an office server: in the background from now on
            # What start-up loaded stays all session: out of the collector's sight, a full
            # collection walks only what came after (with it: 100-140 ms, a stalled scan).
            gc.freeze()

        def ahead(counted: bool = False) -> None:  # the other screens, once the full start
            # no longer needs the cores; then the counts it left out, when it gave a list
            self.full_started = True
            self.started.emit()
            # Loaded alongside the services (before), the other screens' modules took the
            # GIL and a core from them and delayed the full start by about a third.
            self.when_no_scan_waits(
                lambda: c.tasks.run(
                    preload.in_worker,
                    lambda _: preload.screens(lambda: self._preloaded(counted)),
                    lambda e: (self._on_failed(e), after_start.run(self, counted)),
                    owner=self,
                )
            )

        def prepared():  # type: ignore[no-untyped-def]
            c.prepare_database()  # the day's copy is taken after the start (after_start)
            if c.signed.officer_id is None and c.needs_login():
                return None
            return self._load(worklist, at_start=True)

        def full() -> None:
            c.tasks.run(prepared, loaded, lambda e: (self._on_failed(e), ahead()), owner=self)

        def shown(got) -> None:  # type: ignore[no-untyped-def]
            if got:
                self._answer(generation)(got)
            if then_full or not got:
                full()

        c.tasks.run(first, shown, self._on_failed, owner=self)

    def _preloaded(self, counted: bool = False) -> None:
        """The screens' modules are loaded (some turns of the event loop later: the window
        may be gone): one dossier window built ahead, and all that is kept out of the
        collector's sight; then the work the start left for later (after_start)."""
        if alive(self):
            self.screens_loaded = True  # a scan from now on opens a window built ahead
            self.dossier_windows().prepare()
            after_start.run(self, counted)
        gc.freeze()

    def read_desk_name(self, then: Callable[[], None] = lambda: None) -> None:
        """The title says which desk and officer this is (several desks share a room);
        `then` runs once it is read (or could not be)."""
        from counter_app.services import desk

        c = self._context
        who = c.signed.full_name or c.signed.username

        def named(name: str) -> None:
            self.setWindowTitle(tr("{} — {} · cán bộ {}").format(self._title, name, who))
            then()

        c.tasks.run(
            lambda: c.read(lambda s: desk.local_desk(s).name),
            named,
            lambda e: (self._on_failed(e), then()),
            owner=self,
        )

    def _on_row_activated(self, index) -> None:  # type: ignore[no-untyped-def]
        self.open_dossier(self.model.row_at(index.row()).code)

    def on_scanned(self, text: str) -> None:
        """A code from the scanner: into the open batch when it has the focus, else the
        dossier opens (repaired first if a keyboard tool bent it); a citizen's ID card
        lists their dossiers."""
        if self.locked():
            QApplication.beep()
            self.tell(tr("Bàn đang khoá: đăng nhập rồi quét lại."))
            return
        batch = getattr(self, "batch", None)
        if batch is not None and alive(batch) and batch.isActiveWindow():
            batch.add(text)
            return
        reception = getattr(self, "reception", None)
        if (
            reception is not None
            and alive(reception)
            and reception.isActiveWindow()
            and reception.take_scan(text)
        ):
            return  # an ID card's QR filled the applicant
        from counter_app.services.applicants.id_card import citizen_number
        from counter_app.services.codes.scans import read_scan

        number = citizen_number(text)
        if number is not None:  # a citizen back at the desk: their dossiers (number not shown)
            self.find(number, tr("Hồ sơ của công dân có căn cước vừa quét: {}"))
            return
        scan = read_scan(text)
        if scan.warning:
            QApplication.beep()
            self.tell(scan.warning)
            if not scan.valid:
                return
        self.open_dossier(scan.code)
