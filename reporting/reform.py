"""Merging communes (or moving villages) on a day, as one recorded operation.

``merge_communes`` runs the step of each app in layer order, in one transaction: the areas, units
and memberships (``accounts.reform``), the children's residences (``children.services``), the open
protection cases (``children.cases.services``), the allowances still paid (``children.allowances``), the fund books (``funds.services``) and the open tasks
(``programs.services``); the receiving commune's reports go to the area above it on each period's
day (``reporting.selectors.receiver``), which needs no step. A dry run describes every step and
writes nothing. A run is recorded in ``accounts.Reorganisation`` and in each record's change history.
"""

from __future__ import annotations

from datetime import date

from django.db import transaction

from accounts.audit import acting_as
from accounts.models import Area, Reorganisation
from accounts.reform import Move, move_areas, plan_move
from children import services as children_services
from children.allowances import services as allowance_services
from children.cases import services as case_services
from funds import services as fund_services
from programs import services as program_services

STEPS = [
    move_areas,
    allowance_services.reform_step,  # before the children's residences move: it finds them where they were
    children_services.reform_step,
    case_services.reform_step,
    fund_services.reform_step,
    program_services.reform_step,
]


@transaction.atomic
def merge_communes(
    sources: list[Area],
    target: Area | None = None,
    on_date: date | None = None,
    dry_run: bool = True,
    *,
    target_code: str = "",
    target_name: str = "",
    parent: Area | None = None,
    villages: list[Area] | None = None,
    user=None,
) -> Move:
    """Merge ``sources`` into ``target`` (an existing commune) or a new commune (``target_code``,
    ``target_name`` under ``parent``) on ``on_date``; with ``villages``, only those villages move and
    their communes stay. Returns the ``Move`` whose ``lines`` say what moves (what moved)."""
    move = plan_move(
        sources=sources, target=target, target_code=target_code, target_name=target_name, parent=parent,
        on_date=on_date, villages=villages, user=user, dry_run=dry_run,
    )  # fmt: skip
    for step in STEPS:
        step(move)
    if not dry_run:
        record = Reorganisation(
            on_date=move.on_date,
            target=move.target,
            sources=[s.code for s in move.sources],
            villages={old.code: move.village_map[old.pk].code for old in move.villages},
            lines=move.lines,
            done_by=user if getattr(user, "pk", None) else None,
        )
        acting_as(record, user).save()
        move.record = record
    return move


def move_villages(villages: list[Area], target: Area, on_date: date, dry_run: bool = True, *, user=None) -> Move:
    """A village (or several) passing alone to another commune on ``on_date``."""
    return merge_communes([], target, on_date, dry_run, villages=villages, user=user)
