"""Leaders link their events to a campaign; finished activities count towards it."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone, translation

from portal.dates import shiyan_today
from portal.errors import ServiceError
from tests.campaigns.conftest import translate
from tests.factories import CampaignPageFactory, EventFactory, TeamFactory, VolunteerFactory
from volunteers.events.models import Event
from volunteers.events.services.events import event_create, event_update

pytestmark = pytest.mark.django_db

WATER = {"label": "护水活动", "kind": "events", "target": 40, "unit": "场"}


def days(n):
    return shiyan_today() + datetime.timedelta(days=n)


@pytest.fixture
def leader(db):
    return VolunteerFactory(display_name="库区队长").user


@pytest.fixture
def team(leader):
    return TeamFactory(leader=leader)


@pytest.fixture
def water(campaigns_index):
    return CampaignPageFactory(
        parent=campaigns_index, title="小水滴护水行动", theme="river", goals=[WATER]
    )


def form_data(team, **changes):
    start = timezone.localtime() + datetime.timedelta(days=10)
    data = {
        "title": "库区清漂",
        "kind": "cleanup",
        "description": "",
        "township": team.township_id,
        "lat": "",
        "lon": "",
        "meeting_point": "码头",
        "starts_at": start.strftime("%Y-%m-%dT09:00"),
        "ends_at": start.strftime("%Y-%m-%dT12:00"),
        "signup_deadline": "",
        "capacity": "20",
        "what_to_bring": "",
        "visibility": "public",
        "campaign": "",
    }
    data.update(changes)
    return data


def test_the_event_form_offers_running_and_upcoming_campaigns(
    client, team, leader, water, campaigns_index
):
    CampaignPageFactory(parent=campaigns_index, title="明年的行动", start_date=days(30))
    CampaignPageFactory(
        parent=campaigns_index, title="结束的行动", start_date=days(-90), end_date=days(-1)
    )
    CampaignPageFactory(parent=campaigns_index, title="草稿行动", live=False)
    client.force_login(leader)
    html = client.get(reverse("volunteers:event_create", args=[team.pk])).content.decode()
    select = html.split('name="campaign"', 1)[1].split("</select>", 1)[0]
    assert "小水滴护水行动" in select and "明年的行动" in select
    assert "结束的行动" not in select and "草稿行动" not in select


def test_a_leader_links_a_new_event_to_a_campaign(client, team, leader, water):
    client.force_login(leader)
    response = client.post(
        reverse("volunteers:event_create", args=[team.pk]), form_data(team, campaign=water.pk)
    )
    assert response.status_code == 302
    event = Event.objects.get()
    assert event.campaign_id == water.pk
    html = client.get(response["Location"]).content.decode()
    assert "data-event-campaign" in html and water.url in html


def test_a_finished_campaign_cannot_be_chosen(client, team, leader, campaigns_index):
    over = CampaignPageFactory(
        parent=campaigns_index, title="结束的行动", start_date=days(-90), end_date=days(-1)
    )
    client.force_login(leader)
    response = client.post(
        reverse("volunteers:event_create", args=[team.pk]), form_data(team, campaign=over.pk)
    )
    assert response.status_code == 200 and "field--error" in response.content.decode()
    assert not Event.objects.exists()
    starts = timezone.now() + datetime.timedelta(days=3)
    with pytest.raises(ServiceError) as error:
        event_create(
            by=leader,
            team=team,
            title="库区清漂",
            kind="cleanup",
            township=team.township,
            starts_at=starts,
            ends_at=starts + datetime.timedelta(hours=2),
            signup_deadline=starts - datetime.timedelta(hours=2),
            capacity=10,
            campaign=over,
        )
    assert "campaign" in error.value.message_dict
    assert not Event.objects.exists()


def test_editing_keeps_a_link_to_a_campaign_that_has_since_finished(
    client, team, leader, campaigns_index
):
    over = CampaignPageFactory(
        parent=campaigns_index, title="结束的行动", start_date=days(-90), end_date=days(-1)
    )
    event = EventFactory(team=team, campaign=over)
    client.force_login(leader)
    html = client.get(reverse("volunteers:event_edit", args=[event.pk])).content.decode()
    assert "结束的行动" in html.split('name="campaign"', 1)[1].split("</select>", 1)[0]
    event_update(event=event, by=leader, title="改了标题", campaign=over)
    event.refresh_from_db()
    assert event.campaign_id == over.pk and event.title == "改了标题"


def test_the_english_event_page_links_the_english_campaign(client, team, water, en_locale):
    translate(water.get_parent(), "Campaigns")
    english = translate(water, "Little Water Drops")
    event = EventFactory(team=team, campaign=water)
    with translation.override("en"):
        url = reverse("volunteers:event_detail", args=[event.pk])
    html = client.get(url).content.decode()
    assert english.url in html and "Little Water Drops" in html


def test_an_unpublished_campaign_is_not_linked_on_the_event_page(client, team, water):
    event = EventFactory(team=team, campaign=water)
    water.unpublish()
    html = client.get(reverse("volunteers:event_detail", args=[event.pk])).content.decode()
    assert "data-event-campaign" not in html
