"""How computed indicators are obtained for an area and a period.

``compute(indicators, area=…, start=…, end=…)`` returns ``{(code, key): (value, source)}`` for every
computed indicator it can obtain; ``key`` is ``""`` for the total and a breakdown key otherwise.
Registry figures are computed here from ``children.models`` "as of the period's end" (the children
active on ``end``); case, fund and plan figures call the selectors of those apps. When such a
selector is not available the indicator is left out, and the form asks for it to be typed in.

Each computation issues a fixed, small number of queries whatever the number of children.
"""

from __future__ import annotations

import datetime as dt
from importlib import import_module

from django.db.models import Count, Q
from django.utils.translation import gettext_lazy as _

from accounts.models import Area
from children.models import (
    Child,
    ChildCircumstance,
    CircumstanceGroup,
    Disability,
    HealthInsurance,
    Support,
    years_before,
)

from .models import Indicator, Value

SEX_KEYS = [("M", _("male")), ("F", _("female"))]
AGE_GROUPS = [("0-5", 0, 5), ("6-10", 6, 10), ("11-15", 11, 15)]
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


# --- registry ---------------------------------------------------------------------------------


def _children(area: Area, end: dt.date):
    return Child.objects.filter(village__path__startswith=area.path).active(end)


def _current_circumstances(area: Area, end: dt.date):
    return ChildCircumstance.objects.filter(child__in=_children(area, end), start_date__lte=end).filter(
        Q(end_date__isnull=True) | Q(end_date__gte=end)
    )


def _by_letter(qs) -> dict[str, int]:
    rows = qs.values("group__letter").annotate(n=Count("child", distinct=True))
    counts = {letter: 0 for letter, _name in _circumstance_groups()}
    counts.update({r["group__letter"]: r["n"] for r in rows})
    return counts


def children_by_sex(area, start, end):
    counts = _children(area, end).aggregate(
        total=Count("pk"), M=Count("pk", filter=Q(sex="M")), F=Count("pk", filter=Q(sex="F"))
    )
    return {"": counts["total"], "M": counts["M"], "F": counts["F"]}


def children_by_age(area, start, end):
    aggregates = {"total": Count("pk")}
    for key, low, high in AGE_GROUPS:
        born = Q(date_of_birth__lte=years_before(end, low), date_of_birth__gt=years_before(end, high + 1))
        aggregates[key] = Count("pk", filter=born)
    counts = _children(area, end).aggregate(**aggregates)
    return {"": counts.pop("total"), **counts}


def circumstance_children(area, start, end):
    qs = _current_circumstances(area, end)
    values = _by_letter(qs)
    values[""] = qs.values("child").distinct().count()
    return values


def circumstance_supported(area, start, end):
    supported = Support.objects.filter(date__gte=start, date__lte=end).values("child")
    qs = _current_circumstances(area, end).filter(child__in=supported)
    values = _by_letter(qs)
    values[""] = qs.values("child").distinct().count()
    return values


def _disabled(area, end):
    return Disability.objects.filter(child__in=_children(area, end)).filter(
        Q(certified_on__isnull=True) | Q(certified_on__lte=end)
    )


def disabled_children(area, start, end):
    return {"": _disabled(area, end).values("child").distinct().count()}


def disabled_supported(area, start, end):
    supported = Support.objects.filter(date__gte=start, date__lte=end).values("child")
    return {"": _disabled(area, end).filter(child__in=supported).values("child").distinct().count()}


def under_six(area, start, end):
    return {"": _children(area, end).aged(0, 5, on=end).count()}


def under_six_insured(area, start, end):
    insured = HealthInsurance.objects.filter(valid_from__lte=end, valid_to__gte=end).values("child")
    return {"": _children(area, end).aged(0, 5, on=end).filter(pk__in=insured).count()}


# --- other apps (their selectors; left out while they are not available) ---------------------------


def _optional(module: str, name: str):
    try:
        return getattr(import_module(module), name)
    except (ImportError, AttributeError):
        return None


def _case_figures(area, start, end):
    func = _optional("children.cases.selectors", "case_figures")
    return None if func is None else func(area=area, start=start, end=end)


def _attr(obj, name, default=None):
    if obj is None:
        return default
    return obj.get(name, default) if isinstance(obj, dict) else getattr(obj, name, default)


def cases_opened(area, start, end):
    figures = _case_figures(area, start, end)
    if figures is None:
        return None
    by_kind = dict(_attr(figures, "opened_by_kind", {}) or {})
    values = {key: int(by_kind.get(key, 0)) for key, _label in CASE_KINDS}
    values["other"] += sum(int(v) for k, v in by_kind.items() if k not in values)
    values[""] = int(_attr(figures, "opened", sum(values.values())))
    return values


def _case_total(name):
    def compute(area, start, end):
        figures = _case_figures(area, start, end)
        value = _attr(figures, name)
        return None if value is None else {"": int(value)}

    compute.__name__ = f"cases_{name}"
    return compute


def abused_children_by_sex(area, start, end):
    figures = _case_figures(area, start, end)
    by_sex = _attr(figures, "children_by_sex")
    if by_sex is None:
        return None
    by_sex = dict(by_sex)
    values = {"M": int(by_sex.get("M", 0)), "F": int(by_sex.get("F", 0))}
    values[""] = values["M"] + values["F"]
    return values


def _fund(name):
    def compute(area, start, end):
        func = _optional("funds.selectors", "fund_totals")
        if func is None:
            return None
        commune = area.ancestor_of_kind(Area.Kind.COMMUNE) if area.kind != Area.Kind.COMMUNE else area
        if commune is None:
            return None
        totals = func(area=commune, start=start, end=end)
        value = _attr(totals, name)
        return None if value is None else {"": int(value)}

    compute.__name__ = f"fund_{name}"
    return compute


def _event(name):
    """Figures of a plan event (participants, gifts, spending) from programs, when it offers them."""

    def compute(area, start, end, event=""):
        func = _optional("programs.selectors", "event_figures")
        if func is None or not event:
            return None
        figures = func(area=area, event=event, start=start, end=end)
        value = _attr(figures, name)
        return None if value is None else {"": int(value)}

    compute.__name__ = f"event_{name}"
    compute.takes_event = True
    return compute


COMPUTATIONS = {
    "children_by_sex": children_by_sex,
    "children_by_age": children_by_age,
    "circumstance_children": circumstance_children,
    "circumstance_supported": circumstance_supported,
    "disabled_children": disabled_children,
    "disabled_supported": disabled_supported,
    "under_six": under_six,
    "under_six_insured": under_six_insured,
    "cases_opened": cases_opened,
    "cases_assessed_in_time": _case_total("assessed_within_12h"),
    "cases_plan_in_time": _case_total("plan_approved_in_time"),
    "cases_closed": _case_total("closed"),
    "abused_children_by_sex": abused_children_by_sex,
    "fund_receipts": _fund("receipts"),
    "fund_spending": _fund("disbursements"),
    "event_participants": _event("participants"),
    "event_gifts": _event("gifts"),
    "event_spending": _event("spending"),
}

SOURCE_OF = {
    Indicator.Source.REGISTRY: Value.Source.REGISTRY,
    Indicator.Source.CASES: Value.Source.CASES,
    Indicator.Source.FUND: Value.Source.FUND,
    Indicator.Source.PLAN: Value.Source.PLAN,
}


def compute(indicators, *, area: Area, start: dt.date, end: dt.date, event: str = "") -> dict:
    """``{(code, key): (value, source)}`` for each computed indicator that can be obtained."""
    out = {}
    for indicator in indicators:
        func = COMPUTATIONS.get(indicator.computation) if indicator.is_computed else None
        if func is None:
            continue
        values = func(area, start, end, event) if getattr(func, "takes_event", False) else func(area, start, end)
        if values is None:
            continue
        source = SOURCE_OF[indicator.source]
        for key, value in values.items():
            out[(indicator.code, key)] = (value, source)
    return out
