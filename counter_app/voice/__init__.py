"""The hall's voice (issue 22): calls read aloud in Vietnamese, offline, never through a
network service. words.py reads numbers and the call; behind `Speaker` (base.py) are
eSpeak NG's Vietnamese voice (espeak.py), the office's recorded clips (clips.py), a vi-VN
Windows voice (sapi.py) and `NoVoice`; pick.py chooses one. No database, no Qt."""

from counter_app.voice.base import NO_VOICE, NoVoice, Speaker, VoiceError, VoiceMissing
from counter_app.voice.pick import VARIABLE, pick_speaker
from counter_app.voice.words import call_phrase, number_words

__all__ = [
    "NO_VOICE",
    "VARIABLE",
    "NoVoice",
    "Speaker",
    "VoiceError",
    "VoiceMissing",
    "call_phrase",
    "number_words",
    "pick_speaker",
]
