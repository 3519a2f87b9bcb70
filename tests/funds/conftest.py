"""Shared fixtures of the fund tests: Y Tịch's Child Protection Fund, its 2022 book and helpers."""

from datetime import date

import pytest

from accounts.models import User
from funds import services
from funds.models import Entry, Fund

D22 = date(2022, 6, 1)


@pytest.fixture
def people(world):
    return {u.username: u for u in User.objects.filter(username__in=["vhxh", "ketoan", "chutich", "huyen"])}


@pytest.fixture
def fund(world, people):
    return services.fund_create(
        commune=world["commune"], kind=Fund.Kind.CHILD_PROTECTION, started_on=date(2022, 1, 1), user=people["ketoan"]
    )


@pytest.fixture
def fund2(world, people):
    """The fund of the other commune (Hòa Bình)."""
    return services.fund_create(commune=world["commune2"], started_on=date(2022, 1, 1))


def draft(fund, people, *, kind=Entry.Kind.RECEIPT, amount=1_000_000, day=D22, category=None, **extra) -> Entry:
    category = category or (Entry.Category.DONATION_PERSON if kind == Entry.Kind.RECEIPT else Entry.Category.GIFTS)
    return services.entry_draft(
        fund=fund,
        kind=kind,
        entry_date=day,
        amount=amount,
        category=category,
        purpose=extra.pop("purpose", "Thử nghiệm"),
        user=people["ketoan"],
        **extra,
    )


def to_approved(entry, people) -> Entry:
    entry = services.entry_submit(entry=entry, user=people["ketoan"])
    return services.entry_approve(entry=entry, user=people["chutich"])


def to_posted(entry, people) -> Entry:
    return services.entry_post(entry=to_approved(entry, people), user=people["ketoan"])


def posted(fund, people, **kwargs) -> Entry:
    return to_posted(draft(fund, people, **kwargs), people)
