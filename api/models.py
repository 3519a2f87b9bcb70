"""What the indicator exchange keeps: personal API tokens, the DHIS2 mapping, values pulled from elsewhere.

* An **API token** lets a program act as one user (the same roles and scope as that user's pages).
  Only a SHA-256 digest of the secret is stored; the first characters (the prefix) find the row.
* The **DHIS2 mapping** gives each indicator cell (indicator + breakdown key) a data element and a
  category option combo, and each area an organisation unit, so a province can import our figures
  into its DHIS2 instance. It is data, edited in the administration.
* A **pulled value** is one figure read from another deployment (``manage.py pull_indicators``),
  keyed by the source, the area code, the DHIS2 period, the indicator and the breakdown key.
"""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext
from simple_history.models import HistoricalRecords

from accounts.models import Area
from reporting.indicators import breakdown_keys
from reporting.models import Indicator, Submission

# DHIS2 identifiers (UID): 11 letters or digits, the first a letter.
dhis2_uid = RegexValidator(
    r"^[A-Za-z][A-Za-z0-9]{10}$",
    _("A DHIS2 identifier has 11 letters or digits and starts with a letter (e.g. fbfJHSPpUQD)."),
)


class ApiToken(models.Model):
    """A personal API token. The secret is shown once when it is made and never stored."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("user"), on_delete=models.CASCADE, related_name="api_tokens"
    )
    name = models.CharField(_("what it is for"), max_length=100)
    prefix = models.CharField(_("prefix"), max_length=16, unique=True, editable=False)
    digest = models.CharField(_("SHA-256 of the secret"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"))
    revoked_at = models.DateTimeField(_("revoked at"), null=True, blank=True)
    last_used_at = models.DateTimeField(_("last used at"), null=True, blank=True)

    history = HistoricalRecords(excluded_fields=["last_used_at"])

    class Meta:
        verbose_name = _("API token")
        verbose_name_plural = _("API tokens")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    def is_active(self, now=None) -> bool:
        now = now or timezone.now()
        return self.revoked_at is None and now < self.expires_at

    @property
    def state(self) -> str:
        # pgettext: Django's own catalogues translate a bare "active" otherwise ("Kích hoạt").
        if self.revoked_at is not None:
            return pgettext("API token", "revoked")
        if not self.is_active():
            return pgettext("API token", "expired")
        return pgettext("API token", "active")


class DataElementMapping(models.Model):
    """One indicator cell (indicator + breakdown key, "" for the total) → DHIS2 data element + category option combo."""

    indicator = models.ForeignKey(
        Indicator, verbose_name=_("indicator"), on_delete=models.CASCADE, related_name="dhis2_mappings"
    )
    key = models.CharField(_("breakdown"), max_length=20, blank=True, help_text=_("Empty for the total."))
    data_element = models.CharField(_("DHIS2 data element"), max_length=11, validators=[dhis2_uid])
    category_option_combo = models.CharField(
        _("DHIS2 category option combo"),
        max_length=11,
        blank=True,
        validators=[dhis2_uid],
        help_text=_("Empty: the default category option combo."),
    )

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("DHIS2 data element mapping")
        verbose_name_plural = _("DHIS2 data element mappings")
        ordering = ["indicator__order", "indicator__code", "key"]
        constraints = [
            models.UniqueConstraint(fields=["indicator", "key"], name="dhis2_mapping_once_per_cell"),
            models.UniqueConstraint(
                fields=["data_element", "category_option_combo"], name="dhis2_mapping_one_cell_per_element"
            ),
        ]

    def __str__(self):
        return f"{self.indicator.code}{'/' + self.key if self.key else ''} → {self.data_element}"

    def clean(self):
        if self.indicator_id and self.key and self.key not in dict(breakdown_keys(self.indicator)):
            raise ValidationError({"key": _("This indicator has no such breakdown.")})


class OrgUnitMapping(models.Model):
    """One area → its DHIS2 organisation unit."""

    area = models.OneToOneField(Area, verbose_name=_("area"), on_delete=models.CASCADE, related_name="dhis2_org_unit")
    org_unit = models.CharField(_("DHIS2 organisation unit"), max_length=11, unique=True, validators=[dhis2_uid])

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("DHIS2 organisation unit mapping")
        verbose_name_plural = _("DHIS2 organisation unit mappings")
        ordering = ["area__path"]

    def __str__(self):
        return f"{self.area} → {self.org_unit}"


class PulledValue(models.Model):
    """A figure read from another deployment's API or data value set (the province's consolidated view)."""

    source = models.CharField(_("source deployment"), max_length=100)
    area_code = models.CharField(_("area code"), max_length=20)
    area_name = models.CharField(_("area name"), max_length=120, blank=True)
    area_kind = models.CharField(_("kind"), max_length=10, choices=Area.Kind.choices, blank=True)
    area = models.ForeignKey(
        Area,
        verbose_name=_("area here"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("The area of this deployment it belongs to: the same code, or the area named when pulling."),
    )
    period = models.CharField(_("period (DHIS2 notation)"), max_length=16)
    period_title = models.CharField(_("period"), max_length=200, blank=True)
    indicator = models.ForeignKey(Indicator, verbose_name=_("indicator"), on_delete=models.PROTECT, related_name="+")
    key = models.CharField(_("breakdown"), max_length=20, blank=True)
    value = models.PositiveBigIntegerField(_("value"), null=True, blank=True)
    withheld = models.BooleanField(_("withheld (fewer than 3)"), default=False)
    status = models.CharField(_("status of the report"), max_length=20, blank=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    pulled_at = models.DateTimeField(_("pulled at"))

    class Meta:
        verbose_name = _("pulled value")
        verbose_name_plural = _("pulled values")
        ordering = ["period", "area_code", "indicator__order", "key"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "area_code", "period", "indicator", "key"], name="pulled_value_once"
            )
        ]
        indexes = [models.Index(fields=["period", "source"], name="pulled_period_source")]

    def __str__(self):
        return f"{self.source} · {self.area_code} · {self.period} · {self.indicator.code}/{self.key}"

    @property
    def status_label(self) -> str:
        """The report's status at the source, in words ("" when it came from a data value set file)."""
        return str(dict(Submission.Status.choices).get(self.status, self.status))
