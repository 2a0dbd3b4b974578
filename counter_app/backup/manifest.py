"""The manifest beside every copy (FILE + ".json"): what `restore` checks the copy against
before touching anything. It names no person: counts, sizes and a checksum. It also keeps
the head of the desk's audit chain as the copy holds it (`audit_head`: desk, number,
hash), an anchor outside the database that `audit verify` compares the trail with."""

from __future__ import annotations

import json
import re
import uuid
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from counter_app import __version__
from counter_app.audit.verify import Anchor
from counter_app.backup import files
from counter_app.clock import parse
from counter_app.errors import BadBackup
from counter_app.formats import iso

FORMAT = 1
SUFFIX = ".json"
HEX64 = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Manifest:
    file: str  # the copy's own name, so that both can be moved together
    bytes: int
    sha256: str
    schema: str | None  # Alembic revision of the copy
    dossiers: int
    events: int
    created_at: datetime
    kind: str  # daily, manual, before-restore
    page_size: int
    pages: int
    app_version: str = __version__
    format: int = FORMAT
    audit_head: dict[str, Any] | None = None  # {"desk", "seq", "hash"}; None: no entry yet
    # the digitised files beside the copy (backup/documents.py): folder, files, bytes, missing
    documents: dict[str, Any] | None = None

    def json(self) -> dict[str, Any]:
        return asdict(self) | {"created_at": iso(self.created_at)}


def path_of(copy: Path) -> Path:
    return copy.with_name(copy.name + SUFFIX)


def write(copy: Path, manifest: Manifest) -> Path:
    target = path_of(copy)
    files.write_json(target, manifest.json())
    return target


def read(copy: Path) -> Manifest:
    """The manifest of `copy`; BadBackup if it is missing or not one of ours."""
    path = path_of(copy)
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise BadBackup(
            f"Thiếu tệp mô tả '{path}' đi kèm bản sao lưu: không kiểm tra được "
            "bản sao nên không khôi phục."
        ) from None
    except (OSError, ValueError):
        raise BadBackup(f"Tệp mô tả '{path}' không đọc được hoặc hỏng.") from None
    known = set(Manifest.__dataclass_fields__)  # a later version's additions are skipped
    try:
        manifest = Manifest(
            **{k: v for k, v in data.items() if k in known}
            | {"created_at": parse(data["created_at"])}
        )
    except (TypeError, KeyError, ValueError):
        raise BadBackup(f"Tệp mô tả '{path}' không đúng định dạng của counter-app.") from None
    if not (isinstance(manifest.bytes, int) and HEX64.fullmatch(str(manifest.sha256))):
        raise BadBackup(f"Tệp mô tả '{path}' không đúng định dạng của counter-app.")
    return manifest


def audit_anchors(copies: list[Path]) -> list[Anchor]:
    """The audit chain's heads the manifests of `copies` recorded (those unreadable, or of
    copies taken before manifests kept one, are passed over)."""
    found = []
    for copy in copies:
        try:
            described = read(copy)
            head = described.audit_head
            if head:
                found.append(
                    Anchor(
                        uuid.UUID(str(head["desk"])),
                        int(head["seq"]),
                        str(head["hash"]),
                        f"bản sao lưu {copy.name}",
                        described.created_at,
                    )
                )
        except (BadBackup, KeyError, TypeError, ValueError):
            continue
    return found
