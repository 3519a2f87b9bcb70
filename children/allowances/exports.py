"""The monthly list as an Excel workbook (openpyxl): one row per child, totals at the bottom."""

from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font

from .services import MonthlyList

HEADERS = ["STT", "Họ và tên", "Ngày sinh", "Thôn", "Diện hưởng", "Hệ số", "Mức chuẩn (đ)", "Trợ cấp tháng (đ)",
           "Truy lĩnh (đ)", "Tháng truy lĩnh", "Tổng nhận (đ)", "Quyết định", "Thay đổi"]  # fmt: skip
MONEY = "#,##0"


def list_workbook(monthly: MonthlyList, *, category_of, change_label) -> bytes:
    """``category_of(line)`` gives the category shown (or a withheld mark); ``change_label(line)`` the change."""
    wb = Workbook()
    ws = wb.active
    ws.title = f"{monthly.month:%m-%Y}"
    ws.append([f"Danh sách chi trả trợ cấp xã hội hằng tháng tháng {monthly.month:%m/%Y} — {monthly.area.name}"])
    ws["A1"].font = Font(bold=True, size=13)
    ws.append([])
    ws.append(HEADERS)
    for cell in ws[3]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="center")
    for number, line in enumerate(monthly.lines, 1):
        e = line.entitlement
        ws.append([
            number, line.child.full_name, line.child.date_of_birth, line.village.name, category_of(line),
            float(line.coefficient), line.base, line.monthly, line.arrears,
            ", ".join(f"{m:%m/%Y}" for m in line.arrears_months), line.total,
            f"{e.decision_number} ngày {e.decision_date:%d/%m/%Y}", change_label(line),
        ])  # fmt: skip
        row = ws.max_row
        ws.cell(row, 3).number_format = "DD/MM/YYYY"
        for col in (7, 8, 9, 11):
            ws.cell(row, col).number_format = MONEY
    ws.append(["", "Tổng cộng", "", "", f"{monthly.children} trẻ em", "", "", monthly.monthly_total,
               monthly.arrears_total, "", monthly.total])  # fmt: skip
    row = ws.max_row
    for cell in ws[row]:
        cell.font = Font(bold=True)
    for col in (8, 9, 11):
        ws.cell(row, col).number_format = MONEY
    for letter, width in zip("ABCDEFGHIJKLM", [5, 28, 12, 14, 34, 7, 13, 15, 13, 20, 15, 26, 18], strict=True):
        ws.column_dimensions[letter].width = width
    out = BytesIO()
    wb.save(out)
    return out.getvalue()
