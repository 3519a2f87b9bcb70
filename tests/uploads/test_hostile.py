"""Hostile uploads are refused quickly with a message naming the problem (and the cell when there is
one), before any parser runs on an unknown amount of data; the import page answers 200, never 500."""

import time

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation

from children.io.imports import read_workbook
from children.models import Child

from . import hostile

EXPECTED = {  # a fragment of each (English msgid) refusal
    "zip bomb": "too large once unpacked",
    "zip bomb, lying header": "damaged",
    "bzip2 member": "packed in a way Excel does not use",
    "27M empty rows": "more than 50.000 rows",
    "stray cell in row 1,000,000": "reaches row 1.000.000",
    "10M shared strings": "more than 500.000 different texts",
    "number cell holding text": "Cell B2 is a number cell but holds “abc”",
    "ISO date cell 2018-99-99": "Cell B2 is a date cell but holds “2018-99-99”",
    "missing shared string": "Cell A2 refers to a text that is not in the file",
    "billion laughs": "damaged",
    "50M-character cell": "too much text",
    "broken XML": "damaged",
    "not a zip": "not an Excel .xlsx file",
    "truncated zip": "not an Excel .xlsx file",
}


@pytest.mark.parametrize("name", list(hostile.HOSTILE))
def test_each_hostile_file_is_refused_quickly_with_a_message(name):
    data = hostile.HOSTILE[name]()
    assert len(data) <= 5 * 1024 * 1024
    started = time.perf_counter()
    with translation.override("en"):
        sheet, issues = read_workbook(data)
    assert time.perf_counter() - started < 10
    assert sheet is None
    assert len(issues) == 1 and EXPECTED[name] in issues[0].message


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("name", "vietnamese"),
    [
        ("number cell holding text", "Ô B2"),
        ("ISO date cell 2018-99-99", "Ô B2"),
        ("27M empty rows", "50.000"),
        ("zip bomb", "64 MB"),
        ("not a zip", "không phải tệp Excel"),
    ],
)
def test_the_import_page_answers_a_hostile_file_in_vietnamese_and_saves_nothing(name, vietnamese, client_for):
    client = client_for("thon1")
    response = client.post(reverse("children:import"), {"file": SimpleUploadedFile("ds.xlsx", hostile.HOSTILE[name]())})
    assert response.status_code == 200
    [issue] = response.context["plan"].issues
    assert vietnamese in issue.message
    assert 'name="token"' not in response.content.decode()
    assert Child.objects.count() == 0


def test_the_visible_template_sheet_is_read_not_a_hidden_first_sheet():
    sheet, issues = read_workbook(hostile.hidden_first_sheet())
    assert not issues
    assert [values[1] for _number, values in sheet.rows] == ["Trẻ Hiển Thị"]


@pytest.mark.django_db
@pytest.mark.parametrize("name", ["27M empty rows", "zip bomb", "bzip2 member"])
def test_the_admins_table_import_refuses_a_hostile_workbook_before_reading_it(name, client_for):
    client = client_for("admin")
    response = client.post(
        "/admin/children/ethnicity/import/",
        {"format": "0", "import_file": SimpleUploadedFile("dm.xlsx", hostile.HOSTILE[name]())},
    )
    assert response.status_code == 200
    [message] = response.context["form"].errors["import_file"]
    assert message == read_workbook(hostile.HOSTILE[name]())[1][0].message
