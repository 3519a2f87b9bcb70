import os
from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from accounts.demo import DEMO_PASSWORD, print_logins
from accounts.models import REFORM_DATE, Area
from children.allowances import demo as allowance_demo
from children.allowances.services import month_of
from reporting import reform_demo
from ytich.current_year import seed_current_year


class Command(BaseCommand):
    help = "Load the synthetic Y Tịch demo (areas, units, one user per role, and each app's demo data). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when the database already has areas.")
        parser.add_argument(
            "--address",
            default=None,
            help="HOST:PORT the server will answer on, printed with the demo logins. Default: the HOST and PORT "
            "variables as `make run HOST=… PORT=…` passes them (127.0.0.1:8000 without them).",
        )

    def handle(self, *args, if_empty=False, address=None, **options):
        # make hands the variables given on its command line (and those from the environment) to
        # the recipe's environment, so these are the HOST and PORT runserver is started with.
        address = address or f"{os.environ.get('HOST') or '127.0.0.1'}:{os.environ.get('PORT') or '8000'}"
        if not (settings.DEBUG or settings.TESTING):
            raise CommandError("seed_demo refuses to run with production settings (set DJANGO_DEBUG=1 for a demo).")
        if if_empty and Area.objects.exists():
            self.stdout.write("The database already has data; demo not loaded.")
            print_logins(address)
            return
        with transaction.atomic():
            context: dict = {}
            for app in settings.PORTAL_APPS:
                try:
                    module = import_module(f"{app}.demo")
                except ModuleNotFoundError as exc:
                    if exc.name != f"{app}.demo":
                        raise
                    continue
                context.update(module.seed(context=context, stdout=self.stdout) or {})
                if connection.vendor == "postgresql":
                    # the rows just written are the next app's figures: tell the planner their sizes
                    with connection.cursor() as cursor:
                        cursor.execute("ANALYZE")
            # after the 2022 history: the 2025 reform (Y Tịch and Hòa Bình merge under the province)
            context.update(reform_demo.seed(context=context, stdout=self.stdout))
            # 2022 stays as the history; the current year is computed from today, in the merged commune.
            seed_current_year(context["merged_commune"], timezone.localdate(), stdout=self.stdout)
            # the allowance lists since the reform are the merged commune's, paid up to last month
            paid = allowance_demo.pay_months(
                context["merged_commune"], month_of(REFORM_DATE), allowance_demo.last_month()
            )  # fmt: skip
            self.stdout.write(f"  allowances: {paid} monthly lists of {context['merged_commune'].name} paid")
        self.stdout.write(self.style.SUCCESS(f"Demo ready. Every demo user's password is {DEMO_PASSWORD!r}."))
        print_logins(address)
