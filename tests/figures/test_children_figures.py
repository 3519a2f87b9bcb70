"""Each registry figure (``children/figures.py``) on a small world counted by hand. The definitions
are those of README's table of figures; the decisions pinned here:

* a child counts on a day if in the registry that day (registered by then, not archived by then),
  under 16 and living in the area that day (dated residence);
* "in special circumstances" over a period = a circumstance overlapping the period, for the children
  of the area at its end; "supported" = support of any kind dated in the period;
* a disability counts once known: certified by the day, or recorded without a date.
"""

from datetime import date, datetime, timedelta

import pytest
from django.utils import timezone

from children import figures
from children.models import Disability, HealthInsurance, Residence, Support
from children.services import circumstance_add, residences_follow
from tests.factories import make_child

D = date(2022, 6, 30)
START = date(2022, 1, 1)


@pytest.fixture
def kids(world):
    v1, v2 = world["villages"][0], world["villages"][1]
    k = {
        "boy5": make_child(village=v1, date_of_birth=date(2017, 1, 1), sex="M"),
        "girl5": make_child(village=v1, date_of_birth=date(2016, 7, 1), sex="F"),  # 5 on D, 6 the next day
        "girl12": make_child(village=v1, date_of_birth=date(2010, 3, 3), sex="F"),
        "boy15": make_child(village=v2, date_of_birth=date(2006, 7, 1), sex="M"),  # 15 on D
        "old": make_child(village=v2, date_of_birth=date(2006, 6, 30), sex="M"),  # 16 on D: not a child
        "later": make_child(village=v1, date_of_birth=date(2015, 1, 1), registered_on=date(2023, 5, 1)),
        "archived": make_child(
            village=v1, date_of_birth=date(2014, 1, 1), archived_at=timezone.make_aware(datetime(2022, 3, 1))
        ),
        "archived_after": make_child(
            village=v2, date_of_birth=date(2013, 1, 1), archived_at=timezone.make_aware(datetime(2022, 7, 1))
        ),
        "other_commune": make_child(village=world["village2"], date_of_birth=date(2012, 1, 1)),
    }
    HealthInsurance.objects.create(
        child=k["boy5"], card_number="TE1201234567890", valid_from=date(2021, 1, 1), valid_to=date(2023, 1, 1)
    )
    HealthInsurance.objects.create(
        child=k["girl5"], card_number="TE1201234567891", valid_from=date(2021, 1, 1), valid_to=date(2022, 6, 29)
    )
    circumstance_add(child=k["girl12"], letter="a", start_date=date(2020, 1, 1))
    circumstance_add(child=k["boy15"], letter="h", start_date=date(2020, 1, 1), end_date=date(2022, 2, 1))
    circumstance_add(child=k["girl5"], letter="n", start_date=date(2022, 9, 1))  # after D: not in the period
    Support.objects.create(child=k["girl12"], kind="gift", date=date(2022, 5, 1), source="fund")
    Support.objects.create(child=k["boy15"], kind="gift", date=date(2021, 12, 31), source="fund")  # before
    Disability.objects.create(child=k["boy15"], type="mobility", level="severe", certified_on=date(2021, 1, 1))
    Disability.objects.create(child=k["girl12"], type="vision", level="mild", certified_on=date(2022, 8, 1))
    Disability.objects.create(child=k["boy5"], type="other", level="mild")  # known, no date
    Support.objects.create(child=k["boy5"], kind="health", date=date(2022, 2, 2), source="state")
    return k


def test_under_16_counts_who_was_there_that_day(world, kids):
    commune = world["commune"]
    # boy5, girl5, girl12, boy15, archived_after (not yet archived on D); not old, later, archived, other commune
    assert figures.under_16(commune, on=D) == 5
    assert figures.under_16(world["villages"][0], on=D) == 3
    assert figures.under_16(commune, on=D, per_village=True) == {world["villages"][0].pk: 3, world["villages"][1].pk: 2}
    assert figures.by_sex(commune, on=D) == {"M": 2, "F": 3}
    assert figures.by_age_band(commune, on=D) == {"0-5": 2, "6-10": 1, "11-15": 2}
    assert figures.under_16(commune, on=date(2023, 6, 1)) == 4  # later registered, girl5/boy15 grew, archived left


def test_under_6_and_their_cards(world, kids):
    assert figures.under_6(world["commune"], on=D) == 2
    assert figures.under_6_insured(world["commune"], on=D) == 1  # girl5's card ended the day before
    assert figures.under_6_pair(world["commune"], on=D) == (1, 2)


def test_special_circumstances_over_a_period(world, kids):
    groups = figures.in_special_circumstances(world["commune"], start=START, end=D)
    assert groups["a"] == 1 and groups["h"] == 1 and groups["n"] == 0 and groups[""] == 2
    supported = figures.special_circumstances_supported(world["commune"], start=START, end=D)
    assert supported["a"] == 1 and supported["h"] == 0 and supported[""] == 1
    assert figures.special_supported_pair(world["commune"], start=START, end=D) == (1, 2)
    # on one day: boy15's circumstance had ended
    assert figures.in_special_circumstances(world["commune"], start=D, end=D)[""] == 1


def test_disabled_children_and_their_support(world, kids):
    assert figures.disabled(world["commune"], on=D) == 2  # boy15 (certified 2021) and boy5 (no date)
    # on 01/08/2022 girl12's disability is certified, and boy15 has turned 16
    assert figures.disabled(world["commune"], on=date(2022, 8, 1)) == 2
    assert figures.disabled_supported(world["commune"], start=START, end=D) == 1  # boy5's health support
    assert figures.disabled_supported_pair(world["commune"], start=START, end=D) == (1, 2)


def test_a_child_who_moved_counts_where_they_lived_then(world, kids):
    v1, v2 = world["villages"][0], world["villages"][1]
    child = kids["girl12"]
    child.village = v2
    child.save()
    residences_follow([child], on=date(2026, 3, 1))
    assert list(Residence.objects.filter(child=child).values_list("village", "start_date", "end_date")) == [
        (v1.pk, child.registered_on, date(2026, 2, 28)),
        (v2.pk, date(2026, 3, 1), None),
    ]
    before, after = date(2025, 12, 31), date(2026, 3, 1)
    assert child in figures.children(v1, on=before) and child not in figures.children(v2, on=before)
    assert child in figures.children(v2, on=after) and child not in figures.children(v1, on=after)
    assert figures.under_16(v1, on=D) == 3  # 2022 is untouched
    assert figures.under_16(world["commune"], on=date(2026, 3, 1)) == figures.under_16(
        world["commune"], on=date(2026, 2, 28)
    )
    # a move corrected on the day it began replaces the village, adding no period
    residences_follow([child], on=date(2026, 3, 1) + timedelta(days=0))
    assert Residence.objects.filter(child=child).count() == 2
