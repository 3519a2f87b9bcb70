"""One definition per figure (issue 11): on the Y Tịch demo, for every 2022 reporting period and every
area, the plan's target, the report's indicator, the district workbook and the dashboard show the same
number for the same area and period; and registering a child today changes no 2022 figure."""

import io
from datetime import date

import pytest
from django.core.management import call_command
from django.utils import timezone
from openpyxl import load_workbook

from accounts.models import Area, User
from children.models import Ethnicity
from children.selectors import registry_dashboard
from children.services import child_register
from programs.models import Plan, Target
from programs.selectors import measure_target
from reporting import exports
from reporting import selectors as sel
from reporting.models import Period, Submission

I = Target.Indicator  # noqa: E741


@pytest.fixture
def demo(db):
    call_command("seed_demo", verbosity=0)
    commune = Area.objects.get(kind=Area.Kind.COMMUNE, name="Y Tịch")
    return {
        "commune": commune,
        "villages": list(commune.subareas.filter(kind=Area.Kind.VILLAGE).order_by("code")),
        "plan": Plan.objects.get(commune=commune, year=2022),
        "vhxh": User.objects.get(username="vhxh"),
        "huyen": User.objects.get(username="huyen"),
    }


def _report_figures(period, area):
    known = sel.prefill(period, area, sel.report_indicators(period.report_type))
    return {code_key: value for code_key, (value, _source) in known.items()}


def _target(plan, indicator, on, area):
    measure = measure_target(plan.targets.get(indicator=indicator), on=on, by_village=True)
    if area.kind == Area.Kind.COMMUNE:
        return measure.numerator, measure.denominator
    row = next(r for r in measure.by_village if r["village"] == area)
    return row["numerator"], row["denominator"]


def test_plan_report_workbook_and_dashboard_agree_for_every_2022_period_and_area(demo):
    plan, vhxh = demo["plan"], demo["vhxh"]
    periods = Period.objects.filter(
        year=2022, report_type__code__in=["village-6m", "village-annual"], area=demo["commune"]
    )
    assert periods.count() == 2
    checked = 0
    for period in periods:
        assert period.start == date(2022, 1, 1)  # the plan's year-to-date and the period coincide
        for area in [demo["commune"], *demo["villages"]]:
            report = _report_figures(period, area)
            board = registry_dashboard(vhxh, area, on=period.end)
            special = _target(plan, I.SPECIAL_SUPPORTED, period.end, area)
            assert special == (report[("0104", "")], report[("0103", "")]), (period, area)
            assert (board.with_circumstance_supported, board.special_in_year) == special, (period, area)
            insured = _target(plan, I.UNDER6_INSURED, period.end, area)
            assert insured == (report[("0202", "")], report[("0201", "")]), (period, area)
            assert (board.under6_insured, board.under6) == insured, (period, area)
            disabled = _target(plan, I.DISABLED_SUPPORTED, period.end, area)
            assert disabled == (report[("0106", "")], report[("0105", "")]), (period, area)
            assert board.active == report[("0101", "")]
            checked += 1
    assert checked == 2 * 9


def test_the_district_workbook_shows_what_the_commune_reported(demo):
    period = Period.objects.get(year=2022, report_type__code="commune-6m", area=demo["commune"].parent)
    submission = Submission.objects.get(period=period, area=demo["commune"])
    assert submission.status in {Submission.Status.SUBMITTED, Submission.Status.ACCEPTED}
    stored = {(v.indicator.code, v.key): v.value for v in submission.values.select_related("indicator")}
    now = _report_figures(period, demo["commune"])
    for code_key in [("0101", ""), ("0103", ""), ("0104", ""), ("0201", ""), ("0202", ""), ("0105", "")]:
        assert stored[code_key] == now[code_key], code_key
    rows = sel.status_rows(period, demo["huyen"], timezone.localdate())
    data, _count = exports.period_xlsx(period, rows, made_by=demo["huyen"], viewer=demo["huyen"])
    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    header = next(r for r in sheet.iter_rows(values_only=True) if r and r[0] == "Mã")
    column = header.index(demo["commune"].name)
    cells = {(r[0], r[2]): r[column] for r in sheet.iter_rows(values_only=True) if r and r[0] in {"0103", "0104"}}
    assert cells[("0103", "Tổng cộng")] == stored[("0103", "")]
    assert cells[("0104", "Tổng cộng")] == stored[("0104", "")]


def test_registering_a_child_today_changes_no_submitted_2022_report(demo, client):
    submission = Submission.objects.filter(period__year=2022, status=Submission.Status.ACCEPTED).first()
    before = _report_figures(submission.period, submission.area)
    stored = {(v.indicator.code, v.key): v.value for v in submission.values.select_related("indicator")}
    village = submission.area if submission.area.kind == Area.Kind.VILLAGE else demo["villages"][0]
    child_register(
        user=demo["vhxh"],
        full_name="Nông Thị Mới Đăng Ký",
        date_of_birth=date(2019, 2, 3),
        sex="F",
        ethnicity=Ethnicity.objects.get(code="02"),
        village=village,
    )
    assert _report_figures(submission.period, submission.area) == before
    assert {(v.indicator.code, v.key): v.value for v in submission.values.select_related("indicator")} == stored
    client.force_login(demo["vhxh"])
    page = client.get(f"/reporting/reports/{submission.pk}/").content.decode()
    assert "figures-as-of" in page and "data-changed" not in page
