"""The child-friendly commune assessment (Decision 06/QĐ-TTg)."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from accounts import scope
from accounts.models import Area
from core.forms import attach_errors

from .. import forms, selectors, services
from ..criteria import CRITERION_NAMES
from ._common import _today


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
                attach_errors(form, exc)
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
                if not (raw.isascii() and raw.isdigit() and len(raw) <= 4):
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
