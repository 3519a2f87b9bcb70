"""Activities and their assignments to units (tasks): edit, my tasks, progress, evidence."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scope
from accounts.audit import history_rows
from core.downloads import document_name, file_download
from core.forms import attach_errors, id_param

from .. import forms, selectors, services
from ..models import Activity, Assignment, Evidence
from ._common import _form_page, _today


def activity_edit(request, plan_pk, pk=None):
    plan = selectors.get_plan_for_user(request.user, plan_pk)
    scope.require(request.user, "plan.edit", plan.commune)
    number = (plan.activities.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    instance = scope.get_or_404(plan.activities.all(), pk=pk) if pk else Activity(plan=plan, number=number)
    form = forms.ActivityForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_save(activity=form.save(commit=False), user=request.user)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect("programs:plan_detail", pk=plan.pk)
    return _form_page(request, form, title=_("Activity"), back="programs:plan_list", plan=plan)


def assignment_edit(request, plan_pk, pk=None):
    plan = selectors.get_plan_for_user(request.user, plan_pk)
    scope.require(request.user, "plan.edit", plan.commune)
    if pk:
        instance = scope.get_or_404(Assignment.objects.filter(activity__plan=plan), pk=pk)
    else:
        instance = Assignment()
        activity = plan.activities.filter(pk=id_param(request.GET, "activity", 0)).first()
        if activity:
            instance.activity = activity
    form = forms.AssignmentForm(request.POST or None, instance=instance, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            a = services.assignment_save(assignment=form.save(commit=False), user=request.user)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The task was saved."))
            return redirect("programs:assignment_detail", pk=a.pk)
    return _form_page(request, form, title=_("Task assigned to a unit"), back="programs:plan_list", plan=plan)


def _get_assignment(user, pk) -> Assignment:
    return scope.get_or_404(selectors.assignments_visible_to(user), pk=pk)


def assignment_detail(request, pk):
    assignment = _get_assignment(request.user, pk)
    can_update = selectors.can_update_assignment(request.user, assignment)
    today = _today()
    form = forms.AssignmentUpdateForm(
        request.POST or None, initial={"status": assignment.status, "done_on": assignment.done_on}
    )
    if request.method == "POST":
        if not can_update:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.assignment_update(
                    assignment=assignment,
                    user=request.user,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    done_on=form.cleaned_data["done_on"],
                    on=today,
                )
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("The task was updated."))
                return redirect("programs:assignment_detail", pk=assignment.pk)
    entries = list(assignment.entries.all())
    context = {
        "a": assignment,
        "plan": assignment.activity.plan,
        "shown": assignment.shown_status(today),
        "can_update": can_update,
        "can_plan": selectors.can_edit_plan(request.user, assignment.activity.plan),
        "form": form,
        "evidence_form": forms.EvidenceForm(),
        "evidence": assignment.evidence.select_related("uploaded_by"),
        "entries": entries,
        "actual": selectors.posted_total(entries),
        "history": history_rows(assignment.history.all(), limit=30, hidden=frozenset({"progress", "updated_by"})),
    }
    return render(request, "programs/assignment_detail.html", context)


@require_POST
def evidence_upload(request, pk):
    assignment = _get_assignment(request.user, pk)
    if not selectors.can_update_assignment(request.user, assignment):
        raise PermissionDenied
    form = forms.EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_add(
                assignment=assignment,
                uploaded=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
                user=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The file was attached."))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("programs:assignment_detail", pk=assignment.pk)


def evidence_file(request, pk):
    visible = selectors.assignments_visible_to(request.user).values("pk")
    evidence = scope.get_or_404(Evidence.objects.filter(assignment__in=visible), pk=pk)
    name = document_name(
        _("evidence"), evidence.assignment.activity.plan.year, ext=evidence.file.name.rsplit(".", 1)[-1]
    )
    return file_download(evidence.file.open("rb"), name, content_type=evidence.content_type, inline=True)


def my_tasks(request):
    today = _today()
    tasks = list(selectors.my_assignments(request.user).annotate(evidence_count=Count("evidence")))
    for a in tasks:
        a.shown = a.shown_status(today)
    return render(
        request, "programs/my_tasks.html", {"tasks": tasks, "units": scope.units_of(request.user, "plan.task_update")}
    )
