"""The life of a report as tables (``core.workflow``): village reports and commune reports.

Village report: draft ⇄ returned → submitted → accepted by the commune (reopened with a reason).
Commune report: draft ⇄ returned → approved by the chairman → submitted → accepted by the district.
An approved report is not edited: the approval is withdrawn first, explicitly, with a reason.
"""

from django.utils.translation import gettext_lazy as _

from accounts import scope
from accounts.models import Area
from core.workflow import Action, Workflow

from .models import Submission

S = Submission.Status
EDITABLE = frozenset({S.DRAFT, S.RETURNED})

VILLAGE_REPORT = Workflow(
    name="village_report",
    states={s: label for s, label in S.choices if s != S.APPROVED},
    final=frozenset({S.ACCEPTED}),
    actions=[
        Action("edit", _("Save draft"), EDITABLE, S.DRAFT, ("reports.village_submit",), forward=False),
        Action("submit", _("Submit"), EDITABLE, S.SUBMITTED, ("reports.village_submit",)),
        Action("accept", _("Accept"), frozenset({S.SUBMITTED}), S.ACCEPTED, ("reports.commune_edit",)),
        Action(
            "return",
            _("Return with comments"),
            frozenset({S.SUBMITTED}),
            S.RETURNED,
            ("reports.commune_edit",),
            needs_reason=True,
        ),
        Action(
            "reopen",
            _("Reopen"),
            frozenset({S.ACCEPTED}),
            S.RETURNED,
            ("reports.commune_edit",),
            needs_reason=True,
            forward=False,
        ),
    ],
)

COMMUNE_REPORT = Workflow(
    name="commune_report",
    states=dict(S.choices),
    final=frozenset({S.ACCEPTED}),
    actions=[
        Action("edit", _("Save draft"), EDITABLE, S.DRAFT, ("reports.commune_edit",), forward=False),
        Action("approve", _("Approve"), EDITABLE, S.APPROVED, ("reports.approve",)),
        Action(
            "withdraw",
            _("Withdraw the approval"),
            frozenset({S.APPROVED}),
            S.DRAFT,
            ("reports.approve", "reports.commune_edit"),
            needs_reason=True,
            forward=False,
        ),
        Action("submit", _("Send to the area above"), frozenset({S.APPROVED}), S.SUBMITTED, ("reports.commune_edit",)),
        Action("accept", _("Accept"), frozenset({S.SUBMITTED}), S.ACCEPTED, ("reports.review",)),
        Action(
            "return",
            _("Return with comments"),
            frozenset({S.SUBMITTED}),
            S.RETURNED,
            ("reports.review",),
            needs_reason=True,
        ),
        Action(
            "reopen",
            _("Reopen"),
            frozenset({S.ACCEPTED}),
            S.RETURNED,
            ("reports.review",),
            needs_reason=True,
            forward=False,
        ),
    ],
)


def table_for(report_type) -> Workflow:
    return VILLAGE_REPORT if report_type.from_kind == Area.Kind.VILLAGE else COMMUNE_REPORT


def may(user, submission: Submission, action: str) -> bool:
    """Whether ``user`` holds a role the table gives ``action``: the makers' and the approver's rights
    hold in the reporting area, the reviewer's in the receiving area."""
    period = submission.period
    act = table_for(period.report_type).action(action)
    area = period.area if action in {"accept", "return", "reopen"} else submission.area
    return any(scope.can(user, perm, area) for perm in act.perms)
