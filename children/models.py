"""The registry of children: the child and everything about one child.

A child is a person under 16 (Law on Children 2016, Art. 1). Records stay after the 16th birthday
but leave the active registry by date arithmetic (``ChildQuerySet.active``), never by a nightly job.
Reference lists (ethnic groups, special-circumstance groups) are data, loaded by migrations.
Writes go through ``children/services.py``; reads that a user makes go through ``children/selectors.py``.
"""

from datetime import date, datetime, time, timedelta

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator, RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Area

ADULT_AGE = 16
MAX_VND = 10**12

personal_id_validator = RegexValidator(r"^\d{12}$", _("A personal identification number has exactly 12 digits."))
phone_validator = RegexValidator(r"^[0-9+ .()-]{8,20}$", _("Enter a phone number (digits, 8 to 20 characters)."))


def years_before(day: date, years: int) -> date:
    """The same calendar day ``years`` earlier (29 February → 28 February)."""
    try:
        return day.replace(year=day.year - years)
    except ValueError:
        return day.replace(year=day.year - years, day=28)


def age_on(date_of_birth: date, day: date) -> int:
    """Completed years of age on ``day``."""
    return day.year - date_of_birth.year - ((day.month, day.day) < (date_of_birth.month, date_of_birth.day))


class Ethnicity(models.Model):
    """One of the 54 ethnic groups of Viet Nam with its 2-digit code (GSO Decision 121-TCTK/PPCĐ)."""

    code = models.CharField(_("code"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=50)

    class Meta:
        verbose_name = _("ethnic group")
        verbose_name_plural = _("ethnic groups")
        ordering = ["code"]

    def __str__(self):
        return self.name


class CircumstanceGroup(models.Model):
    """A group of special circumstances of the Law on Children 2016, Art. 10 (a–o).

    ``confidential`` groups (abuse, exploitation, trafficking, HIV, conflict with the law, drugs) are
    seen only by those who may read case files (``accounts.privacy``); ``confidential_source`` says
    which legal text makes them so. Reference data, loaded by migrations and editable in the admin.
    """

    letter = models.CharField(_("letter"), max_length=2, unique=True)
    name = models.CharField(_("name"), max_length=200)
    order = models.PositiveSmallIntegerField(_("order"))
    confidential = models.BooleanField(_("confidential"), default=False)
    confidential_source = models.CharField(_("why it is confidential"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("special-circumstance group")
        verbose_name_plural = _("special-circumstance groups")
        ordering = ["order"]

    def __str__(self):
        return f"{self.letter}) {self.name}"


def _local_midnight_after(day: date):
    """The first moment of the day after ``day``, local time (archived before it = archived by ``day``)."""
    return timezone.make_aware(datetime.combine(day + timedelta(days=1), time.min))


class ChildQuerySet(models.QuerySet):
    def in_registry_on(self, on: date):
        """Records that were in the registry on ``on``: entered by then and not archived by then
        (a record archived later still counts for earlier days; one registered later does not)."""
        return self.filter(registered_on__lte=on, date_of_birth__lte=on).filter(
            models.Q(archived_at__isnull=True) | models.Q(archived_at__gte=_local_midnight_after(on))
        )

    def active(self, on: date | None = None):
        """Children on ``on`` (default today): in the registry that day and under 16."""
        on = on or timezone.localdate()
        return self.in_registry_on(on).filter(date_of_birth__gt=years_before(on, ADULT_AGE))

    def living_in(self, area: Area, on: date):
        """Children whose residence on ``on`` was a village of ``area`` (a village, commune, district…).

        Residence is dated (``Residence``), so a child who moved counts where they lived that day."""
        return self.filter(pk__in=Residence.objects.in_area(area).current_on(on).values("child"))

    def children_of(self, area: Area, on: date):
        """The children of ``area`` on ``on``: active that day and living there. Every figure starts here."""
        return self.active(on).living_in(area, on)

    def aged(self, low: int, high: int | None, on: date | None = None):
        """Aged ``low`` to ``high`` completed years (inclusive) on ``on``; ``high=None`` has no upper bound."""
        on = on or timezone.localdate()
        qs = self.filter(date_of_birth__lte=years_before(on, low))
        if high is not None:
            qs = qs.filter(date_of_birth__gt=years_before(on, high + 1))
        return qs


class ImportBatch(models.Model):
    """One Excel import that was written: who, when, how many rows. The children it added point to it,
    so the registry can list exactly those ("added by import N")."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("imported by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    at = models.DateTimeField(_("time"), auto_now_add=True)
    created = models.PositiveIntegerField(_("children added"), default=0)
    updated = models.PositiveIntegerField(_("children updated"), default=0)
    unchanged = models.PositiveIntegerField(_("rows unchanged"), default=0)

    class Meta:
        verbose_name = _("Excel import")
        verbose_name_plural = _("Excel imports")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.pk} · {self.at:%d/%m/%Y %H:%M}"


class Child(models.Model):
    class Sex(models.TextChoices):
        MALE = "M", _("male")
        FEMALE = "F", _("female")

    class Poverty(models.TextChoices):
        POOR = "poor", _("poor household")
        NEAR_POOR = "near_poor", _("near-poor household")
        NONE = "none", _("neither")

    class Schooling(models.TextChoices):
        NOT_YET = "not_yet", _("not yet of school age")
        PRESCHOOL = "preschool", _("preschool")
        PRIMARY = "primary", _("primary school")
        LOWER_SECONDARY = "lower_secondary", _("lower secondary school")
        UPPER_SECONDARY = "upper_secondary", _("upper secondary or vocational")
        DROPPED_OUT = "dropped_out", _("dropped out")
        NOT_IN_SCHOOL = "not_in_school", _("not in school")

    full_name = models.CharField(_("full name"), max_length=120)
    date_of_birth = models.DateField(_("date of birth"))
    sex = models.CharField(_("sex"), max_length=1, choices=Sex.choices)
    ethnicity = models.ForeignKey(Ethnicity, verbose_name=_("ethnicity"), on_delete=models.PROTECT)
    personal_id = models.CharField(
        _("personal identification number"),
        max_length=12,
        null=True,
        blank=True,
        unique=True,
        validators=[personal_id_validator],
        help_text=_("12 digits, when known."),
    )
    village = models.ForeignKey(
        Area,
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        related_name="children",
        limit_choices_to={"kind": Area.Kind.VILLAGE},
    )
    address = models.CharField(_("address"), max_length=200, blank=True)
    poverty = models.CharField(
        _("household poverty status"), max_length=10, choices=Poverty.choices, default=Poverty.NONE
    )
    schooling = models.CharField(_("schooling"), max_length=20, choices=Schooling.choices, blank=True)
    school_name = models.CharField(_("school"), max_length=150, blank=True)
    notes = models.TextField(_("notes"), blank=True)

    # Derived from full_name by the services, for accent-free search, duplicates and Vietnamese order.
    name_key = models.CharField(max_length=120, db_index=True, editable=False)
    sort_key = models.CharField(max_length=255, db_index=True, editable=False)

    registered_on = models.DateField(
        _("in the registry since"),
        default=timezone.localdate,
        help_text=_("The day the child entered the commune's registry (birth, moving in, or first recorded)."),
    )
    archived_at = models.DateTimeField(_("archived at"), null=True, blank=True)
    archived_reason = models.CharField(_("reason for archiving"), max_length=300, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    import_batch = models.ForeignKey(
        ImportBatch,
        verbose_name=_("added by import"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.SET_NULL,
        related_name="children",
    )

    history = HistoricalRecords()
    objects = ChildQuerySet.as_manager()

    class Meta:
        verbose_name = _("child")
        verbose_name_plural = _("children")
        ordering = ["sort_key", "date_of_birth", "pk"]
        indexes = [
            models.Index(fields=["village", "sort_key"], name="child_village_sort"),
            models.Index(fields=["name_key", "date_of_birth", "village"], name="child_duplicate_key"),
            models.Index(fields=["date_of_birth"], name="child_dob"),
        ]

    def __str__(self):
        return self.full_name

    def age(self, on: date | None = None) -> int:
        return age_on(self.date_of_birth, on or timezone.localdate())

    def is_active(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        archived_by = self.archived_at is not None and timezone.localdate(self.archived_at) <= on
        return not archived_by and self.registered_on <= on and self.date_of_birth <= on and self.age(on) < ADULT_AGE


class ResidenceQuerySet(models.QuerySet):
    def current_on(self, on: date):
        return self.filter(start_date__lte=on).filter(models.Q(end_date__isnull=True) | models.Q(end_date__gte=on))

    def in_area(self, area: Area):
        """Residences in the villages of ``area`` (an uncorrelated subquery of village ids: index-friendly)."""
        return self.filter(village__in=Area.objects.filter(path__startswith=area.path).values("pk"))


class Residence(models.Model):
    """Where a child lived, from when to when. ``Child.village`` is the current village (the open
    residence); moving a child, or a village passing to another commune, closes one period and opens
    another, so figures of past periods count each child where they lived then."""

    child = models.ForeignKey("Child", verbose_name=_("child"), on_delete=models.CASCADE, related_name="residences")
    village = models.ForeignKey(
        Area,
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        related_name="residences",
        limit_choices_to={"kind": Area.Kind.VILLAGE},
    )
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)

    history = HistoricalRecords()
    objects = ResidenceQuerySet.as_manager()

    class Meta:
        verbose_name = _("residence")
        verbose_name_plural = _("residences")
        ordering = ["child", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="residence_dates_in_order",
            ),
            models.UniqueConstraint(
                fields=["child"], condition=models.Q(end_date__isnull=True), name="one_open_residence_per_child"
            ),
        ]
        indexes = [models.Index(fields=["village", "start_date"], name="residence_village_start")]

    def __str__(self):
        return (
            f"{self.village} ({self.start_date:%d/%m/%Y}–{self.end_date:%d/%m/%Y})"
            if self.end_date
            else str(self.village)
        )


class Guardian(models.Model):
    class Relation(models.TextChoices):
        FATHER = "father", _("father")
        MOTHER = "mother", _("mother")
        GRANDPARENT = "grandparent", _("grandparent")
        SIBLING = "sibling", _("sibling")
        RELATIVE = "relative", _("other relative")
        CARER = "carer", _("carer or guardian")
        OTHER = "other", _("other")

    child = models.ForeignKey(Child, verbose_name=_("child"), on_delete=models.CASCADE, related_name="guardians")
    full_name = models.CharField(_("full name"), max_length=120)
    relation = models.CharField(_("relation"), max_length=12, choices=Relation.choices)
    phone = models.CharField(_("phone"), max_length=20, blank=True, validators=[phone_validator])
    is_primary = models.BooleanField(_("main carer"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("guardian")
        verbose_name_plural = _("guardians")
        ordering = ["-is_primary", "pk"]

    def __str__(self):
        return f"{self.full_name} ({self.get_relation_display()})"


class CircumstanceQuerySet(models.QuerySet):
    def current_on(self, on: date):
        """Circumstances in force on ``on``."""
        return self.overlapping(on, on)

    def overlapping(self, start: date, end: date):
        """Circumstances in force at some time from ``start`` to ``end``."""
        return self.filter(start_date__lte=end).filter(models.Q(end_date__isnull=True) | models.Q(end_date__gte=start))

    def confidential(self):
        return self.filter(models.Q(group__confidential=True) | models.Q(from_case=True))

    def not_confidential(self):
        return self.filter(group__confidential=False, from_case=False)


class ChildCircumstance(models.Model):
    """A child's membership of a special-circumstance group for a span of time.

    ``from_case``: recorded from a protection case — confidential whatever its group."""

    child = models.ForeignKey(Child, verbose_name=_("child"), on_delete=models.CASCADE, related_name="circumstances")
    group = models.ForeignKey(CircumstanceGroup, verbose_name=_("group"), on_delete=models.PROTECT, related_name="+")
    subgroup = models.CharField(_("sub-group"), max_length=200, blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)
    from_case = models.BooleanField(_("recorded from a protection case"), default=False, editable=False)

    history = HistoricalRecords()
    objects = CircumstanceQuerySet.as_manager()

    class Meta:
        verbose_name = _("special circumstance")
        verbose_name_plural = _("special circumstances")
        ordering = ["group__order", "start_date"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__isnull=True) | models.Q(end_date__gte=models.F("start_date")),
                name="circumstance_dates_in_order",
            )
        ]

    def __str__(self):
        return str(self.group)

    def is_current(self, on: date | None = None) -> bool:
        on = on or timezone.localdate()
        return self.start_date <= on and (self.end_date is None or on <= self.end_date)

    @property
    def is_confidential(self) -> bool:
        return self.from_case or self.group.confidential


class DisabilityQuerySet(models.QuerySet):
    def known_on(self, on: date):
        """Disabilities known on ``on``: certified by then, or recorded without a certification date."""
        return self.filter(models.Q(certified_on__isnull=True) | models.Q(certified_on__lte=on))


class Disability(models.Model):
    class Type(models.TextChoices):
        MOBILITY = "mobility", _("mobility")
        HEARING_SPEECH = "hearing_speech", _("hearing and speech")
        VISION = "vision", _("vision")
        MENTAL = "mental", _("mental or psychosocial")
        INTELLECTUAL = "intellectual", _("intellectual")
        OTHER = "other", _("other")

    class Level(models.TextChoices):
        EXTREMELY_SEVERE = "extremely_severe", _("extremely severe")
        SEVERE = "severe", _("severe")
        MILD = "mild", _("mild")

    child = models.ForeignKey(Child, verbose_name=_("child"), on_delete=models.CASCADE, related_name="disabilities")
    type = models.CharField(_("type of disability"), max_length=20, choices=Type.choices)
    level = models.CharField(_("level"), max_length=20, choices=Level.choices)
    certified_on = models.DateField(_("certified on"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()
    objects = DisabilityQuerySet.as_manager()

    class Meta:
        verbose_name = _("disability")
        verbose_name_plural = _("disabilities")
        constraints = [models.UniqueConstraint(fields=["child", "type"], name="disability_type_once_per_child")]

    def __str__(self):
        return f"{self.get_type_display()} ({self.get_level_display()})"


class InsuranceQuerySet(models.QuerySet):
    def valid_on(self, on: date):
        return self.filter(valid_from__lte=on, valid_to__gte=on)


class HealthInsurance(models.Model):
    """A health-insurance card. Under-6s are entitled to one free (Law on Health Insurance)."""

    child = models.ForeignKey(Child, verbose_name=_("child"), on_delete=models.CASCADE, related_name="insurance_cards")
    card_number = models.CharField(
        _("card number"),
        max_length=15,
        validators=[
            RegexValidator(
                r"^[A-Z]{2}\d{13}$|^\d{10}$",
                _("Enter the 15-character card code (e.g. TE1201234567890) or the 10-digit number."),
            )
        ],
    )
    valid_from = models.DateField(_("valid from"))
    valid_to = models.DateField(_("valid to"))

    history = HistoricalRecords()
    objects = InsuranceQuerySet.as_manager()

    class Meta:
        verbose_name = _("health-insurance card")
        verbose_name_plural = _("health-insurance cards")
        ordering = ["-valid_to"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__gte=models.F("valid_from")), name="insurance_dates_in_order"
            )
        ]

    def __str__(self):
        return self.card_number

    def is_valid_on(self, day: date) -> bool:
        return self.valid_from <= day <= self.valid_to


class HealthScreening(models.Model):
    """A screening by the health station (plan V.5)."""

    class Condition(models.TextChoices):
        MOTOR = "motor", _("motor disability")
        EYE = "eye", _("eye disease")
        HEART = "heart", _("congenital heart disease")
        CLEFT = "cleft", _("cleft lip or palate")
        OTHER = "other", _("other")
        NONE = "none", _("nothing found")

    child = models.ForeignKey(Child, verbose_name=_("child"), on_delete=models.CASCADE, related_name="screenings")
    date = models.DateField(_("date"))
    condition = models.CharField(_("finding"), max_length=10, choices=Condition.choices)
    result = models.CharField(_("result"), max_length=300, blank=True)
    referral = models.CharField(_("referred to"), max_length=200, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("health screening")
        verbose_name_plural = _("health screenings")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.get_condition_display()}"


class BirthRegistration(models.Model):
    """Birth registration kept by the justice officer."""

    child = models.OneToOneField(
        Child, verbose_name=_("child"), on_delete=models.CASCADE, related_name="birth_registration"
    )
    registered_on = models.DateField(_("registered on"))
    place = models.CharField(_("place of registration"), max_length=200)
    book_number = models.CharField(_("register book and number"), max_length=50, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("birth registration")
        verbose_name_plural = _("birth registrations")

    def __str__(self):
        return f"{self.registered_on:%d/%m/%Y} — {self.place}"


class Adoption(models.Model):
    """An adoption registered by the justice officer (plan V.3)."""

    class Kind(models.TextChoices):
        DOMESTIC = "domestic", _("domestic")
        FOREIGN = "foreign", _("with a foreign element")

    child = models.ForeignKey(Child, verbose_name=_("child"), on_delete=models.CASCADE, related_name="adoptions")
    registered_on = models.DateField(_("registered on"))
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    adoptive_parents = models.CharField(_("adoptive parents"), max_length=250)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("adoption")
        verbose_name_plural = _("adoptions")
        ordering = ["-registered_on"]

    def __str__(self):
        return f"{self.registered_on:%d/%m/%Y} — {self.get_kind_display()}"


class SupportQuerySet(models.QuerySet):
    def within(self, start: date, end: date):
        """Support dated from ``start`` to ``end`` inclusive."""
        return self.filter(date__gte=start, date__lte=end)


class Support(models.Model):
    """Support a child received. When paid from the fund, the fund entry points here (not the other way)."""

    class Kind(models.TextChoices):
        ALLOWANCE = "allowance", _("monthly social allowance")
        HEALTH = "health", _("health care or surgery")
        REHABILITATION = "rehabilitation", _("rehabilitation")
        EDUCATION = "education", _("education support or scholarship")
        COUNSELLING = "counselling", _("counselling")
        GIFT = "gift", _("gifts")
        LEGAL = "legal", _("legal aid")
        OTHER = "other", _("other")

    class Source(models.TextChoices):
        STATE = "state", _("state budget")
        FUND = "fund", _("Child Protection Fund")
        DONOR = "donor", _("donor")
        OTHER = "other", _("other")

    child = models.ForeignKey(Child, verbose_name=_("child"), on_delete=models.CASCADE, related_name="supports")
    kind = models.CharField(_("kind of support"), max_length=20, choices=Kind.choices)
    date = models.DateField(_("date"))
    amount = models.PositiveBigIntegerField(
        _("amount (VND)"), null=True, blank=True, validators=[MinValueValidator(1), MaxValueValidator(MAX_VND)]
    )
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recorded by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()
    objects = SupportQuerySet.as_manager()

    class Meta:
        verbose_name = _("support received")
        verbose_name_plural = _("support received")
        ordering = ["-date", "-pk"]
        indexes = [models.Index(fields=["child", "date"], name="support_child_date")]

    def __str__(self):
        return f"{self.get_kind_display()} {self.date:%d/%m/%Y}"


# Legal basis, consent and the representative's requests live in their own module of this app.
class ReportedChild(models.Model):
    """A child reported by a village head (online or from a phone offline): a draft the commune
    officer confirms — registering the child from it — or rejects with a reason. Never counted in
    the registry until confirmed."""

    class Status(models.TextChoices):
        WAITING = "waiting", _("waiting for the officer")
        CONFIRMED = "confirmed", _("confirmed")
        REJECTED = "rejected", _("not confirmed")

    full_name = models.CharField(_("full name"), max_length=120)
    sex = models.CharField(_("sex"), max_length=1, choices=Child.Sex.choices)
    date_of_birth = models.DateField(_("date of birth"))
    village = models.ForeignKey(
        Area, verbose_name=_("village"), on_delete=models.PROTECT, related_name="reported_children"
    )
    carer_name = models.CharField(_("carer's name"), max_length=120, blank=True)
    carer_phone = models.CharField(_("carer's phone"), max_length=20, blank=True)
    note = models.TextField(_("note"), blank=True)
    # the rest of what the head typed on the registration form (ethnicity, address...), to prefill it
    details = models.JSONField(default=dict, blank=True)
    reported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("village head who reported"),
        on_delete=models.PROTECT,
        related_name="+",
    )
    reported_at = models.DateTimeField(_("reported to the commune at"), default=timezone.now)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.WAITING)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        blank=True,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    reject_reason = models.CharField(_("reason for rejecting"), max_length=300, blank=True)
    child = models.OneToOneField(
        Child,
        verbose_name=_("registered child"),
        on_delete=models.PROTECT,
        related_name="reported_as",
        null=True,
        blank=True,
    )
    history = HistoricalRecords()

    class Meta:
        ordering = ["-reported_at", "-pk"]
        verbose_name = _("reported child")
        verbose_name_plural = _("reported children")

    def __str__(self):
        return self.full_name


from .privacy.models import Basis, ChildBasis, Consent, Purpose, RightsRequest  # noqa: E402, F401
