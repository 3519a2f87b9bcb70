"""Writes about legal basis, consent and the representative's requests. Each is atomic, validates with
``full_clean()`` and records who acted (``acting_as`` for the change history). Who may call them is
checked by the views through ``accounts.scope`` (``consent.edit``, ``privacy.rights``).

Other apps call ``purpose_require`` where a purpose is used (a photograph at an event, the Children's
Forum roster): it refuses, naming each child, when a child lacks the basis for it on that day.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts.audit import acting_as

from ..models import Child, Guardian, age_on
from .models import Basis, ChildBasis, Consent, Purpose, RightsRequest
from .rules import refusal
from .selectors import statuses_for


def _not_future(day: date, field: str) -> None:
    if day > timezone.localdate():
        raise ValidationError({field: _("The date cannot be in the future.")})


def _save(obj, user):
    obj.full_clean()
    acting_as(obj, user).save()
    return obj


def purpose_require(*, children, purpose_code: str, on: date) -> None:
    """Refuse (ValidationError listing each child and why) when any of ``children`` lacks the basis
    for the purpose on ``on``: consent missing, withdrawn, or the child's own agreement missing."""
    purpose = Purpose.objects.get(code=purpose_code)
    children = list(children)
    statuses = statuses_for(children, purpose, on=on)
    problems = [refusal(statuses[c.pk], c, on) for c in children if statuses[c.pk].lacks_basis]
    if problems:
        raise ValidationError(problems)


@transaction.atomic
def consent_record(
    *,
    child: Child,
    purposes: list[Purpose],
    guardian: Guardian,
    given_on: date,
    child_agreed: bool = False,
    document: str = "",
    user,
) -> list[Consent]:
    """Record the consent a guardian gave, one row per purpose (each can be withdrawn on its own)."""
    if guardian.child_id != child.pk:
        raise ValidationError({"guardian": _("Choose a guardian of this child.")})
    if not purposes:
        raise ValidationError({"purposes": _("Choose at least one purpose.")})
    _not_future(given_on, "given_on")
    if given_on < child.date_of_birth:
        raise ValidationError({"given_on": _("The date is before the child's birth.")})
    age = age_on(child.date_of_birth, given_on)
    overrides = {b.purpose_id: b.basis for b in ChildBasis.objects.filter(child=child)}
    made = []
    for purpose in purposes:
        if overrides.get(purpose.pk, purpose.basis) != Basis.CONSENT:
            raise ValidationError(
                {"purposes": _("“%(purpose)s” rests on a legal duty, not on consent.") % {"purpose": purpose.name}}
            )
        if purpose.child_must_agree(age) and not child_agreed:
            raise ValidationError(
                {
                    "child_agreed": _(
                        "The child is %(age)s: from the age of %(min)s the child must also agree to “%(purpose)s”."
                    )
                    % {"age": age, "min": purpose.child_consent_age, "purpose": purpose.name}
                }
            )
        in_force = [c for c in Consent.objects.filter(child=child, purpose=purpose) if c.in_force_on(given_on)]
        if in_force:
            raise ValidationError(
                {
                    "purposes": _("A consent for “%(purpose)s” given on %(day)s is already in force.")
                    % {"purpose": purpose.name, "day": date_format(in_force[0].given_on, "SHORT_DATE_FORMAT")}
                }
            )
        consent = Consent(
            child=child,
            purpose=purpose,
            guardian=guardian,
            given_by=guardian.full_name,
            relation=guardian.relation,
            given_on=given_on,
            child_agreed=child_agreed,
            document=document,
            recorded_by=user,
        )
        made.append(_save(consent, user))
    return made


@transaction.atomic
def consent_withdraw(*, consent: Consent, withdrawn_on: date, note: str, user) -> Consent:
    """Record a withdrawal: from ``withdrawn_on`` the purpose lacks its basis for this child."""
    consent = Consent.objects.select_for_update().get(pk=consent.pk)
    if consent.withdrawn_on is not None:
        raise ValidationError(_("This consent was already withdrawn."))
    _not_future(withdrawn_on, "withdrawn_on")
    if withdrawn_on < consent.given_on:
        raise ValidationError({"withdrawn_on": _("A consent cannot be withdrawn before it was given.")})
    if not note.strip():
        raise ValidationError({"note": _("Say who withdrew the consent and how (in writing, in person).")})
    consent.withdrawn_on = withdrawn_on
    consent.withdrawal_note = note.strip()
    consent.withdrawal_recorded_by = user
    return _save(consent, user)


@transaction.atomic
def basis_set(*, child: Child, purpose: Purpose, basis: str, citation: str = "", note: str = "", user) -> ChildBasis:
    """Record the basis for one child and purpose (it then applies to the child even if not to every child)."""
    if basis == Basis.LEGAL_DUTY and not citation.strip():
        raise ValidationError({"citation": _("Name the law and article that create the duty.")})
    record = ChildBasis.objects.filter(child=child, purpose=purpose).first() or ChildBasis(
        child=child, purpose=purpose, recorded_by=user
    )
    record.basis, record.citation, record.note = basis, citation.strip(), note.strip()
    return _save(record, user)


@transaction.atomic
def basis_clear(*, record: ChildBasis, user) -> None:
    """Go back to the purpose's default for this child (the history keeps what was recorded)."""
    acting_as(record, user).delete()


@transaction.atomic
def rights_request_receive(
    *, child: Child, kind: str, requested_by: str, relation: str, received_on: date, details: str, user
) -> RightsRequest:
    """Record a request of the legal representative to correct or delete data about the child."""
    _not_future(received_on, "received_on")
    request = RightsRequest(
        child=child,
        kind=kind,
        requested_by=requested_by.strip(),
        relation=relation,
        received_on=received_on,
        details=details.strip(),
        received_by=user,
    )
    return _save(request, user)


@transaction.atomic
def rights_request_decide(
    *, request: RightsRequest, accept: bool, decided_on: date, reason: str, user
) -> RightsRequest:
    """Accept the request (to be carried out) or refuse it with a reason given to the representative."""
    request = RightsRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RightsRequest.Status.RECEIVED:
        raise ValidationError(_("This request has already been decided."))
    _not_future(decided_on, "decided_on")
    if decided_on < request.received_on:
        raise ValidationError({"decided_on": _("The decision cannot come before the request was received.")})
    if not accept and not reason.strip():
        raise ValidationError({"reason": _("Give the reason for refusing (it is told to the representative).")})
    request.status = RightsRequest.Status.ACCEPTED if accept else RightsRequest.Status.REFUSED
    request.decided_on, request.decided_by, request.reason = decided_on, user, reason.strip()
    return _save(request, user)


@transaction.atomic
def rights_request_complete(*, request: RightsRequest, done_on: date, outcome: str, user) -> RightsRequest:
    """Record that an accepted request was carried out, and what was changed or deleted."""
    request = RightsRequest.objects.select_for_update().get(pk=request.pk)
    if request.status != RightsRequest.Status.ACCEPTED:
        raise ValidationError(_("Only an accepted request can be marked as done."))
    _not_future(done_on, "done_on")
    if done_on < request.decided_on:
        raise ValidationError({"done_on": _("It cannot be done before it was decided.")})
    if not outcome.strip():
        raise ValidationError({"outcome": _("Say what was corrected or deleted.")})
    request.status = RightsRequest.Status.DONE
    request.done_on, request.done_by, request.outcome = done_on, user, outcome.strip()
    return _save(request, user)
