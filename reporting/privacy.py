"""Which cells of the indicator table are confidential (the small-number rule of ``accounts.privacy``).

A cell is confidential when it counts children of a confidential special-circumstance group
(HIV, conflict with the law, drugs, violence, exploitation, sexual abuse, trafficking), cases of
a confidential kind (violence, sexual abuse, exploitation, trafficking), or belongs to an
indicator about abuse (Annex II of Circular 13/2021). Pages, exports and the API pass the answer
to ``accounts.privacy.disclose``/``disclose_for`` as ``confidential=``.
"""

from __future__ import annotations

from .models import Indicator

# Art. 10 groups whose membership reveals a confidential fact: đ HIV/AIDS, e conflict with the law,
# g drugs, i violence, k exploitation, l sexual abuse, m trafficking (accounts.privacy).
CONFIDENTIAL_GROUPS = frozenset({"đ", "e", "g", "i", "k", "l", "m"})
# Kinds of protection case whose count, when small, points at a child.
CONFIDENTIAL_CASE_KINDS = frozenset({"violence", "sexual_abuse", "exploitation", "trafficking"})


def cell_is_confidential(indicator: Indicator, key: str) -> bool:
    """Whether the figure of ``indicator`` for breakdown ``key`` ("" = total) is confidential."""
    if indicator.group == Indicator.Group.ABUSE:
        return True
    if indicator.breakdown == Indicator.Breakdown.CIRCUMSTANCE:
        return key in CONFIDENTIAL_GROUPS
    if indicator.breakdown == Indicator.Breakdown.CASE_KIND:
        return key in CONFIDENTIAL_CASE_KINDS
    return False
