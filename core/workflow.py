"""A workflow as a table: its states, the actions that move an object from one state to another and
the permissions (hence the roles, through ``accounts.scope.PERMISSIONS``) that may take each action.

Each app writes its tables next to its models (``funds/workflow.py``, ``reporting/workflow.py``, …)
and its services ask the table before acting (``table.check(action, state)``), so the table is the
one statement of who may do what and when. ``core`` imports no app: the roles are resolved by the
caller, who passes the permission table.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _


@dataclass(frozen=True)
class Action:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    perms: tuple[str, ...]  # the permissions that grant the action (roles: scope.PERMISSIONS[perm])
    needs_reason: bool = False
    # forward: moves the object towards its end (a "way forward"); a return, a withdrawal or a
    # reopening is an action too but does not count as progress in the no-dead-end rule.
    forward: bool = True


@dataclass
class Workflow:
    name: str
    states: dict[str, str]  # state → label
    final: frozenset[str]
    actions: list[Action] = field(default_factory=list)

    def __post_init__(self):
        for action in self.actions:
            unknown = (set(action.sources) | {action.target}) - set(self.states)
            if unknown:
                raise ValueError(f"{self.name}.{action.name}: unknown states {sorted(unknown)}")

    def action(self, name: str) -> Action:
        for action in self.actions:
            if action.name == name:
                return action
        raise KeyError(f"{self.name} has no action {name!r}")

    def from_state(self, state: str) -> list[Action]:
        return [a for a in self.actions if state in a.sources]

    def check(self, name: str, state: str) -> Action:
        """The action, or a ValidationError saying it cannot be taken in ``state``."""
        action = self.action(name)
        if state not in action.sources:
            raise ValidationError(
                _("“%(action)s” cannot be done while it is %(state)s.")
                % {"action": action.label, "state": self.states.get(state, state)}
            )
        return action

    def roles(self, name: str, permissions: dict[str, frozenset[str]]) -> frozenset[str]:
        return frozenset().union(*(permissions[p] for p in self.action(name).perms))

    def rows(self, permissions: dict[str, frozenset[str]]) -> list[dict]:
        """The table as rows for the README and the help page: from, action, to, roles."""
        return [
            {
                "from": [self.states[s] for s in sorted(a.sources)],
                "action": a.label,
                "to": self.states[a.target],
                "roles": sorted(self.roles(a.name, permissions)),
            }
            for a in self.actions
        ]
