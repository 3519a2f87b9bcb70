"""Figures of protection cases: counts only, no names, no case text. ``case_figures`` is the one
function every consumer (plan targets, reports, the figures page, dashboards) reads; its docstring
defines each number. Outside ``cases.view`` the figures are shown through ``accounts.privacy``."""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Count, Q, QuerySet
from django.utils import timezone

from accounts.models import Area
from children.models import Child, age_on

from . import clocks
from .models import ABUSE_KINDS, Case, CasePlan, Kind

AGE_GROUPS = ["0-5", "6-10", "11-15", "16+"]


@dataclass
class CaseFigures:
    """Counts of protection cases for an area and a period (no names, no case text)."""

    area: Area
    start: date
    end: date
    opened: int = 0
    opened_by_kind: dict[str, int] = field(default_factory=dict)
    children: int = 0
    children_by_sex: dict[str, int] = field(default_factory=dict)
    children_by_age_group: dict[str, int] = field(default_factory=dict)
    children_by_kind: dict[str, int] = field(default_factory=dict)
    emergencies: int = 0
    assessed_within_12h: int = 0
    with_approved_plan: int = 0
    plan_approved_in_time: int = 0
    closed: int = 0
    open_at_end: int = 0
    exploitation_opened: int = 0
    exploitation_with_plan: int = 0
    abuse_opened: int = 0
    abuse_plan_in_time: int = 0
    accidents: int = 0
    drownings: int = 0

    @staticmethod
    def _share(part, whole) -> float | None:
        # None when there is nothing to divide by, or when a part is withheld (accounts.privacy)
        if not isinstance(part, int) or not isinstance(whole, int) or not whole:
            return None
        return part / whole

    @property
    def share_assessed_within_12h(self) -> float | None:
        return self._share(self.assessed_within_12h, self.opened)

    @property
    def share_plan_in_time(self) -> float | None:
        return self._share(self.plan_approved_in_time, self.opened)

    @property
    def share_exploitation_with_plan(self) -> float | None:
        return self._share(self.exploitation_with_plan, self.exploitation_opened)


def open_case_counts(cases: QuerySet[Case], *, recent: Q, overdue: Q) -> dict[str, int]:
    """Among ``cases`` (open and already scoped to a user): ``open`` in all, ``recent`` ones, and the
    recent ones ``overdue``, in one query (the home page's case panel)."""
    return cases.aggregate(
        open=Count("pk"), recent=Count("pk", filter=recent), overdue=Count("pk", filter=recent & overdue)
    )


def _local_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _area_q(area: Area, prefix: str = "", *, end: date | None = None) -> Q:
    """Cases of ``area``; with ``end``, where they were on that day (a case moved by a merger after
    ``end`` counts in its commune before the merger)."""
    if area.kind == Area.Kind.VILLAGE:
        here, before = Q(**{f"{prefix}village": area}), Q(**{f"{prefix}previous_village": area})
    else:
        here = Q(**{f"{prefix}commune__path__startswith": area.path})
        before = Q(**{f"{prefix}previous_commune__path__startswith": area.path})
    if end is None:
        return here
    not_moved = Q(**{f"{prefix}moved_on__isnull": True}) | Q(**{f"{prefix}moved_on__lte": end})
    return (here & not_moved) | (before & Q(**{f"{prefix}moved_on__gt": end}))


def _age_group(age: int) -> str:
    if age <= 5:
        return "0-5"
    if age <= 10:
        return "6-10"
    if age <= 15:
        return "11-15"
    return "16+"


def case_figures(*, area: Area, start: date, end: date) -> CaseFigures:
    """Figures of protection cases in ``area`` (a village, a commune, or a district/province: every
    commune below it by the area path) for cases **reported** from ``start`` to ``end`` inclusive
    (local dates), except ``closed`` and ``open_at_end``.

    * ``opened``: cases reported in the period; ``opened_by_kind``: the same by kind (every kind
      present, 0 when none); ``accidents`` (accident or injury) and ``drownings`` are two of them.
    * ``children``: distinct children in those cases; ``children_by_sex`` ("M"/"F"),
      ``children_by_age_group`` ("0-5", "6-10", "11-15", "16+": completed years on the day of the
      child's first report in the period) and ``children_by_kind`` (distinct children per kind;
      a child in cases of two kinds counts in both) count them.
    * ``emergencies``: opened cases whose initial assessment found an emergency.
    * ``assessed_within_12h``: opened cases whose initial risk assessment was done at most 12 hours
      after the report.
    * ``with_approved_plan``: opened cases with an approved plan (by the time of asking);
      ``plan_approved_in_time``: those whose first approved plan was approved no later than 7
      working days after its submission.
    * ``exploitation_opened`` / ``exploitation_with_plan``: the same for exploitation/child labour.
    * ``abuse_opened`` / ``abuse_plan_in_time``: opened cases of abuse (``ABUSE_KINDS``: violence,
      sexual abuse, exploitation, trafficking, neglect — not accidents, drownings or "other") and
      those with a plan approved in time (plan target 2, "abused children helped in time").
    * ``closed``: cases closed in the period (whenever reported); ``open_at_end``: cases reported
      by ``end`` and not closed by then.
    * ``share_assessed_within_12h`` = assessed_within_12h ÷ opened, ``share_plan_in_time`` =
      plan_approved_in_time ÷ opened, ``share_exploitation_with_plan``: floats 0–1, or None when
      there is nothing to divide by.

    Four queries whatever the number of cases.
    """
    since, until = _local_start(start), _local_start(end + timedelta(days=1))
    area_q = _area_q(area, end=end)
    figures = CaseFigures(area=area, start=start, end=end, opened_by_kind={k.value: 0 for k in Kind})
    opened = list(
        Case.objects.filter(area_q, reported_at__gte=since, reported_at__lt=until).values(
            "pk", "kind", "reported_at", "initial_assessed_at", "is_emergency"
        )
    )
    ids = [c["pk"] for c in opened]
    first_plan: dict[int, dict] = {}
    for plan in (
        CasePlan.objects.filter(case_id__in=ids, status=CasePlan.Status.APPROVED)
        .order_by("case_id", "version")
        .values("case_id", "decided_at", "due_on")
    ):
        first_plan.setdefault(plan["case_id"], plan)
    links = (
        Case.children.through.objects.filter(case_id__in=ids)
        .values_list("case_id", "child_id", "child__sex", "child__date_of_birth")
        .order_by("case_id")
    )
    by_case = defaultdict(list)
    for case_id, child_id, sex, dob in links:
        by_case[case_id].append((child_id, sex, dob))

    window = timedelta(hours=clocks.INITIAL_ASSESSMENT_HOURS)
    kind_children: dict[str, set[int]] = defaultdict(set)
    child_info: dict[int, tuple[str, date, datetime]] = {}
    for case in opened:
        figures.opened += 1
        figures.opened_by_kind[case["kind"]] += 1
        figures.emergencies += case["is_emergency"]
        assessed = case["initial_assessed_at"]
        if assessed is not None and assessed - case["reported_at"] <= window:
            figures.assessed_within_12h += 1
        plan = first_plan.get(case["pk"])
        if plan is not None:
            figures.with_approved_plan += 1
            if plan["due_on"] and timezone.localdate(plan["decided_at"]) <= plan["due_on"]:
                figures.plan_approved_in_time += 1
        if case["kind"] in ABUSE_KINDS:
            figures.abuse_opened += 1
            figures.abuse_plan_in_time += bool(
                plan is not None and plan["due_on"] and timezone.localdate(plan["decided_at"]) <= plan["due_on"]
            )
        if case["kind"] == Kind.EXPLOITATION:
            figures.exploitation_opened += 1
            figures.exploitation_with_plan += plan is not None
        for child_id, sex, dob in by_case[case["pk"]]:
            kind_children[case["kind"]].add(child_id)
            known = child_info.get(child_id)
            if known is None or case["reported_at"] < known[2]:
                child_info[child_id] = (sex, dob, case["reported_at"])
    figures.accidents = figures.opened_by_kind[Kind.ACCIDENT]
    figures.drownings = figures.opened_by_kind[Kind.DROWNING]
    figures.children = len(child_info)
    sexes = Counter(sex for sex, _dob, _at in child_info.values())
    figures.children_by_sex = {s.value: sexes.get(s.value, 0) for s in Child.Sex}
    ages = Counter(_age_group(age_on(dob, timezone.localdate(at))) for _sex, dob, at in child_info.values())
    figures.children_by_age_group = {g: ages.get(g, 0) for g in AGE_GROUPS}
    figures.children_by_kind = {k.value: len(kind_children.get(k.value, ())) for k in Kind}

    figures.closed = Case.objects.filter(area_q, closed_at__gte=since, closed_at__lt=until).count()
    figures.open_at_end = (
        Case.objects.filter(area_q, reported_at__lt=until)
        .filter(Q(closed_at__isnull=True) | Q(closed_at__gte=until))
        .count()
    )
    return figures
