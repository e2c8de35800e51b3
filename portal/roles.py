"""The portal's admin roles, set up in one step.

Each role lives with its app: the Editors and Moderators groups and the
"审核发布" review workflow (``showcase/roles.py``), what moderators and
editors may do with pledges and progress (``campaigns/roles.py``) and the
"Volunteer staff" group (``volunteers/roles.py``). ``roles_setup`` runs them all;
every ``migrate`` does so at its end (``roles_after_migrate``, connected in
``PortalConfig.ready``) and ``manage.py setup_roles`` does so on demand. Running
it again adds back what is missing and changes nothing else: permissions an
administrator added to a group stay.
"""

import sys

from django.apps import apps as global_apps
from django.contrib.auth.management import create_permissions
from django.contrib.auth.models import Group
from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.migrations.executor import MigrationExecutor
from django.utils.module_loading import import_string
from wagtail.models import (
    Collection,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
)

# Each app's role set-up, in this order: the editorial groups first, since the campaign
# grants go to them. Named by dotted path, like load_demo's loaders, so that portal, below
# the apps, imports none of them. Each returns the group it made sure of, a dict of them,
# or nothing (grants to groups made before).
ROLE_SETUPS = [
    "showcase.roles.editorial_setup_ensure",
    "campaigns.roles.campaign_permissions_ensure",
    "volunteers.roles.volunteer_staff_group_ensure",
]


def _count(number: int, what: str) -> str:
    return f"{number} {what}{'' if number == 1 else 's'}"


def _describe(group) -> str:
    parts = [_count(group.permissions.count(), "permission")]
    pages = GroupPagePermission.objects.filter(group=group).count()
    if pages:
        parts.append(_count(pages, "page permission"))
    collections = GroupCollectionPermission.objects.filter(group=group).count()
    if collections:
        parts.append(_count(collections, "collection permission"))
    return f"{group.name}: {', '.join(parts)}"


def roles_missing_reason() -> str | None:
    """Why the roles cannot be set up in this database, or None if they can.

    They hang off Wagtail's root page and root collection, which Wagtail's
    migrations create and ``flush`` removes.
    """
    if Page.get_first_root_node() is None:
        return "the database has no Wagtail root page (was it flushed?)"
    if Collection.get_first_root_node() is None:
        return "the database has no Wagtail root collection (was it flushed?)"
    return None


def roles_setup() -> list[str]:
    """Create or complete every admin role; return one line per group and for the workflow."""
    groups: dict[str, Group] = {}
    with transaction.atomic():
        for path in ROLE_SETUPS:
            made = import_string(path)()
            if isinstance(made, Group):
                made = {made.name: made}
            groups.update(made or {})
        lines = [_describe(group) for group in groups.values()]
        # The editorial set-up's workflow (showcase/roles.py), on the root page.
        workflow = Page.get_first_root_node().get_workflow()
        if workflow is not None:
            lines.append(_describe_workflow(workflow))
    return lines


def _describe_workflow(workflow) -> str:
    approvers = (
        Group.objects.filter(groupapprovaltask__workflow_tasks__workflow=workflow)
        .distinct()
        .order_by("name")
        .values_list("name", flat=True)
    )
    pages = workflow.workflow_pages.count()
    return (
        f'Workflow "{workflow.name}": approved by {", ".join(approvers) or "nobody"}, '
        f"assigned to {_count(pages, 'page')} and the pages below"
    )


def _fully_migrated(using: str) -> bool:
    executor = MigrationExecutor(connections[using])
    return not executor.migration_plan(executor.loader.graph.leaf_nodes())


def roles_after_migrate(
    sender, *, verbosity=1, interactive=False, using=DEFAULT_DB_ALIAS, apps=global_apps, **kwargs
) -> None:
    """``post_migrate`` receiver: set up the roles once every migration has run.

    Connected with the portal app as sender, so it runs once per ``migrate``.
    ``migrate`` sends the signal once per app, in INSTALLED_APPS order, and the
    auth app creates each app's permissions when the signal for that app comes;
    the portal comes first, and connected this receiver before auth connected its
    own, so on a fresh database nearly no permission exists yet when it runs. It
    therefore creates every app's content types and permissions first, as the
    auth app's receiver does (which skips what exists, so its own runs after
    cost a few queries).
    """
    stdout = kwargs.get("stdout") or sys.stdout

    def say(message: str) -> None:
        if verbosity >= 1:
            stdout.write(message + "\n")

    if kwargs.get("plan") is None:
        # Not sent by migrate but by flush, or by a test case limiting the installed
        # apps: the database has no root page then (or not all apps are there).
        return
    if using != DEFAULT_DB_ALIAS:
        # The role functions write through the default database.
        return
    if not _fully_migrated(using):
        say("Roles not set up: some migrations are not applied yet.")
        return
    reason = roles_missing_reason()
    if reason:
        say(f"Roles not set up: {reason}.")
        return
    for app_config in global_apps.get_app_configs():
        create_permissions(
            app_config, verbosity=verbosity, interactive=interactive, using=using, apps=apps
        )
    lines = roles_setup()
    say("Roles:")
    for line in lines:
        say(f"  {line}")
