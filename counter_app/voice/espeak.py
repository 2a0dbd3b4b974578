"""eSpeak NG's Vietnamese voice through its command line (Debian package `espeak-ng`,
installed by scripts/setup.sh): `espeak-ng -v vi -w FILE`, the text given on stdin (no
quoting, no command-line encoding: UTF-8 with -b 1). Offline, a few milliseconds a call.
The voices: `vi` (Northern, the default), `vi-vn-x-central`, `vi-vn-x-south`."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

from counter_app.voice.base import OnError, Player, Voice, VoiceError, VoiceMissing

PROGRAM = "espeak-ng"
VOICES = ("vi", "vi-vn-x-central", "vi-vn-x-south")
SPEED = 140  # words a minute: slower than espeak's 175, for a hall
RENDER_TIMEOUT_S = 30.0
NOT_INSTALLED = (
    "Chưa cài espeak-ng (giọng đọc tiếng Việt): chạy 'bash scripts/setup.sh' bằng quyền "
    "root hoặc cài gói espeak-ng."
)


def espeak_program(program: str = PROGRAM) -> str | None:
    """The program's path if it is installed and has the Vietnamese voice."""
    found = shutil.which(program)
    if not found:
        return None
    try:
        listed = subprocess.run(
            [found, "--voices=vi"], capture_output=True, timeout=RENDER_TIMEOUT_S, check=False
        )
    except (OSError, subprocess.TimeoutExpired):
        return None
    lines = listed.stdout.decode("utf-8", "replace").splitlines()[1:]
    return found if any(line.split()[1:2] == ["vi"] for line in lines) else None


class EspeakVoice(Voice):
    def __init__(
        self,
        player: Player,
        on_error: OnError | None = None,
        program: str = PROGRAM,
        voice: str = "vi",
        speed: int = SPEED,
    ) -> None:
        super().__init__(player, on_error)
        if voice not in VOICES:
            raise ValueError(f"espeak-ng voice must be one of {VOICES}")
        self.program, self.voice, self.speed = program, voice, speed
        self.name = f"espeak-ng ({voice})"

    def command(self, wav_path: Path) -> list[str]:
        return [self.program, "-v", self.voice, "-s", str(self.speed), "-b", "1"] + [
            "-w",
            str(wav_path),
            "--stdin",
        ]

    def render(self, text: str, wav_path: Path) -> None:
        try:
            done = subprocess.run(
                self.command(wav_path),
                input=text.encode("utf-8"),
                capture_output=True,
                timeout=RENDER_TIMEOUT_S,
                check=False,
            )
        except FileNotFoundError:
            raise VoiceMissing(NOT_INSTALLED) from None
        except (OSError, subprocess.TimeoutExpired):
            raise VoiceError(
                "espeak-ng không đọc được lời gọi (không chạy hoặc quá lâu)."
            ) from None
        if done.returncode != 0 or not wav_path.is_file() or wav_path.stat().st_size <= 44:
            raise VoiceError(f"espeak-ng không đọc được lời gọi (mã lỗi {done.returncode}).")
