"""Recorded clips joined into a call, the discovery order clips > espeak-ng > SAPI >
NoVoice, and the Windows voice's command (written for Windows, checked here as built)."""

from __future__ import annotations

import base64
import math
import unicodedata
import wave
from pathlib import Path

import pytest

from counter_app.voice import NoVoice, VoiceError, VoiceMissing, pick_speaker
from counter_app.voice.clips import GAP_MS, REQUIRED, ClipVoice
from counter_app.voice.espeak import EspeakVoice
from counter_app.voice.sapi import (
    NO_VOICE_EXIT,
    TEXT_VARIABLE,
    WAV_VARIABLE,
    SapiVoice,
    sapi_available,
    sapi_command,
)
from counter_app.voice.words import call_phrase, call_tokens

RATE = 22_050


def tone(path: Path, frames: int, rate: int = RATE, width: int = 2) -> None:
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(width)
        wav.setframerate(rate)
        wav.writeframes(
            b"".join(
                int(8000 * math.sin(i / 5)).to_bytes(width, "little", signed=True)
                for i in range(frames)
            )
        )


def clip_folder(folder: Path, letters: str = "A") -> dict[str, int]:
    """Every clip a call needs, each a tone of its own length; {name: frames}."""
    from counter_app.voice.words import LETTER_NAMES

    folder.mkdir(exist_ok=True)
    names = [*REQUIRED, *(LETTER_NAMES[ch].lower() for ch in letters)]
    lengths = {name: 1000 + 37 * i for i, name in enumerate(names)}
    for name, frames in lengths.items():
        tone(folder / f"{name}.wav", frames)
    return lengths


def frames_of(path: Path) -> int:
    with wave.open(str(path), "rb") as wav:
        return wav.getnframes()


def test_the_call_is_the_clips_of_its_words_joined_in_order(tmp_path):
    lengths = clip_folder(tmp_path / "clips")
    voice = ClipVoice(tmp_path / "clips", player=lambda p: None)
    assert voice.missing("A") == []
    assert [p.stem for p in voice.pieces(call_phrase("A021", 3))] == [
        t.lower() for t in call_tokens("A021", 3)
    ]
    voice.render(call_phrase("A021", 3), tmp_path / "call.wav")
    words = [t.lower() for t in call_tokens("A021", 3)]
    gap = RATE * GAP_MS // 1000
    assert frames_of(tmp_path / "call.wav") == sum(lengths[w] for w in words) + gap * 7


def test_a_phrase_clip_is_used_before_its_words(tmp_path):
    clip_folder(tmp_path / "clips")
    tone(tmp_path / "clips" / "đến.wav", 500)
    voice = ClipVoice(tmp_path / "clips", player=lambda p: None)
    assert "đến quầy số" in [p.stem for p in voice.pieces(call_phrase("A001", 1))]


def test_names_written_decomposed_are_found(tmp_path):
    folder = tmp_path / "clips"
    clip_folder(folder)
    (folder / "mười.wav").rename(folder / f"{unicodedata.normalize('NFD', 'Mười')}.wav")
    voice = ClipVoice(folder, player=lambda p: None)
    assert voice.missing() == []
    voice.render(call_phrase("A010", 2), tmp_path / "call.wav")


def test_a_missing_clip_is_named(tmp_path):
    clip_folder(tmp_path / "clips", letters="A")
    voice = ClipVoice(tmp_path / "clips", player=lambda p: None)
    assert voice.missing("AB") == ["bê.wav"]
    with pytest.raises(VoiceError, match="Thiếu đoạn ghi âm 'bê.wav'"):
        voice.render(call_phrase("B001", 1), tmp_path / "call.wav")


def test_clips_of_different_formats_are_refused(tmp_path):
    clip_folder(tmp_path / "clips")
    tone(tmp_path / "clips" / "ba.wav", 1000, rate=44_100)
    voice = ClipVoice(tmp_path / "clips", player=lambda p: None)
    with pytest.raises(VoiceError, match="không cùng định dạng"):
        voice.render(call_phrase("A021", 3), tmp_path / "call.wav")
    (tmp_path / "clips" / "ba.wav").write_bytes(b"RIFF not a wave")
    voice = ClipVoice(tmp_path / "clips", player=lambda p: None)
    with pytest.raises(VoiceError, match="'ba.wav' không đọc được"):
        voice.render(call_phrase("A021", 3), tmp_path / "call.wav")


def test_discovery_prefers_complete_clips_then_espeak(tmp_path):
    clip_folder(tmp_path / "clips")

    def pick(setting=None, **kw):
        kw.setdefault("clips_folder", tmp_path / "clips")
        return pick_speaker(setting, environ={}, platform="linux", player=lambda p: None, **kw)

    assert isinstance(pick(), ClipVoice)
    assert isinstance(pick(f"clips:{tmp_path / 'clips'}", clips_folder=None), ClipVoice)
    (tmp_path / "clips" / "mốt.wav").unlink()
    assert isinstance(pick(), EspeakVoice)  # incomplete clips: the engine instead
    explicit = pick("clips")
    assert isinstance(explicit, NoVoice) and "thiếu 1 đoạn ghi âm: mốt.wav" in explicit.reason
    missing = pick(f"clips:{tmp_path / 'nowhere'}")
    assert isinstance(missing, NoVoice) and "Không có thư mục" in missing.reason


class FakeRun:
    """subprocess.run as Windows would answer it: records the call, writes the file."""

    def __init__(self, code: int = 0) -> None:
        self.code, self.calls = code, []

    def __call__(self, command, **kw):
        self.calls.append((command, kw))
        env = kw["env"]
        if self.code == 0 and WAV_VARIABLE in env:
            Path(env[WAV_VARIABLE]).write_bytes(b"RIFF....WAVE")

        class Done:
            returncode = self.code

        return Done()


def test_the_windows_voice_command_as_built(tmp_path):
    command = sapi_command()
    assert command[:5] == [
        "powershell.exe",
        "-NoProfile",
        "-NonInteractive",
        "-ExecutionPolicy",
        "Bypass",
    ]
    assert command[5] == "-EncodedCommand"
    script = base64.b64decode(command[6]).decode("utf-16-le")
    assert "System.Speech" in script and "SetOutputToWaveFile($env:COUNTER_APP_SPEAK_WAV)" in script
    assert "Culture.Name -eq 'vi-VN'" in script and f"exit {NO_VOICE_EXIT}" in script
    run = FakeRun()
    voice = SapiVoice(player=lambda p: None, run=run)
    voice.render(call_phrase("A021", 3), tmp_path / "call.wav")
    [(given, kw)] = run.calls
    assert given == command  # the text is never on the command line
    assert kw["env"][TEXT_VARIABLE] == call_phrase("A021", 3)
    assert kw["env"][WAV_VARIABLE] == str(tmp_path / "call.wav")


def test_the_windows_voice_missing_is_told(tmp_path):
    voice = SapiVoice(player=lambda p: None, run=FakeRun(NO_VOICE_EXIT))
    with pytest.raises(VoiceMissing, match="vi-VN"):
        voice.render("một", tmp_path / "x.wav")
    assert sapi_available(FakeRun(0)) and not sapi_available(FakeRun(NO_VOICE_EXIT))
    check = FakeRun(0)
    sapi_available(check)
    assert WAV_VARIABLE not in check.calls[0][1]["env"]  # only asks whether the voice exists


def test_windows_discovery_order(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # no espeak-ng on this "Windows"

    def pick(has_sapi: bool, setting=None):
        return pick_speaker(
            setting,
            environ={},
            platform="win32",
            player=lambda p: None,
            clips_folder=tmp_path / "none",
            has_sapi=lambda: has_sapi,
        )

    assert isinstance(pick(True), SapiVoice)
    assert isinstance(pick(True, "sapi"), SapiVoice)
    silent = pick(False)
    assert isinstance(silent, NoVoice) and "vi-VN" in silent.reason
