"""The commune dashboard (counts only), the home panel and the admin pages of the registry."""

from datetime import date

import pytest
from django.urls import reverse

from children.models import HealthInsurance
from children.selectors import registry_dashboard
from children.services import circumstance_add, support_record
from tests.factories import make_child

ON = date(2022, 6, 1)


@pytest.fixture
def figures(world):
    v1, v2 = world["villages"][0], world["villages"][1]
    under6 = [make_child(village=v1, date_of_birth=date(2019, 1, n + 1)) for n in range(4)]
    for child in under6[:3]:
        HealthInsurance.objects.create(
            child=child, card_number="TE1201234567890", valid_from=date(2022, 1, 1), valid_to=date(2022, 12, 31)
        )
    HealthInsurance.objects.create(  # expired: does not count
        child=under6[3], card_number="TE1201234567891", valid_from=date(2021, 1, 1), valid_to=date(2021, 12, 31)
    )
    older = [make_child(village=v2, date_of_birth=date(2010, 1, 1)) for _ in range(2)]
    circumstance_add(child=older[0], letter="a", start_date=date(2020, 1, 1))
    circumstance_add(child=older[1], letter="d", start_date=date(2020, 1, 1))
    circumstance_add(child=older[1], letter="a", start_date=date(2018, 1, 1), end_date=date(2019, 1, 1))
    support_record(child=older[0], kind="gift", date=date(2022, 2, 1), source="fund", amount=300000)
    support_record(child=older[1], kind="gift", date=date(2021, 2, 1), source="fund", amount=300000)
    make_child(village=v2, date_of_birth=date(2005, 1, 1))  # 17 on ON: not counted
    make_child(village=world["village2"], date_of_birth=date(2019, 1, 1))  # other commune
    return world


def test_dashboard_figures_for_the_commune(figures, user_named):
    board = registry_dashboard(user_named("vhxh"), figures["commune"], on=ON)
    assert board.active == 6
    assert board.by_village == [("Thôn 1", 4), ("Thôn 2", 2)]
    groups = {letter: n for letter, _name, n in board.by_group}
    assert groups["a"] == 1 and groups["d"] == 1 and groups["b"] == 0
    assert (board.under6_insured, board.under6, board.under6_coverage) == (3, 4, 75.0)
    assert (board.with_circumstance_supported, board.with_circumstance, board.supported_share) == (1, 2, 50.0)


def test_dashboard_of_a_village_head_is_their_village(figures, client_for):
    response = client_for("thon1").get(reverse("children:dashboard"), {"on": "01/06/2022"})
    assert response.status_code == 200
    board = response.context["board"]
    assert board.area.name == "Thôn 1" and board.active == 4
    body = response.content.decode()
    assert "75.0%" in body or "75,0%" in body
    assert "chart.umd.min.js" in body and "js/dashboard-charts.js" in body  # drawn by a static script (CSP)


def test_dashboard_refuses_an_area_outside_the_scope(figures, client_for):
    client = client_for("thon1")
    assert client.get(reverse("children:dashboard"), {"area": figures["villages"][1].pk}).status_code == 404
    assert client.get(reverse("children:dashboard"), {"area": figures["commune"].pk}).status_code == 404


def test_accountant_sees_counts_but_no_names(figures, client_for):
    response = client_for("ketoan").get(reverse("children:dashboard"), {"on": "01/06/2022"})
    assert response.status_code == 200
    assert response.context["board"].active == 6
    body = response.content.decode()
    assert "Hoàng Thị Thử" not in body
    assert f'href="{reverse("children:list")}"' not in body


def test_district_picks_a_commune(figures, client_for):
    client = client_for("huyen")
    response = client.get(reverse("children:dashboard"), {"area": figures["commune2"].pk, "on": "01/06/2022"})
    assert response.context["board"].active == 1


def test_dashboard_query_count_does_not_depend_on_the_number_of_children(world, client_for):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = client_for("vhxh")
    with CaptureQueriesContext(connection) as few:
        client.get(reverse("children:dashboard"))
    for n in range(30):
        make_child(village=world["villages"][n % 8])
    with CaptureQueriesContext(connection) as many:
        client.get(reverse("children:dashboard"))
    assert len(many) == len(few)


EVERYTHING = {
    "children:list",
    "children:register",
    "children:lists",
    "children:import",
    "children:dashboard",
    "children:reported_list",
}


@pytest.mark.parametrize(
    ("username", "links"),
    [
        ("vhxh", EVERYTHING),
        ("thon1", EVERYTHING),
        ("chutich", {"children:list", "children:lists", "children:dashboard"}),
        ("yte", {"children:list", "children:lists", "children:dashboard"}),
        ("ketoan", {"children:dashboard"}),
        ("congan", {"children:dashboard"}),
    ],
)
def test_home_panel_links_only_to_pages_the_user_may_open(username, links, world, user_named, rf, client_for):
    from django.template.loader import render_to_string

    from children.home import panels

    request = rf.get("/")
    request.user = user_named(username)
    (panel,) = panels(request)
    html = render_to_string(panel["template"], {"panel": panel, "user": request.user})
    offered = {name for name in EVERYTHING if f'href="{reverse(name)}"' in html}
    assert offered == links
    client = client_for(username)
    for name in offered:
        assert client.get(reverse(name)).status_code == 200, name


ADMIN_MODELS = [
    "child",
    "guardian",
    "childcircumstance",
    "disability",
    "healthinsurance",
    "healthscreening",
    "birthregistration",
    "adoption",
    "support",
    "ethnicity",
    "circumstancegroup",
]


@pytest.mark.parametrize("model", ADMIN_MODELS)
def test_admin_lists_search_and_export_pages_work(model, kids, client_for):
    client = client_for("admin")
    assert client.get(f"/admin/children/{model}/", {"q": "an"}).status_code == 200
    assert client.get(f"/admin/children/{model}/export/").status_code == 200
    assert client.get(f"/admin/children/{model}/import/").status_code == 200


def test_admin_saving_a_child_keeps_the_search_key(kids, client_for):
    child = kids["an"]
    client = client_for("admin")
    page = client.get(f"/admin/children/child/{child.pk}/change/")
    assert page.status_code == 200
    child.full_name = "Nguyễn Văn Ân"
    from django.contrib import admin as django_admin

    from children.admin import ChildAdmin

    ChildAdmin(type(child), django_admin.site).save_model(page.wsgi_request, child, None, True)
    child.refresh_from_db()
    from children.text import vietnamese_sort_key

    assert child.name_key == "nguyen van an" and child.sort_key == vietnamese_sort_key("Nguyễn Văn Ân")
