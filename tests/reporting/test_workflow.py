"""The life of a report: draft → submitted (on time or late) → returned → resubmitted → accepted,
the commune's approval and consolidation, the district's review, and why a form is locked."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from reporting import selectors as sel
from reporting import services
from reporting.models import Event, Submission, Value
from tests.factories import make_child

from .conftest import at, typed_values

S = Submission.Status


@pytest.fixture
def people(user_named):
    return {u: user_named(u) for u in ("thon1", "thon2", "vhxh", "chutich", "huyen")}


def village_report(cal, village, head, when, **codes):
    sub = services.submission_save(
        period=cal["v6"], area=village, user=head, values=typed_values(cal["v6"], village, **codes),
        results="Đã tuyên truyền.", now=when,
    )  # fmt: skip
    return services.submission_submit(submission=sub, user=head, now=when)


def test_submitting_at_the_last_second_of_the_deadline_is_on_time(world, cal, people):
    # Deadline 05/5/2022: 23:59:59 in Hanoi is 16:59:59 UTC — still on time.
    sub = village_report(cal, world["villages"][0], people["thon1"], at(2022, 5, 5, 23, 59, 59))
    assert sub.on_time is True
    assert cal["v6"].deadline == dt.date(2022, 5, 5)


def test_submitting_at_midnight_after_the_deadline_is_late(world, cal, people):
    # 00:00 on 06/5 in Hanoi is still 05/5 (17:00) in UTC; it is late all the same.
    moment = at(2022, 5, 6, 0, 0, 0)
    assert moment.astimezone(dt.UTC).date() == dt.date(2022, 5, 5)
    sub = village_report(cal, world["villages"][0], people["thon1"], moment)
    assert sub.on_time is False
    row = sel.status_rows(cal["v6"], people["vhxh"], dt.date(2022, 5, 6))[0]
    assert row.state == "submitted_late"


def test_return_and_resubmit_keep_the_first_timeliness_and_record_each_step(world, cal, people):
    v1 = world["villages"][0]
    sub = village_report(cal, v1, people["thon1"], at(2022, 5, 4))
    with pytest.raises(ValidationError) as err:
        services.submission_return(submission=sub, user=people["vhxh"], comment="  ", now=at(2022, 5, 6))
    assert "comment" in err.value.message_dict
    sub = services.submission_return(
        submission=sub, user=people["vhxh"], comment="Số buổi truyền thông chưa đúng", now=at(2022, 5, 6)
    )
    assert sub.status == S.RETURNED
    sub = services.submission_save(
        period=cal["v6"], area=v1, user=people["thon1"], values=typed_values(cal["v6"], v1, **{"0701": 4}),
        now=at(2022, 5, 7),
    )  # fmt: skip
    sub = services.submission_submit(submission=sub, user=people["thon1"], now=at(2022, 5, 7))
    assert sub.is_resubmitted and sub.status_label == "nộp lại"
    assert sub.on_time is True  # judged by the first submission
    sub = services.submission_accept(submission=sub, user=people["vhxh"], now=at(2022, 5, 8))
    actions = list(sub.events.values_list("action", flat=True))
    assert actions == ["saved", "submitted", "returned", "saved", "resubmitted", "accepted"]
    assert Event.objects.get(submission=sub, action="returned").comment == "Số buổi truyền thông chưa đúng"
    assert sub.values.get(indicator__code="0701").value == 4


def test_accepted_report_is_locked_and_the_form_says_why(world, cal, people):
    v1 = world["villages"][0]
    sub = village_report(cal, v1, people["thon1"], at(2022, 5, 4))
    services.submission_accept(submission=sub, user=people["vhxh"], now=at(2022, 5, 6))
    with pytest.raises(ValidationError, match="đã được chấp nhận"):
        services.submission_save(period=cal["v6"], area=v1, user=people["thon1"], values={}, now=at(2022, 5, 7))


def test_form_says_not_open_yet_and_period_closed(world, cal, people):
    v2 = world["villages"][1]
    period = cal["v6"]
    assert "chưa mở" in sel.edit_block_reason(period, None, period.opens_on - dt.timedelta(days=1))
    assert sel.edit_block_reason(period, None, period.opens_on) is None
    services.period_update(period=period, user=people["vhxh"], closes_on=dt.date(2022, 6, 30))
    assert "đã đóng" in sel.edit_block_reason(period, None, dt.date(2022, 7, 1))
    with pytest.raises(ValidationError, match="đã đóng"):
        services.submission_save(period=period, area=v2, user=people["thon2"], values={}, now=at(2022, 7, 1))


def test_impossible_values_are_refused_with_the_field_named(world, cal, people):
    v1 = world["villages"][0]
    values = typed_values(cal["v6"], v1, **{"0306": 1, "0307": 3, "0601": 5, "0602": 9})
    with pytest.raises(ValidationError) as err:
        services.submission_save(period=cal["v6"], area=v1, user=people["thon1"], values=values, now=at(2022, 5, 1))
    errors = err.value.message_dict
    assert "v-0602-total" in errors and "0601" in errors["v-0602-total"][0]
    assert not Submission.objects.exists()  # nothing half-saved


def test_impossible_registry_combination_is_caught_by_the_rules(world, cal):
    # The rules see every value, computed or typed: "supported" may not exceed "in the group".
    rows = sel.build_rows(
        sel.report_indicators(cal["v6"].report_type),
        {
            ("0103", ""): (2, "typed"),
            ("0103", "a"): (2, "typed"),
            ("0104", ""): (3, "typed"),
            ("0104", "a"): (3, "typed"),
        },
    )
    errors = sel.validate_rows(rows, complete=False)
    assert "v-0104-a" in errors and "0103" in errors["v-0104-a"]


def test_a_draft_may_be_incomplete_but_not_a_submission(world, cal, people):
    v1 = world["villages"][0]
    sub = services.submission_save(period=cal["v6"], area=v1, user=people["thon1"], values={}, now=at(2022, 5, 1))
    assert sub.status == S.DRAFT
    with pytest.raises(ValidationError) as err:
        services.submission_submit(submission=sub, user=people["thon1"], now=at(2022, 5, 1))
    assert "v-0701-total" in err.value.message_dict


def test_commune_report_adds_up_accepted_village_reports_only(world, cal, people, user_named):
    v1, v2, v3 = world["villages"][:3]
    make_child(village=v1)
    make_child(village=v2)
    for village, head, sessions in ((v1, "thon1", 3), (v2, "thon2", 5)):
        sub = village_report(cal, village, user_named(head), at(2022, 5, 4), **{"0701": sessions})
        services.submission_accept(submission=sub, user=people["vhxh"], now=at(2022, 5, 6))
    village_report(cal, v3, user_named("thon3"), at(2022, 5, 4), **{"0701": 100})  # submitted, not accepted
    indicators = sel.report_indicators(cal["c6"].report_type)
    known = sel.prefill(cal["c6"], world["commune"], indicators)
    assert known[("0701", "")] == (8, Value.Source.VILLAGES)
    assert known[("0101", "")] == (2, Value.Source.REGISTRY)  # commune-wide, from the registry


def test_commune_report_needs_the_chairmans_approval_then_the_district_accepts(world, cal, people):
    commune = world["commune"]
    sub = services.submission_save(
        period=cal["c6"], area=commune, user=people["vhxh"], values=typed_values(cal["c6"], commune),
        number="45/BC-UBND", results="Kết quả", now=at(2022, 5, 8),
    )  # fmt: skip
    with pytest.raises(ValidationError, match="phê duyệt"):
        services.submission_submit(submission=sub, user=people["vhxh"], now=at(2022, 5, 8))
    sub = services.submission_approve(submission=sub, user=people["chutich"], now=at(2022, 5, 9))
    sub = services.submission_submit(submission=sub, user=people["vhxh"], now=at(2022, 5, 10, 23, 0))
    assert sub.on_time and sub.approved_by == people["chutich"]
    sub = services.submission_accept(submission=sub, user=people["huyen"], now=at(2022, 5, 12))
    assert sub.status == S.ACCEPTED
    with pytest.raises(ValidationError):
        services.submission_reopen(submission=sub, user=people["huyen"], reason="", now=at(2022, 5, 13))
    sub = services.submission_reopen(
        submission=sub, user=people["huyen"], reason="Sai số liệu quỹ", now=at(2022, 5, 13)
    )
    assert sub.status == S.RETURNED and sub.approved_by is None
    assert sub.events.filter(action="reopened", comment="Sai số liệu quỹ").exists()


def test_village_report_cannot_be_reopened_while_the_commune_report_is_sent(world, cal, people):
    v1, commune = world["villages"][0], world["commune"]
    sub = village_report(cal, v1, people["thon1"], at(2022, 5, 4))
    sub = services.submission_accept(submission=sub, user=people["vhxh"], now=at(2022, 5, 5))
    c = services.submission_save(
        period=cal["c6"], area=commune, user=people["vhxh"], values=typed_values(cal["c6"], commune), now=at(2022, 5, 8)
    )
    services.submission_approve(submission=c, user=people["chutich"], now=at(2022, 5, 9))
    with pytest.raises(ValidationError, match="phải mở lại báo cáo của xã trước"):
        services.submission_reopen(submission=sub, user=people["vhxh"], reason="Sửa", now=at(2022, 5, 9))


def test_completeness_and_timeliness_rates(world, cal, people, user_named):
    for n, when in ((1, at(2022, 5, 4)), (2, at(2022, 5, 6, 9))):
        village_report(cal, world["villages"][n - 1], user_named(f"thon{n}"), when)
    rows = sel.status_rows(cal["v6"], people["vhxh"], dt.date(2022, 5, 10))
    rates = sel.rates(rows)
    assert (rates["expected"], rates["received"], rates["on_time"]) == (8, 2, 1)
    assert (rates["completeness"], rates["timeliness"]) == (25, 12)
    assert [r.state for r in rows][:3] == ["submitted_on_time", "submitted_late", "missing"]


def test_reports_go_to_the_area_above_whatever_its_kind(world, people):
    """After 2025 a commune reports to the province: a data change only."""
    from accounts.models import Area
    from reporting.models import Period

    province = world["province"]
    new_commune = Area(code="VL", name="Vạn Linh", kind=Area.Kind.COMMUNE, parent=province)
    new_commune.full_clean()
    new_commune.save()
    services.calendar_create_year(area=province, year=2026, user=people["huyen"])
    period = Period.objects.get(area=province, year=2026, report_type__code="commune-6m")
    # the new commune, and the communes of the abolished district (the area above them in 2026)
    assert list(sel.reporters(period)) == [world["commune2"], world["commune"], new_commune]
    assert period.deadline == dt.date(2026, 5, 10)
    services.calendar_create_year(area=world["district"], year=2022, user=people["huyen"])
    old = Period.objects.get(area=world["district"], year=2022, report_type__code="commune-6m")
    assert list(sel.reporters(old)) == [world["commune2"], world["commune"]]  # 2022: to the district


def test_adhoc_report_can_be_raised_by_the_commune_any_time(world, people):
    sub = services.adhoc_raise(
        commune=world["commune"], user=people["vhxh"], title="Khó khăn do lũ", deadline=dt.date(2022, 9, 1),
        now=at(2022, 8, 20),
    )  # fmt: skip
    assert sub.period.area == world["district"] and sub.period.reporter == world["commune"]
    assert list(sel.reporters(sub.period)) == [world["commune"]]
