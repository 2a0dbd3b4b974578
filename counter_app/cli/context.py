"""What every sub-command's handler gets: the settings, the database, the arguments and
who acts; and how a feature module adds its sub-commands. The handlers (commands.py and
the feature modules) and the parser import this; it imports none of them."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from sqlalchemy.orm import Session, sessionmaker

from counter_app import clock
from counter_app.acting.actor import Actor
from counter_app.cli import render
from counter_app.cli.output import write_out
from counter_app.config import Settings
from counter_app.officers import session
from counter_app.officers.session import Place
from counter_app.officers.signed import SignedIn
from counter_app.services.documents import json_input
from counter_app.services.dossiers.views import DossierView


class Commands(Protocol):
    """Adds sub-commands that all accept the global options (cli/parser.py makes it)."""

    def add(
        self, name: str, help_text: str, under: Any = None, acting_officer: bool = True
    ) -> argparse.ArgumentParser: ...


@dataclass(frozen=True)
class Context:
    settings: Settings
    sessions: sessionmaker[Session]
    args: argparse.Namespace
    # who acts: an officer who proved their password, or the desk's officer by name on a
    # database without login (cli/__init__ signs in before the command runs)
    signed: SignedIn | None = None
    office: bool = False  # `sessions`: the office server's messages (portal_office.run)

    @property
    def place(self) -> Place:
        s = self.settings
        return Place(self.sessions, s.agency_code, s.officer, s.officer_name)

    @property
    def who(self) -> SignedIn:
        s = self.settings
        return self.signed or SignedIn(None, s.officer, s.officer_name or "")

    def now(self) -> datetime:
        return clock.now()

    def emit(self, data: Any, text: str, done: str | None = None) -> None:
        """The result on stdout: JSON with --json, else text. `done` says what was recorded,
        for the message when the result cannot be written (the work stays done)."""
        write_out(
            json.dumps(data, ensure_ascii=False, indent=2) if self.args.json else text,
            json_output=bool(self.args.json),
            done=done,
        )

    def act(self, work: Callable[[Session, Actor], Any], need_agency: bool = True) -> Any:
        """Run `work` in one writing unit of work as the signed-in officer. Whatever the
        command prints is read inside it, so nothing can fail between commit and output.
        A role that may not: nothing written but the refusal's audit entry."""
        code = getattr(self.args, "code", None)
        return session.act(
            self.place,
            self.who,
            work,
            self.now,
            code if isinstance(code, str) and len(code) <= 60 else None,
            need_agency,
        )

    def look(
        self,
        work: Callable[[Session, Actor], Any],
        action: str = "view",
        code: Callable[[Any], str | None] | None = None,
        detail: Callable[[Any], dict[str, object]] | None = None,
    ) -> Any:
        """Read what shows citizens' personal data, recorded in the audit trail."""
        return session.look(
            self.place, self.who, work, self.now, action, code, detail, unrecorded=_unrecorded
        )

    def show(self, view: DossierView, done: str | None = None) -> int:
        self.emit(render.dossier_json(view), render.dossier_text(view), done)
        return 0


def _unrecorded() -> None:
    print(
        "lưu ý: cơ sở dữ liệu chỉ đọc được, lần xem này không được ghi vào nhật ký truy cập.",
        file=sys.stderr,
    )


def read_json(path: str, limit: int = json_input.INTAKE_MAX) -> Any:
    """A JSON document from a file or standard input ('-'); refusals are ValidationError."""
    raw = json_input.read_file(path, limit, sys.stdin.buffer)
    return json_input.parse(raw, "Đầu vào chuẩn" if path == "-" else f"Tệp '{path}'")
