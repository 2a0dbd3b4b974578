"""Documents' files reach the office server after their events and another desk fetches them
(issue 20, point 4): once per content, a cut transfer goes on from the last chunk, a wrong
file is never whole, and a desk of another agency can neither send nor read one."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG
from counter_app.db import unit_of_work
from counter_app.digitisation import listing, record
from counter_app.digitisation.store import Store, root_of, sha256_of
from counter_app.sync import documents, server, state
from counter_app.sync.link import Link, Refused
from tests.integration.test_sync import Desk
from tests.integration.test_sync import office as office  # noqa: F401 - the fixture
from tests.integration.test_sync_digitised import page

OTHER_AGENCY = "000.00.21.H26"


def desk_in(tmp_path: Path, name: str, admin_url: str) -> Desk:
    """A desk in a folder of its own: its documents folder is its own too."""
    folder = tmp_path / name
    folder.mkdir()
    return Desk(folder, name, admin_url)


def store(desk: Desk) -> Store:
    return Store(root_of(desk.url))


def digitise(desk: Desk, code: str, item: int = 1, pdf: bytes | None = None) -> str:
    files = record.Files((pdf if pdf is not None else page(),))
    return desk.act(record.digitise, code, item, files, store=store(desk), now=now()).sha256


def on_server(admin_url: str, sha: str) -> tuple[bool | None, int]:
    """(whole, chunks held) of a file on the server; (None, 0) when it has none."""
    with server.connect(admin_url) as db:
        row = db.execute(
            "SELECT whole FROM counter.document_files WHERE sha256 = %s", (sha,)
        ).fetchone()
        held = db.execute(
            "SELECT count(*) FROM counter.document_chunks WHERE sha256 = %s", (sha,)
        ).fetchone()
    return (None if row is None else row[0]), held[0]


def chunk_bytes(admin_url: str, size: int) -> None:
    """Chunks of `size` bytes for files sent from now on (1 MiB unless told)."""
    with server.connect(admin_url) as db:
        db.execute(
            "UPDATE counter.meta SET value = %s WHERE key = 'document_chunk_bytes'", (str(size),)
        )


def upload(desk: Desk, budget: int | None = None) -> documents.Sent:
    with desk.link() as link:
        return documents.upload(desk.sessions, link, store(desk), budget)


def here(desk: Desk, code: str) -> bool | None:
    with unit_of_work(desk.sessions) as session:
        line = listing.documents(session, code, store(desk)).lines[0].current
    assert line is not None
    return line.here


def test_a_file_sent_by_one_desk_is_fetched_by_another(office, tmp_path):
    first, second = desk_in(tmp_path, "Ban 1", office), desk_in(tmp_path, "Ban 2", office)
    code = first.receive()
    sha = digitise(first, code)
    # its event has not reached the server: the file is not sent before it
    assert upload(first).bytes == 0 and on_server(office, sha) == (None, 0)
    first.sync()
    sent = upload(first)
    assert (sent.files, sent.bytes, sent.waiting) == (1, store(first).path(sha).stat().st_size, 0)
    second.sync()
    assert here(second, code) is False
    data = documents.fetch(second.url, sha)
    assert sha256_of(data) == sha and here(second, code) is True
    assert store(second).read(sha) == store(first).read(sha)
    assert upload(first).bytes == 0  # nothing sent twice


def test_the_same_content_from_two_desks_is_stored_once(office, tmp_path):
    first, second = desk_in(tmp_path, "Ban 1", office), desk_in(tmp_path, "Ban 2", office)
    sha = digitise(first, first.receive())
    pdf = store(first).read(sha)
    assert digitise(second, second.receive(), pdf=pdf) == sha  # a PDF is kept as it is
    first.sync(), second.sync()
    assert upload(first).bytes == len(pdf)
    again = upload(second)
    assert (again.files, again.bytes) == (1, 0)  # asked first: the server has it
    with server.connect(office) as db:
        stored = db.execute(
            "SELECT count(*), sum(octet_length(bytes)) FROM counter.document_chunks"
        ).fetchone()
    assert stored == (1, len(pdf))


KILLED_DESK = """
import sys
from counter_app.db import make_engine, session_factory
from counter_app.digitisation.store import Store, root_of
from counter_app.sync import documents, state
from counter_app.sync.link import Link
url = sys.argv[1]
with Link(state.load_url(url)) as link:
    documents.upload(session_factory(make_engine(url)), link, Store(root_of(url)))
"""


class Counting(Link):
    def __init__(self, url: str) -> None:
        super().__init__(url)
        self.sent: list[int] = []

    def document_put(self, sha: str, n: int, data: bytes) -> dict[str, Any]:
        self.sent.append(n)
        return super().document_put(sha, n, data)


def test_a_desk_killed_after_chunk_1_of_3_goes_on_from_chunk_2(office, tmp_path):
    first = desk_in(tmp_path, "Ban 1", office)
    sha = digitise(first, first.receive())
    size = store(first).path(sha).stat().st_size
    chunk_bytes(office, (size + 2) // 3)
    first.sync()
    env = os.environ | {"COUNTER_APP_CRASH_AT": "document-chunk-1"}
    killed = subprocess.run(
        [sys.executable, "-c", KILLED_DESK, first.url], env=env, capture_output=True, timeout=60
    )
    assert killed.returncode == 137, killed.stderr
    assert on_server(office, sha) == (False, 1)
    with Counting(str(state.load_url(first.url))) as link:
        documents.upload(first.sessions, link, store(first))
    assert link.sent == [1, 2]  # chunk 1 was not sent again
    assert on_server(office, sha) == (True, 3)
    second = desk_in(tmp_path, "Ban 2", office)
    second.sync()
    assert documents.fetch(second.url, sha) == store(first).read(sha)


def test_a_round_sends_no_more_than_its_budget_and_the_next_goes_on(office, tmp_path):
    first = desk_in(tmp_path, "Ban 1", office)
    sha = digitise(first, first.receive())
    size = store(first).path(sha).stat().st_size
    chunk_bytes(office, (size + 2) // 3)
    first.sync()
    one = upload(first, budget=1)  # one chunk a round
    assert (one.files, one.waiting, on_server(office, sha)) == (0, 1, (False, 1))
    upload(first, budget=1), upload(first, budget=1)
    assert on_server(office, sha) == (True, 3)
    with unit_of_work(first.sessions) as session:
        assert documents.waiting(session) == 0


def test_a_wrong_last_chunk_is_refused_and_the_file_is_not_whole(office, tmp_path):
    first, second = desk_in(tmp_path, "Ban 1", office), desk_in(tmp_path, "Ban 2", office)
    code = first.receive()
    sha = digitise(first, code)
    data = store(first).read(sha)
    chunk = (len(data) + 2) // 3
    chunk_bytes(office, chunk)
    first.sync(), second.sync()
    wrong = data[2 * chunk :][:-1] + bytes([data[-1] ^ 1])
    with first.link() as link:
        assert link.document_put(sha, 0, data[:chunk])["held"] == 1
        assert link.document_put(sha, 1, data[chunk : 2 * chunk])["held"] == 2
        answer = link.document_put(sha, 2, wrong)
    assert answer["whole"] is False and "không khớp" in answer["refused"]
    assert on_server(office, sha) == (False, 0)
    with pytest.raises(documents.NotOnServer, match="chưa lên máy chủ"):
        documents.fetch(second.url, sha)
    assert here(second, code) is False
    upload(first)  # the desk sends it again, whole
    assert documents.fetch(second.url, sha) == data


def test_a_desk_of_another_agency_can_neither_send_nor_read_this_agencys_file(office, tmp_path):
    other = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    other["agency"] = other["agency"] | {"code": OTHER_AGENCY, "name": "UBND xã Khác"}
    server.publish_catalog(office, other, now())
    first = desk_in(tmp_path, "Ban 1", office)
    sha = digitise(first, first.receive())
    data = store(first).read(sha)
    first.sync()
    stranger = Link(server.add_desk(office, "Xa khac", OTHER_AGENCY))
    with stranger:
        assert stranger.documents_wanted([sha])["refused"] == [sha]
        with pytest.raises(Refused, match="không nhận tệp này"):
            stranger.document_put(sha, 0, data)
    assert on_server(office, sha) == (None, 0)
    upload(first)
    assert on_server(office, sha) == (True, 1)
    with stranger:
        for read in (lambda: stranger.document_info(sha), lambda: stranger.document_chunk(sha, 0)):
            with pytest.raises(Refused, match="không có giấy tờ này") as refused:
                read()
            assert refused.value.sqlstate == "42501"
        with pytest.raises(Refused):
            documents.fetch_with(stranger, Store(tmp_path / "stranger"), sha)
    assert not (tmp_path / "stranger").exists()


def cli(capsys: Any, desk: Desk, *args: str) -> Any:
    from counter_app.cli import main

    capsys.readouterr()
    code = main(["--db", desk.url, *args, "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    return json.loads(out)


def test_the_commands_send_count_and_get_documents(office, tmp_path, capsys):
    """`sync` sends the files after the events, `sync status` counts those waiting, and
    `document get` on a desk without the file fetches it from the server."""
    first, second = desk_in(tmp_path, "Ban 1", office), desk_in(tmp_path, "Ban 2", office)
    code = first.receive()
    sha = digitise(first, code)
    assert cli(capsys, first, "sync", "status")["documents"] == {"waiting": 1}
    done = cli(capsys, first, "sync")
    assert done["documents"] == {"sent": 1, "bytes": len(store(first).read(sha)), "waiting": 0}
    assert cli(capsys, first, "sync", "status")["documents"] == {"waiting": 0}
    cli(capsys, second, "sync")
    out = tmp_path / "ban-2.pdf"
    got = cli(capsys, second, "document", "get", code, "--item", "1", "-o", str(out))
    assert got["bytes"] == out.stat().st_size and sha256_of(out.read_bytes()) == sha
