from django.core.management.base import BaseCommand

from children.io.stash import STASH_SECONDS, remove_older_than, stash_dir


class Command(BaseCommand):
    help = "Delete uploaded import files waiting for 'apply' that are older than --hours (default: the stash's life)."

    def add_arguments(self, parser):
        parser.add_argument("--hours", type=float, default=STASH_SECONDS / 3600)

    def handle(self, *args, hours, **options):
        removed = remove_older_than(hours * 3600)
        if options["verbosity"] > 0:
            self.stdout.write(f"{removed} stashed import file(s) older than {hours:g} h removed from {stash_dir()}.")
