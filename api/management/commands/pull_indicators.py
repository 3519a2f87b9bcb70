"""Read another deployment's approved figures into this one (the province's consolidated view).

    manage.py pull_indicators https://xa-ytich.example.vn --token bvte_… [--year 2022] [--period 2022S1]
                              [--area YT] [--level commune] [--source "Y Tịch"] [--under 20]
    manage.py pull_indicators --file dataValueSets-2022S1.json --source "Y Tịch" [--under 20]

The token may also come from the environment variable BVTE_API_TOKEN (so it is not in the shell
history or the process list). Everything is stored in one transaction, or nothing.
"""

import os
from pathlib import Path
from urllib.parse import urlparse

from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from accounts.models import Area
from api import pull, services


class Command(BaseCommand):
    help = "Pull the approved indicator values of another deployment (its API, or a DHIS2 data value set file)."

    def add_arguments(self, parser):
        parser.add_argument("url", nargs="?", help="Address of the other deployment (e.g. https://xa.example.vn).")
        parser.add_argument("--token", help="Personal API token made there (or set BVTE_API_TOKEN).")
        parser.add_argument("--file", help="A DHIS2 data value set file (.json or .csv) instead of the API.")
        parser.add_argument("--source", help="Name of the source deployment (default: the host or the file name).")
        parser.add_argument("--under", help="Code of the area here that receives areas not in this tree.")
        parser.add_argument("--year", help="Only this year.")
        parser.add_argument("--period", help="Only this DHIS2 period (e.g. 2022S1).")
        parser.add_argument("--area", help="Only this area code and the areas below it (at the source).")
        parser.add_argument("--level", choices=["village", "commune", "all"], default="all")

    def handle(self, *args, url=None, token=None, file=None, source=None, under=None, **options):
        if bool(url) == bool(file):
            raise CommandError(_("Give either the address of the other deployment or --file, not both."))
        under_area = None
        if under:
            under_area = Area.objects.filter(code=under).first()
            if under_area is None:
                raise CommandError(_("No area with code “%(code)s” here (--under).") % {"code": under})
        try:
            if file:
                path = Path(file)
                if not path.is_file():
                    raise CommandError(_("No such file: %(file)s") % {"file": file})
                rows, unknown = pull.rows_from_data_value_set(path.read_bytes(), name=path.name)
                source = source or path.stem
                if unknown:
                    self.stderr.write(
                        _("%(n)s values skipped: data element or org unit not in the DHIS2 mapping.") % {"n": unknown}
                    )
            else:
                token = token or os.environ.get("BVTE_API_TOKEN", "")
                if not token:
                    raise CommandError(_("Give --token (or set BVTE_API_TOKEN)."))
                params = {
                    "year": options["year"],
                    "dhis2_period": options["period"],
                    "area": options["area"],
                    "level": options["level"],
                }
                rows = list(pull.rows_from_api(url, token, params))
                source = source or urlparse(url).netloc
            counts = services.pulled_values_store(source=source, rows=rows, under=under_area)
        except pull.PullError as exc:
            raise CommandError(str(exc)) from exc
        except ValidationError as exc:
            raise CommandError("; ".join(exc.messages)) from exc
        self.stdout.write(
            self.style.SUCCESS(
                _("%(source)s: %(n)s values read, %(created)s new, %(updated)s updated.")
                % {"source": source, "n": len(rows), **counts}
            )
        )
