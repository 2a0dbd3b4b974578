"""The hall display as bench/call.py runs it, in a process of its own: the program's
`DisplayWindow` off screen on DB_URL, polling every POLL_MS, with eSpeak NG's Vietnamese
voice (`pick_speaker("espeak")`) whose player only notes when it is handed the finished
WAV (this machine has no sound card). One line on stdout per event, with the machine's
monotonic clock (CLOCK_MONOTONIC: the same clock in every process):

    ready                 the first look is answered
    shown A021 12.345678  a new call is on the display's label (painted)
    spoken 12.456789      the call's WAV is ready for the player

    python bench/_call_display.py DB_URL POLL_MS

It runs until it is terminated (the bench does so when it is done).
"""

from __future__ import annotations

import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def say(line: str) -> None:
    sys.stdout.write(line + "\n")
    sys.stdout.flush()


def main() -> int:
    from PySide6.QtWidgets import QApplication

    from counter_app.config import Settings
    from counter_app.ui.app import AppContext
    from counter_app.ui.hall.display import DisplayWindow
    from counter_app.voice import NoVoice, pick_speaker

    db_url, poll_ms = sys.argv[1], int(sys.argv[2])
    app = QApplication(sys.argv[:1])
    speaker = pick_speaker(
        "espeak",
        player=lambda path: say(f"spoken {time.monotonic():.6f}"),
        on_error=lambda message: say(f"voice-error {message}"),
    )
    if isinstance(speaker, NoVoice):
        say(f"voice-error {speaker.reason}")
        return 1
    window = DisplayWindow(AppContext.build(Settings(db_url=db_url)), speaker, poll_ms=poll_ms)
    window.resize(1280, 720)
    window.show()

    def shown(call: object) -> None:
        window.current.repaint()  # on the screen, not only in the label
        say(f"shown {call.ticket} {time.monotonic():.6f}")  # type: ignore[attr-defined]

    def first_look() -> None:
        window.polled.disconnect(first_look)
        say("ready")

    window.call_shown.connect(shown)
    window.polled.connect(first_look)
    window.start()
    return app.exec()  # until the bench ends this process


if __name__ == "__main__":
    sys.exit(main())
