"""Writes of the reporting calendar: periods, reports and their workflow.

Each function is atomic, validates with ``full_clean()`` and the rules of ``selectors``, records the
acting user (``_history_user`` for django-simple-history and an ``Event`` row with the comment) and
takes ``now`` so tests pass the moment explicitly. Permissions are checked by the views through
``accounts.scope``; these functions enforce the workflow (which step may follow which).
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from accounts import scope
from accounts.audit import acting_as
from accounts.models import Area

from . import selectors as sel
from .models import Event, Period, Reminder, ReportType, Submission, Value
from .workflow import may, table_for

S = Submission.Status


def _now(now: dt.datetime | None) -> dt.datetime:
    return now or timezone.now()


def _local(now: dt.datetime) -> dt.date:
    return timezone.localdate(now)


def _save(obj, user, *, update_fields=None):
    obj.full_clean()
    acting_as(obj, user).save(update_fields=update_fields)
    return obj


def _check(submission: Submission, action: str, user) -> None:
    """The report's workflow table allows ``action`` in its state, to ``user``'s roles."""
    if user is not None and not may(user, submission, action):
        raise PermissionDenied(_("You do not have the right to do this."))
    table_for(submission.period.report_type).check(action, submission.status)


def _log(submission: Submission, action: str, user, at: dt.datetime, comment: str = "") -> None:
    Event.objects.create(submission=submission, action=action, user=user, at=at, comment=comment)


# --- calendar -------------------------------------------------------------------------------------


def _default_dates(rt: ReportType, year: int) -> dict:
    start = dt.date(year, rt.start_month, 1)
    end = dt.date(year, rt.end_month, rt.end_day)
    deadline = dt.date(year, rt.due_month, rt.due_day) if rt.due_month else end
    return {"start": start, "end": end, "deadline": deadline, "opens_on": min(end, deadline - dt.timedelta(days=15))}


@transaction.atomic
def calendar_create_year(*, area: Area, year: int, user) -> list[Period]:
    """Create the periods of ``year`` for the reports that ``area`` receives, with the default dates of
    each report type (seeded from the plan's section V.10). Existing periods are left as they are."""
    if area.kind == Area.Kind.COMMUNE:
        from_kind = Area.Kind.VILLAGE
    elif area.kind in (Area.Kind.DISTRICT, Area.Kind.PROVINCE):
        from_kind = Area.Kind.COMMUNE
    else:
        raise ValidationError({"area": _("Only a commune, a district or a province receives reports.")})
    created = []
    types = ReportType.objects.filter(is_active=True, from_kind=from_kind).exclude(
        period_kind=ReportType.PeriodKind.AD_HOC
    )
    for rt in types:
        if Period.objects.filter(report_type=rt, area=area, year=year).exists():
            continue
        period = Period(report_type=rt, area=area, year=year, title=f"{rt.name} {year}", **_default_dates(rt, year))
        created.append(_save(period, user))
    return created


@transaction.atomic
def period_update(*, period: Period, user, **fields) -> Period:
    for name, value in fields.items():
        setattr(period, name, value)
    return _save(period, user)


@transaction.atomic
def adhoc_raise(*, commune: Area, user, title: str, deadline: dt.date, now: dt.datetime | None = None) -> Submission:
    """A commune raises an ad-hoc report (difficulties) to the area above, at any time."""
    now = _now(now)
    today = _local(now)
    rt = ReportType.objects.get(period_kind=ReportType.PeriodKind.AD_HOC, from_kind=commune.kind, is_active=True)
    if commune.parent_id is None:
        raise ValidationError(_("This area has no area above it to report to."))
    if deadline < today:
        raise ValidationError({"deadline": _("The deadline cannot be in the past.")})
    period = Period(
        report_type=rt,
        area=commune.parent,
        reporter=commune,
        year=today.year,
        title=title,
        start=today,
        end=today,
        opens_on=today,
        deadline=deadline,
    )
    _save(period, user)
    submission = _save(Submission(period=period, area=commune), user)
    _log(submission, Event.Action.SAVED, user, now)
    return submission


# --- a report -------------------------------------------------------------------------------------


def _rows(submission: Submission, typed: dict | None) -> list[sel.Row]:
    """The table with fresh prefilled figures and the typed values (given, or else the stored ones)."""
    period = submission.period
    indicators = sel.report_indicators(period.report_type)
    known = sel.prefill(period, submission.area, indicators)
    stored = sel.stored_values(submission) if submission.pk else {}
    if typed is not None:
        names = {
            sel.field_name(i.code, k): (i.code, k) for i in indicators for k in ["", *dict(sel.ind.breakdown_keys(i))]
        }
        for name, value in typed.items():
            if name in names:
                stored[names[name]] = (value, Value.Source.TYPED)
    return sel.build_rows(indicators, known, stored)


def _store(submission: Submission, rows: list[sel.Row], user) -> None:
    existing = {(v.indicator_id, v.key): v for v in submission.values.all()}
    for row in rows:
        for cell in row.cells:
            value = existing.get((row.indicator.pk, cell.key))
            if value is None:
                value = Value(submission=submission, indicator=row.indicator, key=cell.key)
            elif value.value == cell.value and value.source == cell.source:
                continue
            value.value, value.source = cell.value, cell.source
            acting_as(value, user)
            value.save()


@transaction.atomic
def submission_save(
    *,
    period: Period,
    area: Area,
    user,
    values: dict | None = None,
    results: str = "",
    difficulties: str = "",
    proposals: str = "",
    number: str = "",
    now: dt.datetime | None = None,
) -> Submission:
    """Save a report as a draft: fresh computed figures, the typed ones, the narrative.

    ``values`` maps form field names (``selectors.field_name``) to numbers or None. Impossible values
    (supported > in the group, parts > total) are refused with the field named; blanks are allowed
    in a draft. An approved report is refused: its approval is withdrawn first (``submission_withdraw``).
    """
    now = _now(now)
    submission = Submission.objects.select_for_update().filter(period=period, area=area).first()
    reason = sel.edit_block_reason(period, submission, _local(now))
    if reason:
        raise ValidationError(reason)
    if submission is None:
        submission = Submission(period=period, area=area)
    submission.results, submission.difficulties, submission.proposals = results, difficulties, proposals
    submission.number = number
    rows = _rows(submission, values or {})
    errors = sel.validate_rows(rows, complete=False)
    if errors:
        raise ValidationError(errors)
    _save(submission, user)
    _store(submission, rows, user)
    _log(submission, Event.Action.SAVED, user, now)
    return submission


def _refresh_and_check(submission: Submission, user) -> None:
    """Recompute the prefilled figures just before the report leaves (they are as of the period's
    end), then refuse it when a figure is blank or a rule fails."""
    rows = _rows(submission, None)
    errors = sel.validate_rows(rows, complete=True)
    if errors:
        raise ValidationError(errors)
    _store(submission, rows, user)


@transaction.atomic
def submission_approve(*, submission: Submission, user, now: dt.datetime | None = None) -> Submission:
    """The chairman signs off a commune report before it is sent."""
    now = _now(now)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    reason = sel.edit_block_reason(submission.period, submission, _local(now))
    if reason:
        raise ValidationError(reason)
    if not sel.needs_approval(submission.period.report_type) or submission.status not in (S.DRAFT, S.RETURNED):
        raise ValidationError(_("Only a draft or returned commune report can be approved."))
    _check(submission, "approve", user)
    _refresh_and_check(submission, user)
    submission.status, submission.approved_at, submission.approved_by = S.APPROVED, now, user
    _save(submission, user)
    _log(submission, Event.Action.APPROVED, user, now)
    return submission


@transaction.atomic
def submission_submit(*, submission: Submission, user, now: dt.datetime | None = None) -> Submission:
    """Send the report to the area above. On time when its first submission comes before midnight
    after the deadline, Asia/Ho_Chi_Minh time."""
    now = _now(now)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    period = submission.period
    reason = sel.period_block_reason(period, _local(now))
    if reason or submission.status in (S.SUBMITTED, S.ACCEPTED):
        raise ValidationError(reason or sel.edit_block_reason(period, submission, _local(now)))
    if sel.needs_approval(period.report_type):
        if submission.status != S.APPROVED:
            raise ValidationError(_("The chairman must approve this report before it is sent."))
        _check(submission, "submit", user)
    else:
        _check(submission, "submit", user)
        _refresh_and_check(submission, user)
    resubmitted = submission.times_submitted > 0
    submission.status = S.SUBMITTED
    submission.submitted_at, submission.submitted_by = now, user
    if submission.first_submitted_at is None:
        submission.first_submitted_at = now
        submission.on_time = period.is_on_time(now)
    submission.times_submitted += 1
    _save(submission, user)
    _log(submission, Event.Action.RESUBMITTED if resubmitted else Event.Action.SUBMITTED, user, now)
    return submission


@transaction.atomic
def submission_return(*, submission: Submission, user, comment: str, now: dt.datetime | None = None) -> Submission:
    """The receiving area sends a submitted report back with comments."""
    now = _now(now)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not comment.strip():
        raise ValidationError({"comment": _("Write what must be corrected.")})
    if submission.status != S.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be returned."))
    _check(submission, "return", user)
    submission.status, submission.review_comment = S.RETURNED, comment.strip()
    submission.reviewed_at, submission.reviewed_by = now, user
    submission.approved_at, submission.approved_by = None, None
    _save(submission, user)
    _log(submission, Event.Action.RETURNED, user, now, comment.strip())
    return submission


@transaction.atomic
def submission_accept(*, submission: Submission, user, now: dt.datetime | None = None) -> Submission:
    """The receiving area accepts a submitted report; it is locked from then on."""
    now = _now(now)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if submission.status != S.SUBMITTED:
        raise ValidationError(_("Only a submitted report can be accepted."))
    _check(submission, "accept", user)
    submission.status, submission.reviewed_at, submission.reviewed_by = S.ACCEPTED, now, user
    _save(submission, user)
    _log(submission, Event.Action.ACCEPTED, user, now)
    return submission


@transaction.atomic
def submission_reopen(*, submission: Submission, user, reason: str, now: dt.datetime | None = None) -> Submission:
    """Undo an acceptance (top-down, with a reason): the report goes back to its authors as returned.

    A village report cannot be reopened while the commune report that added it up is approved,
    sent or accepted: reopen that one first.
    """
    now = _now(now)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not reason.strip():
        raise ValidationError({"comment": _("Give the reason for reopening.")})
    if submission.status != S.ACCEPTED:
        raise ValidationError(_("Only an accepted report can be reopened."))
    _check(submission, "reopen", user)
    period = submission.period
    above = Submission.objects.filter(
        period__report_type__consolidates=period.report_type,
        period__year=period.year,
        area=period.area,
        status__in=[S.APPROVED, S.SUBMITTED, S.ACCEPTED],
    )
    if above.exists():
        raise ValidationError(
            _("The commune report that adds up this report is approved or sent; it must be reopened first.")
        )
    submission.status, submission.review_comment = S.RETURNED, reason.strip()
    submission.reviewed_at, submission.reviewed_by = now, user
    submission.approved_at, submission.approved_by = None, None
    _save(submission, user)
    _log(submission, Event.Action.REOPENED, user, now, reason.strip())
    return submission


@transaction.atomic
def submission_withdraw(*, submission: Submission, user, reason: str, now: dt.datetime | None = None) -> Submission:
    """Withdraw the chairman's approval of a report not yet sent, with a recorded reason: it goes back to
    draft so it can be changed, and must be approved again. Never a side effect of saving."""
    now = _now(now)
    submission = Submission.objects.select_for_update().get(pk=submission.pk)
    if not (reason or "").strip():
        raise ValidationError({"comment": _("Give the reason for withdrawing the approval.")})
    reason_block = sel.period_block_reason(submission.period, _local(now))
    if reason_block:
        raise ValidationError(reason_block)
    _check(submission, "withdraw", user)
    submission.status, submission.approved_at, submission.approved_by = S.DRAFT, None, None
    _save(submission, user)
    _log(submission, Event.Action.WITHDRAWN, user, now, reason.strip())
    return submission


# --- reminders ------------------------------------------------------------------------------------


def _reminder_recipients(period: Period, area: Area) -> list[str]:
    from accounts.models import Membership

    roles = scope.PERMISSIONS[sel.edit_perm(period.report_type)]
    return sorted(
        set(
            Membership.objects.filter(area=area, role__in=roles, is_active=True, user__is_active=True)
            .exclude(user__email="")
            .values_list("user__email", flat=True)
        )
    )


@transaction.atomic
def reminders_send(*, on: dt.date, days_before: int = 3, overdue_every: int = 7) -> list[Reminder]:
    """E-mail each area that has not sent its report: ``days_before`` days before the deadline, and
    every ``overdue_every`` days once it is overdue, while the period is open. Once per day each."""
    sent = []
    periods = Period.objects.filter(opens_on__lte=on).filter(Q(closes_on__isnull=True) | Q(closes_on__gte=on))
    for period in periods.select_related("report_type", "area"):
        days_left = (period.deadline - on).days
        if days_left == days_before:
            kind = Reminder.Kind.UPCOMING
        elif days_left < 0 and (-days_left - 1) % overdue_every == 0:
            kind = Reminder.Kind.OVERDUE
        else:
            continue
        done = set(
            Submission.objects.filter(period=period, status__in=[S.SUBMITTED, S.ACCEPTED]).values_list(
                "area_id", flat=True
            )
        )
        for area in sel.reporters(period):
            if area.pk in done or Reminder.objects.filter(period=period, area=area, kind=kind, sent_on=on).exists():
                continue
            emails = _reminder_recipients(period, area)
            if not emails:
                continue
            with translation.override(settings.LANGUAGE_CODE):
                context = {
                    "title": period.title,
                    "area": area.name,
                    "to": period.area.name,
                    "deadline": period.deadline.strftime("%d/%m/%Y"),
                }
                if kind == Reminder.Kind.UPCOMING:
                    subject = _("Report due on %(deadline)s: %(title)s") % context
                    body = _("The report “%(title)s” of %(area)s is due to %(to)s on %(deadline)s.") % context
                else:
                    subject = _("Report overdue: %(title)s") % context
                    body = (
                        _("The report “%(title)s” of %(area)s was due to %(to)s on %(deadline)s and has not been sent.")
                        % context
                    )
                body += "\n\n" + _("Open the portal, section Reports, to fill it in and send it.")
            send_mail(subject, body, None, emails)
            sent.append(
                Reminder.objects.create(period=period, area=area, kind=kind, sent_on=on, recipients=len(emails))
            )
    return sent
