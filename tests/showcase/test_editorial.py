"""Editors draft and submit; moderators approve; scheduled pages go live on time."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from portal import tasks
from showcase.models import StoryPage
from showcase.roles import editorial_setup_ensure

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(home):
    groups = editorial_setup_ensure()
    User = get_user_model()
    editor = User.objects.create_user("editor", "editor@example.com", "pw")
    editor.groups.add(groups["Editors"])
    moderator = User.objects.create_user("moderator", "moderator@example.com", "pw")
    moderator.groups.add(groups["Moderators"])
    return editor, moderator


def draft_story(parent, user, title="审核中的动态"):
    page = StoryPage(title=title, summary="摘要", body=[("text", "<p>正文</p>")], live=False)
    parent.add_child(instance=page)
    page.save_revision(user=user)
    return page


def test_editors_cannot_publish_but_moderators_can(people, news_index):
    editor, moderator = people
    page = draft_story(news_index, editor)
    assert not page.permissions_for_user(editor).can_publish()
    assert page.permissions_for_user(editor).can_edit()
    assert page.permissions_for_user(moderator).can_publish()


def test_submitted_story_is_published_when_a_moderator_approves(client, people, news_index):
    editor, moderator = people
    page = draft_story(news_index, editor)
    workflow = page.get_workflow()
    assert workflow is not None and workflow.name == "审核发布"

    state = workflow.start(page, editor)
    assert "审核中的动态" not in client.get("/").content.decode()
    task_state = state.current_task_state
    assert task_state.task.specific.user_can_access_editor(page, moderator)
    task_state.task.specific.on_action(task_state, moderator, "approve")

    page.refresh_from_db()
    assert page.live
    assert "审核中的动态" in client.get("/").content.decode()


def test_scheduled_story_goes_live_when_its_time_comes(client, people, news_index):
    editor, moderator = people
    page = draft_story(news_index, moderator, title="定时发布的动态")
    page.go_live_at = timezone.now() + datetime.timedelta(hours=1)
    page.save_revision(user=moderator).publish(user=moderator)  # "publish" = schedule

    call_command("publish_scheduled")
    assert not StoryPage.objects.get(pk=page.pk).live

    # An hour passes: move the schedule into the past instead of waiting.
    revision = StoryPage.objects.get(pk=page.pk).latest_revision
    past = timezone.now() - datetime.timedelta(minutes=1)
    revision.approved_go_live_at = past
    revision.content["go_live_at"] = past.isoformat()
    revision.save()
    tasks.publish_scheduled_pages()
    assert StoryPage.objects.get(pk=page.pk).live
    assert "定时发布的动态" in client.get("/").content.decode()


def test_a_draft_is_not_visible_to_the_public(client, people, news_index):
    editor, _ = people
    page = draft_story(news_index, editor, title="未发布的动态")
    assert client.get(f"{news_index.url}{page.slug}/").status_code == 404
    assert "未发布的动态" not in client.get(news_index.url).content.decode()
