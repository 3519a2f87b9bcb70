"""The import pipeline (children/imports.py): parse, check, preview, apply all-or-nothing."""

import unicodedata
from datetime import date, datetime

import pytest

from children.io.imports import ImportRefused, build_template, children_import, plan_import
from children.models import Child, Guardian, HealthInsurance
from tests.factories import make_child

from .conftest import ON, child_row, xlsx


def issues_by_row(plan):
    out = {}
    for issue in plan.issues:
        out.setdefault(issue.row, []).append((issue.column, issue.message))
    return out


def test_good_file_imports_every_row_with_guardian_card_and_history(world, user_named):
    vhxh = user_named("vhxh")
    data = xlsx(
        [
            child_row(
                full_name="  hoàng   văn an ",
                personal_id="020218001234",
                guardian_name="Hoàng Văn Bình",
                guardian_relation="Bố",
                guardian_phone="0912345678",
                card_number="TE1202012345678",
                card_valid_from="01/01/2022",
                card_valid_to=datetime(2024, 3, 13),
            ),
            child_row(
                full_name="Nông Thị Mai", date_of_birth=datetime(2015, 7, 2), sex="Nữ", ethnicity="07", village="YT02"
            ),
            child_row(
                full_name="Lê Minh Đức", ethnicity="Kinh", village="thon 3", poverty="Hộ nghèo", schooling="Mầm non"
            ),
        ]
    )
    result = children_import(user=vhxh, data=data, on=ON)
    assert (result.created, result.updated) == (3, 0)
    an = Child.objects.get(personal_id="020218001234")
    assert an.full_name == "Hoàng Văn An"
    assert an.name_key == "hoang van an"
    assert an.village.name == "Thôn 1"
    assert an.created_by == vhxh
    assert an.history.get().history_user == vhxh
    guardian = Guardian.objects.get(child=an)
    assert (guardian.relation, guardian.phone, guardian.is_primary) == ("father", "0912345678", True)
    card = HealthInsurance.objects.get(child=an)
    assert (card.valid_from, card.valid_to) == (date(2022, 1, 1), date(2024, 3, 13))
    mai = Child.objects.get(full_name="Nông Thị Mai")
    assert (mai.sex, mai.ethnicity.name, mai.village.code, mai.date_of_birth) == ("F", "Nùng", "YT02", date(2015, 7, 2))
    duc = Child.objects.get(full_name="Lê Minh Đức")
    assert (duc.poverty, duc.schooling, duc.village.name) == ("poor", "preschool", "Thôn 3")


def test_mixed_file_shows_every_bad_row_and_saves_nothing(world, user_named):
    rows = [
        child_row(full_name="Đúng Một"),
        child_row(full_name="Sai Ngày", date_of_birth="31/02/2018"),
        child_row(full_name="Đúng Hai"),
        child_row(full_name="Sai Thôn", village="Thôn 99"),
        child_row(full_name="Sai Định Danh", personal_id="12345"),
        child_row(full_name="", sex="X"),
    ]
    plan = plan_import(user=user_named("vhxh"), data=xlsx(rows), on=ON)
    by_row = issues_by_row(plan)
    assert set(by_row) == {3, 5, 6, 7}  # header is row 1, so data rows are 2..7
    assert by_row[3][0][0] == "Ngày sinh"
    assert by_row[5][0][0] == "Thôn"
    assert by_row[6][0][0] == "Số định danh cá nhân"
    assert {c for c, _m in by_row[7]} == {"Họ và tên", "Giới tính"}
    assert [r.row for r in plan.rows] == [2, 4]  # the good rows are still previewed
    with pytest.raises(ImportRefused):
        children_import(user=user_named("vhxh"), data=xlsx(rows), on=ON)
    assert Child.objects.count() == 0
    assert Guardian.objects.count() == 0


def test_fixed_file_then_imports_completely(world, user_named):
    rows = [child_row(full_name=f"Trẻ Số {n}", date_of_birth=f"0{n}/01/2016") for n in range(1, 8)]
    result = children_import(user=user_named("vhxh"), data=xlsx(rows), on=ON)
    assert result.created == 7
    assert Child.objects.count() == 7


def test_messages_name_the_column_and_say_how_to_fix(world, user_named):
    plan = plan_import(user=user_named("vhxh"), data=xlsx([child_row(date_of_birth="hôm qua")]), on=ON)
    assert plan.issues[0].column == "Ngày sinh"
    assert plan.issues[0].message == (
        "Ngày sinh: “hôm qua” không phải là ngày; nhập theo ngày/tháng/năm, ví dụ 15/03/2024."
    )
    assert plan.issues[0].child == "Hoàng Văn An"  # the row's child is named, not only its number


@pytest.mark.parametrize(
    ("overrides", "column"),
    [
        ({"date_of_birth": "01/07/2022"}, "Ngày sinh"),  # future (ON is 01/06/2022)
        ({"date_of_birth": "01/06/2006"}, "Ngày sinh"),  # exactly 16 on the day of registration
        ({"date_of_birth": "1/1/1890"}, "Ngày sinh"),  # implausible
        ({"date_of_birth": 43000}, "Ngày sinh"),  # a bare number is not a date
        ({"personal_id": "02021800123X"}, "Số định danh cá nhân"),
        ({"personal_id": 20218001234}, "Số định danh cá nhân"),  # a number cell lost the leading zero
        ({"ethnicity": "Klingon"}, "Dân tộc"),
        ({"village": "Thôn Bản Trang"}, "Thôn"),  # another commune's village
        ({"card_number": "XYZ", "card_valid_from": "01/01/2022", "card_valid_to": "31/12/2022"}, "Số thẻ BHYT"),
        ({"card_number": "TE1202012345678", "card_valid_from": "01/01/2022"}, "Thẻ BHYT đến ngày"),
        (
            {"card_number": "TE1202012345678", "card_valid_from": "01/01/2017", "card_valid_to": "01/01/2019"},
            "Thẻ BHYT từ ngày",
        ),
        ({"guardian_name": "Hoàng Văn Bình"}, "Quan hệ với trẻ"),
        ({"guardian_name": "Hoàng Văn Bình", "guardian_relation": "Bố", "guardian_phone": "12"}, "Số điện thoại"),
        ({"full_name": '=HYPERLINK("http://x","y")'}, "Họ và tên"),
        ({"poverty": "giàu"}, "Hộ nghèo/cận nghèo"),
    ],
)
def test_each_bad_value_is_refused_naming_its_column(world, user_named, overrides, column):
    plan = plan_import(user=user_named("vhxh"), data=xlsx([child_row(**overrides)]), on=ON)
    assert [(i.row, i.column) for i in plan.issues] == [(2, column)], plan.issues
    assert not plan.new_children


def test_a_real_formula_cell_is_refused(world, user_named):
    from io import BytesIO

    import openpyxl

    data = xlsx([child_row()])
    book = openpyxl.load_workbook(BytesIO(data))
    book.active["B2"] = '=CONCATENATE("Hoàng ","An")'
    out = BytesIO()
    book.save(out)
    plan = plan_import(user=user_named("vhxh"), data=out.getvalue(), on=ON)
    assert [(i.row, i.column) for i in plan.issues] == [(2, "Họ và tên")]
    assert "công thức" in plan.issues[0].message or "formula" in plan.issues[0].message


@pytest.mark.parametrize(
    ("data", "fragment"),
    [
        (b"Ho ten;Ngay sinh\nAn;14/03/2018\n", "xlsx"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 100, "xls"),
        (b"PK\x03\x04 not really a zip", "xlsx"),
        (b"PK\x03\x04" + b"\0" * (5 * 1024 * 1024), "MB"),
    ],
)
def test_a_file_that_is_not_a_small_xlsx_is_refused(world, user_named, data, fragment):
    plan = plan_import(user=user_named("vhxh"), data=data, on=ON)
    assert len(plan.issues) == 1 and plan.issues[0].row is None
    assert fragment in plan.issues[0].message


def test_a_file_without_the_expected_headers_is_refused(world, user_named):
    plan = plan_import(user=user_named("vhxh"), data=xlsx([["An", "14/03/2018"]], headers=["Tên", "Sinh"]), on=ON)
    assert len(plan.issues) == 1 and plan.issues[0].row is None
    assert "Họ và tên" in plan.issues[0].message


def test_a_missing_required_column_is_named(world, user_named):
    headers = ["Họ và tên", "Ngày sinh", "Giới tính", "Thôn"]
    plan = plan_import(
        user=user_named("vhxh"), data=xlsx([["An", "14/03/2018", "Nam", "Thôn 1"]], headers=headers), on=ON
    )
    assert [(i.row, i.column) for i in plan.issues] == [(1, "Dân tộc")]


def test_headers_are_matched_without_accents_and_below_a_title_extra_columns_ignored(world, user_named):
    headers = ["stt", "HO VA TEN *", "ngay sinh (dd/mm/yyyy)", "Gioi tinh", "Dan toc", "Thon", "Cột riêng"]
    data = xlsx([[1, "Lý Thị Hoa", "02-05-2019", "nu", "tay", "Thôn 4", "x"]], headers=headers, title="DANH SÁCH")
    plan = plan_import(user=user_named("vhxh"), data=data, on=ON)
    assert plan.ok, plan.issues
    assert plan.ignored_columns == ["Cột riêng"]
    assert plan.rows[0].row == 3 and plan.rows[0].action == "create"


def test_text_is_trimmed_and_unicode_normalised(world, user_named):
    decomposed = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    children_import(user=user_named("vhxh"), data=xlsx([child_row(full_name=f"\u200b {decomposed}\xa0")]), on=ON)
    child = Child.objects.get()
    assert child.full_name == "Nguyễn Thị Ánh"
    assert unicodedata.is_normalized("NFC", child.full_name)


def test_village_head_cannot_import_rows_of_another_village(world, user_named):
    rows = [child_row(village="Thôn 1"), child_row(full_name="Khác Thôn", village="Thôn 2")]
    plan = plan_import(user=user_named("thon1"), data=xlsx(rows), on=ON)
    assert [(i.row, i.column) for i in plan.issues] == [(3, "Thôn")]
    assert "phạm vi" in plan.issues[0].message or "outside" in plan.issues[0].message
    with pytest.raises(ImportRefused):
        children_import(user=user_named("thon1"), data=xlsx(rows), on=ON)
    assert Child.objects.count() == 0


def test_village_head_may_leave_the_village_empty(world, user_named):
    children_import(user=user_named("thon1"), data=xlsx([child_row(village=None)]), on=ON)
    assert Child.objects.get().village.name == "Thôn 1"


def test_users_without_edit_rights_can_import_nothing(world, user_named):
    plan = plan_import(user=user_named("huyen"), data=xlsx([child_row()]), on=ON)
    assert [i.column for i in plan.issues] == ["Thôn"]


def test_duplicates_inside_the_file_are_refused(world, user_named):
    rows = [
        child_row(personal_id="020218001234"),
        child_row(full_name="Khác Tên", personal_id="020218001234"),
        child_row(full_name="HOÀNG VĂN AN", personal_id=None),
    ]
    plan = plan_import(user=user_named("vhxh"), data=xlsx(rows), on=ON)
    by_row = issues_by_row(plan)
    assert set(by_row) == {3, 4}
    assert "2" in by_row[3][0][1]


def test_existing_child_is_updated_not_duplicated_and_blank_cells_keep_values(world, user_named):
    village = world["villages"][0]
    child = make_child(village=village, full_name="Hoàng Văn An", date_of_birth=date(2018, 3, 14), sex="M",
                       address="Nà Pàn", school_name="Mầm non Y Tịch")  # fmt: skip
    plan = plan_import(
        user=user_named("vhxh"),
        data=xlsx([child_row(full_name="hoang van an", address=None, poverty="Hộ nghèo")]),
        on=ON,
    )
    # the accent-free spelling matches by the name key; the name itself is updated to the file's form
    assert [(r.action, r.row) for r in plan.rows] == [("update", 2)]
    children_import(user=user_named("vhxh"), data=xlsx([child_row(address=None, poverty="Hộ nghèo")]), on=ON)
    child.refresh_from_db()
    assert (child.poverty, child.address, child.school_name) == ("poor", "Nà Pàn", "Mầm non Y Tịch")
    assert Child.objects.count() == 1
    assert child.history.first().history_user == user_named("vhxh")
    again = plan_import(user=user_named("vhxh"), data=xlsx([child_row(address=None, poverty="Hộ nghèo")]), on=ON)
    assert [r.action for r in again.rows] == ["unchanged"]


def test_update_by_personal_id_outside_scope_is_refused(world, user_named):
    make_child(village=world["villages"][1], personal_id="020218001234")
    plan = plan_import(user=user_named("thon1"), data=xlsx([child_row(personal_id="020218001234")]), on=ON)
    assert [(i.row, i.column) for i in plan.issues] == [(2, "Số định danh cá nhân")]


def test_template_has_vietnamese_headers_and_an_example_row_that_is_ignored(world, user_named):
    from io import BytesIO

    import openpyxl

    data = build_template(user=user_named("thon1"))
    book = openpyxl.load_workbook(BytesIO(data))
    sheet = book.worksheets[0]
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["STT", "Họ và tên *", "Ngày sinh *"]
    assert sheet["A2"].value == "Ví dụ"
    assert sheet["G2"].value == "Thôn 1"
    plan = plan_import(user=user_named("thon1"), data=data, on=ON)
    assert [i.message for i in plan.issues] and plan.issues[0].row is None  # nothing but the example: no rows
