"""Prefilled figures equal independent counts on fixture data, per village and for the commune."""

import datetime as dt

import pytest

from children.models import ChildCircumstance, CircumstanceGroup, Disability, HealthInsurance, Support
from reporting import selectors as sel
from tests.factories import make_child

END = dt.date(2022, 4, 30)
START = dt.date(2022, 1, 1)


def age(dob, on):
    return on.year - dob.year - ((on.month, on.day) < (dob.month, dob.day))


@pytest.fixture
def registry(world):
    """A varied registry in Thôn 1, Thôn 2 and Hòa Bình, described as plain Python facts."""
    v1, v2, hb = world["villages"][0], world["villages"][1], world["village2"]
    births = [
        dt.date(2022, 4, 30),  # born on the last day: counted, age 0
        dt.date(2022, 5, 1),  # born after the period: not counted
        dt.date(2016, 5, 1),  # 5 on 30/4 (turns 6 the next day)
        dt.date(2016, 4, 30),  # 6 exactly on 30/4
        dt.date(2011, 5, 1),  # 10
        dt.date(2011, 4, 30),  # 11
        dt.date(2006, 5, 1),  # 15, last day as a child
        dt.date(2006, 4, 30),  # 16 on 30/4: no longer a child
        dt.date(2019, 1, 1),
        dt.date(2013, 7, 7),
    ]
    groups = {g.letter: g for g in CircumstanceGroup.objects.all()}
    facts = []
    n = 0
    for village in (v1, v2, hb):
        for i, dob in enumerate(births):
            n += 1
            child = make_child(village=village, date_of_birth=dob, sex="M" if (i + n) % 2 else "F")
            fact = {"village": village.pk, "dob": dob, "sex": child.sex, "groups": set(), "supported": False,
                    "disabled": False, "insured": False}  # fmt: skip
            if i % 3 == 0:
                ChildCircumstance.objects.create(child=child, group=groups["a"], start_date=dt.date(2020, 1, 1))
                fact["groups"].add("a")
            if i % 4 == 1:
                ChildCircumstance.objects.create(child=child, group=groups["n"], start_date=dt.date(2021, 6, 1))
                fact["groups"].add("n")
            if i == 9:  # ended inside the period: in the group during the period, so counted
                ChildCircumstance.objects.create(
                    child=child, group=groups["b"], start_date=dt.date(2020, 1, 1), end_date=dt.date(2022, 3, 1)
                )
                fact["groups"].add("b")
            if i == 8:  # ended before the period began: not counted
                ChildCircumstance.objects.create(
                    child=child, group=groups["c"], start_date=dt.date(2019, 1, 1), end_date=dt.date(2021, 12, 31)
                )
            if i in (0, 3, 5):
                Support.objects.create(child=child, kind="gift", date=dt.date(2022, 2, 1), source="fund", amount=200000)
                fact["supported"] = True
            if i == 6:  # support outside the period
                Support.objects.create(child=child, kind="gift", date=dt.date(2021, 12, 31), source="fund", amount=1)
            if i in (3, 4):
                Disability.objects.create(child=child, type="mobility", level="severe")
                fact["disabled"] = True
            if i in (0, 2, 8):
                HealthInsurance.objects.create(
                    child=child,
                    card_number=f"TE1{n:012d}",
                    valid_from=dt.date(2021, 1, 1),
                    valid_to=dt.date(2024, 12, 31),
                )
                fact["insured"] = True
            facts.append(fact)
    return facts


def expected(facts, village_pks):
    kids = [f for f in facts if f["village"] in village_pks and f["dob"] <= END and age(f["dob"], END) < 16]
    out = {
        ("0101", ""): len(kids),
        ("0101", "M"): sum(1 for f in kids if f["sex"] == "M"),
        ("0101", "F"): sum(1 for f in kids if f["sex"] == "F"),
        ("0102", "0-5"): sum(1 for f in kids if age(f["dob"], END) <= 5),
        ("0102", "6-10"): sum(1 for f in kids if 6 <= age(f["dob"], END) <= 10),
        ("0102", "11-15"): sum(1 for f in kids if 11 <= age(f["dob"], END) <= 15),
        ("0103", ""): sum(1 for f in kids if f["groups"]),
        ("0103", "a"): sum(1 for f in kids if "a" in f["groups"]),
        ("0103", "n"): sum(1 for f in kids if "n" in f["groups"]),
        ("0103", "b"): sum(1 for f in kids if "b" in f["groups"]),
        ("0104", ""): sum(1 for f in kids if f["groups"] and f["supported"]),
        ("0104", "a"): sum(1 for f in kids if "a" in f["groups"] and f["supported"]),
        ("0105", ""): sum(1 for f in kids if f["disabled"]),
        ("0106", ""): sum(1 for f in kids if f["disabled"] and f["supported"]),
        ("0201", ""): sum(1 for f in kids if age(f["dob"], END) < 6),
        ("0202", ""): sum(1 for f in kids if age(f["dob"], END) < 6 and f["insured"]),
    }
    return out


def test_village_prefill_equals_independent_counts(world, cal, registry):
    for village in world["villages"][:2]:
        indicators = sel.report_indicators(cal["v6"].report_type)
        known = sel.prefill(cal["v6"], village, indicators)
        for code_key, value in expected(registry, {village.pk}).items():
            assert known[code_key][0] == value, (village.name, code_key)
            assert known[code_key][1] == "registry"
        assert known[("0103", "c")][0] == 0  # ended before the period began


def test_commune_prefill_counts_every_village_and_no_other_commune(world, cal, registry):
    commune_villages = {v.pk for v in world["villages"]}
    indicators = sel.report_indicators(cal["c6"].report_type)
    known = sel.prefill(cal["c6"], world["commune"], indicators)
    want = expected(registry, commune_villages)
    for code_key, value in want.items():
        assert known[code_key][0] == value, code_key
    assert want[("0101", "")] == 16  # 8 per village: the fixture is not trivial
    assert want[("0102", "0-5")] + want[("0102", "6-10")] + want[("0102", "11-15")] == want[("0101", "")]


def test_prefill_query_count_does_not_grow_with_children(world, cal, registry):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    indicators = sel.report_indicators(cal["c6"].report_type)
    sel.prefill(cal["c6"], world["commune"], indicators)  # warm the reference-data cache
    with CaptureQueriesContext(connection) as before:
        sel.prefill(cal["c6"], world["commune"], indicators)
    group = CircumstanceGroup.objects.get(letter="d")
    for i in range(15):
        child = make_child(village=world["villages"][i % 8], date_of_birth=dt.date(2015, 1, 1 + i))
        ChildCircumstance.objects.create(child=child, group=group, start_date=dt.date(2020, 1, 1))
        Support.objects.create(child=child, kind="gift", date=dt.date(2022, 3, 1), source="fund", amount=1000)
    with CaptureQueriesContext(connection) as after:
        known = sel.prefill(cal["c6"], world["commune"], indicators)
    assert len(after) == len(before)
    assert known[("0103", "d")][0] == 15
