"""Form helpers shared by every app: the base classes every form of the portal derives from, and
the one place that turns a service's ``ValidationError`` into form errors.

``Form`` and ``ModelForm`` (forms that enter or change data) and ``FilterForm`` (forms that narrow a
list) decide, in one place, how a form reads dates and shows its choices:

* every date box reads dates the way ``core.fields.parse_date`` does (also the date fields Django
  makes from a model), and shows them as dd/mm/yyyy;
* an empty choice reads "— chọn —" in a form and "Tất cả" in a filter (Django's "---------"
  never shows);
* in a form, a required drop-down without a starting value begins on "— chọn —", so nothing is
  chosen for the user (the kind of a protection case, who is alleged to have caused harm…), and a
  required drop-down with exactly one possible choice (the officer's only commune) is preselected.
"""

from pathlib import Path

import django.forms
from django import forms
from django.core.exceptions import ValidationError
from django.db.models.fields import BLANK_CHOICE_DASH
from django.forms.renderers import DjangoTemplates
from django.forms.utils import pretty_name
from django.utils.functional import cached_property
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import pgettext_lazy

from .fields import DateField, DateInput, DateTimeField, DateTimeInput, IdField, YearField

FORM_EMPTY = pgettext_lazy("empty choice in a form", "— choose —")
FILTER_EMPTY = pgettext_lazy("empty choice in a filter", "All")
DASH = BLANK_CHOICE_DASH[0][1]  # Django's "---------": never shown, replaced by one of the above
BLANK = ("", DASH)  # an empty choice to put first in a list of choices; the form gives it its label


def attach_errors(form, error: ValidationError) -> None:
    """Show a service's ``ValidationError`` on ``form``: on its field when the form has that field,
    otherwise at the top of the form. Services raise; views call this; forms only clean."""
    if hasattr(error, "error_dict"):
        for name, errors in error.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, error)


def query_value(params, name: str, field: forms.Field, default=None):
    """One typed value from the address (``request.GET``) or a post, read by a form ``field``:
    ``default`` when it is missing, empty or not valid (a year 10000, a date 01/01/0001, "abc" for
    an id), so a hand-edited address shows the default page instead of failing. A value a user
    types into a form belongs in a form, whose errors are shown; this is for links and selects."""
    raw = params.get(name)
    if raw is None:
        return default
    try:
        value = field.clean(raw)
    except ValidationError:
        return default
    return default if value in field.empty_values else value


def year_param(params, name: str = "year", default=None, **bounds):
    """``?year=2024`` as an int between 2000 and five years ahead (see ``core.fields.YearField``)."""
    return query_value(params, name, YearField(required=False, **bounds), default)


def id_param(params, name: str, default=None):
    """``?village=12`` as an id, or ``default``: whether the record exists is for the caller."""
    return query_value(params, name, IdField(required=False), default)


def id_list(params, name: str) -> list[int]:
    """Every valid id posted under ``name`` (ticked boxes); anything else is left out."""
    ids = []
    for raw in params.getlist(name):
        value = query_value({name: raw}, name, IdField(required=False))
        if value is not None:
            ids.append(value)
    return ids


def _portal_date_field(field):
    """The same field, reading dates with ``core.fields`` (Django's own reads only dd/mm/yyyy)."""
    if type(field) is forms.DateField:
        new_class, widget_class = DateField, DateInput
    elif type(field) is forms.DateTimeField:
        new_class, widget_class = DateTimeField, DateTimeInput
    else:
        return field
    hidden = field.widget.is_hidden
    new = new_class(
        required=field.required,
        label=field.label,
        initial=field.initial,
        help_text=field.help_text,
        disabled=field.disabled,
        show_hidden_initial=field.show_hidden_initial,
        widget=field.widget if hidden else widget_class,
    )
    new.validators = list(field.validators)
    return new


def _name_choice_errors(name: str, field) -> None:
    """A value not in a list names its field, like every typed value (``core.fields``): "Giới tính:
    “X” không phải là một lựa chọn hợp lệ.", not Django's sentence that names no field. The value is
    cut at 40 characters."""
    if not isinstance(field, (forms.ChoiceField, forms.ModelChoiceField)):  # the multiple ones included
        return
    label = capfirst(str(field.label or pretty_name(name))).replace("%", "%%")
    message = _("%(field)s: “%(value)s” is not a valid choice.")
    field.error_messages = {
        **field.error_messages,
        "invalid_choice": message % {"field": label, "value": "%(value).40s"},
        "invalid_pk_value": message % {"field": label, "value": "%(pk).40s"},  # a list of records: not an id
    }


def _is_drop_down(field) -> bool:
    widget = field.widget
    return (
        isinstance(widget, forms.Select)
        and not isinstance(widget, (forms.RadioSelect, forms.SelectMultiple, forms.NullBooleanSelect))
        and not isinstance(field, forms.ModelMultipleChoiceField)
    )


class PortalFormMixin:
    """See the module's docstring. ``empty_label`` is what an empty choice reads."""

    empty_label = FORM_EMPTY
    entering = True  # a form that enters data (not a filter): required choices start empty

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name, field in list(self.fields.items()):
            self.fields[name] = _portal_date_field(field)
            _name_choice_errors(name, field)
        self._choices_settled = False

    def __getitem__(self, name):
        # Choices are settled when the form is first rendered or cleaned, after every __init__
        # (a subclass may set querysets and choices after ours has run).
        if not getattr(self, "_choices_settled", False):
            self._choices_settled = True
            self._settle_choices()
        return super().__getitem__(name)

    def _has_start(self, name, field) -> bool:
        return field.initial not in (None, "") or self.initial.get(name) not in (None, "")

    def _settle_choices(self) -> None:
        for name, field in self.fields.items():
            if not _is_drop_down(field):
                continue
            if isinstance(field, forms.ModelChoiceField):
                self._settle_model_choice(name, field)
                continue
            choices = list(field.choices)
            if choices and choices[0][0] in ("", None) and choices[0][1] == DASH:
                if field.required and self._has_start(name, field):
                    del choices[0]  # nothing to un-choose
                else:
                    choices[0] = ("", self.empty_label)
            elif (
                self.entering
                and field.required
                and not self._has_start(name, field)
                and not any(value in ("", None) for value, _label in choices)
            ):
                choices.insert(0, ("", self.empty_label))
            field.choices = choices

    def _settle_model_choice(self, name, field) -> None:
        if field.required and self._has_start(name, field):
            field.empty_label = None  # nothing to un-choose
        elif field.empty_label == DASH:
            field.empty_label = self.empty_label
        if self.entering and field.required and not self.is_bound and not self._has_start(name, field):
            only = list(field.queryset[:2])
            if len(only) == 1:
                field.initial = only[0].pk
                field.empty_label = None


class Form(PortalFormMixin, forms.Form):
    """A form that enters or changes data."""


class ModelForm(PortalFormMixin, forms.ModelForm):
    """A model form that enters or changes data."""


class FilterForm(PortalFormMixin, forms.Form):
    """A form that narrows a list: its empty choices read "Tất cả" and nothing is preselected."""

    empty_label = FILTER_EMPTY
    entering = False


def bootstrap_widgets(form) -> None:
    """Bootstrap's classes on ``form``'s widgets, for a form drawn by a plain template rather than
    crispy's (whose field templates took half of a list page's server time): ``form-select``,
    ``form-check-input`` or ``form-control``, added to any class the widget has."""
    for field in form.fields.values():
        widget = field.widget
        if widget.is_hidden:
            continue
        if isinstance(widget, forms.CheckboxInput):
            css = "form-check-input"
        elif isinstance(widget, forms.Select):
            css = "form-select"
        else:
            css = "form-control"
        widget.attrs["class"] = f"{widget.attrs.get('class', '')} {css}".strip()


class FormRenderer(DjangoTemplates):
    """Django's form renderer (``settings.FORM_RENDERER``), with ``core/form_templates`` looked up
    before Django's own widget templates. There, a drop-down draws its options in its own loop
    instead of including one template per option: the same markup, and the registry's filter form
    (about 120 options) renders in a third of the time."""

    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [Path(__file__).parent / "form_templates", Path(django.forms.__file__).parent / "templates"],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )
