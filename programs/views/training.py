"""The training log."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import scope
from accounts.models import Area, Membership, User
from core.forms import attach_errors

from .. import forms, selectors, services
from ._common import _form_page


def training_list(request):
    trainings = selectors.trainings_visible_to(request.user)
    can_add = scope.areas_for(request.user, "plan.edit").filter(kind=Area.Kind.COMMUNE).exists()
    return render(request, "programs/training_list.html", {"trainings": trainings, "can_add": can_add})


def training_create(request):
    communes = scope.areas_for(request.user, "plan.edit").filter(kind=Area.Kind.COMMUNE)
    if not communes.exists():
        raise PermissionDenied
    users = (
        User.objects.filter(
            memberships__is_active=True,
            memberships__area__in=scope.areas_for(request.user, "plan.edit"),
        )
        .exclude(memberships__role=Membership.Role.DISTRICT)
        .distinct()
        .order_by("full_name", "username")
    )
    form = forms.TrainingForm(
        request.POST or None, communes=communes, users=users, initial={"commune": communes.first()}
    )
    if request.method == "POST" and form.is_valid():
        training = form.save(commit=False)
        try:
            services.training_record(training=training, attendees=form.cleaned_data["attendees"], user=request.user)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The training was recorded."))
            return redirect("programs:training_list")
    return _form_page(request, form, title=_("Record a training"), back="programs:training_list")
