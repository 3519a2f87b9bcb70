"""Forms for consent, legal basis, the representative's requests and the access-log filter.
They clean and convert; ``children/privacy/services.py`` decides and saves."""

from crispy_forms.helper import FormHelper
from crispy_forms.layout import Submit
from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import AccessLog, Area
from core.fields import DateField
from core.forms import BLANK, FilterForm, Form

from ..models import Guardian
from .models import Basis, Purpose, RightsRequest


class _Form(Form):
    submit_label = _("Save")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.helper = FormHelper()
        self.helper.form_tag = False
        self.helper.add_input(Submit("save", self.submit_label, css_class="btn btn-primary"))


class ConsentForm(_Form):
    submit_label = _("Record the consent")

    purposes = forms.ModelMultipleChoiceField(
        label=_("for these purposes"), queryset=Purpose.objects.none(), widget=forms.CheckboxSelectMultiple
    )
    guardian = forms.ModelChoiceField(label=_("given by (guardian of the child)"), queryset=Guardian.objects.none())
    given_on = DateField(label=_("consent given on"))
    child_agreed = forms.BooleanField(
        label=_("the child also agreed"),
        required=False,
        help_text=_("Needed from the age set in the rules (7 years under Law 91/2025/QH15, Art. 24)."),
    )
    document = forms.CharField(
        label=_("written form"),
        max_length=150,
        required=False,
        help_text=_("Its number, or where the signed paper is kept."),
    )

    def __init__(self, *args, purposes, guardians, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["purposes"].queryset = purposes
        self.fields["guardian"].queryset = guardians


class WithdrawForm(_Form):
    submit_label = _("Record the withdrawal")

    withdrawn_on = DateField(label=_("withdrawn on"))
    note = forms.CharField(
        label=_("by whom and how"), max_length=300, help_text=_("For example: the mother, in writing, at the office.")
    )


class BasisForm(_Form):
    purpose = forms.ModelChoiceField(label=_("purpose"), queryset=Purpose.objects.all())
    basis = forms.ChoiceField(label=_("legal basis"), choices=Basis.choices, widget=forms.RadioSelect)
    citation = forms.CharField(
        label=_("legal source"), max_length=500, required=False, help_text=_("Required for a legal duty.")
    )
    note = forms.CharField(label=_("note"), max_length=300, required=False)


class RightsRequestForm(_Form):
    submit_label = _("Record the request")

    kind = forms.ChoiceField(label=_("request"), choices=RightsRequest.Kind.choices, widget=forms.RadioSelect)
    requested_by = forms.CharField(label=_("requested by"), max_length=120)
    relation = forms.ChoiceField(label=_("relation to the child"), choices=Guardian.Relation.choices)
    received_on = DateField(label=_("received on"))
    details = forms.CharField(
        label=_("what is asked"),
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=_("Which data, and what it should say (or that it should be deleted)."),
    )


class DecideForm(_Form):
    submit_label = _("Record the decision")

    decision = forms.ChoiceField(
        label=_("decision"),
        choices=[("accept", _("accept: it will be carried out")), ("refuse", _("refuse"))],
        widget=forms.RadioSelect,
    )
    decided_on = DateField(label=_("decided on"))
    reason = forms.CharField(
        label=_("reason"),
        widget=forms.Textarea(attrs={"rows": 2}),
        required=False,
        help_text=_("Required when refusing: for example, the data is kept under a legal duty."),
    )


class CompleteForm(_Form):
    submit_label = _("Record that it was done")

    done_on = DateField(label=_("done on"))
    outcome = forms.CharField(label=_("what was done"), widget=forms.Textarea(attrs={"rows": 2}))


class AccessLogFilterForm(FilterForm):
    area = forms.ModelChoiceField(label=_("Area"), queryset=Area.objects.none(), required=False)
    action = forms.ChoiceField(label=_("Action"), choices=[BLANK, *AccessLog.Action.choices], required=False)
    start = DateField(label=_("From"), required=False)
    end = DateField(label=_("To"), required=False)

    def __init__(self, *args, areas, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].queryset = areas
