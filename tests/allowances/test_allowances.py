"""Monthly social allowances: rules × base per month, start and end, arrears, the paid list and its
support records, typed amounts that disagree, scope and privacy of the pages."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from accounts.models import AccessLog
from children.allowances import figures, services
from children.allowances.models import BaseLevel, Category, EndReason, Entitlement, PaymentItem, PaymentList
from children.models import ChildCircumstance, CircumstanceGroup, Disability, Support
from tests.factories import make_child

M = services.month_of


def _disabled(village, *, level="severe", dob=date(2015, 3, 14), since=date(2020, 1, 1), **extra):
    child = make_child(village=village, date_of_birth=dob, **extra)
    ChildCircumstance.objects.create(child=child, group=CircumstanceGroup.objects.get(letter="d"), start_date=since)
    Disability.objects.create(child=child, type="mobility", level=level, certified_on=since)
    return child


def _entitle(child, commune, *, category=Category.DISABILITY_SEVERE, start=date(2024, 1, 1), decided=None, **extra):
    return Entitlement.objects.create(
        child=child, commune=commune, category=category, reason="test", decision_number="12/QĐ-UBND",
        decision_date=decided or start, decision_issuer="Chủ tịch UBND xã Y Tịch", start_month=start, **extra,
    )  # fmt: skip


def _line(result, child):
    return next(line for line in result.lines if line.child.pk == child.pk)


@pytest.fixture
def commune(world):
    return world["commune"]


@pytest.fixture
def village(world):
    return world["villages"][0]


# --- rules --------------------------------------------------------------------------------------


def test_rules_loaded_with_their_sources(db):
    levels = list(BaseLevel.objects.values_list("valid_from", "amount"))
    assert levels == [(date(2021, 7, 1), 360_000), (date(2024, 7, 1), 500_000)]
    assert all(BaseLevel.objects.values_list("source", flat=True))
    rules = services.Rules()
    assert rules.coefficient("disability_extremely_severe", 10, date(2024, 1, 1)).coefficient == Decimal("2.5")
    assert rules.coefficient("disability_severe", 10, date(2024, 1, 1)).coefficient == Decimal("2.0")
    assert rules.coefficient("no_carer", 3, date(2024, 1, 1)).coefficient == Decimal("2.5")
    assert rules.coefficient("no_carer", 4, date(2024, 1, 1)).coefficient == Decimal("1.5")
    assert rules.coefficient("no_carer", 4, date(2024, 1, 1)).note  # to be confirmed, said on the row


def test_amount_is_coefficient_times_the_base_of_each_month_across_both_levels(commune, village):
    child = _disabled(village, level="extremely_severe")
    _entitle(child, commune, category=Category.DISABILITY_EXTREMELY_SEVERE, start=date(2024, 5, 1))
    june = services.monthly_list(commune, date(2024, 6, 1))
    july = services.monthly_list(commune, date(2024, 7, 1))
    assert _line(june, child).monthly == 900_000  # 2.5 × 360.000
    assert _line(july, child).monthly == 1_250_000  # 2.5 × 500.000
    assert _line(july, child).change == "changed"
    assert july.base_level.amount == 500_000


def test_a_new_decree_is_a_new_row(commune, village):
    child = _disabled(village)
    _entitle(child, commune, start=date(2026, 1, 1))
    BaseLevel.objects.create(valid_from=date(2027, 1, 1), amount=600_000, source="Nghị định giả định")
    assert _line(services.monthly_list(commune, date(2026, 12, 1)), child).monthly == 1_000_000
    assert _line(services.monthly_list(commune, date(2027, 1, 1)), child).monthly == 1_200_000


def test_the_coefficient_changes_the_month_after_the_4th_birthday(commune, village):
    child = make_child(village=village, date_of_birth=date(2020, 3, 15))
    ChildCircumstance.objects.create(child=child, group=CircumstanceGroup.objects.get(letter="a"),
                                     start_date=date(2022, 1, 1))  # fmt: skip
    _entitle(child, commune, category=Category.NO_CARER, start=date(2023, 1, 1))
    assert _line(services.monthly_list(commune, date(2024, 3, 1)), child).monthly == 900_000  # 2.5 × 360.000
    april = _line(services.monthly_list(commune, date(2024, 4, 1)), child)
    assert april.monthly == 540_000 and april.change == "changed"  # 1.5 × 360.000


# --- proposals, start and end ---------------------------------------------------------------------


def test_proposals_from_the_registry_with_the_highest_coefficient_and_reason(commune, village):
    severe = _disabled(village, level="extremely_severe")
    mild = _disabled(village, level="mild")
    hiv_poor = make_child(village=village, date_of_birth=date(2019, 1, 1), poverty="poor")
    ChildCircumstance.objects.create(child=hiv_poor, group=CircumstanceGroup.objects.get(letter="đ"),
                                     start_date=date(2021, 1, 1))  # fmt: skip
    found = {p.child.pk: p for p in services.proposals(commune, on=date(2026, 12, 2))}
    assert found[severe.pk].rule.coefficient == Decimal("2.5")
    assert "Điều 6" in found[severe.pk].reason and not found[severe.pk].confidential
    assert mild.pk not in found
    assert found[hiv_poor.pk].category == Category.HIV and found[hiv_poor.pk].confidential


def test_confirming_starts_in_the_decision_month_and_refuses_a_second_one(commune, village, user_named):
    child = _disabled(village)
    proposal = next(p for p in services.proposals(commune, on=date(2026, 12, 2)) if p.child == child)
    e = services.entitlement_confirm(user=user_named("vhxh"), proposal=proposal, commune=commune,
                                     decision_number="45/QĐ-UBND", decision_date=date(2026, 11, 20),
                                     decision_issuer="Chủ tịch UBND xã Y Tịch")  # fmt: skip
    assert e.start_month == date(2026, 11, 1) and e.history.count() == 1
    with pytest.raises(ValidationError):
        services.entitlement_confirm(user=user_named("vhxh"), proposal=proposal, commune=commune,
                                     decision_number="46", decision_date=date(2026, 11, 25), decision_issuer="x")  # fmt: skip
    assert child.pk not in {p.child.pk for p in services.proposals(commune, on=date(2026, 12, 2))}


def test_paid_up_to_the_month_of_the_16th_birthday(commune, village):
    child = _disabled(village, dob=date(2010, 5, 15))
    _entitle(child, commune, start=date(2025, 1, 1))
    assert _line(services.monthly_list(commune, date(2026, 5, 1)), child).monthly == 1_000_000
    june = services.monthly_list(commune, date(2026, 6, 1))
    assert child.pk not in {line.child.pk for line in june.lines}
    assert [s.child.pk for s in june.stopped] == [child.pk] and june.stopped[0].reason == str(EndReason.TURNED_16.label)


def test_ending_pays_the_month_of_the_event_and_stops_after(commune, village, user_named):
    child = _disabled(village)
    e = _entitle(child, commune, start=date(2025, 1, 1))
    services.entitlement_end(user=user_named("vhxh"), entitlement=e, reason="adopted", on=date(2025, 8, 20))
    assert child.pk in {line.child.pk for line in services.monthly_list(commune, date(2025, 8, 1)).lines}
    september = services.monthly_list(commune, date(2025, 9, 1))
    assert child.pk not in {line.child.pk for line in september.lines}
    assert september.stopped[0].reason == str(EndReason.ADOPTED.label)
    assert e.history.count() == 2
    with pytest.raises(ValidationError):
        services.entitlement_end(user=None, entitlement=e, reason="bogus", on=date(2025, 8, 20))


# --- arrears and paying ------------------------------------------------------------------------------


def test_a_late_decision_is_paid_in_arrears_across_the_base_change(commune, village, user_named):
    child = _disabled(village)  # 2.0
    _entitle(child, commune, start=date(2024, 5, 1), decided=date(2024, 9, 10))
    assert child.pk not in {line.child.pk for line in services.monthly_list(commune, date(2024, 8, 1)).lines}
    line = _line(services.monthly_list(commune, date(2024, 9, 1)), child)
    assert line.monthly == 1_000_000
    assert line.arrears_months == [date(2024, 5, 1), date(2024, 6, 1), date(2024, 7, 1), date(2024, 8, 1)]
    assert line.arrears == 2 * 720_000 + 2 * 1_000_000
    assert line.change == "new"
    services.list_mark_paid(user=user_named("ketoan"), commune=commune, month=date(2024, 9, 1),
                            paid_on=date(2024, 9, 25), payer="Lương Thị Hạnh")  # fmt: skip
    assert _line(services.monthly_list(commune, date(2024, 10, 1)), child).arrears == 0


def test_a_base_level_entered_after_a_list_was_paid_gives_arrears(commune, village, user_named):
    child = _disabled(village)
    _entitle(child, commune, start=date(2024, 6, 1))
    new_level = BaseLevel.objects.get(valid_from=date(2024, 7, 1))
    new_level.delete()  # July's list was paid before Decree 76 was entered
    services.list_mark_paid(user=user_named("vhxh"), commune=commune, month=date(2024, 7, 1),
                            paid_on=date(2024, 7, 20), payer="Hạnh")  # fmt: skip
    BaseLevel.objects.create(valid_from=date(2024, 7, 1), amount=500_000, source="Nghị định 76/2024/NĐ-CP")
    july = _line(services.monthly_list(commune, date(2024, 7, 1)), child)
    assert july.monthly == 720_000  # the paid list shows what was paid
    august = _line(services.monthly_list(commune, date(2024, 8, 1)), child)
    assert (august.monthly, august.arrears, august.arrears_months) == (1_000_000, 280_000, [date(2024, 7, 1)])


def test_the_paid_list_writes_support_records_equal_to_its_totals(commune, village, user_named):
    a = _disabled(village, level="extremely_severe")
    b = _disabled(village)
    _entitle(a, commune, category=Category.DISABILITY_EXTREMELY_SEVERE, start=date(2024, 7, 1))
    _entitle(b, commune, start=date(2024, 6, 1), decided=date(2024, 8, 3))
    computed = services.monthly_list(commune, date(2024, 8, 1))
    paid = services.list_mark_paid(user=user_named("ketoan"), commune=commune, month=date(2024, 8, 1),
                                   paid_on=date(2024, 8, 28), payer="Lương Thị Hạnh")  # fmt: skip
    supports = Support.objects.filter(kind="allowance", date=date(2024, 8, 28), child__in=[a, b])
    assert paid.total == computed.total == sum(s.amount for s in supports) == 1_250_000 * 2 + 720_000 + 1_000_000 * 2
    assert {s.child_id: s.amount for s in supports} == {line.child.pk: line.total for line in computed.lines}
    assert all(s.history.exists() for s in supports)
    assert figures.paid(commune, start=date(2024, 8, 1), end=date(2024, 8, 31)) == paid.total
    assert figures.paid(village, start=date(2024, 8, 1), end=date(2024, 8, 31)) == paid.total
    assert figures.receiving(commune, start=date(2024, 8, 1), end=date(2024, 8, 31)) == 2
    with pytest.raises(ValidationError):  # never paid twice
        services.list_mark_paid(
            user=None, commune=commune, month=date(2024, 8, 1), paid_on=date(2024, 8, 29), payer="x"
        )
    assert PaymentList.objects.filter(commune=commune, month=date(2024, 8, 1)).count() == 1


def test_amounts_typed_elsewhere_that_disagree_are_flagged(commune, village):
    child = _disabled(village)
    _entitle(child, commune, start=date(2025, 1, 1))
    right = Support.objects.create(
        child=child, kind="allowance", date=date(2025, 3, 5), amount=3_000_000, source="state"
    )
    wrong = Support.objects.create(child=child, kind="allowance", date=date(2025, 3, 6), amount=750_000, source="state")
    flagged = services.disagreements(commune, date(2025, 3, 1))
    assert [d.support for d in flagged] == [wrong] and flagged[0].due == 1_000_000
    assert right not in [d.support for d in flagged]


# --- pages: scope and privacy -----------------------------------------------------------------------


@pytest.fixture
def paid_world(commune, village, world, user_named):
    here = _disabled(village)
    other_village = _disabled(world["villages"][1])
    hiv = make_child(village=village, date_of_birth=date(2014, 1, 1), poverty="poor")
    _entitle(here, commune, start=date(2026, 10, 1))
    _entitle(other_village, commune, start=date(2026, 10, 1))
    _entitle(hiv, commune, category=Category.HIV, start=date(2026, 10, 1), confidential=True)
    return {"here": here, "other": other_village, "hiv": hiv}


def _list_url(area, month="11/2026"):
    return reverse("children:allowances:list") + f"?area={area.pk}&month={month}"


def test_the_village_head_sees_their_village_list_only(paid_world, client_for, village, commune, world, user_named):
    client = client_for("thon1")
    page = client.get(_list_url(village))
    assert page.status_code == 200
    text = page.content.decode()
    assert paid_world["here"].full_name in text and paid_world["other"].full_name not in text
    assert client.get(_list_url(commune)).status_code == 404
    assert client.get(_list_url(world["villages"][1])).status_code == 404
    e = Entitlement.objects.get(child=paid_world["other"])
    assert client.get(reverse("children:allowances:detail", args=[e.pk])).status_code == 404
    services.list_mark_paid(user=user_named("ketoan"), commune=commune, month=date(2026, 11, 1),
                            paid_on=date(2026, 11, 25), payer="Hạnh")  # fmt: skip
    paid = client.get(_list_url(village)).content.decode()  # the paid list, narrowed to the village
    assert paid_world["here"].full_name in paid and paid_world["other"].full_name not in paid
    assert client.post(reverse("children:allowances:pay") + f"?area={village.pk}&month=12/2026",
                       {"paid_on": "25/12/2026", "payer": "x"}).status_code == 404  # fmt: skip


def test_the_accountant_sees_and_pays_the_commune_list_without_confidential_reasons(paid_world, client_for, commune):
    client = client_for("ketoan")
    page = client.get(_list_url(commune))
    text = page.content.decode()
    assert page.status_code == 200 and paid_world["hiv"].full_name in text
    assert "HIV" not in text  # the category of a confidential group is withheld
    e = Entitlement.objects.get(child=paid_world["hiv"])
    detail = client.get(reverse("children:allowances:detail", args=[e.pk])).content.decode()
    assert "HIV" not in detail and "test" not in detail.split("Lịch sử")[0]
    response = client.post(reverse("children:allowances:pay") + f"?area={commune.pk}&month=11/2026",
                           {"paid_on": "25/11/2026", "payer": "Lương Thị Hạnh"})  # fmt: skip
    assert response.status_code == 302
    paid = PaymentList.objects.get(commune=commune, month=date(2026, 11, 1))
    assert paid.total == 3 * 1_000_000 + 1_000_000 * 3  # two months each (October in arrears): 2.0 × 500.000
    assert client.get(reverse("children:allowances:proposals")).status_code == 403


def test_the_officer_sees_the_reason_of_a_confidential_group(paid_world, client_for, commune):
    text = client_for("vhxh").get(_list_url(commune)).content.decode()
    assert "HIV" in text


def test_nobody_outside_the_commune_sees_anything(paid_world, client_for, commune, village):
    for username in ("vhxh2", "yte", "truong"):
        client = client_for(username)
        assert client.get(_list_url(commune)).status_code == 404, username
        assert client.get(_list_url(village)).status_code == 404, username
        e = Entitlement.objects.get(child=paid_world["here"])
        assert client.get(reverse("children:allowances:detail", args=[e.pk])).status_code == 404, username
        assert client.get(reverse("children:allowances:list_pdf") + f"?area={commune.pk}").status_code == 404
        assert client.get(reverse("children:allowances:list_xlsx") + f"?area={commune.pk}").status_code == 404
    assert client_for("vhxh2").post(
        reverse("children:allowances:pay") + f"?area={commune.pk}&month=11/2026", {"paid_on": "25/11/2026", "payer": "x"}
    ).status_code == 404  # fmt: skip
    assert not PaymentList.objects.exists()


def test_print_and_export_are_logged_with_download_names(paid_world, client_for, commune):
    client = client_for("vhxh")
    pdf = client.get(reverse("children:allowances:list_pdf") + f"?area={commune.pk}&month=11/2026")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf"
    assert "danh-sach-chi-tra-tro-cap-11-2026-y-tich.pdf" in pdf["Content-Disposition"]
    xlsx = client.get(reverse("children:allowances:list_xlsx") + f"?area={commune.pk}&month=11/2026")
    assert xlsx.status_code == 200 and "danh-sach-chi-tra-tro-cap-11-2026-y-tich.xlsx" in xlsx["Content-Disposition"]
    actions = set(AccessLog.objects.filter(what__startswith="allowances.list").values_list("what", "action"))
    assert {("allowances.list_pdf", "print"), ("allowances.list_xlsx", "export")} <= actions


def test_the_officer_confirms_a_proposal_on_the_page(client_for, village, commune):
    child = _disabled(village, level="extremely_severe")
    client = client_for("vhxh")
    assert child.full_name in client.get(reverse("children:allowances:proposals")).content.decode()
    response = client.post(reverse("children:allowances:confirm", args=[child.pk]), {
        "decision_number": "88/QĐ-UBND", "decision_date": "20/11/2026",
        "decision_issuer": "Chủ tịch UBND xã Y Tịch", "start_month": "09/2026"})  # fmt: skip
    e = Entitlement.objects.get(child=child)
    assert response.status_code == 302 and e.start_month == date(2026, 9, 1)
    line = _line(services.monthly_list(commune, date(2026, 11, 1)), child)
    assert line.arrears == 2 * 1_250_000 and line.monthly == 1_250_000
    assert PaymentItem.objects.count() == 0


def test_the_village_and_commune_report_rows_are_filled_from_the_allowance_figures(commune, village, user_named):
    from reporting.indicators import compute
    from reporting.models import Indicator, ReportType

    child = _disabled(village)
    _entitle(child, commune, start=date(2024, 1, 1))
    paid = services.list_mark_paid(user=user_named("vhxh"), commune=commune, month=date(2024, 3, 1),
                                   paid_on=date(2024, 3, 20), payer="Hạnh")  # fmt: skip
    indicators = Indicator.objects.filter(code__in=["0107", "0108"])
    for area in (village, commune):
        values = compute(indicators, area=area, start=date(2024, 1, 1), end=date(2024, 6, 30))
        assert values[("0107", "")] == (1, "registry") and values[("0108", "")] == (paid.total, "registry")
        assert paid.total == 3 * 720_000  # January and February in arrears
    for code in ("village-6m", "village-annual", "commune-6m", "commune-annual"):
        assert {"0107", "0108"} <= set(ReportType.objects.get(code=code).indicators.values_list("code", flat=True))


def test_registry_events_ask_for_the_end_of_an_allowance(commune, village, world):
    from children.models import Adoption

    adopted = _disabled(village)
    moved = _disabled(village)
    stays = _disabled(village)
    for child in (adopted, moved, stays):
        _entitle(child, commune, start=date(2026, 1, 1))
    Adoption.objects.create(child=adopted, registered_on=date(2026, 10, 3), kind="domestic", adoptive_parents="X")
    moved.village = world["village2"]  # another commune
    moved.save()
    flagged = services.endings_to_record(services.monthly_list(commune, date(2026, 10, 1)))
    assert {(t.child.pk, t.event) for t in flagged} == {
        (adopted.pk, str(EndReason.ADOPTED.label)),
        (moved.pk, str(EndReason.LEFT.label)),
    }


def test_the_list_takes_a_fixed_number_of_queries(commune, village, django_assert_num_queries):
    for _ in range(3):
        _entitle(_disabled(village), commune, start=date(2026, 1, 1), decided=date(2026, 3, 1))
    with django_assert_num_queries(5):
        assert len(services.monthly_list(commune, date(2026, 11, 1)).lines) == 3
    for _ in range(3):
        _entitle(_disabled(village), commune, start=date(2026, 2, 1))
    with django_assert_num_queries(5):
        assert len(services.monthly_list(commune, date(2026, 11, 1)).lines) == 6


def test_the_home_page_shows_this_months_list_to_those_who_pay_it(paid_world, client_for):
    text = client_for("ketoan").get("/").content.decode()
    assert "Trợ cấp xã hội hằng tháng" in text and "chưa chi trả" in text
    assert "Trợ cấp xã hội hằng tháng" not in client_for("yte").get("/").content.decode()
