"""The allowance panel of the home page: this month's list of the user's commune (or village) — how many
children, how much, paid or not — for those who read allowance lists; the proposals waiting for the officer."""

from functools import partial

from django.utils import timezone

from accounts import scope
from core import memo

from . import selectors, services

MAX_AREAS = 3


def _proposal_count(commune, today) -> int:
    return len(services.proposals(commune, on=today))


def panels(request) -> list[dict]:
    user = request.user
    if not scope.has_perm(user, selectors.VIEW) or scope.has_perm(user, "reports.review"):
        return []  # the district office reads the lists from the menu, not on its home page
    today = timezone.localdate()
    month = services.month_of(today)
    readable = [a for a in selectors.list_areas(user) if a.is_valid_on(today)]  # a merged commune is history
    ids = {area.pk for area in readable}
    areas = [a for a in readable if a.parent_id not in ids]  # the topmost areas (read once, not once per area)
    # An area's list and a commune's proposals are the same for everyone who reads them: computed once
    # until the data changes (core.memo), whoever opens a home page first.
    lists = [
        memo.remember(("allowances.monthly_list", area.pk, month), partial(services.monthly_list, area, month))
        for area in areas[:MAX_AREAS]
    ]
    proposals = 0
    if scope.has_perm(user, "allowances.edit"):
        communes = scope.areas_for(user, "allowances.edit").filter(kind="commune")[:MAX_AREAS]
        proposals = sum(
            memo.remember(("allowances.proposals", c.pk, today), partial(_proposal_count, c, today)) for c in communes
        )
    return [{"order": 25, "template": "allowances/_home_panel.html", "lists": lists, "month": month,
             "proposals": proposals}]  # fmt: skip
