"""The desk's keys, one table: menus, toolbar and application-wide shortcuts built from it.

F1–F6, Ctrl+F and the others work from every window of the desk, not only the main one:
their shortcuts are application-wide and go through one dispatcher. The window the
officer is in may take a key for itself first (`desk_key(name) -> bool`): in the handover
window F4 opens the unit drop-down instead of a results batch. While a modal dialog
asks something, the keys wait: a question is never left behind a new window.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence, QShortcut
from PySide6.QtWidgets import QApplication, QDialog, QMainWindow, QMenu, QWidget

from counter_app.acting.roles import Permission
from counter_app.ui.i18n import tr


@dataclass(frozen=True)
class DeskKey:
    name: str  # what a window's desk_key() is asked about
    text: str  # menu text, with its & mnemonic
    keys: str  # QKeySequence text ("F2", "Ctrl+F"); "" for none
    menu: str
    toolbar: str = ""  # the short label on the toolbar, if it has a button there
    global_: bool = True  # works from every window of the desk
    needs: Permission | None = None  # offered only to roles that may (officers/roles.py)


MENUS = (("work", "&Hồ sơ"), ("queue", "Hàn&g chờ"), ("manage", "&Quản lý"), ("help", "&Trợ giúp"))

P = Permission
KEYS = (
    DeskKey(
        "reception", "&Tiếp nhận hồ sơ mới", "F2", "work", "Tiếp nhận mới (F2)", needs=P.RECEIVE
    ),
    DeskKey(
        "handoff", "&Bàn giao cho đơn vị (quét mã)", "F3", "work", "Bàn giao (F3)", needs=P.HANDOFF
    ),
    DeskKey(
        "results",
        "&Nhận kết quả từ đơn vị (quét mã)",
        "F4",
        "work",
        "Nhận kết quả (F4)",
        needs=P.RESULT,
    ),
    DeskKey("rate", "Mời công dân đánh &giá", "F11", "work", "Mời đánh giá (F11)", needs=P.RECEIVE),
    DeskKey("citizen_screen", "Màn hình &công dân", "Ctrl+M", "work"),
    DeskKey("find", "Tìm &hồ sơ", "Ctrl+F", "work", needs=P.READ_DOSSIERS),
    DeskKey("refresh", "&Làm mới", "F5", "work", "Làm mới (F5)", needs=P.READ_DOSSIERS),
    DeskKey(
        "online",
        "Hồ sơ trực tu&yến chờ tiếp nhận",
        "F6",
        "work",
        "Trực tuyến (F6)",
        needs=P.READ_DOSSIERS,
    ),
    DeskKey("register", "In &sổ theo dõi hồ sơ…", "Ctrl+R", "work", needs=P.PRINT),
    DeskKey("cashup", "Kết sổ ca th&u phí, lệ phí…", "Ctrl+Shift+K", "work", needs=P.COLLECT),
    DeskKey("conflicts", "&Xung đột đồng bộ", "", "work", needs=P.READ_DOSSIERS),
    DeskKey(
        "dashboard", "Bảng điều hành, &Biểu 06", "Ctrl+D", "manage", "Báo cáo", needs=P.REPORTS
    ),
    DeskKey("lock", "&Khoá bàn, đổi cán bộ", "Ctrl+L", "work", "Khoá (Ctrl+L)"),
    # the citizens' queue (docs/hall.md): this counter's calls, from every window
    DeskKey("call_next", "&Gọi số tiếp theo", "F12", "queue", "Gọi số (F12)", needs=P.RECEIVE),
    DeskKey("recall", "Gọi &lại số đang phục vụ", "Shift+F12", "queue", needs=P.RECEIVE),
    DeskKey("skip", "&Bỏ qua số (không có mặt)", "Ctrl+F12", "queue", needs=P.RECEIVE),
    DeskKey(
        "transfer",
        "&Chuyển số sang hàng chờ, quầy khác…",
        "Ctrl+Shift+F12",
        "queue",
        needs=P.RECEIVE,
    ),
    DeskKey("quit", "T&hoát", "Ctrl+Q", "work", global_=False),
    DeskKey("catalog", "&Danh mục thủ tục", "Ctrl+K", "manage", "Danh mục thủ tục"),
    DeskKey("officers", "Cán &bộ và vai trò", "", "manage", needs=P.OFFICERS),
    DeskKey("complaints", "Sổ &phản ánh, kiến nghị", "", "manage", needs=P.READ_DOSSIERS),
    DeskKey("audit", "&Nhật ký truy cập", "", "manage", needs=P.AUDIT),
    DeskKey("backup", "&Sao lưu và khôi phục", "", "manage", needs=P.BACKUP),
    DeskKey("settings", "&Cài đặt bàn tiếp nhận", "Ctrl+,", "manage", "Cài đặt", needs=P.SETTINGS),
    DeskKey("help", "&Phím tắt và cách làm", "F1", "help"),
)


def offer(actions: dict[str, QAction], may: Callable[[Permission], bool]) -> None:
    """Show only what the signed-in officer's role allows (the services refuse the rest
    anyway); a hidden action's key does nothing."""
    for key in KEYS:
        actions[key.name].setVisible(key.needs is None or may(key.needs))


def install(window: QMainWindow, handlers: dict[str, Callable[[], None]]) -> dict[str, QAction]:
    """Menus, toolbar and shortcuts of `window`, each key calling handlers[name] unless the
    active window takes it first."""
    menus: dict[str, QMenu] = {}
    for name, text in MENUS:
        menus[name] = window.menuBar().addMenu(tr(text))
    toolbar = window.addToolBar(tr("Công việc"))
    toolbar.setObjectName("work")
    actions: dict[str, QAction] = {}
    for key in KEYS:
        action = QAction(tr(key.text), window)
        if key.keys:
            action.setShortcut(QKeySequence(key.keys))
        if key.global_:
            action.setShortcutContext(Qt.ShortcutContext.ApplicationShortcut)
        action.triggered.connect(lambda _=False, k=key: dispatch(window, k, handlers[k.name]))
        menus[key.menu].addAction(action)
        if key.toolbar:
            action.setIconText(tr(key.toolbar))
            toolbar.addAction(action)  # the same action: hidden with it
        actions[key.name] = action
    return actions


def dispatch(main: QMainWindow, key: DeskKey, handler: Callable[[], None]) -> None:
    if QApplication.activeModalWidget() is not None:
        return  # a question is open: answer it first
    active = QApplication.activeWindow()
    if active is not None and active is not main:
        take = getattr(active, "desk_key", None)
        if take is not None and take(key.name):
            return
    handler()


def escape_closes(window: QWidget) -> None:
    """Esc closes a desk window, as F1 promises; a window that holds unsaved work has its own
    Esc that asks first (a second shortcut on the same key would make both ambiguous)."""
    escape = QKeySequence(Qt.Key.Key_Escape)
    if isinstance(window, QDialog) or any(
        s.key() == escape for s in window.findChildren(QShortcut)
    ):
        return
    QShortcut(escape, window, activated=window.close)
