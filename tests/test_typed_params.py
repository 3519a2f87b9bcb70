"""Years and ids typed or carried in the address (core.fields YearField/IdField, core.forms
query_value/year_param/id_param/id_list): valid values read, anything else refused or defaulted."""

import pytest
from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils import timezone

from core.fields import MAX_ID, IdField, YearField, parse_id, parse_year
from core.forms import id_list, id_param, query_value, year_param

THIS_YEAR = timezone.localdate().year


@pytest.mark.parametrize("text", ["2024", " 2024 ", "２０２４", 2024])
def test_a_year_is_four_digits(text):
    assert parse_year(text) == 2024


@pytest.mark.parametrize(
    "text", ["0", "-1", "10000", "1999", str(THIS_YEAR + 6), "²", "abc", "20 24", "9" * 30, "2024.5"]
)
def test_other_years_are_refused_with_the_field_named(text):
    with pytest.raises(ValidationError) as error:
        YearField(label="Năm").clean(text)
    assert error.value.messages[0].startswith("Năm")


def test_the_last_year_is_five_years_ahead():
    assert parse_year(str(THIS_YEAR + 5)) == THIS_YEAR + 5


@pytest.mark.parametrize("text", ["0", "-1", "abc", "²", "1e3", "٣", str(MAX_ID + 1), "9" * 30, "1 2"])
def test_ids_are_ascii_whole_numbers_from_one(text):
    with pytest.raises(ValidationError):
        IdField().clean(text)
    assert parse_id("42") == 42 and parse_id(str(MAX_ID)) == MAX_ID


def test_values_in_the_address_fall_back_to_the_default():
    params = QueryDict("year=10000&on=01/01/0001&village=abc&activity=7&rep=3&rep=²&rep=-1&rep=5")
    assert year_param(params, default=2022) == 2022
    assert year_param(QueryDict("year=2023")) == 2023
    assert year_param(QueryDict("")) is None
    assert id_param(params, "village", 0) == 0
    assert id_param(params, "activity") == 7
    assert id_list(params, "rep") == [3, 5]
    assert query_value(params, "year", YearField(required=False), "default") == "default"
