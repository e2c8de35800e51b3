"""Staff ask for exports of service records and activity reports.

Bad filters are refused with a message for each field and nothing is queued; the files
name the volunteers, so only staff who may read records, reports and profiles get them.
"""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from portal.errors import ServiceError
from showcase.roles import editorial_setup_ensure
from tests.volunteers.recognition.helpers import EXPORTS, make_officer, post_form
from volunteers.recognition.models.exports import Export
from volunteers.recognition.services.exports.requests import export_filters_clean, export_request

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("english")]


@pytest.fixture
def editor(db):
    groups = editorial_setup_ensure()
    user = get_user_model().objects.create_user("editor", "editor@example.com", "pw")
    user.groups.add(groups["Editors"])
    return user


# --- Filters -----------------------------------------------------------------------------


def test_bad_filters_get_a_clear_message_for_each_field(world):
    with pytest.raises(ServiceError) as caught:
        export_filters_clean(
            {
                "date_from": "2026-13-01",
                "county": "999999",
                "township": "888888",
                "team": "123456",
                "status": "lost",
            }
        )
    errors = caught.value.message_dict
    assert errors["date_from"] == ["Enter a real date as YYYY-MM-DD, e.g. 2026-05-01."]
    assert errors["county"] == ["There is no county with the code “999999”."]
    assert errors["township"] == ["There is no township with the code “888888”."]
    assert errors["team"] == ["There is no such team; choose one from the list."]
    assert errors["status"] == ["Choose one of the statuses in the list."]

    for odd_team in ("²", "٣", "9" * 30, "-1", "0"):
        with pytest.raises(ServiceError) as caught:
            export_filters_clean({"team": odd_team})
        assert caught.value.message_dict == {
            "team": ["There is no such team; choose one from the list."]
        }

    with pytest.raises(ServiceError) as caught:
        export_filters_clean({"date_from": "2026-05-02", "date_to": "2026-05-01"})
    assert caught.value.message_dict == {"date_to": ["The end date is before the start date."]}

    with pytest.raises(ServiceError) as caught:
        export_filters_clean({"date_from": "2010-01-01", "date_to": "2026-01-01"})
    assert "at most 10 years" in caught.value.message_dict["date_to"][0]

    with pytest.raises(ServiceError) as caught:
        export_filters_clean({"county": world.county_a.code, "township": world.town_b.code})
    assert caught.value.message_dict["township"] == [
        "Xijiadian is in Danjiangkou, not in Yunyang: choose a township of the chosen county, "
        "or no county."
    ]

    for bad in ("abc", "2026-5-1", "20260501", "2026-02-30"):
        with pytest.raises(ServiceError):
            export_filters_clean({"date_to": bad})


def test_good_filters_are_kept_in_their_stored_form(world):
    cleaned = export_filters_clean(
        {
            "date_from": datetime.date(2026, 1, 1),
            "date_to": " 2026-03-31 ",
            "county": world.county_a.code,
            "township": world.town_a.code,
            "team": str(world.team_a.pk),
            "status": "approved",
            "unknown": "ignored",
        }
    )
    assert cleaned == {
        "date_from": "2026-01-01",
        "date_to": "2026-03-31",
        "county": world.county_a.code,
        "township": world.town_a.code,
        "team": world.team_a.pk,
        "status": "approved",
    }
    assert export_filters_clean({"date_from": "", "team": None}) == {}
    # Reports have statuses of their own.
    assert export_filters_clean({"status": "rejected"}, kind="reports") == {"status": "rejected"}
    with pytest.raises(ServiceError):
        export_filters_clean({"status": "withdrawn"}, kind="reports")


def test_bad_filters_on_the_page_show_the_form_again_and_queue_nothing(
    officer_client, world, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        response = post_form(
            officer_client,
            "background",
            date_from="2026-13-01",
            county=world.county_a.code,
            township=world.town_b.code,
            team="99999",
        )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Nothing was exported: check the choices marked below." in html
    assert "Enter a real date as YYYY-MM-DD, e.g. 2026-05-01." in html
    assert "Xijiadian is in Danjiangkou, not in Yunyang" in html
    assert "There is no such team; choose one from the list." in html
    assert callbacks == [] and Export.objects.count() == 0

    response = post_form(officer_client, "download", date_from="2026-05-02", date_to="2026-05-01")
    assert response.status_code == 400 and not response.streaming
    assert "The end date is before the start date." in response.content.decode()

    response = post_form(officer_client, "download", record_status="lost")
    assert response.status_code == 400


# --- Who may export ----------------------------------------------------------------------


def test_only_staff_with_the_volunteer_permissions_may_ask_for_exports(
    world, staff, volunteer, leader, editor, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        for person in (volunteer, leader, editor, staff):
            with pytest.raises(PermissionDenied):
                export_request(by=person, kind="records", format="csv", filters={})
    assert callbacks == [] and Export.objects.count() == 0


def test_a_superuser_may_export(admin_user, world, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        export = export_request(by=admin_user, kind="reports", format="xlsx", filters={})
    export.refresh_from_db()
    assert export.status == "done" and export.rows_total == 0


def test_the_exports_page_and_files_are_for_staff_only(
    client, officer, world, editor, volunteer, django_capture_on_commit_callbacks
):
    client.force_login(officer)
    home = client.get("/admin/").content.decode()
    assert EXPORTS in home
    page = client.get(EXPORTS)
    assert page.status_code == 200
    html = page.content.decode()
    assert "Download CSV now" in html and "Prepare in the background" in html
    with django_capture_on_commit_callbacks(execute=True):
        post_form(client, "background")
    export = Export.objects.get()
    urls = [
        EXPORTS,
        reverse("volunteer_exports:progress", args=[export.pk]),
        reverse("volunteer_exports:status", args=[export.pk]),
        reverse("volunteer_exports:download", args=[export.pk]),
    ]

    # Another staff member may follow and download it (the same rows are theirs to export).
    colleague = make_officer("同事小王")
    client.force_login(colleague)
    for url in urls:
        assert client.get(url).status_code == 200, url
    assert str(export.pk) not in client.get(EXPORTS).content.decode().split("recent exports")[1]

    # Editors may use the admin but get a 403 here, and no menu item.
    client.force_login(editor)
    assert EXPORTS not in client.get("/admin/").content.decode()
    for url in urls:
        assert client.get(url).status_code == 403, url
    response = post_form(client, "download")
    assert response.status_code == 403 and not getattr(response, "streaming", False)

    # Volunteers and leaders are told the admin is for staff.
    for person in (volunteer, world.leader_a):
        client.force_login(person)
        for url in urls:
            response = client.get(url)
            assert response.status_code == 403 and response.context["admin_only"], url
    client.logout()
    assert client.get(urls[-1]).status_code == 302
    assert Export.objects.count() == 1
