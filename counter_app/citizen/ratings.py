"""A citizen's rating of a visit: an event of the dossier (`rated`), in the caller's unit
of work, with its row in `ratings` (one a visit: the database's unique constraint).

A rating changes no state and is asked of nothing: the dossier's workflow never looks at
it. It is taken only from the citizen's screen through an arming (arming.py) or from the
`rate` command that screen's integrations use; the officer's own window has no way to
submit one.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import exists, insert, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.citizen.criteria import VISITS, criteria_of, score_of, visit_of
from counter_app.errors import RefusedInput, ValidationError
from counter_app.facts import ratings as fold
from counter_app.models import Dossier, Rating
from counter_app.services.dossiers import events, lifecycle
from counter_app.services.dossiers.event_kinds import EventKind
from counter_app.services.dossiers.workflow import Status


class AlreadyRated(RefusedInput):
    """This visit of this dossier has its rating; there is never a second."""


@dataclass(frozen=True)
class RatingView:
    code: str
    visit: str
    score: int
    criteria: tuple[str, ...]
    officer: str
    counter: int | None
    at: datetime


def counter_of(value: object) -> int | None:
    if value is None:
        return None
    if type(value) is not int or not 1 <= value <= 999:
        raise ValidationError("Số quầy phải từ 1 đến 999.", "counter")
    return value


def check_visit(session: Session, dossier: Dossier, visit: str) -> None:
    """The visit can be rated: a return visit once the result was handed over at the
    counter (not sent by post), and each visit only once."""
    if visit == "return" and dossier.status != Status.RETURNED:
        raise RefusedInput(
            f"Hồ sơ {dossier.code} chưa trả kết quả: chưa có lượt trả kết quả để đánh giá."
        )
    if visit == "return" and dossier.post_tracking:
        raise RefusedInput(
            f"Kết quả của hồ sơ {dossier.code} đã gửi qua bưu điện: không có lượt trả kết "
            "quả tại quầy để đánh giá."
        )
    if is_rated(session, dossier, visit):
        raise already_rated(dossier.code, visit)


def is_rated(session: Session, dossier: Dossier, visit: str) -> bool:
    return bool(
        session.scalar(
            select(exists().where(Rating.dossier_id == dossier.id, Rating.visit == visit))
        )
    )


def already_rated(code: str, visit: str) -> AlreadyRated:
    return AlreadyRated(
        f"Lượt «{VISITS[visit].lower()}» của hồ sơ {code} đã được công dân đánh giá; mỗi "
        "lượt chỉ được đánh giá một lần."
    )


def rate(
    session: Session,
    actor: Actor,
    code: str,
    visit: str,
    score: int,
    criteria: tuple[str, ...] | list[str] | str,
    counter: int | None,
    now: datetime,
) -> RatingView:
    """Record the rating of `visit` of the dossier, by the citizen served by `actor` (the
    officer of the visit) at `counter`. Refused, nothing written: a visit already rated,
    a return not yet made, a score or criterion not on the lists."""
    visit, score = visit_of(visit), score_of(score)
    chosen, counter = criteria_of(criteria), counter_of(counter)
    dossier = lifecycle.load(session, code)  # its row lock: two windows wait for each other
    check_visit(session, dossier, visit)
    data = {"visit": visit, "score": score, "criteria": list(chosen), "counter": counter}
    event = events.record(session, actor, dossier, EventKind.RATED, now, data=data)
    row = fold.row_of(event.id, dossier.id, now, actor.officer_id, data)
    assert row is not None  # checked above: a rating this program reads
    try:
        session.execute(insert(Rating), [row])
    except IntegrityError:  # another unit of work took this visit first
        raise already_rated(dossier.code, visit) from None
    return RatingView(dossier.code, visit, score, chosen, actor.officer, counter, now)
