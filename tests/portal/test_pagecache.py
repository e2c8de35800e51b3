"""Anonymous public pages come from the cache and are invalidated by the changes they show."""

import datetime
import re
from unittest import mock

import pytest
from django.core.cache.backends.base import BaseCache
from django.test import Client
from django.utils import timezone

from tests.factories import (
    CampaignIndexPageFactory,
    CampaignPageFactory,
    EventFactory,
    MembershipFactory,
    StoryIndexPageFactory,
    StoryPageFactory,
    TeamFactory,
    VolunteerFactory,
)
from tests.utils import approved
from volunteers.events.services.signups import event_signup, signup_cancel

HIT = "X-Page-Cache"


def places_left(response) -> int:
    return int(re.search(r'signup-box__number">(\d+)<', page_text(response)).group(1))


def warm(client, url):
    """The first visit, which fills the cache."""
    return get(client, url)


def get(client, url, **headers):
    response = client.get(url, headers=headers)
    assert response.status_code in (200, 304), (url, response.status_code)
    return response


def page_text(response) -> str:
    return response.content.decode()


def same_page(html: str) -> str:
    """The page without its script nonces, which differ in every response."""
    return re.sub(r'nonce="[^"]*"', 'nonce=""', html)


@pytest.fixture
def event(db):
    team = TeamFactory(leader=VolunteerFactory().user)
    return EventFactory(team=team, capacity=2, title="库区巡河")


@pytest.fixture
def campaign(home):
    index = CampaignIndexPageFactory(parent=home)
    return CampaignPageFactory(parent=index, title="光盘行动", slug="clean-plate")


# --- Served from the cache -------------------------------------------------------------


def test_second_anonymous_visit_is_served_from_the_cache_without_queries(
    client, event, django_assert_num_queries
):
    first = warm(client, "/events/")
    assert first[HIT] == "miss" and "库区巡河" in page_text(first)
    with django_assert_num_queries(0):
        second = get(client, "/events/")
    assert second[HIT] == "hit"
    assert same_page(page_text(second)) == same_page(page_text(first))


def test_each_language_has_its_own_cached_page(client, event):
    zh, en = get(client, "/events/"), get(client, "/en/events/")
    assert 'lang="zh-Hans"' in page_text(zh) and 'lang="en"' in page_text(en)
    assert 'lang="zh-Hans"' in page_text(get(client, "/events/"))
    assert 'lang="en"' in page_text(get(client, "/en/events/"))


def test_signed_in_volunteers_get_their_own_page_and_never_fill_the_cache(client, event):
    client.force_login(VolunteerFactory().user)
    mine = get(client, f"/en/events/{event.pk}/")
    assert HIT not in mine and "Sign out" in page_text(mine)
    anonymous = Client()
    warm(anonymous, f"/en/events/{event.pk}/")
    page = get(anonymous, f"/en/events/{event.pk}/")
    assert page[HIT] == "hit" and "Sign out" not in page_text(page)


def test_a_visitor_with_a_message_waiting_sees_it_not_the_cached_page(client, event):
    warm(client, "/events/")
    client.cookies["messages"] = "anything"
    assert HIT not in get(client, "/events/")


def test_every_visitor_of_a_cached_page_gets_a_token_that_works(campaign):
    from django.conf import settings

    warm(Client(), campaign.url)
    visitors = [Client(enforce_csrf_checks=True) for _ in range(2)]
    pages = [get(visitor, campaign.url) for visitor in visitors]
    assert [page[HIT] for page in pages] == ["hit", "hit"]
    tokens = []
    for n, (visitor, page) in enumerate(zip(visitors, pages, strict=True)):
        assert settings.CSRF_COOKIE_NAME in page.cookies
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page_text(page))[1]
        action = re.search(r'<form[^>]+action="([^"]*pledge[^"]*)"', page_text(page))[1]
        posted = visitor.post(action, {"display_name": f"访客{n}", "csrfmiddlewaretoken": token})
        assert posted.status_code in (200, 302), posted.status_code
        tokens.append(token)
    assert tokens[0] != tokens[1] and "pagecache-csrf" not in "".join(tokens)
    assert "访客0" in page_text(get(Client(), campaign.url))


# --- Invalidated by what the page shows ---------------------------------------------------


def test_a_sign_up_and_a_cancellation_change_the_cached_event_pages(client, event):
    detail = f"/en/events/{event.pk}/"
    assert places_left(warm(client, detail)) == 2
    assert "2 places left" in page_text(warm(client, "/en/events/"))
    signup = event_signup(event=event, user=VolunteerFactory().user)
    assert places_left(get(client, detail)) == 1
    assert "1 place left" in page_text(get(client, "/en/events/"))
    signup_cancel(signup=signup, user=signup.user)
    assert places_left(get(client, detail)) == 2
    assert "2 places left" in page_text(get(client, "/en/events/"))


def test_a_sign_up_for_one_event_leaves_other_event_pages_cached(client, event):
    other = EventFactory(team=event.team, title="另一场清漂")
    warm(client, f"/events/{other.pk}/")
    event_signup(event=event, user=VolunteerFactory().user)
    assert get(client, f"/events/{other.pk}/")[HIT] == "hit"


def test_publishing_and_unpublishing_a_story_change_the_cached_news_pages(home, client):
    index = StoryIndexPageFactory(parent=home)
    before = page_text(get(client, "/news/"))
    story = StoryPageFactory(parent=index, title="丹江口库区清漂纪实")
    assert "丹江口库区清漂纪实" not in before
    assert "丹江口库区清漂纪实" in page_text(get(client, "/news/"))
    assert "丹江口库区清漂纪实" in page_text(get(client, "/"))
    story.unpublish()
    assert "丹江口库区清漂纪实" not in page_text(get(client, "/news/"))


def test_a_draft_save_leaves_cached_pages_alone(home, client):
    index = StoryIndexPageFactory(parent=home)
    story = StoryPageFactory(parent=index, title="已发布的动态")
    warm(client, story.url)
    story.title = "还没发布的标题"
    story.save_revision()
    again = get(client, story.url)
    assert again[HIT] == "hit" and "还没发布的标题" not in page_text(again)


def test_a_new_member_changes_the_cached_team_directory(client, db):
    team = TeamFactory(leader=VolunteerFactory().user, name="郧阳护水队")
    assert "1 member" in page_text(get(client, "/en/teams/"))
    MembershipFactory(team=team)
    assert "2 members" in page_text(get(client, "/en/teams/"))


def test_an_approval_of_hours_changes_the_cached_impact_page(client, db):
    leader = VolunteerFactory().user
    team = TeamFactory(leader=leader)
    staff = VolunteerFactory().user
    staff.is_staff = True
    staff.save()
    before = page_text(get(client, "/en/impact/"))
    approved(team, leader, staff, VolunteerFactory().user, "3.5", days_ago=3)
    after = page_text(get(client, "/en/impact/"))
    assert after != before and "3.5" in after


def test_a_cached_event_page_stops_offering_sign_up_when_the_deadline_passes(client, event):
    assert "Sign in to sign up" in page_text(warm(client, f"/en/events/{event.pk}/"))
    assert get(client, f"/en/events/{event.pk}/")[HIT] == "hit"
    later = event.signup_deadline + datetime.timedelta(minutes=1)
    with mock.patch("django.utils.timezone.now", return_value=later):
        page = get(client, f"/en/events/{event.pk}/")
    assert page[HIT] == "miss" and "Sign-up for this event has closed." in page_text(page)
    assert "Sign in to sign up" not in page_text(page)


# --- Feeds: shared, conditional -------------------------------------------------------------


def test_feeds_answer_304_until_an_event_changes(client, event):
    etag = warm(client, "/api/events.geojson")["ETag"]
    assert get(client, "/api/events.geojson", if_none_match=etag).status_code == 304
    event.title = "改了名字的巡河"
    event.save()
    changed = get(client, "/api/events.geojson", if_none_match=etag)
    assert changed.status_code == 200 and "改了名字的巡河" in page_text(changed)


def test_signed_in_people_share_the_cached_open_data_feeds(client, event):
    warm(Client(), "/events/calendar.ics")
    client.force_login(VolunteerFactory().user)
    assert get(client, "/events/calendar.ics")[HIT] == "hit"


# --- The cache is an accelerator, never a dependency -----------------------------------------


class BrokenCache(BaseCache):
    """A cache whose server is down: every call fails, as Redis's client does."""

    def __init__(self, *args, **kwargs):
        super().__init__({})

    def _fail(self, *args, **kwargs):
        raise ConnectionError("cache server unreachable")

    get = set = add = delete = get_many = set_many = delete_many = incr = clear = _fail
    touch = has_key = _fail


def test_pages_render_and_changes_go_through_when_the_page_cache_is_down(client, event):
    broken = BrokenCache()
    with (
        mock.patch("portal.pagecache.store.cache", broken),
        mock.patch("portal.pagecache.tags.cache", broken),
    ):
        assert "库区巡河" in page_text(get(client, "/events/"))
        assert places_left(get(client, f"/en/events/{event.pk}/")) == 2
        event_signup(event=event, user=VolunteerFactory().user)
        assert places_left(get(client, f"/en/events/{event.pk}/")) == 1
    event.refresh_from_db()
    assert event.places_taken == 1


def test_time_left_in_a_page_is_never_longer_than_the_setting(client, event, settings):
    settings.PAGECACHE_SECONDS = 60
    warm(client, "/events/")
    with mock.patch(
        "django.utils.timezone.now", return_value=timezone.now() + datetime.timedelta(seconds=61)
    ):
        assert get(client, "/events/")[HIT] == "miss"


def test_pages_and_feeds_are_sent_compressed_from_the_cache_too(client, event):
    import gzip

    for url in ("/events/", "/api/events.geojson"):
        for _ in range(3):  # a miss, then hits
            response = client.get(url, headers={"accept-encoding": "gzip, br"})
            assert response["Content-Encoding"] == "gzip"
            assert "库区巡河" in gzip.decompress(response.content).decode()
        assert response[HIT] == "hit"


def test_saving_the_site_settings_changes_every_cached_page(client, home):
    from portal.models import SiteSettings

    assert get(client, "/events/")[HIT] == "miss"  # makes the settings row on first read
    assert get(client, "/events/")[HIT] == "hit"
    settings_row = SiteSettings.objects.get()
    settings_row.organisation = "十堰市机关事务服务中心（新名称）"
    settings_row.save()
    page = get(client, "/events/")
    assert page[HIT] == "miss" and "（新名称）" in page_text(page)


def test_a_browser_revalidating_a_compressed_feed_gets_304(client, event):
    gzip = {"accept-encoding": "gzip"}
    warm(client, "/api/events.geojson")
    etag = get(client, "/api/events.geojson", **gzip)["ETag"]
    assert etag.startswith('W/"')
    assert get(client, "/api/events.geojson", if_none_match=etag, **gzip).status_code == 304


def test_a_page_from_the_cache_carries_the_headers_the_whole_stack_gave_it(client, event):
    first = warm(client, "/en/events/")
    hit = get(client, "/en/events/")
    assert hit[HIT] == "hit"
    for header in ("Content-Language", "X-Frame-Options", "Content-Type", "Vary"):
        assert hit[header] == first[header], header
    assert hit["Content-Language"] == "en"
