"""Competing postings on PostgreSQL: real threads on separate connections (skipped on SQLite)."""

import threading
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from accounts.models import User
from funds import figures, services
from funds.models import Entry

from .conftest import draft, posted, to_approved

pytestmark = [
    pytest.mark.postgres,
    pytest.mark.django_db(transaction=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL row locks"),
]


def race(targets, action):
    """Run ``action(pk)`` for every pk at once, each in its own thread and connection."""
    barrier = threading.Barrier(len(targets))
    results = {}

    def run(pk):
        try:
            barrier.wait()
            action(pk)
            results[pk] = "ok"
        except ValidationError as exc:
            results[pk] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(pk,)) for pk in targets]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    return results


def test_competing_payments_beyond_the_balance_only_the_affordable_ones_post(fund, people):
    posted(fund, people, amount=1_000_000)
    payments = [
        to_approved(draft(fund, people, kind=Entry.Kind.DISBURSEMENT, amount=300_000), people) for _ in range(5)
    ]
    ketoan = User.objects.get(username="ketoan")

    results = race(
        [p.pk for p in payments], lambda pk: services.entry_post(entry=Entry.objects.get(pk=pk), user=ketoan)
    )

    assert sum(1 for r in results.values() if r == "ok") == 3  # 3 × 300.000 ≤ 1.000.000 < 4 × 300.000
    assert all("không đủ tiền" in str(r) for r in results.values() if r != "ok")
    assert figures.fund_balance(fund=fund) == 100_000
    numbers = sorted(
        Entry.objects.filter(kind="disbursement", status="posted").values_list("voucher_number", flat=True)
    )
    assert numbers == [1, 2, 3]


def test_concurrent_receipts_get_gapless_distinct_voucher_numbers(fund, people):
    receipts = [to_approved(draft(fund, people, amount=10_000 + n, day=date(2022, 6, 1)), people) for n in range(8)]
    ketoan = User.objects.get(username="ketoan")
    results = race(
        [r.pk for r in receipts], lambda pk: services.entry_post(entry=Entry.objects.get(pk=pk), user=ketoan)
    )
    assert set(results.values()) == {"ok"}
    numbers = sorted(Entry.objects.filter(kind="receipt").values_list("voucher_number", flat=True))
    assert numbers == list(range(1, 9))


def test_competing_approvals_check_the_same_balance(fund, people):
    posted(fund, people, amount=500_000)
    payments = [
        services.entry_submit(
            entry=draft(fund, people, kind=Entry.Kind.DISBURSEMENT, amount=400_000), user=people["vhxh"]
        )
        for _ in range(3)
    ]
    chutich = User.objects.get(username="chutich")
    results = race(
        [p.pk for p in payments], lambda pk: services.entry_approve(entry=Entry.objects.get(pk=pk), user=chutich)
    )
    # Approval checks the posted balance (500.000 ≥ 400.000 each time); posting then lets only one through.
    assert set(results.values()) == {"ok"}
    ketoan = User.objects.get(username="ketoan")
    results = race(
        [p.pk for p in payments], lambda pk: services.entry_post(entry=Entry.objects.get(pk=pk), user=ketoan)
    )
    assert sum(1 for r in results.values() if r == "ok") == 1
    assert figures.fund_balance(fund=fund) == 100_000
