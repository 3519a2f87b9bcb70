"""The plan's figures: events, gifts, trainings and the child-friendly assessment. Every count the
plan, the reports and the dashboards show about them comes from one function here (README, "Figures").

Events belong to a commune's plan; the figures of a village are those of its commune's events.
"""

from datetime import date

from django.db.models import Q, QuerySet, Sum

from accounts.models import Area, Membership
from funds.models import Entry

from .models import Event, GiftRecipient, Training


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
