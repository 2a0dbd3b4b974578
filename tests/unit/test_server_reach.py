"""libpq's texts for a connection that failed, read into what to fix (the real servers'
answers are in tests/integration/test_server_connection.py; these are the ones a test
server cannot easily give: pg_hba, DNS, a removed desk)."""

from __future__ import annotations

import threading
import time

import pytest

from counter_app.sync.link import _why
from counter_app.sync.reach import cause

FAILED = 'connection failed: connection to server at "10.0.0.5", port 5433 failed: '
CASES = [
    (
        'FATAL:  no pg_hba.conf entry for host "10.0.0.9", user "counter_motcua_ban_1", '
        'database "motcua", no encryption',
        "dòng hostssl chỉ nhận kết nối TLS",
    ),
    (
        'FATAL:  no pg_hba.conf entry for host "10.0.0.9", user "postgres", database "motcua", '
        "SSL encryption",
        "pg_hba.conf của máy chủ không có dòng nào",
    ),
    (
        'root certificate file "/home/a/.postgresql/root.crt" does not exist\nEither provide the '
        "file or change sslmode",
        'thiếu tệp chứng chỉ gốc "/home/a/.postgresql/root.crt"',
    ),
    ('FATAL:  database "motcua" does not exist', 'không có cơ sở dữ liệu "motcua"'),
    ('FATAL:  role "counter_motcua_ban_9" is not permitted to log in', "đã bị khoá"),
    ('could not translate host name "server.office.lan" to address', "không tìm thấy tên"),
    (
        "Connection refused\n\tIs the server running on that host and accepting TCP/IP "
        "connections?",
        "pg_lsclusters",
    ),
    ("FATAL:  terminating connection due to administrator command", "chuyển sang máy chủ khác"),
    ("FATAL:  the database system is shutting down", "máy chủ đang dừng"),
]


@pytest.mark.parametrize(("text", "told"), CASES)
def test_each_failure_names_what_to_fix(text, told):
    assert told in (cause(Exception(FAILED + text), admin=True) or "")


def test_a_desk_is_told_to_join_again_on_a_wrong_password():
    error = Exception(FAILED + 'FATAL:  password authentication failed for user "counter_x"')
    assert "tham gia lại" in _why(error) and "counter_x" not in _why(error)
    assert "PGPASSWORD" in (cause(error, admin=True) or "")


def test_an_unknown_text_is_none():
    assert cause(Exception("something else entirely"), admin=True) is None


def test_a_cancel_the_server_refuses_ends_quietly():
    """The call watchdog's cancel on a server gone (or a frozen one let go meanwhile) fails:
    no traceback from the timer's thread, the call ends with its connection."""
    from counter_app.sync.link import _cancel

    class Gone:
        def cancel_safe(self) -> None:
            raise OSError("cancellation failed: server closed the connection unexpectedly")

    fired = threading.Event()
    _cancel(Gone(), fired)
    assert fired.is_set()


def test_an_answer_that_came_after_the_watchdog_cancelled_is_not_taken(monkeypatch):
    """PostgreSQL returns a commit whose wait for the synchronous standby was cancelled as
    done, with a warning: a frozen leader let go answers so, and its answer is rewound.
    The desk takes no number and no "saved" from such an answer."""
    from counter_app.sync import link as links

    class Slow:
        closed = False

        def execute(self, *_: object) -> Slow:
            time.sleep(0.3)  # the watchdog fires meanwhile; the row still comes
            return self

        def fetchone(self) -> tuple[dict[str, int]]:
            return ({"first": 503},)

        def cancel_safe(self) -> None:
            pass

        def close(self) -> None:
            self.closed = True

    monkeypatch.setattr(links, "CALL_TIMEOUT_S", 0.05)
    line = links.Link("postgresql://x@127.0.0.1:1/motcua")
    monkeypatch.setattr(line, "_connection", lambda: Slow())
    with pytest.raises(links.Offline, match="chưa chắc đã được lưu"):
        line.lease(None, 1)
