"""The one filter behind the registry list (and the Excel export of "the current filtered list").

``filter_children(user, params)`` starts from ``children_visible_to(user)``, applies the filter form
and returns ``(form, queryset)``. It never paginates, so an export may call it with ``request.GET``.
Unknown or invalid values are ignored (the form shows the error) rather than widening the scope.
"""

from datetime import date

from django import forms
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from accounts import scope
from accounts.models import Area
from core.fields import DateField, IdField
from core.forms import BLANK, FilterForm, bootstrap_widgets

from .models import ADULT_AGE, Child, CircumstanceGroup, Disability, Ethnicity, HealthInsurance, Support, years_before
from .selectors import children_visible_to, circumstance_groups_for, circumstances_visible_to
from .text import clean_text, search_key

AGE_BANDS = {
    "0-5": (0, 5),
    "6-10": (6, 10),
    "11-15": (11, 15),
}
AGE_BAND_CHOICES = [
    BLANK,
    ("0-5", _("under 6")),
    ("6-10", _("6 to 10")),
    ("11-15", _("11 to 15")),
]
DISABILITY_CHOICES = [BLANK, ("yes", _("with a disability")), ("no", _("without a disability"))] + [
    (value, label) for value, label in Disability.Type.choices
]
INSURANCE_CHOICES = [
    BLANK,
    ("valid", _("valid card")),
    ("none", _("no valid card")),
]
YES_NO_CHOICES = [
    BLANK,
    ("yes", pgettext_lazy("filter choice", "yes")),
    ("no", pgettext_lazy("filter choice", "no")),
]
# The list opens with the children (under 16 on the day, in the registry) — the set the home page
# counts; people who have turned 16 and archived records are reached by name.
RECORD_CHOICES = [
    ("", _("children (under 16)")),
    ("over16", _("aged 16 and over (no longer children)")),
    ("archived", _("archived records")),
    ("all", _("all records")),
]
SORTS = {
    "name": ("sort_key", "date_of_birth", "pk"),
    "-name": ("-sort_key", "-date_of_birth", "-pk"),
    "dob": ("date_of_birth", "sort_key", "pk"),
    "-dob": ("-date_of_birth", "sort_key", "pk"),
    "village": ("village__path", "sort_key", "pk"),
    "-created": ("-created_at", "-pk"),
}
SORT_CHOICES = [
    ("name", _("name (A–Z)")),
    ("-name", _("name (Z–A)")),
    ("dob", _("oldest first")),
    ("-dob", _("youngest first")),
    ("village", _("village")),
    ("-created", _("newest records first")),
]


class ChildFilterForm(FilterForm):
    q = forms.CharField(
        label=_("Search"),
        required=False,
        max_length=120,
        help_text=_("Name with or without accents, or personal identification number."),
    )
    commune = forms.ModelChoiceField(label=_("Commune"), queryset=Area.objects.none(), required=False)
    village = forms.ModelChoiceField(label=_("Village"), queryset=Area.objects.none(), required=False)
    group = forms.ChoiceField(label=_("Special circumstance"), required=False)
    age = forms.ChoiceField(label=_("Age"), choices=AGE_BAND_CHOICES, required=False)
    sex = forms.ChoiceField(label=_("Sex"), choices=[BLANK, *Child.Sex.choices], required=False)
    ethnicity = forms.ModelChoiceField(label=_("Ethnicity"), queryset=Ethnicity.objects.all(), required=False)
    disability = forms.ChoiceField(label=_("Disability"), choices=DISABILITY_CHOICES, required=False)
    insurance = forms.ChoiceField(label=_("Health insurance"), choices=INSURANCE_CHOICES, required=False)
    supported = forms.ChoiceField(label=_("Supported this year"), choices=YES_NO_CHOICES, required=False)
    archived = forms.ChoiceField(label=_("Records"), choices=RECORD_CHOICES, required=False)
    sort = forms.ChoiceField(label=_("Sort by"), choices=SORT_CHOICES, required=False)
    imported = IdField(required=False)
    on = DateField(
        label=_("As of"),
        required=False,
        help_text=_("Ages, circumstances, cards and this year's support are counted on this day (default: today)."),
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        areas = scope.areas_for(user, "registry.view")
        communes = areas.filter(kind=Area.Kind.COMMUNE).order_by("name")
        villages = areas.filter(kind=Area.Kind.VILLAGE).select_related("parent").order_by("parent__name", "code")
        self.fields["commune"].queryset = communes
        self.fields["village"].queryset = villages
        self.fields["group"].choices = [BLANK] + [
            (g.letter, f"{g.letter}) {g.name}") for g in circumstance_groups_for(user)
        ]
        # The commune choice only matters to someone who sees several communes (the district).
        self.show_commune = len(communes) > 1
        if not self.show_commune:
            del self.fields["commune"]
        small = "col-6 col-md-4 col-lg-3"
        first = [("q", "col-12 col-md-6"), ("commune", "col-6 col-md-3"), ("village", "col-6 col-md-3")]
        second = [("group", "col-12 col-md-4 col-lg-3")] + [
            (name, small)
            for name in ("age", "sex", "ethnicity", "disability", "insurance", "supported", "archived", "sort", "on")
        ]
        self._layout = (first, second)
        bootstrap_widgets(self)

    @property
    def rows(self):
        """Rows of (bound field, column classes) drawn by children/_filter_form.html: a plain template
        rather than crispy's, which took half the list page's server time."""
        for name in self.errors:
            if name in self.fields:
                widget = self.fields[name].widget
                widget.attrs["class"] = f"{widget.attrs.get('class', '')} is-invalid".strip()
        return [[(self[name], css) for name, css in row if name in self.fields] for row in self._layout]

    def value(self, name):
        """The cleaned value of a field, or None when it was empty or invalid."""
        self.is_valid()
        return getattr(self, "cleaned_data", {}).get(name) or None


def search_children(qs: QuerySet, term: str) -> QuerySet:
    """Accent- and Unicode-form-insensitive name search, or a personal-ID prefix search for digits."""
    term = clean_text(term)
    if not term:
        return qs
    digits = term.replace(" ", "")
    if digits.isdigit():
        return qs.filter(Q(personal_id__startswith=digits) | Q(name_key__contains=digits))
    return qs.filter(name_key__contains=search_key(term))


def filter_children(user, params, *, on: date | None = None) -> tuple[ChildFilterForm, QuerySet]:
    """The registry list for ``user`` narrowed by ``params`` (a QueryDict or dict), as of ``on``
    (default: the form's "on" day, else today)."""
    form = ChildFilterForm(params if params is not None else {}, user=user)
    form.is_valid()
    on = on or form.value("on") or timezone.localdate()
    qs = children_visible_to(user).select_related("village", "ethnicity")

    records = form.value("archived")
    if records == "archived":
        qs = qs.filter(archived_at__isnull=False)
    elif records == "over16":
        qs = qs.filter(archived_at__isnull=True, date_of_birth__lte=years_before(on, ADULT_AGE))
    elif records != "all":
        qs = qs.active(on)
    if term := form.value("q"):
        qs = search_children(qs, term)
    if commune := form.value("commune"):
        qs = qs.filter(village__path__startswith=commune.path)
    if village := form.value("village"):
        qs = qs.filter(village=village)
    if batch := form.value("imported"):  # "added by import N": the import's result links here
        qs = qs.filter(import_batch_id=batch)
    if letter := form.value("group"):
        visible = circumstances_visible_to(user).current_on(on).filter(group__letter=letter)
        qs = qs.filter(pk__in=visible.values("child"))
    if band := AGE_BANDS.get(form.value("age") or ""):
        qs = qs.aged(*band, on=on)
    if sex := form.value("sex"):
        qs = qs.filter(sex=sex)
    if ethnicity := form.value("ethnicity"):
        qs = qs.filter(ethnicity=ethnicity)
    disability = form.value("disability")
    disabled = Disability.objects.known_on(on)
    if disability == "yes":
        qs = qs.filter(pk__in=disabled.values("child"))
    elif disability == "no":
        qs = qs.exclude(pk__in=disabled.values("child"))
    elif disability:
        qs = qs.filter(pk__in=disabled.filter(type=disability).values("child"))
    insurance = form.value("insurance")
    insured = HealthInsurance.objects.valid_on(on).values("child")
    if insurance == "valid":
        qs = qs.filter(pk__in=insured)
    elif insurance == "none":
        qs = qs.exclude(pk__in=insured)
    supported = form.value("supported")
    this_year = Support.objects.within(date(on.year, 1, 1), on).values("child")
    if supported == "yes":
        qs = qs.filter(pk__in=this_year)
    elif supported == "no":
        qs = qs.exclude(pk__in=this_year)

    qs = qs.order_by(*SORTS.get(form.value("sort") or "name", SORTS["name"]))
    return form, qs


def filter_is_confidential(form: ChildFilterForm) -> bool:
    """Whether a list or export made with this filter reveals a confidential fact (it asks for the
    children of a confidential special-circumstance group): its access-log row is then confidential too."""
    letter = form.value("group")
    return bool(letter) and CircumstanceGroup.objects.filter(letter=letter, confidential=True).exists()
