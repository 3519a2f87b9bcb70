"""Pages of the fund ledger. Each view: scope helper → form or service → redirect by URL name.

Who does what (accounts/scope.py): ``fund.view`` reads the ledger, ``fund.draft`` drafts,
``fund.approve`` approves or rejects, ``fund.post`` posts, reverses, opens and closes years,
``fund.export`` prints and exports, ``fund.public_report`` reads the yearly public report.
Outside the user's communes everything answers 404; inside, a missing right answers 403.
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scope
from accounts.audit import history_rows, log_access
from core.downloads import download, file_download
from core.forms import attach_errors, year_param

from . import exports, figures, selectors, services
from .forms import AttachmentForm, EntryFilterForm, EntryForm, PeriodForm, ReasonForm, ReverseForm, YearOpenForm
from .models import Entry, FundYear
from .words import amount_in_words


def _error_text(exc: ValidationError) -> str:
    return " ".join(exc.messages)


# --- funds ------------------------------------------------------------------------------------


def index(request):
    """The funds this user may read, with balances; a user who may only read the public report goes there."""
    funds = selectors.funds_visible_to(request.user)
    if not funds.exists():
        public = selectors.public_funds_visible_to(request.user)
        return render(request, "funds/public_index.html", {"funds": public, "year": _default_year()})
    return render(request, "funds/index.html", {"summaries": figures.fund_summaries(funds)})


def _default_year() -> int:
    return timezone.localdate().year


def fund_detail(request, pk):
    fund = selectors.get_fund_for_user(request.user, pk)
    filter_form = EntryFilterForm(request.GET)
    filters = filter_form.filters()
    entries = selectors.entry_list(user=request.user, fund=fund, **filters)
    summary = figures.fund_summaries([fund])[0]
    years = list(fund.years.select_related("closed_by").order_by("-year"))
    for fy in years:
        fy.opening = figures.year_opening_balance(fund=fund, year=fy.year)
    return render(
        request,
        "funds/fund_detail.html",
        {
            "fund": fund,
            "summary": summary,
            "entries": entries[:500],
            "years": years,
            "statuses": Entry.Status.choices,
            "kinds": Entry.Kind.choices,
            "filters": filters,
            "filter_errors": [e for errors in filter_form.errors.values() for e in errors],
            "can_draft": scope.can(request.user, "fund.draft", fund.commune),
            "can_post": scope.can(request.user, "fund.post", fund.commune),
            "post_first": services.next_to_post(fund),
            "may_open_year": scope.can(request.user, "year.open", fund.commune),
            "stuck": list(services.stuck_approved(fund)[:20]),
            "can_export": scope.can(request.user, "fund.export", fund.commune),
            "year_form": YearOpenForm(initial={"year": (years[0].year + 1) if years else _default_year()}),
        },
    )


@require_POST
def year_open(request, pk):
    fund = selectors.get_fund_for_user(request.user, pk)
    scope.require(request.user, "fund.post", fund.commune)
    form = YearOpenForm(request.POST)
    if form.is_valid():
        try:
            services.year_open(fund=fund, year=form.cleaned_data["year"], user=request.user)
            messages.success(request, _("The year %(year)s is open.") % {"year": form.cleaned_data["year"]})
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("funds:fund_detail", pk=fund.pk)


@require_POST
def year_close(request, pk):
    qs = scope.scoped(FundYear.objects.select_related("fund__commune"), request.user, "fund.view", "fund__commune")
    fund_year = scope.get_or_404(qs, pk=pk)
    scope.require(request.user, "fund.post", fund_year.fund.commune)
    try:
        services.year_close(fund_year=fund_year, user=request.user)
        messages.success(request, _("The year %(year)s is closed.") % {"year": fund_year.year})
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
    return redirect("funds:fund_detail", pk=fund_year.fund_id)


# --- entries ----------------------------------------------------------------------------------


def entry_create(request, pk):
    fund = selectors.get_fund_for_user(request.user, pk)
    scope.require(request.user, "fund.draft", fund.commune)
    kind = request.GET.get("kind", Entry.Kind.DISBURSEMENT)
    form = EntryForm(
        request.POST or None, fund=fund, user=request.user, initial={"kind": kind, "entry_date": timezone.localdate()}
    )
    if request.method == "POST" and form.is_valid():
        try:
            entry = services.entry_draft(fund=fund, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The draft is saved. Submit it for approval when it is complete."))
            return redirect("funds:entry_detail", pk=entry.pk)
    return render(
        request, "funds/entry_form.html", {"form": form, "fund": fund, "entry": None, **_year_hint(request, fund)}
    )


def entry_detail(request, pk):
    entry = selectors.get_entry_for_user(request.user, pk)
    commune = entry.fund.commune
    user = request.user
    return render(
        request,
        "funds/entry_detail.html",
        {
            "entry": entry,
            "fund": entry.fund,
            "reversals": entry.reversals.select_related("fund").order_by("pk"),
            "attachments": entry.attachments.select_related("uploaded_by"),
            "history": history_rows(entry.history.all()),
            "words": amount_in_words(entry.amount),
            "may": {
                "draft": scope.can(user, "fund.draft", commune),
                "approve": scope.can(user, "fund.approve", commune),
                "post": scope.can(user, "fund.post", commune),
                "export": scope.can(user, "fund.export", commune),
            },
            "reject_form": ReasonForm(),
            "post_first": services.next_to_post(entry.fund) if entry.status == Entry.Status.APPROVED else None,
            "reverse_form": ReverseForm(initial={"entry_date": timezone.localdate()}),
            "attachment_form": AttachmentForm(),
        },
    )


def entry_edit(request, pk):
    entry = selectors.get_entry_for_user(request.user, pk)
    scope.require(request.user, "fund.draft", entry.fund.commune)
    if not entry.is_editable:
        messages.error(
            request, _("This entry is %(status)s and can no longer be edited.") % {"status": entry.get_status_display()}
        )
        return redirect("funds:entry_detail", pk=entry.pk)
    form = EntryForm(request.POST or None, instance=entry, fund=entry.fund, user=request.user)
    if request.method == "POST" and form.is_valid():
        changes = {name: form.cleaned_data[name] for name in form.changed_data if name in services.EDITABLE_FIELDS}
        try:
            services.entry_update(entry=entry, user=request.user, **changes)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The draft is saved."))
            return redirect("funds:entry_detail", pk=entry.pk)
    return render(
        request,
        "funds/entry_form.html",
        {"form": form, "fund": entry.fund, "entry": entry, **_year_hint(request, entry.fund)},
    )


def _year_hint(request, fund) -> dict:
    """When today's year is not open in the book, say so and, for those who may, link to the new-year step."""
    year = timezone.localdate().year
    if FundYear.objects.filter(fund=fund, year=year).exists():
        return {}
    return {"year_not_open": year, "may_open_year": scope.can(request.user, "year.open", fund.commune)}


def _entry_action(request, pk, perm: str, action, success: str, **kwargs):
    entry = selectors.get_entry_for_user(request.user, pk)
    scope.require(request.user, perm, entry.fund.commune)
    try:
        result = action(entry=entry, user=request.user, **kwargs)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("funds:entry_detail", pk=entry.pk)
    messages.success(request, success)
    return redirect("funds:entry_detail", pk=(result.pk if result is not None else entry.pk))


@require_POST
def entry_submit(request, pk):
    return _entry_action(request, pk, "fund.draft", services.entry_submit, _("Submitted for approval."))


@require_POST
def entry_approve(request, pk):
    return _entry_action(request, pk, "fund.approve", services.entry_approve, _("Approved."))


@require_POST
def entry_reject(request, pk):
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _entry_action(
        request, pk, "fund.approve", services.entry_reject, _("Returned to the drafter."), reason=reason
    )


@require_POST
def entry_return(request, pk):
    form = ReasonForm(request.POST)
    reason = form.cleaned_data["reason"] if form.is_valid() else ""
    return _entry_action(
        request, pk, "fund.approve", services.entry_return, _("Returned to the author."), reason=reason
    )


@require_POST
def entry_post(request, pk):
    return _entry_action(request, pk, "fund.post", services.entry_post, _("Posted in the cash book."))


@require_POST
def entry_reverse(request, pk):
    form = ReverseForm(request.POST)
    if not form.is_valid():
        entry = selectors.get_entry_for_user(request.user, pk)
        scope.require(request.user, "fund.post", entry.fund.commune)
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
        return redirect("funds:entry_detail", pk=entry.pk)
    return _entry_action(
        request,
        pk,
        "fund.post",
        services.entry_reverse,
        _("The reversing entry is drafted; submit it for approval."),
        reason=form.cleaned_data["reason"],
        entry_date=form.cleaned_data["entry_date"],
    )


@require_POST
def entry_discard(request, pk):
    entry = selectors.get_entry_for_user(request.user, pk)
    scope.require(request.user, "fund.draft", entry.fund.commune)
    try:
        services.entry_discard(entry=entry, user=request.user)
    except ValidationError as exc:
        messages.error(request, _error_text(exc))
        return redirect("funds:entry_detail", pk=entry.pk)
    messages.success(request, _("The draft is discarded."))
    return redirect("funds:fund_detail", pk=entry.fund_id)


# --- attachments ------------------------------------------------------------------------------


@require_POST
def attachment_add(request, pk):
    entry = selectors.get_entry_for_user(request.user, pk)
    scope.require(request.user, "fund.draft", entry.fund.commune)
    form = AttachmentForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.attachment_add(entry=entry, upload=form.cleaned_data["file"], user=request.user)
            messages.success(request, _("The document is attached."))
        except ValidationError as exc:
            messages.error(request, _error_text(exc))
    else:
        messages.error(request, " ".join(str(e) for errs in form.errors.values() for e in errs))
    return redirect("funds:entry_detail", pk=entry.pk)


def attachment_download(request, pk):
    attachment = scope.get_or_404(selectors.attachments_visible_to(request.user), pk=pk)
    return file_download(attachment.file.open("rb"), attachment.original_name, content_type=attachment.content_type)


# --- documents --------------------------------------------------------------------------------


def voucher(request, pk):
    entry = selectors.get_entry_for_user(request.user, pk)
    scope.require(request.user, "fund.export", entry.fund.commune)
    if not entry.is_posted:
        messages.error(request, _("A voucher is printed once the entry is posted."))
        return redirect("funds:entry_detail", pk=entry.pk)
    log_access(request, what="funds.voucher", action="print", area=entry.fund.commune, subject=entry, row_count=1)
    return download(exports.voucher_pdf(entry, user=request.user), exports.voucher_filename(entry))


def _period(request, fund) -> tuple[PeriodForm, date, date]:
    year = timezone.localdate().year
    last = fund.years.order_by("-year").values_list("year", flat=True).first() or year
    default_start, default_end = date(last, 1, 1), date(last, 12, 31)
    form = PeriodForm(request.GET or None, initial={"start": default_start, "end": default_end})
    if request.GET and form.is_valid():
        return form, form.cleaned_data["start"], form.cleaned_data["end"]
    return form, default_start, default_end


def cash_book(request, pk):
    fund = selectors.get_fund_for_user(request.user, pk)
    form, start, end = _period(request, fund)
    book = selectors.cash_book(fund=fund, start=start, end=end)
    return render(
        request,
        "funds/cash_book.html",
        {**book, "form": form, "can_export": scope.can(request.user, "fund.export", fund.commune)},
    )


def cash_book_export(request, pk, fmt):
    fund = selectors.get_fund_for_user(request.user, pk, perm="fund.export")
    _form, start, end = _period(request, fund)
    book = selectors.cash_book(fund=fund, start=start, end=end)
    filters = {"fund": fund.pk, "start": start.isoformat(), "end": end.isoformat(), "format": fmt}
    log_access(request, what="funds.cash_book", area=fund.commune, filters=filters, row_count=len(book["rows"]))
    name = exports.cash_book_filename(fund, start, end, ext=fmt)
    if fmt == "xlsx":
        return download(exports.cash_book_xlsx(book, user=request.user), name)
    return download(exports.cash_book_pdf(book, user=request.user), name)


def _public_fund(request, pk):
    return scope.get_or_404(selectors.public_funds_visible_to(request.user), pk=pk)


def _report_year(request, fund) -> int:
    """The year asked for, or the fund's latest book year (this year when it has none)."""
    year = year_param(request.GET)
    if year is None:
        year = fund.years.order_by("-year").values_list("year", flat=True).first() or timezone.localdate().year
    return year


def public_report(request, pk):
    fund = _public_fund(request, pk)
    year = _report_year(request, fund)
    report = selectors.public_report(fund=fund, year=year)
    years = list(fund.years.order_by("-year").values_list("year", flat=True))
    return render(request, "funds/public_report.html", {**report, "years": years})


def public_report_pdf(request, pk):
    fund = _public_fund(request, pk)
    year = _report_year(request, fund)
    log_access(
        request,
        what="funds.public_report",
        action="print",
        area=fund.commune,
        filters={"fund": fund.pk, "year": year},
        row_count=1,
    )
    report = selectors.public_report(fund=fund, year=year)
    return download(exports.public_report_pdf(report), exports.public_report_filename(fund, year))
