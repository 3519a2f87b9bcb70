"""The registry panel of the home page: counts, and links to the pages this user may open."""

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from accounts import scope

from . import figures, reported
from .selectors import dashboard_areas, home_count

# (URL name, label, permission held somewhere)
LINKS = [
    ("children:list", _("Search the registry"), "registry.view"),
    ("children:register", _("Register a child"), "registry.edit"),
    ("children:lists", _("Officers' lists"), "registry.view"),
    ("children:import", _("Import children from Excel"), "registry.edit"),
    ("children:dashboard", _("Figures and charts"), "registry.aggregate"),
    ("children:reported_list", _("Children reported by villages"), "registry.report"),
    ("children:reported_list", _("Children reported by villages"), "registry.confirm"),
]


def _links(user) -> list[tuple[str, str]]:
    links = [(reverse(name), label) for name, label, perm in LINKS if scope.has_perm(user, perm)]
    return list(dict.fromkeys(links))  # one link when a user holds both permissions


def panels(request) -> list[dict]:
    user = request.user
    if not scope.has_perm(user, "registry.aggregate") or not dashboard_areas(user).exists():
        return []
    return [
        {
            "order": 100,
            "template": "children/_home_panel.html",
            "active": home_count(user, on=timezone.localdate()),
            "links": _links(user),
            "reported_waiting": (
                figures.reported_waiting(reported.confirmable(user))
                if scope.has_perm(user, "registry.confirm")
                else None
            ),
        }
    ]
