"""Filling in one report, shared by the report page and the offline drafts sent later
(``offline.sync``): the same rows, form, checks and services, so a draft typed without a connection
is judged exactly like the page's own submission."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scope
from accounts.models import Area

from . import privacy as report_privacy
from . import selectors as sel
from . import services
from .forms import ReportForm
from .models import Period, Submission


@dataclass
class Entry:
    period: Period
    area: Area
    submission: Submission | None
    rows: list
    form: ReportForm
    blocked: str | None
    needs_approval: bool


def report_entry(*, user, period: Period, area: Area, data=None) -> Entry:
    """The report of ``area`` for ``period`` as ``user`` may fill it (``data``: what was typed).
    Raises PermissionDenied when the user may only read it."""
    submission = Submission.objects.filter(period=period, area=area).first()
    if not scope.can(user, sel.edit_perm(period.report_type), area):
        raise PermissionDenied(_("You do not have the right to do this."))
    blocked = sel.edit_block_reason(period, submission, timezone.localdate())
    indicators = sel.report_indicators(period.report_type)
    rows = sel.build_rows(
        indicators, sel.prefill(period, area, indicators), sel.stored_values(submission) if submission else {}
    )
    rows = report_privacy.rows_as_seen(rows, user=user, area=area)
    with_number = sel.needs_approval(period.report_type)
    form = ReportForm(
        data,
        rows=rows,
        with_number=with_number,
        disabled=bool(blocked),
        initial={
            "results": submission.results if submission else "",
            "difficulties": submission.difficulties if submission else "",
            "proposals": submission.proposals if submission else "",
            "number": submission.number if submission else "",
        },
    )
    return Entry(period, area, submission, rows, form, blocked, with_number)


@transaction.atomic
def entry_save(*, entry: Entry, user, action: str) -> tuple[Submission, str]:
    """Save the typed report (``action`` "submit" also submits it when no approval is needed).
    The form must be valid; raises ValidationError with nothing saved."""
    submission = services.submission_save(
        period=entry.period, area=entry.area, user=user, values=entry.form.values(), **entry.form.narrative()
    )
    if action == "submit" and not entry.needs_approval:
        services.submission_submit(submission=submission, user=user)
        return submission, _("The report was submitted.")
    return submission, _("The draft was saved.")
