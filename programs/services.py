"""Writes to the plan. Each is keyword-only, atomic, validates with ``full_clean()`` and records who
acted (django-simple-history stores ``_history_user``). Permission checks stay in the views, through
``accounts.scope``; these functions enforce the rules of the data (plan locked once approved, the
Children's Forum minimums, evidence file types).
"""

from __future__ import annotations

import math
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from simple_history.utils import bulk_update_with_history

from accounts.audit import acting_as
from accounts.models import Area, Unit
from accounts.reform import unit_in
from children.models import Child, age_on
from children.privacy.services import purpose_require
from core.uploads import check_document

from . import selectors
from .criteria import CRITERIA
from .models import (
    Activity,
    Assessment,
    Assignment,
    CriterionScore,
    Event,
    Evidence,
    Forum,
    ForumParticipant,
    ForumQuestion,
    GiftList,
    GiftRecipient,
    PhotographedChild,
    Plan,
    RiskSite,
    Target,
    TargetValue,
    Training,
)
from .workflow import EVENT_PAYMENT, PLAN, check, payment_state


def _save(obj, user, *, update_fields=None):
    obj.full_clean()
    acting_as(obj, user).save(update_fields=update_fields)
    return obj


def _require_draft(plan: Plan) -> None:
    if plan.is_approved:
        raise ValidationError(_("The plan is approved; its contents can no longer be changed."))


# --- plan ------------------------------------------------------------------------------------


@transaction.atomic
def plan_create(*, commune: Area, year: int, title: str, user, **fields) -> Plan:
    if Plan.objects.filter(commune=commune, year=year).exists():
        raise ValidationError({"year": _("This commune already has a plan for %(year)s.") % {"year": year}})
    plan = Plan(commune=commune, year=year, title=title, created_by=user, **fields)
    return _save(plan, user)


@transaction.atomic
def plan_update(*, plan: Plan, user, **fields) -> Plan:
    _require_draft(plan)
    for name, value in fields.items():
        setattr(plan, name, value)
    return _save(plan, user)


@transaction.atomic
def plan_approve(*, plan: Plan, user, signer_name: str = "") -> Plan:
    """The chairman approves a draft plan; from then on its contents are locked."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if plan.is_approved:
        raise ValidationError(_("The plan is already approved."))
    check(PLAN, "approve", plan.status, user, plan.commune)
    if not plan.targets.exists() or not plan.activities.exists():
        raise ValidationError(_("A plan needs at least one target and one activity before it is approved."))
    plan.status = Plan.Status.APPROVED
    plan.approved_by = user
    plan.approved_at = timezone.now()
    plan.signer_name = signer_name or str(user)
    return _save(plan, user)


@transaction.atomic
def plan_reopen(*, plan: Plan, user) -> Plan:
    """The chairman returns an approved plan to draft so it can be corrected."""
    plan = Plan.objects.select_for_update().get(pk=plan.pk)
    if not plan.is_approved:
        raise ValidationError(_("The plan is still a draft."))
    check(PLAN, "reopen", plan.status, user, plan.commune)
    plan.status = Plan.Status.DRAFT
    plan.approved_by = None
    plan.approved_at = None
    return _save(plan, user)


def _shift_year(day: date | None, years: int) -> date | None:
    if day is None:
        return None
    try:
        return day.replace(year=day.year + years)
    except ValueError:  # 29 February
        return day.replace(year=day.year + years, day=28)


@transaction.atomic
def plan_copy(*, source: Plan, year: int, user, commune=None) -> Plan:
    """Start a new year's draft as a copy of ``source``: its text, targets, activities and
    assignments (due dates moved to the new year, status reset). Values, events and evidence stay.
    ``commune``: the commune the copy is for when it is not the source's (a commune merged from the
    source's); each assignment goes to the unit that took over its unit."""
    commune = commune or source.commune
    shift = year - source.year

    def carry(text: str) -> str:  # the year, and the commune's name when it is another commune's plan
        text = text.replace(str(source.year), str(year))
        return text.replace(source.commune.name, commune.name) if commune != source.commune else text

    plan = plan_create(
        commune=commune,
        year=year,
        title=carry(source.title),
        user=user,
        implements="",
        purpose=carry(source.purpose),
        requirements=carry(source.requirements),
        funding=carry(source.funding),
        reporting=carry(source.reporting),
        closing=carry(source.closing),
        copied_from=source,
    )
    for target in source.targets.all():
        _save(
            Target(
                plan=plan,
                order=target.order,
                title=carry(target.title),
                kind=target.kind,
                goal=target.goal,
                indicator=target.indicator,
                measure=target.measure,
                responsible=target.responsible,
                continues_previous=target.continues_previous,
                own_fields=list(target.own_fields),
            ),
            user,
        )
    for activity in source.activities.prefetch_related("assignments"):
        new = _save(
            Activity(
                plan=plan,
                number=activity.number,
                title=carry(activity.title),
                description=activity.description,
            ),
            user,
        )
        for a in activity.assignments.all():
            unit = unit_in(a.unit, commune)
            if unit is None:
                continue
            _save(
                Assignment(
                    activity=new,
                    unit=unit,
                    task=carry(a.task),
                    due_date=_shift_year(a.due_date, shift),
                    budget=a.budget,
                    own_fields=list(a.own_fields),
                ),
                user,
            )
    return plan


@transaction.atomic
def target_save(*, target: Target, user) -> Target:
    _require_draft(target.plan)
    return _save(target, user)


@transaction.atomic
def activity_save(*, activity: Activity, user) -> Activity:
    _require_draft(activity.plan)
    return _save(activity, user)


@transaction.atomic
def assignment_save(*, assignment: Assignment, user) -> Assignment:
    """Create or change an assignment (the culture-social officer's planning)."""
    if assignment.unit.commune_id != assignment.activity.plan.commune_id:
        raise ValidationError({"unit": _("Choose a unit of the plan's commune.")})
    assignment.updated_by = user
    return _save(assignment, user)


@transaction.atomic
def assignment_update(
    *, assignment: Assignment, user, status: str, note: str = "", done_on: date | None = None, on: date | None = None
) -> Assignment:
    """A unit reports progress on its own task: new status and a dated note appended to the notes."""
    if status == Assignment.Status.DONE and done_on is None:
        done_on = on or timezone.localdate()
    if status != Assignment.Status.DONE:
        done_on = None
    note = note.strip()
    if status == assignment.status and not note:
        raise ValidationError({"note": _("Write what was done, or change the status.")})
    if note:
        stamp = f"{(on or timezone.localdate()):%d/%m/%Y} — {user}: {note}"
        assignment.progress = f"{assignment.progress}\n{stamp}".strip()
    assignment.status = status
    assignment.done_on = done_on
    assignment.updated_by = user
    return _save(assignment, user)


@transaction.atomic
def evidence_add(*, assignment: Assignment, uploaded, caption: str = "", user) -> Evidence:
    content_type = check_document(uploaded)
    evidence = Evidence(
        assignment=assignment,
        file=uploaded,
        original_name=(uploaded.name or "")[-200:],
        content_type=content_type,
        size=uploaded.size,
        caption=caption,
        uploaded_by=user,
        uploaded_at=timezone.now(),
    )
    evidence.full_clean(exclude=["file"])
    acting_as(evidence, user)
    evidence.save()
    return evidence


@transaction.atomic
def target_value_record(
    *,
    target: Target,
    user,
    as_of: date,
    numerator: int,
    denominator: int,
    evidence: str,
    village: Area | None = None,
    source: str = TargetValue.Source.UNIT,
) -> TargetValue:
    if target.is_automatic:
        raise ValidationError(_("This target is computed from the registry; it takes no manual values."))
    if village is not None and village.parent_id != target.plan.commune_id:
        raise ValidationError({"village": _("Choose a village of the plan's commune.")})
    if numerator > denominator:
        raise ValidationError({"numerator": _("The number reached cannot be larger than the total.")})
    value = TargetValue(
        target=target,
        village=village,
        as_of=as_of,
        numerator=numerator,
        denominator=denominator,
        evidence=evidence,
        source=source,
        entered_by=user,
    )
    return _save(value, user)


# --- events and gift lists ----------------------------------------------------------------------


@transaction.atomic
def event_save(*, event: Event, user) -> Event:
    if event.organiser_id and event.organiser.commune_id != event.plan.commune_id:
        raise ValidationError({"organiser": _("Choose a unit of the plan's commune.")})
    if event.end_date and event.end_date < event.date:
        raise ValidationError({"end_date": _("The end date is before the start date.")})
    return _save(event, user)


@transaction.atomic
def gift_list_save(*, gift_list: GiftList, user) -> GiftList:
    if gift_list.pk is None:
        gift_list.created_by = user
    return _save(gift_list, user)


@transaction.atomic
def gift_recipients_add(*, gift_list: GiftList, children, gift: str, value: int, user) -> int:
    """Add children to a gift list (those already on it are skipped); returns how many were added."""
    commune = gift_list.event.plan.commune
    existing = set(gift_list.recipients.values_list("child_id", flat=True))
    added = 0
    for child in children:
        if child.pk in existing:
            continue
        if not child.village.path.startswith(commune.path):
            raise ValidationError(_("%(name)s does not live in the plan's commune.") % {"name": child.full_name})
        _save(GiftRecipient(gift_list=gift_list, child=child, gift=gift, value=value), user)
        added += 1
    return added


@transaction.atomic
def event_photographed_add(*, event: Event, children, user) -> int:
    """Record the children photographed at an event (those already recorded are skipped). Refused as a
    whole, naming each child, when a child has no consent to photographs on the event's day."""
    commune = event.plan.commune
    children = list(children)
    for child in children:
        if not child.village.path.startswith(commune.path):
            raise ValidationError(_("%(name)s does not live in the plan's commune.") % {"name": child.full_name})
    purpose_require(children=children, purpose_code="event_photos", on=event.date)
    existing = set(event.photographed.values_list("child_id", flat=True))
    added = 0
    for child in children:
        if child.pk not in existing:
            _save(PhotographedChild(event=event, child=child, recorded_by=user), user)
            added += 1
    return added


@transaction.atomic
def event_photographed_remove(*, photographed: PhotographedChild, user) -> None:
    """Take a child off the list (the photographs of the child are to be deleted too)."""
    acting_as(photographed, user)
    photographed.delete()


@transaction.atomic
def gift_recipient_remove(*, recipient: GiftRecipient, user) -> None:
    if _linked_entries(recipient.gift_list):
        raise ValidationError(_("Payment has been requested for this list; it can no longer change."))
    acting_as(recipient, user)
    recipient.delete()


def _linked_entries(obj) -> list:
    manager = getattr(obj, "entries", None)
    return list(manager.all()) if manager is not None else []


def _fund_category(name: str) -> str:
    from funds.models import Entry

    return Entry.Category(name)


@transaction.atomic
def gift_list_request_payment(*, gift_list: GiftList, user, on: date | None = None):
    """Create a draft disbursement in the fund for the list's total and link it to the list."""
    from funds.services import disbursement_request

    recipients = list(gift_list.recipients.all())
    if not recipients:
        raise ValidationError(_("The gift list is empty."))
    total = sum(r.value for r in recipients)
    if total <= 0:
        raise ValidationError(_("The gifts on this list have no value."))
    if any(e.status != "rejected" for e in _linked_entries(gift_list)):
        raise ValidationError(_("Payment has already been requested for this list."))
    event = gift_list.event
    entry = disbursement_request(
        commune=event.plan.commune,
        amount=total,
        category=_fund_category("gifts"),
        purpose=_("%(list)s — %(event)s (%(n)s children)")
        % {"list": gift_list.title, "event": event.title, "n": len(recipients)},
        requested_by=user,
        entry_date=on or event.date,  # dated on the event; the accountant may change the draft's date
    )
    gift_list.entries.add(entry)
    return entry


@transaction.atomic
def event_request_payment(*, event: Event, amount: int, purpose: str, user, on: date | None = None):
    """Create a draft disbursement in the fund for an event's costs and link it to the event."""
    from funds.services import disbursement_request

    if amount <= 0:
        raise ValidationError({"amount": _("Enter an amount above zero.")})
    check(EVENT_PAYMENT, "request", payment_state(event), user, event.plan.commune)
    entry = disbursement_request(
        commune=event.plan.commune,
        amount=amount,
        category=_fund_category("events"),
        purpose=purpose or event.title,
        requested_by=user,
        entry_date=on or event.date,
    )
    event.entries.add(entry)
    return entry


# --- Children's Forum -------------------------------------------------------------------------


def forum_problems(*, children: int, minders: int, volunteers: int, guests: int) -> list[str]:
    """Why a forum breaks the commune minimums and ratios of Circular 29/2019 (empty when it is fine)."""
    problems = []
    if children < Forum.MIN_CHILDREN:
        problems.append(
            _("A commune forum needs at least %(min)s children; %(n)s were chosen.")
            % {"min": Forum.MIN_CHILDREN, "n": children}
        )
    needed = math.ceil(children / Forum.CHILDREN_PER_MINDER) if children else 1
    if minders < needed:
        problems.append(
            _("At most %(ratio)s children per minder: %(n)s children need at least %(needed)s minders, not %(m)s.")
            % {"ratio": Forum.CHILDREN_PER_MINDER, "n": children, "needed": needed, "m": minders}
        )
    if volunteers * Forum.VOLUNTEERS_PER_CHILDREN > children:
        problems.append(
            _("Volunteers may be at most one tenth of the children (%(max)s for %(n)s children), not %(v)s.")
            % {"max": children // Forum.VOLUNTEERS_PER_CHILDREN, "n": children, "v": volunteers}
        )
    if guests * Forum.GUESTS_PER_CHILDREN > children:
        problems.append(
            _("Guests may be at most one third of the children (%(max)s for %(n)s children), not %(g)s.")
            % {"max": children // Forum.GUESTS_PER_CHILDREN, "n": children, "g": guests}
        )
    return problems


@transaction.atomic
def forum_create(
    *,
    plan: Plan,
    user,
    date: date,
    topic: str,
    children: list[Child],
    minders: int,
    volunteers: int,
    guests: int,
    consent_on: date,
    place: str = "",
    minder_names: str = "",
    guest_names: str = "",
) -> Forum:
    """Record a Children's Forum; refused with the reasons when it breaks the Circular's rules."""
    problems = forum_problems(children=len(children), minders=minders, volunteers=volunteers, guests=guests)
    for child in children:
        if not child.village.path.startswith(plan.commune.path):
            problems.append(_("%(name)s does not live in the plan's commune.") % {"name": child.full_name})
        elif not child.is_active(date):
            problems.append(_("%(name)s is not a child on the forum's date.") % {"name": child.full_name})
    if consent_on > date:
        problems.append(_("Written consent must be collected before the forum."))
    try:
        purpose_require(children=children, purpose_code="forum", on=date)
    except ValidationError as refused:
        problems.extend(refused.messages)
    if problems:
        raise ValidationError(problems)
    forum = _save(
        Forum(
            plan=plan,
            date=date,
            topic=topic,
            place=place,
            minders=minders,
            minder_names=minder_names,
            volunteers=volunteers,
            guests=guests,
            guest_names=guest_names,
            consent_on=consent_on,
            created_by=user,
        ),
        user,
    )
    for child in children:
        _save(ForumParticipant(forum=forum, child=child, age=age_on(child.date_of_birth, date), consent=True), user)
    return forum


@transaction.atomic
def forum_question_add(
    *, forum: Forum, user, question: str, asked_by: str = "", answer: str = "", answered_by: str = ""
):
    return _save(
        ForumQuestion(forum=forum, question=question, asked_by=asked_by, answer=answer, answered_by=answered_by), user
    )


@transaction.atomic
def forum_representatives_set(*, forum: Forum, user, participant_ids: set[int]) -> int:
    count = 0
    for p in forum.participants.all():
        chosen = p.pk in participant_ids
        count += chosen
        if p.is_representative != chosen:
            p.is_representative = chosen
            _save(p, user, update_fields=["is_representative"])
    return count


# --- drowning-risk sites, trainings -------------------------------------------------------------


@transaction.atomic
def site_save(*, site: RiskSite, user) -> RiskSite:
    if site.village_id and site.village.kind != Area.Kind.VILLAGE:
        raise ValidationError({"village": _("Choose a village.")})
    if (site.latitude is None) != (site.longitude is None):
        raise ValidationError({"longitude": _("Enter both coordinates, or neither.")})
    return _save(site, user)


@transaction.atomic
def training_record(*, training: Training, attendees, user) -> Training:
    if training.pk is None:
        training.created_by = user
    _save(training, user)
    training.attendees.set(attendees)
    return training


# --- child-friendly assessment -------------------------------------------------------------------


@transaction.atomic
def assessment_start(*, commune: Area, year: int, user, on: date | None = None) -> Assessment:
    """Open the year's assessment with its 13 criteria, prefilled where the registry can measure them."""
    if Assessment.objects.filter(commune=commune, year=year).exists():
        raise ValidationError({"year": _("This commune already has an assessment for %(year)s.") % {"year": year}})
    assessment = _save(Assessment(commune=commune, year=year, created_by=user), user)
    prefill = selectors.criterion_prefill(commune=commune, year=year, on=on)
    for number, _name, max_score in CRITERIA:
        measured, score = prefill.get(number, ("", 0))
        _save(
            CriterionScore(assessment=assessment, number=number, max_score=max_score, score=score, measured=measured),
            user,
        )
    return assessment


@transaction.atomic
def criterion_score_update(*, score: CriterionScore, user, value: int, met: bool, note: str = "") -> CriterionScore:
    if value > score.max_score:
        raise ValidationError(
            {"score": _("Criterion %(n)s: at most %(max)s points.") % {"n": score.number, "max": score.max_score}}
        )
    score.score, score.met, score.note = value, met, note
    return _save(score, user)


@transaction.atomic
def assessment_scores_update(*, assessment: Assessment, user, rows: dict[int, dict]) -> None:
    """Save all 13 criteria at once (rows: number → {"value", "met", "note"}); nothing is saved on an error."""
    for score in assessment.scores.select_for_update():
        row = rows.get(score.number)
        if row is None:
            continue
        criterion_score_update(score=score, user=user, value=row["value"], met=row["met"], note=row.get("note", ""))


def unit_for_commune(commune: Area, kind: str) -> Unit | None:
    return Unit.objects.filter(commune=commune, kind=kind, is_active=True).order_by("pk").first()


# --- the area tree changes (accounts.reform) ---------------------------------------------------


def reform_step(move) -> None:
    """Tasks not done of the plans of the day's year pass to the receiving commune's unit of the
    same kind (a village's task to its new village); done tasks and earlier plans stay as they were."""
    unit_map = move.unit_map
    tasks = list(
        Assignment.objects.filter(
            activity__plan__commune__in=[s.pk for s in move.sources], activity__plan__year__gte=move.on_date.year
        )
        .exclude(status=Assignment.Status.DONE)
        .select_related("unit")
    )
    if not move.close_sources:
        tasks = [t for t in tasks if t.unit.village_id in move.village_map]
    move.say(
        _("%(count)s open tasks pass to the units of %(target)s.") % {"count": len(tasks), "target": move.target.name}
    )
    if move.dry_run or unit_map is None:
        return
    changed = []
    for task in tasks:
        new_unit = unit_map.get(task.unit_id)
        if new_unit is not None:
            task.unit = new_unit
            changed.append(task)
    if changed:
        bulk_update_with_history(changed, Assignment, ["unit"], default_user=move.user)
