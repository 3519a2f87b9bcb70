"""Forms of the fund ledger: they clean and convert input; the services decide."""

from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts import scope
from children.picker import ChildByIdField, ChildPickerField, bind_pickers
from core.fields import DateField, MoneyField, YearField
from core.forms import BLANK, FilterForm, Form, ModelForm

from .models import Entry


def _category_choices():
    labels = dict(Entry.Category.choices)
    return [
        BLANK,
        (str(_("Receipts")), [(c.value, labels[c]) for c in Entry.RECEIPT_CATEGORIES]),
        (str(_("Disbursements")), [(c.value, labels[c]) for c in Entry.DISBURSEMENT_CATEGORIES]),
    ]


class EntryForm(ModelForm):
    amount = MoneyField(label=_("Amount (VND)"), min_value=1, help_text=_("Whole đồng, e.g. 1.250.000."))

    class Meta:
        model = Entry
        fields = [
            "kind",
            "entry_date",
            "amount",
            "category",
            "counterparty",
            "counterparty_address",
            "purpose",
            "child",
        ]
        widgets = {"purpose": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, fund, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["category"].choices = _category_choices()
        help_text = _("Only for a payment to one child; it is recorded as support in the registry.")
        current = self.instance.child if self.instance.child_id else None
        if scope.can(user, "registry.view", fund.commune):
            # Those who read the registry pick the child by search (never a list of every child).
            self.fields["child"] = ChildPickerField(
                user=user, purpose="fund", within=fund.commune, required=False, label=_("Child"), help_text=help_text
            )
            bind_pickers(self)
        else:
            # The accountant names a child by the ID they hold, or keeps the child the officer named.
            self.beneficiary = current
            self.fields["child"] = ChildByIdField(
                commune=fund.commune,
                current=current,
                label=_("Personal identification number of the child"),
                help_text=help_text,
            )
        if self.instance.pk and self.instance.is_reversal:
            for name in ("kind", "amount", "category", "counterparty", "counterparty_address", "child"):
                self.fields[name].disabled = True

    def clean_entry_date(self):
        day = self.cleaned_data["entry_date"]
        if day and not (date(2000, 1, 1) <= day <= date(2100, 12, 31)):
            raise ValidationError(_("Enter a date between 2000 and 2100."))
        return day


class ReasonForm(Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Give the reason.")},
    )


class ReverseForm(ReasonForm):
    entry_date = DateField(label=_("Date of the reversing entry"))


class AttachmentForm(Form):
    file = forms.FileField(
        label=_("Scanned document (PDF, JPG or PNG, at most 5 MB)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".pdf,.jpg,.jpeg,.png"}),
    )


class PeriodForm(Form):
    start = DateField(label=_("From"))
    end = DateField(label=_("To"))

    def clean(self):
        data = super().clean()
        if data.get("start") and data.get("end") and data["end"] < data["start"]:
            raise ValidationError(_("The end of the period is before its start."))
        return data


class YearOpenForm(Form):
    year = YearField(label=_("Year"))


class EntryFilterForm(FilterForm):
    """The filter above a fund's entries; a value that is not valid filters nothing and says why."""

    status = forms.ChoiceField(label=_("Status"), choices=[BLANK, *Entry.Status.choices], required=False)
    kind = forms.ChoiceField(label=_("Kind"), choices=[BLANK, *Entry.Kind.choices], required=False)
    year = YearField(label=_("Year"), required=False)

    def filters(self) -> dict:
        """status, kind and year as chosen; "" or None for each one missing or not valid."""
        self.is_valid()
        data = self.cleaned_data
        return {"status": data.get("status") or "", "kind": data.get("kind") or "", "year": data.get("year")}
