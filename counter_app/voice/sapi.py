"""Windows: a vi-VN voice through .NET's System.Speech (SAPI 5), driven by PowerShell:
`SpeechSynthesizer.SetOutputToWaveFile`, then the WAV is played like any other.

WRITTEN, NOT RUN: this project's machines are Linux; the tests check the command built
here, not Windows' answer to it (docs/hall.md says what to try on a desk). The text and the
file's path reach PowerShell as environment variables and the script as -EncodedCommand
(UTF-16LE, base64), so no quoting of the command line can change what is said. The script
exits 3 when no enabled vi-VN voice is installed.
"""

from __future__ import annotations

import base64
import os
import subprocess
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Any

from counter_app.voice.base import OnError, Player, Voice, VoiceError, VoiceMissing

POWERSHELL = "powershell.exe"
TEXT_VARIABLE, WAV_VARIABLE = "COUNTER_APP_SPEAK_TEXT", "COUNTER_APP_SPEAK_WAV"
NO_VOICE_EXIT = 3
TIMEOUT_S = 60.0
SCRIPT = f"""$ErrorActionPreference = 'Stop'
Add-Type -AssemblyName System.Speech
$s = New-Object System.Speech.Synthesis.SpeechSynthesizer
$v = $s.GetInstalledVoices() | Where-Object {{ $_.Enabled -and $_.VoiceInfo.Culture.Name -eq 'vi-VN' }} | Select-Object -First 1
if (-not $v) {{ exit {NO_VOICE_EXIT} }}
if (-not $env:{WAV_VARIABLE}) {{ exit 0 }}
$s.SelectVoice($v.VoiceInfo.Name)
$s.Rate = -1
$s.SetOutputToWaveFile($env:{WAV_VARIABLE})
$s.Speak($env:{TEXT_VARIABLE})
$s.Dispose()
"""  # noqa: E501 - one PowerShell pipeline
NO_VI_VOICE = (
    "Windows chưa có giọng đọc tiếng Việt (vi-VN) cho System.Speech: cài giọng 'Tiếng "
    "Việt' trong Cài đặt > Thời gian và ngôn ngữ > Giọng nói (xem docs/hall.md)."
)

Run = Callable[..., Any]  # subprocess.run, or a test's stand-in


def sapi_command(powershell: str = POWERSHELL) -> list[str]:
    encoded = base64.b64encode(SCRIPT.encode("utf-16-le")).decode("ascii")
    return [powershell, "-NoProfile", "-NonInteractive", "-ExecutionPolicy", "Bypass"] + [
        "-EncodedCommand",
        encoded,
    ]


def sapi_environment(
    text: str | None, wav_path: Path | None, base: Mapping[str, str] = os.environ
) -> dict[str, str]:
    """The environment of one run: the text and the file (none: only check the voice)."""
    env = {k: v for k, v in base.items() if k not in (TEXT_VARIABLE, WAV_VARIABLE)}
    if text is not None and wav_path is not None:
        env |= {TEXT_VARIABLE: text, WAV_VARIABLE: str(wav_path)}
    return env


def _run(run: Run, env: dict[str, str], powershell: str) -> int:
    try:
        done = run(
            sapi_command(powershell),
            env=env,
            capture_output=True,
            timeout=TIMEOUT_S,
            check=False,
            creationflags=getattr(subprocess, "CREATE_NO_WINDOW", 0),
        )
    except FileNotFoundError:
        raise VoiceMissing("Không tìm thấy PowerShell để dùng giọng đọc của Windows.") from None
    except (OSError, subprocess.TimeoutExpired):
        raise VoiceError("Giọng đọc của Windows không trả lời.") from None
    return int(done.returncode)


def sapi_available(run: Run = subprocess.run, powershell: str = POWERSHELL) -> bool:
    """Whether Windows has an enabled vi-VN voice System.Speech can use."""
    try:
        return _run(run, sapi_environment(None, None), powershell) == 0
    except VoiceError:
        return False


class SapiVoice(Voice):
    name = "Windows (vi-VN)"

    def __init__(
        self,
        player: Player,
        on_error: OnError | None = None,
        run: Run = subprocess.run,
        powershell: str = POWERSHELL,
    ) -> None:
        super().__init__(player, on_error)
        self.run, self.powershell = run, powershell

    def render(self, text: str, wav_path: Path) -> None:
        code = _run(self.run, sapi_environment(text, wav_path), self.powershell)
        if code == NO_VOICE_EXIT:
            raise VoiceMissing(NO_VI_VOICE)
        if code != 0 or not wav_path.is_file():
            raise VoiceError(f"Giọng đọc của Windows không đọc được lời gọi (mã lỗi {code}).")
