"""Writes to the registry. Each is atomic, validates with ``full_clean()`` and records who acted
(django-simple-history stores the acting user from the request, or ``_history_user`` when given).

Other apps call these (never the models directly) to change a child's record:
``support_record`` (the fund, when it posts a payment to a child) and ``circumstance_add``
(a protection case, when it is confirmed).
"""

from datetime import date

from django.db import transaction

from .models import Child, ChildCircumstance, CircumstanceGroup, Support
from .text import normalise_name, search_key, vietnamese_sort_key


def _with_history_user(obj, user):
    if user is not None:
        obj._history_user = user
    return obj


def child_derive_keys(child: Child) -> None:
    """Keep the stored name in NFC and the search and sort keys in step with it."""
    child.full_name = normalise_name(child.full_name)
    child.name_key = search_key(child.full_name)
    child.sort_key = vietnamese_sort_key(child.full_name)


@transaction.atomic
def support_record(
    *,
    child: Child,
    kind: str,
    date: date,
    source: str,
    amount: int | None = None,
    note: str = "",
    recorded_by=None,
) -> Support:
    """Record support a child received (any kind; money in whole VND when it is money)."""
    support = Support(
        child=child, kind=kind, date=date, source=source, amount=amount, note=note, recorded_by=recorded_by
    )
    support.full_clean()
    _with_history_user(support, recorded_by).save()
    return support


@transaction.atomic
def circumstance_add(
    *,
    child: Child,
    letter: str,
    start_date: date,
    end_date: date | None = None,
    subgroup: str = "",
    note: str = "",
    user=None,
) -> ChildCircumstance:
    """Put a child in a special-circumstance group (Law on Children Art. 10, letter a–o)."""
    circumstance = ChildCircumstance(
        child=child,
        group=CircumstanceGroup.objects.get(letter=letter),
        start_date=start_date,
        end_date=end_date,
        subgroup=subgroup,
        note=note,
    )
    circumstance.full_clean()
    _with_history_user(circumstance, user).save()
    return circumstance
