"""The kiosk's retry tokens (docs/queue.md, "A retried ticket is never printed twice"):
each touch of a service sends a token with its issue, and the queue gives the same ticket
back for the same token. So a touch repeats the last token:

* while the ticket is on screen (at most DOUBLE_TOUCH_S), on the same service and
  priority: a double touch (or a touch bouncing on the screen) gets the ticket already
  shown, not a second; once the citizen is done with it, the next touch is a new one;
* while the last touch got no answer (the office server did not answer: the ticket may
  have been issued and the answer lost), for RETRY_S: the retry gets that ticket if it
  exists, else the server issues it once.

A refusal (a closed service) wrote nothing: the next touch starts afresh. No Qt here."""

from __future__ import annotations

import itertools
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass

DOUBLE_TOUCH_S = 3.0
RETRY_S = 120.0


@dataclass
class _Touch:
    key: tuple[str, bool]
    token: str
    at: float
    answered: bool = False


class TouchTokens:
    def __init__(self, clock: Callable[[], float] = time.monotonic) -> None:
        self._clock = clock
        self._prefix = f"kiosk-{uuid.uuid4().hex[:12]}"  # this kiosk's run: never reused
        self._numbers = itertools.count(1)
        self._last: _Touch | None = None

    def token(self, service: str, priority: bool) -> str:
        """The token for a touch of `service` (a new one, or the last one repeated)."""
        now, last, key = self._clock(), self._last, (service, priority)
        if last is not None and last.key == key:
            window = DOUBLE_TOUCH_S if last.answered else RETRY_S
            if now - last.at < window:
                return last.token
        self._last = _Touch(key, f"{self._prefix}:{next(self._numbers)}", now)
        return self._last.token

    def answered(self, token: str) -> None:
        """The ticket of `token` is on screen: a double touch from now gets it again."""
        if self._last is not None and self._last.token == token:
            self._last.answered, self._last.at = True, self._clock()

    def left(self) -> None:
        """The ticket shown was done with (the services page is back): a new citizen."""
        if self._last is not None and self._last.answered:
            self._last = None

    def refused(self, token: str) -> None:
        """Nothing was issued for `token`: the next touch gets a new one."""
        if self._last is not None and self._last.token == token:
            self._last = None
