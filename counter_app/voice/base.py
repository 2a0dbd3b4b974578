"""What every voice gives: `say(text)` at once, the speech after it, and `render(text,
wav_path)` (tests and the bench hear it as a file).

A `Voice` renders each text to a WAV in a temporary folder of its own (0700, removed when
it is closed), hands it to a player (aplay or paplay, Windows' winsound, or later the
display's QtMultimedia: play.py) and deletes it. Rendering and playing run on one
background thread fed by a queue, so the display is never held up by speech and two calls
in a row are both spoken, in order. What goes wrong there cannot be raised to the caller
(it has moved on): it is told to `on_error` as a Vietnamese sentence.

File names are counters (goi-1.wav…), never the text; the texts are calls (a ticket and a
counter), which carry no personal data.
"""

from __future__ import annotations

import itertools
import queue
import shutil
import tempfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from counter_app.errors import CounterError

NO_VOICE = "Không có giọng đọc: loa tắt"
QUEUE_LIMIT = 32  # calls waiting to be spoken; more are dropped (and said so), never blocked

Player = Callable[[Path], None]  # plays a WAV file to its end; raises VoiceError
OnError = Callable[[str], None]


class VoiceError(CounterError):
    """A text was not spoken: the message says why, in Vietnamese."""


class VoiceMissing(VoiceError):
    """No speech engine (or not the one configured, or no player for its sound)."""


class Speaker(Protocol):
    @property
    def name(self) -> str:
        """What speaks, for the settings screen: "espeak-ng (vi)", "đoạn ghi âm (clips)"."""
        ...

    @property
    def notice(self) -> str | None:
        """None when the voice speaks; else a short sentence for the display ("Không có
        giọng đọc: loa tắt")."""
        ...

    def say(self, text: str) -> None:
        """Speak `text` after the texts already given; returns at once."""
        ...

    def render(self, text: str, wav_path: Path) -> None:
        """Write `text` spoken into `wav_path` (a RIFF WAV), now; raises VoiceError."""
        ...

    def close(self) -> None:
        """Speak what is waiting, then stop; the temporary folder is removed."""
        ...


class NoVoice:
    """The voice when no engine is found: says nothing, and says so."""

    name = "không có"
    notice = NO_VOICE

    def __init__(self, reason: str = "") -> None:
        self.reason = reason  # what is missing and what to do, for the settings screen

    def say(self, text: str) -> None:
        pass

    def render(self, text: str, wav_path: Path) -> None:
        raise VoiceMissing(f"{NO_VOICE}. {self.reason}".strip())

    def close(self) -> None:
        pass


_STOP = object()


class Voice:
    """A speech engine (`render`, in a subclass) behind the queue and thread of `say`."""

    name = "voice"  # what the settings screen shows: "espeak-ng (vi)"
    notice: str | None = None

    def __init__(self, player: Player, on_error: OnError | None = None) -> None:
        self.player = player
        self.on_error = on_error or (lambda message: None)
        self._queue: queue.Queue[object] = queue.Queue(QUEUE_LIMIT)
        self._lock = threading.Lock()
        self._thread: threading.Thread | None = None
        self._folder: Path | None = None
        self._closed = False
        self._numbers = itertools.count(1)

    def render(self, text: str, wav_path: Path) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def say(self, text: str) -> None:
        with self._lock:
            if self._closed:
                return
            if self._thread is None:
                self._folder = Path(tempfile.mkdtemp(prefix="counter-app-voice-"))
                self._thread = threading.Thread(target=self._run, name="voice", daemon=True)
                self._thread.start()
        try:
            self._queue.put_nowait(text)
        except queue.Full:
            self.on_error("Quá nhiều lời gọi đang chờ đọc: lời gọi mới nhất không được đọc.")

    def close(self, timeout: float = 60.0) -> None:
        """Waits (at most `timeout` s) for the calls already given to be spoken."""
        with self._lock:
            self._closed, thread = True, self._thread
        if thread is not None:
            self._queue.put(_STOP)
            thread.join(timeout)
        if self._folder is not None and (thread is None or not thread.is_alive()):
            shutil.rmtree(self._folder, ignore_errors=True)

    def _run(self) -> None:
        while (text := self._queue.get()) is not _STOP:
            try:
                self._speak(str(text))
            except VoiceError as error:
                self.on_error(str(error))
            except OSError:
                self.on_error("Không đọc được lời gọi: lỗi khi ghi hoặc phát tệp âm thanh.")

    def _speak(self, text: str) -> None:
        assert self._folder is not None
        path = self._folder / f"goi-{next(self._numbers)}.wav"
        try:
            self.render(text, path)
            self.player(path)
        finally:
            path.unlink(missing_ok=True)
