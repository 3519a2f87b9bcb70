"""Reads of the plan that a user makes, and the target indicators computed from the registry.

Every queryset a user sees starts from ``plans_visible_to`` (the commune's plan is read by everyone
in the commune, including village heads: ``include_ancestors``), ``sites_visible_to`` or the
children selectors, all through ``accounts.scope``.

Indicators are measured for the plan's commune (or one of its villages) over the plan's year up to
the "as of" day: 31 December, or today when that is earlier (``Plan.as_of``).
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from functools import partial

from django.db.models import Count, Prefetch, QuerySet, Sum
from django.utils import timezone

from accounts import privacy, scope
from accounts.models import Area
from children import figures as child_figures
from children.cases.figures import case_figures
from children.models import Child, HealthInsurance
from children.selectors import children_visible_to, circumstances_visible_to
from core import memo
from funds import figures as fund_figures

from . import figures as plan_figures
from .criteria import CRITERIA
from .models import (
    Assessment,
    Assignment,
    CriterionScore,
    Event,
    Forum,
    Plan,
    RiskSite,
    Target,
    TargetValue,
    Training,
)

I = Target.Indicator  # noqa: E741


# --- visibility -------------------------------------------------------------------------------


def plans_visible_to(user) -> QuerySet[Plan]:
    return scope.scoped(
        Plan.objects.select_related("commune", "approved_by"), user, "plan.view", "commune", include_ancestors=True
    )


def get_plan_for_user(user, pk: int) -> Plan:
    return scope.get_or_404(plans_visible_to(user), pk=pk)


def targets_visible_to(user) -> QuerySet[Target]:
    return scope.scoped(
        Target.objects.select_related("plan__commune", "responsible"),
        user,
        "plan.view",
        "plan__commune",
        include_ancestors=True,
    )


def assignments_visible_to(user) -> QuerySet[Assignment]:
    return scope.scoped(
        Assignment.objects.select_related("activity__plan__commune", "unit__village", "updated_by"),
        user,
        "plan.view",
        "activity__plan__commune",
        include_ancestors=True,
    )


def events_visible_to(user) -> QuerySet[Event]:
    return scope.scoped(
        Event.objects.select_related("plan__commune", "organiser", "activity"),
        user,
        "plan.view",
        "plan__commune",
        include_ancestors=True,
    )


def forums_visible_to(user) -> QuerySet[Forum]:
    return scope.scoped(
        Forum.objects.select_related("plan__commune"), user, "plan.view", "plan__commune", include_ancestors=True
    )


def sites_visible_to(user) -> QuerySet[RiskSite]:
    return scope.scoped(RiskSite.objects.select_related("village__parent"), user, "plan.view", "village")


def site_villages(user) -> QuerySet[Area]:
    """The villages whose drowning-risk sites ``user`` may record."""
    return scope.areas_for(user, "sites.edit").filter(kind=Area.Kind.VILLAGE).order_by("path")


def trainings_visible_to(user) -> QuerySet[Training]:
    return scope.scoped(
        Training.objects.select_related("commune").prefetch_related("attendees"), user, "plan.view", "commune"
    )


def assessments_visible_to(user) -> QuerySet[Assessment]:
    return scope.scoped(
        Assessment.objects.select_related("commune"), user, "plan.view", "commune", include_ancestors=True
    )


def can_edit_plan(user, plan: Plan) -> bool:
    return scope.can(user, "plan.edit", plan.commune)


def can_update_assignment(user, assignment: Assignment) -> bool:
    """The culture-social officer of the commune, or a member of the assigned unit."""
    if scope.can(user, "plan.edit", assignment.activity.plan.commune):
        return True
    return assignment.unit_id in {unit.pk for unit in scope.units_of(user, "plan.task_update")}


def my_assignments(user) -> QuerySet[Assignment]:
    """The tasks of the units the user works for, in plans the user may read."""
    unit_ids = [unit.pk for unit in scope.units_of(user, "plan.task_update")]
    return (
        assignments_visible_to(user)
        .filter(unit_id__in=unit_ids)
        .order_by("-activity__plan__year", "due_date", "activity__number", "pk")
    )


def plan_detail_data(plan: Plan):
    """Activities with their assignments, and evidence counts, in a fixed number of queries."""
    return plan.activities.prefetch_related(
        Prefetch(
            "assignments",
            queryset=Assignment.objects.select_related("unit").annotate(evidence_count=Count("evidence")),
        )
    )


# --- indicators -------------------------------------------------------------------------------


@dataclass
class Measure:
    """A target's value: numerator over denominator (or an amount), and how far the goal is reached."""

    numerator: int | None = None
    denominator: int | None = None
    amount: int | None = None
    yes: bool | None = None
    note: str = ""
    by_village: list[dict] = field(default_factory=list)

    @property
    def percent(self) -> float | None:
        # None with nothing to divide by, or when a part is withheld (accounts.privacy)
        if not isinstance(self.numerator, int) or not isinstance(self.denominator, int) or not self.denominator:
            return None
        return round(100 * self.numerator / self.denominator, 1)

    def progress(self, target: Target) -> int:
        """0–100: how far the current value is towards the goal."""
        if target.kind == Target.Kind.YES_NO:
            return 100 if self.yes else 0
        if target.kind == Target.Kind.AMOUNT:
            value = self.amount or 0
        elif target.kind == Target.Kind.COUNT:
            value = self.numerator if isinstance(self.numerator, int) else 0
        else:
            value = self.percent
            if value is None:
                return 0
        if not target.goal:
            return 100
        return max(0, min(100, round(100 * value / target.goal)))

    def reached(self, target: Target) -> bool:
        return self.progress(target) >= 100


# The plan's automatic targets: each is a figure of the app that owns the data, looked up here.
# Registry targets: (area, start, end, per_village) → (numerator, denominator).
CHILD_TARGETS = {
    I.SPECIAL_SUPPORTED: lambda area, start, end, pv: child_figures.special_supported_pair(
        area, start=start, end=end, per_village=pv
    ),
    I.UNDER6_INSURED: lambda area, start, end, pv: child_figures.under_6_pair(area, on=end, per_village=pv),
    I.DISABLED_SUPPORTED: lambda area, start, end, pv: child_figures.disabled_supported_pair(
        area, start=start, end=end, per_village=pv
    ),
}
# The children each registry target counts (numerator, denominator), for the lists behind the figures.
CHILD_TARGET_SETS = {
    I.SPECIAL_SUPPORTED: lambda area, start, end: child_figures.special_set(area, start=start, end=end),
    I.UNDER6_INSURED: lambda area, start, end: child_figures.under_6_set(area, on=end),
    I.DISABLED_SUPPORTED: lambda area, start, end: child_figures.disabled_set(area, on=end),
}
CHILD_TARGET_REACHED = {
    I.SPECIAL_SUPPORTED: lambda qs, start, end: child_figures.supported_set(qs, start=start, end=end),
    I.UNDER6_INSURED: lambda qs, start, end: qs.filter(pk__in=HealthInsurance.objects.valid_on(end).values("child")),
    I.DISABLED_SUPPORTED: lambda qs, start, end: child_figures.supported_set(qs, start=start, end=end),
}
# Case targets: CaseFigures → (numerator, denominator). Target 2 counts abuse only (not accidents).
CASE_TARGETS = {
    I.ABUSE_IN_TIME: lambda f: (f.abuse_plan_in_time, f.abuse_opened),
    I.LABOUR_WITH_PLAN: lambda f: (f.exploitation_with_plan, f.exploitation_opened),
}
CHILD_INDICATORS = set(CHILD_TARGETS)
CASE_INDICATORS = set(CASE_TARGETS)
# Targets the plan's own figures measure (programs/figures.py): area, start, end → (numerator, denominator).
FIGURES = {
    I.PARTICIPATION_11: plan_figures.children_11_in_participation,
    I.INJURY_TRAINING: plan_figures.children_reached_by_injury_training,
}


def child_sets(indicator: str, *, area: Area, start: date, end: date) -> tuple[QuerySet[Child], QuerySet[Child]]:
    """(denominator, numerator) querysets of children for a registry-based target (the same sets
    ``children/figures.py`` counts)."""
    denominator = CHILD_TARGET_SETS[indicator](area, start, end)
    return denominator, CHILD_TARGET_REACHED[indicator](denominator, start, end)


def _case_pair(indicator: str, area: Area, start: date, end: date, shared: dict | None = None) -> tuple[int, int]:
    """``shared`` (a dict) keeps the case figures for the pass over a plan: two targets read the same ones."""
    key = ("cases", area.pk, start, end)
    if shared is None or key not in shared:
        figures = case_figures(area=area, start=start, end=end)
        if shared is None:
            return CASE_TARGETS[indicator](figures)
        shared[key] = figures
    return CASE_TARGETS[indicator](shared[key])


def assessment_verdict(assessment: Assessment, scores: list[CriterionScore] | None = None) -> dict:
    """Total, threshold and verdict: recognised only when every criterion is met, none scores 0
    and the total reaches the threshold for the commune's terrain (800 / 850 / 900)."""
    scores = list(assessment.scores.all()) if scores is None else scores
    total = sum(s.score for s in scores)
    threshold = Assessment.THRESHOLDS.get(assessment.commune.terrain, Assessment.THRESHOLDS[Area.Terrain.RURAL])
    complete = len(scores) == len(CRITERIA)
    all_met = complete and all(s.met for s in scores)
    zero = [s.number for s in scores if s.score == 0]
    return {
        "total": total,
        "threshold": threshold,
        "complete": complete,
        "all_met": all_met,
        "zero": zero,
        "reaches_threshold": total >= threshold,
        "recognised": complete and all_met and not zero and total >= threshold,
    }


def _villages(commune: Area) -> list[Area]:
    return list(commune.subareas.filter(kind=Area.Kind.VILLAGE).order_by("name"))


def measure_target(
    target: Target, *, on: date | None = None, by_village: bool = False, shared: dict | None = None
) -> Measure:
    """The current value of ``target`` for its plan's commune, as of ``on`` (default today).
    ``shared``: a dict shared by the measures of one plan, so figures two targets read are read once."""
    plan = target.plan
    commune = plan.commune
    start, end = date(plan.year, 1, 1), plan.as_of(on or timezone.localdate())
    ind = target.indicator
    if ind in CHILD_INDICATORS:
        num, den = CHILD_TARGETS[ind](commune, start, end, False)
        m = Measure(numerator=num, denominator=den)
        if by_village:
            nums, dens = CHILD_TARGETS[ind](commune, start, end, True)
            m.by_village = [_village_row(v, nums.get(v.pk, 0), dens.get(v.pk, 0)) for v in _villages(commune)]
        return m
    if ind in CASE_INDICATORS:
        num, den = _case_pair(ind, commune, start, end, shared)
        m = Measure(numerator=num, denominator=den)
        if by_village:
            # One call per village (8 in Y Tịch): bounded by the villages, not by the rows.
            m.by_village = [_village_row(v, *_case_pair(ind, v, start, end)) for v in _villages(commune)]
        return m
    if ind in FIGURES:
        num, den = FIGURES[ind](commune, start=start, end=end)
        m = Measure(numerator=num, denominator=den)
        if by_village and ind == I.PARTICIPATION_11:
            m.by_village = [_village_row(v, *FIGURES[ind](v, start=start, end=end)) for v in _villages(commune)]
        return m
    if ind == I.CHILD_FRIENDLY:
        assessment = Assessment.objects.filter(commune=commune, year=plan.year).select_related("commune").first()
        if assessment is None:
            return Measure(note="no_assessment")
        verdict = assessment_verdict(assessment)
        return Measure(numerator=verdict["total"], denominator=verdict["threshold"], yes=verdict["recognised"])
    if ind == I.OFFICER_TRAINED:
        trained, officers = plan_figures.officers_trained_pair(commune, start=start, end=end)
        return Measure(numerator=trained, denominator=officers, yes=bool(officers) and trained == officers)
    if ind == I.FUND_RECEIPTS:
        amount = fund_figures.fund_totals(area=commune, start=start, end=end)["receipts"]
        return Measure(amount=amount, yes=amount >= target.goal)
    return _manual_measure(target, end=end, by_village=by_village)


def _village_row(village: Area, numerator: int, denominator: int) -> dict:
    return {
        "village": village,
        "numerator": numerator,
        "denominator": denominator,
        "percent": round(100 * numerator / denominator, 1) if denominator else None,
    }


def _manual_measure(target: Target, *, end: date, by_village: bool) -> Measure:
    """The latest commune-wide value; without one, the sum of each village's latest value."""
    values = list(target.values.filter(as_of__lte=end).select_related("village").order_by("-as_of", "-pk"))
    latest: dict[int | None, TargetValue] = {}
    for value in values:
        latest.setdefault(value.village_id, value)
    commune_value = latest.pop(None, None)
    villages = list(latest.values())
    if commune_value is not None:
        m = Measure(numerator=commune_value.numerator, denominator=commune_value.denominator)
    elif villages:
        m = Measure(numerator=sum(v.numerator for v in villages), denominator=sum(v.denominator for v in villages))
    else:
        m = Measure(note="no_value")
    if target.kind == Target.Kind.YES_NO and m.numerator is not None:
        m.yes = bool(m.denominator) and m.numerator >= m.denominator
    if by_village:
        m.by_village = [
            _village_row(v, latest[v.pk].numerator, latest[v.pk].denominator)
            if v.pk in latest
            else {"village": v, "numerator": None, "denominator": None, "percent": None}
            for v in _villages(target.plan.commune)
        ]
    return m


def criterion_prefill(*, commune: Area, year: int, on: date | None = None) -> dict[int, tuple[str, int]]:
    """Child-friendly criteria the portal can measure: number → (what was measured, suggested score).
    2: birth registration; 3: abused children helped in time; 6: special-circumstance children supported."""
    end = min(date(year, 12, 31), on or timezone.localdate())
    start = date(year, 1, 1)
    maxima = {n: m for n, _name, m in CRITERIA}
    pairs = {
        2: child_figures.birth_registered_pair(commune, on=end),
        3: _case_pair(I.ABUSE_IN_TIME, commune, start, end),
        6: child_figures.special_supported_pair(commune, start=start, end=end),
    }
    return {
        number: (f"{num}/{den} ({100 * num / den:.1f}%)", round(maxima[number] * num / den))
        for number, (num, den) in pairs.items()
        if den
    }


def counted_children(user, target: Target, *, on: date | None = None, which: str = "reached", village=None):
    """The children a registry-based target counts, narrowed to those the user may read."""
    plan = target.plan
    start, end = date(plan.year, 1, 1), plan.as_of(on or timezone.localdate())
    denominator, numerator = child_sets(target.indicator, area=village or plan.commune, start=start, end=end)
    if which == "reached":
        qs = numerator
    elif which == "missing":
        qs = denominator.exclude(pk__in=numerator.values("pk"))
    else:
        qs = denominator
    visible = children_visible_to(user).values("pk")
    qs = qs.filter(pk__in=visible)
    if target.indicator == I.SPECIAL_SUPPORTED:
        # a child counted only for a confidential circumstance is not listed to those who may not know it
        qs = qs.filter(pk__in=circumstances_visible_to(user).overlapping(start, end).values("child"))
    return qs.select_related("village").order_by("village__name", "sort_key", "pk")


def measure_as_seen(measure: Measure, target: Target, user) -> Measure:
    """``measure`` as ``user`` may see it (``accounts.privacy``): the figures of abuse cases are
    confidential, and the villages' small numbers are withheld, outside ``cases.view``."""
    commune = target.plan.commune
    if privacy.sees_confidential(user, commune):
        return measure
    confidential = target.indicator in CASE_INDICATORS
    shown = replace(measure, by_village=[])
    shown.numerator = privacy.disclose(measure.numerator, confidential=confidential)
    shown.denominator = privacy.disclose(measure.denominator, confidential=confidential)
    for row in measure.by_village:
        num = privacy.disclose(row["numerator"], confidential=confidential, village_level=True)
        den = privacy.disclose(row["denominator"], confidential=confidential, village_level=True)
        percent = row["percent"] if isinstance(num, int) and isinstance(den, int) else None
        shown.by_village.append({**row, "numerator": num, "denominator": den, "percent": percent})
    if measure.yes is not None and confidential and not isinstance(shown.denominator, int):
        shown.yes = None
    return shown


def plan_targets_with_measures(plan: Plan, *, on: date | None = None, user=None) -> list[tuple[Target, Measure]]:
    """Each target of ``plan`` with its value as of ``on``, as ``user`` may see it. The values are
    measured once for everyone until the data changes (core.memo); what each user may see of them
    is decided on every call."""
    on = on or timezone.localdate()
    measured = memo.remember(("programs.plan_measures", plan.pk, on), partial(_measure_plan, plan, on))
    return [(t, measure_as_seen(m, t, user) if user is not None else m) for t, m in measured]


def _measure_plan(plan: Plan, on: date) -> list[tuple[Target, Measure]]:
    shared: dict = {}  # figures two targets read (the case figures) are read once
    return [
        (target, measure_target(target, on=on, shared=shared))
        for target in plan.targets.select_related("responsible", "plan__commune")
    ]


# --- budget versus actual -----------------------------------------------------------------------


def plan_funding(plan: Plan) -> dict:
    """Section IV in figures: what the tasks and events plan to spend (the commune's own entries) and
    what the commune's fund received and spent in the plan's year (posted entries). Three queries."""
    tasks = Assignment.objects.filter(activity__plan=plan).aggregate(total=Sum("budget"))["total"] or 0
    events = plan.events.aggregate(total=Sum("budget"))["total"] or 0
    fund = fund_figures.fund_totals(area=plan.commune, start=date(plan.year, 1, 1), end=date(plan.year, 12, 31))
    return {
        "tasks": tasks,
        "events": events,
        "fund_receipts": fund["receipts"],
        "fund_disbursements": fund["disbursements"],
    }


def posted_total(entries) -> int:
    """Sum of the posted entries among ``entries`` (a queryset or prefetched list of funds.Entry)."""
    total = 0
    for entry in entries:
        if getattr(entry, "status", None) == "posted":
            total += entry.amount
    return total


def sites_without_measures(qs: QuerySet[RiskSite]) -> QuerySet[RiskSite]:
    return qs.filter(has_fence=False, has_sign=False, other_measures="")
