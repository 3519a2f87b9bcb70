"""Home-page panels of the plan: "my tasks" for a unit, and the current plan with its targets."""

from django.utils import timezone

from accounts import scope

from . import selectors


def panels(request) -> list[dict]:
    user = request.user
    if not scope.has_perm(user, "plan.view"):
        return []
    today = timezone.localdate()
    out = []
    plan = selectors.plans_visible_to(user).order_by("-year", "commune__name").first()
    if plan is not None:
        measures = selectors.plan_targets_with_measures(plan, on=today, user=request.user)
        out.append(
            {
                "order": 300,
                "template": "programs/_home_plan.html",
                "plan": plan,
                "targets": [(t, m, m.progress(t)) for t, m in measures if t.is_automatic][:6],
                "reached": sum(1 for t, m in measures if m.reached(t)),
                "total": len(measures),
                "can_sites": True,
            }
        )
    if scope.units_of(user, "plan.task_update"):
        tasks = list(selectors.my_assignments(user)[:50])
        open_tasks = [a for a in tasks if a.status != a.Status.DONE]
        for a in open_tasks:
            a.shown = a.shown_status(today)
        out.append(
            {
                "order": 250,
                "template": "programs/_home_tasks.html",
                "tasks": open_tasks[:6],
                "open": len(open_tasks),
                "late": sum(1 for a in open_tasks if a.is_late(today)),
                "total": len(tasks),
            }
        )
    return out
