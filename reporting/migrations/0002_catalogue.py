"""The indicator set and the report types of the seed (section V.10), as data.

Codes follow the shape of Circular 13/2021/TT-BLĐTBXH (group + number, GGNN). Only II.0101 (abused
children) is taken from the annex as DESIGN.md quotes it; every other code is our own and says so.
"""

from django.db import migrations

OWN = "Mã riêng của hệ thống, chưa đối chiếu với phụ lục Thông tư 13/2021."

# code, name, unit, group, breakdown, source, computation, at_most, official
INDICATORS = [
    ("0101", "Số trẻ em dưới 16 tuổi", "children", "01", "sex", "registry", "children_by_sex", None, False),
    ("0102", "Số trẻ em dưới 16 tuổi chia theo nhóm tuổi", "children", "01", "age", "registry", "children_by_age", None, False),
    ("0103", "Số trẻ em có hoàn cảnh đặc biệt", "children", "01", "circumstance", "registry", "circumstance_children", None, False),
    ("0104", "Số trẻ em có hoàn cảnh đặc biệt được trợ giúp trong kỳ", "children", "01", "circumstance", "registry", "circumstance_supported", "0103", False),
    ("0105", "Số trẻ em khuyết tật", "children", "01", "", "registry", "disabled_children", None, False),
    ("0106", "Số trẻ em khuyết tật được tiếp cận dịch vụ trong kỳ", "children", "01", "", "registry", "disabled_supported", "0105", False),
    ("0201", "Số trẻ em dưới 6 tuổi", "children", "02", "", "registry", "under_six", None, False),
    ("0202", "Số trẻ em dưới 6 tuổi có thẻ bảo hiểm y tế còn hạn", "children", "02", "", "registry", "under_six_insured", "0201", False),
    ("0203", "Số trẻ em đến 8 tuổi được tiếp cận dịch vụ chăm sóc phát triển toàn diện", "children", "02", "", "typed", "", None, False),
    ("0301", "Số vụ việc bảo vệ trẻ em tiếp nhận trong kỳ", "cases", "03", "case_kind", "cases", "cases_opened", None, False),
    ("0302", "Số vụ việc được đánh giá nguy cơ ban đầu trong 12 giờ", "cases", "03", "", "cases", "cases_assessed_in_time", "0301", False),
    ("0303", "Số vụ việc có kế hoạch hỗ trợ, can thiệp được phê duyệt đúng hạn", "cases", "03", "", "cases", "cases_plan_in_time", "0301", False),
    ("0304", "Số vụ việc đã kết thúc trong kỳ", "cases", "03", "", "cases", "cases_closed", None, False),
    ("0305", "Số trẻ em bị tai nạn, thương tích", "children", "03", "", "cases", "accident_children", None, False),
    ("0306", "Số trẻ em bị đuối nước", "children", "03", "", "cases", "drowning_children", None, False),
    ("0307", "Số trẻ em tử vong do đuối nước", "children", "03", "", "typed", "", "0306", False),
    ("0308", "Số trẻ em được hướng dẫn kỹ năng phòng, chống tai nạn thương tích, đuối nước", "children", "03", "", "typed", "", None, False),
    ("0309", "Số trẻ em được học bơi, biết bơi", "children", "03", "", "typed", "", None, False),
    ("0601", "Số trẻ em tham gia hoạt động thúc đẩy quyền tham gia (diễn đàn, câu lạc bộ)", "children", "06", "", "typed", "", None, False),
    ("0602", "Số trẻ em từ 11 tuổi trở lên tham gia mô hình thúc đẩy quyền tham gia", "children", "06", "", "typed", "", "0601", False),
    ("0701", "Số buổi truyền thông đã tổ chức", "sessions", "07", "", "typed", "", None, False),
    ("0702", "Số lượt người được truyền thông", "people", "07", "", "typed", "", None, False),
    ("0801", "Số tiền Quỹ Bảo trợ trẻ em thu trong kỳ", "vnd", "08", "", "fund", "fund_receipts", None, False),
    ("0802", "Số tiền Quỹ Bảo trợ trẻ em chi trong kỳ", "vnd", "08", "", "fund", "fund_spending", None, False),
    ("0901", "Số trẻ em tham gia hoạt động của sự kiện", "children", "09", "", "plan", "event_participants", None, False),
    ("0902", "Số suất quà đã trao", "gifts", "09", "", "plan", "event_gifts", None, False),
    ("0903", "Kinh phí tổ chức và quà tặng", "vnd", "09", "", "plan", "event_spending", None, False),
    ("II.0101", "Số trẻ em bị xâm hại (bạo lực, xâm hại tình dục, bóc lột, mua bán, bỏ rơi)", "children", "II", "", "cases", "abused_children", None, True),
]  # fmt: skip

VILLAGE = ["0101", "0102", "0103", "0104", "0105", "0106", "0201", "0202", "0203", "0305", "0306", "0307",
           "0308", "0309", "0601", "0602", "0701", "0702"]  # fmt: skip
COMMUNE = [code for code, *_rest in INDICATORS if not code.startswith("09")]
EVENT = ["0901", "0902", "0903", "0701", "0702"]

# code, name, from, to, period kind, event, start month, end month, end day, due month, due day, consolidates, indicators
REPORT_TYPES = [
    ("village-6m", "Báo cáo 6 tháng của thôn", "village", "commune", "six_monthly", "", 1, 4, 30, 5, 5, None, VILLAGE),
    ("village-annual", "Báo cáo năm của thôn", "village", "commune", "annual", "", 1, 10, 31, 11, 5, None, VILLAGE),
    ("commune-6m", "Báo cáo 6 tháng của xã", "commune", "district", "six_monthly", "", 1, 4, 30, 5, 10, "village-6m", COMMUNE),
    ("commune-annual", "Báo cáo năm của xã", "commune", "district", "annual", "", 1, 10, 31, 11, 10, "village-annual", COMMUNE),
    ("action-month", "Báo cáo kết quả Tháng hành động vì trẻ em", "commune", "district", "thematic", "action_month", 6, 6, 30, 7, 5, None, EVENT),
    ("children-day", "Báo cáo kết quả Ngày Quốc tế Thiếu nhi 1/6", "commune", "district", "thematic", "childrens_day", 5, 6, 5, 6, 15, None, EVENT),
    ("mid-autumn", "Báo cáo kết quả Tết Trung thu", "commune", "district", "thematic", "mid_autumn", 9, 9, 30, 10, 10, None, EVENT),
    ("commune-adhoc", "Báo cáo đột xuất về khó khăn", "commune", "district", "ad_hoc", "", 1, 12, 31, None, None, None, []),
]  # fmt: skip


def load(apps, schema_editor):
    Indicator = apps.get_model("reporting", "Indicator")
    ReportType = apps.get_model("reporting", "ReportType")
    by_code = {}
    for order, (code, name, unit, group, breakdown, source, computation, _at_most, official) in enumerate(INDICATORS):
        by_code[code], _ = Indicator.objects.update_or_create(
            code=code,
            defaults={
                "name": name, "unit": unit, "group": group, "breakdown": breakdown, "source": source,
                "computation": computation, "official_code": official, "order": order * 10,
                "note": "" if official else OWN,
            },
        )  # fmt: skip
    for code, *_rest, at_most, _official in INDICATORS:
        if at_most:
            Indicator.objects.filter(code=code).update(at_most=by_code[at_most])
    types = {}
    for order, row in enumerate(REPORT_TYPES):
        code, name, from_kind, to_kind, kind, event, sm, em, ed, dm, dd, consolidates, indicators = row
        types[code], _ = ReportType.objects.update_or_create(
            code=code,
            defaults={
                "name": name, "from_kind": from_kind, "to_kind": to_kind, "period_kind": kind, "event": event,
                "start_month": sm, "end_month": em, "end_day": ed, "due_month": dm, "due_day": dd,
                "consolidates": types.get(consolidates), "order": order * 10,
            },
        )  # fmt: skip
        types[code].indicators.set([by_code[c] for c in indicators])


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
