"""The fund panel of the home page: balances and what waits for this user."""

from django.db.models import Q
from django.utils import timezone

from accounts import scope

from . import figures, selectors


def panels(request) -> list[dict]:
    user = request.user
    today = timezone.localdate()
    # the books of communes that still exist (a merged commune's closed books are on the fund pages)
    funds = selectors.funds_visible_to(user).filter(Q(commune__valid_to__isnull=True) | Q(commune__valid_to__gte=today))
    if scope.has_perm(user, "fund.view"):
        summaries = figures.fund_summaries(funds.order_by("commune__path", "kind")[:6])
        return [
            {
                "order": 300,
                "template": "funds/_home_panel.html",
                "summaries": summaries,
                "more": funds.count() > len(summaries),
                "may_approve": scope.has_perm(user, "fund.approve"),
                "may_post": scope.has_perm(user, "fund.post"),
            }
        ]
    public = list(selectors.public_funds_visible_to(user).filter(kind="child_protection")[:3])
    if not public:
        return []
    return [{"order": 300, "template": "funds/_home_panel_public.html", "funds": public}]
