"""Reads of protection cases. Every case a user sees comes from ``cases_visible_to(user)``
(scoped by ``cases.view`` on the case's commune: outsiders get 404). Figures (counts only, no case
text) come from ``case_figures`` and may be shown to every ``cases.aggregate`` holder.
"""

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scope
from accounts.models import AccessLog, Area, User
from children.models import Child, age_on

from . import clocks
from .models import Case, CasePlan, CaseStep, Kind, PlanService, Stage

AGE_GROUPS = ["0-5", "6-10", "11-15", "16+"]


def cases_visible_to(user) -> QuerySet[Case]:
    """Cases of the communes where ``user`` may read case files (officer, chairman, police)."""
    return scope.scoped(Case.objects.all(), user, "cases.view", "commune")


def get_case_for_user(user, pk: int) -> Case:
    """One case file in the user's scope; 404 for a missing or out-of-scope case."""
    qs = cases_visible_to(user).select_related("commune", "village", "officer")
    return scope.get_or_404(qs, pk=pk)


def cases_of_child(user, child: Child) -> QuerySet[Case]:
    """The cases of ``child`` that ``user`` may open (empty for everyone but the three roles)."""
    return cases_visible_to(user).filter(children=child)


def child_has_case_visible(user, child: Child) -> bool:
    """For the registry's "has a protection case" badge: only the three roles ever see it."""
    return cases_of_child(user, child).exists()


def pickable_children(user) -> QuerySet[Child]:
    """Children a case officer may put in a case (police do not read the registry otherwise)."""
    return (
        scope.scoped(Child.objects.all(), user, "cases.edit", "village")
        .filter(archived_at__isnull=True)
        .select_related("village")
    )


def case_communes(user) -> QuerySet[Area]:
    """Communes in which ``user`` may open cases."""
    return scope.areas_for(user, "cases.edit").filter(kind=Area.Kind.COMMUNE)


def case_officers(commune: Area) -> QuerySet[User]:
    """Users who may take charge of a case in ``commune``: its culture-social officers and police."""
    roles = scope.PERMISSIONS["cases.edit"]
    return (
        User.objects.filter(
            is_active=True,
            memberships__is_active=True,
            memberships__role__in=roles,
            memberships__area__in=commune.ancestors(include_self=True),
        )
        .distinct()
        .order_by("full_name", "username")
    )


# --- overdue ------------------------------------------------------------------------------------


def overdue_q(now: datetime) -> Q:
    """Cases with a step past its due time on ``now``: initial assessment (12 h), the chairman's
    approval (7 working days), a periodic review, or a planned service not given by its end date."""
    today = timezone.localdate(now)
    late_approval = CasePlan.objects.filter(case=OuterRef("pk"), status=CasePlan.Status.SUBMITTED, due_on__lt=today)
    late_service = PlanService.objects.filter(
        plan__case=OuterRef("pk"), plan__status=CasePlan.Status.APPROVED, given_on__isnull=True, end_date__lt=today
    )
    initial_deadline = now - timedelta(hours=clocks.INITIAL_ASSESSMENT_HOURS)
    return (
        Q(stage__in=[Stage.VERIFICATION, Stage.INITIAL_ASSESSMENT], reported_at__lt=initial_deadline)
        | Q(stage=Stage.APPROVAL) & Exists(late_approval)
        | Q(stage=Stage.CARRYING_OUT, next_review_on__lt=today)
        | Q(stage=Stage.CARRYING_OUT) & Exists(late_service)
    )


@dataclass
class Overdue:
    what: str
    due: datetime | date
    timed: bool = False  # ``due`` is a time of day, not only a date


def case_overdue(case: Case, now: datetime) -> list[Overdue]:
    """What is overdue on one case, for the flags on the case file."""
    today = timezone.localdate(now)
    flags = []
    if case.stage in {Stage.VERIFICATION, Stage.INITIAL_ASSESSMENT}:
        due = clocks.initial_assessment_due(case.reported_at)
        if now > due:
            flags.append(Overdue(_("Initial risk assessment (12 hours)"), due, timed=True))
    if case.stage == Stage.APPROVAL:
        plan = case.plans.filter(status=CasePlan.Status.SUBMITTED).order_by("-version").first()
        if plan and plan.due_on and today > plan.due_on:
            flags.append(Overdue(_("Chairman's approval of the plan (7 working days)"), plan.due_on))
    if case.stage == Stage.CARRYING_OUT:
        if case.next_review_on and today > case.next_review_on:
            flags.append(Overdue(_("Periodic review"), case.next_review_on))
        late = PlanService.objects.filter(
            plan__case=case, plan__status=CasePlan.Status.APPROVED, given_on__isnull=True, end_date__lt=today
        )
        for service in late:
            flags.append(Overdue(_("Service: %(s)s") % {"s": service.description}, service.end_date))
    return flags


def case_list(*, user, filters: dict | None = None, now: datetime | None = None) -> QuerySet[Case]:
    """The case list of ``user`` with its filters (stage, kind, village, open, overdue, q = number)."""
    filters = filters or {}
    now = now or timezone.now()
    qs = cases_visible_to(user).select_related("commune", "village", "officer")
    qs = qs.prefetch_related(Prefetch("children", queryset=Child.objects.only("id", "full_name", "sort_key")))
    qs = qs.annotate(overdue=overdue_q(now))
    if filters.get("stage"):
        qs = qs.filter(stage=filters["stage"])
    if filters.get("kind"):
        qs = qs.filter(kind=filters["kind"])
    if filters.get("village"):
        qs = qs.filter(village=filters["village"])
    if filters.get("open"):
        qs = qs.exclude(stage=Stage.CLOSED)
    if filters.get("overdue"):
        qs = qs.filter(overdue_q(now))
    if filters.get("q"):
        qs = qs.filter(number__icontains=filters["q"].strip())
    return qs.order_by("-reported_at", "-pk")


def overdue_cases(*, user, now: datetime | None = None) -> QuerySet[Case]:
    return case_list(user=user, filters={"overdue": True}, now=now)


def case_timeline(case: Case) -> list[CaseStep]:
    return list(case.steps.select_related("done_by", "service").order_by("done_at", "pk"))


def case_accesses(case: Case, limit: int = 100) -> list[AccessLog]:
    """Who opened or printed this case file (the access log's rows about it), newest first."""
    return list(AccessLog.objects.filter(subject_type="cases.case", subject_id=case.pk).select_related("user")[:limit])


# --- figures ------------------------------------------------------------------------------------


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
    accidents: int = 0
    drownings: int = 0

    @property
    def share_assessed_within_12h(self) -> float | None:
        return self.assessed_within_12h / self.opened if self.opened else None

    @property
    def share_plan_in_time(self) -> float | None:
        return self.plan_approved_in_time / self.opened if self.opened else None

    @property
    def share_exploitation_with_plan(self) -> float | None:
        return self.exploitation_with_plan / self.exploitation_opened if self.exploitation_opened else None


def _local_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def _area_q(area: Area, prefix: str = "") -> Q:
    if area.kind == Area.Kind.VILLAGE:
        return Q(**{f"{prefix}village": area})
    return Q(**{f"{prefix}commune__path__startswith": area.path})


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
    * ``closed``: cases closed in the period (whenever reported); ``open_at_end``: cases reported
      by ``end`` and not closed by then.
    * ``share_assessed_within_12h`` = assessed_within_12h ÷ opened, ``share_plan_in_time`` =
      plan_approved_in_time ÷ opened, ``share_exploitation_with_plan``: floats 0–1, or None when
      there is nothing to divide by.

    Four queries whatever the number of cases.
    """
    since, until = _local_start(start), _local_start(end + timedelta(days=1))
    area_q = _area_q(area)
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


def dashboard_areas(user) -> QuerySet[Area]:
    """Areas whose case counts ``user`` may see (every area where they hold ``cases.aggregate``)."""
    return scope.areas_for(user, "cases.aggregate").exclude(kind=Area.Kind.PROVINCE).order_by("path")


def is_case_viewer(user) -> bool:
    return scope.has_perm(user, "cases.view")
