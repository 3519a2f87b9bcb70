"""Figures the plan owns: counts from the Children's Forum rosters and the training log.

Each figure is one function returning ``(numerator, denominator)`` for a commune (or one of its
villages) over a span of days; the plan's targets and anyone else who needs the number look it up
here rather than counting again. Children are counted from the registry as of the span's last day
(active, under 16), so a share never exceeds what the registry holds.
"""

from __future__ import annotations

from datetime import date

from django.db.models import Sum

from accounts.models import Area
from children.models import Child

from .models import ForumParticipant, Training

PARTICIPATION_AGE = 11


def _commune(area: Area) -> Area:
    return area if area.kind == Area.Kind.COMMUNE else area.ancestor_of_kind(Area.Kind.COMMUNE)


def children_11_in_participation(area: Area, *, start: date, end: date) -> tuple[int, int]:
    """Children aged 11 or more who took part in a participation model, over all children aged 11–15.

    * Numerator: children of ``area`` in the registry on ``end``, aged 11–15 that day, who are on the
      roster of a Children's Forum of a plan of their commune held between ``start`` and ``end``
      (each child counted once, however many forums).
    * Denominator: children of ``area`` in the registry on ``end``, aged 11–15 that day.

    The seed's target: "Tỷ lệ trẻ em từ 11 tuổi trở lên được tham gia vào các mô hình, hoạt động
    thúc đẩy quyền tham gia của trẻ em đạt 30%". Only the forum has rosters in the portal; clubs
    without a roster are not counted.
    """
    eligible = Child.objects.active(end).filter(village__path__startswith=area.path).aged(PARTICIPATION_AGE, 15, end)
    on_roster = ForumParticipant.objects.filter(
        forum__plan__commune=_commune(area), forum__date__range=(start, end)
    ).values("child_id")
    return eligible.filter(pk__in=on_roster).count(), eligible.count()


def children_reached_by_injury_training(area: Area, *, start: date, end: date) -> tuple[int, int]:
    """Children reached by injury and drowning prevention and swimming sessions, over all children.

    * Numerator: the children reached, as recorded in the training log of the commune, by sessions of
      kind "children taught injury and drowning prevention" or "swimming lessons for children" held
      between ``start`` and ``end`` — the sum over sessions, capped at the denominator (a child at two
      sessions is counted twice: sessions record how many children came, not who).
    * Denominator: children of the commune in the registry on ``end`` (under 16).

    The seed's target: "Phấn đấu 90% trẻ em trong và ngoài trường học được hướng dẫn và biết kỹ năng
    phòng, chống tai nạn, thương tích, đặc biệt là phòng, chống tai nạn đuối nước; tăng tỷ lệ trẻ em
    được học bơi…". The log is kept per commune, so a village has no figure of its own.
    """
    commune = _commune(area)
    children = Child.objects.active(end).filter(village__path__startswith=commune.path).count()
    reached = (
        Training.objects.filter(commune=commune, kind__in=Training.CHILDREN_KINDS, date__range=(start, end)).aggregate(
            n=Sum("children_reached")
        )["n"]
        or 0
    )
    return min(reached, children), children
