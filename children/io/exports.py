"""Excel exports of the registry, streamed in constant memory.

Every export takes a queryset that the caller has already scoped (``filter_children`` for the
registry list, ``children.io.lists`` for the officers' lists), reads it with ``.iterator()`` in chunks
and writes rows with openpyxl's write-only workbook, which streams the sheet to a temporary file:
memory stays flat however many rows there are. The related values a row shows come from
subqueries (one SQL query in all), so the number of queries does not grow with the rows.

Cells are formula-escaped: text that a spreadsheet would run as a formula (starting with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return) is written with a leading apostrophe. Each file
says who made it and when (data protection), and its header row uses the import template's
column names where they are the same, so an exported list can be corrected and imported again.
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime

from django.db.models import Aggregate, CharField, OuterRef, QuerySet, Subquery
from django.utils import timezone

from ..models import Guardian, HealthInsurance, age_on
from ..selectors import circumstances_visible_to
from .imports import POVERTY_LABELS, RELATION_LABELS, SCHOOLING_LABELS, SEX_LABELS

CHUNK = 2000
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def escape_formula(value):
    """Text that Excel or LibreOffice would evaluate is prefixed with an apostrophe (OWASP CSV injection)."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


@dataclass(frozen=True)
class ExportColumn:
    header: str
    value: Callable
    width: int = 14
    kind: str = "text"  # text | date | int


def _label(labels: dict, value) -> str:
    names = labels.get(value)
    return names[0] if names else (value or "")


class LetterList(Aggregate):
    """Comma-separated circumstance letters, on SQLite (group_concat) and PostgreSQL (string_agg)."""

    function = "GROUP_CONCAT"
    template = "%(function)s(%(expressions)s, ',')"
    output_field = CharField()

    def as_postgresql(self, compiler, connection, **extra_context):
        return self.as_sql(compiler, connection, function="STRING_AGG", **extra_context)


def annotate_for_export(qs: QuerySet, *, on: date, user) -> QuerySet:
    """What an exported row shows, in one query: everything related comes from subqueries. The
    circumstance letters are those ``user`` may see (``circumstances_visible_to``)."""
    primary = Guardian.objects.filter(child=OuterRef("pk")).order_by("-is_primary", "pk")
    valid_card = HealthInsurance.objects.valid_on(on).filter(child=OuterRef("pk"))
    letters = (
        circumstances_visible_to(user)
        .current_on(on)
        .filter(child=OuterRef("pk"))
        .order_by()
        .values("child")
        .annotate(letters=LetterList("group__letter"))
        .values("letters")
    )
    return qs.select_related("village__parent", "ethnicity").annotate(
        carer_name=Subquery(primary.values("full_name")[:1]),
        carer_relation=Subquery(primary.values("relation")[:1]),
        carer_phone=Subquery(primary.values("phone")[:1]),
        card_valid_to=Subquery(valid_card.order_by("-valid_to").values("valid_to")[:1]),
        circumstance_letters=Subquery(letters),
    )


LETTER_ORDER = ["a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o"]


def _letters(joined: str | None) -> str:
    """ "d,a" → "a, d" (the order of Art. 10 of the Law on Children)."""
    letters = {x for x in (joined or "").split(",") if x}
    return ", ".join(sorted(letters, key=lambda x: LETTER_ORDER.index(x) if x in LETTER_ORDER else 99))


def registry_columns(on: date) -> list[ExportColumn]:
    return [
        ExportColumn("Họ và tên", lambda c: c.full_name, 26),
        ExportColumn("Ngày sinh", lambda c: c.date_of_birth, 12, "date"),
        ExportColumn("Tuổi", lambda c: age_on(c.date_of_birth, on), 6, "int"),
        ExportColumn("Giới tính", lambda c: _label(SEX_LABELS, c.sex), 9),
        ExportColumn("Dân tộc", lambda c: c.ethnicity.name, 10),
        ExportColumn("Số định danh cá nhân", lambda c: c.personal_id or "", 15),
        ExportColumn("Thôn", lambda c: c.village.name, 14),
        ExportColumn("Xã", lambda c: c.village.parent.name if c.village.parent_id else "", 14),
        ExportColumn("Địa chỉ", lambda c: c.address, 20),
        ExportColumn("Hộ nghèo/cận nghèo", lambda c: _label(POVERTY_LABELS, c.poverty), 14),
        ExportColumn("Tình trạng học tập", lambda c: _label(SCHOOLING_LABELS, c.schooling) if c.schooling else "", 16),
        ExportColumn("Trường", lambda c: c.school_name, 24),
        ExportColumn("Người chăm sóc chính", lambda c: c.carer_name or "", 22),
        ExportColumn(
            "Quan hệ với trẻ", lambda c: _label(RELATION_LABELS, c.carer_relation) if c.carer_relation else "", 12
        ),
        ExportColumn("Số điện thoại", lambda c: c.carer_phone or "", 13),
        ExportColumn("Thẻ BHYT còn hạn đến", lambda c: c.card_valid_to, 12, "date"),
        ExportColumn("Hoàn cảnh đặc biệt", lambda c: _letters(c.circumstance_letters), 12),
    ]


def write_xlsx(
    rows: Iterable, out, *, columns: list[ExportColumn], title: str, made_by: str, sheet_title: str = "Danh sách"
) -> int:
    """Stream ``rows`` into an .xlsx written to ``out`` (a path or binary file); return the row count."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    book = Workbook(write_only=True)
    sheet = book.create_sheet(sheet_title[:31])
    for index, column in enumerate([ExportColumn("STT", None, 6), *columns], 1):
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    sheet.freeze_panes = "C5"
    bold = Font(bold=True)

    def cell(value, *, font=None, number_format=None):
        c = WriteOnlyCell(sheet, value=escape_formula(value))
        if font:
            c.font = font
        if number_format:
            c.number_format = number_format
        return c

    sheet.append([cell(title, font=Font(bold=True, size=13))])
    sheet.append([cell(made_by, font=Font(italic=True))])
    sheet.append([])
    sheet.append([cell("STT", font=bold)] + [cell(c.header, font=bold) for c in columns])
    count = 0
    for obj in rows:
        count += 1
        line = [count]
        for column in columns:
            value = column.value(obj)
            if column.kind == "date" and value:
                line.append(cell(value, number_format="DD/MM/YYYY"))
            elif column.kind in ("date", "int"):
                line.append(value)
            else:
                line.append(escape_formula(value if value is not None else ""))
        sheet.append(line)
    sheet.append([])
    sheet.append([cell(f"Tổng số: {count:,} trẻ".replace(",", "."), font=bold)])
    book.save(out)
    return count


def made_by_line(user, at: datetime | None = None) -> str:
    at = timezone.localtime(at or timezone.now())
    who = getattr(user, "display_name", None) or str(user)
    return f"Xuất ngày {at:%d/%m/%Y %H:%M} bởi {who} ({getattr(user, 'username', '')}). Tài liệu có dữ liệu cá nhân của trẻ em: không chia sẻ ngoài phạm vi công việc."


def export_children(qs: QuerySet, out, *, on: date, user, title: str = "DANH SÁCH TRẺ EM") -> int:
    """Write the (already scoped and filtered) children in ``qs`` to ``out``; return the row count."""
    rows = annotate_for_export(qs, on=on, user=user).iterator(chunk_size=CHUNK)
    return write_xlsx(rows, out, columns=registry_columns(on), title=title, made_by=made_by_line(user))


def export_to_tempfile(qs: QuerySet, *, on: date, user, title: str = "DANH SÁCH TRẺ EM"):
    """Export into an anonymous temporary file (deleted when closed); return (file, row count)."""
    handle = tempfile.TemporaryFile(suffix=".xlsx")  # noqa: SIM115 - the FileResponse closes it
    try:
        count = export_children(qs, handle, on=on, user=user, title=title)
    except BaseException:
        handle.close()
        raise
    handle.seek(0)
    return handle, count
