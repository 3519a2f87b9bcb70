"""The one place that decides what a user may read and write.

Every view, list, search and export starts from these helpers:

* ``readable_areas(user)`` / ``writable_areas(user)`` — the areas (subtrees) a user may read / change.
* ``areas_for(user, perm)`` — the areas where the user holds a role that grants ``perm``.
* ``scoped(qs, user, perm, field)`` — ``qs`` narrowed to rows whose area ``field`` lies there.
* ``get_or_404(qs, ...)`` — fetch one row from a scoped queryset; outsiders get 404.
* ``can(user, perm, area)`` / ``require(user, perm, area)`` — a check on one area; ``require``
  answers 403, for the insider who may see the object but not do this to it.

A permission is granted by roles (``PERMISSIONS``) in the subtree of the membership's area.
Superusers hold every permission everywhere.

**Validity.** A membership and an area act only within their dates. The permissions that only read
(``READ_PERMS``) are granted by every membership that has started, also after it ended or its area
was closed: an abolished district office keeps reading the history it oversaw (after a merger its
subtree holds only the records before the close, new ones are made under the new areas). Every
other permission (create, edit, approve, review, calendars) needs a membership acting on the day
(within ``valid_from``/``valid_to``) in an area existing that day, and a target area existing that
day. Someone who leaves is made inactive and loses everything.

Rows outside the scope are never revealed: views fetch through ``scoped``/``get_or_404`` so a
missing and a forbidden object look the same.
"""

from __future__ import annotations

from datetime import date
from functools import reduce
from operator import or_

from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Area, Membership

R = Membership.Role
ALL_ROLES = frozenset(R)
COMMUNE_STAFF = ALL_ROLES - {R.DISTRICT}

# The role matrix of DESIGN.md as data: permission → roles that hold it (in their area's subtree).
PERMISSIONS: dict[str, frozenset[str]] = {
    # areas and the home page
    "area.view": ALL_ROLES,
    # the child registry
    "registry.aggregate": ALL_ROLES,  # counts and charts, no names
    "registry.view": frozenset(
        {R.CULTURE_SOCIAL, R.CHAIRMAN, R.VILLAGE_HEAD, R.HEALTH, R.JUSTICE, R.SCHOOL, R.DISTRICT}
    ),
    "registry.edit": frozenset({R.CULTURE_SOCIAL, R.VILLAGE_HEAD}),
    # a new child: the village head reports one (a draft), the officer confirms it into the registry
    "registry.report": frozenset({R.VILLAGE_HEAD}),
    "registry.confirm": frozenset({R.CULTURE_SOCIAL}),
    "registry.health": frozenset({R.CULTURE_SOCIAL, R.HEALTH}),
    "registry.civil": frozenset({R.CULTURE_SOCIAL, R.JUSTICE}),
    "registry.education": frozenset({R.CULTURE_SOCIAL, R.SCHOOL}),
    "registry.export": frozenset({R.CULTURE_SOCIAL, R.CHAIRMAN, R.VILLAGE_HEAD, R.HEALTH, R.JUSTICE, R.DISTRICT}),
    "registry.history": frozenset({R.CULTURE_SOCIAL, R.CHAIRMAN, R.DISTRICT}),
    # protection cases: the case file is confidential to these three roles
    "cases.view": frozenset({R.CULTURE_SOCIAL, R.CHAIRMAN, R.POLICE}),
    "cases.edit": frozenset({R.CULTURE_SOCIAL, R.POLICE}),
    "cases.approve": frozenset({R.CHAIRMAN}),
    "cases.aggregate": ALL_ROLES,
    "cases.calendar_edit": frozenset({R.CULTURE_SOCIAL}),  # the commune's own public holidays
    # monthly social allowances (children/allowances/): the list of a village, the commune's list the
    # accountant pays; proposals and decisions by the officer (reasons of confidential groups: cases.view)
    "allowances.view": frozenset({R.CULTURE_SOCIAL, R.CHAIRMAN, R.ACCOUNTANT, R.VILLAGE_HEAD, R.DISTRICT}),
    "allowances.edit": frozenset({R.CULTURE_SOCIAL}),
    "allowances.pay": frozenset({R.CULTURE_SOCIAL, R.ACCOUNTANT}),
    # personal data protection (Law 91/2025/QH15): consent, the representative's rights, the access log
    "consent.edit": frozenset({R.CULTURE_SOCIAL, R.VILLAGE_HEAD}),  # record consent, withdrawal, basis
    "privacy.rights": frozenset({R.CULTURE_SOCIAL}),  # the representative's copy; correction/deletion requests
    "access_log.view": frozenset({R.CULTURE_SOCIAL, R.CHAIRMAN, R.DISTRICT}),  # itself personal data
    # the fund ledger
    "fund.view": frozenset({R.CULTURE_SOCIAL, R.CHAIRMAN, R.ACCOUNTANT, R.DISTRICT}),
    "fund.draft": frozenset({R.CULTURE_SOCIAL, R.ACCOUNTANT}),
    "fund.approve": frozenset({R.CHAIRMAN}),
    "fund.post": frozenset({R.ACCOUNTANT}),
    "fund.export": frozenset({R.ACCOUNTANT, R.CHAIRMAN, R.CULTURE_SOCIAL, R.DISTRICT}),
    "fund.public_report": ALL_ROLES,
    # the year's plan
    "plan.view": ALL_ROLES,
    "plan.edit": frozenset({R.CULTURE_SOCIAL}),
    "plan.approve": frozenset({R.CHAIRMAN}),
    "plan.task_update": COMMUNE_STAFF,  # narrowed to the user's own unit by the plan app
    "sites.edit": frozenset({R.CULTURE_SOCIAL, R.VILLAGE_HEAD}),
    # reporting
    "reports.view": frozenset({R.CULTURE_SOCIAL, R.CHAIRMAN, R.VILLAGE_HEAD, R.DISTRICT}),
    "reports.village_submit": frozenset({R.VILLAGE_HEAD}),
    "reports.commune_edit": frozenset({R.CULTURE_SOCIAL}),
    "reports.approve": frozenset({R.CHAIRMAN}),
    "reports.review": frozenset({R.DISTRICT}),
    "reports.consolidated": frozenset({R.DISTRICT}),  # reads the figures pulled from other deployments
    "reports.calendar_edit": frozenset({R.CULTURE_SOCIAL, R.DISTRICT}),
    # the area tree: merging communes, moving villages (the province office; accounts.reform)
    "areas.reorganise": frozenset({R.DISTRICT}),
    # the new-year step: open the fund books, create the reporting periods, draft the plan
    "year.open": frozenset({R.CULTURE_SOCIAL, R.ACCOUNTANT}),
    # the commune's official documents: recipients and signer of each year (accounts.letterhead)
    "documents.edit": frozenset({R.CULTURE_SOCIAL, R.CHAIRMAN}),
}

# Permissions that only read: kept after a membership ended or its area closed (the history).
READ_PERMS = frozenset(
    {
        "area.view",
        "registry.aggregate",
        "registry.view",
        "registry.export",
        "registry.history",
        "cases.view",
        "cases.aggregate",
        "access_log.view",
        "fund.view",
        "fund.export",
        "fund.public_report",
        "plan.view",
        "reports.view",
        "reports.consolidated",
        "allowances.view",
    }
)

# Roles that may change commune data at all (the district office reads and reviews only).
WRITER_ROLES = COMMUNE_STAFF


def today() -> date:
    return timezone.localdate()


def _grants(m: Membership, perm: str, on: date) -> bool:
    if m.role not in PERMISSIONS[perm]:
        return False
    return m.has_started(on) if perm in READ_PERMS else m.acts_on(on)


def _target_exists(perm: str, area: Area, on: date) -> bool:
    return perm in READ_PERMS or area.is_valid_on(on)


def memberships(user) -> list[Membership]:
    """The user's active memberships with their areas, loaded once per user object (each may have
    ended or not begun yet: see ``_grants``)."""
    if not getattr(user, "is_authenticated", False):
        return []
    cached = getattr(user, "_scope_memberships", None)
    if cached is None:
        cached = list(
            Membership.objects.filter(user=user, is_active=True)
            .select_related("area", "unit")
            .order_by("area__path", "role")
        )
        user._scope_memberships = cached
    return cached


def roles(user) -> set[str]:
    return {m.role for m in memberships(user)}


def has_perm(user, perm: str) -> bool:
    """Whether the user holds ``perm`` anywhere (for menus and home panels)."""
    _check_perm(perm)
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    on = today()
    return any(_grants(m, perm, on) for m in memberships(user))


def membership_areas(user, perm: str, *, on: date | None = None) -> list[Area]:
    """The areas of the memberships that grant ``perm`` on ``on`` (default today): the roots of the
    user's subtrees."""
    _check_perm(perm)
    on = on or today()
    return [m.area for m in memberships(user) if _grants(m, perm, on)]


def _check_perm(perm: str) -> None:
    if perm not in PERMISSIONS:
        raise KeyError(f"Unknown permission {perm!r}; add it to accounts.scope.PERMISSIONS")


def _subtree_q(roots: list[Area], prefix: str = "") -> Q:
    if not roots:
        return Q(pk__in=[])
    return reduce(or_, (Q(**{f"{prefix}path__startswith": area.path}) for area in roots))


def areas_for(user, perm: str, *, include_ancestors: bool = False) -> QuerySet[Area]:
    """Areas where ``user`` holds ``perm``: the subtrees under their memberships.

    ``include_ancestors`` adds the areas above each membership (a village head reading the
    commune's plan), for records kept at a higher level than the user works at.
    """
    if getattr(user, "is_superuser", False) and user.is_active:
        return Area.objects.all()
    roots = membership_areas(user, perm)
    q = _subtree_q(roots)
    if include_ancestors and roots:
        q |= Q(code__in={code for area in roots for code in area.ancestor_codes})
    qs = Area.objects.filter(q)
    return qs if perm in READ_PERMS else qs.filter(_valid_q(today()))


def _valid_q(on: date, prefix: str = "") -> Q:
    return (Q(**{f"{prefix}valid_from__isnull": True}) | Q(**{f"{prefix}valid_from__lte": on})) & (
        Q(**{f"{prefix}valid_to__isnull": True}) | Q(**{f"{prefix}valid_to__gte": on})
    )


def readable_areas(user) -> QuerySet[Area]:
    """Every area the user may read anything about."""
    return areas_for(user, "area.view")


def writable_areas(user) -> QuerySet[Area]:
    """Areas in which the user may change something today (never the district office's; never an
    area that has closed)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return Area.objects.all()
    on = today()
    roots = [m.area for m in memberships(user) if m.role in WRITER_ROLES and m.acts_on(on)]
    return Area.objects.filter(_subtree_q(roots)).filter(_valid_q(on))


def scoped(qs: QuerySet, user, perm: str, field: str, *, include_ancestors: bool = False) -> QuerySet:
    """``qs`` narrowed to rows whose area (the FK path ``field``) the user holds ``perm`` in.

    Filters by a join on the area's path prefix, so the query stays one SQL statement at any size.
    """
    if getattr(user, "is_superuser", False) and user.is_active:
        return qs
    roots = membership_areas(user, perm)
    q = _subtree_q(roots, prefix=f"{field}__")
    if include_ancestors and roots:
        q |= Q(**{f"{field}__code__in": {code for area in roots for code in area.ancestor_codes}})
    if perm not in READ_PERMS:
        q &= _valid_q(today(), prefix=f"{field}__")
    return qs.filter(q)


def can(user, perm: str, area: Area | None, *, on: date | None = None) -> bool:
    """Whether ``user`` holds ``perm`` for ``area`` (in a subtree of one of their memberships) today,
    or on ``on``: "was entitled on that day", for reading what was done then (an export of the
    district's 2022 calendar)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return True
    if area is None:
        return False
    on = on or today()
    if not _target_exists(perm, area, on):
        return False
    return any(area.path.startswith(root.path) for root in membership_areas(user, perm, on=on))


def require(user, perm: str, area: Area | None) -> None:
    """403 for an insider who may see the object but may not do this to it."""
    if not can(user, perm, area):
        raise PermissionDenied(_("You do not have the right to do this."))


def get_or_404(qs: QuerySet, **lookup):
    """One row of an already scoped queryset; a missing and an out-of-scope row both answer 404."""
    try:
        return qs.get(**lookup)
    except qs.model.DoesNotExist:
        raise Http404(_("Not found.")) from None


def units_of(user, perm: str | None = None) -> list:
    """The units the user works for (schools, organisations, village units), for "my tasks"."""
    on = today()
    ms = [m for m in memberships(user) if m.acts_on(on)]
    if perm is not None:
        ms = [m for m in ms if m.role in PERMISSIONS[perm]]
    return [m.unit for m in ms if m.unit_id]
