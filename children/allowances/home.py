"""The allowance panel of the home page: this month's list of the user's commune (or village) — how many
children, how much, paid or not — for those who read allowance lists; the proposals waiting for the officer."""

from django.utils import timezone

from accounts import scope

from . import selectors, services

MAX_AREAS = 3


def panels(request) -> list[dict]:
    user = request.user
    if not scope.has_perm(user, selectors.VIEW) or scope.has_perm(user, "reports.review"):
        return []  # the district office reads the lists from the menu, not on its home page
    month = services.month_of(timezone.localdate())
    rules = services.Rules()
    today = timezone.localdate()
    readable = [a for a in selectors.list_areas(user) if a.is_valid_on(today)]  # a merged commune is history
    ids = {area.pk for area in readable}
    areas = [a for a in readable if a.parent_id not in ids]  # the topmost areas (read once, not once per area)
    lists = [services.monthly_list(area, month, rules=rules) for area in areas[:MAX_AREAS]]
    proposals = 0
    if scope.has_perm(user, "allowances.edit"):
        communes = scope.areas_for(user, "allowances.edit").filter(kind="commune")[:MAX_AREAS]
        proposals = sum(len(services.proposals(c, on=timezone.localdate(), rules=rules)) for c in communes)
    return [{"order": 25, "template": "allowances/_home_panel.html", "lists": lists, "month": month,
             "proposals": proposals}]  # fmt: skip
