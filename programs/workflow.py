"""The life of a plan and of an event's payment request as tables (``core.workflow``).

Plan: draft (the officer writes it, or the new-year step copies last year's) → approved by the
chairman; the chairman may reopen an approved plan to correct it.
Event payment request: the officer asks the fund for an event's costs; the request is then a fund
entry and follows the fund entry's table (``funds/workflow.py``) until it is paid (posted).
"""

from django.utils.translation import gettext_lazy as _

from accounts import scope
from core.workflow import Action, Workflow

from .models import Plan

P = Plan.Status

PLAN = Workflow(
    name="plan",
    states=dict(P.choices),
    final=frozenset({P.APPROVED}),  # the year's plan; the chairman may still reopen it to correct it
    actions=[
        Action("edit", _("Edit"), frozenset({P.DRAFT}), P.DRAFT, ("plan.edit",), forward=False),
        Action("approve", _("Approve"), frozenset({P.DRAFT}), P.APPROVED, ("plan.approve",)),
        Action("reopen", _("Reopen to correct"), frozenset({P.APPROVED}), P.DRAFT, ("plan.approve",), forward=False),
    ],
)

EVENT_PAYMENT = Workflow(
    name="event_payment",
    states={"none": _("no payment requested"), "requested": _("requested (a fund entry)"), "paid": _("paid")},
    final=frozenset({"paid"}),
    actions=[
        # an event may have several costs: more may be requested until one is paid
        Action(
            "request",
            _("Request payment from the fund"),
            frozenset({"none", "requested"}),
            "requested",
            ("fund.draft",),
        ),
        Action("pay", _("Approve and post the entry"), frozenset({"requested"}), "paid", ("fund.approve", "fund.post")),
    ],
)


def payment_state(event) -> str:
    """The event's payment request as a state of ``EVENT_PAYMENT``."""
    statuses = {e.status for e in event.entries.all()}
    if "posted" in statuses:
        return "paid"
    return "requested" if statuses - {"rejected"} else "none"


def may(user, table: Workflow, action: str, commune) -> bool:
    """Whether ``user`` holds a role the table gives ``action`` in ``commune``."""
    return any(scope.can(user, perm, commune) for perm in table.action(action).perms)


def check(table: Workflow, action: str, state: str, user, commune) -> None:
    """The table allows ``action`` in ``state`` to ``user`` (None: the system acting)."""
    from django.core.exceptions import PermissionDenied
    from django.utils.translation import gettext as _

    if user is not None and not may(user, table, action, commune):
        raise PermissionDenied(_("You do not have the right to do this."))
    table.check(action, state)
