"""Campaign roles: what moderators and editors may do with pledges and progress updates."""

from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models import Q

from campaigns.models import GoalUpdate, Pledge


def campaign_permissions_ensure() -> None:
    """Moderators see and hide pledges and enter progress; editors enter progress.

    (Superusers, like the demo staff account, have every permission anyway.)
    """
    pledge_type = ContentType.objects.get_for_model(Pledge)
    update_type = ContentType.objects.get_for_model(GoalUpdate)
    grants = {
        "Moderators": [
            (pledge_type, ["view_pledge", "change_pledge"]),
            (
                update_type,
                ["add_goalupdate", "change_goalupdate", "delete_goalupdate", "view_goalupdate"],
            ),
        ],
        "Editors": [(update_type, ["add_goalupdate", "change_goalupdate", "view_goalupdate"])],
    }
    for name, rules in grants.items():
        group = Group.objects.filter(name=name).first()
        if group is None:
            continue
        for content_type, codenames in rules:
            group.permissions.add(
                *Permission.objects.filter(Q(content_type=content_type) & Q(codename__in=codenames))
            )
