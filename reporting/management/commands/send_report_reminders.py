"""E-mail the people who must report: some days before the deadline, and when overdue.

Run daily by cron: ``python manage.py send_report_reminders [--days 3] [--overdue-every 7] [--on YYYY-MM-DD]``.
Each reminder (period, area, kind, day) is sent once; a second run the same day sends nothing.
"""

import datetime as dt

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from reporting.services import reminders_send


class Command(BaseCommand):
    help = "E-mail reminders for reports due soon or overdue (Django's mail settings; console in development)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--days", type=int, default=3, help="Remind this many days before the deadline (default 3)."
        )
        parser.add_argument(
            "--overdue-every",
            type=int,
            default=7,
            help="Remind overdue reporters every N days after the deadline (default 7).",
        )
        parser.add_argument("--on", help="Act as if today were this date (YYYY-MM-DD); for tests and catch-up runs.")

    def handle(self, *args, days, overdue_every, on=None, **options):
        if days < 0 or overdue_every < 1:
            raise CommandError("--days must be 0 or more and --overdue-every 1 or more.")
        try:
            day = dt.date.fromisoformat(on) if on else timezone.localdate()
        except ValueError as exc:
            raise CommandError("--on must be a date YYYY-MM-DD.") from exc
        sent = reminders_send(on=day, days_before=days, overdue_every=overdue_every)
        self.stdout.write(f"{len(sent)} reminders sent ({sum(r.recipients for r in sent)} recipients).")
