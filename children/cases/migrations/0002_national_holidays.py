"""National public holidays 2022–2027 (Labour Code 2019 Art. 112), as days off for state offices.

Tết and Hùng Kings' day follow the lunar calendar. For 2022–2026 the days are those the Ministry
announced each year, including the compensatory days when a holiday fell on a weekend; 2027 is
computed by the same rule (marked "dự kiến") until it is announced. Weekend days inside a holiday
are listed too, so the calendar page reads like the announcement. The commune edits its own days
in the portal; national rows are kept in the administration.
"""

from datetime import date, timedelta

from django.db import migrations


def span(first: date, last: date, name: str):
    day = first
    while day <= last:
        yield day, name
        day += timedelta(days=1)


NEW_YEAR = "Tết Dương lịch"
TET = "Tết Nguyên đán"
HUNG = "Giỗ Tổ Hùng Vương (10/3 âm lịch)"
REUNIFICATION = "Ngày Chiến thắng 30/4"
LABOUR = "Ngày Quốc tế Lao động 1/5"
NATIONAL = "Quốc khánh 2/9"
COMP = " (nghỉ bù)"
PLANNED = " (dự kiến)"

HOLIDAYS = [
    # 2022: Tết Nhâm Dần, mùng 1 = 01/02/2022
    *span(date(2022, 1, 1), date(2022, 1, 2), NEW_YEAR),
    (date(2022, 1, 3), NEW_YEAR + COMP),
    *span(date(2022, 1, 29), date(2022, 2, 6), TET),
    (date(2022, 4, 10), HUNG),
    (date(2022, 4, 11), HUNG + COMP),
    (date(2022, 4, 30), REUNIFICATION),
    (date(2022, 5, 1), LABOUR),
    (date(2022, 5, 2), REUNIFICATION + COMP),
    (date(2022, 5, 3), LABOUR + COMP),
    *span(date(2022, 9, 1), date(2022, 9, 2), NATIONAL),
    *span(date(2022, 9, 3), date(2022, 9, 4), NATIONAL),
    # 2023: Tết Quý Mão, mùng 1 = 22/01/2023
    (date(2022, 12, 31), NEW_YEAR),
    (date(2023, 1, 1), NEW_YEAR),
    (date(2023, 1, 2), NEW_YEAR + COMP),
    *span(date(2023, 1, 20), date(2023, 1, 26), TET),
    (date(2023, 4, 29), HUNG),
    (date(2023, 4, 30), REUNIFICATION),
    (date(2023, 5, 1), LABOUR),
    (date(2023, 5, 2), HUNG + COMP),
    (date(2023, 5, 3), REUNIFICATION + COMP),
    *span(date(2023, 9, 1), date(2023, 9, 2), NATIONAL),
    (date(2023, 9, 3), NATIONAL),
    (date(2023, 9, 4), NATIONAL + COMP),
    # 2024: Tết Giáp Thìn, mùng 1 = 10/02/2024
    (date(2024, 1, 1), NEW_YEAR),
    *span(date(2024, 2, 8), date(2024, 2, 14), TET),
    (date(2024, 4, 18), HUNG),
    (date(2024, 4, 29), REUNIFICATION + " (hoán đổi)"),
    (date(2024, 4, 30), REUNIFICATION),
    (date(2024, 5, 1), LABOUR),
    *span(date(2024, 8, 31), date(2024, 9, 3), NATIONAL),
    # 2025: Tết Ất Tỵ, mùng 1 = 29/01/2025
    (date(2025, 1, 1), NEW_YEAR),
    *span(date(2025, 1, 25), date(2025, 2, 2), TET),
    (date(2025, 4, 7), HUNG),
    (date(2025, 4, 30), REUNIFICATION),
    (date(2025, 5, 1), LABOUR),
    (date(2025, 5, 2), LABOUR + " (hoán đổi)"),
    *span(date(2025, 8, 30), date(2025, 9, 2), NATIONAL),
    # 2026: Tết Bính Ngọ, mùng 1 = 17/02/2026
    (date(2026, 1, 1), NEW_YEAR),
    *span(date(2026, 2, 14), date(2026, 2, 22), TET),
    (date(2026, 4, 26), HUNG),
    (date(2026, 4, 27), HUNG + COMP),
    (date(2026, 4, 30), REUNIFICATION),
    (date(2026, 5, 1), LABOUR),
    *span(date(2026, 9, 1), date(2026, 9, 2), NATIONAL),
    # 2027: Tết Đinh Mùi, mùng 1 = 06/02/2027 (computed; to be confirmed by the announcement)
    (date(2027, 1, 1), NEW_YEAR + PLANNED),
    *span(date(2027, 2, 5), date(2027, 2, 11), TET + PLANNED),
    (date(2027, 4, 16), HUNG + PLANNED),
    (date(2027, 4, 30), REUNIFICATION + PLANNED),
    (date(2027, 5, 1), LABOUR + PLANNED),
    (date(2027, 5, 3), LABOUR + COMP + PLANNED),
    *span(date(2027, 9, 2), date(2027, 9, 3), NATIONAL + PLANNED),
]


def load(apps, schema_editor):
    Holiday = apps.get_model("cases", "Holiday")
    for day, name in HOLIDAYS:
        Holiday.objects.update_or_create(date=day, commune=None, defaults={"name": name})


def unload(apps, schema_editor):
    Holiday = apps.get_model("cases", "Holiday")
    Holiday.objects.filter(commune__isnull=True, date__in=[d for d, _ in HOLIDAYS]).delete()


class Migration(migrations.Migration):
    dependencies = [("cases", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
