"""The small things a first-time user trips over: the favicon, the address `make run PORT=…` prints,
and empty choices that read the same in every filter ("Tất cả") and every form ("— chọn —")."""

from datetime import date

import pytest
from django.contrib.staticfiles import finders
from django.core.management import call_command
from django.urls import reverse

from funds import services


def test_favicon_ico_answers_without_login_and_every_page_names_its_icons(anon, client_for):
    response = anon.get("/favicon.ico")
    assert response.status_code == 200
    assert response["Content-Type"] == "image/vnd.microsoft.icon"
    body = b"".join(response.streaming_content)
    assert body[:4] == b"\x00\x00\x01\x00"  # an ICO file
    assert "max-age" in response["Cache-Control"]
    page = client_for("vhxh").get(reverse("home")).content.decode()
    assert 'rel="icon" href="/static/favicon.ico"' in page and "favicon.svg" in page
    assert finders.find("img/favicon.svg") and finders.find("img/apple-touch-icon.png")  # shipped, served locally


def test_the_demo_logins_are_printed_with_the_port_make_run_serves_on(world, capsys, monkeypatch):
    monkeypatch.setenv("PORT", "8101")  # `make run PORT=8101` puts PORT in the recipe's environment
    monkeypatch.delenv("HOST", raising=False)
    call_command("seed_demo", if_empty=True, verbosity=0)
    out = capsys.readouterr().out
    assert "http://127.0.0.1:8101/" in out and ":8000" not in out
    monkeypatch.delenv("PORT")
    call_command("seed_demo", if_empty=True, address="0.0.0.0:9000", verbosity=0)
    assert "http://0.0.0.0:9000/" in capsys.readouterr().out
    call_command("seed_demo", if_empty=True, verbosity=0)
    assert "http://127.0.0.1:8000/" in capsys.readouterr().out


@pytest.mark.parametrize(
    ("username", "url"),
    [
        ("vhxh", "children:list"),
        ("huyen", "children:list"),
        ("vhxh", "children:cases:list"),
        ("vhxh", "funds:index"),
    ],
)
def test_filters_say_tat_ca_and_never_dashes(world, client_for, username, url):
    body = client_for(username).get(reverse(url)).content.decode()
    assert "---------" not in body


def test_the_registry_filter_says_tat_ca_for_each_empty_choice(world, client_for):
    body = client_for("huyen").get(reverse("children:list")).content.decode()
    form = body.split('id="child-filter"')[1].split("</form>")[0]
    for name in ("commune", "village", "group", "age", "sex", "ethnicity", "disability", "insurance", "supported"):
        select = form.split(f'name="{name}"')[1].split("</select>")[0]
        assert '<option value="" selected>Tất cả</option>' in select, name


def test_the_funds_entry_list_filter_says_tat_ca(world, client_for):
    fund = services.fund_create(commune=world["commune"], started_on=date(2022, 1, 1))
    body = client_for("ketoan").get(reverse("funds:fund_detail", args=[fund.pk])).content.decode()
    status = body.split('name="status"')[1].split("</select>")[0]
    assert '<option value="">Tất cả</option>' in status
