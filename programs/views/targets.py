"""A plan's targets: the measured value, the children counted, manual values."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import scope
from accounts.models import Area
from core.forms import attach_errors, id_param

from .. import forms, selectors, services
from ..models import Target
from ._common import _form_page, _today


def _get_target(user, pk) -> Target:
    return scope.get_or_404(selectors.targets_visible_to(user), pk=pk)


def _value_villages(user, target: Target):
    """Villages (and whether the whole commune) for which ``user`` may enter a manual value."""
    commune = target.plan.commune
    villages = commune.subareas.filter(kind=Area.Kind.VILLAGE).order_by("name")
    if scope.can(user, "plan.edit", commune):
        return villages, True
    units = scope.units_of(user, "plan.task_update")
    if target.responsible_id and target.responsible_id in {u.pk for u in units}:
        return villages, True
    own = [u.village_id for u in units if u.village_id and u.commune_id == commune.pk]
    return villages.filter(pk__in=own), False


def target_detail(request, pk):
    target = _get_target(request.user, pk)
    measure = selectors.measure_as_seen(
        selectors.measure_target(target, on=_today(), by_village=True), target, request.user
    )
    form = None
    if not target.is_automatic:
        villages, whole = _value_villages(request.user, target)
        if whole or villages.exists():
            form = forms.TargetValueForm(
                request.POST or None, villages=villages, initial={"as_of": target.plan.as_of(_today())}
            )
            if not whole:
                form.fields["village"].required = True
            if request.method == "POST" and form.is_valid():
                try:
                    services.target_value_record(target=target, user=request.user, **form.cleaned_data)
                except ValidationError as exc:
                    attach_errors(form, exc)
                else:
                    messages.success(request, _("The value was recorded."))
                    return redirect("programs:target_detail", pk=target.pk)
    if request.method == "POST" and form is None:
        raise PermissionDenied
    context = {
        "target": target,
        "plan": target.plan,
        "measure": measure,
        "progress": measure.progress(target),
        "values": target.values.select_related("village", "entered_by")[:50],
        "form": form,
        "lists_children": target.indicator in selectors.CHILD_INDICATORS
        and scope.has_perm(request.user, "registry.view"),
        "can_edit": selectors.can_edit_plan(request.user, target.plan) and not target.plan.is_approved,
    }
    return render(request, "programs/target_detail.html", context)


def target_children(request, pk):
    target = _get_target(request.user, pk)
    if target.indicator not in selectors.CHILD_INDICATORS:
        raise Http404
    if not scope.has_perm(request.user, "registry.view"):
        raise PermissionDenied
    which = request.GET.get("which", "reached")
    if which not in {"reached", "missing", "all"}:
        which = "reached"
    village = None
    if village_pk := id_param(request.GET, "village"):
        village = target.plan.commune.subareas.filter(pk=village_pk).first()
    children = selectors.counted_children(request.user, target, on=_today(), which=which, village=village)
    context = {
        "target": target,
        "plan": target.plan,
        "children": children[:1000],
        "total": children.count(),
        "which": which,
        "village": village,
        "as_of": target.plan.as_of(_today()),
    }
    return render(request, "programs/target_children.html", context)


def target_edit(request, plan_pk, pk=None):
    plan = selectors.get_plan_for_user(request.user, plan_pk)
    scope.require(request.user, "plan.edit", plan.commune)
    instance = scope.get_or_404(plan.targets.all(), pk=pk) if pk else Target(plan=plan, order=plan.targets.count() + 1)
    form = forms.TargetForm(request.POST or None, instance=instance, commune=plan.commune)
    if request.method == "POST" and form.is_valid():
        try:
            services.target_save(target=form.save(commit=False), user=request.user)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The target was saved."))
            return redirect("programs:plan_detail", pk=plan.pk)
    return _form_page(request, form, title=_("Target"), back="programs:plan_list", plan=plan)
