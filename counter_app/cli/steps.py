"""The sub-commands that move one dossier or a batch along: hand over, result, return,
supplement, extend, withdraw, stop, refuse."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Any

from sqlalchemy.orm import Session

from counter_app.acting.actor import Actor
from counter_app.cli import queue_link, render
from counter_app.cli.context import Context
from counter_app.cli.dates import moment
from counter_app.services.dossiers import lifecycle, views
from counter_app.services.dossiers.workflow import Action


def cmd_handoff(ctx: Context) -> int:
    args = ctx.args
    handed = ctx.act(
        lambda s, who: [
            views.dossier_by_code(s, d.code)
            for d in lifecycle.handoff(s, who, args.codes, args.unit, args.note, ctx.now())
        ]
    )
    unit = handed[0].current_unit
    ctx.emit(
        {"to_unit": unit, "dossiers": [render.dossier_json(v) for v in handed]},
        f"Đã bàn giao {len(handed)} hồ sơ cho {unit}:\n"
        + "\n".join(render.dossier_line(v) for v in handed),
        f"Đã ghi việc bàn giao {len(handed)} hồ sơ cho {unit}",
    )
    return 0


def _single(ctx: Context, work: Callable[[Session, Actor, datetime], Any]) -> int:
    view = ctx.act(lambda s, who: views.dossier_by_code(s, work(s, who, ctx.now()).code))
    return ctx.show(view, f"Đã ghi việc này cho hồ sơ {view.code}")


def cmd_result(ctx: Context) -> int:
    a = ctx.args
    return _single(
        ctx, lambda s, who, now: lifecycle.result(s, who, a.code, a.outcome, a.note, now)
    )


def cmd_return(ctx: Context) -> int:
    a = ctx.args
    ticket = queue_link.checked(ctx)  # --ticket: called? (before anything is written)
    view = ctx.act(
        lambda s, who: views.dossier_by_code(
            s,
            lifecycle.return_result(
                s,
                who,
                a.code,
                receiver=a.receiver,
                receiver_id=a.receiver_id,
                post_tracking=a.post,
                now=ctx.now(),
            ).code,
        )
    )
    queue_link.record(ctx, ticket, view.code, "return")
    return ctx.show(view, f"Đã ghi việc này cho hồ sơ {view.code}")


def cmd_supplement(ctx: Context) -> int:
    a = ctx.args
    return _single(
        ctx, lambda s, who, now: lifecycle.supplement(s, who, a.code, a.items, a.reason, now)
    )


def cmd_supplied(ctx: Context) -> int:
    return _single(ctx, lambda s, who, now: lifecycle.supplied(s, who, ctx.args.code, now))


def cmd_extend(ctx: Context) -> int:
    a = ctx.args
    due = moment(a.due, "--due")
    return _single(ctx, lambda s, who, now: lifecycle.extend(s, who, a.code, due, a.reason, now))


def cmd_withdraw(ctx: Context) -> int:
    a = ctx.args
    return _single(
        ctx, lambda s, who, now: lifecycle.close(s, who, a.code, Action.WITHDRAW, a.reason, now)
    )


def cmd_stop(ctx: Context) -> int:
    a = ctx.args
    return _single(
        ctx, lambda s, who, now: lifecycle.close(s, who, a.code, Action.STOP, a.reason, now)
    )


def cmd_refuse(ctx: Context) -> int:
    """A dossier refused after it was recorded (form 03 prints the reason)."""
    a = ctx.args
    return _single(
        ctx, lambda s, who, now: lifecycle.close(s, who, a.code, Action.REFUSE, a.reason, now)
    )


HANDLERS: dict[str, Callable[[Context], int]] = {
    "handoff": cmd_handoff,
    "result": cmd_result,
    "return": cmd_return,
    "supplement": cmd_supplement,
    "supplied": cmd_supplied,
    "extend": cmd_extend,
    "withdraw": cmd_withdraw,
    "stop": cmd_stop,
    "refuse": cmd_refuse,
}
