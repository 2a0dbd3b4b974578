"""argparse's own words in Vietnamese, through its gettext hook.

argparse asks `argparse._` (gettext) for every message it shows a person: "usage:",
section titles, the errors it raises. While our parser builds, parses or formats, those
calls are answered from the table below; the messages that only a programmer can meet
stay as they are. Values a person typed are not repeated (`%.0s` swallows them): an
argument in the wrong place may be someone's ID number.
"""

from __future__ import annotations

import argparse
from collections.abc import Iterator
from contextlib import contextmanager

VI = {
    "usage: ": "cách dùng: ",
    "positional arguments": "đối số",
    "options": "tuỳ chọn",
    "optional arguments": "tuỳ chọn",
    "show this help message and exit": "in hướng dẫn này rồi thoát",
    "argument %(argument_name)s: %(message)s": "đối số %(argument_name)s: %(message)s",
    "ambiguous option: %(option)s could match %(matches)s": (
        "tuỳ chọn %(option)s không rõ là tuỳ chọn nào: %(matches)s"
    ),
    "expected one argument": "cần một giá trị",
    "expected at most one argument": "nhận nhiều nhất một giá trị",
    "expected at least one argument": "cần ít nhất một giá trị",
    "expected %s argument": "cần %s giá trị",
    "expected %s arguments": "cần %s giá trị",
    "ignored explicit argument %r": "không nhận giá trị%.0s",
    "invalid %(type)s value: %(value)r": "giá trị không đúng dạng",
    "invalid choice: %(value)r (choose from %(choices)s)": (
        "giá trị không hợp lệ (chọn một trong: %(choices)s)"
    ),
    "not allowed with argument %s": "không dùng cùng với %s",
    "one of the arguments %s is required": "cần một trong các tuỳ chọn %s",
    "the following arguments are required: %s": "thiếu đối số bắt buộc: %s",
    "unrecognized arguments: %s": "có đối số thừa hoặc không biết%.0s",
    "can't open '%(filename)s': %(error)s": "không mở được tệp '%(filename)s': %(error)s",
    "unknown parser %(parser_name)r (choices: %(choices)s)": (
        "không có lệnh như vậy (các lệnh: %(choices)s)"
    ),
    "unexpected option string: %s": "tuỳ chọn không dùng được ở đây: %s",
    "%(prog)s: error: %(message)s\n": "%(prog)s: lỗi: %(message)s\n",
    "option %(option)r is deprecated": "tuỳ chọn %(option)r sắp bị bỏ",
    "argument %(argument_name)r is deprecated": "đối số %(argument_name)r sắp bị bỏ",
    "command %(parser_name)r is deprecated": "lệnh %(parser_name)r sắp bị bỏ",
}

# Messages about how a parser is written, which only a programmer meets: left in English.
FOR_PROGRAMMERS = {
    "%r is not callable",
    "'required' is an invalid argument for positionals",
    ".__call__() not defined",
    'argument "-" with mode %r',
    "cannot have multiple subparser arguments",
    "cannot merge actions - two groups are named %r",
    "conflicting subparser alias: %s",
    "conflicting subparser: %s",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "mutually exclusive arguments must be optional",
    "conflicting option string: %s",
    "conflicting option strings: %s",
}


def _gettext(message: str) -> str:
    return VI.get(message, message)


def _ngettext(singular: str, plural: str, n: int) -> str:
    return _gettext(singular if n == 1 else plural)


@contextmanager
def vietnamese() -> Iterator[None]:
    """argparse speaks Vietnamese inside the block (nested blocks are fine)."""
    saved = argparse._, argparse.ngettext  # type: ignore[attr-defined]
    argparse._ = _gettext  # type: ignore[attr-defined]
    argparse.ngettext = _ngettext  # type: ignore[attr-defined]
    try:
        yield
    finally:
        argparse._, argparse.ngettext = saved  # type: ignore[attr-defined]
