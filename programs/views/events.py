"""Events (Action Month, 1/6, Mid-Autumn) and their gift lists; payment requests to the fund."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Sum
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scope
from accounts.letterhead import letterhead
from accounts.models import Area
from children.selectors import children_visible_to, circumstance_groups_for, circumstances_visible_to
from core.downloads import document_name
from core.forms import attach_errors
from core.pdf import pdf_response

from .. import forms, selectors, services
from ..models import Event, GiftList
from ._common import _form_page


def _get_event(user, pk) -> Event:
    return scope.get_or_404(selectors.events_visible_to(user), pk=pk)


def event_edit(request, plan_pk, pk=None):
    plan = selectors.get_plan_for_user(request.user, plan_pk)
    scope.require(request.user, "plan.edit", plan.commune)
    instance = scope.get_or_404(plan.events.all(), pk=pk) if pk else Event(plan=plan)
    form = forms.EventForm(request.POST or None, instance=instance, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            event = services.event_save(event=form.save(commit=False), user=request.user)
        except ValidationError as exc:
            attach_errors(form, exc)
        else:
            messages.success(request, _("The event was saved."))
            return redirect("programs:event_detail", pk=event.pk)
    return _form_page(request, form, title=_("Event"), back="programs:plan_list", plan=plan)


def event_detail(request, pk):
    event = _get_event(request.user, pk)
    commune = event.plan.commune
    entries = list(event.entries.all())
    gift_lists = event.gift_lists.annotate(n=Count("recipients"), total=Sum("recipients__value")).prefetch_related(
        "entries"
    )
    context = {
        "event": event,
        "plan": event.plan,
        "entries": entries,
        "actual": selectors.posted_total(entries),
        "gift_lists": gift_lists,
        "can_plan": scope.can(request.user, "plan.edit", commune),
        "can_request": scope.can(request.user, "fund.draft", commune),
        "payment_form": forms.EventPaymentForm(initial={"amount": event.budget or None, "purpose": event.title}),
        "gift_list_form": forms.GiftListForm(),
    }
    return render(request, "programs/event_detail.html", context)


@require_POST
def event_request_payment(request, pk):
    event = _get_event(request.user, pk)
    scope.require(request.user, "fund.draft", event.plan.commune)
    form = forms.EventPaymentForm(request.POST)
    if form.is_valid():
        try:
            entry = services.event_request_payment(event=event, user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(
                request, _("A draft payment was created in the fund: %(entry)s") % {"entry": entry.purpose}
            )
    else:
        # each message names its field ("Số tiền (đồng): nhập số tiền bằng chữ số…")
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("programs:event_detail", pk=event.pk)


@require_POST
def gift_list_create(request, pk):
    event = _get_event(request.user, pk)
    scope.require(request.user, "plan.edit", event.plan.commune)
    form = forms.GiftListForm(request.POST, instance=GiftList(event=event))
    if form.is_valid():
        gift_list = services.gift_list_save(gift_list=form.save(commit=False), user=request.user)
        return redirect("programs:gift_list", pk=gift_list.pk)
    messages.error(request, _("Enter a title for the gift list."))
    return redirect("programs:event_detail", pk=event.pk)


def _get_gift_list(user, pk) -> GiftList:
    events = selectors.events_visible_to(user).values("pk")
    return scope.get_or_404(GiftList.objects.filter(event__in=events).select_related("event__plan__commune"), pk=pk)


def _filtered_candidates(user, gift_list, data):
    commune = gift_list.event.plan.commune
    villages = commune.subareas.filter(kind=Area.Kind.VILLAGE).order_by("name")
    filters = forms.ChildFilterForm(data or None, villages=villages, groups=circumstance_groups_for(user, commune))
    on = gift_list.event.date
    qs = (
        children_visible_to(user)
        .active(on)
        .filter(village__parent=commune)
        .exclude(pk__in=gift_list.recipients.values("child_id"))
        .select_related("village")
        .order_by("village__name", "sort_key")
    )
    if filters.is_valid():
        f = filters.cleaned_data
        current = circumstances_visible_to(user).current_on(on)
        if f["village"]:
            qs = qs.filter(village=f["village"])
        if f["circumstance"]:
            qs = qs.filter(pk__in=current.filter(group=f["circumstance"]).values("child"))
        elif f["special_only"]:
            qs = qs.filter(pk__in=current.values("child"))
        if f["poverty"]:
            qs = qs.filter(poverty=f["poverty"])
        if f["max_age"] is not None:
            qs = qs.aged(0, f["max_age"], on)
    return filters, qs


def gift_list_detail(request, pk):
    gift_list = _get_gift_list(request.user, pk)
    commune = gift_list.event.plan.commune
    can_plan = scope.can(request.user, "plan.edit", commune)
    entries = list(gift_list.entries.all())
    locked = any(e.status != "rejected" for e in entries)
    visible = children_visible_to(request.user).values("pk")
    recipients = gift_list.recipients.filter(child__in=visible).select_related("child__village")
    totals = gift_list.recipients.aggregate(n=Count("pk"), total=Sum("value"))
    add_form = filters = None
    candidates = []
    if can_plan and not locked:
        filters, qs = _filtered_candidates(request.user, gift_list, request.GET if "search" in request.GET else None)
        candidates = list(qs[:300]) if "search" in request.GET else []
        add_form = forms.GiftAddForm(
            children=qs, initial={"gift": gift_list.default_gift, "value": gift_list.default_value}
        )
    context = {
        "gift_list": gift_list,
        "event": gift_list.event,
        "plan": gift_list.event.plan,
        "recipients": recipients,
        "totals": totals,
        "hidden_count": totals["n"] - recipients.count(),
        "entries": entries,
        "locked": locked,
        "can_plan": can_plan,
        "can_request": scope.can(request.user, "fund.draft", commune),
        "filters": filters,
        "candidates": candidates,
        "add_form": add_form,
    }
    return render(request, "programs/gift_list.html", context)


@require_POST
def gift_list_add(request, pk):
    gift_list = _get_gift_list(request.user, pk)
    scope.require(request.user, "plan.edit", gift_list.event.plan.commune)
    _filters, qs = _filtered_candidates(request.user, gift_list, None)
    form = forms.GiftAddForm(request.POST, children=qs)
    if form.is_valid():
        try:
            n = services.gift_recipients_add(
                gift_list=gift_list,
                children=form.cleaned_data["children"],
                gift=form.cleaned_data["gift"],
                value=form.cleaned_data["value"],
                user=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("%(n)s children were added to the list.") % {"n": n})
    else:
        for field, errors in form.errors.items():
            label = form.fields[field].label if field in form.fields else ""
            messages.error(request, f"{label}: {' '.join(errors)}" if label else " ".join(errors))
    return redirect("programs:gift_list", pk=gift_list.pk)


@require_POST
def gift_list_remove(request, pk, recipient_pk):
    gift_list = _get_gift_list(request.user, pk)
    scope.require(request.user, "plan.edit", gift_list.event.plan.commune)
    recipient = scope.get_or_404(gift_list.recipients.all(), pk=recipient_pk)
    try:
        services.gift_recipient_remove(recipient=recipient, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return redirect("programs:gift_list", pk=gift_list.pk)


@require_POST
def gift_list_request_payment(request, pk):
    gift_list = _get_gift_list(request.user, pk)
    scope.require(request.user, "fund.draft", gift_list.event.plan.commune)
    try:
        entry = services.gift_list_request_payment(gift_list=gift_list, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("A draft payment was created in the fund: %(entry)s") % {"entry": entry.purpose})
    return redirect("programs:gift_list", pk=gift_list.pk)


def gift_list_pdf(request, pk):
    gift_list = _get_gift_list(request.user, pk)
    event = gift_list.event
    commune = event.plan.commune
    if not scope.can(request.user, "registry.view", commune):
        raise PermissionDenied
    recipients = list(gift_list.recipients.select_related("child__village"))
    head = letterhead(issuer=commune, on=event.date, kind="gift_list", number="")
    signers = [
        {"title": "NGƯỜI LẬP DANH SÁCH", "hint": "(Ký, ghi rõ họ tên)"},
        {"title": "KẾ TOÁN", "hint": "(Ký, ghi rõ họ tên)"},
        {"title": "\n".join(t for t in (head["sign_authority"], head["sign_title"]) if t), "name": head["signer_name"]},
    ]  # fmt: skip
    context = {
        **head,
        "number_label": "",
        "gift_list": gift_list,
        "event": event,
        "commune": commune,
        "gifts": recipients,
        "total": sum(r.value for r in recipients),
        "signers": signers,
    }
    name = document_name("Danh sách nhận quà", gift_list.title, event.date.strftime("%d-%m-%Y"), ext="pdf")
    return pdf_response("programs/gift_list_pdf.html", context, filename=name)
