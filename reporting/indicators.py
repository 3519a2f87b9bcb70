"""How computed indicators are obtained for an area and a period: a table from each indicator's
``computation`` to a figure function of the app that owns the data.

``compute(indicators, area=…, start=…, end=…)`` returns ``{(code, key): (value, source)}`` for every
computed indicator it can obtain; ``key`` is ``""`` for the total and a breakdown key otherwise.
Registry figures are as of the period's end (``children/figures.py``); cases, the fund and the plan's
events come from ``children/cases/figures.py``, ``funds/figures.py`` and ``programs/figures.py``.
Each computation issues a fixed, small number of queries whatever the number of children.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _

from accounts.models import Area
from children import figures as child_figures
from children.allowances import figures as allowance_figures
from children.cases.figures import case_figures
from children.cases.models import ABUSE_KINDS, Kind
from children.models import CircumstanceGroup
from funds import figures as fund_figures
from programs import figures as plan_figures

from .models import Indicator, Value

SEX_KEYS = [("M", _("male")), ("F", _("female"))]
AGE_KEYS = [("0-5", _("0–5 years")), ("6-10", _("6–10 years")), ("11-15", _("11–15 years"))]
CASE_KINDS = [
    ("violence", _("violence")),
    ("sexual_abuse", _("sexual abuse")),
    ("exploitation", _("exploitation, child labour")),
    ("trafficking", _("trafficking")),
    ("neglect", _("abandonment, neglect")),
    ("accident", _("accident, injury")),
    ("drowning", _("drowning")),
    ("other", _("other")),
]


def breakdown_keys(indicator: Indicator) -> list[tuple[str, str]]:
    """The breakdown keys and their labels (the total, key "", is not listed)."""
    b = indicator.breakdown
    if b == Indicator.Breakdown.SEX:
        return SEX_KEYS
    if b == Indicator.Breakdown.AGE:
        return AGE_KEYS
    if b == Indicator.Breakdown.CASE_KIND:
        return CASE_KINDS
    if b == Indicator.Breakdown.CIRCUMSTANCE:
        return [(letter, f"{letter}) {name}") for letter, name in _circumstance_groups()]
    return []


def _circumstance_groups() -> list[tuple[str, str]]:
    # Reference data: read once per process (a data migration loads it).
    if not hasattr(_circumstance_groups, "cache"):
        _circumstance_groups.cache = list(CircumstanceGroup.objects.order_by("order").values_list("letter", "name"))
    return _circumstance_groups.cache


def sums_to_total(indicator: Indicator) -> bool:
    """Whether the breakdown values must add up to the total (a child is in one sex and one age group
    and a case has one kind; a child may be in several special-circumstance groups)."""
    return indicator.breakdown in {Indicator.Breakdown.SEX, Indicator.Breakdown.AGE, Indicator.Breakdown.CASE_KIND}


# --- the table: computation name → figure of the app that owns the data -------------------------
# Each entry turns a figure into ``{breakdown key: value}`` ("" is the total). No counting here:
# registry counts are ``children/figures.py``, cases ``children/cases/figures.py``, money
# ``funds/figures.py``, events ``programs/figures.py``.


def _total(value) -> dict:
    return {"": int(value)}


def _case_kinds(figures) -> dict:
    values = {key: int(figures.opened_by_kind.get(key, 0)) for key, _label in CASE_KINDS}
    values[""] = figures.opened
    return values


def _case_children(kinds):
    return lambda f: _total(sum(int(f.children_by_kind.get(k, 0)) for k in kinds))


def _commune_of(area: Area) -> Area:
    return area.parent if area.kind == Area.Kind.VILLAGE and area.parent_id else area


# Registry figures: (area, start, end) → values, as of the period's end.
REGISTRY = {
    "children_by_sex": lambda area, start, end: {
        "": child_figures.under_16(area, on=end),
        **child_figures.by_sex(area, on=end),
    },
    "children_by_age": lambda area, start, end: {
        "": child_figures.under_16(area, on=end),
        **child_figures.by_age_band(area, on=end),
    },
    "circumstance_children": lambda area, start, end: child_figures.in_special_circumstances(
        area, start=start, end=end
    ),
    "circumstance_supported": lambda area, start, end: child_figures.special_circumstances_supported(
        area, start=start, end=end
    ),
    "disabled_children": lambda area, start, end: _total(child_figures.disabled(area, on=end)),
    "disabled_supported": lambda area, start, end: _total(child_figures.disabled_supported(area, start=start, end=end)),
    "under_six": lambda area, start, end: _total(child_figures.under_6(area, on=end)),
    "under_six_insured": lambda area, start, end: _total(child_figures.under_6_insured(area, on=end)),
    # the monthly social allowance (children/allowances/figures.py): receiving in the period, paid in it
    "allowance_children": lambda area, start, end: _total(allowance_figures.receiving(area, start=start, end=end)),
    "allowance_paid": lambda area, start, end: _total(allowance_figures.paid(area, start=start, end=end)),
}
# Case figures: CaseFigures → values (one ``case_figures`` call serves them all).
CASES = {
    "cases_opened": _case_kinds,
    "cases_assessed_in_time": lambda f: _total(f.assessed_within_12h),
    "cases_plan_in_time": lambda f: _total(f.plan_approved_in_time),
    "cases_closed": lambda f: _total(f.closed),
    "accident_children": _case_children((Kind.ACCIDENT,)),
    "drowning_children": _case_children((Kind.DROWNING,)),
    "abused_children": _case_children(sorted(ABUSE_KINDS)),
}
# Fund figures of the Child Protection Fund of the reporting commune.
FUND = {
    "fund_receipts": lambda area, start, end: _total(
        fund_figures.fund_totals(area=_commune_of(area), start=start, end=end)["receipts"]
    ),
    "fund_spending": lambda area, start, end: _total(
        fund_figures.fund_totals(area=_commune_of(area), start=start, end=end)["disbursements"]
    ),
}
# Event figures of the period's event (thematic reports).
EVENTS = {
    "event_participants": plan_figures.event_participants,
    "event_gifts": plan_figures.event_gift_recipients,
    "event_spending": plan_figures.event_spending,
}
COMPUTATIONS = {*REGISTRY, *CASES, *FUND, *EVENTS}

SOURCE_OF = {
    Indicator.Source.REGISTRY: Value.Source.REGISTRY,
    Indicator.Source.CASES: Value.Source.CASES,
    Indicator.Source.FUND: Value.Source.FUND,
    Indicator.Source.PLAN: Value.Source.PLAN,
}


def compute(indicators, *, area: Area, start: dt.date, end: dt.date, event: str = "") -> dict:
    """``{(code, key): (value, source)}`` for each computed indicator that can be obtained."""
    out = {}
    figures = None  # case figures, fetched once for all case indicators
    for indicator in indicators:
        name = indicator.computation if indicator.is_computed else ""
        if name in REGISTRY:
            values = REGISTRY[name](area, start, end)
        elif name in CASES:
            figures = figures or case_figures(area=area, start=start, end=end)
            values = CASES[name](figures)
        elif name in FUND:
            values = FUND[name](area, start, end)
        elif name in EVENTS and event:
            values = _total(EVENTS[name](area, start=start, end=end, kind=event))
        else:
            continue
        source = SOURCE_OF[indicator.source]
        for key, value in values.items():
            out[(indicator.code, key)] = (value, source)
    return out
