"""The demo campaigns tell the seed report's figures, in both languages."""

import io

import pytest
from django.core.management import call_command

from campaigns.models import CampaignPage, GoalUpdate, Pledge
from campaigns.progress import goal_progress
from volunteers.events.models import Event

pytestmark = pytest.mark.django_db


def run():
    call_command("load_demo", stdout=io.StringIO())


def snapshot():
    return (
        CampaignPage.objects.count(),
        GoalUpdate.objects.count(),
        Pledge.objects.count(),
        Event.objects.filter(campaign__isnull=False).count(),
    )


def test_demo_campaigns_carry_the_reports_figures_and_load_once(client):
    run()
    zh = CampaignPage.objects.filter(locale__language_code="zh-hans")
    assert zh.count() >= 4
    assert CampaignPage.objects.filter(locale__language_code="en").count() == zh.count()

    def progress(slug):
        page = zh.get(slug=slug)
        return {g.label: goal_progress(goal=g) for g in page.goals.all()}, page

    travel, page = progress("green-official-travel")
    cars = travel["租赁新能源公务用车"]
    assert (cars.target, cars.value) == (728, 276)
    assert [v for _d, v in goal_progress(goal=cars.goal, series=True).series] == [117, 276]
    assert page.related_links.exists()

    water, page = progress("little-water-drops")
    assert water["节水护水志愿服务队"].value == 2000 and water["节水护水志愿服务队"].reached
    assert water["参与的“小水滴”志愿者"].value == 330000
    assert page.events.exists()

    saving, page = progress("water-saving-institutions")
    assert saving["创成省级公共机构节水型单位"].value == 284
    assert page.status == "finished"

    plate, page = progress("clean-plate-carbon-credits")
    assert page.pledge_text == "我承诺：光盘不剩饭"
    assert plate["作出光盘承诺"].target == 1000 and plate["作出光盘承诺"].value > 0

    english = CampaignPage.objects.get(
        slug="clean-plate-carbon-credits", locale__language_code="en"
    )
    assert english.pledge_text == "I will finish my plate"
    assert english.goals.get().label == "People who pledged a clean plate"
    for url in ("/campaigns/", page.url, "/en/campaigns/", english.url):
        assert client.get(url).status_code == 200, url

    before = snapshot()
    run()
    assert snapshot() == before
