"""The reports panel of the home page: upcoming and overdue reports for whoever must make,
approve or review them; and, from the first day of a year, the new-year step for those who take it."""

from django.utils import timezone

from accounts import scope

from . import selectors as sel
from .newyear import offer_for

LIMIT = 8


def panels(request) -> list[dict]:
    result = []
    today = timezone.localdate()
    if scope.has_perm(request.user, "year.open"):
        states = offer_for(request.user, today)
        if states:
            result.append(
                {"order": 1, "template": "reporting/_home_new_year.html", "states": states, "year": today.year}
            )
    if not scope.has_perm(request.user, "reports.view"):
        return result
    items = sorted(sel.due_for(request.user, today), key=lambda i: (not i.overdue, i.period.deadline))
    result.append(
        {
            "order": 60,
            "template": "reporting/_home_panel.html",
            "items": items[:LIMIT],
            "more": max(0, len(items) - LIMIT),
        }
    )
    return result
