from pathlib import Path

from django.core.management.base import BaseCommand

from volunteers.places.gazetteer import GAZETTEER_CSV, gazetteer_load


class Command(BaseCommand):
    help = "Load Shiyan's counties and townships from the gazetteer CSV (idempotent)."

    def add_arguments(self, parser):
        parser.add_argument("--path", default=str(GAZETTEER_CSV))

    def handle(self, *args, path, **options):
        result = gazetteer_load(path=Path(path))
        self.stdout.write(
            f"Gazetteer: {result.created} created, {result.updated} updated, "
            f"{result.unchanged} unchanged."
        )
