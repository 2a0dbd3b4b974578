"""Forms 02–05: the one-page letters (supplement, refusal, apology and extension, stop).

They share one shape: heading, title, addressee, the matter, a few facts, signatures.
"""

from __future__ import annotations

from reportlab.lib.units import mm
from reportlab.platypus import Flowable, Spacer

from counter_app.printing.data import (
    DEFAULT_PAGE,
    AgencyHeader,
    ApologyData,
    PageOptions,
    RefusalData,
    StopData,
    SupplementData,
)
from counter_app.printing.page import Form, text, when

A4_ONLY = DEFAULT_PAGE


def _letter(
    form: Form,
    agency: AgencyHeader,
    printed_at,
    title: str,  # type: ignore[no-untyped-def]
    body: list[Flowable],
    signer_role: str,
    signer: str,
) -> bytes:
    story: list[Flowable] = [
        form.header(agency),
        Spacer(1, 3 * mm),
        form.dated(agency, printed_at),
        *form.title(title),
        *body,
        Spacer(1, 5 * mm),
        form.signatures(("", "", ""), (signer_role, "(Ký và ghi rõ họ tên)", signer)),
    ]
    return form.build(story, title)


def _opening(form: Form, d: ApologyData | StopData) -> list[Flowable]:
    """'To Mr/Ms …' and the line recalling when and what was received."""
    return [
        form.para(f"Kính gửi: Ông/Bà <b>{text(d.applicant.name)}</b>"),
        form.para(
            f"Ngày {text(when(d.received_at))}, {text(d.agency.name)} tiếp nhận hồ sơ "
            f"của Ông/Bà đề nghị giải quyết thủ tục <b>{text(d.procedure)}</b>, "
            f"mã hồ sơ <b>{text(d.code)}</b>."
        ),
    ]


def render_supplement(d: SupplementData, options: PageOptions = A4_ONLY) -> bytes:
    form = Form(options, "Mẫu số 02 — Thông tư 03/2025/TT-VPCP")
    body = [
        form.para(f"Kính gửi: Ông/Bà <b>{text(d.applicant.name)}</b>"),
        form.field("Mã hồ sơ", d.code or "chưa tiếp nhận (hồ sơ chưa đủ thành phần)"),
        form.para(
            f"{text(d.agency.office)} đã tiếp nhận hồ sơ đề nghị giải quyết thủ tục "
            f"<b>{text(d.procedure)}</b>. Để hồ sơ được giải quyết, đề nghị Ông/Bà "
            "bổ sung, hoàn thiện hồ sơ gồm những nội dung sau:"
        ),
        form.para(f"<b>{text(d.items)}</b>"),
    ]
    if d.reason:
        body.append(form.field("Lý do", d.reason))
    who = (
        f"cán bộ {text(d.officer)} qua số điện thoại {text(d.officer_phone)} của bộ phận tiếp nhận"
        if d.officer.strip()  # no name known: the office, not a login name
        else f"bộ phận tiếp nhận qua số điện thoại {text(d.officer_phone)}"
    )
    body.append(
        form.para(
            "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, Ông/Bà liên hệ "
            f"{who} để được hướng dẫn."
        )
    )
    return _letter(
        form,
        d.agency,
        d.printed_at,
        "Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ",
        body,
        "NGƯỜI HƯỚNG DẪN",
        d.officer,
    )


def render_refusal(d: RefusalData, options: PageOptions = A4_ONLY) -> bytes:
    form = Form(options, "Mẫu số 03 — Thông tư 03/2025/TT-VPCP")
    a = d.applicant
    body = [form.para(f"Kính gửi: Ông/Bà <b>{text(a.name)}</b>")]
    if d.code:
        body.append(form.field("Mã hồ sơ", d.code))
    if a.id_number:
        body.append(form.field("Số định danh cá nhân / giấy tờ", a.id_number))
    body += [
        form.field("Địa chỉ", a.address or "—"),
        form.para(
            f"{text(d.agency.office)} — {text(d.agency.name)} tiếp nhận hồ sơ đề nghị "
            f"<b>{text(d.procedure)}</b>."
        ),
        form.para(
            "Sau khi nghiên cứu, căn cứ quy định hiện hành, cơ quan từ chối tiếp nhận "
            "hồ sơ này với lý do:"
        ),
        form.para(f"<b>{text(d.reasons)}</b>"),
        form.para("Xin thông báo để Ông/Bà được biết và thực hiện."),
    ]
    return _letter(
        form,
        d.agency,
        d.printed_at,
        "Phiếu từ chối tiếp nhận giải quyết hồ sơ",
        body,
        "NGƯỜI TIẾP NHẬN",
        d.officer,
    )


def render_apology(d: ApologyData, options: PageOptions = A4_ONLY) -> bytes:
    form = Form(options, "Mẫu số 04 — Thông tư 03/2025/TT-VPCP")
    body = [
        *_opening(form, d),
        form.field("Thời hạn trả kết quả đã hẹn", when(d.original_due_at)),
        form.para("Tuy nhiên, đến nay cơ quan chưa trả kết quả cho Ông/Bà được, lý do:"),
        form.para(f"<b>{text(d.reason)}</b>"),
        form.para(
            "Sự chậm trễ này đã gây phiền hà cho Ông/Bà. Chúng tôi thành thật xin lỗi "
            "và hẹn trả kết quả vào:"
        ),
        form.para(f"<b>{text(when(d.new_due_at))}</b>", form.styles.center),
        form.para("Rất mong nhận được sự thông cảm của Ông/Bà."),
    ]
    return _letter(
        form,
        d.agency,
        d.printed_at,
        "Văn bản xin lỗi và đề nghị gia hạn thời gian giải quyết",
        body,
        "THỦ TRƯỞNG CƠ QUAN",
        d.signer,
    )


def render_stop(d: StopData, options: PageOptions = A4_ONLY) -> bytes:
    form = Form(options, "Mẫu số 05 — Thông tư 03/2025/TT-VPCP")
    body = [
        *_opening(form, d),
        form.field("Tình trạng giải quyết", d.stage),
        form.para("Nay cơ quan thông báo dừng giải quyết hồ sơ, lý do:"),
        form.para(f"<b>{text(d.decision)}</b>"),
        form.field("Phí, lệ phí", d.fees),
    ]
    return _letter(
        form,
        d.agency,
        d.printed_at,
        "Thông báo dừng giải quyết hồ sơ",
        body,
        "THỦ TRƯỞNG CƠ QUAN",
        d.signer,
    )
