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


def test_the_work_after_the_start_takes_one_worker_at_a_time(qtbot, desk_db, db_url, monkeypatch):
    """The day's copy, the documents' sweep and the portal's compaction run one after the
    other, never two at once: the pool's other worker stays free for the officer's scan (a
    copy beside a compaction took both, and a scan waited for the copy's end)."""
    import threading
    import time

    from counter_app.ui.desk import after_start

    lock, running, most, ran = threading.Lock(), [0], [0], []

    def piece(name: str, result: object):  # type: ignore[no-untyped-def]
        def work(*_args: object) -> object:
            with lock:
                running[0] += 1
                most[0] = max(most[0], running[0])
            time.sleep(0.2)  # room for a piece started beside it to begin meanwhile
            with lock:
                running[0] -= 1
                ran.append(name)
            return result

        return work

    monkeypatch.setattr(after_start, "copy", piece("copy", None))
    monkeypatch.setattr(after_start, "sweep", piece("sweep", 0))
    monkeypatch.setattr(after_start, "compact", piece("compact", 0))
    window = MainWindow(AppContext.build(Settings(db_url=db_url)))
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.after_started, timeout=30_000):
        window.start()
    assert ran == ["copy", "sweep", "compact"] and most[0] == 1
    assert window.after_start_done
    window._context.tasks.wait()
    window._context.dispose()
