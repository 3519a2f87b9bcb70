"""How people type dates and money (core/fields.py): every accepted way, every refusal with its
Vietnamese message naming the field, and the shared choices of every form (core/forms.py)."""

from datetime import date, datetime

import pytest
from django import forms
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from accounts.models import Area
from children.forms import BirthRegistrationForm
from children.models import BirthRegistration
from core.fields import DateField, MoneyField, parse_count, parse_date, parse_datetime, parse_vnd
from core.formatting import official_date
from core.forms import FilterForm, Form
from tests.factories import make_child


@pytest.fixture(autouse=True)
def _vietnamese():
    with translation.override("vi"):
        yield


def refusal(parse, value, **kwargs) -> str:
    with pytest.raises(ValidationError) as exc:
        parse(value, **kwargs)
    return exc.value.messages[0]


# --- dates ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("typed", "day"),
    [
        ("15/03/2024", date(2024, 3, 15)),  # dd/mm/yyyy
        ("5/3/2024", date(2024, 3, 5)),  # d/m/yyyy
        ("05/3/2024", date(2024, 3, 5)),
        ("15-03-2024", date(2024, 3, 15)),  # dd-mm-yyyy
        ("5-3-2024", date(2024, 3, 5)),  # d-m-yyyy
        ("15.03.2024", date(2024, 3, 15)),  # dd.mm.yyyy (what the registration form refused)
        ("5.3.2024", date(2024, 3, 5)),
        ("2024-03-15", date(2024, 3, 15)),  # ISO (also what a date picker sends)
        (" 15 / 03 / 2024 ", date(2024, 3, 15)),  # spaces around, as phones type them
        ("１５/０３/２０２４", date(2024, 3, 15)),  # full-width digits from a Vietnamese keyboard
        ("15/03/2024\u200b", date(2024, 3, 15)),  # an invisible character pasted from Excel
        ("29/02/2024", date(2024, 2, 29)),  # a leap day
        ("01/01/1900", date(1900, 1, 1)),
        ("31/12/2100", date(2100, 12, 31)),
        (date(2018, 3, 14), date(2018, 3, 14)),  # an Excel date cell
        (datetime(2018, 3, 14, 0, 0), date(2018, 3, 14)),
    ],
)
def test_every_accepted_way_of_typing_a_date_gives_the_same_day(typed, day):
    assert parse_date(typed) == day


@pytest.mark.parametrize("typed", [None, "", "   "])
def test_an_empty_date_is_none(typed):
    assert parse_date(typed) is None


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("15/03/24", "Ngày sinh: viết năm đủ bốn chữ số, ví dụ 15/03/2024."),
        ("15.03.24", "Ngày sinh: viết năm đủ bốn chữ số, ví dụ 15/03/2024."),
        ("31/02/2022", "Ngày sinh: ngày 31/02/2022 không có trong lịch."),
        ("29/02/2023", "Ngày sinh: ngày 29/02/2023 không có trong lịch."),
        ("15/13/2024", "Ngày sinh: ngày 15/13/2024 không có trong lịch."),
        ("00/01/2024", "Ngày sinh: ngày 00/01/2024 không có trong lịch."),
        ("2024-02-30", "Ngày sinh: ngày 2024-02-30 không có trong lịch."),
        ("31/12/1899", "Ngày sinh: năm phải trong khoảng từ 1900 đến 2100."),
        ("01/01/2101", "Ngày sinh: năm phải trong khoảng từ 1900 đến 2100."),
        ("hôm qua", "Ngày sinh: “hôm qua” không phải là ngày; nhập theo ngày/tháng/năm, ví dụ 15/03/2024."),
        ("15/03-2024", "Ngày sinh: “15/03-2024” không phải là ngày; nhập theo ngày/tháng/năm, ví dụ 15/03/2024."),
        ("15032024", "Ngày sinh: “15032024” không phải là ngày; nhập theo ngày/tháng/năm, ví dụ 15/03/2024."),
        ("03/2024", "Ngày sinh: “03/2024” không phải là ngày; nhập theo ngày/tháng/năm, ví dụ 15/03/2024."),
    ],
)
def test_a_wrong_date_is_refused_with_a_message_naming_the_field(typed, message):
    assert refusal(parse_date, typed, label="Ngày sinh") == message


def test_without_a_label_the_message_still_names_a_date():
    assert refusal(parse_date, "31/02/2022").startswith("Ngày: ")


def test_a_date_outside_the_range_of_a_field_is_refused():
    assert refusal(parse_date, "01/01/1999", label="Ngày ghi sổ", min_year=2000) == (
        "Ngày ghi sổ: năm phải trong khoảng từ 2000 đến 2100."
    )


@pytest.mark.parametrize(
    ("typed", "moment"),
    [
        ("15/03/2024 14:30", (2024, 3, 15, 14, 30)),
        ("15.03.2024 14h30", (2024, 3, 15, 14, 30)),
        ("5-3-2024 8:05", (2024, 3, 5, 8, 5)),
        ("2024-03-15T14:30", (2024, 3, 15, 14, 30)),
        ("15/03/2024", (2024, 3, 15, 0, 0)),
    ],
)
def test_a_moment_is_read_with_the_same_dates_and_hours_minutes(typed, moment):
    value = timezone.localtime(parse_datetime(typed))
    assert (value.year, value.month, value.day, value.hour, value.minute) == moment
    assert str(value.tzinfo) == "Asia/Ho_Chi_Minh"


def test_a_wrong_time_is_refused():
    assert refusal(parse_datetime, "15/03/2024 25:00", label="Thời điểm tiếp nhận") == (
        "Thời điểm tiếp nhận: “25:00” không phải là giờ; nhập giờ:phút, ví dụ 14:30."
    )


@pytest.mark.parametrize(
    ("day", "text"),
    [
        (date(2026, 12, 2), "ngày 02 tháng 12 năm 2026"),
        (date(2027, 1, 5), "ngày 05 tháng 01 năm 2027"),
        (date(2027, 2, 14), "ngày 14 tháng 02 năm 2027"),
        (date(2022, 5, 10), "ngày 10 tháng 5 năm 2022"),
        (date(2022, 4, 8), "ngày 08 tháng 4 năm 2022"),
    ],
)
def test_official_dates_follow_decree_30(day, text):
    """Days below 10 and the months January and February take a leading zero (Appendix I, II.5.b)."""
    assert official_date(day) == text


# --- money ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "typed",
    [
        "500.000",
        "500000",
        "500.000 đ",
        "500.000đ",
        "500 000",
        "500\u00a0000",  # a no-break space from a spreadsheet
        "500,000",
        "500.000 VNĐ",
        "500.000 vnd",
        "500.000 đồng",
        " 500.000 ",
        "５００.０００",
        500000,
        500000.0,
    ],
)
def test_every_accepted_way_of_typing_five_hundred_thousand_dong_gives_500000(typed):
    assert parse_vnd(typed) == 500_000


@pytest.mark.parametrize(
    ("typed", "amount"),
    [("1.250.000", 1_250_000), ("1 250 000", 1_250_000), ("1000", 1000), ("1.000.000.000.000", 10**12), ("0", 0)],
)
def test_amounts_of_every_size_up_to_the_limit(typed, amount):
    assert parse_vnd(typed) == amount


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("12.5", "Số tiền (đồng): chỉ nhập số đồng chẵn, không có phần thập phân."),
        ("1250000,5", "Số tiền (đồng): chỉ nhập số đồng chẵn, không có phần thập phân."),
        ("1.250.000,50", "Số tiền (đồng): chỉ nhập số đồng chẵn, không có phần thập phân."),
        ("1.5000", "Số tiền (đồng): chỉ nhập số đồng chẵn, không có phần thập phân."),
        ("-500.000", "Số tiền (đồng): số tiền không được âm."),
        ("-500000 đ", "Số tiền (đồng): số tiền không được âm."),
        ("một triệu", "Số tiền (đồng): nhập số tiền bằng chữ số, ví dụ 1.250.000."),
        ("5 triệu", "Số tiền (đồng): nhập số tiền bằng chữ số, ví dụ 1.250.000."),
        ("1.25.000", "Số tiền (đồng): nhập số tiền bằng chữ số, ví dụ 1.250.000."),
        ("500.000 $", "Số tiền (đồng): nhập số tiền bằng chữ số, ví dụ 1.250.000."),
        ("1e6", "Số tiền (đồng): nhập số tiền bằng chữ số, ví dụ 1.250.000."),
        ("1000000000001", "Số tiền (đồng): số tiền không được vượt quá 1.000.000.000.000 đồng."),
        ("1.000.000.000.000.000", "Số tiền (đồng): số tiền không được vượt quá 1.000.000.000.000 đồng."),
        ("9" * 60, "Số tiền (đồng): nhập số tiền bằng chữ số, ví dụ 1.250.000."),
        (True, "Số tiền (đồng): nhập số tiền bằng chữ số, ví dụ 1.250.000."),
    ],
)
def test_a_wrong_amount_is_refused_with_a_message_naming_the_field(typed, message):
    assert refusal(parse_vnd, typed, label="Số tiền (đồng)") == message


def test_an_amount_that_must_be_positive_refuses_zero():
    assert refusal(parse_vnd, "0", label="Số tiền", min_value=1) == "Số tiền: số tiền phải lớn hơn 0 đồng."


@pytest.mark.parametrize(("typed", "count"), [("1.200", 1200), ("1200", 1200), ("1 200", 1200), ("0", 0)])
def test_counts_are_typed_like_amounts_without_the_dong(typed, count):
    assert parse_count(typed) == count


def test_a_count_with_a_decimal_or_a_sign_is_refused():
    assert refusal(parse_count, "1,5", label="Số người") == "Số người: chỉ nhập số nguyên, không có phần thập phân."
    assert refusal(parse_count, "-3", label="Số người") == "Số người: số không được âm."


class MoneyForm(Form):
    amount = MoneyField(label="Số tiền", min_value=1)
    day = DateField(label="Ngày chi")


def test_money_and_date_fields_clean_what_people_type_and_show_stored_values_grouped():
    form = MoneyForm({"amount": "500.000 đ", "day": "15.03.2024"})
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {"amount": 500_000, "day": date(2024, 3, 15)}
    shown = MoneyForm(initial={"amount": 1_250_000, "day": date(2024, 3, 5)})
    assert 'value="1.250.000"' in str(shown["amount"]) and 'value="05/03/2024"' in str(shown["day"])
    bad = MoneyForm({"amount": "1,5 triệu", "day": "31/02/2024"})
    assert not bad.is_valid()
    assert bad.errors["amount"] == ["Số tiền: nhập số tiền bằng chữ số, ví dụ 1.250.000."]
    assert bad.errors["day"] == ["Ngày chi: ngày 31/02/2024 không có trong lịch."]
    assert 'value="1,5 triệu"' in str(bad["amount"])  # what was typed stays, to be corrected


# --- the choices of every form ---------------------------------------------------------------------


class EntryKindForm(Form):
    relation = forms.ChoiceField(label="Quan hệ", choices=[("parent", "cha, mẹ"), ("other", "khác")])
    sex = forms.ChoiceField(label="Giới tính", choices=[("", "---------"), ("M", "nam")], required=False)
    commune = forms.ModelChoiceField(label="Xã", queryset=Area.objects.none())


class ListFilter(FilterForm):
    sex = forms.ChoiceField(label="Giới tính", choices=[("", "---------"), ("M", "nam")], required=False)
    village = forms.ModelChoiceField(label="Thôn", queryset=Area.objects.none(), required=False)
    sort = forms.ChoiceField(label="Sắp xếp", choices=[("name", "tên"), ("dob", "ngày sinh")], required=False)


def test_a_form_starts_required_choices_empty_and_preselects_a_single_choice(world):
    form = EntryKindForm()
    form.fields["commune"].queryset = Area.objects.filter(pk=world["commune"].pk)
    html = str(form["relation"]) + str(form["sex"]) + str(form["commune"])
    assert "---------" not in html
    assert '<option value="" selected>— chọn —</option>' in str(form["relation"])  # nothing sensitive chosen
    assert f'<option value="{world["commune"].pk}" selected>' in str(form["commune"])  # the only commune
    assert "— chọn —" not in str(form["commune"])
    refused = EntryKindForm({"relation": "", "commune": world["commune"].pk})
    refused.fields["commune"].queryset = Area.objects.filter(pk=world["commune"].pk)
    assert "relation" in refused.errors


def test_a_filter_says_tat_ca_for_its_empty_choices_and_preselects_nothing(world):
    form = ListFilter()
    form.fields["village"].queryset = Area.objects.filter(pk=world["villages"][0].pk)
    assert '<option value="" selected>Tất cả</option>' in str(form["sex"])
    assert '<option value="" selected>Tất cả</option>' in str(form["village"])
    assert "Tất cả" not in str(form["sort"])  # a choice without an empty value keeps its options


def test_a_date_field_django_makes_from_a_model_reads_every_way_of_typing(world):
    child = make_child(village=world["villages"][0])
    form = BirthRegistrationForm(
        {"registered_on": "20.3.2018", "place": "UBND xã Y Tịch", "book_number": "01"},
        instance=BirthRegistration(child=child),
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data["registered_on"] == date(2018, 3, 20)


class _Choices(FilterForm):
    sex = forms.ChoiceField(label="Giới tính", choices=[("", "—"), ("M", "Nam"), ("F", "Nữ")], required=False)
    villages = forms.ModelMultipleChoiceField(label="Thôn", queryset=Area.objects.all(), required=False)
    kind = forms.ChoiceField(choices=[("a", "A")], required=False)  # no label: named from the field


@pytest.mark.django_db
def test_a_value_not_in_a_list_is_refused_with_a_message_naming_the_field():
    with translation.override("vi"):
        form = _Choices({"sex": "X", "villages": ["abc"], "kind": "z" * 100})
        assert not form.is_valid()
        assert form.errors["sex"] == ["Giới tính: “X” không phải là một lựa chọn hợp lệ."]
        assert form.errors["villages"] == ["Thôn: “abc” không phải là một lựa chọn hợp lệ."]
        assert form.errors["kind"] == [f"Kind: “{'z' * 40}” không phải là một lựa chọn hợp lệ."]  # cut at 40
        missing = _Choices({"villages": ["999999999"]})
        assert missing.errors["villages"] == ["Thôn: “999999999” không phải là một lựa chọn hợp lệ."]
