"""Staff see and export pledges per campaign and enter dated progress for manual goals."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.utils import timezone, translation
from django.utils.translation import gettext
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from campaigns.models import CampaignPage, GoalUpdate, Pledge
from campaigns.progress import goal_progress
from campaigns.roles import campaign_permissions_ensure
from portal.dates import shiyan_today
from showcase.roles import editorial_setup_ensure
from tests.factories import CampaignPageFactory, PledgeFactory, VolunteerFactory
from tests.utils import read_csv

pytestmark = pytest.mark.django_db

PLEDGES = "/admin/campaigns/pledges/"
EXPORT = "/admin/campaigns/pledges/export/"
PROGRESS = "/admin/campaigns/progress/"
MANUAL = {"label": "租赁新能源公务用车", "kind": "manual", "target": 728, "unit": "辆"}


def group_client(client, name):
    groups = editorial_setup_ensure()
    campaign_permissions_ensure()
    user = get_user_model().objects.create_user(name, f"{name}@example.com", "pw")
    user.groups.add(groups[name.capitalize() + "s"])
    client.force_login(user)
    return client


@pytest.fixture
def manual_campaign(campaigns_index):
    return CampaignPageFactory(
        parent=campaigns_index, title="绿色出行", goals=[MANUAL], pledge_text=""
    )


# --- Pledges --------------------------------------------------------------------------


def test_staff_find_pledges_and_progress_in_the_campaigns_menu(admin_client, campaign):
    html = admin_client.get("/admin/").content.decode()
    assert PLEDGES in html and PROGRESS in html
    edit = admin_client.get(f"/admin/pages/{campaign.pk}/edit/").content.decode()
    assert f"{PLEDGES}?campaign={campaign.pk}" in edit
    assert f"{EXPORT}?campaign={campaign.pk}" in edit


def test_the_pledge_list_filters_by_campaign_and_escapes_names(admin_client, campaign):
    other = CampaignPageFactory(parent=campaign.get_parent(), title="另一个行动")
    PledgeFactory(campaign=campaign, display_name="<script>alert(1)</script>")
    PledgeFactory(campaign=other, display_name="别的行动的人")
    html = admin_client.get(PLEDGES, {"campaign": campaign.pk}).content.decode()
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<script>alert(1)" not in html
    assert "别的行动的人" not in html
    assert "别的行动的人" in admin_client.get(PLEDGES).content.decode()


def test_the_pledge_list_is_read_only(admin_client, campaign):
    pledge = PledgeFactory(campaign=campaign)
    assert admin_client.get(PLEDGES + "new/").status_code == 404
    assert admin_client.get(f"{PLEDGES}edit/{pledge.pk}/").status_code == 404
    assert admin_client.get(f"{PLEDGES}delete/{pledge.pk}/").status_code == 404
    assert admin_client.get(f"{PLEDGES}inspect/{pledge.pk}/").status_code == 200


def test_the_export_is_a_streamed_utf8_csv_with_formulas_defused(admin_client, campaign, volunteer):
    PledgeFactory(campaign=campaign, display_name='=HYPERLINK("http://evil")')
    PledgeFactory(campaign=campaign, display_name="撤回了", withdrawn_at=timezone.now())
    Pledge.objects.create(campaign=campaign, user=volunteer, display_name="光盘小达人")
    PledgeFactory(campaign=CampaignPageFactory(parent=campaign.get_parent()), display_name="别处")

    response = admin_client.get(EXPORT, {"campaign": campaign.pk})
    assert response.streaming
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    body, rows = read_csv(response)
    assert body.startswith("\ufeff".encode())
    header, *data = rows
    assert len(header) == 7 and len(data) == 3
    by_name = {row[1]: row for row in data}
    assert '\'=HYPERLINK("http://evil")' in by_name
    with translation.override("zh-hans"):  # the admin speaks the default language
        yes, no = gettext("Yes"), gettext("No")
    assert by_name["光盘小达人"][2] == yes and by_name['\'=HYPERLINK("http://evil")'][2] == no
    assert by_name["撤回了"][4] == yes and by_name["撤回了"][5]
    assert "别处" not in body.decode("utf-8-sig")
    assert volunteer.email not in body.decode("utf-8-sig")


def test_editors_and_volunteers_cannot_see_or_export_pledges(client, campaign, volunteer):
    PledgeFactory(campaign=campaign)
    editor = group_client(client, "editor")
    assert editor.get(PLEDGES).status_code in (302, 403)
    assert editor.get(EXPORT).status_code in (302, 403)
    client.force_login(volunteer)
    assert client.get(PLEDGES).status_code == 403
    assert client.get(EXPORT).status_code == 403


def test_moderators_see_pledges(client, campaign):
    PledgeFactory(campaign=campaign, display_name="版主能看到")
    moderator = group_client(client, "moderator")
    assert "版主能看到" in moderator.get(PLEDGES).content.decode()
    assert moderator.get(EXPORT).status_code == 200


def test_staff_hide_a_pledge_and_show_it_again(admin_client, client, campaign):
    pledge = PledgeFactory(campaign=campaign, display_name="不雅的名字")
    confirm = admin_client.get(f"{PLEDGES}hide/{pledge.pk}/")
    assert confirm.status_code == 200 and "不雅的名字" in confirm.content.decode()
    admin_client.post(f"{PLEDGES}hide/{pledge.pk}/")
    pledge.refresh_from_db()
    assert pledge.hidden_at is not None
    assert "不雅的名字" not in client.get(campaign.url).content.decode()
    admin_client.post(f"{PLEDGES}show/{pledge.pk}/")
    assert "不雅的名字" in client.get(campaign.url).content.decode()


# --- Progress updates -----------------------------------------------------------------


def test_staff_enter_a_dated_progress_update(admin_client, client, manual_campaign):
    goal = manual_campaign.goals.get()
    form = admin_client.get(PROGRESS + "new/").content.decode()
    assert "绿色出行 — 租赁新能源公务用车" in form
    day = shiyan_today() - datetime.timedelta(days=3)
    response = admin_client.post(
        PROGRESS + "new/",
        {"goal": goal.pk, "date": day.isoformat(), "value": "276", "note": "第一批交付"},
    )
    assert response.status_code == 302
    update = GoalUpdate.objects.get()
    assert update.created_by.is_superuser and update.value == 276
    assert goal_progress(goal=goal).value == 276
    html = client.get(manual_campaign.url).content.decode()
    assert 'aria-valuenow="276"' in html and day.isoformat() in html
    listing = admin_client.get(PROGRESS, {"campaign": manual_campaign.pk}).content.decode()
    assert "第一批交付" in listing


@pytest.mark.parametrize(
    ("date", "value"),
    [
        (shiyan_today() + datetime.timedelta(days=1), "10"),
        (shiyan_today(), "-5"),
        (shiyan_today(), "abc"),
    ],
)
def test_future_dates_and_negative_figures_are_refused(admin_client, manual_campaign, date, value):
    goal = manual_campaign.goals.get()
    response = admin_client.post(
        PROGRESS + "new/", {"goal": goal.pk, "date": date.isoformat(), "value": value}
    )
    assert response.status_code == 200
    assert "error" in response.content.decode()
    assert not GoalUpdate.objects.exists()


def test_goals_counted_from_data_take_no_manual_updates(admin_client, campaign):
    goal = campaign.goals.get()  # a pledges goal
    assert "作出光盘承诺" not in admin_client.get(PROGRESS + "new/").content.decode()
    response = admin_client.post(
        PROGRESS + "new/", {"goal": goal.pk, "date": shiyan_today().isoformat(), "value": "5"}
    )
    assert response.status_code == 200 and not GoalUpdate.objects.exists()


def test_editors_may_enter_progress(client, manual_campaign):
    editor = group_client(client, "editor")
    assert editor.get(PROGRESS).status_code == 200


# --- The page editor ------------------------------------------------------------------


def test_staff_create_a_campaign_with_goals_in_the_page_editor(admin_client, campaigns_index):
    data = nested_form_data(
        {
            "title": "节约用电",
            "slug": "save-power",
            "summary": "人走灯灭。",
            "theme": "energy",
            "start_date": "2027-01-01",
            "end_date": "2027-12-31",
            "pledge_text": "我承诺：人走灯灭",
            "body": streamfield([("text", rich_text("<p>正文</p>"))]),
            "goals": inline_formset(
                [{"label": "承诺人数", "kind": "pledges", "target": "500", "unit": "人"}]
            ),
            "related_links": inline_formset([]),
            "action-publish": "publish",
        }
    )
    url = f"/admin/pages/add/campaigns/campaignpage/{campaigns_index.pk}/"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.content.decode()[:2000]
    page = CampaignPage.objects.get(slug="save-power", locale__language_code="zh-hans")
    assert page.live and page.goals.get().locale_id == page.locale_id
    # The English tree gets an alias whose goal shares the translation key.
    alias = CampaignPage.objects.get(alias_of=page)
    assert alias.goals.get().translation_key == page.goals.get().translation_key


def test_the_page_editor_refuses_an_end_before_the_start(admin_client, campaigns_index):
    data = nested_form_data(
        {
            "title": "倒着的行动",
            "slug": "backwards",
            "summary": "结束在开始之前。",
            "theme": "energy",
            "start_date": "2027-01-01",
            "end_date": "2026-12-31",
            "pledge_text": "",
            "body": streamfield([]),
            "goals": inline_formset([{"label": "目标", "kind": "manual", "target": "1"}]),
            "related_links": inline_formset([]),
        }
    )
    url = f"/admin/pages/add/campaigns/campaignpage/{campaigns_index.pk}/"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert not CampaignPage.objects.filter(slug="backwards").exists()


def test_a_volunteer_with_a_profile_appears_by_display_name(admin_client, campaign):
    user = VolunteerFactory(display_name="队员小李").user
    Pledge.objects.create(campaign=campaign, user=user, display_name="队员小李")
    html = admin_client.get(PLEDGES).content.decode()
    assert "队员小李" in html and user.email not in html
