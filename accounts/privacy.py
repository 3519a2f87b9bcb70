"""Need-to-know: who may see confidential facts about a child, and how small numbers are shown.

Two rules, each decided here only (every page, export, PDF and API response asks these functions):

* **Confidential facts** — special-circumstance groups marked confidential in the reference data
  (violence, exploitation, sexual abuse, trafficking, HIV, conflict with the law, drugs; see
  ``children.CircumstanceGroup.confidential``) and anything derived from a protection case — are seen
  only by holders of ``cases.view`` in the child's area (``sees_confidential``). Others see nothing that
  reveals them: not the group, not a filter on it, not a badge.
* **Small numbers** — outside ``cases.view``, a figure about a confidential group is shown as "< 3"
  when it is 0, 1 or 2 (so that "none" and "one child" cannot be told apart), and any other count of
  1 or 2 in a table of villages is shown as "< 3" (``disclose``). Larger numbers and totals of
  communes and districts are shown as they are; totals are always added up from the true numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from . import scope
from .models import Area

SMALL_NUMBER_LIMIT = 3  # counts below this are masked where the rules above say so
CONFIDENTIAL_PERM = "cases.view"


@dataclass(frozen=True)
class Masked:
    """A figure withheld by the small-number rule; prints as "< 3" on screen, in Excel and in PDF."""

    limit: int = SMALL_NUMBER_LIMIT

    def __str__(self) -> str:
        return f"< {self.limit}"

    def __bool__(self) -> bool:  # a masked figure is never "empty" in a template's {% if %}
        return True


MASKED = Masked()
MASKED_LABEL = _("fewer than 3 (withheld to protect the children's privacy)")


def sees_confidential(user, area: Area | None) -> bool:
    """Whether ``user`` may see confidential facts about children of ``area`` (holds ``cases.view`` there)."""
    return scope.can(user, CONFIDENTIAL_PERM, area)


def confidential_areas(user):
    """The areas where ``user`` sees confidential facts (for filtering querysets in one statement)."""
    return scope.areas_for(user, CONFIDENTIAL_PERM)


def disclose(value, *, confidential: bool = False, village_level: bool = False, trusted: bool = False):
    """``value`` as it may be shown: the number itself, or ``MASKED`` ("< 3").

    ``confidential``: the figure is about a confidential group (or cases of such a kind);
    ``village_level``: the figure is one cell of a table of villages (or of one village);
    ``trusted``: the viewer holds ``cases.view`` for the area (see ``sees_confidential``).
    ``None`` (no figure) stays ``None``.
    """
    if trusted or value is None or isinstance(value, Masked):
        return value
    if not isinstance(value, int):
        return value
    if confidential and value < SMALL_NUMBER_LIMIT:
        return MASKED
    if village_level and 0 < value < SMALL_NUMBER_LIMIT:
        return MASKED
    return value


def disclose_for(user, area: Area, value, *, confidential: bool = False):
    """``disclose`` for one area as seen by ``user``: a village's figures count as village level."""
    return disclose(
        value,
        confidential=confidential,
        village_level=area.kind == Area.Kind.VILLAGE,
        trusted=sees_confidential(user, area),
    )
