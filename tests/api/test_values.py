"""Indicator values: approved reports only, their status and dates, filters, the small-number rule,
and a query count that does not depend on the page size."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from .conftest import TOTAL_0101, results


def cells(client, query=""):
    rows = results(client.get(f"/api/v1/values/?page_size=1000{query}"))
    return {(r["area"], r["indicator"], r["key"]): r for r in rows}


def test_values_come_only_from_approved_reports_with_status_and_dates(exchange, client_for):
    got = cells(client_for("huyen"), "&indicator=0101")
    village, commune, other = got[("YT01", "0101", "")], got[("YT", "0101", "")], got[("HB", "0101", "")]
    assert (village["value"], village["status"], village["approved_at"]) == (41, "accepted", None)
    assert village["accepted_at"].startswith("2022-05-08T02:00:00")  # 09:00 in Hà Nội
    assert (commune["value"], commune["status"], commune["accepted_at"]) == (140, "submitted", None)
    assert commune["approved_at"].startswith("2022-05-09T02:00:00")
    assert (other["value"], other["status"]) == (150, "accepted")
    assert not {a for a, _i, _k in got} & {"YT02", "YT03"}  # submitted-only village report, draft
    assert village["period_title"] and village["dhis2_period"] == "2022S1" and village["source"] == "registry"


def test_a_returned_report_leaves_the_api(exchange, client_for):
    report = exchange["reports"]["YT"]
    report.status, report.approved_at = "returned", None
    report.save()
    assert ("YT", "0101", "") not in cells(client_for("huyen"))


def test_filters_by_indicator_level_period_and_year(exchange, client_for):
    client = client_for("huyen")
    assert {i for _a, i, _k in cells(client, "&indicator=0101&indicator=0301")} == {"0101", "0301"}
    assert {a for a, _i, _k in cells(client, "&level=commune")} == {"YT", "HB"}
    assert {a for a, _i, _k in cells(client, "&level=village")} == {"YT01"}
    assert {a for a, _i, _k in cells(client, f"&period={exchange['c6'].pk}")} == {"YT", "HB"}
    assert cells(client, "&dhis2_period=2022S1") == cells(client)
    assert cells(client, "&dhis2_period=2022S2") == {} and cells(client, "&year=2021") == {}
    assert {a for a, _i, _k in cells(client, "&report_type=village-6m")} == {"YT01"}


def test_bad_filters_answer_400_naming_the_field_in_vietnamese(exchange, client_for):
    client = client_for("huyen")
    for query, field in [("year=hai", "year"), ("indicator=9999", "indicator"), ("dhis2_period=2022H1", "dhis2_period"),
                         ("level=tinh", "level"), ("period=x", "period")]:  # fmt: skip
        response = client.get(f"/api/v1/values/?{query}")
        assert response.status_code == 400, query
        assert list(response.json()) == [field]
    assert "số nguyên" in client.get("/api/v1/values/?year=hai").json()["year"][0]


def test_figures_are_shown_as_on_the_report_pages(exchange, client_for):
    # The district office does not read case files: the cells of confidential groups and kinds of
    # case are left out altogether; case counts below 3 are withheld ("< 3"), other figures shown.
    district = cells(client_for("huyen"))
    hidden = {("YT", "0103", "i"), ("YT", "0103", "l"), ("YT", "0301", "violence"), ("HB", "0103", "i")}
    assert not hidden & set(district)
    assert district[("YT", "II.0101", "")]["withheld"] is True  # abuse cases, 2
    assert district[("YT", "II.0101", "")]["value"] is None
    assert district[("YT", "0301", "")]["value"] == 3  # 3 is not small
    assert (district[("YT", "0301", "accident")]["value"], district[("YT", "0103", "d")]["value"]) == (2, 2)
    # In a village every count of 1 or 2 is withheld.
    assert district[("YT01", "0103", "d")]["withheld"] is True
    assert district[("YT01", "0101", "")]["value"] == TOTAL_0101["YT01"]
    # The commune officer reads case files in Y Tịch: every cell, true numbers.
    officer = cells(client_for("vhxh"))
    assert officer[("YT", "0103", "i")]["value"] == 1 and officer[("YT01", "0103", "d")]["value"] == 2
    assert officer[("YT", "II.0101", "")]["value"] == 2 and officer[("YT", "0103", "l")]["value"] == 0
    # The village head does not.
    head = cells(client_for("thon1"))
    assert ("YT01", "0103", "i") not in head and head[("YT01", "0103", "d")]["withheld"]


def test_typed_figures_and_money_are_shown_as_they_are(exchange, client_for):
    value = exchange["reports"]["YT01"].values.get(indicator__code="0103", key="d")
    value.source = "typed"
    value.save()
    assert cells(client_for("huyen"))[("YT01", "0103", "d")]["value"] == 2


def test_the_query_count_does_not_depend_on_the_page_size(exchange, client_for):
    client = client_for("huyen")
    counts = []
    for size in (3, 20):
        with CaptureQueriesContext(connection) as queries:
            assert len(results(client.get(f"/api/v1/values/?page_size={size}"))) == size
        counts.append(len(queries))
    assert counts[0] == counts[1]
    assert counts[0] <= 12


def test_pages_link_to_the_next_page(exchange, client_for):
    first = client_for("huyen").get("/api/v1/values/?page_size=10").json()
    assert first["count"] == 3 * (11 - 3)  # 3 reports; 3 confidential cells each left out for the district
    assert first["next"].endswith("page=2&page_size=10")
