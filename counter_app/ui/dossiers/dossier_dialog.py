"""One dossier: every fact, its timeline, the actions its state allows, and reprints."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QMenu,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from counter_app.acting.roles import ACTION_PERMISSION, Permission, allows
from counter_app.messages import for_people
from counter_app.services.dossiers import operations, views
from counter_app.services.dossiers.views import DossierView
from counter_app.services.dossiers.workflow import (
    Action,
    allowed_actions,
)
from counter_app.services.printouts import printouts
from counter_app.ui.app import AppContext
from counter_app.ui.digitisation.panel import ChecklistPanel
from counter_app.ui.dossiers.action_dialog import ActionDialog
from counter_app.ui.dossiers.dossier_facts import facts
from counter_app.ui.dossiers.history_model import HistoryTableModel
from counter_app.ui.dossiers.online_answer import ACCEPT, LABELS, OnlineAnswer
from counter_app.ui.dossiers.reprinting import Reprinting
from counter_app.ui.fees.fee_panel import FeePanel
from counter_app.ui.i18n import tr
from counter_app.ui.screen_fit import fit
from counter_app.ui.table_base import RowsModel, TableView
from counter_app.vocabulary import DOCUMENT_KINDS as KINDS

if TYPE_CHECKING:  # QtPdf and the print dialogs load with the first preview, not the desk
    from counter_app.ui.prints.print_preview import PrintPreview

T = TypeVar("T")


class DossierDialog(Reprinting):
    loaded = Signal(object)  # the DossierView on screen
    changed = Signal(str)  # an action was recorded (the action's name)
    refused = Signal(str)  # an action was refused (the reason)
    preview_shown = Signal()  # a print preview is on screen (the desk may quit after it)
    invited = Signal()  # «Mời đánh giá»: the desk invites the citizen to rate (F11)

    def __init__(
        self, context: AppContext, code: str, parent: QWidget | None = None, load: bool = True
    ) -> None:
        """`load=False`: built ahead, empty, for `show_code` to fill later."""
        super().__init__(parent)
        self._context = context
        self._generation = 0  # answers asked for an earlier dossier of this window are dropped
        self.code, self.view, self._units = code, None, []  # set by show_code
        self.preview: PrintPreview | None = None
        self._preview_waits = False
        self.action_buttons: dict[Action, QPushButton] = {}
        self.reprint_menu: QMenu | None = None
        self._buttons: dict[Action, QPushButton] = {}  # made once, shown when allowed
        self._reprint: QToolButton | None = None
        self._online: OnlineAnswer | None = None  # an online dossier's answers, when asked
        self.accept_button = QPushButton(tr(LABELS[ACCEPT]), self)  # only while it waits
        self.accept_button.hide()
        self.accept_button.clicked.connect(lambda: self._answer_online(ACCEPT))
        self._invite: QPushButton | None = None
        self.facts = QFormLayout()
        self.history = HistoryTableModel(self)
        self.timeline = table = TableView()
        table.setModel(self.history)
        table.wrap_in(len(HistoryTableModel.HEADERS) - 1)  # a note, or a refusal's reason
        self.actions_bar = QHBoxLayout()
        self.message = QLabel(wordWrap=True, styleSheet="color: #a00")
        self.documents = RowsModel(("Giấy tờ đã nhận", "Hình thức", "Số lượng"), self)
        self.documents_view = TableView(maximumHeight=120)
        self.documents_view.setModel(self.documents)
        self.documents_view.wrap_in(0)  # long names wrap
        table.setTabKeyNavigation(False)
        self.checklist = ChecklistPanel(context, self)  # digitising its lines: F9, F8, F7…
        self.checklist.digitised.connect(lambda _: self.reload())  # its event in the timeline
        self.changed.connect(lambda _: self.checklist.reload())  # a result back: its line
        self.fees = FeePanel(context, self)  # what it owes and paid; Ctrl+T collects
        self.fees.paid.connect(lambda _: self.reload())  # the payment in the timeline
        layout = QVBoxLayout(self)
        layout.addLayout(self.facts)
        layout.addWidget(self.documents_view)
        layout.addWidget(self.fees)
        layout.addWidget(self.checklist)
        layout.addWidget(table)
        layout.addWidget(self.message)
        layout.addLayout(self.actions_bar)
        self.refused.connect(self.message.setText)  # told here, where the officer looks
        if load:
            self.show_code(code)

    def show_code(self, code: str) -> None:
        """This window for `code`, as a new one would be: the desk keeps a closed dossier
        window and opens the next scan in it (building one took most of a scan's time).
        Nothing of the dossier shown before stays, and no late answer about it lands."""
        self._generation += 1
        self.code, self.view, self._units = code, None, []
        if self.preview is not None:
            self.preview.deleteLater()
        self.preview, self._preview_waits = None, False
        self.setProperty("receipt_waits", False)
        self.setWindowTitle(code)
        fit(self, 960, 720)
        self.message.clear()
        if self.focusWidget() is not None:  # focus goes where a new window puts it
            self.focusWidget().clearFocus()
        self._clear()
        self.checklist.show_code(code, load=False)
        self.fees.show_code(code, load=False)
        self.reload(panels=True)

    def forget(self) -> None:
        """Closed and kept for another dossier: nothing of this citizen stays in it while
        it waits, and no answer about them lands in it."""
        self._generation += 1
        self.view, self._units = None, []
        self._clear()
        self.checklist.forget()
        self.fees.forget()

    def _clear(self) -> None:
        for row in range(self.facts.rowCount()):  # kept for the next dossier's texts
            for role in (QFormLayout.ItemRole.LabelRole, QFormLayout.ItemRole.FieldRole):
                self._fact(row, role).clear()
        self.documents.set_rows([])
        self.history.set_entries(())
        self._drop_actions()

    def _current(self, then: Callable[[T], None]) -> Callable[[T], None]:
        """`then`, only while this window still shows the dossier it was asked for."""
        generation = self._generation
        return lambda got: None if generation != self._generation else then(got)

    def reload(self, panels: bool = False) -> None:
        """The dossier again; `panels`: with its checklist and what it owes, read in the
        same unit of work (a scan: one transaction and one task, not three)."""
        code = self.code
        also = (self.checklist.read_with(), self.fees.read_with()) if panels else ()

        def work(session, who):  # type: ignore[no-untyped-def]
            personal = allows(who, Permission.READ_PERSONAL)
            return (
                views.shown_to(views.dossier_by_code(session, code), personal),
                operations.units(session, code),
                views.documents(session, code),
                tuple(read(session) for read in also),
            )

        self._context.tasks.run(
            lambda: self._context.look(work, code=lambda got: got[0].code),
            self._current(self._on_loaded),
            self._current(self._refuse),
            owner=self,
        )

    def _refuse(self, error: Exception) -> None:
        self.refused.emit(for_people(error))

    def _on_loaded(
        self,
        loaded: tuple[
            DossierView, list[tuple[str, str]], tuple[views.DocumentView, ...], tuple[Any, ...]
        ],
    ) -> None:
        self.view, self._units, documents, panels = loaded
        self.message.clear()
        self._show_facts(self.view)
        self.documents.set_rows(
            [(d.name, tr(KINDS.get(d.kind, d.kind)), str(d.count)) for d in documents]
        )
        self.documents_view.fit_to_contents()
        self.history.set_entries(self.view.history)
        self.timeline.fit_to_contents()
        if panels:  # read with the dossier (show_code)
            self.checklist.take(panels[0])
            self.fees.take(panels[1])
        self._show_actions(self.view)
        if self.accept_button.isVisibleTo(self):  # an online dossier waits for its answer
            self.accept_button.setFocus()
        elif self.action_buttons:  # the officer acts at once: Space or Enter
            next(iter(self.action_buttons.values())).setFocus()
        self.loaded.emit(self.view)

    def _show_facts(self, v: DossierView) -> None:
        rows = facts(v)
        if self.facts.rowCount() != len(rows):
            while self.facts.rowCount():
                self.facts.removeRow(0)
            for label, value in rows:
                self.facts.addRow(tr(label), QLabel(value, wordWrap=True))
            return
        for row, (label, value) in enumerate(rows):  # as many rows as shown: texts only
            self._fact(row, QFormLayout.ItemRole.LabelRole).setText(tr(label))
            self._fact(row, QFormLayout.ItemRole.FieldRole).setText(value)

    def _fact(self, row: int, role: QFormLayout.ItemRole) -> QLabel:
        label = self.facts.itemAt(row, role).widget()
        assert isinstance(label, QLabel)
        return label

    def _drop_actions(self) -> None:
        """The bar emptied; its buttons kept, hidden, for the next dossier shown."""
        while self.actions_bar.count():
            widget = self.actions_bar.takeAt(0).widget()
            if widget is not None:
                widget.hide()
        self.action_buttons, self.reprint_menu = {}, None

    def _show_actions(self, v: DossierView) -> None:
        self._drop_actions()
        may = self._context.signed
        if v.portal_waiting and allows(may, Permission.RECEIVE):
            self.actions_bar.addWidget(self.accept_button)
            self.accept_button.show()
        for action in allowed_actions(v.status):  # what is not allowed is not offered
            if not allows(may, ACTION_PERMISSION[action.value]):
                continue
            button = self._buttons.get(action)
            if button is None:
                button = self._buttons[action] = QPushButton(tr(operations.label(action)))
                button.clicked.connect(lambda _=False, a=action: self._on_action_clicked(a))
            online = v.portal_waiting and action.value in LABELS  # Alt+B, Alt+C
            button.setText(tr(LABELS[action.value] if online else operations.label(action)))
            self.actions_bar.addWidget(button)
            button.show()
            self.action_buttons[action] = button
        self.actions_bar.addStretch()
        if self._just_served(v) and allows(may, Permission.RECEIVE):
            self.actions_bar.addWidget(self._invite_button())
        if allows(may, Permission.PRINT):
            self.actions_bar.addWidget(self._reprint_button(v))

    def _just_served(self, v: DossierView) -> bool:
        """This dossier is the visit on the citizen's screen (just received or returned
        here): the officer may invite a rating of it, and only that (no window of the
        officer's records one)."""
        c = self._context
        return c.citizen_started and (c.citizen.visit or ("",))[0] == v.code

    def _invite_button(self) -> QPushButton:
        if self._invite is None:
            self._invite = QPushButton(tr("Mời đánh giá (F11)"))
            self._invite.clicked.connect(lambda _=False: self.invited.emit())
        self._invite.show()
        return self._invite

    def _reprint_button(self, v: DossierView) -> QToolButton:
        if self._reprint is None:
            self._reprint = QToolButton(
                text=tr("In lại…"), popupMode=QToolButton.ToolButtonPopupMode.InstantPopup
            )
            self._reprint.setMenu(QMenu(self._reprint))
        menu = self._reprint.menu()
        menu.clear()
        for form in printouts.printable(v):
            menu.addAction(tr(printouts.FORM_LABELS[form]), lambda f=form: self.reprint(f))
        self.reprint_menu = menu
        self._reprint.show()
        return self._reprint

    def _on_action_clicked(self, action: Action) -> None:
        if self.view is not None and self.view.portal_waiting and action.value in LABELS:
            self._answer_online(action.value)  # asked and recorded as from the online list
            return
        applicant = self.view.applicant.name if self.view else ""
        dialog = ActionDialog(action, self._units, self, {"receiver": applicant})
        if dialog.exec() == QDialog.DialogCode.Accepted:
            self.perform(action, dialog.values(), dialog)

    def perform(
        self, action: Action, values: dict[str, str], dialog: ActionDialog | None = None
    ) -> None:
        """Record the action in the background; a refusal goes back to the form."""

        def failed(error: Exception) -> None:
            self.refused.emit(for_people(error))
            if dialog is not None:
                dialog.show_refusal(for_people(error))
                if dialog.exec() == QDialog.DialogCode.Accepted:
                    self.perform(action, dialog.values(), dialog)

        def done(_: object) -> None:
            self.changed.emit(action.value)
            self.reload()

        c, code = self._context, self.code
        self._context.tasks.run(
            lambda: c.act(
                lambda s, who: operations.perform(s, who, action, code, values, c.now()).code
            ),
            self._current(done),
            self._current(failed),
            owner=self,
        )

    def _answer_online(self, answer: str) -> None:
        """Accept, a supplement or a refusal of the online dossier shown."""
        if self._online is None:
            self._online = OnlineAnswer(self._context, self)
            self._online.answered.connect(lambda _code, done: self.changed.emit(done))
            self._online.answered.connect(lambda *_: self.reload())
            self._online.refused.connect(self.refused)
        self._online.give(answer, self.code)
