"""Drowning-risk sites of the villages."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import scope
from accounts.models import Area
from core.forms import attach_errors

from .. import forms, selectors, services
from ..models import RiskSite
from ._common import _form_page


def site_list(request):
    sites = selectors.sites_visible_to(request.user)
    without = request.GET.get("without") == "1"
    if without:
        sites = selectors.sites_without_measures(sites)
    can_add = scope.areas_for(request.user, "sites.edit").filter(kind=Area.Kind.VILLAGE).exists()
    editable = {a.pk for a in scope.areas_for(request.user, "sites.edit").filter(kind=Area.Kind.VILLAGE)}
    return render(
        request,
        "programs/site_list.html",
        {"sites": sites, "without": without, "can_add": can_add, "editable": editable},
    )


def site_edit(request, pk=None):
    villages = selectors.site_villages(request.user)
    if pk:
        site = scope.get_or_404(selectors.sites_visible_to(request.user), pk=pk)
        scope.require(request.user, "sites.edit", site.village)
    else:
        if not villages.exists():
            raise PermissionDenied
        site = RiskSite()
    form = forms.RiskSiteForm(request.POST or None, instance=site, villages=villages)
    if request.method == "POST" and form.is_valid():
        try:
            services.site_save(site=form.save(commit=False), user=request.user)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The site was saved."))
            return redirect("programs:site_list")
    # a new site may be typed without a connection and sent later (offline.sync)
    return _form_page(
        request, form, title=_("Drowning-risk site"), back="programs:site_list", offline="" if pk else "site"
    )
