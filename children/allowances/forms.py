"""Forms of the allowance pages: the month and area of a list, confirming a proposal, ending, paying."""

import re
from datetime import date

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from core.forms import FilterForm, Form

from .models import EndReason

MONTH_RE = re.compile(r"^\s*(\d{1,2})\s*[/.-]\s*(\d{4})\s*$|^\s*(\d{4})-(\d{1,2})\s*$")


def parse_month(value: str) -> date:
    """ "12/2026", "12-2026" or "2026-12" → 01/12/2026; a clear error otherwise."""
    match = MONTH_RE.match(value or "")
    if not match:
        raise ValidationError(_("Enter the month as mm/yyyy, e.g. 07/2024."))
    month, year = (match.group(1), match.group(2)) if match.group(1) else (match.group(4), match.group(3))
    month, year = int(month), int(year)
    if not 1 <= month <= 12 or not 2000 <= year <= 2100:
        raise ValidationError(_("Enter the month as mm/yyyy, e.g. 07/2024."))
    return date(year, month, 1)


class MonthField(forms.CharField):
    def __init__(self, **kwargs):
        kwargs.setdefault("widget", forms.TextInput(attrs={"placeholder": "mm/yyyy", "inputmode": "numeric"}))
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value)
        return parse_month(value) if value else None

    def prepare_value(self, value):
        return f"{value:%m/%Y}" if isinstance(value, date) else value


class ListForm(FilterForm):
    area = forms.ChoiceField(label=_("Area"), required=False)
    month = MonthField(label=_("Month"), required=False)

    def __init__(self, *args, areas=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["area"].choices = [(str(a.pk), a.name) for a in areas]


class ConfirmForm(Form):
    decision_number = forms.CharField(label=_("Decision number"), max_length=50)
    decision_date = forms.DateField(label=_("Decision date"))
    decision_issuer = forms.CharField(label=_("Issued by"), max_length=200)
    start_month = MonthField(
        label=_("Paid from (month)"),
        required=False,
        help_text=_("Empty: the month of the decision. An earlier month is paid in arrears."),
    )


class EndForm(Form):
    reason = forms.ChoiceField(label=_("Why it ends"), choices=[("", "")] + list(EndReason.choices))
    on = forms.DateField(label=_("Date of the event or decision"))
    note = forms.CharField(label=_("Decision or note"), max_length=300, required=False)


class PayForm(Form):
    paid_on = forms.DateField(label=_("Paid on"))
    payer = forms.CharField(label=_("Paid by"), max_length=120)
