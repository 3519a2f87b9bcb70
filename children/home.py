"""The registry panel of the home page."""

from django.utils import timezone

from accounts import scope

from .models import Child
from .selectors import dashboard_areas


def panels(request) -> list[dict]:
    user = request.user
    if not scope.has_perm(user, "registry.aggregate") or not dashboard_areas(user).exists():
        return []
    active = scope.scoped(Child.objects.all(), user, "registry.aggregate", "village").active(timezone.localdate())
    return [
        {
            "order": 100,
            "template": "children/_home_panel.html",
            "active": active.count(),
            "can_view": scope.has_perm(user, "registry.view"),
            "can_register": scope.has_perm(user, "registry.edit"),
        }
    ]
