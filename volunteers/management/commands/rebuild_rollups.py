from django.core.management.base import BaseCommand

from volunteers.services.rollups import rollups_rebuild


class Command(BaseCommand):
    help = "Recompute the totals of approved service hours from the records (idempotent)."

    def handle(self, *args, **options):
        written = rollups_rebuild()
        self.stdout.write(
            "Rollups rebuilt: " + ", ".join(f"{n} {table}" for table, n in written.items()) + "."
        )
