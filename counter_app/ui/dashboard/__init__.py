"""The leader's dashboard (README: figures). The main window opens it with
`open_dashboard(context, parent, open_dossier)`; `open_dossier(code)` is called when a
dossier listed under a bar is opened (double click)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from counter_app.ui.app import AppContext
from counter_app.ui.dashboard.window import DashboardWindow

__all__ = ["DashboardWindow", "open_dashboard"]


def open_dashboard(
    context: AppContext, parent: Any = None, open_dossier: Callable[[str], None] | None = None
) -> DashboardWindow:
    """Show the dashboard window and start filling it in the background."""
    window = DashboardWindow(context, open_dossier)
    if parent is not None:
        window.setParent(parent, window.windowFlags())
    window.show()
    window.start()
    return window
