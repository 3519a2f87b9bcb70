"""The allowance rules as data, each row with its legal source (a new decree is a new row, added here or
in the administration). Rows marked in ``note`` are still to be confirmed against the decree's text."""

from datetime import date
from decimal import Decimal

from django.db import migrations

D20 = "Nghị định 20/2021/NĐ-CP"
TO_CONFIRM = "Cần xác nhận: hệ số theo ghi chú thiết kế (DESIGN.md), chưa đối chiếu nguyên văn Điều 6."

BASE_LEVELS = [
    (date(2021, 7, 1), 360_000, f"{D20}, Điều 4 (mức chuẩn trợ giúp xã hội)", ""),
    (date(2024, 7, 1), 500_000, "Nghị định 76/2024/NĐ-CP (sửa đổi Điều 4 Nghị định 20/2021/NĐ-CP)", ""),
]

# category, age from, age to, coefficient, groups, disability level, poor household only, source, note
COEFFICIENTS = [
    ("no_carer", 0, 3, "2.5", "a,b,c,o", "", False, f"{D20}, Điều 5 khoản 1; Điều 6 khoản 1 (dưới 4 tuổi)", TO_CONFIRM),
    ("no_carer", 4, 15, "1.5", "a,b,c,o", "", False, f"{D20}, Điều 5 khoản 1; Điều 6 khoản 1 (từ đủ 4 tuổi)", TO_CONFIRM),
    ("hiv", 0, 3, "2.5", "đ", "", True, f"{D20}, Điều 5 khoản 3; Điều 6 khoản 1 (dưới 4 tuổi)", TO_CONFIRM),
    ("hiv", 4, 15, "2.0", "đ", "", True, f"{D20}, Điều 5 khoản 3; Điều 6 khoản 1 (từ đủ 4 tuổi)", TO_CONFIRM),
    ("disability_extremely_severe", 0, 15, "2.5", "d", "extremely_severe", False,
     f"{D20}, Điều 5 khoản 6; Điều 6 (trẻ em khuyết tật đặc biệt nặng)", ""),
    ("disability_severe", 0, 15, "2.0", "d", "severe", False,
     f"{D20}, Điều 5 khoản 6; Điều 6 (trẻ em khuyết tật nặng)", ""),
]  # fmt: skip
RULES_FROM = date(2021, 7, 1)


def load(apps, schema_editor):
    BaseLevel = apps.get_model("allowances", "BaseLevel")
    CoefficientRule = apps.get_model("allowances", "CoefficientRule")
    for valid_from, amount, source, note in BASE_LEVELS:
        BaseLevel.objects.update_or_create(
            valid_from=valid_from, defaults={"amount": amount, "source": source, "note": note}
        )
    for category, low, high, coefficient, letters, level, poor, source, note in COEFFICIENTS:
        CoefficientRule.objects.update_or_create(
            category=category,
            age_from=low,
            valid_from=RULES_FROM,
            defaults={
                "age_to": high, "coefficient": Decimal(coefficient), "group_letters": letters,
                "disability_level": level, "poor_household_only": poor, "source": source, "note": note,
            },
        )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [("allowances", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
