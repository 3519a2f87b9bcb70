"""Which cells of the indicator table are confidential (the small-number rule of ``accounts.privacy``).

A cell is confidential when it counts children of a special-circumstance group marked confidential
in the reference data (``children.CircumstanceGroup.confidential``: HIV, conflict with the law, drugs,
violence, exploitation, sexual abuse, trafficking), cases of a confidential kind
(``children.cases.models.CONFIDENTIAL_KINDS``: violence, sexual abuse, exploitation, trafficking),
or belongs to an indicator about abuse (Annex II of Circular 13/2021). Pages, exports and the API
pass the answer to ``accounts.privacy.disclose``/``disclose_for`` as ``confidential=``.
"""

from __future__ import annotations

from children.cases.models import CONFIDENTIAL_KINDS
from children.models import CircumstanceGroup

from .models import Indicator


def confidential_groups() -> frozenset[str]:
    """Letters of the confidential groups. Reference data: read once per process (once it is loaded)."""
    cached = getattr(confidential_groups, "cache", None)
    if cached is None:
        rows = dict(CircumstanceGroup.objects.values_list("letter", "confidential"))
        cached = frozenset(letter for letter, secret in rows.items() if secret)
        if rows:  # not before the reference data is there
            confidential_groups.cache = cached
    return cached


def cell_is_confidential(indicator: Indicator, key: str) -> bool:
    """Whether the figure of ``indicator`` for breakdown ``key`` ("" = total) is confidential."""
    if indicator.group == Indicator.Group.ABUSE:
        return True
    if indicator.breakdown == Indicator.Breakdown.CIRCUMSTANCE:
        return key in confidential_groups()
    if indicator.breakdown == Indicator.Breakdown.CASE_KIND:
        return key in CONFIDENTIAL_KINDS
    return False
