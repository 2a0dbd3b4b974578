"""Where the gateway is and how to log in (`portal configure`): one JSON file beside the
desk's database, readable by the OS user only (0600 on POSIX; on Windows the user's
profile folder is already private), the password in it and never printed."""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass
from pathlib import Path

from counter_app import private
from counter_app.errors import CounterError, ValidationError

ENV_FILE = "COUNTER_APP_PORTAL_CONFIG"


@dataclass(frozen=True)
class PortalSettings:
    url: str
    user: str
    password: str
    agency_code: str
    ca: str | None


def settings_path() -> Path:
    if os.environ.get(ENV_FILE):
        return Path(os.environ[ENV_FILE])
    from counter_app.config import data_dir

    return data_dir() / "portal.json"


def checked_url(url: str) -> str:
    if not url.startswith("https://") or len(url) < 12:
        raise ValidationError("--url: cổng tích hợp phải là địa chỉ https://…", "url")
    return url.rstrip("/")


def save(found: PortalSettings, path: Path) -> None:
    if found.ca and not Path(found.ca).is_file():
        raise ValidationError("--ca: không có tệp chứng chỉ này.", "ca")
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    fd = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w", encoding="utf-8") as out:
        json.dump(asdict(found), out, ensure_ascii=False)
    private.make_private(temporary)
    os.replace(temporary, path)


def load(path: Path) -> PortalSettings:
    try:
        found = json.loads(path.read_text(encoding="utf-8"))
        return PortalSettings(**found)
    except FileNotFoundError:
        raise CounterError(
            "Chưa khai báo cổng tích hợp: counter-app portal configure --url URL."
        ) from None
    except (ValueError, TypeError):
        raise CounterError(
            f"Tệp cấu hình cổng tích hợp {path} bị hỏng: khai báo lại bằng portal configure."
        ) from None
