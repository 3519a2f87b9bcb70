"""Importing children from an Excel (.xlsx) file: read, check, preview, then apply all-or-nothing.

The pipeline has three steps, each a plain function:

1. ``read_workbook(data)`` checks the file with bounded work (``core.uploads.inspect_xlsx``: size
   once unpacked, rows, cells, texts, the template's visible sheet), then streams the sheet's values
   (``read_xlsx_rows``: formulas kept as formulas, damaged cells named) and refuses what is not a
   registry file: no header row, missing columns.
2. ``plan_import(user=..., data=..., on=...)`` parses every row (dates as Excel dates or dd/mm/yyyy
   text, villages by name or code, text trimmed and NFC-normalised), checks it and decides for each
   row whether it creates a child, updates one or changes nothing. Scope, duplicates and existing
   records are looked up in bulk (a handful of queries for any number of rows). It saves nothing.
3. ``children_import(user=..., data=..., on=..., expected=...)`` plans again *outside* any
   transaction, checks the plan is exactly the previewed one (``plan_signature``), then in one short
   transaction checks the registry still supports it and writes everything with
   ``bulk_create``/``bulk_update`` (history included). When a row has a problem it raises
   ``ImportRefused``; when the registry changed since the preview, ``ImportStale`` naming the rows.
   Either way nothing is saved.

The column headers are a Vietnamese file format (the commune's form), not interface text: they are
the same whatever language the interface shows. English headers are accepted as aliases.
A row updates an existing child when the personal identification number matches, or else when the
normalised name, date of birth and village match; empty optional cells leave stored values alone.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, timedelta
from io import BytesIO

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts import scope
from accounts.models import Area
from core.fields import parse_date
from core.uploads import XLSX_MAX_BYTES, XlsxRefused, inspect_xlsx, read_xlsx_rows

from ..models import (
    ADULT_AGE,
    Child,
    Ethnicity,
    Guardian,
    HealthInsurance,
    ImportBatch,
    phone_validator,
    years_before,
)
from ..services import child_derive_keys, residences_follow
from ..text import clean_text, normalise_name, search_key

MAX_BYTES = XLSX_MAX_BYTES  # an upload larger than this is refused before it is opened (core.uploads)
MAX_ROWS = 20_000
HEADER_SEARCH_ROWS = 10  # the header row may sit below a title
BATCH = 500


@dataclass(frozen=True)
class Column:
    key: str
    header: str  # Vietnamese header in the file (a file format, the same in every interface language)
    required: bool = False
    kind: str = "text"  # text | date | code (kept as text in Excel so leading zeros survive)
    width: int = 16
    example: object = ""
    aliases: tuple[str, ...] = ()
    max_length: int | None = None


COLUMNS: tuple[Column, ...] = (
    Column("stt", "STT", width=6, example="Ví dụ", aliases=("so thu tu", "no", "#")),
    Column("full_name", "Họ và tên", True, width=26, example="Hoàng Văn An", aliases=("ho ten", "full name"), max_length=120),
    Column("date_of_birth", "Ngày sinh", True, "date", 13, date(2018, 3, 14), ("date of birth",)),
    Column("sex", "Giới tính", True, width=10, example="Nam", aliases=("sex",)),
    Column("ethnicity", "Dân tộc", True, width=12, example="Tày", aliases=("ethnicity", "ethnic group")),
    Column("personal_id", "Số định danh cá nhân", False, "code", 16, "020218001234",
           ("so dinh danh", "ma dinh danh", "personal id", "personal identification number", "cccd")),
    Column("village", "Thôn", True, width=14, example="Thôn 1", aliases=("thon/ban", "village", "ma thon")),
    Column("address", "Địa chỉ", width=22, example="Xóm Nà Pàn", aliases=("address",), max_length=200),
    Column("poverty", "Hộ nghèo/cận nghèo", width=16, example="Hộ cận nghèo",
           aliases=("ho ngheo", "hoan canh ho gia dinh", "household poverty status", "poverty")),
    Column("schooling", "Tình trạng học tập", width=18, example="Mầm non", aliases=("hoc tap", "schooling")),
    Column("school_name", "Trường", width=22, example="Trường Mầm non Y Tịch", aliases=("truong hoc", "school"), max_length=150),
    Column("guardian_name", "Người chăm sóc chính", width=22, example="Hoàng Văn Bình",
           aliases=("nguoi cham soc", "ho ten cha me/nguoi cham soc", "main carer", "guardian"), max_length=120),
    Column("guardian_relation", "Quan hệ với trẻ", width=12, example="Bố", aliases=("quan he", "relation")),
    Column("guardian_phone", "Số điện thoại", False, "code", 14, "0912345678", ("dien thoai", "phone")),
    Column("card_number", "Số thẻ BHYT", False, "code", 17, "TE1202012345678",
           ("the bhyt", "ma the bhyt", "health insurance card", "card number")),
    Column("card_valid_from", "Thẻ BHYT từ ngày", False, "date", 13, date(2022, 1, 1), ("card valid from",)),
    Column("card_valid_to", "Thẻ BHYT đến ngày", False, "date", 13, date(2024, 3, 13), ("card valid to",)),
    Column("notes", "Ghi chú", width=24, aliases=("notes",)),
)  # fmt: skip
COLUMN_BY_KEY = {c.key: c for c in COLUMNS}
REQUIRED = [c for c in COLUMNS if c.required]

SCHOOLING_LABELS = {  # value in the file → Child.Schooling; the first label of each is the template's
    Child.Schooling.NOT_YET: ("Chưa đến tuổi đi học", "chua di hoc", "not yet of school age"),
    Child.Schooling.PRESCHOOL: ("Mầm non", "mau giao", "nha tre", "preschool"),
    Child.Schooling.PRIMARY: ("Tiểu học", "primary", "primary school"),
    Child.Schooling.LOWER_SECONDARY: ("THCS", "trung hoc co so", "lower secondary", "lower secondary school"),
    Child.Schooling.UPPER_SECONDARY: ("THPT/Học nghề", "thpt", "trung hoc pho thong", "hoc nghe", "upper secondary"),
    Child.Schooling.DROPPED_OUT: ("Bỏ học", "dropped out"),
    Child.Schooling.NOT_IN_SCHOOL: ("Không đi học", "not in school"),
}
POVERTY_LABELS = {
    Child.Poverty.POOR: ("Hộ nghèo", "ngheo", "poor", "poor household"),
    Child.Poverty.NEAR_POOR: ("Hộ cận nghèo", "can ngheo", "near-poor", "near_poor", "near-poor household"),
    Child.Poverty.NONE: ("Không", "khong thuoc dien", "binh thuong", "none", "neither"),
}
SEX_LABELS = {
    Child.Sex.MALE: ("Nam", "m", "male", "trai"),
    Child.Sex.FEMALE: ("Nữ", "f", "female", "gai"),
}
RELATION_LABELS = {
    Guardian.Relation.FATHER: ("Bố", "cha", "ba", "father"),
    Guardian.Relation.MOTHER: ("Mẹ", "ma", "mother"),
    Guardian.Relation.GRANDPARENT: ("Ông/Bà", "ong", "ba noi", "ba ngoai", "ong noi", "ong ngoai", "grandparent"),
    Guardian.Relation.SIBLING: ("Anh/Chị", "anh", "chi", "anh trai", "chi gai", "sibling"),
    Guardian.Relation.RELATIVE: ("Người thân khác", "co", "di", "chu", "bac", "cau", "thim", "mo", "relative"),
    Guardian.Relation.CARER: ("Người giám hộ", "nguoi nuoi duong", "carer", "guardian"),
    Guardian.Relation.OTHER: ("Khác", "other"),
}


def _label_map(labels: dict) -> dict[str, str]:
    out = {}
    for value, names in labels.items():
        out[search_key(str(value))] = value
        for name in names:
            out[search_key(name)] = value
    return out


SCHOOLING_MAP = _label_map(SCHOOLING_LABELS)
POVERTY_MAP = _label_map(POVERTY_LABELS)
SEX_MAP = _label_map(SEX_LABELS)
RELATION_MAP = _label_map(RELATION_LABELS)

_ID_WHAT = gettext_lazy("12-digit personal identification number")
_PHONE_WHAT = gettext_lazy("phone number")
_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff"), None)
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")  # Unicode's control characters (category Cc), all of them


# --- results -----------------------------------------------------------------------------------


@dataclass
class Issue:
    """One problem: the Excel row number (None for the whole file), the column header and why, and
    the name of the child on that row (as typed) so the officer finds it without counting rows."""

    row: int | None
    column: str
    message: str
    child: str = ""


@dataclass
class PlannedRow:
    row: int
    action: str  # "create" | "update" | "unchanged"
    full_name: str
    date_of_birth: date | None
    village: str
    changes: list[str] = field(default_factory=list)
    child_id: int | None = None  # the registered child the row updates
    child_state: str = ""  # digest of that child's stored record (child, carers, cards) when planned


@dataclass
class ImportPlan:
    rows: list[PlannedRow] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    ignored_columns: list[str] = field(default_factory=list)
    # what to write (filled only when there are no issues)
    new_children: list[Child] = field(default_factory=list)
    changed_children: list[tuple[Child, list[str]]] = field(default_factory=list)
    new_guardians: list[Guardian] = field(default_factory=list)
    changed_guardians: list[Guardian] = field(default_factory=list)
    new_cards: list[HealthInsurance] = field(default_factory=list)
    changed_cards: list[HealthInsurance] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.issues

    def count(self, action: str) -> int:
        return sum(1 for r in self.rows if r.action == action)

    @property
    def error_rows(self) -> int:
        return len({i.row for i in self.issues if i.row is not None})


class ImportStale(Exception):
    """Raised by ``children_import`` when the registry changed since the preview (or while applying):
    the plan to apply is no longer the one the user saw; nothing was saved. ``rows`` names the rows."""

    def __init__(self, plan: ImportPlan, rows: list[int]):
        self.plan, self.rows = plan, rows
        super().__init__(f"the registry changed since the preview (rows {rows})")


def plan_signature(plan: ImportPlan) -> list:
    """What the preview promised, row by row (JSON-serialisable): the confirm applies exactly this or nothing."""
    return [[r.row, r.action, sorted(r.changes), r.child_id, r.child_state] for r in plan.rows]


def _stale_rows(before: list, after: list) -> list[int]:
    old = {entry[0]: entry for entry in before}
    new = {entry[0]: entry for entry in after}
    return sorted(n for n in old.keys() | new.keys() if old.get(n) != new.get(n))


def _child_states(child_ids) -> dict[int, str]:
    """A digest per child of what an import reads and writes of it: the child row (its last change),
    its carers and its health insurance cards."""
    import hashlib

    parts: dict[int, list] = {pk: [] for pk in child_ids}
    for chunk in _chunks(sorted(parts)):
        for pk, updated in Child.objects.filter(pk__in=chunk).values_list("pk", "updated_at"):
            parts[pk].append(("c", updated.isoformat() if updated else ""))
        for row in (
            Guardian.objects.filter(child_id__in=chunk)
            .order_by("pk")
            .values_list("child_id", "pk", "full_name", "relation", "phone", "is_primary")
        ):
            parts[row[0]].append(("g", *map(str, row[1:])))
        for row in (
            HealthInsurance.objects.filter(child_id__in=chunk)
            .order_by("pk")
            .values_list("child_id", "pk", "card_number", "valid_from", "valid_to")
        ):
            parts[row[0]].append(("h", *map(str, row[1:])))
    return {pk: hashlib.sha256(repr(items).encode()).hexdigest()[:16] for pk, items in parts.items()}


class ImportRefused(Exception):
    """Raised by ``children_import`` when the file or any row has a problem; nothing was saved."""

    def __init__(self, plan: ImportPlan):
        self.plan = plan
        super().__init__(f"{len(plan.issues)} problem(s) in the import file")


# --- step 1: the file ----------------------------------------------------------------------------


def _header_key(value) -> str:
    text = search_key(str(value or "")).replace("*", " ")
    text = re.sub(r"\(.*?\)", " ", text)
    return " ".join(text.split())


HEADER_KEYS: dict[str, str] = {}
for _col in COLUMNS:
    HEADER_KEYS[_header_key(_col.header)] = _col.key
    for _alias in _col.aliases:
        HEADER_KEYS[_header_key(_alias)] = _col.key


@dataclass
class Sheet:
    columns: dict[str, int]  # column key → index in the row
    rows: list[tuple[int, tuple]]  # (Excel row number, values)
    ignored_columns: list[str]


def _size(n: int) -> str:
    return f"{n / 1024 / 1024:.1f} MB".replace(".", ",")


TEMPLATE_SHEET = "Danh sách trẻ em"  # the sheet of the template that holds the list


def read_workbook(data: bytes) -> tuple[Sheet | None, list[Issue]]:
    """Open the template's visible sheet and find the header row; refuse what cannot be a registry file.

    ``core.uploads.inspect_xlsx`` first checks the file with bounded work (size once unpacked, rows,
    cells, texts) and picks the sheet; ``read_xlsx_rows`` then streams its values (formulas kept as
    formulas), naming the cell of any damaged value.
    """
    whole = _("File")
    try:
        info = inspect_xlsx(data, sheet_names=(TEMPLATE_SHEET,))
    except XlsxRefused as refused:
        return None, [Issue(refused.row, whole, refused.message)]

    number = 0  # the last row read
    try:
        # Only rows holding a cell, with their real numbers; the first 64 columns.
        rows = read_xlsx_rows(data, info)
        header_at, header = None, ()
        for number, values in rows:
            if number > HEADER_SEARCH_ROWS:
                break
            keys = [HEADER_KEYS.get(_header_key(v)) for v in values]
            if sum(1 for k in keys if k in {c.key for c in REQUIRED}) >= 3:
                header_at, header = number, values
                break
        if header_at is None:
            names = ", ".join(c.header for c in REQUIRED)
            return None, [Issue(None, whole, _("No header row was found in the first %(n)s rows. The file needs the "
                                               "columns: %(columns)s. Download the template.")
                                % {"n": HEADER_SEARCH_ROWS, "columns": names})]  # fmt: skip
        columns: dict[str, int] = {}
        ignored: list[str] = []
        issues: list[Issue] = []
        for index, value in enumerate(header):
            key = HEADER_KEYS.get(_header_key(value))
            if key is None:
                if clean_text(value):
                    ignored.append(clean_text(value))
                continue
            if key in columns:
                issues.append(Issue(header_at, COLUMN_BY_KEY[key].header, _("This column appears twice.")))
                continue
            columns[key] = index
        missing = [c.header for c in REQUIRED if c.key not in columns]
        if missing:
            issues.append(Issue(header_at, ", ".join(missing), _("Required column(s) missing from the header row.")))
        if issues:
            return None, issues
        body: list[tuple[int, tuple]] = []
        for number, values in rows:  # noqa: B007 - the row reached is reported
            if any(v is not None and (not isinstance(v, str) or v.strip()) for v in values):
                body.append((number, values))
                if len(body) > MAX_ROWS:
                    return None, [Issue(None, whole, _("The file has more than %(limit)s rows; split it into "
                                                       "several files.") % {"limit": f"{MAX_ROWS:,}".replace(",", ".")})]  # fmt: skip
    except XlsxRefused as refused:  # a damaged cell or damaged XML, met while reading: named
        return None, [Issue(refused.row or (number + 1 if number else None), whole, refused.message)]
    return Sheet(columns=columns, rows=body, ignored_columns=ignored), []


# --- step 2: rows --------------------------------------------------------------------------------


class CellError(ValueError):
    pass


def _text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return _CONTROL.sub("", clean_text(str(value).translate(_INVISIBLE)))


def _date(key: str):
    """The parser of a date column: an Excel date, or a date typed as in every form (``core.fields``)."""
    label = COLUMN_BY_KEY[key].header

    def parse(value) -> date | None:
        try:
            return parse_date(value, label=label)
        except ValidationError as exc:
            raise CellError(exc.messages[0]) from None

    return parse


def _choice(value, mapping: dict[str, str], labels: dict) -> str:
    text = _text(value)
    if not text:
        return ""
    found = mapping.get(search_key(text))
    if found is None:
        options = ", ".join(names[0] for names in labels.values())
        raise CellError(_("Unknown value “%(value)s”; use one of: %(options)s.") % {"value": text, "options": options})
    return found


def _digits(value, *, what: str) -> str:
    """A code made of digits. A number cell has lost its leading zeros: say so rather than guess."""
    if value is None:
        return ""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise CellError(_("The cell is a number, so leading zeros are lost: format the column as Text and type "
                          "the %(what)s again.") % {"what": what})  # fmt: skip
    return _text(value).replace(" ", "").replace(".", "")


@dataclass
class _Lookups:
    villages_by_code: dict[str, Area]
    villages_by_name: dict[str, list[Area]]
    ethnicities: dict[str, Ethnicity]
    single_village: Area | None
    _outside: dict | None = None

    def outside(self) -> dict:
        """Every village (code and name key → area), loaded only when a row names an unknown village."""
        if self._outside is None:
            self._outside = {}
            for area in Area.objects.filter(kind=Area.Kind.VILLAGE).only("code", "name", "path"):
                self._outside.setdefault(area.code.upper(), area)
                self._outside.setdefault(search_key(area.name), area)
        return self._outside


def _lookups(user) -> _Lookups:
    villages = list(
        scope.areas_for(user, "registry.edit").filter(kind=Area.Kind.VILLAGE).select_related("parent").order_by("path")
    )
    by_name: dict[str, list[Area]] = {}
    for village in villages:
        by_name.setdefault(search_key(village.name), []).append(village)
        by_name.setdefault(search_key(village.name).removeprefix("thon "), []).append(village)
    ethnicities: dict[str, Ethnicity] = {}
    for eth in Ethnicity.objects.all():
        ethnicities[eth.code] = eth
        ethnicities[str(int(eth.code))] = eth
        ethnicities[search_key(eth.name)] = eth
        ethnicities[search_key(eth.name).replace("-", " ")] = eth
        ethnicities[search_key(eth.name).replace("-", "")] = eth
    return _Lookups(
        villages_by_code={v.code.upper(): v for v in villages},
        villages_by_name=by_name,
        ethnicities=ethnicities,
        single_village=villages[0] if len(villages) == 1 else None,
    )


def _village(value, lookups: _Lookups) -> Area:
    text = _text(value)
    if not text:
        if lookups.single_village is not None:
            return lookups.single_village
        raise CellError(_("Required."))
    found = lookups.villages_by_code.get(text.upper())
    if found is not None:
        return found
    candidates = lookups.villages_by_name.get(search_key(text), [])
    if len(candidates) == 1:
        return candidates[0]
    if len(candidates) > 1:
        raise CellError(_("Several villages are called “%(name)s”; write the village code instead (%(codes)s).")
                        % {"name": text, "codes": ", ".join(v.code for v in candidates[:5])})  # fmt: skip
    if lookups.outside().get(text.upper()) or lookups.outside().get(search_key(text)):
        raise CellError(_("The village “%(name)s” is outside the villages you may import into.") % {"name": text})
    raise CellError(_("Unknown village “%(name)s”; write its name or code as in the list of villages.")
                    % {"name": text})  # fmt: skip


@dataclass
class _Row:
    number: int
    values: dict = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)

    def error(self, key: str, message: str) -> None:
        self.issues.append(Issue(self.number, COLUMN_BY_KEY[key].header, message))

    def named_issues(self) -> list[Issue]:
        """The row's problems, each naming the child of the row (its name as read from the file)."""
        for issue in self.issues:
            issue.child = self.values.get("full_name") or ""
        return self.issues


def _parsers(lookups: _Lookups) -> dict:
    """Column key → function turning a cell value into a clean value (raises ``CellError``)."""
    return {
        "full_name": lambda v: normalise_name(_text(v)),
        "date_of_birth": _date("date_of_birth"),
        "sex": lambda v: _choice(v, SEX_MAP, SEX_LABELS),
        "ethnicity": lambda v: _ethnicity(v, lookups),
        "personal_id": lambda v: _digits(v, what=_ID_WHAT),
        "village": lambda v: _village(v, lookups),
        "address": _text,
        "poverty": lambda v: _choice(v, POVERTY_MAP, POVERTY_LABELS),
        "schooling": lambda v: _choice(v, SCHOOLING_MAP, SCHOOLING_LABELS),
        "school_name": _text,
        "guardian_name": lambda v: normalise_name(_text(v)),
        "guardian_relation": lambda v: _choice(v, RELATION_MAP, RELATION_LABELS),
        "guardian_phone": lambda v: _digits(v, what=_PHONE_WHAT),
        "card_number": lambda v: _text(v).replace(" ", "").upper(),
        "card_valid_from": _date("card_valid_from"),
        "card_valid_to": _date("card_valid_to"),
        "notes": lambda v: _text(v) if not isinstance(v, str) else unicodedata.normalize("NFC", v).strip(),
    }


def _parse_row(number: int, raw: tuple, sheet: Sheet, lookups: _Lookups, on: date, parsers: dict) -> _Row:
    row = _Row(number)
    cells = {key: (raw[i] if i < len(raw) else None) for key, i in sheet.columns.items()}
    for key, value in cells.items():
        if isinstance(value, str) and value.lstrip().startswith("="):
            row.error(key, _("The cell holds a formula; type the value itself."))
            cells[key] = None
    values = row.values
    for key, parse in parsers.items():
        if key not in cells:
            values[key] = None if COLUMN_BY_KEY[key].kind == "date" else ""
            if key == "village":
                try:
                    values[key] = _village(None, lookups)
                except CellError as exc:
                    row.error(key, str(exc))
            continue
        try:
            values[key] = parse(cells[key])
        except CellError as exc:
            row.error(key, str(exc))
            values[key] = None
        column = COLUMN_BY_KEY[key]
        if column.max_length and values[key] and len(values[key]) > column.max_length:
            row.error(key, _("Too long (%(n)s characters; at most %(max)s).")
                      % {"n": len(values[key]), "max": column.max_length})  # fmt: skip
    errored = {i.column for i in row.issues}
    for column in REQUIRED:
        if values.get(column.key) in (None, "") and column.header not in errored:
            row.error(column.key, _("Required."))
    _check_values(row, on)
    return row


def _ethnicity(value, lookups: _Lookups) -> Ethnicity | None:
    text = _text(value)
    if not text:
        return None
    key = search_key(text).removeprefix("dan toc ").strip()
    found = lookups.ethnicities.get(key) or lookups.ethnicities.get(key.zfill(2))
    if found is None:
        raise CellError(_("Unknown ethnic group “%(value)s”; write its name (Kinh, Tày, Nùng…) or its 2-digit code.")
                        % {"value": text})  # fmt: skip
    return found


def _check_values(row: _Row, on: date) -> None:
    v = row.values
    dob = v.get("date_of_birth")
    if dob and dob > on:
        row.error("date_of_birth", _("The date of birth is in the future."))
    pid = v.get("personal_id")
    if pid and not re.fullmatch(r"\d{12}", pid):
        row.error("personal_id", _("A personal identification number has exactly 12 digits."))
    phone = v.get("guardian_phone")
    if phone:
        try:
            phone_validator(phone)
        except ValidationError:
            row.error("guardian_phone", _("Not a phone number (8 to 20 digits)."))
    if v.get("guardian_name") and not v.get("guardian_relation") and "guardian_relation" not in _errored(row):
        row.error("guardian_relation", _("Give the main carer's relation to the child."))
    if (v.get("guardian_relation") or v.get("guardian_phone")) and not v.get("guardian_name"):
        row.error("guardian_name", _("Give the main carer's name."))
    card, start, end = v.get("card_number"), v.get("card_valid_from"), v.get("card_valid_to")
    if card:
        if not re.fullmatch(r"[A-Z]{2}\d{13}|\d{10}", card):
            row.error(
                "card_number", _("Enter the 15-character card code (e.g. TE1201234567890) or the 10-digit number.")
            )
        if not start and "card_valid_from" not in _errored(row):
            row.error("card_valid_from", _("Required when a card number is given."))
        if not end and "card_valid_to" not in _errored(row):
            row.error("card_valid_to", _("Required when a card number is given."))
    elif start or end:
        row.error("card_number", _("Give the card number for these dates."))
    if start and end and end < start:
        row.error("card_valid_to", _("The card ends before it starts."))
    if start and dob and start < dob:
        row.error("card_valid_from", _("The card cannot start before the child was born."))
    if start and start > on + timedelta(days=366):
        row.error("card_valid_from", _("The date is implausible: more than a year ahead."))
    if start and end and end > years_before(start, -10):
        row.error("card_valid_to", _("The date is implausible: a card is valid for at most 10 years."))


def _errored(row: _Row) -> set[str]:
    headers = {i.column for i in row.issues}
    return {c.key for c in COLUMNS if c.header in headers}


CHILD_FIELDS = ("full_name", "date_of_birth", "sex", "ethnicity", "personal_id", "village", "address", "poverty",
                "schooling", "school_name", "notes")  # fmt: skip


def _chunks(items: list, size: int = 900):
    for i in range(0, len(items), size):
        yield items[i : i + size]


def plan_import(*, user, data: bytes, on: date | None = None) -> ImportPlan:
    """Read and check the whole file; say what each row would do. Saves nothing."""
    on = on or timezone.localdate()
    plan = ImportPlan()
    sheet, issues = read_workbook(data)
    if sheet is None:
        plan.issues = issues
        return plan
    plan.ignored_columns = sheet.ignored_columns
    if not sheet.rows:
        plan.issues.append(Issue(None, _("File"), _("The file has no rows of children under the header row.")))
        return plan

    lookups = _lookups(user)
    stt = sheet.columns.get("stt")
    parsers = _parsers(lookups)
    parsed = []
    for number, raw in sheet.rows:
        if stt is not None and stt < len(raw) and search_key(str(raw[stt] or "")).startswith(("vi du", "tong so")):
            continue  # the template's example row
        parsed.append(_parse_row(number, raw, sheet, lookups, on, parsers))
    if not parsed:
        plan.issues.append(Issue(None, _("File"), _("The file has no rows of children under the header row.")))
        return plan
    editable_villages = {v.pk for v in lookups.villages_by_code.values()}

    # Existing children that rows may refer to: by personal ID, and by name key + date of birth + village.
    for row in parsed:
        if row.values.get("full_name"):
            row.values["name_key"] = search_key(row.values["full_name"])
    pids = sorted({r.values["personal_id"] for r in parsed if r.values.get("personal_id")})
    by_pid: dict[str, Child] = {}
    for chunk in _chunks(pids):
        for child in Child.objects.filter(personal_id__in=chunk).select_related("village"):
            by_pid[child.personal_id] = child
    keyed = [
        r for r in parsed if r.values.get("name_key") and r.values.get("date_of_birth") and r.values.get("village")
    ]
    by_key: dict[tuple, list[Child]] = {}
    name_keys = sorted({r.values["name_key"] for r in keyed})
    village_ids = sorted({r.values["village"].pk for r in keyed})
    for chunk in _chunks(name_keys):
        for child in Child.objects.filter(name_key__in=chunk, village_id__in=village_ids).select_related("village"):
            by_key.setdefault((child.name_key, child.date_of_birth, child.village_id), []).append(child)

    seen_pid: dict[str, int] = {}
    seen_key: dict[tuple, int] = {}
    matches: dict[int, Child] = {}
    for row in parsed:
        v = row.values
        pid = v.get("personal_id")
        key = (v.get("name_key"), v.get("date_of_birth"), v["village"].pk if v.get("village") else None)
        if pid and pid in seen_pid:
            row.error(
                "personal_id", _("The same personal identification number as row %(row)s.") % {"row": seen_pid[pid]}
            )
        elif pid:
            seen_pid[pid] = row.number
        if all(key) and key in seen_key:
            row.error(
                "full_name", _("The same name, date of birth and village as row %(row)s.") % {"row": seen_key[key]}
            )
        elif all(key):
            seen_key[key] = row.number
        existing = by_pid.get(pid) if pid else None
        if existing is not None and existing.village_id not in editable_villages:
            row.error("personal_id", _("This personal identification number is already registered for a child "
                                       "you may not change; ask the commune's culture-social officer."))  # fmt: skip
            continue
        if existing is None and all(key):
            same = [c for c in by_key.get(key, []) if c.village_id in editable_villages]
            if len(same) > 1:
                row.error("full_name", _("Several registered children have this name, date of birth and village; "
                                         "add the personal identification number to say which one."))  # fmt: skip
                continue
            if same:
                if pid and same[0].personal_id and same[0].personal_id != pid:
                    row.error("personal_id", _("A child with this name, date of birth and village is registered "
                                               "with another personal identification number."))  # fmt: skip
                    continue
                existing = same[0]
        if existing is not None:
            matches[row.number] = existing
        elif (
            v.get("date_of_birth")
            and "date_of_birth" not in _errored(row)
            and v["date_of_birth"] <= years_before(on, ADULT_AGE)
        ):
            row.error("date_of_birth", _("The child is 16 or older on the day of registration (%(day)s); the registry "
                                         "is for children under 16.") % {"day": on.strftime("%d/%m/%Y")})  # fmt: skip

    # Related records of the children that rows update (guardians, cards), in bulk.
    matched_ids = sorted({c.pk for c in matches.values()})
    guardians: dict[int, list[Guardian]] = {}
    cards: dict[int, list[HealthInsurance]] = {}
    for chunk in _chunks(matched_ids):
        for g in Guardian.objects.filter(child_id__in=chunk):
            guardians.setdefault(g.child_id, []).append(g)
        for c in HealthInsurance.objects.filter(child_id__in=chunk):
            cards.setdefault(c.child_id, []).append(c)

    states = _child_states(matched_ids)

    for row in parsed:
        plan.issues.extend(row.named_issues())
    if plan.issues:
        # Still show what the good rows would do, so the preview lists every row.
        for row in parsed:
            if not row.issues:
                existing = matches.get(row.number)
                plan.rows.append(_planned(row, "update" if existing else "create"))
        return plan

    now = timezone.now()
    for row in parsed:
        existing = matches.get(row.number)
        if existing is None:
            child = _new_child(row, user)
            child._import_row = row.number
            _validate_model(row, child, exclude=("village", "ethnicity", "created_by", "name_key", "sort_key"))
            plan.new_children.append(child)
            _plan_related(row, child, [], [], plan, new=True)
            plan.rows.append(_planned(row, "create"))
        else:
            changed = _apply_changes(existing, row)
            if changed:
                existing.updated_at = now
                _validate_model(row, existing, exclude=("village", "ethnicity", "created_by", "name_key", "sort_key"))
                plan.changed_children.append((existing, changed))
            related = _plan_related(row, existing, guardians.get(existing.pk, []), cards.get(existing.pk, []), plan)
            labels = [str(Child._meta.get_field(f).verbose_name) for f in changed] + related
            planned = _planned(row, "update" if labels else "unchanged", labels)
            planned.child_id, planned.child_state = existing.pk, states.get(existing.pk, "")
            plan.rows.append(planned)
        plan.issues.extend(row.named_issues())
    if plan.issues:
        plan.new_children, plan.changed_children = [], []
        plan.new_guardians, plan.changed_guardians, plan.new_cards, plan.changed_cards = [], [], [], []
    return plan


def _planned(row: _Row, action: str, changes: list[str] | None = None) -> PlannedRow:
    v = row.values
    village = v.get("village")
    return PlannedRow(
        row=row.number,
        action=action,
        full_name=v.get("full_name") or "",
        date_of_birth=v.get("date_of_birth"),
        village=village.name if village else "",
        changes=changes or [],
    )


def _new_child(row: _Row, user) -> Child:
    v = row.values
    child = Child(
        full_name=v["full_name"],
        date_of_birth=v["date_of_birth"],
        sex=v["sex"],
        ethnicity=v["ethnicity"],
        personal_id=v.get("personal_id") or None,
        village=v["village"],
        address=v.get("address") or "",
        poverty=v.get("poverty") or Child.Poverty.NONE,
        schooling=v.get("schooling") or "",
        school_name=v.get("school_name") or "",
        notes=v.get("notes") or "",
        created_by=user if getattr(user, "pk", None) else None,
    )
    child_derive_keys(child)
    return child


def _apply_changes(child: Child, row: _Row) -> list[str]:
    """Copy the non-empty cells of ``row`` onto ``child``; return the names of the fields that changed."""
    changed = []
    for name in CHILD_FIELDS:
        value = row.values.get(name)
        if value in (None, ""):
            continue
        current = getattr(child, name + "_id") if name in ("ethnicity", "village") else getattr(child, name)
        new = value.pk if name in ("ethnicity", "village") else value
        if current != new:
            setattr(child, name, value)
            changed.append(name)
    if "full_name" in changed:
        child_derive_keys(child)
        changed += ["name_key", "sort_key"]
    return changed


def _plan_related(row, child, guardians, cards, plan: ImportPlan, *, new: bool = False) -> list[str]:
    v = row.values
    labels = []
    if v.get("guardian_name"):
        key = search_key(v["guardian_name"])
        same = next((g for g in guardians if search_key(g.full_name) == key), None)
        if same is None:
            g = Guardian(
                child=child,
                full_name=v["guardian_name"],
                relation=v["guardian_relation"],
                phone=v.get("guardian_phone") or "",
                is_primary=not any(g.is_primary for g in guardians),
            )
            _validate_model(row, g, exclude=("child",), prefix="guardian_")
            plan.new_guardians.append(g)
            labels.append(str(Guardian._meta.verbose_name))
        elif (same.relation, same.phone) != (v["guardian_relation"], v.get("guardian_phone") or same.phone):
            same.relation = v["guardian_relation"]
            same.phone = v.get("guardian_phone") or same.phone
            plan.changed_guardians.append(same)
            labels.append(str(Guardian._meta.verbose_name))
    if v.get("card_number"):
        same = next((c for c in cards if c.card_number == v["card_number"]), None)
        if same is None:
            card = HealthInsurance(
                child=child, card_number=v["card_number"], valid_from=v["card_valid_from"], valid_to=v["card_valid_to"]
            )
            _validate_model(row, card, exclude=("child",), prefix="card_")
            plan.new_cards.append(card)
            labels.append(str(HealthInsurance._meta.verbose_name))
        elif (same.valid_from, same.valid_to) != (v["card_valid_from"], v["card_valid_to"]):
            same.valid_from, same.valid_to = v["card_valid_from"], v["card_valid_to"]
            plan.changed_cards.append(same)
            labels.append(str(HealthInsurance._meta.verbose_name))
    return labels


_MODEL_FIELD_COLUMN = {
    "full_name": "full_name",
    "date_of_birth": "date_of_birth",
    "sex": "sex",
    "personal_id": "personal_id",
    "address": "address",
    "poverty": "poverty",
    "schooling": "schooling",
    "school_name": "school_name",
    "notes": "notes",
    "guardian_full_name": "guardian_name",
    "guardian_relation": "guardian_relation",
    "guardian_phone": "guardian_phone",
    "card_card_number": "card_number",
    "card_valid_from": "card_valid_from",
    "card_valid_to": "card_valid_to",
}


def _validate_model(row: _Row, obj, *, exclude: tuple[str, ...], prefix: str = "") -> None:
    """The model's own field checks (no queries: foreign keys and uniqueness were checked in bulk)."""
    try:
        obj.clean_fields(exclude=list(exclude))
        obj.clean()
    except ValidationError as exc:
        for name, messages in exc.message_dict.items():
            key = _MODEL_FIELD_COLUMN.get(f"{prefix}{name}", "full_name" if not prefix else f"{prefix}name")
            key = key if key in COLUMN_BY_KEY else "full_name"
            for message in messages:
                row.error(key, message)


# --- step 3: apply ----------------------------------------------------------------------------


@dataclass
class ImportResult:
    created: int
    updated: int
    unchanged: int
    plan: ImportPlan
    batch: ImportBatch


def _still_applies(plan: ImportPlan) -> list[int]:
    """Inside the write transaction: the rows whose plan the registry no longer supports (a child
    changed, or a child now registered with a new row's personal ID or name, date of birth and village)."""
    planned = [r for r in plan.rows if r.child_id]
    states = _child_states([r.child_id for r in planned])
    rows = [r.row for r in planned if states.get(r.child_id) != r.child_state]
    new = plan.new_children
    pids = {c.personal_id: c._import_row for c in new if c.personal_id}
    for chunk in _chunks(sorted(pids)):
        rows += [pids[pid] for pid in Child.objects.filter(personal_id__in=chunk).values_list("personal_id", flat=True)]
    keys = {(c.name_key, c.date_of_birth, c.village_id): c._import_row for c in new}
    villages = sorted({c.village_id for c in new})
    for chunk in _chunks(sorted({c.name_key for c in new})):
        for key in Child.objects.filter(name_key__in=chunk, village_id__in=villages).values_list(
            "name_key", "date_of_birth", "village_id"
        ):
            if key in keys:
                rows.append(keys[key])
    return sorted(set(rows))


def children_import(*, user, data: bytes, on: date | None = None, expected: list | None = None) -> ImportResult:
    """Import the file all-or-nothing: every row is written, or (``ImportRefused``) none is.

    The file is read and planned outside any transaction (reading takes no database lock). With
    ``expected`` (the preview's ``plan_signature``) the plan must be exactly the one previewed, else
    ``ImportStale`` names the rows that changed. The writes then run in one short transaction that
    first checks the registry still supports the plan (``ImportStale`` again if not): nothing half-saved.
    """
    plan = plan_import(user=user, data=data, on=on)
    if not plan.ok:
        raise ImportRefused(plan)
    if expected is not None:
        stale = _stale_rows(expected, plan_signature(plan))
        if stale:
            raise ImportStale(plan, stale)
    with transaction.atomic():
        stale = _still_applies(plan)
        if stale:
            raise ImportStale(plan, stale)
        return _apply(plan, user=user, on=on)


def _apply(plan: ImportPlan, *, user, on: date | None) -> ImportResult:
    history_user = user if getattr(user, "pk", None) else None
    batch = ImportBatch.objects.create(
        user=history_user, created=plan.count("create"), updated=plan.count("update"), unchanged=plan.count("unchanged")
    )
    for child in plan.new_children:
        child.import_batch = batch
    bulk_create_with_history(plan.new_children, Child, batch_size=BATCH, default_user=history_user)
    if plan.changed_children:
        fields = sorted({f for _child, changed in plan.changed_children for f in changed} | {"updated_at"})
        bulk_update_with_history(
            [c for c, _changed in plan.changed_children], Child, fields, batch_size=BATCH, default_user=history_user
        )
    moved = [c for c, changed in plan.changed_children if "village" in changed]
    residences_follow([*plan.new_children, *moved], on=on or timezone.localdate(), user=history_user)
    for g in plan.new_guardians:
        g.child_id = g.child.pk
    for c in plan.new_cards:
        c.child_id = c.child.pk
    bulk_create_with_history(plan.new_guardians, Guardian, batch_size=BATCH, default_user=history_user)
    bulk_create_with_history(plan.new_cards, HealthInsurance, batch_size=BATCH, default_user=history_user)
    if plan.changed_guardians:
        bulk_update_with_history(
            plan.changed_guardians, Guardian, ["relation", "phone"], batch_size=BATCH, default_user=history_user
        )
    if plan.changed_cards:
        bulk_update_with_history(
            plan.changed_cards, HealthInsurance, ["valid_from", "valid_to"], batch_size=BATCH, default_user=history_user
        )
    return ImportResult(created=batch.created, updated=batch.updated, unchanged=batch.unchanged, plan=plan, batch=batch)


# --- the template ------------------------------------------------------------------------------


def build_template(*, user) -> bytes:
    """The .xlsx template: Vietnamese headers, one example row (ignored on import), drop-down lists of
    the user's villages and of every coded value, text format where leading zeros matter, and a sheet
    of instructions."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter, quote_sheetname
    from openpyxl.worksheet.datavalidation import DataValidation

    villages = list(
        scope.areas_for(user, "registry.edit").filter(kind=Area.Kind.VILLAGE).select_related("parent").order_by("path")
    )
    book = Workbook()
    sheet = book.active
    sheet.title = "Danh sách trẻ em"
    lists = book.create_sheet("Danh mục")
    guide = book.create_sheet("Hướng dẫn")

    bold = Font(bold=True)
    sheet.append([c.header + (" *" if c.required else "") for c in COLUMNS])
    for index, column in enumerate(COLUMNS, 1):
        cell = sheet.cell(row=1, column=index)
        cell.font = bold
        cell.fill = PatternFill("solid", fgColor="DDEBF7" if column.required else "F2F2F2")
        cell.alignment = Alignment(wrap_text=True, vertical="center")
        sheet.column_dimensions[get_column_letter(index)].width = column.width
    example = {c.key: c.example for c in COLUMNS}
    if villages:
        example["village"] = villages[0].name
    sheet.append([example[c.key] for c in COLUMNS])
    grey = Font(italic=True, color="808080")
    for index, column in enumerate(COLUMNS, 1):
        cell = sheet.cell(row=2, column=index)
        cell.font = grey
        if column.kind == "date":
            cell.number_format = "DD/MM/YYYY"
        elif column.kind == "code":
            cell.number_format = "@"
    sheet.freeze_panes = "B2"
    last = MAX_ROWS + 2
    for index, column in enumerate(COLUMNS, 1):
        letter = get_column_letter(index)
        if column.kind == "code":
            for row in range(3, 503):  # text format for the first 500 rows so typed zeros stay
                sheet[f"{letter}{row}"].number_format = "@"
        elif column.kind == "date":
            for row in range(3, 503):
                sheet[f"{letter}{row}"].number_format = "DD/MM/YYYY"

    choice_lists = {
        "sex": [names[0] for names in SEX_LABELS.values()],
        "ethnicity": [e.name for e in Ethnicity.objects.order_by("code")],
        "village": [v.name for v in villages]
        if len({v.name for v in villages}) == len(villages)
        else [v.code for v in villages],
        "poverty": [names[0] for names in POVERTY_LABELS.values()],
        "schooling": [names[0] for names in SCHOOLING_LABELS.values()],
        "guardian_relation": [names[0] for names in RELATION_LABELS.values()],
    }
    for list_index, (key, items) in enumerate(choice_lists.items(), 1):
        letter = get_column_letter(list_index)
        lists.cell(row=1, column=list_index, value=COLUMN_BY_KEY[key].header).font = bold
        for row, item in enumerate(items, 2):
            lists.cell(row=row, column=list_index, value=item)
        if not items:
            continue
        target = get_column_letter([c.key for c in COLUMNS].index(key) + 1)
        rule = DataValidation(
            type="list",
            formula1=f"{quote_sheetname(lists.title)}!${letter}$2:${letter}${len(items) + 1}",
            allow_blank=True,
            showErrorMessage=key != "village",  # a village code typed by hand is fine too
        )
        rule.add(f"{target}3:{target}{last}")
        sheet.add_data_validation(rule)
    lists.sheet_state = "hidden"

    guide.column_dimensions["A"].width = 110
    lines = [
        ("HƯỚNG DẪN NHẬP DANH SÁCH TRẺ EM", bold),
        ("Mỗi dòng của trang “Danh sách trẻ em” là một trẻ. Cột có dấu * là bắt buộc.", None),
        ("Dòng “Ví dụ” (cột STT ghi “Ví dụ”) được bỏ qua khi nhập; có thể xóa hoặc giữ lại.", None),
        ("Ngày: nhập dạng ngày của Excel hoặc dạng dd/mm/yyyy, ví dụ 14/03/2018.", None),
        ("Thôn: ghi tên thôn hoặc mã thôn; chỉ nhập được trẻ em của các thôn thuộc phạm vi của bạn.", None),
        ("Dân tộc: ghi tên (Kinh, Tày, Nùng…) hoặc mã 2 chữ số.", None),
        ("Số định danh cá nhân: đúng 12 chữ số; ô phải ở dạng Văn bản (Text) để giữ số 0 ở đầu.", None),
        ("Trẻ đã có trong sổ (cùng số định danh, hoặc cùng họ tên, ngày sinh và thôn) sẽ được cập nhật; "
         "ô để trống không xóa thông tin đã có.", None),
        ("Không dùng công thức trong tệp. Tệp tối đa 5 MB và 20.000 dòng.", None),
        ("Khi tải lên, hệ thống kiểm tra toàn bộ tệp và cho xem trước; nếu có bất kỳ dòng lỗi nào thì không "
         "lưu gì cả. Sửa tệp rồi tải lên lại.", None),
    ]  # fmt: skip
    for text, font in lines:
        guide.append([text])
        if font:
            guide.cell(row=guide.max_row, column=1).font = font
    guide.append([])
    guide.append(["Thôn được nhập:"])
    guide.cell(row=guide.max_row, column=1).font = bold
    for v in villages:
        guide.append([f"{v.code} — {v.name} ({v.parent.name if v.parent else ''})"])

    out = BytesIO()
    book.save(out)
    return out.getvalue()
