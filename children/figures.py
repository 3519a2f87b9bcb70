"""The registry's figures: every count of children that the plan, the reports, the dashboards and the
home pages show comes from one function here (README, "Figures", lists them with their definitions).

Each figure takes an ``area`` (a village; a commune, district or province meaning every village below
it) and a day ``on`` or a period ``start``–``end``, and returns **true** numbers. Where figures are
shown, ``accounts.privacy`` decides what may be seen (confidential groups, small numbers).

Who counts, everywhere: ``Child.objects.children_of(area, on)`` — in the registry on that day
(registered by then, not archived by then), under 16 that day, and living in ``area`` that day (dated
residence). A period's figures are taken at its end (``on = end``), so a child registered later, or
who moved in later, never changes a past period; an archived child still counts for the days before
the archiving.

``per_village=True`` returns ``{village_id: count}`` instead of one number (villages where the child
lived on the day; villages with none are absent).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Count, OuterRef, Q, QuerySet, Subquery

from accounts.models import Area

from .models import (
    Child,
    ChildCircumstance,
    CircumstanceGroup,
    Disability,
    HealthInsurance,
    ReportedChild,
    Residence,
    Support,
    years_before,
)

AGE_BANDS = [("0-5", 0, 5), ("6-10", 6, 10), ("11-15", 11, 15)]


def children(area: Area, *, on: date) -> QuerySet[Child]:
    """The children of ``area`` on ``on`` (the base of every figure below)."""
    return Child.objects.children_of(area, on)


def _home_village(on: date) -> Subquery:
    return Subquery(Residence.objects.current_on(on).filter(child=OuterRef("pk")).values("village")[:1])


def _count(qs: QuerySet[Child], *, on: date, per_village: bool):
    if not per_village:
        return qs.count()
    rows = qs.annotate(home=_home_village(on)).values("home").annotate(n=Count("pk")).values_list("home", "n")
    return dict(rows)


# --- stock figures on a day -------------------------------------------------------------------


def under_16(area: Area, *, on: date, per_village: bool = False):
    """Children under 16 in the registry and living in the area on ``on``."""
    return _count(children(area, on=on), on=on, per_village=per_village)


def by_sex(area: Area, *, on: date) -> dict[str, int]:
    """``{"M": boys, "F": girls}`` among ``under_16``."""
    counts = children(area, on=on).aggregate(M=Count("pk", filter=Q(sex="M")), F=Count("pk", filter=Q(sex="F")))
    return {"M": counts["M"], "F": counts["F"]}


def by_age_band(area: Area, *, on: date) -> dict[str, int]:
    """``{"0-5": n, "6-10": n, "11-15": n}``: ``under_16`` by completed years of age on ``on``."""
    return children(area, on=on).aggregate(
        **{key: Count("pk", filter=_age_q(low, high, on)) for key, low, high in AGE_BANDS}
    )


def _age_q(low: int, high: int, on: date) -> Q:
    return Q(date_of_birth__lte=years_before(on, low), date_of_birth__gt=years_before(on, high + 1))


def under_6_set(area: Area, *, on: date) -> QuerySet[Child]:
    """The children under 6 (0–5 completed years) on ``on``."""
    return children(area, on=on).aged(0, 5, on=on)


def under_6(area: Area, *, on: date, per_village: bool = False):
    """Children under 6 on ``on`` — those entitled to a free health-insurance card."""
    return _count(under_6_set(area, on=on), on=on, per_village=per_village)


def under_6_insured_set(area: Area, *, on: date) -> QuerySet[Child]:
    return under_6_set(area, on=on).filter(pk__in=HealthInsurance.objects.valid_on(on).values("child"))


def under_6_insured(area: Area, *, on: date, per_village: bool = False):
    """Children under 6 on ``on`` holding a health-insurance card valid that day."""
    return _count(under_6_insured_set(area, on=on), on=on, per_village=per_village)


# --- special circumstances and disability over a period -----------------------------------------
# A period's figure counts the children of the area at its end who were in the group at some time in
# the period (a circumstance overlapping it), so "of which supported" can never exceed "in the group".
# A day's figure is the same with start = end = the day.


def circumstances(area: Area, *, start: date, end: date) -> QuerySet[ChildCircumstance]:
    """Circumstances in force at some time in the period, of the children of the area at its end."""
    return ChildCircumstance.objects.overlapping(start, end).filter(child__in=children(area, on=end))


def special_set(area: Area, *, start: date, end: date) -> QuerySet[Child]:
    """Children in special circumstances (any group a–o) during the period."""
    return children(area, on=end).filter(pk__in=ChildCircumstance.objects.overlapping(start, end).values("child"))


def supported_set(qs: QuerySet[Child], *, start: date, end: date) -> QuerySet[Child]:
    """Those of ``qs`` who received support of any kind dated in the period."""
    return qs.filter(pk__in=Support.objects.within(start, end).values("child"))


def _by_group(qs: QuerySet[ChildCircumstance]) -> dict[str, int]:
    counts = dict.fromkeys(CircumstanceGroup.objects.values_list("letter", flat=True), 0)
    counts.update(
        dict(qs.values("group__letter").annotate(n=Count("child", distinct=True)).values_list("group__letter", "n"))
    )
    counts[""] = qs.values("child").distinct().count()
    return counts


def in_special_circumstances(area: Area, *, start: date, end: date) -> dict[str, int]:
    """``{letter: children in that group during the period, "": children in any group}``."""
    return _by_group(circumstances(area, start=start, end=end))


def special_circumstances_supported(area: Area, *, start: date, end: date) -> dict[str, int]:
    """The same children, only those who received support of any kind dated in the period
    (allowance, health, rehabilitation, education, counselling, gifts, legal aid, other)."""
    supported = Support.objects.within(start, end).values("child")
    return _by_group(circumstances(area, start=start, end=end).filter(child__in=supported))


def special_supported_pair(area: Area, *, start: date, end: date, per_village: bool = False):
    """Plan target 1: (children in special circumstances supported in the period, children in special
    circumstances in the period). With ``per_village``: two dicts."""
    base = special_set(area, start=start, end=end)
    return (
        _count(supported_set(base, start=start, end=end), on=end, per_village=per_village),
        _count(base, on=end, per_village=per_village),
    )


def disabled_set(area: Area, *, on: date) -> QuerySet[Child]:
    """Children with a disability known on ``on`` (certified by then, or recorded without a date)."""
    return children(area, on=on).filter(pk__in=Disability.objects.known_on(on).values("child"))


def disabled(area: Area, *, on: date, per_village: bool = False):
    """Children with a disability on ``on`` (see ``disabled_set``)."""
    return _count(disabled_set(area, on=on), on=on, per_village=per_village)


def disabled_supported(area: Area, *, start: date, end: date, per_village: bool = False):
    """Children with a disability at the period's end who received support dated in the period."""
    qs = supported_set(disabled_set(area, on=end), start=start, end=end)
    return _count(qs, on=end, per_village=per_village)


def under_6_pair(area: Area, *, on: date, per_village: bool = False):
    """Plan target 3: (under-6s with a valid card, under-6s) on ``on``."""
    return under_6_insured(area, on=on, per_village=per_village), under_6(area, on=on, per_village=per_village)


def disabled_supported_pair(area: Area, *, start: date, end: date, per_village: bool = False):
    """Plan target 4: (disabled children supported in the period, disabled children at its end)."""
    return (
        disabled_supported(area, start=start, end=end, per_village=per_village),
        disabled(area, on=end, per_village=per_village),
    )


def birth_registered_pair(area: Area, *, on: date):
    """(children with a birth registration on record, children) on ``on``."""
    qs = children(area, on=on)
    return qs.filter(birth_registration__registered_on__lte=on).count(), qs.count()


def reported_waiting(drafts: QuerySet) -> int:
    """Children reported by village heads still waiting for the officer, among ``drafts`` (already
    scoped: ``children.reported.confirmable`` or ``reported_visible_to``)."""
    return drafts.filter(status=ReportedChild.Status.WAITING).count()
