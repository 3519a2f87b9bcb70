"""Reads of the registry that a user makes. Every list, page and export starts here.

``children_visible_to(user)`` is the one scoped queryset of children; ``get_child_for_user``
fetches one child or answers 404 when it is outside the user's scope.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet

from accounts import privacy, scope
from accounts.audit import history_rows
from accounts.models import Area

from . import figures
from .models import (
    Adoption,
    BirthRegistration,
    Child,
    ChildBasis,
    ChildCircumstance,
    CircumstanceGroup,
    Consent,
    Disability,
    Guardian,
    HealthInsurance,
    HealthScreening,
    RightsRequest,
    Support,
)


def children_visible_to(user, perm: str = "registry.view"):
    """Children in villages where ``user`` holds ``perm`` (default: may read the registry)."""
    return scope.scoped(Child.objects.all(), user, perm, "village")


def get_child_for_user(user, pk: int, perm: str = "registry.view") -> Child:
    """One child in the user's scope; 404 for a missing or out-of-scope child."""
    return scope.get_or_404(children_visible_to(user, perm).select_related("village", "ethnicity"), pk=pk)


def circumstances_visible_to(user) -> QuerySet[ChildCircumstance]:
    """The special circumstances ``user`` may see: every non-confidential one of the children they
    see, and confidential ones (abuse, HIV, …, or recorded from a case) only where they hold
    ``cases.view`` (``accounts.privacy``). Lists, filters, the profile, exports and gift lists start here."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return ChildCircumstance.objects.all()
    confidential = ChildCircumstance.objects.confidential()
    visible_confidential = scope.scoped(confidential, user, privacy.CONFIDENTIAL_PERM, "child__village")
    return ChildCircumstance.objects.filter(
        Q(group__confidential=False, from_case=False) | Q(pk__in=visible_confidential.values("pk"))
    )


def circumstance_groups_for(user, area: Area | None = None) -> QuerySet[CircumstanceGroup]:
    """Groups ``user`` may choose in a filter (anywhere) or a form (for a child of ``area``):
    confidential ones only for holders of ``cases.view`` there (or somewhere, without an area)."""
    groups = CircumstanceGroup.objects.all()
    trusted = (
        privacy.sees_confidential(user, area) if area is not None else scope.has_perm(user, privacy.CONFIDENTIAL_PERM)
    )
    return groups if trusted else groups.filter(confidential=False)


def child_list_rows(qs: QuerySet, *, on: date, user) -> QuerySet:
    """What one row of the list shows, loaded in a fixed number of queries whatever the page size:
    current circumstance letters (one prefetch), whether a card is valid and support this year (subqueries)."""
    return (
        qs.select_related("village", "ethnicity")
        .annotate(
            has_valid_card=Exists(HealthInsurance.objects.valid_on(on).filter(child=OuterRef("pk"))),
            supported_this_year=Exists(Support.objects.within(date(on.year, 1, 1), on).filter(child=OuterRef("pk"))),
            has_disability=Exists(Disability.objects.known_on(on).filter(child=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch(
                "circumstances",
                queryset=circumstances_visible_to(user).current_on(on).select_related("group").order_by("group__order"),
                to_attr="current_circumstances",
            )
        )
    )


def child_profile(child: Child, user) -> dict:
    """Everything the profile page shows about one (already scoped) child to ``user``."""
    return {
        "guardians": list(child.guardians.all()),
        "circumstances": list(circumstances_visible_to(user).filter(child=child).select_related("group")),
        "disabilities": list(child.disabilities.all()),
        "insurance_cards": list(child.insurance_cards.all()),
        "screenings": list(child.screenings.all()),
        "birth_registration": BirthRegistration.objects.filter(child=child).first(),
        "adoptions": list(child.adoptions.all()),
        "supports": list(child.supports.select_related("recorded_by")),
    }


HISTORY_HIDDEN = frozenset({"name_key", "sort_key", "updated_at", "created_at"})
RECORD_MODELS = (
    Guardian,
    ChildCircumstance,
    Disability,
    HealthInsurance,
    HealthScreening,
    BirthRegistration,
    Adoption,
    Support,
    Consent,  # consent, its withdrawal, the basis recorded for the child, the representative's requests
    ChildBasis,
    RightsRequest,
)


def child_history(child: Child, user, limit: int = 200) -> list:
    """The change history of the child and every record about it (also removed ones), newest first;
    the history of confidential circumstances only for those who may see them."""
    querysets = [child.history.all()] + [model.history.filter(child_id=child.pk) for model in RECORD_MODELS]
    if not privacy.sees_confidential(user, child.village):
        index = RECORD_MODELS.index(ChildCircumstance) + 1
        querysets[index] = querysets[index].filter(group__confidential=False, from_case=False)
    return history_rows(*querysets, limit=limit, hidden=HISTORY_HIDDEN)


# --- the commune dashboard: counts only, no names ---------------------------------------------


@dataclass
class Dashboard:
    """Figures of one area on one day, as the viewer may see them (``accounts.privacy``)."""

    area: Area
    on: date
    active: object = 0
    by_village: list[tuple[str, object]] = field(default_factory=list)
    by_group: list[tuple[str, str, object]] = field(default_factory=list)
    by_age: list[tuple[str, object]] = field(default_factory=list)
    under6: object = 0
    under6_insured: object = 0
    with_circumstance: object = 0
    with_circumstance_supported: object = 0
    special_in_year: object = 0
    disabled: object = 0
    under6_coverage: float | None = None
    supported_share: float | None = None


def _share(part, whole) -> float | None:
    if not isinstance(part, int) or not isinstance(whole, int) or not whole:
        return None
    return round(100 * part / whole, 1)


def dashboard_areas(user) -> QuerySet:
    """Communes and villages whose figures the user may see (``registry.aggregate``)."""
    return (
        scope.areas_for(user, "registry.aggregate")
        .filter(kind__in=[Area.Kind.COMMUNE, Area.Kind.VILLAGE])
        .select_related("parent")
        .order_by("path")
    )


def registry_dashboard(user, area: Area, *, on: date) -> Dashboard:
    """The figures of ``area`` (a commune or village the user may see) on ``on``, from
    ``children/figures.py``: children under 16 by village, group and age; under-6 insurance; special
    circumstances on the day and those supported since 1 January. Confidential groups and small
    numbers are shown as the viewer may see them."""
    trusted = privacy.sees_confidential(user, area)
    village_level = area.kind == Area.Kind.VILLAGE

    def show(value, *, confidential=False, village=village_level):
        return privacy.disclose(value, confidential=confidential, village_level=village, trusted=trusted)

    board = Dashboard(area=area, on=on)
    per_village = figures.under_16(area, on=on, per_village=True)
    villages = area.descendants().filter(kind=Area.Kind.VILLAGE).order_by("code")
    board.by_village = [(v.name, show(per_village[v.pk], village=True)) for v in villages if v.pk in per_village]
    board.active = show(figures.under_16(area, on=on))
    groups = figures.in_special_circumstances(area, start=on, end=on)
    board.by_group = [
        (g.letter, g.name, show(groups.get(g.letter, 0), confidential=g.confidential))
        for g in CircumstanceGroup.objects.all()
        if trusted or not g.confidential
    ]
    board.by_age = [
        (label, show(n))
        for label, n in zip(("<6", "6–10", "11–15"), figures.by_age_band(area, on=on).values(), strict=True)
    ]
    insured, under6 = figures.under_6_pair(area, on=on)
    supported, special = figures.special_supported_pair(area, start=date(on.year, 1, 1), end=on)
    board.under6, board.under6_insured = show(under6), show(insured)
    board.with_circumstance, board.with_circumstance_supported = show(groups[""]), show(supported)
    board.disabled = show(figures.disabled(area, on=on))
    board.under6_coverage = _share(board.under6_insured, board.under6)
    board.special_in_year = show(special)
    board.supported_share = _share(board.with_circumstance_supported, board.special_in_year)
    return board


def home_count(user, *, on: date) -> int:
    """Children under 16 in the areas where ``user`` may see registry figures (the home page's figure)."""
    roots = scope.membership_areas(user, "registry.aggregate")
    if getattr(user, "is_superuser", False):
        roots = list(Area.objects.filter(parent__isnull=True))
    roots = [a for a in roots if not any(o is not a and a.path.startswith(o.path) for o in roots)]
    return sum(figures.under_16(area, on=on) for area in roots)


def registry_villages(user) -> QuerySet[Area]:
    """The villages in which ``user`` may register and edit children."""
    return scope.areas_for(user, "registry.edit").filter(kind=Area.Kind.VILLAGE).order_by("path")
