"""The new-year step: one function that makes a commune's year ready to work in.

``open_year(commune=…, year=…, user=…)`` — run by the culture-social officer or the accountant
(``year.open``) from the page ``reporting:open_year``, by ``manage.py open_year YEAR --commune CODE``
or offered on the home page from the first day of a year:

1. opens the year in each fund book of the commune (the years between, too, in order); the opening
   balance is carried, since a balance is never stored (``funds.figures``);
2. creates the year's reporting periods from the calendar rules of the report types (their default
   months and deadlines are data, ``reporting.models.ReportType``): the village reports the commune
   receives and the commune reports the area above receives;
3. drafts the year's plan as a copy of the latest earlier plan (targets, activities, tasks moved to the
   new year) for the officer to edit and the chairman to approve.

Idempotent: what exists is left as it is, and running it again does nothing.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from functools import partial

from django.db import transaction
from django.utils import timezone

from accounts.models import Area
from accounts.reform import predecessors
from core import memo
from funds import services as fund_services
from funds.models import Fund, FundYear
from programs import services as plan_services
from programs.models import Plan

from . import services
from .models import Period, ReportType


@dataclass
class YearState:
    """What the new-year step would do (or did) for one commune and year."""

    commune: Area
    year: int
    funds_to_open: list[Fund] = field(default_factory=list)
    funds_open: list[Fund] = field(default_factory=list)
    periods_missing: list[ReportType] = field(default_factory=list)
    plan: Plan | None = None
    plan_source: Plan | None = None

    @property
    def is_open(self) -> bool:
        return not self.funds_to_open and not self.periods_missing and (self.plan is not None or not self.plan_source)


def _receivers(commune: Area, year: int) -> list[tuple[Area, str]]:
    """The areas whose calendars hold this commune's periods in ``year``, with the reporting level:
    the commune (its villages report to it) and the area above it at the year's end (the district
    until the 2025 reform, the province since)."""
    pairs = [(commune, Area.Kind.VILLAGE)]
    above = commune.superior_on(date(year, 12, 31))
    if above is not None:
        pairs.append((above, Area.Kind.COMMUNE))
    return pairs


def year_state(*, commune: Area, year: int) -> YearState:
    state = YearState(commune=commune, year=year)
    for fund in Fund.objects.filter(commune=commune).order_by("kind"):
        if FundYear.objects.filter(fund=fund, year=year).exists():
            state.funds_open.append(fund)
        elif fund.started_on.year <= year:
            state.funds_to_open.append(fund)
    for area, level in _receivers(commune, year):
        types = ReportType.objects.filter(is_active=True, from_kind=level).exclude(
            period_kind=ReportType.PeriodKind.AD_HOC
        )
        have = set(Period.objects.filter(area=area, year=year).values_list("report_type_id", flat=True))
        state.periods_missing += [rt for rt in types if rt.pk not in have]
    state.plan = Plan.objects.filter(commune=commune, year=year).first()
    state.plan_source = plan_source(commune, year)
    return state


def plan_source(commune: Area, year: int) -> Plan | None:
    """The plan a new year's draft copies: the commune's latest earlier plan, else (a commune formed by
    a merger) the latest earlier plan of the communes merged into it."""
    earlier = Plan.objects.filter(year__lt=year).order_by("-year", "pk")
    return (
        earlier.filter(commune=commune).first()
        or earlier.filter(commune__in=[a.pk for a in predecessors(commune)]).first()
    )


@transaction.atomic
def open_year(*, commune: Area, year: int, user) -> dict:
    """Open ``year`` for ``commune`` (see the module's docstring). Returns what was done."""
    done = {"fund_years": [], "periods": [], "plan": None}
    for fund in Fund.objects.filter(commune=commune).order_by("kind"):
        last = fund.years.order_by("-year").values_list("year", flat=True).first()
        if last is None or last >= year:
            continue
        for y in range(last + 1, year + 1):
            done["fund_years"].append(fund_services.year_open(fund=fund, year=y, user=user))
    for area, _level in _receivers(commune, year):
        done["periods"] += services.calendar_create_year(area=area, year=year, user=user)
    if not Plan.objects.filter(commune=commune, year=year).exists():
        source = plan_source(commune, year)
        if source is not None:
            done["plan"] = plan_services.plan_copy(source=source, year=year, user=user, commune=commune)
    return done


def offer_for(user, today=None) -> list[YearState]:
    """The communes where ``user`` may open the current year and it is not yet open (for the home page)."""
    from accounts import scope

    year = (today or timezone.localdate()).year
    communes = scope.areas_for(user, "year.open").filter(kind=Area.Kind.COMMUNE)
    # a commune's state is the same for everyone who may open its year: measured once until the data
    # changes (core.memo); shared, not to be changed
    states = [
        memo.remember(("reporting.year_state", c.pk, year), partial(year_state, commune=c, year=year))
        for c in communes.order_by("path")[:5]
    ]
    return [s for s in states if not s.is_open]
