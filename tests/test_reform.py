"""The 2025 reform as data: a merger of communes on a small world, dry run and run; the past stays."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError

from accounts import scope
from accounts.models import Area, Membership, Reorganisation, User
from children import figures
from children.models import Residence
from children.services import residences_follow
from funds import figures as fund_figures
from funds import services as fund_services
from funds.models import Entry, Fund
from reporting import selectors as rsel
from reporting import services as rservices
from reporting.models import Period
from reporting.reform import merge_communes, move_villages
from tests.factories import make_child

D = date(2025, 7, 1)


def post(fund, kind, amount, day, people, category):
    entry = fund_services.entry_draft(
        fund=fund, kind=kind, entry_date=day, amount=amount, category=category, purpose="Thử", user=people["ketoan"]
    )
    entry = fund_services.entry_submit(entry=entry, user=people["ketoan"])
    entry = fund_services.entry_approve(entry=entry, user=people["chutich"])
    return fund_services.entry_post(entry=entry, user=people["ketoan"])


@pytest.fixture
def small(world):
    people = {u.username: u for u in User.objects.filter(username__in=["vhxh", "ketoan", "chutich", "tinh", "huyen"])}
    v1, v2 = world["villages"][0], world["villages"][1]
    kids = [make_child(village=v1, sex="M") for _ in range(3)] + [make_child(village=v2)]
    kids.append(make_child(village=world["village2"]))
    yt_fund = fund_services.fund_create(commune=world["commune"], started_on=date(2022, 1, 1), user=people["ketoan"])
    post(yt_fund, Entry.Kind.RECEIPT, 5_000_000, date(2022, 3, 1), people, Entry.Category.DONATION_PERSON)
    post(yt_fund, Entry.Kind.DISBURSEMENT, 1_200_000, date(2022, 6, 1), people, Entry.Category.GIFTS)
    hb_fund = fund_services.fund_create(commune=world["commune2"], started_on=date(2022, 1, 1), brought_forward=700_000)
    return {"people": people, "kids": kids, "yt_fund": yt_fund, "hb_fund": hb_fund}


def figures_2022(world):
    end = date(2022, 12, 31)
    areas = [world["province"], world["district"], world["commune"], world["commune2"], *world["villages"]]
    return {
        "under_16": [figures.under_16(a, on=end) for a in areas],
        "per_village": figures.under_16(world["district"], on=end, per_village=True),
        "by_sex": figures.by_sex(world["commune"], on=end),
        "by_age_band": figures.by_age_band(world["commune"], on=end),
        "funds": fund_figures.fund_totals(area=world["district"], start=date(2022, 1, 1), end=end),
    }


def merge(world, small, dry_run):
    return merge_communes(
        [world["commune"], world["commune2"]], None, D, dry_run,
        target_code="VL-TEST", target_name="Vạn Linh", parent=world["province"], user=small["people"]["tinh"],
    )  # fmt: skip


def test_dry_run_lists_what_will_move_and_writes_nothing(world, small):
    areas, memberships = Area.objects.count(), Membership.objects.count()
    move = merge(world, small, dry_run=True)
    text = "\n".join(move.lines)
    assert "Vạn Linh" in text and "Thôn 1 (YT01)" in text and "VL-TEST-YT01" in text
    assert "5 children" in text or "5 trẻ" in text
    assert "3.800.000" in text and "700.000" in text  # the balances to carry
    assert Area.objects.count() == areas and Membership.objects.count() == memberships
    assert not Reorganisation.objects.exists()


def test_merger_moves_what_is_open_and_leaves_the_past(world, small):
    before = figures_2022(world)
    move = merge(world, small, dry_run=False)
    target = Area.objects.get(code="VL-TEST")
    assert target.parent == world["province"] and target.valid_from == D
    world["commune"].refresh_from_db()
    assert world["commune"].valid_to == date(2025, 6, 30)
    assert figures_2022(world) == before  # every 2022 figure identical
    # children count in the old communes up to 30/06/2025 and in the new one from 01/07/2025
    assert figures.under_16(world["commune"], on=date(2025, 6, 30)) == 4
    assert figures.under_16(world["commune"], on=D) == 0
    assert figures.under_16(target, on=D) == 5
    new_v1 = Area.objects.get(code="VL-TEST-YT01")
    assert new_v1.parent == target and figures.under_16(new_v1, on=date(2026, 12, 1)) == 3
    # memberships: the old end on 30/06/2025, the new begin on 01/07/2025
    vhxh = small["people"]["vhxh"]
    old = Membership.objects.get(user=vhxh, area=world["commune"])
    new = Membership.objects.get(user=vhxh, area=target)
    assert old.valid_to == date(2025, 6, 30) and new.valid_from == D and new.unit.commune == target
    vhxh = User.objects.get(pk=vhxh.pk)
    assert scope.can(vhxh, "registry.edit", new_v1) and not scope.can(vhxh, "registry.edit", world["villages"][0])
    assert scope.can(vhxh, "registry.view", world["villages"][0])  # the history stays readable
    assert Membership.objects.get(user__username="thon1", area=new_v1).valid_from == D
    record = Reorganisation.objects.get()
    assert record.sources == ["YT", "HB"] and record.villages["YT01"] == "VL-TEST-YT01"
    assert record.lines == move.lines


def test_fund_books_balance_to_the_dong(world, small):
    merge(world, small, dry_run=False)
    yt, hb = small["yt_fund"], small["hb_fund"]
    new = Fund.objects.get(commune__code="VL-TEST", kind=yt.kind)
    assert fund_figures.fund_balance(fund=yt, through=date(2025, 6, 29)) == 3_800_000
    assert fund_figures.fund_balance(fund=yt) == 0 and fund_figures.fund_balance(fund=hb) == 0
    assert fund_figures.fund_balance(fund=new) == 4_500_000
    vouchers = Entry.objects.filter(category=Entry.Category.TRANSFER, status=Entry.Status.POSTED)
    assert sorted((e.fund.commune.code, e.voucher_code[:7], e.amount) for e in vouchers) == [
        ("HB", "PC-2025", 700_000),
        ("VL-TEST", "PT-2025", 700_000),
        ("VL-TEST", "PT-2025", 3_800_000),
        ("YT", "PC-2025", 3_800_000),
    ]
    assert {e.voucher_code for e in vouchers if e.fund == new} == {"PT-2025-001", "PT-2025-002"}
    assert all(y.is_closed for y in yt.years.all())
    # the carried balances are neither receipts nor spending of 2025
    totals = fund_figures.fund_totals(area=world["province"], start=date(2025, 1, 1), end=date(2025, 12, 31))
    assert totals["receipts"] == totals["disbursements"] == 0


def test_a_child_moved_in_2026_counts_in_its_old_village_for_2025(world, small):
    merge(world, small, dry_run=False)
    a, b = Area.objects.get(code="VL-TEST-YT01"), Area.objects.get(code="VL-TEST-YT02")
    child = small["kids"][0]
    child.refresh_from_db()
    child.village = b
    child.save()
    residences_follow([child], on=date(2026, 3, 1))
    assert figures.under_16(a, on=date(2025, 12, 31)) == 3 and figures.under_16(b, on=date(2025, 12, 31)) == 1
    assert figures.under_16(a, on=date(2026, 3, 1)) == 2 and figures.under_16(b, on=date(2026, 3, 1)) == 2
    assert figures.under_16(world["villages"][0], on=date(2022, 12, 31)) == 3
    assert Residence.objects.filter(child=child).count() == 3


def test_a_village_moves_alone_later(world, small):
    merge(world, small, dry_run=False)
    other = Area.objects.create(code="XX", name="Xã Khác", kind=Area.Kind.COMMUNE, parent=world["province"])
    village = Area.objects.get(code="VL-TEST-YT02")
    dry = move_villages([village], other, date(2026, 1, 1))
    assert any("1 children" in line or "1 trẻ" in line for line in dry.lines)
    move_villages([village], other, date(2026, 1, 1), dry_run=False)
    moved = Area.objects.get(code="XX-VL-TEST-YT02")
    assert figures.under_16(moved, on=date(2026, 6, 1)) == 1 and figures.under_16(village, on=date(2025, 12, 31)) == 1
    assert Area.objects.get(code="VL-TEST").valid_to is None  # the commune stays


def test_merger_is_atomic(world, small):
    for year in (2023, 2024, 2025):
        fund_services.year_open(fund=small["yt_fund"], year=year, user=small["people"]["ketoan"])
    post(small["yt_fund"], Entry.Kind.RECEIPT, 1, date(2025, 8, 1), small["people"], Entry.Category.DONATION_PERSON)
    with pytest.raises(ValidationError, match="PT-2025-001"):  # an entry of the new book's days, in the old book
        merge(world, small, dry_run=False)
    assert not Area.objects.filter(code="VL-TEST").exists()
    assert Residence.objects.filter(village__code__startswith="VL-TEST").count() == 0
    assert not Membership.objects.filter(valid_to__isnull=False).exists()


def test_entries_not_posted_stay_in_the_old_book(world, small):
    fund_services.entry_draft(
        fund=small["hb_fund"], kind=Entry.Kind.RECEIPT, entry_date=date(2022, 5, 1), amount=1, purpose="x",
        category=Entry.Category.DONATION_PERSON, user=small["people"]["ketoan"],
    )  # fmt: skip
    move = merge(world, small, dry_run=False)
    assert any("1 entries not posted" in line or "1 bút toán" in line for line in move.lines)
    assert not small["hb_fund"].years.get(year=2022).is_closed
    assert small["hb_fund"].years.get(year=2025).is_closed
    assert fund_figures.fund_balance(fund=small["hb_fund"]) == 0


def test_abolished_district_reads_its_2022_reports_but_cannot_act_in_2026(world, small):
    huyen = small["people"]["huyen"]
    rservices.calendar_create_year(area=world["district"], year=2022, user=huyen)
    period = Period.objects.get(area=world["district"], year=2022, report_type__code="commune-6m")
    assert scope.can(huyen, "reports.view", world["district"])
    assert not scope.can(huyen, "reports.review", world["district"])
    assert not scope.can(huyen, "reports.calendar_edit", world["district"])
    assert rsel.may_export(huyen, period)  # its 2022 workbook
    assert rsel.is_relevant(huyen, period)
    with pytest.raises(ValidationError):
        rservices.calendar_create_year(area=world["district"], year=2026, user=huyen)


def test_reports_after_the_reform_go_to_the_province(world, small):
    merge(world, small, dry_run=False)
    tinh = small["people"]["tinh"]
    target = Area.objects.get(code="VL-TEST")
    rservices.calendar_create_year(area=world["province"], year=2026, user=tinh)
    period = Period.objects.get(area=world["province"], year=2026, report_type__code="commune-6m")
    assert list(rsel.reporters(period)) == [target]  # the old communes closed in 2025
    assert rsel.receiver(target, period) == world["province"]
    assert scope.can(tinh, "reports.review", world["province"])


def test_merge_page_previews_then_merges_for_the_province_office(world, small, client_for):
    from django.urls import reverse

    url = reverse("reporting:merge")
    data = {
        "sources": [world["commune"].pk, world["commune2"].pk], "code": "VL-TEST", "name": "Vạn Linh",
        "on_date": "01/07/2025", "action": "preview",
    }  # fmt: skip
    client = client_for("tinh")
    body = client.get(url).content.decode()
    assert "Y Tịch" in body and "Hòa Bình" in body
    body = client.post(url, data).content.decode()
    assert "VL-TEST-YT01" in body and not Area.objects.filter(code="VL-TEST").exists()
    body = client.post(url, {**data, "action": "merge"}).content.decode()
    assert Area.objects.get(code="VL-TEST").parent == world["province"]
    assert Reorganisation.objects.get().done_by.username == "tinh"


def test_merge_page_moves_a_village_alone(world, small, client_for):
    from django.urls import reverse

    url = reverse("reporting:merge")
    other = Area.objects.create(code="XX", name="Xã Khác", kind=Area.Kind.COMMUNE, parent=world["province"])
    village = Area.objects.get(code="YT02")
    data = {"villages": [village.pk], "target": other.pk, "on_date": "01/01/2026", "action": "preview"}
    client = client_for("tinh")
    body = client.post(url, {**data, "target": ""}).content.decode()
    assert "Chọn xã mà thôn chuyển đến" in body  # the receiving commune is named as missing
    body = client.post(url, data).content.decode()
    assert "XX-YT02" in body and not Area.objects.filter(code="XX-YT02").exists()  # preview only
    client.post(url, {**data, "action": "merge"})
    assert Area.objects.get(code="XX-YT02").parent == other
    assert Area.objects.get(code="YT").valid_to is None  # Y Tịch stays
    outside = Area.objects.create(code="99-V", name="Thôn ngoài", kind=Area.Kind.VILLAGE,
                                  parent=Area.objects.create(code="99", name="Tỉnh khác", kind=Area.Kind.PROVINCE))  # fmt: skip
    assert client.post(url, {**data, "villages": [outside.pk]}).status_code == 404


def test_merge_page_is_for_the_province_office_only(world, small, client_for):
    from django.urls import reverse

    url = reverse("reporting:merge")
    for username in ("vhxh", "chutich", "huyen"):  # commune staff; the abolished district no longer acts
        assert client_for(username).get(url).status_code == 403
    other = Area.objects.create(code="99", name="Tỉnh khác", kind=Area.Kind.PROVINCE)
    outside = Area.objects.create(code="99-C", name="Xã ngoài", kind=Area.Kind.COMMUNE, parent=other)
    data = {"sources": [outside.pk], "code": "N", "name": "N", "on_date": "01/07/2025", "action": "preview"}
    assert client_for("tinh").post(url, data).status_code == 404
    assert not Area.objects.filter(code="N").exists()


def test_merge_command_dry_run_and_run(world, small):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    args = ["YT", "HB", "--into", "VL-TEST", "--name", "Vạn Linh", "--parent", "20", "--on", "2025-07-01"]
    call_command("merge_communes", *args, "--dry-run", stdout=out)
    assert "VL-TEST-YT01" in out.getvalue() and not Area.objects.filter(code="VL-TEST").exists()
    call_command("merge_communes", *args, "--user", "tinh", stdout=StringIO())
    assert Area.objects.get(code="VL-TEST").valid_from == D


def test_an_adhoc_report_goes_to_the_province_after_the_reform(world, client_for):
    from django.urls import reverse

    body = client_for("vhxh").get(reverse("reporting:adhoc_create")).content.decode()
    assert "Lạng Sơn" in body and "Chi Lăng" not in body  # the district closed on 30/06/2025


def test_tinh_reviews_a_2026_commune_report_and_huyen_cannot(world, small, client_for):
    from django.urls import reverse

    from reporting.models import Submission

    merge(world, small, dry_run=False)
    target = Area.objects.get(code="VL-TEST")
    rservices.calendar_create_year(area=world["province"], year=2026, user=small["people"]["tinh"])
    period = Period.objects.get(area=world["province"], year=2026, report_type__code="commune-6m")
    sub = Submission(period=period, area=target, status=Submission.Status.SUBMITTED, times_submitted=1)
    sub.full_clean()  # the merged commune reports to the province in 2026
    sub.save()
    assert client_for("huyen").post(reverse("reporting:accept", args=[sub.pk])).status_code == 404
    response = client_for("tinh").post(reverse("reporting:accept", args=[sub.pk]))
    assert response.status_code == 302
    sub.refresh_from_db()
    assert sub.status == "accepted" and sub.reviewed_by.username == "tinh"


def test_open_tasks_of_the_year_pass_to_the_new_communes_units(world, small):
    from accounts.models import Unit
    from programs.models import Activity, Assignment, Plan

    health = Unit.objects.get(commune=world["commune"], kind=Unit.Kind.HEALTH_STATION)
    plan_2025 = Plan.objects.create(commune=world["commune"], year=2025, title="Kế hoạch 2025")
    plan_2022 = Plan.objects.create(commune=world["commune"], year=2022, title="Kế hoạch 2022")
    open_task = Assignment.objects.create(
        activity=Activity.objects.create(plan=plan_2025, number=1, title="Truyền thông"), unit=health, task="Khám"
    )
    done = Assignment.objects.create(
        activity=Activity.objects.get(plan=plan_2025, number=1), unit=health, task="Xong", status="done"
    )
    old = Assignment.objects.create(
        activity=Activity.objects.create(plan=plan_2022, number=1, title="Cũ"), unit=health, task="2022"
    )
    move = merge(world, small, dry_run=False)
    assert any("1 open tasks" in line or "1 nhiệm vụ" in line for line in move.lines)
    open_task.refresh_from_db(), done.refresh_from_db(), old.refresh_from_db()
    assert open_task.unit.commune.code == "VL-TEST" and open_task.unit.kind == Unit.Kind.HEALTH_STATION
    assert done.unit == health and old.unit == health
    # the staff of the health station keep their unit: the new commune's
    yte = Membership.objects.get(user__username="yte", area__code="VL-TEST")
    assert yte.unit == open_task.unit


def test_an_allowance_still_paid_passes_to_the_new_commune_month_by_month(world, small):
    from children.allowances.models import Category, Entitlement

    child = small["kids"][0]
    old = Entitlement.objects.create(
        child=child, commune=world["commune"], category=Category.values[0], reason="Mồ côi",
        decision_number="12/QĐ-UBND", decision_date=date(2022, 12, 20), decision_issuer="Chủ tịch UBND xã Y Tịch",
        start_month=date(2023, 1, 1),
    )  # fmt: skip
    dry = merge(world, small, dry_run=True)
    assert any("1 monthly allowances" in line or "1 khoản trợ cấp" in line for line in dry.lines)
    merge(world, small, dry_run=False)
    old.refresh_from_db()
    new = Entitlement.objects.get(commune__code="VL-TEST")
    assert (old.end_month, old.end_reason) == (date(2025, 6, 1), "decision")
    assert (new.child, new.start_month, new.end_month, new.category) == (child, D, None, old.category)
