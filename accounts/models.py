"""Users, the area tree, the units inside a commune and who holds which role where.

What a membership lets a user see or do is decided in one place only: ``accounts/scope.py``.
"""

from datetime import date

from django.contrib.auth.models import AbstractUser
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

# Since this day Vietnam has no district level: communes report to the province (Law on the
# Organisation of Local Government 2025) and many communes were merged.
REFORM_DATE = date(2025, 7, 1)


class User(AbstractUser):
    """A person who signs in. Custom from the first migration so fields can be added later."""

    full_name = models.CharField(_("full name"), max_length=150, blank=True)
    phone = models.CharField(_("phone"), max_length=20, blank=True)

    history = HistoricalRecords(excluded_fields=["password", "last_login"])

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")

    def __str__(self):
        return self.full_name or self.get_full_name() or self.username

    @property
    def display_name(self) -> str:
        return str(self)


class Area(models.Model):
    """A node of the administrative tree: province → district → commune → village.

    The tree is data: since 1 July 2025 there are no districts and communes report to the province,
    and some communes were merged. Such changes are recorded by closing an area (``valid_to``) and
    opening another, so the 2022 history stays where it was.
    """

    class Kind(models.TextChoices):
        PROVINCE = "province", _("province")
        DISTRICT = "district", _("district")
        COMMUNE = "commune", _("commune")
        VILLAGE = "village", _("village")

    class Terrain(models.TextChoices):
        MOUNTAINOUS = "mountainous", _("mountainous or especially disadvantaged")
        RURAL = "rural", _("other commune")
        URBAN = "urban", _("urban ward or town")

    kind = models.CharField(_("kind"), max_length=10, choices=Kind.choices)
    code = models.CharField(
        _("code"),
        max_length=20,
        unique=True,
        help_text=_("Administrative unit code; letters, digits and dashes. It cannot change later."),
    )
    name = models.CharField(_("name"), max_length=120)
    parent = models.ForeignKey(
        "self", verbose_name=_("parent area"), null=True, blank=True, on_delete=models.PROTECT, related_name="subareas"
    )
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    terrain = models.CharField(_("terrain"), max_length=12, choices=Terrain.choices, blank=True)
    # Materialised path of codes from the root ("/20/183/06118/"): one indexed prefix filter
    # finds a whole subtree. Derived from parent and code only; see ``Area.build_path``.
    path = models.CharField(max_length=255, db_index=True, editable=False)

    history = HistoricalRecords()

    PARENT_KIND = {
        Kind.DISTRICT: {Kind.PROVINCE},
        Kind.COMMUNE: {Kind.DISTRICT, Kind.PROVINCE},
        Kind.VILLAGE: {Kind.COMMUNE},
    }

    class Meta:
        verbose_name = _("area")
        verbose_name_plural = _("areas")
        ordering = ["path"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="area_valid_range",
            )
        ]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        # The path is a structural invariant of the tree, not business logic: keep it in step here.
        self.path = self.build_path()
        super().save(*args, **kwargs)

    def build_path(self) -> str:
        return f"{self.parent.path if self.parent_id else '/'}{self.code}/"

    def clean(self):
        if self.code and ("/" in self.code or not self.code.strip()):
            raise ValidationError({"code": _("The code may not contain a slash.")})
        allowed = self.PARENT_KIND.get(self.kind)
        if allowed and (self.parent is None or self.parent.kind not in allowed):
            raise ValidationError({"parent": _("This kind of area needs a parent of the right kind.")})
        if self.kind == self.Kind.PROVINCE and self.parent_id:
            raise ValidationError({"parent": _("A province has no parent.")})
        if self.pk:
            old = Area.objects.filter(pk=self.pk).values_list("code", "parent_id").first()
            if old and (old[0], old[1]) != (self.code, self.parent_id):
                raise ValidationError(
                    _("The code and parent of an existing area cannot change; close it and open a new one.")
                )

    def is_valid_on(self, day: date) -> bool:
        return (self.valid_from is None or self.valid_from <= day) and (self.valid_to is None or day <= self.valid_to)

    @property
    def ancestor_codes(self) -> list[str]:
        return [c for c in self.path.split("/") if c]

    def ancestors(self, *, include_self: bool = True):
        codes = self.ancestor_codes if include_self else self.ancestor_codes[:-1]
        return Area.objects.filter(code__in=codes).order_by("path")

    def descendants(self, *, include_self: bool = True):
        qs = Area.objects.filter(path__startswith=self.path)
        return qs if include_self else qs.exclude(pk=self.pk)

    def ancestor_of_kind(self, kind: str):
        """The nearest area of ``kind`` at or above this one, or None."""
        if self.kind == kind:
            return self
        return self.ancestors(include_self=False).filter(kind=kind).order_by("-path").first()

    def contains(self, other: "Area") -> bool:
        return other.path.startswith(self.path)

    def superior_on(self, day: date) -> "Area | None":
        """The nearest area above this one that exists on ``day``: a commune's district until
        30/06/2025, its province from 01/07/2025 (when the district is closed), never hard-coded.
        This is also where the area's reports of a period ending on ``day`` go."""
        return superiors_on([self], day)[self.pk]


def ancestors_by_code(areas) -> dict:
    """``{code: area}`` of every area above ``areas`` (one query), for ``superiors_on`` on many days."""
    codes = {code for area in areas for code in area.ancestor_codes[:-1]}
    return {a.code: a for a in Area.objects.filter(code__in=codes)}


def superiors_on(areas, day: date, *, by_code: dict | None = None) -> dict:
    """``{area.pk: the nearest area above it that exists on day}`` for many areas in one query (none
    when ``by_code`` from ``ancestors_by_code`` is given)."""
    areas = list(areas)
    by_code = ancestors_by_code(areas) if by_code is None else by_code
    result = {}
    for area in areas:
        above = [by_code[c] for c in area.ancestor_codes[:-1] if c in by_code and by_code[c].is_valid_on(day)]
        result[area.pk] = above[-1] if above else None
    return result


class Unit(models.Model):
    """An agency inside a commune that owns tasks (health station, police, a school, …)."""

    class Kind(models.TextChoices):
        CULTURE_SOCIAL = "culture_social", _("Culture-social office")
        HEALTH_STATION = "health_station", _("Health station")
        POLICE = "police", _("Commune police")
        SCHOOL = "school", _("School")
        YOUTH_UNION = "youth_union", _("Youth union")
        FATHERLAND_FRONT = "fatherland_front", _("Fatherland Front and mass organisations")
        JUSTICE = "justice", _("Justice officer")
        ACCOUNTING = "accounting", _("Accounting and finance")
        VILLAGE = "village", _("Village")

    commune = models.ForeignKey(
        Area,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="units",
        limit_choices_to={"kind": Area.Kind.COMMUNE},
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    name = models.CharField(_("name"), max_length=150)
    village = models.ForeignKey(
        Area,
        verbose_name=_("village"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="village_units",
        limit_choices_to={"kind": Area.Kind.VILLAGE},
    )
    is_active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("unit")
        verbose_name_plural = _("units")
        ordering = ["commune__name", "kind", "name"]
        constraints = [models.UniqueConstraint(fields=["commune", "name"], name="unit_name_unique_in_commune")]

    def __str__(self):
        return self.name

    def clean(self):
        if self.commune_id and self.commune.kind != Area.Kind.COMMUNE:
            raise ValidationError({"commune": _("Choose a commune.")})
        if self.kind == self.Kind.VILLAGE:
            if not self.village_id or self.village.parent_id != self.commune_id:
                raise ValidationError({"village": _("A village unit needs a village of this commune.")})
        elif self.village_id:
            raise ValidationError({"village": _("Only a village unit has a village.")})


class Membership(models.Model):
    """A user holds a role in an area (and for some roles, in a unit). A user may hold several."""

    class Role(models.TextChoices):
        CULTURE_SOCIAL = "culture_social", _("Culture-social officer")
        CHAIRMAN = "chairman", _("Chairman / vice-chairman")
        ACCOUNTANT = "accountant", _("Accountant")
        VILLAGE_HEAD = "village_head", _("Village head / collaborator")
        HEALTH = "health", _("Health station")
        POLICE = "police", _("Police")
        JUSTICE = "justice", _("Justice officer")
        SCHOOL = "school", _("School")
        ORGANISATION = "organisation", _("Mass organisation / youth union")
        DISTRICT = "district", _("District or province office")

    # Which kind of area each role is held in, and which roles must name their unit.
    AREA_KINDS = {
        Role.VILLAGE_HEAD: {Area.Kind.VILLAGE},
        Role.DISTRICT: {Area.Kind.DISTRICT, Area.Kind.PROVINCE},
    }
    NEEDS_UNIT = {Role.SCHOOL, Role.ORGANISATION}

    user = models.ForeignKey(User, verbose_name=_("user"), on_delete=models.CASCADE, related_name="memberships")
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    area = models.ForeignKey(Area, verbose_name=_("area"), on_delete=models.PROTECT, related_name="memberships")
    unit = models.ForeignKey(
        Unit, verbose_name=_("unit"), null=True, blank=True, on_delete=models.PROTECT, related_name="memberships"
    )
    is_active = models.BooleanField(_("active"), default=True)
    # A membership acts only within its dates (and only while its area exists); after it ends it keeps
    # read access to the history of its area (``accounts.scope``). Someone who leaves is made inactive.
    valid_from = models.DateField(_("valid from"), null=True, blank=True)
    valid_to = models.DateField(_("valid to"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("membership")
        verbose_name_plural = _("memberships")
        ordering = ["user__username", "role"]
        constraints = [
            models.UniqueConstraint(fields=["user", "role", "area", "unit"], name="membership_unique"),
            models.CheckConstraint(
                condition=models.Q(valid_to__isnull=True)
                | models.Q(valid_from__isnull=True)
                | models.Q(valid_to__gte=models.F("valid_from")),
                name="membership_valid_range",
            ),
        ]

    def __str__(self):
        return f"{self.user} · {self.get_role_display()} · {self.area}"

    def clean(self):
        if not self.area_id or not self.role:
            return
        kinds = self.AREA_KINDS.get(self.role, {Area.Kind.COMMUNE})
        if self.area.kind not in kinds:
            raise ValidationError({"area": _("This role is held in an area of another kind.")})
        if self.role in self.NEEDS_UNIT and not self.unit_id:
            raise ValidationError({"unit": _("This role needs the unit it works for.")})
        if self.unit_id and self.unit.commune_id != self.area_id and self.unit.village_id != self.area_id:
            raise ValidationError({"unit": _("The unit must belong to the same commune.")})
        if self.valid_from and self.valid_to and self.valid_to < self.valid_from:
            raise ValidationError({"valid_to": _("The end comes before the start.")})

    def has_started(self, day: date) -> bool:
        return self.valid_from is None or self.valid_from <= day

    def acts_on(self, day: date) -> bool:
        """Whether the membership may change anything on ``day``: within its dates and its area's."""
        return (
            self.is_active
            and self.has_started(day)
            and (self.valid_to is None or day <= self.valid_to)
            and self.area.is_valid_on(day)
        )


class DocumentSettings(models.Model):
    """What a commune prints on its official documents in a year: who receives each kind of document
    ("Nơi nhận") and who signs by default. A year without its own settings uses the latest earlier
    year's; ``accounts.letterhead`` is the one place that reads them."""

    commune = models.ForeignKey(
        Area,
        verbose_name=_("commune"),
        on_delete=models.PROTECT,
        related_name="document_settings",
        limit_choices_to={"kind": Area.Kind.COMMUNE},
    )
    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000), MaxValueValidator(2100)])
    # kind of document (accounts.letterhead.DOCUMENT_KINDS) → recipients, one line each
    recipients = models.JSONField(pgettext_lazy("of a document", "recipients"), default=dict, blank=True)
    sign_authority = models.CharField(
        _("signing on behalf"), max_length=60, blank=True, help_text=_('e.g. "KT. CHỦ TỊCH" or "TM. ỦY BAN NHÂN DÂN"')
    )
    sign_title = models.CharField(
        _("title of the signer"), max_length=60, blank=True, help_text=_('e.g. "PHÓ CHỦ TỊCH"')
    )
    signer_name = models.CharField(_("name of the signer"), max_length=120, blank=True)
    updated_by = models.ForeignKey(
        User, verbose_name=_("updated by"), null=True, blank=True, on_delete=models.SET_NULL, related_name="+"
    )
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    history = HistoricalRecords()

    class Meta:
        verbose_name = _("document settings")
        verbose_name_plural = _("document settings")
        ordering = ["commune__name", "-year"]
        constraints = [models.UniqueConstraint(fields=["commune", "year"], name="document_settings_once_a_year")]

    def __str__(self):
        return f"{self.commune} {self.year}"


class AuthEvent(models.Model):
    """Sign-ins, sign-outs and failed sign-ins, for the audit trail."""

    class Kind(models.TextChoices):
        LOGIN = "login", _("signed in")
        LOGOUT = "logout", _("signed out")
        FAILED = "failed", _("failed sign-in")

    kind = models.CharField(_("event"), max_length=10, choices=Kind.choices)
    user = models.ForeignKey(User, verbose_name=_("user"), null=True, blank=True, on_delete=models.SET_NULL)
    username = models.CharField(_("user name"), max_length=150, blank=True)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    at = models.DateTimeField(_("time"), auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("sign-in event")
        verbose_name_plural = _("sign-in events")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.get_kind_display()} · {self.username}"


class AccessLogQuerySet(models.QuerySet):
    """The access log is append-only: rows are never changed or deleted, not even in bulk."""

    def update(self, **kwargs):
        raise PermissionDenied("The access log is append-only.")

    def delete(self):
        raise PermissionDenied("The access log is append-only.")


class AccessLog(models.Model):
    """Who opened, printed or exported personal data about children: when, what, which child or which
    filter, from which address. Append-only (refused here for updates and deletes; on PostgreSQL a
    trigger refuses them too). The log is itself personal data: pages read it through the scope
    (``access_log.view`` in the row's area); a row marked ``confidential`` (a protection case, a filter
    on a confidential group) is shown only to those who see confidential facts in that area.
    Written by one function only: ``accounts.audit.log_access``.
    """

    class Action(models.TextChoices):
        VIEW = "view", _("viewed")
        PRINT = "print", _("printed")
        EXPORT = "export", _("exported")

    at = models.DateTimeField(_("time"), default=timezone.now, db_index=True, editable=False)
    user = models.ForeignKey(
        User, verbose_name=_("user"), null=True, on_delete=models.PROTECT, related_name="+", editable=False
    )
    action = models.CharField(_("action"), max_length=6, choices=Action.choices, default=Action.EXPORT)
    what = models.CharField(_("page or document"), max_length=100)
    area = models.ForeignKey(
        Area, verbose_name=_("area"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The record opened or printed ("children.child" #12), when there is one; not a foreign key so that
    # the log stays below the apps whose records it names.
    subject_type = models.CharField(_("kind of record"), max_length=50, blank=True)
    subject_id = models.PositiveBigIntegerField(_("record"), null=True, blank=True)
    filters = models.JSONField(_("filter"), default=dict, blank=True)
    row_count = models.PositiveIntegerField(_("rows"), default=0)
    ip_address = models.GenericIPAddressField(_("IP address"), null=True, blank=True)
    confidential = models.BooleanField(_("confidential"), default=False)

    objects = AccessLogQuerySet.as_manager()

    class Meta:
        verbose_name = _("access log entry")
        verbose_name_plural = _("access log")
        ordering = ["-at", "-pk"]
        indexes = [
            models.Index(fields=["subject_type", "subject_id", "at"], name="accesslog_subject"),
            models.Index(fields=["area", "at"], name="accesslog_area"),
        ]

    def __str__(self):
        return f"{self.get_action_display()} · {self.what} · {self.row_count}"

    def save(self, *args, **kwargs):
        if not self._state.adding:
            raise PermissionDenied("The access log is append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise PermissionDenied("The access log is append-only.")


class Reorganisation(models.Model):
    """The record of one change to the area tree: communes merged into one, or villages moved to
    another commune, on a day (``accounts.reform``; the steps of each app are listed in ``lines``)."""

    on_date = models.DateField(_("on"))
    target = models.ForeignKey(
        Area, verbose_name=_("into commune"), on_delete=models.PROTECT, related_name="reorganisations"
    )
    sources = models.JSONField(_("merged communes"), default=list)
    villages = models.JSONField(_("villages moved"), default=dict)  # old village code → new village code
    lines = models.JSONField(_("what moved"), default=list)
    done_by = models.ForeignKey(
        User, verbose_name=_("done by"), null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    done_at = models.DateTimeField(_("done at"), default=timezone.now)

    class Meta:
        verbose_name = _("administrative change")
        verbose_name_plural = _("administrative changes")
        ordering = ["-on_date", "-pk"]

    def __str__(self):
        return f"{', '.join(self.sources)} → {self.target.code} ({self.on_date:%d/%m/%Y})"
