"""The desk's line to its office server: the functions its role may call, each in a
short transaction, with timeouts so that a dead network costs seconds, not minutes.
Whatever fails is an `Offline` (nothing is lost: the records wait in the desk)."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from datetime import date
from typing import Any

from counter_app.errors import CounterError

CONNECT_TIMEOUT_S = 3
STATEMENT_TIMEOUT_MS = 20_000
CALL_TIMEOUT_S = 30  # any call, commit included
HELLO_EVERY_S = 60  # the server notes a desk as seen at most once a minute (SQL 0005)


class Offline(CounterError):
    """The server could not be reached or did not answer; nothing of the desk is lost."""


class Refused(CounterError):
    """The server answered and refused (a desk disabled, an identity taken…)."""

    def __init__(self, message: str, sqlstate: str | None = None) -> None:
        super().__init__(f"Máy chủ văn phòng từ chối: {message}")
        self.sqlstate = sqlstate


class UpdateRequired(CounterError):
    """The server does not take this version's events: the desk keeps them and works on."""


class Link:
    def __init__(self, url: str) -> None:
        self._url = url
        self._db: Any = None
        self._greeted: float | None = None  # the last hello on this connection (monotonic)

    def __enter__(self) -> Link:
        return self

    def __exit__(self, *_: object) -> None:
        self.close()

    def close(self) -> None:
        if self._db is not None:
            try:
                self._db.close()
            finally:
                self._db = None

    def _connection(self) -> Any:
        if self._db is None or self._db.closed:
            from counter_app.sync.server import connect

            self._greeted = None
            try:
                self._db = connect(
                    self._url,
                    connect_timeout=CONNECT_TIMEOUT_S,
                    autocommit=True,
                    options=f"-c statement_timeout={STATEMENT_TIMEOUT_MS}",
                    keepalives=1,
                    keepalives_idle=10,
                    keepalives_interval=5,
                    keepalives_count=3,
                )  # a dead line is noticed in ~25 s
            except Exception as error:  # any failure to connect: offline, said plainly
                raise Offline(_why(error)) from None
        return self._db

    def _call(self, sql: str, *args: Any) -> Any:
        import psycopg

        db = self._connection()
        # statement_timeout does not cover a commit waiting for a synchronous standby that
        # is gone: the desk cancels the call itself, and is offline for this round
        fired = threading.Event()
        watchdog = threading.Timer(CALL_TIMEOUT_S, _cancel, (db, fired))
        watchdog.start()
        try:
            row = db.execute(sql, args).fetchone()
            if fired.is_set():
                # A commit's wait for the standby, cancelled, returns as done (with only a
                # warning) though only this node has it: a leader frozen and let go after
                # another was promoted answers so, and its answer is rewound away. Its
                # number or "saved" is never taken (the cluster drill leased one number
                # to two desks so).
                self.close()
                raise Offline(UNSURE)
        except psycopg.errors.QueryCanceled as error:
            self.close()
            raise Offline(_why(error)) from None
        except Offline:
            raise
        except (psycopg.OperationalError, psycopg.InterfaceError, OSError) as error:
            self.close()  # the line broke: the next call connects again
            raise Offline(_why(error)) from None
        except psycopg.Error as error:  # the server answered: it refuses
            self.close()
            raise Refused(
                " ".join(str(error).split("\n")[0].split())[:300], getattr(error, "sqlstate", None)
            ) from None
        finally:
            watchdog.cancel()
        return row[0]

    def hello(self) -> dict[str, Any]:
        answer = dict(self._call("SELECT counter.hello()"))
        self._greeted = time.monotonic()
        return answer

    def greeted_recently(self) -> bool:
        """This connection said hello less than a minute ago: the server knows this desk
        by it (a broken line or a new connection starts with a hello again)."""
        return (
            self._db is not None
            and not self._db.closed
            and self._greeted is not None
            and time.monotonic() - self._greeted < HELLO_EVERY_S
        )

    def push(self, batch: dict[str, Any]) -> dict[str, Any]:
        answer = dict(self._call("SELECT counter.push(%s::jsonb)", json.dumps(batch)))
        if answer.get("update_required"):
            raise UpdateRequired(
                "Máy chủ văn phòng không nhận dữ liệu của phiên bản chương trình này: cần cập "
                "nhật counter-app. Dữ liệu vẫn được giữ ở bàn và bàn vẫn làm việc bình thường."
            )
        return answer

    def audit_head(self) -> dict[str, Any]:
        """This desk's newest audit entry the server holds: {"desk", "seq", "hash"}."""
        return dict(self._call("SELECT counter.audit_head()"))

    def pull(self, cursors: dict[str, Any], max_rows: int) -> dict[str, Any]:
        return dict(self._call("SELECT counter.pull(%s::jsonb, %s)", json.dumps(cursors), max_rows))

    def lease(self, day: date | None, count: int) -> dict[str, Any]:
        return dict(self._call("SELECT counter.lease(%s, %s)", day, count))

    def reserve(self, day: date, count: int) -> dict[str, Any]:
        """Numbers for offline work, from the top of the day's range (SQL 0012); a server
        not yet upgraded leases them from its one counter, as before."""
        try:
            return dict(self._call("SELECT counter.reserve(%s, %s)", day, count))
        except Refused as refused:
            if refused.sqlstate != "42883":  # undefined_function: an older server
                raise
        return self.lease(day, count)

    def claim(self, last_by_day: dict[str, int], apply: bool) -> dict[str, Any]:
        """At join: the numbers this desk gave alone ({day: last}) that another desk holds
        ({"held": […]}); with `apply`, and none held, they become this desk's."""
        return dict(
            self._call("SELECT counter.claim(%s::jsonb, %s)", json.dumps(last_by_day), apply)
        )

    def bind(self, desk_id: str, name: str) -> dict[str, Any]:
        return dict(self._call("SELECT counter.bind_desk(%s::uuid, %s)", desk_id, name))

    def dossiers_by_id(self, ids: list[str]) -> list[dict[str, Any]]:
        return list(self._call("SELECT counter.dossiers_by_id(%s::uuid[])", ids))

    def taken_codes(self, codes: list[str]) -> list[str]:
        return list(self._call("SELECT counter.taken_codes(%s::text[])", codes))

    def portal_status(self, first: Any, last: Any) -> dict[str, Any]:
        """The office's national-portal messages (SQL 0021): counts and failures."""
        return dict(self._call("SELECT counter.portal_status(%s, %s)", first, last))

    # documents' files (SQL 0018, sync/documents.py)
    def documents_wanted(self, shas: list[str]) -> dict[str, Any]:
        return dict(self._call("SELECT counter.documents_wanted(%s::text[])", shas))

    def document_put(self, sha: str, n: int, data: bytes) -> dict[str, Any]:
        return dict(self._call("SELECT counter.document_put(%s, %s, %s::bytea)", sha, n, data))

    def document_info(self, sha: str) -> dict[str, Any]:
        return dict(self._call("SELECT counter.document_info(%s)", sha))

    def document_chunk(self, sha: str, n: int) -> bytes:
        return bytes(self._call("SELECT counter.document_chunk(%s, %s)", sha, n))


UNSURE = (
    "Không kết nối được máy chủ văn phòng: máy chủ trả lời quá chậm, việc vừa gửi chưa chắc "
    "đã được lưu (sẽ gửi lại ở lần đồng bộ sau)."
)


def _cancel(db: Any, fired: threading.Event) -> None:
    """The watchdog's cancel: a server that is gone, or a frozen one let go meanwhile,
    refuses it (`cancellation failed: … server closed the connection`); the call then ends
    with the connection, so the failure is no news (and a thread's traceback on stderr
    would be all the desk made of it)."""
    fired.set()
    with contextlib.suppress(Exception):
        db.cancel_safe()


def _why(error: Exception) -> str:
    """What went wrong, for people, in Vietnamese: no URL, no password, no English text
    (the error's type only, for the IT person)."""
    from counter_app.sync.reach import cause as reason

    cause = reason(error, admin=False) or "không rõ nguyên nhân"
    return f"Không kết nối được máy chủ văn phòng: {cause} ({type(error).__name__})."
