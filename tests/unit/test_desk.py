"""The desk's name: cleaned, 1 to 60 characters, changed in place; a refusal writes nothing."""

from __future__ import annotations

import pytest
from sqlalchemy import select

from counter_app.db import unit_of_work
from counter_app.errors import ValidationError
from counter_app.models import Desk
from counter_app.services import desk


def test_rename_keeps_one_local_desk_with_the_clean_name(sessions):
    with unit_of_work(sessions, write=True) as session:
        first = desk.local_desk(session).id
    with unit_of_work(sessions, write=True) as session:
        desk.rename_local_desk(session, " Bàn\u00a02 \u200b— Tư pháp ")
    with unit_of_work(sessions) as session:
        assert [(d.id, d.name) for d in session.scalars(select(Desk))] == [
            (first, "Bàn 2 — Tư pháp")
        ]


@pytest.mark.parametrize("name", ["", " \t ", "\u200b", "B" * 61])
def test_bad_names_are_refused_and_nothing_is_written(sessions, name):
    with pytest.raises(ValidationError) as refused, unit_of_work(sessions, write=True) as s:
        desk.rename_local_desk(s, name)
    assert refused.value.field == "desk_name"
    with unit_of_work(sessions) as session:
        assert list(session.scalars(select(Desk))) == []
