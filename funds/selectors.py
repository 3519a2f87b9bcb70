"""Reads of the fund ledger. Every list, page and export a user sees starts from these.

``funds_visible_to(user)`` and ``entries_visible_to(user)`` are the scoped querysets; balances and
totals come from ``funds/figures.py`` (derived from posted entries, never stored).
"""

from dataclasses import dataclass
from datetime import date

from accounts import scope
from accounts.models import Area

from .figures import fund_balance, fund_totals_for_fund, year_opening_balance
from .models import Entry, Fund

S = Entry.Status


def funds_visible_to(user, perm: str = "fund.view"):
    """Funds of the communes where ``user`` holds ``perm``."""
    return scope.scoped(Fund.objects.select_related("commune"), user, perm, "commune")


def public_funds_visible_to(user):
    """Funds whose public report ``user`` may read (a village head reads their commune's)."""
    return scope.scoped(
        Fund.objects.select_related("commune"), user, "fund.public_report", "commune", include_ancestors=True
    ).filter(commune__kind=Area.Kind.COMMUNE)


def get_fund_for_user(user, pk: int, perm: str = "fund.view") -> Fund:
    return scope.get_or_404(funds_visible_to(user, perm), pk=pk)


def entries_visible_to(user, perm: str = "fund.view"):
    """Entries of the funds where ``user`` holds ``perm``."""
    return scope.scoped(Entry.objects.all(), user, perm, "fund__commune")


def get_entry_for_user(user, pk: int) -> Entry:
    qs = entries_visible_to(user).select_related(
        "fund__commune", "child__village", "reverses", "created_by", "submitted_by", "decided_by", "posted_by"
    )
    return scope.get_or_404(qs, pk=pk)


def entry_list(*, user, fund: Fund, status: str = "", kind: str = "", year: int | None = None):
    qs = entries_visible_to(user).filter(fund=fund).select_related("child", "reverses")
    if status:
        qs = qs.filter(status=status)
    if kind:
        qs = qs.filter(kind=kind)
    if year:
        qs = qs.filter(entry_date__year=year)
    return qs.order_by("-entry_date", "-pk")


# --- the cash book ----------------------------------------------------------------------------


@dataclass
class CashBookRow:
    entry: Entry
    receipt: int | None
    disbursement: int | None
    balance: int


def cash_book(*, fund: Fund, start: date, end: date) -> dict:
    """The cash book (sổ quỹ) from ``start`` to ``end``: opening balance, posted entries in order with
    the running balance, totals and the closing balance. Two queries whatever the number of rows."""
    opening = fund_balance(fund=fund, before=start)
    entries = (
        Entry.objects.filter(fund=fund, status=S.POSTED, entry_date__gte=start, entry_date__lte=end)
        .select_related("reverses")
        .order_by("entry_date", "posted_at", "pk")
    )
    rows, balance, receipts, disbursements = [], opening, 0, 0
    for entry in entries.iterator(chunk_size=2000):
        signed = entry.signed_amount
        balance += signed
        if entry.kind == Entry.Kind.RECEIPT:
            value = entry.amount if not entry.is_reversal else -entry.amount
            receipts += value
            rows.append(CashBookRow(entry, value, None, balance))
        else:
            value = entry.amount if not entry.is_reversal else -entry.amount
            disbursements += value
            rows.append(CashBookRow(entry, None, value, balance))
    return {
        "fund": fund,
        "start": start,
        "end": end,
        "opening": opening,
        "rows": rows,
        "receipts": receipts,
        "disbursements": disbursements,
        "closing": balance,
    }


def year_bounds(year: int) -> tuple[date, date]:
    return date(year, 1, 1), date(year, 12, 31)


def public_report(*, fund: Fund, year: int) -> dict:
    """Receipts and spending of a year by category, for public disclosure: no names of anyone."""
    start, end = year_bounds(year)
    totals = fund_totals_for_fund(fund=fund, start=start, end=end)
    receipts = [
        (label, totals.get(value, 0)) for value, label in Entry.Category.choices if value in Entry.RECEIPT_CATEGORIES
    ]
    spending = [
        (label, totals.get(value, 0))
        for value, label in Entry.Category.choices
        if value in Entry.DISBURSEMENT_CATEGORIES
    ]
    opening = year_opening_balance(fund=fund, year=year)
    total_in = sum(v for _, v in receipts)
    total_out = sum(v for _, v in spending)
    return {
        "fund": fund,
        "year": year,
        "opening": opening,
        "receipts": receipts,
        "spending": spending,
        "total_in": total_in,
        "total_out": total_out,
        "closing": opening + total_in - total_out,
    }


def attachments_visible_to(user):
    from .models import Attachment

    return scope.scoped(Attachment.objects.select_related("entry__fund"), user, "fund.view", "entry__fund__commune")
