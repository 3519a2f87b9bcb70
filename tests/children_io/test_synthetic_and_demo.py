"""The synthetic generator (deterministic, plausible) and the demo children."""

import re
from datetime import date
from pathlib import Path

from django.core.management import call_command

from accounts.models import Area
from children.models import Child, ChildCircumstance, Guardian, HealthInsurance, Residence
from children.synthetic import build_areas, generate_children

BASE = Path(__file__).resolve().parents[2]


def snapshot():
    return [
        (c.full_name, c.date_of_birth, c.sex, c.ethnicity.code, c.personal_id, c.village.code, c.poverty)
        for c in Child.objects.select_related("ethnicity", "village").order_by(
            "village__code", "sort_key", "date_of_birth", "personal_id"
        )
    ]


def test_generator_is_deterministic(db):
    call_command("generate_children", communes=2, villages_per_commune=2, children_per_commune=60, seed=3, verbosity=0)
    first = snapshot()
    related = (Guardian.objects.count(), HealthInsurance.objects.count(), ChildCircumstance.objects.count())
    Child.objects.all().delete()
    call_command("generate_children", communes=2, villages_per_commune=2, children_per_commune=60, seed=3, verbosity=0)
    assert snapshot() == first
    assert (Guardian.objects.count(), HealthInsurance.objects.count(), ChildCircumstance.objects.count()) == related
    assert len(first) == 120


def test_generator_is_idempotent_and_builds_the_area_tree(db):
    for _ in range(2):
        call_command(
            "generate_children", communes=3, villages_per_commune=2, children_per_commune=10, seed=4, verbosity=0
        )
    assert Child.objects.count() == 30
    province = Area.objects.get(code="S4")
    assert province.kind == "province"
    assert Area.objects.filter(path__startswith=province.path, kind="commune").count() == 3
    assert Area.objects.filter(path__startswith=province.path, kind="village").count() == 6


def test_another_seed_gives_other_children(db):
    layout = build_areas(communes=1, villages_per_commune=1, seed=5)
    generate_children(villages=layout[0][1], count=20, seed=1, on=date(2022, 11, 1))
    first = {c.full_name for c in Child.objects.all()}
    Child.objects.all().delete()
    generate_children(villages=layout[0][1], count=20, seed=2, on=date(2022, 11, 1))
    assert {c.full_name for c in Child.objects.all()} != first


def test_generated_children_are_plausible(db):
    layout = build_areas(communes=1, villages_per_commune=4, seed=6)
    on = date(2022, 11, 1)
    generate_children(villages=layout[0][1], count=600, seed=6, on=on)
    children = list(Child.objects.select_related("ethnicity"))
    ethnic = {c.ethnicity.name for c in children}
    assert {"Tày", "Nùng", "Kinh"} <= ethnic
    assert all(c.date_of_birth <= on and c.age(on) <= 16 for c in children)
    assert all(re.fullmatch(r"9\d{11}", c.personal_id) for c in children if c.personal_id)
    assert all(c.name_key and c.sort_key for c in children)
    under6 = [c for c in children if c.age(on) < 6]
    carded = sum(1 for c in under6 if any(card.is_valid_on(on) for card in c.insurance_cards.all()))
    assert 0.8 < carded / len(under6) < 1  # most, not all, under-6s hold a valid card
    assert 0 < ChildCircumstance.objects.count() < 0.1 * len(children)
    assert Guardian.objects.filter(is_primary=True).count() == len(children)


def test_seed_demo_adds_about_1200_children_to_y_tich_once(db):
    call_command("seed_demo", verbosity=0)
    # Y Tịch's children, where they lived (since 01/07/2025 its villages belong to the merged commune)
    lived = Child.objects.filter(residences__village__parent__code="YT").distinct()
    assert 1100 <= lived.count() <= 1300
    assert Residence.objects.filter(village__parent__code="YT").values("village").distinct().count() == 8
    assert Residence.objects.filter(village__parent__code="HB").exists()
    assert not Child.objects.filter(village__parent__code="YT").exists()  # today they live in the merged commune
    total = Child.objects.count()
    assert Child.objects.first().history.exists()  # demo records have a change history
    call_command("seed_demo", verbosity=0)
    assert Child.objects.count() == total
