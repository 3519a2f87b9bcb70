"""Pages of the children reported by village heads (``children.reported``): the list (the officer's
waiting drafts, the head's own village's with their status), one draft, confirm, reject."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import scope
from core.forms import attach_errors

from . import figures, reported
from .forms import ChildRegisterForm, RejectReportForm
from .models import ReportedChild
from .selectors import registry_villages
from .views import save_checking_duplicates


def reported_list(request):
    if not (scope.has_perm(request.user, "registry.report") or scope.has_perm(request.user, "registry.confirm")):
        raise PermissionDenied
    drafts = reported.reported_visible_to(request.user)
    return render(
        request,
        "children/reported_list.html",
        {
            "waiting": drafts.filter(status=ReportedChild.Status.WAITING),
            "decided": drafts.exclude(status=ReportedChild.Status.WAITING)[:50],
            "waiting_count": figures.reported_waiting(drafts),
            "can_decide": scope.has_perm(request.user, "registry.confirm"),
        },
    )


def reported_detail(request, pk: int):
    draft = scope.get_or_404(reported.reported_visible_to(request.user), pk=pk)
    can_decide = (
        draft.status == ReportedChild.Status.WAITING and reported.confirmable(request.user).filter(pk=pk).exists()
    )
    return render(request, "children/reported_detail.html", {"draft": draft, "can_decide": can_decide})


def reported_confirm(request, pk: int):
    """The registration form prefilled from the draft; saving registers the child and confirms the
    draft (a possible duplicate is shown as on the registration page)."""
    draft = scope.get_or_404(reported.confirmable(request.user), pk=pk, status=ReportedChild.Status.WAITING)
    villages = registry_villages(request.user)
    label = _("Confirm and register")
    duplicates = None
    if request.method != "POST":
        form = ChildRegisterForm(initial=reported.form_initial(draft), villages=villages, submit_label=label)
        return render(request, "children/reported_confirm.html", {"form": form, "draft": draft})
    form = ChildRegisterForm(request.POST, villages=villages, submit_label=label)
    if form.is_valid():
        child, form, duplicates = save_checking_duplicates(
            form,
            lambda: reported.reported_confirm(
                reported=draft,
                user=request.user,
                confirm_duplicate=form.cleaned_data["confirm_duplicate"],
                guardians=form.guardians(),
                **form.child_fields(),
            ),
            lambda: ChildRegisterForm(request.POST, villages=villages, submit_label=label, show_confirm=True),
        )
        if child is not None:
            messages.success(request, _("%(name)s has been registered.") % {"name": child.full_name})
            return redirect("children:detail", pk=child.pk)
    return render(request, "children/reported_confirm.html", {"form": form, "draft": draft, "duplicates": duplicates})


def reported_reject(request, pk: int):
    draft = scope.get_or_404(reported.confirmable(request.user), pk=pk, status=ReportedChild.Status.WAITING)
    form = RejectReportForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            reported.reported_reject(reported=draft, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The reported child %(name)s was rejected.") % {"name": draft.full_name})
            return redirect("children:reported_list")
    return render(request, "children/reported_reject.html", {"form": form, "draft": draft})
