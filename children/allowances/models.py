"""Monthly social allowances for children (Decree 20/2021/NĐ-CP, Art. 5–6 and 8).

The rules are data, each row citing its legal source, and a new decree is a new row:

* ``BaseLevel`` — the base level of social assistance (mức chuẩn trợ giúp xã hội), dated: 360.000 đ
  from 01/07/2021 (Decree 20/2021 Art. 4), 500.000 đ from 01/07/2024 (Decree 76/2024).
* ``CoefficientRule`` — the coefficient of a category of child (no carer, HIV, disability level) for
  an age band, in force from a date.

An ``Entitlement`` is the officer's confirmation (decision number, date, issuer) that a child receives
the allowance of a category from a month until an end (the month of the 16th birthday, leaving the
commune, adoption, death or a decision). The amount of a month is always computed (``services``):
coefficient in force that month × base level in force that month, in whole VND.

A ``PaymentList`` is the month's list as it was paid (date, payer); its ``PaymentItem`` rows say what was
paid for which month (the month itself and any arrears), and each paid child's ``children.Support`` record
is created from it, so nothing is typed twice.
"""

from datetime import date

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from accounts.models import Area
from children.models import Child, ChildCircumstance, Disability, Support


class BaseLevel(models.Model):
    """The base level of social assistance in force from ``valid_from`` until the next row."""

    valid_from = models.DateField(_("in force from"), unique=True)
    amount = models.PositiveIntegerField(_("base level (VND a month)"), validators=[MinValueValidator(1)])
    source = models.CharField(_("legal source"), max_length=300)
    note = models.CharField(_("note"), max_length=300, blank=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("base level of social assistance")
        verbose_name_plural = _("base levels of social assistance")
        ordering = ["valid_from"]

    def __str__(self):
        return f"{self.amount:,} đ ({self.valid_from:%d/%m/%Y})".replace(",", ".")


class Category(models.TextChoices):
    """Categories of children entitled to the monthly allowance (Decree 20/2021 Art. 5.1, 5.3, 5.6)."""

    NO_CARER = "no_carer", _("child without a source of care (orphan, abandoned, no carer)")
    HIV = "hiv", _("child with HIV in a poor or near-poor household")
    DISABILITY_EXTREMELY_SEVERE = "disability_extremely_severe", _("child with an extremely severe disability")
    DISABILITY_SEVERE = "disability_severe", _("child with a severe disability")


class CoefficientRule(models.Model):
    """The coefficient of a category for an age band (completed years at the end of the previous month),
    in force from ``valid_from``. Which registry facts make a child eligible: one of ``group_letters``
    (special-circumstance groups) and, when set, the disability level and a poor or near-poor household."""

    category = models.CharField(pgettext_lazy("allowance", "category"), max_length=30, choices=Category.choices)
    age_from = models.PositiveSmallIntegerField(_("from age"), default=0)
    age_to = models.PositiveSmallIntegerField(_("to age (inclusive)"), default=15)
    coefficient = models.DecimalField(_("coefficient"), max_digits=4, decimal_places=2)
    valid_from = models.DateField(_("in force from"))
    group_letters = models.CharField(
        _("special-circumstance groups"), max_length=30, help_text=_("Letters of the groups, separated by commas.")
    )
    disability_level = models.CharField(
        _("disability level"), max_length=20, choices=Disability.Level.choices, blank=True
    )
    poor_household_only = models.BooleanField(_("only in a poor or near-poor household"), default=False)
    source = models.CharField(_("legal source"), max_length=300)
    note = models.CharField(_("note"), max_length=300, blank=True, help_text=_("What is still to be confirmed."))

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("allowance coefficient")
        verbose_name_plural = _("allowance coefficients")
        ordering = ["category", "age_from", "valid_from"]
        constraints = [
            models.UniqueConstraint(fields=["category", "age_from", "valid_from"], name="coefficient_rule_once"),
            models.CheckConstraint(condition=models.Q(age_to__gte=models.F("age_from")), name="coefficient_ages"),
        ]

    def __str__(self):
        return f"{self.get_category_display()} {self.age_from}–{self.age_to}: {self.coefficient}"

    @property
    def letters(self) -> list[str]:
        return [x.strip() for x in self.group_letters.split(",") if x.strip()]


class EndReason(models.TextChoices):
    TURNED_16 = "turned_16", _("turned 16")
    LEFT = "left", _("left the commune")
    ADOPTED = "adopted", _("adopted")
    DIED = "died", _("died")
    DECISION = "decision", _("stopped by a decision")


class Entitlement(models.Model):
    """A child's confirmed monthly allowance: paid from ``start_month`` (the first of a month) to
    ``end_month`` (the last month paid) or, at the latest, the month of the 16th birthday."""

    child = models.ForeignKey(Child, verbose_name=_("child"), on_delete=models.PROTECT, related_name="entitlements")
    commune = models.ForeignKey(
        Area,
        verbose_name=_("paying commune"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": Area.Kind.COMMUNE},
    )
    category = models.CharField(pgettext_lazy("allowance", "category"), max_length=30, choices=Category.choices)
    reason = models.CharField(_("reason"), max_length=500)
    confidential = models.BooleanField(
        _("confidential reason"), default=False, help_text=_("Based on a confidential special-circumstance group.")
    )
    circumstance = models.ForeignKey(
        ChildCircumstance,
        verbose_name=_("special circumstance"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    disability = models.ForeignKey(
        Disability, verbose_name=_("disability"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    decision_number = models.CharField(_("decision number"), max_length=50)
    decision_date = models.DateField(_("decision date"))
    decision_issuer = models.CharField(
        _("issued by"), max_length=200, help_text=_("E.g. Chairman of the People's Committee of Y Tịch commune.")
    )
    start_month = models.DateField(_("paid from (month)"))
    end_month = models.DateField(_("last month paid"), null=True, blank=True)
    end_reason = models.CharField(_("why it ends"), max_length=10, choices=EndReason.choices, blank=True)
    end_note = models.CharField(_("end: decision or note"), max_length=300, blank=True)
    confirmed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("confirmed by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("allowance entitlement")
        verbose_name_plural = _("allowance entitlements")
        ordering = ["commune", "child__sort_key", "start_month"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(end_month__isnull=True) | models.Q(end_month__gte=models.F("start_month")),
                name="entitlement_months_in_order",
            ),
            models.CheckConstraint(condition=models.Q(start_month__day=1), name="entitlement_start_first_of_month"),
        ]
        indexes = [models.Index(fields=["commune", "start_month"], name="entitlement_commune_start")]

    def __str__(self):
        return f"{self.child} · {self.get_category_display()} · {self.start_month:%m/%Y}"

    @property
    def last_month(self) -> date:
        """The last month paid: the recorded end, or at the latest the month of the 16th birthday."""
        from .services import month_of_16th_birthday

        limit = month_of_16th_birthday(self.child.date_of_birth)
        return min(self.end_month, limit) if self.end_month else limit


class PaymentList(models.Model):
    """A month's list of a commune as it was paid: when, by whom. Its items are what was paid."""

    commune = models.ForeignKey(
        Area,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="+",
        limit_choices_to={"kind": "commune"},
    )
    month = models.DateField(_("month"))
    paid_on = models.DateField(_("paid on"))
    payer = models.CharField(_("paid by"), max_length=120, help_text=_("Who handed out the money."))
    total = models.PositiveBigIntegerField(_("total (VND)"), default=0)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("recorded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("paid allowance list")
        verbose_name_plural = _("paid allowance lists")
        ordering = ["-month", "commune"]
        constraints = [
            models.UniqueConstraint(fields=["commune", "month"], name="one_paid_list_per_commune_month"),
            models.CheckConstraint(condition=models.Q(month__day=1), name="paid_list_first_of_month"),
        ]

    def __str__(self):
        return f"{self.commune} {self.month:%m/%Y}"


class PaymentItem(models.Model):
    """What a paid list paid one child for one month (the list's month, or an earlier month in arrears)."""

    payment_list = models.ForeignKey(
        PaymentList, verbose_name=_("paid list"), on_delete=models.CASCADE, related_name="items"
    )
    entitlement = models.ForeignKey(
        Entitlement, verbose_name=_("entitlement"), on_delete=models.PROTECT, related_name="items"
    )
    village = models.ForeignKey(Area, verbose_name=_("village"), on_delete=models.PROTECT, related_name="+")
    for_month = models.DateField(_("for the month"))
    coefficient = models.DecimalField(_("coefficient"), max_digits=4, decimal_places=2)
    base_amount = models.PositiveIntegerField(_("base level"))
    amount = models.BigIntegerField(_("amount (VND)"))
    support = models.ForeignKey(
        Support, verbose_name=_("support record"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    class Meta:
        verbose_name = _("paid allowance")
        verbose_name_plural = _("paid allowances")
        ordering = ["payment_list", "entitlement", "for_month"]
        indexes = [models.Index(fields=["entitlement", "for_month"], name="payment_item_month")]

    def __str__(self):
        return f"{self.entitlement.child} {self.for_month:%m/%Y}: {self.amount}"
