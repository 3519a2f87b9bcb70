from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from accounts.models import Area, User
from reporting.newyear import open_year


class Command(BaseCommand):
    help = (
        "Open a year for a commune: the year in each fund book (balance carried), the year's reporting "
        "periods from the calendar rules, and the year's plan drafted from last year's. Idempotent."
    )

    def add_arguments(self, parser):
        parser.add_argument("year", type=int)
        parser.add_argument("--commune", required=True, help="The commune's area code, e.g. YT.")
        parser.add_argument("--user", default="", help="Username recorded as the one who opened the year.")

    def handle(self, *args, year, commune, user="", **options):
        area = Area.objects.filter(code=commune, kind=Area.Kind.COMMUNE).first()
        if area is None:
            raise CommandError(f"No commune with code {commune!r}.")
        actor = None
        if user:
            actor = User.objects.filter(username=user).first()
            if actor is None:
                raise CommandError(f"No user {user!r}.")
        try:
            done = open_year(commune=area, year=year, user=actor)
        except ValidationError as exc:
            raise CommandError(" ".join(exc.messages)) from exc
        self.stdout.write(
            f"{area.name} {year}: {len(done['fund_years'])} fund years opened, "
            f"{len(done['periods'])} reporting periods created, "
            f"plan {'drafted from ' + str(done['plan'].copied_from.year) if done['plan'] else 'left as it is'}."
        )
