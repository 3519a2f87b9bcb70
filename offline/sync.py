"""Judging a draft sent from a phone exactly as the page would have judged it online: the same
scope helpers, forms and services (``reporting.entry``), plus one check the page cannot make — that
nothing changed on the server since the phone last fetched the page (a report returned or submitted
meanwhile is a conflict, and the phone keeps what was typed)."""

from __future__ import annotations

import datetime as dt
import uuid as uuid_lib

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.http import Http404
from django.urls import Resolver404, resolve, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from children import reported
from children import selectors as child_sel
from children import services as child_services
from children.forms import ChildRegisterForm
from programs import selectors as program_sel
from programs import services as program_services
from programs.forms import AssignmentUpdateForm, RiskSiteForm
from programs.models import RiskSite
from reporting import selectors as report_sel
from reporting.entry import entry_save, report_entry
from reporting.models import Submission

from .models import ProcessedDraft

Outcome = ProcessedDraft.Outcome


def _answer(outcome: str, message: str, **extra) -> dict:
    return {"outcome": outcome, "message": message, **extra}


def _seen(base: dict) -> dt.datetime | None:
    """When the row the phone saw was last updated (the page's ``data-updated``)."""
    try:
        return dt.datetime.fromisoformat(base["updated"]) if base.get("updated") else None
    except (TypeError, ValueError):
        return None


def _changed_meanwhile(submission: Submission | None, base: dict) -> str | None:
    """Why the report is not the one the phone saw, or None."""
    state = submission.status if submission else "none"
    updated = submission.updated_at if submission else None
    if state == base.get("state") and updated == _seen(base):
        return None
    if state == Submission.Status.RETURNED:
        return _("The report was returned meanwhile. Your figures are kept: read the comments, then send again.")
    if state in {Submission.Status.SUBMITTED, Submission.Status.ACCEPTED, Submission.Status.APPROVED}:
        return _("The report was already submitted meanwhile. Your figures are kept on this phone and were not sent.")
    return _(
        "The report was changed meanwhile on another device. Your figures are kept: open the report and send again."
    )


def _route(payload: dict, view_name: str):
    try:
        match = resolve(payload.get("url") or "")
    except Resolver404:
        return None
    return match if match.view_name == view_name else None


def _form_errors(form) -> str:
    errors = [f"{form.fields[name].label}: {' '.join(e)}" for name, e in form.errors.items() if name in form.fields]
    return " ".join([*errors, *form.non_field_errors()])


def _report(*, user, payload: dict) -> dict:
    match = _route(payload, "reporting:report")
    if match is None:
        return _answer(Outcome.REFUSED, _("This draft does not belong to a report."))
    try:
        period = report_sel.get_period_for_user(user, match.kwargs["pk"])
        area = report_sel.get_reporter_for_user(user, period, match.kwargs["area_pk"])
        entry = report_entry(user=user, period=period, area=area, data=payload.get("data") or {})
    except (Http404, PermissionDenied):
        return _answer(Outcome.REFUSED, _("You may not fill in this report."))
    conflict = _changed_meanwhile(entry.submission, payload.get("base") or {})
    if conflict:
        return _answer(Outcome.CONFLICT, conflict)
    if entry.blocked:
        return _answer(Outcome.REFUSED, entry.blocked)
    if not entry.form.is_valid():
        return _answer(Outcome.REFUSED, _form_errors(entry.form))
    try:
        submission, done = entry_save(entry=entry, user=user, action=payload.get("action") or "save")
    except ValidationError as exc:
        return _answer(Outcome.REFUSED, " ".join(exc.messages))
    return _answer(Outcome.DONE, done, url=reverse("reporting:submission", args=[submission.pk]))


def _site(*, user, payload: dict) -> dict:
    """A new drowning-risk site, as the page ``programs:site_create`` would record it."""
    villages = program_sel.site_villages(user)
    if _route(payload, "programs:site_create") is None or not villages.exists():
        return _answer(Outcome.REFUSED, _("You may not record a drowning-risk site."))
    form = RiskSiteForm(payload.get("data") or {}, instance=RiskSite(), villages=villages)
    if not form.is_valid():
        return _answer(Outcome.REFUSED, _form_errors(form))
    try:
        program_services.site_save(site=form.save(commit=False), user=user)
    except ValidationError as exc:
        return _answer(Outcome.REFUSED, " ".join(exc.messages))
    return _answer(Outcome.DONE, _("The site was saved."), url=reverse("programs:site_list"))


def _task(*, user, payload: dict) -> dict:
    """A task's new status, as the page ``programs:assignment_detail`` would record it; a conflict if
    the task was updated meanwhile."""
    match = _route(payload, "programs:assignment_detail")
    assignment = (
        program_sel.assignments_visible_to(user).filter(pk=match.kwargs["pk"]).first() if match is not None else None
    )
    if assignment is None or not program_sel.can_update_assignment(user, assignment):
        return _answer(Outcome.REFUSED, _("You may not update this task."))
    if _seen(payload.get("base") or {}) != assignment.updated_at:
        return _answer(
            Outcome.CONFLICT, _("The task was updated meanwhile. Your update is kept: open the task and send again.")
        )
    form = AssignmentUpdateForm(payload.get("data") or {})
    if not form.is_valid():
        return _answer(Outcome.REFUSED, _form_errors(form))
    try:
        program_services.assignment_update(
            assignment=assignment,
            user=user,
            status=form.cleaned_data["status"],
            note=form.cleaned_data["note"],
            done_on=form.cleaned_data["done_on"],
            on=timezone.localdate(),
        )
    except ValidationError as exc:
        return _answer(Outcome.REFUSED, " ".join(exc.messages))
    return _answer(
        Outcome.DONE, _("The task was updated."), url=reverse("programs:assignment_detail", args=[assignment.pk])
    )


def _child(*, user, payload: dict) -> dict:
    """A child registered offline, as the page ``children:register`` would take them: the same form;
    a village head's child becomes a draft for the officer to confirm (``children.reported``), an
    officer's is registered by the same service, so a possible duplicate is refused with its message."""
    reports_only = reported.reports_only(user)
    villages = reported.report_villages(user) if reports_only else child_sel.registry_villages(user)
    if _route(payload, "children:register") is None or not villages.exists():
        return _answer(Outcome.REFUSED, _("You may not register a child."))
    form = ChildRegisterForm(payload.get("data") or {}, villages=villages)
    if not form.is_valid():
        return _answer(Outcome.REFUSED, _form_errors(form))
    if reports_only:
        try:
            draft = reported.child_report(user=user, data=form.cleaned_data)
        except ValidationError as exc:
            return _answer(Outcome.REFUSED, " ".join(exc.messages))
        return _answer(
            Outcome.DONE,
            _("%(name)s was sent to the commune officer, who will confirm the registration.")
            % {"name": draft.full_name},
            url=reverse("children:reported_detail", args=[draft.pk]),
        )
    try:
        child = child_services.child_register(
            user=user,
            confirm_duplicate=form.cleaned_data["confirm_duplicate"],
            guardians=form.guardians(),
            **form.child_fields(),
        )
    except ValidationError as exc:  # DuplicateChild included
        return _answer(Outcome.REFUSED, " ".join(exc.messages))
    return _answer(
        Outcome.DONE,
        _("%(name)s has been registered.") % {"name": child.full_name},
        url=reverse("children:detail", args=[child.pk]),
    )


HANDLERS = {"report": _report, "site": _site, "task": _task, "child": _child}


def draft_process(*, user, draft_uuid: str, kind: str, payload: dict) -> dict:
    """Process one draft once: a UUID already seen answers what it answered the first time."""
    try:
        key = uuid_lib.UUID(str(draft_uuid))
    except ValueError:
        return _answer(Outcome.REFUSED, _("This draft has no valid identifier."))
    seen = ProcessedDraft.objects.filter(uuid=key).first()
    if seen is not None:
        if seen.user_id != user.pk:
            return _answer(Outcome.REFUSED, _("This draft has no valid identifier."))
        return {**seen.answer, "repeated": True}
    handler = HANDLERS.get(kind)
    if handler is None:
        return _answer(Outcome.REFUSED, _("Unknown kind of draft."))
    try:
        with transaction.atomic():
            answer = handler(user=user, payload=payload)
            ProcessedDraft.objects.create(uuid=key, user=user, kind=kind, outcome=answer["outcome"], answer=answer)
    except IntegrityError:  # the same draft arrived twice at once: the first one's answer stands
        seen = ProcessedDraft.objects.get(uuid=key)
        return {**seen.answer, "repeated": True}
    return answer
