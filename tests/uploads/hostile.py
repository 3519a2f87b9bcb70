"""Hostile .xlsx uploads, generated (nothing is stored in the repository): bombs, lying headers,
millions of empty rows or texts, damaged cells, a hidden first sheet, not-a-zip, huge XML.

``HOSTILE`` maps a name to a function returning the file's bytes; every file is at most 5 MB, the
upload limit, so each reaches the checks past the size test. Used by tests/uploads/test_hostile.py
and by ``make bench`` (scripts/bench.py, upload section).
"""

import functools
import struct
import zipfile
import zlib
from io import BytesIO

CONTENT_TYPES = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    b'<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    b'<Default Extension="xml" ContentType="application/xml"/>'
    b'<Override PartName="/xl/workbook.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    b'<Override PartName="/xl/worksheets/sheet1.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    b'<Override PartName="/xl/sharedStrings.xml" '
    b'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
    b"</Types>"
)
ROOT_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'officeDocument" Target="xl/workbook.xml"/></Relationships>'
)
WORKBOOK = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    b'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    b'<sheets><sheet name="Danh s\xc3\xa1ch tr\xe1\xba\xbb em" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
WORKBOOK_RELS = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    b'<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'worksheet" Target="worksheets/sheet1.xml"/>'
    b'<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
    b'sharedStrings" Target="sharedStrings.xml"/></Relationships>'
)
SHEET_HEAD = (
    b'<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    b'<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
)
SHEET_TAIL = b"</sheetData></worksheet>"
HEADER_ROW = (
    '<row r="1"><c r="A1" t="inlineStr"><is><t>Họ và tên</t></is></c>'
    '<c r="B1" t="inlineStr"><is><t>Ngày sinh</t></is></c><c r="C1" t="inlineStr"><is><t>Giới tính</t></is></c>'
    '<c r="D1" t="inlineStr"><is><t>Dân tộc</t></is></c><c r="E1" t="inlineStr"><is><t>Thôn</t></is></c></row>'
).encode()
EMPTY_STRINGS = (
    b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"/>'
)


@functools.cache
def _deflated(parts, repeat: int = 1, tail: bytes = b"") -> bytes:
    """Raw deflate of ``parts[0] + parts[1] * repeat + tail`` built in chunks (never whole in memory)."""
    head, body = parts
    z = zlib.compressobj(6, zlib.DEFLATED, -15)
    out = [z.compress(head)]
    block = body * max(1, 1_000_000 // max(1, len(body)))
    full, rest = divmod(repeat * len(body), len(block))
    for _ in range(full):
        out.append(z.compress(block))
    out.append(z.compress(body * (rest // len(body))))
    out.append(z.compress(tail))
    out.append(z.flush())
    return b"".join(out)


@functools.cache
def _crc_size(parts, repeat: int, tail: bytes) -> tuple[int, int]:
    head, body = parts
    crc = zlib.crc32(head)
    block = body * max(1, 1_000_000 // max(1, len(body)))
    full, rest = divmod(repeat * len(body), len(block))
    for _ in range(full):
        crc = zlib.crc32(block, crc)
    crc = zlib.crc32(body * (rest // len(body)), crc)
    crc = zlib.crc32(tail, crc)
    return crc, len(head) + repeat * len(body) + len(tail)


def _zip(members: list[tuple[str, bytes, int]] | list, *, raw: dict | None = None, lie: dict | None = None) -> bytes:
    """A zip of ``members`` (name, data); ``raw`` maps a name to (deflated bytes, crc, real size) written
    as is; ``lie`` maps a name to the uncompressed size its headers claim."""
    raw, lie = raw or {}, lie or {}
    out = BytesIO()
    central = []
    for name, data in members:
        if name in raw:
            compressed, crc, size = raw[name]
            method = 8
        else:
            compressed = zlib.compress(data, 9)[2:-4]
            crc, size, method = zlib.crc32(data), len(data), 8
        claimed = lie.get(name, size)
        offset = out.tell()
        encoded = name.encode()
        out.write(struct.pack("<4sHHHHHIIIHH", b"PK\x03\x04", 20, 0, method, 0, 0x21, crc,
                              len(compressed), claimed, len(encoded), 0))  # fmt: skip
        out.write(encoded)
        out.write(compressed)
        central.append(struct.pack("<4sHHHHHHIIIHHHHHII", b"PK\x01\x02", 20, 20, 0, method, 0, 0x21, crc,
                                   len(compressed), claimed, len(encoded), 0, 0, 0, 0, 0, offset) + encoded)  # fmt: skip
    start = out.tell()
    for record in central:
        out.write(record)
    out.write(struct.pack("<4sHHHHIIH", b"PK\x05\x06", 0, 0, len(central), len(central),
                          out.tell() - start, start, 0))  # fmt: skip
    return out.getvalue()


def _workbook_with_sheet(sheet_parts, repeat=1, tail=SHEET_TAIL, *, strings=EMPTY_STRINGS, lie=None) -> bytes:
    compressed = _deflated(sheet_parts, repeat, tail)
    crc, size = _crc_size(sheet_parts, repeat, tail)
    return _zip(
        [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            ("xl/sharedStrings.xml", strings),
            ("xl/worksheets/sheet1.xml", b""),
        ],
        raw={"xl/worksheets/sheet1.xml": (compressed, crc, size)},
        lie={"xl/worksheets/sheet1.xml": lie} if lie is not None else None,
    )


def sheet_xml(rows: str) -> bytes:
    return SHEET_HEAD + HEADER_ROW + rows.encode() + SHEET_TAIL


def workbook(sheet: bytes, *, strings: bytes = EMPTY_STRINGS) -> bytes:
    return _zip(
        [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            ("xl/sharedStrings.xml", strings),
            ("xl/worksheets/sheet1.xml", sheet),
        ]
    )


# --- the hostile files ---------------------------------------------------------------------------


def zip_bomb() -> bytes:
    """200 MB of empty elements inside the sheet, honestly declared, a few hundred KB packed."""
    return _workbook_with_sheet((SHEET_HEAD + HEADER_ROW, b"<x/>" * 250), 200_000)


def zip_bomb_lying_header() -> bytes:
    """The same bomb whose headers claim the sheet unpacks to 2 KB (a reader trusting them is fooled)."""
    return _workbook_with_sheet((SHEET_HEAD + HEADER_ROW, b"<x/>" * 250), 200_000, lie=2048)


def bzip2_member() -> bytes:
    """A member packed with bzip2 (method 12), which Excel never writes: a 2.4 GB bomb in 9 KB before."""
    out = BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("[Content_Types].xml", CONTENT_TYPES)
        archive.writestr("xl/workbook.xml", WORKBOOK)
        archive.writestr("xl/worksheets/sheet1.xml", SHEET_HEAD + b" " * 10_000_000 + SHEET_TAIL)
    return out.getvalue()


def empty_rows() -> bytes:
    """27 million empty <row/> elements (about 160 MB of XML) packed into a few hundred KB."""
    return _workbook_with_sheet((SHEET_HEAD + HEADER_ROW, b"<row/>"), 27_000_000)


def stray_cell_far_down() -> bytes:
    """One value in row 1,000,000 below the list (a reader filling the gap makes a million rows)."""
    return workbook(sheet_xml('<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>x</t></is></c></row>'))


def shared_strings() -> bytes:
    """10 million shared strings (about 170 MB of XML)."""
    head = (
        b'<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    )
    compressed = _deflated((head, b"<si><t>x</t></si>"), 10_000_000, b"</sst>")
    crc, size = _crc_size((head, b"<si><t>x</t></si>"), 10_000_000, b"</sst>")
    return _zip(
        [
            ("[Content_Types].xml", CONTENT_TYPES),
            ("_rels/.rels", ROOT_RELS),
            ("xl/workbook.xml", WORKBOOK),
            ("xl/_rels/workbook.xml.rels", WORKBOOK_RELS),
            ("xl/sharedStrings.xml", b""),
            ("xl/worksheets/sheet1.xml", sheet_xml("")),
        ],
        raw={"xl/sharedStrings.xml": (compressed, crc, size)},
    )


def number_cell_with_text() -> bytes:
    """A number cell (no type) whose value is text: openpyxl raised ValueError (500)."""
    return workbook(
        sheet_xml('<row r="2"><c r="A2" t="inlineStr"><is><t>An</t></is></c><c r="B2"><v>abc</v></c></row>')
    )


def iso_date_cell_impossible() -> bytes:
    """A date cell (t="d") holding 2018-99-99."""
    return workbook(
        sheet_xml(
            '<row r="2"><c r="A2" t="inlineStr"><is><t>An</t></is></c><c r="B2" t="d"><v>2018-99-99</v></c></row>'
        )
    )


def missing_shared_string() -> bytes:
    """A text cell pointing at shared string number 99 of none."""
    return workbook(sheet_xml('<row r="2"><c r="A2" t="s"><v>99</v></c></row>'))


def billion_laughs() -> bytes:
    """Nested XML entities in the sheet (a DTD, which no .xlsx part has)."""
    dtd = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            b'<!ENTITY lol%d "%s">' % (i, (b"&lol%d;" % (i - 1) if i > 1 else b"&lol;") * 10) for i in range(1, 10)
        )
        + b"]>"
    )
    sheet = (
        dtd
        + SHEET_HEAD.split(b"?>", 1)[1]
        + b'<row r="2"><c r="A2" t="inlineStr"><is><t>&lol9;</t></is></c></row>'
        + SHEET_TAIL
    )
    return workbook(sheet)


def huge_cell() -> bytes:
    """One cell holding 50 million characters."""
    return _workbook_with_sheet(
        (SHEET_HEAD + HEADER_ROW + b'<row r="2"><c r="A2" t="inlineStr"><is><t>', b"a" * 1000),
        50_000,
        b"</t></is></c></row>" + SHEET_TAIL,
    )


def broken_xml() -> bytes:
    """The sheet's XML is cut off in the middle of a row."""
    return workbook(SHEET_HEAD + HEADER_ROW + b'<row r="2"><c r="A2" t="inlineStr"><is><t>An')


def not_a_zip() -> bytes:
    """A PDF renamed .xlsx."""
    return b"%PDF-1.4\n" + b"0" * 10_000


def truncated_zip() -> bytes:
    """A real workbook cut in half."""
    data = workbook(sheet_xml(""))
    return data[: len(data) // 2]


def hidden_first_sheet() -> bytes:
    """A hidden first sheet with one child, and the template's visible sheet with another (used by
    the import test: only the visible sheet's child is read)."""
    import openpyxl

    from children.io.imports import COLUMNS

    book = openpyxl.Workbook()
    hidden = book.active
    hidden.title = "Cũ"
    visible = book.create_sheet("Danh sách trẻ em")
    for sheet, name in ((hidden, "Trẻ Ẩn Giấu"), (visible, "Trẻ Hiển Thị")):
        sheet.append([c.header for c in COLUMNS])
        row = {"full_name": name, "date_of_birth": "14/03/2018", "sex": "Nam", "ethnicity": "Tày", "village": "Thôn 1"}
        sheet.append([row.get(c.key) for c in COLUMNS])
    hidden.sheet_state = "hidden"
    out = BytesIO()
    book.save(out)
    return out.getvalue()


# name → maker
HOSTILE = {
    "zip bomb": zip_bomb,
    "zip bomb, lying header": zip_bomb_lying_header,
    "bzip2 member": bzip2_member,
    "27M empty rows": empty_rows,
    "stray cell in row 1,000,000": stray_cell_far_down,
    "10M shared strings": shared_strings,
    "number cell holding text": number_cell_with_text,
    "ISO date cell 2018-99-99": iso_date_cell_impossible,
    "missing shared string": missing_shared_string,
    "billion laughs": billion_laughs,
    "50M-character cell": huge_cell,
    "broken XML": broken_xml,
    "not a zip": not_a_zip,
    "truncated zip": truncated_zip,
}
