"""The main menu: one link per part of the portal the signed-in user may open."""

from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from accounts import scope

# (label, URL name, permission that opens the page)
SECTIONS = [
    (_("Children"), "children:list", "registry.view"),
    (_("Protection cases"), "children:cases:list", "cases.view"),
    (_("Allowances"), "children:allowances:list", "allowances.view"),
    (_("Plan"), "programs:plan_list", "plan.view"),
    (_("Fund"), "funds:index", "fund.view"),
    (_("Reports"), "reporting:index", "reports.view"),
    (_("Consolidation"), "api:consolidated", "reports.review"),
]


def main_menu(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"main_menu": []}
    return {
        "main_menu": [
            {"label": label, "url": reverse(name), "active": request.path.startswith(reverse(name))}
            for label, name, perm in SECTIONS
            if scope.has_perm(user, perm)
        ]
    }
