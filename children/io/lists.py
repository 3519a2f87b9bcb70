"""The lists officers draw up from the registry (each shown on a page and exported to Excel).

* under-6s without a valid health-insurance card on a day: the list the commune sends so that the
  free cards are issued (Law on Health Insurance: children under 6 are insured by the state);
* children in a special circumstance this year but with no support recorded since 1 January;
* children who turn 16 in the year (they leave the registry of children on their birthday).

Each selector takes the viewer and starts from the scoped registry (``children_visible_to``), so
a list never shows a child the user may not see. Each returns a queryset ordered for printing.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import OuterRef, QuerySet, Subquery
from django.utils.translation import gettext_lazy as _

from ..models import ADULT_AGE, Guardian, HealthInsurance, Support
from ..selectors import children_visible_to, circumstances_visible_to


def _base(user, perm: str) -> QuerySet:
    return children_visible_to(user, perm).filter(archived_at__isnull=True).select_related("village", "ethnicity")


def uninsured_under6(user, *, on: date, perm: str = "registry.view") -> QuerySet:
    """Children under 6 on ``on`` with no health-insurance card valid that day."""
    return (
        _base(user, perm)
        .active(on)
        .aged(0, 5, on=on)
        .exclude(pk__in=HealthInsurance.objects.valid_on(on).values("child"))
        .order_by("village__path", "sort_key", "pk")
    )


def unsupported_with_circumstance(user, *, on: date, perm: str = "registry.view") -> QuerySet:
    """Children under 16 on ``on`` who were in a special circumstance the user may see at some time
    since 1 January, with no support dated since then — those the plan's first target still misses."""
    start = date(on.year, 1, 1)
    in_circumstance = circumstances_visible_to(user).overlapping(start, on).values("child")
    return (
        _base(user, perm)
        .active(on)
        .filter(pk__in=in_circumstance)
        .exclude(pk__in=Support.objects.within(start, on).values("child"))
        .order_by("village__path", "sort_key", "pk")
    )


def turning_16(user, *, year: int, perm: str = "registry.view") -> QuerySet:
    """Children whose 16th birthday falls in ``year``, by birthday."""
    return _base(user, perm).filter(date_of_birth__year=year - ADULT_AGE).order_by("date_of_birth", "sort_key", "pk")


def with_primary_guardian(qs: QuerySet) -> QuerySet:
    """Annotate the main carer's name and phone (one subquery each, no per-row query)."""
    primary = Guardian.objects.filter(child=OuterRef("pk")).order_by("-is_primary", "pk")
    return qs.annotate(
        carer_name=Subquery(primary.values("full_name")[:1]),
        carer_phone=Subquery(primary.values("phone")[:1]),
    )


@dataclass(frozen=True)
class OfficerList:
    slug: str
    title: str
    description: str

    def queryset(self, user, *, on: date, perm: str = "registry.view") -> QuerySet:
        if self.slug == "uninsured":
            qs = uninsured_under6(user, on=on, perm=perm)
        elif self.slug == "unsupported":
            qs = unsupported_with_circumstance(user, on=on, perm=perm)
        else:
            qs = turning_16(user, year=on.year, perm=perm)
        return with_primary_guardian(qs)


OFFICER_LISTS = {
    "uninsured": OfficerList(
        "uninsured",
        _("Under-6s without a valid health-insurance card"),
        _("Children under 6 with no card valid on the chosen day: the list the commune sends for free cards."),
    ),
    "unsupported": OfficerList(
        "unsupported",
        _("Children in a special circumstance without support this year"),
        _("Children under 16 in a special circumstance on the chosen day with no support recorded since 1 January."),
    ),
    "turning16": OfficerList(
        "turning16",
        _("Children who turn 16 this year"),
        _("They leave the registry of children on their 16th birthday."),
    ),
}
