"""Build a synthetic district or province of children, deterministically (for benchmarks and demos).

    python manage.py generate_children --communes 150 --villages-per-commune 8 \
        --children-per-commune 1334 --seed 7

Areas get codes ``S<seed>…`` and names marked "tổng hợp"; running again with the same arguments
creates nothing new (communes that already have children are skipped), so a build can be resumed.
"""

import time
from datetime import date

from django.core.management.base import BaseCommand, CommandError

from accounts.models import Area
from children.synthetic import generate_province


class Command(BaseCommand):
    help = "Generate a synthetic province (or districts under --into) of plausible children. Deterministic."

    def add_arguments(self, parser):
        parser.add_argument("--communes", type=int, required=True)
        parser.add_argument("--villages-per-commune", type=int, default=8)
        parser.add_argument("--children-per-commune", type=int, default=1300)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument(
            "--into", metavar="AREA_CODE", help="Put the communes under this existing province or district."
        )
        parser.add_argument("--on", default="2022-11-01", help="Reference day (YYYY-MM-DD) for ages, cards, support.")

    def handle(self, *args, communes, villages_per_commune, children_per_commune, seed, into, on, **options):
        if communes < 1 or villages_per_commune < 1 or children_per_commune < 0:
            raise CommandError("--communes and --villages-per-commune must be at least 1.")
        try:
            day = date.fromisoformat(on)
        except ValueError:
            raise CommandError("--on must be a date written YYYY-MM-DD.") from None
        parent = None
        if into:
            parent = Area.objects.filter(code=into, kind__in=[Area.Kind.PROVINCE, Area.Kind.DISTRICT]).first()
            if parent is None:
                raise CommandError(f"No province or district with code {into!r}.")
        started = time.perf_counter()
        verbose = options.get("verbosity", 1) > 1

        def progress(done, total, counts):
            if verbose or done == total or done % 10 == 0:
                self.stdout.write(f"  {done}/{total} communes, {counts.children:,} children")

        counts = generate_province(
            communes=communes,
            villages_per_commune=villages_per_commune,
            children_per_commune=children_per_commune,
            seed=seed,
            on=day,
            parent=parent,
            progress=progress,
        )
        self.stdout.write(
            self.style.SUCCESS(
                f"Created {counts.children:,} children, {counts.guardians:,} guardians, {counts.cards:,} cards, "
                f"{counts.circumstances:,} circumstances, {counts.supports:,} supports "
                f"in {time.perf_counter() - started:.1f} s."
            )
        )
