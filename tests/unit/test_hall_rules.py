"""The hall windows' two rules that need no window: which calls are new since the display's
last look (spoken once each), and when a kiosk's touch repeats its retry token."""

from __future__ import annotations

from datetime import datetime

from counter_app.queue.base import Call
from counter_app.ui.hall.new_calls import new_calls
from counter_app.ui.hall.touch_tokens import DOUBLE_TOUCH_S, RETRY_S, TouchTokens


def call(ticket: str, second: int = 0, kind: str = "call", counter: int = 1) -> Call:
    return Call(ticket, ticket[0], counter, datetime(2026, 3, 2, 8, 0, second), kind)


A1, A2, A3, B1 = call("A001"), call("A002", 1), call("A003", 2), call("B001", 3)


def test_only_the_calls_not_seen_are_new_oldest_first():
    assert new_calls(None, [A2, A1]) == []  # opened: what was called is not said again
    assert new_calls([A2, A1], [A2, A1]) == []
    assert new_calls([A2, A1], [B1, A3, A2, A1]) == [A3, B1]
    assert new_calls([A3, A2, A1], [B1, A3, A2]) == [B1]  # the oldest fell off the list
    assert new_calls([], [A1]) == [A1]
    assert new_calls([A1], []) == []  # a new day


def test_a_recall_is_new_even_within_the_same_second():
    recall = call("A001", kind="recall")
    assert new_calls([A1], [recall, A1]) == [recall]
    assert new_calls([recall, A1], [recall, recall, A1]) == [recall]  # a second one


def test_a_recall_is_new_when_the_list_holds_only_that_ticket():
    """Recalled again and again: the list the display asks for (its last N calls) is the
    same ticket N times; the newest recall is still new, by its time."""
    recalls = [call("A001", s, "recall") for s in range(1, 6)]
    assert new_calls(recalls[3::-1], recalls[4:0:-1]) == [recalls[4]]


def test_more_new_calls_than_the_list_holds_are_all_new():
    assert new_calls([A1], [B1, A3, A2]) == [A2, A3, B1]


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_a_double_touch_repeats_the_token_of_the_ticket_shown():
    clock = Clock()
    tokens = TouchTokens(clock)
    first = tokens.token("A", False)
    tokens.answered(first)
    clock.now += DOUBLE_TOUCH_S / 2
    assert tokens.token("A", False) == first
    tokens.left()  # the ticket page closed: the next citizen
    assert tokens.token("A", False) != first
    priority = tokens.token("A", True)
    assert priority != first  # another choice: another ticket
    tokens.answered(priority)
    clock.now += DOUBLE_TOUCH_S
    assert tokens.token("A", True) not in (first, priority)  # later: a new citizen


def test_a_touch_left_unanswered_is_retried_with_its_token():
    clock = Clock()
    tokens = TouchTokens(clock)
    first = tokens.token("B", False)  # the server did not answer
    clock.now += RETRY_S / 2
    assert tokens.token("B", False) == first  # maybe issued: the same ticket, not a second
    tokens.refused(first)  # refused: nothing was issued
    assert tokens.token("B", False) != first


def test_tokens_are_what_the_queue_takes():
    from counter_app.queue.base import checked_token

    token = TouchTokens().token("ABC", True)
    assert checked_token(token) == token
