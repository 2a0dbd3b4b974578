"""The two headings at the top of every administrative page (Decree 30/2020): the agency
and its office on the left, the national name and motto on the right; on a canvas."""

from __future__ import annotations

from counter_app.printing.data import AgencyHeader
from counter_app.printing.page import AGENCY_SHARE, MOTTO, NATION
from counter_app.printing.sheet import Sheet


def masthead(sheet: Sheet, agency: AgencyHeader) -> None:
    f = sheet.fonts

    def left(x: float, w: float) -> None:
        sheet.heading(agency.name.upper(), f.regular, x, w)
        sheet.heading(agency.office.upper(), f.bold, x, w, underline=True)

    def right(x: float, w: float) -> None:
        sheet.heading(NATION, f.bold, x, w)
        sheet.heading(MOTTO, f.bold, x, w, underline=True)

    sheet.columns([(AGENCY_SHARE, left), (1 - AGENCY_SHARE, right)])
