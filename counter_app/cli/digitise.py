"""`counter-app digitise`, `documents` and `document get` (docs/digitisation.md).

`--scan` and `--sign` (cli/digitise_devices.py) take the scanner's pages as the source and the
officer's token as the signer."""

from __future__ import annotations

from typing import TYPE_CHECKING

from counter_app import out_files, private
from counter_app.cli import digitise_devices
from counter_app.db import unit_of_work
from counter_app.digitisation import files, listing, record
from counter_app.digitisation.errors import DigitisationError
from counter_app.digitisation.given import read_files
from counter_app.digitisation.store import Store, crash_point, root_of
from counter_app.errors import CounterError

if TYPE_CHECKING:
    from counter_app.cli.context import Commands, Context

ITEM_HELP = "số thứ tự dòng giấy tờ theo thủ tục (1, 2, …) hoặc 'result' cho kết quả"
SOURCES = {
    "scanner": "máy quét",
    "file": "tệp",
    "folder": "thư mục máy quét",
    "reuse": "dùng lại",
    "exempt": "miễn số hóa",
}


def add_commands(commands: Commands) -> None:
    digitise = commands.add("digitise", "số hóa một giấy tờ của hồ sơ (hoặc kết quả)")
    # argparse gives no positional after an option once CODE is taken, so the files
    # after `--item N` are its further values (and any before it follow CODE)
    digitise.add_argument(
        "--item",
        required=True,
        nargs="+",
        metavar="N",
        help=f"{ITEM_HELP}; sau nó: các tệp PDF (giữ nguyên) hoặc ảnh theo thứ tự trang",
    )
    digitise.add_argument("given", metavar="CODE", nargs="+", help="mã hồ sơ")
    digitise.add_argument(
        "--reuse", metavar="SHA256", help="dùng lại giấy tờ đã số hóa của cùng công dân"
    )
    digitise.add_argument(
        "--exempt", metavar="REASON", help="không số hóa theo Điều 4 TT 01/2023: lý do"
    )
    digitise_devices.add_arguments(digitise)
    shown = commands.add("documents", "các giấy tờ đã số hóa của hồ sơ, theo thứ tự thủ tục")
    shown.add_argument("code", metavar="CODE", help="mã hồ sơ")
    document = commands.add("document", "giấy tờ đã số hóa")
    nested = document.add_subparsers(dest="document_command", metavar="LỆNH", required=True)
    get = commands.add("get", "ghi tệp giấy tờ đã lưu ra FILE (kiểm tra mã SHA-256)", nested)
    get.add_argument("code", metavar="CODE", help="mã hồ sơ")
    get.add_argument("--item", required=True, metavar="N", help=ITEM_HELP)
    get.add_argument("-o", "--output", required=True, metavar="FILE", help="tệp PDF ghi ra")


def _source(ctx: Context) -> record.Source | None:
    a = ctx.args
    a.code, a.files = a.given[0], a.given[1:] + a.item[1:]
    a.item = a.item[0]
    given = [bool(a.files), a.scan, a.reuse is not None, a.exempt is not None]
    if sum(given) != 1:
        raise DigitisationError(
            "digitise cần đúng một trong: các tệp FILE, --scan, --reuse SHA256 hoặc --exempt LÝ_DO."
        )
    if a.sign and (a.reuse is not None or a.exempt is not None):
        raise DigitisationError("--sign chỉ dùng khi số hóa từ tệp hoặc máy quét.")
    if a.scan:
        return None  # scanned once the token (if any) is open: a wrong PIN wastes no scan
    if a.reuse is not None:
        return record.Reuse(a.reuse)
    if a.exempt is not None:
        return record.Exempt(a.exempt)
    return record.Files(read_files(a.files))


def _store(ctx: Context) -> Store:
    return Store(root_of(ctx.settings.db_url))


def cmd_digitise(ctx: Context) -> int:
    a = ctx.args
    source = _source(ctx)
    store = _store(ctx)
    with unit_of_work(ctx.sessions) as session:  # a crash's leftovers, before adding more
        store.sweep(files.named_hashes(session))
    sign, close_token = digitise_devices.signer(a)
    try:
        given = source or digitise_devices.scanned(a)
        done = ctx.act(
            lambda s, who: record.digitise(
                s, who, a.code, a.item, given, store=store, now=ctx.now(), sign=sign
            )
        )
    finally:
        close_token()
    crash_point("committed")
    what = "" if done.recorded else " (đã có đúng giấy tờ này: không ghi thêm)"
    size = f", {done.pages} trang, {done.bytes / 1024:.0f} KB" if done.sha256 else ""
    ctx.emit(
        done.json(),
        f"Hồ sơ {done.code}, dòng {done.item} «{done.name}»: "
        f"{SOURCES.get(done.source, done.source)}{size}{what}."
        + (f"\nSHA-256: {done.sha256}" if done.sha256 else ""),
        f"Đã số hóa dòng {done.item} của hồ sơ {done.code}",
    )
    return 0


def cmd_documents(ctx: Context) -> int:
    store = _store_if_any(ctx)
    found = ctx.look(
        lambda s, _who: listing.documents(s, ctx.args.code, store),
        code=lambda got: got.code,  # type: ignore[no-any-return]
        detail=lambda _: {"list": "documents"},
    )
    ctx.emit(found.json(), _text(found))
    return 0


def _store_if_any(ctx: Context) -> Store | None:
    try:
        return _store(ctx)
    except Exception:  # noqa: BLE001 - not an SQLite desk: no file is here
        return None


def _text(found: listing.Documents) -> str:
    out = [f"Giấy tờ số hóa của hồ sơ {found.code}:"]
    for line in found.lines:
        now = line.current
        if now is None:
            state = "chưa số hóa"
        elif now.sha256 is None:
            state = "miễn số hóa"
        else:
            here = "" if now.here else "; tệp chưa có trên bàn này"
            signed = ", đã ký số" if now.signed else ""
            state = (
                f"{SOURCES.get(now.source, now.source)}, {now.pages} trang, "
                f"{now.bytes / 1024:.0f} KB{signed}{here}"
            )
        out.append(f"  {line.item}. {line.name}: {state}")
    return "\n".join(out)


def cmd_document(ctx: Context) -> int:
    a = ctx.args
    target = out_files.checked(a.output, "một tên tệp .pdf")
    store = _store(ctx)
    _fetch_if_elsewhere(ctx, store)
    data = ctx.look(
        lambda s, _who: listing.document_bytes(s, a.code, a.item, store),
        code=lambda _: a.code,  # type: ignore[no-any-return]
        detail=lambda _: {"document": str(a.item)},
    )
    out_files.replace(target, data)
    private.make_private(target)  # a citizen's paper: for this user only
    ctx.emit(
        {"code": a.code, "item": a.item, "file": a.output, "bytes": len(data)},
        f"Đã ghi giấy tờ dòng {a.item} của hồ sơ {a.code} ra {a.output}.",
    )
    return 0


def _fetch_if_elsewhere(ctx: Context, store: Store) -> None:
    """A document another desk digitised, its file not here yet: fetched from the office
    server (sync/documents.py) when the desk has one, then written out as any other."""
    from counter_app.sync import documents, state

    if state.load_url(ctx.settings.db_url) is None:
        return
    with unit_of_work(ctx.sessions) as session:
        try:
            line = listing.documents(session, ctx.args.code, store).line(ctx.args.item)
        except CounterError:
            return  # said by the look that follows, as without a server
    now = line.current if line else None
    if now is not None and now.sha256 is not None and not now.here:
        documents.fetch(ctx.settings.db_url, now.sha256)


HANDLERS = {"digitise": cmd_digitise, "documents": cmd_documents, "document": cmd_document}
