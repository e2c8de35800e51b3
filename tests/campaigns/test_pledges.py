"""Pledges: one click with an account, a display name without; withdrawn at will.

The database allows one active pledge per account and campaign; visitors are
rate-limited per address; bots filling the hidden field are fooled; nothing
is half-saved when something is refused.
"""

import datetime
from unittest import mock

import pytest
from django.core import mail
from django.db import IntegrityError, transaction
from django.test import Client, override_settings
from django.utils import timezone, translation
from django.utils.translation import gettext

from campaigns.models import Pledge
from campaigns.services import ANON_PLEDGES_PER_WINDOW, ip_fingerprint, pledge_make
from portal import tasks as portal_tasks
from portal.dates import shiyan_today
from portal.errors import ServiceError
from portal.outbox import OutgoingMail
from tests.campaigns.conftest import translate
from tests.factories import CampaignPageFactory, PledgeFactory, VolunteerFactory

pytestmark = pytest.mark.django_db


def pledge_url(page):
    return page.url + "pledge/"


def withdraw_url(page):
    return page.url + "withdraw/"


def zh(message: str) -> str:
    """A UI message as the Chinese site shows it."""
    with translation.override("zh-hans"):
        return gettext(message)


def count_in(html: str) -> int:
    return int(html.split("data-pledge-count>", 1)[1].split("<", 1)[0].replace(",", ""))


INVISIBLE = "The name contains invisible or control characters; please type it again."


def days(n):
    return shiyan_today() + datetime.timedelta(days=n)


# --- With an account -----------------------------------------------------------------


def test_a_signed_in_volunteer_pledges_in_one_click(
    client, campaign, volunteer, django_capture_on_commit_callbacks
):
    client.force_login(volunteer)
    html = client.get(campaign.url).content.decode()
    assert "data-pledge-button" in html
    assert 'name="display_name"' not in html  # the account's display name is used
    assert count_in(html) == 0

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(pledge_url(campaign), follow=True)
    pledge = Pledge.objects.get()
    assert (pledge.user, pledge.display_name, pledge.ip_hash) == (volunteer, "光盘小达人", "")
    html = response.content.decode()
    assert count_in(html) == 1
    assert "data-my-pledge" in html and "光盘小达人" in html
    assert [m.to for m in mail.outbox] == [[volunteer.email]]


def test_the_database_allows_one_active_pledge_per_account(campaign, volunteer):
    Pledge.objects.create(campaign=campaign, user=volunteer, display_name="一")
    with pytest.raises(IntegrityError), transaction.atomic():
        Pledge.objects.create(campaign=campaign, user=volunteer, display_name="二")
    Pledge.objects.update(withdrawn_at=timezone.now())
    Pledge.objects.create(campaign=campaign, user=volunteer, display_name="三")
    # Visitors without an account are not tied to each other.
    PledgeFactory.create_batch(2, campaign=campaign)
    assert Pledge.objects.active().count() == 3


def test_a_repeated_pledge_gets_a_message_and_changes_nothing(client, campaign, volunteer):
    client.force_login(volunteer)
    client.post(pledge_url(campaign))
    response = client.post(pledge_url(campaign), follow=True)
    html = response.content.decode()
    assert zh("You have already made this pledge. Thank you!") in html
    assert Pledge.objects.count() == 1 and count_in(html) == 1
    assert OutgoingMail.objects.count() == 1


def test_a_second_pledge_racing_the_first_is_refused_by_the_database(campaign, volunteer):
    pledge_make(campaign=campaign, user=volunteer)
    # The service's own check misses the first pledge, as in a double click:
    # the unique index still refuses, and the refusal is a clear message.
    with mock.patch("campaigns.services.Pledge.objects.for_campaign") as lookup:
        lookup.return_value.filter.return_value.exists.return_value = False
        lookup.return_value.filter.return_value.count.return_value = 0
        with pytest.raises(ServiceError):
            pledge_make(campaign=campaign, user=volunteer)
    assert Pledge.objects.count() == 1
    assert OutgoingMail.objects.count() == 1


def test_a_volunteer_withdraws_and_may_pledge_again(client, campaign, volunteer):
    client.force_login(volunteer)
    client.post(pledge_url(campaign))
    response = client.post(withdraw_url(campaign), follow=True)
    html = response.content.decode()
    assert zh("Your pledge is withdrawn.") in html
    assert count_in(html) == 0 and "data-pledge-button" in html
    assert Pledge.objects.get().withdrawn_at is not None

    html = client.post(pledge_url(campaign), follow=True).content.decode()
    assert count_in(html) == 1
    assert Pledge.objects.count() == 2 and Pledge.objects.active().count() == 1


def test_withdrawing_without_a_pledge_says_so(client, campaign, volunteer):
    client.force_login(volunteer)
    html = client.post(withdraw_url(campaign), follow=True).content.decode()
    assert zh("There is no pledge of yours to withdraw here.") in html


def test_nobody_can_withdraw_someone_elses_pledge(client, campaign, volunteer):
    other = VolunteerFactory().user
    pledge_make(campaign=campaign, user=other)
    client.force_login(volunteer)
    client.post(withdraw_url(campaign))
    Client().post(withdraw_url(campaign))
    assert Pledge.objects.active().count() == 1


def test_pledging_on_the_translation_is_the_same_pledge(client, campaign, volunteer, en_locale):
    english = translate(campaign, "Clean plates")
    client.force_login(volunteer)
    client.post(pledge_url(campaign))
    html = client.post(pledge_url(english), follow=True).content.decode()
    assert Pledge.objects.count() == 1
    assert count_in(html) == 1 and "data-my-pledge" in html
    assert Pledge.objects.get().campaign_id == campaign.pk


def test_pledges_on_an_alias_are_stored_on_the_original(client, campaign, volunteer, en_locale):
    # Editors get an alias in the other language until they translate a page.
    alias = campaign.copy_for_translation(en_locale, copy_parents=True, alias=True)
    client.force_login(volunteer)
    client.post(pledge_url(alias))
    assert Pledge.objects.get().campaign_id == campaign.pk
    assert count_in(client.get(campaign.url).content.decode()) == 1


# --- Without an account --------------------------------------------------------------


def test_a_visitor_pledges_with_a_display_name_and_only_a_hash_of_the_address(client, campaign):
    response = client.post(
        pledge_url(campaign), {"display_name": "  食堂   小王 "}, REMOTE_ADDR="203.0.113.9"
    )
    assert response.status_code == 302 and response["Location"] == campaign.url
    pledge = Pledge.objects.get()
    assert pledge.user is None and pledge.display_name == "食堂 小王"
    assert pledge.ip_hash == ip_fingerprint("203.0.113.9") and "203.0.113" not in pledge.ip_hash
    assert not OutgoingMail.objects.exists()  # no address to write to

    html = client.get(campaign.url).content.decode()
    assert count_in(html) == 1 and "data-my-pledge" in html
    assert 'name="display_name"' not in html  # this browser has pledged


def test_a_visitor_can_withdraw_from_the_same_browser(client, campaign):
    client.post(pledge_url(campaign), {"display_name": "小王"})
    client.post(withdraw_url(campaign))
    assert Pledge.objects.get().withdrawn_at is not None
    assert count_in(client.get(campaign.url).content.decode()) == 0


def test_a_visitor_pledging_twice_from_one_browser_gets_a_message(client, campaign):
    client.post(pledge_url(campaign), {"display_name": "小王"})
    html = client.post(pledge_url(campaign), {"display_name": "小王"}, follow=True)
    assert zh("You have already made this pledge from this browser.") in html.content.decode()
    assert Pledge.objects.count() == 1


def test_visitors_are_rate_limited_per_address(campaign):
    for n in range(ANON_PLEDGES_PER_WINDOW):
        response = Client().post(
            pledge_url(campaign), {"display_name": f"访客{n}"}, REMOTE_ADDR="203.0.113.7"
        )
        assert response.status_code == 302
    response = Client().post(
        pledge_url(campaign), {"display_name": "又一位访客"}, REMOTE_ADDR="203.0.113.7"
    )
    assert response.status_code == 429
    html = response.content.decode()
    assert "<h1>光盘行动</h1>" in html  # the campaign page itself, with a message
    assert (
        zh(
            "Many pledges have come from your network in the last hour. "
            "Please try again later, or sign in to pledge with your account."
        )
        in html
    )
    assert Pledge.objects.count() == ANON_PLEDGES_PER_WINDOW
    # Another address is not affected; signed-in volunteers are never limited.
    other = Client().post(
        pledge_url(campaign), {"display_name": "邻居"}, REMOTE_ADDR="198.51.100.4"
    )
    assert other.status_code == 302
    volunteer = Client()
    volunteer.force_login(VolunteerFactory().user)
    assert volunteer.post(pledge_url(campaign), REMOTE_ADDR="203.0.113.7").status_code == 302
    assert Pledge.objects.count() == ANON_PLEDGES_PER_WINDOW + 2


def test_the_honeypot_pretends_success_and_saves_nothing(client, campaign):
    response = client.post(
        pledge_url(campaign),
        {"display_name": "便宜广告", "website": "http://spam.example"},
        follow=True,
    )
    assert response.status_code == 200
    assert response.redirect_chain == [(campaign.url, 302)]
    assert Pledge.objects.count() == 0
    assert count_in(response.content.decode()) == 0


def test_the_form_hides_the_honeypot_from_people(client, campaign):
    html = client.get(campaign.url).content.decode()
    trap = html.split('class="pledge-form__trap"', 1)[1].split("</div>", 1)[0]
    assert 'aria-hidden="true"' in trap and 'name="website"' in trap and 'tabindex="-1"' in trap


@pytest.mark.parametrize(
    ("name", "message"),
    [
        ("", "Enter the name to show with your pledge."),
        ("    ", "Enter the name to show with your pledge."),
        ("长" * 500, None),
        ("小\x07王", "The name contains invisible or control characters; please type it again."),
        (
            "小王\u202e反转",
            "The name contains invisible or control characters; please type it again.",
        ),
        ("小\x00王", None),
    ],
)
def test_bad_display_names_get_a_message_and_save_nothing(client, campaign, name, message):
    response = client.post(pledge_url(campaign), {"display_name": name})
    assert response.status_code == 200
    html = response.content.decode()
    assert "field--error" in html and zh("Please check your name below.") in html
    if message:
        assert zh(message) in html
    assert Pledge.objects.count() == 0


def test_a_500_character_name_is_told_the_limit(client, campaign):
    response = client.post(pledge_url(campaign), {"display_name": "x" * 500})
    expected = zh("Keep the name to %(max)d characters or fewer (it has %(n)d).")
    assert expected % {"max": 40, "n": 500} in response.content.decode()


def test_html_in_a_name_is_kept_as_text_and_escaped(client, campaign):
    client.post(pledge_url(campaign), {"display_name": "<script>alert(1)</script>"})
    assert Pledge.objects.get().display_name == "<script>alert(1)</script>"
    html = Client().get(campaign.url).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html


# --- When pledging is not possible -----------------------------------------------------


@pytest.mark.parametrize(
    ("start", "end", "message"),
    [
        (-60, -1, "This campaign has finished, so it no longer takes pledges."),
        (5, 60, "Pledging opens when the campaign starts on %(date)s."),
    ],
)
def test_finished_and_upcoming_campaigns_take_no_pledges(
    client, campaigns_index, volunteer, start, end, message
):
    page = CampaignPageFactory(parent=campaigns_index, start_date=days(start), end_date=days(end))
    html = client.get(page.url).content.decode()
    assert "data-pledge-box" in html and "data-pledge-button" not in html

    response = client.post(pledge_url(page), {"display_name": "小王"}, follow=True)
    expected = zh(message) % {"date": days(start).isoformat()}
    assert expected in response.content.decode()
    client.force_login(volunteer)
    assert expected in client.post(pledge_url(page), follow=True).content.decode()
    assert Pledge.objects.count() == 0 and OutgoingMail.objects.count() == 0


def test_a_campaign_without_a_pledge_text_has_no_pledge_form(client, campaigns_index, volunteer):
    page = CampaignPageFactory(parent=campaigns_index, pledge_text="")
    html = client.get(page.url).content.decode()
    assert "data-pledge-box" not in html and 'name="display_name"' not in html
    client.force_login(volunteer)
    response = client.post(pledge_url(page), follow=True)
    assert zh("This campaign does not ask for pledges.") in response.content.decode()
    assert Pledge.objects.count() == 0


def test_pledge_routes_take_post_only_with_a_csrf_token(client, campaign):
    assert client.get(pledge_url(campaign)).status_code == 405
    assert client.get(withdraw_url(campaign)).status_code == 405
    strict = Client(enforce_csrf_checks=True)
    assert strict.post(pledge_url(campaign), {"display_name": "小王"}).status_code == 403
    assert Pledge.objects.count() == 0


# --- The confirmation e-mail -------------------------------------------------------------


def test_the_mail_row_is_written_in_the_pledges_transaction(campaign, volunteer):
    with pytest.raises(RuntimeError), transaction.atomic():
        pledge_make(campaign=campaign, user=volunteer)
        assert OutgoingMail.objects.filter(to=volunteer.email).count() == 1
        raise RuntimeError("the request failed after the pledge")
    assert not Pledge.objects.exists() and not OutgoingMail.objects.exists()


def test_the_confirmation_is_sent_once_even_if_the_task_runs_twice(
    campaign, volunteer, django_capture_on_commit_callbacks
):
    with (
        mock.patch.object(portal_tasks.send_outgoing_mail, "apply_async") as publish,
        django_capture_on_commit_callbacks(execute=True),
    ):
        pledge_make(campaign=campaign, user=volunteer)
    ((mail_id,),) = publish.call_args.args
    assert portal_tasks.send_outgoing_mail(mail_id) is True
    assert portal_tasks.send_outgoing_mail(mail_id) is False
    assert len(mail.outbox) == 1
    message = mail.outbox[0]
    assert "光盘行动" in message.subject
    assert "我承诺：光盘不剩饭" in message.body
    assert f"{campaign.url}" in message.body
    assert OutgoingMail.objects.get().sent_at is not None


@override_settings(PORTAL_BASE_URL="https://qingshui.example")
def test_the_confirmation_speaks_the_volunteers_language(
    campaign, en_locale, django_capture_on_commit_callbacks
):
    english = translate(campaign, "Clean plates")
    english.pledge_text = "I will finish my plate"
    english.save_revision().publish()
    user = VolunteerFactory(language="en").user
    with django_capture_on_commit_callbacks(execute=True):
        pledge_make(campaign=campaign, user=user)
    message = mail.outbox[0]
    assert message.subject == "Thank you for your pledge: Clean plates"
    assert "I will finish my plate" in message.body
    link = "https://qingshui.example/en/campaigns/clean-plate/"
    assert link in message.body.split()
    html = message.alternatives[0][0]
    assert "I will finish my plate" in html and f'href="{link}"' in html


def test_withdrawing_and_pledging_again_is_limited_per_day(campaign, volunteer):
    from campaigns.services import PLEDGES_PER_CAMPAIGN_PER_DAY, pledge_withdraw

    for _ in range(PLEDGES_PER_CAMPAIGN_PER_DAY):
        pledge_withdraw(pledge=pledge_make(campaign=campaign, user=volunteer), user=volunteer)
    sent = OutgoingMail.objects.filter(to=volunteer.email).count()
    with translation.override("en"), pytest.raises(ServiceError, match="pledge again tomorrow"):
        pledge_make(campaign=campaign, user=volunteer)
    assert OutgoingMail.objects.filter(to=volunteer.email).count() == sent
