"""Checks for uploaded documents (fund attachments, task evidence): the extension, the content's
first bytes and the size must all agree, so a renamed executable never passes as a scanned receipt."""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _

MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
# extension → (content type, signatures the file must start with)
DOCUMENT_TYPES = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
}


def sniff_content_type(upload) -> str | None:
    """The type the file's content shows (PDF, JPEG or PNG), or None."""
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    for content_type, signatures in DOCUMENT_TYPES.values():
        if any(head.startswith(sig) for sig in signatures):
            return content_type
    return None


def check_document(upload, *, field: str = "file", max_bytes: int = MAX_DOCUMENT_BYTES) -> str:
    """Validate an uploaded PDF/JPG/PNG and return its content type; ``ValidationError`` on ``field`` otherwise."""
    name = (getattr(upload, "name", "") or "").rsplit("/", 1)[-1]
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in DOCUMENT_TYPES:
        raise ValidationError({field: _("Attach a PDF, JPG or PNG file.")})
    if upload.size > max_bytes:
        raise ValidationError(
            {
                field: _("The file is %(size)s MB; at most %(limit)s MB is allowed.")
                % {"size": f"{upload.size / 1048576:.1f}", "limit": max_bytes // 1048576}
            }
        )
    if upload.size == 0:
        raise ValidationError({field: _("The file is empty.")})
    content_type = DOCUMENT_TYPES[ext][0]
    if sniff_content_type(upload) != content_type:
        raise ValidationError({field: _("The content of the file is not a real PDF, JPG or PNG.")})
    return content_type


# --- Excel workbooks (.xlsx): checked with bounded work before any parser runs -------------------
#
# An .xlsx file is a zip of XML parts. ``inspect_xlsx`` opens it with hard limits, whatever its
# headers claim: only stored/deflated members; every member is inflated in chunks while the real
# bytes are counted, stopping at the limit; the chosen sheet and the shared strings are streamed
# as raw bytes with counters at C speed (row elements, the last row number, cells, strings, the
# longest text run) and no document type declarations (no entities), so a later parser (here: ``read_xlsx_rows``)
# meets only a workbook whose size is known. ``read_xlsx_rows`` then streams that sheet's values
# through expat (no tree kept), as openpyxl's read-only mode gives them, and names the cell of a
# damaged value (a number cell holding text, a date cell holding 2018-99-99). Every refusal is an
# ``XlsxRefused`` with a message for the user.

import re  # noqa: E402
import zipfile  # noqa: E402
import zlib  # noqa: E402
from dataclasses import dataclass  # noqa: E402
from io import BytesIO  # noqa: E402
from xml.parsers import expat  # noqa: E402

XLSX_MAX_BYTES = 5 * 1024 * 1024  # the upload itself
XLSX_MAX_UNZIPPED = 64 * 1024 * 1024  # all members together, counted while inflating
XLSX_MAX_MEMBERS = 500
XLSX_MAX_ROW_ELEMENTS = 50_000  # <row> elements of the sheet, empty ones included
XLSX_MAX_ROW_NUMBER = 100_000  # a value below this row is refused (a stray cell far down)
XLSX_MAX_COLUMNS = 64  # columns read (the template has 18); cells further right are not read
XLSX_MAX_CELLS = 1_000_000
XLSX_MAX_SHARED_STRINGS = 500_000
XLSX_MAX_CELL_CHARS = 32_767 * 2  # Excel's own limit is 32,767 characters
_CHUNK = 64 * 1024
_PREFIX = rb"<(?:[A-Za-z_][A-Za-z0-9_.-]*:)?"
_ROW_TAG = re.compile(_PREFIX + rb"row(?=[\s/>])([^>]*)>")
_ROW_R = re.compile(rb'\sr\s*=\s*["\']([0-9]+)["\']')
_CELL_TAG = re.compile(_PREFIX + rb"c[\s/>]")
_SI_TAG = re.compile(_PREFIX + rb"si[\s/>]")
_DTD = re.compile(rb"<!(?:DOCTYPE|ENTITY)", re.IGNORECASE)
_LONG_TEXT = re.compile(rb"[^<]{%d,}" % (XLSX_MAX_CELL_CHARS * 4))
_CELL_REF = re.compile(r"^\$?([A-Z]{1,3})\$?([0-9]{1,7})$")
_MAIN_NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
_REL_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


class XlsxRefused(Exception):
    """The workbook is refused; ``message`` is for the user (translated)."""

    def __init__(self, message: str, *, cell: str = "", row: int | None = None):
        self.message, self.cell, self.row = message, cell, row
        super().__init__(message)


@dataclass(frozen=True)
class XlsxInfo:
    sheet_name: str  # the visible sheet to read
    sheet_part: str  # its part in the zip, e.g. xl/worksheets/sheet2.xml
    last_row: int  # the number of the last row element (0: none); nothing below it is read
    rows: int  # <row> elements seen
    cells: int
    shared_strings: int
    unzipped: int  # real inflated bytes of all members


def _too_large_unpacked() -> XlsxRefused:
    return XlsxRefused(
        _("The file is too large once unpacked (more than %(limit)s MB); split it into several files.")
        % {"limit": XLSX_MAX_UNZIPPED // 1048576}
    )


def _damaged() -> XlsxRefused:
    return XlsxRefused(_("The Excel file is damaged and cannot be read. Open it in Excel, save it again and retry."))


class _Budget:
    def __init__(self):
        self.used = 0

    def take(self, n: int) -> None:
        self.used += n
        if self.used > XLSX_MAX_UNZIPPED:
            raise _too_large_unpacked()


def _inflate(archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: _Budget):
    """Yield the member's real inflated bytes in chunks, charging each to the budget."""
    try:
        with archive.open(info) as stream:
            while chunk := stream.read(_CHUNK):
                budget.take(len(chunk))
                yield chunk
    except XlsxRefused:
        raise
    except (zipfile.BadZipFile, zlib.error, EOFError, OSError, RuntimeError, ValueError, NotImplementedError):
        raise _damaged() from None


def _column_number(letters: str) -> int:
    n = 0
    for ch in letters:
        n = n * 26 + ord(ch) - 64
    return n


def _column_letters(n: int) -> str:
    out = ""
    while n:
        n, rem = divmod(n - 1, 26)
        out = chr(65 + rem) + out
    return out


def _parser(start, end=None, text=None):
    """An expat parser with namespaces split off and no DTD (hence no entities) allowed."""
    parser = expat.ParserCreate(namespace_separator="}")

    def refuse(*_args):
        raise _damaged()

    parser.StartDoctypeDeclHandler = refuse
    parser.EntityDeclHandler = refuse
    parser.StartElementHandler = start
    if end:
        parser.EndElementHandler = end
    if text:
        parser.CharacterDataHandler = text
    parser.buffer_text = True
    return parser


def _feed(parser, chunks) -> None:
    try:
        for chunk in chunks:
            parser.Parse(chunk, False)
        parser.Parse(b"", True)
    except expat.ExpatError:
        raise _damaged() from None


def _local(name: str) -> str:
    return name.rsplit("}", 1)[-1]


def _read_small(archive, info, budget, limit: int = 4 * 1024 * 1024) -> bytes:
    out = bytearray()
    for chunk in _inflate(archive, info, budget):
        out += chunk
        if len(out) > limit:
            raise _damaged()
    return bytes(out)


def _sheets(archive, members, budget) -> list[tuple[str, str, str]]:
    """(name, state, part path) of each sheet, in the workbook's order."""
    found: list[tuple[str, str, str]] = []
    targets: dict[str, str] = {}

    def on_sheet(name, attrs):
        if _local(name) == "sheet":
            found.append((attrs.get("name", ""), attrs.get("state", "visible"), attrs.get(f"{_REL_NS}}}id", "")))

    _feed(_parser(on_sheet), [_read_small(archive, members["xl/workbook.xml"], budget)])
    rels = members.get("xl/_rels/workbook.xml.rels")
    if rels is not None:

        def on_rel(name, attrs):
            if _local(name) == "Relationship":
                target = attrs.get("Target", "")
                target = target.lstrip("/") if target.startswith("/") else "xl/" + target
                targets[attrs.get("Id", "")] = target

        _feed(_parser(on_rel), [_read_small(archive, rels, budget)])
    return [(name, state, targets.get(rid, "")) for name, state, rid in found]


def _too_much_text() -> XlsxRefused:
    return XlsxRefused(_("A cell of the file holds too much text; shorten it."))


def _pieces(chunks):
    """Re-cut a stream of chunks just before a "<", so no tag is split between two pieces; refuse a
    text run longer than any cell may hold, and any DTD (no .xlsx part has one)."""
    carry = b""
    for chunk in chunks:
        data = carry + chunk
        cut = data.rfind(b"<")
        if cut <= 0:
            carry = data
            if len(carry) > XLSX_MAX_CELL_CHARS * 4:
                raise _too_much_text()
            continue
        piece, carry = data[:cut], data[cut:]
        if _DTD.search(piece) or _LONG_TEXT.search(piece):
            raise _too_much_text() if not _DTD.search(piece) else _damaged()
        yield piece
    if carry:
        if _DTD.search(carry):
            raise _damaged()
        yield carry


def _count_shared_strings(archive, info, budget) -> int:
    count = 0
    for piece in _pieces(_inflate(archive, info, budget)):
        count += len(_SI_TAG.findall(piece))
        if count > XLSX_MAX_SHARED_STRINGS:
            raise XlsxRefused(
                _("The file holds more than %(limit)s different texts; split it into several files.")
                % {"limit": f"{XLSX_MAX_SHARED_STRINGS:,}".replace(",", ".")}
            )
    return count


def _count_sheet(archive, info, budget) -> tuple[int, int, int]:
    """(row elements, cells, last row number) of a sheet, counted on the raw XML."""
    rows = cells = last = 0
    for piece in _pieces(_inflate(archive, info, budget)):
        for match in _ROW_TAG.finditer(piece):
            rows += 1
            number = _ROW_R.search(match.group(1))
            last = int(number.group(1)) if number else last + 1
            if rows > XLSX_MAX_ROW_ELEMENTS:
                raise XlsxRefused(
                    _("The sheet has more than %(limit)s rows (empty rows count too); delete the empty rows "
                      "below the list or split the file.") % {"limit": f"{XLSX_MAX_ROW_ELEMENTS:,}".replace(",", ".")}
                )  # fmt: skip
            if last > XLSX_MAX_ROW_NUMBER:
                raise XlsxRefused(
                    _("The sheet reaches row %(row)s, far below any list (at most %(limit)s rows); delete the "
                      "rows below the list.") % {"row": f"{last:,}".replace(",", "."),
                                                  "limit": f"{XLSX_MAX_ROW_NUMBER:,}".replace(",", ".")},
                    row=last,
                )  # fmt: skip
        cells += len(_CELL_TAG.findall(piece))
        if cells > XLSX_MAX_CELLS:
            raise XlsxRefused(
                _("The sheet has more than %(limit)s cells; split the file.")
                % {"limit": f"{XLSX_MAX_CELLS:,}".replace(",", ".")}
            )
    return rows, cells, last


def inspect_xlsx(data: bytes, *, sheet_names: tuple[str, ...] = ()) -> XlsxInfo:
    """Check an .xlsx upload with bounded time and memory; return which sheet to read and its size.

    The sheet read is the first *visible* sheet named in ``sheet_names`` (the template's), else the
    first visible sheet: a hidden first sheet is never read. ``XlsxRefused`` for anything else.
    """
    if len(data) > XLSX_MAX_BYTES:
        raise XlsxRefused(
            _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
            % {"size": f"{len(data) / 1048576:.1f}".replace(".", ","), "limit": XLSX_MAX_BYTES // 1048576}
        )
    if data[:8] == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        raise XlsxRefused(
            _(
                "Old Excel 97–2003 (.xls) files are not accepted: open the file in Excel and save it as Excel Workbook (.xlsx)."
            )
        )
    not_xlsx = XlsxRefused(_("This is not an Excel .xlsx file. Download the template and fill it in."))
    if data[:4] != b"PK\x03\x04":
        raise not_xlsx
    try:
        archive = zipfile.ZipFile(BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, NotImplementedError):
        raise not_xlsx from None
    with archive:
        infos = archive.infolist()
        if len(infos) > XLSX_MAX_MEMBERS:
            raise _damaged()
        members = {}
        for info in infos:
            if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED) or info.flag_bits & 0x1:
                raise XlsxRefused(
                    _("The file is packed in a way Excel does not use (compression or encryption); "
                      "open it in Excel and save it again as .xlsx.")
                )  # fmt: skip
            members[info.filename] = info
        if "xl/workbook.xml" not in members:
            raise not_xlsx
        budget = _Budget()
        sheets = _sheets(archive, members, budget)
        visible = [s for s in sheets if s[1] not in ("hidden", "veryHidden") and s[2] in members]
        wanted = [s for s in visible if s[0] in sheet_names]
        if not (wanted or visible):
            raise XlsxRefused(_("The file has no visible sheet to read."))
        sheet_name, _state, part = (wanted or visible)[0]
        shared = 0
        if "xl/sharedStrings.xml" in members:
            shared = _count_shared_strings(archive, members["xl/sharedStrings.xml"], budget)
        rows, cells, last_row = _count_sheet(archive, members[part], budget)
        # Every other member is inflated too (counted, not kept): a later parser meets no surprise.
        for name, info in members.items():
            if name not in (part, "xl/sharedStrings.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"):
                for _chunk in _inflate(archive, info, budget):
                    pass
    return XlsxInfo(
        sheet_name=sheet_name,
        sheet_part=part,
        last_row=last_row,
        rows=rows,
        cells=cells,
        shared_strings=shared,
        unzipped=budget.used,
    )


def _shared_strings(archive, info, budget) -> list[str]:
    """The shared strings (phonetic runs left out, as Excel shows them); counted by inspect_xlsx before."""
    strings: list[str] = []
    if info is None:
        return strings
    state = {"parts": None, "phonetic": 0, "text": False}

    def start(name, _attrs):
        tag = _local(name)
        if tag == "si":
            state["parts"] = []
        elif tag == "rPh":
            state["phonetic"] += 1
        elif tag == "t":
            state["text"] = True

    def end(name):
        tag = _local(name)
        if tag == "si":
            strings.append("".join(state["parts"] or ()))
            state["parts"] = None
        elif tag == "rPh":
            state["phonetic"] -= 1
        elif tag == "t":
            state["text"] = False

    def text(data):
        if state["text"] and not state["phonetic"] and state["parts"] is not None:
            state["parts"].append(data)

    _feed(_parser(start, end, text), _inflate(archive, info, budget))
    return strings


def _date_styles(archive, info, budget) -> set[int]:
    """Indexes of the cell styles (cellXfs) whose number format shows a date or a time."""
    from openpyxl.styles.numbers import BUILTIN_FORMATS, is_date_format

    if info is None:
        return set()
    formats: dict[int, str] = dict(BUILTIN_FORMATS)
    styles: list[int] = []
    state = {"xfs": False}

    def start(name, attrs):
        tag = _local(name)
        if tag == "numFmt":
            number = attrs.get("numFmtId", "")
            if number.isdigit():
                formats[int(number)] = attrs.get("formatCode", "")
        elif tag == "cellXfs":
            state["xfs"] = True
        elif tag == "xf" and state["xfs"]:
            try:
                styles.append(int(attrs.get("numFmtId", "0")))
            except ValueError:
                styles.append(0)

    def end(name):
        if _local(name) == "cellXfs":
            state["xfs"] = False

    _feed(_parser(start, end), [_read_small(archive, info, budget, limit=XLSX_MAX_UNZIPPED)])
    return {index for index, fmt in enumerate(styles) if is_date_format(formats.get(fmt, ""))}


def _is_1904(archive, info, budget) -> bool:
    found = {"1904": False}

    def start(name, attrs):
        if _local(name) == "workbookPr":
            found["1904"] = attrs.get("date1904", "").lower() in ("1", "true")

    _feed(_parser(start), [_read_small(archive, info, budget)])
    return found["1904"]


class _RowReader:
    """expat handlers turning a sheet's XML into (row number, values), values as openpyxl's
    read-only mode with formulas kept gives them: numbers (int or float), dates (datetime) for
    date-styled numbers, text, booleans, "=…" for a formula; a damaged value is refused naming its cell."""

    def __init__(self, shared: list[str], date_styles: set[int], epoch, max_col: int):
        self.shared, self.date_styles, self.epoch, self.max_col = shared, date_styles, epoch, max_col
        self.done: list[tuple[int, tuple]] = []
        self.row_number = 0
        self.cells: dict[int, object] = {}
        self.col = 0
        self.cell = None  # (ref, type, style, column) inside <c>
        self.value: list[str] | None = None
        self.formula: list[str] | None = None
        self.inline: list[str] | None = None
        self.phonetic = 0
        self.in_t = self.in_v = self.in_f = False

    def start(self, name, attrs):
        tag = _local(name)
        if tag == "c":
            ref = attrs.get("r")
            if ref is not None:
                match = _CELL_REF.match(ref)
                if match is None:
                    raise _damaged()
                self.col = _column_number(match.group(1))
            else:
                self.col += 1
            style = attrs.get("s", "0")
            self.cell = (
                ref.replace("$", "") if ref else f"{_column_letters(self.col)}{self.row_number}",
                attrs.get("t", "n"),
                int(style) if style.isdigit() else 0,
            )
            self.value = self.formula = self.inline = None
        elif self.cell is None:
            if tag == "row":
                r = attrs.get("r")
                self.row_number = int(r) if r and r.isdigit() else self.row_number + 1
                self.cells, self.col = {}, 0
        elif tag == "v":
            self.value, self.in_v = [], True
        elif tag == "f":
            self.formula, self.in_f = [], True
        elif tag == "is":
            self.inline = []
        elif tag == "rPh":
            self.phonetic += 1
        elif tag == "t":
            self.in_t = True

    def text(self, data):
        if self.cell is None:
            return
        if self.in_t and self.inline is not None and not self.phonetic:
            self.inline.append(data)
        elif self.in_v:
            self.value.append(data)
        elif self.in_f:
            self.formula.append(data)

    def end(self, name):
        tag = _local(name)
        if tag == "c" and self.cell is not None:
            ref, kind, style = self.cell
            if self.col <= self.max_col:
                value = self._value(ref, kind, style)
                if value is not None:
                    self.cells[self.col] = value
            self.cell = None
        elif tag == "row" and self.cell is None:
            if self.cells:
                width = max(self.cells)
                self.done.append((self.row_number, tuple(self.cells.get(i) for i in range(1, width + 1))))
            self.cells = {}
        elif tag == "t":
            self.in_t = False
        elif tag == "rPh":
            self.phonetic -= 1
        elif tag == "v":
            self.in_v = False
        elif tag == "f":
            self.in_f = False

    def _refuse(self, ref: str, message: str) -> XlsxRefused:
        return XlsxRefused(message, cell=ref, row=self.row_number)

    def _value(self, ref: str, kind: str, style: int):
        from openpyxl.utils.datetime import from_excel, from_ISO8601

        if self.formula is not None:
            return "=" + "".join(self.formula)
        if kind == "inlineStr":
            return "".join(self.inline) if self.inline is not None else None
        value = "".join(self.value) if self.value is not None else None
        if value is None:
            return None
        if kind == "n":
            try:
                number = (
                    float(value)
                    if any(ch in value for ch in ".eE") or value.strip().lower() in ("nan", "inf")
                    else int(value)
                )
            except ValueError:
                raise self._refuse(
                    ref,
                    _("Cell %(cell)s is a number cell but holds “%(value)s”; retype it.")
                    % {"cell": ref, "value": value[:40]},
                ) from None
            if style in self.date_styles:
                try:
                    return from_excel(number, self.epoch)
                except (ValueError, OverflowError, TypeError):
                    raise self._refuse(
                        ref,
                        _("Cell %(cell)s is a date cell but holds “%(value)s”, which is not a real date; retype it.")
                        % {"cell": ref, "value": value[:40]},
                    ) from None
            return number
        if kind == "s":
            try:
                return self.shared[int(value)]
            except (ValueError, IndexError):
                raise self._refuse(
                    ref, _("Cell %(cell)s refers to a text that is not in the file; retype it.") % {"cell": ref}
                ) from None
        if kind == "d":
            try:
                return from_ISO8601(value)
            except (ValueError, TypeError, OverflowError):
                raise self._refuse(
                    ref,
                    _("Cell %(cell)s is a date cell but holds “%(value)s”, which is not a real date; retype it.")
                    % {"cell": ref, "value": value[:40]},
                ) from None
        if kind == "b":
            if value.strip() not in ("0", "1"):
                raise self._refuse(
                    ref,
                    _("Cell %(cell)s is a yes/no cell but holds “%(value)s”; retype it.")
                    % {"cell": ref, "value": value[:40]},
                )
            return value.strip() == "1"
        if kind in ("str", "e"):
            return value
        raise self._refuse(ref, _("Cell %(cell)s has an unknown type; retype it.") % {"cell": ref})

    def take(self) -> list[tuple[int, tuple]]:
        done, self.done = self.done, []
        return done


def read_xlsx_rows(data: bytes, info: XlsxInfo, *, max_col: int = XLSX_MAX_COLUMNS):
    """Yield (row number, values) of each row of the sheet ``inspect_xlsx`` chose that holds a cell,
    in order, streaming (rows are not kept); values of the first ``max_col`` columns only.
    ``XlsxRefused`` naming the cell for a damaged value, or for damaged XML."""
    from openpyxl.utils.datetime import CALENDAR_MAC_1904, CALENDAR_WINDOWS_1900

    with zipfile.ZipFile(BytesIO(data)) as archive:
        members = {info_.filename: info_ for info_ in archive.infolist()}
        budget = _Budget()
        shared = _shared_strings(archive, members.get("xl/sharedStrings.xml"), budget)
        dates = _date_styles(archive, members.get("xl/styles.xml"), budget)
        epoch = CALENDAR_MAC_1904 if _is_1904(archive, members["xl/workbook.xml"], budget) else CALENDAR_WINDOWS_1900
        reader = _RowReader(shared, dates, epoch, max_col)
        parser = _parser(reader.start, reader.end, reader.text)
        try:
            for chunk in _inflate(archive, members[info.sheet_part], budget):
                parser.Parse(chunk, False)
                yield from reader.take()
            parser.Parse(b"", True)
        except expat.ExpatError:
            raise _damaged() from None
        yield from reader.take()


def check_table_upload(upload, *, field: str = "import_file") -> None:
    """A table file for the admin's import (CSV, JSON, .xlsx…): at most 5 MB, and an .xlsx passes
    ``inspect_xlsx`` (bounded unpacking, rows, cells, texts) before any library opens it.
    ``ValidationError`` on ``field`` with the message otherwise."""
    if upload.size > XLSX_MAX_BYTES:
        raise ValidationError(
            {
                field: _("The file is too large (%(size)s MB); the limit is %(limit)s MB.")
                % {"size": f"{upload.size / 1048576:.1f}".replace(".", ","), "limit": XLSX_MAX_BYTES // 1048576}
            }
        )
    upload.seek(0)
    head = upload.read(8)
    if head[:4] == b"PK\x03\x04" or head == b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1":
        upload.seek(0)
        try:
            inspect_xlsx(upload.read())
        except XlsxRefused as refused:
            raise ValidationError({field: refused.message}) from None
    upload.seek(0)
