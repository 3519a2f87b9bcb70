"""Confidentiality: case files exist only for the culture-social officer, the chairman and the
police of the commune. Everyone else gets 404 on every case route (GET and POST), every opening is
logged and shown on the case, and the figures show counts only."""

import re
from datetime import date

import pytest
from django.urls import reverse

from accounts.models import AccessLog
from children.cases import urls as case_urls
from children.cases.models import Holiday
from tests.factories import make_child

from .conftest import at

pytestmark = pytest.mark.django_db

OUTSIDERS = ["thon1", "huyen", "ketoan", "yte", "truong"]
VIEWERS = ["vhxh", "chutich", "congan"]
# Counts only: open to every cases.aggregate holder in their own areas (tested below).
NOT_CASE_ROUTES = {"dashboard"}
CASE_ROUTES = [p.name for p in case_urls.urlpatterns if p.name not in NOT_CASE_ROUTES]


@pytest.fixture
def objects(world, open_case, advance):
    case = advance(
        open_case(children=[make_child(village=world["villages"][0], full_name="Lò Thị Bí Mật")]), to="approve"
    )
    service = case.plans.get().services.get()
    holiday = Holiday.objects.create(date=date(2022, 10, 10), name="Ngày hội thôn (thử)", commune=world["commune"])
    return {"case": case, "service": service, "holiday": holiday}


def url_for(name, objects):
    pattern = next(p for p in case_urls.urlpatterns if p.name == name)
    kwargs = {}
    if "<int:pk>" in str(pattern.pattern):
        kwargs["pk"] = objects["holiday"].pk if name.startswith("holiday") else objects["case"].pk
    if "service_pk" in str(pattern.pattern):
        kwargs["service_pk"] = objects["service"].pk
    return reverse(f"children:cases:{name}", kwargs=kwargs)


def test_every_route_of_the_app_is_checked():
    assert {p.name for p in case_urls.urlpatterns} == set(CASE_ROUTES) | NOT_CASE_ROUTES
    assert len(CASE_ROUTES) >= 17


@pytest.mark.parametrize("name", CASE_ROUTES)
@pytest.mark.parametrize("username", OUTSIDERS)
def test_outsiders_get_404_on_every_case_route(username, name, objects, client_for):
    client = client_for(username)
    url = url_for(name, objects)
    assert client.get(url).status_code == 404
    assert client.post(url, {"decision": "approve", "confirmed": "1"}).status_code == 404
    assert not AccessLog.objects.exists()


@pytest.mark.parametrize("name", [n for n in CASE_ROUTES if n not in {"list", "overdue", "new", "holidays"}])
def test_the_officer_of_another_commune_gets_404_on_every_case_route(name, objects, client_for):
    client = client_for("vhxh2")
    url = url_for(name, objects)
    assert client.get(url).status_code == 404
    assert client.post(url, {}).status_code == 404


@pytest.mark.parametrize("username", VIEWERS + ["admin"])
def test_the_three_roles_open_the_case_file_and_each_opening_is_logged(username, objects, client_for, user_named):
    client = client_for(username)
    url = reverse("children:cases:detail", args=[objects["case"].pk])
    response = client.get(url)
    assert response.status_code == 200
    body = response.content.decode()
    assert "Lò Thị Bí Mật" in body and objects["case"].number in body
    client.get(url)
    logged = AccessLog.objects.filter(
        subject_type="cases.case", subject_id=objects["case"].pk, user=user_named(username), action="view"
    )
    assert logged.count() == 2
    assert {row.ip_address for row in logged} == {"127.0.0.1"}
    assert all(row.confidential and row.area == objects["case"].commune for row in logged)
    assert "Ai đã mở hồ sơ này" in body and user_named(username).display_name in body


def test_the_log_shows_everyone_who_opened_the_file(objects, client_for):
    client_for("congan").get(reverse("children:cases:detail", args=[objects["case"].pk]))
    body = client_for("chutich").get(reverse("children:cases:detail", args=[objects["case"].pk])).content.decode()
    log = body.split("Ai đã mở hồ sơ này", 1)[1]
    assert "Nông Văn Cường" in log and "Mai Việt Lào" in log


def test_printing_the_case_file_is_logged_once_as_a_printing(objects, client_for, user_named):
    response = client_for("chutich").get(reverse("children:cases:pdf", args=[objects["case"].pk]))
    assert response.status_code == 200 and response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    printed = AccessLog.objects.get(user=user_named("chutich"))
    assert (printed.action, printed.what, printed.subject_id) == ("print", "cases.case_file_pdf", objects["case"].pk)


def test_the_chairman_reads_but_cannot_do_the_officers_steps(objects, client_for):
    client = client_for("chutich")
    case = objects["case"]
    assert client.get(reverse("children:cases:review", args=[case.pk])).status_code == 403
    assert client.get(reverse("children:cases:edit", args=[case.pk])).status_code == 403
    assert client.get(reverse("children:cases:new")).status_code == 403
    assert client_for("vhxh").get(reverse("children:cases:decide", args=[case.pk])).status_code == 403


def test_a_village_head_sees_counts_for_their_village_and_no_case_text(objects, client_for, world):
    client = client_for("thon1")
    response = client.get(
        reverse("children:cases:dashboard"),
        {"area": world["villages"][0].pk, "start": "01/01/2022", "end": "31/12/2022"},
    )
    assert response.status_code == 200
    body = response.content.decode()
    # one violence case in the village: withheld as "< 3" (a village head may not know it)
    assert str(response.context["figures"].opened) == "< 3"
    assert 'data-figure="opened">&lt; 3<' in body
    assert "Lò Thị Bí Mật" not in body and objects["case"].number not in body and "Cháu bị đánh" not in body
    # another village or the whole commune is not theirs
    other = client.get(
        reverse("children:cases:dashboard"), {"area": world["commune"].pk, "start": "01/01/2022", "end": "31/12/2022"}
    )
    assert other.context["figures"].area == world["villages"][0]


def test_the_district_sees_the_counts_of_its_communes(objects, client_for, world):
    response = client_for("huyen").get(
        reverse("children:cases:dashboard"), {"area": world["district"].pk, "start": "01/01/2022", "end": "31/12/2022"}
    )
    assert response.status_code == 200 and str(response.context["figures"].opened) == "< 3"


def test_those_who_read_case_files_see_the_true_counts(objects, client_for, world):
    response = client_for("vhxh").get(
        reverse("children:cases:dashboard"),
        {"area": world["villages"][0].pk, "start": "01/01/2022", "end": "31/12/2022"},
    )
    assert response.context["figures"].opened == 1


@pytest.mark.parametrize("username", OUTSIDERS + ["tuphap", "doanxa"])
def test_the_home_page_shows_no_case_to_others(username, objects, client_for):
    body = client_for(username).get(reverse("home")).content.decode()
    assert objects["case"].number not in body
    assert not re.search(r"/children/cases/\d+/", body)  # no link to any case file


def test_the_home_page_of_the_officer_flags_overdue_cases(world, open_case, client_for):
    from datetime import timedelta

    from django.utils import timezone

    old = open_case(reported_at=at(2022, 3, 14, 8))  # never assessed: overdue since 14/03/2022 20:00
    case = open_case(reported_at=timezone.now() - timedelta(days=2))  # overdue for two days
    body = client_for("vhxh").get(reverse("home")).content.decode()
    assert reverse("children:cases:detail", args=[case.pk]) in body
    assert "quá hạn" in body
    # a case of four years ago is history a click away, not an item on top
    assert reverse("children:cases:detail", args=[old.pk]) not in body
    assert 'id="older-cases"' in body


def test_the_registry_badge_is_shown_only_to_the_three_roles(objects, user_named):
    from children.cases.selectors import child_has_case_visible

    child = objects["case"].children.get()
    assert all(child_has_case_visible(user_named(u), child) for u in VIEWERS)
    assert not any(child_has_case_visible(user_named(u), child) for u in OUTSIDERS + ["vhxh2"])


def test_the_case_file_pdf_holds_the_case(objects, client_for):
    from io import BytesIO

    from pypdf import PdfReader

    response = client_for("vhxh").get(reverse("children:cases:pdf", args=[objects["case"].pk]))
    text = " ".join(page.extract_text() for page in PdfReader(BytesIO(response.content)).pages)
    assert "HỒ SƠ VỤ VIỆC BẢO VỆ TRẺ EM" in text and "Lò Thị Bí Mật" in text and objects["case"].number in text


@pytest.mark.parametrize(
    "url", ["/admin/cases/case/", "/admin/cases/holiday/", "/admin/cases/caseplan/", "/admin/accounts/accesslog/"]
)
def test_the_administration_lists_the_case_models(url, objects, client_for):
    client = client_for("admin")
    assert client.get(url).status_code == 200
    if url == "/admin/cases/case/":
        assert client.get(f"{url}{objects['case'].pk}/change/").status_code == 200
