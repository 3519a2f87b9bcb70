"""Pages of the reporting calendar. Thin: scope helper → form or service → redirect by URL name."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scope
from accounts.audit import history_rows, log_access
from accounts.models import Area
from core.downloads import download
from core.forms import attach_errors, id_list, id_param, year_param

from . import exports, reform, services
from . import privacy as report_privacy
from . import selectors as sel
from .entry import entry_save, report_entry
from .forms import AdhocForm, CommentForm, MergeForm, OpenYearForm, PeriodForm, YearForm
from .models import Indicator, ReportType, Submission
from .newyear import open_year as open_year_service
from .newyear import year_state


def _require_any(user, perm: str) -> None:
    if not scope.has_perm(user, perm):
        raise PermissionDenied(_("You do not have the right to do this."))


def index(request):
    _require_any(request.user, "reports.view")
    on = timezone.localdate()
    periods = sel.periods_visible_to(request.user)
    years = sorted({p.year for p in periods}, reverse=True)
    year = year_param(request.GET, default=years[0] if years else on.year)
    return render(
        request,
        "reporting/index.html",
        {
            "periods": [p for p in periods if p.year == year],
            "years": years,
            "year": year,
            "due": sel.due_for(request.user, on),
            "today": on,
            "can_calendar": scope.has_perm(request.user, "reports.calendar_edit"),
            "can_adhoc": scope.has_perm(request.user, "reports.commune_edit"),
            "can_reorganise": scope.has_perm(request.user, "areas.reorganise"),
        },
    )


# --- the new year ---------------------------------------------------------------------------------


def open_year(request):
    """The new-year step for the officer and the accountant: what the year still lacks, and one button."""
    _require_any(request.user, "year.open")
    communes = scope.areas_for(request.user, "year.open").filter(kind=Area.Kind.COMMUNE).order_by("path")
    today = timezone.localdate()
    initial = {"year": today.year}
    if commune_pk := id_param(request.GET, "commune"):
        initial["commune"] = commune_pk
    initial["year"] = year_param(request.GET, default=today.year)
    form = OpenYearForm(request.POST or None, communes=communes, initial=initial)
    if request.method == "POST" and form.is_valid():
        commune, year = form.cleaned_data["commune"], form.cleaned_data["year"]
        try:
            done = open_year_service(commune=commune, year=year, user=request.user)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(
                request,
                _(
                    "%(commune)s, year %(year)s: %(funds)s fund years opened, %(periods)s reporting periods "
                    "created, %(plan)s."
                )
                % {
                    "commune": commune.name,
                    "year": year,
                    "funds": len(done["fund_years"]),
                    "periods": len(done["periods"]),
                    "plan": _("the plan drafted from last year's") if done["plan"] else _("the plan left as it is"),
                },
            )
            return redirect(f"{request.path}?commune={commune.pk}&year={year}")
    commune = communes.filter(pk=initial.get("commune")).first() or (
        communes.first() if communes.count() == 1 else None
    )
    state = year_state(commune=commune, year=initial["year"]) if commune else None
    return render(request, "reporting/open_year.html", {"form": form, "state": state})


# --- calendar -------------------------------------------------------------------------------------


def calendar(request):
    _require_any(request.user, "reports.calendar_edit")
    areas = list(sel.calendar_areas(request.user))
    periods = [p for p in sel.periods_visible_to(request.user) if sel.can_edit_period(request.user, p)]
    return render(
        request,
        "reporting/calendar.html",
        {
            "areas": areas,
            "periods": periods,
            "year_form": YearForm(initial={"year": timezone.localdate().year}),
            "report_types": ReportType.objects.filter(is_active=True).select_related("consolidates"),
        },
    )


@require_POST
def calendar_create(request):
    _require_any(request.user, "reports.calendar_edit")
    area = scope.get_or_404(sel.calendar_areas(request.user), pk=id_param(request.POST, "area", 0))
    form = YearForm(request.POST)
    if form.is_valid():
        created = services.calendar_create_year(area=area, year=form.cleaned_data["year"], user=request.user)
        messages.success(request, _("%(n)s periods created.") % {"n": len(created)})
    else:
        messages.error(request, _("Enter a year between 2000 and 2100."))
    return redirect("reporting:calendar")


def period_edit(request, pk):
    period = sel.get_period_for_user(request.user, pk)
    if not sel.can_edit_period(request.user, period):
        raise PermissionDenied(_("You do not have the right to do this."))
    form = PeriodForm(request.POST or None, instance=period)
    if request.method == "POST" and form.is_valid():
        fields = {f: form.cleaned_data[f] for f in form.Meta.fields}
        period.refresh_from_db()
        try:
            services.period_update(period=period, user=request.user, **fields)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The period was saved."))
            return redirect("reporting:calendar")
    return render(
        request,
        "reporting/period_form.html",
        {"form": form, "period": period, "history": history_rows(period.history.all())},
    )


def adhoc_create(request):
    communes = [a for a in scope.membership_areas(request.user, "reports.commune_edit") if a.kind == Area.Kind.COMMUNE]
    if not communes:
        raise PermissionDenied(_("You do not have the right to do this."))
    form = AdhocForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            submission = services.adhoc_raise(commune=communes[0], user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            return redirect("reporting:report", pk=submission.period_id, area_pk=submission.area_id)
    above = communes[0].superior_on(timezone.localdate())  # the area above today (the province since 2025)
    return render(request, "reporting/adhoc_form.html", {"form": form, "commune": communes[0], "above": above})


def indicator_list(request):
    _require_any(request.user, "reports.view")
    indicators = Indicator.objects.select_related("at_most").order_by("order", "code")
    return render(request, "reporting/indicators.html", {"indicators": indicators})


# --- one period -----------------------------------------------------------------------------------


def period_detail(request, pk):
    period = sel.get_period_for_user(request.user, pk)
    on = timezone.localdate()
    rows = sel.status_rows(period, request.user, on)
    return render(
        request,
        "reporting/period_detail.html",
        {
            "period": period,
            "rows": rows,
            "rates": sel.rates(rows),
            "today": on,
            "can_export": sel.may_export(request.user, period),
            "can_edit_period": sel.can_edit_period(request.user, period),
            "editable": {r.area.pk for r in rows if scope.can(request.user, sel.edit_perm(period.report_type), r.area)},
        },
    )


def period_export(request, pk):
    period = sel.get_period_for_user(request.user, pk)
    if not sel.may_export(request.user, period):
        raise PermissionDenied(_("You do not have the right to do this."))
    rows = sel.status_rows(period, request.user, timezone.localdate())
    data, count = exports.period_xlsx(period, rows, made_by=request.user, viewer=request.user)
    log_access(request, what="reporting.period_xlsx", area=period.area, subject=period, row_count=count)
    return download(data, exports.period_filename(period, ext="xlsx"))


def report(request, pk, area_pk):
    """Open (or start) the report of one area for a period: prefilled figures with their source,
    typed figures and the narrative; save a draft or submit."""
    period = sel.get_period_for_user(request.user, pk)
    area = sel.get_reporter_for_user(request.user, period, area_pk)
    try:
        entry = report_entry(user=request.user, period=period, area=area, data=request.POST or None)
    except PermissionDenied:
        submission = Submission.objects.filter(period=period, area=area).first()
        if submission is None:
            raise
        return redirect("reporting:submission", pk=submission.pk)
    form, submission, blocked = entry.form, entry.submission, entry.blocked
    if request.method == "POST" and not blocked and form.is_valid():
        try:
            submission, done = entry_save(entry=entry, user=request.user, action=request.POST.get("action", "save"))
            messages.success(request, done)
            return redirect("reporting:submission", pk=submission.pk)
        except ValidationError as exc:
            attach_errors(form, exc)
    previous = sel.previous_values(period, area)
    typed, computed = [], []
    for row in entry.rows:
        for cell in row.cells:
            if cell.editable:
                cell.bound = form[cell.name]
                cell.previous = previous.get(cell.name)
                typed.append((row, cell))
        if not all(cell.editable for cell in row.cells):
            computed.append(row)
    on = timezone.localdate()
    village_rows = village_rates = None
    village_period = sel.village_period_for(period, area)
    if village_period is not None:
        village_rows = sel.status_rows(village_period, request.user, on)
        village_rates = sel.rates(village_rows)
    return render(
        request,
        "reporting/report_form.html",
        {
            "period": period,
            "area": area,
            "submission": submission,
            "typed": typed,
            "computed": computed,
            "form": form,
            "blocked": blocked,
            "needs_approval": entry.needs_approval,
            "village_period": village_period,
            "village_rows": village_rows,
            "village_rates": village_rates,
        },
    )


# --- one report -----------------------------------------------------------------------------------


def submission_detail(request, pk):
    submission = sel.get_submission_for_user(request.user, pk)
    on = timezone.localdate()
    period = submission.period
    village_period = sel.village_period_for(period, submission.area)
    village_rows = sel.status_rows(village_period, request.user, on) if village_period else None
    return render(
        request,
        "reporting/submission_detail.html",
        {
            "submission": submission,
            "period": period,
            "rows": report_privacy.rows_as_seen(
                sel.rows_for_display(submission, with_changes=True), user=request.user, area=submission.area
            ),
            "actions": sel.actions_for(request.user, submission, on),
            "blocked": sel.edit_block_reason(period, submission, on),
            "events": submission.events.select_related("user"),
            "comment_form": CommentForm(),
            "village_period": village_period,
            "village_rows": village_rows,
            "village_rates": sel.rates(village_rows) if village_rows is not None else None,
            "history": history_rows(submission.history.all()),
        },
    )


def _act(request, pk, action, func, done, *, with_comment=False):
    submission = sel.get_submission_for_user(request.user, pk)
    if action not in sel.actions_for(request.user, submission, timezone.localdate()):
        if action in {"accept", "return", "reopen"} and not scope.can(
            request.user, sel.review_perm(submission.period), submission.period.area
        ):
            raise PermissionDenied(_("You do not have the right to do this."))
        if action in {"approve"} and not scope.can(request.user, "reports.approve", submission.area):
            raise PermissionDenied(_("You do not have the right to do this."))
        if action == "submit" and not scope.can(
            request.user, sel.edit_perm(submission.period.report_type), submission.area
        ):
            raise PermissionDenied(_("You do not have the right to do this."))
    kwargs = {}
    if with_comment:
        form = CommentForm(request.POST)
        kwargs["reason" if action in {"reopen", "withdraw"} else "comment"] = (
            form.cleaned_data["comment"] if form.is_valid() else ""
        )
    try:
        func(submission=submission, user=request.user, **kwargs)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, done)
    return redirect("reporting:submission", pk=submission.pk)


@require_POST
def submission_submit(request, pk):
    return _act(request, pk, "submit", services.submission_submit, _("The report was submitted."))


@require_POST
def submission_approve(request, pk):
    return _act(request, pk, "approve", services.submission_approve, _("The report was approved."))


@require_POST
def submission_accept(request, pk):
    return _act(request, pk, "accept", services.submission_accept, _("The report was accepted."))


@require_POST
def submission_return(request, pk):
    return _act(request, pk, "return", services.submission_return, _("The report was returned."), with_comment=True)


@require_POST
def submission_withdraw(request, pk):
    return _act(
        request, pk, "withdraw", services.submission_withdraw, _("The approval was withdrawn."), with_comment=True
    )


@require_POST
def submission_reopen(request, pk):
    return _act(request, pk, "reopen", services.submission_reopen, _("The report was reopened."), with_comment=True)


def submission_pdf(request, pk):
    submission = sel.get_submission_for_user(request.user, pk)
    rows = report_privacy.rows_as_seen(sel.rows_for_display(submission), user=request.user, area=submission.area)
    data = exports.submission_pdf(submission, rows, made_by=request.user)
    log_access(
        request, what="reporting.submission_pdf", action="print", area=submission.area, subject=submission, row_count=1
    )
    return download(data, exports.submission_filename(submission, ext="pdf"))


def submission_xlsx(request, pk):
    submission = sel.get_submission_for_user(request.user, pk)
    rows = report_privacy.rows_as_seen(sel.rows_for_display(submission), user=request.user, area=submission.area)
    data, count = exports.submission_xlsx(submission, rows, made_by=request.user)
    log_access(request, what="reporting.submission_xlsx", area=submission.area, subject=submission, row_count=count)
    return download(data, exports.submission_filename(submission, ext="xlsx"))


# --- the area tree: merging communes (the province office) -------------------------------------


def merge(request):
    """Merge communes of the user's province into one on a day; "Preview" is a dry run."""
    _require_any(request.user, "areas.reorganise")
    areas = scope.areas_for(request.user, "areas.reorganise")
    provinces = [a for a in scope.membership_areas(request.user, "areas.reorganise") if a.kind == Area.Kind.PROVINCE]
    communes = areas.filter(kind=Area.Kind.COMMUNE)
    villages = areas.filter(kind=Area.Kind.VILLAGE, valid_to__isnull=True).order_by("path")
    for pk in [*id_list(request.POST, "sources"), *id_list(request.POST, "target")]:
        scope.get_or_404(communes, pk=pk)  # a commune outside the user's province: not found
    for pk in id_list(request.POST, "villages"):
        scope.get_or_404(villages, pk=pk)
    form = MergeForm(request.POST or None, communes=communes, villages=villages)
    move = None
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        dry_run = request.POST.get("action") != "merge"
        try:
            if data["villages"]:
                move = reform.move_villages(list(data["villages"]), data["target"], data["on_date"], dry_run,
                                            user=request.user)  # fmt: skip
            else:
                move = reform.merge_communes(
                    list(data["sources"]), data["target"], data["on_date"], dry_run,
                    target_code=data["code"], target_name=data["name"],
                    parent=provinces[0] if provinces else None, user=request.user,
                )  # fmt: skip
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            if not dry_run:
                done = (
                    _("The villages moved to %(name)s.")
                    if data["villages"]
                    else _("The communes were merged into %(name)s.")
                )
                messages.success(request, done % {"name": move.target.name})
                return render(request, "reporting/merge.html", {"form": None, "move": move, "done": True})
    return render(request, "reporting/merge.html", {"form": form, "move": move, "done": False})
