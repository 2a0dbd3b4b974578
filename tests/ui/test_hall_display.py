"""The hall's display (issue 22): it polls the queue's status; a call it has not seen is
shown large and given to the voice once (a recall again), a look with nothing new says
nothing; without a voice it says so and goes on; the voice's trouble, told from the
voice's own thread, reaches the screen."""

from __future__ import annotations

import pytest

from counter_app.config import Settings
from counter_app.ui.app import AppContext
from counter_app.ui.hall.display import DisplayWindow
from counter_app.voice import NO_VOICE, NoVoice, call_phrase
from counter_app.voice.base import VoiceError
from counter_app.voice.espeak import EspeakVoice, espeak_program
from tests.hall import RecordingSpeaker, with_services

NEVER = 3_600_000  # the test looks itself (poll()), the timer never does


def open_display(qtbot, db_url, speaker) -> DisplayWindow:  # type: ignore[no-untyped-def]
    window = DisplayWindow(AppContext.build(Settings(db_url=db_url)), speaker, poll_ms=NEVER)
    qtbot.addWidget(window)
    window.show()
    with qtbot.waitSignal(window.polled, timeout=20_000):
        window.start()
    return window


def look(qtbot, window: DisplayWindow) -> None:  # type: ignore[no-untyped-def]
    with qtbot.waitSignal(window.polled, timeout=20_000):
        window.poll()


def test_a_new_call_is_shown_and_spoken_once(qtbot, desk_db, db_url):
    queue = with_services(desk_db)
    queue.issue("B")
    for _ in range(3):
        queue.issue("A")
    speaker = RecordingSpeaker()
    window = open_display(qtbot, db_url, speaker)
    assert window.current.text() == "—" and speaker.texts == []
    assert window.waiting.text() == "A  Hộ tịch: 3 người\nB  Đất đai: 1 người"
    queue.call_next(3, "hoa")  # B001, printed first of counter 3's lines (A and B)
    look(qtbot, window)
    assert window.current.text() == "B001 → Quầy 3"
    assert speaker.texts == [call_phrase("B001", 3)]
    look(qtbot, window)  # nothing new: nothing said
    assert speaker.texts == [call_phrase("B001", 3)]
    queue.recall(3, "hoa")  # recalled: said again
    look(qtbot, window)
    assert speaker.texts == [call_phrase("B001", 3)] * 2
    queue.call_next(1, "lan")
    queue.call_next(2, "mai")  # two calls between two looks: both said, in order
    look(qtbot, window)
    assert speaker.texts[2:] == [call_phrase("A001", 1), call_phrase("A002", 2)]
    assert window.current.text() == "A002 → Quầy 2"
    assert [c.text() for c in window.calls] == ["A001 → Quầy 1", "B001 → Quầy 3", "", ""]
    assert window.waiting.text() == "A  Hộ tịch: 1 người\nB  Đất đai: 0 người"


def test_calls_made_before_the_display_opened_are_not_spoken(qtbot, desk_db, db_url):
    queue = with_services(desk_db)
    queue.issue("A")
    queue.call_next(1, "lan")
    speaker = RecordingSpeaker()
    window = open_display(qtbot, db_url, speaker)
    assert window.current.text() == "A001 → Quầy 1" and speaker.texts == []


def test_without_a_voice_the_display_says_so_and_goes_on(qtbot, desk_db, db_url):
    queue = with_services(desk_db)
    window = open_display(qtbot, db_url, NoVoice("Chưa cài espeak-ng."))
    assert window.notice.text() == f"{NO_VOICE} — Chưa cài espeak-ng."  # and why
    queue.issue("A")
    queue.call_next(1, "lan")
    look(qtbot, window)
    assert window.current.text() == "A001 → Quầy 1"


def test_the_voice_is_chosen_in_the_background(qtbot, desk_db, db_url, monkeypatch):
    monkeypatch.setenv("COUNTER_APP_VOICE", "none")
    with_services(desk_db)
    window = open_display(qtbot, db_url, None)
    assert isinstance(window.speaker, NoVoice) and window.notice.text().startswith(NO_VOICE)


@pytest.mark.skipif(espeak_program() is None, reason="espeak-ng with its Vietnamese voice")
def test_a_call_the_speakers_cannot_play_is_told_on_screen(qtbot, desk_db, db_url):
    """eSpeak NG renders the call on the voice's thread; the player fails (no sound card):
    the display hears it through its relay, on the GUI thread."""
    queue = with_services(desk_db)

    def no_sound_card(path):  # type: ignore[no-untyped-def]
        raise VoiceError("Không phát được lời gọi ra loa: thử.")

    window = DisplayWindow(AppContext.build(Settings(db_url=db_url)), poll_ms=NEVER)
    qtbot.addWidget(window)
    window.speaker = EspeakVoice(no_sound_card, on_error=window.relay.tell)
    window.show()
    with qtbot.waitSignal(window.polled, timeout=20_000):
        window.start()
    queue.issue("A")
    queue.call_next(1, "lan")
    look(qtbot, window)
    qtbot.waitUntil(
        lambda: "Không phát được lời gọi ra loa" in window.notice.text(), timeout=30_000
    )
    assert window.current.text() == "A001 → Quầy 1"
    window.speaker.close()


def test_the_current_call_stays_on_one_line_on_a_1280_screen(qtbot, desk_db, db_url):
    """A counter with two digits at 1280 pixels: the call is not broken in two."""
    from PySide6.QtGui import QFontMetricsF

    queue = with_services(desk_db)
    queue.issue("A")
    window = open_display(qtbot, db_url, RecordingSpeaker())
    window.resize(1280, 720)
    queue.call_next(12, "lan")
    look(qtbot, window)
    qtbot.waitUntil(lambda: window.current.width() <= 1280)
    label = window.current
    assert label.text() == "A001 → Quầy 12"
    wide = QFontMetricsF(label.font()).horizontalAdvance(label.text())
    assert not label.wordWrap() and wide <= label.contentsRect().width()
    assert label.font().pointSizeF() >= 60  # still large: read from across the hall
