"""Pages of the child registry under /children/: list, search before create, register, profile,
edit, archive, the records about a child, and the commune dashboard.

Every view fetches through ``selectors`` (404 outside the user's scope) and checks the right with
``accounts.scope.require`` (403 for an insider without it); writes go through ``services``.
"""

from dataclasses import dataclass

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from accounts import scope
from accounts.audit import log_access
from accounts.models import Area
from core import memo
from core.fields import parse_date
from core.forms import attach_errors

from . import picker, reported, services
from .filters import filter_children, search_children
from .forms import (
    RECORD_FORMS,
    ArchiveForm,
    ChildEditForm,
    ChildRegisterForm,
    SearchFirstForm,
)
from .models import (
    Adoption,
    BirthRegistration,
    ChildCircumstance,
    Disability,
    Guardian,
    HealthInsurance,
    HealthScreening,
    Support,
)
from .privacy.selectors import privacy_panel
from .selectors import (
    child_history,
    child_list_rows,
    child_profile,
    children_visible_to,
    circumstance_groups_for,
    circumstances_visible_to,
    dashboard_areas,
    get_child_for_user,
    registry_dashboard,
    registry_villages,
)

PAGE_SIZES = (25, 50, 100)
SUPPORT_KINDS_BY_PERM = {
    "registry.edit": set(Support.Kind.values),
    "registry.health": {Support.Kind.HEALTH, Support.Kind.REHABILITATION},
    "registry.education": {Support.Kind.EDUCATION},
}


@dataclass(frozen=True)
class RecordKind:
    model: type
    save: object
    perms: tuple[str, ...]
    title: str
    section: str


RECORDS = {
    "guardian": RecordKind(Guardian, services.guardian_save, ("registry.edit",), gettext_lazy("Guardian"), "guardians"),
    "circumstance": RecordKind(
        ChildCircumstance,
        services.circumstance_save,
        ("registry.edit",),
        gettext_lazy("Special circumstance"),
        "circumstances",
    ),
    "disability": RecordKind(
        Disability, services.disability_save, ("registry.edit",), gettext_lazy("Disability"), "disability"
    ),
    "insurance": RecordKind(
        HealthInsurance,
        services.insurance_save,
        ("registry.edit", "registry.health"),
        gettext_lazy("Health-insurance card"),
        "health",
    ),
    "screening": RecordKind(
        HealthScreening,
        services.screening_save,
        ("registry.edit", "registry.health"),
        gettext_lazy("Health screening"),
        "health",
    ),
    "birth-registration": RecordKind(
        BirthRegistration,
        services.birth_registration_save,
        ("registry.edit", "registry.civil"),
        gettext_lazy("Birth registration"),
        "civil",
    ),
    "adoption": RecordKind(
        Adoption, services.adoption_save, ("registry.edit", "registry.civil"), gettext_lazy("Adoption"), "civil"
    ),
    "support": RecordKind(
        Support,
        services.support_save,
        tuple(SUPPORT_KINDS_BY_PERM),
        gettext_lazy("Support received"),
        "support",
    ),
}


# --- helpers ----------------------------------------------------------------------------------


def _can_any(user, perms, area) -> bool:
    return any(scope.can(user, perm, area) for perm in perms)


def _support_kinds(user, area) -> set[str]:
    kinds: set[str] = set()
    for perm, allowed in SUPPORT_KINDS_BY_PERM.items():
        if scope.can(user, perm, area):
            kinds |= allowed
    return kinds


def _parse_day(value: str | None):
    """A day from the address bar, read like any typed date; None when missing or not a date."""
    try:
        return parse_date(value)
    except ValidationError:
        return None


# --- list, search before create, register -----------------------------------------------------


@require_GET
def pick(request):
    """At most 20 children matching ``q`` that the user may name for ``for`` (JSON), for the child picker."""
    purpose = request.GET.get("for", "registry")
    if purpose not in picker.PURPOSE_PERMS:
        raise Http404
    if not scope.has_perm(request.user, picker.PURPOSE_PERMS[purpose]):
        raise PermissionDenied
    matches = picker.pick_matches(request.user, request.GET.get("q", "")[:120], purpose=purpose)
    return JsonResponse({"results": [{"id": c.pk, "label": picker.child_label(c)} for c in matches]})


def child_list(request):
    """The registry list: filters, accent-free search, Vietnamese order, pagination. The page for the
    same user and address is the same until the data or the day changes, so it is remembered (core.memo)."""
    if not scope.has_perm(request.user, "registry.view"):
        raise PermissionDenied
    body = memo.remember(("children:list", request.user.pk, request.get_full_path()), lambda: _child_list_body(request))
    return render(request, "children/list.html", {"body": body})


def _child_list_body(request) -> str:
    form, qs = filter_children(request.user, request.GET)
    today = form.value("on") or timezone.localdate()
    try:
        per_page = int(request.GET.get("per_page", 50))
    except ValueError:
        per_page = 50
    per_page = per_page if per_page in PAGE_SIZES else 50
    page = Paginator(child_list_rows(qs, on=today, user=request.user), per_page).get_page(request.GET.get("page"))
    for child in page:  # the page holds its rows as a list once iterated
        child.age_now = child.age(today)
    return render_to_string(
        "children/_list_body.html",
        {
            "form": form,
            "page": page,
            "per_page": per_page,
            "page_sizes": PAGE_SIZES,
            "today": today,
            "can_register": scope.has_perm(request.user, "registry.edit"),
            "export_url": reverse("children:export") if scope.has_perm(request.user, "registry.export") else None,
            "import_url": reverse("children:import") if scope.has_perm(request.user, "registry.edit") else None,
            "lists_url": reverse("children:lists"),
            "imported": form.value("imported"),
        },
        request=request,
    )


def child_register(request):
    """Search before create, then the registration form with the duplicate check."""
    if reported.reports_only(request.user):  # a village head: the child is reported to the officer
        villages = reported.report_villages(request.user)
    else:
        villages = registry_villages(request.user)
    if not villages.exists():
        raise PermissionDenied
    if request.method == "POST":
        if reported.reports_only(request.user):
            return _report_post(request, villages)
        return _register_post(request, villages)
    if request.GET.get("new") != "1":
        return _search_first(request)
    initial = {
        "full_name": request.GET.get("full_name", ""),
        "date_of_birth": _parse_day(request.GET.get("date_of_birth")),
    }
    if len(villages) == 1:
        initial["village"] = villages[0]
    form = ChildRegisterForm(initial=initial, villages=villages, submit_label=_("Register"))
    return render(
        request, "children/register.html", {"form": form, "reports_only": reported.reports_only(request.user)}
    )


def _search_first(request):
    form = SearchFirstForm(request.GET or None)
    matches = None
    if form.is_valid():
        qs = search_children(children_visible_to(request.user), form.cleaned_data["full_name"])
        if born := form.cleaned_data.get("date_of_birth"):
            qs = qs.filter(date_of_birth=born)
        matches = list(qs.select_related("village").order_by("sort_key", "date_of_birth")[:30])
    return render(request, "children/register_search.html", {"form": form, "matches": matches})


def save_checking_duplicates(form, save, rebind):
    """``save()`` a valid child form; returns (saved record or None, form, possible duplicates).
    A possible duplicate (``services.DuplicateChild``) gives the form again from ``rebind()`` with the
    "I have checked" box and the existing records; any other refusal is shown on the form."""
    try:
        return save(), form, None
    except services.DuplicateChild as dup:
        form = rebind()
        form.is_valid()
        form.add_error("confirm_duplicate", dup.messages[0])
        return None, form, dup.existing
    except ValidationError as error:
        attach_errors(form, error)
        return None, form, None


def _report_post(request, villages):
    """A village head's registration: a draft for the officer to confirm (``children.reported``)."""
    form = ChildRegisterForm(request.POST, villages=villages, submit_label=_("Register"))
    if form.is_valid():
        try:
            draft = reported.child_report(user=request.user, data=form.cleaned_data)
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(
                request,
                _("%(name)s was sent to the commune officer, who will confirm the registration.")
                % {"name": draft.full_name},
            )
            return redirect("children:reported_detail", pk=draft.pk)
    return render(request, "children/register.html", {"form": form, "reports_only": True})


def _register_post(request, villages):
    form = ChildRegisterForm(request.POST, villages=villages, submit_label=_("Register"))
    duplicates = None
    if form.is_valid():
        scope.require(request.user, "registry.edit", form.cleaned_data["village"])
        child, form, duplicates = save_checking_duplicates(
            form,
            lambda: services.child_register(
                user=request.user,
                confirm_duplicate=form.cleaned_data["confirm_duplicate"],
                guardians=form.guardians(),
                **form.child_fields(),
            ),
            lambda: ChildRegisterForm(request.POST, villages=villages, submit_label=_("Register"), show_confirm=True),
        )
        if child is not None:
            messages.success(request, _("%(name)s has been registered.") % {"name": child.full_name})
            return redirect("children:detail", pk=child.pk)
    return render(request, "children/register.html", {"form": form, "duplicates": duplicates}, status=200)


# --- one child --------------------------------------------------------------------------------


def child_detail(request, pk: int):
    """The one-page profile of a child (each opening is written to the access log)."""
    child = get_child_for_user(request.user, pk)
    log_access(request, what="children.profile", action="view", area=child.village, subject=child)
    user, village = request.user, child.village
    can_edit = scope.can(user, "registry.edit", village)
    has_case = (
        scope.can(user, "cases.view", village)
        and hasattr(child, "protection_cases")
        and child.protection_cases.exists()
    )
    today = timezone.localdate()
    child.age_now = child.age(today)
    profile = child_profile(child, user)
    context = {
        "child": child,
        "today": today,
        "valid_card": any(card.is_valid_on(today) for card in profile["insurance_cards"]),
        "can_edit": can_edit,
        "can_health": _can_any(user, RECORDS["insurance"].perms, village),
        "can_civil": _can_any(user, RECORDS["adoption"].perms, village),
        "can_support": bool(_support_kinds(user, village)),
        "has_case": has_case,
        "history": child_history(child, user) if scope.can(user, "registry.history", village) else None,
        **profile,
        **privacy_panel(user, child, on=today),
    }
    return render(request, "children/detail.html", context)


def child_edit(request, pk: int):
    child = get_child_for_user(request.user, pk)
    scope.require(request.user, "registry.edit", child.village)
    villages = registry_villages(request.user)
    form = ChildEditForm(request.POST or None, instance=child, villages=villages)
    duplicates = None
    if request.method == "POST" and form.is_valid():
        saved, form, duplicates = save_checking_duplicates(
            form,
            lambda: services.child_update(
                child=child,
                user=request.user,
                confirm_duplicate=form.cleaned_data["confirm_duplicate"],
                **form.child_fields(),
            ),
            lambda: ChildEditForm(request.POST, instance=child, villages=villages, show_confirm=True),
        )
        if saved is not None:
            messages.success(request, _("The record has been saved."))
            return redirect("children:detail", pk=child.pk)
    return render(request, "children/edit.html", {"child": child, "form": form, "duplicates": duplicates})


def child_archive(request, pk: int):
    """Archive instead of delete: the record leaves the registry with a reason and stays readable."""
    child = get_child_for_user(request.user, pk)
    scope.require(request.user, "registry.edit", child.village)
    form = ArchiveForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.child_archive(child=child, user=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("The record has been archived."))
            return redirect("children:detail", pk=child.pk)
    return render(request, "children/archive.html", {"child": child, "form": form})


@require_POST
def child_restore(request, pk: int):
    child = get_child_for_user(request.user, pk)
    scope.require(request.user, "registry.edit", child.village)
    try:
        services.child_restore(child=child, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("The record is back in the registry."))
    return redirect("children:detail", pk=child.pk)


# --- records about a child --------------------------------------------------------------------


def _record_context(request, pk: int, kind: str, record_pk: int | None = None):
    if kind not in RECORDS:
        raise Http404
    spec = RECORDS[kind]
    child = get_child_for_user(request.user, pk)
    if not _can_any(request.user, spec.perms, child.village):
        raise PermissionDenied
    record = None
    if record_pk is not None:
        records = circumstances_visible_to(request.user) if kind == "circumstance" else spec.model.objects
        record = scope.get_or_404(records.filter(child=child), pk=record_pk)
    elif kind == "birth-registration":
        record = BirthRegistration.objects.filter(child=child).first()
    kinds = _support_kinds(request.user, child.village) if kind == "support" else None
    if record is not None and kinds is not None and record.kind not in kinds:
        raise PermissionDenied
    return spec, child, record, kinds


def record_add(request, pk: int, kind: str, record_pk: int | None = None):
    """Add (or, with ``record_pk``, change) one record about a child."""
    spec, child, record, kinds = _record_context(request, pk, kind, record_pk)
    form_class = RECORD_FORMS[kind]
    extra = {"kinds": kinds} if kinds is not None else {}
    if kind == "circumstance":
        extra = {"groups": circumstance_groups_for(request.user, child.village)}
    instance = record if record is not None else spec.model(child=child)
    form = form_class(request.POST or None, instance=instance, **extra)
    if request.method == "POST" and form.is_valid():
        try:
            spec.save(child=child, user=request.user, instance=record, **form.record_fields())
        except ValidationError as error:
            attach_errors(form, error)
        else:
            messages.success(request, _("%(what)s saved.") % {"what": spec.title})
            return redirect(reverse("children:detail", args=[child.pk]) + f"#{spec.section}")
    return render(
        request,
        "children/record_form.html",
        {"child": child, "form": form, "spec": spec, "kind": kind, "record": record},
    )


def record_edit(request, pk: int, kind: str, record_pk: int):
    return record_add(request, pk, kind, record_pk)


def record_delete(request, pk: int, kind: str, record_pk: int):
    """Remove a record entered by mistake (confirmation page; the history keeps it)."""
    spec, child, record, _kinds = _record_context(request, pk, kind, record_pk)
    if request.method == "POST":
        try:
            services.record_delete(record=record, user=request.user)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            messages.success(request, _("%(what)s removed.") % {"what": spec.title})
        return redirect(reverse("children:detail", args=[child.pk]) + f"#{spec.section}")
    return render(request, "children/record_delete.html", {"child": child, "record": record, "spec": spec})


# --- the commune dashboard --------------------------------------------------------------------


def dashboard(request):
    """Counts by circumstance group and village, under-6 insurance coverage, supported-this-year share."""
    areas = list(dashboard_areas(request.user))
    if not areas:
        raise PermissionDenied
    chosen = request.GET.get("area")
    area = next((a for a in areas if str(a.pk) == chosen), None)
    if chosen and area is None:
        raise Http404
    if area is None:
        area = next((a for a in areas if a.kind == Area.Kind.COMMUNE), areas[0])
    on = _parse_day(request.GET.get("on")) or timezone.localdate()
    board = registry_dashboard(request.user, area, on=on)
    chart = {
        "groups": {
            "labels": [f"{letter})" for letter, _n, _c in board.by_group],
            "values": [c if isinstance(c, int) else None for *_x, c in board.by_group],
        },
        "villages": {
            "labels": [name for name, _c in board.by_village],
            "values": [c if isinstance(c, int) else None for _n, c in board.by_village],
        },
    }
    return render(
        request,
        "children/dashboard.html",
        {
            "areas": areas,
            "board": board,
            "chart": chart,
            "can_list": scope.can(request.user, "registry.view", area),
        },
    )
