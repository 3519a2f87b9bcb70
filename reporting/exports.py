"""Exports of reports: the official PDF (Decree 30/2020 layout) and Excel workbooks.

Each export takes objects the view fetched through the scoped selectors, writes with openpyxl's
write-only mode (it streams), escapes text cells that a spreadsheet would run as a formula, and is
recorded in the access log by the view.
"""

from __future__ import annotations

import io

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Alignment, Font

from accounts import privacy
from accounts.letterhead import letterhead
from accounts.models import Area
from core.downloads import document_name
from core.pdf import render_pdf

from . import privacy as report_privacy
from . import selectors as sel
from .models import Period, Submission


def safe(value):
    """Text a spreadsheet would treat as a formula gets a leading apostrophe."""
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value


# Download names say what, when and whose: bao-cao-6-thang-2022-thon-1.pdf
SHORT_NAMES = {"six_monthly": "Báo cáo 6 tháng", "annual": "Báo cáo năm"}


def _short_name(period: Period) -> str:
    return SHORT_NAMES.get(period.report_type.period_kind) or period.report_type.name


def submission_filename(submission: Submission, *, ext: str) -> str:
    period = submission.period
    return document_name(_short_name(period), period.year, submission.area.name, ext=ext)


def period_filename(period: Period, *, ext: str) -> str:
    return document_name(_short_name(period), period.year, period.area.name, ext=ext)


# --- PDF ------------------------------------------------------------------------------------------


def pdf_context(submission: Submission, rows: list[sel.Row], *, made_by) -> dict:
    """The report as an official document: the letterhead of the reporting area on the day it was
    sent (or approved, or today for a draft), the figures and the narrative."""
    period, area = submission.period, submission.area
    doc_moment = submission.submitted_at or submission.approved_at or timezone.now()
    commune_level = area.kind != Area.Kind.VILLAGE
    signer = submission.approved_by if commune_level else submission.submitted_by
    head = letterhead(
        issuer=area,
        on=timezone.localdate(doc_moment),
        kind="report" if commune_level else "village_report",
        number=submission.number,
        suffix="BC-UBND" if commune_level else "BC",
        signer_name=str(signer) if signer else "",
    )
    return {
        **head,
        "submission": submission,
        "period": period,
        "report_type": period.report_type,
        "rows": rows,
        "made_by": str(made_by),
        "made_at": timezone.localtime(),
    }


def submission_pdf(submission: Submission, rows: list[sel.Row], *, made_by) -> bytes:
    return render_pdf("reporting/pdf/report.html", pdf_context(submission, rows, made_by=made_by))


# --- Excel ----------------------------------------------------------------------------------------


def _bold(ws, value):
    cell = WriteOnlyCell(ws, value=safe(value))
    cell.font = Font(bold=True)
    return cell


def submission_xlsx(submission: Submission, rows: list[sel.Row], *, made_by) -> tuple[bytes, int]:
    """One report: the indicator table and the narrative. Returns (bytes, number of value rows)."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Indicators")[:31])
    ws.column_dimensions["B"].width = 60
    period = submission.period
    ws.append([_bold(ws, period.title)])
    ws.append([safe(_("Area")), safe(submission.area.name)])
    ws.append([_("Figures from"), period.start, _("to"), period.end])
    ws.append([_("Status"), safe(submission.status_label)])
    ws.append([_("Exported by"), safe(str(made_by)), timezone.localtime().strftime("%d/%m/%Y %H:%M")])
    ws.append([])
    ws.append([_bold(ws, h) for h in (_("Code"), _("Indicator"), _("Unit"), _("Breakdown"), _("Value"), _("Source"))])
    count = 0
    for row in rows:
        for cell in row.cells:
            ws.append(
                [
                    safe(row.indicator.code),
                    safe(row.indicator.name),
                    safe(row.indicator.get_unit_display()),
                    safe(cell.label),
                    _cell(cell.value),
                    safe(str(dict(sel.Value.Source.choices).get(cell.source, cell.source))),
                ]
            )
            count += 1
    notes = wb.create_sheet(_("Narrative")[:31])
    notes.column_dimensions["B"].width = 100
    for label, text in (
        (_("Results"), submission.results),
        (_("Difficulties"), submission.difficulties),
        (_("Proposals"), submission.proposals),
    ):
        cell = WriteOnlyCell(notes, value=safe(text))
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        notes.append([_bold(notes, label), cell])
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), count


def _cell(value):
    """A figure for a spreadsheet cell: numbers stay numbers, a withheld figure is the text "< 3"."""
    return value if value is None or isinstance(value, int) else str(value)


def period_xlsx(period: Period, status: list[sel.StatusRow], *, made_by, viewer) -> tuple[bytes, int]:
    """All reporting areas of a period side by side: one column per area, one row per figure,
    the status and dates on top and a total column. Only submitted or accepted reports count.
    Figures are shown as ``viewer`` may see them; the total adds up the true figures."""
    areas = [r.area for r in status]
    subs = {s.area_id: s for s in sel.submissions_with_values(period, areas)}
    values = {(area_id, v.indicator.code, v.key): v.value for area_id, s in subs.items() for v in s.values.all()}
    trusted = {a.pk: privacy.sees_confidential(viewer, a) for a in areas}
    trusted_total = privacy.sees_confidential(viewer, period.area)
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Figures")[:31])
    ws.column_dimensions["B"].width = 55
    ws.append([_bold(ws, period.title), safe(period.area.name)])
    ws.append([_("Figures from"), period.start, _("to"), period.end, _("Deadline"), period.deadline])
    ws.append([_("Exported by"), safe(str(made_by)), timezone.localtime().strftime("%d/%m/%Y %H:%M")])
    ws.append([])
    ws.append(
        [_bold(ws, h) for h in (_("Code"), _("Indicator"), _("Breakdown"), _("Total"))]
        + [_bold(ws, a.name) for a in areas]
    )
    ws.append(["", _("Status"), "", ""] + [safe(r.label) for r in status])
    ws.append(
        ["", _("First submitted"), "", ""]
        + [
            timezone.localtime(r.submission.first_submitted_at).strftime("%d/%m/%Y %H:%M")
            if r.submission and r.submission.first_submitted_at
            else ""
            for r in status
        ]
    )
    count = 0
    for indicator in sel.report_indicators(period.report_type):
        for key, label in [("", _("Total")), *sel.ind.breakdown_keys(indicator)]:
            cells = [values.get((a.pk, indicator.code, key)) for a in areas]
            known = [c for c in cells if c is not None]
            total = sum(known) if known else None
            shown = [
                _cell(report_privacy.shown_value(c, indicator=indicator, key=key, area=a, trusted=trusted[a.pk]))
                for a, c in zip(areas, cells, strict=True)
            ]
            total = _cell(
                report_privacy.shown_value(total, indicator=indicator, key=key, area=period.area, trusted=trusted_total)
            )
            ws.append([safe(indicator.code), safe(indicator.name), safe(str(label)), total, *shown])
            count += 1
    out = io.BytesIO()
    wb.save(out)
    return out.getvalue(), count
