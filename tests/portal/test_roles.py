"""The admin roles come with ``migrate``, and ``setup_roles`` puts back what was taken away.

No test here calls a role function itself: the groups they use are the ones the test
database's ``migrate`` made, as on a fresh production install.
"""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.management import CommandError, call_command
from django.urls import reverse
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Site,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

from tests.factories import TeamFactory, VolunteerFactory

pytestmark = pytest.mark.django_db

TEAMS = "/admin/volunteers/teams/"
PLEDGES = "/admin/campaigns/pledges/"
PROGRESS = "/admin/campaigns/progress/"


def member(client, group_name, username):
    """A signed-in user whose only permissions come from the group ``group_name``."""
    user = get_user_model().objects.create_user(username, f"{username}@example.com", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    client.force_login(user)
    return user


def refused(response) -> bool:
    """Wagtail sends people without the right permission away (or answers 403)."""
    return response.status_code in (302, 403)


def setup_roles(**options) -> list[str]:
    out = io.StringIO()
    call_command("setup_roles", stdout=out, **options)
    return out.getvalue().splitlines()


def roles_state() -> dict:
    """Everything the roles consist of, as comparable values."""
    approvers = GroupApprovalTask.groups.through.objects
    return {
        "groups": sorted(Group.objects.values_list("name", flat=True)),
        "group permissions": sorted(
            Group.permissions.through.objects.values_list(
                "group__name", "permission__content_type__app_label", "permission__codename"
            )
        ),
        "page permissions": sorted(
            GroupPagePermission.objects.values_list(
                "group__name", "page_id", "permission__codename"
            )
        ),
        "collection permissions": sorted(
            GroupCollectionPermission.objects.values_list(
                "group__name", "collection_id", "permission__codename"
            )
        ),
        "workflows": sorted(Workflow.objects.values_list("name", "active")),
        "workflow tasks": sorted(
            WorkflowTask.objects.values_list("workflow__name", "task__name", "sort_order")
        ),
        "workflow pages": sorted(WorkflowPage.objects.values_list("page_id", "workflow__name")),
        "approvers": sorted(approvers.values_list("groupapprovaltask__name", "group__name")),
    }


# --- What migrate leaves behind -------------------------------------------------------


def test_volunteer_staff_open_the_admin_and_change_teams_but_cannot_delete_them(client):
    team = TeamFactory(name="丹江口护水队")
    person = member(client, "Volunteer staff", "officer")

    assert client.get("/admin/").status_code == 200
    assert "丹江口护水队" in client.get(TEAMS).content.decode()
    assert client.get(reverse("volunteer_teams:edit", args=[team.pk])).status_code == 200
    assert person.has_perm("volunteers.view_team") and person.has_perm("volunteers.change_team")
    assert not person.has_perm("volunteers.delete_team")
    codenames = set(
        Group.objects.get(name="Volunteer staff").permissions.values_list("codename", flat=True)
    )
    models = ("team", "event", "signup", "volunteerprofile", "county", "township")
    models += ("servicerecord", "activityreport")
    expected = {"access_admin"} | {f"{a}_{m}" for m in models for a in ("view", "change")}
    assert codenames == expected


def test_someone_only_put_in_the_volunteer_staff_group_can_approve_a_team(client):
    """Wagtail's user form only sets groups: the group alone gives and takes the role."""
    creator = VolunteerFactory(display_name="新队发起人").user
    team = TeamFactory(name="郧阳护水队", status="pending", created_by=creator, leader=creator)
    other = TeamFactory(name="房县护水队", status="pending", created_by=creator, leader=creator)
    person = member(client, "Volunteer staff", "officer")

    client.post(reverse("volunteer_teams:approve", args=[team.pk]))
    team.refresh_from_db()
    assert team.status == "approved"

    # Taken out of the group, they can no longer decide.
    person.groups.remove(Group.objects.get(name="Volunteer staff"))
    client.post(reverse("volunteer_teams:approve", args=[other.pk]))
    other.refresh_from_db()
    assert other.status == "pending"


def test_moderators_see_and_change_pledges_and_editors_only_enter_progress(client):
    moderator = member(client, "Moderators", "moderator")
    assert client.get(PLEDGES).status_code == 200
    assert moderator.has_perm("campaigns.change_pledge")
    assert moderator.has_perm("campaigns.delete_goalupdate")

    editor = member(client, "Editors", "editor")
    assert client.get(PROGRESS + "new/").status_code == 200
    assert refused(client.get(PLEDGES))
    assert editor.has_perm("campaigns.add_goalupdate")
    assert not editor.has_perm("campaigns.view_pledge")
    assert not editor.has_perm("campaigns.change_pledge")
    assert not editor.has_perm("campaigns.delete_goalupdate")


def test_editors_submit_pages_that_moderators_approve_and_publish(client):
    site_root = Site.objects.get(is_default_site=True).root_page
    editor = member(client, "Editors", "editor")
    moderator = member(client, "Moderators", "moderator")

    assert site_root.permissions_for_user(editor).can_edit()
    assert not site_root.permissions_for_user(editor).can_publish()
    assert site_root.permissions_for_user(moderator).can_publish()
    workflow = site_root.get_workflow()
    # Wagtail's "Moderators approval" is renamed for Chinese-speaking staff, not doubled.
    assert workflow is not None and workflow.name == "审核发布"
    assert list(Workflow.objects.values_list("name", flat=True)) == ["审核发布"]
    task = workflow.tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]


# --- setup_roles ------------------------------------------------------------------------


def test_setup_roles_run_twice_changes_nothing_and_reports_each_group():
    after_migrate = roles_state()
    first = setup_roles()
    assert roles_state() == after_migrate
    assert setup_roles() == first
    assert roles_state() == after_migrate

    for name in ("Editors", "Moderators", "Volunteer staff"):
        count = Group.objects.get(name=name).permissions.count()
        [line] = [line for line in first if line.startswith(f"{name}: ")]
        assert line.startswith(f"{name}: {count} permissions")
    assert "Volunteer staff: 17 permissions, 1 collection permission" in first
    assert any(line.startswith('Workflow "审核发布": approved by Moderators') for line in first)
    assert len(first) == 4
    assert setup_roles(verbosity=0) == []


def test_setup_roles_gives_back_a_permission_an_administrator_removed(client):
    team = TeamFactory()
    member(client, "Volunteer staff", "officer")
    group = Group.objects.get(name="Volunteer staff")
    group.permissions.remove(Permission.objects.get(codename="change_team"))
    edit = reverse("volunteer_teams:edit", args=[team.pk])
    assert refused(client.get(edit))

    setup_roles()
    assert client.get(edit).status_code == 200


def test_setup_roles_recreates_a_renamed_group_and_leaves_the_renamed_one_alone(client):
    old = Group.objects.get(name="Volunteer staff")
    old.name = "Volunteer staff 2025"
    old.save()
    old_permissions = set(old.permissions.all())

    setup_roles()
    new = Group.objects.get(name="Volunteer staff")
    assert new.pk != old.pk
    assert set(new.permissions.all()) == old_permissions
    assert set(Group.objects.get(pk=old.pk).permissions.all()) == old_permissions
    member(client, "Volunteer staff", "officer")
    assert client.get(TEAMS).status_code == 200


def test_setup_roles_recreates_a_deleted_moderators_group_with_its_campaign_grants(client):
    Group.objects.get(name="Moderators").delete()
    setup_roles()

    moderator = member(client, "Moderators", "moderator")
    assert client.get(PLEDGES).status_code == 200
    assert moderator.has_perm("campaigns.change_pledge")
    site_root = Site.objects.get(is_default_site=True).root_page
    assert site_root.permissions_for_user(moderator).can_publish()
    task = site_root.get_workflow().tasks.get().specific
    assert list(task.groups.values_list("name", flat=True)) == ["Moderators"]


def test_setup_roles_explains_a_database_without_wagtails_root_collection():
    Collection.get_first_root_node().delete()
    with pytest.raises(CommandError, match="root collection"):
        setup_roles()


# --- migrate ------------------------------------------------------------------------------


def test_migrate_puts_the_roles_back_and_says_so():
    group = Group.objects.get(name="Moderators")
    change_pledge = Permission.objects.get(codename="change_pledge")
    group.permissions.remove(change_pledge)

    out = io.StringIO()
    call_command("migrate", verbosity=1, interactive=False, stdout=out)
    assert group.permissions.filter(pk=change_pledge.pk).exists()
    lines = out.getvalue().splitlines()
    assert "Roles:" in lines
    assert any(line.startswith("  Volunteer staff: 17 permissions") for line in lines)


def test_migrate_sets_up_the_roles_quietly_at_verbosity_0():
    Group.objects.get(name="Volunteer staff").delete()
    out = io.StringIO()
    call_command("migrate", verbosity=0, interactive=False, stdout=out)
    assert out.getvalue() == ""
    assert Group.objects.get(name="Volunteer staff").permissions.count() == 17
