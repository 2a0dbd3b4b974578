"""A document digitised on one desk opens in another desk's dossier window after a sync
(issue 20, point 4): its event comes with the sync, its file is brought from the office
server by the viewer (in the background), proved by its hash."""

from __future__ import annotations

from PySide6.QtCore import Qt

from counter_app.config import Settings
from counter_app.ui.app import AppContext
from counter_app.ui.tasks import Tasks
from tests.integration.test_sync import office as office  # noqa: F401 - the fixture
from tests.integration.test_sync_documents import desk_in, digitise, here, store, upload
from tests.ui.test_digitisation_counter import open_window


def test_another_desk_opens_the_document_after_a_sync(qtbot, office, tmp_path):
    first, second = desk_in(tmp_path, "Ban 1", office), desk_in(tmp_path, "Ban 2", office)
    code = first.receive()
    sha = digitise(first, code)
    first.sync()
    upload(first)
    second.sync()
    assert here(second, code) is False
    context = AppContext.build(Settings(db_url=second.url), Tasks(synchronous=True))
    dialog = open_window(qtbot, context, code)
    dialog.checklist.select_item(1)
    qtbot.keyClick(dialog, Qt.Key.Key_F7)
    viewer = dialog.checklist.viewer
    qtbot.addWidget(viewer)
    qtbot.waitUntil(lambda: viewer.document is not None, timeout=30000)
    assert viewer.document.pageCount() == 1
    assert store(second).read(sha) == store(first).read(sha)
    assert here(second, code) is True
