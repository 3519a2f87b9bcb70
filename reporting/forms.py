"""Forms of the reporting pages: they only clean and convert; the services apply the rules."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.fields import CountField, DateField, MoneyField, YearField
from core.forms import Form, ModelForm

from .models import Indicator, Period


class ReportForm(Form):
    """The narrative of a report plus one number field per typed figure (built from the table)."""

    number = forms.CharField(
        label=_("Document number"), max_length=30, required=False, help_text=_('e.g. "15/BC-UBND"')
    )
    results = forms.CharField(label=_("Results"), required=False, widget=forms.Textarea(attrs={"rows": 5}))
    difficulties = forms.CharField(label=_("Difficulties"), required=False, widget=forms.Textarea(attrs={"rows": 3}))
    proposals = forms.CharField(label=_("Proposals"), required=False, widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, rows, with_number: bool, disabled: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if not with_number:
            del self.fields["number"]
        self.value_names = []
        for row in rows:
            for cell in row.cells:
                if not cell.editable:
                    continue
                label = f"{row.indicator.code} {row.indicator.name} — {cell.label}"
                field_class = MoneyField if row.indicator.unit == Indicator.Unit.VND else CountField
                self.fields[cell.name] = field_class(label=label, required=False, initial=cell.value)
                self.value_names.append(cell.name)
        if disabled:
            for f in self.fields.values():
                f.disabled = True

    def values(self) -> dict:
        return {name: self.cleaned_data.get(name) for name in self.value_names}

    def narrative(self) -> dict:
        keys = ["results", "difficulties", "proposals", "number"]
        return {k: (self.cleaned_data.get(k) or "").strip() for k in keys if k in self.fields}


class CommentForm(Form):
    comment = forms.CharField(label=_("Comments"), widget=forms.Textarea(attrs={"rows": 3}))


class PeriodForm(ModelForm):
    class Meta:
        model = Period
        fields = ["title", "start", "end", "opens_on", "deadline", "closes_on"]


class YearForm(Form):
    year = YearField(label=_("Year"))


class AdhocForm(Form):
    title = forms.CharField(label=_("Subject"), max_length=200)
    deadline = DateField(label=_("Send by"))


class MergeForm(Form):
    """Merge communes into an existing commune or a new one (code and name) on a day; or move only
    some villages to an existing commune (a village moving alone)."""

    sources = forms.ModelMultipleChoiceField(label=_("Communes to merge"), queryset=None, required=False)
    villages = forms.ModelMultipleChoiceField(
        label=_("Or only these villages"), queryset=None, required=False,
        help_text=_("A village moving alone to an existing commune: choose it here and the commune above."),
    )  # fmt: skip
    target = forms.ModelChoiceField(
        label=_("Into an existing commune"), queryset=None, required=False,
        help_text=_("Leave empty to create a new commune with the code and name below."),
    )  # fmt: skip
    code = forms.CharField(label=_("Code of the new commune"), max_length=20, required=False)
    name = forms.CharField(label=_("Name of the new commune"), max_length=120, required=False)
    on_date = DateField(label=_("First day of the new commune"))

    def __init__(self, *args, communes, villages, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sources"].queryset = communes
        self.fields["target"].queryset = communes
        self.fields["villages"].queryset = villages
        for name in ("sources", "villages"):
            self.fields[name].widget = forms.CheckboxSelectMultiple()
            self.fields[name].widget.choices = self.fields[name].choices

    def clean(self):
        data = super().clean()
        if data.get("sources") and data.get("villages"):
            raise forms.ValidationError(_("Choose communes to merge or villages to move, not both."))
        if not data.get("sources") and not data.get("villages"):
            raise forms.ValidationError(_("Choose the communes to merge, or the villages to move."))
        if data.get("villages") and not data.get("target"):
            self.add_error("target", _("Choose the commune the villages move to."))
        elif not data.get("target") and not (data.get("code") and data.get("name")):
            raise forms.ValidationError(_("Choose an existing commune, or give the code and the name of the new one."))
        return data


class OpenYearForm(Form):
    """The new-year step: which commune (preselected when there is one) and which year."""

    commune = forms.ModelChoiceField(label=_("Commune"), queryset=None)
    year = YearField(label=_("Year"))

    def __init__(self, *args, communes, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["commune"].queryset = communes
        if communes.count() == 1:
            self.fields["commune"].initial = communes.first().pk
