"""Reads of the registry that a user makes. Every list, page and export starts here.

``children_visible_to(user)`` is the one scoped queryset of children; ``get_child_for_user``
fetches one child or answers 404 when it is outside the user's scope.
"""

from dataclasses import dataclass, field
from datetime import date

from django.db.models import Count, Exists, OuterRef, Prefetch, Q, QuerySet

from accounts import scope
from accounts.audit import history_rows
from accounts.models import Area

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
    Support,
    years_before,
)


def children_visible_to(user, perm: str = "registry.view"):
    """Children in villages where ``user`` holds ``perm`` (default: may read the registry)."""
    return scope.scoped(Child.objects.all(), user, perm, "village")


def get_child_for_user(user, pk: int, perm: str = "registry.view") -> Child:
    """One child in the user's scope; 404 for a missing or out-of-scope child."""
    return scope.get_or_404(children_visible_to(user, perm).select_related("village", "ethnicity"), pk=pk)


def current_circumstances(on: date) -> QuerySet:
    return ChildCircumstance.objects.filter(start_date__lte=on).filter(Q(end_date__isnull=True) | Q(end_date__gte=on))


def child_list_rows(qs: QuerySet, *, on: date) -> QuerySet:
    """What one row of the list shows, loaded in a fixed number of queries whatever the page size:
    current circumstance letters (one prefetch), whether a card is valid and support this year (subqueries)."""
    return (
        qs.select_related("village", "ethnicity")
        .annotate(
            has_valid_card=Exists(
                HealthInsurance.objects.filter(child=OuterRef("pk"), valid_from__lte=on, valid_to__gte=on)
            ),
            supported_this_year=Exists(Support.objects.filter(child=OuterRef("pk"), date__year=on.year)),
            has_disability=Exists(Disability.objects.filter(child=OuterRef("pk"))),
        )
        .prefetch_related(
            Prefetch(
                "circumstances",
                queryset=current_circumstances(on).select_related("group").order_by("group__order"),
                to_attr="current_circumstances",
            )
        )
    )


def child_profile(child: Child) -> dict:
    """Everything the profile page shows about one (already scoped) child."""
    return {
        "guardians": list(child.guardians.all()),
        "circumstances": list(child.circumstances.select_related("group")),
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
)


def child_history(child: Child, limit: int = 200) -> list:
    """The change history of the child and every record about it (also removed ones), newest first."""
    querysets = [child.history.all()] + [model.history.filter(child_id=child.pk) for model in RECORD_MODELS]
    return history_rows(*querysets, limit=limit, hidden=HISTORY_HIDDEN)


# --- the commune dashboard: counts only, no names ---------------------------------------------


@dataclass
class Dashboard:
    area: Area
    on: date
    active: int = 0
    by_village: list[tuple[str, int]] = field(default_factory=list)
    by_group: list[tuple[str, str, int]] = field(default_factory=list)
    by_age: list[tuple[str, int]] = field(default_factory=list)
    under6: int = 0
    under6_insured: int = 0
    with_circumstance: int = 0
    with_circumstance_supported: int = 0
    disabled: int = 0

    @staticmethod
    def _share(part: int, whole: int) -> float | None:
        return round(100 * part / whole, 1) if whole else None

    @property
    def under6_coverage(self) -> float | None:
        return self._share(self.under6_insured, self.under6)

    @property
    def supported_share(self) -> float | None:
        return self._share(self.with_circumstance_supported, self.with_circumstance)


def dashboard_areas(user) -> QuerySet:
    """Communes and villages whose figures the user may see (``registry.aggregate``)."""
    return (
        scope.areas_for(user, "registry.aggregate")
        .filter(kind__in=[Area.Kind.COMMUNE, Area.Kind.VILLAGE])
        .select_related("parent")
        .order_by("path")
    )


def registry_dashboard(user, area: Area, *, on: date) -> Dashboard:
    """Counts for ``area`` (a commune or a village the user may see) as of ``on``."""
    active = scope.scoped(Child.objects.all(), user, "registry.aggregate", "village").filter(
        village__path__startswith=area.path
    )
    active = active.active(on)
    board = Dashboard(area=area, on=on)
    board.by_village = [
        (row["village__name"], row["n"])
        for row in active.values("village__code", "village__name").annotate(n=Count("pk")).order_by("village__code")
    ]
    board.active = sum(n for _, n in board.by_village)
    group_counts = dict(
        current_circumstances(on)
        .filter(child__in=active)
        .values_list("group__letter")
        .annotate(n=Count("child", distinct=True))
    )
    board.by_group = [(g.letter, g.name, group_counts.get(g.letter, 0)) for g in CircumstanceGroup.objects.all()]
    bands = [("<6", 0, 5), ("6–10", 6, 10), ("11–15", 11, 15)]
    age_counts = active.aggregate(
        **{
            label: Count(
                "pk", filter=Q(date_of_birth__lte=years_before(on, low), date_of_birth__gt=years_before(on, high + 1))
            )
            for label, low, high in bands
        }
    )
    board.by_age = [(label, age_counts[label]) for label, _low, _high in bands]
    under6 = Q(date_of_birth__gt=years_before(on, 6))
    figures = active.annotate(
        card=Exists(HealthInsurance.objects.filter(child=OuterRef("pk"), valid_from__lte=on, valid_to__gte=on)),
        supported=Exists(Support.objects.filter(child=OuterRef("pk"), date__year=on.year)),
        circumstance=Exists(current_circumstances(on).filter(child=OuterRef("pk"))),
        disability=Exists(Disability.objects.filter(child=OuterRef("pk"))),
    ).aggregate(
        under6=Count("pk", filter=under6),
        under6_insured=Count("pk", filter=under6 & Q(card=True)),
        with_circumstance=Count("pk", filter=Q(circumstance=True)),
        with_circumstance_supported=Count("pk", filter=Q(circumstance=True, supported=True)),
        disabled=Count("pk", filter=Q(disability=True)),
    )
    for name, value in figures.items():
        setattr(board, name, value)
    return board
