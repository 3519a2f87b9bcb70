"""The case workflow of Decree 56/2017 as data: which stage the steps done lead to, and what may
be done next. Pure functions (no queries), so the rules are tested on their own.

received → verified → initial risk assessment (12 h) → detailed assessment → plan submitted →
approved by the chairman (7 working days) or returned → carried out (services given) → periodic
reviews → closed (child safe and stable) or a new plan.
"""

from dataclasses import dataclass
from datetime import date, datetime

from django.utils.translation import gettext_lazy as _

from core.workflow import Action, Workflow

from .models import CaseStep, Stage

K = CaseStep.Kind


def _a(name, label, sources, target, perm, **kw) -> Action:
    return Action(name, label, frozenset(sources), target, (perm,), **kw)


# The case as a table (core.workflow): the stage in which each action may be taken, where it leads
# (the main outcome) and who takes it. ``decide`` also returns the plan to planning; ``review`` may
# lead to a new plan; both are the chairman's and the officer's way forward.
CASE = Workflow(
    name="case",
    states=dict(Stage.choices),
    final=frozenset({Stage.CLOSED}),
    actions=[
        _a("verify", _("Verify the report"), {Stage.VERIFICATION}, Stage.INITIAL_ASSESSMENT, "cases.edit"),
        _a(
            "initial", _("Initial risk assessment"), {Stage.INITIAL_ASSESSMENT}, Stage.DETAILED_ASSESSMENT, "cases.edit"
        ),
        _a("detailed", _("Detailed assessment"), {Stage.DETAILED_ASSESSMENT}, Stage.PLANNING, "cases.edit"),
        _a("plan", _("Submit the support plan"), {Stage.PLANNING}, Stage.APPROVAL, "cases.edit"),
        _a("decide", _("Approve or return the plan"), {Stage.APPROVAL}, Stage.CARRYING_OUT, "cases.approve"),
        _a(
            "service",
            _("Record a service given"),
            {Stage.CARRYING_OUT},
            Stage.CARRYING_OUT,
            "cases.edit",
            forward=False,
        ),
        _a("review", _("Review the plan"), {Stage.CARRYING_OUT}, Stage.CARRYING_OUT, "cases.edit", forward=False),
        _a("close", _("Close the case"), {s for s in Stage if s != Stage.CLOSED}, Stage.CLOSED, "cases.edit"),
    ],
)

# The stage in which each action may be taken (from the table).
ACTION_STAGES: dict[str, set[str]] = {a.name: set(a.sources) for a in CASE.actions}


@dataclass
class Derived:
    stage: str
    is_emergency: bool
    initial_assessed_at: datetime | None
    next_review_on: date | None
    closed_at: datetime | None
    confirmed: bool


def derive(steps: list[CaseStep], approved_plan_first_review: date | None = None) -> Derived:
    """The stage and its companions from the steps done, in the order they were done.

    ``approved_plan_first_review`` is the first review date of the plan in force, used until a
    review sets the next one.
    """
    stage = Stage.VERIFICATION
    emergency = False
    initial_at = closed_at = None
    next_review = None
    confirmed = False
    for step in steps:
        kind = step.kind
        if kind == K.RECEIVED:
            stage = Stage.VERIFICATION
        elif kind == K.VERIFIED:
            confirmed = bool(step.confirmed)
            stage = Stage.INITIAL_ASSESSMENT if step.confirmed else Stage.UNCONFIRMED
        elif kind == K.INITIAL_ASSESSMENT:
            initial_at = initial_at or step.done_at
            emergency = emergency or step.is_emergency
            stage = Stage.DETAILED_ASSESSMENT
        elif kind == K.DETAILED_ASSESSMENT:
            emergency = emergency or step.is_emergency
            stage = Stage.PLANNING
        elif kind == K.PLAN_SUBMITTED:
            stage = Stage.APPROVAL
        elif kind == K.PLAN_RETURNED:
            stage = Stage.PLANNING
        elif kind == K.PLAN_APPROVED:
            stage = Stage.CARRYING_OUT
            next_review = approved_plan_first_review
        elif kind == K.REVIEW:
            if step.outcome == CaseStep.ReviewOutcome.REPLAN:
                stage, next_review = Stage.PLANNING, None
            else:
                next_review = step.next_review_on
        elif kind == K.CLOSED:
            stage, closed_at, next_review = Stage.CLOSED, step.done_at, None
        # service given and circumstance recorded do not move the case
    return Derived(
        stage=stage,
        is_emergency=emergency,
        initial_assessed_at=initial_at,
        next_review_on=next_review,
        closed_at=closed_at,
        confirmed=confirmed,
    )


def allowed(action: str, stage: str) -> bool:
    return stage in ACTION_STAGES[action]
