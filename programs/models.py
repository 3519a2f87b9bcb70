"""The year's plan of a commune: targets, activities assigned to units, events with gift lists,
the Children's Forum, drowning-risk sites, the training log and the child-friendly assessment.

Writes go through ``programs/services.py``; reads a user makes through ``programs/selectors.py``.
Programs may import children and funds; nothing below imports programs.
"""

from datetime import date

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import Area, Unit
from children.models import MAX_VND, Child

USER = settings.AUTH_USER_MODEL


def _user_fk(verbose_name, related_name="+"):
    return models.ForeignKey(
        USER, verbose_name=verbose_name, null=True, blank=True, on_delete=models.SET_NULL, related_name=related_name
    )


def _money(verbose_name):
    return models.PositiveBigIntegerField(verbose_name, default=0, validators=[MaxValueValidator(MAX_VND)])


def _own_fields():
    return models.JSONField(
        _("entered by the commune"),
        default=list,
        blank=True,
        help_text=_("Values the commune entered itself: they are not in the issued plan and are shown as such."),
    )


class OwnEntries:
    """Which values of a row are the commune's own entry rather than the issued plan's (the seed
    gives no due dates, for instance): ``own_fields`` names them; pages and the printed plan say so."""

    OWN_FIELD_CHOICES: tuple[str, ...] = ()

    def is_own(self, name: str) -> bool:
        return name in (self.own_fields or [])


class Plan(OwnEntries, models.Model):
    """The commune's plan for protecting and caring for children in one year."""

    OWN_FIELD_CHOICES = ("number", "issued_on")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("plan status", "draft")
        APPROVED = "approved", _("approved")

    commune = models.ForeignKey(
        Area,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="plans",
        limit_choices_to={"kind": Area.Kind.COMMUNE},
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    number = models.CharField(_("number"), max_length=50, blank=True, help_text=_("e.g. 45/KH-UBND"))
    issued_on = models.DateField(_("date issued"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=300)
    implements = models.TextField(_("implements"), blank=True, help_text=_("The higher-level plan it implements."))
    purpose = models.TextField(_("purpose"), blank=True)
    requirements = models.TextField(_("requirements"), blank=True)
    funding = models.TextField(_("IV. funding"), blank=True, help_text=_("Where the money comes from, as printed."))
    reporting = models.TextField(
        _("V.10 reporting"), blank=True, help_text=_("Who reports to whom and when, as printed.")
    )
    closing = models.TextField(
        _("closing sentence"), blank=True, help_text=_("Printed above the recipients; a standard sentence if empty.")
    )
    own_fields = _own_fields()
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    approved_by = _user_fk(_("approved by"))
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    signer_name = models.CharField(_("signed by"), max_length=120, blank=True)
    copied_from = models.ForeignKey(
        "self", verbose_name=_("copied from"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_by = _user_fk(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("plan")
        verbose_name_plural = _("plans")
        ordering = ["-year", "commune__name"]
        constraints = [models.UniqueConstraint(fields=["commune", "year"], name="plan_one_per_commune_year")]

    def __str__(self):
        return self.title

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED

    def as_of(self, today: date) -> date:
        """The day the plan's figures are measured on: the end of its year, or today if earlier."""
        return min(date(self.year, 12, 31), today)


class Target(OwnEntries, models.Model):
    """A target of section II: its goal and how it is measured."""

    OWN_FIELD_CHOICES = ("goal", "responsible")

    class Indicator(models.TextChoices):
        SPECIAL_SUPPORTED = "special_supported", _("Special-circumstance children with support in the year")
        ABUSE_IN_TIME = "abuse_in_time", _("Abuse cases with a plan approved in time")
        UNDER6_INSURED = "under6_insured", _("Under-6s with a valid health-insurance card")
        DISABLED_SUPPORTED = "disabled_supported", _("Disabled children with support in the year")
        LABOUR_WITH_PLAN = "labour_with_plan", _("Child-labour cases with an approved plan")
        CHILD_FRIENDLY = "child_friendly", _("Child-friendly commune assessment")
        OFFICER_TRAINED = "officer_trained", _("Officers trained in the year")
        FUND_RECEIPTS = "fund_receipts", _("Fund receipts in the year")
        PARTICIPATION_11 = "participation_11", _("Children 11 and over on a Children's Forum roster")
        INJURY_TRAINING = "injury_training", _("Children reached by injury, drowning and swimming sessions")
        MANUAL = "manual", _("Entered by hand")

    class Kind(models.TextChoices):
        PERCENT = "percent", _("percentage")
        YES_NO = "yes_no", _("yes or no")
        AMOUNT = "amount", _("amount (VND)")
        COUNT = "count", _("count")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="targets")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    title = models.CharField(_("target"), max_length=400)
    kind = models.CharField(_("kind of goal"), max_length=10, choices=Kind.choices, default=Kind.PERCENT)
    goal = models.PositiveBigIntegerField(
        _("goal"), default=100, help_text=_("Percent, 1 for yes, a count or an amount in VND.")
    )
    indicator = models.CharField(_("measured by"), max_length=30, choices=Indicator.choices, default=Indicator.MANUAL)
    measure = models.CharField(_("how it is measured"), max_length=400, blank=True)
    responsible = models.ForeignKey(
        Unit, verbose_name=_("responsible unit"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    continues_previous = models.BooleanField(
        _("printed on the previous target's line"),
        default=False,
        help_text=_("The issued plan states this target in the same line as the one before it."),
    )
    own_fields = _own_fields()

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target")
        verbose_name_plural = _("targets")
        ordering = ["plan", "order", "pk"]

    def __str__(self):
        return self.title

    @property
    def is_automatic(self) -> bool:
        return self.indicator != self.Indicator.MANUAL


class TargetValue(models.Model):
    """A value of a manual target: for the commune (no village) or one village, with its evidence."""

    class Source(models.TextChoices):
        UNIT = "unit", _("responsible unit")
        VILLAGE_REPORT = "village_report", _("village report")
        SCHOOL_REPORT = "school_report", _("school report")
        OTHER = "other", _("other")

    target = models.ForeignKey(Target, verbose_name=_("target"), on_delete=models.CASCADE, related_name="values")
    village = models.ForeignKey(
        Area,
        verbose_name=_("village"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Area.Kind.VILLAGE},
    )
    as_of = models.DateField(_("as of"))
    numerator = models.PositiveIntegerField(_("reached"))
    denominator = models.PositiveIntegerField(_("out of"), validators=[MinValueValidator(1)])
    source = models.CharField(_("source"), max_length=20, choices=Source.choices, default=Source.UNIT)
    evidence = models.CharField(
        _("evidence"), max_length=400, help_text=_("Which report or list the figure comes from.")
    )
    entered_by = _user_fk(_("entered by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("target value")
        verbose_name_plural = _("target values")
        ordering = ["-as_of", "-pk"]
        constraints = [
            models.CheckConstraint(condition=models.Q(numerator__lte=models.F("denominator")), name="value_in_range")
        ]

    def __str__(self):
        return f"{self.numerator}/{self.denominator}"


class Activity(models.Model):
    """One of the nine contents of section III."""

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="activities")
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=500)
    description = models.TextField(_("content"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("activity")
        verbose_name_plural = _("activities")
        ordering = ["plan", "number"]
        constraints = [models.UniqueConstraint(fields=["plan", "number"], name="activity_number_unique")]

    def __str__(self):
        return f"{self.number}. {self.title}"


class Assignment(OwnEntries, models.Model):
    """A task of an activity assigned to a responsible unit (section V)."""

    OWN_FIELD_CHOICES = ("due_date", "budget")

    class Status(models.TextChoices):
        NOT_STARTED = "not_started", _("not started")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")

    LATE = "late"  # shown, never stored: derived from the due date (see ``shown_status``)

    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), on_delete=models.CASCADE, related_name="assignments"
    )
    unit = models.ForeignKey(Unit, verbose_name=_("unit"), on_delete=models.PROTECT, related_name="assignments")
    task = models.TextField(_("task"))
    due_date = models.DateField(_("due date"), null=True, blank=True)
    status = models.CharField(_("status"), max_length=12, choices=Status.choices, default=Status.NOT_STARTED)
    progress = models.TextField(_("progress notes"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    budget = _money(_("budget (VND)"))
    entries = models.ManyToManyField(
        "funds.Entry", verbose_name=_("fund entries"), blank=True, related_name="plan_assignments"
    )
    own_fields = _own_fields()
    updated_by = _user_fk(_("updated by"))
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("assignment")
        verbose_name_plural = _("assignments")
        ordering = ["activity__number", "pk"]

    def __str__(self):
        return f"{self.unit} — {self.task[:60]}"

    def is_late(self, on: date) -> bool:
        return self.status != self.Status.DONE and self.due_date is not None and self.due_date < on

    def shown_status(self, on: date) -> tuple[str, str]:
        if self.is_late(on):
            return self.LATE, str(pgettext_lazy("task status", "late"))
        return self.status, self.get_status_display()


def evidence_path(instance, filename):
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"programs/evidence/{instance.assignment_id}/{instance.uploaded_at:%Y%m%d%H%M%S%f}.{ext}"


class Evidence(models.Model):
    """A picture or minutes that show a task was done (pdf, jpg, png; up to 5 MB)."""

    assignment = models.ForeignKey(
        Assignment, verbose_name=_("assignment"), on_delete=models.CASCADE, related_name="evidence"
    )
    file = models.FileField(_("file"), upload_to=evidence_path)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    uploaded_by = _user_fk(_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("evidence file")
        verbose_name_plural = _("evidence files")
        ordering = ["-uploaded_at"]

    def __str__(self):
        return self.original_name


class Event(models.Model):
    """An event of the plan: Action Month, Children's Day, Mid-Autumn or another."""

    class Kind(models.TextChoices):
        ACTION_MONTH = "action_month", _("Action Month for Children")
        CHILDRENS_DAY = "childrens_day", _("International Children's Day 1/6")
        MID_AUTUMN = "mid_autumn", _("Mid-Autumn Festival")
        OTHER = "other", _("other event")

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="events")
    activity = models.ForeignKey(
        Activity, verbose_name=_("activity"), null=True, blank=True, on_delete=models.SET_NULL, related_name="events"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(_("title"), max_length=300)
    theme = models.CharField(_("theme"), max_length=400, blank=True)
    date = models.DateField(_("date"))
    end_date = models.DateField(_("until"), null=True, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    organiser = models.ForeignKey(
        Unit, verbose_name=_("organiser"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    budget = _money(_("budget (VND)"))
    participants = models.PositiveIntegerField(_("participants"), default=0)
    note = models.TextField(_("notes"), blank=True)
    entries = models.ManyToManyField(
        "funds.Entry", verbose_name=_("fund entries"), blank=True, related_name="plan_events"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["date", "pk"]

    def __str__(self):
        return self.title


class GiftList(models.Model):
    """Children chosen from the registry to receive a gift at an event."""

    event = models.ForeignKey(Event, verbose_name=_("event"), on_delete=models.CASCADE, related_name="gift_lists")
    title = models.CharField(_("title"), max_length=200)
    default_gift = models.CharField(_("gift"), max_length=200, blank=True)
    default_value = _money(_("value per child (VND)"))
    entries = models.ManyToManyField(
        "funds.Entry", verbose_name=_("fund entries"), blank=True, related_name="plan_gift_lists"
    )
    created_by = _user_fk(_("created by"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gift list")
        verbose_name_plural = _("gift lists")
        ordering = ["event", "pk"]

    def __str__(self):
        return self.title


class GiftRecipient(models.Model):
    gift_list = models.ForeignKey(
        GiftList, verbose_name=_("gift list"), on_delete=models.CASCADE, related_name="recipients"
    )
    child = models.ForeignKey(Child, verbose_name=_("child"), on_delete=models.PROTECT, related_name="+")
    gift = models.CharField(_("gift"), max_length=200)
    value = models.PositiveBigIntegerField(_("value (VND)"), validators=[MaxValueValidator(MAX_VND)])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("gift recipient")
        verbose_name_plural = _("gift recipients")
        ordering = ["child__village__name", "child__sort_key", "pk"]
        constraints = [models.UniqueConstraint(fields=["gift_list", "child"], name="gift_once_per_child")]

    def __str__(self):
        return f"{self.child} — {self.gift}"


class Forum(models.Model):
    """A Children's Forum (Circular 29/2019/TT-BLĐTBXH)."""

    MIN_CHILDREN = 30
    CHILDREN_PER_MINDER = 5
    VOLUNTEERS_PER_CHILDREN = 10  # volunteers ≤ children / 10
    GUESTS_PER_CHILDREN = 3  # guests ≤ children / 3

    plan = models.ForeignKey(Plan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="forums")
    date = models.DateField(_("date"))
    topic = models.CharField(_("topic"), max_length=400)
    place = models.CharField(_("place"), max_length=200, blank=True)
    minders = models.PositiveIntegerField(_("minders"))
    minder_names = models.TextField(_("names of the minders"), blank=True)
    volunteers = models.PositiveIntegerField(_("volunteers"), default=0)
    guests = models.PositiveIntegerField(_("guests"), default=0)
    guest_names = models.TextField(_("guests (leaders and others)"), blank=True)
    consent_on = models.DateField(_("written consent collected on"))
    created_by = _user_fk(_("created by"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("children's forum")
        verbose_name_plural = _("children's forums")
        ordering = ["-date"]

    def __str__(self):
        return f"{self.topic} ({self.date:%d/%m/%Y})"


class ForumParticipant(models.Model):
    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="participants")
    child = models.ForeignKey(Child, verbose_name=_("child"), on_delete=models.PROTECT, related_name="+")
    age = models.PositiveSmallIntegerField(_("age"))
    consent = models.BooleanField(_("written parental consent"), default=False)
    is_representative = models.BooleanField(_("sent to the district forum"), default=False)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("forum participant")
        verbose_name_plural = _("forum participants")
        ordering = ["child__sort_key", "pk"]
        constraints = [models.UniqueConstraint(fields=["forum", "child"], name="forum_child_once")]

    def __str__(self):
        return str(self.child)


class ForumQuestion(models.Model):
    forum = models.ForeignKey(Forum, verbose_name=_("forum"), on_delete=models.CASCADE, related_name="questions")
    question = models.TextField(_("children's question"))
    asked_by = models.CharField(_("asked by"), max_length=120, blank=True)
    answer = models.TextField(_("leaders' answer"), blank=True)
    answered_by = models.CharField(_("answered by"), max_length=120, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("forum question")
        verbose_name_plural = _("forum questions")
        ordering = ["forum", "pk"]

    def __str__(self):
        return self.question[:80]


class RiskSite(models.Model):
    """A place in a village where children risk drowning, and what protects them."""

    class Kind(models.TextChoices):
        POND = "pond", _("pond")
        LAKE = "lake", _("lake")
        RIVER = "river", _("river")
        STREAM = "stream", _("stream")
        DAM = "dam", _("dam")
        OTHER = "other", _("other")

    class Risk(models.TextChoices):
        HIGH = "high", _("high")
        MEDIUM = "medium", _("medium")
        LOW = "low", _("low")

    village = models.ForeignKey(
        Area,
        verbose_name=_("village"),
        on_delete=models.PROTECT,
        related_name="risk_sites",
        limit_choices_to={"kind": Area.Kind.VILLAGE},
    )
    name = models.CharField(_("name"), max_length=200)
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    location = models.CharField(_("location"), max_length=300)
    latitude = models.DecimalField(
        _("latitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-90), MaxValueValidator(90)],
    )
    longitude = models.DecimalField(
        _("longitude"),
        max_digits=9,
        decimal_places=6,
        null=True,
        blank=True,
        validators=[MinValueValidator(-180), MaxValueValidator(180)],
    )
    risk = models.CharField(_("risk"), max_length=10, choices=Risk.choices)
    has_fence = models.BooleanField(_("fence"), default=False)
    has_sign = models.BooleanField(_("warning sign"), default=False)
    other_measures = models.CharField(_("other measures"), max_length=300, blank=True)
    last_checked = models.DateField(_("last checked"), null=True, blank=True)
    note = models.TextField(_("notes"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("drowning-risk site")
        verbose_name_plural = _("drowning-risk sites")
        ordering = ["village__name", "name"]

    def __str__(self):
        return self.name

    @property
    def has_measures(self) -> bool:
        return self.has_fence or self.has_sign or bool(self.other_measures.strip())


class Training(models.Model):
    """A training session: officers trained (who from the commune attended), or children taught
    injury and drowning prevention or swimming (how many children it reached)."""

    class Kind(models.TextChoices):
        OFFICERS = "officers", _("training of officers and collaborators")
        INJURY_PREVENTION = "injury_prevention", _("children taught injury and drowning prevention")
        SWIMMING = "swimming", _("swimming lessons for children")
        OTHER = "other", _("other")

    CHILDREN_KINDS = (Kind.INJURY_PREVENTION, Kind.SWIMMING)

    commune = models.ForeignKey(
        Area,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="trainings",
        limit_choices_to={"kind": Area.Kind.COMMUNE},
    )
    date = models.DateField(_("date"))
    kind = models.CharField(_("kind of session"), max_length=20, choices=Kind.choices, default=Kind.OFFICERS)
    topic = models.CharField(_("topic"), max_length=300)
    children_reached = models.PositiveIntegerField(
        _("children reached"), default=0, help_text=_("For sessions with children: how many children took part.")
    )
    organiser = models.CharField(_("organised by"), max_length=200, blank=True)
    place = models.CharField(_("place"), max_length=200, blank=True)
    attendees = models.ManyToManyField(USER, verbose_name=_("attendees (portal users)"), blank=True, related_name="+")
    other_attendees = models.TextField(
        _("other attendees"), blank=True, help_text=_("One per line: name and position.")
    )
    created_by = _user_fk(_("created by"))

    history = HistoricalRecords(m2m_fields=[attendees])

    class Meta:
        verbose_name = _("training")
        verbose_name_plural = _("trainings")
        ordering = ["-date", "pk"]

    def __str__(self):
        return self.topic

    def other_attendee_lines(self) -> list[str]:
        return [line.strip() for line in self.other_attendees.splitlines() if line.strip()]


class Assessment(models.Model):
    """The child-friendly commune assessment of one year (Decision 06/QĐ-TTg of 03/01/2019)."""

    THRESHOLDS = {
        Area.Terrain.MOUNTAINOUS: 800,
        Area.Terrain.RURAL: 850,
        Area.Terrain.URBAN: 900,
    }

    commune = models.ForeignKey(
        Area,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="assessments",
        limit_choices_to={"kind": Area.Kind.COMMUNE},
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    note = models.TextField(_("notes"), blank=True)
    created_by = _user_fk(_("created by"))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("child-friendly assessment")
        verbose_name_plural = _("child-friendly assessments")
        ordering = ["-year"]
        constraints = [models.UniqueConstraint(fields=["commune", "year"], name="assessment_one_per_year")]

    def __str__(self):
        return f"{self.commune} {self.year}"


class CriterionScore(models.Model):
    """One of the 13 criteria of an assessment: its score out of its maximum, and whether it is met."""

    assessment = models.ForeignKey(
        Assessment, verbose_name=_("assessment"), on_delete=models.CASCADE, related_name="scores"
    )
    number = models.PositiveSmallIntegerField(_("criterion"), validators=[MinValueValidator(1), MaxValueValidator(13)])
    max_score = models.PositiveSmallIntegerField(_("maximum"))
    score = models.PositiveSmallIntegerField(_("score"), default=0)
    met = models.BooleanField(_("met"), default=False)
    measured = models.CharField(_("measured from the registry"), max_length=200, blank=True)
    note = models.CharField(_("evidence and notes"), max_length=400, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("criterion score")
        verbose_name_plural = _("criterion scores")
        ordering = ["assessment", "number"]
        constraints = [
            models.UniqueConstraint(fields=["assessment", "number"], name="criterion_once"),
            models.CheckConstraint(condition=models.Q(score__lte=models.F("max_score")), name="score_within_max"),
        ]

    def __str__(self):
        return f"{self.number}: {self.score}/{self.max_score}"
