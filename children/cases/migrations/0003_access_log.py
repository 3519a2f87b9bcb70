"""Case-file openings move into the one access log (accounts.AccessLog); the case's own table goes."""

from django.db import migrations


def copy_openings(apps, schema_editor):
    CaseAccess = apps.get_model("cases", "CaseAccess")
    AccessLog = apps.get_model("accounts", "AccessLog")
    rows = [
        AccessLog(
            at=row.at,
            user_id=row.user_id,
            action=row.action,
            what="cases.case_file" if row.action == "view" else "cases.case_file_pdf",
            area_id=row.case.commune_id,
            subject_type="cases.case",
            subject_id=row.case_id,
            row_count=0 if row.action == "view" else 1,
            confidential=True,
        )
        for row in CaseAccess.objects.select_related("case").order_by("at", "pk")
    ]
    AccessLog.objects.bulk_create(rows, batch_size=1000)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0003_access_log"),
        ("cases", "0002_national_holidays"),
    ]

    operations = [
        migrations.RunPython(copy_openings, migrations.RunPython.noop),
        migrations.DeleteModel(name="CaseAccess"),
    ]
