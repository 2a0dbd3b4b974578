"""Playing a WAV file to its end, apart from rendering it: the platform's player (paplay
where PulseAudio or PipeWire runs, else ALSA's aplay; winsound on Windows). The display
may give its own player instead (QtMultimedia, from the UI layer)."""

from __future__ import annotations

import shutil
import subprocess
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from counter_app.voice.base import Player, VoiceError

PLAY_TIMEOUT_S = 60.0  # a call lasts a few seconds; a player hung longer is given up
FAILED = (
    "Không phát được lời gọi ra loa: kiểm tra loa đã cắm và bật, âm lượng của máy, rồi gọi lại."
)


class CommandPlayer:
    """A command that plays the file named last and exits when it is done."""

    def __init__(self, command: Sequence[str]) -> None:
        self.command = list(command)

    def __call__(self, path: Path) -> None:
        try:
            done = subprocess.run(
                [*self.command, str(path)],
                capture_output=True,
                timeout=PLAY_TIMEOUT_S,
                check=False,
            )
        except (OSError, subprocess.TimeoutExpired):
            raise VoiceError(FAILED) from None
        if done.returncode != 0:
            raise VoiceError(FAILED)


def _winsound(path: Path) -> None:  # pragma: no cover - Windows only
    if sys.platform != "win32":
        raise VoiceError(FAILED)
    import winsound

    try:
        winsound.PlaySound(str(path), winsound.SND_FILENAME)
    except RuntimeError:
        raise VoiceError(FAILED) from None


def find_player(
    platform: str = sys.platform, which: Callable[[str], str | None] = shutil.which
) -> Player | None:
    """The platform's player, or None when the machine has none."""
    if platform == "win32":
        return _winsound
    for name, options in (("paplay", ()), ("aplay", ("-q",))):
        found = which(name)
        if found:
            return CommandPlayer([found, *options])
    return None
