"""A year in a fund page's address that cannot be read never fails the page (issue 12)."""

import pytest


def test_a_fund_page_explains_a_year_it_cannot_read(world, client_for, fund):
    response = client_for("vhxh").get(f"/funds/{fund.pk}/", {"year": "10000"})
    assert response.status_code == 200
    assert "Năm: “10000” không phải là năm" in response.content.decode()
    response = client_for("vhxh").get(f"/funds/{fund.pk}/", {"year": "1999"})
    assert "Năm: năm phải trong khoảng từ 2000 đến" in response.content.decode()
    assert response.context["filters"]["year"] is None  # the entries of every year are listed


@pytest.mark.parametrize("year", ["0", "-1", "10000", "²"])
def test_report_and_holiday_pages_take_any_year(world, client_for, fund, year):
    client = client_for("vhxh")
    assert client.get(f"/funds/{fund.pk}/public-report/", {"year": year}).status_code == 200
    assert client.get("/children/cases/holidays/", {"year": year}).status_code == 200
    assert client.get("/reporting/", {"year": year}).status_code == 200
