"""The protection-case panel of the home page: only for those who may read case files."""

from django.utils import timezone

from accounts import scope

from . import selectors
from .models import Stage

PANEL_ROWS = 8


def panels(request) -> list[dict]:
    user = request.user
    if not scope.has_perm(user, "cases.view"):
        return []  # no case text, nor a hint of one, for anyone else
    now = timezone.now()
    cases = selectors.cases_visible_to(user).exclude(stage=Stage.CLOSED)
    # The newest first: this year's clocks before old cases still open.
    overdue = list(cases.filter(selectors.overdue_q(now)).order_by("-reported_at")[:PANEL_ROWS])
    return [
        {
            "order": 20,
            "template": "cases/_home_panel.html",
            "open_count": cases.count(),
            "overdue_count": cases.filter(selectors.overdue_q(now)).count(),
            "overdue": overdue,
            "mine": list(cases.filter(officer=user).order_by("-reported_at")[:PANEL_ROWS]),
            "can_open": scope.has_perm(user, "cases.edit"),
            "can_calendar": scope.has_perm(user, "cases.calendar_edit"),
        }
    ]
