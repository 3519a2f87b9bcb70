"""The reporting calendar as data: report types, indicators, periods, submissions and their values.

* A **report type** says which level reports (village or commune), what period kind it covers and
  its default deadline; the recipient is always "the area above" (``area.parent``), whatever its
  kind, so the post-2025 chain commune → province is a data change.
* An **indicator** (Circular 13/2021 shape: group + number) says how a figure is obtained:
  computed from the registry, cases, plan or fund, or typed in.
* A **period** of a report type belongs to the area that receives the reports (the commune for
  village reports, the district for commune reports) and carries the dates the figures cover, the
  opening date, the deadline and an optional closing date.
* A **submission** is one area's report for one period: values, narrative and a workflow state.

Writes go through ``reporting/services.py``; reads through ``reporting/selectors.py``.
"""

import datetime as dt
from zoneinfo import ZoneInfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import Area

LOCAL_TZ = ZoneInfo(settings.TIME_ZONE)


class ReportType(models.Model):
    class PeriodKind(models.TextChoices):
        SIX_MONTHLY = "six_monthly", _("six-monthly")
        ANNUAL = "annual", _("annual")
        AD_HOC = "ad_hoc", _("ad-hoc")
        THEMATIC = "thematic", _("thematic")

    class Event(models.TextChoices):
        ACTION_MONTH = "action_month", _("Action Month for Children")
        CHILDRENS_DAY = "childrens_day", _("International Children's Day 1/6")
        MID_AUTUMN = "mid_autumn", _("Mid-Autumn Festival")

    code = models.SlugField(_("code"), max_length=40, unique=True)
    name = models.CharField(_("name"), max_length=200)
    from_kind = models.CharField(_("reporting level"), max_length=10, choices=Area.Kind.choices)
    to_kind = models.CharField(
        _("reported to (usually)"),
        max_length=10,
        choices=Area.Kind.choices,
        help_text=_("For information only: reports always go to the area above the reporting area."),
    )
    period_kind = models.CharField(_("period kind"), max_length=12, choices=PeriodKind.choices)
    event = models.CharField(_("event"), max_length=20, choices=Event.choices, blank=True)
    # Defaults used when the calendar of a year is created; each period can then be edited.
    start_month = models.PositiveSmallIntegerField(_("figures from month"), default=1)
    end_month = models.PositiveSmallIntegerField(_("figures to month"), default=12)
    end_day = models.PositiveSmallIntegerField(_("figures to day"), default=31)
    due_month = models.PositiveSmallIntegerField(_("due month"), null=True, blank=True)
    due_day = models.PositiveSmallIntegerField(_("due day"), null=True, blank=True)
    consolidates = models.ForeignKey(
        "self",
        verbose_name=_("consolidates"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="consolidated_by",
        help_text=_("The lower-level report type whose accepted reports this one adds up."),
    )
    indicators = models.ManyToManyField("Indicator", verbose_name=_("indicators"), blank=True, related_name="+")
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    is_active = models.BooleanField(_("active"), default=True)
    due_is_own = models.BooleanField(
        _("deadline entered by the commune"),
        default=False,
        help_text=_(
            "The plan names this report but not its deadline: the default deadline is the commune's own entry."
        ),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report type")
        verbose_name_plural = _("report types")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name


class Indicator(models.Model):
    """A figure reported. Codes follow Circular 13/2021/TT-BLĐTBXH (group + number, GGNN)."""

    class Group(models.TextChoices):
        GENERAL = "01", _("01 General")
        HEALTH = "02", _("02 Health and nutrition")
        PROTECTION = "03", _("03 Protection")
        EDUCATION = "04", _("04 Education")
        CULTURE = "05", _("05 Culture and play")
        PARTICIPATION = "06", _("06 Participation")
        COMMUNICATION = "07", _("07 Communication (own)")
        FUND = "08", _("08 Child Protection Fund (own)")
        EVENT = "09", _("09 Events (own)")
        ABUSE = "II", _("Annex II Abuse of children")

    class Source(models.TextChoices):
        REGISTRY = "registry", _("computed from the children's registry")
        CASES = "cases", _("computed from protection cases")
        PLAN = "plan", _("computed from the plan and its events")
        FUND = "fund", _("computed from the fund ledger")
        TYPED = "typed", _("typed in")

    class Breakdown(models.TextChoices):
        NONE = "", _("none")
        SEX = "sex", _("by sex")
        AGE = "age", _("by age group")
        CIRCUMSTANCE = "circumstance", _("by special-circumstance group")
        CASE_KIND = "case_kind", _("by kind of case")

    class Unit(models.TextChoices):
        # pgettext: "sessions" alone is also the name of Django's sessions app.
        CHILDREN = "children", pgettext_lazy("indicator unit", "children")
        CASES = "cases", pgettext_lazy("indicator unit", "cases")
        SESSIONS = "sessions", pgettext_lazy("indicator unit", "sessions")
        PEOPLE = "people", pgettext_lazy("indicator unit", "people")
        GIFTS = "gifts", pgettext_lazy("indicator unit", "gifts")
        VND = "vnd", pgettext_lazy("indicator unit", "VND")

    code = models.CharField(_("code"), max_length=12, unique=True)
    name = models.CharField(_("name"), max_length=250)
    unit = models.CharField(_("unit"), max_length=10, choices=Unit.choices)
    group = models.CharField(_("group"), max_length=2, choices=Group.choices)
    breakdown = models.CharField(_("breakdown"), max_length=20, choices=Breakdown.choices, blank=True)
    source = models.CharField(_("how it is obtained"), max_length=10, choices=Source.choices)
    # For computed indicators: the name of the computation in reporting/indicators.py.
    computation = models.CharField(_("computation"), max_length=60, blank=True)
    # Validation rule: this indicator (each breakdown key) may not exceed that one.
    at_most = models.ForeignKey(
        "self", verbose_name=_("may not exceed"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    official_code = models.BooleanField(
        _("code from Circular 13/2021"), default=False, help_text=_("Unticked: our own code, not from the annex.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("indicator")
        verbose_name_plural = _("indicators")
        ordering = ["order", "code"]

    def __str__(self):
        return f"{self.code} {self.name}"

    @property
    def is_computed(self) -> bool:
        return self.source != self.Source.TYPED


class Period(models.Model):
    """One period of a report type in the calendar of the area that receives the reports."""

    report_type = models.ForeignKey(
        ReportType, verbose_name=_("report type"), on_delete=models.PROTECT, related_name="periods"
    )
    area = models.ForeignKey(
        Area,
        verbose_name=_("receiving area"),
        on_delete=models.PROTECT,
        related_name="report_periods",
        help_text=_("The area that receives these reports: its subareas of the reporting kind report."),
    )
    reporter = models.ForeignKey(
        Area,
        verbose_name=_("only this area reports"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("For an ad-hoc report raised by one area."),
    )
    year = models.PositiveSmallIntegerField(_("year"))
    title = models.CharField(_("title"), max_length=200)
    start = models.DateField(_("figures from"))
    end = models.DateField(_("figures to"))
    opens_on = models.DateField(_("opens on"))
    deadline = models.DateField(_("deadline"))
    closes_on = models.DateField(
        _("closes on"), null=True, blank=True, help_text=_("After this day nothing can be submitted or changed.")
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("reporting period")
        verbose_name_plural = _("reporting periods")
        ordering = ["-year", "deadline", "report_type__order"]
        indexes = [models.Index(fields=["area", "year"], name="period_area_year")]

    def __str__(self):
        return f"{self.title} ({self.area})"

    def clean(self):
        errors = {}
        if self.start and self.end and self.end < self.start:
            errors["end"] = _("The end of the figures comes before their start.")
        if self.opens_on and self.deadline and self.deadline < self.opens_on:
            errors["deadline"] = _("The deadline comes before the opening date.")
        if self.closes_on and self.deadline and self.closes_on < self.deadline:
            errors["closes_on"] = _("The period cannot close before its deadline.")
        if self.reporter_id and self.area_id and self.reporter.parent_id != self.area_id:
            errors["reporter"] = _("The reporting area must lie directly below the receiving area.")
        if errors:
            raise ValidationError(errors)

    @property
    def deadline_is_own(self) -> bool:
        """The deadline comes from the commune, not from its plan (the seed names the thematic
        reports without dates)."""
        return self.report_type.due_is_own

    def is_open(self, on: dt.date) -> bool:
        return self.opens_on <= on and (self.closes_on is None or on <= self.closes_on)

    def is_closed(self, on: dt.date) -> bool:
        return self.closes_on is not None and on > self.closes_on

    @property
    def cutoff(self) -> dt.datetime:
        """The first moment that is late: midnight after the deadline in Asia/Ho_Chi_Minh."""
        return dt.datetime.combine(self.deadline + dt.timedelta(days=1), dt.time(0), tzinfo=LOCAL_TZ)

    def is_on_time(self, moment: dt.datetime) -> bool:
        return moment < self.cutoff


class Submission(models.Model):
    """One area's report for one period."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        APPROVED = "approved", _("approved by the chairman")
        SUBMITTED = "submitted", pgettext_lazy("report status", "submitted")
        RETURNED = "returned", _("returned with comments")
        ACCEPTED = "accepted", _("accepted")

    period = models.ForeignKey(Period, verbose_name=_("period"), on_delete=models.PROTECT, related_name="submissions")
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="report_submissions")
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    results = models.TextField(_("results"), blank=True)
    difficulties = models.TextField(_("difficulties"), blank=True)
    proposals = models.TextField(_("proposals"), blank=True)
    number = models.CharField(_("document number"), max_length=30, blank=True, help_text=_('e.g. "15/BC-UBND"'))
    first_submitted_at = models.DateTimeField(_("first submitted at"), null=True, blank=True)
    submitted_at = models.DateTimeField(pgettext_lazy("report", "submitted at"), null=True, blank=True)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=pgettext_lazy("report", "submitted by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    on_time = models.BooleanField(_("on time"), null=True, blank=True)
    times_submitted = models.PositiveSmallIntegerField(_("times submitted"), default=0)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    review_comment = models.TextField(_("comments of the reviewer"), blank=True)
    reviewed_at = models.DateTimeField(_("reviewed at"), null=True, blank=True)
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("report")
        verbose_name_plural = _("reports")
        ordering = ["period", "area__path"]
        constraints = [models.UniqueConstraint(fields=["period", "area"], name="submission_once_per_period_area")]

    def __str__(self):
        return f"{self.period.title} — {self.area}"

    def clean(self):
        if self.period_id and self.area_id:
            if self.area.parent_id != self.period.area_id or self.area.kind != self.period.report_type.from_kind:
                raise ValidationError({"area": _("This area does not report in this period.")})
            if self.period.reporter_id and self.period.reporter_id != self.area_id:
                raise ValidationError({"area": _("This area does not report in this period.")})

    @property
    def is_resubmitted(self) -> bool:
        return self.status == self.Status.SUBMITTED and self.times_submitted > 1

    @property
    def status_label(self) -> str:
        if self.is_resubmitted:
            return str(_("resubmitted"))
        return self.get_status_display()


class Value(models.Model):
    """One figure of a submission: an indicator, a breakdown key ("" for the total) and its source."""

    class Source(models.TextChoices):
        REGISTRY = "registry", _("registry")
        CASES = "cases", _("protection cases")
        PLAN = "plan", _("plan")
        FUND = "fund", _("fund ledger")
        VILLAGES = "villages", _("sum of accepted village reports")
        TYPED = "typed", _("typed in")

    submission = models.ForeignKey(
        Submission, verbose_name=_("report"), on_delete=models.CASCADE, related_name="values"
    )
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+")
    key = models.CharField(_("breakdown"), max_length=20, blank=True)
    value = models.PositiveBigIntegerField(_("value"), null=True, blank=True)
    source = models.CharField(_("source"), max_length=10, choices=Source.choices)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("value")
        verbose_name_plural = _("values")
        ordering = ["indicator__order", "indicator__code", "key"]
        constraints = [
            models.UniqueConstraint(fields=["submission", "indicator", "key"], name="value_once_per_indicator_key")
        ]

    def __str__(self):
        return f"{self.indicator.code}{'/' + self.key if self.key else ''} = {self.value}"


class Event(models.Model):
    """A step of a submission's life, with who, when and the comment (returns and reopenings need one)."""

    class Action(models.TextChoices):
        SAVED = "saved", _("saved as draft")
        SUBMITTED = "submitted", pgettext_lazy("report status", "submitted")
        RESUBMITTED = "resubmitted", _("resubmitted")
        APPROVED = "approved", _("approved")
        RETURNED = "returned", _("returned with comments")
        ACCEPTED = "accepted", _("accepted")
        REOPENED = "reopened", _("reopened")
        WITHDRAWN = "withdrawn", _("approval withdrawn")

    submission = models.ForeignKey(
        Submission, verbose_name=_("report"), on_delete=models.CASCADE, related_name="events"
    )
    action = models.CharField(_("action"), max_length=12, choices=Action.choices)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), null=True, on_delete=models.PROTECT, related_name="+"
    )
    at = models.DateTimeField(_("time"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        verbose_name = _("report event")
        verbose_name_plural = _("report events")
        ordering = ["at", "pk"]

    def __str__(self):
        return f"{self.get_action_display()} {self.at:%d/%m/%Y %H:%M}"


class Reminder(models.Model):
    """A reminder e-mail sent, so the daily command sends each one once."""

    class Kind(models.TextChoices):
        UPCOMING = "upcoming", _("deadline approaching")
        OVERDUE = "overdue", _("overdue")

    period = models.ForeignKey(Period, verbose_name=_("period"), on_delete=models.CASCADE, related_name="reminders")
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="+")
    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    sent_on = models.DateField(_("sent on"))
    recipients = models.PositiveSmallIntegerField(_("recipients"), default=0)

    class Meta:
        verbose_name = _("reminder sent")
        verbose_name_plural = _("reminders sent")
        ordering = ["-sent_on"]
        constraints = [
            models.UniqueConstraint(fields=["period", "area", "kind", "sent_on"], name="reminder_once_a_day")
        ]

    def __str__(self):
        return f"{self.period} · {self.area} · {self.sent_on:%d/%m/%Y}"
