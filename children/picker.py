"""Naming a child on a form without handing out the registry: a search box that returns at most
``PICK_LIMIT`` matches from the user's own scope (accent-insensitive, like the registry search).

No form offers a full list of children. ``ChildPickerField`` validates the chosen id against the same
scoped queryset the search uses, so a crafted id outside the scope is refused like a wrong choice.
Purposes map to the permission the search needs: naming a child in a protection case needs
``cases.edit`` there; a payment or anything else needs ``registry.view``.
"""

from django import forms
from django.db.models import QuerySet
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

from core.fields import MAX_ID

from .filters import search_children
from .models import Child
from .selectors import children_visible_to

PICK_LIMIT = 20
MIN_TERM = 2
PURPOSE_PERMS = {"registry": "registry.view", "case": "cases.edit", "fund": "registry.view"}


def pickable(user, purpose: str) -> QuerySet[Child]:
    """Children ``user`` may name for ``purpose``: in scope for its permission, not archived."""
    perm = PURPOSE_PERMS.get(purpose, "registry.view")
    return children_visible_to(user, perm).filter(archived_at__isnull=True).select_related("village")


def pick_matches(user, term: str, *, purpose: str, within=None) -> list[Child]:
    """At most ``PICK_LIMIT`` children matching ``term`` (a name with or without accents, or an ID prefix)."""
    term = (term or "").strip()
    if len(term) < MIN_TERM:
        return []
    qs = pickable(user, purpose)
    if within is not None:
        qs = qs.filter(village__path__startswith=within.path)
    return list(search_children(qs, term).order_by("sort_key", "date_of_birth", "pk")[:PICK_LIMIT])


def child_label(child: Child) -> str:
    return f"{child.full_name} — {date_format(child.date_of_birth, 'SHORT_DATE_FORMAT')} — {child.village.name}"


class ChildPicker(forms.Widget):
    """A search box; the chosen children travel as hidden inputs. Rendered options: only the chosen."""

    template_name = "children/widgets/child_picker.html"

    def __init__(self, *, purpose: str, multiple: bool = False, attrs=None):
        super().__init__(attrs)
        self.purpose, self.multiple = purpose, multiple
        self.chosen: list[Child] = []

    def value_from_datadict(self, data, files, name):
        values = data.getlist(name) if hasattr(data, "getlist") else data.get(name)
        if self.multiple:
            return values if isinstance(values, list) else [values] if values else []
        if isinstance(values, list):
            return values[0] if values else None
        return values

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"].update(
            {
                "url": reverse("children:pick") + f"?for={self.purpose}",
                "multiple": self.multiple,
                "chosen": [(c.pk, child_label(c)) for c in self.chosen],
                "placeholder": _("Type a name (with or without accents) or an ID number"),
            }
        )
        return context


class ChildPickerField(forms.ModelChoiceField):
    """One child, chosen by search among those ``user`` may name for ``purpose``."""

    def __init__(self, *, user=None, purpose: str = "registry", within=None, **kwargs):
        qs = pickable(user, purpose) if user is not None else Child.objects.none()
        if within is not None:
            qs = qs.filter(village__path__startswith=within.path)
        kwargs.setdefault("widget", ChildPicker(purpose=purpose))
        super().__init__(queryset=qs, **kwargs)

    def bind(self, value) -> None:
        """Show the chosen child (from initial data or a bound form) in the widget."""
        child = value if isinstance(value, Child) else self.queryset.filter(pk=value).first() if value else None
        self.widget.chosen = [child] if child else []

    def label_from_instance(self, obj):
        return child_label(obj)


class ChildrenPickerField(forms.ModelMultipleChoiceField):
    """Several children, chosen one by one by search."""

    def __init__(self, *, user=None, purpose: str = "registry", within=None, **kwargs):
        qs = pickable(user, purpose) if user is not None else Child.objects.none()
        if within is not None:
            qs = qs.filter(village__path__startswith=within.path)
        kwargs.setdefault("widget", ChildPicker(purpose=purpose, multiple=True))
        super().__init__(queryset=qs, **kwargs)

    def bind(self, values) -> None:
        pks = [v.pk if isinstance(v, Child) else v for v in (values or []) if v]
        valid = [pk for pk in pks if str(pk).isascii() and str(pk).isdigit() and 0 < int(pk) <= MAX_ID]
        self.widget.chosen = list(self.queryset.filter(pk__in=valid)[:PICK_LIMIT]) if valid else []


def bind_pickers(form) -> None:
    """Give every picker of ``form`` the children currently chosen (call at the end of ``__init__``)."""
    for name, field in form.fields.items():
        if isinstance(field, ChildPickerField | ChildrenPickerField):
            value = (
                form.data.getlist(name)
                if form.is_bound and isinstance(field, ChildrenPickerField) and hasattr(form.data, "getlist")
                else (form.data.get(name) if form.is_bound else form.initial.get(name, field.initial))
            )
            field.bind(value)


class ChildByIdField(forms.CharField):
    """For those who may not search the registry (the accountant): the child is named by the 12-digit
    personal identification number they already hold, or kept as the officer named it."""

    def __init__(self, *, commune, current: Child | None = None, **kwargs):
        self.commune, self.current = commune, current
        kwargs.setdefault("max_length", 20)
        kwargs.setdefault("required", False)
        super().__init__(**kwargs)
        self.widget.attrs.update({"inputmode": "numeric", "autocomplete": "off", "placeholder": "0xxxxxxxxxxx"})

    def prepare_value(self, value):
        return ""  # the form never echoes a child back to someone who may not search

    def clean(self, value):
        if self.disabled:
            return self.current
        value = (super().clean(value) or "").replace(" ", "").replace(".", "")
        if not value:
            return self.current
        if not (value.isdigit() and len(value) == 12):
            raise forms.ValidationError(_("Enter the child's personal identification number: exactly 12 digits."))
        child = Child.objects.filter(
            personal_id=value, village__path__startswith=self.commune.path, archived_at__isnull=True
        ).first()
        if child is None:
            raise forms.ValidationError(_("No child of this commune has this personal identification number."))
        return child
