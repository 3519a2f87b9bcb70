"""The protection-case panel of the home page: only for those who may read case files."""

from django.db.models import Q
from django.utils import timezone

from accounts import scope

from . import figures, selectors
from .models import Stage

PANEL_ROWS = 8


def panels(request) -> list[dict]:
    user = request.user
    if not scope.has_perm(user, "cases.view"):
        return []  # no case text, nor a hint of one, for anyone else
    now = timezone.now()
    cases = selectors.cases_visible_to(user).exclude(stage=Stage.CLOSED)
    # Current work first: cases reported this year or last; older open cases are history a click away
    # (the overdue list), not four-year-old "overdue" items on top of the page.
    is_recent = Q(reported_at__year__gte=timezone.localdate().year - 1)
    recent = cases.filter(is_recent)
    late = recent.filter(selectors.overdue_q(now))
    counts = figures.open_case_counts(cases, recent=is_recent, overdue=selectors.overdue_q(now))
    return [
        {
            "order": 20,
            "template": "cases/_home_panel.html",
            "open_count": counts["open"],
            "overdue_count": counts["overdue"],
            "older_count": counts["open"] - counts["recent"],
            "overdue": list(late.order_by("-reported_at")[:PANEL_ROWS]),
            "mine": list(recent.filter(officer=user).order_by("-reported_at")[:PANEL_ROWS]),
            "can_open": scope.has_perm(user, "cases.edit"),
            "can_calendar": scope.has_perm(user, "cases.calendar_edit"),
            # the home page remembers this panel (core.memo) until the next case turns overdue
            "until": selectors.next_overdue_at(recent, now),
        }
    ]
