"""The export log becomes the one access log (views, prints and exports of personal data), append-only.

Existing export rows are kept (action "export"). On PostgreSQL a trigger refuses UPDATE and DELETE on
the table, so even a raw SQL statement cannot rewrite the log (TRUNCATE, used only by test flushes and
by an administrator on purpose, is not affected).
"""

import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models

TRIGGER = """
CREATE OR REPLACE FUNCTION accounts_accesslog_append_only() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'The access log is append-only (% refused)', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS accounts_accesslog_append_only ON accounts_accesslog;
CREATE TRIGGER accounts_accesslog_append_only
    BEFORE UPDATE OR DELETE ON accounts_accesslog
    FOR EACH ROW EXECUTE FUNCTION accounts_accesslog_append_only();
"""
DROP_TRIGGER = """
DROP TRIGGER IF EXISTS accounts_accesslog_append_only ON accounts_accesslog;
DROP FUNCTION IF EXISTS accounts_accesslog_append_only();
"""


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER, params=None)  # no parameters: the "%" is PL/pgSQL's


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRIGGER, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("accounts", "0002_document_settings"),
    ]

    operations = [
        migrations.RenameModel("ExportLog", "AccessLog"),
        migrations.AlterModelOptions(
            name="accesslog",
            options={
                "ordering": ["-at", "-pk"],
                "verbose_name": "access log entry",
                "verbose_name_plural": "access log",
            },
        ),
        migrations.AlterField(
            model_name="accesslog",
            name="at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, editable=False, verbose_name="time"
            ),
        ),
        migrations.AlterField(
            model_name="accesslog",
            name="user",
            field=models.ForeignKey(
                editable=False,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to=settings.AUTH_USER_MODEL,
                verbose_name="user",
            ),
        ),
        migrations.AlterField(
            model_name="accesslog",
            name="what",
            field=models.CharField(max_length=100, verbose_name="page or document"),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="action",
            field=models.CharField(
                choices=[("view", "viewed"), ("print", "printed"), ("export", "exported")],
                default="export",
                max_length=6,
                verbose_name="action",
            ),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="area",
            field=models.ForeignKey(
                blank=True,
                null=True,
                on_delete=django.db.models.deletion.PROTECT,
                related_name="+",
                to="accounts.area",
                verbose_name="area",
            ),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="subject_type",
            field=models.CharField(blank=True, max_length=50, verbose_name="kind of record"),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="subject_id",
            field=models.PositiveBigIntegerField(blank=True, null=True, verbose_name="record"),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="ip_address",
            field=models.GenericIPAddressField(blank=True, null=True, verbose_name="IP address"),
        ),
        migrations.AddField(
            model_name="accesslog",
            name="confidential",
            field=models.BooleanField(default=False, verbose_name="confidential"),
        ),
        migrations.AddIndex(
            model_name="accesslog",
            index=models.Index(fields=["subject_type", "subject_id", "at"], name="accesslog_subject"),
        ),
        migrations.AddIndex(
            model_name="accesslog",
            index=models.Index(fields=["area", "at"], name="accesslog_area"),
        ),        migrations.RunPython(add_trigger, drop_trigger, elidable=False),
    ]
