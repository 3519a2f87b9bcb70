"""Posted means posted: no path changes or deletes a posted entry — not the model, not a bulk query,
not the admin's history "Revert", and on PostgreSQL not even raw SQL. Corrections are reversals."""

from datetime import date

import pytest
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, connection, transaction

from funds import services
from funds.models import Entry

from .conftest import draft, posted

D = Entry.Kind.DISBURSEMENT


def test_saving_or_deleting_a_posted_entry_is_refused_and_it_stays_as_posted(fund, people):
    posted(fund, people, amount=5_000_000)
    payment = posted(fund, people, kind=D, amount=2_000_000)
    stale = Entry.objects.get(pk=payment.pk)
    stale.amount, stale.status, stale.voucher_number = 1, Entry.Status.DRAFT, None
    for attempt in (stale.save, stale.delete):
        with pytest.raises(PermissionDenied, match=payment.voucher_code):
            attempt()
    for attempt in (
        lambda: Entry.objects.filter(pk=payment.pk).update(amount=1),
        lambda: Entry.objects.filter(fund=fund).delete(),
    ):
        with pytest.raises(PermissionDenied):
            attempt()
    payment.refresh_from_db()
    assert (payment.amount, payment.status, payment.voucher_code) == (2_000_000, Entry.Status.POSTED, "PC-2022-001")
    assert Entry.objects.filter(fund=fund).count() == 2


def test_the_allowed_transitions_still_work_and_drafts_stay_editable(fund, people):
    receipt = posted(fund, people, amount=1_000_000)
    wrong = draft(fund, people, amount=300_000)
    wrong = services.entry_update(entry=wrong, user=people["ketoan"], amount=400_000)
    Entry.objects.filter(pk=wrong.pk).update(purpose="Sửa nháp")  # a bulk change of drafts only is fine
    services.entry_discard(entry=wrong, user=people["ketoan"])
    reversal = services.entry_reverse(
        entry=receipt, user=people["ketoan"], reason="Ghi nhầm", entry_date=date(2022, 6, 2)
    )
    reversal = services.entry_post(
        entry=services.entry_approve(
            entry=services.entry_submit(entry=reversal, user=people["ketoan"]), user=people["chutich"]
        ),
        user=people["ketoan"],
    )
    assert reversal.is_posted and reversal.reverses == receipt
    receipt.refresh_from_db()
    assert receipt.is_posted and receipt.amount == 1_000_000


def test_the_admin_history_offers_no_revert_and_refuses_a_posted_revert_form(fund, people, client_for):
    posted(fund, people, amount=5_000_000)
    payment = draft(fund, people, kind=D, amount=2_000_000)
    first_version = payment.history.earliest()
    from .conftest import to_posted

    payment = to_posted(payment, people)
    client = client_for("admin")
    url = f"/admin/funds/entry/{payment.pk}/history/{first_version.history_id}/"
    page = client.get(url)
    assert page.status_code == 200
    assert b'name="_save"' not in page.content  # no "Revert" button
    answer = client.post(
        url, {"kind": D, "entry_date": "01/06/2022", "amount": "1", "category": "gifts", "purpose": "x"}
    )
    assert answer.status_code == 403
    payment.refresh_from_db()
    assert (payment.amount, payment.status, payment.voucher_code) == (2_000_000, Entry.Status.POSTED, "PC-2022-001")


@pytest.mark.postgres
@pytest.mark.skipif(connection.vendor != "postgresql", reason="PostgreSQL only")
def test_postgres_refuses_raw_updates_and_deletes_of_posted_entries_but_not_of_drafts(fund, people):
    payment = posted(fund, people, amount=5_000_000)
    other = draft(fund, people, amount=100_000)
    for sql in (
        f"UPDATE funds_entry SET amount = 1 WHERE id = {payment.pk}",
        f"UPDATE funds_entry SET status = 'draft', voucher_number = NULL WHERE id = {payment.pk}",
        f"DELETE FROM funds_entry WHERE id = {payment.pk}",
    ):
        with pytest.raises(DatabaseError, match="posted"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute(sql)
    with connection.cursor() as cursor:
        # a user leaving (on_delete=SET_NULL) still clears who posted it; drafts change freely
        cursor.execute(f"UPDATE funds_entry SET posted_by_id = NULL WHERE id = {payment.pk}")
        cursor.execute(f"UPDATE funds_entry SET amount = 200000 WHERE id = {other.pk}")
        cursor.execute(f"DELETE FROM funds_entry WHERE id = {other.pk}")
    payment.refresh_from_db()
    assert (payment.amount, payment.status, payment.posted_by) == (5_000_000, Entry.Status.POSTED, None)
