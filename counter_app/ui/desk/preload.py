"""After start-up, the modules of the other screens are loaded ahead of the first F2 or
scan: what they use in a worker, their Qt parts on the GUI thread."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer


def in_worker() -> None:
    """Import what the other screens use (services, printing, reportlab) in a worker after
    start-up, so the first F2 or scan does not wait on module loading. Nothing of Qt: a
    PySide6 module imported off the GUI thread while it runs crashed the desk now and then
    (a segmentation fault at start); the screens themselves are imported by `screens`."""
    import counter_app.digitisation.listing  # pikepdf, img2pdf: the checklist's first read
    import counter_app.fees.payments
    import counter_app.officers.passwords as passwords
    import counter_app.printing.letters
    import counter_app.printing.receipt
    import counter_app.services.applicants.id_card
    import counter_app.services.dossiers.batches
    import counter_app.services.dossiers.operations
    import counter_app.services.dossiers.views  # noqa: F401

    passwords.dummy_hash()  # before anyone can type a password (not at start-up)


def dossier_services() -> None:
    """What the dossier window uses below Qt, for a scan that comes before `in_worker`."""
    import counter_app.officers.session
    import counter_app.services.dossiers.operations
    import counter_app.services.dossiers.views
    import counter_app.services.printouts.printouts  # noqa: F401


def _dossier_window() -> None:
    import counter_app.ui.dossiers.dossier_dialog  # noqa: F401


def _print_preview() -> None:
    import counter_app.ui.prints.print_preview  # noqa: F401


def _reception() -> None:
    import counter_app.ui.intake.intake_form  # noqa: F401


def _batch_window() -> None:
    import counter_app.ui.handover.batch_window  # noqa: F401


SCREENS = (_dossier_window, _reception, _batch_window, _print_preview)


def screens(then: Callable[[], None], left: tuple[Callable[[], None], ...] = SCREENS) -> None:
    """The screens' own modules, on the GUI thread, one per turn of the event loop."""
    if not left:
        then()
        return
    left[0]()
    QTimer.singleShot(0, lambda: screens(then, left[1:]))
