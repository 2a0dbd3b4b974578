"""Forms laid out as an office prints them: headings without a lone word, dossier codes
never broken, an A5 receipt of one page per copy, a name or a line to write it by hand
under a signature — read back from the PDF as a reader sees it."""

from __future__ import annotations

import dataclasses
import functools
import json

import pypdfium2
import pytest

from counter_app.config import SAMPLE_CATALOG
from counter_app.printing import letters, register, tables
from counter_app.printing.data import (
    AgencyHeader,
    DocumentLine,
    HandoverData,
    HandoverLine,
    PageOptions,
    Person,
    RegisterData,
    RegisterLine,
    SupplementData,
)
from counter_app.printing.receipt import render_receipt
from counter_app.reports import form06
from counter_app.reports.pdf import Report06Data, render_report06
from tests.unit.test_printing import AGENCY, DUE, HOA, T, control_data, receipt_data

OFFICE = "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ"
PROVINCE = AgencyHeader("Trung tâm Phục vụ hành chính công tỉnh Phú Thọ", "Phú Thọ")


def page_lines(pdf: bytes) -> list[list[str]]:
    """Each page's text lines, as pdfium lays the characters out."""
    return [
        [line.strip() for line in page.get_textpage().get_text_range().splitlines()]
        for page in pypdfium2.PdfDocument(pdf)
    ]


def heading_lines(lines: list[str], heading: str) -> list[str]:
    """The lines the heading was set on: from the one that starts it until it is whole."""
    start = next(
        i
        for i, line in enumerate(lines)
        if line and heading.startswith(line.split()[0]) and heading.startswith(line)
    )
    found, words = [], heading.split()
    for line in lines[start:]:
        found.append(line)
        if " ".join(found).split() == words:
            return found
    raise AssertionError(f"{heading!r} not found whole: {lines[start : start + 4]}")


def handover(agency: AgencyHeader = AGENCY, codes: tuple[str, ...] = ()) -> bytes:
    lines = tuple(HandoverLine(c, "Nguyễn Thị Hoà", "Đăng ký khai sinh", DUE) for c in codes)
    return tables.render_handover(HandoverData(agency, "Bộ phận TN&TKQ", "TP-HT", T, lines))


def supplement(agency: AgencyHeader = AGENCY, officer: str = "Trần Văn Bình") -> bytes:
    return letters.render_supplement(
        SupplementData(
            agency,
            "000.00.20.H26-260213-0007",
            HOA,
            "Đăng ký khai sinh",
            "Giấy chứng sinh",
            None,
            officer,
            "0211 3824 225",
            T,
        )
    )


HEADED = {
    "receipt A4": lambda agency: render_receipt(receipt_data(agency=agency)),
    "receipt A5": lambda agency: render_receipt(
        receipt_data(agency=agency), PageOptions(paper="A5")
    ),
    "handover list": lambda agency: handover(agency, ("000.00.20.H26-260213-0007",)),
    "control sheet": lambda agency: tables.render_control_sheet(
        dataclasses.replace(control_data(), agency=agency)
    ),
    "supplement letter": supplement,
}


@pytest.mark.parametrize("agency", [AGENCY, PROVINCE], ids=["commune", "province"])
@pytest.mark.parametrize("form", list(HEADED))
def test_the_office_heading_never_leaves_a_word_alone(form, agency):
    for lines in page_lines(HEADED[form](agency)):
        for heading in (OFFICE, agency.name.upper(), "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"):
            found = heading_lines(lines, heading)
            assert all(len(line.split()) >= 2 for line in found), found


CODES = {
    "four digits": ("000.00.20.H26-260213-0007", "000.00.20.H26-260213-0012"),
    "five digits": ("000.00.20.H26-260213-12345",),
    "a long agency code": ("000.00.00.G22.H26.X99-260213-0001", "000.00.20.H26-260213-0002"),
    "forty codes": tuple(f"000.00.20.H26-260213-{i:04d}" for i in range(1, 41)),
}


@pytest.mark.parametrize("codes", list(CODES))
def test_the_handover_list_never_breaks_a_code(codes):
    lines = [line for page in page_lines(handover(codes=CODES[codes])) for line in page]
    for code in CODES[codes]:
        assert any(code in line for line in lines), code  # whole on one line


SAMPLE = json.loads(SAMPLE_CATALOG.read_text(encoding="utf-8"))["procedures"]
LONGEST = max(SAMPLE, key=lambda p: sum(len(d["name"]) for d in p["documents"]))  # 5, 355
DOCS = tuple(DocumentLine(d["name"], d["kind"], d["count"]) for d in LONGEST["documents"])
LONG = Person(
    ("Tôn Nữ " + "Hoàng " * 40)[:199] + "A",
    "026190001234",  # the most allowed
    ("Số nhà 12, ngõ 45, ngách 6, đường Nguyễn Tất Thành, " * 10)[:500],
    "0912345678",
    "tonnu.hoang.anh.rat.dai@mot-ten-mien-rat-dai.example.vn",
)
DOSSIERS = {
    "short": receipt_data(),
    "the sample catalog's longest list of documents": receipt_data(documents=DOCS),
    "long name and address": receipt_data(applicant=LONG),
    "both": receipt_data(applicant=LONG, documents=DOCS),
}


@pytest.mark.parametrize("dossier", list(DOSSIERS))
def test_a5_receipt_is_one_page_per_copy_with_its_signatures(dossier):
    pages = page_lines(render_receipt(DOSSIERS[dossier], PageOptions(paper="A5")))
    assert len(pages) == 2
    for copy, lines in zip(("Liên 1", "Liên 2"), pages, strict=True):
        text = "\n".join(lines)
        assert copy in text and "GIẤY TIẾP NHẬN HỒ SƠ" in text
        assert "NGƯỜI TIẾP NHẬN HỒ SƠ" in text and "Trần Văn Bình" in text
        assert "số thứ tự 7" in text  # the last fact, on the signatures' page


@pytest.mark.parametrize(
    "paper,dossier",
    [
        (
            "A4",
            receipt_data(
                documents=tuple(DocumentLine(f"Giấy tờ số {i}", "copy", 1) for i in range(1, 15))
            ),
        ),
        ("A5", receipt_data(applicant=LONG, documents=DOCS * 2, agency=PROVINCE)),
    ],
    ids=["A4, 14 documents", "A5, more than fits at the smallest size"],
)
def test_a_receipt_too_long_for_a_page_keeps_its_signatures_with_the_appointment(paper, dossier):
    pages = page_lines(render_receipt(dossier, PageOptions(paper=paper)))
    signed = ["\n".join(lines) for lines in pages if "NGƯỜI TIẾP NHẬN HỒ SƠ" in lines]
    assert len(pages) > 2 and len(signed) == 2
    assert all("Thời gian trả kết quả giải quyết hồ sơ" in text for text in signed)


@pytest.mark.parametrize(
    "render,login",
    [
        (lambda: render_receipt(receipt_data(officer="")), "motcua"),
        (lambda: render_receipt(receipt_data(officer=""), PageOptions(paper="A5")), "motcua"),
        (lambda: supplement(officer=""), "motcua"),
        (lambda: handover(codes=("000.00.20.H26-260213-0007",)), "motcua"),
    ],
    ids=["receipt", "receipt A5", "supplement", "handover"],
)
def test_no_name_known_leaves_a_dotted_line_to_write_it(render, login):
    text = "\n".join(line for page in page_lines(render()) for line in page)
    assert "." * 30 in text and login not in text


DEMO_CODES = tuple(f"000.00.20.H26-261207-{i:04d}" for i in range(1, 13))


def demo_register() -> bytes:
    """A register as the demo fills it: full codes, long names, addresses, phones."""
    people = [
        Person(
            "Nguyễn Thị Hoà",
            "026190001234",
            "Thôn Đồng Bùa, xã Tam Đảo, tỉnh Phú Thọ",
            "0912345678",
            "",
        ),
        Person(
            "Công ty TNHH Thương mại và Dịch vụ Vĩnh Phúc",
            "",
            "Số 12 đường Nguyễn Tất Thành, phường Vĩnh Yên, tỉnh Phú Thọ",
            "02113824225",
            "",
        ),
    ]
    lines = tuple(
        RegisterLine(
            i, code, "Đăng ký khai sinh có yếu tố nước ngoài", 1, people[i % 2], T, DUE, None, None
        )
        for i, code in enumerate(DEMO_CODES, 1)
    )
    return tables.render_register(RegisterData(AGENCY, T.date(), DUE.date(), lines, T))


def test_the_register_never_breaks_a_code():
    lines = [line for page in page_lines(demo_register()) for line in page]
    for code in DEMO_CODES:
        assert any(code in line for line in lines), code


def cell_lines(pdf: bytes) -> list[str]:
    """Every run of text pdfium finds on a line, page after page: a table cell's line apart
    from its neighbours', in the order they were drawn."""
    runs = []
    for page in pypdfium2.PdfDocument(pdf):
        textpage = page.get_textpage()
        runs += [
            textpage.get_text_bounded(*textpage.get_rect(i)).strip()
            for i in range(textpage.count_rects())
        ]
    return runs


def set_as(runs: list[str], heading: str) -> list[list[str]]:
    """Each place the heading was set: the runs of lines that hold its words and no more."""
    words, found = heading.split(), []
    for start in range(len(runs)):
        seen: list[str] = []
        for run in runs[start : start + len(words)]:
            seen.append(run)
            if sum(len(r.split()) for r in seen) >= len(words):
                break
        if " ".join(seen).split() == words:
            found.append(seen)
    return found


def report06(by: str) -> bytes:
    from tests.unit.test_report06_print import NOW, report  # it imports this module

    bieu = dataclasses.replace(report(4), by=by)
    return render_report06(Report06Data(AGENCY, bieu, "Trần Văn Bình", NOW))


TABLES = {
    "register 07": (demo_register, register.HEADER),
    "handover list": (
        lambda: handover(codes=DEMO_CODES),
        ["TT", "Mã hồ sơ", "Người nộp", "Thủ tục", "Hẹn trả", *DEMO_CODES],
    ),
    "receipt documents": (
        lambda: render_receipt(receipt_data(documents=DOCS)),
        ["TT", "Tên giấy tờ", "Hình thức", "Số lượng"],
    ),
    "receipt A5 documents": (
        lambda: render_receipt(receipt_data(documents=DOCS), PageOptions(paper="A5")),
        ["TT", "Tên giấy tờ", "Hình thức", "Số lượng"],
    ),
    "control sheet": (
        lambda: tables.render_control_sheet(control_data()),
        tables.CONTROL_HEADER,
    ),
    **{
        f"Biểu 06 by {by}": (
            functools.partial(report06, by),
            [h.text for h in form06.headings(by)] + form06.NUMBERS,
        )
        for by in ("field", "procedure")
    },
}


@pytest.mark.parametrize("form", list(TABLES))
def test_no_table_heading_leaves_a_word_alone(form):
    """Each heading cell, line by line as drawn: no line of a heading of several words holds
    one word alone, and a heading of one word (a code) is on one line — a column's number
    of Biểu 06, "(3)=(4)+(5)+(6)", is broken after its "=" or not at all."""
    render, headings = TABLES[form]
    runs = cell_lines(render())
    for heading in headings:
        head, sep, tail = heading.partition("=")
        places = set_as(runs, heading) or (set_as(runs, f"{head}= {tail}") if sep else [])
        assert places, f"{heading!r} not found whole; broken inside a word?"
        for lines in places:
            least = 1 if sep else min(2, len(heading.split()))
            assert all(len(line.split()) >= least for line in lines), (heading, lines)
