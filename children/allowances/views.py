"""Pages of the monthly social allowance, mounted at /children/allowances/ (namespace ``children:allowances``).

Who sees what (``accounts.scope``, permission ``allowances.view``): a village head the list of their
village, the commune's officer, chairman and accountant the commune's list, the district office its
communes' lists; everyone else gets 404. Proposals and decisions: ``allowances.edit`` (the officer);
marking a list paid: ``allowances.pay`` (the officer, the accountant). The category and reason of an
allowance based on a confidential group are shown only to holders of ``cases.view`` (``accounts.privacy``).
Every list opened, printed or exported is written to the access log.
"""

from datetime import date

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from accounts import privacy, scope
from accounts.audit import history_rows, log_access
from accounts.letterhead import commune_of, letterhead
from accounts.models import Area
from children.selectors import get_child_for_user
from core.downloads import document_name, download
from core.forms import attach_errors, id_param
from core.pdf import pdf_response

from . import forms, selectors, services
from .exports import list_workbook
from .models import BaseLevel, CoefficientRule

WITHHELD = "—"


def _require_viewer(user) -> None:
    if not scope.has_perm(user, selectors.VIEW):
        raise Http404(_("Not found."))


def _month_and_area(request):
    """The list's area (the user's commune or village by default) and month (this month by default)."""
    _require_viewer(request.user)
    areas = selectors.list_areas(request.user)
    if not areas:
        raise Http404(_("Not found."))
    form = forms.ListForm(request.GET or None, areas=areas)
    data = form.cleaned_data if form.is_valid() else {}
    wanted = request.GET.get("area", "")
    area_pk = id_param(request.GET, "area")
    if wanted and area_pk is None:
        raise Http404(_("Not found."))
    area = selectors.get_area_for_user(request.user, area_pk) if area_pk else areas[0]
    month = data.get("month") or services.month_of(timezone.localdate())
    if not form.is_bound:
        form = forms.ListForm(initial={"area": str(area.pk), "month": month}, areas=areas)
    return form, area, month


def _category_of(user):
    def category(line) -> str:
        if selectors.reason_visible(user, line.entitlement):
            return line.entitlement.get_category_display()
        return WITHHELD

    return category


def _change_label(line) -> str:
    if line.change == "new":
        return pgettext("allowance change", "new")
    if line.change == "changed":
        return _("changed: %(why)s") % {"why": line.change_note}
    return ""


def _filters(area, month) -> dict:
    return {"area": area.name, "month": f"{month:%m/%Y}"}


def monthly(request):
    form, area, month = _month_and_area(request)
    result = services.monthly_list(area, month)
    log_access(request, what="allowances.list", action="view", area=area, filters=_filters(area, month),
               row_count=len(result.lines))  # fmt: skip
    commune = commune_of(area)
    can_pay = (
        area.kind == Area.Kind.COMMUNE
        and result.paid is None
        and bool(result.lines)
        and scope.can(request.user, "allowances.pay", commune)
    )
    category = _category_of(request.user)
    rows = [(line, category(line), _change_label(line)) for line in result.lines]
    return render(
        request,
        "allowances/list.html",
        {
            "form": form,
            "area": area,
            "month": month,
            "result": result,
            "rows": rows,
            "previous": services.add_months(month, -1),
            "next": services.add_months(month, 1),
            "disagreements": services.disagreements(area, month),
            "to_end": services.endings_to_record(result) if result.paid is None else [],
            "pay_form": forms.PayForm(initial={"paid_on": timezone.localdate()}) if can_pay else None,
            "can_edit": scope.can(request.user, "allowances.edit", commune),
            "query": f"area={area.pk}&month={month:%m/%Y}",
        },
    )


def monthly_pdf(request):
    """The signed payment list (Decree 30 letterhead, a column for each recipient's signature)."""
    _form, area, month = _month_and_area(request)
    result = services.monthly_list(area, month)
    log_access(request, what="allowances.list_pdf", action="print", area=area, filters=_filters(area, month),
               row_count=len(result.lines))  # fmt: skip
    commune = commune_of(area)
    head = letterhead(issuer=commune, on=timezone.localdate(), kind="allowance_list", suffix="DS-UBND",
                      sign_authority="KT. CHỦ TỊCH", sign_title="PHÓ CHỦ TỊCH")  # fmt: skip
    category = _category_of(request.user)
    context = {
        **head,
        "area": area,
        "month": month,
        "result": result,
        "rows": [(line, category(line)) for line in result.lines],
        "commune": commune,
        "signers": [
            {"title": "NGƯỜI LẬP DANH SÁCH", "hint": "(Ký, ghi rõ họ tên)", "name": request.user.display_name},
            {"title": "KẾ TOÁN", "hint": "(Ký, ghi rõ họ tên)"},
            {"title": "NGƯỜI CHI TRẢ", "hint": "(Ký, ghi rõ họ tên)", "name": result.paid.payer if result.paid else ""},
        ],  # fmt: skip
    }
    name = document_name("Danh sách chi trả trợ cấp", f"{month:%m-%Y}", area.name, ext="pdf")
    return pdf_response("allowances/pdf/payment_list.html", context, filename=name, request=request)


def monthly_xlsx(request):
    _form, area, month = _month_and_area(request)
    result = services.monthly_list(area, month)
    log_access(request, what="allowances.list_xlsx", action="export", area=area, filters=_filters(area, month),
               row_count=len(result.lines))  # fmt: skip
    content = list_workbook(result, category_of=_category_of(request.user), change_label=_change_label)
    return download(content, document_name("Danh sách chi trả trợ cấp", f"{month:%m-%Y}", area.name, ext="xlsx"))


def pay(request):
    """Mark the commune's list of the month paid (date, payer); the support records follow."""
    _form, area, month = _month_and_area(request)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    if area.kind != Area.Kind.COMMUNE:
        raise Http404(_("Not found."))
    scope.require(request.user, "allowances.pay", area)
    form = forms.PayForm(request.POST)
    url = reverse("children:allowances:list") + f"?area={area.pk}&month={month:%m/%Y}"
    if not form.is_valid():
        messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))
        return redirect(url)
    try:
        paid = services.list_mark_paid(user=request.user, commune=area, month=month, **form.cleaned_data)
    except ValidationError as exc:
        messages.error(request, "; ".join(exc.messages))
    else:
        messages.success(request, _("The list of %(month)s is marked paid: %(count)d children, support recorded.")
                         % {"month": f"{month:%m/%Y}", "count": paid.items.values("entitlement").distinct().count()})  # fmt: skip
    return redirect(url)


# --- proposals and entitlements -------------------------------------------------------------------


def _edit_commune(request) -> Area:
    if not scope.has_perm(request.user, "allowances.edit"):
        _require_viewer(request.user)
        raise PermissionDenied(_("You do not have the right to do this."))
    communes = list(scope.areas_for(request.user, "allowances.edit").filter(kind=Area.Kind.COMMUNE))
    if not communes:
        raise Http404(_("Not found."))
    wanted = request.GET.get("commune") or request.POST.get("commune")
    if wanted:
        return next((c for c in communes if str(c.pk) == wanted), None) or _not_found()
    return communes[0]


def _not_found():
    raise Http404(_("Not found."))


def proposal_list(request):
    commune = _edit_commune(request)
    on = timezone.localdate()
    found = services.proposals(commune, on=on)
    rows = [(p, not p.confidential or privacy.sees_confidential(request.user, p.child.village)) for p in found]
    return render(
        request,
        "allowances/proposals.html",
        {"commune": commune, "rows": rows, "on": on, "form": forms.ConfirmForm(
            initial={"decision_date": on, "decision_issuer": f"Chủ tịch UBND xã {commune.name}"})},
    )  # fmt: skip


def proposal_confirm(request, child_pk: int):
    commune = _edit_commune(request)
    child = get_child_for_user(request.user, child_pk)
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    proposal = next((p for p in services.proposals(commune, on=timezone.localdate()) if p.child.pk == child.pk), None)
    if proposal is None:
        messages.error(request, _("%(child)s has no proposal any more.") % {"child": child})
        return redirect("children:allowances:proposals")
    form = forms.ConfirmForm(request.POST)
    if form.is_valid():
        try:
            entitlement = services.entitlement_confirm(
                user=request.user, proposal=proposal, commune=commune, **form.cleaned_data
            )
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("Allowance confirmed for %(child)s.") % {"child": child})
            return redirect("children:allowances:detail", pk=entitlement.pk)
    messages.error(request, "; ".join(str(e) for errors in form.errors.values() for e in errors))
    return redirect("children:allowances:proposals")


def entitlement_list(request):
    _require_viewer(request.user)
    qs = selectors.entitlements_visible_to(request.user).order_by("child__village__path", "child__sort_key")
    state = request.GET.get("state", "open")
    month = services.month_of(timezone.localdate())
    rows = []
    for e in qs:
        is_open = e.last_month >= month
        if (state == "open") != is_open and state != "all":
            continue
        rows.append((e, selectors.reason_visible(request.user, e), is_open))
    return render(request, "allowances/entitlements.html", {"rows": rows, "state": state})


def entitlement_detail(request, pk: int):
    entitlement = selectors.get_entitlement_for_user(request.user, pk)
    visible = selectors.reason_visible(request.user, entitlement)
    log_access(request, what="allowances.entitlement", action="view", area=entitlement.child.village,
               subject=entitlement, confidential=entitlement.confidential)  # fmt: skip
    can_edit = scope.can(request.user, "allowances.edit", entitlement.commune)
    form = forms.EndForm(request.POST or None) if can_edit and entitlement.end_month is None else None
    if request.method == "POST":
        if form is None:
            raise PermissionDenied(_("You do not have the right to do this."))
        if form.is_valid():
            try:
                services.entitlement_end(user=request.user, entitlement=entitlement, **form.cleaned_data)
            except ValidationError as exc:
                attach_errors(form, exc)
            else:
                messages.success(request, _("The end of the allowance is recorded."))
                return redirect("children:allowances:detail", pk=entitlement.pk)
    rules = services.Rules()
    month = services.month_of(timezone.localdate())
    due = rules.due(entitlement, min(month, entitlement.last_month))
    items = entitlement.items.select_related("payment_list").order_by("-for_month")[:36]
    return render(
        request,
        "allowances/detail.html",
        {
            "e": entitlement,
            "reason_visible": visible,
            "form": form,
            "due": due,
            "items": items,
            "history": history_rows(entitlement.history.all(), hidden=frozenset() if visible else frozenset(
                {"reason", "category", "circumstance", "disability", "confidential"})),
        },
    )  # fmt: skip


def rules(request):
    """The rules as data: base levels and coefficients with their sources (editable in the administration)."""
    _require_viewer(request.user)
    return render(
        request,
        "allowances/rules.html",
        {"levels": BaseLevel.objects.all(), "coefficients": CoefficientRule.objects.all(), "today": date.today()},
    )
