import os

from django.conf import settings
from django.core.management.base import BaseCommand
from django.core.management.utils import get_random_secret_key


class Command(BaseCommand):
    help = "Generate the secret key once into var/secret_key (mode 0600); does nothing when the file exists."

    def handle(self, *args, **options):
        path = settings.SECRET_KEY_FILE
        path.parent.mkdir(parents=True, exist_ok=True)
        try:
            # O_EXCL: two processes starting at once cannot both write (nor overwrite) the key.
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        except FileExistsError:
            if options["verbosity"] > 1:
                self.stdout.write(f"{path} exists; kept.")
            return
        with os.fdopen(fd, "w") as handle:
            handle.write(get_random_secret_key() + "\n")
        if options["verbosity"] > 0:
            self.stdout.write(f"Secret key written to {path} (readable by this user only).")
