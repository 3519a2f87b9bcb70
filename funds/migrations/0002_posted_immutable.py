"""Posted means posted: on PostgreSQL a trigger refuses UPDATE and DELETE of a posted fund entry.

The one change a posted row still accepts is a user column (drafted/submitted/decided/posted by)
becoming NULL, which is what deleting a user account does (``on_delete=SET_NULL``); every other
column must stay as it is. Posting itself (approved → posted) is an update of a row that was not
yet posted, so it passes. On SQLite the model and its query set refuse the same changes.
"""

from django.db import migrations

TRIGGER = """
CREATE OR REPLACE FUNCTION funds_entry_posted_immutable() RETURNS trigger AS $$
BEGIN
    IF OLD.status <> 'posted' THEN
        IF TG_OP = 'DELETE' THEN
            RETURN OLD;
        END IF;
        RETURN NEW;
    END IF;
    IF TG_OP = 'DELETE' THEN
        RAISE EXCEPTION 'Fund entry % is posted: it cannot be deleted', OLD.id;
    END IF;
    IF ROW(NEW.id, NEW.fund_id, NEW.kind, NEW.status, NEW.entry_date, NEW.amount, NEW.category,
           NEW.counterparty, NEW.counterparty_address, NEW.purpose, NEW.child_id, NEW.support_id,
           NEW.reverses_id, NEW.voucher_year, NEW.voucher_number, NEW.created_at, NEW.submitted_at,
           NEW.decided_at, NEW.rejection_reason, NEW.posted_at)
       IS DISTINCT FROM
       ROW(OLD.id, OLD.fund_id, OLD.kind, OLD.status, OLD.entry_date, OLD.amount, OLD.category,
           OLD.counterparty, OLD.counterparty_address, OLD.purpose, OLD.child_id, OLD.support_id,
           OLD.reverses_id, OLD.voucher_year, OLD.voucher_number, OLD.created_at, OLD.submitted_at,
           OLD.decided_at, OLD.rejection_reason, OLD.posted_at)
       OR (NEW.created_by_id IS NOT NULL AND NEW.created_by_id IS DISTINCT FROM OLD.created_by_id)
       OR (NEW.submitted_by_id IS NOT NULL AND NEW.submitted_by_id IS DISTINCT FROM OLD.submitted_by_id)
       OR (NEW.decided_by_id IS NOT NULL AND NEW.decided_by_id IS DISTINCT FROM OLD.decided_by_id)
       OR (NEW.posted_by_id IS NOT NULL AND NEW.posted_by_id IS DISTINCT FROM OLD.posted_by_id)
    THEN
        RAISE EXCEPTION 'Fund entry % is posted: it cannot change', OLD.id;
    END IF;
    RETURN NEW;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS funds_entry_posted_immutable ON funds_entry;
CREATE TRIGGER funds_entry_posted_immutable
    BEFORE UPDATE OR DELETE ON funds_entry
    FOR EACH ROW EXECUTE FUNCTION funds_entry_posted_immutable();
"""
DROP_TRIGGER = """
DROP TRIGGER IF EXISTS funds_entry_posted_immutable ON funds_entry;
DROP FUNCTION IF EXISTS funds_entry_posted_immutable();
"""


def add_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(TRIGGER, params=None)  # no parameters: the "%" are PL/pgSQL's


def drop_trigger(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(DROP_TRIGGER, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("funds", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(add_trigger, drop_trigger),
    ]
