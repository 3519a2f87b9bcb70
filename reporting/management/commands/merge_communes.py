"""Merge communes into one on a day, or move villages to another commune (the 2025 reform).

``python manage.py merge_communes YT HB --into VL --name "Vạn Linh" --parent 20 --on 2025-07-01 [--dry-run]``
creates the commune ``VL`` under the province ``20`` (or uses it when it exists) and moves the villages,
children, open cases, fund balances, open tasks and memberships of ``YT`` and ``HB`` to it from the day
on; ``--village YT03 --into VL --on …`` moves one village alone. See ``reporting.reform``.
"""

import datetime as dt

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Area, User
from reporting.reform import merge_communes


class Command(BaseCommand):
    help = "Merge communes into one on a day (or move villages alone); --dry-run lists what will move."

    def add_arguments(self, parser):
        parser.add_argument("communes", nargs="*", help="Codes of the communes to merge.")
        parser.add_argument("--into", required=True, help="Code of the receiving commune (new or existing).")
        parser.add_argument("--on", required=True, help="The first day of the new commune (YYYY-MM-DD).")
        parser.add_argument("--name", default="", help="Name of the new commune (when it does not exist yet).")
        parser.add_argument("--parent", default="", help="Code of the province of the new commune.")
        parser.add_argument("--village", action="append", default=[], help="Move only this village (repeatable).")
        parser.add_argument("--user", default="", help="User name recorded as having made the change.")
        parser.add_argument("--dry-run", action="store_true", help="List what would move; change nothing.")

    def handle(self, *args, communes, into, on, name, parent, village, user, dry_run, **options):
        try:
            day = dt.date.fromisoformat(on)
        except ValueError as exc:
            raise CommandError("--on must be a date YYYY-MM-DD.") from exc
        sources = [self._area(code) for code in communes]
        villages = [self._area(code) for code in village] or None
        target = Area.objects.filter(code=into).first()
        acting = User.objects.filter(username=user).first() if user else None
        if user and acting is None:
            raise CommandError(f"No user {user!r}.")
        try:
            move = merge_communes(
                sources, target, day, dry_run, target_code=into, target_name=name,
                parent=self._area(parent) if parent else None, villages=villages, user=acting,
            )  # fmt: skip
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(("Dry run — nothing changed:" if dry_run else "Done:") + "\n")
        for line in move.lines:
            self.stdout.write(f"  {line}\n")

    def _area(self, code: str) -> Area:
        area = Area.objects.filter(code=code).first()
        if area is None:
            raise CommandError(f"No area with the code {code!r}.")
        return area
