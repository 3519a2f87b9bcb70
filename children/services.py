"""Writes to the registry. Each is atomic, validates with ``full_clean()`` and records who acted
(django-simple-history stores the acting user from the request, or ``_history_user`` when given).

Other apps call these (never the models directly) to change a child's record:
``support_record`` (the fund, when it posts a payment to a child) and ``circumstance_add``
(a protection case, when it is confirmed).
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext_lazy as _

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


class DuplicateChild(ValidationError):
    """A child with the same normalised name, date of birth and village exists; the user must confirm."""

    def __init__(self, existing):
        self.existing = list(existing)
        super().__init__(
            _("A child with the same name, date of birth and village is already registered."), code="duplicate"
        )


def child_duplicates(
    *, full_name: str, date_of_birth: date, village, personal_id: str | None = None, exclude_pk: int | None = None
):
    """Return (child with the same personal ID or None, queryset of same name key + date of birth + village)."""
    same_id = None
    if personal_id:
        same_id = Child.objects.filter(personal_id=personal_id).exclude(pk=exclude_pk).first()
    similar = Child.objects.filter(
        name_key=search_key(normalise_name(full_name)), date_of_birth=date_of_birth, village=village
    ).exclude(pk=exclude_pk)
    return same_id, similar


@transaction.atomic
def child_register(*, user, confirm_duplicate: bool = False, **fields) -> Child:
    """Register a child. Refused when the personal ID exists; ``DuplicateChild`` when a child with the
    same normalised name, date of birth and village exists and the user has not confirmed."""
    child = Child(created_by=user, **fields)
    if not child.personal_id:
        child.personal_id = None
    child_derive_keys(child)
    same_id, similar = child_duplicates(
        full_name=child.full_name,
        date_of_birth=child.date_of_birth,
        village=child.village,
        personal_id=child.personal_id,
    )
    if same_id is not None:
        raise ValidationError(
            {"personal_id": _("A child with this personal identification number is already registered.")}
        )
    if similar.exists() and not confirm_duplicate:
        raise DuplicateChild(similar)
    child.full_clean()
    _with_history_user(child, user).save()
    return child
