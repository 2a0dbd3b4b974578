"""Documents' files (the PDFs of digitisation) between the desk and its office server (SQL
0018): sent after their events, once per content, in chunks the server keeps; fetched on
demand by a desk that lists a document without its file.

- `upload(sessions, link, store, budget)`: one round of sending. This desk's `digitised`
  events the server already holds, in their order: the server is asked which of their
  files it still wants (a file another desk sent is not sent again) and from which chunk
  (a cut transfer goes on where it stopped); at most `budget` bytes a round, so that a big
  file never holds back the next round of events. The desk's cursor (`documents_upto`)
  moves past an event once its file is whole on the server.
- `fetch(db_url, sha256) -> bytes`: the file of a document, from this desk if it is here,
  otherwise from the office server (then kept here, proved by its hash). It blocks on the
  network: the GUI calls it from a worker (`context.tasks.run`), never the GUI thread.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from counter_app.db import unit_of_work
from counter_app.digitisation.errors import DocumentDamaged
from counter_app.digitisation.store import Store, checked_hash, crash_point, root_of, sha256_of
from counter_app.errors import CounterError
from counter_app.models import Event
from counter_app.services import desk
from counter_app.services.dossiers.event_kinds import EventKind
from counter_app.sync import state
from counter_app.sync.link import Link, Refused

ROUND_BYTES = 4 << 20  # what one round sends at most (4 chunks of 1 MiB)
ASK = 200  # events a round looks at
NOT_YET = "P0002"  # the server's answer for a file not whole there yet
_log = logging.getLogger(__name__)


class NotOnServer(DocumentDamaged):
    """The document's file has not reached the office server yet (the desk that digitised
    it has not sent it all): try again later."""


@dataclass(frozen=True)
class Sent:
    files: int  # made whole on the server by this round (or found there already)
    bytes: int  # sent by this round
    waiting: int  # files of this desk the server may still lack


def _own(session: Session, after: int, upto: int | None = None) -> list[tuple[int, str]]:
    """This desk's digitised events after `after` (up to `upto`) with a file: (seq, sha)."""
    here = desk.local_desk(session).id
    query = (
        select(Event.desk_seq, Event.data)
        .where(Event.desk_id == here, Event.kind == EventKind.DIGITISED, Event.desk_seq > after)
        .order_by(Event.desk_seq)
    )
    if upto is not None:
        query = query.where(Event.desk_seq <= upto).limit(ASK)
    return [(seq, str(data["sha256"])) for seq, data in session.execute(query) if _sha(data)]


def _sha(data: Any) -> bool:
    return isinstance(data, dict) and isinstance(data.get("sha256"), str)


def waiting(session: Session) -> int:
    """The files of this desk's documents the server may still lack (sync status)."""
    return len({sha for _, sha in _own(session, int(state.get(session, "documents_upto", 0)))})


def upload(
    sessions: sessionmaker[Session], link: Link, store: Store, budget: int | None = None
) -> Sent:
    """One round of sending (see the module's text); raises Offline when the line drops
    (what the server holds stays: the next round goes on from there)."""
    budget = ROUND_BYTES if budget is None else budget
    with unit_of_work(sessions) as session:
        after = int(state.get(session, "documents_upto", 0))
        rows = _own(session, after, int(state.get(session, "events_upto", 0)))
    files = sent = 0
    if rows:
        answer = link.documents_wanted(sorted({sha for _, sha in rows}))
        wanted: dict[str, Any] = answer.get("wanted") or {}
        for seq, sha in rows:
            if sha in wanted:
                if sent >= budget:
                    break
                whole, count = _send(link, store, sha, wanted[sha], budget - sent)
                sent += count
                if not whole:
                    break  # this round's bytes are spent (or the file comes next round)
                wanted.pop(sha)
            # whole on the server now (or before), or refused: its event was not taken
            files, after = files + 1, seq
        with unit_of_work(sessions, write=True) as session:
            state.put(session, "documents_upto", after)
    with unit_of_work(sessions) as session:
        return Sent(files, sent, waiting(session))


def _send(
    link: Link, store: Store, sha: str, want: dict[str, Any], allowance: int
) -> tuple[bool, int]:
    """Chunks of one file from where the server is; (whole now, bytes sent)."""
    chunk, size, n = int(want["chunk"]), int(want["size"]), int(want["held"])
    last, sent = (size - 1) // chunk, 0
    if not store.has(sha):
        _log.warning("Tệp giấy tờ %s không còn trên bàn: không gửi được lên máy chủ.", sha)
        return True, 0  # nothing to send, ever: passed over (backup/restore has it or not)
    with store.path(sha).open("rb") as stream:
        while n <= last and sent < allowance:
            stream.seek(n * chunk)
            data = stream.read(chunk)
            answer = link.document_put(sha, n, data)
            sent += len(data)
            crash_point(f"document-chunk-{n + 1}")  # tests: die with chunk n+1 on the server
            if answer.get("whole"):
                return True, sent
            if answer.get("refused"):
                if not store.verify(sha):
                    _log.warning("Tệp giấy tờ %s trên bàn đã bị thay đổi: không gửi.", sha)
                    return True, sent
                _log.warning("Máy chủ không nhận tệp %s: %s", sha, answer["refused"])
                return False, sent  # sent again, from the start, next round
            n = int(answer["held"])
    return False, sent


def fetch(db_url: str, sha256: str) -> bytes:
    """The bytes of a document (see the module's text). Raises DocumentDamaged (not here
    and no office server, or the bytes do not give the hash), NotOnServer (not sent yet),
    Offline (the server cannot be reached), Refused (not a document of this agency)."""
    sha = checked_hash(sha256)
    store = Store(root_of(db_url))
    if store.has(sha):
        return store.read(sha)
    url = state.load_url(db_url)
    if url is None:
        raise DocumentDamaged(f"Không có tệp giấy tờ {sha} trên bàn này.")
    with Link(url) as link:
        return fetch_with(link, store, sha)


def fetch_with(link: Link, store: Store, sha: str) -> bytes:
    """The file from the server, proved by its hash, kept in `store`, returned."""
    try:
        info = link.document_info(sha)
        data = b"".join(link.document_chunk(sha, n) for n in range(int(info["chunks"])))
    except Refused as refused:
        if refused.sqlstate == NOT_YET:
            raise NotOnServer(
                f"Tệp giấy tờ {sha} chưa lên máy chủ văn phòng (bàn đã số hóa nó chưa gửi "
                "xong): hãy thử lại sau."
            ) from None
        raise
    if sha256_of(data) != sha:
        raise DocumentDamaged(f"Tệp giấy tờ {sha} nhận từ máy chủ không khớp mã SHA-256.")
    store.put(data)
    return data


def upload_quietly(sessions: sessionmaker[Session], link: Link, db_url: str) -> Sent | None:
    """A round of sending after a sync, for the background runner: a failure is logged
    (hashes only) and left to the next round; None when the desk has no documents folder."""
    try:
        store = Store(root_of(db_url))
    except CounterError:
        return None
    try:
        return upload(sessions, link, store)
    except CounterError as error:
        _log.warning("Gửi tệp giấy tờ lên máy chủ: %s", error)
        return None
