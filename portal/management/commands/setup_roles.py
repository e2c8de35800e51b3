"""Set up the admin roles again: ``python manage.py setup_roles``.

``migrate`` already does this at its end; run this after an administrator has
removed a permission from a role's group, or renamed or deleted the group, to put
it back. Running it twice changes nothing.
"""

from django.core.management.base import BaseCommand, CommandError

from portal.roles import roles_missing_reason, roles_setup


class Command(BaseCommand):
    help = (
        "Create or complete the Editors, Moderators and Volunteer staff groups and the "
        '"审核发布" review workflow (migrate does this too).'
    )

    def handle(self, *args, **options):
        reason = roles_missing_reason()
        if reason:
            raise CommandError(f"Cannot set up the roles: {reason}.")
        for line in roles_setup():
            if options["verbosity"] >= 1:
                self.stdout.write(line)
