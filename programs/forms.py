"""Forms of the plan: they clean and convert; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Area, Unit
from children.models import Child, CircumstanceGroup
from core.uploads import check_document

from . import services
from .models import (
    Activity,
    Assignment,
    Event,
    ForumQuestion,
    GiftList,
    Plan,
    RiskSite,
    Target,
    TargetValue,
    Training,
)

DATE = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy", "inputmode": "numeric"})


def _dates(form):
    for field in form.fields.values():
        if isinstance(field, forms.DateField):
            field.widget = DATE


class PlanForm(forms.ModelForm):
    class Meta:
        model = Plan
        fields = ["year", "number", "issued_on", "title", "implements", "purpose", "requirements"]
        widgets = {f: forms.Textarea(attrs={"rows": 3}) for f in ("implements", "purpose", "requirements")}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self)


class PlanCopyForm(forms.Form):
    year = forms.IntegerField(label=_("year of the new plan"), min_value=2000, max_value=2100)


class ApproveForm(forms.Form):
    signer_name = forms.CharField(label=_("signed by (name as printed)"), max_length=120, required=False)


class TargetForm(forms.ModelForm):
    class Meta:
        model = Target
        fields = ["order", "title", "kind", "goal", "indicator", "measure", "responsible"]
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, commune=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = Unit.objects.filter(commune=commune, is_active=True)


class TargetValueForm(forms.ModelForm):
    class Meta:
        model = TargetValue
        fields = ["village", "as_of", "numerator", "denominator", "source", "evidence"]

    def __init__(self, *args, villages=None, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self)
        self.fields["village"].queryset = villages if villages is not None else Area.objects.none()
        self.fields["village"].empty_label = _("the whole commune")

    def clean(self):
        data = super().clean()
        n, d = data.get("numerator"), data.get("denominator")
        if n is not None and d is not None and n > d:
            self.add_error("numerator", _("The number reached cannot be larger than the total."))
        return data


class ActivityForm(forms.ModelForm):
    class Meta:
        model = Activity
        fields = ["number", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = Assignment
        fields = ["activity", "unit", "task", "due_date", "budget"]
        widgets = {"task": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self)
        self.fields["activity"].queryset = plan.activities.all()
        self.fields["unit"].queryset = Unit.objects.filter(commune=plan.commune, is_active=True)


class AssignmentUpdateForm(forms.Form):
    status = forms.ChoiceField(label=_("status"), choices=Assignment.Status.choices)
    note = forms.CharField(label=_("progress note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    done_on = forms.DateField(label=_("done on"), required=False, widget=DATE)


class EvidenceForm(forms.Form):
    file = forms.FileField(label=_("file (PDF, JPG or PNG, up to 5 MB)"))
    caption = forms.CharField(label=_("caption"), max_length=300, required=False)

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        try:
            check_document(uploaded)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["file"]) from None
        return uploaded


class EventForm(forms.ModelForm):
    class Meta:
        model = Event
        fields = [
            "kind",
            "title",
            "theme",
            "date",
            "end_date",
            "place",
            "organiser",
            "activity",
            "budget",
            "participants",
            "note",
        ]
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self)
        self.fields["organiser"].queryset = Unit.objects.filter(commune=plan.commune, is_active=True)
        self.fields["activity"].queryset = plan.activities.all()


class EventPaymentForm(forms.Form):
    amount = forms.IntegerField(label=_("amount (VND)"), min_value=1, max_value=10**12)
    purpose = forms.CharField(label=_("purpose"), max_length=400)


class GiftListForm(forms.ModelForm):
    class Meta:
        model = GiftList
        fields = ["title", "default_gift", "default_value"]


class ChildFilterForm(forms.Form):
    """Choose children from the registry for a gift list."""

    village = forms.ModelChoiceField(label=_("village"), queryset=Area.objects.none(), required=False)
    circumstance = forms.ModelChoiceField(
        label=_("special circumstance"),
        queryset=CircumstanceGroup.objects.all(),
        required=False,
        empty_label=_("any"),
    )
    special_only = forms.BooleanField(label=_("only children in special circumstances"), required=False)
    poverty = forms.ChoiceField(
        label=_("household"), choices=[("", _("any"))] + list(Child.Poverty.choices), required=False
    )
    max_age = forms.IntegerField(label=_("aged at most"), min_value=0, max_value=15, required=False)

    def __init__(self, *args, villages=None, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages if villages is not None else Area.objects.none()
        self.fields["village"].empty_label = _("every village")
        if groups is not None:
            self.fields["circumstance"].queryset = groups


class GiftAddForm(forms.Form):
    children = forms.ModelMultipleChoiceField(
        label=_("children"), queryset=Child.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    gift = forms.CharField(label=_("gift"), max_length=200)
    value = forms.IntegerField(label=_("value per child (VND)"), min_value=0, max_value=10**12)

    def __init__(self, *args, children=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = children if children is not None else Child.objects.none()


class ForumForm(forms.Form):
    """A Children's Forum; the Circular's minimums and ratios are checked here and in the service."""

    date = forms.DateField(label=_("date"), widget=DATE)
    topic = forms.CharField(label=_("topic"), max_length=400)
    place = forms.CharField(label=_("place"), max_length=200, required=False)
    children = forms.ModelMultipleChoiceField(
        label=_("children taking part"),
        queryset=Child.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 15}),
        help_text=_("At least 30 children. Hold Ctrl (or Cmd) to choose several."),
    )
    consent = forms.BooleanField(
        label=_("Written consent of a parent or carer has been collected for every child chosen"), required=True
    )
    consent_on = forms.DateField(label=_("consent collected on"), widget=DATE)
    minders = forms.IntegerField(label=_("minders"), min_value=0, help_text=_("At most 5 children per minder."))
    minder_names = forms.CharField(
        label=_("names of the minders"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )
    volunteers = forms.IntegerField(
        label=_("volunteers"), min_value=0, initial=0, help_text=_("At most one tenth of the children.")
    )
    guests = forms.IntegerField(
        label=_("guests"), min_value=0, initial=0, help_text=_("At most one third of the children.")
    )
    guest_names = forms.CharField(
        label=_("guests (leaders and others)"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def __init__(self, *args, children=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = children if children is not None else Child.objects.none()
        self.fields["children"].label_from_instance = lambda c: (
            f"{c.full_name} — {c.date_of_birth:%d/%m/%Y} — {c.village.name}"
        )

    def clean(self):
        data = super().clean()
        chosen = data.get("children")
        numbers = [data.get(k) for k in ("minders", "volunteers", "guests")]
        if chosen is not None and None not in numbers:
            for problem in services.forum_problems(
                children=len(chosen), minders=numbers[0], volunteers=numbers[1], guests=numbers[2]
            ):
                self.add_error(None, problem)
        return data


class ForumQuestionForm(forms.ModelForm):
    class Meta:
        model = ForumQuestion
        fields = ["question", "asked_by", "answer", "answered_by"]
        widgets = {"question": forms.Textarea(attrs={"rows": 2}), "answer": forms.Textarea(attrs={"rows": 2})}


class RiskSiteForm(forms.ModelForm):
    class Meta:
        model = RiskSite
        fields = [
            "village", "name", "kind", "location", "latitude", "longitude", "risk",
            "has_fence", "has_sign", "other_measures", "last_checked", "note",
        ]  # fmt: skip
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, villages=None, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self)
        self.fields["village"].queryset = villages


class TrainingForm(forms.ModelForm):
    class Meta:
        model = Training
        fields = ["commune", "date", "topic", "organiser", "place", "attendees", "other_attendees"]
        widgets = {"attendees": forms.CheckboxSelectMultiple, "other_attendees": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, communes=None, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        _dates(self)
        self.fields["commune"].queryset = communes
        self.fields["attendees"].queryset = users


class AssessmentStartForm(forms.Form):
    commune = forms.ModelChoiceField(label=_("commune"), queryset=Area.objects.none())
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)

    def __init__(self, *args, communes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
