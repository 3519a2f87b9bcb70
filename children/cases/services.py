"""Writes to protection cases. Each is atomic, validates with ``full_clean()``, records the acting
user (``done_by`` on the step and ``_history_user`` for the change history) and then refreshes the
stage the case is in from its steps (``workflow.derive``).

Field steps (verification, assessments, reviews, closure) take ``at``, the time the step was done,
which may be earlier than the time it is recorded (an assessment made at night in the village);
it may not lie in the future nor before the previous step. Submitting and deciding a plan are
stamped with the time they are recorded: the 7-working-day clock cannot be backdated.
"""

from datetime import date, datetime, time, timedelta

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from accounts import scope
from accounts.audit import acting_as
from accounts.models import Area
from children.models import Child
from children.services import child_register, circumstance_add

from . import clocks, workflow
from .models import Case, CasePlan, CaseStep, Holiday, PlanService, Stage

K = CaseStep.Kind


def _check_children(children: list[Child], commune: Area) -> None:
    if not children:
        raise ValidationError({"children": _("Choose at least one child or register a new one.")})
    outside = [c.full_name for c in children if c.village.parent_id != commune.pk]
    if outside:
        raise ValidationError(
            {"children": _("Not a child of this commune: %(names)s.") % {"names": ", ".join(outside)}}
        )


def _check_officer(officer, commune: Area) -> None:
    if officer is None or not scope.can(officer, "cases.edit", commune):
        raise ValidationError({"officer": _("The officer in charge must be a case officer of this commune.")})


def _next_number(commune: Area, year: int) -> str:
    prefix = f"{year}-"
    numbers = Case.objects.select_for_update().filter(commune=commune, number__startswith=prefix)
    last = max((int(n.split("-")[1]) for n in numbers.values_list("number", flat=True)), default=0)
    return f"{prefix}{last + 1:03d}"


def _refresh(case: Case) -> Case:
    """Recompute the derived fields of ``case`` from its steps and save them."""
    steps = list(case.steps.order_by("done_at", "pk"))
    plan = case.plans.filter(status=CasePlan.Status.APPROVED).order_by("-version").first()
    derived = workflow.derive(steps, plan.first_review_on if plan else None)
    changed = []
    for name in ("stage", "is_emergency", "initial_assessed_at", "next_review_on", "closed_at"):
        value = getattr(derived, name)
        if getattr(case, name) != value:
            setattr(case, name, value)
            changed.append(name)
    if changed:
        case.save(update_fields=changed)
    return case


def _require_stage(case: Case, action: str) -> None:
    if not workflow.allowed(action, case.stage):
        raise ValidationError(
            _("This cannot be done while the case is at the stage “%(stage)s”.") % {"stage": case.get_stage_display()}
        )


def _check_time(case: Case, at: datetime) -> datetime:
    """Validate the time a step was done and return it. Forms give minutes only, so a time in the
    same minute as the previous step (recorded to the second) is moved just after it."""
    now = timezone.now()
    if at > now + timedelta(minutes=5):
        raise ValidationError({"at": _("The time cannot be in the future.")})
    last = case.steps.exclude(kind__in=[K.SERVICE_GIVEN, K.CIRCUMSTANCE]).order_by("-done_at", "-pk").first()
    if last is not None and at < last.done_at:
        if at >= last.done_at.replace(second=0, microsecond=0):
            return last.done_at
        when = date_format(timezone.localtime(last.done_at), "SHORT_DATETIME_FORMAT")
        raise ValidationError({"at": _("The time cannot be before the previous step (%(when)s).") % {"when": when}})
    return at


def _add_step(*, case: Case, kind: str, user, at: datetime, **fields) -> CaseStep:
    step = CaseStep(case=case, kind=kind, done_by=user, done_at=at, **fields)
    step.full_clean()
    acting_as(step, user).save()
    _refresh(case)
    return step


# --- intake -------------------------------------------------------------------------------------


@transaction.atomic
def case_open(
    *,
    user,
    commune: Area,
    children: list[Child],
    kind: str,
    place: str,
    reported_at: datetime,
    source: str,
    alleged_relation: str,
    summary: str,
    level: str,
    officer,
    village: Area | None = None,
    reporter: str = "",
    new_child: dict | None = None,
    confirm_duplicate: bool = False,
) -> Case:
    """Open a case from a report. ``new_child`` registers a child not yet in the registry first
    (``children.services.child_register``: refused for a known personal ID, ``DuplicateChild``
    when a similar child exists and ``confirm_duplicate`` is false)."""
    children = list(children)
    if new_child:
        children.append(child_register(user=user, confirm_duplicate=confirm_duplicate, **new_child))
    if commune is None or commune.kind != Area.Kind.COMMUNE:
        raise ValidationError({"commune": _("Choose a commune.")})
    scope.require(user, "cases.edit", commune)
    _check_children(children, commune)
    _check_officer(officer, commune)
    if village is None and len({c.village_id for c in children}) == 1:
        village = children[0].village
    if village is not None and village.parent_id != commune.pk:
        raise ValidationError({"village": _("Choose a village of this commune.")})
    if reported_at > timezone.now() + timedelta(minutes=5):
        raise ValidationError({"reported_at": _("The time cannot be in the future.")})
    case = Case(
        number=_next_number(commune, timezone.localtime(reported_at).year),
        commune=commune,
        village=village,
        kind=kind,
        place=place,
        reported_at=reported_at,
        source=source,
        reporter=reporter,
        alleged_relation=alleged_relation,
        summary=summary,
        level=level,
        officer=officer,
        created_by=user,
    )
    case.full_clean()
    acting_as(case, user).save()
    case.children.set(children)
    _add_step(case=case, kind=K.RECEIVED, user=user, at=reported_at)
    return case


@transaction.atomic
def case_update(*, user, case: Case, children: list[Child] | None = None, **fields) -> Case:
    """Correct the intake details (kind, place, source, who caused harm, level, officer, village, children)."""
    scope.require(user, "cases.edit", case.commune)
    allowed = {"kind", "place", "source", "reporter", "alleged_relation", "summary", "level", "officer", "village"}
    unknown = set(fields) - allowed
    if unknown:
        raise TypeError(f"case_update does not change {sorted(unknown)}")
    for name, value in fields.items():
        setattr(case, name, value)
    _check_officer(case.officer, case.commune)
    if case.village_id and case.village.parent_id != case.commune_id:
        raise ValidationError({"village": _("Choose a village of this commune.")})
    case.full_clean()
    acting_as(case, user).save()
    if children is not None:
        _check_children(list(children), case.commune)
        case.children.set(children)
    return case


# --- steps --------------------------------------------------------------------------------------


@transaction.atomic
def case_verify(*, user, case: Case, confirmed: bool, note: str = "", at: datetime | None = None) -> CaseStep:
    """Record the verification of the report: confirmed or not."""
    scope.require(user, "cases.edit", case.commune)
    _require_stage(case, "verify")
    at = at or timezone.now()
    at = _check_time(case, at)
    return _add_step(case=case, kind=K.VERIFIED, user=user, at=at, confirmed=confirmed, note=note)


@transaction.atomic
def case_assess_initial(
    *,
    user,
    case: Case,
    risk: str,
    is_emergency: bool = False,
    emergency_measures: str = "",
    separated: bool = False,
    separation_place: str = "",
    note: str = "",
    at: datetime | None = None,
) -> CaseStep:
    """Record the initial risk assessment (due 12 hours after the report). An emergency records the
    measures taken and, if the child was separated from the carer, where the child was placed."""
    scope.require(user, "cases.edit", case.commune)
    _require_stage(case, "initial")
    at = at or timezone.now()
    at = _check_time(case, at)
    errors = {}
    if is_emergency and not emergency_measures.strip():
        errors["emergency_measures"] = _("Describe the emergency measures taken.")
    if separated and not separation_place.strip():
        errors["separation_place"] = _("Say with whom or where the child was placed.")
    if separated and not is_emergency:
        errors["separated"] = _("A temporary separation is an emergency measure: mark the case as an emergency.")
    if errors:
        raise ValidationError(errors)
    return _add_step(
        case=case,
        kind=K.INITIAL_ASSESSMENT,
        user=user,
        at=at,
        risk=risk,
        is_emergency=is_emergency,
        emergency_measures=emergency_measures,
        separated=separated,
        separation_place=separation_place,
        note=note,
    )


@transaction.atomic
def case_assess_detailed(*, user, case: Case, risk: str, note: str, at: datetime | None = None) -> CaseStep:
    """Record the detailed assessment of the child's situation and needs."""
    scope.require(user, "cases.edit", case.commune)
    _require_stage(case, "detailed")
    at = at or timezone.now()
    at = _check_time(case, at)
    if not note.strip():
        raise ValidationError({"note": _("Write down the findings of the assessment.")})
    return _add_step(case=case, kind=K.DETAILED_ASSESSMENT, user=user, at=at, risk=risk, note=note)


def current_plan(case: Case) -> CasePlan | None:
    return case.plans.order_by("-version").first()


@transaction.atomic
def plan_save(
    *, user, case: Case, goals: str, first_review_on: date, services: list[dict], submit: bool = False
) -> CasePlan:
    """Write the support and intervention plan (a draft, or a returned plan being corrected).

    ``services`` are dicts of PlanService fields; one with ``id`` changes that service, one with
    ``delete`` true removes it. With ``submit`` the plan goes to the chairman straight away.
    """
    scope.require(user, "cases.edit", case.commune)
    _require_stage(case, "plan")
    plan = current_plan(case)
    if plan is None or plan.status == CasePlan.Status.APPROVED:
        plan = CasePlan(case=case, version=(plan.version + 1) if plan else 1)
    plan.goals = goals
    plan.first_review_on = first_review_on
    plan.status = CasePlan.Status.DRAFT
    plan.full_clean()
    acting_as(plan, user).save()
    existing = {s.pk: s for s in plan.services.all()}
    for n, data in enumerate(services, 1):
        data = dict(data)
        pk = data.pop("id", None)
        delete = data.pop("delete", False)
        service = existing.get(getattr(pk, "pk", pk)) if pk else None
        if pk and service is None:
            raise ValidationError(_("Service %(n)s does not belong to this plan.") % {"n": n})
        if delete:
            if service is not None:
                acting_as(service, user).delete()
            continue
        service = service or PlanService(plan=plan)
        for name, value in data.items():
            setattr(service, name, value)
        if service.unit_id and service.unit.commune_id != case.commune_id:
            raise ValidationError(_("Service %(n)s: choose a unit of this commune.") % {"n": n})
        if not service.unit_id and not service.provider.strip():
            raise ValidationError(_("Service %(n)s: name the responsible unit or provider.") % {"n": n})
        try:
            service.full_clean()
        except ValidationError as exc:
            raise ValidationError([_("Service %(n)s: %(error)s") % {"n": n, "error": " ".join(exc.messages)}]) from exc
        acting_as(service, user).save()
    if submit:
        plan_submit(user=user, case=case)
        plan.refresh_from_db()
    return plan


@transaction.atomic
def plan_submit(*, user, case: Case, at: datetime | None = None) -> CasePlan:
    """Submit the plan to the chairman; the approval is due 7 working days later."""
    scope.require(user, "cases.edit", case.commune)
    _require_stage(case, "plan")
    plan = current_plan(case)
    if plan is None or plan.status != CasePlan.Status.DRAFT:
        raise ValidationError(_("Write the plan before submitting it."))
    if not plan.services.exists():
        raise ValidationError(_("A plan needs at least one service."))
    at = at or timezone.now()
    at = _check_time(case, at)
    plan.status = CasePlan.Status.SUBMITTED
    plan.submitted_at = at
    plan.due_on = clocks.plan_approval_due(at, commune=case.commune)
    plan.decided_at, plan.decided_by, plan.decision_note = None, None, ""
    plan.full_clean()
    acting_as(plan, user).save()
    _add_step(case=case, kind=K.PLAN_SUBMITTED, user=user, at=at, plan=plan)
    return plan


@transaction.atomic
def plan_decide(*, user, case: Case, approve: bool, note: str = "", at: datetime | None = None) -> CasePlan:
    """The chairman approves the submitted plan, or returns it with a comment."""
    scope.require(user, "cases.approve", case.commune)
    _require_stage(case, "decide")
    plan = current_plan(case)
    if not approve and not note.strip():
        raise ValidationError({"note": _("Say why the plan is returned.")})
    at = at or timezone.now()
    at = _check_time(case, at)
    plan.status = CasePlan.Status.APPROVED if approve else CasePlan.Status.RETURNED
    plan.decided_at, plan.decided_by, plan.decision_note = at, user, note
    plan.full_clean()
    acting_as(plan, user).save()
    _add_step(case=case, kind=K.PLAN_APPROVED if approve else K.PLAN_RETURNED, user=user, at=at, plan=plan, note=note)
    return plan


@transaction.atomic
def service_give(
    *, user, case: Case, service: PlanService, given_on: date, note: str = "", at: datetime | None = None
) -> PlanService:
    """Record that a service of the plan in force was given."""
    scope.require(user, "cases.edit", case.commune)
    _require_stage(case, "service")
    if service.plan.case_id != case.pk or service.plan.status != CasePlan.Status.APPROVED:
        raise ValidationError(_("This service is not part of the approved plan."))
    if service.given_on:
        raise ValidationError(_("This service is already recorded as given."))
    if given_on > timezone.localdate():
        raise ValidationError({"given_on": _("The date cannot be in the future.")})
    if service.plan.decided_at and given_on < timezone.localdate(service.plan.decided_at):
        raise ValidationError({"given_on": _("The date cannot be before the plan was approved.")})
    service.given_on, service.given_note = given_on, note
    service.full_clean()
    acting_as(service, user).save()
    _add_step(case=case, kind=K.SERVICE_GIVEN, user=user, at=at or timezone.now(), service=service, note=note)
    return service


@transaction.atomic
def case_review(
    *, user, case: Case, outcome: str, note: str, next_review_on: date | None = None, at: datetime | None = None
) -> CaseStep:
    """A periodic review: continue (with the next review date), re-plan, or find the child safe and stable."""
    scope.require(user, "cases.edit", case.commune)
    _require_stage(case, "review")
    at = at or timezone.now()
    at = _check_time(case, at)
    if not note.strip():
        raise ValidationError({"note": _("Write down what the review found.")})
    if outcome == CaseStep.ReviewOutcome.CONTINUE:
        if next_review_on is None:
            raise ValidationError({"next_review_on": _("Give the date of the next review.")})
        if next_review_on <= timezone.localdate(at):
            raise ValidationError({"next_review_on": _("The next review must come after this one.")})
    else:
        next_review_on = None
    return _add_step(
        case=case, kind=K.REVIEW, user=user, at=at, outcome=outcome, note=note, next_review_on=next_review_on
    )


@transaction.atomic
def case_close(*, user, case: Case, reason: str, note: str, at: datetime | None = None) -> CaseStep:
    """Close the case. "Safe and stable" needs the plan carried out and a review that found it so."""
    scope.require(user, "cases.edit", case.commune)
    _require_stage(case, "close")
    at = at or timezone.now()
    at = _check_time(case, at)
    R = CaseStep.CloseReason
    if reason == R.SAFE:
        last_review = case.steps.filter(kind=K.REVIEW).order_by("-done_at", "-pk").first()
        if case.stage != Stage.CARRYING_OUT or last_review is None or last_review.outcome != "ready":
            raise ValidationError(
                {"reason": _("A case is closed as safe and stable after a review that found the child so.")}
            )
    if reason == R.NOT_CONFIRMED and case.stage not in {Stage.VERIFICATION, Stage.UNCONFIRMED}:
        raise ValidationError({"reason": _("The report was confirmed; choose another reason.")})
    if not note.strip():
        raise ValidationError({"note": _("Write down why the case is closed.")})
    return _add_step(case=case, kind=K.CLOSED, user=user, at=at, close_reason=reason, note=note)


@transaction.atomic
def case_record_circumstance(
    *, user, case: Case, child: Child, start_date: date, end_date: date | None = None, at: datetime | None = None
):
    """Put a child of a confirmed case in the matching special-circumstance group of the registry
    (violence → i, sexual abuse → l, exploitation → k, trafficking → m)."""
    scope.require(user, "cases.edit", case.commune)
    letter = case.circumstance_letter
    if letter is None:
        raise ValidationError(_("This kind of case has no matching special circumstance."))
    if not case.steps.filter(kind=K.VERIFIED, confirmed=True).exists():
        raise ValidationError(_("The case must be confirmed first."))
    if not case.children.filter(pk=child.pk).exists():
        raise ValidationError({"child": _("This child is not part of the case.")})
    if child.circumstances.filter(group__letter=letter, end_date__isnull=True).exists():
        raise ValidationError({"child": _("The child is already recorded in this group.")})
    if start_date < timezone.localdate(case.reported_at) - timedelta(days=366):
        raise ValidationError({"start_date": _("The start date is too long before the report.")})
    circumstance = circumstance_add(
        child=child, letter=letter, start_date=start_date, end_date=end_date, from_case=True, user=user
    )
    _add_step(
        case=case,
        kind=K.CIRCUMSTANCE,
        user=user,
        at=at or timezone.now(),
        note=f"{child.full_name}: {circumstance.group}",
    )
    return circumstance


# --- holidays -----------------------------------------------------------------------------------


@transaction.atomic
def holiday_add(*, user, commune: Area, date: date, name: str) -> Holiday:
    """Add a holiday of ``commune`` (national ones are kept by the administrator)."""
    scope.require(user, "cases.calendar_edit", commune)
    if Holiday.objects.filter(date=date, commune__isnull=True).exists():
        raise ValidationError({"date": _("This day is already a national holiday.")})
    if Holiday.objects.filter(date=date, commune=commune).exists():
        raise ValidationError({"date": _("This day is already a holiday of the commune.")})
    holiday = Holiday(date=date, name=name, commune=commune)
    holiday.full_clean()
    acting_as(holiday, user).save()
    return holiday


@transaction.atomic
def holiday_delete(*, user, holiday: Holiday) -> None:
    if holiday.commune_id is None:
        raise ValidationError(_("National holidays are kept by the administrator."))
    scope.require(user, "cases.calendar_edit", holiday.commune)
    acting_as(holiday, user).delete()


# --- the area tree changes (accounts.reform) ---------------------------------------------------


def reform_step(move) -> None:
    """Cases still open on the day pass to the receiving commune (and the new village); closed
    cases stay where they were."""
    open_cases = list(
        Case.objects.filter(commune__in=[s.pk for s in move.sources])
        .filter(
            Q(closed_at__isnull=True) | Q(closed_at__gte=timezone.make_aware(datetime.combine(move.on_date, time.min)))
        )
        .filter(Q(village__isnull=True) | Q(village__in=[v.pk for v in move.villages]))
        .select_related("village")
    )
    if not move.close_sources:
        open_cases = [c for c in open_cases if c.village_id]
    move.say(
        _("%(count)s open protection cases pass to %(target)s.")
        % {"count": len(open_cases), "target": move.target.name}
    )
    if move.dry_run:
        return
    for case in open_cases:
        case.previous_commune, case.previous_village, case.moved_on = case.commune, case.village, move.on_date
        case.commune = move.target
        case.village = move.new_area_for(case.village)
        acting_as(case, move.user).save(
            update_fields=["commune", "village", "previous_commune", "previous_village", "moved_on"]
        )
