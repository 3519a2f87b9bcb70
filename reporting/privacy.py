"""Which report figures are confidential, and a report's figures as a viewer may see them.

The rules themselves are ``accounts.privacy`` (who sees confidential facts; the small-number rule);
this module only says which cells of a report they apply to. Stored values stay true, so commune and
district totals always add up from the true numbers; masking happens where a figure is shown.
"""

from __future__ import annotations

from copy import copy

from accounts import privacy
from accounts.models import Area
from children.cases.models import CONFIDENTIAL_KINDS
from children.models import CircumstanceGroup

from .models import Indicator, Value

# Case figures that concern only kinds that are not confidential (accidents, drownings).
NON_CONFIDENTIAL_CASE_FIGURES = {"accident_children", "drowning_children"}


def confidential_letters() -> frozenset[str]:
    return frozenset(CircumstanceGroup.objects.filter(confidential=True).values_list("letter", flat=True))


def cell_is_confidential(indicator: Indicator, key: str, *, letters: frozenset[str] | None = None) -> bool:
    """Whether the figure ``(indicator, key)`` reveals something confidential: a confidential
    special-circumstance group, a confidential kind of case, or a count of cases that includes them."""
    if indicator.breakdown == Indicator.Breakdown.CIRCUMSTANCE and key:
        return key in (letters if letters is not None else confidential_letters())
    if indicator.source == Indicator.Source.CASES:
        if indicator.breakdown == Indicator.Breakdown.CASE_KIND and key:
            return key in CONFIDENTIAL_KINDS
        return indicator.computation not in NON_CONFIDENTIAL_CASE_FIGURES
    return False


def shown_value(value, *, indicator: Indicator, key: str, area: Area, trusted: bool, letters=None):
    """One figure of ``area``'s report as a viewer sees it (money is never masked)."""
    if indicator.unit == Indicator.Unit.VND:
        return value
    return privacy.disclose(
        value,
        confidential=cell_is_confidential(indicator, key, letters=letters),
        village_level=area.kind == Area.Kind.VILLAGE,
        trusted=trusted,
    )


def rows_as_seen(rows: list, *, user, area: Area) -> list:
    """Copies of a report's rows with each figure as ``user`` may see it. Figures a person typed into
    the report are theirs and shown as typed; figures the portal computed follow the rules. Outside
    ``cases.view`` the lines of confidential groups and kinds of case are left out altogether (their
    figures still count in the totals), so nothing names them."""
    trusted = privacy.sees_confidential(user, area)
    if trusted:
        return rows
    letters = confidential_letters()
    out = []
    for row in rows:
        row = copy(row)
        row.cells = [
            copy(cell)
            for cell in row.cells
            if not cell.key or not cell_is_confidential(row.indicator, cell.key, letters=letters)
        ]
        for cell in row.cells:
            if cell.source == Value.Source.TYPED:
                continue
            for name in ("value", "now"):
                setattr(
                    cell,
                    name,
                    shown_value(
                        getattr(cell, name),
                        indicator=row.indicator,
                        key=cell.key,
                        area=area,
                        trusted=False,
                        letters=letters,
                    ),
                )
        out.append(row)
    return out
