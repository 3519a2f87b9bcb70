"""Documents of the fund: receipt and payment vouchers (PDF), the cash book (Excel and PDF) and the
yearly public report (PDF). Each takes data already read through the scoped selectors."""

from io import BytesIO

from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.styles import Font

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
    return render_pdf("funds/pdf/cash_book.html", {**book, "exported_by": user, "now": timezone.localtime()})


def voucher_pdf(entry: Entry, *, user) -> bytes:
    return render_pdf(
        "funds/pdf/voucher.html",
        {
            "entry": entry,
            "words": amount_in_words(entry.amount),
            "is_receipt": entry.kind == Entry.Kind.RECEIPT,
            "printed_by": user,
        },
    )


def public_report_pdf(report: dict) -> bytes:
    commune = report["fund"].commune
    above = commune.parent.name if commune.parent_id else ""
    recipients = [
        f"UBND {above} (để báo cáo)" if above else "Cấp trên (để báo cáo)",
        "Niêm yết tại trụ sở UBND xã",
        "Lưu: VT",
    ]
    return render_pdf(
        "funds/pdf/public_report.html",
        {
            **report,
            "words_in": amount_in_words(report["total_in"]),
            "doc_date": timezone.localdate(),
            "recipients": recipients,
        },
    )
