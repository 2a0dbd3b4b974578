"""The facts the reports count: the events carry the legal appointment, older events
without it are still read sensibly, and a database migrated from before gets its facts."""

from __future__ import annotations

from sqlalchemy import delete, select, text

from counter_app.clock import parse
from counter_app.db import migrate, unit_of_work
from counter_app.facts import fold as facts
from counter_app.facts import rebuild
from counter_app.models import Dossier, Event
from tests.reports_scenario import BIRTH, Desk, T

# Received Mon 09/03 09:00, 3 working days: due Thu 12/03 17:00. Extended to 19/03, then
# paused Mon 16/03 09:00 .. Tue 17/03 09:00 (450 working minutes, one day): the current
# appointment moves to 20/03, the legal one only from 12/03 to 13/03 17:00.
LEGAL_BEFORE, LEGAL_AFTER = "2026-03-12T17:00:00+07:00", "2026-03-13T17:00:00+07:00"


def extended_then_paused(desk_db) -> Desk:
    d = Desk(desk_db)
    d.receive("X", BIRTH, T("03-09T09:00"))
    d.handoff("X", T("03-09T10:00"))
    d.extend("X", T("03-19T17:00"), T("03-11T09:00"))
    d.supplement("X", T("03-16T09:00"))
    d.supplied("X", T("03-17T09:00"))
    return d


def event_data(sessions, kind: str) -> dict:
    with unit_of_work(sessions) as session:
        return session.scalars(select(Event.data).where(Event.kind == kind)).one()


def legal(sessions):
    with unit_of_work(sessions) as session:
        return session.execute(select(facts.DOSSIERS.c.legal_due_at)).scalar_one()


def test_events_carry_the_legal_appointment_pauses_move_it_extensions_do_not(desk_db):
    extended_then_paused(desk_db)
    assert event_data(desk_db, "received")["legal_due_at"] == LEGAL_BEFORE
    supplied = event_data(desk_db, "supplement_received")
    assert supplied["due_at"] == "2026-03-20T17:00:00+07:00"  # the citizen's appointment
    assert supplied["legal_due_at"] == LEGAL_AFTER  # the one the statistics count against
    assert legal(desk_db) == parse(LEGAL_AFTER)


def _forget_legal_due_at(sessions) -> None:
    """Make the events look as they were written before they carried legal_due_at."""
    with unit_of_work(sessions, write=True) as session:
        for event in session.scalars(select(Event)):
            event.data = {k: v for k, v in event.data.items() if k != "legal_due_at"}
        rebuild.rebuild(session.connection())


def test_events_written_before_the_legal_appointment_was_kept_fall_back(desk_db):
    d = Desk(desk_db)
    d.receive("Y", BIRTH, T("03-09T09:00"))
    d.supplement("Y", T("03-10T09:00"))
    d.supplied("Y", T("03-12T09:00"))  # two days paused: 12/03 → 16/03, as in the scenario
    _forget_legal_due_at(desk_db)
    # the reception falls back on the dossier's original appointment, the pause on the
    # current appointment's move (the same here: no extension)
    assert legal(desk_db) == parse("2026-03-16T17:00:00+07:00")


def test_an_old_pause_after_an_extension_moves_the_legal_appointment_by_as_much(desk_db):
    extended_then_paused(desk_db)
    _forget_legal_due_at(desk_db)
    # 19/03 → 20/03 for the current appointment: one calendar day, so 12/03 → 13/03
    assert legal(desk_db) == parse(LEGAL_AFTER)


def test_a_unit_passing_the_dossier_on_records_how_long_it_held_it(desk_db):
    d = Desk(desk_db)
    d.receive("Z", BIRTH, T("03-09T09:00"))
    d.handoff("Z", T("03-09T10:00"))
    d.handoff("Z", T("03-10T10:00"), "DC-XD")  # TP-HT held it one working day
    d.result("Z", T("03-10T15:00"))  # DC-XD: 3 h (lunch skipped), no budget of its own
    with unit_of_work(desk_db) as session:
        steps = session.execute(
            select(facts.STEPS.c.held_minutes, facts.STEPS.c.budget_minutes).order_by(
                facts.STEPS.c.ended_at
            )
        ).all()
    assert [tuple(s) for s in steps] == [(450, 480), (180, None)]


def test_a_database_from_before_the_facts_gets_them_when_migrated(desk_db, engine):
    d = extended_then_paused(desk_db)
    d.result("X", T("03-18T09:00"))

    def rows() -> list:
        with unit_of_work(desk_db) as session:
            return [
                sorted(tuple(r) for r in session.execute(select(t)))
                for t in (facts.DOSSIERS, facts.PAUSES, facts.STEPS, facts.COUNTS)
            ]

    kept = rows()
    before = _revision_before_the_facts()
    with engine.begin() as connection:  # back to the schema of the revision before
        for table in ("report_dossiers", "report_pauses", "report_steps", "report_counts"):
            connection.execute(text(f"DROP TABLE {table}"))
        connection.execute(text("ALTER TABLE agencies DROP COLUMN report_cutoff_day"))
        connection.execute(text("UPDATE alembic_version SET version_num = :v"), {"v": before})
    migrate(engine)
    assert rows() == kept and kept[0]


def _revision_before_the_facts() -> str:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

    from counter_app.db import MIGRATIONS

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    scripts = ScriptDirectory.from_config(config)
    facts_revision = next(r for r in scripts.walk_revisions() if "report facts" in (r.doc or ""))
    return str(facts_revision.down_revision)


def test_folding_some_dossiers_again_leaves_the_sums_a_full_recount_gives(desk_db):
    """A sync folds again only the dossiers a pulled page touched, and takes their share off
    the daily sums and adds it back: the sums must be the ones a full recount gives, with no
    empty sum left behind (here a dossier's only ending vanishes, as when the server refused
    the result this desk had recorded)."""
    from tests.reports_scenario import build

    d = build(desk_db)

    def sums() -> list:
        with unit_of_work(desk_db) as session:
            return sorted(tuple(r) for r in session.execute(select(facts.COUNTS)))

    with unit_of_work(desk_db) as session:
        ids = {
            code: session.scalars(select(Dossier.id).where(Dossier.code == code)).one()
            for code in (d.codes["U"], d.codes["S"], d.codes["K"])
        }
    kept = sums()
    with unit_of_work(desk_db, write=True) as session:
        rebuild.rebuild(session.connection(), list(ids.values()))
    assert sums() == kept  # nothing changed: the same sums, none doubled or lost

    with unit_of_work(desk_db, write=True) as session:  # S's result refused by the server
        session.execute(
            delete(Event).where(Event.dossier_id == ids[d.codes["S"]], Event.kind == "result_back")
        )
        rebuild.rebuild(session.connection(), list(ids.values()))
    partial = sums()
    with unit_of_work(desk_db, write=True) as session:
        rebuild.rebuild_counts(session.connection())
    assert partial == sums() and partial != kept
    assert all(row[-1] > 0 for row in partial)
