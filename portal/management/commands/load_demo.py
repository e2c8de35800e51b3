"""Load the demo site in one step: ``python manage.py load_demo``.

Each module in ``DEMO_MODULES`` has a ``load(*, out)`` function; they run in
that order so later ones can rely on earlier content.
Every loader is idempotent: running the command twice changes nothing.
"""

import importlib

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

# Campaigns come after volunteers (the water-protection campaign links demo events),
# and participation after campaigns (reports of campaign events link to the campaign).
DEMO_MODULES = [
    "portal.demo",
    "showcase.demo",
    "volunteers.demo.core",
    "campaigns.demo",
    "volunteers.demo.participation",
]


def is_production() -> bool:
    return getattr(settings, "IS_PRODUCTION", False)


class Command(BaseCommand):
    help = "Create the demo site, home page, demo accounts and each app's demo content."

    def add_arguments(self, parser):
        parser.add_argument(
            "--allow-production",
            action="store_true",
            help="Run even under production settings (demo accounts get no usable password).",
        )

    def handle(self, *args, allow_production=False, **options):
        production = is_production()
        if production and not allow_production:
            raise CommandError(
                "Refusing to load demo content under production settings. "
                "Pass --allow-production if you really mean it."
            )
        out = DemoOutput(self, production=production)
        for name in DEMO_MODULES:
            module = importlib.import_module(name)
            with transaction.atomic():
                module.load(out=out)
        out.summary()


class DemoOutput:
    """What loaders report back; passwords are never printed in production."""

    def __init__(self, command: BaseCommand, *, production: bool):
        self.command = command
        self.production = production
        self.accounts: list[tuple[str, str, str]] = []

    def info(self, message: str) -> None:
        self.command.stdout.write(message)

    def account(self, role: str, email: str, password: str) -> None:
        self.accounts.append((role, email, password))

    def summary(self) -> None:
        style = self.command.style
        self.command.stdout.write(style.SUCCESS("Demo content is ready."))
        if not self.accounts:
            return
        self.command.stdout.write("Demo accounts:")
        for role, email, password in self.accounts:
            shown = "(no usable password: use password reset)" if self.production else password
            self.command.stdout.write(f"  {role:<12} {email:<32} {shown}")
