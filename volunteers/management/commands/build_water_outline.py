from django.core.management.base import BaseCommand, CommandError

from volunteers.places import maps


class Command(BaseCommand):
    help = (
        f"Write static/{maps.WATER_GEOJSON_GCJ02}, the reservoir outline shifted to GCJ-02 for "
        f"AutoNavi's tiles, from static/{maps.WATER_GEOJSON}; --check only says whether it "
        "is current."
    )

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true")

    def handle(self, *args, check, **options):
        path = maps.STATIC_DIR / maps.WATER_GEOJSON_GCJ02
        text = maps.water_geojson_gcj02()
        current = path.exists() and path.read_text(encoding="utf-8") == text
        if check:
            if not current:
                raise CommandError(f"{path.name} is out of date: run manage.py build_water_outline")
            self.stdout.write(f"{path.name} is current.")
            return
        path.write_text(text, encoding="utf-8")
        self.stdout.write(f"Wrote {path.name} ({len(text.encode()):,} bytes).")
