"""The Children's Forum (Circular 29/2019)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import scope
from children.selectors import children_visible_to
from core.forms import attach_errors, id_list

from .. import forms, selectors, services
from ._common import _form_page, _today


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
            attach_errors(form, exc)
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
            ids = set(id_list(request.POST, "rep"))
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
