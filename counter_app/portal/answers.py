"""The officer's three answers to an online dossier waiting (docs/portal.md, "Hồ sơ trực
tuyến vào"), for the desk's window: the very service calls of the command line's `portal
accept`, `supplement` and `refuse` (inbound.accept; lifecycle.supplement and
lifecycle.close through operations.perform, as the dossier window's actions), each
writing its event and so its portal messages.

A supplement or a refusal asked from the online list is refused when the dossier is no
longer waiting (answered meanwhile at another desk, or accepted already): the officer
meant to answer the online dossier, not to act on a dossier taken on since.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime
from enum import StrEnum

from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.errors import IllegalTransition
from counter_app.models import Dossier
from counter_app.portal import inbound
from counter_app.services.dossiers import operations
from counter_app.services.dossiers.lifecycle import load
from counter_app.services.dossiers.workflow import Action
from counter_app.services.worklists.worklist_kinds import is_online_waiting


class Answer(StrEnum):
    ACCEPT = "accept"
    SUPPLEMENT = "supplement"  # values: "items" (required), "reason"
    REFUSE = "refuse"  # values: "reason" (required)


def answer(
    session: Session,
    actor: Actor,
    given: Answer,
    code: str,
    values: Mapping[str, str],
    now: datetime,
) -> Dossier:
    """Record the answer; typed errors, nothing written, when refused."""
    if given is Answer.ACCEPT:
        return inbound.accept(session, actor, code, now)
    dossier = load(session, code, lock=True)
    if not is_online_waiting(dossier):
        raise IllegalTransition(
            f"Hồ sơ {dossier.code} không còn chờ tiếp nhận trực tuyến (đã được trả lời); "
            "mở hồ sơ để xem diễn biến.",
            status=dossier.status,
            action=given.value,
        )
    return operations.perform(session, actor, Action(given.value), dossier.code, values, now)
