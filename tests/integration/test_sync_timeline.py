"""What the office server refused stays in every desk's timeline as refused, never as done
(issue 16 point 6): the dossier window's model, `show` (text and JSON) and the forms printed
from the events all read the server's answer, name the desk of each action, and give the
server's reason in Vietnamese."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

import pytest
from sqlalchemy import select

from counter_app.cli.render import dossier_json, dossier_text
from counter_app.clock import now
from counter_app.config import SAMPLE_CATALOG
from counter_app.db import unit_of_work
from counter_app.errors import ValidationError
from counter_app.services.dossiers import lifecycle
from counter_app.services.dossiers.workflow import Action
from counter_app.services.printouts import moves, printouts
from counter_app.sync import server
from counter_app.sync.join import conflicts
from tests.integration.test_sync import Desk


@pytest.fixture
def office(pg_url: str) -> str:
    server.install(pg_url)
    server.publish_catalog(pg_url, json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8")), now())
    return pg_url


def handed_over_here_refused_there(office: str, folder: Path) -> tuple[Desk, Desk, str]:
    """Ban 1 hands the dossier over and Ban 2 refuses it, both offline; Ban 1 syncs first,
    so the server keeps the handover and refuses the refusal; then every desk has it all."""
    a, b = Desk(folder, "Ban 1", office), Desk(folder, "Ban 2", office)
    code = a.receive()
    for d in (a, b):
        d.sync()
    a.act(lifecycle.handoff, [code], "TP-HT", None, now() + timedelta(minutes=1))
    b.act(
        lifecycle.close, code, Action.REFUSE, "Thiếu giấy chứng sinh", now() + timedelta(minutes=2)
    )
    a.sync()
    assert b.sync().rejected == 1
    for _ in range(6):  # a commit shows in the feed once no older one is still running
        if [h.event for h in a.view(code).history][-1:] == ["refused"]:
            break
        a.sync()
    return a, b, code


def test_a_refused_action_is_shown_refused_on_every_desk(office, tmp_path):
    a, b, code = handed_over_here_refused_there(office, tmp_path)
    for d in (a, b):
        view = d.view(code)
        assert view.status == "in_progress"  # the server's
        received, handed, refused = view.history
        assert (received.event, handed.event, refused.event) == (
            "received",
            "handed_over",
            "refused",
        )
        assert (handed.desk, handed.rejected, refused.desk, refused.rejected) == (
            "Ban 1",
            False,
            "Ban 2",
            True,
        ), d.name
        assert refused.reason == (
            'Không thể ghi "Từ chối tiếp nhận": theo máy chủ, hồ sơ '
            'đang ở trạng thái "Đang giải quyết".'
        )
        text = dossier_text(view).splitlines()
        assert "MÁY CHỦ" not in text[-2] and "(motcua, Ban 1)" in text[-2]
        assert text[-1].endswith(
            f"Từ chối tiếp nhận (motcua, Ban 2) — Thiếu giấy chứng "
            f"sinh — BỊ MÁY CHỦ TỪ CHỐI: {refused.reason}"
        )
        shown = dossier_json(view)["history"]
        assert [(h["event"], h["desk"], h["server_status"]) for h in shown] == [
            ("received", "Ban 1", "applied"),
            ("handed_over", "Ban 1", "applied"),
            ("refused", "Ban 2", "rejected"),
        ]
        assert (
            shown[2]["server_reason"] == refused.reason
            and shown[2]["note"] == "Thiếu giấy chứng sinh"
        )  # the keys the JSON had keep their meaning


def test_no_form_is_printed_from_a_refused_action(office, tmp_path):
    a, b, code = handed_over_here_refused_there(office, tmp_path)
    for d in (a, b):
        assert "refusal" not in printouts.printable(d.view(code))  # form 03 not offered
        with unit_of_work(d.sessions) as session, pytest.raises(ValidationError):
            printouts.refused(session, code, now())


def test_the_control_sheet_leaves_out_a_refused_handover(office, tmp_path):
    """The result came back at Ban 1 while Ban 2, offline, handed the dossier on again: the
    server refused that handover, and no desk's control sheet shows it as a step."""
    a, b = Desk(tmp_path, "Ban 1", office), Desk(tmp_path, "Ban 2", office)
    code = a.receive()
    a.act(lifecycle.handoff, [code], "TP-HT", None, now() + timedelta(minutes=1))
    for d in (a, b):
        d.sync()
    a.act(lifecycle.result, code, "approved", None, now() + timedelta(minutes=2))
    b.act(lifecycle.handoff, [code], "VH-XH", None, now() + timedelta(minutes=3))
    a.sync()
    assert b.sync().rejected == 1
    for _ in range(6):
        if len(a.view(code).history) == 4:
            break
        a.sync()
    for d in (a, b):
        assert [h.rejected for h in d.view(code).history] == [False, False, False, True]
        with unit_of_work(d.sessions) as session:
            sheet = moves.control_sheet(session, code, now())
        assert [(h.from_unit, h.to_unit) for h in sheet.handoffs] == [
            ("Bộ phận TN&TKQ", "Công chức Tư pháp - Hộ tịch"),
            ("Công chức Tư pháp - Hộ tịch", "Bộ phận TN&TKQ"),
        ], d.name


def test_a_conflict_gives_its_reason_in_vietnamese(office, tmp_path):
    _, b, code = handed_over_here_refused_there(office, tmp_path)
    with unit_of_work(b.sessions) as session:
        (lost,) = conflicts(session)
    assert lost.reason == (
        'Không thể ghi "Từ chối tiếp nhận": theo máy chủ, hồ sơ đang ở '
        'trạng thái "Đang giải quyết".'
    )


def test_the_reports_do_not_count_a_refused_action(office, tmp_path):
    """Biểu 06 counts from the report facts: the dossier is in progress at TP-HT on every
    desk, not finished as refused (the desk that refused it folded the refusal when it
    wrote it; the other pulled it)."""
    from counter_app.facts import fold as facts

    a, b, code = handed_over_here_refused_there(office, tmp_path)
    b.sync()  # its refusal comes back in the feed with the server's place
    for d in (a, b):
        with unit_of_work(d.sessions) as session:
            assert session.execute(
                select(facts.DOSSIERS.c.finish, facts.DOSSIERS.c.finished_at)
            ).all() == [(None, None)], d.name
