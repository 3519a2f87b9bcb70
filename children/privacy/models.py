"""Legal basis, consent and the representative's requests (part of the ``children`` app).

* ``Purpose`` — a purpose for which the commune processes children's data (the registry, sharing with
  the level above, photographs at events, the Children's Forum) with its default legal basis, the
  citation, the age from which the child's own agreement is also needed, and whether the sources were
  confirmed. Rules as data: loaded by a migration, edited in the administration, so that a later
  decree is a data change.
* ``ChildBasis`` — for one child and purpose, the basis the officer recorded when it differs from the
  default, or when a purpose used only for some children applies to this child (chosen for the forum).
* ``Consent`` — who gave consent for one purpose (a guardian, their relation), when, whether the child
  also agreed, and its withdrawal (dated). Several over time: a withdrawn consent stays on record.
* ``RightsRequest`` — a request for correction or deletion and its outcome.

The rules that read these are pure functions here (``consent_valid_on``); the reads a user makes are in
``children/privacy/selectors.py`` and the writes in ``children/privacy/services.py``.
"""

from datetime import date

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

# children.models imports this module at its end, so Guardian is already defined here.
from ..models import Guardian


class Basis(models.TextChoices):
    LEGAL_DUTY = "legal_duty", _("a legal duty of the commune")
    CONSENT = "consent", _("consent of the legal representative")


def _user_fk(label, related_name="+"):
    return models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=label,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name=related_name,
    )


class Purpose(models.Model):
    """A purpose for which the commune processes children's data, and the rule that says on what basis."""

    code = models.SlugField(_("code"), max_length=30, unique=True)
    name = models.CharField(_("name"), max_length=200)
    description = models.TextField(_("what it covers"), blank=True)
    basis = models.CharField(_("default legal basis"), max_length=12, choices=Basis.choices)
    citation = models.CharField(_("legal source"), max_length=500)
    every_child = models.BooleanField(
        _("applies to every child of the registry"),
        default=False,
        help_text=_("Unticked: the purpose applies only to the children it is used for (a photograph, a forum)."),
    )
    child_consent_age = models.PositiveSmallIntegerField(
        _("child's own agreement needed from age"),
        null=True,
        blank=True,
        help_text=_("Where consent is the basis, from this age the child must agree too. Empty: not needed."),
    )
    child_consent_source = models.CharField(_("source of that age"), max_length=500, blank=True)
    confirmed = models.BooleanField(
        _("sources confirmed"), default=False, help_text=_("Ticked once checked against the official text.")
    )
    note = models.TextField(_("what is still to confirm"), blank=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    history = HistoricalRecords()

    class Meta:
        app_label = "children"
        verbose_name = _("purpose of processing")
        verbose_name_plural = _("purposes of processing")
        ordering = ["order", "code"]

    def __str__(self):
        return self.name

    def child_must_agree(self, child_age: int) -> bool:
        return self.child_consent_age is not None and child_age >= self.child_consent_age


class ChildBasis(models.Model):
    """The basis on which the commune processes one child's data for one purpose, where the officer
    recorded it (it differs from the default, or the purpose applies to this child only)."""

    child = models.ForeignKey(
        "children.Child", verbose_name=_("child"), on_delete=models.CASCADE, related_name="processing_bases"
    )
    purpose = models.ForeignKey(Purpose, verbose_name=_("purpose"), on_delete=models.PROTECT, related_name="+")
    basis = models.CharField(_("legal basis"), max_length=12, choices=Basis.choices)
    citation = models.CharField(
        _("legal source"), max_length=500, blank=True, help_text=_("Required for a legal duty: the law and article.")
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    recorded_by = _user_fk(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        app_label = "children"
        verbose_name = _("legal basis for a child")
        verbose_name_plural = _("legal bases for children")
        constraints = [models.UniqueConstraint(fields=["child", "purpose"], name="child_basis_once_per_purpose")]

    def __str__(self):
        return f"{self.purpose}: {self.get_basis_display()}"


class Consent(models.Model):
    """Consent to one purpose, given by a guardian of the child (and, from the rule's age, the child)."""

    child = models.ForeignKey(
        "children.Child", verbose_name=_("child"), on_delete=models.CASCADE, related_name="consents"
    )
    purpose = models.ForeignKey(Purpose, verbose_name=_("purpose"), on_delete=models.PROTECT, related_name="+")
    guardian = models.ForeignKey(
        "children.Guardian",
        verbose_name=_("guardian"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # A copy of who consented, so the record stays readable if the guardian's entry is later removed.
    given_by = models.CharField(_("given by"), max_length=120)
    relation = models.CharField(_("relation to the child"), max_length=12, choices=Guardian.Relation.choices)
    given_on = models.DateField(_("consent given on"))
    child_agreed = models.BooleanField(_("the child also agreed"), default=False)
    document = models.CharField(
        _("written form"), max_length=150, blank=True, help_text=_("Its number, or where the signed paper is kept.")
    )
    withdrawn_on = models.DateField(_("withdrawn on"), null=True, blank=True)
    withdrawal_note = models.CharField(_("withdrawal: by whom and how"), max_length=300, blank=True)
    recorded_by = _user_fk(_("recorded by"))
    recorded_at = models.DateTimeField(_("recorded at"), auto_now_add=True)
    withdrawal_recorded_by = _user_fk(_("withdrawal recorded by"))

    history = HistoricalRecords()

    class Meta:
        app_label = "children"
        verbose_name = _("consent")
        verbose_name_plural = _("consents")
        ordering = ["purpose__order", "-given_on", "-pk"]
        indexes = [models.Index(fields=["child", "purpose", "given_on"], name="consent_child_purpose")]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(withdrawn_on__isnull=True) | models.Q(withdrawn_on__gte=models.F("given_on")),
                name="consent_withdrawn_after_given",
            )
        ]

    def __str__(self):
        return f"{self.purpose} — {self.given_by} ({self.given_on:%d/%m/%Y})"

    def in_force_on(self, day: date) -> bool:
        """Given on or before ``day`` and not withdrawn by then (a withdrawal takes effect on its date)."""
        return self.given_on <= day and (self.withdrawn_on is None or day < self.withdrawn_on)


def consent_valid_on(consent: Consent, *, purpose: Purpose, child_age: int, day: date) -> bool:
    """The rule: a consent counts on ``day`` when it is in force and, if the child is old enough for the
    rule's age, the child agreed too (a consent given for a 6-year-old lapses at 7 without the child's own)."""
    return consent.in_force_on(day) and (consent.child_agreed or not purpose.child_must_agree(child_age))


class RightsRequest(models.Model):
    """A request of the child's legal representative to correct or delete data, and what came of it."""

    class Kind(models.TextChoices):
        CORRECTION = "correction", _("correction of data")
        DELETION = "deletion", _("deletion of data")

    class Status(models.TextChoices):
        RECEIVED = "received", _("received, to be decided")
        ACCEPTED = "accepted", _("accepted, to be carried out")
        REFUSED = "refused", _("refused")
        DONE = "done", _("done")

    child = models.ForeignKey(
        "children.Child", verbose_name=_("child"), on_delete=models.CASCADE, related_name="rights_requests"
    )
    kind = models.CharField(_("request"), max_length=12, choices=Kind.choices)
    requested_by = models.CharField(_("requested by"), max_length=120)
    relation = models.CharField(_("relation to the child"), max_length=12, choices=Guardian.Relation.choices)
    received_on = models.DateField(_("received on"))
    details = models.TextField(_("what is asked"))
    received_by = _user_fk(_("received by"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices, default=Status.RECEIVED)
    decided_on = models.DateField(_("decided on"), null=True, blank=True)
    decided_by = _user_fk(_("decided by"))
    reason = models.TextField(_("reason for the decision"), blank=True)
    done_on = models.DateField(_("done on"), null=True, blank=True)
    done_by = _user_fk(_("done by"))
    outcome = models.TextField(_("what was done"), blank=True)

    history = HistoricalRecords()

    class Meta:
        app_label = "children"
        verbose_name = _("request of the legal representative")
        verbose_name_plural = _("requests of legal representatives")
        ordering = ["-received_on", "-pk"]

    def __str__(self):
        return f"{self.get_kind_display()} — {self.received_on:%d/%m/%Y}"
