"""Forms of the registry: they clean and convert; the services in ``services.py`` decide and save."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.fields import DateField, MoneyField
from core.forms import BLANK, Form, ModelForm

from .models import (
    ADULT_AGE,
    Adoption,
    BirthRegistration,
    Child,
    ChildCircumstance,
    Disability,
    Guardian,
    HealthInsurance,
    HealthScreening,
    Support,
    age_on,
    phone_validator,
)
from .text import clean_text, normalise_name


class _Helper(FormHelper):
    def __init__(self, submit_label):
        super().__init__()
        self.add_input(Submit("save", submit_label, css_class="btn btn-primary"))


class ChildForm(ModelForm):
    """Register or edit a child. The village list is limited to where the user may register children."""

    class Meta:
        model = Child
        fields = [
            "full_name",
            "date_of_birth",
            "sex",
            "ethnicity",
            "personal_id",
            "village",
            "address",
            "poverty",
            "schooling",
            "school_name",
            "notes",
        ]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    # Wider than the stored 12 digits so "0202 1900 0001" can be typed; cleaned to digits below.
    personal_id = forms.CharField(
        label=_("Personal identification number"), required=False, max_length=20, help_text=_("12 digits, when known.")
    )

    def __init__(self, *args, villages, submit_label=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["village"].queryset = villages
        self.fields["personal_id"].widget.attrs.update({"inputmode": "numeric", "autocomplete": "off"})
        self.helper = _Helper(submit_label or _("Save"))
        self.helper.form_tag = False

    def clean_full_name(self):
        name = normalise_name(self.cleaned_data["full_name"])
        if len(name.split(" ")) < 2:
            raise forms.ValidationError(_("Enter the full name: family name and given name."))
        return name

    def clean_personal_id(self):
        value = clean_text(self.cleaned_data.get("personal_id")).replace(" ", "").replace(".", "")
        return value or None

    def clean_date_of_birth(self):
        born = self.cleaned_data["date_of_birth"]
        today = timezone.localdate()
        if born > today:
            raise forms.ValidationError(_("The date of birth cannot be in the future."))
        if self.instance.pk is None and age_on(born, today) >= ADULT_AGE:
            raise forms.ValidationError(_("This person is already 16 or older; the registry is for children under 16."))
        return born

    def validate_unique(self):
        """The personal ID's uniqueness is decided by the service (it also names the existing record)."""


class ChildRegisterForm(ChildForm):
    """Registration also takes the main guardian, and a confirmation when a possible duplicate exists."""

    guardian_name = forms.CharField(label=_("Main guardian: full name"), max_length=120, required=False)
    guardian_relation = forms.ChoiceField(
        label=_("Main guardian: relation"), choices=[BLANK, *Guardian.Relation.choices], required=False
    )
    guardian_phone = forms.CharField(
        label=_("Main guardian: phone"), max_length=20, required=False, validators=[phone_validator]
    )
    confirm_duplicate = forms.BooleanField(
        label=_("I have checked the records above: this is a different child, register it."),
        required=False,
    )

    def __init__(self, *args, show_confirm=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_confirm:
            self.fields["confirm_duplicate"].widget = forms.HiddenInput()

    def clean(self):
        data = super().clean()
        name, relation = data.get("guardian_name"), data.get("guardian_relation")
        if name and not relation:
            self.add_error("guardian_relation", _("Choose how the guardian is related to the child."))
        if (relation or data.get("guardian_phone")) and not name:
            self.add_error("guardian_name", _("Enter the guardian's full name."))
        return data

    def child_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}

    def guardians(self) -> list[dict]:
        data = self.cleaned_data
        if not data.get("guardian_name"):
            return []
        return [
            {
                "full_name": normalise_name(data["guardian_name"]),
                "relation": data["guardian_relation"],
                "phone": data.get("guardian_phone", ""),
                "is_primary": True,
            }
        ]


class ChildEditForm(ChildForm):
    confirm_duplicate = forms.BooleanField(
        label=_("I have checked the records above: this is a different child, save it."), required=False
    )

    def __init__(self, *args, show_confirm=False, **kwargs):
        super().__init__(*args, **kwargs)
        if not show_confirm:
            self.fields["confirm_duplicate"].widget = forms.HiddenInput()

    def child_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self.Meta.fields}


class SearchFirstForm(Form):
    """Search before create (Primero): look for the child by name and date of birth first."""

    full_name = forms.CharField(label=_("Full name"), max_length=120)
    date_of_birth = DateField(label=_("Date of birth"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_method = "get"
        self.helper.disable_csrf = True
        self.helper.add_input(Submit("", _("Search the registry"), css_class="btn btn-primary"))


class ArchiveForm(Form):
    reason = forms.CharField(
        label=_("Reason for archiving"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("For example: moved away (where to), died, registered twice (name the other record)."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _Helper(_("Archive"))
        self.helper.form_tag = False


class RejectReportForm(Form):
    reason = forms.CharField(
        label=_("Reason for rejecting"),
        max_length=300,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("The village head reads it: for example already registered (name the record), not living here."),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _Helper(_("Reject"))
        self.helper.form_tag = False


# --- records about a child --------------------------------------------------------------------


class RecordForm(ModelForm):
    """Base of the forms for one record about a child (the instance carries the child)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = _Helper(_("Save"))
        self.helper.form_tag = False

    def record_fields(self) -> dict:
        return {name: self.cleaned_data[name] for name in self._meta.fields}


class GuardianForm(RecordForm):
    class Meta:
        model = Guardian
        fields = ["full_name", "relation", "phone", "is_primary"]

    def clean_full_name(self):
        return normalise_name(self.cleaned_data["full_name"])


class CircumstanceForm(RecordForm):
    class Meta:
        model = ChildCircumstance
        fields = ["group", "subgroup", "start_date", "end_date", "note"]
        help_texts = {
            "subgroup": _(
                "Where Decree 56/2017/NĐ-CP divides the group, e.g. 'orphaned of the father, mother missing'."
            ),
            "end_date": _("Leave empty while the circumstance lasts."),
        }

    def __init__(self, *args, groups=None, **kwargs):
        super().__init__(*args, **kwargs)
        if groups is not None:
            self.fields["group"].queryset = groups

    def clean(self):
        data = super().clean()
        start, end = data.get("start_date"), data.get("end_date")
        if start and end and end < start:
            self.add_error("end_date", _("The end date is before the start date."))
        return data


class DisabilityForm(RecordForm):
    class Meta:
        model = Disability
        fields = ["type", "level", "certified_on", "note"]


class InsuranceForm(RecordForm):
    class Meta:
        model = HealthInsurance
        fields = ["card_number", "valid_from", "valid_to"]

    def clean_card_number(self):
        return clean_text(self.cleaned_data["card_number"]).replace(" ", "").upper()

    def clean(self):
        data = super().clean()
        start, end = data.get("valid_from"), data.get("valid_to")
        if start and end and end < start:
            self.add_error("valid_to", _("The card expires before it starts."))
        return data


class ScreeningForm(RecordForm):
    class Meta:
        model = HealthScreening
        fields = ["date", "condition", "result", "referral"]

    def clean_date(self):
        day = self.cleaned_data["date"]
        if day > timezone.localdate():
            raise forms.ValidationError(_("The date cannot be later than today."))
        return day


class BirthRegistrationForm(RecordForm):
    class Meta:
        model = BirthRegistration
        fields = ["registered_on", "place", "book_number"]

    def clean_registered_on(self):
        day = self.cleaned_data["registered_on"]
        child = self.instance.child
        if child and day < child.date_of_birth:
            raise forms.ValidationError(_("The registration date is before the date of birth."))
        return day


class AdoptionForm(RecordForm):
    class Meta:
        model = Adoption
        fields = ["registered_on", "kind", "adoptive_parents", "note"]


class SupportForm(RecordForm):
    class Meta:
        model = Support
        fields = ["kind", "date", "amount", "source", "note"]
        help_texts = {"amount": _("Whole đồng, when the support is money. Leave empty for support in kind.")}

    amount = MoneyField(label=_("amount (VND)"), required=False, min_value=1)

    def __init__(self, *args, kinds=None, **kwargs):
        super().__init__(*args, **kwargs)
        if kinds is not None:
            self.fields["kind"].choices = [BLANK, *(c for c in Support.Kind.choices if c[0] in kinds)]


RECORD_FORMS = {
    "guardian": GuardianForm,
    "circumstance": CircumstanceForm,
    "disability": DisabilityForm,
    "insurance": InsuranceForm,
    "screening": ScreeningForm,
    "birth-registration": BirthRegistrationForm,
    "adoption": AdoptionForm,
    "support": SupportForm,
}
