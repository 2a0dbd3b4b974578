"""The role table, walked whole: for every role and every permission, the service that
needs it is called as an officer of that role; it is done exactly when the table allows
it, and a refusal writes nothing but its audit entry."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.acting.roles import PERMISSIONS, Permission, Role
from counter_app.audit import query as audit_query
from counter_app.clock import parse
from counter_app.db import unit_of_work
from counter_app.errors import PermissionDenied
from counter_app.fees import shifts
from counter_app.models import AuditEntry, Dossier, Event
from counter_app.officers import accounts
from counter_app.officers.session import Place, SignedIn, act, look, sign_in
from counter_app.portal import retry as portal_retry
from counter_app.reports.access import seen
from counter_app.services import desk
from counter_app.services.catalog import catalog
from counter_app.services.dossiers import lifecycle, views
from counter_app.services.dossiers.workflow import Action
from counter_app.services.intake import intake
from counter_app.services.intake.intake_file import read_intake
from counter_app.services.printouts import printouts
from tests.conftest import IMPORTED_AT, counts, intake_doc, small_catalog

NOW = parse("2026-02-16T09:00:00+07:00")
PASSWORD = "mật khẩu đủ dài"


def _received(session: Session, who: Actor) -> str:
    return intake.receive(session, who, read_intake(intake_doc()), NOW).code


def _handed(session: Session, who: Actor) -> str:
    return lifecycle.handoff(session, who, [_received(session, who)], "TP-HT", None, NOW)[0].code


def _resolved(session: Session, who: Actor) -> str:
    return lifecycle.result(session, who, _handed(session, who), "approved", None, NOW).code


# What each permission does, given a dossier prepared (by the administrator of the desk
# before the test, as a reception officer would have): the call that needs it.
PREPARE: dict[Permission, Callable[[Session, Actor], Any]] = {
    Permission.RESULT: _handed,
    Permission.RETURN: _resolved,
}
EXERCISE: dict[Permission, Callable[[Session, Actor, str], Any]] = {
    Permission.RECEIVE: lambda s, who, _: _received(s, who),
    Permission.REFUSE: lambda s, who, c: lifecycle.close(s, who, c, Action.REFUSE, "Sai", NOW),
    Permission.HANDOFF: lambda s, who, c: lifecycle.handoff(s, who, [c], "TP-HT", None, NOW),
    Permission.RESULT: lambda s, who, c: lifecycle.result(s, who, c, "approved", None, NOW),
    Permission.SUPPLEMENT: lambda s, who, c: lifecycle.supplement(s, who, c, "Giấy", None, NOW),
    Permission.EXTEND: lambda s, who, c: lifecycle.extend(
        s, who, c, parse("2026-03-20T09:00:00+07:00"), "Chậm", NOW
    ),
    Permission.RETURN: lambda s, who, c: lifecycle.return_result(s, who, c, receiver="A", now=NOW),
    Permission.WITHDRAW: lambda s, who, c: lifecycle.close(s, who, c, Action.WITHDRAW, "R", NOW),
    Permission.STOP: lambda s, who, c: lifecycle.close(s, who, c, Action.STOP, "Dừng", NOW),
    Permission.PRINT: lambda s, who, c: printouts.record_print(s, who, c, "receipt", NOW),
    Permission.READ_DOSSIERS: None,  # type: ignore[dict-item]  # through look(): below
    Permission.READ_PERSONAL: None,  # type: ignore[dict-item]
    Permission.REPORTS: lambda s, who, _: seen(s, who, "bieu06", NOW),
    Permission.AUDIT: lambda s, who, _: audit_query.read(s, who, audit_query.Filter(), NOW),
    Permission.OFFICERS: lambda s, who, _: accounts.officers(s, who),
    Permission.CATALOG: lambda s, who, _: catalog.import_catalog(
        s, small_catalog(), NOW, actor=who
    ),
    Permission.SETTINGS: lambda s, who, _: desk.rename_local_desk(s, "Bàn 2", actor=who),
    Permission.BACKUP: None,  # type: ignore[dict-item]  # the backup package (its tests)
    Permission.PORTAL: lambda s, who, c: portal_retry.retry(s, who, NOW, c),
    # fees: an officer's own shift of collection, and another officer's (the leader's)
    Permission.COLLECT: lambda s, who, _: shifts.open_shift(s, who, who.officer, NOW),
    Permission.CASHUP_OTHERS: lambda s, who, _: shifts.open_shift(s, who, "motcua", NOW),
}


@pytest.fixture
def office(sessions, cheap_hashing) -> tuple[Place, dict[Role, SignedIn]]:
    """A desk with its catalog, an administrator and one officer of every other role."""
    with unit_of_work(sessions, write=True) as session:
        catalog.import_catalog(session, small_catalog(), IMPORTED_AT)
        who = desk.actor(session, "motcua", None)
        accounts.add(session, who, "admin", "Quản Trị Viên", "admin", PASSWORD, NOW)
    place, signed = Place(sessions), {}
    signed[Role.ADMIN] = sign_in(place, "admin", PASSWORD, NOW)
    for role in (Role.RECEPTION, Role.LEADER, Role.INSPECTOR):
        act(
            place,
            signed[Role.ADMIN],
            lambda s, who, r=role: accounts.add(
                s, who, r.value, f"Cán bộ {r.value}", r.value, PASSWORD, NOW
            ),
            lambda: NOW,
        )
        signed[role] = sign_in(place, role.value, PASSWORD, NOW)
    return place, signed


def _audit_rows(sessions) -> int:
    with unit_of_work(sessions) as session:
        return int(session.scalar(select(func.count()).select_from(AuditEntry)) or 0)


@pytest.mark.parametrize("role", list(Role))
@pytest.mark.parametrize("permission", [p for p, f in EXERCISE.items() if f is not None])
def test_every_role_may_do_exactly_what_the_table_says(office, sessions, role, permission):
    place, signed = office
    code = act(
        place,
        signed[Role.RECEPTION],
        lambda s, who: PREPARE.get(permission, _received)(s, who),
        lambda: NOW,
    )
    before, audit_before = counts(sessions), _audit_rows(sessions)
    allowed = permission in PERMISSIONS[role]
    try:
        act(place, signed[role], lambda s, who: EXERCISE[permission](s, who, code), lambda: NOW)
    except PermissionDenied as refused:
        assert not allowed, f"{role} was refused {permission}"
        assert refused.permission == permission.value
        assert counts(sessions) == before  # nothing written…
        assert _audit_rows(sessions) == audit_before + 1  # …but the refusal's entry
        with unit_of_work(sessions) as session:
            entry = session.scalars(select(AuditEntry).order_by(AuditEntry.desk_seq.desc())).first()
            assert entry is not None
        assert (entry.action, entry.outcome, entry.username) == (
            "refused",
            "refused",
            signed[role].username,
        )
    else:
        assert allowed, f"{role} was allowed {permission}"


@pytest.mark.parametrize("role", list(Role))
def test_reading_a_dossier_and_its_personal_data_follows_the_table(office, role):
    place, signed = office
    code = act(place, signed[Role.RECEPTION], _received, lambda: NOW)
    view = look(
        place,
        signed[role],
        lambda s, who: views.shown_to(
            views.dossier_by_code(s, code),
            who.role is None or Permission.READ_PERSONAL in PERMISSIONS[Role(who.role)],
        ),
        lambda: NOW,
        code=lambda v: v.code,
    )
    personal = Permission.READ_PERSONAL in PERMISSIONS[role]
    assert (view.applicant.id_number == "026190001234") is personal
    assert (view.applicant.phone == "0912345678") is personal
    assert view.applicant.name == "Nguyễn Thị Hoà"  # names stay: the dossier is theirs to manage


def test_the_table_covers_every_permission():
    untested = {p for p, f in EXERCISE.items() if f is None}
    assert set(EXERCISE) == set(Permission)
    assert untested <= {Permission.READ_DOSSIERS, Permission.READ_PERSONAL, Permission.BACKUP}


def test_no_login_yet_means_the_desk_officer_may_do_everything(desk_db):
    with unit_of_work(desk_db, write=True) as session:
        who = desk.actor(session, "motcua", None)
        assert who.role is None
        code = _resolved(session, who)
        lifecycle.return_result(session, who, code, receiver="A", now=NOW)
        assert session.scalar(select(func.count()).select_from(Event)) == 4
        assert session.scalar(select(func.count()).select_from(Dossier)) == 1
