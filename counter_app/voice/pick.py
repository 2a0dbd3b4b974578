"""Which voice the hall uses, from COUNTER_APP_VOICE (or the setting given):

* unset or `auto`: recorded clips from the desk's clip folder when it holds every clip a
  call needs, else espeak-ng with its Vietnamese voice, else (Windows) a vi-VN SAPI voice,
  else `NoVoice`, which tells the display "Không có giọng đọc: loa tắt";
* `clips:FOLDER` (`clips` alone: the desk's clip folder), `espeak` or `espeak:VOICE`
  (vi, vi-vn-x-central, vi-vn-x-south), `sapi`: that one, or NoVoice saying why;
* `none` (or `off`): silent, on purpose.

A voice also needs a player: the one given (the display's), else the platform's
(play.py); none, and the voice is NoVoice too.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from pathlib import Path

from counter_app.voice.base import NoVoice, OnError, Player, Speaker
from counter_app.voice.clips import ClipVoice
from counter_app.voice.espeak import NOT_INSTALLED, VOICES, EspeakVoice, espeak_program
from counter_app.voice.play import find_player
from counter_app.voice.sapi import NO_VI_VOICE, SapiVoice, sapi_available

VARIABLE = "COUNTER_APP_VOICE"
NO_PLAYER = (
    "Máy không có chương trình phát âm thanh (paplay, hoặc aplay của gói alsa-utils): chạy "
    "'bash scripts/setup.sh' bằng quyền root."
)


def default_clips_folder() -> Path:
    """The desk's clip folder: `clips` in its data folder (config.data_dir)."""
    from counter_app.config import data_dir

    return data_dir() / "clips"


def pick_speaker(
    setting: str | None = None,
    environ: Mapping[str, str] = os.environ,
    platform: str = sys.platform,
    player: Player | None = None,
    on_error: OnError | None = None,
    clips_folder: Path | None = None,
    has_sapi: Callable[[], bool] = sapi_available,
) -> Speaker:
    choice = (setting or environ.get(VARIABLE) or "auto").strip()
    kind, _, argument = choice.partition(":")
    kind = kind.strip().lower()
    if kind in ("none", "off"):
        return NoVoice(f"Giọng đọc đã tắt ({VARIABLE}={choice}).")
    if kind not in ("auto", "clips", "espeak", "sapi"):
        return NoVoice(f"{VARIABLE} phải là auto, clips:THƯ_MỤC, espeak, sapi hoặc none.")
    player = player or find_player(platform)
    if player is None:
        return NoVoice(NO_PLAYER)
    folder = Path(argument) if kind == "clips" and argument else None
    folder = folder or clips_folder or default_clips_folder()
    if kind == "clips":
        return _clips(folder, player, on_error)
    if kind == "espeak":
        return _espeak(argument.strip() or "vi", player, on_error)
    if kind == "sapi":
        return _sapi(platform, player, on_error, has_sapi)
    for found in (
        _clips(folder, player, on_error) if folder.is_dir() else None,
        _espeak("vi", player, on_error),
        _sapi(platform, player, on_error, has_sapi) if platform == "win32" else None,
    ):
        if found is not None and not isinstance(found, NoVoice):
            return found
    return NoVoice(NOT_INSTALLED if platform != "win32" else NO_VI_VOICE)


def _clips(folder: Path, player: Player, on_error: OnError | None) -> Speaker:
    if not folder.is_dir():
        return NoVoice(f"Không có thư mục đoạn ghi âm {folder}.")
    voice = ClipVoice(folder, player, on_error)
    missing = voice.missing()
    if missing:
        shown = ", ".join(missing[:5]) + (" …" if len(missing) > 5 else "")
        return NoVoice(f"Thư mục {folder} thiếu {len(missing)} đoạn ghi âm: {shown}.")
    return voice


def _espeak(name: str, player: Player, on_error: OnError | None) -> Speaker:
    if name not in VOICES:
        return NoVoice(f"Giọng espeak-ng phải là một trong: {', '.join(VOICES)}.")
    program = espeak_program()
    if program is None:
        return NoVoice(NOT_INSTALLED)
    return EspeakVoice(player, on_error, program=program, voice=name)


def _sapi(
    platform: str, player: Player, on_error: OnError | None, has_sapi: Callable[[], bool]
) -> Speaker:
    if platform != "win32":
        return NoVoice("Giọng đọc SAPI chỉ có trên Windows.")
    if not has_sapi():
        return NoVoice(NO_VI_VOICE)
    return SapiVoice(player, on_error)
