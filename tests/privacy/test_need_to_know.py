"""Need-to-know (issue 10, items 1–3): a child in a confidential group (here: sexual abuse, recorded
from a protection case) is seen as such only by those who may read case files in that area — the
culture-social officer, the chairman and the police — on every surface: the registry list and its
filters, the profile, exports, the officers' lists, the dashboards, the case figures, the plan's
targets and the reports (HTML, Excel parsed with openpyxl, PDF text). Others never receive the group
of that child, and figures about it come as "< 3". No form hands a full list of children to anyone.
"""

import io
from datetime import date, datetime

import pytest
from django.urls import reverse
from django.utils import timezone
from openpyxl import load_workbook
from pypdf import PdfReader

from children.cases import services as case_services
from children.cases.models import Case
from children.services import circumstance_add
from programs.models import Plan, Target
from reporting import services as report_services
from reporting.models import Period
from tests.factories import make_child

SECRET = "Lò Thị Kín Đáo"
ORPHAN = "Hoàng Văn Côi Cút"
GROUP_L = "xâm hại tình dục"
UNTRUSTED = ["thon1", "yte", "truong", "tuphap", "huyen", "ketoan", "doanxa"]
TRUSTED = ["vhxh", "chutich"]  # the police (congan) read case files but not the registry: see below
YEAR = date(2022, 1, 1)


def at(*args):
    return timezone.make_aware(datetime(*args))


@pytest.fixture
def secret(world, user_named):
    vhxh = user_named("vhxh")
    village = world["villages"][0]
    child = make_child(village=village, full_name=SECRET, date_of_birth=date(2011, 5, 1), sex="F")
    case = case_services.case_open(
        user=vhxh,
        commune=world["commune"],
        village=village,
        children=[child],
        kind=Case.Kind.SEXUAL_ABUSE,
        place=Case.Place.ONLINE,
        reported_at=at(2022, 3, 14, 8),
        source=Case.Source.HOTLINE,
        alleged_relation=Case.Relation.STRANGER,
        summary="Thử nghiệm.",
        level=Case.Level.INTERVENTION,
        officer=vhxh,
    )
    case_services.case_verify(user=vhxh, case=case, confirmed=True, at=at(2022, 3, 14, 9))
    case_services.case_record_circumstance(
        user=vhxh, case=case, child=child, start_date=date(2022, 3, 14), at=at(2022, 3, 14, 10)
    )
    orphan = make_child(village=village, full_name=ORPHAN, date_of_birth=date(2012, 1, 5), sex="M")
    circumstance_add(child=orphan, letter="a", start_date=date(2020, 1, 1), user=vhxh)
    plan = Plan.objects.create(commune=world["commune"], year=2022, title="Kế hoạch thử")
    target = Target.objects.create(
        plan=plan, order=1, title="Trẻ em có hoàn cảnh đặc biệt", indicator=Target.Indicator.SPECIAL_SUPPORTED
    )
    report_services.calendar_create_year(area=world["commune"], year=2022, user=vhxh)
    period = Period.objects.get(area=world["commune"], year=2022, report_type__code="village-annual")
    submission = report_services.submission_save(
        period=period, area=village, user=user_named("thon1"), now=at(2022, 11, 1, 9)
    )
    return {"child": child, "orphan": orphan, "case": case, "target": target, "period": period, "sub": submission}


def _text(response) -> str:
    content = b"".join(response.streaming_content) if response.streaming else response.content
    kind = response.get("Content-Type", "")
    if "spreadsheet" in kind:
        wb = load_workbook(io.BytesIO(content), read_only=True)
        return "\n".join(
            " ".join(str(v) for v in row if v is not None)
            for ws in wb.worksheets
            for row in ws.iter_rows(values_only=True)
        )
    if "pdf" in kind:
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    return content.decode()


def _surfaces(world, secret):
    """Every surface that shows children, circumstances or figures, with the facts it may carry."""
    child, village, commune = secret["child"], world["villages"][0], world["commune"]
    day = {"on": "31/12/2022"}
    return [
        ("list filtered by group l", reverse("children:list"), {"group": "l", **day}),
        ("list", reverse("children:list"), day),
        ("profile", reverse("children:detail", args=[child.pk]), {}),
        ("export filtered by group l", reverse("children:export"), {"group": "l", **day}),
        ("export", reverse("children:export"), day),
        ("officers' list", reverse("children:list_unsupported"), day),
        ("officers' list export", reverse("children:list_unsupported_export"), day),
        ("dashboard of the village", reverse("children:dashboard"), {"area": village.pk, "on": "01/06/2022"}),
        ("dashboard of the commune", reverse("children:dashboard"), {"area": commune.pk, "on": "01/06/2022"}),
        ("target children", reverse("programs:target_children", args=[secret["target"].pk]), {"which": "missing"}),
        ("target", reverse("programs:target_detail", args=[secret["target"].pk]), {}),
        ("village report", reverse("reporting:submission", args=[secret["sub"].pk]), {}),
        ("village report pdf", reverse("reporting:submission_pdf", args=[secret["sub"].pk]), {}),
        ("village report xlsx", reverse("reporting:submission_xlsx", args=[secret["sub"].pk]), {}),
        ("pick", reverse("children:pick"), {"for": "registry", "q": "kin dao"}),
        ("home", reverse("home"), {}),
    ]


@pytest.mark.parametrize("username", UNTRUSTED)
def test_others_never_receive_the_confidential_group_of_a_child(username, world, secret, client_for):
    client = client_for(username)
    seen = 0
    for name, url, params in _surfaces(world, secret):
        response = client.get(url, params)
        if response.status_code != 200:
            assert response.status_code in (403, 404), (name, response.status_code)
            continue
        seen += 1
        text = _text(response)
        assert GROUP_L not in text, f"{username} sees the group on {name}"
        if "group l" in name:
            # the group is not a choice for them: the filter is refused, nobody is singled out
            assert SECRET not in text or ORPHAN in text, f"{username} singles the child out by group: {name}"
        if "officers" in name or "target children" in name:
            assert SECRET not in text, f"{username} sees the child in a confidential list: {name}"
        if name.startswith("dashboard") or name == "target":
            assert ">l)" not in text and "l) " not in text, name
    assert seen  # every persona reaches at least the home page


@pytest.mark.parametrize("username", TRUSTED)
def test_those_who_read_case_files_see_it(username, world, secret, client_for):
    client = client_for(username)
    assert GROUP_L in client.get(reverse("children:detail", args=[secret["child"].pk])).content.decode()
    listed = client.get(reverse("children:list"), {"group": "l", "on": "31/12/2022"}).content.decode()
    assert SECRET in listed
    exported = _text(client.get(reverse("children:export"), {"group": "l", "on": "31/12/2022"}))
    assert SECRET in exported


def test_the_police_find_the_child_for_a_case_but_not_the_registry(world, secret, client_for):
    police = client_for("congan")
    found = police.get(reverse("children:pick"), {"for": "case", "q": "kin dao"}).json()["results"]
    assert [r["id"] for r in found] == [secret["child"].pk]
    assert police.get(reverse("children:detail", args=[secret["child"].pk])).status_code == 404
    figures = police.get(
        reverse("children:cases:dashboard"),
        {"area": world["villages"][0].pk, "start": "01/01/2022", "end": "31/12/2022"},
    )
    assert figures.context["figures"].opened == 1  # the true count


def test_village_head_sees_the_others_facts_but_small_confidential_figures_as_less_than_three(
    world, secret, client_for
):
    thon1 = client_for("thon1")
    profile = thon1.get(reverse("children:detail", args=[secret["orphan"].pk])).content.decode()
    assert "mồ côi" in profile  # the orphan's (non-confidential) group is there
    report = thon1.get(reverse("reporting:submission", args=[secret["sub"].pk]))
    cells = {(row.indicator.code, cell.key): cell.value for row in report.context["rows"] for cell in row.cells}
    assert ("0103", "l") not in cells  # no line names the confidential group
    assert str(cells[("0103", "")]) == "< 3"  # two children in the village: a small number
    # the stored figure stays true: the commune adds up the real numbers
    assert secret["sub"].values.get(indicator__code="0103", key="l").value == 1
    officer = client_for("vhxh").get(reverse("reporting:submission", args=[secret["sub"].pk]))
    assert {(r.indicator.code, c.key): c.value for r in officer.context["rows"] for c in r.cells}[("0103", "l")] == 1
    pdf = _text(thon1.get(reverse("reporting:submission_pdf", args=[secret["sub"].pk])))
    assert "< 3" in pdf


def test_a_village_head_cannot_reach_a_confidential_record_by_its_address(world, secret, client_for):
    circumstance = secret["child"].circumstances.get(group__letter="l")
    url = reverse("children:record_edit", args=[secret["child"].pk, "circumstance", circumstance.pk])
    assert client_for("thon1").get(url).status_code == 404
    assert client_for("vhxh").get(url).status_code == 200
    form = client_for("thon1").get(reverse("children:record_add", args=[secret["child"].pk, "circumstance"]))
    letters = {g.letter for g in form.context["form"].fields["group"].queryset}
    assert "l" not in letters and "a" in letters


# --- picking a child (item 3) ---------------------------------------------------------------------


@pytest.mark.parametrize("username", ["ketoan", "doanxa"])
def test_who_may_not_read_the_registry_gets_no_list_of_children(username, world, secret, client_for):
    client = client_for(username)
    assert client.get(reverse("children:pick"), {"for": "registry", "q": "ho"}).status_code == 403


def test_the_accountant_names_the_child_by_id_and_sees_no_list(world, secret, client_for, user_named):
    from funds import services as fund_services
    from funds.models import Entry, Fund

    ketoan = user_named("ketoan")
    fund = fund_services.fund_create(
        commune=world["commune"], kind=Fund.Kind.CHILD_PROTECTION, started_on=date(2022, 1, 1), user=ketoan
    )
    client = client_for("ketoan")
    page = client.get(reverse("funds:entry_create", args=[fund.pk]), {"kind": "disbursement"})
    assert page.status_code == 200
    body = page.content.decode()
    option = f'<option value="{secret["child"].pk}"'
    assert SECRET not in body and ORPHAN not in body and option not in body
    # the ID the accountant holds names the child; a wrong one is refused with a message
    secret["orphan"].personal_id = "012345678901"
    secret["orphan"].save(update_fields=["personal_id"])
    data = {
        "kind": "disbursement", "entry_date": "01/06/2022", "amount": "500.000", "category": "gifts",
        "counterparty": "Gia đình", "purpose": "Quà", "child": "999999999999",
    }  # fmt: skip
    refused = client.post(reverse("funds:entry_create", args=[fund.pk]), data)
    assert "Không có trẻ em nào của xã có số định danh cá nhân này" in refused.content.decode()
    client.post(reverse("funds:entry_create", args=[fund.pk]), {**data, "child": "0123 4567 8901"})
    assert Entry.objects.get().child == secret["orphan"]


def test_the_picker_returns_at_most_twenty_children_of_the_users_own_scope(world, secret, client_for):
    for i in range(25):
        make_child(village=world["villages"][0], full_name=f"Hoàng Văn Thử Nhiều {i}")
    make_child(village=world["villages"][1], full_name="Hoàng Văn Thử Nhiều Thôn Hai")
    rows = client_for("thon1").get(reverse("children:pick"), {"for": "registry", "q": "hoang van thu nhieu"}).json()
    assert len(rows["results"]) == 20
    assert all("Thôn Hai" not in r["label"] for r in rows["results"])
    assert client_for("thon1").get(reverse("children:pick"), {"for": "registry", "q": "thon hai"}).json() == {
        "results": []
    }
