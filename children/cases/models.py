"""Protection cases (Decree 56/2017/NĐ-CP, chapter III) and the public holidays their clocks skip.

A case concerns one or more children of the registry. What was done is recorded as dated
``CaseStep`` rows (who, when); the stage a case is in is *derived* from those steps by
``children/cases/workflow.py`` and stored on the case only as a cache the services refresh, so
lists can filter on it. Writes go through ``children/cases/services.py``; reads a user makes go
through ``children/cases/selectors.py`` (which scope everything with ``accounts.scope``).

Case files are confidential: only the culture-social officer, the chairman and the police of the
commune read them (permission ``cases.view``); every opening and printing is logged in the access log
(``accounts.audit.log_access``) and shown on the case.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Area, Unit


class Kind(models.TextChoices):
    VIOLENCE = "violence", _("violence")
    SEXUAL_ABUSE = "sexual_abuse", _("sexual abuse")
    EXPLOITATION = "exploitation", _("exploitation or child labour")
    TRAFFICKING = "trafficking", _("trafficking")
    NEGLECT = "neglect", _("abandonment or neglect")
    ACCIDENT = "accident", _("accident or injury")
    DROWNING = "drowning", _("drowning")
    OTHER = "other", _("other")


# Abuse (xâm hại trẻ em, Law on Children 2016 Art. 4.8): violence, exploitation, sexual abuse,
# trafficking, abandonment and neglect. Accidents, drownings and "other" are not abuse.
ABUSE_KINDS = frozenset({Kind.VIOLENCE, Kind.SEXUAL_ABUSE, Kind.EXPLOITATION, Kind.TRAFFICKING, Kind.NEGLECT})
# Kinds whose figures are confidential (they reveal a confidential special-circumstance group).
CONFIDENTIAL_KINDS = frozenset({Kind.VIOLENCE, Kind.SEXUAL_ABUSE, Kind.EXPLOITATION, Kind.TRAFFICKING})

# The special-circumstance group (Law on Children Art. 10) a confirmed case of this kind puts a child in.
CIRCUMSTANCE_FOR_KIND = {
    Kind.VIOLENCE: "i",
    Kind.SEXUAL_ABUSE: "l",
    Kind.EXPLOITATION: "k",
    Kind.TRAFFICKING: "m",
}


class Stage(models.TextChoices):
    """Where a case stands, derived from its steps (never typed in)."""

    VERIFICATION = "verification", _("to be verified")
    INITIAL_ASSESSMENT = "initial_assessment", _("initial risk assessment due")
    DETAILED_ASSESSMENT = "detailed_assessment", _("detailed assessment due")
    PLANNING = "planning", _("support plan to be drawn up")
    APPROVAL = "approval", _("plan awaiting the chairman's approval")
    CARRYING_OUT = "carrying_out", _("plan being carried out")
    UNCONFIRMED = "unconfirmed", _("report not confirmed, to be closed")
    CLOSED = "closed", _("closed")


class Case(models.Model):
    class Place(models.TextChoices):
        HOME = "home", _("home")
        SCHOOL = "school", _("school")
        COMMUNITY = "community", _("community")
        ONLINE = "online", _("online")
        WORKPLACE = "workplace", _("workplace")
        OTHER = "other", _("other")

    class Source(models.TextChoices):
        HOTLINE = "hotline_111", _("national hotline 111")
        SCHOOL = "school", _("school")
        VILLAGE = "village", _("village")
        POLICE = "police", _("police")
        FAMILY = "family", _("family")
        CHILD = "child", _("the child")
        OTHER = "other", _("other")

    class Relation(models.TextChoices):
        PARENT = "parent", _("parent")
        STEP_PARENT = "step_parent", _("step-parent or parent's partner")
        RELATIVE = "relative", _("other relative")
        CARER = "carer", _("carer or guardian")
        TEACHER = "teacher", _("teacher or school staff")
        EMPLOYER = "employer", _("employer")
        ACQUAINTANCE = "acquaintance", _("acquaintance or neighbour")
        STRANGER = "stranger", _("stranger")
        CHILD = "child", _("another child")
        NONE = "none", _("no one (accident)")
        UNKNOWN = "unknown", _("not known")

    class Level(models.TextChoices):
        PREVENTION = "prevention", _("prevention")
        SUPPORT = "support", _("early support")
        INTERVENTION = "intervention", _("intervention")

    Kind = Kind
    Stage = Stage

    number = models.CharField(_("case number"), max_length=20, editable=False)
    commune = models.ForeignKey(
        Area,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="protection_cases",
        limit_choices_to={"kind": Area.Kind.COMMUNE},
    )
    village = models.ForeignKey(
        Area,
        verbose_name=_("village"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="village_protection_cases",
        limit_choices_to={"kind": Area.Kind.VILLAGE},
    )
    # A case still open when its commune merged into another (accounts.reform) moves there on
    # ``moved_on``; the figures of periods ending before that day count it where it was.
    previous_commune = models.ForeignKey(
        Area,
        verbose_name=_("commune before the merger"),
        null=True,
        blank=True,
        editable=False,
        on_delete=models.PROTECT,
        related_name="+",
    )
    previous_village = models.ForeignKey(
        Area, verbose_name=_("village before the merger"), null=True, blank=True, editable=False,
        on_delete=models.PROTECT, related_name="+",
    )  # fmt: skip
    moved_on = models.DateField(_("moved on"), null=True, blank=True, editable=False)
    children = models.ManyToManyField(
        "children.Child", verbose_name=_("children"), related_name="protection_cases", blank=True
    )
    kind = models.CharField(_("kind of case"), max_length=20, choices=Kind.choices)
    place = models.CharField(_("where it happened"), max_length=12, choices=Place.choices)
    reported_at = models.DateTimeField(_("reported at"))
    source = models.CharField(_("reported by"), max_length=12, choices=Source.choices)
    reporter = models.CharField(
        _("name and contact of the person reporting"),
        max_length=200,
        blank=True,
        help_text=_("Kept confidential. Leave empty when the person wishes to stay anonymous."),
    )
    alleged_relation = models.CharField(
        _("alleged to have caused harm"),
        max_length=15,
        choices=Relation.choices,
        help_text=_("Their relation to the child; no name is needed."),
    )
    summary = models.TextField(_("what was reported"))
    level = models.CharField(_("protection level"), max_length=12, choices=Level.choices)
    officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("officer in charge"),
        on_delete=models.PROTECT,
        related_name="protection_cases",
    )

    # Derived from the steps by the services (workflow.derive); never typed in.
    stage = models.CharField(_("stage"), max_length=20, choices=Stage.choices, default=Stage.VERIFICATION)
    is_emergency = models.BooleanField(_("emergency"), default=False)
    initial_assessed_at = models.DateTimeField(_("initial assessment done at"), null=True, blank=True)
    next_review_on = models.DateField(_("next review due"), null=True, blank=True)
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("protection case")
        verbose_name_plural = _("protection cases")
        ordering = ["-reported_at", "-pk"]
        constraints = [models.UniqueConstraint(fields=["commune", "number"], name="case_number_unique_in_commune")]
        indexes = [
            models.Index(fields=["commune", "reported_at"], name="case_commune_reported"),
            models.Index(fields=["stage"], name="case_stage"),
        ]

    def __str__(self):
        return self.number or str(_("new case"))

    @property
    def is_open(self) -> bool:
        return self.stage != Stage.CLOSED

    @property
    def circumstance_letter(self) -> str | None:
        return CIRCUMSTANCE_FOR_KIND.get(self.kind)


class CaseStep(models.Model):
    """One thing done on a case, with when and by whom. The timeline of the case file."""

    class Kind(models.TextChoices):
        RECEIVED = "received", _("report received")
        VERIFIED = "verified", _("verification")
        INITIAL_ASSESSMENT = "initial_assessment", _("initial risk assessment")
        DETAILED_ASSESSMENT = "detailed_assessment", _("detailed assessment")
        PLAN_SUBMITTED = "plan_submitted", _("plan submitted for approval")
        PLAN_APPROVED = "plan_approved", _("plan approved")
        PLAN_RETURNED = "plan_returned", _("plan returned")
        SERVICE_GIVEN = "service_given", _("service given")
        REVIEW = "review", _("periodic review")
        CIRCUMSTANCE = "circumstance", _("special circumstance recorded in the registry")
        CLOSED = "closed", _("case closed")

    class Risk(models.TextChoices):
        LOW = "low", _("low")
        MEDIUM = "medium", _("medium")
        HIGH = "high", _("high")

    class ReviewOutcome(models.TextChoices):
        CONTINUE = "continue", _("continue the plan")
        REPLAN = "replan", _("draw up a new plan")
        READY_TO_CLOSE = "ready", _("child safe and stable")

    class CloseReason(models.TextChoices):
        SAFE = "safe", _("child safe and stable")
        NOT_CONFIRMED = "not_confirmed", _("report not confirmed")
        TRANSFERRED = "transferred", _("transferred to another commune or agency")
        OTHER = "other", _("other")

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="steps")
    kind = models.CharField(_("step"), max_length=20, choices=Kind.choices)
    done_at = models.DateTimeField(_("done at"))
    done_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("done by"), on_delete=models.PROTECT, related_name="+"
    )
    note = models.TextField(_("notes"), blank=True)
    # verification
    confirmed = models.BooleanField(_("report confirmed"), null=True, blank=True)
    # initial and detailed assessment
    risk = models.CharField(_("risk level"), max_length=8, choices=Risk.choices, blank=True)
    is_emergency = models.BooleanField(_("emergency"), default=False)
    emergency_measures = models.TextField(_("emergency measures taken"), blank=True)
    separated = models.BooleanField(_("child temporarily separated from the carer"), default=False)
    separation_place = models.CharField(_("placed with"), max_length=200, blank=True)
    # review
    outcome = models.CharField(_("outcome"), max_length=10, choices=ReviewOutcome.choices, blank=True)
    next_review_on = models.DateField(_("next review"), null=True, blank=True)
    # closure
    close_reason = models.CharField(_("reason for closing"), max_length=15, choices=CloseReason.choices, blank=True)
    plan = models.ForeignKey(
        "CasePlan", verbose_name=_("plan"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    service = models.ForeignKey(
        "PlanService", verbose_name=_("service"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("case step")
        verbose_name_plural = _("case steps")
        ordering = ["done_at", "pk"]

    def __str__(self):
        return f"{self.get_kind_display()} {self.done_at:%d/%m/%Y %H:%M}"


class CasePlan(models.Model):
    """A support and intervention plan. The chairman approves it (within 7 working days of submission)."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SUBMITTED = "submitted", _("submitted")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned for changes")

    case = models.ForeignKey(Case, verbose_name=_("case"), on_delete=models.CASCADE, related_name="plans")
    version = models.PositiveSmallIntegerField(_("plan number"), default=1)
    goals = models.TextField(_("goals and measures"))
    first_review_on = models.DateField(_("first review on"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True)
    due_on = models.DateField(_("approval due by"), null=True, blank=True)
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("decided by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    decision_note = models.TextField(_("chairman's comment"), blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("support and intervention plan")
        verbose_name_plural = _("support and intervention plans")
        ordering = ["case", "version"]
        constraints = [models.UniqueConstraint(fields=["case", "version"], name="plan_version_unique")]

    def __str__(self):
        return f"{self.case} · {self.version}"

    @property
    def approved_in_time(self) -> bool | None:
        if self.status != self.Status.APPROVED or not self.decided_at or not self.due_on:
            return None
        return timezone.localdate(self.decided_at) <= self.due_on


class PlanService(models.Model):
    """A service of a plan: what, who provides it, when; and when it was actually given."""

    class Kind(models.TextChoices):
        HEALTH = "health", _("health care")
        COUNSELLING = "counselling", _("psychological counselling")
        LEGAL = "legal", _("legal aid")
        EDUCATION = "education", _("education or vocational support")
        ALTERNATIVE_CARE = "alternative_care", _("alternative care")
        FAMILY = "family", _("family support and parenting skills")
        SOCIAL = "social", _("social assistance")
        REINTEGRATION = "reintegration", _("reintegration into the community")
        OTHER = "other", _("other")

    plan = models.ForeignKey(CasePlan, verbose_name=_("plan"), on_delete=models.CASCADE, related_name="services")
    kind = models.CharField(_("service"), max_length=20, choices=Kind.choices)
    description = models.CharField(_("description"), max_length=300)
    unit = models.ForeignKey(
        Unit, verbose_name=_("responsible unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    provider = models.CharField(_("other provider"), max_length=150, blank=True)
    start_date = models.DateField(_("from"))
    end_date = models.DateField(_("to"))
    given_on = models.DateField(_("given on"), null=True, blank=True)
    given_note = models.CharField(_("how it was given"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("planned service")
        verbose_name_plural = _("planned services")
        ordering = ["start_date", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_date__gte=models.F("start_date")), name="plan_service_dates_in_order"
            )
        ]

    def __str__(self):
        return f"{self.get_kind_display()}: {self.description}"

    @property
    def responsible(self) -> str:
        return str(self.unit) if self.unit_id else self.provider


class Holiday(models.Model):
    """A public holiday (no working day). National when ``commune`` is empty; else the commune's own."""

    date = models.DateField(_("date"))
    name = models.CharField(_("name"), max_length=150)
    commune = models.ForeignKey(
        Area,
        verbose_name=_("commune"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="holidays",
        limit_choices_to={"kind": Area.Kind.COMMUNE},
        help_text=_("Empty for a national holiday."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("public holiday")
        verbose_name_plural = _("public holidays")
        ordering = ["date", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["date"], condition=models.Q(commune__isnull=True), name="holiday_national_once_a_day"
            ),
            models.UniqueConstraint(fields=["date", "commune"], name="holiday_commune_once_a_day"),
        ]

    def __str__(self):
        return f"{self.date:%d/%m/%Y} {self.name}"
