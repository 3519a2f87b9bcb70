"""Reads about legal basis, consent, requests and the access log that a user makes.

The child is always fetched first through ``children.selectors.get_child_for_user`` (404 outside the
user's scope); the access log is read through ``accounts.scope`` (``access_log.view`` in the row's area)
and its confidential rows only where the user sees confidential facts (``accounts.privacy``).
"""

from collections import defaultdict
from datetime import date

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _

from accounts import privacy, scope
from accounts.models import AccessLog

from ..models import Child, years_before
from ..selectors import children_visible_to
from .models import Basis, ChildBasis, Consent, Purpose, RightsRequest
from .rules import PurposeStatus, purpose_status

CHILD_SUBJECT = "children.child"

# What each logged page or document is, for people reading the log.
WHAT_LABELS = {
    "children.profile": _("child's profile"),
    "children.held_data_pdf": _("what the commune holds about the child (PDF)"),
    "children.registry": _("registry list (Excel)"),
    "children.list.uninsured": _("officers' list: under-6s without a card (Excel)"),
    "children.list.unsupported": _("officers' list: special circumstance without support (Excel)"),
    "children.list.turning16": _("officers' list: turning 16 (Excel)"),
    "children.list.consent": _("officers' list: required consent missing (Excel)"),
    "cases.case_file": _("protection case file"),
    "cases.case_file_pdf": _("protection case file (PDF)"),
    "funds.voucher": _("fund voucher (PDF)"),
    "funds.cash_book": _("cash book"),
    "funds.public_report": _("fund public report (PDF)"),
    "programs.gift_list_pdf": _("gift list (PDF)"),
    "reporting.submission_pdf": _("report (PDF)"),
    "reporting.submission_xlsx": _("report (Excel)"),
    "reporting.period_xlsx": _("reports of a period (Excel)"),
}


def purposes() -> list[Purpose]:
    return list(Purpose.objects.all())


def child_purposes(child: Child, *, on: date, consents: list[Consent] | None = None) -> list[PurposeStatus]:
    """Every purpose with the child's basis and consent state on ``on`` (three queries, two when the
    child's ``consents`` are given)."""
    by_purpose = defaultdict(list)
    for consent in child_consents(child) if consents is None else consents:
        by_purpose[consent.purpose_id].append(consent)
    overrides = {b.purpose_id: b for b in ChildBasis.objects.filter(child=child)}
    return [
        purpose_status(p, child=child, consents=by_purpose[p.pk], override=overrides.get(p.pk), on=on)
        for p in purposes()
    ]


def consent_purposes(child: Child) -> QuerySet:
    """Purposes that rest on consent for this child (the rule's default or the basis recorded for the child)."""
    overrides = ChildBasis.objects.filter(child=child, purpose=OuterRef("pk"))
    return Purpose.objects.filter(
        Exists(overrides.filter(basis=Basis.CONSENT)) | (Q(basis=Basis.CONSENT) & ~Exists(overrides))
    )


def privacy_panel(user, child: Child, *, on: date) -> dict:
    """What the profile's privacy panel shows, and which buttons the user gets."""
    village = child.village
    consents = child_consents(child)
    return {
        "privacy_purposes": child_purposes(child, on=on, consents=consents),
        "privacy_consents": consents,
        "privacy_requests": child_requests(child),
        "privacy_accesses": child_accesses(user, child),
        "can_consent": scope.can(user, "consent.edit", village),
        "can_rights": scope.can(user, "privacy.rights", village),
    }


def child_consents(child: Child) -> list[Consent]:
    """Every consent on record for the child, withdrawn ones included, by purpose and newest first."""
    return list(Consent.objects.filter(child=child).select_related("purpose", "recorded_by"))


def statuses_for(children: list[Child], purpose: Purpose, *, on: date) -> dict[int, PurposeStatus]:
    """The state of each child for one purpose (two queries, whatever the number of children)."""
    ids = [c.pk for c in children]
    consents = defaultdict(list)
    for consent in Consent.objects.filter(child_id__in=ids, purpose=purpose):
        consents[consent.child_id].append(consent)
    overrides = {b.child_id: b for b in ChildBasis.objects.filter(child_id__in=ids, purpose=purpose)}
    return {
        c.pk: purpose_status(purpose, child=c, consents=consents[c.pk], override=overrides.get(c.pk), on=on)
        for c in children
    }


def _consent_counts(purpose: Purpose, on: date):
    """A consent of the child for ``purpose`` that counts on ``on`` (as a subquery on the child)."""
    in_force = Consent.objects.filter(child=OuterRef("pk"), purpose=purpose, given_on__lte=on).filter(
        Q(withdrawn_on__isnull=True) | Q(withdrawn_on__gt=on)
    )
    if purpose.child_consent_age is not None:
        young = Q(child__date_of_birth__gt=years_before(on, purpose.child_consent_age))
        in_force = in_force.filter(Q(child_agreed=True) | young)
    return Exists(in_force)


def missing_consent_q(on: date) -> Q:
    """Children for whom a purpose based on consent applies and no consent counts on ``on``.

    A purpose applies to every child (``every_child``) unless the officer recorded another basis for
    the child, or to this child only when the officer recorded a basis for it. One condition per
    purpose (a handful), each an EXISTS subquery: one SQL statement whatever the registry's size.
    """
    q = Q(pk__in=[])
    for purpose in purposes():
        override = ChildBasis.objects.filter(child=OuterRef("pk"), purpose=purpose)
        needs = Exists(override.filter(basis=Basis.CONSENT))
        if purpose.every_child and purpose.basis == Basis.CONSENT:
            needs = needs | ~Exists(override)
        q |= needs & ~_consent_counts(purpose, on)
    return q


def missing_consent(user, *, on: date, perm: str = "registry.view") -> QuerySet:
    """Children in the user's scope, active on ``on``, whose required consent is missing."""
    return (
        children_visible_to(user, perm)
        .active(on)
        .filter(missing_consent_q(on))
        .select_related("village", "ethnicity")
        .order_by("village__path", "sort_key", "pk")
    )


def child_requests(child: Child) -> list[RightsRequest]:
    return list(child.rights_requests.select_related("received_by", "decided_by", "done_by"))


# --- the access log -----------------------------------------------------------------------------


def access_log_visible_to(user) -> QuerySet:
    """Rows of the access log the user may read: ``access_log.view`` in the row's area, and a
    confidential row only where the user sees confidential facts."""
    rows = scope.scoped(AccessLog.objects.all(), user, "access_log.view", "area")
    trusted = privacy.confidential_areas(user).values("pk")
    return rows.filter(Q(confidential=False) | Q(area__in=trusted))


def child_accesses(user, child: Child, *, limit: int = 50) -> list[AccessLog] | None:
    """Who opened, printed or exported this child's record, newest first; ``None`` when the user may not
    read the log of the child's village (the panel is then not shown)."""
    if not scope.can(user, "access_log.view", child.village):
        return None
    rows = access_log_visible_to(user).filter(subject_type=CHILD_SUBJECT, subject_id=child.pk)
    return list(rows.select_related("user")[:limit])


def access_log_rows(user, *, area=None, action: str = "", start: date | None = None, end: date | None = None):
    """The access log page: the user's rows, narrowed by area (a commune or village in scope), action and dates."""
    rows = access_log_visible_to(user).select_related("user", "area")
    if area is not None:
        rows = rows.filter(area__path__startswith=area.path)
    if action:
        rows = rows.filter(action=action)
    if start:
        rows = rows.filter(at__date__gte=start)
    if end:
        rows = rows.filter(at__date__lte=end)
    return rows.order_by("-at", "-pk")


def child_names(user, rows) -> dict[int, Child]:
    """The children named by ``rows`` that the user may see (one query), to label log rows."""
    ids = {r.subject_id for r in rows if r.subject_type == CHILD_SUBJECT}
    return {c.pk: c for c in children_visible_to(user).filter(pk__in=ids).select_related("village")}
