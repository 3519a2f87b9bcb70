"""DHIS2 data value sets: period notation, the file shape of DHIS2's Web API documentation ("Data
values": JSON dataValues and the CSV columns), the mapping, and what is left out."""

import csv
import datetime as dt
import io

import jsonschema
import pytest
from django.core.exceptions import ValidationError

from api import dhis2
from api.models import DataElementMapping, OrgUnitMapping
from reporting.models import Indicator

from .conftest import TOTAL_0101

# The JSON data value of DHIS2's documentation (Web API → Data → Reading data values), as a schema:
# identifiers are UIDs (11 characters, a letter first), values are strings, timestamps ISO.
UID = {"type": "string", "pattern": "^[A-Za-z][A-Za-z0-9]{10}$"}
DATA_VALUE_SET_SCHEMA = {
    "type": "object",
    "required": ["dataValues"],
    "additionalProperties": False,
    "properties": {
        "dataValues": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": [
                    "dataElement",
                    "period",
                    "orgUnit",
                    "categoryOptionCombo",
                    "attributeOptionCombo",
                    "value",
                ],
                "properties": {
                    "dataElement": UID,
                    "period": {"type": "string", "pattern": r"^\d{4}(\d{2}|Q[1-4]|S[12])?$"},
                    "orgUnit": UID,
                    "categoryOptionCombo": UID,
                    "attributeOptionCombo": UID,
                    "value": {"type": "string", "pattern": r"^\d+$"},
                    "storedBy": {"type": "string"},
                    "created": {"type": "string", "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$"},
                    "lastUpdated": {"type": "string", "pattern": r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}$"},
                    "comment": {"type": "string"},
                    "followup": {"type": "boolean"},
                },
            },
        }
    },
}
CSV_HEADER = "dataelement,period,orgunit,catoptcombo,attroptcombo,value,storedby,lastupdated,comment,flwup"


@pytest.mark.parametrize(("start", "end", "iso"), [
    (dt.date(2022, 1, 1), dt.date(2022, 4, 30), "2022S1"),  # our six-month report (figures January–April)
    (dt.date(2022, 1, 1), dt.date(2022, 10, 31), "2022"),  # our annual report (figures January–October)
    (dt.date(2022, 1, 1), dt.date(2022, 6, 30), "2022S1"),
    (dt.date(2022, 7, 1), dt.date(2022, 12, 31), "2022S2"),
    (dt.date(2022, 6, 1), dt.date(2022, 6, 30), "202206"),  # Action Month
    (dt.date(2022, 5, 1), dt.date(2022, 6, 5), "2022Q2"),  # Children's Day report
    (dt.date(2022, 9, 1), dt.date(2022, 9, 30), "202209"),  # Mid-Autumn
    (dt.date(2022, 11, 1), dt.date(2023, 1, 31), None),  # crosses a year: no DHIS2 calendar period
])  # fmt: skip
def test_periods_are_written_in_dhis2_notation(start, end, iso):
    assert dhis2.period_iso(start, end) == iso
    if iso:
        first, last = dhis2.period_dates(iso)
        assert first <= start and end <= last


def test_dhis2_period_dates_follow_the_documentation():
    assert dhis2.period_dates("2022S1") == (dt.date(2022, 1, 1), dt.date(2022, 6, 30))
    assert dhis2.period_dates("2022S2") == (dt.date(2022, 7, 1), dt.date(2022, 12, 31))
    assert dhis2.period_dates("2022") == (dt.date(2022, 1, 1), dt.date(2022, 12, 31))
    assert dhis2.period_dates("2022Q1") == (dt.date(2022, 1, 1), dt.date(2022, 3, 31))
    assert dhis2.period_dates("202202") == (dt.date(2022, 2, 1), dt.date(2022, 2, 28))
    for bad in ["2022S3", "2022Q5", "202213", "22S1", "2022AprilS1", ""]:
        with pytest.raises(ValueError):
            dhis2.period_dates(bad)


def test_the_json_file_has_dhis2s_shape_and_the_mapped_identifiers(exchange, client_for):
    response = client_for("huyen").get("/api/v1/dataValueSets.json?period=2022S1")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    jsonschema.validate(data, DATA_VALUE_SET_SCHEMA)
    values = {(v["orgUnit"], v["dataElement"], v["categoryOptionCombo"]): v for v in data["dataValues"]}
    assert list(data["dataValues"][0]) == dhis2.JSON_FIELDS
    total = values[("OuYTich0001", "DeChild0101", "HllvX50cXC0")]  # unmapped combo → DHIS2's default
    assert (total["value"], total["period"], total["attributeOptionCombo"]) == (
        str(TOTAL_0101["YT"]),
        "2022S1",
        "HllvX50cXC0",
    )
    assert values[("OuYTich0001", "DeChild0101", "CocMale0001")]["value"] == "22"
    assert values[("OuHoaBinh01", "DeChild0101", "HllvX50cXC0")]["value"] == str(TOTAL_0101["HB"])
    assert values[("OuYTich0001", "DeCirc01030", "CocGroupD01")]["value"] == "2"
    assert total["storedBy"] == "bao-ve-tre-em" and total["followup"] is False and total["comment"] == "0101"
    # Commune reports only by default: DHIS2 adds villages up itself.
    assert not any(v["orgUnit"] == "OuThon00001" for v in data["dataValues"])
    # Withheld for the district office (violence 1, abuse indicator 2), and not mapped: 0301.
    assert ("OuYTich0001", "DeCirc01030", "CocGroupI01") not in values
    assert not any(v["dataElement"] == "DeAbuse0101" for v in data["dataValues"])
    # per commune: withheld II.0101 (2; the cells 0103 i, l and 0301 violence are not the district's to see);
    # not mapped: 0301 total and accident
    assert (response["X-Withheld-Values"], response["X-Unmapped-Values"]) == (str(2 * 1), str(2 * 2))


def test_the_csv_file_has_dhis2s_columns_and_the_same_values(exchange, client_for):
    client = client_for("huyen")
    response = client.get("/api/v1/dataValueSets.csv?period=2022S1&area=YT")
    assert response.status_code == 200 and response["Content-Type"].startswith("text/csv")
    assert 'filename="dataValueSets-2022S1.csv"' in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode())))
    assert ",".join(rows[0]) == CSV_HEADER
    assert all(len(r) == 10 for r in rows)
    as_json = client.get("/api/v1/dataValueSets.json?period=2022S1&area=YT").json()["dataValues"]
    assert [(r[0], r[1], r[2], r[3], r[4], r[5]) for r in rows[1:]] == [
        (v["dataElement"], v["period"], v["orgUnit"], v["categoryOptionCombo"], v["attributeOptionCombo"], v["value"])
        for v in as_json
    ]
    assert {r[2] for r in rows[1:]} == {"OuYTich0001"}
    # and it reads back as DHIS2 reads it (header skipped, columns by position)
    assert [v["value"] for v in dhis2.parse(response.content)] == [int(v["value"]) for v in as_json]


def test_a_trusted_officer_gets_the_confidential_cells_and_villages_on_request(exchange, client_for):
    client = client_for("vhxh")
    values = client.get("/api/v1/dataValueSets.json?period=2022S1").json()["dataValues"]
    assert {(v["dataElement"], v["categoryOptionCombo"], v["value"]) for v in values} >= {
        ("DeCirc01030", "CocGroupI01", "1"), ("DeAbuse0101", "HllvX50cXC0", "2")
    }  # fmt: skip
    villages = client.get("/api/v1/dataValueSets.json?period=2022S1&level=village").json()["dataValues"]
    assert {v["orgUnit"] for v in villages} == {"OuThon00001"}


def test_period_is_required_and_checked(exchange, client_for):
    client = client_for("huyen")
    assert client.get("/api/v1/dataValueSets.json").json() == {
        "period": ["Hãy cho kỳ theo cách ghi DHIS2, ví dụ period=2022S1."]
    }
    assert client.get("/api/v1/dataValueSets.json?period=2022H1").status_code == 400
    assert client.get("/api/v1/dataValueSets.json?period=2022S2").json() == {"dataValues": []}
    assert client.get("/api/v1/dataValueSets.json?period=2022").json() == {"dataValues": []}


def test_the_mapping_refuses_malformed_identifiers_and_unknown_breakdowns(exchange):
    indicator = Indicator.objects.get(code="0101")
    with pytest.raises(ValidationError) as bad_uid:
        DataElementMapping(indicator=indicator, key="", data_element="1abc").full_clean()
    assert "data_element" in bad_uid.value.message_dict
    with pytest.raises(ValidationError) as bad_key:
        DataElementMapping(indicator=indicator, key="violence", data_element="Abcdefghij1").full_clean()
    assert "key" in bad_key.value.message_dict
    with pytest.raises(ValidationError):
        OrgUnitMapping(area=exchange["commune2"], org_unit="OuYTich0001").full_clean()  # already used


def test_the_mapping_is_editable_in_the_admin(exchange, client_for):
    admin = client_for("admin")
    assert admin.get("/admin/api/dataelementmapping/").status_code == 200
    assert admin.get("/admin/api/orgunitmapping/").status_code == 200
    mapping = DataElementMapping.objects.get(indicator__code="0101", key="M")
    response = admin.post(
        f"/admin/api/dataelementmapping/{mapping.pk}/change/",
        {
            "indicator": mapping.indicator_id,
            "key": "M",
            "data_element": "NewElemen01",
            "category_option_combo": "CocMale0001",
        },
    )
    assert response.status_code == 302
    mapping.refresh_from_db()
    assert mapping.data_element == "NewElemen01" and mapping.history.count() == 2
