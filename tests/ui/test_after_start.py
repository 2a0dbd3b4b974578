"""What the desk does by itself once started: the portal's messages sent a month ago give
their bodies back in the background (portal/compaction.py); what is still to send keeps
its body."""

from __future__ import annotations

from counter_app.config import Settings
from counter_app.models.portal import is_sent_stub
from counter_app.ui.app import AppContext
from counter_app.ui.desk.main_window import MainWindow
from tests.unit.test_lifecycle import received
from tests.unit.test_portal_compaction import bodies, mark


def test_a_started_desk_compacts_what_the_portal_has_had_for_a_month(qtbot, desk_db, db_url):
    sent, waiting = received(desk_db, 2)  # in February: months ago
    mark(desk_db, sent, "sent", None)
    window = MainWindow(AppContext.build(Settings(db_url=db_url)))
    qtbot.addWidget(window)
    window.show()
    window.start()
    qtbot.waitUntil(lambda: all(map(is_sent_stub, bodies(desk_db)[sent])), timeout=30_000)
    assert not any(map(is_sent_stub, bodies(desk_db)[waiting]))
    window._context.tasks.wait()
    window._context.dispose()
