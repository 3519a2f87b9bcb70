"""Recompute the stored sort keys in the digits-only form (collation-independent, see children/text.py)."""

from django.db import migrations


def recompute(apps, schema_editor):
    from children.text import vietnamese_sort_key

    Child = apps.get_model("children", "Child")
    batch = []
    for child in Child.objects.only("pk", "full_name", "sort_key").iterator(chunk_size=2000):
        child.sort_key = vietnamese_sort_key(child.full_name)
        batch.append(child)
        if len(batch) >= 2000:
            Child.objects.bulk_update(batch, ["sort_key"])
            batch = []
    if batch:
        Child.objects.bulk_update(batch, ["sort_key"])


class Migration(migrations.Migration):
    dependencies = [("children", "0002_reference_data")]
    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
