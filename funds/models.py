"""The commune's Child Protection Fund ledger and the other money sources of the plan.

A **fund** belongs to a commune. Its book is kept by **year**: a year is opened (carrying the
balance of the years before), receives entries while open, and is closed at the end; a closed year
accepts nothing. An **entry** is a receipt (thu) or a disbursement (chi) that goes
draft → submitted → approved (or rejected, with a reason) → posted with a voucher number.
A posted entry never changes and is never deleted: a mistake is corrected by a reversing entry
that names the original (a "red-ink" entry of the same kind and category that counts negative).

The balance is never stored: it is the brought-forward figure plus the signed sum of posted
entries. Writes go through ``funds/services.py``; reads a user makes through ``funds/selectors.py``.
The plan (``programs``) links its events and gift lists to entries from its side; nothing here
imports it.
"""

import uuid

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext, pgettext_lazy
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from accounts.models import Area
from core.formatting import format_vnd

MAX_VND = 10**12


class Fund(models.Model):
    class Kind(models.TextChoices):
        CHILD_PROTECTION = "child_protection", _("Child Protection Fund")
        DISTRICT_SUPPORT = "district_support", _("District support")
        COMMUNE_BUDGET = "commune_budget", _("Commune social budget")

    commune = models.ForeignKey(
        Area,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="funds",
        limit_choices_to={"kind": Area.Kind.COMMUNE},
    )
    kind = models.CharField(_("kind of fund"), max_length=20, choices=Kind.choices, default=Kind.CHILD_PROTECTION)
    name = models.CharField(_("name"), max_length=150)
    brought_forward = models.PositiveBigIntegerField(
        _("balance brought forward"),
        default=0,
        validators=[MaxValueValidator(MAX_VND)],
        help_text=_("Cash held when the book was started in the portal (from the paper cash book)."),
    )
    started_on = models.DateField(_("book started on"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fund")
        verbose_name_plural = _("funds")
        ordering = ["commune__path", "kind"]
        constraints = [models.UniqueConstraint(fields=["commune", "kind"], name="fund_kind_once_per_commune")]

    def __str__(self):
        return f"{self.name} — {self.commune.name}"


class FundYear(models.Model):
    """One year of a fund's book. Entries may be dated only in an open year."""

    fund = models.ForeignKey(Fund, verbose_name=_("fund"), on_delete=models.PROTECT, related_name="years")
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    opened_at = models.DateTimeField(_("opened at"), auto_now_add=True)
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("opened by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    closed_at = models.DateTimeField(_("closed at"), null=True, blank=True)
    closed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("closed by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("fund year")
        verbose_name_plural = _("fund years")
        ordering = ["fund", "-year"]
        constraints = [models.UniqueConstraint(fields=["fund", "year"], name="fund_year_once")]

    def __str__(self):
        return f"{self.fund.name} {self.year}"

    @property
    def is_closed(self) -> bool:
        return self.closed_at is not None


def _posted_refusal(entry=None) -> PermissionDenied:
    ref = entry.voucher_code if entry is not None else ""
    return PermissionDenied(
        gettext("Entry %(ref)s is posted: it can no longer change. Correct it with a reversing entry.") % {"ref": ref}
    )


class EntryQuerySet(models.QuerySet):
    """Bulk ``update()``/``delete()`` refuse a set that holds a posted entry (posted means posted)."""

    def update(self, **kwargs):
        posted = self.filter(status=Entry.Status.POSTED).first()
        if posted is not None:
            raise _posted_refusal(posted)
        return super().update(**kwargs)

    def delete(self):
        posted = self.filter(status=Entry.Status.POSTED).first()
        if posted is not None:
            raise _posted_refusal(posted)
        return super().delete()


class Entry(models.Model):
    class Kind(models.TextChoices):
        RECEIPT = "receipt", _("receipt")
        DISBURSEMENT = "disbursement", _("disbursement")

    class Status(models.TextChoices):
        DRAFT = "draft", pgettext_lazy("fund entry status", "draft")
        SUBMITTED = "submitted", _("submitted for approval")
        APPROVED = "approved", _("approved")
        REJECTED = "rejected", _("rejected")
        POSTED = "posted", _("posted")

    # not posted yet, and still to be acted on (a rejected entry waits for nothing)
    WAITING = (Status.DRAFT, Status.SUBMITTED, Status.APPROVED)

    class Category(models.TextChoices):
        # receipts
        DISTRICT_SUPPORT = "district_support", _("district support")
        COMMUNE_BUDGET = "commune_budget", _("commune budget")
        DONATION_ORGANISATION = "donation_org", _("donation from an organisation")
        DONATION_PERSON = "donation_person", _("donation from a person")
        CAMPAIGN = "campaign", _("fund-raising campaign")
        # disbursements
        GIFTS = "gifts", _("gifts")
        SCHOLARSHIPS = "scholarships", _("scholarships")
        EMERGENCY = "emergency", _("emergency support")
        HEALTH = "health", _("surgery and health")
        EVENTS = "events", _("events")
        COMMUNICATION = "communication", _("communication")
        OTHER = "other", _("other spending")
        # both: the balance carried between books when communes merge (accounts.reform)
        TRANSFER = "transfer", _("balance carried on a merger")

    RECEIPT_CATEGORIES = (
        Category.DISTRICT_SUPPORT,
        Category.COMMUNE_BUDGET,
        Category.DONATION_ORGANISATION,
        Category.DONATION_PERSON,
        Category.CAMPAIGN,
    )
    DISBURSEMENT_CATEGORIES = (
        Category.GIFTS,
        Category.SCHOLARSHIPS,
        Category.EMERGENCY,
        Category.HEALTH,
        Category.EVENTS,
        Category.COMMUNICATION,
        Category.OTHER,
    )
    VOUCHER_PREFIX = {Kind.RECEIPT: "PT", Kind.DISBURSEMENT: "PC"}
    EDITABLE = (Status.DRAFT, Status.REJECTED)

    fund = models.ForeignKey(Fund, verbose_name=_("fund"), on_delete=models.PROTECT, related_name="entries")
    kind = models.CharField(_("kind"), max_length=12, choices=Kind.choices)
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.DRAFT)
    entry_date = models.DateField(_("date"))
    amount = models.PositiveBigIntegerField(
        _("amount (VND)"), validators=[MinValueValidator(1), MaxValueValidator(MAX_VND)]
    )
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    counterparty = models.CharField(
        _("payer or recipient"),
        max_length=200,
        blank=True,
        help_text=_("Donor for a receipt, recipient for a payment."),
    )
    counterparty_address = models.CharField(_("address"), max_length=250, blank=True)
    purpose = models.CharField(_("purpose"), max_length=500)
    child = models.ForeignKey(
        "children.Child",
        verbose_name=_("child paid"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fund_entries",
    )
    support = models.OneToOneField(
        "children.Support",
        verbose_name=_("support record"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="fund_entry",
        editable=False,
    )
    reverses = models.ForeignKey(
        "self",
        verbose_name=_("reverses"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="reversals",
        editable=False,
    )
    voucher_year = models.PositiveSmallIntegerField(_("voucher year"), null=True, blank=True, editable=False)
    voucher_number = models.PositiveIntegerField(_("voucher number"), null=True, blank=True, editable=False)

    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("drafted by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )
    submitted_at = models.DateTimeField(_("submitted at"), null=True, blank=True, editable=False)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True, editable=False)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("approved or rejected by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )
    rejection_reason = models.CharField(_("reason for rejection"), max_length=500, blank=True, editable=False)
    posted_at = models.DateTimeField(_("posted at"), null=True, blank=True, editable=False)
    posted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("posted by"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    history = HistoricalRecords()
    objects = EntryQuerySet.as_manager()

    class Meta:
        verbose_name = _("fund entry")
        verbose_name_plural = _("fund entries")
        ordering = ["-entry_date", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["fund", "kind", "voucher_year", "voucher_number"],
                condition=models.Q(voucher_number__isnull=False),
                name="entry_voucher_unique",
            ),
            models.CheckConstraint(
                condition=models.Q(amount__gte=1) & models.Q(amount__lte=MAX_VND), name="entry_amount_in_range"
            ),
            models.CheckConstraint(
                condition=~models.Q(status="posted") | models.Q(voucher_number__isnull=False),
                name="entry_posted_has_voucher",
            ),
        ]
        indexes = [
            models.Index(fields=["fund", "status", "entry_date"], name="entry_fund_status_date"),
        ]

    def __str__(self):
        return self.display()

    # --- posted means posted: the stored row decides, not the (possibly stale or reverted) instance ---

    def save(self, *args, **kwargs):
        """Refused once the stored entry is posted; posting itself (approved → posted) is its last save."""
        stored = self._stored_if_posted()
        if stored is not None:
            raise _posted_refusal(stored)
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        stored = self._stored_if_posted()
        if stored is not None:
            raise _posted_refusal(stored)
        return super().delete(*args, **kwargs)

    def _stored_if_posted(self) -> "Entry | None":
        if self.pk is None or self._state.adding:
            return None
        return (
            Entry._base_manager.filter(pk=self.pk, status=self.Status.POSTED)
            .only("kind", "voucher_year", "voucher_number")
            .first()
        )

    # --- how other apps show an entry ("linked entries and their state") ---

    @property
    def voucher_code(self) -> str:
        """PT-2022-001 / PC-2022-001 once posted; "" before."""
        if self.voucher_number is None:
            return ""
        return f"{self.VOUCHER_PREFIX[self.kind]}-{self.voucher_year}-{self.voucher_number:03d}"

    @property
    def is_posted(self) -> bool:
        return self.status == self.Status.POSTED

    @property
    def is_reversal(self) -> bool:
        return self.reverses_id is not None

    @property
    def is_editable(self) -> bool:
        return self.status in self.EDITABLE

    @property
    def signed_amount(self) -> int:
        """What this entry does to the balance once posted (a reversal counts against its kind)."""
        sign = 1 if self.kind == self.Kind.RECEIPT else -1
        return -sign * self.amount if self.is_reversal else sign * self.amount

    @property
    def reduces_balance(self) -> bool:
        return self.signed_amount < 0

    def display(self) -> str:
        """One line: voucher (or draft number), kind, amount and state, e.g. "PC-2022-004 · 2.000.000 đ · posted"."""
        ref = self.voucher_code or f"#{self.pk}"
        return f"{ref} · {self.get_kind_display()} · {format_vnd(self.amount)} · {self.get_status_display()}"


def attachment_path(instance, filename: str) -> str:
    # The stored name never carries the user's file name (it may hold personal data).
    ext = filename.rsplit(".", 1)[-1].lower() if "." in filename else "bin"
    return f"funds/{instance.entry.fund_id}/{uuid.uuid4().hex}.{ext}"


class Attachment(models.Model):
    """A scanned receipt or supporting document: PDF, JPEG or PNG up to 5 MB, served only through a scoped view."""

    entry = models.ForeignKey(Entry, verbose_name=_("entry"), on_delete=models.PROTECT, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("type"), max_length=50)
    size = models.PositiveIntegerField(_("size (bytes)"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("uploaded by"), null=True, on_delete=models.SET_NULL, related_name="+"
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "pk"]

    def __str__(self):
        return self.original_name
