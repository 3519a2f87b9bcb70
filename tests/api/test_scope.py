"""Each endpoint is scoped exactly like the pages: per demo persona, what they get and what answers 404/403."""

import pytest

from .conftest import results

ENDPOINTS = ["areas", "periods", "indicators", "values", "completeness"]
DATA = ["/api/v1/periods/", "/api/v1/indicators/", "/api/v1/values/", "/api/v1/completeness/",
        "/api/v1/dataValueSets.json?period=2022S1", "/api/v1/dataValueSets.csv?period=2022S1"]  # fmt: skip


def areas_of_values(client, query=""):
    return {row["area"] for row in results(client.get(f"/api/v1/values/?page_size=1000{query}"))}


@pytest.mark.parametrize(
    "path", [f"/api/v1/{name}/" for name in ENDPOINTS] + DATA[-2:] + ["/api/v1/areas/YT/", "/api/v1/periods/1/"]
)
def test_anonymous_callers_get_401_and_no_data(exchange, anon, path):
    response = anon.get(path)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == 'Bearer realm="api"'
    assert b"results" not in response.content


# persona → areas whose approved values they get (YT02 is only submitted, YT03 a draft: never)
VALUE_AREAS = {
    "thon1": {"YT01"},
    "thon2": set(),
    "vhxh": {"YT01", "YT"},
    "chutich": {"YT01", "YT"},
    "huyen": {"YT01", "YT", "HB"},
    "tinh": {"YT01", "YT", "HB"},
    "vhxh2": {"HB"},
}


@pytest.mark.parametrize(("username", "expected"), VALUE_AREAS.items())
def test_each_persona_gets_the_values_of_its_own_areas(exchange, client_for, username, expected):
    assert areas_of_values(client_for(username)) == expected


@pytest.mark.parametrize(("username", "area"), [("thon1", "YT"), ("thon1", "YT02"), ("vhxh", "HB"),
                                                ("chutich", "HB01"), ("vhxh2", "YT"), ("vhxh2", "187")])  # fmt: skip
def test_an_area_outside_scope_answers_404_on_every_filter_and_detail(exchange, client_for, username, area):
    client = client_for(username)
    for path in [f"/api/v1/values/?area={area}", f"/api/v1/periods/?area={area}", f"/api/v1/completeness/?area={area}",
                 f"/api/v1/dataValueSets.json?period=2022S1&area={area}", f"/api/v1/areas/{area}/"]:  # fmt: skip
        assert client.get(path).status_code == 404, path


def test_a_filter_on_an_area_inside_scope_narrows_to_its_subtree(exchange, client_for):
    assert areas_of_values(client_for("huyen"), "&area=YT") == {"YT01", "YT"}
    assert areas_of_values(client_for("tinh"), "&area=HB") == {"HB"}
    assert areas_of_values(client_for("vhxh"), "&area=YT01") == {"YT01"}


@pytest.mark.parametrize("username", ["ketoan", "yte"])
@pytest.mark.parametrize("path", DATA)
def test_staff_without_a_reporting_role_get_403(exchange, client_for, username, path):
    assert client_for(username).get(path).status_code == 403


@pytest.mark.parametrize(("username", "expected"), [
    ("thon1", {"YT01"}),
    ("ketoan", {"YT"} | {f"YT0{n}" for n in range(1, 9)}),
    ("vhxh2", {"HB", "HB01"}),
    ("huyen", {"187", "YT", "HB", "HB01"} | {f"YT0{n}" for n in range(1, 9)}),
    ("tinh", {"20", "187", "YT", "HB", "HB01"} | {f"YT0{n}" for n in range(1, 9)}),
])  # fmt: skip
def test_areas_are_those_the_user_may_read_with_their_validity_dates(exchange, client_for, username, expected):
    rows = results(client_for(username).get("/api/v1/areas/?page_size=100"))
    assert {r["code"] for r in rows} == expected
    if username == "huyen":
        district = next(r for r in rows if r["code"] == "187")
        assert district["valid_to"] == "2025-06-30" and district["valid_from"] is None


def test_periods_and_completeness_follow_the_period_pages(exchange, client_for):
    vhxh_periods = {(p["report_type"], p["area"]) for p in results(client_for("vhxh").get("/api/v1/periods/"))}
    assert ("village-6m", "YT") in vhxh_periods and ("commune-6m", "187") in vhxh_periods
    assert not {p for p in vhxh_periods if p[1] == "HB"}
    v6 = exchange["v6"]
    assert client_for("vhxh2").get(f"/api/v1/periods/{v6.pk}/").status_code == 404
    assert client_for("thon1").get(f"/api/v1/periods/{v6.pk}/").json()["dhis2_period"] == "2022S1"

    def completeness(username):
        rows = results(
            client_for(username).get(
                "/api/v1/completeness/?report_type=village-6m&area=YT01"
                if username == "thon1"
                else "/api/v1/completeness/?report_type=village-6m"
            )
        )
        return {r["area"]: r for r in rows}["YT"]

    officer = completeness("vhxh")  # 8 villages expected; Thôn 1 and 2 sent on time, Thôn 1 accepted
    assert (officer["expected"], officer["received"], officer["on_time"], officer["accepted"]) == (8, 2, 2, 1)
    assert (officer["completeness"], officer["timeliness"]) == (25, 25)
    head = completeness("thon1")  # a village head counts only their own village
    assert (head["expected"], head["received"], head["accepted"]) == (1, 1, 1)


def test_indicators_are_listed_with_breakdowns_and_their_mapping(exchange, client_for):
    rows = {r["code"]: r for r in results(client_for("thon1").get("/api/v1/indicators/?page_size=100"))}
    assert rows["II.0101"]["official_code"] is True and rows["0101"]["official_code"] is False
    keys = {k["key"]: k for k in rows["0103"]["breakdown_keys"]}
    assert keys["i"]["confidential"] and keys["l"]["confidential"] and not keys["d"]["confidential"]
    assert {m["key"]: m["category_option_combo"] for m in rows["0101"]["dhis2"]} == {
        "": "", "M": "CocMale0001", "F": "CocFemale01"
    }  # fmt: skip
    assert rows["0104"]["at_most"] == "0103" and rows["0801"]["unit"] == "vnd"
