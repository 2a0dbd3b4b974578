"""The hall's voice (issue 22): the real espeak-ng renders the call, say() returns at once
and speaks in order, a missing engine or player gives NoVoice and its message."""

from __future__ import annotations

import shutil
import threading
import wave
from array import array
from pathlib import Path

import pytest

from counter_app.voice import NO_VOICE, NoVoice, VoiceError, VoiceMissing, pick_speaker
from counter_app.voice.base import QUEUE_LIMIT, Voice
from counter_app.voice.espeak import EspeakVoice, espeak_program
from counter_app.voice.play import CommandPlayer, find_player
from counter_app.voice.words import call_phrase

CALL = call_phrase("A021", 3)


def wav_facts(path: Path) -> tuple[float, float]:
    """(seconds, RMS of the 16-bit samples) of a mono WAV."""
    with wave.open(str(path), "rb") as wav:
        assert (wav.getnchannels(), wav.getsampwidth(), wav.getcomptype()) == (1, 2, "NONE")
        seconds = wav.getnframes() / wav.getframerate()
        samples = array("h", wav.readframes(wav.getnframes()))
    rms = (sum(s * s for s in samples) / max(1, len(samples))) ** 0.5
    return seconds, rms


class Recorder:
    """A player that keeps what it was given (the file is deleted after playing)."""

    def __init__(self, folder: Path) -> None:
        self.folder, self.played = folder, []

    def __call__(self, path: Path) -> None:
        kept = self.folder / f"played-{len(self.played)}.wav"
        shutil.copy(path, kept)
        self.played.append((path, kept))


def test_espeak_renders_the_call_heard_in_the_hall(tmp_path):
    assert espeak_program() is not None, "espeak-ng with its vi voice: bash scripts/setup.sh"
    voice = EspeakVoice(Recorder(tmp_path))
    voice.render(CALL, tmp_path / "call.wav")
    seconds, rms = wav_facts(tmp_path / "call.wav")
    assert 1.5 < seconds < 10
    assert rms > 300  # speech; silence is 0


def test_say_speaks_through_the_player_and_leaves_nothing(tmp_path):
    player = Recorder(tmp_path)
    voice = pick_speaker("espeak", player=player)
    assert voice.notice is None and voice.name == "espeak-ng (vi)"
    voice.say(CALL)
    voice.close()
    [(played, kept)] = player.played
    assert 1.5 < wav_facts(kept)[0] < 10
    assert not played.exists() and not played.parent.exists()  # file and private folder
    assert played.name == "goi-1.wav"  # a counter, never the text


class Gated(Voice):
    """A voice whose rendering waits for the test: the text is written as the 'sound'."""

    def __init__(self, player, on_error=None) -> None:
        super().__init__(player, on_error)
        self.started, self.release = threading.Event(), threading.Event()
        self.released_at_start = []

    def render(self, text: str, wav_path: Path) -> None:
        self.started.set()
        self.released_at_start.append(self.release.wait(timeout=30))
        wav_path.write_text(text, encoding="utf-8")


def test_say_returns_before_the_speech_and_two_calls_are_spoken_in_order(tmp_path):
    heard = []
    voice = Gated(lambda path: heard.append(path.read_text(encoding="utf-8")))
    voice.say(call_phrase("A021", 3))
    voice.say(call_phrase("B005", 1))
    assert voice.started.wait(30)
    assert heard == []  # say() came back while the first call was still being rendered
    voice.release.set()
    voice.close()
    assert voice.released_at_start == [True, True]  # nobody waited out the 30 s
    assert heard == [call_phrase("A021", 3), call_phrase("B005", 1)]


def test_a_flood_of_calls_is_refused_not_blocked(tmp_path):
    errors = []
    voice = Gated(lambda path: None, errors.append)
    voice.say("một")
    assert voice.started.wait(30)  # the first is being rendered: the queue is empty
    for _ in range(QUEUE_LIMIT + 1):
        voice.say("hai")
    assert errors == ["Quá nhiều lời gọi đang chờ đọc: lời gọi mới nhất không được đọc."]
    voice.release.set()
    voice.close()


def test_a_failure_while_speaking_reaches_on_error_in_vietnamese(tmp_path):
    errors = []

    def broken_player(path: Path) -> None:
        raise VoiceError("Không phát được lời gọi ra loa.")

    voice = pick_speaker("espeak", player=broken_player, on_error=errors.append)
    voice.say(CALL)
    voice.say(CALL)
    voice.close()
    assert errors == ["Không phát được lời gọi ra loa."] * 2


def test_no_engine_gives_no_voice_and_its_message(tmp_path, monkeypatch):
    monkeypatch.setenv("PATH", str(tmp_path))  # neither espeak-ng nor a player
    for setting in ("auto", "espeak", None):
        voice = pick_speaker(
            setting, environ={}, player=Recorder(tmp_path), clips_folder=tmp_path / "none"
        )
        assert isinstance(voice, NoVoice)
        assert voice.notice == NO_VOICE == "Không có giọng đọc: loa tắt"
        assert "espeak-ng" in voice.reason
        voice.say(CALL)  # silent, no error
        with pytest.raises(VoiceMissing, match="Không có giọng đọc: loa tắt"):
            voice.render(CALL, tmp_path / "x.wav")
    no_player = pick_speaker("espeak", environ={})
    assert isinstance(no_player, NoVoice) and "aplay" in no_player.reason


def test_an_engine_gone_after_discovery_is_told(tmp_path):
    voice = EspeakVoice(Recorder(tmp_path), program=str(tmp_path / "espeak-ng"))
    with pytest.raises(VoiceMissing, match="Chưa cài espeak-ng"):
        voice.render(CALL, tmp_path / "x.wav")


@pytest.mark.parametrize(
    ("setting", "reason"),
    [
        ("none", "đã tắt"),
        ("off", "đã tắt"),
        ("loa", "COUNTER_APP_VOICE phải là"),
        ("espeak:fr", "Giọng espeak-ng phải là"),
        ("sapi", "chỉ có trên Windows"),
    ],
)
def test_settings_that_give_silence_say_why(tmp_path, setting, reason):
    voice = pick_speaker(environ={"COUNTER_APP_VOICE": setting}, player=Recorder(tmp_path))
    assert isinstance(voice, NoVoice) and reason in voice.reason


def test_the_southern_espeak_voice_can_be_chosen(tmp_path):
    voice = pick_speaker(
        environ={"COUNTER_APP_VOICE": "espeak:vi-vn-x-south"}, player=Recorder(tmp_path)
    )
    assert voice.name == "espeak-ng (vi-vn-x-south)"
    voice.render(CALL, tmp_path / "south.wav")
    assert wav_facts(tmp_path / "south.wav")[0] > 1.5


def test_the_platform_player_is_found():
    def which(found: set[str]):
        return lambda name: f"/usr/bin/{name}" if name in found else None

    paplay = find_player("linux", which({"paplay", "aplay"}))
    assert isinstance(paplay, CommandPlayer) and paplay.command == ["/usr/bin/paplay"]
    aplay = find_player("linux", which({"aplay"}))
    assert isinstance(aplay, CommandPlayer) and aplay.command == ["/usr/bin/aplay", "-q"]
    assert find_player("linux", which(set())) is None
    assert find_player("win32", which(set())) is not None  # winsound


def test_a_player_that_fails_is_told(tmp_path):
    (tmp_path / "a.wav").write_bytes(b"")
    CommandPlayer(["true"])(tmp_path / "a.wav")
    with pytest.raises(VoiceError, match="Không phát được lời gọi ra loa"):
        CommandPlayer(["false"])(tmp_path / "a.wav")
    with pytest.raises(VoiceError, match="Không phát được lời gọi ra loa"):
        CommandPlayer([str(tmp_path / "no-player")])(tmp_path / "a.wav")
