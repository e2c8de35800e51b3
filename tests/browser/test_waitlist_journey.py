"""On a phone, a volunteer on the waiting list watches their place move up while the event
page is open, and sees the place become theirs, without reloading."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import person, sign_in
from tests.factories import EventFactory, TeamFactory
from volunteers.events.models import Signup
from volunteers.events.services.signups import event_signup, signup_cancel


@pytest.fixture
def full_event(live_server, transactional_db):
    from portal import demo
    from tests.conftest import QuietOutput

    demo.load(out=QuietOutput())
    event = EventFactory(team=TeamFactory(name="浪河护水队"), title="浪河口清漂", capacity=1)
    people = [person(f"v{n}@example.com", f"小水滴{n}") for n in range(3)]
    for someone in people:
        event_signup(event=event, user=someone)
    return event, people


def test_a_waiting_volunteer_sees_their_place_move_up_live(live_server, full_event, phone):
    event, (first, second, third) = full_event
    page = phone
    page.clock.install()  # the page's half-minute check runs when the test says
    sign_in(page, live_server.url, "v2@example.com")
    page.goto(f"{live_server.url}/events/{event.pk}/")
    place = page.locator("[data-waitlist]")
    expect(place).to_have_text("候补第 2 位")

    # The one ahead leaves the queue: the open page moves up at its next check.
    signup_cancel(signup=Signup.objects.get(event=event, user=second), user=second)
    page.clock.run_for(31_000)
    expect(place).to_have_text("候补第 1 位")

    # The place holder cancels: the place is the third volunteer's, and the page says so.
    signup_cancel(signup=Signup.objects.get(event=event, user=first), user=first)
    page.clock.run_for(31_000)
    expect(page.locator(".signup-box")).to_contain_text("你已报名")
    expect(page.locator("[data-waitlist]")).to_have_count(0)
    assert Signup.objects.get(event=event, user=third).status == "confirmed"
