"""`counter-app digitise`, `documents`, `document get` as docs/digitisation.md gives them: the
document kept by its hash, the bad input refused with nothing written (no event, no file),
no event without its file and no file without its event whatever stops the process."""

from __future__ import annotations

import errno
import io
import json
import os
import sqlite3
import stat
from pathlib import Path

import pikepdf
import pytest
from PIL import Image

from counter_app.digitisation import store as store_module
from tests.integration.driver import Desk, process

SPEC_KEYS = {"code", "item", "sha256", "pages", "bytes", "signed"}
LINE_KEYS = {"item", "name", "source", "sha256", "pages", "bytes", "signed", "at", "officer"}


def image(size: tuple[int, int] = (1240, 1754), fmt: str = "PNG", mode: str = "L") -> bytes:
    out = io.BytesIO()
    Image.new(mode, size, 200).save(out, fmt)
    return out.getvalue()


def pdf(pages: int = 1, password: str | None = None) -> bytes:
    made = pikepdf.new()
    for _ in range(pages):
        made.add_blank_page()
    out = io.BytesIO()
    encryption = pikepdf.Encryption(owner=password, user=password) if password else False
    made.save(out, encryption=encryption)
    return out.getvalue()


def files_in(desk: Desk) -> list[Path]:
    root = desk.path.parent / "documents"
    return sorted(p for p in root.rglob("*") if p.is_file()) if root.exists() else []


def events(desk: Desk, kind: str = "digitised") -> int:
    with sqlite3.connect(desk.path) as db:
        return int(db.execute("SELECT count(*) FROM events WHERE kind = ?", (kind,)).fetchone()[0])


def big_file(path: Path) -> str:
    with path.open("wb") as out:
        out.write(b"%PDF-1.4\n")
        out.truncate(101_000_000)
    return str(path)


BAD = {
    "not a pdf or an image": lambda d: ["--item", "1", d.file("a.txt", b"hello, world\n")],
    "encrypted pdf": lambda d: ["--item", "1", d.file("a.pdf", pdf(password="khoa"))],
    "damaged pdf": lambda d: ["--item", "1", d.file("a.pdf", pdf()[:200])],
    "201 pages": lambda d: ["--item", "1", d.file("a.pdf", pdf(201))],
    "101 MB": lambda d: ["--item", "1", big_file(d.tmp / "big.pdf")],
    "image of 50 px": lambda d: ["--item", "1", d.file("a.png", image((50, 800)))],
    "image of 30,000 px": lambda d: [
        "--item",
        "1",
        d.file("a.png", image((30_000, 200), mode="1")),
    ],
    "damaged image": lambda d: ["--item", "1", d.file("a.jpg", image(fmt="JPEG")[:300])],
    "a line the checklist lacks": lambda d: ["--item", "4", d.file("a.png", image())],
    "line 0": lambda d: ["--item", "0", d.file("a.png", image())],
    "result before it is back": lambda d: ["--item", "result", d.file("a.png", image())],
    "a pdf with an image": lambda d: [
        "--item",
        "1",
        d.file("a.pdf", pdf()),
        d.file("b.png", image()),
    ],
    "no file": lambda d: ["--item", "1"],
    "file and exemption": lambda d: ["--item", "1", d.file("a.png", image()), "--exempt", "x"],
    "blank exemption": lambda d: ["--item", "1", "--exempt", "  "],
    "reuse of an unknown hash": lambda d: ["--item", "1", "--reuse", "ab" * 32],
    "reuse of no hash": lambda d: ["--item", "1", "--reuse", "12345"],
    "missing file": lambda d: ["--item", "1", str(d.tmp / "absent.png")],
}


@pytest.mark.parametrize("case", sorted(BAD))
def test_bad_input_is_refused_with_nothing_written(ready, case):
    desk, code = ready
    given = BAD[case](desk)
    outcome = desk.outcome("digitise", code, *given)
    assert outcome.refused(), outcome
    assert events(desk) == 0
    assert files_in(desk) == []
    assert "a.png" not in outcome.err and "absent" not in outcome.err  # files by place


def test_images_become_one_document_listed_in_checklist_order(ready):
    desk, code = ready
    done = desk.json(
        "digitise",
        code,
        "--item",
        "2",
        desk.file("p1.png", image()),
        desk.file("p2.jpg", image(fmt="JPEG")),
    )
    assert set(done) >= SPEC_KEYS
    assert (done["code"], done["item"], done["pages"], done["signed"]) == (code, 2, 2, False)
    (stored,) = files_in(desk)
    assert stored.name == f"{done['sha256']}.pdf" and stored.stat().st_size == done["bytes"]
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600
    listing = desk.json("documents", code)
    assert [d["item"] for d in listing["documents"]] == [1, 2, 3, "result"]
    assert all(set(d) >= LINE_KEYS for d in listing["documents"])
    first, second = listing["documents"][:2]
    assert first["source"] is None
    assert (second["source"], second["sha256"], second["here"]) == ("file", done["sha256"], True)


def test_a_pdf_is_kept_byte_for_byte_and_given_back(ready):
    desk, code = ready
    original = pdf(3)
    done = desk.json("digitise", code, "--item", "1", desk.file("in.pdf", original))
    assert done["pages"] == 3
    assert desk.run("document", "get", code, "--item", "1", "-o", str(desk.tmp / "out.pdf"))[0] == 0
    assert (desk.tmp / "out.pdf").read_bytes() == original
    assert stat.S_IMODE((desk.tmp / "out.pdf").stat().st_mode) == 0o600


def test_the_same_document_twice_is_one_event_and_one_file(ready):
    desk, code = ready
    page = desk.file("p.png", image())
    first = desk.json("digitise", code, "--item", "1", page)
    again = desk.json("digitise", code, "--item", "1", page)
    assert again["sha256"] == first["sha256"] and again["recorded"] is False
    assert events(desk) == 1 and len(files_in(desk)) == 1


def test_a_replaced_document_keeps_its_file_in_the_history(ready):
    desk, code = ready
    old = desk.json("digitise", code, "--item", "1", desk.file("a.png", image()))
    new = desk.json("digitise", code, "--item", "1", desk.file("b.png", image((1300, 1800))))
    line = desk.json("documents", code)["documents"][0]
    assert line["sha256"] == new["sha256"]
    assert [h["sha256"] for h in line["history"]] == [old["sha256"]]
    assert len(files_in(desk)) == 2


def test_a_changed_file_is_told_by_document_get(ready):
    desk, code = ready
    desk.json("digitise", code, "--item", "1", desk.file("a.png", image()))
    (stored,) = files_in(desk)
    stored.write_bytes(stored.read_bytes()[:-10] + b"0123456789")
    result = desk.run("document", "get", code, "--item", "1", "-o", str(desk.tmp / "out.pdf"))
    assert result[0] == 1 and result[2].startswith("error: ") and result[2].count("\n") == 1
    assert not (desk.tmp / "out.pdf").exists()


def test_an_exemption_is_recorded_without_a_file(ready):
    desk, code = ready
    done = desk.json(
        "digitise", code, "--item", "3", "--exempt", "Bản sao không chứng thực (Điều 4)"
    )
    assert (done["source"], done["sha256"]) == ("exempt", None)
    line = desk.json("documents", code)["documents"][2]
    assert (line["source"], line["reason"]) == ("exempt", "Bản sao không chứng thực (Điều 4)")
    assert files_in(desk) == []


def test_reuse_takes_the_same_citizens_document_only(ready):
    desk, code = ready
    first = desk.json("digitise", code, "--item", "1", desk.file("a.png", image()))
    same = desk.receive(received_at="2026-02-14T09:00:00+07:00")["code"]
    other = desk.receive(
        received_at="2026-02-14T10:00:00+07:00", applicant_id_number="001099012345"
    )["code"]
    reused = desk.json("digitise", same, "--item", "1", "--reuse", first["sha256"])
    assert (reused["source"], reused["pages"]) == ("reuse", 1)
    assert desk.outcome("digitise", other, "--item", "1", "--reuse", first["sha256"]).refused()
    assert len(files_in(desk)) == 1


def test_a_full_disk_leaves_neither_file_nor_event(ready, monkeypatch):
    desk, code = ready

    def full(_fd: int, _data: bytes) -> None:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(store_module, "_write_all", full)
    result = desk.run("digitise", code, "--item", "1", desk.file("a.png", image()))
    assert result[0] == 1 and "Ổ đĩa đầy" in result[2] and result[2].count("\n") == 1
    assert events(desk) == 0 and files_in(desk) == []
    monkeypatch.undo()
    assert desk.run("digitise", code, "--item", "1", desk.file("a.png", image()))[0] == 0
    assert events(desk) == 1 and len(files_in(desk)) == 1


@pytest.mark.parametrize("point", ["part-written", "file-stored", "event-written", "committed"])
def test_a_killed_process_leaves_both_or_neither_and_a_retry_adds_one(ready, point):
    desk, code = ready
    page = desk.file("a.png", image())
    env = {store_module.CRASH_AT: point}
    died = process("--db", desk.url, "digitise", code, "--item", "1", page, env=env)
    assert died.returncode == 137
    recorded = events(desk)
    named = {f.stem for f in files_in(desk) if f.suffix == ".pdf"}
    assert recorded == (1 if point == "committed" else 0)
    assert bool(named) == (point != "part-written")  # a file maybe, never an event alone
    retry = process("--db", desk.url, "digitise", code, "--item", "1", page, "--json")
    assert retry.returncode == 0, retry.stderr
    sha = json.loads(retry.stdout)["sha256"]
    assert events(desk) == 1
    assert {f.stem for f in files_in(desk) if f.suffix == ".pdf"} == {sha}
    leftovers = [f for f in files_in(desk) if f.suffix != ".pdf"]
    for f in leftovers:  # an interrupted write's temporary file: swept once old
        os.utime(f, (1, 1))
    assert desk.run("digitise", code, "--item", "2", "--exempt", "Điều 4")[0] == 0
    assert [f.stem for f in files_in(desk)] == [sha]


def test_a_backup_holds_the_documents_and_restore_brings_them_back(ready):
    desk, code = ready
    done = desk.json("digitise", code, "--item", "1", desk.file("a.png", image()))
    copy = desk.tmp / "copy.db"
    made = desk.json("backup", "-o", str(copy))
    assert made["documents"]["files"] == 1 and made["documents"]["missing"] == []
    held = desk.tmp / "copy.db.documents" / done["sha256"][:2] / f"{done['sha256']}.pdf"
    assert held.is_file()
    for f in files_in(desk):  # the desk's disk lost its documents
        f.unlink()
    assert desk.run("restore", str(copy))[0] == 0
    assert [f.stem for f in files_in(desk)] == [done["sha256"]]
    assert desk.run("document", "get", code, "--item", "1", "-o", str(desk.tmp / "o.pdf"))[0] == 0


def test_restore_refuses_a_copy_whose_document_is_changed(ready):
    desk, code = ready
    done = desk.json("digitise", code, "--item", "1", desk.file("a.png", image()))
    copy = desk.tmp / "copy.db"
    assert desk.run("backup", "-o", str(copy))[0] == 0
    for f in files_in(desk):
        f.unlink()
    held = desk.tmp / "copy.db.documents" / done["sha256"][:2] / f"{done['sha256']}.pdf"
    held.write_bytes(held.read_bytes() + b"\n% changed")
    desk.receive(received_at="2026-02-14T09:00:00+07:00")  # after the copy: still here after
    outcome = desk.outcome("restore", str(copy))
    assert outcome.code == 2 and outcome.unchanged
    assert done["sha256"] in outcome.err and outcome.err.count("\n") == 1
