"""How computed indicators are obtained for an area and a period.

``compute(indicators, area=…, start=…, end=…)`` returns ``{(code, key): (value, source)}`` for every
computed indicator it can obtain; ``key`` is ``""`` for the total and a breakdown key otherwise.
Registry figures are computed here from ``children.models`` "as of the period's end" (the children
active on ``end``); case and fund figures call ``case_figures`` and ``fund_totals`` of those apps;
event figures (participants, gifts, spending) read the plan's events of the period's kind.

Each computation issues a fixed, small number of queries whatever the number of children.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q, Sum
from django.utils.translation import gettext_lazy as _

from accounts.models import Area
from children.cases.selectors import case_figures
from children.models import (
    Child,
    ChildCircumstance,
    CircumstanceGroup,
    Disability,
    HealthInsurance,
    Support,
    years_before,
)
from funds.models import Entry
from funds.selectors import fund_totals
from programs.models import Event as PlanEvent
from programs.models import GiftRecipient

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


# --- other apps: cases, fund and plan, through their selectors and models -----------------------

ABUSE_KINDS = ("violence", "sexual_abuse", "exploitation", "trafficking", "neglect")


def _cases(area, start, end):
    # Cached per call of ``compute`` (one computation serves several indicators).
    return case_figures(area=area, start=start, end=end)


def cases_opened(area, start, end, figures=None):
    figures = figures or _cases(area, start, end)
    values = {key: int(figures.opened_by_kind.get(key, 0)) for key, _label in CASE_KINDS}
    values[""] = figures.opened
    return values


def _case_total(name):
    def compute(area, start, end, figures=None):
        figures = figures or _cases(area, start, end)
        return {"": int(getattr(figures, name))}

    compute.__name__ = f"cases_{name}"
    return compute


def _case_children_of(kinds):
    def compute(area, start, end, figures=None):
        figures = figures or _cases(area, start, end)
        return {"": sum(int(figures.children_by_kind.get(k, 0)) for k in kinds)}

    return compute


def _commune_of(area: Area) -> Area | None:
    return area if area.kind != Area.Kind.VILLAGE else area.parent


def _fund(name):
    def compute(area, start, end):
        commune = _commune_of(area)
        return {"": int(fund_totals(area=commune, start=start, end=end)[name])}

    compute.__name__ = f"fund_{name}"
    return compute


def _events(area, start, end, event):
    return PlanEvent.objects.filter(
        plan__commune__path__startswith=_commune_of(area).path, kind=event, date__gte=start, date__lte=end
    )


def event_participants(area, start, end, event):
    return {"": int(_events(area, start, end, event).aggregate(n=Sum("participants"))["n"] or 0)}


def event_gifts(area, start, end, event):
    return {"": GiftRecipient.objects.filter(gift_list__event__in=_events(area, start, end, event)).count()}


def event_spending(area, start, end, event):
    """Posted disbursements linked to the events or their gift lists (each entry counted once)."""
    events = _events(area, start, end, event)
    linked = Entry.objects.filter(Q(plan_events__in=events) | Q(plan_gift_lists__event__in=events)).values("pk")
    total = Entry.objects.filter(pk__in=linked, kind=Entry.Kind.DISBURSEMENT, status=Entry.Status.POSTED).aggregate(
        n=Sum("amount")
    )["n"]
    return {"": int(total or 0)}


for _f in (event_participants, event_gifts, event_spending):
    _f.takes_event = True

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
    "accident_children": _case_children_of(("accident",)),
    "drowning_children": _case_children_of(("drowning",)),
    "abused_children": _case_children_of(ABUSE_KINDS),
    "fund_receipts": _fund("receipts"),
    "fund_spending": _fund("disbursements"),
    "event_participants": event_participants,
    "event_gifts": event_gifts,
    "event_spending": event_spending,
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
    figures = None  # case figures, fetched once for all case indicators
    for indicator in indicators:
        func = COMPUTATIONS.get(indicator.computation) if indicator.is_computed else None
        if func is None:
            continue
        if getattr(func, "takes_event", False):
            if not event:
                continue
            values = func(area, start, end, event)
        elif indicator.source == Indicator.Source.CASES:
            figures = figures or _cases(area, start, end)
            values = func(area, start, end, figures)
        else:
            values = func(area, start, end)
        source = SOURCE_OF[indicator.source]
        for key, value in values.items():
            out[(indicator.code, key)] = (value, source)
    return out
