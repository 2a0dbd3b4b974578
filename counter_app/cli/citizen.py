"""`counter-app rate CODE --visit reception|return --score 1|2|3 [--criteria a,b]`: the
citizen screen's action from the command line (docs/citizen.md), for a rating device that
is not the desk's own window. Exit 2, nothing written, for a second rating of a visit."""

from __future__ import annotations

from typing import TYPE_CHECKING

from counter_app.formats import iso, show_datetime

if TYPE_CHECKING:
    from counter_app.cli.context import Commands, Context


def add_commands(commands: Commands) -> None:
    from counter_app.cli.parser import CODE_HELP

    rate = commands.add("rate", "ghi đánh giá của công dân cho một lượt đến quầy")
    rate.add_argument("code", metavar="CODE", help=CODE_HELP)
    rate.add_argument(
        "--visit",
        required=True,
        choices=("reception", "return"),
        help="lượt tiếp nhận (reception) hay trả kết quả (return)",
    )
    rate.add_argument(
        "--score",
        required=True,
        type=int,
        choices=(1, 2, 3),
        help="3 rất hài lòng, 2 hài lòng, 1 không hài lòng",
    )
    rate.add_argument(
        "--criteria", default="", metavar="A,B", help="mã tiêu chí, cách nhau bởi dấu phẩy"
    )
    rate.add_argument(
        "--counter",
        type=int,
        metavar="N",
        help="số quầy của lượt đến (mặc định: COUNTER_APP_COUNTER)",
    )
    from counter_app.cli import complaints

    complaints.add_commands(commands)


def cmd_rate(ctx: Context) -> int:
    from counter_app.citizen import ratings
    from counter_app.citizen.criteria import CRITERIA, SCORES, VISITS

    a = ctx.args
    counter = a.counter if a.counter is not None else ctx.settings.counter
    done = ctx.act(
        lambda s, who: ratings.rate(
            s, who, a.code, a.visit, a.score, a.criteria, counter, ctx.now()
        )
    )
    criteria = ", ".join(CRITERIA[c] for c in done.criteria)
    ctx.emit(
        {
            "code": done.code,
            "visit": done.visit,
            "score": done.score,
            "criteria": list(done.criteria),
            "officer": done.officer,
            "counter": done.counter,
            "rated_at": iso(done.at),
        },
        f"Đã ghi đánh giá «{SCORES[done.score]}» cho lượt {VISITS[done.visit].lower()} của "
        f"hồ sơ {done.code} lúc {show_datetime(done.at)}"
        + (f" ({criteria})." if criteria else "."),
        f"Đã ghi đánh giá cho hồ sơ {done.code}",
    )
    return 0
