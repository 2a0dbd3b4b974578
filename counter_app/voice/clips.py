"""Recorded clips, when the office provides them: one WAV per word or phrase of a call,
named by its words ("mời công dân có số.wav", "hai.wav", "mươi.wav", "bê.wav"…), joined
with the `wave` module into one WAV per call. A file name is a word of the call, never
anything about a person.

Names are matched in lower case and Unicode NFC (a folder copied from a Mac keeps NFD
names), the longest phrase first, so "đến quầy số.wav" is used before "đến.wav". Every
clip must share one format (PCM, same channels, sample width and rate; the recording guide
in docs/hall.md asks for 16-bit mono 22,050 Hz); a short silence (GAP_MS) parts them.
"""

from __future__ import annotations

import unicodedata
import wave
from pathlib import Path

from counter_app.voice.base import OnError, Player, Voice, VoiceError
from counter_app.voice.words import CALL_COUNTER, CALL_OPENING, LETTER_NAMES, NUMBER_VOCABULARY

GAP_MS = 60
REQUIRED = (CALL_OPENING.lower(), CALL_COUNTER, *sorted(NUMBER_VOCABULARY))


def clip_key(words: str) -> str:
    return " ".join(unicodedata.normalize("NFC", words).lower().split())


class ClipVoice(Voice):
    def __init__(
        self,
        folder: str | Path,
        player: Player,
        on_error: OnError | None = None,
        gap_ms: int = GAP_MS,
    ) -> None:
        super().__init__(player, on_error)
        self.folder = Path(folder)
        self.gap_ms = gap_ms
        self.name = f"đoạn ghi âm ({self.folder.name})"
        self.clips = {
            clip_key(path.stem): path
            for path in sorted(self.folder.glob("*"))
            if path.suffix.lower() == ".wav" and path.is_file()
        }
        self._longest = max((len(key.split()) for key in self.clips), default=0)
        self._frames: dict[Path, tuple[tuple[int, int, int], bytes]] = {}

    def missing(self, letters: str = "") -> list[str]:
        """The clips a call may need and the folder lacks: the two phrases, every number
        word, and the names of `letters` (the services' prefixes)."""
        names = [clip_key(LETTER_NAMES[ch]) for ch in letters.upper() if ch in LETTER_NAMES]
        return [f"{name}.wav" for name in (*REQUIRED, *names) if name not in self.clips]

    def pieces(self, text: str) -> list[Path]:
        """The clips of `text`, longest phrases first; VoiceError for a word without one."""
        words, found, i = clip_key(text).split(), [], 0
        while i < len(words):
            for j in range(min(len(words), i + self._longest), i, -1):
                path = self.clips.get(" ".join(words[i:j]))
                if path is not None:
                    found.append(path)
                    i = j
                    break
            else:
                raise VoiceError(
                    f"Thiếu đoạn ghi âm '{words[i]}.wav' trong thư mục {self.folder}: "
                    "lời gọi không được đọc."
                )
        return found

    def render(self, text: str, wav_path: Path) -> None:
        read = [self._read(path) for path in self.pieces(text)]
        if not read:
            raise VoiceError("Lời gọi trống: không có gì để đọc.")
        shape = read[0][0]
        if any(params != shape for params, _ in read):
            raise VoiceError(
                f"Các đoạn ghi âm trong {self.folder} không cùng định dạng (số kênh, độ sâu "
                "mẫu, tần số lấy mẫu): thu lại hoặc chuyển đổi cho giống nhau."
            )
        channels, width, rate = shape
        silence_byte = b"\x80" if width == 1 else b"\x00"  # 8-bit PCM is unsigned
        gap = silence_byte * (rate * self.gap_ms // 1000 * channels * width)
        with wave.open(str(wav_path), "wb") as out:
            out.setnchannels(channels)
            out.setsampwidth(width)
            out.setframerate(rate)
            out.writeframes(gap.join(frames for _, frames in read))

    def _read(self, path: Path) -> tuple[tuple[int, int, int], bytes]:
        if path not in self._frames:
            try:
                with wave.open(str(path), "rb") as clip:
                    params = (clip.getnchannels(), clip.getsampwidth(), clip.getframerate())
                    self._frames[path] = params, clip.readframes(clip.getnframes())
            except (wave.Error, EOFError, OSError):
                raise VoiceError(
                    f"Đoạn ghi âm '{path.name}' không đọc được (cần tệp WAV PCM)."
                ) from None
        return self._frames[path]
