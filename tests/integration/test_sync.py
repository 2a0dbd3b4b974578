"""Several desks, one office server (a real PostgreSQL started by the tests): desks converge,
codes never collide, the server decides conflicts, a desk's role can do nothing but sync,
and a desk that worked alone joins with everything it has."""

from __future__ import annotations

import io
import json
import uuid
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import func, select

from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG
from counter_app.db import make_engine, migrate, session_factory, unit_of_work
from counter_app.models import CodeNumber, Dossier, Event
from counter_app.services import desk
from counter_app.services.dossiers import lifecycle, views
from counter_app.services.dossiers.workflow import Action
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from counter_app.sync import engine, reception, server, state
from counter_app.sync.join import conflicts, join
from counter_app.sync.link import Link, Refused, UpdateRequired
from counter_app.sync.numbers import NoNumberLeft

AGENCY = "000.00.20.H26"


class Desk:
    """A desk PC: its own SQLite file, joined to the server with its own role."""

    def __init__(
        self, folder: Path, name: str, admin_url: str, host: str | None = None, params: str = ""
    ) -> None:
        self.name = name
        self.url = f"sqlite:///{folder / (name.replace(' ', '_') + '.db')}"
        self.engine = make_engine(self.url)
        migrate(self.engine)
        self.sessions = session_factory(self.engine)
        with unit_of_work(self.sessions, write=True) as session:
            desk.local_desk(session)
        # host: where the desk connects, as `server add-desk --host` (a cluster's nodes)
        join(self.sessions, self.url, server.add_desk(admin_url, name, AGENCY, host) + params)
        self.sync()

    def link(self) -> Link:
        return Link(str(state.load_url(self.url)))

    def sync(self, **options: Any) -> engine.Result:
        with self.link() as link:
            return engine.sync_once(self.sessions, link, now, **options)

    def receive(self, name: str = "Nguyễn Văn An", offline: bool = False, **changes: Any) -> str:
        doc = read_intake(intake_doc(name, **changes))
        number, at = (None, now()) if offline else reception.prepare(self.url, now())
        if offline:
            from counter_app.sync import numbers

            number = numbers.source(None)
        with unit_of_work(self.sessions, write=True) as session:
            who = desk.actor(session, "motcua", None)
            return intake.receive(session, who, doc, at, number).code

    def act(self, fn: Any, *args: Any, **kwargs: Any) -> Any:
        with unit_of_work(self.sessions, write=True) as session:
            return fn(session, desk.actor(session, "motcua", None), *args, **kwargs)

    def view(self, code: str) -> views.DossierView:
        with unit_of_work(self.sessions) as session:
            return views.dossier_by_code(session, code)

    def picture(self) -> dict[str, tuple[Any, ...]]:
        """Every dossier as people see it: status, appointment, unit, and its history in
        order (kind, desk, sequence)."""
        with unit_of_work(self.sessions) as session:
            found = {}
            for d in session.scalars(select(Dossier)):
                history = tuple(
                    session.execute(
                        select(Event.kind, Event.desk_id, Event.desk_seq, Event.server_status)
                        .where(Event.dossier_id == d.id)
                        .order_by(Event.server_pos)
                    ).all()
                )
                found[d.code] = (d.status, d.due_at, d.current_unit_id, d.applicant_name, history)
            return found


def intake_doc(name: str, **changes: Any) -> dict[str, Any]:
    doc = {
        "procedure": "1.001193",
        "applicant": {
            "name": name,
            "id_number": "026190001234",
            "phone": "0912345678",
            "address": "Thôn 3",
        },
        "documents": [
            {"name": "Tờ khai đăng ký khai sinh theo mẫu", "count": 1},
            {
                "name": "Giấy chứng sinh; nếu không có thì văn bản của người làm "
                "chứng hoặc giấy cam đoan về việc sinh",
                "count": 1,
            },
        ],
        "channel": "direct",
    }
    return doc | changes


@pytest.fixture
def office(pg_url: str, tmp_path: Path) -> str:
    """An office server with the commune's catalog published."""
    server.install(pg_url)
    server.publish_catalog(pg_url, json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8")), now())
    return pg_url


def test_server_init_is_idempotent_and_says_its_version(pg_url):
    first = server.install(pg_url)
    again = server.install(pg_url)
    assert first.version == again.version >= 2 and first.applied and again.applied == []


def test_a_desk_name_is_given_once(office):
    server.add_desk(office, "Ban 1", AGENCY)
    with pytest.raises(server.ServerError, match="Đã có bàn"):
        server.add_desk(office, "Ban 1", AGENCY)


def test_desks_converge(office, tmp_path):
    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    mine = [a.receive(f"Người A{i}") for i in range(3)]
    theirs = [b.receive(f"Người B{i}") for i in range(2)]
    for d in (a, b, a):
        d.sync()
    a.act(lifecycle.handoff, theirs, "TP-HT", None, now())  # handed over at another desk
    b.act(lifecycle.handoff, [mine[0]], "TP-HT", None, now())
    for d in (a, b, a, b):
        d.sync()
    assert len(set(mine + theirs)) == 5
    assert a.picture() == b.picture() and len(a.picture()) == 5
    assert a.view(theirs[0]).status == "in_progress" == b.view(mine[0]).status


def test_desks_count_the_same_report_facts_once_synced(office, tmp_path):
    """Events pulled from another desk are folded into the report facts too (Biểu 06 on
    a desk counts the office's work, not only its own)."""
    from counter_app.facts import fold as facts

    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    mine, theirs = a.receive("Người A"), b.receive("Người B")
    for d in (a, b, a):
        d.sync()
    a.act(lifecycle.handoff, [theirs], "TP-HT", None, now())  # handed over at another desk
    b.act(lifecycle.result, mine, "approved", None, now())

    def counted(d: Desk) -> list[tuple[Any, ...]]:
        with unit_of_work(d.sessions) as session:
            return sorted(
                tuple(r)
                for r in session.execute(
                    select(
                        facts.DOSSIERS.c.dossier_id,
                        facts.DOSSIERS.c.unit_id,
                        facts.DOSSIERS.c.finish,
                        facts.DOSSIERS.c.timeliness,
                    )
                )
            )

    for _ in range(6):  # a commit shows in the feed once no older one is still running
        for d in (a, b):
            d.sync()
        if counted(a) == counted(b):
            break
    assert counted(a) == counted(b) and len(counted(a)) == 2
    assert {row[2] for row in counted(a)} == {"result_back", None}


def test_the_server_decides_a_conflict_and_the_loser_is_kept(office, tmp_path):
    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    code = a.receive()
    a.act(lifecycle.handoff, [code], "TP-HT", None, now())
    for d in (a, b):
        d.sync()
    a.act(lifecycle.result, code, "approved", None, now())  # both act while apart
    b.act(lifecycle.supplement, code, "Bản sao giấy chứng sinh", None, now())
    a.sync()
    outcome = b.sync()
    assert outcome.rejected == 1
    a.sync()
    assert b.view(code).status == "resolved" == a.view(code).status  # the server's order
    with unit_of_work(b.sessions) as session:
        lost = conflicts(session)
    assert [(c.code, c.event, c.server_status, c.resolved) for c in lost] == [
        (code, "supplement_requested", "resolved", False)
    ]
    assert "Đã có kết quả" in lost[0].reason
    with unit_of_work(a.sessions) as session:  # kept, and pulled back to every desk
        assert (
            session.scalar(select(Event.server_status).where(Event.kind == "supplement_requested"))
            == "rejected"
        )
    b.act(lifecycle.return_result, code, receiver="Nguyễn Văn An", now=now())  # resolved
    b.sync()
    with unit_of_work(b.sessions) as session:
        assert [c.resolved for c in conflicts(session)] == [True]


def test_codes_never_collide_online_or_from_the_reserve(office, tmp_path):
    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    codes = [
        a.receive(),
        b.receive(),
        a.receive(offline=True),
        b.receive(offline=True),
        a.receive(),
        b.receive(offline=True),
    ]
    assert len(set(codes)) == len(codes)
    today = now().strftime("%y%m%d")
    assert all(c.startswith(f"{AGENCY}-{today}-") for c in codes)
    for d in (a, b, a, b):
        d.sync()
    assert len(a.picture()) == 6 and a.picture() == b.picture()


def test_offline_with_no_number_left_says_so_before_and_refuses(office, tmp_path):
    from counter_app.sync.guard import before_intake

    a = Desk(tmp_path, "Ban 1", office)
    with unit_of_work(a.sessions, write=True) as session:
        for number in session.scalars(select(CodeNumber)):
            number.state = "used"  # the reserve used up while offline
        state.put(session, "last_error", "offline")
    with unit_of_work(a.sessions) as session:
        told = before_intake(session, a.url, None, now().date())
    assert told and "hết số hồ sơ dự phòng" in told
    before = a.picture()
    with pytest.raises(NoNumberLeft):
        a.receive(offline=True)
    assert a.picture() == before


def test_numbers_never_used_are_void_on_the_server(office, tmp_path):
    """A reserve left unused is void on the server and no hole in the register (it comes
    from the top of the day's range); a number of the day's sequence leased for a
    reception that never happened is void too, and shows as such on every desk."""
    a = Desk(tmp_path, "Ban 1", office)
    with unit_of_work(a.sessions) as session:
        yesterday_free = session.scalar(
            select(func.count())
            .select_from(CodeNumber)
            .where(CodeNumber.state == "free", CodeNumber.day == now().date())
        )
    assert yesterday_free == 10
    with a.link() as link:  # a reception leased its number, then was refused
        lost = int(link.lease(None, 1)["first"])
    a.sync()  # the lease comes back to this desk through the pull
    with a.link() as link:  # a day later, this desk's clock says
        engine.sync_once(a.sessions, link, lambda: now() + timedelta(days=1), push_only=True)
        engine.sync_once(a.sessions, link, lambda: now() + timedelta(days=1), push_only=True)
    with server.connect(office) as db:
        voids = db.execute(
            "SELECT count(*) FROM counter.code_leases WHERE void AND day = %s", (now().date(),)
        ).fetchone()[0]
    assert voids == 11
    # the desk's register of that day shows the one void number of the sequence
    from pypdf import PdfReader

    from counter_app.services.printouts.register import register_pdf

    code = a.receive()  # today's one dossier, from a number leased now
    assert int(code.rsplit("-", 1)[1]) == lost + 1
    with unit_of_work(a.sessions) as session:
        agency = desk.desk_agency(session, None)
        pdf = register_pdf(session, agency, now().date(), now().date(), now())
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert text.count("Số không sử dụng") == 1 and code.split("-")[-1] in text
    assert "1 hồ sơ; 1 số không sử dụng (hủy)" in " ".join(text.split())
    # another desk of the office prints the same day without a hole: it has A's void too
    a.sync()
    b = Desk(tmp_path, "Ban 2", office)
    b.sync()
    with unit_of_work(b.sessions) as session:
        agency = desk.desk_agency(session, None)
        pdf = register_pdf(session, agency, now().date(), now().date(), now())
        free_here = session.scalar(
            select(func.count())
            .select_from(CodeNumber)
            .where(CodeNumber.state == "free", CodeNumber.day == now().date())
        )
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "1 hồ sơ; 1 số không sử dụng (hủy)" in " ".join(text.split())
    assert free_here == 10  # B's own reserve only: A's numbers never look free here


def test_a_retry_after_a_lost_reply_duplicates_nothing(office, tmp_path):
    from counter_app.sync import outbox

    a = Desk(tmp_path, "Ban 1", office)
    a.receive()
    with unit_of_work(a.sessions) as session:
        batch = outbox.batch(session, desk.local_desk(session).id, 0, 0)
    with a.link() as link:
        link.push(batch)  # the server committed, the answer never came back…
        link.push(batch)  # …so the desk sends it again
    a.sync()
    with server.connect(office) as db:
        assert db.execute("SELECT count(*) FROM counter.events").fetchone()[0] == 1


def test_a_gap_in_a_desks_sequence_is_refused_whole_and_order_is_kept(office, tmp_path):
    """The server takes a desk's events only in its own order: a push that skips one is
    refused whole (nothing of it written), and a push's events and audit entries reach the
    other desks' feed in the desk's order."""
    from counter_app.sync import outbox

    a = Desk(tmp_path, "Ban 1", office)
    codes = [a.receive(f"Người {i}") for i in range(3)]
    a.act(lifecycle.handoff, [codes[0]], "TP-HT", None, now())
    with unit_of_work(a.sessions) as session:
        batch = outbox.batch(session, desk.local_desk(session).id, 0, 0)
    assert [e["desk_seq"] for e in batch["events"]] == [1, 2, 3, 4]
    holed = batch | {"events": [e for e in batch["events"] if e["desk_seq"] != 2]}
    with a.link() as link, pytest.raises(Refused, match="a gap"):
        link.push(holed)
    with server.connect(office) as db:
        assert db.execute("SELECT count(*) FROM counter.events").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM counter.audit_entries").fetchone()[0] == 0
        assert db.execute("SELECT count(*) FROM counter.dossiers").fetchone()[0] == 0
    shuffled = batch | {"events": batch["events"][::-1], "audit": batch["audit"][::-1]}
    with a.link() as link:
        answer = link.push(shuffled)
    assert (answer["events_upto"], answer["audit_upto"]) == (4, len(batch["audit"]))
    with server.connect(office) as db:
        events = [r[0] for r in db.execute("SELECT desk_seq FROM counter.events ORDER BY gpos")]
        audit = [
            r[0] for r in db.execute("SELECT desk_seq FROM counter.audit_entries ORDER BY gpos")
        ]
    assert events == [1, 2, 3, 4]
    assert audit == sorted(audit) and len(audit) == len(batch["audit"]) > 0


def test_a_desk_of_an_older_version_is_told_and_keeps_its_work(office, tmp_path):
    from counter_app.sync import outbox

    a = Desk(tmp_path, "Ban 1", office)
    a.receive()
    with unit_of_work(a.sessions) as session:
        batch = outbox.batch(session, desk.local_desk(session).id, 0, 0) | {"schema": 99}
    with a.link() as link, pytest.raises(UpdateRequired, match="cập nhật"):
        link.push(batch)
    assert len(a.picture()) == 1


def test_a_desk_role_can_do_nothing_but_sync(office, tmp_path):
    import psycopg

    a = Desk(tmp_path, "Ban 1", office)
    a.receive()
    a.sync()
    url = str(state.load_url(a.url))
    for statement in (
        "SELECT * FROM counter.events",
        "SELECT * FROM counter.dossiers",
        "DELETE FROM counter.events",
        "UPDATE counter.events SET kind = 'x'",
        "TRUNCATE counter.events",
        "INSERT INTO counter.desks (id, name, agency_id) SELECT gen_random_uuid(), "
        "'x', id FROM counter.agencies",
        "SELECT counter.apply_event('{}'::jsonb, NULL)",
    ):
        with server.connect(url) as db, pytest.raises(psycopg.errors.InsufficientPrivilege):
            db.execute(statement)


def test_another_agency_sees_nothing(office, tmp_path):
    other = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))
    other["agency"] = other["agency"] | {"code": "000.00.21.H26", "name": "UBND xã Khác"}
    server.publish_catalog(office, other, now())
    a = Desk(tmp_path, "Ban 1", office)
    a.receive()
    a.sync()
    url = server.add_desk(office, "Xa khac", "000.00.21.H26")
    with Link(url) as link:
        pulled = link.pull({}, 500)
        assert pulled["events"] == [] and pulled["dossiers"] == []
        assert pulled["audit_entries"] == []


def test_pushing_as_another_desk_is_impossible(office, tmp_path):
    from counter_app.sync import outbox

    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    a.receive()
    with unit_of_work(a.sessions) as session:
        batch = outbox.batch(session, desk.local_desk(session).id, 0, 0)
    with b.link() as link:  # desk 2 sends desk 1's events: they count as desk 2's…
        answer = link.push(batch)
    with server.connect(office) as db:
        rows = db.execute(
            "SELECT d.name FROM counter.events e JOIN counter.desks d ON d.id = e.desk_id"
        ).fetchall()
        refused = db.execute(
            "SELECT d.name FROM counter.refused_receptions e JOIN "
            "counter.desks d ON d.id = e.desk_id"
        ).fetchall()
    # …and are refused: its code was leased to desk 1, not to desk 2
    assert rows == [] and refused == [("Ban 2",)] and len(answer["rejected"]) == 1


def test_a_desk_that_worked_alone_joins_with_everything(office, tmp_path):
    url = f"sqlite:///{tmp_path / 'alone.db'}"
    alone = make_engine(url)
    migrate(alone)
    sessions = session_factory(alone)
    with unit_of_work(sessions, write=True) as session:
        from counter_app.services.catalog import catalog

        catalog.import_catalog(session, json.loads(SAMPLE_CATALOG.read_text("utf-8")), now())
        who = desk.actor(session, "motcua", None)
        codes = [
            intake.receive(session, who, read_intake(intake_doc(f"Cũ {i}")), now()).code
            for i in range(3)
        ]
        lifecycle.close(session, who, codes[2], Action.WITHDRAW, "Rút", now())
    join(sessions, url, server.add_desk(office, "Ban cu", AGENCY))
    with Link(str(state.load_url(url))) as link:
        engine.sync_once(sessions, link, now)
    b = Desk(tmp_path, "Ban 2", office)
    assert set(b.picture()) == set(codes) and b.view(codes[2]).status == "withdrawn"


def test_join_is_refused_when_a_code_was_given_elsewhere(office, tmp_path):
    a = Desk(tmp_path, "Ban 1", office)
    code = a.receive()
    a.sync()
    url = f"sqlite:///{tmp_path / 'alone.db'}"
    alone = make_engine(url)
    migrate(alone)
    sessions = session_factory(alone)
    with unit_of_work(sessions, write=True) as session:
        from counter_app.models import DossierCounter
        from counter_app.services.catalog import catalog

        catalog.import_catalog(session, json.loads(SAMPLE_CATALOG.read_text("utf-8")), now())
        agency = desk.desk_agency(session, None)
        session.add(
            DossierCounter(
                agency_id=agency.id, day=now().date(), last_seq=int(code.rsplit("-", 1)[1]) - 1
            )
        )
        mine = intake.receive(
            session, desk.actor(session, "motcua", None), read_intake(intake_doc("Trùng")), now()
        ).code
    assert mine == code  # the same code, given by this desk alone
    from counter_app.sync.join import JoinRefused

    with pytest.raises(JoinRefused, match=code):
        join(sessions, url, server.add_desk(office, "Ban cu", AGENCY))
    assert state.load_url(url) is None  # nothing changed


def test_officers_and_the_audit_trail_travel(office, tmp_path, cheap_hashing):
    from counter_app.audit import query
    from counter_app.errors import LoginRefused
    from counter_app.officers import accounts
    from counter_app.officers.session import Place, sign_in
    from counter_app.sync import office_officers

    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    # the office's officers are made on its server, with its administrator's URL
    office_officers.add(office, AGENCY, "admin", "Quản Trị", "admin", "mật khẩu 2026", now())
    a.sync()
    with unit_of_work(a.sessions, write=True) as session:  # one made at a desk stays there
        accounts.add(
            session, admin_actor(session), "mua", "Kẻ Mạo", "admin", "mật khẩu 2026", now()
        )
    a.sync()
    b.sync()
    signed = sign_in(Place(b.sessions), "admin", "mật khẩu 2026", now())  # at the other desk
    assert signed.full_name == "Quản Trị"
    with pytest.raises(LoginRefused):
        sign_in(Place(b.sessions), "mua", "mật khẩu 2026", now())
    with unit_of_work(b.sessions) as session:
        desks = {e.desk for e in query.entries(session, query.Filter())}
    assert desks == {"Ban 1", "Ban 2"}


def admin_actor(session: Any) -> Any:
    """The desk's administrator acting (pulled from the office)."""
    from counter_app.acting.actor import Actor
    from counter_app.models import Officer

    admin = session.scalars(select(Officer).where(Officer.username == "admin")).one()
    return Actor(
        desk.local_desk(session).id,
        admin.id,
        admin.username,
        desk.desk_agency(session, None).id,
        admin.role,
    )


def test_a_dossier_received_elsewhere_opens_by_its_code(office, tmp_path):
    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    code = a.receive("Trần Thị Bình")
    a.sync()
    b.sync()
    seen = b.view(code)
    assert seen.applicant.name == "Trần Thị Bình" and seen.applicant.id_number == "026190001234"
    assert [h.event for h in seen.history] == ["received"]


def test_dossiers_pulled_together_are_each_found_by_name(office, tmp_path):
    """A page of dossiers from another desk takes the search numbers after this desk's
    own, one each, in the name index with the dossier's name (pulled in bulk)."""
    from counter_app.services.dossiers import search

    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    own = b.receive("Lê Văn Cường")
    names = {a.receive(name): name for name in ("Phạm Thị Dung", "Hoàng Văn Em", "Vũ Thị Giang")}
    a.sync()
    b.sync()
    with unit_of_work(b.sessions) as session:
        numbers = dict(session.execute(select(Dossier.code, Dossier.search_no)).all())
        for code, name in names.items() | {(own, "Lê Văn Cường")}:
            assert [v.code for v in search.find(session, name)] == [code]
    assert sorted(numbers.values()) == [1, 2, 3, 4] and numbers[own] == 1


def test_a_row_twice_in_one_page_is_applied_once(office, tmp_path):
    """A page naming a dossier, an event and an audit entry twice (the feed of a server
    that took a push twice): one row each here, the later answer kept."""
    from counter_app.models import AuditEntry
    from counter_app.sync import feed

    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    code = a.receive("Đỗ Văn Hùng")
    a.sync()
    with unit_of_work(b.sessions) as session:
        cursors = state.get(session, "cursors", {})
    with b.link() as link:
        page = link.pull(cursors, engine.PAGE)
    again = {"events": [r | {"gpos": int(r["gpos"]) + 1000} for r in page["events"]]}
    for stream in ("dossiers", "events", "audit_entries"):
        page[stream] = page[stream] + (again.get(stream) or page[stream])
    with unit_of_work(b.sessions, write=True) as session:
        here = desk.local_desk(session).id
        feed.apply(session, page, cursors, here, engine.PAGE)
    with unit_of_work(b.sessions) as session:
        events = (
            session.execute(select(Event.server_pos).join(Dossier).where(Dossier.code == code))
            .scalars()
            .all()
        )
        assert (
            session.scalar(select(func.count()).select_from(Dossier).where(Dossier.code == code))
            == 1
        )
        audit = {uuid.UUID(r["id"]) for r in page["audit_entries"]}
        assert audit and session.scalar(
            select(func.count()).select_from(AuditEntry).where(AuditEntry.id.in_(audit))
        ) == len(audit)
    assert sorted(events) == sorted(int(r["gpos"]) for r in again["events"])


def test_a_server_that_refuses_says_so(office, tmp_path):
    a = Desk(tmp_path, "Ban 1", office)
    server.remove_desk(office, "Ban 1")
    with pytest.raises(Exception) as told:  # noqa: PT011 - offline or refused, both told
        a.sync()
    assert isinstance(told.value, Refused | Exception)
