"""The reports panel of the home page: upcoming and overdue reports for whoever must make,
approve or review them."""

from django.utils import timezone

from accounts import scope

from . import selectors as sel

LIMIT = 8


def panels(request) -> list[dict]:
    if not scope.has_perm(request.user, "reports.view"):
        return []
    items = sel.due_for(request.user, timezone.localdate())
    items.sort(key=lambda i: (not i.overdue, i.period.deadline))
    return [
        {
            "order": 60,
            "template": "reporting/_home_panel.html",
            "items": items[:LIMIT],
            "more": max(0, len(items) - LIMIT),
        }
    ]
