"""Voice benchmark (issue 22): from `say(call)` to the call's WAV ready for the player,
with eSpeak NG's Vietnamese voice, against `espeak-ng -v vi -w` run bare on the same text
(the baseline: the engine's own time), interleaved.

    python bench/voice.py [--n 30]

What is measured, exactly: the time from `EspeakVoice.say(text)` being called to the
player being handed the finished WAV (the background thread took the text from the queue,
ran espeak-ng, which wrote the file). Not measured: the player's start and the sound
card's own latency before the first sample is heard (aplay: tens of milliseconds), nor the
call's own length (the sentence lasts ~3 s). Each round calls a new ticket at a new
counter. The recorded-clip voice (clips.py) is timed in the same rounds for reference,
with clips made by espeak-ng from each word at the start. One render's WAV is described
(length, RMS of its samples). `--n` rounds after one warm round, order rotated.
Verdict: "spoken ≤ 1.5 s after the call": say → WAV ready, p95 and max ≤ 1.5 s.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import threading
import time
import wave
from array import array
from pathlib import Path

sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))

from _common import (  # noqa: E402
    environment,
    interleave,
    scope,
    spread_ms,
    table,
    verdict,
    verdict_table,
)


class Stopwatch:
    """A player that only notes when it was handed the WAV."""

    def __init__(self) -> None:
        self.ready = threading.Event()
        self.at = 0.0

    def __call__(self, path: Path) -> None:
        self.at = time.perf_counter()
        self.ready.set()


def timed_say(voice, watch: Stopwatch, text: str) -> float:
    watch.ready.clear()
    started = time.perf_counter()
    voice.say(text)
    if not watch.ready.wait(60):
        raise SystemExit("the voice never handed a WAV to the player")
    return watch.at - started


def describe(path: Path) -> tuple[float, float]:
    with wave.open(str(path), "rb") as wav:
        seconds = wav.getnframes() / wav.getframerate()
        samples = array("h", wav.readframes(wav.getnframes()))
    return seconds, (sum(s * s for s in samples) / max(1, len(samples))) ** 0.5


def make_clips(folder: Path) -> None:
    from counter_app.voice.clips import REQUIRED

    folder.mkdir()
    for words in (*REQUIRED, "a"):  # "a": the letter A's clip, for the calls
        subprocess.run(
            ["espeak-ng", "-v", "vi", "-b", "1", "-w", str(folder / f"{words}.wav"), "--stdin"],
            input=words.encode(),
            check=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=30)
    args = parser.parse_args()
    print(environment(), f"load {os.getloadavg()[0]:.2f}")
    from counter_app.voice.clips import ClipVoice
    from counter_app.voice.espeak import EspeakVoice, espeak_program
    from counter_app.voice.words import call_phrase

    program = espeak_program()
    if program is None:
        raise SystemExit("espeak-ng with its vi voice is missing: bash scripts/setup.sh")
    with tempfile.TemporaryDirectory(prefix="bench-voice-") as folder:
        make_clips(Path(folder) / "clips")
        watches = {"espeak": Stopwatch(), "clips": Stopwatch()}
        espeak = EspeakVoice(watches["espeak"], program=program)
        clips = ClipVoice(Path(folder) / "clips", watches["clips"])

        def text(i: int) -> str:
            return call_phrase(f"A{(i + 2) % 1000:03d}", 1 + (i + 2) % 30)

        def bare(i: int) -> None:
            out = Path(folder) / "bare.wav"
            command = [program, "-v", "vi", "-s", "140", "-b", "1", "-w", str(out), "--stdin"]
            subprocess.run(command, input=text(i).encode(), check=True)

        samples = interleave(
            {
                "say → WAV ready (espeak-ng)": lambda i: timed_say(
                    espeak, watches["espeak"], text(i)
                ),
                "espeak-ng alone": bare,
                "say → WAV ready (clips)": lambda i: timed_say(clips, watches["clips"], text(i)),
            },
            args.n,
        )
        espeak.close()
        clips.close()
        sample = Path(folder) / "sample.wav"
        EspeakVoice(watches["espeak"], program=program).render(call_phrase("A021", 3), sample)
        seconds, rms = describe(sample)
    scope(f'{args.n} calls a side, each a new ticket and counter ("{call_phrase("A021", 3)}")')
    rows = [[name, len(s), *spread_ms(s)] for name, s in samples.items()]
    print(table(["side", "n", "p50 ms", "p95 ms", "max ms"], rows, "call → sound ready"))
    print(
        f"the call A021 → quầy 3 by espeak-ng: {seconds:.2f} s of speech, RMS {rms:,.0f} (16-bit)"
    )
    ours = spread_ms(samples["say → WAV ready (espeak-ng)"])
    alone = spread_ms(samples["espeak-ng alone"])
    print(f"say → WAV ready / espeak-ng alone, p50: {ours[0] / alone[0]:.2f}×")
    print(
        verdict_table(
            [
                verdict("say → WAV ready p95, ms", ours[1], 1500, below=False, n=args.n),
                verdict("say → WAV ready max, ms", ours[2], 1500, below=False, n=args.n),
            ]
        )
    )


if __name__ == "__main__":
    main()
