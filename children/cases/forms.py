"""Forms of the case file. They only clean and convert; the rules live in ``services.py``."""

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts.models import Area, Unit, User
from children.models import Child, Ethnicity
from children.picker import ChildrenPickerField, bind_pickers, pickable
from core.fields import DateField, DateTimeField
from core.forms import BLANK, FilterForm, Form, bootstrap_widgets

from . import selectors
from .models import Case, CaseStep, PlanService, Stage


def date_field(label, required=True, **kw):
    return DateField(label=label, required=required, **kw)


def datetime_field(label, **kw):
    return DateTimeField(label=label, **kw)


class OfficerChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj) -> str:
        return obj.display_name


def _officers_for(communes):
    users = None
    for commune in communes:
        qs = selectors.case_officers(commune)
        users = qs if users is None else users | qs
    return (users if users is not None else User.objects.none()).distinct().order_by("full_name", "username")


class CaseDetailsForm(Form):
    """The intake details shared by opening and correcting a case."""

    village = forms.ModelChoiceField(label=_("Village"), queryset=Area.objects.none(), required=False)
    children = ChildrenPickerField(
        label=_("Children of the registry"),
        purpose="case",
        required=False,
        help_text=_("Search by name and pick each child; a child not yet in the registry can be registered below."),
    )
    kind = forms.ChoiceField(label=_("Kind of case"), choices=Case.Kind.choices)
    place = forms.ChoiceField(label=_("Where it happened"), choices=Case.Place.choices)
    source = forms.ChoiceField(label=_("Reported by"), choices=Case.Source.choices)
    reporter = forms.CharField(
        label=_("Name and contact of the person reporting"),
        required=False,
        max_length=200,
        help_text=_("Kept confidential. Leave empty when the person wishes to stay anonymous."),
    )
    alleged_relation = forms.ChoiceField(
        label=_("Alleged to have caused harm"),
        choices=[BLANK, *Case.Relation.choices],
        help_text=_("Their relation to the child; no name is needed."),
    )
    summary = forms.CharField(label=_("What was reported"), widget=forms.Textarea(attrs={"rows": 4}))
    level = forms.ChoiceField(label=_("Protection level"), choices=Case.Level.choices)
    officer = OfficerChoiceField(label=_("Officer in charge"), queryset=Area.objects.none())

    def __init__(self, *args, user, communes, **kwargs):
        super().__init__(*args, **kwargs)
        communes = list(communes)
        self.fields["village"].queryset = Area.objects.filter(kind=Area.Kind.VILLAGE, parent__in=communes).order_by(
            "path"
        )
        self.fields["children"].queryset = pickable(user, "case").filter(village__parent__in=communes)
        bind_pickers(self)
        self.fields["officer"].queryset = _officers_for(communes)


class CaseOpenForm(CaseDetailsForm):
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=Area.objects.none())
    reported_at = datetime_field(_("Reported at"))
    new_full_name = forms.CharField(label=_("Full name"), required=False, max_length=120)
    new_date_of_birth = date_field(_("Date of birth"), required=False)
    new_sex = forms.ChoiceField(label=_("Sex"), choices=[BLANK, *Child.Sex.choices], required=False)
    new_ethnicity = forms.ModelChoiceField(label=_("Ethnicity"), queryset=Ethnicity.objects.all(), required=False)
    new_village = forms.ModelChoiceField(label=_("Village of the child"), queryset=Area.objects.none(), required=False)
    confirm_duplicate = forms.BooleanField(
        label=_("Register the new child even though a similar child exists"), required=False
    )

    field_order = ["commune", "reported_at", "source", "reporter", "kind", "place", "alleged_relation", "summary"]

    def __init__(self, *args, user, **kwargs):
        communes = selectors.case_communes(user)
        super().__init__(*args, user=user, communes=communes, **kwargs)
        self.fields["commune"].queryset = communes
        if len(communes) == 1:
            self.fields["commune"].initial = communes[0]
        self.fields["new_village"].queryset = self.fields["village"].queryset
        self.fields["officer"].initial = user if user in self.fields["officer"].queryset else None
        self.fields["reported_at"].initial = timezone.localtime().replace(second=0, microsecond=0)

    def clean(self):
        data = super().clean()
        if data.get("new_full_name"):
            missing = {
                "new_date_of_birth": _("Give the new child's date of birth."),
                "new_sex": _("Give the new child's sex."),
                "new_ethnicity": _("Give the new child's ethnicity."),
                "new_village": _("Give the new child's village."),
            }
            for name, message in missing.items():
                if not data.get(name):
                    self.add_error(name, message)
        return data

    def new_child(self) -> dict | None:
        d = self.cleaned_data
        if not d.get("new_full_name"):
            return None
        return {
            "full_name": d["new_full_name"],
            "date_of_birth": d["new_date_of_birth"],
            "sex": d["new_sex"],
            "ethnicity": d["new_ethnicity"],
            "village": d["new_village"],
        }


class StepTimeForm(Form):
    at = datetime_field(_("Done at"))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["at"].initial = timezone.localtime().replace(second=0, microsecond=0)


class VerifyForm(StepTimeForm):
    confirmed = forms.TypedChoiceField(
        label=_("Result of the verification"),
        choices=[("1", _("The report is confirmed")), ("0", _("The report is not confirmed"))],
        coerce=lambda v: v == "1",
        widget=forms.RadioSelect,
    )
    note = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class InitialAssessmentForm(StepTimeForm):
    risk = forms.ChoiceField(label=_("Risk level"), choices=CaseStep.Risk.choices)
    is_emergency = forms.BooleanField(
        label=_("Emergency: the child's life, health or dignity is seriously threatened"), required=False
    )
    emergency_measures = forms.CharField(
        label=_("Emergency measures taken"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )
    separated = forms.BooleanField(label=_("Child temporarily separated from the carer"), required=False)
    separation_place = forms.CharField(label=_("Placed with"), max_length=200, required=False)
    note = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}), required=False)


class DetailedAssessmentForm(StepTimeForm):
    risk = forms.ChoiceField(label=_("Risk level"), choices=CaseStep.Risk.choices)
    note = forms.CharField(
        label=_("Findings: the child's situation and needs"), widget=forms.Textarea(attrs={"rows": 5})
    )


class PlanForm(Form):
    goals = forms.CharField(label=_("Goals and measures"), widget=forms.Textarea(attrs={"rows": 4}))
    first_review_on = date_field(_("First review on"))


class ServiceForm(Form):
    id = forms.IntegerField(widget=forms.HiddenInput, required=False)
    kind = forms.ChoiceField(label=_("Service"), choices=[BLANK, *PlanService.Kind.choices])
    description = forms.CharField(label=_("Description"), max_length=300)
    unit = forms.ModelChoiceField(label=_("Responsible unit"), queryset=Unit.objects.none(), required=False)
    provider = forms.CharField(label=_("Other provider"), max_length=150, required=False)
    start_date = date_field(_("From"))
    end_date = date_field(_("To"))

    def __init__(self, *args, commune=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(commune=commune, is_active=True, village__isnull=True)

    def clean(self):
        data = super().clean()
        if data.get("start_date") and data.get("end_date") and data["end_date"] < data["start_date"]:
            self.add_error("end_date", _("The end date cannot be before the start date."))
        return data


ServiceFormSet = forms.formset_factory(ServiceForm, extra=2, can_delete=True)


class DecisionForm(Form):
    decision = forms.ChoiceField(
        label=_("Decision"),
        choices=[("approve", _("Approve the plan")), ("return", _("Return the plan for changes"))],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label=_("Comment"),
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        help_text=_("Required when the plan is returned."),
    )


class ServiceGivenForm(Form):
    given_on = date_field(_("Given on"))
    note = forms.CharField(label=_("How it was given"), max_length=300, required=False)


class ReviewForm(StepTimeForm):
    outcome = forms.ChoiceField(label=_("Outcome"), choices=CaseStep.ReviewOutcome.choices, widget=forms.RadioSelect)
    next_review_on = date_field(_("Next review on"), required=False)
    note = forms.CharField(label=_("What the review found"), widget=forms.Textarea(attrs={"rows": 4}))


class CloseForm(StepTimeForm):
    reason = forms.ChoiceField(label=_("Reason for closing"), choices=CaseStep.CloseReason.choices)
    note = forms.CharField(label=_("Notes"), widget=forms.Textarea(attrs={"rows": 3}))


class CircumstanceForm(Form):
    child = forms.ModelChoiceField(label=_("Child"), queryset=Child.objects.none())
    start_date = date_field(_("From"))
    end_date = date_field(_("To"), required=False)

    def __init__(self, *args, case: Case, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["child"].queryset = case.children.all()
        self.fields["start_date"].initial = timezone.localdate(case.reported_at)


class HolidayForm(Form):
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=Area.objects.none())
    date = date_field(_("Date"))
    name = forms.CharField(label=_("Name"), max_length=150)

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        if len(communes) == 1:
            self.fields["commune"].initial = communes[0]
            self.fields["commune"].widget = forms.HiddenInput()


class CaseFilterForm(FilterForm):
    q = forms.CharField(label=_("Case number"), required=False)
    stage = forms.ChoiceField(label=_("Stage"), choices=[BLANK, *Stage.choices], required=False)
    kind = forms.ChoiceField(label=_("Kind of case"), choices=[BLANK, *Case.Kind.choices], required=False)
    open = forms.BooleanField(label=_("Open cases only"), required=False)
    overdue = forms.BooleanField(label=_("Overdue only"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        bootstrap_widgets(self)  # drawn by a plain template (cases/_list_body.html)


class PeriodForm(Form):
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none())
    start = date_field(_("From"))
    end = date_field(_("To"))

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            self.add_error("end", _("The end date cannot be before the start date."))
        return data
