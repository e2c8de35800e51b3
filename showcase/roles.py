"""The editorial set-up: editors draft and submit, moderators approve and publish.

Wagtail's own migrations create the Editors and Moderators groups and a
"Moderators approval" workflow on the root page; this makes sure they exist
with the permissions the portal relies on (after a database reset, too).
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

    workflow = Workflow.objects.filter(name="Moderators approval").first()
    if workflow is None:
        workflow = Workflow.objects.create(name="Moderators approval", active=True)
    task = GroupApprovalTask.objects.filter(name="Moderators approval").first()
    if task is None:
        task = GroupApprovalTask.objects.create(name="Moderators approval")
    task.groups.add(groups["Moderators"])
    WorkflowTask.objects.get_or_create(workflow=workflow, task=task, defaults={"sort_order": 0})
    WorkflowPage.objects.get_or_create(page=root, defaults={"workflow": workflow})
    return groups
