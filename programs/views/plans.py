"""The year's plans: list, create, detail, edit, approve, reopen, copy to next year."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scope
from accounts.audit import history_rows, log_export
from accounts.letterhead import recipients_for
from accounts.models import Area
from core.downloads import download
from core.forms import attach_errors

from .. import exports, forms, selectors, services
from ..models import Plan
from ._common import _form_page, _today


def plan_list(request):
    plans = selectors.plans_visible_to(request.user).annotate(
        n_targets=Count("targets", distinct=True), n_activities=Count("activities", distinct=True)
    )
    communes = scope.areas_for(request.user, "plan.edit").filter(kind=Area.Kind.COMMUNE)
    return render(request, "programs/plan_list.html", {"plans": plans, "can_create": communes.exists()})


def plan_create(request):
    communes = scope.areas_for(request.user, "plan.edit").filter(kind=Area.Kind.COMMUNE)
    if not communes.exists():
        raise PermissionDenied
    commune = communes.order_by("path").first()
    form = forms.PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            plan = services.plan_create(commune=commune, user=request.user, **data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The plan was created as a draft."))
            return redirect("programs:plan_detail", pk=plan.pk)
    return _form_page(
        request, form, title=_("New plan of %(commune)s") % {"commune": commune.name}, back="programs:plan_list"
    )


def plan_detail(request, pk):
    plan = selectors.get_plan_for_user(request.user, pk)
    today = _today()
    targets = selectors.plan_targets_with_measures(plan, on=today, user=request.user)
    activities = list(selectors.plan_detail_data(plan))
    for activity in activities:
        for a in activity.assignments.all():
            a.shown = a.shown_status(today)
    user = request.user
    context = {
        "plan": plan,
        "as_of": plan.as_of(today),
        "targets": [(t, m, m.progress(t)) for t, m in targets],
        "activities": activities,
        "events": plan.events.select_related("organiser").annotate(n_gift_lists=Count("gift_lists")),
        "forums": plan.forums.annotate(n_children=Count("participants")),
        "assessment": selectors.assessments_visible_to(user).filter(commune=plan.commune, year=plan.year).first(),
        "can_edit": selectors.can_edit_plan(user, plan) and not plan.is_approved,
        "can_plan": selectors.can_edit_plan(user, plan),
        "can_approve": scope.can(user, "plan.approve", plan.commune),
        "can_list_children": scope.has_perm(user, "registry.view"),
        "approve_form": forms.ApproveForm(initial={"signer_name": user.display_name}),
        "copy_form": forms.PlanCopyForm(initial={"year": plan.year + 1}),
        "history": history_rows(plan.history.all(), limit=20),
        "funding": selectors.plan_funding(plan),
        "reporting_lines": [line for line in plan.reporting.splitlines() if line.strip()],
        "recipients": recipients_for(
            plan.commune, "plan", on=plan.issued_on or today, superior=plan.commune.superior_on(plan.issued_on or today)
        ),
        "can_edit_documents": scope.can(user, "documents.edit", plan.commune),
        "can_see_reports": scope.has_perm(user, "reports.view"),
    }
    return render(request, "programs/plan_detail.html", context)


def plan_pdf(request, pk):
    """The plan printed as the commune issues it (Decree 30/2020), for everyone who may read it."""
    plan = selectors.get_plan_for_user(request.user, pk)
    log_export(user=request.user, what="programs.plan_pdf", filters={"plan": plan.pk}, row_count=1)
    return download(exports.plan_pdf(plan, made_by=request.user), exports.plan_filename(plan))


def plan_edit(request, pk):
    plan = selectors.get_plan_for_user(request.user, pk)
    scope.require(request.user, "plan.edit", plan.commune)
    form = forms.PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=Plan.objects.get(pk=plan.pk), user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("programs:plan_detail", pk=plan.pk)
    return _form_page(request, form, title=_("Edit the plan"), back="programs:plan_list", plan=plan)


@require_POST
def plan_approve(request, pk):
    plan = selectors.get_plan_for_user(request.user, pk)
    scope.require(request.user, "plan.approve", plan.commune)
    form = forms.ApproveForm(request.POST)
    form.is_valid()
    try:
        services.plan_approve(plan=plan, user=request.user, signer_name=form.cleaned_data.get("signer_name", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The plan is approved."))
    return redirect("programs:plan_detail", pk=plan.pk)


@require_POST
def plan_reopen(request, pk):
    plan = selectors.get_plan_for_user(request.user, pk)
    scope.require(request.user, "plan.approve", plan.commune)
    try:
        services.plan_reopen(plan=plan, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The plan is back in draft."))
    return redirect("programs:plan_detail", pk=plan.pk)


@require_POST
def plan_copy(request, pk):
    plan = selectors.get_plan_for_user(request.user, pk)
    scope.require(request.user, "plan.edit", plan.commune)
    form = forms.PlanCopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the year of the new plan."))
        return redirect("programs:plan_detail", pk=plan.pk)
    try:
        new = services.plan_copy(source=plan, year=form.cleaned_data["year"], user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("programs:plan_detail", pk=plan.pk)
    messages.success(request, _("A draft plan for %(year)s was started from this one.") % {"year": new.year})
    return redirect("programs:plan_detail", pk=new.pk)
