"""Each automatic target shows a value that the test computes independently from fixture children
and cases (DESIGN.md's table), for the commune and per village, as of 31/12/2022."""

from datetime import date, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from children.cases.models import Case, CasePlan
from children.models import Child, ChildCircumstance, CircumstanceGroup, Disability, HealthInsurance, Support
from programs.models import Target
from programs.selectors import measure_target
from tests.factories import make_child

I = Target.Indicator  # noqa: E741
ON = date(2023, 3, 1)  # after the plan's year: measured as of 31/12/2022
END = date(2022, 12, 31)


def circumstance(child, letter, start, end=None):
    ChildCircumstance.objects.create(
        child=child, group=CircumstanceGroup.objects.get(letter=letter), start_date=start, end_date=end
    )


def support(child, day):
    Support.objects.create(child=child, kind=Support.Kind.GIFT, date=day, source=Support.Source.FUND)


@pytest.fixture
def registry(world):
    """Children of Thôn 1, Thôn 2 and Hòa Bình with circumstances, support, cards and disabilities."""
    v1, v2 = world["villages"][0], world["villages"][1]
    other = world["village2"]
    kids = {}
    # special circumstances
    kids["orphan_helped"] = make_child(village=v1, date_of_birth=date(2012, 1, 5))
    circumstance(kids["orphan_helped"], "a", date(2020, 1, 1))
    support(kids["orphan_helped"], date(2022, 6, 1))
    kids["orphan_not_helped"] = make_child(village=v1, date_of_birth=date(2011, 2, 5))
    circumstance(kids["orphan_not_helped"], "a", date(2020, 1, 1))
    support(kids["orphan_not_helped"], date(2021, 12, 31))  # last year's support does not count
    kids["ended_in_2022_helped"] = make_child(village=v2, date_of_birth=date(2010, 3, 5))
    circumstance(kids["ended_in_2022_helped"], "h", date(2019, 1, 1), date(2022, 3, 1))
    support(kids["ended_in_2022_helped"], date(2022, 2, 1))
    kids["ended_2021"] = make_child(village=v2, date_of_birth=date(2010, 3, 6))
    circumstance(kids["ended_2021"], "h", date(2019, 1, 1), date(2021, 3, 1))  # not counted at all
    kids["turned_16"] = make_child(village=v2, date_of_birth=date(2006, 5, 1))  # 16 before 31/12/2022
    circumstance(kids["turned_16"], "a", date(2015, 1, 1))
    kids["other_commune"] = make_child(village=other, date_of_birth=date(2012, 1, 5))
    circumstance(kids["other_commune"], "a", date(2020, 1, 1))
    # under-6s and their cards (valid on 31/12/2022)
    kids["baby_card"] = make_child(village=v1, date_of_birth=date(2021, 4, 1))
    HealthInsurance.objects.create(child=kids["baby_card"], card_number="TE1201234567890",
                                   valid_from=date(2021, 4, 1), valid_to=date(2027, 4, 1))  # fmt: skip
    kids["baby_expired"] = make_child(village=v2, date_of_birth=date(2019, 4, 1))
    HealthInsurance.objects.create(child=kids["baby_expired"], card_number="TE1201234567891",
                                   valid_from=date(2019, 4, 1), valid_to=date(2022, 6, 30))  # fmt: skip
    kids["baby_none"] = make_child(village=v2, date_of_birth=date(2020, 4, 1))
    kids["six_on_end"] = make_child(village=v1, date_of_birth=date(2016, 12, 31))  # 6 on 31/12/2022
    # disabled children
    kids["disabled_helped"] = make_child(village=v1, date_of_birth=date(2014, 1, 1))
    Disability.objects.create(child=kids["disabled_helped"], type="mobility", level="severe")
    support(kids["disabled_helped"], date(2022, 12, 31))
    kids["disabled_alone"] = make_child(village=v2, date_of_birth=date(2015, 1, 1))
    Disability.objects.create(child=kids["disabled_alone"], type="vision", level="mild")
    kids["archived_disabled"] = make_child(
        village=v2, date_of_birth=date(2015, 1, 2), archived_at=timezone.make_aware(datetime(2022, 6, 1))
    )  # archived before the end of the plan's year
    Disability.objects.create(child=kids["archived_disabled"], type="vision", level="mild")
    return kids


def expected(world, *, on=END, village=None):
    """DESIGN.md's definitions, counted in plain Python over every child (no shared code)."""
    start = date(2022, 1, 1)
    area_villages = {village.pk} if village else {v.pk for v in world["villages"]}
    out = {}
    children = [c for c in Child.objects.all() if c.village_id in area_villages and c.is_active(on)]
    special = [
        c for c in children
        if any(ci.start_date <= on and (ci.end_date is None or ci.end_date >= start) for ci in c.circumstances.all())
    ]  # fmt: skip
    helped = [c for c in special if any(start <= s.date <= on for s in c.supports.all())]
    out[I.SPECIAL_SUPPORTED] = (len(helped), len(special))
    under6 = [c for c in children if c.age(on) < 6]
    carded = [c for c in under6 if any(h.is_valid_on(on) for h in c.insurance_cards.all())]
    out[I.UNDER6_INSURED] = (len(carded), len(under6))
    disabled = [c for c in children if c.disabilities.exists()]
    helped_d = [c for c in disabled if any(start <= s.date <= on for s in c.supports.all())]
    out[I.DISABLED_SUPPORTED] = (len(helped_d), len(disabled))
    return out


@pytest.mark.parametrize("indicator", [I.SPECIAL_SUPPORTED, I.UNDER6_INSURED, I.DISABLED_SUPPORTED])
def test_registry_targets_match_an_independent_count(plan, registry, world, indicator):
    target = plan.targets.get(indicator=indicator)
    m = measure_target(target, on=ON, by_village=True)
    assert (m.numerator, m.denominator) == expected(world)[indicator]
    for row in m.by_village:
        assert (row["numerator"], row["denominator"]) == expected(world, village=row["village"])[indicator]


def test_registry_figures_are_the_ones_worked_out_by_hand(plan, registry):
    values = {t.indicator: measure_target(t, on=ON) for t in plan.targets.all()}
    s = values[I.SPECIAL_SUPPORTED]
    assert (s.numerator, s.denominator, s.percent) == (2, 3, 66.7)
    u = values[I.UNDER6_INSURED]
    assert (u.numerator, u.denominator) == (1, 3)
    d = values[I.DISABLED_SUPPORTED]
    assert (d.numerator, d.denominator) == (1, 2)
    assert d.progress(plan.targets.get(indicator=I.DISABLED_SUPPORTED)) == round(100 * 50 / 80)


def test_values_are_measured_on_today_inside_the_year(plan, registry, world):
    target = plan.targets.get(indicator=I.SPECIAL_SUPPORTED)
    m = measure_target(target, on=date(2022, 3, 15))
    # the child born 01/05/2006 is still 15 on 15/03/2022; only February's support counts yet
    assert (m.numerator, m.denominator) == expected(world, on=date(2022, 3, 15))[I.SPECIAL_SUPPORTED] == (1, 4)


def _case(world, user, *, kind, reported, plan_due=None, decided=None, village=None):
    case = Case.objects.create(
        number=f"C{Case.objects.count() + 1}", commune=world["commune"], village=village or world["villages"][0],
        kind=kind, place="home", reported_at=reported, source="village", alleged_relation="unknown",
        summary="Tình huống thử", level="support", officer=user, created_by=user,
    )  # fmt: skip
    if decided:
        CasePlan.objects.create(case=case, goals="Hỗ trợ", first_review_on=reported.date() + timedelta(days=30),
                                status="approved", submitted_at=reported, due_on=plan_due, decided_at=decided)  # fmt: skip
    return case


@pytest.fixture
def cases(world, vhxh):
    tz = timezone.get_current_timezone()
    at = lambda *a: datetime(*a, tzinfo=tz)  # noqa: E731
    v2 = world["villages"][1]
    _case(
        world, vhxh, kind="violence", reported=at(2022, 3, 1, 9), plan_due=date(2022, 3, 10), decided=at(2022, 3, 9, 10)
    )
    _case(
        world,
        vhxh,
        kind="violence",
        reported=at(2022, 4, 1, 9),
        plan_due=date(2022, 4, 10),
        decided=at(2022, 4, 20, 10),
        village=v2,
    )
    _case(world, vhxh, kind="sexual_abuse", reported=at(2022, 5, 1, 9))
    _case(
        world,
        vhxh,
        kind="exploitation",
        reported=at(2022, 6, 1, 9),
        plan_due=date(2022, 6, 10),
        decided=at(2022, 6, 30, 10),
        village=v2,
    )
    _case(world, vhxh, kind="exploitation", reported=at(2022, 7, 1, 9), village=v2)
    _case(
        world, vhxh, kind="violence", reported=at(2021, 7, 1, 9), plan_due=date(2021, 7, 10), decided=at(2021, 7, 9, 10)
    )
    # fmt: skip


def test_case_targets_match_an_independent_count(plan, cases, world):
    opened = [c for c in Case.objects.all() if c.reported_at.year == 2022 and c.commune_id == world["commune"].pk]
    in_time = [c for c in opened
               if any(p.status == "approved" and timezone.localdate(p.decided_at) <= p.due_on for p in c.plans.all())]  # fmt: skip
    labour = [c for c in opened if c.kind == "exploitation"]
    labour_planned = [c for c in labour if c.plans.filter(status="approved").exists()]
    abuse = measure_target(plan.targets.get(indicator=I.ABUSE_IN_TIME), on=ON, by_village=True)
    assert (abuse.numerator, abuse.denominator) == (len(in_time), len(opened)) == (1, 5)
    by_village = {row["village"].name: (row["numerator"], row["denominator"]) for row in abuse.by_village}
    assert by_village["Thôn 1"] == (1, 2) and by_village["Thôn 2"] == (0, 3) and by_village["Thôn 3"] == (0, 0)
    labour_m = measure_target(plan.targets.get(indicator=I.LABOUR_WITH_PLAN), on=ON)
    assert (labour_m.numerator, labour_m.denominator) == (len(labour_planned), len(labour)) == (1, 2)


def test_plan_page_shows_each_automatic_value_with_its_numerator_and_denominator(plan, registry, cases, client_for):
    body = client_for("vhxh").get(reverse("programs:plan_detail", args=[plan.pk])).content.decode()
    # 31/12/2022 is before the real today, so the page measures the whole year.
    assert "66,7%" in body and "(2/3)" in body  # special circumstances (Vietnamese decimal comma)
    assert "(1/3)" in body  # under-6 cards
    assert "(1/2)" in body  # disabled children, child labour
    assert "(1/5)" in body  # abuse cases helped in time
    assert 'aria-valuenow="50"' in body  # 1/2 of an 80% goal would be 63; 66.7% of 100% is 67
    assert 'aria-valuenow="67"' in body


def test_counted_children_link_lists_only_children_the_user_may_see(plan, registry, client_for):
    target = plan.targets.get(indicator=I.SPECIAL_SUPPORTED)
    url = reverse("programs:target_children", args=[target.pk])
    body = client_for("vhxh").get(url + "?which=all").content.decode()
    for name in ("orphan_helped", "orphan_not_helped", "ended_in_2022_helped"):
        assert registry[name].full_name in body
    assert registry["other_commune"].full_name not in body
    missing = client_for("vhxh").get(url + "?which=missing").content.decode()
    assert registry["orphan_not_helped"].full_name in missing
    assert registry["orphan_helped"].full_name not in missing
    thon1 = client_for("thon1").get(url + "?which=all").content.decode()
    assert registry["orphan_helped"].full_name in thon1
    assert registry["ended_in_2022_helped"].full_name not in thon1  # lives in Thôn 2
    assert client_for("ketoan").get(url).status_code == 403  # the accountant sees counts, not names
    assert client_for("vhxh2").get(url).status_code == 404


def test_manual_target_takes_values_per_village_with_evidence(plan, client_for, world):
    target = plan.targets.get(indicator=I.MANUAL)
    url = reverse("programs:target_detail", args=[target.pk])
    v1 = world["villages"][0]
    response = client_for("thon1").post(url, {"village": v1.pk, "as_of": "05/11/2022", "numerator": "45",
                                              "denominator": "50", "source": "village_report",
                                              "evidence": "Báo cáo năm của Thôn 1"})  # fmt: skip
    assert response.status_code == 302
    bad = client_for("thon1").post(url, {"village": world["villages"][1].pk, "as_of": "05/11/2022", "numerator": "1",
                                         "denominator": "2", "source": "village_report", "evidence": "x"})  # fmt: skip
    assert bad.status_code == 200 and target.values.count() == 1  # not their village: refused on the form
    too_many = client_for("vhxh").post(url, {"as_of": "05/11/2022", "numerator": "60", "denominator": "50",
                                             "source": "unit", "evidence": "x"})  # fmt: skip
    assert "không thể lớn hơn" in too_many.content.decode()
    m = measure_target(target, on=ON, by_village=True)
    assert (m.numerator, m.denominator) == (45, 50)
    assert m.progress(target) == 100  # 90% reached of a 90% goal
    assert client_for("ketoan").post(url, {}).status_code == 403
