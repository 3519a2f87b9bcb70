"""Pages of protection cases. Every case is fetched through ``selectors.get_case_for_user``: a user
outside the three roles of the commune gets 404 for every case URL. Insiders who may read but not
act (the chairman on the officer's steps, the officer on the chairman's decision) get 403.
"""

from datetime import date
from functools import partial

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.db.models import Q
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import scope
from accounts.audit import history_rows, log_access
from accounts.letterhead import letterhead
from accounts.models import Area, Membership
from children.models import Child, ChildCircumstance
from children.services import DuplicateChild
from core import memo
from core.downloads import document_name
from core.forms import attach_errors, year_param
from core.pdf import pdf_response

from . import forms, selectors, services, workflow
from .figures import case_figures
from .models import CasePlan, CaseStep, Holiday, Kind, PlanService


def _require_viewer(user) -> None:
    """Case pages do not exist for anyone outside the three roles (404, not 403)."""
    if not scope.has_perm(user, "cases.view"):
        raise Http404(_("Not found."))


def _case(request, pk: int, perm: str | None = None):
    """The case in the user's scope (404 outside it), and 403 without ``perm`` on its commune.
    POST-only routes check the method after this, so an outsider sees 404 whatever the method."""
    case = selectors.get_case_for_user(request.user, pk)
    if perm:
        scope.require(request.user, perm, case.commune)
    return case


# --- lists --------------------------------------------------------------------------------------


def case_list(request, *, overdue: bool = False):
    """The user's cases with filters. The page is the same for this user and address until the data
    changes, the day ends or the next case turns overdue, so it is remembered until then (core.memo)."""
    _require_viewer(request.user)
    now = timezone.now()
    body = memo.remember(
        ("cases:list", request.user.pk, overdue, request.get_full_path()),
        partial(_case_list_body, request, overdue, now),
        until=lambda _body: selectors.next_overdue_at(selectors.cases_visible_to(request.user), now),
    )
    return render(request, "cases/list.html", {"body": body, "overdue_only": overdue})


def _case_list_body(request, overdue: bool, now) -> str:
    form = forms.CaseFilterForm(request.GET or None)
    filters = form.cleaned_data if form.is_valid() else {}
    if overdue:
        filters = {**filters, "overdue": True}
    cases = selectors.case_list(user=request.user, filters=filters, now=now)
    page = Paginator(cases, 50).get_page(request.GET.get("page"))
    context = {
        "form": form,
        "page": page,
        "overdue_only": overdue,
        "can_open": scope.has_perm(request.user, "cases.edit"),
    }
    return render_to_string("cases/_list_body.html", context, request=request)


def case_overdue_list(request):
    return case_list(request, overdue=True)


# --- intake -------------------------------------------------------------------------------------


def case_new(request):
    _require_viewer(request.user)
    if not scope.has_perm(request.user, "cases.edit"):
        raise PermissionDenied(_("You do not have the right to do this."))
    form = forms.CaseOpenForm(request.POST or None, user=request.user)
    duplicates = None
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            case = services.case_open(
                user=request.user,
                commune=d["commune"],
                village=d["village"],
                children=d["children"],
                kind=d["kind"],
                place=d["place"],
                reported_at=d["reported_at"],
                source=d["source"],
                reporter=d["reporter"],
                alleged_relation=d["alleged_relation"],
                summary=d["summary"],
                level=d["level"],
                officer=d["officer"],
                new_child=form.new_child(),
                confirm_duplicate=d["confirm_duplicate"],
            )
        except DuplicateChild as exc:
            duplicates = exc.existing
            form.add_error("new_full_name", exc)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Case %(number)s opened.") % {"number": case.number})
            return redirect("children:cases:detail", pk=case.pk)
    return render(request, "cases/open.html", {"form": form, "duplicates": duplicates})


def case_edit(request, pk: int):
    case = _case(request, pk, "cases.edit")
    initial = {
        "village": case.village,
        "children": list(case.children.all()),
        "kind": case.kind,
        "place": case.place,
        "source": case.source,
        "reporter": case.reporter,
        "alleged_relation": case.alleged_relation,
        "summary": case.summary,
        "level": case.level,
        "officer": case.officer,
    }
    form = forms.CaseDetailsForm(request.POST or None, initial=initial, user=request.user, communes=[case.commune])
    if request.method == "POST" and form.is_valid():
        d = dict(form.cleaned_data)
        children = d.pop("children")
        try:
            services.case_update(user=request.user, case=case, children=children, **d)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Case details saved."))
            return redirect("children:cases:detail", pk=case.pk)
    return render(request, "cases/form.html", {"case": case, "form": form, "title": _("Correct the case details")})


# --- the case file ------------------------------------------------------------------------------


# Derived fields (shown as the stage and the timeline) and times the shared history formatter would
# show in UTC (the timeline shows them in local time) stay out of the change history.
HIDDEN_IN_HISTORY = frozenset(
    {"stage", "is_emergency", "initial_assessed_at", "next_review_on", "closed_at", "submitted_at", "decided_at"}
)


def _history_querysets(case) -> list:
    """One history queryset per object (history_rows diffs consecutive records of one object)."""
    plan_ids = CasePlan.history.filter(case_id=case.pk).values_list("id", flat=True).distinct()
    service_ids = PlanService.history.filter(plan__case_id=case.pk).values_list("id", flat=True).distinct()
    return [
        case.history.all(),
        *(CasePlan.history.filter(id=pk) for pk in sorted(set(plan_ids))),
        *(PlanService.history.filter(id=pk) for pk in sorted(set(service_ids))),
    ]


def case_detail(request, pk: int):
    case = _case(request, pk)
    log_access(request, what="cases.case_file", action="view", area=case.commune, subject=case, confidential=True)
    now = timezone.now()
    plans = list(case.plans.prefetch_related("services__unit").select_related("decided_by"))
    plan = plans[-1] if plans else None
    user = request.user
    may_edit = scope.can(user, "cases.edit", case.commune)
    children = list(case.children.select_related("village"))
    offer = []
    if (
        may_edit
        and case.circumstance_letter
        and case.steps.filter(kind=CaseStep.Kind.VERIFIED, confirmed=True).exists()
    ):
        already = {
            c.child_id
            for c in ChildCircumstance.objects.filter(
                child__in=children, group__letter=case.circumstance_letter, end_date__isnull=True
            )
        }
        offer = [c for c in children if c.pk not in already]
    history = history_rows(*_history_querysets(case), hidden=HIDDEN_IN_HISTORY)
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "children": children,
            "steps": selectors.case_timeline(case),
            "plan": plan,
            "plans": plans,
            "overdue": selectors.case_overdue(case, now),
            "initial_due": services.clocks.initial_assessment_due(case.reported_at),
            "accesses": selectors.case_accesses(case),
            "history": history,
            "may_edit": may_edit,
            "may_approve": scope.can(user, "cases.approve", case.commune),
            "can": {action: workflow.allowed(action, case.stage) for action in workflow.ACTION_STAGES},
            "offer": offer,
            "circumstance_form": forms.CircumstanceForm(case=case) if offer else None,
        },
    )


def case_pdf(request, pk: int):
    """The case file as a PDF, for the three roles only; logged in the access log (shown on the case)."""
    case = _case(request, pk)
    log_access(
        request,
        what="cases.case_file_pdf",
        action="print",
        area=case.commune,
        subject=case,
        row_count=1,
        confidential=True,
    )
    plan = case.plans.prefetch_related("services__unit").order_by("-version").first()
    chairman = (
        Membership.objects.filter(role=Membership.Role.CHAIRMAN, area=case.commune, is_active=True)
        .select_related("user")
        .first()
    )
    head = letterhead(
        issuer=case.commune,
        on=timezone.localdate(),
        kind="case_file",
        number=case.number,
        suffix="HS-BVTE",
        sign_authority="",
        sign_title=_("OFFICER IN CHARGE"),
        signer_name=case.officer.display_name,
    )
    context = {
        **head,
        "case": case,
        "children": case.children.select_related("village", "ethnicity"),
        "steps": selectors.case_timeline(case),
        "plan": plan,
        "printed_by": request.user.display_name,
        "printed_at": timezone.localtime(),
        "chairman": chairman.user.display_name if chairman else "",
    }
    name = document_name("Hồ sơ vụ việc", case.number, timezone.localdate().strftime("%d-%m-%Y"), ext="pdf")
    return pdf_response("cases/pdf/case_file.html", context, filename=name, request=request)


def _step(request, pk: int, *, form_class, action: str, perm: str, title: str, call, done: str, **form_kwargs):
    """One step of the workflow: check the right and the stage, show the form, call the service."""
    case = _case(request, pk, perm)
    if not workflow.allowed(action, case.stage):
        messages.error(
            request,
            _("This cannot be done while the case is at the stage “%(stage)s”.") % {"stage": case.get_stage_display()},
        )
        return redirect("children:cases:detail", pk=case.pk)
    form = form_class(request.POST or None, **form_kwargs)
    if request.method == "POST" and form.is_valid():
        try:
            call(case, form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, done)
            return redirect("children:cases:detail", pk=case.pk)
    return render(request, "cases/form.html", {"case": case, "form": form, "title": title})


def case_verify(request, pk: int):
    return _step(
        request,
        pk,
        form_class=forms.VerifyForm,
        action="verify",
        perm="cases.edit",
        title=_("Verification of the report"),
        done=_("Verification recorded."),
        call=lambda case, d: services.case_verify(user=request.user, case=case, **d),
    )


def case_initial(request, pk: int):
    return _step(
        request,
        pk,
        form_class=forms.InitialAssessmentForm,
        action="initial",
        perm="cases.edit",
        title=_("Initial risk assessment"),
        done=_("Initial risk assessment recorded."),
        call=lambda case, d: services.case_assess_initial(user=request.user, case=case, **d),
    )


def case_detailed(request, pk: int):
    return _step(
        request,
        pk,
        form_class=forms.DetailedAssessmentForm,
        action="detailed",
        perm="cases.edit",
        title=_("Detailed assessment"),
        done=_("Detailed assessment recorded."),
        call=lambda case, d: services.case_assess_detailed(user=request.user, case=case, **d),
    )


def case_decide(request, pk: int):
    def call(case, d):
        services.plan_decide(user=request.user, case=case, approve=d["decision"] == "approve", note=d["note"])

    return _step(
        request,
        pk,
        form_class=forms.DecisionForm,
        action="decide",
        perm="cases.approve",
        title=_("Decision on the support and intervention plan"),
        done=_("Decision recorded."),
        call=call,
    )


def case_review(request, pk: int):
    return _step(
        request,
        pk,
        form_class=forms.ReviewForm,
        action="review",
        perm="cases.edit",
        title=_("Periodic review"),
        done=_("Review recorded."),
        call=lambda case, d: services.case_review(user=request.user, case=case, **d),
    )


def case_close(request, pk: int):
    return _step(
        request,
        pk,
        form_class=forms.CloseForm,
        action="close",
        perm="cases.edit",
        title=_("Close the case"),
        done=_("Case closed."),
        call=lambda case, d: services.case_close(user=request.user, case=case, **d),
    )


def case_service_given(request, pk: int, service_pk: int):
    case = _case(request, pk, "cases.edit")
    service = scope.get_or_404(
        PlanService.objects.filter(plan__case=case, plan__status=CasePlan.Status.APPROVED, given_on__isnull=True),
        pk=service_pk,
    )
    return _step(
        request,
        pk,
        form_class=forms.ServiceGivenForm,
        action="service",
        perm="cases.edit",
        title=_("Service given: %(s)s") % {"s": service.description},
        done=_("Service recorded as given."),
        call=lambda case, d: services.service_give(user=request.user, case=case, service=service, **d),
        initial={"given_on": timezone.localdate()},
    )


def case_plan(request, pk: int):
    case = _case(request, pk, "cases.edit")
    if not workflow.allowed("plan", case.stage):
        messages.error(
            request,
            _("This cannot be done while the case is at the stage “%(stage)s”.") % {"stage": case.get_stage_display()},
        )
        return redirect("children:cases:detail", pk=case.pk)
    plan = services.current_plan(case)
    editing = plan if plan and plan.status in {CasePlan.Status.DRAFT, CasePlan.Status.RETURNED} else None
    initial = {"goals": editing.goals, "first_review_on": editing.first_review_on} if editing else {}
    service_initial = (
        [
            {f: getattr(s, f) for f in ("id", "kind", "description", "unit", "provider", "start_date", "end_date")}
            for s in editing.services.all()
        ]
        if editing
        else []
    )
    form = forms.PlanForm(request.POST or None, initial=initial)
    formset = forms.ServiceFormSet(
        request.POST or None, initial=service_initial, prefix="services", form_kwargs={"commune": case.commune}
    )
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        rows = []
        for f in formset.forms:
            if not f.has_changed() and not f.cleaned_data.get("id"):
                continue
            data = {k: v for k, v in f.cleaned_data.items() if k != "DELETE"}
            data["delete"] = f.cleaned_data.get("DELETE", False)
            rows.append(data)
        try:
            services.plan_save(
                user=request.user, case=case, services=rows, submit="submit" in request.POST, **form.cleaned_data
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            done = _("Plan submitted to the chairman.") if "submit" in request.POST else _("Plan saved as a draft.")
            messages.success(request, done)
            return redirect("children:cases:detail", pk=case.pk)
    return render(
        request, "cases/plan_form.html", {"case": case, "form": form, "formset": formset, "returned": editing}
    )


def case_plan_submit(request, pk: int):
    case = _case(request, pk, "cases.edit")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    try:
        services.plan_submit(user=request.user, case=case)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Plan submitted to the chairman."))
    return redirect("children:cases:detail", pk=case.pk)


def case_circumstance(request, pk: int):
    case = _case(request, pk, "cases.edit")
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    form = forms.CircumstanceForm(request.POST, case=case)
    if form.is_valid():
        try:
            services.case_record_circumstance(user=request.user, case=case, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("Special circumstance recorded in the registry."))
    else:
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
    return redirect("children:cases:detail", pk=case.pk)


# --- dashboard of counts ------------------------------------------------------------------------


def dashboard(request):
    """Counts only (no case text), for every ``cases.aggregate`` holder in their own areas."""
    areas = selectors.dashboard_areas(request.user)
    if not areas.exists():
        raise Http404(_("Not found."))
    today = timezone.localdate()
    default_area = areas.filter(kind=Area.Kind.COMMUNE).first() or areas.first()
    form = forms.PeriodForm(
        request.GET or None,
        areas=areas,
        initial={"area": default_area, "start": date(today.year, 1, 1), "end": date(today.year, 12, 31)},
    )
    if request.GET and form.is_valid():
        area, start, end = form.cleaned_data["area"], form.cleaned_data["start"], form.cleaned_data["end"]
    else:
        area, start, end = default_area, date(today.year, 1, 1), date(today.year, 12, 31)
    figures = selectors.case_figures_shown(request.user, case_figures(area=area, start=start, end=end))
    return render(
        request,
        "cases/dashboard.html",
        {
            "form": form,
            "figures": figures,
            "kinds": [(k.label, figures.opened_by_kind[k.value], figures.children_by_kind[k.value]) for k in Kind],
            "sexes": [(label, figures.children_by_sex[value]) for value, label in Child.Sex.choices],
            "is_viewer": selectors.is_case_viewer(request.user),
            "can_open": scope.has_perm(request.user, "cases.edit"),
        },
    )


# --- public holidays ----------------------------------------------------------------------------


def holidays(request):
    communes = scope.areas_for(request.user, "cases.calendar_edit").filter(kind=Area.Kind.COMMUNE)
    if not communes.exists():
        raise Http404(_("Not found."))
    form = forms.HolidayForm(request.POST or None, communes=communes)
    if request.method == "POST" and form.is_valid():
        try:
            services.holiday_add(user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Holiday added."))
            return redirect("children:cases:holidays")
    year = year_param(request.GET)
    rows = Holiday.objects.filter(Q(commune__isnull=True) | Q(commune__in=communes)).select_related("commune")
    if year is not None:
        rows = rows.filter(date__year=year)
    years = sorted({d.year for d in Holiday.objects.dates("date", "year")})
    return render(request, "cases/holidays.html", {"form": form, "rows": rows, "years": years, "year": year})


def holiday_delete(request, pk: int):
    communes = scope.areas_for(request.user, "cases.calendar_edit").filter(kind=Area.Kind.COMMUNE)
    holiday = scope.get_or_404(Holiday.objects.filter(commune__in=communes), pk=pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    services.holiday_delete(user=request.user, holiday=holiday)
    messages.success(request, _("Holiday removed."))
    return redirect("children:cases:holidays")
