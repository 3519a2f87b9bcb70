"""The plan's figures: events, gifts, trainings, the Children's Forum rosters and the child-friendly
assessment. Every count the plan, the reports and the dashboards show about them comes from one
function here (README, "Figures").

Events belong to a commune's plan; the figures of a village are those of its commune's events.
"""

from datetime import date

from django.db.models import Q, QuerySet, Sum

from accounts.models import Area, Membership
from children import figures as child_figures
from funds.models import Entry

from .models import Event, ForumParticipant, GiftRecipient, Training


def _commune_of(area: Area) -> Area:
    return area.parent if area.kind == Area.Kind.VILLAGE and area.parent_id else area


def events(area: Area, *, start: date, end: date, kind: str) -> QuerySet[Event]:
    """Events of ``kind`` (Action Month, 1/6, Mid-Autumn, …) dated in the period, in the plans of the
    communes of ``area``."""
    return Event.objects.filter(
        plan__commune__path__startswith=_commune_of(area).path, kind=kind, date__gte=start, date__lte=end
    )


def event_participants(area: Area, *, start: date, end: date, kind: str) -> int:
    """Participants recorded on those events."""
    return int(events(area, start=start, end=end, kind=kind).aggregate(n=Sum("participants"))["n"] or 0)


def event_gift_recipients(area: Area, *, start: date, end: date, kind: str) -> int:
    """Children on the gift lists of those events."""
    return GiftRecipient.objects.filter(gift_list__event__in=events(area, start=start, end=end, kind=kind)).count()


def event_spending(area: Area, *, start: date, end: date, kind: str) -> int:
    """Posted disbursements (VND) linked to those events or their gift lists, each entry counted once,
    less the posted reversals of those entries."""
    qs = events(area, start=start, end=end, kind=kind)
    linked = Entry.objects.filter(Q(plan_events__in=qs) | Q(plan_gift_lists__event__in=qs)).values("pk")
    posted = Entry.objects.filter(status=Entry.Status.POSTED)
    paid = posted.filter(pk__in=linked, kind=Entry.Kind.DISBURSEMENT).aggregate(n=Sum("amount"))["n"] or 0
    undone = posted.filter(reverses__in=linked).aggregate(n=Sum("amount"))["n"] or 0
    return int(paid - undone)


def officers_trained_pair(commune: Area, *, start: date, end: date) -> tuple[int, int]:
    """(the commune's culture-social officers who attended a training dated in the period, those officers)."""
    officers = set(
        Membership.objects.filter(area=commune, role=Membership.Role.CULTURE_SOCIAL, is_active=True).values_list(
            "user_id", flat=True
        )
    )
    trained = set(
        Training.objects.filter(commune=commune, date__range=(start, end), attendees__in=officers).values_list(
            "attendees", flat=True
        )
    )
    return len(trained & officers), len(officers)


PARTICIPATION_AGE = 11


def children_11_in_participation(area: Area, *, start: date, end: date) -> tuple[int, int]:
    """Children aged 11 or more who took part in a participation model, over all children aged 11–15.

    * Numerator: children of ``area`` on ``end`` (``children.figures.children``), aged 11–15 that day, on the
      roster of a Children's Forum of a plan of their commune held between ``start`` and ``end``
      (each child counted once, however many forums).
    * Denominator: children of ``area`` on ``end``, aged 11–15 that day.

    The seed's target: "Tỷ lệ trẻ em từ 11 tuổi trở lên được tham gia vào các mô hình, hoạt động
    thúc đẩy quyền tham gia của trẻ em đạt 30%". Only the forum has rosters in the portal; clubs
    without a roster are not counted.
    """
    eligible = child_figures.children(area, on=end).aged(PARTICIPATION_AGE, 15, on=end)
    on_roster = ForumParticipant.objects.filter(
        forum__plan__commune=_commune_of(area), forum__date__range=(start, end)
    ).values("child_id")
    return eligible.filter(pk__in=on_roster).count(), eligible.count()


def children_reached_by_injury_training(area: Area, *, start: date, end: date) -> tuple[int, int]:
    """Children reached by injury and drowning prevention and swimming sessions, over all children.

    * Numerator: the children reached, as recorded in the training log of the commune, by sessions of
      kind "children taught injury and drowning prevention" or "swimming lessons for children" held
      between ``start`` and ``end`` — the sum over sessions, capped at the denominator (a child at two
      sessions is counted twice: sessions record how many children came, not who).
    * Denominator: children of the commune on ``end`` (``children.figures.under_16``).

    The seed's target: "Phấn đấu 90% trẻ em trong và ngoài trường học được hướng dẫn và biết kỹ năng
    phòng, chống tai nạn, thương tích, đặc biệt là phòng, chống tai nạn đuối nước; tăng tỷ lệ trẻ em
    được học bơi…". The log is kept per commune, so a village has no figure of its own.
    """
    commune = _commune_of(area)
    children = child_figures.under_16(commune, on=end)
    reached = (
        Training.objects.filter(commune=commune, kind__in=Training.CHILDREN_KINDS, date__range=(start, end)).aggregate(
            n=Sum("children_reached")
        )["n"]
        or 0
    )
    return min(reached, children), children
