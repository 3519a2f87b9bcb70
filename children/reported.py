"""Children reported by village heads: a head's registration (online or synced from a phone) is a
``ReportedChild`` draft; the commune officer confirms it — registering the child with the ordinary
registration (same form, same duplicate check) — or rejects it with a reason.

Who reports and who confirms comes from ``accounts.scope``: ``registry.report`` (village heads) and
``registry.confirm`` (the culture-social officer). A user who may confirm registers directly."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scope
from accounts.audit import acting_as
from accounts.models import Area

from . import services
from .models import Child, ReportedChild
from .text import normalise_name

# form fields kept in ``details`` to prefill the officer's registration form
DETAIL_FIELDS = ("personal_id", "address", "poverty", "schooling", "school_name", "guardian_relation")


def reports_only(user) -> bool:
    """Whether a new child typed by ``user`` becomes a draft for the officer (a village head) rather
    than a registered child."""
    return scope.has_perm(user, "registry.report") and not scope.has_perm(user, "registry.confirm")


def report_villages(user) -> QuerySet[Area]:
    """The villages in which ``user`` may report a child."""
    return scope.areas_for(user, "registry.report").filter(kind=Area.Kind.VILLAGE).order_by("path")


def confirmable(user) -> QuerySet[ReportedChild]:
    """The drafts ``user`` may confirm or reject (the officer: the commune's)."""
    return scope.scoped(ReportedChild.objects.all(), user, "registry.confirm", "village")


def reported_visible_to(user) -> QuerySet[ReportedChild]:
    """The drafts ``user`` may read: the officer the commune's, the head their village's."""
    reported = scope.scoped(ReportedChild.objects.all(), user, "registry.report", "village")
    return ReportedChild.objects.filter(
        Q(pk__in=confirmable(user).values("pk")) | Q(pk__in=reported.values("pk"))
    ).select_related("village", "reported_by", "decided_by", "child")


def child_report(*, user, data: dict) -> ReportedChild:
    """A draft from the cleaned data of the registration form (``ChildRegisterForm``)."""
    village = data["village"]
    scope.require(user, "registry.report", village)
    details = {name: data.get(name) or "" for name in DETAIL_FIELDS}
    details["ethnicity"] = data["ethnicity"].pk if data.get("ethnicity") else ""
    reported = ReportedChild(
        full_name=normalise_name(data["full_name"]),
        sex=data["sex"],
        date_of_birth=data["date_of_birth"],
        village=village,
        carer_name=data.get("guardian_name") or "",
        carer_phone=data.get("guardian_phone") or "",
        note=data.get("notes") or "",
        details=details,
        reported_by=user,
    )
    reported.full_clean()
    acting_as(reported, user).save()
    return reported


def form_initial(reported: ReportedChild) -> dict:
    """The registration form's initial values from a draft."""
    return {
        **{k: v for k, v in (reported.details or {}).items() if v not in ("", None)},
        "full_name": reported.full_name,
        "sex": reported.sex,
        "date_of_birth": reported.date_of_birth,
        "village": reported.village,
        "guardian_name": reported.carer_name,
        "guardian_phone": reported.carer_phone,
        "notes": reported.note,
    }


def _lock_waiting(reported: ReportedChild) -> ReportedChild:
    locked = ReportedChild.objects.select_for_update().get(pk=reported.pk)
    if locked.status != ReportedChild.Status.WAITING:
        raise ValidationError(_("This reported child was already decided."))
    return locked


@transaction.atomic
def reported_confirm(*, reported: ReportedChild, user, **register) -> Child:
    """Register the child (``services.child_register``: the duplicate check included) and mark the
    draft confirmed, linked to the child — both or neither."""
    locked = _lock_waiting(reported)
    scope.require(user, "registry.confirm", locked.village)
    child = services.child_register(user=user, **register)
    locked.status = ReportedChild.Status.CONFIRMED
    locked.child = child
    locked.decided_by = user
    locked.decided_at = timezone.now()
    acting_as(locked, user).save()
    return child


@transaction.atomic
def reported_reject(*, reported: ReportedChild, user, reason: str) -> ReportedChild:
    locked = _lock_waiting(reported)
    scope.require(user, "registry.confirm", locked.village)
    if not reason.strip():
        raise ValidationError({"reason": _("Give the reason for rejecting.")})
    locked.status = ReportedChild.Status.REJECTED
    locked.reject_reason = reason.strip()
    locked.decided_by = user
    locked.decided_at = timezone.now()
    acting_as(locked, user).save()
    return locked
