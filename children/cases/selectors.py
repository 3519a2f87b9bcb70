"""Reads of protection cases. Every case a user sees comes from ``cases_visible_to(user)``
(scoped by ``cases.view`` on the case's commune: outsiders get 404). Figures (counts only, no case
text) come from ``figures.case_figures``; ``case_figures_shown`` gives them as a user may see them.
"""

from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta

from django.db.models import Exists, Min, OuterRef, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import privacy, scope
from accounts.models import AccessLog, Area, User
from children.models import Child

from . import clocks
from .figures import CaseFigures
from .models import CONFIDENTIAL_KINDS, Case, CasePlan, CaseStep, PlanService, Stage


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


def next_overdue_at(cases: QuerySet, now: datetime) -> datetime | None:
    """The moment the next of ``cases`` turns overdue by the clock (its 12-hour initial assessment
    runs out), or ``None``; the other steps are due by the day. Keeps ``overdue_q`` exact for a
    figure remembered until then."""
    hours = timedelta(hours=clocks.INITIAL_ASSESSMENT_HOURS)
    first = cases.filter(
        stage__in=[Stage.VERIFICATION, Stage.INITIAL_ASSESSMENT], reported_at__gte=now - hours
    ).aggregate(first=Min("reported_at"))["first"]
    return first + hours if first else None


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


def dashboard_areas(user) -> QuerySet[Area]:
    """Areas whose case counts ``user`` may see (every area where they hold ``cases.aggregate``)."""
    return scope.areas_for(user, "cases.aggregate").exclude(kind=Area.Kind.PROVINCE).order_by("path")


def is_case_viewer(user) -> bool:
    return scope.has_perm(user, "cases.view")


# --- figures as a user may see them ---------------------------------------------------------------


def case_figures_shown(user, figures: CaseFigures) -> CaseFigures:
    """``figures`` as ``user`` may see them (``accounts.privacy``): outside ``cases.view`` every count
    that can include abuse is withheld below 3 (zero included), and counts of accidents, drownings and
    other non-confidential kinds follow the village small-number rule. Shares are given only where
    both their parts are shown."""
    trusted = privacy.sees_confidential(user, figures.area)
    village = figures.area.kind == Area.Kind.VILLAGE

    def show(value, confidential=True):
        return privacy.disclose(value, confidential=confidential, village_level=village, trusted=trusted)

    shown = replace(figures)
    for name in (
        "opened", "children", "emergencies", "assessed_within_12h", "with_approved_plan", "plan_approved_in_time",
        "closed", "open_at_end", "exploitation_opened", "exploitation_with_plan", "abuse_opened", "abuse_plan_in_time",
    ):  # fmt: skip
        setattr(shown, name, show(getattr(figures, name)))
    shown.accidents = show(figures.accidents, confidential=False)
    shown.drownings = show(figures.drownings, confidential=False)
    shown.opened_by_kind = {k: show(n, k in CONFIDENTIAL_KINDS) for k, n in figures.opened_by_kind.items()}
    shown.children_by_kind = {k: show(n, k in CONFIDENTIAL_KINDS) for k, n in figures.children_by_kind.items()}
    shown.children_by_sex = {k: show(n) for k, n in figures.children_by_sex.items()}
    shown.children_by_age_group = {k: show(n) for k, n in figures.children_by_age_group.items()}
    return shown
