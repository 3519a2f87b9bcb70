"""The OpenAPI schema is valid OpenAPI 3, describes every endpoint in Vietnamese, and the documentation
page serves Swagger UI from the portal's own static files (no CDN)."""

import re

from openapi_spec_validator import validate


def test_the_schema_is_valid_openapi_3_and_lists_every_endpoint(exchange, client_for):
    response = client_for("huyen").get("/api/schema/?format=json")
    assert response.status_code == 200
    schema = response.json()
    validate(schema)  # raises on any violation of the OpenAPI 3 specification
    assert schema["openapi"].startswith("3.")
    assert set(schema["paths"]) == {
        "/api/v1/areas/", "/api/v1/areas/{code}/", "/api/v1/periods/", "/api/v1/periods/{id}/",
        "/api/v1/indicators/", "/api/v1/values/", "/api/v1/completeness/",
        "/api/v1/dataValueSets.json", "/api/v1/dataValueSets.csv",
    }  # fmt: skip
    assert set(schema["components"]["securitySchemes"]) == {"apiToken", "cookieAuth"}
    assert schema["components"]["securitySchemes"]["apiToken"]["scheme"] == "bearer"
    values = schema["paths"]["/api/v1/values/"]["get"]
    assert values["summary"] == "Số liệu chỉ tiêu của các báo cáo đã được duyệt"
    assert {p["name"] for p in values["parameters"]} >= {
        "area",
        "period",
        "year",
        "dhis2_period",
        "indicator",
        "level",
        "page",
    }
    assert "Chỉ có số liệu" in schema["info"]["description"]


def test_the_schema_needs_a_signed_in_user_or_a_token(exchange, anon, token_client):
    assert anon.get("/api/schema/").status_code == 401
    api, _ = token_client("thon1")
    assert api.get("/api/schema/").status_code == 200


def test_the_documentation_page_uses_only_local_assets(exchange, client_for, anon):
    assert anon.get("/api/docs/").status_code == 302  # the sign-in page first
    page = client_for("vhxh").get("/api/docs/")
    assert page.status_code == 200
    html = page.content.decode()
    sources = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("swagger-ui" in s for s in sources)
    assert all(s.startswith("/") for s in sources), sources
    assert "http://" not in html.replace("http://testserver", "") and "https://" not in html


def test_the_browsable_api_page_opens_for_a_signed_in_user(exchange, client_for):
    page = client_for("vhxh").get("/api/v1/values/", HTTP_ACCEPT="text/html")
    assert page.status_code == 200 and b"<html" in page.content
    assert not re.findall(rb'(?:src|href)="https?://', page.content)
