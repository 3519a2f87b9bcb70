"""Pages about a child's personal data: legal basis and consent, the representative's requests and copy,
and the access log (for the district, every commune below it).

Every child is fetched through ``children.selectors.get_child_for_user`` (404 outside the user's scope)
and the right is checked with ``accounts.scope.require`` (403 for an insider without it).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scope
from accounts.audit import log_access
from accounts.letterhead import letterhead
from accounts.models import Area, Membership
from core.downloads import document_name
from core.forms import attach_errors
from core.pdf import pdf_response

from ..selectors import child_profile, get_child_for_user
from . import selectors, services
from .forms import (
    AccessLogFilterForm,
    BasisForm,
    CompleteForm,
    ConsentForm,
    DecideForm,
    RightsRequestForm,
    WithdrawForm,
)
from .models import ChildBasis, Consent, RightsRequest


def _child(request, pk: int, perm: str):
    child = get_child_for_user(request.user, pk)
    scope.require(request.user, perm, child.village)
    return child


def _back(child):
    return redirect(reverse("children:detail", args=[child.pk]) + "#privacy")


def _page(request, child, form, title: str, intro: str = ""):
    return render(request, "children/privacy/form.html", {"child": child, "form": form, "title": title, "intro": intro})


def _save(request, form, child, call, done: str):
    """Call the service with the form's data; on success a message and back to the profile."""
    try:
        call()
    except ValidationError as error:
        attach_errors(form, error)
        return None
    messages.success(request, done)
    return _back(child)


# --- consent and basis ----------------------------------------------------------------------------


def consent_add(request, pk: int):
    child = _child(request, pk, "consent.edit")
    form = ConsentForm(
        request.POST or None,
        purposes=selectors.consent_purposes(child),
        guardians=child.guardians.all(),
        initial={"given_on": timezone.localdate()},
    )
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _save(
            request,
            form,
            child,
            lambda: services.consent_record(
                child=child,
                purposes=list(data["purposes"]),
                guardian=data["guardian"],
                given_on=data["given_on"],
                child_agreed=data["child_agreed"],
                document=data["document"],
                user=request.user,
            ),
            _("The consent has been recorded."),
        )
        if done:
            return done
    intro = (
        "" if child.guardians.exists() else _("Record a guardian of the child first: consent is given by a guardian.")
    )
    return _page(request, child, form, _("Record a consent"), intro)


def consent_withdraw(request, pk: int, consent_pk: int):
    child = _child(request, pk, "consent.edit")
    consent = scope.get_or_404(Consent.objects.filter(child=child).select_related("purpose"), pk=consent_pk)
    form = WithdrawForm(request.POST or None, initial={"withdrawn_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        done = _save(
            request,
            form,
            child,
            lambda: services.consent_withdraw(consent=consent, user=request.user, **form.cleaned_data),
            _("The withdrawal has been recorded."),
        )
        if done:
            return done
    return _page(request, child, form, _("Withdrawal of a consent"), str(consent))


def basis_edit(request, pk: int):
    child = _child(request, pk, "consent.edit")
    form = BasisForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        done = _save(
            request,
            form,
            child,
            lambda: services.basis_set(child=child, user=request.user, **form.cleaned_data),
            _("The legal basis has been recorded."),
        )
        if done:
            return done
    intro = _(
        "Record the basis for this child when it differs from the rule, or when a purpose used only for "
        "some children (the forum, photographs) applies to this child."
    )
    return _page(request, child, form, _("Legal basis for this child"), intro)


@require_POST
def basis_clear(request, pk: int, basis_pk: int):
    child = _child(request, pk, "consent.edit")
    record = scope.get_or_404(ChildBasis.objects.filter(child=child), pk=basis_pk)
    services.basis_clear(record=record, user=request.user)
    messages.success(request, _("The rule applies again for this child."))
    return _back(child)


# --- the representative's requests and copy ------------------------------------------------------


def request_add(request, pk: int):
    child = _child(request, pk, "privacy.rights")
    form = RightsRequestForm(request.POST or None, initial={"received_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        done = _save(
            request,
            form,
            child,
            lambda: services.rights_request_receive(child=child, user=request.user, **form.cleaned_data),
            _("The request has been recorded."),
        )
        if done:
            return done
    return _page(request, child, form, _("Request for correction or deletion"))


def _request(request, pk: int, request_pk: int):
    child = _child(request, pk, "privacy.rights")
    return child, scope.get_or_404(RightsRequest.objects.filter(child=child), pk=request_pk)


def request_decide(request, pk: int, request_pk: int):
    child, rights_request = _request(request, pk, request_pk)
    form = DecideForm(request.POST or None, initial={"decided_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        done = _save(
            request,
            form,
            child,
            lambda: services.rights_request_decide(
                request=rights_request,
                accept=data["decision"] == "accept",
                decided_on=data["decided_on"],
                reason=data["reason"],
                user=request.user,
            ),
            _("The decision has been recorded."),
        )
        if done:
            return done
    return _page(request, child, form, _("Decision on the request"), rights_request.details)


def request_complete(request, pk: int, request_pk: int):
    child, rights_request = _request(request, pk, request_pk)
    form = CompleteForm(request.POST or None, initial={"done_on": timezone.localdate()})
    if request.method == "POST" and form.is_valid():
        done = _save(
            request,
            form,
            child,
            lambda: services.rights_request_complete(request=rights_request, user=request.user, **form.cleaned_data),
            _("The request is marked as done."),
        )
        if done:
            return done
    return _page(request, child, form, _("The request was carried out"), rights_request.details)


def held_data_pdf(request, pk: int):
    """What the commune holds about this child, for the legal representative (Decree 30/2020 layout)."""
    child = _child(request, pk, "privacy.rights")
    log_access(request, what="children.held_data_pdf", action="print", area=child.village, subject=child, row_count=1)
    today = timezone.localdate()
    consents = selectors.child_consents(child)
    commune = child.village.parent
    chairman = (
        Membership.objects.filter(role=Membership.Role.CHAIRMAN, area=commune, is_active=True)
        .select_related("user")
        .first()
    )
    head = letterhead(
        issuer=commune,
        on=today,
        kind="held_data",
        suffix="TB-UBND",
        sign_authority="TM. ỦY BAN NHÂN DÂN",
        sign_title="CHỦ TỊCH",
        signer_name=chairman.user.display_name if chairman else "",
    )
    context = {
        **head,
        "child": child,
        "age": child.age(today),
        **child_profile(child, request.user),
        "purposes": selectors.child_purposes(child, on=today, consents=consents),
        "consents": consents,
        "requests": selectors.child_requests(child),
        "printed_by": request.user.display_name,
        "printed_at": timezone.localtime(),
    }
    name = document_name("Thông tin về trẻ em", child.pk, today.strftime("%d-%m-%Y"), ext="pdf")
    return pdf_response("children/privacy/held_data_pdf.html", context, filename=name)


# --- the access log --------------------------------------------------------------------------------


def access_log(request):
    """The access log of the areas the user may read it for (the district: every commune below it)."""
    if not scope.has_perm(request.user, "access_log.view"):
        raise PermissionDenied(_("You do not have the right to do this."))
    areas = scope.areas_for(request.user, "access_log.view").exclude(kind=Area.Kind.PROVINCE).order_by("path")
    form = AccessLogFilterForm(request.GET or None, areas=areas)
    filters = form.cleaned_data if form.is_valid() else {}
    rows = selectors.access_log_rows(
        request.user,
        area=filters.get("area"),
        action=filters.get("action", ""),
        start=filters.get("start"),
        end=filters.get("end"),
    )
    page = Paginator(rows, 50).get_page(request.GET.get("page"))
    names = selectors.child_names(request.user, list(page))  # the page's rows, read once
    for row in page:
        row.label = selectors.WHAT_LABELS.get(row.what, row.what)
        row.child = names.get(row.subject_id) if row.subject_type == selectors.CHILD_SUBJECT else None
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "children/privacy/access_log.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
        },
    )
