"""Signing up for events and cancelling, and the roster of who signed up."""

import csv
import datetime
import io

import pytest
from django.utils import timezone

from tests.factories import EventFactory
from tests.utils import en, messages_of, text
from tests.volunteers.events.helpers import local
from volunteers.events.models import Event, Signup
from volunteers.events.services.signups import event_signup

pytestmark = pytest.mark.django_db


# --- Signing up and cancelling -------------------------------------------------------------


def test_sign_up_confirms_then_waitlists_when_full(client, event, make_volunteer):
    a, b, c = (make_volunteer() for _ in range(3))
    for person in (a, b):
        client.force_login(person)
        response = client.post(en("event_signup", event.pk), follow=True)
        assert "is confirmed" in messages_of(response)
        assert "You have a place." in text(response)
    client.force_login(c)
    response = client.post(en("event_signup", event.pk), follow=True)
    assert response.redirect_chain[-1][0] == en("event_detail", event.pk)
    assert "waiting list" in messages_of(response)
    assert "Number 1 on the waiting list" in text(response)
    assert list(event.signups.order_by("pk").values_list("status", flat=True)) == [
        "confirmed",
        "confirmed",
        "waitlisted",
    ]


def test_signing_up_twice_gives_a_message_and_no_second_row(client, event, volunteer):
    client.force_login(volunteer)
    client.post(en("event_signup", event.pk))
    response = client.post(en("event_signup", event.pk), follow=True)
    assert response.status_code == 200
    assert "already signed up" in messages_of(response)
    assert Signup.objects.filter(event=event, user=volunteer).count() == 1


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"status": "cancelled"}, "cancelled"),
        ({"signup_deadline": local(-1)}, "closed"),
        (
            {"starts_at": local(-1), "ends_at": local(-1, 12), "signup_deadline": local(-2)},
            "already started",
        ),
    ],
    ids=["cancelled", "after-deadline", "past"],
)
def test_no_sign_up_when_it_is_not_open(client, event, volunteer, change, message):
    Event.objects.filter(pk=event.pk).update(**change)
    client.force_login(volunteer)
    response = client.post(en("event_signup", event.pk), follow=True)
    assert response.status_code == 200
    assert message in messages_of(response)
    assert not Signup.objects.filter(event=event).exists()


def test_sign_up_needs_a_post_and_an_account(client, event):
    assert client.get(en("event_signup", event.pk)).status_code == 405
    response = client.post(en("event_signup", event.pk))
    assert response.status_code == 302
    assert "/accounts/login/" in response["Location"]
    assert not Signup.objects.exists()


def test_sign_up_for_a_hidden_event_is_a_404(client, team, volunteer):
    event = EventFactory(team=team, visibility="members")
    client.force_login(volunteer)
    assert client.post(en("event_signup", event.pk)).status_code == 404
    assert client.post(en("event_signup", 987654)).status_code == 404
    assert not Signup.objects.exists()


def test_staff_who_are_not_members_cannot_take_a_members_only_place(client, team, staff):
    event = EventFactory(team=team, visibility="members")
    client.force_login(staff)
    assert client.post(en("event_signup", event.pk)).status_code == 403
    assert not Signup.objects.exists()


def test_overlapping_sign_ups_are_warned_about_but_go_through(client, team, volunteer):
    first = EventFactory(team=team, title="上午巡河")
    second = EventFactory(
        team=team,
        title="同时清漂",
        starts_at=first.starts_at + datetime.timedelta(hours=1),
        ends_at=first.ends_at + datetime.timedelta(hours=1),
    )
    client.force_login(volunteer)
    client.post(en("event_signup", first.pk))
    response = client.post(en("event_signup", second.pk), follow=True)
    assert "overlaps" in messages_of(response)
    assert "上午巡河" in messages_of(response)
    assert Signup.objects.get(event=second, user=volunteer).status == "confirmed"


def test_cancelling_gives_the_place_to_the_waiting_list(client, event, make_volunteer):
    a, b, c = (make_volunteer() for _ in range(3))
    for person in (a, b, c):
        event_signup(event=event, user=person)
    client.force_login(a)
    signup = Signup.objects.get(event=event, user=a)
    response = client.post(en("signup_cancel", signup.pk), follow=True)
    assert "is cancelled" in messages_of(response)
    signup.refresh_from_db()
    assert signup.status == "cancelled"
    client.force_login(c)
    page = text(client.get(en("event_detail", event.pk)))
    assert "You have a place." in page


def test_cancel_goes_back_to_a_safe_next_only(client, event, volunteer):
    client.force_login(volunteer)
    signup = event_signup(event=event, user=volunteer)
    response = client.post(en("signup_cancel", signup.pk), {"next": "https://evil.example/"})
    assert response["Location"] == en("event_detail", event.pk)
    signup = event_signup(event=event, user=volunteer)
    response = client.post(en("signup_cancel", signup.pk), {"next": "/en/me/"})
    assert response["Location"] == "/en/me/"


def test_nobody_cancels_someone_elses_sign_up(client, event, volunteer, make_volunteer):
    signup = event_signup(event=event, user=volunteer)
    client.force_login(make_volunteer())
    assert client.post(en("signup_cancel", signup.pk)).status_code == 404
    assert client.get(en("signup_cancel", signup.pk)).status_code == 404
    assert client.get(en("signup_status", signup.pk)).status_code == 404
    assert client.post(en("signup_cancel", 987654)).status_code == 404
    signup.refresh_from_db()
    assert signup.status == "confirmed"


def test_cancelling_asks_first_and_says_what_happens_to_the_place(client, event, volunteer):
    signup = event_signup(event=event, user=volunteer)
    client.force_login(volunteer)
    page = text(client.get(en("event_detail", event.pk)))
    assert f'href="{en("signup_cancel", signup.pk)}"' in page  # a link to the question
    response = client.get(en("signup_cancel", signup.pk) + "?next=/en/me/")
    question = text(response)
    assert response.status_code == 200
    assert "Cancel your place at" in question and event.title in question
    assert "first person on the waiting list" in question
    assert 'name="next" value="/en/me/"' in question and 'href="/en/me/"' in question
    signup.refresh_from_db()
    assert signup.status == "confirmed"  # asking changes nothing


def test_after_checking_in_a_place_can_no_longer_be_cancelled(client, event, volunteer):
    signup = event_signup(event=event, user=volunteer)
    Signup.objects.filter(pk=signup.pk).update(attendance="present")
    client.force_login(volunteer)
    assert en("signup_cancel", signup.pk) not in text(client.get(en("event_detail", event.pk)))
    assert en("signup_cancel", signup.pk) not in text(client.get(en("me")))
    response = client.get(en("signup_cancel", signup.pk), follow=True)
    assert "checked in" in messages_of(response)
    response = client.post(en("signup_cancel", signup.pk), follow=True)
    assert "checked in" in messages_of(response)
    signup.refresh_from_db()
    assert signup.status == "confirmed"


def test_a_waiting_volunteer_sees_their_place_in_the_queue_move_up(client, event, make_volunteer):
    a, b, c, d = (make_volunteer() for _ in range(4))
    for person in (a, b, c, d):
        event_signup(event=event, user=person)  # two places: c and d wait
    mine = Signup.objects.get(event=event, user=d)
    client.force_login(d)
    assert "Number 2 on the waiting list" in text(client.get(en("event_detail", event.pk)))
    assert "Number 2 on the waiting list" in text(client.get(en("me")))
    assert client.get(en("signup_status", mine.pk)).json() == {
        "status": "waitlisted", "position": 2, "text": "Number 2 on the waiting list",
    }  # fmt: skip
    client.force_login(a)
    client.post(en("signup_cancel", Signup.objects.get(event=event, user=a).pk))
    client.force_login(d)
    assert client.get(en("signup_status", mine.pk)).json()["position"] == 1
    assert "Number 1 on the waiting list" in text(client.get(en("me")))
    client.force_login(b)
    client.post(en("signup_cancel", Signup.objects.get(event=event, user=b).pk))
    client.force_login(d)
    assert client.get(en("signup_status", mine.pk)).json() == {
        "status": "confirmed", "position": None, "text": "",
    }  # fmt: skip


def test_my_page_costs_the_same_however_many_queues_i_wait_in(client, team, make_volunteer):
    from tests.utils import queries_for

    me = make_volunteer()
    client.force_login(me)

    def wait_in(n):
        for _ in range(n):
            full = EventFactory(team=team, capacity=1)
            event_signup(event=full, user=make_volunteer())
            event_signup(event=full, user=me)

    wait_in(1)
    few = queries_for(client, en("me"))
    wait_in(6)
    assert queries_for(client, en("me")) == few


def test_cancelling_a_confirmed_place_after_the_deadline_is_refused_kindly(
    client, event, volunteer
):
    signup = event_signup(event=event, user=volunteer)
    Event.objects.filter(pk=event.pk).update(signup_deadline=local(-1))
    client.force_login(volunteer)
    response = client.post(en("signup_cancel", signup.pk), follow=True)
    assert "tell the team leader" in messages_of(response)
    signup.refresh_from_db()
    assert signup.status == "confirmed"


# --- The roster ------------------------------------------------------------------------


@pytest.fixture
def signed_up(event, make_volunteer):
    """Two confirmed and one waiting, with private real names and phones."""
    people = [
        make_volunteer(display_name=f"小水滴{n}", real_name=f"真名{n}", phone=f"1390000000{n}")
        for n in range(3)
    ]
    for person in people:
        event_signup(event=event, user=person)
    return people


def test_the_roster_lists_confirmed_and_waiting_people_for_the_leader(
    client, event, leader, signed_up
):
    client.force_login(leader)
    response = client.get(en("event_roster", event.pk))
    page = text(response)
    assert [s.user for s in response.context["confirmed"]] == signed_up[:2]
    assert [s.user for s in response.context["waitlisted"]] == signed_up[2:]
    for n in range(3):
        assert f"真名{n}" in page and f"1390000000{n}" in page
    assert en("event_roster_csv", event.pk) in page
    assert "no-cache" in response["Cache-Control"] or "no-store" in response["Cache-Control"]


def test_staff_see_the_roster(client, event, staff, signed_up):
    client.force_login(staff)
    assert "真名0" in text(client.get(en("event_roster", event.pk)))


def test_real_names_and_phones_stay_private(client, event, signed_up, member, other_leader):
    private = ["真名0", "真名1", "真名2", "13900000000", "13900000001"]
    pages = [en("event_detail", event.pk), en("event_list")]
    for person in (None, member, signed_up[0], other_leader):
        client.logout()
        if person is not None:
            client.force_login(person)
        for url in pages:
            page = text(client.get(url))
            assert not any(p in page for p in private), (person, url)
        for url in (en("event_roster", event.pk), en("event_roster_csv", event.pk)):
            response = client.get(url)
            if person is None:
                assert response.status_code == 302
            else:
                assert response.status_code == 403
            assert not any(p in response.content.decode() for p in private)


def test_the_leader_does_not_see_private_data_on_the_public_pages(client, event, leader, signed_up):
    client.force_login(leader)
    for url in (en("event_detail", event.pk), en("event_list")):
        assert "真名0" not in text(client.get(url))


def test_a_members_only_roster_is_a_404_for_outsiders(client, team, volunteer):
    event = EventFactory(team=team, visibility="members")
    client.force_login(volunteer)
    assert client.get(en("event_roster", event.pk)).status_code == 404
    assert client.get(en("event_roster_csv", event.pk)).status_code == 404


def test_the_csv_opens_in_excel_with_chinese_intact(client, event, leader, signed_up):
    client.force_login(leader)
    response = client.get(en("event_roster_csv", event.pk))
    assert response["Content-Type"].startswith("text/csv")
    assert "attachment" in response["Content-Disposition"]
    assert response.content.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0] == [
        "Status",
        "Display name",
        "Real name",
        "Phone",
        "Signed up at",
        "Queued at",
    ]
    assert [r[:4] for r in rows[1:]] == [
        ["Confirmed", "小水滴0", "真名0", "13900000000"],
        ["Confirmed", "小水滴1", "真名1", "13900000001"],
        ["On the waiting list", "小水滴2", "真名2", "13900000002"],
    ]
    signed_at = timezone.localtime(Signup.objects.get(user=signed_up[0]).created_at)
    assert rows[1][4] == signed_at.strftime("%Y-%m-%d %H:%M")


def test_the_csv_never_runs_a_formula(client, event, leader, make_volunteer):
    sly = make_volunteer(display_name='=HYPERLINK("http://evil.example")')
    event_signup(event=event, user=sly)
    client.force_login(leader)
    rows = list(
        csv.reader(
            io.StringIO(client.get(en("event_roster_csv", event.pk)).content.decode("utf-8-sig"))
        )
    )
    assert rows[1][1] == '\'=HYPERLINK("http://evil.example")'
