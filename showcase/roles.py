"""The editorial set-up: editors draft and submit, moderators approve and publish.

Wagtail's own migrations create the Editors and Moderators groups and a
"Moderators approval" workflow on the root page; this makes sure they exist
with the permissions the portal relies on (after a database reset, too).

The workflow and its task are renamed in Chinese: their names are data, shown as they
are in the admin, and the portal's staff work in Chinese.
"""

from django.contrib.auth.models import Group, Permission
from wagtail.models import (
    Collection,
    GroupApprovalTask,
    GroupCollectionPermission,
    GroupPagePermission,
    Page,
    Workflow,
    WorkflowPage,
    WorkflowTask,
)

PAGE_PERMISSIONS = {
    "Editors": ["add_page", "change_page"],
    "Moderators": ["add_page", "change_page", "publish_page", "lock_page", "unlock_page"],
}
COLLECTION_PERMISSIONS = {
    "Editors": ["add_image", "change_image", "choose_image", "add_document", "choose_document"],
    "Moderators": [
        "add_image",
        "change_image",
        "choose_image",
        "delete_image",
        "add_document",
        "change_document",
        "choose_document",
    ],
}
SNIPPET_PERMISSIONS = ["add_exemplarunit", "change_exemplarunit", "view_exemplarunit"]
WORKFLOW_NAME = "审核发布"
TASK_NAME = "审核员审核"
WAGTAIL_DEFAULT_NAME = "Moderators approval"


def _perm(codename: str) -> Permission:
    return Permission.objects.get(codename=codename)


def editorial_setup_ensure() -> dict[str, Group]:
    root = Page.get_first_root_node()
    collection = Collection.get_first_root_node()
    groups = {}
    for name, codenames in PAGE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=name)
        group.permissions.add(_perm("access_admin"), *(_perm(c) for c in SNIPPET_PERMISSIONS))
        for codename in codenames:
            GroupPagePermission.objects.get_or_create(
                group=group, page=root, permission=_perm(codename)
            )
        for codename in COLLECTION_PERMISSIONS[name]:
            GroupCollectionPermission.objects.get_or_create(
                group=group, collection=collection, permission=_perm(codename)
            )
        groups[name] = group

    workflow = _named(Workflow, WORKFLOW_NAME, active=True)
    task = _named(GroupApprovalTask, TASK_NAME)
    task.groups.add(groups["Moderators"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=root, defaults={"workflow": workflow})
    return groups


def _named(model, name: str, **defaults):
    """The portal's workflow or task: found by its name or Wagtail's, named in Chinese."""
    found = model.objects.filter(name__in=[name, WAGTAIL_DEFAULT_NAME]).order_by("pk").first()
    if found is None:
        return model.objects.create(name=name, **defaults)
    if found.name != name:
        found.name = name
        found.save(update_fields=["name"])
    return found
