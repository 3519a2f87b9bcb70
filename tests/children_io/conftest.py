"""Helpers for the import/export tests: build .xlsx files in memory, read them back."""

from datetime import date
from io import BytesIO

import openpyxl
import pytest

from children.io.imports import COLUMNS

HEADERS = [c.header for c in COLUMNS]


def xlsx(rows, headers=None, *, title=None) -> bytes:
    """An .xlsx file with ``headers`` (the template's by default) and ``rows`` (dicts by column key or lists)."""
    headers = headers or HEADERS
    book = openpyxl.Workbook()
    sheet = book.active
    if title:
        sheet.append([title])
    sheet.append(headers)
    keys = [c.key for c in COLUMNS]
    for row in rows:
        if isinstance(row, dict):
            sheet.append([row.get(k) for k in keys])
        else:
            sheet.append(list(row))
    out = BytesIO()
    book.save(out)
    return out.getvalue()


def child_row(**overrides) -> dict:
    row = {
        "full_name": "Hoàng Văn An",
        "date_of_birth": "14/03/2018",
        "sex": "Nam",
        "ethnicity": "Tày",
        "village": "Thôn 1",
    }
    row.update(overrides)
    return row


def read_xlsx(data: bytes):
    book = openpyxl.load_workbook(BytesIO(data))
    return book


ON = date(2022, 6, 1)


@pytest.fixture
def on():
    return ON


@pytest.fixture(autouse=True)
def _private_upload_dir(settings, tmp_path):
    """Uploads kept between preview and confirmation go to a temporary folder in tests."""
    settings.CHILD_IMPORT_DIR = tmp_path / "imports"
