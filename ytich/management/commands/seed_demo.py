from importlib import import_module

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from accounts.demo import DEMO_PASSWORD, print_logins
from accounts.models import Area


class Command(BaseCommand):
    help = "Load the synthetic Y Tịch demo (areas, units, one user per role, and each app's demo data). Idempotent."

    def add_arguments(self, parser):
        parser.add_argument("--if-empty", action="store_true", help="Do nothing when the database already has areas.")

    def handle(self, *args, if_empty=False, **options):
        if not (settings.DEBUG or settings.TESTING):
            raise CommandError("seed_demo refuses to run with production settings (set DJANGO_DEBUG=1 for a demo).")
        if if_empty and Area.objects.exists():
            self.stdout.write("The database already has data; demo not loaded.")
            print_logins()
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
        self.stdout.write(self.style.SUCCESS(f"Demo ready. Every demo user's password is {DEMO_PASSWORD!r}."))
        print_logins()
