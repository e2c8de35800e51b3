from django.core.management.base import BaseCommand, CommandError

from portal.management.commands.load_demo import is_production
from volunteers.scale import ScaleError, ScaleSizes, scale_load


class Command(BaseCommand):
    help = (
        "Build a seed-scale data set on PostgreSQL: 330,000 volunteers, 2,000 teams, "
        "50,000 events with sign-ups and 3,000,000 service records with their rollups "
        "(smaller with --scale or the sizes one by one)."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--scale",
            type=float,
            default=1.0,
            help="Fraction of the full scale for every size, e.g. 0.1 or 0.01 (default 1).",
        )
        for name in ("volunteers", "teams", "events", "records"):
            parser.add_argument(f"--{name}", type=int, help=f"Number of {name}, whatever --scale.")
        parser.add_argument("--seed", type=int, default=2026, help="Random seed (default 2026).")
        parser.add_argument(
            "--replace",
            action="store_true",
            help="Remove the scale data of an earlier run first (demo and real rows stay).",
        )
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even under production settings.",
        )
        parser.add_argument(
            "--no-progress", action="store_true", help="No progress bars (they show on a terminal)."
        )

    def handle(self, *args, **options):
        if is_production() and not options["allow_production"]:
            raise CommandError(
                "Refusing to load scale data under production settings. "
                "Pass --allow-production if you really mean it."
            )
        try:
            sizes = ScaleSizes.from_options(
                scale=options["scale"],
                **{n: options[n] for n in ("volunteers", "teams", "events", "records")},
            )
            self.stdout.write(
                "Loading scale data: "
                + ", ".join(f"{n:,} {name}" for name, n in sizes.as_dict().items())
                + "."
            )
            summary = scale_load(
                sizes=sizes,
                seed=options["seed"],
                replace=options["replace"],
                progress=False if options["no_progress"] else None,
                say=self.stdout.write,
            )
        except ScaleError as error:
            raise CommandError(str(error)) from error
        self._summary(summary)

    def _summary(self, summary) -> None:
        if summary.removed:
            self.stdout.write(
                "Removed the earlier scale data: "
                + ", ".join(f"{n:,} {what}" for what, n in summary.removed.items())
                + "."
            )
        self.stdout.write(self.style.SUCCESS(f"Scale data loaded in {summary.seconds:.0f} s."))
        for timing in summary.timings:
            rows = f"{timing.rows:>12,}" if timing.rows is not None else " " * 12
            self.stdout.write(f"  {timing.label:<36} {rows}  {timing.seconds:7.1f} s")
        self.stdout.write(f"  database size: {summary.database_size}")
