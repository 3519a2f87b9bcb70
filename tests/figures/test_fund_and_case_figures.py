"""The fund's and the cases' figures: "the fund" of the plan and reports is the Child Protection Fund
only (not the district-support or budget books); target 2 counts abuse cases only."""

from datetime import date, datetime

import pytest
from django.utils import timezone

from accounts.models import User
from children.cases import services as case_services
from children.cases.figures import case_figures
from children.cases.models import Case
from funds import figures, services
from funds.models import Entry, Fund
from tests.factories import make_child
from tests.funds.conftest import posted

YEAR = (date(2022, 1, 1), date(2022, 12, 31))


@pytest.fixture
def people(world):
    return {u.username: u for u in User.objects.filter(username__in=["vhxh", "ketoan", "chutich"])}


def test_fund_figures_count_the_child_protection_fund_unless_asked(world, people):
    cp = services.fund_create(commune=world["commune"], kind=Fund.Kind.CHILD_PROTECTION, started_on=YEAR[0])
    budget = services.fund_create(commune=world["commune"], kind=Fund.Kind.COMMUNE_BUDGET, started_on=YEAR[0])
    posted(cp, people, amount=1_000_000)
    posted(budget, people, amount=7_000_000, category=Entry.Category.COMMUNE_BUDGET)
    posted(cp, people, kind=Entry.Kind.DISBURSEMENT, amount=300_000)
    totals = figures.fund_totals(area=world["commune"], start=YEAR[0], end=YEAR[1])
    assert (totals["receipts"], totals["disbursements"]) == (1_000_000, 300_000)
    every_book = figures.fund_totals(area=world["commune"], start=YEAR[0], end=YEAR[1], fund_kind=None)
    assert every_book["receipts"] == 8_000_000
    assert figures.fund_balance(fund=cp) == 700_000
    assert figures.fund_totals(area=world["district"], start=YEAR[0], end=YEAR[1])["receipts"] == 1_000_000


def test_abuse_cases_exclude_accidents_and_drownings(world, people):
    vhxh = people["vhxh"]

    def case(kind):
        return case_services.case_open(
            user=vhxh, commune=world["commune"], village=world["villages"][0],
            children=[make_child(village=world["villages"][0])], kind=kind, place=Case.Place.HOME,
            reported_at=timezone.make_aware(datetime(2022, 3, 1, 9)), source=Case.Source.VILLAGE,
            alleged_relation=Case.Relation.NONE, summary="Thử.", level=Case.Level.SUPPORT, officer=vhxh,
        )  # fmt: skip

    for kind in (Case.Kind.VIOLENCE, Case.Kind.NEGLECT, Case.Kind.ACCIDENT, Case.Kind.DROWNING, Case.Kind.OTHER):
        case(kind)
    f = case_figures(area=world["commune"], start=YEAR[0], end=YEAR[1])
    assert f.opened == 5
    assert f.abuse_opened == 2  # violence and neglect; not the accident, the drowning or "other"
