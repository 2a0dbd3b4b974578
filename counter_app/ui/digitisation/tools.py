"""What the desk digitises with, kept for its whole life by the AppContext: the documents
folder (Store), the scanner, and the officer's token session (one per officer session:
the PIN asked once, closed when the desk locks or closes).

The PIN is asked on the GUI thread before the save starts (`Signing.prepare`): the worker
then opens the token with it. It is held here only between the dialog and the login, and
given to the token once."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from counter_app.digitisation.store import Store
    from counter_app.scanning.base import Scanner
    from counter_app.signing.base import PinState
    from counter_app.signing.token import TokenSession
    from counter_app.ui.app import AppContext


class DeskDigitisation:
    def __init__(self, context: AppContext) -> None:
        self._context = context
        self._store: Store | None = None
        self._scanner: Scanner | None = None
        self._token: TokenSession | None = None
        self._pin: list[str] = []
        self._roots: list[Any] | None = None
        self.pins_asked = 0  # how often the officer was asked (the tests count it)

    def store(self) -> Store:
        """The desk's documents folder (worker thread: root_of reads the URL only)."""
        if self._store is None:
            from counter_app.digitisation.store import Store, root_of

            self._store = Store(root_of(self._context.settings.db_url))
        return self._store

    def scanner(self) -> Scanner:
        if self._scanner is None:
            from counter_app.scanning.pick import pick_scanner

            self._scanner = pick_scanner()
        return self._scanner

    @staticmethod
    def device() -> str | None:
        from counter_app.scanning.pick import chosen_device

        return chosen_device(None, os.environ)

    @property
    def signing(self) -> str:
        """required | optional | off (the settings window's signing choice)."""
        return self._context.settings.signing

    def roots(self) -> list[Any]:
        """The agency's trusted roots (worker thread: reads a folder)."""
        if self._roots is None:
            from counter_app.signing.pades import trust_roots

            self._roots = trust_roots()
        return self._roots

    def token(self) -> TokenSession:
        if self._token is None:
            from counter_app.signing.token import TokenSession

            self._token = TokenSession(self._give_pin)
        return self._token

    @property
    def token_open(self) -> bool:
        return self._token is not None and self._token.is_open

    def hold_pin(self, pin: str) -> None:
        """The PIN the officer just typed, for the next login only."""
        self.pins_asked += 1
        self._pin[:] = [pin]

    def _give_pin(self, _state: PinState) -> str | None:
        return self._pin.pop() if self._pin else None

    def open_token(self, confirm_final_try: bool) -> Callable[[bytes], bytes]:
        """Log in with the held PIN (worker thread) and give the signing function."""
        token = self.token()
        try:
            token.open(confirm_final_try=confirm_final_try)
        finally:
            self._pin.clear()
        return token.sign

    def close_token(self) -> None:
        """The officer left (lock, another officer, the desk closed): the next signature
        asks the PIN again."""
        self._pin.clear()
        if self._token is not None:
            self._token.close()
