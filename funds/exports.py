"""Documents of the fund: receipt and payment vouchers (PDF), the cash book (Excel and PDF) and the
yearly public report (PDF). Each takes data already read through the scoped selectors."""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

from accounts.letterhead import letterhead
from core.downloads import document_name
from core.pdf import render_pdf

from .models import Entry
from .words import amount_in_words

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe(value):
    """Text that a spreadsheet would read as a formula is written as plain text."""
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def cash_book_xlsx(book: dict, *, user) -> bytes:
    """The cash book as an .xlsx file, written in streaming (write-only) mode."""
    wb = Workbook(write_only=True)
    ws = wb.create_sheet(_("Cash book")[:31])
    ws.column_dimensions["A"].width = 12
    ws.column_dimensions["B"].width = 14
    ws.column_dimensions["C"].width = 14
    ws.column_dimensions["D"].width = 60
    for col in "EFG":
        ws.column_dimensions[col].width = 16
    bold = Font(bold=True)

    def bold_cell(value):
        cell = WriteOnlyCell(ws, value=value)
        cell.font = bold
        return cell

    fund = book["fund"]
    ws.append([bold_cell(_("CASH BOOK")), None, None, bold_cell(f"{fund.name} — {fund.commune.name}")])
    ws.append(
        [
            _("From %(start)s to %(end)s")
            % {"start": book["start"].strftime("%d/%m/%Y"), "end": book["end"].strftime("%d/%m/%Y")}
        ]
    )
    ws.append(
        [
            _("Exported by %(user)s on %(when)s")
            % {"user": safe(str(user)), "when": timezone.localtime().strftime("%d/%m/%Y %H:%M")}
        ]
    )
    ws.append([])
    ws.append(
        [
            bold_cell(h)
            for h in (
                _("Date"),
                _("Receipt no."),
                _("Payment no."),
                _("Description"),
                _("Receipts (VND)"),
                _("Payments (VND)"),
                _("Balance (VND)"),
            )
        ]
    )
    ws.append([None, None, None, _("Opening balance"), None, None, book["opening"]])
    for row in book["rows"]:
        entry = row.entry
        is_receipt = entry.kind == Entry.Kind.RECEIPT
        ws.append(
            [
                entry.entry_date,
                entry.voucher_code if is_receipt else None,
                None if is_receipt else entry.voucher_code,
                safe(_description(entry)),
                row.receipt,
                row.disbursement,
                row.balance,
            ]
        )
    ws.append(
        [
            None,
            None,
            None,
            bold_cell(_("Total for the period")),
            bold_cell(book["receipts"]),
            bold_cell(book["disbursements"]),
            None,
        ]
    )
    ws.append([None, None, None, bold_cell(_("Closing balance")), None, None, bold_cell(book["closing"])])
    out = BytesIO()
    wb.save(out)
    return out.getvalue()


def _description(entry: Entry) -> str:
    text = entry.purpose
    if entry.counterparty:
        text = f"{text} — {entry.counterparty}"
    return text


def cash_book_pdf(book: dict, *, user) -> bytes:
    fund = book["fund"]
    head = letterhead(issuer=fund.commune, on=timezone.localdate(), kind="public_report")
    signers = [
        {"title": "Thủ quỹ", "hint": "(Ký, họ tên)"},
        {"title": "Kế toán", "hint": "(Ký, họ tên)"},
        {"title": "Chủ tịch UBND xã", "hint": "(Ký, họ tên, đóng dấu)"},
    ]
    return render_pdf(
        "funds/pdf/cash_book.html",
        {**book, "unit": head["issuer_short"], "signers": signers, "exported_by": user, "now": timezone.localtime()},
    )


def voucher_pdf(entry: Entry, *, user) -> bytes:
    is_receipt = entry.kind == Entry.Kind.RECEIPT
    head = letterhead(issuer=entry.fund.commune, on=entry.entry_date, kind="public_report")
    payer = "Người nộp tiền" if is_receipt else "Người nhận tiền"
    signers = [
        {"title": "Thủ trưởng đơn vị", "hint": "(Ký, họ tên, đóng dấu)", "name": entry.decided_by or ""},
        {"title": "Kế toán", "hint": "(Ký, họ tên)", "name": entry.posted_by or ""},
        {"title": "Người lập", "hint": "(Ký, họ tên)", "name": entry.created_by or ""},
        {"title": payer, "hint": "(Ký, họ tên)", "name": entry.counterparty},
        {"title": "Thủ quỹ", "hint": "(Ký, họ tên)", "name": ""},
    ]
    return render_pdf(
        "funds/pdf/voucher.html",
        {
            "entry": entry,
            "unit": head["issuer_short"],
            "words": amount_in_words(entry.amount),
            "is_receipt": is_receipt,
            "signers": signers,
            "printed_by": user,
        },
    )


def public_report_pdf(report: dict) -> bytes:
    head = letterhead(issuer=report["fund"].commune, on=timezone.localdate(), kind="public_report")
    return render_pdf(
        "funds/pdf/public_report.html",
        {**report, **head, "words_in": amount_in_words(report["total_in"])},
    )


# Download names say what and when (never a database id).
def voucher_filename(entry: Entry) -> str:
    """phieu-chi-pc-2022-004.pdf"""
    kind = "Phiếu thu" if entry.kind == Entry.Kind.RECEIPT else "Phiếu chi"
    return document_name(kind, entry.voucher_code, ext="pdf")


def cash_book_filename(fund, start, end, *, ext: str) -> str:
    """so-quy-2022-y-tich.xlsx for a whole year, so-quy-y-tich-01-06-2022-den-30-06-2022.pdf otherwise."""
    if (start.month, start.day, end.month, end.day) == (1, 1, 12, 31) and start.year == end.year:
        return document_name("Sổ quỹ", start.year, fund.commune.name, ext=ext)
    return document_name("Sổ quỹ", fund.commune.name, f"{start:%d-%m-%Y}", "đến", f"{end:%d-%m-%Y}", ext=ext)


def public_report_filename(fund, year: int) -> str:
    return document_name("Công khai thu chi quỹ", year, fund.commune.name, ext="pdf")
