"""What the panel's keys do to the selected line: scan it, take a file, the copier folder's
newest file, an earlier document of the same citizen, an exemption, or open the viewer.
Every save goes through `save`: the PIN asked first on the GUI thread when the document is
to be signed, then one worker reads the files, signs and records (record.digitise): the
window never waits, and a refusal stores nothing."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QDialog, QFileDialog, QWidget

from counter_app.messages import for_people
from counter_app.ui.digitisation import signing_flow
from counter_app.ui.i18n import tr

if TYPE_CHECKING:
    from counter_app.digitisation.listing import Documents, Line
    from counter_app.digitisation.record import Digitised, Source
    from counter_app.ui.app import AppContext

Done = Callable[[Any], None]
FILE_TYPES = "Tệp PDF hoặc ảnh (*.pdf *.jpg *.jpeg *.png *.tif *.tiff)"


class LineActions:
    _context: AppContext
    code: str
    documents: Documents | None
    _busy: bool
    _taken: set[tuple[str, int]]
    digitised: Any

    def selected_line(self) -> Line | None: ...
    def selected_row(self) -> int: ...
    def tell(self, text: str) -> None: ...
    def reload(self, select: int | None = None) -> None: ...

    def _line(self) -> Line | None:
        if self.documents is None:
            self.tell(tr("Đang đọc danh sách giấy tờ…"))
            return None
        line = self.selected_line()
        if line is None:
            self.tell(tr("Chọn một dòng giấy tờ trước."))
        return line

    def scan(self) -> None:
        line = self._line()
        if line is None or self._busy:
            return
        from counter_app.ui.digitisation.scan_dialog import ScanDialog

        dialog = ScanDialog(self._context, self, line.item, line.name, self._as_widget())
        dialog.show()
        self.scan_dialog = dialog

    def from_file(self) -> None:
        line = self._line()
        if line is None or self._busy:
            return
        paths, _ = QFileDialog.getOpenFileNames(
            self._as_widget(),
            tr("Chọn tệp giấy tờ (nhiều ảnh: theo thứ tự trang)"),
            self._context.settings.export_dir or "",
            tr(FILE_TYPES),
        )
        if not paths:
            return
        from counter_app.digitisation.given import read_files
        from counter_app.digitisation.record import Files

        self.save(line.item, lambda: Files(read_files(list(paths))), signable=True)

    def from_folder(self) -> None:
        line = self._line()
        if line is None or self._busy:
            return
        folder = self._context.settings.scan_folder
        if not folder:
            self.tell(
                tr("Chưa đặt thư mục máy quét: Quản lý → Cài đặt bàn tiếp nhận → Thư mục quét.")
            )
            return
        from counter_app.digitisation.given import newest
        from counter_app.digitisation.record import Files

        taken = getattr(self, "_taken", None)
        if taken is None:
            taken = self._taken = set()
        picked: list[tuple[str, int]] = []

        def source() -> Source:
            key, data = newest(folder, taken)
            picked.append(key)
            return Files((data,), source="folder")

        self.save(line.item, source, signable=True, on_done=lambda _: taken.update(picked))

    def reuse(self) -> None:
        line = self._line()
        if line is None or self._busy:
            return
        from counter_app.digitisation.record import Reuse
        from counter_app.ui.digitisation.reuse_dialog import ReuseDialog

        dialog = ReuseDialog(self._context, self.code, line.name, self._as_widget())
        if dialog.exec() == QDialog.DialogCode.Accepted and dialog.chosen:
            sha = dialog.chosen
            self.save(line.item, lambda: Reuse(sha), signable=False)

    def exempt(self) -> None:
        line = self._line()
        if line is None or self._busy:
            return
        from counter_app.digitisation.record import Exempt
        from counter_app.ui.digitisation.exempt_dialog import ExemptDialog

        dialog = ExemptDialog(line.name, self._as_widget())
        if dialog.exec() == QDialog.DialogCode.Accepted:
            reason = dialog.reason()
            self.save(line.item, lambda: Exempt(reason), signable=False)

    def view_document(self) -> None:
        line = self._line()
        if line is None:
            return
        now = line.current
        if now is None:
            self.tell(tr("Dòng này chưa được số hóa: chưa có gì để xem."))
        elif now.sha256 is None:
            self.tell(tr("Dòng này được miễn số hóa: không có tệp. Lý do: {}").format(now.reason))
        else:  # a file not here yet is fetched from the office server by the viewer
            from counter_app.ui.digitisation.viewer import DocumentViewer

            viewer = DocumentViewer(
                self._context, self.code, line.item, line.name, self._as_widget()
            )
            viewer.show()
            self.viewer = viewer

    def save(
        self,
        item: int | str,
        make_source: Callable[[], Source],
        *,
        signable: bool,
        on_done: Done | None = None,
        on_failed: Callable[[str], None] | None = None,
        error: str | None = None,
    ) -> None:
        """Record the line's document; `make_source` runs in the worker (file reading)."""
        from counter_app.digitisation.record import digitise
        from counter_app.signing.base import WrongPin

        c, code, tools, row = (
            self._context,
            self.code,
            self._context.digitisation,
            self.selected_row(),
        )

        def refused(text: str) -> None:
            self._busy = False
            self.tell(text)
            if on_failed is not None:
                on_failed(text)

        def go(open_signer: signing_flow.OpenSigner | None, note: str) -> None:
            def work() -> Digitised:
                source = make_source()
                sign = open_signer() if open_signer is not None else None
                return c.act(
                    lambda s, who: digitise(
                        s, who, code, item, source, store=tools.store(), now=c.now(), sign=sign
                    ),
                    code=code,
                )

            def done(result: Digitised) -> None:
                self._busy = False
                self.tell(" ".join(t for t in (_saved_text(result), note) if t))
                self.reload(select=row + 1 if isinstance(result.item, int) else row)
                self.digitised.emit(result)
                if on_done is not None:
                    on_done(result)

            def failed(failure: Exception) -> None:
                if isinstance(failure, WrongPin):  # asked again, the token's warning shown
                    again = for_people(failure)
                    self.save(
                        item,
                        make_source,
                        signable=True,
                        on_done=on_done,
                        error=again,
                        on_failed=on_failed,
                    )
                    return
                refused(for_people(failure))

            c.tasks.run(work, done, failed, owner=self._as_widget())

        self._busy = True
        self.tell(tr("Đang lưu giấy tờ…"))
        if not signable:
            go(None, "")
            return
        signing_flow.prepare(self._as_widget(), c, go, refused, error)

    def _as_widget(self) -> QWidget:
        assert isinstance(self, QWidget)
        return self


def line_label(item: int | str) -> str:
    return tr("dòng {}").format(item) if isinstance(item, int) else tr("kết quả")


def _saved_text(result: Digitised) -> str:
    what = line_label(result.item)
    if not result.recorded:
        return tr("Đã có đúng giấy tờ này ({}): không ghi thêm.").format(what)
    if result.source == "exempt":
        return tr("Đã ghi miễn số hóa ({}).").format(what)
    signed = tr(", đã ký số") if result.signed else ""
    return tr("Đã lưu {}: {} trang{}.").format(what, result.pages, signed)
