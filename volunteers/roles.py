"""The "Volunteer staff" role: the group that reviews the volunteer domain in the admin."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.contrib.contenttypes.models import ContentType
from wagtail.models import Collection, GroupCollectionPermission

from volunteers.events.models import Event, Signup
from volunteers.participation.models.hours import ServiceRecord
from volunteers.participation.models.reports import ActivityReport
from volunteers.people.models import VolunteerProfile
from volunteers.places.models import County, Township
from volunteers.teams.models import Team

STAFF_GROUP_NAME = "Volunteer staff"

STAFF_MODELS = (
    Team,
    Event,
    Signup,
    VolunteerProfile,
    County,
    Township,
    ServiceRecord,
    ActivityReport,
)


def volunteer_staff_group_ensure(*, users=()) -> Group:
    """Create or complete the "Volunteer staff" group; add ``users`` to it.

    The group may open the admin, see and change teams, events, sign-ups,
    volunteers, places, service records and activity reports (to review
    them), and choose images (team logos) - but not delete them. The
    services also require ``is_staff`` of whoever approves a team, cancels an
    event or decides on hours and reports, so the users added here are
    marked as staff.
    """
    group, _created = Group.objects.get_or_create(name=STAFF_GROUP_NAME)
    permissions = [
        Permission.objects.get(content_type__app_label="wagtailadmin", codename="access_admin")
    ]
    for model in STAFF_MODELS:
        content_type = ContentType.objects.get_for_model(model)
        codenames = [f"{action}_{model._meta.model_name}" for action in ("view", "change")]
        permissions.extend(
            Permission.objects.filter(content_type=content_type, codename__in=codenames)
        )
    group.permissions.add(*permissions)
    choose_image = Permission.objects.get(
        content_type__app_label="wagtailimages", codename="choose_image"
    )
    GroupCollectionPermission.objects.get_or_create(
        group=group, collection=Collection.get_first_root_node(), permission=choose_image
    )
    for user in users:
        user.groups.add(group)
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
    return group


def staff_flag_follow_group(sender, instance, action, reverse, pk_set, **kwargs) -> None:
    """Give and take ``is_staff`` with the "Volunteer staff" group.

    The services ask ``is_staff`` (a flag on the user row: no query) whether
    someone acts as volunteer staff. An administrator gives or takes the role
    in Wagtail's user form, which adds or removes the group but leaves the flag
    alone, so the flag follows: set when the group is added, cleared when it
    is removed (superusers keep every power anyway).
    """
    if action not in ("post_add", "post_remove"):
        return
    if reverse:  # group.user_set.add(...) / .remove(...)
        if instance.name != STAFF_GROUP_NAME:
            return
        user_ids = pk_set
    else:
        if not Group.objects.filter(pk__in=pk_set, name=STAFF_GROUP_NAME).exists():
            return
        user_ids = {instance.pk}
    given = action == "post_add"
    users = get_user_model().objects.filter(pk__in=user_ids)
    (users if given else users.filter(is_superuser=False)).update(is_staff=given)
    if not reverse and not instance.is_superuser:
        instance.is_staff = given
