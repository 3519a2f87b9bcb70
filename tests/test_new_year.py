"""The new-year step: one function opens the fund books (balance carried), creates the reporting
periods from the calendar's rules and drafts the plan from last year's; a page and a command run it
for those who may; a refused form and the home page lead to it. And the demo's current year."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from accounts.models import User
from children.cases.models import Case
from funds import figures
from funds import services as fund_services
from funds.models import Entry, Fund, FundYear
from programs import services as plan_services
from programs.models import Plan
from reporting.models import Period, Submission
from reporting.newyear import open_year, year_state
from ytich.current_year import seed_current_year

YEAR = timezone.localdate().year


@pytest.fixture
def book(world):
    ketoan, chutich = User.objects.get(username="ketoan"), User.objects.get(username="chutich")
    fund = fund_services.fund_create(
        commune=world["commune"], started_on=date(2022, 1, 1), brought_forward=1_000_000, user=ketoan
    )
    entry = fund_services.entry_draft(
        fund=fund,
        kind=Entry.Kind.RECEIPT,
        entry_date=date(2022, 3, 1),
        amount=2_500_000,
        category=Entry.Category.CAMPAIGN,
        purpose="Vận động",
        user=ketoan,
    )
    fund_services.entry_submit(entry=entry, user=ketoan)
    fund_services.entry_approve(entry=entry, user=chutich)
    fund_services.entry_post(entry=entry, user=ketoan)
    return fund


def test_open_year_opens_books_periods_and_plan_once(world, book):
    vhxh = User.objects.get(username="vhxh")
    plan_services.plan_create(commune=world["commune"], year=2022, title="Kế hoạch năm 2022", user=vhxh)
    done = open_year(commune=world["commune"], year=YEAR, user=vhxh)
    assert list(FundYear.objects.filter(fund=book).order_by("year").values_list("year", flat=True)) == list(
        range(2022, YEAR + 1)
    )
    assert figures.year_opening_balance(fund=book, year=YEAR) == 3_500_000  # carried
    assert Period.objects.filter(area=world["commune"], year=YEAR, report_type__code="village-annual").exists()
    assert Period.objects.filter(
        area=world["province"], year=YEAR, report_type__code="commune-annual"
    ).exists()  # the district is gone
    plan = Plan.objects.get(commune=world["commune"], year=YEAR)
    assert done["plan"] == plan and plan.copied_from.year == 2022 and plan.title == f"Kế hoạch năm {YEAR}"
    assert plan.status == Plan.Status.DRAFT  # for the officer to edit and the chairman to approve
    assert year_state(commune=world["commune"], year=YEAR).is_open
    again = open_year(commune=world["commune"], year=YEAR, user=vhxh)
    assert again == {"fund_years": [], "periods": [], "plan": None}  # idempotent


def test_the_command_opens_the_year(world, book):
    out = io.StringIO()
    call_command("open_year", str(YEAR), "--commune", world["commune"].code, stdout=out)
    assert "reporting periods created" in out.getvalue()
    assert FundYear.objects.filter(fund=book, year=YEAR).exists()


def test_the_page_is_for_the_officer_and_the_accountant_of_the_commune(world, book, client_for):
    url = reverse("reporting:open_year")
    assert client_for("thon1").get(url).status_code == 403
    assert client_for("chutich").get(url).status_code == 403
    # another commune's officer cannot open Y Tịch's year
    response = client_for("vhxh2").post(url, {"commune": world["commune"].pk, "year": YEAR})
    assert response.status_code == 200 and not FundYear.objects.filter(fund=book, year=YEAR).exists()
    page = client_for("ketoan").get(url).content.decode()
    assert "Sổ quỹ" in page and "cần mở" in page
    response = client_for("ketoan").post(url, {"commune": world["commune"].pk, "year": YEAR})
    assert response.status_code == 302
    assert FundYear.objects.filter(fund=book, year=YEAR).exists()


def test_a_refused_form_and_the_home_page_lead_to_the_step(world, book, client_for):
    form = client_for("ketoan").get(reverse("funds:entry_create", args=[book.pk])).content.decode()
    assert "year-not-open" in form and reverse("reporting:open_year") in form
    home = client_for("ketoan").get(reverse("home")).content.decode()
    assert "new-year-offer" in home and f"Mở năm {YEAR}" in home
    assert "new-year-offer" not in client_for("chutich").get(reverse("home")).content.decode()
    open_year(commune=world["commune"], year=YEAR, user=None)
    assert "new-year-offer" not in client_for("ketoan").get(reverse("home")).content.decode()
    form = client_for("ketoan").get(reverse("funds:entry_create", args=[book.pk])).content.decode()
    assert "year-not-open" not in form


def test_the_current_year_of_the_demo(world, book):
    today = timezone.localdate()
    counts = seed_current_year(world["commune"], today)
    assert counts["entries"] == 8 and counts["cases"] == 2
    statuses = set(Entry.objects.filter(fund=book, entry_date__year=today.year).values_list("status", flat=True))
    if today >= date(today.year, 11, 25):
        assert statuses == {"draft", "submitted", "approved", "rejected", "posted"}
    subs = Submission.objects.filter(period__year=today.year, period__area=world["commune"])
    if today >= date(today.year, 11, 10):  # the six-month period is past, the annual one current
        assert subs.filter(on_time=True).exists() and subs.filter(on_time=False).exists()
        annual = Period.objects.get(area=world["commune"], year=today.year, report_type__code="village-annual")
        assert not subs.filter(period=annual, area=world["villages"][0]).exists()  # Thôn 1 still to report
    assert Case.objects.filter(commune=world["commune"], reported_at__year=today.year).count() == 2
    assert seed_current_year(world["commune"], today) == {
        **counts,
        "fund_years": 0,
        "periods": 0,
        "entries": 0,
        "reports": 0,
        "cases": 0,
    }
    assert Fund.objects.filter(commune=world["commune"]).count() == 1
