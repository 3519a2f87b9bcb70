"""Forms of the plan: they clean and convert; the services decide."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import Area, Unit
from children.models import Child, CircumstanceGroup
from core.fields import CountField, DateField, MoneyField
from core.forms import BLANK, FilterForm, Form, ModelForm
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


def own_fields_field(model) -> forms.MultipleChoiceField:
    """Tick the values that are the commune's own entry, not the issued plan's (shown as such)."""
    return forms.MultipleChoiceField(
        label=_("Entered by the commune (not in the issued plan)"),
        choices=[(name, model._meta.get_field(name).verbose_name) for name in model.OWN_FIELD_CHOICES],
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )


class PlanForm(ModelForm):
    own_fields = own_fields_field(Plan)

    class Meta:
        model = Plan
        fields = [
            "year", "number", "issued_on", "own_fields", "title", "implements", "purpose", "requirements", "funding",
            "reporting", "closing",
        ]  # fmt: skip
        widgets = {
            f: forms.Textarea(attrs={"rows": 3})
            for f in ("implements", "purpose", "requirements", "funding", "reporting", "closing")
        }


class PlanCopyForm(Form):
    year = forms.IntegerField(label=_("year of the new plan"), min_value=2000, max_value=2100)


class ApproveForm(Form):
    signer_name = forms.CharField(label=_("signed by (name as printed)"), max_length=120, required=False)


class TargetForm(ModelForm):
    own_fields = own_fields_field(Target)

    class Meta:
        model = Target
        fields = [
            "order", "title", "continues_previous", "kind", "goal", "indicator", "measure", "responsible", "own_fields",
        ]  # fmt: skip
        field_classes = {"goal": MoneyField}
        widgets = {"title": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, commune=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = Unit.objects.filter(commune=commune, is_active=True)


class TargetValueForm(ModelForm):
    class Meta:
        model = TargetValue
        fields = ["village", "as_of", "numerator", "denominator", "source", "evidence"]
        field_classes = {"numerator": CountField, "denominator": CountField}

    def __init__(self, *args, villages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages if villages is not None else Area.objects.none()
        self.fields["village"].empty_label = _("the whole commune")

    def clean(self):
        data = super().clean()
        n, d = data.get("numerator"), data.get("denominator")
        if n is not None and d is not None and n > d:
            self.add_error("numerator", _("The number reached cannot be larger than the total."))
        return data


class ActivityForm(ModelForm):
    class Meta:
        model = Activity
        fields = ["number", "title", "description"]
        widgets = {"description": forms.Textarea(attrs={"rows": 6})}


class AssignmentForm(ModelForm):
    own_fields = own_fields_field(Assignment)

    class Meta:
        model = Assignment
        fields = ["activity", "unit", "task", "due_date", "budget", "own_fields"]
        field_classes = {"budget": MoneyField}
        widgets = {"task": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["activity"].queryset = plan.activities.all()
        self.fields["unit"].queryset = Unit.objects.filter(commune=plan.commune, is_active=True)


class AssignmentUpdateForm(Form):
    status = forms.ChoiceField(label=_("status"), choices=Assignment.Status.choices)
    note = forms.CharField(label=_("progress note"), widget=forms.Textarea(attrs={"rows": 3}), required=False)
    done_on = DateField(label=_("done on"), required=False)


class EvidenceForm(Form):
    file = forms.FileField(label=_("file (PDF, JPG or PNG, up to 5 MB)"))
    caption = forms.CharField(label=_("caption"), max_length=300, required=False)

    def clean_file(self):
        uploaded = self.cleaned_data["file"]
        try:
            check_document(uploaded)
        except ValidationError as exc:
            raise ValidationError(exc.message_dict["file"]) from None
        return uploaded


class EventForm(ModelForm):
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
        field_classes = {"budget": MoneyField, "participants": CountField}
        widgets = {"note": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, plan=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].queryset = Unit.objects.filter(commune=plan.commune, is_active=True)
        self.fields["activity"].queryset = plan.activities.all()


class EventPaymentForm(Form):
    amount = MoneyField(label=_("amount (VND)"), min_value=1)
    purpose = forms.CharField(label=_("purpose"), max_length=400)


class GiftListForm(ModelForm):
    class Meta:
        model = GiftList
        fields = ["title", "default_gift", "default_value"]
        field_classes = {"default_value": MoneyField}


class ChildFilterForm(FilterForm):
    """Choose children from the registry for a gift list."""

    village = forms.ModelChoiceField(label=_("village"), queryset=Area.objects.none(), required=False)
    circumstance = forms.ModelChoiceField(
        label=_("special circumstance"),
        queryset=CircumstanceGroup.objects.all(),
        required=False,
    )
    special_only = forms.BooleanField(label=_("only children in special circumstances"), required=False)
    poverty = forms.ChoiceField(label=_("household"), choices=[BLANK, *Child.Poverty.choices], required=False)
    max_age = forms.IntegerField(label=_("aged at most"), min_value=0, max_value=15, required=False)

    def __init__(self, *args, villages=None, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages if villages is not None else Area.objects.none()
        if groups is not None:
            self.fields["circumstance"].queryset = groups


class GiftAddForm(Form):
    children = forms.ModelMultipleChoiceField(
        label=_("children"), queryset=Child.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    gift = forms.CharField(label=_("gift"), max_length=200)
    value = MoneyField(label=_("value per child (VND)"))

    def __init__(self, *args, children=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = children if children is not None else Child.objects.none()


class ForumForm(Form):
    """A Children's Forum; the Circular's minimums and ratios are checked here and in the service."""

    date = DateField(label=_("date"))
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
    consent_on = DateField(label=_("consent collected on"))
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


class ForumQuestionForm(ModelForm):
    class Meta:
        model = ForumQuestion
        fields = ["question", "asked_by", "answer", "answered_by"]
        widgets = {"question": forms.Textarea(attrs={"rows": 2}), "answer": forms.Textarea(attrs={"rows": 2})}


class RiskSiteForm(ModelForm):
    class Meta:
        model = RiskSite
        fields = [
            "village", "name", "kind", "location", "latitude", "longitude", "risk",
            "has_fence", "has_sign", "other_measures", "last_checked", "note",
        ]  # fmt: skip
        widgets = {"note": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, villages=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages


class TrainingForm(ModelForm):
    class Meta:
        model = Training
        fields = [
            "commune", "date", "kind", "topic", "children_reached", "organiser", "place", "attendees", "other_attendees",
        ]  # fmt: skip
        field_classes = {"children_reached": CountField}
        widgets = {"attendees": forms.CheckboxSelectMultiple, "other_attendees": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, communes=None, users=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        self.fields["attendees"].queryset = users


class AssessmentStartForm(Form):
    commune = forms.ModelChoiceField(label=_("commune"), queryset=Area.objects.none())
    year = forms.IntegerField(label=_("year"), min_value=2000, max_value=2100)

    def __init__(self, *args, communes=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
