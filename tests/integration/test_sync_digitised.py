"""A digitised document reaches the office and the other desks as an event: the second
desk lists it (its file not there yet), and a desk cannot add one to another agency's
dossier (issue 20, point 4)."""

from __future__ import annotations

import io
from pathlib import Path

from PIL import Image
from sqlalchemy import select

from counter_app.clock import now
from counter_app.digitisation import listing, record
from counter_app.digitisation.store import Store
from counter_app.models import Event
from tests.integration.test_sync import Desk
from tests.integration.test_sync import office as office  # noqa: F401 - the fixture


def page() -> bytes:
    out = io.BytesIO()
    Image.new("L", (1240, 1754), 230).save(out, "JPEG")
    return out.getvalue()


def store_of(desk: Desk) -> Store:
    return Store(Path(desk.url.removeprefix("sqlite:///")).parent / f"{desk.name}-documents")


def documents(desk: Desk, code: str) -> listing.Documents:
    from counter_app.db import unit_of_work

    with unit_of_work(desk.sessions) as session:
        return listing.documents(session, code, store_of(desk))


def test_a_digitised_document_is_listed_on_another_desk(office, tmp_path):
    first, second = Desk(tmp_path, "desk-1", office), Desk(tmp_path, "desk-2", office)
    code = first.receive()
    done = first.act(
        record.digitise,
        code,
        1,
        record.Files((page(),)),
        store=store_of(first),
        now=now(),
    )
    exempt = first.act(
        record.digitise, code, 2, record.Exempt("Điều 4"), store=store_of(first), now=now()
    )
    first.sync()
    second.sync()
    seen = documents(second, code)
    line1, line2 = seen.lines[0].current, seen.lines[1].current
    assert line1 is not None and line2 is not None
    assert (line1.sha256, line1.pages, line1.source, line1.here) == (done.sha256, 1, "file", False)
    assert (line2.source, line2.sha256, exempt.sha256) == ("exempt", None, None)
    here = documents(first, code).lines[0].current
    assert here is not None and here.here is True
    with first.engine.connect() as db:
        statuses = set(
            db.execute(select(Event.server_status).where(Event.kind == "digitised")).scalars()
        )
    assert statuses == {"applied"}


def test_the_server_refuses_a_result_digitised_before_it_is_back(office, tmp_path):
    """The desk refuses it too; a desk that sends it anyway (hostile, or a bug) is refused
    by the server, and the other desks never list it."""
    first, second = Desk(tmp_path, "desk-1", office), Desk(tmp_path, "desk-2", office)
    code = first.receive()
    data = {
        "item": "result",
        "name": "Kết quả giải quyết",
        "source": "file",
        "sha256": "ab" * 32,
        "pages": 1,
        "bytes": 1000,
        "signed": False,
    }
    from counter_app.services.dossiers import events
    from counter_app.services.dossiers.lifecycle import load

    first.act(lambda s, who: events.record(s, who, load(s, code), "digitised", now(), data=data))
    first.sync()
    with first.engine.connect() as db:
        reason = db.execute(
            select(Event.server_status, Event.server_reason).where(Event.kind == "digitised")
        ).one()
    assert reason[0] == "rejected" and "chưa có kết quả" in reason[1]
    second.sync()
    assert documents(second, code).lines[-1].current is None
