"""The fund's figures: balances and totals, always derived from posted entries (never stored).

Every amount of money the plan, the reports, the dashboards and the fund pages show comes from one
function here (README, "Figures"). Reversals undo what they reverse. "The fund" in the plan and the
reports is the commune's Child Protection Fund (Quỹ Bảo trợ trẻ em); its other books (district
support, the commune's social budget) are counted only when asked for by ``fund_kind``.
"""

from datetime import date

from django.db.models import BigIntegerField, Case, Count, F, Q, Sum, Value, When
from django.db.models.functions import Coalesce

from accounts.models import Area

from .models import Entry, Fund

S = Entry.Status
CHILD_PROTECTION = Fund.Kind.CHILD_PROTECTION

# --- balances ---------------------------------------------------------------------------------

# The signed effect of a posted entry: receipts add, disbursements take, a reversal undoes.
SIGNED = Case(
    When(kind=Entry.Kind.RECEIPT, reverses__isnull=True, then=F("amount")),
    When(kind=Entry.Kind.DISBURSEMENT, reverses__isnull=False, then=F("amount")),
    default=-F("amount"),
    output_field=BigIntegerField(),
)


# The amount a posted entry adds to its own kind and category (a reversal subtracts).
MAGNITUDE = Case(When(reverses__isnull=False, then=-F("amount")), default=F("amount"), output_field=BigIntegerField())


def posted_sum(qs) -> int:
    return qs.filter(status=S.POSTED).aggregate(total=Coalesce(Sum(SIGNED), Value(0), output_field=BigIntegerField()))[
        "total"
    ]


def fund_balance(*, fund: Fund, before: date | None = None, through: date | None = None) -> int:
    """Cash in the fund: brought forward + posted receipts − posted disbursements (reversals undo)."""
    qs = Entry.objects.filter(fund=fund)
    if before is not None:
        qs = qs.filter(entry_date__lt=before)
    if through is not None:
        qs = qs.filter(entry_date__lte=through)
    return fund.brought_forward + posted_sum(qs)


def entries_waiting(*, fund: Fund) -> int:
    """Entries of ``fund`` not yet posted: drafts, submitted and approved ones (discarded ones aside)."""
    return Entry.objects.filter(fund=fund, status__in=Entry.WAITING).count()


def year_opening_balance(*, fund: Fund, year: int) -> int:
    """The balance carried into ``year`` from the years before."""
    return fund_balance(fund=fund, before=date(year, 1, 1))


def fund_summaries(funds) -> list[dict]:
    """Balance and pending counts of several funds in one query."""
    funds = list(funds)
    rows = (
        Entry.objects.filter(fund__in=funds)
        .values("fund_id")
        .annotate(
            posted=Coalesce(Sum(SIGNED, filter=Q(status=S.POSTED)), Value(0), output_field=BigIntegerField()),
            submitted=Count("pk", filter=Q(status=S.SUBMITTED)),
            approved=Count("pk", filter=Q(status=S.APPROVED)),
            drafts=Count("pk", filter=Q(status__in=[S.DRAFT, S.REJECTED])),
        )
    )
    by_fund = {r["fund_id"]: r for r in rows}
    out = []
    for fund in funds:
        r = by_fund.get(fund.pk, {})
        out.append(
            {
                "fund": fund,
                "balance": fund.brought_forward + r.get("posted", 0),
                "submitted": r.get("submitted", 0),
                "approved": r.get("approved", 0),
                "drafts": r.get("drafts", 0),
            }
        )
    return out


def fund_totals(*, area: Area, start: date, end: date, fund_kind: str | None = CHILD_PROTECTION) -> dict:
    """Posted receipts and disbursements (VND) dated ``start``–``end`` in the books of kind ``fund_kind``
    (default: the Child Protection Fund; ``None``: every book) of ``area`` (a commune, or every commune
    under a district or province), net of reversals: ``{"receipts", "disbursements", "by_category"}``.
    """
    qs = Entry.objects.filter(
        fund__commune__path__startswith=area.path, status=S.POSTED, entry_date__gte=start, entry_date__lte=end
    ).exclude(category=Entry.Category.TRANSFER)
    if fund_kind:
        qs = qs.filter(fund__kind=fund_kind)
    magnitude = MAGNITUDE
    rows = qs.values("kind", "category").annotate(total=Sum(magnitude))
    totals = {"receipts": 0, "disbursements": 0, "by_category": {}}
    for row in rows:
        key = "receipts" if row["kind"] == Entry.Kind.RECEIPT else "disbursements"
        totals[key] += row["total"] or 0
        totals["by_category"][row["category"]] = totals["by_category"].get(row["category"], 0) + (row["total"] or 0)
    return totals


def fund_totals_for_fund(*, fund: Fund, start: date, end: date) -> dict:
    """``{category: posted amount}`` of one book dated ``start``–``end``, net of reversals."""
    magnitude = MAGNITUDE
    rows = (
        Entry.objects.filter(fund=fund, status=S.POSTED, entry_date__gte=start, entry_date__lte=end)
        .values("category")
        .annotate(total=Sum(magnitude))
    )
    return {r["category"]: r["total"] or 0 for r in rows}
