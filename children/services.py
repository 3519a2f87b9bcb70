"""Writes to the registry. Each is atomic, validates with ``full_clean()`` and records who acted
(django-simple-history stores the acting user from the request, or ``_history_user`` when given).

Other apps call these (never the models directly) to change a child's record:
``support_record`` (the fund, when it posts a payment to a child) and ``circumstance_add``
(a protection case, when it is confirmed).
"""

from collections.abc import Iterable
from datetime import date, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.utils import bulk_create_with_history, bulk_update_with_history

from accounts.audit import acting_as

from .models import (
    Adoption,
    BirthRegistration,
    Child,
    ChildCircumstance,
    CircumstanceGroup,
    Disability,
    Guardian,
    HealthInsurance,
    HealthScreening,
    Residence,
    Support,
)
from .text import normalise_name, search_key, vietnamese_sort_key


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
    acting_as(support, recorded_by).save()
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
    from_case: bool = False,
    user=None,
) -> ChildCircumstance:
    """Put a child in a special-circumstance group (Law on Children Art. 10, letter a–o).
    ``from_case``: recorded from a protection case, and so confidential whatever the group."""
    circumstance = ChildCircumstance(
        child=child,
        group=CircumstanceGroup.objects.get(letter=letter),
        start_date=start_date,
        end_date=end_date,
        subgroup=subgroup,
        note=note,
        from_case=from_case,
    )
    circumstance.full_clean()
    acting_as(circumstance, user).save()
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
def child_register(*, user, confirm_duplicate: bool = False, guardians: list[dict] | None = None, **fields) -> Child:
    """Register a child. Refused when the personal ID exists; ``DuplicateChild`` when a child with the
    same normalised name, date of birth and village exists and the user has not confirmed.
    ``guardians`` is an optional list of guardian fields (full_name, relation, phone, is_primary)."""
    child = Child(created_by=user, **fields)
    if not child.personal_id:
        child.personal_id = None
    child_derive_keys(child)
    _refuse_future_birth(child)
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
    acting_as(child, user).save()
    residences_follow([child], on=timezone.localdate(), user=user)
    for guardian_fields in guardians or []:
        guardian_save(child=child, user=user, **guardian_fields)
    return child


# --- where a child lives ----------------------------------------------------------------------


def residences_follow(children: Iterable[Child], *, on: date, user=None) -> None:
    """Keep each child's dated residence in step with its current village (``Child.village``).

    A child with no residence gets one from the day it entered the registry; a child whose village
    changed has its open residence closed the day before ``on`` and a new one opened on ``on`` (a
    change on the day the residence began corrects it instead). Past periods keep counting the child
    where it lived then. Bulk: a fixed number of queries whatever the number of children.
    """
    children = [c for c in children if c.pk]
    open_rows = {
        r.child_id: r for r in Residence.objects.filter(child__in=[c.pk for c in children], end_date__isnull=True)
    }
    new, changed = [], []
    for child in children:
        current = open_rows.get(child.pk)
        if current is None:
            new.append(Residence(child=child, village_id=child.village_id, start_date=child.registered_on))
        elif current.village_id != child.village_id:
            if current.start_date >= on:
                current.village_id = child.village_id
            else:
                current.end_date = on - timedelta(days=1)
                new.append(Residence(child=child, village_id=child.village_id, start_date=on))
            changed.append(current)
    if changed:
        bulk_update_with_history(changed, Residence, ["village", "end_date"], default_user=user)
    if new:
        bulk_create_with_history(new, Residence, default_user=user)


# --- changing a child ------------------------------------------------------------------------

IDENTITY_FIELDS = ("full_name", "date_of_birth", "village_id")


def _refuse_future_birth(child: Child) -> None:
    if child.date_of_birth and child.date_of_birth > timezone.localdate():
        raise ValidationError({"date_of_birth": _("The date of birth cannot be in the future.")})


@transaction.atomic
def child_update(*, child: Child, user, confirm_duplicate: bool = False, **fields) -> Child:
    """Change a child's record. The same personal-ID and duplicate rules as ``child_register`` apply
    when the name, date of birth, village or personal ID change."""
    # Compare with what is stored (a ModelForm may already have written the new values on ``child``).
    before = Child.objects.filter(pk=child.pk).values(*IDENTITY_FIELDS, "personal_id").get()
    for name, value in fields.items():
        setattr(child, name, value)
    if not child.personal_id:
        child.personal_id = None
    child_derive_keys(child)
    _refuse_future_birth(child)
    same_id, similar = child_duplicates(
        full_name=child.full_name,
        date_of_birth=child.date_of_birth,
        village=child.village,
        personal_id=child.personal_id if child.personal_id != before["personal_id"] else None,
        exclude_pk=child.pk,
    )
    if same_id is not None:
        raise ValidationError(
            {"personal_id": _("A child with this personal identification number is already registered.")}
        )
    identity_changed = any(getattr(child, name) != before[name] for name in IDENTITY_FIELDS)
    if identity_changed and similar.exists() and not confirm_duplicate:
        raise DuplicateChild(similar)
    child.full_clean()
    acting_as(child, user).save()
    if child.village_id != before["village_id"]:
        residences_follow([child], on=timezone.localdate(), user=user)
    return child


@transaction.atomic
def child_archive(*, child: Child, user, reason: str) -> Child:
    """Take a child out of the registry with a reason (records are archived, never deleted)."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Give the reason for archiving.")})
    if child.archived_at is not None:
        raise ValidationError(_("This record is already archived."))
    child.archived_at = timezone.now()
    child.archived_reason = reason[:300]
    child.full_clean()
    acting_as(child, user).save(update_fields=["archived_at", "archived_reason", "updated_at"])
    return child


@transaction.atomic
def child_restore(*, child: Child, user) -> Child:
    """Bring an archived record back into the registry."""
    if child.archived_at is None:
        raise ValidationError(_("This record is not archived."))
    child.archived_at = None
    child.archived_reason = ""
    acting_as(child, user).save(update_fields=["archived_at", "archived_reason", "updated_at"])
    return child


# --- records about a child (guardians, circumstances, health, civil status, support) ----------


def _save_record(model, *, child: Child, user, instance=None, **fields):
    record = instance if instance is not None else model(child=child)
    if record.child_id != child.pk:
        raise ValueError("The record belongs to another child.")
    for name, value in fields.items():
        setattr(record, name, value)
    record.full_clean()
    acting_as(record, user).save()
    return record


@transaction.atomic
def guardian_save(*, child: Child, user, instance: Guardian | None = None, **fields) -> Guardian:
    """Add or change a guardian; marking one as the main carer unmarks the others."""
    guardian = _save_record(Guardian, child=child, user=user, instance=instance, **fields)
    if guardian.is_primary:
        for other in child.guardians.filter(is_primary=True).exclude(pk=guardian.pk):
            other.is_primary = False
            acting_as(other, user).save(update_fields=["is_primary"])
    return guardian


@transaction.atomic
def circumstance_save(*, child: Child, user, instance: ChildCircumstance | None = None, **fields) -> ChildCircumstance:
    """Add or change (e.g. close with an end date) a special circumstance."""
    return _save_record(ChildCircumstance, child=child, user=user, instance=instance, **fields)


@transaction.atomic
def disability_save(*, child: Child, user, instance: Disability | None = None, **fields) -> Disability:
    return _save_record(Disability, child=child, user=user, instance=instance, **fields)


@transaction.atomic
def insurance_save(*, child: Child, user, instance: HealthInsurance | None = None, **fields) -> HealthInsurance:
    return _save_record(HealthInsurance, child=child, user=user, instance=instance, **fields)


@transaction.atomic
def screening_save(*, child: Child, user, instance: HealthScreening | None = None, **fields) -> HealthScreening:
    return _save_record(HealthScreening, child=child, user=user, instance=instance, **fields)


@transaction.atomic
def birth_registration_save(
    *, child: Child, user, instance: BirthRegistration | None = None, **fields
) -> BirthRegistration:
    if instance is None:
        instance = BirthRegistration.objects.filter(child=child).first()
    return _save_record(BirthRegistration, child=child, user=user, instance=instance, **fields)


@transaction.atomic
def adoption_save(*, child: Child, user, instance: Adoption | None = None, **fields) -> Adoption:
    return _save_record(Adoption, child=child, user=user, instance=instance, **fields)


@transaction.atomic
def support_save(*, child: Child, user, instance: Support | None = None, **fields) -> Support:
    """Record new support (through ``support_record``) or correct an existing entry."""
    if instance is None:
        return support_record(child=child, recorded_by=user, **fields)
    return _save_record(Support, child=child, user=user, instance=instance, **fields)


@transaction.atomic
def record_delete(*, record, user) -> None:
    """Remove a record entered by mistake; the history keeps what it was and who removed it.
    Refused when another record depends on it (e.g. a fund entry paid this support)."""
    acting_as(record, user)
    try:
        record.delete()
    except ProtectedError:
        raise ValidationError(
            _("This record is used elsewhere (for example by a fund entry) and cannot be removed.")
        ) from None


# --- the area tree changes (accounts.reform) ---------------------------------------------------


def reform_step(move) -> None:
    """Children living in a village that moves live in its new village from the day on: their
    residence closes the day before and a new one opens (``residences_follow``); earlier days keep
    counting them where they were."""
    on = move.on_date
    living = list(
        Child.objects.filter(
            pk__in=Residence.objects.filter(village__in=[v.pk for v in move.villages]).current_on(on).values("child")
        ).select_related("village")
    )
    move.say(_("%(count)s children live in the villages that move: their residence moves on %(date)s.")
             % {"count": len(living), "date": on.strftime("%d/%m/%Y")})  # fmt: skip
    if move.dry_run or not living:
        return
    for child in living:
        child.village = move.village_map.get(child.village_id, child.village)
    bulk_update_with_history(living, Child, ["village"], default_user=move.user)
    # a child who moved house after the day (a residence starting later) keeps that later move
    residences_follow(living, on=on, user=move.user)
