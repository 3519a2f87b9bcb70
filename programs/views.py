"""Pages of the plan. Each view: access through ``accounts.scope`` (404 outside scope, 403 without
the right) → form or service → redirect by URL name."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count, Exists, OuterRef, Q, Sum
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts import scope
from accounts.audit import history_rows
from accounts.models import Area, Membership, User
from children.models import ChildCircumstance
from children.selectors import children_visible_to
from ytich.pdf import pdf_response

from . import forms, selectors, services
from .criteria import CRITERION_NAMES
from .models import Activity, Assignment, Event, Evidence, GiftList, Plan, RiskSite, Target


def _errors(form, exc: ValidationError) -> None:
    """Put a service's ValidationError on the form (field errors where the field exists)."""
    if hasattr(exc, "error_dict"):
        for field, errs in exc.message_dict.items():
            form.add_error(field if field in form.fields else None, errs)
    else:
        for message in exc.messages:
            form.add_error(None, message)


def _form_page(request, form, *, title, back, plan=None, multipart=False, intro=""):
    return render(
        request,
        "programs/form.html",
        {"form": form, "title": title, "back": back, "plan": plan, "multipart": multipart, "intro": intro},
    )


def _today():
    return timezone.localdate()


# --- plans -----------------------------------------------------------------------------------


def plan_list(request):
    plans = selectors.plans_visible_to(request.user).annotate(
        n_targets=Count("targets", distinct=True), n_activities=Count("activities", distinct=True)
    )
    communes = scope.areas_for(request.user, "plan.edit").filter(kind=Area.Kind.COMMUNE)
    return render(request, "programs/plan_list.html", {"plans": plans, "can_create": communes.exists()})


def plan_create(request):
    communes = scope.areas_for(request.user, "plan.edit").filter(kind=Area.Kind.COMMUNE)
    if not communes.exists():
        raise PermissionDenied
    commune = communes.order_by("path").first()
    form = forms.PlanForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            data = dict(form.cleaned_data)
            plan = services.plan_create(commune=commune, user=request.user, **data)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The plan was created as a draft."))
            return redirect("programs:plan_detail", pk=plan.pk)
    return _form_page(
        request, form, title=_("New plan of %(commune)s") % {"commune": commune.name}, back="programs:plan_list"
    )


def plan_detail(request, pk):
    plan = selectors.get_plan_for_user(request.user, pk)
    today = _today()
    targets = selectors.plan_targets_with_measures(plan, on=today)
    activities = list(selectors.plan_detail_data(plan))
    for activity in activities:
        for a in activity.assignments.all():
            a.shown = a.shown_status(today)
    user = request.user
    context = {
        "plan": plan,
        "as_of": plan.as_of(today),
        "targets": [(t, m, m.progress(t)) for t, m in targets],
        "activities": activities,
        "events": plan.events.select_related("organiser").annotate(n_gift_lists=Count("gift_lists")),
        "forums": plan.forums.annotate(n_children=Count("participants")),
        "assessment": selectors.assessments_visible_to(user).filter(commune=plan.commune, year=plan.year).first(),
        "can_edit": selectors.can_edit_plan(user, plan) and not plan.is_approved,
        "can_plan": selectors.can_edit_plan(user, plan),
        "can_approve": scope.can(user, "plan.approve", plan.commune),
        "can_list_children": scope.has_perm(user, "registry.view"),
        "approve_form": forms.ApproveForm(initial={"signer_name": user.display_name}),
        "copy_form": forms.PlanCopyForm(initial={"year": plan.year + 1}),
        "history": history_rows(plan.history.all(), limit=20),
    }
    return render(request, "programs/plan_detail.html", context)


def plan_edit(request, pk):
    plan = selectors.get_plan_for_user(request.user, pk)
    scope.require(request.user, "plan.edit", plan.commune)
    form = forms.PlanForm(request.POST or None, instance=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.plan_update(plan=Plan.objects.get(pk=plan.pk), user=request.user, **form.cleaned_data)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The plan was saved."))
            return redirect("programs:plan_detail", pk=plan.pk)
    return _form_page(request, form, title=_("Edit the plan"), back="programs:plan_list", plan=plan)


@require_POST
def plan_approve(request, pk):
    plan = selectors.get_plan_for_user(request.user, pk)
    scope.require(request.user, "plan.approve", plan.commune)
    form = forms.ApproveForm(request.POST)
    form.is_valid()
    try:
        services.plan_approve(plan=plan, user=request.user, signer_name=form.cleaned_data.get("signer_name", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The plan is approved."))
    return redirect("programs:plan_detail", pk=plan.pk)


@require_POST
def plan_reopen(request, pk):
    plan = selectors.get_plan_for_user(request.user, pk)
    scope.require(request.user, "plan.approve", plan.commune)
    try:
        services.plan_reopen(plan=plan, user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("The plan is back in draft."))
    return redirect("programs:plan_detail", pk=plan.pk)


@require_POST
def plan_copy(request, pk):
    plan = selectors.get_plan_for_user(request.user, pk)
    scope.require(request.user, "plan.edit", plan.commune)
    form = forms.PlanCopyForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Enter the year of the new plan."))
        return redirect("programs:plan_detail", pk=plan.pk)
    try:
        new = services.plan_copy(source=plan, year=form.cleaned_data["year"], user=request.user)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
        return redirect("programs:plan_detail", pk=plan.pk)
    messages.success(request, _("A draft plan for %(year)s was started from this one.") % {"year": new.year})
    return redirect("programs:plan_detail", pk=new.pk)


# --- targets -----------------------------------------------------------------------------------


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
    measure = selectors.measure_target(target, on=_today(), by_village=True)
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
                    _errors(form, exc)
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
    if request.GET.get("village"):
        village = target.plan.commune.subareas.filter(pk=request.GET["village"]).first()
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
            _errors(form, exc)
        else:
            messages.success(request, _("The target was saved."))
            return redirect("programs:plan_detail", pk=plan.pk)
    return _form_page(request, form, title=_("Target"), back="programs:plan_list", plan=plan)


# --- activities and assignments ------------------------------------------------------------------


def activity_edit(request, plan_pk, pk=None):
    plan = selectors.get_plan_for_user(request.user, plan_pk)
    scope.require(request.user, "plan.edit", plan.commune)
    number = (plan.activities.order_by("-number").values_list("number", flat=True).first() or 0) + 1
    instance = scope.get_or_404(plan.activities.all(), pk=pk) if pk else Activity(plan=plan, number=number)
    form = forms.ActivityForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        try:
            services.activity_save(activity=form.save(commit=False), user=request.user)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The activity was saved."))
            return redirect("programs:plan_detail", pk=plan.pk)
    return _form_page(request, form, title=_("Activity"), back="programs:plan_list", plan=plan)


def assignment_edit(request, plan_pk, pk=None):
    plan = selectors.get_plan_for_user(request.user, plan_pk)
    scope.require(request.user, "plan.edit", plan.commune)
    if pk:
        instance = scope.get_or_404(Assignment.objects.filter(activity__plan=plan), pk=pk)
    else:
        instance = Assignment()
        activity = plan.activities.filter(pk=request.GET.get("activity") or 0).first()
        if activity:
            instance.activity = activity
    form = forms.AssignmentForm(request.POST or None, instance=instance, plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            a = services.assignment_save(assignment=form.save(commit=False), user=request.user)
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The task was saved."))
            return redirect("programs:assignment_detail", pk=a.pk)
    return _form_page(request, form, title=_("Task assigned to a unit"), back="programs:plan_list", plan=plan)


def _get_assignment(user, pk) -> Assignment:
    return scope.get_or_404(selectors.assignments_visible_to(user), pk=pk)


def assignment_detail(request, pk):
    assignment = _get_assignment(request.user, pk)
    can_update = selectors.can_update_assignment(request.user, assignment)
    today = _today()
    form = forms.AssignmentUpdateForm(
        request.POST or None, initial={"status": assignment.status, "done_on": assignment.done_on}
    )
    if request.method == "POST":
        if not can_update:
            raise PermissionDenied
        if form.is_valid():
            try:
                services.assignment_update(
                    assignment=assignment,
                    user=request.user,
                    status=form.cleaned_data["status"],
                    note=form.cleaned_data["note"],
                    done_on=form.cleaned_data["done_on"],
                    on=today,
                )
            except ValidationError as exc:
                _errors(form, exc)
            else:
                messages.success(request, _("The task was updated."))
                return redirect("programs:assignment_detail", pk=assignment.pk)
    entries = list(assignment.entries.all())
    context = {
        "a": assignment,
        "plan": assignment.activity.plan,
        "shown": assignment.shown_status(today),
        "can_update": can_update,
        "can_plan": selectors.can_edit_plan(request.user, assignment.activity.plan),
        "form": form,
        "evidence_form": forms.EvidenceForm(),
        "evidence": assignment.evidence.select_related("uploaded_by"),
        "entries": entries,
        "actual": selectors.posted_total(entries),
        "history": history_rows(assignment.history.all(), limit=30, hidden=frozenset({"progress", "updated_by"})),
    }
    return render(request, "programs/assignment_detail.html", context)


@require_POST
def evidence_upload(request, pk):
    assignment = _get_assignment(request.user, pk)
    if not selectors.can_update_assignment(request.user, assignment):
        raise PermissionDenied
    form = forms.EvidenceForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            services.evidence_add(
                assignment=assignment,
                uploaded=form.cleaned_data["file"],
                caption=form.cleaned_data["caption"],
                user=request.user,
            )
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, _("The file was attached."))
    else:
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
    return redirect("programs:assignment_detail", pk=assignment.pk)


def evidence_file(request, pk):
    visible = selectors.assignments_visible_to(request.user).values("pk")
    evidence = scope.get_or_404(Evidence.objects.filter(assignment__in=visible), pk=pk)
    response = FileResponse(evidence.file.open("rb"), content_type=evidence.content_type)
    response["Content-Disposition"] = (
        f'inline; filename="evidence-{evidence.pk}.{evidence.file.name.rsplit(".", 1)[-1]}"'
    )
    response["X-Content-Type-Options"] = "nosniff"
    return response


def my_tasks(request):
    today = _today()
    tasks = list(selectors.my_assignments(request.user).annotate(evidence_count=Count("evidence")))
    for a in tasks:
        a.shown = a.shown_status(today)
    return render(
        request, "programs/my_tasks.html", {"tasks": tasks, "units": scope.units_of(request.user, "plan.task_update")}
    )


# --- events and gift lists -----------------------------------------------------------------------


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
            _errors(form, exc)
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
        messages.error(request, _("Enter the amount and the purpose."))
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
    filters = forms.ChildFilterForm(data or None, villages=villages)
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
        current = ChildCircumstance.objects.filter(child=OuterRef("pk"), start_date__lte=on).filter(
            Q(end_date__isnull=True) | Q(end_date__gte=on)
        )
        if f["village"]:
            qs = qs.filter(village=f["village"])
        if f["circumstance"]:
            qs = qs.filter(Exists(current.filter(group=f["circumstance"])))
        elif f["special_only"]:
            qs = qs.filter(Exists(current))
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
    commune = gift_list.event.plan.commune
    if not scope.can(request.user, "registry.view", commune):
        raise PermissionDenied
    recipients = list(gift_list.recipients.select_related("child__village"))
    context = {
        "gift_list": gift_list,
        "event": gift_list.event,
        "commune": commune,
        "recipients": recipients,
        "total": sum(r.value for r in recipients),
        "issuer": f"Ủy ban nhân dân xã {commune.name}",
        "issuer_parent": f"UBND huyện {commune.parent.name}" if commune.parent_id else "",
        "place": commune.name,
        "doc_date": gift_list.event.date,
    }
    return pdf_response("programs/gift_list_pdf.html", context, filename=f"danh-sach-nhan-qua-{gift_list.pk}.pdf")


# --- Children's Forum ------------------------------------------------------------------------------


def forum_create(request, plan_pk):
    plan = selectors.get_plan_for_user(request.user, plan_pk)
    scope.require(request.user, "plan.edit", plan.commune)
    children = (
        children_visible_to(request.user)
        .active(_today() if plan.year == _today().year else plan.as_of(_today()))
        .filter(village__parent=plan.commune)
        .aged(6, 15, plan.as_of(_today()))
        .select_related("village")
        .order_by("village__name", "sort_key")
    )
    form = forms.ForumForm(request.POST or None, children=children)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            forum = services.forum_create(
                plan=plan,
                user=request.user,
                date=data["date"],
                topic=data["topic"],
                place=data["place"],
                children=list(data["children"]),
                minders=data["minders"],
                minder_names=data["minder_names"],
                volunteers=data["volunteers"],
                guests=data["guests"],
                guest_names=data["guest_names"],
                consent_on=data["consent_on"],
            )
        except ValidationError as exc:
            _errors(form, exc)
        else:
            messages.success(request, _("The forum was recorded."))
            return redirect("programs:forum_detail", pk=forum.pk)
    intro = _(
        "Circular 29/2019: a commune forum has at least 30 children, at most 5 children per minder, "
        "volunteers at most one tenth and guests at most one third of the children, and written consent "
        "of a parent or carer for each child."
    )
    return _form_page(request, form, title=_("New Children's Forum"), back="programs:plan_list", plan=plan, intro=intro)


def forum_detail(request, pk):
    forum = scope.get_or_404(selectors.forums_visible_to(request.user), pk=pk)
    can_plan = scope.can(request.user, "plan.edit", forum.plan.commune)
    visible = children_visible_to(request.user).values("pk")
    participants = forum.participants.filter(child__in=visible).select_related("child__village")
    qform = forms.ForumQuestionForm(request.POST or None)
    if request.method == "POST":
        if not can_plan:
            raise PermissionDenied
        if "representatives" in request.POST:
            ids = {int(x) for x in request.POST.getlist("rep") if x.isdigit()}
            services.forum_representatives_set(forum=forum, user=request.user, participant_ids=ids)
            messages.success(request, _("The representatives were saved."))
            return redirect("programs:forum_detail", pk=forum.pk)
        if qform.is_valid():
            services.forum_question_add(forum=forum, user=request.user, **qform.cleaned_data)
            messages.success(request, _("The question was recorded."))
            return redirect("programs:forum_detail", pk=forum.pk)
    context = {
        "forum": forum,
        "plan": forum.plan,
        "participants": participants,
        "n_children": forum.participants.count(),
        "questions": forum.questions.all(),
        "qform": qform,
        "can_plan": can_plan,
    }
    return render(request, "programs/forum_detail.html", context)


# --- drowning-risk sites -------------------------------------------------------------------------


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
    villages = scope.areas_for(request.user, "sites.edit").filter(kind=Area.Kind.VILLAGE).order_by("path")
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
            _errors(form, exc)
        else:
            messages.success(request, _("The site was saved."))
            return redirect("programs:site_list")
    return _form_page(request, form, title=_("Drowning-risk site"), back="programs:site_list")


# --- training log ----------------------------------------------------------------------------------


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
            _errors(form, exc)
        else:
            messages.success(request, _("The training was recorded."))
            return redirect("programs:training_list")
    return _form_page(request, form, title=_("Record a training"), back="programs:training_list")


# --- child-friendly assessment ------------------------------------------------------------------


def assessment_list(request):
    assessments = selectors.assessments_visible_to(request.user)
    communes = scope.areas_for(request.user, "plan.edit").filter(kind=Area.Kind.COMMUNE)
    form = forms.AssessmentStartForm(request.POST or None, communes=communes, initial={"year": _today().year})
    if request.method == "POST":
        if not communes.exists():
            raise PermissionDenied
        if form.is_valid():
            try:
                assessment = services.assessment_start(user=request.user, on=_today(), **form.cleaned_data)
            except ValidationError as exc:
                _errors(form, exc)
            else:
                return redirect("programs:assessment_detail", pk=assessment.pk)
    rows = [(a, selectors.assessment_verdict(a)) for a in assessments.prefetch_related("scores")]
    return render(request, "programs/assessment_list.html", {"rows": rows, "form": form if communes.exists() else None})


def assessment_detail(request, pk):
    assessment = scope.get_or_404(selectors.assessments_visible_to(request.user), pk=pk)
    can_edit = scope.can(request.user, "plan.edit", assessment.commune)
    scores = list(assessment.scores.all())
    errors = []
    if request.method == "POST":
        if not can_edit:
            raise PermissionDenied
        try:
            rows = {}
            for s in scores:
                raw = request.POST.get(f"score-{s.number}", "").strip()
                if not raw.isdigit():
                    raise ValidationError(_("Criterion %(n)s: enter a whole number of points.") % {"n": s.number})
                rows[s.number] = {
                    "value": int(raw),
                    "met": request.POST.get(f"met-{s.number}") == "on",
                    "note": request.POST.get(f"note-{s.number}", "")[:400],
                }
            services.assessment_scores_update(assessment=assessment, user=request.user, rows=rows)
        except ValidationError as exc:
            errors = exc.messages
            scores = list(assessment.scores.all())
        else:
            messages.success(request, _("The assessment was saved."))
            return redirect("programs:assessment_detail", pk=assessment.pk)
    for s in scores:
        s.name = CRITERION_NAMES.get(s.number, "")
    return render(
        request,
        "programs/assessment_detail.html",
        {
            "assessment": assessment,
            "scores": scores,
            "verdict": selectors.assessment_verdict(assessment, scores),
            "can_edit": can_edit,
            "errors": errors,
        },
    )
