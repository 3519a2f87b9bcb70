"""Two indicators of the monthly social allowance (children/allowances/), filled from its figures, added
to the village and commune reports. Our own codes (not from the annex of Circular 13/2021)."""

from django.db import migrations

OWN = "Mã riêng của hệ thống, chưa đối chiếu với phụ lục Thông tư 13/2021."
# code, name, unit, computation, order
INDICATORS = [
    ("0107", "Số trẻ em được hưởng trợ cấp xã hội hằng tháng trong kỳ", "children", "allowance_children", 52),
    ("0108", "Số tiền trợ cấp xã hội hằng tháng đã chi trả cho trẻ em trong kỳ", "vnd", "allowance_paid", 54),
]
REPORT_TYPES = ["village-6m", "village-annual", "commune-6m", "commune-annual"]


def load(apps, schema_editor):
    Indicator = apps.get_model("reporting", "Indicator")
    ReportType = apps.get_model("reporting", "ReportType")
    made = []
    for code, name, unit, computation, order in INDICATORS:
        indicator, _ = Indicator.objects.update_or_create(
            code=code,
            defaults={
                "name": name, "unit": unit, "group": "01", "breakdown": "", "source": "registry",
                "computation": computation, "official_code": False, "order": order, "note": OWN,
            },
        )  # fmt: skip
        made.append(indicator)
    for report_type in ReportType.objects.filter(code__in=REPORT_TYPES):
        report_type.indicators.add(*made)


def unload(apps, schema_editor):
    apps.get_model("reporting", "Indicator").objects.filter(code__in=[row[0] for row in INDICATORS]).delete()


class Migration(migrations.Migration):
    dependencies = [("reporting", "0004_due_is_own"), ("allowances", "0002_rules")]
    operations = [migrations.RunPython(load, unload)]
