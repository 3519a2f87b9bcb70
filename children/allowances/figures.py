"""Figures of the monthly social allowance (every count or sum of allowances is one function here).

``receiving(area, start=…, end=…)`` — children living in ``area`` with an allowance in force (confirmed
and paid for) in some month of the period; ``paid(area, start=…, end=…)`` — the amount paid by the
lists marked paid in the period (``paid_on`` within it) to children of ``area`` (by the village recorded
on the paid item), arrears included. True numbers; pages decide what may be shown (``accounts.privacy``).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Q, Sum

from accounts.models import Area

from .models import PaymentItem
from .services import Rules, _in_list, entitlements_in, month_of, months


def receiving(area: Area, *, start: date, end: date, per_village: bool = False):
    """Children of ``area`` with an allowance due in at least one month from ``start`` to ``end``."""
    rules = Rules()
    period = months(start, end)
    qs = entitlements_in(area).filter(start_month__lte=month_of(end)).filter(
        Q(end_month__isnull=True) | Q(end_month__gte=month_of(start))
    )  # fmt: skip
    children: dict[int, int] = {}
    for e in qs:
        if any(_in_list(e, m) and rules.due(e, m) for m in period):
            children[e.child_id] = e.child.village_id
    if not per_village:
        return len(children)
    out: dict[int, int] = {}
    for village_id in children.values():
        out[village_id] = out.get(village_id, 0) + 1
    return out


def paid(area: Area, *, start: date, end: date) -> int:
    """VND paid from ``start`` to ``end`` (by payment date) to children of ``area``, arrears included."""
    total = PaymentItem.objects.filter(
        payment_list__paid_on__gte=start,
        payment_list__paid_on__lte=end,
        village__path__startswith=area.path,
    ).aggregate(total=Sum("amount"))["total"]
    return int(total or 0)


def paid_children(area: Area, *, start: date, end: date) -> int:
    """Children of ``area`` paid an allowance from ``start`` to ``end`` (by payment date)."""
    return (
        PaymentItem.objects.filter(
            payment_list__paid_on__gte=start,
            payment_list__paid_on__lte=end,
            village__path__startswith=area.path,
        )
        .values("entitlement__child")
        .distinct()
        .count()
    )
