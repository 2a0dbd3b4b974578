"""What the command writes on stdout and stderr: UTF-8, nothing a terminal would obey, and
one line per error.

Text stored by a desk is shown escaped (an ESC in a name cannot clear the officer's
screen), and a result that cannot be written (a full disk, a closed pipe) is told as such:
the work stays done, the message says what was recorded and how to find it again.
"""

from __future__ import annotations

import sys
import unicodedata
from contextlib import suppress

from counter_app.errors import OutputLost
from counter_app.text import terminal_safe


def _json_safe(text: str) -> str:
    """JSON text with control and format characters as \\u escapes (json.dumps leaves
    DEL, the C1 controls and direction overrides as they are)."""
    return "".join(
        f"\\u{ord(ch):04x}" if ch != "\n" and unicodedata.category(ch) in ("Cc", "Cf", "Cs") else ch
        for ch in text
    )


def write_out(text: str, json_output: bool = False, done: str | None = None) -> None:
    """`text` and a line break on stdout, flushed now: a failure to write is known here,
    not when Python exits."""
    data = (_json_safe(text) if json_output else terminal_safe(text)) + "\n"
    try:
        buffer = getattr(sys.stdout, "buffer", None)
        if buffer is None:
            sys.stdout.write(data)
        else:
            sys.stdout.flush()
            buffer.write(data.encode("utf-8", "backslashreplace"))
        sys.stdout.flush()
    except BrokenPipeError:
        raise  # the reader stopped early (| head): not a failure
    except OSError as error:
        raise OutputLost(lost_message(error, done)) from None


def lost_message(error: OSError, done: str | None) -> str:
    why = "ổ đĩa đầy" if error.errno == 28 else f"lỗi hệ thống số {error.errno}"
    if done:
        return (
            f"{done}, nhưng không in được kết quả ({why}). Việc đã làm được lưu: xem lại "
            "bằng counter-app show MÃ hoặc find; nếu gửi lại một hồ sơ, giữ nguyên "
            "request_id để không ghi hai lần."
        )
    return f"Không in được kết quả ({why})."


def write_error(message: str) -> None:
    """`error: message` on one line, whatever the message holds."""
    line = " ".join(terminal_safe(message).split())
    with suppress(OSError):  # nowhere left to say it; the exit code still does
        print(f"error: {line}", file=sys.stderr, flush=True)
