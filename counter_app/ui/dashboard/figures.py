"""Where the dashboard's figures come from (run in the pool, never on the GUI thread): the
desk's own database, or the office's reporting replica when COUNTER_APP_REPORT_URL is set
(sync/report_source.py, docs/province-cluster.md "Replicas for reports"). Never both and
never a fallback from one to the other: the leader is told which figures were shown."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, TypeVar

if TYPE_CHECKING:
    from sqlalchemy.orm import Session

    from counter_app.models import Agency
    from counter_app.ui.app import AppContext

T = TypeVar("T")


def read_figures(context: AppContext, work: Callable[[Session, Agency], T]) -> tuple[T, str]:
    """`work`'s answer on one state of the figures, and the line saying where they came
    from ("" for the desk's own database)."""
    from counter_app.services import desk

    def agency(session: Any) -> Any:
        return desk.desk_agency(session, context.settings.agency_code)

    url = context.settings.report_url
    if url:
        from counter_app.sync import report_source

        code = context.read(lambda s: agency(s).code)
        with report_source.snapshot(url, code) as (session, found, source):
            return work(session, found), source.text()
    return context.read(lambda s: work(s, agency(s)), snapshot=True), ""
