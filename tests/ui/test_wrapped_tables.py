"""The dossier window's tables (its documents, its timeline, its digitisation checklist):
one column takes the width left and wraps, the others are as wide as their text, measured
once per dossier shown; a narrower window makes the wrapped rows taller."""

from __future__ import annotations

from counter_app.ui.table_base import RowsModel, TableView

LONG = (
    "Tờ khai đăng ký khai sinh theo mẫu, có xác nhận của Ủy ban nhân dân cấp xã nơi cư trú "
    "và bản sao giấy chứng sinh do cơ sở y tế cấp"
)


def shown(qtbot, width: int) -> TableView:
    model = RowsModel(("Giấy tờ", "Hình thức", "Số lượng"))
    table = TableView()
    table.setModel(model)
    table.wrap_in(0)
    qtbot.addWidget(table)
    table.resize(width, 300)
    table.show()
    qtbot.waitExposed(table)
    model.set_rows([(LONG, "Bản sao chứng thực điện tử", "1"), ("Căn cước", "Bản chính", "2")])
    table.fit_to_contents()
    return table


def test_a_long_name_wraps_and_the_other_columns_show_their_text(qtbot):
    table = shown(qtbot, 700)
    metrics = table.fontMetrics()
    assert table.rowHeight(0) >= 2 * metrics.lineSpacing() > table.rowHeight(1)
    assert table.columnWidth(1) >= metrics.horizontalAdvance("Bản sao chứng thực điện tử")
    assert table.columnWidth(0) > table.columnWidth(1)  # the rest of the width is the name's


def test_a_narrower_window_makes_the_wrapped_row_taller(qtbot):
    table = shown(qtbot, 900)
    before = table.rowHeight(0)
    table.resize(500, 300)
    qtbot.waitUntil(lambda: table.rowHeight(0) > before, timeout=10_000)
    assert table.rowHeight(1) < table.rowHeight(0)
