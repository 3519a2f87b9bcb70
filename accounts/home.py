"""The account panel of the home page."""

from . import scope


def panels(request) -> list[dict]:
    ms = scope.memberships(request.user)
    return [
        {
            "order": 900,
            "template": "accounts/_home_panel.html",
            "memberships": ms,
            "is_district": any(m.role == m.Role.DISTRICT for m in ms),
        }
    ]
