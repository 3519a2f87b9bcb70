"""The life of a fund entry as a table (``core.workflow``): states, actions and who takes them.

draft ⇄ rejected → submitted → approved → posted. The chairman approves or returns a submitted
entry, and may return an approved entry that cannot be posted (a wrong date, say) to its author
with a reason; the accountant posts approved entries in date order. A posted entry is final: it is
corrected by a reversing entry, which is a new entry with the same life.
"""

from django.utils.translation import gettext_lazy as _

from accounts import scope
from core.workflow import Action, Workflow

from .models import Entry

S = Entry.Status

ENTRY = Workflow(
    name="fund_entry",
    states=dict(Entry.Status.choices),
    final=frozenset({S.POSTED}),
    actions=[
        Action("edit", _("Edit"), frozenset({S.DRAFT, S.REJECTED}), S.DRAFT, ("fund.draft",), forward=False),
        Action("submit", _("Submit for approval"), frozenset({S.DRAFT, S.REJECTED}), S.SUBMITTED, ("fund.draft",)),
        Action("approve", _("Approve"), frozenset({S.SUBMITTED}), S.APPROVED, ("fund.approve",)),
        Action(
            "reject", _("Reject and return"), frozenset({S.SUBMITTED}), S.REJECTED, ("fund.approve",), needs_reason=True
        ),
        Action(
            "return",
            _("Return to the author"),
            frozenset({S.APPROVED}),
            S.REJECTED,
            ("fund.approve",),
            needs_reason=True,
            forward=False,
        ),
        Action("post", _("Post in the cash book"), frozenset({S.APPROVED}), S.POSTED, ("fund.post",)),
    ],
)


def may(user, action: str, commune) -> bool:
    """Whether ``user`` holds a role the table gives ``action`` in ``commune``."""
    return any(scope.can(user, perm, commune) for perm in ENTRY.action(action).perms)
