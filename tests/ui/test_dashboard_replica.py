"""The dashboard's Biểu 06 page on a desk whose leader reads the office's reporting
replica (COUNTER_APP_REPORT_URL): the replica's figures, where they came from and the lag
under the title, computed in the pool; a replica that cannot be reached is said."""

from __future__ import annotations

from counter_app.config import Settings
from counter_app.ui.app import AppContext
from counter_app.ui.dashboard import open_dashboard
from tests.integration.test_report_replica import cluster as cluster  # noqa: F401 - fixture
from tests.integration.test_report_replica import office as office  # noqa: F401 - fixture
from tests.pg import free_port


def opened(qtbot, desk_url: str, report_url: str):
    context = AppContext.build(Settings(db_url=desk_url, report_url=report_url))
    window = open_dashboard(context)
    qtbot.addWidget(window)
    with qtbot.waitSignal(window.painted, timeout=30_000):
        pass
    return context, window


def test_bieu06_page_reads_the_replica_and_says_so(qtbot, office):  # noqa: F811
    from counter_app.reports import bieu06
    from counter_app.sync import report_source

    context, window = opened(qtbot, office["desk"].url, office["replica"])
    try:
        panel = window.bieu06
        with qtbot.waitSignal(panel.shown, timeout=30_000) as shown:
            panel.show_button.click()
        report = shown.args[0]
        code = context.read(lambda s: window._agency(s).code)
        with report_source.snapshot(office["primary"], code) as (session, agency, _):
            direct = bieu06.bieu06(session, agency, panel.period(), "field", context.now())
        assert report.total == direct.total and report.rows == direct.rows
        assert panel.source.text().startswith("Số liệu từ bản sao 127.0.0.1:")
        assert "trễ" in panel.source.text() and not panel.source.isHidden()
    finally:
        context.tasks.wait()
        context.dispose()


def test_a_replica_out_of_reach_is_said_on_the_page(qtbot, office):  # noqa: F811
    dead = office["replica"].rsplit("@", 1)[0] + f"@127.0.0.1:{free_port()}/x"
    context = AppContext.build(Settings(db_url=office["desk"].url, report_url=dead))
    try:
        window = open_dashboard(context)
        qtbot.addWidget(window)
        with qtbot.waitSignal(window.failed, timeout=30_000) as failed:  # the overview's
            pass
        assert "Không kết nối được máy chủ báo cáo" in failed.args[0]
        assert window.tiles[0].text() == "..."  # no figure of the desk's own shown instead
        with qtbot.waitSignal(window.failed, timeout=30_000) as failed:
            window.bieu06.show_button.click()
        assert "Không kết nối được máy chủ báo cáo" in failed.args[0]
        assert "Không kết nối được máy chủ báo cáo" in window.statusBar().currentMessage()
    finally:
        context.tasks.wait()
        context.dispose()


def test_the_overview_tiles_are_the_office_s_figures_read_on_the_replica(
    qtbot,
    office,  # noqa: F811
    cluster,  # noqa: F811
    tmp_path,
):
    from tests.integration.test_sync import Desk

    other = Desk(tmp_path, "Ban 2", office["admin"])  # a second desk of the office receives
    for i in range(2):
        other.receive(f"Người khác {i}")
    other.sync()
    cluster[1].wait_replayed()
    own = AppContext.build(Settings(db_url=office["desk"].url))
    try:
        alone = open_dashboard(own)  # the first desk has not pulled them: its own figures
        qtbot.addWidget(alone)
        with qtbot.waitSignal(alone.painted, timeout=30_000):
            pass
        received_here = int(alone.tiles[0].text())
        assert alone.source.isHidden()
    finally:
        own.tasks.wait()
        own.dispose()
    context, window = opened(qtbot, office["desk"].url, office["replica"])
    try:
        assert int(window.tiles[0].text()) == received_here + 2
        assert window.source.text().startswith("Số liệu từ bản sao 127.0.0.1:")
        assert not window.source.isHidden()
    finally:
        context.tasks.wait()
        context.dispose()
