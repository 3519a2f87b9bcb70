from datetime import date

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from core.forms import attach_errors, year_param

from . import letterhead, scope, services
from .forms import DocumentSettingsForm
from .letterhead import DOCUMENT_KINDS
from .models import Area, AuthEvent


def profile(request):
    """Who am I, which roles do I hold where, and my recent sign-ins."""
    events = AuthEvent.objects.filter(user=request.user)[:10]
    return render(
        request,
        "accounts/profile.html",
        {"memberships": scope.memberships(request.user), "events": events},
    )


def area_list(request):
    """The areas this user may read, as an indented tree."""
    areas = scope.readable_areas(request.user).select_related("parent").order_by("path")
    return render(request, "accounts/area_list.html", {"areas": areas})


def document_settings(request, commune_pk: int):
    """The commune's recipients ("Nơi nhận") and signer for a year's documents (accounts.letterhead)."""
    known = scope.areas_for(request.user, "area.view", include_ancestors=True)  # a village head knows its commune
    commune = scope.get_or_404(known.filter(kind=Area.Kind.COMMUNE), pk=commune_pk)
    scope.require(request.user, "documents.edit", commune)
    year = year_param(request.GET) or year_param(request.POST) or timezone.localdate().year
    on = date(year, 12, 31)
    current = letterhead.settings_for(commune, year)
    initial = {
        f"recipients_{kind}": "\n".join(letterhead.recipients_for(commune, kind, on=on)) for kind in DOCUMENT_KINDS
    }
    initial.update(
        {key: getattr(current, key) if current else value for key, value in letterhead.DEFAULT_SIGNER.items()}
    )
    form = DocumentSettingsForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.document_settings_save(
                commune=commune,
                year=year,
                user=request.user,
                recipients=form.recipients(),
                sign_authority=form.cleaned_data["sign_authority"],
                sign_title=form.cleaned_data["sign_title"],
                signer_name=form.cleaned_data["signer_name"],
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The document settings of %(year)s were saved.") % {"year": year})
            return redirect(f"{request.path}?year={year}")
    context = {
        "commune": commune,
        "year": year,
        "form": form,
        "inherited_from": current.year if current and current.year != year else None,
    }
    return render(request, "accounts/document_settings.html", context)
