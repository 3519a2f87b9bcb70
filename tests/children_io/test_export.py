"""Export of the filtered registry list: scoped, formula-escaped, logged, constant queries and memory."""

import tempfile
import tracemalloc
from datetime import date
from io import BytesIO
from types import SimpleNamespace

import openpyxl
import pytest
from django.urls import reverse

from accounts.models import AccessLog
from children.io.exports import escape_formula, registry_columns, write_xlsx
from children.models import Guardian
from tests.factories import make_child


def rows_of(response):
    book = openpyxl.load_workbook(BytesIO(b"".join(response.streaming_content)))
    sheet = book.active
    values = list(sheet.iter_rows(values_only=True))
    header = values[3]
    data = [dict(zip(header, r, strict=False)) for r in values[4:] if isinstance(r[0], int)]
    return values, data


@pytest.fixture
def registry(world):
    v1, v2 = world["villages"][0], world["villages"][1]
    make_child(village=v1, full_name="Hoàng Văn An")
    make_child(village=v2, full_name="Nông Thị Bình")
    make_child(village=world["village2"], full_name="Triệu Văn Hòa")
    return world


def test_officer_exports_the_commune_and_the_export_is_logged(registry, client_for, user_named):
    response = client_for("vhxh").get(reverse("children:export"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    values, data = rows_of(response)
    assert {r["Họ và tên"] for r in data} == {"Hoàng Văn An", "Nông Thị Bình"}
    assert "vhxh" in values[1][0]  # the file says who made it
    log = AccessLog.objects.get()
    assert (log.user, log.what, log.row_count) == (user_named("vhxh"), "children.registry", 2)
    assert (log.action, log.area.name, log.ip_address, log.confidential) == ("export", "Y Tịch", "127.0.0.1", False)


def test_export_follows_the_filter_of_the_list(registry, client_for):
    village = registry["villages"][1]
    response = client_for("vhxh").get(reverse("children:export"), {"village": village.pk, "page": 3})
    _values, data = rows_of(response)
    assert [r["Họ và tên"] for r in data] == ["Nông Thị Bình"]
    log = AccessLog.objects.get()
    assert (log.filters, log.area) == ({"village": str(village.pk)}, village)


def test_search_term_filters_the_export(registry, client_for):
    _values, data = rows_of(client_for("vhxh").get(reverse("children:export"), {"q": "binh"}))
    assert [r["Họ và tên"] for r in data] == ["Nông Thị Bình"]


@pytest.mark.parametrize(
    ("username", "names"),
    [
        ("thon1", {"Hoàng Văn An"}),
        ("vhxh2", {"Triệu Văn Hòa"}),
        ("huyen", {"Hoàng Văn An", "Nông Thị Bình", "Triệu Văn Hòa"}),
    ],
)
def test_export_is_scoped_exactly_as_the_list(registry, client_for, username, names):
    _values, data = rows_of(client_for(username).get(reverse("children:export")))
    assert {r["Họ và tên"] for r in data} == names


@pytest.mark.parametrize("username", ["truong", "ketoan", "congan"])
def test_roles_without_export_right_get_403(registry, client_for, username):
    assert client_for(username).get(reverse("children:export")).status_code == 403
    assert not AccessLog.objects.exists()


def test_cells_that_look_like_formulas_are_escaped(registry, client_for):
    child = make_child(village=registry["villages"][0], full_name='=HYPERLINK("http://x")', address="@SUM(A1)")
    Guardian.objects.create(child=child, full_name="-2+3", relation="father", phone="+84 912 345 678", is_primary=True)
    response = client_for("vhxh").get(reverse("children:export"))
    book = openpyxl.load_workbook(BytesIO(b"".join(response.streaming_content)))
    cells = [c for row in book.active.iter_rows() for c in row if isinstance(c.value, str)]
    assert not [c.coordinate for c in cells if c.data_type == "f"]
    values = {c.value for c in cells}
    assert '\'=Hyperlink("http://x")' in values or any(v.startswith("'=") for v in values)
    assert "'@SUM(A1)" in values and "'-2+3" in values and "'+84 912 345 678" in values


def test_escape_formula_leaves_ordinary_values_alone():
    assert escape_formula("Hoàng Văn An") == "Hoàng Văn An"
    assert escape_formula(12) == 12
    assert escape_formula("=1+1") == "'=1+1"
    assert escape_formula("\t=1") == "'\t=1"


def test_export_query_count_does_not_grow_with_rows(world, client_for, django_assert_num_queries):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("vhxh")
    village = world["villages"][0]
    for n in range(3):
        make_child(village=village, full_name=f"Trẻ Ít {n}")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("children:export"))
    for n in range(30):
        child = make_child(village=village, full_name=f"Trẻ Nhiều {n}")
        Guardian.objects.create(child=child, full_name="Hoàng Văn Bố", relation="father", is_primary=True)
    with django_assert_num_queries(len(few)):
        response = client.get(reverse("children:export"))
    assert AccessLog.objects.order_by("-at").first().row_count == 33
    assert response.status_code == 200


def _fake_rows(n):
    village = SimpleNamespace(name="Thôn 1", parent_id=1, parent=SimpleNamespace(name="Y Tịch"))
    for i in range(n):
        yield SimpleNamespace(
            full_name=f"Hoàng Văn Thử {i}",
            date_of_birth=date(2015, 1, 1),
            sex="M",
            ethnicity=SimpleNamespace(name="Tày"),
            personal_id=f"{i:012d}",
            village=village,
            address="Xóm Nà Pàn",
            poverty="none",
            schooling="primary",
            school_name="Trường Tiểu học",
            carer_name="Hoàng Văn Bố",
            carer_relation="father",
            carer_phone="0912345678",
            card_valid_to=date(2022, 12, 31),
            circumstance_letters=None,
        )


def _peak(n):
    tracemalloc.start()
    try:
        with tempfile.TemporaryFile() as out:  # as the export view does
            write_xlsx(_fake_rows(n), out, columns=registry_columns(date(2022, 6, 1)), title="T", made_by="x")
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


def test_export_memory_does_not_grow_with_rows():
    # The sheet is streamed to a temporary file: 10x the rows, not 10x the memory.
    small, large = _peak(200), _peak(2_000)
    assert large < small * 1.5, (small, large)


def test_an_exported_list_imports_back_unchanged(registry, client_for, user_named):
    from children.io.imports import plan_import

    Guardian.objects.create(
        child=make_child(village=registry["villages"][2], full_name="Lộc Thị Mai", personal_id="920218001234"),
        full_name="Lộc Văn Tư",
        relation="father",
        phone="0912345678",
        is_primary=True,
    )
    response = client_for("vhxh").get(reverse("children:export"))
    plan = plan_import(user=user_named("vhxh"), data=b"".join(response.streaming_content))
    assert plan.ok, plan.issues
    assert [r.action for r in plan.rows] == ["unchanged"] * 3
