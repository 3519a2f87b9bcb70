"""Reads of the API. Each takes the viewer and starts from ``accounts.scope`` (as the pages do).

Indicator values come only from approved reports: a village report once the commune accepted it, a
commune report once the chairman approved it (sent or not) or the level above accepted it. Figures
are shown as on the report pages (``reporting.privacy.rows_as_seen``): outside ``cases.view`` the
cells of confidential groups and kinds of case are left out, and the other figures pass through
``reporting.privacy.shown_value`` (the small-number rule of ``accounts.privacy``; money and figures a
person typed are shown as they are).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from functools import reduce
from operator import or_

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db.models import Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts import privacy, scope
from accounts.models import Area
from reporting import indicators as ind
from reporting import selectors as rsel
from reporting.models import Indicator, Period, Submission, Value
from reporting.privacy import cell_is_confidential, confidential_letters, shown_value

from . import dhis2
from .models import DataElementMapping, OrgUnitMapping, PulledValue

S = Submission.Status
READ_PERM = "reports.view"
# An approved report: accepted by the level above, or (commune reports) signed off by the chairman.
APPROVED = Q(submission__status=S.ACCEPTED) | Q(
    submission__status__in=[S.APPROVED, S.SUBMITTED], submission__approved_at__isnull=False
)
LEVELS = {"village": Area.Kind.VILLAGE, "commune": Area.Kind.COMMUNE}


class BadFilter(ValueError):
    """A query parameter that cannot be understood; ``field`` names it for the 400 answer."""

    def __init__(self, field: str, message: str):
        super().__init__(message)
        self.field = field
        self.message = message


def require_reports(user) -> None:
    """403 for a user who holds no reporting role anywhere (as the reporting pages answer)."""
    if not scope.has_perm(user, READ_PERM):
        raise PermissionDenied(_("You do not have the right to do this."))


# --- areas ----------------------------------------------------------------------------------------


def areas_visible_to(user, *, under: Area | None = None, kind: str = "") -> QuerySet[Area]:
    qs = scope.readable_areas(user).select_related("parent", "dhis2_org_unit").order_by("path")
    if under is not None:
        qs = qs.filter(path__startswith=under.path)
    if kind:
        if kind not in Area.Kind.values:
            raise BadFilter("kind", _("Unknown kind of area “%(kind)s”.") % {"kind": kind})
        qs = qs.filter(kind=kind)
    return qs


def area_for(user, code: str, *, perm: str = "area.view") -> Area:
    """The area with this code if the user may read it there; 404 otherwise (as on the pages)."""
    return scope.get_or_404(scope.areas_for(user, perm), code=code)


# --- periods --------------------------------------------------------------------------------------


def _int(field: str, raw: str | None) -> int | None:
    if raw in (None, ""):
        return None
    if not (str(raw).isascii() and str(raw).isdigit() and len(str(raw)) <= 18):
        raise BadFilter(field, _("“%(field)s” must be a whole number.") % {"field": field})
    return int(raw)


def _dhis2(raw: str | None) -> str | None:
    if not raw:
        return None
    try:
        dhis2.period_dates(raw)
    except ValueError:
        raise BadFilter(
            "dhis2_period",
            _("“%(period)s” is not a DHIS2 period (e.g. 2022S1, 2022, 2022Q2, 202206).") % {"period": raw},
        ) from None
    return raw


def _level(raw: str | None) -> str | None:
    if not raw or raw == "all":
        return None
    if raw not in LEVELS:
        raise BadFilter("level", _("“level” must be village, commune or all."))
    return LEVELS[raw]


def periods_visible_to(user, params) -> list[Period]:
    """Periods the user sees on the reporting pages, filtered by year, receiving area subtree,
    report type and DHIS2 period."""
    require_reports(user)
    year = _int("year", params.get("year"))
    iso = _dhis2(params.get("dhis2_period"))
    area = area_for(user, params["area"], perm=READ_PERM) if params.get("area") else None
    report_type = params.get("report_type") or ""
    periods = rsel.periods_visible_to(user, year=year)
    if area is not None:
        periods = [p for p in periods if p.area.path.startswith(area.path) or area.path.startswith(p.area.path)]
    if report_type:
        periods = [p for p in periods if p.report_type.code == report_type]
    if iso:
        periods = [p for p in periods if dhis2.period_iso(p.start, p.end) == iso]
    return periods


def period_for(user, pk: int) -> Period:
    require_reports(user)
    return rsel.get_period_for_user(user, pk)


# --- indicator values -----------------------------------------------------------------------------


def approved_values(user, params) -> QuerySet[Value]:
    """Values of approved reports in the user's scope, filtered by area subtree (``area``), period
    (``period`` id, ``year``, ``dhis2_period``), indicator codes (``indicator``, repeatable),
    ``report_type`` and ``level`` (village or commune reports)."""
    require_reports(user)
    qs = scope.scoped(Value.objects.filter(APPROVED), user, READ_PERM, "submission__area")
    if params.get("area"):
        area = area_for(user, params["area"], perm=READ_PERM)
        qs = qs.filter(submission__area__path__startswith=area.path)
    period = _int("period", params.get("period"))
    if period is not None:
        qs = qs.filter(submission__period_id=period)
    year = _int("year", params.get("year"))
    if year is not None:
        qs = qs.filter(submission__period__year=year)
    iso = _dhis2(params.get("dhis2_period"))
    if iso:
        first, last = dhis2.period_dates(iso)
        candidates = Period.objects.filter(start__gte=first, end__lte=last).values_list("pk", "start", "end")
        qs = qs.filter(submission__period_id__in=[pk for pk, s, e in candidates if dhis2.period_iso(s, e) == iso])
    codes = [c for c in params.getlist("indicator") if c] if hasattr(params, "getlist") else []
    if codes:
        known = set(Indicator.objects.filter(code__in=codes).values_list("code", flat=True))
        unknown = [c for c in codes if c not in known]
        if unknown:
            raise BadFilter("indicator", _("Unknown indicator code: %(codes)s.") % {"codes": ", ".join(unknown)})
        qs = qs.filter(indicator__code__in=codes)
    if params.get("report_type"):
        qs = qs.filter(submission__period__report_type__code=params["report_type"])
    level = _level(params.get("level"))
    if level:
        qs = qs.filter(submission__area__kind=level)
    hidden = _hidden_cells(user)
    if hidden is not None:
        qs = qs.exclude(hidden)
    return qs.select_related(
        "indicator", "submission__area", "submission__period__report_type", "submission__period__area"
    ).order_by("submission__period__end", "submission__period_id", "submission__area__path", "indicator__order", "key")


def _trusted_roots(user) -> list[Area] | None:
    """Where the user sees confidential facts (``cases.view``); None: everywhere (superuser)."""
    if getattr(user, "is_superuser", False) and user.is_active:
        return None
    return scope.membership_areas(user, privacy.CONFIDENTIAL_PERM)


def _hidden_cells(user) -> Q | None:
    """The cells left out for this user, as on the report pages: breakdown cells of confidential
    groups and kinds of case (``cell_is_confidential``), in the areas where the user does not read
    case files. One condition on the query, so pages keep their size."""
    roots = _trusted_roots(user)
    if roots is None:
        return None
    letters = confidential_letters()
    cells = [
        Q(indicator_id=indicator.pk, key=key)
        for indicator in Indicator.objects.exclude(breakdown="")
        for key, _label in ind.breakdown_keys(indicator)
        if cell_is_confidential(indicator, key, letters=letters)
    ]
    if not cells:
        return None
    hidden = reduce(or_, cells)
    if roots:
        hidden &= ~reduce(or_, (Q(submission__area__path__startswith=root.path) for root in roots))
    return hidden


@dataclass
class Figure:
    """A value as it may be shown to this user: the number, or withheld ("< 3")."""

    value: int | None
    withheld: bool


class Viewer:
    """What a user may see of figures, worked out once per request (no query per figure)."""

    def __init__(self, user):
        self.user = user
        self.letters = confidential_letters()
        self._trusted: dict[int, bool] = {}

    def trusted(self, area: Area) -> bool:
        if area.pk not in self._trusted:
            self._trusted[area.pk] = privacy.sees_confidential(self.user, area)
        return self._trusted[area.pk]

    def figure(self, value: Value) -> Figure:
        area = value.submission.area
        if self.trusted(area) or value.source == Value.Source.TYPED:
            return Figure(value.value, False)
        shown = shown_value(
            value.value, indicator=value.indicator, key=value.key, area=area, trusted=False, letters=self.letters
        )
        if isinstance(shown, privacy.Masked):
            return Figure(None, True)
        return Figure(shown, False)


def accepted_at(submission: Submission) -> dt.datetime | None:
    return submission.reviewed_at if submission.status == S.ACCEPTED else None


# --- completeness and timeliness -----------------------------------------------------------------


@dataclass
class Completeness:
    period: Period
    dhis2_period: str | None
    expected: int
    received: int
    on_time: int
    accepted: int
    completeness: int
    timeliness: int


def completeness(user, periods: list[Period], on: dt.date | None = None) -> list[Completeness]:
    """Reports expected, received, on time and accepted per period, among the areas the user sees
    (the table of the period page)."""
    on = on or timezone.localdate()
    out = []
    for period in periods:
        rates = rsel.rates(rsel.status_rows(period, user, on))
        out.append(Completeness(period, dhis2.period_iso(period.start, period.end), **rates))
    return out


# --- DHIS2 data value sets ------------------------------------------------------------------------


@dataclass
class DataValueSet:
    values: list[dhis2.DataValue]
    unmapped: int  # cells without a data element or an org unit in the mapping
    withheld: int  # cells withheld by the small-number rule


def data_value_set(user, params) -> DataValueSet:
    """The approved values of a DHIS2 period for an area subtree, as DHIS2 data values.

    ``period`` (DHIS2 notation) is required; ``area`` (a code) narrows to a subtree; ``level``
    defaults to commune reports (DHIS2 adds villages up to the commune itself, so sending both
    would count them twice). Cells that are empty, withheld or not in the mapping are left out.
    """
    iso = params.get("period")
    if not iso:
        raise BadFilter("period", _("Give the period in DHIS2 notation, e.g. period=2022S1."))
    try:
        dhis2.period_dates(iso)
    except ValueError:
        raise BadFilter(
            "period", _("“%(period)s” is not a DHIS2 period (e.g. 2022S1, 2022, 2022Q2, 202206).") % {"period": iso}
        ) from None
    query = {"dhis2_period": iso, "level": params.get("level") or "commune"}
    if params.get("area"):
        query["area"] = params["area"]
    values = approved_values(user, _Params(query)).filter(value__isnull=False)
    elements = {
        (m.indicator_id, m.key): m for m in DataElementMapping.objects.all()
    }  # the whole mapping: a few hundred rows at most
    org_units = dict(OrgUnitMapping.objects.values_list("area_id", "org_unit"))
    viewer = Viewer(user)
    out, unmapped, withheld = [], 0, 0
    for value in values:
        shown = viewer.figure(value)
        if shown.withheld:
            withheld += 1
            continue
        element = elements.get((value.indicator_id, value.key))
        org_unit = org_units.get(value.submission.area_id)
        if element is None or org_unit is None:
            unmapped += 1
            continue
        sub = value.submission
        out.append(
            dhis2.DataValue(
                dataElement=element.data_element,
                period=iso,
                orgUnit=org_unit,
                categoryOptionCombo=element.category_option_combo or settings.DHIS2_DEFAULT_CATEGORY_OPTION_COMBO,
                attributeOptionCombo=settings.DHIS2_ATTRIBUTE_OPTION_COMBO,
                value=str(shown.value),
                storedBy=settings.DHIS2_STORED_BY,
                created=dhis2.timestamp(sub.created_at),
                lastUpdated=dhis2.timestamp(sub.updated_at),
                comment=f"{value.indicator.code}{'/' + value.key if value.key else ''}",
            )
        )
    return DataValueSet(out, unmapped, withheld)


class _Params(dict):
    """A plain dict with the ``getlist`` of a QueryDict (for calls made from code)."""

    def getlist(self, key):
        value = self.get(key)
        return [] if value is None else (value if isinstance(value, list) else [value])


# --- the consolidated view of pulled values -------------------------------------------------------


def pulled_visible_to(user) -> QuerySet[PulledValue]:
    """Pulled values anchored in the areas where the user reviews reports (district or province office)."""
    if not scope.has_perm(user, "reports.consolidated"):
        raise PermissionDenied(_("You do not have the right to do this."))
    return scope.scoped(PulledValue.objects.all(), user, "reports.consolidated", "area").select_related(
        "indicator", "area"
    )


@dataclass
class ConsolidatedLine:
    first: PulledValue  # area, source, status and dates of the line
    cells: list  # per indicator: the figure, MASKED ("< 3") or None


@dataclass
class ConsolidatedTable:
    periods: list[str]
    period: str
    indicators: list[Indicator]
    lines: list[ConsolidatedLine]
    totals: list[tuple[int, bool]]  # per indicator: the sum of the figures shown, whether some were withheld


def consolidated_table(user, *, period: str = "", level: str = "commune") -> ConsolidatedTable:
    """The totals of each indicator pulled for one DHIS2 period, one line per area of ``level``
    (communes by default: villages are already inside their commune's figures). The small-number
    rule applies again for this viewer; totals add up the figures shown and say when some are withheld."""
    pulled = pulled_visible_to(user)
    periods = sorted(set(pulled.values_list("period", flat=True)), reverse=True)
    period = period if period in periods else (periods[0] if periods else "")
    rows = pulled.filter(period=period, key="", area_kind=LEVELS.get(level, Area.Kind.COMMUNE))
    rows = list(rows.order_by("area_code", "source", "indicator__order"))
    indicators = sorted({pv.indicator for pv in rows}, key=lambda i: (i.order, i.code))
    lines: dict = {}
    sums: dict = {i.pk: 0 for i in indicators}
    partial: set = set()
    for pv in rows:
        shown = (
            privacy.MASKED
            if pv.withheld
            else privacy.disclose(
                pv.value,
                confidential=cell_is_confidential(pv.indicator, pv.key),
                village_level=pv.area_kind == Area.Kind.VILLAGE,
                trusted=privacy.sees_confidential(user, pv.area),
            )
        )
        line = lines.setdefault((pv.area_code, pv.source), ConsolidatedLine(pv, {}))
        line.cells[pv.indicator_id] = shown
        if isinstance(shown, int):
            sums[pv.indicator_id] += shown
        elif shown is not None:
            partial.add(pv.indicator_id)
    for line in lines.values():
        line.cells = [line.cells.get(i.pk) for i in indicators]
    return ConsolidatedTable(
        periods, period, indicators, list(lines.values()), [(sums[i.pk], i.pk in partial) for i in indicators]
    )
